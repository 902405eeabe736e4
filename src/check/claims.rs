//! Reading one document for one subject: is it about the subject, which
//! mentions refer to it, and which claims bear on which fact.

use std::ops::Range;

use rayon::prelude::*;

use crate::reader::attribution::{self, Mention, Owner, Reference, Terms};
use crate::reader::negation::{self, Polarity};
use crate::reader::numbers::{self, NumberStyle};
use crate::reader::quantities::{self, Dimension, Form, Quantity, Units};
use crate::reader::tokens::{self, Token};
use crate::reader::{dates, normalize, sentences};
use crate::rules::{Fact, FactKind, Phrase, Subject};
use crate::source::{BlockKind, Document, CELL_SEPARATOR};

/// What a fact-bearing piece of text turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Consistent with the fact.
    States,
    /// Contradicts the fact; `expected` is the consistent wording and `fix`
    /// a replacement of text bytes in the draft's own form, when there is one.
    Contradicts {
        expected: String,
        fix: Option<(Range<usize>, String)>,
    },
    /// About another subject.
    OtherSubject,
    /// Tied to no mention of any subject.
    Unattributed,
    /// Asked about or supposed, not stated.
    Open,
    /// A quantity or date that is denied ("not 45 articles").
    Denied,
    /// Not near any of the fact's cue words ("in the works for five years").
    NoCue,
    /// Another figure of the fact's unit in a sentence that states the fact's
    /// own: another item ("the $7,500 credit and a $4,000 rebate").
    Beside,
}

impl Outcome {
    /// The verdict in words, as `--explain` and failing rule tests show it.
    pub fn explain(&self) -> String {
        match self {
            Outcome::States => "states the fact".to_owned(),
            Outcome::Contradicts { expected, .. } => {
                format!("contradicts: the source says {expected}")
            }
            Outcome::OtherSubject => "ignored: about another subject".to_owned(),
            Outcome::Unattributed => "ignored: tied to no mention of the subject".to_owned(),
            Outcome::Open => "ignored: asked or supposed, not stated".to_owned(),
            Outcome::Denied => "ignored: denied".to_owned(),
            Outcome::NoCue => "ignored: none of the fact's cue words nearby".to_owned(),
            Outcome::Beside => {
                "ignored: another figure beside the fact's own in this sentence".to_owned()
            }
        }
    }
}

/// One claim that bears on a fact, and what it was found to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Considered {
    /// Index into the subject's facts.
    pub fact: usize,
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// The claim in the draft's words.
    pub found: String,
    pub outcome: Outcome,
    /// Inside a quotation or reported speech.
    pub attributed: bool,
}

/// What one document says about one subject.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The document is about the subject: names it, or names its parties with an alias.
    pub about: bool,
    /// The first mention of the subject, in document text bytes.
    pub anchor: Option<Range<usize>>,
    pub considered: Vec<Considered>,
}

/// A sentence as read, for `--explain`: where it is and whom each of its
/// mentions was taken to name.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSentence {
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// Each mention's text range, whom it names after references are
    /// resolved, and how it refers.
    pub mentions: Vec<(Range<usize>, Owner, Reference)>,
}

/// A subject's rules prepared for reading documents.
pub(crate) struct SubjectReader<'r> {
    subject: &'r Subject,
    units: &'r Units,
    terms: Terms,
    /// Rules out, in one scan, documents that cannot be about the subject.
    prefilter: super::prefilter::Prefilter,
    /// For each fact, whether its claim is about the subject itself.
    own: Vec<bool>,
    /// For each fact, the country its claim names as the one acting ("The
    /// United States withdrew …"), if any.
    actors: Vec<Option<crate::reader::gazetteer::Place>>,
    /// For each fact, what its figure is counted per: its `per`, or the
    /// denominator its claim gives the figure ("… at $35 a month").
    pers: Vec<Option<String>>,
}

/// The longest text whose tokens are kept from finding mentions to reading
/// claims; a longer one is tokenized twice rather than held whole.
const KEEP_TOKENS: usize = 1 << 20;

/// Blocks or sentences a thread takes at least: a draft of ordinary length
/// is read on one thread, as the threads are busy with other drafts and
/// waking one costs more than the draft; a very long one is shared out.
const PARALLEL_MIN: usize = 256;

/// A sentence as first read, before references are resolved.
struct TokenizedSentence {
    range: Range<usize>,
    /// Kept only for a document of ordinary size.
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    spans: Vec<Range<usize>>,
    named: bool,
    parties: Vec<usize>,
}

/// What a list item or table row takes from the structure around it.
#[derive(Debug, Clone, Default)]
struct RowContext {
    /// The subject named by the heading or table header above.
    owner: Option<Owner>,
    /// The text of the table's header row, for a data row.
    header: Option<Range<usize>>,
    /// A one-line "Label: value" paragraph, read like a list item.
    label: bool,
    /// For a list item or label line, the text of the innermost heading
    /// above it: "Date: 17 January" under "Signing" is the signing's date.
    heading: Option<Range<usize>>,
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

/// A sentence. In a very long document its tokens are read twice: once to
/// find mentions, then dropped, and again for its claims once the document
/// is known to be about the subject; so the document's tokens are never all
/// in memory at once, which would take many times its size.
struct Sentence {
    range: Range<usize>,
    block: usize,
    /// Empty until the sentence is read for claims.
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    /// Owner of each mention after resolving references.
    owners: Vec<Owner>,
    /// Text range of each mention.
    spans: Vec<Range<usize>>,
    /// Names the subject (not with an alias alone).
    named: bool,
    /// The party groups named in it.
    parties: Vec<usize>,
}

/// Words that say a claim is reported speech.
fn is_reporting(word: &str) -> bool {
    // a match compiles to a switch on length and bytes: this runs per token
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "saying"
            | "claimed"
            | "claims"
            | "claiming"
            | "told"
            | "tells"
            | "according"
            | "alleged"
            | "alleges"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "asserted"
            | "asserts"
            | "stated"
            | "reported"
            | "suggested"
            | "suggests"
            | "suggest"
            | "contended"
            | "maintained"
            | "maintains"
            | "stressed"
            | "noted"
            | "added"
            | "wrote"
            | "believes"
            | "believe"
            | "believed"
            | "reportedly"
            | "allegedly"
            | "supposedly"
            | "purportedly"
            | "rumoured"
            | "rumored"
            | "quoted"
            | "announced"
            | "declared"
            | "boasted"
            | "describe"
            | "describes"
            | "described"
            | "characterise"
            | "characterises"
            | "characterised"
            | "characterize"
            | "characterizes"
            | "characterized"
            | "portray"
            | "portrays"
            | "portrayed"
    )
}

/// Words that name an event a date may belong to; the date belongs to the
/// nearest one, so "inauguration on January 20" is not a signing date.
fn is_event_word(word: &str) -> bool {
    // a match compiles to a switch on length and bytes: this runs per token
    matches!(
        word,
        "ratified"
            | "ratify"
            | "ratifies"
            | "ratification"
            | "approved"
            | "approve"
            | "approves"
            | "approval"
            | "inauguration"
            | "inaugurated"
            | "sworn"
            | "elected"
            | "election"
            | "entered"
            | "enters"
            | "entry"
            | "effect"
            | "force"
            | "published"
            | "announced"
            | "met"
            | "meeting"
            | "meet"
            | "summit"
            | "visit"
            | "visited"
            | "talks"
            | "began"
            | "begun"
            | "started"
            | "ended"
            | "expires"
            | "expire"
            | "expiry"
            | "attacked"
            | "attack"
            | "launched"
            | "born"
            | "died"
            | "vote"
            | "voted"
            | "passed"
            | "adopted"
            | "submitted"
            | "presented"
            | "introduced"
            | "unveiled"
            | "deposited"
            | "exchanged"
            | "drafted"
            | "negotiated"
            | "negotiations"
            | "said"
            | "told"
            | "reported"
            | "since"
            | "until"
    )
}

/// Words that may stand between a modifier and the noun it modifies.
const NOT_MODIFIER: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "is", "was", "are", "were", "has", "have", "had", "to",
    "in", "on", "for", "by", "with", "that", "which", "it", "its", "as", "at", "from", "than",
];

