//! A society's system integrates from the published spec alone: the README's walk-through
//! ("A society's walk-through on the demo") runs as `tests/walkthrough/walkthrough.py`, through a
//! Python client that `openapi-python-client` generates from `openapi/openapi.json` at each run,
//! against a demo server. A drift between the spec and the server breaks a typed call there.
//!
//! The generator runs in a venv kept at `$CARGO_TARGET_DIR/walkthrough-venv` (else
//! `target/walkthrough-venv`), made again when `tests/walkthrough/requirements.txt` changes.
//! Without `python3` or PyPI the test fails: it never skips.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use senkoi_tests::receiver::Receiver;
use senkoi_tests::{TestApp, spawn_app_configured};
use serde_json::json;

use crate::society_feeds::{seal, society_client, society_token};

/// Real applications in the feed before the sandbox's: more than the walk-through's page of five.
const EXISTING: usize = 6;

fn workspace_root() -> PathBuf {
    senkoi_tests::tests_dir().parent().expect("tests/ is in the workspace").to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// Runs `command`; panics with its output unless it succeeds.
fn run(command: &mut Command, what: &str) -> Output {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed ({}): {command:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The venv with the pinned generator, made (again) when the requirements differ from those it
/// was made with; a lock keeps two test processes from making it at once. Answers its `bin`.
fn venv() -> PathBuf {
    let requirements_path = workspace_root().join("tests/walkthrough/requirements.txt");
    let requirements = std::fs::read_to_string(&requirements_path).expect("read requirements.txt");
    let target = target_dir();
    std::fs::create_dir_all(&target).expect("create the cargo target directory");
    let lock = File::create(target.join("walkthrough-venv.lock")).expect("create the venv's lock file");
    lock.lock().expect("lock the venv");
    let venv = target.join("walkthrough-venv");
    let stamp = venv.join("requirements.installed.txt");
    // A venv whose python3 went away (its link dangles) is made again too.
    let current = std::fs::read_to_string(&stamp).ok().as_deref() == Some(requirements.as_str())
        && venv.join("bin/python").exists();
    if !current {
        if venv.exists() {
            std::fs::remove_dir_all(&venv).expect("remove the outdated venv");
        }
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv), "python3 -m venv");
        run(
            Command::new(venv.join("bin/python"))
                .args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r"])
                .arg(&requirements_path),
            "pip install -r tests/walkthrough/requirements.txt",
        );
        std::fs::write(&stamp, &requirements).expect("write the venv's stamp");
    }
    venv.join("bin")
}

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The client generated from the committed spec into a fresh directory: answers the directory
/// (kept while the value lives) and the package's path.
fn generate(bin: &Path) -> (TempDir, PathBuf) {
    let dir = TempDir(std::env::temp_dir().join(format!("senkoi-walkthrough-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).expect("create the temporary directory");
    let package = dir.0.join("senkoi_api_client");
    // The venv's bin first on PATH: the generator formats its output with the venv's ruff.
    let path = std::env::join_paths(
        std::iter::once(bin.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("a PATH");
    let output = run(
        Command::new(bin.join("openapi-python-client"))
            .arg("generate")
            .arg("--path")
            .arg(workspace_root().join("openapi/openapi.json"))
            .arg("--output-path")
            .arg(&package)
            .args(["--meta", "none"])
            .env("PATH", path),
        "openapi-python-client generate",
    );
    assert!(
        package.join("api/societies/application_feed.py").is_file(),
        "the societies' operations were not generated:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    (dir, package)
}

/// A demo server (as `cargo xtask run`) inside the first round of 2024's application period, with
/// two internal-medicine programs and [`EXISTING`] residents' applications to them, sealed into
/// the audit chain; answers the app, the admin's token and the round's id.
async fn demo_server() -> (TestApp, String, String) {
    let app = spawn_app_configured(|s| s.demo = true).await;
    app.set_now(senkoi_domain::time::noon_jst(2023, 11, 5));
    let admin = app.admin_token().await;
    let facility = app.facility(&admin, "城南病院", "27").await;
    let mut programs = Vec::new();
    for name in ["城南 内科 A", "城南 内科 B"] {
        let body = json!({"name": name, "specialty": "internal-medicine", "year": 2024, "base_facility_id": facility, "capacity": 2});
        let made = app.post("/api/v1/programs", Some(&admin), &body).await;
        assert_eq!(made.status, 201, "{}", made.text);
        programs.push(made.body["id"].as_str().unwrap().to_string());
    }
    let rounds = app.schedule_2024(&admin).await;
    let first = rounds.iter().find(|(s, _)| s.kind == senkoi_domain::RoundKind::First).unwrap().1.clone();
    for i in 0..EXISTING {
        let resident = app.resident(&format!("walk{i}@example.jp"), &format!("{}", 2_345_601 + i)).await;
        let body = json!({"program_id": programs[i % programs.len()], "round_id": first});
        let applied = app.post("/api/v1/applications", Some(&resident.access), &body).await;
        assert_eq!(applied.status, 201, "{}", applied.text);
    }
    seal(&app).await;
    (app, admin, first)
}

#[tokio::test]
async fn a_society_runs_the_readme_walkthrough_with_a_client_generated_from_the_spec() {
    // The venv and the generated client are made meanwhile, on a blocking thread.
    let prepared = tokio::task::spawn_blocking(|| {
        let bin = venv();
        let (dir, package) = generate(&bin);
        (bin, dir, package)
    });
    let (app, admin, first) = demo_server().await;
    let (client_id, secret, _) = society_client(&app, &admin, "internal-medicine").await;
    let receiver = Receiver::start(&[]).await;
    let (bin, _dir, package) = prepared.await.expect("the venv and the generated client");

    let mut command = Command::new(bin.join("python"));
    command
        .arg(workspace_root().join("tests/walkthrough/walkthrough.py"))
        .arg(&package)
        .env("SENKOI_BASE_URL", &app.address)
        .env("SENKOI_CLIENT_ID", &client_id)
        .env("SENKOI_CLIENT_SECRET", &secret)
        .env("SENKOI_ROUND_ID", &first)
        .env("SENKOI_WEBHOOK_URL", receiver.url("/walkthrough"))
        .env("SENKOI_EXPECT_EXISTING", EXISTING.to_string())
        .env("PYTHONDONTWRITEBYTECODE", "1");
    // The app serves on this runtime while the script runs on a blocking thread.
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the script's thread")
        .expect("run walkthrough.py");
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "walkthrough.py failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    assert!(stdout.contains("walk-through passed"), "{stdout}");
    println!("{stdout}");

    let hooks = receiver.received();
    assert_eq!(hooks.len(), 3, "the receiver got the 3 test applications: {hooks:?}");
    assert!(
        hooks.iter().all(|h| h.path == "/walkthrough" && h.header("webhook-signature").is_some()),
        "signed deliveries: {hooks:?}"
    );
    // The client still gets a token: nothing in the walk-through revoked it.
    society_token(&app, &client_id, &secret).await;
}
