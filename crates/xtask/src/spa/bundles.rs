//! One file per page group. wasm-split writes a module for every set of groups that share some
//! code, and its link module fetched each on its own: a first visit to `/programs` made 29
//! requests, each with its own compression (small modules compress poorly) and the browser's own
//! accounting — 127 KB, where the same modules compressed as one are 88 KB. So each group's
//! modules are also written, in the order its loader instantiates them, into one file, its
//! bundle, which starts with its own index (so the link module, loaded by every page, names only
//! the bundles); the link module fetches a group's bundle when the group is first needed and
//! hands each module its slice. A module already given by an earlier bundle is not taken again
//! (its bytes in the later bundle are the price of one request per group), and a module whose
//! bundle failed is fetched alone, as before.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use crate::Result;

/// Where each fetch in the link module starts, for a module's file stem.
fn fetch_of(stem: &str) -> String {
    format!("fetch(new URL(\"./{stem}.wasm\"")
}

/// …and what it becomes: the module from its group's bundle, or fetched alone.
fn part_of(stem: &str) -> String {
    format!("part(\"{stem}\", new URL(\"./{stem}.wasm\"")
}

/// How a group's loader starts in the link module: its wrapper, then `makeLoad(`.
fn loader_of(group: &str) -> String {
    format!("export const __wasm_split_load_{group} = wrapAsyncCb(")
}

/// The wrapper of every group's loader, which now fetches the group's bundle before the loader
/// asks for its modules.
const WRAPPER: &str = "function wrapAsyncCb(callee) {";
const WRAPPER_BUNDLED: &str = "function wrapAsyncCb(bundled, callee) {";
const CALL: &str = "            await callee();";
const CALL_BUNDLED: &str = "            bundled();\n            await callee();";

/// How the link module takes a module from a bundle (`BUNDLES`, a group's bundle's URL by the
/// group, is written before it). A bundle is its index ("stem length" lines, the index's size
/// first as a 32-bit little-endian number), then the modules in its order.
const TAKE: &str = r#"
// cargo xtask build-spa: a page group's modules come in one file, its bundle, fetched when the
// group is first needed; a module in no bundle, or whose bundle failed, is fetched alone.
const bundles = new Map();
const given = new Set();
function bundle(group) {
    const url = BUNDLES[group];
    if (url === undefined || bundles.has(group)) return;
    const modules = fetch(new URL(url, import.meta.url))
        .then((answer) => {
            if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
            return answer.arrayBuffer();
        })
        .then(unbundle)
        .catch(() => new Map());
    bundles.set(group, modules);
}
function unbundle(buffer) {
    const size = new DataView(buffer).getUint32(0, true);
    const index = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(buffer, 4, size));
    const modules = new Map();
    let at = 4 + size;
    for (const line of index.split("\n").filter((l) => l !== "")) {
        const [stem, length] = line.split(" ");
        const end = at + Number(length);
        if (!(end <= buffer.byteLength)) throw new Error("a truncated bundle");
        if (!given.has(stem)) modules.set(stem, buffer.slice(at, end));
        at = end;
    }
    return modules;
}
async function part(stem, url) {
    let bytes;
    for (const modules of await Promise.all(bundles.values())) {
        bytes ??= modules.get(stem);
        modules.delete(stem);
    }
    given.add(stem);
    if (bytes === undefined) return fetch(url);
    return new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
}
"#;

/// A group's bundle as published: its URL relative to the link module and its modules' stems
/// and lengths, in order.
pub struct Bundle {
    pub url: String,
    pub modules: Vec<(String, usize)>,
}

/// Writes each group's bundle into `dist` from the modules as published (`modules`, by stem) and
/// `groups` (wasm-split's map of a group to the stems of its modules, in loading order).
pub fn write(
    dist: &Path,
    groups: &HashMap<String, Vec<String>>,
    modules: &HashMap<String, Vec<u8>>,
    publish: impl Fn(&str, Vec<u8>) -> Result<String>,
) -> Result<Vec<(String, Bundle)>> {
    let mut names: Vec<&String> = groups.keys().collect();
    names.sort();
    let mut bundles = Vec::new();
    for group in names {
        let mut index = String::new();
        let mut body = Vec::new();
        let mut parts = Vec::new();
        for stem in &groups[group] {
            let module = modules.get(stem).ok_or_else(|| {
                format!("{}: the group {group} names {stem}, which is not written", dist.display())
            })?;
            writeln!(index, "{stem} {}", module.len()).map_err(|e| e.to_string())?;
            body.extend_from_slice(module);
            parts.push((stem.clone(), module.len()));
        }
        if parts.is_empty() {
            continue;
        }
        let size = u32::try_from(index.len()).map_err(|e| format!("the index of {group}: {e}"))?;
        let bytes = [&size.to_le_bytes()[..], index.as_bytes(), &body].concat();
        let url = publish(&format!("pkg/bundle_{group}.bin"), bytes)?;
        bundles.push((group.clone(), Bundle { url, modules: parts }));
    }
    Ok(bundles)
}

/// The link module's text with every fetch of a module going through `part` and every group's
/// loader fetching its bundle first.
pub fn link(text: Vec<u8>, stems: &[String], bundles: &[(String, Bundle)]) -> Result<String> {
    let mut swaps: Vec<(String, String)> = stems.iter().map(|stem| (fetch_of(stem), part_of(stem))).collect();
    for (group, _) in bundles {
        let loader = loader_of(group);
        swaps.push((format!("{loader}makeLoad("), format!("{loader}() => bundle(\"{group}\"), makeLoad(")));
    }
    swaps.push((WRAPPER.into(), WRAPPER_BUNDLED.into()));
    swaps.push((CALL.into(), CALL_BUNDLED.into()));
    let swaps: Vec<(&str, &str)> = swaps.iter().map(|(from, to)| (from.as_str(), to.as_str())).collect();
    let text = String::from_utf8(super::replace(super::LINK_MODULE, text, &swaps)?)
        .map_err(|e| format!("{}: {e}", super::LINK_MODULE))?;
    // wasm-split's comments name the groups that share each module: a fifth of the text.
    let text: String = text
        .lines()
        .filter(|line| !(line.starts_with("/* ") && line.ends_with(" */")))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut index = String::from("\nconst BUNDLES = {\n");
    for (group, bundle) in bundles {
        writeln!(index, "    \"{group}\": \"{}\",", bundle.url).map_err(|e| e.to_string())?;
    }
    index.push_str("};");
    Ok(format!("{text}{index}{TAKE}"))
}
