//! Calendar dates in the forms news copy uses, full or partial: "17 January
//! 2025", "January 17, 2025", "Jan. 17", "the 17th of January", "January
//! 2025", "2025-01-17", "in 2025", "in April".

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// How a date was written, so a fix can answer in the same form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "17 January 2025", "17 Jan 2025", "17 January"
    DayMonth,
    /// "January 17, 2025", "Jan. 17", "January 17"
    MonthDay,
    /// "the 17th of January"
    OrdinalOf,
    /// "the seventeenth of January"
    OrdinalWordOf,
    /// "January 2025"
    MonthYear,
    /// "2025-01-17"
    Iso,
    /// "in 2025"
    Year,
    /// "in January"
    Month,
    /// "on the 17th"
    DayOnly,
    /// "last May", "a year ago": told from the time of writing, which the
    /// draft does not give, so it agrees with any date
    Relative,
    /// "17/01/2025", "1.17.2025": day or month first, with its separator and
    /// whether one-digit parts are written with a leading zero.
    Numeric {
        day_first: bool,
        separator: char,
        padded: bool,
    },
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
    /// A numeric date whose day and month may be read either way
    /// ("02/01/2025"): it agrees with a fact if either reading does.
    pub ambiguous: bool,
}

impl DateMatch {
    /// The other reading of an ambiguous numeric date, month and day swapped.
    pub fn swapped(&self) -> Option<DateMatch> {
        let DateStyle::Numeric {
            day_first,
            separator,
            padded,
        } = self.style
        else {
            return None;
        };
        self.ambiguous.then(|| DateMatch {
            month: self.day,
            day: self.month,
            style: DateStyle::Numeric {
                day_first: !day_first,
                separator,
                padded,
            },
            ..self.clone()
        })
    }
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month names and abbreviations, capitalised as news copy writes them
/// ("march" and "may" in lower case are verbs).
/// Only an abbreviation takes a full stop: in "on the 16th of January." the
/// stop ends the sentence.
/// The months' full names, as a regex alternation.
const MONTH_NAMES: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH: &str = r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?P<dot>\.)?)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // a day ends at a word boundary: "May 2029" is no day 20 of May
    let day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b";
    let year = r"(?P<y>[12]\d{3})";
    let weekday = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?";
    let alternatives = [
        // 17/01/2025, 1.17.2025
        r"(?P<num>\b(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)[/.](?P<n3>[12]\d{3})\b)".to_owned(),
        // 2025-01-17
        r"(?P<iso>\b(?P<iy>[12]\d{3})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)".to_owned(),
        // the 17th of January (2025)
        format!(r"(?P<of>\b(?i:the)\s+(?:(?P<od>[0-3]?\d)(?:st|nd|rd|th)|(?P<ow>(?i:{ordinals})))\s+of\s+{m}(?:,?\s+(?P<oy>[12]\d{{3}}))?)", m = MONTH.replace("?P<m>", "?P<om>").replace("?P<dot>", "?P<odot>"), ordinals = ordinal_words()),
        // 17 January 2025, Friday 17 January
        format!(r"(?P<dm>{weekday}\b{day}\s+{m}(?:,?\s+(?P<dmy>[12]\d{{3}}))?)", m = MONTH.replace("?P<m>", "?P<dmm>").replace("?P<dot>", "?P<dmdot>"), day = day.replace("?P<d>", "?P<dmd>")),
        // January 17, 2025; Friday, Jan. 17
        // (the day ends at a word boundary: "March 2026" is no March 20)
        format!(r"(?P<md>{weekday}\b{m}\s+{day}\b(?:,?\s+{year})?)", m = MONTH.replace("?P<m>", "?P<mdm>").replace("?P<dot>", "?P<mddot>"), day = day.replace("?P<d>", "?P<mdd>"), year = year.replace("?P<y>", "?P<mdy>")),
        // January 2025
        format!(r"(?P<my>\b{m},?\s+(?P<myy>[12]\d{{3}}))", m = MONTH.replace("?P<m>", "?P<mym>").replace("?P<dot>", "?P<mydot>")),
        // in 2025, since 2021
        r"(?P<yr>\b(?i:in|since|by|until|from|during|of|early|late|mid-?)\s+(?P<yy>[12]\d{3})\b)".to_owned(),
        // a timeline's entry: "2018: the US withdrew", "• 2018 – talks resume"
        r"(?P<tl>^[\s•*·▪‣◦-]*(?P<ty>[12]\d{3})(?:\s*:|\s+[-–—])\s)".to_owned(),
        // a date told from the time of writing: "last May", "a year ago"
        format!(r"(?P<rel>\b(?:(?i:(?:earlier|later)\s+)?(?i:last|this)\s+(?P<relm>{months})|(?i:(?:(?:earlier|later)\s+)?(?:last\s+(?:year|month|spring|summer|autumn|fall|winter)|this\s+(?:year|month))|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+(?:years?|months?|weeks?|days?)\s+ago))\b)", months = MONTH_NAMES),
        // in April
        // on the 17th, (a day alone, judged on the day)
        r"(?P<dayonly>\bon\s+(?P<dor>the\s+(?P<dod>[0-3]?\d)(?:st|nd|rd|th))\b\s*(?:[,.;:)]|$))".to_owned(),
        r"(?P<mo>\b(?i:in|since|by|until|from|during|early|late|mid-?)\s+(?P<moi>(?P<mom>January|February|April|June|July|August|September|October|November|December)\b(?:,?\s+(?P<moy>[12]\d{3})\b)?))".to_owned(),
    ];
    // Dates are ASCII: ASCII word boundaries let the fast engines run the
    // whole search, where Unicode ones would fall back to slower ones.
    let pattern = alternatives.join("|").replace(r"\b", r"(?-u:\b)");
    // Built from constants only: every test that reads a date compiles it.
    #[allow(clippy::expect_used)]
    Regex::new(&pattern).expect("date pattern")
});

