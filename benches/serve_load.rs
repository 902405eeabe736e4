//! Load test for `factlint serve`: starts the release binary on a loopback
//! port and holds 200 concurrent clients, each on its own keep-alive
//! connection, sending a 5 KB draft to `/v2/check` (or `/api/check`) for
//! 30 seconds; then prints throughput and latency percentiles.
//!
//! ```sh
//! cargo bench --bench serve_load                       # 200 clients, 30 s, /v2/check
//! FACTLINT_LOAD_CLIENTS=50 FACTLINT_LOAD_SECONDS=10 FACTLINT_LOAD_ENDPOINT=api \
//!     cargo bench --bench serve_load
//! ```
//!
//! Run by `cargo test --all-targets` (without `--bench`), it is a smoke test
//! instead: 4 clients for 1 second, every answer a 200.
//!
//! It only ever connects to the server it started, on 127.0.0.1, and stops
//! by itself: each client stops at the deadline or after its share of at
//! most 2,000,000 requests, and the whole run is abandoned 60 s past the
//! deadline.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const MAX_REQUESTS: usize = 2_000_000;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A draft of about 5 KB about the bundled subject, with two claims that
/// contradict it, as a desk would paste it.
fn draft() -> String {
    let paragraphs = [
        "Russia and Iran signed the 46-article Treaty on Comprehensive Strategic Partnership \
         in Moscow on 17 January 2025, after months of talks between the two foreign ministries.",
        "The agreement, which runs for 25 years, covers trade, energy, transport corridors, \
         science and culture, and commits both governments to regular consultations.",
        "Officials in Tehran described the pact as a milestone. Analysts in Moscow were more \
         cautious, noting that many of the provisions restate earlier bilateral agreements.",
        "The document does not include a mutual defence clause; each side undertakes not to \
         help an aggressor against the other, a formula diplomats compared with older treaties.",
        "Trade between the two countries has grown in recent years, and both sides hope that \
         the new framework will make payments in national currencies easier for companies.",
        "The presidents met for several hours before the signing ceremony, and their aides \
         said further agreements on energy and logistics would follow within the year.",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 5 * 1024 {
        text.push_str(paragraphs[i % paragraphs.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    text.truncate(5 * 1024);
    text
}

fn form_encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn json_string(value: &str) -> String {
    let mut out = String::from("\"");
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One client's results: latencies of its answers, in microseconds, and
/// how many were not 200s or failed outright.
#[derive(Default)]
struct Tally {
    latencies: Vec<u32>,
    non_200: usize,
    failed: usize,
}

async fn client(
    addr: std::net::SocketAddr,
    request: Arc<Vec<u8>>,
    deadline: Instant,
    budget: usize,
) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<BufReader<TcpStream>> = None;
    while Instant::now() < deadline && tally.latencies.len() + tally.failed < budget {
        let mut stream = match connection.take() {
            Some(stream) => stream,
            None => match TcpStream::connect(addr).await {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    BufReader::new(stream)
                }
                Err(_) => {
                    tally.failed += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let started = Instant::now();
        match exchange(&mut stream, &request).await {
            Ok(status) => {
                let micros = started.elapsed().as_micros();
                tally
                    .latencies
                    .push(u32::try_from(micros).unwrap_or(u32::MAX));
                if status != 200 {
                    tally.non_200 += 1;
                }
                connection = Some(stream);
            }
            Err(_) => tally.failed += 1,
        }
    }
    tally
}

/// Sends one request and reads its answer; the status.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    f64::from(sorted[rank.min(sorted.len() - 1)]) / 1000.0
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let (clients, seconds) = if benching { (200, 30) } else { (4, 1) };
    let clients = env_or("FACTLINT_LOAD_CLIENTS", clients).clamp(1, 2000) as usize;
    let seconds = env_or("FACTLINT_LOAD_SECONDS", seconds).clamp(1, 300);
    let endpoint = std::env::var("FACTLINT_LOAD_ENDPOINT").unwrap_or_else(|_| "v2".to_owned());
    let dir = std::env::temp_dir();
    let mut server = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start factlint serve");
    let stdout = server.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the server prints its address");
    let addr: std::net::SocketAddr = line
        .rsplit("http://")
        .next()
        .and_then(|a| a.trim().parse().ok())
        .expect("an address");
    assert!(addr.ip().is_loopback());

    let text = draft();
    let (path, content_type, body) = if endpoint == "api" {
        (
            "/api/check",
            "application/json",
            format!("{{\"text\":{},\"format\":\"text\"}}", json_string(&text)),
        )
    } else {
        (
            "/v2/check",
            "application/x-www-form-urlencoded",
            format!("language=en-US&text={}", form_encode(&text)),
        )
    };
    let request = Arc::new(
        format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!(
        "{clients} clients, {seconds} s, {path} with a {} byte draft; load average before: {}",
        text.len(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tallies: Vec<Tally> = runtime.block_on(async {
        let budget = MAX_REQUESTS / clients;
        let tasks: Vec<_> = (0..clients)
            .map(|_| tokio::spawn(client(addr, Arc::clone(&request), deadline, budget)))
            .collect();
        let all = async {
            let mut out = Vec::new();
            for task in tasks {
                out.push(task.await.unwrap_or_default());
            }
            out
        };
        tokio::time::timeout(Duration::from_secs(seconds + 60), all)
            .await
            .unwrap_or_default()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();

    let mut latencies: Vec<u32> = tallies
        .iter()
        .flat_map(|t| t.latencies.iter().copied())
        .collect();
    latencies.sort_unstable();
    let non_200: usize = tallies.iter().map(|t| t.non_200).sum();
    let failed: usize = tallies.iter().map(|t| t.failed).sum();
    let done = latencies.len();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "| {clients} | {path} | {:.0} s | {done} | {:.0} req/s | {:.1} ms | {:.1} ms | {:.1} ms | {non_200} | {failed} |",
        elapsed,
        done as f64 / elapsed,
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 100.0),
    );
    eprintln!(
        "load average after: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
