//! `factlint init`: a starter configuration, and with `--subject` a starter
//! rule file that already passes `factlint rules check` (with a warning
//! until its `source` is filled in) and `factlint test`, so that a newsroom
//! starts from something that works and edits it. Without `--subject`, the
//! configuration names no rules, so `factlint check` uses the bundled ones.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Also write a starter rule file, rules/<SUBJECT>.yaml, for a subject of this id.
    #[arg(long, value_name = "SUBJECT")]
    subject: Option<String>,
    /// The subject's display name; by default made from its id ("city-budget" → "City Budget").
    #[arg(long, requires = "subject")]
    name: Option<String>,
}

/// The configuration file `init` writes.
pub(crate) const CONFIG_FILE: &str = ".factlint.yaml";

/// The configuration `init` writes without `--subject`: no `rules` key, so
/// the bundled rules apply and `factlint check` works at once.
const CONFIG: &str = "\
# factlint configuration for the drafts under this folder.
#
# Rule files (or folders of them) to check drafts against. Without `rules`,
# drafts are checked against the rules bundled with factlint. Each rule
# file describes one subject and its facts; `factlint init --subject ID`
# starts one in rules/, and then this line, uncommented, uses it:
# rules: [rules/]
";

/// The configuration `init --subject` writes: the starter rule file's folder.
const CONFIG_WITH_RULES: &str = "\
# factlint configuration for the drafts under this folder.
#
# Rule files (or folders of them) to check drafts against, instead of the
# rules bundled with factlint. Each rule file describes one subject and its
# facts; `factlint init --subject ID` starts one.
rules:
  - rules/
";

/// The starter rule file; `{id}` and `{name}` are filled in. Its examples
/// are checked by a test for several ids, so that it always passes
/// `factlint test` as written.
const STARTER: &str = "\
# {name}: the facts that drafts about it must not contradict.
#
# This is a starter file: every fact below is an example to replace with
# the source's own facts (the lines marked TODO). After each change, run
#
#   factlint rules check rules/{id}.yaml   # is the file valid?
#   factlint test rules/{id}.yaml          # are the examples read as labelled?
#
# Every key is described in docs/rules.md of factlint's repository.
subject:
  id: {id}
  name: {name}
  # Names that identify the subject on their own; a draft that uses one is
  # about it. TODO: add the names drafts use.
  names:
    - {name}
  # Common nouns for the subject (\"the budget\"). Together with `parties`, the
  # people or places it belongs to, they make a draft that never uses a name
  # about the subject.
  # aliases: [budget]
  # parties:
  #   - [Millbrook, Millbrook City Council]
  # TODO: where the facts come from; every diagnostic quotes it.
  source: TODO the source document, who issued it and when

facts:
  # A number with a unit: a count noun of your own (\"seat\"), a time unit
  # (year, month, decade) or money (dollar, euro, pound). TODO
  - id: total
    claim: The {name} totals $250 million.
    quantity: { value: 250000000, unit: dollar }
    # Only amounts near one of these words count.
    cues: [total, worth, cost]
    # Sentences and what the checker must make of them; `factlint test`
    # runs them. Add one for every way a draft might put it.
    examples:
      - states: The {name} totals $250 million.
      - states: The {name} is worth more than $200 million.
      - contradicts: The {name} totals $300 million.
        flags: $300 million
      - unstated: The {name} was debated for a week.

  # A date: YYYY-MM-DD, YYYY-MM or YYYY. TODO
  - id: approved
    claim: The {name} was approved on 30 June 2025.
    date: 2025-06-30
    cues: [approved, adopted, passed]
    examples:
      - states: The {name} was approved on 30 June 2025.
      - states: The {name} was adopted in June 2025.
      - contradicts: The {name} was approved on 1 July 2025.
        flags: 1 July 2025
      - unstated: The {name} was published in May.

  # Something the subject does not have: asserting a phrase contradicts the
  # fact, denying it states it. TODO
  - id: no-new-tax
    claim: The {name} introduces no new tax.
    absent: [new tax, tax rise]
    examples:
      - states: The {name} introduces no new tax.
      - contradicts: The {name} introduces a new tax on parking.
        flags: new tax
";

