//! Quantities: a number with a unit, read as an interval of values so that
//! "more than 40 articles" agrees with 47 and "over 50 articles" does not.
//! Forms: "47 articles", "47-article", "forty-two-article", "two decades",
//! "decade-long", "a quarter-century", "between 40 and 50 articles".

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::normalize;
use super::numbers::{NumberMatch, NumberStyle};
use super::tokens::Token;

/// What a unit measures; only quantities of one dimension compare.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Durations, in years.
    Time,
    /// Money in one currency, in its main unit (`usd`, `eur`, `gbp`).
    Money(String),
    /// Counts of one thing: `article`.
    Count(String),
    /// A physical measure that converts, by kind (`mass`, in kilograms).
    Measure(&'static str),
}

/// Measure words the reader converts, with their kind and how many of the
/// kind's base unit (kilogram for mass) one of them is. "pound" is money
/// unless money words stand before it: see `weighs`.
const MEASURES: &[(&str, &str, f64)] = &[
    ("kilogram", "mass", 1.0),
    ("kilogramme", "mass", 1.0),
    ("kilo", "mass", 1.0),
    ("kg", "mass", 1.0),
    ("kgs", "mass", 1.0),
    ("gram", "mass", 0.001),
    ("gramme", "mass", 0.001),
    ("milligram", "mass", 1e-6),
    ("mg", "mass", 1e-6),
    ("tonne", "mass", 1000.0),
    ("lb", "mass", 0.453_592_37),
    ("lbs", "mass", 0.453_592_37),
    ("pound-weight", "mass", 0.453_592_37),
    // lengths, in metres; "m" is not among them: after a number it is as
    // often "million" ("$5m") as metres
    ("metre", "length", 1.0),
    ("meter", "length", 1.0),
    ("kilometre", "length", 1000.0),
    ("kilometer", "length", 1000.0),
    ("km", "length", 1000.0),
    ("mile", "length", 1609.344),
    ("mi", "length", 1609.344),
    ("foot", "length", 0.3048),
    ("feet", "length", 0.3048),
    ("ft", "length", 0.3048),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub dimension: Dimension,
    /// How many base units one of this unit is (a decade is 10 years).
    pub factor: f64,
    /// The unit's word as a rule names it, singular: "year", "article".
    pub name: String,
    /// What the figure is counted per, for a rate: "month" for "$35 a month",
    /// "share" for "$95 per share"; singular and normalised.
    pub per: Option<String>,
}

/// The unit words a reader knows: the built-in time and money units and the
/// count nouns that rules name.
#[derive(Debug, Clone)]
pub struct Units {
    words: FxHashMap<String, Unit>,
    /// Which words may name a time unit, tested before [`read_unit_alone`]
    /// looks a word up.
    time: TimeWords,
}

/// A cheap test of whether a word may name a time unit: for each first
/// byte, the lengths of the time units' words (bit `min(len, 63)`), and the
/// words before a hyphen in those that have one ("quarter-century").
#[derive(Debug, Clone)]
struct TimeWords {
    lengths: Box<[u64; 256]>,
    /// One bit per first two bytes (the second 0 for a word of one).
    pairs: Box<[u64; 1024]>,
    heads: Vec<String>,
    /// A time unit's word is empty (never, but then every word may be one).
    empty: bool,
}

impl TimeWords {
    fn new(words: &FxHashMap<String, Unit>) -> TimeWords {
        let mut time = TimeWords {
            lengths: Box::new([0; 256]),
            pairs: Box::new([0; 1024]),
            heads: Vec::new(),
            empty: false,
        };
        for (w, unit) in words {
            time.add(w, unit);
        }
        time
    }

    fn add(&mut self, word: &str, unit: &Unit) {
        if unit.dimension != Dimension::Time {
            return;
        }
        match word.as_bytes().first() {
            Some(&b) => {
                self.lengths[usize::from(b)] |= 1 << word.len().min(63);
                let pair = pair(b, word.as_bytes().get(1).copied());
                self.pairs[pair / 64] |= 1 << (pair % 64);
            }
            None => self.empty = true,
        }
        if let Some((head, _)) = word.split_once('-') {
            if !self.heads.iter().any(|h| h == head) {
                self.heads.push(head.to_owned());
            }
        }
    }

    /// Whether [`unit_at`] may find a time unit at token `t`: by its base
    /// or the base's singular (the same first two bytes, and up to two bytes
    /// shorter: see [`normalize::singular`]), or by the word before a
    /// hyphen.
    fn may_start(&self, t: &Token) -> bool {
        let base = t.base();
        let Some(&b) = base.as_bytes().first() else {
            return true;
        };
        let lengths = self.lengths[usize::from(b)];
        let len = base.len();
        let pair = pair(b, base.as_bytes().get(1).copied());
        let fits = self.pairs[pair / 64] & (1 << (pair % 64)) != 0
            && (len.saturating_sub(2)..=len).any(|l| lengths & (1 << l.min(63)) != 0);
        self.empty || fits || self.heads.iter().any(|h| h.as_str() == t.norm.as_str())
    }
}

/// The index of a word's first two bytes in [`TimeWords::pairs`].
fn pair(first: u8, second: Option<u8>) -> usize {
    usize::from(first) << 8 | usize::from(second.unwrap_or(0))
}

impl Default for Units {
    fn default() -> Self {
        Units::builtin()
    }
}

impl Units {
    pub fn builtin() -> Units {
        let mut words = FxHashMap::default();
        let mut time = |w: &str, factor: f64| {
            words.insert(
                w.to_owned(),
                Unit {
                    dimension: Dimension::Time,
                    factor,
                    name: w.to_owned(),
                    per: None,
                },
            );
        };
        time("year", 1.0);
        time("yr", 1.0);
        time("yrs", 1.0);
        time("decade", 10.0);
        time("century", 100.0);
        time("quarter-century", 25.0);
        time("half-century", 50.0);
        time("month", 1.0 / 12.0);
        time("week", 7.0 / 365.25);
        time("day", 1.0 / 365.25);
        for (w, cur) in [
            ("dollar", "usd"),
            ("usd", "usd"),
            ("euro", "eur"),
            ("eur", "eur"),
            ("pound", "gbp"),
            ("sterling", "gbp"),
            ("gbp", "gbp"),
            ("yen", "jpy"),
            ("jpy", "jpy"),
            ("yuan", "cny"),
            ("renminbi", "cny"),
            ("cny", "cny"),
            ("rouble", "rub"),
            ("ruble", "rub"),
            ("rub", "rub"),
            ("rupee", "inr"),
            ("inr", "inr"),
            ("franc", "chf"),
            ("chf", "chf"),
        ] {
            words.insert(
                w.to_owned(),
                Unit {
                    dimension: Dimension::Money(cur.to_owned()),
                    factor: 1.0,
                    name: w.to_owned(),
                    per: None,
                },
            );
        }
        for &(w, kind, factor) in MEASURES {
            words.insert(
                w.to_owned(),
                Unit {
                    dimension: Dimension::Measure(kind),
                    factor,
                    name: w.to_owned(),
                    per: None,
                },
            );
        }
        let time = TimeWords::new(&words);
        Units { words, time }
    }

