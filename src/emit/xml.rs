//! Escaping for the XML formats (JUnit, Checkstyle).

/// Text made safe for XML 1.0 element content or a double-quoted attribute.
///
/// XML 1.0 cannot hold most control characters even as character
/// references, so those become U+FFFD. In attributes, tabs and line breaks
/// are written as references, because parsers normalise literal ones to
/// spaces and the message would lose its lines.
pub(crate) fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The `Char` production of XML 1.0.
fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\" > 'd'", true),
            "a&lt;b &amp; &quot;c&quot; &gt; 'd'"
        );
        assert_eq!(escape("\"q\"", false), "\"q\"");
    }

    #[test]
    fn line_breaks_survive_attributes() {
        assert_eq!(escape("a\nb\r\n\tc", true), "a&#10;b&#13;&#10;&#9;c");
        assert_eq!(escape("a\nb\r\n\tc", false), "a\nb&#13;\n\tc");
    }

    #[test]
    fn characters_xml_cannot_hold_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1B}c\u{FFFE}", false),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape("📰–é", true), "📰–é");
    }
}
