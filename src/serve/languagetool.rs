//! LanguageTool's HTTP API, as its clients use it: `POST /v2/check` with a
//! form-encoded `text` (plain text) or `data` (annotated text: parts of
//! `text` and of `markup`, markup skipped or read as its `interpretAs`, and
//! offsets counted over the whole, markup included), and `GET
//! /v2/languages`. Offsets and lengths are UTF-16 code units, as the Java
//! server counts them.

use std::collections::HashMap;
use std::ops::Range;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Kind};
use crate::source::Markup;

use super::api::run_check;
use super::engine::{self, Draft, Loaded};
use super::errors::{json_response, ApiError};
use super::guard::{self, Authorized};
use super::text::{ceil, floor, parse_form, read_body, units, Utf16};

/// The English variants a client can ask for; factlint reads English.
const LANGUAGES: [(&str, &str); 7] = [
    ("en", "English"),
    ("en-US", "English (US)"),
    ("en-GB", "English (GB)"),
    ("en-AU", "English (Australian)"),
    ("en-CA", "English (Canadian)"),
    ("en-NZ", "English (New Zealand)"),
    ("en-ZA", "English (South African)"),
];

pub(crate) async fn languages() -> Response {
    let list: Vec<Value> = LANGUAGES
        .iter()
        .map(|(code, name)| {
            let short = code.split('-').next().unwrap_or(code);
            json!({ "name": name, "code": short, "longCode": code })
        })
        .collect();
    json_response(StatusCode::OK, &list)
}

/// One part of annotated text.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Part {
    text: Option<String>,
    markup: Option<String>,
    interpret_as: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Annotated {
    annotation: Vec<Part>,
}

/// The text that is checked, and where each piece of it is in what the
/// client sent.
#[derive(Debug, Default)]
pub(crate) struct Plain {
    pub(crate) text: String,
    /// What the client sent, all parts joined: offsets count in this.
    pub(crate) original: String,
    /// Pieces of `text` in order: their range there, their range in
    /// `original`, and whether they are the client's text (else the
    /// `interpretAs` of markup).
    pieces: Vec<(Range<usize>, Range<usize>, bool)>,
}

impl Plain {
    fn from_text(text: String) -> Plain {
        let n = text.len();
        Plain {
            original: text.clone(),
            text,
            pieces: vec![(0..n, 0..n, true)],
        }
    }

    /// Reads annotated text; an error says which part is wrong.
    pub(crate) fn from_data(data: &str) -> Result<Plain, String> {
        let annotated: Annotated =
            serde_json::from_str(data).map_err(|e| format!("invalid JSON in `data`: {e}"))?;
        let mut plain = Plain::default();
        for (i, part) in annotated.annotation.into_iter().enumerate() {
            let (shown, original, is_text) = match (part.text, part.markup) {
                (Some(text), None) => (text.clone(), text, true),
                (None, Some(markup)) => (part.interpret_as.unwrap_or_default(), markup, false),
                _ => {
                    return Err(format!(
                        "`data`: annotation part {i} must have either `text` or `markup`"
                    ))
                }
            };
            let at = plain.text.len()..plain.text.len() + shown.len();
            let from = plain.original.len()..plain.original.len() + original.len();
            plain.text.push_str(&shown);
            plain.original.push_str(&original);
            if !at.is_empty() {
                plain.pieces.push((at, from, is_text));
            }
        }
        Ok(plain)
    }

    /// Where byte `offset` of the checked text is in the original. A start
    /// inside a markup's stand-in text goes to the start of the markup, an
    /// end to its end.
    pub(crate) fn original_offset(&self, offset: usize, is_end: bool) -> usize {
        let i = if is_end {
            self.pieces.partition_point(|(at, _, _)| at.end < offset)
        } else {
            self.pieces.partition_point(|(at, _, _)| at.end <= offset)
        };
        match self.pieces.get(i) {
            Some((at, from, true)) => from.start + offset.saturating_sub(at.start).min(from.len()),
            Some((_, from, false)) => {
                if is_end {
                    from.end
                } else {
                    from.start
                }
            }
            None => self.original.len(),
        }
    }
}

pub(crate) async fn check(State(state): State<super::State>, request: Request) -> Response {
    match answer(&state, request).await {
        Ok(response) => response,
        Err(e) => axum::response::IntoResponse::into_response(e),
    }
}

