//! The audit log (`/admin/audit`): who changed what and when, newest first, filtered by actor,
//! action, entity and a period (Japan time), paged; each event with its detail in short and its
//! place in the hash chain.

use leptos::prelude::*;
use senkoi_domain::wire::{AuditEventView, Page};

use crate::api::board::{self, AuditQuery};
use crate::clock::from_jst_input;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_instant, format_total, use_i18n};
use crate::session::use_session;

/// The first `n` characters of `text`, with an ellipsis when it was longer.
pub fn shortened(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n).collect::<String>())
    }
}

/// An event's detail on one line: compact JSON without the outer braces' noise for objects.
pub fn compact_detail(detail: &serde_json::Value) -> String {
    match detail {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::AdminAuditTitle));
    let session = use_session();
    let query = RwSignal::new(AuditQuery { page: 1, ..AuditQuery::default() });
    let events = LocalResource::new(move || {
        let query = query.get();
        async move { session.authorized(|token| board::audit_events(token, query.clone())).await }
    });
    let fields: [(&'static str, Msg, RwSignal<String>); 4] = [
        ("audit-actor", Msg::AdminAuditActor, RwSignal::new(String::new())),
        ("audit-action", Msg::AdminAuditAction, RwSignal::new(String::new())),
        ("audit-entity", Msg::AdminAuditEntity, RwSignal::new(String::new())),
        ("audit-entity-id", Msg::AdminAuditEntityId, RwSignal::new(String::new())),
    ];
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |i: usize| fields[i].2.get_untracked().trim().to_string();
        query.set(AuditQuery {
            actor_id: text(0),
            action: text(1),
            entity: text(2),
            entity_id: text(3),
            from: from_jst_input(&from.get_untracked()),
            to: from_jst_input(&to.get_untracked()),
            page: 1,
        });
    };
    let text_field = move |(id, label, value): (&'static str, Msg, RwSignal<String>)| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id type="text" data-testid=id prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
            </div>
        }
    };
    let instant_field = move |id: &'static str, label: Msg, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id type="datetime-local" data-testid=id prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
            </div>
        }
    };

    view! {
        <div class="container page admin-page admin-audit" data-testid="admin-audit">
            <h1>{move || i18n.t(Msg::AdminAuditTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminAuditLead)}</p>
            <form class="card search-form" novalidate on:submit=submit aria-label=move || i18n.t(Msg::AdminAuditFilters)>
                <div class="form-grid">
                    {fields.into_iter().map(text_field).collect_view()}
                    {instant_field("audit-from", Msg::AdminAuditFrom, from)}
                    {instant_field("audit-to", Msg::AdminAuditTo, to)}
                </div>
                <p class="field-hint">{move || i18n.t(Msg::AdminHintJst)}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" data-testid="audit-search">{move || i18n.t(Msg::SearchButton)}</button>
                </div>
            </form>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match events.await {
                        Ok(page) => view! { <Events page on_page=Callback::new(move |p| query.update(|q| q.page = p)) /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Events(page: Page<AuditEventView>, on_page: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty" data-testid="no-audit-events">{move || i18n.t(Msg::AdminNoneLeft)}</p> }.into_any();
    }
    let (current, total) = (page.page, page.total);
    let pages = page.pages();
    let head = move |msg: Msg| view! { <th scope="col">{move || i18n.t(msg)}</th> };
    view! {
        <p class="result-summary" data-testid="audit-total">{move || format_total(i18n.lang(), total)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AdminAuditTitle)>
            <table class="data-table audit-table" data-testid="audit-table">
                <caption class="visually-hidden">{move || i18n.t(Msg::AdminAuditTitle)}</caption>
                <thead>
                    <tr>
                        {head(Msg::AdminAuditAt)}
                        {head(Msg::AdminAuditActor)}
                        {head(Msg::AdminAuditAction)}
                        {head(Msg::AdminAuditEntity)}
                        {head(Msg::AdminAuditDetail)}
                        {head(Msg::AdminAuditChain)}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|event| view! { <EventRow event /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=current pages on_page />
    }
    .into_any()
}

#[component]
fn EventRow(event: AuditEventView) -> impl IntoView {
    let i18n = use_i18n();
    let at = event.at;
    let detail = compact_detail(&event.detail);
    let chain = match (event.seq, &event.hash) {
        (Some(seq), Some(hash)) => format!("#{seq} {}", shortened(hash, 12)),
        (Some(seq), None) => format!("#{seq}"),
        _ => String::new(),
    };
    let sealed = event.seq.is_some();
    view! {
        <tr data-testid="audit-row">
            <th scope="row">{move || format_instant(i18n.lang(), at)}</th>
            <td>
                {event.actor_kind}
                {event.actor_id.map(|id| view! { <br /><span class="mono" title=id.clone()>{shortened(&id, 8)}</span> })}
            </td>
            <td class="mono" data-testid="audit-action">{event.action}</td>
            <td>
                {event.entity}
                {event.entity_id.map(|id| view! { <br /><span class="mono" title=id.clone()>{shortened(&id, 12)}</span> })}
            </td>
            <td class="audit-detail" data-testid="audit-detail">{shortened(&detail, 160)}</td>
            <td class="mono" data-testid="audit-chain">
                {if sealed { view! { <span>{chain}</span> }.into_any() } else {
                    view! { <span class="muted">{move || i18n.t(Msg::AdminAuditUnsealed)}</span> }.into_any()
                }}
                {event.request_id.map(|id| view! { <br /><span class="muted" title=id.clone()>{shortened(&id, 8)}</span> })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_short_text_kept() {
        assert_eq!(shortened("abcdef", 4), "abcd…");
        assert_eq!(shortened("abc", 4), "abc");
        assert_eq!(shortened("東京都内科", 2), "東京…");
        assert_eq!(compact_detail(&serde_json::json!({"after": 3})), r#"{"after":3}"#);
        assert_eq!(compact_detail(&serde_json::Value::Null), "");
    }
}
