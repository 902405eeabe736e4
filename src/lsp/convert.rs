//! Between factlint's byte offsets and the protocol's UTF-16 positions, and
//! from findings to protocol diagnostics, hovers and quick fixes.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, DiagnosticRelatedInformation, DiagnosticSeverity, MarkupContent,
    MarkupKind, NumberOrString, Position, TextDocumentContentChangeEvent, TextEdit, Url,
    WorkspaceEdit,
};

use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::source::LineIndex;

use super::rules::Loaded;

/// A text with its line starts, for converting in both directions.
pub(super) struct Text<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Text<'a> {
    pub(super) fn new(text: &'a str) -> Text<'a> {
        Text {
            text,
            index: LineIndex::with_cr_line_ends(text),
        }
    }

    pub(super) fn position(&self, offset: usize) -> Position {
        let (line, character) = self.index.line_col_utf16(self.text, offset);
        Position::new(saturate(line), saturate(character))
    }

    /// The range of a byte span; a reversed or out-of-bounds span is clamped
    /// rather than trusted.
    pub(super) fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len().max(start));
        lsp_types::Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position. As the protocol says, a character past
    /// the end of its line means the end of the line, and a line past the end
    /// of the text means the end of the text; a position inside a surrogate
    /// pair falls back to the start of its character.
    pub(super) fn offset(&self, position: Position) -> usize {
        let start = self.index.line_start(position.line as usize);
        offset_in_line(self.text, start, position.character)
    }

    pub(super) fn span(&self, range: lsp_types::Range) -> Range<usize> {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        a.min(b)..a.max(b)
    }
}

/// The byte offset of UTF-16 `character` of the line that starts at byte
/// `start` (clamped to the line's end, and to the text's end when `start`
/// lies past it).
fn offset_in_line(text: &str, start: usize, character: u32) -> usize {
    if start > text.len() {
        return text.len();
    }
    let rest = &text[start..];
    // a line ends at `\r\n`, `\n` or `\r`, as the protocol counts
    let content = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let mut units = 0usize;
    for (i, ch) in rest[..content].char_indices() {
        if units + ch.len_utf16() > character as usize {
            return start + i;
        }
        units += ch.len_utf16();
    }
    start + content
}

/// The byte offset of `position`, found by scanning only as far as its
/// line: for an edit of a large document, which should not cost an index of
/// all of it.
fn offset_of(text: &str, position: Position) -> usize {
    let mut start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for _ in 0..position.line {
        let Some(at) = text[start..].find(['\n', '\r']) else {
            return text.len();
        };
        let end = start + at;
        start = if text[end..].starts_with("\r\n") {
            end + 2
        } else {
            end + 1
        };
    }
    offset_in_line(text, start, position.character)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies one `didChange` content change: a whole new text, or a range
/// replaced.
pub(super) fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let a = offset_of(text, range.start);
            let b = offset_of(text, range.end);
            text.replace_range(a.min(b)..a.max(b), &change.text);
        }
    }
}

pub(super) fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A finding as the protocol shows it. There is no web page per rule, so no
/// `codeDescription`; the related information points at the fact in its rule
/// file when that file is on disk.
pub(super) fn diagnostic(text: &Text, rules: &Loaded, d: &Diagnostic) -> lsp_types::Diagnostic {
    let related = rules.fact_location(&d.rule).map(|(location, claim)| {
        vec![DiagnosticRelatedInformation {
            location,
            message: format!("fact: {claim}"),
        }]
    });
    lsp_types::Diagnostic {
        range: text.range(&d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description: None,
        source: Some("factlint".to_owned()),
        message: d.message.clone(),
        related_information: related,
        tags: None,
        data: None,
    }
}

/// Whether a finding's span touches a byte range; touching counts, so that a
/// cursor right after a number still finds it.
pub(super) fn touches(d: &Diagnostic, range: &Range<usize>) -> bool {
    d.span.start <= range.end && range.start <= d.span.end
}

/// The quick fix for a finding that has one.
pub(super) fn quick_fix(
    text: &Text,
    uri: &Url,
    rules: &Loaded,
    d: &Diagnostic,
) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    let edit = TextEdit::new(text.range(&fix.range), fix.replacement.clone());
    let title = match (&d.found, &d.expected) {
        (Some(found), Some(expected)) => format!("Replace \"{found}\" with \"{expected}\""),
        _ => format!("Replace with \"{}\"", fix.replacement),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(text, rules, d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            document_changes: None,
            change_annotations: None,
        }),
        command: None,
        is_preferred: Some(true),
        disabled: None,
        data: None,
    })
}

