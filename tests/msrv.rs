//! The declared minimum Rust version is true of the locked dependencies:
//! `rust-version` in Cargo.toml is at least every locked crate's own, so
//! `cargo install --locked` works on the version the README names. Building
//! with that toolchain itself is the stronger check; this one needs no other
//! toolchain, and fails as soon as a lock-file update raises the minimum.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `1.88`, `1.88.0` → (1, 88, 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.trim().split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|e| panic!("`{text}` is not a Rust version: {e}"))
    });
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

fn metadata() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata --locked failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn versions_are_compared_as_numbers() {
    assert_eq!(version("1.88"), (1, 88, 0));
    assert!(version("1.88") >= version("1.88.0"));
    assert!(version("1.100") > version("1.88"));
    assert!(version("1.9") < version("1.88"));
}

#[test]
fn the_declared_rust_version_covers_every_locked_dependency() {
    let metadata = metadata();
    let packages = metadata["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|p| p["name"] == "factlint")
        .expect("the factlint package");
    let declared = ours["rust_version"]
        .as_str()
        .expect("Cargo.toml declares a rust-version");
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(declared)).then(|| {
                format!(
                    "{} {} needs Rust {needs}",
                    p["name"].as_str().unwrap_or("?"),
                    p["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "rust-version = \"{declared}\" in Cargo.toml, but:\n{}\nraise rust-version (and the README's) to the highest",
        too_new.join("\n")
    );
    // The minimum is the real one, not merely a safe one: some locked crate
    // needs exactly it.
    let highest = packages
        .iter()
        .filter_map(|p| p["rust_version"].as_str())
        .map(version)
        .max()
        .expect("some crate declares a rust-version");
    assert_eq!(
        version(declared),
        highest,
        "rust-version = \"{declared}\" is higher than any locked crate needs"
    );
}

#[test]
fn the_readme_names_the_declared_rust_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("a rust-version line")
        .trim_matches('"');
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let phrase = format!("Rust {declared} or later");
    assert!(readme.contains(&phrase), "README.md must say \"{phrase}\"");
}
