//! Assembles a [`Document`] from pieces of original text, keeping the offset map.

use std::ops::Range;

use super::{Block, BlockKind, Document, OffsetMap};

/// Whether `c` separates words. A byte order mark counts too: offsets point
/// into the original, so readers keep it and must not let it glue onto a word.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether the char at byte `i` of `s` (a char boundary) is white space, and
/// its length. ASCII, nearly all of the text, needs no decoding:
/// `char::is_whitespace` takes exactly these ASCII bytes.
fn char_at(s: &str, i: usize) -> (bool, usize) {
    match s.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => (true, 1),
        b if b.is_ascii() => (false, 1),
        _ => s[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_space(c), c.len_utf8())),
    }
}

/// The end of the run at byte `start` of `s` of non-space chars joined by
/// single ASCII spaces.
fn run_end(s: &str, start: usize) -> usize {
    let bytes = s.as_bytes();
    let mut k = start;
    while k < bytes.len() {
        let b = bytes[k];
        if b > b' ' && b.is_ascii() {
            k += 1;
        } else if b == b' ' {
            match bytes.get(k + 1) {
                Some(&next) if next > b' ' && next.is_ascii() => k += 2,
                Some(&next) if !next.is_ascii() && !char_at(s, k + 1).0 => k += 1,
                _ => break,
            }
        } else {
            let (space, len) = char_at(s, k);
            if space {
                break;
            }
            k += len;
        }
    }
    k
}

/// Collects a document's text block by block. Readers push pieces of text
/// with the original bytes they came from; white space is collapsed so that
/// a hard-wrapped line reads as one line.
///
/// Nothing is written for a block until it gets text, so a block that stays
/// empty leaves no trace (not even the newline before it), and separators
/// are held back until the block has text, so a table row of empty cells
/// vanishes. Text pushed while no block is open starts a paragraph.
pub(crate) struct DocumentBuilder {
    text: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    open: Option<OpenBlock>,
    /// The original bytes of white space waiting to be written as one space.
    pending_space: Option<Range<usize>>,
    /// Whether the pending space is a literal ASCII space of the original,
    /// which a space of the text copies byte for byte.
    pending_literal: bool,
    /// Separators waiting for the block's next text, with their positions.
    pending_separators: Vec<(char, usize)>,
    /// Whether the text ends with a separator, which already splits words.
    after_separator: bool,
    /// The pending space is a line break right after a hyphen inside a word
    /// ("forty-⏎seven"): if a word follows, the break goes, the hyphen stays.
    hyphen_break: bool,
}

struct OpenBlock {
    kind: BlockKind,
    /// Where the block's text starts; `None` until it has any.
    start: Option<usize>,
}

impl DocumentBuilder {
    pub(crate) fn new(orig_len: usize) -> DocumentBuilder {
        DocumentBuilder {
            // the text is about as long as the original: sized once rather
            // than copied as it grows, which for a large draft is on the
            // path before any reading starts
            text: String::with_capacity(orig_len),
            map: OffsetMap::new(orig_len),
            blocks: Vec::new(),
            open: None,
            pending_space: None,
            pending_literal: false,
            pending_separators: Vec::new(),
            after_separator: false,
            hyphen_break: false,
        }
    }

    /// Starts a block, closing any open one.
    pub(crate) fn start_block(&mut self, kind: BlockKind) {
        self.end_block();
        self.open = Some(OpenBlock { kind, start: None });
    }

    /// Ends the open block; a block with no text but white space is dropped.
    pub(crate) fn end_block(&mut self) {
        self.pending_space = None;
        if let Some(open) = self.open.take() {
            self.pending_separators.clear();
            let Some(start) = open.start else {
                return;
            };
            self.blocks.push(Block {
                kind: open.kind,
                range: start..self.text.len(),
            });
        }
    }

    /// Whether a block is open.
    pub(crate) fn in_block(&self) -> bool {
        self.open.is_some()
    }

    /// Makes sure the open block has begun in the text, writing the newline
    /// that separates it from the previous block.
    fn begin_text(&mut self) {
        let open = self.open.get_or_insert(OpenBlock {
            kind: BlockKind::Paragraph,
            start: None,
        });
        if open.start.is_some() {
            return;
        }
        open.start = Some(self.text.len() + usize::from(!self.text.is_empty()));
        if !self.text.is_empty() {
            let at = self
                .map
                .to_original(self.text.len() - 1..self.text.len())
                .end;
            self.text.push('\n');
            self.map.push_whole(1, at..at);
        }
        // White space before a block's first word is not part of it.
        self.pending_space = None;
    }

