//! Reading one document for one subject: is it about the subject, which
//! mentions refer to it, and which claims bear on which fact.
//!
//! The reading runs document → sentences ([`document`]) → the structure a
//! list item or table row takes from around it ([`rows`]) → each sentence's
//! figures, dates and phrases ([`sentence`]) → per fact kind, whether a claim
//! is the fact's ([`quantity`], [`date`], [`phrase`]), judged by the
//! instrument it is about ([`owner`]), the event it belongs to ([`events`]),
//! who acts ([`actors`]) and what qualifies a figure ([`qualifiers`]); the
//! wording of a contradiction's expected value is [`wording`]'s.

mod actors;
mod date;
mod document;
mod events;
mod leads;
mod owner;
mod phrase;
mod qualifiers;
mod quantity;
mod rows;
mod sentence;
#[cfg(test)]
mod test_subject;
mod wording;

use std::ops::Range;

use rayon::prelude::*;

use crate::reader::attribution::{Owner, Reference, Terms};
use crate::reader::negation::Polarity;
use crate::reader::quantities::Units;
use crate::reader::structure::{self, Opening};
use crate::reader::tokens;
use crate::rules::{Fact, FactKind, Subject};
use crate::source::Document;

use actors::actor_of;
use document::PARALLEL_MIN;
use owner::about_subject_itself;
use quantity::{limit_in_claim, per_in_claim};
pub(crate) use wording::CURRENCY_DIFFERS;

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
    /// Another figure of the fact's unit listed beside the fact's own, or
    /// beside a disagreeing figure the fact's cue binds closer: another
    /// item ("the $7,500 credit and a $4,000 rebate").
    Beside,
    /// A figure for a list of things, the fact's among others: a total
    /// ("$750 billion for climate, drug prices and the deficit").
    Total,
    /// One of the fact's `other-values`: an earlier or other-source value.
    OtherValue,
    /// One of the fact's `except` words stands in the figure's phrase.
    Excepted,
    /// A figure whose clause is dated before the subject's year: a value
    /// of an earlier time ("the lower court awarded $5 million in 2029").
    Earlier,
    /// A bare number whose count noun is recalled from before it ("cut its
    /// machines to 5,050") and disagrees: too weak a reading to contradict.
    Recalled,
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
            Outcome::OtherValue => {
                "ignored: an earlier or other-source value of the fact (`other-values`)".to_owned()
            }
            Outcome::Earlier => "ignored: its clause is dated before the subject's year".to_owned(),
            Outcome::Recalled => {
                "ignored: a bare number, its noun recalled from before it, that disagrees"
                    .to_owned()
            }
            Outcome::Excepted => {
                "ignored: an exception of the fact (`except`) stands in its phrase".to_owned()
            }
            Outcome::Beside => {
                "ignored: listed beside the fact's own figure, or one its cue binds closer"
                    .to_owned()
            }
            Outcome::Total => {
                "ignored: a total for several things, the fact's cue only one of them".to_owned()
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
    pub trace: Trace,
}

/// How a claim was read, for `--explain`: each part as the reading decided
/// it, `None` where the reading stopped before it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trace {
    /// What the claim was tied to.
    pub instrument: Option<Instrument>,
    /// The event word the claim was attached to.
    pub event: Option<Event>,
    /// Whether the claim is asserted, denied or asked, after a negated
    /// bound is read as the bound ("not beyond 3.67%").
    pub polarity: Option<Polarity>,
    /// A figure given as a value or a closed range, not a bound alone
    /// ("300 kg", "between 10 and 12", not "more than a year"); a date
    /// with its day.
    pub bounded: bool,
}

/// What a claim is tied to: a mention of an instrument, or, with none, the
/// structure around it.
#[derive(Debug, Clone, PartialEq)]
pub enum Instrument {
    /// The mention at this text range, and whom it names.
    Mention(Range<usize>, Owner),
    /// The mention at this text range is the time before which
    /// ("before the deal"): the claim is about another time.
    Before(Range<usize>),
    /// The mention at this text range is a thing compared with, in an
    /// aside ("unlike a defence pact").
    Compared(Range<usize>),
    /// No mention, inside a comparison aside: the thing compared with.
    Aside,
    /// No mention: what the heading or table gives, if anything.
    Context(Option<Owner>),
    /// No mention, in a sentence between sentences that speak of the subject
    /// alone, and its clause states a term ("will", "must", "may"):
    /// the subject's, carried from around it.
    Carried,
}

