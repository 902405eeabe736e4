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
        || changed_from(tokens, q)
        || ongoing_activity(tokens, q.tokens.start)
        || an_effect(tokens, q.tokens.start)
        || (q.unit.dimension == Dimension::Time
            && q.form == Form::Noun
            && (elapsed_span(tokens, q.tokens.clone(), terms)
                || held_by_count(tokens, q.tokens.start)))
}

/// Whether the duration at `start` ("for 10 years") says how long a count
/// that is its verb's subject holds: "only 1,200 of them dredging for 10
/// years", "1,000 troops will stay for five years". It is that count's
/// term, not one of the subject's own.
fn held_by_count(tokens: &[Token], start: usize) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    if start < 2 || word(start - 1) != "for" {
        return false;
    }
    // back over the verb and its object or auxiliaries, to the count
    let verb = (start.saturating_sub(5)..start - 1).rev().find(|&k| {
        let w = word(k);
        w.len() > 4 && w.ends_with("ing") || AUXILIARIES.contains(&w)
    });
    let Some(verb) = verb else { return false };
    if (verb..start - 1).any(|k| !tokens[k].is_word()) {
        return false;
    }
    // the count: a number, then perhaps "of these" or its noun
    let mut k = verb;
    let mut nouns = 0;
    while k > 0 {
        k -= 1;
        let w = word(k);
        if is_count(w) {
            return k == 0 || !matches!(word(k - 1), "for" | "over" | "within" | "in");
        }
        let partitive = matches!(w, "of" | "these" | "them" | "those" | "only" | "just");
        if !tokens[k].is_word() || (!partitive && nouns == 1) {
            return false;
        }
        nouns += usize::from(!partitive);
    }
    false
}

/// Auxiliaries and modals that open a verb group after its subject.
const AUXILIARIES: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "are", "were",
];

