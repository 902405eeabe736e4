//! Reading accuracy on drafts written for these tests: each kind of difficulty
//! (number words, compounds, intervals, dates, negation, attribution, markup)
//! with wordings of its own. Checked through the library, as `check` does.

use factlint::check::Checker;
use factlint::diagnostic::Kind;
use factlint::rules::RuleSet;
use factlint::source::{Document, Markup};

/// (rule's fact, kind, the original text flagged) for every finding.
fn findings_with(rules: &RuleSet, text: &str, markup: Markup) -> Vec<(String, Kind, String)> {
    let checker = Checker::new(rules);
    let doc = Document::read(text, markup);
    checker
        .check(&doc)
        .into_iter()
        .map(|d| {
            let fact = d.rule.rsplit('/').next().unwrap_or_default().to_owned();
            (fact, d.kind, text[d.span.clone()].to_owned())
        })
        .collect()
}

fn findings(text: &str, markup: Markup) -> Vec<(String, Kind, String)> {
    let rules = RuleSet::bundled().expect("bundled rules");
    findings_with(&rules, text, markup)
}

fn contradictions(text: &str) -> Vec<(String, String)> {
    only_contradictions(findings(text, Markup::Markdown))
}

fn unstated(text: &str) -> Vec<String> {
    let mut facts: Vec<String> = findings(text, Markup::Markdown)
        .into_iter()
        .filter(|(_, k, _)| *k == Kind::Unstated)
        .map(|(f, _, _)| f)
        .collect();
    facts.sort();
    facts
}

fn pair(fact: &str, text: &str) -> (String, String) {
    (fact.to_owned(), text.to_owned())
}

#[test]
fn consistent_number_words_compounds_and_possessive_parties() {
    let text =
        "Moscow and Tehran's 20-year accord, inked on 17 January 2025, lists forty-seven articles.";
    assert!(contradictions(text).is_empty());
    assert_eq!(unstated(text), vec!["no-mutual-defense"]);
}

#[test]
fn units_convert_and_intervals_compare() {
    assert_eq!(
        contradictions(
            "The pact between Iran and Russia will remain in force for a quarter-century."
        ),
        vec![pair("term", "a quarter-century")]
    );
    assert!(contradictions(
        "The Russia–Iran treaty, which has roughly 50 articles, was signed in January 2025."
    )
    .is_empty());
    assert_eq!(
        contradictions(
            "The Russia–Iran treaty, with fewer than 40 articles, was signed on 16 January 2025."
        ),
        vec![
            pair("article-count", "fewer than 40 articles"),
            pair("signing-date", "16 January 2025")
        ]
    );
}

#[test]
fn denials_questions_and_whether_clauses() {
    let text = "Russia and Iran signed the treaty on the 17th of January. The Russia–Iran treaty is not a mutual-defence pact.";
    assert!(contradictions(text).is_empty());
    assert!(!unstated(text).contains(&"no-mutual-defense".to_owned()));
    let asked = "Critics asked whether the Russia–Iran treaty contains a mutual defense clause. Is it a defence pact?";
    assert!(contradictions(asked).is_empty());
    assert!(unstated(asked).contains(&"no-mutual-defense".to_owned()));
}

#[test]
fn other_years_other_parties_and_asides_are_other_subjects() {
    assert!(contradictions(
        "Iran and Russia's 2001 treaty ran for 10 years and had 21 articles. The new Russia–Iran treaty has 47."
    )
    .is_empty());
    let aside = "The Russia–Iran partnership treaty, unlike Russia's 2024 pact with North Korea, contains no mutual defence clause. The North Korea deal has 23 articles.";
    assert!(contradictions(aside).is_empty());
    assert!(!unstated(aside).contains(&"no-mutual-defense".to_owned()));
}

#[test]
fn deals_with_countries_and_bodies_the_rules_never_list_are_other_subjects() {
    let others = [
        "Moscow's 2024 pact with Pyongyang runs for 10 years and includes a mutual defence clause.",
        "Tehran's agreement with Beijing, signed in March 2021, is valid for 25 years.",
        "The Kremlin's treaty with the DPRK has 23 articles.",
        "Pyongyang treaty talks ended with a deal that has 12 articles.",
        "Iran's free trade agreement with the Eurasian Economic Union has 30 articles.",
    ];
    for other in others {
        let text = format!(
            "The Russia–Iran treaty, signed on 17 January 2025, has 47 articles and runs for 20 years. {other}"
        );
        assert!(contradictions(&text).is_empty(), "{other}");
    }
    let ours = "The Russia–Iran treaty runs for 25 years. Tehran's agreement with Beijing has 12 articles. The Kremlin's treaty with Tehran has 40 articles.";
    assert_eq!(
        contradictions(ours),
        vec![
            pair("term", "25 years"),
            pair("article-count", "40 articles")
        ]
    );
}

#[test]
fn a_date_belongs_to_its_nearest_event() {
    let text = "The Russia–Iran treaty, signed on January 17, 2025 and ratified by Iran on May 21, lasts two decades.";
    assert!(contradictions(text).is_empty());
    assert!(!unstated(text).contains(&"signing-date".to_owned()));
}

#[test]
fn a_duration_of_something_else_is_not_the_term() {
    let text = "Putin and Pezeshkian signed the 47-article Russia–Iran treaty. The treaty is valid for 20 years, with automatic five-year extensions.";
    assert!(contradictions(text).is_empty());
}

#[test]
fn renewals_and_extensions_are_not_the_term() {
    let text = "The Russia–Iran treaty has a term of two decades. It can then be prolonged by another ten years, and renews for successive three-year periods after that.";
    assert!(contradictions(text).is_empty());
    assert!(!unstated(text).contains(&"term".to_owned()));
}

#[test]
fn lists_and_tables_take_the_subject_from_enclosing_headings() {
    let text = "# Inside the Iran–Russia accord\n\nSome context first.\n\n## At a glance\n\n- Signing date: 12 January 2025\n- Length: 47 articles\n";
    assert_eq!(
        contradictions(text),
        vec![pair("signing-date", "12 January 2025")]
    );
}

#[test]
fn a_relative_clause_inside_an_aside_belongs_to_the_aside() {
    let text = "Like the 2019 pact with Belarus, which set up a joint air defence alliance, the Russia–Iran treaty covers security; unlike it, the Iranian deal has no mutual defence clause.";
    assert!(contradictions(text).is_empty());
}

#[test]
fn an_alias_between_new_parties_is_another_subject() {
    let text = "Oil traders watched Russia and Iran closely. An accord between three Caspian ports, inked in March, runs for five years and has 12 articles.";
    assert!(findings(text, Markup::Markdown).is_empty());
}

#[test]
fn spelled_ordinal_dates_are_read_and_fixed_in_their_form() {
    let got = findings(
        "Moscow and Tehran signed the partnership treaty on the nineteenth of January 2025.",
        Markup::Markdown,
    );
    assert!(got.contains(&(
        "signing-date".to_owned(),
        Kind::Contradiction,
        "the nineteenth of January 2025".to_owned()
    )));
}

#[test]
fn html_markup_and_number_words_point_at_the_original_bytes() {
    let text = "<p>The Russia&#8211;Iran treaty has <em>forty-five</em> articles and runs for <b>25</b> years.</p>";
    let got = findings(text, Markup::Html);
    let flagged: Vec<&str> = got
        .iter()
        .filter(|(_, k, _)| *k == Kind::Contradiction)
        .map(|(_, _, t)| t.as_str())
        .collect();
    assert_eq!(flagged, vec!["forty-five</em> articles", "25</b> years"]);
}

#[test]
fn reported_speech_is_still_a_contradiction() {
    let got = contradictions(
        "According to Iranian state media, the Russia–Iran treaty commits both countries to defend each other against attack.",
    );
    assert_eq!(got, vec![pair("no-mutual-defense", "defend each other")]);
}

#[test]
fn a_draft_that_never_names_the_subject_gets_nothing() {
    assert!(findings(
        "Russia's treaty with North Korea, signed in 2024, has 23 articles and a mutual defence clause.",
        Markup::Markdown
    )
    .is_empty());
}

mod second_subject {
    use super::*;

    fn bridge() -> RuleSet {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/bridge/harbor-bridge.yaml"
        );
        RuleSet::load(&[path.into()]).expect("bridge rules load")
    }

    fn run(name: &str) -> Vec<(String, Kind, String)> {
        let path = format!("{}/examples/bridge/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("draft");
        let markup = Markup::from_path(std::path::Path::new(&path)).unwrap_or(Markup::Text);
        findings_with(&bridge(), &text, markup)
    }

    #[test]
    fn a_consistent_draft_states_every_fact() {
        assert_eq!(run("consistent.md"), vec![]);
    }

    #[test]
    fn money_counts_years_and_an_absent_toll_are_contradicted() {
        let got: Vec<(String, String)> = run("wrong.md")
            .into_iter()
            .filter(|(_, k, _)| *k == Kind::Contradiction)
            .map(|(f, _, t)| (f, t))
            .collect();
        assert_eq!(
            got,
            vec![
                pair("lanes", "six lanes"),
                pair("opening-year", "2029"),
                pair("cost", "$900 million"),
                pair("no-toll", "toll"),
            ]
        );
    }

    #[test]
    fn million_dollars_in_words_and_a_toll_free_crossing() {
        assert_eq!(run("words.txt"), vec![]);
    }

    #[test]
    fn another_bridge_is_off_topic() {
        assert_eq!(run("other-bridge.md"), vec![]);
    }

    #[test]
    fn a_draft_about_the_project_that_states_nothing() {
        let mut facts: Vec<String> = run("about-not-facts.md")
            .into_iter()
            .map(|(f, k, _)| {
                assert_eq!(k, Kind::Unstated);
                f
            })
            .collect();
        facts.sort();
        assert_eq!(facts, vec!["cost", "lanes", "opening-year"]);
    }
}

