//! Diagnostics to bytes, one module per output format.
//!
//! Every format is a function of the reports alone: nothing here knows how a
//! finding was made, only where it points and what it says.

pub mod checkstyle;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod rdjson;
pub mod sarif;
pub mod short;
pub mod statistics;
mod xml;

use std::fmt;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::rules::RuleSet;
use crate::source::LineIndex;

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
    /// The objects of `json`, one a line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: a test case per file and fact, for CI test reports.
    Junit,
    /// Checkstyle XML, for tools that read Checkstyle reports.
    Checkstyle,
    /// reviewdog's diagnostic format (rdjson).
    Rdjson,
}

impl Format {
    /// Renders `reports` in this format. `rules` describes every rule that
    /// ran, for the formats that list rules (SARIF) or passing checks
    /// (JUnit). `color` only affects [`Format::Human`]: the other formats are
    /// read by programs, which must not see escapes.
    pub fn render(self, reports: &[FileReport], rules: &[RuleInfo], color: bool) -> Vec<u8> {
        match self {
            Format::Human => human::render(&for_terminal(reports), color),
            Format::Short => short::render(&for_terminal(reports)).into_bytes(),
            Format::Json => json::render(reports).into_bytes(),
            Format::Jsonl => jsonl::render(reports).into_bytes(),
            Format::Sarif => sarif::render(reports, rules).into_bytes(),
            Format::Github => github::render(reports).into_bytes(),
            Format::Junit => junit::render(reports, rules).into_bytes(),
            Format::Checkstyle => checkstyle::render(reports).into_bytes(),
            Format::Rdjson => rdjson::render(reports).into_bytes(),
        }
    }
}

/// What the formats that describe rules need to know of one: its id, the
/// fact in words, the consistent wording, and how severe its findings are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub claim: String,
    pub help: Option<String>,
    /// Severity of contradictions; `None` when turned off.
    pub contradiction: Option<Severity>,
    /// Severity of "unstated" findings; `None` when turned off.
    pub unstated: Option<Severity>,
}

impl RuleInfo {
    /// Every fact of every subject, in rule-file order.
    pub fn of(rules: &RuleSet) -> Vec<RuleInfo> {
        rules
            .subjects
            .iter()
            .flat_map(|s| &s.facts)
            .map(|f| RuleInfo {
                id: f.rule.clone(),
                claim: f.claim.clone(),
                help: f.help.clone(),
                contradiction: f.contradiction,
                unstated: f.unstated,
            })
            .collect()
    }
}

/// The rules to describe: those given, then any that only findings name (a
/// finding always has a rule, but callers need not pass every rule).
pub(crate) fn all_rules<'a>(reports: &'a [FileReport], rules: &'a [RuleInfo]) -> Vec<RuleRef<'a>> {
    let mut out: Vec<RuleRef<'a>> = rules.iter().map(RuleRef::Known).collect();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        if !out.iter().any(|r| r.id() == d.rule) {
            out.push(RuleRef::Unknown(&d.rule));
        }
    }
    out
}

/// A rule as described by [`RuleInfo`], or only by its id.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RuleRef<'a> {
    Known(&'a RuleInfo),
    Unknown(&'a str),
}

impl<'a> RuleRef<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            RuleRef::Known(info) => &info.id,
            RuleRef::Unknown(id) => id,
        }
    }
}

/// Line and column of a byte offset in the units each format counts in.
/// Lines are 1-based everywhere; columns are 1-based too (the 0-based
/// conventions of LSP are not used by any format here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    /// Unicode scalar values before the offset on its line, plus one.
    pub column: usize,
    /// UTF-16 code units before the offset on its line, plus one (SARIF's default).
    pub column_utf16: usize,
    /// Bytes before the offset on its line, plus one (reviewdog's unit).
    pub column_byte: usize,
}

