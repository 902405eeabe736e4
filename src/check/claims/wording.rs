//! The wording of a contradiction's expected value and its fix, in the
//! draft's own form: its unit, currency sign, scale word and compound.

use std::ops::Range;

use crate::reader::numbers::{self, NumberStyle};
use crate::reader::quantities::{self, Dimension, Form, Quantity};

/// The fact's value in the draft's own form: its unit when the value is a
/// whole number of it ("two decades" for 20 years after "three decades"),
/// its currency sign and scale word ("$1.2 billion" after "$1.5 billion"),
/// and a compound for a compound ("47-article").
pub(super) fn quantity_wording(
    value: f64,
    unit: &str,
    base_value: f64,
    q: &Quantity,
    text: &str,
) -> String {
    let written = q.number.clone().and_then(|r| text.get(r)).unwrap_or("");
    if let Dimension::Money(currency) = &q.unit.dimension {
        let amount = scaled_number(base_value / q.unit.factor, q.style, written);
        let sign = currency_sign(text, q);
        return match sign {
            Some(sign) => format!("{sign}{amount}"),
            None => format!("{amount} {}", plural(money_noun(currency, unit))),
        };
    }
    let in_draft_unit = base_value / q.unit.factor;
    let (value, unit) = if q.number.is_some() && is_whole(in_draft_unit) {
        (in_draft_unit.round(), q.unit.name.as_str())
    } else {
        (value, unit)
    };
    let number = numbers::format_number(value, q.style);
    match q.form {
        Form::Compound => format!("{number}-{unit}"),
        _ if value == 1.0 => format!("{number} {}", singular_unit(unit)),
        _ => format!("{number} {}", plural(unit)),
    }
}

fn is_whole(v: f64) -> bool {
    v > 0.0 && (v - v.round()).abs() < 1e-9
}

/// The currency sign right before the quantity's number, if the draft used one.
fn currency_sign<'t>(text: &'t str, q: &Quantity) -> Option<&'t str> {
    let number = q.number.as_ref()?;
    let before = text.get(q.range.start..number.start)?.trim_end();
    ["US$", "$", "€", "£"]
        .into_iter()
        .find(|sign| before.ends_with(sign))
        .map(|sign| &before[before.len() - sign.len()..])
}

/// The noun for a currency, for a draft that wrote the amount with a word.
fn money_noun<'a>(currency: &str, rule_unit: &'a str) -> &'a str {
    match currency {
        "usd" => "dollar",
        "eur" => "euro",
        "gbp" => "pound",
        _ => rule_unit,
    }
}

/// Scale words and abbreviations after a number, with their factors.
const SCALE_WORDS: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

fn scale_abbreviation(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "k" => Some(1e3),
        "m" | "mn" | "mln" => Some(1e6),
        "b" | "bn" | "bln" => Some(1e9),
        "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

/// `value` written as the draft wrote its number: with a scale word or
/// abbreviation when the draft used one ("1.2 billion", "1.2bn"), at the
/// value's own magnitude.
fn scaled_number(value: f64, style: NumberStyle, written: &str) -> String {
    let style = if style == NumberStyle::Words {
        NumberStyle::Words
    } else {
        NumberStyle::Digits
    };
    let trimmed = written.trim_end();
    let letters = trimmed.len()
        - trimmed
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    let word = &trimmed[trimmed.len() - letters..];
    let spaced = trimmed[..trimmed.len() - letters].ends_with(' ');
    let lower = word.to_ascii_lowercase();
    let family: Vec<(String, f64)> = if SCALE_WORDS.iter().any(|(w, _)| *w == lower) {
        SCALE_WORDS
            .iter()
            .map(|(w, f)| ((*w).to_owned(), *f))
            .collect()
    } else if let Some(factor) = scale_abbreviation(word) {
        let upper = word.chars().all(|c| c.is_ascii_uppercase());
        let million = if lower == "mn" { "mn" } else { "m" };
        [("k", 1e3), (million, 1e6), ("bn", 1e9), ("tn", 1e12)]
            .into_iter()
            .map(|(w, f)| {
                // the draft's own spelling for its own scale ("trn")
                let w = if f == factor {
                    word.to_owned()
                } else {
                    w.to_owned()
                };
                (if upper { w.to_ascii_uppercase() } else { w }, f)
            })
            .collect()
    } else {
        return numbers::format_number(value, style);
    };
    // The scale of the value's magnitude, if three decimals say it exactly:
    // "1.234567 million" would be no clearer than the digits.
    let scaled = family
        .iter()
        .rev()
        .find(|(_, f)| value / f >= 1.0)
        .filter(|(_, f)| {
            let v = value / f * 1000.0;
            (v.round() - v).abs() < 1e-6
        });
    match scaled {
        Some((w, f)) => {
            let v = ((value / f) * 1000.0).round() / 1000.0;
            let sep = if spaced { " " } else { "" };
            format!("{}{sep}{w}", numbers::format_number(v, style))
        }
        None => numbers::format_number(value, style),
    }
}

/// Whether a unit is written as a symbol, which takes no plural: "kg",
/// "km", "ft", "mph", "GW".
fn is_symbol(unit: &str) -> bool {
    matches!(
        unit,
        "kg" | "g"
            | "mg"
            | "t"
            | "lb"
            | "km"
            | "m"
            | "cm"
            | "mm"
            | "ft"
            | "mi"
            | "mph"
            | "kph"
            | "gw"
            | "mw"
            | "kw"
            | "gwh"
            | "mwh"
            | "kwh"
            | "pc"
            | "pct"
    ) || (unit.len() <= 3 && unit.chars().all(|c| c.is_ascii_uppercase()))
}

/// Nouns whose plural is not made with "s", singular and plural.
const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("mouse", "mice"),
];

