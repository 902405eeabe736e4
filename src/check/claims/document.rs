//! A document's sentences with their mentions, and the references between
//! them resolved from sentence to sentence: whom "it", "the pact" or "the
//! agreement" names.

use std::ops::Range;

use rayon::prelude::*;

use super::owner::is_alias;
use super::SubjectReader;
use crate::reader::attribution::{self, Mention, Owner, Reference};
use crate::reader::event_naming;
use crate::reader::sentences;
use crate::reader::tokens::{self, Token};
use crate::source::{BlockKind, Document};

/// The longest text whose tokens are kept from finding mentions to reading
/// claims; a longer one is tokenized twice rather than held whole.
const KEEP_TOKENS: usize = 1 << 20;

/// Blocks or sentences a thread takes at least: a draft of ordinary length
/// is read on one thread, as the threads are busy with other drafts and
/// waking one costs more than the draft; a very long one is shared out.
pub(super) const PARALLEL_MIN: usize = 256;

/// A sentence as first read, before references are resolved.
struct TokenizedSentence {
    range: Range<usize>,
    /// Kept only for a document of ordinary size.
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    spans: Vec<Range<usize>>,
    named: bool,
    parties: Vec<usize>,
    /// Tells of an agreement between a party and another country.
    other_deal: bool,
}

/// A sentence. In a very long document its tokens are read twice: once to
/// find mentions, then dropped, and again for its claims once the document
/// is known to be about the subject; so the document's tokens are never all
/// in memory at once, which would take many times its size.
pub(super) struct Sentence {
    pub(super) range: Range<usize>,
    pub(super) block: usize,
    /// Empty until the sentence is read for claims.
    pub(super) tokens: Vec<Token>,
    pub(super) mentions: Vec<Mention>,
    /// Owner of each mention after resolving references.
    pub(super) owners: Vec<Owner>,
    /// Text range of each mention.
    pub(super) spans: Vec<Range<usize>>,
    /// Names the subject (not with an alias alone).
    pub(super) named: bool,
    /// The party groups named in it.
    pub(super) parties: Vec<usize>,
    /// It names no instrument, and the sentences that do around it speak
    /// of the subject alone ([`carry_subject`]).
    pub(super) carried: bool,
}

/// What the sentences read so far leave for a reference to name.
struct Discourse {
    last_concrete: Option<Owner>,
    last_any: Owner,
    /// A pronoun names what the sentence before it (or its own sentence)
    /// named; after a sentence that named nothing it may mean anything:
    /// "Iran fought a long war. It lasted eight years."
    previous_named: bool,
    /// The last sentence told of an agreement between a party and another
    /// country, and none since named the subject: "the deal" is that one.
    other_deal: bool,
}

impl Discourse {
    fn new() -> Discourse {
        Discourse {
            last_concrete: None,
            last_any: Owner::Subject,
            previous_named: false,
            other_deal: false,
        }
    }

    /// The owner of each of a sentence's mentions, the sentence read;
    /// `other_deal` when the sentence tells of another agreement.
    fn owners(&mut self, mentions: &[Mention], other_deal: bool) -> Vec<Owner> {
        if mentions
            .iter()
            .any(|m| names_subject(m.reference) && m.owner == Owner::Subject)
        {
            self.other_deal = false;
        }
        let mut owners = Vec::with_capacity(mentions.len());
        for (n, m) in mentions.iter().enumerate() {
            let owner = match (m.owner, m.reference) {
                (Owner::Unknown, Reference::Pronoun) if n == 0 && !self.previous_named => {
                    Owner::Unknown
                }
                (Owner::Unknown, Reference::Pronoun) => self.last_any,
                (Owner::Unknown, Reference::Definite) if self.other_deal => Owner::Other,
                (Owner::Unknown, Reference::Definite) => Owner::Subject,
                (Owner::Unknown, Reference::Indefinite) => {
                    self.last_concrete.unwrap_or(Owner::Subject)
                }
                (Owner::Unknown, Reference::Demonstrative) => {
                    self.last_concrete.unwrap_or(Owner::Subject)
                }
                (Owner::Unknown, Reference::Name) => Owner::Subject,
                (known, _) => known,
            };
            if m.reference != Reference::Pronoun {
                self.last_concrete = Some(owner);
            }
            // "Halvern will acquire Brightwave. It …": "it" is a company,
            // not the event
            if m.reference != Reference::Event {
                self.last_any = owner;
            }
            owners.push(owner);
        }
        self.previous_named = mentions.iter().any(|m| m.reference != Reference::Event);
        if other_deal && !owners.contains(&Owner::Subject) {
            self.other_deal = true;
        }
        owners
    }
}

