//! Applying fixes to drafts: the edits of the diagnostics, in the draft's
//! own bytes, written so that a draft is never left half-written or
//! overwritten under an editor that changed it meanwhile.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Edit};
use crate::source::Document;
pub use crate::write::{write_if_unchanged, WriteError};

/// The result of applying a file's fixes to its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Edits applied.
    pub applied: usize,
    /// Edits left out: the same as another applied, or not in the text.
    pub skipped: usize,
    /// Where edits that disagree overlap: none of them is applied.
    pub conflicts: Vec<Range<usize>>,
}

/// The edits worth applying automatically: not in reported speech, where
/// changing the words would misquote someone.
pub fn edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    diagnostics
        .iter()
        .filter(|d| !d.attributed)
        .filter_map(|d| d.fix.clone())
        .collect()
}

/// The edit of the original that makes the value at text `range` of `doc`
/// read `replacement`, changing only the draft's own characters that differ:
/// the digits or words that carry the value. Markup, entities, line breaks
/// and the draft's separators between the words are kept byte for byte (a
/// draft's `forty five` becomes `forty seven`, not `forty-seven`, and
/// `$50&nbsp;million` keeps its `&nbsp;`). `None` when that cannot be done:
/// a character to change is not the draft's own (decoded from an entity,
/// implied by markup), or the value is glued to other characters by an
/// invisible one or broken across a line (`4\u{200d}5`, `twenty-<br>five`),
/// where the reading itself is in doubt.
pub fn value_edit(doc: &Document, range: Range<usize>, replacement: &str) -> Option<Edit> {
    let original = doc.original()?;
    let old = doc.text.get(range.clone())?;
    if old == replacement || broken_value(doc, original, range.clone()) {
        return None;
    }
    let mut pieces: Vec<(Range<usize>, &str)> = Vec::new();
    for (part, new) in changes(old, replacement) {
        let part = range.start + part.start..range.start + part.end;
        let orig = if part.is_empty() {
            insertion_point(doc, part.start, &range)?
        } else {
            doc.copied_original(part)?
        };
        pieces.push((orig, new));
    }
    let start = pieces.first()?.0.start;
    let end = pieces.last()?.0.end;
    let mut text = String::with_capacity(end.saturating_sub(start) + replacement.len());
    let mut at = start;
    for (orig, new) in pieces {
        if orig.start < at {
            return None;
        }
        text.push_str(original.get(at..orig.start)?);
        text.push_str(new);
        at = orig.end;
    }
    original.get(start..end)?;
    Some(Edit {
        range: start..end,
        replacement: text,
    })
}

