//! The command line: a thin shell over `source`, `rules`, `check` and `emit`.

mod claims;
mod explain;
mod explain_rule;
mod init;
mod progress;
mod rule_errors;
mod rules;
mod test;

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::batch;
use crate::check::Checker;
use crate::config::{self, Overrides, ResolveError, Resolved};
use crate::diagnostic::Severity;
use crate::emit::{statistics, Format, RuleInfo, Summary};
use crate::fix::{self, FileFix};
use crate::rules::RuleSet;
use crate::source::{walk, Document, Markup};
use rule_errors::Origin;

/// Shown after `--help`: what people look for first, as ruff and ripgrep
/// show it.
const AFTER_HELP: &str = "\
Examples:
  factlint check drafts/                 check every draft in a folder
  factlint check --rules rules/ draft.md check against your own rule files
  factlint check --fix drafts/           apply the fixes, report what remains
  factlint init --subject city-budget    start a configuration and a rule file
  factlint rules check                   validate the project's rule files
  factlint explain ru-ir-treaty/term     what a rule checks, with examples

Rules: --rules PATH, else the `rules` of the nearest .factlint.yaml, else the
bundled rules; `factlint config` shows which.

Exit codes:
  0  no finding at or above the failing level (or --exit-zero)
  1  findings at or above the failing level (errors, unless --deny or fail-on)
  2  usage error; broken configuration, rule or baseline file; unreadable draft

Docs: README.md (commands, configuration, CI, editors) and docs/rules.md (rule
files) in factlint's repository; `factlint man` prints the manual page.";
pub(crate) use rules::rules_json;

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks news drafts against the facts of their subject",
    long_about = None,
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check drafts: files, folders (walked like ripgrep walks them), globs, or `-` for stdin.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Serve the Language Server Protocol on stdin and stdout, for editors.
    Lsp(crate::lsp::Options),
    /// Serve LanguageTool's HTTP API, a JSON API and a web page, for editors and browsers.
    Serve(crate::serve::Options),
    /// Print the resolved configuration and where each value came from.
    Config(SettingsArgs),
    /// Validate (`rules check`) or list (`rules list`) rule files.
    Rules(rules::RulesArgs),
    /// Run the examples of rule files through the checker.
    Test(test::TestArgs),
    /// Explain a rule: its fact and source, what states and contradicts it, its examples.
    Explain(explain_rule::ExplainArgs),
    /// Tabulate what each draft says for each fact, to compare drafts.
    Claims(claims::ClaimsArgs),
    /// Write a starter .factlint.yaml, and with --subject a starter rule file.
    Init(init::InitArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print a manual page (roff): factlint(1), or a command's, for `man`.
    #[command(after_help = MAN_HELP)]
    Man(ManArgs),
}

const MAN_HELP: &str = "\
Examples:
  factlint man > ~/.local/share/man/man1/factlint.1
  factlint man check > ~/.local/share/man/man1/factlint-check.1
  factlint man rules check | man -l -";

#[derive(Debug, Args)]
struct ManArgs {
    /// The command whose page to print (`check`, `rules check`); none for factlint(1).
    command: Vec<String>,
}

const CHECK_HELP: &str = "\
Examples:
  factlint check                              the current folder
  factlint check drafts/ 'notes/**/*.md'      folders and globs
  factlint check - --stdin-filename d.md < d.md
  factlint check --format sarif --output-file factlint.sarif drafts/
  factlint check --diff drafts/               show the fixes without writing

Exit codes:
  0  no finding at or above the failing level (or --exit-zero)
  1  findings at or above the failing level (errors, unless --deny or fail-on)
  2  usage error; broken configuration, rule or baseline file; unreadable draft";

const COMPLETIONS_HELP: &str = "\
Examples:
  factlint completions bash > ~/.local/share/bash-completion/completions/factlint
  factlint completions zsh > ~/.zfunc/_factlint      # with fpath+=~/.zfunc
  factlint completions fish > ~/.config/fish/completions/factlint.fish";

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run too.
    Warnings,
    /// Every finding fails the run.
    Info,
}