/// Short forms a draft defines for the subject in brackets after one of its
/// names ("the Harbor Bridge Act (HBA24)", "the Quay Accord (QA21)"):
/// later, each names the subject as the name does.
/// Read only where a sentence's tokens are kept (documents of ordinary size).
#[derive(Default)]
struct ShortForms {
    words: Vec<String>,
}

impl ShortForms {
    /// Takes the short forms a sentence defines: a word of capitals or
    /// digits, alone in brackets right after a name of the subject.
    fn learn(&mut self, tokens: &[Token], mentions: &[Mention]) {
        for m in mentions {
            if m.reference != Reference::Name || m.owner != Owner::Subject {
                continue;
            }
            let at = |k: usize| tokens.get(m.tokens.end + k);
            let (Some(open), Some(word), Some(close)) = (at(0), at(1), at(2)) else {
                continue;
            };
            let written = word.original_word();
            let short = word.is_word()
                && (2..=12).contains(&written.len())
                && written.bytes().filter(u8::is_ascii_uppercase).count() >= 2
                && written.bytes().all(|b| b.is_ascii_alphanumeric());
            if open.norm == "("
                && close.norm == ")"
                && short
                && !self.words.iter().any(|w| w == written)
            {
                self.words.push(written.to_owned());
            }
        }
    }

    /// Adds a named mention of the subject for each short form in a sentence
    /// outside its mentions; whether it added one.
    fn apply(
        &self,
        tokens: &[Token],
        mentions: &mut Vec<Mention>,
        spans: &mut Vec<Range<usize>>,
    ) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let mut added = false;
        for (k, t) in tokens.iter().enumerate() {
            let inside = mentions.iter().any(|m| m.tokens.contains(&k));
            if inside || !t.is_word() || !self.words.iter().any(|w| w == t.original_word()) {
                continue;
            }
            let at = mentions.partition_point(|m| m.tokens.start < k);
            mentions.insert(
                at,
                Mention {
                    tokens: k..k + 1,
                    owner: Owner::Subject,
                    reference: Reference::Name,
                },
            );
            spans.insert(at, t.range.clone());
            added = true;
        }
        added
    }
}

/// How many blocks away the sentence that names an instrument may stand
/// from a sentence that names none, for the one to carry to the other.
const CARRY_BLOCKS: usize = 2;

/// Marks the paragraph sentences that name no instrument between sentences
/// that speak of the subject alone: the nearest sentence before that names
/// one, and the nearest after, each in its own or a nearby paragraph, name
/// the subject and nothing else. A lede that describes before it names
/// ("Buyers will pay less. It is one of the act's provisions.") has no
/// sentence before it, and is carried by the one after.
fn carry_subject(sentences: &mut [Sentence], doc: &Document) {
    let naming: Vec<usize> = (0..sentences.len())
        .filter(|&i| !sentences[i].mentions.is_empty())
        .collect();
    // a side qualifies when it names the subject and no other instrument
    let only_subject = |j: usize| {
        let owners = &sentences[j].owners;
        owners.contains(&Owner::Subject) && !owners.contains(&Owner::Other)
    };
    let near = |i: usize, j: usize| sentences[i].block.abs_diff(sentences[j].block) <= CARRY_BLOCKS;
    let mut carried = vec![false; sentences.len()];
    for (i, s) in sentences.iter().enumerate() {
        if !s.mentions.is_empty() || doc.blocks[s.block].kind != BlockKind::Paragraph {
            continue;
        }
        let after = naming.partition_point(|&j| j < i);
        let before = after.checked_sub(1).map(|k| naming[k]);
        let next = naming.get(after).copied().filter(|&j| near(i, j));
        carried[i] = match (before, next) {
            (Some(b), Some(n)) => near(i, b) && only_subject(b) && only_subject(n),
            (Some(b), None) => near(i, b) && only_subject(b),
            (None, Some(n)) => only_subject(n),
            (None, None) => false,
        };
    }
    for (s, c) in sentences.iter_mut().zip(carried) {
        s.carried = c;
    }
}

