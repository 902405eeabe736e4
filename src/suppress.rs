//! Suppression comments in drafts: an editor who has checked a flagged
//! sentence (a quote that must stay as spoken, a deliberate rounding) says so
//! in the draft, where the next editor sees it too.
//!
//! ```text
//! <!-- factlint-disable-next-line ru-ir-treaty/term -->
//! <!-- factlint-disable-line ru-ir-treaty/term -->      (at the end of a line)
//! <!-- factlint-disable ru-ir-treaty/term, ru-ir-treaty/article-count -->
//! <!-- factlint-enable -->
//! <!-- factlint-disable-file ru-ir-treaty -->
//! ```
//!
//! Markdown and HTML take them as comments; plain text as a line of its own
//! (`factlint-disable-next-line ru-ir-treaty/term`). No id means every rule; a
//! subject id means every fact of the subject. Comments are found in the
//! original bytes, since the readers drop comments, but not where a reader
//! would not take them as comments: Markdown code, HTML `<script>` and the
//! like.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::source::Markup;

/// The rule id of the findings about suppressions that suppress nothing.
pub const UNUSED_RULE: &str = "factlint/unused-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    NextLine,
    Line,
    Disable,
    Enable,
    File,
}

impl Directive {
    fn parse(word: &str) -> Option<Directive> {
        Some(match word {
            "factlint-disable-next-line" => Directive::NextLine,
            "factlint-disable-line" => Directive::Line,
            "factlint-disable" => Directive::Disable,
            "factlint-enable" => Directive::Enable,
            "factlint-disable-file" => Directive::File,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Directive::NextLine => "factlint-disable-next-line",
            Directive::Line => "factlint-disable-line",
            Directive::Disable => "factlint-disable",
            Directive::Enable => "factlint-enable",
            Directive::File => "factlint-disable-file",
        }
    }
}

/// One suppression comment, for one of its ids, and the bytes it covers. A
/// comment with several ids gives one each, so that `factlint-enable` can
/// end some of them and each can be reported unused on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub directive: Directive,
    /// A rule or subject id; `None` for every rule.
    pub id: Option<String>,
    /// The comment (or line), in the original bytes.
    pub span: Range<usize>,
    /// The bytes whose findings it suppresses; empty for `enable`.
    pub covers: Range<usize>,
}

impl Suppression {
    fn matches(&self, rule: &str) -> bool {
        match &self.id {
            None => true,
            Some(id) => {
                rule == id
                    || rule
                        .strip_prefix(id.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            }
        }
    }

    /// The comment as written, for this id: `factlint-disable s/term`.
    fn shown(&self) -> String {
        match &self.id {
            None => self.directive.as_str().to_owned(),
            Some(id) => format!("{} {id}", self.directive.as_str()),
        }
    }
}

/// A comment that looks like a directive but is none (a misspelling):
/// reported with the unused ones, since it suppresses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub word: String,
    pub span: Range<usize>,
}

/// Every suppression comment of a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    pub list: Vec<Suppression>,
    pub unknown: Vec<Unknown>,
    /// `enable` comments that ended nothing.
    pub stray_enables: Vec<usize>,
}