impl<'r> SubjectReader<'r> {
    pub(crate) fn new(subject: &'r Subject, units: &'r Units) -> SubjectReader<'r> {
        let terms = Terms::new(
            subject.names.clone(),
            subject.parties.clone(),
            subject.aliases.clone(),
            subject.year,
            subject.distinct_from.clone(),
        );
        let prefilter = super::prefilter::Prefilter::new(&terms);
        let own = subject
            .facts
            .iter()
            .map(|f| about_subject_itself(&terms, f))
            .collect();
        let actors = subject.facts.iter().map(actor_of).collect();
        let pers = subject
            .facts
            .iter()
            .map(|f| f.per.clone().or_else(|| per_in_claim(f, units)))
            .collect();
        SubjectReader {
            subject,
            units,
            terms,
            prefilter,
            own,
            actors,
            pers,
        }
    }

    /// Whether a text may be about the subject; `false` is certain.
    pub(crate) fn may_be_about(&self, text: &str) -> bool {
        self.prefilter.may_be_about(text)
    }

    pub(crate) fn subject(&self) -> &'r Subject {
        self.subject
    }

    /// Every sentence with its mentions, for explaining a reading.
    pub(crate) fn read_sentences(&self, doc: &Document) -> Vec<ReadSentence> {
        self.sentences(doc)
            .into_iter()
            .map(|s| ReadSentence {
                mentions: s
                    .mentions
                    .iter()
                    .zip(&s.owners)
                    .zip(&s.spans)
                    .map(|((m, o), span)| (span.clone(), *o, m.reference))
                    .collect(),
                range: s.range,
            })
            .collect()
    }

    pub(crate) fn read(&self, doc: &Document) -> Reading {
        if !self.prefilter.may_be_about(&doc.text) {
            return Reading::default();
        }
        let sentences = self.sentences(doc);
        let about = self.is_about(&sentences);
        if !about {
            return Reading::default();
        }
        let anchor = sentences.iter().find_map(|s| {
            s.mentions
                .iter()
                .zip(&s.owners)
                .zip(&s.spans)
                .find(|((m, o), _)| **o == Owner::Subject && m.reference != Reference::Pronoun)
                .map(|(_, span)| span.clone())
        });
        // Open headings, outermost first, with the owner each one names: a list
        // under "## Key numbers" inside "# The treaty" is about the treaty.
        let mut headings: Vec<(u8, Option<Owner>, Range<usize>)> = Vec::new();
        // A table's header row: its text, for the column a cell stands in, and
        // the subject it names, for the rows under it.
        let mut table_header: Option<(Range<usize>, Option<Owner>)> = None;
        let contexts: Vec<RowContext> = sentences
            .iter()
            .map(|s| {
                let kind = doc.blocks[s.block].kind;
                let named = || {
                    s.owners
                        .iter()
                        .copied()
                        .find(|o| *o == Owner::Subject)
                        .or(s.owners.first().copied())
                };
                match kind {
                    BlockKind::TableRow { header: true } => {
                        table_header = Some((s.range.clone(), named()));
                    }
                    BlockKind::TableRow { header: false } => {}
                    _ => table_header = None,
                }
                if let BlockKind::Heading(level) = kind {
                    let owner = named();
                    while headings.last().is_some_and(|(l, _, _)| *l >= level) {
                        headings.pop();
                    }
                    headings.push((level, owner, s.range.clone()));
                }
                let under_heading = || headings.iter().rev().find_map(|(_, o, _)| *o);
                let heading = headings.last().map(|(_, _, r)| r.clone());
                match kind {
                    BlockKind::ListItem => RowContext {
                        owner: under_heading(),
                        header: None,
                        label: false,
                        heading,
                    },
                    BlockKind::Paragraph if is_label_line(&doc.text[s.range.clone()]) => {
                        RowContext {
                            owner: under_heading(),
                            header: None,
                            label: true,
                            heading,
                        }
                    }
                    BlockKind::TableRow { header: false } => RowContext {
                        owner: table_header
                            .as_ref()
                            .and_then(|(_, o)| *o)
                            .or_else(under_heading),
                        header: table_header.as_ref().map(|(r, _)| r.clone()),
                        label: false,
                        heading: None,
                    },
                    BlockKind::TableRow { header: true } => RowContext {
                        owner: under_heading(),
                        header: None,
                        label: false,
                        heading: None,
                    },
                    _ => RowContext::default(),
                }
            })
            .collect();
        let considered = sentences
            .into_par_iter()
            .with_min_len(PARALLEL_MIN)
            .zip(contexts)
            .flat_map_iter(|(mut s, context)| {
                if s.tokens.is_empty() {
                    s.tokens = tokens::tokenize(&doc.text, s.range.clone());
                }
                let mut out = Vec::new();
                self.read_sentence(doc, &s, &context, &mut out);
                out
            })
            .collect();
        Reading {
            about,
            anchor,
            considered,
        }
    }

    fn sentences(&self, doc: &Document) -> Vec<Sentence> {
        // Splitting and tokenizing are per block and run in parallel; resolving
        // references carries state from sentence to sentence and runs after.
        let keep_tokens = doc.text.len() <= KEEP_TOKENS;
        let read: Vec<Vec<TokenizedSentence>> = doc
            .blocks
            .par_iter()
            .with_min_len(PARALLEL_MIN)
            .map(|block| {
                sentences::split(&doc.text, block.range.clone())
                    .into_iter()
                    .map(|range| {
                        let tokens = tokens::tokenize(&doc.text, range.clone());
                        let mentions = attribution::mentions(&tokens, &self.terms);
                        let spans = mentions
                            .iter()
                            .map(|m| {
                                tokens[m.tokens.start].range.start
                                    ..tokens[m.tokens.end - 1].range.end
                            })
                            .collect();
                        let named = mentions.iter().any(|m| {
                            m.reference == Reference::Name
                                && m.owner == Owner::Subject
                                // an alias that its parties qualify ("the
                                // Russia–Iran treaty") is one word; a name that
                                // starts with an alias word ("Treaty on …") is
                                // longer, and names the subject
                                && (m.tokens.len() > 1
                                    || !is_alias(&tokens[m.tokens.start], &self.terms))
                        });
                        let mut parties = Vec::new();
                        if !self.terms.parties.is_empty() {
                            for i in 0..tokens.len() {
                                if let Some((g, _)) = attribution::party_at(&tokens, i, &self.terms)
                                {
                                    if !parties.contains(&g) {
                                        parties.push(g);
                                    }
                                }
                            }
                        }
                        TokenizedSentence {
                            range,
                            tokens: if keep_tokens { tokens } else { Vec::new() },
                            mentions,
                            spans,
                            named,
                            parties,
                        }
                    })
                    .collect()
            })
            .collect();
        let mut out = Vec::new();
        let mut last_concrete: Option<Owner> = None;
        let mut last_any = Owner::Subject;
        // A pronoun names what the sentence before it (or its own sentence)
        // named; after a sentence that named nothing it may mean anything:
        // "Iran fought a long war. It lasted eight years."
        let mut previous_named = false;
        for (b, block) in read.into_iter().enumerate() {
            for read in block {
                let TokenizedSentence {
                    range,
                    tokens,
                    mentions,
                    spans,
                    named,
                    parties,
                } = read;
                let mut owners = Vec::with_capacity(mentions.len());
                for (n, m) in mentions.iter().enumerate() {
                    let owner = match (m.owner, m.reference) {
                        (Owner::Unknown, Reference::Pronoun) if n == 0 && !previous_named => {
                            Owner::Unknown
                        }
                        (Owner::Unknown, Reference::Pronoun) => last_any,
                        (Owner::Unknown, Reference::Definite) => Owner::Subject,
                        (Owner::Unknown, Reference::Indefinite) => {
                            last_concrete.unwrap_or(Owner::Subject)
                        }
                        (Owner::Unknown, Reference::Demonstrative) => {
                            last_concrete.unwrap_or(Owner::Subject)
                        }
                        (Owner::Unknown, Reference::Name) => Owner::Subject,
                        (known, _) => known,
                    };
                    if m.reference != Reference::Pronoun {
                        last_concrete = Some(owner);
                    }
                    last_any = owner;
                    owners.push(owner);
                }
                previous_named = !mentions.is_empty();
                out.push(Sentence {
                    range,
                    block: b,
                    tokens,
                    mentions,
                    owners,
                    spans,
                    named,
                    parties,
                });
            }
        }
        out
    }

    fn is_about(&self, sentences: &[Sentence]) -> bool {
        if sentences.iter().any(|s| s.named) {
            return true;
        }
        if self.terms.parties.is_empty() {
            return false;
        }
        // an alias that stands for another subject ("a trade agreement between
        // two Gulf producers") does not make the draft about this one
        // the parties must be named around a mention of the instrument (in its
        // sentence or the next to it), not anywhere: a story on another deal
        // may name one party in passing, far from the deal
        let has_alias = |s: &Sentence| {
            s.mentions
                .iter()
                .zip(&s.owners)
                .any(|(m, o)| m.reference != Reference::Pronoun && *o == Owner::Subject)
        };
        (0..sentences.len())
            .filter(|&i| has_alias(&sentences[i]))
            .any(|i| {
                let mut seen = vec![false; self.terms.parties.len()];
                let around = i.saturating_sub(1)..(i + 2).min(sentences.len());
                for g in sentences[around].iter().flat_map(|s| &s.parties) {
                    seen[*g] = true;
                }
                seen.iter().all(|x| *x)
            })
    }

    fn read_sentence(
        &self,
        doc: &Document,
        s: &Sentence,
        row: &RowContext,
        out: &mut Vec<Considered>,
    ) {
        let text = &doc.text;
        // a row or item that names another party is that party's
        let names_other = || {
            (doc.blocks[s.block].kind != BlockKind::Paragraph || row.label)
                && attribution::names_other_party(&s.tokens, &self.terms)
        };
        let context = if row.owner.is_some() && names_other() {
            Some(Owner::Other)
        } else {
            row.owner
        };
        // the header cell above the cell a claim stands in
        let column_label = |at: usize| -> Option<&str> {
            let header = row.header.clone()?;
            let column = text[s.range.start..at.max(s.range.start)]
                .matches(CELL_SEPARATOR)
                .count();
            text[header].split(CELL_SEPARATOR).nth(column)
        };
        let reported = s
            .tokens
            .iter()
            .any(|t| t.is_word() && t.norm.len() >= 3 && is_reporting(&t.norm));
        let quotes = quoted_spans(&s.tokens);
        let attributed = |r: &Range<usize>| {
            reported || quotes.iter().any(|q| q.start <= r.start && r.end <= q.end)
        };
        let cells = (doc.blocks[s.block].kind != BlockKind::Paragraph || row.label)
            && text[s.range.clone()].contains([CELL_SEPARATOR, ':']);

        let needs_numbers = self
            .subject
            .facts
            .iter()
            .any(|f| matches!(f.kind, FactKind::Quantity { .. }));
        let quantities = if needs_numbers {
            let mut nums = numbers::find_numbers(&text[s.range.clone()]);
            for n in &mut nums {
                n.range = n.range.start + s.range.start..n.range.end + s.range.start;
            }
            let mut qs = quantities::find(&s.tokens, &nums, self.units);
            if cells {
                qs.extend(label_quantities(text, s, &nums, self.units, &qs));
            }
            if row.header.is_some() {
                let under = column_quantities(text, s, &nums, self.units, &qs, &column_label);
                qs.extend(under);
                qs.sort_by_key(|q| q.range.start);
            }
            if let Some(year) = self.subject.year {
                qs.extend(self.end_year_quantities(s, year));
                qs.sort_by_key(|q| q.range.start);
            }
            qs
        } else {
            Vec::new()
        };
        let needs_dates = self
            .subject
            .facts
            .iter()
            .any(|f| matches!(f.kind, FactKind::Date { .. }));
        let found_dates = if needs_dates
            && s.tokens
                .iter()
                .any(|t| t.is_word() && dates::may_hold_date(&t.norm))
        {
            let mut ds = dates::find_dates(&text[s.range.clone()]);
            for d in &mut ds {
                d.range = d.range.start + s.range.start..d.range.end + s.range.start;
            }
            ds
        } else {
            Vec::new()
        };
        // "the 2015 nuclear deal": a bare year that qualifies the subject
        let mut found_dates = found_dates;
        if needs_dates {
            found_dates.extend(self.founding_years(s, &found_dates));
        }

        let first_date = self
            .subject
            .facts
            .iter()
            .position(|f| matches!(f.kind, FactKind::Date { .. }));
        // how far each quantity stands from each quantity fact's nearest cue,
        // found once: several facts of one unit compare these
        let cue_distances: Vec<Vec<Option<usize>>> = quantities
            .iter()
            .map(|q| {
                self.subject
                    .facts
                    .iter()
                    .map(|f| match &f.kind {
                        FactKind::Quantity { .. } if !f.cues.is_empty() => {
                            cue_distance(&s.tokens, q.tokens.clone(), &f.cues)
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        for (fi, fact) in self.subject.facts.iter().enumerate() {
            match &fact.kind {
                FactKind::Quantity {
                    dimension,
                    base_value,
                    value,
                    unit,
                } => {
                    // another currency is a conversion where the sentence also
                    // gives the fact's own: "$81m (£64m)"
                    let own_currency = quantities
                        .iter()
                        .any(|o| same_dimension(&o.unit.dimension, dimension));
                    let first_of_fact = out.len();
                    for (qi, q) in quantities.iter().enumerate().filter(|(_, q)| {
                        (same_dimension(&q.unit.dimension, dimension)
                            || (quantities::other_currency(&q.unit.dimension, dimension).is_some()
                                && !own_currency))
                            && (q.unit.per.is_none() || q.unit.per == self.pers[fi])
                    }) {
                        let (mut outcome, loose) = self.lenient_owner(s, q.tokens.clone(), context);
                        if outcome.is_none()
                            && (in_extension(&s.tokens, q.tokens.start, &self.terms)
                                || is_difference(&s.tokens, q.tokens.start)
                                || compared_with(&s.tokens, q.tokens.start)
                                || ongoing_activity(&s.tokens, q.tokens.start)
                                || (q.unit.dimension == Dimension::Time
                                    && q.form == Form::Noun
                                    && elapsed_span(&s.tokens, q.tokens.clone(), &self.terms)))
                        {
                            outcome = Some(Outcome::NoCue);
                        }
                        if outcome.is_none() {
                            // "a 20-year pact" is the subject's own length, so it
                            // counts for a fact about the subject itself
                            let premod = self.modifies_alias(s, q.tokens.clone()) && self.own[fi];
                            let cued = if q.form == Form::Compound {
                                // "a 20-year pact" counts; "five-year extensions"
                                // is about the extensions, "a 20-year term" a cue
                                // "not a 25-year pact but a 20-year one"
                                let stands_for_alias = s
                                    .tokens
                                    .get(q.tokens.end)
                                    .is_some_and(|t| t.norm == "one")
                                    && s.mentions.iter().any(|m| m.tokens.end <= q.tokens.start);
                                premod
                                    || stands_for_alias
                                    || cue_follows(&s.tokens, q.tokens.end, &fact.cues)
                            } else {
                                // of several facts of one unit, the figure goes to
                                // the one whose cue stands nearest: "$7,500 for a
                                // new car and $369 billion for clean energy"
                                let own_distance = cue_distances[qi][fi];
                                let nearest = self
                                    .subject
                                    .facts
                                    .iter()
                                    .zip(&cue_distances[qi])
                                    .filter(|(f, _)| {
                                        matches!(&f.kind, FactKind::Quantity { dimension: d, .. }
                                            if same_dimension(d, dimension))
                                    })
                                    .filter_map(|(_, d)| *d)
                                    .min();
                                // "the $740 billion package": the subject's own size,
                                // not a figure of one of its parts
                                let sizes_subject =
                                    self.modifies_alias(s, q.tokens.clone()) && !self.own[fi];
                                own_distance.is_some() && own_distance == nearest && !sizes_subject
                            } || column_label(q.range.start).is_some_and(|label| {
                                let tokens = tokens::tokenize(label, 0..label.len());
                                (0..tokens.len()).any(|i| cue_follows(&tokens, i, &fact.cues))
                            });
                            if !fact.cues.is_empty() && !cued {
                                outcome = Some(Outcome::NoCue);
                            }
                        }
                        let outcome = outcome.unwrap_or_else(|| {
                            let mut interval = q.interval;
                            let polarity = match negation::polarity(&s.tokens, q.tokens.clone()) {
                                // "would not enrich beyond 3.67%": at most 3.67%
                                Polarity::Denied
                                    if q.interval.is_exact()
                                        && negated_bound(&s.tokens, q.tokens.start) =>
                                {
                                    interval = quantities::Interval {
                                        lo: f64::NEG_INFINITY,
                                        hi: q.interval.hi,
                                        lo_open: true,
                                        hi_open: false,
                                    };
                                    Polarity::Affirmed
                                }
                                p => p,
                            };
                            let within = fact.tolerance.is_some_and(|t| {
                                t.widen(interval, *base_value).contains(*base_value)
                            });
                            let currency = quantities::other_currency(&q.unit.dimension, dimension);
                            match polarity {
                                Polarity::Open => Outcome::Open,
                                Polarity::Denied => Outcome::Denied,
                                // no exchange rates: another currency contradicts
                                Polarity::Affirmed if currency.is_some() => Outcome::Contradicts {
                                    expected: other_currency_wording(
                                        *base_value,
                                        dimension,
                                        q,
                                        text,
                                    ),
                                    fix: None,
                                },
                                Polarity::Affirmed
                                    if within
                                        || interval.contains(*base_value)
                                        || rounds_to(&interval, *base_value) =>
                                {
                                    Outcome::States
                                }
                                Polarity::Affirmed => Outcome::Contradicts {
                                    expected: quantity_wording(*value, unit, *base_value, q, text),
                                    fix: quantity_fix(*base_value, q, text),
                                },
                            }
                        });
                        out.push(Considered {
                            fact: fi,
                            range: q.range.clone(),
                            found: text[q.range.clone()].to_owned(),
                            outcome: settle(outcome, loose),
                            attributed: attributed(&q.range),
                        });
                    }
                    // "the $7,500 credit for new cars and a $4,000 rebate for
                    // used ones": beside the fact's own figure, another figure
                    // of its unit is another item, not a contradiction
                    let read = &mut out[first_of_fact..];
                    let stated: Vec<Range<usize>> = read
                        .iter()
                        .filter(|c| c.outcome == Outcome::States)
                        .map(|c| c.range.clone())
                        .collect();
                    for c in read.iter_mut() {
                        let beside = stated.iter().any(|st| coordinated(text, st, &c.range));
                        if beside && matches!(c.outcome, Outcome::Contradicts { .. }) {
                            c.outcome = Outcome::Beside;
                        }
                    }
                }
                FactKind::Date { year, month, day } => {
                    for d in &found_dates {
                        let Some(first) =
                            s.tokens.iter().position(|t| t.range.start >= d.range.start)
                        else {
                            continue;
                        };
                        let last = s
                            .tokens
                            .iter()
                            .rposition(|t| t.range.end <= d.range.end)
                            .unwrap_or(first)
                            .max(first);
                        let toks = first..last + 1;
                        let header_cued = || {
                            column_label(d.range.start).is_some_and(|label| {
                                let tokens = tokens::tokenize(label, 0..label.len());
                                (0..tokens.len()).any(|i| cue_follows(&tokens, i, &fact.cues))
                            }) || row.heading.as_ref().is_some_and(|h| {
                                // a fact-sheet line under a heading that names the event
                                let tokens = tokens::tokenize(text, h.clone());
                                (0..tokens.len())
                                    .any(|i| fact.cues.iter().any(|c| cue_at(&tokens, i, c)))
                            })
                        };
                        // "the January 2025 agreement": a date that qualifies the
                        // subject itself is that of its founding event, the first
                        // date fact
                        let founding = || {
                            first_date == Some(fi)
                                && self
                                    .modified_mention(s, toks.clone())
                                    .is_some_and(|mi| s.owners[mi] == Owner::Subject)
                        };
                        let mut loose = false;
                        let qualifies_subject = || {
                            self.modified_mention(s, toks.clone())
                                .is_some_and(|mi| s.owners[mi] == Owner::Subject)
                        };
                        let outcome = if first_date != Some(fi) && qualifies_subject() {
                            // "under the 14 July 2015 deal": the founding date,
                            // not this fact's
                            Some(Outcome::NoCue)
                        } else if self.actors[fi]
                            .is_some_and(|a| other_actor(&s.tokens, toks.clone(), &fact.cues, a))
                        {
                            // "Iran withdrew in 2019" is not the US withdrawal
                            Some(Outcome::NoCue)
                        } else if !fact.cues.is_empty()
                            && !date_cued(&s.tokens, toks.clone(), &fact.cues)
                            && !header_cued()
                            && !founding()
                        {
                            Some(Outcome::NoCue)
                        } else {
                            let (owner, unowned) = self.lenient_owner(s, toks.clone(), context);
                            loose = unowned;
                            owner
                        };
                        let outcome = outcome.unwrap_or_else(|| {
                            match negation::polarity(&s.tokens, toks.clone()) {
                                Polarity::Open => Outcome::Open,
                                Polarity::Denied => Outcome::Denied,
                                Polarity::Affirmed => {
                                    let agrees = |d: &dates::DateMatch| {
                                        d.year.is_none_or(|y| y == *year)
                                            && (d.month.is_none()
                                                || month.is_none()
                                                || d.month == *month)
                                            && (d.day.is_none() || day.is_none() || d.day == *day)
                                    };
                                    if agrees(d) || d.swapped().is_some_and(|o| agrees(&o)) {
                                        Outcome::States
                                    } else {
                                        let wording = dates::format_date(
                                            d.year.map(|_| *year),
                                            d.month.and(*month),
                                            d.day.and(*day),
                                            d.style,
                                            d.abbreviated,
                                        );
                                        Outcome::Contradicts {
                                            expected: wording.clone(),
                                            fix: Some((d.range.clone(), wording)),
                                        }
                                    }
                                }
                            }
                        });
                        out.push(Considered {
                            fact: fi,
                            range: d.range.clone(),
                            found: text[d.range.clone()].to_owned(),
                            outcome: settle(outcome, loose),
                            attributed: attributed(&d.range),
                        });
                    }
                }
                FactKind::Absent(phrases) | FactKind::Present(phrases) => {
                    let absent = matches!(fact.kind, FactKind::Absent(_));
                    for toks in phrase_matches(&s.tokens, phrases) {
                        let range =
                            s.tokens[toks.start].range.start..s.tokens[toks.end - 1].range.end;
                        let (owner, loose) = self.lenient_owner(s, toks.clone(), context);
                        let outcome = owner.unwrap_or_else(|| {
                            match (negation::polarity(&s.tokens, toks.clone()), absent) {
                                (Polarity::Open, _) => Outcome::Open,
                                (Polarity::Affirmed, false) | (Polarity::Denied, true) => {
                                    Outcome::States
                                }
                                (Polarity::Affirmed, true) | (Polarity::Denied, false) => {
                                    Outcome::Contradicts {
                                        expected: fact.claim.clone(),
                                        fix: None,
                                    }
                                }
                            }
                        });
                        out.push(Considered {
                            fact: fi,
                            range: range.clone(),
                            found: text[range.clone()].to_owned(),
                            outcome: settle(outcome, loose),
                            attributed: attributed(&range),
                        });
                    }
                }
                FactKind::Forbid(re) | FactKind::Require(re) => {
                    let forbid = matches!(fact.kind, FactKind::Forbid(_));
                    for m in re.find_iter(&text[s.range.clone()]) {
                        let range = s.range.start + m.start()..s.range.start + m.end();
                        if range.is_empty() {
                            continue;
                        }
                        out.push(Considered {
                            fact: fi,
                            range: range.clone(),
                            found: m.as_str().to_owned(),
                            outcome: if forbid {
                                Outcome::Contradicts {
                                    expected: fact.claim.clone(),
                                    fix: None,
                                }
                            } else {
                                Outcome::States
                            },
                            attributed: attributed(&range),
                        });
                    }
                }
            }
        }
    }

    /// A term given by its end: "valid until 2045" is a term of 20 years
    /// for a subject of 2025. Only right after a cue of a duration fact
    /// ("runs until", "in force through", "expires in"), since "until 2030"
    /// alone may be about anything.
    fn end_year_quantities(&self, s: &Sentence, subject_year: i32) -> Vec<Quantity> {
        let Some(unit) = self.units.get("year") else {
            return Vec::new();
        };
        let cues: Vec<&Vec<String>> = self
            .subject
            .facts
            .iter()
            .filter(|f| {
                matches!(&f.kind, FactKind::Quantity { dimension, .. } if *dimension == Dimension::Time)
            })
            .flat_map(|f| &f.cues)
            .collect();
        let tokens = &s.tokens;
        let mut out = Vec::new();
        for i in 0..tokens.len().saturating_sub(1) {
            let linker = match tokens[i].norm.as_str() {
                "until" | "till" | "through" | "to" => true,
                "in" => i > 0 && tokens[i - 1].norm.starts_with("expir"),
                _ => false,
            };
            let year = tokens[i + 1].norm.parse::<i32>().ok();
            let Some(year) = year.filter(|y| {
                linker
                    && tokens[i + 1].norm.len() == 4
                    && *y > subject_year
                    && *y < subject_year + 200
            }) else {
                continue;
            };
            let cued = (i.saturating_sub(2)..i).any(|k| cues.iter().any(|c| cue_at(tokens, k, c)));
            if !cued {
                continue;
            }
            let years = f64::from(year - subject_year);
            out.push(Quantity {
                range: tokens[i].range.start..tokens[i + 1].range.end,
                number: None,
                style: NumberStyle::Digits,
                stated: years,
                interval: quantities::Interval::exact(years * unit.factor),
                unit: unit.clone(),
                form: Form::Noun,
                tokens: i..i + 2,
            });
        }
        out
    }

    /// Years standing before a mention of the subject as its modifier ("the
    /// 2015 nuclear deal", "its 2025 treaty"), not already part of a date.
    fn founding_years(&self, s: &Sentence, found: &[dates::DateMatch]) -> Vec<dates::DateMatch> {
        let mut out = Vec::new();
        for (i, t) in s.tokens.iter().enumerate() {
            let year = (t.norm.len() == 4 && t.norm.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.norm.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1000..3000).contains(y));
            let Some(year) = year else { continue };
            if found.iter().any(|d| d.range.contains(&t.range.start)) {
                continue;
            }
            let modifies = self
                .modified_mention(s, i..i + 1)
                .is_some_and(|mi| s.owners[mi] == Owner::Subject);
            if modifies {
                out.push(dates::DateMatch {
                    range: t.range.clone(),
                    year: Some(year),
                    month: None,
                    day: None,
                    style: dates::DateStyle::Year,
                    abbreviated: false,
                    ambiguous: false,
                });
            }
        }
        out
    }

    /// As [`Self::owner_outcome`], but a claim tied to no mention is read on
    /// (the `bool` says so): in a draft about the subject it may still state
    /// the fact, though it never contradicts it.
    fn lenient_owner(
        &self,
        s: &Sentence,
        toks: Range<usize>,
        context: Option<Owner>,
    ) -> (Option<Outcome>, bool) {
        match self.owner_outcome(s, toks, context) {
            Some(Outcome::Unattributed) => (None, true),
            other => (other, false),
        }
    }

    /// `None` when the claim at `toks` is about the subject; otherwise why not.
    fn owner_outcome(
        &self,
        s: &Sentence,
        toks: Range<usize>,
        context: Option<Owner>,
    ) -> Option<Outcome> {
        match self.attach(s, toks).or(context) {
            Some(Owner::Subject) => None,
            Some(Owner::Other) => Some(Outcome::OtherSubject),
            Some(Owner::Unknown) | None => Some(Outcome::Unattributed),
        }
    }

    /// The alias mention that the claim at `toks` modifies ("a 20-year pact"),
    /// as an index into the sentence's mentions.
    fn modified_mention(&self, s: &Sentence, toks: Range<usize>) -> Option<usize> {
        let (mi, m) = s
            .mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.tokens.start >= toks.end && m.reference != Reference::Pronoun)?;
        let between = &s.tokens[toks.end..m.tokens.start];
        let modifies = between.len() <= 5
            && between.iter().all(|t| {
                (t.is_word() && !NOT_MODIFIER.contains(&t.norm.as_str()) && !t.is_possessive())
                    || t.norm == "-"
            });
        modifies.then_some(mi)
    }

    fn modifies_alias(&self, s: &Sentence, toks: Range<usize>) -> bool {
        self.modified_mention(s, toks).is_some()
    }

    /// The owner of the mention a claim belongs to.
    fn attach(&self, s: &Sentence, toks: Range<usize>) -> Option<Owner> {
        let in_aside = aside_of(&s.tokens, toks.start).is_some();
        let Some(mi) = self.attached_mention(s, toks) else {
            // a claim in a comparison that names no instrument ("unlike North
            // Korea's, which has …") is about the thing compared with
            return in_aside.then_some(Owner::Other);
        };
        let m = &s.mentions[mi];
        // "before the deal", "prior to the accord": the mention is a point in
        // time, and what is said is about the time before the subject
        if before_subject(&s.tokens, m.tokens.start) {
            return Some(Owner::Other);
        }
        // "unlike a mutual-defence pact": an alias that nothing ties to the
        // subject, inside a comparison, is the thing compared with
        let generic = m.owner == Owner::Unknown && m.reference != Reference::Pronoun;
        if generic && aside_of(&s.tokens, m.tokens.start).is_some() {
            return Some(Owner::Other);
        }
        Some(s.owners[mi])
    }

    /// The mention a claim belongs to, as an index into the sentence's
    /// mentions: the alias it modifies, else the nearest mention before it in
    /// its clause, else the nearest after it.
    fn attached_mention(&self, s: &Sentence, toks: Range<usize>) -> Option<usize> {
        if let Some(mi) = self.modified_mention(s, toks.clone()) {
            return Some(mi);
        }
        // a mention across a semicolon or a contrast ("…, although the deal
        // sets …") is in another clause
        let clause_break = |range: Range<usize>| {
            s.tokens[range].iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    ";" | "although" | "though" | "whereas" | "while"
                )
            })
        };
        let claim_aside = aside_of(&s.tokens, toks.start);
        if claim_aside.is_some() {
            // inside a comparison only the comparison's own mentions count,
            // the nearest first: "unlike the 2001 treaty, which ran …"
            let distance = |m: &Mention| {
                if m.tokens.end <= toks.start {
                    toks.start - m.tokens.end
                } else {
                    m.tokens.start.saturating_sub(toks.end)
                }
            };
            return s
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| aside_of(&s.tokens, m.tokens.start) == claim_aside)
                .min_by_key(|(_, m)| distance(m))
                .map(|(i, _)| i);
        }
        let before = s
            .mentions
            .iter()
            // "X, unlike Russia's pact with Pyongyang, has no …": the aside's
            // mention does not own what follows the aside
            .rposition(|m| {
                m.tokens.end <= toks.start
                    && !clause_break(m.tokens.end..toks.start)
                    && aside_of(&s.tokens, m.tokens.start).is_none_or(|a| Some(a) == claim_aside)
            });
        let after = || {
            s.mentions
                .iter()
                .position(|m| m.tokens.start >= toks.end && !clause_break(toks.end..m.tokens.start))
        };
        // "Iran said it has passed the 3.67 percent cap set under the deal": a
        // pronoun that resolves to nothing gives way to a mention after the claim
        let undecided = before.is_some_and(|i| {
            s.owners[i] == Owner::Unknown && s.mentions[i].reference == Reference::Pronoun
        });
        if undecided {
            return after().or(before);
        }
        if before.is_some() {
            return before;
        }
        after()
    }
}

