//! Rule-file and configuration errors shown like compiler errors, on the YAML.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};

use crate::rules::RuleError;

/// Which kind of file the errors are in, for their wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    RuleFiles,
    Configuration,
}

pub(crate) fn print(errors: &[RuleError], color: bool, origin: Origin) {
    let choice = if color {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    };
    let (header, place) = match origin {
        Origin::RuleFiles => ("invalid rule file", "in rule files"),
        Origin::Configuration => ("invalid configuration", "in the configuration"),
    };
    let writer = StandardStream::stderr(choice);
    let config = term::Config::default();
    for e in errors {
        if e.source.is_empty() {
            eprintln!("error: {}: {}", e.path, e.message);
            continue;
        }
        let file = SimpleFile::new(e.path.as_str(), e.source.as_str());
        let diagnostic = Diagnostic::error()
            .with_message(format!("{header}: {}", e.message))
            .with_labels(vec![
                Label::primary((), e.span.clone()).with_message(e.message.clone())
            ]);
        let _ = term::emit_to_write_style(&mut writer.lock(), &config, &file, &diagnostic);
    }
    let n = errors.len();
    eprintln!(
        "error: {n} problem{} {place}; nothing was checked",
        if n == 1 { "" } else { "s" }
    );
}
