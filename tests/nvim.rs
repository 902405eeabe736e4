//! A real editor: Neovim, configured with nothing but the README's snippet
//! (tests/nvim/init.lua), opens a draft, shows factlint's diagnostics and
//! applies its quick fixes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const DRAFT: &str = "# Moscow – Tehran: a pact for the long run\n\
\n\
Iran’s president flew in 🛬 and signed the 25-year pact with Russia on 17 January 2025.\n\
The treaty has 45 articles and contains no mutual defense clause.\n";

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the `CI` variable says this is a CI run, as CI services set it
/// (`true`, or `1`); unset, empty, `false` or `0` mean a developer's machine.
fn in_ci(value: Option<&std::ffi::OsStr>) -> bool {
    value
        .and_then(|v| v.to_str())
        .is_some_and(|v| !matches!(v.trim().to_ascii_lowercase().as_str(), "" | "false" | "0"))
}

#[test]
fn ci_is_recognised_from_the_ci_variable() {
    use std::ffi::OsStr;
    for (value, expected) in [
        (None, false),
        (Some(""), false),
        (Some("false"), false),
        (Some("0"), false),
        (Some("true"), true),
        (Some("1"), true),
        (Some("TRUE"), true),
    ] {
        assert_eq!(in_ci(value.map(OsStr::new)), expected, "CI={value:?}");
    }
}

/// The Neovim test run on its own, as a child process of this test binary,
/// with a PATH where no `nvim` is found; stdout and stderr together.
fn run_without_nvim(ci: Option<&str>) -> (bool, String) {
    let empty = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args([
        "neovim_shows_diagnostics_and_applies_the_fixes",
        "--exact",
        "--nocapture",
    ])
    .env("PATH", empty.path());
    match ci {
        Some(value) => cmd.env("CI", value),
        None => cmd.env_remove("CI"),
    };
    let output = cmd.output().expect("the test binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn without_nvim_the_test_fails_in_ci_and_says_it_was_skipped_elsewhere() {
    let (passed, text) = run_without_nvim(Some("true"));
    assert!(!passed, "passed under CI=true without nvim:\n{text}");
    assert!(
        text.contains("`nvim` is not installed, and CI is set"),
        "{text}"
    );
    let (passed, text) = run_without_nvim(None);
    assert!(passed, "{text}");
    assert!(text.contains("SKIPPED: `nvim` is not installed"), "{text}");
}

#[test]
fn the_readme_snippet_is_the_tested_config() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).expect("README");
    let init = std::fs::read_to_string(repo.join("tests/nvim/init.lua")).expect("init.lua");
    assert!(
        readme.contains(&format!("```lua\n{init}```")),
        "README.md must show tests/nvim/init.lua verbatim in a ```lua block"
    );
}

#[test]
fn neovim_shows_diagnostics_and_applies_the_fixes() {
    if !nvim_available() {
        // In CI (.ci/run installs Neovim) a missing editor is a broken
        // setup, not a reason to pass; elsewhere the skip is said out loud.
        assert!(
            !in_ci(std::env::var_os("CI").as_deref()),
            "`nvim` is not installed, and CI is set: .ci/run installs Neovim, so the Neovim test must run"
        );
        eprintln!(
            "SKIPPED: `nvim` is not installed (.ci/run installs it); the Neovim test did not run"
        );
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("draft.md");
    std::fs::write(&draft, DRAFT).expect("write draft");
    let out = dir.path().join("seen.txt");
    // The snippet starts `factlint` from PATH, as it would for a user.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_factlint"))
        .parent()
        .expect("binary folder")
        .to_owned();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(repo.join("tests/nvim/init.lua"))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            repo.join("tests/nvim/check.lua").display()
        ))
        .arg("draft.md")
        .current_dir(dir.path())
        .env("PATH", path)
        .env("FACTLINT_NVIM_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish in time");
        }
        thread::sleep(Duration::from_millis(50));
    };
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success(), "nvim failed ({status}); it saw:\n{seen}");
    // Neovim counts columns in bytes: the UTF-16 positions factlint sent
    // (43 on line 2) came back as byte 47, past "’" and the emoji.
    assert_eq!(
        seen,
        "open 2:47-2:54 factlint ru-ir-treaty/term \"25-year\" contradicts the source, which says 20-year\n\
         open 3:15-3:26 factlint ru-ir-treaty/article-count \"45 articles\" contradicts the source, which says 47 articles\n\
         action Replace \"25-year\" with \"20-year\"\n\
         action Replace \"45 articles\" with \"47 articles\"\n\
         line # Moscow – Tehran: a pact for the long run\n\
         line \n\
         line Iran’s president flew in 🛬 and signed the 20-year pact with Russia on 17 January 2025.\n\
         line The treaty has 47 articles and contains no mutual defense clause.\n\
         fixed\n"
    );
}
