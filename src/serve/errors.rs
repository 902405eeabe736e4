//! Every error the server answers is a JSON body with a message:
//! `{"status": 413, "error": "payload too large", "message": "…"}`. Errors
//! raised below the handlers (a body over the cap, a request over time, a
//! method a route does not take) are given one on the way out.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Response, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::json;

use super::Limits;

/// An error answer: a status and what to tell the client.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// A 413 for a text longer than `--max-text-length`, in characters.
    pub(crate) fn check_text_length(text: &str, limits: &Limits) -> Result<(), ApiError> {
        let length = text.chars().count();
        if length > limits.max_text_length {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the text is {length} characters, over the limit of {} (--max-text-length)",
                    limits.max_text_length
                ),
            ));
        }
        Ok(())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        json_error(self.status, &self.message)
    }
}

/// The JSON body of an error.
pub(crate) fn json_error(status: StatusCode, message: &str) -> axum::response::Response {
    let body = json!({
        "status": status.as_u16(),
        "error": status.canonical_reason().unwrap_or("error").to_ascii_lowercase(),
        "message": message,
    });
    json_response(status, &body)
}

/// A JSON body with its content type.
pub(crate) fn json_response(
    status: StatusCode,
    body: &impl serde::Serialize,
) -> axum::response::Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            bytes,
        )
            .into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            r#"{"status":500,"error":"internal server error","message":"cannot encode the answer"}"#,
        )
            .into_response(),
    }
}

pub(crate) async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no such endpoint: {}; factlint serves /, /v2/check, /v2/languages, /api/check, \
             /api/rules and /healthz",
            uri.path()
        ),
    )
}

/// Gives an error answer that is not JSON yet (made by a layer or by the
/// router itself) a JSON body that says what happened.
pub(crate) async fn as_json(
    State(limits): State<Limits>,
    response: Response<Body>,
) -> Response<Body> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "the request body is larger than {} bytes (--max-body)",
            limits.max_body
        ),
        StatusCode::REQUEST_TIMEOUT => format!(
            "the request took longer than {} s (--request-timeout)",
            limits.request_timeout.as_secs()
        ),
        StatusCode::METHOD_NOT_ALLOWED => {
            "this endpoint does not take that method; its Allow header says which it takes"
                .to_owned()
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported content type".to_owned(),
        StatusCode::INTERNAL_SERVER_ERROR => {
            "the server failed on this request; please report it as a factlint bug".to_owned()
        }
        other => other
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_owned(),
    };
    let mut out = json_error(status, &message);
    // Keep what the layers said besides the body (Allow, CORS headers).
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    out.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    out
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limits() -> Limits {
        Limits {
            max_body: 1024,
            max_text_length: 10,
            check_timeout: Duration::from_secs(1),
            body_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(3),
        }
    }

    async fn body_of(response: Response<Body>) -> serde_json::Value {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn bare_errors_get_a_json_body_and_keep_their_headers() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let bare = Response::builder()
                .status(StatusCode::PAYLOAD_TOO_LARGE)
                .header("x-kept", "yes")
                .body(Body::from("length limit exceeded"))
                .unwrap();
            let out = as_json(State(limits()), bare).await;
            assert_eq!(out.status(), StatusCode::PAYLOAD_TOO_LARGE);
            assert_eq!(out.headers()["x-kept"], "yes");
            assert!(out.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json"));
            let body = body_of(out).await;
            assert_eq!(body["status"], 413);
            assert_eq!(body["error"], "payload too large");
            assert!(body["message"].as_str().unwrap().contains("1024 bytes"));

            let panicked = Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::from("panic"))
                .unwrap();
            let body = body_of(as_json(State(limits()), panicked).await).await;
            assert!(body["message"].as_str().unwrap().contains("bug"));

            // Success and JSON errors pass as they are.
            let ok = Response::new(Body::from("fine"));
            assert_eq!(as_json(State(limits()), ok).await.status(), StatusCode::OK);
            let json = json_error(StatusCode::BAD_REQUEST, "own message");
            let body = body_of(as_json(State(limits()), json).await).await;
            assert_eq!(body["message"], "own message");
        });
    }
}
