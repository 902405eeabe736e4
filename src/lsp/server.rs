//! The message loop: the protocol's life cycle, open documents, the rules in
//! force, and the answers to requests.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError, Sender, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, HoverRequest, Initialize, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    LogMessageParams, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::source::Markup;

use super::convert::{self, Text};
use super::rules::{self, Config, Loaded};
use super::transport::{self, Incoming};
use super::worker::{self, Job, Outcome};
use super::Options;

/// Long enough to cover the pause between keystrokes, short enough to feel
/// immediate when typing stops.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The largest document checked, as for a draft on the command line.
const MAX_DOCUMENT_BYTES: u64 = crate::source::walk::MAX_DRAFT_BYTES;

/// What the message loop waits for.
pub(super) enum Event {
    Incoming(Incoming),
    InputClosed,
    Checked(Outcome),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

struct Doc {
    version: i32,
    text: String,
    /// When the document is to be sent to the checker: the text is copied
    /// once then, however many changes came before (only the latest text is
    /// checked).
    due: Option<Instant>,
    /// Too large to check; the user has been told.
    too_large: bool,
    /// `None` for documents factlint does not read (a YAML rule file, say).
    markup: Option<Markup>,
    checked: Option<Checked>,
}

/// Findings for the document's current version, kept for hovers and fixes.
struct Checked {
    rules: Arc<Loaded>,
    diagnostics: Vec<Diagnostic>,
}

struct Server {
    out: Sender<Value>,
    jobs: SyncSender<Job>,
    options: Options,
    phase: Phase,
    root: Option<PathBuf>,
    config: Config,
    rules: Arc<Loaded>,
    generation: u64,
    docs: HashMap<Url, Doc>,
    /// Rule files that currently show errors, to clear once they are fixed.
    broken_rule_files: BTreeSet<Url>,
    can_register_watchers: bool,
    next_request: u64,
}

pub(super) fn run(options: Options) -> ExitCode {
    let (events_in, events) = mpsc::channel::<Event>();
    let (out, frames) = mpsc::channel::<Value>();
    let Ok(writer) = transport::spawn_writer(frames) else {
        return ExitCode::FAILURE;
    };
    let checked = events_in.clone();
    let Ok(jobs) = worker::spawn(move |o| checked.send(Event::Checked(o)).is_ok()) else {
        return ExitCode::FAILURE;
    };
    if transport::spawn_reader(events_in).is_err() {
        return ExitCode::FAILURE;
    }
    let mut server = Server {
        out,
        jobs,
        options,
        phase: Phase::Uninitialized,
        root: None,
        config: Config::default(),
        rules: Arc::new(Loaded::empty()),
        generation: 0,
        docs: HashMap::new(),
        broken_rule_files: BTreeSet::new(),
        can_register_watchers: false,
        next_request: 0,
    };
    let code = loop {
        server.dispatch_due();
        let event = match server.next_due() {
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) => events.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        let event = match event {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break ExitCode::FAILURE,
        };
        let flow = match event {
            Event::Incoming(Incoming::Malformed(response)) => {
                server.send_raw(response);
                None
            }
            Event::Incoming(Incoming::Message(message)) => server.handle(message),
            // The client went away without `exit`: as the protocol says for
            // `exit`, success only if it had asked for a shutdown.
            Event::InputClosed => Some(server.exit_code()),
            Event::Checked(outcome) => {
                server.checked(outcome);
                None
            }
        };
        if let Some(code) = flow {
            break code;
        }
    };
    // Every frame sent must reach the client before the process ends.
    drop(server);
    let _ = writer.join();
    code
}

impl Server {
    fn exit_code(&self) -> ExitCode {
        if self.phase == Phase::ShutDown {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }

    fn send_raw(&self, frame: Value) {
        // The writer only stops when stdout is gone; then nothing can be sent.
        let _ = self.out.send(frame);
    }

    fn send(&self, message: Message) {
        self.send_raw(transport::encode(&message));
    }

    fn respond_ok(&self, id: RequestId, result: impl serde::Serialize) {
        match serde_json::to_value(result) {
            Ok(result) => self.send(Message::Response(Response {
                id,
                result: Some(result),
                error: None,
            })),
            Err(e) => self.respond_err(id, ErrorCode::InternalError, &e.to_string()),
        }
    }

    fn respond_err(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message.to_owned(),
        )));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Message::Notification(Notification {
                method: N::METHOD.to_owned(),
                params,
            }));
        }
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ, message });
    }

    /// Handles one message; `Some` ends the session with that exit code.
    fn handle(&mut self, message: Message) -> Option<ExitCode> {
        match message {
            Message::Request(request) => {
                self.request(request);
                None
            }
            Message::Notification(n) if n.method == "exit" => Some(self.exit_code()),
            Message::Notification(n) => {
                if self.phase == Phase::Running {
                    self.notification(n);
                }
                None
            }
            // Answers to our own requests (watcher registration) need no action.
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        match (self.phase, method.as_str()) {
            (Phase::Uninitialized, Initialize::METHOD) => match parse::<InitializeParams>(params) {
                Ok(params) => self.initialize(id, params),
                Err(e) => self.respond_err(id, ErrorCode::InvalidParams, &e),
            },
            (Phase::Uninitialized, _) => self.respond_err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ),
            (Phase::ShutDown, _) => self.respond_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is shut down; only `exit` is accepted",
            ),
            (Phase::Running, Initialize::METHOD) => self.respond_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            (Phase::Running, Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                self.respond_ok(id, ());
            }
            (Phase::Running, HoverRequest::METHOD) => match parse::<HoverParams>(params) {
                Ok(params) => {
                    let hover = self.hover(&params);
                    self.respond_ok(id, hover);
                }
                Err(e) => self.respond_err(id, ErrorCode::InvalidParams, &e),
            },
            (Phase::Running, CodeActionRequest::METHOD) => {
                match parse::<CodeActionParams>(params) {
                    Ok(params) => {
                        let actions = self.code_actions(&params);
                        self.respond_ok(id, actions);
                    }
                    Err(e) => self.respond_err(id, ErrorCode::InvalidParams, &e),
                }
            }
            (Phase::Running, _) => self.respond_err(
                id,
                ErrorCode::MethodNotFound,
                &format!("unknown method `{method}`"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        let Notification { method, params } = n;
        // A notification cannot be answered, so one with bad parameters is
        // only logged.
        let result = match method.as_str() {
            DidOpenTextDocument::METHOD => parse(params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => parse(params).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => parse(params).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => parse(params).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => parse(params).map(|p| self.did_change_watched(p)),
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.log(MessageType::WARNING, format!("factlint: {method}: {e}"));
        }
    }

    fn initialize(&mut self, id: RequestId, params: InitializeParams) {
        self.root = root_of(&params);
        self.can_register_watchers = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.config = rules::configure(
            self.root.as_deref(),
            &self.options.rules,
            params.initialization_options.as_ref(),
        );
        let capabilities = ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    will_save: None,
                    will_save_wait_until: None,
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                work_done_progress_options: Default::default(),
                resolve_provider: None,
            })),
            ..ServerCapabilities::default()
        };
        self.respond_ok(
            id,
            InitializeResult {
                capabilities,
                server_info: Some(ServerInfo {
                    name: "factlint".to_owned(),
                    version: Some(env!("CARGO_PKG_VERSION").to_owned()),
                }),
            },
        );
        self.phase = Phase::Running;
        // Only now may the server send notifications other than log messages.
        self.reload_rules();
    }

    /// Loads the rules afresh. On errors the YAML files get diagnostics and
    /// the rules in force stay; on success every open draft is checked again.
    fn reload_rules(&mut self) {
        match rules::load(&self.config, self.root.as_deref()) {
            Ok(loaded) => {
                // Warnings do not stop the rules, but belong on their YAML.
                let by_file = rules::error_diagnostics(&loaded.set.warnings);
                let flagged: BTreeSet<Url> = by_file.keys().cloned().collect();
                self.rules = Arc::new(loaded);
                self.generation += 1;
                for uri in std::mem::take(&mut self.broken_rule_files) {
                    if !flagged.contains(&uri) {
                        self.publish(uri, Vec::new(), None);
                    }
                }
                for (uri, diagnostics) in by_file {
                    self.publish(uri, diagnostics, None);
                }
                self.broken_rule_files = flagged;
                let uris: Vec<Url> = self.docs.keys().cloned().collect();
                for uri in uris {
                    self.schedule(&uri, Duration::ZERO);
                }
            }
            Err(errors) => {
                let by_file = rules::error_diagnostics(&errors);
                let broken: BTreeSet<Url> = by_file.keys().cloned().collect();
                for uri in self.broken_rule_files.difference(&broken) {
                    self.publish(uri.clone(), Vec::new(), None);
                }
                for (uri, diagnostics) in by_file {
                    self.publish(uri, diagnostics, None);
                }
                self.broken_rule_files = broken;
                let n = errors.iter().filter(|e| e.is_error()).count();
                let first = errors
                    .iter()
                    .find(|e| e.is_error())
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                self.notify::<ShowMessage>(ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: format!(
                        "factlint: {n} problem{} in rule files ({first}); {}",
                        if n == 1 { "" } else { "s" },
                        if self.generation == 0 {
                            "no rules are in force"
                        } else {
                            "the last good rules stay in force"
                        }
                    ),
                });
            }
        }
    }

    /// Asks the client to report changes to the rule files, when it can.
    fn register_watchers(&mut self) {
        let patterns = self.config.watch_patterns();
        if !self.can_register_watchers || patterns.is_empty() {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: patterns
                .into_iter()
                .map(|p| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(p),
                    kind: None,
                })
                .collect(),
        };
        let Ok(register_options) = serde_json::to_value(options) else {
            return;
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "factlint-rule-files".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: Some(register_options),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("factlint-{}", self.next_request));
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Message::Request(Request {
                id,
                method: RegisterCapability::METHOD.to_owned(),
                params,
            }));
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let markup = markup_of(&item.language_id, &item.uri);
        self.docs.insert(
            item.uri.clone(),
            Doc {
                version: item.version,
                text: item.text,
                due: None,
                too_large: false,
                markup,
                checked: None,
            },
        );
        self.schedule(&item.uri, Duration::ZERO);
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        for change in params.content_changes {
            convert::apply_change(&mut doc.text, change);
        }
        doc.version = params.text_document.version;
        doc.checked = None;
        self.schedule(&uri, DEBOUNCE);
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.is_rule_file(&uri) {
            self.reload_rules();
        } else if self.docs.contains_key(&uri) {
            self.schedule(&uri, Duration::ZERO);
        }
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(doc) = self.docs.remove(&uri) {
            if doc.markup.is_some() {
                self.publish(uri, Vec::new(), None);
            }
        }
    }

    fn did_change_watched(&mut self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| self.is_rule_file(&c.uri)) {
            self.reload_rules();
        }
    }

    fn is_rule_file(&self, uri: &Url) -> bool {
        uri.to_file_path().is_ok_and(|p| self.config.covers(&p))
    }

    /// Has the document checked once `delay` has passed with no newer
    /// change; see [`Server::dispatch_due`].
    fn schedule(&mut self, uri: &Url, delay: Duration) {
        if let Some(doc) = self.docs.get_mut(uri) {
            if doc.markup.is_some() {
                doc.due = Some(Instant::now() + delay);
            }
        }
    }

    /// The earliest time a document is due to be checked.
    fn next_due(&self) -> Option<Instant> {
        self.docs.values().filter_map(|d| d.due).min()
    }

    /// Sends each document whose time has come to the checker, copying its
    /// text once. The checker's queue is bounded: when it is full, the
    /// document waits another quiet time. A document past the size limit is
    /// not checked, and the user is told once.
    fn dispatch_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            let generation = self.generation;
            let rules = Arc::clone(&self.rules);
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            doc.due = None;
            let Some(markup) = doc.markup else {
                continue;
            };
            if doc.text.len() as u64 > MAX_DOCUMENT_BYTES {
                let first = !doc.too_large;
                doc.too_large = true;
                if first {
                    self.notify::<ShowMessage>(ShowMessageParams {
                        typ: MessageType::WARNING,
                        message: format!(
                            "factlint: {uri} is larger than {} MiB and is not checked",
                            MAX_DOCUMENT_BYTES >> 20
                        ),
                    });
                    self.publish(uri.clone(), Vec::new(), None);
                }
                continue;
            }
            doc.too_large = false;
            let job = Job {
                uri: uri.clone(),
                version: doc.version,
                generation,
                text: doc.text.clone(),
                markup,
                rules,
                due: now,
            };
            match self.jobs.try_send(job) {
                Ok(()) | Err(TrySendError::Disconnected(_)) => {}
                Err(TrySendError::Full(_)) => {
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        doc.due = Some(now + DEBOUNCE);
                    }
                }
            }
        }
    }

    /// Publishes a check's findings, unless the document changed, closed or
    /// the rules were replaced while it ran (a newer check is then coming).
    fn checked(&mut self, outcome: Outcome) {
        if self.phase != Phase::Running || outcome.generation != self.generation {
            return;
        }
        let diagnostics = match outcome.diagnostics {
            Ok(diagnostics) => diagnostics,
            Err(panic) => {
                self.log(
                    MessageType::ERROR,
                    format!("factlint: checking {} failed: {panic}", outcome.uri),
                );
                Vec::new()
            }
        };
        let Some(doc) = self.docs.get_mut(&outcome.uri) else {
            return;
        };
        if doc.version != outcome.version || doc.text != outcome.text {
            return;
        }
        let text = Text::new(&doc.text);
        let published = diagnostics
            .iter()
            .map(|d| convert::diagnostic(&text, &outcome.rules, d))
            .collect();
        doc.checked = Some(Checked {
            rules: outcome.rules,
            diagnostics,
        });
        let version = doc.version;
        self.publish(outcome.uri, published, Some(version));
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let doc = self.docs.get(&at.text_document.uri)?;
        let checked = doc.checked.as_ref()?;
        let text = Text::new(&doc.text);
        let offset = text.offset(at.position);
        // The character under the cursor is the one after the offset, so a
        // finding ends where the cursor would be just past it.
        let hits: Vec<&Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= offset && offset < d.span.end)
            .collect();
        let first = hits.first()?;
        let value = hits
            .iter()
            .map(|d| convert::hover_text(&checked.rules, d))
            .collect::<Vec<_>>()
            .join("\n\n---\n\n");
        Some(Hover {
            contents: HoverContents::Markup(convert::markdown(value)),
            range: Some(text.range(&first.span)),
        })
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let wants_quick_fix = params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|kind| {
                let kind = kind.as_str();
                kind.is_empty()
                    || CodeActionKind::QUICKFIX.as_str() == kind
                    || CodeActionKind::QUICKFIX
                        .as_str()
                        .starts_with(&format!("{kind}."))
            })
        });
        let uri = &params.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        // Fixes are only offered for findings of the text as it is now: an
        // edit computed on an older text could land in the wrong place.
        let Some(checked) = doc.checked.as_ref().filter(|_| wants_quick_fix) else {
            return Vec::new();
        };
        let text = Text::new(&doc.text);
        let range = text.span(params.range);
        checked
            .diagnostics
            .iter()
            .filter(|d| convert::touches(d, &range))
            .filter_map(|d| convert::quick_fix(&text, uri, &checked.rules, d))
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}

/// The workspace root: the first workspace folder, else the root URI, else
/// the root path.
#[allow(deprecated)] // rootUri and rootPath are what older clients send.
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let from_folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| f.uri.to_file_path().ok());
    from_folder
        .or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
}

/// The reader for a document: its language id when factlint knows it, else
/// its file extension.
fn markup_of(language_id: &str, uri: &Url) -> Option<Markup> {
    match language_id {
        "markdown" => Some(Markup::Markdown),
        "html" => Some(Markup::Html),
        "plaintext" | "text" => Some(Markup::Text),
        _ => {
            let path = uri
                .to_file_path()
                .unwrap_or_else(|()| PathBuf::from(uri.path()));
            Markup::from_path(&path)
        }
    }
}
