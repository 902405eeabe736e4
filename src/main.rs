#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

mod allocator;

fn main() -> ExitCode {
    allocator::choose_pages();
    factlint::memory::tune_allocator();
    factlint::cli::run()
}
