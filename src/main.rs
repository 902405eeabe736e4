#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

mod allocator;

fn main() -> ExitCode {
    allocator::choose_pages();
    // The place names a check needs, built while the command line is parsed
    // and the rules are read (`check` asks for them again; it is done once).
    factlint::reader::gazetteer::prepare();
    factlint::memory::tune_allocator();
    factlint::cli::run()
}
