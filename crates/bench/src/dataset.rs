//! The national data set: 19 specialties in 47 prefectures, about 2,500 programs with capacities
//! after the population, ceilings in the five ceiling prefectures, the 2024 schedule, residents
//! with the specialty and the program they will apply to, directors and a board admin.
//! Written straight into the migrated schema through the API's own entities (typed columns).
//! Deterministic: the same size gives the same set.

use std::collections::HashMap;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use senkoi_api::auth::{Role, hash_password};
use senkoi_api::entities::{ceiling, facility, program, program_director, resident, round, staff_user};
use senkoi_api::ids::new_id;
use senkoi_api::sealing::SealingKey;
use senkoi_api::store::second_factor::seal_secret;
use senkoi_domain::capacity::ceiling_applies;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::round::RoundKind;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::user_id::UserId;

/// The recruitment year.
pub const YEAR: i32 = 2024;
/// Every account's password in the bench.
pub const PASSWORD: &str = "benchPassword2024";
pub const ADMIN_EMAIL: &str = "admin@bench.senkoi.localhost";
/// The bench admin's second factor (base32, 20 bytes): admins must have one.
pub const ADMIN_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Population in units of 10,000 (2020 census, rounded), in JIS order.
const POPULATION: [u32; 47] = [
    522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 104, 113, 77, 81, 205, 198,
    363, 754, 177, 141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174,
    112, 107, 159, 147,
];

/// Per specialty, in [`Specialty::ALL`]'s order: programs nationwide and residents a year
/// (rounded from the board's published figures).
const SPECIALTY_SCALE: [(u32, u32); 19] = [
    (500, 2900), // internal medicine
    (170, 550),  // pediatrics
    (100, 330),  // dermatology
    (150, 550),  // psychiatry
    (210, 830),  // surgery
    (120, 600),  // orthopedics
    (130, 500),  // obstetrics and gynecology
    (90, 320),   // ophthalmology
    (85, 230),   // otorhinolaryngology
    (85, 280),   // urology
    (100, 220),  // neurosurgery
    (100, 300),  // radiology
    (140, 500),  // anesthesiology
    (80, 120),   // pathology
    (45, 40),    // laboratory medicine
    (170, 350),  // emergency medicine
    (75, 220),   // plastic surgery
    (55, 90),    // rehabilitation
    (180, 250),  // general medicine
];

/// The cell of the acceptance scenario: 東京都 × internal medicine.
pub const CEILING_CELL: (u8, Specialty) = (13, Specialty::InternalMedicine);

/// How big a set to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub residents: usize,
    /// Residents who apply inside [`CEILING_CELL`], for the acceptances near its ceiling.
    pub ceiling_cohort: usize,
    /// Residents whose password hashes carry the production argon2 parameters (the login scenario).
    pub production_hashes: usize,
}

/// A resident as the load generator needs them.
#[derive(Debug, Clone)]
pub struct Resident {
    pub user_id: String,
    pub program_id: String,
    pub in_ceiling_cohort: bool,
    pub production_hash: bool,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub id: String,
    pub specialty: Specialty,
    pub prefecture: Prefecture,
    pub capacity: u32,
}

/// What was made.
pub struct Dataset {
    pub programs: Vec<Program>,
    pub residents: Vec<Resident>,
    /// Directors' logins, with the programs each directs.
    pub directors: Vec<(String, Vec<String>)>,
    pub first_round: round::Model,
    pub facilities: usize,
    pub ceilings: usize,
}

/// A small deterministic generator (SplitMix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An index drawn with probability proportional to `weights`.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut at = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return i;
            }
            at -= w;
        }
        weights.len() - 1
    }
}

