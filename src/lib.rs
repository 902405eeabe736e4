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
// With rust-version 1.88, clippy suggests `is_multiple_of` (Rust 1.87) for
// `n % 10 > 0`; the reader belongs to another change in progress, which can
// take the suggestion and drop this line.
#[allow(clippy::manual_is_multiple_of)]
pub mod reader;
pub mod rules;
pub mod source;
pub mod suppress;
