//! Which instrument a claim is about: the mention it modifies or stands
//! nearest in its clause, unless that mention is a point in time ("before
//! the deal") or the thing compared with ("unlike a defence pact").

use std::ops::Range;

use super::document::Sentence;
use super::events::inflects;
use super::{Instrument, Outcome, SubjectReader, Trace};
use crate::reader::attribution::{self, Mention, Owner, Reference, Terms};
use crate::reader::normalize;
use crate::reader::structure::{aside_of, breaks_clause, new_predicate, NOT_MODIFIER};
use crate::reader::tokens::{self, Token};
use crate::rules::Fact;

impl SubjectReader<'_> {
    /// `None` when the claim at `toks` is about the subject, otherwise why
    /// not; but a claim tied to no mention is read on (the `bool` says so):
    /// in a draft about the subject it may still state the fact, though it
    /// never contradicts it. What it was tied to goes into `trace`.
    pub(super) fn lenient_owner(
        &self,
        s: &Sentence,
        toks: Range<usize>,
        context: Option<Owner>,
        trace: &mut Trace,
    ) -> (Option<Outcome>, bool) {
        let instrument = self.instrument(s, toks, context);
        let owner = instrument.owner();
        trace.instrument = Some(instrument);
        match owner {
            Some(Owner::Subject) => (None, false),
            Some(Owner::Other) => (Some(Outcome::OtherSubject), false),
            Some(Owner::Unknown) | None => (None, true),
        }
    }

    /// The alias mention that the claim at `toks` modifies ("a 20-year pact"),
    /// as an index into the sentence's mentions.
    pub(super) fn modified_mention(&self, s: &Sentence, toks: Range<usize>) -> Option<usize> {
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

    pub(super) fn modifies_alias(&self, s: &Sentence, toks: Range<usize>) -> bool {
        self.modified_mention(s, toks).is_some()
    }

    /// Whether the claim at `toks` modifies a mention of the subject.
    pub(super) fn qualifies_subject(&self, s: &Sentence, toks: Range<usize>) -> bool {
        self.modified_mention(s, toks)
            .is_some_and(|mi| s.owners[mi] == Owner::Subject)
    }

    /// What the claim at `toks` is tied to: the mention it belongs to, or
    /// with none the sentence's `context`.
    pub(super) fn instrument(
        &self,
        s: &Sentence,
        toks: Range<usize>,
        context: Option<Owner>,
    ) -> Instrument {
        let in_aside = aside_of(&s.tokens, toks.start).is_some();
        let Some(mi) = self.attached_mention(s, toks.clone()) else {
            // a claim in a comparison that names no instrument ("unlike North
            // Korea's, which has …") is about the thing compared with
            return if in_aside {
                Instrument::Aside
            } else {
                Instrument::Context(context)
            };
        };
        let (m, at) = (&s.mentions[mi], s.spans[mi].clone());
        // "before the deal", "prior to the accord": the mention is a point in
        // time, and what is said is about the time before the subject
        if before_subject(&s.tokens, m.tokens.start) {
            return Instrument::Before(at);
        }
        // "unlike a mutual-defence pact": an alias that nothing ties to the
        // subject, inside a comparison, is the thing compared with
        let generic = m.owner == Owner::Unknown && m.reference != Reference::Pronoun;
        if generic
            && aside_of(&s.tokens, m.tokens.start).is_some()
            && !provides(&s.tokens, toks.end, m.tokens.start)
        {
            return Instrument::Compared(at);
        }
        Instrument::Mention(at, s.owners[mi])
    }

    /// The mention a claim belongs to, as an index into the sentence's
    /// mentions: the alias it modifies, else the nearest mention before it in
    /// its clause, else the nearest after it.
    fn attached_mention(&self, s: &Sentence, toks: Range<usize>) -> Option<usize> {
        if let Some(mi) = self.modified_mention(s, toks.clone()) {
            return Some(mi);
        }
        let claim_aside = aside_of(&s.tokens, toks.start);
        if claim_aside.is_some() {
            return aside_mention(s, &toks, claim_aside);
        }
        let before = s
            .mentions
            .iter()
            // "X, unlike Russia's pact with Pyongyang, has no …": the aside's
            // mention does not own what follows the aside
            .rposition(|m| {
                m.tokens.end <= toks.start
                    && !clause_break(&s.tokens[m.tokens.end..toks.start])
                    && aside_of(&s.tokens, m.tokens.start).is_none_or(|a| Some(a) == claim_aside)
            });
        let undecided = |i: usize| {
            s.owners[i] == Owner::Unknown && s.mentions[i].reference == Reference::Pronoun
        };
        let after = || {
            // "shares rose to $82 after the deal was announced": a mention in
            // a clause of time or cause after the claim does not own it,
            // unless that clause tells the subject's own event ("six died
            // when the bridge collapsed", for a subject called a collapse)
            let ahead = |m: &Mention| {
                let between = &s.tokens[toks.end..m.tokens.start.max(toks.end)];
                m.tokens.start >= toks.end
                    && !clause_break(between)
                    && (!in_subordinate_clause(between) || self.tells_subject_event(s, m))
            };
            let first = s.mentions.iter().position(ahead)?;
            // "On 3 May, the board said the firm met its duties under the
            // accord": a pronoun that resolves to nothing gives way to a
            // mention after it
            let decided =
                (first..s.mentions.len()).find(|&j| ahead(&s.mentions[j]) && !undecided(j));
            Some(decided.unwrap_or(first))
        };
        // "Iran said it has passed the 3.67 percent cap set under the deal": a
        // pronoun that resolves to nothing gives way to a mention after the claim
        if before.is_some_and(undecided) {
            return after().or(before);
        }
        if let Some(i) = before {
            return Some(clause_subject(s, i, toks.start).unwrap_or(i));
        }
        after()
    }
}