/// The first mention of the subject that is not a pronoun.
pub(super) fn anchor(sentences: &[Sentence]) -> Option<Range<usize>> {
    sentences.iter().find_map(|s| {
        s.mentions
            .iter()
            .zip(&s.owners)
            .zip(&s.spans)
            .find(|((m, o), _)| **o == Owner::Subject && m.reference != Reference::Pronoun)
            .map(|(_, span)| span.clone())
    })
}

impl SubjectReader<'_> {
    pub(super) fn sentences(&self, doc: &Document) -> Vec<Sentence> {
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
                    .map(|range| self.tokenized(&doc.text, range, keep_tokens))
                    .collect()
            })
            .collect();
        let mut out = Vec::with_capacity(read.iter().map(Vec::len).sum());
        let mut discourse = Discourse::new();
        let mut short_forms = ShortForms::default();
        for (b, block) in read.into_iter().enumerate() {
            for read in block {
                let TokenizedSentence {
                    range,
                    tokens,
                    mut mentions,
                    mut spans,
                    mut named,
                    parties,
                    other_deal,
                } = read;
                short_forms.learn(&tokens, &mentions);
                if short_forms.apply(&tokens, &mut mentions, &mut spans) {
                    named = true;
                }
                let owners = discourse.owners(&mentions, other_deal);
                out.push(Sentence {
                    range,
                    block: b,
                    tokens,
                    mentions,
                    owners,
                    spans,
                    named,
                    parties,
                    carried: false,
                });
            }
        }
        carry_subject(&mut out, doc);
        out
    }

    /// One sentence's tokens, mentions and the parties it names.
    fn tokenized(&self, text: &str, range: Range<usize>, keep_tokens: bool) -> TokenizedSentence {
        let tokens = tokens::tokenize(text, range.clone());
        let names = attribution::SentenceNames::read(&tokens, &self.terms);
        let mut mentions = attribution::mentions_named(&tokens, &self.terms, &names);
        // "Halvern will acquire Brightwave": the event between the parties
        // names the subject
        if let Some(event) = event_naming::event_mention(&tokens, &self.terms) {
            let at = mentions.partition_point(|m| m.tokens.start < event.tokens.start);
            mentions.insert(at, event);
        }
        let spans = mentions
            .iter()
            .map(|m| tokens[m.tokens.start].range.start..tokens[m.tokens.end - 1].range.end)
            .collect();
        let named = mentions.iter().any(|m| {
            names_subject(m.reference)
                && m.owner == Owner::Subject
                // an alias that its parties qualify ("the
                // Russia–Iran treaty") is one word; a name that
                // starts with an alias word ("Treaty on …") is
                // longer, and names the subject
                && (m.tokens.len() > 1 || !is_alias(&tokens[m.tokens.start], &self.terms))
        });
        let other_deal = attribution::other_parties_agree_named(&tokens, &names);
        let parties = names.parties;
        TokenizedSentence {
            range,
            tokens: if keep_tokens { tokens } else { Vec::new() },
            mentions,
            spans,
            named,
            parties,
            other_deal,
        }
    }

    /// The sentences that may describe the subject without naming it or
    /// both its parties: a mention of it by an alias (not a pronoun) and one
    /// party named beside it ("Norway met its duties under the harbour
    /// accord signed on ..."). Whether the draft is about the subject then
    /// rests on what those sentences say of it ([`SubjectReader::read`]).
    pub(super) fn described_in(&self, sentences: &[Sentence]) -> Vec<Range<usize>> {
        if self.terms.parties.is_empty() || self.terms.names_only {
            return Vec::new();
        }
        sentences
            .iter()
            .filter(|s| !s.parties.is_empty() && has_alias(s))
            .map(|s| s.range.clone())
            .collect()
    }

    /// Whether the sentences name every party of the subject, wherever,
    /// for a subject that a draft may describe by its figures.
    pub(super) fn names_every_party(&self, sentences: &[Sentence]) -> bool {
        self.by_terms
            && !self.terms.parties.is_empty()
            && !self.terms.names_only
            && self.names_all_parties(sentences)
    }

    /// Whether every party group is named in `sentences`.
    fn names_all_parties(&self, sentences: &[Sentence]) -> bool {
        let mut seen = vec![false; self.terms.parties.len()];
        for g in sentences.iter().flat_map(|s| &s.parties) {
            seen[*g] = true;
        }
        seen.iter().all(|x| *x)
    }

    pub(super) fn is_about(&self, sentences: &[Sentence]) -> bool {
        if sentences.iter().any(|s| s.named) {
            return true;
        }
        // `match: names`: parties and an alias are not enough
        if self.terms.parties.is_empty() || self.terms.names_only {
            return false;
        }
        // an alias that stands for another subject ("a trade agreement between
        // two Gulf producers") does not make the draft about this one
        // the parties must be named around a mention of the instrument (in its
        // sentence or the next to it), not anywhere: a story on another deal
        // may name one party in passing, far from the deal
        (0..sentences.len())
            .filter(|&i| has_alias(&sentences[i]))
            .any(|i| {
                let around = i.saturating_sub(1)..(i + 2).min(sentences.len());
                self.names_all_parties(&sentences[around])
            })
    }
}

