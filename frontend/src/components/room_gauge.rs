//! The gauge of a program's room (採用枠の残り): what is left under its capacity (定員の残り) and,
//! where a ceiling applies, under the ceiling (シーリングの残り), as text and as a `<meter>`.
//! The figures are the server's (`capacity::room` of the domain); nothing is counted here.

use leptos::prelude::*;
use senkoi_domain::capacity::Room;

use crate::i18n::{Msg, format_limit, format_people, use_i18n};

#[component]
pub fn RoomGauge(room: Room) -> impl IntoView {
    let i18n = use_i18n();
    let Room { capacity, hired, remaining_capacity, ceiling, ceiling_hired, remaining_ceiling, remaining } =
        room;
    let ceiling_line = match (ceiling, remaining_ceiling) {
        (Some(ceiling), Some(left)) => view! {
            <Line kind="ceiling" label=Msg::RoomRemainingCeiling left limit=ceiling hired=ceiling_hired />
            <p class="muted room-note">{move || i18n.t(Msg::RoomCeilingNote)}</p>
        }
        .into_any(),
        _ => view! {
            <p class="room-line muted" data-testid="room-no-ceiling">{move || i18n.t(Msg::RoomNoCeiling)}</p>
        }
        .into_any(),
    };
    view! {
        <div class="room-gauge" data-testid="room-gauge" aria-live="polite">
            <Line kind="capacity" label=Msg::RoomRemainingCapacity left=remaining_capacity limit=capacity hired />
            {ceiling_line}
            {(remaining == 0).then(|| view! {
                <p class="notice warning room-full" data-testid="room-full">{move || i18n.t(Msg::RoomFull)}</p>
            })}
        </div>
    }
}

/// One limit: its name, the places left in large type, a meter and the figures behind it.
#[component]
fn Line(kind: &'static str, label: Msg, left: u32, limit: u32, hired: u32) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("room-meter-{kind}");
    let figures_id = format!("room-figures-{kind}");
    view! {
        <div class="room-line" class:room-empty=left == 0 data-testid=format!("room-{kind}")>
            <label class="room-label" for=id.clone()>{move || i18n.t(label)}</label>
            <span class="room-left" data-testid=format!("room-remaining-{kind}")>
                {move || format_people(i18n.lang(), left)}
            </span>
            <meter
                id=id
                min="0"
                max=limit.to_string()
                low="1"
                high=limit.to_string()
                optimum=limit.to_string()
                value=left.to_string()
                aria-describedby=figures_id.clone()
            >
                {move || format_people(i18n.lang(), left)}
            </meter>
            <span class="room-figures muted" id=figures_id>
                {move || format_limit(i18n.lang(), limit, hired)}
            </span>
        </div>
    }
}
