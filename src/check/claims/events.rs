//! Which event a figure or date belongs to: a fact's cues are the events it
//! is about ("signed", "term"), and a claim counts when its nearest event,
//! in its clause, is one of them.

use std::ops::Range;

pub(super) use crate::reader::inflection::inflects;
use crate::reader::inflection::may_inflect;
use crate::reader::structure::{
    bracket_opening, fronted_date, governs, is_event_word, list_around, spaced_dash, turns_clause,
    NOT_MODIFIER,
};
use crate::reader::tokens::Token;

/// Whether one of `cues` follows token index `end`, right after it or past
/// up to two modifiers: "a 20-year term", "a 20-year strategic framework".
pub(super) fn cue_follows(tokens: &[Token], end: usize, cues: &[Vec<String>]) -> bool {
    cue_following(tokens, end, cues).is_some()
}

/// The token index of the cue [`cue_follows`] finds.
pub(super) fn cue_following(tokens: &[Token], end: usize, cues: &[Vec<String>]) -> Option<usize> {
    let mut k = end;
    // past a conversion in brackets: "the 250-kilogram (550-pound) cap"
    if tokens.get(k).is_some_and(|t| t.norm == "(") {
        let close = (k..tokens.len().min(k + 8)).find(|&c| tokens[c].norm == ")")?;
        k = close + 1;
    }
    for _ in 0..3 {
        if cues.iter().any(|c| cue_at(tokens, k, c)) {
            return Some(k);
        }
        match tokens.get(k) {
            Some(t) if t.is_word() && !NOT_MODIFIER.contains(&t.norm.as_str()) => k += 1,
            _ => return None,
        }
    }
    None
}

pub(super) fn cue_at(tokens: &[Token], i: usize, cue: &[String]) -> bool {
    cue.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| inflects(t.base(), w)))
}

/// How many words from the figure at `toks` the nearest of `cues` stands
/// in its clause (up to eight words before it, twelve after), if any, and
/// the cue's token index.
pub(super) fn cue_distance(
    tokens: &[Token],
    toks: Range<usize>,
    cues: &[Vec<String>],
) -> Option<(usize, usize)> {
    // a full stop inside a sentence closes an abbreviation: "the U.S. Senate"
    let stop = |t: &Token| matches!(t.norm.as_str(), ";" | "?" | "!");
    let is_cue = |i: usize| {
        // the token's first letter, found once for all the cues
        let lead = tokens[i].base().as_bytes().first().copied();
        cues.iter()
            .any(|c| c.first().is_none_or(|w| may_inflect(lead, w)) && cue_at(tokens, i, c))
    };
    let mut best: Option<(usize, usize)> = None;
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 12 {
        i -= 1;
        if stop(&tokens[i]) {
            break;
        }
        // a bracket closed before the figure is no distance: "40 berths
        // (a third of the quay) for 12 years"
        if tokens[i].norm == ")" {
            if let Some(open) = bracket_opening(tokens, i) {
                i = open;
                continue;
            }
        }
        words += usize::from(tokens[i].is_word());
        if is_cue(i) {
            best = Some((words, i));
            break;
        }
    }
    let mut j = toks.end;
    words = 0;
    // a figure that is its clause's subject reaches through its predicate:
    // "$369 billion will be directed towards … renewable energy"
    let reach = if heads_predicate(tokens, toks.end) {
        24
    } else {
        12
    };
    // a restrictive "who" clause is part of the phrase after the figure:
    // "$900 to owners who replace a gas boiler"
    let restrictive = |j: usize| tokens[j].norm == "who" && j > 0 && tokens[j - 1].norm != ",";
    while j < tokens.len() && words < reach && best.is_none_or(|(b, _)| words < b) {
        if stop(&tokens[j]) || (turns_clause(tokens, j) && !restrictive(j)) {
            break;
        }
        words += usize::from(tokens[j].is_word());
        if is_cue(j) {
            best = Some((words, j));
            break;
        }
        j += 1;
    }
    best
}

/// The nearest of `cues` anywhere in the sentence, as [`cue_distance`]
/// gives it: how many tokens from the figure at `toks`, and its index.
pub(super) fn cue_in_sentence(
    tokens: &[Token],
    toks: &Range<usize>,
    cues: &[Vec<String>],
) -> Option<(usize, usize)> {
    (0..tokens.len())
        .filter(|&i| !toks.contains(&i) && cues.iter().any(|c| cue_at(tokens, i, c)))
        .map(|i| (i.abs_diff(toks.start), i))
        .min()
}

