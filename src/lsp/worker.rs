//! Checks run off the message loop, each one a short quiet time after the
//! last change to its document, so typing is not checked keystroke by
//! keystroke and a slow check never holds up reading the client.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use lsp_types::Url;

use crate::diagnostic::Diagnostic;
use crate::source::Markup;

use super::rules::Loaded;

/// A document to check once `due` has passed with no newer job for it.
pub(super) struct Job {
    pub(super) uri: Url,
    pub(super) version: i32,
    /// The rules' generation, so results made with replaced rules are dropped.
    pub(super) generation: u64,
    pub(super) text: String,
    pub(super) markup: Markup,
    pub(super) rules: Arc<Loaded>,
    pub(super) due: Instant,
}

/// The findings for one version of one document.
pub(super) struct Outcome {
    pub(super) uri: Url,
    pub(super) version: i32,
    pub(super) generation: u64,
    pub(super) text: String,
    pub(super) rules: Arc<Loaded>,
    /// `Err` with a message if the check panicked.
    pub(super) diagnostics: Result<Vec<Diagnostic>, String>,
}

/// Starts the worker; it stops when the returned sender is dropped or
/// `deliver` reports that nobody listens any more.
/// How many jobs may wait for the worker; the server holds back the rest
/// (only a document's latest text is sent, once it is quiet).
const QUEUE: usize = 16;

pub(super) fn spawn(
    deliver: impl Fn(Outcome) -> bool + Send + 'static,
) -> std::io::Result<SyncSender<Job>> {
    let (jobs, queue) = mpsc::sync_channel(QUEUE);
    thread::Builder::new()
        .name("factlint-lsp-check".to_owned())
        .spawn(move || work(&queue, &deliver))?;
    Ok(jobs)
}

fn work(queue: &Receiver<Job>, deliver: &dyn Fn(Outcome) -> bool) {
    // A newer job for a document replaces the pending one: only the latest
    // text is worth checking.
    let mut pending: HashMap<Url, Job> = HashMap::new();
    loop {
        let now = Instant::now();
        let next = pending.values().map(|j| j.due).min();
        let received = match next {
            None => queue.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) if due <= now => {
                let ready: Vec<Url> = pending
                    .iter()
                    .filter(|(_, j)| j.due <= now)
                    .map(|(uri, _)| uri.clone())
                    .collect();
                for uri in ready {
                    if let Some(job) = pending.remove(&uri) {
                        if !deliver(run(job)) {
                            return;
                        }
                    }
                }
                continue;
            }
            Some(due) => queue.recv_timeout(due - now),
        };
        match received {
            Ok(job) => {
                pending.insert(job.uri.clone(), job);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn run(job: Job) -> Outcome {
    let Job {
        uri,
        version,
        generation,
        text,
        markup,
        rules,
        ..
    } = job;
    // A bug in the checker on one draft must not take the editor's
    // diagnostics down for every draft after it.
    let diagnostics = crate::check::check_isolated(&rules.set, &text, markup);
    Outcome {
        uri,
        version,
        generation,
        text,
        rules,
        diagnostics,
    }
}