/// Whether a mention of the subject so made names it: by one of its names,
/// or by its event between its parties.
fn names_subject(reference: Reference) -> bool {
    matches!(reference, Reference::Name | Reference::Event)
}

/// A sentence mentions the subject by a word for it, not by a pronoun.
fn has_alias(s: &Sentence) -> bool {
    s.mentions
        .iter()
        .zip(&s.owners)
        .any(|(m, o)| m.reference != Reference::Pronoun && *o == Owner::Subject)
}

#[cfg(test)]
mod tests {
    use super::super::test_subject;
    use super::super::SubjectReader;
    use crate::reader::attribution::{Owner, Reference};
    use crate::source::{Document, Markup};

    /// Each sentence's mentions as (text, owner after the discourse, how it
    /// refers), sentence by sentence.
    fn read(text: &str) -> Vec<Vec<(String, Owner, Reference)>> {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let doc = Document::read(text, Markup::Text);
        reader
            .sentences(&doc)
            .iter()
            .map(|s| {
                s.mentions
                    .iter()
                    .zip(&s.owners)
                    .zip(&s.spans)
                    .map(|((m, o), span)| (doc.text[span.clone()].to_owned(), *o, m.reference))
                    .collect()
            })
            .collect()
    }

    /// The owner of the first mention of sentence `n` that reads `word`.
    fn owner_of(read: &[Vec<(String, Owner, Reference)>], n: usize, word: &str) -> Owner {
        read[n]
            .iter()
            .find(|(w, _, _)| w == word)
            .map(|(_, o, _)| *o)
            .unwrap_or_else(|| panic!("no mention {word:?} in sentence {n}: {read:?}"))
    }

    #[test]
    fn a_pronoun_carries_the_subject_to_the_next_sentence() {
        let read = read(
            "Norway and Chile signed the Harbor Cooperation Accord in Oslo. It runs for 12 years.",
        );
        assert_eq!(
            owner_of(&read, 0, "Harbor Cooperation Accord"),
            Owner::Subject
        );
        assert_eq!(read[1].len(), 1, "{read:?}");
        assert_eq!(read[1][0].2, Reference::Pronoun);
        assert_eq!(owner_of(&read, 1, "It"), Owner::Subject);
    }

