//! Places and peoples: countries, capitals, demonyms and international bodies,
//! so a rule author need not list every party that is not the subject's.
//!
//! The data is `data/gazetteer.txt`, compiled in; its header gives the format
//! and the policy for names that are left out as ambiguous.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::tokens::tokenize;

const DATA: &str = include_str!("../../data/gazetteer.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A state, a territory or a former state.
    Country,
    /// An international organisation or bloc.
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub canonical: &'static str,
    pub kind: PlaceKind,
    /// Index into the gazetteer's places.
    id: u16,
}

impl Place {
    /// Every name of the place in the matching form of rule terms (lower
    /// case, no possessive, punctuation dropped), so a subject's party can be
    /// recognised under any of them. The canonical name is among them even
    /// where it is too ambiguous to be matched in a draft.
    pub fn names(self) -> impl Iterator<Item = &'static [String]> {
        GAZETTEER.places[usize::from(self.id)]
            .iter()
            .map(Vec::as_slice)
    }
}

/// The longest place name at the start of `words`: words consumed and the place.
///
/// `words` are a draft's tokens from a capitalised word on: words as written
/// without a possessive ending ([`super::tokens::Token::original_word`]),
/// and `-` and `.` for dashes and full stops, which some names hold
/// ("Guinea-Bissau", "St. Lucia").
pub fn lookup(words: &[&str]) -> Option<(usize, Place)> {
    match name_at(words)? {
        (n, Some(place)) => Some((n, place)),
        (_, None) => None,
    }
}

/// The longest listed name at the start of `words`, with its place, or with
/// `None` for a name that holds a place's name but is no party ("New
/// Mexico", "the Indian Ocean").
pub fn name_at(words: &[&str]) -> Option<(usize, Option<Place>)> {
    let candidates = names_from(words.first()?)?;
    // a written word with no curly apostrophe is the same as a listed one
    // only if equal: looked for once, not for every candidate
    let curly = words[1..].iter().any(|w| w.contains('’'));
    candidates
        .iter()
        .find(|c| {
            c.words.len() <= words.len()
                && c.words[1..]
                    .iter()
                    .zip(&words[1..])
                    .all(|(listed, written)| {
                        if curly {
                            same_word(listed, written)
                        } else {
                            **listed == **written
                        }
                    })
        })
        .map(|c| (c.words.len(), c.place))
}

/// Whether a listed name starts with the word `first` as written: when
/// not, [`name_at`] finds none whatever follows it, so most capitalised
/// words need no window of the words after them.
pub fn may_start_name(first: &str) -> bool {
    names_from(first).is_some()
}

/// The listed names that start with the word `first` as written.
fn names_from(first: &str) -> Option<&'static Vec<Candidate>> {
    if first.contains('’') {
        GAZETTEER.by_first.get(straight(first).as_str())
    } else {
        GAZETTEER.by_first.get(first)
    }
}

/// Whether a word as listed (straight apostrophes) and a word as written are
/// the same, curly apostrophes and all.
fn same_word(listed: &str, written: &str) -> bool {
    listed == written
        || (written.contains('’')
            && listed
                .chars()
                .eq(written.chars().map(|c| if c == '’' { '\'' } else { c })))
}

fn straight(w: &str) -> String {
    w.replace('’', "'")
}

struct Candidate {
    /// Words as a draft's tokens give them: see [`lookup`].
    words: Box<[Box<str>]>,
    place: Option<Place>,
}

struct Gazetteer {
    /// Names by first word, longest first.
    by_first: FxHashMap<Box<str>, Vec<Candidate>>,
    /// Each place's names in the matching form of rule terms.
    places: Vec<Vec<Vec<String>>>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    // The unit tests parse the data file; a broken one fails them, not a user.
    let entries = parse(DATA).unwrap_or_else(|e| panic!("data/gazetteer.txt: {e}"));
    build(&entries)
});

