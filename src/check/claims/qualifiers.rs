//! What qualifies a figure so that it is not the subject's own value: an
//! extension, a change, a comparison, an activity under way, time gone by;
//! and what lets a figure state the fact though written differently: a
//! negated bound, a rounding.

use std::ops::Range;

use super::events::inflects;
use super::owner::is_alias;
use crate::reader::attribution::Terms;
use crate::reader::quantities::{self, Dimension, Form, Quantity};
use crate::reader::tokens::Token;

/// Whether the figure `q` is another figure than the subject's value of
/// its unit: an addition, a change, a comparison, an activity's figure or
/// a span of time gone by.
pub(super) fn another_figure(tokens: &[Token], q: &Quantity, terms: &Terms) -> bool {
    in_extension(tokens, q.tokens.start, terms)
        || is_difference(tokens, q.tokens.start)
        || compared_with(tokens, q.tokens.start)
        || ongoing_activity(tokens, q.tokens.start)
        || (q.unit.dimension == Dimension::Time
            && q.form == Form::Noun
            && elapsed_span(tokens, q.tokens.clone(), terms))
}

/// Words that add to what the subject already has: a quantity they govern
/// ("renews for five-year periods", "extended by another ten years", "an
/// additional three articles") is the addition, not the subject's own.
const EXTENSIONS: &[&str] = &[
    "renew",
    "renews",
    "renewed",
    "renewal",
    "renewals",
    "renewable",
    "extend",
    "extends",
    "extended",
    "extension",
    "extensions",
    "extendable",
    "prolong",
    "prolonged",
    "prolongs",
    "prolongation",
    "additional",
    "further",
    "successive",
    "subsequent",
    "another",
];

/// Whether the quantity starting at token `start` is governed by an extension
/// word earlier in its clause. "after" before the quantity ends the search:
/// in "renewed after 20 years" the 20 years are what precedes the renewal.
fn in_extension(tokens: &[Token], start: usize, terms: &Terms) -> bool {
    let mut i = start;
    let mut words = 0;
    while i > 0 && words < 6 {
        i -= 1;
        let t = &tokens[i];
        if matches!(
            t.norm.as_str(),
            "," | ";" | ":" | "." | "(" | ")" | "and" | "but" | "after"
        ) {
            return false;
        }
        // "the extension adds 8 rooms": a subject called an extension
        if EXTENSIONS.contains(&t.norm.as_str()) && !is_alias(t, terms) {
            return true;
        }
        words += usize::from(t.is_word());
    }
    false
}

/// Whether two figures stand in one clause joined by a coordination ("the
/// $7,500 credit and a $4,000 rebate"), with no full stop or semicolon
/// between them.
pub(super) fn coordinated(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    let Some(between) = text.get(first.end..second.start) else {
        return false;
    };
    !between.contains(['.', ';', '?', '!', '\n'])
        && (between.contains(" and ") || between.contains(',') || between.contains(" while "))
}

/// Whether an exact figure is the fact's value written with fewer
/// significant digits, as news rounds: "$370 billion" for $369 billion. The
/// rounding must stay within 5%, so "50 articles" is no rounding of 47.
pub(super) fn rounds_to(interval: &quantities::Interval, fact: f64) -> bool {
    if !interval.is_exact() || fact == 0.0 || interval.lo == 0.0 {
        return false;
    }
    let written = interval.lo;
    let digits = |v: f64| -> Option<i32> {
        // significant digits of a value given to at most 6 decimals
        let scaled = (v.abs() * 1e6).round();
        if !(1.0..1e21).contains(&scaled) {
            return None;
        }
        let text = format!("{scaled:.0}");
        let trimmed = text.trim_end_matches('0');
        i32::try_from(trimmed.len()).ok()
    };
    let (Some(w), Some(f)) = (digits(written), digits(fact)) else {
        return false;
    };
    if w >= f {
        return false;
    }
    let magnitude = fact.abs().log10().floor() as i32;
    let step = 10f64.powi(magnitude + 1 - w);
    let rounded = (fact / step).round() * step;
    ((rounded - written).abs() <= written.abs() * 1e-9)
        && ((written - fact).abs() <= fact.abs() * 0.05)
}

/// Words that compare with a bound: under a negation ("not beyond 3.67%",
/// "never more than 300 kg") they state the bound itself.
const BOUND_WORDS: &[&str] = &[
    "beyond",
    "above",
    "exceed",
    "exceeding",
    "over",
    "past",
    "higher",
    "more",
];

/// Whether the figure at `start` follows a negated comparison within a few
/// words: "would not enrich beyond the level of 3.67%".
pub(super) fn negated_bound(tokens: &[Token], start: usize) -> bool {
    let lo = start.saturating_sub(7);
    let Some(bound) = (lo..start)
        .rev()
        .find(|&k| BOUND_WORDS.contains(&tokens[k].norm.as_str()))
    else {
        return false;
    };
    (bound.saturating_sub(4)..bound).any(|k| {
        let w = tokens[k].norm.as_str();
        matches!(w, "not" | "never" | "no") || w.ends_with("n't")
    })
}

