//! The demo data set: the 2024 schedule of seed 000, a catalogue of programs with ceilings,
//! announcements, a board admin, a director, and residents whose first-round applications were decided.

pub mod catalogue;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use senkoi_domain::application::{ApplicationStatus, Decision, receipt_number};
use senkoi_domain::capacity::{AcceptanceCounts, ceiling_applies, check_acceptance};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::round::{RoundKind, demo_schedule_2024};
use senkoi_domain::specialty::Specialty;
use senkoi_domain::user_id::UserId;

use crate::auth::{Role, hash_password};
use crate::entities::{
    announcement, application, application_event, ceiling, facility, program, program_affiliation,
    program_director, resident, round, society_client, society_client_secret, staff_user,
};
use crate::error::ApiError;
use crate::ids::{new_id, token_hash};
use crate::stored::{ActorKind, ApplicationAction};

/// The recruitment year of the demo (training starts April 2024).
pub const YEAR: i32 = 2024;
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

/// Loads the demo data once; a database that has the 2024 rounds already is left as it is.
pub async fn load(db: &DatabaseConnection) -> Result<Loaded, ApiError> {
    let present = round::Entity::find().filter(round::Column::Year.eq(YEAR)).count(db).await?;
    if present > 0 {
        return Ok(Loaded { already_there: true, programs: 0, residents: 0 });
    }
    let now = Utc::now();
    let tx = crate::db::begin_write(db).await?;
    let facility_ids = insert_facilities(&tx, now).await?;
    let programs = insert_programs(&tx, &facility_ids, now).await?;
    let first_round = insert_rounds(&tx, now).await?;
    insert_ceilings(&tx, now).await?;
    insert_announcements(&tx).await?;
    insert_staff(&tx, &programs, now).await?;
    insert_society_client(&tx, now).await?;
    let residents = insert_applicants(&tx, &programs, &first_round).await?;
    tx.commit().await?;
    Ok(Loaded { already_there: false, programs: programs.len(), residents })
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
            prefecture: Set(f.prefecture.to_string()),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    insert_chunked(tx, rows).await?;
    Ok(ids)
}

