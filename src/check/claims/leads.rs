//! Which of a phrase fact's phrases may start at a word, by the word's first
//! byte: built once per subject, so that reading a sentence looks at most
//! words once and at no phrase.

use crate::rules::Phrase;

/// For each first byte of a word's normal form (and a last slot for an
/// empty one), the phrases that may start there, by index: those whose
/// first word starts with that byte, and those that start with any word.
#[derive(Debug, Clone)]
pub(super) struct PhraseLeads {
    by_lead: Vec<Vec<usize>>,
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
                Some(Some(w)) => by_lead[slot(w.as_bytes().first().copied())].push(k),
                // a phrase that starts with any word, or with none
                _ => by_lead.iter_mut().for_each(|l| l.push(k)),
            }
        }
        PhraseLeads { by_lead }
    }

    /// The phrases that may start at a word whose normal form starts with
    /// `lead` (`None`: an empty one), in their order.
    pub(super) fn at(&self, lead: Option<u8>) -> &[usize] {
        self.by_lead.get(slot(lead)).map_or(&[], Vec::as_slice)
    }
}

fn slot(lead: Option<u8>) -> usize {
    lead.map_or(256, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(words: &[Option<&str>]) -> Phrase {
        words.iter().map(|w| w.map(str::to_owned)).collect()
    }

    #[test]
    fn a_phrase_is_listed_under_its_first_letter_only() {
        let phrases = vec![
            phrase(&[Some("mutual"), Some("defense")]),
            phrase(&[Some("defense"), Some("pact")]),
            phrase(&[Some("military"), Some("alliance")]),
        ];
        let leads = PhraseLeads::new(&phrases);
        assert_eq!(leads.at(Some(b'm')), &[0, 2]);
        assert_eq!(leads.at(Some(b'd')), &[1]);
        assert!(leads.at(Some(b't')).is_empty());
        assert!(leads.at(None).is_empty());
    }

    #[test]
    fn a_phrase_that_starts_with_any_word_is_listed_everywhere() {
        let phrases = vec![
            phrase(&[Some("come"), None, Some("aid")]),
            phrase(&[None, Some("aid")]),
            phrase(&[]),
            phrase(&[Some("")]),
        ];
        let leads = PhraseLeads::new(&phrases);
        assert_eq!(leads.at(Some(b'c')), &[0, 1, 2]);
        assert_eq!(leads.at(Some(b'x')), &[1, 2]);
        assert_eq!(leads.at(None), &[1, 2, 3]);
    }

    #[test]
    fn no_phrases_none_listed() {
        let leads = PhraseLeads::new(&[]);
        assert!(leads.at(Some(b'a')).is_empty());
        assert!(leads.at(None).is_empty());
    }
}
