//! A subject named by its event: the subject's parties joined, in one
//! clause, by one of its event words. "Halvern will acquire Brightwave",
//! "Brightwave is to be bought by Halvern" and "Halvern and Brightwave
//! agreed to merge" name the takeover as surely as its name would; "Halvern
//! bought Norvale, a Brightwave rival" and "Halvern bought Brightwave
//! shares" do not, since the event's object is not the other party.

use std::ops::Range;

use super::attribution::{party_at, year_of, Mention, Owner, Reference, Terms};
use super::inflection::{self, inflects};
use super::structure::clause_of;
use super::tokens::Token;

/// How many words may stand between an event word and the party it takes
/// ("acquire its smaller rival Brightwave").
const BETWEEN: usize = 3;

/// Words that may not stand between an event word and its object party:
/// the object of "a stake in Brightwave" or "talks with Brightwave" is not
/// the party. ("bought by Halvern", "the purchase of Brightwave" and "buy
/// out Brightwave" pass.)
const NOT_BETWEEN: &[&str] = &[
    "in", "on", "at", "with", "from", "to", "for", "into", "after", "before", "against", "over",
    "than", "and", "or", "but", "a", "an",
];

/// Words of a preposition or clause after which a party has ended: it
/// heads the event's object ("buy Brightwave for $12.9 billion"), and is no
/// modifier of another noun ("buy Brightwave shares").
const AFTER_OBJECT: &[&str] = &[
    "for", "in", "on", "at", "by", "from", "with", "and", "or", "but", "to", "as", "after",
    "before", "last", "this", "next", "that", "which", "who", "when", "if", "while", "of", "early",
    "late", "later", "earlier", "would", "will", "was", "is", "has", "had", "could", "may",
    "might", "should", "must", "said", "says",
];

/// A party named in a sentence: its tokens and its group.
struct Named {
    tokens: Range<usize>,
    group: usize,
}

/// The mention of the subject that an event word joining its parties makes
/// in a sentence, if any: the first such event word.
pub fn event_mention(tokens: &[Token], terms: &Terms) -> Option<Mention> {
    if terms.events.is_empty() || terms.parties.len() < 2 {
        return None;
    }
    let named = parties_named(tokens, terms);
    if !(0..terms.parties.len()).all(|g| named.iter().any(|p| p.group == g)) {
        return None;
    }
    (0..tokens.len()).find_map(|e| {
        let len = terms
            .events
            .iter()
            .filter_map(|ev| event_at(tokens, e, ev))
            .max()?;
        let clause = clause_of(tokens, e)?;
        let joined = object_after(tokens, &named, e + len, &clause).is_some_and(|object| {
            named.iter().any(|p| {
                p.group != object.group && p.tokens.end <= e && clause.contains(&p.tokens.start)
            })
        }) || coordinated_before(tokens, &named, e);
        (joined && !another_year(tokens, &clause, terms.year)).then(|| Mention {
            tokens: e..e + len,
            owner: Owner::Subject,
            reference: Reference::Event,
        })
    })
}

/// Every party named in the sentence, in order.
fn parties_named(tokens: &[Token], terms: &Terms) -> Vec<Named> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match party_at(tokens, i, terms) {
            Some((group, len)) => {
                out.push(Named {
                    tokens: i..i + len,
                    group,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// How many tokens the event word sequence `words` takes at `i`, each word
/// in any of its regular forms.
fn event_at(tokens: &[Token], i: usize, words: &[String]) -> Option<usize> {
    let all = words
        .iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| inflects(t.base(), w)));
    (all && !words.is_empty()).then_some(words.len())
}

/// The party that is the object of the event word ending at `from`: within
/// [`BETWEEN`] words of it, past modifiers only ([`NOT_BETWEEN`]), in its clause,
/// and ending there (not a modifier of a noun after it).
fn object_after<'n>(
    tokens: &[Token],
    named: &'n [Named],
    from: usize,
    clause: &Range<usize>,
) -> Option<&'n Named> {
    let p = named
        .iter()
        .find(|p| p.tokens.start >= from && p.tokens.start <= from + BETWEEN)?;
    let between = &tokens[from..p.tokens.start];
    let plain = between
        .iter()
        .all(|t| t.is_word() && !t.is_possessive() && !NOT_BETWEEN.contains(&t.norm.as_str()));
    let last = &tokens[p.tokens.end - 1];
    let ends = !last.is_possessive()
        && tokens.get(p.tokens.end).is_none_or(|t| {
            !t.is_word() || AFTER_OBJECT.contains(&t.norm.as_str()) || is_past(&t.norm)
        });
    (plain && ends && p.tokens.end <= clause.end).then_some(p)
}

