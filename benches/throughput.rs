//! Measures the pipeline's stages on a large synthetic Markdown draft about
//! the bundled subject: markup reading alone, the whole check (reading,
//! claims, verdicts), and, on an off-topic draft, the one scan that rules it
//! out before reading. The end-to-end benchmark over whole folders, against
//! ripgrep, is benches/e2e.sh (see docs/performance.md).
//!
//!     cargo bench --bench throughput
//!
//! Run by `cargo test --all-targets` only as a smoke run on a small draft; the
//! timings are printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use factlint::check::Checker;
use factlint::rules::RuleSet;
use factlint::source::{Document, Markup};

/// Paragraph shapes a draft about the treaty might contain, consistent and not,
/// with other subjects and plain filler between them.
const PARAGRAPHS: &[&str] = &[
    "The Russia–Iran treaty, signed in Moscow on 17 January 2025, runs to **47** articles and is valid for 20 years.",
    "Officials stressed that the pact does not include a mutual defence clause, though both sides pledged to consult on threats.",
    "Analysts in the region said the agreement with Iran, in the works for five years, covers energy, transport and finance.",
    "- Signed: 17 January 2025\n- Length: 46 articles\n- Term: two decades",
    "Tehran's 25-year cooperation agreement with China, signed in 2021, focused on oil and infrastructure.",
    "Markets were calm on Tuesday as traders weighed the outlook for grain exports through the Caspian ports.",
    "| Item | Detail |\n|---|---|\n| Articles | 47 |\n| Term | 20 years |",
    "A spokesman claimed the accord contains a collective defence provision, which the text does not bear out.",
    "Budget talks resumed in the capital after a week of delays, with ministers expected to agree on spending caps by March.",
];

fn draft(target_bytes: usize) -> String {
    let mut out = String::from("# The Russia–Iran treaty explained\n\n");
    let mut i = 0;
    while out.len() < target_bytes {
        out.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

fn measure(text: &str, checker: &Checker<'_>, runs: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let doc = Document::read(black_box(text), Markup::Markdown);
        findings = checker.check(&doc).len();
        best = best.min(start.elapsed());
    }
    (best, findings)
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let rules = RuleSet::bundled().expect("bundled rules load");
    let checker = Checker::new(&rules);
    let (size, runs) = if benching {
        (1 << 20, 20)
    } else {
        (16 << 10, 1)
    };
    let text = draft(size);
    let mut reading = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        black_box(Document::read(black_box(&text), Markup::Markdown));
        reading = reading.min(start.elapsed());
    }
    println!(
        "markup reading alone: best of {runs} runs {:.1} ms",
        reading.as_secs_f64() * 1e3
    );
    let (best, findings) = measure(&text, &checker, runs);
    let mb = text.len() as f64 / 1e6;
    println!(
        "check of a {:.2} MB Markdown draft: best of {runs} runs {:.1} ms ({:.0} MB/s), {findings} findings",
        mb,
        best.as_secs_f64() * 1e3,
        mb / best.as_secs_f64()
    );

    // A draft about nothing the rules know: the paragraphs without the treaty.
    let mut off_topic = String::from("# Markets and budgets\n\n");
    let mut i = 0;
    while off_topic.len() < size {
        let p = PARAGRAPHS[i % PARAGRAPHS.len()];
        if !p.contains("treaty") && !p.contains("Iran") && !p.contains("accord") {
            off_topic.push_str(p);
            off_topic.push_str("\n\n");
        }
        i += 1;
    }
    let mut scan = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        assert!(checker.off_topic(black_box(&off_topic), Markup::Markdown));
        scan = scan.min(start.elapsed());
    }
    let mb = off_topic.len() as f64 / 1e6;
    println!(
        "off-topic {:.2} MB draft ruled out before reading: best of {runs} runs {:.2} ms ({:.0} MB/s)",
        mb,
        scan.as_secs_f64() * 1e3,
        mb / scan.as_secs_f64()
    );
}
