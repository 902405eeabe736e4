//! Who may call the server: the token, CORS, and headers that keep the page
//! from being framed or sniffed.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};
use axum::middleware::Next;
use axum::response::IntoResponse;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::errors::ApiError;

/// The cookie that carries the token for the web page.
pub(crate) const COOKIE: &str = "factlint_token";

/// Marks a request whose token was checked before its body was read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Authorized;

/// Lets a request through when no token is set, or when it carries the
/// token as a bearer header or the page's cookie. `/v2/check` may carry it
/// as LanguageTool's `apiKey` form field instead, which its handler checks.
/// `GET /?token=…` sets the cookie and sends the browser on to `/`.
pub(crate) async fn authorize(
    State(state): State<super::State>,
    mut request: Request,
    next: Next,
) -> axum::response::Response {
    let Some(token) = state.token.as_deref() else {
        request.extensions_mut().insert(Authorized);
        return next.run(request).await;
    };
    if carries(request.headers(), token) {
        request.extensions_mut().insert(Authorized);
        return next.run(request).await;
    }
    let path = request.uri().path();
    if request.method() == Method::GET && path == "/" {
        let given = request.uri().query().and_then(|q| {
            super::text::parse_form(q.as_bytes())
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "token")
                .map(|(_, v)| v)
        });
        if given.is_some_and(|given| same(&given, token)) {
            return (
                StatusCode::SEE_OTHER,
                [
                    // Relative, so that it also works under a proxy's path.
                    (header::LOCATION, "./".to_owned()),
                    (
                        header::SET_COOKIE,
                        format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"),
                    ),
                ],
            )
                .into_response();
        }
    }
    if request.method() == Method::POST && path == "/v2/check" {
        return next.run(request).await;
    }
    unauthorized().into_response()
}

pub(crate) fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "this server needs its token: send `Authorization: Bearer TOKEN` (or LanguageTool's \
         `apiKey` field), or open the page as /?token=TOKEN",
    )
}

/// Whether the headers carry the token, as a bearer header or the cookie.
fn carries(headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| {
            let (scheme, rest) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(rest.trim())
        })
        .any(|given| same(given, token));
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && same(value, token));
    bearer || cookie
}

/// Compares in time that does not depend on where the strings differ.
pub(crate) fn same(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, &y) in b.iter().enumerate() {
        diff |= a.get(i).copied().unwrap_or(0) ^ y;
    }
    diff == 0
}

/// Checks an `--allow-origin` value: a scheme, a host and maybe a port.
pub(crate) fn parse_origin(origin: &str) -> Result<HeaderValue, String> {
    let valid = (origin.starts_with("http://") || origin.starts_with("https://"))
        && !origin.ends_with('/')
        && origin
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/') && !rest.contains('*'));
    if !valid {
        return Err(format!(
            "--allow-origin {origin}: give an origin such as https://cms.example.org (a scheme \
             and host, maybe a port, no path)"
        ));
    }
    HeaderValue::from_str(origin).map_err(|e| format!("--allow-origin {origin}: {e}"))
}

/// CORS for the origins allowed on the command line; none otherwise, so a
/// page elsewhere cannot read the answers.
pub(crate) fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| parse_origin(o).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, header::ACCEPT])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

/// Headers on every answer.
pub(crate) async fn headers(mut response: Response<Body>) -> Response<Body> {
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abcdefghijklmnop", "abcdefghijklmnop"));
        assert!(!same("abcdefghijklmno", "abcdefghijklmnop"));
        assert!(!same("abcdefghijklmnopq", "abcdefghijklmnop"));
        assert!(!same("", "abcdefghijklmnop"));
        assert!(!same("Abcdefghijklmnop", "abcdefghijklmnop"));
    }

    #[test]
    fn a_token_is_read_from_bearer_or_cookie() {
        let token = "0123456789abcdef";
        let mut h = HeaderMap::new();
        assert!(!carries(&h, token));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef"),
        );
        assert!(carries(&h, token));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; factlint_token=0123456789abcdef"),
        );
        assert!(carries(&h, token));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("factlint_token=wrong"),
        );
        assert!(!carries(&h, token));
    }

    #[test]
    fn origins_are_scheme_and_host() {
        assert!(parse_origin("https://cms.example.org").is_ok());
        assert!(parse_origin("http://localhost:3000").is_ok());
        assert!(parse_origin("https://cms.example.org/").is_err());
        assert!(parse_origin("*").is_err());
        assert!(parse_origin("cms.example.org").is_err());
        assert!(parse_origin("https://*.example.org").is_err());
    }
}
