#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

fn main() -> ExitCode {
    factlint::memory::tune_allocator();
    factlint::cli::run()
}
