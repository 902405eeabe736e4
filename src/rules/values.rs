//! A fact's `except` phrases and `other-values`, compiled and checked.

use super::validate::Problem;
use super::yaml::Step;
use super::{parse_date, words, Compiler, FactKind, OtherValue};

impl Compiler<'_> {
    /// A fact's `except` phrases, normalised. An exception that is also a
    /// cue is an error: the figure would be the fact's and not at once.
    pub(super) fn except(
        &mut self,
        i: usize,
        written: &[String],
        cues: &[Vec<String>],
        kind: &FactKind,
    ) -> Vec<Vec<String>> {
        let path = [Step::Key("facts"), Step::Index(i), Step::Key("except")];
        self.empty_list(&path, written.is_empty(), None);
        self.nonempty_items(&path, written, "exception");
        if !written.is_empty() && !matches!(kind, FactKind::Quantity { .. } | FactKind::Date { .. })
        {
            let span = self.key_span(&path);
            self.problems.push(
                Problem::warning(
                    span,
                    format!("`except` has no effect on a `{}` fact", kind.name()),
                )
                .with_help("`except` applies to quantity and date facts; remove it"),
            );
        }
        let mut out = Vec::new();
        for (k, phrase) in written.iter().enumerate() {
            let compiled = words(phrase);
            if compiled.is_empty() {
                continue;
            }
            if cues.contains(&compiled) {
                let mut at = path.to_vec();
                at.push(Step::Index(k));
                let span = self.span(&at);
                self.problems.push(
                    Problem::error(
                        span,
                        format!(
                            "`{}` is both a cue and an exception of the fact",
                            phrase.trim()
                        ),
                    )
                    .with_help(
                        "a cue makes a figure the fact's, an exception makes it not: keep one",
                    ),
                );
            }
            out.push(compiled);
        }
        out
    }

    /// A fact's `other-values`: numbers in the quantity's unit (`factor`
    /// converts them to the base unit), or dates for a date fact.
    pub(super) fn other_values(
        &mut self,
        i: usize,
        written: &[String],
        kind: &FactKind,
        factor: f64,
    ) -> Vec<OtherValue> {
        let path = [
            Step::Key("facts"),
            Step::Index(i),
            Step::Key("other-values"),
        ];
        self.empty_list(&path, written.is_empty(), None);
        if written.is_empty() {
            return Vec::new();
        }
        if !matches!(kind, FactKind::Quantity { .. } | FactKind::Date { .. }) {
            let span = self.key_span(&path);
            self.problems.push(
                Problem::error(
                    span,
                    format!(
                        "a `{}` fact has no value that could once have been another",
                        kind.name()
                    ),
                )
                .with_help("`other-values` lists earlier or other-source numbers of a `quantity`, or dates of a `date`"),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (k, text) in written.iter().enumerate() {
            let mut at = path.to_vec();
            at.push(Step::Index(k));
            match other_value(text, kind, factor) {
                Ok(v) if same_as_fact(v, kind) => {
                    let span = self.span(&at);
                    self.problems.push(
                        Problem::error(span, format!("`{}` is the fact's own value", text.trim()))
                            .with_help(
                                "list only values the fact once had or that other sources give",
                            ),
                    );
                }
                Ok(v) => out.push(v),
                Err(help) => {
                    let span = self.span(&at);
                    let what = if matches!(kind, FactKind::Date { .. }) {
                        "a date fact's other values are dates"
                    } else {
                        "a quantity fact's other values are numbers in its unit"
                    };
                    self.problems.push(
                        Problem::error(
                            span,
                            format!("`{}` is not a value of this fact: {what}", text.trim()),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        out
    }
}

/// One other value read in the fact's kind, or the help for a bad one.
fn other_value(text: &str, kind: &FactKind, factor: f64) -> Result<OtherValue, &'static str> {
    let text = text.trim();
    match kind {
        FactKind::Date { .. } => parse_date(text)
            .map(|(year, month, day)| OtherValue::Date { year, month, day })
            .ok_or("write a date of the calendar: `2021-02-05`, `2021-02` or `2021`"),
        _ => text
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| OtherValue::Quantity(v * factor))
            .ok_or(
                "write the number alone, in the fact's unit: `369000000000`, not `$369 billion`",
            ),
    }
}

fn same_as_fact(value: OtherValue, kind: &FactKind) -> bool {
    match (value, kind) {
        (OtherValue::Quantity(v), FactKind::Quantity { base_value, .. }) => v == *base_value,
        (
            OtherValue::Date { year, month, day },
            FactKind::Date {
                year: y,
                month: m,
                day: d,
            },
        ) => (year, month, day) == (*y, *m, *d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{OtherValue, RuleError, RuleSet};
    use crate::diagnostic::Severity;

    fn load(facts: &str) -> (String, Result<RuleSet, Vec<RuleError>>) {
        let yaml =
            format!("subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n{facts}");
        let loaded = RuleSet::from_sources(&[("t.yaml".to_owned(), yaml.clone())]);
        (yaml, loaded)
    }

    /// Each problem as (the text it underlines, message and help, severity).
    fn problems(facts: &str) -> Vec<(String, String, Severity)> {
        let (yaml, loaded) = load(facts);
        let found = match loaded {
            Ok(rules) => rules.warnings,
            Err(errors) => errors,
        };
        found
            .into_iter()
            .map(|e| {
                let words = format!("{} {}", e.message, e.help.unwrap_or_default());
                (yaml[e.span].to_owned(), words, e.severity)
            })
            .collect()
    }

    const CREDIT: &str = "  - id: credit\n    claim: c\n    quantity: { value: 2, unit: decade }\n";

    #[test]
    fn other_values_load_in_the_base_unit_and_as_dates() {
        let facts = format!(
            "{CREDIT}    other-values: [3, 1.5]\n    except: [used, per share]\n  \
             - id: ends\n    claim: c\n    date: 2026-02-05\n    other-values: [2021-02, 2019]\n"
        );
        let (_, loaded) = load(&facts);
        let rules = loaded.expect("loads");
        let [credit, ends] = &rules.subjects[0].facts[..] else {
            panic!("two facts")
        };
        assert_eq!(
            credit.other_values,
            [OtherValue::Quantity(30.0), OtherValue::Quantity(15.0)]
        );
        assert_eq!(credit.except, [vec!["used"], vec!["per", "share"]]);
        assert_eq!(
            ends.other_values,
            [
                OtherValue::Date {
                    year: 2021,
                    month: Some(2),
                    day: None
                },
                OtherValue::Date {
                    year: 2019,
                    month: None,
                    day: None
                }
            ]
        );
    }

    #[test]
    fn a_bad_other_value_is_an_error_at_its_item() {
        for (extra, at, says) in [
            (
                "    other-values: ['$3 billion']\n",
                "'$3 billion'",
                "numbers in its unit",
            ),
            ("    other-values: [2]\n", "2", "the fact's own value"),
            ("    other-values: {old: 3}\n", "{old: 3}", "must be a list"),
            (
                "    other-values: [[3]]\n",
                "[3]",
                "a number in the fact's unit, or a date",
            ),
        ] {
            let found = problems(&format!("{CREDIT}{extra}"));
            assert_eq!(found.len(), 1, "{extra}: {found:?}");
            assert_eq!(found[0].0, at, "{extra}");
            assert!(found[0].1.contains(says), "{extra}: {found:?}");
            assert_eq!(found[0].2, Severity::Error);
        }
        let date = "  - id: d\n    claim: c\n    date: 2026\n    other-values: [2021-02-30]\n";
        let found = problems(date);
        assert_eq!(found[0].0, "2021-02-30");
        assert!(found[0].1.contains("dates"), "{found:?}");
    }

    #[test]
    fn other_values_and_except_where_they_do_not_apply() {
        let phrase = "  - id: p\n    claim: c\n    absent: [toll]\n    other-values: [3]\n    except: [used]\n";
        let found = problems(phrase);
        let kinds: Vec<(&str, Severity)> = found.iter().map(|(t, _, s)| (t.as_str(), *s)).collect();
        assert_eq!(
            kinds,
            [
                ("except", Severity::Warning),
                ("other-values", Severity::Error)
            ],
            "{found:?}"
        );
        assert!(found[1].1.contains("`absent` fact"), "{found:?}");
    }

    #[test]
    fn an_exception_that_is_also_a_cue_is_an_error() {
        let facts = format!("{CREDIT}    cues: [credit, used]\n    except: [Used, '']\n");
        let found = problems(&facts);
        let at: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(at, ["''", "Used"], "{found:?}");
        assert!(found[1].1.contains("both a cue and an exception"));
    }
}
