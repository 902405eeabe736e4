//! Sentences within a block, aware of abbreviations, initials and decimals.

use std::ops::Range;

/// Words that end with a full stop without ending a sentence; "v" and "vs"
/// join the parties of a case name ("Smith v. Jones").
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "pres",
    "st", "no", "nos", "v", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "jr", "sr",
    "u.s", "u.k", "u.n", "approx", "art", "arts", "vol", "fig", "ca", "mt", "yr", "yrs", "est",
    "cf",
];

/// The longest run of text read as one sentence. Readers look back and forth
/// within a sentence for cues, negations and asides, so their cost grows with
/// the square of its length; text with no full stop for this long (a
/// minified page, a dump of words) is not prose, and is read in pieces cut
/// at white space. Real sentences, even in legal text, stay far below it.
pub const MAX_SENTENCE: usize = 2000;

/// Splits `text[range]` into sentence ranges (offsets into `text`), trimmed of
/// surrounding white space. A sentence ends at `.`, `!` or `?` (with any
/// closing quotes or brackets) followed by white space, unless the full stop
/// closes an abbreviation or an initial. A sentence longer than
/// [`MAX_SENTENCE`] bytes is cut into pieces no longer than that.
pub fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let piece = &text[range.clone()];
    let bytes = piece.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // from one sentence mark to the next: nothing else can end a sentence
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += k;
        let b = bytes[i];
        {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            }
            end = skip_closers(piece, end);
            let at_space = piece[end..].starts_with(char::is_whitespace);
            // a sentence does not start with a lower-case word: "at 3 p.m. in
            // Moscow" and "approx. ten" go on
            let lower_next = piece[end..].trim_start().starts_with(char::is_lowercase);
            if (end == bytes.len() || at_space)
                && !(b == b'.' && (is_abbreviation(piece, i) || lower_next))
            {
                push_trimmed(&mut out, piece, start..end, range.start);
                start = end;
            }
            i = end.max(i + 1);
        }
    }
    push_trimmed(&mut out, piece, start..bytes.len(), range.start);
    out
}

fn skip_closers(piece: &str, mut end: usize) -> usize {
    while let Some(c) = piece[end..].chars().next() {
        if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether the full stop at `dot` closes an abbreviation or an initial.
fn is_abbreviation(piece: &str, dot: usize) -> bool {
    let before = &piece[..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let single_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single_initial || is_listed_abbreviation(word)
}

/// Whether `word`, in lower case, is one of [`ABBREVIATIONS`]. An ASCII word
/// is lowered on the stack, and one longer than every abbreviation is none;
/// any other is lowered as Unicode says (the Kelvin sign lowers to "k").
fn is_listed_abbreviation(word: &str) -> bool {
    const LONGEST: usize = 6;
    if !word.is_ascii() {
        return ABBREVIATIONS.contains(&word.to_lowercase().as_str());
    }
    let mut buf = [0u8; LONGEST];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    for (d, b) in lower.iter_mut().zip(word.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == &*lower)
}

fn push_trimmed(out: &mut Vec<Range<usize>>, piece: &str, mut r: Range<usize>, base: usize) {
    while r.end - r.start > MAX_SENTENCE {
        let cut = cut_point(piece, r.start, r.start + MAX_SENTENCE);
        push_one(out, piece, r.start..cut, base);
        r.start = cut;
    }
    push_one(out, piece, r, base);
}

/// Where to cut a long run of text that starts at `start`, at or before
/// `limit`: after the last white space, or at a char boundary when there is
/// none. Always past `start`, so the caller makes progress.
fn cut_point(piece: &str, start: usize, limit: usize) -> usize {
    let mut limit = limit.min(piece.len());
    while !piece.is_char_boundary(limit) {
        limit -= 1;
    }
    match piece[start..limit].rfind(char::is_whitespace) {
        Some(at) if at > 0 => start + at,
        _ if limit > start => limit,
        // A single character longer than the limit cannot happen (the limit
        // is far above four bytes), but progress must not depend on it.
        _ => piece[start..]
            .chars()
            .next()
            .map_or(piece.len(), |c| start + c.len_utf8()),
    }
}

fn push_one(out: &mut Vec<Range<usize>>, piece: &str, r: Range<usize>, base: usize) {
    let s = &piece[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(base + r.start + lead..base + r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_abbreviation_is_longer_than_the_stack_buffer() {
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 6 && a.is_ascii()));
    }

    proptest::proptest! {
        /// The lowering on the stack answers as lowering to a string does.
        #[test]
        fn abbreviations_read_as_with_a_lowered_string(word in "[a-zA-Z.\u{212a}İ]{0,8}") {
            proptest::prop_assert_eq!(
                is_listed_abbreviation(&word),
                ABBREVIATIONS.contains(&word.to_lowercase().as_str())
            );
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_full_stops_and_keeps_abbreviations() {
        assert_eq!(
            sentences("It was signed on Jan. 17 by Mr. Putin. It has 47 articles! Does it?"),
            vec![
                "It was signed on Jan. 17 by Mr. Putin.",
                "It has 47 articles!",
                "Does it?"
            ]
        );
    }

    #[test]
    fn initials_decimals_and_closing_quotes() {
        assert_eq!(
            sentences("J. R. Smith said “it is 1.5 times larger.” Then he left."),
            vec![
                "J. R. Smith said “it is 1.5 times larger.”",
                "Then he left."
            ]
        );
        assert_eq!(
            sentences("The U.S. and Iran. Later"),
            vec!["The U.S. and Iran.", "Later"]
        );
    }

    #[test]
    fn text_without_full_stops_is_read_in_bounded_pieces() {
        let text = "word ".repeat(3 * MAX_SENTENCE) + "é".repeat(MAX_SENTENCE).as_str();
        let pieces = split(&text, 0..text.len());
        assert!(pieces.len() > 3, "{}", pieces.len());
        let mut last = 0;
        for r in &pieces {
            assert!(r.start >= last && r.end - r.start <= MAX_SENTENCE, "{r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
        assert_eq!(last, text.len());
        // Cut at white space, so no word is split.
        assert!(pieces[..3]
            .iter()
            .all(|r| text[r.clone()].ends_with("word")));
    }

    #[test]
    fn a_lower_case_word_goes_on_the_sentence() {
        assert_eq!(
            sentences("It was signed at 3 p.m. in Moscow. It has 47 articles."),
            vec!["It was signed at 3 p.m. in Moscow.", "It has 47 articles."]
        );
    }

    #[test]
    fn a_case_name_does_not_end_the_sentence() {
        assert_eq!(
            sentences("In Harlow v. Denby County the court ruled 5-4. Appeals followed."),
            vec![
                "In Harlow v. Denby County the court ruled 5-4.",
                "Appeals followed."
            ]
        );
        assert_eq!(
            sentences("Marsh Vs. Tillery went to trial. Marsh lost."),
            vec!["Marsh Vs. Tillery went to trial.", "Marsh lost."]
        );
    }

    #[test]
    fn a_sentence_ending_with_an_abbreviated_date_ends_at_the_block() {
        assert_eq!(sentences("Signed on Jan. 18."), vec!["Signed on Jan. 18."]);
    }
}
