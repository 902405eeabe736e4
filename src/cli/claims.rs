//! `factlint claims`: what each draft says for each fact, side by side, so
//! that an editor can compare many drafts of one story at once.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{print_resolve_error, use_color_stderr, ColorChoice, RuleSource};
use crate::check::{Checker, Outcome};
use crate::rules::FactKind;
use crate::source::{walk, Document, LineIndex, Markup};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    /// One block per rule, one line per draft.
    Human,
    Json,
    /// One row per draft and rule; several claims in a cell are separated by "; ".
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// Drafts: files, folders or globs, as `check` takes them; `-` reads standard input.
    paths: Vec<PathBuf>,
    /// Rule file or folder of rule files (repeatable); replaces the configured or bundled rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    format: TableFormat,
}

/// One claim a draft makes about a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Claim {
    /// The draft's words.
    text: String,
    line: usize,
    column: usize,
    /// In a quotation or reported speech.
    quoted: bool,
    /// The words are denied ("no mutual defence clause"): how an `absent`
    /// fact is stated and a `present` one contradicted.
    denied: bool,
    /// For a contradiction: what the source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<String>,
}

/// What one draft says about one fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Row {
    path: String,
    rule: String,
    /// The fact, for readers of the table.
    claim: String,
    /// `states`, `contradicts`, `unstated`, or `off-topic` when the draft is
    /// not about the fact's subject.
    status: &'static str,
    stated: Vec<Claim>,
    contradicts: Vec<Claim>,
}

/// The rows of one draft, one per fact of every subject, in rule order.
pub(crate) fn rows(checker: &Checker<'_>, path: &str, original: &str, markup: Markup) -> Vec<Row> {
    let doc = Document::read(original, markup);
    let lines = LineIndex::new(original);
    let mut out = Vec::new();
    for (subject, reading) in checker.rules().subjects.iter().zip(checker.read(&doc)) {
        for (fi, fact) in subject.facts.iter().enumerate() {
            let mut stated = Vec::new();
            let mut contradicts = Vec::new();
            let absent = matches!(fact.kind, FactKind::Absent(_));
            let present = matches!(fact.kind, FactKind::Present(_));
            for c in reading.considered.iter().filter(|c| c.fact == fi) {
                let span = doc.original_range(c.range.clone());
                let (line, column) = lines.line_col(original, span.start);
                // The reader's words: markup removed, as a reader sees them.
                let claim = |expected, denied| Claim {
                    text: c.found.split_whitespace().collect::<Vec<_>>().join(" "),
                    line,
                    column,
                    quoted: c.attributed,
                    denied,
                    expected,
                };
                match &c.outcome {
                    Outcome::States => stated.push(claim(None, absent)),
                    Outcome::Contradicts { expected, .. } => {
                        // an absent, present or forbid fact's "expected" is
                        // its claim, which the row already carries
                        let expected = (*expected != fact.claim).then(|| expected.clone());
                        contradicts.push(claim(expected, present))
                    }
                    _ => {}
                }
            }
            let status = if !reading.about {
                "off-topic"
            } else if !contradicts.is_empty() {
                "contradicts"
            } else if !stated.is_empty() {
                "states"
            } else {
                "unstated"
            };
            out.push(Row {
                path: path.to_owned(),
                rule: fact.rule.clone(),
                claim: fact.claim.split_whitespace().collect::<Vec<_>>().join(" "),
                status,
                stated,
                contradicts,
            });
        }
    }
    out
}

