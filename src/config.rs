//! Project configuration: `.factlint.yaml`, found in the current folder or
//! the nearest parent that has one (as ruff and Vale find theirs), or named
//! with `--config`. Command-line settings win over the file's.
//!
//! [`resolve`] is the one entry point: configuration, rules and overrides in,
//! everything a check needs out. The command line and the language server
//! both call it, so they cannot disagree on what a project's settings mean.
//!
//! ```yaml
//! rules: [facts/bridge.yaml]          # relative to this file; default: the bundled rules
//! include: ["drafts/**"]              # check only these (default: everything)
//! exclude: ["drafts/archive"]         # never these
//! severity:
//!   harbor-bridge/cost: warning       # both kinds of finding
//!   harbor-bridge/opening-year:
//!     unstated: off                   # or one kind
//! readers:
//!   "*.mdx": markdown                 # text | markdown | html
//! fail-on: warning                    # error | warning | info
//! ```

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{read_sources, RuleError, RuleSet, DEFAULT_RULES, DEFAULT_RULES_NAME};
use crate::source::Markup;

/// The file name searched for.
pub const FILE_NAME: &str = ".factlint.yaml";

/// Settings given on the command line. Each one that is set replaces the
/// configuration file's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config`: use this file instead of searching for one.
    pub config: Option<PathBuf>,
    /// `--rules`, relative to the current folder; empty when not given.
    pub rules: Vec<PathBuf>,
    /// `--deny` as a level.
    pub fail_on: Option<Severity>,
}

/// Where a setting's value came from, for `factlint config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// A severity override: `None` in a field leaves that kind as the rule file
/// has it; `Some(None)` turns it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeverityOverride {
    pub contradiction: Option<Option<Severity>>,
    pub unstated: Option<Option<Severity>>,
}

/// Everything a check needs, resolved.
#[derive(Debug)]
pub struct Resolved {
    /// The configuration file used, if any.
    pub file: Option<PathBuf>,
    /// The folder that `include`, `exclude` and `readers` globs are
    /// relative to: the configuration file's, else the current folder.
    pub root: PathBuf,
    /// The rules, with severity overrides applied.
    pub rules: RuleSet,
    /// Rule files and folders; empty for the bundled rules.
    pub rule_paths: Setting<Vec<PathBuf>>,
    pub include: Setting<Vec<String>>,
    pub exclude: Setting<Vec<String>>,
    pub severity: Setting<Vec<(String, SeverityOverride)>>,
    pub readers: Setting<Vec<(String, Markup)>>,
    pub fail_on: Setting<Severity>,
    include_set: Option<GlobSet>,
    exclude_set: GlobSet,
    reader_globs: Vec<(GlobSet, Markup)>,
    cwd: PathBuf,
}

/// Why resolution failed: a configuration file or a rule file is wrong.
/// Each error carries its file's text and the span to show.
#[derive(Debug)]
pub enum ResolveError {
    Config(Vec<RuleError>),
    Rules(Vec<RuleError>),
}

/// The rule files a project uses, and why: the one decision every command
/// makes the same way. `--rules` wins; else the `rules` of the
/// configuration file; else the bundled rules (an empty list).
#[derive(Debug, Clone)]
pub struct RuleChoice {
    /// The configuration file read, if any.
    pub file: Option<PathBuf>,
    /// Rule files and folders; empty for the bundled rules.
    pub paths: Setting<Vec<PathBuf>>,
}

impl RuleChoice {
    /// The chosen rule files' (display path, text) pairs, with an error for
    /// each that cannot be read; the bundled file when none is chosen.
    pub fn sources(&self) -> (Vec<(String, String)>, Vec<RuleError>) {
        if self.paths.value.is_empty() {
            (
                vec![(DEFAULT_RULES_NAME.to_owned(), DEFAULT_RULES.to_owned())],
                Vec::new(),
            )
        } else {
            read_sources(&self.paths.value)
        }
    }

    /// The chosen rules, loaded (without the configuration's severity
    /// levels, which [`resolve`] applies).
    pub fn load(&self) -> Result<RuleSet, Vec<RuleError>> {
        if self.paths.value.is_empty() {
            RuleSet::bundled()
        } else {
            RuleSet::load(&self.paths.value)
        }
    }
}

