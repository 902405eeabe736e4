//! Rule files: the YAML schema, loading (from disk or the embedded default),
//! and validation with positions in the YAML.

mod schema;
mod validate;
mod values;
mod yaml;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::reader::quantities::{Dimension, Interval, Units};
use crate::reader::{inflection, normalize};
use crate::source::walk::io_message;
use crate::source::Markup;
use schema::{
    ExampleSpec, FactSpec, LevelSpec, MarkupSpec, MatchSpec, RuleFileSpec, SubjectSpec,
    ToleranceSpec,
};
use validate::Problem;
use yaml::{Node, Step};

/// The bundled rule file, used when no rules are named.
pub const DEFAULT_RULES: &str = include_str!("../../rules/ru-ir-treaty.yaml");
/// The name the bundled rule file is shown under.
pub const DEFAULT_RULES_NAME: &str = "rules/ru-ir-treaty.yaml";

/// A problem in a rule file, with its place in the YAML. Errors stop the
/// rules from loading; warnings do not.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub path: String,
    /// The rule file's text, so the error can be shown in context.
    pub source: String,
    pub span: Range<usize>,
    pub message: String,
    /// A suggestion: "did you mean `quantity`?".
    pub help: Option<String>,
    /// [`Severity::Error`] or [`Severity::Warning`].
    pub severity: Severity,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl RuleError {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A phrase, as words to match in order; `None` matches any one word.
pub type Phrase = Vec<Option<String>>;

#[derive(Debug, Clone)]
pub enum FactKind {
    Quantity {
        value: f64,
        /// The unit as the rule names it ("article", "year").
        unit: String,
        dimension: Dimension,
        /// The value in the dimension's base unit.
        base_value: f64,
    },
    Date {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
    },
    Absent(Vec<Phrase>),
    Present(Vec<Phrase>),
    Forbid(Regex),
    Require(Regex),
}

impl FactKind {
    /// The kind's key in a rule file.
    pub fn name(&self) -> &'static str {
        match self {
            FactKind::Quantity { .. } => "quantity",
            FactKind::Date { .. } => "date",
            FactKind::Absent(_) => "absent",
            FactKind::Present(_) => "present",
            FactKind::Forbid(_) => "forbid",
            FactKind::Require(_) => "require",
        }
    }
}

/// What an example says the checker makes of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    States,
    Contradicts,
    Unstated,
}

impl Expect {
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::States => "states",
            Expect::Contradicts => "contradicts",
            Expect::Unstated => "unstated",
        }
    }
}

/// A draft, or a sentence of one, that shows how the fact is read.
#[derive(Debug, Clone)]
pub struct Example {
    pub expect: Expect,
    pub text: String,
    /// For `contradicts`: the words the contradiction is found at.
    pub flags: Option<String>,
    pub markup: Markup,
    /// The example's text in its rule file, in bytes.
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    /// Full rule id, `<subject>/<fact>`.
    pub rule: String,
    pub claim: String,
    /// `None` when the rule turns the diagnostic off.
    pub contradiction: Option<Severity>,
    pub unstated: Option<Severity>,
    /// Normalised cue phrases.
    pub cues: Vec<Vec<String>>,
    pub help: Option<String>,
    pub kind: FactKind,
    /// Where the fact is defined: 1-based line in its rule file.
    pub line: usize,
    /// Other count nouns that count what a quantity's unit counts, as written.
    pub also: Vec<String>,
    /// For a quantity that is a rate: what it is counted per ("month"),
    /// singular and normalised.
    pub per: Option<String>,
    /// For a quantity: how far a figure may be from the value and agree.
    pub tolerance: Option<Tolerance>,
    /// Normalised phrases that, in a figure's own phrase, make it no
    /// figure of this fact.
    pub except: Vec<Vec<String>>,
    /// Values the fact once had or that other sources give, in the kind of
    /// the fact: a figure equal to one says nothing about the fact.
    pub other_values: Vec<OtherValue>,
    pub examples: Vec<Example>,
}

/// An earlier or other-source value of a quantity or date fact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OtherValue {
    /// In the dimension's base unit, as the fact's `base_value`.
    Quantity(f64),
    Date {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
    },
}

/// How far a draft's figure may stray from a quantity fact and still agree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// A share of the value: 0.01 for `1%`.
    Relative(f64),
    /// An amount in the dimension's base unit (years for time).
    Absolute(f64),
}

impl Tolerance {
    /// The amount either side of `base_value` that still agrees.
    pub fn amount(self, base_value: f64) -> f64 {
        match self {
            Tolerance::Relative(share) => (base_value * share).abs(),
            Tolerance::Absolute(amount) => amount,
        }
    }

    /// `interval` widened by the tolerance either way, so that it contains
    /// the fact's value when some value it means is within the tolerance.
    pub fn widen(self, interval: Interval, base_value: f64) -> Interval {
        let by = self.amount(base_value);
        Interval {
            lo: interval.lo - by,
            hi: interval.hi + by,
            ..interval
        }
    }
}

impl Fact {
    /// Whether a figure counted per `per` (`None` for a plain figure) may
    /// compare with this fact: a rate only with a fact of the same `per`;
    /// a plain figure with any.
    pub fn takes_per(&self, per: Option<&str>) -> bool {
        per.is_none() || per == self.per.as_deref()
    }
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub id: String,
    pub name: String,
    /// Normalised word sequences.
    pub names: Vec<Vec<String>>,
    pub parties: Vec<Vec<Vec<String>>>,
    pub aliases: Vec<String>,
    /// The subject's event words, each in every form of its words
    /// ([`inflection::with_irregular_forms`]).
    pub events: Vec<Vec<String>>,
    pub year: Option<i32>,
    pub distinct_from: Vec<Vec<String>>,
    pub source: String,
    pub reported_speech: Option<Option<Severity>>,
    /// `match: names`: only `names` make a draft about the subject, not its
    /// parties with an alias.
    pub names_only: bool,
    /// Words of names, parties, aliases and other subjects' names written
    /// in capitals ("IRA"), normalised: matched only in capitals.
    pub acronyms: Vec<String>,
    pub facts: Vec<Fact>,
    /// The rule file it came from, as shown to users.
    pub path: String,
    /// The rule file's text, for diagnostics about it (failing examples).
    pub text: Arc<str>,
}

/// Every subject loaded, with the unit words their facts need.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub subjects: Vec<Subject>,
    pub units: Units,
    /// Problems that do not stop the rules from working.
    pub warnings: Vec<RuleError>,
}

impl RuleSet {
    /// No rules at all.
    pub fn empty() -> RuleSet {
        RuleSet {
            subjects: Vec::new(),
            units: Units::builtin(),
            warnings: Vec::new(),
        }
    }

    /// The embedded default rules.
    pub fn bundled() -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::from_sources(&[(DEFAULT_RULES_NAME.to_owned(), DEFAULT_RULES.to_owned())])
    }

    /// Rules from files and folders (every `.yaml`/`.yml` file in a folder).
    pub fn load(paths: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
        let (sources, errors) = read_sources(paths);
        if !errors.is_empty() {
            return Err(errors);
        }
        RuleSet::from_sources(&sources)
    }

    /// Rules from (display path, YAML text) pairs. The error list holds the
    /// warnings too, so that a report of a broken file is complete.
    pub fn from_sources(sources: &[(String, String)]) -> Result<RuleSet, Vec<RuleError>> {
        let mut subjects: Vec<Subject> = Vec::new();
        let mut problems = Vec::new();
        let mut units = Units::builtin();
        for (path, text) in sources {
            let (subject, mut found) = parse(path, text, &mut units);
            problems.append(&mut found);
            if let Some(subject) = subject {
                if let Some(first) = subjects.iter().find(|s| s.id == subject.id) {
                    let span = yaml::parse(text)
                        .ok()
                        .and_then(|t| {
                            t.get(&[Step::Key("subject"), Step::Key("id")])
                                .map(|n| n.span.clone())
                        })
                        .unwrap_or(0..0);
                    problems.push(RuleError {
                        path: path.clone(),
                        source: text.clone(),
                        span,
                        message: format!("subject id `{}` is defined twice", subject.id),
                        help: Some(format!("{} defines it first", first.path)),
                        severity: Severity::Error,
                    });
                }
                subjects.push(subject);
            }
        }
        if problems.iter().any(RuleError::is_error) {
            Err(problems)
        } else {
            Ok(RuleSet {
                subjects,
                units,
                warnings: problems,
            })
        }
    }

    pub fn fact(&self, rule: &str) -> Option<(&Subject, &Fact)> {
        self.subjects
            .iter()
            .find_map(|s| s.facts.iter().find(|f| f.rule == rule).map(|f| (s, f)))
    }
}

