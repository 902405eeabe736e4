//! HTML, read with html5gum.
//!
//! The tokenizer decodes character references and normalizes line breaks; a
//! small emitter records, for every piece of text it hands out, the original
//! bytes it consumed, so that decoded entities map to their whole reference
//! and everything else maps byte for byte.
//!
//! Structure is approximated without a tree builder: block elements start
//! and end blocks, inline elements do not break the text, and the end tags
//! that HTML lets authors leave out (`</p>`, `</li>`, `</td>`, `</tr>`) are
//! implied where a browser would imply them. Content that is not part of the
//! page's prose is skipped: the title, scripts, styles, templates,
//! `<noscript>`, navigation menus (`<nav>`), embedded SVG and MathML, frames,
//! and deleted or struck-out text (`<del>`, `<s>`, `<strike>`). The rest of
//! a `<head>` holds no text; stray text there is kept, as browsers show it.
//!
//! A `<time>` element whose `datetime` attribute holds a date, and whose
//! own text does not ("Wednesday", "last week"), reads as that date in place
//! of its text, mapped to the whole element: `signed on <time
//! datetime="2025-01-15">Wednesday</time>` reads "signed on 2025-01-15".

use std::cell::Cell;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::ops::Range;
use std::rc::Rc;

use html5gum::{Emitter, Error, Readable, State, Tokenizer};

use super::builder::{is_space, DocumentBuilder};
use super::lines::floor_char_boundary;
use super::{BlockKind, Document, CELL_SEPARATOR};
use crate::reader::dates::{find_dates, format_date, DateStyle};

pub(crate) fn read(original: &str) -> Document {
    let recorder = Recorder::default();
    let reader = GuardedReader {
        input: original.as_bytes(),
        attributes: Rc::clone(&recorder.attribute_count),
    };
    let events: Vec<Event> = Tokenizer::new_with_emitter(reader, recorder)
        .map(|result| match result {
            Ok(event) => event,
            Err(never) => match never {},
        })
        .collect();
    let mut reader = Reader {
        original,
        doc: DocumentBuilder::new(original.len()),
        open: Vec::new(),
        skip: None,
        tail: String::new(),
    };
    let mut i = 0;
    while let Some(event) = events.get(i) {
        i += reader.event(event, &events[i + 1..]);
    }
    reader.doc.finish()
}

/// Attributes one tag may have before the white space between the rest is
/// read as `/`. html5gum reads an attribute list with a call per attribute
/// rather than a loop, so a tag with tens of thousands of attributes would
/// overflow the stack. Attributes are not read, and `/` separates them just
/// as well (it only marks a tag self-closing, which is ignored too), so
/// nothing read changes; real tags stay far below the limit.
const MAX_ATTRIBUTES: usize = 256;

/// html5gum's string reader, but past [`MAX_ATTRIBUTES`] in one tag, white
/// space comes out as `/`. Each byte still stands for one byte, so positions
/// are those of the original.
struct GuardedReader<'a> {
    input: &'a [u8],
    /// Attributes of the tag being read, counted by the [`Recorder`].
    attributes: Rc<Cell<usize>>,
}

impl GuardedReader<'_> {
    fn guarding(&self) -> bool {
        self.attributes.get() >= MAX_ATTRIBUTES
    }
}

/// White space as the tokenizer sees it between attributes.
fn is_tag_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

impl html5gum::Reader for GuardedReader<'_> {
    type Error = Infallible;

    fn read_byte(&mut self) -> Result<Option<u8>, Infallible> {
        let Some((&b, rest)) = self.input.split_first() else {
            return Ok(None);
        };
        self.input = rest;
        Ok(Some(if self.guarding() && is_tag_space(b) {
            b'/'
        } else {
            b
        }))
    }

    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Infallible> {
        let mut reader = self.input.to_reader();
        let found = reader.try_read_string(s, case_sensitive)?;
        if found {
            self.input = &self.input[s.len()..];
        }
        Ok(found)
    }

    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        char_buf: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Infallible> {
        if self.input.is_empty() {
            return Ok(None);
        }
        let len = if self.guarding() {
            if is_tag_space(self.input[0]) {
                self.input = &self.input[1..];
                char_buf[0] = b'/';
                return Ok(Some(&char_buf[..1]));
            }
            // Stop before white space, so that it comes out alone, as `/`.
            self.input
                .iter()
                .position(|&b| needle.contains(&b) || is_tag_space(b))
                .unwrap_or(self.input.len())
                .max(1)
        } else {
            let mut reader = self.input.to_reader();
            reader
                .read_until(needle, char_buf)?
                .map_or(self.input.len(), <[u8]>::len)
        };
        let (chunk, rest) = self.input.split_at(len);
        self.input = rest;
        Ok(Some(chunk))
    }
}