impl Suppressions {
    /// Finds the suppression comments of a draft in its original text.
    pub fn scan(original: &str, markup: Markup) -> Suppressions {
        let comments = match markup {
            Markup::Markdown => markdown_comments(original),
            Markup::Html => html_comments(original),
            Markup::Text => text_lines(original),
        };
        let mut out = Suppressions::default();
        // Open `disable` comments, as indices into `out.list`.
        let mut open: Vec<usize> = Vec::new();
        for (span, body) in comments {
            let mut words = body
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty());
            let Some(first) = words.next() else { continue };
            let ids: Vec<String> = words.map(str::to_owned).collect();
            let Some(directive) = Directive::parse(first) else {
                if first.starts_with("factlint-") {
                    out.unknown.push(Unknown {
                        word: first.to_owned(),
                        span,
                    });
                }
                continue;
            };
            let covers = match directive {
                Directive::NextLine => {
                    let start = line_end(original, span.end);
                    start..line_end(original, start)
                }
                Directive::Line => line_start(original, span.start)..line_end(original, span.end),
                Directive::Disable => span.end..original.len(),
                Directive::File => 0..original.len(),
                Directive::Enable => span.start..span.start,
            };
            if directive == Directive::Enable {
                let before = open.len();
                open.retain(|&i| {
                    let s = &mut out.list[i];
                    let ends = ids.is_empty() || s.id.as_ref().is_some_and(|id| ids.contains(id));
                    if ends {
                        s.covers.end = span.start;
                    }
                    !ends
                });
                if open.len() == before {
                    out.stray_enables.push(out.list.len());
                }
                out.list.push(Suppression {
                    directive,
                    id: None,
                    span,
                    covers,
                });
                continue;
            }
            let ids: Vec<Option<String>> = if ids.is_empty() {
                vec![None]
            } else {
                ids.into_iter().map(Some).collect()
            };
            for id in ids {
                if directive == Directive::Disable {
                    open.push(out.list.len());
                }
                out.list.push(Suppression {
                    directive,
                    id,
                    span: span.clone(),
                    covers: covers.clone(),
                });
            }
        }
        out
    }

    /// Drops the diagnostics that a suppression covers; with `report_unused`,
    /// adds a warning for each suppression, or id of one, that covered none.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, report_unused: bool) -> Vec<Diagnostic> {
        let mut used = vec![false; self.list.len()];
        let mut kept = Vec::with_capacity(diagnostics.len());
        for d in diagnostics {
            let mut suppressed = false;
            for (si, s) in self.list.iter().enumerate() {
                if s.directive != Directive::Enable
                    && covers(&s.covers, d.span.start)
                    && s.matches(&d.rule)
                {
                    used[si] = true;
                    suppressed = true;
                }
            }
            if !suppressed {
                kept.push(d);
            }
        }
        if !report_unused {
            return kept;
        }
        for (si, s) in self.list.iter().enumerate() {
            if s.directive == Directive::Enable {
                if self.stray_enables.contains(&si) {
                    kept.push(unused(
                        s.span.clone(),
                        format!("`{}` ends no `factlint-disable`", s.directive.as_str()),
                        "remove the comment, or disable the rules it is meant to enable again",
                    ));
                }
            } else if !used[si] {
                kept.push(unused(
                    s.span.clone(),
                    format!("`{}` suppresses no finding", s.shown()),
                    if s.id.is_some() {
                        "remove the id: nothing it covers is flagged by that rule (is it spelt as `factlint rules list` shows it?)"
                    } else {
                        "remove the comment: nothing it covers is flagged"
                    },
                ));
            }
        }
        for u in &self.unknown {
            kept.push(unused(
                u.span.clone(),
                format!("`{}` is not a factlint directive, so it suppresses nothing", u.word),
                "the directives are factlint-disable-next-line, factlint-disable-line, factlint-disable, factlint-enable and factlint-disable-file",
            ));
        }
        kept.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then_with(|| a.rule.cmp(&b.rule))
        });
        kept
    }
}

fn covers(range: &Range<usize>, at: usize) -> bool {
    range.start <= at && at < range.end
}

fn unused(span: Range<usize>, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        rule: UNUSED_RULE.to_owned(),
        kind: Kind::Suppression,
        severity: Severity::Warning,
        message,
        span,
        label: "suppresses nothing".to_owned(),
        note: String::new(),
        help: Some(help.to_owned()),
        found: None,
        expected: None,
        fix: None,
        attributed: false,
    }
}

