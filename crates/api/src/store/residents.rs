//! Residents in the database, shared by the account routes: their row read as the registration form and written from a parsed
//! profile, lookups of live accounts, new accounts with their user IDs, and the lock rule's facts.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, SqlErr};
use senkoi_domain::application::{ApplicationStatus, check_profile_editable};
use senkoi_domain::audit::AuditAction;
use senkoi_domain::registration::LicenseYearMonth;
use senkoi_domain::resident::{ProfileChange, ResidentForm, ResidentProfile, recruitment_year_at};
use senkoi_domain::round::RoundSchedule;
use senkoi_domain::time::to_jst;
use senkoi_domain::wire::ResidentView;

use crate::audit;
use crate::auth::{AuthUser, Role};
use crate::entities::{application, resident, round};
use crate::error::ApiError;
use crate::ids::{new_id, new_user_id};
use crate::mail::Mail;

/// Today's date in Japan, for the form's date rules.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    to_jst(now).date_naive()
}

/// The stored row as the form shows it.
pub fn form_of(row: &resident::Model) -> ResidentForm {
    ResidentForm {
        family_name: row.family_name.clone(),
        given_name: row.given_name.clone(),
        family_name_kana: row.family_name_kana.clone(),
        given_name_kana: row.given_name_kana.clone(),
        date_of_birth: row.date_of_birth.format("%Y-%m-%d").to_string(),
        gender: row.gender.clone(),
        medical_registration_number: row.medical_registration_number.clone(),
        license_year_month: row.license_year_month.clone(),
        postal_code: row.postal_code.clone(),
        prefecture: row.prefecture.clone(),
        address: row.address.clone(),
        phone: row.phone.clone(),
        clinical_training_program: row.clinical_training_program.clone(),
        clinical_training_completed_on: row
            .clinical_training_completed_on
            .map(|d| d.format("%Y-%m-%d").to_string()),
        specialty: row.specialty.code().to_string(),
        track: row.track.clone(),
        curriculum_reason: row.curriculum_reason.clone(),
        curriculum_reason_detail: row.curriculum_reason_detail.clone(),
        regional_quota: row.regional_quota,
        regional_quota_prefecture: row.regional_quota_prefecture.clone(),
        regional_quota_consent: row.regional_quota_consent,
    }
}

/// Writes a parsed profile into a row's columns.
pub fn set_profile(row: &mut resident::ActiveModel, p: &ResidentProfile) {
    let reason = p.track.curriculum_reason();
    row.family_name = Set(p.family_name.as_str().into());
    row.given_name = Set(p.given_name.as_str().into());
    row.family_name_kana = Set(p.family_name_kana.as_str().into());
    row.given_name_kana = Set(p.given_name_kana.as_str().into());
    row.date_of_birth = Set(p.date_of_birth);
    row.gender = Set(p.gender.code().into());
    row.medical_registration_number = Set(p.medical_registration_number.as_str().into());
    row.license_year_month = Set(p.license.to_string());
    row.postal_code = Set(p.postal_code.as_str().into());
    row.prefecture = Set(p.prefecture.code());
    row.address = Set(p.address.as_str().into());
    row.phone = Set(p.phone.as_str().into());
    row.clinical_training_program = Set(p.clinical_training_program.as_str().into());
    row.clinical_training_completed_on = Set(p.clinical_training_completed_on);
    row.specialty = Set(p.specialty);
    row.track = Set(p.track.code().into());
    row.curriculum_reason = Set(reason.map(|r| r.code().into()));
    row.curriculum_reason_detail = Set(reason.and_then(|r| r.detail()).map(Into::into));
    row.regional_quota = Set(p.regional_quota.is_some());
    row.regional_quota_prefecture = Set(p.regional_quota.map(|q| q.prefecture.code()));
    row.regional_quota_consent = Set(p.regional_quota.is_some());
}