pub(crate) fn run(args: ClaimsArgs) -> ExitCode {
    let source = RuleSource {
        paths: args.rules.clone(),
        config: args.config.clone(),
    };
    let rules = match source.load() {
        Ok(rules) => rules,
        Err(error) => {
            print_resolve_error(&error, use_color_stderr(ColorChoice::Auto));
            return ExitCode::from(2);
        }
    };
    let checker = Checker::new(&rules);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut table = Vec::new();
    let mut failed = false;
    let mut err = io::stderr().lock();
    for input in walk::inputs(&paths, &walk::WalkOptions::default()) {
        let (name, markup, text) = match input {
            Ok(walk::Input::Stdin) => match walk::read_stdin() {
                Ok(text) => ("-".to_owned(), Markup::Text, text),
                Err(e) => {
                    let _ = writeln!(err, "error: -: {e}");
                    failed = true;
                    continue;
                }
            },
            Ok(walk::Input::File { path, markup }) => match walk::read_input(&path) {
                Ok(text) => (path.display().to_string(), markup, text),
                Err(e) => {
                    let _ = writeln!(err, "error: {}: {e}", path.display());
                    failed = true;
                    continue;
                }
            },
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                failed = true;
                continue;
            }
        };
        table.extend(rows(&checker, &name, &text, markup));
    }
    let mut out = io::stdout().lock();
    let written = match args.format {
        // the drafts' words, made safe for the terminal
        TableFormat::Human => super::to_stdout(
            &mut out,
            crate::emit::escaped(&human(&table), true).as_bytes(),
        ),
        TableFormat::Json => {
            let text = serde_json::to_string_pretty(&table).unwrap_or_else(|_| "[]".to_owned());
            super::to_stdout(&mut out, format!("{text}\n").as_bytes())
        }
        TableFormat::Csv => csv(&mut out, &table),
    };
    if let Err(code) = super::report_written(written.and_then(|()| out.flush())) {
        return code;
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn notes(c: &Claim) -> String {
    let mut out = String::new();
    if c.denied {
        out.push_str(" (denied)");
    }
    if c.quoted {
        out.push_str(" (quoted)");
    }
    out
}

fn cell(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| format!("{}{}", c.text, notes(c)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv(out: &mut dyn Write, table: &[Row]) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "path",
        "rule",
        "status",
        "stated",
        "contradicts",
        "expected",
        "claim",
    ])?;
    for row in table {
        let expected = row
            .contradicts
            .first()
            .and_then(|c| c.expected.clone())
            .unwrap_or_default();
        w.write_record([
            row.path.as_str(),
            row.rule.as_str(),
            row.status,
            &cell(&row.stated),
            &cell(&row.contradicts),
            &expected,
            &row.claim,
        ])?;
    }
    w.flush()
}

/// One block per rule: each draft's status and words, aligned.
fn human(table: &[Row]) -> String {
    let mut rules: Vec<&str> = Vec::new();
    for row in table {
        if !rules.contains(&row.rule.as_str()) {
            rules.push(&row.rule);
        }
    }
    let path_width = table
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (i, rule) in rules.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let claim = table
            .iter()
            .find(|r| r.rule == *rule)
            .map_or("", |r| r.claim.as_str());
        out.push_str(&format!("{rule}: {claim}\n"));
        for row in table.iter().filter(|r| r.rule == *rule) {
            let mut words = Vec::new();
            if !row.contradicts.is_empty() {
                let expected = row
                    .contradicts
                    .first()
                    .and_then(|c| c.expected.as_deref())
                    .map(|e| format!(" (source: {e})"))
                    .unwrap_or_default();
                words.push(format!("{}{expected}", quoted_cells(&row.contradicts)));
            }
            if !row.stated.is_empty() {
                let label = if row.contradicts.is_empty() {
                    ""
                } else {
                    "also states "
                };
                words.push(format!("{label}{}", quoted_cells(&row.stated)));
            }
            let line = format!(
                "  {:path_width$}  {:<11}  {}",
                row.path,
                row.status,
                words.join("; ")
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

fn quoted_cells(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| format!("\"{}\" at {}:{}{}", c.text, c.line, c.column, notes(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn each_fact_gets_a_row_with_its_claims() {
        let rules = RuleSet::bundled().unwrap();
        let checker = Checker::new(&rules);
        let draft = "Russia and Iran signed a 20-year treaty.\n\n\"It has 45 articles,\" an aide said of the pact.\n";
        let table = rows(&checker, "d.md", draft, Markup::Markdown);
        let status: Vec<(&str, &str)> = table.iter().map(|r| (r.rule.as_str(), r.status)).collect();
        assert_eq!(
            status,
            [
                ("ru-ir-treaty/article-count", "contradicts"),
                ("ru-ir-treaty/term", "states"),
                ("ru-ir-treaty/no-mutual-defense", "unstated"),
                ("ru-ir-treaty/signing-date", "unstated"),
            ]
        );
        let count = &table[0].contradicts[0];
        assert_eq!(
            (count.text.as_str(), count.line, count.column, count.quoted),
            ("45 articles", 3, 9, true)
        );
        assert_eq!(count.expected.as_deref(), Some("47 articles"));
        let off = rows(&checker, "o.md", "Oil prices rose.", Markup::Markdown);
        assert!(off.iter().all(|r| r.status == "off-topic"));
        let text = human(&[table, off].concat());
        assert!(text.starts_with("ru-ir-treaty/article-count: The treaty has 47 articles.\n  d.md  contradicts  \"45 articles\" at 3:9 (quoted) (source: 47 articles)\n  o.md  off-topic\n\nru-ir-treaty/term: The treaty is concluded for 20 years.\n  d.md  states       \"20-year\" at 1:26\n"), "{text}");
    }
}
