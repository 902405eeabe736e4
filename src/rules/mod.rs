//! Rule files: the YAML schema, loading (from disk or the embedded default),
//! and validation with positions in the YAML.

mod schema;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::diagnostic::Severity;
use crate::reader::normalize;
use crate::reader::quantities::{Dimension, Units};
use crate::source::walk::io_message;
use schema::{FactSpec, LevelSpec, RuleFileSpec, SubjectSpec};

/// The bundled rule file, used when no rules are named.
pub const DEFAULT_RULES: &str = include_str!("../../rules/ru-ir-treaty.yaml");
/// The name the bundled rule file is shown under.
pub const DEFAULT_RULES_NAME: &str = "rules/ru-ir-treaty.yaml";

/// A problem in a rule file, with its place in the YAML.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub path: String,
    /// The rule file's text, so the error can be shown in context.
    pub source: String,
    pub span: Range<usize>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
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
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub id: String,
    pub name: String,
    /// Normalised word sequences.
    pub names: Vec<Vec<String>>,
    pub parties: Vec<Vec<Vec<String>>>,
    pub aliases: Vec<String>,
    pub year: Option<i32>,
    pub distinct_from: Vec<Vec<String>>,
    pub source: String,
    pub reported_speech: Option<Option<Severity>>,
    pub facts: Vec<Fact>,
    /// The rule file it came from, as shown to users.
    pub path: String,
}

/// Every subject loaded, with the unit words their facts need.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub subjects: Vec<Subject>,
    pub units: Units,
}

