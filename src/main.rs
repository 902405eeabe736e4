use std::process::ExitCode;

fn main() -> ExitCode {
    factlint::cli::run()
}
