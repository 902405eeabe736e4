//! The command line as scripts, editors and CI see it: exit codes, the JSON
//! and short formats, inputs (files, folders, globs, stdin), broken rule
//! files, unreadable drafts and colour. Drafts are in tests/drafts; throwaway
//! trees are built in temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const ARTICLE_COUNT: &str = "ru-ir-treaty/article-count";
const SIGNING_DATE: &str = "ru-ir-treaty/signing-date";
const TERM: &str = "ru-ir-treaty/term";
const NO_MUTUAL_DEFENSE: &str = "ru-ir-treaty/no-mutual-defense";

fn drafts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts")
}

fn draft_text(name: &str) -> String {
    fs::read_to_string(drafts().join(name)).expect("test draft")
}

/// `factlint check` run from tests/drafts, so paths in the output are the
/// names as given. NO_COLOR is cleared so that a developer's setting cannot
/// change what the colour tests see.
fn check() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("factlint");
    cmd.current_dir(drafts())
        .env_remove("NO_COLOR")
        .arg("check");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("factlint runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// The findings of a `--format json` run, and its exit code.
fn json(cmd: &mut Command) -> (Vec<Value>, i32) {
    let out = run(cmd.args(["--format", "json"]));
    let value: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", out.stdout));
    let Value::Array(findings) = value else {
        panic!("not an array: {}", out.stdout)
    };
    (findings, out.code)
}

fn str_field<'v>(finding: &'v Value, key: &str) -> &'v str {
    finding[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {finding}"))
}

fn num(value: &Value, key: &str) -> usize {
    let n = value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a number in {value}"));
    usize::try_from(n).expect("fits")
}

/// (rule, kind, severity) of every finding, in output order.
fn summary(findings: &[Value]) -> Vec<(String, String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                str_field(f, "rule").to_owned(),
                str_field(f, "kind").to_owned(),
                str_field(f, "severity").to_owned(),
            )
        })
        .collect()
}

fn triple(rule: &str, kind: &str, severity: &str) -> (String, String, String) {
    (rule.to_owned(), kind.to_owned(), severity.to_owned())
}

/// 1-based line and column (in characters) of a byte offset, counted here
/// independently of factlint's own line index.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The finding's span and fix as text of `source`, after checking that line
/// and column agree with the byte offsets.
fn span_text<'t>(source: &'t str, finding: &Value) -> &'t str {
    let span = &finding["span"];
    let (start, end) = (num(span, "start"), num(span, "end"));
    assert!(start <= end && end <= source.len(), "{span}");
    assert_eq!(
        (num(span, "line"), num(span, "column")),
        line_col(source, start),
        "start of {span}"
    );
    assert_eq!(
        (num(span, "end_line"), num(span, "end_column")),
        line_col(source, end),
        "end of {span}"
    );
    &source[start..end]
}

fn fix_text<'t>(source: &'t str, finding: &Value) -> &'t str {
    let fix = &finding["fix"];
    &source[num(fix, "start")..num(fix, "end")]
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// A folder to check, with files written into it; a `.git` folder makes it a
/// repository so that `.gitignore` applies, as in a newsroom's clone.
struct Tree(tempfile::TempDir);

impl Tree {
    fn new(files: &[(&str, &[u8])]) -> Tree {
        let dir = tempfile::Builder::new()
            .prefix("factlint-cli")
            .tempdir()
            .expect("temporary folder");
        fs::create_dir(dir.path().join(".git")).expect(".git");
        let tree = Tree(dir);
        for (name, bytes) in files {
            tree.write(name, bytes);
        }
        tree
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        let path = self.0.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, bytes).expect("write");
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// `factlint check` run from the tree's root.
    fn check(&self) -> Command {
        let mut cmd = check();
        cmd.current_dir(self.path());
        cmd
    }
}

