//! Login (`/login?notice=&next=`): a resident's user ID (or a staff email) and the password; the
//! notice says why the visitor is here (logged out, session ended, account deleted…).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use senkoi_domain::UserId;

use crate::api::{self, ApiProblem};
use crate::components::page_error::PageError;
use crate::components::text_field::TextField;
use crate::document::use_page_title;
use crate::form::{FieldErrors, land_field_errors, ready_to_send};
use crate::i18n::{Msg, use_i18n};
use crate::session::{SECOND_FACTOR_PAGE, home_of, safe_next, use_session};

const FIELDS: [&str; 2] = ["login", "password"];

/// The notice of a `?notice=` code.
fn notice_msg(code: &str) -> Option<Msg> {
    Some(match code {
        "signed-out" => Msg::NoticeSignedOut,
        "session-expired" => Msg::NoticeSessionExpired,
        "login-required" => Msg::NoticeLoginRequired,
        "account-deleted" => Msg::NoticeAccountDeleted,
        "password-reset" => Msg::NoticePasswordReset,
        _ => return None,
    })
}

/// What to send as the login: a user ID as the domain writes it (`s…` → `S…`), else the text.
pub(crate) fn login_value(typed: &str) -> String {
    UserId::parse(typed).map_or_else(|_| typed.trim().to_string(), |id| id.to_string())
}

/// The login's refusals: empty fields, and a user ID whose check digit fails (a typo). An email
/// (staff) is left to the server.
pub(crate) fn login_refusals(login: &str, password: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let login = login.trim();
    if login.is_empty() {
        found.push(("login".to_string(), "required".to_string()));
    } else if !login.contains('@')
        && let Err(refused) = UserId::parse(login)
    {
        found.push(("login".to_string(), refused.code().to_string()));
    }
    if password.is_empty() {
        found.push(("password".to_string(), "required".to_string()));
    }
    found
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Some(Msg::LoginTitle));
    let session = use_session();
    // Arriving here settles why the last session ended.
    let _ = session.take_farewell();
    let query = use_query_map();
    let notice = Memo::new(move |_| query.read().get("notice").and_then(|code| notice_msg(&code)));
    let navigate = use_navigate();

    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // A staff account with a second factor: asked once the password was right.
    let code = RwSignal::new(String::new());
    let asking_code = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::default());
    let problem = RwSignal::new(None::<ApiProblem>);
    let pending = RwSignal::new(false);
    let check = Callback::new(move |_| {
        errors.update(|e| e.check(login_refusals(&login.get_untracked(), &password.get_untracked())))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check.run(());
        if pending.get_untracked() || !ready_to_send(errors, &FIELDS) {
            return;
        }
        pending.set(true);
        problem.set(None);
        let user = login_value(&login.get_untracked());
        let next = safe_next(query.read_untracked().get("next"));
        let navigate = navigate.clone();
        let typed_code = Some(code.get_untracked()).filter(|_| asking_code.get_untracked());
        leptos::task::spawn_local(async move {
            match api::login(&user, &password.get_untracked(), typed_code).await {
                Ok(pair) => {
                    let (role, setup) = (pair.role, pair.second_factor_setup);
                    session.sign_in(pair, &user);
                    // An admin or officer without a second factor sets it up before anything else.
                    let to = if setup {
                        SECOND_FACTOR_PAGE.to_string()
                    } else {
                        next.unwrap_or_else(|| home_of(role).to_string())
                    };
                    navigate(&to, NavigateOptions::default());
                }
                Err(refused) if refused.code == "second-factor-required" => asking_code.set(true),
                Err(refused) if refused.code == "invalid-second-factor" => {
                    code.set(String::new());
                    problem.set(Some(refused));
                }
                Err(refused) => {
                    password.set(String::new());
                    asking_code.set(false);
                    land_field_errors(errors, &FIELDS, &refused);
                    problem.set(Some(refused));
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="container page account-page">
            <h1>{move || i18n.t(Msg::LoginTitle)}</h1>
            {move || {
                notice
                    .get()
                    .map(|msg| {
                        view! {
                            <p class="notice info" role="status" data-testid="login-notice">
                                {move || i18n.t(msg)}
                            </p>
                        }
                    })
            }}
            <p class="lead">{move || i18n.t(Msg::LoginLead)}</p>
            <PageError problem />
            <form class="card form-card narrow" novalidate on:submit=submit>
                <TextField
                    field="login"
                    value=login
                    errors
                    on_check=check
                    autocomplete="username"
                    hint=Msg::HintLogin
                    required=true
                />
                <TextField
                    field="password"
                    value=password
                    errors
                    on_check=check
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <Show when=move || asking_code.get()>
                    <p class="notice info" role="status" data-testid="login-code-lead">{move || i18n.t(Msg::LoginCodeLead)}</p>
                    <TextField
                        field="code"
                        value=code
                        errors
                        on_check=check
                        kind="text"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        required=true
                    />
                </Show>
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button primary"
                        data-testid="submit-login"
                        disabled=move || pending.get()
                    >
                        {move || i18n.t(if pending.get() { Msg::Sending } else { Msg::LoginButton })}
                    </button>
                </div>
            </form>
            <ul class="account-links">
                <li>
                    <A href="/forgot-id" attr:data-testid="link-forgot-id">{move || i18n.t(Msg::ForgotIdLink)}</A>
                </li>
                <li>
                    <A href="/forgot-password" attr:data-testid="link-forgot-password">
                        {move || i18n.t(Msg::ForgotPasswordLink)}
                    </A>
                </li>
                <li>
                    <A href="/register" attr:data-testid="link-register">{move || i18n.t(Msg::RegisterLink)}</A>
                </li>
                <li>
                    <A href="/migrate" attr:data-testid="link-migrate">{move || i18n.t(Msg::MigrateLink)}</A>
                </li>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_id_is_checked_by_its_check_digit_and_an_email_is_left_to_the_server() {
        let valid = UserId::from_number(123_456_789).to_string();
        assert_eq!(login_refusals(&valid, "pw"), vec![]);
        assert_eq!(login_refusals("staff@example.jp", "pw"), vec![]);
        let typo = format!("{}0", &valid[..valid.len() - 1]);
        let typo = if typo == valid { format!("{}1", &valid[..valid.len() - 1]) } else { typo };
        assert_eq!(login_refusals(&typo, "pw"), vec![("login".into(), "invalid-user-id".into())]);
        assert_eq!(
            login_refusals(" ", ""),
            vec![("login".into(), "required".into()), ("password".into(), "required".into())]
        );
    }

    #[test]
    fn a_lowercase_user_id_is_sent_as_the_domain_writes_it() {
        let id = UserId::from_number(42).to_string();
        assert_eq!(login_value(&format!(" {} ", id.to_lowercase())), id);
        assert_eq!(login_value(" staff@example.jp "), "staff@example.jp");
    }

    #[test]
    fn every_notice_code_has_a_message() {
        for code in ["signed-out", "session-expired", "login-required", "account-deleted", "password-reset"] {
            assert!(notice_msg(code).is_some(), "{code}");
        }
        assert_eq!(notice_msg("<script>"), None);
    }
}
