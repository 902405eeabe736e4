//! `factlint test`: runs the examples of rule files through the checker and
//! reports each one it reads differently, on the example in the rule file.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;

use super::rules::plural;
use super::{print_resolve_error, use_color, use_color_stderr, ColorChoice, RuleSource};
use crate::check::Checker;
use crate::emit::{clamp_span, human};

#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// Rule files or folders of rule files, loaded together. Default: the
    /// `rules` of `.factlint.yaml`, else the bundled rules.
    paths: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// When to colour the output (NO_COLOR is honoured for `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

pub(crate) fn run(args: TestArgs) -> ExitCode {
    let source = RuleSource {
        paths: args.paths.clone(),
        config: args.config.clone(),
    };
    let rules = match source.load() {
        Ok(rules) => rules,
        Err(error) => {
            print_resolve_error(&error, use_color_stderr(args.color));
            return ExitCode::from(2);
        }
    };
    let color = use_color(args.color);
    let checker = Checker::new(&rules);
    let runs = checker.run_examples();
    let mut out = io::stdout().lock();
    let mut failures = 0;
    for run in &runs {
        let Some(failure) = &run.failure else {
            continue;
        };
        failures += 1;
        let subject = &rules.subjects[run.subject];
        let fact = &subject.facts[run.fact];
        let example = &fact.examples[run.example];
        let file = SimpleFile::new(subject.path.as_str(), &*subject.text);
        let mut notes = Vec::new();
        if failure.read.is_empty() {
            notes.push("the checker read nothing in the example about this fact".to_owned());
        } else {
            notes.push(format!("the checker read:\n{}", failure.read.join("\n")));
        }
        let diagnostic = Diagnostic::error()
            .with_code(fact.rule.as_str())
            .with_message(failure.message.as_str())
            .with_label(
                Label::primary((), clamp_span(&subject.text, &example.span))
                    .with_message(format!("expected: {}", example.expect.as_str())),
            )
            .with_notes(notes);
        let _ = human::emit(&mut out, &file, &diagnostic, color);
    }
    let _ = writeln!(
        out,
        "{}, {}",
        plural(runs.len(), "example", "examples"),
        plural(failures, "failure", "failures")
    );
    let _ = out.flush();
    if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