impl RuleSet {
    /// The embedded default rules.
    pub fn bundled() -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::from_sources(&[(DEFAULT_RULES_NAME.to_owned(), DEFAULT_RULES.to_owned())])
    }

    /// Rules from files and folders (every `.yaml`/`.yml` file in a folder).
    pub fn load(paths: &[PathBuf]) -> Result<RuleSet, Vec<RuleError>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            match rule_files(path) {
                Ok(files) => {
                    for file in files {
                        match std::fs::read_to_string(&file) {
                            Ok(text) => sources.push((file.display().to_string(), text)),
                            Err(e) => errors.push(plain_error(
                                &file,
                                &format!("cannot read rule file: {}", io_message(&e)),
                            )),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        RuleSet::from_sources(&sources)
    }

    /// Rules from (display path, YAML text) pairs.
    pub fn from_sources(sources: &[(String, String)]) -> Result<RuleSet, Vec<RuleError>> {
        let mut subjects: Vec<Subject> = Vec::new();
        let mut errors = Vec::new();
        let mut units = Units::builtin();
        for (path, text) in sources {
            match parse(path, text, &mut units) {
                Ok(subject) => {
                    if subjects.iter().any(|s| s.id == subject.id) {
                        errors.push(error_at(
                            path,
                            text,
                            &subject.id,
                            format!("subject id `{}` is defined twice", subject.id),
                        ));
                    }
                    subjects.push(subject);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(RuleSet { subjects, units })
        } else {
            Err(errors)
        }
    }

    pub fn fact(&self, rule: &str) -> Option<(&Subject, &Fact)> {
        self.subjects
            .iter()
            .find_map(|s| s.facts.iter().find(|f| f.rule == rule).map(|f| (s, f)))
    }
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
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
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
    }
}

/// An error placed at the first occurrence of `needle` in the YAML (the
/// schema types carry no positions of their own).
fn error_at(path: &str, text: &str, needle: &str, message: String) -> RuleError {
    let start = text.find(needle).unwrap_or(0);
    let end = if needle.is_empty() {
        start
    } else {
        start + needle.len().min(text.len() - start)
    };
    RuleError {
        path: path.to_owned(),
        source: text.to_owned(),
        span: start..end,
        message,
    }
}

fn parse(path: &str, text: &str, units: &mut Units) -> Result<Subject, Vec<RuleError>> {
    let spec: RuleFileSpec = serde_yaml::from_str(text).map_err(|e| {
        let start = e.location().map_or(0, |l| l.index().min(text.len()));
        let end = token_end(text, start);
        vec![RuleError {
            path: path.to_owned(),
            source: text.to_owned(),
            span: start..end,
            message: yaml_message(&e),
        }]
    })?;
    compile(path, text, spec, units)
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

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .map(|w| normalize::word(w).into_owned())
        .collect()
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

fn compile(
    path: &str,
    text: &str,
    spec: RuleFileSpec,
    units: &mut Units,
) -> Result<Subject, Vec<RuleError>> {
    let mut errors = Vec::new();
    let SubjectSpec {
        id,
        name,
        names,
        parties,
        aliases,
        year,
        distinct_from,
        source,
        reported_speech,
    } = spec.subject;
    if !valid_id(&id) {
        errors.push(error_at(
            path,
            text,
            &id,
            format!("subject id `{id}` must be lower-case letters, digits and dashes"),
        ));
    }
    if aliases.is_empty() && names.is_empty() {
        errors.push(error_at(
            path,
            text,
            "subject:",
            "the subject needs `names` or `aliases`: nothing would make a draft about it"
                .to_owned(),
        ));
    }
    let mut facts = Vec::new();
    // Found once for the file: looking each fact up in the text would cost
    // the file's length per fact, minutes for a file of ten thousand facts.
    let lines = fact_lines(text);
    let mut ids = std::collections::HashSet::new();
    for fact in spec.facts {
        let line = lines.get(fact.id.as_str()).copied().unwrap_or(1);
        match compile_fact(path, text, &id, fact, line, units) {
            Ok(f) => {
                if !ids.insert(f.rule.clone()) {
                    errors.push(error_at(
                        path,
                        text,
                        &f.rule[id.len() + 1..],
                        format!("fact id `{}` is defined twice", f.rule),
                    ));
                }
                facts.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Subject {
        name,
        names: names.iter().map(|n| words(n)).collect(),
        parties: parties
            .iter()
            .map(|g| g.iter().map(|p| words(p)).collect())
            .collect(),
        aliases: aliases
            .iter()
            .map(|a| normalize::singular(&normalize::word(a)).into_owned())
            .collect(),
        year,
        distinct_from: distinct_from.iter().map(|n| words(n)).collect(),
        source: source.trim().to_owned(),
        reported_speech: reported_speech.map(|l| level(Some(l), None)),
        facts,
        path: path.to_owned(),
        id,
    })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The 1-based line of each `id: <id>` in a rule file's text, first one
/// first; the subject's id is among them, which is harmless.
fn fact_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start().trim_start_matches('-').trim_start();
        if let Some(id) = line.strip_prefix("id:") {
            let id = id.split(" #").next().unwrap_or_default();
            let id = id.trim().trim_matches(['"', '\'']);
            lines.entry(id).or_insert(n + 1);
        }
    }
    lines
}

/// `line` is where the fact is defined.
fn compile_fact(
    path: &str,
    text: &str,
    subject: &str,
    spec: FactSpec,
    line: usize,
    units: &mut Units,
) -> Result<Fact, RuleError> {
    let at = |needle: &str, message: String| error_at(path, text, needle, message);
    let id_needle = format!("id: {}", spec.id);
    if !valid_id(&spec.id) {
        return Err(at(
            &spec.id,
            format!(
                "fact id `{}` must be lower-case letters, digits and dashes",
                spec.id
            ),
        ));
    }
    let given = [
        spec.quantity.is_some(),
        spec.date.is_some(),
        spec.absent.is_some(),
        spec.present.is_some(),
        spec.forbid.is_some(),
        spec.require.is_some(),
    ]
    .iter()
    .filter(|g| **g)
    .count();
    if given != 1 {
        return Err(at(
            &id_needle,
            format!(
                "fact `{}` must have exactly one of `quantity`, `date`, `absent`, `present`, `forbid`, `require` (it has {given})",
                spec.id
            ),
        ));
    }
    let kind = if let Some(q) = spec.quantity {
        let unit = normalize::singular(&normalize::word(&q.unit)).into_owned();
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
        }
        let factor = units.for_rule(&unit).map_or(1.0, |u| u.factor);
        if !q.value.is_finite() {
            return Err(at(
                "value:",
                "a quantity's value must be a number".to_owned(),
            ));
        }
        FactKind::Quantity {
            value: q.value,
            unit,
            dimension,
            base_value: q.value * factor,
        }
    } else if let Some(d) = &spec.date {
        let (year, month, day) = parse_date(d).ok_or_else(|| {
            at(
                d,
                format!("`{d}` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        })?;
        FactKind::Date { year, month, day }
    } else if let Some(phrases) = spec.absent.as_ref().or(spec.present.as_ref()) {
        if phrases.is_empty() {
            return Err(at(
                &id_needle,
                format!("fact `{}` lists no phrases", spec.id),
            ));
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
        if let Some((i, _)) = compiled
            .iter()
            .enumerate()
            .find(|(_, p)| p.iter().all(Option::is_none))
        {
            return Err(at(
                &phrases[i],
                format!("phrase `{}` has no words", phrases[i]),
            ));
        }
        if spec.absent.is_some() {
            FactKind::Absent(compiled)
        } else {
            FactKind::Present(compiled)
        }
    } else {
        let pattern = spec
            .forbid
            .as_ref()
            .or(spec.require.as_ref())
            .map_or("", String::as_str);
        let re = regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                let message = match e {
                    // The regex crate runs in linear time, but a pattern such
                    // as `(\w{100}){100}` compiles to a machine of gigabytes.
                    regex::Error::CompiledTooBig(limit) => format!(
                        "the regular expression is too large: compiled, it would take \
                         more than {} KiB; use fewer or smaller repetitions",
                        limit / 1024
                    ),
                    e => format!(
                        "the regular expression does not compile: {}",
                        first_line(&e.to_string())
                    ),
                };
                at(pattern, message)
            })?;
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
                return Err(at(
                    "unstated:",
                    format!(
                        "fact `{}` is a `forbid` pattern, which a draft cannot state: \
                         remove `severity.unstated`",
                        spec.id
                    ),
                ));
            }
            None
        }
        FactKind::Absent(_) | FactKind::Present(_) => {
            level(spec.severity.unstated, Some(Severity::Info))
        }
        _ => level(spec.severity.unstated, Some(Severity::Warning)),
    };
    Ok(Fact {
        rule: format!("{subject}/{}", spec.id),
        claim: spec.claim.trim().to_owned(),
        contradiction: level(spec.severity.contradiction, Some(Severity::Error)),
        unstated,
        cues: spec
            .cues
            .iter()
            .map(|c| words(c))
            .filter(|c| !c.is_empty())
            .collect(),
        help: spec.help,
        kind,
        line,
    })
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_owned()
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checked against the calendar.
pub fn parse_date(s: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let mut parts = s.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u32> = match parts.next() {
        Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day: Option<u32> = match parts.next() {
        Some(d) => {
            let month = month?;
            Some(
                d.parse()
                    .ok()
                    .filter(|d| *d >= 1 && *d <= days_in_month(year, month))?,
            )
        }
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
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  aliases: [deal]\nfacts:\n  - id: a\n    claim: c\n    quantiy: {value: 1, unit: year}\n";
        let errors = load(yaml).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("unknown field `quantiy`"),
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
            let yaml = format!("subject:\n  id: x\n  name: X\n  source: s\n  aliases: [deal]\nfacts:\n  - id: a\n    claim: c\n    quantity: {value}\n");
            let errors = load(&yaml).unwrap_err();
            assert_eq!(errors.len(), 1, "{value}");
            assert!(
                errors[0].message.contains("invalid type"),
                "{}",
                errors[0].message
            );
            assert_eq!(&yaml[errors[0].span.clone()], underlined, "{value}");
        }
    }

    #[test]
    fn a_bad_regex_and_a_bad_date_are_errors_at_their_text() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  aliases: [deal]\nfacts:\n  - id: a\n    claim: c\n    forbid: 'fo(o'\n  - id: b\n    claim: c\n    date: 2025-02-30\n";
        let errors = load(yaml).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(&yaml[errors[0].span.clone()], "fo(o");
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
        assert_eq!(&on[errors[0].span.clone()], "unstated:");
    }

    #[test]
    fn a_fact_needs_exactly_one_kind() {
        let yaml = "subject:\n  id: x\n  name: X\n  source: s\n  aliases: [deal]\nfacts:\n  - id: a\n    claim: c\n";
        let errors = load(yaml).unwrap_err();
        assert!(errors[0].message.contains("exactly one of"));
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(parse_date("2025-01-17"), Some((2025, Some(1), Some(17))));
        assert_eq!(parse_date("2024-02-29"), Some((2024, Some(2), Some(29))));
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13"), None);
        assert_eq!(parse_date("2025"), Some((2025, None, None)));
    }
}
