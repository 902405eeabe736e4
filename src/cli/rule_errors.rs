//! Rule-file and configuration errors shown like compiler errors, on the
//! YAML, in the same rustc style as findings.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;

use crate::emit::{clamp_span, human, one_line};
use crate::rules::RuleError;

/// Which kind of file the errors are in, for their wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    RuleFiles,
    Configuration,
}

pub(crate) fn print(errors: &[RuleError], color: bool, origin: Origin) {
    let (header, place) = match origin {
        Origin::RuleFiles => ("invalid rule file", "in rule files"),
        Origin::Configuration => ("invalid configuration", "in the configuration"),
    };
    let mut err = io::stderr().lock();
    for e in errors {
        let message = one_line(&e.message);
        if e.source.is_empty() {
            let _ = writeln!(err, "error: {}: {message}", e.path);
            continue;
        }
        let file = SimpleFile::new(e.path.as_str(), e.source.as_str());
        // The header says what is wrong; the underline only shows where, as
        // rustc does when there is nothing to add.
        let diagnostic = Diagnostic::error()
            .with_message(format!("{header}: {message}"))
            .with_label(Label::primary((), clamp_span(&e.source, &e.span)));
        let _ = human::emit(&mut err, &file, &diagnostic, color);
    }
    let n = errors.len();
    let _ = writeln!(
        err,
        "error: {n} problem{} {place}; nothing was checked",
        if n == 1 { "" } else { "s" }
    );
}