/// Builds the gazetteer on a thread of its own, once: called at the start
/// of a check, so that it is built while the rules are read.
pub fn prepare() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    super::build_in_background(&STARTED, || {
        LazyLock::force(&GAZETTEER);
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Member,
    Observer,
    Territory,
    Former,
    Body,
    /// A name holding a place's name that is no party.
    Other,
    /// A name left out as ambiguous.
    Omit,
}

/// One line of the data file.
#[derive(Debug)]
struct Entry {
    kind: EntryKind,
    canonical: &'static str,
    /// Other names, capitals, demonyms, metonyms, with `(s)` expanded.
    columns: [Vec<String>; 4],
}

impl Entry {
    /// Every name the entry lists, the canonical name first.
    fn all_names(&self) -> impl Iterator<Item = String> + '_ {
        expand(self.canonical)
            .into_iter()
            .chain(self.columns.iter().flatten().cloned())
    }
}

fn parse(data: &'static str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('|').map(str::trim).collect();
        let kind = match cols[0] {
            "member" => EntryKind::Member,
            "observer" => EntryKind::Observer,
            "territory" => EntryKind::Territory,
            "former" => EntryKind::Former,
            "body" => EntryKind::Body,
            "other" => EntryKind::Other,
            "omit" => EntryKind::Omit,
            k => return Err(format!("line {line_no}: unknown kind {k:?}")),
        };
        let canonical = cols.get(1).copied().unwrap_or_default();
        if canonical.is_empty() {
            return Err(format!("line {line_no}: no name"));
        }
        if kind == EntryKind::Omit {
            if cols.len() != 3 || cols[2].is_empty() {
                return Err(format!("line {line_no}: an omitted name needs a reason"));
            }
        } else if cols.len() > 6 {
            return Err(format!("line {line_no}: more than six columns"));
        }
        let mut columns: [Vec<String>; 4] = Default::default();
        if kind != EntryKind::Omit {
            for (col, text) in columns.iter_mut().zip(cols.iter().skip(2)) {
                for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    col.extend(expand(name));
                }
            }
        }
        let entry = Entry {
            kind,
            canonical,
            columns,
        };
        if let Some(bad) = entry.all_names().find(|n| draft_words(n).is_none()) {
            return Err(format!(
                "line {line_no}: {bad:?} holds punctuation other than - and ."
            ));
        }
        out.push(entry);
    }
    Ok(out)
}

/// `Russian(s)` → `Russian`, `Russians`.
fn expand(name: &str) -> Vec<String> {
    match name.strip_suffix("(s)") {
        Some(stem) => vec![stem.to_owned(), format!("{stem}s")],
        None => vec![name.to_owned()],
    }
}

/// A name as a draft's tokens give it (see [`lookup`]); `None` if it holds
/// punctuation other than dashes and full stops.
fn draft_words(name: &str) -> Option<Vec<String>> {
    let tokens = tokenize(name, 0..name.len());
    let mut words = Vec::with_capacity(tokens.len());
    for t in &tokens {
        if t.is_word() {
            words.push(t.original_word().to_owned());
        } else if t.norm == "-" || t.norm == "." {
            words.push(t.norm.to_string());
        } else {
            return None;
        }
    }
    // "U.S." is "U.S" then a full stop that may as well end the sentence
    while words.last().is_some_and(|w| w == ".") {
        words.pop();
    }
    (!words.is_empty()).then_some(words)
}

/// A name in the matching form of rule terms.
fn term_words(name: &str) -> Vec<String> {
    tokenize(name, 0..name.len())
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.base().to_owned())
        .collect()
}

