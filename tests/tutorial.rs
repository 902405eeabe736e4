//! The tutorial of docs/rules.md, "Write a rule for a new subject in ten
//! minutes", run step by step: its commands in a fresh folder, its files
//! written as shown, and each command's output compared with the text block
//! that follows it. A tutorial that no longer works fails here.

use std::path::Path;

const HEADING: &str = "## Write a rule for a new subject in ten minutes";

struct Block {
    info: String,
    body: String,
}

/// The fenced code blocks of the tutorial section, in order.
fn tutorial_blocks() -> Vec<Block> {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .expect("docs/rules.md");
    let start = docs.find(HEADING).expect("the tutorial section");
    let section = &docs[start + HEADING.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for line in section.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    body: String::new(),
                })
            }
            (Some(_), Some(rest)) if rest.trim().is_empty() => out.extend(open.take()),
            (Some(block), _) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// Splits a command line into words; double quotes group words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn the_tutorial_runs_as_written() {
    let blocks = tutorial_blocks();
    assert!(blocks.len() >= 10, "only {} blocks", blocks.len());
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut last: Option<(String, String)> = None;
    let mut commands = 0;
    let mut compared = 0;
    for block in &blocks {
        let info: Vec<&str> = block.info.split_whitespace().collect();
        match info.as_slice() {
            ["sh"] => {
                for line in block.body.lines().filter(|l| !l.trim().is_empty()) {
                    let args = words(line);
                    assert_eq!(args[0], "factlint", "{line}");
                    let output = assert_cmd::cargo::cargo_bin_cmd!("factlint")
                        .current_dir(dir.path())
                        .env_remove("NO_COLOR")
                        .args(&args[1..])
                        .output()
                        .expect("factlint runs");
                    let shown = format!(
                        "{}{}",
                        String::from_utf8_lossy(&output.stderr),
                        String::from_utf8_lossy(&output.stdout)
                    );
                    assert_ne!(output.status.code(), Some(2), "{line}:\n{shown}");
                    last = Some((line.to_owned(), shown));
                    commands += 1;
                }
            }
            ["text"] => {
                let (line, shown) = last.take().expect("a command before the output");
                assert_eq!(shown, block.body, "the output of `{line}`");
                compared += 1;
            }
            ["yaml"] => {
                let first = block.body.lines().next().unwrap_or_default();
                let path = first
                    .strip_prefix("# ")
                    .expect("a yaml block starts with `# path`");
                std::fs::write(dir.path().join(path), &block.body).expect("write");
            }
            ["markdown", file] => {
                let path = file.strip_prefix("file=").expect("markdown file=PATH");
                let path = dir.path().join(path);
                std::fs::create_dir_all(path.parent().expect("folder")).expect("folders");
                std::fs::write(path, &block.body).expect("write");
            }
            other => panic!("a block the tutorial test does not know: {other:?}"),
        }
    }
    assert!(
        commands >= 7 && compared >= 6,
        "{commands} commands, {compared} outputs"
    );
    // The fixes were written: the draft now has the source's figures.
    let draft = std::fs::read_to_string(dir.path().join("drafts/library.md")).unwrap();
    assert!(
        draft.contains("$4.5 million") && draft.contains("six reading rooms"),
        "{draft}"
    );
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"factlint init --name "Riverside Library" x"#),
        ["factlint", "init", "--name", "Riverside Library", "x"]
    );
}