impl Instrument {
    /// Whom a claim so tied is about, if that is known.
    pub fn owner(&self) -> Option<Owner> {
        match self {
            Instrument::Mention(_, owner) => Some(*owner),
            Instrument::Before(_) | Instrument::Compared(_) | Instrument::Aside => {
                Some(Owner::Other)
            }
            Instrument::Context(owner) => *owner,
            Instrument::Carried => Some(Owner::Subject),
        }
    }
}

/// The event word a claim was attached to.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Text range of the word.
    pub range: Range<usize>,
    /// The word is one of the fact's cues.
    pub cue: bool,
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
    /// The clauses the reading splits the sentence into, as text ranges,
    /// each with how it opens ([`structure::clauses`]).
    pub clauses: Vec<(Opening, Range<usize>)>,
}

/// How many of its quantity and date facts a draft that names every party
/// but never the subject must state to be about it: "Chile will cap its
/// fleet at 40 trawlers for 12 years", beside Norway, describes the accord
/// by its terms.
const TERMS_THAT_DESCRIBE: usize = 2;

/// A quantity or date fact: a figure a draft may give.
fn is_figure(fact: &Fact) -> bool {
    matches!(fact.kind, FactKind::Quantity { .. } | FactKind::Date { .. })
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
    /// For each fact, whether its claim words its figure as a limit.
    limits: Vec<bool>,
    /// For each fact, which of its phrases may start at a word (empty for
    /// a fact of no phrases).
    phrase_leads: Vec<leads::PhraseLeads>,
    /// Some fact is a date.
    has_dates: bool,
    /// The subject has enough figure facts for a draft to describe it by
    /// them ([`TERMS_THAT_DESCRIBE`]).
    by_terms: bool,
}

