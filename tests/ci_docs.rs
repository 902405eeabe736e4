//! The README's CI documentation, exercised: every `factlint` command in the
//! sections from "Output formats" on is run here, the example configuration
//! is loaded, the workflow examples parse, and the GitHub Action's script
//! runs as the runner would run it. A command added to the README without a
//! test here fails `documented_commands_are_all_tested`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const README: &str = include_str!("../README.md");

const WRONG: &str =
    "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. The treaty has 45 articles and runs for 20 years. It contains \
no mutual-defense clause.\n";
const RIGHT: &str =
    "# Russia and Iran sign a pact\n\nRussia and Iran signed a strategic partnership \
treaty in Moscow on 17 January 2025. The treaty has 47 articles and runs for 20 years. It contains \
no mutual-defense clause.\n";

/// The part of the README these tests cover.
fn ci_docs() -> &'static str {
    &README[README
        .find("## Output formats")
        .expect("an Output formats section")..]
}

/// Fenced code blocks of a text, with their info strings.
fn code_blocks(text: &str) -> Vec<(&str, String)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let mut body = String::new();
            for inner in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            blocks.push((info, body));
        }
    }
    blocks
}

/// Every `factlint …` command line in the code blocks, as a step of a
/// YAML list or a `run:` would hold it, without trailing comments.
fn documented_commands() -> Vec<String> {
    let mut commands = Vec::new();
    // editor configurations (Lua, Vim script, …) hold no shell commands
    let shell = |info: &str| {
        matches!(
            info,
            "" | "sh" | "bash" | "shell" | "console" | "yaml" | "yml"
        )
    };
    for (info, body) in code_blocks(ci_docs()) {
        if !shell(info.trim()) {
            continue;
        }
        for line in body.lines() {
            let line = line.trim_start();
            let line = line.strip_prefix("- ").unwrap_or(line);
            let line = line.strip_prefix("run: ").unwrap_or(line);
            let line = line.split(" #").next().unwrap_or(line).trim_end();
            let is_command = line.starts_with("factlint ") || line == "factlint";
            if is_command && !commands.iter().any(|c| c == line) {
                commands.push(line.to_owned());
            }
        }
    }
    commands
}

/// The commands tested below, in README order.
const TESTED: &[&str] = &[
    "factlint check --format sarif --output-file factlint.sarif drafts/",
    "factlint check --statistics drafts/",
    "factlint config",
    "factlint check --write-baseline .factlint-baseline.json drafts/",
    "factlint check --baseline .factlint-baseline.json drafts/",
    "factlint check --format sarif --output-file factlint.sarif --exit-zero drafts/",
    "factlint check --format junit --output-file factlint-junit.xml drafts/",
    "factlint check --quiet --deny warnings drafts/",
    "factlint check --format jsonl --output-file findings.jsonl drafts/",
];

#[test]
fn documented_commands_are_all_tested() {
    assert_eq!(documented_commands(), TESTED);
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/wrong.md"), WRONG).unwrap();
    std::fs::write(dir.path().join("drafts/right.md"), RIGHT).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
}

/// A documented command line, run as a shell would split it.
fn run(dir: &Path, command: &str) -> Run {
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("factlint"));
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(words)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
    }
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn output_format_commands() {
    let dir = project();
    let r = run(dir.path(), TESTED[0]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "1 error in 1 of 2 files\n")
    );
    let log: Value = serde_json::from_str(&read(dir.path(), "factlint.sarif")).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);

    let r = run(dir.path(), TESTED[1]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "1  ru-ir-treaty/article-count  contradiction  error\n1 error in 1 of 2 files\n"
        )
    );
}

