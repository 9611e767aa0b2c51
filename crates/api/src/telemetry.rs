//! Logging: structured `tracing` output, filtered by `RUST_LOG` (default `info`).

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber for the binary.
pub fn init() {
    init_with_default("info,sqlx=warn,sea_orm=warn,actix_server=warn");
}

/// Installs the global subscriber once, with `default` unless `RUST_LOG` says otherwise; later
/// calls are no-ops (tests call it freely, with a quieter default).
pub fn init_with_default(default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // Colours only for a person at a terminal, never in files or CI logs.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi).try_init();
}
