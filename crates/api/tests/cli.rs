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

/// `senkoi create-admin --email <email>` with `password` on standard input.
fn create_admin(dir: &Workdir, email: &str, password: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_senkoi"))
        .args(["create-admin", "--email", email])
        .current_dir(&dir.0)
        .env_remove("SENKOI_DATABASE_URL")
        .env_remove("SENKOI_JWT_SECRET")
        .env_remove("SENKOI_ADMIN_PASSWORD")
        .env("RUST_LOG", "error")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("senkoi runs");
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    child.wait_with_output().expect("senkoi ends")
}

/// A board admin's password by the staff rule.
const ADMIN_PASSWORD: &str = "board staff 2024 kyoto";

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
fn create_admin_reads_the_password_from_standard_input_by_the_staff_rule_and_refuses_a_second_account() {
    let dir = workdir();
    let on_the_command_line =
        senkoi(&dir, &["create-admin", "--email", "a@example.jp", "--password", ADMIN_PASSWORD]);
    assert!(!on_the_command_line.status.success());
    assert!(String::from_utf8_lossy(&on_the_command_line.stderr).contains("standard input"));
    for weak in ["Board2024x", "Password2024!", "abcdefghijklmn"] {
        let refused = create_admin(&dir, "a@example.jp", weak);
        assert!(!refused.status.success(), "{weak}");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("password"), "{refused:?}");
    }
    let made = create_admin(&dir, "a@example.jp", ADMIN_PASSWORD);
    assert!(made.status.success(), "{made:?}");
    assert!(stdout(&made).contains("a@example.jp"));
    let again = create_admin(&dir, "A@example.jp", ADMIN_PASSWORD);
    assert!(!again.status.success(), "emails are compared without case");
    let from_the_environment = Command::new(env!("CARGO_BIN_EXE_senkoi"))
        .args(["create-admin", "--email", "b@example.jp"])
        .current_dir(&dir.0)
        .env_remove("SENKOI_DATABASE_URL")
        .env_remove("SENKOI_JWT_SECRET")
        .env("SENKOI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RUST_LOG", "error")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("senkoi runs");
    assert!(from_the_environment.status.success(), "{from_the_environment:?}");
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
    for who in ["resident to apply:", "resident in training:"] {
        let line =
            stdout(&second).lines().find(|l| l.starts_with(who)).map(str::to_owned).unwrap_or_default();
        let user_id = line.trim_start_matches(who).split_whitespace().next().unwrap_or_default();
        assert!(senkoi_domain::UserId::parse(user_id).is_ok(), "{who} a login is printed: {line}");
    }
}

