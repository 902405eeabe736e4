//! Word forms that mean the same: case, curly and straight apostrophes, and
//! British and American spelling, so a rule written once matches them all.

use std::borrow::Cow;

use compact_str::CompactString;

/// The matching form of one word: lower case, straight apostrophe, American
/// spelling. Rules and drafts are normalised alike, so a rare collision of two
/// real words under these rewrites is harmless in practice.
pub fn word(w: &str) -> Cow<'_, str> {
    let simple = w
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if simple && !has_british_ending(w) {
        return Cow::Borrowed(w);
    }
    let mut s = if simple { w.to_owned() } else { fold(w) };
    // without a British ending there is nothing to rewrite
    if simple || has_british_ending(&s) {
        americanize(&mut s);
    }
    Cow::Owned(s)
}

/// [`word`] as a compact string: the same form, without a heap allocation
/// for the usual short word in ASCII ("Russia", "Treaty").
pub fn word_compact(w: &str) -> CompactString {
    if !w.bytes().all(|b| b.is_ascii() && b != b'`') {
        return CompactString::from(word(w).as_ref());
    }
    let mut folded = CompactString::from(w);
    folded.make_ascii_lowercase();
    if has_british_ending(&folded) {
        return CompactString::from(word(w).as_ref());
    }
    folded
}

/// Lower case with straight apostrophes.
fn fold(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
            c => c,
        })
        .collect()
}

/// The word without a possessive ending: "iran's" → "iran", "parties'" → "parties".
pub fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(w)
}

fn has_british_ending(w: &str) -> bool {
    const ENDINGS: [&str; 10] = [
        "ence", "ences", "ise", "ised", "ises", "ising", "tre", "tres", "isation", "isations",
    ];
    let b = w.as_bytes();
    // every ending ends in one of these: most words are settled by their last byte
    let may_end = matches!(b.last(), Some(b'e' | b's' | b'd' | b'g' | b'n'));
    (may_end && ENDINGS.iter().any(|e| b.ends_with(e.as_bytes())))
        || b.windows(3).any(|x| x == b"our")
}

/// Rewrites the common British endings to American ones in place.
fn americanize(s: &mut String) {
    // defence → defense, offence → offense, licence → license (not "science", "silence")
    for (uk, uk_plural, us) in [
        ("defence", "defences", "defense"),
        ("offence", "offences", "offense"),
        ("licence", "licences", "license"),
        ("pretence", "pretences", "pretense"),
    ] {
        if let Some(stem) = s.strip_suffix(uk).map(str::len) {
            s.truncate(stem);
            s.push_str(us);
            return;
        }
        if let Some(stem) = s.strip_suffix(uk_plural).map(str::len) {
            s.truncate(stem);
            s.push_str(us);
            s.push('s');
            return;
        }
    }
    // labour → labor, favourable → favorable; short words ("four", "hour", "your") keep theirs
    if s.len() >= 6 {
        if let Some(i) = s.find("our") {
            let before = &s[..i];
            if before.len() >= 3 && !before.ends_with('y') && !s.ends_with("ourt") {
                s.replace_range(i..i + 3, "or");
                return;
            }
        }
    }
    // organise → organize, organisation → organization
    for (uk, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
    ] {
        if s.len() > uk.len() + 3 && s.ends_with(uk) {
            let stem = s.len() - uk.len();
            s.truncate(stem);
            s.push_str(us);
            return;
        }
    }
    // centre → center, metres → meters
    for (uk, us) in [("tre", "ter"), ("tres", "ters")] {
        if s.len() > uk.len() + 2 && s.ends_with(uk) {
            let stem = s.len() - uk.len();
            s.truncate(stem);
            s.push_str(us);
            return;
        }
    }
}

/// The singular of a regular English plural noun, for unit words: "articles" →
/// "article", "decades" → "decade", "centuries" → "century".
pub fn singular(w: &str) -> Cow<'_, str> {
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() >= 2 {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() <= 3 {
        return Cow::Borrowed(w);
    }
    match w.strip_suffix('s') {
        Some(stem) => Cow::Borrowed(stem),
        None => Cow::Borrowed(w),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_quotes_and_spelling_fold() {
        assert_eq!(word("Defence"), "defense");
        assert_eq!(word("defences"), "defenses");
        assert_eq!(word("Iran’s"), "iran's");
        assert_eq!(word("labour"), "labor");
        assert_eq!(word("organisation"), "organization");
        assert_eq!(word("centre"), "center");
        assert_eq!(word("treaty"), "treaty");
    }

    #[test]
    fn words_that_only_look_british_keep_their_form() {
        for w in [
            "four", "hour", "your", "court", "science", "silence", "rise", "wise",
        ] {
            assert_eq!(word(w), w, "{w}");
        }
    }

    #[test]
    fn every_ending_is_found() {
        for stem in ["organ", "real", "pract", "cent"] {
            for ending in [
                "ence", "ences", "ise", "ised", "ises", "ising", "tre", "tres", "isation",
                "isations",
            ] {
                assert!(
                    has_british_ending(&format!("{stem}{ending}")),
                    "{stem}{ending}"
                );
            }
        }
        assert!(has_british_ending("neighbour"));
        assert!(!has_british_ending("treaty"));
    }

    #[test]
    fn the_compact_form_is_the_same_form() {
        for w in [
            "Defence",
            "DEFENCES",
            "Russia",
            "Treaty's",
            "Iran’s",
            "labour",
            "Labour",
            "Centre",
            "Organisation",
            "Élysée",
            "x`y",
            "U.S",
            "1.5",
            "Neighbourhood",
            "treaty",
            "",
        ] {
            assert_eq!(word_compact(w), word(w), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn compact_agrees_with_word(w in "[a-zA-Z0-9'’`.é-]{0,30}") {
            let (compact, plain) = (word_compact(&w), word(&w));
            proptest::prop_assert_eq!(compact.as_str(), plain.as_ref());
        }
    }

    #[test]
    fn possessives_and_plurals() {
        assert_eq!(strip_possessive("iran's"), "iran");
        assert_eq!(strip_possessive("parties'"), "parties");
        assert_eq!(singular("articles"), "article");
        assert_eq!(singular("centuries"), "century");
        assert_eq!(singular("years"), "year");
        assert_eq!(singular("year"), "year");
        assert_eq!(singular("status"), "status");
    }
}
