//! `factlint explain RULE`: what a rule checks, in words, the way `rustc
//! --explain` explains an error code: the fact, its source, what counts as
//! stating it and as contradicting it, its severities and its examples.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_resolve_error, use_color_stderr, ColorChoice, RuleSource};
use crate::diagnostic::Severity;
use crate::reader::dates::{format_date, DateStyle};
use crate::reader::numbers::{format_number, NumberStyle};
use crate::reader::quantities::Dimension;
use crate::rules::{Fact, FactKind, Phrase, RuleSet, Subject, Tolerance};

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A rule id (`ru-ir-treaty/term`), or a subject id for all of its rules.
    rule: String,
    /// Rule file or folder of rule files (repeatable); replaces the configured or bundled rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
}

pub(crate) fn run(args: ExplainArgs) -> ExitCode {
    let source = RuleSource {
        paths: args.rules.clone(),
        config: args.config.clone(),
    };
    let rules = match source.load() {
        Ok(rules) => rules,
        Err(error) => {
            print_resolve_error(&error, use_color_stderr(ColorChoice::Auto));
            return ExitCode::from(2);
        }
    };
    let mut out = io::stdout().lock();
    if let Some((subject, fact)) = rules.fact(&args.rule) {
        let _ = out.write_all(explain(subject, fact).as_bytes());
        return ExitCode::SUCCESS;
    }
    if let Some(subject) = rules.subjects.iter().find(|s| s.id == args.rule) {
        for (i, fact) in subject.facts.iter().enumerate() {
            if i > 0 {
                let _ = writeln!(out);
            }
            let _ = out.write_all(explain(subject, fact).as_bytes());
        }
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(
        io::stderr(),
        "error: no rule `{}`{}",
        args.rule,
        suggestion(&rules, &args.rule)
    );
    ExitCode::from(2)
}

fn suggestion(rules: &RuleSet, wanted: &str) -> String {
    let ids: Vec<&str> = rules
        .subjects
        .iter()
        .flat_map(|s| s.facts.iter().map(|f| f.rule.as_str()))
        .collect();
    // A fact id alone ("term") names the rule of whichever subject has it.
    if let Some(rule) = ids
        .iter()
        .find(|r| r.split_once('/').is_some_and(|(_, f)| f == wanted))
    {
        return format!("; did you mean `{rule}`?");
    }
    let best = ids
        .iter()
        .map(|r| (strsim::damerau_levenshtein(r, wanted), *r))
        .min()
        .filter(|(d, _)| *d <= 3);
    match best {
        Some((_, rule)) => format!("; did you mean `{rule}`?"),
        None => " (`factlint rules list` shows them)".to_owned(),
    }
}

fn level(l: Option<Severity>) -> &'static str {
    l.map_or("off", Severity::as_str)
}

fn number(v: f64) -> String {
    format_number(v, NumberStyle::Digits)
}

fn words(v: f64) -> String {
    format_number(v, NumberStyle::Words)
}

