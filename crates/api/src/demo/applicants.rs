//! The demo's residents and their applications: the first round's, decided in order while
//! capacity and ceiling allowed; the second round's applicants of the demo director's programs,
//! decided only when the demo stands after its results; and the printed applicant, refused in the
//! first round and free to apply in the second.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, Set};
use senkoi_domain::application::{ApplicationStatus, Decision, receipt_number};
use senkoi_domain::capacity::{AcceptanceCounts, ceiling_applies, check_acceptance};
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::user_id::UserId;

use super::{LoadedProgram, insert_chunked};
use crate::entities::{application, application_event, resident, round};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::stored::{ActorKind, ApplicationAction};

/// The demo residents' e-mail domain: `.invalid` is reserved (RFC 2606) and never delivered, and
/// the mail folder keeps what is written to it apart, so a round's notices to hundreds of demo
/// residents do not bury the mail of someone trying the registration.
pub const RESIDENT_MAIL_DOMAIN: &str = "residents.demo.invalid";

/// The resident a demo prints to try applying: refused in the first round, so free to apply in
/// the second.
pub const APPLICANT_EMAIL: &str = "applicant@residents.demo.invalid";

/// A small deterministic generator, so that every demo database is the same.
pub struct Lcg(u64);

impl Lcg {
    pub fn next(&mut self, bound: u64) -> u64 {
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

/// Makes the demo's people and their applications, and collects the rows to insert.
pub struct People {
    rng: Lcg,
    password_hash: String,
    pub residents: Vec<resident::ActiveModel>,
    pub applications: Vec<application::ActiveModel>,
    pub events: Vec<application_event::ActiveModel>,
}

/// A resident to make: where they live and train, who starts training in April of `cohort`.
pub struct Person<'a> {
    pub prefecture: Prefecture,
    pub specialty: Specialty,
    pub cohort: i32,
    pub email: Option<&'a str>,
    pub registered_at: DateTime<Utc>,
}

impl People {
    pub fn new(password_hash: String) -> People {
        People {
            rng: Lcg(2024),
            password_hash,
            residents: Vec::new(),
            applications: Vec::new(),
            events: Vec::new(),
        }
    }

    pub fn rng(&mut self) -> &mut Lcg {
        &mut self.rng
    }

    /// A new resident's row; answers its id.
    pub fn resident(&mut self, person: Person<'_>) -> String {
        let n = self.residents.len() as u64;
        let id = new_id();
        let rng = &mut self.rng;
        let (family, family_kana) = FAMILY_NAMES[rng.next(20) as usize];
        let (given, given_kana, gender) = GIVEN_NAMES[rng.next(16) as usize];
        // Licensed after six years of school, two years of initial training before the cohort.
        let licensed = person.cohort - 3 + rng.next(2) as i32;
        let email =
            person.email.map_or_else(|| format!("demo-resident-{n}@{RESIDENT_MAIL_DOMAIN}"), str::to_owned);
        self.residents.push(resident::ActiveModel {
            id: Set(id.clone()),
            // Spread over the whole ID space so IDs are not sequential.
            user_id: Set(UserId::from_number(n.wrapping_mul(783_641_329) % 1_000_000_000)
                .as_str()
                .to_string()),
            email: Set(email),
            password_hash: Set(self.password_hash.clone()),
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
            prefecture: Set(person.prefecture.code()),
            address: Set(format!(
                "{}市中央{}-{}-{}",
                person.prefecture.name_ja().trim_end_matches(['都', '府', '県']),
                1 + rng.next(5),
                1 + rng.next(20),
                1 + rng.next(30)
            )),
            phone: Set(format!("090-{:04}-{:04}", rng.next(10_000), rng.next(10_000))),
            clinical_training_program: Set("臨床研修プログラム".into()),
            clinical_training_completed_on: Set(NaiveDate::from_ymd_opt(person.cohort, 3, 31)),
            specialty: Set(person.specialty),
            track: Set("program".into()),
            curriculum_reason: Set(None),
            curriculum_reason_detail: Set(None),
            regional_quota: Set(false),
            regional_quota_prefecture: Set(None),
            regional_quota_consent: Set(false),
            legacy_user_id: Set(None),
            created_at: Set(person.registered_at),
            updated_at: Set(person.registered_at),
            deleted_at: Set(None),
        });
        id
    }

