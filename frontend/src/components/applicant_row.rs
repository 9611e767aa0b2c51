//! One applicant of the director's table: the tick for a bulk decision, the receipt, the name
//! with its kana, the years since the licence, the track and regional quota, the true status,
//! the decision control (採用・不採用・保留・未処理) and, for a hired one, the decline (辞退).

use leptos::prelude::*;
use senkoi_domain::application::Decision;
use senkoi_domain::wire::Applicant;

use crate::components::error_box::ErrorBox;
use crate::i18n::{
    Msg, about_applicant, curriculum_reason_label, format_instant, format_years, status_label, track_label,
    use_i18n,
};
use crate::pages::director::desk::{Declining, use_desk};

/// The decision control's value for "no decision" (未処理); the others are the domain's codes.
pub const UNDECIDED: &str = "none";

/// The decision a control's value stands for: `None` for [`UNDECIDED`], nothing for anything
/// else unknown.
pub fn decision_of(value: &str) -> Option<Option<Decision>> {
    if value == UNDECIDED {
        return Some(None);
    }
    Decision::parse(value).ok().map(Some)
}

/// The control's choices: 未処理 first, then the domain's decisions.
pub fn decision_choices() -> impl Iterator<Item = (&'static str, Option<Decision>)> {
    std::iter::once((UNDECIDED, None)).chain(Decision::ALL.into_iter().map(|d| (d.code(), Some(d))))
}

#[component]
pub fn ApplicantRow(applicant: Applicant) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let Applicant { application, receipt_number, applied_at, years_since_license, profile, deleted, .. } =
        applicant;
    let id = application.id.clone();
    let row_id = id.clone();
    let status = application.status;
    let decision = application.decision;
    let decidable = status.is_decidable();
    let hired = status.is_hired();
    // A resident who deleted their account is 退会済み: their details are gone.
    let name = if deleted {
        i18n.t(Msg::ApplicantDeleted).to_string()
    } else {
        format!("{} {}", profile.family_name, profile.given_name)
    };
    let kana = format!("{} {}", profile.family_name_kana, profile.given_name_kana);
    let track = profile.track.clone();
    let reason = profile.curriculum_reason.clone();
    let regional_quota = profile.regional_quota;

    let tick = decidable.then(|| {
        let id = id.clone();
        let name = name.clone();
        let checked = {
            let id = id.clone();
            move || desk.selected.with(|s| s.contains(&id))
        };
        view! {
            <input
                type="checkbox"
                data-testid=format!("select-{id}")
                aria-label=move || about_applicant(i18n.lang(), Msg::ColSelect, &name)
                prop:checked=checked
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    desk.selected.update(|s| {
                        if on {
                            s.insert(id.clone());
                        } else {
                            s.remove(&id);
                        }
                    });
                }
            />
        }
    });

    let control = decidable.then(|| {
        let id = id.clone();
        let name = name.clone();
        let current = decision.map_or(UNDECIDED, Decision::code);
        let choices = move || {
            let lang = i18n.lang();
            decision_choices()
                .map(|(value, decision)| {
                    let label =
                        decision.map_or(Msg::DecisionNone.text(lang), |d| status_label(lang, d.status()));
                    view! { <option value=value prop:selected=value == current>{label}</option> }
                })
                .collect_view()
        };
        view! {
            <select
                class="decision-select"
                data-testid=format!("decision-{id}")
                aria-label=move || about_applicant(i18n.lang(), Msg::ColDecision, &name)
                disabled=move || desk.busy.get()
                on:change:target=move |ev| {
                    if let Some(decision) = decision_of(&ev.target().value()) {
                        desk.decide(id.clone(), decision);
                    }
                }
            >
                {choices}
            </select>
        }
    });

    let decline = hired.then(|| {
        let asked =
            Declining { application: id.clone(), name: name.clone(), receipt_number: receipt_number.clone() };
        let name = name.clone();
        view! {
            <button
                type="button"
                class="button secondary small"
                data-testid=format!("decline-{id}")
                aria-label=move || about_applicant(i18n.lang(), Msg::DeclineButton, &name)
                disabled=move || desk.busy.get()
                on:click=move |_| desk.declining.set(Some(asked.clone()))
            >
                {move || i18n.t(Msg::DeclineButton)}
            </button>
        }
    });

    view! {
        <tr data-testid=format!("applicant-{id}") class="applicant-row" class:hired=hired>
            <td class="tick">{tick}</td>
            <td>
                <span class="receipt" data-testid="receipt">{receipt_number}</span>
                <br />
                <time class="muted" datetime=applied_at.to_rfc3339()>{move || format_instant(i18n.lang(), applied_at)}</time>
            </td>
            <th scope="row">
                <span class="applicant-name" data-testid="applicant-name">{name.clone()}</span>
                <br />
                <span class="muted kana">{kana}</span>
            </th>
            <td class="num">{move || format_years(i18n.lang(), years_since_license)}</td>
            <td>
                {move || track_label(i18n.lang(), &track).unwrap_or_default().to_string()}
                {reason.clone().map(|reason| view! {
                    <br />
                    <span class="muted">{move || curriculum_reason_label(i18n.lang(), &reason).unwrap_or_default()}</span>
                })}
                {regional_quota.then(|| view! {
                    <br />
                    <span class="badge">{move || i18n.t(Msg::LabelRegionalQuotaShort)}</span>
                })}
            </td>
            <td>
                <span class=format!("badge status-{}", status.code()) data-testid="applicant-status">
                    {move || status_label(i18n.lang(), status)}
                </span>
            </td>
            <td>
                {control}
                {move || {
                    let here = desk.refused_at.with(|at| at.as_deref() == Some(row_id.as_str()));
                    here.then(|| desk.problem.get().map(|problem| view! {
                        <div class="row-refusal" role="alert">
                            <ErrorBox problem testid="row-decision-error" />
                        </div>
                    }))
                    .flatten()
                }}
            </td>
            <td>{decline}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_of_the_control_reads_back_as_its_decision() {
        let choices: Vec<_> = decision_choices().collect();
        assert_eq!(choices.len(), 1 + Decision::ALL.len());
        for (value, decision) in choices {
            assert_eq!(decision_of(value), Some(decision), "{value}");
        }
        assert_eq!(decision_of(""), None, "the bulk control's placeholder is no decision at all");
    }
}
