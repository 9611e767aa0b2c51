//! Developer workflows in Rust, so they work the same everywhere:
//! `cargo xtask run | test | build-spa | openapi | bench`.

mod bench;
mod spa;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <run | test | build-spa | openapi>
  run [--phase application|adjustment|results]
             build the SPA and the API, migrate, load the demo data on first start (placed at
             today's date in the second round's phase, application by default), serve on
             http://127.0.0.1:8080 (SQLite under var/)
  test       fmt, clippy, build the SPA, then every test: on SQLite, then on PostgreSQL at
             SENKOI_TEST_DATABASE_URL, or at postgres://postgres@127.0.0.1:5432/postgres when that
             is unset and a server answers there (else that pass is skipped, and says so)
  build-spa  build the Leptos SPA for wasm32 into <target>/spa (content-hashed names, .br and
             .gz siblings) and print the first load's size
  openapi    write openapi/openapi.json from the code (senkoi openapi)
  bench      the noon-rush benchmark on PostgreSQL (and SQLite): release builds, 10,000 residents;
             writes BENCHMARKS.md's table and bench.json (see BENCHMARKS.md)
  bench --smoke  the same with 1,000 residents and debug builds, correctness checks only (the
             last step of `test` when PostgreSQL is there)";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("build-spa") => spa::build().map(|dir| println!("SPA built in {}", dir.display())),
        Some("openapi") => write_openapi(),
        Some("bench") => bench::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace of the checkout xtask was run in. Read at run time (`cargo run` sets
/// `CARGO_MANIFEST_DIR`): cargo reuses an xtask built in another clone that shares the target
/// directory, and the path compiled into that one names the other clone.
fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let manifest = manifest.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.ancestors().nth(2).map(Path::to_path_buf).unwrap_or_default()
}

/// Where cargo builds: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

