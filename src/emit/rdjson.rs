//! reviewdog's Diagnostic Format as one JSON document (`rdjson`), for
//! `reviewdog -f=rdjson`, which posts findings as review comments and turns
//! fixes into suggested changes.
//!
//! Positions follow reviewdog's proto: lines and columns 1-based, columns
//! counted in UTF-8 bytes, ranges end-exclusive.

use serde_json::{json, Map, Value};

use crate::diagnostic::{FileReport, Severity};
use crate::source::LineIndex;

use super::{clamp_span, in_order, position};

pub fn render(reports: &[FileReport]) -> String {
    let mut source = Map::new();
    source.insert("name".into(), json!("factlint"));
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        source.insert("url".into(), json!(repository));
    }
    let mut diagnostics = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        let range = |span: std::ops::Range<usize>| {
            let start = position(&report.source, &index, span.start);
            let end = position(&report.source, &index, span.end);
            json!({
                "start": {"line": start.line, "column": start.column_byte},
                "end": {"line": end.line, "column": end.column_byte},
            })
        };
        for d in in_order(report) {
            let span = clamp_span(&report.source, &d.span);
            let mut object = Map::new();
            object.insert("message".into(), json!(d.message));
            object.insert(
                "location".into(),
                json!({"path": report.path, "range": range(span)}),
            );
            object.insert(
                "severity".into(),
                json!(match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                }),
            );
            object.insert("code".into(), json!({"value": d.rule}));
            if let Some(edit) = &d.fix {
                let span = clamp_span(&report.source, &edit.range);
                object.insert(
                    "suggestions".into(),
                    json!([{"range": range(span), "text": edit.replacement}]),
                );
            }
            diagnostics.push(Value::Object(object));
        }
    }
    let document = json!({"source": Value::Object(source), "diagnostics": diagnostics});
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn columns_are_utf8_bytes_and_fixes_are_suggestions() {
        let (reports, _) = fixture();
        let value: Value = serde_json::from_str(&render(&reports)).unwrap();
        assert_eq!(value["source"], json!({"name": "factlint"}));
        let diagnostics = value["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 5);
        // "# 📰 " is six bytes, so "Russia" starts at byte column 8; the
        // dash is three bytes.
        assert_eq!(
            diagnostics[0],
            json!({
                "message": "100% sure, A&B: \"no <mutual> defense\"\nnot stated",
                "location": {"path": "drafts/treaty.md", "range": {
                    "start": {"line": 1, "column": 8}, "end": {"line": 1, "column": 21}}},
                "severity": "INFO",
                "code": {"value": "ru-ir-treaty/no-mutual-defense"}
            })
        );
        assert_eq!(
            diagnostics[2]["suggestions"],
            json!([{"range": {"start": {"line": 3, "column": 16}, "end": {"line": 3, "column": 18}},
                    "text": "47"}])
        );
        assert_eq!(diagnostics[4]["location"]["path"], "drafts/q&a, v2.md");
        assert_eq!(diagnostics[4]["severity"], "ERROR");
    }

    #[test]
    fn snapshot() {
        let (reports, _) = fixture();
        insta::assert_snapshot!(render(&reports));
    }
}
