//! Finding the inputs: files, folders walked like ripgrep walks them, globs, stdin.
//!
//! The rules, meant to hold no surprises:
//!
//! - A file named on the command line is always read, even if it is hidden,
//!   ignored or of a type factlint does not know (then it is plain text):
//!   naming it is asking for it.
//! - A folder is walked as ripgrep walks it: hidden files and folders are
//!   skipped, and so is whatever `.ignore` files exclude and, inside a git
//!   repository, `.gitignore` and git's exclude files. Only files whose
//!   extension has a reader ([`Markup::from_path`]) are taken, so images and
//!   office files next to the drafts are passed over silently.
//! - An argument with `*`, `?`, `[` or `{` that does not exist as written is
//!   a glob, expanded by factlint itself so it works on shells that do not
//!   expand (or when quoted): `*` and `?` stay within a folder, `**` crosses
//!   folders. The folder before the first wildcard is walked with the rules
//!   above, except that every matching file is taken as if it had been
//!   named. A glob that matches nothing is an error, as a typo should not
//!   pass silently.
//! - `-` is standard input.
//! - A path that cannot be read is an error entry in its place; the other
//!   arguments are still walked.
//!
//! Within an argument, inputs come sorted by path; arguments keep their order.
//! A file reached twice (named twice, or inside a folder also named) is
//! listed once, where it first appears.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use ignore::WalkBuilder;

use super::Markup;

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file, with the reader for it.
    File { path: PathBuf, markup: Markup },
    /// Standard input, named `-`. The caller reads it (see [`decode`]) and
    /// chooses its markup.
    Stdin,
}

/// How folders and globs are walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Skip what `.ignore` files, and inside a git repository `.gitignore`
    /// and git's exclude files, exclude. On by default.
    pub respect_ignore: bool,
    /// Take hidden files and folders (names starting with `.`) too. Off by
    /// default.
    pub hidden: bool,
    /// Follow symbolic links found inside folders. Off by default, as in
    /// ripgrep; a link named on the command line is always followed.
    pub follow_links: bool,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            respect_ignore: true,
            hidden: false,
            follow_links: false,
        }
    }
}

/// A path that could not be walked, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct WalkError {
    /// The path as the user wrote it, or as found inside a folder.
    pub path: PathBuf,
    pub message: String,
}

/// The most bytes read from one draft (a file or standard input): 64 MiB.
pub const MAX_DRAFT_BYTES: u64 = 64 << 20;
/// The most bytes read from one rule file: 16 MiB.
pub const MAX_RULE_FILE_BYTES: u64 = 16 << 20;
/// The most bytes read from a configuration file: 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// The most bytes read from a baseline file: 64 MiB.
pub const MAX_BASELINE_BYTES: u64 = 64 << 20;

/// Why an input's bytes are not text factlint can read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
    /// A FIFO, a device, a socket or a folder: reading one may never end.
    #[error("not a regular file ({0}); only files and standard input (`-`) are read")]
    NotRegular(&'static str),
    /// A symbolic link whose target does not exist.
    #[error("a symbolic link to a file that does not exist")]
    Dangling,
    /// Past the documented maximum for its kind of input.
    #[error("larger than {} MiB, the most factlint reads from {what}", .limit >> 20)]
    TooLarge { limit: u64, what: &'static str },
    #[error("UTF-32 text is not supported; save the file as UTF-8")]
    Utf32,
    /// A NUL byte near the start: an image, a PDF, a word-processor file.
    #[error("binary file, skipped")]
    Binary,
    #[error("UTF-16 text is not supported; save the file as UTF-8")]
    Utf16,
    #[error(
        "not valid UTF-8: invalid byte sequence at byte {offset} (line {line}); \
         save the file as UTF-8"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
}

/// How far into a file to look for a NUL byte, as git and ripgrep do.
const BINARY_PROBE: usize = 8 * 1024;

/// The inputs that `paths` name, in order, with an error entry for each path
/// that could not be walked. See the module documentation for the rules.
pub fn inputs(paths: &[PathBuf], opts: &WalkOptions) -> Vec<Result<Input, WalkError>> {
    inputs_with(paths, opts, &Markup::from_path)
}

/// [`inputs`], with the reader of each file chosen by `markup_for` instead
/// of [`Markup::from_path`] (a project's configuration can map more file
/// names to readers). Folder walks take the files it gives a reader.
pub fn inputs_with(
    paths: &[PathBuf],
    opts: &WalkOptions,
    markup_for: &dyn Fn(&Path) -> Option<Markup>,
) -> Vec<Result<Input, WalkError>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        for entry in expand(path, opts, markup_for) {
            if let Ok(input) = &entry {
                if !seen.insert(dedup_key(input)) {
                    continue;
                }
            }
            out.push(entry);
        }
    }
    out
}