    /// Writes what must come before the next piece of text: the block start,
    /// held-back separators or a collapsed space.
    fn before_text(&mut self) {
        self.hyphen_break = false;
        self.begin_text();
        for (sep, at) in std::mem::take(&mut self.pending_separators) {
            self.write_separator(sep, at);
        }
        let space = self.pending_space.take();
        if let Some(orig) = space.filter(|_| !self.after_separator) {
            self.text.push(' ');
            // A literal space is copied; as a linear run it merges with the
            // words around it, so ordinary prose costs one map segment per
            // run of text instead of two per word. Any other space (a line
            // break, a tab) stands for its original as a whole, so that a
            // linear run is always the original's own bytes.
            if orig.len() == 1 && self.pending_literal {
                self.map.push_linear(1, orig.start);
            } else {
                self.map.push_whole(1, orig);
            }
        }
        self.after_separator = false;
    }

    fn write_separator(&mut self, sep: char, at: usize) {
        let mut buf = [0; 4];
        let s = sep.encode_utf8(&mut buf);
        self.text.push_str(s);
        self.map.push_whole(s.len(), at..at);
        self.after_separator = true;
    }

    /// Whether the text ends in a hyphen that follows a letter or digit.
    fn ends_in_hyphen(&self) -> bool {
        let mut tail = self.text.chars().rev();
        tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric)
    }

    fn note_space(&mut self, orig: Range<usize>) {
        self.note_space_of(orig, false);
    }

    fn note_space_of(&mut self, orig: Range<usize>, literal: bool) {
        if self.pending_space.is_none() {
            self.pending_space = Some(orig);
            self.pending_literal = literal;
        }
    }

    /// Appends original text `s` that starts at original byte `orig_start`,
    /// collapsing runs of white space (including line breaks and no-break
    /// spaces) into one space.
    pub(crate) fn push_original(&mut self, s: &str, orig_start: usize) {
        let mut i = 0;
        while i < s.len() {
            let (space, len) = char_at(s, i);
            if space {
                let at = orig_start + i;
                if s[i..].starts_with(['\n', '\r'])
                    && self.pending_space.is_none()
                    && self.ends_in_hyphen()
                {
                    self.hyphen_break = true;
                }
                self.note_space_of(at..at + len, s.as_bytes()[i] == b' ');
                i += len;
                continue;
            }
            // Words joined by single spaces collapse to themselves, so a run
            // of them is copied at once rather than word by word.
            let start = i;
            i = run_end(s, i);
            self.copy(&s[start..i], orig_start + start);
        }
    }

    fn copy(&mut self, piece: &str, orig_start: usize) {
        if std::mem::take(&mut self.hyphen_break)
            && piece.starts_with(char::is_alphanumeric)
            && self.pending_separators.is_empty()
        {
            self.pending_space = None;
        }
        self.before_text();
        self.text.push_str(piece);
        self.map.push_linear(piece.len(), orig_start);
    }

    /// Appends decoded text `s` that stands for the original bytes `orig` as a
    /// whole (an entity, an escape). White space in `s` is collapsed too.
    pub(crate) fn push_decoded(&mut self, s: &str, orig: Range<usize>) {
        let mut rest = s;
        while let Some(first) = rest.chars().next() {
            let space = is_space(first);
            let len = rest
                .find(|c: char| is_space(c) != space)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(len);
            if space {
                self.note_space(orig.clone());
            } else {
                self.before_text();
                self.text.push_str(run);
                self.map.push_whole(run.len(), orig.clone());
            }
            rest = tail;
        }
    }

    /// Appends `decoded`, which a parser produced from the original bytes
    /// `source` starting at `orig_start`. Where the two agree at the start or
    /// the end, the text maps byte for byte; only the part that differs (an
    /// entity, an escape, a normalized line break) maps as a whole, so a span
    /// next to an entity still points at exactly its own bytes.
    pub(crate) fn push_aligned(&mut self, decoded: &str, source: &str, orig_start: usize) {
        if decoded == source {
            self.push_original(decoded, orig_start);
            return;
        }
        // The common prefix stops before a character that starts markup, so an
        // entity decoded to `&` or an escape keeps its whole original range.
        let mut prefix = 0;
        for ((i, a), b) in decoded.char_indices().zip(source.chars()) {
            if a != b || a == '&' || a == '\\' {
                break;
            }
            prefix = i + a.len_utf8();
        }
        let mut suffix = 0;
        for (a, b) in decoded[prefix..]
            .chars()
            .rev()
            .zip(source[prefix..].chars().rev())
        {
            if a != b {
                break;
            }
            suffix += a.len_utf8();
        }
        let mut middle_decoded = &decoded[prefix..decoded.len() - suffix];
        let mut middle_source = &source[prefix..source.len() - suffix];
        if middle_decoded.is_empty() && !middle_source.chars().all(is_space) {
            // Something in the original produced nothing of its own, as the
            // name of `&semi;` would if `;` matched as a suffix: give the
            // suffix's first character back to it.
            if let Some(c) = decoded[prefix..].chars().next() {
                suffix -= c.len_utf8();
                middle_decoded = &decoded[prefix..decoded.len() - suffix];
                middle_source = &source[prefix..source.len() - suffix];
            }
        }
        self.push_original(&decoded[..prefix], orig_start);
        let middle_start = orig_start + prefix;
        if middle_decoded.is_empty() {
            // Only white space vanished (the LF of a CRLF): still a word break.
            self.push_original(middle_source, middle_start);
        } else {
            self.push_decoded(
                middle_decoded,
                middle_start..middle_start + middle_source.len(),
            );
        }
        let suffix_start = orig_start + source.len() - suffix;
        self.push_original(&decoded[decoded.len() - suffix..], suffix_start);
    }

    /// Marks a word break (a soft line break, a `<br>`) at original byte `at`.
    pub(crate) fn push_break(&mut self, at: usize) {
        self.note_space(at..at);
    }

    /// Appends a separator implied by markup, such as [`super::CELL_SEPARATOR`]
    /// between table cells, at original byte `at`. It is written when the
    /// block gets text before or after it, so a block of separators alone is
    /// dropped like an empty one.
    pub(crate) fn push_separator(&mut self, sep: char, at: usize) {
        self.pending_space = None;
        if self.open.as_ref().is_some_and(|open| open.start.is_some()) {
            self.write_separator(sep, at);
        } else {
            self.pending_separators.push((sep, at));
        }
    }

    pub(crate) fn finish(mut self) -> Document {
        self.end_block();
        Document::new(self.text, self.blocks, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::testing;
    use super::*;

    #[test]
    fn empty_blocks_leave_no_newline() {
        let mut b = DocumentBuilder::new(3);
        b.start_block(BlockKind::Paragraph);
        b.push_original("a", 0);
        b.start_block(BlockKind::Paragraph);
        b.push_original(" ", 1);
        b.start_block(BlockKind::ListItem);
        b.push_original("c", 2);
        let doc = b.finish();
        assert_eq!(doc.text, "a\nc");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].kind, BlockKind::ListItem);
    }

    #[test]
    fn multibyte_white_space_maps_to_whole_characters() {
        let original = "a\u{a0}\u{3000}b\u{feff}c";
        let mut b = DocumentBuilder::new(original.len());
        b.push_original(original, 0);
        let doc = b.finish();
        assert_eq!(doc.text, "a b c");
        assert_eq!(&original[doc.original_range(1..2)], "\u{a0}");
        testing::assert_map_sound(&doc, original);
    }

    #[test]
    fn separators_wait_for_text_and_keep_trailing_cells() {
        let mut b = DocumentBuilder::new(10);
        b.start_block(BlockKind::TableRow { header: false });
        b.push_separator('\t', 1);
        b.push_original("x", 2);
        b.push_separator('\t', 3);
        b.start_block(BlockKind::TableRow { header: false });
        b.push_separator('\t', 5);
        b.push_original("  ", 6);
        let doc = b.finish();
        assert_eq!(doc.text, "\tx\t");
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn aligned_text_maps_entities_whole_and_the_rest_exactly() {
        let original = "AT&amp;T 45";
        let mut b = DocumentBuilder::new(original.len());
        b.push_aligned("AT&T 45", original, 0);
        let doc = b.finish();
        assert_eq!(doc.text, "AT&T 45");
        assert_eq!(&original[doc.original_range(2..3)], "&amp;");
        assert_eq!(&original[doc.original_range(5..7)], "45");
        assert_eq!(&original[doc.original_range(3..4)], "T");

        let original = "x&semi;";
        let mut b = DocumentBuilder::new(original.len());
        b.push_aligned("x;", original, 0);
        let doc = b.finish();
        assert_eq!(&original[doc.original_range(1..2)], "&semi;");
    }

    #[test]
    fn vanished_line_feed_is_a_word_break() {
        let original = "a\n45";
        let mut b = DocumentBuilder::new(original.len());
        b.push_original("a", 0);
        b.push_aligned("45", &original[1..], 1);
        let doc = b.finish();
        assert_eq!(doc.text, "a 45");
        assert_eq!(&original[doc.original_range(2..4)], "45");
    }

    proptest::proptest! {
        #[test]
        fn plain_text_maps_soundly(src in testing::any_text()) {
            testing::assert_map_sound(&crate::source::text::read(&src), &src);
        }
    }
}