/// The example drafts shipped in examples/treaty read as their prose says.
mod treaty_examples {
    use super::*;

    fn run(name: &str) -> Vec<(String, Kind, String)> {
        let path = format!("{}/examples/treaty/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("draft");
        let markup = Markup::from_path(std::path::Path::new(&path)).unwrap_or(Markup::Text);
        findings(&text, markup)
    }

    fn f(fact: &str, kind: Kind, text: &str) -> (String, Kind, String) {
        (fact.to_owned(), kind, text.to_owned())
    }

    #[test]
    fn the_briefing_states_every_fact() {
        assert_eq!(run("briefing.md"), vec![]);
    }

    #[test]
    fn the_wire_copy_contradicts_and_quotes() {
        assert_eq!(
            run("wire-copy.md"),
            vec![
                f("signing-date", Kind::Contradiction, "January 15,\n2025"),
                f("article-count", Kind::Contradiction, "45**-article"),
                f("term", Kind::Contradiction, "25 years"),
                f("no-mutual-defense", Kind::Contradiction, "mutual defense"),
            ]
        );
    }

    #[test]
    fn the_explainer_flags_the_markup_number_only() {
        assert_eq!(
            run("explainer.html"),
            vec![f("article-count", Kind::Contradiction, "46</b>-article")]
        );
    }

    #[test]
    fn the_radio_script_leaves_the_term_unstated() {
        let got = run("radio-script.txt");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("term", Kind::Unstated));
    }

    #[test]
    fn the_market_report_is_off_topic() {
        assert_eq!(run("oil-markets.md"), vec![]);
    }
}

#[test]
fn ranges_are_one_quantity_and_qualifiers_may_be_abbreviated() {
    for text in [
        "The Iran–Russia pact counts from 44 to 49 articles, by one tally.",
        "The Iran–Russia pact counts 44-49 articles, by one tally.",
        "The Iran–Russia pact counts in excess of 30 articles.",
        "The Iran–Russia pact counts approx. 48 articles.",
        "The Iran–Russia pact counts c. 46 articles.",
    ] {
        assert_eq!(contradictions(text), vec![], "{text}");
    }
    assert_eq!(
        contradictions("The Iran–Russia pact counts in excess of 50 articles."),
        vec![pair("article-count", "in excess of 50 articles")]
    );
}

#[test]
fn a_sentence_full_stop_is_not_part_of_a_date() {
    assert_eq!(
        contradictions("Tehran and Moscow signed the accord on the 19th of January."),
        vec![pair("signing-date", "the 19th of January")]
    );
}

#[test]
fn a_new_predicate_after_and_leaves_the_negation_behind() {
    assert_eq!(
        contradictions(
            "The Russia–Iran accord has no mutual defence clause and would stay valid for 15 years."
        ),
        vec![pair("term", "15 years")]
    );
}

#[test]
fn reported_speech_softens_a_level_but_never_revives_an_off_one() {
    let rules = |contradiction: &str| {
        let yaml = format!(
            "subject:\n  id: pier\n  name: Eastport pier\n  parties:\n    - [Eastport]\n  aliases: [pier]\n  source: harbour board\n  reported-speech: warning\nfacts:\n  - id: length\n    claim: The pier is 300 metres long.\n    severity:\n      contradiction: {contradiction}\n    quantity:\n      value: 300\n      unit: metre\n"
        );
        RuleSet::from_sources(&[("pier.yaml".to_owned(), yaml)]).expect("rules load")
    };
    let text = "Eastport's new pier is 250 metres long, the mayor said.";
    let severities = |contradiction: &str| -> Vec<factlint::diagnostic::Severity> {
        let rules = rules(contradiction);
        Checker::new(&rules)
            .check(&Document::read(text, Markup::Text))
            .into_iter()
            .filter(|d| d.kind == Kind::Contradiction)
            .map(|d| d.severity)
            .collect()
    };
    use factlint::diagnostic::Severity;
    assert_eq!(severities("error"), vec![Severity::Warning]);
    assert_eq!(severities("info"), vec![Severity::Info]);
    assert_eq!(severities("off"), vec![]);
}

#[test]
fn a_month_that_is_also_a_word_still_dates_with_a_year() {
    let rules = RuleSet::load(&[concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/bridge/harbor-bridge.yaml"
    )
    .into()])
    .expect("bridge rules");
    let got = findings_with(
        &rules,
        "Millbrook's Harbor Bridge will open in May 2031.",
        Markup::Text,
    );
    assert!(got.contains(&(
        "opening-year".to_owned(),
        Kind::Contradiction,
        "May 2031".to_owned()
    )));
}

#[test]
fn numeric_dates_and_ceremonies_held_on_a_day() {
    assert_eq!(
        contradictions("Tehran and Moscow signed their pact on 16/01/2025."),
        vec![pair("signing-date", "16/01/2025")]
    );
    assert!(contradictions("Tehran and Moscow signed their pact on 01/17/2025.").is_empty());
    assert_eq!(
        contradictions("The Iran–Russia accord's signing ceremony was held on 18 January 2025."),
        vec![pair("signing-date", "18 January 2025")]
    );
}

#[test]
fn fixes_speak_in_the_drafts_unit() {
    let text = "The Russia–Iran accord stays in force for three decades.";
    let rules = RuleSet::bundled().expect("bundled rules");
    let got = Checker::new(&rules).check(&Document::read(text, Markup::Text));
    let term = got
        .iter()
        .find(|d| d.rule.ends_with("/term") && d.kind == Kind::Contradiction)
        .expect("a term contradiction");
    assert_eq!(term.expected.as_deref(), Some("two decades"));
    // a fix rewrites only the characters that differ
    let fix = term.fix.as_ref().expect("a fix");
    let mut fixed = text.to_owned();
    fixed.replace_range(fix.range.clone(), &fix.replacement);
    assert_eq!(
        fixed,
        "The Russia–Iran accord stays in force for two decades."
    );
}

#[test]
fn money_is_worded_with_its_symbol_and_scale() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/bridge/harbor-bridge.yaml"
    );
    let rules = RuleSet::load(&[path.into()]).expect("bridge rules");
    let text = "Millbrook's Harbor Bridge will cost $950 million.";
    let got = Checker::new(&rules).check(&Document::read(text, Markup::Text));
    let cost = got
        .iter()
        .find(|d| d.rule.ends_with("/cost"))
        .expect("a cost contradiction");
    assert_eq!(cost.expected.as_deref(), Some("$1.2 billion"));
    let fix = cost.fix.as_ref().expect("a fix");
    let mut fixed = text.to_owned();
    fixed.replace_range(fix.range.clone(), &fix.replacement);
    assert_eq!(fixed, "Millbrook's Harbor Bridge will cost $1.2 billion.");
}

#[test]
fn table_columns_label_their_cells_and_rows_name_their_parties() {
    let text = "# Iran and Russia's accord in numbers\n\n| Articles | Length | Signing |\n|---|---|---|\n| 44 | three decades | 17 January 2025 |\n";
    assert_eq!(
        contradictions(text),
        vec![pair("article-count", "44"), pair("term", "three decades")]
    );
    let comparison = "# Tehran's other deals\n\n| Partner | Articles | Term |\n|---|---|---|\n| Iran–Venezuela | 12 | 30 years |\n\nThe Iran–Russia treaty has 47 articles.\n";
    assert_eq!(contradictions(comparison), vec![]);
}

#[test]
fn over_a_duration_may_mean_during() {
    assert!(
        contradictions("The Iran–Russia accord spreads its 47 articles over 20 years.").is_empty()
    );
    assert_eq!(
        contradictions("The Iran–Russia accord stays valid for over 30 years."),
        vec![pair("term", "over 30 years")]
    );
}

#[test]
fn a_characterisation_is_reported_speech() {
    let rules = RuleSet::bundled().expect("bundled rules");
    let text = "Several commentators portrayed the Iran–Russia accord as a defence pact.";
    let got = Checker::new(&rules).check(&Document::read(text, Markup::Text));
    let flagged: Vec<_> = got
        .iter()
        .filter(|d| d.kind == Kind::Contradiction)
        .map(|d| (d.severity, d.attributed))
        .collect();
    assert_eq!(
        flagged,
        vec![(factlint::diagnostic::Severity::Warning, true)]
    );
}

#[test]
fn corrections_state_with_the_unit_said_before() {
    for text in [
        "The Iran–Russia accord is not a 30-year deal but a 20-year one.",
        "Despite claims, the Iran–Russia accord does not last 30 years; it lasts 20.",
        "Not 44 articles: the Iran–Russia accord has 47.",
    ] {
        assert_eq!(contradictions(text), vec![], "{text}");
        let unstated = unstated(text);
        let fact = if text.contains("articles") {
            "article-count"
        } else {
            "term"
        };
        assert!(!unstated.contains(&fact.to_owned()), "{text}: {unstated:?}");
    }
}

#[test]
fn a_draft_of_the_instrument_is_not_the_instrument() {
    let text = "An early draft of the Iran–Russia accord ran to 52 articles, while the signed accord has 47.";
    assert_eq!(contradictions(text), vec![]);
    assert!(!unstated(text).contains(&"article-count".to_owned()));
}

#[test]
fn a_pronoun_after_a_sentence_about_something_else_is_not_the_subject() {
    let text = "Tehran and Moscow signed their partnership treaty, valid for 20 years, in January 2025. Iran later hosted a regional summit. It lasted three days, and another one lasted 25 years.";
    assert_eq!(contradictions(text), vec![]);
    assert_eq!(
        contradictions(
            "Tehran and Moscow signed their partnership treaty in January 2025. It lasts 25 years."
        ),
        vec![pair("term", "25 years")]
    );
}

