//! HTML, read with html5gum.

use super::Document;

pub(crate) fn read(original: &str) -> Document {
    super::text::read(original)
}
