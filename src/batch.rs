//! Checking many inputs: files are read and checked in parallel, and their
//! outcomes handed back one by one in input order, so that output is the same
//! on every run and can be written while later files are still being checked.
//!
//! Memory stays bounded by the files in flight (one per thread, plus those
//! finished ahead of a slow one) and the reports: a clean file's text is
//! dropped as soon as it is checked, as nothing is shown of it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::check::Checker;
use crate::diagnostic::FileReport;
use crate::source::walk::{self, ReadError};
use crate::source::{Document, Markup};

/// One input to check.
#[derive(Debug, Clone)]
pub enum Job {
    /// A file, read by the thread that checks it.
    File {
        path: PathBuf,
        /// The name it is reported under.
        name: String,
        markup: Markup,
    },
    /// Text already read (standard input).
    Text {
        name: String,
        markup: Markup,
        text: String,
    },
}

impl Job {
    pub fn name(&self) -> &str {
        match self {
            Job::File { name, .. } | Job::Text { name, .. } => name,
        }
    }
}

/// Inputs a thread checks before handing their outcomes over.
const CHUNK: usize = 8;

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// Checked. The report's `source` is empty when it has no diagnostics.
    Checked(FileReport),
    /// Not checked: it could not be read, or is not UTF-8 text.
    Unreadable { name: String, error: ReadError },
}

/// Something to call with each document read: its name, its original text
/// and the document.
pub type Inspect<'a> = &'a (dyn Fn(&str, &str, &Document) + Sync);

/// How to run a batch.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Check several inputs at once. Off, inputs are checked one after the
    /// other on the calling thread, so that `inspect` sees them in order.
    pub parallel: bool,
    /// Called with each document read, on the thread that read it (for
    /// `--explain`).
    pub inspect: Option<Inspect<'a>>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            parallel: true,
            inspect: None,
        }
    }
}

/// A lone file's text and document, read while the checker was built.
pub struct ReadAhead {
    text: String,
    doc: Document,
}

/// The least size of a lone file that is read ahead: below it, reading
/// costs less than starting a thread.
const READ_AHEAD_MIN: u64 = 64 << 10;

/// Whether [`with_read_ahead`] reads `jobs` ahead: one file, of at least
/// [`READ_AHEAD_MIN`] bytes.
pub fn reads_ahead(jobs: &[Job]) -> bool {
    matches!(jobs, [Job::File { path, .. }]
        if std::fs::metadata(path).is_ok_and(|m| m.len() >= READ_AHEAD_MIN))
}

/// Runs `build` (the checker's construction: the place names, the rules'
/// terms) while, when `jobs` is one file of at least [`READ_AHEAD_MIN`]
/// bytes, another thread reads the file and its markup, which otherwise
/// come after it on one thread before any checking starts. `None` when
/// there is no such file, or it could not be read: it is then read as
/// usual, and an error reported as usual.
pub fn with_read_ahead<T>(jobs: &[Job], build: impl FnOnce() -> T) -> (T, Option<ReadAhead>) {
    let (true, [Job::File { path, markup, .. }]) = (reads_ahead(jobs), jobs) else {
        return (build(), None);
    };
    let markup = *markup;
    std::thread::scope(|threads| {
        let reading = std::thread::Builder::new()
            .name("factlint-read".into())
            .spawn_scoped(threads, move || {
                let text = walk::read_input(path).ok()?;
                let doc = Document::read(&text, markup);
                Some(ReadAhead { text, doc })
            });
        let built = build();
        let ahead = reading.ok().and_then(|h| h.join().ok()).flatten();
        (built, ahead)
    })
}

/// Checks every job, calling `deliver` with each outcome in the order of
/// `jobs`, on the calling thread.
pub fn check(
    checker: &Checker<'_>,
    jobs: Vec<Job>,
    options: Options<'_>,
    deliver: &mut dyn FnMut(Outcome),
) {
    check_read_ahead(checker, jobs, None, options, deliver);
}

