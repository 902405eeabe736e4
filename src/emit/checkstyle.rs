//! Checkstyle XML, read by many CI dashboards and review tools
//! (Jenkins' warnings plugin, reviewdog's `-f=checkstyle`, SonarQube).
//!
//! Every checked file is listed, with or without findings, as Checkstyle
//! does; columns are 1-based and count characters.

use std::fmt::Write as _;

use crate::diagnostic::FileReport;
use crate::source::LineIndex;

use super::xml::escape;
use super::{clamp_span, in_order, position};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<checkstyle version=\"4.3\">\n");
    for report in reports {
        let index = LineIndex::new(&report.source);
        let findings = in_order(report);
        if findings.is_empty() {
            let _ = writeln!(out, "  <file name=\"{}\"/>", escape(&report.path, true));
            continue;
        }
        let _ = writeln!(out, "  <file name=\"{}\">", escape(&report.path, true));
        for d in findings {
            let span = clamp_span(&report.source, &d.span);
            let start = position(&report.source, &index, span.start);
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"factlint.{}\"/>",
                start.line,
                start.column,
                d.severity,
                escape(&d.message, true),
                escape(&d.rule, true),
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn snapshot() {
        let (reports, _) = fixture();
        let out = render(&reports);
        assert!(out.contains(
            "<file name=\"drafts/q&amp;a, v2.md\">\n    <error line=\"2\" column=\"28\" severity=\"error\""
        ));
        assert!(out.contains(
            "message=\"100% sure, A&amp;B: &quot;no &lt;mutual&gt; defense&quot;&#10;not stated\""
        ));
        assert!(out.contains("  <file name=\"drafts/off-topic.txt\"/>\n"));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn no_files_is_an_empty_report() {
        assert_eq!(
            render(&[]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
    }
}