/// The account as its resident sees it.
pub fn view(row: &resident::Model, now: DateTime<Utc>, locked: bool) -> ResidentView {
    let years = LicenseYearMonth::parse(&row.license_year_month)
        .map(|license| license.years_since_license(recruitment_year_at(now)))
        .unwrap_or_default();
    ResidentView {
        user_id: row.user_id.clone(),
        email: row.email.clone(),
        profile: form_of(row),
        years_since_license: years,
        locked,
    }
}

/// The placeholder a deleted account keeps for its date of birth (the column holds a date).
pub const ERASED_DATE_OF_BIRTH: (i32, u32, u32) = (1900, 1, 1);

/// Deletes the account (退会): it is marked deleted and the person's contact and identity details
/// go (names, address, phone, e-mail, date of birth, medical registration number); what the
/// statistics count (the specialty, the track, the applications) stays.
pub async fn erase(
    tx: &impl ConnectionTrait,
    row: resident::Model,
    now: DateTime<Utc>,
) -> Result<resident::Model, ApiError> {
    let (year, month, day) = ERASED_DATE_OF_BIRTH;
    let mut active: resident::ActiveModel = row.into();
    for column in [
        &mut active.email,
        &mut active.family_name,
        &mut active.given_name,
        &mut active.family_name_kana,
        &mut active.given_name_kana,
        &mut active.medical_registration_number,
        &mut active.postal_code,
        &mut active.address,
        &mut active.phone,
    ] {
        *column = Set(String::new());
    }
    active.date_of_birth = Set(NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default());
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    Ok(active.update(tx).await?)
}

/// The live account with this id.
pub async fn find_live(db: &impl ConnectionTrait, id: &str) -> Result<Option<resident::Model>, DbErr> {
    resident::Entity::find_by_id(id.to_owned()).filter(resident::Column::DeletedAt.is_null()).one(db).await
}

pub async fn find_live_by(
    db: &impl ConnectionTrait,
    column: resident::Column,
    value: &str,
) -> Result<Option<resident::Model>, DbErr> {
    resident::Entity::find()
        .filter(column.eq(value))
        .filter(resident::Column::DeletedAt.is_null())
        .one(db)
        .await
}

/// The signed-in resident's live account; 403 for anyone else, 401 once the account is gone.
pub async fn own_account(db: &impl ConnectionTrait, user: &AuthUser) -> Result<resident::Model, ApiError> {
    user.require(&[Role::Resident])?;
    find_live(db, &user.id).await?.ok_or_else(ApiError::invalid_token)
}

/// Every application of a resident, each with its round and the round's schedule, in one query.
pub async fn applications_with_rounds(
    db: &impl ConnectionTrait,
    resident_id: &str,
) -> Result<Vec<(application::Model, round::Model, RoundSchedule)>, ApiError> {
    application::Entity::find()
        .filter(application::Column::ResidentId.eq(resident_id))
        .find_also_related(round::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(application, round)| {
            let (application, round) = joined_round(application, round)?;
            let schedule = round.schedule()?;
            Ok((application, round, schedule))
        })
        .collect()
}

/// An application with the round a join found for it. The foreign key keeps one, so none is an
/// internal error.
pub fn joined_round(
    application: application::Model,
    round: Option<round::Model>,
) -> Result<(application::Model, round::Model), ApiError> {
    match round {
        Some(round) => Ok((application, round)),
        None => Err(ApiError::Internal(format!("application {} has no round", application.id))),
    }
}

/// Whether the resident's profile is locked now (docs/rules.md: adjustment period reached, or hired).
pub async fn is_locked(
    db: &impl ConnectionTrait,
    resident_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let applications = applications_with_rounds(db, resident_id).await?;
    let pairs: Vec<(ApplicationStatus, &RoundSchedule)> =
        applications.iter().map(|(a, _, schedule)| (a.status, schedule)).collect();
    Ok(check_profile_editable(now, &pairs).is_err())
}

