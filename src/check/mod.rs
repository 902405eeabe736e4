//! Facts against claims: reads each draft's sentences for what they say about
//! each subject, decides per fact whether the draft states it, contradicts it
//! or leaves it unstated, and turns that into diagnostics.

mod claims;
mod examples;
mod prefilter;
mod verdict;

use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;
use crate::source::Document;

pub use claims::{Considered, Event, Instrument, Outcome, ReadSentence, Reading, Trace};
pub use examples::{ExampleRun, Failure};

/// Checks one text as `check` does, catching a panic in the checker so that
/// a long-running caller (the language server, `factlint serve`) survives a
/// bug on one draft; the panic's message is the error.
pub fn check_isolated(
    rules: &RuleSet,
    text: &str,
    markup: crate::source::Markup,
) -> Result<Vec<Diagnostic>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Checker::new(rules).check(&Document::read(text, markup))
    }))
    .map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned())
    })
}

/// Checks documents against a rule set; build once, use for every document.
pub struct Checker<'r> {
    rules: &'r RuleSet,
    readers: Vec<claims::SubjectReader<'r>>,
    report_unused_suppressions: bool,
}

impl<'r> Checker<'r> {
    pub fn new(rules: &'r RuleSet) -> Checker<'r> {
        Checker {
            rules,
            readers: rules
                .subjects
                .iter()
                .map(|s| claims::SubjectReader::new(s, &rules.units))
                .collect(),
            report_unused_suppressions: false,
        }
    }

    /// Also report each suppression comment that suppresses nothing, as a
    /// warning of the rule [`crate::suppress::UNUSED_RULE`].
    pub fn report_unused_suppressions(mut self, report: bool) -> Checker<'r> {
        self.report_unused_suppressions = report;
        self
    }

    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    /// What a document says about each subject, for `--explain`.
    pub fn read(&self, doc: &Document) -> Vec<Reading> {
        self.readers.iter().map(|r| r.read(doc)).collect()
    }

    /// Whether a file, before it is read, is certainly about none of the
    /// subjects, so that it has no diagnostics and needs no reading: most
    /// files of a large folder are settled by this one scan of their bytes.
    /// Never so when unused suppressions are reported: an off-topic file
    /// can have those.
    pub fn off_topic(&self, original: &str, markup: crate::source::Markup) -> bool {
        !self.report_unused_suppressions
            && prefilter::raw_is_faithful(original, markup)
            && self.readers.iter().all(|r| !r.may_be_about(original))
    }

    /// Each subject's sentences with their mentions, for `--explain`.
    pub fn read_sentences(&self, doc: &Document) -> Vec<Vec<ReadSentence>> {
        self.readers.iter().map(|r| r.read_sentences(doc)).collect()
    }

    /// The diagnostics for one document, ordered by position, less those its
    /// suppression comments cover.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for reader in &self.readers {
            let reading = reader.read(doc);
            out.extend(verdict::diagnostics(reader.subject(), &reading, doc));
        }
        out.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then_with(|| a.rule.cmp(&b.rule))
        });
        doc.suppressions.apply(out, self.report_unused_suppressions)
    }
}
