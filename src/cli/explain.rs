//! `check --explain`: what was read, and why each claim was or was not flagged.

use std::io::Write;

use crate::check::Checker;
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
            let why = c.outcome.explain();
            let reported = if c.attributed {
                " [reported speech]"
            } else {
                ""
            };
            let _ = writeln!(err, "  {:?} {} → {why}{reported}", c.found, fact.rule);
        }
    }
}
