//! Numbers in text: digits with separators and decimals, number words,
//! scale words ("1.2 billion"). Ordinals are not counts and are not returned.
//!
//! What a caller must know about the choices made here:
//!
//! - Years, article numbers and the like are still numbers ("Article 12" gives
//!   12, "2025" gives 2025): deciding what a number refers to is the caller's
//!   job. Fractions written with a slash ("1/2", "17/01/2025") give their parts.
//! - Digits glued to letters are skipped whole: "A320", "2nd", "17th", "1990s",
//!   "10th". The exceptions are unit abbreviations ("300kg", "5km", "3.5pc":
//!   the digits are the number, the letters its unit) and scale abbreviations, glued or after a space:
//!   "bn", "bln", "tn", "trn", "mln" and "mn" always ("1.2bn" is 1.2e9,
//!   "5 mln" is 5e6), and "m", "b" and "k" after a currency sign or code
//!   ("$5m", "$ 69B", "EUR 5m"; a bare "100m" is more often metres).
//! - Digit groups are separated by commas ("1,550") or by one kind of space
//!   throughout, plain, no-break or thin ("1 550"), each group exactly three
//!   digits that a word, hyphen or comma does not follow.
//! - A number right after a letter and a hyphen belongs to a name ("F-35",
//!   "COVID-19", "Su-57") and is skipped, unless the word before the hyphen is
//!   a prefix such as "mid", "pre" or "post" ("mid-2025").
//! - A hyphenated compound stops at the number: "forty-two-article" gives
//!   "forty-two", "20-year" gives "20".
//! - "a dozen", "a hundred", "a thousand", "a million" … and "half a dozen",
//!   "half a million" are numbers; "a" or "an" alone is not. "two and a half"
//!   is 2.5. "dozens", "hundreds" and "thousands" are not numbers.
//! - A lone "one" is returned only when it reads as a count: not after "no",
//!   "the", "this", "that", "any", "every", "each", "which" or "what" ("no
//!   one", "the one Moscow signed"), not before a function word ("one of",
//!   "one another", "one in five", "one who"), not before punctuation, not as
//!   "one's" or in idioms ("one-off", "one-sided", "one-time"), and not as
//!   "One" after a capitalised word ("Formula One", "Air Force One").
//! - Fractions and ordinals in words are skipped with their number:
//!   "twenty-first", "one-third", "two thirds", "one half".
//! - Numbers never run across a line break or a tab: in the reader's text
//!   those separate blocks and table cells.

use std::ops::Range;

/// How a number was written, so a fix can answer in the same form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// "47", "1,550", "1.2"
    Digits,
    /// "forty-seven", "forty seven", "twenty", "a dozen"
    Words,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    pub value: f64,
    pub style: NumberStyle,
}

/// Every cardinal number in `text`, left to right, not overlapping.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Only ASCII bytes start a number, and an ASCII byte is always on a
        // char boundary, so every slice taken at `i` below is valid.
        if !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if !starts_token(text, i) {
            i = token_end(text, i).max(i + 1);
            continue;
        }
        let step = if b.is_ascii_digit() {
            digits_at(text, i)
        } else {
            words_at(text, i)
        };
        match step {
            // Hundreds of digits overflow to infinity, which no fact equals
            // and no fix can print: such a run is not a count.
            Step::Found(m) if !m.value.is_finite() => i = m.range.end.max(i + 1),
            Step::Found(m) => {
                i = m.range.end.max(i + 1);
                out.push(m);
            }
            Step::Skip(end) => i = end.max(i + 1),
        }
    }
    out
}

/// Writes `value` in `style`: digits ("47", "1,550", "1.2") or lower-case
/// words ("forty-seven", "one hundred twenty-five").
///
/// Digits carry a thousands separator from 1,000 up, as news style wants for
/// counts; years are not counts, so write them with `{}` instead. Words are
/// written for whole numbers from 0 to 999,999; anything else falls back to
/// digits.
pub fn format_number(value: f64, style: NumberStyle) -> String {
    if style == NumberStyle::Words && value.fract() == 0.0 && (0.0..=999_999.0).contains(&value) {
        // The range check above makes the cast exact.
        return words_for(value as u64);
    }
    digits_for(value)
}

enum Step {
    Found(NumberMatch),
    /// Nothing here; resume scanning at this byte.
    Skip(usize),
}

// ---------------------------------------------------------------------------
// Scanning helpers, shared with the date reader.

pub(crate) fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// A token starts where the previous char is not part of a word.
pub(crate) fn starts_token(text: &str, i: usize) -> bool {
    // an ASCII byte before `i` is the char before it, and needs no decoding
    match i.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => !prev_char(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// Whether the char at byte `i` of `text` is a letter or digit; an ASCII
/// byte, nearly always, is looked at without decoding.
fn alphanumeric_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        _ => char_at(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// The end of the run of word chars that starts at `i`.
pub(crate) fn token_end(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(k, _)| k)
}

pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Space between two words of one phrase. Line breaks and tabs separate
/// blocks and table cells in the reader's text, so a phrase never spans one.
fn is_inline_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}')
}

/// The end of the run of inline space at `i`, if there is any.
pub(crate) fn skip_space(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let len = rest
        .char_indices()
        .find(|&(_, c)| !is_inline_space(c))
        .map_or(rest.len(), |(k, _)| k);
    (len > 0).then_some(i + len)
}

/// The run of ASCII letters at `i`, if it is a whole word (not glued to
/// digits or other letters).
pub(crate) fn word_at(text: &str, i: usize) -> Option<(&str, usize)> {
    let rest = text.get(i..)?;
    let len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    if len == 0 {
        return None;
    }
    let end = i + len;
    if alphanumeric_at(text, end) {
        return None;
    }
    Some((rest.get(..len)?, end))
}

/// The word that ends just before `i`, separated from it by inline space
/// only; with its start.
pub(crate) fn word_before(text: &str, i: usize) -> Option<(&str, usize)> {
    let before = text.get(..i)?;
    let trimmed = before.trim_end_matches(is_inline_space);
    if trimmed.len() == before.len() {
        return None;
    }
    letters_ending_at(trimmed)
}

