//! What holds for every reading of every input, whatever its bytes: checked
//! by the fuzz targets (fuzz/) and the property tests. Each check panics, with
//! the offending values, when a property fails.

use std::sync::OnceLock;

use crate::check::Checker;
use crate::rules::RuleSet;

use super::{Document, Markup};

/// Reads `original` with `markup`, checks the reading with
/// [`check_document`], then checks it against the bundled rules and that
/// every finding points inside the original, on char boundaries.
pub fn check_reading(original: &str, markup: Markup) {
    let doc = Document::read(original, markup);
    check_document(&doc, original);
    if let Some(checker) = bundled() {
        for d in checker.check(&doc) {
            assert!(
                d.span.start <= d.span.end && original.get(d.span.clone()).is_some(),
                "finding {:?} at {:?} of {original:?}",
                d.rule,
                d.span
            );
        }
    }
}

fn bundled() -> Option<&'static Checker<'static>> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    static CHECKER: OnceLock<Option<Checker<'static>>> = OnceLock::new();
    CHECKER
        .get_or_init(|| {
            RULES
                .get_or_init(|| RuleSet::bundled().ok())
                .as_ref()
                .map(Checker::new)
        })
        .as_ref()
}

/// Blocks lie in the text in order, without overlap, on char boundaries; a
/// character copied from the original maps to itself; and ranges of the text
/// (every character, every block, and runs of up to eight characters from
/// every position) map into the original on char boundaries.
pub fn check_document(doc: &Document, original: &str) {
    let mut previous_end = 0;
    for block in &doc.blocks {
        assert!(block.range.start >= previous_end, "{:?}", doc.blocks);
        assert!(block.range.start < block.range.end, "{:?}", doc.blocks);
        assert!(doc.text.get(block.range.clone()).is_some(), "{block:?}");
        previous_end = block.range.end;
        assert_maps(doc, original, block.range.start, block.range.end);
    }
    for (i, c) in doc.text.char_indices() {
        let r = doc.original_range(i..i + c.len_utf8());
        let Some(source) = original.get(r.clone()) else {
            panic!("text {i} ({c:?}) maps to {r:?}, not inside {original:?} on char boundaries");
        };
        let copied = source.len() == c.len_utf8() && !source.starts_with(['&', '\\']);
        if copied && !super::builder::is_space(c) && c != super::CELL_SEPARATOR {
            assert_eq!(source, c.to_string(), "text {i} in {:?}", doc.text);
        }
    }
    let boundaries: Vec<usize> = (0..=doc.text.len())
        .filter(|&i| doc.text.is_char_boundary(i))
        .collect();
    for (n, &i) in boundaries.iter().enumerate() {
        for &j in boundaries[n..].iter().take(9) {
            assert_maps(doc, original, i, j);
        }
    }
}

fn assert_maps(doc: &Document, original: &str, i: usize, j: usize) {
    let r = doc.original_range(i..j);
    assert!(
        r.start <= r.end && original.get(r.clone()).is_some(),
        "text {i}..{j} {:?} maps to {r:?} of {original:?}",
        doc.text.get(i..j)
    );
}

/// Numbers are found in order, without overlap, on char boundaries, with
/// finite values.
pub fn check_numbers(text: &str) {
    let mut last = 0;
    for m in crate::reader::numbers::find_numbers(text) {
        assert!(
            m.range.start >= last && m.range.start < m.range.end,
            "{m:?}"
        );
        assert!(text.get(m.range.clone()).is_some(), "{m:?}");
        assert!(m.value.is_finite(), "{m:?}");
        last = m.range.end;
    }
}

/// Dates are found in order, without overlap, on char boundaries, with
/// months and days that exist.
pub fn check_dates(text: &str) {
    let mut last = 0;
    for d in crate::reader::dates::find_dates(text) {
        assert!(
            d.range.start >= last && d.range.start < d.range.end,
            "{d:?}"
        );
        assert!(text.get(d.range.clone()).is_some(), "{d:?}");
        assert!(d.month.is_none_or(|m| (1..=12).contains(&m)), "{d:?}");
        assert!(d.day.is_none_or(|x| (1..=31).contains(&x)), "{d:?}");
        assert!(d.day.is_none() || d.month.is_some(), "{d:?}");
        last = d.range.end;
    }
}

/// A rule file loads, or fails with errors placed inside it on char
/// boundaries; rules that load check a draft, with findings inside it.
pub fn check_rule_file(yaml: &str) {
    const DRAFT: &str = "# The bridge\n\nMillbrook's bridge, 1.2 km long, opened on 3 May \
                         2024 after 40 months; it has no toll and cost $1.2 billion.\n";
    match RuleSet::from_sources(&[("fuzz.yaml".to_owned(), yaml.to_owned())]) {
        Ok(rules) => {
            let checker = Checker::new(&rules);
            let doc = Document::read(DRAFT, Markup::Markdown);
            for d in checker.check(&doc) {
                assert!(DRAFT.get(d.span.clone()).is_some(), "{d:?}");
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(
                    e.span.start <= e.span.end && e.source.get(e.span.clone()).is_some(),
                    "{e:?}"
                );
            }
        }
    }
}

