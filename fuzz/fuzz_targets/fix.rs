//! Fixes on any draft: a value picked anywhere in the text is made to read
//! any replacement, and the bundled rules' fixes are applied; no byte
//! outside a fix's value changes, and no markup inside it is lost.
#![no_main]

use factlint::source::Markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // [markup, pick (2 bytes), length, replacement length, replacement, draft]
    if data.len() < 5 {
        return;
    }
    let markup = match data[0] % 3 {
        0 => Markup::Text,
        1 => Markup::Markdown,
        _ => Markup::Html,
    };
    let pick = usize::from(u16::from_le_bytes([data[1], data[2]]));
    let len = usize::from(data[3] % 32);
    let rest = &data[5..];
    let cut = usize::from(data[4] % 16).min(rest.len());
    let (replacement, draft) = rest.split_at(cut);
    let (Ok(replacement), Ok(draft)) = (std::str::from_utf8(replacement), std::str::from_utf8(draft))
    else {
        return;
    };
    factlint::source::invariants::check_fix(draft, markup, pick, len, replacement);
});