/// Whether the mention at token `at` is the time before which something
/// was: "before the deal", "prior to the accord", "until the treaty".
fn before_subject(tokens: &[Token], at: usize) -> bool {
    let mut k = at;
    // past a determiner and modifiers: "before the 2015 nuclear deal"
    for _ in 0..4 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        match tokens[p].norm.as_str() {
            "before" | "until" | "pre" => return true,
            "to" => return p > 0 && tokens[p - 1].norm == "prior",
            "the" | "a" | "an" | "this" | "that" => k = p,
            _ if tokens[p].is_word() && !NOT_MODIFIER.contains(&tokens[p].norm.as_str()) => k = p,
            _ => return false,
        }
    }
    false
}

/// Whether a fact's claim is about the subject itself, as "The treaty is
/// concluded for 20 years" is and "The limits on enrichment last 15
/// years" is not: its first noun phrase is the subject's name or alias.
fn about_subject_itself(terms: &Terms, fact: &Fact) -> bool {
    let tokens = tokens::tokenize(&fact.claim, 0..fact.claim.len());
    let mentions = attribution::mentions(&tokens, terms);
    let first_word = tokens.iter().position(|t| {
        t.is_word() && !matches!(t.norm.as_str(), "the" | "a" | "an" | "this" | "its")
    });
    match (mentions.first(), first_word) {
        (Some(m), Some(w)) => m.tokens.start <= w + 1 && m.reference != Reference::Pronoun,
        _ => false,
    }
}

