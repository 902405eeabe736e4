//! Byte offsets to 1-based lines and columns.

/// Line starts of a text, for turning byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes, a char boundary and the characters and
    /// UTF-16 units before it, so that a column on a line of megabytes (a
    /// minified page) costs at most one checkpoint's counting, not the line's.
    checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

const CHECKPOINT: usize = 16 * 1024;

impl LineIndex {
    /// A byte order mark is not part of the first line: editors hide it, so
    /// a column counted from before it would be one too far.
    pub fn new(text: &str) -> LineIndex {
        LineIndex::build(text, false)
    }

    /// Lines as the Language Server Protocol counts them: a line ends at
    /// `\r\n`, `\n` or a `\r` alone.
    pub fn with_cr_line_ends(text: &str) -> LineIndex {
        LineIndex::build(text, true)
    }

    fn build(text: &str, cr: bool) -> LineIndex {
        let first = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let mut starts = vec![first];
        if cr {
            let bytes = text.as_bytes();
            starts.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .map(|(i, _)| i + 1),
            );
        } else {
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        }
        let mut checkpoints = vec![Checkpoint {
            offset: 0,
            chars: 0,
            utf16: 0,
        }];
        while let Some(last) = checkpoints.last().copied() {
            if text.len() - last.offset <= CHECKPOINT {
                break;
            }
            let next = floor_char_boundary(text, last.offset + CHECKPOINT);
            let piece = &text[last.offset..next];
            let chars = piece.chars().count();
            checkpoints.push(Checkpoint {
                offset: next,
                chars: last.chars + chars,
                utf16: last.utf16 + chars + four_byte_chars(piece),
            });
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The checkpoint at or before a byte offset.
    fn checkpoint(&self, offset: usize) -> Checkpoint {
        let at = self.checkpoints.partition_point(|c| c.offset <= offset);
        self.checkpoints[at.saturating_sub(1)]
    }

    /// Characters and UTF-16 units in `text[..offset]`; `offset` is a char
    /// boundary.
    fn counts(&self, text: &str, offset: usize) -> (usize, usize) {
        let c = self.checkpoint(offset);
        let piece = &text[c.offset..offset];
        (c.chars + piece.chars().count(), c.utf16 + utf16_len(piece))
    }

    /// Characters and UTF-16 units in `text[start..offset]`, both char
    /// boundaries: counted directly when no checkpoint lies between them (a
    /// short line, the usual case), else from the checkpoints, so the cost
    /// is at most the line's length or two checkpoints' counting.
    fn span_counts(&self, text: &str, start: usize, offset: usize) -> (usize, usize) {
        if self.checkpoint(offset).offset <= start {
            let piece = &text[start..offset];
            return (piece.chars().count(), utf16_len(piece));
        }
        let (end_chars, end_utf16) = self.counts(text, offset);
        let (start_chars, start_utf16) = self.counts(text, start);
        (end_chars - start_chars, end_utf16 - start_utf16)
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            // An offset inside a leading byte order mark is on the first line.
            Err(0) => 0,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// Every line's start, as [`LineIndex::line_start`] gives them one at a time.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// 1-based line and 1-based column counted in characters. An offset past
    /// the end or inside a character is clamped to the nearest boundary before it.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let col = self.span_counts(text, start, offset).0;
        (line + 1, col + 1)
    }

    /// 0-based line and column counted in UTF-16 code units, as the Language
    /// Server Protocol counts them.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let col = self.span_counts(text, start, offset).1;
        (line, col)
    }
}

/// UTF-16 code units of `s`: one per char, two for those outside the Basic
/// Multilingual Plane, which take four bytes in UTF-8.
fn utf16_len(s: &str) -> usize {
    s.chars().count() + four_byte_chars(s)
}

/// Chars of four bytes in UTF-8 (two UTF-16 units each): one lead byte each.
fn four_byte_chars(s: &str) -> usize {
    // eight bytes at a time: a lead byte of four has its top four bits set,
    // which shifting the word left by one to three bytes' bits brings
    // together on its top bit (no bit crosses into the next byte's top)
    let mut words = s.as_bytes().chunks_exact(8);
    let mut n = 0;
    for word in &mut words {
        let w = <[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes);
        n += (w & (w << 1) & (w << 2) & (w << 3) & 0x8080_8080_8080_8080).count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&b| b >= 0xf0).count()
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Eight bytes at a time, the count is that of the lead bytes of four.
        #[test]
        fn four_byte_chars_are_their_lead_bytes(text in "[a-zé€😀\u{10FFFF} ]{0,40}") {
            let want = text.chars().filter(|c| c.len_utf8() == 4).count();
            proptest::prop_assert_eq!(four_byte_chars(&text), want);
            proptest::prop_assert_eq!(utf16_len(&text), text.encode_utf16().count());
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a–b\n“x” 47";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 4), (1, 3)); // after the 3-byte dash
        let at47 = text.find("47").unwrap();
        assert_eq!(index.line_col(text, at47), (2, 5));
        assert_eq!(index.line_col_utf16(text, at47), (1, 4));
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{feff}ab\ncd";
        let index = LineIndex::new(text);
        for offset in 0..=3 {
            assert_eq!(index.line_col(text, offset), (1, 1), "offset {offset}");
        }
        assert_eq!(index.line_col(text, 4), (1, 2));
        assert_eq!(index.line_col_utf16(text, 4), (0, 1));
        assert_eq!(index.line_col(text, text.find('d').unwrap()), (2, 2));
    }

    #[test]
    fn columns_on_long_lines_count_across_checkpoints() {
        let text = "a\n".to_owned() + &"é😀x".repeat(3 * CHECKPOINT) + "\nz";
        let index = LineIndex::new(&text);
        for offset in [
            2,
            3,
            9,
            CHECKPOINT - 1,
            CHECKPOINT + 5,
            2 * CHECKPOINT + 1,
            text.len(),
        ] {
            let offset = floor_char_boundary(&text, offset);
            let line = index.line_of(offset);
            let start = index.line_start(line).min(offset);
            let piece = &text[start..offset];
            assert_eq!(
                index.line_col(&text, offset),
                (line + 1, piece.chars().count() + 1),
                "offset {offset}"
            );
            assert_eq!(
                index.line_col_utf16(&text, offset),
                (line, piece.encode_utf16().count()),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn short_lines_on_either_side_of_a_checkpoint_count_from_their_start() {
        // lines of 7 to 40 bytes, some of them across a checkpoint
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 3 * CHECKPOINT {
            text.push_str(&"é😀x".repeat(n % 5));
            text.push_str("ab\n");
            n += 1;
        }
        let index = LineIndex::new(&text);
        let naive = |offset: usize| {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let piece = &text[start..offset];
            (piece.chars().count(), piece.encode_utf16().count())
        };
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let (chars, utf16) = naive(offset);
            assert_eq!(
                index.line_col(&text, offset).1,
                chars + 1,
                "offset {offset}"
            );
            assert_eq!(
                index.line_col_utf16(&text, offset).1,
                utf16,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 1));
        assert_eq!(index.line_col(text, 99), (1, 2));
    }
}
