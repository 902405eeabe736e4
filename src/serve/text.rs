//! Request bodies to text: reading a body within its limits, form decoding
//! that refuses what it cannot decode (rather than guessing), and byte
//! offsets to the UTF-16 code units that browsers and Java count in.

use axum::body::Body;
use axum::http::StatusCode;

use super::errors::ApiError;
use super::Limits;

/// Reads a whole body: a 413 past the cap, a 408 if it is not all there in
/// time (a client that trickles it in, say).
pub(crate) async fn read_body(body: Body, limits: &Limits) -> Result<Vec<u8>, ApiError> {
    let read = axum::body::to_bytes(body, limits.max_body);
    match tokio::time::timeout(limits.body_timeout, read).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s",
                limits.body_timeout.as_secs()
            ),
        )),
        Ok(Ok(bytes)) => Ok(bytes.to_vec()),
        Ok(Err(e)) => {
            let too_large =
                std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            if too_large {
                Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is larger than {} bytes (--max-body)",
                        limits.max_body
                    ),
                ))
            } else {
                Err(ApiError::bad_request(format!(
                    "cannot read the request body: {e}"
                )))
            }
        }
    }
}

/// Decodes `application/x-www-form-urlencoded` strictly: a `%` not followed
/// by two hex digits, or bytes that are not UTF-8 once decoded, are errors
/// that name the field.
pub(crate) fn parse_form(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for pair in body.split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        let name = decode(name).map_err(|e| format!("broken form encoding: {e}"))?;
        let value = decode(value).map_err(|e| format!("broken form encoding in `{name}`: {e}"))?;
        out.push((name, value));
    }
    Ok(out)
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    let h = std::str::from_utf8(h).ok()?;
                    u8::from_str_radix(h, 16).ok()
                });
                match hex {
                    Some(b) => out.push(b),
                    None => {
                        return Err(format!("`%` at byte {i} is not followed by two hex digits"))
                    }
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|e| {
        format!(
            "not UTF-8 once decoded (invalid byte at {}); send the text as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// UTF-16 positions of a text's bytes, for offsets that JavaScript and Java
/// clients count in code units.
pub(crate) struct Utf16<'a> {
    text: &'a str,
    /// Every 64th char boundary's byte offset and its code-unit count.
    marks: Vec<(usize, usize)>,
}

impl<'a> Utf16<'a> {
    pub(crate) fn new(text: &'a str) -> Utf16<'a> {
        let mut marks = vec![(0, 0)];
        let mut units = 0;
        for (n, (i, ch)) in text.char_indices().enumerate() {
            if n % 64 == 0 && i > 0 {
                marks.push((i, units));
            }
            units += ch.len_utf16();
        }
        Utf16 { text, marks }
    }

    /// Code units before byte `offset` (clamped to the text and rounded
    /// down to a char boundary).
    pub(crate) fn at(&self, offset: usize) -> usize {
        let offset = floor(self.text, offset.min(self.text.len()));
        let i = self.marks.partition_point(|&(b, _)| b <= offset);
        let (byte, units) = self.marks[i.saturating_sub(1)];
        units
            + self.text[byte..offset]
                .chars()
                .map(char::len_utf16)
                .sum::<usize>()
    }
}

/// The nearest char boundary at or before `offset`.
pub(crate) fn floor(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `offset`.
pub(crate) fn ceil(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Code units of a string.
pub(crate) fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_percent() {
        let form = parse_form(b"text=The+46%E2%80%91article%20pact&language=en-US&x").unwrap();
        assert_eq!(
            form,
            vec![
                ("text".to_owned(), "The 46\u{2011}article pact".to_owned()),
                ("language".to_owned(), "en-US".to_owned()),
                ("x".to_owned(), String::new()),
            ]
        );
    }

    #[test]
    fn broken_forms_are_errors() {
        assert!(parse_form(b"text=%zz").unwrap_err().contains("`text`"));
        assert!(parse_form(b"text=%4").is_err());
        assert!(parse_form(b"text=%FF%FE").unwrap_err().contains("UTF-8"));
        assert!(parse_form(b"te\xffxt=a").is_err());
    }

    #[test]
    fn utf16_counts_surrogate_pairs_twice() {
        let s = "a🛬b–c".repeat(50);
        let index = Utf16::new(&s);
        for (i, _) in s.char_indices() {
            assert_eq!(index.at(i), units(&s[..i]), "at byte {i}");
        }
        assert_eq!(index.at(s.len()), units(&s));
        // Inside a character: its start.
        assert_eq!(index.at(2), 1);
    }
}
