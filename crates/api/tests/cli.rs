//! The `senkoi` binary's commands, run as a person would, on a temporary SQLite database.

use std::path::PathBuf;
use std::process::{Command, Output};

struct Workdir(PathBuf);

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn workdir() -> Workdir {
    let dir = std::env::temp_dir().join(format!("senkoi-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    Workdir(dir)
}

fn senkoi(dir: &Workdir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_senkoi"))
        .args(args)
        .current_dir(&dir.0)
        .env_remove("SENKOI_DATABASE_URL")
        .env_remove("SENKOI_JWT_SECRET")
        .env("RUST_LOG", "error")
        .output()
        .expect("senkoi runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn migrate_creates_the_default_sqlite_database_under_var() {
    let dir = workdir();
    let output = senkoi(&dir, &["migrate"]);
    assert!(output.status.success(), "{output:?}");
    assert!(dir.0.join("var/senkoi.db").exists());
}

#[test]
fn create_admin_refuses_a_weak_password_and_a_second_account_for_the_same_email() {
    let dir = workdir();
    let weak = senkoi(&dir, &["create-admin", "--email", "a@example.jp", "--password", "abc"]);
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("--password"));
    let made = senkoi(&dir, &["create-admin", "--email", "a@example.jp", "--password", "Board2024x"]);
    assert!(made.status.success(), "{made:?}");
    assert!(stdout(&made).contains("a@example.jp"));
    let again = senkoi(&dir, &["create-admin", "--email", "A@example.jp", "--password", "Board2024x"]);
    assert!(!again.status.success(), "emails are compared without case");
}

#[test]
fn demo_loads_once_and_prints_the_logins_every_time() {
    let dir = workdir();
    let first = senkoi(&dir, &["demo"]);
    assert!(first.status.success(), "{first:?}");
    assert!(stdout(&first).contains("programs"));
    assert!(stdout(&first).contains("admin@senkoi.localhost"));
    let second = senkoi(&dir, &["demo"]);
    assert!(stdout(&second).contains("loaded already"));
    assert!(stdout(&second).contains("director@senkoi.localhost"));
}

#[test]
fn an_unknown_command_fails_with_the_usage() {
    let dir = workdir();
    let output = senkoi(&dir, &["frobnicate"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage"));
}
