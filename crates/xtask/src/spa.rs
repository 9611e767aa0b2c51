//! The SPA's build: the wasm for size (profile `wasm-release`, Leptos' `erase_components`),
//! wasm-bindgen as a library, then content-hashed names and brotli and gzip siblings of every
//! file, so the server can cache the assets for a year and send them compressed.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Result, cargo, root, status, target_dir};

mod bundles;

/// Issue 15's target for a first visit, in bytes: index.html and everything it loads, brotli as
/// served. Reported, not enforced here; tests/api/spa.rs keeps the first load under its limit.
pub const FIRST_LOAD_BUDGET: usize = 300_000;

/// The cargo profile of the SPA's wasm (Cargo.toml).
const PROFILE: &str = "wasm-release";

/// The module wasm-split writes beside the pages' wasm: it loads a page's module on its first use.
/// The main wasm imports it by this name, relative to the bindings.
const LINK_MODULE: &str = "./__wasm_split.js";
/// How the link module imports the bindings (`initSync`, which answers the main wasm's exports).
const MAIN_MODULE: &str = "./senkoi_frontend.js";
/// Where the link module reports a page's module that did not load.
const LOAD_FAILED: &str = "            console.error(e);\n            success = false;\n";
/// …and what it does there now: asks boot.js whether a deploy replaced this build (its modules
/// are gone then), and if so waits for the page to load again from the new one instead of
/// failing the page (which stops the wasm).
const LOAD_FAILED_AFTER_A_DEPLOY: &str = "            console.error(e);\n            success = false;\n            \
    if (await globalThis.senkoiReplaced?.()) { await new Promise(() => {}); }\n";

/// Builds the SPA into `<target>/spa` and answers that directory.
pub fn build() -> Result<PathBuf> {
    crate::ensure_wasm_target()?;
    crate::stage("compiling the SPA for wasm32 (profile wasm-release: small, slow to link)");
    status(
        cargo()
            .args([
                "build",
                "-p",
                "senkoi-frontend",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                PROFILE,
            ])
            .args(["--config", &short_source_paths()?]),
    )?;
    let wasm = target_dir().join("wasm32-unknown-unknown").join(PROFILE).join("senkoi_frontend.wasm");

    crate::stage("cutting the wasm at its lazy routes (wasm-split)");
    let split_dir = target_dir().join("spa-split");
    fresh_dir(&split_dir)?;
    let main_wasm = split_dir.join("senkoi_frontend.wasm");
    let input = read(&wasm)?;
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &split_dir;
    options.main_out_path = &main_wasm;
    options.link_name = LINK_MODULE;
    options.main_module = MAIN_MODULE;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("wasm-split: {e:#}"))?;

    crate::stage("generating the JavaScript bindings (wasm-bindgen)");
    let bindgen = target_dir().join("spa-bindgen");
    fresh_dir(&bindgen)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        // The pages' modules import the main wasm's function table, which wasm-bindgen would
        // otherwise no longer export.
        .keep_lld_exports(true)
        // boot.js hands init() the wasm's (hashed) URL.
        .omit_default_module_path(true)
        .generate(&bindgen)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    // No wasm-opt: binaryen's -Oz makes this wasm smaller but its brotli and gzip larger
    // (measured in BENCHMARKS.md), and only the compressed bytes go over the wire.
    let bindgen_wasm = read(&bindgen.join("senkoi_frontend_bg.wasm"))?;

    crate::stage("naming the files by their content and compressing them (brotli, gzip)");
    let dist = target_dir().join("spa");
    fresh_dir(&dist)?;
    std::fs::create_dir(dist.join("pkg")).map_err(|e| format!("{}: {e}", dist.display()))?;
    // The pages' modules, fetched by the link module by their names relative to it, each alone
    // and in its group's bundle.
    // They are named by one hash of them all, not each by its own: fetched alone only where a
    // bundle failed, and the link module (loaded by every page) names every one of them, where
    // a hash each was 2 KB of brotli that cannot compress.
    let mut modules = HashMap::new();
    for module in &split.split_modules {
        let name = module
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: no name", module.display()))?;
        modules.insert(name.trim_end_matches(".wasm").to_string(), without_custom_sections(&read(module)?)?);
    }
    let mut stems: Vec<String> = modules.keys().cloned().collect();
    stems.sort();
    let build =
        fnv1a(&stems.iter().flat_map(|stem| [stem.as_bytes(), &modules[stem]].concat()).collect::<Vec<u8>>());
    let mut chunk_names = Vec::new();
    for stem in &stems {
        let url = format!("/pkg/{stem}-{build:016x}.wasm");
        write_compressed(&dist.join(url.trim_start_matches('/')), &modules[stem])?;
        chunk_names.push((format!("./{stem}.wasm"), pkg_relative(&url)));
    }
    let bundles = bundles::write(&dist, &split.prefetch_map, &modules, |name, bytes| {
        publish(&dist, name, bytes).map(|url| pkg_relative(&url))
    })?;
    let link = bundles::link(read(&split_dir.join(LINK_MODULE))?, &stems, &bundles)?.into_bytes();
    let pages = chunk_names.iter().map(|(from, to)| (from.as_str(), to.as_str())).collect::<Vec<_>>();
    let link = replace(LINK_MODULE, link, &pages)?;
    let link = replace(LINK_MODULE, link, &[(LOAD_FAILED, LOAD_FAILED_AFTER_A_DEPLOY)])?;
    // The link module and the bindings import each other, so neither can be named by a hash of
    // its final text: the link module is named by its text before that import and the main wasm,
    // which together decide the bindings.
    let link_url = format!("/pkg/__wasm_split-{:016x}.js", fnv1a(&[link.as_slice(), &bindgen_wasm].concat()));
    let link_relative = pkg_relative(&link_url);
    let wasm_url = publish(&dist, "pkg/senkoi_frontend_bg.wasm", bindgen_wasm)?;
    // Only the `import` statements change: the wasm still names its import module LINK_MODULE.
    let bindings = replace(
        "senkoi_frontend.js",
        read(&bindgen.join("senkoi_frontend.js"))?,
        &[(&format!("from \"{LINK_MODULE}\""), &format!("from \"{link_relative}\""))],
    )?;
    let js_url = publish(&dist, "pkg/senkoi_frontend.js", bindings)?;
    let js_relative = pkg_relative(&js_url);
    let link = replace(
        LINK_MODULE,
        link,
        &[(&format!("from \"{MAIN_MODULE}\""), &format!("from \"{js_relative}\""))],
    )?;
    write_compressed(&dist.join(link_url.trim_start_matches('/')), &link)?;

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
    report(&dist, &["/index.html", &style_url, &boot_url, &js_url, &link_url, &wasm_url])?;
    report_pages(&dist, &chunk_names)?;
    report_bundles(&dist, &bundles)?;
    Ok(dist)
}

