//! A rule file's YAML as a tree of nodes that know where they are, so that
//! every problem found in a rule file can underline the exact key or value.
//! serde_yaml still builds the typed rules; this tree only gives positions and
//! lets the schema be checked in full before serde stops at its first error.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Bytes of the rule file's text.
    pub span: Range<usize>,
    pub value: Value,
    /// An explicit tag (`!!str`, `!!binary`, `!custom`), as written.
    pub tag: Option<String>,
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
    /// Where the problem ends (the alias, for [`SyntaxError::too_many_aliases`]).
    pub end: usize,
    pub message: String,
    /// Not a syntax error: aliases stand for more than [`MAX_ALIAS_NODES`].
    pub too_many_aliases: bool,
}

/// The most nodes that all aliases of a rule file together may stand for.
/// A rule file reads its aliases in full, so 5,000 facts each pointing at one
/// 5,000-phrase list would take gigabytes; nesting ("billion laughs") is
/// counted the same way.
pub(crate) const MAX_ALIAS_NODES: u64 = 100_000;

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
    // How many nodes each anchor stands for, its aliases' included.
    let mut anchored: HashMap<usize, u64> = HashMap::new();
    // How many nodes the aliases read so far stand for.
    let mut expanded: u64 = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let at = bytes.of(e.marker().index());
            SyntaxError {
                at,
                end: at,
                message: e.info().to_owned(),
                too_many_aliases: false,
            }
        })?;
        let range = bytes.range(span);
        let done = match event {
            Event::Scalar(value, style, anchor, tag) => Some((
                Node {
                    span: range,
                    value: Value::Scalar {
                        text: value.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    tag: tag.map(|t| tag_name(&t)),
                },
                1,
                anchor,
            )),
            Event::Alias(anchor) => {
                let size = anchored.get(&anchor).copied().unwrap_or(1);
                expanded = expanded.saturating_add(size);
                if expanded > MAX_ALIAS_NODES {
                    return Err(SyntaxError {
                        at: range.start,
                        end: range.end,
                        message: format!(
                            "the aliases of this rule file repeat more than {MAX_ALIAS_NODES} values in all, \
                             the most a rule file may repeat: with this one, {expanded}"
                        ),
                        too_many_aliases: true,
                    });
                }
                Some((
                    Node {
                        span: range,
                        value: Value::Alias,
                        tag: None,
                    },
                    size,
                    0,
                ))
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(Building {
                    start: range.start,
                    kind: Kind::Seq(Vec::new()),
                    anchor,
                    tag: tag.map(|t| tag_name(&t)),
                    size: 1,
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(Building {
                    start: range.start,
                    kind: Kind::Map(Vec::new(), None),
                    anchor,
                    tag: tag.map(|t| tag_name(&t)),
                    size: 1,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|b| b.finish(range.end)),
            Event::DocumentEnd => break,
            _ => None,
        };
        if let Some((node, size, anchor)) = done {
            if anchor != 0 {
                anchored.insert(anchor, size);
            }
            match stack.last_mut() {
                Some(parent) => {
                    parent.size = parent.size.saturating_add(size);
                    match &mut parent.kind {
                        Kind::Seq(items) => items.push(node),
                        Kind::Map(entries, key) => match key.take() {
                            Some(k) => entries.push((k, node)),
                            None => *key = Some(node),
                        },
                    }
                }
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
        tag: None,
    }))
}

/// `!!str` for the core schema's tags, however the parser spells them.
fn tag_name(tag: &saphyr_parser::Tag) -> String {
    match tag.handle.as_str() {
        "!!" | "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    }
}

struct Building {
    start: usize,
    kind: Kind,
    anchor: usize,
    tag: Option<String>,
    /// Nodes so far, this one's included and its aliases' expanded.
    size: u64,
}

enum Kind {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

impl Building {
    fn finish(self, end: usize) -> (Node, u64, usize) {
        let start = self.start;
        let (end, value) = match self.kind {
            Kind::Seq(items) => (
                items.last().map_or(end, |n| n.span.end.max(end)),
                Value::Seq(items),
            ),
            Kind::Map(entries, _) => (
                entries.last().map_or(end, |(_, v)| v.span.end.max(end)),
                Value::Map(entries),
            ),
        };
        (
            Node {
                span: start..end.max(start),
                value,
                tag: self.tag,
            },
            self.size,
            self.anchor,
        )
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
    fn aliases_are_counted_as_the_values_they_stand_for() {
        // nested: each level stands for ten of the one before
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..6 {
            let list = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{list}]\n"));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.too_many_aliases, "{e:?}");
        // a3 stands for 11,111 values: the ninth of them on the line of a4
        assert_eq!(&text[e.at..e.end], "*a3", "{e:?}");
        assert_eq!(text[..e.at].matches('\n').count(), 4, "{e:?}");
        // flat: a list and its 999 items, repeated 100 times, is 100,000 values
        let list = vec!["x"; 999].join(", ");
        let mut text = format!("l: &l [{list}]\nr:\n");
        for _ in 0..100 {
            text.push_str("  - *l\n");
        }
        assert!(parse(&text).is_ok());
        text.push_str("  - *l\n");
        let e = parse(&text).unwrap_err();
        assert!(e.too_many_aliases && e.message.contains("100000"), "{e:?}");
        assert_eq!(e.at, text.len() - 3);
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
