//! The tests' logging: what the binary would print (quiet by default, `RUST_LOG` to see more),
//! and a recorder that keeps every event at every level, with its fields and its spans' fields,
//! while a test asks for it, so a test can prove what never reaches a log.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

static RECORDING: AtomicUsize = AtomicUsize::new(0);
static RECORDED: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Installs the tests' subscriber once; later calls do nothing.
pub fn init() {
    let printed = tracing_subscriber::fmt::layer()
        .with_target(false)
        .with_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("error")));
    let recorded = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Recorder)
        .with_filter(tracing_subscriber::filter::filter_fn(|_| RECORDING.load(Ordering::Relaxed) > 0));
    let _ = tracing_subscriber::registry().with(printed).with(recorded).try_init();
}

struct Recorder;

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        RECORDED.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Recorder {
    type Writer = Recorder;

    fn make_writer(&'a self) -> Recorder {
        Recorder
    }
}

/// Records every log event of the process (every test's) at every level while it lives.
pub struct Recording;

impl Recording {
    pub fn start() -> Recording {
        init();
        RECORDING.fetch_add(1, Ordering::SeqCst);
        Recording
    }

    /// Everything recorded so far (also by other tests running meanwhile).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&RECORDED.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        RECORDING.fetch_sub(1, Ordering::SeqCst);
    }
}