/// Reads a file's text. The bytes are kept exactly, a byte order mark
/// included, as diagnostics point at byte offsets into them; the readers
/// treat U+FEFF as white space.
pub fn read_input(path: &Path) -> Result<String, ReadError> {
    decode(read_capped(path, MAX_DRAFT_BYTES, "a draft")?)
}

/// Reads standard input, up to [`MAX_DRAFT_BYTES`].
pub fn read_stdin() -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    take_capped(io::stdin().lock(), MAX_DRAFT_BYTES, "a draft", &mut bytes)?;
    decode(bytes)
}

/// Reads the regular file at `path`, at most `limit` bytes of it (`what` it
/// is names the limit in the error). Anything else, a FIFO or a device
/// (`/dev/zero`), is refused without reading, as is a dangling symbolic link;
/// the file is opened without blocking, so that even a FIFO cannot hold the
/// run up.
pub fn read_capped(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() => {
            return Err(ReadError::Dangling)
        }
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
            return Err(ReadError::NotRegular("a folder"))
        }
        Err(e) => return Err(e.into()),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    take_capped(file, limit, what, &mut bytes)?;
    Ok(bytes)
}

/// Reads `from` to its end into `bytes`, failing past `limit` bytes.
fn take_capped(
    from: impl io::Read,
    limit: u64,
    what: &'static str,
    bytes: &mut Vec<u8>,
) -> Result<(), ReadError> {
    use io::Read as _;
    from.take(limit.saturating_add(1)).read_to_end(bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    Ok(())
}

/// What kind of thing other than a regular file `meta` describes.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Checks that bytes (from a file or standard input) are UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    // UTF-32 first: its little-endian mark begins as UTF-16's does.
    if bytes.starts_with(&[0xff, 0xfe, 0, 0]) || bytes.starts_with(&[0, 0, 0xfe, 0xff]) {
        return Err(ReadError::Utf32);
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(ReadError::Utf16);
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Err(ReadError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        ReadError::NotUtf8 { offset, line }
    })
}

/// The inputs of one argument.
fn expand(
    path: &Path,
    opts: &WalkOptions,
    markup_for: &dyn Fn(&Path) -> Option<Markup>,
) -> Vec<Result<Input, WalkError>> {
    if path.as_os_str() == "-" {
        return vec![Ok(Input::Stdin)];
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => walk(path, opts, None, markup_for),
        Ok(_) => vec![Ok(Input::File {
            path: path.to_owned(),
            markup: markup_for(path).unwrap_or(Markup::Text),
        })],
        Err(err) => match path.to_str() {
            Some(pattern) if err.kind() == io::ErrorKind::NotFound && is_glob(pattern) => {
                expand_glob(pattern, opts, markup_for)
            }
            _ => vec![Err(WalkError {
                path: path.to_owned(),
                message: io_message(&err),
            })],
        },
    }
}

fn is_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

/// A glob, with the folder to walk for it.
struct Pattern {
    matcher: GlobMatcher,
    /// The folder before the first wildcard; `None` for the current folder
    /// when the pattern has no folder part.
    base: Option<PathBuf>,
    /// How deep below `base` matches can be, unless `**` allows any depth.
    max_depth: Option<usize>,
    /// Whether a wildcard part starts with `.`, as in `.*.md`: asking for
    /// hidden files, which walks skip otherwise.
    hidden: bool,
}

