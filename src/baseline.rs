//! Baselines: the findings a project has accepted for now, so that a check
//! reports only new ones.
//!
//! A finding is recorded by file, rule, kind and the text it flags, not by
//! line, so that an edit above a finding does not bring it back. Identical
//! findings in one file are counted: a baseline with two "45 articles" lets
//! two through, and a third is new. Paths are stored relative to the
//! baseline file's folder, so the check can run from any folder.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::absolute;
use crate::diagnostic::{FileReport, Kind};
use crate::emit::{clamp_span, in_order};

const VERSION: u32 = 1;

/// Accepted findings and how many of each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    path: String,
    rule: String,
    kind: &'static str,
    text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    kind: Kind,
    text: String,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

impl Baseline {
    /// The findings of `reports`. `cwd` is what report paths are relative
    /// to; `base` the folder of the baseline file.
    pub fn of(reports: &[FileReport], cwd: &Path, base: &Path) -> Baseline {
        let mut counts = BTreeMap::new();
        for report in reports {
            for key in keys(report, cwd, base) {
                *counts.entry(key).or_insert(0) += 1;
            }
        }
        Baseline { counts }
    }

    /// The baseline file's text: pretty JSON, entries sorted, so that it
    /// diffs well under version control.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| Entry {
                    path: key.path.clone(),
                    rule: key.rule.clone(),
                    kind: if key.kind == Kind::Unstated.as_str() {
                        Kind::Unstated
                    } else {
                        Kind::Contradiction
                    },
                    text: key.text.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this factlint writes version {VERSION})",
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            let key = Key {
                path: entry.path,
                rule: entry.rule,
                kind: entry.kind.as_str(),
                text: entry.text,
            };
            *counts.entry(key).or_insert(0) += entry.count;
        }
        Ok(Baseline { counts })
    }

    /// Removes the findings this baseline accounts for from `reports`, in
    /// each file from the top, and returns how many were removed.
    pub fn filter(&self, reports: &mut [FileReport], cwd: &Path, base: &Path) -> usize {
        let mut left = self.counts.clone();
        let mut removed = 0;
        for report in reports.iter_mut() {
            let mut keep = vec![true; report.diagnostics.len()];
            let order = ordered_indexes(report);
            for (i, key) in order.into_iter().zip(keys(report, cwd, base)) {
                if let Some(n) = left.get_mut(&key).filter(|n| **n > 0) {
                    *n -= 1;
                    keep[i] = false;
                    removed += 1;
                }
            }
            let mut flags = keep.into_iter();
            report.diagnostics.retain(|_| flags.next().unwrap_or(true));
        }
        removed
    }
}

/// Indexes into `report.diagnostics` in output order.
fn ordered_indexes(report: &FileReport) -> Vec<usize> {
    let mut indexes: Vec<usize> = (0..report.diagnostics.len()).collect();
    indexes.sort_by_key(|&i| {
        let span = &report.diagnostics[i].span;
        (span.start, span.end)
    });
    indexes
}

/// The key of each finding of a report, in output order.
fn keys(report: &FileReport, cwd: &Path, base: &Path) -> Vec<Key> {
    let path = stored_path(&report.path, cwd, base);
    in_order(report)
        .into_iter()
        .map(|d| Key {
            path: path.clone(),
            rule: d.rule.clone(),
            kind: d.kind.as_str(),
            text: report.source[clamp_span(&report.source, &d.span)].to_owned(),
        })
        .collect()
}

fn stored_path(path: &str, cwd: &Path, base: &Path) -> String {
    if path == "-" {
        return path.to_owned();
    }
    let full = absolute(cwd, Path::new(path));
    let base = absolute(cwd, base);
    let shown = full.strip_prefix(&base).unwrap_or(&full);
    shown.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::emit::test_support::{finding, report};

    fn draft(text: &str) -> FileReport {
        let mut findings = Vec::new();
        let mut from = 0;
        while let Some(at) = text[from..].find("45 articles") {
            let mut d = finding(
                text,
                "45 articles",
                "ru-ir-treaty/article-count",
                Kind::Contradiction,
                Severity::Error,
            );
            d.span = from + at..from + at + 11;
            findings.push(d);
            from += at + 11;
        }
        findings.push(finding(
            text,
            "treaty",
            "ru-ir-treaty/term",
            Kind::Unstated,
            Severity::Warning,
        ));
        report("drafts/a.md", text, findings)
    }

    #[test]
    fn writes_sorted_entries_with_counts() {
        let cwd = Path::new("/project");
        let text = "The treaty has 45 articles. Yes, 45 articles.";
        let baseline = Baseline::of(&[draft(text)], cwd, Path::new("/project"));
        assert_eq!(
            baseline.to_json(),
            r#"{
  "version": 1,
  "findings": [
    {
      "path": "drafts/a.md",
      "rule": "ru-ir-treaty/article-count",
      "kind": "contradiction",
      "text": "45 articles",
      "count": 2
    },
    {
      "path": "drafts/a.md",
      "rule": "ru-ir-treaty/term",
      "kind": "unstated",
      "text": "treaty",
      "count": 1
    }
  ]
}
"#
        );
        assert_eq!(Baseline::parse(&baseline.to_json()).unwrap(), baseline);
    }

    #[test]
    fn an_edit_above_a_finding_does_not_bring_it_back() {
        let cwd = Path::new("/project");
        let before = "The treaty has 45 articles.";
        let baseline = Baseline::of(&[draft(before)], cwd, cwd);
        let after = "A new first paragraph.\n\nAnother.\n\nThe treaty has 45 articles.";
        let mut reports = vec![draft(after)];
        assert_eq!(baseline.filter(&mut reports, cwd, cwd), 2);
        assert!(reports[0].diagnostics.is_empty());
    }

    #[test]
    fn a_new_finding_and_an_extra_duplicate_are_reported() {
        let cwd = Path::new("/project");
        let baseline = Baseline::of(&[draft("The treaty has 45 articles.")], cwd, cwd);
        let mut reports = vec![draft("45 articles, the treaty. Later: 45 articles.")];
        assert_eq!(baseline.filter(&mut reports, cwd, cwd), 2);
        let left: Vec<(usize, &str)> = reports[0]
            .diagnostics
            .iter()
            .map(|d| (d.span.start, d.rule.as_str()))
            .collect();
        // The first "45 articles" is the accepted one; the second is new.
        assert_eq!(left, [(32, "ru-ir-treaty/article-count")]);
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let text = "The treaty has 45 articles.";
        // Written from the project root, checked from inside `drafts/`.
        let baseline = Baseline::of(&[draft(text)], Path::new("/p"), Path::new("/p"));
        let mut inside = vec![report("a.md", text, draft(text).diagnostics)];
        assert_eq!(
            baseline.filter(&mut inside, Path::new("/p/drafts"), Path::new("..")),
            2
        );
        // Another file with the same text is not covered.
        let mut other = vec![report("drafts/b.md", text, draft(text).diagnostics)];
        assert_eq!(
            baseline.filter(&mut other, Path::new("/p"), Path::new("/p")),
            0
        );
    }

    #[test]
    fn bad_baselines_are_errors_not_panics() {
        assert!(Baseline::parse("").is_err());
        assert!(Baseline::parse("{\"version\": 1}")
            .unwrap_err()
            .contains("missing field `findings`"));
        assert_eq!(
            Baseline::parse("{\"version\": 9, \"findings\": []}").unwrap_err(),
            "baseline version 9 is not supported (this factlint writes version 1)"
        );
        assert!(Baseline::parse("{\"version\": 1, \"findings\": [{\"path\": 1}]}").is_err());
    }
}
