//! Which words are forms of one word: the regular endings ("signs",
//! "signed", "signing" of "sign") read from the word itself, and the past
//! forms of irregular verbs ("bought" of "buy", "struck" of "strike")
//! from a list kept beside this file (`irregular_verbs.txt`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Whether token `t` is the cue word `cue` or an inflection of it.
pub fn inflects(t: &str, cue: &str) -> bool {
    may_inflect(t.as_bytes().first().copied(), cue) && inflects_in_full(t, cue)
}

/// [`inflects`] without its first-letter test.
pub fn inflects_in_full(t: &str, cue: &str) -> bool {
    if t == cue {
        return true;
    }
    // a cue in "-ee" keeps both before "-ing": "agree", "agreeing"
    if cue.ends_with("ee") && t.strip_prefix(cue) == Some("ing") {
        return true;
    }
    // one final "e" goes before an ending: "close", "closing", "closed"
    let Some(rest) = t.strip_prefix(cue.strip_suffix('e').unwrap_or(cue)) else {
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

/// `false` if a word whose first byte is `lead` is certainly no inflection
/// of `cue`: an inflection starts with the cue's first letter, unless the cue
/// starts with an "e" its stem may drop (see [`inflects`]).
pub fn may_inflect(lead: Option<u8>, cue: &str) -> bool {
    match (lead, cue.as_bytes().first()) {
        (Some(a), Some(&b)) => a == b || b == b'e',
        _ => true,
    }
}

/// The list of irregular verbs, as written.
const IRREGULAR_VERBS: &str = include_str!("irregular_verbs.txt");

/// Every irregular verb's forms, and the forms that stand for words of
/// their own.
struct Irregular {
    /// For each form (base, past or participle), the verbs it is a form of,
    /// as indices into `verbs`.
    by_form: FxHashMap<&'static str, Vec<usize>>,
    /// Each verb's forms, its base first.
    verbs: Vec<Vec<&'static str>>,
    /// Past forms that are words of their own: read as themselves only.
    own_words: Vec<&'static str>,
}

fn irregular() -> &'static Irregular {
    static TABLE: OnceLock<Irregular> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Irregular {
            by_form: FxHashMap::default(),
            verbs: Vec::new(),
            own_words: Vec::new(),
        };
        for line in IRREGULAR_VERBS.lines().map(str::trim) {
            if let Some(words) = line.strip_prefix('!') {
                table.own_words.extend(words.split_whitespace());
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut forms: Vec<&'static str> = Vec::new();
            for form in line.split(|c: char| c.is_whitespace() || c == '/') {
                if !form.is_empty() && !forms.contains(&form) {
                    forms.push(form);
                }
            }
            let v = table.verbs.len();
            for form in &forms {
                table.by_form.entry(form).or_default().push(v);
            }
            table.verbs.push(forms);
        }
        table
    })
}

/// The other forms of `word` that [`inflects`] cannot read from it: for a
/// verb's base, its irregular past forms ("buy": "bought"); for a past form,
/// the base and the other past forms ("struck": "strike", "stricken"), unless
/// the form is a word of its own ("found", "fell"). Empty for any other word.
pub fn irregular_forms(word: &str) -> Vec<&'static str> {
    let table = irregular();
    let Some(verbs) = table.by_form.get(word) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &v in verbs {
        let forms = &table.verbs[v];
        let is_base = forms[0] == word;
        if !is_base && table.own_words.contains(&word) {
            continue;
        }
        for form in forms {
            // the base's regular endings are read from it already
            if *form != word && !inflects_in_full(form, word) && !out.contains(form) {
                out.push(*form);
            }
        }
    }
    out
}

/// Whether `word` is the past or past participle of an irregular verb,
/// and not also a verb's base ("won", "bought"; not "cut", "win").
pub fn is_irregular_past(word: &str) -> bool {
    let table = irregular();
    table
        .by_form
        .get(word)
        .is_some_and(|verbs| verbs.iter().all(|&v| table.verbs[v][0] != word))
}

