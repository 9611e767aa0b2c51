//! One row of the program search results.

use leptos::prelude::*;
use leptos_router::components::A;
use senkoi_domain::program::is_over_capacity;
use senkoi_domain::wire::ProgramSummary;

use crate::i18n::{Msg, use_i18n};
use crate::reference::{prefecture_name, specialty_name};

#[component]
pub fn ProgramRow(program: ProgramSummary) -> impl IntoView {
    let i18n = use_i18n();
    let over_capacity = is_over_capacity(program.applicant_count, program.capacity);
    let ProgramSummary {
        id,
        name,
        specialty,
        prefecture,
        base_facility_name,
        capacity,
        applicant_count,
        researcher_course,
        ..
    } = program;
    let label = move |msg: Msg| move || i18n.t(msg);

    view! {
        <tr data-testid="program-row">
            <th scope="row" data-label=label(Msg::ColProgramName)>
                <A href=format!("/programs/{id}") attr:data-testid="program-link">
                    {name}
                </A>
                {researcher_course
                    .then(|| {
                        view! {
                            <span class="badge">{move || i18n.t(Msg::ResearcherCourseBadge)}</span>
                        }
                    })}
            </th>
            <td data-label=label(Msg::ColSpecialty)>
                {move || specialty_name(i18n.lang(), &specialty)}
            </td>
            <td data-label=label(Msg::ColPrefecture)>
                {move || prefecture_name(i18n.lang(), prefecture)}
            </td>
            <td data-label=label(Msg::ColBaseFacility)>{base_facility_name}</td>
            <td class="num" data-label=label(Msg::ColCapacity)>
                {capacity}
            </td>
            <td class="num" class:over-capacity=over_capacity data-label=label(Msg::ColApplicants)>
                {applicant_count}
                {over_capacity
                    .then(|| {
                        view! {
                            <span class="over-mark">
                                " (" {move || i18n.t(Msg::OverCapacityMark)} ")"
                            </span>
                        }
                    })}
            </td>
        </tr>
    }
}