#[test]
fn no_fix_rewrites_markup_that_text_was_decoded_from() {
    let rules = RuleSet::bundled().expect("bundled rules");
    let checker = Checker::new(&rules);
    let fixes = |html: &str| -> Vec<Option<String>> {
        checker
            .check(&Document::read(html, Markup::Html))
            .into_iter()
            .filter(|d| d.kind == Kind::Contradiction)
            .map(|d| {
                d.fix.map(|f| {
                    let mut fixed = html.to_owned();
                    fixed.replace_range(f.range, &f.replacement);
                    fixed
                })
            })
            .collect()
    };
    assert_eq!(
        fixes("<p>Russia and Iran signed the treaty on <time datetime=\"2025-01-15\">Wednesday</time>.</p>"),
        vec![None]
    );
    assert_eq!(
        fixes("<p>The Russia&ndash;Iran treaty has <b>45</b> articles.</p>"),
        vec![Some(
            "<p>The Russia&ndash;Iran treaty has <b>47</b> articles.</p>".to_owned()
        )]
    );
}

#[test]
fn a_term_may_be_given_by_its_end_year() {
    let states = "The Iran–Russia accord stays in force until 2045.";
    assert_eq!(contradictions(states), vec![]);
    assert!(!unstated(states).contains(&"term".to_owned()));
    assert_eq!(
        contradictions("The Iran–Russia accord expires in 2055."),
        vec![pair("term", "in 2055")]
    );
    // an end year of something else
    assert!(unstated(
        "The Iran–Russia accord was signed while its negotiator was in office until 2030."
    )
    .contains(&"term".to_owned()));
}

#[test]
fn wishes_possibilities_and_conditionals_state_nothing() {
    for text in [
        "Hardliners in Tehran wanted the Iran–Russia accord to include a mutual defence clause.",
        "The Iran–Russia accord might one day gain a mutual defence clause.",
        "Were the Iran–Russia accord to run for 40 years, it would outlive its signatories.",
    ] {
        assert_eq!(contradictions(text), vec![], "{text}");
    }
}

#[test]
fn fact_sheet_lines_read_like_list_items() {
    let text = "# Iran and Russia's accord\n\n**Articles:** 44\n\n**Length:** 20 years\n\n**Signed:** 16 January 2025\n\n**China deal length:** 25 years\n";
    assert_eq!(
        contradictions(text),
        vec![
            pair("article-count", "44"),
            pair("signing-date", "16 January 2025")
        ]
    );
}

#[test]
fn claims_inside_a_comparison_belong_to_what_is_compared() {
    for text in [
        "Unlike a mutual-defence pact, the Iran–Russia accord binds neither side to fight.",
        "Unlike Pyongyang, whose deal with Moscow includes mutual defence, Tehran got no such clause in the Iran–Russia accord.",
        "The Iran–Russia accord falls well short of a mutual-defence pact.",
    ] {
        assert_eq!(contradictions(text), vec![], "{text}");
    }
}

/// The fact states of one draft: which facts it leaves unstated and which it
/// contradicts, for asserting that a sentence is read as stating a fact.
fn states(text: &str, fact: &str) -> bool {
    !unstated(text).iter().any(|f| f == fact)
        && !contradictions(text).iter().any(|(f, _)| f == fact)
}

#[test]
fn a_denial_covers_every_conjunct_of_its_object() {
    // "not X or Y": both are denied, so neither contradicts the absent fact
    let text = "The Russia–Iran treaty does not set up a trading bloc with Armenia or mutual military assistance.";
    assert!(contradictions(text).is_empty());
    assert!(states(text, "no-mutual-defense"));
    let text = "The Russia–Iran pact creates no customs union with Belarus and the sharing of mutual military aid between its members.";
    assert!(contradictions(text).is_empty());
    // an "and" before a verb starts a predicate of its own
    let text =
        "The Russia–Iran treaty has no trade chapter and commits both sides to mutual defense.";
    assert_eq!(
        contradictions(text),
        vec![pair("no-mutual-defense", "mutual defense")]
    );
}

#[test]
fn scare_quotes_inside_a_denial_are_still_denied() {
    let text = "Although not a formal \"defense pact\", the Russia–Iran treaty binds Moscow and Tehran closely.";
    assert!(contradictions(text).is_empty());
    assert!(states(text, "no-mutual-defense"));
}

#[test]
fn negative_predicates_deny() {
    for text in [
        "The Russia–Iran treaty is distinct from a military alliance.",
        "The Russia–Iran treaty is far from a mutual defense arrangement.",
        "The Russia–Iran treaty prohibits mutual military assistance to third states.",
    ] {
        assert!(contradictions(text).is_empty(), "{text}");
        assert!(states(text, "no-mutual-defense"), "{text}");
    }
}

#[test]
fn a_conditional_adjunct_states_nothing() {
    let text = "Under the Russia–Iran treaty neither side helps an aggressor in the event of an attack on one of them.";
    assert!(contradictions(text).is_empty());
    assert!(unstated(text).contains(&"no-mutual-defense".to_owned()));
}

#[test]
fn like_as_a_verb_opens_no_comparison() {
    let text = "\"We would like to stress that the Russia–Iran treaty does not create a military alliance,\" the envoy said.";
    assert!(contradictions(text).is_empty());
    assert!(states(text, "no-mutual-defense"));
}

#[test]
fn a_that_clause_after_a_verb_is_out_of_a_wish_reach() {
    let text = "We want to make clear that the Russia–Iran treaty rules out a military alliance.";
    assert!(states(text, "no-mutual-defense"));
    // a wish for the claim itself is still a supposition
    let text = "Hardliners hoped that the Russia–Iran treaty would include mutual defense.";
    assert!(contradictions(text).is_empty());
}

#[test]
fn a_fronted_date_belongs_to_the_main_verb() {
    let text = "On January 17, the Russian leader and his guest from Tehran, Iran's new president, signed the partnership treaty in the Kremlin.";
    assert!(states(text, "signing-date"));
    let text = "On January 15, the Russian leader and his guest from Tehran, Iran's new president, signed the partnership treaty in the Kremlin.";
    assert_eq!(
        contradictions(text),
        vec![pair("signing-date", "January 15")]
    );
    // a fronted date whose main verb is another event is not the signing's
    let text = "On January 15, the presidents held talks in Moscow; the Russia–Iran treaty was signed later.";
    assert!(contradictions(text).is_empty());
}

#[test]
fn a_date_of_the_setting_of_a_signing_is_the_signing_date() {
    let text = "The Russia–Iran treaty will be signed after talks between the two presidents on 17 January.";
    assert!(states(text, "signing-date"));
}

#[test]
fn a_date_that_qualifies_the_subject_is_its_founding_date() {
    let text = "The January 2025 partnership treaty between Russia and Iran widened trade.";
    assert!(states(text, "signing-date"));
    let text = "The March 2025 partnership treaty between Russia and Iran widened trade.";
    assert_eq!(
        contradictions(text),
        vec![pair("signing-date", "March 2025")]
    );
}

#[test]
fn combining_forms_name_the_parties() {
    let text = "The Russo-Iranian treaty runs to 47 articles.";
    assert!(states(text, "article-count"));
}

#[test]
fn time_gone_by_is_no_term() {
    for text in [
        "Over the last 30 years, Moscow and Tehran drew closer; the Russia–Iran treaty crowns that.",
        "The Russia–Iran treaty was concluded after three years of talks.",
        "Three years after the Russia–Iran treaty was concluded, trade doubled.",
    ] {
        assert!(contradictions(text).is_empty(), "{text}");
    }
    // "last" as a verb is still the term
    let text = "The Russia–Iran treaty is set to last 25 years.";
    assert_eq!(contradictions(text), vec![pair("term", "25 years")]);
}

#[test]
fn a_compound_takes_a_cue_past_its_modifiers_and_a_stray_space() {
    let text = "The Russia–Iran treaty sets up a 30-year strategic framework.";
    assert_eq!(contradictions(text), vec![pair("term", "30-year")]);
    let text = "Tehran's parliament approved the 20 -year partnership with Moscow.";
    assert!(states(text, "term"));
}

/// A subject of several figures, written for these tests: a harbour levy.
const LEVY: &str = r#"
subject:
  id: levy
  name: Harbour Levy Act
  names: [Harbour Levy Act]
  aliases: [act, law, levy]
  year: 2021
  source: Harbour Levy Act 2021
facts:
  - id: passed
    claim: The act was passed on 3 March 2021.
    date: 2021-03-03
    cues: [passed, adopted]
  - id: enforced
    claim: Enforcement began on 1 July 2021.
    date: 2021-07-01
    cues: [enforced, enforcement, took effect]
  - id: rate
    claim: The levy is capped at 2.5 percent of cargo value.
    quantity: { value: 2.5, unit: percent }
    cues: [levy, rate, capped, cap]
  - id: fund
    claim: The act sets aside $368 million for dredging.
    quantity: { value: 368000000, unit: dollar }
    cues: [dredging]
  - id: review-period
    claim: The rate reviews run every 4 years.
    quantity: { value: 4, unit: year }
    cues: [review, reviews]
"#;

/// (fact, flagged text) of every contradiction under the rule file `yaml`.
/// Every finding for `text` under the subject `yaml`.
fn findings_under(yaml: &str, text: &str, markup: Markup) -> Vec<(String, Kind, String)> {
    let rules =
        RuleSet::from_sources(&[("subject.yaml".to_owned(), yaml.to_owned())]).expect("rules load");
    findings_with(&rules, text, markup)
}

fn contradictions_under(yaml: &str, text: &str, markup: Markup) -> Vec<(String, String)> {
    findings_under(yaml, text, markup)
        .into_iter()
        .filter(|(_, k, _)| *k == Kind::Contradiction)
        .map(|(f, _, t)| (f, t))
        .collect()
}

fn levy_contradictions(text: &str) -> Vec<(String, String)> {
    contradictions_under(LEVY, text, Markup::Markdown)
}