/// A unit's singular: "person" for "people"; any other word as it is.
fn singular_unit(unit: &str) -> &str {
    IRREGULAR
        .iter()
        .find(|(_, p)| *p == unit)
        .map_or(unit, |(one, _)| one)
}

fn plural(unit: &str) -> String {
    if let Some((_, many)) = IRREGULAR
        .iter()
        .find(|(one, many)| *one == unit || *many == unit)
    {
        return (*many).to_owned();
    }
    // an abbreviation that is plural already: "yrs"; "percent" has no plural;
    // a unit's symbol has none either: "300 kg", "5 km"
    if unit.ends_with('s') || unit == "percent" || is_symbol(unit) {
        return unit.to_owned();
    }
    if let Some(stem) = unit.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    format!("{unit}s")
}

/// A replacement of the number alone, in the draft's own form, when the
/// mention is exact and the fact's value is a whole number of its unit.
pub(super) fn quantity_fix(
    base_value: f64,
    q: &Quantity,
    text: &str,
) -> Option<(Range<usize>, String)> {
    let range = q.number.clone()?;
    if !q.interval.is_exact() {
        return None;
    }
    let in_unit = base_value / q.unit.factor;
    if !is_whole(in_unit) {
        return None;
    }
    let written = text.get(range.clone()).unwrap_or("");
    Some((range, scaled_number(in_unit.round(), q.style, written)))
}

/// The fact's value in its own currency, with what differs: "$368 million
/// (the currency differs: US dollars, not pounds)".
pub(super) fn other_currency_wording(
    base_value: f64,
    fact: &Dimension,
    q: &Quantity,
    text: &str,
) -> String {
    let (Dimension::Money(want), Dimension::Money(found)) = (fact, &q.unit.dimension) else {
        return numbers::format_number(base_value, NumberStyle::Digits);
    };
    let written = q.number.clone().and_then(|r| text.get(r)).unwrap_or("");
    let amount = scaled_number(base_value, q.style, written);
    let sign = match want.as_str() {
        "usd" => "$",
        "eur" => "€",
        "gbp" => "£",
        _ => "",
    };
    let value = if sign.is_empty() {
        format!("{amount} {want}")
    } else {
        format!("{sign}{amount}")
    };
    format!(
        "{value}{CURRENCY_DIFFERS}{}, not {})",
        quantities::currency_name(want),
        quantities::currency_name(found)
    )
}