/// What the tokenizer found, with the original bytes it came from.
#[derive(Debug)]
enum Event {
    Text {
        text: String,
        orig: Range<usize>,
    },
    /// A start tag at byte `at`, with its `datetime` attribute if it is a
    /// `<time>` tag that has one.
    Start {
        name: String,
        at: usize,
        datetime: Option<String>,
    },
    /// An end tag from byte `at` to byte `end`.
    End {
        name: String,
        at: usize,
        end: usize,
    },
}

/// An [`Emitter`] that keeps text, tag names and positions, and the
/// attributes of `<time>` tags, and nothing else.
#[derive(Default)]
struct Recorder {
    events: VecDeque<Event>,
    /// Original bytes consumed so far, as the tokenizer reports them.
    position: usize,
    /// Where the next piece of text starts.
    mark: usize,
    tag_start: usize,
    tag_name: Vec<u8>,
    tag_is_end: bool,
    last_start_tag: Vec<u8>,
    /// The attributes of the current tag, names and values, if it is a
    /// `<time>` start tag; other tags' attributes are not kept.
    attributes: Vec<(Vec<u8>, Vec<u8>)>,
    /// Text bytes that do not yet form whole characters (states that emit
    /// byte by byte), with where they started.
    partial: Vec<u8>,
    partial_start: usize,
    /// How many attributes the tag being read has, for the [`GuardedReader`].
    attribute_count: Rc<Cell<usize>>,
}

impl Recorder {
    fn flush_partial(&mut self) {
        if self.partial.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.partial).into_owned();
        self.partial.clear();
        self.events.push_back(Event::Text {
            text,
            orig: self.partial_start..self.position,
        });
    }
}

impl Emitter for Recorder {
    type Token = Event;

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_partial();
    }

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    fn init_string(&mut self) {
        if self.partial.is_empty() {
            self.mark = self.position;
        }
    }

    fn emit_string(&mut self, s: &[u8]) {
        if self.partial.is_empty() {
            self.partial_start = self.mark;
        }
        self.mark = self.position;
        self.partial.extend_from_slice(s);
        match std::str::from_utf8(&self.partial) {
            Ok(text) => {
                let text = text.to_owned();
                self.partial.clear();
                self.events.push_back(Event::Text {
                    text,
                    orig: self.partial_start..self.position,
                });
            }
            // The rest of a character is still to come.
            Err(e) if e.error_len().is_none() => {}
            Err(_) => self.flush_partial(),
        }
    }

    fn init_start_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_end = false;
        self.attributes.clear();
        self.attribute_count.set(0);
    }

    fn init_end_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_end = true;
        self.attributes.clear();
        self.attribute_count.set(0);
    }

    fn init_comment(&mut self) {
        self.flush_partial();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.attribute_count.set(0);
        self.flush_partial();
        self.mark = self.position;
        let name = String::from_utf8_lossy(&self.tag_name).into_owned();
        let at = self.tag_start;
        if self.tag_is_end {
            self.last_start_tag.clear();
            let end = self.position;
            self.events.push_back(Event::End { name, at, end });
            None
        } else {
            self.last_start_tag.clear();
            self.last_start_tag.extend_from_slice(&self.tag_name);
            // The first of duplicate attributes counts, as in a browser.
            let datetime = self
                .attributes
                .drain(..)
                .find(|(name, _)| name == b"datetime")
                .map(|(_, value)| String::from_utf8_lossy(&value).into_owned());
            self.events.push_back(Event::Start { name, at, datetime });
            // Without this, `<script>if (a<b)</script>` would be read as tags.
            html5gum::naive_next_state(&self.tag_name)
        }
    }

    fn emit_current_comment(&mut self) {
        self.mark = self.position;
    }

    fn emit_current_doctype(&mut self) {
        self.mark = self.position;
    }

    fn set_self_closing(&mut self) {}

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {
        self.flush_partial();
    }

    fn init_attribute(&mut self) {
        // The tag name is complete before its first attribute starts.
        if !self.tag_is_end && self.tag_name == b"time" {
            self.attributes.push((Vec::new(), Vec::new()));
        }
        self.attribute_count.set(self.attribute_count.get() + 1);
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        if let Some((name, _)) = self.attributes.last_mut() {
            name.extend_from_slice(s);
        }
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if let Some((_, value)) = self.attributes.last_mut() {
            value.extend_from_slice(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn start_open_tag(&mut self) {
        self.flush_partial();
        self.tag_start = self.position.saturating_sub(1);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag_is_end && !self.last_start_tag.is_empty() && self.last_start_tag == self.tag_name
    }
}

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "title", "svg", "math", "iframe", "object", "nav",
    "del", "s", "strike",
];

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start and end blocks of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// What an open block element means for the blocks inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading(u8),
    Item,
    Row { header: bool, cells: usize },
    Cell,
    Other,
}

