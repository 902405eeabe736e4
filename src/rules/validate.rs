//! The shape of a rule file, checked on the YAML tree before serde reads it:
//! serde stops at the first unknown key or wrong type, and a newsroom fixing
//! a rule file wants every problem at once, with a suggestion for a typo.

use std::ops::Range;

use super::yaml::{parses_as_number, Node, Value};

/// A problem found in a rule file, in bytes of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    pub warning: bool,
    /// An unknown key (perhaps a misspelt one that then seems missing).
    pub unknown_key: bool,
}

impl Problem {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
            help: None,
            warning: false,
            unknown_key: false,
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            warning: true,
            ..Problem::error(span, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// What a value must be.
pub(crate) enum Shape {
    Text,
    Integer,
    Number,
    /// `error`, `warning`, `info` or `off`.
    Level,
    /// A string or a bare year: `2027` and `"2027"` are the same date.
    Date,
    /// `text`, `markdown` or `html`.
    Markup,
    /// A number, or a text such as `1%`: a tolerance.
    Scalar,
    /// A number or a date: an earlier or other-source value.
    Figure,
    /// One of a few words.
    Choice(&'static [&'static str]),
    List(&'static Shape),
    Map(&'static [Field]),
}

pub(crate) struct Field {
    pub key: &'static str,
    pub shape: Shape,
    pub required: bool,
}

const fn field(key: &'static str, shape: Shape) -> Field {
    Field {
        key,
        shape,
        required: false,
    }
}

const fn required(key: &'static str, shape: Shape) -> Field {
    Field {
        key,
        shape,
        required: true,
    }
}

pub(crate) const LEVELS: &[&str] = &["error", "warning", "info", "off"];
pub(crate) const MARKUPS: &[&str] = &["text", "markdown", "html"];
pub(crate) const MATCHES: &[&str] = &["names", "names-or-parties"];

const TEXTS: Shape = Shape::List(&Shape::Text);

const SUBJECT: &[Field] = &[
    required("id", Shape::Text),
    required("name", Shape::Text),
    field("names", TEXTS),
    field("parties", Shape::List(&TEXTS)),
    field("aliases", TEXTS),
    field("events", TEXTS),
    field("year", Shape::Integer),
    field("distinct-from", TEXTS),
    required("source", Shape::Text),
    field("reported-speech", Shape::Level),
    field("match", Shape::Choice(MATCHES)),
];

const SEVERITY: &[Field] = &[
    field("contradiction", Shape::Level),
    field("unstated", Shape::Level),
];

const QUANTITY: &[Field] = &[
    required("value", Shape::Number),
    required("unit", Shape::Text),
    field("also", TEXTS),
    field("per", Shape::Text),
    field("tolerance", Shape::Scalar),
];

/// The label is the key that holds the example's text.
pub(crate) const EXAMPLE: &[Field] = &[
    field("states", Shape::Text),
    field("contradicts", Shape::Text),
    field("unstated", Shape::Text),
    field("flags", Shape::Text),
    field("markup", Shape::Markup),
];

pub(crate) const FACT: &[Field] = &[
    required("id", Shape::Text),
    required("claim", Shape::Text),
    field("severity", Shape::Map(SEVERITY)),
    field("cues", TEXTS),
    field("except", TEXTS),
    field("other-values", Shape::List(&Shape::Figure)),
    field("help", Shape::Text),
    field("quantity", Shape::Map(QUANTITY)),
    field("date", Shape::Date),
    field("absent", TEXTS),
    field("present", TEXTS),
    field("forbid", Shape::Text),
    field("require", Shape::Text),
    field("examples", Shape::List(&Shape::Map(EXAMPLE))),
];

const FILE: &[Field] = &[
    required("subject", Shape::Map(SUBJECT)),
    required("facts", Shape::List(&Shape::Map(FACT))),
];

/// Every problem with the shape of a rule file.
pub(crate) fn shape(root: &Node, text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    if root.is_null() {
        out.push(
            Problem::error(0..0, "the rule file is empty")
                .with_help("a rule file has a `subject` and a list of `facts`"),
        );
        return out;
    }
    check(root, &Shape::Map(FILE), "", text, &mut out);
    out
}

fn check(node: &Node, shape: &Shape, path: &str, text: &str, out: &mut Vec<Problem>) {
    let at = |what: &str| {
        if path.is_empty() {
            format!("the rule file {what}")
        } else {
            format!("`{path}` {what}")
        }
    };
    if matches!(node.value, Value::Alias) {
        return;
    }
    let wrong = |expected: &str| {
        Problem::error(
            node.span.clone(),
            at(&format!("must be {expected}, not {}", node.describe())),
        )
    };
    // A tag changes what a value is read as (`!!str 4` is text, `!!binary`
    // is bytes): only the tag a value would have anyway is accepted.
    if let Some(tag) = &node.tag {
        let fits = match (shape, &node.value) {
            (
                Shape::Text | Shape::Level | Shape::Markup | Shape::Date | Shape::Choice(_),
                Value::Scalar { .. },
            ) => tag == "!!str",
            (Shape::Integer, Value::Scalar { .. }) => tag == "!!int",
            (Shape::Number, Value::Scalar { .. }) => tag == "!!int" || tag == "!!float",
            (Shape::List(_), Value::Seq(_)) => tag == "!!seq",
            (Shape::Map(_), Value::Map(_)) => tag == "!!map",
            _ => false,
        };
        if !fits {
            out.push(
                Problem::error(
                    node.span.clone(),
                    at(&format!(
                        "must be {}, not a value tagged `{tag}`",
                        expected(shape)
                    )),
                )
                .with_help(format!("remove `{tag}`: rule files use no YAML tags")),
            );
            return;
        }
    }
    match shape {
        Shape::Text => {
            if !matches!(node.value, Value::Scalar { .. }) || node.is_null() {
                out.push(wrong("text"));
            }
        }
        Shape::Integer => {
            let ok = matches!(&node.value, Value::Scalar { text, plain: true } if text.parse::<i32>().is_ok());
            if !ok {
                out.push(wrong("a whole number"));
            }
        }
        Shape::Number => {
            let ok = matches!(&node.value, Value::Scalar { text, plain: true } if parses_as_number(text));
            let out_of_range = matches!(&node.value, Value::Scalar { text, plain: true }
                if text.replace('_', "").parse::<f64>().is_ok_and(|v| v.is_infinite())
                    && !text.to_ascii_lowercase().contains("inf"));
            if out_of_range {
                out.push(
                    Problem::error(
                        node.span.clone(),
                        at(&format!(
                            "is out of range: {} is larger than any number factlint can hold (about 1.8e308)",
                            node.as_str().unwrap_or("")
                        )),
                    )
                    .with_help("write the value in the fact's unit, a number a draft could state"),
                );
            } else if !ok {
                let mut p = wrong("a number");
                if let Value::Scalar { text, plain: false } = &node.value {
                    if parses_as_number(text) {
                        p = p.with_help("remove the quotes");
                    }
                }
                out.push(p);
            }
        }
        Shape::Level | Shape::Markup | Shape::Choice(_) => {
            let choices = match shape {
                Shape::Level => LEVELS,
                Shape::Choice(words) => words,
                _ => MARKUPS,
            };
            match node.as_str() {
                Some(word) if choices.contains(&word) => {}
                Some(word) if !node.is_null() => {
                    let mut p = Problem::error(
                        node.span.clone(),
                        at(&format!("must be one of {}, not `{word}`", list(choices))),
                    );
                    if let Some(s) = did_you_mean(word, choices.iter().copied()) {
                        p = p.with_help(format!("did you mean `{s}`?"));
                    }
                    out.push(p);
                }
                _ => out.push(wrong(&format!("one of {}", list(choices)))),
            }
        }
        Shape::Scalar => {
            if !matches!(node.value, Value::Scalar { .. }) || node.is_null() {
                out.push(wrong(
                    "a number in the fact's unit or a percentage such as `1%`",
                ));
            }
        }
        Shape::Date => {
            if !matches!(node.value, Value::Scalar { .. }) || node.is_null() {
                out.push(wrong("a date, YYYY-MM-DD, YYYY-MM or YYYY"));
            }
        }
        Shape::Figure => {
            if !matches!(node.value, Value::Scalar { .. }) || node.is_null() {
                out.push(wrong("a number in the fact's unit, or a date"));
            }
        }
        Shape::List(item) => match &node.value {
            Value::Seq(items) => {
                for (i, n) in items.iter().enumerate() {
                    check(n, item, &format!("{path}[{i}]"), text, out);
                }
            }
            _ => out.push(wrong("a list")),
        },
        Shape::Map(fields) => {
            let Value::Map(entries) = &node.value else {
                out.push(wrong("a mapping of keys to values"));
                return;
            };
            let mut seen = std::collections::HashSet::new();
            for (key, value) in entries {
                let Some(name) = key.as_str() else {
                    out.push(Problem::error(
                        key.span.clone(),
                        at("has a key that is not a word"),
                    ));
                    continue;
                };
                if !seen.insert(name) {
                    out.push(Problem::error(
                        key.span.clone(),
                        at(&format!("has the key `{name}` twice")),
                    ));
                    continue;
                }
                let Some(f) = fields.iter().find(|f| f.key == name) else {
                    let mut p = Problem {
                        unknown_key: true,
                        ..Problem::error(
                            key.span.clone(),
                            at(&format!("has an unknown key `{name}`")),
                        )
                    };
                    p = match did_you_mean(name, fields.iter().map(|f| f.key)) {
                        Some(s) => p.with_help(format!("did you mean `{s}`?")),
                        None => p.with_help(format!(
                            "the keys here are {}",
                            list(&fields.iter().map(|f| f.key).collect::<Vec<_>>())
                        )),
                    };
                    out.push(p);
                    continue;
                };
                let inner = if path.is_empty() {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                };
                check(value, &f.shape, &inner, text, out);
            }
            for f in fields.iter().filter(|f| f.required) {
                if !entries.iter().any(|(k, _)| k.as_str() == Some(f.key)) {
                    out.push(Problem::error(
                        first_line(text, node.span.clone()),
                        if path.is_empty() {
                            format!("the rule file has no `{}`", f.key)
                        } else {
                            format!("`{path}` has no `{}`", f.key)
                        },
                    ));
                }
            }
        }
    }
}

/// What a shape is, in words.
fn expected(shape: &Shape) -> String {
    match shape {
        Shape::Text => "text".to_owned(),
        Shape::Integer => "a whole number".to_owned(),
        Shape::Number => "a number".to_owned(),
        Shape::Level => format!("one of {}", list(LEVELS)),
        Shape::Date => "a date, YYYY-MM-DD, YYYY-MM or YYYY".to_owned(),
        Shape::Markup => format!("one of {}", list(MARKUPS)),
        Shape::Scalar => "a number, or a percentage such as `1%`".to_owned(),
        Shape::Figure => "a number in the fact's unit, or a date".to_owned(),
        Shape::Choice(words) => format!("one of {}", list(words)),
        Shape::List(_) => "a list".to_owned(),
        Shape::Map(_) => "a mapping of keys to values".to_owned(),
    }
}

/// The first line of a span, for problems with a whole mapping.
pub(crate) fn first_line(text: &str, span: Range<usize>) -> Range<usize> {
    let rest = text.get(span.clone()).unwrap_or("");
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    span.start..span.start + rest[..end].trim_end().len()
}

fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// The candidate closest to `word`, if it is close enough to be a typo of it:
/// an edit distance of at most a third of the word (at least one), or one
/// word beginning the other ("alias" for "aliases").
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase().replace('_', "-");
    let limit = (lower.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .filter_map(|c| {
            let d = strsim::damerau_levenshtein(&lower, c);
            let prefix = lower.len() >= 3 && (c.starts_with(&lower) || lower.starts_with(c));
            (d <= limit || prefix).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use super::*;

    fn problems(text: &str) -> Vec<(String, String, Option<String>)> {
        let root = yaml::parse(text).expect("YAML");
        shape(&root, text)
            .into_iter()
            .map(|p| (text[p.span].to_owned(), p.message, p.help))
            .collect()
    }

    const HEAD: &str = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n";

    #[test]
    fn every_unknown_key_and_wrong_type_at_once() {
        let text = format!(
            "{HEAD}  - id: a\n    claim: c\n    quantiy: {{value: 1, unit: year}}\n  \
             - id: b\n    claim: c\n    quantity: {{value: '20', unit: year}}\n    sevrity: {{unstated: of}}\n"
        );
        let found = problems(&text);
        assert_eq!(
            found,
            [
                (
                    "quantiy".to_owned(),
                    "`facts[0]` has an unknown key `quantiy`".to_owned(),
                    Some("did you mean `quantity`?".to_owned())
                ),
                (
                    "'20'".to_owned(),
                    "`facts[1].quantity.value` must be a number, not the text \"20\"".to_owned(),
                    Some("remove the quotes".to_owned())
                ),
                (
                    "sevrity".to_owned(),
                    "`facts[1]` has an unknown key `sevrity`".to_owned(),
                    Some("did you mean `severity`?".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn levels_lists_and_required_keys() {
        let text = "subject:\n  id: x\n  name: X\n  aliases: deal\n  reported-speech: warn\nfacts:\n  - claim: c\n    date: 2027\n";
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`subject.aliases` must be a list, not the text \"deal\"",
                "`subject.reported-speech` must be one of `error`, `warning`, `info` or `off`, not `warn`",
                "`subject` has no `source`",
                "`facts[0]` has no `id`",
            ]
        );
        assert_eq!(found[1].2.as_deref(), Some("did you mean `warning`?"));
        assert_eq!(found[2].0, "id: x");
    }

    #[test]
    fn suggestions_are_for_typos_only() {
        let keys = ["aliases", "names", "parties", "distinct-from"];
        assert_eq!(did_you_mean("alias", keys), Some("aliases"));
        assert_eq!(did_you_mean("partys", keys), Some("parties"));
        assert_eq!(did_you_mean("distinct_from", keys), Some("distinct-from"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn an_empty_file_and_a_list_at_the_top() {
        assert_eq!(problems("")[0].1, "the rule file is empty");
        assert_eq!(
            problems("- a\n")[0].1,
            "the rule file must be a mapping of keys to values, not a list"
        );
    }
}
