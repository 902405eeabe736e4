//! Suppression comments in drafts, through `factlint check`: in Markdown,
//! HTML and plain text, for one line, a region or the file, by rule or by
//! subject, and the warnings for those that suppress nothing.

use std::fs;
use std::path::Path;

use serde_json::Value;

/// (rule, line) of each finding of `factlint check --format json` on files
/// written to a temporary folder, and the exit code.
fn check(files: &[(&str, &str)], extra: &[&str]) -> (Vec<(String, usize)>, i32) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    run(dir.path(), &names, extra)
}

fn run(dir: &Path, names: &[&str], extra: &[&str]) -> (Vec<(String, usize)>, i32) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(dir)
        .arg("check")
        .args(["--format", "json"])
        .args(extra)
        .args(names)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let found = value
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["span"]["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    (found, output.status.code().unwrap())
}

fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect()
}

const DRAFT: &str = "\
# Russia and Iran sign a partnership treaty

Moscow and Tehran signed the 25-year treaty, which has 45 articles.

It includes a mutual defence clause.
";

#[test]
fn without_comments_everything_is_found() {
    let (found, code) = check(&[("d.md", DRAFT)], &[]);
    assert_eq!(
        found,
        pairs(&[
            ("ru-ir-treaty/signing-date", 1),
            ("ru-ir-treaty/term", 3),
            ("ru-ir-treaty/article-count", 3),
            ("ru-ir-treaty/no-mutual-defense", 5),
        ])
    );
    assert_eq!(code, 1);
}

#[test]
fn markdown_next_line_region_and_file() {
    let draft = DRAFT.replace(
        "Moscow and",
        "<!-- factlint-disable-next-line ru-ir-treaty/term, ru-ir-treaty/article-count -->\nMoscow and",
    );
    let (found, _) = check(&[("d.md", &draft)], &[]);
    assert_eq!(
        found,
        pairs(&[
            ("ru-ir-treaty/signing-date", 1),
            ("ru-ir-treaty/no-mutual-defense", 6)
        ])
    );
    let draft = format!(
        "<!-- factlint-disable ru-ir-treaty -->\n{}<!-- factlint-enable -->\n\nThe pact has 46 articles.\n",
        DRAFT
    );
    let (found, _) = check(&[("d.md", &draft)], &[]);
    assert_eq!(found, pairs(&[("ru-ir-treaty/article-count", 9)]));
    let draft = format!("{DRAFT}\n<!-- factlint-disable-file -->\n");
    let (found, code) = check(&[("d.md", &draft)], &[]);
    assert_eq!((found, code), (Vec::new(), 0));
}

#[test]
fn an_unstated_finding_is_suppressed_at_its_anchor_or_by_the_file() {
    let at_anchor =
        format!("<!-- factlint-disable-next-line ru-ir-treaty/signing-date -->\n{DRAFT}");
    let by_file = format!("{DRAFT}<!-- factlint-disable-file ru-ir-treaty/signing-date -->\n");
    let elsewhere = DRAFT.replace(
        "It includes",
        "<!-- factlint-disable-next-line ru-ir-treaty/signing-date -->\nIt includes",
    );
    for (draft, suppressed) in [(at_anchor, true), (by_file, true), (elsewhere, false)] {
        let (found, _) = check(&[("d.md", &draft)], &[]);
        let has = found.iter().any(|(r, _)| r == "ru-ir-treaty/signing-date");
        assert_eq!(has, !suppressed, "{draft}");
    }
}

#[test]
fn comments_in_code_blocks_are_text_not_directives() {
    let draft = format!("{DRAFT}\n```html\n<!-- factlint-disable-file -->\n```\n");
    let (found, _) = check(&[("d.md", &draft)], &[]);
    assert_eq!(found.len(), 4);
}

#[test]
fn html_and_plain_text() {
    let html = "<h1>Russia and Iran sign a partnership treaty</h1>\n\
<!-- factlint-disable-next-line ru-ir-treaty/term -->\n\
<p>The 25-year treaty has 45 articles.</p>\n\
<script>let x = '<!-- factlint-disable-file -->';</script>\n";
    let (found, _) = check(&[("d.html", html)], &[]);
    assert_eq!(
        found,
        pairs(&[
            ("ru-ir-treaty/no-mutual-defense", 1),
            ("ru-ir-treaty/signing-date", 1),
            ("ru-ir-treaty/article-count", 3)
        ])
    );
    let text = "Russia and Iran signed a partnership treaty.\n\n\
factlint-disable-next-line ru-ir-treaty/term\n\
The 25-year treaty has 45 articles.\n\
factlint-disable-file ru-ir-treaty/signing-date ru-ir-treaty/no-mutual-defense\n";
    let (found, _) = check(&[("d.txt", text)], &[]);
    assert_eq!(found, pairs(&[("ru-ir-treaty/article-count", 4)]));
}

#[test]
fn unused_suppressions_are_warnings_when_asked_for() {
    let draft = format!(
        "{DRAFT}\n<!-- factlint-disable-next-line ru-ir-treaty/term -->\nNothing to see.\n<!-- factlint-disable-file ru-ir-treaty/no-mutual-defense -->\n"
    );
    let (found, _) = check(&[("d.md", &draft)], &[]);
    assert!(!found
        .iter()
        .any(|(r, _)| r == "factlint/unused-suppression"));
    assert!(!found
        .iter()
        .any(|(r, _)| r == "ru-ir-treaty/no-mutual-defense"));
    let (found, _) = check(&[("d.md", &draft)], &["--report-unused-suppressions"]);
    let unused: Vec<usize> = found
        .iter()
        .filter(|(r, _)| r == "factlint/unused-suppression")
        .map(|(_, l)| *l)
        .collect();
    assert_eq!(unused, [7]);
    let clean = "The Russia–Iran treaty, signed on 17 January 2025, runs for 20 years and has 47 articles; it has no mutual defence clause.\n<!-- factlint-disable-next-line -->\n";
    let (found, code) = check(&[("c.md", clean)], &["--report-unused-suppressions"]);
    assert_eq!(found, pairs(&[("factlint/unused-suppression", 2)]));
    assert_eq!(code, 0, "a warning does not fail the run");
    let (_, code) = check(
        &[("c.md", clean)],
        &["--report-unused-suppressions", "--deny", "warnings"],
    );
    assert_eq!(code, 1);
}
