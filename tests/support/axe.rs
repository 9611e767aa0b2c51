//! Accessibility checks with axe-core, run inside the page through WebDriver. axe-core is an npm
//! package pinned in `tests/support/axe/package-lock.json`; `cargo xtask test` installs it.

use serde_json::{Value, json};

use crate::webdriver::Browser;

/// axe-core's browser build, as installed by `npm ci` in `tests/support/axe`.
fn axe_source() -> String {
    let path = crate::tests_dir().join("support/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; `cargo xtask test` installs it (or run `npm ci` in tests/support/axe)",
            path.display()
        )
    })
}

/// The serious and critical violations axe-core finds on the current page, as
/// `"rule-id: target, target…"` lines (empty when there are none).
pub async fn serious_violations(browser: &Browser) -> Vec<String> {
    browser.script_with(&format!("{}\nreturn true;", axe_source()), json!([])).await;
    let script = "const done = arguments[arguments.length - 1];\
        axe.run(document, {resultTypes: ['violations']})\
          .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))\
          .catch(e => done(['axe failed: ' + e]));";
    let found = browser.script_async(script).await;
    found
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_else(|| vec![format!("axe answered {found}")])
}