/// Whether an existing configuration file has a `rules` key (a line that
/// starts with it; a commented-out one does not count).
fn names_rules(config: &Path) -> bool {
    fs::read_to_string(config).is_ok_and(|text| {
        text.lines().any(|line| {
            line.strip_prefix("rules")
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    })
}

/// The display name for a subject id: its words, capitalised.
pub(crate) fn name_for(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The starter rule file for a subject.
pub(crate) fn starter(id: &str, name: &str) -> String {
    STARTER.replace("{id}", id).replace("{name}", name)
}

fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Writes `text` to `path` unless something is there already.
fn write_new(path: &Path, text: &str, out: &mut dyn Write) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(text.as_bytes())?;
            writeln!(out, "wrote {}", path.display())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(out, "left {} as it is: the file exists", path.display())
        }
        Err(e) => Err(e),
    }
}

pub(crate) fn run(args: InitArgs) -> ExitCode {
    let mut out = io::stdout().lock();
    if let Some(id) = &args.subject {
        if !valid_id(id) {
            let _ = writeln!(
                io::stderr(),
                "error: `{id}` is not a subject id: use lower-case letters, digits and dashes, starting with a letter"
            );
            return ExitCode::from(2);
        }
    }
    let config = if args.subject.is_some() {
        CONFIG_WITH_RULES
    } else {
        CONFIG
    };
    let mut result = write_new(Path::new(CONFIG_FILE), config, &mut out);
    if let (Ok(()), Some(id)) = (&result, &args.subject) {
        let name = args
            .name
            .clone()
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| name_for(id));
        let path = Path::new("rules").join(format!("{id}.yaml"));
        result = write_new(&path, &starter(id, &name), &mut out).and_then(|()| {
            writeln!(
                out,
                "next: edit {} (the lines marked TODO), then run",
                path.display()
            )?;
            writeln!(out, "  factlint rules check {}", path.display())?;
            writeln!(out, "  factlint test {}", path.display())?;
            if !names_rules(Path::new(CONFIG_FILE)) {
                writeln!(
                    out,
                    "note: {CONFIG_FILE} has no `rules`, so `factlint check` uses the bundled rules; \
                     add `rules: [rules/]` to it to check drafts against {}",
                    path.display()
                )?;
            }
            Ok(())
        });
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;
    use crate::rules::RuleSet;

    #[test]
    fn the_starter_file_loads_and_passes_its_examples_for_any_name() {
        for (id, name) in [
            ("city-budget", "City Budget"),
            ("harbor-bridge", "Harbor Bridge"),
            ("x", "X"),
            ("budget-2025", "Budget 2025"),
            ("new_stadium", "New Stadium"),
        ] {
            assert_eq!(name_for(id), name);
            let text = starter(id, name);
            let rules = RuleSet::from_sources(&[(format!("rules/{id}.yaml"), text)])
                .unwrap_or_else(|e| panic!("{id}: {e:?}"));
            // The one warning is the reminder to name the source.
            let warnings: Vec<&str> = rules.warnings.iter().map(|w| w.message.as_str()).collect();
            assert_eq!(warnings.len(), 1, "{id}: {warnings:?}");
            assert!(
                warnings[0].contains("`source` is a placeholder"),
                "{id}: {warnings:?}"
            );
            let runs = Checker::new(&rules).run_examples();
            assert!(runs.len() >= 10);
            let failures: Vec<_> = runs.iter().filter_map(|r| r.failure.as_ref()).collect();
            assert!(failures.is_empty(), "{id}: {failures:#?}");
        }
    }

    #[test]
    fn the_configs_are_yaml_with_rules_only_for_a_subject() {
        let with: serde_yaml::Value = serde_yaml::from_str(CONFIG_WITH_RULES).unwrap();
        assert_eq!(with["rules"][0].as_str(), Some("rules/"));
        // Comments only: an empty configuration, so the bundled rules apply.
        let without: Option<serde_yaml::Value> = serde_yaml::from_str(CONFIG).ok();
        assert!(
            without.as_ref().is_none_or(serde_yaml::Value::is_null),
            "{without:?}"
        );
        // The commented-out line, uncommented, is the other configuration's.
        let uncommented: serde_yaml::Value =
            serde_yaml::from_str(&CONFIG.replace("# rules:", "rules:")).unwrap();
        assert_eq!(uncommented["rules"], with["rules"]);
    }

    #[test]
    fn ids_are_checked() {
        assert!(valid_id("city-budget"));
        assert!(!valid_id("City"));
        assert!(!valid_id("2025-budget"));
        assert!(!valid_id("a/b"));
    }
}
