//! Societies' systems (`/admin/societies`): the clients the societies' systems sign in with, one
//! per specialty; registering one and adding a secret show the secret this once; revoking a
//! secret or the whole client; and how each client's webhook endpoints fare.

use leptos::prelude::*;
use senkoi_domain::Specialty;
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::wire::{EndpointHealth, SocietyClientRequest, SocietyClientView};

use crate::api::{ApiProblem, societies};
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, format_instant, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 2] = ["name", "specialty"];

fn specialty_options(lang: Lang) -> Vec<(String, String)> {
    Specialty::ALL
        .into_iter()
        .map(|s| (s.code().to_string(), lang.pick(s.name_ja(), s.name_en()).to_string()))
        .collect()
}

/// A secret just issued, shown this once.
#[derive(Clone)]
struct Shown {
    client_id: String,
    secret: String,
}

#[component]
pub fn AdminSocietiesPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminSocietiesTitle));
    let session = use_session();
    let version = RwSignal::new(0u32);
    let clients = LocalResource::new(move || {
        version.track();
        async move { session.authorized(societies::clients).await }
    });
    let shown = RwSignal::new(None::<Shown>);
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <div class="container page admin-page admin-societies" data-testid="admin-societies">
            <h1>{move || i18n.t(Msg::AdminSocietiesTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminSocietiesLead)}</p>
            {move || shown.get().map(|s| view! {
                <section class="card notice success" role="status" data-testid="secret-shown">
                    <p>{move || i18n.t(Msg::AdminSecretShownOnce)}</p>
                    <p><code data-testid="shown-client-id">{s.client_id}</code></p>
                    <p><code data-testid="shown-secret">{s.secret}</code></p>
                </section>
            })}
            <NewClient shown reload />
            <section class="admin-card" aria-labelledby="clients-heading">
                <h2 id="clients-heading">{move || i18n.t(Msg::ClientsCaption)}</h2>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match clients.await {
                            Ok(items) if items.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoClients)}</p> }.into_any(),
                            Ok(items) => items.into_iter().map(|c| view! { <Client client=c shown reload /> }).collect_view().into_any(),
                            Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

