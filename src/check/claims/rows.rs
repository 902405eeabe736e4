//! What a list item, table row or fact-sheet line takes from the structure
//! around it (the heading above, the table's header row), and the figures
//! that only that structure gives a unit: "Articles: 45", a cell "46" under
//! "Article count".

use std::ops::Range;

use super::document::Sentence;
use crate::reader::attribution::Owner;
use crate::reader::numbers;
use crate::reader::quantities::{self, Form, Quantity, Unit, Units};
use crate::reader::tokens::{self, covering};
use crate::source::{BlockKind, Document, CELL_SEPARATOR};

/// What a list item or table row takes from the structure around it.
#[derive(Debug, Clone, Default)]
pub(super) struct RowContext {
    /// The subject named by the heading or table header above.
    pub(super) owner: Option<Owner>,
    /// The text of the table's header row, for a data row.
    pub(super) header: Option<Range<usize>>,
    /// A one-line "Label: value" paragraph, read like a list item.
    pub(super) label: bool,
    /// For a list item or label line, the text of the innermost heading
    /// above it: "Date: 17 January" under "Signing" is the signing's date.
    pub(super) heading: Option<Range<usize>>,
    /// For the first sentence of a paragraph right under a heading, the
    /// heading's text: a lede's fronted date may be the headline's event.
    pub(super) lede_of: Option<Range<usize>>,
}

/// Whether a paragraph is a fact-sheet line such as "Articles: 45" or
/// "**Signed:** 17 January 2025": a short label, a colon, a short value.
fn is_label_line(text: &str) -> bool {
    let Some((label, value)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words) && !value.trim().is_empty() && text.len() <= 100
}

/// The headings and the table header open at a point of the document.
#[derive(Default)]
struct Open {
    /// Open headings, outermost first, with the owner each one names: a list
    /// under "## Key numbers" inside "# The treaty" is about the treaty.
    headings: Vec<(u8, Option<Owner>, Range<usize>)>,
    /// A table's header row: its text, for the column a cell stands in, and
    /// the subject it names, for the rows under it.
    table_header: Option<(Range<usize>, Option<Owner>)>,
    /// The block of the sentence before, and the heading's text when that
    /// block is a heading.
    last: Option<(usize, Option<Range<usize>>)>,
}

/// Each sentence's context, in document order.
pub(super) fn contexts(doc: &Document, sentences: &[Sentence]) -> Vec<RowContext> {
    let mut open = Open::default();
    sentences.iter().map(|s| open.context(doc, s)).collect()
}

/// Whom a sentence names: the subject if it names it, else its first mention's owner.
fn named(s: &Sentence) -> Option<Owner> {
    s.owners
        .iter()
        .copied()
        .find(|o| *o == Owner::Subject)
        .or(s.owners.first().copied())
}

impl Open {
    /// Opens or closes the table header and headings at a sentence's block.
    fn enter(&mut self, kind: BlockKind, s: &Sentence) {
        match kind {
            BlockKind::TableRow { header: true } => {
                self.table_header = Some((s.range.clone(), named(s)));
            }
            BlockKind::TableRow { header: false } => {}
            _ => self.table_header = None,
        }
        if let BlockKind::Heading(level) = kind {
            let owner = named(s);
            while self.headings.last().is_some_and(|(l, _, _)| *l >= level) {
                self.headings.pop();
            }
            self.headings.push((level, owner, s.range.clone()));
        }
    }

    fn context(&mut self, doc: &Document, s: &Sentence) -> RowContext {
        let kind = doc.blocks[s.block].kind;
        let lede_of = match (&self.last, kind) {
            (Some((block, Some(heading))), BlockKind::Paragraph) if block + 1 == s.block => {
                Some(heading.clone())
            }
            _ => None,
        };
        let heading_text = matches!(kind, BlockKind::Heading(_)).then(|| s.range.clone());
        self.last = match self.last.take() {
            // a heading of several sentences is one heading
            Some((block, Some(h))) if block == s.block => Some((block, Some(h.start..s.range.end))),
            _ => Some((s.block, heading_text)),
        };
        let mut context = self.block_context(doc, s, kind);
        context.lede_of = lede_of;
        context
    }