/// What a fix may do to a draft, for any draft and any fix: it changes the
/// bytes of its own range only; that range begins and ends on the draft's
/// own characters (not in markup); and every byte in it that is not the
/// draft's own text (markup, an entity, a line break, a no-break space) is
/// kept, in order, in the replacement. Checked for the value at text
/// `pick..pick + len` of `original` made to read `replacement`, and for the
/// fixes of the bundled rules.
pub fn check_fix(original: &str, markup: Markup, pick: usize, len: usize, replacement: &str) {
    let doc = Document::read(original, markup);
    let own = own_bytes(&doc, original);
    let start = super::lines::floor_char_boundary(&doc.text, pick % (doc.text.len() + 1));
    let end = super::lines::floor_char_boundary(&doc.text, start + len);
    if let Some(edit) = crate::fix::value_edit(&doc, start..end, replacement) {
        check_edit(original, &own, &edit);
    }
    if let Some(checker) = bundled() {
        let diagnostics = checker.check(&doc);
        for d in &diagnostics {
            if let Some(edit) = &d.fix {
                check_edit(original, &own, edit);
            }
        }
        // Applied together, nothing outside the edits changes either.
        let edits = crate::fix::edits(&diagnostics);
        let fixed = crate::fix::apply(original, &edits);
        assert_outside_unchanged(original, &fixed.text, &edits);
    }
}

/// Which bytes of the original are the draft's own text, copied as they
/// stand into the document's text.
fn own_bytes(doc: &Document, original: &str) -> Vec<bool> {
    let mut own = vec![false; original.len()];
    for (i, c) in doc.text.char_indices() {
        if let Some(r) = doc.copied_original(i..i + c.len_utf8()) {
            for b in &mut own[r] {
                *b = true;
            }
        }
    }
    own
}

fn check_edit(original: &str, own: &[bool], edit: &crate::diagnostic::Edit) {
    let r = edit.range.clone();
    let Some(old) = original.get(r.clone()) else {
        panic!("edit {edit:?} is not inside {original:?} on char boundaries");
    };
    if r.is_empty() {
        return;
    }
    // Each end is at one of the draft's own characters: inside the range,
    // or, for text inserted there, just outside it.
    let start_ok = own[r.start] || (r.start > 0 && own[r.start - 1]);
    let end_ok = own[r.end - 1] || own.get(r.end).copied().unwrap_or(false);
    assert!(
        start_ok && end_ok,
        "edit {edit:?} begins or ends in markup of {original:?}"
    );
    // The runs of markup inside the range, each kept in the replacement.
    let mut rest = edit.replacement.as_str();
    let mut i = r.start;
    while i < r.end {
        if own[i] {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < r.end && !own[i] {
            i += 1;
        }
        let run = &original[run_start..i];
        let Some(at) = rest.find(run) else {
            panic!("edit {edit:?} of {old:?} drops {run:?} of {original:?}");
        };
        rest = &rest[at + run.len()..];
    }
}

fn assert_outside_unchanged(original: &str, fixed: &str, edits: &[crate::diagnostic::Edit]) {
    let mut ranges: Vec<std::ops::Range<usize>> = edits
        .iter()
        .map(|e| e.range.clone())
        .filter(|r| original.get(r.clone()).is_some())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let first = ranges.first().map_or(original.len(), |r| r.start);
    let last = ranges.iter().map(|r| r.end).max().unwrap_or(original.len());
    assert!(
        fixed.get(..first) == original.get(..first),
        "a fix changed bytes before {first} of {original:?}: {fixed:?}"
    );
    let tail = &original[last..];
    assert!(
        fixed.ends_with(tail),
        "a fix changed bytes after {last} of {original:?}: {fixed:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    #[test]
    #[should_panic(expected = "drops")]
    fn an_edit_that_drops_markup_fails_the_check() {
        let original = "signed on *January* 16, 2025.";
        let doc = Document::read(original, Markup::Markdown);
        let own = own_bytes(&doc, original);
        let start = original.find("January").unwrap_or(0);
        let end = original.find(", 2025").unwrap_or(0);
        // what fixes did before: the whole value rewritten, the `*` lost
        check_edit(
            original,
            &own,
            &Edit {
                range: start..end,
                replacement: "January 17".to_owned(),
            },
        );
    }

    #[test]
    fn an_edit_of_the_drafts_own_characters_passes() {
        let original = "on [January 15](https://x.org/a), 2025.";
        let doc = Document::read(original, Markup::Markdown);
        let own = own_bytes(&doc, original);
        let at = original.find("15").unwrap_or(0) + 1;
        check_edit(
            original,
            &own,
            &Edit {
                range: at..at + 1,
                replacement: "7".to_owned(),
            },
        );
        assert!(own[at] && !own[original.find("https").unwrap_or(0)]);
    }
}
