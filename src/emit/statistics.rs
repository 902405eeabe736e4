//! `--statistics`: how many findings each rule produced, instead of the
//! findings themselves, to see at a glance what a corpus gets wrong most.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::{FileReport, Kind, Severity};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub count: usize,
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
}

/// One row per rule, kind and severity, the most frequent first; ties by
/// rule id, kind, then the more severe first, so the order is stable.
pub fn rows(reports: &[FileReport]) -> Vec<Row> {
    let mut counts: BTreeMap<(&str, &str, Severity), (usize, Kind)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let entry = counts
            .entry((d.rule.as_str(), d.kind.as_str(), d.severity))
            .or_insert((0, d.kind));
        entry.0 += 1;
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|((rule, _, severity), (count, kind))| Row {
            count,
            rule: rule.to_owned(),
            kind,
            severity,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
            .then_with(|| b.severity.cmp(&a.severity))
    });
    rows
}

/// An aligned table, `count  rule  kind  severity` a line.
pub fn render_text(rows: &[Row]) -> String {
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let _ = writeln!(
            out,
            "{:>count_width$}  {:<rule_width$}  {:<13}  {}",
            row.count,
            row.rule,
            row.kind.as_str(),
            row.severity
        );
    }
    out
}

/// A JSON array of `{count, rule, kind, severity}`.
pub fn render_json(rows: &[Row]) -> String {
    let mut text = serde_json::to_string_pretty(rows).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn counts_per_rule_kind_and_severity() {
        let (reports, _) = fixture();
        let rows = rows(&reports);
        assert_eq!(
            render_text(&rows),
            "1  ru-ir-treaty/article-count      contradiction  error\n\
             1  ru-ir-treaty/article-count      contradiction  warning\n\
             1  ru-ir-treaty/no-mutual-defense  unstated       info\n\
             1  ru-ir-treaty/term               contradiction  error\n\
             1  ru-ir-treaty/term               unstated       warning\n"
        );
        let mut doubled = reports.clone();
        doubled.extend(reports);
        let rows = super::rows(&doubled);
        assert_eq!(rows[0].count, 2);
        assert_eq!(
            render_json(&rows[..1]),
            "[\n  {\n    \"count\": 2,\n    \"rule\": \"ru-ir-treaty/article-count\",\n    \
             \"kind\": \"contradiction\",\n    \"severity\": \"error\"\n  }\n]\n"
        );
    }

    #[test]
    fn no_findings_no_rows() {
        assert_eq!(render_text(&rows(&[])), "");
        assert_eq!(render_json(&[]), "[]\n");
    }
}