/// The 409 for a live account's unique rule that refused a write (a race the checks before it
/// could not see): by the index or column the database names.
pub fn duplicate_account(error: DbErr) -> ApiError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) if message.contains("email") => email_taken(),
        Some(SqlErr::UniqueConstraintViolation(_)) => registration_number_taken(),
        _ => ApiError::from(error),
    }
}

/// 409 for a registration number that a live account has already.
pub fn registration_number_taken() -> ApiError {
    ApiError::conflict(
        "registration-number-taken",
        "この医籍登録番号はすでに登録されています。ユーザIDをお忘れの場合は「ユーザIDを忘れた方」からお問い合わせください。",
    )
}

/// 409 for an address that a live account has already.
pub fn email_taken() -> ApiError {
    ApiError::conflict("email-taken", "このメールアドレスはすでに登録されています。")
}

/// Inserts a new live account with a fresh user ID; a unique rule answers 409.
pub async fn insert(
    tx: &impl ConnectionTrait,
    email: &str,
    profile: &ResidentProfile,
    password_hash: String,
    legacy_user_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<resident::Model, ApiError> {
    if find_live_by(
        tx,
        resident::Column::MedicalRegistrationNumber,
        profile.medical_registration_number.as_str(),
    )
    .await?
    .is_some()
    {
        return Err(registration_number_taken());
    }
    if find_live_by(tx, resident::Column::Email, email).await?.is_some() {
        return Err(email_taken());
    }
    // User IDs are drawn at random from 10⁹; draw again on the rare collision.
    let mut user_id = new_user_id();
    while resident::Entity::find()
        .filter(resident::Column::UserId.eq(user_id.as_str()))
        .one(tx)
        .await?
        .is_some()
    {
        user_id = new_user_id();
    }
    let mut row = resident::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user_id.as_str().into()),
        email: Set(email.into()),
        password_hash: Set(password_hash),
        legacy_user_id: Set(legacy_user_id),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    };
    set_profile(&mut row, profile);
    row.insert(tx).await.map_err(duplicate_account)
}

/// Changes `row`'s profile by `change` (every refusal at once; the registration number stays
/// unique among live accounts) and audits it as `actor`'s act, in the caller's transaction.
pub async fn change_profile(
    tx: &impl ConnectionTrait,
    row: resident::Model,
    change: &ProfileChange,
    actor: &AuthUser,
    now: DateTime<Utc>,
) -> Result<resident::Model, ApiError> {
    let form = change.apply_to(&form_of(&row));
    let profile = form.parse(today(now)).map_err(ApiError::refusals)?;
    let number = profile.medical_registration_number.as_str();
    if number != row.medical_registration_number
        && find_live_by(tx, resident::Column::MedicalRegistrationNumber, number).await?.is_some()
    {
        return Err(registration_number_taken());
    }
    let mut active: resident::ActiveModel = row.clone().into();
    set_profile(&mut active, &profile);
    active.updated_at = Set(now);
    let updated = active.update(tx).await.map_err(duplicate_account)?;
    crate::audit::record(
        tx,
        now,
        Some(actor),
        AuditAction::ResidentProfileChanged,
        &row.id,
        serde_json::json!({}),
    )
    .await?;
    Ok(updated)
}

/// The end of every way into a new account (registration, legacy migration): the new resident's
/// own act is audited as `action`, the user ID is mailed, and the account is answered as the API shows it.
pub async fn welcome(
    state: &crate::state::AppState,
    tx: sea_orm::DatabaseTransaction,
    row: &resident::Model,
    action: AuditAction,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ResidentView, ApiError> {
    let actor = AuthUser { id: row.id.clone(), role: Role::Resident, request_id: None, scope: None };
    audit::record(&tx, now, Some(&actor), action, &row.id, serde_json::json!({})).await?;
    let mail = Mail::Registered { user_id: row.user_id.clone() };
    state.mail_and_commit(tx, &row.email, &mail, now).await?;
    Ok(view(row, now, false))
}