/// Settings a configuration file also has; given here, they win.
#[derive(Debug, Args)]
struct SettingsArgs {
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Rule file or folder of rule files (repeatable); replaces the configured or bundled rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Also fail (exit 1) on findings of this level (the configuration's `fail-on`).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
}

impl SettingsArgs {
    fn overrides(&self) -> Overrides {
        Overrides {
            config: self.config.clone(),
            rules: self.rules.clone(),
            fail_on: self.deny.map(|deny| match deny {
                Deny::Warnings => Severity::Warning,
                Deny::Info => Severity::Info,
            }),
        }
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files, folders or globs to check; `-` reads standard input. Default: the current folder.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to this file; the summary line still goes to standard output.
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// When to colour human output (NO_COLOR is honoured for `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print only the findings: no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Exit 0 even when findings fail the run (broken inputs still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file, and report none.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// The name standard input is reported under, and whose extension picks its reader.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Print, sentence by sentence, the claims read and why each was or was not flagged.
    #[arg(long)]
    explain: bool,
    /// Warn about suppression comments that suppress nothing (rule factlint/unused-suppression).
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Apply the findings' fixes to the files, then report the findings that remain.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the fixes as a unified diff without writing them; exit 1 if there is one.
    #[arg(long)]
    diff: bool,
}

/// Runs the command line; returns the process exit code.
pub fn run() -> ExitCode {
    guard_closed_stdout();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Lsp(options) => crate::lsp::run(options),
        Command::Serve(options) => crate::serve::run(options),
        Command::Config(args) => show_config(&args),
        Command::Rules(args) => rules::run(args),
        Command::Test(args) => test::run(args),
        Command::Explain(args) => explain_rule::run(args),
        Command::Claims(args) => claims::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions(args.shell),
        Command::Man(args) => man(&args.command),
    }
}

/// The command line as clap describes it, for completions and the manual.
fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "factlint", &mut out);
    write_stdout(&out)
}

fn man(path: &[String]) -> ExitCode {
    // Built, every subcommand has its page's name: factlint-check, and so on.
    let mut page = command().disable_help_subcommand(true);
    page.build();
    for (i, name) in path.iter().enumerate() {
        let Some(sub) = page.find_subcommand(name).cloned() else {
            let known: Vec<&str> = page
                .get_subcommands()
                .map(clap::Command::get_name)
                .collect();
            eprintln!(
                "error: no command `{}`; the commands with a manual page are: {}",
                path[..=i].join(" "),
                known.join(", ")
            );
            return ExitCode::from(2);
        };
        page = sub;
    }
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(page).source(format!("factlint {}", env!("CARGO_PKG_VERSION")));
    if let Err(e) = man.render(&mut out) {
        eprintln!("error: cannot render the manual page: {e}");
        return ExitCode::from(2);
    }
    write_stdout(&out)
}

/// Writes generated text to standard output; a closed pipe is no error.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

/// How a command that works with rules only (`test`, `rules`, `explain`,
/// `claims`) is told which: the same flags and the same resolution as
/// `check`.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleSource {
    /// `--rules` or positional rule paths; empty for the configured rules.
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
}

impl RuleSource {
    fn overrides(&self) -> Overrides {
        Overrides {
            config: self.config.clone(),
            rules: self.paths.clone(),
            fail_on: None,
        }
    }

    /// Which rules apply: `paths` if given, else the `rules` of the
    /// project's `.factlint.yaml`, else the bundled rules. Every command
    /// decides it here, through [`config::choose_rules`], which
    /// [`config::resolve`] (and so `check` and `lsp`) uses too.
    pub(crate) fn choose(&self) -> Result<config::RuleChoice, ResolveError> {
        config::choose_rules(&current_dir(), &self.overrides())
    }

    /// The chosen rules, loaded, with the configuration's severity levels.
    pub(crate) fn load(&self) -> Result<RuleSet, ResolveError> {
        config::resolve(&current_dir(), &self.overrides()).map(|resolved| resolved.rules)
    }
}

/// The folder relative paths start from; the root if it cannot be read
/// (then every relative path fails to open, with its own error).
fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
}