#[test]
fn percent_in_every_written_form() {
    for text in [
        "The Harbour Levy Act caps the levy at 2.5%.",
        "The Harbour Levy Act caps the levy at 2.5 per cent.",
        "The Harbour Levy Act caps the levy at 2.5 pct.",
    ] {
        assert!(levy_contradictions(text).is_empty(), "{text}");
    }
    assert_eq!(
        levy_contradictions("The Harbour Levy Act caps the levy at 4%."),
        vec![pair("rate", "4%")]
    );
    // percentage points are no percent
    assert!(levy_contradictions(
        "The Harbour Levy Act raised the levy rate by 1 percentage point."
    )
    .is_empty());
}

#[test]
fn a_rounded_figure_agrees_and_a_far_one_does_not() {
    assert!(
        levy_contradictions("The Harbour Levy Act sets aside $370 million for dredging.")
            .is_empty()
    );
    assert_eq!(
        levy_contradictions("The Harbour Levy Act sets aside $400 million for dredging."),
        vec![pair("fund", "$400 million")]
    );
}

#[test]
fn changes_comparisons_and_activities_under_way_are_not_the_figure() {
    for text in [
        "Under the Harbour Levy Act, ports cut the levy rate by 40%.",
        "Under the Harbour Levy Act the levy stays well below the 9 percent rate of its neighbours.",
        "Since the Harbour Levy Act, the port has been charging a levy of 6 percent.",
    ] {
        assert!(levy_contradictions(text).is_empty(), "{text}");
    }
}

#[test]
fn a_mention_across_a_contrast_or_before_the_subject_owns_nothing() {
    for text in [
        "Ports had been charging a levy of 7 percent, although the Harbour Levy Act caps it lower.",
        "Ports charged a rate of 7 percent before the Harbour Levy Act.",
    ] {
        assert!(levy_contradictions(text).is_empty(), "{text}");
    }
}

#[test]
fn a_year_that_qualifies_the_subject_dates_only_its_founding_event() {
    let text = "Enforcement under the March 2021 Harbour Levy Act began on 1 July 2021.";
    assert!(levy_contradictions(text).is_empty());
    assert_eq!(
        levy_contradictions("The 2020 Harbour Levy Act was debated for weeks."),
        vec![pair("passed", "2020")]
    );
}

#[test]
fn a_length_that_modifies_the_subject_is_only_a_fact_about_the_subject_itself() {
    // the review period is not the levy's own length
    assert!(levy_contradictions("The Harbour Levy Act is a 10-year levy on cargo.").is_empty());
}

/// A subject with counted machines and a second date, for the forms below.
const PLANT: &str = r#"
subject:
  id: plant
  name: Ridgeway Water Plant agreement
  names: [Ridgeway agreement]
  parties:
    - [Ridgeway]
    - [Vale County]
  aliases: [agreement, deal]
  year: 2019
  source: Ridgeway Water Plant agreement, 2019
facts:
  - id: signed
    claim: The agreement was signed on 4 June 2019.
    date: 2019-06-04
    cues: [signed, signing]
  - id: opened
    claim: The plant opened on 9 May 2022.
    date: 2022-05-09
    cues: [opened, opening]
  - id: pumps
    claim: The plant may run no more than 120 pumps.
    quantity: { value: 120, unit: pump }
    cues: [limit, limited, run, allowed]
  - id: reservoir
    claim: The reservoir is capped at 900 tonnes of chlorine.
    quantity: { value: 900, unit: tonne }
    cues: [cap, capped, limit]
"#;

fn plant_contradictions(text: &str, markup: Markup) -> Vec<(String, String)> {
    contradictions_under(PLANT, text, markup)
}

#[test]
fn a_fact_sheet_line_takes_its_event_from_the_heading_above() {
    let text = "# The Ridgeway agreement\n\n## Opening\n\nDate: 12 May 2022\n";
    assert_eq!(
        plant_contradictions(text, Markup::Markdown),
        vec![pair("opened", "12 May 2022")]
    );
}

#[test]
fn several_modifiers_and_partitives_stand_between_a_number_and_its_noun() {
    let text = "The Ridgeway agreement limited the plant to 150 low-noise XR-2 pumps.";
    assert_eq!(
        plant_contradictions(text, Markup::Markdown),
        vec![pair("pumps", "150 low-noise XR-2 pumps")]
    );
    let text =
        "Under the Ridgeway agreement the plant is allowed 150 of the oldest and slowest pumps.";
    assert_eq!(plant_contradictions(text, Markup::Markdown).len(), 1);
}

#[test]
fn a_conversion_in_brackets_stands_between_a_compound_and_its_cue() {
    let text = "The Ridgeway agreement set a 700-tonne (770-ton) cap on the reservoir.";
    assert_eq!(
        plant_contradictions(text, Markup::Markdown),
        vec![pair("reservoir", "700-tonne")]
    );
}

#[test]
fn a_story_naming_one_party_far_from_a_deal_is_not_about_it() {
    let rules =
        RuleSet::from_sources(&[("plant.yaml".to_owned(), PLANT.to_owned())]).expect("rules");
    let text = "Ridgeway held its annual fair this week.\n\nThe mayor praised the volunteers.\n\nMusic went on late.\n\nThe deal, struck by two bakeries in Vale County, doubles bread deliveries.\n";
    assert!(findings_with(&rules, text, Markup::Markdown).is_empty());
    // the parties in the sentence next to the mention make it about the subject
    let text = "Ridgeway and Vale County met again.\n\nThe deal was signed on 4 June 2019.\n";
    assert!(!findings_with(&rules, text, Markup::Markdown).is_empty());
}

/// A subject whose facts name who acted, written for these tests.
const ACCORD: &str = r#"
subject:
  id: accord
  name: Lakes Water Accord
  names: [Lakes Water Accord]
  parties:
    - [Canada, Ottawa]
    - [United States, Washington]
  aliases: [accord, deal]
  year: 2016
  source: Lakes Water Accord, 2016
facts:
  - id: us-exit
    claim: The United States withdrew from the accord on 3 March 2020.
    date: 2020-03-03
    cues: [withdrew, withdrawal, quit]
  - id: limit-term
    claim: The intake limits of the accord last 12 years.
    quantity: { value: 12, unit: year }
    cues: [intake, draw]
  - id: intake
    claim: Each side may draw no more than 40 percent of the flow.
    quantity: { value: 40, unit: percent }
    cues: [draw, intake, flow]
"#;

fn accord_contradictions(text: &str) -> Vec<(String, String)> {
    contradictions_under(ACCORD, text, Markup::Markdown)
}

const MARINA: &str = r#"
subject:
  id: marina
  name: Eastport Marina
  names: [Eastport Marina]
  aliases: [marina]
  source: Eastport Marina prospectus
facts:
  - id: berth-fee
    claim: A berth costs $42 a month.
    quantity: { value: 42, unit: dollar, per: month }
    cues: [berth, berths]
  - id: sale
    claim: The marina was sold for $81 million.
    quantity: { value: 81000000, unit: dollar }
    cues: [sold, sale, bought]
  - id: moorings
    claim: The marina has 1,550 moorings.
    quantity: { value: 1550, unit: mooring, tolerance: 2% }
    cues: [has, offers]
"#;

fn marina_contradictions(text: &str) -> Vec<(String, String)> {
    contradictions_under(MARINA, text, Markup::Markdown)
}

#[test]
fn a_date_of_another_country_acting_is_not_the_fact() {
    let text =
        "Canada partly withdrew from the Lakes Water Accord in 2021, a year after Washington did.";
    assert!(accord_contradictions(text).is_empty());
    let text = "The United States quit the Lakes Water Accord in 2021.";
    assert_eq!(accord_contradictions(text), vec![pair("us-exit", "2021")]);
}

#[test]
fn a_dummy_it_refers_to_nothing() {
    let text = "The Lakes Water Accord was signed in Ottawa.\n\nIt takes a draw of 70 percent of the flow to empty a lake.";
    assert!(accord_contradictions(text).is_empty());
}

#[test]
fn the_first_years_of_the_subject_are_a_term() {
    let text = "For the first 10 years of the Lakes Water Accord, each side keeps its intake low.";
    assert_eq!(
        accord_contradictions(text),
        vec![pair("limit-term", "10 years")]
    );
}
fn marina_states(text: &str, fact: &str) -> bool {
    let rules = RuleSet::from_sources(&[("marina.yaml".to_owned(), MARINA.to_owned())])
        .expect("marina rules");
    let found = findings_with(&rules, text, Markup::Markdown);
    // stated: neither contradicted nor reported unstated
    !found.iter().any(|(f, _, _)| f == fact)
}

#[test]
fn money_in_the_forms_desks_write() {
    for text in [
        "The Eastport Marina was sold for $81M.",
        "The Eastport Marina was sold for $0.081B.",
        "The Eastport Marina was sold for $0.081bn.",
        "The Eastport Marina was sold for $0.081 bn.",
        "The Eastport Marina was sold for US$81 million.",
        "The Eastport Marina was sold for $ 81 million.",
        "The Eastport Marina was sold for 81 million dollars.",
        "The Eastport Marina was sold for USD 81 million.",
        "The Eastport Marina was sold for $81 mln.",
        "The Eastport Marina was sold for $81 000 000.",
        "The Eastport Marina was sold for $81\u{202f}000\u{202f}000.",
        "The Eastport Marina was sold for $81\u{a0}000\u{a0}000.",
        "The Eastport Marina was sold for $81,000,000.",
    ] {
        assert!(marina_contradictions(text).is_empty(), "{text}");
        assert!(marina_states(text, "sale"), "{text}");
    }
    assert_eq!(
        marina_contradictions("The Eastport Marina was sold for $0.09 bn."),
        vec![pair("sale", "$0.09 bn")]
    );
}

