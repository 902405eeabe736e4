//! Bad input never panics, hangs or takes the other files down with it: empty,
//! binary and mis-encoded files, a file of 50 MB on one line, markup nested a
//! hundred thousand deep, symbolic link loops, unreadable and vanishing files,
//! and rule files with monstrous regular expressions or ten thousand facts.
//! Each is reported with a clear message, and the other files are checked.
//!
//! No test here asserts a wall time, which depends on the machine and what
//! else runs on it. A test that guards against a blow-up bounds the work
//! instead: its input is large enough that quadratic or exponential work
//! would take minutes, where linear work takes a second or two. Timings
//! belong in benches/throughput.rs.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// A contradiction of the bundled rules that every test can look for.
const WRONG: &str = "The Russia–Iran treaty has 46 articles.";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn factlint(dir: &Path, args: &[&str]) -> Run {
    let mut cmd: Command = assert_cmd::cargo::cargo_bin_cmd!("factlint");
    cmd.current_dir(dir).env_remove("NO_COLOR").args(args);
    let output = cmd.output().expect("factlint runs");
    Run {
        code: output
            .status
            .code()
            .expect("exited, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write test file");
    }
    dir
}

/// The findings of `--format short` output, as `path:line:col rule`.
fn findings(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let rule = rest.split_once('[')?.1.split_once(']')?.0;
            Some(format!("{place} {rule}"))
        })
        .collect()
}

