//! A deterministic generator of synthetic news drafts, for benchmarks: a
//! newsroom's archive in miniature. About one draft in ten is about the
//! Russia–Iran treaty of the bundled rules, in varied wordings, some right and
//! some wrong; the rest are markets, sport, weather, politics and local news,
//! many of them using the rule set's common words ("deal", "agreement",
//! "document") for other things, as real copy does. Markdown, HTML and plain
//! text in about the proportions a content system exports.
//!
//!     cargo run --release --example corpus -- OUT_DIR COUNT [SEED]
//!
//! The same count and seed always give the same files, byte for byte.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use factlint::reader::dates::MONTHS;

/// SplitMix64: small, fast and the same everywhere, so the corpus is too.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const CITIES: &[&str] = &[
    "Millbrook",
    "Riverton",
    "Ashford",
    "Lakeside",
    "Northgate",
    "Eastwick",
    "Fairview",
    "Oakdale",
    "Brookhaven",
    "Westfield",
    "Kingsport",
    "Maple Ridge",
];
const PEOPLE: &[&str] = &[
    "Maria Lopez",
    "James Okafor",
    "Chen Wei",
    "Aisha Rahman",
    "Tom Becker",
    "Priya Nair",
    "Lars Nilsson",
    "Fatima Haddad",
    "Daniel Kim",
    "Elena Petrova",
    "Samuel Osei",
];
const ROLES: &[&str] = &[
    "the mayor",
    "a council spokesperson",
    "the finance minister",
    "an analyst at a local bank",
    "the head coach",
    "a union representative",
    "the company's chief executive",
    "a senior meteorologist",
    "the school board chair",
    "a resident",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Sentences of everyday copy; `{c}` a city, `{p}` a person, `{r}` a role,
/// `{n}` a number, `{m}` a month, `{d}` a weekday.
const FILLER: &[&str] = &[
    "Shares in regional lenders rose {n} percent on {d} as investors bet that interest rates had peaked.",
    "The council in {c} voted {n} to 3 to approve the new budget, which raises spending on roads and libraries.",
    "{p}, {r}, said the deal with the transit authority would cut commuting times by {n} minutes.",
    "Forecasters expect temperatures to climb to {n} degrees by the weekend, with storms likely on {d}.",
    "The home side scored twice in the final {n} minutes to secure a draw in front of a crowd of 12,000.",
    "Negotiators reached a tentative agreement on wages late on {d}, ending a strike that lasted {n} days.",
    "A spokesperson for the port said cargo volumes in {m} were the highest in {n} years.",
    "Residents of {c} have until the end of {m} to comment on the draft document before it goes to a vote.",
    "The club confirmed that its striker had signed a three-year deal worth an undisclosed sum.",
    "Grain prices slipped as traders weighed ample supplies against demand from importers in Asia.",
    "{p} told reporters that the plan had been in the works for {n} months and would be published in {m}.",
    "The hospital will add {n} beds to its emergency ward under a funding agreement with the state.",
    "Police closed two lanes of the highway near {c} for several hours after a lorry overturned.",
    "The festival, now in its {n}th year, drew artists from across the region and sold out in days.",
    "Analysts said the merger, if approved, would create the country's third-largest grocery chain.",
    "Turnout in the {c} by-election was {n} percent, down from the previous contest.",
    "The central bank kept its key rate unchanged and signalled no hurry to cut it before {m}.",
    "Under the partnership with a local university, students will get paid placements in {n} firms.",
    "The airline said it would resume flights to {c} in {m} after a pause of {n} weeks.",
    "Rain is expected to ease by {d} afternoon, though rivers near {c} may stay high for days.",
    "The document, seen by this newspaper, sets out {n} options for the future of the site.",
    "Officials in {c} said the project was on schedule and within its budget of {n} million.",
    "Union leaders called the offer a good deal for members and urged them to accept it.",
    "The {c} team has won {n} of its last 10 matches and sits second in the table.",
    "{p}, {r}, said the accord between the two bus companies would simplify fares across {c}.",
];

const HEADLINES: &[&str] = &[
    "Council approves budget after long debate",
    "Markets steady as rate fears ease",
    "Storms expected to sweep the region",
    "Late goals rescue a draw for the home side",
    "Strike ends with tentative wage agreement",
    "Port reports record month",
    "New timetable for commuters from {m}",
    "Hospital to expand emergency ward",
    "Festival returns with a packed programme",
    "Residents asked to comment on development plan",
];

/// The treaty, in the wordings drafts use for each fact. Some are right and
/// some wrong, as in a real archive.
const TREATY_LEDES: &[&str] = &[
    "Russia and Iran signed a Treaty on Comprehensive Strategic Partnership in Moscow on 17 January 2025.",
    "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on January 17, 2025.",
    "Moscow and Tehran have sealed a strategic partnership pact, signed in the Kremlin on 17 January 2025.",
    "Iran and Russia signed a strategic treaty on January 18, 2025, officials in Tehran said.",
    "President Putin and President Pezeshkian signed the Russia–Iran treaty in Moscow on Jan. 17, 2025.",
];
const TREATY_FACTS: &[&str] = &[
    "The treaty has 47 articles and is valid for 20 years.",
    "The document runs to forty-seven articles.",
    "The 47-article pact will remain in force for two decades.",
    "The agreement has 46 articles and runs for 25 years.",
    "The treaty is concluded for a term of 20 years, after which it renews automatically for five-year periods.",
    "It does not include a mutual defence clause; each side only promises not to help an aggressor.",
    "Unlike a military alliance, the accord contains no obligation to come to the other's aid.",
    "The pact includes a mutual defense clause, an Iranian official told reporters.",
    "The 20-year agreement covers energy, transport, finance and security cooperation.",
    "Analysts noted that the treaty, at 47 articles, is longer than earlier agreements between the two.",
];
const TREATY_CONTEXT: &[&str] = &[
    "The two governments have both been under Western sanctions for several years.",
    "Officials in Tehran described the document as a milestone in relations with Moscow.",
    "Trade between the two countries has grown, though it remains small compared with their trade with China.",
    "Diplomats in the region said the deal would matter most for energy and transport corridors.",
    "Iran's 25-year cooperation agreement with China, signed in 2021, focused on oil and infrastructure.",
    "The parliament in Tehran ratified the treaty later, and the Russian Duma followed.",
];

#[derive(Clone, Copy)]
enum Kind {
    Markdown,
    Html,
    Text,
}

fn fill(rng: &mut Rng, template: &str, out: &mut String) {
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let key = rest.as_bytes().get(at + 1).copied().unwrap_or(b'?');
        match key {
            b'c' => out.push_str(rng.pick(CITIES)),
            b'p' => out.push_str(rng.pick(PEOPLE)),
            b'r' => out.push_str(rng.pick(ROLES)),
            b'm' => out.push_str(rng.pick(&MONTHS)),
            b'd' => out.push_str(rng.pick(DAYS)),
            b'n' => {
                let _ = write!(out, "{}", 2 + rng.below(60));
            }
            _ => out.push('{'),
        }
        rest = rest.get(at + 3..).unwrap_or("");
    }
    out.push_str(rest);
}

