//! Where the CPU went during a rush (Linux): the CPU time of the server processes, of
//! PostgreSQL's processes and of the bench itself (the load generator), read from `/proc` before
//! and after, with how busy the machine's cores were meanwhile.
//!
//! PostgreSQL's processes are those named `postgres`; one that ends between the two readings (a
//! short autovacuum worker) is not counted, so its share is a lower bound.

use std::time::Instant;

/// Clock ticks per second of `/proc`'s times (`USER_HZ`, 100 in Linux's ABI).
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU seconds used so far, and when they were read.
#[derive(Clone, Copy)]
pub struct Reading {
    servers: f64,
    postgres: f64,
    bench: f64,
    machine_busy: f64,
    at: Instant,
}

/// The user and system seconds of process `pid`: fields 14 and 15 of `/proc/<pid>/stat`, counted
/// after the command name (which may hold spaces, so from its closing parenthesis).
fn process_seconds(pid: &str) -> Option<f64> {
    seconds_of_stat(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// The user and system seconds in a `/proc/<pid>/stat` line.
fn seconds_of_stat(stat: &str) -> Option<f64> {
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    // fields[0] is field 3 (the state).
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / TICKS_PER_SECOND)
}

fn postgres_seconds() -> f64 {
    let Ok(processes) = std::fs::read_dir("/proc") else { return 0.0 };
    processes
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "postgres")
        })
        .filter_map(|pid| process_seconds(&pid))
        .sum()
}

/// Seconds the machine's cores were busy (all of them): `/proc/stat`'s first line without idle and
/// I/O wait.
fn machine_busy_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = stat.lines().next() else { return 0.0 };
    let ticks: Vec<f64> = line.split_whitespace().skip(1).filter_map(|t| t.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal …
    let busy: f64 =
        ticks.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, t)| t).sum();
    busy / TICKS_PER_SECOND
}

/// Reads the CPU time used so far by `servers` (pids), PostgreSQL and this process.
pub fn read(servers: &[u32]) -> Reading {
    Reading {
        servers: servers.iter().filter_map(|pid| process_seconds(&pid.to_string())).sum(),
        postgres: postgres_seconds(),
        bench: process_seconds("self").unwrap_or(0.0),
        machine_busy: machine_busy_seconds(),
        at: Instant::now(),
    }
}

/// What `label` used between `before` and `after`, per thousand of its `requests`.
pub fn note(label: &str, before: Reading, after: Reading, requests: usize) -> String {
    let per_thousand = |seconds: f64| seconds * 1000.0 / requests.max(1) as f64;
    let wall = after.at.duration_since(before.at).as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let busy = after.machine_busy - before.machine_busy;
    let (postgres, servers, bench) =
        (after.postgres - before.postgres, after.servers - before.servers, after.bench - before.bench);
    format!(
        "CPU during {label}, per 1,000 requests: PostgreSQL {:.2} s, server {:.2} s, load generator {:.2} s, \
         the rest of the machine {:.2} s; the {cores:.0} cores were {:.0} % busy over {wall:.1} s.",
        per_thousand(postgres),
        per_thousand(servers),
        per_thousand(bench),
        per_thousand(busy - postgres - servers - bench).max(0.0),
        100.0 * busy / (wall * cores).max(f64::EPSILON),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_read_and_spinning_shows_in_its_seconds() {
        let before = read(&[]);
        let start = Instant::now();
        let mut x = 0u64;
        // Spins until this process has used a fifth of a second and the machine's count shows it
        // (the two are kept apart by the kernel and lag each other), at most 20 s.
        let spun = |before: &Reading| {
            process_seconds("self").unwrap_or(0.0) - before.bench >= 0.2
                && machine_busy_seconds() - before.machine_busy >= 0.2
        };
        while !spun(&before) && start.elapsed().as_secs() < 20 {
            for _ in 0..100_000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
        }
        assert_ne!(x, 0);
        let after = read(&[]);
        assert!(after.bench - before.bench >= 0.2, "{} → {}", before.bench, after.bench);
        assert!(after.machine_busy - before.machine_busy >= 0.2);
        let text = note("spinning", before, after, 1000);
        assert!(text.starts_with("CPU during spinning, per 1,000 requests: PostgreSQL "), "{text}");
    }

    #[test]
    fn a_command_name_with_spaces_and_parentheses_is_skipped_whole() {
        // As /proc writes it for a command named "a) b": utime 250 and stime 50 ticks.
        let line = "42 (a) b) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 100 0 0";
        assert_eq!(seconds_of_stat(line), Some(3.0));
        assert_eq!(seconds_of_stat("42 (cut"), None);
    }
}