/// Compiles the date pattern on a thread of its own, once: called when a
/// draft is found to need dates, before its sentences are split and read.
pub fn prepare() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    super::build_in_background(&STARTED, || {
        LazyLock::force(&DATE);
    });
}

/// Whether a text whose words include `word` (normalised, lower case) may
/// hold a date: every form has digits, a month name, or a word of a date
/// told from the time of writing.
pub fn may_hold_date(word: &str) -> bool {
    word.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || matches!(
            word,
            "ago"
                | "last"
                | "year"
                | "month"
                | "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        )
}

/// Days of the month as ordinal words, first to thirty-first.
const ORDINALS: [&str; 31] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];

/// The ordinal words as a regex alternation, longest first so that
/// "twenty-first" is not read as "twenty" and a stray "-first".
fn ordinal_words() -> String {
    let mut words: Vec<String> = ORDINALS.iter().map(|w| w.replace('-', "[- ]")).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

fn ordinal_value(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase().replace(' ', "-");
    ORDINALS
        .iter()
        .position(|w| *w == word)
        .map(|i| i as u32 + 1)
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            m.to_ascii_lowercase()
                .starts_with(&lower[..lower.len().min(3)])
        })
        .map(|i| i as u32 + 1)
}

fn valid(year: Option<i32>, month: u32, day: u32) -> bool {
    let max = match month {
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=12).contains(&month) && day >= 1 && day <= max
}

/// What one match found: range, year, month, day, style, abbreviated month.
type Found = (
    Range<usize>,
    Option<i32>,
    Option<u32>,
    Option<u32>,
    DateStyle,
    bool,
);

/// A date with a day and a month, if they make a real date.
fn day_date(
    range: Range<usize>,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    style: DateStyle,
    abbreviated: bool,
) -> Option<Found> {
    let (month, day) = (month?, day?);
    valid(year, month, day).then_some((range, year, Some(month), Some(day), style, abbreviated))
}

