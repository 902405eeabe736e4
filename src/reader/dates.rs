//! Calendar dates in the forms news copy uses, full or partial.

use std::ops::Range;

/// How a date was written, so a fix can answer in the same form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "17 January 2025", "17 Jan 2025", "17 January"
    DayMonth,
    /// "January 17, 2025", "Jan. 17", "January 17"
    MonthDay,
    /// "the 17th of January"
    OrdinalOf,
    /// "January 2025"
    MonthYear,
    /// "2025-01-17"
    Iso,
    /// "in 2025"
    Year,
    /// "in January"
    Month,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub style: DateStyle,
    /// The month was abbreviated ("Jan.", "Jan").
    pub abbreviated: bool,
}

/// Every date in `text`, left to right, not overlapping.
pub fn find_dates(_text: &str) -> Vec<DateMatch> {
    Vec::new()
}

/// Writes a date in `style` with the parts given.
pub fn format_date(
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    _style: DateStyle,
    _abbreviated: bool,
) -> String {
    format!("{year:?}-{month:?}-{day:?}")
}