/// [`check`], with the lone job's file already read ([`with_read_ahead`]).
pub fn check_read_ahead(
    checker: &Checker<'_>,
    jobs: Vec<Job>,
    mut ahead: Option<ReadAhead>,
    options: Options<'_>,
    deliver: &mut dyn FnMut(Outcome),
) {
    if !options.parallel || jobs.len() < 2 {
        for job in jobs {
            deliver(check_one(checker, job, options.inspect, ahead.take()));
        }
        return;
    }
    let count = jobs.len();
    // Each job is taken once, by whichever thread gets to it.
    let slots: Vec<std::sync::Mutex<Option<Job>>> = jobs
        .into_iter()
        .map(|job| std::sync::Mutex::new(Some(job)))
        .collect();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, usize, Vec<Outcome>)>();
    std::thread::scope(|threads| {
        // The checking runs on rayon's threads, so that the parallel reading
        // of a document's blocks inside each check shares them rather than
        // crossing from a foreign thread into the pool for every file; this
        // thread only puts outcomes back in order.
        threads.spawn(|| {
            rayon::scope(|scope| {
                for _ in 0..rayon::current_num_threads() {
                    let tx = tx.clone();
                    let (slots, next) = (&slots, &next);
                    scope.spawn(move |_| loop {
                        // Taken in order, a few at a time, so that outcomes
                        // arrive nearly in order and the delivering thread
                        // is woken once per few files rather than per file.
                        let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if first >= count {
                            break;
                        }
                        let end = count.min(first + CHUNK);
                        let outcomes: Vec<Outcome> = slots[first..end]
                            .iter()
                            .filter_map(|slot| slot.lock().map(|mut s| s.take()).ok().flatten())
                            .map(|job| check_one(checker, job, options.inspect, None))
                            .collect();
                        if tx.send((first, end, outcomes)).is_err() {
                            break;
                        }
                    });
                }
            });
            drop(tx);
        });
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (first, end, outcomes) in rx.iter() {
            waiting.insert(first, (end, outcomes));
            while let Some((end, outcomes)) = waiting.remove(&due) {
                outcomes.into_iter().for_each(&mut *deliver);
                due = end;
            }
        }
        debug_assert_eq!(due, count);
    });
}

