//! The form of a program (専門研修プログラム) for the board: a new one, or changes to one (only
//! the fields changed are sent). Refusals past a limit read as the domain words them, with the
//! figures.

use leptos::prelude::*;
use senkoi_domain::program::{
    parse_base_facility, parse_capacity_text, parse_catalogue_name, parse_year_text,
};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::wire::ProgramDetail;

use crate::api::ApiProblem;
use crate::api::board::{self, ProgramBody};
use crate::components::admin::facility_picker::FacilityPicker;
use crate::components::page_error::PageError;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::form::{FieldErrors, land_field_errors, ready_to_send, refusal};
use crate::i18n::{Lang, Msg, use_i18n};
use crate::session::use_session;

const FIELDS: [&str; 6] = ["name", "specialty", "year", "capacity", "base_facility_id", "contact"];

fn specialty_options(lang: Lang) -> Vec<(String, String)> {
    Specialty::ALL
        .into_iter()
        .map(|s| (s.code().to_string(), lang.pick(s.name_ja(), s.name_en()).to_string()))
        .collect()
}

/// The form's values, as typed.
#[derive(Clone, Copy)]
struct Values {
    name: RwSignal<String>,
    specialty: RwSignal<String>,
    year: RwSignal<String>,
    capacity: RwSignal<String>,
    facility: RwSignal<String>,
    facility_name: RwSignal<String>,
    researcher_course: RwSignal<bool>,
    contact: RwSignal<String>,
    description: RwSignal<String>,
}

impl Values {
    fn of(program: Option<&ProgramDetail>) -> Values {
        let text = |f: fn(&ProgramDetail) -> String| RwSignal::new(program.map(f).unwrap_or_default());
        Values {
            name: text(|p| p.summary.name.clone()),
            specialty: text(|p| p.summary.specialty.clone()),
            year: text(|p| p.summary.year.to_string()),
            capacity: text(|p| p.summary.capacity.to_string()),
            facility: text(|p| p.summary.base_facility_id.clone()),
            facility_name: text(|p| p.summary.base_facility_name.clone()),
            researcher_course: RwSignal::new(program.is_some_and(|p| p.summary.researcher_course)),
            contact: text(|p| p.contact.clone()),
            description: text(|p| p.description.clone()),
        }
    }

    /// The whole program as typed, or the domain's refusals of it.
    fn body(&self) -> Result<ProgramBody, Vec<(String, String)>> {
        let name = parse_catalogue_name(&self.name.get_untracked());
        let specialty = Specialty::parse(&self.specialty.get_untracked());
        let year = parse_year_text(&self.year.get_untracked());
        let capacity = parse_capacity_text(&self.capacity.get_untracked());
        let facility = parse_base_facility(&self.facility.get_untracked());
        let refusals: Vec<(String, String)> = [
            refusal(name.clone()),
            refusal(specialty.clone()),
            refusal(year.clone()),
            refusal(capacity.clone()),
            refusal(facility.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        match (name, specialty, year, capacity, facility) {
            (Ok(name), Ok(specialty), Ok(year), Ok(capacity), Ok(facility)) => Ok(ProgramBody {
                name: Some(name),
                specialty: Some(specialty.code().to_string()),
                year: Some(year),
                base_facility_id: Some(facility),
                capacity: Some(capacity),
                researcher_course: Some(self.researcher_course.get_untracked()),
                contact: Some(self.contact.get_untracked().trim().to_string()),
                description: Some(self.description.get_untracked().trim().to_string()),
            }),
            _ => Err(refusals),
        }
    }
}

/// What differs between `before` and `after`: the fields to send in a change.
fn changes(before: &ProgramBody, after: ProgramBody) -> ProgramBody {
    fn keep<T: PartialEq>(before: &Option<T>, after: Option<T>) -> Option<T> {
        after.filter(|value| before.as_ref() != Some(value))
    }
    ProgramBody {
        name: keep(&before.name, after.name),
        specialty: keep(&before.specialty, after.specialty),
        year: keep(&before.year, after.year),
        base_facility_id: keep(&before.base_facility_id, after.base_facility_id),
        capacity: keep(&before.capacity, after.capacity),
        researcher_course: keep(&before.researcher_course, after.researcher_course),
        contact: keep(&before.contact, after.contact),
        description: keep(&before.description, after.description),
    }
}

/// A new program (`program` = `None`) or changes to `program`.
#[component]
pub fn ProgramForm(
    program: Option<ProgramDetail>,
    on_saved: Callback<ProgramDetail>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let values = Values::of(program.as_ref());
    let before = values.body().ok();
    let id = program.as_ref().map(|p| p.summary.id.clone());
    let creating = id.is_none();
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| errors.update(|e| e.check(values.body().err().unwrap_or_default())));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        let Ok(body) = values.body() else { return };
        let (id, body) = match (&id, &before) {
            (Some(id), Some(before)) => (Some(id.clone()), changes(before, body)),
            _ => (None, body),
        };
        if id.is_some() && body == ProgramBody::default() {
            on_cancel.run(());
            return;
        }
        pending.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let answer = match id {
                Some(id) => {
                    session.authorized(|token| board::change_program(token, id.clone(), body.clone())).await
                }
                None => session.authorized(|token| board::create_program(token, body.clone())).await,
            };
            pending.set(false);
            match answer {
                Ok(saved) => on_saved.run(saved),
                Err(refused) => {
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
        });
    };
    let heading = move || i18n.t(if creating { Msg::AdminNewProgram } else { Msg::AdminEditProgramTitle });
    view! {
        <form class="card form-card admin-card program-form" novalidate on:submit=submit data-testid="program-form" aria-labelledby="program-form-heading">
            <h2 id="program-form-heading">{heading}</h2>
            <PageError problem />
            <TextField field="name" value=values.name errors on_check=check label=Msg::FieldProgramName required=true />
            <SelectField field="specialty" value=values.specialty errors on_check=check options=specialty_options required=true />
            <div class="form-grid">
                <TextField field="year" value=values.year errors on_check=check inputmode="numeric" required=true />
                <TextField field="capacity" value=values.capacity errors on_check=check inputmode="numeric" required=true />
            </div>
            <FacilityPicker chosen=values.facility chosen_name=values.facility_name errors />
            <div class="field check-field">
                <input
                    id="field-researcher_course"
                    type="checkbox"
                    data-testid="field-researcher_course"
                    prop:checked=move || values.researcher_course.get()
                    on:change:target=move |ev| values.researcher_course.set(ev.target().checked())
                />
                <label for="field-researcher_course">{move || i18n.t(Msg::DetailResearcherCourse)}</label>
            </div>
            <TextField field="contact" value=values.contact errors on_check=check label=Msg::DetailContact multiline=true />
            <TextField field="description" value=values.description errors on_check=check label=Msg::DetailDescription multiline=true />
            <div class="form-actions">
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>{move || i18n.t(Msg::CancelButton)}</button>
                <button type="submit" class="button primary" data-testid="program-save" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::SaveButton })}
                </button>
            </div>
        </form>
    }
}