pub(crate) fn position(text: &str, index: &LineIndex, offset: usize) -> Position {
    let offset = floor_boundary(text, offset);
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let before = &text[start..offset];
    Position {
        line: line + 1,
        column: before.chars().count() + 1,
        column_utf16: before.encode_utf16().count() + 1,
        column_byte: before.len() + 1,
    }
}

/// A path as a URI reference for SARIF: relative paths stay relative, with
/// forward slashes and without a leading `./`; absolute ones become `file:`
/// URIs. Characters a URI cannot hold are percent-encoded.
pub(crate) fn path_uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    let encoded = percent_encode(&path);
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else if is_windows_absolute(&path) {
        format!("file:///{encoded}")
    } else if encoded
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        // `a:b.md` would read as a URI with scheme `a`.
        format!("./{encoded}")
    } else {
        encoded
    }
}

fn is_windows_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/'
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            );
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

pub(crate) fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::RuleInfo;
    use crate::diagnostic::{Diagnostic, Edit, FileReport, Kind, Severity};

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

    /// The findings every machine format is tested on, so that their tests
    /// can be read side by side:
    ///
    /// - `drafts/treaty.md`: a contradiction with a fix after a character
    ///   outside the Basic Multilingual Plane (one character, two UTF-16
    ///   units, four bytes), an attributed contradiction, an "unstated"
    ///   warning, and an info finding whose message holds characters every
    ///   format must escape (`%`, `,`, `:`, `<`, `&`, quotes, a newline);
    /// - `drafts/q&a, v2.md`: CRLF lines and a path that needs escaping in
    ///   URIs, XML and workflow-command properties;
    /// - `drafts/off-topic.txt`: checked, no findings.
    ///
    /// The rules list has a fact with no finding (`signing-date`), for the
    /// formats that report passing checks.
    pub fn fixture() -> (Vec<FileReport>, Vec<RuleInfo>) {
        let treaty = "# \u{1F4F0} Russia–Iran treaty\n\n\
                      The treaty has 45 articles.\n\n\
                      “It has 46 articles,” an aide said.\n";
        let mut count = finding(
            treaty,
            "45 articles",
            "ru-ir-treaty/article-count",
            Kind::Contradiction,
            Severity::Error,
        );
        count.message = "\"45 articles\" contradicts the source, which says 47 articles".into();
        count.help = Some("write \"47 articles\"".into());
        count.found = Some("45 articles".into());
        count.expected = Some("47 articles".into());
        let at45 = treaty.find("45").unwrap();
        count.fix = Some(Edit {
            range: at45..at45 + 2,
            replacement: "47".into(),
        });
        let mut quoted = finding(
            treaty,
            "46 articles",
            "ru-ir-treaty/article-count",
            Kind::Contradiction,
            Severity::Warning,
        );
        quoted.message =
            "\"46 articles\" contradicts the source, which says 47 articles (in reported speech)"
                .into();
        quoted.attributed = true;
        let mut term = finding(
            treaty,
            "treaty",
            "ru-ir-treaty/term",
            Kind::Unstated,
            Severity::Warning,
        );
        term.message =
            "the draft is about the treaty but never states: The treaty runs for 20 years.".into();
        let mut defense = finding(
            treaty,
            "Russia–Iran",
            "ru-ir-treaty/no-mutual-defense",
            Kind::Unstated,
            Severity::Info,
        );
        defense.message = "100% sure, A&B: \"no <mutual> defense\"\nnot stated".into();

        let qa = "Q: Is the treaty a pact?\r\nA: The treaty is valid for 10 years.\r\n";
        let mut years = finding(
            qa,
            "10 years",
            "ru-ir-treaty/term",
            Kind::Contradiction,
            Severity::Error,
        );
        years.message = "\"10 years\" contradicts the source, which says 20 years".into();
        let at10 = qa.find("10").unwrap();
        years.fix = Some(Edit {
            range: at10..at10 + 2,
            replacement: "20".into(),
        });

        let reports = vec![
            report(
                "drafts/treaty.md",
                treaty,
                vec![count, quoted, term, defense],
            ),
            report("drafts/q&a, v2.md", qa, vec![years]),
            report("drafts/off-topic.txt", "Oil prices rose.\n", vec![]),
        ];
        let rule = |id: &str, claim: &str, contradiction, unstated| RuleInfo {
            id: format!("ru-ir-treaty/{id}"),
            claim: claim.into(),
            help: None,
            contradiction,
            unstated,
        };
        let mut rules = vec![
            rule(
                "article-count",
                "The treaty has 47 articles.",
                Some(Severity::Error),
                Some(Severity::Warning),
            ),
            rule(
                "term",
                "The treaty runs for 20 years.",
                Some(Severity::Error),
                Some(Severity::Warning),
            ),
            rule(
                "no-mutual-defense",
                "The treaty has no mutual-defense clause.",
                Some(Severity::Error),
                Some(Severity::Info),
            ),
            rule(
                "signing-date",
                "The treaty was signed on 17 January 2025.",
                None,
                None,
            ),
        ];
        rules[1].help = Some("write \"20 years\"".into());
        (reports, rules)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_a_terminal_acts_on_is_escaped_or_masked() {
        assert_eq!(
            super::escaped("a\u{1b}[2Jb\u{7}\u{202e}c\nd", true),
            "a\\u{1b}[2Jb\\u{7}\\u{202e}c\nd"
        );
        assert_eq!(super::escaped("a\nb\tc", false), "a\\u{a}b\\u{9}c");
        let source = "x\u{1b}y\u{85}z\u{202e}w\r\nv\rq";
        let masked = super::masked_source(source);
        assert_eq!(masked.len(), source.len(), "offsets hold");
        assert_eq!(masked, "x?y\u{bf}z\u{fffd}w\r\nv?q");
        assert!(!super::needs_mask("crlf\r\nonly\r\n"));
    }

    /// [`super::needs_mask`] as it was before its ASCII runs: every char decoded.
    fn needs_mask_char_by_char(s: &str) -> bool {
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if super::acts_on_terminal(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
                return true;
            }
        }
        false
    }

    mod mask {
        use proptest::prelude::*;

        proptest! {
            /// Long ASCII runs with, anywhere among them, a control character,
            /// a CRLF, a bidirectional override or other non-ASCII text.
            #[test]
            fn needs_mask_agrees_with_decoding_every_char(
                parts in proptest::collection::vec(
                    prop_oneof![
                        "[ -~\n\t]{0,80}",
                        prop::sample::select(vec![
                            "\r", "\r\n", "\u{1b}", "\u{7f}", "\u{85}", "\u{202e}", "\u{2066}",
                            "\u{61c}", "é", "“", "\u{1f4f0}", "\u{0}",
                        ]).prop_map(str::to_owned),
                    ],
                    0..12,
                )
            ) {
                let s: String = parts.concat();
                prop_assert_eq!(super::super::needs_mask(&s), super::needs_mask_char_by_char(&s));
            prop_assert_eq!(
                super::super::any_char(&s, |c, _| super::super::acts_on_terminal(c)),
                s.chars().any(super::super::acts_on_terminal)
            );
            }
        }
    }

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
        assert_eq!(
            names,
            [
                "human",
                "short",
                "json",
                "jsonl",
                "sarif",
                "github",
                "junit",
                "checkstyle",
                "rdjson"
            ]
        );
    }
}

