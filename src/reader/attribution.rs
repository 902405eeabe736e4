//! Whose claim it is: mentions of a subject (its names, its aliases qualified
//! by its parties, pronouns) and of other subjects (an alias qualified by
//! another party, another year or another named instrument).

use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::gazetteer;
use super::normalize;
use super::tokens::Token;
use super::wordset::WordSet;

/// The words that identify one subject, normalised.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Names that identify the subject on their own.
    pub names: Vec<Vec<String>>,
    /// Each party's names.
    pub parties: Vec<Vec<Vec<String>>>,
    /// Common nouns for the subject, singular.
    pub aliases: Vec<String>,
    pub year: Option<i32>,
    /// Names of other subjects.
    pub distinct_from: Vec<Vec<String>>,
    /// First words of every name, party name and other subject's name: most
    /// tokens start none, and one lookup says so.
    first_words: WordSet,
    /// Words of names, parties and aliases that a rule writes in capitals
    /// ("IRA"), normalised: they match only a word written in capitals.
    acronyms: FxHashSet<String>,
    /// Only names make a draft about the subject (`match: names`).
    pub names_only: bool,
    /// Words for the subject's own event, each in every written form:
    /// between its parties they name it ([`super::event_naming`]).
    pub events: Vec<Vec<String>>,
}

impl Terms {
    pub fn new(
        names: Vec<Vec<String>>,
        parties: Vec<Vec<Vec<String>>>,
        aliases: Vec<String>,
        year: Option<i32>,
        distinct_from: Vec<Vec<String>>,
    ) -> Terms {
        let first_words = names
            .iter()
            .chain(&distinct_from)
            .chain(parties.iter().flatten())
            .filter_map(|n| n.first().cloned())
            .collect();
        Terms {
            names,
            parties,
            aliases,
            year,
            distinct_from,
            first_words,
            acronyms: FxHashSet::default(),
            names_only: false,
            events: Vec::new(),
        }
    }

    /// The same terms, with `events` ([`Terms::events`]).
    pub fn with_events(mut self, events: Vec<Vec<String>>) -> Terms {
        self.events = events;
        self
    }

    /// The same terms, with only names making a draft about the subject.
    pub fn names_only(mut self, only: bool) -> Terms {
        self.names_only = only;
        self
    }

    /// The same terms, with `words` (normalised) matched as acronyms.
    pub fn with_acronyms(mut self, words: impl IntoIterator<Item = String>) -> Terms {
        self.acronyms.extend(words);
        self
    }

    /// Whether token `t`, whose normalised form is `word`, is written as the
    /// rule writes it: an acronym only in capitals ("IRA", not "ira").
    pub fn case_fits(&self, t: &Token, word: &str) -> bool {
        !self.acronyms.contains(word) || in_capitals(t.original_word())
    }

    /// How many tokens `words` take at `i`, as [`sequence_at`], with every
    /// acronym among them written in capitals.
    pub fn name_at(&self, tokens: &[Token], i: usize, words: &[String]) -> Option<usize> {
        let len = sequence_at(tokens, i, words)?;
        if self.acronyms.is_empty() {
            return Some(len);
        }
        let matched = tokens[i..i + len].iter().filter(|t| t.norm != "-");
        matched
            .zip(words)
            .all(|(t, w)| self.case_fits(t, w))
            .then_some(len)
    }

    /// Whether any name, party name or other subject's name starts with the
    /// word `t`: a cheap test before matching word sequences.
    fn may_start_name(&self, t: &Token) -> bool {
        // the base is looked up only where it differs: most words have no
        // possessive ending
        if !t.is_word() {
            return false;
        }
        let norm = t.norm.as_str();
        self.first_words.contains(norm) || {
            // a possessive's base (`Token::is_possessive`)
            let base = normalize::strip_possessive(norm);
            base.len() != norm.len() && self.first_words.contains(base)
        }
    }
}

/// Whom a mention is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The subject of the rules.
    Subject,
    /// Something else: another party's treaty, another year's.
    Other,
    /// Not decided by the mention itself; resolved from context.
    Unknown,
}

/// How a mention refers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// A name of the subject or of another instrument.
    Name,
    /// "the treaty", "this pact".
    Definite,
    /// "a treaty", "another deal".
    Indefinite,
    /// "that deal", "those agreements": points back to the last one named.
    Demonstrative,
    /// "it", "its".
    Pronoun,
    /// The subject's event word between its parties: "Halvern will
    /// acquire Brightwave" ([`super::event_naming`]). It names the
    /// subject, but is no noun a later "it" could stand for.
    Event,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token indices within the sentence.
    pub tokens: Range<usize>,
    pub owner: Owner,
    pub reference: Reference,
}

