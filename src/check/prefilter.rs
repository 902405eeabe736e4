//! One scan of a document's text that rules out, before any tokenizing, the
//! documents that cannot be about a subject.
//!
//! A document is about a subject when it names it, or uses an alias together
//! with a name of each party (see `SubjectReader::is_about`). Both need
//! certain words in the text, so a document lacking them is off-topic however
//! it is read. Common aliases ("deal", "agreement") alone let most news copy
//! through; requiring a party of each side too keeps the full reading for
//! the few drafts that might be about the subject.
//!
//! The scan must never rule out a document that the reading would find to be
//! about the subject: words are matched as case-insensitive substrings, with
//! the British spellings that normalising turns into the rule's American ones,
//! and a word that cannot be matched that way (one with letters outside
//! ASCII) counts as present.

use std::cell::OnceCell;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::reader::attribution::Terms;
use crate::source::Markup;

pub(crate) struct Prefilter {
    /// Every word's spellings.
    searcher: Option<AhoCorasick>,
    /// The same search with SIMD, where the CPU and the patterns allow it.
    packed: Option<aho_corasick::packed::Searcher>,
    /// For each spelling, the words to count as present when it is found:
    /// its own, and those of every spelling a match of it may hide.
    implied: Vec<Vec<usize>>,
    /// Words that count as present without a search.
    always: Vec<bool>,
    /// Each name, as word indices.
    names: Vec<Vec<usize>>,
    /// Each party, as its names, each as word indices.
    parties: Vec<Vec<Vec<usize>>>,
    aliases: Vec<usize>,
    /// Each event word sequence, as word indices of its stems: with every
    /// party, one names the subject whatever `match` says.
    events: Vec<Vec<usize>>,
    /// The subject's full-date facts: with an alias and one party, a text
    /// that gives one of these dates may describe the subject (see
    /// `SubjectReader::read`). Each needs its year, and its month's first
    /// three letters or a numeric form ("14/07/2015", "2015-07-14").
    dates: Vec<FullDate>,
    /// Every party named, with no name or alias, may describe the subject
    /// by its terms (see `SubjectReader::read`).
    by_terms: bool,
    /// Only names make a text about the subject.
    names_only: bool,
}