/// Words that open a comparison aside: "unlike …", "like …", "compared with …".
const ASIDE_OPENERS: &[&str] = &["unlike", "like", "compared", "besides", "than", "versus"];

/// Words that open a relative clause about the phrase before them.
const RELATIVES: &[&str] = &["which", "whose", "who", "where"];

/// The start of the comma-bounded comparison aside that token `i` stands in, if any.
fn aside_of(tokens: &[Token], i: usize) -> Option<usize> {
    let mut k = i.min(tokens.len());
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        // ", which …" belongs to the phrase before the comma, so a relative
        // clause inside an aside is still inside it
        let relative = t.norm == ","
            && tokens
                .get(k + 1)
                .is_some_and(|n| RELATIVES.contains(&n.norm.as_str()));
        // a hyphen inside a word ("mutual-defence") is no boundary; a spaced
        // dash is
        let spaced_dash = t.norm == "-"
            && (k == 0 || tokens[k - 1].range.end < t.range.start)
            && tokens
                .get(k + 1)
                .is_none_or(|n| t.range.end < n.range.start);
        if !relative && (matches!(t.norm.as_str(), "," | ";" | ":" | "(") || spaced_dash) {
            return None;
        }
        if ASIDE_OPENERS.contains(&t.norm.as_str()) && !verb_like(tokens, k) {
            return Some(k);
        }
    }
    None
}