async fn answer(state: &super::State, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/x-www-form-urlencoded");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "/v2/check takes a form (application/x-www-form-urlencoded), not {content_type}"
            ),
        ));
    }
    let bytes = read_body(body, &state.limits).await?;
    let form = parse_form(&bytes).map_err(ApiError::bad_request)?;
    let mut fields: HashMap<&str, &str> = HashMap::new();
    for (name, value) in &form {
        fields.entry(name.as_str()).or_insert(value.as_str());
    }
    if let Some(token) = state.token.as_deref() {
        let by_key = fields.get("apiKey").is_some_and(|k| guard::same(k, token));
        if parts.extensions.get::<Authorized>().is_none() && !by_key {
            return Err(guard::unauthorized());
        }
    }
    let language = fields.get("language").copied().unwrap_or("auto");
    let code = language_code(language)?;
    let plain = match (fields.get("text"), fields.get("data")) {
        (Some(text), None) => Plain::from_text((*text).to_owned()),
        (None, Some(data)) => Plain::from_data(data).map_err(ApiError::bad_request)?,
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give either `text` or `data`, not both",
            ))
        }
        (None, None) => {
            return Err(ApiError::bad_request(
                "missing `text` or `data`: the draft to check",
            ))
        }
    };
    ApiError::check_text_length(&plain.text, &state.limits)?;
    let filter = Filter::of(&fields);
    let draft = Draft {
        name: "-".to_owned(),
        text: plain.text.clone(),
        markup: Markup::Text,
    };
    let (loaded, report) = run_check(state, draft).await?;
    let utf16 = Utf16::new(&plain.original);
    let matches: Vec<Value> = report
        .diagnostics
        .iter()
        .filter(|d| filter.keeps(d))
        .map(|d| a_match(&loaded, &plain, &utf16, d))
        .collect();
    let body = json!({
        "software": {
            "name": "factlint",
            "version": env!("CARGO_PKG_VERSION"),
            "buildDate": "",
            "apiVersion": 1,
            "premium": false,
            "status": "",
        },
        "warnings": { "incompleteResults": false },
        "language": {
            "name": name_of(&code),
            "code": code,
            "detectedLanguage": { "name": name_of(&code), "code": code, "confidence": 1.0 },
        },
        "matches": matches,
    });
    Ok(json_response(StatusCode::OK, &body))
}

/// The language asked for, if factlint reads it: `auto` or English.
fn language_code(language: &str) -> Result<String, ApiError> {
    if language.eq_ignore_ascii_case("auto") {
        return Ok("en-US".to_owned());
    }
    let mut parts = language.splitn(2, '-');
    let main = parts.next().unwrap_or("");
    if !main.eq_ignore_ascii_case("en") {
        return Err(ApiError::bad_request(format!(
            "language `{language}` is not supported: factlint reads English drafts (give `en`, \
             an `en-` variant or `auto`)"
        )));
    }
    Ok(match parts.next() {
        Some(region) => format!("en-{}", region.to_ascii_uppercase()),
        None => "en".to_owned(),
    })
}

fn name_of(code: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or("English", |(_, name)| name)
}

/// The rules a client turned on or off, by rule id or category id.
struct Filter {
    disabled: Vec<String>,
    enabled: Vec<String>,
    disabled_categories: Vec<String>,
    enabled_categories: Vec<String>,
    only: bool,
}

impl Filter {
    fn of(fields: &HashMap<&str, &str>) -> Filter {
        let list = |name: &str| -> Vec<String> {
            fields
                .get(name)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        Filter {
            disabled: list("disabledRules"),
            enabled: list("enabledRules"),
            disabled_categories: list("disabledCategories"),
            enabled_categories: list("enabledCategories"),
            only: fields.get("enabledOnly").is_some_and(|v| *v == "true"),
        }
    }

    fn keeps(&self, d: &Diagnostic) -> bool {
        let category = category(d.kind).0;
        if self.disabled.iter().any(|r| r == &d.rule)
            || self.disabled_categories.iter().any(|c| c == category)
        {
            return false;
        }
        !self.only
            || self.enabled.iter().any(|r| r == &d.rule)
            || self.enabled_categories.iter().any(|c| c == category)
    }
}

/// A finding's category: its id and name.
fn category(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Contradiction => ("FACTLINT_CONTRADICTION", "Contradicts the source"),
        Kind::Unstated => ("FACTLINT_UNSTATED", "Facts left unstated"),
        Kind::Suppression => ("FACTLINT_SUPPRESSION", "Unused suppressions"),
    }
}

/// A finding as a LanguageTool match. The checked text is the client's
/// plain text (markup skipped); offsets are mapped back into what it sent.
fn a_match(loaded: &Loaded, plain: &Plain, utf16: &Utf16, d: &Diagnostic) -> Value {
    let text = plain.text.as_str();
    let mut span = floor(text, d.span.start)..ceil(text, d.span.end.max(d.span.start));
    // A replacement stands for the whole match: the fix's edit, with the
    // rest of the match around it.
    let mut replacements = Vec::new();
    if let Some(fix) = &d.fix {
        let edit = floor(text, fix.range.start)..ceil(text, fix.range.end.max(fix.range.start));
        span = span.start.min(edit.start)..span.end.max(edit.end);
        let value = format!(
            "{}{}{}",
            &text[span.start..edit.start],
            fix.replacement,
            &text[edit.end..span.end]
        );
        replacements.push(json!({ "value": value }));
    }
    let start = plain.original_offset(span.start, false);
    let end = plain.original_offset(span.end, true).max(start);
    let offset = utf16.at(start);
    let length = utf16.at(end) - offset;
    let (category_id, category_name) = category(d.kind);
    let description = engine::claim(loaded, d).unwrap_or(&d.message);
    json!({
        "message": d.message,
        "shortMessage": match d.kind {
            Kind::Contradiction => "Contradicts the source",
            Kind::Unstated => "Fact left unstated",
            Kind::Suppression => "Unused suppression",
        },
        "replacements": replacements,
        "offset": offset,
        "length": length,
        "context": context(text, &span),
        "sentence": sentence(text, &span),
        "type": { "typeName": "Other" },
        "rule": {
            "id": d.rule,
            "description": description,
            "issueType": match d.kind {
                Kind::Contradiction => "inconsistency",
                Kind::Unstated => "omission",
                Kind::Suppression => "other",
            },
            "category": { "id": category_id, "name": category_name },
        },
        "ignoreForIncompleteSentence": false,
        "contextForSureMatch": 0,
    })
}