/// Prints why the configuration or the rules could not be loaded.
pub(crate) fn print_resolve_error(error: &ResolveError, color: bool) {
    match error {
        ResolveError::Config(errors) => {
            rule_errors::print_as(errors, color, Origin::Configuration);
        }
        ResolveError::Rules(errors) => rule_errors::print_as(errors, color, Origin::RuleFiles),
    }
}

pub(crate) fn use_color(choice: ColorChoice) -> bool {
    wants_color(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stdout().is_terminal(),
    )
}

pub(crate) fn use_color_stderr(choice: ColorChoice) -> bool {
    wants_color(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stderr().is_terminal(),
    )
}

/// The colour decision, apart from the process's environment so it can be
/// tested: an explicit choice wins; `auto` colours a terminal unless
/// `NO_COLOR` is set to a non-empty value (https://no-color.org).
fn wants_color(choice: ColorChoice, no_color: Option<&OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(OsStr::is_empty) && terminal,
    }
}

/// The configuration and rules, or the errors printed and `None`.
fn resolve(settings: &SettingsArgs, color: ColorChoice) -> Option<Resolved> {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            eprintln!("error: cannot read the current folder: {e}");
            return None;
        }
    };
    match config::resolve(&cwd, &settings.overrides()) {
        Ok(resolved) => Some(resolved),
        Err(error) => {
            print_resolve_error(&error, use_color_stderr(color));
            None
        }
    }
}