/// The party group (index into [`Terms::parties`]) named at token `i`, and
/// how many tokens the name takes.
pub fn party_at(tokens: &[Token], i: usize, terms: &Terms) -> Option<(usize, usize)> {
    if !terms.may_start_name(tokens.get(i)?) {
        return None;
    }
    terms.parties.iter().enumerate().find_map(|(g, names)| {
        names
            .iter()
            .filter_map(|n| terms.name_at(tokens, i, n).map(|len| (g, len)))
            .max_by_key(|(_, len)| *len)
    })
}

/// Whether `words` (normalised) stand at token `i`, possessive allowed on the
/// last: returns how many tokens they take.
pub fn sequence_at(tokens: &[Token], i: usize, words: &[String]) -> Option<usize> {
    let mut k = i;
    for (n, w) in words.iter().enumerate() {
        // hyphens and dashes inside a name are skipped: "Russia–Iran" or
        // "Russia-Iran"; so is an abbreviation's full stop, which inside a
        // sentence never ends it: "Harlow v. Denby", "the U.S. Senate"
        while tokens
            .get(k)
            .is_some_and(|t| t.norm == "-" || (t.norm == "." && k > i))
            && n > 0
        {
            k += 1;
        }
        let t = tokens.get(k)?;
        let last = n + 1 == words.len();
        if !(t.norm == *w || (last && t.base() == w)) {
            return None;
        }
        k += 1;
    }
    (!words.is_empty()).then_some(k - i)
}

/// Whose a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// One of the subject's parties, under any of its names.
    Ours,
    /// A place or body that is none of the subject's parties.
    Other,
    /// A listed name that is no party ("the Indian Ocean"): read like any
    /// unlisted capitalised word.
    Neither,
}

/// A party or place named in a sentence.
#[derive(Debug, Clone, Copy)]
struct Named {
    tokens: (usize, usize),
    side: Side,
}

/// The parties and places a sentence names, read from its start so that a
/// name is taken whole: "South Sudan" is not read as "South" then "Sudan",
/// even where a backward walk meets "Sudan" first.
fn named_in(tokens: &[Token], terms: &Terms) -> Vec<Named> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let party = party_at(tokens, i, terms).map(|(_, len)| len);
        i = name_step(tokens, i, party, terms, &mut out);
    }
    out
}

/// One step of [`named_in`] at token `i`, where `party` is the length of
/// the party name there ([`party_at`]): the name found, if any, is pushed
/// onto `out`; returns the token to read next.
fn name_step(
    tokens: &[Token],
    i: usize,
    party: Option<usize>,
    terms: &Terms,
    out: &mut Vec<Named>,
) -> usize {
    let place = place_at(tokens, i);
    let named = match (party, place) {
        (Some(p), Some((len, place))) if len > p => Some((len, side_of(place, terms))),
        (Some(p), _) => Some((p, Side::Ours)),
        (None, Some((len, place))) => Some((len, side_of(place, terms))),
        (None, None) => None,
    };
    match named {
        Some((len, side)) => {
            out.push(Named {
                tokens: (i, i + len),
                side,
            });
            i + len
        }
        None => i + 1,
    }
}

/// What one sentence names, read in one pass for all that ask it: the
/// sentence's mentions ([`mentions_named`]), the party groups it names, and
/// whether it tells of another deal ([`other_parties_agree_named`]), which
/// each looked for parties at every token themselves before.
pub struct SentenceNames {
    /// The parties and places read from the start, as [`named_in`] reads them.
    named: Vec<Named>,
    /// The party groups named at any token, each once, in order.
    pub parties: Vec<usize>,
}

impl SentenceNames {
    pub fn read(tokens: &[Token], terms: &Terms) -> SentenceNames {
        let mut named = Vec::new();
        let mut parties = Vec::new();
        // the token where `named_in` would read next: a party inside a
        // longer name is one of the sentence's parties all the same
        let mut next = 0;
        for i in 0..tokens.len() {
            let party = party_at(tokens, i, terms);
            if let Some((g, _)) = party {
                if !parties.contains(&g) {
                    parties.push(g);
                }
            }
            if i == next {
                next = name_step(tokens, i, party.map(|(_, len)| len), terms, &mut named);
            }
        }
        SentenceNames { named, parties }
    }
}

