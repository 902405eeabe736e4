//! Plain text: paragraphs are separated by blank lines; hard-wrapped lines
//! join into one paragraph. A paragraph of one short line without a
//! sentence's final punctuation is a title or heading ("Opening Day", "Key
//! dates"), so the lines under it may take their event from it.

use super::builder::DocumentBuilder;
use super::{BlockKind, Document};

pub(crate) fn read(original: &str) -> Document {
    let mut doc = DocumentBuilder::new(original.len());
    let mut paragraph: Vec<(&str, usize)> = Vec::new();
    let mut offset = 0;
    for line in original.split_inclusive('\n') {
        // A suppression comment is for factlint, not part of the draft.
        if line.trim().is_empty() || crate::suppress::directive_line(line).is_some() {
            push_paragraph(&mut doc, &mut paragraph);
        } else {
            paragraph.push((line, offset));
        }
        offset += line.len();
    }
    push_paragraph(&mut doc, &mut paragraph);
    doc.finish()
}

/// Writes the lines of one paragraph as a block, and empties `lines`.
fn push_paragraph(doc: &mut DocumentBuilder, lines: &mut Vec<(&str, usize)>) {
    if lines.is_empty() {
        return;
    }
    let kind = match lines.as_slice() {
        [(line, _)] if is_title(line) => BlockKind::Heading(2),
        _ => BlockKind::Paragraph,
    };
    doc.start_block(kind);
    for (line, offset) in lines.drain(..) {
        doc.push_original(line, offset);
    }
    doc.end_block();
}

/// The most words a title line has.
const TITLE_WORDS: usize = 14;

/// Whether a line reads as a title: a few words, opening with a capital, a
/// digit or a quotation mark, with no colon (a "Label: value" line is a
/// fact-sheet line) and no final punctuation of a sentence or a list.
fn is_title(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let opens = line
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let last = line
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', '*', '_'])
        .chars()
        .next_back();
    (1..=TITLE_WORDS).contains(&words)
        && opens
        && !line.contains(':')
        && !matches!(
            last,
            None | Some('.' | '!' | '?' | ';' | ',' | '\u{2026}' | '-' | '\u{2013}' | '\u{2014}')
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphen_at_a_line_end_joins_the_word_across_it() {
        let src = "a forty-\r\nseven-article text, a dash -\nthen more";
        let doc = read(src);
        assert_eq!(doc.text, "a forty-seven-article text, a dash - then more");
        let at = doc.text.find("seven").unwrap();
        assert_eq!(&src[doc.original_range(at..at + 5)], "seven");
    }

    #[test]
    fn wrapped_lines_join_and_blank_lines_split() {
        let src = "The treaty has\r\n47 articles.\r\n\r\nSecond  one.\n";
        let doc = read(src);
        assert_eq!(doc.text, "The treaty has 47 articles.\nSecond one.");
        assert_eq!(doc.blocks.len(), 2);
        let at = doc.text.find("47").unwrap();
        assert_eq!(&src[doc.original_range(at..at + 2)], "47");
        let second = doc.text.find("one").unwrap();
        assert_eq!(&src[doc.original_range(second..second + 3)], "one");
    }

    #[test]
    fn a_short_line_without_final_punctuation_is_a_heading() {
        let src =
            "Harbor Accord at a glance\n\nDate: 3 May 2021\n\nThe accord runs for ten years.\n";
        let doc = read(src);
        assert_eq!(
            crate::source::builder::testing::kinds(&doc),
            [
                BlockKind::Heading(2),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn titles_are_told_from_sentences_and_wrapped_paragraphs() {
        for title in [
            "Key dates",
            "12 May 2021",
            "\u{201c}Day One\u{201d} Arrives in Oslo",
        ] {
            assert!(is_title(title), "{title:?}");
        }
        for line in [
            "The accord was signed.",
            "Signed: 3 May 2021",
            "a lower-case fragment",
            "Was it signed?",
            "\u{201c}It holds,\u{201d} she said.",
            "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
        ] {
            assert!(!is_title(line), "{line:?}");
        }
        // two lines of one paragraph are a wrapped paragraph, not a title
        let doc = read("Harbor Accord\nat a glance\n");
        assert_eq!(
            crate::source::builder::testing::kinds(&doc),
            [BlockKind::Paragraph]
        );
    }

    #[test]
    fn multibyte_text_maps_back() {
        let src = "Russia–Iran pact:\n“47” articles";
        let doc = read(src);
        let at = doc.text.find("47").unwrap();
        assert_eq!(&src[doc.original_range(at..at + 2)], "47");
    }
}