/// The ASCII word that ends `s`, if it is a whole word; with its start.
pub(crate) fn letters_ending_at(s: &str) -> Option<(&str, usize)> {
    let start = s
        .bytes()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |k| k + 1);
    let word = s.get(start..)?;
    if word.is_empty() || prev_char(s, start).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((word, start))
}

/// Whether the token at `i` hangs off a word by a hyphen ("F-35",
/// "COVID-19"); prefixes such as "mid-" or "pre-" do not make a name.
fn glued_by_hyphen(text: &str, i: usize) -> bool {
    let Some(before) = text.get(..i) else {
        return false;
    };
    let mut chars = before.chars();
    if !chars.next_back().is_some_and(is_hyphen) {
        return false;
    }
    let head = chars.as_str();
    if !head.chars().next_back().is_some_and(char::is_alphabetic) {
        return false;
    }
    match letters_ending_at(head) {
        Some((word, _)) => !NUMBER_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word)),
        None => true,
    }
}

const NUMBER_PREFIXES: &[&str] = &["mid", "pre", "post", "top", "over", "under", "about"];

// ---------------------------------------------------------------------------
// Digits.

fn digits_at(text: &str, start: usize) -> Step {
    let skip_token = Step::Skip(token_end(text, start));
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);

    // "1.2.3" and "1,2345": the part after the first separator is not a
    // number of its own.
    if matches!(prev_char(text, start), Some('.' | ',')) && start >= 2 && digit(start - 2) {
        return skip_token;
    }
    if glued_by_hyphen(text, start) {
        return skip_token;
    }

    let mut j = start;
    while digit(j) {
        j += 1;
    }
    if j - start <= 3 {
        while bytes.get(j) == Some(&b',')
            && digit(j + 1)
            && digit(j + 2)
            && digit(j + 3)
            && !digit(j + 4)
        {
            j += 4;
        }
        // "1 550", and with a no-break or thin space: one separator
        // throughout, each group of exactly three digits
        if j - start <= 3 {
            if let Some(sep) = group_space(text, j) {
                while let Some(end) = space_group_end(text, j, sep) {
                    j = end;
                }
            }
        }
    }
    if bytes.get(j) == Some(&b'.') && digit(j + 1) {
        j += 1;
        while digit(j) {
            j += 1;
        }
    }
    let num_end = j;
    let Some(raw) = text.get(start..num_end) else {
        return skip_token;
    };

    let mut end = num_end;
    let mut exponent = 0;
    let mut factor = 1.0;
    if char_at(text, num_end).is_some_and(char::is_alphanumeric) {
        let rest = text.get(num_end..).unwrap_or("");
        let len = rest
            .bytes()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let suffix_end = num_end + len;
        if len == 0 || char_at(text, suffix_end).is_some_and(char::is_alphanumeric) {
            return skip_token;
        }
        let suffix = rest.get(..len).unwrap_or("");
        match scale_suffix(suffix, after_currency(text, start)) {
            Some(e) => {
                exponent = e;
                end = suffix_end;
            }
            // "300kg", "5km": the number alone; the unit is the next token
            None if glued_unit(suffix) => {}
            None => return skip_token,
        }
    } else if let Some(p) = skip_space(text, num_end) {
        if let Some((w, w_end)) = word_at(text, p) {
            // "$69 bn", "5 mln": an abbreviation standing apart
            if let Some(e) = scale_suffix(w, after_currency(text, start)) {
                exponent = e;
                end = w_end;
            }
            match classify(w) {
                Word::Hundred => {
                    exponent = 2;
                    end = w_end;
                }
                Word::Scale(e) => {
                    exponent = e;
                    end = w_end;
                }
                Word::Dozen => {
                    factor = 12.0;
                    end = w_end;
                }
                _ => {}
            }
        }
    }
    match parse_decimal(raw, exponent) {
        Some(value) => Step::Found(NumberMatch {
            range: start..end,
            value: value * factor,
            style: NumberStyle::Digits,
        }),
        None => skip_token,
    }
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₽' | '₹' | '₩' | '₺')
}

