//! `factlint serve` against the protocols as their clients use them:
//! LanguageTool's `/v2/check` and `/v2/languages` (request and response
//! fixtures in tests/serve/, written from LanguageTool's published API
//! description), factlint's own JSON API against `check --format json` and
//! `rules list --format json`, the token, CORS, configuration discovery,
//! suppressions and rules reloaded when their files change.

mod serve_support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use serve_support::{form, request, Server};

const TOKEN: &str = "s3cret-token-for-tests";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/serve")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .trim_end()
        .to_owned()
}

fn without_version(mut value: Value) -> Value {
    value["software"]["version"] = json!("VERSION");
    value
}

/// The original text of a form's draft: `text`, or every part of `data`.
fn original_of(form_body: &str) -> String {
    let pairs: Vec<(String, String)> = form_body
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode(v)))
        .collect();
    if let Some((_, text)) = pairs.iter().find(|(k, _)| k == "text") {
        return text.clone();
    }
    let data = &pairs.iter().find(|(k, _)| k == "data").expect("data").1;
    let data: Value = serde_json::from_str(data).expect("data is JSON");
    data["annotation"]
        .as_array()
        .expect("annotation")
        .iter()
        .map(|p| p["text"].as_str().or(p["markup"].as_str()).unwrap_or(""))
        .collect()
}

fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).expect("hex"));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8")
}

/// What a client does with a match: the UTF-16 range of the text it sent.
fn matched(original: &str, m: &Value) -> String {
    let units: Vec<u16> = original.encode_utf16().collect();
    let offset = m["offset"].as_u64().expect("offset") as usize;
    let length = m["length"].as_u64().expect("length") as usize;
    String::from_utf16(&units[offset..offset + length]).expect("whole characters")
}

