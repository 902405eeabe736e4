//! `factlint rules check` and `factlint rules list`: rule files on their own,
//! without drafts.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::{print_resolve_error, rule_errors, use_color, ColorChoice, RuleSource};
use crate::rules::RuleSet;

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate rule files without checking drafts; every problem is shown on the YAML.
    Check(CheckArgs),
    /// List every loaded rule with its file and line.
    List(ListArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Rule files or folders of rule files. Default: the `rules` of
    /// `.factlint.yaml`, else the bundled rules.
    paths: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// When to colour the output (NO_COLOR is honoured for `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Rule files or folders of rule files. Default: the `rules` of
    /// `.factlint.yaml`, else the bundled rules.
    paths: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

pub(crate) fn run(args: RulesArgs) -> ExitCode {
    match args.command {
        RulesCommand::Check(args) => check(args),
        RulesCommand::List(args) => list(args),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let source = RuleSource {
        paths: args.paths.clone(),
        config: args.config.clone(),
    };
    let choice = match source.choose() {
        Ok(choice) => choice,
        Err(error) => {
            print_resolve_error(&error, use_color_stderr());
            return ExitCode::from(2);
        }
    };
    let (sources, mut problems) = choice.sources();
    let loaded = RuleSet::from_sources(&sources);
    let counts = loaded.as_ref().ok().map(|set| {
        let facts: usize = set.subjects.iter().map(|s| s.facts.len()).sum();
        let examples: usize = set
            .subjects
            .iter()
            .flat_map(|s| &s.facts)
            .map(|f| f.examples.len())
            .sum();
        (set.subjects.len(), facts, examples)
    });
    match loaded {
        Ok(set) => problems.extend(set.warnings),
        Err(found) => problems.extend(found),
    }
    let mut out = io::stdout().lock();
    rule_errors::emit(&mut out, &problems, use_color(args.color), None);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let files = plural(sources.len(), "rule file", "rule files");
    let line = match (errors, warnings, counts) {
        (0, w, Some((subjects, facts, examples))) => format!(
            "{files}, {}, {}, {}: {}",
            plural(subjects, "subject", "subjects"),
            plural(facts, "fact", "facts"),
            plural(examples, "example", "examples"),
            if w == 0 {
                "no problems".to_owned()
            } else {
                plural(w, "warning", "warnings")
            }
        ),
        (e, w, _) => {
            let mut parts = vec![plural(e, "error", "errors")];
            if w > 0 {
                parts.push(plural(w, "warning", "warnings"));
            }
            format!("{} in {files}", parts.join(", "))
        }
    };
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
    if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn list(args: ListArgs) -> ExitCode {
    let source = RuleSource {
        paths: args.paths.clone(),
        config: args.config.clone(),
    };
    let set = match source.load() {
        Ok(set) => set,
        Err(error) => {
            print_resolve_error(&error, use_color_stderr());
            return ExitCode::from(2);
        }
    };
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let rules: Vec<_> = set
                .subjects
                .iter()
                .flat_map(|s| s.facts.iter().map(move |f| (s, f)))
                .map(|(s, f)| {
                    json!({
                        "rule": f.rule,
                        "subject": s.id,
                        "kind": f.kind.name(),
                        "claim": f.claim,
                        "path": s.path,
                        "line": f.line,
                        "contradiction": f.contradiction.map(|l| l.as_str()).unwrap_or("off"),
                        "unstated": f.unstated.map(|l| l.as_str()).unwrap_or("off"),
                        "examples": f.examples.len(),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rules).unwrap_or_else(|_| "[]".to_owned());
            let _ = writeln!(out, "{text}");
        }
        ListFormat::Human => {
            let rows: Vec<[String; 4]> = set
                .subjects
                .iter()
                .flat_map(|s| s.facts.iter().map(move |f| (s, f)))
                .map(|(s, f)| {
                    [
                        f.rule.clone(),
                        f.kind.name().to_owned(),
                        format!("{}:{}", s.path, f.line),
                        f.claim.split_whitespace().collect::<Vec<_>>().join(" "),
                    ]
                })
                .collect();
            let width = |k: usize| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0);
            let (w0, w1, w2) = (width(0), width(1), width(2));
            for [rule, kind, at, claim] in &rows {
                let _ = writeln!(out, "{rule:w0$}  {kind:w1$}  {at:w2$}  {claim}");
            }
            let _ = writeln!(
                out,
                "{} in {}",
                plural(rows.len(), "rule", "rules"),
                plural(set.subjects.len(), "subject", "subjects")
            );
        }
    }
    ExitCode::SUCCESS
}

fn use_color_stderr() -> bool {
    super::use_color_stderr(ColorChoice::Auto)
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