/// Which rules a project uses: reads the configuration as [`resolve`] does
/// (a broken one is an error) but loads no rules.
pub fn choose_rules(cwd: &Path, overrides: &Overrides) -> Result<RuleChoice, ResolveError> {
    let prepared = prepare(cwd, overrides)?;
    Ok(RuleChoice {
        file: prepared.file,
        paths: prepared.rule_paths,
    })
}

/// A configuration read and checked, before any rule is loaded.
struct Prepared {
    file: Option<PathBuf>,
    spec: ConfigSpec,
    text: String,
    root: PathBuf,
    include_set: Option<GlobSet>,
    exclude_set: GlobSet,
    reader_globs: Vec<(GlobSet, Markup)>,
    rule_paths: Setting<Vec<PathBuf>>,
}

impl Prepared {
    fn display(&self) -> String {
        self.file
            .as_ref()
            .map_or_else(String::new, |p| p.display().to_string())
    }

    fn origin_if(&self, present: bool) -> Origin {
        match (&self.file, present) {
            (Some(path), true) => Origin::File(path.clone()),
            _ => Origin::Default,
        }
    }
}

fn located(display: &str, text: &str, section: &str, needle: &str, message: String) -> RuleError {
    RuleError {
        path: display.to_owned(),
        source: text.to_owned(),
        span: locate(text, section, needle),
        message,
        help: None,
        severity: Severity::Error,
    }
}

/// Finds and reads the configuration (unless `overrides.config` names one),
/// checks its globs and decides which rules apply.
fn prepare(cwd: &Path, overrides: &Overrides) -> Result<Prepared, ResolveError> {
    let file = match &overrides.config {
        Some(path) => Some(absolute(cwd, path)),
        None => find(cwd),
    };
    let (spec, text) = match &file {
        Some(path) => {
            let text = crate::source::walk::read_capped(
                path,
                crate::source::walk::MAX_CONFIG_BYTES,
                "a configuration file",
            )
            .map_err(|e| e.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
            .map_err(|e| {
                ResolveError::Config(vec![plain(
                    path,
                    &format!("cannot read configuration file: {e}"),
                )])
            })?;
            let spec = parse(path, &text).map_err(|e| ResolveError::Config(vec![e]))?;
            (spec, text)
        }
        None => (ConfigSpec::default(), String::new()),
    };
    let root = file
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| cwd.to_owned(), Path::to_owned);
    let display = file
        .as_ref()
        .map_or_else(String::new, |p| p.display().to_string());
    let located = |section: &str, needle: &str, message: String| {
        located(&display, &text, section, needle, message)
    };

    let mut errors = Vec::new();
    let include_set = spec
        .include
        .as_ref()
        .map(|globs| glob_set(globs, "include", &located, &mut errors));
    let exclude_set = glob_set(
        spec.exclude.as_deref().unwrap_or_default(),
        "exclude",
        &located,
        &mut errors,
    );
    let mut reader_globs = Vec::new();
    for (glob, reader) in spec.readers.iter().flat_map(|r| &r.0) {
        let set = glob_set(std::slice::from_ref(glob), "readers", &located, &mut errors);
        reader_globs.push((set, reader.markup()));
    }

    let rule_paths = if !overrides.rules.is_empty() {
        Setting {
            value: overrides.rules.clone(),
            origin: Origin::CommandLine,
        }
    } else if let Some(paths) = &spec.rules {
        let mut resolved = Vec::new();
        for p in paths {
            let full = root.join(p);
            match std::fs::metadata(&full) {
                Ok(_) => resolved.push(full),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let message = if full.symlink_metadata().is_ok() {
                        format!(
                            "rule path `{p}` is a symbolic link to a file that does not exist (looked for {})",
                            full.display()
                        )
                    } else {
                        format!(
                            "rule path `{p}` does not exist (looked for {})",
                            full.display()
                        )
                    };
                    errors.push(located("rules", p, message));
                }
                // a link loop, a folder that cannot be entered: said as it is
                Err(e) => errors.push(located(
                    "rules",
                    p,
                    format!(
                        "rule path `{p}` cannot be read: {} (looked for {})",
                        crate::source::walk::io_message(&e),
                        full.display()
                    ),
                )),
            }
        }
        Setting {
            value: resolved,
            origin: match &file {
                Some(path) => Origin::File(path.clone()),
                None => Origin::Default,
            },
        }
    } else {
        Setting {
            value: Vec::new(),
            origin: Origin::Default,
        }
    };
    if !errors.is_empty() {
        return Err(ResolveError::Config(errors));
    }
    Ok(Prepared {
        file,
        spec,
        text,
        root,
        include_set,
        exclude_set,
        reader_globs,
        rule_paths,
    })
}

