//! My page's 応募状況: the current application with its withdrawal (取下げ, after a confirmation)
//! and the history, newest first, as the server answers them.

use leptos::prelude::*;
use senkoi_domain::wire::{ApplicationView, MyApplications};

use crate::api::{self, ApiProblem};
use crate::components::application_card::{ApplicationCard, ApplicationLine};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_box::ErrorBox;
use crate::components::loading::Loading;
use crate::i18n::{Msg, round_name, use_i18n};
use crate::session::use_session;

#[component]
pub fn MyApplicationsSection() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let applications =
        LocalResource::new(move || async move { session.authorized(api::my_applications).await });
    // The application being withdrawn, while the dialog asks.
    let asking = RwSignal::new(None::<ApplicationView>);
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiProblem>);
    let withdrawn = RwSignal::new(false);

    let withdraw = Callback::new(move |_| {
        let Some(application) = asking.get_untracked() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        problem.set(None);
        withdrawn.set(false);
        leptos::task::spawn_local(async move {
            let id = application.id;
            let answer = session.authorized(|token| api::withdraw(token, id.clone())).await;
            asking.set(None);
            match answer {
                Ok(_) => withdrawn.set(true),
                Err(refused) => problem.set(Some(refused)),
            }
            pending.set(false);
            // Either way the server's answer may have changed what is withdrawable.
            applications.refetch();
        });
    });

    let asked = move || {
        asking.get().map(|application| {
            let ApplicationView { program_name, round_year, round_kind, .. } = application;
            view! {
                <ConfirmDialog
                    title=Msg::WithdrawConfirmTitle
                    text=Msg::WithdrawConfirmText
                    confirm=Msg::WithdrawConfirmButton
                    confirm_testid="confirm-withdraw"
                    on_confirm=withdraw
                    on_cancel=Callback::new(move |_| asking.set(None))
                    pending
                >
                    <dl class="detail-list compact">
                        <dt>{move || i18n.t(Msg::LabelProgram)}</dt>
                        <dd>{program_name}</dd>
                        <dt>{move || i18n.t(Msg::ColRound)}</dt>
                        <dd>{move || round_name(i18n.lang(), round_year, round_kind)}</dd>
                    </dl>
                </ConfirmDialog>
            }
        })
    };

    view! {
        <section class="card my-section my-applications" data-testid="section-applications">
            <h2>{move || i18n.t(Msg::MyApplications)}</h2>
            {move || withdrawn.get().then(|| view! {
                <p class="notice success" role="status" data-testid="withdraw-done">{move || i18n.t(Msg::WithdrawDone)}</p>
            })}
            {move || problem.get().map(|problem| view! { <ErrorBox problem testid="withdraw-error" /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match applications.await {
                        Ok(MyApplications { current, history }) => {
                            view! { <Applications current history asking /> }.into_any()
                        }
                        Err(problem) => view! { <ErrorBox problem /> }.into_any(),
                    }
                })}
            </Transition>
            {asked}
        </section>
    }
}

#[component]
fn Applications(
    current: Option<ApplicationView>,
    history: Vec<ApplicationView>,
    asking: RwSignal<Option<ApplicationView>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(current) = current else {
        return view! { <p class="muted" data-testid="no-applications">{move || i18n.t(Msg::NoApplications)}</p> }
            .into_any();
    };
    let on_withdraw = {
        let current = current.clone();
        Callback::new(move |_| asking.set(Some(current.clone())))
    };
    view! {
        <ApplicationCard application=current on_withdraw />
        <h3>{move || i18n.t(Msg::ApplicationHistory)}</h3>
        <ul class="application-history" data-testid="application-history">
            {history.into_iter().map(|application| view! { <ApplicationLine application /> }).collect_view()}
        </ul>
    }
    .into_any()
}