/// Words before which "like" is a verb: "we would like to", "they like it".
const LIKE_SUBJECTS: &[&str] = &[
    "i", "we", "you", "they", "would", "i'd", "we'd", "they'd", "should", "not", "don't", "to",
    "might", "may",
];

/// Whether "like" at `k` is the verb ("I would like to stress …"), which
/// opens no comparison.
fn verb_like(tokens: &[Token], k: usize) -> bool {
    tokens[k].norm == "like"
        && (k
            .checked_sub(1)
            .is_some_and(|p| LIKE_SUBJECTS.contains(&tokens[p].norm.as_str()))
            || tokens.get(k + 1).is_some_and(|n| n.norm == "to"))
}

/// Words that add to what the subject already has: a quantity they govern
/// ("renews for five-year periods", "extended by another ten years", "an
/// additional three articles") is the addition, not the subject's own.
const EXTENSIONS: &[&str] = &[
    "renew",
    "renews",
    "renewed",
    "renewal",
    "renewals",
    "renewable",
    "extend",
    "extends",
    "extended",
    "extension",
    "extensions",
    "extendable",
    "prolong",
    "prolonged",
    "prolongs",
    "prolongation",
    "additional",
    "further",
    "successive",
    "subsequent",
    "another",
];

/// Whether the quantity starting at token `start` is governed by an extension
/// word earlier in its clause. "after" before the quantity ends the search:
/// in "renewed after 20 years" the 20 years are what precedes the renewal.
fn in_extension(tokens: &[Token], start: usize, terms: &Terms) -> bool {
    let mut i = start;
    let mut words = 0;
    while i > 0 && words < 6 {
        i -= 1;
        let t = &tokens[i];
        if matches!(
            t.norm.as_str(),
            "," | ";" | ":" | "." | "(" | ")" | "and" | "but" | "after"
        ) {
            return false;
        }
        // "the extension adds 8 rooms": a subject called an extension
        if EXTENSIONS.contains(&t.norm.as_str()) && !is_alias(t, terms) {
            return true;
        }
        words += usize::from(t.is_word());
    }
    false
}

/// Whether one of `cues` follows token index `end`, right after it or past
/// up to two modifiers: "a 20-year term", "a 20-year strategic framework".
fn cue_follows(tokens: &[Token], end: usize, cues: &[Vec<String>]) -> bool {
    let mut k = end;
    // past a conversion in brackets: "the 250-kilogram (550-pound) cap"
    if tokens.get(k).is_some_and(|t| t.norm == "(") {
        match (k..tokens.len().min(k + 8)).find(|&c| tokens[c].norm == ")") {
            Some(close) => k = close + 1,
            None => return false,
        }
    }
    for _ in 0..3 {
        if cues.iter().any(|c| cue_at(tokens, k, c)) {
            return true;
        }
        match tokens.get(k) {
            Some(t) if t.is_word() && !NOT_MODIFIER.contains(&t.norm.as_str()) => k += 1,
            _ => return false,
        }
    }
    false
}

/// The denominator a quantity fact's claim gives its figure: "The act caps
/// what people pay for insulin at $35 a month" is counted per month.
fn per_in_claim(fact: &Fact, units: &Units) -> Option<String> {
    let FactKind::Quantity { dimension, .. } = &fact.kind else {
        return None;
    };
    let tokens = tokens::tokenize(&fact.claim, 0..fact.claim.len());
    let nums = numbers::find_numbers(&fact.claim);
    quantities::find(&tokens, &nums, units)
        .into_iter()
        .find(|q| same_dimension(&q.unit.dimension, dimension) && q.unit.per.is_some())
        .and_then(|q| q.unit.per)
}

/// The country a fact's claim names right before its first cue: "The
/// United States withdrew …".
fn actor_of(fact: &Fact) -> Option<crate::reader::gazetteer::Place> {
    let tokens = tokens::tokenize(&fact.claim, 0..fact.claim.len());
    let cue = (0..tokens.len()).find(|&i| fact.cues.iter().any(|c| cue_at(&tokens, i, c)))?;
    actor_before(&tokens, cue)
}

/// A country named as the subject of the verb at `cue`, within a few words
/// before it ("Iran partially withdrew", "the United States quit").
fn actor_before(tokens: &[Token], cue: usize) -> Option<crate::reader::gazetteer::Place> {
    (cue.saturating_sub(5)..cue).find_map(|k| match attribution::place_at(tokens, k) {
        Some((len, Some(place))) if k + len <= cue => {
            let between = &tokens[k + len..cue];
            between
                .iter()
                .all(|t| {
                    t.is_word()
                        && !matches!(
                            t.norm.as_str(),
                            "and" | "or" | "with" | "from" | "of" | "to"
                        )
                })
                .then_some(place)
        }
        _ => None,
    })
}