#[test]
fn config_command() {
    let dir = project();
    let r = run(dir.path(), TESTED[2]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.ends_with("fail-on: error  # default\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn baseline_commands() {
    let dir = project();
    assert_eq!(run(dir.path(), TESTED[4]).code, 2, "no baseline yet");
    assert_eq!(run(dir.path(), TESTED[3]).code, 0);
    assert!(read(dir.path(), ".factlint-baseline.json").contains("\"text\": \"45 articles\""));
    let r = run(dir.path(), TESTED[4]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "no problems in 2 files\n1 finding in the baseline not shown\n"
        )
    );
}

#[test]
fn ci_commands() {
    let dir = project();
    let r = run(dir.path(), TESTED[5]);
    assert_eq!(r.code, 0);
    assert!(read(dir.path(), "factlint.sarif").contains("\"version\": \"2.1.0\""));

    let r = run(dir.path(), TESTED[6]);
    assert_eq!(r.code, 1);
    let junit = read(dir.path(), "factlint-junit.xml");
    assert!(
        junit.contains("<testsuites name=\"factlint\" tests=\"8\" failures=\"1\" errors=\"0\">")
    );

    let r = run(dir.path(), TESTED[7]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("error[ru-ir-treaty/article-count]"));
    assert!(!r.stdout.contains("1 error in"));

    let r = run(dir.path(), TESTED[8]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "1 error in 1 of 2 files\n")
    );
    let findings = read(dir.path(), "findings.jsonl");
    assert_eq!(findings.lines().count(), 1);
    let finding: Value = serde_json::from_str(findings.trim_end()).unwrap();
    assert_eq!(finding["rule"], "ru-ir-treaty/article-count");
}

