//! factlint's own JSON API: `POST /api/check` answers with the objects of
//! `check --format json`, `GET /api/rules` with those of `rules list
//! --format json`, `GET /healthz` with the rules in force.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::diagnostic::FileReport;
use crate::source::Markup;

use super::engine::{self, Draft, Loaded};
use super::errors::{json_response, ApiError};
use super::text::read_body;

/// A draft sent to `/api/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    /// The draft itself.
    text: String,
    /// The name findings are reported under; its extension picks the
    /// reader, as the configuration's `readers` would. Never opened.
    path: Option<String>,
    /// `text`, `markdown` or `html`: the reader, whatever the path says.
    format: Option<String>,
}

/// Runs a check off the async threads, one of at most `--max-checks` at a
/// time, within `--check-timeout` (waiting for a turn included).
pub(crate) async fn run_check(
    state: &super::State,
    draft: Draft,
) -> Result<(Arc<Loaded>, FileReport), ApiError> {
    let limits = &state.limits;
    let busy = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the check did not finish within {} s (--check-timeout); the server is busy or \
                 the draft too long",
                limits.check_timeout.as_secs()
            ),
        )
    };
    let checks = Arc::clone(&state.checks);
    let loaded = state.engine.current();
    let rules = Arc::clone(&loaded);
    let work = async move {
        let permit = checks.acquire_owned().await;
        // The permit goes with the check, so a check that outlives its
        // request still counts against the bound until it ends.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            engine::check(&rules, draft)
        })
        .await
    };
    match tokio::time::timeout(limits.check_timeout, work).await {
        Err(_) => Err(busy()),
        Ok(Err(e)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the check failed: {e}"),
        )),
        Ok(Ok(Err(panic))) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the check failed: {panic}; please report this draft as a factlint bug"),
        )),
        Ok(Ok(Ok(report))) => Ok((loaded, report)),
    }
}

pub(crate) async fn check(State(state): State<super::State>, request: Request) -> Response {
    match answer(&state, request).await {
        Ok(findings) => json_response(StatusCode::OK, &findings),
        Err(e) => e.into_response(),
    }
}

async fn answer(state: &super::State, request: Request) -> Result<Value, ApiError> {
    let bytes = read_body(request.into_body(), &state.limits).await?;
    let request: CheckRequest = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "the body must be JSON like {{\"text\": \"…\", \"format\": \"markdown\"}}: {e}"
        ))
    })?;
    ApiError::check_text_length(&request.text, &state.limits)?;
    let loaded = state.engine.current();
    let markup = match request.format.as_deref() {
        Some("text" | "txt" | "plain") => Markup::Text,
        Some("markdown" | "md") => Markup::Markdown,
        Some("html") => Markup::Html,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown format `{other}`: give text, markdown or html"
            )))
        }
        None => request
            .path
            .as_deref()
            .and_then(|p| loaded.resolved.markup_for(Path::new(p)))
            .unwrap_or(Markup::Text),
    };
    let draft = Draft {
        name: request.path.unwrap_or_else(|| "-".to_owned()),
        text: request.text,
        markup,
    };
    let (_, report) = run_check(state, draft).await?;
    let rendered = crate::emit::json::render(std::slice::from_ref(&report));
    serde_json::from_str(&rendered).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot encode the findings: {e}"),
        )
    })
}

pub(crate) async fn rules(State(state): State<super::State>) -> Response {
    let loaded = state.engine.current();
    json_response(
        StatusCode::OK,
        &crate::cli::rules_json(&loaded.resolved.rules),
    )
}

pub(crate) async fn health(State(state): State<super::State>) -> Response {
    let loaded = state.engine.current();
    let rules: usize = loaded
        .resolved
        .rules
        .subjects
        .iter()
        .map(|s| s.facts.len())
        .sum();
    json_response(
        StatusCode::OK,
        &json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
            "generation": loaded.generation,
            "ruleErrors": loaded.reload_errors,
        }),
    )
}
