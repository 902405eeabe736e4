//! Shallow sentence structure, knowing nothing of facts: the words that
//! turn to another clause, start a new predicate, open a comparison aside
//! or report speech; the words that name events; quoted spans; a date
//! fronted before the main verb.

use std::ops::Range;

use super::tokens::Token;

/// Words that say a claim is reported speech.
pub fn is_reporting(word: &str) -> bool {
    // a match compiles to a switch on length and bytes: this runs per token
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "saying"
            | "claimed"
            | "claims"
            | "claiming"
            | "told"
            | "tells"
            | "according"
            | "alleged"
            | "alleges"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "asserted"
            | "asserts"
            | "stated"
            | "reported"
            | "suggested"
            | "suggests"
            | "suggest"
            | "contended"
            | "maintained"
            | "maintains"
            | "stressed"
            | "noted"
            | "added"
            | "wrote"
            | "believes"
            | "believe"
            | "believed"
            | "reportedly"
            | "allegedly"
            | "supposedly"
            | "purportedly"
            | "rumoured"
            | "rumored"
            | "quoted"
            | "announced"
            | "declared"
            | "boasted"
            | "describe"
            | "describes"
            | "described"
            | "characterise"
            | "characterises"
            | "characterised"
            | "characterize"
            | "characterizes"
            | "characterized"
            | "portray"
            | "portrays"
            | "portrayed"
    )
}

/// Words that name an event a date may belong to; the date belongs to the
/// nearest one, so "inauguration on January 20" is not a signing date.
pub fn is_event_word(word: &str) -> bool {
    // a match compiles to a switch on length and bytes: this runs per token
    matches!(
        word,
        "ratified"
            | "ratify"
            | "ratifies"
            | "ratification"
            | "approved"
            | "approve"
            | "approves"
            | "approval"
            | "inauguration"
            | "inaugurated"
            | "sworn"
            | "elected"
            | "election"
            | "entered"
            | "enters"
            | "entry"
            | "effect"
            | "force"
            | "published"
            | "announced"
            | "met"
            | "meeting"
            | "meet"
            | "summit"
            | "visit"
            | "visited"
            | "talks"
            | "began"
            | "begun"
            | "started"
            | "ended"
            | "expires"
            | "expire"
            | "expiry"
            | "attacked"
            | "attack"
            | "launched"
            | "born"
            | "died"
            | "vote"
            | "voted"
            | "passed"
            | "adopted"
            | "submitted"
            | "presented"
            | "introduced"
            | "unveiled"
            | "deposited"
            | "exchanged"
            | "drafted"
            | "negotiated"
            | "negotiations"
            | "said"
            | "told"
            | "reported"
            | "since"
            | "until"
    )
}

/// Words that may stand between a modifier and the noun it modifies.
pub const NOT_MODIFIER: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "is", "was", "are", "were", "has", "have", "had", "to",
    "in", "on", "for", "by", "with", "that", "which", "it", "its", "as", "at", "from", "than",
];

/// Words that open a comparison aside: "unlike …", "like …", "compared with …".
const ASIDE_OPENERS: &[&str] = &["unlike", "like", "compared", "besides", "than", "versus"];

/// Words that open a relative clause about the phrase before them.
const RELATIVES: &[&str] = &["which", "whose", "who", "where"];

/// The start of the comma-bounded comparison aside that token `i` stands in, if any.
pub fn aside_of(tokens: &[Token], i: usize) -> Option<usize> {
    let mut k = i.min(tokens.len());
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        // ", which …" belongs to the phrase before the comma, so a relative
        // clause inside an aside is still inside it
        let relative = t.norm == ","
            && tokens
                .get(k + 1)
                .is_some_and(|n| RELATIVES.contains(&n.norm.as_str()));
        // a hyphen inside a word ("mutual-defence") is no boundary; a spaced
        // dash is
        let spaced_dash = t.norm == "-"
            && (k == 0 || tokens[k - 1].range.end < t.range.start)
            && tokens
                .get(k + 1)
                .is_none_or(|n| t.range.end < n.range.start);
        if !relative && (matches!(t.norm.as_str(), "," | ";" | ":" | "(") || spaced_dash) {
            return None;
        }
        if ASIDE_OPENERS.contains(&t.norm.as_str()) && !verb_like(tokens, k) {
            return Some(k);
        }
    }
    None
}

/// Words before which "like" is a verb: "we would like to", "they like it".
const LIKE_SUBJECTS: &[&str] = &[
    "i", "we", "you", "they", "would", "i'd", "we'd", "they'd", "should", "not", "don't", "to",
    "might", "may",
];

/// Whether "like" at `k` is the verb ("I would like to stress …"), which
/// opens no comparison.
fn verb_like(tokens: &[Token], k: usize) -> bool {
    tokens[k].norm == "like"
        && (k
            .checked_sub(1)
            .is_some_and(|p| LIKE_SUBJECTS.contains(&tokens[p].norm.as_str()))
            || tokens.get(k + 1).is_some_and(|n| n.norm == "to"))
}

/// Text ranges between paired quotation marks.
pub fn quoted_spans(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for t in tokens {
        if t.norm == "\"" {
            match open.take() {
                Some(start) => out.push(start..t.range.end),
                None => open = Some(t.range.start),
            }
        }
    }
    out
}

/// Words that open a verb's object: after ", W" or "and W" they show W to
/// be a verb that starts a predicate of its own.
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "its", "their", "both", "each", "them", "it", "this", "these",
];

/// Whether a comma or "and" at `j` starts a new predicate: "cap costs at
/// $2,000 a year, limit the cost of insulin to $35".
pub fn new_predicate(tokens: &[Token], j: usize) -> bool {
    matches!(tokens[j].norm.as_str(), "," | "and")
        && tokens.get(j + 1).is_some_and(|w| {
            w.is_word() && !OBJECT_OPENERS.contains(&w.norm.as_str()) && !w.capitalized
        })
        && tokens
            .get(j + 2)
            .is_some_and(|o| OBJECT_OPENERS.contains(&o.norm.as_str()))
}

/// Words that turn to another clause, past which a cue is not the figure's.
pub const CLAUSE_TURNS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "which", "who", "unlike", "compared",
];

/// Words that may open a sentence before a date that modifies its main verb:
/// "On 17 January, …", "In early 2025, …".
const DATE_FRONTS: &[&str] = &[
    "on", "in", "by", "early", "mid", "late", "-", "the", "of", "around", "about", "since",
];

/// Whether the date at `toks` opens its sentence and is followed by a comma:
/// then it modifies the main verb, however long the subject before it.
pub fn fronted_date(tokens: &[Token], toks: &Range<usize>) -> bool {
    tokens[..toks.start]
        .iter()
        .all(|t| DATE_FRONTS.contains(&t.norm.as_str()))
        && tokens.get(toks.end).is_some_and(|t| t.norm == ",")
}
