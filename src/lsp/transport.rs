//! JSON-RPC over stdio with `Content-Length` framing.
//!
//! lsp-server's own stdio transport ends the connection on the first frame it
//! cannot parse; the protocol instead wants a ParseError or InvalidRequest
//! answer and the session to go on, so framing is done here and lsp-server is
//! used for its message types.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};
use std::thread::{self, JoinHandle};

use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};

/// A body larger than this is skipped unread and answered with an error: it
/// cannot be a draft worth holding in memory, and allocating for it could
/// take the process down.
const MAX_BODY: usize = 64 << 20;
/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// One frame from the client.
#[derive(Debug)]
pub(super) enum Incoming {
    Message(Message),
    /// Not a JSON-RPC message: the error response to send (its `id` may be null).
    Malformed(Value),
}

/// Reads the next frame; `None` at the end of input (or when the framing is
/// lost for good, which is the same thing to a server).
pub(super) fn read(input: &mut impl BufRead) -> Option<Incoming> {
    let mut length: Option<Result<usize, ()>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .ok()?;
        if n == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            // Blank lines before any header (a client's stray newline after a
            // body) are skipped rather than read as an empty header block.
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        // Searched for anywhere in the line, not only at its start: after a
        // frame whose length was wrong or missing, the next header follows
        // the leftover bytes on the same line, and this is how reading gets
        // back in step.
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.rfind("content-length:") {
            length = Some(
                line[at + "content-length:".len()..]
                    .trim()
                    .parse()
                    .map_err(|_| ()),
            );
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        _ => {
            return Some(malformed(
                ErrorCode::ParseError,
                "missing or invalid Content-Length header",
            ))
        }
    };
    if length > MAX_BODY {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink()).ok()?;
        return Some(malformed(ErrorCode::InvalidRequest, "message too large"));
    }
    let mut body = Vec::new();
    input
        .by_ref()
        .take(length as u64)
        .read_to_end(&mut body)
        .ok()?;
    if body.len() < length {
        return None;
    }
    Some(parse(&body))
}

/// A body as a message, or the error response the protocol asks for.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return malformed(ErrorCode::ParseError, &format!("parse error: {e}")),
    };
    // lsp-server's ids are strings or 32-bit integers; any other number
    // (1.5, 2147483648) would make the request read as a notification and
    // never be answered.
    let bad_id = value.get("id").is_some_and(|id| {
        !(id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok()))
    });
    let has_method = value.get("method").is_some_and(Value::is_string);
    let has_result = value.get("result").is_some() || value.get("error").is_some();
    if !value.is_object() || bad_id || (!has_method && !has_result) {
        return Incoming::Malformed(error_response(
            id_of(&value),
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, response or notification",
        ));
    }
    let id = id_of(&value);
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(error_response(
            id,
            ErrorCode::InvalidRequest,
            &format!("invalid message: {e}"),
        )),
    }
}

/// The request id to answer an invalid message with: its own when it is a
/// valid id, else null as JSON-RPC says.
fn id_of(value: &Value) -> Value {
    match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    }
}

fn malformed(code: ErrorCode, message: &str) -> Incoming {
    Incoming::Malformed(error_response(Value::Null, code, message))
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

/// The JSON text of a message, with the `jsonrpc` member lsp-server adds on
/// its own writes.
pub(super) fn encode(message: &Message) -> Value {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("jsonrpc".to_owned(), Value::from("2.0"));
    }
    value
}

/// Writes frames from a channel to stdout until every sender is gone, so
/// that joining the thread flushes all that was sent.
pub(super) fn spawn_writer(frames: Receiver<Value>) -> io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("factlint-lsp-writer".to_owned())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for frame in frames {
                let body = frame.to_string();
                let written = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())
                    .and_then(|()| out.flush());
                if written.is_err() {
                    // The client is gone; nothing more can be said to it.
                    return;
                }
            }
        })
}

/// Reads frames from stdin into the message loop; the end of input is an
/// event of its own, since the exit code depends on what came before it.
pub(super) fn spawn_reader(deliver: Sender<super::server::Event>) -> io::Result<JoinHandle<()>> {
    use super::server::Event;
    thread::Builder::new()
        .name("factlint-lsp-reader".to_owned())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            while let Some(incoming) = read(&mut input) {
                if deliver.send(Event::Incoming(incoming)).is_err() {
                    return;
                }
            }
            let _ = deliver.send(Event::InputClosed);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let mut input = input.as_bytes();
        std::iter::from_fn(|| read(&mut input)).collect()
    }

    fn error_of(incoming: &Incoming) -> (Value, i64) {
        match incoming {
            Incoming::Malformed(v) => (v["id"].clone(), v["error"]["code"].as_i64().unwrap_or(0)),
            Incoming::Message(m) => panic!("expected an error, got {m:?}"),
        }
    }

    #[test]
    fn a_request_then_a_notification() {
        let a = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let b = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{a}Content-Length: {}\r\n\r\n{b}",
            a.len(),
            b.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
        assert!(
            matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn bad_json_is_a_parse_error_and_reading_goes_on() {
        let bad = "{not json";
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: {}\r\n\r\n{bad}Content-Length: {}\r\n\r\n{good}",
            bad.len(),
            good.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        assert_eq!(error_of(&got[0]), (Value::Null, -32700));
        assert!(matches!(
            &got[1],
            Incoming::Message(Message::Notification(_))
        ));
    }

    #[test]
    fn json_that_is_no_message_is_an_invalid_request() {
        for (body, id) in [
            ("[1,2]", Value::Null),
            (r#"{"id":7}"#, json!(7)),
            (r#"{"id":"x","method":3}"#, json!("x")),
            (r#"{"id":{},"method":"a"}"#, Value::Null),
            // finding 15: ids that are numbers but no 32-bit integers
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
                json!(1.5),
            ),
            (
                r#"{"jsonrpc":"2.0","id":2147483648,"method":"shutdown"}"#,
                json!(2_147_483_648_u64),
            ),
            (
                r#"{"jsonrpc":"2.0","id":-1e3,"method":"shutdown"}"#,
                json!(-1e3),
            ),
        ] {
            let got = frames(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
            assert_eq!(got.len(), 1, "{body}");
            assert_eq!(error_of(&got[0]), (id, -32600), "{body}");
        }
    }

    #[test]
    fn a_missing_length_is_an_error_and_a_short_body_ends_input() {
        let got = frames("Content-Type: x\r\n\r\n");
        assert_eq!(got.len(), 1);
        assert_eq!(error_of(&got[0]), (Value::Null, -32700));
        assert!(frames("Content-Length: 10\r\n\r\n{}").is_empty());
        assert!(frames("Content-Length: 99999999999999999999999\r\n\r\n").len() == 1);
    }

    #[test]
    fn reading_gets_back_in_step_after_garbage() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "junk\n\nContent-Length: 3\r\n\r\n{{}}}}more junk Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 3);
        assert_eq!(error_of(&got[0]), (Value::Null, -32700));
        assert_eq!(error_of(&got[1]), (Value::Null, -32700));
        assert!(
            matches!(&got[2], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn invalid_utf8_is_a_parse_error() {
        let mut input: Vec<u8> = b"Content-Length: 2\r\n\r\n".to_vec();
        input.extend([0xff, 0xfe]);
        let mut slice = input.as_slice();
        let got = read(&mut slice).expect("a frame");
        assert_eq!(error_of(&got), (Value::Null, -32700));
    }
}