#[derive(Debug)]
struct Open {
    name: String,
    role: Role,
}

/// How deeply block elements nest, at most: Blink's limit on the depth of
/// the tree its HTML parser builds.
const MAX_DEPTH: usize = 512;

struct Reader<'a> {
    original: &'a str,
    doc: DocumentBuilder,
    /// Open block elements, innermost last.
    open: Vec<Open>,
    /// The skipped element being read, and how deeply it nests in itself.
    skip: Option<(String, usize)>,
    /// The end of the text read since the last block element's tag, for the
    /// word before a `<time>` element.
    tail: String,
}

/// How much of the text before a `<time>` element is kept to find the word
/// before it.
const TAIL: usize = 32;

impl Reader<'_> {
    /// Reads `event`, and any events of `rest` that go with it; returns how
    /// many events were read.
    fn event(&mut self, event: &Event, rest: &[Event]) -> usize {
        if let Some((skipped, depth)) = &mut self.skip {
            match event {
                Event::Start { name, .. } if name == skipped => *depth += 1,
                Event::End { name, .. } if name == skipped => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                    }
                }
                _ => {}
            }
            return 1;
        }
        match event {
            Event::Text { text, orig } => self.text(text, orig.clone()),
            Event::Start {
                name,
                at,
                datetime: Some(datetime),
            } if name == "time" => {
                if let Some(read) = self.time(datetime, *at, rest) {
                    return 1 + read;
                }
                self.start(name, *at, rest);
            }
            Event::Start { name, at, .. } => {
                if BLOCKS.contains(&name.as_str()) {
                    self.tail.clear();
                }
                self.start(name, *at, rest);
            }
            Event::End { name, at, .. } => {
                if BLOCKS.contains(&name.as_str()) {
                    self.tail.clear();
                }
                self.end(name, *at);
            }
        }
        1
    }

    /// Starts a block for text if none is open.
    fn begin_text(&mut self) {
        if !self.doc.in_block() {
            let kind = self.kind();
            self.doc.start_block(kind);
        }
    }

    /// Keeps the end of the text read, for [`Reader::word_before`].
    fn note_text(&mut self, text: &str) {
        self.tail.push_str(text);
        if self.tail.len() > TAIL {
            let mut cut = self.tail.len() - TAIL;
            while !self.tail.is_char_boundary(cut) {
                cut += 1;
            }
            self.tail.drain(..cut);
        }
    }

    /// The last word read before this point in the block, if any.
    fn word_before(&self) -> Option<&str> {
        self.tail.split(is_space).rfind(|w| !w.is_empty())
    }

    /// Reads a `<time>` element, starting at byte `at`, whose `datetime`
    /// attribute is `datetime`, as its date when its text holds none. `rest`
    /// follows the start tag; returns how many of its events were read, or
    /// `None` when the element reads as its text (the `datetime` is no date,
    /// the text is a date or white space, or the element has no end tag or
    /// holds more than inline text).
    fn time(&mut self, datetime: &str, at: usize, rest: &[Event]) -> Option<usize> {
        let (year, month, day) = machine_date(datetime)?;
        let mut content = String::new();
        let mut element = None;
        for (i, event) in rest.iter().enumerate() {
            match event {
                Event::Text { text, .. } => content.push_str(text),
                Event::End { name, end, .. } if name == "time" => {
                    element = Some((i, *end));
                    break;
                }
                Event::Start { name, .. } | Event::End { name, .. } => {
                    let name = name.as_str();
                    let inline = name == "br"
                        || !(name == "time" || BLOCKS.contains(&name) || SKIPPED.contains(&name));
                    if !inline {
                        return None;
                    }
                }
            }
        }
        let (last, end) = element?;
        // an element that gives its own date keeps it; "last month" is told
        // from the time of writing, which the datetime gives
        let own_date = find_dates(&content).iter().any(|d| {
            // "last May" is a month of a year the datetime gives
            let before = content[..d.range.start].trim_end().to_ascii_lowercase();
            d.style != DateStyle::Relative && !before.ends_with("last") && !before.ends_with("this")
        });
        if content.chars().all(is_space) || own_date {
            return None;
        }
        let date = match (month, day) {
            (Some(_), Some(_)) => format_date(Some(year), month, day, DateStyle::Iso, false),
            (Some(_), None) => format_date(Some(year), month, None, DateStyle::MonthYear, false),
            // A bare year is a date only after a preposition: "signed in
            // <time datetime="2024">that year</time>" reads "signed in 2024",
            // "signed <time …>last year</time>" reads "signed in 2024".
            _ => format!("in {year}"),
        };
        // The date reader must read the date as given, to its end (a year
        // without the preposition), which also rules out days that are not
        // in the calendar ("2025-02-30").
        let found = find_dates(&date);
        let read = matches!(found.as_slice(), [d]
            if d.range.end == date.len() && (d.year, d.month, d.day) == (Some(year), month, day));
        if !read {
            return None;
        }
        // After "in", "since", "by" and the like the year goes alone.
        let bare = date.strip_prefix("in ").filter(|_| month.is_none());
        let date = match (bare, self.word_before()) {
            (Some(bare), Some(word)) if !find_dates(&format!("{word} {bare}")).is_empty() => bare,
            _ => &date,
        };
        self.begin_text();
        // White space at the element's edges still separates words.
        if content.starts_with(is_space) {
            self.doc.push_break(at);
        }
        self.doc.push_decoded(date, at..end);
        self.note_text(date);
        if content.ends_with(is_space) {
            self.doc.push_break(end);
            self.note_text(" ");
        }
        Some(last + 1)
    }

    fn text(&mut self, text: &str, orig: Range<usize>) {
        self.begin_text();
        self.note_text(text);
        match self.original.get(orig.clone()) {
            Some(source) => self.doc.push_aligned(text, source, orig.start),
            None => {
                // Not expected from the tokenizer; keep the map on char
                // boundaries all the same.
                let start = floor_char_boundary(self.original, orig.start);
                let end = floor_char_boundary(self.original, orig.end).max(start);
                self.doc.push_decoded(text, start..end);
            }
        }
    }

    fn start(&mut self, name: &str, at: usize, rest: &[Event]) {
        if SKIPPED.contains(&name) {
            self.doc.push_break(at);
            self.skip = Some((name.to_owned(), 1));
            return;
        }
        if name == "br" {
            self.doc.push_break(at);
            return;
        }
        if !BLOCKS.contains(&name) {
            return;
        }
        self.close_implied(name, at);
        let in_row = self.in_row();
        let role = match name {
            // Inside a table row, headings and items are only text of a cell.
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" if in_row => Role::Other,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let digit = name.as_bytes().get(1).copied().unwrap_or(b'1');
                Role::Heading(digit.saturating_sub(b'0'))
            }
            "li" => Role::Item,
            "tr" => Role::Row {
                header: self.is_open("thead") || is_header_row(rest),
                cells: 0,
            },
            "td" | "th" => Role::Cell,
            _ => Role::Other,
        };
        match role {
            Role::Cell => {
                if let Some(Role::Row { cells, .. }) = self
                    .open
                    .iter_mut()
                    .rev()
                    .map(|o| &mut o.role)
                    .find(|r| matches!(r, Role::Row { .. }))
                {
                    if *cells > 0 {
                        self.doc.push_separator(CELL_SEPARATOR, at);
                    }
                    *cells += 1;
                }
            }
            Role::Row { header, .. } => {
                self.doc.start_block(BlockKind::TableRow { header });
            }
            Role::Heading(level) => self.doc.start_block(BlockKind::Heading(level)),
            Role::Item => self.doc.start_block(BlockKind::ListItem),
            _ => self.boundary(at),
        }
        // Past the depth browsers allow, an element opens as a sibling rather
        // than a child, as Blink does; it also keeps every look through the
        // open elements short on pages nested a hundred thousand deep.
        if !VOID.contains(&name) && self.open.len() < MAX_DEPTH {
            self.open.push(Open {
                name: name.to_owned(),
                role,
            });
        }
    }

    fn end(&mut self, name: &str, at: usize) {
        if name == "br" {
            // Browsers read `</br>` as `<br>`.
            self.doc.push_break(at);
            return;
        }
        if !BLOCKS.contains(&name) {
            return;
        }
        if self.is_open(name) {
            while let Some(open) = self.open.pop() {
                let done = open.name == name;
                self.closed(&open, at);
                if done {
                    break;
                }
            }
        } else {
            // A stray `</p>` still ends a paragraph in a browser.
            self.boundary(at);
        }
    }

    /// Closes the elements that a start tag `name` ends without their end
    /// tags, as the HTML parsing rules do.
    fn close_implied(&mut self, name: &str, at: usize) {
        let (targets, scope): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table"]),
            "tr" => (&["tr", "td", "th"], &["table"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                (&["thead", "tbody", "tfoot", "tr", "td", "th"], &["table"])
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (&["h1", "h2", "h3", "h4", "h5", "h6"], &[]),
            _ => (&[], &[]),
        };
        // A paragraph ends at any block that starts inside it.
        if self.open.last().is_some_and(|o| o.name == "p") {
            if let Some(open) = self.open.pop() {
                self.closed(&open, at);
            }
        }
        let found = self
            .open
            .iter()
            .rev()
            .take_while(|o| !scope.contains(&o.name.as_str()))
            .position(|o| targets.contains(&o.name.as_str()));
        if let Some(from_top) = found {
            for _ in 0..=from_top {
                if let Some(open) = self.open.pop() {
                    self.closed(&open, at);
                }
            }
        }
    }

    fn closed(&mut self, open: &Open, at: usize) {
        match open.role {
            Role::Cell => {}
            Role::Row { .. } => self.doc.end_block(),
            _ => self.boundary(at),
        }
    }

    /// The end of a block, or only a word break inside a table row, whose
    /// cells may hold paragraphs and divisions but stay one block.
    fn boundary(&mut self, at: usize) {
        if self.in_row() {
            self.doc.push_break(at);
        } else {
            self.doc.end_block();
        }
    }

    fn in_row(&self) -> bool {
        self.open.iter().rev().find_map(|o| match o.role {
            Role::Row { .. } => Some(true),
            Role::Heading(_) | Role::Item => Some(false),
            Role::Cell | Role::Other => None,
        }) == Some(true)
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.iter().any(|o| o.name == name)
    }

    /// The kind of a block that starts here.
    fn kind(&self) -> BlockKind {
        self.open
            .iter()
            .rev()
            .find_map(|o| match o.role {
                Role::Heading(level) => Some(BlockKind::Heading(level)),
                Role::Item => Some(BlockKind::ListItem),
                Role::Row { header, .. } => Some(BlockKind::TableRow { header }),
                Role::Cell | Role::Other => None,
            })
            .unwrap_or(BlockKind::Paragraph)
    }
}

