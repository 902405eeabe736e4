//! Rule tests: each fact's `examples` run through the real checker, the way
//! `semgrep --test` runs a rule's annotated test file.

use std::ops::Range;

use crate::rules::{Example, Expect};
use crate::source::Document;

use super::claims::Outcome;
use super::Checker;

/// One example and what the checker made of it.
#[derive(Debug, Clone)]
pub struct ExampleRun {
    /// Indices into the rule set's subjects, the subject's facts and the fact's examples.
    pub subject: usize,
    pub fact: usize,
    pub example: usize,
    /// `None` when the checker agrees with the example.
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in one line.
    pub message: String,
    /// What the checker read for the fact, one line per claim.
    pub read: Vec<String>,
    /// Where in the example's text the checker flagged the fact, if it did.
    pub flagged: Vec<Range<usize>>,
}

impl Checker<'_> {
    /// Runs every example of every fact, in rule-file order.
    pub fn run_examples(&self) -> Vec<ExampleRun> {
        let mut out = Vec::new();
        for (si, subject) in self.rules().subjects.iter().enumerate() {
            for (fi, fact) in subject.facts.iter().enumerate() {
                for (ei, example) in fact.examples.iter().enumerate() {
                    out.push(ExampleRun {
                        subject: si,
                        fact: fi,
                        example: ei,
                        failure: self.run_example(si, fi, example),
                    });
                }
            }
        }
        out
    }

    fn run_example(&self, subject: usize, fact: usize, example: &Example) -> Option<Failure> {
        let doc = Document::read(&example.text, example.markup);
        let reading = self.read(&doc).into_iter().nth(subject).unwrap_or_default();
        let subject_name = &self.rules().subjects[subject].name;
        let considered: Vec<_> = reading
            .considered
            .iter()
            .filter(|c| c.fact == fact)
            .collect();
        let words = |r: &Range<usize>| {
            let span = doc.original_range(r.clone());
            example.text.get(span.clone()).map(|s| (span, s.to_owned()))
        };
        let read: Vec<String> = considered
            .iter()
            .map(|c| format!("\"{}\" → {}", c.found, c.outcome.explain()))
            .collect();
        let flagged: Vec<(Range<usize>, String)> = considered
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Contradicts { .. }))
            .filter_map(|c| words(&c.range))
            .collect();
        let states = considered.iter().any(|c| c.outcome == Outcome::States);
        let fail = |message: String| {
            Some(Failure {
                message,
                read: read.clone(),
                flagged: flagged.iter().map(|(r, _)| r.clone()).collect(),
            })
        };
        if !reading.about {
            return fail(format!(
                "the example is not about {}, so nothing in it is checked: \
                 name the subject, or its parties together with an alias or an event word",
                super::verdict::with_article(subject_name)
            ));
        }
        let quoted = |list: &[(Range<usize>, String)]| {
            list.iter()
                .map(|(_, w)| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match example.expect {
            Expect::States if !flagged.is_empty() => fail(format!(
                "the example should state the fact, but the checker flags {} as contradicting it",
                quoted(&flagged)
            )),
            Expect::States if !states => fail(
                "the example should state the fact, but the checker finds it unstated".to_owned(),
            ),
            Expect::Contradicts if flagged.is_empty() => fail(format!(
                "the example should contradict the fact, but the checker finds it {}",
                if states { "stated" } else { "unstated" }
            )),
            Expect::Contradicts => match &example.flags {
                Some(want) if !flagged.iter().any(|(_, w)| same_flag(w, want)) => fail(format!(
                    "the example should be flagged at \"{want}\", but the checker flags {}",
                    quoted(&flagged)
                )),
                _ => None,
            },
            Expect::Unstated if !flagged.is_empty() => fail(format!(
                "the example should leave the fact unstated, but the checker flags {}",
                quoted(&flagged)
            )),
            Expect::Unstated if states => fail(
                "the example should leave the fact unstated, but the checker finds it stated"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// Whether the words flagged are the words an example's `flags` gives, or
/// those words and a rate's denominator after them ("$50 a month" for
/// `flags: $50`): the figure is the same, and a rule written before rates
/// were read keeps passing.
fn same_flag(flagged: &str, want: &str) -> bool {
    if flagged == want {
        return true;
    }
    let Some(rest) = flagged.strip_prefix(want) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    match words.as_slice() {
        ["a" | "an" | "per" | "each" | "every", noun] => noun.chars().all(char::is_alphabetic),
        [slash] => slash
            .strip_prefix('/')
            .is_some_and(|n| !n.is_empty() && n.chars().all(char::is_alphabetic)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    #[test]
    fn a_flag_may_leave_out_a_rates_denominator() {
        assert!(super::same_flag("$50 a month", "$50"));
        assert!(super::same_flag("$95 per share", "$95"));
        assert!(super::same_flag("$50/month", "$50"));
        assert!(super::same_flag("$50", "$50"));
        assert!(!super::same_flag("$50 billion", "$50"));
        assert!(!super::same_flag("$500", "$50"));
        assert!(!super::same_flag("$50 a month", "$5"));
    }

    use super::*;

    #[test]
    fn each_label_passes_and_fails_as_the_checker_reads_it() {
        let yaml = "\
subject:
  id: b
  name: Harbor Bridge
  names: [Harbor Bridge]
  source: s
facts:
  - id: lanes
    claim: Four lanes.
    quantity: {value: 4, unit: lane}
    examples:
      - states: The Harbor Bridge has four lanes.
      - contradicts: The Harbor Bridge has six lanes.
        flags: six lanes
      - unstated: The Harbor Bridge is green.
      - states: The Harbor Bridge has six lanes.
      - contradicts: The Harbor Bridge has six lanes.
        flags: six
      - unstated: The Harbor Bridge has four lanes.
      - states: A bridge has four lanes.
";
        let rules = RuleSet::from_sources(&[("b.yaml".to_owned(), yaml.to_owned())]).unwrap();
        let runs = Checker::new(&rules).run_examples();
        let failures: Vec<Option<String>> = runs
            .iter()
            .map(|r| r.failure.as_ref().map(|f| f.message.clone()))
            .collect();
        assert_eq!(failures[..3], [None, None, None]);
        let message = |i: usize| failures[i].clone().unwrap_or_default();
        assert!(message(3).contains("flags \"six lanes\""), "{}", message(3));
        assert!(message(4).contains("flagged at \"six\""), "{}", message(4));
        assert!(message(5).contains("finds it stated"), "{}", message(5));
        assert!(
            message(6).contains("not about the Harbor Bridge"),
            "{}",
            message(6)
        );
        let read = &runs[3].failure.as_ref().unwrap().read;
        assert_eq!(
            read,
            &["\"six lanes\" → contradicts: the source says four lanes"]
        );
    }
}
