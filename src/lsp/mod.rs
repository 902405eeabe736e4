//! `factlint lsp`: a Language Server over stdio, so editors show findings as
//! the draft is written. It is a shell over the same `source`, `rules` and
//! `check` as `factlint check`: documents are read and checked exactly as
//! files are, and only positions and shapes are translated.

mod convert;
mod rules;
mod server;
mod transport;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;

/// What the command line gives the server.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Options {
    /// Rule file or folder of rule files (repeatable); replaces the bundled
    /// rules and the client's `initializationOptions.rules`.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

/// Serves one client on stdin and stdout until it exits. The exit code is 0
/// after a `shutdown` request and 1 otherwise, as the protocol asks.
pub fn run(options: Options) -> ExitCode {
    server::run(options)
}