async fn insert_programs(
    tx: &impl ConnectionTrait,
    facility_ids: &HashMap<&'static str, String>,
    now: DateTime<Utc>,
) -> Result<Vec<LoadedProgram>, ApiError> {
    let prefecture_of: HashMap<&str, &str> =
        catalogue::facilities().iter().map(|f| (f.key, f.prefecture)).collect();
    let facility = |key: &str| {
        facility_ids.get(key).cloned().ok_or_else(|| ApiError::Internal(format!("demo facility {key}")))
    };
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
            year: Set(YEAR),
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

/// The 2024 schedule; answers the first round, whose applications the demo fills (and the
/// benchmark's rush applies in).
pub async fn insert_rounds(tx: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<round::Model, ApiError> {
    let mut first = None;
    for s in demo_schedule_2024() {
        let saved = round::ActiveModel {
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
            // Left to the round notices, which let instants long past go without mail.
            opening_mailed_at: Set(None),
            results_mailed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(tx)
        .await?;
        if s.kind == RoundKind::First {
            first = Some(saved);
        }
    }
    first.ok_or_else(|| ApiError::Internal("the demo schedule has no first round".into()))
}

async fn insert_ceilings(tx: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), ApiError> {
    let rows = catalogue::ceilings()
        .into_iter()
        .map(|c| {
            let specialty = Specialty::parse(c.specialty).map_err(|_| {
                ApiError::Internal(format!("demo ceiling of an unknown specialty {}", c.specialty))
            })?;
            Ok(ceiling::ActiveModel {
                year: Set(YEAR),
                prefecture: Set(c.prefecture.to_string()),
                specialty: Set(specialty),
                ceiling: Set(c.ceiling as i32),
                updated_at: Set(now),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    insert_chunked(tx, rows).await
}

async fn insert_announcements(tx: &impl ConnectionTrait) -> Result<(), ApiError> {
    let items = [
        (
            "2024年度専攻医募集スケジュールを掲載しました",
            "1次募集の応募期間は2023年11月1日(水)正午から11月14日(火)正午までです。マスタースケジュールをご確認ください。",
            senkoi_domain::time::noon_jst(2023, 10, 2),
        ),
        (
            "臨床研究医コースの採用通知について",
            "臨床研究医コースの採用結果は2023年10月11日(水)に通知します。不採用となった方も通常募集に応募できます。",
            senkoi_domain::time::noon_jst(2023, 9, 25),
        ),
        (
            "シーリング（採用上限数）について",
            "東京・神奈川・愛知・大阪・福岡の5都府県では、外科・産婦人科・病理・臨床検査を除く領域にシーリングが設定されています。",
            senkoi_domain::time::noon_jst(2023, 9, 1),
        ),
    ];
    let rows = items
        .into_iter()
        .map(|(title, body, at)| announcement::ActiveModel {
            id: Set(new_id()),
            title: Set(title.to_string()),
            body: Set(body.to_string()),
            audience: Set(senkoi_domain::announcement::Audience::All),
            published_at: Set(at),
            created_by: Set(None),
        })
        .collect();
    insert_chunked(tx, rows).await
}

/// The board admin, and a director of the first few internal-medicine programs in Tokyo.
async fn insert_staff(
    tx: &impl ConnectionTrait,
    programs: &[LoadedProgram],
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
            let directed = programs
                .iter()
                .filter(|p| {
                    p.specialty == Specialty::InternalMedicine
                        && p.prefecture.code() == "13"
                        && !p.researcher_course
                })
                .take(3)
                .map(|p| program_director::ActiveModel {
                    program_id: Set(p.id.clone()),
                    staff_user_id: Set(id.clone()),
                })
                .collect();
            insert_chunked(tx, directed).await?;
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

/// A small deterministic generator, so that every demo database is the same.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound.max(1)
    }
}

const FAMILY_NAMES: [(&str, &str); 20] = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
];
const GIVEN_NAMES: [(&str, &str, &str); 16] = [
    ("翔太", "ショウタ", "male"),
    ("大輔", "ダイスケ", "male"),
    ("健太", "ケンタ", "male"),
    ("拓也", "タクヤ", "male"),
    ("悠斗", "ユウト", "male"),
    ("直樹", "ナオキ", "male"),
    ("亮", "リョウ", "male"),
    ("誠", "マコト", "unanswered"),
    ("美咲", "ミサキ", "female"),
    ("彩", "アヤ", "female"),
    ("陽子", "ヨウコ", "female"),
    ("真由", "マユ", "female"),
    ("愛", "アイ", "female"),
    ("恵", "メグミ", "female"),
    ("千尋", "チヒロ", "female"),
    ("葵", "アオイ", "unanswered"),
];

/// Residents applying in the first round, between a third and one and a half times each program's
/// capacity; directors accepted in order while capacity and ceiling allowed, rejected the rest, and
/// left a few unprocessed (shown as 保留 after the notification).
async fn insert_applicants(
    tx: &impl ConnectionTrait,
    programs: &[LoadedProgram],
    first_round: &round::Model,
) -> Result<usize, ApiError> {
    let ceilings: HashMap<(String, String), u32> = catalogue::ceilings()
        .into_iter()
        .map(|c| ((c.prefecture.to_string(), c.specialty.to_string()), c.ceiling))
        .collect();
    let password_hash = hash_password(RESIDENT_PASSWORD)?;
    let mut rng = Lcg(2024);
    let mut ceiling_hired: HashMap<(String, String), u32> = HashMap::new();
    let (mut residents, mut applications, mut events) = (Vec::new(), Vec::new(), Vec::new());
    let applied_from = first_round.application_starts_at;
    let decided_at =
        first_round.adjustment_starts_at.unwrap_or(first_round.application_ends_at) + Duration::hours(2);
    for p in programs.iter().filter(|p| !p.researcher_course) {
        let applicants = (p.capacity as u64 * (33 + rng.next(118)) / 100).max(1);
        let key = (p.prefecture.code(), p.specialty.code().to_string());
        let mut hired = 0;
        for _ in 0..applicants {
            let n = residents.len() as u64;
            let resident_id = new_id();
            let (family, family_kana) = FAMILY_NAMES[rng.next(20) as usize];
            let (given, given_kana, gender) = GIVEN_NAMES[rng.next(16) as usize];
            let licensed = 2021 + rng.next(2) as i32;
            residents.push(resident::ActiveModel {
                id: Set(resident_id.clone()),
                // Spread over the whole ID space so IDs are not sequential.
                user_id: Set(UserId::from_number(n.wrapping_mul(783_641_329) % 1_000_000_000)
                    .as_str()
                    .to_string()),
                email: Set(format!("demo-resident-{n}@example.jp")),
                password_hash: Set(password_hash.clone()),
                family_name: Set(family.into()),
                given_name: Set(given.into()),
                family_name_kana: Set(family_kana.into()),
                given_name_kana: Set(given_kana.into()),
                date_of_birth: Set(NaiveDate::from_ymd_opt(
                    licensed - 25 - rng.next(4) as i32,
                    1 + rng.next(12) as u32,
                    1 + rng.next(28) as u32,
                )
                .unwrap_or_default()),
                gender: Set(gender.into()),
                medical_registration_number: Set(format!("{:07}", 1_100_000 + n)),
                license_year_month: Set(format!("{licensed}-04")),
                postal_code: Set(format!("{:07}", 1_000_000 + rng.next(8_000_000))),
                prefecture: Set(p.prefecture.code()),
                address: Set(format!(
                    "{}市中央{}-{}-{}",
                    p.prefecture.name_ja().trim_end_matches(['都', '府', '県']),
                    1 + rng.next(5),
                    1 + rng.next(20),
                    1 + rng.next(30)
                )),
                phone: Set(format!("090-{:04}-{:04}", rng.next(10_000), rng.next(10_000))),
                clinical_training_program: Set("臨床研修プログラム".into()),
                clinical_training_completed_on: Set(NaiveDate::from_ymd_opt(2024, 3, 31)),
                specialty: Set(p.specialty),
                track: Set("program".into()),
                curriculum_reason: Set(None),
                curriculum_reason_detail: Set(None),
                regional_quota: Set(false),
                regional_quota_prefecture: Set(None),
                regional_quota_consent: Set(false),
                legacy_user_id: Set(None),
                created_at: Set(applied_from - Duration::days(20)),
                updated_at: Set(applied_from - Duration::days(20)),
                deleted_at: Set(None),
            });
            let counts = AcceptanceCounts {
                capacity: p.capacity,
                program_hired: hired,
                ceiling: ceiling_applies(p.prefecture, p.specialty)
                    .then(|| ceilings.get(&key).copied())
                    .flatten(),
                ceiling_hired: ceiling_hired.get(&key).copied().unwrap_or(0),
            };
            let decision = match rng.next(20) {
                0 => None,
                1 => Some(Decision::OnHold),
                _ if check_acceptance(&counts).is_ok() => Some(Decision::Accepted),
                _ => Some(Decision::Rejected),
            };
            let status = decision.map_or(ApplicationStatus::Applied, Decision::status);
            if status == ApplicationStatus::Accepted {
                hired += 1;
                *ceiling_hired.entry(key.clone()).or_default() += 1;
            }
            let application_id = new_id();
            let applied_at = applied_from + Duration::minutes(rng.next(13 * 24 * 60) as i64);
            applications.push(application::ActiveModel {
                id: Set(application_id.clone()),
                resident_id: Set(resident_id.clone()),
                program_id: Set(p.id.clone()),
                round_id: Set(first_round.id.clone()),
                status: Set(status),
                decision: Set(decision),
                applied_at: Set(applied_at),
                // 7919 is prime to 10⁹, so every demo application gets its own number.
                receipt_number: Set(receipt_number(YEAR, RoundKind::First, applications.len() as u64 * 7919)),
                updated_at: Set(if decision.is_some() { decided_at } else { applied_at }),
            });
            events.push(event(
                &application_id,
                applied_at,
                ActorKind::Resident,
                Some(resident_id),
                ApplicationAction::Applied,
                ApplicationStatus::Applied,
                None,
            ));
            if decision.is_some() {
                events.push(event(
                    &application_id,
                    decided_at,
                    ActorKind::Director,
                    None,
                    ApplicationAction::Decided,
                    status,
                    decision,
                ));
            }
        }
    }
    let count = residents.len();
    insert_chunked(tx, residents).await?;
    insert_chunked(tx, applications).await?;
    insert_chunked(tx, events).await?;
    Ok(count)
}

fn event(
    application_id: &str,
    at: DateTime<Utc>,
    actor_kind: ActorKind,
    actor_id: Option<String>,
    action: ApplicationAction,
    status: ApplicationStatus,
    decision: Option<Decision>,
) -> application_event::ActiveModel {
    application_event::ActiveModel {
        id: Set(new_id()),
        application_id: Set(application_id.to_string()),
        at: Set(at),
        actor_kind: Set(actor_kind),
        actor_id: Set(actor_id),
        action: Set(action),
        status: Set(status),
        decision: Set(decision),
    }
}
