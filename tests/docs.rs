//! The documentation's rule files are code: each ```yaml block of
//! docs/rules.md and README.md that is a whole rule file must load, each
//! ```yaml fragment block must at least be YAML, and every key of the schema
//! must be documented. A renamed key or a new check then fails here instead of
//! leaving the documentation wrong.

use std::path::Path;

use factlint::rules::RuleSet;

struct Block {
    /// Where the block's body starts, as `file:line`.
    at: String,
    /// The fence's info string: `yaml`, `yaml fragment`, `sh`, ….
    info: String,
    body: String,
}

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fenced code blocks of a Markdown file.
fn blocks(name: &str) -> Vec<Block> {
    let text = read(name);
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    at: format!("{name}:{}", i + 2),
                    info: info.trim().to_owned(),
                    body: String::new(),
                });
            }
            (Some(_), Some(rest)) if rest.trim().is_empty() => {
                out.extend(open.take());
            }
            (Some(block), _) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{name}: a code block is never closed");
    out
}

fn yaml_blocks(name: &str) -> (Vec<Block>, Vec<Block>) {
    blocks(name)
        .into_iter()
        .filter(|b| b.info.split_whitespace().next() == Some("yaml"))
        .partition(|b| b.info == "yaml")
}

fn assert_rule_files_load(name: &str) {
    let (files, _) = yaml_blocks(name);
    assert!(!files.is_empty(), "{name} has no ```yaml rule file");
    for block in files {
        // workflows and other tools' YAML (CI jobs, hooks) only need to parse
        let rule_file = block
            .body
            .lines()
            .any(|l| l.starts_with("subject:") || l.starts_with("facts:"));
        if !rule_file {
            let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&block.body);
            assert!(parsed.is_ok(), "{}: not YAML", block.at);
            continue;
        }
        if let Err(errors) = RuleSet::from_sources(&[(block.at.clone(), block.body.clone())]) {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!(
                "the rule file at {} does not load (mark it ```yaml fragment if it is not a whole file):\n{}",
                block.at,
                messages.join("\n")
            );
        }
    }
}

#[test]
fn readme_rule_files_load() {
    assert_rule_files_load("README.md");
}

#[test]
fn reference_rule_files_load() {
    assert_rule_files_load("docs/rules.md");
}

#[test]
fn fragments_are_yaml_and_use_only_documented_keys() {
    let keys = schema_keys();
    let (_, fragments) = yaml_blocks("docs/rules.md");
    assert!(fragments.len() >= 20, "only {} fragments", fragments.len());
    for block in fragments {
        let value: serde_yaml::Value = serde_yaml::from_str(&block.body)
            .unwrap_or_else(|e| panic!("{}: not YAML: {e}", block.at));
        let mut used = Vec::new();
        mapping_keys(&value, &mut used);
        for key in used {
            assert!(
                keys.contains(&key),
                "{}: `{key}` is not a key of the schema",
                block.at
            );
        }
    }
}

/// Every key of every mapping in a YAML value.
fn mapping_keys(value: &serde_yaml::Value, out: &mut Vec<String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    out.push(k.to_owned());
                }
                mapping_keys(v, out);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                mapping_keys(item, out);
            }
        }
        _ => {}
    }
}

/// The YAML keys of the schema: the `pub` fields of src/rules/schema.rs in
/// kebab case, as serde renames them.
fn schema_keys() -> Vec<String> {
    let schema = read("src/rules/schema.rs");
    let keys: Vec<String> = schema
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub "))
        .filter_map(|rest| rest.split_once(':'))
        // a field named after a Rust keyword ends with `_`: `match_`
        .map(|(field, _)| field.trim().trim_end_matches('_').replace('_', "-"))
        .filter(|field| !field.contains(' '))
        .collect();
    assert!(keys.len() > 20, "found only {keys:?} in the schema");
    keys
}

/// The severity levels: the variants of `LevelSpec`, lower-cased as serde
/// renames them.
fn levels() -> Vec<String> {
    let schema = read("src/rules/schema.rs");
    let start = schema.find("pub enum LevelSpec").expect("LevelSpec");
    let body = &schema[start..];
    let body = &body[body.find('{').expect("{") + 1..body.find('}').expect("}")];
    body.split(',')
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn every_key_and_level_is_documented() {
    let reference = read("docs/rules.md");
    let mut missing: Vec<String> = schema_keys()
        .into_iter()
        .chain(levels())
        .filter(|key| !reference.contains(&format!("`{key}`")))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "docs/rules.md never mentions {missing:?}"
    );
}

