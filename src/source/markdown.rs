//! Markdown, read with pulldown-cmark.
//!
//! What a reader of the rendered draft sees is kept: headings, paragraphs,
//! list items, table rows, quotations, link text. What is not prose is
//! skipped: front matter, code blocks and inline code, raw HTML (inline tags
//! are dropped but the text between them is kept), image alt text, and
//! struck-out text, which a draft marks as deleted.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::builder::DocumentBuilder;
use super::lines::floor_char_boundary;
use super::{BlockKind, Document, CELL_SEPARATOR};

/// An element that decides the kind of the blocks inside it.
#[derive(Clone, Copy)]
enum Container {
    /// A list item; its paragraphs are list-item blocks.
    Item,
    /// A table row or head; its cells share one block.
    Row {
        header: bool,
        cells: usize,
    },
    Heading(u8),
    /// Anything else that starts and ends blocks (paragraph, quotation).
    Other,
}

struct Reader<'a> {
    original: &'a str,
    doc: DocumentBuilder,
    containers: Vec<Container>,
    /// Nesting depth inside something whose text is skipped.
    skip: usize,
}

pub(crate) fn read(original: &str) -> Document {
    // The parser does not know a byte order mark: `\u{feff}# Title` would not
    // be a heading. Parse after it and shift offsets back.
    let base = if original.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut reader = Reader {
        original,
        doc: DocumentBuilder::new(original.len()),
        containers: Vec::new(),
        skip: 0,
    };
    for (event, range) in Parser::new_ext(&original[base..], options).into_offset_iter() {
        reader.event(event, range.start + base..range.end + base);
    }
    reader.doc.finish()
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(_) => self.skip += 1,
                Event::End(_) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak => {
                match self.original.get(range.clone()) {
                    Some(source) if source.chars().all(super::builder::is_space) => {
                        self.doc.push_original(source, range.start)
                    }
                    // `\` before the line end of a hard break
                    _ => self.doc.push_break(range.start),
                }
            }
            // Dropped code or markup still separates the words around it.
            Event::Code(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                self.doc.push_break(range.start)
            }
            // Inline tags such as `<b>` sit inside words; only a line break
            // tag separates them.
            Event::InlineHtml(html) => {
                if is_line_break_tag(&html) {
                    self.doc.push_break(range.start)
                }
            }
            Event::Rule => self.doc.end_block(),
            Event::Html(_) | Event::DisplayMath(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::MetadataBlock(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Image { .. }
            | Tag::Strikethrough => {
                self.doc.push_break(range.start);
                self.skip = 1;
            }
            Tag::Heading { level, .. } => {
                let level = level as u8;
                self.containers.push(Container::Heading(level));
                self.doc.start_block(BlockKind::Heading(level));
            }
            Tag::Item => {
                self.containers.push(Container::Item);
                self.doc.start_block(BlockKind::ListItem);
            }
            Tag::TableHead | Tag::TableRow => {
                let header = matches!(tag, Tag::TableHead);
                self.containers.push(Container::Row { header, cells: 0 });
                self.doc.start_block(BlockKind::TableRow { header });
            }
            Tag::TableCell => {
                if let Some(Container::Row { cells, .. }) = self.containers.last_mut() {
                    if *cells > 0 {
                        self.doc.push_separator(CELL_SEPARATOR, range.start);
                    }
                    *cells += 1;
                }
            }
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                self.containers.push(Container::Other);
                self.doc.end_block();
            }
            Tag::Emphasis | Tag::Strong | Tag::Superscript | Tag::Subscript | Tag::Link { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.containers.pop();
                self.doc.end_block();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if !self.doc.in_block() {
            // Blocks end at every paragraph and nested list; what follows in
            // the same container is a new block of the container's kind.
            let kind = self.kind();
            self.doc.start_block(kind);
        }
        match self.original.get(range.clone()) {
            Some(source) => self.doc.push_aligned(text, source, range.start),
            None => {
                let at = floor_char_boundary(self.original, range.start);
                self.doc.push_decoded(text, at..at)
            }
        }
    }

    /// The kind of a block that starts here.
    fn kind(&self) -> BlockKind {
        for container in self.containers.iter().rev() {
            match container {
                Container::Item => return BlockKind::ListItem,
                Container::Heading(level) => return BlockKind::Heading(*level),
                Container::Row { header, .. } => return BlockKind::TableRow { header: *header },
                Container::Other => {}
            }
        }
        BlockKind::Paragraph
    }
}

/// Whether inline HTML is a `<br>` tag, in any of its spellings.
fn is_line_break_tag(html: &str) -> bool {
    let Some(rest) = html.strip_prefix('<') else {
        return false;
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    rest[..name_len].eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::builder::testing::{self, block_texts, kinds, orig};
    use crate::source::BlockKind::*;

    #[test]
    fn inline_markup_is_dropped_and_spans_map_to_their_own_bytes() {
        let src = "The **45** articles, *47* in all, of the [treaty](http://x) <b>46</b>.";
        let doc = read(src);
        assert_eq!(doc.text, "The 45 articles, 47 in all, of the treaty 46.");
        assert_eq!(kinds(&doc), [Paragraph]);
        assert_eq!(orig(src, &doc, "45"), "45");
        assert_eq!(orig(src, &doc, "47"), "47");
        assert_eq!(orig(src, &doc, "treaty"), "treaty");
        assert_eq!(orig(src, &doc, "46"), "46");
        // A span across markup covers the markup between.
        assert_eq!(orig(src, &doc, "The 45 articles"), "The **45** articles");
    }

    #[test]
    fn entities_map_to_the_whole_entity() {
        let src = "Iran&ndash;Russia&rsquo;s 20&nbsp;years, AT&amp;T &#8220;47&#x201D; a\\*b";
        let doc = read(src);
        assert_eq!(doc.text, "Iran–Russia’s 20 years, AT&T “47” a*b");
        assert_eq!(orig(src, &doc, "–"), "&ndash;");
        assert_eq!(orig(src, &doc, "’"), "&rsquo;");
        assert_eq!(orig(src, &doc, "20 years"), "20&nbsp;years");
        assert_eq!(orig(src, &doc, "&"), "&amp;");
        assert_eq!(orig(src, &doc, "“"), "&#8220;");
        assert_eq!(orig(src, &doc, "47"), "47");
        assert_eq!(orig(src, &doc, "T “"), "T &#8220;");
        assert_eq!(orig(src, &doc, "*"), "*");
    }

    #[test]
    fn crlf_and_multibyte_text_before_a_span() {
        let src = "# Iran–Russia “pact” 🤝\r\n\r\nThe treaty’s\r\n**47**\r\narticles  \r\nend\r\n";
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
    }

    #[test]
    fn front_matter_and_code_are_skipped() {
        let src = "---\ntitle: 99 articles\n---\n\nText `99` here.\n\n```\n99\n```\n\n    99 indented\n\n<div>\n99\n</div>\n\n<!-- 99 -->\n\nEnd 47.\n";
        let doc = read(src);
        assert_eq!(doc.text, "Text here.\nEnd 47.");
        assert_eq!(orig(src, &doc, "47"), "47");

        let toml = "+++\ntitle = 99\n+++\nBody.\n";
        assert_eq!(read(toml).text, "Body.");
    }

    #[test]
    fn byte_order_mark_does_not_hide_front_matter_or_headings() {
        let src = "\u{feff}---\na: 1\n---\n# Title 47\n";
        let doc = read(src);
        assert_eq!(doc.text, "Title 47");
        assert_eq!(kinds(&doc), [Heading(1)]);
        assert_eq!(orig(src, &doc, "47"), "47");
    }

    #[test]
    fn headings_lists_and_quotes() {
        let src = "## Two\n\n- one\n  wrapped\n- two\n\n  second para\n  - nested\n\n  tail\n\n1. first\n\n> quoted 47\n";
        let doc = read(src);
        assert_eq!(
            block_texts(&doc),
            [
                "Two",
                "one wrapped",
                "two",
                "second para",
                "nested",
                "tail",
                "first",
                "quoted 47"
            ]
        );
        assert_eq!(
            kinds(&doc),
            [
                Heading(2),
                ListItem,
                ListItem,
                ListItem,
                ListItem,
                ListItem,
                ListItem,
                Paragraph
            ]
        );
        assert_eq!(orig(src, &doc, "47"), "47");
    }

    #[test]
    fn table_rows_have_cells() {
        let src = "| Party | Seats |\n|---|--:|\n| **Labour** | 411 |\n|  | 7 |\n| | |\n";
        let doc = read(src);
        assert_eq!(block_texts(&doc), ["Party\tSeats", "Labour\t411", "\t7"]);
        assert_eq!(
            kinds(&doc),
            [
                TableRow { header: true },
                TableRow { header: false },
                TableRow { header: false }
            ]
        );
        assert_eq!(orig(src, &doc, "411"), "411");
        assert_eq!(orig(src, &doc, "Labour"), "Labour");
    }

    #[test]
    fn images_strikethrough_and_breaks() {
        let src = "Before ![alt 99](x.png) after ~~99~~ 47<br>next\\\nline";
        let doc = read(src);
        assert_eq!(doc.text, "Before after 47 next line");
        assert_eq!(orig(src, &doc, "line"), "line");
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
