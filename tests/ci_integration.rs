//! The command line as CI uses it: output formats, report files, summary
//! and exit-code flags, the project configuration and baselines. Each test
//! runs the binary in a project folder of its own.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// One contradiction: the treaty has 47 articles, not 45.
const WRONG: &str =
    "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. The treaty has 45 articles and runs for 20 years. It contains \
no mutual-defense clause.\n";
/// Consistent with every fact.
const RIGHT: &str =
    "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. The treaty has 47 articles and runs for 20 years. It contains \
no mutual-defense clause.\n";
/// Consistent, but leaves the treaty's term unstated: one warning.
const SILENT: &str =
    "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. The treaty has 47 articles. It contains no mutual-defense \
clause.\n";

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn factlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("factlint").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = factlint(dir).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn drafts() -> tempfile::TempDir {
    project(&[("drafts/wrong.md", WRONG), ("drafts/right.md", RIGHT)])
}

#[test]
fn every_format_reports_the_same_finding() {
    let dir = drafts();
    let expect = [
        ("short", "drafts/wrong.md:3:100: error[ru-ir-treaty/article-count]: \"45 articles\" contradicts the source, which says 47 articles\n"),
        ("github", "::error file=drafts/wrong.md,line=3,col=100,endLine=3,endColumn=111,title=ru-ir-treaty/article-count::\"45 articles\" contradicts the source, which says 47 articles%0Ahelp: write \"47 articles\"\n"),
    ];
    for (format, output) in expect {
        let r = run(dir.path(), &["check", "drafts", "--format", format]);
        assert_eq!((r.code, r.stdout.as_str()), (1, output), "{format}");
    }
    let r = run(dir.path(), &["check", "drafts", "--format", "jsonl"]);
    assert_eq!(r.stdout.lines().count(), 1);
    let finding: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(finding["span"]["column"], 100);

    let r = run(dir.path(), &["check", "drafts", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&r.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "drafts/wrong.md"
    );
    // Every bundled fact is described, passing or not.
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        4
    );

    let r = run(dir.path(), &["check", "drafts", "--format", "junit"]);
    assert!(r
        .stdout
        .contains("<testsuites name=\"factlint\" tests=\"8\" failures=\"1\" errors=\"0\">"));

    let r = run(dir.path(), &["check", "drafts", "--format", "checkstyle"]);
    assert!(r.stdout.contains(
        "<file name=\"drafts/wrong.md\">\n    <error line=\"3\" column=\"100\" severity=\"error\""
    ));
    assert!(r.stdout.contains("<file name=\"drafts/right.md\"/>"));

    let r = run(dir.path(), &["check", "drafts", "--format", "rdjson"]);
    let rd: Value = serde_json::from_str(&r.stdout).unwrap();
    // the suggestion rewrites only the digit that differs ("45" → "47")
    assert_eq!(rd["diagnostics"][0]["suggestions"][0]["text"], "7");
    assert_eq!(r.code, 1);
}

#[test]
fn a_report_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = drafts();
    let r = run(
        dir.path(),
        &[
            "check",
            "drafts",
            "--format",
            "sarif",
            "--output-file",
            "factlint.sarif",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "1 error in 1 of 2 files\n")
    );
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("factlint.sarif")).unwrap())
            .unwrap();
    assert_eq!(log["version"], "2.1.0");

    // A human report in a file has no colour and no summary inside it.
    let r = run(
        dir.path(),
        &[
            "check",
            "drafts",
            "--color",
            "always",
            "--output-file",
            "report.txt",
        ],
    );
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(
        report.starts_with("error[ru-ir-treaty/article-count]:"),
        "{report}"
    );
    assert!(!report.contains('\u{1b}') && !report.contains("1 error in"));
    assert_eq!(r.stdout, "1 error in 1 of 2 files\n");
}