fn show_config(args: &SettingsArgs) -> ExitCode {
    let Some(resolved) = resolve(args, ColorChoice::Auto) else {
        return ExitCode::from(2);
    };
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(resolved.describe().as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

fn check(args: CheckArgs) -> ExitCode {
    // the place names every reading needs, built while the rules are read
    crate::reader::gazetteer::prepare();
    // Escape codes belong on a terminal, never in a report file.
    let color = use_color(args.color) && args.output_file.is_none();
    let Some(resolved) = resolve(&args.settings, args.color) else {
        return ExitCode::from(2);
    };
    // Read before checking, so a typo in its name costs no time.
    let baseline = match &args.baseline {
        Some(path) => match walk::read_capped(path, walk::MAX_BASELINE_BYTES, "a baseline")
            .map_err(|e| e.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
            .and_then(|text| Baseline::parse(&text))
        {
            Ok(baseline) => Some(baseline),
            Err(e) => {
                eprintln!("error: {}: cannot read baseline: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let rules = &resolved.rules;
    if !rules.warnings.is_empty() {
        let mut err = io::stderr().lock();
        rule_errors::emit(
            &mut err,
            &rules.warnings,
            use_color_stderr(args.color),
            Some(Origin::RuleFiles),
        );
    }
    // With no paths the current folder is walked, and its files are shown
    // as `a.md` rather than `./a.md`, as ripgrep shows them.
    let implicit = args.paths.is_empty();
    let paths = if implicit {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let shown = |path: &Path| -> String {
        let path = if implicit {
            path.strip_prefix(".").unwrap_or(path)
        } else {
            path
        };
        path.display().to_string()
    };
    let mut failed_inputs = false;
    let markup_for = |path: &Path| resolved.markup_for(path);
    let inputs = walk::inputs_with(&paths, &walk::WalkOptions::default(), &markup_for);
    let (jobs, errors) = jobs(inputs, &resolved, &args.stdin_filename, &shown);
    // A report written over one of its inputs would destroy it.
    let mut read_paths: Vec<&Path> = jobs
        .iter()
        .filter_map(|job| match job {
            batch::Job::File { path, .. } => Some(path.as_path()),
            batch::Job::Text { .. } => None,
        })
        .collect();
    read_paths.extend(resolved.file.as_deref());
    read_paths.extend(resolved.rule_paths.value.iter().map(PathBuf::as_path));
    read_paths.extend(args.baseline.as_deref());
    let outputs = [
        ("--output-file", &args.output_file),
        ("--write-baseline", &args.write_baseline),
    ];
    for (flag, output) in outputs {
        let Some(output) = output else { continue };
        if let Some(input) = read_paths.iter().find(|p| same_file(p, output)) {
            eprintln!(
                "error: {flag} {} is also an input ({}); refusing to overwrite it",
                output.display(),
                input.display()
            );
            return ExitCode::from(2);
        }
    }
    // A lone large file is read while the checker is built; the date
    // pattern, when a fact needs it, is built then too, on the core that
    // leaves free, rather than beside the readers of the sentences later.
    if batch::reads_ahead(&jobs)
        && rules.subjects.iter().any(|s| {
            s.facts
                .iter()
                .any(|f| matches!(f.kind, crate::rules::FactKind::Date { .. }))
        })
    {
        crate::reader::dates::prepare();
    }
    let (checker, ahead) = batch::with_read_ahead(&jobs, || {
        Checker::new(rules).report_unused_suppressions(args.report_unused_suppressions)
    });
    let inspect =
        |name: &str, text: &str, doc: &Document| explain::print(&checker, name, text, doc);
    // What a fix needs beyond the report: the file to write (none for
    // standard input) and how to read it again.
    let origins: Vec<(Option<PathBuf>, Markup)> = jobs
        .iter()
        .map(|job| match job {
            batch::Job::File { path, markup, .. } => (Some(path.clone()), *markup),
            batch::Job::Text { markup, .. } => (None, *markup),
        })
        .collect();
    let mut diffs = String::new();
    let options = batch::Options {
        // --explain prints as it reads, so reading goes in order.
        parallel: !args.explain,
        inspect: args.explain.then_some(&inspect as _),
    };
    let mut reports = Vec::new();
    let mut files_checked = 0;
    let mut stderr = io::stderr();
    // JSON Lines go out as each file is checked, when nothing needs all the
    // findings first; then a file's text is not kept once written.
    let stream = args.format == Format::Jsonl
        && !args.statistics
        && args.output_file.is_none()
        && args.baseline.is_none()
        && args.write_baseline.is_none();
    // For people at a terminal only: never in machine formats or when piped.
    let mut progress = progress::Progress::new(
        jobs.len(),
        io::stderr().is_terminal() && args.format == Format::Human && !args.quiet && !args.explain,
    );
    // Errors are printed where their input would have been reported.
    let mut errors = errors.into_iter().peekable();
    let mut delivered = 0;
    // The first error writing streamed findings; nothing more is written.
    let mut stream_error: Option<io::Error> = None;
    batch::check_read_ahead(&checker, jobs, ahead, options, &mut |outcome| {
        while let Some(message) = errors.next_if(|(before, _)| *before <= delivered) {
            let _ = progress.suspend(|| writeln!(stderr, "error: {}", safe(&message.1)));
            failed_inputs = true;
        }
        let (file, markup) = origins
            .get(delivered)
            .cloned()
            .unwrap_or((None, Markup::Text));
        delivered += 1;
        progress.tick();
        match outcome {
            batch::Outcome::Checked(mut report) => {
                files_checked += 1;
                let fixable = report.diagnostics.iter().any(|d| d.fix.is_some());
                if (args.fix || args.diff) && fixable {
                    let name = report.path.clone();
                    let mut tries = 0;
                    let (outcome, conflict) = loop {
                        tries += 1;
                        let fixed = fix::fix_file(
                            file.as_deref(),
                            &name,
                            &report.source,
                            &report.diagnostics,
                            args.diff,
                        );
                        // Saved meanwhile: what the draft holds now is
                        // checked and fixed once more.
                        let again = match (&fixed.0, file.as_deref()) {
                            (FileFix::Changed, Some(path)) if tries < 2 => {
                                walk::read_input(path).ok()
                            }
                            _ => None,
                        };
                        let Some(text) = again else {
                            break fixed;
                        };
                        report.diagnostics = checker.check(&Document::read(&text, markup));
                        report.source = text;
                    };
                    if let Some(conflict) = conflict {
                        let _ = writeln!(stderr, "warning: {}: {conflict}", safe(&name));
                    }
                    match outcome {
                        FileFix::Nothing => {}
                        FileFix::Diff(diff) => diffs.push_str(&diff),
                        FileFix::Written(fixed, warnings) => {
                            let _ = writeln!(
                                stderr,
                                "fixed {} in {}",
                                rules::plural(fixed.applied, "finding", "findings"),
                                safe(&name)
                            );
                            for warning in warnings {
                                let _ = writeln!(stderr, "warning: {}: {warning}", safe(&name));
                            }
                            report.diagnostics =
                                checker.check(&Document::read(&fixed.text, markup));
                            report.source = fixed.text;
                        }
                        FileFix::NotWritten(why) => {
                            let _ = writeln!(stderr, "error: {}: not fixed: {why}", safe(&name));
                            failed_inputs = true;
                        }
                        FileFix::Changed => {
                            let _ = writeln!(
                                stderr,
                                "error: {}: not fixed: {}",
                                safe(&name),
                                fix::WriteError::Changed
                            );
                            failed_inputs = true;
                        }
                    }
                }
                if stream && !report.diagnostics.is_empty() {
                    let lines = crate::emit::jsonl::render(std::slice::from_ref(&report));
                    if stream_error.is_none() {
                        let mut out = io::stdout().lock();
                        if let Err(e) =
                            to_stdout(&mut out, lines.as_bytes()).and_then(|()| out.flush())
                        {
                            stream_error = Some(e);
                        }
                    }
                    report.source = String::new();
                }
                reports.push(report);
            }
            batch::Outcome::Unreadable { name, error } => {
                let _ = progress.suspend(|| writeln!(stderr, "error: {}: {error}", safe(&name)));
                failed_inputs = true;
            }
        }
    });
    progress.finish();
    for (_, message) in errors {
        let _ = writeln!(stderr, "error: {}", safe(&message));
        failed_inputs = true;
    }
    if let Some(e) = stream_error {
        if let Err(code) = report_written(Err(e)) {
            return code;
        }
    }
    if args.diff {
        let mut out = io::stdout().lock();
        if let Err(code) =
            report_written(to_stdout(&mut out, diffs.as_bytes()).and_then(|()| out.flush()))
        {
            return code;
        }
        return ExitCode::from(if failed_inputs {
            2
        } else {
            u8::from(!diffs.is_empty())
        });
    }
    let cwd = std::env::current_dir().unwrap_or_default();

    if let Some(path) = &args.write_baseline {
        let base = path.parent().unwrap_or(Path::new(""));
        let baseline = Baseline::of(&reports, &cwd, base);
        match crate::write::write_atomic(path, baseline.to_json().as_bytes()) {
            Ok(written) => {
                for warning in written.warnings {
                    eprintln!("warning: {}: {warning}", path.display());
                }
            }
            Err(e) => {
                eprintln!("error: cannot write baseline {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        if !args.quiet {
            let n: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
            eprintln!(
                "recorded {} in {}",
                plural(n, "finding", "findings"),
                path.display()
            );
        }
        return ExitCode::from(if failed_inputs { 2 } else { 0 });
    }
    let hidden = match (&baseline, &args.baseline) {
        (Some(baseline), Some(path)) => {
            baseline.filter(&mut reports, &cwd, path.parent().unwrap_or(Path::new("")))
        }
        _ => 0,
    };

    let out = if stream {
        Vec::new()
    } else if args.statistics {
        let rows = statistics::rows(&reports);
        if matches!(args.format, Format::Json | Format::Jsonl) {
            statistics::render_json(&rows).into_bytes()
        } else {
            statistics::render_text(&rows).into_bytes()
        }
    } else {
        args.format.render(&reports, &RuleInfo::of(rules), color)
    };
    let mut stdout = io::stdout().lock();
    match &args.output_file {
        Some(path) => match crate::write::write_atomic(path, &out) {
            Ok(written) => {
                for warning in written.warnings {
                    eprintln!("warning: {}: {warning}", path.display());
                }
            }
            Err(e) => {
                eprintln!("error: cannot write report to {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => {
            if let Err(code) = report_written(to_stdout(&mut stdout, &out)) {
                return code;
            }
        }
    }
    // The summary shares standard output only with output meant for people,
    // or with nothing when the report went to a file.
    if !args.quiet && (args.format == Format::Human || args.output_file.is_some()) {
        let summary = Summary::of(&reports, files_checked);
        let mut lines = format!("{}\n", summary.line());
        if hidden > 0 {
            lines.push_str(&format!(
                "{} in the baseline not shown\n",
                plural(hidden, "finding", "findings")
            ));
        }
        let written = to_stdout(&mut stdout, lines.as_bytes());
        if let Err(code) = report_written(written) {
            return code;
        }
    }
    if let Err(code) = report_written(stdout.flush()) {
        return code;
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= resolved.fail_on.value);
    if failed_inputs {
        ExitCode::from(2)
    } else if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn jobs(
    inputs: Vec<Result<walk::Input, walk::WalkError>>,
    resolved: &Resolved,
    stdin_filename: &Option<String>,
    shown: &dyn Fn(&Path) -> String,
) -> (Vec<batch::Job>, Vec<(usize, String)>) {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match input {
            Ok(walk::Input::Stdin) => {
                let name = stdin_filename.clone().unwrap_or_else(|| "-".to_owned());
                let markup = resolved
                    .markup_for(Path::new(&name))
                    .unwrap_or(Markup::Text);
                match walk::read_stdin() {
                    Ok(text) => jobs.push(batch::Job::Text { name, markup, text }),
                    Err(e) => errors.push((jobs.len(), format!("{name}: {e}"))),
                }
            }
            Ok(walk::Input::File { path, markup }) => {
                if resolved.selects(&path) {
                    let name = shown(&path);
                    jobs.push(batch::Job::File { path, name, markup });
                }
            }
            Err(e) => errors.push((jobs.len(), e.to_string())),
        }
    }
    (jobs, errors)
}

/// A file name or message for the terminal: nothing in it that a terminal
/// would act on, and on one line.
fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    crate::emit::escaped(text, false)
}

/// What became of writing a report to standard output: nothing to say when
/// it was written; when the reader closed the pipe (`| head`), exit 0
/// quietly, as ripgrep does; otherwise the error, and exit 2.
pub(crate) fn report_written(result: io::Result<()>) -> Result<(), ExitCode> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("error: cannot write report: {}", walk::io_message(&e));
            Err(ExitCode::from(2))
        }
    }
}

/// Writes `bytes` of a report to standard output. Writes to a closed
/// standard output (`>&-`) would succeed silently; the report is lost all
/// the same, so they fail.
pub(crate) fn to_stdout(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    if stdout_closed() && !bytes.is_empty() {
        return Err(io::Error::other("standard output is closed"));
    }
    out.write_all(bytes)
}

/// Set when the process started with no standard output (`>&-`).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Notes whether the process started with standard output closed. Rust's
/// runtime opens `/dev/null` read-write in its place before `main`; a shell
/// redirection to `/dev/null` opens it write-only, so the two can be told
/// apart.
#[cfg(unix)]
fn guard_closed_stdout() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    // SAFETY: F_GETFL only asks about the descriptor; nothing is changed.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL) };
    let closed = flags == -1
        || (flags & libc::O_ACCMODE == libc::O_RDWR
            && std::fs::metadata("/dev/fd/1").is_ok_and(|m| {
                std::fs::metadata("/dev/null")
                    .is_ok_and(|null| m.file_type().is_char_device() && m.rdev() == null.rdev())
            }));
    STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
}

#[cfg(not(unix))]
fn guard_closed_stdout() {}

/// Whether `a` and `b` name the same existing file (through links too).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.is_file() && (x.dev(), x.ino()) == (y.dev(), y.ino());
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_chosen_explicitly_or_for_a_terminal_without_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        for (choice, no_color, terminal, expected) in [
            (ColorChoice::Always, set, false, true),
            (ColorChoice::Never, None, true, false),
            (ColorChoice::Auto, None, true, true),
            (ColorChoice::Auto, None, false, false),
            (ColorChoice::Auto, set, true, false),
            // NO_COLOR set but empty does not count, as no-color.org says.
            (ColorChoice::Auto, empty, true, true),
        ] {
            assert_eq!(
                wants_color(choice, no_color, terminal),
                expected,
                "{choice:?} NO_COLOR={no_color:?} terminal={terminal}"
            );
        }
    }
}
