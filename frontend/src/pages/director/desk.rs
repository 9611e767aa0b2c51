//! The program page's shared state and the director's acts on it: one decision, a bulk decision,
//! a decline. Every answer, accepted or refused, reloads the room and the applicants, so the
//! gauge always shows what the server counts now.

use std::collections::BTreeSet;
use std::future::Future;

use leptos::prelude::*;
use senkoi_domain::application::Decision;
use senkoi_domain::wire::BulkDecision;

use crate::api::ApiProblem;
use crate::api::directing;
use crate::i18n::Msg;
use crate::session::Session;

/// Shared through context by the program page; `Copy`, so handlers capture it freely.
#[derive(Clone, Copy)]
pub struct Desk {
    session: Session,
    program: StoredValue<String>,
    /// Bumped after every answer to an act: the room and the applicants reload on it.
    pub version: RwSignal<u32>,
    /// An act is on its way; the controls wait.
    pub busy: RwSignal<bool>,
    /// The last refusal, shown until the next act (or another round or page is shown).
    pub problem: RwSignal<Option<ApiProblem>>,
    /// The application a refused single decision was for: its row shows the refusal, where the
    /// director is looking, instead of the top of the page.
    pub refused_at: RwSignal<Option<String>>,
    /// What the last act did, when it was accepted.
    pub done: RwSignal<Option<Done>>,
    /// The bulk decision the dialog asks about (`Some(None)`: 未処理 for all).
    pub confirming_bulk: RwSignal<Option<Option<Decision>>>,
    /// The applications ticked for a bulk decision.
    pub selected: RwSignal<BTreeSet<String>>,
    /// The hired applicant whose decline the dialog asks about.
    pub declining: RwSignal<Option<Declining>>,
}

/// What an accepted act did, as the page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// One act, said by its message.
    Said(Msg),
    /// A bulk decision, with how many applications it changed.
    Bulk(usize),
}

/// An application whose decline (辞退) waits for the director's confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declining {
    pub application: String,
    pub name: String,
    pub receipt_number: String,
}

impl Desk {
    pub fn new(session: Session, program: String) -> Desk {
        Desk {
            session,
            program: StoredValue::new(program),
            version: RwSignal::new(0),
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
            refused_at: RwSignal::new(None),
            done: RwSignal::new(None),
            confirming_bulk: RwSignal::new(None),
            selected: RwSignal::new(BTreeSet::new()),
            declining: RwSignal::new(None),
        }
    }

    /// The program's id.
    pub fn program(&self) -> String {
        self.program.get_value()
    }

    pub fn session(&self) -> Session {
        self.session
    }

    /// Forgets what the last act said: another round or page is shown.
    pub fn clear(&self) {
        self.problem.set(None);
        self.refused_at.set(None);
        self.done.set(None);
    }

    /// Runs `act` unless another is on its way; `done` is the notice of its success, `answered`
    /// hears whether it succeeded.
    fn act<T, Fut>(
        &self,
        act: impl FnOnce(Session) -> Fut + 'static,
        done: Done,
        answered: impl FnOnce(bool) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiProblem>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.clear();
        let desk = *self;
        leptos::task::spawn_local(async move {
            match act(desk.session).await {
                Ok(_) => {
                    answered(true);
                    desk.done.set(Some(done));
                }
                Err(refused) => {
                    answered(false);
                    desk.problem.set(Some(refused));
                }
            }
            desk.busy.set(false);
            desk.version.update(|v| *v += 1);
        });
    }

    /// Records one decision (`None`: 未処理); a refusal is shown at its row.
    pub fn decide(&self, application: String, decision: Option<Decision>) {
        let (refused_at, at) = (self.refused_at, application.clone());
        self.act(
            move |session| async move {
                session.authorized(|token| directing::decide(token, application.clone(), decision)).await
            },
            Done::Said(Msg::DecisionSaved),
            move |accepted| {
                if !accepted {
                    refused_at.set(Some(at));
                }
            },
        );
    }

    /// Records `decision` for every ticked application, all or nothing.
    pub fn decide_selected(&self, decision: Option<Decision>) {
        let decisions: Vec<BulkDecision> = self
            .selected
            .get_untracked()
            .into_iter()
            .map(|application_id| BulkDecision { application_id, decision })
            .collect();
        if decisions.is_empty() {
            return;
        }
        let (selected, count) = (self.selected, decisions.len());
        self.confirming_bulk.set(None);
        self.act(
            move |session| async move {
                session.authorized(|token| directing::decide_many(token, decisions.clone())).await
            },
            Done::Bulk(count),
            move |accepted| {
                if accepted {
                    selected.set(BTreeSet::new());
                }
            },
        );
    }

    /// Records that a hired resident declined (辞退), as the dialog asked.
    pub fn decline_asked(&self) {
        let Some(Declining { application, .. }) = self.declining.get_untracked() else { return };
        let declining = self.declining;
        self.act(
            move |session| async move {
                session.authorized(|token| directing::decline(token, application.clone())).await
            },
            Done::Said(Msg::DeclineDone),
            move |_| declining.set(None),
        );
    }
}

/// The desk of the program page in context.
pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}
