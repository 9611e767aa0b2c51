//! `senkoi`: serve (the default), migrate, create-admin, demo, audit, openapi.

use std::process::ExitCode;

#[actix_web::main]
async fn main() -> ExitCode {
    senkoi_api::telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match senkoi_api::cli::run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("senkoi: {message}");
            ExitCode::FAILURE
        }
    }
}