/// The longest gazetteer name at token `i` (a capitalised word) and its place.
pub(crate) fn place_at(tokens: &[Token], i: usize) -> Option<(usize, Option<gazetteer::Place>)> {
    let t = tokens.get(i)?;
    if !t.capitalized || !t.is_word() || !gazetteer::may_start_name(t.original_word()) {
        return None;
    }
    // A fixed window: this runs for every capitalised word that starts a listed name.
    let mut words = [""; 8];
    let mut n = 0;
    for t in &tokens[i..] {
        if n == words.len() {
            break;
        }
        words[n] = if t.is_word() {
            t.original_word()
        } else if t.norm == "-" || t.norm == "." {
            t.norm.as_str()
        } else {
            break;
        };
        n += 1;
    }
    gazetteer::name_at(&words[..n])
}

/// A place is the subject's own party when one of its names is a name of a
/// party: with "Russia" as a party, "Russian", "the Kremlin" and "Moscow"
/// are the same party, not another.
fn side_of(place: Option<gazetteer::Place>, terms: &Terms) -> Side {
    let Some(place) = place else {
        return Side::Neither;
    };
    let ours = place.names().any(|name| {
        terms.parties.iter().flatten().any(|party| {
            party.len() == name.len()
                && party.iter().zip(name).all(|(p, n)| {
                    // rule terms keep a final full stop ("u.s.") and possessives
                    normalize::strip_possessive(p).trim_end_matches('.') == n
                })
        })
    });
    if ours {
        Side::Ours
    } else {
        Side::Other
    }
}

/// Whether a table row or list item names another party than the
/// subject's ("Iran–China" in a row of a comparison table): then what it
/// says is that party's, whatever the heading above says.
pub fn names_other_party(tokens: &[Token], terms: &Terms) -> bool {
    named_in(tokens, terms)
        .iter()
        .any(|n| n.side == Side::Other)
}

/// Whether the sentence tells of an agreement between one of the subject's
/// parties and a place that is none of them, as its clause's subject: "Iran
/// and Saudi Arabia agreed on Friday to restore ties". The deal it tells of
/// is another instrument, and "the deal" after it is that one.
pub fn other_parties_agree(tokens: &[Token], terms: &Terms) -> bool {
    agree_in(tokens, &named_in(tokens, terms))
}

/// [`other_parties_agree`], with the sentence's names read.
pub fn other_parties_agree_named(tokens: &[Token], names: &SentenceNames) -> bool {
    agree_in(tokens, &names.named)
}

fn agree_in(tokens: &[Token], named: &[Named]) -> bool {
    named.windows(2).any(|pair| {
        let (a, b) = (&pair[0], &pair[1]);
        let sides = matches!(
            (a.side, b.side),
            (Side::Ours, Side::Other) | (Side::Other, Side::Ours)
        );
        let joined = b.tokens.0 == a.tokens.1 + 1
            && matches!(tokens[a.tokens.1].norm.as_str(), "and" | "," | "&");
        let agree = (b.tokens.1..tokens.len().min(b.tokens.1 + 3)).any(|k| {
            let w = tokens[k].norm.as_str();
            is_agree_verb(w)
        });
        sides && joined && agree
    })
}

/// The name that token `k` is part of.
fn named_at(named: &[Named], k: usize) -> Option<&Named> {
    named.iter().find(|n| n.tokens.0 <= k && k < n.tokens.1)
}

const DETERMINERS: &[&str] = &["the", "this", "these", "its", "their", "our"];
const INDEFINITES: &[&str] = &["a", "an", "another", "any", "one"];
const DEMONSTRATIVES: &[&str] = &["that", "those", "such", "earlier", "previous", "former"];
const PRONOUNS: &[&str] = &["it", "its", "it's"];
/// Prepositions and auxiliaries: no modifier of a noun stands before one of
/// these in its phrase.
const PHRASE_ENDS: &[&str] = &[
    "into", "in", "on", "at", "for", "from", "to", "by", "with", "under", "about", "after",
    "before", "against", "during", "through", "is", "was", "are", "were", "has", "have", "had",
    "will", "would",
];
/// Past forms of the verbs of making an agreement.
const AGREED: &[&str] = &[
    "signed",
    "struck",
    "reached",
    "concluded",
    "agreed",
    "inked",
    "sealed",
];
/// Verbs between an alias and "with" in "the agreement Moscow signed with
/// Pyongyang".
fn is_deal_verb(w: &str) -> bool {
    AGREED.contains(&w) || matches!(w, "made" | "has" | "had")
}
/// Verbs that tell of two sides making an agreement.
fn is_agree_verb(w: &str) -> bool {
    AGREED.contains(&w) || matches!(w, "agree" | "agrees" | "sign" | "signs")
}
/// Whether a noun names what a narrower instrument is about: "a gas deal",
/// "the trade agreement", "an arms pact" are other instruments than a
/// subject whose own names do not say so.
fn is_topic(word: &str) -> bool {
    matches!(
        word,
        "gas"
            | "oil"
            | "trade"
            | "nuclear"
            | "visa"
            | "grain"
            | "wheat"
            | "arm"
            | "arms"
            | "weapon"
            | "fishery"
            | "fisheries"
            | "extradition"
            | "tax"
            | "customs"
            | "tariff"
            | "banking"
            | "payment"
            | "swap"
            | "currency"
            | "railway"
            | "rail"
            | "pipeline"
            | "transit"
            | "shipping"
            | "satellite"
            | "tourism"
            | "aviation"
            | "ceasefire"
            | "truce"
            | "peace"
            | "loan"
            | "investment"
            | "supply"
    )
}

