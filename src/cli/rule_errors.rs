//! Rule-file problems shown like compiler errors, on the YAML, in the same
//! rustc style as findings.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;

use crate::emit::{clamp_span, human, one_line};
use crate::rules::RuleError;

/// Prints each problem. `context` says where the rule file was being loaded
/// for, when that is not what the command is about.
pub(crate) fn emit(out: &mut dyn Write, errors: &[RuleError], color: bool, context: bool) {
    for e in errors {
        let message = one_line(&e.message);
        let level = if e.is_error() { "error" } else { "warning" };
        if e.source.is_empty() {
            let _ = writeln!(out, "{level}: {}: {message}", e.path);
            continue;
        }
        let file = SimpleFile::new(e.path.as_str(), e.source.as_str());
        // The header says what is wrong; the underline only shows where, as
        // rustc does when there is nothing to add.
        let diagnostic = if e.is_error() {
            Diagnostic::error().with_message(if context {
                format!("invalid rule file: {message}")
            } else {
                message
            })
        } else {
            Diagnostic::warning().with_message(message)
        };
        let mut diagnostic =
            diagnostic.with_label(Label::primary((), clamp_span(&e.source, &e.span)));
        if let Some(help) = &e.help {
            diagnostic = diagnostic.with_note(format!("help: {help}"));
        }
        let _ = human::emit(out, &file, &diagnostic, color);
    }
}

pub(crate) fn print(errors: &[RuleError], color: bool) {
    let mut err = io::stderr().lock();
    emit(&mut err, errors, color, true);
    let n = errors.iter().filter(|e| e.is_error()).count();
    let _ = writeln!(
        err,
        "error: {n} problem{} in rule files; nothing was checked",
        if n == 1 { "" } else { "s" }
    );
}
