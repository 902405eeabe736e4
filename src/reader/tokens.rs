//! Words and punctuation with their byte ranges.

use std::ops::Range;

use super::normalize;
use compact_str::CompactString;

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
    pub norm: CompactString,
    pub kind: TokenKind,
    /// The word starts with an upper-case letter.
    pub capitalized: bool,
    /// A capitalised word as written, without a possessive ending (empty for
    /// other tokens, which need no copy).
    display: CompactString,
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

/// Byte ranges of the tokens in `piece`: a word is a run of letters and
/// digits, joined across `.` and apostrophes that have letters or digits on
/// both sides ("U.S", "1.5", "Iran's"), with a trailing apostrophe kept
/// ("parties'"); any other non-space character is a token of its own.
/// A hand-written scan because this runs over every sentence of every draft.
fn spans(piece: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = piece.as_bytes();
    // most text is ASCII: one byte is one char, with no decoding
    let next_char = move |at: usize| match bytes.get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => piece[at..].chars().next(),
        None => None,
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, first) = loop {
            let c = next_char(at)?;
            if !c.is_whitespace() {
                break (at, c);
            }
            at += c.len_utf8();
        };
        let mut end = start + first.len_utf8();
        if first.is_alphanumeric() {
            loop {
                // ASCII letters and digits, most of a word, without decoding
                end += bytes[end..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                while let Some(c) = next_char(end).filter(|c| c.is_alphanumeric()) {
                    end += c.len_utf8();
                }
                if let Some(j @ ('.' | '\'' | '\u{2019}')) = next_char(end) {
                    let after = end + j.len_utf8();
                    if next_char(after).is_some_and(char::is_alphanumeric) {
                        end = after;
                        continue;
                    }
                    if j != '.' {
                        end = after;
                    }
                }
                break;
            }
        }
        // "300kg": the number and its unit are two tokens
        if first.is_ascii_digit() {
            end = start + glued_unit_cut(&piece[start..end]);
        }
        at = end;
        Some(start..end)
    })
}

/// Where a token of digits glued to a unit abbreviation ("300kg",
/// "202.8kg") ends its number; the whole token otherwise.
fn glued_unit_cut(s: &str) -> usize {
    let cut = s
        .bytes()
        .position(|b| b.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let number = &s[..cut];
    let glued = cut > 0
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !number.ends_with('.')
        && super::numbers::glued_unit(&s[cut..]);
    if glued {
        cut
    } else {
        s.len()
    }
}

/// Tokenizes `text[range]`; token ranges are offsets into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let piece = &text[range.clone()];
    // about one token per five bytes of prose: sized once, not regrown
    let mut out = Vec::with_capacity(piece.len() / 5 + 1);
    out.extend(spans(piece).map(|m| {
        let s = &piece[m.clone()];
        let first = s.chars().next().unwrap_or(' ');
        let kind = if first.is_alphanumeric() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let norm = match kind {
            TokenKind::Word => normalize::word_compact(s),
            TokenKind::Punct => match first {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => CompactString::const_new("-"),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»' => {
                    CompactString::const_new("\"")
                }
                '\u{2018}' | '\u{2019}' => CompactString::const_new("'"),
                _ => CompactString::from(s),
            },
        };
        // A word ending in an apostrophe without "s" is a closing quote, not a possessive.
        let (end, norm) = if kind == TokenKind::Word
            && (s.ends_with('\'') || s.ends_with('’'))
            && !norm.ends_with("s'")
        {
            let cut = s.len() - s.chars().last().map_or(0, char::len_utf8);
            (m.start + cut, normalize::word_compact(&s[..cut]))
        } else {
            (m.end, norm)
        };
        let written = &piece[m.start..end];
        // Only capitalised words are looked up as written (place names).
        let display = if first.is_uppercase() {
            written
                .strip_suffix("'s")
                .or_else(|| written.strip_suffix("’s"))
                .unwrap_or(written)
                .into()
        } else {
            CompactString::default()
        };
        Token {
            display,
            range: range.start + m.start..range.start + end,
            norm,
            kind,
            capitalized: first.is_uppercase(),
        }
    }));
    out
}

/// The tokens of `tokens` that lie within the byte range `within`, at
/// least the first that starts in it; `None` when none starts in it or after.
pub fn covering(tokens: &[Token], within: &Range<usize>) -> Option<Range<usize>> {
    let first = tokens.iter().position(|t| t.range.start >= within.start)?;
    let last = tokens
        .iter()
        .rposition(|t| t.range.end <= within.end)
        .unwrap_or(first)
        .max(first);
    Some(first..last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| t.norm.into_string())
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
    fn trailing_apostrophes_and_dots() {
        assert_eq!(
            norms("the parties' 1.5 per cent. Iran’s"),
            vec!["the", "parties'", "1.5", "per", "cent", ".", "iran's"]
        );
    }

    #[test]
    fn a_number_glued_to_a_unit_is_two_tokens() {
        assert_eq!(
            norms("300kg (660lbs)"),
            vec!["300", "kg", "(", "660", "lbs", ")"]
        );
        assert_eq!(norms("202.8kg"), vec!["202.8", "kg"]);
        // other letters after digits stay one token: names and ordinals
        assert_eq!(
            norms("A320 17th 5G 10kmx"),
            vec!["a320", "17th", "5g", "10kmx"]
        );
    }

    proptest::proptest! {
        /// The scan splits exactly as the pattern it replaces would.
        #[test]
        fn scan_agrees_with_the_token_pattern(text in "[a-zA-Z0-9 .,'’–\"é\n-]{0,40}") {
            let pattern = regex::Regex::new(
                r"[\p{L}\p{N}]+(?:[\.'’][\p{L}\p{N}]+)*(?:['’]s?)?|\S",
            )
            .expect("pattern");
            // and a number glued to a unit abbreviation is two tokens
            let want: Vec<Range<usize>> = pattern
                .find_iter(&text)
                .flat_map(|m| {
                    let cut = m.start() + glued_unit_cut(m.as_str());
                    let glued = m.as_str().starts_with(|c: char| c.is_ascii_digit()) && cut < m.end();
                    if glued {
                        vec![m.start()..cut, cut..m.end()]
                    } else {
                        vec![m.range()]
                    }
                })
                .collect();
            let got: Vec<Range<usize>> = spans(&text).collect();
            proptest::prop_assert_eq!(got, want);
        }
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