/// What an instrument goes through before it is final: a claim about "a
/// draft of the treaty" is not one about the treaty.
const PRELIMINARIES: &[&str] = &["draft", "version", "proposal", "outline", "sketch"];
/// Words that introduce parties as new to the reader, after "between".
const NEW_PARTIES: &[&str] = &[
    "two", "three", "four", "several", "various", "other", "some", "many", "rival",
];
/// Words allowed in the slot after "with"/"between" besides names.
const SLOT_GLUE: &[&str] = &["and", "the", "of", "-", "'s"];

/// Every mention of the subject or of another subject in one sentence's tokens.
pub fn mentions(tokens: &[Token], terms: &Terms) -> Vec<Mention> {
    mentions_in(tokens, terms, &OnceCell::new())
}

/// [`mentions`], with the sentence's names read.
pub fn mentions_named(tokens: &[Token], terms: &Terms, names: &SentenceNames) -> Vec<Mention> {
    mentions_in(
        tokens,
        terms,
        &OnceCell::from(Cow::Borrowed(&names.named[..])),
    )
}

/// [`mentions`]; `named` holds the sentence's names ([`named_in`]) once they
/// are read: only a sentence with an alias needs them.
fn mentions_in(tokens: &[Token], terms: &Terms, named: &OnceCell<Cow<[Named]>>) -> Vec<Mention> {
    let title_case = is_title_case(tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        // The subject's own names first, then other instruments' names.
        let longest = |names: &[Vec<String>]| {
            names
                .iter()
                .filter_map(|n| terms.name_at(tokens, i, n))
                .max()
        };
        let by_name = terms.may_start_name(t).then(|| {
            longest(&terms.names)
                .map(|len| (len, Owner::Subject))
                .or_else(|| longest(&terms.distinct_from).map(|len| (len, Owner::Other)))
        });
        if let Some((len, owner)) = by_name.flatten() {
            out.push(Mention {
                tokens: i..i + len,
                owner,
                reference: Reference::Name,
            });
            i += len;
            continue;
        }
        let base = t.base();
        if terms.aliases.iter().any(|a| {
            base.starts_with(a.as_str()) && *a == normalize::singular(base) && terms.case_fits(t, a)
        }) {
            let named = named.get_or_init(|| Cow::Owned(named_in(tokens, terms)));
            out.push(classify_alias(tokens, i, terms, title_case, named));
        } else if PRONOUNS.contains(&t.norm.as_str()) && !expletive(tokens, i) {
            out.push(Mention {
                tokens: i..i + 1,
                owner: Owner::Unknown,
                reference: Reference::Pronoun,
            });
        }
        i += 1;
    }
    out
}

/// Verbs after which "it" stands for nothing: "it takes 25 kg to …", "it
/// seems that …".
const EXPLETIVE_VERBS: &[&str] = &[
    "takes", "took", "take", "seems", "seemed", "appears", "appeared", "remains", "emerged",
];

/// Whether "it" at `i` is a dummy subject: "It takes about 25 kg …", "It is
/// likely that …", "it was unclear whether …".
fn expletive(tokens: &[Token], i: usize) -> bool {
    if tokens[i].norm != "it" {
        return false;
    }
    let word = |k: usize| tokens.get(k).map(|t| t.norm.as_str());
    if word(i + 1).is_some_and(|w| EXPLETIVE_VERBS.contains(&w)) {
        return true;
    }
    // "it is likely that", "it was not clear whether", "it is time to"
    matches!(word(i + 1), Some("is" | "was" | "would" | "will"))
        && (i + 2..i + 5).any(|k| matches!(word(k), Some("that" | "whether" | "to")))
        && !(i + 2..i + 5).any(|k| word(k).is_some_and(|w| matches!(w, "the" | "a" | "an")))
}

