//! Date facts: the dates a sentence gives, and for each whether it is the
//! date of the fact's event and agrees with it.

use std::ops::Range;

use super::actors::other_actor;
use super::document::Sentence;
use super::events::{cue_at, cue_distance, date_event};
use super::sentence::SentenceView;
use super::{Considered, Event, Outcome, SubjectReader, Trace};
use crate::reader::attribution::Owner;
use crate::reader::dates;
use crate::reader::negation::{self, Polarity};
use crate::reader::structure::forecast;
use crate::reader::tokens::{self, covering};
use crate::rules::{FactKind, OtherValue};

/// A date fact's year, and month and day where it gives them.
pub(super) type FactDate = (i32, Option<u32>, Option<u32>);

impl SubjectReader<'_> {
    /// The sentence's dates, and bare years that qualify the subject; none
    /// when no fact is a date.
    pub(super) fn sentence_dates(&self, v: &SentenceView<'_>) -> Vec<dates::DateMatch> {
        let (text, s) = (v.text, v.s);
        let needs_dates = self
            .subject
            .facts
            .iter()
            .any(|f| matches!(f.kind, FactKind::Date { .. }));
        let mut found_dates = if needs_dates
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
        if needs_dates {
            found_dates.extend(self.founding_years(s, &found_dates));
        }
        found_dates
    }

    /// Each date of the sentence, and what it was found to be for the fact.
    pub(super) fn read_date_fact(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        date: FactDate,
        found_dates: &[dates::DateMatch],
        out: &mut Vec<Considered>,
    ) {
        // "a year ago", "last month": told from a time of writing the draft
        // does not give, such a date states nothing
        for d in found_dates
            .iter()
            .filter(|d| d.style != dates::DateStyle::Relative)
        {
            let Some(toks) = covering(&v.s.tokens, &d.range) else {
                continue;
            };
            let fact = &self.subject.facts[fi];
            // a day, not a month or year many events share
            let mut trace = Trace {
                bounded: d.day.is_some() && d.month.is_some(),
                ..Trace::default()
            };
            let (outcome, loose) = self.date_attachment(v, fi, &toks, d, &mut trace);
            // "expected to close by June": an exception in the date's clause
            let excepted = !fact.except.is_empty()
                && cue_distance(&v.s.tokens, toks.clone(), &fact.except).is_some();
            let outcome = match outcome {
                Some(outcome) => outcome,
                None if excepted => Outcome::Excepted,
                None => date_verdict(
                    &v.s.tokens,
                    toks.clone(),
                    date,
                    &fact.other_values,
                    d,
                    self.presupposed(v.s, &toks),
                    &mut trace,
                ),
            };
            // "is expected to close on 30 June", "by 30 June": a plan or a
            // deadline agrees with the fact or says nothing, as plans change
            let outcome = match outcome {
                Outcome::Contradicts { .. } if forecast(&v.s.tokens, toks.start) => {
                    trace.polarity = Some(Polarity::Open);
                    Outcome::Open
                }
                outcome => outcome,
            };
            out.push(v.considered(fi, &d.range, outcome, loose, trace));
        }
    }

    /// `None` when the date at `toks` is the fact's event's and about the
    /// subject; otherwise why not. The `bool` says it is read on untied to
    /// a mention, as [`Self::lenient_owner`] does. The event it belongs to
    /// and what it is tied to go into `trace`.
    fn date_attachment(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        toks: &Range<usize>,
        d: &dates::DateMatch,
        trace: &mut Trace,
    ) -> (Option<Outcome>, bool) {
        let (s, fact) = (v.s, &self.subject.facts[fi]);
        let first_date = self
            .subject
            .facts
            .iter()
            .position(|f| matches!(f.kind, FactKind::Date { .. }));
        // "the January 2025 agreement": a date that qualifies the
        // subject itself is that of its founding event, the first
        // date fact
        let founding = || first_date == Some(fi) && self.qualifies_subject(s, toks.clone());
        let mut cued = || {
            let event = date_event(&s.tokens, toks.clone(), &fact.cues);
            trace.event = event.map(|(at, cue)| Event {
                range: s.tokens[at].range.clone(),
                cue,
            });
            event.is_some_and(|(_, cue)| cue)
        };
        if first_date != Some(fi) && self.qualifies_subject(s, toks.clone()) {
            // "under the 14 July 2015 deal": the founding date,
            // not this fact's
            (Some(Outcome::NoCue), false)
        } else if self.actors[fi]
            .is_some_and(|a| other_actor(&s.tokens, toks.clone(), &fact.cues, a))
        {
            // "Iran withdrew in 2019" is not the US withdrawal
            (Some(Outcome::NoCue), false)
        } else if !fact.cues.is_empty()
            && !cued()
            && !self.heading_cued(v, fi, d.range.start, toks)
            && !self.lede_cued(v, fi, toks)
            && !founding()
        {
            (Some(Outcome::NoCue), false)
        } else {
            self.lenient_owner(s, toks.clone(), v.context, trace)
        }
    }

    /// Whether the header or heading above the date at `toks` names one of
    /// fact `fi`'s cues ([`Self::header_cued`]), and the date's own event is
    /// no other date fact's.
    fn heading_cued(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        at: usize,
        toks: &Range<usize>,
    ) -> bool {
        self.header_cued(v, at, &self.subject.facts[fi].cues)
            && !self.another_facts_event(v, fi, toks)
    }

    /// Whether the column header above a date, or the heading above a
    /// fact-sheet line, names one of `cues`.
    fn header_cued(&self, v: &SentenceView<'_>, at: usize, cues: &[Vec<String>]) -> bool {
        v.column_cued(at, cues)
            || v.row.heading.as_ref().is_some_and(|h| {
                // a fact-sheet line under a heading that names the event
                let tokens = tokens::tokenize(v.text, h.clone());
                (0..tokens.len()).any(|i| cues.iter().any(|c| cue_at(&tokens, i, c)))
            })
    }

    /// Whether the date at `toks` opens the first sentence under a heading
    /// that names the event of fact `fi` and of no other date fact: "Bridge
    /// opens" over "On 4 June, the city's engineers confirmed ...". A date whose
    /// own event is another date fact's cue stays that event's.
    fn lede_cued(&self, v: &SentenceView<'_>, fi: usize, toks: &Range<usize>) -> bool {
        let Some(heading) = &v.row.lede_of else {
            return false;
        };
        if !crate::reader::structure::fronted_date(&v.s.tokens, toks) {
            return false;
        }
        let heading = tokens::tokenize(v.text, heading.clone());
        let names = |cues: &[Vec<String>]| {
            (0..heading.len()).any(|i| cues.iter().any(|c| cue_at(&heading, i, c)))
        };
        let others = self
            .subject
            .facts
            .iter()
            .enumerate()
            .filter(|(i, f)| *i != fi && matches!(f.kind, FactKind::Date { .. }));
        names(&self.subject.facts[fi].cues)
            && others.clone().all(|(_, f)| !names(&f.cues))
            && !self.another_facts_event(v, fi, toks)
    }

    /// Whether the date at `toks` has for its own event a cue of another
    /// date fact than `fi`: then a heading's event does not take it ("The
    /// Senate voted on 7 August" under "The act becomes law").
    fn another_facts_event(&self, v: &SentenceView<'_>, fi: usize, toks: &Range<usize>) -> bool {
        self.subject.facts.iter().enumerate().any(|(i, f)| {
            i != fi
                && matches!(f.kind, FactKind::Date { .. })
                && date_event(&v.s.tokens, toks.clone(), &f.cues).is_some_and(|(_, cue)| cue)
        })
    }

    /// Years standing before a mention of the subject as its modifier ("the
    /// 2015 nuclear deal", "its 2025 treaty"), not already part of a date.
    pub(super) fn founding_years(
        &self,
        s: &Sentence,
        found: &[dates::DateMatch],
    ) -> Vec<dates::DateMatch> {
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
}

