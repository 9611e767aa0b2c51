//! The audit log (`/admin/audit`): each event as a sentence (who did what to what) in Japanese or
//! English, newest first, filtered by choice — an actor or a kind of actor, a kind of record and
//! one of its acts, days in Japan time — and paged; each with its detail in short and its place
//! in the hash chain.

use leptos::prelude::*;
use senkoi_domain::audit::{ActorKind, AuditAction, AuditEntity, target_en, target_ja};
use senkoi_domain::wire::{AuditEventView, Page};

use crate::api::board::{self, AuditQuery};
use crate::clock::jst_day_start;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::components::pager::Pager;
use crate::document::use_page_title;
use crate::i18n::{Lang, Msg, format_instant, format_total, use_i18n};
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

/// The actor filter's choice: anyone, everyone of a kind, or one staff member or society.
fn actor_choice(value: &str) -> (Option<ActorKind>, String) {
    match value.split_once(':') {
        Some(("kind", code)) => (ActorKind::ALL.iter().copied().find(|k| k.code() == code), String::new()),
        Some(("id", id)) => (None, id.to_string()),
        _ => (None, String::new()),
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
    let actors = LocalResource::new(move || async move { session.authorized(board::audit_actors).await });
    let (actor, entity, action) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let entity_id = RwSignal::new(String::new());
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (actor_kind, actor_id) = actor_choice(&actor.get_untracked());
        query.set(AuditQuery {
            actor_id,
            actor_kind,
            action: AuditAction::parse(&action.get_untracked()),
            entity: AuditEntity::parse(&entity.get_untracked()),
            entity_id: entity_id.get_untracked().trim().to_string(),
            from: jst_day_start(&from.get_untracked(), 0),
            to: jst_day_start(&to.get_untracked(), 1),
            page: 1,
        });
    };
    let lang = move || i18n.lang();
    let actor_options = move || {
        let kinds = ActorKind::ALL
            .iter()
            .map(|kind| {
                let label = match lang() {
                    Lang::Ja => format!("{}（すべて）", kind.label_ja()),
                    Lang::En => format!("Any {}", kind.label_en().trim_start_matches("the ")),
                };
                view! { <option value=format!("kind:{}", kind.code())>{label}</option> }
            })
            .collect_view();
        let named = actors.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|a| {
            let label = format!("{} {}", kind_label(lang(), a.kind), a.name);
            view! { <option value=format!("id:{}", a.id)>{label}</option> }
        });
        view! {
            <option value="">{i18n.t(Msg::AdminAuditAnyone)}</option>
            <optgroup label=i18n.t(Msg::AdminAuditByKind)>{kinds}</optgroup>
            <optgroup label=i18n.t(Msg::AdminAuditByName)>{named.collect_view()}</optgroup>
        }
    };
    let entity_options = move || {
        let kinds = AuditEntity::ALL.iter().map(|e| {
            let label = match lang() {
                Lang::Ja => e.noun_ja().to_string(),
                Lang::En => e.label_en(),
            };
            view! { <option value=e.code()>{label}</option> }
        });
        view! {
            <option value="">{i18n.t(Msg::AdminAuditEverything)}</option>
            {kinds.collect_view()}
        }
    };
    // The acts of the chosen kind of record only; an act of another kind is cleared.
    let action_options = move || {
        let chosen = AuditEntity::parse(&entity.get());
        let acts = AuditAction::ALL.iter().filter(move |a| chosen.is_none_or(|e| a.entity() == e)).map(|a| {
            let label = match lang() {
                Lang::Ja => a.label_ja(),
                Lang::En => a.label_en(),
            };
            view! { <option value=a.code() prop:selected=move || action.get() == a.code()>{label}</option> }
        });
        view! {
            <option value="">{i18n.t(Msg::AdminAuditAnyAction)}</option>
            {acts.collect_view()}
        }
    };
    let on_entity = move |value: String| {
        let kept = AuditAction::parse(&action.get_untracked())
            .is_some_and(|a| AuditEntity::parse(&value).is_none_or(|e| a.entity() == e));
        if !kept {
            action.set(String::new());
        }
        entity.set(value);
    };
    let date_field = move |id: &'static str, label: Msg, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id type="date" data-testid=id prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
            </div>
        }
    };

    view! {
        <div class="container page admin-page admin-audit" data-testid="admin-audit">
            <h1>{move || i18n.t(Msg::AdminAuditTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::AdminAuditLead)}</p>
            <form class="card search-form" novalidate on:submit=submit aria-label=move || i18n.t(Msg::AdminAuditFilters)>
                <div class="form-grid">
                    <div class="field">
                        <label for="audit-actor">{move || i18n.t(Msg::AdminAuditActor)}</label>
                        <select id="audit-actor" data-testid="audit-actor" on:change:target=move |ev| actor.set(ev.target().value())>
                            {actor_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="audit-entity">{move || i18n.t(Msg::AdminAuditEntity)}</label>
                        <select id="audit-entity" data-testid="audit-entity" on:change:target=move |ev| on_entity(ev.target().value())>
                            {entity_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="audit-action">{move || i18n.t(Msg::AdminAuditAction)}</label>
                        <select id="audit-action" data-testid="audit-action-filter" on:change:target=move |ev| action.set(ev.target().value())>
                            {action_options}
                        </select>
                    </div>
                    {date_field("audit-from", Msg::AdminAuditFrom, from)}
                    {date_field("audit-to", Msg::AdminAuditTo, to)}
                    <div class="field">
                        <label for="audit-entity-id">{move || i18n.t(Msg::AdminAuditEntityId)}</label>
                        <input id="audit-entity-id" type="text" data-testid="audit-entity-id" prop:value=move || entity_id.get() on:input:target=move |ev| entity_id.set(ev.target().value()) />
                    </div>
                </div>
                <p class="field-hint">{move || i18n.t(Msg::AdminAuditDaysHint)}</p>
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

/// An actor's kind as a list or a sentence names it.
fn kind_label(lang: Lang, kind: ActorKind) -> &'static str {
    match lang {
        Lang::Ja => kind.label_ja(),
        Lang::En => kind.label_en(),
    }
}

/// Who acted, for the sentence: the kind, and the name (staff, societies) or the short id (a
/// resident); the system alone.
pub fn actor_label(lang: Lang, event: &AuditEventView) -> String {
    let kind = kind_label(lang, event.actor_kind);
    match (&event.actor_name, &event.actor_id) {
        (Some(name), _) => format!("{kind} {name}"),
        (None, Some(id)) if event.actor_kind != ActorKind::System => format!("{kind} {}", shortened(id, 8)),
        _ => kind.to_string(),
    }
}

/// The event as a sentence: who did what to what.
pub fn sentence(lang: Lang, event: &AuditEventView) -> String {
    let actor = actor_label(lang, event);
    let subject = event.subject.as_ref();
    match lang {
        Lang::Ja => event.action.sentence_ja(&actor, &target_ja(event.entity, subject)),
        Lang::En => event.action.sentence_en(&actor, &target_en(event.entity, subject)),
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
                        {head(Msg::AdminAuditWhat)}
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
    let request_id = event.request_id.clone();
    let entity_id = event.entity_id.clone();
    let said = move || sentence(i18n.lang(), &event);
    view! {
        <tr data-testid="audit-row">
            <th scope="row">{move || format_instant(i18n.lang(), at)}</th>
            <td data-testid="audit-sentence">
                {said}
                {entity_id.map(|id| view! { <br /><span class="mono muted" title=id.clone()>{shortened(&id, 12)}</span> })}
            </td>
            <td class="audit-detail" data-testid="audit-detail">{shortened(&detail, 160)}</td>
            <td class="mono" data-testid="audit-chain">
                {if sealed { view! { <span>{chain}</span> }.into_any() } else {
                    view! { <span class="muted">{move || i18n.t(Msg::AdminAuditUnsealed)}</span> }.into_any()
                }}
                {request_id.map(|id| view! { <br /><span class="muted" title=id.clone()>{shortened(&id, 8)}</span> })}
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

    fn event(actor_kind: ActorKind, actor_name: Option<&str>, action: AuditAction) -> AuditEventView {
        AuditEventView {
            id: "e1".into(),
            at: chrono::DateTime::UNIX_EPOCH,
            actor_kind,
            actor_id: Some("0123456789abcdef".into()),
            actor_name: actor_name.map(String::from),
            action,
            entity: action.entity(),
            entity_id: Some("p1".into()),
            subject: Some(senkoi_domain::audit::AuditSubject::Named("城北 内科".into())),
            detail: serde_json::Value::Null,
            request_id: None,
            seq: None,
            prev_hash: None,
            hash: None,
        }
    }

    #[test]
    fn an_event_reads_as_who_did_what_to_what() {
        let changed = event(ActorKind::Admin, Some("a@example.jp"), AuditAction::ProgramUpdated);
        assert_eq!(
            sentence(Lang::Ja, &changed),
            "機構 管理者 a@example.jpがプログラム「城北 内科」を変更しました"
        );
        assert_eq!(sentence(Lang::En, &changed), "Board admin a@example.jp changed the program “城北 内科”");
        let resident = event(ActorKind::Resident, None, AuditAction::ResidentRegistered);
        assert_eq!(actor_label(Lang::Ja, &resident), "専攻医 01234567…");
        let system = event(ActorKind::System, None, AuditAction::RoundResultsReleased);
        assert_eq!(actor_label(Lang::En, &system), "the system");
    }

    #[test]
    fn the_actor_filter_reads_a_kind_or_an_id() {
        assert_eq!(
            actor_choice("kind:consultation-officer"),
            (Some(ActorKind::ConsultationOfficer), String::new())
        );
        assert_eq!(actor_choice("id:abc"), (None, "abc".to_string()));
        assert_eq!(actor_choice(""), (None, String::new()));
        assert_eq!(actor_choice("kind:root"), (None, String::new()));
    }
}