    /// Adds a count noun (singular, normalised), counted as `counts_as`:
    /// "point" may count as "article".
    pub fn add_count(&mut self, noun: &str, counts_as: &str) {
        let unit = self.words.entry(noun.to_owned()).or_insert(Unit {
            dimension: Dimension::Count(counts_as.to_owned()),
            factor: 1.0,
            name: noun.to_owned(),
            per: None,
        });
        self.time.add(noun, unit);
    }

    /// The unit a normalised word names, singular or plural.
    pub fn get(&self, word: &str) -> Option<&Unit> {
        self.words.get(word).or_else(|| {
            let singular = normalize::singular(word);
            // most words are their own singular, already looked up
            (singular != word)
                .then(|| self.words.get(singular.as_ref()))
                .flatten()
        })
    }

    /// The unit for a rule's unit name.
    pub fn for_rule(&self, name: &str) -> Option<&Unit> {
        self.get(&normalize::word(name))
    }
}

/// A closed or half-open range of values, in a dimension's base unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Interval {
    pub fn exact(v: f64) -> Interval {
        Interval {
            lo: v,
            hi: v,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn contains(&self, v: f64) -> bool {
        let eps = 1e-9 * v.abs().max(1.0);
        let above = if self.lo_open {
            v > self.lo + eps
        } else {
            v >= self.lo - eps
        };
        let below = if self.hi_open {
            v < self.hi - eps
        } else {
            v <= self.hi + eps
        };
        above && below
    }

    pub fn is_exact(&self) -> bool {
        self.lo == self.hi && !self.lo_open && !self.hi_open
    }
}

/// How the quantity is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Modifies a noun: "a 20-year pact", "the decade-long deal".
    Compound,
    /// A noun phrase: "20 years", "two decades", "47 articles".
    Noun,
    /// A value under a label: "Articles: 47", a table cell under "Articles".
    Label,
    /// A bare number whose count noun was said before it without a number:
    /// "cut its centrifuges to 5,060", "the number of machines fell to 5,060".
    /// The noun is a guess from the sentence, so the figure may confirm a
    /// fact but is too weak to contradict one.
    Recalled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole mention, qualifier and unit included, in text bytes.
    pub range: Range<usize>,
    /// The number alone, when the mention has one ("decade-long" has none).
    pub number: Option<Range<usize>>,
    pub style: NumberStyle,
    /// The value in the unit as written (2 for "two decades").
    pub stated: f64,
    /// The values meant, in the dimension's base unit (years for time).
    pub interval: Interval,
    pub unit: Unit,
    pub form: Form,
    /// Token indices of the mention in the sentence's tokens.
    pub tokens: Range<usize>,
}

/// Words before a number that make it a reference, not a count: "Article 12".
const REFERENCE_WORDS: &[&str] = &[
    "article",
    "section",
    "clause",
    "chapter",
    "paragraph",
    "no",
    "number",
    "part",
    "page",
    "annex",
    "item",
    "point",
    "resolution",
    "rule",
];

/// Words that may not stand between a number and its unit.
const NOT_BETWEEN: &[&str] = &[
    "of", "the", "its", "their", "his", "her", "and", "or", "to", "in", "on", "for", "by", "with",
    "a", "an", "than", "from", "at", "as", "is", "was", "were", "are",
];

/// Reads the quantities of one sentence from its tokens and the numbers found
/// in it (both with offsets into the same text).
pub fn find(tokens: &[Token], numbers: &[NumberMatch], units: &Units) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    for n in numbers {
        let Some(first) = tokens.iter().position(|t| t.range.start >= n.range.start) else {
            continue;
        };
        let Some(last) = tokens.iter().rposition(|t| t.range.end <= n.range.end) else {
            continue;
        };
        // the upper bound of "between 40 and 50 articles" was read with the lower
        if last < first
            || is_reference(tokens, first)
            || out.iter().any(|q| q.tokens.contains(&first))
        {
            continue;
        }
        if let Some(q) = read_after(tokens, first, last, n, numbers, units) {
            out.push(q);
        }
    }
    out.sort_by_key(|q| q.range.start);
    // A number whose unit was said before it: "not 45 articles but 47".
    let mut elided = Vec::new();
    for n in numbers {
        if let Some(q) = read_elided(tokens, n, &out, units) {
            elided.push(q);
        }
    }
    out.extend(elided);
    // Unit words with no number: "decade-long", "a decade", "a quarter-century".
    for i in 0..tokens.len() {
        if out.iter().any(|q| q.tokens.contains(&i)) {
            continue;
        }
        if let Some(q) = read_unit_alone(tokens, i, units) {
            out.push(q);
        }
    }
    out.sort_by_key(|q| q.range.start);
    out
}

/// Words after which a number may stand for a count or length whose unit an
/// earlier quantity of the sentence gave: "it runs for 20", "has 47".
const ELLIPSIS_BEFORE: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
    "be",
    "for",
    "to",
    "only",
    "just",
    "exactly",
    "not",
    "but",
    "contains",
    "counts",
    "lists",
    "spans",
    "comprises",
    "runs",
    "lasts",
    "actually",
];

/// Words after an elided number that show it is a noun phrase of its own:
/// the subject of a verb ("just over 5,000 would enrich"), or a partitive
/// ("5,060 of these").
const ELLIPSIS_AFTER: &[&str] = &[
    "would", "will", "can", "could", "may", "might", "must", "should", "are", "were", "remain",
];

