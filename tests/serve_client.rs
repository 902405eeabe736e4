//! A real LanguageTool client, the `languagetool-rust` crate, against
//! `factlint serve`: it must read our answers into its own types (so every
//! field it requires is there, of the type it expects) and find factlint's
//! findings as matches, for plain text and for annotated text.

mod serve_support;

use languagetool_rust::api::check::{Data, DataAnnotation, Request};
use languagetool_rust::api::server::ServerClient;
use serve_support::Server;

fn client(server: &Server) -> ServerClient {
    // The client honours proxy settings from the environment; the server is
    // on loopback, and no request may leave the machine.
    std::env::set_var("NO_PROXY", "127.0.0.1");
    std::env::set_var("no_proxy", "127.0.0.1");
    ServerClient::new("http://127.0.0.1", &server.addr.port().to_string())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

#[test]
fn the_client_reads_matches_for_plain_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let text = "Iran’s president flew in 🛬 and signed the 46-article treaty with Russia.";
    let request = Request::new()
        .with_text(text)
        .with_language("en-US".to_owned());
    let response = runtime()
        .block_on(client(&server).check(&request))
        .expect("the client reads the answer");
    assert_eq!(response.language.code, "en-US");
    assert_eq!(response.software.name, "factlint");
    let found = response
        .matches
        .iter()
        .find(|m| m.rule.id == "ru-ir-treaty/article-count")
        .expect("the wrong article count is a match");
    assert_eq!(found.rule.issue_type, "inconsistency");
    assert_eq!(found.rule.category.id, "FACTLINT_CONTRADICTION");
    assert_eq!(found.rule.description, "The treaty has 47 articles.");
    assert_eq!(found.short_message, "Contradicts the source");
    assert_eq!(found.replacements[0].value, "47-article");
    assert!(found.sentence.contains("46-article treaty"));
    // UTF-16 offsets, as the client counts them.
    let units: Vec<u16> = text.encode_utf16().collect();
    let matched = String::from_utf16(&units[found.offset..found.offset + found.length])
        .expect("whole characters");
    assert_eq!(matched, "46-article");
    let context: Vec<u16> = found.context.text.encode_utf16().collect();
    let in_context = String::from_utf16(
        &context[found.context.offset..found.context.offset + found.context.length],
    )
    .expect("whole characters");
    assert_eq!(in_context, "46-article");
}

#[test]
fn the_client_reads_matches_for_annotated_text_and_lists_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    let data: Data = [
        DataAnnotation::new_markup("<p>"),
        DataAnnotation::new_text("The pact between Russia and Iran runs for "),
        DataAnnotation::new_markup("<em>"),
        DataAnnotation::new_text("25"),
        DataAnnotation::new_markup("</em>"),
        DataAnnotation::new_text(" years."),
        DataAnnotation::new_interpreted_markup("</p>", "\n\n"),
    ]
    .into_iter()
    .collect();
    let original = "<p>The pact between Russia and Iran runs for <em>25</em> years.</p>";
    let request = Request::new()
        .with_data(data)
        .with_language("auto".to_owned());
    let rt = runtime();
    let response = rt
        .block_on(client(&server).check(&request))
        .expect("the client reads the answer");
    let term = response
        .matches
        .iter()
        .find(|m| m.rule.id == "ru-ir-treaty/term")
        .expect("the wrong term is a match");
    assert_eq!(
        &original[term.offset..term.offset + term.length],
        "25</em> years"
    );
    assert_eq!(term.replacements[0].value, "20 years");
    let languages = rt
        .block_on(client(&server).languages())
        .expect("the client reads the languages");
    assert!(languages.iter().any(|l| l.long_code == "en-US"));
}