/// Whether the cue nearest the date at `toks` has another country than
/// `actor` as its subject.
fn other_actor(
    tokens: &[Token],
    toks: Range<usize>,
    cues: &[Vec<String>],
    actor: crate::reader::gazetteer::Place,
) -> bool {
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    let before = (toks.start.saturating_sub(14)..toks.start)
        .rev()
        .find(|&i| is_cue(i));
    let after = (toks.end..tokens.len().min(toks.end + 10)).find(|&i| is_cue(i));
    before
        .or(after)
        .and_then(|cue| actor_before(tokens, cue))
        .is_some_and(|place| place != actor)
}

/// Whether two figures stand in one clause joined by a coordination ("the
/// $7,500 credit and a $4,000 rebate"), with no full stop or semicolon
/// between them.
fn coordinated(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    let Some(between) = text.get(first.end..second.start) else {
        return false;
    };
    !between.contains(['.', ';', '?', '!', '\n'])
        && (between.contains(" and ") || between.contains(',') || between.contains(" while "))
}

/// The outcome of a claim read on without a mention that ties it to the
/// subject: it states the fact when it agrees, and is otherwise unattributed,
/// since it may be about anything.
fn settle(outcome: Outcome, loose: bool) -> Outcome {
    if loose && !matches!(outcome, Outcome::States) {
        Outcome::Unattributed
    } else {
        outcome
    }
}

/// Whether an exact figure is the fact's value written with fewer
/// significant digits, as news rounds: "$370 billion" for $369 billion. The
/// rounding must stay within 5%, so "50 articles" is no rounding of 47.
fn rounds_to(interval: &quantities::Interval, fact: f64) -> bool {
    if !interval.is_exact() || fact == 0.0 || interval.lo == 0.0 {
        return false;
    }
    let written = interval.lo;
    let digits = |v: f64| -> Option<i32> {
        // significant digits of a value given to at most 6 decimals
        let scaled = (v.abs() * 1e6).round();
        if !(1.0..1e21).contains(&scaled) {
            return None;
        }
        let text = format!("{scaled:.0}");
        let trimmed = text.trim_end_matches('0');
        i32::try_from(trimmed.len()).ok()
    };
    let (Some(w), Some(f)) = (digits(written), digits(fact)) else {
        return false;
    };
    if w >= f {
        return false;
    }
    let magnitude = fact.abs().log10().floor() as i32;
    let step = 10f64.powi(magnitude + 1 - w);
    let rounded = (fact / step).round() * step;
    ((rounded - written).abs() <= written.abs() * 1e-9)
        && ((written - fact).abs() <= fact.abs() * 0.05)
}

/// Words that compare with a bound: under a negation ("not beyond 3.67%",
/// "never more than 300 kg") they state the bound itself.
const BOUND_WORDS: &[&str] = &[
    "beyond",
    "above",
    "exceed",
    "exceeding",
    "over",
    "past",
    "higher",
    "more",
];

/// Whether the figure at `start` follows a negated comparison within a few
/// words: "would not enrich beyond the level of 3.67%".
fn negated_bound(tokens: &[Token], start: usize) -> bool {
    let lo = start.saturating_sub(7);
    let Some(bound) = (lo..start)
        .rev()
        .find(|&k| BOUND_WORDS.contains(&tokens[k].norm.as_str()))
    else {
        return false;
    };
    (bound.saturating_sub(4)..bound).any(|k| {
        let w = tokens[k].norm.as_str();
        matches!(w, "not" | "never" | "no") || w.ends_with("n't")
    })
}

/// Verbs of change: a figure "by" which something changes is the change.
const CHANGE_VERBS: &[&str] = &[
    "reduce",
    "cut",
    "increase",
    "raise",
    "lower",
    "grow",
    "fall",
    "rise",
    "drop",
    "boost",
    "slash",
    "shrink",
    "expand",
    "decrease",
    "trim",
    "extend",
    "exceed",
    "outnumber",
];

/// Whether the figure at `start` is a change ("cut its stockpile by 98%").
fn is_difference(tokens: &[Token], start: usize) -> bool {
    if start == 0 || tokens[start - 1].norm != "by" {
        return false;
    }
    (start.saturating_sub(12)..start - 1).any(|k| {
        CHANGE_VERBS.iter().any(|v| {
            inflects(tokens[k].base(), v)
                || tokens[k].base() == "rose"
                || tokens[k].base() == "fell"
        })
    })
}

/// Whether the figure at `start` is one the subject's value is compared
/// with: "well below the 20 percent level", "compared with 19,000".
fn compared_with(tokens: &[Token], start: usize) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.norm.as_str());
    let mut k = start;
    // past an article: "below the 20 percent level"
    if k > 0 && matches!(word(k - 1), Some("the" | "a" | "an")) {
        k -= 1;
    }
    let Some(prev) = k.checked_sub(1).and_then(word) else {
        return false;
    };
    match prev {
        "below" | "above" | "beyond" | "versus" | "vs" => true,
        "with" | "to" => matches!(
            k.checked_sub(2).and_then(word),
            Some("compared" | "comparison" | "relative")
        ),
        _ => false,
    }
}

/// Aspect words that make a following "-ing" verb an activity under way:
/// "began enriching", "had been enriching", "is now enriching".
const ASPECTS: &[&str] = &[
    "began",
    "begun",
    "begins",
    "begin",
    "started",
    "starts",
    "resumed",
    "resumes",
    "continued",
    "continues",
    "been",
    "now",
    "currently",
    "still",
    "already",
];

/// Whether the figure at `start` stands in a clause that reports an activity
/// under way ("Iran began enriching uranium to 4.5 percent"), which says
/// what is done, not what the subject sets.
fn ongoing_activity(tokens: &[Token], start: usize) -> bool {
    let mut k = start;
    while k > 1 {
        k -= 1;
        let t = &tokens[k];
        if matches!(t.norm.as_str(), "," | ";" | ":" | "." | "(" | ")")
            || matches!(
                t.norm.as_str(),
                "but" | "although" | "though" | "while" | "whereas" | "which" | "that"
            )
        {
            return false;
        }
        if t.norm.ends_with("ing")
            && t.norm.len() > 5
            && ASPECTS.contains(&tokens[k - 1].norm.as_str())
        {
            return true;
        }
    }
    false
}

/// Words right before a number that make its span one of time gone by or
/// to come, not a length something is set for: "over the last three years",
/// "in the past two decades", "the next five years".
const SPAN_FRAMES: &[&str] = &[
    "last",
    "past",
    "previous",
    "preceding",
    "recent",
    "next",
    "coming",
];

/// Words that make a span a distance in time from something: "two years
/// after", "three years ago", "20 years later", "after 18 months".
const SPAN_OFFSETS: &[&str] = &[
    "ago", "later", "earlier", "before", "after", "since", "prior",
];

/// Whether the duration at `toks` is time gone by or an offset, or the
/// length of something else ("three years of talks"), rather than a term.
fn elapsed_span(tokens: &[Token], toks: Range<usize>, terms: &Terms) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.norm.as_str());
    let before = |k: usize| toks.start.checked_sub(k).and_then(word);
    // "the last three years" frames a span; "set to last 20 years" is the verb
    let framed = before(1).is_some_and(|w| SPAN_FRAMES.contains(&w))
        && before(2).is_some_and(|w| {
            matches!(
                w,
                "the" | "over" | "in" | "during" | "for" | "within" | "these" | "its" | "their"
            )
        });
    if framed
        || before(1) == Some("after")
        || (before(2) == Some("after") && before(1) == Some("some"))
    {
        return true;
    }
    match word(toks.end) {
        Some(w) if SPAN_OFFSETS.contains(&w) => true,
        // "five years of talks": the length of the talks, unless what it is
        // "of" is the subject itself ("20 years of the treaty")
        Some("of") => {
            let next = (toks.end + 1..toks.end + 3).find(|&k| {
                tokens.get(k).is_some_and(|t| {
                    t.is_word() && !matches!(t.norm.as_str(), "the" | "a" | "an" | "its")
                })
            });
            // a capital starts a name, perhaps the subject's ("of the Accord")
            next.is_some_and(|k| !is_alias(&tokens[k], terms) && !tokens[k].capitalized)
        }
        _ => false,
    }
}

fn is_alias(t: &Token, terms: &Terms) -> bool {
    terms
        .aliases
        .iter()
        .any(|a| *a == normalize::singular(t.base()))
}

fn same_dimension(found: &Dimension, fact: &Dimension) -> bool {
    found == fact
}

/// Text ranges between paired quotation marks.
fn quoted_spans(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for t in tokens {
        if t.norm == "\"" {
            match open.take() {
                Some(start) => out.push(start..t.range.end),
                None => open = Some(t.range.start),
            }
        }
    }
    out
}

/// Whether token `t` is the cue word `cue` or an inflection of it.
fn inflects(t: &str, cue: &str) -> bool {
    if t == cue {
        return true;
    }
    let Some(rest) = t.strip_prefix(cue.trim_end_matches('e')) else {
        return false;
    };
    let with_e = cue.ends_with('e');
    matches!(rest, "s" | "es" | "ed" | "ing" | "d")
        || (with_e && matches!(rest, "e" | "es" | "ed"))
        || (!with_e
            && rest.len() == 1 + 3
            && rest.ends_with("ing")
            && rest.as_bytes()[0] == cue.as_bytes()[cue.len() - 1])
}