/// The date a `datetime` attribute holds, as year, month and day: `2025`,
/// `2025-01` or `2025-01-17`, the last maybe with a time after it
/// (`2025-01-17T10:00Z`, `2025-01-17 10:00`), which is ignored. Ranges of
/// months are checked here and days in the calendar by the caller.
fn machine_date(value: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let number = |s: &str, digits: usize| -> Option<u32> {
        let part = s.get(..digits)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = i32::try_from(number(value, 4)?).ok()?;
    let rest = &value[4..];
    if rest.is_empty() {
        return Some((year, None, None));
    }
    let rest = rest.strip_prefix('-')?;
    let month = number(rest, 2).filter(|m| (1..=12).contains(m))?;
    let rest = &rest[2..];
    if rest.is_empty() {
        return Some((year, Some(month), None));
    }
    let rest = rest.strip_prefix('-')?;
    let day = number(rest, 2).filter(|&d| d >= 1)?;
    let rest = &rest[2..];
    let time_follows = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
    time_follows.then_some((year, Some(month), Some(day)))
}

/// Whether the row that starts before `rest` has header cells only.
fn is_header_row(rest: &[Event]) -> bool {
    let (mut th, mut td) = (0, 0);
    for event in rest {
        match event {
            Event::Start { name, .. } if name == "th" => th += 1,
            Event::Start { name, .. } if name == "td" => td += 1,
            Event::Start { name, .. } | Event::End { name, .. }
                if matches!(name.as_str(), "tr" | "table" | "thead" | "tbody" | "tfoot") =>
            {
                break
            }
            _ => {}
        }
    }
    th > 0 && td == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::builder::testing::{self, block_texts, kinds, orig};
    use crate::source::BlockKind::*;

    #[test]
    fn inline_tags_do_not_break_the_text() {
        let src =
            "<p>The <strong>46-article</strong> treaty, <b>45</b> of <a href=\"x\">them</a>, \
                   <time datetime=\"2025-01-17\">17 January 2025</time>.</p>";
        let doc = read(src);
        assert_eq!(
            doc.text,
            "The 46-article treaty, 45 of them, 17 January 2025."
        );
        assert_eq!(kinds(&doc), [Paragraph]);
        assert_eq!(orig(src, &doc, "46"), "46");
        assert_eq!(orig(src, &doc, "45"), "45");
        assert_eq!(orig(src, &doc, "17 January 2025"), "17 January 2025");
        assert_eq!(orig(src, &doc, "them"), "them");
    }

    #[test]
    fn entities_map_to_the_whole_reference() {
        let src = "<p>Iran&ndash;Russia&rsquo;s 20&nbsp;years, AT&amp;T &#8220;47&#x201D; &amp 5 &notit;</p>";
        let doc = read(src);
        assert_eq!(doc.text, "Iran–Russia’s 20 years, AT&T “47” & 5 ¬it;");
        assert_eq!(orig(src, &doc, "–"), "&ndash;");
        assert_eq!(orig(src, &doc, "’"), "&rsquo;");
        assert_eq!(orig(src, &doc, "20 years"), "20&nbsp;years");
        assert_eq!(orig(src, &doc, "AT&T"), "AT&amp;T");
        assert_eq!(orig(src, &doc, "“"), "&#8220;");
        assert_eq!(orig(src, &doc, "”"), "&#x201D;");
        assert_eq!(orig(src, &doc, "47"), "47");
        assert_eq!(orig(src, &doc, "& 5"), "&amp 5");
        assert_eq!(orig(src, &doc, "¬"), "&not");
        assert_eq!(orig(src, &doc, "it;"), "it;");
    }

    #[test]
    fn crlf_and_multibyte_text_before_a_span() {
        let src = "<h1>Iran–Russia “pact” 🤝</h1>\r\n<p>The treaty’s\r\n<em>47</em>\r\narticles\r\nend</p>\r\n";
        let doc = read(src);
        assert_eq!(
            doc.text,
            "Iran–Russia “pact” 🤝\nThe treaty’s 47 articles end"
        );
        assert_eq!(kinds(&doc), [Heading(1), Paragraph]);
        assert_eq!(orig(src, &doc, "47"), "47");
        assert_eq!(orig(src, &doc, "🤝"), "🤝");
        assert_eq!(orig(src, &doc, "articles"), "articles");
        assert_eq!(orig(src, &doc, "end"), "end");
        assert_eq!(orig(src, &doc, "treaty’s 47"), "treaty’s\r\n<em>47");
    }

    #[test]
    fn non_prose_is_skipped() {
        let src = "<!DOCTYPE html><html><head><title>99 Title</title><meta charset=utf-8>\
                   <style>p { width: 99px }</style><script>if (a<b) { x = \"99\" }</script></head>\
                   <body><!-- 99 --><p>Kept 47.<noscript>99</noscript></p>\
                   <template><p>99</p></template><svg><text>99</text></svg>\
                   <p>Was <del>99</del><ins>47</ins>.</p></body></html>";
        let doc = read(src);
        assert_eq!(doc.text, "Kept 47.\nWas 47.");
        assert_eq!(orig(src, &doc, "47"), "47");
    }

    #[test]
    fn blocks_lists_and_headings() {
        let src = "<h2>Two</h2><div>In a div<br>after break</div>\
                   <ul><li>one<li><p>two</p><p>more</p><ul><li>nested</ul>tail</li></ul>\
                   <blockquote><p>quoted</blockquote><p>a<p>b";
        let doc = read(src);
        assert_eq!(
            block_texts(&doc),
            [
                "Two",
                "In a div after break",
                "one",
                "two",
                "more",
                "nested",
                "tail",
                "quoted",
                "a",
                "b"
            ]
        );
        assert_eq!(
            kinds(&doc),
            [
                Heading(2),
                Paragraph,
                ListItem,
                ListItem,
                ListItem,
                ListItem,
                ListItem,
                Paragraph,
                Paragraph,
                Paragraph
            ]
        );
    }

    #[test]
    fn table_rows_have_cells() {
        let src = "<table><thead><tr><th>Party<th>Seats</thead>\
                   <tr><th>Labour</th><td><p>411</p></td></tr>\
                   <tr><td></td><td>7</td><td></td></tr>\
                   <tr><th>A</th><th>B</th></tr>\
                   <tr><td> </td><td></td></tr></table>";
        let doc = read(src);
        assert_eq!(
            block_texts(&doc),
            ["Party\tSeats", "Labour\t411", "\t7\t", "A\tB"]
        );
        assert_eq!(
            kinds(&doc),
            [
                TableRow { header: true },
                TableRow { header: false },
                TableRow { header: false },
                TableRow { header: true }
            ]
        );
        assert_eq!(orig(src, &doc, "411"), "411");
    }

    #[test]
    fn text_outside_blocks_is_a_paragraph() {
        let src = "Bare <b>47</b> text\n\nwith tags";
        let doc = read(src);
        assert_eq!(doc.text, "Bare 47 text with tags");
        assert_eq!(kinds(&doc), [Paragraph]);
        assert_eq!(orig(src, &doc, "47"), "47");

        let src = "\u{feff}<p>47</p>";
        let doc = read(src);
        assert_eq!(doc.text, "47");
        assert_eq!(orig(src, &doc, "47"), "47");
    }

    #[test]
    fn stray_less_than_and_ampersand_are_text() {
        let src = "<p>a < b && c <3 &unknown; 47</p>";
        let doc = read(src);
        assert_eq!(doc.text, "a < b && c <3 &unknown; 47");
        assert_eq!(orig(src, &doc, "<3"), "<3");
        assert_eq!(orig(src, &doc, "&unknown;"), "&unknown;");
        assert_eq!(orig(src, &doc, "47"), "47");
    }

    #[test]
    fn time_datetime_stands_for_a_weekday_and_maps_to_the_element() {
        let element = "<time datetime=\"2025-01-15\">Wednesday</time>";
        let src = format!("<p>Signed on {element}, in Moscow.</p>");
        let doc = read(&src);
        assert_eq!(doc.text, "Signed on 2025-01-15, in Moscow.");
        assert_eq!(orig(&src, &doc, "2025-01-15"), element);
        assert_eq!(orig(&src, &doc, "01"), element);
        assert_eq!(orig(&src, &doc, "on"), "on");
        assert_eq!(orig(&src, &doc, ", in"), ", in");
        testing::assert_map_sound(&doc, &src);

        // Upper case, unquoted, a time after the date, other attributes.
        let src = "<P>Signed <TIME class=x DateTime=2025-01-17T10:00Z title=\"1999-01-01\">\
                   last week</TIME>.</P>";
        let doc = read(src);
        assert_eq!(doc.text, "Signed 2025-01-17.");
        assert!(orig(src, &doc, "2025-01-17").starts_with("<TIME class"));
        assert!(orig(src, &doc, "2025-01-17").ends_with("</TIME>"));

        // A month and a year.
        let src = "<p>Signed <time datetime=\"2025-01\">last month</time> and \
                   <time datetime=\" 2024 \">last year</time>, not in \
                   <time datetime=\"2023\">that year</time> or since\n\
                   <time datetime=\"2022\">then</time>.</p>";
        let doc = read(src);
        assert_eq!(
            doc.text,
            "Signed January 2025 and in 2024, not in 2023 or since 2022."
        );
        assert_eq!(
            orig(src, &doc, "in 2024"),
            "<time datetime=\" 2024 \">last year</time>"
        );
        assert_eq!(
            orig(src, &doc, "2023"),
            "<time datetime=\"2023\">that year</time>"
        );
    }

    #[test]
    fn time_text_that_holds_a_date_is_kept() {
        let src = "<p>Signed <time datetime=\"2025-01-15\">17 January 2025</time>, \
                   <time datetime=\"2025-01\">in January</time>.</p>";
        let doc = read(src);
        assert_eq!(doc.text, "Signed 17 January 2025, in January.");
        assert_eq!(orig(src, &doc, "17 January 2025"), "17 January 2025");
    }

    #[test]
    fn time_without_a_date_in_its_datetime_is_read_as_text() {
        for datetime in [
            "soon",
            "2025-13-45",
            "2025-02-30",
            "2025-00",
            "2025-01-00",
            "0999",
            "10:00",
            "PT2H",
            "2025-W03",
            "2025-01-17garbage",
            "",
            "２０２５",
        ] {
            let src = format!("<p>On <time datetime=\"{datetime}\">Wednesday</time>.</p>");
            let doc = read(&src);
            assert_eq!(doc.text, "On Wednesday.", "{datetime:?}");
            assert_eq!(orig(&src, &doc, "Wednesday"), "Wednesday");
        }
        // No datetime, an empty element, no end tag, a block inside.
        for src in [
            "<p>On <time>Wednesday</time>.</p>",
            "<p>On <time datetime=\"2025-01-15\"> </time>Wednesday.</p>",
            "<p>On <time datetime=\"2025-01-15\">Wednesday.</p>",
            "<p>On <time datetime=\"2025-01-15\">Wed<div>nesday</div></time>.</p>",
        ] {
            let doc = read(src);
            assert!(!doc.text.contains("2025"), "{src}: {:?}", doc.text);
        }
    }

    #[test]
    fn time_content_with_entities_and_inline_tags() {
        // A date spelt with an entity and a tag inside is still a date.
        let src = "<p>On <time datetime=\"2025-01-15\">17&nbsp;<b>January</b> 2025</time>.</p>";
        let doc = read(src);
        assert_eq!(doc.text, "On 17 January 2025.");
        assert_eq!(orig(src, &doc, "17 January"), "17&nbsp;<b>January");

        // Not a date: the whole element, entities and tags, reads as the date.
        let element = "<time datetime=\"2025-01-15\"> <em>last</em>&nbsp;Wed&shy;nesday </time>";
        let src = format!("<p>Signed{element}in Moscow.</p>");
        let doc = read(&src);
        assert_eq!(doc.text, "Signed 2025-01-15 in Moscow.");
        assert_eq!(orig(&src, &doc, "2025-01-15"), element);
        assert_eq!(orig(&src, &doc, "Moscow"), "Moscow");
        testing::assert_map_sound(&doc, &src);

        // Skipped content inside does not count.
        let src = "<p>On <time datetime=\"2025-01-15\">Wednesday<script>\"17 January 2025\"</script></time>.</p>";
        let doc = read(src);
        assert!(doc.text.starts_with("On Wednesday"), "{:?}", doc.text);
        assert!(!doc.text.contains("2025"), "{:?}", doc.text);
    }

    #[test]
    fn time_datetime_contradicting_the_signing_date_underlines_the_element() {
        use crate::check::Checker;
        use crate::diagnostic::Kind;
        use crate::rules::RuleSet;

        let element = "<time datetime=\"2025-01-15\">Wednesday</time>";
        let src = format!("<p>Russia and Iran signed the treaty on {element}.</p>");
        let rules = RuleSet::bundled().expect("bundled rules");
        let doc = crate::source::Document::read(&src, crate::source::Markup::Html);
        let diagnostics = Checker::new(&rules).check(&doc);
        let found = diagnostics
            .iter()
            .find(|d| d.rule == "ru-ir-treaty/signing-date" && d.kind == Kind::Contradiction)
            .unwrap_or_else(|| panic!("no signing-date contradiction in {diagnostics:#?}"));
        assert_eq!(&src[found.span.clone()], element);

        // The same element with the right date agrees.
        let src = src.replace("2025-01-15", "2025-01-17");
        let doc = crate::source::Document::read(&src, crate::source::Markup::Html);
        let diagnostics = Checker::new(&rules).check(&doc);
        assert!(
            !diagnostics
                .iter()
                .any(|d| d.rule == "ru-ir-treaty/signing-date"),
            "{diagnostics:#?}"
        );
    }

    /// Markup soup with `<time>` elements, whole or in pieces, mixed in.
    fn time_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const TIME: &[&str] = &[
            "<time datetime=\"2025-01-15\">",
            "<time datetime=2024>",
            "<TIME DATETIME='2025-01'>",
            "<time datetime=\"2025-13-45\">",
            "<time datetime=\"2025-01-17T10:00\">Wednesday</time>",
            "<time datetime=\"2025\"> last&nbsp;year </time>",
            "</time>",
            "Wednesday",
            " in ",
            "17 January 2025",
        ];
        proptest::collection::vec(
            prop_oneof![
                testing::markup_soup(),
                proptest::sample::select(TIME).prop_map(str::to_owned),
            ],
            0..12,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn any_input_maps_soundly(src in testing::any_text()) {
            testing::assert_map_sound(&read(&src), &src);
        }

        #[test]
        fn markup_soup_maps_soundly(src in testing::markup_soup()) {
            testing::assert_map_sound(&read(&src), &src);
        }

        #[test]
        fn time_elements_map_soundly(src in time_soup()) {
            testing::assert_map_sound(&read(&src), &src);
        }
    }
}