    #[test]
    fn a_definite_description_names_the_subject() {
        let read = read(
            "Norway and Chile signed the Harbor Cooperation Accord on Monday. \
             The agreement sets up a joint coast guard. It runs for 12 years.",
        );
        assert_eq!(read[1][0].2, Reference::Definite, "{read:?}");
        assert_eq!(owner_of(&read, 1, "agreement"), Owner::Subject);
        assert_eq!(owner_of(&read, 2, "It"), Owner::Subject);
    }

    #[test]
    fn another_instrument_breaks_the_chain() {
        let read = read(
            "Norway and Chile signed the Harbor Cooperation Accord on Monday. \
             The Fisheries Compact came first. It runs for five years.",
        );
        assert_eq!(owner_of(&read, 1, "Fisheries Compact"), Owner::Other);
        // "it" is the compact, the last thing named, not the accord
        assert_eq!(owner_of(&read, 2, "It"), Owner::Other);
    }

    #[test]
    fn a_pronoun_after_a_sentence_that_names_nothing_is_undecided() {
        let read = read(
            "The Harbor Cooperation Accord was signed on Monday. Chile had a long dispute \
             with a fishing fleet. It lasted eight years.",
        );
        assert!(read[1].is_empty(), "{read:?}");
        assert_eq!(owner_of(&read, 2, "It"), Owner::Unknown);
    }

    #[test]
    fn the_first_mention_of_the_subject_anchors_the_reading() {
        let text =
            "Officials met in Santiago. It rained. The Harbor Cooperation Accord was then signed.";
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let doc = Document::read(text, Markup::Text);
        let sentences = reader.sentences(&doc);
        let anchor = super::anchor(&sentences).map(|r| &doc.text[r]);
        assert_eq!(anchor, Some("Harbor Cooperation Accord"));
        assert!(reader.is_about(&sentences));
    }

    /// Whether each sentence of `text` is carried.
    fn carried(text: &str) -> Vec<bool> {
        carried_in(text, Markup::Text)
    }

    fn carried_in(text: &str, markup: Markup) -> Vec<bool> {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let doc = Document::read(text, markup);
        reader.sentences(&doc).iter().map(|s| s.carried).collect()
    }

    #[test]
    fn a_sentence_that_names_nothing_is_carried_between_sentences_about_the_subject() {
        let between = "The Harbor Cooperation Accord was signed in Oslo.\n\n\
                       Ships will dock for free.\n\nThe accord also sets up a coast guard.";
        assert_eq!(carried(between), [false, true, false]);
        // a lede that describes before it names, with nothing before it
        let lede =
            "Ships will dock for free.\n\nThat is one term of the Harbor Cooperation Accord.";
        assert_eq!(carried(lede), [true, false]);
        // the end of the document after a sentence about the subject
        let last = "The Harbor Cooperation Accord was signed in Oslo. Ships will dock for free.";
        assert_eq!(carried(last), [false, true]);
    }

    #[test]
    fn another_instrument_or_a_distance_carries_nothing() {
        let other = "The Harbor Cooperation Accord was signed in Oslo.\n\n\
                     Ships will dock for free.\n\nThe Fisheries Compact came first.";
        assert_eq!(carried(other), [false, false, false]);
        let far = "The Harbor Cooperation Accord was signed in Oslo.\n\nFog is common.\n\n\
                   Gulls nest.\n\nShips will dock for free.";
        assert_eq!(carried(far), [false, true, true, false]);
        // a heading names nothing and is never carried
        let heading = "# Docking\n\nThe Harbor Cooperation Accord was signed in Oslo.";
        assert_eq!(carried_in(heading, Markup::Markdown), [false, false]);
    }

    #[test]
    fn parties_far_from_an_alias_do_not_make_a_draft_about_the_subject() {
        let rules = test_subject::rules();
        let reader = SubjectReader::new(&rules.subjects[0], &rules.units);
        let near = Document::read(
            "Norway and Chile struck a deal on the harbour.",
            Markup::Text,
        );
        assert!(reader.is_about(&reader.sentences(&near)));
        let far = Document::read(
            "Norway exports salmon. Prices rose in spring. Markets were calm. \
             A deal on tariffs was struck. Shipping was slow. Chile exports copper.",
            Markup::Text,
        );
        assert!(!reader.is_about(&reader.sentences(&far)));
    }
}
