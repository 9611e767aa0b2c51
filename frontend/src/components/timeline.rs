//! My page's personal timeline (これからの予定): the steps of the resident's round — what happens,
//! who acts, when, in JST — with the next one marked. The domain decides the steps
//! (`senkoi_domain::timeline`); "now" is the server's clock.

use leptos::prelude::*;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::timeline::{Current, Step, Timeline, resident_timeline};

use crate::api::{self, ApiProblem};
use crate::clock::schedule_of;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::i18n::{Msg, format_instant, round_kind_name, use_i18n};
use crate::session::use_session;

/// What the timeline is drawn from, fetched together.
async fn load(session: crate::session::Session) -> Result<Timeline, ApiProblem> {
    let now = api::server_now().await?;
    let mine = session.authorized(api::my_applications).await?;
    let year = mine.current.as_ref().map_or_else(|| recruitment_year_at(now), |c| c.round_year);
    let rounds = api::rounds(Some(year)).await?;
    let schedules: Vec<_> = rounds.iter().filter_map(schedule_of).collect();
    let current_schedule =
        mine.current.as_ref().and_then(|c| rounds.iter().find(|r| r.id == c.round_id)).and_then(schedule_of);
    let current = match (&mine.current, &current_schedule) {
        (Some(c), Some(round)) => Some(Current { round, visible: c.status }),
        _ => None,
    };
    Ok(resident_timeline(now, &schedules, current))
}

#[component]
pub fn MyTimeline() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let timeline = LocalResource::new(move || load(session));
    view! {
        <section class="card my-section my-timeline" data-testid="section-timeline">
            <h2>{move || i18n.t(Msg::Timeline)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match timeline.await {
                        Ok(Timeline::Hired) => view! {
                            <p data-testid="timeline-hired">{move || i18n.t(Msg::TimelineHired)}</p>
                        }
                        .into_any(),
                        Ok(Timeline::NothingLeft) => view! {
                            <p class="muted" data-testid="timeline-nothing-left">{move || i18n.t(Msg::TimelineNothingLeft)}</p>
                        }
                        .into_any(),
                        Ok(Timeline::Steps(steps)) => view! { <Steps steps /> }.into_any(),
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Steps(steps: Vec<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let next = steps.iter().position(|s| !s.done);
    view! {
        <ol class="timeline" data-testid="timeline">
            {steps
                .into_iter()
                .enumerate()
                .map(|(i, step)| {
                    let is_next = next == Some(i);
                    let actor = step.actor();
                    view! {
                        <li
                            class="timeline-step"
                            class:done=step.done
                            class:next=is_next
                            aria-current=is_next.then_some("step")
                            data-testid=if is_next { "timeline-next" } else { "timeline-step" }
                        >
                            <time datetime=step.at.to_rfc3339()>{move || format_instant(i18n.lang(), step.at)}</time>
                            " "
                            {is_next.then(|| view! { <span class="badge">{move || i18n.t(Msg::TimelineNext)}</span> })}
                            <span class="timeline-what">
                                {move || round_kind_name(i18n.lang(), step.round)} " · "
                                {move || i18n.lang().pick(step.kind.name_ja(), step.kind.name_en())}
                            </span>
                            <span class="timeline-who">
                                <span class="visually-hidden">{move || i18n.t(Msg::TimelineWho)} ": "</span>
                                {move || i18n.lang().pick(actor.name_ja(), actor.name_en())}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