/// Characters that show nothing but can glue two others into one word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// Whether the value at text `range` is glued to a letter or digit by an
/// invisible character, or continues a word hyphenated across a line break
/// or markup: then it is likely a part of a longer value read on its own.
fn broken_value(doc: &Document, original: &str, range: Range<usize>) -> bool {
    let orig = doc.original_range(range.clone());
    let glued = |mut chars: &mut dyn Iterator<Item = char>| {
        let mut skipped = false;
        for c in &mut chars {
            if is_invisible(c) {
                skipped = true;
                continue;
            }
            return skipped && c.is_alphanumeric();
        }
        false
    };
    let before = original.get(..orig.start).unwrap_or("");
    let after = original.get(orig.end..).unwrap_or("");
    if glued(&mut before.chars().rev()) || glued(&mut after.chars()) {
        return true;
    }
    // In the text: `twenty-` then a line break or markup, then the value.
    let text_before = doc.text.get(..range.start).unwrap_or("");
    let mut back = text_before.char_indices().rev();
    let gap_end = range.start;
    let (hyphen_at, gap) = match back.next() {
        Some((i, '-')) => (i, i + 1..gap_end),
        Some((i, c)) if c.is_whitespace() => match back.next() {
            Some((h, '-')) => (h, i..gap_end),
            _ => return false,
        },
        _ => return false,
    };
    let after_letter = text_before[..hyphen_at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    // a literal space after the hyphen is the draft's own (`pre- and
    // post-war`); anything else there is a break
    let broken = if gap.is_empty() {
        let hyphen_end = doc.original_range(hyphen_at..hyphen_at + 1).end;
        hyphen_end != orig.start
    } else {
        doc.copied_original(gap).is_none()
    };
    after_letter && broken
}

/// Where to insert text at text offset `at` of the value `range`: before the
/// next character if it is the draft's own and part of the value, else after
/// the previous one.
fn insertion_point(doc: &Document, at: usize, range: &Range<usize>) -> Option<Range<usize>> {
    let next = doc.text.get(at..range.end)?.chars().next();
    if let Some(c) = next {
        if let Some(orig) = doc.copied_original(at..at + c.len_utf8()) {
            return Some(orig.start..orig.start);
        }
    }
    let prev = doc.text.get(range.start..at)?.chars().next_back()?;
    let orig = doc.copied_original(at - prev.len_utf8()..at)?;
    Some(orig.end..orig.end)
}

/// Whether `c` separates the words of a value: white space or a hyphen.
fn is_separator(c: char) -> bool {
    crate::source::is_space(c) || c == '-'
}

/// `s` cut into runs of separators and of other characters, with whether
/// each is a separator run.
fn runs(s: &str) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    for (i, c) in s.char_indices() {
        let sep = is_separator(c);
        match out.last_mut() {
            Some((r, kind)) if *kind == sep => r.end = i + c.len_utf8(),
            _ => out.push((i..i + c.len_utf8(), sep)),
        }
    }
    out
}

/// What to change in `old` to read `new`: ranges of `old` and their new
/// text. When both have the same words and separators in the same order,
/// each word that differs changes on its own and the separators of `old`
/// stay as they are; otherwise the one stretch from the first difference
/// to the last changes.
fn changes<'n>(old: &str, new: &'n str) -> Vec<(Range<usize>, &'n str)> {
    let (a, b) = (runs(old), runs(new));
    if a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.1 == y.1) {
        return a
            .iter()
            .zip(&b)
            .filter(|(x, y)| !x.1 && old[x.0.clone()] != new[y.0.clone()])
            .map(|(x, y)| {
                let (r, n) = trimmed(&old[x.0.clone()], &new[y.0.clone()]);
                (x.0.start + r.start..x.0.start + r.end, n)
            })
            .collect();
    }
    vec![trimmed(old, new)]
}

/// The part of `old` between the longest common prefix and suffix of `old`
/// and `new` (in characters), and the part of `new` that replaces it.
fn trimmed<'n>(old: &str, new: &'n str) -> (Range<usize>, &'n str) {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

/// Applies edits to `source`, earliest first. Edits that overlap form a
/// group: when every edit of the group gives the same text (the same fix
/// twice, or one value fixed as a whole and in part) one is applied and the
/// rest are skipped; when they disagree (two subjects that want different
/// words in one place) none is applied and the group counts as a conflict,
/// so that the draft does not flip between them from run to run. Edits that
/// fall outside the text or inside a character are skipped.
pub fn apply(source: &str, edits: &[Edit]) -> Fixed {
    let mut sorted: Vec<&Edit> = Vec::with_capacity(edits.len());
    let mut skipped = 0;
    for edit in edits {
        let Range { start, end } = edit.range;
        let valid = start <= end
            && end <= source.len()
            && source.is_char_boundary(start)
            && source.is_char_boundary(end);
        if valid {
            sorted.push(edit);
        } else {
            skipped += 1;
        }
    }
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    sorted.dedup();
    let mut text = String::with_capacity(source.len());
    let mut at = 0;
    let mut applied = 0;
    let mut conflicts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        // the group of edits that overlap, directly or through another
        let mut group_end = sorted[i].range.end;
        let mut j = i + 1;
        while j < sorted.len() && overlaps(&sorted[j].range, sorted[i].range.start, group_end) {
            group_end = group_end.max(sorted[j].range.end);
            j += 1;
        }
        let group = &sorted[i..j];
        let start = group[0].range.start;
        let results: Vec<String> = group
            .iter()
            .map(|e| {
                let mut r = String::new();
                r.push_str(&source[start..e.range.start]);
                r.push_str(&e.replacement);
                r.push_str(&source[e.range.end..group_end]);
                r
            })
            .collect();
        if results.windows(2).all(|w| w[0] == w[1]) {
            text.push_str(&source[at..start]);
            text.push_str(&results[0]);
            at = group_end;
            applied += 1;
            skipped += group.len() - 1;
        } else {
            conflicts.push(start..group_end);
        }
        i = j;
    }
    text.push_str(&source[at..]);
    Fixed {
        text,
        applied,
        skipped,
        conflicts,
    }
}

