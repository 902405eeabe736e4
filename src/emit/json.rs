//! One JSON array of findings, for editors, CI annotations and scripts.
//!
//! The shape is a contract with those consumers: fields are added, never
//! renamed, and optional ones are left out rather than set to `null`.

use std::io;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, FileReport, Kind, Severity};
use crate::source::LineIndex;

use super::{clamp_span, in_order};

#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    rule: &'a str,
    kind: Kind,
    severity: Severity,
    message: &'a str,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    attributed: bool,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fix<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

fn finding<'a>(report: &'a FileReport, index: &LineIndex, d: &'a Diagnostic) -> Finding<'a> {
    let text = report.source.as_str();
    // Offsets are clamped like the line and column so a consumer can slice
    // the file with them without checking.
    let span = clamp_span(text, &d.span);
    let (line, column) = index.line_col(text, span.start);
    let (end_line, end_column) = index.line_col(text, span.end);
    Finding {
        path: &report.path,
        rule: &d.rule,
        kind: d.kind,
        severity: d.severity,
        message: &d.message,
        span: Span {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line,
            end_column,
        },
        found: d.found.as_deref(),
        expected: d.expected.as_deref(),
        help: d.help.as_deref(),
        note: Some(d.note.as_str()).filter(|note| !note.is_empty()),
        fix: d.fix.as_ref().map(|edit| {
            let range = clamp_span(text, &edit.range);
            Fix {
                start: range.start,
                end: range.end,
                replacement: &edit.replacement,
            }
        }),
        attributed: d.attributed,
    }
}

/// Every finding as the object this format prints, in output order.
pub(super) fn findings(reports: &[FileReport]) -> Vec<impl Serialize + '_> {
    let mut findings = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        findings.extend(
            in_order(report)
                .into_iter()
                .map(|d| finding(report, &index, d)),
        );
    }
    findings
}