/// Verbs of change: a figure "by" which something changes is the change.
const CHANGE_VERBS: &[&str] = &[
    "reduce",
    "cut",
    "increase",
    "raise",
    "lower",
    "grow",
    "fall",
    "rise",
    "drop",
    "boost",
    "slash",
    "shrink",
    "expand",
    "decrease",
    "trim",
    "extend",
    "exceed",
    "outnumber",
];

/// Whether the figure at `start` is a change ("cut its stockpile by 98%").
fn is_difference(tokens: &[Token], start: usize) -> bool {
    if start == 0 || tokens[start - 1].norm != "by" {
        return false;
    }
    (start.saturating_sub(12)..start - 1).any(|k| {
        CHANGE_VERBS.iter().any(|v| {
            inflects(tokens[k].base(), v)
                || tokens[k].base() == "rose"
                || tokens[k].base() == "fell"
        })
    })
}

/// Whether the figure at `start` is one the subject's value is compared
/// with: "well below the 20 percent level", "compared with 19,000".
fn compared_with(tokens: &[Token], start: usize) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.norm.as_str());
    let mut k = start;
    // past an article: "below the 20 percent level"
    if k > 0 && matches!(word(k - 1), Some("the" | "a" | "an")) {
        k -= 1;
    }
    let Some(prev) = k.checked_sub(1).and_then(word) else {
        return false;
    };
    match prev {
        "below" | "above" | "beyond" | "versus" | "vs" => true,
        "with" | "to" => matches!(
            k.checked_sub(2).and_then(word),
            Some("compared" | "comparison" | "relative")
        ),
        _ => false,
    }
}

/// Aspect words that make a following "-ing" verb an activity under way:
/// "began enriching", "had been enriching", "is now enriching".
const ASPECTS: &[&str] = &[
    "began",
    "begun",
    "begins",
    "begin",
    "started",
    "starts",
    "resumed",
    "resumes",
    "continued",
    "continues",
    "been",
    "now",
    "currently",
    "still",
    "already",
];

/// Whether the figure at `start` stands in a clause that reports an activity
/// under way ("Iran began enriching uranium to 4.5 percent"), which says
/// what is done, not what the subject sets.
fn ongoing_activity(tokens: &[Token], start: usize) -> bool {
    let mut k = start;
    while k > 1 {
        k -= 1;
        let t = &tokens[k];
        if matches!(t.norm.as_str(), "," | ";" | ":" | "." | "(" | ")")
            || matches!(
                t.norm.as_str(),
                "but" | "although" | "though" | "while" | "whereas" | "which" | "that"
            )
        {
            return false;
        }
        if t.norm.ends_with("ing")
            && t.norm.len() > 5
            && ASPECTS.contains(&tokens[k - 1].norm.as_str())
        {
            return true;
        }
    }
    false
}

/// Words right before a number that make its span one of time gone by or
/// to come, not a length something is set for: "over the last three years",
/// "in the past two decades", "the next five years".
const SPAN_FRAMES: &[&str] = &[
    "last",
    "past",
    "previous",
    "preceding",
    "recent",
    "next",
    "coming",
];

/// Words that make a span a distance in time from something: "two years
/// after", "three years ago", "20 years later", "after 18 months".
const SPAN_OFFSETS: &[&str] = &[
    "ago", "later", "earlier", "before", "after", "since", "prior",
];

/// Whether the duration at `toks` is time gone by or an offset, or the
/// length of something else ("three years of talks"), rather than a term.
fn elapsed_span(tokens: &[Token], toks: Range<usize>, terms: &Terms) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.norm.as_str());
    let before = |k: usize| toks.start.checked_sub(k).and_then(word);
    // "the last three years" frames a span; "set to last 20 years" is the verb
    let framed = before(1).is_some_and(|w| SPAN_FRAMES.contains(&w))
        && before(2).is_some_and(|w| {
            matches!(
                w,
                "the" | "over" | "in" | "during" | "for" | "within" | "these" | "its" | "their"
            )
        });
    if framed
        || before(1) == Some("after")
        || (before(2) == Some("after") && before(1) == Some("some"))
    {
        return true;
    }
    match word(toks.end) {
        Some(w) if SPAN_OFFSETS.contains(&w) => true,
        // "five years of talks": the length of the talks, unless what it is
        // "of" is the subject itself ("20 years of the treaty")
        Some("of") => {
            let next = (toks.end + 1..toks.end + 3).find(|&k| {
                tokens.get(k).is_some_and(|t| {
                    t.is_word() && !matches!(t.norm.as_str(), "the" | "a" | "an" | "its")
                })
            });
            // a capital starts a name, perhaps the subject's ("of the Accord")
            next.is_some_and(|k| !is_alias(&tokens[k], terms) && !tokens[k].capitalized)
        }
        _ => false,
    }
}
