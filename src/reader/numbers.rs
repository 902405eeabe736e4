//! Numbers in text: digits with separators and decimals, number words,
//! scale words ("1.2 billion"). Ordinals are not counts and are not returned.

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
pub fn find_numbers(_text: &str) -> Vec<NumberMatch> {
    Vec::new()
}

/// Writes `value` in `style`: digits ("47") or lower-case words ("forty-seven").
pub fn format_number(value: f64, _style: NumberStyle) -> String {
    format!("{value}")
}
