//! Shallow sentence structure, knowing nothing of facts: the words that
//! turn to another clause, start a new predicate, open a comparison aside
//! or report speech; the words that name events; quoted spans; a date
//! fronted before the main verb.

use std::ops::Range;

use super::dates::MONTHS;
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
            | "withdrew"
            | "withdraw"
            | "withdraws"
            | "withdrawal"
            | "quit"
            | "exited"
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
        // a bracket closed before the token holds its own aside: "40 berths
        // (fewer than 50 ships) for 12 years" is outside it
        if tokens[k].norm == ")" {
            match bracket_opening(tokens, k) {
                Some(open) => {
                    k = open;
                    continue;
                }
                None => return None,
            }
        }
        let t = &tokens[k];
        // ", which …" belongs to the phrase before the comma, so a relative
        // clause inside an aside is still inside it
        let relative = t.norm == ","
            && tokens
                .get(k + 1)
                .is_some_and(|n| RELATIVES.contains(&n.norm.as_str()));
        // a hyphen inside a word ("mutual-defence") is no boundary; a spaced
        // dash is
        if !relative && (matches!(t.norm.as_str(), "," | ";" | ":" | "(") || spaced_dash(tokens, k))
        {
            return None;
        }
        if ASIDE_OPENERS.contains(&t.norm.as_str()) && !verb_like(tokens, k) {
            return Some(k);
        }
    }
    None
}

/// Whether token `k` is a dash with space on both sides (" – "), or at an
/// end of the tokens, not a compound's hyphen (dashes are folded to "-").
pub fn spaced_dash(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    t.norm == "-"
        && (k == 0 || tokens[k - 1].range.end < t.range.start)
        && tokens
            .get(k + 1)
            .is_none_or(|n| t.range.end < n.range.start)
}

/// The "(" that the ")" at token `close` closes: the nearest before it.
pub fn bracket_opening(tokens: &[Token], close: usize) -> Option<usize> {
    (0..close).rev().find(|&o| tokens[o].norm == "(")
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
    "on", "in", "by", "early", "mid", "late", "-", "the", "of", "around", "about", "since", "•",
    "*",
];

/// Whether the date at `toks` opens its sentence and is followed by a comma,
/// or a colon or dash as a timeline writes it ("2018: the US quit"): then it
/// modifies the main verb, however long the subject before it.
pub fn fronted_date(tokens: &[Token], toks: &Range<usize>) -> bool {
    tokens[..toks.start]
        .iter()
        .all(|t| DATE_FRONTS.contains(&t.norm.as_str()))
        && tokens
            .get(toks.end)
            .is_some_and(|t| matches!(t.norm.as_str(), "," | ":" | "-"))
}

/// Auxiliaries that make a clause a term (what will be, must be or may be)
/// rather than a report of how things stand or stood; "would", "could" and
/// "might" suppose or forecast, and are not among them.
const TERM_AUXILIARIES: &[&str] = &[
    "will", "shall", "must", "may", "can", "cannot", "won't", "can't", "shan't", "'ll",
];

/// Words that, followed by "to" or "for", make what follows a plan or a
/// forecast: "expected to close", "scheduled for", "set to expire".
const FORECASTS: &[&str] = &[
    "expected",
    "scheduled",
    "slated",
    "due",
    "set",
    "poised",
    "likely",
    "planned",
    "plans",
    "plan",
    "aims",
    "aim",
    "hopes",
    "hope",
    "intends",
    "intend",
    "targeted",
    "projected",
];

/// Words right before a date that make it a deadline, not the day of the
/// event: "close by 30 June", "sign before May". ("until" ends a period,
/// whose end is a date of its own: "valid until 2045".)
const DEADLINES: &[&str] = &["by", "before"];

/// Whether the figure or date at token `at` is planned or forecast rather
/// than reported: its clause has one of [`FORECASTS`] followed by "to" or
/// "for" before it ("is expected to close on 30 June"), or a deadline word
/// stands right before it ("by 30 June").
pub fn forecast(tokens: &[Token], at: usize) -> bool {
    let deadline = at
        .checked_sub(1)
        .is_some_and(|i| DEADLINES.contains(&tokens[i].norm.as_str()));
    let clause_start = clause_of(tokens, at).map_or(0, |r| r.start);
    let planned = (clause_start..at).any(|i| {
        FORECASTS.contains(&tokens[i].norm.as_str())
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.norm == "to" || t.norm == "for")
    });
    deadline || planned
}

