//! A set of words that answers "no" for most words without hashing them:
//! beside the set, one bit per first byte and length (up to 63 bytes, longer
//! ones sharing the last bit) and one per first two bytes say which words
//! may be in it.

use rustc_hash::FxHashSet;

/// A set of words with a cheap test in front of it.
#[derive(Debug, Clone)]
pub struct WordSet {
    words: FxHashSet<String>,
    /// For each first byte, bit `min(len, 63)` set for each word of the set
    /// that starts with it and is that long.
    lengths: Box<[u64; 256]>,
    /// Bit `first << 8 | second` set for each word of the set (`second` 0
    /// for a word of one byte).
    pairs: Box<[u64; 1024]>,
    /// The empty word is in the set.
    empty: bool,
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet {
            words: FxHashSet::default(),
            lengths: Box::new([0; 256]),
            pairs: Box::new([0; 1024]),
            empty: false,
        }
    }
}

impl WordSet {
    pub fn insert(&mut self, word: String) {
        match word.as_bytes().first() {
            Some(&b) => {
                self.lengths[usize::from(b)] |= bit(word.len());
                let p = pair(word.as_bytes());
                self.pairs[p / 64] |= 1 << (p % 64);
            }
            None => self.empty = true,
        }
        self.words.insert(word);
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let may = match word.as_bytes().first() {
            Some(&b) => {
                let p = pair(word.as_bytes());
                self.lengths[usize::from(b)] & bit(word.len()) != 0
                    && self.pairs[p / 64] & (1 << (p % 64)) != 0
            }
            None => self.empty,
        };
        may && self.words.contains(word)
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for w in iter {
            set.insert(w);
        }
        set
    }
}

/// The index of a non-empty word's first two bytes in [`WordSet::pairs`].
fn pair(word: &[u8]) -> usize {
    usize::from(word[0]) << 8 | usize::from(word.get(1).copied().unwrap_or(0))
}

fn bit(len: usize) -> u64 {
    1 << len.min(63)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The set answers as a plain set of the same words does.
        #[test]
        fn the_same_answers_as_a_hash_set(
            words in proptest::collection::vec("[a-dé\\x00]{0,4}|[a-c]{60,70}", 0..12),
            probes in proptest::collection::vec("[a-dé\\x00]{0,4}|[a-c]{60,70}", 0..24),
        ) {
            let set: WordSet = words.iter().cloned().collect();
            let plain: FxHashSet<String> = words.iter().cloned().collect();
            for w in words.iter().chain(&probes) {
                proptest::prop_assert_eq!(set.contains(w), plain.contains(w), "{:?}", w);
            }
        }
    }

    #[test]
    fn words_of_the_same_first_byte_and_length_are_told_apart() {
        let set: WordSet = ["iran".to_owned(), "russia".to_owned()]
            .into_iter()
            .collect();
        assert!(set.contains("iran"));
        assert!(set.contains("russia"));
        assert!(!set.contains("iraq"));
        assert!(!set.contains("the"));
        assert!(!set.contains(""));
        let set: WordSet = [String::new()].into_iter().collect();
        assert!(set.contains(""));
    }
}