/// The rule files that `paths` name, read, with an error for each that
/// cannot be read.
pub fn read_sources(paths: &[PathBuf]) -> (Vec<(String, String)>, Vec<RuleError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match rule_files(path) {
            Ok(files) => {
                for file in files {
                    let read = crate::source::walk::read_capped(
                        &file,
                        crate::source::walk::MAX_RULE_FILE_BYTES,
                        "a rule file",
                    )
                    .and_then(crate::source::walk::decode)
                    .map_err(|e| e.to_string());
                    match read {
                        Ok(text) => sources.push((file.display().to_string(), text)),
                        Err(e) => {
                            errors.push(plain_error(&file, &format!("cannot read rule file: {e}")))
                        }
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

fn rule_files(path: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| plain_error(path, &format!("cannot read rules: {}", io_message(&e))))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        plain_error(
            path,
            &format!("cannot read rules folder: {}", io_message(&e)),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            // anything but a folder is kept, so that reading a dangling
            // link or a FIFO reports it
            !p.is_dir() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(plain_error(
            path,
            "no rule files (*.yaml, *.yml) in this folder",
        ));
    }
    Ok(files)
}

fn plain_error(path: &Path, message: &str) -> RuleError {
    RuleError {
        path: path.display().to_string(),
        source: String::new(),
        span: 0..0,
        message: message.to_owned(),
        help: None,
        severity: Severity::Error,
    }
}

/// Reads one rule file: its subject when it has no errors, and every problem.
fn parse(path: &str, text: &str, units: &mut Units) -> (Option<Subject>, Vec<RuleError>) {
    let as_errors = |problems: Vec<Problem>| -> Vec<RuleError> {
        problems
            .into_iter()
            .map(|p| RuleError {
                path: path.to_owned(),
                source: text.to_owned(),
                span: p.span,
                message: p.message,
                help: p.help,
                severity: if p.warning {
                    Severity::Warning
                } else {
                    Severity::Error
                },
            })
            .collect()
    };
    let tree = match yaml::parse(text) {
        Ok(tree) => tree,
        Err(e) if e.too_many_aliases => {
            return (
                None,
                as_errors(vec![Problem::error(e.at..e.end.max(e.at), e.message)
                    .with_help(
                        "write the repeated values out, or point fewer facts at one list",
                    )]),
            );
        }
        Err(e) => {
            let end = token_end(text, e.at).max(e.at);
            return (
                None,
                as_errors(vec![Problem::error(
                    e.at..end,
                    format!("not valid YAML: {}", e.message),
                )]),
            );
        }
    };
    let problems = validate::shape(&tree, text);
    let misshapen = problems.iter().any(|p| !p.warning);
    let (subject_spec, fact_specs) = match serde_yaml::from_str::<RuleFileSpec>(text) {
        Ok(spec) => (
            Some(spec.subject),
            spec.facts.into_iter().map(Some).collect(),
        ),
        // The shape check has reported why; the parts that are well formed
        // are still compiled, so that their problems are reported too.
        Err(_) if misshapen => parts(text),
        Err(e) => {
            // The shape check should have caught it; serde has the last word.
            let start = e.location().map_or(0, |l| l.index().min(text.len()));
            let end = token_end(text, start);
            return (
                None,
                as_errors(vec![Problem::error(start..end, yaml_message(&e))]),
            );
        }
    };
    let unknown_keys = problems
        .iter()
        .filter(|p| p.unknown_key)
        .map(|p| p.span.clone())
        .collect();
    let mut ctx = Compiler {
        text,
        tree: &tree,
        problems,
        unknown_keys,
        lines: LineStarts::new(text),
    };
    let subject = ctx.subject(path, subject_spec, fact_specs, units);
    let errors = ctx.problems.iter().any(|p| !p.warning);
    (subject.filter(|_| !errors), as_errors(ctx.problems))
}

/// A rule file that serde cannot read whole (a value of the wrong type, a
/// missing key), read part by part: the subject and each fact on its own,
/// `None` for each that cannot be read. Indices stay those of the file.
fn parts(text: &str) -> (Option<SubjectSpec>, Vec<Option<FactSpec>>) {
    let Ok(mut value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return (None, Vec::new());
    };
    as_text(&mut value, None);
    let subject = value
        .get("subject")
        .and_then(|v| SubjectSpec::deserialize(v.clone()).ok());
    let facts = value
        .get("facts")
        .and_then(serde_yaml::Value::as_sequence)
        .map(|items| {
            items
                .iter()
                .map(|v| FactSpec::deserialize(v.clone()).ok())
                .collect()
        })
        .unwrap_or_default();
    (subject, facts)
}

/// Numbers and booleans as the text they are written as, except where a
/// number is meant (`value`, `year`): read from the text, serde takes
/// `date: 2027` or `claim: 47` as text; read from a value, it would not.
fn as_text(value: &mut serde_yaml::Value, key: Option<&str>) {
    use serde_yaml::Value as V;
    match value {
        V::Number(n) if !matches!(key, Some("value" | "year")) => *value = V::String(n.to_string()),
        V::Bool(b) => *value = V::String(b.to_string()),
        V::Sequence(items) => items.iter_mut().for_each(|v| as_text(v, None)),
        V::Mapping(map) => {
            for (k, v) in map.iter_mut() {
                as_text(v, k.as_str());
            }
        }
        V::Tagged(tagged) => as_text(&mut tagged.value, key),
        _ => {}
    }
}

/// The end of the key or scalar that starts at `start`, so that an error
/// underlines `lots` in `{value: lots, unit: dollar}`, not the text up to
/// the next colon.
fn token_end(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else {
        return start;
    };
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    match line.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            if let Some(close) = line[1..].find(quote) {
                return start + close + 2;
            }
        }
        // A flow sequence or mapping given where a scalar was expected.
        Some('[' | '{') => {
            let mut depth = 0usize;
            for (i, c) in line.char_indices() {
                match c {
                    '[' | '{' => depth += 1,
                    ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return start + i + 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    let stop = line
        .find([':', ',', ']', '}'])
        .into_iter()
        .chain(line.find(" #"))
        .min()
        .unwrap_or(line.len());
    start + line[..stop].trim_end().len()
}

/// serde_yaml appends " at line L column C" to its messages; the span shows that.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    }
}

/// Auxiliaries, prepositions and conjunctions: never an event word.
const GRAMMAR_WORDS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "have", "has", "had", "do", "does", "did", "will",
    "would", "can", "could", "may", "might", "shall", "should", "must", "and", "or", "but", "of",
    "to", "in", "on", "at", "by", "for", "with", "from", "the", "a", "an",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'))
        .filter(|w| !w.is_empty())
        // an abbreviation's last full stop is a token of its own in a draft
        // ("U.S." reads "u.s" and ".", "v." reads "v" and "."), so the
        // name's word goes without it
        .map(|w| w.strip_suffix('.').filter(|a| !a.is_empty()).unwrap_or(w))
        .map(|w| normalize::word(w).into_owned())
        .collect()
}

/// Cues with every irregular form of their words added after each
/// ("buy" also as "bought"; see [`inflection::with_irregular_forms`]), each
/// once: a cue's regular endings are matched from it as written.
fn with_irregular_forms(cues: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(cues.len());
    for cue in cues {
        for form in inflection::with_irregular_forms(&cue) {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

fn level(spec: Option<LevelSpec>, default: Option<Severity>) -> Option<Severity> {
    match spec {
        None => default,
        Some(LevelSpec::Off) => None,
        Some(LevelSpec::Error) => Some(Severity::Error),
        Some(LevelSpec::Warning) => Some(Severity::Warning),
        Some(LevelSpec::Info) => Some(Severity::Info),
    }
}

/// Text that is still to be written: it starts with TODO, TBD, FIXME or XXX
/// ("TODO the source document", "tbd.").
fn is_placeholder(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    ["todo", "tbd", "fixme", "xxx"]
        .iter()
        .any(|p| first.eq_ignore_ascii_case(p))
}

/// The words written in capitals, two to six letters ("IRA", "FTC"),
/// normalised and without repeats.
fn acronyms<'a>(written: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in written {
        for piece in text.split(|c: char| !c.is_alphanumeric()) {
            let capitals =
                (2..=6).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_uppercase());
            let word = normalize::word(piece).into_owned();
            if capitals && !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Units a rule may name that the reader has no conversions for: read as
/// count nouns, they compare only with themselves.
const UNCONVERTED: &[&str] = &[
    "second",
    "minute",
    "hour",
    "fortnight",
    "millennium",
    "inch",
    "yard",
    "ton",
    "litre",
    "liter",
    "gallon",
    "barrel",
    "acre",
    "hectare",
    "yen",
    "yuan",
    "rouble",
    "ruble",
    "rial",
    "rupee",
    "franc",
];

/// The built-in units, as docs/rules.md lists them, for suggestions.
const BUILTIN: &[&str] = &[
    "year",
    "decade",
    "century",
    "quarter-century",
    "half-century",
    "month",
    "week",
    "day",
    "metre",
    "meter",
    "kilometre",
    "kilometer",
    "mile",
    "foot",
    "dollar",
    "euro",
    "pound",
    "sterling",
    "yen",
    "yuan",
    "rouble",
    "ruble",
    "rupee",
    "franc",
    "kilogram",
    "gram",
    "tonne",
    "lb",
];

/// Compiles a rule file that has the right shape, collecting every problem.
struct Compiler<'a> {
    text: &'a str,
    tree: &'a Node,
    problems: Vec<Problem>,
    /// Where the shape check found unknown keys, which may be misspellings
    /// of keys that then seem missing.
    unknown_keys: Vec<Range<usize>>,
    lines: LineStarts,
}

/// Where each line of a text starts, so that the line of an offset is a
/// binary search, not a count of the newlines before it (which, once per
/// fact, made loading quadratic in the number of facts).
pub(crate) struct LineStarts(Vec<usize>);

impl LineStarts {
    pub(crate) fn new(text: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// The 1-based line of a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }
}

/// For each item, the index of the first earlier item with the same key:
/// one pass with a map, not a scan of the items before each.
pub(crate) fn first_duplicates<'k>(
    keys: impl IntoIterator<Item = Option<&'k str>>,
) -> Vec<Option<usize>> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    keys.into_iter()
        .enumerate()
        .map(|(i, key)| {
            let key = key?;
            match first.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                    None
                }
            }
        })
        .collect()
}

impl Compiler<'_> {
    fn span(&self, path: &[Step<'_>]) -> Range<usize> {
        for n in (1..=path.len()).rev() {
            if let Some(node) = self.tree.get(&path[..n]) {
                return node.span.clone();
            }
        }
        0..0
    }

    fn key_span(&self, path: &[Step<'_>]) -> Range<usize> {
        self.tree
            .key(path)
            .map_or_else(|| self.span(path), |k| k.span.clone())
    }

    /// The first line of the mapping at `path`, for a problem with all of it.
    fn head_span(&self, path: &[Step<'_>]) -> Range<usize> {
        validate::first_line(self.text, self.span(path))
    }

    /// Whether the mapping at `path` has an unknown key, reported already:
    /// then a key that seems missing is likely that one, misspelt.
    fn has_unknown_key(&self, path: &[Step<'_>]) -> bool {
        let Some(node) = self.tree.get(path) else {
            return false;
        };
        let within = node.span.clone();
        self.unknown_keys
            .iter()
            .any(|k| k.start >= within.start && k.end <= within.end)
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(Problem::error(span, message));
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset.min(self.text.len()))
    }

    /// Strings that must not be empty: names, aliases, cues, phrases.
    fn nonempty_items(&mut self, path: &[Step<'_>], items: &[String], what: &str) {
        for (i, item) in items.iter().enumerate() {
            if item.trim().is_empty() {
                let mut p = path.to_vec();
                p.push(Step::Index(i));
                let span = self.span(&p);
                self.error(span, format!("an empty {what} matches nothing"));
            }
        }
    }

    /// The subject's `events`: each a word or phrase, and only for a
    /// subject with two parties or more, which they join.
    fn events(&mut self, events: &[String], parties: usize) {
        let path = [Step::Key("subject"), Step::Key("events")];
        self.empty_list(&path, events.is_empty(), None);
        self.nonempty_items(&path, events, "event word");
        if !events.is_empty() && parties < 2 {
            let span = self.key_span(&path);
            self.problems.push(
                Problem::error(
                    span,
                    format!(
                        "`events` name the subject only where one joins two of its parties, and it has {}",
                        match parties {
                            0 => "no `parties`".to_owned(),
                            _ => "one party".to_owned(),
                        }
                    ),
                )
                .with_help("list the subject's parties under `parties`, or remove `events`"),
            );
        }
        for (k, event) in events.iter().enumerate() {
            // "merge with" is an event; "with" or "be acquired" is not
            let grammar = words(event)
                .into_iter()
                .next()
                .filter(|w| GRAMMAR_WORDS.contains(&w.as_str()));
            if let Some(word) = grammar {
                let span = self.span(&[path[0], path[1], Step::Index(k)]);
                self.problems.push(
                    Problem::error(
                        span,
                        format!("`{word}` is a word of grammar, not an event: it would join the parties in almost any sentence"),
                    )
                    .with_help("write the verb of the event itself: `acquire`, `merge`, `buy`"),
                );
            }
        }
    }

    /// A list given but empty: an error where nothing could then work, a
    /// warning where the key just has no effect.
    fn empty_list(&mut self, path: &[Step<'_>], given_empty: bool, error: Option<&str>) {
        if !given_empty || self.tree.get(path).is_none() {
            return;
        }
        let key = self.key_span(path);
        let name = match path.last() {
            Some(Step::Key(k)) => *k,
            _ => "list",
        };
        self.problems.push(match error {
            Some(why) => Problem::error(key, format!("`{name}` is an empty list: {why}"))
                .with_help(format!("list at least one, or remove `{name}`")),
            None => Problem::warning(key, format!("`{name}` is an empty list and has no effect"))
                .with_help(format!("remove `{name}`, or fill it in")),
        });
    }

    /// The subject and its facts; each part that could be read is checked,
    /// so that a file's problems are all reported at once.
    fn subject(
        &mut self,
        path: &str,
        spec: Option<SubjectSpec>,
        fact_specs: Vec<Option<FactSpec>>,
        units: &mut Units,
    ) -> Option<Subject> {
        let Some(spec) = spec else {
            // The subject could not be read, but its facts are checked.
            let id = self
                .tree
                .get(&[Step::Key("subject"), Step::Key("id")])
                .and_then(Node::as_str)
                .unwrap_or("subject")
                .to_owned();
            self.facts(&id, fact_specs, units);
            return None;
        };
        let SubjectSpec {
            id,
            name,
            names,
            parties,
            aliases,
            events,
            year,
            distinct_from,
            source,
            reported_speech,
            match_,
        } = spec;
        let names_only = match_ == Some(MatchSpec::Names);
        let s = |k: &'static str| [Step::Key("subject"), Step::Key(k)];
        if !valid_id(&id) {
            let span = self.span(&s("id"));
            self.problems.push(
                Problem::error(
                    span,
                    format!("subject id `{id}` must be lower-case letters, digits and dashes"),
                )
                .with_help("the id names every rule: `<subject id>/<fact id>`"),
            );
        }
        for (key, value) in [("name", &name), ("source", &source)] {
            if value.trim().is_empty() {
                let span = self.span(&s(key));
                self.error(span, format!("the subject's `{key}` is empty"));
            }
        }
        if is_placeholder(&source) {
            let span = self.span(&s("source"));
            self.problems.push(
                Problem::warning(
                    span,
                    "the subject's `source` is a placeholder: every diagnostic quotes it as where the facts come from",
                )
                .with_help("name the source document, who issued it and when"),
            );
        }
        self.empty_list(
            &s("aliases"),
            aliases.is_empty(),
            Some("a draft could only be about the subject by one of its `names`"),
        );
        self.empty_list(&s("names"), names.is_empty(), None);
        self.empty_list(&s("parties"), parties.is_empty(), None);
        self.empty_list(&s("distinct-from"), distinct_from.is_empty(), None);
        self.nonempty_items(&s("names"), &names, "name");
        self.nonempty_items(&s("aliases"), &aliases, "alias");
        self.nonempty_items(&s("distinct-from"), &distinct_from, "name");
        self.events(&events, parties.len());
        for (g, group) in parties.iter().enumerate() {
            let p = [Step::Key("subject"), Step::Key("parties"), Step::Index(g)];
            if group.is_empty() {
                let span = self.span(&p);
                self.problems.push(
                    Problem::error(
                        span,
                        "a party with no names can never be named, so no draft names every party",
                    )
                    .with_help("give the party's names, or remove the empty list"),
                );
            }
            self.nonempty_items(&p, group, "party name");
        }
        if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
            let span = self.span(&s("year"));
            self.problems.push(
                Problem::error(
                    span,
                    format!(
                        "the subject's `year` must be a year from {} to {}, not {y}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                )
                .with_help(
                    "the year the subject dates from, written with four digits: `year: 2025`",
                ),
            );
        }
        let subject_key = self.key_span(&[Step::Key("subject")]);
        // With an unknown key in the subject (`alias`), what seems missing
        // is likely misspelt, and reported.
        let misspelt = self.has_unknown_key(&[Step::Key("subject")]);
        if misspelt {
            // nothing more to say about the subject's names
        } else if aliases.is_empty() && names.is_empty() {
            self.problems.push(
                Problem::error(
                    subject_key.clone(),
                    "the subject has neither `names` nor `aliases`: no draft would ever be about it",
                )
                .with_help("add `names`, or `aliases` together with `parties`"),
            );
        } else if names_only && names.is_empty() && events.is_empty() {
            let span = self.span(&s("match"));
            self.problems.push(
                Problem::error(
                    span,
                    "`match: names` makes only `names` identify the subject, and it has none: no draft would ever be about it",
                )
                .with_help("add `names`, or remove `match` to let parties with an alias match"),
            );
        } else if names.is_empty() && parties.is_empty() {
            self.problems.push(
                Problem::error(
                    subject_key,
                    "the subject has no `names` and no `parties`: aliases alone never make a draft about it, so it matches nothing",
                )
                .with_help("add `names` (\"Harbor Bridge\"), or `parties` that drafts name along with an alias"),
            );
        }
        let facts = self.facts(&id, fact_specs, units)?;
        let written = names
            .iter()
            .chain(&aliases)
            .chain(parties.iter().flatten())
            .chain(&distinct_from);
        Some(Subject {
            acronyms: acronyms(written),
            name: name.trim().to_owned(),
            names: names.iter().map(|n| words(n)).collect(),
            parties: parties
                .iter()
                .map(|g| g.iter().map(|p| words(p)).collect())
                .collect(),
            aliases: aliases
                .iter()
                .map(|a| normalize::singular(&normalize::word(a)).into_owned())
                .collect(),
            events: with_irregular_forms(
                events
                    .iter()
                    .map(|e| words(e))
                    .filter(|e| !e.is_empty())
                    .collect(),
            ),
            year,
            distinct_from: distinct_from.iter().map(|n| words(n)).collect(),
            source: source.trim().to_owned(),
            reported_speech: reported_speech.map(|l| level(Some(l), None)),
            names_only,
            facts,
            path: path.to_owned(),
            text: Arc::from(self.text),
            id,
        })
    }

    /// Every fact that could be read, compiled; `None` when the file has no
    /// `facts`.
    fn facts(
        &mut self,
        id: &str,
        specs: Vec<Option<FactSpec>>,
        units: &mut Units,
    ) -> Option<Vec<Fact>> {
        let facts_node = self.tree.get(&[Step::Key("facts")])?;
        if facts_node.items().is_empty() {
            let span = self.key_span(&[Step::Key("facts")]);
            self.problems.push(
                Problem::warning(span, "the subject has no facts: nothing is checked")
                    .with_help("add a fact under `facts`"),
            );
        }
        let duplicates = first_duplicates(specs.iter().map(|f| f.as_ref().map(|f| f.id.as_str())));
        for (i, fact) in specs.iter().enumerate() {
            let Some(fact) = fact else { continue };
            if let Some(first) = duplicates[i] {
                let line = self.line_of(self.span(&[Step::Key("facts"), Step::Index(first)]).start);
                let span = self.span(&[Step::Key("facts"), Step::Index(i), Step::Key("id")]);
                self.problems.push(
                    Problem::error(span, format!("fact id `{id}/{}` is defined twice", fact.id))
                        .with_help(format!(
                            "the first is on line {line}; give each fact its own id"
                        )),
                );
            }
        }
        Some(
            specs
                .into_iter()
                .enumerate()
                .filter_map(|(i, fact)| fact.and_then(|fact| self.fact(id, i, fact, units)))
                .collect(),
        )
    }

    fn fact(&mut self, subject: &str, i: usize, spec: FactSpec, units: &mut Units) -> Option<Fact> {
        let f = |k: &'static str| [Step::Key("facts"), Step::Index(i), Step::Key(k)];
        let here = [Step::Key("facts"), Step::Index(i)];
        let before = self.problems.iter().filter(|p| !p.warning).count();
        let line = self.line_of(self.span(&here).start);
        if !valid_id(&spec.id) {
            let span = self.span(&f("id"));
            self.error(
                span,
                format!(
                    "fact id `{}` must be lower-case letters, digits and dashes",
                    spec.id
                ),
            );
        }
        if spec.claim.trim().is_empty() {
            let span = self.span(&f("claim"));
            self.error(span, "the fact's `claim` is empty");
        }
        let kinds = ["quantity", "date", "absent", "present", "forbid", "require"];
        let given: Vec<&str> = kinds
            .iter()
            .copied()
            .filter(|k| self.tree.get(&f(k)).is_some())
            .collect();
        match given.as_slice() {
            [_] => {}
            // An unknown key here ("quantiy") is the likely reason, and
            // reported already.
            [] if self.has_unknown_key(&here) => return None,
            [] => {
                let span = self.span(&f("id"));
                self.problems.push(
                    Problem::error(
                        span,
                        format!(
                            "fact `{}` must have one of `quantity`, `date`, `absent`, `present`, `forbid`, `require` (it has none)",
                            spec.id
                        ),
                    )
                    .with_help("the kind says what the fact is: a number, a date, phrases or a pattern"),
                );
                return None;
            }
            [_, second, ..] => {
                let span = self.key_span(&f(second));
                self.problems.push(
                    Problem::error(
                        span,
                        format!(
                            "fact `{}` must have exactly one of `quantity`, `date`, `absent`, `present`, `forbid`, `require` (it has {})",
                            spec.id,
                            given.len()
                        ),
                    )
                    .with_help("split it into one fact per kind, each with its own id"),
                );
                return None;
            }
        }
        let mut also = Vec::new();
        let mut per = None;
        let mut tolerance = None;
        let mut factor = 1.0;
        let kind = if let Some(q) = spec.quantity {
            also.clone_from(&q.also);
            if let Some(p) = &q.per {
                per = self.per(i, p);
            }
            let unit_path = [
                Step::Key("facts"),
                Step::Index(i),
                Step::Key("quantity"),
                Step::Key("unit"),
            ];
            let written = q.unit.trim();
            let unit = match written {
                "$" => "dollar".to_owned(),
                "€" => "euro".to_owned(),
                "£" => "pound".to_owned(),
                "¥" => "yen".to_owned(),
                w => normalize::singular(&normalize::word(w)).into_owned(),
            };
            self.unit(&unit_path, &unit, units, false);
            // a built-in fact unit's `also` gets one warning below, not one per entry
            let fact_builtin = units
                .for_rule(&unit)
                .is_some_and(|u| !matches!(u.dimension, Dimension::Count(_)));
            for (k, other) in q.also.iter().enumerate().filter(|_| !fact_builtin) {
                let o = normalize::singular(&normalize::word(other.trim())).into_owned();
                let p = [
                    Step::Key("facts"),
                    Step::Index(i),
                    Step::Key("quantity"),
                    Step::Key("also"),
                    Step::Index(k),
                ];
                self.unit(&p, &o, units, true);
            }
            let dimension = match units.for_rule(&unit) {
                Some(u) if !matches!(u.dimension, Dimension::Count(_)) => u.dimension.clone(),
                _ => Dimension::Count(unit.clone()),
            };
            if let Dimension::Count(noun) = &dimension {
                units.add_count(noun, noun);
                for other in &q.also {
                    let o = normalize::singular(&normalize::word(other)).into_owned();
                    units.add_count(&o, noun);
                }
            } else if !q.also.is_empty() {
                let span = self.key_span(&[
                    Step::Key("facts"),
                    Step::Index(i),
                    Step::Key("quantity"),
                    Step::Key("also"),
                ]);
                self.problems.push(
                    Problem::warning(
                        span,
                        format!("`also` only applies to count nouns; `{unit}` is a built-in unit"),
                    )
                    .with_help("remove `also`: a built-in unit is read in all its forms and converts by itself"),
                );
            }
            factor = units.for_rule(&unit).map_or(1.0, |u| u.factor);
            if !q.value.is_finite() {
                let span = self.span(&[
                    Step::Key("facts"),
                    Step::Index(i),
                    Step::Key("quantity"),
                    Step::Key("value"),
                ]);
                self.error(span, "a quantity's value must be a finite number");
            } else if q.value <= 0.0 {
                let span = self.span(&[
                    Step::Key("facts"),
                    Step::Index(i),
                    Step::Key("quantity"),
                    Step::Key("value"),
                ]);
                self.problems.push(Problem::warning(
                    span,
                    "a quantity of zero or less is never written as a number of things; drafts will rarely state it",
                ));
            }
            if let Some(t) = &q.tolerance {
                tolerance = self.tolerance(i, t, factor);
            }
            FactKind::Quantity {
                value: q.value,
                unit,
                dimension,
                base_value: q.value * factor,
            }
        } else if let Some(d) = &spec.date {
            match parse_date(d) {
                Some((year, month, day)) => FactKind::Date { year, month, day },
                None => {
                    let span = self.span(&f("date"));
                    let parts: Vec<&str> = d.trim().split('-').collect();
                    let formed = parts.len() <= 3
                        && parts.iter().enumerate().all(|(k, p)| {
                            p.len() == if k == 0 { 4 } else { 2 }
                                && p.bytes().all(|b| b.is_ascii_digit())
                        });
                    let year = parts.first().and_then(|y| y.parse::<i32>().ok());
                    let message = match year {
                        _ if !formed => {
                            format!("`{d}` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
                        }
                        Some(y) if !YEARS.contains(&y) => format!(
                            "`{d}` is not a date in the years {} to {}",
                            YEARS.start(),
                            YEARS.end()
                        ),
                        _ => format!("`{d}` is not a date"),
                    };
                    self.problems.push(Problem::error(span, message).with_help(
                        "a day that is in the calendar, such as `2025-01-17`, `2025-01` or `2025`",
                    ));
                    FactKind::Date {
                        year: 0,
                        month: None,
                        day: None,
                    }
                }
            }
        } else if let Some(phrases) = spec.absent.as_ref().or(spec.present.as_ref()) {
            let key = if spec.absent.is_some() {
                "absent"
            } else {
                "present"
            };
            if phrases.is_empty() {
                let span = self.key_span(&f(key));
                self.problems.push(
                    Problem::error(span, format!("fact `{}` lists no phrases", spec.id))
                        .with_help("list the phrases whose assertion or denial the fact is about"),
                );
            }
            let compiled: Vec<Phrase> = phrases
                .iter()
                .map(|p| {
                    words(p)
                        .into_iter()
                        .map(|w| if w == "*" { None } else { Some(w) })
                        .collect()
                })
                .collect();
            for (k, p) in compiled.iter().enumerate() {
                if p.iter().all(Option::is_none) {
                    let span = self.span(&[
                        Step::Key("facts"),
                        Step::Index(i),
                        Step::Key(key),
                        Step::Index(k),
                    ]);
                    self.error(span, format!("phrase `{}` has no words", phrases[k]));
                }
            }
            if spec.absent.is_some() {
                FactKind::Absent(compiled)
            } else {
                FactKind::Present(compiled)
            }
        } else {
            let (key, pattern) = match (&spec.forbid, &spec.require) {
                (Some(p), _) => ("forbid", p.as_str()),
                (_, Some(p)) => ("require", p.as_str()),
                _ => ("forbid", ""),
            };
            let span = self.span(&f(key));
            let re = if pattern.is_empty() {
                self.error(span, "an empty pattern matches everywhere");
                None
            } else {
                match regex::RegexBuilder::new(pattern)
                    .size_limit(1 << 20)
                    .build()
                {
                    Ok(re) => Some(re),
                    // The regex crate runs in linear time, but a pattern such
                    // as `(\w{100}){100}` compiles to a machine of gigabytes.
                    Err(regex::Error::CompiledTooBig(limit)) => {
                        self.error(
                            span,
                            format!(
                                "the regular expression is too large: compiled, it would take \
                                 more than {} KiB; use fewer or smaller repetitions",
                                limit / 1024
                            ),
                        );
                        None
                    }
                    Err(e) => {
                        self.problems.push(regex_problem(span, &e.to_string()));
                        None
                    }
                }
            };
            // a fact whose pattern is wrong matches nothing; the error above
            // stops the rules from being used anyway
            let re = re.or_else(|| Regex::new("$^").ok())?;
            if spec.forbid.is_some() {
                FactKind::Forbid(re)
            } else {
                FactKind::Require(re)
            }
        };
        // A draft can match a `forbid` pattern but has no way to state it, so
        // such a fact would be "unstated" in every draft that respects it.
        let unstated = match kind {
            FactKind::Forbid(_) => {
                if spec.severity.unstated.is_some_and(|l| l != LevelSpec::Off) {
                    let span = self.key_span(&[
                        Step::Key("facts"),
                        Step::Index(i),
                        Step::Key("severity"),
                        Step::Key("unstated"),
                    ]);
                    self.problems.push(
                        Problem::error(
                            span,
                            format!(
                                "fact `{}` is a `forbid` pattern, which a draft cannot state",
                                spec.id
                            ),
                        )
                        .with_help("remove `severity.unstated`"),
                    );
                }
                None
            }
            FactKind::Absent(_) | FactKind::Present(_) => {
                level(spec.severity.unstated, Some(Severity::Info))
            }
            _ => level(spec.severity.unstated, Some(Severity::Warning)),
        };
        self.empty_list(&f("cues"), spec.cues.is_empty(), None);
        self.nonempty_items(&f("cues"), &spec.cues, "cue");
        if !spec.cues.is_empty()
            && matches!(
                kind,
                FactKind::Absent(_) | FactKind::Present(_) | FactKind::Forbid(_)
            )
        {
            let span = self.key_span(&f("cues"));
            self.problems.push(
                Problem::warning(
                    span,
                    format!("`cues` have no effect on a `{}` fact", kind.name()),
                )
                .with_help("remove `cues`"),
            );
        }
        let cues: Vec<Vec<String>> = spec
            .cues
            .iter()
            .map(|c| words(c))
            .filter(|c| !c.is_empty())
            .collect();
        let except = self.except(i, &spec.except, &cues, &kind);
        let cues = with_irregular_forms(cues);
        let other_values = self.other_values(i, &spec.other_values, &kind, factor);
        let examples = self.examples(i, spec.examples);
        let failed = self.problems.iter().filter(|p| !p.warning).count() > before;
        if failed {
            return None;
        }
        Some(Fact {
            rule: format!("{subject}/{}", spec.id),
            claim: spec.claim.trim().to_owned(),
            contradiction: level(spec.severity.contradiction, Some(Severity::Error)),
            unstated,
            cues,
            help: spec.help,
            kind,
            line,
            also,
            per,
            tolerance,
            except,
            other_values,
            examples,
        })
    }

    /// A quantity's `per`: one word, the thing a rate is counted per.
    fn per(&mut self, i: usize, written: &str) -> Option<String> {
        let path = [
            Step::Key("facts"),
            Step::Index(i),
            Step::Key("quantity"),
            Step::Key("per"),
        ];
        let trimmed = written.trim();
        let bare = ["per ", "a ", "an ", "/"]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p))
            .unwrap_or(trimmed)
            .trim();
        let word = normalize::singular(&normalize::word(bare)).into_owned();
        let readable = !word.is_empty()
            && word
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic));
        if !readable || bare != trimmed {
            let span = self.span(&path);
            let help = if readable {
                format!("write `per: {word}`")
            } else {
                "write one word, singular: `month`, `year`, `share`".to_owned()
            };
            self.problems.push(
                Problem::error(
                    span,
                    format!("`{trimmed}` is not what a rate is counted per: `per` is one word, as in \"$35 a month\" or \"$95 per share\""),
                )
                .with_help(help),
            );
            return None;
        }
        Some(word)
    }

    /// A quantity's `tolerance`: a percentage of the value (`1%`) or an
    /// amount in the fact's unit, never negative.
    fn tolerance(&mut self, i: usize, written: &ToleranceSpec, factor: f64) -> Option<Tolerance> {
        let path = [
            Step::Key("facts"),
            Step::Index(i),
            Step::Key("quantity"),
            Step::Key("tolerance"),
        ];
        let parsed = match written {
            ToleranceSpec::Number(n) => Some(Tolerance::Absolute(n * factor)).filter(|_| *n >= 0.0),
            ToleranceSpec::Text(t) => {
                let t = t.trim();
                match t.strip_suffix('%') {
                    Some(p) => p
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|p| (0.0..100.0).contains(p))
                        .map(|p| Tolerance::Relative(p / 100.0)),
                    None => t
                        .parse::<f64>()
                        .ok()
                        .filter(|n| *n >= 0.0)
                        .map(|n| Tolerance::Absolute(n * factor)),
                }
            }
        };
        let finite = match parsed {
            Some(Tolerance::Relative(v) | Tolerance::Absolute(v)) => v.is_finite(),
            None => false,
        };
        if !finite {
            let span = self.span(&path);
            self.problems.push(
                Problem::error(
                    span,
                    "a tolerance is a percentage of the value under 100%, such as `1%`, or an amount in the fact's unit, such as `5`; never negative",
                )
                .with_help("write `tolerance: 1%` or `tolerance: 5`"),
            );
            return None;
        }
        parsed
    }

    /// A unit must be a word the reader can find after a number; a built-in
    /// unit's near miss or a measure the reader does not convert is likely a
    /// mistake, though it still works as a count noun.
    fn unit(&mut self, path: &[Step<'_>], unit: &str, units: &Units, also: bool) {
        let span = self.span(path);
        let readable = !unit.is_empty()
            && unit
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic));
        if !readable {
            self.problems.push(
                Problem::error(
                    span,
                    format!("the quantity reader does not know the unit `{unit}`: a unit is one word, such as `year`, `dollar` or a count noun like `article`"),
                )
                .with_help("the built-in units are year, decade, century, quarter-century, half-century, month, week, day, dollar ($), euro (€), pound (£), yen (¥), yuan, rouble, rupee, franc, percent, kilogram (kg), gram, tonne, lb, metre, kilometre (km), mile and foot (ft)"),
            );
            return;
        }
        let builtin = units
            .for_rule(unit)
            .is_some_and(|u| !matches!(u.dimension, Dimension::Count(_)));
        if also && builtin {
            self.problems.push(
                Problem::error(
                    span,
                    format!("`{unit}` is a built-in unit; `also` lists other count nouns"),
                )
                .with_help("time units convert by themselves: a fact in years is stated in decades or months"),
            );
            return;
        }
        if builtin {
            return;
        }
        if UNCONVERTED.contains(&unit) {
            self.problems.push(
                Problem::warning(
                    span,
                    format!("the quantity reader does not convert `{unit}`: it is read as a count noun, so only `{unit}` quantities compare with it"),
                ),
            );
        } else if let Some(near) = validate::did_you_mean(unit, BUILTIN.iter().copied())
            .filter(|b| unit.len() >= 4 && strsim::damerau_levenshtein(unit, b) == 1)
        {
            self.problems.push(
                Problem::warning(
                    span,
                    format!("`{unit}` is not a built-in unit and is read as a count noun"),
                )
                .with_help(format!("did you mean `{near}`?")),
            );
        }
    }

    fn examples(&mut self, i: usize, specs: Vec<ExampleSpec>) -> Vec<Example> {
        let here = [Step::Key("facts"), Step::Index(i), Step::Key("examples")];
        self.empty_list(&here, specs.is_empty(), None);
        let mut out = Vec::new();
        for (k, spec) in specs.into_iter().enumerate() {
            let at = |key: &'static str| {
                [
                    Step::Key("facts"),
                    Step::Index(i),
                    Step::Key("examples"),
                    Step::Index(k),
                    Step::Key(key),
                ]
            };
            let whole = [
                Step::Key("facts"),
                Step::Index(i),
                Step::Key("examples"),
                Step::Index(k),
            ];
            let labels: Vec<(Expect, String)> = [
                (Expect::States, spec.states),
                (Expect::Contradicts, spec.contradicts),
                (Expect::Unstated, spec.unstated),
            ]
            .into_iter()
            .filter_map(|(e, t)| t.map(|t| (e, t)))
            .collect();
            let n = labels.len();
            let mut labels = labels.into_iter();
            let (expect, text) = match (labels.next(), labels.next()) {
                (Some(one), None) => one,
                // An unknown key (`state:`) is the likely reason, and reported.
                (None, _) if self.has_unknown_key(&whole) => continue,
                _ => {
                    let span = self.head_span(&whole);
                    self.problems.push(
                        Problem::error(
                            span,
                            format!("an example needs exactly one of `states`, `contradicts` or `unstated` (it has {n})"),
                        )
                        .with_help("write the example's text under the label it should get: `states: The treaty has 47 articles.`"),
                    );
                    continue;
                }
            };
            let text_span = self.span(&at(expect.as_str()));
            if text.trim().is_empty() {
                self.error(text_span.clone(), "the example's text is empty");
            }
            if let Some(flags) = &spec.flags {
                let flags_span = self.span(&at("flags"));
                if expect != Expect::Contradicts {
                    self.problems.push(
                        Problem::error(
                            flags_span,
                            format!(
                                "`flags` only goes with `contradicts`, not `{}`",
                                expect.as_str()
                            ),
                        )
                        .with_help("remove `flags`"),
                    );
                } else if flags.trim().is_empty() || !text.contains(flags.as_str()) {
                    self.problems.push(
                        Problem::error(flags_span, format!("`{flags}` is not in the example's text"))
                            .with_help("`flags` is the words the contradiction is found at, copied from the text"),
                    );
                }
            }
            let markup = match spec.markup {
                None | Some(MarkupSpec::Text) => Markup::Text,
                Some(MarkupSpec::Markdown) => Markup::Markdown,
                Some(MarkupSpec::Html) => Markup::Html,
            };
            out.push(Example {
                expect,
                text,
                flags: spec.flags,
                markup,
                span: text_span,
            });
        }
        out
    }
}

/// Why a pattern does not compile, in words: the regex crate's reason
/// without its own "error:" prefix, and for the features it lacks by
/// design, what to write instead.
fn regex_problem(span: Range<usize>, error: &str) -> Problem {
    let reason = error
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(error)
        .trim();
    let reason = reason.strip_prefix("error:").unwrap_or(reason).trim();
    if reason.contains("look-around") {
        Problem::error(
            span,
            "the regular expression uses look-around (`(?=`, `(?!`, `(?<=` or `(?<!`), which is not supported: patterns run in linear time",
        )
        .with_help(
            "match the neighbouring words as part of the pattern, use `\\b` for a word boundary, \
             or for \"not followed by\" write an `absent` fact with the phrase",
        )
    } else if reason.contains("backreference") {
        Problem::error(
            span,
            "the regular expression uses a back-reference (`\\1`), which is not supported: patterns run in linear time",
        )
        .with_help("write the repeated words out in the pattern")
    } else {
        Problem::error(
            span,
            format!("the regular expression does not compile: {reason}"),
        )
        .with_help("the syntax is the Rust regex crate's (docs.rs/regex): no look-around or back-references")
    }
}

/// The years a rule's date or subject year may be in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with a year in [`YEARS`], checked
/// against the calendar.
pub fn parse_date(s: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let digits = |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.trim().split('-');
    let year = parts.next().filter(|y| digits(y, 4))?;
    let year: i32 = year.parse().ok().filter(|y| YEARS.contains(y))?;
    let month: Option<u32> = match parts.next() {
        Some(m) if digits(m, 2) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
        None => None,
    };
    let day: Option<u32> = match parts.next() {
        Some(d) if digits(d, 2) => {
            let month = month?;
            Some(
                d.parse()
                    .ok()
                    .filter(|d| *d >= 1 && *d <= days_in_month(year, month))?,
            )
        }
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((year, month, day))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::from_sources(&[("t.yaml".to_owned(), yaml.to_owned())])
    }

    fn problems_of(yaml: &str) -> Vec<String> {
        match load(yaml) {
            Ok(rules) => rules.warnings.into_iter().map(|w| w.message).collect(),
            Err(errors) => errors.into_iter().map(|e| e.message).collect(),
        }
    }

    #[test]
    fn only_an_unknown_key_silences_what_then_seems_missing() {
        // A bad id is no excuse: the missing names are reported too.
        let found = problems_of("subject:\n  id: City\n  name: C\n  source: s\nfacts: []\n");
        assert!(
            found.iter().any(|m| m.contains("must be lower-case")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("neither `names` nor `aliases`")),
            "{found:?}"
        );
        // A misspelt key is: `alias` is reported, not the missing aliases.
        let found =
            problems_of("subject:\n  id: c\n  name: C\n  source: s\n  alias: [c]\nfacts: []\n");
        assert!(
            found.iter().any(|m| m.contains("unknown key `alias`")),
            "{found:?}"
        );
        assert!(!found.iter().any(|m| m.contains("neither")), "{found:?}");
    }

    #[test]
    fn a_placeholder_source_is_a_warning() {
        for source in [
            "TODO the source document",
            "tbd.",
            "FIXME",
            "XXX ask the desk",
        ] {
            let yaml = format!(
                "subject:\n  id: c\n  name: C\n  names: [C]\n  source: {source}\nfacts: []\n"
            );
            let found = problems_of(&yaml);
            assert!(
                found
                    .iter()
                    .any(|m| m.contains("`source` is a placeholder")),
                "{source}: {found:?}"
            );
            assert!(load(&yaml).is_ok(), "{source}: a warning, not an error");
        }
        let found = problems_of("subject:\n  id: c\n  name: C\n  names: [C]\n  source: Todos Santos council\nfacts: []\n");
        assert!(
            !found.iter().any(|m| m.contains("placeholder")),
            "{found:?}"
        );
    }

    #[test]
    fn the_bundled_rules_load() {
        let rules = RuleSet::bundled().expect("bundled rules");
        let ids: Vec<&str> = rules.subjects[0]
            .facts
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(
            ids,
            vec![
                "ru-ir-treaty/article-count",
                "ru-ir-treaty/term",
                "ru-ir-treaty/no-mutual-defense",
                "ru-ir-treaty/signing-date"
            ]
        );
        assert!(rules.units.get("points").is_some());
    }

    #[test]
    fn an_unknown_key_points_at_its_line() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    quantiy: {value: 1, unit: year}\n";
        let errors = load(yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `quantity`?"));
        assert!(
            errors[0].message.contains("unknown key `quantiy`"),
            "{}",
            errors[0].message
        );
        assert!(
            yaml[errors[0].span.clone()].starts_with("quantiy"),
            "{:?}",
            errors[0].span
        );
    }

    #[test]
    fn a_wrong_type_underlines_the_value_alone() {
        for (value, underlined) in [
            ("{value: lots, unit: year}", "lots"),
            ("{value: \"lots, of\", unit: year}", "\"lots, of\""),
            ("\n      value: lots # too many\n      unit: year", "lots"),
            ("\n      value: [1, [2]]\n      unit: year", "[1, [2]]"),
        ] {
            let yaml = format!("subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    quantity: {value}\n");
            let errors = load(&yaml).unwrap_err();
            assert_eq!(errors.len(), 1, "{value}");
            assert!(
                errors[0].message.contains("must be a number"),
                "{}",
                errors[0].message
            );
            assert_eq!(&yaml[errors[0].span.clone()], underlined, "{value}");
        }
    }

    #[test]
    fn a_bad_regex_and_a_bad_date_are_errors_at_their_text() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    forbid: 'fo(o'\n  - id: b\n    claim: c\n    date: 2025-02-30\n";
        let errors = load(yaml).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(&yaml[errors[0].span.clone()], "'fo(o'");
        assert!(errors[0].message.contains("does not compile"));
        assert_eq!(&yaml[errors[1].span.clone()], "2025-02-30");
    }

    #[test]
    fn default_unstated_levels_by_kind_and_forbid_is_never_unstated() {
        let head = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n";
        let yaml = format!(
            "{head}  - id: q\n    claim: c\n    quantity: {{value: 1, unit: year}}\n  \
             - id: d\n    claim: c\n    date: '2025'\n  \
             - id: a\n    claim: c\n    absent: [toll]\n  \
             - id: p\n    claim: c\n    present: [toll]\n  \
             - id: f\n    claim: c\n    forbid: toll\n  \
             - id: r\n    claim: c\n    require: toll\n"
        );
        let rules = load(&yaml).expect("loads");
        let levels: Vec<(Option<Severity>, Option<Severity>)> = rules.subjects[0]
            .facts
            .iter()
            .map(|f| (f.contradiction, f.unstated))
            .collect();
        let (e, w, i) = (Severity::Error, Severity::Warning, Severity::Info);
        assert_eq!(
            levels,
            [
                (Some(e), Some(w)),
                (Some(e), Some(w)),
                (Some(e), Some(i)),
                (Some(e), Some(i)),
                (Some(e), None),
                (Some(e), Some(w)),
            ]
        );
        let off = format!(
            "{head}  - id: f\n    claim: c\n    forbid: toll\n    severity: {{unstated: off}}\n"
        );
        assert!(load(&off).is_ok());
        let on = format!(
            "{head}  - id: f\n    claim: c\n    forbid: toll\n    severity: {{unstated: warning}}\n"
        );
        let errors = load(&on).unwrap_err();
        assert!(
            errors[0].message.contains("cannot state"),
            "{}",
            errors[0].message
        );
        assert_eq!(&on[errors[0].span.clone()], "unstated");
    }

    #[test]
    fn a_fact_needs_exactly_one_kind() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n";
        let errors = load(yaml).unwrap_err();
        assert!(
            errors[0].message.contains("must have one of"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn line_starts_give_the_line_of_every_offset() {
        // finding 14: a binary search in place of counting the newlines
        // before each fact
        let text = "a\nbc\n\nd\n";
        let lines = LineStarts::new(text);
        for offset in 0..=text.len() {
            let counted = text[..offset].matches('\n').count() + 1;
            assert_eq!(lines.line_of(offset), counted, "{offset}");
        }
        assert_eq!(LineStarts::new("").line_of(0), 1);
    }

    #[test]
    fn duplicates_are_found_in_one_pass() {
        // finding 14: a map in place of scanning the facts before each
        let ids = [Some("a"), Some("b"), None, Some("a"), Some("b"), Some("a")];
        assert_eq!(
            first_duplicates(ids),
            [None, None, None, Some(0), Some(1), Some(0)]
        );
        let many: Vec<String> = (0..50_000).map(|i| format!("f{}", i % 25_000)).collect();
        let found = first_duplicates(many.iter().map(|s| Some(s.as_str())));
        assert_eq!(found[24_999], None);
        assert_eq!(found[49_999], Some(24_999));
    }

    #[test]
    fn a_duplicate_among_many_facts_names_the_line_of_the_first() {
        let mut yaml =
            String::from("subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n");
        for i in 0..20_000 {
            yaml.push_str(&format!("  - id: f{i}\n    claim: c\n    date: 2025\n"));
        }
        yaml.push_str("  - id: f19999\n    claim: c\n    date: 2025\n");
        let errors = load(&yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].help.as_deref(),
            Some("the first is on line 60004; give each fact its own id")
        );
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(parse_date("2025-01-17"), Some((2025, Some(1), Some(17))));
        assert_eq!(parse_date("2024-02-29"), Some((2024, Some(2), Some(29))));
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13"), None);
        assert_eq!(parse_date("2025"), Some((2025, None, None)));
        for wrong in [
            "0",
            "20250117",
            "99999",
            "0000-01-01",
            "2025-1-17",
            "-5",
            "3000",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong}");
        }
    }

    fn messages(yaml: &str) -> Vec<(String, String, Severity)> {
        let problems = match load(yaml) {
            Ok(rules) => rules.warnings,
            Err(problems) => problems,
        };
        problems
            .into_iter()
            .map(|e| (yaml[e.span.clone()].to_owned(), e.message, e.severity))
            .collect()
    }

    fn with_quantity(extra: &str) -> String {
        format!("subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: fee\n    claim: c\n    quantity: {{ value: 35, unit: dollar{extra} }}\n")
    }

    #[test]
    fn per_and_tolerance_load() {
        let rules = load(&with_quantity(", per: months, tolerance: 2%")).expect("loads");
        let fact = &rules.subjects[0].facts[0];
        assert_eq!(fact.per.as_deref(), Some("month"));
        assert_eq!(fact.tolerance, Some(Tolerance::Relative(0.02)));
        let rules = load(&with_quantity(", tolerance: 5")).expect("loads");
        let fact = &rules.subjects[0].facts[0];
        assert_eq!(fact.per, None);
        assert_eq!(fact.tolerance, Some(Tolerance::Absolute(5.0)));
        assert_eq!(fact.tolerance.map(|t| t.amount(35.0)), Some(5.0));
        assert!(fact.takes_per(None) && !fact.takes_per(Some("share")));
        // an amount in decades is kept in years
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: t\n    claim: c\n    quantity: { value: 2, unit: decade, tolerance: 1 }\n";
        let rules = load(yaml).expect("loads");
        assert_eq!(
            rules.subjects[0].facts[0].tolerance,
            Some(Tolerance::Absolute(10.0))
        );
    }

    #[test]
    fn words_in_capitals_are_acronyms_and_match_names_wants_names() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [Harbor Levy Act, HLA, H.R. 12]\n  aliases: [act, FTCs, DFO]\n  match: names\nfacts: []\n";
        let rules = load(yaml).expect("loads");
        let subject = &rules.subjects[0];
        // "FTCs" is no acronym: it has a lower-case letter
        assert_eq!(subject.acronyms, ["hla", "dfo"]);
        assert!(subject.names_only);
        let found = messages(&yaml.replace("  names: [Harbor Levy Act, HLA, H.R. 12]\n", ""));
        let errors: Vec<&str> = found
            .iter()
            .filter(|(_, _, s)| *s == Severity::Error)
            .map(|(at, _, _)| at.as_str())
            .collect();
        assert_eq!(errors, ["names"], "{found:?}");
        let found = messages(&yaml.replace("match: names", "match: name"));
        assert!(
            found[0].1.contains("`names` or `names-or-parties`"),
            "{found:?}"
        );
    }

    #[test]
    fn other_currencies_are_money_units() {
        for (unit, code) in [
            ("yen", "jpy"),
            ("'¥'", "jpy"),
            ("roubles", "rub"),
            ("franc", "chf"),
        ] {
            let yaml = with_quantity("").replace("unit: dollar", &format!("unit: {unit}"));
            let rules = load(&yaml).expect(unit);
            assert!(
                matches!(
                    &rules.subjects[0].facts[0].kind,
                    FactKind::Quantity { dimension: Dimension::Money(c), .. } if c == code
                ),
                "{unit}"
            );
            assert!(rules.warnings.is_empty(), "{unit}: {:?}", rules.warnings);
        }
    }

    #[test]
    fn a_bad_per_or_tolerance_is_an_error_at_its_value() {
        for (extra, at, says) in [
            (", per: a month", "a month", "write `per: month`"),
            (", per: 5", "5", "one word"),
            (", per: 'month!'", "'month!'", "one word"),
            (", tolerance: -1", "-1", "write `tolerance: 1%`"),
            (", tolerance: 150%", "150%", "write `tolerance: 1%`"),
            (", tolerance: lots", "lots", "write `tolerance: 1%`"),
        ] {
            let yaml = with_quantity(extra);
            let errors = load(&yaml).expect_err(extra);
            assert_eq!(errors.len(), 1, "{extra}: {errors:?}");
            assert_eq!(yaml[errors[0].span.clone()].trim(), at, "{extra}");
            assert_eq!(errors[0].severity, Severity::Error, "{extra}");
            let text = format!(
                "{} {}",
                errors[0].message,
                errors[0].help.clone().unwrap_or_default()
            );
            assert!(text.contains(says), "{extra}: {text}");
        }
        // a tolerance that is no scalar fails the shape check
        let found = messages(&with_quantity(", tolerance: [1]"));
        assert!(
            found.iter().any(|(_, m, _)| m.contains("percentage")),
            "{found:?}"
        );
    }

    #[test]
    fn a_subject_that_matches_nothing_and_an_empty_alias_list() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  aliases: [deal]\nfacts:\n  - id: a\n    claim: c\n    date: 2025\n";
        let found = messages(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "subject");
        assert!(found[0].1.contains("matches nothing"), "{}", found[0].1);
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\n  aliases: []\n  parties:\n    - [A]\n    - []\nfacts:\n  - id: a\n    claim: c\n    date: 2025\n";
        let found = messages(yaml);
        assert_eq!(found[0].0, "aliases");
        assert!(found[0].1.contains("empty list"), "{}", found[0].1);
        assert_eq!(found[1].0, "[]");
        assert!(found[1].1.contains("party with no names"), "{}", found[1].1);
    }

    #[test]
    fn a_duplicate_fact_id_is_underlined_where_it_repeats() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    date: 2025\n  - id: a\n    claim: d\n    date: 2026\n";
        let errors = load(yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].span.start, yaml.rfind("a\n").unwrap());
        assert_eq!(
            errors[0].help.as_deref(),
            Some("the first is on line 7; give each fact its own id")
        );
    }

    #[test]
    fn units_the_reader_cannot_read_or_convert() {
        let fact = |unit: &str| {
            format!("subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    quantity: {{value: 3, unit: {unit}}}\n")
        };
        let found = messages(&fact("'sq km'"));
        assert_eq!(found[0].2, Severity::Error);
        assert!(
            found[0].1.contains("does not know the unit `sq km`"),
            "{}",
            found[0].1
        );
        let found = messages(&fact("hour"));
        assert_eq!(found[0].2, Severity::Warning);
        assert!(
            found[0].1.contains("does not convert `hour`"),
            "{}",
            found[0].1
        );
        let yaml = fact("yaer");
        let rules = load(&yaml).expect("a warning does not stop loading");
        assert_eq!(
            rules.warnings[0].help.as_deref(),
            Some("did you mean `year`?")
        );
        // percent is read in all its forms ("15%", "15 per cent", "15pc")
        assert_eq!(messages(&fact("percent")), []);
        for fine in ["year", "$", "lane", "seats", "quarter-century"] {
            assert!(messages(&fact(fine)).is_empty(), "{fine}");
        }
        let rules = load(&fact("'$'")).unwrap();
        assert!(matches!(
            &rules.subjects[0].facts[0].kind,
            FactKind::Quantity {
                dimension: Dimension::Money(_),
                ..
            }
        ));
    }

    #[test]
    fn examples_load_with_their_place_and_are_checked() {
        let head = "subject:\n  id: x\n  name: X\n  source: s\n  names: [X]\nfacts:\n  - id: a\n    claim: c\n    quantity: {value: 3, unit: lane}\n    examples:\n";
        let yaml = format!("{head}      - states: X has three lanes.\n      - contradicts: X has four lanes.\n        flags: four lanes\n      - unstated: X is red.\n        markup: markdown\n");
        let rules = load(&yaml).expect("loads");
        let examples = &rules.subjects[0].facts[0].examples;
        assert_eq!(examples.len(), 3);
        assert_eq!(&yaml[examples[1].span.clone()], "X has four lanes.");
        assert_eq!(examples[1].flags.as_deref(), Some("four lanes"));
        assert_eq!(examples[2].markup, Markup::Markdown);
        let bad = format!("{head}      - states: X has three lanes.\n        flags: three\n      - contradicts: X has four lanes.\n        flags: five lanes\n      - states: a\n        unstated: b\n");
        let found = messages(&bad);
        let texts: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(texts, ["three", "five lanes", "states: a"], "{found:?}");
    }
}
