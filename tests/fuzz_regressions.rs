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
