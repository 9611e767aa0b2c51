//! The demo's residents in training: hired two recruitment years ago into a pediatrics program
//! the demo director runs (pediatrics keeps its records here, not by data linkage), each with a
//! first half-year approved and the next waiting for the director, so the printed trainee reaches
//! the records, their approval and the completion application.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use senkoi_domain::application::Decision;
use senkoi_domain::prefecture::Prefecture;
use senkoi_domain::specialty::Specialty;
use senkoi_domain::training::{DEFAULT_TRAINING_YEARS, RecordKeeper, RecordStatus};

use super::applicants::{People, Person};
use super::{LoadedProgram, insert_chunked};
use crate::entities::{program, program_affiliation, round, training_record};
use crate::error::ApiError;
use crate::ids::new_id;

/// The resident a demo prints to try the training records.
pub const TRAINEE_EMAIL: &str = "trainee@residents.demo.invalid";

/// The program's base and affiliated facilities (keys of the catalogue).
const BASE: &str = "tokyo-chuo-univ";
const AFFILIATED: [&str; 2] = ["tokyo-joto-center", "tokyo-yotsuya-rc"];

/// The training program of the cohort that started two years ago, its hired residents and their
/// records (to insert after the residents); answers the program, for its director.
pub async fn insert(
    tx: &impl ConnectionTrait,
    people: &mut People,
    facility: impl Fn(&str) -> Result<String, ApiError>,
    first_round: &round::Model,
    now: DateTime<Utc>,
) -> Result<(LoadedProgram, Vec<training_record::ActiveModel>), ApiError> {
    let year = first_round.year;
    let id = new_id();
    let specialty = Specialty::Pediatrics;
    program::ActiveModel {
        id: Set(id.clone()),
        name: Set("東京中央大学病院 小児科専門研修プログラム".into()),
        specialty: Set(specialty),
        year: Set(year),
        base_facility_id: Set(facility(BASE)?),
        capacity: Set(4),
        researcher_course: Set(false),
        training_years: Set(DEFAULT_TRAINING_YEARS as i32),
        contact: Set("小児科医局 専攻医担当 03-0000-0000".into()),
        description: Set("大学病院と地域の二病院で小児科の基本から新生児・救急までを研修します。".into()),
        created_at: Set(first_round.application_starts_at - Duration::days(60)),
        updated_at: Set(first_round.application_starts_at - Duration::days(60)),
    }
    .insert(tx)
    .await?;
    let mut affiliations = Vec::new();
    for key in AFFILIATED {
        affiliations.push(program_affiliation::ActiveModel {
            program_id: Set(id.clone()),
            facility_id: Set(facility(key)?),
        });
    }
    insert_chunked(tx, affiliations).await?;

    let decided_at =
        first_round.adjustment_starts_at.unwrap_or(first_round.application_ends_at) + Duration::hours(2);
    let facilities = [facility(BASE)?, facility(AFFILIATED[0])?, facility(AFFILIATED[1])?];
    let mut records = Vec::new();
    for n in 0..3 {
        let person = Person {
            prefecture: Prefecture::parse("13")?,
            specialty,
            cohort: year,
            email: (n == 0).then_some(TRAINEE_EMAIL),
            registered_at: first_round.application_starts_at - Duration::days(20),
        };
        let resident = people.resident(person);
        let applied_at = first_round.application_starts_at + Duration::hours(2 + n);
        people.application(&resident, &id, first_round, applied_at, Some((Decision::Accepted, decided_at)));
        // The first year in two halves: the first approved, the second waiting for the director.
        let halves = [
            (date(year, 4, 1)?, date(year, 9, 30)?, RecordStatus::Approved),
            (date(year, 10, 1)?, date(year + 1, 3, 31)?, RecordStatus::Submitted),
        ];
        for (i, (from, to, status)) in halves.into_iter().enumerate() {
            let entered = noon_after(to, now);
            records.push(training_record::ActiveModel {
                id: Set(new_id()),
                resident_id: Set(resident.clone()),
                program_id: Set(id.clone()),
                facility_id: Set(facilities[(n as usize + i) % facilities.len()].clone()),
                from_on: Set(from),
                to_on: Set(to),
                status: Set(status),
                kept_by: Set(RecordKeeper::of(specialty, year)),
                return_reason: Set(None),
                created_at: Set(entered),
                updated_at: Set(entered),
            });
        }
    }
    let program = LoadedProgram {
        id,
        specialty,
        prefecture: Prefecture::parse("13")?,
        capacity: 4,
        researcher_course: false,
    };
    Ok((program, records))
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, ApiError> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ApiError::Internal(format!("{year}-{month}-{day}")))
}

/// When a period was entered: the day after it ended, and never after `now`.
fn noon_after(to: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    senkoi_domain::time::try_noon_jst(to.year(), to.month(), to.day())
        .map_or(now, |noon| (noon + Duration::days(1)).min(now))
}