    fn block_context(&mut self, doc: &Document, s: &Sentence, kind: BlockKind) -> RowContext {
        self.enter(kind, s);
        let under_heading = self.headings.iter().rev().find_map(|(_, o, _)| *o);
        let heading = self.headings.last().map(|(_, _, r)| r.clone());
        match kind {
            BlockKind::ListItem => RowContext {
                owner: under_heading,
                header: None,
                label: false,
                heading,
                lede_of: None,
            },
            BlockKind::Paragraph if is_label_line(&doc.text[s.range.clone()]) => RowContext {
                owner: under_heading,
                header: None,
                label: true,
                heading,
                lede_of: None,
            },
            BlockKind::TableRow { header: false } => RowContext {
                owner: self
                    .table_header
                    .as_ref()
                    .and_then(|(_, o)| *o)
                    .or(under_heading),
                header: self.table_header.as_ref().map(|(r, _)| r.clone()),
                label: false,
                heading: None,
                lede_of: None,
            },
            BlockKind::TableRow { header: true } => RowContext {
                owner: under_heading,
                header: None,
                label: false,
                heading: None,
                lede_of: None,
            },
            _ => RowContext::default(),
        }
    }
}

/// A table cell that holds a number alone, under a column header that names
/// the unit: "46" under "Article count".
pub(super) fn column_quantities<'t>(
    text: &'t str,
    s: &Sentence,
    nums: &[numbers::NumberMatch],
    units: &Units,
    already: &[Quantity],
    column_label: &dyn Fn(usize) -> Option<&'t str>,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    for n in nums {
        if already
            .iter()
            .any(|q| q.range.start <= n.range.end && n.range.start <= q.range.end)
        {
            continue;
        }
        // the cell around the number must hold nothing else
        let cell_start = text[s.range.start..n.range.start]
            .rfind(CELL_SEPARATOR)
            .map_or(s.range.start, |i| s.range.start + i + 1);
        let cell_end = text[n.range.end..s.range.end]
            .find(CELL_SEPARATOR)
            .map_or(s.range.end, |i| n.range.end + i);
        if !text[cell_start..n.range.start].trim().is_empty()
            || !text[n.range.end..cell_end].trim().is_empty()
        {
            continue;
        }
        let Some(label) = column_label(n.range.start) else {
            continue;
        };
        let label_tokens = tokens::tokenize(label, 0..label.len());
        let Some(unit) = label_tokens
            .iter()
            .filter(|t| t.is_word())
            .find_map(|t| units.get(t.base()))
        else {
            continue;
        };
        out.extend(labelled(s, n, unit));
    }
    out
}

/// Values under a label in a list item or table row: "Articles: 74",
/// a row "Articles | 74". The label names the unit.
pub(super) fn label_quantities(
    text: &str,
    s: &Sentence,
    nums: &[numbers::NumberMatch],
    units: &Units,
    already: &[Quantity],
) -> Vec<Quantity> {
    let sentence = &text[s.range.clone()];
    let Some(split) = sentence.find([CELL_SEPARATOR, ':']) else {
        return Vec::new();
    };
    let label_end = s.range.start + split;
    let value_start = label_end + 1;
    let label_unit = s
        .tokens
        .iter()
        .take_while(|t| t.range.end <= label_end)
        .find_map(|t| units.get(t.base()).filter(|_| t.is_word()));
    let Some(unit) = label_unit else {
        return Vec::new();
    };
    let Some(n) = nums.iter().find(|n| n.range.start >= value_start) else {
        return Vec::new();
    };
    if already
        .iter()
        .any(|q| q.range.start <= n.range.start && n.range.end <= q.range.end)
    {
        return Vec::new();
    }
    // The value cell must be the number alone (perhaps with the unit again).
    let rest = text[n.range.end..s.range.end].trim();
    if !(rest.is_empty()
        || rest
            .split(CELL_SEPARATOR)
            .next()
            .is_some_and(|r| r.trim().is_empty()))
    {
        return Vec::new();
    }
    labelled(s, n, unit).into_iter().collect()
}

/// A number alone in a cell or after a label, counted in the label's `unit`.
fn labelled(s: &Sentence, n: &numbers::NumberMatch, unit: &Unit) -> Option<Quantity> {
    Some(Quantity {
        range: n.range.clone(),
        number: Some(n.range.clone()),
        style: n.style,
        stated: n.value,
        interval: quantities::Interval::exact(n.value * unit.factor),
        unit: unit.clone(),
        form: Form::Label,
        tokens: covering(&s.tokens, &n.range)?,
    })
}