/// Every date in `text`, left to right, not overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let month = |name: &str| c.name(name).and_then(|m| month_number(m.as_str()));
        let abbreviated = |name: &str| {
            c.name(name)
                .is_some_and(|m| m.as_str().trim_end_matches('.').len() <= 4)
        };
        let mut ambiguous = false;
        let found = if let Some(m) = c.name("num") {
            let (a, b, y) = (num("n1"), num("n2"), year("n3"));
            let separator = c
                .name("sep")
                .and_then(|s| s.as_str().chars().next())
                .unwrap_or('/');
            let padded = c.name("n1").is_some_and(|p| p.as_str().len() == 2)
                && c.name("n2").is_some_and(|p| p.as_str().len() == 2);
            match (a, b) {
                (Some(a), Some(b)) => {
                    // a part over 12 can only be the day; otherwise day first,
                    // as most of the world writes it, with the other reading kept
                    let day_first = a > 12 || b <= 12;
                    ambiguous = a <= 12 && b <= 12 && a != b;
                    let (d, mo) = if day_first { (a, b) } else { (b, a) };
                    valid(y, mo, d).then(|| {
                        (
                            m.range(),
                            y,
                            Some(mo),
                            Some(d),
                            DateStyle::Numeric {
                                day_first,
                                separator,
                                padded,
                            },
                            false,
                        )
                    })
                }
                _ => None,
            }
        } else if let Some(m) = c.name("iso") {
            let (y, mo, d) = (year("iy"), num("im"), num("id"));
            match (mo, d) {
                (Some(mo), Some(d)) if valid(y, mo, d) => {
                    Some((m.range(), y, Some(mo), Some(d), DateStyle::Iso, false))
                }
                _ => None,
            }
        } else if let Some(m) = c.name("of") {
            let spelled = c.name("ow").and_then(|w| ordinal_value(w.as_str()));
            let (y, mo, d) = (year("oy"), month("om"), num("od").or(spelled));
            match (mo, d) {
                (Some(mo), Some(d)) if valid(y, mo, d) => Some((
                    m.range(),
                    y,
                    Some(mo),
                    Some(d),
                    if spelled.is_some() {
                        DateStyle::OrdinalWordOf
                    } else {
                        DateStyle::OrdinalOf
                    },
                    abbreviated("om"),
                )),
                _ => None,
            }
        } else if let Some(m) = c.name("dm") {
            day_date(
                m.range(),
                year("dmy"),
                month("dmm"),
                num("dmd"),
                DateStyle::DayMonth,
                abbreviated("dmm"),
            )
        } else if let Some(m) = c.name("md") {
            day_date(
                m.range(),
                year("mdy"),
                month("mdm"),
                num("mdd"),
                DateStyle::MonthDay,
                abbreviated("mdm"),
            )
        } else if let Some(m) = c.name("my") {
            month("mym").map(|mo| {
                (
                    m.range(),
                    year("myy"),
                    Some(mo),
                    None,
                    DateStyle::MonthYear,
                    abbreviated("mym"),
                )
            })
        } else if let Some(m) = c.name("dor").filter(|_| c.name("dayonly").is_some()) {
            num("dod")
                .filter(|d| (1..=31).contains(d))
                .map(|d| (m.range(), None, None, Some(d), DateStyle::DayOnly, false))
        } else if let Some(m) = c.name("yy") {
            Some((m.range(), year("yy"), None, None, DateStyle::Year, false))
        } else if let Some(m) = c.name("ty") {
            Some((m.range(), year("ty"), None, None, DateStyle::Year, false))
        } else if let Some(m) = c.name("relm") {
            // "last May" is judged on the month
            month("relm").map(|mo| (m.range(), None, Some(mo), None, DateStyle::Month, false))
        } else if let Some(m) = c.name("rel") {
            Some((m.range(), None, None, None, DateStyle::Relative, false))
        } else {
            let style = if c.name("moy").is_some() {
                DateStyle::MonthYear
            } else {
                DateStyle::Month
            };
            c.name("moi").and_then(|m| {
                month("mom").map(|mo| (m.range(), year("moy"), Some(mo), None, style, false))
            })
        };
        if let Some((range, year, month, day, style, abbreviated)) = found {
            // Digits glued to the date on either side make it something else ("17 January 20251").
            let glued = text[range.end..].starts_with(|c: char| c.is_ascii_digit());
            if !glued {
                out.push(DateMatch {
                    range,
                    year,
                    month,
                    day,
                    style,
                    abbreviated,
                    ambiguous,
                });
            }
        }
    }
    out
}