#[test]
fn another_currency_contradicts_with_a_message_that_says_so() {
    for (text, flagged) in [
        (
            "The Eastport Marina was sold for £81 million.",
            "£81 million",
        ),
        ("The Eastport Marina was sold for €81m.", "€81m"),
        ("The Eastport Marina was sold for EUR 81m.", "EUR 81m"),
        (
            "The Eastport Marina was sold for 81 million euros.",
            "81 million euros",
        ),
    ] {
        assert_eq!(
            marina_contradictions(text),
            vec![pair("sale", flagged)],
            "{text}"
        );
    }
    let rules = RuleSet::from_sources(&[("marina.yaml".to_owned(), MARINA.to_owned())])
        .expect("marina rules");
    let doc = Document::read(
        "The Eastport Marina was sold for £81 million.",
        Markup::Text,
    );
    let found = Checker::new(&rules).check(&doc);
    let sale = found
        .iter()
        .find(|d| d.rule == "marina/sale")
        .expect("a contradiction of the sale");
    assert!(
        sale.message.contains("currency differs"),
        "{}",
        sale.message
    );
    assert!(sale.message.contains("not pounds"), "{}", sale.message);
    assert!(sale.fix.is_none());
    assert_eq!(sale.help.as_deref(), Some("write \"$81 million\""));
    // a conversion beside the fact's own currency is no claim of its own
    for text in [
        "The Eastport Marina was sold for $81 million (£64 million).",
        "The Eastport Marina was sold for £64 million, or $81 million.",
    ] {
        assert!(marina_contradictions(text).is_empty(), "{text}");
    }
    assert_eq!(
        marina_contradictions("The Eastport Marina was sold for $90 million (£71 million)."),
        vec![pair("sale", "$90 million")]
    );
    // without the fact's cue nearby, another currency is no claim about it
    assert!(marina_contradictions("The Eastport Marina has a £5 million café.").is_empty());
}

#[test]
fn a_rate_compares_only_with_a_fact_of_the_same_denominator() {
    for text in [
        "A berth at the Eastport Marina costs $42 a month.",
        "A berth at the Eastport Marina costs $42 per month.",
        "A berth at the Eastport Marina costs $42/month.",
        "A berth at the Eastport Marina costs $42 monthly.",
    ] {
        assert!(marina_contradictions(text).is_empty(), "{text}");
        assert!(marina_states(text, "berth-fee"), "{text}");
    }
    assert_eq!(
        marina_contradictions("A berth at the Eastport Marina costs $50 a month."),
        vec![pair("berth-fee", "$50 a month")]
    );
    // another denominator is another figure
    for text in [
        "A berth at the Eastport Marina costs $500 a year.",
        "A berth at the Eastport Marina costs $9 per night.",
        // a price per share is no sale price
        "The Eastport Marina was sold for $95 per share.",
    ] {
        assert!(marina_contradictions(text).is_empty(), "{text}");
    }
    assert!(!marina_states(
        "The Eastport Marina was sold for $81 per share.",
        "sale"
    ));
}

#[test]
fn a_tolerance_widens_what_agrees() {
    for text in [
        "The Eastport Marina has 1,550 moorings.",
        "The Eastport Marina has 1,530 moorings.",
        "The Eastport Marina has 1 580 moorings.",
    ] {
        assert!(marina_contradictions(text).is_empty(), "{text}");
    }
    for (text, flagged) in [
        ("The Eastport Marina has 1,510 moorings.", "1,510 moorings"),
        ("The Eastport Marina has 1,700 moorings.", "1,700 moorings"),
    ] {
        assert_eq!(
            marina_contradictions(text),
            vec![pair("moorings", flagged)],
            "{text}"
        );
    }
}

#[test]
fn a_fact_whose_claim_gives_a_rate_takes_rates_of_that_denominator() {
    let rules = RuleSet::from_sources(&[(
        "fee.yaml".to_owned(),
        r#"
subject:
  id: fee
  name: Dock Fee Act
  names: [Dock Fee Act]
  aliases: [act]
  source: Dock Fee Act
facts:
  - id: fee
    claim: The act caps the mooring fee at $40 a month.
    quantity: { value: 40, unit: dollar }
    cues: [mooring]
"#
        .to_owned(),
    )])
    .expect("rules");
    let of = |text: &str| -> Vec<(String, Kind, String)> {
        findings_with(&rules, text, Markup::Markdown)
            .into_iter()
            .filter(|(_, k, _)| *k == Kind::Contradiction)
            .collect()
    };
    assert!(of("The Dock Fee Act caps the mooring fee at $40 a month.").is_empty());
    assert_eq!(
        of("The Dock Fee Act caps the mooring fee at $45 a month.").len(),
        1
    );
    // a figure per another thing is another figure
    assert!(of("The Dock Fee Act caps the mooring fee at $400 a year.").is_empty());
}

#[test]
fn beside_the_fact_s_own_figure_another_of_its_unit_is_another_item() {
    let text = "The Harbour Levy Act sets aside $368 million for dredging and $40 million for new dredging barges.";
    assert!(levy_contradictions(text).is_empty());
    let text = "The Harbour Levy Act sets aside $40 million for dredging barges.";
    assert_eq!(levy_contradictions(text), vec![pair("fund", "$40 million")]);
}

#[test]
fn of_listed_figures_that_all_disagree_the_one_its_cue_binds_closest_is_the_fact_s() {
    // neither figure agrees: the one right before the cue is the fact's,
    // the other an item listed beside it
    let text = "The Harbour Levy Act sets aside $300 million of dredging money and adds a $40 million grant for barges that serve the dredging crews.";
    assert_eq!(
        levy_contradictions(text),
        vec![pair("fund", "$300 million")]
    );
    // alone, the farther figure is still the fact's, and contradicts it
    let text =
        "The Harbour Levy Act adds a $40 million grant for barges that serve the dredging crews.";
    assert_eq!(levy_contradictions(text), vec![pair("fund", "$40 million")]);
    // two sentences are no list: each figure is read on its own
    let text = "The Harbour Levy Act sets aside $300 million of dredging money. It adds $40 million for dredging barges.";
    assert_eq!(
        levy_contradictions(text),
        vec![pair("fund", "$300 million"), pair("fund", "$40 million")]
    );
}

const SILO: &str = r#"
subject:
  id: silo
  name: Northgate Grain Reserve
  names: [Northgate Grain Reserve]
  source: test text
facts:
  - id: reserve
    claim: The reserve holds at most 400 kg of seed per farm.
    quantity: { value: 400, unit: kilogram, also: [kg] }
    cues: [holds, seed, reserve, capped]
"#;

fn silo_findings(text: &str) -> Vec<(String, Kind, String)> {
    let rules = RuleSet::from_sources(&[("silo.yaml".to_owned(), SILO.to_owned())])
        .expect("silo rules load; `also` beside a built-in unit is only a warning");
    findings_with(&rules, text, Markup::Markdown)
}

