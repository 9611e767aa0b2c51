//! A resident's account in the browser: registration through the mailed link, then login; a
//! refused form with its field errors; an expired link sending the resident back to step 1.

use chrono::Duration;
use senkoi_domain::UserId;
use senkoi_tests::webdriver::Browser;
use senkoi_tests::{TestApp, spawn_app_serving};

use crate::applying::assert_accessible;

async fn start() -> (TestApp, Browser) {
    let spa = std::env::var("SENKOI_TEST_SPA_DIR")
        .expect("SENKOI_TEST_SPA_DIR names the built SPA (cargo xtask build-spa)");
    let app = spawn_app_serving(Some(spa.into())).await;
    (app, Browser::start().await)
}

/// Step 1 in the browser; answers the mailed link's token.
async fn ask_for_link(app: &TestApp, browser: &Browser, email: &str) -> String {
    browser.goto(&format!("{}/register", app.address)).await;
    browser.type_into("[data-testid=field-email]", email).await;
    browser.click("[data-testid=submit-register-email]").await;
    browser.wait_for("[data-testid=register-mail-sent]").await;
    assert_accessible(browser, "registration step 1").await;
    let mail = app.mail.wait_for(email, "登録用URL").await;
    let link = mail.link("http://127.0.0.1/register/").expect("the mail carries the link");
    link.rsplit('/').next().unwrap().to_string()
}

