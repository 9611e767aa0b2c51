//! The SPA's build: the wasm for size (profile `wasm-release`, Leptos' `erase_components`),
//! wasm-bindgen as a library, then content-hashed names and brotli and gzip siblings of every
//! file, so the server can cache the assets for a year and send them compressed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Result, cargo, root, status, target_dir};

/// Issue 15's target for a first visit, in bytes: index.html and everything it loads, brotli as
/// served. Reported, not enforced here; tests/api/spa.rs keeps the first load under its limit.
pub const FIRST_LOAD_BUDGET: usize = 300_000;

/// The cargo profile of the SPA's wasm (Cargo.toml).
const PROFILE: &str = "wasm-release";

/// Builds the SPA into `<target>/spa` and answers that directory.
pub fn build() -> Result<PathBuf> {
    crate::ensure_wasm_target()?;
    crate::stage("compiling the SPA for wasm32 (profile wasm-release: small, slow to link)");
    status(cargo().args([
        "build",
        "-p",
        "senkoi-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        PROFILE,
    ]))?;
    let wasm = target_dir().join("wasm32-unknown-unknown").join(PROFILE).join("senkoi_frontend.wasm");
    crate::stage("generating the JavaScript bindings (wasm-bindgen)");
    let bindgen = target_dir().join("spa-bindgen");
    fresh_dir(&bindgen)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        // boot.js hands init() the wasm's (hashed) URL.
        .omit_default_module_path(true)
        .generate(&bindgen)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    // No wasm-opt: binaryen's -Oz makes this wasm smaller but its brotli and gzip larger
    // (measured in BENCHMARKS.md), and only the compressed bytes go over the wire.
    let bindgen_wasm = bindgen.join("senkoi_frontend_bg.wasm");

    crate::stage("naming the files by their content and compressing them (brotli, gzip)");
    let dist = target_dir().join("spa");
    fresh_dir(&dist)?;
    std::fs::create_dir(dist.join("pkg")).map_err(|e| format!("{}: {e}", dist.display()))?;
    let wasm_url = publish(&dist, "pkg/senkoi_frontend_bg.wasm", read(&bindgen_wasm)?)?;
    let js_url = publish(&dist, "pkg/senkoi_frontend.js", read(&bindgen.join("senkoi_frontend.js"))?)?;
    let frontend = root().join("frontend");
    let boot = rewrite(
        &frontend.join("boot.js"),
        &[("/pkg/senkoi_frontend.js", &js_url), ("/pkg/senkoi_frontend_bg.wasm", &wasm_url)],
    )?;
    let boot_url = publish(&dist, "boot.js", boot)?;
    let style_url = publish(&dist, "style.css", read(&frontend.join("style.css"))?)?;
    let index =
        rewrite(&frontend.join("index.html"), &[("/style.css", &style_url), ("/boot.js", &boot_url)])?;
    write_compressed(&dist.join("index.html"), &index)?;
    report(&dist, &["/index.html", &style_url, &boot_url, &js_url, &wasm_url])?;
    Ok(dist)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn fresh_dir(dir: &Path) -> Result {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// The file's text with each `(from, to)` replaced; fails when one of the `from` is missing, so a
/// renamed reference cannot leave the page loading an old name.
fn rewrite(path: &Path, replacements: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut text = String::from_utf8(read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    for (from, to) in replacements {
        if !text.contains(from) {
            return Err(format!("{} does not refer to {from}", path.display()));
        }
        text = text.replace(from, to);
    }
    Ok(text.into_bytes())
}

/// Writes `bytes` under `dist` as `name` with its content hash before the extension
/// (`pkg/senkoi_frontend.js` → `pkg/senkoi_frontend-0123456789abcdef.js`), with its compressed
/// siblings, and answers its URL path.
fn publish(dist: &Path, name: &str, bytes: Vec<u8>) -> Result<String> {
    let (stem, extension) = name.rsplit_once('.').ok_or_else(|| format!("{name} has no extension"))?;
    let hashed = format!("{stem}-{:016x}.{extension}", fnv1a(&bytes));
    write_compressed(&dist.join(&hashed), &bytes)?;
    Ok(format!("/{hashed}"))
}

/// 64-bit FNV-1a: enough to tell two builds of one file apart, without a hashing crate.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Writes `path` and its `.br` and `.gz` siblings, which the server sends to clients that accept
/// them.
fn write_compressed(path: &Path, bytes: &[u8]) -> Result {
    let write = |path: PathBuf, bytes: &[u8]| {
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(path.to_path_buf(), bytes)?;
    write(sibling(path, "br"), &brotli(bytes)?)?;
    write(sibling(path, "gz"), &gzip(bytes)?)
}

fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("gzip: {e}"))
}

/// Prints each file of the first load with its sizes, and the total as served with brotli against
/// the budget.
fn report(dist: &Path, urls: &[&str]) -> Result {
    let size = |path: PathBuf| {
        std::fs::metadata(&path).map(|m| m.len() as usize).map_err(|e| format!("{}: {e}", path.display()))
    };
    println!("{:<48} {:>10} {:>10} {:>10}", "first load", "raw", "gzip", "brotli");
    let mut totals = [0; 3];
    for url in urls {
        let path = dist.join(url.trim_start_matches('/'));
        let sizes = [size(path.clone())?, size(sibling(&path, "gz"))?, size(sibling(&path, "br"))?];
        println!("{url:<48} {:>10} {:>10} {:>10}", sizes[0], sizes[1], sizes[2]);
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
    }
    println!("{:<48} {:>10} {:>10} {:>10}", "total", totals[0], totals[1], totals[2]);
    let verdict = if totals[2] < FIRST_LOAD_BUDGET { "within" } else { "over" };
    println!(
        "first load over the wire (brotli): {:.1} kB, {verdict} the target of {} kB",
        totals[2] as f64 / 1000.0,
        FIRST_LOAD_BUDGET / 1000
    );
    Ok(())
}
