//! Malformed requests: each gets a 4xx (a JSON body with a message, where
//! the request got as far as the router) and the server keeps serving.

mod serve_support;

use std::io::Write;
use std::time::Duration;

use serve_support::{connect, read_reply, request, send_raw, Server};

fn server(dir: &std::path::Path) -> Server {
    Server::start(
        dir,
        &[
            "--max-body",
            "65536",
            "--max-text-length",
            "20000",
            "--request-timeout",
            "2",
        ],
    )
}

fn post(server: &Server, path: &str, content_type: &str, body: &[u8]) -> serve_support::Reply {
    request(
        server.addr,
        "POST",
        path,
        &[("Content-Type", content_type)],
        body,
    )
}

const FORM: &str = "application/x-www-form-urlencoded";

/// What is wrong, the path, the content type, the body, the status
/// expected and a word the message must have.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    Vec<u8>,
    u16,
    &'static str,
);

#[test]
fn broken_bodies_get_a_json_4xx_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(dir.path());
    let cases: Vec<Case> = vec![
        (
            "a % not followed by hex digits",
            "/v2/check",
            FORM,
            b"language=en-US&text=The+46%zzarticle+treaty".to_vec(),
            400,
            "form encoding",
        ),
        (
            "a % cut short at the end",
            "/v2/check",
            FORM,
            b"language=en-US&text=abc%4".to_vec(),
            400,
            "form encoding",
        ),
        (
            "percent-encoded bytes that are not UTF-8",
            "/v2/check",
            FORM,
            b"language=en-US&text=Iran%FF%FEtreaty".to_vec(),
            400,
            "UTF-8",
        ),
        (
            "raw Latin-1 bytes in the form",
            "/v2/check",
            FORM,
            b"language=en-US&text=Trait\xe9+de+Moscou".to_vec(),
            400,
            "UTF-8",
        ),
        (
            "invalid JSON in data",
            "/v2/check",
            FORM,
            b"language=en-US&data=%7B%22annotation%22%3A%5B%7B%22text%22".to_vec(),
            400,
            "invalid JSON",
        ),
        (
            "data that is JSON but not annotated text",
            "/v2/check",
            FORM,
            b"language=en-US&data=%5B1%2C2%5D".to_vec(),
            400,
            "data",
        ),
        (
            "a part with both text and markup",
            "/v2/check",
            FORM,
            b"language=en-US&data=%7B%22annotation%22%3A%5B%7B%22text%22%3A%22a%22%2C%22markup%22%3A%22b%22%7D%5D%7D".to_vec(),
            400,
            "either",
        ),
        (
            "JSON sent to the form endpoint",
            "/v2/check",
            "application/json",
            br#"{"text":"x","language":"en"}"#.to_vec(),
            415,
            "form",
        ),
        (
            "invalid JSON to /api/check",
            "/api/check",
            "application/json",
            b"{\"text\": \"The 46-article".to_vec(),
            400,
            "JSON",
        ),
        (
            "JSON of the wrong shape to /api/check",
            "/api/check",
            "application/json",
            br#"{"text": 46}"#.to_vec(),
            400,
            "JSON",
        ),
        (
            "an unknown field: no file can be named",
            "/api/check",
            "application/json",
            br#"{"text": "x", "file": "/etc/passwd"}"#.to_vec(),
            400,
            "unknown field",
        ),
        (
            "non-UTF-8 JSON",
            "/api/check",
            "application/json",
            b"{\"text\": \"Trait\xe9\"}".to_vec(),
            400,
            "JSON",
        ),
        (
            "a text over --max-text-length",
            "/v2/check",
            FORM,
            format!("language=en-US&text={}", "a".repeat(20_001)).into_bytes(),
            413,
            "20000",
        ),
        (
            "a body over --max-body",
            "/api/check",
            "application/json",
            format!("{{\"text\": \"{}\"}}", "a".repeat(70_000)).into_bytes(),
            413,
            "65536",
        ),
    ];
    for (what, path, content_type, body, status, says) in cases {
        let reply = post(&server, path, content_type, &body);
        let message = reply.assert_json_error(status);
        assert!(
            message.contains(says),
            "{what}: {message:?} should mention {says:?}"
        );
        assert!(server.alive(&[]), "the server stopped after: {what}");
    }
}