#[component]
fn NewClient(shown: RwSignal<Option<Shown>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (name, specialty) =
        (RwSignal::new(String::new()), RwSignal::new(Specialty::InternalMedicine.code().to_string()));
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        let found = [
            refusal(parse_catalogue_name(&name.get_untracked())),
            refusal(Specialty::parse(&specialty.get_untracked())),
        ];
        errors.update(|e| e.check(found.into_iter().flatten()));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        let Ok(chosen) = Specialty::parse(&specialty.get_untracked()) else { return };
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let body = SocietyClientRequest { name: name.get_untracked(), specialty: chosen };
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = session.authorized(|token| societies::create_client(token, body.clone())).await;
            pending.set(false);
            match answer {
                Ok(created) => {
                    shown.set(Some(Shown {
                        client_id: created.client.client_id,
                        secret: created.client_secret,
                    }));
                    name.set(String::new());
                    reload.run(());
                }
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    view! {
        <form class="card form-card admin-card" novalidate on:submit=submit aria-labelledby="new-client-heading">
            <h2 id="new-client-heading">{move || i18n.t(Msg::AdminNewClient)}</h2>
            <PageError problem />
            <TextField field="name" value=name errors on_check=check required=true />
            <SelectField field="specialty" value=specialty errors on_check=check options=specialty_options required=true />
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="create-client" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::AdminCreateClient })}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Client(client: SocietyClientView, shown: RwSignal<Option<Shown>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let problem = RwSignal::new(None::<ApiProblem>);
    let endpoints = RwSignal::new(None::<Result<Vec<EndpointHealth>, ApiProblem>>);
    let live = client.revoked_at.is_none();
    let specialty = client.specialty;
    let (add_id, endpoints_id) = (client.id.clone(), client.id.clone());
    let add_secret = move |_| {
        let id = add_id.clone();
        leptos::task::spawn_local(async move {
            match session.authorized(|token| societies::add_secret(token, id.clone())).await {
                Ok(issued) => {
                    shown.set(Some(Shown { client_id: issued.client_id, secret: issued.client_secret }));
                    reload.run(());
                }
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    let show_endpoints = move |_| {
        let id = endpoints_id.clone();
        leptos::task::spawn_local(async move {
            endpoints.set(Some(session.authorized(|token| societies::endpoints(token, id.clone())).await));
        });
    };
    let client_id = client.id.clone();
    let revoke = move |_| {
        let id = client_id.clone();
        leptos::task::spawn_local(async move {
            match session.authorized(|token| societies::revoke_client(token, id.clone())).await {
                Ok(()) => reload.run(()),
                Err(refused) => problem.set(Some(refused)),
            }
        });
    };
    view! {
        <article class="card" data-testid="society-client">
            <h3>{client.name.clone()} " — " {move || i18n.lang().pick(specialty.name_ja(), specialty.name_en())}</h3>
            <p><code data-testid="client-id">{client.client_id.clone()}</code>
                {(!live).then(|| view! { " " <span class="badge">{move || i18n.t(Msg::Revoked)}</span> })}</p>
            <PageError problem />
            <ul class="secrets" aria-label=move || i18n.t(Msg::ColSecrets)>
                {client.secrets.into_iter().map(|secret| {
                    let (created, revoked) = (secret.created_at, secret.revoked_at);
                    let (client, secret_id) = (client.id.clone(), secret.id.clone());
                    let revoke_secret = move |_| {
                        let (client, secret_id) = (client.clone(), secret_id.clone());
                        leptos::task::spawn_local(async move {
                            let call = |token| societies::revoke_secret(token, client.clone(), secret_id.clone());
                            match session.authorized(call).await {
                                Ok(()) => reload.run(()),
                                Err(refused) => problem.set(Some(refused)),
                            }
                        });
                    };
                    view! {
                        <li data-testid="client-secret">
                            {move || i18n.t(Msg::ColIssued)} ": " {move || format_instant(i18n.lang(), created)} " "
                            {match revoked {
                                Some(_) => view! { <span class="badge">{move || i18n.t(Msg::Revoked)}</span> }.into_any(),
                                None if live => view! {
                                    <button type="button" class="button small" data-testid="revoke-secret" on:click=revoke_secret>
                                        {move || i18n.t(Msg::AdminRevokeSecret)}
                                    </button>
                                }.into_any(),
                                None => ().into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="form-actions">
                {live.then(|| view! {
                    <button type="button" class="button" data-testid="add-secret" on:click=add_secret>{move || i18n.t(Msg::AdminAddSecret)}</button>
                    <button type="button" class="button" data-testid="revoke-client" on:click=revoke>{move || i18n.t(Msg::AdminRevokeClient)}</button>
                })}
                <button type="button" class="button" data-testid="show-endpoints" on:click=show_endpoints>{move || i18n.t(Msg::ShowEndpoints)}</button>
            </div>
            {move || endpoints.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p class="empty" data-testid="no-endpoints">{move || i18n.t(Msg::NoEndpoints)}</p> }.into_any(),
                Ok(list) => view! { <Endpoints list /> }.into_any(),
                Err(problem) => view! { <ErrorBox problem /> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn Endpoints(list: Vec<EndpointHealth>) -> impl IntoView {
    let i18n = use_i18n();
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::WebhookEndpoints)>
            <table class="data-table" data-testid="client-endpoints">
                <caption class="visually-hidden">{move || i18n.t(Msg::WebhookEndpoints)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"URL"</th>
                        {head(Msg::EndpointDelivered)}
                        {head(Msg::EndpointPending)}
                        {head(Msg::EndpointFailed)}
                        {head(Msg::EndpointLastDelivered)}
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|e| {
                        let last = e.last_delivered_at;
                        view! {
                            <tr data-testid="client-endpoint">
                                <td>{e.endpoint.url}</td>
                                <td class="num">{e.delivered}</td>
                                <td class="num">{e.pending}</td>
                                <td class="num">{e.failed}</td>
                                <td>{move || last.map(|at| format_instant(i18n.lang(), at)).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
