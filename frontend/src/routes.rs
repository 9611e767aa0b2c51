//! The routes' pages, loaded on demand in groups (home and the shell are in the main wasm).
//!
//! Each group is one `#[lazy]` function, a split point that `cargo xtask build-spa` cuts out of
//! the main wasm (wasm-split): a first visit downloads the shell and home, and a group arrives
//! with the first visit to one of its pages. wasm-split writes a module for each set of groups
//! that share code, and the build writes each group's modules into one file, its bundle, which
//! the first visit fetches in one request: so a page where people land (the search, a program's
//! page) is a group of its own and loads only its code. Groups rather than one split per page
//! elsewhere, as every group more also makes the shell name more modules.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;
use senkoi_domain::Role;

use crate::components::require_role::RequireRole;
use crate::pages::account::forgot_id::ForgotIdPage;
use crate::pages::account::forgot_password::ForgotPasswordPage;
use crate::pages::account::login::LoginPage;
use crate::pages::account::migrate_password::MigratePasswordPage;
use crate::pages::account::migrate_request::MigrateRequestPage;
use crate::pages::account::register_email::RegisterEmailPage;
use crate::pages::account::register_form::RegisterFormPage;
use crate::pages::account::reset_password::ResetPasswordPage;
use crate::pages::account::second_factor::SecondFactorPage;
use crate::pages::admin::announcements::AdminAnnouncementsPage;
use crate::pages::admin::audit::AdminAuditPage;
use crate::pages::admin::ceilings::AdminCeilingsPage;
use crate::pages::admin::completions::AdminCompletionsPage;
use crate::pages::admin::directors::AdminDirectorsPage;
use crate::pages::admin::overview::AdminOverviewPage;
use crate::pages::admin::programs::AdminProgramsPage;
use crate::pages::admin::rounds::AdminRoundsPage;
use crate::pages::admin::societies::AdminSocietiesPage;
use crate::pages::admin::staff::AdminStaffPage;
use crate::pages::consultation::file::ConsultationPage;
use crate::pages::consultation::follow::FollowPage;
use crate::pages::consultation::inbox::InboxPage;
use crate::pages::director::dashboard::DirectorDashboard;
use crate::pages::director::program::DirectorProgramPage;
use crate::pages::director::training::DirectorTrainingPage;
use crate::pages::program_detail::ProgramDetailPage;
use crate::pages::program_search::ProgramSearchPage;
use crate::pages::resident::my_page::MyPage;
use crate::pages::resident::profile::ProfilePage;
use crate::pages::resident::training::TrainingPage;
use crate::pages::schedule::SchedulePage;
use crate::pages::statistics::StatisticsPage;

/// The route types of one group: `group!(fn, Page { Route => view, … })` defines the group's
/// pages, its lazy function, and a `LazyRoute` per page that awaits it.
macro_rules! group {
    ($(#[$doc:meta])* $load:ident, $preload:ident, $pages:ident { $($(#[$page_doc:meta])* $route:ident => $view:expr),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        #[repr(u8)]
        pub enum $pages {
            $($route),+
        }

        #[lazy]
        fn $load(page: $pages) -> AnyView {
            match page {
                $($pages::$route => $view),+
            }
        }

        $(
            $(#[$page_doc])*
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $load($pages::$route).await
                }

                async fn preload() {
                    $preload().await;
                }
            }
        )+
    };
}

group!(
    /// The search of the catalogue, where many first visits land: alone, so it loads only its own
    /// code (every group's modules come in one file, so a group more costs no more requests).
    search_pages,
    __preload_search_pages,
    SearchPage {
        /// `/programs`
        ProgramSearch => view! { <ProgramSearchPage /> }.into_any(),
    }
);

group!(
    /// A program's page, where links from elsewhere land.
    program_pages,
    __preload_program_pages,
    ProgramPage {
        /// `/programs/:id`
        ProgramDetail => view! { <ProgramDetailPage /> }.into_any(),
    }
);

group!(
    /// The schedule of the rounds.
    schedule_pages,
    __preload_schedule_pages,
    SchedulePageGroup {
        /// `/schedule`
        Schedule => view! { <SchedulePage /> }.into_any(),
    }
);

group!(
    /// The public figures with the map of Japan: apart from the catalogue, as the map weighs 35 KB.
    statistics_pages,
    __preload_statistics_pages,
    StatisticsGroupPage {
        /// `/statistics`
        Statistics => view! { <StatisticsPage /> }.into_any(),
    }
);

