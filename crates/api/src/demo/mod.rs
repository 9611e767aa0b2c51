//! The demo data set, placed in time when it loads: the seeds' schedule of the recruitment year
//! current at the server's clock and of the two years before, moved so that the year's second round
//! stands in the asked phase ([`DemoPhase`]: its application period, its adjustment period, or
//! just after its results); a catalogue of programs with ceilings; announcements; a board admin, a
//! director, a consultation officer and a society client; residents whose first-round applications
//! were decided; the second round's applicants of the director's programs, under a ceiling the
//! director meets; the printed applicant, free to apply; and residents in training in another
//! program of the same director, with records to approve.

mod applicants;
pub mod catalogue;
mod trainees;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use senkoi_domain::demo::{DEMO_ROUND, DemoPhase, demo_schedules};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::resident::recruitment_year_at;
use senkoi_domain::round::{RoundKind, RoundSchedule};
use senkoi_domain::specialty::Specialty;

use crate::auth::{Role, hash_password};
use crate::entities::{
    announcement, ceiling, facility, program, program_affiliation, program_director, round, society_client,
    society_client_secret, staff_user,
};
use crate::error::ApiError;
use crate::ids::{new_id, token_hash};

pub use applicants::{APPLICANT_EMAIL, RESIDENT_MAIL_DOMAIN};
pub use trainees::TRAINEE_EMAIL;

pub const ADMIN_EMAIL: &str = "admin@senkoi.localhost";
pub const ADMIN_PASSWORD: &str = "demoAdmin2024";
pub const DIRECTOR_EMAIL: &str = "director@senkoi.localhost";
pub const DIRECTOR_PASSWORD: &str = "demoDirector2024";
pub const OFFICER_EMAIL: &str = "officer@senkoi.localhost";
pub const OFFICER_PASSWORD: &str = "demoOfficer2024";
/// Every demo resident's password (their user IDs are in the database).
pub const RESIDENT_PASSWORD: &str = "demoResident2024";
/// The internal-medicine society's client on the demo, for the README's walk-through.
pub const SOCIETY_CLIENT_ID: &str = "soc_demo_internal_medicine";
pub const SOCIETY_CLIENT_SECRET: &str = "scs_demoSocietyInternalMedicine2024";

/// What `load` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub already_there: bool,
    pub programs: usize,
    pub residents: usize,
}

/// Loads the demo data once, placed at `now` in `phase`; a database that has it already (its
/// board admin) is left as it is.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>, phase: DemoPhase) -> Result<Loaded, ApiError> {
    let present =
        staff_user::Entity::find().filter(staff_user::Column::Email.eq(ADMIN_EMAIL)).count(db).await?;
    if present > 0 {
        return Ok(Loaded { already_there: true, programs: 0, residents: 0 });
    }
    let year = recruitment_year_at(now);
    let schedules =
        demo_schedules(now, phase).ok_or_else(|| ApiError::Internal(format!("no demo schedule at {now}")))?;
    let tx = crate::db::begin_write(db).await?;
    let facility_ids = insert_facilities(&tx, now).await?;
    let facility = |key: &str| {
        facility_ids.get(key).cloned().ok_or_else(|| ApiError::Internal(format!("demo facility {key}")))
    };
    let programs = insert_programs(&tx, &facility, year, now).await?;
    let rounds = insert_rounds(&tx, &schedules, Some(now), now).await?;
    let round = |year: i32, kind: RoundKind| {
        rounds
            .iter()
            .find(|r| r.year == year && r.kind == kind)
            .ok_or_else(|| ApiError::Internal(format!("the demo has no {kind} round of {year}")))
    };
    let mut ceilings = catalogue_ceilings()?;
    let mut people = applicants::People::new(hash_password(RESIDENT_PASSWORD)?);
    let (hires, cells) =
        applicants::first_round(&mut people, &programs, round(year, RoundKind::First)?, &ceilings);
    // The director's programs: the first Tokyo internal-medicine ones, under the Tokyo ceiling.
    let directed: Vec<&LoadedProgram> = programs
        .iter()
        .filter(|p| {
            p.specialty == Specialty::InternalMedicine && p.prefecture.code() == "13" && !p.researcher_course
        })
        .take(3)
        .collect();
    let first_directed = directed
        .first()
        .copied()
        .ok_or_else(|| ApiError::Internal("the demo director has no program".into()))?;
    // Two places left under the ceiling for the second round, so the director meets it.
    let cell = (first_directed.prefecture.code(), first_directed.specialty);
    let room = cells.get(&cell).copied().unwrap_or(0) + 2;
    if let Some(ceiling) = ceilings.get_mut(&cell) {
        *ceiling = (*ceiling).min(room);
    }
    applicants::printed_applicant(&mut people, first_directed, round(year, RoundKind::First)?);
    applicants::directed_round(
        &mut people,
        &directed,
        round(year, DEMO_ROUND)?,
        now,
        &ceilings,
        hires,
        cells,
    );
    let (training, records) =
        trainees::insert(&tx, &mut people, &facility, round(year - 2, RoundKind::First)?, now).await?;
    insert_ceilings(&tx, year, &ceilings, now).await?;
    let current: Vec<RoundSchedule> = schedules.into_iter().filter(|s| s.year == year).collect();
    insert_announcements(&tx, year, &current).await?;
    let mut runs: Vec<&str> = directed.iter().map(|p| p.id.as_str()).collect();
    runs.push(&training.id);
    insert_staff(&tx, &runs, now).await?;
    insert_society_client(&tx, now).await?;
    let residents = people.insert(&tx).await?;
    insert_chunked(&tx, records).await?;
    tx.commit().await?;
    Ok(Loaded { already_there: false, programs: programs.len() + 1, residents })
}

