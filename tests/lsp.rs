//! `factlint lsp` spoken to as an editor would: the built binary on pipes,
//! JSON-RPC with Content-Length framing, exact messages asserted.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Generous: a debug build on a loaded CI machine.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A draft about the bundled treaty. Before the wrong term on line 2 stand a
/// right single quotation mark (3 bytes, 1 UTF-16 unit) and an emoji (4
/// bytes, 2 units), and an en dash sits on line 0.
const DRAFT: &str = "# Moscow – Tehran: a pact for the long run\n\
\n\
Iran’s president flew in 🛬 and signed the 25-year pact with Russia on 17 January 2025.\n\
The treaty has 47 articles and contains no mutual defense clause.\n";

const TERM_MESSAGE: &str = "\"25-year\" contradicts the source, which says 20-year";

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    inbox: Receiver<Value>,
    /// Messages received but not yet asked for.
    unread: VecDeque<Value>,
    next_id: i64,
}

fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("factlint starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, inbox) = mpsc::channel();
        thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut out) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            inbox,
            unread: VecDeque::new(),
            next_id: 0,
        }
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush to server");
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn send(&mut self, message: &Value) {
        self.write_raw(&Self::frame(&message.to_string()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.recv(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message, read or still to come, that `wanted` accepts; the
    /// others stay for later calls.
    fn recv(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&wanted) {
            return self.unread.remove(i).expect("index in range");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.unread.push_back(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no such message in time; unread: {:#?}", self.unread)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; unread: {:#?}", self.unread)
                }
            }
        }
    }

    /// The params of the next publishDiagnostics for `uri` (with `version`,
    /// when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let m = self.recv(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        m["params"].clone()
    }

    /// Whether a publishDiagnostics for `uri` has arrived (without waiting).
    fn has_diagnostics_for(&mut self, uri: &str) -> bool {
        while let Ok(m) = self.inbox.try_recv() {
            self.unread.push_back(m);
        }
        self.unread
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }

    fn initialize(&mut self, root: &Path, options: Value) -> Value {
        self.initialize_with(root, options, json!({}))
    }

    fn initialize_with(&mut self, root: &Path, options: Value, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(root),
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    fn edit(&mut self, uri: &str, version: i64, range: [u32; 4], text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range_json(range), "text": text }],
            }),
        );
    }

    fn close_input(&mut self) {
        self.stdin = None;
    }

    fn wait(mut self) -> ExitStatus {
        self.close_input();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for server") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn shutdown_and_exit(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(
            response,
            json!({ "jsonrpc": "2.0", "id": self.next_id, "result": null })
        );
        self.notify("exit", Value::Null);
        self.wait()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri_of(path: &Path) -> String {
    // Test paths are absolute and free of characters a URI would escape.
    format!("file://{}", path.display())
}

fn range_json([a, b, c, d]: [u32; 4]) -> Value {
    json!({ "start": { "line": a, "character": b }, "end": { "line": c, "character": d } })
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    // Resolved, so that the server's canonical paths and ours agree.
    let path = dir.path().canonicalize().expect("canonical temp dir");
    (dir, path)
}

fn term_diagnostic() -> Value {
    json!({
        "range": range_json([2, 43, 2, 50]),
        "severity": 1,
        "code": "ru-ir-treaty/term",
        "source": "factlint",
        "message": TERM_MESSAGE,
    })
}

