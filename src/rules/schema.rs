//! The YAML schema of a rule file, as serde types. Every key is documented in
//! docs/rules.md. Unknown keys are errors, reported by the shape check
//! (validate.rs) with a suggestion; serde skips them, so that the rest of
//! the file is still compiled and its other problems reported too.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RuleFileSpec {
    pub subject: SubjectSpec,
    pub facts: Vec<FactSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SubjectSpec {
    /// Prefix of every rule id: `<id>/<fact>`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Names that identify the subject on their own.
    #[serde(default)]
    pub names: Vec<String>,
    /// Groups of names for each party; a draft naming one of each group and an
    /// alias is about the subject.
    #[serde(default)]
    pub parties: Vec<Vec<String>>,
    /// Common nouns used for the subject ("treaty", "pact").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words for the subject's own event ("acquire", "merge"): joining its
    /// parties in a clause, they name it.
    #[serde(default)]
    pub events: Vec<String>,
    /// The subject's year: an alias qualified by another year is another subject.
    pub year: Option<i32>,
    /// Names of other subjects whose statements are not this one's.
    #[serde(default)]
    pub distinct_from: Vec<String>,
    /// Where the facts come from, shown in every diagnostic's note.
    pub source: String,
    /// Severity of contradictions in quotations or reported speech; by default
    /// the fact's own.
    pub reported_speech: Option<LevelSpec>,
    /// What makes a draft about the subject: `names` alone, or (the
    /// default) `names` or every party with an alias.
    #[serde(rename = "match")]
    pub match_: Option<MatchSpec>,
}

/// A subject's `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchSpec {
    Names,
    NamesOrParties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct FactSpec {
    pub id: String,
    /// The fact in words.
    pub claim: String,
    #[serde(default)]
    pub severity: SeveritySpec,
    /// Words near which a bare statement counts ("valid for 20 years", "signed on").
    #[serde(default)]
    pub cues: Vec<String>,
    /// Words that, in a figure's own phrase, make it another fact's
    /// ("used" for the new-vehicle credit).
    #[serde(default)]
    pub except: Vec<String>,
    /// Values the fact once had or that other sources give: numbers in the
    /// quantity's unit, or dates; as written, since YAML reads `2021` as a
    /// number and `2021-02` as text.
    #[serde(default)]
    pub other_values: Vec<String>,
    /// The consistent wording, shown as help.
    pub help: Option<String>,
    pub quantity: Option<QuantitySpec>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// Phrases whose assertion contradicts the fact.
    pub absent: Option<Vec<String>>,
    /// Phrases whose denial contradicts the fact, and whose assertion states it.
    pub present: Option<Vec<String>>,
    /// A regular expression whose match contradicts the fact.
    pub forbid: Option<String>,
    /// A regular expression a draft about the subject must match.
    pub require: Option<String>,
    /// Drafts that state, contradict or leave the fact unstated; `factlint
    /// test` checks that the checker agrees.
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

/// One example: the label is the key its text is under.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ExampleSpec {
    pub states: Option<String>,
    pub contradicts: Option<String>,
    pub unstated: Option<String>,
    /// The words a `contradicts` example is flagged at.
    pub flags: Option<String>,
    /// How the example's text is read; plain text by default.
    pub markup: Option<MarkupSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkupSpec {
    Text,
    Markdown,
    Html,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SeveritySpec {
    pub contradiction: Option<LevelSpec>,
    pub unstated: Option<LevelSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelSpec {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct QuantitySpec {
    pub value: f64,
    /// Singular unit noun: a count noun of the rule's own ("article") or a
    /// built-in unit (year, decade, month, dollar, euro, pound).
    pub unit: String,
    /// Other count nouns that count the same thing ("point").
    #[serde(default)]
    pub also: Vec<String>,
    /// What the figure is counted per, for a rate: `month`, `share`.
    pub per: Option<String>,
    /// How far a draft's figure may be from the value and still agree: a
    /// percentage of it (`1%`) or a number in the fact's unit.
    pub tolerance: Option<ToleranceSpec>,
}

/// A tolerance as written: `5` or `"1%"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ToleranceSpec {
    Number(f64),
    Text(String),
}
