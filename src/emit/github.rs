//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff and the run's summary.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
//! with `warning` and `notice` for the other severities. Lines and columns
//! are 1-based; columns count characters, as the other text formats do.
//! The runner splits a command at `::`, its properties at `,` and `=`, and
//! the whole at line breaks, so those are percent-encoded where they would
//! be misread (the encoding the runner decodes; see `escapeData` and
//! `escapeProperty` in `@actions/core`). Paths lose a leading `./`, as
//! annotations are matched to files by their path from the repository root.

use std::fmt::Write as _;

use crate::diagnostic::{FileReport, Severity};
use crate::source::LineIndex;

use super::{clamp_span, in_order, position};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for d in in_order(report) {
            let span = clamp_span(&report.source, &d.span);
            let start = position(&report.source, &index, span.start);
            let end = position(&report.source, &index, span.end);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(report.path.trim_start_matches("./")),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&d.rule),
                escape_data(&message),
            );
        }
    }
    out
}

/// A message: `%` first, so the escapes added after it are not escaped again.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value also must not hold the separators `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn one_command_a_finding_with_escapes() {
        let (reports, _) = fixture();
        let out = render(&reports);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::notice file=drafts/treaty.md,line=1,col=5,endLine=1,endColumn=16,\
                 title=ru-ir-treaty/no-mutual-defense::100%25 sure, A&B: \"no <mutual> defense\"%0Anot stated",
                "::warning file=drafts/treaty.md,line=1,col=17,endLine=1,endColumn=23,\
                 title=ru-ir-treaty/term::the draft is about the treaty but never states: The treaty runs for 20 years.",
                "::error file=drafts/treaty.md,line=3,col=16,endLine=3,endColumn=27,\
                 title=ru-ir-treaty/article-count::\"45 articles\" contradicts the source, \
                 which says 47 articles%0Ahelp: write \"47 articles\"",
                "::warning file=drafts/treaty.md,line=5,col=9,endLine=5,endColumn=20,\
                 title=ru-ir-treaty/article-count::\"46 articles\" contradicts the source, \
                 which says 47 articles (in reported speech)",
                "::error file=drafts/q&a%2C v2.md,line=2,col=28,endLine=2,endColumn=36,\
                 title=ru-ir-treaty/term::\"10 years\" contradicts the source, which says 20 years",
            ]
        );
        assert!(out.ends_with('\n'));
    }

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50%\r\n:,"), "50%25%0D%0A:,");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // Already-escaped-looking text is escaped again, not passed through.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn no_findings_no_commands() {
        assert_eq!(render(&[]), "");
    }
}
