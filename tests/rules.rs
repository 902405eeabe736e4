//! `factlint rules check`, `factlint rules list` and `factlint test`: rule
//! files validated, listed and tested on their own, without drafts.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// factlint with `args`, run in `dir`, without colour.
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

fn temp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write");
    }
    dir
}

const GOOD: &str = "\
subject:
  id: harbor-bridge
  name: Harbor Bridge
  names: [Harbor Bridge]
  source: council resolution
facts:
  - id: lanes
    claim: The bridge has four lanes.
    quantity: { value: 4, unit: lane }
    examples:
      - states: The Harbor Bridge has four lanes.
      - contradicts: The Harbor Bridge has six lanes.
        flags: six lanes
";

#[test]
fn the_repository_rules_and_the_bridge_example_pass_their_tests() {
    let run = factlint(
        &root(),
        &["test", "--color", "never", "rules/", "examples/bridge/"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(", 0 failures"), "{}", run.stdout);
    let count: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(count >= 50, "only {count} examples");
}

#[test]
fn the_bundled_rules_are_tested_by_default() {
    let dir = temp_with(&[]);
    let run = factlint(dir.path(), &["test", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let from_files = factlint(
        &root(),
        &["test", "--color", "never", "rules/ru-ir-treaty.yaml"],
    );
    assert_eq!(run.stdout, from_files.stdout);
}

#[test]
fn a_failing_example_is_shown_on_the_rule_file() {
    let yaml = GOOD.replace(
        "      - states: The Harbor Bridge has four lanes.\n",
        "      - states: The Harbor Bridge has four lanes.\n      - states: The Harbor Bridge has two lanes.\n",
    );
    let dir = temp_with(&[("rules/bridge.yaml", &yaml)]);
    let run = factlint(dir.path(), &["test", "--color", "never", "rules"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let expected = "\
error[harbor-bridge/lanes]: the example should state the fact, but the checker flags \"two lanes\" as contradicting it
  --> rules/bridge.yaml:12:17
   |
12 |       - states: The Harbor Bridge has two lanes.
   |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ expected: states
   |
   = the checker read:
     \"two lanes\" → contradicts: the source says four lanes

3 examples, 1 failure
";
    assert_eq!(run.stdout, expected);
}

#[test]
fn test_refuses_a_broken_rule_file() {
    let dir = temp_with(&[("r.yaml", &GOOD.replace("flags:", "flag:"))]);
    let run = factlint(dir.path(), &["test", "--color", "never", "r.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `flags`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_check_passes_good_files_with_a_summary() {
    let run = factlint(&root(), &["rules", "check", "rules/", "examples/bridge/"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("2 rule files, 2 subjects, 8 facts, "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(" examples: no problems\n"),
        "{}",
        run.stdout
    );
    let bundled = factlint(&root(), &["rules", "check"]);
    assert_eq!(bundled.code, 0);
    assert!(bundled
        .stdout
        .starts_with("1 rule file, 1 subject, 4 facts"));
}

/// (line:col, message) of every problem `rules check` shows.
fn problems(stdout: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stdout.lines().collect();
    lines
        .windows(2)
        .filter_map(|w| {
            let (level, message) = w[0].split_once(": ")?;
            if !matches!(level, "error" | "warning") {
                return None;
            }
            let at = w[1].trim_start().strip_prefix("--> ")?;
            let at = at.split_once(':')?.1;
            Some((at.to_owned(), format!("{level}: {message}")))
        })
        .collect()
}

#[test]
fn rules_check_shows_every_problem_with_line_and_column() {
    let yaml = "\
subject:
  id: city-budget
  name: City Budget
  names: [City Budget]
  source: the budget
facts:
  - id: total
    claim: The budget totals $250 million.
    quantity: { value: 250000000, unit: dollar }
    cues: [total]
  - id: total
    claim: The budget was approved on 31 June.
    date: 2025-06-31
  - id: halls
    claim: It pays for 3 halls.
    quantity: { value: 3, unit: 'town hall' }
  - id: naming
    claim: It is the City Budget.
    forbid: 'city (budget'
";
    let dir = temp_with(&[("budget.yaml", yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "budget.yaml"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let found = problems(&run.stdout);
    let messages: Vec<(&str, String)> = found
        .iter()
        .map(|(a, m)| {
            (
                a.as_str(),
                m.split(':').take(2).collect::<Vec<_>>().join(":"),
            )
        })
        .collect();
    let messages: Vec<(&str, &str)> = messages.iter().map(|(a, m)| (*a, m.as_str())).collect();
    assert_eq!(
        messages,
        [
            (
                "11:9",
                "error: fact id `city-budget/total` is defined twice"
            ),
            ("13:11", "error: `2025-06-31` is not a date"),
            (
                "16:33",
                "error: the quantity reader does not know the unit `town hall`"
            ),
            ("19:13", "error: the regular expression does not compile"),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("\n4 errors in 1 rule file\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn rules_check_suggests_keys_and_reports_shapes() {
    let yaml = "\
subject:
  id: x
  name: X
  alias: [deal]
  source: s
facts:
  - id: a
    claim: c
    date: 2025
    sevrity: { unstated: of }
    examples:
      - state: X was founded in 2025.
";
    let dir = temp_with(&[("x.yaml", yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "x.yaml"],
    );
    assert_eq!(run.code, 2);
    let found = problems(&run.stdout);
    let at: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(at, ["4:3", "10:5", "12:9"], "{}", run.stdout);
    for help in [
        "= help: did you mean `aliases`?",
        "= help: did you mean `severity`?",
        "= help: did you mean `states`?",
    ] {
        assert!(run.stdout.contains(help), "{help} in {}", run.stdout);
    }
}

#[test]
fn rules_check_warnings_do_not_fail() {
    let yaml = GOOD.replace("unit: lane", "unit: hour");
    let yaml = yaml
        .replace("four lanes", "four hours")
        .replace("six lanes", "six hours");
    let dir = temp_with(&[("x.yaml", &yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "x.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("warning: the quantity reader does not convert `hour`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with(": 1 warning\n"), "{}", run.stdout);
    // `check --rules` loads it, and says so too.
    fs::write(
        dir.path().join("d.txt"),
        "The Harbor Bridge took six hours to open.",
    )
    .unwrap();
    let check = factlint(dir.path(), &["check", "--rules", "x.yaml", "d.txt"]);
    assert!(
        check.stderr.contains("does not convert `hour`"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_subject_that_never_matches_is_an_error_for_check_too() {
    let yaml = GOOD.replace("  names: [Harbor Bridge]\n", "  aliases: [bridge]\n");
    let dir = temp_with(&[("x.yaml", &yaml), ("d.txt", "The bridge has six lanes.")]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "x.yaml"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("matches nothing"), "{}", run.stdout);
    let check = factlint(
        dir.path(),
        &["check", "--color", "never", "--rules", "x.yaml", "d.txt"],
    );
    assert_eq!(check.code, 2);
    assert!(
        check
            .stderr
            .contains("invalid rule file: the subject has no `names` and no `parties`"),
        "{}",
        check.stderr
    );
}

#[test]
fn rules_list_in_both_formats() {
    let run = factlint(
        &root(),
        &[
            "rules",
            "list",
            "rules/",
            "examples/bridge/harbor-bridge.yaml",
        ],
    );
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{}", run.stdout);
    let words: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        words,
        [
            "ru-ir-treaty/article-count",
            "quantity",
            "rules/ru-ir-treaty.yaml:32",
            "The",
            "treaty",
            "has",
            "47",
            "articles."
        ]
    );
    assert!(lines[4].starts_with("harbor-bridge/cost "), "{}", lines[4]);
    assert_eq!(lines[8], "8 rules in 2 subjects");

    let run = factlint(&root(), &["rules", "list", "--format", "json"]);
    let rules: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let first = &rules[0];
    assert_eq!(first["rule"], "ru-ir-treaty/article-count");
    assert_eq!(first["subject"], "ru-ir-treaty");
    assert_eq!(first["kind"], "quantity");
    assert_eq!(first["path"], "rules/ru-ir-treaty.yaml");
    assert_eq!(first["line"], 32);
    assert_eq!(first["contradiction"], "error");
    assert_eq!(first["unstated"], "warning");
    assert!(first["examples"].as_u64().unwrap() > 3);
    assert_eq!(rules.as_array().map(Vec::len), Some(4));
    // The bundled file is the repository's, line for line.
    let text = fs::read_to_string(root().join("rules/ru-ir-treaty.yaml")).unwrap();
    for rule in rules.as_array().unwrap() {
        let line = rule["line"].as_u64().unwrap() as usize;
        let id = rule["rule"].as_str().unwrap().split('/').nth(1).unwrap();
        assert_eq!(
            text.lines().nth(line - 1),
            Some(format!("  - id: {id}").as_str())
        );
    }
}

#[test]
fn explain_a_rule_a_subject_and_a_wrong_id() {
    let run = factlint(&root(), &["explain", "ru-ir-treaty/article-count"]);
    assert_eq!(run.code, 0);
    for part in [
        "ru-ir-treaty/article-count (quantity fact)\ndefined at rules/ru-ir-treaty.yaml:32\n",
        "Claim:   The treaty has 47 articles.\n",
        "Source:  Treaty on Comprehensive Strategic Partnership between the Russian Federation",
        "47 articles (or counted as point)",
        "\"Article 47\" says nothing about how many articles there are",
        "What contradicts it\n",
        "Severities\n  contradiction: error\n",
        "Examples (run by `factlint test`)\n",
        "flags \"45-article\"",
    ] {
        assert!(run.stdout.contains(part), "{part} not in\n{}", run.stdout);
    }
    let bridge = factlint(
        &root(),
        &[
            "explain",
            "--rules",
            "examples/bridge/harbor-bridge.yaml",
            "harbor-bridge/no-toll",
        ],
    );
    assert!(bridge.stdout.contains("(absent fact)"), "{}", bridge.stdout);
    assert!(
        bridge
            .stdout
            .contains("Phrases: toll; road charge; crossing fee"),
        "{}",
        bridge.stdout
    );
    assert!(bridge.stdout.contains("unstated: off"), "{}", bridge.stdout);
    let subject = factlint(&root(), &["explain", "ru-ir-treaty"]);
    assert_eq!(subject.stdout.matches(" fact)\ndefined at ").count(), 4);
    let wrong = factlint(&root(), &["explain", "term"]);
    assert_eq!(wrong.code, 2);
    assert_eq!(
        wrong.stderr,
        "error: no rule `term`; did you mean `ru-ir-treaty/term`?\n"
    );
}

#[test]
fn init_writes_a_config_and_a_starter_that_passes_its_own_checks() {
    let dir = temp_with(&[]);
    let run = factlint(dir.path(), &["init", "--subject", "city-budget"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("wrote .factlint.yaml\nwrote rules/city-budget.yaml\n"),
        "{}",
        run.stdout
    );
    let config = fs::read_to_string(dir.path().join(".factlint.yaml")).unwrap();
    assert!(config.contains("rules:\n  - rules/\n"), "{config}");
    let rule_file = fs::read_to_string(dir.path().join("rules/city-budget.yaml")).unwrap();
    assert!(rule_file.contains("  name: City Budget\n"));
    let check = factlint(dir.path(), &["rules", "check", "rules/city-budget.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    // The starter's `source: TODO …` is flagged until it is written.
    assert!(
        check
            .stdout
            .starts_with("warning: the subject's `source` is a placeholder"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.ends_with(": 1 warning\n"), "{}", check.stdout);
    let test = factlint(dir.path(), &["test", "rules/"]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    assert!(
        test.stdout.ends_with(" examples, 0 failures\n"),
        "{}",
        test.stdout
    );

    // Nothing is overwritten.
    fs::write(dir.path().join(".factlint.yaml"), "rules: [mine/]\n").unwrap();
    let again = factlint(
        dir.path(),
        &[
            "init",
            "--subject",
            "city-budget",
            "--name",
            "Millbrook budget",
        ],
    );
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("left .factlint.yaml as it is"),
        "{}",
        again.stdout
    );
    assert!(
        again
            .stdout
            .contains("left rules/city-budget.yaml as it is"),
        "{}",
        again.stdout
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".factlint.yaml")).unwrap(),
        "rules: [mine/]\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("rules/city-budget.yaml")).unwrap(),
        rule_file
    );

    let other = factlint(
        dir.path(),
        &[
            "init",
            "--subject",
            "stadium",
            "--name",
            "Millbrook  Stadium",
        ],
    );
    assert_eq!(other.code, 0);
    let stadium = fs::read_to_string(dir.path().join("rules/stadium.yaml")).unwrap();
    assert!(stadium.contains("  name: Millbrook Stadium\n"));
    let test = factlint(dir.path(), &["test", "rules/"]);
    assert_eq!(test.code, 0, "{}", test.stdout);

    let bad = factlint(dir.path(), &["init", "--subject", "City Budget"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("is not a subject id"), "{}", bad.stderr);
}

/// A project whose `.factlint.yaml` names its own rule file, GOOD.
fn configured_project() -> tempfile::TempDir {
    temp_with(&[
        (".factlint.yaml", "rules: [facts/]\n"),
        ("facts/bridge.yaml", GOOD),
        ("drafts/notes/.keep", ""),
    ])
}

#[test]
fn every_command_uses_the_rules_of_the_configuration() {
    let dir = configured_project();
    // From the project's folder and from a folder below it.
    for at in [dir.path().to_owned(), dir.path().join("drafts/notes")] {
        let test = factlint(&at, &["test", "--color", "never"]);
        assert_eq!(test.code, 0, "{}{}", test.stdout, test.stderr);
        assert_eq!(test.stdout, "2 examples, 0 failures\n");

        let check = factlint(&at, &["rules", "check", "--color", "never"]);
        assert_eq!(check.code, 0, "{}", check.stdout);
        assert_eq!(
            check.stdout,
            "1 rule file, 1 subject, 1 fact, 2 examples: no problems\n"
        );

        let list = factlint(&at, &["rules", "list", "--format", "json"]);
        assert_eq!(list.code, 0, "{}", list.stderr);
        let rules: Value = serde_json::from_str(&list.stdout).expect("JSON");
        let ids: Vec<&str> = rules
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|r| r["rule"].as_str())
            .collect();
        assert_eq!(ids, ["harbor-bridge/lanes"]);

        let explain = factlint(&at, &["explain", "harbor-bridge/lanes"]);
        assert_eq!(explain.code, 0, "{}", explain.stderr);

        let config = factlint(&at, &["config"]);
        assert!(
            config.stdout.contains("rules:  # ") && config.stdout.contains("facts/\"\n"),
            "{}",
            config.stdout
        );
    }
    // Rules named on the command line still win.
    let bundled = factlint(
        dir.path(),
        &["rules", "list", &root().join("rules").display().to_string()],
    );
    assert!(
        bundled.stdout.contains("ru-ir-treaty/article-count"),
        "{}",
        bundled.stdout
    );
    assert!(
        !bundled.stdout.contains("harbor-bridge"),
        "{}",
        bundled.stdout
    );
    // --config names another configuration: here one with no rules, so the
    // bundled ones.
    fs::write(dir.path().join("plain.yaml"), "fail-on: warning\n").unwrap();
    let other = factlint(
        dir.path(),
        &[
            "rules",
            "check",
            "--config",
            "plain.yaml",
            "--color",
            "never",
        ],
    );
    assert!(
        other.stdout.starts_with("1 rule file, 1 subject, 4 facts"),
        "{}",
        other.stdout
    );
}

#[test]
fn a_broken_configuration_stops_every_command_alike() {
    let dir = temp_with(&[(".factlint.yaml", "rules: [missing/]\n")]);
    for args in [
        &["test", "--color", "never"][..],
        &["rules", "check", "--color", "never"],
        &["rules", "list"],
        &["explain", "ru-ir-treaty/term"],
        &["check", "--color", "never"],
    ] {
        let run = factlint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("error: invalid configuration: rule path `missing/` does not exist"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn init_without_a_subject_leaves_a_project_that_checks() {
    let dir = temp_with(&[("draft.md", "The Russia–Iran treaty has 46 articles.\n")]);
    let init = factlint(dir.path(), &["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(init.stdout, "wrote .factlint.yaml\n");
    assert!(!dir.path().join("rules").exists());
    // The bundled rules apply, so the draft's contradiction is found.
    let check = factlint(
        dir.path(),
        &["check", "--format", "short", "--color", "never"],
    );
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .contains("draft.md:1:28: error[ru-ir-treaty/article-count]"),
        "{}",
        check.stdout
    );
    let test = factlint(dir.path(), &["test", "--color", "never"]);
    assert_eq!(test.code, 0, "{}", test.stdout);

    // A subject added later says how to use it, as the configuration is
    // left as it is.
    let subject = factlint(dir.path(), &["init", "--subject", "city-budget"]);
    assert_eq!(subject.code, 0, "{}", subject.stderr);
    assert!(
        subject
            .stdout
            .contains("note: .factlint.yaml has no `rules`, so `factlint check` uses the bundled rules; add `rules: [rules/]`"),
        "{}",
        subject.stdout
    );
}

#[test]
fn init_with_a_subject_leaves_a_project_that_checks() {
    let dir = temp_with(&[("draft.md", "The City Budget totals $300 million.\n")]);
    let init = factlint(dir.path(), &["init", "--subject", "city-budget"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(!init.stdout.contains("note:"), "{}", init.stdout);
    let check = factlint(
        dir.path(),
        &["check", "--format", "short", "--color", "never"],
    );
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("error[city-budget/total]"),
        "{}",
        check.stdout
    );
}

#[test]
fn an_unknown_key_hides_no_other_problem() {
    let yaml = "\
subject:
  id: city-budget
  name: City Budget
  names: [City Budget]
  source: the budget
  colour: blue
facts:
  - id: total
    claim: The budget totals $250 million.
    quantity: { value: 250000000, unit: dollar }
    cues: [total]
  - id: total
    claim: The budget was approved on 31 June.
    date: 2025-06-31
  - id: naming
    claim: Nobody calls it the city plan.
    forbid: 'city (?!budget)'
  - id: typo
    claim: It was debated for 2025 hours.
    quantiy: { value: 2025, unit: hour }
";
    let dir = temp_with(&[("budget.yaml", yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "budget.yaml"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let found = problems(&run.stdout);
    let at: Vec<(&str, &str)> = found
        .iter()
        .map(|(a, m)| (a.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            ("6:3", "error: `subject` has an unknown key `colour`"),
            ("20:5", "error: `facts[3]` has an unknown key `quantiy`"),
            (
                "12:9",
                "error: fact id `city-budget/total` is defined twice"
            ),
            ("14:11", "error: `2025-06-31` is not a date"),
            (
                "17:13",
                "error: the regular expression uses look-around (`(?=`, `(?!`, `(?<=` or `(?<!`), \
                 which is not supported: patterns run in linear time"
            ),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("= help: did you mean `quantity`?"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("error: error"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("\n5 errors in 1 rule file\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_value_of_the_wrong_type_hides_no_other_problem() {
    let yaml = "\
subject:
  id: city-budget
  name: City Budget
  names: [City Budget]
  source: the budget
facts:
  - id: total
    claim: The budget totals $250 million.
    quantity: { value: 'lots', unit: dollar }
  - id: approved
    claim: The budget was approved in 2025.
    date: 2025-13
";
    let dir = temp_with(&[("budget.yaml", yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "budget.yaml"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let at: Vec<String> = problems(&run.stdout).into_iter().map(|(a, _)| a).collect();
    assert_eq!(at, ["9:24", "12:11"], "{}", run.stdout);
    assert!(
        run.stdout.contains("`2025-13` is not a date"),
        "{}",
        run.stdout
    );
}

/// The errors of `rules check` on a rule file, as `line:col message`.
fn check_errors(yaml: &str) -> Vec<String> {
    let dir = temp_with(&[("r.yaml", yaml)]);
    let run = factlint(dir.path(), &["rules", "check", "r.yaml"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let mut out = Vec::new();
    let mut message = None;
    for line in run.stdout.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_owned());
        } else if let (Some(place), Some(m)) = (line.trim().strip_prefix("--> r.yaml:"), &message) {
            out.push(format!("{place} {m}"));
            message = None;
        }
    }
    out
}

const HEAD: &str = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n";

#[test]
fn a_number_out_of_range_says_so() {
    // finding 18: not "invalid type: string"
    let found = check_errors(&format!(
        "{HEAD}  - id: a\n    claim: c\n    quantity: {{value: 1e400, unit: article}}\n"
    ));
    assert_eq!(
        found,
        ["9:23 `facts[0].quantity.value` is out of range: 1e400 is larger than any number factlint can hold (about 1.8e308)"]
    );
}

#[test]
fn tags_and_dates_and_years_out_of_range_are_errors() {
    // finding 19
    let mut yaml = HEAD.replace("  names: [X]\n", "  names: [X]\n  year: -5\n");
    yaml.push_str("  - id: a\n    claim: c\n    quantity: {value: !!str 4, unit: article}\n");
    yaml.push_str("  - id: b\n    claim: !!binary aGVsbG8=\n    date: 2025\n");
    for (i, date) in ["0", "20250117", "99999", "'0000-01-01'"]
        .iter()
        .enumerate()
    {
        yaml.push_str(&format!("  - id: d{i}\n    claim: c\n    date: {date}\n"));
    }
    // still fine
    yaml.push_str("  - id: ok1\n    claim: c\n    date: 2025-01-17\n");
    yaml.push_str("  - id: ok2\n    claim: c\n    date: 1648\n");
    yaml.push_str("  - id: ok3\n    claim: c\n    quantity: {value: !!int 4, unit: article}\n");
    let found = check_errors(&yaml);
    assert_eq!(
        found,
        [
            "10:23 `facts[0].quantity.value` must be a number, not a value tagged `!!str`",
            "12:12 `facts[1].claim` must be text, not a value tagged `!!binary`",
            "6:9 the subject's `year` must be a year from 1000 to 2999, not -5",
            "16:11 `0` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY",
            "19:11 `20250117` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY",
            "22:11 `99999` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY",
            "25:11 `0000-01-01` is not a date in the years 1000 to 2999",
        ]
    );
}

#[test]
fn rules_check_rejects_events_without_two_parties_or_of_grammar_words() {
    let yaml = "\
subject:
  id: purchase
  name: Calder's purchase of Wexmoor
  parties: [[Calder]]
  aliases: [purchase]
  events: [acquire, with]
  source: s
facts:
  - id: price
    claim: Calder paid $3.1 billion.
    quantity: { value: 3100000000, unit: dollar }
";
    let dir = temp_with(&[("purchase.yaml", yaml)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "purchase.yaml"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let found = problems(&run.stdout);
    let at: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(at, ["6:3", "6:21"], "{}", run.stdout);
    assert!(
        run.stdout.contains("`events` name the subject only where one joins two of its parties, and it has one party"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`with` is a word of grammar, not an event"),
        "{}",
        run.stdout
    );
    // two parties and a verb: no problem
    let good = yaml
        .replace("[[Calder]]", "[[Calder], [Wexmoor]]")
        .replace("[acquire, with]", "[acquire, merge with]");
    let dir = temp_with(&[("purchase.yaml", &good)]);
    let run = factlint(
        dir.path(),
        &["rules", "check", "--color", "never", "purchase.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_takeover_example_passes_its_tests() {
    let run = factlint(&root(), &["test", "--color", "never", "examples/takeover/"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("9 examples, 0 failures\n"),
        "{}",
        run.stdout
    );
}
