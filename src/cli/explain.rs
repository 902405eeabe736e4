//! `check --explain`: sentence by sentence, the clauses the reading splits
//! it into, whom each mention names, the claims read, what each was tied to,
//! the event it was attached to, its polarity, and why it was or was not
//! flagged.

use std::io::Write;

use std::ops::Range;

use crate::check::{Checker, Instrument, Trace};
use crate::reader::attribution::{Owner, Reference};
use crate::reader::negation::Polarity;
use crate::reader::structure::Opening;
use crate::source::{Document, LineIndex};

/// How much of a sentence is shown before it is cut.
const SHOWN: usize = 100;

/// How much of a clause is shown before it is cut.
const CLAUSE_SHOWN: usize = 60;

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
            out.push_str(&format!("    clauses: {}\n", clauses(doc, &s.clauses)));
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
                if let Some(how) = trace(doc, &c.trace) {
                    out.push_str(&format!("      {how}\n"));
                }
            }
        }
    }
    out
}

/// The sentence on one line, cut at a character boundary if long.
fn snippet(text: &str) -> String {
    snippet_of(text, SHOWN)
}

/// `text` on one line, cut after `shown` characters.
fn snippet_of(text: &str, shown: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(shown) {
        Some((cut, _)) => format!("{:?}…", &flat[..cut]),
        None => format!("{flat:?}"),
    }
}

/// A sentence's clauses, each on one line and cut if long, with how each
/// after the first opens.
fn clauses(doc: &Document, clauses: &[(Opening, Range<usize>)]) -> String {
    let shown: Vec<String> = clauses
        .iter()
        .map(|(opening, r)| {
            let how = match opening {
                Opening::Start => "",
                Opening::Break => "break ",
                Opening::Turn => "turn ",
            };
            format!("{how}{}", snippet_of(&doc.text[r.clone()], CLAUSE_SHOWN))
        })
        .collect();
    shown.join(" · ")
}

/// How a claim was read: what it was tied to, its event, its polarity;
/// `None` when the reading stopped before any of them.
fn trace(doc: &Document, trace: &Trace) -> Option<String> {
    let quoted = |r: &Range<usize>| format!("{:?}", &doc.text[r.clone()]);
    let mut parts = Vec::new();
    if let Some(instrument) = &trace.instrument {
        parts.push(match instrument {
            Instrument::Mention(r, owner) => {
                format!("tied to {} ({})", quoted(r), owner_word(*owner))
            }
            Instrument::Before(r) => format!("tied to {} (the time before it)", quoted(r)),
            Instrument::Compared(r) => format!("tied to {} (compared with)", quoted(r)),
            Instrument::Aside => "in a comparison aside".to_owned(),
            Instrument::Context(Some(owner)) => {
                format!("tied by heading or table to {}", owner_word(*owner))
            }
            Instrument::Context(None) => "tied to no mention".to_owned(),
            Instrument::Carried => {
                "tied to no mention; carried from the sentences around it (a term)".to_owned()
            }
        });
    }
    if let Some(event) = &trace.event {
        let cue = if event.cue { "a cue" } else { "not a cue" };
        parts.push(format!("event {} ({cue})", quoted(&event.range)));
    }
    if let Some(polarity) = trace.polarity {
        parts.push(
            match polarity {
                Polarity::Affirmed => "asserted",
                Polarity::Denied => "denied",
                Polarity::Open => "asked or supposed",
            }
            .to_owned(),
        );
    }
    (!parts.is_empty()).then(|| parts.join("; "))
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
        Reference::Event => "named by its event",
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
clauses: \"Russia and Iran signed a treaty.\"\n    \
mentions: \"treaty\" → the subject (indefinite)\n  \
2:34 \"It runs for 25 years.\"\n    \
clauses: \"It runs for 25 years.\"\n    \
mentions: \"It\" → the subject (pronoun)\n    \
\"25 years\" ru-ir-treaty/term → contradicts: the source says 20 years\n      \
tied to \"It\" (the subject); event \"runs\" (a cue); asserted\n  \
3:1 \"Moscow's pact with Pyongyang has 23 articles.\"\n    \
clauses: \"Moscow's pact with Pyongyang has 23 articles.\"\n    \
mentions: \"pact\" → another subject (named)\n    \
\"23 articles\" ru-ir-treaty/article-count → ignored: about another subject\n      \
tied to \"pact\" (another subject)\n";
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