/// The mention that is the subject of the claim's clause, when the mention
/// `i` nearest before the claim at token `claim` is not: one inside an
/// appositive ("The Act, a scaled-back version of the Build Back Better
/// Act, commits …"), or one in an earlier predicate of coordinated ones
/// ("It would widen subsidies under the ACA, levy a 15 percent tax").
fn clause_subject(s: &Sentence, i: usize, claim: usize) -> Option<usize> {
    let tokens = &s.tokens;
    let m = &s.mentions[i];
    // the appositive: "M1, a/an/the … M2 …, <claim's predicate>"
    let open = (0..m.tokens.start).rev().find(|&k| tokens[k].norm == ",");
    let closes = (m.tokens.end..claim).any(|k| tokens[k].norm == ",");
    let appositive = open.filter(|&o| {
        closes
            && tokens
                .get(o + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "a" | "an" | "the"))
    });
    if let Some(open) = appositive {
        if let Some(j) = s.mentions.iter().rposition(|o| o.tokens.end == open) {
            return Some(j);
        }
    }
    // coordinated predicates share the subject of the first one
    let turn = (m.tokens.end..claim).any(|k| new_predicate(tokens, k));
    let first = s.mentions.first()?;
    let first_turn = (0..claim).find(|&k| new_predicate(tokens, k))?;
    let same_clause = !clause_break(&tokens[first.tokens.end.min(claim)..claim]);
    (turn && i != 0 && first.tokens.end <= first_turn && same_clause).then_some(0)
}

/// A mention across a semicolon or a contrast ("…, although the deal
/// sets …") is in another clause.
fn clause_break(between: &[Token]) -> bool {
    between.iter().any(breaks_clause)
}

/// Inside a comparison only the comparison's own mentions count, the
/// nearest first: "unlike the 2001 treaty, which ran …".
fn aside_mention(s: &Sentence, toks: &Range<usize>, claim_aside: Option<usize>) -> Option<usize> {
    let distance = |m: &Mention| {
        if m.tokens.end <= toks.start {
            toks.start - m.tokens.end
        } else {
            m.tokens.start.saturating_sub(toks.end)
        }
    };
    s.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| aside_of(&s.tokens, m.tokens.start) == claim_aside)
        .min_by_key(|(_, m)| distance(m))
        .map(|(i, _)| i)
}

