//! Phrase facts (`absent`, `present`) matched word by word, and pattern
//! facts (`forbid`, `require`) matched by their regular expression.

use std::ops::Range;

use regex::Regex;

use super::events::{cue_at, inflects};
use super::leads::PhraseLeads;
use super::sentence::SentenceView;
use super::{Considered, Outcome, SubjectReader, Trace};
use crate::reader::negation::{self, Polarity};
use crate::reader::tokens::Token;
use crate::rules::{Fact, Phrase};

impl SubjectReader<'_> {
    /// Each place one of the fact's phrases stands, and whether, as asserted
    /// or denied there, it states or contradicts the fact.
    pub(super) fn read_phrase_fact(
        &self,
        v: &SentenceView<'_>,
        fi: usize,
        phrases: &[Phrase],
        absent: bool,
        out: &mut Vec<Considered>,
    ) {
        let (s, fact) = (v.s, &self.subject.facts[fi]);
        for toks in phrase_matches(&s.tokens, phrases, &self.phrase_leads[fi]) {
            let range = s.tokens[toks.start].range.start..s.tokens[toks.end - 1].range.end;
            let mut trace = Trace::default();
            let (owner, loose) = self.lenient_owner(s, toks.clone(), v.context, &mut trace);
            let outcome = owner.unwrap_or_else(|| {
                let polarity = negation::polarity(&s.tokens, toks.clone());
                trace.polarity = Some(polarity);
                match (polarity, absent) {
                    (Polarity::Open, _) => Outcome::Open,
                    (Polarity::Affirmed, false) | (Polarity::Denied, true) => Outcome::States,
                    (Polarity::Affirmed, true) | (Polarity::Denied, false) => {
                        Outcome::Contradicts {
                            expected: fact.claim.clone(),
                            fix: None,
                        }
                    }
                }
            });
            out.push(v.considered(fi, &range, outcome, loose, trace));
        }
    }
}

/// How many capitalised words a name after a role's cue may run to.
const NAME_WORDS: usize = 5;

impl SubjectReader<'_> {
    /// A `require` fact with cues names who fills a role ("written by",
    /// "led by"): a name right after one of its cues that the pattern does
    /// not match contradicts it, where the clause is the subject's and the
    /// cue is not denied. The pattern's matches are those
    /// [`read_pattern_fact`] has just put in `out`.
    pub(super) fn read_role(&self, v: &SentenceView<'_>, fi: usize, out: &mut Vec<Considered>) {
        let (s, fact) = (v.s, &self.subject.facts[fi]);
        let tokens = &s.tokens;
        let matches: Vec<Range<usize>> = out
            .iter()
            .filter(|c| c.fact == fi && c.outcome == Outcome::States)
            .map(|c| c.range.clone())
            .collect();
        for i in 0..tokens.len() {
            let Some(cue) = fact.cues.iter().find(|c| cue_at(tokens, i, c)) else {
                continue;
            };
            let name = name_after(tokens, i + cue.len());
            if name.is_empty() {
                continue;
            }
            let range = tokens[name.start].range.start..tokens[name.end - 1].range.end;
            if matches
                .iter()
                .any(|m| m.start < range.end && range.start < m.end)
            {
                continue;
            }
            let mut trace = Trace::default();
            let (owner, loose) = self.lenient_owner(s, i..name.end, v.context, &mut trace);
            let outcome = owner.unwrap_or_else(|| {
                let polarity = negation::polarity(tokens, i..name.end);
                trace.polarity = Some(polarity);
                match polarity {
                    Polarity::Affirmed => Outcome::Contradicts {
                        expected: fact.claim.clone(),
                        fix: None,
                    },
                    Polarity::Denied | Polarity::Open => Outcome::Open,
                }
            });
            out.push(v.considered(fi, &range, outcome, loose, trace));
        }
    }
}

/// The run of capitalised words (with initials: "J. R. Hale") that starts
/// at token `at`, as token indices; empty when none starts there.
fn name_after(tokens: &[Token], at: usize) -> Range<usize> {
    let mut end = at;
    let mut words = 0;
    while let Some(t) = tokens.get(end) {
        let initial = t.norm == "." && end > at && tokens[end - 1].norm.len() == 1;
        if t.is_word() && t.capitalized && words < NAME_WORDS {
            words += 1;
        } else if !initial {
            break;
        }
        end += 1;
    }
    at..end
}

/// Each match of a `forbid` or `require` pattern in the sentence.
pub(super) fn read_pattern_fact(
    v: &SentenceView<'_>,
    fi: usize,
    fact: &Fact,
    re: &Regex,
    forbid: bool,
    out: &mut Vec<Considered>,
) {
    let s = v.s;
    for m in re.find_iter(&v.text[s.range.clone()]) {
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
            attributed: v.attributed(&range),
            trace: Trace::default(),
        });
    }
}

/// Token ranges where one of `phrases` stands; hyphens between words are
/// skipped, `None` matches any one word, and matches do not overlap.
fn phrase_matches(tokens: &[Token], phrases: &[Phrase], leads: &PhraseLeads) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // A phrase can only start at a word sharing its first word's first letters.
        let best = leads
            .at(&tokens[i].norm)
            .filter_map(|k| match_phrase(tokens, i, &phrases[k]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::tokens::tokenize;

    /// The name `name_after` finds right after `word` in `text`.
    fn name(text: &str, word: &str) -> String {
        let tokens = tokenize(text, 0..text.len());
        let at = tokens
            .iter()
            .position(|t| t.norm == word)
            .expect("the word")
            + 1;
        let r = name_after(&tokens, at);
        if r.is_empty() {
            return String::new();
        }
        text[tokens[r.start].range.start..tokens[r.end - 1].range.end].to_owned()
    }

    #[test]
    fn a_name_is_a_run_of_capitalised_words_with_initials() {
        assert_eq!(
            name("It was written by Lee Marsh, a pilot.", "by"),
            "Lee Marsh"
        );
        assert_eq!(
            name("It was written by J. R. Hale in May.", "by"),
            "J. R. Hale"
        );
        assert_eq!(name("It was written by the harbour board.", "by"), "");
        assert_eq!(name("It was led by Ana Sol and Bo Li.", "by"), "Ana Sol");
    }
}
