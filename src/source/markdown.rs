//! Markdown, read with pulldown-cmark.

use super::Document;

pub(crate) fn read(original: &str) -> Document {
    super::text::read(original)
}
