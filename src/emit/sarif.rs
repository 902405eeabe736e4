//! SARIF 2.1.0, the format code-scanning services read (GitHub code
//! scanning through `upload-sarif`, Azure DevOps, SARIF viewers in editors).
//!
//! One run; the driver lists every rule that ran, with the fact as its short
//! description, so a result's rule can be shown without factlint. Columns
//! are in UTF-16 code units, SARIF's default `columnKind`, which the run
//! states explicitly; `charOffset`/`charLength` count the same units.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::LineIndex;

use super::{all_rules, clamp_span, in_order, path_uri, position, RuleInfo, RuleRef};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(reports: &[FileReport], rules: &[RuleInfo]) -> String {
    let mut text = serde_json::to_string_pretty(&log(reports, rules)).unwrap_or_default();
    text.push('\n');
    text
}

fn log(reports: &[FileReport], rules: &[RuleInfo]) -> Value {
    let rules = all_rules(reports, rules);
    let mut driver = Map::new();
    driver.insert("name".into(), json!("factlint"));
    driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
    // Cargo sets the variable to "" when the manifest names no repository.
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver.insert("informationUri".into(), json!(repository));
    }
    driver.insert(
        "rules".into(),
        Value::Array(rules.iter().map(descriptor).collect()),
    );
    let mut results = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for d in in_order(report) {
            let rule_index = rules.iter().position(|r| r.id() == d.rule);
            results.push(result(report, &index, d, rule_index));
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": Value::Object(driver) },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's reporting descriptor. Its default level is the higher of its two
/// kinds' severities; a rule with both turned off is listed as disabled.
fn descriptor(rule: &RuleRef<'_>) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(rule.id()));
    if let RuleRef::Known(info) = rule {
        object.insert("shortDescription".into(), json!({ "text": info.claim }));
        if let Some(help) = &info.help {
            object.insert("help".into(), json!({ "text": help }));
        }
        let configuration = match info.contradiction.max(info.unstated) {
            Some(severity) => json!({ "level": level(severity) }),
            None => json!({ "enabled": false, "level": "none" }),
        };
        object.insert("defaultConfiguration".into(), configuration);
    }
    Value::Object(object)
}

fn region(report: &FileReport, index: &LineIndex, span: std::ops::Range<usize>) -> Value {
    let text = &report.source;
    let start = position(text, index, span.start);
    let end = position(text, index, span.end);
    let char_offset = text[..span.start].encode_utf16().count();
    let char_length = text[span.clone()].encode_utf16().count();
    json!({
        "startLine": start.line,
        "startColumn": start.column_utf16,
        "endLine": end.line,
        "endColumn": end.column_utf16,
        "charOffset": char_offset,
        "charLength": char_length,
    })
}

fn result(
    report: &FileReport,
    index: &LineIndex,
    d: &Diagnostic,
    rule_index: Option<usize>,
) -> Value {
    let span = clamp_span(&report.source, &d.span);
    let uri = path_uri(&report.path);
    let mut object = Map::new();
    object.insert("ruleId".into(), json!(d.rule));
    if let Some(i) = rule_index {
        object.insert("ruleIndex".into(), json!(i));
    }
    object.insert("level".into(), json!(level(d.severity)));
    object.insert("message".into(), json!({ "text": d.message }));
    object.insert(
        "locations".into(),
        json!([{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(report, index, span),
            }
        }]),
    );
    if let Some(edit) = &d.fix {
        let range = clamp_span(&report.source, &edit.range);
        let description = d
            .help
            .clone()
            .unwrap_or_else(|| format!("replace with \"{}\"", edit.replacement));
        object.insert(
            "fixes".into(),
            json!([{
                "description": { "text": description },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri },
                    "replacements": [{
                        "deletedRegion": region(report, index, range),
                        "insertedContent": { "text": edit.replacement },
                    }]
                }]
            }]),
        );
    }
    let mut properties = Map::new();
    properties.insert("kind".into(), json!(d.kind.as_str()));
    if d.attributed {
        properties.insert("attributed".into(), json!(true));
    }
    object.insert("properties".into(), Value::Object(properties));
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::{finding, fixture, report};

    fn parse(reports: &[FileReport], rules: &[RuleInfo]) -> Value {
        serde_json::from_str(&render(reports, rules)).expect("SARIF output is JSON")
    }

    /// The official schema, validated offline: the draft-07 meta-schema it
    /// names is bundled with the validator, and nothing else is referenced.
    fn assert_valid(log: &Value) {
        let schema: Value =
            serde_json::from_str(include_str!("../../tests/schemas/sarif-schema-2.1.0.json"))
                .expect("schema is JSON");
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn the_fixture_validates_against_the_sarif_schema() {
        let (reports, rules) = fixture();
        let log = parse(&reports, &rules);
        assert_valid(&log);
        assert_valid(&parse(&[], &[]));
    }

    #[test]
    fn the_schema_rejects_what_it_should() {
        // A check that the validator really validates: a result without a
        // message, and a column of 0, are both invalid SARIF.
        let (reports, rules) = fixture();
        let mut log = parse(&reports, &rules);
        let result = &mut log["runs"][0]["results"][0];
        result.as_object_mut().unwrap().remove("message");
        result["locations"][0]["physicalLocation"]["region"]["startColumn"] = json!(0);
        let schema: Value =
            serde_json::from_str(include_str!("../../tests/schemas/sarif-schema-2.1.0.json"))
                .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert_eq!(validator.iter_errors(&log).count(), 2);
    }

    #[test]
    fn columns_are_utf16_code_units() {
        let (reports, rules) = fixture();
        let log = parse(&reports, &rules);
        let results = log["runs"][0]["results"].as_array().unwrap();
        // Ordered by span: the heading's two findings, then the 45, the 46,
        // then the second file.
        let rules_in_order: Vec<&str> = results
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        assert_eq!(
            rules_in_order,
            [
                "ru-ir-treaty/no-mutual-defense",
                "ru-ir-treaty/term",
                "ru-ir-treaty/article-count",
                "ru-ir-treaty/article-count",
                "ru-ir-treaty/term"
            ]
        );
        // "# 📰 " is 4 characters but 5 UTF-16 units: "Russia" starts at
        // column 6 and "–" (one unit) is counted once.
        let heading = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            heading,
            &json!({"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 17,
                    "charOffset": 5, "charLength": 11})
        );
        let treaty = &results[1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(treaty["startColumn"], 18);
        assert_eq!(treaty["charOffset"], 17);
        // “ is one UTF-16 unit: "46" follows "“It has " on line 5.
        let quoted = &results[3]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&quoted["startLine"], &quoted["startColumn"]),
            (&json!(5), &json!(9))
        );
        assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    }

    #[test]
    fn results_link_rules_levels_and_fixes() {
        let (reports, rules) = fixture();
        let log = parse(&reports, &rules);
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "factlint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            driver["rules"][0],
            json!({
                "id": "ru-ir-treaty/article-count",
                "shortDescription": {"text": "The treaty has 47 articles."},
                "defaultConfiguration": {"level": "error"}
            })
        );
        assert_eq!(
            driver["rules"][1]["help"],
            json!({"text": "write \"20 years\""})
        );
        assert_eq!(
            driver["rules"][2]["defaultConfiguration"],
            json!({"level": "error"})
        );
        assert_eq!(
            driver["rules"][3]["defaultConfiguration"],
            json!({"enabled": false, "level": "none"})
        );
        let results = run["results"].as_array().unwrap();
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["note", "warning", "error", "warning", "error"]);
        let indexes: Vec<u64> = results
            .iter()
            .map(|r| r["ruleIndex"].as_u64().unwrap())
            .collect();
        assert_eq!(indexes, [2, 1, 0, 0, 1]);
        assert_eq!(
            results[3]["properties"],
            json!({"kind": "contradiction", "attributed": true})
        );
        assert_eq!(
            results[2]["fixes"],
            json!([{
                "description": {"text": "write \"47 articles\""},
                "artifactChanges": [{
                    "artifactLocation": {"uri": "drafts/treaty.md"},
                    "replacements": [{
                        "deletedRegion": {"startLine": 3, "startColumn": 16, "endLine": 3,
                                          "endColumn": 18, "charOffset": 40, "charLength": 2},
                        "insertedContent": {"text": "47"}
                    }]
                }]
            }])
        );
        // The fix without help text is described by its replacement; the
        // path is percent-encoded where a URI needs it.
        assert_eq!(
            results[4]["fixes"][0]["description"]["text"],
            "replace with \"20\""
        );
        assert_eq!(
            results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "drafts/q&a,%20v2.md"
        );
        assert!(results[0].get("fixes").is_none());
    }

    #[test]
    fn a_rule_known_only_from_a_finding_is_still_described() {
        let text = "x";
        let d = finding(
            text,
            "x",
            "other/rule",
            crate::diagnostic::Kind::Unstated,
            Severity::Info,
        );
        let log = parse(&[report("a.md", text, vec![d])], &[]);
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"],
            json!([{"id": "other/rule"}])
        );
        assert_eq!(log["runs"][0]["results"][0]["ruleIndex"], 0);
        assert_valid(&log);
    }

    #[test]
    fn snapshot() {
        let (reports, rules) = fixture();
        // The version changes with every release; the snapshot should not.
        let version = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
        insta::assert_snapshot!(render(&reports, &rules).replace(&version, "\"[version]\""));
    }
}
