//! Words and punctuation with their byte ranges.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::normalize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text that was tokenized.
    pub range: Range<usize>,
    /// Matching form: normalised words ([`normalize::word`]), punctuation as is
    /// but with every dash folded to `-` and curly quotes to straight ones.
    pub norm: String,
    pub kind: TokenKind,
    /// The word starts with an upper-case letter.
    pub capitalized: bool,
    /// A capitalised word as written, without a possessive ending (empty for
    /// other tokens, which need no copy).
    display: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, norm: &str) -> bool {
        self.norm == norm
    }

    /// The word without a possessive ending.
    pub fn base(&self) -> &str {
        normalize::strip_possessive(&self.norm)
    }

    /// The word as written, without a possessive ending: "Russia’s" → "Russia".
    pub fn original_word(&self) -> &str {
        if self.display.is_empty() {
            self.base()
        } else {
            &self.display
        }
    }

    pub fn is_possessive(&self) -> bool {
        self.kind == TokenKind::Word && self.base().len() != self.norm.len()
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}]+(?:[\.'’][\p{L}\p{N}]+)*(?:['’]s?)?|\S").expect("token pattern")
});

/// Tokenizes `text[range]`; token ranges are offsets into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let piece = &text[range.clone()];
    TOKEN
        .find_iter(piece)
        .map(|m| {
            let s = m.as_str();
            let first = s.chars().next().unwrap_or(' ');
            let kind = if first.is_alphanumeric() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            let norm = match kind {
                TokenKind::Word => normalize::word(s).into_owned(),
                TokenKind::Punct => match first {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => "-".to_owned(),
                    '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»' => "\"".to_owned(),
                    '\u{2018}' | '\u{2019}' => "'".to_owned(),
                    _ => s.to_owned(),
                },
            };
            // A word ending in an apostrophe without "s" is a closing quote, not a possessive.
            let (end, norm) = if kind == TokenKind::Word
                && (s.ends_with('\'') || s.ends_with('’'))
                && !norm.ends_with("s'")
            {
                let cut = s.len() - s.chars().last().map_or(0, char::len_utf8);
                (m.start() + cut, normalize::word(&s[..cut]).into_owned())
            } else {
                (m.end(), norm)
            };
            let written = &piece[m.start()..end];
            // Only capitalised words are looked up as written (place names).
            let display = if first.is_uppercase() {
                written
                    .strip_suffix("'s")
                    .or_else(|| written.strip_suffix("’s"))
                    .unwrap_or(written)
                    .to_owned()
            } else {
                String::new()
            };
            Token {
                display,
                range: range.start + m.start()..range.start + end,
                norm,
                kind,
                capitalized: first.is_uppercase(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn words_punctuation_and_possessives() {
        assert_eq!(
            norms("Russia–Iran treaty’s 47-article text, U.S. aid"),
            vec![
                "russia", "-", "iran", "treaty's", "47", "-", "article", "text", ",", "u.s", ".",
                "aid"
            ]
        );
    }

    #[test]
    fn ranges_point_into_the_text() {
        let text = "ab “Defence” 1,550";
        let toks = tokenize(text, 3..text.len());
        let words: Vec<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(words, vec!["“", "Defence", "”", "1", ",", "550"]);
        assert_eq!(toks[1].norm, "defense");
        assert!(toks[1].capitalized);
    }
}