#[test]
fn initialize_announces_what_the_server_does() {
    let (_dir, root) = workspace();
    let mut server = Server::start(&[]);
    let response = server.initialize(&root, Value::Null);
    assert_eq!(
        response["result"]["capabilities"],
        json!({
            "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
            "hoverProvider": true,
            "codeActionProvider": { "codeActionKinds": ["quickfix"] },
        })
    );
    assert_eq!(response["result"]["serverInfo"]["name"], "factlint");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn diagnostics_follow_edits_in_utf16_columns() {
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    assert_eq!(
        server.diagnostics(&uri, Some(1)),
        json!({ "uri": uri, "version": 1, "diagnostics": [term_diagnostic()] })
    );

    // "47" on line 3 stands at characters 15..17.
    server.edit(&uri, 2, [3, 15, 3, 17], "45");
    assert_eq!(
        server.diagnostics(&uri, Some(2)),
        json!({ "uri": uri, "version": 2, "diagnostics": [
            term_diagnostic(),
            {
                "range": range_json([3, 15, 3, 26]),
                "severity": 1,
                "code": "ru-ir-treaty/article-count",
                "source": "factlint",
                "message": "\"45 articles\" contradicts the source, which says 47 articles",
            },
        ] })
    );

    // One character at a time, as typed: delete "5", type "7".
    server.edit(&uri, 3, [3, 16, 3, 17], "");
    server.edit(&uri, 4, [3, 16, 3, 16], "7");
    assert_eq!(
        server.diagnostics(&uri, Some(4)),
        json!({ "uri": uri, "version": 4, "diagnostics": [term_diagnostic()] })
    );

    // A whole new text, as clients without incremental sync send it.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 5 },
            "contentChanges": [{ "text": DRAFT.replace("25-year", "20-year") }],
        }),
    );
    assert_eq!(
        server.diagnostics(&uri, Some(5)),
        json!({ "uri": uri, "version": 5, "diagnostics": [] })
    );

    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(
        server.diagnostics(&uri, None),
        json!({ "uri": uri, "diagnostics": [] })
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn fast_typing_is_checked_once_when_it_stops() {
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    server.diagnostics(&uri, Some(1));
    // Five keystrokes in one write: "47" becomes "4", "", "3", "30", "3".
    let mut burst = Vec::new();
    for (version, range, text) in [
        (2, [3, 15, 3, 17], "4"),
        (3, [3, 15, 3, 16], ""),
        (4, [3, 15, 3, 15], "3"),
        (5, [3, 16, 3, 16], "0"),
        (6, [3, 16, 3, 17], ""),
    ] {
        let message = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range_json(range), "text": text }],
            },
        });
        burst.extend(Server::frame(&message.to_string()));
    }
    server.write_raw(&burst);
    let published = server.diagnostics(&uri, None);
    assert_eq!(published["version"], 6, "{published:#}");
    assert_eq!(
        published["diagnostics"][1]["message"],
        "\"3 articles\" contradicts the source, which says 47 articles"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn the_quick_fix_replaces_the_number() {
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    server.diagnostics(&uri, Some(1));
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range_json([2, 45, 2, 45]),
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(
        response["result"],
        json!([{
            "title": "Replace \"25-year\" with \"20-year\"",
            "kind": "quickfix",
            "diagnostics": [term_diagnostic()],
            // only the digit that differs is rewritten
            "edit": { "changes": { uri.as_str(): [{ "range": range_json([2, 44, 2, 45]), "newText": "0" }] } },
            "isPreferred": true,
        }])
    );
    // Away from any finding, and when only refactorings are asked for: none.
    let elsewhere = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range_json([0, 0, 0, 3]),
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(elsewhere["result"], json!([]));
    let refactor_only = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range_json([2, 45, 2, 45]),
            "context": { "diagnostics": [], "only": ["refactor"] },
        }),
    );
    assert_eq!(refactor_only["result"], json!([]));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn hover_explains_the_finding() {
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    server.diagnostics(&uri, Some(1));
    let hover = |server: &mut Server, character: u32| {
        server.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": character } }),
        )["result"]
            .clone()
    };
    assert_eq!(
        hover(&mut server, 47),
        json!({
            "contents": {
                "kind": "markdown",
                "value": "**factlint** `ru-ir-treaty/term` — contradiction\n\n\
                    **Fact:** The treaty is concluded for 20 years.\n\n\
                    **Source:** Treaty on Comprehensive Strategic Partnership between the Russian Federation and the Islamic Republic of Iran, signed in Moscow on 17 January 2025\n\n\
                    **Why:** the draft states \"25-year\", but the source says \"20-year\".\n\n\
                    **Help:** write \"20-year\"",
            },
            "range": range_json([2, 43, 2, 50]),
        })
    );
    // Just past the span, and before it: nothing.
    assert_eq!(hover(&mut server, 50), Value::Null);
    assert_eq!(hover(&mut server, 42), Value::Null);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn bundled_rules_point_at_their_copy_in_the_workspace() {
    let (_dir, tmp) = workspace();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .expect("repository");
    let rules = repo.join("rules/ru-ir-treaty.yaml");
    let yaml = std::fs::read_to_string(&rules).expect("bundled rules on disk");
    let term_line = yaml
        .lines()
        .position(|l| l.trim() == "- id: term")
        .expect("the term fact");
    let uri = uri_of(&tmp.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&repo, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    let mut expected = term_diagnostic();
    expected["relatedInformation"] = json!([{
        "location": { "uri": uri_of(&rules), "range": range_json([term_line as u32, 0, term_line as u32, 0]) },
        "message": "fact: The treaty is concluded for 20 years.",
    }]);
    assert_eq!(
        server.diagnostics(&uri, Some(1))["diagnostics"],
        json!([expected])
    );
    assert!(server.shutdown_and_exit().success());
}

const LIBRARY_RULES: &str = "subject:
  id: lakeside-library
  name: Lakeside Library expansion
  names:
    - Lakeside Library expansion
  aliases: [expansion, extension]
  source: Lakeside town board, minutes of 4 March 2024
facts:
  - id: reading-rooms
    claim: The expansion adds 6 reading rooms.
    quantity: { value: 6, unit: room }
";

const LIBRARY_DRAFT: &str = "Building work on the Lakeside Library expansion starts in May.\n\
The extension adds 8 rooms for quiet study.\n";

fn rooms_diagnostic(found: &str, expected: &str, yaml_uri: &str) -> Value {
    json!({
        "range": range_json([1, 19, 1, 19 + found.len() as u32]),
        "severity": 1,
        "code": "lakeside-library/reading-rooms",
        "source": "factlint",
        "message": format!("\"{found}\" contradicts the source, which says {expected}"),
        "relatedInformation": [{
            "location": { "uri": yaml_uri, "range": range_json([8, 0, 8, 0]) },
            "message": "fact: The expansion adds 6 reading rooms.",
        }],
    })
}

#[test]
fn a_broken_rule_file_is_reported_and_the_last_good_rules_stay() {
    let (_dir, root) = workspace();
    std::fs::create_dir(root.join("rules")).expect("rules folder");
    let yaml_path = root.join("rules/library.yaml");
    std::fs::write(&yaml_path, LIBRARY_RULES).expect("write rules");
    let yaml_uri = uri_of(&yaml_path);
    let uri = uri_of(&root.join("library.txt"));
    let mut server = Server::start(&[]);
    // Relative to the workspace root; the client can watch files for us.
    server.initialize_with(
        &root,
        json!({ "rules": ["rules"] }),
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    let registration = server.recv(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        registration["params"],
        json!({ "registrations": [{
            "id": "factlint-rule-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": [
                { "globPattern": format!("{}/*.{{yaml,yml}}", root.join("rules").display()) },
            ] },
        }] })
    );
    let id = registration["id"].clone();
    server.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
    server.open(&uri, "plaintext", LIBRARY_DRAFT);
    assert_eq!(
        server.diagnostics(&uri, Some(1))["diagnostics"],
        json!([rooms_diagnostic("8 rooms", "6 rooms", &yaml_uri)])
    );

    // A typo in a key breaks the file.
    let broken = LIBRARY_RULES.replace("quantity:", "quantiy:");
    std::fs::write(&yaml_path, &broken).expect("write rules");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": yaml_uri, "type": 2 }] }),
    );
    let reported = server.diagnostics(&yaml_uri, None);
    assert_eq!(reported["diagnostics"].as_array().map(Vec::len), Some(1));
    let error = &reported["diagnostics"][0];
    assert_eq!(error["range"], range_json([10, 4, 10, 11]));
    assert_eq!(error["severity"], 1);
    assert_eq!(error["source"], "factlint");
    assert!(
        error["message"].as_str().is_some_and(
            |m| m.starts_with("invalid rule file: `facts[0]` has an unknown key `quantiy`")
        ),
        "{error:#}"
    );
    let shown = server.recv(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);

    // The old rules still check the draft.
    server.edit(&uri, 2, [1, 19, 1, 20], "9");
    assert_eq!(
        server.diagnostics(&uri, Some(2))["diagnostics"],
        json!([rooms_diagnostic("9 rooms", "6 rooms", &yaml_uri)])
    );

    // Fixed, with 9 rooms now, and saved in the editor: the YAML's error is
    // cleared and the draft agrees with the new rules.
    std::fs::write(&yaml_path, LIBRARY_RULES.replace('6', "9")).expect("write rules");
    server.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": yaml_uri } }),
    );
    assert_eq!(
        server.diagnostics(&yaml_uri, None),
        json!({ "uri": yaml_uri, "diagnostics": [] })
    );
    assert_eq!(server.diagnostics(&uri, Some(2))["diagnostics"], json!([]));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn command_line_rules_win_and_other_files_are_not_checked() {
    let (_dir, root) = workspace();
    let yaml_path = root.join("library.yaml");
    std::fs::write(&yaml_path, LIBRARY_RULES).expect("write rules");
    let yaml_arg = yaml_path.display().to_string();
    let mut server = Server::start(&["--rules", &yaml_arg]);
    server.initialize(&root, json!({ "rules": ["missing.yaml"] }));
    // A language id factlint does not read, and no known extension.
    let other = uri_of(&root.join("notes.rs"));
    server.open(&other, "rust", LIBRARY_DRAFT);
    // By extension when the language id is unknown to factlint.
    let uri = uri_of(&root.join("library.md"));
    server.open(&uri, "x-unknown", LIBRARY_DRAFT);
    assert_eq!(
        server.diagnostics(&uri, Some(1))["diagnostics"],
        json!([rooms_diagnostic("8 rooms", "6 rooms", &uri_of(&yaml_path))])
    );
    // HTML, by its language id: the span covers the markup inside it.
    let html = uri_of(&root.join("library"));
    server.open(
        &html,
        "html",
        "<h1>Lakeside Library expansion</h1>\n<p>The extension adds <b>8</b>&nbsp;rooms.</p>\n",
    );
    let mut in_html = rooms_diagnostic("8 rooms", "6 rooms", &uri_of(&yaml_path));
    in_html["range"] = range_json([1, 25, 1, 41]);
    assert_eq!(
        server.diagnostics(&html, Some(1))["diagnostics"],
        json!([in_html])
    );
    assert!(!server.has_diagnostics_for(&other));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn protocol_errors_are_answered_and_the_session_goes_on() {
    let (_dir, root) = workspace();
    let mut server = Server::start(&[]);
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);

    server.initialize(&root, Value::Null);
    server.write_raw(&Server::frame(
        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\"",
    ));
    let parse_error = server.recv(|m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);

    server.write_raw(&Server::frame("[1, 2, 3]"));
    let invalid = server.recv(|m| m["error"]["code"] == -32600);
    assert_eq!(invalid["id"], Value::Null);

    // A frame without a length, then a well-formed one.
    server.write_raw(b"Content-Type: text/plain\r\n\r\n");
    let no_length = server.recv(|m| m["error"]["code"] == -32700);
    assert_eq!(no_length["id"], Value::Null);

    let unknown = server.request("factlint/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    assert_eq!(unknown["id"], server.next_id);

    let bad_params = server.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(bad_params["error"]["code"], -32602);

    let again = server.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(again["error"]["code"], -32600);

    // Notifications with bad or unknown content are not answered, and do no harm.
    server.notify("textDocument/didOpen", json!({ "textDocument": 5 }));
    server.notify("$/factlint/unknown", json!({}));
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///never/opened.md", "version": 2 }, "contentChanges": [{ "text": "x" }] }),
    );

    // An edit range past the end of the text is clamped, not a crash.
    let uri = uri_of(&root.join("draft.md"));
    server.open(&uri, "markdown", DRAFT);
    server.diagnostics(&uri, Some(1));
    server.edit(&uri, 2, [99, 5, 120, 0], "The treaty runs for 25 years.");
    assert_eq!(
        server.diagnostics(&uri, Some(2))["diagnostics"][1]["range"],
        range_json([4, 20, 4, 28])
    );

    let response = server.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let after = server.request("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let (_dir, root) = workspace();
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(1));

    // Closing the input is the same as `exit`.
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    assert_eq!(server.wait().code(), Some(1));
}

