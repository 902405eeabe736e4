//! The page at `/` in a real browser: headless Chromium driven over
//! WebDriver (chromedriver) types a draft with a wrong number, sees the
//! underline and the note on hover, takes a screenshot
//! (target/serve-screenshot.png), applies the fix and sees the text change
//! and the finding go. Skipped, and says so, where Chromium is missing;
//! under CI=true a missing Chromium is a failure (.ci/run installs it).

mod serve_support;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use serve_support::{request, Server};

/// The key of a web element reference, as the WebDriver standard names it.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Driver {
    fn start(driver: &Path, browser: &Path) -> Driver {
        // A port found free can be taken by another process before
        // chromedriver binds it; then it never answers, and another port is
        // tried.
        let mut driver = (0..3)
            .find_map(|_| Driver::launch(driver))
            .expect("chromedriver did not start on any of three ports");
        let session = driver.call(
            "POST",
            "/session",
            json!({ "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": browser.display().to_string(),
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                             "--disable-dev-shm-usage", "--window-size=1200,860",
                             "--no-first-run", "--disable-extensions"],
                },
            }}}),
        );
        driver.session = session["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        driver
    }

    /// chromedriver on a port found free, once it says it is ready.
    fn launch(program: &Path) -> Option<Driver> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            addr: ([127, 0, 0, 1], port).into(),
            session: String::new(),
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(driver.addr).is_ok() {
                let status = request(driver.addr, "GET", "/status", &[], b"");
                let body: Value = serde_json::from_slice(&status.body).unwrap_or(Value::Null);
                if status.status == 200 && body["value"]["ready"] == true {
                    return Some(driver);
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    /// One WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = if path.starts_with("/session/") || path == "/session" {
            path.to_owned()
        } else {
            format!("/session/{}{path}", self.session)
        };
        let bytes = if method == "POST" {
            body.to_string().into_bytes()
        } else {
            Vec::new()
        };
        let reply = request(
            self.addr,
            method,
            &path,
            &[("Content-Type", "application/json")],
            &bytes,
        );
        let value = reply.json();
        assert_eq!(reply.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn find(&self, css: &str) -> Option<String> {
        let path = format!("/session/{}/elements", self.session);
        let found = self.call(
            "POST",
            &path,
            json!({ "using": "css selector", "value": css }),
        );
        found
            .as_array()
            .and_then(|a| a.first())
            .and_then(|e| e[ELEMENT].as_str())
            .map(str::to_owned)
    }

    fn script(&self, source: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": source, "args": args }),
        )
    }

    /// Polls a script until it returns something truthy, a bounded number
    /// of times.
    fn wait_for(&self, what: &str, source: &str) -> Value {
        for _ in 0..150 {
            let value = self.script(source, json!([]));
            if !(value.is_null() || value == false || value == "") {
                return value;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the page never showed {what}");
    }

    /// Waits until the page shows the answer for the draft as it stands
    /// (the findings pane is no longer busy), then until `source` holds.
    fn wait_settled(&self, what: &str, source: &str) -> Value {
        let settled = format!(
            "if (document.querySelector('#results').getAttribute('aria-busy') !== 'false') \
             return null; {source}"
        );
        self.wait_for(what, &settled)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = request(self.addr, "DELETE", &path, &[], b"");
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for quad in clean.chunks(4) {
        let n = quad
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | (value(c) << (18 - 6 * i)));
        let pad = quad.iter().filter(|&&c| c == b'=').count();
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad.min(3)]);
    }
    out
}

/// chromedriver and Chromium, or `None` (and a note) where they are missing
/// outside CI.
fn programs() -> Option<(PathBuf, PathBuf)> {
    let driver = find_program(&["chromedriver"]);
    let browser = find_program(&["chromium", "chromium-browser"]);
    if let (Some(driver), Some(browser)) = (driver, browser) {
        return Some((driver, browser));
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "CI=true but chromium or chromedriver is missing: .ci/run installs them \
         (apt-get install -y chromium chromium-driver)"
    );
    eprintln!(
        "SKIPPED: chromium or chromedriver is not installed (apt-get install -y chromium \
         chromium-driver); the browser test did not run"
    );
    None
}

/// Types into an element, WebDriver keys included.
fn type_into(driver: &Driver, element: &str, text: &str) {
    driver.call(
        "POST",
        &format!("/session/{}/element/{element}/value", driver.session),
        json!({ "text": text }),
    );
}

#[test]
fn the_page_works_from_the_keyboard() {
    let Some((driver, browser)) = programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let driver = Driver::start(&driver, &browser);
    driver.call("POST", "/url", json!({ "url": server.url("/") }));
    let draft = driver.find("#draft").expect("the draft editor");
    type_into(
        &driver,
        &draft,
        "Iran and Russia signed the 47-article treaty. It runs for 25 years.",
    );
    driver.wait_settled(
        "an underline",
        "const m = document.querySelector('mark.contradiction'); return m && m.textContent;",
    );
    // The caret, moved with the arrow keys into "25 years", brings up the
    // note under the editor.
    let left = "\u{E012}".repeat("5 years.".len());
    type_into(&driver, &draft, &left);
    let note = driver.wait_for(
        "the note at the caret",
        "return document.querySelector('#caret-note').innerText;",
    );
    let note = note.as_str().expect("text").to_owned();
    assert!(
        note.contains("The treaty is concluded for 20 years."),
        "{note}"
    );
    // Alt+Enter applies the fix at the caret.
    driver.call(
        "POST",
        "/actions",
        json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": "\u{E00A}" },
            { "type": "keyDown", "value": "\u{E007}" },
            { "type": "keyUp", "value": "\u{E007}" },
            { "type": "keyUp", "value": "\u{E00A}" },
        ] }] }),
    );
    let text = driver.script("return document.querySelector('#draft').value;", json!([]));
    assert_eq!(
        text,
        "Iran and Russia signed the 47-article treaty. It runs for 20 years."
    );
    // Every finding in the list is a button the Tab key reaches.
    let focusable = driver.script(
        "return [...document.querySelectorAll('#unstated li.finding')]
            .every(li => li.querySelector('button') && li.querySelector('button').tabIndex >= 0);",
        json!([]),
    );
    assert_eq!(focusable, true);
}

