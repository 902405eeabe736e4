//! Quantity facts: the figures a sentence gives, and for each figure of a
//! fact's unit whether it is the fact's figure and agrees with it.

use std::ops::Range;

use super::document::Sentence;
use super::events::{cue_among_other_things, cue_at, cue_distance, cue_following, cue_in_sentence};
use super::qualifiers::{
    another_figure, coordinated, negated_bound, rounds_to, significant_digits,
};
use super::rows::{column_quantities, label_quantities};
use super::sentence::SentenceView;
use super::wording::{other_currency_wording, quantity_fix, quantity_wording};
use super::{Considered, Event, Instrument, Outcome, SubjectReader, Trace};
use crate::reader::attribution::Owner;
use crate::reader::negation::{self, Polarity};
use crate::reader::numbers::{self, NumberStyle};
use crate::reader::quantities::{self, Dimension, Form, Quantity, Units};
use crate::reader::structure::{dated_before, states_term, NOT_MODIFIER};
use crate::reader::tokens;
use crate::reader::tokens::Token;
use crate::rules::{Fact, FactKind, OtherValue};

/// A quantity fact's figure.
pub(super) struct FactFigure<'f> {
    pub(super) dimension: &'f Dimension,
    /// The value in the dimension's base unit.
    pub(super) base_value: f64,
    pub(super) value: f64,
    /// The unit as the rule names it.
    pub(super) unit: &'f str,
    /// Whether the fact is a limit: a cap the claim words as "caps",
    /// "no more than", "up to".
    pub(super) limit: bool,
}

