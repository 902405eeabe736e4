//! Rule-file and configuration problems shown like compiler errors, on the
//! YAML, in the same rustc style as findings.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label};

use crate::emit::{clamp_span, human, one_line};
use crate::rules::RuleError;

/// Which kind of file the errors are in, for their wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    RuleFiles,
    Configuration,
}

impl Origin {
    fn header(self) -> &'static str {
        match self {
            Origin::RuleFiles => "invalid rule file",
            Origin::Configuration => "invalid configuration",
        }
    }

    fn place(self) -> &'static str {
        match self {
            Origin::RuleFiles => "in rule files",
            Origin::Configuration => "in the configuration",
        }
    }
}

/// Prints each problem. `context` names what was being loaded when that is
/// not what the command is about ("invalid rule file: …" during `check`).
pub(crate) fn emit(
    out: &mut dyn Write,
    errors: &[RuleError],
    color: bool,
    context: Option<Origin>,
) {
    for e in errors {
        let message = one_line(&e.message);
        let level = if e.is_error() { "error" } else { "warning" };
        if e.source.is_empty() {
            let _ = writeln!(out, "{level}: {}: {message}", e.path);
            continue;
        }
        // The header says what is wrong; the underline only shows where, as
        // rustc does when there is nothing to add.
        let diagnostic = if e.is_error() {
            Diagnostic::error().with_message(match context {
                Some(origin) => format!("{}: {message}", origin.header()),
                None => message,
            })
        } else {
            Diagnostic::warning().with_message(message)
        };
        let mut diagnostic =
            diagnostic.with_label(Label::primary((), clamp_span(&e.source, &e.span)));
        if let Some(help) = &e.help {
            diagnostic = diagnostic.with_note(format!("help: {help}"));
        }
        let _ = human::emit_cut(out, &e.path, &e.source, &diagnostic, color);
    }
}

/// Prints problems that stop a command, with a closing count.
pub(crate) fn print_as(errors: &[RuleError], color: bool, origin: Origin) {
    let mut err = io::stderr().lock();
    emit(&mut err, errors, color, Some(origin));
    let n = errors.iter().filter(|e| e.is_error()).count();
    let _ = writeln!(
        err,
        "error: {n} problem{} {}; nothing was checked",
        if n == 1 { "" } else { "s" },
        origin.place()
    );
}