/// Currency codes written before an amount: "USD 69 billion", "EUR 5m".
const CURRENCY_CODES: &[&str] = &["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "CNY"];

/// Unit abbreviations news writes glued to their number: "300kg", "5km",
/// "660lbs", "3.5pc". Only these split from the digits; any other letters
/// make the whole a name or an ordinal ("A320", "17th", "5G").
const GLUED_UNITS: &[&str] = &[
    "kg", "kgs", "mg", "km", "kms", "cm", "mm", "ft", "lb", "lbs", "mph", "kph", "kmh", "pc", "kw",
    "mw", "gw", "kwh", "mwh", "gwh",
];

/// Whether `suffix` is a unit abbreviation that may be glued to digits.
pub(crate) fn glued_unit(suffix: &str) -> bool {
    GLUED_UNITS.iter().any(|u| u.eq_ignore_ascii_case(suffix))
}

/// Whether the number at `start` follows a currency sign, glued or after a
/// space ("$5m", "$ 370 billion"), or a currency code ("EUR 5m").
fn after_currency(text: &str, start: usize) -> bool {
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches(is_inline_space);
    if before.chars().next_back().is_some_and(is_currency) {
        return true;
    }
    word_before(text, start).is_some_and(|(w, _)| CURRENCY_CODES.contains(&w))
}

/// The power of ten a scale abbreviation stands for: "bn", "bln", "tn",
/// "trn", "mln", "mn" always ("1.2bn", "5 mln"); "m", "b" and "k" only on
/// money ("$5m", "$69B"), since a bare "100m" is more often metres.
fn scale_suffix(suffix: &str, money: bool) -> Option<i32> {
    match suffix {
        "bn" | "Bn" | "BN" | "bln" | "Bln" | "BLN" => Some(9),
        "tn" | "trn" | "Tn" | "Trn" | "TN" | "TRN" => Some(12),
        "mln" | "Mln" | "MLN" | "mn" | "Mn" | "MN" => Some(6),
        "m" | "M" if money => Some(6),
        "b" | "B" if money => Some(9),
        "k" | "K" if money => Some(3),
        _ => None,
    }
}

/// The space at `i` that may separate digit groups: a plain, no-break,
/// narrow no-break or thin space.
fn group_space(text: &str, i: usize) -> Option<char> {
    char_at(text, i).filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
}

/// The end of a group of three digits after the separator `sep` at `i`,
/// if one stands there and ends the run ("1 550 people", not "1 5500" or
/// "3 100-metre").
fn space_group_end(text: &str, i: usize, sep: char) -> Option<usize> {
    if char_at(text, i)? != sep {
        return None;
    }
    let g = i + sep.len_utf8();
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    if !(digit(g) && digit(g + 1) && digit(g + 2)) || digit(g + 3) {
        return None;
    }
    let after = char_at(text, g + 3);
    if after.is_some_and(|c| c.is_alphanumeric() || is_hyphen(c) || c == ',') {
        return None;
    }
    Some(g + 3)
}

/// Parses digits with optional thousands commas and decimals, times
/// 10^exponent. Going through the float parser with an exponent keeps
/// "1.2 billion" exactly 1_200_000_000 rather than 1.2 * 1e9.
fn parse_decimal(raw: &str, exponent: i32) -> Option<f64> {
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut put = |b: u8| -> Option<()> {
        *buf.get_mut(n)? = b;
        n += 1;
        Some(())
    };
    let fits = raw
        .bytes()
        .filter(|&b| b.is_ascii_digit() || b == b'.')
        .try_for_each(&mut put)
        .and_then(|()| {
            if exponent > 0 {
                put(b'e')?;
                if exponent >= 10 {
                    put(b'0' + u8::try_from(exponent / 10).ok()?)?;
                }
                put(b'0' + u8::try_from(exponent % 10).ok()?)?;
            }
            Some(())
        });
    if fits.is_some() {
        return std::str::from_utf8(buf.get(..n)?).ok()?.parse().ok();
    }
    // Very long digit runs: rare enough to pay for an allocation.
    let mut s: String = raw
        .chars()
        .filter(|&c| c.is_ascii_digit() || c == '.')
        .collect();
    if exponent != 0 {
        s.push('e');
        s.push_str(&exponent.to_string());
    }
    s.parse().ok()
}

// ---------------------------------------------------------------------------
// Words.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// zero to nine
    Unit(u64),
    /// ten to nineteen
    Teen(u64),
    /// twenty, thirty … ninety
    Tens(u64),
    Hundred,
    /// thousand, million, billion, trillion, as a power of ten
    Scale(i32),
    Dozen,
    And,
    A,
    Half,
    /// first, second … hundredth
    Ordinal,
    /// thirds, quarter, fifths …
    Fraction,
    Other,
}

fn classify(word: &str) -> Word {
    let mut buf = [0u8; 12];
    let Some(slot) = buf.get_mut(..word.len()) else {
        return Word::Other;
    };
    for (d, s) in slot.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    match &*slot {
        b"zero" => Word::Unit(0),
        b"one" => Word::Unit(1),
        b"two" => Word::Unit(2),
        b"three" => Word::Unit(3),
        b"four" => Word::Unit(4),
        b"five" => Word::Unit(5),
        b"six" => Word::Unit(6),
        b"seven" => Word::Unit(7),
        b"eight" => Word::Unit(8),
        b"nine" => Word::Unit(9),
        b"ten" => Word::Teen(10),
        b"eleven" => Word::Teen(11),
        b"twelve" => Word::Teen(12),
        b"thirteen" => Word::Teen(13),
        b"fourteen" => Word::Teen(14),
        b"fifteen" => Word::Teen(15),
        b"sixteen" => Word::Teen(16),
        b"seventeen" => Word::Teen(17),
        b"eighteen" => Word::Teen(18),
        b"nineteen" => Word::Teen(19),
        b"twenty" => Word::Tens(20),
        b"thirty" => Word::Tens(30),
        b"forty" => Word::Tens(40),
        b"fifty" => Word::Tens(50),
        b"sixty" => Word::Tens(60),
        b"seventy" => Word::Tens(70),
        b"eighty" => Word::Tens(80),
        b"ninety" => Word::Tens(90),
        b"hundred" => Word::Hundred,
        b"thousand" => Word::Scale(3),
        b"million" => Word::Scale(6),
        b"billion" => Word::Scale(9),
        b"trillion" => Word::Scale(12),
        b"dozen" => Word::Dozen,
        b"and" => Word::And,
        b"a" => Word::A,
        b"half" => Word::Half,
        b"first" | b"second" | b"third" | b"fourth" | b"fifth" | b"sixth" | b"seventh"
        | b"eighth" | b"ninth" | b"tenth" | b"eleventh" | b"twelfth" | b"thirteenth"
        | b"fourteenth" | b"fifteenth" | b"sixteenth" | b"seventeenth" | b"eighteenth"
        | b"nineteenth" | b"twentieth" | b"thirtieth" | b"fortieth" | b"fiftieth" | b"sixtieth"
        | b"seventieth" | b"eightieth" | b"ninetieth" | b"hundredth" | b"thousandth"
        | b"millionth" | b"billionth" | b"trillionth" => Word::Ordinal,
        b"halves" | b"thirds" | b"quarter" | b"quarters" | b"fourths" | b"fifths" | b"sixths"
        | b"sevenths" | b"eighths" | b"ninths" | b"tenths" | b"hundredths" | b"thousandths" => {
            Word::Fraction
        }
        _ => Word::Other,
    }
}

/// Where a number word phrase has got to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    /// Nothing in the current group: the start, or just after a scale word.
    Empty,
    /// Ends in a unit or a teen ("seven", "twenty-seven", "fifteen").
    Units,
    /// Ends in a tens word, which a unit may still follow ("forty").
    Tens,
    /// Ends in "hundred".
    Hundreds,
}