/// What a hover over a finding says: the fact, where it comes from, and why
/// the draft's words disagree with it.
pub(super) fn hover_text(rules: &Loaded, d: &Diagnostic) -> String {
    let mut out = format!("**factlint** `{}`", d.rule);
    out.push_str(match d.kind {
        Kind::Contradiction => " — contradiction\n\n",
        Kind::Unstated => " — unstated\n\n",
        Kind::Suppression => " — unused suppression\n\n",
    });
    let fact = rules.set.fact(&d.rule);
    if let Some((subject, fact)) = fact {
        out.push_str(&format!("**Fact:** {}\n\n", escape(&fact.claim)));
        out.push_str(&format!("**Source:** {}\n\n", escape(&subject.source)));
    }
    let why = match (d.kind, &d.found, &d.expected) {
        (Kind::Contradiction, Some(found), Some(expected)) => format!(
            "the draft {} \"{}\", but the source says \"{}\".",
            if d.attributed { "quotes" } else { "states" },
            escape(found),
            escape(expected)
        ),
        _ => escape(&d.message),
    };
    out.push_str(&format!("**Why:** {why}"));
    if let Some(help) = &d.help {
        out.push_str(&format!("\n\n**Help:** {}", escape(help)));
    }
    out
}

pub(super) fn markdown(value: String) -> MarkupContent {
    MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }
}

/// Rule text is prose, not Markdown: characters that Markdown would read as
/// emphasis, links, code or HTML are escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((a, b), (c, d))| {
                lsp_types::Range::new(Position::new(a, b), Position::new(c, d))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn positions_count_utf16_units() {
        let s = "a–b 🛬 47\nx";
        let t = Text::new(s);
        let at = s.find("47").unwrap_or(0);
        // "a–b " is 4 units, the emoji 2, the space 1.
        assert_eq!(t.position(at), Position::new(0, 7));
        assert_eq!(t.offset(Position::new(0, 7)), at);
        assert_eq!(
            t.range(&(at..at + 2)),
            lsp_types::Range::new(Position::new(0, 7), Position::new(0, 9))
        );
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let s = "ab🛬\r\ncd";
        let t = Text::new(s);
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(t.offset(Position::new(0, 3)), 2);
        // Past the line's end: before the CRLF.
        assert_eq!(t.offset(Position::new(0, 99)), 6);
        assert_eq!(t.offset(Position::new(1, 1)), 9);
        assert_eq!(t.offset(Position::new(7, 0)), s.len());
        assert_eq!(
            t.range(&Range { start: 50, end: 3 }).start,
            Position::new(1, 2)
        );
    }

    #[test]
    fn changes_apply_in_order() {
        let mut s = "Iran’s 🛬 pact has 47 articles.\nEnd.".to_owned();
        apply_change(&mut s, change(Some(((0, 19), (0, 21))), "45"));
        assert_eq!(s, "Iran’s 🛬 pact has 45 articles.\nEnd.");
        apply_change(&mut s, change(Some(((1, 0), (1, 0))), "The "));
        assert_eq!(s, "Iran’s 🛬 pact has 45 articles.\nThe End.");
        apply_change(&mut s, change(Some(((0, 31), (1, 4))), " "));
        assert_eq!(s, "Iran’s 🛬 pact has 45 articles. End.");
        // A reversed range is read as the same range.
        apply_change(&mut s, change(Some(((0, 21), (0, 19))), "47"));
        assert_eq!(s, "Iran’s 🛬 pact has 47 articles. End.");
        apply_change(&mut s, change(None, "new"));
        assert_eq!(s, "new");
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_as_the_protocol_counts() {
        // finding 3: CR-only, CRLF and LF line ends, mixed
        let s = "one\rtwo 45\r\nthree\nfour 25";
        let t = Text::new(s);
        let at = s.find("45").unwrap_or(0);
        assert_eq!(t.position(at), Position::new(1, 4));
        assert_eq!(t.offset(Position::new(1, 4)), at);
        let four = s.find("25").unwrap_or(0);
        assert_eq!(t.position(four), Position::new(3, 5));
        // past the end of a CR-ended line: before its CR
        assert_eq!(t.offset(Position::new(0, 99)), 3);
        let mut text = "a\rb 45\rc".to_owned();
        apply_change(&mut text, change(Some(((1, 2), (1, 4))), "47"));
        assert_eq!(text, "a\rb 47\rc");
        apply_change(&mut text, change(Some(((2, 0), (2, 1))), "d"));
        assert_eq!(text, "a\rb 47\rd");
    }

    #[test]
    fn an_edit_finds_its_place_as_the_index_does() {
        let s = "\u{feff}a\rb🛬c\r\nd\n\ne–f";
        let t = Text::new(s);
        for line in 0..7 {
            for character in 0..6 {
                let p = Position::new(line, character);
                assert_eq!(offset_of(s, p), t.offset(p), "{p:?}");
            }
        }
    }

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape("a *b* [c](d) `e` <f>"),
            "a \\*b\\* \\[c\\](d) \\`e\\` \\<f\\>"
        );
    }
}