/// Whether an auxiliary or modal verb follows the figure ending at token
/// `end`, past a comma: the figure is the subject of its clause.
fn heads_predicate(tokens: &[Token], end: usize) -> bool {
    let mut k = end;
    if tokens.get(k).is_some_and(|t| t.norm == ",") {
        k += 1;
    }
    tokens.get(k).is_some_and(|t| {
        matches!(
            t.norm.as_str(),
            "will"
                | "would"
                | "is"
                | "was"
                | "are"
                | "were"
                | "can"
                | "could"
                | "must"
                | "shall"
                | "should"
                | "goes"
                | "went"
        )
    })
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

/// The cue event whose setting the date at `toks` is, as a token index:
/// "signed following talks between the presidents on 17 January".
fn setting_of_cue(
    tokens: &[Token],
    toks: &Range<usize>,
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let mut i = toks.start;
    let mut words = 0;
    while i > 0 && words < 10 {
        i -= 1;
        let t = &tokens[i];
        if matches!(t.norm.as_str(), "," | ";" | "." | ":") {
            return None;
        }
        if SETTINGS.contains(&t.norm.as_str()) {
            let linked = i >= 2
                && matches!(
                    tokens[i - 1].norm.as_str(),
                    "following" | "after" | "during" | "at" | "the" | "of"
                );
            return (i.saturating_sub(4)..i).find(|&k| linked && is_cue(k));
        }
        words += usize::from(t.is_word());
    }
    None
}

/// The event a date belongs to, as a token index and whether it is one of
/// the fact's cues: the cue event whose setting it is, else the event
/// nearest before it, else the nearest after it.
pub(super) fn date_event(
    tokens: &[Token],
    toks: Range<usize>,
    cues: &[Vec<String>],
) -> Option<(usize, bool)> {
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    if let Some(cue) = setting_of_cue(tokens, &toks, &is_cue) {
        return Some((cue, true));
    }
    // "until 2018, when the US pulled out": the when-clause tells what
    // happened at the date
    if let Some(event) = when_clause_event(tokens, &toks, &is_cue) {
        return Some(event);
    }
    // "which opened in 1971", "had warned in 2019 that …": a past
    // participle right before the date's preposition is its event, listed
    // or not
    if let Some(at) = participle_before(tokens, toks.start) {
        return Some((at, is_cue(at)));
    }
    let back = back_past_asides(tokens, toks.start);
    if let Some(event) = first_event_is_cue(tokens, back, 14, &[";", "?", "!"], &is_cue) {
        return Some(event);
    }
    // a full stop inside a sentence closes an abbreviation ("the U.S.
    // Senate"), and the sentence's own ends the walk anyway
    if fronted_date(tokens, &toks) {
        // a fronted date reaches the main verb whatever stands between, past
        // an adjunct of another time ("On 16 May, after the vote in the
        // Senate, the president signed"), but not into a relative clause
        // with a time of its own ("…, under the deal which was signed in 2015")
        let ahead = past_time_adjunct(tokens, toks.end)..tokens.len();
        return first_event_is_cue(tokens, ahead, 40, FRONTED_STOPS, &is_cue);
    }
    let ahead = toks.end..tokens.len();
    first_event_is_cue(tokens, ahead, 8, &[";", "?", "!"], &is_cue)
}

/// Prepositions that join a verb to its date: "opened in 1971".
const DATE_PREPOSITIONS: &[&str] = &["in", "on", "during", "at"];

/// Words of more than four letters ending in "ed" that are no verbs.
const NOT_PARTICIPLES: &[&str] = &["indeed", "hundred", "embed", "ashamed"];

/// The past participle ("opened", "warned") right before the preposition
/// of a date starting at token `start`, as a token index.
fn participle_before(tokens: &[Token], start: usize) -> Option<usize> {
    let prep = start.checked_sub(1)?;
    let verb = prep.checked_sub(1)?;
    let t = &tokens[verb];
    let participle = t.is_word()
        && !t.capitalized
        && t.norm.len() > 4
        && t.norm.ends_with("ed")
        && !NOT_PARTICIPLES.contains(&t.norm.as_str());
    (participle && DATE_PREPOSITIONS.contains(&tokens[prep].norm.as_str())).then_some(verb)
}

/// The tokens before `start`, nearest first, past any aside closed between
/// them and `start`: in "left the accord – first signed in 2021 –
/// last May" the aside's verb is not the date's event.
fn back_past_asides(tokens: &[Token], start: usize) -> impl Iterator<Item = usize> + '_ {
    let mut k = start;
    std::iter::from_fn(move || {
        if k == 0 {
            return None;
        }
        k -= 1;
        let open = if tokens[k].norm == ")" {
            bracket_opening(tokens, k)
        } else if spaced_dash(tokens, k) {
            (0..k).rev().find(|&i| spaced_dash(tokens, i))
        } else {
            None
        };
        if let Some(open) = open {
            // the token before the aside, or none
            if open == 0 {
                return None;
            }
            k = open - 1;
        }
        Some(k)
    })
}