#[test]
fn a_chunked_body_over_the_cap_is_cut_off_with_413() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(dir.path());
    let mut raw = b"POST /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
        Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    let mut chunk = |data: &str| {
        raw.extend_from_slice(format!("{:x}\r\n{data}\r\n", data.len()).as_bytes());
    };
    chunk("language=en-US&text=");
    let many = "a".repeat(16_000);
    for _ in 0..6 {
        chunk(&many);
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let reply = send_raw(server.addr, &raw);
    reply.assert_json_error(413);
    assert!(server.alive(&[]));
}

#[test]
fn broken_http_gets_a_4xx_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(dir.path());
    // Headers far over the server's 64 KiB buffer.
    let huge = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(200_000)
    );
    let reply = send_raw(server.addr, huge.as_bytes());
    assert_eq!(reply.status, 431, "{reply:?}");
    assert!(server.alive(&[]));
    // Too many headers.
    let mut many = String::from("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for i in 0..500 {
        many.push_str(&format!("X-H{i}: {i}\r\n"));
    }
    many.push_str("\r\n");
    let reply = send_raw(server.addr, many.as_bytes());
    assert!((400..500).contains(&reply.status), "{reply:?}");
    assert!(server.alive(&[]));
    // Not HTTP at all.
    let reply = send_raw(server.addr, b"HELLO THERE\r\n\r\n");
    assert_eq!(reply.status, 400, "{reply:?}");
    // A Content-Length that is not a number.
    let reply = send_raw(
        server.addr,
        b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
    );
    assert_eq!(reply.status, 400, "{reply:?}");
    // A method no route takes, and a path nobody serves.
    request(server.addr, "DELETE", "/v2/check", &[], b"").assert_json_error(405);
    request(server.addr, "GET", "/../../etc/passwd", &[], b"").assert_json_error(404);
    assert!(server.alive(&[]));
}

#[test]
fn a_body_that_trickles_in_is_cut_off_with_408() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(dir.path());
    // Slowloris: a body announced at 10 KB that comes a byte at a time;
    // other clients are served meanwhile.
    let mut slow = connect(server.addr);
    slow.write_all(
        b"POST /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n\
          language=en-US&text=",
    )
    .expect("write head");
    let trickle = std::thread::spawn(move || {
        // Bounded: at most 100 bytes, one every 100 ms, then the answer.
        for _ in 0..100 {
            if slow.write_all(b"a").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        read_reply(&mut slow)
    });
    assert!(server.alive(&[]), "other clients are served meanwhile");
    let reply = trickle.join().expect("the slow client");
    let message = reply.assert_json_error(408);
    assert!(message.contains("2 s"), "{message}");
    assert!(server.alive(&[]));
}

#[test]
fn headers_that_trickle_in_get_the_connection_closed() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    let server = server(dir.path());
    // Slowloris on the headers: they never end. The server closes the
    // connection after its header time limit (HTTP leaves no answer to give
    // a request that has not been read), and serves others meanwhile.
    let mut slow = connect(server.addr);
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a")
        .expect("write head");
    assert!(server.alive(&[]), "other clients are served meanwhile");
    let mut rest = Vec::new();
    let read = slow.read_to_end(&mut rest);
    assert!(
        matches!(read, Ok(0))
            || read.is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "the connection is closed without an answer: {rest:?}"
    );
    assert!(server.alive(&[]));
}

#[test]
fn a_check_over_its_time_limit_is_a_503_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(
        dir.path(),
        &[
            "--max-checks",
            "1",
            "--check-timeout",
            "1",
            "--max-body",
            "8000000",
            "--max-text-length",
            "8000000",
        ],
    );
    // Three megabytes of claims about the subject and no full stop: far
    // more than a second's reading for the (debug) server under test.
    let draft =
        "The 46-article treaty between Russia and Iran runs for 25 years ".repeat(3_000_000 / 64);
    let reply = server.post_json("/api/check", &serde_json::json!({ "text": draft }));
    let message = reply.assert_json_error(503);
    assert!(message.contains("--check-timeout"), "{message}");
    // The check still running holds the only check slot, but everything
    // else is answered, and a check waiting for the slot times out cleanly.
    assert!(server.alive(&[]));
    let waiting = server.post_json(
        "/api/check",
        &serde_json::json!({ "text": "The 46-article treaty of Russia and Iran." }),
    );
    assert!(
        waiting.status == 200 || waiting.status == 503,
        "{}",
        waiting.text()
    );
    if waiting.status == 503 {
        waiting.assert_json_error(503);
    }
}
