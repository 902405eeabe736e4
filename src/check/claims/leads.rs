//! Which of a phrase fact's phrases may start at a word, by the word's first
//! bytes: built once per subject, so that reading a sentence looks at most
//! words once and at no phrase.

use crate::rules::Phrase;

/// For each first byte of a word's normal form (and a last slot for an
/// empty one), the phrases that may start there, by index: those whose
/// first word starts with that byte, and those that start with any word;
/// each with the second byte its first word needs, where one is certain.
#[derive(Debug, Clone)]
pub(super) struct PhraseLeads {
    by_lead: Vec<Vec<(usize, Option<u8>)>>,
}

impl PhraseLeads {
    pub(super) fn new(phrases: &[Phrase]) -> PhraseLeads {
        if phrases.is_empty() {
            return PhraseLeads {
                by_lead: Vec::new(),
            };
        }
        let mut by_lead = vec![Vec::new(); 257];
        for (k, p) in phrases.iter().enumerate() {
            match p.first() {
                Some(Some(w)) => {
                    by_lead[slot(w.as_bytes().first().copied())].push((k, second_byte(w)));
                }
                // a phrase that starts with any word, or with none
                _ => by_lead.iter_mut().for_each(|l| l.push((k, None))),
            }
        }
        PhraseLeads { by_lead }
    }

    /// The phrases that may start at a word whose normal form is `norm`, in
    /// their order.
    pub(super) fn at<'a>(&'a self, norm: &'a str) -> impl Iterator<Item = usize> + 'a {
        let b = norm.as_bytes();
        self.by_lead
            .get(slot(b.first().copied()))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(move |(_, second)| second.is_none_or(|s| b.get(1) == Some(&s)))
            .map(|(k, _)| *k)
    }
}

/// The second byte a word must have to be `w` or one of its inflections:
/// both start with `w` less one final "e" ([`crate::reader::inflection::inflects`]); none
/// when that leaves under two bytes.
fn second_byte(w: &str) -> Option<u8> {
    let stem = w.strip_suffix('e').unwrap_or(w);
    (stem.len() >= 2).then(|| stem.as_bytes()[1])
}

fn slot(lead: Option<u8>) -> usize {
    lead.map_or(256, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::inflection::{inflects, inflects_in_full};

    fn phrase(words: &[Option<&str>]) -> Phrase {
        words.iter().map(|w| w.map(str::to_owned)).collect()
    }

    fn at(leads: &PhraseLeads, norm: &str) -> Vec<usize> {
        leads.at(norm).collect()
    }

    #[test]
    fn a_phrase_is_listed_under_its_first_letters_only() {
        let phrases = vec![
            phrase(&[Some("mutual"), Some("defense")]),
            phrase(&[Some("defense"), Some("pact")]),
            phrase(&[Some("military"), Some("alliance")]),
        ];
        let leads = PhraseLeads::new(&phrases);
        assert_eq!(at(&leads, "mutually"), [0]);
        assert_eq!(at(&leads, "militaries"), [2]);
        assert!(at(&leads, "more").is_empty());
        assert_eq!(at(&leads, "defences"), [1]);
        assert!(at(&leads, "the").is_empty());
        assert!(at(&leads, "").is_empty());
    }

    #[test]
    fn a_phrase_that_starts_with_any_word_is_listed_everywhere() {
        let phrases = vec![
            phrase(&[Some("come"), None, Some("aid")]),
            phrase(&[None, Some("aid")]),
            phrase(&[]),
            phrase(&[Some("")]),
            phrase(&[Some("be"), Some("bound")]),
        ];
        let leads = PhraseLeads::new(&phrases);
        assert_eq!(at(&leads, "comes"), [0, 1, 2]);
        assert_eq!(at(&leads, "x"), [1, 2]);
        assert_eq!(at(&leads, ""), [1, 2, 3]);
        // "be" less its "e" is one letter: any word of "b" may be it
        assert_eq!(at(&leads, "bs"), [1, 2, 4]);
    }

    #[test]
    fn no_phrases_none_listed() {
        let leads = PhraseLeads::new(&[]);
        assert!(at(&leads, "a").is_empty());
        assert!(at(&leads, "").is_empty());
    }

    proptest::proptest! {
        /// The first-letter test changes no answer of `inflects`.
        #[test]
        fn inflects_answers_as_in_full(t in "[a-ei-n]{0,7}", cue in "[a-ei-n]{0,5}") {
            proptest::prop_assert_eq!(inflects(&t, &cue), inflects_in_full(&t, &cue));
        }

        /// A phrase left out at a word could not start there: of the
        /// phrases whose first word shares the word's first byte (all that
        /// `phrase_matches` ever tried), none left out is the word or
        /// inflected as the word.
        #[test]
        fn a_phrase_left_out_cannot_match(
            first in "[a-e]{1,4}",
            norm in "[a-e]{0,6}('s|')?",
        ) {
            let phrases = vec![phrase(&[Some(first.as_str())])];
            let leads = PhraseLeads::new(&phrases);
            let base = crate::reader::normalize::strip_possessive(&norm);
            let same_lead = norm.as_bytes().first() == first.as_bytes().first();
            if same_lead && (norm == first || inflects(base, &first)) {
                proptest::prop_assert_eq!(at(&leads, &norm), vec![0]);
            }
        }
    }
}
