//! Whether a claim is denied, asked about or asserted: a NegEx-style detector
//! over tokens. A negation cue opens a scope that runs to the end of its clause
//! (or a few words); a claim inside a scope is denied. Questions and
//! `whether`/`if` clauses assert nothing.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::tokens::Token;

/// What a sentence does with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// The claim is stated as true.
    Affirmed,
    /// The claim is stated as false ("does not include a …").
    Denied,
    /// The claim is asked about or supposed, not stated ("whether it has …").
    Open,
}

/// Cues that deny what follows them. Multi-word cues are matched on
/// normalised tokens.
const PRE_CUES: &[&[&str]] = &[
    &["not"],
    &["no"],
    &["never"],
    &["without"],
    &["lacks"],
    &["lack"],
    &["lacked"],
    &["lacking"],
    &["none"],
    &["neither"],
    &["nor"],
    &["nothing"],
    &["stops", "short", "of"],
    &["stopped", "short", "of"],
    &["stop", "short", "of"],
    &["stopping", "short", "of"],
    &["falls", "short", "of"],
    &["fell", "short", "of"],
    &["fall", "short", "of"],
    &["rather", "than"],
    &["instead", "of"],
    &["free", "of"],
    &["absence", "of"],
    &["excludes"],
    &["excluded"],
    &["omits"],
    &["omitted"],
    &["rules", "out"],
    &["ruled", "out"],
    &["denied"],
    &["denies"],
    &["deny"],
    &["rejected"],
    &["dropped"],
    // a claim reported only to be corrected: "some outlets wrongly said 45"
    &["wrongly"],
    &["falsely"],
    &["erroneously"],
    &["mistakenly"],
    &["incorrectly"],
    // negative predicates: what is "distinct from" or "far from" a thing is not it
    &["distinct", "from"],
    &["different", "from"],
    &["differs", "from"],
    &["differ", "from"],
    &["differed", "from"],
    &["far", "from"],
    &["short", "of"],
    &["no", "longer"],
    // verbs that forbid what they govern: "bars either side from aiding …"
    &["prohibit"],
    &["prohibits"],
    &["prohibited"],
    &["prohibiting"],
    &["forbid"],
    &["forbids"],
    &["forbidden"],
    &["forbidding"],
    &["precludes"],
    &["precluded"],
    &["excluding"],
    &["bars"],
    &["barred"],
    &["barring"],
    &["bans"],
    &["banned"],
    &["banning"],
    &["prevents"],
    &["prevented"],
    &["preventing"],
    // "cannot" is one word, where "can not" and "can't" have their "not"
    &["cannot"],
];

/// Cues that deny what comes before them in the same clause ("a mutual
/// defence clause is not part of it", "Mutual defence clause: none").
const POST_CUES: &[&[&str]] = &[
    &["none"],
    &["no"],
    &["not", "part", "of"],
    &["not", "included"],
    &["not", "in"],
    &["is", "absent"],
    &["are", "absent"],
    &["was", "absent"],
    &["absent"],
    &["missing"],
    &["excluded"],
    &["omitted"],
    &["left", "out"],
    &["was", "dropped"],
    &["were", "dropped"],
    &["n/a"],
    // a claim named only to be corrected: "reports of 45 articles were wrong"
    &["was", "wrong"],
    &["were", "wrong"],
    &["is", "wrong"],
    &["are", "wrong"],
    &["was", "incorrect"],
    &["were", "incorrect"],
    &["is", "incorrect"],
    &["are", "incorrect"],
    &["was", "false"],
    &["were", "false"],
    &["is", "false"],
    &["are", "false"],
    &["was", "inaccurate"],
    &["were", "inaccurate"],
    &["proved", "wrong"],
    &["proved", "false"],
];

/// Word sequences that contain a cue but deny nothing.
const PSEUDO: &[&[&str]] = &[
    &["not", "only"],
    &["not", "just"],
    &["not", "merely"],
    &["no", "doubt"],
    &["no", "less", "than"],
    &["not", "least"],
    &["no", "one"],
    &["no", "sooner"],
];

/// Words that open a clause and so close a negation scope.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "although", "though", "however", "yet", "while", "whereas", "except", "because",
    "since", "unlike", "which", "who",
];