#[test]
fn the_page_underlines_explains_and_fixes_a_wrong_number() {
    let Some((driver, browser)) = programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let driver = Driver::start(&driver, &browser);
    driver.call("POST", "/url", json!({ "url": server.url("/") }));
    let Some(draft) = driver.find("#draft") else {
        let page = driver.call("GET", "/source", Value::Null);
        panic!("no draft editor in the page: {page}");
    };
    let typed = "Russia and Iran signed the 46-article treaty in Moscow on 17 January 2025.";
    driver.call(
        "POST",
        &format!("/session/{}/element/{draft}/value", driver.session),
        json!({ "text": typed }),
    );

    // The underline, once the pause after typing has passed and the answer
    // for the whole text is in.
    let marked = driver.wait_settled(
        "an underline",
        "const m = document.querySelector('mark.contradiction'); return m && m.textContent;",
    );
    assert_eq!(marked, "46-article");
    let listed = driver.wait_for(
        "the finding in the list",
        "const li = document.querySelector('#findings li.finding'); return li && li.dataset.rule;",
    );
    assert_eq!(listed, "ru-ir-treaty/article-count");
    let unstated = driver.script(
        "return [...document.querySelectorAll('#unstated li.finding')].map(li => li.dataset.rule);",
        json!([]),
    );
    assert!(
        unstated
            .as_array()
            .is_some_and(|a| a.iter().any(|r| r == "ru-ir-treaty/term")),
        "unstated facts are listed apart: {unstated}"
    );

    // Hover: the pointer goes to the middle of the underlined words.
    let centre = driver.script(
        "const r = document.querySelector('mark.contradiction').getBoundingClientRect();
         return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
        json!([]),
    );
    let (x, y) = (
        centre[0].as_i64().unwrap_or(0),
        centre[1].as_i64().unwrap_or(0),
    );
    driver.call(
        "POST",
        "/actions",
        json!({ "actions": [{ "type": "pointer", "id": "mouse",
            "parameters": { "pointerType": "mouse" },
            "actions": [
                { "type": "pointerMove", "duration": 0, "origin": "viewport", "x": x - 30, "y": y },
                { "type": "pointerMove", "duration": 100, "origin": "viewport", "x": x, "y": y },
            ] }] }),
    );
    let note = driver.wait_for(
        "the note on hover",
        "const t = document.querySelector('#tip'); return !t.hidden && t.innerText;",
    );
    let note = note.as_str().expect("text").to_owned();
    assert!(note.contains("The treaty has 47 articles."), "{note}");
    assert!(
        note.contains("Source: Treaty on Comprehensive Strategic Partnership"),
        "{note}"
    );
    assert!(note.contains("write \"47-article\""), "{note}");

    // An answer that arrives while the note is open (here, the format
    // changed) keeps the note open over the span it still underlines.
    driver.script(
        "const f = document.querySelector('#format'); f.value = 'markdown';
         f.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let kept = driver.wait_settled(
        "the note still open after a new answer",
        "const t = document.querySelector('#tip'); return !t.hidden && t.innerText;",
    );
    assert!(
        kept.as_str()
            .is_some_and(|t| t.contains("The treaty has 47 articles.")),
        "{kept}"
    );

    // A picture for a person to look at.
    let png = driver.call("GET", "/screenshot", Value::Null);
    let bytes = decode_base64(png.as_str().expect("base64"));
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).expect("target folder");
    let shot = target.join("serve-screenshot.png");
    std::fs::write(&shot, &bytes).expect("write the screenshot");
    eprintln!("screenshot: {}", shot.display());

    // The fix, from the note.
    let fix = driver
        .find("#tip button.fix")
        .expect("a fix button in the note");
    driver.call(
        "POST",
        &format!("/session/{}/element/{fix}/click", driver.session),
        json!({}),
    );
    let text = driver.script("return document.querySelector('#draft').value;", json!([]));
    assert_eq!(
        text,
        "Russia and Iran signed the 47-article treaty in Moscow on 17 January 2025."
    );
    let gone = driver.wait_for(
        "the finding gone after the fix",
        "return document.querySelector('#status').textContent.startsWith('0 findings') &&
                !document.querySelector('mark.contradiction') &&
                !document.querySelector('#findings li.finding[data-rule=\"ru-ir-treaty/article-count\"]');",
    );
    assert_eq!(gone, true);

    // On a phone's width the page fits without sideways scrolling.
    driver.call(
        "POST",
        "/window/rect",
        json!({ "width": 400, "height": 860 }),
    );
    let fits = driver.wait_for(
        "the page at a phone's width",
        "return window.innerWidth <= 420 &&
                document.documentElement.scrollWidth <= window.innerWidth;",
    );
    assert_eq!(fits, true);
    let png = driver.call("GET", "/screenshot", Value::Null);
    std::fs::write(
        target.join("serve-screenshot-phone.png"),
        decode_base64(png.as_str().expect("base64")),
    )
    .expect("write the phone screenshot");
}