#[test]
fn an_unwritable_report_file_is_a_clear_error() {
    let dir = drafts();
    let r = run(
        dir.path(),
        &[
            "check",
            "drafts",
            "--format",
            "json",
            "--output-file",
            "missing/dir/out.json",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: cannot write report to missing/dir/out.json: "),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn quiet_prints_only_findings() {
    let dir = drafts();
    let r = run(dir.path(), &["check", "drafts", "--quiet"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("error[ru-ir-treaty/article-count]"));
    assert!(!r.stdout.contains("in 2 files"));
    let r = run(
        dir.path(),
        &["check", "drafts", "-q", "--output-file", "r.txt"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = project(&[("a.md", WRONG), ("b.md", WRONG), ("c.md", SILENT)]);
    let r = run(dir.path(), &["check", "--statistics"]);
    assert_eq!(
        r.stdout,
        "2  ru-ir-treaty/article-count  contradiction  error\n\
         1  ru-ir-treaty/term           unstated       warning\n\
         2 errors, 1 warning in 3 files\n"
    );
    let r = run(dir.path(), &["check", "--statistics", "--format", "json"]);
    let rows: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[1]["rule"], "ru-ir-treaty/term");
    assert_eq!(r.code, 1);
}

#[test]
fn exit_codes_follow_deny_fail_on_and_exit_zero() {
    let dir = project(&[("a.md", SILENT)]);
    assert_eq!(run(dir.path(), &["check"]).code, 0);
    assert_eq!(run(dir.path(), &["check", "--deny", "warnings"]).code, 1);
    std::fs::write(dir.path().join(".factlint.yaml"), "fail-on: warning\n").unwrap();
    assert_eq!(run(dir.path(), &["check"]).code, 1);
    assert_eq!(run(dir.path(), &["check", "--exit-zero"]).code, 0);
    let wrong = project(&[("a.md", WRONG)]);
    assert_eq!(run(wrong.path(), &["check", "--exit-zero"]).code, 0);
    // A draft that cannot be read still fails, whatever --exit-zero says.
    assert_eq!(
        run(wrong.path(), &["check", "--exit-zero", "missing.md"]).code,
        2
    );
}

#[test]
fn the_configuration_is_found_from_a_subfolder() {
    let dir = project(&[
        (
            ".factlint.yaml",
            "severity:\n  ru-ir-treaty/article-count: warning\n",
        ),
        ("drafts/wrong.md", WRONG),
    ]);
    let r = run(&dir.path().join("drafts"), &["check", "--format", "short"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "wrong.md:3:100: warning[ru-ir-treaty/article-count]: \"45 articles\" contradicts the source, which says 47 articles\n")
    );
}

#[test]
fn a_named_configuration_replaces_the_search() {
    let dir = project(&[
        (".factlint.yaml", "fail-on: info\n"),
        (
            "ci/strict.yaml",
            "severity:\n  ru-ir-treaty/article-count: off\n",
        ),
        ("wrong.md", WRONG),
    ]);
    let r = run(dir.path(), &["check", "--config", "ci/strict.yaml"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "no problems in 1 file\n"));
    let r = run(dir.path(), &["check", "--config", "ci/none.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read configuration file"),
        "{}",
        r.stderr
    );
}

/// Each configuration mistake: exit 2, one diagnostic on the YAML, nothing checked.
#[test]
fn configuration_errors_point_into_the_yaml() {
    let cases = [
        (
            "rules: []\nfail_on: error\n",
            "error: invalid configuration: unknown field `fail_on`, expected one of",
            ".factlint.yaml:2:1",
        ),
        (
            "exclude: ['drafts/[a-']\n",
            "error: invalid configuration: invalid glob `drafts/[a-`: unclosed character class; missing ']'",
            ".factlint.yaml:1:12",
        ),
        (
            "rules:\n  - facts/none.yaml\n",
            "error: invalid configuration: rule path `facts/none.yaml` does not exist",
            ".factlint.yaml:2:5",
        ),
        (
            "include: drafts\n",
            "error: invalid configuration: include: invalid type: string \"drafts\", expected a sequence",
            ".factlint.yaml:1:10",
        ),
        (
            "severity:\n  ru-ir-treaty/artcle-count: off\n",
            "error: invalid configuration: no rule `ru-ir-treaty/artcle-count` in the loaded rules",
            ".factlint.yaml:2:3",
        ),
    ];
    for (config, message, place) in cases {
        let dir = project(&[(".factlint.yaml", config), ("a.md", WRONG)]);
        let r = run(dir.path(), &["check"]);
        assert_eq!(r.code, 2, "{config}");
        assert_eq!(r.stdout, "", "{config}");
        assert!(r.stderr.starts_with(message), "{config}: {}", r.stderr);
        assert!(r.stderr.contains(place), "{config}: {}", r.stderr);
        assert!(
            r.stderr
                .ends_with("error: 1 problem in the configuration; nothing was checked\n"),
            "{}",
            r.stderr
        );
        // `factlint config` reports the same problem the same way.
        let c = run(dir.path(), &["config"]);
        assert_eq!((c.code, c.stderr.as_str()), (2, r.stderr.as_str()));
    }
}

#[test]
fn readers_include_and_exclude() {
    let dir = project(&[
        (
            ".factlint.yaml",
            "include: [drafts]\nexclude: [archive]\nreaders:\n  '*.mdx': markdown\n",
        ),
        ("drafts/new.mdx", WRONG),
        ("drafts/archive/old.md", WRONG),
        ("notes/todo.md", WRONG),
    ]);
    let r = run(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(
        r.stdout,
        "./drafts/new.mdx:3:100: error[ru-ir-treaty/article-count]: \"45 articles\" contradicts the source, which says 47 articles\n"
    );
    // Named files are filtered too, so a hook that passes every changed file
    // respects the project's exclusions.
    let r = run(dir.path(), &["check", "drafts/archive/old.md"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "no files checked\n"));
}

#[test]
fn config_prints_values_and_their_origins() {
    let dir = project(&[(".factlint.yaml", "exclude: [archive]\n")]);
    let r = run(dir.path(), &["config", "--deny", "warnings"]);
    let file = dir.path().join(".factlint.yaml").display().to_string();
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!(
            "# configuration file: {file}\n\
             rules: []  # default, the bundled rules (rules/ru-ir-treaty.yaml)\n\
             include: []  # default\n\
             exclude:  # {file}\n  - \"archive\"\n\
             severity: {{}}  # default\n\
             readers: {{}}  # default\n\
             fail-on: warning  # command line\n"
        )
    );
}

#[test]
fn a_baseline_hides_recorded_findings_but_not_new_ones() {
    let dir = project(&[("drafts/wrong.md", WRONG), ("drafts/right.md", RIGHT)]);
    let r = run(
        dir.path(),
        &["check", "drafts", "--write-baseline", "baseline.json"],
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "recorded 1 finding in baseline.json\n")
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(
        written["findings"],
        serde_json::json!([{"path": "drafts/wrong.md", "rule": "ru-ir-treaty/article-count",
                            "kind": "contradiction", "text": "45 articles", "count": 1}])
    );

    let r = run(
        dir.path(),
        &["check", "drafts", "--baseline", "baseline.json"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "no problems in 2 files\n1 finding in the baseline not shown\n"
        )
    );

    // Lines added above the finding move it; it stays accepted.
    let edited = format!("Editor's note: updated.\n\nMore context.\n\n{WRONG}");
    std::fs::write(dir.path().join("drafts/wrong.md"), &edited).unwrap();
    let r = run(
        dir.path(),
        &["check", "drafts", "--baseline", "baseline.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);

    // A new contradiction in the same file is reported, from another folder too.
    std::fs::write(
        dir.path().join("drafts/wrong.md"),
        format!("{edited}\nThe treaty, valid for 10 years, was signed.\n"),
    )
    .unwrap();
    let r = run(
        &dir.path().join("drafts"),
        &[
            "check",
            ".",
            "--baseline",
            "../baseline.json",
            "--format",
            "short",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "./wrong.md:9:23: error[ru-ir-treaty/term]: \"10 years\" contradicts the source, which says 20 years\n"
    );
}

#[test]
fn baseline_file_problems_are_clear_errors() {
    let dir = project(&[("a.md", WRONG), ("bad.json", "{\"version\": 1}")]);
    let r = run(dir.path(), &["check", "--baseline", "none.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: none.json: cannot read baseline: "),
        "{}",
        r.stderr
    );
    let r = run(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing field `findings`"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &["check", "--write-baseline", "no/such/dir/b.json"],
    );
    assert_eq!(r.code, 2);
    assert!(r
        .stderr
        .starts_with("error: cannot write baseline no/such/dir/b.json: "));
}

#[test]
fn a_rule_turned_off_is_off_in_quotations_too() {
    let quoted = "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. It runs for 20 years and contains no mutual-defense clause. \
\"The treaty has 45 articles,\" an aide said.\n";
    let dir = project(&[("a.md", quoted)]);
    let r = run(dir.path(), &["check", "--format", "short"]);
    assert_eq!(
        r.stdout,
        "a.md:3:161: warning[ru-ir-treaty/article-count]: \"45 articles\" contradicts the source, \
         which says 47 articles (in reported speech)\n"
    );
    std::fs::write(
        dir.path().join(".factlint.yaml"),
        "severity:\n  ru-ir-treaty/article-count: off\n",
    )
    .unwrap();
    let r = run(dir.path(), &["check", "--format", "short"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}
