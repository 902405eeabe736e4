//! Which event a figure or date belongs to: a fact's cues are the events it
//! is about ("signed", "term"), and a claim counts when its nearest event,
//! in its clause, is one of them.

use std::ops::Range;

use crate::reader::structure::{
    fronted_date, is_event_word, new_predicate, CLAUSE_TURNS, NOT_MODIFIER,
};
use crate::reader::tokens::Token;

/// Whether one of `cues` follows token index `end`, right after it or past
/// up to two modifiers: "a 20-year term", "a 20-year strategic framework".
pub(super) fn cue_follows(tokens: &[Token], end: usize, cues: &[Vec<String>]) -> bool {
    let mut k = end;
    // past a conversion in brackets: "the 250-kilogram (550-pound) cap"
    if tokens.get(k).is_some_and(|t| t.norm == "(") {
        match (k..tokens.len().min(k + 8)).find(|&c| tokens[c].norm == ")") {
            Some(close) => k = close + 1,
            None => return false,
        }
    }
    for _ in 0..3 {
        if cues.iter().any(|c| cue_at(tokens, k, c)) {
            return true;
        }
        match tokens.get(k) {
            Some(t) if t.is_word() && !NOT_MODIFIER.contains(&t.norm.as_str()) => k += 1,
            _ => return false,
        }
    }
    false
}

/// Whether token `t` is the cue word `cue` or an inflection of it.
pub(super) fn inflects(t: &str, cue: &str) -> bool {
    if t == cue {
        return true;
    }
    let Some(rest) = t.strip_prefix(cue.trim_end_matches('e')) else {
        return false;
    };
    let with_e = cue.ends_with('e');
    matches!(rest, "s" | "es" | "ed" | "ing" | "d")
        || (with_e && matches!(rest, "e" | "es" | "ed"))
        || (!with_e
            && rest.len() == 1 + 3
            && rest.ends_with("ing")
            && rest.as_bytes()[0] == cue.as_bytes()[cue.len() - 1])
}

pub(super) fn cue_at(tokens: &[Token], i: usize, cue: &[String]) -> bool {
    cue.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| inflects(t.base(), w)))
}

/// How many words from the figure at `toks` the nearest of `cues` stands
/// in its clause (up to eight words before it, twelve after), if any.
pub(super) fn cue_distance(
    tokens: &[Token],
    toks: Range<usize>,
    cues: &[Vec<String>],
) -> Option<usize> {
    let stop = |t: &Token| matches!(t.norm.as_str(), ";" | "." | "?" | "!");
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    let mut best: Option<usize> = None;
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 12 {
        i -= 1;
        if stop(&tokens[i]) {
            break;
        }
        words += usize::from(tokens[i].is_word());
        if is_cue(i) {
            best = Some(words);
            break;
        }
    }
    let mut j = toks.end;
    words = 0;
    while j < tokens.len() && words < 12 && best.is_none_or(|b| words < b) {
        if stop(&tokens[j])
            || CLAUSE_TURNS.contains(&tokens[j].norm.as_str())
            || new_predicate(tokens, j)
        {
            break;
        }
        words += usize::from(tokens[j].is_word());
        if is_cue(j) {
            best = Some(words);
            break;
        }
        j += 1;
    }
    best
}

/// Events that are the setting of another: "signed during talks on …",
/// "signed at the summit on …": the date is the setting's and so the event's.
const SETTINGS: &[&str] = &[
    "talks",
    "meeting",
    "summit",
    "visit",
    "ceremony",
    "negotiations",
    "session",
];

/// Whether the date at `toks` is the setting of a cue event: "signed
/// following talks between the presidents on 17 January".
fn setting_of_cue(tokens: &[Token], toks: &Range<usize>, is_cue: &dyn Fn(usize) -> bool) -> bool {
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 10 {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.norm.as_str(), "," | ";" | "." | ":") {
            return false;
        }
        if SETTINGS.contains(&t.norm.as_str()) {
            let linked = i >= 2
                && matches!(
                    tokens[i - 1].norm.as_str(),
                    "following" | "after" | "during" | "at" | "the" | "of"
                );
            return linked && (i.saturating_sub(4)..i).any(is_cue);
        }
        words += usize::from(t.is_word());
    }
    false
}

/// Whether the event nearest before the date (or, failing that, after it) is
/// one of the fact's cues.
pub(super) fn date_cued(tokens: &[Token], toks: Range<usize>, cues: &[Vec<String>]) -> bool {
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    if setting_of_cue(tokens, &toks, &is_cue) {
        return true;
    }
    let back = (0..toks.start).rev();
    if let Some(cued) = first_event_is_cue(tokens, back, 14, &[";", "?", "!"], &is_cue) {
        return cued;
    }
    // a fronted date reaches the main verb whatever stands between
    let reach = if fronted_date(tokens, &toks) { 40 } else { 8 };
    let ahead = toks.end..tokens.len();
    first_event_is_cue(tokens, ahead, reach, &[";", ".", "?", "!"], &is_cue).unwrap_or(false)
}

/// Walking the tokens at `steps` for up to `reach` words and to the first
/// of `stops`: whether the first cue or event word met is a cue, if one is met.
fn first_event_is_cue(
    tokens: &[Token],
    steps: impl Iterator<Item = usize>,
    reach: usize,
    stops: &[&str],
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<bool> {
    let mut words = 0;
    for k in steps {
        if words >= reach || stops.contains(&tokens[k].norm.as_str()) {
            return None;
        }
        if is_cue(k) {
            return Some(true);
        }
        if is_event_word(&tokens[k].norm) {
            return Some(false);
        }
        words += usize::from(tokens[k].is_word());
    }
    None
}
