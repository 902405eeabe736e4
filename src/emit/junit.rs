//! JUnit XML, which CI systems show as test results (GitLab's merge-request
//! test report, Jenkins, Azure Pipelines, CircleCI).
//!
//! A test suite per checked file and a test case per file and fact, so the
//! facts a draft gets right appear as passing tests. Every finding fails
//! its test case, whatever its severity: the `type` attribute carries the
//! severity for readers who filter. Several findings of one fact in one file
//! share a single `<failure>`, as JUnit allows one per test case.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::LineIndex;

use super::xml::escape;
use super::{all_rules, clamp_span, in_order, one_line, position, RuleInfo};

pub fn render(reports: &[FileReport], rules: &[RuleInfo]) -> String {
    let rules = all_rules(reports, rules);
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for report in reports {
        let index = LineIndex::new(&report.source);
        let findings = in_order(report);
        let mut cases = String::new();
        let mut suite_failures = 0;
        for rule in &rules {
            let mine: Vec<&Diagnostic> = findings
                .iter()
                .copied()
                .filter(|d| d.rule == rule.id())
                .collect();
            let _ = write!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\"",
                escape(rule.id(), true),
                escape(&report.path, true)
            );
            if mine.is_empty() {
                cases.push_str("/>\n");
                continue;
            }
            suite_failures += 1;
            let severity = mine
                .iter()
                .map(|d| d.severity)
                .max()
                .unwrap_or(Severity::Info);
            let message = match mine.len() {
                1 => one_line(&mine[0].message),
                n => format!("{n} findings; the first: {}", one_line(&mine[0].message)),
            };
            let mut body = String::new();
            for d in &mine {
                let span = clamp_span(&report.source, &d.span);
                let start = position(&report.source, &index, span.start);
                let _ = writeln!(
                    body,
                    "{}:{}:{}: {}[{}]: {}",
                    report.path,
                    start.line,
                    start.column,
                    d.severity,
                    d.rule,
                    one_line(&d.message)
                );
                if let Some(help) = &d.help {
                    let _ = writeln!(body, "  help: {}", one_line(help));
                }
            }
            let _ = write!(
                cases,
                ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                escape(&message, true),
                severity,
                escape(&body, false)
            );
        }
        tests += rules.len();
        failures += suite_failures;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"0\">",
            escape(&report.path, true),
            rules.len(),
        );
        suites.push_str(&cases);
        suites.push_str("  </testsuite>\n");
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"factlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    out.push_str(&suites);
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn a_case_per_file_and_fact() {
        let (reports, rules) = fixture();
        let out = render(&reports, &rules);
        assert!(out.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"factlint\" tests=\"12\" failures=\"4\" errors=\"0\">\n\
             \x20 <testsuite name=\"drafts/treaty.md\" tests=\"4\" failures=\"3\" errors=\"0\" skipped=\"0\">\n"
        ));
        assert_eq!(out.matches("<testcase ").count(), 12);
        assert_eq!(out.matches("<failure ").count(), 4);
        // Two findings of one fact in one file: one failure, both listed.
        assert!(out.contains(
            "<failure message=\"2 findings; the first: &quot;45 articles&quot; contradicts the source, \
             which says 47 articles\" type=\"error\">drafts/treaty.md:3:16: error[ru-ir-treaty/article-count]: \
             \"45 articles\" contradicts the source, which says 47 articles\n  help: write \"47 articles\"\n\
             drafts/treaty.md:5:9: warning[ru-ir-treaty/article-count]:"
        ));
        assert!(out.contains(
            "<testcase name=\"ru-ir-treaty/signing-date\" classname=\"drafts/q&amp;a, v2.md\"/>"
        ));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn no_files_no_suites() {
        assert_eq!(
            render(&[], &[]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"factlint\" tests=\"0\" failures=\"0\" errors=\"0\">\n</testsuites>\n"
        );
    }
}