/// Up to 40 characters either side of the match, on one line, with `...`
/// where it was cut; the offset and length of the match in it.
fn context(text: &str, span: &Range<usize>) -> Value {
    const AROUND: usize = 40;
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(AROUND - 1)
        .map_or(0, |(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(AROUND)
        .map_or(text.len(), |(i, _)| span.end + i);
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let lead = if before_start > 0 { "..." } else { "" };
    let tail = if after_end < text.len() { "..." } else { "" };
    let before = format!("{lead}{}", flat(&text[before_start..span.start]));
    let matched = flat(&text[span.clone()]);
    let shown = format!(
        "{before}{matched}{}{tail}",
        flat(&text[span.end..after_end])
    );
    json!({ "text": shown, "offset": units(&before), "length": units(&matched) })
}

/// The sentence the match is in: from the end of the sentence before (a
/// full stop, question or exclamation mark and a space, or a line break) to
/// the end of its own, looking no further than 2,000 bytes either way (as
/// the reader cuts longer runs), so that many matches in a text without
/// full stops cost no more than their number.
fn sentence(text: &str, span: &Range<usize>) -> String {
    const FURTHEST: usize = 2_000;
    let bytes = text.as_bytes();
    let lowest = span.start.saturating_sub(FURTHEST);
    let highest = span.end.saturating_add(FURTHEST).min(bytes.len());
    let ends_sentence = |i: usize| {
        matches!(bytes.get(i), Some(b'.' | b'!' | b'?'))
            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
    };
    let mut start = span.start;
    while start > lowest && bytes[start - 1] != b'\n' && !(start >= 2 && ends_sentence(start - 2)) {
        start -= 1;
    }
    let mut end = span.end.max(start);
    while end < highest && bytes[end] != b'\n' && !ends_sentence(end) {
        end += 1;
    }
    if end < highest && bytes[end] != b'\n' {
        end += 1;
    }
    let (start, end) = (floor(text, start), ceil(text, end));
    text[start..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_skipped_and_offsets_count_it() {
        let data = r#"{"annotation":[{"text":"The "},{"markup":"<b>"},{"text":"46"},
            {"markup":"</b>"},{"text":"-article pact."},{"markup":"<p>","interpretAs":"\n\n"}]}"#;
        let plain = Plain::from_data(data).unwrap();
        assert_eq!(plain.text, "The 46-article pact.\n\n");
        assert_eq!(plain.original, "The <b>46</b>-article pact.<p>");
        // "46" starts at 4 in the text and at 7 in the original.
        assert_eq!(plain.original_offset(4, false), 7);
        assert_eq!(plain.original_offset(6, true), 9);
        // "-article" starts after "</b>".
        assert_eq!(plain.original_offset(6, false), 13);
        // The stand-in for <p> maps to the markup.
        assert_eq!(plain.original_offset(20, false), 27);
        assert_eq!(plain.original_offset(22, true), 30);
    }

    #[test]
    fn broken_annotations_are_errors() {
        assert!(Plain::from_data("{").unwrap_err().contains("invalid JSON"));
        assert!(Plain::from_data(r#"{"annotation":[{"text":"a","markup":"b"}]}"#).is_err());
        assert!(Plain::from_data(r#"{"annotation":[{}]}"#).is_err());
        assert!(Plain::from_data(r#"{"text":"a"}"#).is_err());
    }

    #[test]
    fn context_and_sentence_surround_the_match() {
        let text = "First one. The 46-article treaty was signed. Last.";
        let at = text.find("46").unwrap();
        let span = at..at + 10;
        assert_eq!(sentence(text, &span), "The 46-article treaty was signed.");
        let c = context(text, &span);
        let shown = c["text"].as_str().unwrap();
        let offset = c["offset"].as_u64().unwrap() as usize;
        assert_eq!(&shown[offset..offset + 10], "46-article");
        let long = format!("{}{}", "word ".repeat(30), text);
        let at = long.find("46").unwrap();
        let c = context(&long, &(at..at + 2));
        assert!(c["text"].as_str().unwrap().starts_with("..."));
    }

    #[test]
    fn languages_are_english_or_auto() {
        assert_eq!(language_code("auto").unwrap(), "en-US");
        assert_eq!(language_code("en-gb").unwrap(), "en-GB");
        assert_eq!(language_code("en").unwrap(), "en");
        assert!(language_code("de-DE").is_err());
        assert!(language_code("").is_err());
    }
}