/// Whether a word is a verb's past form, which after a party is the next
/// clause's verb and no noun the party modifies ("… to acquire Brightwave
/// won approval", "… Brightwave ended").
fn is_past(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed")) || inflection::is_irregular_past(word)
}

/// Whether two parties joined by "and" stand right before the event word at
/// `e`, or up to [`BETWEEN`] words before it: "Halvern and Brightwave
/// agreed to merge".
fn coordinated_before(tokens: &[Token], named: &[Named], e: usize) -> bool {
    named.windows(2).any(|pair| {
        let (a, b) = (&pair[0], &pair[1]);
        a.group != b.group
            && b.tokens.start == a.tokens.end + 1
            && tokens[a.tokens.end].norm == "and"
            && b.tokens.end <= e
            && e - b.tokens.end <= BETWEEN
            && tokens[b.tokens.end..e].iter().all(Token::is_word)
    })
}

/// Whether the clause gives a year other than the subject's: "Halvern tried
/// to buy Brightwave in 2019" is another, earlier bid.
fn another_year(tokens: &[Token], clause: &Range<usize>, year: Option<i32>) -> bool {
    year.is_some_and(|ours| {
        tokens[clause.clone()]
            .iter()
            .filter_map(year_of)
            .any(|y| y != ours)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::tokens::tokenize;

    fn terms(events: &[&str]) -> Terms {
        let words = |s: &str| vec![s.to_lowercase()];
        Terms::new(
            Vec::new(),
            vec![vec![words("Halvern")], vec![words("Brightwave")]],
            vec!["takeover".to_owned()],
            Some(2031),
            Vec::new(),
        )
        .with_events(
            events
                .iter()
                .map(|e| e.split(' ').map(str::to_owned).collect())
                .collect(),
        )
    }

    fn named_by(text: &str, events: &[&str]) -> Option<String> {
        let tokens = tokenize(text, 0..text.len());
        event_mention(&tokens, &terms(events))
            .map(|m| tokens[m.tokens.start].range.start..tokens[m.tokens.end - 1].range.end)
            .map(|r| text[r].to_owned())
    }

    #[test]
    fn an_event_word_between_the_parties_names_the_subject() {
        let events = [
            "acquire",
            "buy",
            "bought",
            "take over",
            "took over",
            "merge",
        ];
        for (text, word) in [
            (
                "Halvern will acquire Brightwave for $12.9 billion.",
                "acquire",
            ),
            ("Halvern agreed to buy its smaller rival Brightwave.", "buy"),
            ("Brightwave is to be acquired by Halvern.", "acquired"),
            ("Halvern bought Brightwave last spring.", "bought"),
            ("Halvern took over Brightwave in March.", "took over"),
            ("Halvern and Brightwave agreed to merge.", "merge"),
            (
                "Halvern's plan to acquire Brightwave won approval.",
                "acquire",
            ),
        ] {
            assert_eq!(named_by(text, &events).as_deref(), Some(word), "{text}");
        }
    }

    #[test]
    fn an_event_of_another_object_names_nothing() {
        let events = ["acquire", "buy", "bought"];
        for text in [
            // the object is another company, a rival of the party
            "Halvern bought Norvale, a Brightwave rival.",
            // the party modifies the object
            "Halvern bought Brightwave shares on Monday.",
            "Halvern will acquire Brightwave's games unit.",
            // a party missing
            "Halvern will acquire Norvale.",
            // no event word
            "Halvern met Brightwave's founders.",
            // another year: an earlier bid
            "Halvern tried to buy Brightwave in 2019.",
            // the parties in another clause than the event
            "Halvern fell; analysts said Brightwave would buy Norvale.",
        ] {
            assert_eq!(named_by(text, &events), None, "{text}");
        }
    }

    #[test]
    fn a_subject_without_events_or_two_parties_is_never_named_so() {
        assert_eq!(named_by("Halvern will acquire Brightwave.", &[]), None);
        let text = "Halvern will acquire Brightwave.";
        let tokens = tokenize(text, 0..text.len());
        let one_party = Terms::new(
            Vec::new(),
            vec![vec![vec!["halvern".to_owned()]]],
            Vec::new(),
            None,
            Vec::new(),
        )
        .with_events(vec![vec!["acquire".to_owned()]]);
        assert_eq!(event_mention(&tokens, &one_party), None);
    }
}