fn expand_glob(
    pattern: &str,
    opts: &WalkOptions,
    markup_for: &dyn Fn(&Path) -> Option<Markup>,
) -> Vec<Result<Input, WalkError>> {
    let parsed = match parse_glob(pattern) {
        Ok(parsed) => parsed,
        Err(message) => {
            return vec![Err(WalkError {
                path: pattern.into(),
                message,
            })]
        }
    };
    let root = parsed.base.clone().unwrap_or_else(|| PathBuf::from("."));
    if let Err(err) = fs::metadata(&root) {
        return vec![Err(WalkError {
            path: pattern.into(),
            message: io_message(&err),
        })];
    }
    let found = walk(&root, opts, Some(&parsed), markup_for);
    if found.is_empty() {
        return vec![Err(WalkError {
            path: pattern.into(),
            message: "no files match this pattern".into(),
        })];
    }
    found
}

fn parse_glob(pattern: &str) -> Result<Pattern, String> {
    let glob = GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("invalid glob: {}", e.kind()))?;
    let mut base_end = 0;
    let mut depth = 0;
    let mut deep = false;
    let mut hidden = false;
    let mut in_base = true;
    let mut offset = 0;
    for component in pattern.split('/') {
        if in_base && is_glob(component) {
            in_base = false;
        }
        if in_base {
            base_end = offset + component.len();
        } else {
            depth += 1;
            deep |= component.contains("**");
            hidden |= component.starts_with('.');
        }
        offset += component.len() + 1;
    }
    // `/x/*.md` walks `/`, not the empty string.
    let base = match &pattern[..base_end] {
        "" if pattern.starts_with('/') => Some(PathBuf::from("/")),
        "" => None,
        base => Some(PathBuf::from(base)),
    };
    Ok(Pattern {
        matcher: glob.compile_matcher(),
        base,
        max_depth: if deep { None } else { Some(depth) },
        hidden,
    })
}

/// Walks a folder; with a pattern, takes the files it matches instead of
/// those of known types.
fn walk(
    root: &Path,
    opts: &WalkOptions,
    pattern: Option<&Pattern>,
    markup_for: &dyn Fn(&Path) -> Option<Markup>,
) -> Vec<Result<Input, WalkError>> {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(opts.respect_ignore)
        .hidden(!opts.hidden && !pattern.is_some_and(|p| p.hidden))
        .follow_links(opts.follow_links)
        .max_depth(pattern.and_then(|p| p.max_depth));
    let mut found = Vec::new();
    for entry in builder.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found.push(Err(walk_error(err, root)));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let mut path = entry.into_path();
        let markup = match pattern {
            None => match markup_for(&path) {
                Some(markup) => markup,
                None => continue,
            },
            Some(pattern) => {
                if pattern.base.is_none() {
                    // Report `a.md` for `*.md`, as the user wrote it.
                    if let Ok(relative) = path.strip_prefix(".") {
                        path = relative.to_owned();
                    }
                }
                if !pattern.matcher.is_match(&path) {
                    continue;
                }
                markup_for(&path).unwrap_or(Markup::Text)
            }
        };
        found.push(Ok(Input::File { path, markup }));
    }
    found.sort_by(|a, b| entry_path(a).cmp(entry_path(b)));
    found
}

fn entry_path(entry: &Result<Input, WalkError>) -> &Path {
    match entry {
        Ok(Input::File { path, .. }) => path,
        Ok(Input::Stdin) => Path::new("-"),
        Err(err) => &err.path,
    }
}

/// What identifies an input for removing duplicates: the file itself where
/// the file system can tell, else the path with `.` components dropped.
fn dedup_key(input: &Input) -> Option<PathBuf> {
    match input {
        Input::Stdin => None,
        Input::File { path, .. } => Some(fs::canonicalize(path).unwrap_or_else(|_| {
            path.components()
                .filter(|c| *c != Component::CurDir)
                .collect()
        })),
    }
}

fn walk_error(err: ignore::Error, path: &Path) -> WalkError {
    match err {
        ignore::Error::WithPath { path, err } => walk_error(*err, &path),
        ignore::Error::WithDepth { err, .. } => walk_error(*err, path),
        ignore::Error::WithLineNumber { line, err } => {
            let inner = walk_error(*err, path);
            WalkError {
                message: format!("line {line}: {}", inner.message),
                ..inner
            }
        }
        ignore::Error::Loop { child, .. } => WalkError {
            path: child,
            message: "file system loop found".into(),
        },
        ignore::Error::Io(err) => WalkError {
            path: path.to_owned(),
            message: io_message(&err),
        },
        err => WalkError {
            path: path.to_owned(),
            message: err.to_string(),
        },
    }
}

