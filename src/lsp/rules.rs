//! Which rules the server checks with, loading them, and their errors as
//! diagnostics on the YAML.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic, DiagnosticSeverity, Location, Position, Range, Url};
use serde_json::Value;

use crate::rules::{RuleError, RuleSet, DEFAULT_RULES, DEFAULT_RULES_NAME};

use super::convert::Text;

/// Where the rules come from: absolute paths of rule files and folders, a
/// project's `.factlint.yaml`, or neither for the embedded default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Config {
    pub(super) paths: Vec<PathBuf>,
    /// The project configuration that names the rules (and their severities),
    /// found from the workspace root as `check` finds it from its folder.
    pub(super) project: Option<PathBuf>,
}

/// Decides the rule paths as `check` does: paths given on the command line
/// (relative to the working directory), else `initializationOptions.rules`
/// (relative to the workspace root), else the project's `.factlint.yaml`
/// found from the workspace root, else the embedded rules.
pub(super) fn configure(
    root: Option<&Path>,
    command_line: &[PathBuf],
    init_options: Option<&Value>,
) -> Config {
    let cwd = std::env::current_dir().ok();
    if !command_line.is_empty() {
        return Config {
            paths: command_line
                .iter()
                .map(|p| absolute(cwd.as_deref(), p))
                .collect(),
            project: None,
        };
    }
    let from_options: Vec<PathBuf> = match init_options.and_then(|o| o.get("rules")) {
        Some(Value::String(one)) => vec![PathBuf::from(one)],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(Value::as_str)
            .map(PathBuf::from)
            .collect(),
        _ => Vec::new(),
    };
    let base = root.or(cwd.as_deref());
    let project = if from_options.is_empty() {
        base.and_then(crate::config::find)
    } else {
        None
    };
    Config {
        paths: from_options.iter().map(|p| absolute(base, p)).collect(),
        project,
    }
}

fn absolute(base: Option<&Path>, path: &Path) -> PathBuf {
    match base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path.to_owned(),
    }
}

impl Config {
    /// Whether a changed file is one of the rule files in force, or a YAML
    /// file in a rule folder (where a new file joins the rules).
    pub(super) fn covers(&self, path: &Path) -> bool {
        let path = canonical(path);
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        // The configuration may name rule files anywhere in the project, and
        // may change which: any YAML file under it may be one.
        if let Some(project) = &self.project {
            let folder = project.parent().map(canonical);
            if is_yaml && folder.is_some_and(|f| path.starts_with(f)) {
                return true;
            }
        }
        self.paths
            .iter()
            .map(|p| canonical(p))
            .any(|p| p == path || (is_yaml && path.parent() == Some(p.as_path()) && p.is_dir()))
    }

    /// Glob patterns for the client to watch.
    pub(super) fn watch_patterns(&self) -> Vec<String> {
        let project = self
            .project
            .iter()
            .filter_map(|p| p.parent())
            .map(|folder| format!("{}/**/*.{{yaml,yml}}", folder.display()));
        self.paths
            .iter()
            .map(|p| {
                if p.is_dir() {
                    format!("{}/*.{{yaml,yml}}", p.display())
                } else {
                    p.display().to_string()
                }
            })
            .chain(project)
            .collect()
    }
}

/// A path with symlinks resolved where it exists, so that the client's and
/// the command line's spellings of one file compare equal; a deleted file
/// keeps its resolved folder.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map_or_else(|_| path.to_owned(), |p| p.join(name)),
        _ => path.to_owned(),
    }
}

/// A rule set in force, with where each subject's file is on disk.
pub(super) struct Loaded {
    pub(super) set: RuleSet,
    /// Subject path as the rule set shows it → its file's URI.
    files: HashMap<String, Url>,
}

impl Loaded {
    /// No rules at all: what is in force when the first load fails.
    pub(super) fn empty() -> Loaded {
        Loaded {
            set: RuleSet::empty(),
            files: HashMap::new(),
        }
    }

    /// Where a rule's fact is defined, and its claim.
    pub(super) fn fact_location(&self, rule: &str) -> Option<(Location, &str)> {
        let (subject, fact) = self.set.fact(rule)?;
        let uri = self.files.get(&subject.path)?;
        let line = u32::try_from(fact.line.saturating_sub(1)).unwrap_or(0);
        let at = Position::new(line, 0);
        Some((Location::new(uri.clone(), Range::new(at, at)), &fact.claim))
    }
}

