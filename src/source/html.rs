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

use std::cell::Cell;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::ops::Range;
use std::rc::Rc;

use html5gum::{Emitter, Error, Readable, State, Tokenizer};

use super::builder::DocumentBuilder;
use super::lines::floor_char_boundary;
use super::{BlockKind, Document, CELL_SEPARATOR};

pub(crate) fn read(original: &str) -> Document {
    let recorder = Recorder::default();
    let reader = GuardedReader {
        input: original.as_bytes(),
        attributes: Rc::clone(&recorder.attributes),
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
    };
    for (i, event) in events.iter().enumerate() {
        reader.event(event, &events[i + 1..]);
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
    Text { text: String, orig: Range<usize> },
    Start { name: String, at: usize },
    End { name: String, at: usize },
}

/// An [`Emitter`] that keeps text, tag names and positions, and nothing else.
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
    /// Text bytes that do not yet form whole characters (states that emit
    /// byte by byte), with where they started.
    partial: Vec<u8>,
    partial_start: usize,
    /// Attributes of the tag being read, for the [`GuardedReader`].
    attributes: Rc<Cell<usize>>,
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
        self.attributes.set(0);
    }

    fn init_end_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_end = true;
        self.attributes.set(0);
    }

    fn init_comment(&mut self) {
        self.flush_partial();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.attributes.set(0);
        self.flush_partial();
        self.mark = self.position;
        let name = String::from_utf8_lossy(&self.tag_name).into_owned();
        let at = self.tag_start;
        if self.tag_is_end {
            self.last_start_tag.clear();
            self.events.push_back(Event::End { name, at });
            None
        } else {
            self.last_start_tag.clear();
            self.last_start_tag.extend_from_slice(&self.tag_name);
            self.events.push_back(Event::Start { name, at });
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
        self.attributes.set(self.attributes.get() + 1);
    }

    fn push_attribute_name(&mut self, _s: &[u8]) {}

    fn push_attribute_value(&mut self, _s: &[u8]) {}

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
}

impl Reader<'_> {
    fn event(&mut self, event: &Event, rest: &[Event]) {
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
            return;
        }
        match event {
            Event::Text { text, orig } => self.text(text, orig.clone()),
            Event::Start { name, at } => self.start(name, *at, rest),
            Event::End { name, at } => self.end(name, *at),
        }
    }

    fn text(&mut self, text: &str, orig: Range<usize>) {
        if !self.doc.in_block() {
            let kind = self.kind();
            self.doc.start_block(kind);
        }
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
    use crate::source::builder::testing;
    use crate::source::BlockKind::*;

    /// The original bytes behind the first occurrence of `needle` in the text.
    fn orig<'a>(src: &'a str, doc: &Document, needle: &str) -> &'a str {
        let at = doc
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", doc.text));
        &src[doc.original_range(at..at + needle.len())]
    }

    fn kinds(doc: &Document) -> Vec<BlockKind> {
        doc.blocks.iter().map(|b| b.kind).collect()
    }

    fn block_texts(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .map(|b| &doc.text[b.range.clone()])
            .collect()
    }

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

    proptest::proptest! {
        #[test]
        fn any_input_maps_soundly(src in testing::any_text()) {
            testing::assert_map_sound(&read(&src), &src);
        }

        #[test]
        fn markup_soup_maps_soundly(src in testing::markup_soup()) {
            testing::assert_map_sound(&read(&src), &src);
        }
    }
}