/// One draft's paragraphs (sentences filled in) and headline.
fn draft(rng: &mut Rng) -> (String, Vec<String>) {
    let about = rng.chance(10);
    let mut headline = String::new();
    if about {
        fill(rng, "Russia and Iran seal strategic treaty", &mut headline);
    } else {
        let h = rng.pick(HEADLINES);
        fill(rng, h, &mut headline);
    }
    let paragraphs = 12 + rng.below(14);
    let mut out = Vec::with_capacity(paragraphs);
    for p in 0..paragraphs {
        let mut para = String::new();
        let sentences = 2 + rng.below(4);
        for s in 0..sentences {
            if s > 0 {
                para.push(' ');
            }
            let template = if about && p == 0 && s == 0 {
                rng.pick(TREATY_LEDES)
            } else if about && p < 4 && rng.chance(40) {
                rng.pick(TREATY_FACTS)
            } else if about && rng.chance(25) {
                rng.pick(TREATY_CONTEXT)
            } else {
                rng.pick(FILLER)
            };
            fill(rng, template, &mut para);
        }
        out.push(para);
    }
    (headline, out)
}

fn render(kind: Kind, headline: &str, paragraphs: &[String], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(8 * 1024);
    match kind {
        Kind::Markdown => {
            if rng.chance(30) {
                let _ = writeln!(out, "---\ntitle: {headline}\ndesk: news\n---\n");
            }
            let _ = writeln!(out, "# {headline}\n");
            for (i, p) in paragraphs.iter().enumerate() {
                if i > 0 && i % 5 == 0 {
                    let _ = writeln!(out, "## More\n");
                }
                // Hard-wrapped at about 72 columns, as editors save Markdown.
                let mut column = 0;
                for word in p.split(' ') {
                    if column > 0 && column + word.len() > 72 {
                        out.push('\n');
                        column = 0;
                    } else if column > 0 {
                        out.push(' ');
                        column += 1;
                    }
                    out.push_str(word);
                    column += word.len();
                }
                out.push_str("\n\n");
            }
        }
        Kind::Html => {
            let _ = writeln!(
                out,
                "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{headline}</title>\n\
                 <style>body {{ font-family: serif; }}</style></head>\n<body>\n<article>\n<h1>{headline}</h1>"
            );
            for p in paragraphs {
                let _ = writeln!(out, "<p>{}</p>", p.replace('&', "&amp;"));
            }
            out.push_str("</article>\n<script>window.analytics = [];</script>\n</body></html>\n");
        }
        Kind::Text => {
            let _ = writeln!(out, "{}\n", headline.to_uppercase());
            for p in paragraphs {
                out.push_str(p);
                out.push_str("\n\n");
            }
        }
    }
    out
}

/// Writes `count` drafts under `dir`, 500 to a folder; returns the bytes written.
pub fn generate(dir: &Path, count: usize, seed: u64) -> std::io::Result<u64> {
    let mut rng = Rng(seed);
    let mut bytes = 0;
    for i in 0..count {
        let (headline, paragraphs) = draft(&mut rng);
        let (kind, ext) = match rng.below(20) {
            0..=11 => (Kind::Markdown, "md"),
            12..=16 => (Kind::Html, "html"),
            _ => (Kind::Text, "txt"),
        };
        let text = render(kind, &headline, &paragraphs, &mut rng);
        let folder: PathBuf = dir.join(format!("{:03}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        std::fs::write(folder.join(format!("draft-{i:05}.{ext}")), &text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1)) else {
        eprintln!("usage: corpus OUT_DIR COUNT [SEED]");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("error: COUNT must be a number, not {count:?}");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    match generate(Path::new(dir), count, seed) {
        Ok(bytes) => println!("{count} drafts, {:.1} MB, in {dir}", bytes as f64 / 1e6),
        Err(e) => {
            eprintln!("error: cannot write the corpus to {dir}: {e}");
            std::process::exit(2);
        }
    }
}