/// The number `n`, standing alone for a count or length whose unit was said
/// before it in the sentence, read in that unit: "runs for 25 years; it runs
/// for 20", "cut from 19,000 machines to 6,104, of which just over 5,000
/// would run". It stands alone when it ends its clause, or stands before a
/// verb or a partitive "of these"; it is elided after one of
/// [`ELLIPSIS_BEFORE`] or "which", or after a qualifier that follows one
/// ("of which just over"). The unit is the nearest quantity's before it;
/// with none, a noun recalled ([`Form::Recalled`]) from a "number of"
/// phrase ("the number of machines … to 5,060") or from a count noun said
/// alone a clause's worth before ("cut its machines by half, to 600").
fn read_elided(
    tokens: &[Token],
    n: &NumberMatch,
    read: &[Quantity],
    units: &Units,
) -> Option<Quantity> {
    let first = tokens.iter().position(|t| t.range.start >= n.range.start)?;
    let last = tokens.iter().rposition(|t| t.range.end <= n.range.end)?;
    if last < first || read.iter().any(|q| q.tokens.contains(&first)) {
        return None;
    }
    let after = tokens.get(last + 1);
    let after_ends =
        after.is_none_or(|t| matches!(t.norm.as_str(), "." | "," | ";" | ":" | ")" | "!" | "?"));
    let of_these = after.is_some_and(|t| t.norm == "of")
        && tokens
            .get(last + 2)
            .is_some_and(|t| matches!(t.norm.as_str(), "these" | "them" | "those"));
    let subject = after.is_some_and(|t| ELLIPSIS_AFTER.contains(&t.norm.as_str()));
    // a partitive of a kind: "5,060 of older models", "5,060 of the first type"
    let of_kind = after.is_some_and(|t| t.norm == "of");
    if !(after_ends || of_kind || subject) {
        return None;
    }
    // a word of ellipsis in the four words before, where the exact test
    // below looks (before the number or its qualifier), found before any
    // unit is looked for
    let may_be_elided = (first.saturating_sub(4)..first).any(|k| {
        let w = tokens[k].norm.as_str();
        ELLIPSIS_BEFORE.contains(&w) || w == "which" || w == "of"
    });
    // a bare year is no count: "to 2030"
    if !may_be_elided || is_year(&tokens[first], n.style) {
        return None;
    }
    let (unit, form) = match read
        .iter()
        .rfind(|q| q.tokens.end <= first && q.number.is_some() && q.form != Form::Label)
    {
        Some(q) if after_ends || of_these || subject => (q.unit.clone(), Form::Noun),
        Some(_) => return None,
        None if after_ends || of_kind || subject => {
            // a "number of" phrase anywhere before; a noun said alone in
            // the words just before, a clause's worth ("cut its pumps by a
            // third, to 600")
            let near = &tokens[first.saturating_sub(RECALL_REACH)..first];
            let noun = number_of_unit(&tokens[..first], units)
                .or_else(|| count_noun_before(near, units))?;
            (noun, Form::Recalled)
        }
        None => return None,
    };
    let (qual_start, interval) = qualify(tokens, first, n.value, None, &unit);
    // the word before the number, or before its qualifier ("for just over
    // 20"); a recalled noun is also taken up by "of" ("a limit of 5,060")
    let elided = [first, qual_start].iter().any(|&k| {
        k.checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|b| {
                ELLIPSIS_BEFORE.contains(&b.norm.as_str())
                    || b.norm == "which"
                    || (form == Form::Recalled && b.norm == "of")
            })
    });
    if !elided {
        return None;
    }
    Some(Quantity {
        range: tokens[qual_start].range.start..n.range.end,
        number: Some(n.range.clone()),
        style: n.style,
        stated: n.value,
        interval,
        unit,
        form,
        tokens: qual_start..last + 1,
    })
}

/// Whether a number written at `t` looks like a year ("2030"): four digits
/// from 1000 to 2999.
pub fn is_year(t: &Token, style: NumberStyle) -> bool {
    style == NumberStyle::Digits && t.norm.len() == 4 && t.norm.starts_with(['1', '2'])
}

/// How many tokens before a bare number its noun may be recalled from.
const RECALL_REACH: usize = 16;

/// The count noun said last in `tokens` without a number of its own: "cut
/// its centrifuges by two-thirds" gives centrifuges. A noun a number counts
/// is no antecedent ("19,000 machines"), nor is one of a compound ("the
/// centrifuge hall").
fn count_noun_before(tokens: &[Token], units: &Units) -> Option<Unit> {
    (0..tokens.len()).rev().find_map(|k| {
        let (u, end) = unit_at(tokens, k, units)?;
        let counted = k.checked_sub(1).is_some_and(|p| {
            tokens[p].norm.starts_with(|c: char| c.is_ascii_digit()) || tokens[p].norm == "-"
        });
        let compound = tokens
            .get(end + 1)
            .is_some_and(|t| t.is_word() && !NOT_MODIFIER_AFTER.contains(&t.norm.as_str()));
        (matches!(u.dimension, Dimension::Count(_)) && !counted && !compound).then(|| u.clone())
    })
}

/// Words that may follow a count noun that is no modifier of another noun.
const NOT_MODIFIER_AFTER: &[&str] = &[
    "by", "to", "from", "in", "at", "of", "and", "or", "which", "that", "with", "for", "on",
];

/// The unit of a "number of" phrase in `tokens`, the last one: "the number
/// of uranium centrifuges" gives centrifuges.
fn number_of_unit(tokens: &[Token], units: &Units) -> Option<Unit> {
    let at = (0..tokens.len().saturating_sub(1))
        .rev()
        .find(|&i| tokens[i].norm == "number" && tokens[i + 1].norm == "of")?;
    (at + 2..tokens.len().min(at + 5))
        .find_map(|k| unit_at(tokens, k, units))
        .filter(|(u, _)| matches!(u.dimension, Dimension::Count(_)))
        .map(|(u, _)| u.clone())
}

fn is_reference(tokens: &[Token], first: usize) -> bool {
    first
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| REFERENCE_WORDS.contains(&normalize::singular(t.base()).as_ref()))
}

/// A unit starting at token `i`, possibly the two-word "quarter-century":
/// returns the unit and the index of its last token.
fn unit_at<'u>(tokens: &[Token], i: usize, units: &'u Units) -> Option<(&'u Unit, usize)> {
    let t = tokens.get(i)?;
    // "15%", "15 per cent", "15 pct": the unit a rule calls "percent"
    if t.norm == "%" && i > 0 && adjacent(&tokens[i - 1], t) {
        return units.get("percent").map(|u| (u, i));
    }
    if !t.is_word() {
        return None;
    }
    if t.norm == "per" && tokens.get(i + 1).is_some_and(|n| n.norm == "cent") {
        return units.get("percent").map(|u| (u, i + 1));
    }
    // "3.5pc" glued; a "pc" apart is more often a computer
    if t.norm == "pct" || (t.norm == "pc" && i > 0 && adjacent(&tokens[i - 1], t)) {
        return units.get("percent").map(|u| (u, i));
    }
    // "five percentage points" are no percent, and no "points" either
    if t.norm == "percentage" {
        return None;
    }
    if let (Some(dash), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) {
        if dash.norm == "-" && adjacent(t, dash) && adjacent(dash, next) {
            let joined = format!("{}-{}", t.norm, normalize::singular(&next.norm));
            if let Some(u) = units.get(&joined) {
                return Some((u, i + 2));
            }
        }
    }
    if normalize::singular(t.base()) == "pound" && weighs(tokens, i) {
        return units.get("pound-weight").map(|u| (u, i));
    }
    units.get(t.base()).map(|u| (u, i))
}

/// Whether "pounds" at token `i` is a weight, not money. News writes money in
/// pounds with a sign ("£300") or a scale ("5 million pounds"), so a bare
/// "661 pounds" weighs, unless money words stand just before it ("tickets
/// cost 20 pounds", "a fine of 50 pounds").
fn weighs(tokens: &[Token], i: usize) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let scaled = (i >= 2 && SCALE_WORDS.contains(&word(i - 2)))
        || (i >= 1 && SCALE_WORDS.contains(&word(i - 1)));
    let signed = (i.saturating_sub(3)..i).any(|k| word(k) == "£");
    let money_words = (i.saturating_sub(5)..i).any(|k| MONEY_WORDS.contains(&word(k)));
    !(scaled || signed || money_words || word(i + 1) == "sterling")
}