/// Runs `command`, failing with its description when it fails.
fn status(command: &mut Command) -> Result {
    eprintln!("xtask: $ {}", describe(command));
    let status = command.status().map_err(|e| format!("{}: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("failed: {}", describe(command))) }
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Says what comes next, before a step that may take minutes.
fn stage(what: &str) {
    eprintln!("xtask: ▶ {what}");
}

/// The spec comes from the `senkoi` binary, so xtask itself does not compile the API.
fn write_openapi() -> Result {
    stage("compiling the API to write openapi/openapi.json from the code");
    status(cargo().args([
        "run",
        "-p",
        "senkoi-api",
        "--bin",
        "senkoi",
        "--",
        "openapi",
        "--out",
        "openapi/openapi.json",
    ]))
}

/// Adds the wasm32 target through rustup when it is missing.
fn ensure_wasm_target() -> Result {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        Ok(())
    } else {
        status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
    }
}

/// The system on a laptop: SPA, API, SQLite, demo data, http://127.0.0.1:8080.
fn run(args: &[String]) -> Result {
    let phase = match args {
        [] => None,
        [flag, phase] if flag == "--phase" => Some(phase.clone()),
        _ => return Err(USAGE.to_string()),
    };
    let dist = spa::build()?;
    stage("compiling the API server (debug)");
    status(cargo().args(["build", "-p", "senkoi-api", "--bin", "senkoi"]))?;
    let senkoi = target_dir().join("debug/senkoi");
    // The demo loads once; later starts keep what is in var/senkoi.db.
    stage("migrating var/senkoi.db and loading the demo data (first start only)");
    let mut demo = Command::new(&senkoi);
    demo.arg("demo").current_dir(root());
    if let Some(phase) = phase {
        demo.args(["--phase", &phase]);
    }
    status(&mut demo)?;
    println!("\n  Senkoi: http://127.0.0.1:8080   API docs: http://127.0.0.1:8080/api/docs/\n");
    // A demo server: the societies' sandbox answers, and webhooks may go to a receiver on this
    // machine.
    status(
        Command::new(&senkoi)
            .arg("serve")
            .current_dir(root())
            .env("SENKOI_STATIC_DIR", dist)
            .env("SENKOI_DEMO", "1")
            .env("SENKOI_WEBHOOKS_ALLOW_LOCAL", "1"),
    )
}

/// Every check and test. The browser test needs Chromium and its driver: installed here through
/// apt-get when missing and allowed (root), else it says how.
fn test() -> Result {
    stage("checking the format and lints (cargo fmt, cargo clippy on the host and wasm32)");
    status(cargo().args(["fmt", "--all", "--", "--check"]))?;
    status(cargo().args(["clippy", "--all-targets", "--", "-D", "warnings"]))?;
    ensure_wasm_target()?;
    status(cargo().args([
        "clippy",
        "-p",
        "senkoi-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    let dist = spa::build()?;
    ensure_chromium()?;
    ensure_axe()?;
    stage("every test on SQLite, the browser test in headless Chromium included");
    // One pass on SQLite with everything, including the browser test (ignored by plain `cargo test`).
    status(
        cargo()
            .args(["test", "--", "--include-ignored"])
            .env("SENKOI_TEST_SPA_DIR", &dist)
            .env_remove("SENKOI_TEST_DATABASE_URL"),
    )?;
    // The SPA's own unit tests (its message catalogue), natively, apart from the server's build.
    status(cargo().args(["test", "-p", "senkoi-frontend"]))?;
    match postgres_for_tests() {
        Some(url) => {
            stage(&format!("the API tests again, on PostgreSQL at {url}"));
            status(
                cargo()
                    .args(["test", "-p", "senkoi-tests", "--test", "api"])
                    .env("SENKOI_TEST_DATABASE_URL", &url),
            )?;
            bench::smoke(&url)
        }
        None => {
            eprintln!(
                "xtask: the PostgreSQL pass was SKIPPED: SENKOI_TEST_DATABASE_URL is not set and nothing \
                 answers on {LOCAL_POSTGRES}. Start PostgreSQL there (user postgres, trust), or set \
                 SENKOI_TEST_DATABASE_URL=postgres://user:pass@host:port/postgres"
            );
            Ok(())
        }
    }
}

/// Where a local PostgreSQL is looked for when `SENKOI_TEST_DATABASE_URL` is unset.
const LOCAL_POSTGRES: &str = "127.0.0.1:5432";

/// The server for the PostgreSQL pass: `SENKOI_TEST_DATABASE_URL` when set, else the local one
/// when it accepts a connection.
pub(crate) fn postgres_for_tests() -> Option<String> {
    if let Some(url) = std::env::var("SENKOI_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        return Some(url);
    }
    let address = LOCAL_POSTGRES.parse().ok()?;
    std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_millis(500)).ok()?;
    eprintln!("xtask: SENKOI_TEST_DATABASE_URL is unset, and PostgreSQL answers on {LOCAL_POSTGRES}");
    Some(format!("postgres://postgres@{LOCAL_POSTGRES}/postgres"))
}

/// Installs axe-core (pinned by its lock file) for the browser tests' accessibility checks.
fn ensure_axe() -> Result {
    let dir = root().join("tests/support/axe");
    if dir.join("node_modules/axe-core/axe.min.js").exists() {
        return Ok(());
    }
    eprintln!("xtask: installing axe-core for the accessibility checks (npm ci)");
    status(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

/// Chromium, its driver, and a Japanese font (the README's screenshots, taken by the browser
/// tests, show Japanese only with one).
fn ensure_chromium() -> Result {
    let present = |p: &str| Path::new(p).exists();
    if present("/usr/bin/chromium")
        && present("/usr/bin/chromedriver")
        && present("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    {
        return Ok(());
    }
    let is_root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    if !is_root {
        return Err("the browser test needs Chromium and a Japanese font: \
                    sudo apt-get install -y chromium chromium-driver fonts-noto-cjk"
            .into());
    }
    status(Command::new("apt-get").arg("update"))?;
    status(Command::new("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-noto-cjk",
    ]))
}
