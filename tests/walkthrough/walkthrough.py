"""The README's walk-through for a society's system ("A society's walk-through on the demo"), run
through a Python client generated from openapi/openapi.json by openapi-python-client: if the
server and the published spec drift apart, a typed call or its model breaks here.

    python walkthrough.py [PATH_OF_THE_GENERATED_PACKAGE]

The package path may also come from SENKOI_GENERATED_CLIENT; the package is imported by its
directory's name. The rest comes from the environment:

    SENKOI_BASE_URL       the server, e.g. http://127.0.0.1:8080 (without /api/v1)
    SENKOI_CLIENT_ID      the society client's client_id
    SENKOI_CLIENT_SECRET  its secret
    SENKOI_ROUND_ID       a round in whose application period the specialty's programs recruit
    SENKOI_WEBHOOK_URL    where to register the webhook endpoint (a demo server allows loopback)
    SENKOI_EXPECT_EXISTING  optional: how many applications the feed holds before the sandbox

Each step is printed; any failure ends the run with a message and a non-zero exit code.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
import traceback
from pathlib import Path

# Feeds show a change once the audit chain has sealed it, within two seconds (README).
FEED_WAIT_SECONDS = 30.0


class WalkthroughFailed(Exception):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise WalkthroughFailed(message)


def env(name: str) -> str:
    value = os.environ.get(name, "")
    check(value, f"the environment variable {name} is not set")
    return value


def load_generated(path: str):
    """Imports the generated package at `path` and the modules the walk-through uses."""
    package_dir = Path(path).resolve()
    check((package_dir / "__init__.py").is_file(), f"no generated package at {package_dir}")
    sys.path.insert(0, str(package_dir.parent))
    name = package_dir.name

    def module(sub: str):
        return importlib.import_module(f"{name}.{sub}")

    class Generated:
        client = module("client")
        models = module("models")
        types = module("types")
        token = module("api.societies.token")
        application_feed = module("api.societies.application_feed")
        create_endpoint = module("api.societies.create_endpoint")
        list_endpoints = module("api.societies.list_endpoints")
        list_deliveries = module("api.societies.list_deliveries")
        make_applications = module("api.societies.make_applications")
        clear = module("api.societies.clear")

    return Generated


def answered(response, status: int, model, what: str):
    """The parsed body of `response`, which must be `status` with a `model` body."""
    check(
        response.status_code == status,
        f"{what}: expected HTTP {status}, got {response.status_code}: {response.content[:500]!r}",
    )
    check(
        isinstance(response.parsed, model),
        f"{what}: expected a {model.__name__}, got {type(response.parsed).__name__}",
    )
    return response.parsed


def step(number: int, text: str) -> None:
    print(f"step {number}: {text}", flush=True)


def run(g) -> None:
    base_url = env("SENKOI_BASE_URL").rstrip("/")
    client_id, client_secret = env("SENKOI_CLIENT_ID"), env("SENKOI_CLIENT_SECRET")
    round_id, webhook_url = env("SENKOI_ROUND_ID"), env("SENKOI_WEBHOOK_URL")
    expect_existing = os.environ.get("SENKOI_EXPECT_EXISTING")
    m = g.models
    UNSET = g.types.UNSET

    # 1. A token by OAuth 2 client credentials. The spec declares the body as
    # application/x-www-form-urlencoded, and the generated function sends it so.
    step(1, "a token by OAuth 2 client credentials (POST /api/v1/auth/token)")
    anonymous = g.client.Client(base_url=base_url, raise_on_unexpected_status=True)
    form = m.TokenRequest(grant_type="client_credentials", client_id=client_id, client_secret=client_secret)
    token = answered(g.token.sync_detailed(client=anonymous, body=form), 200, m.ClientToken, "token")
    check(token.token_type.lower() == "bearer", f"token_type {token.token_type!r}")
    check(token.scope.startswith("specialty:"), f"scope {token.scope!r}")
    check(0 < token.expires_in <= 15 * 60, f"expires_in {token.expires_in}")
    print(f"  {token.token_type} token, scope {token.scope}, {token.expires_in} s")
    refused = g.token.sync_detailed(
        client=anonymous,
        body=m.TokenRequest(grant_type="client_credentials", client_id=client_id, client_secret="wrong"),
    )
    error = answered(refused, 401, m.OAuthError, "token with a wrong secret")
    check(error.error == "invalid_client", f"error {error.error!r}")

    society = g.client.AuthenticatedClient(
        base_url=base_url, token=token.access_token, raise_on_unexpected_status=True
    )

    def feed(cursor=UNSET, limit=UNSET):
        response = g.application_feed.sync_detailed(client=society, cursor=cursor, limit=limit)
        return answered(response, 200, m.SyncPageSocietyApplication, "the application feed")

    # 2. The specialty's applications, five at a time, following next_cursor while has_more.
    step(2, "the applications, five at a time (GET /api/v1/society/applications?limit=5)")
    page = feed(limit=5)
    existing = list(page.items)
    pages = 1
    while True:
        check(len(page.items) <= 5, f"a page of {len(page.items)} items with limit=5")
        check(page.next_cursor, "a page without next_cursor")
        if not page.has_more:
            break
        check(len(page.items) == 5, "has_more on a page that is not full")
        page = feed(cursor=page.next_cursor, limit=5)
        existing.extend(page.items)
        pages += 1
    cursor = page.next_cursor
    ids = [a.id for a in existing]
    check(len(ids) == len(set(ids)), f"an application came twice: {ids}")
    print(f"  {len(existing)} applications in {pages} page(s); next_cursor {cursor}")
    if expect_existing is not None:
        check(
            len(existing) == int(expect_existing),
            f"expected {expect_existing} applications in the feed, got {len(existing)}",
        )

    # 3. The next poll gives only what changed after the cursor: nothing, and the same cursor.
    step(3, "the next poll (GET /api/v1/society/applications?cursor=<next_cursor>)")
    again = feed(cursor=cursor)
    check(again.items == [], f"expected no change, got {[a.id for a in again.items]}")
    check(again.next_cursor == cursor, f"the cursor moved: {cursor} -> {again.next_cursor}")
    check(again.has_more is False, "has_more on an empty page")
    print("  nothing new; the same cursor")

    # 4. A webhook endpoint for new applications and results; its whsec_ secret is shown once.
    step(4, "a webhook endpoint (POST /api/v1/society/webhook-endpoints)")
    events = [m.WebhookEvent.APPLICATION_SUBMITTED, m.WebhookEvent.RESULTS_RELEASED]
    made = g.create_endpoint.sync_detailed(client=society, body=m.EndpointRequest(url=webhook_url, events=events))
    endpoint = answered(made, 201, m.WebhookEndpointCreated, "the webhook endpoint")
    check(endpoint.secret.startswith("whsec_"), "the secret is not a whsec_ one")
    check(endpoint.url == webhook_url, f"url {endpoint.url!r}")
    check(sorted(endpoint.events) == sorted(events), f"events {endpoint.events}")
    listed = g.list_endpoints.sync_detailed(client=society)
    check(listed.status_code == 200 and isinstance(listed.parsed, list), f"list endpoints: {listed.content!r}")
    check(
        any(isinstance(e, m.WebhookEndpointView) and e.id == endpoint.id for e in listed.parsed),
        "the new endpoint is not listed",
    )
    print(f"  endpoint {endpoint.id} for {', '.join(endpoint.events)}")

    # 5. Test applications in the round: they come in the feed and at the webhook; then clear them.
    step(5, "three test applications (POST /api/v1/society/sandbox/applications)")
    sandbox = g.make_applications.sync_detailed(client=society, body=m.SandboxRequest(round_id=round_id, count=3))
    made = answered(sandbox, 201, m.SandboxApplications, "the sandbox").applications
    check(len(made) == 3, f"expected 3 test applications, got {len(made)}")
    for application in made:
        check(isinstance(application, m.SocietyApplication), f"not a SocietyApplication: {application!r}")
        check(application.round_id == round_id, f"round {application.round_id}")
        check(application.status == m.ApplicationStatus.APPLIED, f"status {application.status}")
        check(application.results_published is False, "results published already")
    wanted = {a.id for a in made}
    print(f"  made {', '.join(a.receipt_number for a in made)}")

    seen: dict[str, object] = {}
    deadline = time.monotonic() + FEED_WAIT_SECONDS
    while set(seen) != wanted:
        page = feed(cursor=cursor)
        for item in page.items:
            check(item.id in wanted, f"the feed has {item.id}, which is not a test application")
            seen[item.id] = item
        cursor = page.next_cursor
        if set(seen) != wanted and not page.has_more:
            check(time.monotonic() < deadline, f"the feed showed {len(seen)} of the 3 after {FEED_WAIT_SECONDS} s")
            time.sleep(0.5)
    check(all(i.status == m.ApplicationStatus.APPLIED for i in seen.values()), "statuses in the feed")
    print(f"  the feed shows the 3 new applications; next_cursor {cursor}")

    deadline = time.monotonic() + FEED_WAIT_SECONDS
    while True:
        log = g.list_deliveries.sync_detailed(endpoint.id, client=society, per_page=50)
        log = answered(log, 200, m.PageWebhookDeliveryView, "the delivery log")
        submitted = [d for d in log.items if d.event == m.WebhookEvent.APPLICATION_SUBMITTED]
        # Each one tried once at least (whatever the receiver answered), so that clearing below
        # does not race the first attempt.
        if len(submitted) >= 3 and all(d.attempts for d in submitted):
            break
        check(
            time.monotonic() < deadline,
            f"{len(submitted)} deliveries, {sum(bool(d.attempts) for d in submitted)} tried, after {FEED_WAIT_SECONDS} s",
        )
        time.sleep(0.5)
    check(len(submitted) == 3, f"expected 3 application.submitted deliveries, got {len(submitted)}")
    for delivery in submitted:
        check(delivery.endpoint_id == endpoint.id, f"delivery {delivery.id} of endpoint {delivery.endpoint_id}")
        check(delivery.payload["type"] == "application.submitted", f"payload {delivery.payload!r}")
    statuses = ", ".join(f"{d.state} ({d.attempts[0].status})" for d in submitted)
    print(f"  3 application.submitted deliveries in the endpoint's log: {statuses}")

    step(6, "clear them (DELETE /api/v1/society/sandbox/applications)")
    cleared = answered(g.clear.sync_detailed(client=society), 200, m.SandboxCleared, "clearing")
    check(
        (cleared.applications, cleared.residents) == (3, 3),
        f"expected 3 applications and 3 residents removed, got {cleared.applications} and {cleared.residents}",
    )
    print("  removed 3 applications and 3 test residents")


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else os.environ.get("SENKOI_GENERATED_CLIENT", "")
    try:
        check(path, "give the generated package's path as the argument or in SENKOI_GENERATED_CLIENT")
        run(load_generated(path))
    except WalkthroughFailed as failed:
        print(f"FAILED: {failed}", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - a generated model that no longer fits the answer, a network error…
        traceback.print_exc()
        print("FAILED: the walk-through broke with an exception (above)", file=sys.stderr)
        return 2
    print("walk-through passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
