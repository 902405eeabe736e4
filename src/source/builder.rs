//! Assembles a [`Document`] from pieces of original text, keeping the offset map.

use std::ops::Range;

use super::{Block, BlockKind, Document, OffsetMap};

/// Collects a document's text block by block. Readers push pieces of text
/// with the original bytes they came from; white space is collapsed so that
/// a hard-wrapped line reads as one line.
pub(crate) struct DocumentBuilder {
    text: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    open: Option<(BlockKind, usize)>,
    /// The original position of white space waiting to be written as one space.
    pending_space: Option<usize>,
}

impl DocumentBuilder {
    pub(crate) fn new(orig_len: usize) -> DocumentBuilder {
        DocumentBuilder {
            text: String::new(),
            map: OffsetMap::new(orig_len),
            blocks: Vec::new(),
            open: None,
            pending_space: None,
        }
    }

    /// Starts a block, closing any open one.
    pub(crate) fn start_block(&mut self, kind: BlockKind) {
        self.end_block();
        if !self.text.is_empty() {
            let at = self
                .map
                .to_original(self.text.len() - 1..self.text.len())
                .end;
            self.text.push('\n');
            self.map.push_whole(1, at..at);
        }
        self.pending_space = None;
        self.open = Some((kind, self.text.len()));
    }

    /// Ends the open block; a block with no text but white space is dropped.
    pub(crate) fn end_block(&mut self) {
        self.pending_space = None;
        if let Some((kind, start)) = self.open.take() {
            if self.text[start..].trim().is_empty() {
                return;
            }
            self.blocks.push(Block {
                kind,
                range: start..self.text.len(),
            });
        }
    }

    /// Whether a block is open.
    pub(crate) fn in_block(&self) -> bool {
        self.open.is_some()
    }

    fn at_block_start(&self) -> bool {
        matches!(self.open, Some((_, start)) if start == self.text.len())
    }

    fn flush_space(&mut self) {
        if let Some(at) = self.pending_space.take() {
            if !self.at_block_start() {
                self.text.push(' ');
                self.map.push_whole(1, at..at + 1);
            }
        }
    }

    /// Appends original text `s` that starts at original byte `orig_start`,
    /// collapsing runs of white space (including line breaks and no-break
    /// spaces) into one space.
    pub(crate) fn push_original(&mut self, s: &str, orig_start: usize) {
        let mut run_start = None;
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                if let Some(start) = run_start.take() {
                    self.copy(&s[start..i], orig_start + start);
                }
                if self.pending_space.is_none() {
                    self.pending_space = Some(orig_start + i);
                }
            } else if run_start.is_none() {
                run_start = Some(i);
            }
        }
        if let Some(start) = run_start {
            self.copy(&s[start..], orig_start + start);
        }
    }

    fn copy(&mut self, piece: &str, orig_start: usize) {
        self.flush_space();
        self.text.push_str(piece);
        self.map.push_linear(piece.len(), orig_start);
    }

    /// Appends decoded text `s` that stands for the original bytes `orig` as a
    /// whole (an entity, an escape). White space in `s` is collapsed too.
    pub(crate) fn push_decoded(&mut self, s: &str, orig: Range<usize>) {
        if s.chars().all(char::is_whitespace) {
            if self.pending_space.is_none() && !s.is_empty() {
                self.pending_space = Some(orig.start);
            }
            return;
        }
        self.flush_space();
        self.text.push_str(s);
        self.map.push_whole(s.len(), orig);
    }

    /// Marks a word break (a soft line break, a `<br>`) at original byte `at`.
    pub(crate) fn push_break(&mut self, at: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some(at);
        }
    }

    /// Appends a separator implied by markup, such as [`super::CELL_SEPARATOR`]
    /// between table cells, at original byte `at`.
    pub(crate) fn push_separator(&mut self, sep: char, at: usize) {
        self.pending_space = None;
        let mut buf = [0; 4];
        let s = sep.encode_utf8(&mut buf);
        self.text.push_str(s);
        self.map.push_whole(s.len(), at..at);
    }

    pub(crate) fn finish(mut self) -> Document {
        self.end_block();
        Document::new(self.text, self.blocks, self.map)
    }
}