/// Words that make a nearby "pounds" money.
const MONEY_WORDS: &[&str] = &[
    "cost",
    "costs",
    "costing",
    "pay",
    "pays",
    "paid",
    "paying",
    "price",
    "priced",
    "prices",
    "worth",
    "fine",
    "fined",
    "fee",
    "fees",
    "salary",
    "wage",
    "wages",
    "budget",
    "spend",
    "spent",
    "spends",
    "fund",
    "funds",
    "funding",
    "charge",
    "charged",
    "sell",
    "sold",
    "buy",
    "bought",
    "earn",
    "earned",
    "earns",
    "raise",
    "raised",
    "owe",
    "owed",
    "tax",
    "bill",
    "award",
    "awarded",
    "compensation",
    "donate",
    "donated",
    "rent",
    "ticket",
    "tickets",
];

/// The abbreviation a measure is written glued to its number with, for
/// messages: "kilogram" is "kg" ("300kg").
pub fn short_unit(unit: &str) -> Option<&'static str> {
    match unit {
        "kilogram" | "kilogramme" | "kilo" | "kg" => Some("kg"),
        "gram" | "gramme" => Some("g"),
        "milligram" | "mg" => Some("mg"),
        "tonne" => Some("t"),
        "lb" | "lbs" | "pound-weight" => Some("lb"),
        "kilometre" | "kilometer" | "km" => Some("km"),
        "foot" | "feet" | "ft" => Some("ft"),
        "mile" | "mi" => Some("mi"),
        _ => None,
    }
}

/// Scale words and abbreviations that make "pounds" money.
const SCALE_WORDS: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "m", "mn", "mln", "k", "tn", "trn",
];

fn adjacent(a: &Token, b: &Token) -> bool {
    a.range.end == b.range.start
}

fn read_after(
    tokens: &[Token],
    first: usize,
    last: usize,
    n: &NumberMatch,
    numbers: &[NumberMatch],
    units: &Units,
) -> Option<Quantity> {
    let mut value_hi = None;
    let mut j = last + 1;
    // "40 to 50 articles", "40-50 articles", "between 40 and 50 articles"
    if let (Some(link), Some(next)) = (tokens.get(j), tokens.get(j + 1)) {
        if matches!(link.norm.as_str(), "to" | "-" | "and")
            && next
                .norm
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            if let Ok(v) = next.norm.replace(',', "").parse::<f64>() {
                if v > n.value {
                    value_hi = Some(v);
                    j += 2;
                }
            }
        }
    }
    // "20-year", and "20 -year" with a stray space before a hyphen that
    // still holds on to its unit
    let hyphen = tokens.get(j).is_some_and(|d| {
        d.norm == "-"
            && (adjacent(&tokens[j - 1], d)
                || tokens
                    .get(j + 1)
                    .is_some_and(|u| adjacent(d, u) && normalize::singular(&u.norm) == u.norm))
    });
    let (unit, unit_end, form) = if hyphen {
        // "47-article", "20-year"
        let (u, end) = unit_at(tokens, j + 1, units)?;
        // "20-year-long"
        let end = skip_long(tokens, end);
        (u, end, Form::Compound)
    } else if let Some((u, end)) = unit_at(tokens, j, units) {
        (u, skip_long(tokens, end), Form::Noun)
    } else if let Some(u) = currency_before(tokens, first, units) {
        // "$1.2 billion": the symbol is the unit
        (u, last, Form::Noun)
    } else {
        // modifiers between: "47 separate articles", "5,000 first generation
        // IR-1 centrifuges", "1,550 deployed strategic warheads"
        let (u, end) = unit_after_modifiers(tokens, j, numbers, units)
            .or_else(|| partitive_unit(tokens, j, numbers, units))?;
        (u, end, Form::Noun)
    };
    // the symbol's tokens: one, or two for "US$"
    let symbol = match currency_before(tokens, first, units) {
        Some(_) if first >= 2 && tokens[first - 1].norm == "$" => {
            let us = &tokens[first - 2];
            if us.norm == "us" && adjacent(us, &tokens[first - 1]) {
                2
            } else {
                1
            }
        }
        Some(_) => 1,
        None => 0,
    };
    let (qual_start, interval) = qualify(tokens, first - symbol, n.value, value_hi, unit);
    let mut unit = unit.clone();
    let mut unit_end = unit_end;
    // "$35 a month", "$95 per share": a rate, counted per something
    if form == Form::Noun {
        if let Some((per, end)) = rate_after(tokens, unit_end) {
            unit.per = Some(per);
            unit_end = end;
        }
    }
    Some(Quantity {
        range: tokens[qual_start].range.start..tokens[unit_end].range.end,
        number: Some(n.range.clone()),
        style: n.style,
        stated: n.value,
        interval,
        unit,
        form,
        tokens: qual_start..unit_end + 1,
    })
}

/// How many words of modifiers may stand between a number and its noun.
const MODIFIERS: usize = 3;

/// The unit (and its last token) that follows modifiers starting at token
/// `j`: lower-case open-class words, codes in capitals, and hyphenated
/// parts ("IR-1", "first-generation"); `None` when no unit follows them.
fn unit_after_modifiers<'u>(
    tokens: &[Token],
    j: usize,
    numbers: &[NumberMatch],
    units: &'u Units,
) -> Option<(&'u Unit, usize)> {
    let is_number = |t: &Token| numbers.iter().any(|m| m.range.contains(&t.range.start));
    let mut k = j;
    let mut words = 0;
    while let Some(t) = tokens.get(k) {
        if k > j {
            if let Some(found) = unit_at(tokens, k, units) {
                return Some(found);
            }
        }
        let joined = k > j && adjacent(&tokens[k - 1], t);
        let modifier = if t.norm == "-" {
            joined && tokens.get(k + 1).is_some_and(|n| adjacent(t, n))
        } else if is_number(t) {
            // "46 two decades" (two table cells) is two numbers; a digit is a
            // modifier only inside a code ("IR-1")
            joined && tokens[k - 1].norm == "-"
        } else {
            let code = t.original_word().len() > 1
                && t.original_word()
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            t.is_word()
                && t.norm != "percentage"
                && !NOT_BETWEEN.contains(&t.norm.as_str())
                && (!t.capitalized || code || joined)
        };
        if !modifier {
            break;
        }
        if t.is_word() && !joined {
            words += 1;
            if words > MODIFIERS {
                return None;
            }
        }
        k += 1;
    }
    None
}