/// Words that make the rest of their clause a question or a supposition.
/// Modal verbs of possibility and verbs of wanting open one too: "could
/// include", "critics want it to include", "Tehran had hoped it would".
const OPENERS: &[&str] = &[
    "whether", "if", "unless", "could", "might", "may", "want", "wants", "wanted", "wanting",
    "hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished", "seek", "seeks", "sought",
    "seeking", "aim", "aims", "aimed", "aiming", "demand", "demands", "demanded", "urge", "urges",
    "urged", "propose", "proposes", "proposed",
];

/// Adjuncts that set out a condition: what stands after them in their clause
/// is supposed, not stated ("help in the event of an attack on one side").
const CONDITIONS: &[&[&str]] = &[
    &["in", "the", "event", "of"],
    &["in", "the", "event", "that"],
    &["in", "case", "of"],
    &["in", "the", "case", "of"],
    &["in", "the", "case", "that"],
    &["provided", "that"],
];

/// Words that open a conditional when they open the sentence: "Had the
/// treaty included …", "Should it run for …", "Were it to …".
const INVERTED_CONDITIONALS: &[&str] = &["had", "should", "were"];

/// How many words a negation scope reaches at most.
const SCOPE: usize = 9;

fn matches_at(tokens: &[Token], at: usize, words: &[&str]) -> bool {
    match_len(tokens, at, words).is_some()
}

/// Words that may stand inside a cue without changing it: "falls well
/// short of", "stops far short of".
const INTENSIFIERS: &[&str] = &["well", "far", "way", "just", "clearly"];

/// How many tokens the cue `words` takes at `at`, intensifiers inside it
/// included.
fn match_len(tokens: &[Token], at: usize, words: &[&str]) -> Option<usize> {
    let mut k = at;
    for (n, w) in words.iter().enumerate() {
        if n > 0 {
            while tokens
                .get(k)
                .is_some_and(|t| INTENSIFIERS.contains(&t.norm.as_str()) && t.norm != *w)
            {
                k += 1;
            }
        }
        let t = tokens.get(k)?;
        if !(t.norm == *w || (*w == "not" && t.norm.ends_with("n't"))) {
            return None;
        }
        k += 1;
    }
    Some(k - at)
}

/// A clause ends at these: strong punctuation, or a comma before a clause opener.
fn ends_clause(tokens: &[Token], i: usize) -> bool {
    tokens[i].norm == "\"" || ends_clause_within_quotes(tokens, i)
}

/// A clause end where quotation marks do not count: inside a negation's
/// scope a quoted phrase is a scare quote ("not a 'defence pact'").
fn ends_clause_within_quotes(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.norm.as_str() {
        ";" | ":" | "(" | ")" | "?" | "!" | "." => true,
        "-" => {
            // a spaced dash (" – ") separates clauses; a hyphen inside a word does not
            let prev_end = i.checked_sub(1).map(|p| tokens[p].range.end);
            prev_end.is_some_and(|e| e < t.range.start)
        }
        // "… no defence clause and will remain in force": a conjunction before
        // an auxiliary starts a new predicate, out of the negation's reach
        "and" | "or" => tokens.get(i + 1).is_some_and(|n| {
            AUXILIARIES.contains(&n.norm.as_str())
                // "… and commits both sides to …": a word that takes an
                // object right away is a verb, the start of a new predicate
                || (n.is_word()
                    && !OBJECT_STARTS.contains(&n.norm.as_str())
                    && tokens
                        .get(i + 2)
                        .is_some_and(|o| OBJECT_STARTS.contains(&o.norm.as_str())))
        }),
        _ => CLAUSE_OPENERS.contains(&t.norm.as_str()),
    }
}

/// Words that open a verb's object: after "and W", they show W to be a verb.
const OBJECT_STARTS: &[&str] = &[
    "the", "a", "an", "both", "each", "either", "its", "their", "his", "her", "them", "it", "this",
    "these", "that", "to", "us", "him",
];

/// Auxiliary and modal verbs, which open a predicate of their own.
const AUXILIARIES: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "is", "are", "was",
    "were", "has", "have", "had", "does", "did", "remains", "remain",
];

fn is_soft_break(t: &Token) -> bool {
    t.norm == ","
}

/// The polarity of the claim at token indices `claim` in a sentence's tokens.
pub fn polarity(tokens: &[Token], claim: Range<usize>) -> Polarity {
    let sentence_is_question = tokens.last().is_some_and(|t| t.norm == "?")
        || tokens.iter().rev().take(3).any(|t| t.norm == "?");
    if sentence_is_question {
        return Polarity::Open;
    }
    if opened_by(tokens, claim.start, OPENERS)
        || inverted_conditional(tokens, claim.start)
        || conditioned(tokens, claim.start)
    {
        return Polarity::Open;
    }
    if denied_before(tokens, claim.start) || denied_after(tokens, claim.end) {
        Polarity::Denied
    } else {
        Polarity::Affirmed
    }
}