/// Writes the array, pretty-printed with two-space indents and a final newline.
pub fn write(out: &mut dyn io::Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &findings(reports))?;
    out.write_all(b"\n")
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Serializing borrowed strings and integers into memory cannot fail.
    let _ = write(&mut out, reports);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use serde_json::{json, Value};

    use super::*;
    use crate::diagnostic::Edit;
    use crate::emit::test_support::{finding as make, report};

    fn parse(reports: &[FileReport]) -> Value {
        let text = render(reports);
        assert!(text.ends_with("]\n"), "{text:?}");
        serde_json::from_str(&text).expect("output is JSON")
    }

    #[test]
    fn no_reports_is_an_empty_array() {
        assert_eq!(render(&[]), "[]\n");
        assert_eq!(render(&[report("a.md", "text", vec![])]), "[]\n");
    }

    #[test]
    fn every_field_of_a_full_finding() {
        let text = "# Russia–Iran treaty\n\n“Its 45 articles”, Lavrov said.\n";
        let mut d = make(
            text,
            "45 articles",
            "ru-ir-treaty/article-count",
            Kind::Contradiction,
            Severity::Error,
        );
        d.message = "the treaty has 47 articles, not 45".into();
        d.label = "states 45 articles".into();
        d.note = "the treaty has 47 articles (kremlin.ru, 2025-01-17)".into();
        d.help = Some("write \"47 articles\"".into());
        d.found = Some("45 articles".into());
        d.expected = Some("47 articles".into());
        let at45 = text.find("45").unwrap();
        d.fix = Some(Edit {
            range: at45..at45 + 2,
            replacement: "47".into(),
        });
        d.attributed = true;

        let value = parse(&[report("drafts/treaty.md", text, vec![d])]);
        // "Russia–Iran" is on line 1; the quote mark before "Its" is three
        // bytes but one column.
        assert_eq!(
            value,
            json!([{
                "path": "drafts/treaty.md",
                "rule": "ru-ir-treaty/article-count",
                "kind": "contradiction",
                "severity": "error",
                "message": "the treaty has 47 articles, not 45",
                "span": {
                    "start": at45,
                    "end": at45 + 11,
                    "line": 3,
                    "column": 6,
                    "end_line": 3,
                    "end_column": 17
                },
                "found": "45 articles",
                "expected": "47 articles",
                "help": "write \"47 articles\"",
                "note": "the treaty has 47 articles (kremlin.ru, 2025-01-17)",
                "fix": {"start": at45, "end": at45 + 2, "replacement": "47"},
                "attributed": true
            }])
        );
        assert_eq!(&text[at45..at45 + 11], "45 articles");
    }

    #[test]
    fn optional_fields_are_left_out() {
        let text = "Iran and Russia signed a treaty.";
        let d = make(
            text,
            "treaty",
            "ru-ir-treaty/date",
            Kind::Unstated,
            Severity::Warning,
        );
        let value = parse(&[report("a.txt", text, vec![d])]);
        let object = value[0].as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = ["path", "rule", "kind", "severity", "message", "span"];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(value[0]["kind"], "unstated");
        assert_eq!(value[0]["severity"], "warning");
    }

    #[test]
    fn fields_appear_in_the_documented_order() {
        let text = "x 45";
        let mut d = make(text, "45", "s/n", Kind::Contradiction, Severity::Info);
        d.note = "n".into();
        d.help = Some("h".into());
        d.found = Some("45".into());
        d.expected = Some("47".into());
        d.fix = Some(Edit {
            range: 2..4,
            replacement: "47".into(),
        });
        d.attributed = true;
        let text = render(&[report("a.txt", text, vec![d])]);
        let order = [
            "\"path\"",
            "\"rule\"",
            "\"kind\"",
            "\"severity\"",
            "\"message\"",
            "\"span\"",
            "\"found\"",
            "\"expected\"",
            "\"help\"",
            "\"note\"",
            "\"fix\"",
            "\"attributed\"",
        ];
        let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(
            text.contains("\n  {\n    \"path\""),
            "two-space indent: {text}"
        );
    }

    #[test]
    fn span_end_is_the_position_after_the_span() {
        // The span runs from "Russia–Iran" on line 1 into line 2 of a CRLF
        // file, ending just before "signed".
        let text = "The Russia–Iran\r\ntreaty signed";
        let start = text.find("Russia").unwrap();
        let end = text.find(" signed").unwrap();
        let mut d = make(text, "Russia", "s/x", Kind::Contradiction, Severity::Error);
        d.span = start..end;
        let value = parse(&[report("a.md", text, vec![d])]);
        let span = &value[0]["span"];
        assert_eq!(span["start"], 4);
        assert_eq!(span["end"], end);
        assert_eq!((&span["line"], &span["column"]), (&json!(1), &json!(5)));
        assert_eq!(
            (&span["end_line"], &span["end_column"]),
            (&json!(2), &json!(7))
        );
    }

    #[test]
    fn columns_count_characters_after_multibyte_text() {
        let text = "Russia–Iran: 45";
        let d = make(text, "45", "s/n", Kind::Contradiction, Severity::Error);
        let value = parse(&[report("a.md", text, vec![d])]);
        let span = &value[0]["span"];
        // 15 bytes but 13 characters precede "45".
        assert_eq!(span["start"], 15);
        assert_eq!(span["column"], 14);
        assert_eq!(span["end_column"], 16);
    }

    #[test]
    fn bad_offsets_are_clamped_to_the_text() {
        let text = "Russia–Iran";
        let dash = text.find('–').unwrap();
        let mut inside = make(text, "Iran", "s/a", Kind::Unstated, Severity::Info);
        inside.span = dash + 1..dash + 2;
        inside.fix = Some(Edit {
            range: Range { start: 50, end: 40 },
            replacement: String::new(),
        });
        let mut past = make(text, "Iran", "s/b", Kind::Unstated, Severity::Info);
        past.span = 100..200;
        let value = parse(&[report("a.md", text, vec![inside, past])]);
        assert_eq!(value[0]["span"]["start"], dash);
        assert_eq!(value[0]["span"]["end"], dash + 3);
        assert_eq!(value[0]["span"]["column"], 7);
        assert_eq!(value[0]["span"]["end_column"], 8);
        assert_eq!(
            value[0]["fix"],
            json!({"start": text.len(), "end": text.len(), "replacement": ""})
        );
        assert_eq!(value[1]["span"]["start"], text.len());
        assert_eq!(value[1]["span"]["end"], text.len());
        assert_eq!(value[1]["span"]["column"], 12);
    }

    #[test]
    fn findings_follow_file_order_then_span_start() {
        let text = "alpha beta";
        let b = |rule: &str, needle: &str| make(text, needle, rule, Kind::Unstated, Severity::Info);
        let value = parse(&[
            report("z.md", text, vec![b("s/2", "beta"), b("s/1", "alpha")]),
            report("a.md", text, vec![b("s/3", "alpha")]),
        ]);
        let order: Vec<(&str, &str)> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
            .collect();
        assert_eq!(order, [("z.md", "s/1"), ("z.md", "s/2"), ("a.md", "s/3")]);
    }
}