/// A partitive: "4,060 of the oldest and least efficient centrifuges",
/// "300 of its 1,000 machines" is not one (a number inside is another count).
fn partitive_unit<'u>(
    tokens: &[Token],
    j: usize,
    numbers: &[NumberMatch],
    units: &'u Units,
) -> Option<(&'u Unit, usize)> {
    let of = tokens.get(j)?;
    let det = tokens.get(j + 1)?;
    if of.norm != "of" || !matches!(det.norm.as_str(), "the" | "its" | "their") {
        return None;
    }
    let mut k = j + 2;
    let mut words = 0;
    while let Some(t) = tokens.get(k) {
        if let Some(found) = unit_at(tokens, k, units) {
            return Some(found);
        }
        let glue = matches!(t.norm.as_str(), "and" | "or" | "-" | ",");
        if numbers.iter().any(|m| m.range.contains(&t.range.start))
            || !(t.is_word() || glue)
            || (!glue && NOT_BETWEEN.contains(&t.norm.as_str()))
        {
            return None;
        }
        words += usize::from(t.is_word());
        if words > 5 {
            return None;
        }
        k += 1;
    }
    None
}

/// The currency whose symbol or code stands right before token `first`:
/// "$69 billion", "US$369 billion", "€2m", "USD 69 billion", "EUR 5m".
fn currency_before<'u>(tokens: &[Token], first: usize, units: &'u Units) -> Option<&'u Unit> {
    let symbol = tokens.get(first.checked_sub(1)?)?;
    let word = match symbol.norm.as_str() {
        "$" | "us$" => "usd",
        "€" => "eur",
        "£" => "gbp",
        "¥" => "jpy",
        "₽" => "rub",
        "₹" => "inr",
        // a code in capitals: "USD 69 billion"
        code @ ("usd" | "eur" | "gbp" | "jpy" | "cny" | "chf")
            if symbol
                .original_word()
                .chars()
                .all(|c| c.is_ascii_uppercase()) =>
        {
            code
        }
        _ => return None,
    };
    units.get(word)
}

/// When a figure is money in another currency than a fact's: the two
/// currencies, the figure's first. Amounts are never converted.
pub fn other_currency<'d>(found: &'d Dimension, fact: &'d Dimension) -> Option<(&'d str, &'d str)> {
    match (found, fact) {
        (Dimension::Money(a), Dimension::Money(b)) if a != b => Some((a, b)),
        _ => None,
    }
}

/// The name of a currency code, for messages: "usd" is "US dollars".
pub fn currency_name(code: &str) -> &str {
    match code {
        "usd" => "US dollars",
        "eur" => "euros",
        "gbp" => "pounds",
        "jpy" => "yen",
        "cny" => "yuan",
        "rub" => "roubles",
        "inr" => "rupees",
        "chf" => "Swiss francs",
        other => other,
    }
}

/// Denominators after "a" or "an" that make a rate: "$35 a month".
const RATE_AFTER_A: &[&str] = &[
    "year", "month", "week", "day", "hour", "night", "share", "head", "person", "barrel", "tonne",
    "ton", "gallon", "litre", "liter", "unit", "piece", "kilogram", "pound",
];

/// A denominator after the quantity's last token `end`: "a month", "per
/// share", "/month", "annually". Returns the denominator, singular, and
/// its last token.
fn rate_after(tokens: &[Token], end: usize) -> Option<(String, usize)> {
    let t = tokens.get(end + 1)?;
    let adverb = match t.norm.as_str() {
        "annually" | "yearly" => Some("year"),
        "monthly" => Some("month"),
        "weekly" => Some("week"),
        "daily" => Some("day"),
        "hourly" => Some("hour"),
        _ => None,
    };
    if let Some(per) = adverb {
        return Some((per.to_owned(), end + 1));
    }
    let next = tokens.get(end + 2)?;
    if !next.is_word() {
        return None;
    }
    let word = normalize::singular(next.base()).into_owned();
    let word = match word.as_str() {
        "annum" | "yr" => "year".to_owned(),
        "mo" => "month".to_owned(),
        _ => word,
    };
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let is_denominator = match t.norm.as_str() {
        "per" => {
            !next.capitalized
                && !NOT_BETWEEN.contains(&word.as_str())
                && !matches!(word.as_str(), "cent" | "se")
        }
        "/" => adjacent(t, next),
        "a" | "an" => RATE_AFTER_A.contains(&word.as_str()),
        _ => false,
    };
    is_denominator.then_some((word, end + 2))
}

/// Past a trailing "-long" or "long" after a unit.
fn skip_long(tokens: &[Token], end: usize) -> usize {
    match (tokens.get(end + 1), tokens.get(end + 2)) {
        (Some(d), Some(l)) if d.norm == "-" && l.norm == "long" => end + 2,
        _ => end,
    }
}

fn read_unit_alone(tokens: &[Token], i: usize, units: &Units) -> Option<Quantity> {
    // most words name no time unit: said without looking them up
    if !units.time.may_start(tokens.get(i)?) {
        return None;
    }
    let (unit, end) = unit_at(tokens, i, units)?;
    if unit.dimension != Dimension::Time {
        return None;
    }
    let end_long = skip_long(tokens, end);
    let prev = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
    let singular_form = normalize::singular(&tokens[end].norm) == tokens[end].norm
        || tokens[end].norm.contains('-');
    // "half a century", "a quarter of a century", "three quarters of a decade"
    let fraction = |at: usize| -> Option<(usize, f64)> {
        let word = |k: usize| at.checked_sub(k).map(|p| tokens[p].norm.as_str());
        match (word(4), word(3), word(2), word(1)) {
            (_, _, Some("half"), Some("a" | "an")) => Some((at - 2, 0.5)),
            (Some("a" | "one"), Some("quarter"), Some("of"), Some("a")) => Some((at - 4, 0.25)),
            (Some("three"), Some("quarters"), Some("of"), Some("a")) => Some((at - 4, 0.75)),
            (_, Some("quarter"), Some("of"), Some("a")) => Some((at - 3, 0.25)),
            _ => None,
        }
    };
    let mut share = 1.0;
    let (start, form) = if end_long > end {
        (i, Form::Compound)
    } else if let Some((from, part)) = fraction(i).filter(|_| singular_form) {
        share = part;
        (from, Form::Noun)
    } else if matches!(prev, Some("a" | "an" | "one")) && singular_form {
        (i - 1, Form::Noun)
    } else if unit.factor >= 10.0
        && singular_form
        && tokens.get(end + 1).is_some_and(|t| t.is_word())
    {
        // "a quarter-century pact"
        (i, Form::Compound)
    } else {
        return None;
    };
    let (qual_start, interval) = qualify(tokens, start, share, None, unit);
    Some(Quantity {
        range: tokens[qual_start].range.start..tokens[end_long].range.end,
        number: None,
        style: NumberStyle::Digits,
        stated: share,
        interval,
        unit: unit.clone(),
        form,
        tokens: qual_start..end_long + 1,
    })
}

/// "about 45": within a tenth either way.
fn about(base: f64) -> Interval {
    Interval {
        lo: base * 0.9,
        hi: base * 1.1,
        lo_open: false,
        hi_open: false,
    }
}

