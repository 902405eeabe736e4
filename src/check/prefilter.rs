//! One scan of a document's text that rules out, before any tokenizing, the
//! documents that cannot be about a subject.
//!
//! A document is about a subject when it names it, or uses an alias together
//! with a name of each party (see `SubjectReader::is_about`). Both need
//! certain words in the text, so a document lacking them is off-topic however
//! it is read. Common aliases ("deal", "agreement") alone let most news copy
//! through; requiring a party of each side too keeps the full reading for
//! the few drafts that might be about the subject.
//!
//! The scan must never rule out a document that the reading would find to be
//! about the subject: words are matched as case-insensitive substrings, with
//! the British spellings that normalising turns into the rule's American ones,
//! and a word that cannot be matched that way (one with letters outside
//! ASCII) counts as present.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::reader::attribution::Terms;

pub(crate) struct Prefilter {
    /// Every word's spellings; a match's pattern index maps to its word
    /// through `word_of`.
    searcher: Option<AhoCorasick>,
    word_of: Vec<usize>,
    /// Words that count as present without a search.
    always: Vec<bool>,
    /// Each name, as word indices.
    names: Vec<Vec<usize>>,
    /// Each party, as its names, each as word indices.
    parties: Vec<Vec<Vec<usize>>>,
    aliases: Vec<usize>,
}

impl Prefilter {
    pub(crate) fn new(terms: &Terms) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut index = |w: &str| -> usize {
            match words.iter().position(|x| x == w) {
                Some(i) => i,
                None => {
                    words.push(w.to_owned());
                    words.len() - 1
                }
            }
        };
        let names: Vec<Vec<usize>> = terms
            .names
            .iter()
            .map(|n| n.iter().map(|w| index(w)).collect())
            .collect();
        let parties: Vec<Vec<Vec<usize>>> = terms
            .parties
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|n| n.iter().map(|w| index(w)).collect())
                    .collect()
            })
            .collect();
        let aliases: Vec<usize> = terms.aliases.iter().map(|w| index(w)).collect();
        let mut patterns = Vec::new();
        let mut word_of = Vec::new();
        let mut always = vec![false; words.len()];
        for (i, word) in words.iter().enumerate() {
            match spellings(word) {
                Some(forms) => {
                    for form in forms {
                        patterns.push(form);
                        word_of.push(i);
                    }
                }
                None => always[i] = true,
            }
        }
        let searcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // A handful of patterns: the DFA is small, and the fastest
                // at reporting every overlapping match.
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        if searcher.is_none() {
            // Nothing to search with: every word counts as present.
            always.iter_mut().for_each(|a| *a = true);
        }
        Prefilter {
            searcher,
            word_of,
            always,
            names,
            parties,
            aliases,
        }
    }

    /// Whether the text could be about the subject; `false` is certain.
    pub(crate) fn may_be_about(&self, text: &str) -> bool {
        let mut found = self.always.clone();
        if let Some(searcher) = &self.searcher {
            for m in searcher.find_overlapping_iter(text) {
                found[self.word_of[m.pattern().as_usize()]] = true;
            }
        }
        let all = |words: &Vec<usize>| !words.is_empty() && words.iter().all(|&w| found[w]);
        if self.names.iter().any(all) {
            return true;
        }
        !self.parties.is_empty()
            && self.aliases.iter().any(|&a| found[a])
            && self.parties.iter().all(|names| names.iter().any(all))
    }
}

/// The spellings of a normalised word that text may contain, or `None` when
/// it cannot be matched as ASCII (letters outside ASCII fold case in ways an
/// ASCII search does not, and apostrophes are normalised).
fn spellings(word: &str) -> Option<Vec<String>> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut forms = vec![word.to_owned()];
    let mut add = |form: String| {
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    // The reverse of `normalize::americanize`: defense ← defence,
    // labor ← labour, organize ← organise, center ← centre.
    for (us, uk) in [("ense", "ence"), ("enses", "ences")] {
        if let Some(stem) = word.strip_suffix(us) {
            add(format!("{stem}{uk}"));
        }
    }
    for (at, _) in word.match_indices("or") {
        add(format!("{}our{}", &word[..at], &word[at + 2..]));
    }
    for (at, _) in word.match_indices("iz") {
        add(format!("{}is{}", &word[..at], &word[at + 2..]));
    }
    for (us, uk) in [("ter", "tre"), ("ters", "tres")] {
        if let Some(stem) = word.strip_suffix(us) {
            add(format!("{stem}{uk}"));
        }
    }
    Some(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    fn terms() -> Terms {
        Terms::new(
            vec![words("treaty on comprehensive strategic partnership")],
            vec![
                vec![words("russia"), words("russian federation")],
                vec![words("iran"), words("islamic republic")],
            ],
            vec!["treaty".into(), "deal".into(), "defense".into()],
            Some(2025),
            vec![],
        )
    }

    #[test]
    fn a_document_needs_a_name_or_an_alias_with_every_party() {
        let p = Prefilter::new(&terms());
        assert!(p.may_be_about("Signed: the TREATY ON Comprehensive Strategic Partnership."));
        assert!(p.may_be_about("Russia and Iran signed a deal."));
        assert!(p.may_be_about("The Russian Federation's deal with the Islamic Republic"));
        assert!(!p.may_be_about("Union leaders called the offer a good deal."));
        assert!(!p.may_be_about("Russia signed a deal with China."));
        assert!(!p.may_be_about("Russia and Iran met on Tuesday."));
        assert!(!p.may_be_about("A treaty on fisheries."));
    }

    #[test]
    fn british_spellings_count() {
        let p = Prefilter::new(&terms());
        assert!(p.may_be_about("Russia and Iran: a defence deal? No, a defence."));
        assert!(p.may_be_about("Russia and Iran and their defence"));
        assert_eq!(
            spellings("labor").unwrap(),
            ["labor", "labour"].map(String::from)
        );
        assert_eq!(
            spellings("organization").unwrap(),
            ["organization", "ourganization", "organisation"].map(String::from)
        );
    }

    #[test]
    fn words_outside_ascii_count_as_present() {
        let t = Terms::new(
            vec![words("türkiye accord")],
            vec![],
            vec!["accord".into()],
            None,
            vec![],
        );
        let p = Prefilter::new(&t);
        assert!(p.may_be_about("TÜRKIYE ACCORD"));
        assert!(!p.may_be_about("nothing"));
    }
}