/// Whether the claim stands in a sentence-opening inverted conditional,
/// before the comma that ends it.
fn inverted_conditional(tokens: &[Token], start: usize) -> bool {
    tokens
        .first()
        .is_some_and(|t| t.capitalized && INVERTED_CONDITIONALS.contains(&t.norm.as_str()))
        && !tokens[..start.min(tokens.len())]
            .iter()
            .any(|t| t.norm == ",")
}

/// Whether a conditional adjunct ("in the event of") stands before the
/// claim in its clause.
fn conditioned(tokens: &[Token], start: usize) -> bool {
    let mut i = start;
    while i > 0 {
        i -= 1;
        if ends_clause(tokens, i) || is_soft_break(&tokens[i]) {
            return false;
        }
        if CONDITIONS
            .iter()
            .any(|c| match_len(tokens, i, c).is_some_and(|len| i + len <= start))
        {
            return true;
        }
    }
    false
}

/// Whether a word of `words` opens the clause the claim starts in.
fn opened_by(tokens: &[Token], start: usize, words: &[&str]) -> bool {
    let mut i = start;
    while i > 0 {
        i -= 1;
        if (ends_clause(tokens, i) || is_soft_break(&tokens[i]))
            && !words.contains(&tokens[i].norm.as_str())
        {
            return false;
        }
        // "we want to stress that …": a "that" clause is the complement of the
        // verb right before it, out of a wish's reach; "hoped that …" is not
        if tokens[i].norm == "that" && i > 0 && !words.contains(&tokens[i - 1].norm.as_str()) {
            return false;
        }
        // "May" with a capital is the month: "In May Russia signed …"
        let month = tokens[i].norm == "may" && tokens[i].capitalized;
        if words.contains(&tokens[i].norm.as_str()) && !month {
            return true;
        }
    }
    false
}

/// Whether a token may start a negation cue: the first word of one of
/// [`PRE_CUES`] or [`POST_CUES`], or a contracted "not". Most words start
/// none, and one lookup says so instead of a comparison with every cue.
fn may_start_cue(t: &Token) -> bool {
    static FIRST_WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        PRE_CUES
            .iter()
            .chain(POST_CUES)
            .filter_map(|cue| cue.first().copied())
            .collect()
    });
    first_words.contains(t.norm.as_str()) || t.norm.ends_with("n't")
}

/// The longest of `cues` ([`PRE_CUES`] or [`POST_CUES`]) at token `at`.
fn cue_at(tokens: &[Token], at: usize, cues: &[&[&str]]) -> Option<usize> {
    if !may_start_cue(tokens.get(at)?) {
        return None;
    }
    if PSEUDO.iter().any(|p| matches_at(tokens, at, p)) {
        return None;
    }
    cues.iter().filter_map(|c| match_len(tokens, at, c)).max()
}

/// How many conjuncts a negation reaches across: "not X or Y", "neither X
/// nor Y", "no X and the Y".
const CONJUNCTS: usize = 3;

fn denied_before(tokens: &[Token], start: usize) -> bool {
    let mut words = 0;
    let mut conjuncts = 1;
    let mut i = start;
    while i > 0 {
        i -= 1;
        if ends_clause_within_quotes(tokens, i) || is_soft_break(&tokens[i]) {
            return false;
        }
        // each conjunct of a coordination has its own reach: in "does not
        // mean an alliance with Iran or mutual aid" the denial covers both
        if coordinates_phrases(tokens, i) && conjuncts < CONJUNCTS {
            conjuncts += 1;
            words = 0;
            continue;
        }
        if let Some(len) = cue_at(tokens, i, PRE_CUES) {
            // the cue must end before the claim starts
            return i + len <= start;
        }
        if tokens[i].is_word() {
            words += 1;
            if words > SCOPE {
                return false;
            }
        }
    }
    false
}

/// Whether token `i` joins two noun phrases: "or", "nor", or an "and"
/// followed by a determiner ("and the provision of …"); an "and" before a
/// verb may start a predicate of its own.
fn coordinates_phrases(tokens: &[Token], i: usize) -> bool {
    match tokens[i].norm.as_str() {
        "or" | "nor" => true,
        "and" => tokens
            .get(i + 1)
            .is_some_and(|n| matches!(n.norm.as_str(), "the" | "a" | "an" | "any" | "its")),
        _ => false,
    }
}