/// The programs of each prefecture × specialty, before they are written.
fn plan_programs(mix: &mut Mix) -> Vec<(Prefecture, Specialty, u32)> {
    let total_population: u32 = POPULATION.iter().sum();
    let mut planned = Vec::new();
    for prefecture in Prefecture::all() {
        let population = POPULATION[usize::from(prefecture.number()) - 1];
        for (si, specialty) in Specialty::ALL.into_iter().enumerate() {
            let (programs, residents) = SPECIALTY_SCALE[si];
            let share = f64::from(population) / f64::from(total_population);
            let count = (f64::from(programs) * share).round().max(1.0) as u32;
            // Places: about 1.6 times the residents who choose the specialty here.
            let places = (f64::from(residents) * share * 1.6).max(1.0);
            for _ in 0..count {
                let jitter = 0.5 + mix.below(100) as f64 / 100.0;
                let capacity = (places / f64::from(count) * jitter).round().max(1.0) as u32;
                planned.push((prefecture, specialty, capacity));
            }
        }
    }
    planned
}

/// A password hash with light argon2 parameters: the residents who log in before the rush
/// (10,000 sign-ins at the production cost would take minutes of the two cores, and the login
/// scenario measures that cost on its own residents).
fn light_hash(password: &str) -> Result<String, String> {
    let params = Params::new(1024, 1, 1, None).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(b"senkoi-bench-salt").map_err(|e| e.to_string())?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), String>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec(db).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Writes the set into `db` (migrated and empty).
