//! From what a document says about a subject to diagnostics: contradictions
//! where they stand, and one "unstated" per fact the document never states.

use crate::diagnostic::{Diagnostic, Kind};
use crate::rules::{FactKind, Subject};
use crate::source::Document;

use super::claims::{fact_of, Outcome, Reading, CURRENCY_DIFFERS};

/// What the flagged words read once the fix is applied ("eight reading
/// rooms" → "six reading rooms"), so that the help says exactly what the fix
/// writes; the source's wording when there is no fix inside them.
fn fixed_wording(
    doc: &Document,
    found: std::ops::Range<usize>,
    fix: Option<&(std::ops::Range<usize>, String)>,
    expected: &str,
) -> String {
    let Some((range, replacement)) = fix else {
        return expected.to_owned();
    };
    if range.start < found.start || range.end > found.end {
        return expected.to_owned();
    }
    match (
        doc.text.get(found.start..range.start),
        doc.text.get(range.end..found.end),
    ) {
        (Some(before), Some(after)) => {
            let words = format!("{before}{replacement}{after}");
            // one line, as the draft's line breaks inside the words are not the help's
            words.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        _ => expected.to_owned(),
    }
}

pub(crate) fn diagnostics(subject: &Subject, reading: &Reading, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !reading.about {
        return out;
    }
    let note = |claim: &str| format!("fact: {claim}\nsource: {}", subject.source);
    for c in &reading.considered {
        let Outcome::Contradicts { expected, fix } = &c.outcome else {
            continue;
        };
        let fact = fact_of(subject, c);
        // the reported-speech level softens a fact's level, never revives an
        // `off` one or raises it
        let severity = match (fact.contradiction, subject.reported_speech) {
            (None, _) => None,
            (Some(own), Some(reported)) if c.attributed => reported.map(|r| r.min(own)),
            (own, _) => own,
        };
        let Some(severity) = severity else {
            continue;
        };
        let quoted = if c.attributed {
            " (in reported speech)"
        } else {
            ""
        };
        // only the draft's own characters that differ are rewritten;
        // markup, entities and separators stay, or there is no fix (text
        // decoded from markup, an entity or a `<time datetime>`, has none)
        let edit = fix
            .as_ref()
            .and_then(|(r, replacement)| crate::fix::value_edit(doc, r.clone(), replacement));
        let applied = fix.as_ref().filter(|_| edit.is_some());
        let (message, help) = match &fact.kind {
            FactKind::Quantity { .. } | FactKind::Date { .. } => (
                format!(
                    "\"{}\" contradicts the source, which says {expected}{quoted}",
                    c.found
                ),
                fact.help.clone().or_else(|| {
                    // a figure in another currency: write the fact's own
                    let wording = expected.split(CURRENCY_DIFFERS).next().unwrap_or(expected);
                    Some(format!(
                        "write \"{}\"",
                        fixed_wording(doc, c.range.clone(), applied, wording)
                    ))
                }),
            ),
            FactKind::Absent(_) => (
                // the claim itself is in the note; the message stays one line
                format!(
                    "\"{}\" contradicts the source, which has no such provision{quoted}",
                    c.found
                ),
                fact.help.clone().or_else(|| {
                    Some("rewrite the claim to match the source (no automatic fix)".to_owned())
                }),
            ),
            FactKind::Present(_) => (
                format!(
                    "denying \"{}\" contradicts the source, which provides it{quoted}",
                    c.found
                ),
                fact.help
                    .clone()
                    .or_else(|| Some("rewrite the claim (no automatic fix)".to_owned())),
            ),
            FactKind::Forbid(_) | FactKind::Require(_) => (
                format!(
                    "\"{}\" contradicts the source: {}{quoted}",
                    c.found, fact.claim
                ),
                fact.help.clone(),
            ),
        };
        let span = doc.original_range(c.range.clone());
        out.push(Diagnostic {
            rule: fact.rule.clone(),
            kind: Kind::Contradiction,
            severity,
            message,
            label: if c.attributed {
                format!("quotes {}", c.found)
            } else {
                format!("states {}", c.found)
            },
            note: note(&fact.claim),
            help,
            found: Some(c.found.clone()),
            expected: Some(expected.clone()),
            fix: edit,
            attributed: c.attributed,
            span,
        });
    }
    let Some(anchor) = reading.anchor.clone() else {
        return out;
    };
    for (fi, fact) in subject.facts.iter().enumerate() {
        let Some(severity) = fact.unstated else {
            continue;
        };
        let stated = reading.considered.iter().any(|c| {
            c.fact == fi && matches!(c.outcome, Outcome::States | Outcome::Contradicts { .. })
        });
        if stated {
            continue;
        }
        out.push(Diagnostic {
            rule: fact.rule.clone(),
            kind: Kind::Unstated,
            severity,
            message: format!(
                "the draft is about {} but never states: {}",
                with_article(&subject.name),
                fact.claim
            ),
            label: "the subject is first named here".to_owned(),
            note: note(&fact.claim),
            help: fact.help.clone().or_else(|| {
                Some(format!(
                    "state the fact, or silence it for this draft with a `factlint-disable-file {}` comment",
                    fact.rule
                ))
            }),
            found: None,
            expected: None,
            fix: None,
            attributed: false,
            span: doc.original_range(anchor.clone()),
        });
    }
    out
}

/// A subject's name as a message names it: "the Harbor Bridge", but
/// "Microsoft's purchase of Vexa" and "The Hague ruling" as they are.
pub(crate) fn with_article(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or("");
    let possessive = ["'s", "\u{2019}s", "s'", "s\u{2019}"]
        .iter()
        .any(|end| first.ends_with(end));
    if possessive || first.eq_ignore_ascii_case("the") || first.eq_ignore_ascii_case("a") {
        name.to_owned()
    } else {
        format!("the {name}")
    }
}

#[cfg(test)]
mod article_tests {
    use super::with_article;

    #[test]
    fn a_possessive_or_an_article_takes_no_the() {
        assert_eq!(with_article("Harbor Bridge"), "the Harbor Bridge");
        assert_eq!(
            with_article("Vexacorp's purchase of Linden Games"),
            "Vexacorp's purchase of Linden Games"
        );
        assert_eq!(
            with_article("Vexacorp\u{2019}s merger"),
            "Vexacorp\u{2019}s merger"
        );
        assert_eq!(with_article("The Hague accord"), "The Hague accord");
    }
}