fn cue_at(tokens: &[Token], i: usize, cue: &[String]) -> bool {
    cue.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| inflects(t.base(), w)))
}

/// How many words from the figure at `toks` the nearest of `cues` stands
/// in its clause (up to eight words before it, twelve after), if any.
fn cue_distance(tokens: &[Token], toks: Range<usize>, cues: &[Vec<String>]) -> Option<usize> {
    let stop = |t: &Token| matches!(t.norm.as_str(), ";" | "." | "?" | "!");
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    let mut best: Option<usize> = None;
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 12 {
        i -= 1;
        if stop(&tokens[i]) {
            break;
        }
        words += usize::from(tokens[i].is_word());
        if is_cue(i) {
            best = Some(words);
            break;
        }
    }
    let mut j = toks.end;
    words = 0;
    while j < tokens.len() && words < 12 && best.is_none_or(|b| words < b) {
        if stop(&tokens[j])
            || CLAUSE_TURNS.contains(&tokens[j].norm.as_str())
            || new_predicate(tokens, j)
        {
            break;
        }
        words += usize::from(tokens[j].is_word());
        if is_cue(j) {
            best = Some(words);
            break;
        }
        j += 1;
    }
    best
}

/// Words that open a verb's object: after ", W" or "and W" they show W to
/// be a verb that starts a predicate of its own.
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "its", "their", "both", "each", "them", "it", "this", "these",
];

/// Whether a comma or "and" at `j` starts a new predicate: "cap costs at
/// $2,000 a year, limit the cost of insulin to $35".
fn new_predicate(tokens: &[Token], j: usize) -> bool {
    matches!(tokens[j].norm.as_str(), "," | "and")
        && tokens.get(j + 1).is_some_and(|w| {
            w.is_word() && !OBJECT_OPENERS.contains(&w.norm.as_str()) && !w.capitalized
        })
        && tokens
            .get(j + 2)
            .is_some_and(|o| OBJECT_OPENERS.contains(&o.norm.as_str()))
}

/// Words that turn to another clause, past which a cue is not the figure's.
const CLAUSE_TURNS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "which", "who", "unlike", "compared",
];

/// Words that may open a sentence before a date that modifies its main verb:
/// "On 17 January, …", "In early 2025, …".
const DATE_FRONTS: &[&str] = &[
    "on", "in", "by", "early", "mid", "late", "-", "the", "of", "around", "about", "since",
];

/// Events that are the setting of another: "signed during talks on …",
/// "signed at the summit on …": the date is the setting's and so the event's.
const SETTINGS: &[&str] = &[
    "talks",
    "meeting",
    "summit",
    "visit",
    "ceremony",
    "negotiations",
    "session",
];

/// Whether the date at `toks` opens its sentence and is followed by a comma:
/// then it modifies the main verb, however long the subject before it.
fn fronted_date(tokens: &[Token], toks: &Range<usize>) -> bool {
    tokens[..toks.start]
        .iter()
        .all(|t| DATE_FRONTS.contains(&t.norm.as_str()))
        && tokens.get(toks.end).is_some_and(|t| t.norm == ",")
}

/// Whether the date at `toks` is the setting of a cue event: "signed
/// following talks between the presidents on 17 January".
fn setting_of_cue(tokens: &[Token], toks: &Range<usize>, is_cue: &dyn Fn(usize) -> bool) -> bool {
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 10 {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.norm.as_str(), "," | ";" | "." | ":") {
            return false;
        }
        if SETTINGS.contains(&t.norm.as_str()) {
            let linked = i >= 2
                && matches!(
                    tokens[i - 1].norm.as_str(),
                    "following" | "after" | "during" | "at" | "the" | "of"
                );
            return linked && (i.saturating_sub(4)..i).any(is_cue);
        }
        words += usize::from(t.is_word());
    }
    false
}

/// Whether the event nearest before the date (or, failing that, after it) is
/// one of the fact's cues.
fn date_cued(tokens: &[Token], toks: Range<usize>, cues: &[Vec<String>]) -> bool {
    let is_event = |i: usize| is_event_word(&tokens[i].norm);
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    if setting_of_cue(tokens, &toks, &is_cue) {
        return true;
    }
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 14 {
        i -= 1;
        if matches!(tokens[i].norm.as_str(), ";" | "?" | "!") {
            break;
        }
        if is_cue(i) {
            return true;
        }
        if is_event(i) {
            return false;
        }
        words += usize::from(tokens[i].is_word());
    }
    let mut j = toks.end;
    words = 0;
    // a fronted date reaches the main verb whatever stands between
    let reach = if fronted_date(tokens, &toks) { 40 } else { 8 };
    while j < tokens.len() && words < reach {
        if matches!(tokens[j].norm.as_str(), ";" | "." | "?" | "!") {
            break;
        }
        if is_cue(j) {
            return true;
        }
        if is_event(j) {
            return false;
        }
        words += usize::from(tokens[j].is_word());
        j += 1;
    }
    false
}

/// Token ranges where one of `phrases` stands; hyphens between words are
/// skipped, `None` matches any one word, and matches do not overlap.
fn phrase_matches(tokens: &[Token], phrases: &[Phrase]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // A phrase can only start at a word sharing its first word's first letter.
        let lead = tokens[i].norm.as_bytes().first().copied();
        let best = phrases
            .iter()
            .filter(|p| match p.first() {
                Some(Some(w)) => w.as_bytes().first().copied() == lead,
                _ => true,
            })
            .filter_map(|p| match_phrase(tokens, i, p))
            .max();
        match best {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn match_phrase(tokens: &[Token], start: usize, phrase: &Phrase) -> Option<usize> {
    let mut k = start;
    for (n, w) in phrase.iter().enumerate() {
        if n > 0 {
            while tokens.get(k).is_some_and(|t| t.norm == "-") {
                k += 1;
            }
        }
        let t = tokens.get(k)?;
        if !t.is_word() {
            return None;
        }
        if let Some(w) = w {
            if !(t.norm == *w || inflects(t.base(), w)) {
                return None;
            }
        }
        k += 1;
    }
    Some(k)
}

/// Values under a label in a list item or table row: "Articles: 74",
/// a row "Articles | 74". The label names the unit.
/// A table cell that holds a number alone, under a column header that names
/// the unit: "46" under "Article count".
fn column_quantities<'t>(
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
        let Some(first) = s.tokens.iter().position(|t| t.range.start >= n.range.start) else {
            continue;
        };
        let last = s
            .tokens
            .iter()
            .rposition(|t| t.range.end <= n.range.end)
            .unwrap_or(first)
            .max(first);
        out.push(Quantity {
            range: n.range.clone(),
            number: Some(n.range.clone()),
            style: n.style,
            stated: n.value,
            interval: quantities::Interval::exact(n.value * unit.factor),
            unit: unit.clone(),
            form: Form::Label,
            tokens: first..last + 1,
        });
    }
    out
}

fn label_quantities(
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
    let Some(first) = s.tokens.iter().position(|t| t.range.start >= n.range.start) else {
        return Vec::new();
    };
    let last = s
        .tokens
        .iter()
        .rposition(|t| t.range.end <= n.range.end)
        .unwrap_or(first)
        .max(first);
    vec![Quantity {
        range: n.range.clone(),
        number: Some(n.range.clone()),
        style: n.style,
        stated: n.value,
        interval: quantities::Interval::exact(n.value * unit.factor),
        unit: unit.clone(),
        form: Form::Label,
        tokens: first..last + 1,
    }]
}

/// The fact's value in the draft's own form: its unit when the value is a
/// whole number of it ("two decades" for 20 years after "three decades"),
/// its currency sign and scale word ("$1.2 billion" after "$1.5 billion"),
/// and a compound for a compound ("47-article").
fn quantity_wording(value: f64, unit: &str, base_value: f64, q: &Quantity, text: &str) -> String {
    let written = q.number.clone().and_then(|r| text.get(r)).unwrap_or("");
    if let Dimension::Money(currency) = &q.unit.dimension {
        let amount = scaled_number(base_value / q.unit.factor, q.style, written);
        let sign = currency_sign(text, q);
        return match sign {
            Some(sign) => format!("{sign}{amount}"),
            None => format!("{amount} {}", plural(money_noun(currency, unit))),
        };
    }
    let in_draft_unit = base_value / q.unit.factor;
    let (value, unit) = if q.number.is_some() && is_whole(in_draft_unit) {
        (in_draft_unit.round(), q.unit.name.as_str())
    } else {
        (value, unit)
    };
    let number = numbers::format_number(value, q.style);
    match q.form {
        Form::Compound => format!("{number}-{unit}"),
        _ if value == 1.0 => format!("{number} {unit}"),
        _ => format!("{number} {}", plural(unit)),
    }
}

fn is_whole(v: f64) -> bool {
    v > 0.0 && (v - v.round()).abs() < 1e-9
}

/// The currency sign right before the quantity's number, if the draft used one.
fn currency_sign<'t>(text: &'t str, q: &Quantity) -> Option<&'t str> {
    let number = q.number.as_ref()?;
    let before = text.get(q.range.start..number.start)?.trim_end();
    ["US$", "$", "€", "£"]
        .into_iter()
        .find(|sign| before.ends_with(sign))
        .map(|sign| &before[before.len() - sign.len()..])
}