fn phrase(p: &Phrase) -> String {
    p.iter()
        .map(|w| w.as_deref().unwrap_or("*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(n: f64, unit: &str) -> String {
    if n == 1.0 {
        unit.to_owned()
    } else if let Some(stem) = unit
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{unit}s")
    }
}

fn cue_list(fact: &Fact) -> String {
    fact.cues
        .iter()
        .map(|c| c.join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole explanation of one rule, as text.
pub(crate) fn explain(subject: &Subject, fact: &Fact) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} ({} fact)", fact.rule, fact.kind.name());
    let _ = writeln!(o, "defined at {}:{}", subject.path, fact.line);
    let _ = writeln!(o);
    let _ = writeln!(o, "Claim:   {}", one_line(&fact.claim));
    let _ = writeln!(o, "Source:  {}", one_line(&subject.source));
    let _ = writeln!(o, "Subject: {} (`{}`)", subject.name, subject.id);
    let _ = writeln!(o);
    let (states, contradicts) = sections(subject, fact);
    let _ = writeln!(o, "What states it");
    for line in states {
        let _ = writeln!(o, "  - {line}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "What contradicts it");
    for line in contradicts {
        let _ = writeln!(o, "  - {line}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Severities");
    let _ = writeln!(o, "  contradiction: {}", level(fact.contradiction));
    if let Some(reported) = subject.reported_speech {
        let _ = writeln!(
            o,
            "  in reported speech (quotes, \"… said\"): {}",
            level(reported)
        );
    }
    let unstated = if matches!(fact.kind, FactKind::Forbid(_)) {
        "never (a draft cannot state a forbidden pattern)"
    } else {
        level(fact.unstated)
    };
    let _ = writeln!(o, "  unstated: {unstated}");
    if let Some(help) = &fact.help {
        let _ = writeln!(o);
        let _ = writeln!(o, "Help shown: {}", one_line(help));
    }
    let _ = writeln!(o);
    if fact.examples.is_empty() {
        let _ = writeln!(
            o,
            "Examples: none (add `examples:` to the fact; `factlint test` runs them)"
        );
    } else {
        let _ = writeln!(o, "Examples (run by `factlint test`)");
        for e in &fact.examples {
            let flags = e
                .flags
                .as_ref()
                .map(|f| format!("  [flags \"{f}\"]"))
                .unwrap_or_default();
            let _ = writeln!(o, "  {:<12}{}{flags}", e.expect.as_str(), one_line(&e.text));
        }
    }
    o
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What states the fact and what contradicts it, one point a line.
fn sections(subject: &Subject, fact: &Fact) -> (Vec<String>, Vec<String>) {
    let cues = cue_list(fact);
    let alias = subject.aliases.first().map_or("deal", String::as_str);
    match &fact.kind {
        FactKind::Quantity {
            value,
            unit,
            dimension,
            base_value,
        } => {
            let mut states = Vec::new();
            let mut contradicts = Vec::new();
            let exact = format!("{} {}", number(*value), plural(*value, unit));
            match dimension {
                Dimension::Time => {
                    let forms: Vec<String> = [("year", 1.0), ("decade", 10.0), ("month", 1.0 / 12.0)]
                        .iter()
                        .map(|(u, f)| (u, base_value / f))
                        .filter(|(_, n)| *n >= 1.0 && (n - n.round()).abs() < 1e-9)
                        .map(|(u, n)| {
                            let n = n.round();
                            // as a draft would write it: small numbers in words
                            let written = if n < 100.0 { words(n) } else { number(n) };
                            format!("\"{written} {}\"", plural(n, u))
                        })
                        .collect();
                    states.push(format!(
                        "{exact}, in any time unit (time converts): {}, and compounds such as \"{}-{unit}\"",
                        forms.join(", "),
                        number(*value)
                    ));
                }
                Dimension::Money(currency) => {
                    states.push(format!(
                        "{exact}, in digits or words, with a sign or a scale: \"{}\"; only in {}: other currencies are not converted, and a figure in one near a cue contradicts",
                        money_example(*base_value, currency),
                        currency.to_uppercase()
                    ));
                }
                Dimension::Measure(kind) => {
                    states.push(format!(
                        "{exact}, in any unit of {kind} (units of {kind} convert), glued or apart: \"{}{}\", and compounds such as \"{}-{unit}\"",
                        number(*value),
                        crate::reader::quantities::short_unit(unit).unwrap_or(unit),
                        number(*value)
                    ));
                }
                Dimension::Count(noun) => {
                    let also = if fact.also.is_empty() {
                        String::new()
                    } else {
                        format!(" (or counted as {})", fact.also.join(", "))
                    };
                    states.push(format!(
                        "{exact}{also}: \"{} {}\", \"{}-{noun}\", \"{} {}\"",
                        number(*value),
                        plural(*value, noun),
                        words(*value),
                        words(*value),
                        plural(*value, noun)
                    ));
                    states.push(format!(
                        "a number right after a word such as \"article\" or \"section\" is a reference, not a count: \"Article {}\" says nothing about how many {} there are",
                        number(*value),
                        plural(2.0, noun)
                    ));
                }
            }
            states.push(format!(
                "a qualified quantity states the fact when {} lies in the range it means: \"more than\", \"at least\", \"up to\", \"about\" (±10%), \"nearly\", \"between … and …\"",
                exact
            ));
            match fact.tolerance {
                Some(Tolerance::Relative(share)) => states.push(format!(
                    "a figure within {}% of {exact} either way agrees (tolerance)",
                    number(share * 100.0)
                )),
                Some(Tolerance::Absolute(_)) => states.push(format!(
                    "a figure within {} either way agrees (tolerance)",
                    tolerance_in_unit(fact, *value, *base_value, unit)
                )),
                None => {}
            }
            if let Some(per) = &fact.per {
                states.push(format!(
                    "a rate per {per}: \"{} a {per}\", \"{} per {per}\", \"{}/{per}\"; a figure per anything else says nothing about it",
                    number(*value),
                    number(*value),
                    number(*value)
                ));
            }
            if cues.is_empty() {
                states.push("every such quantity tied to the subject counts (the fact has no cues)".to_owned());
            } else if matches!(dimension, Dimension::Money(_)) {
                states.push(format!("only near a cue word, in the claim's clause: {cues}"));
            } else {
                states.push(format!(
                    "only near a cue word, in the claim's clause: {cues}; a compound that modifies the subject (\"a {}-{unit} {alias}\") always counts",
                    number(*value)
                ));
            }
            let near = if cues.is_empty() {
                "anywhere in a draft about it (the fact has no cues)".to_owned()
            } else {
                format!("near a cue word ({cues})")
            };
            contradicts.push(format!(
                "another exact value, or a range that leaves out {exact}, tied to the subject, {near}"
            ));
            contradicts.push(format!(
                "a denied (\"not {exact}\") or asked (\"is it {exact}?\") quantity says nothing, nor one about another subject or year"
            ));
            contradicts.push(format!(
                "fix: the number is replaced in the draft's own form ({})",
                quantity_fixes(*value, unit, dimension, *base_value)
            ));
            (states, contradicts)
        }
        FactKind::Date { year, month, day } => {
            let full = format_date(Some(*year), *month, *day, DateStyle::DayMonth, false);
            let parts = match (month, day) {
                (Some(_), Some(_)) => "day, month and year",
                (Some(_), None) => "month and year",
                _ => "year",
            };
            let mut states = vec![format!(
                "a date that agrees on every part it gives ({parts} of {}): \"{}\"{}",
                if month.is_some() { full.clone() } else { year.to_string() },
                full,
                if month.is_some() {
                    format!(", \"{}\", \"in {year}\"", format_date(Some(*year), *month, None, DateStyle::MonthYear, false))
                } else {
                    String::new()
                }
            )];
            if cues.is_empty() {
                states.push("every date tied to the subject counts (the fact has no cues)".to_owned());
            } else {
                states.push(format!(
                    "only a date whose nearest event word is a cue: {cues}; a date nearer another event (\"ratified\", \"approved\", \"met\" …) is that event's"
                ));
            }
            (
                states,
                vec![
                    if cues.is_empty() {
                        "a date with a different day, month or year, tied to the subject, anywhere in a draft about it (the fact has no cues)".to_owned()
                    } else {
                        format!("a date with a different day, month or year, tied to the subject, whose nearest event word is a cue ({cues})")
                    },
                    format!(
                        "fix: the whole date rewritten in the draft's style with the parts it gave ({})",
                        date_fix(*year, *month, *day)
                    ),
                ],
            )
        }
        FactKind::Absent(phrases) => {
            let list = phrases.iter().map(phrase).collect::<Vec<_>>().join("; ");
            (
                vec![format!(
                    "denying one of the phrases, for the subject: \"no …\", \"does not include …\", \"stops short of …\", \"…-free\". Phrases: {list}"
                )],
                vec![
                    "asserting one of the phrases for the subject (\"the pact includes …\"); a phrase in a question or after \"whether\" or \"if\" counts neither way".to_owned(),
                    "no automatic fix: the claim must be rewritten".to_owned(),
                ],
            )
        }
        FactKind::Present(phrases) => {
            let list = phrases.iter().map(phrase).collect::<Vec<_>>().join("; ");
            (
                vec![format!("asserting one of the phrases for the subject. Phrases: {list}")],
                vec![
                    "denying one of the phrases for the subject (\"has no …\", \"without …\")".to_owned(),
                    "no automatic fix: the claim must be rewritten".to_owned(),
                ],
            )
        }
        FactKind::Forbid(re) => (
            vec!["nothing: a draft respects the fact by never matching the pattern".to_owned()],
            vec![format!(
                "any match of the regular expression `{}` in a draft about the subject, sentence by sentence",
                re.as_str()
            )],
        ),
        FactKind::Require(re) => (
            vec![format!(
                "a match of the regular expression `{}` anywhere in a draft about the subject",
                re.as_str()
            )],
            vec![if fact.cues.is_empty() {
                "nothing: a draft without a match leaves the fact unstated".to_owned()
            } else {
                format!(
                    "a name right after a cue ({cues}) that the pattern does not match, in a clause about the subject, not denied"
                )
            }],
        ),
    }
}

/// A wrong value of the fact's own kind and its fix, as examples: "46
/// articles" → "47 articles" for a fact of 47 articles, never another
/// subject's numbers.
fn quantity_fixes(value: f64, unit: &str, dimension: &Dimension, base: f64) -> String {
    if let Dimension::Money(currency) = dimension {
        return format!(
            "\"{}\" → \"{}\"",
            money_example(base * 1.25, currency),
            money_example(base, currency)
        );
    }
    let whole = value.fract() == 0.0 && value >= 1.0;
    let wrong = if whole { value + 1.0 } else { value * 2.0 };
    let mut out = format!(
        "\"{}-{unit}\" → \"{}-{unit}\"",
        number(wrong),
        number(value)
    );
    if whole && value < 100.0 {
        let _ = write!(
            out,
            ", \"{} {}\" → \"{} {}\"",
            words(wrong),
            plural(wrong, unit),
            words(value),
            plural(value, unit)
        );
    }
    out
}

/// A wrong date of the fact's precision and its fix, in the style a draft
/// might use.
fn date_fix(year: i32, month: Option<u32>, day: Option<u32>) -> String {
    let (wrong_year, wrong_month, wrong_day) = match (month, day) {
        (Some(m), Some(d)) => (year, Some(m), Some(if d > 2 { d - 2 } else { d + 2 })),
        (Some(m), None) => (year, Some(if m > 1 { m - 1 } else { m + 1 }), None),
        _ => (year + 1, None, None),
    };
    let style = if day.is_some() {
        DateStyle::MonthDay
    } else if month.is_some() {
        DateStyle::MonthYear
    } else {
        DateStyle::Year
    };
    let show = |y, m, d| format_date(Some(y), m, d, style, false);
    format!(
        "\"{}\" → \"{}\"",
        show(wrong_year, wrong_month, wrong_day),
        show(year, month, day)
    )
}

fn money_example(base: f64, currency: &str) -> String {
    let sign = match currency {
        "usd" => "$",
        "eur" => "€",
        "gbp" => "£",
        _ => "",
    };
    for (word, f) in [("trillion", 1e12), ("billion", 1e9), ("million", 1e6)] {
        if base >= f {
            return format!(
                "{sign}{} {word}",
                number(((base / f) * 1000.0).round() / 1000.0)
            );
        }
    }
    format!("{sign}{}", number(base))
}

/// A fact's absolute tolerance in the fact's own unit, as written: "5 dollars".
fn tolerance_in_unit(fact: &Fact, value: f64, base_value: f64, unit: &str) -> String {
    let Some(t) = fact.tolerance else {
        return String::new();
    };
    // base units per one of the fact's unit; a zero value has no ratio
    let per_unit = if value == 0.0 {
        1.0
    } else {
        base_value / value
    };
    let amount = t.amount(base_value) / per_unit;
    format!("{} {}", number(amount), plural(amount, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_rule_is_explained_with_its_examples() {
        let rules = RuleSet::bundled().unwrap();
        let (subject, fact) = rules.fact("ru-ir-treaty/term").unwrap();
        let text = explain(subject, fact);
        assert!(
            text.starts_with(
                "ru-ir-treaty/term (quantity fact)\ndefined at rules/ru-ir-treaty.yaml:"
            ),
            "{text}"
        );
        for part in [
            "Claim:   The treaty is concluded for 20 years.",
            "\"twenty years\", \"two decades\", \"240 months\", and compounds such as \"20-year\"",
            "(\"a 20-year treaty\") always counts",
            "only near a cue word, in the claim's clause: valid, run, ran, last, in force",
            "contradiction: error",
            "in reported speech (quotes, \"… said\"): warning",
            "unstated: warning",
            "contradicts Russia and Iran signed a 25-year treaty.  [flags \"25-year\"]",
        ] {
            assert!(text.contains(part), "{part} not in\n{text}");
        }
        let (subject, fact) = rules.fact("ru-ir-treaty/signing-date").unwrap();
        let text = explain(subject, fact);
        assert!(text.contains("(day, month and year of 17 January 2025): \"17 January 2025\", \"January 2025\", \"in 2025\""), "{text}");
        let (subject, fact) = rules.fact("ru-ir-treaty/no-mutual-defense").unwrap();
        assert!(explain(subject, fact).contains("come to * aid"));
    }

    #[test]
    fn a_fact_without_cues_is_explained_in_its_own_numbers() {
        let yaml = "subject:\n  id: bridge\n  name: Bridge\n  names: [Harbor Bridge]\n  source: council\nfacts:\n  \
                    - id: lanes\n    claim: The bridge has four lanes.\n    quantity: { value: 4, unit: lane }\n  \
                    - id: opening\n    claim: It opens on 3 May 2027.\n    date: 2027-05-03\n";
        let rules = RuleSet::from_sources(&[("b.yaml".to_owned(), yaml.to_owned())]).unwrap();
        let (subject, fact) = rules.fact("bridge/lanes").unwrap();
        let text = explain(subject, fact);
        for part in [
            "every such quantity tied to the subject counts (the fact has no cues)",
            "tied to the subject, anywhere in a draft about it (the fact has no cues)",
            "a denied (\"not 4 lanes\") or asked (\"is it 4 lanes?\") quantity says nothing",
            "(\"5-lane\" → \"4-lane\", \"five lanes\" → \"four lanes\")",
        ] {
            assert!(text.contains(part), "{part} not in\n{text}");
        }
        for treaty in ["near a cue", "45", "25-year", "forty-seven", "$1.5 billion"] {
            assert!(!text.contains(treaty), "{treaty} in\n{text}");
        }
        let (subject, fact) = rules.fact("bridge/opening").unwrap();
        let text = explain(subject, fact);
        assert!(
            text.contains("(\"May 1, 2027\" → \"May 3, 2027\")"),
            "{text}"
        );
        assert!(text.contains("anywhere in a draft about it"), "{text}");
        assert!(!text.contains("January"), "{text}");
    }

    #[test]
    fn a_rate_and_a_tolerance_are_explained() {
        let yaml = "subject:\n  id: club\n  name: Club\n  names: [Oak Club]\n  source: s\nfacts:\n  \
                    - id: fee\n    claim: Members pay $35 a month.\n    quantity: { value: 35, unit: dollar, per: month, tolerance: 2 }\n  \
                    - id: seats\n    claim: It has 400 seats.\n    quantity: { value: 400, unit: seat, tolerance: 5% }\n";
        let rules = RuleSet::from_sources(&[("c.yaml".to_owned(), yaml.to_owned())]).unwrap();
        let (subject, fact) = rules.fact("club/fee").unwrap();
        let text = explain(subject, fact);
        for part in [
            "a rate per month: \"35 a month\"",
            "a figure within 2 dollars either way agrees (tolerance)",
            "a figure in one near a cue contradicts",
        ] {
            assert!(text.contains(part), "{part} not in\n{text}");
        }
        let (subject, fact) = rules.fact("club/seats").unwrap();
        let text = explain(subject, fact);
        assert!(
            text.contains("a figure within 5% of 400 seats either way agrees (tolerance)"),
            "{text}"
        );
        assert!(!text.contains("a rate per"), "{text}");
    }

    #[test]
    fn money_is_shown_with_its_sign_and_scale() {
        assert_eq!(money_example(1.2e9, "usd"), "$1.2 billion");
        assert_eq!(money_example(750.0, "eur"), "€750");
    }
}
