//! Diagnostics to bytes, one module per output format.
//!
//! Every format is a function of the reports alone: nothing here knows how a
//! finding was made, only where it points and what it says.

pub mod human;
pub mod json;
pub mod short;

use std::fmt;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, FileReport, Severity};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
#[value(rename_all = "lowercase")]
pub enum Format {
    /// rustc-style: header, source line with the span underlined, notes.
    #[default]
    Human,
    /// `path:line:col: severity[rule]: message`, one a line, for quickfix lists.
    Short,
    /// One pretty-printed JSON array of findings.
    Json,
}

impl Format {
    /// Renders `reports` in this format. `color` only affects [`Format::Human`]:
    /// the other formats are read by programs, which must not see escapes.
    pub fn render(self, reports: &[FileReport], color: bool) -> Vec<u8> {
        match self {
            Format::Human => human::render(reports, color),
            Format::Short => short::render(reports).into_bytes(),
            Format::Json => json::render(reports).into_bytes(),
        }
    }
}

/// Counts over a run, for the closing line and the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files_with_findings: usize,
    pub files_checked: usize,
}

impl Summary {
    /// `files_checked` is passed in because files without findings (and files
    /// that were skipped) may never have produced a report.
    pub fn of(reports: &[FileReport], files_checked: usize) -> Summary {
        let mut summary = Summary {
            files_checked,
            ..Summary::default()
        };
        for report in reports {
            if !report.diagnostics.is_empty() {
                summary.files_with_findings += 1;
            }
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// One line for the end of a run, e.g. `2 errors, 1 warning in 2 of 5 files`
    /// or `no problems in 5 files`.
    pub fn line(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A caller that counts checked files differently from reports must not
        // make the line claim more files had findings than were checked.
        let checked = self.files_checked.max(self.files_with_findings);
        if self.findings() == 0 {
            return match checked {
                0 => f.write_str("no files checked"),
                n => write!(f, "no problems in {}", plural(n, "file", "files")),
            };
        }
        let counts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            // "info" reads as a mass noun; "3 infos" would look like a typo.
            (self.infos, "info", "info"),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        write!(f, "{} in ", counts.join(", "))?;
        if self.files_with_findings == checked {
            f.write_str(&plural(checked, "file", "files"))
        } else {
            write!(
                f,
                "{} of {}",
                self.files_with_findings,
                plural(checked, "file", "files")
            )
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The diagnostics of a report in the order they are printed: by where they
/// start, so output reads top to bottom whatever order the checks ran in.
/// The sort is stable, so findings on one span keep their rule order.
pub(crate) fn in_order(report: &FileReport) -> Vec<&Diagnostic> {
    let mut diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics
}

/// A message is meant to be one line; a stray newline would split a finding
/// into two entries of a quickfix list, or push the locus off the line after
/// a rustc-style header.
pub(crate) fn one_line(message: &str) -> String {
    message
        .split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A span made safe to index `text` with: both ends within the text and on
/// char boundaries, and not reversed. The start moves back and the end forward
/// so a span cut inside a character still covers that character.
pub(crate) fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_boundary(text, span.start);
    let end = ceil_boundary(text, span.end).max(start);
    start..end
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::diagnostic::{Diagnostic, FileReport, Kind, Severity};

    /// A diagnostic on the first occurrence of `needle` in `source`, with
    /// only the fields every finding has.
    pub fn finding(
        source: &str,
        needle: &str,
        rule: &str,
        kind: Kind,
        severity: Severity,
    ) -> Diagnostic {
        let start = source
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in source"));
        Diagnostic {
            rule: rule.to_string(),
            kind,
            severity,
            message: format!("{} finding", kind.as_str()),
            span: start..start + needle.len(),
            label: String::new(),
            note: String::new(),
            help: None,
            found: None,
            expected: None,
            fix: None,
            attributed: false,
        }
    }

    pub fn report(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: path.to_string(),
            source: source.to_string(),
            diagnostics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{finding, report};
    use super::*;
    use crate::diagnostic::Kind;

    fn summary(
        errors: usize,
        warnings: usize,
        infos: usize,
        with: usize,
        checked: usize,
    ) -> String {
        Summary {
            errors,
            warnings,
            infos,
            files_with_findings: with,
            files_checked: checked,
        }
        .line()
    }

    #[test]
    fn summary_counts_by_severity_and_file() {
        let text = "a b c";
        let reports = [
            report(
                "a.md",
                text,
                vec![
                    finding(text, "a", "s/a", Kind::Contradiction, Severity::Error),
                    finding(text, "b", "s/b", Kind::Unstated, Severity::Warning),
                    finding(text, "c", "s/c", Kind::Contradiction, Severity::Error),
                ],
            ),
            report("b.md", text, vec![]),
            report(
                "c.md",
                text,
                vec![finding(text, "a", "s/a", Kind::Unstated, Severity::Info)],
            ),
        ];
        let s = Summary::of(&reports, 5);
        assert_eq!(
            s,
            Summary {
                errors: 2,
                warnings: 1,
                infos: 1,
                files_with_findings: 2,
                files_checked: 5
            }
        );
        assert_eq!(s.line(), "2 errors, 1 warning, 1 info in 2 of 5 files");
    }

    #[test]
    fn summary_wording() {
        assert_eq!(summary(0, 0, 0, 0, 5), "no problems in 5 files");
        assert_eq!(summary(0, 0, 0, 0, 1), "no problems in 1 file");
        assert_eq!(summary(0, 0, 0, 0, 0), "no files checked");
        assert_eq!(summary(1, 0, 0, 1, 1), "1 error in 1 file");
        assert_eq!(summary(3, 2, 0, 2, 2), "3 errors, 2 warnings in 2 files");
        assert_eq!(summary(0, 2, 0, 1, 2), "2 warnings in 1 of 2 files");
        assert_eq!(summary(0, 0, 3, 1, 1), "3 info in 1 file");
        // More files with findings than checked is a caller's slip, not a
        // reason to print "3 of 1 file".
        assert_eq!(summary(3, 0, 0, 3, 1), "3 errors in 3 files");
    }

    #[test]
    fn diagnostics_are_ordered_by_span_start() {
        let text = "one two three";
        let r = report(
            "a.md",
            text,
            vec![
                finding(text, "three", "s/3", Kind::Unstated, Severity::Info),
                finding(text, "one", "s/1", Kind::Unstated, Severity::Info),
                finding(text, "two", "s/2", Kind::Unstated, Severity::Info),
            ],
        );
        let rules: Vec<&str> = in_order(&r).iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["s/1", "s/2", "s/3"]);
    }

    #[test]
    fn clamped_spans_index_safely() {
        let text = "a–b"; // the dash is bytes 1..4
        assert_eq!(clamp_span(text, &(0..1)), 0..1);
        assert_eq!(clamp_span(text, &(2..3)), 1..4);
        assert_eq!(clamp_span(text, &(3..99)), 1..5);
        assert_eq!(clamp_span(text, &(99..100)), 5..5);
        assert_eq!(clamp_span(text, &Range { start: 4, end: 2 }), 4..4);
        assert_eq!(clamp_span("", &(3..7)), 0..0);
        for start in 0..7 {
            for end in 0..7 {
                let span = clamp_span(text, &(start..end));
                assert!(text.get(span).is_some());
            }
        }
    }

    #[test]
    fn format_names_are_lowercase() {
        use clap::ValueEnum;
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(names, ["human", "short", "json"]);
    }
}