/// Reads the qualifier before token `first` ("more than", "about", "between")
/// and returns where the mention starts and the interval it means.
fn qualify(
    tokens: &[Token],
    first: usize,
    v: f64,
    hi: Option<f64>,
    unit: &Unit,
) -> (usize, Interval) {
    let factor = unit.factor;
    let before =
        |k: usize| -> Option<&str> { first.checked_sub(k).map(|p| tokens[p].norm.as_str()) };
    let base = v * factor;
    if let Some(hi) = hi {
        let start = if before(1) == Some("between") || before(1) == Some("from") {
            first - 1
        } else {
            first
        };
        return (
            start,
            Interval {
                lo: base,
                hi: hi * factor,
                lo_open: false,
                hi_open: false,
            },
        );
    }
    // "approx. 45", "c. 45": an abbreviated qualifier's full stop is skipped
    let abbreviated =
        before(1) == Some(".") && matches!(before(2), Some("approx" | "c" | "ca" | "appr"));
    if abbreviated {
        return (first - 2, about(base));
    }
    let three = (before(3), before(2), before(1));
    let two = (before(2), before(1));
    let open_above = Interval {
        lo: base,
        hi: f64::INFINITY,
        lo_open: true,
        hi_open: false,
    };
    let from_below = Interval {
        lo: base,
        hi: f64::INFINITY,
        lo_open: false,
        hi_open: false,
    };
    let open_below = Interval {
        lo: 0.0,
        hi: base,
        lo_open: false,
        hi_open: true,
    };
    let up_to = Interval {
        lo: 0.0,
        hi: base,
        lo_open: false,
        hi_open: false,
    };
    let about = about(base);
    let nearly = Interval {
        lo: base * 0.9,
        hi: base,
        lo_open: false,
        hi_open: true,
    };
    match three {
        (Some("no"), Some("fewer" | "less"), Some("than")) => return (first - 3, from_below),
        (Some("no"), Some("more"), Some("than")) => return (first - 3, up_to),
        (Some("a"), Some("little"), Some("over")) => return (first - 3, open_above),
        (Some("in"), Some("excess"), Some("of")) => return (first - 3, open_above),
        _ => {}
    }
    match two {
        (Some("more" | "greater" | "longer"), Some("than")) => (first - 2, open_above),
        (Some("upwards"), Some("of")) => (first - 2, open_above),
        (Some("at"), Some("least")) => (first - 2, from_below),
        (Some("fewer" | "less" | "shorter"), Some("than")) => (first - 2, open_below),
        (Some("up"), Some("to")) | (Some("at"), Some("most")) => (first - 2, up_to),
        (Some("close"), Some("to")) => (first - 2, nearly),
        (Some("just"), Some("under")) => (first - 2, nearly),
        (Some("just"), Some("over")) => (first - 2, open_above),
        _ => match before(1) {
            // "spans 47 articles over 20 years": before a duration, "over" may
            // mean "during" as well as "more than"; only the bound is sure
            Some("over") if unit.dimension == Dimension::Time => (first - 1, from_below),
            Some("over" | "above" | "exceeding") => (first - 1, open_above),
            Some("under" | "below") => (first - 1, open_below),
            Some(
                "about" | "around" | "roughly" | "approximately" | "some" | "circa" | "approx"
                | "~",
            ) => (first - 1, about),
            Some("nearly" | "almost") => (first - 1, nearly),
            _ => (first, Interval::exact(base)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::numbers::find_numbers;
    use super::super::tokens::tokenize;
    use super::*;

    proptest::proptest! {
        /// The test before a word is looked up as a time unit alone never
        /// rules out a word that `unit_at` reads as one.
        #[test]
        fn the_time_word_test_never_skips_a_time_unit(
            parts in proptest::collection::vec(proptest::sample::select(UNIT_FRAGMENTS), 0..10)
        ) {
            let mut units = Units::builtin();
            units.add_count("article", "article");
            let text = parts.concat();
            let tokens = tokenize(&text, 0..text.len());
            for i in 0..tokens.len() {
                let time = unit_at(&tokens, i, &units)
                    .is_some_and(|(u, _)| u.dimension == Dimension::Time);
                if time {
                    proptest::prop_assert!(units.time.may_start(&tokens[i]), "{text:?} at {i}");
                }
            }
        }
    }

    /// Unit words and the words around them.
    const UNIT_FRAGMENTS: &[&str] = &[
        " ",
        "-",
        "–",
        "'s",
        "’s",
        "'",
        "20",
        "a",
        "the",
        "year",
        "years",
        "Year",
        "YEARS",
        "yr",
        "yrs",
        "decade",
        "decades",
        "decade's",
        "century",
        "centuries",
        "quarter",
        "half",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "daily",
        "yearly",
        "ies",
        "s",
        "per",
        "cent",
        "%",
        "pound",
        "pounds",
        "percentage",
        "articles",
        "dollars",
        "more",
        "with",
        "dies",
    ];

    #[test]
    fn most_words_are_no_time_unit() {
        let units = Units::builtin();
        let passed = |text: &str| -> Vec<String> {
            tokenize(text, 0..text.len())
                .iter()
                .filter(|t| units.time.may_start(t))
                .map(|t| t.norm.to_string())
                .collect()
        };
        // "quarter" heads "quarter-century"
        assert_eq!(
            passed("the treaty was signed with more than a quarter of the votes"),
            ["quarter"]
        );
        assert_eq!(
            passed("for two decades, a year and a half-century"),
            ["decades", "year", "half", "century"]
        );
    }

    /// (mention text, interval lo, interval hi, form) of each quantity, with
    /// "article" known as a count noun.
    fn read(text: &str) -> Vec<(&str, f64, f64, Form)> {
        let mut units = Units::builtin();
        units.add_count("article", "article");
        let tokens = tokenize(text, 0..text.len());
        find(&tokens, &find_numbers(text), &units)
            .into_iter()
            .map(|q| (&text[q.range], q.interval.lo, q.interval.hi, q.form))
            .collect()
    }

    /// (mention text, interval lo in kilograms) of each mass.
    fn masses(text: &str) -> Vec<(&str, f64)> {
        read(text)
            .into_iter()
            .map(|(m, lo, _, _)| (m, (lo * 1000.0).round() / 1000.0))
            .collect()
    }

    #[test]
    fn pounds_that_open_a_text_weigh() {
        let text = "pounds of grain";
        let tokens = tokenize(text, 0..text.len());
        assert!(weighs(&tokens, 0));
    }

    #[test]
    fn masses_convert_to_kilograms() {
        assert_eq!(masses("a cap of 300kg"), [("300kg", 300.0)]);
        assert_eq!(masses("0.3 tonnes of it"), [("0.3 tonnes", 300.0)]);
        assert_eq!(masses("2,500 grams"), [("2,500 grams", 2.5)]);
        assert_eq!(masses("661lbs"), [("661lbs", 299.825)]);
        assert_eq!(masses("a 300-kilogram limit"), [("300-kilogram", 300.0)]);
    }

    #[test]
    fn pounds_weigh_only_when_they_weigh_something() {
        let dims = |text: &str| -> Vec<Dimension> {
            let tokens = tokenize(text, 0..text.len());
            find(&tokens, &find_numbers(text), &Units::builtin())
                .into_iter()
                .map(|q| q.unit.dimension)
                .collect()
        };
        let mass = Dimension::Measure("mass");
        let gbp = Dimension::Money("gbp".to_owned());
        assert_eq!(dims("661 pounds of flour"), vec![mass.clone()]);
        assert_eq!(dims("300 kg (661 pounds)"), vec![mass.clone(), mass]);
        assert_eq!(dims("5 million pounds of funding"), vec![gbp.clone()]);
        assert_eq!(dims("tickets cost 20 pounds"), vec![gbp.clone()]);
        assert_eq!(dims("a fine of 50 pounds"), vec![gbp]);
        assert_eq!(
            dims("the cap is 661 pounds and no more"),
            vec![Dimension::Measure("mass")]
        );
    }

    #[test]
    fn numbers_with_units_in_noun_and_compound_forms() {
        assert_eq!(
            read("it has 47 articles"),
            vec![("47 articles", 47.0, 47.0, Form::Noun)]
        );
        assert_eq!(
            read("a forty-two-article text"),
            vec![("forty-two-article", 42.0, 42.0, Form::Compound)]
        );
        assert_eq!(
            read("two decades"),
            vec![("two decades", 20.0, 20.0, Form::Noun)]
        );
        assert_eq!(read("a decade-long pact")[0].1, 10.0);
        assert_eq!(read("47 separate articles")[0].0, "47 separate articles");
    }

    #[test]
    fn lengths_convert_to_metres() {
        let unit_of = |text: &str| {
            let tokens = tokenize(text, 0..text.len());
            find(&tokens, &find_numbers(text), &Units::builtin())
                .into_iter()
                .map(|q| (q.unit.dimension, q.unit.name))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("a 40-kilometre trail"),
            vec![("40-kilometre", 40_000.0, 40_000.0, Form::Compound)]
        );
        assert_eq!(read("the trail runs 25 miles")[0].1, 25.0 * 1609.344);
        assert_eq!(read("a ridge 3,000 feet high")[0].1, 3000.0 * 0.3048);
        assert_eq!(read("12 km of track")[0].1, 12_000.0);
        assert_eq!(read("a 5 ft wall")[0].1, 5.0 * 0.3048);
        assert_eq!(
            unit_of("a tower of 120 metres"),
            [(Dimension::Measure("length"), "metre".to_owned())]
        );
        // "m" after a number is no metre: it is as often "million"
        assert!(unit_of("a 400m sprint").is_empty());
    }

    #[test]
    fn qualifiers_make_intervals() {
        let r = read("more than 40 articles");
        assert_eq!(r[0].0, "more than 40 articles");
        assert!(r[0].2.is_infinite());
        assert_eq!(
            read("in excess of 40 articles")[0].0,
            "in excess of 40 articles"
        );
        let about = read("approx. 45 articles");
        assert_eq!(about[0].0, "approx. 45 articles");
        assert!((about[0].1 - 40.5).abs() < 1e-9 && (about[0].2 - 49.5).abs() < 1e-9);
        assert_eq!(read("up to 50 articles")[0].2, 50.0);
    }

    #[test]
    fn a_number_may_take_its_unit_from_an_earlier_quantity() {
        let r = read("not 45 articles, it has 47.");
        assert_eq!(
            r.iter().map(|q| q.0).collect::<Vec<_>>(),
            vec!["45 articles", "47"]
        );
        assert_eq!(r[1].1, 47.0);
        assert_eq!(read("runs for 25 years; it runs for 20")[1].1, 20.0);
        // a year, a figure before a noun, or a number with nothing before it
        assert_eq!(read("47 articles, signed in 2025.").len(), 1);
        assert_eq!(read("47 articles and 9 chapters").len(), 1);
        assert_eq!(read("47 articles. 12").len(), 1);
    }

    #[test]
    fn an_elided_number_may_be_a_subject_a_partitive_or_qualified() {
        let texts = |text: &'static str| -> Vec<&'static str> {
            read(text).into_iter().map(|q| q.0).collect()
        };
        // the subject of a verb, after "which" and a qualifier
        assert_eq!(
            texts("cut from 900 articles to 600, of which just over 400 would stay."),
            ["900 articles", "600", "just over 400"]
        );
        // a partitive after "only"
        assert_eq!(
            texts("it keeps 600 articles, with only 450 of these in force"),
            ["600 articles", "450"]
        );
        // the unit from a "number of" phrase, with no quantity before
        assert_eq!(
            texts("it cut the number of articles from more than 90 to 47, in all"),
            ["47"]
        );
        assert_eq!(read("the number of articles fell to 47.")[0].1, 47.0);
        // a number before a verb with no word of ellipsis before it, and a
        // year after "to", stay unread
        assert_eq!(
            texts("it has 47 articles; 300 will attend."),
            ["47 articles"]
        );
        assert_eq!(texts("it has 47 articles, up to 2030."), ["47 articles"]);
    }

    #[test]
    fn a_count_noun_said_without_a_number_is_recalled_for_a_bare_one() {
        let forms = |text: &'static str| -> Vec<(&'static str, Form)> {
            read(text).into_iter().map(|q| (q.0, q.3)).collect()
        };
        // the noun, then the number after "to" with a qualifier
        assert_eq!(
            forms("The code trims its articles by half, to about 40 of the older kind."),
            [("about 40", Form::Recalled)]
        );
        // taken up by "of": "a cap of no more than 40"
        assert_eq!(
            forms("Articles: a cap of no more than 40, for now."),
            [("no more than 40", Form::Recalled)]
        );
        // a "number of" phrase recalls its noun the same way
        assert_eq!(
            forms("it cut the number of articles to 47."),
            [("47", Form::Recalled)]
        );
        // a noun a number already counts is no antecedent; a number after an
        // earlier quantity takes that quantity's unit as before
        assert_eq!(
            forms("it had 90 articles and cut them to 47."),
            [("90 articles", Form::Noun), ("47", Form::Noun)]
        );
        // a noun that modifies another is none, nor is a number followed by
        // its own noun, nor a year
        assert!(forms("the article index grew to 47.").is_empty());
        assert!(forms("its articles went to 47 pages.").is_empty());
        assert!(forms("its articles run to 2030.").is_empty());
    }

    #[test]
    fn fractions_of_a_unit() {
        assert_eq!(read("for half a century")[0].0, "half a century");
        assert_eq!(read("for half a century")[0].1, 50.0);
        assert_eq!(
            read("for a quarter of a century")[0].0,
            "a quarter of a century"
        );
        assert_eq!(read("for a quarter of a century")[0].1, 25.0);
        assert_eq!(read("three quarters of a decade")[0].1, 7.5);
    }

    #[test]
    fn a_range_is_one_quantity() {
        for text in [
            "between 40 and 50 articles",
            "40-50 articles",
            "40 to 50 articles",
        ] {
            let r = read(text);
            assert_eq!(r.len(), 1, "{text}");
            assert_eq!((r[0].1, r[0].2), (40.0, 50.0), "{text}");
        }
    }

    /// (mention text, currency or count, per, interval lo) of each quantity.
    fn read_money(text: &str) -> Vec<(&str, String, Option<String>, f64)> {
        let mut units = Units::builtin();
        units.add_count("share", "share");
        let tokens = tokenize(text, 0..text.len());
        find(&tokens, &find_numbers(text), &units)
            .into_iter()
            .map(|q| {
                let what = match &q.unit.dimension {
                    Dimension::Money(c) | Dimension::Count(c) => c.clone(),
                    Dimension::Time => "time".to_owned(),
                    Dimension::Measure(kind) => (*kind).to_owned(),
                };
                (&text[q.range], what, q.unit.per, q.interval.lo)
            })
            .collect()
    }

    #[test]
    fn money_with_signs_codes_and_words() {
        let usd = |v: f64| ("usd".to_owned(), v);
        for (text, mention, value) in [
            ("the plan costs $72B now", "$72B", 72e9),
            ("the plan costs $72 bn now", "$72 bn", 72e9),
            ("the plan costs $1.8trn now", "$1.8trn", 1.8e12),
            ("the plan costs $1.8 trillion now", "$1.8 trillion", 1.8e12),
            ("the plan costs US$412 billion now", "US$412 billion", 412e9),
            ("the plan costs $ 412 billion now", "$ 412 billion", 412e9),
            (
                "the plan costs 72 billion dollars now",
                "72 billion dollars",
                72e9,
            ),
            ("the plan costs USD 72 billion now", "USD 72 billion", 72e9),
            ("the plan costs $6 mln now", "$6 mln", 6e6),
            ("the plan costs $6,400 now", "$6,400", 6400.0),
            ("the plan costs $6 400 now", "$6 400", 6400.0),
        ] {
            let r = read_money(text);
            assert_eq!(r.len(), 1, "{text}: {r:?}");
            assert_eq!(r[0].0, mention, "{text}");
            assert_eq!((r[0].1.clone(), r[0].3), usd(value), "{text}");
            assert_eq!(r[0].2, None, "{text}");
        }
        for (text, currency, value) in [
            ("a grant of €3m", "eur", 3e6),
            ("a grant of EUR 3m", "eur", 3e6),
            ("a grant of £71.4 billion", "gbp", 71.4e9),
            ("a grant of GBP 71.4 billion", "gbp", 71.4e9),
            ("a grant of 3 million euros", "eur", 3e6),
            ("a grant of ¥900 million", "jpy", 9e8),
            ("a grant of 900 million yen", "jpy", 9e8),
        ] {
            let r = read_money(text);
            assert_eq!(r.len(), 1, "{text}: {r:?}");
            assert_eq!((r[0].1.as_str(), r[0].3), (currency, value), "{text}");
        }
        // a code must be in capitals: "eur" alone is no currency
        assert!(read_money("the eur 3 plan").is_empty());
    }

    #[test]
    fn rates_carry_their_denominator() {
        for (text, mention, per) in [
            ("fees of $42 a month apply", "$42 a month", "month"),
            ("fees of $42 per month apply", "$42 per month", "month"),
            ("fees of $42/month apply", "$42/month", "month"),
            ("fees of $42 monthly apply", "$42 monthly", "month"),
            ("an offer of $81 per share", "$81 per share", "share"),
            ("an offer of $81 a share", "$81 a share", "share"),
            ("fees of $3,100 per year", "$3,100 per year", "year"),
            ("fees of $3,100 annually", "$3,100 annually", "year"),
            ("fees of $3,100 per annum", "$3,100 per annum", "year"),
            (
                "fees of 9 million euros a year",
                "9 million euros a year",
                "year",
            ),
        ] {
            let r = read_money(text);
            assert_eq!(r.len(), 1, "{text}: {r:?}");
            assert_eq!(r[0].0, mention, "{text}");
            assert_eq!(r[0].2.as_deref(), Some(per), "{text}");
        }
        // not denominators
        for text in [
            "fees of $42 per the contract",
            "fees of $42 a deal",
            "fees of $42 per cent",
            "fees of $42 a. month",
            "fees of $42, per se",
            "fees of $42 per se",
            "fees of $42 per 100 visits",
        ] {
            let r = read_money(text);
            assert!(r.iter().all(|q| q.2.is_none()), "{text}: {r:?}");
        }
    }

    #[test]
    fn references_are_not_counts() {
        assert_eq!(read("Article 12 articles"), vec![]);
    }

    #[test]
    fn intervals_contain_their_bounds_as_stated() {
        let open = Interval {
            lo: 40.0,
            hi: f64::INFINITY,
            lo_open: true,
            hi_open: false,
        };
        assert!(open.contains(47.0) && !open.contains(40.0));
        assert!(Interval::exact(47.0).contains(47.0) && !Interval::exact(47.0).contains(46.0));
    }

    mod prop {
        use super::super::Interval;
        use proptest::prelude::*;

        fn interval() -> impl Strategy<Value = Interval> {
            (-1e6..1e6f64, 0.0..1e6f64, any::<bool>(), any::<bool>()).prop_map(
                |(lo, width, lo_open, hi_open)| Interval {
                    lo,
                    hi: lo + width,
                    lo_open,
                    hi_open,
                },
            )
        }

        proptest! {
            #[test]
            fn exact_contains_only_its_value(v in -1e9..1e9f64, d in 1e-3..1e3f64) {
                let i = Interval::exact(v);
                prop_assert!(i.is_exact());
                prop_assert!(i.contains(v));
                prop_assert!(!i.contains(v + d.max(v.abs() * 1e-6)));
                prop_assert!(!i.contains(v - d.max(v.abs() * 1e-6)));
            }

            #[test]
            fn inside_outside_and_the_ends(i in interval(), t in 0.0..1.0f64) {
                let margin = 1e-6 * (i.hi - i.lo).max(i.lo.abs()).max(i.hi.abs()).max(1.0);
                // Well inside is contained, well outside is not.
                if i.hi - i.lo > 4.0 * margin {
                    let v = i.lo + 2.0 * margin + t * (i.hi - i.lo - 4.0 * margin);
                    prop_assert!(i.contains(v), "{i:?} {v}");
                }
                prop_assert!(!i.contains(i.lo - 2.0 * margin - 1.0));
                prop_assert!(!i.contains(i.hi + 2.0 * margin + 1.0));
                // A closed end is in, an open one is not.
                if i.hi - i.lo > 4.0 * margin {
                    prop_assert_eq!(i.contains(i.lo), !i.lo_open, "{:?}", i);
                    prop_assert_eq!(i.contains(i.hi), !i.hi_open, "{:?}", i);
                }
            }

            #[test]
            fn containment_is_monotone_in_openness(i in interval(), v in -2e6..2e6f64) {
                // Closing an end never loses a value.
                let closed = Interval { lo_open: false, hi_open: false, ..i };
                if i.contains(v) {
                    prop_assert!(closed.contains(v), "{i:?} {v}");
                }
            }
        }
    }
}
