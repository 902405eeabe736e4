//! One sentence read for claims: its context (the row or item it stands in,
//! reported speech, quotations), and each fact read against it by kind.

use std::cell::OnceCell;
use std::ops::Range;

use super::document::Sentence;
use super::events::cue_follows;
use super::owner::settle;
use super::rows::RowContext;
use super::{Considered, Outcome, SubjectReader, Trace};
use crate::reader::attribution::{self, Owner};
use crate::reader::structure::{is_reporting, quoted_spans};
use crate::reader::tokens;
use crate::rules::FactKind;
use crate::source::{BlockKind, Document, CELL_SEPARATOR};

/// A sentence with what its claims take from around it.
pub(super) struct SentenceView<'a> {
    pub(super) text: &'a str,
    pub(super) doc: &'a Document,
    pub(super) s: &'a Sentence,
    pub(super) row: &'a RowContext,
    /// The owner the sentence's structure gives a claim tied to no mention.
    pub(super) context: Option<Owner>,
    /// The sentence has a word of reported speech, and its quotations:
    /// found when a claim is first found in it, as most sentences have none.
    speech: OnceCell<(bool, Vec<Range<usize>>)>,
}

impl<'a> SentenceView<'a> {
    fn new(
        reader: &SubjectReader<'_>,
        doc: &'a Document,
        s: &'a Sentence,
        row: &'a RowContext,
    ) -> SentenceView<'a> {
        // a row or item that names another party is that party's
        let names_other = || {
            (doc.blocks[s.block].kind != BlockKind::Paragraph || row.label)
                && attribution::names_other_party(&s.tokens, &reader.terms)
        };
        let context = if row.owner.is_some() && names_other() {
            Some(Owner::Other)
        } else {
            row.owner
        };
        SentenceView {
            text: &doc.text,
            doc,
            s,
            row,
            context,
            speech: OnceCell::new(),
        }
    }

    /// Whether the sentence has a word of reported speech, and its quotations.
    fn speech(&self) -> &(bool, Vec<Range<usize>>) {
        self.speech.get_or_init(|| {
            let reported = self
                .s
                .tokens
                .iter()
                .any(|t| t.is_word() && t.norm.len() >= 3 && is_reporting(&t.norm));
            (reported, quoted_spans(&self.s.tokens))
        })
    }

    /// The header cell above the cell a claim at byte `at` stands in.
    pub(super) fn column_label(&self, at: usize) -> Option<&'a str> {
        let text = self.text;
        let header = self.row.header.clone()?;
        let column = text[self.s.range.start..at.max(self.s.range.start)]
            .matches(CELL_SEPARATOR)
            .count();
        text[header].split(CELL_SEPARATOR).nth(column)
    }

    /// Whether the header cell above byte `at` names one of `cues`.
    pub(super) fn column_cued(&self, at: usize, cues: &[Vec<String>]) -> bool {
        self.column_label(at).is_some_and(|label| {
            let tokens = tokens::tokenize(label, 0..label.len());
            (0..tokens.len()).any(|i| cue_follows(&tokens, i, cues))
        })
    }

    /// Inside a quotation or a sentence of reported speech.
    pub(super) fn attributed(&self, r: &Range<usize>) -> bool {
        let (reported, quotes) = self.speech();
        *reported || quotes.iter().any(|q| q.start <= r.start && r.end <= q.end)
    }

    /// The claim at `range` for fact `fi`, as [`settle`] settles it.
    pub(super) fn considered(
        &self,
        fi: usize,
        range: &Range<usize>,
        outcome: Outcome,
        loose: bool,
        trace: Trace,
    ) -> Considered {
        Considered {
            fact: fi,
            range: range.clone(),
            found: self.text[range.clone()].to_owned(),
            outcome: settle(outcome, loose),
            attributed: self.attributed(range),
            trace,
        }
    }

    /// A row or item, or a "Label: value" line, whose cells may hold figures.
    pub(super) fn has_cells(&self) -> bool {
        (self.doc.blocks[self.s.block].kind != BlockKind::Paragraph || self.row.label)
            && self.text[self.s.range.clone()].contains([CELL_SEPARATOR, ':'])
    }
}

impl SubjectReader<'_> {
    pub(super) fn read_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        row: &RowContext,
        out: &mut Vec<Considered>,
    ) {
        let view = SentenceView::new(self, doc, s, row);
        let quantities = self.sentence_quantities(&view);
        let found_dates = self.sentence_dates(&view);
        // how far each quantity stands from each quantity fact's nearest cue,
        // found once: several facts of one unit compare these
        let cue_distances = self.cue_distances(&view, &quantities);
        for (fi, fact) in self.subject.facts.iter().enumerate() {
            match &fact.kind {
                FactKind::Quantity {
                    dimension,
                    base_value,
                    value,
                    unit,
                } => {
                    let figure = super::quantity::FactFigure {
                        dimension,
                        base_value: *base_value,
                        value: *value,
                        unit,
                        limit: self.limits[fi],
                    };
                    self.read_quantity_fact(&view, fi, &figure, &quantities, &cue_distances, out);
                }
                FactKind::Date { year, month, day } => {
                    let date = (*year, *month, *day);
                    self.read_date_fact(&view, fi, date, &found_dates, out);
                }
                FactKind::Absent(phrases) | FactKind::Present(phrases) => {
                    let absent = matches!(fact.kind, FactKind::Absent(_));
                    self.read_phrase_fact(&view, fi, phrases, absent, out);
                }
                FactKind::Forbid(re) | FactKind::Require(re) => {
                    let forbid = matches!(fact.kind, FactKind::Forbid(_));
                    super::phrase::read_pattern_fact(&view, fi, fact, re, forbid, out);
                    if !forbid && !fact.cues.is_empty() {
                        self.read_role(&view, fi, out);
                    }
                }
            }
        }
    }
}