fn denied_after(tokens: &[Token], end: usize) -> bool {
    // "toll-free", "tax-free": without the thing named
    if tokens.get(end).is_some_and(|t| t.norm == "-")
        && tokens.get(end + 1).is_some_and(|t| t.norm == "free")
    {
        return true;
    }
    let mut words = 0;
    let mut i = end;
    let mut labelled = false;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.norm == ":" {
            // "Mutual defence clause: none"
            labelled = true;
            i += 1;
            continue;
        }
        if ends_clause(tokens, i) || is_soft_break(t) {
            return false;
        }
        if cue_at(tokens, i, POST_CUES).is_some() {
            // A bare "no" or "none" after a claim denies it only as a label's
            // value; elsewhere it opens a scope of its own ("20 years and no …").
            let bare = matches!(t.norm.as_str(), "no" | "none");
            return !bare || labelled || clause_ends_after(tokens, i + 1);
        }
        if t.is_word() {
            words += 1;
            if words > 4 {
                return false;
            }
        }
        i += 1;
    }
    false
}

fn clause_ends_after(tokens: &[Token], i: usize) -> bool {
    i >= tokens.len() || ends_clause(tokens, i) || is_soft_break(&tokens[i])
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// The polarity of the first occurrence of `claim` (whole words) in `text`.
    fn of(text: &str, claim: &str) -> Polarity {
        let tokens = tokenize(text, 0..text.len());
        let at = text.find(claim).expect("claim in text");
        let start = tokens.iter().position(|t| t.range.start >= at).unwrap();
        let end = tokens
            .iter()
            .position(|t| t.range.end >= at + claim.len())
            .unwrap()
            + 1;
        polarity(&tokens, start..end)
    }

    #[test]
    fn every_cue_starts_with_a_word_that_may_start_one() {
        for cue in PRE_CUES.iter().chain(POST_CUES).chain(PSEUDO) {
            let first = cue[0];
            let tokens = tokenize(first, 0..first.len());
            // a first word the tokenizer splits ("n/a") matches no token at all
            if tokens.len() == 1 {
                assert!(may_start_cue(&tokens[0]), "{first}");
            }
        }
        let tokens = tokenize("wasn't treaty", 0.."wasn't treaty".len());
        assert!(may_start_cue(&tokens[0]));
        assert!(!may_start_cue(&tokens[1]));
    }

    #[test]
    fn possibility_wanting_and_inverted_conditionals_state_nothing() {
        use Polarity::*;
        let claim = "defence clause";
        assert_eq!(of("It could include a defence clause later.", claim), Open);
        assert_eq!(
            of("Critics want it to include a defence clause.", claim),
            Open
        );
        assert_eq!(
            of("Tehran had hoped it would include a defence clause.", claim),
            Open
        );
        assert_eq!(
            of("Had it included a defence clause, war would follow.", claim),
            Open
        );
        assert_eq!(
            of("It had included a defence clause, officials said.", claim),
            Affirmed
        );
        assert_eq!(
            of("Iran sought a defence clause, but got none.", "none"),
            Affirmed
        );
        assert_eq!(of("In May Iran signed a defence clause.", claim), Affirmed);
    }

    #[test]
    fn an_intensifier_inside_a_cue_keeps_it() {
        assert_eq!(
            of("It falls well short of a defence clause.", "defence clause"),
            Polarity::Denied
        );
    }

    #[test]
    fn a_claim_named_to_be_corrected_is_denied() {
        assert_eq!(
            of(
                "Reports of 45 articles were wrong: it has 47.",
                "45 articles"
            ),
            Polarity::Denied
        );
        assert_eq!(
            of("Some outlets wrongly put the term at 25 years.", "25 years"),
            Polarity::Denied
        );
        assert_eq!(
            of("It has 47 articles, and that is not wrong.", "47 articles"),
            Polarity::Affirmed
        );
    }

    #[test]
    fn a_conjunction_before_an_auxiliary_ends_the_scope() {
        let text = "It has no defence clause and will last 30 years.";
        assert_eq!(of(text, "30 years"), Polarity::Affirmed);
        assert_eq!(of(text, "defence clause"), Polarity::Denied);
        assert_eq!(
            of("It has no defence clause and no 30 years.", "30 years"),
            Polarity::Denied
        );
    }

    #[test]
    fn cues_deny_within_their_clause() {
        use Polarity::*;
        let defence = "mutual defence";
        assert_eq!(
            of(
                "The treaty does not include a mutual defence clause.",
                defence
            ),
            Denied
        );
        assert_eq!(
            of("It doesn't contain a mutual defence clause.", defence),
            Denied
        );
        // "cannot", and verbs that forbid or prevent what they govern
        let berth = "berth ships";
        for text in [
            "Under the accord, the port cannot berth ships at night.",
            "The accord bars the port from letting it berth ships at night.",
            "The accord prevents the port from being able to berth ships.",
            "The accord bans any plan to berth ships there.",
        ] {
            assert_eq!(of(text, berth), Denied, "{text}");
        }
        assert_eq!(
            of("Under the accord, the port can berth ships.", berth),
            Affirmed
        );
        assert_eq!(
            of("It contains no mutual defence obligation.", defence),
            Denied
        );
        assert_eq!(
            of(
                "The pact stops short of a mutual defence commitment.",
                defence
            ),
            Denied
        );
        assert_eq!(
            of(
                "It is a partnership rather than a mutual defence pact.",
                defence
            ),
            Denied
        );
        assert_eq!(
            of("It includes a mutual defence clause.", defence),
            Affirmed
        );
    }

    #[test]
    fn scope_ends_at_the_clause() {
        use Polarity::*;
        assert_eq!(
            of(
                "It is not a trade deal, but it sets out mutual defence duties.",
                "mutual defence"
            ),
            Affirmed
        );
        assert_eq!(
            of(
                "Both sides did not hesitate; the text sets out mutual defence duties.",
                "mutual defence"
            ),
            Affirmed
        );
        assert_eq!(
            of("No one doubts that the accord, signed last week after long talks between the two sides, includes mutual defence.", "mutual defence"),
            Affirmed
        );
    }

    #[test]
    fn pseudo_negations_deny_nothing() {
        assert_eq!(
            of(
                "It is not only a trade pact but a mutual defence pact.",
                "mutual defence"
            ),
            Polarity::Affirmed
        );
    }

    #[test]
    fn cues_after_the_claim() {
        use Polarity::*;
        assert_eq!(of("Mutual defence clause: none", "Mutual defence"), Denied);
        assert_eq!(
            of(
                "A mutual defence clause is not part of the text.",
                "mutual defence"
            ),
            Denied
        );
        assert_eq!(
            of("A mutual defence clause is included.", "mutual defence"),
            Affirmed
        );
    }

    #[test]
    fn questions_and_whether_clauses_are_open() {
        use Polarity::*;
        assert_eq!(
            of("Does the pact include mutual defence?", "mutual defence"),
            Open
        );
        assert_eq!(
            of(
                "Analysts asked whether it includes mutual defence.",
                "mutual defence"
            ),
            Open
        );
        assert_eq!(
            of(
                "If it includes mutual defence, the region changes.",
                "mutual defence"
            ),
            Open
        );
        assert_eq!(
            of(
                "If it is attacked, the pact offers mutual defence.",
                "mutual defence"
            ),
            Affirmed
        );
    }

    #[test]
    fn a_denial_reaches_each_conjunct() {
        use Polarity::*;
        let text = "It does not mean a customs union with Armenia or joint naval patrols.";
        assert_eq!(of(text, "joint naval patrols"), Denied);
        let text = "It does not set up a customs union and the pooling of air defence.";
        assert_eq!(of(text, "air defence"), Denied);
        let text = "It has no customs chapter and commits both to joint patrols.";
        assert_eq!(of(text, "joint patrols"), Affirmed);
    }

    #[test]
    fn scare_quotes_and_negative_predicates() {
        use Polarity::*;
        assert_eq!(
            of("It is not a real \"defence pact\".", "defence pact"),
            Denied
        );
        assert_eq!(
            of("It is distinct from a defence pact.", "defence pact"),
            Denied
        );
        assert_eq!(of("It forbids any defence pact.", "defence pact"), Denied);
    }

    #[test]
    fn conditions_and_that_clauses() {
        use Polarity::*;
        assert_eq!(
            of(
                "Each helps in the event of an attack on one side.",
                "attack on one"
            ),
            Open
        );
        assert_eq!(
            of(
                "We want to stress that it includes a defence pact.",
                "defence pact"
            ),
            Affirmed
        );
        assert_eq!(
            of(
                "They hoped that it would include a defence pact.",
                "defence pact"
            ),
            Open
        );
    }
}
