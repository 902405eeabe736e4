//! Applying fixes to drafts: the edits of the diagnostics, in the draft's
//! own bytes, written so that a draft is never left half-written or
//! overwritten under an editor that changed it meanwhile.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Edit};

/// The result of applying a file's fixes to its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Edits applied.
    pub applied: usize,
    /// Edits left out because they overlap one applied before them.
    pub skipped: usize,
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

/// Applies non-overlapping edits to `source`, earliest first; an edit that
/// overlaps one already applied is skipped, and the same edit twice counts
/// once. Edits that fall outside the text or inside a character are skipped.
pub fn apply(source: &str, edits: &[Edit]) -> Fixed {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    sorted.dedup();
    let mut text = String::with_capacity(source.len());
    let mut at = 0;
    let mut applied = 0;
    let mut skipped = 0;
    for edit in sorted {
        let Range { start, end } = edit.range;
        let valid = start <= end
            && end <= source.len()
            && source.is_char_boundary(start)
            && source.is_char_boundary(end);
        if !valid || start < at {
            skipped += 1;
            continue;
        }
        text.push_str(&source[at..start]);
        text.push_str(&edit.replacement);
        at = end;
        applied += 1;
    }
    text.push_str(&source[at..]);
    Fixed {
        text,
        applied,
        skipped,
    }
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
    /// The file was rewritten with this text.
    Written(Fixed),
    /// The fixes could not be written, and why; the file is as it was.
    NotWritten(String),
}

/// Fixes one draft: `path` is its file (`None` for standard input, which
/// cannot be written, only shown as a diff), `text` the bytes that were read
/// and checked.
pub fn fix_file(
    path: Option<&Path>,
    shown: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    diff_only: bool,
) -> FileFix {
    let fixed = apply(text, &edits(diagnostics));
    if fixed.applied == 0 || fixed.text == text {
        return FileFix::Nothing;
    }
    if diff_only {
        return FileFix::Diff(unified_diff(shown, text, &fixed.text));
    }
    let Some(path) = path else {
        return FileFix::NotWritten(
            "standard input cannot be fixed in place; use --diff".to_owned(),
        );
    };
    match write_if_unchanged(path, text.as_bytes(), fixed.text.as_bytes()) {
        Ok(()) => FileFix::Written(fixed),
        Err(e) => FileFix::NotWritten(e.to_string()),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is no longer what was read and checked.
    #[error("the file changed since it was read; left as it is")]
    Changed,
    /// Renaming over a read-only file would succeed; its owner meant it not
    /// to change.
    #[error("the file is read-only; left as it is")]
    ReadOnly,
    #[error("{}", crate::source::walk::io_message(.0))]
    Io(#[from] io::Error),
}

/// Replaces the file at `path` by `new`, if it still holds `read` (the
/// bytes the fixes were made from). The new text goes to a temporary file in
/// the same folder, takes the old file's permissions and is renamed over it,
/// so that a reader sees the old file or the new one, never a part.
pub fn write_if_unchanged(path: &Path, read: &[u8], new: &[u8]) -> Result<(), WriteError> {
    // Through a symbolic link, the file it points to is the one to replace.
    let target = fs::canonicalize(path)?;
    if fs::read(&target)? != read {
        return Err(WriteError::Changed);
    }
    let meta = fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".factlint-fix-")
        .tempfile_in(folder)?;
    temp.write_all(new)?;
    temp.as_file().sync_all()?;
    fs::set_permissions(temp.path(), meta.permissions())?;
    // Checked again as late as possible: an editor may have saved while the
    // temporary file was written.
    if fs::read(&target)? != read {
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_diff_has_git_headers() {
        let diff = unified_diff("d.md", "a\nb 45\nc\n", "a\nb 47\nc\n");
        assert_eq!(
            diff,
            "--- a/d.md\n+++ b/d.md\n@@ -1,3 +1,3 @@\n a\n-b 45\n+b 47\n c\n"
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_touched() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        fs::write(&path, "edited meanwhile")?;
        let err = write_if_unchanged(&path, b"as read", b"fixed").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
        assert_eq!(fs::read_to_string(&path)?, "edited meanwhile");
        let leftovers = fs::read_dir(dir.path())?.count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_links_are_kept() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        fs::write(&path, "old")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&path, &link)?;
        write_if_unchanged(&link, b"old", b"new")?;
        assert_eq!(fs::read_to_string(&path)?, "new");
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }
}