/// The reference's complete example does what the reference says of it: a
/// draft consistent with every fact gets nothing, and a draft that gets each
/// fact wrong gets one contradiction per fact, the `require` fact unstated.
#[test]
fn the_complete_example_checks_as_documented() {
    let (files, _) = yaml_blocks("docs/rules.md");
    let example = files
        .iter()
        .find(|b| b.body.starts_with("# rules/harbor-bridge.yaml"))
        .expect("the complete example");
    let rules = RuleSet::from_sources(&[(example.at.clone(), example.body.clone())])
        .expect("the example loads");
    let checker = factlint::check::Checker::new(&rules);
    let check = |draft: &str| {
        let doc = factlint::source::Document::read(draft, factlint::source::Markup::Text);
        let mut found: Vec<(String, String)> = checker
            .check(&doc)
            .into_iter()
            .map(|d| (d.rule, d.kind.as_str().to_owned()))
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        check(
            "The Harbor Bridge, approved under resolution 2023-114, will cost $1.2 billion, \
             carry four lanes and a bike lane, and open in 2027. Crossing it will be toll-free. \
             Hartwell & Sons will build it."
        ),
        []
    );
    let pair = |rule: &str, kind: &str| (format!("harbor-bridge/{rule}"), kind.to_owned());
    assert_eq!(
        check(
            "The Harbor Bridge will cost $1.5 billion, carry six lanes and open in 2028. \
             It has no cycle lane, and Hartwell and Sons will build it. \
             The bridge will charge local drivers a fee."
        ),
        [
            pair("contractor-name", "contradiction"),
            pair("cost", "contradiction"),
            pair("cycle-lane", "contradiction"),
            pair("lanes", "contradiction"),
            pair("no-toll", "contradiction"),
            pair("opening", "contradiction"),
            pair("resolution", "unstated"),
        ]
    );
    // Another bridge's numbers are not this one's.
    assert_eq!(check("The Ferryport Bridge has two lanes and a toll."), []);
}

/// The error shown in the reference is what factlint prints for the complete
/// example with the typo it shows.
#[test]
fn the_sample_rule_error_is_real() {
    let reference = blocks("docs/rules.md");
    let sample = reference
        .iter()
        .find(|b| b.info == "text" && b.body.starts_with("error: invalid rule file"))
        .expect("a sample rule error");
    let example = reference
        .iter()
        .find(|b| b.info == "yaml" && b.body.starts_with("# rules/harbor-bridge.yaml"))
        .expect("the complete example");
    let typo = example.body.replacen(
        "quantity: { value: 4, unit: lane",
        "quantiy: { value: 4, unit: lane",
        1,
    );
    assert_ne!(
        typo, example.body,
        "the example no longer has the lanes fact"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join("rules")).expect("rules folder");
    std::fs::write(dir.path().join("rules/harbor-bridge.yaml"), typo).expect("write");
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(dir.path())
        .args([
            "check",
            "--rules",
            "rules/harbor-bridge.yaml",
            "--color",
            "never",
            "x.md",
        ])
        .output()
        .expect("factlint runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stderr), sample.body);
}

/// The README's bridge example shows real output: its text block is one
/// finding of the command above it, exactly.
#[test]
fn the_readme_bridge_example_is_real_output() {
    let readme = blocks("README.md");
    let at = readme
        .iter()
        .position(|b| {
            b.body.trim()
                == "factlint check --rules examples/bridge/harbor-bridge.yaml examples/bridge/"
        })
        .expect("the bridge command in README.md");
    let shown = &readme[at + 1];
    assert_eq!(shown.info, "text", "{}", shown.at);
    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--color",
            "never",
            "--rules",
            "examples/bridge/harbor-bridge.yaml",
            "examples/bridge/",
        ])
        .output()
        .expect("factlint runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        stdout.contains(&format!("{}\n", shown.body)),
        "{} is not in the output:\n{stdout}",
        shown.at
    );
}
