//! A small W3C WebDriver client over HTTP, enough to drive headless Chromium through chromedriver.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The W3C key of an element reference in WebDriver answers.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one headless browser session; both end when dropped.
pub struct Browser {
    driver: Child,
    /// `http://127.0.0.1:port`, chromedriver's address.
    driver_address: String,
    /// `/session/{id}`, once a session is open.
    session_path: String,
    base: String,
    client: reqwest::Client,
    profile: std::path::PathBuf,
}

impl Browser {
    /// Starts chromedriver on a free port and a headless Chromium session.
    pub async fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(
            std::env::var("SENKOI_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts (apt-get install chromium chromium-driver)");
        let profile = std::env::temp_dir().join(format!("senkoi-chromium-{}", uuid::Uuid::new_v4().simple()));
        let address = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            driver,
            driver_address: address.clone(),
            session_path: String::new(),
            base: address,
            client: reqwest::Client::new(),
            profile,
        };
        let started = Instant::now();
        while browser.client.get(format!("{}/status", browser.base)).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not answer");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": std::env::var("SENKOI_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                         format!("--user-data-dir={}", browser.profile.display())]
            }
        }}});
        let session = browser.call("POST", "/session", Some(capabilities)).await;
        let id = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("a WebDriver session: {session}"))
            .to_string();
        browser.session_path = format!("/session/{id}");
        browser.base = format!("{}{}", browser.driver_address, browser.session_path);
        browser
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "GET" => self.client.get(url),
            "DELETE" => self.client.delete(url),
            _ => self.client.post(url).json(&body.unwrap_or(json!({}))),
        };
        let answer: Value =
            request.send().await.expect("WebDriver answers").json().await.expect("WebDriver JSON");
        if let Some(error) = answer["value"]["error"].as_str() {
            return json!({"error": error, "message": answer["value"]["message"]});
        }
        answer.get("value").cloned().unwrap_or(Value::Null)
    }

    pub async fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url}))).await;
    }

    /// Waits up to 20 s for an element matching the CSS selector and answers its reference.
    pub async fn wait_for(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let found =
                self.call("POST", "/element", Some(json!({"using": "css selector", "value": css}))).await;
            if let Some(id) = found[ELEMENT_KEY].as_str() {
                return id.to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no element {css} appeared; page: {}",
                self.text("body").await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of the element matching `css` satisfies `check`; answers the text.
    pub async fn wait_for_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = self.text(css).await;
            if check(&text) {
                return text;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{css} never showed the expected text; it shows {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The visible text of the first element matching `css` (empty when there is none).
    pub async fn text(&self, css: &str) -> String {
        let found = self.call("POST", "/element", Some(json!({"using": "css selector", "value": css}))).await;
        match found[ELEMENT_KEY].as_str() {
            Some(id) => self
                .call("GET", &format!("/element/{id}/text"), None)
                .await
                .as_str()
                .unwrap_or_default()
                .to_string(),
            None => String::new(),
        }
    }

    /// Waits until `expected` elements match `css` (a list that reloads after an action).
    pub async fn wait_for_count(&self, css: &str, expected: usize) {
        let started = Instant::now();
        loop {
            let count = self.count(css).await;
            if count == expected {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{css} matched {count} elements, never {expected}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        let found =
            self.call("POST", "/elements", Some(json!({"using": "css selector", "value": css}))).await;
        found.as_array().map_or(0, Vec::len)
    }

    pub async fn click(&self, css: &str) {
        let id = self.wait_for(css).await;
        self.call("POST", &format!("/element/{id}/click"), None).await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.wait_for(css).await;
        self.call("POST", &format!("/element/{id}/clear"), None).await;
        self.call("POST", &format!("/element/{id}/value"), Some(json!({"text": text}))).await;
    }

    /// Chooses the `<option>` with `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]")).await;
    }

    /// Runs a script in the page and answers its result.
    pub async fn script(&self, script: &str) -> Value {
        self.script_with(script, json!([])).await
    }

    /// Runs a script with `args` (its `arguments`) in the page and answers its result.
    pub async fn script_with(&self, script: &str, args: Value) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": args}))).await
    }

    /// Runs an asynchronous script: it ends by calling its last argument with the result.
    pub async fn script_async(&self, script: &str) -> Value {
        self.call("POST", "/execute/async", Some(json!({"script": script, "args": []}))).await
    }

    /// Resizes the window: 390 × 844 is a phone, 1280 × 900 the desktop the tests start at.
    pub async fn set_size(&self, width: u32, height: u32) {
        self.call("POST", "/window/rect", Some(json!({"width": width, "height": height}))).await;
    }

    /// At phone width (call [`Browser::set_size`] first): every body cell of every data table on
    /// the page, once its rows are a card each, shows its column's name above it. Waits up to 5 s
    /// (the page labels its cells a frame after it changes); answers how many cells it checked.
    pub async fn assert_cells_labelled(&self, what: &str) -> usize {
        let script = r#"
            const missing = [];
            let checked = 0;
            document.querySelectorAll('table.data-table tbody tr').forEach((row, r) => {
              [...row.children].forEach((cell, c) => {
                if (cell.matches('th[scope=row]')) return;
                checked += 1;
                const before = getComputedStyle(cell, '::before').content;
                if (!before || ['none', 'normal', '""'].includes(before)) {
                  missing.push(`${row.closest('table').dataset.testid || 'a table'}: row ${r}, column ${c}`);
                }
              });
            });
            return {checked, missing};"#;
        let started = Instant::now();
        loop {
            let found = self.script(script).await;
            let missing = found["missing"].as_array().cloned().unwrap_or_default();
            let checked = found["checked"].as_u64().unwrap_or(0) as usize;
            if missing.is_empty() && checked > 0 {
                return checked;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{what}: cells without their column's name at phone width ({checked} checked): {missing:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn current_url(&self) -> String {
        self.call("GET", "/url", None).await.as_str().unwrap_or_default().to_string()
    }

    /// Saves a PNG of the page as `docs/screenshots/<name>.png`, for the README: the browser
    /// tests take them, so they show the pages as they are.
    pub async fn screenshot_for_readme(&self, name: &str) {
        let dir = crate::tests_dir().join("../docs/screenshots");
        std::fs::create_dir_all(&dir).expect("docs/screenshots");
        // Fonts and images settle before the picture.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.screenshot(&dir.join(format!("{name}.png"))).await;
    }

    /// Saves a PNG of the page, for a person to look at when a test fails.
    pub async fn screenshot(&self, path: &std::path::Path) {
        if let Some(data) = self.call("GET", "/screenshot", None).await.as_str() {
            let _ = std::fs::write(path, base64_decode(data));
        }
    }
}

/// Standard base64, enough for screenshots.
fn base64_decode(data: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = data.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().enumerate().fold(0u32, |n, (i, &v)| n | (u32::from(v) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

impl Drop for Browser {
    /// Closes the session (chromedriver then ends Chromium), then ends chromedriver itself. This
    /// runs on panics too, so it speaks plain blocking HTTP rather than needing the runtime.
    fn drop(&mut self) {
        if !self.session_path.is_empty() {
            close_session(&self.driver_address, &self.session_path);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// `DELETE {session}` on chromedriver, waiting up to 10 s for its answer.
fn close_session(address: &str, session_path: &str) {
    use std::io::{Read, Write};
    let Some(host) = address.strip_prefix("http://") else { return };
    let Ok(mut stream) = std::net::TcpStream::connect(host) else { return };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE {session_path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        let _ = stream.read_to_end(&mut Vec::new());
    }
}