/// Fills the registration form with valid values and registration number `number`.
async fn fill_form(browser: &Browser, number: &str) {
    let typed = [
        ("family_name", "山田"),
        ("given_name", "花子"),
        ("family_name_kana", "ヤマダ"),
        ("given_name_kana", "ハナコ"),
        // As a phone's digit pad and a Japanese keyboard type them.
        ("date_of_birth", "19980514"),
        ("medical_registration_number", number),
        ("license_year_month", "２０２４／４"),
        ("postal_code", "〒１００－０００５"),
        ("address", "千代田区丸の内1-1-1"),
        ("phone", "03-1234-5678"),
        ("clinical_training_program", "東京病院臨床研修プログラム"),
        ("clinical_training_completed_on", "2026/3/31"),
        ("password", "Kenshu2024"),
        ("password_confirm", "Kenshu2024"),
    ];
    for (field, value) in typed {
        browser.type_into(&format!("[data-testid=field-{field}]"), value).await;
    }
    browser.select("[data-testid=field-gender]", "female").await;
    browser.select("[data-testid=field-prefecture]", "13").await;
    browser.select("[data-testid=field-specialty]", "internal-medicine").await;
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_resident_registers_through_the_mailed_link_and_signs_in() {
    let (app, browser) = start().await;
    let token = ask_for_link(&app, &browser, "hanako@example.jp").await;
    browser.goto(&format!("{}/register/{token}", app.address)).await;
    browser.wait_for_text("[data-testid=registration-email]", |t| t.contains("hanako@example.jp")).await;
    assert_accessible(&browser, "the registration form").await;
    // The completion date is marked required, unless the program is なし.
    let marked =
        "return !!document.querySelector('label[for=field-clinical_training_completed_on] .required-mark')";
    assert_eq!(browser.script(marked).await, true);
    browser.type_into("[data-testid=field-clinical_training_program]", "なし").await;
    browser.wait_for("[data-testid=field-given_name]").await;
    assert_eq!(browser.script(marked).await, false, "not required of a resident from before the system");
    fill_form(&browser, "123456").await;
    assert_eq!(browser.script(marked).await, true);
    // Left, each field shows the usual form of what was typed.
    let value = |field: &str| format!("return document.querySelector('[data-testid=field-{field}]').value");
    for (field, shown) in [
        ("date_of_birth", "1998-05-14"),
        ("license_year_month", "2024-04"),
        ("postal_code", "100-0005"),
        ("clinical_training_completed_on", "2026-03-31"),
    ] {
        assert_eq!(browser.script(&value(field)).await, shown, "{field}");
    }
    browser.click("[data-testid=submit-registration-form]").await;

    // The confirmation screen shows what will be saved: the number zero-padded.
    browser.wait_for("[data-testid=registration-confirm]").await;
    let number = browser.text("[data-testid=value-medical_registration_number]").await;
    assert!(number.contains("0123456"), "{number}");
    browser.click("[data-testid=submit-registration]").await;

    browser.wait_for("[data-testid=registration-done]").await;
    let user_id = browser.wait_for_text("[data-testid=registered-user-id]", |t| !t.trim().is_empty()).await;
    assert_accessible(&browser, "the registration's end").await;
    let user_id = user_id.trim().to_string();
    assert!(UserId::parse(&user_id).is_ok(), "a user ID with its check digit: {user_id}");
    let mail = app.mail.wait_for("hanako@example.jp", "登録完了").await;
    assert!(mail.body.contains(&user_id), "the same user ID is mailed");

    // The board's announcements: the residents' one shows on my page, the directors' one does not.
    let admin = app.admin_token().await;
    for (title, audience) in [("専攻医の皆さまへ", "residents"), ("統括責任者の皆さまへ", "directors")]
    {
        let body = serde_json::json!({"title": title, "body": "本文", "audience": audience});
        let created =
            app.request(reqwest::Method::POST, "/api/v1/announcements", Some(&admin), Some(&body)).await;
        assert_eq!(created.status, 201, "{}", created.text);
    }

    // Sign in with it and reach my page.
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("[data-testid=field-login]", &user_id).await;
    browser.type_into("[data-testid=field-password]", "Kenshu2024").await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=my-page]").await;
    browser.wait_for_text("[data-testid=mypage-user-id]", |t| t.contains(&user_id)).await;
    browser.wait_for("[data-testid=section-user-info]").await;
    let information =
        browser.wait_for_text("[data-testid=section-information]", |t| t.contains("専攻医の皆さまへ")).await;
    assert!(!information.contains("統括責任者の皆さまへ"), "{information}");

    // The profile page reads the account back; a reload keeps the session.
    browser.click("[data-testid=link-profile]").await;
    browser.wait_for_text("[data-testid=value-user_id]", |t| t.contains(&user_id)).await;
    browser.goto(&format!("{}/me/profile", app.address)).await;
    browser.wait_for_text("[data-testid=value-family_name_kana]", |t| t.contains("ヤマダ")).await;

    browser.click("[data-testid=nav-logout]").await;
    browser.wait_for("[data-testid=nav-login]").await;
    browser.goto(&format!("{}/me", app.address)).await;
    browser.wait_for("[data-testid=field-login]").await;
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_refused_form_shows_each_error_on_its_field_in_either_language() {
    let (app, browser) = start().await;
    // A number that a live account has already: only the server knows.
    app.resident("taken@example.jp", "7654321").await;
    let token = ask_for_link(&app, &browser, "hanako@example.jp").await;
    browser.goto(&format!("{}/register/{token}", app.address)).await;
    browser.wait_for("[data-testid=field-family_name]").await;

    // Refused as typed, by the domain's own parsers.
    fill_form(&browser, "7654321").await;
    browser.type_into("[data-testid=field-family_name_kana]", "やまだ").await;
    browser.type_into("[data-testid=field-postal_code]", "12").await;
    browser.click("[data-testid=submit-registration-form]").await;
    let kana = browser.wait_for_text("[data-testid=error-family_name_kana]", |t| !t.is_empty()).await;
    assert!(kana.contains("カタカナ"), "{kana}");
    let postal = browser.wait_for_text("[data-testid=error-postal_code]", |t| !t.is_empty()).await;
    assert!(postal.contains("7桁"), "{postal}");
    assert_eq!(browser.count("[data-testid=registration-confirm]").await, 0, "no confirmation while refused");

    // English readers read English.
    browser.click("[data-testid=lang-toggle]").await;
    browser
        .wait_for_text("[data-testid=error-family_name_kana]", |t| t.to_lowercase().contains("katakana"))
        .await;
    browser.click("[data-testid=lang-toggle]").await;

    // Corrected, the server refuses the number, and its answer lands on the field.
    browser.type_into("[data-testid=field-family_name_kana]", "ヤマダ").await;
    browser.type_into("[data-testid=field-postal_code]", "1000005").await;
    browser.click("[data-testid=submit-registration-form]").await;
    browser.wait_for("[data-testid=registration-confirm]").await;
    browser.click("[data-testid=submit-registration]").await;
    let taken =
        browser.wait_for_text("[data-testid=error-medical_registration_number]", |t| !t.is_empty()).await;
    assert!(taken.contains("登録されています"), "{taken}");
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn an_expired_link_sends_the_resident_back_to_step_one_with_the_reason() {
    let (app, browser) = start().await;
    let token = ask_for_link(&app, &browser, "late@example.jp").await;
    app.set_now(chrono::Utc::now() + Duration::hours(25));
    browser.goto(&format!("{}/register/{token}", app.address)).await;
    let error = browser.wait_for_text("[data-testid=page-error]", |t| !t.is_empty()).await;
    assert!(error.contains("有効期限"), "{error}");
    browser.wait_for("[data-testid=field-email]").await;
    assert!(browser.current_url().await.contains("reason=registration-link-expired"));
    assert_eq!(browser.count("[data-testid=field-family_name]").await, 0, "no form for an expired link");
}

#[tokio::test]
#[ignore = "needs the built SPA and Chromium: run by `cargo xtask test`"]
async fn a_resident_resets_the_password_changes_the_profile_and_deletes_the_account() {
    let (app, browser) = start().await;
    let resident = app.resident("reset@example.jp", "2345678").await;

    // Forgot password → mailed link → new password.
    browser.goto(&format!("{}/forgot-password", app.address)).await;
    browser.type_into("[data-testid=field-login]", &resident.user_id).await;
    browser.click("[data-testid=submit-forgot-password]").await;
    browser.wait_for("[data-testid=forgot-password-sent]").await;
    let mail = app.mail.wait_for("reset@example.jp", "パスワード再設定").await;
    let token =
        mail.link("http://127.0.0.1/reset-password/").unwrap().rsplit('/').next().unwrap().to_string();
    browser.goto(&format!("{}/reset-password/{token}", app.address)).await;
    browser.type_into("[data-testid=field-password]", "Renewed2025").await;
    browser.type_into("[data-testid=field-password_confirm]", "Renewed2025").await;
    browser.click("[data-testid=submit-reset-password]").await;
    browser.wait_for("[data-testid=login-notice]").await;

    // Sign in with it, change the phone number.
    browser.type_into("[data-testid=field-login]", &resident.user_id).await;
    browser.type_into("[data-testid=field-password]", "Renewed2025").await;
    browser.click("[data-testid=submit-login]").await;
    browser.wait_for("[data-testid=my-page]").await;
    browser.goto(&format!("{}/me/profile", app.address)).await;
    browser.click("[data-testid=edit-profile]").await;
    browser.type_into("[data-testid=field-phone]", "090-1111-2222").await;
    browser.click("[data-testid=submit-profile]").await;
    browser.wait_for("[data-testid=profile-saved]").await;
    browser.wait_for_text("[data-testid=value-phone]", |t| t.contains("090-1111-2222")).await;
    let tokens = app.login(&resident.user_id, "Renewed2025").await;
    let me = app.request(reqwest::Method::GET, "/api/v1/me", tokens["access_token"].as_str(), None).await;
    assert_eq!(me.body["phone"], "090-1111-2222", "saved on the server");

    // Delete the account, confirming in the dialog.
    browser.click("[data-testid=delete-account]").await;
    browser.click("[data-testid=confirm-delete]").await;
    browser.wait_for("[data-testid=login-notice]").await;
    assert!(browser.current_url().await.contains("/login"));
    app.post(
        "/api/v1/auth/login",
        None,
        &serde_json::json!({"login": resident.user_id, "password": "Renewed2025"}),
    )
    .await
    .assert_problem(401, "invalid-credentials");
}
