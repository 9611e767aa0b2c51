//! The page-level error of a form (`data-testid=page-error`): shown while a refusal stands.

use leptos::prelude::*;

use crate::api::ApiProblem;
use crate::components::error_box::ErrorBox;

#[component]
pub fn PageError(problem: RwSignal<Option<ApiProblem>>) -> impl IntoView {
    move || problem.get().map(|problem| view! { <ErrorBox problem testid="page-error" /> })
}