/// Whether the mention at `at` is where the claim ending at `end` comes
/// from, not the thing compared with: "higher than the 3.67 percent allowed
/// under the deal", "above the cap set by the accord". A participle, then
/// "under", "by" or "in", then the mention's determiner.
fn provides(tokens: &[Token], end: usize, at: usize) -> bool {
    let Some(between) = tokens.get(end..at) else {
        return false;
    };
    let words: Vec<&str> = between.iter().map(|t| t.norm.as_str()).collect();
    let [rest @ .., prep, det] = words.as_slice() else {
        return false;
    };
    // past a particle: "set out in the treaty"
    let rest = match rest {
        [r @ .., "out" | "up" | "down" | "forth"] => r,
        r => r,
    };
    let participle = rest
        .last()
        .is_some_and(|w| w.ends_with("ed") || PARTICIPLES.contains(w));
    words.len() <= 6
        && participle
        && matches!(*prep, "under" | "by" | "in")
        && matches!(*det, "the" | "this" | "that" | "its")
}

/// Past participles not ending in "-ed" that tie a figure to its source.
const PARTICIPLES: &[&str] = &[
    "set", "laid", "written", "spelled", "spelt", "given", "agreed",
];

/// Words that open a clause of time, cause or condition: a mention after
/// one is that clause's, not the main clause's before it.
const SUBORDINATORS: &[&str] = &[
    "after",
    "since",
    "when",
    "once",
    "following",
    "because",
    "if",
    "unless",
    "whereas",
];

impl SubjectReader<'_> {
    /// Whether the clause after mention `m`, up to a comma, has a verb
    /// that is one of the subject's aliases: "the bridge collapsed" for
    /// a subject called a collapse.
    fn tells_subject_event(&self, s: &Sentence, m: &Mention) -> bool {
        s.tokens[m.tokens.end..]
            .iter()
            .take_while(|t| t.norm != "," && !breaks_clause(t))
            .any(|t| {
                t.is_word()
                    && self
                        .terms
                        .aliases
                        .iter()
                        .any(|a| t.base() != a && inflects(t.base(), a))
            })
    }
}

