//! The human output of `factlint check --color never` on the test drafts,
//! as reviewed snapshots: a change to layout, wording or spans shows up as a
//! diff to read. Update with `INSTA_UPDATE=always cargo test --test
//! snapshots` and review every changed `.snap` file before committing it.

use std::path::Path;

/// Stdout of a check run from tests/drafts, after checking its exit code.
fn human(args: &[&str], code: i32) -> String {
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts"))
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .expect("factlint runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(output.status.code(), Some(code), "{stdout}");
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    stdout
}

#[test]
fn markdown_contradiction_inside_emphasis() {
    insta::assert_snapshot!(human(&["numbers.md"], 1));
}

#[test]
fn html_contradiction_inside_a_tag() {
    insta::assert_snapshot!(human(&["explainer.html"], 1));
}

#[test]
fn text_contradictions_one_across_a_line_break() {
    insta::assert_snapshot!(human(&["bulletin.txt"], 1));
}

#[test]
fn unstated_facts_at_the_first_mention() {
    insta::assert_snapshot!(human(&["unstated.md"], 0));
}

#[test]
fn reported_speech_is_a_warning_with_a_note() {
    insta::assert_snapshot!(human(&["reported.md"], 0));
}

#[test]
fn several_files_with_a_summary() {
    insta::assert_snapshot!(human(
        &["consistent.md", "off-topic.md", "numbers.md", "unstated.md"],
        1
    ));
}

/// Stderr of `check --explain` on a draft given on standard input.
fn explained(draft: &str) -> String {
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts"))
        .args([
            "check",
            "--color",
            "never",
            "--format",
            "short",
            "--explain",
            "-",
        ])
        .write_stdin(draft)
        .output()
        .expect("factlint runs");
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn explain_shows_clauses_ties_events_and_polarity() {
    let draft = "Russia and Iran put their names to the partnership treaty on 17 January \
        2025, although talks had begun in 2022.\n\
        The pact runs for 25 years; it does not set up a mutual defence pact.\n\
        Unlike the earlier accord, which lasted ten years, the treaty has 47 articles.\n";
    insta::assert_snapshot!(explained(draft));
}
