//! Legacy migration (旧システムからのアカウント移行): the board imports the old system's accounts
//! from CSV; a resident proves one with legacy user ID, address and date of birth, gets a mailed
//! link, and sets a password on a new account carrying that data. No new registration is needed.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use senkoi_domain::DomainError;
use senkoi_domain::audit::AuditAction;
use senkoi_domain::registration::{Email, Password};
use senkoi_domain::resident::{LinkPurpose, ProfileChange, ResidentForm, parse_date};
use senkoi_domain::wire::{
    Accepted, LegacyImportReport, LegacyMigrationCompletion, LegacyMigrationRequest, LegacyMigrationView,
    LegacyPurge, ResidentView,
};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::client::Source;
use crate::db;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::legacy_account;
use crate::error::{ApiError, Problem};
use crate::mail::Mail;
use crate::replies::accepted;
use crate::state::AppState;
use crate::store::links;
use crate::store::residents;
use crate::throttle;

mod csv_file;

use csv_file::{LEGACY_ID_MAX_CHARS, parse_csv};

/// The largest CSV the board may upload at once.
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_import_legacy_accounts, import_legacy_accounts).payload_limit(MAX_CSV_BYTES),
        endpoint(__path_purge_legacy_accounts, purge_legacy_accounts),
        endpoint(__path_request_migration, request_migration),
        endpoint(__path_check_migration_link, check_migration_link),
        endpoint(__path_complete_migration, complete_migration),
    ]
}

/// Imports the old system's accounts from CSV (UTF-8, a header row). Every row is checked first:
/// one bad row refuses the file with every bad row reported by line, and nothing is imported.
#[utoipa::path(post, path = "/api/v1/legacy-accounts/import", tag = "accounts", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv",
        description = "Header row with `legacy_user_id,email,date_of_birth,name,medical_registration_number,specialty` \
            (name: family and given name separated by a space) and optionally any registration-form field."),
    responses(
        (status = 200, description = "Imported", body = LegacyImportReport),
        (status = 403, description = "`forbidden`: not a board admin", body = Problem),
        (status = 413, description = "`payload-too-large`", body = Problem),
        (status = 422, description = "`validation-failed`: every refused row in `errors`, with its `line`", body = Problem),
    ))]
pub async fn import_legacy_accounts(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Bytes,
) -> Result<web::Json<LegacyImportReport>, ApiError> {
    user.require(&[Role::Admin])?;
    let rows = parse_csv(&body).map_err(ApiError::Validation)?;
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let mut report = LegacyImportReport { imported: 0, replaced: 0, already_migrated: 0 };
    for row in rows {
        let existing = legacy_account::Entity::find_by_id(row.legacy_user_id.clone()).one(&change.tx).await?;
        let profile = serde_json::to_string(&row.profile).map_err(|e| ApiError::Internal(e.to_string()))?;
        let is_new = existing.is_none();
        let mut active = match existing {
            Some(done) if done.migrated_at.is_some() => {
                report.already_migrated += 1;
                continue;
            }
            Some(old) => {
                report.replaced += 1;
                legacy_account::ActiveModel::from(old)
            }
            None => {
                report.imported += 1;
                legacy_account::ActiveModel {
                    legacy_user_id: Set(row.legacy_user_id.clone()),
                    migrated_at: Set(None),
                    resident_id: Set(None),
                    ..Default::default()
                }
            }
        };
        active.email = Set(row.email);
        active.date_of_birth = Set(row.date_of_birth);
        active.family_name = Set(row.family_name);
        active.given_name = Set(row.given_name);
        active.medical_registration_number = Set(row.number);
        active.specialty = Set(row.specialty);
        active.profile = Set(profile);
        active.imported_at = Set(change.now);
        if is_new {
            active.insert(&change.tx).await?;
        } else {
            active.update(&change.tx).await?;
        }
    }
    let detail = serde_json::json!({"imported": report.imported, "replaced": report.replaced, "already_migrated": report.already_migrated});
    change.commit(AuditAction::LegacyAccountsImported, "import", detail).await?;
    Ok(web::Json(report))
}

/// The form as far as a legacy account fills it.
fn form_of(legacy: &legacy_account::Model) -> ResidentForm {
    let known = ResidentForm {
        family_name: legacy.family_name.clone(),
        given_name: legacy.given_name.clone(),
        date_of_birth: legacy.date_of_birth.format("%Y-%m-%d").to_string(),
        medical_registration_number: legacy.medical_registration_number.clone(),
        specialty: legacy.specialty.code().to_string(),
        track: "program".into(),
        ..ResidentForm::default()
    };
    let extra: ProfileChange = serde_json::from_str(&legacy.profile).unwrap_or_default();
    extra.apply_to(&known)
}

/// The field names a form still lacks.
fn missing_fields(form: &ResidentForm, now: DateTime<Utc>) -> Vec<String> {
    match form.parse(residents::today(now)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().filter_map(DomainError::field).map(String::from).collect(),
    }
}

async fn legacy_of(db: &impl ConnectionTrait, id: &str) -> Result<legacy_account::Model, ApiError> {
    legacy_account::Entity::find_by_id(id.to_owned())
        .filter(legacy_account::Column::MigratedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| ApiError::from(DomainError::LinkUsed))
}

/// The resident's request: legacy user ID, address and date of birth. A match mails a link;
/// the answer is 202 either way.
#[utoipa::path(post, path = "/api/v1/legacy-migrations", tag = "accounts", request_body = LegacyMigrationRequest,
    responses(
        (status = 202, description = "A mail is on its way if the three facts matched (the answer is the same)", body = Accepted),
        (status = 429, description = "`too-many-requests` from this source, with `Retry-After`", body = Problem),
    ))]
