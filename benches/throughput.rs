//! Measures the pipeline's stages on a large synthetic Markdown draft about
//! the bundled subject: markup reading alone, the whole check (reading,
//! claims, verdicts), each reading stage on its own (sentences, tokens,
//! mentions, numbers, quantities, dates) and the JSON Lines report; and, on
//! an off-topic draft, the one scan that rules it out before reading. The
//! end-to-end benchmark over whole folders, against ripgrep, is
//! benches/e2e.sh (see docs/performance.md).
//!
//!     cargo bench --bench throughput
//!     cargo bench --bench throughput -- FILE.md   # the stages on a draft of yours
//!
//! benches/compare.sh builds the 1 MB draft it times from the corpus and
//! runs this on it. Run by `cargo test --all-targets` only as a smoke run on
//! a small draft; the timings are printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use factlint::check::Checker;
use factlint::diagnostic::FileReport;
use factlint::reader::{attribution, dates, numbers, quantities, sentences, tokens};
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

/// The best of `runs` runs of `f`, printed with its label; `f`'s last result.
fn timed<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut best = Duration::MAX;
    let mut out = f();
    for _ in 0..runs {
        let start = Instant::now();
        out = black_box(f());
        best = best.min(start.elapsed());
    }
    println!("  {label:<34} {:8.2} ms", best.as_secs_f64() * 1e3);
    out
}

/// Each reading stage on its own, on one thread, over every sentence of the
/// draft, as the checker runs them; then the report.
fn stages(text: &str, rules: &RuleSet, checker: &Checker<'_>, runs: usize) {
    println!("stages, best of {runs} runs, one thread:");
    let doc = timed("markup reading", runs, || {
        Document::read(text, Markup::Markdown)
    });
    let t = doc.text.as_str();
    let split: Vec<_> = timed("sentences", runs, || {
        let ranges = doc
            .blocks
            .iter()
            .map(|b| sentences::split(t, b.range.clone()));
        ranges.flatten().collect::<Vec<_>>()
    });
    let toks: Vec<_> = timed("tokens", runs, || {
        let each = split.iter().map(|r| tokens::tokenize(t, r.clone()));
        each.collect::<Vec<_>>()
    });
    let Some(s) = rules.subjects.first() else {
        return;
    };
    let terms = attribution::Terms::new(
        s.names.clone(),
        s.parties.clone(),
        s.aliases.clone(),
        s.year,
        s.distinct_from.clone(),
    );
    timed("mentions", runs, || {
        toks.iter()
            .map(|k| attribution::mentions(k, &terms).len())
            .sum::<usize>()
    });
    let nums: Vec<_> = timed("numbers", runs, || {
        split
            .iter()
            .map(|r| numbers_in(t, r.clone()))
            .collect::<Vec<_>>()
    });
    timed("quantities", runs, || {
        let each = toks.iter().zip(&nums);
        each.map(|(k, n)| quantities::find(k, n, &rules.units).len())
            .sum::<usize>()
    });
    timed("dates", runs, || {
        split
            .iter()
            .map(|r| dates::find_dates(&t[r.clone()]).len())
            .sum::<usize>()
    });
    let diagnostics = timed("whole check (all threads)", runs, || checker.check(&doc));
    let report = [FileReport {
        path: "draft.md".to_owned(),
        source: text.to_owned(),
        diagnostics,
    }];
    timed("JSON Lines report", runs, || {
        factlint::emit::jsonl::render(&report).len()
    });
}

/// The numbers of `text[range]`, with offsets into `text` as tokens have.
fn numbers_in(text: &str, range: std::ops::Range<usize>) -> Vec<numbers::NumberMatch> {
    let mut found = numbers::find_numbers(&text[range.clone()]);
    for n in &mut found {
        n.range = n.range.start + range.start..n.range.end + range.start;
    }
    found
}

fn main() {
    // as the factlint binary does
    factlint::memory::tune_allocator();
    let benching = std::env::args().any(|a| a == "--bench");
    let file = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let rules = RuleSet::bundled().expect("bundled rules load");
    let checker = Checker::new(&rules);
    let (size, runs) = if benching {
        (1 << 20, 20)
    } else {
        (16 << 10, 1)
    };
    if let Some(path) = file {
        let text = std::fs::read_to_string(&path).expect("the draft is readable UTF-8");
        println!("{path}: {} bytes", text.len());
        stages(&text, &rules, &checker, runs);
        return;
    }
    let text = draft(size);
    stages(&text, &rules, &checker, runs);
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
        // nor a party with the signing date, which may describe the treaty
        let about = ["treaty", "Iran", "Tehran", "accord", "2025"];
        if !about.iter().any(|w| p.contains(w)) {
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
