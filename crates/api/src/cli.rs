//! The `senkoi` commands: serve (the default), migrate, create-admin, demo, audit seal / verify,
//! openapi.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use senkoi_domain::audit::AuditAction;

use crate::auth::{Role, hash_password};
use crate::clock::Clock;
use crate::common_passwords::staff_password;
use crate::entities::{resident, staff_user};
use crate::settings::Settings;
use crate::startup::Application;
use crate::{audit, db, demo};
use senkoi_domain::demo::DemoPhase;

const USAGE: &str = "usage: senkoi [serve | migrate | create-admin --email E [--name N] (the password on standard input, or in SENKOI_ADMIN_PASSWORD) | demo [--phase application|adjustment|results] | audit seal | audit verify | openapi [--out FILE]]";

pub async fn run(args: &[String]) -> Result<(), String> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    match command {
        "serve" => serve().await,
        "migrate" => {
            connect().await?;
            println!("migrations applied");
            Ok(())
        }
        "create-admin" => create_admin(&args[1..]).await,
        "demo" => load_demo(&args[1..]).await,
        "audit" => audit_command(args.get(1).map(String::as_str)).await,
        "openapi" => openapi(&args[1..]),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

fn settings() -> Result<Settings, String> {
    Settings::from_env().map_err(|e| format!("reading settings: {e}"))
}

/// Connects to the configured database and applies pending migrations.
async fn connect() -> Result<DatabaseConnection, String> {
    let settings = settings()?;
    let conn =
        db::connect(&settings.database_url).await.map_err(|e| format!("connecting to the database: {e}"))?;
    db::migrate(&conn).await.map_err(|e| format!("migrating: {e}"))?;
    Ok(conn)
}

async fn serve() -> Result<(), String> {
    let settings = settings()?;
    settings.check()?;
    tracing::info!(?settings, "starting");
    let clock = clock_of(&settings)?;
    let bind = settings.bind.clone();
    let app = Application::build(settings, clock).await.map_err(|e| format!("starting: {e}"))?;
    let host = bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
    tracing::info!("listening on http://{host}:{}", app.port());
    app.run_until_stopped().await.map_err(|e| e.to_string())
}

/// The server's clock: real time, or from `SENKOI_CLOCK_START` on.
fn clock_of(settings: &Settings) -> Result<Clock, String> {
    match &settings.clock_start {
        Some(start) => {
            let start = DateTime::parse_from_rfc3339(start)
                .map_err(|e| format!("SENKOI_CLOCK_START is not RFC 3339: {e}"))?;
            tracing::warn!(%start, "the clock is set: \"now\" starts at SENKOI_CLOCK_START");
            Ok(Clock::starting_at(start.with_timezone(&Utc)))
        }
        None => Ok(Clock::system()),
    }
}

/// The OpenAPI document, on standard output or into `--out FILE`; needs no settings or database.
fn openapi(args: &[String]) -> Result<(), String> {
    let spec = crate::openapi::spec_json();
    match flag(args, "--out") {
        Some(path) => {
            std::fs::write(path, spec).map_err(|e| format!("{path}: {e}"))?;
            println!("wrote {path}");
        }
        None => print!("{spec}"),
    }
    Ok(())
}

/// `--name value` pairs after the command.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// The new admin's password: `SENKOI_ADMIN_PASSWORD` when set, else the first line of standard
/// input. Never an argument: the command lines of a machine's processes are visible to all its
/// users, and stay in shell histories.
fn admin_password(args: &[String]) -> Result<String, String> {
    if args.iter().any(|a| a == "--password") {
        return Err(
            "create-admin takes no --password: pass it on standard input or in SENKOI_ADMIN_PASSWORD \
                    (a command line is visible to every user of the machine)"
                .into(),
        );
    }
    if let Some(password) = std::env::var("SENKOI_ADMIN_PASSWORD").ok().filter(|p| !p.is_empty()) {
        return Ok(password);
    }
    eprint!("password for the new board admin (12 characters or more): ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| format!("reading the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn create_admin(args: &[String]) -> Result<(), String> {
    let email = flag(args, "--email").ok_or(USAGE)?.trim().to_lowercase();
    let name = flag(args, "--name").unwrap_or("機構 管理者");
    if !email.contains('@') {
        return Err("--email must be an email address".into());
    }
    let password = admin_password(args)?;
    let password = staff_password(&password).map_err(|e| format!("the password: {}", e.message_en()))?;
    let password = password.expose();
    let conn = connect().await?;
    let existing = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .one(&conn)
        .await
        .map_err(|e| e.to_string())?;
    if existing.is_some() {
        return Err(format!("a staff account for {email} exists already"));
    }
    let tx = db::begin_write(&conn).await.map_err(|e| e.to_string())?;
    let id = crate::ids::new_id();
    staff_user::ActiveModel {
        id: Set(id.clone()),
        email: Set(email.clone()),
        name: Set(name.to_string()),
        role: Set(Role::Admin),
        password_hash: Set(Some(hash_password(password).map_err(|e| e.to_string())?)),
        created_at: Set(Utc::now()),
        disabled_at: Set(None),
        totp_secret_sealed: Set(None),
        totp_enabled_at: Set(None),
        totp_last_step: Set(None),
    }
    .insert(&tx)
    .await
    .map_err(|e| e.to_string())?;
    audit::record(&tx, Utc::now(), None, AuditAction::StaffAdminCreated, &id, serde_json::json!({}))
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("board admin created: {email}");
    Ok(())
}

/// Loads the demo at the server's clock (`SENKOI_CLOCK_START` too), standing in the second
/// round's `--phase`, and prints the logins.
async fn load_demo(args: &[String]) -> Result<(), String> {
    let phase = match flag(args, "--phase") {
        Some(word) => DemoPhase::parse(word)
            .ok_or_else(|| format!("--phase must be application, adjustment or results, not `{word}`"))?,
        None => DemoPhase::default(),
    };
    let now = clock_of(&settings()?)?.now();
    let conn = connect().await?;
    let loaded = demo::load(&conn, now, phase).await.map_err(|e| format!("loading the demo data: {e}"))?;
    if loaded.already_there {
        println!("demo data is loaded already (remove the database to load it afresh at today's date)");
    } else {
        println!(
            "demo data loaded: {} programs, {} residents, the {} round of {} in its {} phase",
            loaded.programs,
            loaded.residents,
            senkoi_domain::demo::DEMO_ROUND.code(),
            senkoi_domain::resident::recruitment_year_at(now),
            phase.code()
        );
    }
    println!("board admin: {} / {}", demo::ADMIN_EMAIL, demo::ADMIN_PASSWORD);
    println!("director:    {} / {}", demo::DIRECTOR_EMAIL, demo::DIRECTOR_PASSWORD);
    println!("officer:     {} / {}", demo::OFFICER_EMAIL, demo::OFFICER_PASSWORD);
    println!(
        "society:     client_id={} client_secret={}",
        demo::SOCIETY_CLIENT_ID,
        demo::SOCIETY_CLIENT_SECRET
    );
    for (who, email) in
        [("resident to apply:   ", demo::APPLICANT_EMAIL), ("resident in training:", demo::TRAINEE_EMAIL)]
    {
        let resident = resident::Entity::find()
            .filter(resident::Column::Email.eq(email))
            .filter(resident::Column::DeletedAt.is_null())
            .one(&conn)
            .await
            .map_err(|e| e.to_string())?;
        if let Some(resident) = resident {
            println!("{who} {} / {}", resident.user_id, demo::RESIDENT_PASSWORD);
        }
    }
    Ok(())
}

/// `audit seal` seals what was written (as each server does every few seconds); `audit verify`
/// walks the chain and fails at the first broken link.
async fn audit_command(sub: Option<&str>) -> Result<(), String> {
    let conn = connect().await?;
    match sub {
        Some("seal") => {
            let sealed = audit::chain::seal(&conn).await.map_err(|e| e.to_string())?;
            println!("audit events sealed: {sealed}");
            Ok(())
        }
        Some("verify") => {
            let found = audit::chain::verify(&conn).await.map_err(|e| e.to_string())?;
            let (report, intact) = found.report();
            println!("{report}");
            if intact { Ok(()) } else { Err("the audit chain is broken".into()) }
        }
        _ => Err(USAGE.into()),
    }
}