impl SubjectReader<'_> {
    /// Whether the date at `toks` qualifies a mention of the subject in an
    /// argument of the clause ("aimed at restoring the 2015 deal", "did not
    /// break the 2015 deal"): the phrase takes the subject as given, so the
    /// clause's wish or denial does not reach the date. After a copula it is
    /// what is said ("it is not the 2016 deal"), and the clause's polarity
    /// holds.
    fn presupposed(&self, s: &Sentence, toks: &Range<usize>) -> bool {
        if !self.qualifies_subject(s, toks.clone()) {
            return false;
        }
        let mut k = toks.start;
        while k > 0
            && matches!(
                s.tokens[k - 1].norm.as_str(),
                "the" | "a" | "an" | "its" | "their"
            )
        {
            k -= 1;
        }
        let copula = k > 0
            && matches!(
                s.tokens[k - 1].norm.as_str(),
                "is" | "was" | "be" | "been" | "being" | "are" | "were" | "not" | "no" | "nor"
            );
        !copula
    }
}

/// Whether a date that is the fact's states or contradicts it, or is
/// denied or asked; a `presupposed` date is neither denied nor asked.
fn date_verdict(
    tokens: &[crate::reader::tokens::Token],
    toks: Range<usize>,
    (year, month, day): FactDate,
    others: &[OtherValue],
    d: &dates::DateMatch,
    presupposed: bool,
    trace: &mut Trace,
) -> Outcome {
    let polarity = if presupposed {
        Polarity::Affirmed
    } else {
        negation::polarity(tokens, toks)
    };
    trace.polarity = Some(polarity);
    match polarity {
        Polarity::Open => Outcome::Open,
        Polarity::Denied => Outcome::Denied,
        Polarity::Affirmed => {
            let other = |o: &OtherValue| match *o {
                OtherValue::Date { year, month, day } => date_agrees(d, (year, month, day)),
                OtherValue::Quantity(_) => false,
            };
            if date_agrees(d, (year, month, day)) {
                Outcome::States
            } else if others.iter().any(other) {
                // "originally set to expire in 2021": a date the fact once had
                Outcome::OtherValue
            } else {
                let wording = dates::format_date(
                    d.year.map(|_| year),
                    d.month.and(month),
                    d.day.and(day),
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
}

/// Whether a draft's date agrees with a date in every part both give, or
/// read with day and month swapped.
fn date_agrees(d: &dates::DateMatch, (year, month, day): FactDate) -> bool {
    let agrees = |d: &dates::DateMatch| {
        d.year.is_none_or(|y| y == year)
            && (d.month.is_none() || month.is_none() || d.month == month)
            && (d.day.is_none() || day.is_none() || d.day == day)
    };
    agrees(d) || d.swapped().is_some_and(|o| agrees(&o))
}