impl Prefilter {
    /// `dates`: those of the subject's facts that are full dates, as (year,
    /// month).
    /// `by_terms`: whether the subject has two facts or more of quantities
    /// and dates, by which a draft naming every party may describe it.
    pub(crate) fn new(terms: &Terms, dates: &[(i32, u32)], by_terms: bool) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut index = |w: &str| -> usize {
            match words.iter().position(|x| x == w) {
                Some(i) => i,
                None => {
                    words.push(w.to_owned());
                    words.len() - 1
                }
            }
        };
        let names: Vec<Vec<usize>> = terms
            .names
            .iter()
            .map(|n| telling(n).map(&mut index).collect())
            .collect();
        let parties: Vec<Vec<Vec<usize>>> = terms
            .parties
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|n| telling(n).map(&mut index).collect())
                    .collect()
            })
            .collect();
        let aliases: Vec<usize> = terms.aliases.iter().map(|w| index(w)).collect();
        // an event word's regular forms all contain it less a final "e"
        // ("acquir" in "acquires", "acquired", "acquiring")
        let events: Vec<Vec<usize>> = terms
            .events
            .iter()
            .map(|e| e.iter().map(|w| index(stem(w))).collect())
            .collect();
        let dates: Vec<FullDate> = dates
            .iter()
            .filter_map(|&(year, month)| {
                let name = MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
                Some(FullDate {
                    year: index(&year.to_string()),
                    month: index(name),
                    numeric: [format!("/{year}"), format!(".{year}"), format!("{year}-")],
                })
            })
            .collect();
        let mut patterns = Vec::new();
        let mut word_of = Vec::new();
        let mut always = vec![false; words.len()];
        for (i, word) in words.iter().enumerate() {
            match spellings(word) {
                Some(forms) => {
                    for form in forms {
                        patterns.push(form);
                        word_of.push(i);
                    }
                }
                None => always[i] = true,
            }
        }
        // The search reports one match at a place and goes on from one byte
        // after its start, which is much faster than reporting every
        // overlapping match: what it can miss is a spelling that starts at
        // the same place or earlier and contains the reported one or is
        // contained in it, so each match counts for those too. That only ever
        // counts more words present, never fewer.
        let implied = patterns
            .iter()
            .map(|p| {
                let mut words: Vec<usize> = patterns
                    .iter()
                    .zip(&word_of)
                    .filter(|(q, _)| q.contains(p.as_str()) || p.contains(q.as_str()))
                    .map(|(_, &w)| w)
                    .collect();
                words.sort_unstable();
                words.dedup();
                words
            })
            .collect();
        // Patterns are lower case and the text is lowered before the search,
        // so that a few dozen words are searched with SIMD (Teddy) where the
        // CPU has it, rather than byte by byte.
        let packed = aho_corasick::packed::Config::new()
            .builder()
            .extend(&patterns)
            .build();
        let searcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        if searcher.is_none() {
            // Nothing to search with: every word counts as present.
            always.iter_mut().for_each(|a| *a = true);
        }
        Prefilter {
            searcher,
            packed,
            implied,
            always,
            names,
            parties,
            aliases,
            events,
            dates,
            by_terms,
            names_only: terms.names_only,
        }
    }

    /// Whether the text could be about the subject; `false` is certain.
    pub(crate) fn may_be_about(&self, text: &str) -> bool {
        self.scan(text, true)
    }

    /// [`Prefilter::may_be_about`]; with `stop_early`, the scan ends at the
    /// first match after which the answer is yes.
    fn scan(&self, text: &str, stop_early: bool) -> bool {
        let mut found = self.always.clone();
        // whether a numeric form of each full date stands in the text: looked
        // for once, and only when its year is found without its month
        let numeric: Vec<OnceCell<bool>> = self.dates.iter().map(|_| OnceCell::new()).collect();
        if let Some(searcher) = &self.searcher {
            let lowered = text.to_ascii_lowercase();
            let mut at = 0;
            loop {
                let m = match &self.packed {
                    Some(packed) => {
                        packed.find_in(&lowered, aho_corasick::Span::from(at..lowered.len()))
                    }
                    None => searcher.find(aho_corasick::Input::new(&lowered).range(at..)),
                };
                let Some(m) = m else { break };
                let mut more = false;
                for &w in &self.implied[m.pattern().as_usize()] {
                    more |= !found[w];
                    found[w] = true;
                }
                // words found are never lost: once the answer is yes, the
                // rest of the text cannot change it
                if stop_early && more && self.decides(text, &found, &numeric) {
                    return true;
                }
                at = m.start() + 1;
            }
        }
        self.decides(text, &found, &numeric)
    }

    /// Whether the words `found` (by index) may make a text about the subject.
    fn decides(&self, text: &str, found: &[bool], numeric: &[OnceCell<bool>]) -> bool {
        let all = |words: &Vec<usize>| !words.is_empty() && words.iter().all(|&w| found[w]);
        if self.names.iter().any(all) {
            return true;
        }
        let party = |names: &Vec<Vec<usize>>| names.iter().any(all);
        if self.events.iter().any(all) && self.parties.iter().all(party) {
            return true;
        }
        let alias = || self.aliases.iter().any(|&a| found[a]);
        !self.parties.is_empty()
            && !self.names_only
            && ((self.parties.iter().all(party) && (alias() || self.by_terms))
                || (alias()
                    && self.parties.iter().any(party)
                    && self
                        .dates
                        .iter()
                        .zip(numeric)
                        .any(|(d, n)| d.may_stand_in(text, found, n))))
    }
}

/// What every regular form of `word` contains: the word less a final "e"
/// (`inflection::inflects_in_full` strips it), never empty.
fn stem(word: &str) -> &str {
    match word.strip_suffix('e') {
        Some("") | None => word,
        Some(stem) => stem,
    }
}

/// A full date a text may give, as the prefilter looks for it.
struct FullDate {
    /// Word indices of its year and of its month's first three letters.
    year: usize,
    month: usize,
    /// Its year as numeric dates write it beside a separator.
    numeric: [String; 3],
}

/// Each month's first three letters, which every name of it the date reader
/// takes begins with.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl FullDate {
    /// Whether the date may stand in `text`, given the words `found` in it.
    /// `numeric` holds whether a numeric form was found, once looked for.
    fn may_stand_in(&self, text: &str, found: &[bool], numeric: &OnceCell<bool>) -> bool {
        found[self.year]
            && (found[self.month]
                || *numeric.get_or_init(|| self.numeric.iter().any(|n| text.contains(n))))
    }
}

/// Whether every word of the text that reading `original` gives also stands
/// whole in `original`, so that [`Prefilter::may_be_about`] can be asked of
/// the file's bytes before they are read. Plain text only has its white
/// space collapsed, except that a hyphen at a line end joins the word across
/// the break ("forty-⏎seven"): a file with one is read first. Markdown can join the pieces of a word around markup it
/// removes ("tre*a*ty", "tre`x`aty") or write a letter as a character
/// reference ("&#116;reaty"): a file with a letter or digit right before a
/// character that may start such markup, or with a character reference, is
/// read first. HTML is always read first: its tags may stand anywhere.
pub(crate) fn raw_is_faithful(original: &str, markup: Markup) -> bool {
    if original.contains("-\n") || original.contains("-\r") {
        return false;
    }
    match markup {
        Markup::Text => true,
        Markup::Html => false,
        Markup::Markdown => {
            let bytes = original.as_bytes();
            !original.contains("&#")
                && !bytes.iter().enumerate().skip(1).any(|(i, &b)| {
                    MAY_START_MARKUP[usize::from(b)]
                        && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-')
                })
        }
    }
}