fn check_one(
    checker: &Checker<'_>,
    job: Job,
    inspect: Option<Inspect<'_>>,
    ahead: Option<ReadAhead>,
) -> Outcome {
    let (name, markup, text, read) = match (job, ahead) {
        (Job::File { name, markup, .. }, Some(ahead)) => {
            (name, markup, ahead.text, Some(ahead.doc))
        }
        (Job::File { path, name, markup }, None) => match walk::read_input(&path) {
            Ok(text) => (name, markup, text, None),
            Err(error) => return Outcome::Unreadable { name, error },
        },
        (Job::Text { name, markup, text }, _) => (name, markup, text, None),
    };
    if inspect.is_none() && checker.off_topic(&text, markup) {
        return Outcome::Checked(FileReport {
            path: name,
            source: String::new(),
            diagnostics: Vec::new(),
        });
    }
    let doc = read.unwrap_or_else(|| Document::read(&text, markup));
    if let Some(inspect) = inspect {
        inspect(&name, &text, &doc);
    }
    let diagnostics = checker.check(&doc);
    drop(doc);
    let source = if diagnostics.is_empty() {
        String::new()
    } else {
        text
    };
    Outcome::Checked(FileReport {
        path: name,
        source,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn text_job(name: &str, text: &str) -> Job {
        Job::Text {
            name: name.into(),
            markup: Markup::Markdown,
            text: text.into(),
        }
    }

    fn names(outcomes: &[Outcome]) -> Vec<String> {
        outcomes
            .iter()
            .map(|o| match o {
                Outcome::Checked(r) => format!("{} {}", r.path, r.diagnostics.len()),
                Outcome::Unreadable { name, error } => format!("{name}: {error}"),
            })
            .collect()
    }

    /// Each outcome with its diagnostics in full.
    fn reports(outcomes: &[Outcome]) -> Vec<String> {
        outcomes
            .iter()
            .map(|o| match o {
                Outcome::Checked(r) => format!("{} {:?} {}", r.path, r.diagnostics, r.source.len()),
                Outcome::Unreadable { name, error } => format!("{name}: {error}"),
            })
            .collect()
    }

    #[test]
    fn a_lone_large_file_read_ahead_is_checked_as_one_read_in_turn() {
        let rules = RuleSet::bundled().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.md");
        let text = "The Russia–Iran treaty has 45 articles.\n\n".repeat(2000);
        assert!(text.len() as u64 >= READ_AHEAD_MIN);
        std::fs::write(&path, &text).unwrap();
        let jobs = vec![Job::File {
            path: path.clone(),
            name: "large.md".into(),
            markup: Markup::Markdown,
        }];
        let (checker, ahead) = with_read_ahead(&jobs, || Checker::new(&rules));
        assert!(ahead.is_some());
        let mut read_ahead = Vec::new();
        check_read_ahead(
            &checker,
            jobs.clone(),
            ahead,
            Options::default(),
            &mut |o| read_ahead.push(o),
        );
        let mut in_turn = Vec::new();
        check(&checker, jobs, Options::default(), &mut |o| in_turn.push(o));
        assert_eq!(reports(&read_ahead), reports(&in_turn));
        assert!(reports(&in_turn)[0].contains("article-count"));
        // a small file, or more than one, is read in turn
        std::fs::write(&path, "The Russia–Iran treaty has 45 articles.").unwrap();
        let small = vec![Job::File {
            path,
            name: "small.md".into(),
            markup: Markup::Markdown,
        }];
        assert!(with_read_ahead(&small, || ()).1.is_none());
        let two = vec![small[0].clone(), small[0].clone()];
        assert!(with_read_ahead(&two, || ()).1.is_none());
    }

    #[test]
    fn outcomes_come_in_input_order_whatever_finishes_first() {
        let rules = RuleSet::bundled().unwrap();
        let checker = Checker::new(&rules);
        let about = "The Russia–Iran treaty has 45 articles.\n\n".repeat(200);
        let jobs: Vec<Job> = (0..64)
            .map(|i| {
                // Large and small inputs alternate, so later small ones finish first.
                let text = if i % 3 == 0 {
                    about.as_str()
                } else {
                    "Nothing here."
                };
                text_job(&format!("d{i}.md"), text)
            })
            .collect();
        let mut parallel = Vec::new();
        check(&checker, jobs.clone(), Options::default(), &mut |o| {
            parallel.push(o)
        });
        let mut sequential = Vec::new();
        let options = Options {
            parallel: false,
            ..Options::default()
        };
        check(&checker, jobs, options, &mut |o| sequential.push(o));
        assert_eq!(names(&parallel), names(&sequential));
        assert!(
            names(&parallel)[0].starts_with("d0.md 2"),
            "{:?}",
            names(&parallel)
        );
        // A clean file's text is not kept.
        match &parallel[1] {
            Outcome::Checked(r) => assert!(r.diagnostics.is_empty() && r.source.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_gone_before_it_is_read_is_unreadable_and_the_rest_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.md");
        let gone = dir.path().join("gone.md");
        std::fs::write(&kept, "The Russia–Iran treaty has 45 articles.").unwrap();
        std::fs::write(&gone, "The Russia–Iran treaty has 45 articles.").unwrap();
        // The walk found both; one is deleted before it is read, as when
        // another process removes it while a large folder is checked.
        let inputs = walk::inputs(&[dir.path().to_owned()], &walk::WalkOptions::default());
        std::fs::remove_file(&gone).unwrap();
        let jobs = inputs
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|input| match input {
                walk::Input::File { path, markup } => Some(Job::File {
                    name: path.file_name()?.to_string_lossy().into_owned(),
                    path,
                    markup,
                }),
                walk::Input::Stdin => None,
            })
            .collect();
        let rules = RuleSet::bundled().unwrap();
        let checker = Checker::new(&rules);
        let mut outcomes = Vec::new();
        check(&checker, jobs, Options::default(), &mut |o| {
            outcomes.push(o)
        });
        let names = names(&outcomes);
        assert_eq!(names[0], "gone.md: No such file or directory");
        assert!(
            names[1].starts_with("kept.md ") && names[1] != "kept.md 0",
            "{names:?}"
        );
    }
}