/// Whether a word is a count written in figures ("1,200", "40").
fn is_count(w: &str) -> bool {
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
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
        // "the extension adds 8 rooms": a subject called an extension; "the
        // Coastal Renewal Fund": a word of a name
        let in_name = t.capitalized && i > 0;
        if EXTENSIONS.contains(&t.norm.as_str()) && !is_alias(t, terms) && !in_name {
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
    let (Some(w), Some(f)) = (significant_digits(written), significant_digits(fact)) else {
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

/// Significant digits of a value given to at most six decimals.
pub(super) fn significant_digits(v: f64) -> Option<i32> {
    let scaled = (v.abs() * 1e6).round();
    if !(1.0..1e21).contains(&scaled) {
        return None;
    }
    let text = format!("{scaled:.0}");
    i32::try_from(text.trim_end_matches('0').len()).ok()
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

/// Whether the figure `q` is where a change starts: "cut from about
/// 7,500 kg to 300 kg", "from its current level of 19,000 to 6,104". The
/// figure after "to" is the one the change arrives at; "from 40 to 50
/// articles", a range, is one figure and never comes here.
fn changed_from(tokens: &[Token], q: &Quantity) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let to_follows = word(q.tokens.end) == "to"
        && tokens.get(q.tokens.end + 1).is_some_and(|t| {
            t.norm.starts_with(|c: char| c.is_ascii_digit()) || is_qualifier(&t.norm)
        });
    if !to_follows {
        return false;
    }
    // "from" opens the figure's phrase, a few words back at most
    let mut k = q.tokens.start;
    let mut words = 0;
    while k > 0 && words < 6 {
        k -= 1;
        match word(k) {
            "from" => return true,
            "," | ";" | ":" | "." | "(" | ")" | "and" | "but" => return false,
            _ => words += 1,
        }
    }
    false
}

/// Words that open a figure: "to about 300", "to nearly 6,000".
fn is_qualifier(word: &str) -> bool {
    matches!(
        word,
        "about"
            | "around"
            | "roughly"
            | "nearly"
            | "almost"
            | "just"
            | "some"
            | "under"
            | "over"
            | "approximately"
            | "less"
            | "more"
            | "fewer"
            | "only"
            | "no"
            | "at"
    )
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

/// Verbs whose object is what the subject brought about, not what it
/// sets: "has led to $300 billion of investment", "spurred 9,000 jobs".
const EFFECT_VERBS: &[&str] = &[
    "spurred",
    "spurs",
    "unlocked",
    "unlocks",
    "attracted",
    "attracts",
    "mobilized",
    "mobilised",
    "mobilizes",
    "mobilises",
    "generated",
    "generates",
    "triggered",
    "triggers",
    "sparked",
    "sparks",
    "catalyzed",
    "catalysed",
    "catalyzes",
    "catalyses",
    "prompted",
    "drew",
    "drawn",
];

/// Whether the figure at `start` is the object of a verb of effect ("has
/// led to $321 billion worth of investment"), past its qualifiers, or
/// stands in a "with" phrase after one ("…, with $522 billion more under
/// way"): what the subject brought about, not a figure it sets.
fn an_effect(tokens: &[Token], start: usize) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let mut k = start;
    while k > 0
        && (is_qualifier(word(k - 1)) || matches!(word(k - 1), "an" | "a" | "estimated" | "than"))
    {
        k -= 1;
    }
    let effect_at = |k: usize| {
        EFFECT_VERBS.contains(&word(k))
            || (word(k + 1) == "to" && matches!(word(k), "led" | "leads" | "leading"))
    };
    if k >= 1 && effect_at(k - 1) || k >= 2 && effect_at(k - 2) {
        return true;
    }
    // "…, with $522 billion still in process": the clause before the comma
    if k >= 2 && word(k - 1) == "with" && word(k - 2) == "," {
        let clause_start = (0..k - 2)
            .rev()
            .find(|&i| matches!(word(i), ";" | ":" | "," | "but"))
            .map_or(0, |i| i + 1);
        return (clause_start..k - 2).any(effect_at);
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::tokens::tokenize;

    /// Whether the first "$" figure of `text` is an effect.
    fn effect(text: &str) -> bool {
        let tokens = tokenize(text, 0..text.len());
        let start = tokens.iter().position(|t| t.norm == "$").expect("a figure");
        an_effect(&tokens, start)
    }

    #[test]
    fn a_figure_the_subject_brought_about_is_an_effect() {
        assert!(effect(
            "The fund has led to $90 million of private building."
        ));
        assert!(effect(
            "The levy spurred an estimated $40 million in new shops."
        ));
        assert!(effect(
            "The port deal attracted more than $3 billion in freight."
        ));
        // a "with" phrase after a clause of effect
        let text = "The fund has led to repairs, with $4 million still planned.";
        assert!(effect(text));
    }

    /// Whether the duration after the first "for" of `text` is held by a count.
    fn held(text: &str) -> bool {
        let tokens = tokenize(text, 0..text.len());
        let at = tokens
            .iter()
            .position(|t| t.norm == "for")
            .expect("a duration");
        held_by_count(&tokens, at + 1)
    }

    #[test]
    fn a_duration_of_a_counted_subject_is_that_counts_term() {
        assert!(held("Only 1,200 of them may dredge the bay for 10 years."));
        assert!(held(
            "It keeps 300 boats, with 120 of these fishing cod for eight years."
        ));
        assert!(held("About 900 inspectors will stay for five years."));
        // the subject's own term, or a count that is no verb's subject
        assert!(!held("The accord limits dredging for 10 years."));
        assert!(!held(
            "The accord caps the fleet at 300 boats for 12 years."
        ));
        assert!(!held("Talks over 12 months will run for two years."));
    }

    #[test]
    fn a_figure_the_subject_sets_is_no_effect() {
        assert!(!effect("The fund spends $90 million on dunes."));
        assert!(!effect(
            "The fund, with $90 million to spend, opens in May."
        ));
        assert!(!effect(
            "The levy leads the region with $40 million a year."
        ));
    }
}