    /// An application with its history: applied at `applied_at`, decided at `decided_at` when
    /// `decision` is given.
    pub fn application(
        &mut self,
        resident_id: &str,
        program_id: &str,
        round: &round::Model,
        applied_at: DateTime<Utc>,
        decision: Option<(Decision, DateTime<Utc>)>,
    ) {
        let status = decision.map_or(ApplicationStatus::Applied, |(d, _)| d.status());
        let id = new_id();
        // 7919 is prime to 10⁹, so every demo application gets its own number.
        let number = receipt_number(round.year, round.kind, self.applications.len() as u64 * 7919);
        self.applications.push(application::ActiveModel {
            id: Set(id.clone()),
            resident_id: Set(resident_id.to_owned()),
            program_id: Set(program_id.to_owned()),
            round_id: Set(round.id.clone()),
            status: Set(status),
            decision: Set(decision.map(|(d, _)| d)),
            applied_at: Set(applied_at),
            receipt_number: Set(number),
            updated_at: Set(decision.map_or(applied_at, |(_, at)| at)),
        });
        self.events.push(event(
            &id,
            applied_at,
            ActorKind::Resident,
            Some(resident_id.to_owned()),
            None,
            ApplicationStatus::Applied,
        ));
        if let Some((decision, at)) = decision {
            self.events.push(event(&id, at, ActorKind::Director, None, Some(decision), status));
        }
    }