/// The noun for a currency, for a draft that wrote the amount with a word.
fn money_noun<'a>(currency: &str, rule_unit: &'a str) -> &'a str {
    match currency {
        "usd" => "dollar",
        "eur" => "euro",
        "gbp" => "pound",
        _ => rule_unit,
    }
}

/// Scale words and abbreviations after a number, with their factors.
const SCALE_WORDS: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

fn scale_abbreviation(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "k" => Some(1e3),
        "m" | "mn" | "mln" => Some(1e6),
        "b" | "bn" | "bln" => Some(1e9),
        "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

/// `value` written as the draft wrote its number: with a scale word or
/// abbreviation when the draft used one ("1.2 billion", "1.2bn"), at the
/// value's own magnitude.
fn scaled_number(value: f64, style: NumberStyle, written: &str) -> String {
    let style = if style == NumberStyle::Words {
        NumberStyle::Words
    } else {
        NumberStyle::Digits
    };
    let trimmed = written.trim_end();
    let letters = trimmed.len()
        - trimmed
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    let word = &trimmed[trimmed.len() - letters..];
    let spaced = trimmed[..trimmed.len() - letters].ends_with(' ');
    let lower = word.to_ascii_lowercase();
    let family: Vec<(String, f64)> = if SCALE_WORDS.iter().any(|(w, _)| *w == lower) {
        SCALE_WORDS
            .iter()
            .map(|(w, f)| ((*w).to_owned(), *f))
            .collect()
    } else if let Some(factor) = scale_abbreviation(word) {
        let upper = word.chars().all(|c| c.is_ascii_uppercase());
        let million = if lower == "mn" { "mn" } else { "m" };
        [("k", 1e3), (million, 1e6), ("bn", 1e9), ("tn", 1e12)]
            .into_iter()
            .map(|(w, f)| {
                // the draft's own spelling for its own scale ("trn")
                let w = if f == factor {
                    word.to_owned()
                } else {
                    w.to_owned()
                };
                (if upper { w.to_ascii_uppercase() } else { w }, f)
            })
            .collect()
    } else {
        return numbers::format_number(value, style);
    };
    // The scale of the value's magnitude, if three decimals say it exactly:
    // "1.234567 million" would be no clearer than the digits.
    let scaled = family
        .iter()
        .rev()
        .find(|(_, f)| value / f >= 1.0)
        .filter(|(_, f)| {
            let v = value / f * 1000.0;
            (v.round() - v).abs() < 1e-6
        });
    match scaled {
        Some((w, f)) => {
            let v = ((value / f) * 1000.0).round() / 1000.0;
            let sep = if spaced { " " } else { "" };
            format!("{}{sep}{w}", numbers::format_number(v, style))
        }
        None => numbers::format_number(value, style),
    }
}

fn plural(unit: &str) -> String {
    // an abbreviation that is plural already: "yrs"; "percent" has no plural
    if unit.ends_with('s') || unit == "percent" {
        return unit.to_owned();
    }
    if let Some(stem) = unit.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    format!("{unit}s")
}

/// A replacement of the number alone, in the draft's own form, when the
/// mention is exact and the fact's value is a whole number of its unit.
fn quantity_fix(base_value: f64, q: &Quantity, text: &str) -> Option<(Range<usize>, String)> {
    let range = q.number.clone()?;
    if !q.interval.is_exact() {
        return None;
    }
    let in_unit = base_value / q.unit.factor;
    if !is_whole(in_unit) {
        return None;
    }
    let written = text.get(range.clone()).unwrap_or("");
    Some((range, scaled_number(in_unit.round(), q.style, written)))
}

/// The fact's value in its own currency, with what differs: "$368 million
/// (the currency differs: US dollars, not pounds)".
fn other_currency_wording(base_value: f64, fact: &Dimension, q: &Quantity, text: &str) -> String {
    let (Dimension::Money(want), Dimension::Money(found)) = (fact, &q.unit.dimension) else {
        return numbers::format_number(base_value, NumberStyle::Digits);
    };
    let written = q.number.clone().and_then(|r| text.get(r)).unwrap_or("");
    let amount = scaled_number(base_value, q.style, written);
    let sign = match want.as_str() {
        "usd" => "$",
        "eur" => "€",
        "gbp" => "£",
        _ => "",
    };
    let value = if sign.is_empty() {
        format!("{amount} {want}")
    } else {
        format!("{sign}{amount}")
    };
    format!(
        "{value}{CURRENCY_DIFFERS}{}, not {})",
        quantities::currency_name(want),
        quantities::currency_name(found)
    )
}

/// Between the fact's figure and the currencies in the expected wording of
/// a figure in another currency; what comes after it is no wording to write.
pub(crate) const CURRENCY_DIFFERS: &str = " (the currency differs: ";

/// Gives access to `Fact` for callers reading a [`Considered`].
pub(crate) fn fact_of<'s>(subject: &'s Subject, c: &Considered) -> &'s Fact {
    &subject.facts[c.fact]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// (found, expected, the fixed draft) for each contradiction in `draft`.
    fn wording(facts: &str, draft: &str) -> Vec<(String, String, String)> {
        let yaml = format!(
            "subject:\n  id: s\n  name: Harbor Bridge\n  names: [Harbor Bridge]\n  source: s\nfacts:\n{facts}"
        );
        let rules = RuleSet::from_sources(&[("s.yaml".to_owned(), yaml)]).expect("rules");
        let doc = Document::read(draft, crate::source::Markup::Text);
        super::super::Checker::new(&rules)
            .check(&doc)
            .into_iter()
            .filter_map(|d| {
                let fix = d.fix?;
                let mut fixed = draft.to_owned();
                fixed.replace_range(fix.range, &fix.replacement);
                Some((d.found?, d.expected?, fixed))
            })
            .collect()
    }

    const COST: &str =
        "  - id: cost\n    claim: c\n    quantity: {value: 1200000000, unit: dollar}\n";
    const TERM: &str = "  - id: term\n    claim: c\n    quantity: {value: 20, unit: year}\n";

    fn one(facts: &str, draft: &str) -> (String, String) {
        let found = wording(facts, draft);
        assert_eq!(found.len(), 1, "{draft}: {found:?}");
        let (_, expected, fixed) = found.into_iter().next().unwrap();
        (expected, fixed)
    }

    #[test]
    fn money_keeps_the_drafts_sign_and_scale() {
        for (draft, expected, fixed) in [
            (
                "The Harbor Bridge costs $1.5 billion.",
                "$1.2 billion",
                "The Harbor Bridge costs $1.2 billion.",
            ),
            (
                "The Harbor Bridge costs $900 million.",
                "$1.2 billion",
                "The Harbor Bridge costs $1.2 billion.",
            ),
            (
                "The Harbor Bridge costs 1.5 billion dollars.",
                "1.2 billion dollars",
                "The Harbor Bridge costs 1.2 billion dollars.",
            ),
            (
                "The Harbor Bridge costs $1,500,000,000.",
                "$1,200,000,000",
                "The Harbor Bridge costs $1,200,000,000.",
            ),
            (
                "The Harbor Bridge costs $1.5bn.",
                "$1.2bn",
                "The Harbor Bridge costs $1.2bn.",
            ),
            (
                "The Harbor Bridge costs $900m.",
                "$1.2bn",
                "The Harbor Bridge costs $1.2bn.",
            ),
            (
                "The Harbor Bridge costs two billion dollars.",
                "1.2 billion dollars",
                "The Harbor Bridge costs 1.2 billion dollars.",
            ),
        ] {
            assert_eq!(
                one(COST, draft),
                (expected.to_owned(), fixed.to_owned()),
                "{draft}"
            );
        }
    }

    #[test]
    fn scales_are_chosen_to_keep_the_value_exact() {
        assert_eq!(
            scaled_number(1.2e9, NumberStyle::Digits, "1.5 billion"),
            "1.2 billion"
        );
        assert_eq!(
            scaled_number(1_234_567.0, NumberStyle::Digits, "2 million"),
            "1,234,567"
        );
        assert_eq!(
            scaled_number(1_250_000.0, NumberStyle::Digits, "2M"),
            "1.25M"
        );
        assert_eq!(
            scaled_number(2e9, NumberStyle::Words, "three billion"),
            "two billion"
        );
        assert_eq!(
            scaled_number(47.0, NumberStyle::Words, "forty-two"),
            "forty-seven"
        );
        assert_eq!(
            scaled_number(500.0, NumberStyle::Digits, "1 million"),
            "500"
        );
    }

    #[test]
    fn time_and_counts_keep_the_drafts_unit_and_form() {
        for (draft, expected, fixed) in [
            (
                "The Harbor Bridge has a 25-year term.",
                "20-year",
                "The Harbor Bridge has a 20-year term.",
            ),
            (
                "The Harbor Bridge lease runs for three decades.",
                "two decades",
                "The Harbor Bridge lease runs for two decades.",
            ),
            (
                "The Harbor Bridge lease runs for thirty years.",
                "twenty years",
                "The Harbor Bridge lease runs for twenty years.",
            ),
            (
                "The Harbor Bridge lease runs for 300 months.",
                "240 months",
                "The Harbor Bridge lease runs for 240 months.",
            ),
        ] {
            assert_eq!(
                one(TERM, draft),
                (expected.to_owned(), fixed.to_owned()),
                "{draft}"
            );
        }
        let lanes = "  - id: lanes\n    claim: c\n    quantity: {value: 47, unit: article}\n";
        assert_eq!(
            one(lanes, "The Harbor Bridge act is a forty-two-article text."),
            (
                "forty-seven-article".to_owned(),
                "The Harbor Bridge act is a forty-seven-article text.".to_owned()
            )
        );
    }
}