/// Cargo's setting that names the crates' sources in the wasm (the places a panic would report,
/// kept in its data) relative to the crate registry, not by this machine's paths: the same build
/// anywhere, and shorter strings in every page's wasm. Added to `.cargo/config.toml`'s
/// flags for wasm32, as cargo joins the arrays of its settings.
fn short_source_paths() -> Result<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    // Not the workspace's own path: cargo names its members' files relative to it already, and
    // a flag with the checkout's path would rebuild every crate in each new checkout.
    let mut prefixes = Vec::new();
    if let Ok(registries) = std::fs::read_dir(home.join("registry").join("src")) {
        for registry in registries.flatten() {
            prefixes.push(format!("{}/=", registry.path().display()));
        }
    }
    let flags: Vec<String> = prefixes.iter().map(|p| format!("\"--remap-path-prefix={p}\"")).collect();
    Ok(format!("target.wasm32-unknown-unknown.rustflags=[{}]", flags.join(", ")))
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
    replace(&path.display().to_string(), read(path)?, replacements)
}

/// `rewrite` of a text already read, named `what` in its errors.
fn replace(what: &str, bytes: Vec<u8>, replacements: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut text = String::from_utf8(bytes).map_err(|e| format!("{what}: {e}"))?;
    for (from, to) in replacements {
        if !text.contains(from) {
            return Err(format!("{what} does not refer to {from}"));
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

/// How a file in `/pkg/` refers to another there, by its URL (`/pkg/a.js` → `./a.js`).
fn pkg_relative(url: &str) -> String {
    format!(".{}", url.trim_start_matches("/pkg"))
}

/// The wasm without its custom sections (names, producers, target features): wasm-bindgen drops
/// them from the main wasm, wasm-split leaves them in the pages' modules, where the names alone
/// were two thirds of the bytes.
fn without_custom_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    const HEADER: usize = 8;
    let invalid = || "wasm-split wrote a module that is not wasm".to_string();
    if wasm.len() < HEADER || &wasm[..4] != b"\0asm" {
        return Err(invalid());
    }
    let mut out = wasm[..HEADER].to_vec();
    let mut at = HEADER;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let mut size = 0usize;
        let mut shift = 0;
        loop {
            let byte = *wasm.get(at).ok_or_else(invalid)?;
            at += 1;
            size |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte < 0x80 {
                break;
            }
        }
        let end = at.checked_add(size).filter(|&end| end <= wasm.len()).ok_or_else(invalid)?;
        if id != 0 {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
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

/// Prints the pages' modules, which load on a page's first visit, not with the first load.
fn report_pages(dist: &Path, chunks: &[(String, String)]) -> Result {
    let mut total = 0;
    for (_, relative) in chunks {
        let path = sibling(&dist.join("pkg").join(relative.trim_start_matches("./")), "br");
        total += std::fs::metadata(&path).map(|m| m.len()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "pages loaded on their first visit: {} modules, {:.1} kB brotli in all",
        chunks.len(),
        total as f64 / 1000.0
    );
    Ok(())
}

/// Prints each group's bundle: what a first visit to one of its pages fetches besides the shell.
fn report_bundles(dist: &Path, bundles: &[(String, bundles::Bundle)]) -> Result {
    for (group, bundle) in bundles {
        let path = sibling(&dist.join("pkg").join(bundle.url.trim_start_matches("./")), "br");
        let size =
            std::fs::metadata(&path).map(|m| m.len()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "bundle of {group}: {} modules, {:.1} kB brotli",
            bundle.modules.len(),
            size as f64 / 1000.0
        );
    }
    Ok(())
}