fn build(entries: &[Entry]) -> Gazetteer {
    let omitted: Vec<Vec<String>> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Omit)
        .filter_map(|e| draft_words(e.canonical))
        .collect();
    let mut by_first: FxHashMap<Box<str>, Vec<Candidate>> = FxHashMap::default();
    let mut places = Vec::new();
    for e in entries {
        let place = match e.kind {
            EntryKind::Omit => continue,
            EntryKind::Other => None,
            kind => {
                // The gazetteer is compiled in, a few hundred places long.
                #[allow(clippy::expect_used)]
                let id = u16::try_from(places.len()).expect("fewer than 65536 places");
                places.push(e.all_names().map(|n| term_words(&n)).collect());
                Some(Place {
                    canonical: e.canonical,
                    kind: if kind == EntryKind::Body {
                        PlaceKind::Body
                    } else {
                        PlaceKind::Country
                    },
                    id,
                })
            }
        };
        for name in e.all_names() {
            let Some(words) = draft_words(&name) else {
                continue; // parse refuses these
            };
            if omitted.contains(&words) {
                continue;
            }
            let list = by_first.entry(words[0].clone().into()).or_default();
            if list.iter().any(|c| {
                c.words
                    .iter()
                    .map(|w| &**w)
                    .eq(words.iter().map(String::as_str))
            }) {
                continue;
            }
            list.push(Candidate {
                words: words.into_iter().map(Into::into).collect(),
                place,
            });
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    Gazetteer { by_first, places }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn find(text: &str) -> Option<(usize, &'static str)> {
        let words: Vec<&str> = text.split(' ').collect();
        lookup(&words).map(|(n, p)| (n, p.canonical))
    }

    fn entries() -> Vec<Entry> {
        parse(DATA).expect("the data file parses")
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(find("North Korea signed"), Some((2, "North Korea")));
        assert_eq!(find("North Korean troops"), Some((2, "North Korea")));
        assert_eq!(find("North"), None);
        assert_eq!(find("South Sudan"), Some((2, "South Sudan")));
        assert_eq!(find("Sudan"), Some((1, "Sudan")));
        assert_eq!(
            find("Democratic People Republic of Korea"),
            Some((5, "North Korea"))
        );
        assert_eq!(find("People Republic of China"), Some((4, "China")));
        assert_eq!(find("Republic of China"), Some((3, "Taiwan")));
        assert_eq!(find("Papua New Guinea"), Some((3, "Papua New Guinea")));
        assert_eq!(find("Guinea - Bissau"), Some((3, "Guinea-Bissau")));
        assert_eq!(find("Côte d'ivoire"), Some((2, "Côte d'Ivoire")));
    }

    #[test]
    fn demonyms_and_their_plurals() {
        assert_eq!(find("Chinese"), Some((1, "China")));
        assert_eq!(find("Emirati"), Some((1, "United Arab Emirates")));
        assert_eq!(find("Emiratis"), Some((1, "United Arab Emirates")));
        assert_eq!(find("Saudi"), Some((1, "Saudi Arabia")));
        assert_eq!(find("Saudi Arabia"), Some((2, "Saudi Arabia")));
        assert_eq!(find("Iranians"), Some((1, "Iran")));
        assert_eq!(find("Britons"), Some((1, "United Kingdom")));
        assert_eq!(find("Turkish Cypriot"), Some((2, "Northern Cyprus")));
    }

    #[test]
    fn capitals_and_seats_of_government() {
        assert_eq!(find("Pyongyang"), Some((1, "North Korea")));
        assert_eq!(find("Beijing"), Some((1, "China")));
        assert_eq!(find("Tehran"), Some((1, "Iran")));
        assert_eq!(find("Ottawa"), Some((1, "Canada")));
        assert_eq!(find("Port - au - Prince"), Some((5, "Haiti")));
        assert_eq!(find("Kremlin"), Some((1, "Russia")));
        assert_eq!(find("White House"), Some((2, "United States")));
        assert_eq!(find("White"), None);
        assert_eq!(find("Downing Street"), Some((2, "United Kingdom")));
    }

    #[test]
    fn bodies() {
        let body = |text: &str| {
            let words: Vec<&str> = text.split(' ').collect();
            lookup(&words).map(|(n, p)| (n, p.canonical, p.kind))
        };
        assert_eq!(
            body("Eurasian Economic Union"),
            Some((3, "Eurasian Economic Union", PlaceKind::Body))
        );
        assert_eq!(
            body("EAEU"),
            Some((1, "Eurasian Economic Union", PlaceKind::Body))
        );
        assert_eq!(
            body("Shanghai Cooperation Organisation"),
            Some((3, "Shanghai Cooperation Organisation", PlaceKind::Body))
        );
        assert_eq!(
            body("Shanghai Cooperation Organization"),
            Some((3, "Shanghai Cooperation Organisation", PlaceKind::Body))
        );
        assert_eq!(body("Shanghai"), None);
        assert_eq!(body("NATO"), Some((1, "NATO", PlaceKind::Body)));
        assert_eq!(body("G - 20"), Some((3, "G20", PlaceKind::Body)));
        assert_eq!(body("Group of 20"), Some((3, "G20", PlaceKind::Body)));
        assert_eq!(find("Russia"), Some((1, "Russia")));
        assert_eq!(
            lookup(&["Russia"]).map(|p| p.1.kind),
            Some(PlaceKind::Country)
        );
    }

    #[test]
    fn abbreviations_as_the_tokenizer_gives_them() {
        let words = |text: &str| -> Vec<String> {
            tokenize(text, 0..text.len())
                .iter()
                .map(|t| {
                    if t.is_word() {
                        t.original_word().to_owned()
                    } else {
                        t.norm.to_string()
                    }
                })
                .collect()
        };
        let at = |text: &str| {
            let w = words(text);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            lookup(&w).map(|(n, p)| (n, p.canonical))
        };
        assert_eq!(at("U.S. officials"), Some((1, "United States")));
        assert_eq!(at("U.K.'s"), Some((1, "United Kingdom")));
        assert_eq!(at("US"), Some((1, "United States")));
        assert_eq!(at("DPRK’s"), Some((1, "North Korea")));
        assert_eq!(at("St. Lucia"), Some((3, "Saint Lucia")));
        assert_eq!(at("U.S. Virgin Islands"), Some((4, "US Virgin Islands")));
        assert_eq!(at("Guinea–Bissau"), Some((3, "Guinea-Bissau")));
        assert_eq!(
            at("Democratic People’s Republic of Korea"),
            Some((5, "North Korea"))
        );
        assert_eq!(at("N’Djamena"), Some((1, "Chad")));
        assert_eq!(at("Nuku’alofa"), Some((1, "Tonga")));
        assert_eq!(at("E.U."), Some((1, "European Union")));
    }

    #[test]
    fn matching_is_case_sensitive() {
        assert_eq!(find("russia"), None);
        assert_eq!(find("KREMLIN"), None);
        assert_eq!(find("us"), None);
        assert_eq!(find("Us"), None);
    }

    #[test]
    fn ordinary_capitalised_words_are_no_places() {
        for w in [
            "The",
            "Analysts",
            "Monday",
            "January",
            "President",
            "Treaty",
            "Officials",
            "I",
            "It",
            "A",
            "New",
            "South",
            "Republic",
            "Union",
            "Islands",
            "Saint",
            "St",
        ] {
            assert_eq!(find(w), None, "{w}");
        }
    }

    #[test]
    fn ambiguous_names_are_left_out_but_count_in_longer_names() {
        for e in entries().iter().filter(|e| e.kind == EntryKind::Omit) {
            let words = draft_words(e.canonical).expect("an omitted name is words");
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            assert_eq!(
                lookup(&words).filter(|(n, _)| *n == words.len()),
                None,
                "{} is omitted",
                e.canonical
            );
        }
        for w in [
            "Chad", "Jordan", "Georgia", "Guinea", "Victoria", "Male", "Korea", "Congo",
        ] {
            assert_eq!(find(w), None, "{w}");
        }
        assert_eq!(find("Hashemite Kingdom of Jordan"), Some((4, "Jordan")));
        assert_eq!(find("Jordanian"), Some((1, "Jordan")));
        assert_eq!(find("Chadian"), Some((1, "Chad")));
        assert_eq!(find("Tbilisi"), Some((1, "Georgia")));
        assert_eq!(find("Malé"), Some((1, "Maldives")));
        assert_eq!(find("Equatorial Guinea"), Some((2, "Equatorial Guinea")));
    }

    #[test]
    fn names_that_hold_a_place_but_are_none() {
        assert_eq!(name_at(&["New", "Mexico"]), Some((2, None)));
        assert_eq!(find("New Mexico"), None);
        assert_eq!(find("Mexico"), Some((1, "Mexico")));
        assert_eq!(name_at(&["Indian", "Ocean"]), Some((2, None)));
        assert_eq!(find("Indian"), Some((1, "India")));
        assert_eq!(name_at(&["Latin", "American"]), Some((2, None)));
    }

    #[test]
    fn a_place_knows_its_names_in_the_form_of_rule_terms() {
        let (_, russia) = lookup(&["Kremlin"]).expect("the Kremlin is listed");
        let names: Vec<&[String]> = russia.names().collect();
        assert!(names.contains(&&["russia".to_owned()][..]));
        assert!(names.contains(&&["russian".to_owned(), "federation".to_owned()][..]));
        let (_, georgia) = lookup(&["Tbilisi"]).expect("Tbilisi is listed");
        assert!(georgia.names().any(|n| n == ["georgia"]));
    }

    #[test]
    fn every_line_parses_into_draft_words() {
        for e in entries() {
            assert!(!e.canonical.contains(','), "{}", e.canonical);
            for name in e.all_names() {
                assert!(!name.contains('’'), "{name}: straight apostrophes only");
            }
        }
        assert!(parse("member | Ruritania | Ruritania & Co |").is_err());
        assert!(parse("nation | Ruritania").is_err());
        assert!(parse("omit | Ruritania").is_err());
    }

    #[test]
    fn un_members_and_observers_are_all_there() {
        let entries = entries();
        let count = |k| entries.iter().filter(|e| e.kind == k).count();
        assert_eq!(count(EntryKind::Member), 193);
        assert_eq!(count(EntryKind::Observer), 2);
        for name in [
            "Russia",
            "Iran",
            "Holy See",
            "Palestine",
            "Taiwan",
            "Kosovo",
            "Hong Kong",
        ] {
            assert!(entries.iter().any(|e| e.canonical == name), "{name}");
        }
    }

    #[test]
    fn no_name_means_two_places() {
        let mut seen: std::collections::HashMap<Vec<String>, &str> =
            std::collections::HashMap::new();
        let mut canonicals = HashSet::new();
        for e in entries().iter().filter(|e| e.kind != EntryKind::Omit) {
            assert!(canonicals.insert(e.canonical), "{} twice", e.canonical);
            for name in e.all_names() {
                let words = draft_words(&name).expect("parse checks");
                if let Some(other) = seen.insert(words, e.canonical) {
                    assert_eq!(other, e.canonical, "{name:?}");
                }
            }
        }
    }

    #[test]
    fn omitted_names_are_not_listed_elsewhere() {
        let entries = entries();
        let omitted: HashSet<Vec<String>> = entries
            .iter()
            .filter(|e| e.kind == EntryKind::Omit)
            .filter_map(|e| draft_words(e.canonical))
            .collect();
        for e in entries.iter().filter(|e| e.kind != EntryKind::Omit) {
            // a canonical name may be omitted ("Georgia"): it is the entry's label
            for name in e.columns.iter().flatten() {
                let words = draft_words(name).expect("parse checks");
                assert!(!omitted.contains(&words), "{name} is omitted");
            }
        }
    }
}
