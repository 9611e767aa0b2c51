//! `senkoi-bench`: the noon rush and its companions, run by `cargo xtask bench` (see
//! BENCHMARKS.md). It makes the national data set, starts the release server as its own process,
//! drives it over HTTP with a fixed number of connections, measures the same work without HTTP
//! (the limit), and checks the database afterwards.

mod acceptances;
mod checks;
mod cpu;
mod dataset;
mod limit;
mod load;
mod phases;
mod report;
mod run;
mod scenarios;
mod server;
mod smtp;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: senkoi-bench --server <senkoi binary> --postgres <admin url> [--sqlite <file>] [--out <dir>] [--smoke | --rush]
  --server    the senkoi binary to start (the release build for figures)
  --postgres  a PostgreSQL URL whose user may create databases; the bench makes `senkoi_bench`
  --sqlite    also run the rush and the reads on SQLite in this file, for comparison
  --out       write bench.json and the table of BENCHMARKS.md in this directory
  --smoke     1,000 residents, correctness checks only
  --rush      only the noon rush at 100 connections and its limit, on PostgreSQL, written nowhere:
              for trying a change to applying";

pub struct Options {
    pub smoke: bool,
    pub rush_only: bool,
    pub server: PathBuf,
    pub postgres: String,
    pub sqlite: Option<PathBuf>,
    pub out: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut smoke, mut rush_only, mut server, mut postgres, mut sqlite, mut out) =
        (false, false, None, None, None, None);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--smoke" => smoke = true,
            "--rush" => rush_only = true,
            "--server" => server = Some(PathBuf::from(value()?)),
            "--postgres" => postgres = Some(value()?),
            "--sqlite" => sqlite = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            _ => return Err(USAGE.to_string()),
        }
    }
    if smoke && rush_only {
        return Err(USAGE.to_string());
    }
    Ok(Options {
        smoke,
        rush_only,
        server: server.ok_or_else(|| USAGE.to_string())?,
        postgres: postgres.ok_or_else(|| USAGE.to_string())?,
        sqlite,
        out,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match options() {
        Ok(options) => run::all(options).await,
        Err(message) => Err(message),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("senkoi-bench: a check failed or a request failed unexpectedly (see above)");
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("senkoi-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
