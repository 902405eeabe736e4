//! The rules in force and checking a draft with them. The rules are fixed
//! at start, found as `check` finds them (`--rules`, else the nearest
//! `.factlint.yaml` with its severities, else the bundled rules), and loaded
//! again when their files change, as the language server does. No request
//! can name a rule file or a draft on disk: a draft is only ever the text of
//! the request, and a `path` in it is a name.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use crate::config::{self, Overrides, ResolveError, Resolved};
use crate::diagnostic::{Diagnostic, FileReport};
use crate::rules::RuleError;
use crate::source::Markup;

/// How often the rule files are looked at for changes.
const WATCH_INTERVAL: Duration = Duration::from_millis(500);

/// The rules in force, and how to find them again.
pub struct Engine {
    current: RwLock<Arc<Loaded>>,
    overrides: Overrides,
    cwd: PathBuf,
}

/// One load of the configuration and rules.
pub(crate) struct Loaded {
    pub(crate) resolved: Arc<Resolved>,
    /// Counts loads that succeeded, from 1.
    pub(crate) generation: u64,
    /// The problems of the last failed reload, when the rules in force are
    /// older than the files.
    pub(crate) reload_errors: Vec<String>,
    stamp: Vec<Stamp>,
}

/// A file the rules came from, as it was when loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    seen: Option<(SystemTime, u64)>,
}

impl Engine {
    /// Loads the rules, or says in the `check` command's words what is wrong.
    pub fn start(rules: &[PathBuf], config: Option<&Path>) -> Result<Engine, String> {
        let cwd = std::env::current_dir()
            .map_err(|e| format!("error: cannot read the current folder: {e}"))?;
        let overrides = Overrides {
            config: config.map(Path::to_owned),
            rules: rules.to_vec(),
            fail_on: None,
        };
        let resolved = config::resolve(&cwd, &overrides).map_err(|e| describe(&e).join("\n"))?;
        let stamp = stamp(&resolved, &overrides, &cwd);
        Ok(Engine {
            current: RwLock::new(Arc::new(Loaded {
                resolved: Arc::new(resolved),
                generation: 1,
                reload_errors: Vec::new(),
                stamp,
            })),
            overrides,
            cwd,
        })
    }

    /// The rules in force now; a check keeps the ones it started with.
    pub(crate) fn current(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub(crate) fn rule_count(&self) -> usize {
        let loaded = self.current();
        loaded
            .resolved
            .rules
            .subjects
            .iter()
            .map(|s| s.facts.len())
            .sum()
    }

    /// Loads the rules again if their files changed since the last look.
    /// On errors the rules in force stay, and the errors are kept to show.
    pub(crate) fn reload_if_changed(&self) -> bool {
        let old = self.current();
        let now = stamp(&old.resolved, &self.overrides, &self.cwd);
        if now == old.stamp {
            return false;
        }
        let next = match config::resolve(&self.cwd, &self.overrides) {
            Ok(resolved) => {
                let stamp = stamp(&resolved, &self.overrides, &self.cwd);
                eprintln!(
                    "factlint serve: rule files changed; loaded them again (generation {})",
                    old.generation + 1
                );
                Loaded {
                    resolved: Arc::new(resolved),
                    generation: old.generation + 1,
                    reload_errors: Vec::new(),
                    stamp,
                }
            }
            Err(e) => {
                let errors = describe(&e);
                eprintln!(
                    "factlint serve: rule files changed but do not load; the last good rules \
                     stay in force:\n{}",
                    errors.join("\n")
                );
                // The stamp moves on, so that the same broken files are
                // reported once.
                Loaded {
                    resolved: Arc::clone(&old.resolved),
                    generation: old.generation,
                    reload_errors: errors,
                    stamp: now,
                }
            }
        };
        self.replace(next);
        true
    }

    fn replace(&self, next: Loaded) {
        match self.current.write() {
            Ok(mut guard) => *guard = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
    }
}

/// Starts the task that looks at the rule files every half second and
/// loads them again when they change.
pub(crate) fn watch(state: super::State) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(WATCH_INTERVAL).await;
            let state = Arc::clone(&state);
            let _ = tokio::task::spawn_blocking(move || state.engine.reload_if_changed()).await;
        }
    });
}

/// The errors of a failed load, one string each, as `check` words them.
fn describe(error: &ResolveError) -> Vec<String> {
    let (what, errors): (&str, &[RuleError]) = match error {
        ResolveError::Config(errors) => ("configuration", errors),
        ResolveError::Rules(errors) => ("rule file", errors),
    };
    errors
        .iter()
        .filter(|e| e.is_error())
        .map(|e| format!("error: {what}: {e}"))
        .collect()
}

/// The files a load depends on: the configuration file (or where one would
/// be found), each rule file, and the YAML files of each rule folder.
fn stamp(resolved: &Resolved, overrides: &Overrides, cwd: &Path) -> Vec<Stamp> {
    let mut paths: Vec<PathBuf> = Vec::new();
    // The configuration's severities apply to `--rules` too, so it is
    // watched either way.
    match &overrides.config {
        Some(path) => paths.push(config::absolute(cwd, path)),
        None => paths.extend(config::find(cwd)),
    }
    for path in &resolved.rule_paths.value {
        let path = config::absolute(cwd, path);
        if path.is_dir() {
            let mut yaml: Vec<PathBuf> = std::fs::read_dir(&path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            yaml.sort();
            paths.push(path);
            paths.extend(yaml);
        } else {
            paths.push(path);
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let seen = std::fs::metadata(&path)
                .ok()
                .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
            Stamp { path, seen }
        })
        .collect()
}

/// A draft to check: its text, how to read it, and the name it goes by.
pub(crate) struct Draft {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) markup: Markup,
}

/// Checks a draft with the given rules as `check` does: the same reader,
/// severities and suppressions. A panic in the checker is an error for this
/// draft, not the end of the server.
pub(crate) fn check(loaded: &Loaded, draft: Draft) -> Result<FileReport, String> {
    let diagnostics =
        crate::check::check_isolated(&loaded.resolved.rules, &draft.text, draft.markup)?;
    Ok(FileReport {
        path: draft.name,
        source: draft.text,
        diagnostics,
    })
}

/// The fact a rule checks, for descriptions.
pub(crate) fn claim<'a>(loaded: &'a Loaded, d: &Diagnostic) -> Option<&'a str> {
    loaded
        .resolved
        .rules
        .fact(&d.rule)
        .map(|(_, fact)| fact.claim.as_str())
}
