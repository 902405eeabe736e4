//! Finding the inputs: files, folders walked like ripgrep walks them, globs, stdin.
//! (Interim version; replaced by the full walker.)

use std::path::{Path, PathBuf};

use super::Markup;

pub enum Input {
    Stdin,
    File { path: PathBuf, markup: Markup },
}

pub fn inputs(paths: &[PathBuf]) -> Vec<Result<Input, String>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if p.is_dir() {
            let mut files: Vec<PathBuf> = ignore::Walk::new(p)
                .filter_map(Result::ok)
                .map(|e| e.into_path())
                .filter(|f| f.is_file() && Markup::from_path(f).is_some())
                .collect();
            files.sort();
            for f in files {
                let markup = Markup::from_path(&f).unwrap_or(Markup::Text);
                out.push(Ok(Input::File { path: f, markup }));
            }
        } else if p.is_file() {
            let markup = Markup::from_path(p).unwrap_or(Markup::Text);
            out.push(Ok(Input::File {
                path: p.clone(),
                markup,
            }));
        } else {
            out.push(Err(format!("{}: No such file or directory", p.display())));
        }
    }
    out
}

pub fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    decode(bytes)
}

pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err("binary file, skipped".to_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
