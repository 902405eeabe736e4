//! A finding as plain data: what rule, what kind, where, and what would fix it.
//! Nothing here knows how a finding is printed; see `emit` for that.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How much a finding matters. Ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding says about the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The draft says something the source contradicts.
    Contradiction,
    /// The draft is about the subject but never states this fact.
    Unstated,
    /// A suppression comment in the draft that suppresses nothing.
    Suppression,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contradiction => "contradiction",
            Kind::Unstated => "unstated",
            Kind::Suppression => "suppression",
        }
    }
}

/// A replacement of original bytes `range` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// One finding in one file. Spans are byte offsets into the original file,
/// markup included.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Rule id, `<subject>/<fact>`.
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    /// One line: what is wrong.
    pub message: String,
    /// Where, in bytes of the original file.
    pub span: Range<usize>,
    /// Short text under the underline, e.g. "states 45 articles".
    pub label: String,
    /// The fact in words and where it comes from.
    pub note: String,
    /// The consistent wording, when there is one.
    pub help: Option<String>,
    /// What the draft says, in its own words (contradictions only).
    pub found: Option<String>,
    /// What the source says.
    pub expected: Option<String>,
    pub fix: Option<Edit>,
    /// The contradicting claim is reported speech (a quote or "X said").
    pub attributed: bool,
}

/// The findings for one input, with the text they point into.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user named or the walk found it (`-` or
    /// `--stdin-filename` for standard input).
    pub path: String,
    /// The original file contents, which spans index.
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A problem with an input or a rule file that stopped it from being checked.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub message: String,
}
