//! A small subject for the module tests of the reading, written for them:
//! an accord between Norway and Chile on a harbour, with one duration fact.

use crate::rules::RuleSet;

const RULES: &str = r#"
subject:
  id: harbor-accord
  name: Harbor Cooperation Accord
  names: [Harbor Cooperation Accord]
  parties:
    - [Norway, Norwegian, Oslo]
    - [Chile, Chilean, Santiago]
  aliases: [accord, agreement, deal]
  year: 2031
  distinct-from: [Fisheries Compact]
  source: Harbor Cooperation Accord, as signed in Oslo
facts:
  - id: term
    claim: The accord runs for 12 years.
    quantity:
      value: 12
      unit: year
    cues: [run, last, valid]
"#;

/// The rules of the test subject.
pub(super) fn rules() -> RuleSet {
    match RuleSet::from_sources(&[("harbor.yaml".to_owned(), RULES.to_owned())]) {
        Ok(rules) => rules,
        Err(errors) => panic!(
            "test rules: {:?}",
            errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        ),
    }
}