/// Finds and reads the configuration (unless `overrides.config` names one),
/// loads the rules it or the command line names, and applies overrides.
/// `cwd` is the folder relative paths on the command line start from.
pub fn resolve(cwd: &Path, overrides: &Overrides) -> Result<Resolved, ResolveError> {
    let prepared = prepare(cwd, overrides)?;
    let display = prepared.display();
    let from_file = |present: bool| prepared.origin_if(present);
    let choice = RuleChoice {
        file: prepared.file.clone(),
        paths: prepared.rule_paths.clone(),
    };
    let mut rules = choice.load().map_err(ResolveError::Rules)?;
    let Prepared { spec, text, .. } = &prepared;
    let located = |section: &str, needle: &str, message: String| {
        located(&display, text, section, needle, message)
    };
    let mut errors = Vec::new();

    let severity: Vec<(String, SeverityOverride)> = spec
        .severity
        .as_ref()
        .map(|s| s.0.iter().map(|(k, v)| (k.clone(), v.0)).collect())
        .unwrap_or_default();
    for (rule, change) in &severity {
        let fact = rules
            .subjects
            .iter_mut()
            .flat_map(|s| s.facts.iter_mut())
            .find(|f| &f.rule == rule);
        match fact {
            Some(fact) => {
                if let Some(level) = change.contradiction {
                    fact.contradiction = level;
                }
                if let Some(level) = change.unstated {
                    fact.unstated = level;
                }
            }
            None => errors.push(located(
                "severity",
                rule,
                format!("no rule `{rule}` in the loaded rules (rule ids are `<subject>/<fact>`)"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ResolveError::Config(errors));
    }

    let fail_on = match (overrides.fail_on, spec.fail_on) {
        (Some(level), _) => Setting {
            value: level,
            origin: Origin::CommandLine,
        },
        (None, Some(level)) => Setting {
            value: level.severity(),
            origin: from_file(true),
        },
        (None, None) => Setting {
            value: Severity::Error,
            origin: Origin::Default,
        },
    };
    let include = Setting {
        value: spec.include.clone().unwrap_or_default(),
        origin: from_file(spec.include.is_some()),
    };
    let exclude = Setting {
        value: spec.exclude.clone().unwrap_or_default(),
        origin: from_file(spec.exclude.is_some()),
    };
    let severity = Setting {
        value: severity,
        origin: from_file(spec.severity.is_some()),
    };
    let readers = Setting {
        value: spec
            .readers
            .as_ref()
            .map(|r| r.0.iter().map(|(g, m)| (g.clone(), m.markup())).collect())
            .unwrap_or_default(),
        origin: from_file(spec.readers.is_some()),
    };
    let Prepared {
        file,
        root,
        include_set,
        exclude_set,
        reader_globs,
        rule_paths,
        ..
    } = prepared;
    Ok(Resolved {
        root,
        rules,
        rule_paths,
        include,
        exclude,
        severity,
        readers,
        fail_on,
        include_set,
        exclude_set,
        reader_globs,
        cwd: cwd.to_owned(),
        file,
    })
}

impl Resolved {
    /// Whether `include` and `exclude` let a file be checked. A glob
    /// without `/` matches a file or folder name anywhere; one with `/`
    /// matches a path from the root. A file inside a matching folder matches.
    pub fn selects(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let ancestors: Vec<&str> = prefixes(&relative).collect();
        if ancestors.iter().any(|p| self.exclude_set.is_match(p)) {
            return false;
        }
        match &self.include_set {
            None => true,
            Some(set) => ancestors.iter().any(|p| set.is_match(p)),
        }
    }

    /// The reader for a file: the first `readers` glob that matches, else
    /// the one its extension implies.
    pub fn markup_for(&self, path: &Path) -> Option<Markup> {
        let relative = self.relative(path);
        self.reader_globs
            .iter()
            .find(|(set, _)| set.is_match(&relative))
            .map(|(_, markup)| *markup)
            .or_else(|| Markup::from_path(path))
    }

    /// The path from the root, with forward slashes, or the path as given
    /// when it lies outside the root.
    fn relative(&self, path: &Path) -> String {
        let full = absolute(&self.cwd, path);
        let shown = full.strip_prefix(&self.root).unwrap_or(path);
        let text = shown.to_string_lossy().replace('\\', "/");
        text.trim_start_matches("./").to_owned()
    }

    /// The resolved configuration as YAML, each setting followed by where
    /// its value came from. The output is itself a valid configuration.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        match &self.file {
            Some(path) => {
                let _ = writeln!(out, "# configuration file: {}", path.display());
            }
            None => {
                let _ = writeln!(out, "# no configuration file ({FILE_NAME} not found)");
            }
        }
        let from = |origin: &Origin| format!("  # {origin}");
        if self.rule_paths.value.is_empty() {
            let _ = writeln!(
                out,
                "rules: []{}, the bundled rules ({DEFAULT_RULES_NAME})",
                from(&self.rule_paths.origin)
            );
        } else {
            let _ = writeln!(out, "rules:{}", from(&self.rule_paths.origin));
            for path in &self.rule_paths.value {
                let _ = writeln!(out, "  - {}", quote(&path.display().to_string()));
            }
        }
        for (key, setting) in [("include", &self.include), ("exclude", &self.exclude)] {
            list(&mut out, key, &setting.value, &from(&setting.origin));
        }
        if self.severity.value.is_empty() {
            let _ = writeln!(out, "severity: {{}}{}", from(&self.severity.origin));
        } else {
            let _ = writeln!(out, "severity:{}", from(&self.severity.origin));
            for (rule, change) in &self.severity.value {
                let mut kinds = Vec::new();
                for (kind, level) in [
                    ("contradiction", change.contradiction),
                    ("unstated", change.unstated),
                ] {
                    if let Some(level) = level {
                        kinds.push(format!("{kind}: {}", level_name(level)));
                    }
                }
                let _ = writeln!(out, "  {}: {{{}}}", quote(rule), kinds.join(", "));
            }
        }
        if self.readers.value.is_empty() {
            let _ = writeln!(out, "readers: {{}}{}", from(&self.readers.origin));
        } else {
            let _ = writeln!(out, "readers:{}", from(&self.readers.origin));
            for (glob, markup) in &self.readers.value {
                let _ = writeln!(out, "  {}: {}", quote(glob), markup_name(*markup));
            }
        }
        let _ = writeln!(
            out,
            "fail-on: {}{}",
            self.fail_on.value,
            from(&self.fail_on.origin)
        );
        out
    }
}

fn list(out: &mut String, key: &str, values: &[String], comment: &str) {
    if values.is_empty() {
        let _ = writeln!(out, "{key}: []{comment}");
        return;
    }
    let _ = writeln!(out, "{key}:{comment}");
    for value in values {
        let _ = writeln!(out, "  - {}", quote(value));
    }
}

/// A YAML scalar, double-quoted (JSON string syntax is valid YAML).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn level_name(level: Option<Severity>) -> &'static str {
    level.map_or("off", Severity::as_str)
}