/// Loads the rules of a config. The embedded rules have no file of their
/// own; when the workspace holds an identical copy at their usual path (as
/// factlint's own repository does), related information points there.
pub(super) fn load(config: &Config, root: Option<&Path>) -> Result<Loaded, Vec<RuleError>> {
    if let Some(project) = config.project.as_deref() {
        let overrides = crate::config::Overrides {
            config: Some(project.to_owned()),
            ..Default::default()
        };
        let folder = project.parent().unwrap_or(Path::new("."));
        let resolved = crate::config::resolve(folder, &overrides).map_err(|e| match e {
            crate::config::ResolveError::Config(errors)
            | crate::config::ResolveError::Rules(errors) => errors,
        })?;
        let files = files_of(&resolved.rules, root);
        return Ok(Loaded {
            set: resolved.rules,
            files,
        });
    }
    // Paths from the command line or the client, else the bundled rules:
    // loaded as every command loads its rules.
    let choice = crate::config::RuleChoice {
        file: None,
        paths: crate::config::Setting {
            value: config.paths.clone(),
            origin: crate::config::Origin::CommandLine,
        },
    };
    let set = choice.load()?;
    if config.paths.is_empty() {
        let mut files = HashMap::new();
        if let Some(root) = root {
            let copy = root.join(DEFAULT_RULES_NAME);
            let same = crate::source::walk::read_capped(
                &copy,
                crate::source::walk::MAX_RULE_FILE_BYTES,
                "a rule file",
            )
            .is_ok_and(|bytes| bytes == DEFAULT_RULES.as_bytes());
            if let (true, Ok(uri)) = (same, Url::from_file_path(&copy)) {
                files.insert(DEFAULT_RULES_NAME.to_owned(), uri);
            }
        }
        return Ok(Loaded { set, files });
    }
    let files = files_of(&set, root);
    Ok(Loaded { set, files })
}

/// Each subject's file as a URI; the embedded rules have one only where the
/// workspace holds an identical copy at their usual path.
fn files_of(set: &RuleSet, root: Option<&Path>) -> HashMap<String, Url> {
    set.subjects
        .iter()
        .filter_map(|s| {
            let path = if s.path == DEFAULT_RULES_NAME {
                let copy = root?.join(DEFAULT_RULES_NAME);
                let same = crate::source::walk::read_capped(
                    &copy,
                    crate::source::walk::MAX_RULE_FILE_BYTES,
                    "a rule file",
                )
                .is_ok_and(|bytes| bytes == DEFAULT_RULES.as_bytes());
                same.then_some(copy)?
            } else {
                PathBuf::from(&s.path)
            };
            let uri = Url::from_file_path(&path).ok()?;
            Some((s.path.clone(), uri))
        })
        .collect()
}

/// Rule errors as diagnostics, grouped by the file they are in.
pub(super) fn error_diagnostics(errors: &[RuleError]) -> BTreeMap<Url, Vec<Diagnostic>> {
    let mut out: BTreeMap<Url, Vec<Diagnostic>> = BTreeMap::new();
    for e in errors {
        let Ok(uri) = Url::from_file_path(Path::new(&e.path)) else {
            continue;
        };
        let range = Text::new(&e.source).range(&e.span);
        out.entry(uri).or_default().push(Diagnostic {
            range,
            severity: Some(if e.is_error() {
                DiagnosticSeverity::ERROR
            } else {
                DiagnosticSeverity::WARNING
            }),
            code: None,
            code_description: None,
            source: Some("factlint".to_owned()),
            message: {
                let prefix = if e.is_error() {
                    "invalid rule file: "
                } else {
                    ""
                };
                match &e.help {
                    Some(help) => format!("{prefix}{} ({help})", e.message),
                    None => format!("{prefix}{}", e.message),
                }
            },
            related_information: None,
            tags: None,
            data: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_paths_win_over_init_options() {
        let root = Path::new("/ws");
        let options = serde_json::json!({ "rules": ["rules/a.yaml", "/abs/b.yaml", 3] });
        let config = configure(Some(root), &[], Some(&options));
        assert_eq!(
            config.paths,
            vec![
                PathBuf::from("/ws/rules/a.yaml"),
                PathBuf::from("/abs/b.yaml")
            ]
        );
        let config = configure(Some(root), &[PathBuf::from("/cli.yaml")], Some(&options));
        assert_eq!(config.paths, vec![PathBuf::from("/cli.yaml")]);
        let one = serde_json::json!({ "rules": "x.yaml" });
        assert_eq!(
            configure(Some(root), &[], Some(&one)).paths,
            vec![PathBuf::from("/ws/x.yaml")]
        );
        assert!(configure(Some(root), &[], Some(&serde_json::json!(null)))
            .paths
            .is_empty());
    }

    #[test]
    fn a_folder_covers_its_yaml_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "x")?;
        let config = Config {
            paths: vec![dir.path().to_owned()],
            project: None,
        };
        assert!(config.covers(&file));
        assert!(config.covers(&dir.path().join("new.yml")));
        assert!(!config.covers(&dir.path().join("notes.md")));
        let single = Config {
            paths: vec![file.clone()],
            project: None,
        };
        assert!(single.covers(&file));
        assert!(!single.covers(&dir.path().join("b.yaml")));
        Ok(())
    }
}