/// Between the fact's figure and the currencies in the expected wording of
/// a figure in another currency; what comes after it is no wording to write.
pub(crate) const CURRENCY_DIFFERS: &str = " (the currency differs: ";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::source::Document;

    /// (found, expected, the fixed draft) for each contradiction in `draft`.
    fn wording(facts: &str, draft: &str) -> Vec<(String, String, String)> {
        let yaml = format!(
            "subject:\n  id: s\n  name: Harbor Bridge\n  names: [Harbor Bridge]\n  source: s\nfacts:\n{facts}"
        );
        let rules = RuleSet::from_sources(&[("s.yaml".to_owned(), yaml)]).expect("rules");
        let doc = Document::read(draft, crate::source::Markup::Text);
        crate::check::Checker::new(&rules)
            .check(&doc)
            .into_iter()
            .filter_map(|d| {
                let fix = d.fix?;
                let mut fixed = draft.to_owned();
                fixed.replace_range(fix.range, &fix.replacement);
                Some((d.found?, d.expected?, fixed))
            })
            .collect()
    }

    const COST: &str =
        "  - id: cost\n    claim: c\n    quantity: {value: 1200000000, unit: dollar}\n";
    const TERM: &str = "  - id: term\n    claim: c\n    quantity: {value: 20, unit: year}\n";

    fn one(facts: &str, draft: &str) -> (String, String) {
        let found = wording(facts, draft);
        assert_eq!(found.len(), 1, "{draft}: {found:?}");
        let (_, expected, fixed) = found.into_iter().next().unwrap();
        (expected, fixed)
    }

    #[test]
    fn a_unit_symbol_takes_no_plural() {
        let mass = "  - id: load\n    claim: c\n    quantity: {value: 300, unit: kilogram}\n";
        assert_eq!(one(mass, "The Harbor Bridge carries 400 kg.").0, "300 kg");
        assert_eq!(
            one(mass, "The Harbor Bridge carries 400 kilograms.").0,
            "300 kilograms"
        );
        assert_eq!(plural("km"), "km");
        assert_eq!(plural("GW"), "GW");
        assert_eq!(plural("machine"), "machines");
    }

    #[test]
    fn irregular_nouns_keep_their_plural() {
        let toll =
            "  - id: toll\n    claim: c\n    quantity: {value: 6, unit: person, also: [people]}\n";
        assert_eq!(
            one(toll, "The Harbor Bridge fire hurt 7 people.").0,
            "6 people"
        );
        let one_person =
            "  - id: toll\n    claim: c\n    quantity: {value: 1, unit: person, also: [people]}\n";
        assert_eq!(
            one(one_person, "The Harbor Bridge fire hurt 3 people.").0,
            "1 person"
        );
        assert_eq!(plural("people"), "people");
        assert_eq!(plural("child"), "children");
    }

    #[test]
    fn money_keeps_the_drafts_sign_and_scale() {
        for (draft, expected, fixed) in [
            (
                "The Harbor Bridge costs $1.5 billion.",
                "$1.2 billion",
                "The Harbor Bridge costs $1.2 billion.",
            ),
            (
                "The Harbor Bridge costs $900 million.",
                "$1.2 billion",
                "The Harbor Bridge costs $1.2 billion.",
            ),
            (
                "The Harbor Bridge costs 1.5 billion dollars.",
                "1.2 billion dollars",
                "The Harbor Bridge costs 1.2 billion dollars.",
            ),
            (
                "The Harbor Bridge costs $1,500,000,000.",
                "$1,200,000,000",
                "The Harbor Bridge costs $1,200,000,000.",
            ),
            (
                "The Harbor Bridge costs $1.5bn.",
                "$1.2bn",
                "The Harbor Bridge costs $1.2bn.",
            ),
            (
                "The Harbor Bridge costs $900m.",
                "$1.2bn",
                "The Harbor Bridge costs $1.2bn.",
            ),
            (
                "The Harbor Bridge costs two billion dollars.",
                "1.2 billion dollars",
                "The Harbor Bridge costs 1.2 billion dollars.",
            ),
        ] {
            assert_eq!(
                one(COST, draft),
                (expected.to_owned(), fixed.to_owned()),
                "{draft}"
            );
        }
    }

    #[test]
    fn scales_are_chosen_to_keep_the_value_exact() {
        for (value, style, written, expected) in [
            (1.2e9, NumberStyle::Digits, "1.5 billion", "1.2 billion"),
            (1_234_567.0, NumberStyle::Digits, "2 million", "1,234,567"),
            (1_250_000.0, NumberStyle::Digits, "2M", "1.25M"),
            (2e9, NumberStyle::Words, "three billion", "two billion"),
            (47.0, NumberStyle::Words, "forty-two", "forty-seven"),
            (500.0, NumberStyle::Digits, "1 million", "500"),
        ] {
            assert_eq!(scaled_number(value, style, written), expected, "{written}");
        }
    }

    #[test]
    fn time_and_counts_keep_the_drafts_unit_and_form() {
        for (draft, expected, fixed) in [
            (
                "The Harbor Bridge has a 25-year term.",
                "20-year",
                "The Harbor Bridge has a 20-year term.",
            ),
            (
                "The Harbor Bridge lease runs for three decades.",
                "two decades",
                "The Harbor Bridge lease runs for two decades.",
            ),
            (
                "The Harbor Bridge lease runs for thirty years.",
                "twenty years",
                "The Harbor Bridge lease runs for twenty years.",
            ),
            (
                "The Harbor Bridge lease runs for 300 months.",
                "240 months",
                "The Harbor Bridge lease runs for 240 months.",
            ),
        ] {
            assert_eq!(
                one(TERM, draft),
                (expected.to_owned(), fixed.to_owned()),
                "{draft}"
            );
        }
        let lanes = "  - id: lanes\n    claim: c\n    quantity: {value: 47, unit: article}\n";
        assert_eq!(
            one(lanes, "The Harbor Bridge act is a forty-two-article text."),
            (
                "forty-seven-article".to_owned(),
                "The Harbor Bridge act is a forty-seven-article text.".to_owned()
            )
        );
    }
}