/// Prepositions before a year that make it the time of its clause: "in
/// 2029", "during 2029"; a month before it does too ("March 2029"), where
/// "the 2001 treaty" is a name.
const YEAR_PREPOSITIONS: &[&str] = &["in", "during"];

/// Whether the clause that holds token `at` is dated to a year before
/// `year` ("awarded $5 million in 2029" for a subject of 2031), outside the
/// tokens `own` (the claim itself).
pub fn dated_before(tokens: &[Token], at: usize, own: &Range<usize>, year: i32) -> bool {
    let Some(clause) = clause_of(tokens, at) else {
        return false;
    };
    let opens_year = |t: &Token| {
        YEAR_PREPOSITIONS.contains(&t.norm.as_str())
            || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(&t.norm))
    };
    clause.filter(|k| !own.contains(k) && *k > 0).any(|k| {
        let t = &tokens[k];
        t.norm.len() == 4
            && t.norm.bytes().all(|b| b.is_ascii_digit())
            && t.norm
                .parse::<i32>()
                .is_ok_and(|y| (1900..year).contains(&y))
            && opens_year(&tokens[k - 1])
    })
}

/// Words that make a clause tell how things stand now, or guess, whatever
/// its auxiliary: "Norway can now berth 30 ships", "it will likely cost $9".
const STANDING: &[&str] = &[
    "now",
    "currently",
    "already",
    "today",
    "still",
    "likely",
    "probably",
    "perhaps",
];

/// Whether the clause that holds token `at` states a term: it has one of
/// [`TERM_AUXILIARIES`] and none of [`STANDING`] ("approximately $50 will go to ports", "buyers
/// won't pay more than $20"). A capitalised auxiliary does not count, as
/// "May" is more often the month and a question seldom states a figure.
pub fn states_term(tokens: &[Token], at: usize) -> bool {
    clause_of(tokens, at).is_some_and(|r| {
        // capitalised, "May" is the month and "Will" a name
        let words = &tokens[r];
        words
            .iter()
            .any(|t| !t.capitalized && TERM_AUXILIARIES.contains(&t.norm.as_str()))
            && !words.iter().any(|t| STANDING.contains(&t.norm.as_str()))
    })
}

/// Whether a token starts another clause, across which a claim is not tied
/// to a mention: a semicolon or a contrast ("…, although the deal sets …").
pub fn breaks_clause(t: &Token) -> bool {
    matches!(
        t.norm.as_str(),
        ";" | "although" | "though" | "whereas" | "while"
    )
}

/// Whether token `j` turns to another clause or predicate, past which a cue
/// after a figure is not the figure's: "…, which …", "…, limit the cost".
pub fn turns_clause(tokens: &[Token], j: usize) -> bool {
    CLAUSE_TURNS.contains(&tokens[j].norm.as_str()) || new_predicate(tokens, j)
}

/// How a clause of [`clauses`] begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// The sentence's first clause.
    Start,
    /// At a [`breaks_clause`] token: mentions do not reach across it.
    Break,
    /// At a [`turns_clause`] token: a figure's cue does not reach across it.
    Turn,
}

/// A sentence's clauses as token ranges, each with how it opens, split at
/// the boundaries [`breaks_clause`] and [`turns_clause`] mark.
pub fn clauses(tokens: &[Token]) -> Vec<(Opening, Range<usize>)> {
    let mut out: Vec<(Opening, Range<usize>)> = Vec::new();
    let mut start = (Opening::Start, 0);
    for j in 0..tokens.len() {
        let opening = if breaks_clause(&tokens[j]) {
            Opening::Break
        } else if turns_clause(tokens, j) {
            Opening::Turn
        } else {
            continue;
        };
        if j > start.1 {
            out.push((start.0, start.1..j));
            start = (opening, j);
        }
    }
    if start.1 < tokens.len() {
        out.push((start.0, start.1..tokens.len()));
    }
    out
}