pub async fn request_migration(
    state: web::Data<AppState>,
    source: Source,
    body: Json<LegacyMigrationRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::require_text("legacy_user_id", &body.legacy_user_id, LEGACY_ID_MAX_CHARS)?;
    Email::parse(&body.email)?;
    parse_date("date_of_birth", &body.date_of_birth)?;
    let now = state.clock.now();
    throttle::hit(&state.db, &[state.throttles.mail_from(&source)], now).await?;
    let legacy = legacy_account::Entity::find_by_id(body.legacy_user_id.trim().to_owned())
        .filter(legacy_account::Column::MigratedAt.is_null())
        .one(&state.db)
        .await?;
    let born = parse_date("date_of_birth", &body.date_of_birth).ok();
    let matched =
        legacy.filter(|l| l.email.eq_ignore_ascii_case(body.email.trim()) && Some(l.date_of_birth) == born);
    if let Some(legacy) = matched {
        let tx = db::begin_write(&state.db).await?;
        if !throttle::allow(&tx, &state.throttles.mail_to(&legacy.email), now).await? {
            tx.commit().await?;
            return Ok(accepted());
        }
        let (token, expires_at) = links::create(
            &tx,
            LinkPurpose::LegacyMigration,
            &legacy.email,
            Some(legacy.legacy_user_id.clone()),
            now,
        )
        .await?;
        let mail = Mail::LegacyMigrationLink { token, expires_at };
        state.mail_and_commit(tx, &legacy.email, &mail, now).await?;
    }
    Ok(accepted())
}

/// What the mailed link's account brings, and what the form still needs.
#[utoipa::path(get, path = "/api/v1/legacy-migrations/{token}", tag = "accounts",
    params(("token" = String, Path, description = "The token of the mailed link")),
    responses(
        (status = 200, description = "The link is good", body = LegacyMigrationView),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 410, description = "`link-expired`, `link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
    ))]
pub async fn check_migration_link(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<LegacyMigrationView>, ApiError> {
    let now = state.clock.now();
    let (link, _) = links::usable(&state.db, &token, &[LinkPurpose::LegacyMigration], now).await?;
    let legacy = legacy_of(&state.db, link.subject_id.as_deref().unwrap_or_default()).await?;
    let profile = form_of(&legacy);
    Ok(web::Json(LegacyMigrationView {
        missing: missing_fields(&profile, now),
        legacy_user_id: legacy.legacy_user_id,
        email: legacy.email,
        profile,
    }))
}

/// Sets the password (and the fields the old data lacks) and makes the account; its user ID is
/// answered and mailed.
#[utoipa::path(post, path = "/api/v1/legacy-migrations/{token}", tag = "accounts",
    params(("token" = String, Path, description = "The token of the mailed link")),
    request_body = LegacyMigrationCompletion,
    responses(
        (status = 201, description = "The account is moved", body = ResidentView),
        (status = 404, description = "`not-found`: no such link", body = Problem),
        (status = 409, description = "`registration-number-taken` or `email-taken` by a live account", body = Problem),
        (status = 410, description = "`link-expired`, `link-used` or `link-superseded` (a newer link was mailed)", body = Problem),
        (status = 422, description = "`validation-failed`: the password, and every form field still missing", body = Problem),
        (status = 503, description = "`busy`, with `Retry-After`", body = Problem),
    ))]
pub async fn complete_migration(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<LegacyMigrationCompletion>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let (link, purpose) = links::usable(&state.db, &token, &[LinkPurpose::LegacyMigration], now).await?;
    let legacy = legacy_of(&state.db, link.subject_id.as_deref().unwrap_or_default()).await?;
    let form = body.profile.clone().unwrap_or_default().apply_to(&form_of(&legacy));
    let (profile, password): (_, Password) =
        form.parse_with_password(&body.password, residents::today(now)).map_err(ApiError::refusals)?;
    let hash = state.passwords.hash(password.expose()).await?;
    let tx = db::begin_write(&state.db).await?;
    links::consume(&tx, &link, purpose, now).await?;
    let legacy = legacy_of(&tx, &legacy.legacy_user_id).await?;
    let row = residents::insert(&tx, &legacy.email, &profile, hash, Some(legacy.legacy_user_id.clone()), now)
        .await?;
    let mut moved: legacy_account::ActiveModel = legacy.into();
    moved.migrated_at = Set(Some(now));
    moved.resident_id = Set(Some(row.id.clone()));
    moved.update(&tx).await?;
    let view = residents::welcome(&state, tx, &row, AuditAction::ResidentMigrated, now).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Purges the old-system accounts that were never moved (旧システムアカウントの削除): once the
/// board has closed the migration, nothing of those people is kept. Moved ones stay (their
/// resident account names them). Audited with the count.
#[utoipa::path(post, path = "/api/v1/legacy-accounts/purge", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "How many were purged", body = LegacyPurge),
        (status = 403, description = "Not the board", body = Problem),
    ))]
pub async fn purge_legacy_accounts(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<LegacyPurge>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let purged = legacy_account::Entity::delete_many()
        .filter(legacy_account::Column::MigratedAt.is_null())
        .exec(&change.tx)
        .await?
        .rows_affected;
    change.commit(AuditAction::LegacyAccountsPurged, "*", serde_json::json!({"purged": purged})).await?;
    Ok(web::Json(LegacyPurge { purged }))
}