/// The sorted, de-duplicated paths findings were reported for.
fn paths(findings: &[Value]) -> Vec<String> {
    let mut paths: Vec<String> = findings
        .iter()
        .map(|f| str_field(f, "path").to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

mod exit_codes {
    use super::*;

    #[test]
    fn a_consistent_draft_exits_0_with_no_findings() {
        check()
            .args(["consistent.md", "--color", "never"])
            .assert()
            .code(0)
            .stdout("no problems in 1 file\n")
            .stderr("");
        let (findings, code) = json(check().arg("consistent.md"));
        assert_eq!(code, 0);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn an_off_topic_draft_gets_nothing_whatever_its_numbers() {
        let (findings, code) = json(check().arg("off-topic.md"));
        assert_eq!((findings.len(), code), (0, 0), "{findings:?}");
    }

    #[test]
    fn a_contradiction_exits_1() {
        let (findings, code) = json(check().arg("bulletin.txt"));
        assert_eq!(code, 1);
        assert_eq!(
            summary(&findings),
            [
                triple(SIGNING_DATE, "contradiction", "error"),
                triple(TERM, "contradiction", "error"),
            ]
        );
    }

    #[test]
    fn warnings_fail_only_with_deny_warnings() {
        for name in ["unstated.md", "reported.md"] {
            let (findings, code) = json(check().arg(name));
            assert!(
                findings.iter().any(|f| f["severity"] == "warning")
                    && findings.iter().all(|f| f["severity"] != "error"),
                "{name}: {findings:?}"
            );
            assert_eq!(code, 0, "{name}");
            check().args([name, "--deny", "warnings"]).assert().code(1);
        }
    }

    #[test]
    fn info_fails_only_with_deny_info() {
        // Every fact stated but the absent clause, whose "unstated" is info.
        let draft = "Russia and Iran signed the Treaty on Comprehensive Strategic Partnership \
                     on 17 January 2025. The treaty has 47 articles and will remain in force \
                     for 20 years.\n";
        let (findings, code) = json(check().arg("-").write_stdin(draft));
        assert_eq!(
            summary(&findings),
            [triple(NO_MUTUAL_DEFENSE, "unstated", "info")]
        );
        assert_eq!(code, 0);
        for (deny, expected) in [("warnings", 0), ("info", 1)] {
            check()
                .args(["-", "--deny", deny])
                .write_stdin(draft)
                .assert()
                .code(expected);
        }
    }

    #[test]
    fn usage_errors_exit_2_with_a_message_on_stderr() {
        for args in [
            &["--format", "xml"][..],
            &["--color", "sometimes"],
            &["--deny", "errors"],
            &["--no-such-flag"],
        ] {
            let out = run(check().args(args));
            assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
            assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
            assert!(out.stderr.contains("error:"), "{args:?}: {}", out.stderr);
        }
        // `check` alone checks the current folder; the bare binary, without
        // a subcommand, is the usage error.
        let mut bare = assert_cmd::cargo::cargo_bin_cmd!("factlint");
        bare.assert()
            .code(2)
            .stderr(predicate::str::contains("Usage"));
    }

    #[test]
    fn help_and_version_exit_0() {
        let mut help = assert_cmd::cargo::cargo_bin_cmd!("factlint");
        help.args(["check", "--help"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("--stdin-filename"));
        let mut version = assert_cmd::cargo::cargo_bin_cmd!("factlint");
        version
            .arg("--version")
            .assert()
            .code(0)
            .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    }
}

/// `--help`, shell completions and the manual page: generated from the same
/// command-line definition, so they cannot drift from it.
mod generated {
    use super::*;

    fn factlint(args: &[&str]) -> Run {
        run(assert_cmd::cargo::cargo_bin_cmd!("factlint").args(args))
    }

    #[test]
    fn help_has_examples_exit_codes_and_where_the_docs_are() {
        for args in [&["--help"][..], &["check", "--help"]] {
            let out = factlint(args);
            assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
            for part in [
                "Examples:\n  factlint check ",
                "Exit codes:\n  0  no finding at or above the failing level (or --exit-zero)\n  1  findings",
                "  2  usage error; broken configuration, rule or baseline file; unreadable draft",
            ] {
                assert!(out.stdout.contains(part), "{args:?}: {part} not in\n{}", out.stdout);
            }
        }
        let top = factlint(&["--help"]);
        assert!(top.stdout.contains("docs/rules.md"), "{}", top.stdout);
        assert!(top.stdout.contains("factlint man"), "{}", top.stdout);
    }

    #[test]
    fn completions_are_generated_for_every_shell() {
        for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
            let out = factlint(&["completions", shell]);
            assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
            for word in [
                "factlint",
                "check",
                "stdin-filename",
                "rules",
                "completions",
            ] {
                assert!(out.stdout.contains(word), "{shell}: no {word}");
            }
        }
        // The bash script is valid bash.
        let script = factlint(&["completions", "bash"]).stdout;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("factlint.bash");
        std::fs::write(&file, &script).unwrap();
        let syntax = std::process::Command::new("bash")
            .arg("-n")
            .arg(&file)
            .output();
        if let Ok(syntax) = syntax {
            assert!(
                syntax.status.success(),
                "{}",
                String::from_utf8_lossy(&syntax.stderr)
            );
        }
        let bad = factlint(&["completions", "tcsh"]);
        assert_eq!(bad.code, 2);
        assert!(
            bad.stderr.contains("invalid value 'tcsh'"),
            "{}",
            bad.stderr
        );
    }

    #[test]
    fn the_manual_pages_are_generated_and_those_named_exist() {
        let main = factlint(&["man"]);
        assert_eq!(main.code, 0, "{}", main.stderr);
        assert!(main.stdout.contains(".TH factlint 1 "), "{}", main.stdout);
        assert!(main.stdout.contains(".SH SUBCOMMANDS"), "{}", main.stdout);
        assert!(main.stdout.contains("Exit codes:"), "{}", main.stdout);
        // Every page the main page points to can be generated.
        let named: Vec<String> = main
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix("factlint\\-")?.strip_suffix("(1)"))
            .map(str::to_owned)
            .collect();
        assert!(named.len() >= 10, "{named:?}");
        for command in &named {
            let page = factlint(&["man", command]);
            assert_eq!(page.code, 0, "{command}: {}", page.stderr);
            assert!(
                page.stdout.contains(&format!(".TH factlint-{command} 1 ")),
                "{command}: {}",
                page.stdout
            );
        }
        let rules_check = factlint(&["man", "rules", "check"]);
        assert!(
            rules_check.stdout.contains(".TH factlint-rules-check 1 "),
            "{}",
            rules_check.stdout
        );
        let check = factlint(&["man", "check"]);
        assert!(
            check.stdout.contains("\\-\\-stdin\\-filename"),
            "{}",
            check.stdout
        );
        let wrong = factlint(&["man", "chek"]);
        assert_eq!(wrong.code, 2);
        assert!(
            wrong.stderr.starts_with("error: no command `chek`"),
            "{}",
            wrong.stderr
        );
    }
}

mod json_format {
    use super::*;

    #[test]
    fn a_contradiction_has_every_field_of_the_contract() {
        let source = draft_text("numbers.md");
        let (findings, _) = json(check().arg("numbers.md"));
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(
            keys(f),
            [
                "expected", "fix", "found", "help", "kind", "message", "note", "path", "rule",
                "severity", "span"
            ]
        );
        assert_eq!(
            keys(&f["span"]),
            ["column", "end", "end_column", "end_line", "line", "start"]
        );
        assert_eq!(keys(&f["fix"]), ["end", "replacement", "start"]);
        assert_eq!(str_field(f, "path"), "numbers.md");
        assert_eq!(str_field(f, "rule"), ARTICLE_COUNT);
        assert_eq!(str_field(f, "kind"), "contradiction");
        assert_eq!(str_field(f, "severity"), "error");
        assert_eq!(str_field(f, "found"), "45 articles");
        assert_eq!(str_field(f, "expected"), "47 articles");
        let message = str_field(f, "message");
        assert!(
            message.contains("45 articles") && message.contains("47 articles"),
            "{message}"
        );
        assert!(str_field(f, "note").contains("The treaty has 47 articles."));
        // Inside `**45**`: the span starts at the digits, not the asterisks,
        // and the fix replaces only the digit that differs.
        assert_eq!(span_text(&source, f), "45** articles");
        assert_eq!(fix_text(&source, f), "5");
        assert_eq!(str_field(&f["fix"], "replacement"), "7");
    }

    #[test]
    fn columns_count_characters_after_multibyte_dashes() {
        let source = draft_text("numbers.md");
        let (findings, _) = json(check().arg("numbers.md"));
        let span = &findings[0]["span"];
        let start = num(span, "start");
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &source[line_start..start];
        // The line has a "–" (three bytes, one column) before the finding,
        // so byte and character columns differ; the JSON gives characters.
        assert!(before.contains('–'), "{before}");
        assert_eq!(num(span, "column"), before.chars().count() + 1);
        assert_ne!(num(span, "column"), before.len() + 1);
    }

    #[test]
    fn offsets_index_the_html_source_inside_tags_and_after_entities() {
        let source = draft_text("explainer.html");
        let (findings, code) = json(check().arg("explainer.html"));
        assert_eq!(code, 1);
        // The "12 articles" in an HTML comment is not read.
        assert_eq!(
            summary(&findings),
            [triple(ARTICLE_COUNT, "contradiction", "error")]
        );
        let f = &findings[0];
        assert_eq!(span_text(&source, f), "45</b> articles");
        assert_eq!(fix_text(&source, f), "5");
        assert!(source[..num(&f["span"], "start")].ends_with("<b>"));
    }

    #[test]
    fn offsets_stay_exact_with_crlf_line_endings() {
        let lf = draft_text("numbers.md");
        let crlf = lf.replace('\n', "\r\n");
        let tree = Tree::new(&[("numbers.md", crlf.as_bytes())]);
        let (lf_findings, _) = json(check().arg("numbers.md"));
        let (crlf_findings, code) = json(tree.check().arg("numbers.md"));
        assert_eq!(code, 1);
        assert_eq!(crlf_findings.len(), 1, "{crlf_findings:?}");
        let (a, b) = (&lf_findings[0], &crlf_findings[0]);
        assert_eq!(span_text(&crlf, b), "45** articles");
        assert_eq!(fix_text(&crlf, b), "5");
        // One more byte for every line ending before the finding; the same
        // line and column.
        let line = num(&a["span"], "line");
        assert_eq!(
            num(&b["span"], "start"),
            num(&a["span"], "start") + line - 1
        );
        for key in ["line", "column", "end_line", "end_column"] {
            assert_eq!(num(&a["span"], key), num(&b["span"], key), "{key}");
        }
    }

    #[test]
    fn a_byte_order_mark_counts_in_offsets_but_not_in_columns() {
        let source = format!("\u{feff}{}", draft_text("bulletin.txt"));
        let tree = Tree::new(&[("bom.txt", source.as_bytes())]);
        let (plain, _) = json(check().arg("bulletin.txt"));
        let (bom, _) = json(tree.check().arg("bom.txt"));
        assert_eq!(bom.len(), plain.len());
        for (a, b) in plain.iter().zip(&bom) {
            // Offsets index the file's bytes, mark included; lines and
            // columns are what an editor, which hides the mark, shows.
            assert_eq!(num(&b["span"], "start"), num(&a["span"], "start") + 3);
            for key in ["line", "column", "end_line", "end_column"] {
                assert_eq!(num(&a["span"], key), num(&b["span"], key), "{key}");
            }
        }
        // The first line has a finding only in a draft that starts with it,
        // so check the first-line column with one.
        let first = "\u{feff}The Russia–Iran treaty has 45 articles.\n";
        let (findings, _) = json(
            check()
                .args(["-", "--stdin-filename", "bom.md"])
                .write_stdin(first),
        );
        let count = findings
            .iter()
            .find(|f| f["rule"] == ARTICLE_COUNT)
            .expect("article count");
        let start = num(&count["span"], "start");
        assert_eq!(&first[start..start + 2], "45");
        assert_eq!(
            num(&count["span"], "column"),
            first[3..start].chars().count() + 1
        );
    }

    #[test]
    fn a_span_across_a_line_break_has_its_own_end_line() {
        let source = draft_text("bulletin.txt");
        let (findings, _) = json(check().arg("bulletin.txt"));
        let date = &findings[0];
        assert_eq!(str_field(date, "rule"), SIGNING_DATE);
        assert_eq!(span_text(&source, date), "16\nJanuary 2025");
        assert_eq!(
            num(&date["span"], "end_line"),
            num(&date["span"], "line") + 1
        );
        // `found` is the claim as read: the line break is a space.
        assert_eq!(str_field(date, "found"), "16 January 2025");
        assert_eq!(str_field(date, "expected"), "17 January 2025");
        // The fix changes the digit alone: the line break stays.
        assert_eq!(fix_text(&source, date), "6");
        assert_eq!(str_field(&date["fix"], "replacement"), "7");
    }

    #[test]
    fn unstated_findings_point_at_the_first_mention_and_have_no_fix() {
        let source = draft_text("unstated.md");
        let (findings, _) = json(check().arg("unstated.md"));
        assert_eq!(
            summary(&findings),
            [
                triple(NO_MUTUAL_DEFENSE, "unstated", "info"),
                triple(SIGNING_DATE, "unstated", "warning"),
                triple(TERM, "unstated", "warning"),
            ]
        );
        for f in &findings {
            assert_eq!(
                keys(f),
                ["help", "kind", "message", "note", "path", "rule", "severity", "span"]
            );
            assert_eq!(span_text(&source, f), "treaty");
            assert_eq!(f["span"], findings[0]["span"]);
        }
    }

    #[test]
    fn reported_speech_is_marked_attributed() {
        let source = draft_text("reported.md");
        let (findings, _) = json(check().arg("reported.md"));
        assert_eq!(
            summary(&findings),
            [triple(TERM, "contradiction", "warning")]
        );
        let f = &findings[0];
        assert_eq!(f["attributed"], Value::Bool(true));
        assert_eq!(span_text(&source, f), "30 years");
        assert_eq!(fix_text(&source, f), "3");
    }

    #[test]
    fn explanations_go_to_stderr_and_leave_the_json_intact() {
        let out = run(check().args(["numbers.md", "--explain", "--format", "json"]));
        let findings: Value = serde_json::from_str(&out.stdout).expect("JSON on stdout");
        assert_eq!(findings.as_array().map(Vec::len), Some(1));
        assert!(
            out.stderr
                .contains("\"45 articles\" ru-ir-treaty/article-count → contradicts"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn colour_never_reaches_json() {
        let out = run(check().args(["numbers.md", "--format", "json", "--color", "always"]));
        assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
        assert!(serde_json::from_str::<Value>(&out.stdout).is_ok());
    }
}

mod short_format {
    use super::*;

    const ALL: [&str; 6] = [
        "bulletin.txt",
        "explainer.html",
        "numbers.md",
        "reported.md",
        "unstated.md",
        "consistent.md",
    ];

    #[test]
    fn one_line_per_finding_matching_the_json() {
        let out = run(check().args(ALL).args(["--format", "short"]));
        let (findings, code) = json(check().args(ALL));
        assert_eq!(out.code, code);
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines.len(), findings.len(), "{}", out.stdout);
        assert!(!lines.is_empty());
        for (line, f) in lines.iter().zip(&findings) {
            let expected = format!(
                "{}:{}:{}: {}[{}]: {}",
                str_field(f, "path"),
                num(&f["span"], "line"),
                num(&f["span"], "column"),
                str_field(f, "severity"),
                str_field(f, "rule"),
                str_field(f, "message"),
            );
            assert_eq!(*line, expected);
        }
    }

    #[test]
    fn no_summary_line_and_no_colour() {
        let out = run(check().args(["consistent.md", "--format", "short", "--color", "always"]));
        assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    }
}

mod stdin {
    use super::*;

    /// A contradiction that only a plain-text reading sees: HTML comments
    /// are skipped by the HTML reader.
    const PAGE: &str = "<p>The Russia&ndash;Iran treaty has 47 articles.</p>\n\
                        <!-- The Russia–Iran treaty has 45 articles. -->\n";

    #[test]
    fn dash_reads_stdin_as_plain_text_named_dash() {
        let (findings, code) = json(check().arg("-").write_stdin(PAGE));
        assert_eq!(code, 1);
        let contradictions: Vec<&Value> = findings
            .iter()
            .filter(|f| f["kind"] == "contradiction")
            .collect();
        assert_eq!(contradictions.len(), 1, "{findings:?}");
        let f = contradictions[0];
        assert_eq!(str_field(f, "path"), "-");
        assert_eq!(str_field(f, "rule"), ARTICLE_COUNT);
        assert_eq!(span_text(PAGE, f), "45 articles");
    }

    #[test]
    fn stdin_filename_names_the_input_and_picks_its_reader() {
        let (findings, code) = json(
            check()
                .args(["-", "--stdin-filename", "drafts/page.html"])
                .write_stdin(PAGE),
        );
        assert_eq!(code, 0);
        assert!(
            findings.iter().all(|f| f["kind"] == "unstated"),
            "{findings:?}"
        );
        assert_eq!(paths(&findings), ["drafts/page.html"]);
    }

    #[test]
    fn markdown_code_blocks_are_skipped_only_when_read_as_markdown() {
        let draft = "The Russia–Iran treaty has 47 articles.\n\n\
                     ```\nThe Russia–Iran treaty has 45 articles.\n```\n";
        let contradictions = |args: &[&str]| {
            let (findings, _) = json(check().args(args).write_stdin(draft));
            findings
                .iter()
                .filter(|f| f["kind"] == "contradiction")
                .map(|f| span_text(draft, f).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(contradictions(&["-"]), ["45 articles"]);
        assert!(contradictions(&["-", "--stdin-filename", "x.md"]).is_empty());
        assert!(contradictions(&["-", "--stdin-filename", "x.markdown"]).is_empty());
    }

    #[test]
    fn stdin_that_is_not_utf8_is_an_input_error() {
        check()
            .args(["-", "--stdin-filename", "pasted.txt"])
            .write_stdin(&b"The treaty caf\xe9\n"[..])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("pasted.txt: not valid UTF-8"));
    }
}

mod walking {
    use super::*;

    /// Every file has a finding, so the paths in the JSON are the files read.
    fn newsroom() -> Tree {
        let wrong = draft_text("numbers.md");
        let wrong = wrong.as_bytes();
        let html = draft_text("explainer.html");
        Tree::new(&[
            (".gitignore", b"drafts/old.md\n"),
            ("drafts/numbers.md", wrong),
            ("drafts/page.html", html.as_bytes()),
            (
                "drafts/sub/bulletin.txt",
                draft_text("bulletin.txt").as_bytes(),
            ),
            ("drafts/old.md", wrong),
            ("drafts/.hidden.md", wrong),
            ("drafts/.cache/copy.md", wrong),
            ("drafts/notes.rst", wrong),
            ("drafts/photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ])
    }

    #[test]
    fn folders_skip_ignored_hidden_and_unknown_files() {
        let tree = newsroom();
        let (findings, code) = json(tree.check().arg("drafts"));
        assert_eq!(code, 1);
        assert_eq!(
            paths(&findings),
            [
                "drafts/numbers.md",
                "drafts/page.html",
                "drafts/sub/bulletin.txt"
            ]
        );
        tree.check()
            .args(["drafts", "--color", "never"])
            .assert()
            .stdout(predicate::str::ends_with("in 3 files\n"));
    }

    #[test]
    fn the_current_folder_is_the_default() {
        let tree = newsroom();
        let mut cmd = tree.check();
        cmd.current_dir(tree.path().join("drafts"));
        let (findings, _) = json(&mut cmd);
        // Shown as ripgrep shows them, without a leading `./`.
        assert_eq!(
            paths(&findings),
            ["numbers.md", "page.html", "sub/bulletin.txt"]
        );
        // A `.` given explicitly is kept, as the user wrote it.
        let mut cmd = tree.check();
        cmd.current_dir(tree.path().join("drafts")).arg(".");
        let (findings, _) = json(&mut cmd);
        assert_eq!(
            paths(&findings),
            ["./numbers.md", "./page.html", "./sub/bulletin.txt"]
        );
    }

    #[test]
    fn files_named_explicitly_are_read_whatever_they_are() {
        let tree = newsroom();
        let named = ["drafts/notes.rst", "drafts/old.md", "drafts/.hidden.md"];
        let (findings, code) = json(tree.check().args(named));
        assert_eq!(code, 1);
        // In argument order, each read (the .rst as plain text).
        let order: Vec<&str> = findings.iter().map(|f| str_field(f, "path")).collect();
        assert_eq!(order, named);
    }

    #[test]
    fn globs_are_expanded_by_factlint() {
        let tree = newsroom();
        let (findings, _) = json(tree.check().arg("drafts/**/*.{md,txt}"));
        assert_eq!(
            paths(&findings),
            ["drafts/numbers.md", "drafts/sub/bulletin.txt"]
        );
        // A glob takes files of any type it matches.
        let (findings, _) = json(tree.check().arg("drafts/*.rst"));
        assert_eq!(paths(&findings), ["drafts/notes.rst"]);
    }

    #[test]
    fn a_glob_that_matches_nothing_is_an_error_and_the_rest_is_checked() {
        let tree = newsroom();
        let out = run(tree.check().args(["drafts/*.docx", "drafts/numbers.md"]));
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .contains("drafts/*.docx: no files match this pattern"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.contains("drafts/numbers.md:"), "{}", out.stdout);
    }

    #[test]
    fn a_file_reached_twice_is_checked_once() {
        let tree = newsroom();
        let (findings, _) =
            json(
                tree.check()
                    .args(["drafts/numbers.md", "drafts", "./drafts/numbers.md"]),
            );
        let numbers = findings
            .iter()
            .filter(|f| str_field(f, "path").ends_with("numbers.md"))
            .count();
        assert_eq!(numbers, 1, "{findings:?}");
    }
}

mod broken_rules {
    use super::*;

    const HEAD: &str = "subject:\n  id: deal\n  name: The Deal\n  names: [Grand Deal]\n  \
                        source: the deal's text\nfacts:\n";

    /// Runs a check with one rule file of `facts` appended to a valid head;
    /// returns the run and the rule file's text.
    fn with_rules(facts: &str) -> (Run, String) {
        let yaml = format!("{HEAD}{facts}");
        let tree = Tree::new(&[("rules/deal.yaml", yaml.as_bytes())]);
        let out = run(tree.check().args([
            "--rules",
            "rules/deal.yaml",
            "--color",
            "never",
            drafts().join("consistent.md").to_str().expect("UTF-8 path"),
        ]));
        (out, yaml)
    }

    /// Asserts a refused rule file: exit 2, nothing checked, and a
    /// diagnostic at `path:line:col` of `at` in the YAML saying `message`.
    fn assert_refused(out: &Run, yaml: &str, at: &str, message: &str) {
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        let offset = yaml
            .find(at)
            .unwrap_or_else(|| panic!("{at:?} not in {yaml}"));
        let (line, col) = line_col(yaml, offset);
        // Shown like a finding, rustc-style, so editors that jump to
        // `--> path:line:col` jump into the rule file.
        let locus = format!("\n --> rules/deal.yaml:{line}:{col}\n");
        assert!(out.stderr.contains(&locus), "{locus} in\n{}", out.stderr);
        assert!(out.stderr.contains(message), "{message} in\n{}", out.stderr);
        // The offending line is shown, as a compiler shows source, with the
        // offending text alone underlined.
        let shown = yaml.lines().nth(line - 1).expect("line");
        assert!(out.stderr.contains(shown), "{shown} in\n{}", out.stderr);
        let carets: Vec<usize> = out
            .stderr
            .lines()
            .filter_map(|l| {
                l.find('^')
                    .map(|i| l[i..].chars().take_while(|&c| c == '^').count())
            })
            .collect();
        assert_eq!(carets, [at.chars().count()], "{}", out.stderr);
        assert!(
            out.stderr
                .ends_with("error: 1 problem in rule files; nothing was checked\n"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn the_valid_head_loads() {
        let (out, _) = with_rules("  - id: cost\n    claim: c\n    forbid: 'x'\n");
        assert_eq!(out.code, 0, "{}", out.stderr);
    }

    #[test]
    fn a_typo_in_a_key() {
        let (out, yaml) =
            with_rules("  - id: cost\n    claim: c\n    quantiy: {value: 1, unit: dollar}\n");
        assert_refused(&out, &yaml, "quantiy", "unknown key `quantiy`");
        assert!(
            out.stderr.contains("help: did you mean `quantity`?"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn a_value_of_the_wrong_type() {
        let (out, yaml) =
            with_rules("  - id: cost\n    claim: c\n    quantity: {value: lots, unit: dollar}\n");
        assert_refused(
            &out,
            &yaml,
            "lots",
            "must be a number, not the text \"lots\"",
        );
    }

    #[test]
    fn a_regex_that_does_not_compile() {
        let (out, yaml) = with_rules("  - id: cost\n    claim: c\n    forbid: 'price (in'\n");
        assert_refused(
            &out,
            &yaml,
            "'price (in'",
            "the regular expression does not compile",
        );
    }

    #[test]
    fn a_missing_rule_file() {
        let out = run(check().args(["--rules", "nowhere/rules.yaml", "consistent.md"]));
        assert_eq!(out.code, 2);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(
            out.stderr
                .contains("nowhere/rules.yaml: cannot read rules: No such file or directory"),
            "{}",
            out.stderr
        );
        // As for drafts, the OS error number is noise next to its message.
        assert!(!out.stderr.contains("os error"), "{}", out.stderr);
    }

    #[test]
    fn every_broken_file_is_reported_before_giving_up() {
        let tree = Tree::new(&[
            (
                "rules/a.yaml",
                format!("{HEAD}  - id: x\n    claim: c\n    date: 2025-02-30\n").as_bytes(),
            ),
            ("rules/b.yaml", b"subject: [not, a, mapping]\nfacts: []\n"),
        ]);
        let out = run(tree
            .check()
            .args(["--rules", "rules", "--color", "never", "x.md"]));
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("rules/a.yaml:9:11"), "{}", out.stderr);
        assert!(out.stderr.contains("is not a date"), "{}", out.stderr);
        assert!(out.stderr.contains("rules/b.yaml:1:"), "{}", out.stderr);
        assert!(
            out.stderr
                .ends_with("error: 2 problems in rule files; nothing was checked\n"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn custom_rules_replace_the_bundled_ones() {
        let tree = Tree::new(&[(
            "deal.yaml",
            format!("{HEAD}  - id: cost\n    claim: The deal costs $5 million.\n    quantity: {{value: 5000000, unit: dollar}}\n").as_bytes(),
        ), ("draft.md", b"The Grand Deal will cost $7 million, and the Russia-Iran treaty has 45 articles.\n")]);
        let (findings, code) = json(tree.check().args(["--rules", "deal.yaml", "draft.md"]));
        assert_eq!(code, 1);
        assert_eq!(
            summary(&findings),
            [triple("deal/cost", "contradiction", "error")]
        );
        assert_eq!(str_field(&findings[0], "found"), "$7 million");
    }
}

mod unreadable_inputs {
    use super::*;

    #[test]
    fn binary_non_utf8_and_missing_inputs_are_reported_and_the_rest_checked() {
        let latin1: &[u8] = b"The treaty\nwas sign\xe9d.\n";
        let tree = Tree::new(&[
            ("a-binary.md", b"PK\x03\x04\0\0treaty"),
            ("b-latin1.md", latin1),
            ("c-numbers.md", draft_text("numbers.md").as_bytes()),
        ]);
        let out = run(tree.check().args([
            "a-binary.md",
            "b-latin1.md",
            "missing.md",
            "c-numbers.md",
            "--format",
            "short",
        ]));
        assert_eq!(out.code, 2);
        let bad_byte = latin1.iter().position(|&b| b == 0xe9).expect("é");
        let errors: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(
            errors,
            [
                "error: a-binary.md: binary file, skipped",
                &format!("error: b-latin1.md: not valid UTF-8: invalid byte sequence at byte {bad_byte} (line 2); save the file as UTF-8"),
                "error: missing.md: No such file or directory",
            ]
        );
        assert!(out.stdout.starts_with("c-numbers.md:7:"), "{}", out.stdout);
    }

    #[test]
    fn an_unreadable_file_in_a_folder_does_not_stop_the_walk() {
        let tree = Tree::new(&[
            ("drafts/a.md", b"\xff\xfeT\0h\0e\0"),
            ("drafts/b.md", draft_text("numbers.md").as_bytes()),
        ]);
        let out = run(tree.check().args(["drafts", "--color", "never"]));
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .contains("drafts/a.md: UTF-16 text is not supported"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.contains("--> drafts/b.md:7:"), "{}", out.stdout);
        assert!(
            out.stdout.ends_with("1 error in 1 file\n"),
            "{}",
            out.stdout
        );
    }
}

mod colour {
    use super::*;

    fn human(args: &[&str], no_color: Option<&str>) -> String {
        let mut cmd = check();
        cmd.args(["numbers.md"]).args(args);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = run(&mut cmd);
        assert_eq!(out.code, 1, "{}", out.stderr);
        out.stdout
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn always_colours_and_never_does_not() {
        let coloured = human(&["--color", "always"], None);
        let plain = human(&["--color", "never"], None);
        assert!(coloured.contains("\x1b["), "{coloured:?}");
        assert!(!plain.contains('\x1b'), "{plain:?}");
        assert_eq!(strip_ansi(&coloured), plain);
    }

    #[test]
    fn an_explicit_always_wins_over_no_color() {
        assert!(human(&["--color", "always"], Some("1")).contains("\x1b["));
    }

    #[test]
    fn auto_does_not_colour_a_pipe_or_under_no_color() {
        let plain = human(&["--color", "never"], None);
        assert_eq!(human(&[], None), plain);
        assert_eq!(human(&["--color", "auto"], Some("1")), plain);
    }

    #[test]
    fn rule_errors_follow_the_colour_choice_on_stderr() {
        let tree = Tree::new(&[("r.yaml", b"subject: {}\nfacts: []\n")]);
        let stderr = |color: &str| {
            run(tree
                .check()
                .args(["--rules", "r.yaml", "--color", color, "x.md"]))
            .stderr
        };
        assert!(stderr("always").contains("\x1b["));
        let plain = stderr("never");
        assert!(!plain.contains('\x1b'), "{plain:?}");
        assert!(plain.contains("r.yaml:1:"), "{plain}");
    }
}