/// The token range of the clause ([`clauses`]) that holds token `at`.
pub fn clause_of(tokens: &[Token], at: usize) -> Option<Range<usize>> {
    clauses(tokens)
        .into_iter()
        .map(|(_, r)| r)
        .find(|r| r.contains(&at))
}

/// Words that end a conjunct of a list of noun phrases: prepositions,
/// auxiliaries and clause words.
const CONJUNCT_ENDS: &[&str] = &[
    "on", "for", "to", "in", "with", "of", "by", "at", "from", "into", "under", "over", "as",
    "than", "that", "which", "who", "is", "was", "are", "were", "will", "would", "has", "have",
    "had", "also", "could", "can", "may", "while", "but",
];

/// The conjuncts of the list of noun phrases that the cue at token `at`
/// stands in ("climate change, drug prices and the deficit"), each as
/// whether it holds a cue; `None` when the cue stands in no list joined by
/// "and" or "or". A conjunct is at most four words: a longer run is a
/// clause, and then there is no list to speak of.
pub fn list_around(
    tokens: &[Token],
    at: usize,
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<Vec<bool>> {
    let is_sep = |k: usize| matches!(tokens[k].norm.as_str(), "," | "and" | "or");
    // a figure is no word of a conjunct: "last 20 years and covers …"
    let word = |k: usize| {
        tokens[k].is_word()
            && !tokens[k].norm.starts_with(|c: char| c.is_ascii_digit())
            && !is_sep(k)
            && !CONJUNCT_ENDS.contains(&tokens[k].norm.as_str())
    };
    let mut start = at;
    while start > 0 && word(start - 1) && at - start < 3 {
        start -= 1;
    }
    let mut end = at + 1;
    while end < tokens.len() && word(end) && end - start < 4 {
        end += 1;
    }
    let mut conjuncts = vec![true];
    let mut joined = false;
    // rightwards: ", drug prices and the deficit"
    let mut k = end;
    while k < tokens.len() && is_sep(k) {
        joined |= tokens[k].norm != ",";
        while k < tokens.len() && is_sep(k) {
            k += 1;
        }
        let from = k;
        while k < tokens.len() && word(k) && k - from < 5 {
            k += 1;
        }
        let closed = k == tokens.len()
            || is_sep(k)
            || matches!(
                tokens[k].norm.as_str(),
                "." | "," | ";" | ":" | ")" | "(" | "?" | "!"
            )
            || CONJUNCT_ENDS.contains(&tokens[k].norm.as_str());
        if k == from || !closed || !noun_phrase(&tokens[from..k]) {
            return None;
        }
        // "climate change and its effects": the same item again
        conjuncts.push((from..k).any(is_cue) || refers_back(&tokens[from]));
    }
    // leftwards: "inflation and the climate crisis"
    let mut k = start;
    while k > 0 && is_sep(k - 1) {
        joined |= tokens[k - 1].norm != ",";
        while k > 0 && is_sep(k - 1) {
            k -= 1;
        }
        let to = k;
        while k > 0 && word(k - 1) && to - k < 4 {
            k -= 1;
        }
        if k == to || !noun_phrase(&tokens[k..to]) {
            return None;
        }
        conjuncts.push((k..to).any(is_cue));
    }
    (joined && conjuncts.len() > 1).then_some(conjuncts)
}

/// Whether a conjunct opens with a possessive that refers to the one
/// before it: "climate change and its effects".
fn refers_back(first: &Token) -> bool {
    matches!(first.norm.as_str(), "its" | "their")
}

/// Whether the word at `at` takes the figure starting at token `figure`
/// itself, with at most a preposition or two between: "runs for 20 years",
/// "caps insulin at $35". Then it is the figure's, whatever it is joined to.
pub fn governs(tokens: &[Token], at: usize, figure: usize) -> bool {
    figure > at
        && figure - at <= 3
        && tokens[at + 1..figure]
            .iter()
            .all(|t| !t.is_word() || CONJUNCT_ENDS.contains(&t.norm.as_str()))
}

/// Determiners, which open a noun phrase and never stand inside one.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "your",
];

