//! `factlint serve`: a long-running HTTP server over the same reading, rules,
//! configuration, severities and suppressions as `factlint check`.
//!
//! - `/v2/check` and `/v2/languages` speak LanguageTool's HTTP API, so its
//!   browser and office extensions, LTeX and the Obsidian plugin can use
//!   factlint as their server ([`languagetool`]).
//! - `/api/check`, `/api/rules` and `/healthz` are factlint's own JSON
//!   ([`api`]): the objects of `check --format json` and `rules list
//!   --format json`.
//! - `/` is a page to paste a draft into, embedded in the binary ([`web`]).
//!
//! Safe by default ([`guard`]): loopback only unless a token is given, bodies
//! and check times capped, checks bounded in number, CORS only for named
//! origins, and no request can name a file or load rules ([`engine`]).

mod api;
mod engine;
mod errors;
mod guard;
mod languagetool;
mod text;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use engine::Engine;

/// What the command line gives the server.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Address and port to listen on. Anything but loopback needs --token.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8081")]
    pub listen: SocketAddr,
    /// Rule file or folder of rule files (repeatable); replaces the
    /// configured or bundled rules. Reloaded when the files change.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.factlint.yaml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Secret every request must carry: `Authorization: Bearer TOKEN`, or
    /// LanguageTool's `apiKey` form field. Also read from FACTLINT_TOKEN.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Origin allowed to call the API from a browser page (repeatable),
    /// e.g. `https://cms.example.org`. None by default.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// Longest draft, in characters (LanguageTool's `maxTextLength`).
    #[arg(long, value_name = "CHARS", default_value_t = 200_000)]
    pub max_text_length: usize,
    /// Seconds a check may take, queueing included, before a 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub check_timeout: u64,
    /// Seconds a whole request may take, its body included, before a 408.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub request_timeout: u64,
    /// Checks run at once; others wait. Default: the number of cores.
    #[arg(long, value_name = "N")]
    pub max_checks: Option<usize>,
    /// Connections served at once; others wait in the kernel's queue.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,
}

/// The limits a request is held to, from the options.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    pub(crate) max_body: usize,
    pub(crate) max_text_length: usize,
    pub(crate) check_timeout: Duration,
    pub(crate) body_timeout: Duration,
    pub(crate) request_timeout: Duration,
}

/// What every handler shares.
pub(crate) struct Shared {
    pub(crate) engine: Engine,
    pub(crate) limits: Limits,
    pub(crate) checks: Arc<Semaphore>,
    pub(crate) token: Option<String>,
}

pub(crate) type State = Arc<Shared>;

/// Runs the server until the process is stopped. Exits 2 when it cannot
/// start: bad options, broken rules, or an address it cannot bind.
pub fn run(mut options: Options) -> ExitCode {
    if options.token.is_none() {
        options.token = std::env::var("FACTLINT_TOKEN")
            .ok()
            .filter(|t| !t.is_empty());
    }
    if let Err(message) = check_options(&options) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let engine = match Engine::start(&options.rules, options.config.as_deref()) {
        Ok(engine) => engine,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_all()
        .thread_name("factlint-serve")
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(serve(options, engine, cores))
}

fn check_options(options: &Options) -> Result<(), String> {
    if !options.listen.ip().is_loopback() && options.token.is_none() {
        return Err(format!(
            "--listen {} is not a loopback address: other machines could reach it, so give \
             --token (or FACTLINT_TOKEN) for every request to carry",
            options.listen
        ));
    }
    if let Some(token) = options.token.as_deref() {
        let plain = token
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\";,\\".contains(&b));
        if token.len() < 16 || !plain {
            return Err(
                "--token must be at least 16 characters, letters, digits and punctuation \
                 other than quotes, commas, semicolons and backslashes"
                    .to_owned(),
            );
        }
    }
    for origin in &options.allow_origin {
        guard::parse_origin(origin)?;
    }
    if options.max_body == 0 || options.max_text_length == 0 || options.max_connections == 0 {
        return Err("--max-body, --max-text-length and --max-connections must be above 0".into());
    }
    Ok(())
}

async fn serve(options: Options, engine: Engine, cores: usize) -> ExitCode {
    let listener = match TcpListener::bind(options.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", options.listen);
            return ExitCode::from(2);
        }
    };
    let address = listener.local_addr().unwrap_or(options.listen);
    let limits = Limits {
        max_body: options.max_body,
        max_text_length: options.max_text_length,
        check_timeout: Duration::from_secs(options.check_timeout.max(1)),
        body_timeout: Duration::from_secs(options.request_timeout.max(1)),
        request_timeout: Duration::from_secs(options.request_timeout.max(1)),
    };
    let max_checks = options.max_checks.unwrap_or(cores).max(1);
    let state = Arc::new(Shared {
        engine,
        limits,
        checks: Arc::new(Semaphore::new(max_checks)),
        token: options.token.clone(),
    });
    engine::watch(Arc::clone(&state));
    let app = router(Arc::clone(&state), &options.allow_origin);
    // Tests and scripts read the address from this line, the port
    // included when `--listen` asked for port 0.
    println!("factlint serve: listening on http://{address}");
    eprintln!(
        "factlint serve: {} rules; {}",
        state.engine.rule_count(),
        if state.token.is_some() {
            "every request needs the token"
        } else {
            "no token: loopback only"
        }
    );
    let connections = Arc::new(Semaphore::new(options.max_connections));
    loop {
        let Ok(permit) = Arc::clone(&connections).acquire_owned().await else {
            return ExitCode::FAILURE;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, say: wait and go on serving.
                eprintln!("factlint serve: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                // A client that trickles its headers is cut off.
                .header_read_timeout(Duration::from_secs(10))
                // Headers larger than this get a 431.
                .max_buf_size(64 * 1024)
                .keep_alive(true);
            // A connection that breaks is the client's business; the server
            // goes on.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(permit);
        });
    }
}

/// The routes and the layers around them. Outermost first: CORS (so that
/// preflights need no token), JSON for every error, the whole-request time
/// limit, the body cap, panics caught, then the token.
pub(crate) fn router(state: State, allow_origin: &[String]) -> Router {
    let routes = Router::new()
        .route("/", get(web::index))
        .route("/app.js", get(web::script))
        .route("/style.css", get(web::style))
        .route("/healthz", get(api::health))
        .route("/api/check", post(api::check))
        .route("/api/rules", get(api::rules))
        .route("/v2/check", post(languagetool::check))
        .route("/v2/languages", get(languagetool::languages))
        .fallback(errors::not_found)
        .with_state(Arc::clone(&state));
    let limits = state.limits.clone();
    let routes = routes
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::authorize,
        ))
        // A bug in a handler is a 500 with a message, not a dropped
        // connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(axum::middleware::map_response_with_state(
            limits,
            errors::as_json,
        ))
        .layer(axum::middleware::map_response(guard::headers));
    match guard::cors(allow_origin) {
        Some(cors) => routes.layer(cors),
        None => routes,
    }
}
