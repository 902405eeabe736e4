//! Plain text: paragraphs are separated by blank lines; hard-wrapped lines
//! join into one paragraph.

use super::builder::DocumentBuilder;
use super::{BlockKind, Document};

pub(crate) fn read(original: &str) -> Document {
    let mut doc = DocumentBuilder::new(original.len());
    let mut offset = 0;
    for line in original.split_inclusive('\n') {
        // A suppression comment is for factlint, not part of the draft.
        if line.trim().is_empty() || crate::suppress::directive_line(line).is_some() {
            doc.end_block();
        } else {
            if !doc.in_block() {
                doc.start_block(BlockKind::Paragraph);
            }
            doc.push_original(line, offset);
        }
        offset += line.len();
    }
    doc.finish()
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
    fn multibyte_text_maps_back() {
        let src = "Russia–Iran pact:\n“47” articles";
        let doc = read(src);
        let at = doc.text.find("47").unwrap();
        assert_eq!(&src[doc.original_range(at..at + 2)], "47");
    }
}