/// Most words of a heading written in Title Case are capitalised; then a
/// capital says nothing about a name.
fn is_title_case(tokens: &[Token]) -> bool {
    // counted in one pass, with no list of the words: asked of every sentence
    let (words, capitalized) = tokens
        .iter()
        .filter(|t| t.is_word() && t.norm.len() > 3)
        .fold((0, 0), |(n, caps), t| {
            (n + 1, caps + usize::from(t.capitalized))
        });
    words >= 3 && capitalized * 4 >= words * 3
}

fn classify_alias(
    tokens: &[Token],
    i: usize,
    terms: &Terms,
    title_case: bool,
    named: &[Named],
) -> Mention {
    let mut ours = false;
    let mut other = false;
    let mut reference = Reference::Definite;
    // Before the alias: modifiers back to a determiner.
    let mut k = i;
    let mut seen = 0;
    while k > 0 && seen < 7 {
        k -= 1;
        let t = &tokens[k];
        let norm = t.norm.as_str();
        if DETERMINERS.contains(&norm) {
            break;
        }
        // "Biden signed into law": a preposition or an auxiliary ends the
        // phrase the alias heads; what stands before is no modifier of it
        if PHRASE_ENDS.contains(&norm) {
            break;
        }
        // "North Korea, whose deal with Moscow …": the deal is the name's
        // before the comma
        if norm == "whose" {
            let before_comma = k
                .checked_sub(2)
                .filter(|_| tokens.get(k - 1).is_some_and(|c| c.norm == ","));
            match before_comma
                .and_then(|e| named_at(named, e))
                .map(|n| n.side)
            {
                Some(Side::Other) => other = true,
                Some(Side::Ours) => ours = true,
                _ => {}
            }
            break;
        }
        // "other deals", "the other treaties", "a gas deal": not this one
        if norm == "other" || (is_topic(&normalize::singular(norm)) && !part_of_name(t, terms)) {
            other = true;
            seen += 1;
            continue;
        }
        if INDEFINITES.contains(&norm) {
            reference = Reference::Indefinite;
            break;
        }
        if DEMONSTRATIVES.contains(&norm) {
            reference = Reference::Demonstrative;
            break;
        }
        if !t.is_word() && norm != "-" && norm != "'" {
            break;
        }
        let side = named_at(named, k).map(|n| n.side);
        if side == Some(Side::Ours) {
            ours = true;
        } else if side == Some(Side::Other) {
            other = true;
        } else if let Some(y) = year_of(t) {
            if terms.year.is_some_and(|ours| ours != y) {
                other = true;
            }
        } else if t.capitalized
            && (k > 0 || t.is_possessive())
            && !title_case
            && !part_of_name(t, terms)
            && !is_calendar_word(t)
        {
            // "the New START treaty": a named instrument that is not the subject
            other = true;
        }
        seen += 1;
    }
    // "a draft of the treaty", "earlier versions of the pact": what is said
    // is the draft's, not the finished instrument's
    let of_at = match tokens.get(k) {
        Some(t) if k < i && (DETERMINERS.contains(&t.norm.as_str()) || t.norm == "of") => {
            if t.norm == "of" {
                Some(k)
            } else {
                k.checked_sub(1)
            }
        }
        _ => None,
    };
    if let Some(of) = of_at.filter(|&o| tokens[o].norm == "of") {
        let head = of
            .checked_sub(1)
            .map(|h| normalize::singular(tokens[h].base()));
        if head.is_some_and(|h| PRELIMINARIES.contains(&h.as_ref())) {
            other = true;
        }
    }
    // "a deal on gas supplies", "an accord over grain exports"
    if tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.norm.as_str(), "on" | "over" | "covering" | "for"))
    {
        let topic = tokens[(i + 2).min(tokens.len())..tokens.len().min(i + 5)]
            .iter()
            .take_while(|t| t.is_word() || t.norm == "-")
            .any(|t| is_topic(&normalize::singular(t.base())) && !part_of_name(t, terms));
        if topic {
            other = true;
        }
    }
    // After the alias: "with X", "between X and Y", "X signed with Y".
    let mut j = i + 1;
    while tokens.get(j).is_some_and(|t| {
        (t.capitalized && t.is_word()) || is_deal_verb(&t.norm) || t.norm == "that"
    }) && j < i + 5
    {
        j += 1;
    }
    if !tokens
        .get(j)
        .is_some_and(|t| matches!(t.norm.as_str(), "with" | "between" | "among" | "involving"))
    {
        j = i + 1;
    }
    if tokens
        .get(j)
        .is_some_and(|t| matches!(t.norm.as_str(), "with" | "between" | "among" | "involving"))
    {
        let mut k = j + 1;
        // "between two Gulf producers": parties introduced as new ones
        // cannot be the subject's, which a draft names
        if tokens
            .get(k)
            .is_some_and(|t| NEW_PARTIES.contains(&t.norm.as_str()))
        {
            other = true;
        }
        while let Some(t) = tokens.get(k) {
            let name = named_at(named, k).filter(|n| n.side != Side::Neither);
            if let Some(n) = name {
                if n.side == Side::Ours {
                    ours = true;
                } else {
                    other = true;
                }
                k = n.tokens.1;
            } else if t.capitalized && t.is_word() {
                // an unlisted name: "the Eurasian Economic Union"
                other = true;
                k += 1;
            } else if SLOT_GLUE.contains(&t.norm.as_str()) {
                k += 1;
            } else {
                break;
            }
        }
    }
    let owner = if other {
        Owner::Other
    } else if ours {
        Owner::Subject
    } else {
        Owner::Unknown
    };
    if owner != Owner::Unknown && reference != Reference::Demonstrative {
        reference = Reference::Name;
    }
    Mention {
        tokens: i..i + 1,
        owner,
        reference,
    }
}