/// Whether words may be one noun phrase: a determiner only first ("adds a
/// new" is a verb and its object, not a conjunct).
fn noun_phrase(words: &[Token]) -> bool {
    // "reducing the deficit": a gerund takes its object
    let gerund = words
        .first()
        .is_some_and(|t| t.norm.len() > 5 && t.norm.ends_with("ing"));
    gerund
        || words
            .iter()
            .skip(1)
            .all(|t| !DETERMINERS.contains(&t.norm.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `test` of the tokens of `text` at the first token that reads `word`.
    fn at_word(text: &str, word: &str, test: impl Fn(&[Token], usize) -> bool) -> bool {
        let tokens = crate::reader::tokens::tokenize(text, 0..text.len());
        let at = tokens
            .iter()
            .position(|t| t.norm == word)
            .expect("the word");
        test(&tokens, at)
    }

    #[test]
    fn a_clause_with_an_earlier_year_is_dated_before() {
        let before = |text: &str, word: &str| {
            at_word(text, word, |tokens, at| {
                dated_before(tokens, at, &(at..at + 1), 2031)
            })
        };
        assert!(before("The board paid $40 for the quay in 2029.", "40"));
        assert!(!before("The board paid $40 for the quay in 2032.", "40"));
        assert!(!before("The board paid $40 for the quay.", "40"));
        // the year of another clause
        assert!(!before(
            "In 2029 it was built; the board paid $40 for the quay.",
            "40"
        ));
        // the claim's own number is no year of the clause, nor a year that
        // names another thing
        assert!(!before("The board paid 2030 for the quay.", "2030"));
        assert!(!before("The 2029 plan paid $40 for the quay.", "40"));
        assert!(before("By March 2029 the board paid $40.", "40"));
    }

    #[test]
    fn a_plan_or_a_deadline_is_a_forecast() {
        let forecast_at = |text: &str, word: &str| at_word(text, word, forecast);
        assert!(forecast_at("The sale is expected to close on 4 June.", "4"));
        assert!(forecast_at("The quay is scheduled for 9 May.", "9"));
        assert!(forecast_at("The sale should close by 30 June.", "30"));
        assert!(forecast_at("Works must end before 2040.", "2040"));
        // reported, or a plan in another clause
        assert!(!forecast_at("The sale closed on 4 June.", "4"));
        assert!(!forecast_at(
            "It was expected to slip; the sale closed on 4 June.",
            "4"
        ));
        // "set" and "due" without "to" or "for" plan nothing
        assert!(!forecast_at("The board set terms on 4 June.", "4"));
    }

    #[test]
    fn a_clause_with_a_term_auxiliary_states_a_term() {
        let term = |text: &str, word: &str| at_word(text, word, states_term);
        assert!(term("About $40 will go to the quay.", "40"));
        assert!(term("Pilots won't pay more than $12 a day.", "12"));
        assert!(term("Each berth must hold at least 30 boats.", "30"));
        assert!(term("Ferries may carry up to 200 riders.", "200"));
        // supposed, forecast, or how things stand
        assert!(!term("About $40 could go to the quay.", "40"));
        assert!(!term("Pilots paid $12 a day.", "12"));
        assert!(!term("Each berth can now hold 30 boats.", "30"));
        assert!(!term("The quay will likely cost $40.", "40"));
        // "May" is the month
        assert!(!term("By May, 30 boats had docked.", "30"));
        // the auxiliary must stand in the figure's own clause
        assert!(!term("Ships will dock; pilots paid $12 a day.", "12"));
    }
    use crate::reader::tokens::tokenize;

    /// Each clause's words as text, with how it opens.
    fn split(text: &str) -> Vec<(Opening, String)> {
        let tokens = tokenize(text, 0..text.len());
        clauses(&tokens)
            .into_iter()
            .map(|(o, r)| {
                let (a, b) = (tokens[r.start].range.start, tokens[r.end - 1].range.end);
                (o, text[a..b].to_owned())
            })
            .collect()
    }

    #[test]
    fn clauses_break_at_contrasts_and_semicolons() {
        assert_eq!(
            split("The harbour deal was signed in May, although the vote came later."),
            // the comma before a word and an object opener is also a turn
            vec![
                (
                    Opening::Start,
                    "The harbour deal was signed in May".to_owned()
                ),
                (Opening::Turn, ",".to_owned()),
                (Opening::Break, "although the vote came later.".to_owned()),
            ]
        );
        assert_eq!(
            split("The levy rose; the fee fell."),
            vec![
                (Opening::Start, "The levy rose".to_owned()),
                (Opening::Break, "; the fee fell.".to_owned()),
            ]
        );
    }

    #[test]
    fn clauses_turn_at_relatives_and_new_predicates() {
        assert_eq!(
            split("The plan caps fares at $3, limit the fees to $1."),
            vec![
                (Opening::Start, "The plan caps fares at $3".to_owned()),
                (Opening::Turn, ", limit the fees to $1.".to_owned()),
            ]
        );
        let relative = split("The lease, which ran for ten years, ended.");
        assert_eq!(relative[1].0, Opening::Turn);
        assert!(relative[1].1.starts_with("which"), "{relative:?}");
        // a sentence with no boundary is one clause; no tokens, no clause
        assert_eq!(split("The bridge opened.").len(), 1);
        assert!(split("").is_empty());
    }

    #[test]
    fn coordinated_nouns_do_not_start_a_predicate() {
        // "and the" after a noun phrase coordinates objects; only a verb
        // before an object opener starts a predicate of its own
        let text = "It funds roads and the rail link.";
        let tokens = tokenize(text, 0..text.len());
        assert!((0..tokens.len()).all(|j| !new_predicate(&tokens, j)));
        let text = "It funds roads and builds the rail link.";
        let tokens = tokenize(text, 0..text.len());
        assert!((0..tokens.len()).any(|j| new_predicate(&tokens, j)));
    }

    #[test]
    fn asides_open_at_comparisons_but_not_at_the_verb_like() {
        let text = "Unlike the old ferry, which sank, the bridge stands.";
        let tokens = tokenize(text, 0..text.len());
        let sank = tokens.iter().position(|t| t.norm == "sank").unwrap();
        assert_eq!(aside_of(&tokens, sank), Some(0));
        let stands = tokens.iter().position(|t| t.norm == "stands").unwrap();
        assert_eq!(aside_of(&tokens, stands), None);
        let text = "We would like to see the bridge.";
        let tokens = tokenize(text, 0..text.len());
        assert_eq!(aside_of(&tokens, tokens.len() - 2), None);
    }

    #[test]
    fn quotes_pair_up_and_dates_are_fronted() {
        let text = "The mayor called it \"a gift\" and left.";
        let tokens = tokenize(text, 0..text.len());
        let quoted = quoted_spans(&tokens);
        assert_eq!(quoted.len(), 1);
        assert_eq!(&text[quoted[0].clone()], "\"a gift\"");
        let text = "On 3 May, the long-serving mayor of the port city opened it.";
        let tokens = tokenize(text, 0..text.len());
        assert!(fronted_date(&tokens, &(1..3)));
        assert!(!fronted_date(&tokens, &(6..8)));
        // a timeline's entry: the year, a colon, what happened
        let text = "• 2019: the harbour board sold the ferry.";
        let tokens = tokenize(text, 0..text.len());
        assert!(fronted_date(&tokens, &(1..2)));
        let text = "By 2019 the board had sold it: all of it.";
        let tokens = tokenize(text, 0..text.len());
        assert!(!fronted_date(&tokens, &(1..2)));
    }

    #[test]
    fn reporting_and_event_words() {
        assert!(is_reporting("said") && is_reporting("reportedly"));
        assert!(!is_reporting("signed"));
        assert!(is_event_word("ratified") && is_event_word("summit"));
        assert!(!is_event_word("bridge"));
    }

    #[test]
    fn lists_of_noun_phrases_around_a_word() {
        let items = |text: &str, word: &str| {
            let tokens = tokenize(text, 0..text.len());
            let at = tokens.iter().position(|t| t.norm == word).unwrap();
            list_around(&tokens, at, &|k: usize| tokens[k].norm == word)
        };
        assert_eq!(
            items("money for dunes, piers and the old harbour wall.", "dunes"),
            Some(vec![true, false, false])
        );
        assert_eq!(
            items("money for dune work and its upkeep.", "dune"),
            Some(vec![true, true])
        );
        // a verb and its object after "and" is no item of a list
        assert_eq!(items("it mends dunes and adds a new pier.", "dunes"), None);
        let tokens = tokenize("it runs for 20 years", 0..20);
        assert!(governs(&tokens, 1, 3));
        assert!(!governs(&tokens, 0, 3));
    }
}