/// No panic message, no backtrace: a panic is a bug.
fn assert_no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_file_is_checked_and_has_no_problems() {
    let dir = folder(&[("empty.md", b""), ("empty.html", b""), ("empty.txt", b"")]);
    let run = factlint(dir.path(), &["check"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "no problems in 3 files\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn binary_and_mis_encoded_files_are_skipped_with_a_reason_and_the_rest_checked() {
    let dir = folder(&[
        ("a-photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01"),
        ("b-latin1.md", b"Moscow\nThe caf\xe9 treaty.\n"),
        ("c-utf16.txt", b"\xff\xfeT\0h\0e\0"),
        ("d-draft.md", WRONG.as_bytes()),
    ]);
    let run = factlint(dir.path(), &["check", "--format", "short"]);
    assert_no_panic(&run);
    // Inputs that could not be read fail the run, as a typo in a path would.
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: a-photo.md: binary file, skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: b-latin1.md: not valid UTF-8: invalid byte sequence at byte 14 (line 2)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: c-utf16.txt: UTF-16 text is not supported"),
        "{}",
        run.stderr
    );
    assert!(
        findings(&run.stdout).contains(&"d-draft.md:1:28 ru-ir-treaty/article-count".to_owned()),
        "{}",
        run.stdout
    );
}

#[test]
fn a_50_mb_file_on_one_line_is_read_quickly_and_shown_in_a_window() {
    // A draft with a pasted image: one line of 50 MB, a claim on each side.
    let mut line = format!("{WRONG} ![chart](data:image/png;base64,");
    let mut state = 1u32;
    const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let blob: Vec<u8> = (0..50_000_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            BASE64[(state >> 16) as usize % 64]
        })
        .collect();
    line.push_str(std::str::from_utf8(&blob).expect("ASCII"));
    line.push_str(") The pact runs for 25 years.");
    let dir = folder(&[("pasted.md", line.as_bytes())]);

    let run = factlint(dir.path(), &["check", "--format", "short", "pasted.md"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = findings(&run.stdout);
    assert!(
        found.contains(&"pasted.md:1:28 ru-ir-treaty/article-count".to_owned()),
        "{found:?}"
    );
    let term_column = line.find("25 years").expect("in the line") + 1 - "–".len() + 1;
    assert!(
        found.contains(&format!("pasted.md:1:{term_column} ru-ir-treaty/term")),
        "{found:?}"
    );

    // People see a window of the line, not 50 MB per finding.
    let human = factlint(dir.path(), &["check", "pasted.md"]);
    assert_eq!(human.code, 1);
    assert!(human.stdout.len() < 10_000, "{} bytes", human.stdout.len());
    assert!(human.stdout.contains('…'), "{}", human.stdout);
}

#[test]
fn a_long_line_without_full_stops_is_read_in_linear_time() {
    // Two megabytes of words about the subject and no sentence end: read as
    // one sentence, it took minutes; it is read in pieces.
    // a new sentence starts with a capital; the run-on one follows it
    let mut text = format!("{WRONG} Then ");
    let words = [
        "and",
        "Moscow",
        "Tehran",
        "pact",
        "officials",
        "said",
        "47",
        "years",
        "the",
        "20",
    ];
    let mut i = 0;
    while text.len() < 2_000_000 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 7;
    }
    let dir = folder(&[("run-on.txt", text.as_bytes())]);
    let run = factlint(dir.path(), &["check", "--format", "short", "run-on.txt"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        findings(&run.stdout).contains(&"run-on.txt:1:28 ru-ir-treaty/article-count".to_owned()),
        "{}",
        run.stdout
    );
}

#[test]
fn markup_nested_a_hundred_thousand_deep_overflows_nothing() {
    const DEPTH: usize = 100_000;
    let divs = format!("{}{WRONG}{}", "<div>".repeat(DEPTH), "</div>".repeat(DEPTH));
    let lists = format!(
        "{}{WRONG}{}",
        "<ul><li>".repeat(DEPTH),
        "</li></ul>".repeat(DEPTH)
    );
    let attributes = format!("<p {}>{WRONG}</p>", "a=\"b\" ".repeat(DEPTH));
    let quotes = format!("{} {WRONG}\n", ">".repeat(DEPTH));
    let items = format!("{}{WRONG}\n", "- ".repeat(DEPTH));
    let mut indented = String::new();
    for level in 0..3000 {
        let _ = writeln!(indented, "{}- item", "  ".repeat(level));
    }
    indented.push_str(WRONG);
    let emphasis = format!("{}{WRONG}{}\n", "*".repeat(DEPTH), "*".repeat(DEPTH));
    let links = format!("{}{WRONG}{}\n", "[".repeat(DEPTH), "](x)".repeat(DEPTH));
    let files: Vec<(&str, &[u8])> = vec![
        ("divs.html", divs.as_bytes()),
        ("lists.html", lists.as_bytes()),
        ("attributes.html", attributes.as_bytes()),
        ("quotes.md", quotes.as_bytes()),
        ("items.md", items.as_bytes()),
        ("indented.md", indented.as_bytes()),
        ("emphasis.md", emphasis.as_bytes()),
        ("links.md", links.as_bytes()),
    ];
    let dir = folder(&files);
    // Several files, so that they are read on the worker threads, whose
    // stacks are smaller than the main thread's.
    let run = factlint(dir.path(), &["check", "--format", "short"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = findings(&run.stdout);
    for (name, _) in &files {
        assert!(
            found
                .iter()
                .any(|f| f.starts_with(&format!("{name}:")) && f.ends_with("article-count")),
            "{name}: {found:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_reported_or_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = folder(&[("draft.md", WRONG.as_bytes())]);
    fs::create_dir(dir.path().join("sub")).expect("folder");
    fs::write(dir.path().join("sub/inner.md"), WRONG).expect("write");
    // A link back up the tree, and two links that point at each other.
    symlink("..", dir.path().join("sub/up")).expect("symlink");
    symlink("ping.md", dir.path().join("pong.md")).expect("symlink");
    symlink("pong.md", dir.path().join("ping.md")).expect("symlink");

    // Walking: links inside folders are not followed, as in ripgrep.
    let run = factlint(dir.path(), &["check", "--format", "short"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = findings(&run.stdout);
    assert_eq!(
        found
            .iter()
            .filter(|f| f.ends_with("article-count"))
            .count(),
        2,
        "{found:?}"
    );

    // Named: a link is followed, and a loop is an error in its place.
    let run = factlint(
        dir.path(),
        &["check", "--format", "short", "ping.md", "draft.md"],
    );
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: ping.md: Too many levels of symbolic links"),
        "{}",
        run.stderr
    );
    assert!(
        findings(&run.stdout).contains(&"draft.md:1:28 ru-ir-treaty/article-count".to_owned()),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_and_the_rest_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[
        ("locked.md", WRONG.as_bytes()),
        ("open.md", WRONG.as_bytes()),
    ]);
    let locked = dir.path().join("locked.md");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let run = factlint(dir.path(), &["check", "--format", "short"]);
    assert_no_panic(&run);
    assert!(
        findings(&run.stdout).contains(&"open.md:1:28 ru-ir-treaty/article-count".to_owned()),
        "{}",
        run.stdout
    );
    if fs::read(&locked).is_ok() {
        // Root reads a file whatever its mode, and so does factlint then.
        eprintln!(
            "note: running as a user who can read a mode-000 file (root?); \
             the unreadable-file message is not tested"
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
    } else {
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("error: locked.md: Permission denied"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_file_deleted_during_the_walk_is_an_error_and_the_rest_are_checked() {
    use factlint::batch::{self, Job, Outcome};
    use factlint::source::walk::{self, Input, WalkOptions};

    let dir = folder(&[("gone.md", WRONG.as_bytes()), ("kept.md", WRONG.as_bytes())]);
    // The race, made deterministic: the walk has listed both files when one
    // of them is deleted, before it is read.
    let inputs = walk::inputs(&[dir.path().to_owned()], &WalkOptions::default());
    fs::remove_file(dir.path().join("gone.md")).expect("delete");
    let jobs: Vec<Job> = inputs
        .into_iter()
        .map(|input| match input {
            Ok(Input::File { path, markup }) => Job::File {
                name: path
                    .file_name()
                    .expect("a file name")
                    .to_string_lossy()
                    .into_owned(),
                path,
                markup,
            },
            other => panic!("{other:?}"),
        })
        .collect();
    let rules = factlint::rules::RuleSet::bundled().expect("bundled rules");
    let checker = factlint::check::Checker::new(&rules);
    let mut outcomes = Vec::new();
    batch::check(&checker, jobs, batch::Options::default(), &mut |o| {
        outcomes.push(o)
    });
    match &outcomes[..] {
        [Outcome::Unreadable { name, error }, Outcome::Checked(kept)] => {
            assert_eq!(name, "gone.md");
            assert_eq!(error.to_string(), "No such file or directory");
            assert_eq!(kept.path, "kept.md");
            assert!(kept
                .diagnostics
                .iter()
                .any(|d| d.rule == "ru-ir-treaty/article-count"));
        }
        other => panic!("{other:?}"),
    }
}

const SUBJECT: &str = "\
subject:
  id: bridge
  name: Millbrook Harbor Bridge
  parties:
    - [Millbrook]
  aliases: [bridge]
  source: Millbrook City Council, resolution 2023-114
facts:
";

#[test]
fn a_regex_that_looks_catastrophic_runs_in_linear_time() {
    let rules = format!(
        "{SUBJECT}  - id: nested
    claim: Nested repetition, exponential for a backtracking engine.
    forbid: '(x+x+)+y'
  - id: alternation
    claim: Overlapping alternatives.
    forbid: '(a|a)*z'
"
    );
    let draft = format!(
        "Millbrook's bridge opened. {} {}\n",
        "x".repeat(200_000),
        "a".repeat(200_000)
    );
    let dir = folder(&[
        ("rules.yaml", rules.as_bytes()),
        ("d.txt", draft.as_bytes()),
    ]);
    let run = factlint(
        dir.path(),
        &[
            "check",
            "--rules",
            "rules.yaml",
            "--format",
            "short",
            "d.txt",
        ],
    );
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_regex_too_large_to_compile_is_a_rule_error() {
    let rules = format!(
        "{SUBJECT}  - id: huge
    claim: A pattern that compiles to gigabytes.
    forbid: '(?:\\w{{100}}){{100}}'
"
    );
    let dir = folder(&[("rules.yaml", rules.as_bytes()), ("d.md", WRONG.as_bytes())]);
    let run = factlint(dir.path(), &["check", "--rules", "rules.yaml", "d.md"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "error: invalid rule file: the regular expression is too large: compiled, \
             it would take more than 1024 KiB"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rules.yaml:11:13"), "{}", run.stderr);
}

#[test]
fn a_rule_file_of_ten_thousand_facts_loads_and_checks() {
    let mut rules = String::from(SUBJECT);
    for i in 0..10_000 {
        let kind = match i % 4 {
            0 => format!("absent: [forbidden thing {i}]"),
            1 => format!("present: [required thing {i}]"),
            2 => format!("forbid: 'bad{i}\\b'"),
            _ => format!("quantity: {{ value: {i}, unit: meter }}"),
        };
        let _ = write!(
            rules,
            "  - id: fact-{i}\n    claim: Fact number {i}.\n    {kind}\n"
        );
    }
    let draft = "Millbrook's bridge is 7 meters wide. It has forbidden thing 4 and bad6.\n";
    let dir = folder(&[("rules.yaml", rules.as_bytes()), ("d.md", draft.as_bytes())]);
    let run = factlint(
        dir.path(),
        &[
            "check",
            "--rules",
            "rules.yaml",
            "--format",
            "short",
            "d.md",
        ],
    );
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = findings(&run.stdout);
    for rule in ["bridge/fact-4", "bridge/fact-6"] {
        assert!(found.iter().any(|f| f.ends_with(rule)), "{rule}: {found:?}");
    }
}

// Fixes and the files factlint writes (issue 13).

/// Runs `check --fix` on each draft (name, text) in its own folder and
/// returns what each file holds afterwards.
fn after_fix(drafts: &[(&str, &str)]) -> Vec<String> {
    drafts
        .iter()
        .map(|(name, text)| {
            let dir = folder(&[(name, text.as_bytes())]);
            let run = factlint(dir.path(), &["check", "--fix", "--format", "short", name]);
            assert_no_panic(&run);
            fs::read_to_string(dir.path().join(name)).expect("the draft is still there")
        })
        .collect()
}

#[test]
fn a_fix_rewrites_only_the_characters_of_the_value_and_keeps_markup() {
    // finding 1: markup and line breaks inside a date or number stay
    let drafts = [
        (
            "a.md",
            "Russia and Iran signed the treaty on [January 15](https://x.org/a), 2025.\n",
        ),
        (
            "b.html",
            "<p>Russia and Iran signed the treaty on <a>January 15</a>, 2025.</p>\n",
        ),
        (
            "c.md",
            "Russia and Iran signed the treaty on *January* 16, 2025.\n",
        ),
        (
            "d.md",
            "The Russia–Iran treaty has **forty** five articles.\n",
        ),
        (
            "e.html",
            "<p>The Russia–Iran treaty has <b>45</b> articles.</p>\n",
        ),
        ("f.md", "The Russia–Iran treaty has 4<!-- -->5 articles.\n"),
        (
            "g.md",
            "Russia and Iran signed the treaty on January 15,\r\n2025.\n",
        ),
    ];
    assert_eq!(
        after_fix(&drafts),
        [
            "Russia and Iran signed the treaty on [January 17](https://x.org/a), 2025.\n",
            "<p>Russia and Iran signed the treaty on <a>January 17</a>, 2025.</p>\n",
            "Russia and Iran signed the treaty on *January* 17, 2025.\n",
            "The Russia–Iran treaty has **forty** seven articles.\n",
            "<p>The Russia–Iran treaty has <b>47</b> articles.</p>\n",
            "The Russia–Iran treaty has 4<!-- -->7 articles.\n",
            "Russia and Iran signed the treaty on January 17,\r\n2025.\n",
        ]
    );
}

#[test]
fn a_number_broken_by_an_invisible_character_or_a_line_is_not_fixed() {
    // finding 2: the reading is in doubt, so the draft is left as it is
    let drafts = [
        ("a.md", "The Russia–Iran treaty has 4\u{200d}5 articles.\n"),
        ("b.md", "The Russia–Iran treaty has 4\u{200b}5 articles.\n"),
        (
            "c.html",
            "<p>The Russia–Iran treaty runs twenty-<br>five years.</p>\n",
        ),
    ];
    let originals: Vec<String> = drafts.iter().map(|(_, t)| (*t).to_owned()).collect();
    assert_eq!(after_fix(&drafts), originals);
}

#[test]
fn a_fix_keeps_no_break_spaces() {
    // issue 10: `&nbsp;` and a literal U+00A0 between the words stay
    let drafts = [
        (
            "a.md",
            "The Russia–Iran treaty has forty&nbsp;five articles.\n",
        ),
        (
            "b.txt",
            "The Russia–Iran treaty has forty\u{a0}five articles.\n",
        ),
        (
            "c.txt",
            "Russia and Iran signed the treaty on January\u{a0}15, 2025.\n",
        ),
        (
            "d.html",
            "<p>Russia and Iran signed the treaty on 15&nbsp;January 2025.</p>\n",
        ),
    ];
    assert_eq!(
        after_fix(&drafts),
        [
            "The Russia–Iran treaty has forty&nbsp;seven articles.\n",
            "The Russia–Iran treaty has forty\u{a0}seven articles.\n",
            "Russia and Iran signed the treaty on January\u{a0}17, 2025.\n",
            "<p>Russia and Iran signed the treaty on 17&nbsp;January 2025.</p>\n",
        ]
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_fix_leaves_no_temporary_file_and_the_draft_whole() {
    // finding 9: SIGINT while the fixed draft is being written
    let mut draft = String::from(WRONG);
    draft.push('\n');
    let filler = "The weather in the harbour was calm that week.\n";
    while draft.len() < 5_000_000 {
        draft.push_str(filler);
    }
    let dir = folder(&[("big.md", draft.as_bytes())]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir.path())
        .args(["check", "--fix", "--quiet", "big.md"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("factlint starts");
    let temporary = || {
        fs::read_dir(dir.path())
            .map(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".factlint-fix-")
                })
            })
            .unwrap_or(false)
    };
    let mut seen = false;
    while child.try_wait().ok().flatten().is_none() {
        if temporary() {
            seen = true;
            let pid = libc::pid_t::try_from(child.id()).expect("a process id");
            // SAFETY: sends a signal to the child started above.
            unsafe { libc::kill(pid, libc::SIGINT) };
            break;
        }
    }
    let status = child.wait().expect("factlint ends");
    assert!(
        !temporary(),
        "a temporary file was left (status {status:?})"
    );
    let after = fs::read_to_string(dir.path().join("big.md")).expect("the draft is there");
    let fixed = draft.replacen("46 articles", "47 articles", 1);
    assert!(after == draft || after == fixed, "the draft is whole");
    if seen {
        assert!(!status.success() || after == fixed, "{status:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_fix_of_a_hard_linked_draft_is_warned_of() {
    // finding 6
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    fs::hard_link(dir.path().join("d.md"), dir.path().join("e.md")).expect("hard link");
    let run = factlint(dir.path(), &["check", "--fix", "--quiet", "d.md"]);
    assert_no_panic(&run);
    assert!(
        run.stderr.contains(
            "warning: d.md: the file has 2 hard links; the others still hold the old text"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("d.md")).expect("fixed"),
        WRONG.replace("46", "47")
    );
}

#[test]
fn fixes_of_two_subjects_that_disagree_are_reported_and_neither_applied() {
    // finding 8: the draft must not flip between the two on every run
    let subject = |id: &str, metres: u32| {
        format!(
            "subject:\n  id: {id}\n  name: Harbor Bridge {id}\n  names: [Harbor Bridge]\n  aliases: [bridge]\n  source: s\nfacts:\n  - id: length\n    claim: c\n    quantity: {{value: {metres}, unit: meter}}\n    cues: [long]\n"
        )
    };
    let (a, b) = (subject("a", 100), subject("b", 120));
    let draft = "The Harbor Bridge is 90 meters long.\n";
    let dir = folder(&[
        ("a.yaml", a.as_bytes()),
        ("b.yaml", b.as_bytes()),
        ("d.md", draft.as_bytes()),
    ]);
    for _ in 0..2 {
        let run = factlint(
            dir.path(),
            &[
                "check", "--fix", "--rules", "a.yaml", "--rules", "b.yaml", "--quiet", "d.md",
            ],
        );
        assert_no_panic(&run);
        assert!(
            run.stderr.contains(
                "warning: d.md: fixes of different findings disagree at 1:22; neither is applied"
            ),
            "{}",
            run.stderr
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("d.md")).expect("draft"),
            draft
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
    }
}

#[test]
fn a_report_or_baseline_over_an_input_is_refused() {
    // finding 7
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    for flag in ["--output-file", "--write-baseline"] {
        let run = factlint(dir.path(), &["check", flag, "d.md", "d.md"]);
        assert_no_panic(&run);
        assert_eq!(run.code, 2);
        assert_eq!(
            run.stderr,
            format!("error: {flag} d.md is also an input (d.md); refusing to overwrite it\n")
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("d.md")).expect("draft"),
            WRONG
        );
    }
    // through another name of the same file, too
    let run = factlint(dir.path(), &["check", "--output-file", "./d.md", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("d.md")).expect("draft"),
        WRONG
    );
}

#[cfg(unix)]
#[test]
fn a_report_that_cannot_be_written_is_an_error_and_a_closed_pipe_is_not() {
    // finding 16
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    let run = |stdout: Stdio, close: bool, args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
        cmd.current_dir(dir.path()).args(args).stdout(stdout);
        if close {
            // SAFETY: only closes standard output in the child before exec.
            unsafe {
                cmd.pre_exec(|| {
                    libc::close(libc::STDOUT_FILENO);
                    Ok(())
                });
            }
        }
        cmd.output().expect("factlint runs")
    };
    if Path::new("/dev/full").exists() {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = run(Stdio::from(full), false, &["check", "d.md"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: cannot write report: No space left on device\n"
        );
    }
    let out = run(Stdio::inherit(), true, &["check", "d.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write report: standard output is closed\n"
    );
    // A reader that has seen enough closes the pipe: that is no error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir.path())
        .args(["claims", "d.md"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factlint starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("factlint ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_by_name_and_the_rest_checked() {
    // finding 10: a FIFO as a draft or as rules; finding 11: /dev/zero
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let run = factlint(
        dir.path(),
        &["check", "--format", "short", "pipe.md", "d.md"],
    );
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "error: pipe.md: not a regular file (a FIFO); only files and standard input (`-`) are read"
        ),
        "{}",
        run.stderr
    );
    assert!(findings(&run.stdout).contains(&"d.md:1:28 ru-ir-treaty/article-count".to_owned()));
    let run = factlint(dir.path(), &["check", "--rules", "pipe.md", "d.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: pipe.md: cannot read rule file: not a regular file (a FIFO)"),
        "{}",
        run.stderr
    );
    for args in [
        &["check", "/dev/zero", "d.md"][..],
        &["check", "--config", "/dev/zero", "d.md"],
        &["check", "--rules", "/dev/zero", "d.md"],
        &["check", "--baseline", "/dev/zero", "d.md"],
    ] {
        let run = factlint(dir.path(), args);
        assert_no_panic(&run);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("/dev/zero")
                && run.stderr.contains("not a regular file (a device)"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn standard_input_and_files_past_the_limit_are_refused() {
    // finding 11: `- < /dev/zero` and a draft larger than the documented 64 MiB
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    let big = fs::File::create(dir.path().join("big.md")).expect("create");
    big.set_len(65 << 20).expect("a sparse file of 65 MiB");
    let run = factlint(dir.path(), &["check", "big.md", "d.md"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: big.md: larger than 64 MiB, the most factlint reads from a draft"),
        "{}",
        run.stderr
    );
    if let Ok(zeros) = fs::File::open("/dev/zero") {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
            .current_dir(dir.path())
            .args(["check", "-"])
            .stdin(zeros)
            .output()
            .expect("factlint runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr)
            .contains("error: -: larger than 64 MiB, the most factlint reads from a draft"));
    }
}

#[cfg(unix)]
#[test]
fn a_configuration_that_is_a_folder_or_a_broken_link_is_an_error() {
    // finding 17: not taken as absent, with the bundled rules used instead
    type Make = fn(&Path);
    let make: [(&str, Make); 3] = [
        ("a symbolic link to a file that does not exist", |p| {
            std::os::unix::fs::symlink("nowhere.yaml", p).expect("link");
        }),
        ("not a regular file (a folder)", |p| {
            fs::create_dir(p).expect("folder")
        }),
        ("Too many levels of symbolic links", |p| {
            std::os::unix::fs::symlink(".factlint.yaml", p).expect("loop");
        }),
    ];
    for (message, make) in make {
        let dir = folder(&[("d.md", WRONG.as_bytes())]);
        make(&dir.path().join(".factlint.yaml"));
        let run = factlint(dir.path(), &["check", "d.md"]);
        assert_no_panic(&run);
        assert_eq!(run.code, 2, "{message}: {}", run.stderr);
        assert!(
            run.stderr.contains("cannot read configuration file: ") && run.stderr.contains(message),
            "{}",
            run.stderr
        );
    }
    // a dangling link among the rule files of a folder
    let dir = folder(&[("d.md", WRONG.as_bytes())]);
    fs::create_dir(dir.path().join("rules")).expect("folder");
    fs::write(
        dir.path().join("rules/a.yaml"),
        fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/ru-ir-treaty.yaml"
        ))
        .expect("rules"),
    )
    .expect("write");
    std::os::unix::fs::symlink("gone.yaml", dir.path().join("rules/b.yaml")).expect("link");
    let run = factlint(dir.path(), &["check", "--rules", "rules", "d.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "b.yaml: cannot read rule file: a symbolic link to a file that does not exist"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn utf32_is_called_utf32() {
    // finding 18
    let dir = folder(&[
        ("le.txt", b"\xff\xfe\0\0T\0\0\0"),
        ("be.txt", b"\0\0\xfe\xff\0\0\0T"),
    ]);
    let run = factlint(dir.path(), &["check", "le.txt", "be.txt"]);
    assert_eq!(run.code, 2);
    for name in ["le.txt", "be.txt"] {
        assert!(
            run.stderr.contains(&format!(
                "error: {name}: UTF-32 text is not supported; save the file as UTF-8"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn control_characters_of_a_draft_reach_no_terminal() {
    // finding 20: ESC, BEL and a bidi override in the text, a newline and an
    // ESC in the file name
    let name = "new\nline\u{1b}.md";
    let text = format!("{WRONG} \u{1b}]0;owned\u{7} \u{1b}[2J \u{202e}desrever\n");
    let dir = folder(&[(name, text.as_bytes())]);
    for format in ["human", "short"] {
        let run = factlint(
            dir.path(),
            &["check", "--color", "never", "--format", format, name],
        );
        assert_no_panic(&run);
        assert_eq!(run.code, 1, "{}", run.stderr);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !run.stdout.contains(bad),
                "{format}: {bad:?} in {}",
                run.stdout
            );
        }
        assert!(
            run.stdout.contains("new\\u{a}line\\u{1b}.md"),
            "{}",
            run.stdout
        );
    }
    let run = factlint(dir.path(), &["check", "--format", "short", name]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("new\\u{a}line\\u{1b}.md:")),
        "a finding per line: {lines:?}"
    );
    let run = factlint(dir.path(), &["claims", name]);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    // machine formats keep the name as it is
    let run = factlint(dir.path(), &["check", "--format", "json", name]);
    assert!(
        run.stdout.contains("new\\nline\\u001b.md"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_rule_path_through_a_link_loop_says_so() {
    // finding 18: not "does not exist"
    let dir = folder(&[
        ("d.md", WRONG.as_bytes()),
        (".factlint.yaml", b"rules: [loop.yaml]\n"),
    ]);
    std::os::unix::fs::symlink("loop.yaml", dir.path().join("loop.yaml")).expect("loop");
    let run = factlint(dir.path(), &["check", "d.md"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("rule path `loop.yaml` cannot be read: Too many levels of symbolic links"),
        "{}",
        run.stderr
    );
}

// Rule files (issue 13, findings 13, 18 and 21).

const RULE_HEAD: &str = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n";

#[test]
fn aliases_that_would_expand_to_millions_of_values_are_a_rule_error() {
    // finding 13: 5,000 facts each pointing at one 5,000-phrase list would
    // be 25 million phrases once read
    let phrases: Vec<String> = (0..5_000).map(|i| format!("p{i}")).collect();
    let mut rules = format!(
        "{RULE_HEAD}  - id: f0\n    claim: c\n    absent: &p [{}]\n",
        phrases.join(", ")
    );
    for i in 1..5_000 {
        let _ = write!(rules, "  - id: f{i}\n    claim: c\n    absent: *p\n");
    }
    let dir = folder(&[("rules.yaml", rules.as_bytes())]);
    let run = factlint(dir.path(), &["rules", "check", "rules.yaml"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    // the 20th alias (at f20) brings the values repeated past 100,000
    let line = 6 + 3 + 20 * 3;
    assert!(
        run.stdout.contains("repeat more than 100000 values")
            && run.stdout.contains(&format!("--> rules.yaml:{line}:13")),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("error:").count(), 1, "{}", run.stdout);
    // a few aliases are fine
    let few = format!(
        "{RULE_HEAD}  - id: a\n    claim: c\n    absent: &p [one thing, another]\n  - id: b\n    claim: c\n    present: *p\n"
    );
    let dir = folder(&[("rules.yaml", few.as_bytes())]);
    let run = factlint(dir.path(), &["rules", "check", "rules.yaml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_rule_file_that_is_not_utf8_says_where() {
    // finding 18: the byte and the line of the first invalid sequence
    let mut bytes = format!("{RULE_HEAD}  - id: a\n    claim: caf").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xe9\n    date: 2025\n");
    let dir = folder(&[("rules.yaml", &bytes)]);
    let run = factlint(dir.path(), &["rules", "check", "rules.yaml"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains(&format!(
            "not valid UTF-8: invalid byte sequence at byte {offset} (line 8)"
        )),
        "{all}"
    );
    assert!(!all.contains("stream did not contain"), "{all}");
}

#[test]
fn a_rule_error_on_a_long_line_is_shown_in_a_window() {
    // finding 21: a 60 KB line is cut around the error, as a draft's is
    let phrases: Vec<String> = (0..10_000).map(|i| format!("p{i}")).collect();
    let rules = format!(
        "{RULE_HEAD}  - id: a\n    claim: c\n    absent: [{}, {{5: x}}, more]\n",
        phrases.join(", ")
    );
    let dir = folder(&[("rules.yaml", rules.as_bytes())]);
    let run = factlint(dir.path(), &["rules", "check", "rules.yaml"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("`facts[0].absent[10000]` must be text, not a mapping"),
        "{}",
        run.stdout
    );
    let longest = run.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1_000, "a line of {longest} bytes");
    let column = rules.lines().nth(8).and_then(|l| l.find("{5")).unwrap_or(0) + 1;
    assert!(
        run.stdout.contains(&format!("--> rules.yaml:9:{column}")) && run.stdout.contains("9 | …"),
        "{}",
        run.stdout
    );
}
