//! The results: a row per scenario, the checks, the targets; written as `bench.json` and as the
//! table in `BENCHMARKS.md` (between its result markers).

use std::path::Path;

use crate::checks::Check;
use crate::load::Measured;

/// One measured scenario.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub scenario: String,
    pub database: String,
    pub servers: usize,
    pub server: Measured,
    /// The peak resident memory of the server process(es) during the scenario, MiB.
    pub server_peak_rss_mib: f64,
    pub limit: Option<Measured>,
    /// Server requests/s over the limit's.
    pub ratio: Option<f64>,
}

impl Row {
    pub fn new(
        scenario: &str,
        database: &str,
        servers: usize,
        server: Measured,
        peak_rss: u64,
        limit: Option<Measured>,
    ) -> Row {
        let ratio = limit.as_ref().map(|l| server.per_second / l.per_second.max(1e-9));
        Row {
            scenario: scenario.to_string(),
            database: database.to_string(),
            servers,
            server,
            server_peak_rss_mib: peak_rss as f64 / (1024.0 * 1024.0),
            limit,
            ratio,
        }
    }
}

/// A target of the issue, and whether the run met it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Target {
    pub target: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub date: String,
    pub mode: String,
    pub machine: Machine,
    pub dataset: serde_json::Value,
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    pub targets: Vec<Target>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    pub kernel: String,
    pub database: String,
}

impl Machine {
    pub fn read(database_version: String) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .and_then(|r| r.split_once(':'))
                    .map(|(_, m)| m.trim().to_string())
            })
            .unwrap_or_default();
        let memory_kib: f64 = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|r| r.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        Machine {
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            cpu_model,
            memory_gib: (memory_kib / 1024.0 / 1024.0 * 10.0).round() / 10.0,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_string(),
            database: database_version,
        }
    }
}

fn ms(value: f64) -> String {
    if value < 10.0 { format!("{value:.1}") } else { format!("{value:.0}") }
}

/// The Markdown table of the rows and the checks.
pub fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut out = format!(
        "Run of {} ({} mode) on {} cores ({}), {} GiB, Linux {}, {}.\n\n",
        report.date, report.mode, m.cpus, m.cpu_model, m.memory_gib, m.kernel, m.database
    );
    out.push_str(&rows_markdown(&report.rows));
    out.push_str("\n| target | measured | met |\n| --- | --- | --- |\n");
    for t in &report.targets {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            t.target,
            t.measured,
            if t.met { "yes" } else { "**no**" }
        ));
    }
    out.push_str("\n| check after the runs | held | detail |\n| --- | --- | --- |\n");
    for c in &report.checks {
        out.push_str(&format!("| {} | {} | {} |\n", c.name, if c.held { "yes" } else { "**no**" }, c.detail));
    }
    for note in &report.notes {
        out.push_str(&format!("\n{note}\n"));
    }
    out
}

const START: &str = "<!-- results:start -->";
const END: &str = "<!-- results:end -->";

/// Writes `bench.json` into `dir` and puts the table between the markers of `dir/BENCHMARKS.md`.
pub fn write(report: &Report, dir: &Path) -> Result<(), String> {
    let json = serde_json::to_string_pretty(report).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("bench.json"), json + "\n").map_err(|e| format!("bench.json: {e}"))?;
    let path = dir.join("BENCHMARKS.md");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
        return Err(format!("{} has no {START} … {END} markers", path.display()));
    };
    let updated = format!("{}{START}\n{}{}", &text[..start], markdown(report), &text[end..]);
    std::fs::write(&path, updated).map_err(|e| format!("{}: {e}", path.display()))
}

/// The table of measured rows.
pub fn rows_markdown(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(
        "| scenario | db | servers × conns | requests | req/s | p50 ms | p95 ms | p99 ms | errors | refused | server peak RSS MiB | limit req/s | limit p99 ms | ratio |\n\
         | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in rows {
        let s = &r.server;
        let refused: usize = s.refused.values().sum();
        let (limit_rps, limit_p99, ratio) = match (&r.limit, r.ratio) {
            (Some(l), Some(ratio)) => (format!("{:.0}", l.per_second), ms(l.p99_ms), format!("{ratio:.2}")),
            _ => ("–".into(), "–".into(), "–".into()),
        };
        out.push_str(&format!(
            "| {} | {} | {} × {} | {} | {:.0} | {} | {} | {} | {} | {} | {:.0} | {} | {} | {} |\n",
            r.scenario,
            r.database,
            r.servers,
            s.connections,
            s.requests,
            s.per_second,
            ms(s.p50_ms),
            ms(s.p95_ms),
            ms(s.p99_ms),
            s.errors,
            refused,
            r.server_peak_rss_mib,
            limit_rps,
            limit_p99,
            ratio
        ));
    }
    out
}