impl<'r> SubjectReader<'r> {
    pub(crate) fn new(subject: &'r Subject, units: &'r Units) -> SubjectReader<'r> {
        let terms = Terms::new(
            subject.names.clone(),
            subject.parties.clone(),
            subject.aliases.clone(),
            subject.year,
            subject.distinct_from.clone(),
        )
        .with_acronyms(subject.acronyms.iter().cloned())
        .names_only(subject.names_only)
        .with_events(subject.events.clone());
        let full_dates: Vec<(i32, u32)> = subject
            .facts
            .iter()
            .filter_map(|f| match f.kind {
                FactKind::Date {
                    year,
                    month: Some(month),
                    day: Some(_),
                } => Some((year, month)),
                _ => None,
            })
            .collect();
        let by_terms = subject.facts.iter().filter(|f| is_figure(f)).count() >= TERMS_THAT_DESCRIBE;
        let prefilter = super::prefilter::Prefilter::new(&terms, &full_dates, by_terms);
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
        let limits = subject.facts.iter().map(limit_in_claim).collect();
        let phrase_leads = subject
            .facts
            .iter()
            .map(|f| match &f.kind {
                FactKind::Absent(phrases) | FactKind::Present(phrases) => {
                    leads::PhraseLeads::new(phrases)
                }
                _ => leads::PhraseLeads::new(&[]),
            })
            .collect();
        SubjectReader {
            subject,
            units,
            terms,
            prefilter,
            own,
            actors,
            pers,
            limits,
            phrase_leads,
            has_dates: subject
                .facts
                .iter()
                .any(|f| matches!(f.kind, FactKind::Date { .. })),
            by_terms,
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
                clauses: clauses_of(doc, &s),
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
        if self.has_dates {
            // compiled while the sentences are split and their mentions read
            crate::reader::dates::prepare();
        }
        let sentences = self.sentences(doc);
        let about = self.is_about(&sentences);
        let described = if about {
            Vec::new()
        } else {
            self.described_in(&sentences)
        };
        let all_parties = !about && self.names_every_party(&sentences);
        if !about && described.is_empty() && !all_parties {
            return Reading::default();
        }
        let anchor = document::anchor(&sentences);
        let contexts = rows::contexts(doc, &sentences);
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
                self.pronoun_for_subject(doc, &mut s, &context)
                    .unwrap_or(out)
            })
            .collect::<Vec<_>>();
        let by_terms = || all_parties && self.stated_figures(&considered) >= TERMS_THAT_DESCRIBE;
        if !about && !considered.iter().any(|c| self.identifies(c, &described)) && !by_terms() {
            return Reading::default();
        }
        // a draft that describes the subject by its terms, never naming it,
        // is anchored at the first figure it states
        let anchor = anchor.or_else(|| {
            considered
                .iter()
                .find(|c| c.outcome == Outcome::States)
                .map(|c| c.range.clone())
        });
        Reading {
            about: true,
            anchor,
            considered,
        }
    }

    /// The sentence read again with a pronoun that the discourse gave to
    /// another instrument taken as the subject, when the sentence then gives
    /// the day and month of one of the subject's date facts through it: "An
    /// interim pact came first. It runs from its signing on 3 May" is the
    /// subject, signed that day. `None` when the sentence has no such pronoun
    /// or says no such thing through it.
    fn pronoun_for_subject(
        &self,
        doc: &Document,
        s: &mut document::Sentence,
        context: &rows::RowContext,
    ) -> Option<Vec<Considered>> {
        let other_pronoun =
            |i: usize| s.mentions[i].reference == Reference::Pronoun && s.owners[i] == Owner::Other;
        let pronouns: Vec<usize> = (0..s.mentions.len())
            .filter(|&i| other_pronoun(i))
            .collect();
        if pronouns.is_empty() || !self.has_dates {
            return None;
        }
        for &i in &pronouns {
            s.owners[i] = Owner::Subject;
        }
        let mut out = Vec::new();
        self.read_sentence(doc, s, context, &mut out);
        for &i in &pronouns {
            s.owners[i] = Owner::Other;
        }
        let through_pronoun = |c: &Considered| {
            matches!(&c.trace.instrument, Some(Instrument::Mention(at, Owner::Subject))
                if pronouns.iter().any(|&i| s.spans[i] == *at))
        };
        // a date claim is bounded when it gives its day and month
        let dated = out.iter().any(|c| {
            through_pronoun(c)
                && c.outcome == Outcome::States
                && c.trace.bounded
                && matches!(
                    self.subject.facts[c.fact].kind,
                    FactKind::Date { day: Some(_), .. }
                )
        });
        dated.then_some(out)
    }

    /// How many of the subject's quantity and date facts the claims state
    /// with a value, not a bound alone.
    fn stated_figures(&self, considered: &[Considered]) -> usize {
        let mut facts: Vec<usize> = considered
            .iter()
            .filter(|c| {
                c.outcome == Outcome::States
                    && c.trace.bounded
                    && is_figure(&self.subject.facts[c.fact])
            })
            .map(|c| c.fact)
            .collect();
        facts.sort_unstable();
        facts.dedup();
        facts.len()
    }

    /// A claim that tells the subject from any other by what it states: the
    /// full date (day, month and year) of one of its date facts, said of a
    /// mention in one of the `described` sentences. An accord "signed on 3
    /// May 2021" with one of its parties is that accord, while "the accord"
    /// and one party alone may be any of the party's accords.
    fn identifies(&self, c: &Considered, described: &[Range<usize>]) -> bool {
        let Some(Instrument::Mention(mention, Owner::Subject)) = &c.trace.instrument else {
            return false;
        };
        c.outcome == Outcome::States
            && matches!(self.subject.facts[c.fact].kind, FactKind::Date { .. })
            && described
                .iter()
                .any(|r| r.start <= mention.start && mention.end <= r.end)
            && crate::reader::dates::find_dates(&c.found)
                .iter()
                .any(|d| d.year.is_some() && d.month.is_some() && d.day.is_some())
    }
}

/// A sentence's clauses as text ranges.
fn clauses_of(doc: &Document, s: &document::Sentence) -> Vec<(Opening, Range<usize>)> {
    let read;
    let tokens = if s.tokens.is_empty() {
        read = tokens::tokenize(&doc.text, s.range.clone());
        &read
    } else {
        &s.tokens
    };
    structure::clauses(tokens)
        .into_iter()
        .map(|(opening, r)| {
            (
                opening,
                tokens[r.start].range.start..tokens[r.end - 1].range.end,
            )
        })
        .collect()
}

/// Gives access to `Fact` for callers reading a [`Considered`].
pub(crate) fn fact_of<'s>(subject: &'s Subject, c: &Considered) -> &'s Fact {
    &subject.facts[c.fact]
}