/// The words of a name worth searching for. Short words ("on", "of", "the")
/// are in nearly every text and would stop the search at every other word;
/// leaving them out only asks less of a text, never more. A name of short
/// words only keeps its longest.
fn telling(name: &[String]) -> impl Iterator<Item = &str> {
    let longest = name.iter().map(String::len).max().unwrap_or(0);
    name.iter()
        .filter(move |w| w.len() >= 4 || w.len() == longest)
        .map(String::as_str)
}

/// The bytes that may start Markdown markup that reading removes.
const MAY_START_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"*_~`<[]!\\&";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// The spellings of a normalised word that text may contain, or `None` when
/// it cannot be matched as ASCII (letters outside ASCII fold case in ways an
/// ASCII search does not, and apostrophes are normalised).
fn spellings(word: &str) -> Option<Vec<String>> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut forms = vec![word.to_owned()];
    let mut add = |form: String| {
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    // The reverse of `normalize::americanize`: defense ← defence,
    // labor ← labour, organize ← organise, center ← centre.
    for (us, uk) in [("ense", "ence"), ("enses", "ences")] {
        if let Some(stem) = word.strip_suffix(us) {
            add(format!("{stem}{uk}"));
        }
    }
    for (at, _) in word.match_indices("or") {
        add(format!("{}our{}", &word[..at], &word[at + 2..]));
    }
    for (at, _) in word.match_indices("iz") {
        add(format!("{}is{}", &word[..at], &word[at + 2..]));
    }
    for (us, uk) in [("ter", "tre"), ("ters", "tres")] {
        if let Some(stem) = word.strip_suffix(us) {
            add(format!("{stem}{uk}"));
        }
    }
    Some(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    fn terms() -> Terms {
        Terms::new(
            vec![words("treaty on comprehensive strategic partnership")],
            vec![
                vec![words("russia"), words("russian federation")],
                vec![words("iran"), words("islamic republic")],
            ],
            vec!["treaty".into(), "deal".into(), "defense".into()],
            Some(2025),
            vec![],
        )
    }

    #[test]
    fn a_document_needs_a_name_or_an_alias_with_every_party() {
        let p = Prefilter::new(&terms(), &[], false);
        assert!(p.may_be_about("Signed: the TREATY ON Comprehensive Strategic Partnership."));
        assert!(p.may_be_about("Russia and Iran signed a deal."));
        assert!(p.may_be_about("The Russian Federation's deal with the Islamic Republic"));
        assert!(!p.may_be_about("Union leaders called the offer a good deal."));
        assert!(!p.may_be_about("Russia signed a deal with China."));
        assert!(!p.may_be_about("Russia and Iran met on Tuesday."));
        assert!(!p.may_be_about("A treaty on fisheries."));
    }

    proptest::proptest! {
        /// Stopping at the first match that decides gives the answer of the
        /// whole scan.
        #[test]
        fn stopping_early_answers_as_the_whole_scan(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "Treaty on ", "comprehensive ", "strategic partnership", "Russia",
                    "n Federation", "Iran", "islamic republic ", "deal", "defence ", "the ",
                    "ssi", ". ", "jan", "2025", "/2025 ",
                ][..]),
                0..24,
            ),
        ) {
            let text = pieces.concat();
            let p = Prefilter::new(&terms(), &[(2025, 1)], true);
            proptest::prop_assert_eq!(p.scan(&text, true), p.scan(&text, false));
        }
    }

    #[test]
    fn every_party_and_an_event_word_in_any_form_may_name_the_subject() {
        let t = Terms::new(
            vec![],
            vec![vec![words("calder")], vec![words("wexmoor")]],
            vec!["merger".into()],
            None,
            vec![],
        )
        .names_only(true)
        .with_events(vec![
            words("acquire"),
            words("take over"),
            words("took over"),
        ]);
        let p = Prefilter::new(&t, &[], false);
        assert!(p.may_be_about("Calder will acquire Wexmoor."));
        assert!(p.may_be_about("Wexmoor is being acquired by Calder."));
        assert!(p.may_be_about("Calder took over Wexmoor."));
        // an event with one party, or neither party
        assert!(!p.may_be_about("Calder will acquire Norvale."));
        assert!(!p.may_be_about("Halvern acquires firms."));
        // `match: names`: an alias with the parties is not enough
        assert!(!p.may_be_about("Calder and Wexmoor discussed a merger."));
    }

    #[test]
    fn one_party_and_an_alias_need_the_year_and_month_of_a_full_date_fact() {
        let p = Prefilter::new(&terms(), &[(2025, 1)], false);
        assert!(p.may_be_about("Iran kept the deal signed on 17 January 2025."));
        assert!(p.may_be_about("Iran kept the deal signed on Jan. 17, 2025."));
        assert!(p.may_be_about("Iran kept the deal signed on 17/01/2025."));
        assert!(p.may_be_about("Iran kept the deal signed on 2025-01-17."));
        assert!(!p.may_be_about("Iran kept the deal signed in 2025."));
        assert!(!p.may_be_about("Iran kept the deal signed on 17 March 2025."));
        assert!(!p.may_be_about("Iran spoke on 17 January 2025."));
        // without full-date facts, one party is never enough
        let none = Prefilter::new(&terms(), &[], false);
        assert!(!none.may_be_about("Iran kept the deal signed on 17 January 2025."));
    }

    #[test]
    fn a_word_inside_or_overlapping_another_still_counts() {
        let t = Terms::new(
            vec![],
            vec![vec![words("russia")], vec![words("alpha")]],
            vec!["deal".into(), "ssi".into()],
            None,
            vec![],
        );
        let p = Prefilter::new(&t, &[], false);
        // "alpha" overlaps the end of "deal"; "ssi" lies inside "russia" and
        // ends first, so "russia" is never reported itself.
        assert!(p.may_be_about("dealpha RUSSIA"));
        assert!(!p.may_be_about("dealpha russ"));
        assert!(!p.may_be_about("deal russia"));
    }

    #[test]
    fn file_bytes_stand_for_the_text_unless_markup_may_join_words() {
        assert!(raw_is_faithful("a *treaty* **47** x", Markup::Text));
        assert!(raw_is_faithful(
            "# The treaty\n\n- in force (see <https://x>)\n",
            Markup::Markdown
        ));
        for joined in [
            "tre*a*ty",
            "tre`x`aty",
            "tre<b>a</b>ty",
            "[tre](x)aty",
            "&#116;reaty",
            "a\\*b",
            "47**",
        ] {
            assert!(!raw_is_faithful(joined, Markup::Markdown), "{joined}");
        }
        assert!(!raw_is_faithful("treaty", Markup::Html));
        assert!(!raw_is_faithful("the Russia–Iran trea-\nty", Markup::Text));
    }

    #[test]
    fn british_spellings_count() {
        let p = Prefilter::new(&terms(), &[], false);
        assert!(p.may_be_about("Russia and Iran: a defence deal? No, a defence."));
        assert!(p.may_be_about("Russia and Iran and their defence"));
        assert_eq!(
            spellings("labor").unwrap(),
            ["labor", "labour"].map(String::from)
        );
        assert_eq!(
            spellings("organization").unwrap(),
            ["organization", "ourganization", "organisation"].map(String::from)
        );
    }

    #[test]
    fn words_outside_ascii_count_as_present() {
        let t = Terms::new(
            vec![words("türkiye accord")],
            vec![],
            vec!["accord".into()],
            None,
            vec![],
        );
        let p = Prefilter::new(&t, &[], false);
        assert!(p.may_be_about("TÜRKIYE ACCORD"));
        assert!(!p.may_be_about("nothing"));
    }

    mod prop {
        use proptest::prelude::*;

        use crate::check::Checker;
        use crate::rules::RuleSet;
        use crate::source::{Document, Markup};

        const FRAGMENTS: &[&str] = &[
            "Russia",
            "Iran",
            "Moscow",
            "Tehran",
            "treaty",
            "Treaty",
            "TREATY",
            "tre",
            "aty",
            "pact",
            "deal",
            "signed",
            "47",
            "46",
            "articles",
            "20 years",
            " ",
            " ",
            "\n",
            "\n\n",
            ".",
            "*",
            "**",
            "_",
            "`",
            "<b>",
            "</b>",
            "<!-- x -->",
            "&#116;",
            "&amp;",
            "[",
            "](x)",
            "!",
            "\\",
            "# ",
            "- ",
            "> ",
            "Treaty on Comprehensive Strategic Partnership",
            "defence",
            "Russian",
            "Iranian",
            "'s",
            "-",
            "-\n",
        ];

        proptest! {
            // The shortcut taken before reading never hides a finding.
            #[test]
            fn a_file_ruled_out_before_reading_has_no_findings(
                pieces in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..30),
                markup in proptest::sample::select(&[Markup::Text, Markup::Markdown, Markup::Html][..]),
            ) {
                let text = pieces.concat();
                let rules = RuleSet::bundled().unwrap();
                let checker = Checker::new(&rules);
                if checker.off_topic(&text, markup) {
                    let found = checker.check(&Document::read(&text, markup));
                    prop_assert!(found.is_empty(), "{text:?} {markup:?}: {found:?}");
                }
            }
        }
    }
}