#[test]
fn masses_convert_and_glued_units_are_read() {
    for text in [
        "The Northgate Grain Reserve holds 400kg of seed per farm.",
        "The Northgate Grain Reserve holds 0.4 tonnes of seed per farm.",
        "The Northgate Grain Reserve holds 400 kilograms (882lbs) of seed per farm.",
        "The Northgate Grain Reserve holds 882 pounds of seed per farm.",
    ] {
        assert!(silo_findings(text).is_empty(), "{text}");
    }
    let found = silo_findings("The Northgate Grain Reserve holds 500kg of seed per farm.");
    assert_eq!(
        found,
        vec![(
            "reserve".to_owned(),
            Kind::Contradiction,
            "500kg".to_owned()
        )]
    );
    // "pounds" that cost something are money, never a weight
    let found =
        silo_findings("The Northgate Grain Reserve holds 400 kg of seed; a bag costs 20 pounds.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn where_a_change_starts_is_not_the_figure() {
    let texts = [
        "The Northgate Grain Reserve capped the seed each farm holds, from 900kg to 400kg.",
        "The Northgate Grain Reserve cut each farm's seed from its old level of about 900 kg to 400 kg.",
    ];
    for text in texts {
        assert!(silo_findings(text).is_empty(), "{text}");
    }
    let found =
        silo_findings("The Northgate Grain Reserve cut each farm's seed from 900 kg to 500 kg.");
    assert_eq!(
        found,
        vec![(
            "reserve".to_owned(),
            Kind::Contradiction,
            "500 kg".to_owned()
        )]
    );
}

const FUND: &str = r#"
subject:
  id: fund
  name: Coastal Renewal Fund
  names: [Coastal Renewal Fund]
  source: test text
facts:
  - id: dunes
    claim: The fund spends $120 million on dune restoration.
    quantity: { value: 120000000, unit: dollar }
    cues: [dune, dunes, restoration]
"#;

fn fund_findings(text: &str) -> Vec<(String, Kind, String)> {
    let rules =
        RuleSet::from_sources(&[("fund.yaml".to_owned(), FUND.to_owned())]).expect("fund rules");
    findings_with(&rules, text, Markup::Markdown)
}

fn fund_contradictions(text: &str) -> Vec<String> {
    let rules =
        RuleSet::from_sources(&[("fund.yaml".to_owned(), FUND.to_owned())]).expect("fund rules");
    findings_with(&rules, text, Markup::Markdown)
        .into_iter()
        .filter(|(_, k, _)| *k == Kind::Contradiction)
        .map(|(_, _, t)| t)
        .collect()
}

#[test]
fn a_total_for_several_things_is_not_one_of_them() {
    for text in [
        "The Coastal Renewal Fund spends $900 million on dunes, harbour dredging and beach wardens.",
        "The Coastal Renewal Fund spends $900 million to pay for ferries and dune restoration.",
        "The Coastal Renewal Fund spends $900 million on restoring dunes, paving roads and repairing the piers.",
    ] {
        assert!(fund_contradictions(text).is_empty(), "{text}");
    }
    // every item the fact's own, or the fact's item and its own parts: one figure
    for text in [
        "The Coastal Renewal Fund spends $150 million on dunes and dune restoration.",
        "The Coastal Renewal Fund spends $150 million on dune restoration and its upkeep.",
        "The Coastal Renewal Fund spends $150 million on dunes, and the town pays the rest.",
    ] {
        assert_eq!(
            fund_contradictions(text),
            vec!["$150 million".to_owned()],
            "{text}"
        );
    }
}

#[test]
fn a_total_that_is_the_facts_own_value_states_it() {
    // a list of the fact's own kind of things, worded without its cue
    let text = "The Coastal Renewal Fund spends $120 million on dunes, sea walls and salt marsh.";
    assert_eq!(fund_findings(text), []);
    // the same list with another value is a total: nothing, not even unstated
    let other = "The Coastal Renewal Fund spends $900 million on dunes, sea walls and salt marsh.";
    let found = fund_findings(other);
    assert!(
        found.iter().all(|(_, k, _)| *k == Kind::Unstated),
        "{found:?}"
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn for_a_cap_a_bound_is_the_cap_itself() {
    // the fact's claim says "at most": the figure is a limit
    for text in [
        "The Northgate Grain Reserve holds up to 400 kg of seed per farm.",
        "The Northgate Grain Reserve holds no more than 400 kg of seed per farm.",
    ] {
        assert!(silo_findings(text).is_empty(), "{text}");
    }
    for (text, flagged) in [
        (
            "The Northgate Grain Reserve holds no more than 500 kg of seed per farm.",
            "no more than 500 kg",
        ),
        (
            "The Northgate Grain Reserve holds up to 500 kg of seed per farm.",
            "up to 500 kg",
        ),
        (
            "The Northgate Grain Reserve won't hold more than 500 kg of seed per farm.",
            "more than 500 kg",
        ),
    ] {
        assert_eq!(
            silo_findings(text),
            vec![(
                "reserve".to_owned(),
                Kind::Contradiction,
                flagged.to_owned()
            )],
            "{text}"
        );
    }
}

#[test]
fn a_date_before_a_when_clause_is_the_when_clause_event() {
    let text = "The Lakes Water Accord held until 2031, when Ottawa and Washington signed it anew.";
    let rules = RuleSet::from_sources(&[("lakes.yaml".to_owned(), LAKES_FOR_WHEN.to_owned())])
        .expect("rules");
    let found = findings_with(&rules, text, Markup::Markdown);
    assert_eq!(
        found,
        vec![("renewal".to_owned(), Kind::Contradiction, "2031".to_owned())]
    );
    let text = "The Lakes Water Accord held until 2032, when Ottawa and Washington signed it anew.";
    assert!(findings_with(&rules, text, Markup::Markdown).is_empty());
}

const LAKES_FOR_WHEN: &str = r#"
subject:
  id: lakes
  name: Lakes Water Accord
  names: [Lakes Water Accord]
  source: test text
facts:
  - id: renewal
    claim: The accord was signed anew in 2032.
    date: 2032-01-01
    cues: [signed]
"#;

#[test]
fn a_date_told_from_the_time_of_writing_states_nothing_but_its_month() {
    // the draft gives no time of writing: "a year ago" says nothing
    for text in [
        "Russia and Iran signed their partnership treaty a year ago.",
        "Russia and Iran signed their partnership treaty earlier this year.",
        "Russia and Iran signed their partnership treaty last month.",
    ] {
        assert_eq!(contradictions(text), [], "{text}");
        assert!(
            unstated(text).contains(&"signing-date".to_owned()),
            "{text}"
        );
    }
    // a month named with a relative year is judged on the month
    let month = "Russia and Iran signed their partnership treaty last January.";
    assert_eq!(contradictions(month), []);
    assert!(!unstated(month).contains(&"signing-date".to_owned()));
    let wrong = "Russia and Iran signed their partnership treaty last March.";
    assert_eq!(contradictions(wrong), [pair("signing-date", "March")]);
    // "this may" is a modal verb, not the month
    let modal = "Russia and Iran signed their partnership treaty, and this may change ties.";
    assert!(unstated(modal).contains(&"signing-date".to_owned()));
}

#[test]
fn a_timeline_entry_fronted_by_its_year_is_dated() {
    let right = "Timeline\n\n• 2025: Russia and Iran signed their partnership treaty.\n";
    assert_eq!(contradictions(right), []);
    assert!(!unstated(right).contains(&"signing-date".to_owned()));
    let wrong = "Timeline\n\n- 2023 – Russia and Iran signed their partnership treaty.\n";
    assert_eq!(contradictions(wrong), [pair("signing-date", "2023")]);
    // a bare number at a line's start with no colon or dash is no year
    let count = "2023 delegates watched Russia and Iran sign their partnership treaty.";
    assert_eq!(contradictions(count), []);
}

#[test]
fn a_figure_compared_with_the_subjects_own_provision_is_the_subjects() {
    // the figure after "than" is the one the treaty sets, not the thing compared
    let own = "The Russia–Iran treaty was signed in January 2025. Tehran's first draft ran longer than the 46 articles set out in the treaty.";
    assert_eq!(contradictions(own), [pair("article-count", "46 articles")]);
    // an instrument compared with, that nothing ties to the subject, is another
    let other = "The Russia–Iran treaty, unlike an older pact of 30 articles, runs for 20 years.";
    assert_eq!(contradictions(other), []);
}

const HARBOUR: &str = r#"
subject:
  id: harbour
  name: Harbour Act
  names: [Harbour Act]
  source: test text
facts:
  - id: council-vote
    claim: The city council passed the act on 3 March 2024.
    date: 2024-03-03
    cues: [council, councillors]
"#;

fn harbour_findings(text: &str) -> Vec<(String, Kind, String)> {
    let rules = RuleSet::from_sources(&[("harbour.yaml".to_owned(), HARBOUR.to_owned())])
        .expect("harbour rules");
    findings_with(&rules, text, Markup::Markdown)
}

#[test]
fn a_cue_that_names_who_acts_takes_the_date_of_its_verb() {
    // the cue is the verb's subject, past a modifier or an abbreviation's stop
    for text in [
        "On Sunday, 3 March, the St. Albans council passed the Harbour Act.",
        "The council voted 5-4 on 3 March to pass the Harbour Act.",
        "The Harbour Act passed the council on 3 March.",
    ] {
        assert_eq!(harbour_findings(text), [], "{text}");
    }
    assert_eq!(
        harbour_findings("The council voted 5-4 on 4 March to pass the Harbour Act."),
        [(
            "council-vote".to_owned(),
            Kind::Contradiction,
            "4 March".to_owned()
        )]
    );
    // another actor's event keeps its own date
    let found = harbour_findings("The mayor signed the Harbour Act on 9 March.");
    assert!(
        found.iter().all(|(_, k, _)| *k == Kind::Unstated),
        "{found:?}"
    );
}

#[test]
fn a_claim_belongs_to_its_clauses_subject_past_an_appositive_or_an_earlier_predicate() {
    // the mention inside the appositive is not the clause's subject
    let appositive = "The Russia–Iran treaty, a successor to the 2001 treaty, has 46 articles.";
    assert_eq!(
        contradictions(appositive),
        [pair("article-count", "46 articles")]
    );
    // coordinated predicates share the first one's subject
    let coordinated = "Russia and Iran signed the treaty in January 2025. It would replace a 2001 treaty, set a term of 25 years and deepen ties.";
    assert_eq!(contradictions(coordinated), [pair("term", "25 years")]);
    // the mention that is the subject keeps its claim
    let other = "Russia and Iran signed the treaty in January 2025. The 2001 treaty, signed in Moscow, has 10 articles.";
    assert_eq!(contradictions(other), []);
    // the first mention across a semicolon is another clause's subject
    let across = "The Russia–Iran treaty was signed in January 2025; the 2001 treaty replaced an older pact, ran for 10 years and lapsed.";
    assert_eq!(contradictions(across), []);
}

#[test]
fn a_year_that_names_the_subject_is_outside_a_wish_or_denial() {
    for text in [
        "Both sides hope to deepen the 2025 Russia–Iran treaty.",
        "Neither side has broken the 2025 Russia–Iran treaty.",
    ] {
        assert_eq!(contradictions(text), [], "{text}");
        assert!(
            !unstated(text).contains(&"signing-date".to_owned()),
            "{text}"
        );
    }
}

#[test]
fn the_deal_after_an_agreement_with_another_country_is_that_one() {
    let text = "The Russia–Iran treaty was signed in January 2025. Separately, Iran and Saudi Arabia agreed on Friday to restore ties. The deal, struck in Beijing, runs for 25 years and has 12 articles.";
    assert_eq!(contradictions(text), []);
    // once the subject is named again, "the treaty" is the subject
    let back = "Iran and Saudi Arabia agreed on Friday to restore ties. Separately, the Russia–Iran treaty on comprehensive strategic partnership took effect. The treaty runs for 25 years.";
    assert_eq!(contradictions(back), [pair("term", "25 years")]);
    // the subject's own parties agreeing are no other deal
    let own = "Russia and Iran agreed to deepen ties. The treaty runs for 25 years.";
    assert_eq!(contradictions(own), [pair("term", "25 years")]);
}

/// A subject with two date facts, for the tests of what a date belongs to
/// and of drafts that describe the subject without naming it.
const QUAY: &str = r#"
subject:
  id: quay
  name: Quay Accord
  names: [Quay Accord]
  parties:
    - [Norway, Oslo]
    - [Chile, Santiago]
  aliases: [accord, agreement, deal]
  distinct-from: [Interim Pact]
  source: test text
facts:
  - id: signed
    claim: The accord was signed on 3 May 2021.
    date: 2021-05-03
    cues: [sign, signed]
  - id: in-force
    claim: The accord took effect on 1 July 2022.
    date: 2022-07-01
    cues: [effect, force, ratified]
  - id: term
    claim: The accord runs for 12 years.
    quantity: { value: 12, unit: year }
    cues: [run, runs, last]
"#;

fn quay_findings(text: &str) -> Vec<(String, Kind, String)> {
    let rules =
        RuleSet::from_sources(&[("quay.yaml".to_owned(), QUAY.to_owned())]).expect("quay rules");
    findings_with(&rules, text, Markup::Text)
}

fn quay_contradictions(text: &str) -> Vec<(String, String)> {
    only_contradictions(quay_findings(text))
}

/// The (fact, flagged text) of the contradictions among `findings`.
fn only_contradictions(findings: Vec<(String, Kind, String)>) -> Vec<(String, String)> {
    findings
        .into_iter()
        .filter(|(_, k, _)| *k == Kind::Contradiction)
        .map(|(f, _, t)| (f, t))
        .collect()
}

#[test]
fn an_alias_and_one_party_with_the_full_date_of_a_date_fact_describe_the_subject() {
    // one party and "the accord" alone may be any of Norway's accords
    let vague = "Norway met its duties under the accord, which was signed in May 2021.";
    assert_eq!(quay_findings(vague), []);
    // the full date of the signing tells this accord from any other
    let full = "Norway met its duties under the accord, which was signed on 3 May 2021.";
    let found = quay_findings(full);
    assert!(!found.is_empty(), "{found:?}");
    assert!(
        found
            .iter()
            .all(|(f, k, _)| *k == Kind::Unstated && f != "signed"),
        "{found:?}"
    );
    // a date that does not agree identifies nothing: the draft stays silent
    let other = "Norway met its duties under the accord, which was signed on 9 May 2021.";
    assert_eq!(quay_findings(other), []);
}

#[test]
fn a_plain_text_heading_gives_its_event_to_the_date_lines_and_the_lede_under_it() {
    // a "Date:" line under a title that names the event
    let label = "The Quay Accord takes effect\n\nDate: 2 July 2022\n\nNorway and Chile signed the Quay Accord on 3 May 2021.\n";
    assert_eq!(
        quay_contradictions(label),
        [pair("in-force", "2 July 2022")]
    );
    // a lede whose fronted date has an event of no fact: the headline's
    let lede = "Quay Accord takes effect\n\nOn 2 July 2022, officials in Oslo confirmed that Chile had met its part of the Quay Accord.\n";
    assert_eq!(quay_contradictions(lede), [pair("in-force", "2 July 2022")]);
    // the same words with no heading above say nothing of the event
    let bare = "On 2 July 2022, officials in Oslo confirmed that Chile had met its part of the Quay Accord.\n";
    assert_eq!(quay_contradictions(bare), []);
    // a lede whose date is another date fact's event keeps that event
    let signed =
        "Quay Accord takes effect\n\nOn 4 May 2021, Norway and Chile signed the Quay Accord.\n";
    assert_eq!(quay_contradictions(signed), [pair("signed", "4 May 2021")]);
}

#[test]
fn a_fronted_date_skips_an_adjunct_of_another_time_and_stops_at_a_relative_clause() {
    // "after the vote …" is another time; the main verb is the date's event
    let adjunct = "On 5 May 2021, after the vote in the Norwegian parliament, Norway and Chile signed the Quay Accord.";
    assert_eq!(quay_contradictions(adjunct), [pair("signed", "5 May 2021")]);
    let before =
        "On 5 May 2021, following its ratification by Chile, the Quay Accord was signed by Norway.";
    assert_eq!(quay_contradictions(before), [pair("signed", "5 May 2021")]);
    // a relative clause with a date of its own is not the fronted date's
    let relative = "On 2 July 2022, Chile met its duties under the Quay Accord, which was signed on 3 May 2021.";
    assert_eq!(quay_contradictions(relative), []);
}

#[test]
fn a_pronoun_given_to_another_instrument_is_the_subject_when_it_gives_the_subjects_date() {
    // the sentence gives the signing's day and month through "It"
    let text = "Norway and Chile signed the Quay Accord. An Interim Pact came first, in 2019.\n\nIt runs for 15 years from its signing in Oslo on 3 May.\n";
    assert_eq!(quay_contradictions(text), [pair("term", "15 years")]);
    // another day: "It" stays the interim pact, whose term this is
    let other = "Norway and Chile signed the Quay Accord. An Interim Pact came first, in 2019.\n\nIt runs for 15 years from its signing in Oslo on 9 May.\n";
    assert_eq!(quay_contradictions(other), []);
}

#[test]
fn a_duration_held_by_a_count_is_not_the_subjects_term() {
    let text = "The Quay Accord lets Norway keep 300 trawlers, with only 120 of these running nets for 10 years.";
    assert_eq!(quay_contradictions(text), []);
    let own = "The Quay Accord lets Norway keep 300 trawlers and runs for 10 years.";
    assert_eq!(quay_contradictions(own), [pair("term", "10 years")]);
}

#[test]
fn a_date_after_a_closed_aside_belongs_to_the_verb_before_the_aside() {
    // the aside's verb ("signed") is not the date's event
    for text in [
        "Norway left the Quay Accord – signed by both states – in June 2021.",
        "Norway left the Quay Accord (signed by both states) in June 2021.",
    ] {
        assert_eq!(quay_contradictions(text), [], "{text}");
    }
    // without the aside, the date is the signing's
    let plain = "Both states signed the Quay Accord in June 2021.";
    assert_eq!(quay_contradictions(plain), [pair("signed", "June 2021")]);
}

#[test]
fn a_draft_naming_every_party_is_about_the_subject_when_it_states_two_of_its_figures() {
    // no name and no alias, but the signing date and the term: the accord
    let terms = "Norway and Chile signed joint harbour rules on 3 May 2021.\n\nThe rules run for 12 years.\n";
    let found = quay_findings(terms);
    assert_eq!(
        found
            .iter()
            .map(|(f, k, _)| (f.as_str(), *k))
            .collect::<Vec<_>>(),
        [("in-force", Kind::Unstated)]
    );
    // one figure alone may be of anything the two states share
    let one = "Norway and Chile signed joint harbour rules on 3 May 2021.\n";
    assert_eq!(quay_findings(one), []);
}

#[test]
fn a_party_written_as_an_abbreviation_with_full_stops_is_named() {
    let yaml = QUAY.replace("[Chile, Santiago]", "[U.S., Washington]");
    let rules = RuleSet::from_sources(&[("quay.yaml".to_owned(), yaml)]).expect("quay rules");
    let text = "Norway and the U.S. signed the accord on 9 May 2021.";
    let found = findings_with(&rules, text, Markup::Text);
    assert!(
        found.contains(&(
            "signed".to_owned(),
            Kind::Contradiction,
            "9 May 2021".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn a_short_form_defined_in_brackets_after_a_name_names_the_subject() {
    let text = "Norway and Chile signed the Quay Accord (QA21) in Oslo.\n\nOfficials said QA21 runs for 15 years.\n";
    assert_eq!(quay_contradictions(text), [pair("term", "15 years")]);
    // a word in brackets that is no short form defines nothing
    let plain = "Norway and Chile signed the Quay Accord (quietly) in Oslo.\n\nOfficials said Quietly runs for 15 years.\n";
    assert_eq!(quay_contradictions(plain), []);
}

#[test]
fn a_cue_in_a_restrictive_who_clause_after_a_figure_is_the_figures() {
    // the clause is part of the phrase the figure stands in
    let restrictive =
        "The Quay Accord offers 15 years in berth rights to crews who run the ferries.";
    assert_eq!(quay_contradictions(restrictive), [pair("term", "15 years")]);
    // after a comma the clause is an aside about the crews
    let aside =
        "The Quay Accord offers 15 years in berth rights to the crews, who run the ferries.";
    assert_eq!(quay_contradictions(aside), []);
}

#[test]
fn a_finer_figure_agrees_with_a_fact_given_as_a_rounded_value() {
    let rounded = QUAY.replace(
        "The accord runs for 12 years.",
        "The accord runs for about 12 years.",
    );
    let rules = RuleSet::from_sources(&[("quay.yaml".to_owned(), rounded)]).expect("quay rules");
    let found = |text: &str| only_contradictions(findings_with(&rules, text, Markup::Text));
    assert_eq!(found("The Quay Accord runs for 12.4 years."), []);
    assert_eq!(
        found("The Quay Accord runs for 13.2 years."),
        [pair("term", "13.2 years")]
    );
    // an exact fact keeps its own digits
    assert_eq!(
        quay_contradictions("The Quay Accord runs for 12.4 years."),
        [pair("term", "12.4 years")]
    );
}

#[test]
fn a_closed_bracket_before_a_figure_holds_its_own_comparison() {
    // "more than" inside the brackets opens no aside for what follows them
    let text =
        "The Quay Accord lets both fleets run 300 boats (more than 200 trawlers) for 15 years.";
    assert_eq!(quay_contradictions(text), [pair("term", "15 years")]);
}

#[test]
fn a_bound_alone_does_not_describe_the_subject() {
    // "more than ten years" agrees with the term but gives no value
    let text = "Norway and Chile signed joint harbour rules on 3 May 2021.\n\nThe rules run for more than ten years.\n";
    assert_eq!(quay_findings(text), []);
    // nor does a month many events share: this may be any of their contracts
    let month = "Norway and Chile signed a fishing contract in May 2021.\n\nThe contract runs for 12 years.\n";
    assert_eq!(quay_findings(month), []);
}

#[test]
fn a_bare_number_recalling_a_count_noun_states_but_never_contradicts() {
    let unstated = |text: &str| -> Vec<String> {
        findings_under(PLANT, text, Markup::Markdown)
            .into_iter()
            .filter(|(_, k, _)| *k == Kind::Unstated)
            .map(|(f, _, _)| f)
            .collect()
    };
    // the noun before the number, the cue far off in the sentence
    let states = "The Ridgeway agreement made the plant cut its pumps by a third, to about 120 of the newer make, under a limit that the county set.";
    assert!(!unstated(states).contains(&"pumps".to_owned()), "{states}");
    assert_eq!(plant_contradictions(states, Markup::Markdown), []);
    // a bare number that disagrees is too weak a reading to contradict
    let other = "The Ridgeway agreement made the plant cut its pumps by a third, to about 150 of the newer make, under a limit that the county set.";
    assert_eq!(plant_contradictions(other, Markup::Markdown), []);
    assert!(unstated(other).contains(&"pumps".to_owned()), "{other}");
    // with its noun said, the same figure contradicts
    let said = "The Ridgeway agreement limited the plant to 150 pumps.";
    assert_eq!(
        plant_contradictions(said, Markup::Markdown),
        [pair("pumps", "150 pumps")]
    );
}

/// A subject with a figure given to three significant digits, written for
/// these tests.
const COMPACT: &str = r#"
subject:
  id: compact
  name: Tarn Quay Compact
  names: [Tarn Quay Compact]
  aliases: [compact]
  source: test text
facts:
  - id: ratio
    claim: The compact caps the berth ratio at 3.25 percent.
    quantity: { value: 3.25, unit: percent }
    cues: [ratio, cap, allowed]
"#;

fn compact_findings(text: &str) -> Vec<(String, Kind, String)> {
    findings_under(COMPACT, text, Markup::Text)
}

#[test]
fn a_fact_s_value_in_full_without_its_unit_states_it() {
    let kinds = |text: &str| -> Vec<Kind> {
        compact_findings(text)
            .into_iter()
            .map(|(_, k, _)| k)
            .collect()
    };
    // the value to three significant digits, no unit: stated
    assert_eq!(
        kinds("Under the Tarn Quay Compact, the harbour keeps the 3.25 ratio."),
        []
    );
    // another bare value is not read at all: neither stated nor contradicted
    assert_eq!(
        kinds("Under the Tarn Quay Compact, the harbour keeps the 3.40 ratio."),
        [Kind::Unstated]
    );
    // a shorter bare number is too common to be the fact's
    assert_eq!(
        kinds("Under the Tarn Quay Compact, the harbour keeps the 3 ratio."),
        [Kind::Unstated]
    );
}

#[test]
fn a_figure_its_own_phrase_ties_to_the_subject_counts_inside_a_change() {
    let contradictions = |text: &str| {
        let draft = format!("The Tarn Quay Compact took effect in May.\n\n{text}\n");
        only_contradictions(compact_findings(&draft))
    };
    // inside an activity under way, a figure is the activity's
    assert_eq!(
        contradictions(
            "Under the compact, the port began raising the ratio from 3.1 percent to 5 percent."
        ),
        []
    );
    // unless its phrase says the subject set it
    assert_eq!(
        contradictions("The port began raising the ratio from the 3.1 percent level allowed under the compact to 5 percent."),
        [pair("ratio", "3.1 percent")]
    );
    assert_eq!(
        contradictions("The port began raising the ratio from the 3.25 percent level allowed under the compact to 5 percent."),
        []
    );
}

/// A takeover whose value fact is cued by the takeover's own nouns, written
/// for these tests.
const TAKEOVER: &str = r#"
subject:
  id: takeover
  name: Halvern's takeover of Brightwave
  source: test text
  aliases: [takeover, deal]
  names: [Halvern-Brightwave deal]
  parties: [[Halvern], [Brightwave]]
facts:
  - id: value
    claim: Halvern agreed to buy Brightwave for $12.4 billion.
    quantity: { value: 12400000000, unit: dollar }
    cues: [takeover, buy]
  - id: fund
    claim: Brightwave keeps a research fund of $2 billion.
    quantity: { value: 2000000000, unit: dollar }
    cues: [research fund]
"#;

#[test]
fn a_figure_that_sizes_an_alias_the_fact_is_cued_by_is_the_fact_s() {
    let found = |text: &str| contradictions_under(TAKEOVER, text, Markup::Text);
    // "takeover" is both the alias and the value's cue
    assert_eq!(
        found("Halvern's $12.9 billion takeover of Brightwave won approval."),
        [pair("value", "$12.9 billion")]
    );
    assert_eq!(
        found("Halvern's $12.4 billion takeover of Brightwave won approval."),
        []
    );
    // an alias that is no cue of the fact: the figure sizes the subject,
    // not the fund
    assert_eq!(
        found("The $12.9 billion deal between Halvern and Brightwave keeps a research fund."),
        []
    );
}

/// A subject that two companies make, told by its verb as often as by a
/// noun.
const MERGER: &str = r#"
subject:
  id: merger
  name: Calder's purchase of Wexmoor
  source: test text
  parties: [[Calder], [Wexmoor]]
  aliases: [purchase, merger]
  events: [acquire, buy, take over, merge with]
  year: 2032
facts:
  - id: price
    claim: Calder agreed to pay $3.1 billion for Wexmoor.
    quantity: { value: 3100000000, unit: dollar }
    cues: [acquire, buy, take over, pay, price]
  - id: agreed
    claim: The two agreed terms on 2 May 2032.
    date: 2032-05-02
    cues: [agree, strike]
  - id: cleared
    claim: Regulators cleared the purchase on 9 October 2032.
    date: 2032-10-09
    cues: [clear, approve]
"#;

#[test]
fn a_verb_of_the_subject_between_its_parties_names_it() {
    let found = |text: &str| contradictions_under(MERGER, text, Markup::Text);
    for text in [
        "Calder will acquire Wexmoor for $3.6 billion.",
        "Wexmoor was bought by Calder for $3.6 billion.",
        "Calder took over its smaller rival Wexmoor for $3.6 billion.",
    ] {
        assert_eq!(found(text), [pair("price", "$3.6 billion")], "{text}");
    }
    // the verb's object is not the other party: no draft about the subject
    for text in [
        "Calder bought Wexmoor shares for $3.6 billion.",
        "Calder bought Norvale, a Wexmoor rival, for $3.6 billion.",
        "Calder will acquire a stake in Wexmoor for $3.6 billion.",
    ] {
        assert_eq!(findings_under(MERGER, text, Markup::Text), [], "{text}");
    }
    // without `events`, the verb names nothing
    let no_events = MERGER.replace("  events: [acquire, buy, take over, merge with]\n", "");
    assert_eq!(
        findings_under(
            &no_events,
            "Calder will acquire Wexmoor for $3.6 billion.",
            Markup::Text
        ),
        []
    );
}

#[test]
fn a_pronoun_after_a_verb_that_names_the_subject_is_no_mention_of_it() {
    let found = |text: &str| contradictions_under(MERGER, text, Markup::Text);
    // "it" is the company, not the purchase
    assert_eq!(
        found("Calder will acquire Wexmoor for $3.1 billion. It paid $3.6 billion for Norvale."),
        []
    );
    // a noun for the subject is what "it" stands for
    assert_eq!(
        found("Calder's purchase of Wexmoor won approval. It is priced at $3.6 billion."),
        [pair("price", "$3.6 billion")]
    );
}

#[test]
fn cues_match_irregular_and_doubled_e_forms() {
    let found = |text: &str| contradictions_under(MERGER, text, Markup::Text);
    // `strike` is written "struck"
    assert_eq!(
        found("Calder struck its merger with Wexmoor on 12 May 2032."),
        [pair("agreed", "12 May 2032")]
    );
    // `agree` is written "agreed": the cue drops one "e", not both
    assert_eq!(
        found("Calder agreed on 12 May 2032 to buy Wexmoor."),
        [pair("agreed", "12 May 2032")]
    );
    assert_eq!(found("Calder agreed on 2 May 2032 to buy Wexmoor."), []);
}

#[test]
fn a_heading_s_event_does_not_take_a_date_of_another_fact_s_event() {
    // the heading names the clearing; the line's own event is the
    // agreement, another date fact's cue
    let text =
        "# Wexmoor purchase cleared\n\nTimeline: Calder agreed on 2 May 2032 to buy Wexmoor.\n";
    assert_eq!(contradictions_under(MERGER, text, Markup::Markdown), []);
}

#[test]
fn a_rate_fact_without_cues_takes_only_figures_of_its_denominator() {
    let yaml = r#"
subject:
  id: offer
  name: Calder's offer for Wexmoor
  source: test text
  parties: [[Calder], [Wexmoor]]
  aliases: [offer]
facts:
  - id: total
    claim: The offer values Wexmoor at $3.1 billion.
    quantity: { value: 3100000000, unit: dollar }
    cues: [values, valued]
  - id: per-share
    claim: Calder offers $41 a share.
    quantity: { value: 41, unit: dollar, per: share }
"#;
    let found = |text: &str| contradictions_under(yaml, text, Markup::Text);
    // the total is no price a share, and the price a share no total
    assert_eq!(
        found("Calder's offer values Wexmoor at $3.1 billion, or $41 a share."),
        []
    );
    assert_eq!(
        found("Calder's offer values Wexmoor at $3.1 billion, or $38 a share."),
        [pair("per-share", "$38 a share")]
    );
    // a figure without a denominator, and no cue of the rate fact
    assert_eq!(
        found("Calder's offer for Wexmoor includes a $200 million break fee."),
        []
    );
}

#[test]
fn a_rate_fact_s_value_is_given_with_its_denominator() {
    let yaml = r#"
subject:
  id: fee
  name: Tarn Quay mooring fee
  source: test text
  names: [Tarn Quay]
facts:
  - id: fee
    claim: A mooring at Tarn Quay costs $35 a month.
    quantity: { value: 35, unit: dollar, per: month }
"#;
    let rules = RuleSet::from_sources(&[("fee.yaml".to_owned(), yaml.to_owned())]).expect("rules");
    let text = "A mooring at Tarn Quay costs $50 a month.";
    let found = Checker::new(&rules).check(&Document::read(text, Markup::Text));
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["\"$50 a month\" contradicts the source, which says $35 a month"]
    );
}