#[test]
fn rule_file_warnings_are_shown_on_the_yaml_and_the_rules_still_work() {
    let (_dir, root) = workspace();
    let yaml_path = root.join("library.yaml");
    // `hour` is read as a count noun, which the loader warns about.
    std::fs::write(
        &yaml_path,
        LIBRARY_RULES.replace("unit: room", "unit: hour"),
    )
    .expect("write rules");
    let yaml_arg = yaml_path.display().to_string();
    let mut server = Server::start(&["--rules", &yaml_arg]);
    server.initialize(&root, json!({}));
    let yaml_uri = uri_of(&yaml_path);
    let reported = server.diagnostics(&yaml_uri, None);
    let warnings = reported["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(warnings.len(), 1, "{reported:#}");
    assert_eq!(warnings[0]["severity"], 2);
    assert!(
        warnings[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("the quantity reader does not convert `hour`")),
        "{reported:#}"
    );
    let uri = uri_of(&root.join("library.txt"));
    server.open(
        &uri,
        "plaintext",
        &LIBRARY_DRAFT.replace("8 rooms", "8 hours"),
    );
    let found = server.diagnostics(&uri, Some(1));
    assert_eq!(
        found["diagnostics"][0]["code"], "lakeside-library/reading-rooms",
        "{found:#}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn the_projects_configuration_names_the_rules_and_their_levels() {
    let (_dir, root) = workspace();
    std::fs::create_dir(root.join("facts")).expect("facts folder");
    let yaml_path = root.join("facts/library.yaml");
    std::fs::write(&yaml_path, LIBRARY_RULES).expect("write rules");
    std::fs::write(
        root.join(".factlint.yaml"),
        "rules: [facts/library.yaml]\nseverity:\n  lakeside-library/reading-rooms:\n    contradiction: warning\n",
    )
    .expect("write configuration");
    let uri = uri_of(&root.join("library.txt"));
    let mut server = Server::start(&[]);
    server.initialize(&root, json!(null));
    server.open(&uri, "plaintext", LIBRARY_DRAFT);
    let mut expected = rooms_diagnostic("8 rooms", "6 rooms", &uri_of(&yaml_path));
    expected["severity"] = json!(2);
    assert_eq!(
        server.diagnostics(&uri, Some(1))["diagnostics"],
        json!([expected])
    );
}

#[test]
fn a_thousand_changes_in_a_row_are_checked_as_the_latest_text() {
    // finding 12: only the latest text matters; hovers are answered after
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    let mut text = DRAFT.to_owned();
    while text.len() < 2_000_000 {
        text.push_str("\nThe weather in the harbour was calm that week.\n");
    }
    server.open(&uri, "markdown", &text);
    server.diagnostics(&uri, Some(1));
    // "47" becomes "46" and back, a thousand times; last "46"
    let mut burst = Vec::new();
    for version in 2..=1001 {
        let digit = if version % 2 == 1 { "6" } else { "7" };
        let message = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range_json([3, 16, 3, 17]), "text": digit }],
            },
        });
        burst.extend(Server::frame(&message.to_string()));
    }
    server.write_raw(&burst);
    let published = server.diagnostics(&uri, Some(1001));
    let messages: Vec<&str> = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.contains(&"\"46 articles\" contradicts the source, which says 47 articles"),
        "{messages:?}"
    );
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 16 } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("article-count")),
        "{hover:#}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_document_past_the_size_limit_is_not_checked_and_the_user_told() {
    // finding 12: the document size is capped (64 MiB, as for a draft)
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", DRAFT);
    server.diagnostics(&uri, Some(1));
    let chunk = "x".repeat(33 << 20);
    let mut burst = Vec::new();
    for version in [2, 3] {
        let message = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range_json([4, 0, 4, 0]), "text": chunk }],
            },
        });
        burst.extend(Server::frame(&message.to_string()));
    }
    server.write_raw(&burst);
    let shown = server.recv(|m| m["method"] == "window/showMessage");
    assert_eq!(
        shown["params"]["message"],
        format!("factlint: {uri} is larger than 64 MiB and is not checked")
    );
    let cleared = server.diagnostics(&uri, None);
    assert_eq!(cleared["diagnostics"], json!([]));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_request_id_that_is_no_integer_is_answered_invalid_request() {
    // finding 15
    let (_dir, root) = workspace();
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    for id in [json!(1.5), json!(2_147_483_648_u64)] {
        server.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "shutdown" }));
        let answer = server.recv(|m| m["id"] == id);
        assert_eq!(answer["error"]["code"], -32600, "{answer:#}");
    }
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_quick_fix_lands_on_its_line_with_carriage_return_line_ends() {
    // finding 3: a lone CR ends a line, as the protocol counts
    let (_dir, root) = workspace();
    let uri = uri_of(&root.join("draft.md"));
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    server.open(&uri, "markdown", &DRAFT.replace('\n', "\r"));
    let published = server.diagnostics(&uri, Some(1));
    assert_eq!(
        published["diagnostics"][0]["range"],
        range_json([2, 43, 2, 50])
    );
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range_json([2, 45, 2, 45]),
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(
        response["result"][0]["edit"]["changes"][uri.as_str()],
        json!([{ "range": range_json([2, 44, 2, 45]), "newText": "0" }])
    );
    // an edit on the third line goes there
    server.edit(&uri, 2, [2, 43, 2, 45], "20");
    let after = server.diagnostics(&uri, Some(2));
    assert!(
        after["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().all(|d| d["code"] != "ru-ir-treaty/term")),
        "{after:#}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_rule_file_is_reported_and_blocks_nothing() {
    // finding 10: the server must not wait forever on a rule file
    let (_dir, root) = workspace();
    std::fs::write(root.join(".factlint.yaml"), "rules: [pipe.yaml]\n").expect("config");
    let made = Command::new("mkfifo")
        .arg(root.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let mut server = Server::start(&[]);
    server.initialize(&root, Value::Null);
    let told = server.recv(|m| {
        m.to_string()
            .contains("not a regular file (a FIFO); only files and standard input")
    });
    assert!(told.get("method").is_some(), "{told:#}");
    assert!(server.shutdown_and_exit().success());
}