/// Applies every match's first replacement, last first, as a client does.
fn apply_replacements(original: &str, matches: &[Value]) -> String {
    let mut units: Vec<u16> = original.encode_utf16().collect();
    let mut edits: Vec<(usize, usize, String)> = matches
        .iter()
        .filter_map(|m| {
            let value = m["replacements"][0]["value"].as_str()?;
            Some((
                m["offset"].as_u64()? as usize,
                m["length"].as_u64()? as usize,
                value.to_owned(),
            ))
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (offset, length, value) in edits {
        units.splice(offset..offset + length, value.encode_utf16());
    }
    String::from_utf16(&units).expect("UTF-16")
}

#[test]
fn languagetool_plain_text_request_gets_the_fixture_response() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let body = fixture("lt-text.form");
    let reply = server.post_form("/v2/check", &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let got = without_version(reply.json());
    let expected: Value = serde_json::from_str(&fixture("lt-text.response.json")).expect("JSON");
    assert_eq!(got, without_version(expected));

    // Offsets are UTF-16 code units: the apostrophe is one, the emoji two.
    let original = original_of(&body);
    let matches = got["matches"].as_array().expect("matches");
    let count = matches
        .iter()
        .find(|m| m["rule"]["id"] == "ru-ir-treaty/article-count")
        .expect("the article count is a match");
    assert_eq!(matched(&original, count), "46-article");
    assert_eq!(count["replacements"], json!([{ "value": "47-article" }]));
    // An unstated fact is a match at the subject's first mention.
    let unstated = matches
        .iter()
        .find(|m| m["rule"]["issueType"] == "omission")
        .expect("an unstated fact");
    assert_eq!(matched(&original, unstated), "treaty");
}

#[test]
fn languagetool_annotated_text_skips_markup_and_keeps_offsets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let body = fixture("lt-data.form");
    let reply = server.post_form("/v2/check", &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let got = without_version(reply.json());
    let expected: Value = serde_json::from_str(&fixture("lt-data.response.json")).expect("JSON");
    assert_eq!(got, without_version(expected));

    let original = original_of(&body);
    let matches = got["matches"].as_array().expect("matches");
    let by_rule = |id: &str| {
        matches
            .iter()
            .find(|m| m["rule"]["id"] == id)
            .unwrap_or_else(|| panic!("no match for {id}"))
    };
    // The match runs over the markup inside it, counted in the offsets.
    assert_eq!(
        matched(&original, by_rule("ru-ir-treaty/article-count")),
        "46</b>-article"
    );
    // After the emoji (two code units) and the paragraph markup.
    assert_eq!(matched(&original, by_rule("ru-ir-treaty/term")), "25 years");
    // The client's replacements, applied, leave nothing to contradict.
    let fixed = apply_replacements(&original, matches);
    assert!(
        fixed.contains("47-article") && fixed.contains("20 years"),
        "{fixed}"
    );
    let annotated = json!({ "annotation": [{ "text": fixed }] }).to_string();
    let again = server.post_form(
        "/v2/check",
        &form(&[("data", &annotated), ("language", "en-US")]),
    );
    let again = again.json();
    let contradictions: Vec<&Value> = again["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .filter(|m| m["rule"]["issueType"] == "inconsistency")
        .collect();
    assert!(contradictions.is_empty(), "{contradictions:?}");
}

#[test]
fn languagetool_rule_filters_languages_and_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let text = "The 46-article treaty between Russia and Iran runs for 25 years.";
    let all = server.post_form("/v2/check", &form(&[("text", text), ("language", "en")]));
    let ids = |reply: &serve_support::Reply| -> Vec<String> {
        reply.json()["matches"]
            .as_array()
            .expect("matches")
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert!(ids(&all).contains(&"ru-ir-treaty/term".to_owned()));
    let some = server.post_form(
        "/v2/check",
        &form(&[
            ("text", text),
            ("language", "en-GB"),
            ("disabledRules", "ru-ir-treaty/term,OTHER_RULE"),
            ("disabledCategories", "FACTLINT_UNSTATED"),
        ]),
    );
    assert_eq!(ids(&some), vec!["ru-ir-treaty/article-count".to_owned()]);
    assert_eq!(some.json()["language"]["code"], "en-GB");
    let only = server.post_form(
        "/v2/check",
        &form(&[
            ("text", text),
            ("language", "en-US"),
            ("enabledRules", "ru-ir-treaty/term"),
            ("enabledOnly", "true"),
        ]),
    );
    assert_eq!(ids(&only), vec!["ru-ir-treaty/term".to_owned()]);

    let languages = server.get("/v2/languages");
    assert_eq!(languages.status, 200);
    let list = languages.json();
    let list = list.as_array().expect("a list");
    assert!(list
        .iter()
        .all(|l| l["name"].is_string() && l["code"] == "en" && l["longCode"].is_string()));
    assert!(list.iter().any(|l| l["longCode"] == "en-US"));

    let german = server.post_form("/v2/check", &form(&[("text", text), ("language", "de-DE")]));
    assert!(german.assert_json_error(400).contains("de-DE"));
    let neither = server.post_form("/v2/check", &form(&[("language", "en-US")]));
    assert!(neither.assert_json_error(400).contains("text"));
    let both = server.post_form(
        "/v2/check",
        &form(&[("text", "a"), ("data", "{}"), ("language", "en-US")]),
    );
    both.assert_json_error(400);
}

fn cli_json(dir: &Path, args: &[&str], stdin: &str) -> Value {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run factlint");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("factlint output");
    serde_json::from_slice(&out.stdout).expect("JSON from the command line")
}

#[test]
fn own_api_answers_what_the_command_line_prints() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let draft = "# Moscow pact\n\nThe **46**-article treaty between Russia and Iran was signed \
                 on 17 January 2025.\n\n<!-- factlint-disable-next-line ru-ir-treaty/term -->\n\
                 It runs for 25 years.\n";
    let reply = server.post_json(
        "/api/check",
        &json!({ "text": draft, "path": "drafts/pact.md" }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let expected = cli_json(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "drafts/pact.md",
            "--format",
            "json",
        ],
        draft,
    );
    assert_eq!(reply.json(), expected);
    // The suppression comment was honoured, the Markdown read as Markdown.
    let rules: Vec<&str> = expected
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"ru-ir-treaty/article-count"), "{rules:?}");
    assert!(!rules.contains(&"ru-ir-treaty/term"), "{rules:?}");

    // `format` picks the reader whatever the path says.
    let as_text = server.post_json(
        "/api/check",
        &json!({ "text": "The <b>46</b>-article treaty of Russia and Iran.", "format": "html" }),
    );
    let findings = as_text.json();
    let count = findings
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "ru-ir-treaty/article-count")
        .expect("read as HTML, the count is found")
        .clone();
    assert_eq!(count["path"], "-");
    assert_eq!(count["found"], "46-article");

    let rules = server.get("/api/rules");
    assert_eq!(rules.status, 200);
    let listed = cli_json(dir.path(), &["rules", "list", "--format", "json"], "");
    assert_eq!(rules.json(), listed);

    let bad_format = server.post_json("/api/check", &json!({ "text": "x", "format": "docx" }));
    assert!(bad_format.assert_json_error(400).contains("docx"));
    let no_text = server.post_json("/api/check", &json!({ "path": "/etc/passwd" }));
    no_text.assert_json_error(400);
}

