//! The Markdown reader, and the whole check after it, on any text.
#![no_main]

use factlint::source::Markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        factlint::source::invariants::check_reading(text, Markup::Markdown);
    }
});
