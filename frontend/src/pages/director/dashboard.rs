//! The director's dashboard (`/director`): the programs they direct, each with the room left
//! under its capacity and ceiling, and the way to its applicants.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::round::Period;
use senkoi_domain::wire::DirectedProgram;

use crate::api::directing;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::document::use_page_title;
use crate::i18n::{Msg, format_instant, format_people, format_year, round_name, use_i18n};
use crate::reference::prefecture_name;
use crate::session::use_session;

#[component]
pub fn DirectorDashboard() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::DirectorTitle));
    let session = use_session();
    let programs =
        LocalResource::new(move || async move { session.authorized(directing::my_programs).await });
    view! {
        <div class="container page director-dashboard" data-testid="director-dashboard">
            <h1>{move || i18n.t(Msg::DirectorTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::DirectorLead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match programs.await {
                        Ok(programs) if programs.is_empty() => view! {
                            <p class="empty" data-testid="no-programs">{move || i18n.t(Msg::NoDirectedPrograms)}</p>
                        }
                        .into_any(),
                        Ok(programs) => view! { <Programs programs /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem testid="page-error" /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Programs(programs: Vec<DirectedProgram>) -> impl IntoView {
    let i18n = use_i18n();
    let head =
        move |msg: Msg, class: &'static str| view! { <th scope="col" class=class>{move || i18n.t(msg)}</th> };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::DirectedProgramsCaption)>
            <table class="data-table director-programs" data-testid="director-programs">
                <caption class="visually-hidden">{move || i18n.t(Msg::DirectedProgramsCaption)}</caption>
                <thead>
                    <tr>
                        {head(Msg::ColProgramName, "")}
                        {head(Msg::ColSpecialty, "")}
                        {head(Msg::ColPrefecture, "")}
                        {head(Msg::DetailYear, "")}
                        {head(Msg::ColCapacity, "num")}
                        {head(Msg::ColHired, "num")}
                        {head(Msg::RoomRemainingCapacity, "num")}
                        {head(Msg::RoomRemainingCeiling, "num")}
                        {head(Msg::ColCurrentRound, "")}
                        {head(Msg::ColUndecided, "num")}
                    </tr>
                </thead>
                <tbody>
                    {programs.into_iter().map(|program| view! { <ProgramLine program /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ProgramLine(program: DirectedProgram) -> impl IntoView {
    let i18n = use_i18n();
    let DirectedProgram { id, name, specialty, year, prefecture, room, current, .. } = program;
    let undecided = current.as_ref().map(|c| c.undecided);
    let current_round = current.map(|c| {
        let (round_year, round_kind) = (c.round_year, c.round_kind);
        let running = c.period.zip(c.period_ends_at);
        view! {
            {move || round_name(i18n.lang(), round_year, round_kind)}
            {running.map(|(period, ends)| view! {
                <br />
                <span class="muted" data-testid="program-deadline">
                    {move || {
                        let label = i18n.t(match period {
                            Period::Application => Msg::ColApplicationPeriod,
                            Period::Adjustment => Msg::ColAdjustmentPeriod,
                            Period::Confirmation => Msg::ColConfirmationPeriod,
                        });
                        format!("{label} {} {}", i18n.t(Msg::DeadlineUntil), format_instant(i18n.lang(), ends))
                    }}
                </span>
            })}
        }
    });
    let href = format!("/director/programs/{}", js_sys::encode_uri_component(&id));
    let ceiling_left = room.remaining_ceiling;
    view! {
        <tr data-testid="director-program-row">
            <th scope="row">
                <A href=href attr:data-testid="director-program-link">{name}</A>
            </th>
            <td>{move || i18n.lang().pick(specialty.name_ja(), specialty.name_en()).to_string()}</td>
            <td>{move || prefecture_name(i18n.lang(), prefecture)}</td>
            <td>{move || format_year(i18n.lang(), year)}</td>
            <td class="num">{move || format_people(i18n.lang(), room.capacity)}</td>
            <td class="num">{move || format_people(i18n.lang(), room.hired)}</td>
            <td class="num" class:room-empty=room.remaining_capacity == 0 data-testid="program-remaining-capacity">
                {move || format_people(i18n.lang(), room.remaining_capacity)}
            </td>
            <td class="num" class:room-empty=ceiling_left == Some(0) data-testid="program-remaining-ceiling">
                {move || ceiling_left.map_or_else(|| Msg::NoPeriod.text(i18n.lang()).to_string(), |left| format_people(i18n.lang(), left))}
            </td>
            <td data-testid="program-current-round">{current_round}</td>
            <td class="num" class:undecided=undecided.is_some_and(|n| n > 0) data-testid="program-undecided">
                {move || undecided.map_or_else(|| Msg::NoPeriod.text(i18n.lang()).to_string(), |n| format_people(i18n.lang(), n))}
            </td>
        </tr>
    }
}
