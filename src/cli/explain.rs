//! `check --explain`: what was read, and why each claim was or was not flagged.

use std::io::Write;

use crate::check::{Checker, Outcome};
use crate::source::Document;

pub(crate) fn print(checker: &Checker<'_>, name: &str, doc: &Document) {
    let mut err = std::io::stderr().lock();
    let readings = checker.read(doc);
    for (subject, reading) in checker.rules().subjects.iter().zip(&readings) {
        let _ = writeln!(
            err,
            "{name}: {}: {}",
            subject.id,
            if reading.about {
                "about the subject"
            } else {
                "not about the subject"
            }
        );
        for c in &reading.considered {
            let fact = &subject.facts[c.fact];
            let why = match &c.outcome {
                Outcome::States => "states the fact".to_owned(),
                Outcome::Contradicts { expected, .. } => {
                    format!("contradicts: the source says {expected}")
                }
                Outcome::OtherSubject => "ignored: about another subject".to_owned(),
                Outcome::Unattributed => "ignored: tied to no mention of the subject".to_owned(),
                Outcome::Open => "ignored: asked or supposed, not stated".to_owned(),
                Outcome::Denied => "ignored: denied".to_owned(),
                Outcome::NoCue => "ignored: none of the fact's cue words nearby".to_owned(),
            };
            let reported = if c.attributed {
                " [reported speech]"
            } else {
                ""
            };
            let _ = writeln!(err, "  {:?} {} → {why}{reported}", c.found, fact.rule);
        }
    }
}
