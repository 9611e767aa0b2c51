//! The `senkoi` commands: serve (the default), migrate, create-admin, demo, audit seal / verify,
//! openapi, completions — parsed by clap, which gives `--help`, `--version`, the errors and the
//! shells' completion scripts.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
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

/// `senkoi`: the API and the SPA, and the commands an operator runs beside them. Settings come
/// from the `SENKOI_*` variables (README, "Settings").
#[derive(Debug, Parser)]
#[command(name = "senkoi", version, about = "Senkoi — specialty residents' registration and applications")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the SPA (what `senkoi` alone does).
    Serve,
    /// Apply the pending migrations, then stop.
    Migrate,
    /// Create a board admin. The password comes on standard input or in SENKOI_ADMIN_PASSWORD.
    CreateAdmin {
        /// The admin's e-mail address, with which they sign in.
        #[arg(long)]
        email: String,
        /// The admin's name as the pages and the audit log show it.
        #[arg(long, default_value = "機構 管理者")]
        name: String,
        /// Refused with the reason: a command line is visible to every user of the machine.
        #[arg(long, hide = true)]
        password: Option<String>,
    },
    /// Load the demo data at the server's clock (once) and print the logins.
    Demo {
        /// Where the demo's second round stands: application, adjustment or results.
        #[arg(long, value_parser = demo_phase)]
        phase: Option<DemoPhase>,
    },
    /// The audit log's hash chain.
    Audit {
        #[command(subcommand)]
        action: Audit,
    },
    /// Write the OpenAPI document, to standard output or to a file.
    Openapi {
        /// The file to write.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the shell's completion script for senkoi (e.g. `senkoi completions bash`).
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
enum Audit {
    /// Seal what was written (as each server does every few seconds).
    Seal,
    /// Walk the chain; fail at the first broken link.
    Verify,
}

/// A demo phase by the domain's own codes.
fn demo_phase(word: &str) -> Result<DemoPhase, String> {
    DemoPhase::parse(word)
        .ok_or_else(|| format!("--phase must be application, adjustment or results, not `{word}`"))
}

/// Runs the command `args` (without the program's name) asks for. Help and the version are
/// printed and succeed; a command line clap refuses answers its message, with the usage.
pub async fn run(args: &[String]) -> Result<(), String> {
    let cli = match Cli::try_parse_from(std::iter::once("senkoi").chain(args.iter().map(String::as_str))) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return e.print().map_err(|e| format!("printing the help: {e}"));
        }
        Err(e) => return Err(e.render().to_string().trim_start_matches("error: ").trim_end().to_string()),
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve().await,
        Command::Migrate => {
            connect().await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin { email, name, password } => {
            create_admin(&email, &name, password.is_some()).await
        }
        Command::Demo { phase } => load_demo(phase.unwrap_or_default()).await,
        Command::Audit { action } => audit_command(action).await,
        Command::Openapi { out } => openapi(out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "senkoi", &mut std::io::stdout());
            Ok(())
        }
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
fn openapi(out: Option<PathBuf>) -> Result<(), String> {
    let spec = crate::openapi::spec_json();
    match out {
        Some(path) => {
            std::fs::write(&path, spec).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        None => print!("{spec}"),
    }
    Ok(())
}

/// The new admin's password: `SENKOI_ADMIN_PASSWORD` when set, else the first line of standard
/// input. Never an argument: the command lines of a machine's processes are visible to all its
/// users, and stay in shell histories.
fn admin_password(given_as_argument: bool) -> Result<String, String> {
    if given_as_argument {
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

async fn create_admin(email: &str, name: &str, password_as_argument: bool) -> Result<(), String> {
    let email = email.trim().to_lowercase();
    if !email.contains('@') {
        return Err("--email must be an email address".into());
    }
    let password = admin_password(password_as_argument)?;
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
async fn load_demo(phase: DemoPhase) -> Result<(), String> {
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
async fn audit_command(action: Audit) -> Result<(), String> {
    let conn = connect().await?;
    match action {
        Audit::Seal => {
            let sealed = audit::chain::seal(&conn).await.map_err(|e| e.to_string())?;
            println!("audit events sealed: {sealed}");
            Ok(())
        }
        Audit::Verify => {
            let found = audit::chain::verify(&conn).await.map_err(|e| e.to_string())?;
            let (report, intact) = found.report();
            println!("{report}");
            if intact { Ok(()) } else { Err("the audit chain is broken".into()) }
        }
    }
}
