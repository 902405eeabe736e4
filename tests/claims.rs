//! `factlint claims`: what each draft says for each fact, in three formats.

use std::path::PathBuf;

use serde_json::Value;

fn claims(args: &[&str]) -> (String, i32) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .arg("claims")
        .args(args)
        .output()
        .expect("factlint runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        output.status.code().expect("exited"),
    )
}

#[test]
fn json_has_a_row_per_draft_and_fact() {
    let (out, code) = claims(&["--format", "json", "examples/treaty/"]);
    assert_eq!(code, 0);
    let rows: Value = serde_json::from_str(&out).expect("JSON");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 5 * 4);
    let find = |path: &str, rule: &str| {
        rows.iter()
            .find(|r| r["path"] == path && r["rule"] == rule)
            .unwrap_or_else(|| panic!("{path} {rule}"))
    };
    let wire = find("examples/treaty/wire-copy.md", "ru-ir-treaty/signing-date");
    assert_eq!(wire["status"], "contradicts");
    assert_eq!(wire["contradicts"][0]["text"], "January 15, 2025");
    assert_eq!(wire["contradicts"][0]["expected"], "January 17, 2025");
    assert_eq!(wire["contradicts"][0]["line"], 3);
    let radio = find("examples/treaty/radio-script.txt", "ru-ir-treaty/term");
    assert_eq!(radio["status"], "unstated");
    let oil = find("examples/treaty/oil-markets.md", "ru-ir-treaty/term");
    assert_eq!(oil["status"], "off-topic");
    let briefing = find(
        "examples/treaty/briefing.md",
        "ru-ir-treaty/no-mutual-defense",
    );
    assert_eq!(briefing["status"], "states");
    assert_eq!(briefing["stated"][0]["denied"], true);
}

#[test]
fn csv_and_human() {
    let (out, code) = claims(&[
        "--format",
        "csv",
        "examples/treaty/wire-copy.md",
        "examples/treaty/radio-script.txt",
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "path,rule,status,stated,contradicts,expected,claim"
    );
    assert_eq!(lines.len(), 1 + 2 * 4);
    assert!(
        lines.contains(&"examples/treaty/wire-copy.md,ru-ir-treaty/term,contradicts,,25 years,20 years,The treaty is concluded for 20 years."),
        "{out}"
    );
    let (out, _) = claims(&[
        "examples/treaty/wire-copy.md",
        "examples/treaty/radio-script.txt",
    ]);
    assert!(out.starts_with("ru-ir-treaty/article-count: The treaty has 47 articles.\n  examples/treaty/wire-copy.md      contradicts  \"45-article\" at 6:7 (source: 47-article)\n  examples/treaty/radio-script.txt  states       \"forty-seven articles\" at 4:51\n"), "{out}");
}

#[test]
fn bridge_rules_and_a_missing_file() {
    let (out, code) = claims(&[
        "--rules",
        "examples/bridge/harbor-bridge.yaml",
        "--format",
        "csv",
        "examples/bridge/wrong.md",
        "examples/bridge/nowhere.md",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains("harbor-bridge/cost,contradicts,,$900 million,$1.2 billion,"),
        "{out}"
    );
}

/// Like `check`, `claims` and `explain` use the rules the project's
/// `.factlint.yaml` names.
#[test]
fn the_project_configuration_names_the_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("facts")).expect("facts folder");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/bridge/harbor-bridge.yaml"
        ),
        dir.path().join("facts/bridge.yaml"),
    )
    .expect("copy rules");
    std::fs::write(dir.path().join(".factlint.yaml"), "rules: [facts/]\n").expect("config");
    std::fs::write(
        dir.path().join("d.md"),
        "Millbrook's Harbor Bridge will carry six lanes.\n",
    )
    .expect("draft");
    let run = |args: &[&str]| {
        let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("factlint runs");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let rows: Value =
        serde_json::from_str(&run(&["claims", "--format", "json", "d.md"])).expect("JSON");
    let lanes = rows
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["rule"] == "harbor-bridge/lanes")
        .expect("the bridge's lanes rule");
    assert_eq!(lanes["status"], "contradicts");
    assert!(run(&["explain", "harbor-bridge/lanes"]).contains("four traffic lanes"));
}
