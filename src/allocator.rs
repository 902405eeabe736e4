//! The process's allocator: mimalloc, with transparent huge pages only for a
//! run that reads a large file.
//!
//! A 1 MB draft about the subject touches some 30 MB of memory (its tokens,
//! mentions and claims): with 4 KiB pages that is about 8,000 page faults,
//! a quarter of its CPU time in the kernel; with 2 MiB pages it is a few
//! hundred. Huge pages cost memory where allocations are spread thin,
//! though: a folder of 20,000 small drafts peaks at more than twice the RSS
//! with them, and a small draft takes longer (each page is zeroed whole).
//! So they are kept only when one of the first arguments names a regular
//! file of at least [`LARGE_FILE`] bytes.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The least size of a file that a run reads with huge pages.
#[cfg(target_os = "linux")]
const LARGE_FILE: u64 = 512 << 10;

/// How many arguments are looked at: a command line of thousands of paths
/// (a shell's glob) is many small drafts, and is not worth a `stat` each.
#[cfg(target_os = "linux")]
const ARGUMENTS_LOOKED_AT: usize = 16;

/// Turns huge pages off for the process unless the command line names a
/// large file. mimalloc asks for them (`madvise`) on the memory it maps,
/// before `main` already; the kernel gives them only to a process that has
/// not disabled them, at each later fault. Elsewhere than on Linux, nothing.
pub fn choose_pages() {
    #[cfg(target_os = "linux")]
    if !names_large_file(std::env::args_os().skip(1)) {
        // SAFETY: sets a flag of this process; no memory is touched.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

/// Whether one of the first [`ARGUMENTS_LOOKED_AT`] arguments names a
/// regular file of at least [`LARGE_FILE`] bytes.
#[cfg(target_os = "linux")]
fn names_large_file(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    args.take(ARGUMENTS_LOOKED_AT)
        .any(|arg| std::fs::metadata(arg).is_ok_and(|m| m.is_file() && m.len() >= LARGE_FILE))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn only_a_regular_file_of_the_size_is_large() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let small = dir.path().join("small.md");
        std::fs::write(&small, vec![b'a'; LARGE_FILE as usize - 1]).expect("written");
        let large = dir.path().join("large.md");
        std::fs::write(&large, vec![b'a'; LARGE_FILE as usize]).expect("written");
        let args = |paths: &[&std::path::Path]| {
            let mut args: Vec<OsString> = vec!["check".into(), "--format".into(), "jsonl".into()];
            args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
            args.into_iter()
        };
        assert!(!names_large_file(args(&[&small])));
        assert!(names_large_file(args(&[&small, &large])));
        assert!(!names_large_file(args(&[dir.path()])));
        assert!(!names_large_file(args(&[&dir.path().join("missing.md")])));
        // only the first arguments are looked at
        let many: Vec<&std::path::Path> = std::iter::repeat_n(small.as_path(), ARGUMENTS_LOOKED_AT)
            .chain([large.as_path()])
            .collect();
        assert!(!names_large_file(args(&many)));
    }
}