    pub async fn insert(self, tx: &impl ConnectionTrait) -> Result<usize, ApiError> {
        let count = self.residents.len();
        insert_chunked(tx, self.residents).await?;
        insert_chunked(tx, self.applications).await?;
        insert_chunked(tx, self.events).await?;
        Ok(count)
    }
}

/// Hires per ceiling cell (prefecture code, specialty), as decisions stand.
pub type CellHires = HashMap<(String, Specialty), u32>;

/// Whether one more acceptance fits `program` with `hired` already, under `ceilings`.
fn fits(
    program: &LoadedProgram,
    hired: u32,
    ceilings: &HashMap<(String, Specialty), u32>,
    cells: &CellHires,
) -> bool {
    let key = (program.prefecture.code(), program.specialty);
    let counts = AcceptanceCounts {
        capacity: program.capacity,
        program_hired: hired,
        ceiling: ceiling_applies(program.prefecture, program.specialty)
            .then(|| ceilings.get(&key).copied())
            .flatten(),
        ceiling_hired: cells.get(&key).copied().unwrap_or(0),
    };
    check_acceptance(&counts).is_ok()
}

fn hire(program: &LoadedProgram, hires: &mut HashMap<String, u32>, cells: &mut CellHires) {
    *hires.entry(program.id.clone()).or_default() += 1;
    *cells.entry((program.prefecture.code(), program.specialty)).or_default() += 1;
}

/// Residents applying in the first round, between a third and one and a half times each program's
/// capacity; directors accepted in order while capacity and ceiling allowed, rejected the rest, and
/// left a few unprocessed (shown as 保留 after the notification). Answers the hires per program
/// and per ceiling cell.
pub fn first_round(
    people: &mut People,
    programs: &[LoadedProgram],
    round: &round::Model,
    ceilings: &HashMap<(String, Specialty), u32>,
) -> (HashMap<String, u32>, CellHires) {
    let (mut hires, mut cells) = (HashMap::new(), CellHires::new());
    let applied_from = round.application_starts_at;
    let decided_at = round.adjustment_starts_at.unwrap_or(round.application_ends_at) + Duration::hours(2);
    for p in programs.iter().filter(|p| !p.researcher_course) {
        let applicants = (p.capacity as u64 * (33 + people.rng().next(118)) / 100).max(1);
        for _ in 0..applicants {
            let registered_at = applied_from - Duration::days(20);
            let person = Person {
                prefecture: p.prefecture,
                specialty: p.specialty,
                cohort: round.year,
                email: None,
                registered_at,
            };
            let resident = people.resident(person);
            let hired = hires.get(&p.id).copied().unwrap_or(0);
            let decision = match people.rng().next(20) {
                0 => None,
                1 => Some(Decision::OnHold),
                _ if fits(p, hired, ceilings, &cells) => Some(Decision::Accepted),
                _ => Some(Decision::Rejected),
            };
            if decision == Some(Decision::Accepted) {
                hire(p, &mut hires, &mut cells);
            }
            let applied_at = applied_from + Duration::minutes(people.rng().next(13 * 24 * 60) as i64);
            people.application(&resident, &p.id, round, applied_at, decision.map(|d| (d, decided_at)));
        }
    }
    (hires, cells)
}

/// The printed applicant: a resident of the first directed program's prefecture and specialty,
/// refused there in the first round, so that the second is open to them.
pub fn printed_applicant(people: &mut People, program: &LoadedProgram, first: &round::Model) {
    let registered_at = first.application_starts_at - Duration::days(30);
    let person = Person {
        prefecture: program.prefecture,
        specialty: program.specialty,
        cohort: first.year,
        email: Some(APPLICANT_EMAIL),
        registered_at,
    };
    let resident = people.resident(person);
    let decided_at = first.adjustment_starts_at.unwrap_or(first.application_ends_at) + Duration::hours(3);
    let applied_at = first.application_starts_at + Duration::hours(1);
    people.application(&resident, &program.id, first, applied_at, Some((Decision::Rejected, decided_at)));
}

/// Three applicants for each of the director's programs in `round` (the demo's round), applied
/// before `now`; decided in order while capacity and ceiling allow when the round's adjustment is
/// over, left to the director otherwise.
pub fn directed_round(
    people: &mut People,
    directed: &[&LoadedProgram],
    round: &round::Model,
    now: DateTime<Utc>,
    ceilings: &HashMap<(String, Specialty), u32>,
    mut hires: HashMap<String, u32>,
    mut cells: CellHires,
) {
    let open = round.application_starts_at;
    let minutes = (now.min(round.application_ends_at) - open).num_minutes().max(1) as u64;
    let decided = round.adjustment_ends_at.filter(|end| *end <= now).map(|end| end - Duration::hours(2));
    for p in directed {
        for _ in 0..3 {
            let person = Person {
                prefecture: p.prefecture,
                specialty: p.specialty,
                cohort: round.year,
                email: None,
                registered_at: open - Duration::days(3),
            };
            let resident = people.resident(person);
            let applied_at = open + Duration::minutes(people.rng().next(minutes) as i64);
            let decision = decided.map(|at| {
                let hired = hires.get(&p.id).copied().unwrap_or(0);
                if fits(p, hired, ceilings, &cells) {
                    hire(p, &mut hires, &mut cells);
                    (Decision::Accepted, at)
                } else {
                    (Decision::Rejected, at)
                }
            });
            people.application(&resident, &p.id, round, applied_at, decision);
        }
    }
}

fn event(
    application_id: &str,
    at: DateTime<Utc>,
    actor_kind: ActorKind,
    actor_id: Option<String>,
    decision: Option<Decision>,
    status: ApplicationStatus,
) -> application_event::ActiveModel {
    application_event::ActiveModel {
        id: Set(new_id()),
        application_id: Set(application_id.to_string()),
        at: Set(at),
        actor_kind: Set(actor_kind),
        actor_id: Set(actor_id),
        action: Set(if decision.is_some() { ApplicationAction::Decided } else { ApplicationAction::Applied }),
        status: Set(status),
        decision: Set(decision),
    }
}
