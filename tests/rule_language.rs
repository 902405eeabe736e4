//! The rule language's keys for subjects of any shape — `other-values`,
//! `except`, `match: names`, acronyms, lengths, a `require` fact's role —
//! and the figures a fact's sentences carry to it, checked through the
//! library on a subject and drafts written for these tests.

use factlint::check::Checker;
use factlint::diagnostic::Kind;
use factlint::rules::RuleSet;
use factlint::source::{Document, Markup};

const LEVY: &str = "subject:
  id: levy
  name: Norvale Transit Levy
  names: [Norvale Transit Levy, NTL]
  parties:
    - [Norvale]
    - [Estwick]
  aliases: [levy, compact]
  source: Norvale council, ordinance 14
MATCH
facts:
  - id: revenue
    claim: The levy raises $2.4 billion.
    quantity: { value: 2400000000, unit: dollar }
    cues: [raise, revenue]
    other-values: [1900000000]
  - id: bus-grant
    claim: The levy pays a grant of up to $50,000 for each new bus.
    quantity: { value: 50000, unit: dollar }
    cues: [grant]
    except: [used]
  - id: rail-length
    claim: The levy's rail line is 40 km long.
    quantity: { value: 40, unit: km }
    cues: [line]
  - id: expiry
    claim: The levy expires in 2040, after an extension.
    date: \"2040\"
    cues: [expire]
    other-values: [\"2035\"]
";

fn rules(matching: &str) -> RuleSet {
    load(&LEVY.replace("MATCH\n", matching))
}

/// A rule file of these tests, loaded.
fn load(yaml: &str) -> RuleSet {
    RuleSet::from_sources(&[("test.yaml".to_owned(), yaml.to_owned())]).expect("the rules load")
}

/// (fact, kind, the text flagged) for every finding.
fn findings_with(rules: &RuleSet, text: &str) -> Vec<(String, Kind, String)> {
    let doc = Document::read(text, Markup::Text);
    Checker::new(rules)
        .check(&doc)
        .into_iter()
        .map(|d| {
            let fact = d.rule.rsplit('/').next().unwrap_or_default().to_owned();
            (fact, d.kind, text[d.span.clone()].to_owned())
        })
        .collect()
}

/// (fact, the text flagged) for every contradiction.
fn contradictions_with(rules: &RuleSet, text: &str) -> Vec<(String, String)> {
    findings_with(rules, text)
        .into_iter()
        .filter(|(_, k, _)| *k == Kind::Contradiction)
        .map(|(f, _, t)| (f, t))
        .collect()
}

fn contradictions(text: &str) -> Vec<(String, String)> {
    contradictions_with(&rules(""), text)
}

fn pair(fact: &str, text: &str) -> (String, String) {
    (fact.to_owned(), text.to_owned())
}

#[test]
fn an_earlier_value_marked_or_not_says_nothing() {
    for text in [
        "The Norvale Transit Levy was first estimated to raise $1.9 billion.",
        "Auditors say the Norvale Transit Levy will raise $1.9 billion.",
        "The Norvale Transit Levy will raise about $1.9 billion in revenue.",
        "The Norvale Transit Levy was originally set to expire in 2035.",
    ] {
        assert_eq!(contradictions(text), [], "{text}");
    }
    // a value neither the fact's nor an other value still contradicts
    assert_eq!(
        contradictions("The Norvale Transit Levy will raise $3 billion."),
        [pair("revenue", "$3 billion")]
    );
    assert_eq!(
        contradictions("The Norvale Transit Levy now expires in 2045."),
        [pair("expiry", "2045")]
    );
    // an earlier value does not state the fact
    let found = findings_with(
        &rules(""),
        "The Norvale Transit Levy was first estimated to raise $1.9 billion.",
    );
    assert!(
        found.contains(&(
            "revenue".to_owned(),
            Kind::Unstated,
            "Norvale Transit Levy".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn a_term_that_names_nothing_takes_the_subject_around_it() {
    let levy = "The Norvale Transit Levy passed the council in March.";
    let also = "The levy also funds new buses.";
    // between sentences about the levy, or before the first that names it
    for text in [
        format!("{levy}\n\nOver ten years, $3.1 billion will be raised from riders.\n\n{also}"),
        "Over a decade, riders will raise $3.1 billion in fares.\n\n\
         The figure comes from the Norvale Transit Levy, passed in March."
            .to_owned(),
    ] {
        assert_eq!(
            contradictions(&text),
            [pair("revenue", "$3.1 billion")],
            "{text}"
        );
    }
    // how things stood or stand, a supposition, another instrument after
    // it, or too far from the levy: the figure may be about something else
    for text in [
        format!("{levy}\n\nLast year, fares raised $3.1 billion.\n\n{also}"),
        format!("{levy}\n\nFares can now raise $3.1 billion.\n\n{also}"),
        format!("{levy}\n\nBy May, fares had raised $3.1 billion.\n\n{also}"),
        format!("{levy}\n\nAbout $3.1 billion could be raised.\n\n{also}"),
        format!(
            "{levy}\n\nAbout $3.1 billion will be raised.\n\n\
             A compact between Norvale and Ashby covers ferries."
        ),
        format!(
            "{levy}\n\nBuses run late.\n\nTrams run early.\n\nFerries are full.\n\n\
             About $3.1 billion will be raised."
        ),
    ] {
        assert_eq!(contradictions(&text), [], "{text}");
    }
}

#[test]
fn an_exception_takes_the_figure_it_stands_nearest() {
    assert_eq!(
        contradictions("The NTL grant is $20,000 for a used bus."),
        []
    );
    assert_eq!(
        contradictions("The NTL pays a $50,000 grant for a new bus and $20,000 for a used one."),
        []
    );
    assert_eq!(
        contradictions("The NTL pays a $45,000 grant for a new bus and $20,000 for a used one."),
        [pair("bus-grant", "$45,000")]
    );
}

#[test]
fn match_names_wants_a_name() {
    let text =
        "Norvale and Estwick have signed a compact on ferry fares, worth $3 billion in revenue.";
    let about = findings_with(&rules(""), text);
    assert!(
        about.iter().any(|(_, k, _)| *k == Kind::Contradiction),
        "{about:?}"
    );
    let names_only = rules("  match: names\n");
    assert_eq!(findings_with(&names_only, text), []);
    let named = findings_with(
        &names_only,
        "The Norvale Transit Levy will raise $3 billion.",
    );
    assert!(named.contains(&(
        "revenue".to_owned(),
        Kind::Contradiction,
        "$3 billion".to_owned()
    )));
}

#[test]
fn an_acronym_matches_only_in_capitals() {
    let rules = rules("");
    assert_eq!(
        findings_with(
            &rules,
            "The ntl league gave out 300 grants worth $3 billion in revenue."
        ),
        []
    );
    let found = findings_with(&rules, "The NTL's revenue will be $3 billion.");
    assert!(
        found.contains(&(
            "revenue".to_owned(),
            Kind::Contradiction,
            "$3 billion".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn a_length_in_miles_states_a_fact_in_kilometres() {
    for text in [
        "The NTL rail line will run 25 miles.",
        "The NTL builds a 40-kilometre line.",
        "The NTL rail line is 40,000 metres long.",
    ] {
        assert_eq!(contradictions(text), [], "{text}");
    }
    assert_eq!(
        contradictions("The NTL rail line will run 30 miles."),
        [pair("rail-length", "30 miles")]
    );
}

#[test]
fn a_require_fact_with_cues_is_contradicted_by_another_name_in_its_role() {
    let yaml = "subject:
  id: quay-report
  name: Eastgate Quay Report
  names: [Eastgate Quay Report]
  aliases: [report, review]
  source: Eastgate harbour board
facts:
  - id: author
    claim: The report was written by Dana Whitfield.
    require: 'Dana Whitfield|Whitfield'
    cues: [written by, led by]
";
    let rules = load(yaml);
    let contradicted = |text: &str| -> Vec<String> {
        contradictions_with(&rules, text)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    };
    let report = "The Eastgate Quay Report came out on Monday.";
    assert_eq!(
        contradicted(&format!(
            "{report} The report, written by Lee Marsh, is short."
        )),
        ["Lee Marsh"]
    );
    for text in [
        format!("{report} It was written by Dana Whitfield."),
        format!("{report} The review was not led by Lee Marsh."),
        format!("{report} A 2019 survey of the pier was written by Sam Ito."),
        format!("{report} The report was written by the harbour board."),
    ] {
        assert_eq!(contradicted(&text), Vec::<String>::new(), "{text}");
    }
}

const SALE: &str = "subject:
  id: sale
  name: Halvern's purchase of Brightwave
  names: [Halvern-Brightwave deal]
  parties:
    - [Halvern]
    - [Brightwave]
  aliases: [deal, takeover]
  source: Halvern filing
facts:
  - id: price
    claim: Halvern pays $95 per Brightwave share.
    quantity: { value: 95, unit: dollar, per: share }
    cues: [pays, price]
  - id: closed
    claim: The deal closed on 13 October 2032.
    date: 2032-10-13
    cues: [close, closed]
";

fn sale_contradictions(text: &str) -> Vec<(String, String)> {
    let rules = load(SALE);
    contradictions_with(&rules, text)
}

#[test]
fn a_rate_is_cued_by_its_own_denominator() {
    let text = "The Halvern-Brightwave deal values Brightwave at $105 a share.";
    assert_eq!(sale_contradictions(text), [pair("price", "$105 a share")]);
}

#[test]
fn a_plan_a_deadline_or_a_later_clause_of_time_contradicts_nothing() {
    for text in [
        "The Halvern-Brightwave deal is expected to close on 30 June 2032.",
        "The Halvern-Brightwave deal should close by 30 June 2032.",
        "Halvern-Brightwave deal talks ran long. \
         Brightwave's price hit $82 a share after the deal was announced.",
    ] {
        assert_eq!(sale_contradictions(text), [], "{text}");
    }
    // the plan in one clause, what happened in the next
    let text = "The Halvern-Brightwave deal was expected to close in June 2032 \
                but closed on 14 October 2032.";
    assert_eq!(
        sale_contradictions(text),
        [pair("closed", "14 October 2032")]
    );
}

const FALL: &str = "subject:
  id: quay-fall
  name: the fall of the Tarn Quay
  names: [Tarn Quay]
  aliases: [collapse, quay]
  match: names
  source: Port board report
facts:
  - id: toll
    claim: Six people died in the collapse.
    quantity: { value: 6, unit: person, also: [people] }
    cues: [died, killed]
  - id: fell-on
    claim: The quay collapsed on 14 March 2029.
    date: 2029-03-14
    cues: [collapse, collapsed]
";

#[test]
fn a_clause_of_time_that_tells_the_subjects_own_event_keeps_the_claim() {
    let rules = load(FALL);
    let text = "Seven people were killed when the Tarn Quay collapsed.";
    assert_eq!(
        contradictions_with(&rules, text),
        [pair("toll", "Seven people")]
    );
    // a date of another verb, in a relative clause or before a that-clause
    for text in [
        "The Tarn Quay, which opened in 1971, collapsed on 14 March 2029.",
        "Engineers had warned in 2019 that the Tarn Quay could collapse.",
    ] {
        assert_eq!(contradictions_with(&rules, text), [], "{text}");
    }
}

const RULING: &str = "subject:
  id: ruling
  name: Harlow v. Denby County
  names: [Harlow v. Denby County]
  aliases: [ruling, case]
  match: names
  year: 2031
  source: Supreme Court opinion
facts:
  - id: damages
    claim: The court upheld damages of $4.2 million.
    quantity: { value: 4200000, unit: dollar }
    cues: [damages, awarded]
";

#[test]
fn a_case_name_with_v_is_a_name_and_an_earlier_years_figure_is_no_contradiction() {
    let rules = load(RULING);
    let text = "In Harlow v. Denby County, the court upheld $5 million in damages.";
    assert_eq!(
        contradictions_with(&rules, text),
        [pair("damages", "$5 million")]
    );
    let text = "A lower court had awarded $5 million in Harlow v. Denby County in 2029.";
    assert_eq!(contradictions_with(&rules, text), []);
}

#[test]
fn rules_check_shows_a_misused_key_on_the_yaml() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let yaml = LEVY
        .replace("MATCH\n", "  match: name\n")
        .replace("other-values: [1900000000]", "other-value: [1900000000]")
        .replace("other-values: [\"2035\"]", "other-values: [\"$2035\"]");
    std::fs::write(dir.path().join("levy.yaml"), yaml).expect("written");
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("factlint");
    let output = cmd
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["rules", "check", "levy.yaml"])
        .output()
        .expect("factlint runs");
    let shown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{shown}");
    for expected in [
        "`subject.match` must be one of `names` or `names-or-parties`, not `name`",
        "--> levy.yaml:10:10",
        "did you mean `names`?",
        "`facts[0]` has an unknown key `other-value`",
        "did you mean `other-values`?",
        "`$2035` is not a value of this fact: a date fact's other values are dates",
    ] {
        assert!(shown.contains(expected), "{expected}\n{shown}");
    }
}