/// Every way to write the word sequence `words` with each word in one of
/// its forms ([`irregular_forms`]), the sequence as given first: "take
/// over" gives "take over", "took over", "taken over".
pub fn with_irregular_forms(words: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for word in words {
        let mut forms = vec![word.as_str()];
        forms.extend(irregular_forms(word));
        out = out
            .iter()
            .flat_map(|prefix| {
                forms.iter().map(move |form| {
                    let mut next = prefix.clone();
                    next.push((*form).to_owned());
                    next
                })
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_endings_are_read_from_the_word() {
        for (t, cue) in [
            ("signs", "sign"),
            ("signed", "sign"),
            ("signing", "sign"),
            ("closes", "close"),
            ("closed", "close"),
            ("closing", "close"),
            ("stopping", "stop"),
            ("issued", "issue"),
            ("agrees", "agree"),
            ("agreed", "agree"),
            ("agreeing", "agree"),
            ("guaranteed", "guarantee"),
        ] {
            assert!(inflects(t, cue), "{t} of {cue}");
        }
        for (t, cue) in [
            ("signal", "sign"),
            ("closet", "close"),
            ("bought", "buy"),
            ("agring", "agree"),
        ] {
            assert!(!inflects(t, cue), "{t} is no form of {cue}");
        }
    }

    #[test]
    fn a_base_gets_its_past_forms() {
        assert_eq!(irregular_forms("buy"), ["bought"]);
        assert_eq!(irregular_forms("strike"), ["struck", "stricken"]);
        assert_eq!(irregular_forms("take"), ["took", "taken"]);
        assert_eq!(irregular_forms("fall"), ["fell", "fallen"]);
        assert_eq!(irregular_forms("lose"), ["lost"]);
        // the past is the base: nothing to add
        assert!(irregular_forms("cut").is_empty());
        // a regular verb
        assert!(irregular_forms("sign").is_empty());
        assert!(irregular_forms("issue").is_empty());
    }

    #[test]
    fn a_past_form_gets_its_base_unless_it_is_a_word_of_its_own() {
        assert_eq!(irregular_forms("struck"), ["strike", "stricken"]);
        assert_eq!(irregular_forms("bought"), ["buy"]);
        assert_eq!(irregular_forms("left"), ["leave"]);
        // "found" a company, "fell" a tree: the cue means that word
        assert!(irregular_forms("found").is_empty());
        assert!(irregular_forms("fell").is_empty());
        // "lay" is a verb's base of its own, and the past of "lie"
        assert_eq!(irregular_forms("lay"), ["laid"]);
    }

    #[test]
    fn irregular_past_forms_are_known() {
        assert!(is_irregular_past("won") && is_irregular_past("bought"));
        assert!(is_irregular_past("taken") && is_irregular_past("lain"));
        // "lay" is a base of its own
        assert!(!is_irregular_past("lay"));
        // a base, or a past that is also the base
        assert!(!is_irregular_past("win") && !is_irregular_past("cut"));
        assert!(!is_irregular_past("signed"));
    }

    #[test]
    fn a_sequence_is_written_in_each_form_of_its_words() {
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            with_irregular_forms(&words("take over")),
            [words("take over"), words("took over"), words("taken over")]
        );
        assert_eq!(with_irregular_forms(&words("sign")), [words("sign")]);
    }

    #[test]
    fn the_list_is_well_formed() {
        let table = irregular();
        assert!(table.verbs.len() > 150);
        for forms in &table.verbs {
            for form in forms {
                assert!(
                    form.chars().all(|c| c.is_ascii_lowercase()),
                    "{form}: lower-case letters only"
                );
            }
        }
        // each base once
        let mut bases: Vec<&str> = table.verbs.iter().map(|f| f[0]).collect();
        bases.sort_unstable();
        let before = bases.len();
        bases.dedup();
        assert_eq!(before, bases.len(), "a verb is listed twice");
        for word in &table.own_words {
            assert!(table.by_form.contains_key(word), "{word} is no listed form");
        }
    }
}