/// A month or a weekday: capitalised, but no name of an instrument ("the
/// January 2025 agreement").
fn is_calendar_word(t: &Token) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = t.base();
    super::dates::MONTHS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(word))
        || WEEKDAYS.contains(&word)
}

pub(crate) fn year_of(t: &Token) -> Option<i32> {
    (t.norm.len() == 4 && t.norm.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.norm.parse().ok())
        .flatten()
        .filter(|y| (1000..3000).contains(y))
}

/// Whether a word is written in capitals: "IRA", "FTC's" (without its
/// possessive), not "Ira" or "ira".
fn in_capitals(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}

fn part_of_name(t: &Token, terms: &Terms) -> bool {
    terms.names.iter().flatten().any(|w| *w == t.norm)
        || terms.aliases.iter().any(|a| *a == t.norm)
        || terms
            .parties
            .iter()
            .flatten()
            .flatten()
            .any(|w| *w == t.base())
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn terms() -> Terms {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        Terms::new(
            vec![w("treaty on comprehensive strategic partnership")],
            vec![vec![w("russia"), w("moscow")], vec![w("iran"), w("tehran")]],
            vec![
                "treaty".into(),
                "pact".into(),
                "agreement".into(),
                "deal".into(),
            ],
            Some(2025),
            vec![w("new start")],
        )
    }

    /// The party groups named in a sentence, each once, in order, as the
    /// sentence reader found them before [`SentenceNames`]: at every token.
    fn parties_token_by_token(tokens: &[Token], terms: &Terms) -> Vec<usize> {
        let mut parties = Vec::new();
        for i in 0..tokens.len() {
            if let Some((g, _)) = party_at(tokens, i, terms) {
                if !parties.contains(&g) {
                    parties.push(g);
                }
            }
        }
        parties
    }

    proptest::proptest! {
        /// Read in one pass, a sentence's names, parties, mentions and
        /// other deals are what each reading of its own finds.
        #[test]
        fn sentence_names_read_once_are_those_read_apart(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Russia", "Russia's", "Iran", "Tehran", "Moscow", "Kremlin", "Russian",
                    "South", "Sudan", "Saudi", "Arabia", "China", "and", ",", "&", "-", ".",
                    "the", "a", "treaty", "pact", "deal", "agreement", "it", "its", "that",
                    "agreed", "signed", "New", "START", "Treaty", "on", "Comprehensive",
                    "Strategic", "Partnership", "with", "whose", "between", "2025", "Gulf",
                ]),
                0..24,
            )
        ) {
            let text = words.join(" ");
            let tokens = tokenize(&text, 0..text.len());
            let terms = terms();
            let names = SentenceNames::read(&tokens, &terms);
            let pairs = |named: &[Named]| -> Vec<((usize, usize), Side)> {
                named.iter().map(|n| (n.tokens, n.side)).collect()
            };
            proptest::prop_assert_eq!(pairs(&names.named), pairs(&named_in(&tokens, &terms)));
            proptest::prop_assert_eq!(&names.parties, &parties_token_by_token(&tokens, &terms));
            proptest::prop_assert_eq!(
                mentions_named(&tokens, &terms, &names),
                mentions(&tokens, &terms)
            );
            proptest::prop_assert_eq!(
                other_parties_agree_named(&tokens, &names),
                other_parties_agree(&tokens, &terms)
            );
            // and Title Case counted in one pass, as from the list of words
            let words: Vec<&Token> =
                tokens.iter().filter(|t| t.is_word() && t.norm.len() > 3).collect();
            let listed = words.len() >= 3
                && words.iter().filter(|t| t.capitalized).count() * 4 >= words.len() * 3;
            proptest::prop_assert_eq!(is_title_case(&tokens), listed);
        }
    }

    /// [`place_at`] as it was before its first-word test: the window built
    /// for every capitalised word.
    fn place_at_windowed(tokens: &[Token], i: usize) -> Option<(usize, Option<gazetteer::Place>)> {
        let t = tokens.get(i)?;
        if !t.capitalized || !t.is_word() {
            return None;
        }
        let words: Vec<&str> = tokens[i..]
            .iter()
            .take(8)
            .map_while(|t| {
                if t.is_word() {
                    Some(t.original_word())
                } else if t.norm == "-" || t.norm == "." {
                    Some(t.norm.as_str())
                } else {
                    None
                }
            })
            .collect();
        gazetteer::name_at(&words)
    }

    #[test]
    fn a_place_is_looked_for_only_at_a_word_that_starts_one() {
        let text = "The South Sudan talks, Guinea-Bissau and St. Lucia, Côte d’Ivoire's \
                    envoy, New Mexico's governor, the Indian Ocean, Iran’s and Russia's \
                    ministers, Saudi Arabia, United Arab Emirates, It, Treaty, Smith.";
        let tokens = tokenize(text, 0..text.len());
        let mut found = 0;
        for i in 0..=tokens.len() {
            assert_eq!(
                place_at(&tokens, i),
                place_at_windowed(&tokens, i),
                "{:?}",
                tokens.get(i)
            );
            found += usize::from(place_at(&tokens, i).is_some());
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn sentence_names_tell_of_another_deal_and_every_party() {
        let text =
            "Iran and Saudi Arabia agreed on Friday; the South Sudan deal with Russia's pact";
        let tokens = tokenize(text, 0..text.len());
        let names = SentenceNames::read(&tokens, &terms());
        assert!(other_parties_agree_named(&tokens, &names));
        assert_eq!(names.parties, [1, 0]);
    }

    fn owners(text: &str) -> Vec<(String, Owner, Reference)> {
        let tokens = tokenize(text, 0..text.len());
        mentions(&tokens, &terms())
            .into_iter()
            .map(|m| {
                (
                    tokens[m.tokens.start].norm.to_string(),
                    m.owner,
                    m.reference,
                )
            })
            .collect()
    }

    #[test]
    fn whose_takes_the_owner_before_the_comma() {
        assert_eq!(
            owners("Unlike Pyongyang, whose deal with Moscow differs")[0].1,
            Owner::Other
        );
    }

    #[test]
    fn an_instrument_on_a_narrower_topic_is_another() {
        assert_eq!(owners("Russia and Iran's gas deal")[0].1, Owner::Other);
        assert_eq!(owners("the Russia–Iran trade agreement")[0].1, Owner::Other);
        assert_eq!(
            owners("the Russia–Iran strategic treaty")[0].1,
            Owner::Subject
        );
        assert_eq!(owners("a deal on gas supplies")[0].1, Owner::Other);
        assert_eq!(
            owners("the agreement on strategic ties")[0].1,
            Owner::Unknown
        );
    }

    #[test]
    fn drafts_and_versions_of_the_instrument_are_not_it() {
        assert_eq!(owners("a draft of the treaty had 50")[0].1, Owner::Other);
        assert_eq!(owners("earlier versions of the pact")[0].1, Owner::Other);
        assert_eq!(owners("the text of the treaty")[0].1, Owner::Unknown);
    }

    #[test]
    fn parties_before_or_after_an_alias_make_it_the_subject() {
        assert_eq!(owners("The Russia–Iran treaty runs")[0].1, Owner::Subject);
        assert_eq!(
            owners("the treaty between Russia and Iran")[0].1,
            Owner::Subject
        );
        assert_eq!(
            owners("Tehran and Moscow's new treaty")[0].1,
            Owner::Subject
        );
        assert_eq!(owners("the new treaty with Russia")[0].1, Owner::Subject);
    }

    #[test]
    fn another_party_year_or_name_makes_it_another_subject() {
        assert_eq!(
            owners("Russia's treaty with Pyongyang Unlisted")[0].1,
            Owner::Other
        );
        assert_eq!(
            owners("an agreement between Iran and the Eurasian Economic Union")[0].1,
            Owner::Other
        );
        assert_eq!(
            owners("a 2001 treaty between Moscow and Tehran")[0].1,
            Owner::Other
        );
        assert_eq!(
            owners("The New START treaty limits warheads")[0].1,
            Owner::Other
        );
        assert_eq!(
            owners("the agreement Moscow signed with Pyongyang")[0].1,
            Owner::Other
        );
    }

    #[test]
    fn gazetteer_places_are_other_parties() {
        for text in [
            "Moscow's 2025 pact with Pyongyang",
            "Moscow’s pact with Pyongyang",
            "Tehran's agreement with Beijing",
            "the Kremlin's treaty with the DPRK",
            "Iran's deal with the Shanghai Cooperation Organisation",
            "the treaty Tehran signed with the U.S. lapsed",
            "the Chinese deal",
            "Pyongyang treaty talks stalled",
            "Kremlin Hails Treaty With North Korea",
        ] {
            assert_eq!(owners(text)[0].1, Owner::Other, "{text}");
        }
    }

    #[test]
    fn a_party_under_any_of_its_gazetteer_names_is_ours() {
        for text in [
            "The Russian–Iranian treaty runs",
            "the Kremlin's treaty with the Iranians",
            "the Russian Federation's new treaty with the Islamic Republic of Iran",
            "Kremlin Hails Russian-Iranian Treaty",
        ] {
            assert_eq!(owners(text)[0].1, Owner::Subject, "{text}");
        }
    }

    #[test]
    fn a_name_is_read_whole_before_its_words() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let terms = Terms {
            parties: vec![vec![w("south sudan")], vec![w("kenya")]],
            aliases: vec!["treaty".into()],
            ..Terms::default()
        };
        let owner = |text: &str| {
            let tokens = tokenize(text, 0..text.len());
            mentions(&tokens, &terms)[0].owner
        };
        assert_eq!(owner("South Sudan's treaty with Kenya"), Owner::Subject);
        assert_eq!(owner("the Juba treaty with Nairobi"), Owner::Subject);
        assert_eq!(owner("Sudan's treaty with Kenya"), Owner::Other);
        assert_eq!(owner("a Kenyan treaty with the Sudanese"), Owner::Other);
    }

    #[test]
    fn bare_aliases_and_pronouns_are_left_to_context() {
        let got = owners("It mirrors a deal, unlike that pact or the treaty.");
        let refs: Vec<Reference> = got.iter().map(|g| g.2).collect();
        assert_eq!(
            refs,
            vec![
                Reference::Pronoun,
                Reference::Indefinite,
                Reference::Demonstrative,
                Reference::Definite
            ]
        );
        assert!(got.iter().all(|g| g.1 == Owner::Unknown));
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let terms = Terms::new(
            vec![w("harbor levy"), w("hlx")],
            vec![vec![w("dfo")]],
            vec!["act".into(), "hla".into()],
            None,
            vec![],
        )
        .with_acronyms(["hlx".to_owned(), "hla".to_owned(), "dfo".to_owned()]);
        let found = |text: &str| {
            let tokens = tokenize(text, 0..text.len());
            let mentions: Vec<String> = mentions(&tokens, &terms)
                .into_iter()
                .map(|m| tokens[m.tokens.start].base().to_owned())
                .collect();
            let party = (0..tokens.len()).any(|i| party_at(&tokens, i, &terms).is_some());
            (mentions, party)
        };
        assert_eq!(
            found("The HLX and the HLA's terms, said the DFO."),
            (vec!["hlx".into(), "hla".into()], true)
        );
        assert_eq!(found("hlx, Hla and the dfo"), (vec![], false));
        // a lower-case alias still matches in any case
        assert_eq!(
            found("The ACT passed; the Act stands."),
            (vec!["act".into(), "act".into()], false)
        );
        assert!(found("Hlxes and HLAX").0.is_empty());
    }

    #[test]
    fn names_are_the_subject() {
        let got = owners("They signed the Treaty on Comprehensive Strategic Partnership.");
        assert_eq!(got[0].1, Owner::Subject);
        assert_eq!(got[0].2, Reference::Name);
    }
}