struct Phrase {
    /// Sum of the groups already closed by a scale word.
    total: u64,
    /// The group below the last scale word.
    group: u64,
    stage: Stage,
    /// The last scale word's power of ten; later ones must be smaller.
    last_scale: i32,
    words: usize,
    end: usize,
}

impl Phrase {
    fn value(&self) -> u64 {
        self.total.saturating_add(self.group)
    }

    /// Takes `word` into the phrase if it continues it grammatically.
    fn accept(&mut self, word: Word, end: usize) -> bool {
        let ok = match (word, self.stage) {
            (Word::Unit(0), _) => false,
            (Word::Unit(u), Stage::Empty | Stage::Tens | Stage::Hundreds) => {
                self.group += u;
                self.stage = Stage::Units;
                true
            }
            (Word::Teen(t), Stage::Empty | Stage::Hundreds) => {
                self.group += t;
                self.stage = Stage::Units;
                true
            }
            (Word::Tens(t), Stage::Empty | Stage::Hundreds) => {
                self.group += t;
                self.stage = Stage::Tens;
                true
            }
            // "twenty-five hundred" reads as 2,500, but only at the head of
            // a phrase: "one thousand fifteen hundred" is no number.
            (Word::Hundred, Stage::Units | Stage::Tens)
                if self.group > 0 && (self.group < 10 || (self.group < 100 && self.total == 0)) =>
            {
                self.group *= 100;
                self.stage = Stage::Hundreds;
                true
            }
            (Word::Scale(e), Stage::Units | Stage::Tens | Stage::Hundreds)
                if e < self.last_scale =>
            {
                let scale = 10u64.pow(e.unsigned_abs());
                self.total = self.total.saturating_add(self.group.saturating_mul(scale));
                self.group = 0;
                self.last_scale = e;
                self.stage = Stage::Empty;
                true
            }
            _ => false,
        };
        if ok {
            self.words += 1;
            self.end = end;
        }
        ok
    }

    /// "and" may follow "hundred" or a scale word when a smaller number
    /// follows it: "one hundred and twenty", "two thousand and five".
    fn accepts_and(&self) -> bool {
        match self.stage {
            Stage::Hundreds => true,
            Stage::Empty => self.words > 0,
            _ => false,
        }
    }
}

/// The next word of a phrase after `end`: its start, the word, its end and
/// whether a hyphen (rather than space) joined it.
fn next_word(text: &str, end: usize) -> Option<(usize, &str, usize, bool)> {
    let (start, hyphen) = match char_at(text, end) {
        Some(c) if is_hyphen(c) => (end + c.len_utf8(), true),
        Some(c) if is_inline_space(c) => (skip_space(text, end)?, false),
        _ => return None,
    };
    let (w, w_end) = word_at(text, start)?;
    Some((start, w, w_end, hyphen))
}

fn words_at(text: &str, start: usize) -> Step {
    let Some((first, first_end)) = word_at(text, start) else {
        return Step::Skip(token_end(text, start));
    };
    let skip_word = Step::Skip(first_end);
    let first_word = classify(first);
    if matches!(first_word, Word::Other | Word::And) {
        return skip_word;
    }
    if glued_by_hyphen(text, start) {
        return skip_word;
    }
    let found = |end: usize, value: f64| {
        Step::Found(NumberMatch {
            range: start..end,
            value,
            style: NumberStyle::Words,
        })
    };

    let mut phrase = Phrase {
        total: 0,
        group: 0,
        stage: Stage::Empty,
        last_scale: i32::MAX,
        words: 0,
        end: first_end,
    };
    match first_word {
        Word::Unit(0) => {
            return match next_word(text, first_end) {
                Some((_, w, w_end, _)) if is_ordinal_follower(classify(w), Stage::Units, w) => {
                    Step::Skip(w_end)
                }
                _ => found(first_end, 0.0),
            };
        }
        Word::Unit(_) | Word::Teen(_) | Word::Tens(_) => {
            phrase.accept(first_word, first_end);
        }
        Word::A => {
            // "a dozen", "a hundred", "a million": only with a space after.
            let Some((_, w, w_end, false)) = next_word(text, first_end) else {
                return skip_word;
            };
            match classify(w) {
                Word::Dozen => return found(w_end, 12.0),
                Word::Hundred => {
                    phrase.group = 100;
                    phrase.stage = Stage::Hundreds;
                }
                Word::Scale(e) => {
                    phrase.total = 10u64.pow(e.unsigned_abs());
                    phrase.last_scale = e;
                    phrase.stage = Stage::Empty;
                }
                _ => return skip_word,
            }
            phrase.words = 2;
            phrase.end = w_end;
        }
        Word::Half => {
            // "half a dozen", "half a million".
            let Some((_, a, a_end, false)) = next_word(text, first_end) else {
                return skip_word;
            };
            let Some((_, w, w_end, false)) = next_word(text, a_end) else {
                return skip_word;
            };
            if classify(a) != Word::A {
                return skip_word;
            }
            return match classify(w) {
                Word::Dozen => found(w_end, 6.0),
                Word::Hundred => found(w_end, 50.0),
                Word::Scale(e) => found(w_end, 0.5 * 10f64.powi(e)),
                _ => skip_word,
            };
        }
        _ => return skip_word,
    }

    // Grow the phrase word by word.
    while let Some((_, w, w_end, hyphen)) = next_word(text, phrase.end) {
        let word = classify(w);
        if word == Word::And {
            if hyphen || !phrase.accepts_and() {
                break;
            }
            // Take "and" only with the number that follows it.
            let Some((_, w2, w2_end, false)) = next_word(text, w_end) else {
                break;
            };
            let word2 = classify(w2);
            if !matches!(word2, Word::Unit(1..) | Word::Teen(_) | Word::Tens(_)) {
                break;
            }
            let saved = (phrase.group, phrase.stage, phrase.words);
            if phrase.stage == Stage::Empty {
                phrase.stage = Stage::Hundreds; // a fresh group may follow
            }
            if !phrase.accept(word2, w2_end) {
                (phrase.group, phrase.stage, phrase.words) = saved;
                break;
            }
            continue;
        }
        if word == Word::Dozen
            && matches!(phrase.stage, Stage::Units | Stage::Tens)
            && phrase.total == 0
        {
            return found(w_end, phrase.group.saturating_mul(12) as f64);
        }
        if !phrase.accept(word, w_end) {
            break;
        }
    }

    // "twenty-first", "one-third", "two thirds": not counts.
    if let Some((_, w, w_end, hyphen)) = next_word(text, phrase.end) {
        let word = classify(w);
        if hyphen && matches!(word, Word::Ordinal | Word::Fraction | Word::Half)
            || !hyphen && is_ordinal_follower(word, phrase.stage, w)
        {
            return Step::Skip(w_end);
        }
    }

    let value = phrase.value() as f64;
    let end = phrase.end;
    // "two and a half", "one and a half million".
    if phrase.total == 0 && matches!(phrase.stage, Stage::Units | Stage::Tens) {
        if let Some(half_end) = and_a_half(text, end) {
            let value = value + 0.5;
            if let Some((_, w, w_end, false)) = next_word(text, half_end) {
                if let Word::Scale(e) = classify(w) {
                    return found(w_end, value * 10f64.powi(e));
                }
            }
            return found(half_end, value);
        }
    }

    if phrase.words == 1 && first_word == Word::Unit(1) && !one_is_count(text, start, end) {
        return skip_word;
    }
    found(end, value)
}