/// A program as the applicant generator needs it.
struct LoadedProgram {
    id: String,
    specialty: Specialty,
    prefecture: Prefecture,
    capacity: u32,
    researcher_course: bool,
}

/// Inserts `rows` in chunks small enough for every backend's limit on bound parameters.
async fn insert_chunked<A>(tx: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), ApiError>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(400).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec(tx).await?;
    }
    Ok(())
}

async fn insert_facilities(
    tx: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<HashMap<&'static str, String>, ApiError> {
    let mut ids = HashMap::new();
    let mut rows = Vec::new();
    for f in catalogue::facilities() {
        let id = new_id();
        ids.insert(f.key, id.clone());
        rows.push(facility::ActiveModel {
            id: Set(id),
            name: Set(f.name.to_string()),
            prefecture: Set(Prefecture::parse(f.prefecture)?),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    insert_chunked(tx, rows).await?;
    Ok(ids)
}

async fn insert_programs(
    tx: &impl ConnectionTrait,
    facility: &impl Fn(&str) -> Result<String, ApiError>,
    year: i32,
    now: DateTime<Utc>,
) -> Result<Vec<LoadedProgram>, ApiError> {
    let prefecture_of: HashMap<&str, &str> =
        catalogue::facilities().iter().map(|f| (f.key, f.prefecture)).collect();
    let mut loaded = Vec::new();
    let mut programs = Vec::new();
    let mut affiliations = Vec::new();
    for p in catalogue::programs() {
        let id = new_id();
        let specialty = Specialty::parse(p.specialty)?;
        let prefecture = Prefecture::parse(prefecture_of.get(p.base_facility).copied().unwrap_or_default())?;
        for key in &p.affiliated_facilities {
            affiliations.push(program_affiliation::ActiveModel {
                program_id: Set(id.clone()),
                facility_id: Set(facility(key)?),
            });
        }
        programs.push(program::ActiveModel {
            id: Set(id.clone()),
            name: Set(p.name),
            specialty: Set(specialty),
            year: Set(year),
            base_facility_id: Set(facility(p.base_facility)?),
            capacity: Set(p.capacity as i32),
            researcher_course: Set(p.researcher_course),
            training_years: Set(senkoi_domain::training::DEFAULT_TRAINING_YEARS as i32),
            contact: Set(p.contact),
            description: Set(p.description),
            created_at: Set(now),
            updated_at: Set(now),
        });
        loaded.push(LoadedProgram {
            id,
            specialty,
            prefecture,
            capacity: p.capacity,
            researcher_course: p.researcher_course,
        });
    }
    insert_chunked(tx, programs).await?;
    insert_chunked(tx, affiliations).await?;
    Ok(loaded)
}

/// The rounds of `schedules`. The notices of every instant up to `mailed_until` are taken as sent
/// (a demo's history mails nobody); later ones are left to the round notices.
pub async fn insert_rounds(
    tx: &impl ConnectionTrait,
    schedules: &[RoundSchedule],
    mailed_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Vec<round::Model>, ApiError> {
    let mailed = |at: DateTime<Utc>| mailed_until.filter(|until| at <= *until).map(|_| at);
    let mut saved = Vec::new();
    for s in schedules {
        saved.push(
            round::ActiveModel {
                id: Set(new_id()),
                year: Set(s.year),
                kind: Set(s.kind),
                application_starts_at: Set(s.application.start),
                application_ends_at: Set(s.application.end),
                adjustment_starts_at: Set(s.adjustment.map(|w| w.start)),
                adjustment_ends_at: Set(s.adjustment.map(|w| w.end)),
                confirmation_starts_at: Set(s.confirmation.map(|w| w.start)),
                confirmation_ends_at: Set(s.confirmation.map(|w| w.end)),
                results_at: Set(s.results_at),
                opening_mailed_at: Set(mailed(s.application.start)),
                results_mailed_at: Set(mailed(s.results_at)),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(tx)
            .await?,
        );
    }
    Ok(saved)
}

/// The catalogue's ceilings by cell (prefecture code, specialty).
fn catalogue_ceilings() -> Result<HashMap<(String, Specialty), u32>, ApiError> {
    catalogue::ceilings()
        .into_iter()
        .map(|c| {
            let specialty = Specialty::parse(c.specialty).map_err(|_| {
                ApiError::Internal(format!("demo ceiling of an unknown specialty {}", c.specialty))
            })?;
            Ok(((c.prefecture.to_string(), specialty), c.ceiling))
        })
        .collect()
}

async fn insert_ceilings(
    tx: &impl ConnectionTrait,
    year: i32,
    ceilings: &HashMap<(String, Specialty), u32>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let rows = ceilings
        .iter()
        .map(|((prefecture, specialty), value)| {
            Ok(ceiling::ActiveModel {
                year: Set(year),
                prefecture: Set(Prefecture::parse(prefecture)?),
                specialty: Set(*specialty),
                ceiling: Set(*value as i32),
                updated_at: Set(now),
            })
        })
        .collect::<Result<Vec<_>, senkoi_domain::DomainError>>()?;
    insert_chunked(tx, rows).await
}

/// 2023年11月1日(水)
fn date_ja(at: DateTime<Utc>) -> String {
    use chrono::Datelike;
    let day = senkoi_domain::time::to_jst(at);
    let weekday = ["月", "火", "水", "木", "金", "土", "日"][day.weekday().num_days_from_monday() as usize];
    format!("{}年{}月{}日({weekday})", day.year(), day.month(), day.day())
}

/// One of the demo's announcements, in Japanese and English.
struct Notice {
    title: String,
    body: String,
    title_en: String,
    body_en: String,
    at: DateTime<Utc>,
}

/// Wednesday, 1 November 2023
fn date_en(at: DateTime<Utc>) -> String {
    senkoi_domain::time::to_jst(at).format("%A, %-d %B %Y").to_string()
}

/// The year's opening announcements, dated before its first period and naming its dates.
async fn insert_announcements(
    tx: &impl ConnectionTrait,
    year: i32,
    schedules: &[RoundSchedule],
) -> Result<(), ApiError> {
    let of = |kind: RoundKind| {
        schedules
            .iter()
            .find(|s| s.kind == kind)
            .ok_or_else(|| ApiError::Internal(format!("the demo has no {kind} round of {year}")))
    };
    let (researcher, first) = (of(RoundKind::ResearcherCourse)?, of(RoundKind::First)?);
    let opening = researcher.application.start;
    let items = [
        Notice {
            title: format!("{year}年度専攻医募集スケジュールを掲載しました"),
            body: format!(
                "1次募集の応募期間は{}正午から{}正午までです。マスタースケジュールをご確認ください。",
                date_ja(first.application.start),
                date_ja(first.application.end)
            ),
            title_en: format!("The recruitment schedule for {year} is out"),
            body_en: format!(
                "The first round takes applications from noon on {} to noon on {} (Japan time). See the master schedule.",
                date_en(first.application.start),
                date_en(first.application.end)
            ),
            at: opening + Duration::days(31),
        },
        Notice {
            title: "臨床研究医コースの採用通知について".to_string(),
            body: format!(
                "臨床研究医コースの採用結果は{}に通知します。不採用となった方も通常募集に応募できます。",
                date_ja(researcher.results_at)
            ),
            title_en: "Results of the clinical researcher course".to_string(),
            body_en: format!(
                "The results of the clinical researcher course are announced on {}. Those not hired may apply in the regular rounds.",
                date_en(researcher.results_at)
            ),
            at: opening + Duration::days(24),
        },
        Notice {
            title: "シーリング（採用上限数）について".to_string(),
            body: "東京・神奈川・愛知・大阪・福岡の5都府県では、外科・産婦人科・病理・臨床検査を除く領域にシーリングが設定されています。".to_string(),
            title_en: "About the hiring ceilings".to_string(),
            body_en: "Tokyo, Kanagawa, Aichi, Osaka and Fukuoka have hiring ceilings in every specialty but surgery, obstetrics and gynecology, pathology and laboratory medicine.".to_string(),
            at: opening,
        },
    ];
    let rows = items
        .into_iter()
        .map(|notice| announcement::ActiveModel {
            id: Set(new_id()),
            title: Set(notice.title),
            body: Set(notice.body),
            audience: Set(senkoi_domain::announcement::Audience::All),
            published_at: Set(notice.at),
            created_by: Set(None),
            title_en: Set(Some(notice.title_en)),
            body_en: Set(Some(notice.body_en)),
            updated_at: Set(None),
            withdrawn_at: Set(None),
        })
        .collect();
    insert_chunked(tx, rows).await
}

/// The board admin, the consultation officer, and a director of `directed`.
async fn insert_staff(
    tx: &impl ConnectionTrait,
    directed: &[&str],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for (email, name, role, password) in [
        (ADMIN_EMAIL, "機構 管理者", Role::Admin, ADMIN_PASSWORD),
        (DIRECTOR_EMAIL, "統括 責任者", Role::Director, DIRECTOR_PASSWORD),
        (OFFICER_EMAIL, "相談窓口 担当者", Role::ConsultationOfficer, OFFICER_PASSWORD),
    ] {
        let id = new_id();
        staff_user::ActiveModel {
            id: Set(id.clone()),
            email: Set(email.to_string()),
            name: Set(name.to_string()),
            role: Set(role),
            password_hash: Set(Some(hash_password(password)?)),
            created_at: Set(now),
            disabled_at: Set(None),
            totp_secret_sealed: Set(None),
            totp_enabled_at: Set(None),
            totp_last_step: Set(None),
        }
        .insert(tx)
        .await?;
        if role == Role::Director {
            let rows = directed
                .iter()
                .map(|program| program_director::ActiveModel {
                    program_id: Set(program.to_string()),
                    staff_user_id: Set(id.clone()),
                })
                .collect();
            insert_chunked(tx, rows).await?;
        }
    }
    Ok(())
}

/// The internal-medicine society's client, with the demo's published secret (kept hashed, as
/// every secret is).
async fn insert_society_client(tx: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), ApiError> {
    let client = society_client::ActiveModel {
        id: Set(new_id()),
        client_id: Set(SOCIETY_CLIENT_ID.into()),
        name: Set("日本内科学会（デモ）".into()),
        specialty: Set(Specialty::InternalMedicine),
        created_at: Set(now),
        revoked_at: Set(None),
    }
    .insert(tx)
    .await?;
    society_client_secret::ActiveModel {
        id: Set(new_id()),
        society_client_id: Set(client.id),
        secret_hash: Set(token_hash(SOCIETY_CLIENT_SECRET)),
        created_at: Set(now),
        revoked_at: Set(None),
    }
    .insert(tx)
    .await?;
    Ok(())
}
