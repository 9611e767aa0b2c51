//! `cargo xtask bench [--smoke | --rush]`: builds the server and the load generator, and runs the noon-rush
//! benchmark (crates/bench) on the local PostgreSQL, with SQLite for comparison.
//! The full run uses release builds and writes `BENCHMARKS.md`'s table and `bench.json`; the smoke
//! run (1,000 residents, correctness only) uses the debug builds the tests already made; `--rush`
//! runs only the noon rush at 100 connections and its limit (release, written nowhere).

use std::process::Command;

use crate::{Result, cargo, root, status, target_dir};

/// The PostgreSQL the bench makes its database on: `SENKOI_BENCH_DATABASE_URL`, else the tests'
/// (`SENKOI_TEST_DATABASE_URL`, or the local server when one answers).
fn database_url() -> Result<String> {
    std::env::var("SENKOI_BENCH_DATABASE_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(crate::postgres_for_tests)
        .ok_or_else(|| {
            "the benchmark needs PostgreSQL: start it on 127.0.0.1:5432 (user postgres, trust), or set \
             SENKOI_BENCH_DATABASE_URL=postgres://user:pass@host:port/postgres (a user that may create databases)"
                .to_string()
        })
}

/// The smoke run on `url`, as `cargo xtask test` ends.
pub fn smoke(url: &str) -> Result {
    bench(Some("--smoke"), url)
}

pub fn run(args: &[String]) -> Result {
    let mode = match args {
        [] => None,
        [flag] if flag == "--smoke" || flag == "--rush" => Some(flag.as_str()),
        _ => return Err("usage: cargo xtask bench [--smoke | --rush]".into()),
    };
    bench(mode, &database_url()?)
}

fn bench(mode: Option<&str>, url: &str) -> Result {
    let smoke = mode == Some("--smoke");
    let profile = if smoke { "debug" } else { "release" };
    crate::stage(&format!(
        "the noon-rush benchmark{}: building the server and the load generator ({profile})",
        if smoke { "'s smoke run (1,000 residents, correctness only)" } else { "" }
    ));
    let mut build = cargo();
    build.args([
        "build",
        "-p",
        "senkoi-api",
        "-p",
        "senkoi-bench",
        "--bin",
        "senkoi",
        "--bin",
        "senkoi-bench",
    ]);
    if !smoke {
        build.arg("--release");
    }
    status(&mut build)?;
    let bin = target_dir().join(profile);
    let work = target_dir().join("bench");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut bench = Command::new(bin.join("senkoi-bench"));
    bench
        .arg("--server")
        .arg(bin.join("senkoi"))
        .arg("--postgres")
        .arg(url)
        .arg("--sqlite")
        .arg(work.join(if smoke { "smoke.db" } else { "bench.db" }))
        .current_dir(&work);
    match mode {
        Some(flag) => bench.arg(flag),
        None => bench.arg("--out").arg(root()),
    };
    status(&mut bench)
}
