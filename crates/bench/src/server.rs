//! The server under test: the real `senkoi` binary as its own process, with the settings of a
//! production start, its log in a file, and its memory read from `/proc`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What every server process of a run shares.
#[derive(Clone)]
pub struct ServerConfig {
    pub binary: PathBuf,
    pub database_url: String,
    pub smtp_url: String,
    pub log_dir: PathBuf,
}

/// A running server; stopped (by its own pid, gracefully) when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    /// What its clock read at start, and when that was.
    clock_start: chrono::DateTime<chrono::Utc>,
    started: Instant,
}

/// A secret only the bench's servers use; tokens from one process are good at the other.
pub const JWT_SECRET: &str = "senkoi-bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
pub const CONSULTATION_KEY: &str = "YmVuY2hiZW5jaGJlbmNoYmVuY2hiZW5jaGJlbmNoYmU=";

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

impl Server {
    /// Starts a server whose clock reads `clock_start` now; waits until it answers its health
    /// check. `name` names its log file.
    pub async fn start(
        config: &ServerConfig,
        clock_start: chrono::DateTime<chrono::Utc>,
        name: &str,
    ) -> Result<Server, String> {
        let port = free_port()?;
        let url = format!("http://127.0.0.1:{port}");
        std::fs::create_dir_all(&config.log_dir).map_err(|e| e.to_string())?;
        let log_path = config.log_dir.join(format!("{name}.log"));
        let log = std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(&config.binary)
            .arg("serve")
            .env("SENKOI_DATABASE_URL", &config.database_url)
            .env("SENKOI_BIND", format!("127.0.0.1:{port}"))
            .env("SENKOI_PUBLIC_URL", &url)
            .env("SENKOI_JWT_SECRET", JWT_SECRET)
            .env("SENKOI_CONSULTATION_KEY", CONSULTATION_KEY)
            .env("SENKOI_SMTP_URL", &config.smtp_url)
            .env("SENKOI_CLOCK_START", clock_start.to_rfc3339())
            .env("RUST_LOG", std::env::var("SENKOI_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()))
            .env_remove("SENKOI_STATIC_DIR")
            .env_remove("SENKOI_DEMO")
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err))
            .spawn()
            .map_err(|e| format!("{}: {e}", config.binary.display()))?;
        let mut server = Server { child, url, clock_start, started: Instant::now() };
        server.wait_until_up(&log_path).await?;
        Ok(server)
    }

    async fn wait_until_up(&mut self, log: &Path) -> Result<(), String> {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                let tail = std::fs::read_to_string(log).unwrap_or_default();
                return Err(format!("the server ended ({status}) before it answered:\n{tail}"));
            }
            let health = client.get(format!("{}/api/health", self.url)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the server did not answer its health check within 60 s".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What its clock reads now: a second process started from this reading keeps time with it
    /// (tokens one issues are then not "from the future" at the other).
    pub fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock_start + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The peak resident memory since start or the last [`reset_peak`](Server::reset_peak), in
    /// bytes (`VmHWM`).
    pub fn peak_rss(&self) -> u64 {
        proc_status_kib(self.pid(), "VmHWM:") * 1024
    }

    /// Starts a new peak (Linux: `clear_refs` 5 resets `VmHWM`).
    pub fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5");
    }

    /// Stops it as an operator would (SIGTERM to its own pid), and waits.
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// A `kB` line of `/proc/<pid>/status`, or 0.
fn proc_status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