/// Whether a terminal would act on `c` rather than show it: control
/// characters (ESC, BEL, carriage return, C1 controls) and the bidirectional
/// overrides and isolates, with which a draft could rewrite the user's screen
/// or reorder what it shows. Line feeds and tabs are not counted.
pub(crate) fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with each character a terminal acts on written as an escape
/// (`\u{1b}`); with `lines`, line feeds and tabs are kept, else they are
/// escaped too (for a file name, which must stay on its line).
pub(crate) fn escaped(s: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| acts_on_terminal(c) || (!lines && (c == '\n' || c == '\t'));
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A draft's text for showing in a snippet: each character a terminal acts
/// on (a carriage return only when it ends no line) becomes a visible one
/// of the same length in bytes, so that every offset still holds.
fn masked_source(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let ends_line = c == '\r' && chars.peek() == Some(&'\n');
        if acts_on_terminal(c) && !ends_line {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '\u{bf}',
                3 => '\u{fffd}',
                _ => '\u{1f5f4}',
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// Bytes [`any_char`] tests at once for printable ASCII.
const PLAIN_RUN: usize = 32;

/// Whether [`masked_source`] would change `s`.
fn needs_mask(s: &str) -> bool {
    any_char(s, |c, next| {
        acts_on_terminal(c) && !(c == '\r' && next == Some(b'\n'))
    })
}

/// Whether `flagged` holds of a char of `s` and the byte after it. Asked of
/// every draft a human report shows, a megabyte at a time for a large one,
/// and of every finding's text: most of it is printable ASCII, which no
/// terminal acts on, so runs of it are passed over [`PLAIN_RUN`] bytes at a
/// time and only the rest is decoded char by char. `flagged` must not hold
/// of printable ASCII, a line feed or a tab.
fn any_char(s: &str, flagged: impl Fn(char, Option<u8>) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes.get(at..at + PLAIN_RUN).is_some_and(all_plain) {
            at += PLAIN_RUN;
            continue;
        }
        // `at` is on a char boundary: every byte passed over was ASCII
        let stop = at + PLAIN_RUN;
        while at < stop.min(bytes.len()) {
            let Some(c) = s[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            if flagged(c, bytes.get(at).copied()) {
                return true;
            }
        }
    }
    false
}

/// Whether every byte of `run` is printable ASCII, a line feed or a tab:
/// characters [`acts_on_terminal`] never holds. Every byte is tested, with
/// no early exit, so that the compiler can test them side by side.
fn all_plain(run: &[u8]) -> bool {
    run.iter().fold(true, |plain, &b| {
        plain & ((b' '..=b'~').contains(&b) | (b == b'\n') | (b == b'\t'))
    })
}

/// `reports` made safe to print on a terminal: file names, messages and the
/// draft's text shown in snippets keep no character a terminal acts on.
/// Borrowed as they are when none has one.
pub(crate) fn for_terminal(reports: &[FileReport]) -> std::borrow::Cow<'_, [FileReport]> {
    let risky = |s: &str| {
        s.chars()
            .any(|c| acts_on_terminal(c) || c == '\n' || c == '\t')
    };
    let needs = reports.iter().any(|r| {
        risky(&r.path)
            || needs_mask(&r.source)
            || r.diagnostics.iter().any(|d| {
                [&d.message, &d.label, &d.note]
                    .into_iter()
                    .chain(d.help.as_ref())
                    .chain(d.found.as_ref())
                    .chain(d.expected.as_ref())
                    .any(|t| any_char(t, |c, _| acts_on_terminal(c)))
            })
    });
    if !needs {
        return std::borrow::Cow::Borrowed(reports);
    }
    let clean = |t: &str| escaped(t, true).into_owned();
    std::borrow::Cow::Owned(
        reports
            .iter()
            .map(|r| FileReport {
                path: escaped(&r.path, false).into_owned(),
                source: masked_source(&r.source),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| Diagnostic {
                        message: clean(&d.message),
                        label: clean(&d.label),
                        note: clean(&d.note),
                        help: d.help.as_deref().map(clean),
                        found: d.found.as_deref().map(clean),
                        expected: d.expected.as_deref().map(clean),
                        ..d.clone()
                    })
                    .collect(),
            })
            .collect(),
    )
}