impl SubjectReader<'_> {
    /// The sentence's figures: as written, in a label's or column's unit, and
    /// terms given by their end year; none when no fact is a quantity.
    pub(super) fn sentence_quantities(&self, v: &SentenceView<'_>) -> Vec<Quantity> {
        let needs_numbers = self
            .subject
            .facts
            .iter()
            .any(|f| matches!(f.kind, FactKind::Quantity { .. }));
        if !needs_numbers {
            return Vec::new();
        }
        let (text, s) = (v.text, v.s);
        let mut nums = numbers::find_numbers(&text[s.range.clone()]);
        for n in &mut nums {
            n.range = n.range.start + s.range.start..n.range.end + s.range.start;
        }
        let mut qs = quantities::find(&s.tokens, &nums, self.units);
        if v.has_cells() {
            qs.extend(label_quantities(text, s, &nums, self.units, &qs));
        }
        if v.row.header.is_some() {
            let column_label = |at: usize| v.column_label(at);
            let under = column_quantities(text, s, &nums, self.units, &qs, &column_label);
            qs.extend(under);
            qs.sort_by_key(|q| q.range.start);
        }
        if let Some(year) = self.subject.year {
            qs.extend(self.end_year_quantities(s, year));
            qs.sort_by_key(|q| q.range.start);
        }
        let bare = self.bare_figures(s, &nums, &qs);
        if !bare.is_empty() {
            qs.extend(bare);
            qs.sort_by_key(|q| q.range.start);
        }
        qs
    }

    /// Numbers written without a unit that give a fact's value in full, to
    /// three significant digits or more: "the 3.67 ceiling" for 3.67
    /// percent. Read as recalled figures, they may state the fact, never
    /// contradict it; a shorter number ("the 20 limit") is too common to
    /// be the fact's.
    fn bare_figures(
        &self,
        s: &Sentence,
        nums: &[numbers::NumberMatch],
        read: &[Quantity],
    ) -> Vec<Quantity> {
        let tokens = &s.tokens;
        let mut out = Vec::new();
        for n in nums {
            // most numbers are no fact's value: that is tested first; the
            // unit is the fact's own, as its figure is read
            let Some(unit) = self.unit_of_value(n.value) else {
                continue;
            };
            let covered = read.iter().any(|q| {
                q.number
                    .as_ref()
                    .is_some_and(|r| r.start < n.range.end && n.range.start < r.end)
                    || (q.range.start < n.range.end && n.range.start < q.range.end)
            });
            let Some(toks) = tokens::covering(tokens, &n.range) else {
                continue;
            };
            // a sign or an operator beside it makes it something else
            let beside_sign = |k: Option<usize>| {
                k.and_then(|k| tokens.get(k)).is_some_and(|t| {
                    !t.is_word() && !matches!(t.norm.as_str(), "," | "." | ";" | ":" | "(" | ")")
                })
            };
            if covered
                || n.style != NumberStyle::Digits
                || significant_digits(n.value).is_none_or(|d| d < 3)
                || beside_sign(toks.start.checked_sub(1))
                || beside_sign(Some(toks.end))
                || quantities::is_year(&tokens[toks.start], n.style)
            {
                continue;
            }
            out.push(Quantity {
                range: n.range.clone(),
                number: Some(n.range.clone()),
                style: n.style,
                stated: n.value,
                interval: quantities::Interval::exact(n.value * unit.factor),
                unit,
                form: Form::Recalled,
                tokens: toks,
            });
        }
        out
    }

    /// The unit of the quantity fact whose value is `value`, as the fact's
    /// own figure is read, if one is.
    fn unit_of_value(&self, value: f64) -> Option<quantities::Unit> {
        self.subject
            .facts
            .iter()
            .zip(&self.pers)
            .find_map(|(f, per)| match &f.kind {
                FactKind::Quantity {
                    dimension,
                    base_value,
                    value: v,
                    unit,
                } if *v == value && value != 0.0 => Some(quantities::Unit {
                    dimension: dimension.clone(),
                    factor: base_value / value,
                    name: unit.clone(),
                    per: per.clone(),
                }),
                _ => None,
            })
    }

    /// For each quantity, how far it stands from each quantity fact's nearest cue.
    /// Only facts of the quantity's dimension (or another currency) read it,
    /// so only theirs are found; the others are `None`.
    pub(super) fn cue_distances(
        &self,
        v: &SentenceView<'_>,
        quantities: &[Quantity],
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        quantities
            .iter()
            .map(|q| {
                self.subject
                    .facts
                    .iter()
                    .map(|f| match &f.kind {
                        // a figure an exception takes is no candidate of the fact
                        FactKind::Quantity { dimension, .. }
                            if !f.cues.is_empty()
                                && read_by(q, dimension)
                                && !excepted(&v.s.tokens, q, quantities, f) =>
                        {
                            cue_distance(&v.s.tokens, q.tokens.clone(), &f.cues).or_else(|| {
                                // a recalled figure only ever confirms: a
                                // cue anywhere in its sentence will do
                                (q.form == Form::Recalled)
                                    .then(|| cue_in_sentence(&v.s.tokens, &q.tokens, &f.cues))
                                    .flatten()
                            })
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// Each figure of the fact's unit, and what it was found to be.
    pub(super) fn read_quantity_fact(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        figure: &FactFigure<'_>,
        quantities: &[Quantity],
        cue_distances: &[Vec<Option<(usize, usize)>>],
        out: &mut Vec<Considered>,
    ) {
        let dimension = figure.dimension;
        // another currency is a conversion where the sentence also
        // gives the fact's own: "$81m (£64m)"
        let own_currency = quantities
            .iter()
            .any(|o| same_dimension(&o.unit.dimension, dimension));
        let first_of_fact = out.len();
        // how far each figure read stands from the fact's nearest cue
        let mut nearness = Vec::new();
        for (qi, q) in quantities.iter().enumerate().filter(|(_, q)| {
            (same_dimension(&q.unit.dimension, dimension)
                || (quantities::other_currency(&q.unit.dimension, dimension).is_some()
                    && !own_currency))
                && self.compares_per(fi, q)
        }) {
            let (mut outcome, loose, trace) =
                self.quantity_outcome(v, fi, figure, q, &cue_distances[qi]);
            let fact = &self.subject.facts[fi];
            if outcome != Outcome::OtherSubject && excepted(&v.s.tokens, q, quantities, fact) {
                outcome = Outcome::Excepted;
            }
            out.push(v.considered(fi, &q.range, outcome, loose, trace));
            nearness.push(cue_distances[qi][fi].map(|(d, _)| d));
        }
        mark_beside(v.text, &mut out[first_of_fact..], &nearness);
    }

    /// Whether figure `q` may be fact `fi`'s by what it is counted per: a
    /// rate only with a fact of its denominator; a figure without one with
    /// a plain fact, or with a rate fact whose cues may then bind it
    /// ("insulin is capped at $35"). A rate fact without cues takes only
    /// figures of its own denominator: "$12.4 billion" is no price a share.
    fn compares_per(&self, fi: usize, q: &Quantity) -> bool {
        match (q.unit.per.as_deref(), self.pers[fi].as_deref()) {
            (None, None) => true,
            (None, Some(_)) => !self.subject.facts[fi].cues.is_empty(),
            (own, fact) => own == fact,
        }
    }

    /// What one figure is for the fact, whether it was read on without a
    /// mention that ties it to the subject, and how it was read.
    fn quantity_outcome(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        figure: &FactFigure<'_>,
        q: &Quantity,
        distances: &[Option<(usize, usize)>],
    ) -> (Outcome, bool, Trace) {
        let s = v.s;
        let fact = &self.subject.facts[fi];
        let mut trace = Trace {
            bounded: q.interval.lo > 0.0 && q.interval.hi.is_finite(),
            ..Trace::default()
        };
        let (outcome, mut loose) = self.lenient_owner(s, q.tokens.clone(), v.context, &mut trace);
        // a figure that names nothing, between sentences about the subject
        // alone, is the subject's when its clause states a term
        if loose && s.carried && states_term(&s.tokens, q.tokens.start) {
            loose = false;
            trace.instrument = Some(Instrument::Carried);
        }
        let outcome = match outcome {
            Some(outcome) => outcome,
            None if another_figure(&s.tokens, q, &self.terms) && !set_by_subject(s, q) => {
                Outcome::NoCue
            }
            None => {
                let cued = self.quantity_cued(v, fi, figure.dimension, q, distances, &mut trace);
                if !fact.cues.is_empty() && !cued {
                    Outcome::NoCue
                } else {
                    // a total of several things contradicts nothing, but a
                    // total that is the fact's value states it: "$369bn on
                    // everything from wind farms to heat pumps"
                    match quantity_verdict(v, fact, figure, q, &mut trace) {
                        Outcome::Contradicts { .. }
                            if q.form == Form::Noun
                                && distances[fi].is_some_and(|(_, at)| {
                                    cue_among_other_things(
                                        &s.tokens,
                                        at,
                                        q.tokens.start,
                                        &fact.cues,
                                    )
                                }) =>
                        {
                            Outcome::Total
                        }
                        // a recalled noun may confirm, never contradict
                        Outcome::Contradicts { .. } if q.form == Form::Recalled => {
                            Outcome::Recalled
                        }
                        verdict => verdict,
                    }
                }
            }
        };
        // a value of a time before the subject: "the lower court awarded
        // $5 million in 2029", for a ruling of 2031
        let outcome = match (outcome, self.subject.year) {
            (Outcome::Contradicts { .. }, Some(year))
                if dated_before(&s.tokens, q.tokens.start, &q.tokens, year) =>
            {
                Outcome::Earlier
            }
            (outcome, _) => outcome,
        };
        (outcome, loose, trace)
    }

    /// Whether a figure belongs to one of the fact's cues: the noun its
    /// compound modifies, the nearest cue of the facts of its unit, or its
    /// column's header.
    fn quantity_cued(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        dimension: &Dimension,
        q: &Quantity,
        distances: &[Option<(usize, usize)>],
        trace: &mut Trace,
    ) -> bool {
        let s = v.s;
        let fact = &self.subject.facts[fi];
        let cued = if q.form == Form::Compound {
            // "a 20-year pact" is the subject's own length, so it
            // counts for a fact about the subject itself
            let premod = self.modifies_alias(s, q.tokens.clone()) && self.own[fi];
            // "a 20-year pact" counts; "five-year extensions"
            // is about the extensions, "a 20-year term" a cue
            // "not a 25-year pact but a 20-year one"
            let stands_for_alias = s.tokens.get(q.tokens.end).is_some_and(|t| t.norm == "one")
                && s.mentions.iter().any(|m| m.tokens.end <= q.tokens.start);
            let follows = || cue_following(&s.tokens, q.tokens.end, &fact.cues);
            premod
                || stands_for_alias
                || follows()
                    .inspect(|at| trace.event = Some(cue(s, *at)))
                    .is_some()
        } else {
            // of several facts of one unit, the figure goes to
            // the one whose cue stands nearest: "$7,500 for a
            // new car and $369 billion for clean energy"
            let own_distance = distances[fi].map(|(words, _)| words);
            let nearest = self
                .subject
                .facts
                .iter()
                .zip(distances)
                .filter(|(f, _)| {
                    matches!(&f.kind, FactKind::Quantity { dimension: d, .. }
                        if same_dimension(d, dimension))
                })
                .filter_map(|(_, d)| d.map(|(words, _)| words))
                .min();
            // "the $740 billion package": the subject's own size,
            // not a figure of one of its parts
            // unless the alias is one of the fact's own cues: "the $12bn
            // takeover" for a fact cued by "takeover"
            let sizes_subject = !self.own[fi]
                && self
                    .modified_mention(s, q.tokens.clone())
                    .is_some_and(|mi| {
                        !s.mentions[mi]
                            .tokens
                            .clone()
                            .any(|k| fact.cues.iter().any(|c| cue_at(&s.tokens, k, c)))
                    });
            let cued = own_distance.is_some() && own_distance == nearest && !sizes_subject;
            if let Some((_, at)) = distances[fi].filter(|_| cued) {
                trace.event = Some(cue(s, at));
            }
            cued
        };
        // "$95 a share" for a fact per share: the rate's own denominator
        let own_rate = q.unit.per.is_some() && q.unit.per == self.pers[fi];
        cued || own_rate || v.column_cued(q.range.start, &fact.cues)
    }

    /// A term given by its end: "valid until 2045" is a term of 20 years
    /// for a subject of 2025. Only right after a cue of a duration fact
    /// ("runs until", "in force through", "expires in"), since "until 2030"
    /// alone may be about anything.
    pub(super) fn end_year_quantities(&self, s: &Sentence, subject_year: i32) -> Vec<Quantity> {
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
}

/// Whether a figure that is the fact's states or contradicts it, or is
/// denied or asked.
fn quantity_verdict(
    v: &SentenceView<'_>,
    fact: &Fact,
    figure: &FactFigure<'_>,
    q: &Quantity,
    trace: &mut Trace,
) -> Outcome {
    let (s, text) = (v.s, v.text);
    let (dimension, base_value) = (figure.dimension, figure.base_value);
    let mut interval = q.interval;
    let polarity = match negation::polarity(&s.tokens, q.tokens.clone()) {
        // "would not enrich beyond 3.67%": at most 3.67%
        Polarity::Denied if q.interval.is_exact() && negated_bound(&s.tokens, q.tokens.start) => {
            interval = quantities::Interval {
                lo: f64::NEG_INFINITY,
                hi: q.interval.hi,
                lo_open: true,
                hi_open: false,
            };
            Polarity::Affirmed
        }
        // "won't pay more than $50": for a cap, a cap of $50
        Polarity::Denied if figure.limit && q.interval.hi.is_infinite() && q.interval.lo_open => {
            interval = quantities::Interval::exact(q.interval.lo);
            Polarity::Affirmed
        }
        p => p,
    };
    // "no more than $50", "up to $50": for a cap, the bound is its value
    if figure.limit && is_upper_bound(&interval) {
        interval = quantities::Interval::exact(interval.hi);
    }
    trace.polarity = Some(polarity);
    let within = fact
        .tolerance
        .is_some_and(|t| t.widen(interval, base_value).contains(base_value));
    let currency = quantities::other_currency(&q.unit.dimension, dimension);
    match polarity {
        Polarity::Open => Outcome::Open,
        Polarity::Denied => Outcome::Denied,
        // no exchange rates: another currency contradicts
        Polarity::Affirmed if currency.is_some() => Outcome::Contradicts {
            expected: other_currency_wording(base_value, dimension, q, text),
            fix: None,
        },
        Polarity::Affirmed
            if within
                || agrees(&interval, q, base_value)
                || (approximate(fact) && refines(&interval, base_value)) =>
        {
            Outcome::States
        }
        // "first estimated at $369 billion": a value the fact once had
        Polarity::Affirmed if other_value(fact, &interval, q) => Outcome::OtherValue,
        Polarity::Affirmed => Outcome::Contradicts {
            expected: per_wording(
                quantity_wording(figure.value, figure.unit, base_value, q, text),
                fact,
            ),
            fix: quantity_fix(base_value, q, text),
        },
    }
}

/// A rate fact's value as a message gives it, with its denominator: "$95 a
/// share", "$35 a month".
fn per_wording(wording: String, fact: &Fact) -> String {
    match &fact.per {
        Some(per) => format!("{wording} a {per}"),
        None => wording,
    }
}

/// Whether a figure means `value` (in the base unit), or rounds to it in
/// the figure's own unit: "62 miles" for 100 km (62.1 miles).
fn agrees(interval: &quantities::Interval, q: &Quantity, value: f64) -> bool {
    let factor = q.unit.factor;
    let in_unit = quantities::Interval {
        lo: interval.lo / factor,
        hi: interval.hi / factor,
        ..*interval
    };
    interval.contains(value)
        || rounds_to(interval, value)
        || (factor != 1.0 && factor > 0.0 && rounds_to(&in_unit, value / factor))
}

/// Words in a fact's `claim` that make its value a rounded one: "estimated
/// at about $48 million".
const APPROXIMATE: &[&str] = &[
    "about",
    "approximately",
    "roughly",
    "around",
    "some",
    "nearly",
    "estimated",
];

/// Whether the fact's `claim` gives its value as a rounded one.
fn approximate(fact: &Fact) -> bool {
    fact.claim
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| APPROXIMATE.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// Whether an exact figure written with more significant digits than a
/// rounded fact lies within the fact's last digit, rounded or cut to it:
/// "$48.62 million" for about $48 million, not "$49.3 million".
fn refines(interval: &quantities::Interval, fact: f64) -> bool {
    if !interval.is_exact() || fact <= 0.0 || interval.lo <= 0.0 {
        return false;
    }
    let written = interval.lo;
    let (Some(f), Some(w)) = (significant_digits(fact), significant_digits(written)) else {
        return false;
    };
    if w <= f {
        return false;
    }
    let step = 10f64.powi(fact.log10().floor() as i32 + 1 - f);
    written > fact - step / 2.0 && written < fact + step
}

/// Whether a figure is one of the fact's `other-values`, with its
/// tolerance and rounding.
fn other_value(fact: &Fact, interval: &quantities::Interval, q: &Quantity) -> bool {
    fact.other_values.iter().any(|v| match v {
        OtherValue::Quantity(value) => {
            agrees(interval, q, *value)
                || fact
                    .tolerance
                    .is_some_and(|t| t.widen(*interval, *value).contains(*value))
        }
        OtherValue::Date { .. } => false,
    })
}

/// Whether one of the fact's `except` phrases stands in the figure's
/// clause and nearer to it than to any other figure of its unit (a tie
/// goes to the figure before it): "$4,000 for used cars", "$95 per share".
fn excepted(tokens: &[Token], q: &Quantity, quantities: &[Quantity], fact: &Fact) -> bool {
    if fact.except.is_empty() {
        return false;
    }
    let Some((words, _)) = cue_distance(tokens, q.tokens.clone(), &fact.except) else {
        return false;
    };
    // how many tokens lie from an exception to a figure
    let gap = |at: usize, r: &Range<usize>| {
        if at < r.start {
            r.start - at
        } else {
            at.saturating_sub(r.end) + 1
        }
    };
    // the words from the figure to an exception, the exception's own included
    let reach = |at: usize| {
        let (lo, hi) = if at < q.tokens.start {
            (at, q.tokens.start)
        } else {
            (q.tokens.end, at + 1)
        };
        tokens[lo..hi.min(tokens.len())]
            .iter()
            .filter(|t| t.is_word())
            .count()
    };
    (0..tokens.len())
        .filter(|&at| fact.except.iter().any(|e| cue_at(tokens, at, e)) && reach(at) <= words)
        .any(|at| {
            let own = gap(at, &q.tokens);
            quantities
                .iter()
                .filter(|o| {
                    o.range != q.range && same_dimension(&o.unit.dimension, &q.unit.dimension)
                })
                .all(|o| {
                    let other = gap(at, &o.tokens);
                    other > own || (other == own && q.tokens.start < o.tokens.start)
                })
        })
}

/// Whether a figure reads as an upper bound: "no more than 50", "up to
/// 50", "at most 50", "a maximum of 50" (from zero, the bound included).
fn is_upper_bound(interval: &quantities::Interval) -> bool {
    interval.lo == 0.0
        && !interval.lo_open
        && !interval.hi_open
        && interval.hi.is_finite()
        && interval.hi > 0.0
}

/// Words in a fact's claim that make its figure a limit.
const LIMIT_WORDS: &[&[&str]] = &[
    &["cap"],
    &["caps"],
    &["capped"],
    &["capping"],
    &["limit"],
    &["limits"],
    &["limited"],
    &["maximum"],
    &["ceiling"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["at", "most"],
    &["up", "to"],
    &["no", "higher", "than"],
];

/// Whether a quantity fact's claim words its figure as a limit: "The act
/// caps what people pay at $35 a month", "Iran may keep no more than 300
/// kg". Then "no more than $50" states a limit of $50, which contradicts.
pub(super) fn limit_in_claim(fact: &Fact) -> bool {
    if !matches!(fact.kind, FactKind::Quantity { .. }) {
        return false;
    }
    let tokens = tokens::tokenize(&fact.claim, 0..fact.claim.len());
    (0..tokens.len()).any(|i| {
        LIMIT_WORDS.iter().any(|w| {
            w.iter()
                .enumerate()
                .all(|(k, word)| tokens.get(i + k).is_some_and(|t| t.norm == *word))
        })
    })
}

/// The cue word at token `at` of the sentence, as a trace's event.
pub(super) fn cue(s: &Sentence, at: usize) -> Event {
    Event {
        range: s.tokens[at].range.clone(),
        cue: true,
    }
}

/// "the $7,500 credit for new cars and a $4,000 rebate for used ones":
/// beside the fact's own figure, another figure of its unit is another
/// item, not a contradiction. A fact has one value, so where no figure of
/// the sentence states it, of figures listed together that all disagree
/// only the one the fact's cue binds closest is the fact's ("a $5,000 car
/// credit and a $4,000 rebate for used cars": the $5,000); the rest are
/// the other items of the list. `nearness` gives each figure's distance
/// from its nearest cue, in the order of `read`.
fn mark_beside(text: &str, read: &mut [Considered], nearness: &[Option<usize>]) {
    let stated: Vec<Range<usize>> = read
        .iter()
        .filter(|c| c.outcome == Outcome::States)
        .map(|c| c.range.clone())
        .collect();
    let contradicting: Vec<(Range<usize>, Option<usize>)> = read
        .iter()
        .zip(nearness)
        .filter(|(c, _)| matches!(c.outcome, Outcome::Contradicts { .. }))
        .map(|(c, n)| (c.range.clone(), *n))
        .collect();
    for (c, near) in read.iter_mut().zip(nearness) {
        if !matches!(c.outcome, Outcome::Contradicts { .. }) {
            continue;
        }
        let beside = stated.iter().any(|st| coordinated(text, st, &c.range));
        // another disagreeing figure of the list stands closer to a cue
        let outbound = contradicting.iter().any(|(other, n)| {
            *other != c.range
                && coordinated(text, other, &c.range)
                && n.is_some_and(|n| near.is_none_or(|near| n < near))
        });
        if beside || outbound {
            c.outcome = Outcome::Beside;
        }
    }
}

/// The denominator a quantity fact's claim gives its figure: "The act caps
/// what people pay for insulin at $35 a month" is counted per month.
pub(super) fn per_in_claim(fact: &Fact, units: &Units) -> Option<String> {
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

/// Whether the figure's own phrase says the subject set it, by a participle
/// and a mention of the subject right after it: "the 3.5 ratio allowed
/// under the accord", "a 40 cap set by the pact". Such a figure is the
/// subject's even inside a change or an activity ("rose from the 3.5 ratio
/// allowed under the accord to 9").
fn set_by_subject(s: &Sentence, q: &Quantity) -> bool {
    let tokens = &s.tokens;
    let mut k = q.tokens.end;
    // past the figure's noun: "the 3.5 ratio", "the 3.5 percent ratio"
    for _ in 0..2 {
        if tokens.get(k).is_some_and(|t| {
            t.is_word() && !t.norm.ends_with("ed") && !NOT_MODIFIER.contains(&t.norm.as_str())
        }) {
            k += 1;
        }
    }
    let participle = tokens
        .get(k)
        .is_some_and(|t| t.is_word() && t.norm.len() > 3 && t.norm.ends_with("ed"));
    let linked = tokens
        .get(k + 1)
        .is_some_and(|t| matches!(t.norm.as_str(), "under" | "by" | "in"));
    participle
        && linked
        && s.mentions
            .iter()
            .any(|m| m.owner != Owner::Other && (k + 2..k + 5).contains(&m.tokens.start))
}

/// Whether a quantity fact of `dimension` may read the quantity `q`: one of
/// its dimension, or in another currency. [`SubjectReader::read_quantity_fact`]
/// reads no other, nor another's cue distance.
fn read_by(q: &Quantity, dimension: &Dimension) -> bool {
    same_dimension(&q.unit.dimension, dimension)
        || quantities::other_currency(&q.unit.dimension, dimension).is_some()
}

pub(super) fn same_dimension(found: &Dimension, fact: &Dimension) -> bool {
    found == fact
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finer_figure_within_a_rounded_facts_last_digit_refines_it() {
        let exact = quantities::Interval::exact;
        assert!(refines(&exact(48.62e6), 48e6));
        assert!(refines(&exact(47.6e6), 48e6));
        assert!(!refines(&exact(49.3e6), 48e6));
        assert!(!refines(&exact(47.4e6), 48e6));
        // as precise as the fact, or less: rounding decides, not this
        assert!(!refines(&exact(49e6), 48e6));
        assert!(!refines(&exact(48e6), 48e6));
    }
}
