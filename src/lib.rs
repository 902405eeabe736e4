//! factlint: a source-consistency linter for news drafts.
//!
//! Data flows one way: [`source`] (files and markup to plain text with an
//! offset map) → [`reader`] (sentences, quantities, dates, negation,
//! attribution) → [`check`] (claims against the facts of [`rules`]) →
//! [`diagnostic`] (findings as data) → [`emit`] (one module per format).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod baseline;
pub mod batch;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod fix;
pub mod lsp;
pub mod memory;
pub mod reader;
pub mod rules;
pub mod serve;
pub mod source;
pub mod suppress;
pub mod write;