#[test]
fn the_documented_configuration_is_valid() {
    let (_, yaml) = code_blocks(ci_docs())
        .into_iter()
        .find(|(info, body)| *info == "yaml" && body.starts_with("rules:"))
        .expect("a configuration example");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("facts")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bridge/harbor-bridge.yaml"),
        dir.path().join("facts/bridge.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".factlint.yaml"), &yaml).unwrap();
    let resolved =
        factlint::config::resolve(dir.path(), &factlint::config::Overrides::default()).unwrap();
    assert_eq!(resolved.rules.subjects[0].id, "harbor-bridge");
    assert_eq!(
        resolved.fail_on.value,
        factlint::diagnostic::Severity::Warning
    );
    assert_eq!(resolved.readers.value.len(), 1);
    let (_, cost) = resolved.rules.fact("harbor-bridge/cost").unwrap();
    assert_eq!(cost.unstated, Some(factlint::diagnostic::Severity::Warning));
}

#[test]
fn the_workflow_examples_are_valid_yaml() {
    let yamls: Vec<String> = code_blocks(ci_docs())
        .into_iter()
        .filter(|(info, _)| *info == "yaml")
        .map(|(_, body)| body)
        .collect();
    // The configuration, two GitHub workflows, GitLab, pre-commit.
    assert_eq!(yamls.len(), 5);
    for yaml in &yamls {
        let _: serde_yaml::Value =
            serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    }
    // The pre-commit lines are an entry of `repos:`, with this hook's id.
    let entry: Vec<serde_yaml::Value> = serde_yaml::from_str(&yamls[4]).unwrap();
    assert_eq!(entry[0]["hooks"][0]["id"], "factlint");
    let action_use: serde_yaml::Value = serde_yaml::from_str(&yamls[1]).unwrap();
    let step = &action_use["jobs"]["factlint"]["steps"][1];
    assert_eq!(step["with"]["paths"], "drafts/");
    assert_eq!(step["with"]["args"], "--deny warnings");
}

#[test]
fn the_pre_commit_hook_definition() {
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(include_str!("../.pre-commit-hooks.yaml")).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "factlint");
    assert_eq!(hook["entry"], "factlint check");
    assert_eq!(hook["language"], "rust");
    let types: Vec<&str> = hook["types_or"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(types, ["markdown", "html", "plain-text"]);
}

/// The action's steps as the runner runs them: the setup steps are checked
/// by their text (building takes minutes; `cargo test --locked` in CI covers
/// the lock file they rely on), the check step is run with bash, with the
/// inputs of the README's example in its environment.
#[test]
fn the_github_action_runs_factlint_with_its_inputs() {
    let action: serde_yaml::Value = serde_yaml::from_str(include_str!("../action.yml")).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    assert_eq!(action["inputs"]["paths"]["default"], ".");
    assert_eq!(action["inputs"]["args"]["default"], "");
    assert_eq!(action["inputs"]["toolchain"]["default"], "stable");
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step `{name}`"))
    };
    // The binary is cached, keyed by factlint's version and sources; Rust
    // is set up and factlint built only when the cache has no binary.
    let cache = step("Cache the factlint binary");
    assert_eq!(cache["uses"], "actions/cache@v4");
    assert_eq!(cache["with"]["path"], "~/.cargo/bin/factlint");
    assert_eq!(
        cache["with"]["key"],
        "${{ runner.os }}-${{ runner.arch }}-${{ steps.version.outputs.key }}"
    );
    let version = step("Version of factlint")["run"].as_str().unwrap();
    assert!(
        version.contains("Cargo.toml Cargo.lock src rules data"),
        "{version}"
    );
    let missed = "steps.cache.outputs.cache-hit != 'true'";
    let rust = step("Set up Rust");
    assert!(
        rust["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("dtolnay/rust-toolchain@")),
        "{rust:?}"
    );
    assert_eq!(rust["with"]["toolchain"], "${{ inputs.toolchain }}");
    assert_eq!(rust["if"], missed);
    let install = step("Install factlint");
    assert_eq!(install["if"], missed);
    assert_eq!(
        install["run"],
        "cargo install --locked --force --path \"$GITHUB_ACTION_PATH\""
    );
    let check = step("Run factlint");
    let script = check["run"].as_str().unwrap();
    assert_eq!(check["env"]["FACTLINT_PATHS"], "${{ inputs.paths }}");
    assert_eq!(check["env"]["FACTLINT_ARGS"], "${{ inputs.args }}");

    let dir = project();
    let bin = Path::new(env!("CARGO_BIN_EXE_factlint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |paths: &str, args: &str| {
        Command::new("bash")
            .args(["-e", "-c", script])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("FACTLINT_PATHS", paths)
            .env("FACTLINT_ARGS", args)
            .output()
            .unwrap()
    };
    let output = run("drafts/", "--deny warnings");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "::error file=drafts/wrong.md,line=3,col=100,endLine=3,endColumn=111,\
         title=ru-ir-treaty/article-count::\"45 articles\" contradicts the source, which says \
         47 articles%0Ahelp: write \"47 articles\"\n"
    );
    // A glob input reaches factlint unexpanded, and a quoted-looking input
    // is only words, never shell syntax.
    let output = run("drafts/right*.md", "");
    assert_eq!(output.status.code(), Some(0));
    let output = run("drafts/ $(touch injected)", "");
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("injected").exists());

    // One path a line, as a YAML block gives them (with its final newline,
    // blank lines and CRLF ends), spaces inside a path kept.
    std::fs::create_dir(dir.path().join("field notes")).unwrap();
    std::fs::write(dir.path().join("field notes/day one.md"), WRONG).unwrap();
    let output = run("drafts/right.md\r\n\n  field notes/day one.md  \n", "");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=field notes/day one.md,line=3,"),
        "{stdout}"
    );
    // The folder of a space-separated list is one path, which does not exist.
    let output = run("drafts/right.md drafts/wrong.md", "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("drafts/right.md drafts/wrong.md"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // An empty input checks the repository.
    let output = run("\n", "");
    assert_eq!(output.status.code(), Some(1));
}

/// The README says how many annotations GitHub shows, and what to use
/// instead for large reports.
#[test]
fn the_annotation_limit_is_documented() {
    let docs = ci_docs().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        docs.contains("10 error and 10 warning annotations per step"),
        "the README must state GitHub's annotation limit"
    );
    assert!(docs.contains("upload SARIF"), "and point to SARIF upload");
}
