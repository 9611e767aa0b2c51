//! `senkoi`: serve (the default), migrate, create-admin, demo, audit, openapi.

use std::process::ExitCode;

/// Keeps the heap near what is in use. Each password check takes a 19 MiB argon2 block on one of
/// the blocking threads; glibc's default raises its mmap threshold after the first such block is
/// freed, so later blocks come from per-thread arenas that keep them (the benchmark saw 800 MiB
/// after 200 sign-ins). A fixed threshold maps every large block and returns it when freed; fewer
/// arenas keep the rest from fragmenting across threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn bound_the_heap() {
    // SAFETY: mallopt only changes allocator parameters; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn bound_the_heap() {}

fn main() -> ExitCode {
    bound_the_heap();
    actix_web::rt::System::new().block_on(serve())
}

async fn serve() -> ExitCode {
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