group!(
    /// Signing in and the reminders it links to: short forms a visitor lands on, apart from the
    /// long ones, so a first visit to /login loads little.
    entry_pages,
    __preload_entry_pages,
    EntryPage {
        /// `/login`
        Login => view! { <LoginPage /> }.into_any(),
        /// `/forgot-id`
        ForgotId => view! { <ForgotIdPage /> }.into_any(),
        /// `/forgot-password`
        ForgotPassword => view! { <ForgotPasswordPage /> }.into_any(),
    }
);

group!(
    /// Asking for a registration link, where a newcomer lands.
    register_pages,
    __preload_register_pages,
    RegisterPage {
        /// `/register`
        RegisterEmail => view! { <RegisterEmailPage /> }.into_any(),
    }
);

group!(
    /// A resident's account: the long forms (registering, a new password, the move of an old
    /// account, which share the resident's form) and the resident's own pages behind the
    /// resident's guard. One group, as every group more cuts the shared code into more modules.
    resident_pages,
    __preload_resident_pages,
    ResidentPage {
        /// `/register/:token`
        RegisterForm => view! { <RegisterFormPage /> }.into_any(),
        /// `/reset-password/:token`
        ResetPassword => view! { <ResetPasswordPage /> }.into_any(),
        /// `/migrate`
        MigrateRequest => view! { <MigrateRequestPage /> }.into_any(),
        /// `/migrate/:token`
        MigratePassword => view! { <MigratePasswordPage /> }.into_any(),
        /// `/me`
        ResidentMy => view! { <RequireRole role=Role::Resident><MyPage /></RequireRole> }.into_any(),
        /// `/me/profile`
        ResidentProfile => view! { <RequireRole role=Role::Resident><ProfilePage /></RequireRole> }.into_any(),
        /// `/me/training`
        ResidentTraining => view! { <RequireRole role=Role::Resident><TrainingPage /></RequireRole> }.into_any(),
    }
);

group!(
    /// The consultation desk as residents first meet it: filing a consultation.
    consultation_pages,
    __preload_consultation_pages,
    ConsultationDeskPage {
        /// `/consultation`
        Consultation => view! { <ConsultationPage /> }.into_any(),
    }
);

group!(
    /// Following a consultation filed, with its private key.
    follow_pages,
    __preload_follow_pages,
    FollowPageGroup {
        /// `/consultation/follow`
        ConsultationFollow => view! { <FollowPage /> }.into_any(),
    }
);

group!(
    /// The staff's pages, each behind its role's guard: the second factor's set-up, the
    /// consultation officer's inbox, the
    /// director's dashboard, the board's administration (the admin shell guards it). One group:
    /// staff work at desks, and every group more cuts the code the groups share into more
    /// modules, which each entry page then fetches one by one.
    staff_pages,
    __preload_staff_pages,
    StaffPage {
        /// `/account/second-factor`, for every staff role
        SecondFactor => view! {
            <RequireRole role=Role::Admin others=&[Role::ConsultationOfficer, Role::Director]><SecondFactorPage /></RequireRole>
        }
        .into_any(),
        /// `/consultations`
        OfficerInbox => view! { <RequireRole role=Role::ConsultationOfficer><InboxPage /></RequireRole> }.into_any(),
        /// `/director`
        DirectorHome => view! { <RequireRole role=Role::Director><DirectorDashboard /></RequireRole> }.into_any(),
        /// `/director/programs/:id`
        DirectorProgram => view! { <RequireRole role=Role::Director><DirectorProgramPage /></RequireRole> }.into_any(),
        /// `/director/training`
        DirectorTraining => view! { <RequireRole role=Role::Director><DirectorTrainingPage /></RequireRole> }.into_any(),
        /// `/admin`
        AdminOverview => view! { <AdminOverviewPage /> }.into_any(),
        /// `/admin/rounds`
        AdminRounds => view! { <AdminRoundsPage /> }.into_any(),
        /// `/admin/ceilings`
        AdminCeilings => view! { <AdminCeilingsPage /> }.into_any(),
        /// `/admin/directors`
        AdminDirectors => view! { <AdminDirectorsPage /> }.into_any(),
        /// `/admin/staff`
        AdminStaff => view! { <AdminStaffPage /> }.into_any(),
        /// `/admin/programs`
        AdminPrograms => view! { <AdminProgramsPage /> }.into_any(),
        /// `/admin/completions`
        AdminCompletions => view! { <AdminCompletionsPage /> }.into_any(),
        /// `/admin/societies`
        AdminSocieties => view! { <AdminSocietiesPage /> }.into_any(),
        /// `/admin/announcements`
        AdminAnnouncements => view! { <AdminAnnouncementsPage /> }.into_any(),
        /// `/admin/audit`
        AdminAudit => view! { <AdminAuditPage /> }.into_any(),
    }
);
