//! `check --explain`: sentence by sentence, whom each mention names, the
//! claims read, and why each was or was not flagged.

use std::io::Write;

use crate::check::Checker;
use crate::reader::attribution::{Owner, Reference};
use crate::source::{Document, LineIndex};

/// How much of a sentence is shown before it is cut.
const SHOWN: usize = 100;

pub(crate) fn print(checker: &Checker<'_>, name: &str, source: &str, doc: &Document) {
    let mut err = std::io::stderr().lock();
    let text = explanation(checker, name, source, doc);
    // the draft's sentences, made safe for the terminal
    let _ = err.write_all(crate::emit::escaped(&text, true).as_bytes());
}

fn explanation(checker: &Checker<'_>, name: &str, source: &str, doc: &Document) -> String {
    let mut out = String::new();
    let lines = LineIndex::new(source);
    let readings = checker.read(doc);
    let sentences = checker.read_sentences(doc);
    let subjects = &checker.rules().subjects;
    for ((subject, reading), sentences) in subjects.iter().zip(&readings).zip(&sentences) {
        let about = if reading.about {
            "about the subject"
        } else {
            "not about the subject: no diagnostics"
        };
        out.push_str(&format!("{name}: {}: {about}\n", subject.id));
        if !reading.about {
            continue;
        }
        for s in sentences {
            let claims: Vec<_> = reading
                .considered
                .iter()
                .filter(|c| s.range.start <= c.range.start && c.range.start < s.range.end)
                .collect();
            if s.mentions.is_empty() && claims.is_empty() {
                continue;
            }
            let at = doc.original_range(s.range.clone()).start;
            let (line, column) = lines.line_col(source, at);
            out.push_str(&format!(
                "  {line}:{column} {}\n",
                snippet(&doc.text[s.range.clone()])
            ));
            if !s.mentions.is_empty() {
                let names: Vec<String> = s
                    .mentions
                    .iter()
                    .map(|(r, owner, how)| {
                        format!(
                            "{:?} → {} ({})",
                            &doc.text[r.clone()],
                            owner_word(*owner),
                            how_word(*how)
                        )
                    })
                    .collect();
                out.push_str(&format!("    mentions: {}\n", names.join("; ")));
            }
            for c in claims {
                let fact = &subject.facts[c.fact];
                let reported = if c.attributed {
                    " [reported speech]"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "    {:?} {} → {}{reported}\n",
                    c.found,
                    fact.rule,
                    c.outcome.explain()
                ));
            }
        }
    }
    out
}

/// The sentence on one line, cut at a character boundary if long.
fn snippet(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{:?}…", &flat[..cut]),
        None => format!("{flat:?}"),
    }
}

fn owner_word(owner: Owner) -> &'static str {
    match owner {
        Owner::Subject => "the subject",
        Owner::Other => "another subject",
        Owner::Unknown => "undecided",
    }
}

fn how_word(how: Reference) -> &'static str {
    match how {
        Reference::Name => "named",
        Reference::Definite => "definite",
        Reference::Indefinite => "indefinite",
        Reference::Demonstrative => "demonstrative",
        Reference::Pronoun => "pronoun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::source::Markup;

    #[test]
    fn sentences_show_their_mentions_and_claims() {
        let rules = RuleSet::bundled().expect("bundled rules");
        let checker = Checker::new(&rules);
        let text = "Weather was mild.\nRussia and Iran signed a treaty. It runs for 25 years.\nMoscow's pact with Pyongyang has 23 articles.\n";
        let doc = Document::read(text, Markup::Text);
        let got = explanation(&checker, "d.txt", text, &doc);
        let expected = "d.txt: ru-ir-treaty: about the subject\n  \
2:1 \"Russia and Iran signed a treaty.\"\n    \
mentions: \"treaty\" → the subject (indefinite)\n  \
2:34 \"It runs for 25 years.\"\n    \
mentions: \"It\" → the subject (pronoun)\n    \
\"25 years\" ru-ir-treaty/term → contradicts: the source says 20 years\n  \
3:1 \"Moscow's pact with Pyongyang has 23 articles.\"\n    \
mentions: \"pact\" → another subject (named)\n    \
\"23 articles\" ru-ir-treaty/article-count → ignored: about another subject\n";
        assert_eq!(got, expected);
    }

    #[test]
    fn long_sentences_are_cut_on_a_character() {
        let long = "–".repeat(150);
        let shown = snippet(&long);
        assert!(shown.ends_with('…'));
        assert_eq!(shown.chars().filter(|c| *c == '–').count(), SHOWN);
    }
}