/// Whether `range` overlaps `start..end`; an insertion at either end of a
/// non-empty range, or two insertions at one place, overlap too.
fn overlaps(range: &Range<usize>, start: usize, end: usize) -> bool {
    range.start < end || (range.start == end && (range.is_empty() || start == end))
}

/// A unified diff of a file's text before and after, with `a/` and `b/`
/// headers as git prints them.
pub fn unified_diff(shown: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// What fixing one draft came to.
#[derive(Debug)]
pub enum FileFix {
    /// No fix applies.
    Nothing,
    /// `--diff`: the change, as a unified diff; nothing written.
    Diff(String),
    /// The file was rewritten with this text; the warnings say what the
    /// user should know about it (a hard link that keeps the old text).
    Written(Fixed, Vec<String>),
    /// The fixes could not be written, and why; the file is as it was.
    NotWritten(String),
    /// The file no longer holds what was checked (an editor saved it); it
    /// is as the editor left it.
    Changed,
}

/// Fixes one draft: `path` is its file (`None` for standard input, which
/// cannot be written, only shown as a diff), `text` the bytes that were read
/// and checked. Also says where fixes conflicted, if they did: those are
/// left out and the rest applied.
pub fn fix_file(
    path: Option<&Path>,
    shown: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    diff_only: bool,
) -> (FileFix, Option<String>) {
    let fixed = apply(text, &edits(diagnostics));
    let conflict = (!fixed.conflicts.is_empty()).then(|| {
        let lines = crate::source::LineIndex::new(text);
        let places: Vec<String> = fixed
            .conflicts
            .iter()
            .map(|r| {
                let (line, column) = lines.line_col(text, r.start);
                format!("{line}:{column}")
            })
            .collect();
        format!(
            "fixes of different findings disagree at {}; neither is applied",
            places.join(", ")
        )
    });
    let outcome = if fixed.applied == 0 || fixed.text == text {
        FileFix::Nothing
    } else if diff_only {
        FileFix::Diff(unified_diff(shown, text, &fixed.text))
    } else if let Some(path) = path {
        match write_if_unchanged(path, text.as_bytes(), fixed.text.as_bytes()) {
            Ok(written) => FileFix::Written(fixed, written.warnings),
            Err(WriteError::Changed) => FileFix::Changed,
            Err(e) => FileFix::NotWritten(e.to_string()),
        }
    } else {
        FileFix::NotWritten("standard input cannot be fixed in place; use --diff".to_owned())
    };
    (outcome, conflict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn edit(source: &str, needle: &str, replacement: &str) -> Edit {
        let start = source.find(needle).expect("needle");
        Edit {
            range: start..start + needle.len(),
            replacement: replacement.to_owned(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_overlaps_are_skipped() {
        let source = "A 45-article, 25-year pact signed on 15 January.";
        let edits = [
            edit(source, "25", "20"),
            edit(source, "45", "47"),
            edit(source, "45-article", "47-article"),
            edit(source, "15 January", "17 January"),
            edit(source, "25", "20"),
        ];
        let fixed = apply(source, &edits);
        assert_eq!(
            fixed.text,
            "A 47-article, 20-year pact signed on 17 January."
        );
        assert_eq!((fixed.applied, fixed.skipped), (3, 1));
    }

    #[test]
    fn bytes_outside_the_edits_are_kept() {
        let source = "\u{feff}Line one 45.\r\nLine two 25.\r\n";
        let fixed = apply(
            source,
            &[edit(source, "45", "47"), edit(source, "25", "20")],
        );
        assert_eq!(fixed.text, "\u{feff}Line one 47.\r\nLine two 20.\r\n");
        let bad = Edit {
            range: 0..1,
            replacement: String::new(),
        };
        assert_eq!(apply(source, &[bad]).skipped, 1);
    }

    /// The draft with the edit of the value `found` (as the text reads it)
    /// to `replacement`, or `None` when no edit is offered.
    fn fixed(
        draft: &str,
        markup: crate::source::Markup,
        found: &str,
        replacement: &str,
    ) -> Option<String> {
        let doc = Document::read(draft, markup);
        let start = doc.text.find(found).expect("value in the text");
        let edit = value_edit(&doc, start..start + found.len(), replacement)?;
        Some(apply(draft, &[edit]).text)
    }

    #[test]
    fn a_fix_keeps_markup_inside_and_around_the_value() {
        use crate::source::Markup::{Html, Markdown};
        for (draft, markup, found, replacement, expected) in [
            (
                "signed on [January 15](https://x.org/a), 2025.",
                Markdown,
                "January 15, 2025",
                "January 17, 2025",
                "signed on [January 17](https://x.org/a), 2025.",
            ),
            (
                "<p>signed on <a>January 15</a>, 2025.</p>",
                Html,
                "January 15, 2025",
                "January 17, 2025",
                "<p>signed on <a>January 17</a>, 2025.</p>",
            ),
            (
                "signed on *January* 16, 2025.",
                Markdown,
                "January 16, 2025",
                "January 17, 2025",
                "signed on *January* 17, 2025.",
            ),
            (
                "It has **forty** five articles.",
                Markdown,
                "forty five",
                "forty-seven",
                "It has **forty** seven articles.",
            ),
            (
                "<p>It has <b>45</b> articles.</p>",
                Html,
                "45",
                "47",
                "<p>It has <b>47</b> articles.</p>",
            ),
            (
                "It has 4<!-- -->5 articles.",
                Markdown,
                "45",
                "47",
                "It has 4<!-- -->7 articles.",
            ),
            (
                "signed on January 15,\r\n2025.",
                Markdown,
                "January 15, 2025",
                "January 17, 2025",
                "signed on January 17,\r\n2025.",
            ),
            (
                "signed on <b>January</b> 15, 2025.",
                Html,
                "January 15, 2025",
                "February 17, 2025",
                "signed on <b>February</b> 17, 2025.",
            ),
        ] {
            assert_eq!(
                fixed(draft, markup, found, replacement).as_deref(),
                Some(expected),
                "{draft:?}"
            );
        }
    }

    #[test]
    fn a_fix_keeps_no_break_spaces() {
        use crate::source::Markup::{Html, Markdown, Text};
        for (draft, markup, found, replacement, expected) in [
            (
                "It costs $50&nbsp;million.",
                Markdown,
                "$50 million",
                "$48 million",
                "It costs $48&nbsp;million.",
            ),
            (
                "<p>It costs $50&nbsp;million.</p>",
                Html,
                "$50 million",
                "$48 million",
                "<p>It costs $48&nbsp;million.</p>",
            ),
            (
                "It costs $50\u{a0}million.",
                Text,
                "$50 million",
                "$48 million",
                "It costs $48\u{a0}million.",
            ),
            (
                "It has forty&nbsp;five articles.",
                Markdown,
                "forty five",
                "forty-seven",
                "It has forty&nbsp;seven articles.",
            ),
        ] {
            assert_eq!(
                fixed(draft, markup, found, replacement).as_deref(),
                Some(expected),
                "{draft:?}"
            );
        }
    }

    #[test]
    fn a_value_glued_by_an_invisible_character_or_broken_across_a_line_gets_no_fix() {
        use crate::source::Markup::{Html, Markdown, Text};
        for (draft, markup, found, replacement) in [
            ("It has 4\u{200d}5 articles.", Text, "5", "47"),
            ("It has 4\u{200b}5 articles.", Markdown, "5", "47"),
            ("It has 4\u{ad}5 articles.", Markdown, "5", "47"),
            (
                "<p>It runs twenty-<br>five years.</p>",
                Html,
                "five",
                "twenty",
            ),
            (
                "<p>It runs twenty-<span>five</span> years.</p>",
                Html,
                "five",
                "twenty",
            ),
        ] {
            let doc = Document::read(draft, markup);
            let start = doc.text.find(found).expect("value in the text");
            assert_eq!(
                value_edit(&doc, start..start + found.len(), replacement),
                None,
                "{draft:?} read as {:?}",
                doc.text
            );
        }
    }

    #[test]
    fn a_value_decoded_from_an_entity_gets_no_fix() {
        let doc = Document::read("It has &#52;&#53; articles.", crate::source::Markup::Html);
        let start = doc.text.find("45").expect("decoded");
        assert_eq!(value_edit(&doc, start..start + 2, "47"), None);
    }

    #[test]
    fn fixes_that_disagree_are_all_left_out() {
        // finding 8: two subjects want different numbers in one place
        let source = "It has 45 articles and 25 years.";
        let edits = [
            edit(source, "45", "47"),
            edit(source, "45", "50"),
            edit(source, "25", "20"),
        ];
        let fixed = apply(source, &edits);
        assert_eq!(fixed.text, "It has 45 articles and 20 years.");
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.conflicts, vec![Range { start: 7, end: 9 }]);
        // the same in a different order: the same outcome, so no flip
        let reversed: Vec<Edit> = edits.iter().rev().cloned().collect();
        assert_eq!(apply(source, &reversed), fixed);
        // overlapping but agreeing: applied once
        let agree = [
            edit(source, "45", "47"),
            edit(source, "45 articles", "47 articles"),
        ];
        let fixed = apply(source, &agree);
        assert_eq!(fixed.text, "It has 47 articles and 25 years.");
        assert!(fixed.conflicts.is_empty());
    }

    #[test]
    fn a_draft_saved_since_it_was_checked_is_told_apart() -> Result<(), Box<dyn std::error::Error>>
    {
        // finding 5: the command line checks it again and retries once
        use crate::diagnostic::{Kind, Severity};
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        let checked = "It has 45 articles.";
        fs::write(&path, "It has 45 articles, the editor says.")?;
        let mut d = crate::emit::test_support::finding(
            checked,
            "45",
            "s/count",
            Kind::Contradiction,
            Severity::Error,
        );
        d.fix = Some(edit(checked, "5", "7"));
        let (outcome, conflict) = fix_file(Some(&path), "d.md", checked, &[d], false);
        assert!(matches!(outcome, FileFix::Changed), "{outcome:?}");
        assert_eq!(conflict, None);
        assert_eq!(
            fs::read_to_string(&path)?,
            "It has 45 articles, the editor says."
        );
        Ok(())
    }

    #[test]
    fn a_diff_has_git_headers() {
        let diff = unified_diff("d.md", "a\nb 45\nc\n", "a\nb 47\nc\n");
        assert_eq!(
            diff,
            "--- a/d.md\n+++ b/d.md\n@@ -1,3 +1,3 @@\n a\n-b 45\n+b 47\n c\n"
        );
    }
}