fn markup_name(markup: Markup) -> &'static str {
    match markup {
        Markup::Text => "text",
        Markup::Markdown => "markdown",
        Markup::Html => "html",
    }
}

/// `a/b/c.md`, then `a/b`, then `a`.
fn prefixes(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(path), |p| p.rfind('/').map(|i| &p[..i])).filter(|p| !p.is_empty())
}

/// The nearest `.factlint.yaml` at or above `cwd`.
/// The nearest `.factlint.yaml` in `cwd` or a folder above it.
pub fn find(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        // Anything of that name counts, so that a folder, a dangling link
        // or a link loop there is reported, not passed over for the
        // bundled rules.
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by name
/// (no symbolic links are followed, so the result is predictable).
pub(crate) fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn plain(path: &Path, message: &str) -> RuleError {
    RuleError {
        path: path.display().to_string(),
        source: String::new(),
        span: 0..0,
        message: message.to_owned(),
        help: None,
        severity: Severity::Error,
    }
}

fn glob_set(
    globs: &[String],
    section: &str,
    located: &dyn Fn(&str, &str, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        match compile(glob) {
            Ok(compiled) => {
                builder.add(compiled);
            }
            Err(e) => errors.push(located(
                section,
                glob,
                format!("invalid glob `{glob}`: {}", e.kind()),
            )),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// A glob as gitignore reads one: without `/` it matches a name at any
/// depth; with one, a path from the root (a leading `/` only anchors).
fn compile(glob: &str) -> Result<Glob, globset::Error> {
    let pattern = match glob.strip_prefix('/') {
        Some(anchored) => anchored.to_owned(),
        None if !glob.contains('/') => format!("**/{glob}"),
        None => glob.to_owned(),
    };
    GlobBuilder::new(&pattern).literal_separator(true).build()
}

/// The span to show for a value: `needle` at its first place after the
/// line that starts `section:`, else that line's key. serde_yaml gives no
/// positions for values it has read, only for those it rejects.
fn locate(text: &str, section: &str, needle: &str) -> Range<usize> {
    let key = format!("{section}:");
    let start = text
        .match_indices(&key)
        .find(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| i);
    match start {
        Some(at) => match text[at..].find(needle).filter(|_| !needle.is_empty()) {
            Some(offset) => at + offset..at + offset + needle.len(),
            None => at..at + section.len(),
        },
        None => 0..0,
    }
}

fn parse(path: &Path, text: &str) -> Result<ConfigSpec, RuleError> {
    // A file of comments only is an empty configuration, not an error.
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(ConfigSpec::default());
    }
    serde_yaml::from_str(text).map_err(|e| {
        let start = e.location().map_or(0, |l| l.index().min(text.len()));
        let end = text[start..]
            .find(['\n', ':'])
            .map_or(text.len(), |i| start + i)
            .max(start);
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_owned(),
            None => message,
        };
        RuleError {
            path: path.display().to_string(),
            source: text.to_owned(),
            span: start..end,
            message,
            help: None,
            severity: Severity::Error,
        }
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigSpec {
    rules: Option<Vec<String>>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    severity: Option<Ordered<SeverityEntry>>,
    readers: Option<Ordered<ReaderSpec>>,
    fail_on: Option<FailOn>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ReaderSpec {
    Text,
    Markdown,
    Html,
}

impl ReaderSpec {
    fn markup(self) -> Markup {
        match self {
            ReaderSpec::Text => Markup::Text,
            ReaderSpec::Markdown => Markup::Markdown,
            ReaderSpec::Html => Markup::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// A mapping kept in file order: the first matching `readers` glob wins.
#[derive(Debug, Default)]
struct Ordered<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// `rule: level` for both kinds, or `rule: {contradiction: …, unstated: …}`.
#[derive(Debug)]
struct SeverityEntry(SeverityOverride);

impl<'de> Deserialize<'de> for SeverityEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        const KINDS: &[&str] = &["contradiction", "unstated"];
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = SeverityEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a level (error, warning, info, off) or a mapping of `contradiction` and `unstated` to levels",
                )
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                let level = Level::deserialize(de::value::StrDeserializer::<E>::new(value))?;
                Ok(SeverityEntry(SeverityOverride {
                    contradiction: Some(level.severity()),
                    unstated: Some(level.severity()),
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut change = SeverityOverride::default();
                while let Some(kind) = map.next_key::<String>()? {
                    let level: Level = map.next_value()?;
                    match kind.as_str() {
                        "contradiction" => change.contradiction = Some(level.severity()),
                        "unstated" => change.unstated = Some(level.severity()),
                        other => return Err(de::Error::unknown_field(other, KINDS)),
                    }
                }
                Ok(SeverityEntry(change))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project folder with a configuration and the given files.
    fn project(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), config).unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn config_errors(config: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
        let dir = project(config, files);
        match resolve(dir.path(), &Overrides::default()) {
            Err(ResolveError::Config(errors)) => errors
                .into_iter()
                .map(|e| (e.source[e.span.clone()].to_owned(), e.message))
                .collect(),
            Err(ResolveError::Rules(errors)) => panic!("rule errors: {errors:?}"),
            Ok(_) => panic!("no error"),
        }
    }

    const BRIDGE: &str = include_str!("../examples/bridge/harbor-bridge.yaml");

    #[test]
    fn no_configuration_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let resolved = resolve(dir.path(), &Overrides::default()).unwrap();
        assert_eq!(resolved.file, None);
        assert_eq!(resolved.rules.subjects[0].id, "ru-ir-treaty");
        assert_eq!(resolved.fail_on.value, Severity::Error);
        assert_eq!(resolved.fail_on.origin, Origin::Default);
        assert!(resolved.selects(Path::new("anything.md")));
    }

    #[test]
    fn found_in_a_parent_folder_with_paths_relative_to_it() {
        let dir = project(
            "rules: [facts/bridge.yaml]\nfail-on: warning\n",
            &[("facts/bridge.yaml", BRIDGE), ("drafts/deep/a.md", "")],
        );
        let cwd = dir.path().join("drafts/deep");
        let resolved = resolve(&cwd, &Overrides::default()).unwrap();
        assert_eq!(resolved.file, Some(dir.path().join(FILE_NAME)));
        assert_eq!(resolved.rules.subjects[0].id, "harbor-bridge");
        assert_eq!(
            resolved.rule_paths.value,
            [dir.path().join("facts/bridge.yaml")]
        );
        assert_eq!(resolved.fail_on.value, Severity::Warning);
        assert_eq!(
            resolved.fail_on.origin,
            Origin::File(dir.path().join(FILE_NAME))
        );
    }

    #[test]
    fn the_command_line_wins() {
        let dir = project(
            "rules: [facts/bridge.yaml]\nfail-on: warning\n",
            &[("facts/bridge.yaml", BRIDGE)],
        );
        let overrides = Overrides {
            config: None,
            rules: vec![PathBuf::from("rules/ru-ir-treaty.yaml")],
            fail_on: Some(Severity::Info),
        };
        let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
        let other = Overrides {
            config: Some(dir.path().join(FILE_NAME)),
            ..overrides
        };
        let resolved = resolve(cwd, &other).unwrap();
        assert_eq!(resolved.rules.subjects[0].id, "ru-ir-treaty");
        assert_eq!(resolved.rule_paths.origin, Origin::CommandLine);
        assert_eq!(resolved.fail_on.value, Severity::Info);
        assert_eq!(resolved.fail_on.origin, Origin::CommandLine);
    }

    #[test]
    fn severity_overrides_change_the_rules() {
        let dir = project(
            "severity:\n  ru-ir-treaty/term: info\n  ru-ir-treaty/article-count:\n    unstated: off\n",
            &[],
        );
        let resolved = resolve(dir.path(), &Overrides::default()).unwrap();
        let (_, term) = resolved.rules.fact("ru-ir-treaty/term").unwrap();
        assert_eq!(
            (term.contradiction, term.unstated),
            (Some(Severity::Info), Some(Severity::Info))
        );
        let (_, count) = resolved.rules.fact("ru-ir-treaty/article-count").unwrap();
        assert_eq!(
            (count.contradiction, count.unstated),
            (Some(Severity::Error), None)
        );
    }

    #[test]
    fn include_exclude_and_readers() {
        let dir = project(
            "include: [drafts]\nexclude: [archive, 'drafts/old-*.md']\nreaders:\n  '*.mdx': markdown\n  'drafts/*.txt': html\n",
            &[],
        );
        let resolved = resolve(dir.path(), &Overrides::default()).unwrap();
        let yes = |p: &str| resolved.selects(&dir.path().join(p));
        assert!(yes("drafts/a.md"));
        assert!(yes("drafts/deep/b.html"));
        assert!(!yes("notes/a.md"));
        assert!(!yes("drafts/archive/a.md"));
        assert!(!yes("drafts/old-1.md"));
        assert!(yes("drafts/deep/old-1.md"));
        let reader = |p: &str| resolved.markup_for(&dir.path().join(p));
        assert_eq!(reader("a/b.mdx"), Some(Markup::Markdown));
        assert_eq!(reader("drafts/x.txt"), Some(Markup::Html));
        assert_eq!(reader("other/x.txt"), Some(Markup::Text));
        assert_eq!(reader("x.pdf"), None);
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let errors = config_errors("rules: []\nfail_on: error\n", &[]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "fail_on");
        assert!(
            errors[0]
                .1
                .starts_with("unknown field `fail_on`, expected one of"),
            "{}",
            errors[0].1
        );
    }

    #[test]
    fn a_wrong_type_is_an_error_at_its_value() {
        let errors = config_errors("exclude: drafts/\n", &[]);
        assert_eq!(errors[0].0, "drafts/");
        assert_eq!(
            errors[0].1,
            "exclude: invalid type: string \"drafts/\", expected a sequence"
        );
        let errors = config_errors("fail-on: sometimes\n", &[]);
        assert_eq!(
            errors[0].1,
            "fail-on: unknown variant `sometimes`, expected one of `error`, `warning`, `info`"
        );
        let errors = config_errors("severity:\n  ru-ir-treaty/term: {unstated: loud}\n", &[]);
        assert!(
            errors[0].1.contains("unknown variant `loud`"),
            "{}",
            errors[0].1
        );
        let errors = config_errors("severity:\n  ru-ir-treaty/term: {stated: off}\n", &[]);
        assert!(
            errors[0].1.contains("unknown field `stated`"),
            "{}",
            errors[0].1
        );
    }

    #[test]
    fn a_bad_glob_a_missing_rule_path_and_an_unknown_rule_are_located() {
        let errors = config_errors("exclude: ['drafts/[a-']\n", &[]);
        assert_eq!(
            errors,
            [(
                "drafts/[a-".to_owned(),
                "invalid glob `drafts/[a-`: unclosed character class; missing ']'".to_owned()
            )]
        );
        let errors = config_errors("rules:\n  - facts/missing.yaml\n", &[]);
        assert_eq!(errors[0].0, "facts/missing.yaml");
        assert!(errors[0]
            .1
            .starts_with("rule path `facts/missing.yaml` does not exist"));
        let errors = config_errors("severity:\n  ru-ir-treaty/terms: off\n", &[]);
        assert_eq!(
            errors,
            [(
                "ru-ir-treaty/terms".to_owned(),
                "no rule `ru-ir-treaty/terms` in the loaded rules (rule ids are `<subject>/<fact>`)".to_owned()
            )]
        );
    }

    #[test]
    fn comments_only_is_an_empty_configuration() {
        let dir = project("# nothing yet\n\n", &[]);
        let resolved = resolve(dir.path(), &Overrides::default()).unwrap();
        assert_eq!(resolved.include.origin, Origin::Default);
    }

    #[test]
    fn a_named_configuration_that_is_missing_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let overrides = Overrides {
            config: Some(PathBuf::from("nope.yaml")),
            ..Overrides::default()
        };
        match resolve(dir.path(), &overrides) {
            Err(ResolveError::Config(errors)) => {
                assert!(errors[0]
                    .message
                    .starts_with("cannot read configuration file: "));
                assert_eq!(
                    errors[0].path,
                    dir.path().join("nope.yaml").display().to_string()
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn describe_says_where_each_value_came_from() {
        let dir = project(
            "exclude: [archive]\nseverity:\n  ru-ir-treaty/term: {unstated: off}\nreaders: {'*.mdx': markdown}\n",
            &[],
        );
        let overrides = Overrides {
            fail_on: Some(Severity::Warning),
            ..Overrides::default()
        };
        let resolved = resolve(dir.path(), &overrides).unwrap();
        let file = dir.path().join(FILE_NAME).display().to_string();
        assert_eq!(
            resolved.describe(),
            format!(
                "# configuration file: {file}\n\
                 rules: []  # default, the bundled rules (rules/ru-ir-treaty.yaml)\n\
                 include: []  # default\n\
                 exclude:  # {file}\n  - \"archive\"\n\
                 severity:  # {file}\n  \"ru-ir-treaty/term\": {{unstated: off}}\n\
                 readers:  # {file}\n  \"*.mdx\": markdown\n\
                 fail-on: warning  # command line\n"
            )
        );
    }
}