/// The end of the line holding `at`, past its line break.
fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| at + i + 1)
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Plain text: a line that is a directive and nothing else.
fn text_lines(original: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in original.split_inclusive('\n') {
        if let Some(body) = directive_line(line) {
            let start = offset + (line.len() - line.trim_start_matches(is_space).len());
            out.push((start..start + body.len(), body));
        }
        offset += line.len();
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The directive on a line of plain text, if the line is one: the text
/// reader skips such lines, so they are neither read nor flagged.
pub(crate) fn directive_line(line: &str) -> Option<&str> {
    let body = line.trim_matches(is_space);
    body.starts_with("factlint-").then_some(body)
}

/// `<!-- … -->` comments of an HTML file, except inside elements whose
/// content is text (`<script>`, `<style>`, `<textarea>`, `<title>`).
fn html_comments(original: &str) -> Vec<(Range<usize>, &str)> {
    const RAW: [&str; 4] = ["script", "style", "textarea", "title"];
    let bytes = original.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = original[i..].find('<') {
        let at = i + k;
        let rest = &original[at..];
        if rest.starts_with("<!--") {
            let (end, body) = comment_at(original, at);
            if let Some(body) = body {
                out.push((at..end, body));
            }
            i = end;
            continue;
        }
        let raw = RAW.iter().find(|name| {
            let n = name.len();
            bytes
                .get(at + 1..at + 1 + n)
                .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(at + 1 + n)
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        });
        i = match raw {
            Some(name) => closing_tag(bytes, at + 1 + name.len(), name),
            None => at + 1,
        };
    }
    out
}

/// The end of `</name` at or after `from`, in any case, or the end of the text.
fn closing_tag(bytes: &[u8], from: usize, name: &str) -> usize {
    let n = name.len();
    let mut k = from;
    while k + 2 + n <= bytes.len() {
        if bytes[k] == b'<'
            && bytes[k + 1] == b'/'
            && bytes[k + 2..k + 2 + n].eq_ignore_ascii_case(name.as_bytes())
        {
            return k + 2 + n;
        }
        k += 1;
    }
    bytes.len()
}

/// The comment starting at `at` (`<!--`): where it ends, and its body if it
/// is a factlint directive.
fn comment_at(original: &str, at: usize) -> (usize, Option<&str>) {
    let body_start = at + 4;
    let (body_end, end) = match original[body_start..].find("-->") {
        Some(k) => (body_start + k, body_start + k + 3),
        None => (original.len(), original.len()),
    };
    let body = original[body_start..body_end].trim();
    (end, body.starts_with("factlint-").then_some(body))
}

/// Comments of a Markdown file that pulldown-cmark reads as HTML (a block or
/// inline), so none in code blocks, inline code or front matter.
fn markdown_comments(original: &str) -> Vec<(Range<usize>, &str)> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    if !original.contains("<!--") {
        return Vec::new();
    }
    let base = if original.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut html: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(&original[base..], options).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_) => {
                html.push(range)
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = original[i..].find("<!--") {
        let at = i + k;
        if html.iter().any(|r| covers(r, at)) {
            let (end, body) = comment_at(original, at);
            if let Some(body) = body {
                out.push((at..end, body));
            }
            i = end;
        } else {
            i = at + 4;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, needle: &str, rule: &str) -> Diagnostic {
        let start = text.find(needle).expect("needle");
        Diagnostic {
            span: start..start + needle.len(),
            ..unused(0..0, String::new(), "")
        }
        .with_rule(rule)
    }

    impl Diagnostic {
        fn with_rule(mut self, rule: &str) -> Diagnostic {
            self.rule = rule.to_owned();
            self.kind = Kind::Contradiction;
            self
        }
    }

    fn kept(text: &str, markup: Markup, found: &[(&str, &str)]) -> Vec<String> {
        let diagnostics = found
            .iter()
            .map(|(needle, rule)| finding(text, needle, rule))
            .collect();
        Suppressions::scan(text, markup)
            .apply(diagnostics, false)
            .into_iter()
            .map(|d| text[d.span].to_owned())
            .collect()
    }

    #[test]
    fn next_line_covers_the_next_line_only_for_its_rules() {
        let text = "<!-- factlint-disable-next-line s/term -->\nA 25-year pact with 45 articles.\nAnother 25-year pact.\n";
        let found = [
            ("25-year", "s/term"),
            ("45 articles", "s/count"),
            ("Another 25", "s/term"),
        ];
        assert_eq!(
            kept(text, Markup::Markdown, &found),
            ["45 articles", "Another 25"]
        );
    }

    #[test]
    fn a_subject_id_covers_its_facts_and_no_id_covers_all() {
        let text = "<!-- factlint-disable-next-line s -->\nA 25-year pact with 45 articles.\n";
        let found = [("25-year", "s/term"), ("45 articles", "s/count")];
        assert!(kept(text, Markup::Markdown, &found).is_empty());
        let prefix_only = [("25-year", "so/term")];
        assert_eq!(kept(text, Markup::Markdown, &prefix_only), ["25-year"]);
        let text = "<!-- factlint-disable-next-line -->\nA 25-year pact with 45 articles.\n";
        assert!(kept(text, Markup::Markdown, &found).is_empty());
    }

    #[test]
    fn regions_end_at_enable_and_several_ids_are_separated_by_commas_or_spaces() {
        let text = "One 25-year.\n<!-- factlint-disable s/term, s/count s/date -->\nTwo 25-year, 45 articles.\n<!-- factlint-enable -->\nThree 25-year.\n";
        let found = [
            ("One 25", "s/term"),
            ("Two 25", "s/term"),
            ("45", "s/count"),
            ("Three 25", "s/term"),
        ];
        assert_eq!(kept(text, Markup::Markdown, &found), ["One 25", "Three 25"]);
        let text = "<!-- factlint-disable s/term s/count -->\nA 25-year, 45.\n<!-- factlint-enable s/term -->\nB 25-year, 46.\n";
        let found = [
            ("A 25", "s/term"),
            ("45", "s/count"),
            ("B 25", "s/term"),
            ("46", "s/count"),
        ];
        assert_eq!(kept(text, Markup::Markdown, &found), ["B 25"]);
    }

    #[test]
    fn file_and_line_directives() {
        let text = "Intro 25-year.\n\nA 45-article pact. <!-- factlint-disable-line s/count -->\nB 46-article.\n<!-- factlint-disable-file s/term -->\n";
        let found = [
            ("Intro 25", "s/term"),
            ("45-article", "s/count"),
            ("46-article", "s/count"),
        ];
        assert_eq!(kept(text, Markup::Markdown, &found), ["46-article"]);
    }

    #[test]
    fn comments_in_markdown_code_are_not_directives() {
        let text = "```\n<!-- factlint-disable-file -->\n```\n\nInline `<!-- factlint-disable-file -->` code.\n\nA 25-year pact.\n";
        assert_eq!(
            kept(text, Markup::Markdown, &[("25-year", "s/term")]),
            ["25-year"]
        );
        assert!(Suppressions::scan(text, Markup::Markdown).list.is_empty());
    }

    #[test]
    fn html_comments_but_not_in_scripts() {
        let text = "<script>var s = '<!-- factlint-disable-file -->';</script>\n<p>A 25-year pact.</p>\n<!-- factlint-disable-next-line -->\n<p>A 45-article pact.</p>\n";
        let found = [("25-year", "s/term"), ("45-article", "s/count")];
        assert_eq!(kept(text, Markup::Html, &found), ["25-year"]);
        let upper = "<STYLE>/* <!-- factlint-disable-file --> */</Style><p>A 25-year pact.</p>";
        assert_eq!(
            kept(upper, Markup::Html, &[("25-year", "s/term")]),
            ["25-year"]
        );
        let unclosed = "<script>let a = 1; <!-- factlint-disable-file -->";
        assert!(Suppressions::scan(unclosed, Markup::Html).list.is_empty());
    }

    #[test]
    fn plain_text_lines_with_crlf() {
        let text = "A 25-year pact.\r\n  factlint-disable-next-line s/term\r\nB 25-year pact.\r\nfactlint-disable-file s/count\r\nC 45 articles.\r\n";
        let found = [("A 25", "s/term"), ("B 25", "s/term"), ("45", "s/count")];
        assert_eq!(kept(text, Markup::Text, &found), ["A 25"]);
        // The comment syntax of another markup is not a directive in text.
        let text = "<!-- factlint-disable-file -->\nA 25-year pact.\n";
        assert_eq!(
            kept(text, Markup::Text, &[("25-year", "s/term")]),
            ["25-year"]
        );
    }

    #[test]
    fn unused_suppressions_are_reported_per_id() {
        let text = "<!-- factlint-disable-next-line s/term s/cout -->\nA 25-year pact.\n<!-- factlint-enable -->\n<!-- factlint-disabel -->\n<!-- factlint-disable-file s/date -->\n";
        let found = vec![finding(text, "25-year", "s/term")];
        let out = Suppressions::scan(text, Markup::Markdown).apply(found, true);
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`factlint-disable-next-line s/cout` suppresses no finding",
                "`factlint-enable` ends no `factlint-disable`",
                "`factlint-disabel` is not a factlint directive, so it suppresses nothing",
                "`factlint-disable-file s/date` suppresses no finding",
            ]
        );
        assert!(out
            .iter()
            .all(|d| d.rule == UNUSED_RULE && d.severity == Severity::Warning));
        assert_eq!(
            &text[out[0].span.clone()],
            "<!-- factlint-disable-next-line s/term s/cout -->"
        );
    }
}