/// "st", "nd", "rd" or "th" for a day of the month.
fn ordinal_suffix(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    }
}

/// Writes a date in `style` with the parts given ("17 January 2025",
/// "Jan. 17", "January 2025"), for fixes that keep the draft's form.
pub fn format_date(
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    style: DateStyle,
    abbreviated: bool,
) -> String {
    let month_name = month.and_then(|m| MONTHS.get(m as usize - 1)).map(|name| {
        if abbreviated && name.len() > 4 {
            let short = if *name == "September" {
                "Sept"
            } else {
                &name[..3]
            };
            format!("{short}.")
        } else {
            (*name).to_owned()
        }
    });
    let m = month_name.unwrap_or_default();
    match (style, year, day) {
        (
            DateStyle::Numeric {
                day_first,
                separator,
                padded,
            },
            Some(y),
            Some(d),
        ) => {
            let mo = month.unwrap_or(1);
            let part = |n: u32| {
                if padded {
                    format!("{n:02}")
                } else {
                    n.to_string()
                }
            };
            let (first, second) = if day_first { (d, mo) } else { (mo, d) };
            format!("{}{separator}{}{separator}{y}", part(first), part(second))
        }
        (DateStyle::Iso, Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", month.unwrap_or(1)),
        (DateStyle::DayMonth, Some(y), Some(d)) => format!("{d} {m} {y}"),
        (DateStyle::DayMonth, None, Some(d)) => format!("{d} {m}"),
        (DateStyle::MonthDay, Some(y), Some(d)) => format!("{m} {d}, {y}"),
        (DateStyle::MonthDay, None, Some(d)) => format!("{m} {d}"),
        (DateStyle::OrdinalOf, y, Some(d)) => {
            let suffix = ordinal_suffix(d);
            match y {
                Some(y) => format!("the {d}{suffix} of {m} {y}"),
                None => format!("the {d}{suffix} of {m}"),
            }
        }
        (DateStyle::OrdinalWordOf, y, Some(d)) => {
            let word = ORDINALS.get(d as usize - 1).copied().unwrap_or_default();
            match y {
                Some(y) => format!("the {word} of {m} {y}"),
                None => format!("the {word} of {m}"),
            }
        }
        (DateStyle::DayOnly, _, Some(d)) => format!("the {d}{}", ordinal_suffix(d)),
        (_, Some(y), None) if !m.is_empty() => format!("{m} {y}"),
        (_, Some(y), _) if m.is_empty() => format!("{y}"),
        (_, None, _) => m,
        (_, Some(y), Some(d)) => format!("{d} {m} {y}"),
        (_, Some(y), None) => format!("{m} {y}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parts<'t> = (&'t str, Option<i32>, Option<u32>, Option<u32>);

    fn dates(text: &str) -> Vec<Parts<'_>> {
        find_dates(text)
            .into_iter()
            .map(|d| (&text[d.range], d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn a_timeline_year_fronts_its_entry_and_a_bare_number_does_not() {
        assert_eq!(
            dates("2018: talks resumed"),
            [("2018", Some(2018), None, None)]
        );
        assert_eq!(
            dates("• 2019 – the port opened"),
            [("2019", Some(2019), None, None)]
        );
        assert_eq!(
            dates("  * 2020 - a new mayor"),
            [("2020", Some(2020), None, None)]
        );
        assert_eq!(dates("2018 delegates voted"), []);
        assert_eq!(dates("the score was 2018: a record"), []);
    }

    #[test]
    fn a_date_told_from_the_time_of_writing_has_no_parts() {
        for text in [
            "signed last year",
            "signed earlier this year",
            "signed two years ago",
            "signed 3 months ago",
            "signed last autumn",
        ] {
            let found = find_dates(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].style, DateStyle::Relative, "{text}");
            assert_eq!(
                (found[0].year, found[0].month, found[0].day),
                (None, None, None)
            );
        }
        // a month named with a relative year is the month
        assert_eq!(dates("signed last May"), [("May", None, Some(5), None)]);
        assert_eq!(
            dates("signed earlier this March"),
            [("March", None, Some(3), None)]
        );
        // "may" after "this" is the verb; "the last years" is no date
        assert_eq!(dates("this may change"), []);
        assert_eq!(dates("over the last years"), []);
    }

    #[test]
    fn the_usual_news_forms() {
        assert_eq!(
            dates("signed on 17 January 2025 in Moscow"),
            vec![("17 January 2025", Some(2025), Some(1), Some(17))]
        );
        assert_eq!(
            dates("on January 17, 2025."),
            vec![("January 17, 2025", Some(2025), Some(1), Some(17))]
        );
        assert_eq!(
            dates("on Jan. 18."),
            vec![("Jan. 18", None, Some(1), Some(18))]
        );
        assert_eq!(
            dates("the 17th of January"),
            vec![("the 17th of January", None, Some(1), Some(17))]
        );
        assert_eq!(
            dates("on the twenty-first of March 2024"),
            vec![(
                "the twenty-first of March 2024",
                Some(2024),
                Some(3),
                Some(21)
            )]
        );
        assert_eq!(
            dates("The Seventeenth of January"),
            vec![("The Seventeenth of January", None, Some(1), Some(17))]
        );
        assert_eq!(
            dates("in December 2024 it"),
            vec![("December 2024", Some(2024), Some(12), None)]
        );
        assert_eq!(
            dates("dated 2025-01-17"),
            vec![("2025-01-17", Some(2025), Some(1), Some(17))]
        );
        assert_eq!(
            dates("Signed on Friday, January 17, 2025, the"),
            vec![("Friday, January 17, 2025", Some(2025), Some(1), Some(17))]
        );
        assert_eq!(
            dates("17 Jan 2025"),
            vec![("17 Jan 2025", Some(2025), Some(1), Some(17))]
        );
        assert_eq!(
            dates("approved it in April."),
            vec![("April", None, Some(4), None)]
        );
        assert_eq!(
            dates("signed in 2021, it"),
            vec![("2021", Some(2021), None, None)]
        );
    }

    #[test]
    fn a_sentence_stop_and_a_following_year_are_read_right() {
        assert_eq!(
            dates("on the 16th of January."),
            vec![("the 16th of January", None, Some(1), Some(16))]
        );
        assert_eq!(
            dates("opens in May 2029."),
            vec![("May 2029", Some(2029), Some(5), None)]
        );
        assert_eq!(
            dates("on Sept. 17, 2025"),
            vec![("Sept. 17, 2025", Some(2025), Some(9), Some(17))]
        );
    }

    #[test]
    fn numeric_dates_read_day_first_unless_only_month_first_can_be() {
        assert_eq!(
            dates("on 15/01/2025,"),
            vec![("15/01/2025", Some(2025), Some(1), Some(15))]
        );
        assert_eq!(
            dates("on 1/15/2025."),
            vec![("1/15/2025", Some(2025), Some(1), Some(15))]
        );
        let ambiguous = find_dates("on 02.01.2025");
        assert!(ambiguous[0].ambiguous);
        assert_eq!((ambiguous[0].month, ambiguous[0].day), (Some(1), Some(2)));
        let other = ambiguous[0].swapped().expect("other reading");
        assert_eq!((other.month, other.day), (Some(2), Some(1)));
        assert!(dates("version 3/4/2025x").is_empty() || dates("3/45/2025").is_empty());
        assert!(dates("13/13/2025").is_empty());
        assert_eq!(
            format_date(
                Some(2025),
                Some(1),
                Some(17),
                DateStyle::Numeric {
                    day_first: false,
                    separator: '/',
                    padded: false
                },
                false
            ),
            "1/17/2025"
        );
        assert_eq!(
            format_date(
                Some(2025),
                Some(1),
                Some(17),
                DateStyle::Numeric {
                    day_first: true,
                    separator: '.',
                    padded: true
                },
                false
            ),
            "17.01.2025"
        );
    }

    #[test]
    fn a_month_and_year_is_not_a_day_glued_to_digits() {
        // "March 2026" once read as "March 20" followed by digits, and was dropped.
        assert_eq!(
            dates("it will reopen in March 2026"),
            [("March 2026", Some(2026), Some(3), None)]
        );
        assert_eq!(
            dates("opened January 2026 and May 2027"),
            [
                ("January 2026", Some(2026), Some(1), None),
                ("May 2027", Some(2027), Some(5), None)
            ]
        );
        assert_eq!(
            dates("on March 20, 2026"),
            [("March 20, 2026", Some(2026), Some(3), Some(20))]
        );
    }

    #[test]
    fn a_preposition_may_open_the_sentence() {
        assert_eq!(
            dates("In 2024, they met."),
            vec![("2024", Some(2024), None, None)]
        );
        assert_eq!(
            dates("Since April 2025 it has"),
            vec![("April 2025", Some(2025), Some(4), None)]
        );
    }

    #[test]
    fn a_day_alone_after_on() {
        assert_eq!(
            dates("signed it on the 15th, officials said"),
            vec![("the 15th", None, None, Some(15))]
        );
        assert_eq!(
            dates("on the 15th."),
            vec![("the 15th", None, None, Some(15))]
        );
        assert!(dates("on the 20th anniversary").is_empty());
        assert!(dates("on the 45th.").is_empty());
        assert_eq!(
            format_date(None, None, Some(17), DateStyle::DayOnly, false),
            "the 17th"
        );
    }

    #[test]
    fn not_dates() {
        assert!(dates("it may finally help").is_empty());
        assert!(dates("troops march on").is_empty());
        assert!(dates("in May").is_empty());
        assert!(dates("the Peace of Westphalia, 1648, ended").is_empty());
        assert!(dates("30 February 2025").is_empty());
        assert!(dates("Article 12 says").is_empty());
    }

    #[test]
    fn formats_keep_the_drafts_form() {
        assert_eq!(
            format_date(Some(2025), Some(1), Some(17), DateStyle::DayMonth, false),
            "17 January 2025"
        );
        assert_eq!(
            format_date(None, Some(1), Some(17), DateStyle::MonthDay, true),
            "Jan. 17"
        );
        assert_eq!(
            format_date(Some(2025), Some(1), None, DateStyle::MonthYear, false),
            "January 2025"
        );
        assert_eq!(
            format_date(Some(2025), Some(1), Some(17), DateStyle::Iso, false),
            "2025-01-17"
        );
        assert_eq!(
            format_date(Some(2027), None, None, DateStyle::Year, false),
            "2027"
        );
        assert_eq!(
            format_date(None, Some(1), Some(17), DateStyle::OrdinalOf, false),
            "the 17th of January"
        );
        assert_eq!(
            format_date(
                Some(2025),
                Some(1),
                Some(17),
                DateStyle::OrdinalWordOf,
                false
            ),
            "the seventeenth of January 2025"
        );
    }

    #[test]
    fn never_panics_and_ranges_are_on_boundaries() {
        for text in [
            "",
            "–17 January",
            "17 January 2025–",
            "Jan. 1’",
            "in 20255",
            "🙂 May 5 🙂",
        ] {
            for d in find_dates(text) {
                assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
            }
        }
    }
}
