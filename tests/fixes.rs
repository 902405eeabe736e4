//! `factlint check --fix` and `--diff`: fixes written in the draft's own
//! bytes (line endings, byte order mark, markup, permissions kept), shown as
//! a diff without writing, and never applied to reported speech.

use std::fs;
use std::path::Path;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn factlint(dir: &Path, args: &[&str]) -> Run {
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("factlint runs");
    Run {
        code: output.status.code().expect("exited"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

fn rules(findings: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(findings).expect("JSON");
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule").to_owned())
        .collect()
}

const CRLF_BOM: &str =
    "\u{feff}Russia and Iran signed a 25-year treaty with forty-two articles\r\n\
in Moscow on 15 January 2025.\r\n\
\r\n\
\"It is a 30-year pact,\" a spokesman said of the Russia\u{2013}Iran deal.\r\n\
The pact includes a mutual defence clause.\r\n";

const CRLF_BOM_FIXED: &str =
    "\u{feff}Russia and Iran signed a 20-year treaty with forty-seven articles\r\n\
in Moscow on 17 January 2025.\r\n\
\r\n\
\"It is a 30-year pact,\" a spokesman said of the Russia\u{2013}Iran deal.\r\n\
The pact includes a mutual defence clause.\r\n";

#[test]
fn fix_round_trip_keeps_crlf_and_bom_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("draft.txt"), CRLF_BOM).unwrap();
    let run = factlint(
        dir.path(),
        &["check", "--fix", "--format", "json", "draft.txt"],
    );
    let after = fs::read(dir.path().join("draft.txt")).unwrap();
    assert_eq!(String::from_utf8(after).unwrap(), CRLF_BOM_FIXED);
    assert_eq!(run.stderr, "fixed 3 findings in draft.txt\n");
    // What remains: the quote (not rewritten: it would misquote) and the
    // mutual-defence claim, which has no automatic fix.
    assert_eq!(
        rules(&run.stdout),
        ["ru-ir-treaty/term", "ru-ir-treaty/no-mutual-defense"]
    );
    assert_eq!(run.code, 1, "the remaining error fails the run");
    // A second run finds nothing more to fix and changes nothing.
    let again = factlint(
        dir.path(),
        &["check", "--fix", "--format", "json", "draft.txt"],
    );
    assert_eq!(again.stderr, "");
    assert_eq!(rules(&again.stdout), rules(&run.stdout));
    assert_eq!(
        fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        CRLF_BOM_FIXED
    );
}

#[test]
fn diff_prints_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("draft.txt"), CRLF_BOM).unwrap();
    fs::write(
        dir.path().join("fine.md"),
        "The Russia–Iran treaty has 47 articles.\n",
    )
    .unwrap();
    let run = factlint(dir.path(), &["check", "--diff", "draft.txt", "fine.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        CRLF_BOM
    );
    let expected = format!(
        "--- a/draft.txt\n+++ b/draft.txt\n@@ -1,5 +1,5 @@\n-{}\n-{}\n+{}\n+{}\n {}\n {}\n {}\n",
        "\u{feff}Russia and Iran signed a 25-year treaty with forty-two articles\r",
        "in Moscow on 15 January 2025.\r",
        "\u{feff}Russia and Iran signed a 20-year treaty with forty-seven articles\r",
        "in Moscow on 17 January 2025.\r",
        "\r",
        "\"It is a 30-year pact,\" a spokesman said of the Russia\u{2013}Iran deal.\r",
        "The pact includes a mutual defence clause.\r",
    );
    assert_eq!(run.stdout, expected);
    let clean = factlint(dir.path(), &["check", "--diff", "fine.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));
}

#[test]
fn markup_is_fixed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<p>The <b>45</b>-article pact between Russia and Iran was signed on <i>January 16</i>.</p>\n";
    let md = "# Russia and Iran\n\nThe **forty-two**-article treaty runs for *25* years.\n";
    fs::write(dir.path().join("a.html"), html).unwrap();
    fs::write(dir.path().join("b.md"), md).unwrap();
    let run = factlint(dir.path(), &["check", "--fix", "a.html", "b.md"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.html")).unwrap(),
        "<p>The <b>47</b>-article pact between Russia and Iran was signed on <i>January 17</i>.</p>\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "# Russia and Iran\n\nThe **forty-seven**-article treaty runs for *20* years.\n"
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let md = "Russia and Iran signed a treaty.\n\n<!-- factlint-disable-next-line ru-ir-treaty/term -->\nIt is a 25-year pact with 45 articles.\n";
    fs::write(dir.path().join("d.md"), md).unwrap();
    factlint(dir.path(), &["check", "--fix", "d.md"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("d.md")).unwrap(),
        md.replace("45 articles", "47 articles")
    );
}

#[test]
fn fix_and_diff_do_not_go_together_and_stdin_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let run = factlint(dir.path(), &["check", "--fix", "--diff", "x.md"]);
    assert_eq!(run.code, 2);
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("Russia and Iran signed a 25-year treaty.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("use --diff"), "{stderr}");
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(dir.path())
        .args(["check", "--diff", "-", "--stdin-filename", "in.txt"])
        .write_stdin("Russia and Iran signed a 25-year treaty.")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "--- a/in.txt\n+++ b/in.txt\n@@ -1 +1 @@\n-Russia and Iran signed a 25-year treaty.\n\\ No newline at end of file\n+Russia and Iran signed a 20-year treaty.\n\\ No newline at end of file\n"
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.txt");
    fs::write(&path, "Russia and Iran signed a 25-year treaty.\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    factlint(dir.path(), &["check", "--fix", "d.txt"]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Russia and Iran signed a 20-year treaty.\n"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o604
    );
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.md");
    let original = "Russia and Iran signed a 25-year treaty.\n";
    fs::write(&path, original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let run = factlint(dir.path(), &["check", "--fix", "locked.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("locked.md: not fixed: the file is read-only; left as it is"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}