/// An I/O error's message without the ` (os error 2)` that only adds noise
/// next to a path.
pub(crate) fn io_message(err: &io::Error) -> String {
    let message = err.to_string();
    match message.rfind(" (os error ") {
        Some(at) if message.ends_with(')') => message[..at].to_owned(),
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tree {
        dir: tempfile::TempDir,
    }

    impl Tree {
        /// A folder with the given files; a `.git` folder makes it a
        /// repository, so that `.gitignore` applies.
        fn new(files: &[(&str, &str)]) -> Tree {
            let dir = tempfile::Builder::new()
                .prefix("factlint-walk")
                .tempdir()
                .unwrap();
            fs::create_dir(dir.path().join(".git")).unwrap();
            for (name, content) in files {
                let path = dir.path().join(name);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, content).unwrap();
            }
            Tree { dir }
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        /// Input paths relative to the tree, or error messages.
        fn walk(&self, args: &[&str], opts: &WalkOptions) -> Vec<String> {
            let args: Vec<PathBuf> = args
                .iter()
                .map(|a| if *a == "-" { a.into() } else { self.path(a) })
                .collect();
            inputs(&args, opts)
                .into_iter()
                .map(|entry| match entry {
                    Ok(Input::File { path, markup }) => format!(
                        "{} {markup:?}",
                        path.strip_prefix(self.dir.path()).unwrap().display()
                    ),
                    Ok(Input::Stdin) => "-".into(),
                    Err(err) => format!(
                        "error {}: {}",
                        err.path.strip_prefix(self.dir.path()).unwrap().display(),
                        err.message
                    ),
                })
                .collect()
        }
    }

    fn drafts() -> Tree {
        Tree::new(&[
            (".gitignore", "drafts/old.md\n"),
            ("drafts/b.md", ""),
            ("drafts/a.html", ""),
            ("drafts/old.md", ""),
            ("drafts/.hidden.md", ""),
            ("drafts/.hid/x.md", ""),
            ("drafts/photo.png", ""),
            ("drafts/notes.rst", ""),
            ("drafts/sub/c.txt", ""),
            ("drafts/sub/deep/d.markdown", ""),
            ("other/e.htm", ""),
        ])
    }

    #[test]
    fn folders_skip_ignored_hidden_and_unknown_files() {
        let tree = drafts();
        assert_eq!(
            tree.walk(&["drafts"], &WalkOptions::default()),
            [
                "drafts/a.html Html",
                "drafts/b.md Markdown",
                "drafts/sub/c.txt Text",
                "drafts/sub/deep/d.markdown Markdown"
            ]
        );
        let all = WalkOptions {
            respect_ignore: false,
            hidden: true,
            ..WalkOptions::default()
        };
        assert_eq!(
            tree.walk(&["drafts"], &all),
            [
                "drafts/.hid/x.md Markdown",
                "drafts/.hidden.md Markdown",
                "drafts/a.html Html",
                "drafts/b.md Markdown",
                "drafts/old.md Markdown",
                "drafts/sub/c.txt Text",
                "drafts/sub/deep/d.markdown Markdown"
            ]
        );
    }

    #[test]
    fn dot_ignore_files_apply_outside_git_too() {
        let tree = Tree::new(&[(".ignore", "skip.md\n"), ("skip.md", ""), ("keep.md", "")]);
        fs::remove_dir(tree.path(".git")).unwrap();
        assert_eq!(
            tree.walk(&[""], &WalkOptions::default()),
            ["keep.md Markdown"]
        );
    }

    #[test]
    fn named_files_are_always_taken() {
        let tree = drafts();
        assert_eq!(
            tree.walk(
                &["drafts/notes.rst", "drafts/old.md", "drafts/.hidden.md"],
                &WalkOptions::default()
            ),
            [
                "drafts/notes.rst Text",
                "drafts/old.md Markdown",
                "drafts/.hidden.md Markdown"
            ]
        );
    }

    #[test]
    fn globs_expand_within_and_across_folders() {
        let tree = drafts();
        let opts = WalkOptions::default();
        assert_eq!(tree.walk(&["drafts/*.md"], &opts), ["drafts/b.md Markdown"]);
        assert_eq!(
            tree.walk(&["drafts/**/*.{md,txt,markdown}"], &opts),
            [
                "drafts/b.md Markdown",
                "drafts/sub/c.txt Text",
                "drafts/sub/deep/d.markdown Markdown"
            ]
        );
        assert_eq!(
            tree.walk(&["drafts/*.rst", "*/e.ht?"], &opts),
            ["drafts/notes.rst Text", "other/e.htm Html"]
        );
        assert_eq!(
            tree.walk(&["drafts/.*.md"], &opts),
            ["drafts/.hidden.md Markdown"]
        );
    }

    #[test]
    fn globs_that_match_nothing_or_are_invalid_are_errors() {
        let tree = drafts();
        let opts = WalkOptions::default();
        assert_eq!(
            tree.walk(&["drafts/*.doc", "nowhere/*.md", "drafts/[a.md"], &opts),
            [
                "error drafts/*.doc: no files match this pattern",
                "error nowhere/*.md: No such file or directory",
                "error drafts/[a.md: invalid glob: unclosed character class; missing ']'"
            ]
        );
    }

    #[test]
    fn missing_paths_are_errors_and_the_rest_continue() {
        let tree = drafts();
        assert_eq!(
            tree.walk(&["missing.md", "other", "-"], &WalkOptions::default()),
            [
                "error missing.md: No such file or directory",
                "other/e.htm Html",
                "-"
            ]
        );
    }

    #[test]
    fn duplicates_are_listed_once_where_first_reached() {
        let tree = drafts();
        assert_eq!(
            tree.walk(
                &["drafts/b.md", "drafts", "drafts/./b.md", "-", "-"],
                &WalkOptions::default()
            ),
            [
                "drafts/b.md Markdown",
                "drafts/a.html Html",
                "drafts/sub/c.txt Text",
                "drafts/sub/deep/d.markdown Markdown",
                "-"
            ]
        );
    }

    #[test]
    fn glob_base_and_depth() {
        let parsed = parse_glob("drafts/*.md").unwrap();
        assert_eq!(parsed.base, Some(PathBuf::from("drafts")));
        assert_eq!(parsed.max_depth, Some(1));
        let parsed = parse_glob("*.md").unwrap();
        assert_eq!(parsed.base, None);
        assert!(parsed.matcher.is_match("a.md"));
        assert!(!parsed.matcher.is_match("sub/a.md"));
        let parsed = parse_glob("/srv/news/**/x?.md").unwrap();
        assert_eq!(parsed.base, Some(PathBuf::from("/srv/news")));
        assert_eq!(parsed.max_depth, None);
        assert_eq!(parse_glob("/*.md").unwrap().base, Some(PathBuf::from("/")));
    }

    #[test]
    fn reading_keeps_bytes_and_rejects_binary_and_bad_encodings() {
        let tree = Tree::new(&[]);
        let write = |name: &str, bytes: &[u8]| {
            let path = tree.path(name);
            fs::write(&path, bytes).unwrap();
            path
        };
        let bom = write("bom.md", "\u{feff}# Title\r\n".as_bytes());
        assert_eq!(read_input(&bom).unwrap(), "\u{feff}# Title\r\n");

        let png = write("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert_eq!(
            read_input(&png).unwrap_err().to_string(),
            "binary file, skipped"
        );

        let latin1 = write("latin1.txt", b"ok\nline two caf\xe9\n");
        assert_eq!(
            read_input(&latin1).unwrap_err().to_string(),
            "not valid UTF-8: invalid byte sequence at byte 15 (line 2); save the file as UTF-8"
        );

        let utf16 = write("utf16.txt", b"\xff\xfeh\0i\0");
        assert!(matches!(read_input(&utf16), Err(ReadError::Utf16)));

        let missing = read_input(&tree.path("missing.txt")).unwrap_err();
        assert_eq!(missing.to_string(), "No such file or directory");

        // A NUL past the probe is not taken for a binary file; it is text.
        let mut late = vec![b'a'; BINARY_PROBE];
        late.push(0);
        assert!(decode(late).is_ok());
    }
}
