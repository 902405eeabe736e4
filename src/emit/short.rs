//! `path:line:col: severity[rule]: message`, one finding a line: the shape
//! vim's and emacs's compilation modes parse without configuration.

use std::fmt::Write as _;

use crate::diagnostic::FileReport;
use crate::source::LineIndex;

use super::{clamp_span, in_order, one_line};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let index = LineIndex::new(&report.source);
        for diagnostic in in_order(report) {
            let span = clamp_span(&report.source, &diagnostic.span);
            let (line, column) = index.line_col(&report.source, span.start);
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{}:{line}:{column}: {}[{}]: {}",
                report.path,
                diagnostic.severity,
                diagnostic.rule,
                one_line(&diagnostic.message),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;
    use crate::diagnostic::{Kind, Severity};
    use crate::emit::test_support::{finding, report};

    #[test]
    fn one_line_per_finding_in_span_order() {
        let text = "# Russia–Iran treaty\n\nThe treaty has 45 articles.\r\nSigned in 2025.\n";
        let mut late = finding(
            text,
            "2025",
            "ru-ir/signed",
            Kind::Unstated,
            Severity::Warning,
        );
        late.message = "the signing date is not stated".into();
        let mut early = finding(
            text,
            "45",
            "ru-ir/article-count",
            Kind::Contradiction,
            Severity::Error,
        );
        early.message = "the treaty has 47 articles, not 45".into();
        let mut title = finding(text, "treaty", "ru-ir/name", Kind::Unstated, Severity::Info);
        title.message = "the treaty's full\nname is not given".into();
        let out = render(&[
            report("drafts/a.md", text, vec![late, early, title]),
            report("drafts/b.md", "", vec![]),
        ]);
        assert_eq!(
            out,
            "drafts/a.md:1:15: info[ru-ir/name]: the treaty's full name is not given\n\
             drafts/a.md:3:16: error[ru-ir/article-count]: the treaty has 47 articles, not 45\n\
             drafts/a.md:4:11: warning[ru-ir/signed]: the signing date is not stated\n"
        );
    }

    #[test]
    fn out_of_range_spans_point_at_the_end() {
        let text = "ab\ncé";
        let mut d = finding(text, "é", "s/x", Kind::Unstated, Severity::Info);
        d.span = Range { start: 5, end: 2 }; // inside "é", and reversed
        let mut far = d.clone();
        far.span = 100..200;
        let out = render(&[report("x.txt", text, vec![d, far])]);
        assert_eq!(
            out,
            "x.txt:2:2: info[s/x]: unstated finding\nx.txt:2:3: info[s/x]: unstated finding\n"
        );
    }

    #[test]
    fn no_reports_no_output() {
        assert_eq!(render(&[]), "");
    }
}