/// Where the walk from a fronted date to its main verb ends.
const FRONTED_STOPS: &[&str] = &[";", "?", "!", "which", "who", "whom", "whose"];

/// Words opening an adjunct of another time than the date before it.
const TIME_ADJUNCTS: &[&str] = &["after", "before", "following", "since", "ahead", "prior"];

/// The token after "…, following X," when `comma` (the token after a
/// fronted date) opens such an adjunct; else `comma` itself.
fn past_time_adjunct(tokens: &[Token], comma: usize) -> usize {
    let opens = tokens.get(comma).is_some_and(|t| t.norm == ",")
        && tokens
            .get(comma + 1)
            .is_some_and(|t| TIME_ADJUNCTS.contains(&t.norm.as_str()));
    if !opens {
        return comma;
    }
    (comma + 2..tokens.len())
        .find(|&k| tokens[k].norm == ",")
        .map_or(comma, |k| k + 1)
}

/// The event of a "when" clause right after the date at `toks` ("in 2018,
/// when Washington quit the deal"), if it has one.
fn when_clause_event(
    tokens: &[Token],
    toks: &Range<usize>,
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<(usize, bool)> {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    if word(toks.end) != "," || word(toks.end + 1) != "when" {
        return None;
    }
    let clause = toks.end + 2..tokens.len();
    first_event_is_cue(tokens, clause, 14, &[",", ";", "?", "!"], is_cue)
}

/// Walking the tokens at `steps` for up to `reach` words and to the first
/// of `stops`: the first cue or event word met, and whether it is a cue.
fn first_event_is_cue(
    tokens: &[Token],
    steps: impl Iterator<Item = usize>,
    reach: usize,
    stops: &[&str],
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<(usize, bool)> {
    let mut words = 0;
    for k in steps {
        if words >= reach || stops.contains(&tokens[k].norm.as_str()) {
            return None;
        }
        if is_cue(k) {
            return Some((k, true));
        }
        if is_event_word(&tokens[k].norm) {
            return Some((k, acted_by_cue(tokens, k, is_cue)));
        }
        words += usize::from(tokens[k].is_word());
    }
    None
}

/// Whether the event word at `k` is done by one of the fact's cues, a
/// noun right before it, past a modifier or an abbreviation's full stop:
/// "the U.S. Senate passed", "the Senate voted", "the tie-breaking vote".
fn acted_by_cue(tokens: &[Token], k: usize, is_cue: &dyn Fn(usize) -> bool) -> bool {
    let mut words = 0;
    let mut i = k;
    while i > 0 && words < 2 {
        i -= 1;
        let t = &tokens[i];
        if t.norm == "." {
            continue;
        }
        if !t.is_word() || NOT_MODIFIER.contains(&t.norm.as_str()) || is_event_word(&t.norm) {
            return false;
        }
        if is_cue(i) {
            return true;
        }
        words += 1;
    }
    false
}

/// Whether the fact's cue at token `at`, the one nearest the figure
/// starting at token `figure`, is one item of a list whose other items are
/// none of the fact's ("$750 billion for climate, drug prices and the
/// deficit"): the figure is a total of several things.
pub(super) fn cue_among_other_things(
    tokens: &[Token],
    at: usize,
    figure: usize,
    cues: &[Vec<String>],
) -> bool {
    if governs(tokens, at, figure) {
        return false;
    }
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    list_around(tokens, at, &is_cue).is_some_and(|items| items.iter().any(|&cued| !cued))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::tokens::tokenize;

    fn cues(words: &[&str]) -> Vec<Vec<String>> {
        words.iter().map(|w| vec![(*w).to_owned()]).collect()
    }

    /// The event word `date_event` finds for the date at `date`, and
    /// whether it is a cue.
    fn event(text: &str, date: &str, cue_words: &[&str]) -> Option<(String, bool)> {
        let tokens = tokenize(text, 0..text.len());
        let start = text.find(date).unwrap();
        let range = crate::reader::tokens::covering(&tokens, &(start..start + date.len()));
        let (at, cue) = date_event(&tokens, range.unwrap(), &cues(cue_words))?;
        Some((tokens[at].norm.to_string(), cue))
    }

    /// Whether "4 March" in `text` is found to be the date of "signed".
    fn signed_on_4_march(text: &str) -> bool {
        event(text, "4 March", &["sign"]) == Some(("signed".to_owned(), true))
    }

    #[test]
    fn a_date_belongs_to_the_nearest_event() {
        let text = "The accord was signed on 4 March, and ratified on 9 June.";
        assert!(signed_on_4_march(text), "{text}");
        assert_eq!(
            event(text, "9 June", &["sign"]),
            Some(("ratified".to_owned(), false))
        );
    }

    #[test]
    fn a_participle_before_the_dates_preposition_is_its_event() {
        let text = "The quay, which opened in 1971, was signed over on 4 March.";
        assert_eq!(
            event(text, "1971", &["sign"]),
            Some(("opened".to_owned(), false))
        );
        let text = "Engineers had warned in 2019 that the accord could be signed.";
        assert_eq!(
            event(text, "2019", &["sign"]),
            Some(("warned".to_owned(), false))
        );
        // a cue stays the cue; a capitalised word or "hundred" is no verb
        assert!(signed_on_4_march("The accord, signed on 4 March, holds."));
        let text = "A hundred in 2019 signed the accord.";
        assert_ne!(
            event(text, "2019", &["sign"]),
            Some(("hundred".to_owned(), false))
        );
    }

    #[test]
    fn a_fronted_date_reaches_the_main_verb() {
        let text = "On 4 March, the harbour authority and the two port unions \
            of the northern coast finally signed the accord.";
        assert!(signed_on_4_march(text), "{text}");
    }

    #[test]
    fn a_setting_event_gives_its_date_to_the_cue() {
        let text = "The accord was signed following talks between the mayors on 4 March.";
        assert!(signed_on_4_march(text), "{text}");
        assert_eq!(event("Rain fell on 4 March.", "4 March", &["sign"]), None);
    }

    #[test]
    fn cues_match_inflections_and_follow_compounds() {
        assert!(inflects("signed", "sign") && inflects("signing", "sign"));
        assert!(inflects("ratified", "ratified") && !inflects("signal", "sign"));
        let text = "a 20-year lease term";
        let tokens = tokenize(text, 0..text.len());
        let end = tokens.iter().position(|t| t.norm == "lease").unwrap();
        assert_eq!(cue_following(&tokens, end, &cues(&["term"])), Some(end + 1));
        assert_eq!(cue_following(&tokens, end, &cues(&["length"])), None);
    }

    #[test]
    fn cue_distance_stops_at_a_turn_of_clause() {
        let text = "It lasts 20 years, which is the term.";
        let tokens = tokenize(text, 0..text.len());
        let at = tokens.iter().position(|t| t.norm == "20").unwrap();
        assert_eq!(cue_distance(&tokens, at..at + 2, &cues(&["term"])), None);
        assert_eq!(
            cue_distance(&tokens, at..at + 2, &cues(&["last"])).map(|(w, _)| w),
            Some(1)
        );
    }

    #[test]
    fn a_figure_that_heads_its_clause_reaches_through_the_predicate() {
        let far = "Some 40 million, will be spent over the coming decade on new roads, bridges and the long harbour wall.";
        let tokens = tokenize(far, 0..far.len());
        let at = tokens.iter().position(|t| t.norm == "40").unwrap();
        assert!(cue_distance(&tokens, at..at + 2, &cues(&["wall"])).is_some());
        // the same words with no verb after the figure stay out of reach
        let object = "They gave 40 million to a fund spent over the coming decade on new roads, bridges and the long harbour wall.";
        let tokens = tokenize(object, 0..object.len());
        let at = tokens.iter().position(|t| t.norm == "40").unwrap();
        assert_eq!(cue_distance(&tokens, at..at + 2, &cues(&["wall"])), None);
    }
}
