//! Every input a fuzz target ever crashed on, kept in fuzz/regressions/<target>/,
//! fed to the same checks as the target (factlint::source::invariants), so
//! that a fixed crash stays fixed without running the fuzzer.

use std::fs;
use std::path::Path;

use factlint::source::{invariants, Markup};

fn each_input(target: &str, check: impl Fn(&str)) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        let bytes = fs::read(&path).expect("a regression input");
        // The targets skip input that is not UTF-8, as factlint does.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            eprintln!("{}", path.display());
            check(text);
            n += 1;
        }
    }
    n
}

#[test]
fn markdown() {
    each_input("markdown", |t| {
        invariants::check_reading(t, Markup::Markdown)
    });
}

#[test]
fn html() {
    each_input("html", |t| invariants::check_reading(t, Markup::Html));
}

#[test]
fn numbers() {
    // The first crash found: four hundred digits read as infinity.
    assert!(each_input("numbers", invariants::check_numbers) >= 1);
}

#[test]
fn dates() {
    each_input("dates", invariants::check_dates);
}

#[test]
fn rules() {
    each_input("rules", invariants::check_rule_file);
}

#[test]
fn fix() {
    // The drafts, with a value picked at many places and the bundled
    // rules' fixes, as the fix target checks them.
    let drafts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts");
    let mut n = 0;
    for entry in fs::read_dir(&drafts).expect("the drafts") {
        let path = entry.expect("a folder entry").path();
        let markup = Markup::from_path(&path).unwrap_or(Markup::Text);
        let text = fs::read_to_string(&path).expect("a draft");
        for pick in (0..text.len()).step_by(7) {
            for (len, replacement) in [(2, "47"), (5, "forty-seven"), (1, ""), (0, "1")] {
                invariants::check_fix(&text, markup, pick, len, replacement);
            }
        }
        n += 1;
    }
    assert!(n >= 3);
    for (draft, markup) in [
        (
            "It has [4<!-- x -->5](u) &nbsp;articles.\n",
            Markup::Markdown,
        ),
        (
            "<p>Russia and Iran signed the treaty on <b>January</b>&nbsp;15,\r\n2025.</p>",
            Markup::Html,
        ),
    ] {
        for pick in 0..draft.len() {
            invariants::check_fix(draft, markup, pick, 12, "February 17, 2026");
        }
    }
    // Found by a randomised run: text inserted just before a digit that
    // follows a byte order mark.
    invariants::check_fix(
        "&#52; </b>\t\r\n&#52;\r[](u)2025[five\r\n\u{200d}</b>](u)\u{feff}5years\t",
        Markup::Text,
        27,
        18,
        "17 January 2025",
    );
    each_input("fix", |t| {
        invariants::check_fix(t, Markup::Markdown, 0, 8, "47")
    });
}