/// Whether `word`, after a space, turns the phrase before it into an
/// ordinal or a fraction. "one second" stays a count of seconds.
fn is_ordinal_follower(word: Word, stage: Stage, raw: &str) -> bool {
    match word {
        Word::Fraction | Word::Half => true,
        Word::Ordinal => stage == Stage::Tens || !raw.eq_ignore_ascii_case("second"),
        _ => false,
    }
}

/// The end of " and a half" at `end`, if it is there.
fn and_a_half(text: &str, end: usize) -> Option<usize> {
    let (_, and, and_end, false) = next_word(text, end)? else {
        return None;
    };
    let (_, a, a_end, false) = next_word(text, and_end)? else {
        return None;
    };
    let (_, half, half_end, false) = next_word(text, a_end)? else {
        return None;
    };
    (classify(and) == Word::And && classify(a) == Word::A && classify(half) == Word::Half)
        .then_some(half_end)
}

/// Whether a lone "one" between `start` and `end` counts something.
fn one_is_count(text: &str, start: usize, end: usize) -> bool {
    if let Some((prev, _)) = word_before(text, start) {
        if ONE_NOT_AFTER.iter().any(|w| w.eq_ignore_ascii_case(prev)) {
            return false;
        }
        // "Formula One", "Air Force One": part of a name.
        let capital = |w: &str| w.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
        let word = text.get(start..end).unwrap_or("");
        if word == "One" && capital(prev) {
            return false;
        }
    }
    match char_at(text, end) {
        Some(c) if is_hyphen(c) => {
            let after = end + c.len_utf8();
            match word_at(text, after) {
                Some((w, _)) => !ONE_IDIOMS.iter().any(|i| i.eq_ignore_ascii_case(w)),
                None => char_at(text, after).is_some_and(|c| c.is_ascii_digit()),
            }
        }
        Some(c) if is_inline_space(c) => {
            let Some(p) = skip_space(text, end) else {
                return false;
            };
            match word_at(text, p) {
                Some((w, _)) => !ONE_NOT_BEFORE.iter().any(|s| s.eq_ignore_ascii_case(w)),
                None => char_at(text, p).is_some_and(char::is_alphanumeric),
            }
        }
        _ => false,
    }
}

/// Words after which "one" is a pronoun or means "the single".
const ONE_NOT_AFTER: &[&str] = &[
    "no", "the", "this", "that", "any", "every", "each", "which", "what", "someone", "anyone",
];

/// Function words after which "one" is a pronoun, not a count.
const ONE_NOT_BEFORE: &[&str] = &[
    "of", "another", "other", "others", "who", "whom", "whose", "which", "that", "is", "was",
    "has", "had", "have", "would", "will", "can", "could", "should", "may", "might", "must",
    "does", "did", "do", "in", "on", "at", "to", "by", "for", "with", "from", "and", "or", "nor",
    "but", "than", "as", "if", "he", "she", "it", "they", "we", "i", "you", "not", "after",
    "before", "so", "here", "there", "then", "too", "apiece", "else", "versus", "vs",
];

/// "one-X" compounds that are idioms rather than counts.
const ONE_IDIOMS: &[&str] = &[
    "off",
    "sided",
    "time",
    "way",
    "on",
    "stop",
    "liner",
    "liners",
    "to",
    "upmanship",
    "size",
];

// ---------------------------------------------------------------------------
// Formatting.