/// Checks shared by the readers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use proptest::prelude::*;

    use crate::source::{BlockKind, Document};

    /// The original bytes behind the first occurrence of `needle` in the text.
    pub(crate) fn orig<'a>(src: &'a str, doc: &Document, needle: &str) -> &'a str {
        let at = doc
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", doc.text));
        &src[doc.original_range(at..at + needle.len())]
    }

    pub(crate) fn kinds(doc: &Document) -> Vec<BlockKind> {
        doc.blocks.iter().map(|b| b.kind).collect()
    }

    pub(crate) fn block_texts(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .map(|b| &doc.text[b.range.clone()])
            .collect()
    }

    /// Asserts that the blocks lie in the text in order and that every range
    /// of the text on char boundaries maps into the original on char
    /// boundaries.
    pub(crate) fn assert_map_sound(doc: &Document, original: &str) {
        let mut previous_end = 0;
        for block in &doc.blocks {
            assert!(block.range.start >= previous_end, "{:?}", doc.blocks);
            assert!(block.range.start < block.range.end, "{:?}", doc.blocks);
            assert!(doc.text.get(block.range.clone()).is_some(), "{block:?}");
            previous_end = block.range.end;
        }
        // A character copied from the original maps to itself; one decoded
        // from markup (an entity, an escape) maps to that markup.
        for (i, c) in doc.text.char_indices() {
            let source = &original[doc.original_range(i..i + c.len_utf8())];
            let copied = source.len() == c.len_utf8() && !source.starts_with(['&', '\\']);
            if copied && !super::is_space(c) && c != crate::source::CELL_SEPARATOR {
                assert_eq!(source, c.to_string(), "text {i} in {:?}", doc.text);
            }
        }
        let boundaries: Vec<usize> = (0..=doc.text.len())
            .filter(|&i| doc.text.is_char_boundary(i))
            .collect();
        for (n, &i) in boundaries.iter().enumerate() {
            for &j in &boundaries[n..] {
                let r = doc.original_range(i..j);
                assert!(
                    r.start <= r.end && original.get(r.clone()).is_some(),
                    "text {i}..{j} {:?} maps to {r:?} of {original:?}",
                    &doc.text[i..j]
                );
            }
        }
    }

    const FRAGMENTS: &[&str] = &[
        "word",
        "45",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "–",
        "’",
        "“",
        "🤝",
        "\u{a0}",
        "\u{feff}",
        "\u{3000}",
        "\0",
        "**",
        "*",
        "_",
        "`",
        "```\n",
        "    ",
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "| a | b |\n|---|---|\n",
        "| 1 |",
        "[x](http://y)",
        "![alt](i.png)",
        "~~",
        "---\n",
        "+++\n",
        "\\",
        "&",
        ";",
        "#",
        "&amp;",
        "&ndash;",
        "&rsquo;",
        "&nbsp;",
        "&#8220;",
        "&#x201D;",
        "&#",
        "&#x",
        "&notit;",
        "&amp",
        "<",
        ">",
        "/",
        "=",
        "\"",
        "'",
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "</br>",
        "<li>",
        "<ul>",
        "</ul>",
        "<h2>",
        "</h2>",
        "<table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "<thead>",
        "</tr>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<!DOCTYPE html>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<title>",
        "</title>",
        "<textarea>",
        "<plaintext>",
        "<svg>",
        "</svg>",
        "<del>",
        "</del>",
        "<![CDATA[",
        "]]>",
        "<?xml ?>",
        "<a href=\"x&amp;y\">",
        "</a>",
        "<time datetime=\"2025\">",
    ];

    /// Strings made of pieces of Markdown and HTML syntax and awkward text.
    pub(crate) fn markup_soup() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40)
            .prop_map(|pieces| pieces.concat())
    }

    /// Arbitrary text, skewed towards characters that matter to the readers.
    pub(crate) fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z0-9 \\r\\n\\t<>&;#*_`|\\-\\\\\\[\\]()!~\u{a0}\u{feff}–’🤝]{0,80}",
        ]
    }
}
