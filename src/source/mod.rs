//! Inputs and markup: files found on disk or read from stdin, turned into the
//! plain text that rules see, with a map from every byte of that text back to
//! the original bytes and the block structure (paragraphs, headings, list
//! items, table rows) kept.

mod builder;
mod html;
#[doc(hidden)]
pub mod invariants;
mod lines;
mod markdown;
mod offsets;
mod text;
pub mod walk;

use std::ops::Range;
use std::path::Path;

pub(crate) use builder::is_space;
pub use lines::LineIndex;

use crate::suppress::Suppressions;
pub use offsets::OffsetMap;

/// Which reader turns a file's bytes into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Markup {
    Text,
    Markdown,
    Html,
}

impl Markup {
    /// The reader for a path's extension, if factlint reads such files by default.
    pub fn from_path(path: &Path) -> Option<Markup> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Markup::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Markup::Markdown),
            "html" | "htm" | "xhtml" => Some(Markup::Html),
            _ => None,
        }
    }
}

/// What a block of text is in the draft's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading, with its level (1 for `#` or `<h1>`).
    Heading(u8),
    ListItem,
    /// A table row. Its cells are separated in the text by [`CELL_SEPARATOR`].
    TableRow {
        header: bool,
    },
}

/// Separates the cells of a table row in [`Document::text`].
pub const CELL_SEPARATOR: char = '\t';

/// A unit of structure: sentences never cross a block boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range into [`Document::text`].
    pub range: Range<usize>,
}

/// A draft as rules see it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Plain text: markup removed, entities decoded, blocks separated by
    /// newlines. Within a block, line breaks of the original are spaces.
    pub text: String,
    /// Blocks in document order, not overlapping.
    pub blocks: Vec<Block>,
    map: OffsetMap,
    /// The original the text was read from, when read with
    /// [`Document::read`]: fixes copy its bytes around what they change.
    original: Option<std::sync::Arc<str>>,
    /// The draft's suppression comments, found in the original bytes.
    pub suppressions: Suppressions,
}

impl Document {
    pub fn new(text: String, blocks: Vec<Block>, map: OffsetMap) -> Document {
        Document {
            text,
            blocks,
            map,
            original: None,
            suppressions: Suppressions::default(),
        }
    }

    /// Reads `original` with the given markup reader.
    pub fn read(original: &str, markup: Markup) -> Document {
        let mut doc = match markup {
            Markup::Text => text::read(original),
            Markup::Markdown => markdown::read(original),
            Markup::Html => html::read(original),
        };
        doc.suppressions = Suppressions::scan(original, markup);
        doc.original = Some(std::sync::Arc::from(original));
        doc
    }

    /// The original bytes that produced `range` of [`Document::text`]. The
    /// result always lies within the original and on char boundaries.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.map.to_original(range)
    }

    /// The original this document was read from, if it was read with
    /// [`Document::read`].
    pub fn original(&self) -> Option<&str> {
        self.original.as_deref()
    }

    /// The original bytes of text `range` if they are exactly its bytes:
    /// copied, with no markup, entity or line break in or between them.
    pub fn copied_original(&self, range: Range<usize>) -> Option<Range<usize>> {
        self.map.copied_original(range)
    }

    /// Whether text `range` was copied from the original as it stands, so an
    /// edit there changes only those words, not markup they came from.
    /// White space collapsed from the original counts as copied: it stands
    /// between the words, not for markup.
    pub fn is_copied(&self, range: Range<usize>) -> bool {
        let (decoded, past_end) = self.map.decoded_in(range);
        !past_end
            && decoded.into_iter().all(|r| {
                self.text
                    .get(r)
                    .is_some_and(|t| t.chars().all(char::is_whitespace))
            })
    }
}
