//! A rule file's YAML as a tree of nodes that know where they are, so that
//! every problem found in a rule file can underline the exact key or value.
//! serde_yaml still builds the typed rules; this tree only gives positions and
//! lets the schema be checked in full before serde stops at its first error.

use std::borrow::Cow;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Bytes of the rule file's text.
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// `plain` is false for quoted and block scalars, which are always strings.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `*name`: what it stands for is not followed.
    Alias,
}

/// One step into a tree: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where the parser gave up, and why.
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub at: usize,
    pub message: String,
}

impl Node {
    pub fn get(&self, path: &[Step<'_>]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let next = match (first, &self.value) {
            (Step::Key(k), Value::Map(entries)) => {
                &entries.iter().find(|(key, _)| key.as_str() == Some(k))?.1
            }
            (Step::Index(i), Value::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
        next.get(rest)
    }

    /// The key node of the entry at `path`, whose last step is a key.
    pub fn key(&self, path: &[Step<'_>]) -> Option<&Node> {
        let (last, parent) = path.split_last()?;
        let Step::Key(k) = last else { return None };
        match &self.get(parent)?.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(key, _)| key.as_str() == Some(k))
                .map(|(key, _)| key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A plain `~`, `null` or nothing at all, which YAML reads as no value.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What the node is, in words, for "expected …, found …" messages.
    pub fn describe(&self) -> Cow<'static, str> {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "nothing".into(),
            Value::Scalar { text, plain: true } if parses_as_number(text) => {
                format!("the number {text}").into()
            }
            Value::Scalar { text, .. } => format!("the text \"{}\"", short(text)).into(),
            Value::Seq(_) => "a list".into(),
            Value::Map(_) => "a mapping".into(),
            Value::Alias => "an alias".into(),
        }
    }
}

pub(crate) fn parses_as_number(text: &str) -> bool {
    let t = text.replace('_', "");
    t.parse::<f64>().is_ok() && !matches!(t.to_ascii_lowercase().as_str(), "inf" | "nan")
        || matches!(text, ".inf" | "-.inf" | ".nan" | ".NaN" | ".Inf")
}

fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    if first.chars().count() > 40 || first.len() < text.trim_end().len() {
        format!("{}…", first.chars().take(40).collect::<String>())
    } else {
        first.to_owned()
    }
}

/// Parses the first document of `text`. An empty file is an empty mapping.
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    let bytes = CharOffsets::new(text);
    let mut stack: Vec<Building> = Vec::new();
    let mut root: Option<Node> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| SyntaxError {
            at: bytes.of(e.marker().index()),
            message: e.info().to_owned(),
        })?;
        let range = bytes.range(span);
        let done = match event {
            Event::Scalar(value, style, _, _) => Some(Node {
                span: range,
                value: Value::Scalar {
                    text: value.into_owned(),
                    plain: style == ScalarStyle::Plain,
                },
            }),
            Event::Alias(_) => Some(Node {
                span: range,
                value: Value::Alias,
            }),
            Event::SequenceStart(..) => {
                stack.push(Building::Seq(range.start, Vec::new()));
                None
            }
            Event::MappingStart(..) => {
                stack.push(Building::Map(range.start, Vec::new(), None));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|b| b.finish(range.end)),
            Event::DocumentEnd => break,
            _ => None,
        };
        if let Some(node) = done {
            match stack.last_mut() {
                Some(Building::Seq(_, items)) => items.push(node),
                Some(Building::Map(_, entries, key)) => match key.take() {
                    Some(k) => entries.push((k, node)),
                    None => *key = Some(node),
                },
                None => {
                    root = Some(node);
                }
            }
        }
    }
    Ok(root.unwrap_or(Node {
        span: 0..0,
        value: Value::Scalar {
            text: String::new(),
            plain: true,
        },
    }))
}

enum Building {
    Seq(usize, Vec<Node>),
    Map(usize, Vec<(Node, Node)>, Option<Node>),
}

impl Building {
    fn finish(self, end: usize) -> Node {
        match self {
            Building::Seq(start, items) => {
                let end = items.last().map_or(end, |n| n.span.end.max(end));
                Node {
                    span: start..end.max(start),
                    value: Value::Seq(items),
                }
            }
            Building::Map(start, entries, _) => {
                let end = entries.last().map_or(end, |(_, v)| v.span.end.max(end));
                Node {
                    span: start..end.max(start),
                    value: Value::Map(entries),
                }
            }
        }
    }
}

/// The parser counts characters; spans here are bytes.
struct CharOffsets {
    /// Byte offset of each char, then the text's length; empty for ASCII text.
    offsets: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let offsets = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        };
        CharOffsets {
            offsets,
            len: text.len(),
        }
    }

    fn of(&self, chars: usize) -> usize {
        if self.offsets.is_empty() {
            chars.min(self.len)
        } else {
            self.offsets.get(chars).copied().unwrap_or(self.len)
        }
    }

    fn range(&self, span: Span) -> Range<usize> {
        let start = self.of(span.start.index());
        start..self.of(span.end.index()).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, node: &Node) -> &'t str {
        &text[node.span.clone()]
    }

    #[test]
    fn scalars_keys_and_items_know_their_bytes() {
        let text = "subject:\n  id: x\n  name: \"Río – X\"\n  parties:\n    - [Río, B]\nfacts:\n  - id: a\n    claim: >-\n      two\n      lines\n";
        let root = parse(text).unwrap();
        let id = root.get(&[Step::Key("subject"), Step::Key("id")]).unwrap();
        assert_eq!(at(text, id), "x");
        let name = root
            .get(&[Step::Key("subject"), Step::Key("name")])
            .unwrap();
        assert_eq!(at(text, name), "\"Río – X\"");
        assert_eq!(name.as_str(), Some("Río – X"));
        let party = root
            .get(&[
                Step::Key("subject"),
                Step::Key("parties"),
                Step::Index(0),
                Step::Index(1),
            ])
            .unwrap();
        assert_eq!(at(text, party), "B");
        let key = root
            .key(&[Step::Key("facts"), Step::Index(0), Step::Key("claim")])
            .unwrap();
        assert_eq!(at(text, key), "claim");
        let claim = root
            .get(&[Step::Key("facts"), Step::Index(0), Step::Key("claim")])
            .unwrap();
        assert_eq!(claim.as_str(), Some("two lines"));
        let fact = root.get(&[Step::Key("facts"), Step::Index(0)]).unwrap();
        assert!(at(text, fact).starts_with("id: a"), "{:?}", at(text, fact));
    }

    #[test]
    fn a_syntax_error_has_a_place() {
        let text = "subject:\n  id: [x\nfacts: []\n";
        let e = parse(text).unwrap_err();
        assert!(e.at > 0 && e.at <= text.len(), "{e:?}");
    }

    #[test]
    fn values_are_described_for_messages() {
        let root = parse("a: 47\nb: '47'\nc:\nd: [1]\n").unwrap();
        let d = |k| root.get(&[Step::Key(k)]).unwrap().describe().into_owned();
        assert_eq!(d("a"), "the number 47");
        assert_eq!(d("b"), "the text \"47\"");
        assert_eq!(d("c"), "nothing");
        assert_eq!(d("d"), "a list");
    }
}