pub async fn load(db: &DatabaseConnection, size: Size) -> Result<Dataset, String> {
    let now = Utc::now();
    let mut mix = Mix(2024);
    let planned = plan_programs(&mut mix);

    // Facilities: about three programs each, within a prefecture.
    let mut facility_rows = Vec::new();
    let mut facility_of: HashMap<(u8, usize), String> = HashMap::new();
    let mut programs = Vec::new();
    let mut program_rows = Vec::new();
    let mut index_in_prefecture: HashMap<u8, usize> = HashMap::new();
    for (prefecture, specialty, capacity) in planned {
        let n = index_in_prefecture.entry(prefecture.number()).or_default();
        let key = (prefecture.number(), *n / 3);
        *n += 1;
        let facility_id = facility_of
            .entry(key)
            .or_insert_with(|| {
                let id = new_id();
                facility_rows.push(facility::ActiveModel {
                    id: Set(id.clone()),
                    name: Set(format!("{}第{}病院", prefecture.name_ja(), key.1 + 1)),
                    prefecture: Set(prefecture),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                id
            })
            .clone();
        let id = new_id();
        program_rows.push(program::ActiveModel {
            id: Set(id.clone()),
            name: Set(format!(
                "{}第{}病院 {}専門研修プログラム",
                prefecture.name_ja(),
                key.1 + 1,
                specialty.name_ja()
            )),
            specialty: Set(specialty),
            year: Set(YEAR),
            base_facility_id: Set(facility_id),
            capacity: Set(capacity as i32),
            researcher_course: Set(false),
            training_years: Set(senkoi_domain::training::DEFAULT_TRAINING_YEARS as i32),
            contact: Set("研修管理室 03-0000-0000".into()),
            description: Set(format!(
                "{}の{}専門研修プログラムです。",
                prefecture.name_ja(),
                specialty.name_ja()
            )),
            created_at: Set(now),
            updated_at: Set(now),
        });
        programs.push(Program { id, specialty, prefecture, capacity });
    }

    let residents = assign_residents(&mut mix, &mut programs, size);
    // Places in the ceiling cell at least its applicants, so that only the ceiling refuses there.
    for (row, p) in program_rows.iter_mut().zip(&programs) {
        row.capacity = Set(p.capacity as i32);
    }
    let facilities = facility_rows.len();
    insert_chunked(db, facility_rows).await?;
    insert_chunked(db, program_rows).await?;
    let first_round = insert_rounds(db, now).await?;
    let ceilings = insert_ceilings(db, &programs, now).await?;
    insert_residents(db, &residents, &programs, &first_round, size).await?;
    let directors = insert_staff(db, &programs, now).await?;
    Ok(Dataset { programs, residents, directors, first_round, facilities, ceilings })
}

/// Each resident's specialty, prefecture and program: specialties by their residents a year,
/// prefectures by population, programs by their places. The first `ceiling_cohort` apply in
/// [`CEILING_CELL`].
fn assign_residents(mix: &mut Mix, programs: &mut [Program], size: Size) -> Vec<Resident> {
    let mut cells: HashMap<(u8, Specialty), Vec<usize>> = HashMap::new();
    for (i, p) in programs.iter().enumerate() {
        cells.entry((p.prefecture.number(), p.specialty)).or_default().push(i);
    }
    let specialty_weights: Vec<u64> = SPECIALTY_SCALE.iter().map(|(_, r)| u64::from(*r)).collect();
    let prefecture_weights: Vec<u64> = POPULATION.iter().map(|p| u64::from(*p)).collect();
    let mut applicants = vec![0u32; programs.len()];
    let mut residents = Vec::with_capacity(size.residents);
    for n in 0..size.residents {
        let in_ceiling_cohort = n < size.ceiling_cohort;
        let (prefecture, specialty) = if in_ceiling_cohort {
            CEILING_CELL
        } else {
            let s = Specialty::ALL[mix.weighted(&specialty_weights)];
            (mix.weighted(&prefecture_weights) as u8 + 1, s)
        };
        let cell = &cells[&(prefecture, specialty)];
        let weights: Vec<u64> = cell.iter().map(|i| u64::from(programs[*i].capacity)).collect();
        let chosen = cell[mix.weighted(&weights)];
        applicants[chosen] += 1;
        residents.push(Resident {
            // Spread over the whole ID space, as real IDs are.
            user_id: UserId::from_number((n as u64).wrapping_mul(783_641_329) % 1_000_000_000)
                .as_str()
                .to_string(),
            program_id: programs[chosen].id.clone(),
            in_ceiling_cohort,
            production_hash: n >= size.residents.saturating_sub(size.production_hashes),
        });
    }
    let (ceiling_prefecture, ceiling_specialty) = CEILING_CELL;
    for (p, count) in programs.iter_mut().zip(applicants) {
        if p.prefecture.number() == ceiling_prefecture && p.specialty == ceiling_specialty {
            p.capacity = p.capacity.max(count);
        }
    }
    residents
}

/// The 2024 schedule, as the demo's; answers the first round, the one the rush applies in. The
/// researcher-course round before it is past: its notices are not the bench's business.
async fn insert_rounds(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<round::Model, String> {
    let rounds = senkoi_api::demo::insert_rounds(db, &senkoi_domain::round::demo_schedule_2024(), None, now)
        .await
        .map_err(|e| e.to_string())?;
    let first = rounds
        .into_iter()
        .find(|r| r.kind == RoundKind::First)
        .ok_or("the 2024 schedule has a first round")?;
    round::Entity::update_many()
        .col_expr(round::Column::OpeningMailedAt, Expr::value(now))
        .col_expr(round::Column::ResultsMailedAt, Expr::value(now))
        .filter(round::Column::Kind.eq(RoundKind::ResearcherCourse))
        .exec(db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(first)
}

/// Ceilings in the five ceiling prefectures: nine tenths of the cell's places, so that they bite.
async fn insert_ceilings(
    db: &impl ConnectionTrait,
    programs: &[Program],
    now: DateTime<Utc>,
) -> Result<usize, String> {
    let mut places: HashMap<(Prefecture, Specialty), u32> = HashMap::new();
    for p in programs.iter().filter(|p| ceiling_applies(p.prefecture, p.specialty)) {
        *places.entry((p.prefecture, p.specialty)).or_default() += p.capacity;
    }
    let rows: Vec<ceiling::ActiveModel> = places
        .into_iter()
        .map(|((prefecture, specialty), places)| ceiling::ActiveModel {
            year: Set(YEAR),
            prefecture: Set(prefecture),
            specialty: Set(specialty),
            ceiling: Set((places * 9 / 10).max(1) as i32),
            updated_at: Set(now),
        })
        .collect();
    let count = rows.len();
    insert_chunked(db, rows).await?;
    Ok(count)
}

async fn insert_residents(
    db: &impl ConnectionTrait,
    residents: &[Resident],
    programs: &[Program],
    first_round: &round::Model,
    size: Size,
) -> Result<(), String> {
    let light = light_hash(PASSWORD)?;
    let production = if size.production_hashes > 0 {
        hash_password(PASSWORD).map_err(|e| e.to_string())?
    } else {
        light.clone()
    };
    let specialty_of: HashMap<&str, (Specialty, Prefecture)> =
        programs.iter().map(|p| (p.id.as_str(), (p.specialty, p.prefecture))).collect();
    let registered = first_round.application_starts_at - Duration::days(30);
    let rows = residents
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let (specialty, prefecture) = specialty_of[r.program_id.as_str()];
            resident::ActiveModel {
                id: Set(new_id()),
                user_id: Set(r.user_id.clone()),
                email: Set(format!("resident-{n}@bench.senkoi.localhost")),
                password_hash: Set(if r.production_hash { production.clone() } else { light.clone() }),
                family_name: Set("研修".into()),
                given_name: Set(format!("太郎{n}")),
                family_name_kana: Set("ケンシュウ".into()),
                given_name_kana: Set("タロウ".into()),
                date_of_birth: Set(NaiveDate::from_ymd_opt(1997, 4, 1).unwrap_or_default()),
                gender: Set("male".into()),
                medical_registration_number: Set(format!("{:07}", 2_000_000 + n)),
                license_year_month: Set("2022-04".into()),
                postal_code: Set("1000001".into()),
                prefecture: Set(prefecture.code()),
                address: Set("千代田区千代田1-1".into()),
                phone: Set("090-0000-0000".into()),
                clinical_training_program: Set("臨床研修プログラム".into()),
                clinical_training_completed_on: Set(NaiveDate::from_ymd_opt(2024, 3, 31)),
                specialty: Set(specialty),
                track: Set("program".into()),
                curriculum_reason: Set(None),
                curriculum_reason_detail: Set(None),
                regional_quota: Set(false),
                regional_quota_prefecture: Set(None),
                regional_quota_consent: Set(false),
                legacy_user_id: Set(None),
                created_at: Set(registered),
                updated_at: Set(registered),
                deleted_at: Set(None),
            }
        })
        .collect();
    insert_chunked(db, rows).await
}

/// The board's admin, and a director for each program of the ceiling cell (the acceptances and
/// the applicant list are theirs).
async fn insert_staff(
    db: &impl ConnectionTrait,
    programs: &[Program],
    now: DateTime<Utc>,
) -> Result<Vec<(String, Vec<String>)>, String> {
    let hash = light_hash(PASSWORD)?;
    let staff = |email: &str, name: &str, role: Role| staff_user::ActiveModel {
        id: Set(new_id()),
        email: Set(email.to_string()),
        name: Set(name.to_string()),
        role: Set(role),
        password_hash: Set(Some(hash.clone())),
        created_at: Set(now),
        disabled_at: Set(None),
        totp_secret_sealed: Set(None),
        totp_enabled_at: Set(None),
        totp_last_step: Set(None),
    };
    let mut admin = staff(ADMIN_EMAIL, "機構 管理者", Role::Admin);
    let sealing = SealingKey::from_base64(crate::server::CONSULTATION_KEY)?;
    let admin_id = admin.id.clone().unwrap();
    admin.totp_secret_sealed = Set(Some(seal_secret(&sealing, &admin_id, ADMIN_TOTP_SECRET)));
    admin.totp_enabled_at = Set(Some(now));
    let mut rows = vec![admin];
    let mut links = Vec::new();
    let mut directors = Vec::new();
    let (prefecture, specialty) = CEILING_CELL;
    for (i, p) in programs
        .iter()
        .filter(|p| p.prefecture.number() == prefecture && p.specialty == specialty)
        .enumerate()
    {
        let email = format!("director-{i}@bench.senkoi.localhost");
        let row = staff(&email, "統括 責任者", Role::Director);
        links.push(program_director::ActiveModel {
            program_id: Set(p.id.clone()),
            staff_user_id: row.id.clone(),
        });
        rows.push(row);
        directors.push((email, vec![p.id.clone()]));
    }
    insert_chunked(db, rows).await?;
    insert_chunked(db, links).await?;
    Ok(directors)
}