fn digits_for(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let plain = value.abs().to_string();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    if value < 0.0 {
        out.push('-');
    }
    if int.len() >= 4 {
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 10] = [
    "", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn words_for(n: u64) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut out = String::new();
    let thousands = n / 1000;
    if thousands > 0 {
        below_thousand(thousands, &mut out);
        out.push_str(" thousand");
    }
    let rest = n % 1000;
    if rest > 0 {
        if !out.is_empty() {
            out.push(' ');
        }
        below_thousand(rest, &mut out);
    }
    out
}

/// Writes 1..=999 in words.
fn below_thousand(n: u64, out: &mut String) {
    let hundreds = n / 100;
    let rest = n % 100;
    if hundreds > 0 {
        out.push_str(word_of(&SMALL, hundreds));
        out.push_str(" hundred");
        if rest > 0 {
            out.push(' ');
        }
    }
    if rest >= 20 {
        out.push_str(word_of(&TENS, rest / 10));
        if !rest.is_multiple_of(10) {
            out.push('-');
            out.push_str(word_of(&SMALL, rest % 10));
        }
    } else if rest > 0 {
        out.push_str(word_of(&SMALL, rest));
    }
}

fn word_of(table: &[&'static str], k: u64) -> &'static str {
    usize::try_from(k)
        .ok()
        .and_then(|k| table.get(k))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Looked at byte by byte where the text is ASCII, a token's start
        /// and a word's end are where decoding every char puts them.
        #[test]
        fn ascii_fast_paths_agree_with_decoding(text in "[a-z5 ,.é’–\u{1F4F0}-]{0,24}") {
            for i in 0..=text.len() + 1 {
                let decoded = !prev_char(&text, i).is_some_and(char::is_alphanumeric);
                proptest::prop_assert_eq!(starts_token(&text, i), decoded);
                let decoded = char_at(&text, i).is_some_and(char::is_alphanumeric);
                proptest::prop_assert_eq!(alphanumeric_at(&text, i), decoded);
            }
        }
    }

    /// (matched text, value, style) for every number in `text`.
    fn nums(text: &str) -> Vec<(&str, f64, NumberStyle)> {
        find_numbers(text)
            .into_iter()
            .map(|m| (&text[m.range.clone()], m.value, m.style))
            .collect()
    }

    fn values(text: &str) -> Vec<f64> {
        find_numbers(text).into_iter().map(|m| m.value).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        find_numbers(text)
            .into_iter()
            .map(|m| &text[m.range])
            .collect()
    }

    use NumberStyle::{Digits, Words};

    #[test]
    fn plain_digits() {
        assert_eq!(nums("The treaty has 47 articles."), [("47", 47.0, Digits)]);
        assert_eq!(nums("47"), [("47", 47.0, Digits)]);
        assert_eq!(nums("0 cases"), [("0", 0.0, Digits)]);
    }

    #[test]
    fn thousands_separators_and_decimals() {
        assert_eq!(nums("1,550 warheads"), [("1,550", 1550.0, Digits)]);
        assert_eq!(nums("rose 1.2 percent"), [("1.2", 1.2, Digits)]);
        assert_eq!(nums("12,000.5 tonnes"), [("12,000.5", 12000.5, Digits)]);
        assert_eq!(nums("1,000,000"), [("1,000,000", 1e6, Digits)]);
        assert_eq!(spans("3.5%"), ["3.5"]);
    }

    #[test]
    fn separators_that_are_not_part_of_the_number() {
        // A comma group must have exactly three digits.
        assert_eq!(spans("1,2345"), ["1"]);
        assert_eq!(spans("in 2025, 47 more"), ["2025", "47"]);
        assert_eq!(spans("1,5"), ["1"]);
        // A sentence-ending full stop is not a decimal point.
        assert_eq!(spans("It cost 47."), ["47"]);
        assert_eq!(spans("Jan. 18."), ["18"]);
        // Version-like runs give only their head.
        assert_eq!(spans("version 1.2.3"), ["1.2"]);
    }

    #[test]
    fn scale_words_after_digits() {
        assert_eq!(nums("1.2 billion"), [("1.2 billion", 1.2e9, Digits)]);
        assert_eq!(find_numbers("1.2 billion")[0].value, 1_200_000_000.0);
        assert_eq!(values("3 trillion"), [3e12]);
        assert_eq!(values("1,200 million"), [1.2e9]);
        assert_eq!(values("47 thousand"), [47_000.0]);
        assert_eq!(values("5 hundred"), [500.0]);
        assert_eq!(values("3 dozen"), [36.0]);
        assert_eq!(values("4.35 million"), [4_350_000.0]);
        assert_eq!(spans("2 Million people"), ["2 Million"]);
        // Not scale words.
        assert_eq!(spans("2 millionaires"), ["2"]);
        assert_eq!(spans("3 thousands"), ["3"]);
    }

    #[test]
    fn glued_money_suffixes() {
        assert_eq!(nums("$1.2bn"), [("1.2bn", 1.2e9, Digits)]);
        assert_eq!(values("£3tn"), [3e12]);
        assert_eq!(values("a 5bn deal"), [5e9]);
        assert_eq!(values("$5m"), [5e6]);
        assert_eq!(values("€40k"), [40_000.0]);
        // Without a currency sign "m" is metres and "k" anything.
        assert!(find_numbers("the 100m sprint").is_empty());
        assert!(find_numbers("a 10k run").is_empty());
    }

    #[test]
    fn money_abbreviations_as_desks_write_them() {
        assert_eq!(nums("a $72B order"), [("72B", 72e9, Digits)]);
        assert_eq!(values("a $72b order"), [72e9]);
        assert_eq!(values("$4.1bln in loans"), [4.1e9]);
        assert_eq!(values("$6mln in grants"), [6e6]);
        assert_eq!(nums("$72 bn in bonds"), [("72 bn", 72e9, Digits)]);
        assert_eq!(values("$2.8 trn of debt"), [2.8e12]);
        assert_eq!(values("a 9 mln euro fund"), [9e6]);
        assert_eq!(nums("$ 410 billion"), [("410 billion", 410e9, Digits)]);
        assert_eq!(values("EUR 7m for roads"), [7e6]);
        assert_eq!(values("USD 12 m in aid"), [12e6]);
        assert_eq!(values("€ 30k each"), [30e3]);
        // Without money, "b", "m" and "k" stay letters.
        assert_eq!(spans("grade 5 b pupils"), ["5"]);
        assert_eq!(spans("ran 400 m in 50 seconds"), ["400", "50"]);
        assert!(find_numbers("the 72B plan").is_empty());
    }

    #[test]
    fn digit_groups_with_spaces() {
        assert_eq!(nums("1 550 warheads"), [("1 550", 1550.0, Digits)]);
        assert_eq!(values("12 000 500 voters"), [12_000_500.0]);
        assert_eq!(values("1\u{a0}550 seats"), [1550.0]);
        assert_eq!(values("1\u{202f}550 seats"), [1550.0]);
        assert_eq!(values("1\u{2009}550 seats"), [1550.0]);
        assert_eq!(values("$3 400 000 in fines"), [3.4e6]);
        assert_eq!(values("2 300.5 tonnes"), [2300.5]);
        // One separator throughout.
        assert_eq!(values("1 550\u{a0}200"), [1550.0, 200.0]);
    }

    #[test]
    fn spaces_that_do_not_group_digits() {
        // a year or a four-digit lead is no group head
        assert_eq!(values("in 2025 100 ships"), [2025.0, 100.0]);
        // groups of other sizes
        assert_eq!(values("3 1000 times"), [3.0, 1000.0]);
        assert_eq!(values("5 30 minute slots"), [5.0, 30.0]);
        // a group glued to a word or a hyphen is a compound of its own
        assert_eq!(values("3 100-metre lanes"), [3.0, 100.0]);
        assert_eq!(values("4 500m runs"), [4.0]);
        // a comma after the group means a list
        assert_eq!(values("lanes 4 500, 600"), [4.0, 500.0, 600.0]);
    }

    #[test]
    fn digits_glued_to_letters_are_skipped() {
        for text in [
            "A320",
            "2nd",
            "17th",
            "1st",
            "3rd",
            "the 1990s",
            "10kmx",
            "5G",
            "4x4",
            "x86",
            "G7",
            "Su57a",
            "é5",
            "5é",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn digits_glued_to_a_unit_abbreviation_are_the_number() {
        assert_eq!(nums("a 300kg cap"), [("300", 300.0, Digits)]);
        assert_eq!(nums("202.8kg of it"), [("202.8", 202.8, Digits)]);
        assert_eq!(values("7,500kg"), [7500.0]);
        assert_eq!(values("a 5km road and 660lbs"), [5.0, 660.0]);
        assert_eq!(values("up 3.5pc"), [3.5]);
        assert_eq!(values("a 2GW plant"), [2.0]);
    }

    #[test]
    fn names_with_a_hyphenated_number_are_skipped() {
        for text in ["F-35", "COVID-19", "Su-57", "G-20", "Tu-95MS", "MH-17"] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
        assert_eq!(spans("mid-2025"), ["2025"]);
        assert_eq!(spans("pre-2014 borders"), ["2014"]);
        assert_eq!(spans("post-1991"), ["1991"]);
        // A range between numbers keeps both.
        assert_eq!(spans("2020-2025"), ["2020", "2025"]);
        assert_eq!(spans("3-2 win"), ["3", "2"]);
    }

    #[test]
    fn hyphenated_compounds_stop_at_the_number() {
        let m = find_numbers("forty-two-article treaty");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].range, 0..9);
        assert_eq!(m[0].value, 42.0);
        assert_eq!(nums("47-article"), [("47", 47.0, Digits)]);
        assert_eq!(nums("a 20-year deal"), [("20", 20.0, Digits)]);
        assert_eq!(nums("a two-decade war"), [("two", 2.0, Words)]);
        assert_eq!(nums("a ten-year-old"), [("ten", 10.0, Words)]);
        assert_eq!(nums("a one-year ban"), [("one", 1.0, Words)]);
    }

    #[test]
    fn number_words() {
        assert_eq!(nums("seven"), [("seven", 7.0, Words)]);
        assert_eq!(nums("forty-seven"), [("forty-seven", 47.0, Words)]);
        assert_eq!(nums("forty seven"), [("forty seven", 47.0, Words)]);
        assert_eq!(nums("Forty-Seven"), [("Forty-Seven", 47.0, Words)]);
        assert_eq!(nums("FORTY-SEVEN"), [("FORTY-SEVEN", 47.0, Words)]);
        assert_eq!(nums("twenty"), [("twenty", 20.0, Words)]);
        assert_eq!(nums("Twelve states"), [("Twelve", 12.0, Words)]);
        assert_eq!(values("zero tolerance"), [0.0]);
        assert_eq!(
            nums("one hundred and twenty"),
            [("one hundred and twenty", 120.0, Words)]
        );
        assert_eq!(values("one hundred twenty-five"), [125.0]);
        assert_eq!(values("two thousand"), [2000.0]);
        assert_eq!(values("two thousand and five"), [2005.0]);
        assert_eq!(values("three hundred thousand"), [300_000.0]);
        assert_eq!(values("two hundred and fifty thousand"), [250_000.0]);
        assert_eq!(values("two million three hundred thousand"), [2_300_000.0]);
        assert_eq!(values("two million"), [2e6]);
        assert_eq!(values("fifteen hundred"), [1500.0]);
        assert_eq!(values("twenty-five hundred"), [2500.0]);
        assert_eq!(values("nine hundred ninety-nine"), [999.0]);
        assert_eq!(values("a one-hundred-day plan"), [100.0]);
    }

    #[test]
    fn sequences_of_number_words_that_do_not_combine() {
        assert_eq!(spans("one two three"), ["one", "two", "three"]);
        assert_eq!(spans("seven eight"), ["seven", "eight"]);
        assert_eq!(spans("twenty twenty"), ["twenty", "twenty"]);
        assert_eq!(spans("thousand"), Vec::<&str>::new());
        // Smaller scales only after larger ones.
        assert_eq!(spans("two thousand million"), ["two thousand"]);
        // "and" with nothing after it stays out of the number.
        assert_eq!(spans("one hundred and counting"), ["one hundred"]);
        assert_eq!(spans("ten and eleven"), ["ten", "eleven"]);
    }

    #[test]
    fn articles_with_scale_words() {
        assert_eq!(nums("a dozen"), [("a dozen", 12.0, Words)]);
        assert_eq!(nums("A dozen states"), [("A dozen", 12.0, Words)]);
        assert_eq!(values("a hundred"), [100.0]);
        assert_eq!(values("a hundred and twenty"), [120.0]);
        assert_eq!(values("a thousand"), [1000.0]);
        assert_eq!(values("a million people"), [1e6]);
        assert_eq!(values("a hundred thousand"), [100_000.0]);
        assert_eq!(values("half a dozen"), [6.0]);
        assert_eq!(values("half a million"), [500_000.0]);
        assert_eq!(values("two dozen"), [24.0]);
        for text in [
            "a",
            "an",
            "a treaty",
            "A",
            "half",
            "half an hour",
            "dozens",
            "hundreds",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn and_a_half() {
        assert_eq!(
            nums("two and a half years"),
            [("two and a half", 2.5, Words)]
        );
        assert_eq!(values("one and a half million"), [1.5e6]);
    }

    #[test]
    fn ordinals_are_not_numbers() {
        for text in [
            "seventeenth",
            "first",
            "the second round",
            "Third",
            "the twenty-first century",
            "the twenty first century",
            "one hundredth",
            "17th",
            "the 2nd",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fractions_are_not_counts() {
        for text in [
            "one-third",
            "two-thirds",
            "two thirds",
            "one half",
            "one quarter",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
        assert_eq!(values("one second"), [1.0]);
        assert_eq!(values("three quarters of members"), Vec::<f64>::new());
    }

    #[test]
    fn one_as_a_count() {
        assert_eq!(nums("one year"), [("one", 1.0, Words)]);
        assert_eq!(values("One soldier died."), [1.0]);
        assert_eq!(values("only one Russian soldier"), [1.0]);
        assert_eq!(values("one-year ban"), [1.0]);
        assert_eq!(values("one hundred"), [100.0]);
        assert_eq!(values("twenty-one"), [21.0]);
    }

    #[test]
    fn one_as_a_pronoun() {
        for text in [
            "no one",
            "No one came.",
            "the one Moscow signed",
            "they help one another",
            "one of the ships",
            "the only one.",
            "one's own",
            "one’s own",
            "a one-off payment",
            "one-sided",
            "Formula One",
            "Air Force One landed",
            "one",
            "on the one hand",
            "someone",
            "one who knows",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
        assert_eq!(spans("one, two"), ["two"]);
        assert_eq!(spans("one in five voters"), ["five"]);
    }

    #[test]
    fn article_numbers_are_numbers() {
        assert_eq!(values("Article 12 says"), [12.0]);
        assert_eq!(values("in 2025"), [2025.0]);
    }

    #[test]
    fn words_glued_to_other_letters_are_not_numbers() {
        for text in [
            "someone",
            "often",
            "tons",
            "tenfold",
            "ones",
            "tens of thousands",
            "oneself",
        ] {
            assert!(find_numbers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn phrases_do_not_cross_line_breaks_or_cells() {
        assert_eq!(spans("forty\nseven"), ["forty", "seven"]);
        assert_eq!(spans("forty\tseven"), ["forty", "seven"]);
        assert_eq!(spans("1.2\nbillion"), ["1.2"]);
        assert_eq!(spans("forty\u{a0}seven"), ["forty\u{a0}seven"]);
    }

    #[test]
    fn several_numbers_in_order() {
        let text = "Of the 1,550 warheads, forty-seven were moved and 1.2 billion dollars spent.";
        assert_eq!(spans(text), ["1,550", "forty-seven", "1.2 billion"]);
        let text = "“47” articles, (twenty) states — 3";
        assert_eq!(spans(text), ["47", "twenty", "3"]);
    }

    #[test]
    fn formats_digits() {
        assert_eq!(format_number(47.0, Digits), "47");
        assert_eq!(format_number(1550.0, Digits), "1,550");
        assert_eq!(format_number(1.2, Digits), "1.2");
        assert_eq!(format_number(12000.5, Digits), "12,000.5");
        assert_eq!(format_number(1.2e9, Digits), "1,200,000,000");
        assert_eq!(format_number(999.0, Digits), "999");
        assert_eq!(format_number(0.0, Digits), "0");
        assert_eq!(format_number(-1234.0, Digits), "-1,234");
        assert_eq!(format_number(f64::NAN, Digits), "NaN");
    }

    #[test]
    fn formats_words() {
        assert_eq!(format_number(47.0, Words), "forty-seven");
        assert_eq!(format_number(20.0, Words), "twenty");
        assert_eq!(format_number(7.0, Words), "seven");
        assert_eq!(format_number(0.0, Words), "zero");
        assert_eq!(format_number(13.0, Words), "thirteen");
        assert_eq!(format_number(100.0, Words), "one hundred");
        assert_eq!(format_number(125.0, Words), "one hundred twenty-five");
        assert_eq!(format_number(2000.0, Words), "two thousand");
        assert_eq!(format_number(2005.0, Words), "two thousand five");
        assert_eq!(
            format_number(999_999.0, Words),
            "nine hundred ninety-nine thousand nine hundred ninety-nine"
        );
        // Outside what words are written for.
        assert_eq!(format_number(1e6, Words), "1,000,000");
        assert_eq!(format_number(1.5, Words), "1.5");
        assert_eq!(format_number(-3.0, Words), "-3");
    }

    #[test]
    fn formatted_words_read_back() {
        for n in [
            0u32, 1, 9, 10, 19, 20, 21, 99, 100, 101, 110, 999, 1000, 1001, 12_345, 999_999,
        ] {
            let text = format!("count {} cars", format_number(f64::from(n), Words));
            assert_eq!(values(&text), [f64::from(n)], "{text}");
        }
    }

    #[test]
    fn a_number_too_large_for_a_float_is_no_number() {
        // Found by the `numbers` fuzz target (fuzz/): read as infinity.
        let digits = "6".repeat(400);
        assert_eq!(values(&digits), Vec::<f64>::new());
        assert_eq!(values(&format!("{digits} and 47 cars")), [47.0]);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        fn check(text: &str) {
            let found = find_numbers(text);
            let mut last = 0;
            for m in &found {
                assert!(m.range.start >= last, "overlap or disorder in {text:?}");
                assert!(m.range.start < m.range.end, "empty match in {text:?}");
                assert!(m.range.end <= text.len());
                assert!(text.is_char_boundary(m.range.start));
                assert!(text.is_char_boundary(m.range.end));
                assert!(m.value.is_finite());
                last = m.range.end;
            }
        }

        proptest! {
            #[test]
            fn never_panics_on_any_text(text in any::<String>()) {
                check(&text);
            }

            #[test]
            fn never_panics_on_number_like_text(
                text in "([0-9,.\\- ]|\u{a0}|\u{202f}|one|two|twenty|hundred|thousand|million|and|a|half|dozen|first|no|the|of|bn|mln|B|m|k|USD|EUR|\\$|€|F|é|’s|\\n| )*"
            ) {
                check(&text);
            }
        }
    }
}