#[test]
fn configuration_is_discovered_and_rules_reload_when_they_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = std::fs::read_to_string(repo.join("rules/ru-ir-treaty.yaml")).expect("rules");
    std::fs::create_dir(dir.path().join("facts")).expect("mkdir");
    let rule_file = dir.path().join("facts/treaty.yaml");
    std::fs::write(&rule_file, &rules).expect("write rules");
    std::fs::write(
        dir.path().join(".factlint.yaml"),
        "rules: [facts/treaty.yaml]\nseverity:\n  ru-ir-treaty/article-count: warning\n",
    )
    .expect("write config");
    let server = Server::start(dir.path(), &[]);
    let check = |text: &str| -> Vec<(String, String)> {
        server
            .post_json("/api/check", &json!({ "text": text }))
            .json()
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["kind"] == "contradiction")
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or("").to_owned(),
                    f["severity"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let draft = "The 46-article treaty between Russia and Iran.";
    // The configuration's severity applies.
    assert_eq!(
        check(draft),
        vec![(
            "ru-ir-treaty/article-count".to_owned(),
            "warning".to_owned()
        )]
    );
    let generation = |server: &Server| server.get("/healthz").json()["generation"].clone();
    assert_eq!(generation(&server), 1);

    // The source now says 46 articles: after the reload the draft agrees.
    let changed = rules.replacen("value: 47", "value: 46", 1);
    assert_ne!(changed, rules, "the fixture has `value: 47`");
    std::fs::write(&rule_file, &changed).expect("rewrite rules");
    wait_for(|| generation(&server) == 2);
    assert!(check(draft).is_empty(), "{:?}", check(draft));

    // A broken rule file keeps the last good rules, and says so.
    std::fs::write(&rule_file, "subject: [unclosed").expect("break rules");
    wait_for(|| {
        server.get("/healthz").json()["ruleErrors"]
            .as_array()
            .is_some_and(|e| !e.is_empty())
    });
    assert_eq!(generation(&server), 2);
    assert!(check(draft).is_empty());
    assert!(check("The 45-article treaty between Russia and Iran.").len() == 1);
}

/// Polls until `ready`, a bounded number of times.
fn wait_for(mut ready: impl FnMut() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not reload its rules");
}

#[test]
fn a_token_is_needed_on_every_request_when_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &["--token", TOKEN]);
    let text = "The 46-article treaty between Russia and Iran.";
    server.get("/healthz").assert_json_error(401);
    server.get("/").assert_json_error(401);
    server.get("/api/rules").assert_json_error(401);
    server
        .post_form("/v2/check", &form(&[("text", text), ("language", "en-US")]))
        .assert_json_error(401);
    server
        .post_form(
            "/v2/check",
            &form(&[("text", text), ("language", "en-US"), ("apiKey", "wrong")]),
        )
        .assert_json_error(401);
    let bearer = format!("Bearer {TOKEN}");
    assert!(server.alive(&[("Authorization", &bearer)]));
    let by_key = server.post_form(
        "/v2/check",
        &form(&[
            ("text", text),
            ("language", "en-US"),
            ("username", "desk"),
            ("apiKey", TOKEN),
        ]),
    );
    assert_eq!(by_key.status, 200, "{}", by_key.text());
    assert_eq!(
        by_key.json()["matches"][0]["rule"]["id"],
        "ru-ir-treaty/article-count"
    );
    // The page: ?token= sets a cookie and goes on to /.
    let opened = server.get(&format!("/?token={TOKEN}"));
    assert_eq!(opened.status, 303);
    let cookie = opened.header("set-cookie").expect("a cookie").to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().expect("name=value");
    let page = request(server.addr, "GET", "/", &[("Cookie", pair)], b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<textarea"));
}

#[test]
fn the_readme_command_starts_the_server() {
    let readme = fixture("../../README.md");
    let section = &readme[readme
        .find("`factlint serve`")
        .expect("a serve section in the README")..];
    let command = section
        .lines()
        .find_map(|l| l.strip_prefix("$ factlint serve"))
        .expect("a `$ factlint serve` command");
    // The README's command, on a free loopback port rather than 8081, which
    // may be taken here (Server::start adds the `--listen`).
    let args: Vec<&str> = command.split_whitespace().collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &args);
    assert!(server.addr.ip().is_loopback());
    assert!(server.alive(&[]));
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<textarea"));
    assert!(page
        .header("content-security-policy")
        .is_some_and(|p| p.contains("default-src 'none'")));
}

#[test]
fn other_machines_need_a_token() {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["serve", "--listen", "0.0.0.0:0"])
        .env_remove("FACTLINT_TOKEN")
        .output()
        .expect("run factlint serve");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--token"), "{stderr}");
    let short = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["serve", "--listen", "0.0.0.0:0", "--token", "short"])
        .output()
        .expect("run factlint serve");
    assert_eq!(short.status.code(), Some(2));
}

#[test]
fn cors_only_for_allowed_origins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let preflight = |server: &Server, origin: &str| {
        request(
            server.addr,
            "OPTIONS",
            "/api/check",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let closed = Server::start(dir.path(), &[]);
    let reply = preflight(&closed, "https://cms.example.org");
    assert!(reply.header("access-control-allow-origin").is_none());
    let open = Server::start(dir.path(), &["--allow-origin", "https://cms.example.org"]);
    let reply = preflight(&open, "https://cms.example.org");
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("https://cms.example.org")
    );
    let other = preflight(&open, "https://evil.example.com");
    assert!(other.header("access-control-allow-origin").is_none());
    let answer = request(
        open.addr,
        "GET",
        "/api/rules",
        &[("Origin", "https://cms.example.org")],
        b"",
    );
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://cms.example.org")
    );
}