/// Whether the words up to a mention leave it inside a clause one of
/// [`SUBORDINATORS`] opens: no comma has closed the clause since ("On 5
/// May, following its ratification, the accord was signed": the accord is
/// the main clause's again).
fn in_subordinate_clause(before_mention: &[Token]) -> bool {
    before_mention
        .iter()
        .rposition(|t| SUBORDINATORS.contains(&t.norm.as_str()))
        .is_some_and(|k| !before_mention[k..].iter().any(|t| t.norm == ","))
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
pub(super) fn about_subject_itself(terms: &Terms, fact: &Fact) -> bool {
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

pub(super) fn is_alias(t: &Token, terms: &Terms) -> bool {
    terms
        .aliases
        .iter()
        .any(|a| *a == normalize::singular(t.base()) && terms.case_fits(t, a))
}

/// The outcome of a claim read on without a mention that ties it to the
/// subject: it states the fact when it agrees, and is otherwise unattributed,
/// since it may be about anything.
pub(super) fn settle(outcome: Outcome, loose: bool) -> Outcome {
    if loose && !matches!(outcome, Outcome::States) {
        Outcome::Unattributed
    } else {
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_subject;
    use super::super::{Instrument, Outcome, SubjectReader, Trace};
    use super::*;
    use crate::source::{Document, Markup};

    /// The instrument the claim `claim` in the first sentence of `text` is
    /// tied to, with the text of its mention, and the outcome
    /// `lenient_owner` gives it.
    fn tied(text: &str, claim: &str) -> (Instrument, Option<String>, (Option<Outcome>, bool)) {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let doc = Document::read(text, Markup::Text);
        let sentences = reader.sentences(&doc);
        let s = sentences
            .iter()
            .find(|s| doc.text[s.range.clone()].contains(claim))
            .unwrap_or_else(|| panic!("no sentence holds {claim:?}"));
        let start = doc.text.find(claim).unwrap_or_default();
        let toks = tokens::covering(&s.tokens, &(start..start + claim.len())).unwrap_or(0..0);
        let instrument = reader.instrument(s, toks.clone(), None);
        let mention = match &instrument {
            Instrument::Mention(r, _) | Instrument::Before(r) | Instrument::Compared(r) => {
                Some(doc.text[r.clone()].to_owned())
            }
            _ => None,
        };
        let mut trace = Trace::default();
        let outcome = reader.lenient_owner(s, toks, None, &mut trace);
        (instrument, mention, outcome)
    }

    #[test]
    fn a_figure_that_modifies_an_alias_is_the_aliass() {
        let (instrument, mention, outcome) = tied(
            "Norway and Chile signed a 12-year accord in Oslo.",
            "12-year",
        );
        assert_eq!(mention.as_deref(), Some("accord"));
        assert_eq!(instrument.owner(), Some(Owner::Subject));
        assert_eq!(outcome, (None, false));
    }

    #[test]
    fn a_figure_belongs_to_the_nearest_mention_before_it_in_its_clause() {
        let text = "The Harbor Cooperation Accord runs for 12 years, and the Fisheries Compact \
                    runs for 5 years.";
        let (_, mention, outcome) = tied(text, "12 years");
        assert_eq!(mention.as_deref(), Some("Harbor Cooperation Accord"));
        assert_eq!(outcome, (None, false));
        let (_, mention, outcome) = tied(text, "5 years");
        assert_eq!(mention.as_deref(), Some("Fisheries Compact"));
        assert_eq!(outcome, (Some(Outcome::OtherSubject), false));
    }

    #[test]
    fn before_the_subject_is_another_time() {
        let text = "Norway and Chile signed the Harbor Cooperation Accord in Oslo. \
                    Talks went on for 3 years before the accord.";
        let (instrument, mention, outcome) = tied(text, "3 years");
        assert!(
            matches!(instrument, Instrument::Before(_)),
            "{instrument:?}"
        );
        assert_eq!(mention.as_deref(), Some("accord"));
        assert_eq!(outcome, (Some(Outcome::OtherSubject), false));
    }

    #[test]
    fn a_claim_tied_to_nothing_is_read_on_but_never_contradicts() {
        let (instrument, mention, outcome) = tied("Rain fell for 3 days in Santiago.", "3 days");
        assert!(
            matches!(instrument, Instrument::Context(None)),
            "{instrument:?}"
        );
        assert_eq!(mention, None);
        assert_eq!(outcome, (None, true));
        let contradicts = Outcome::Contradicts {
            expected: "12 years".to_owned(),
            fix: None,
        };
        assert_eq!(settle(contradicts.clone(), true), Outcome::Unattributed);
        assert_eq!(settle(contradicts.clone(), false), contradicts);
        assert_eq!(settle(Outcome::States, true), Outcome::States);
    }

    #[test]
    fn a_claim_about_the_subject_itself_starts_with_its_name_or_alias() {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let subject = &rules.subjects[0];
        let mut fact = subject.facts[0].clone();
        assert!(about_subject_itself(&reader.terms, &fact));
        fact.claim = "The limits on catches last 15 years.".to_owned();
        assert!(!about_subject_itself(&reader.terms, &fact));
        fact.claim = "This deal lasts 12 years.".to_owned();
        assert!(about_subject_itself(&reader.terms, &fact));
    }

    #[test]
    fn an_alias_is_one_in_its_singular_and_as_the_rule_writes_it() {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let text = "accords deals agreement treaty";
        let tokens = tokens::tokenize(text, 0..text.len());
        let aliases: Vec<bool> = tokens.iter().map(|t| is_alias(t, &reader.terms)).collect();
        assert_eq!(aliases, [true, true, true, false]);
    }
}