#[test]
fn demo_stands_in_the_asked_phase_and_refuses_an_unknown_one() {
    let dir = workdir();
    let refused = senkoi(&dir, &["demo", "--phase", "adjust"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr).to_string();
    assert!(said.contains("--phase must be application, adjustment or results"), "{said}");
    let loaded = senkoi(&dir, &["demo", "--phase", "adjustment"]);
    assert!(loaded.status.success(), "{loaded:?}");
    assert!(
        stdout(&loaded).contains("second round of") && stdout(&loaded).contains("adjustment phase"),
        "{}",
        stdout(&loaded)
    );
}

#[test]
fn an_unknown_command_fails_with_the_usage() {
    let dir = workdir();
    let output = senkoi(&dir, &["frobnicate"]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(said.contains("frobnicate") && said.to_lowercase().contains("usage"), "{said}");
    let missing = senkoi(&dir, &["create-admin"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--email"), "{missing:?}");
}

#[test]
fn help_lists_every_command_and_the_shells_get_their_completions() {
    let dir = workdir();
    let help = senkoi(&dir, &["--help"]);
    assert!(help.status.success(), "{help:?}");
    for command in ["serve", "migrate", "create-admin", "demo", "audit", "openapi", "completions"] {
        assert!(stdout(&help).contains(command), "{command} in {}", stdout(&help));
    }
    let demo = senkoi(&dir, &["demo", "--help"]);
    assert!(stdout(&demo).contains("application, adjustment or results"), "{}", stdout(&demo));
    let version = senkoi(&dir, &["--version"]);
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")), "{version:?}");
    let bash = senkoi(&dir, &["completions", "bash"]);
    assert!(bash.status.success(), "{bash:?}");
    assert!(stdout(&bash).contains("create-admin") && stdout(&bash).contains("complete"), "a bash script");
}

#[test]
fn serve_refuses_a_jwt_secret_shorter_than_32_bytes_with_a_clear_message() {
    let dir = workdir();
    let output = Command::new(env!("CARGO_BIN_EXE_senkoi"))
        .arg("serve")
        .current_dir(&dir.0)
        .env_remove("SENKOI_DATABASE_URL")
        .env("SENKOI_JWT_SECRET", "too-short")
        .env("SENKOI_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "error")
        .output()
        .expect("senkoi runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("SENKOI_JWT_SECRET") && stderr.contains("32"), "{stderr}");
}

/// A running `senkoi serve` whose log lines arrive on a channel; killed (by its own pid) on drop.
struct Server {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Workdir) -> Server {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_senkoi"))
        .arg("serve")
        .current_dir(&dir.0)
        .env_remove("SENKOI_DATABASE_URL")
        .env_remove("SENKOI_JWT_SECRET")
        .env_remove("SENKOI_SMTP_URL")
        .env("SENKOI_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("senkoi serve starts");
    let stdout = child.stdout.take().expect("its output");
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let port = loop {
        let line = lines
            .recv_timeout(deadline - std::time::Instant::now())
            .expect("the server says where it listens");
        if let Some(port) = line.split("listening on http://127.0.0.1:").nth(1) {
            break port.trim().parse().expect("a port");
        }
    };
    Server { child, lines, port }
}

/// A bare HTTP/1.1 GET; answers the whole response.
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn tokens_of_mailed_links_never_reach_the_log() {
    let dir = workdir();
    let server = serve(&dir);
    let secret = "SeCrEtLinkToken0123456789abcdefghijklmnopq";
    for path in [
        format!("/api/v1/registrations/{secret}"),
        format!("/register/{secret}"),
        format!("/reset-password/{secret}"),
    ] {
        let response = http_get(server.port, &path);
        assert!(response.starts_with("HTTP/1.1 "), "{response}");
    }
    let mut log = Vec::new();
    while let Ok(line) = server.lines.recv_timeout(std::time::Duration::from_secs(2)) {
        log.push(line);
    }
    let log = log.join("\n");
    assert!(log.contains("/api/v1/registrations/{token}"), "the access log shows the request: {log}");
    assert!(log.contains("/register/{token}") && log.contains("/reset-password/{token}"), "{log}");
    assert!(!log.contains(secret), "{log}");
}

#[test]
fn serve_stops_cleanly_on_sigterm_and_the_mail_worker_with_it() {
    let dir = workdir();
    let mut server = serve(&dir);
    assert!(http_get(server.port, "/api/health").contains("200 OK"), "serving");
    // Signal this one process (never a group).
    let pid = server.child.id().to_string();
    let signalled = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(signalled.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "the server stops within 30 s");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(status.success(), "{status:?}");
    let log: Vec<String> = server.lines.try_iter().collect();
    assert!(log.iter().any(|l| l.contains("mail worker stopped")), "{log:?}");
}

/// Runs `sql` on the workdir's SQLite database, as someone with access to the database would.
fn tamper(dir: &Workdir, sql: &str) {
    use sea_orm::ConnectionTrait;
    let url = format!("sqlite://{}?mode=rw", dir.0.join("var/senkoi.db").display());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let db = sea_orm::Database::connect(&url).await.unwrap();
        db.execute_unprepared(sql).await.unwrap();
        db.close().await.unwrap();
    });
}

#[test]
fn audit_verify_holds_for_a_sealed_chain_and_names_the_first_broken_link_after_tampering() {
    let dir = workdir();
    for email in ["a@example.jp", "b@example.jp", "c@example.jp"] {
        let made = create_admin(&dir, email, ADMIN_PASSWORD);
        assert!(made.status.success(), "{made:?}");
    }
    let before = senkoi(&dir, &["audit", "verify"]);
    assert!(before.status.success(), "{before:?}");
    assert!(stdout(&before).contains("not sealed yet: 3"), "{}", stdout(&before));
    let sealed = senkoi(&dir, &["audit", "seal"]);
    assert!(stdout(&sealed).contains("audit events sealed: 3"), "{sealed:?}");
    let intact = senkoi(&dir, &["audit", "verify"]);
    assert!(intact.status.success(), "{intact:?}");
    assert!(stdout(&intact).contains("audit events verified: 3"), "{}", stdout(&intact));

    tamper(&dir, "UPDATE audit_events SET detail = '{\"forged\":true}' WHERE seq = 2");
    let broken = senkoi(&dir, &["audit", "verify"]);
    assert!(!broken.status.success(), "an edited event fails the check");
    let report = stdout(&broken);
    assert!(report.contains("audit events verified: 1"), "{report}");
    assert!(report.contains("BROKEN at seq 2 (hash-mismatch)"), "{report}");

    tamper(&dir, "DELETE FROM audit_events WHERE seq = 2");
    let report = stdout(&senkoi(&dir, &["audit", "verify"]));
    assert!(report.contains("BROKEN at seq 2 (missing)"), "a deleted event fails the check: {report}");
    assert!(!senkoi(&dir, &["audit", "frobnicate"]).status.success());
}
