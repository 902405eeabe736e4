//! Writing files whole or not at all: fixed drafts, reports and baselines.
//!
//! The new bytes go to a temporary file in the same folder, which takes the
//! old file's permissions, owner and group and is renamed over it, so that a
//! reader sees the old file or the new one, never a part, and a full disk
//! leaves the old file as it was. A temporary file is removed when the
//! process is interrupted (SIGINT, SIGTERM, SIGHUP) while it exists.
//!
//! A draft is replaced only if it still holds the bytes the fixes were made
//! from. Where the system can swap two files at once (Linux), the new file is
//! swapped in and the old one, now under the temporary name, compared once
//! more: an editor's save at any moment before the swap is found there and
//! swapped back, so it is never lost.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use crate::source::walk::io_message;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is no longer what was read and checked.
    #[error("the file changed since it was read; left as it is")]
    Changed,
    /// Renaming over a read-only file would succeed; its owner meant it not
    /// to change.
    #[error("the file is read-only; left as it is")]
    ReadOnly,
    /// The folder takes no new file, so nothing can be written atomically.
    #[error("cannot create a temporary file in {}: {}; left as it is", .folder.display(), io_message(.error))]
    Folder { folder: PathBuf, error: io::Error },
    /// The new file could not take the old one's owner and group.
    #[error("cannot keep the file's owner and group: {}; left as it is", io_message(.0))]
    Owner(io::Error),
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
}

/// What a caller should tell the user about a write that succeeded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Warnings, such as a hard link that now points to the old text.
    pub warnings: Vec<String>,
}

/// Writes `bytes` to `path` atomically: the file at `path` is the old one or
/// the new one, never a part, and stays as it was if the write fails. A path
/// that is not a regular file (`/dev/stdout`, a pipe) is written to directly.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Written, WriteError> {
    replace(path, bytes, None, &|| {})
}

/// Replaces the file at `path` by `new` if it still holds `read` (the bytes
/// the fixes were made from); see the module documentation.
pub fn write_if_unchanged(path: &Path, read: &[u8], new: &[u8]) -> Result<Written, WriteError> {
    replace(path, new, Some(read), &|| {})
}

/// The common part of the writes; `before_swap` runs just before the new
/// file takes the old one's place (tests use it to save meanwhile).
pub(crate) fn replace(
    path: &Path,
    new: &[u8],
    expected: Option<&[u8]>,
    before_swap: &dyn Fn(),
) -> Result<Written, WriteError> {
    let mut written = Written::default();
    // Through a symbolic link, the file it points to is the one to replace.
    let target = match fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) if e.kind() == io::ErrorKind::NotFound && expected.is_none() => {
            // a new file; its folder must exist
            let folder = parent(path);
            fs::canonicalize(folder)?.join(path.file_name().unwrap_or(path.as_os_str()))
        }
        Err(e) => return Err(e.into()),
    };
    let meta = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound && expected.is_none() => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &meta {
        if !meta.is_file() {
            if expected.is_some() {
                return Err(io::Error::other("not a regular file").into());
            }
            // a device or a pipe: there is nothing to rename over
            let mut file = fs::OpenOptions::new().write(true).open(&target)?;
            file.write_all(new)?;
            file.flush()?;
            return Ok(written);
        }
        if let Some(read) = expected {
            if fs::read(&target)? != read {
                return Err(WriteError::Changed);
            }
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly);
        }
        if let Some(links) = hard_links(meta).filter(|&n| n > 1) {
            written.warnings.push(format!(
                "the file has {links} hard links; the others still hold the old text"
            ));
        }
    }
    let folder = parent(&target);
    let (temp, _guard) = Registered::create_in(folder)?;
    (&mut temp.as_file()).write_all(new)?;
    temp.as_file().sync_all()?;
    if let Some(meta) = &meta {
        fs::set_permissions(temp.path(), meta.permissions())?;
        keep_owner(temp.as_file(), meta)?;
    }
    let Some(read) = expected else {
        temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
        return Ok(written);
    };
    // Compared again after the new file is written: an editor may have
    // saved meanwhile.
    if fs::read(&target)? != read {
        return Err(WriteError::Changed);
    }
    before_swap();
    match exchange(temp.path(), &target) {
        Ok(()) => {
            // The old file is now under the temporary name: whatever was
            // saved before the swap is there.
            let old = fs::read(temp.path());
            if old.as_deref().ok() != Some(read) {
                if let Err(e) = exchange(temp.path(), &target) {
                    // the saved text must not go with the temporary file
                    let kept = temp.keep().map(|(_, p)| p).unwrap_or_default();
                    return Err(WriteError::Io(io::Error::other(format!(
                        "the file changed while it was fixed and could not be put back ({}); the changed file is kept as {}",
                        io_message(&e),
                        kept.display()
                    ))));
                }
                return Err(WriteError::Changed);
            }
            // dropping `temp` removes the old file
            Ok(written)
        }
        Err(_) => {
            // No atomic swap here: the last look is as late as possible.
            if fs::read(&target)? != read {
                return Err(WriteError::Changed);
            }
            temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
            Ok(written)
        }
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.nlink())
}

#[cfg(not(unix))]
fn hard_links(_meta: &fs::Metadata) -> Option<u64> {
    None
}

/// Gives the new file the old one's owner and group, as far as they differ
/// from those it was created with.
#[cfg(unix)]
fn keep_owner(file: &fs::File, old: &fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let new = file.metadata()?;
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return Ok(());
    }
    let uid = (new.uid() != old.uid()).then_some(old.uid());
    let gid = (new.gid() != old.gid()).then_some(old.gid());
    std::os::unix::fs::fchown(file, uid, gid).map_err(WriteError::Owner)
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _old: &fs::Metadata) -> Result<(), WriteError> {
    Ok(())
}

/// Swaps the files at `a` and `b` at once.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Temporary files that exist now, removed if the process is interrupted.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Keeps a temporary file's path in [`TEMPORARIES`] while it lives.
struct Registered(PathBuf);

impl Registered {
    /// Creates a temporary file in `folder`, registered before an interrupt
    /// can see it: the handler is installed first, and the list stays locked
    /// from the file's creation until its path is in it, so a handler that
    /// runs meanwhile waits for the path and removes the file.
    fn create_in(folder: &Path) -> Result<(tempfile::NamedTempFile, Registered), WriteError> {
        on_interrupt_remove_temporaries();
        let mut list = TEMPORARIES.lock().ok();
        let temp = tempfile::Builder::new()
            .prefix(".factlint-fix-")
            .tempfile_in(folder)
            .map_err(|error| WriteError::Folder {
                folder: folder.to_path_buf(),
                error,
            })?;
        let path = temp.path().to_path_buf();
        if let Some(list) = list.as_mut() {
            list.push(path.clone());
        }
        Ok((temp, Registered(path)))
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut list) = TEMPORARIES.lock() {
            list.retain(|p| p != &self.0);
        }
    }
}

/// Removes the temporary files that exist now; returns how many it removed.
fn remove_temporaries() -> usize {
    TEMPORARIES.lock().map_or(0, |list| remove_all(&list))
}

fn remove_all(list: &[PathBuf]) -> usize {
    list.iter().filter(|p| fs::remove_file(p).is_ok()).count()
}

/// Installs, once, a handler that removes the temporary files and exits
/// as an interrupted process does (130).
fn on_interrupt_remove_temporaries() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        // Without a handler an interrupt still leaves the files as they were;
        // only a temporary one may be left over.
        let _ = ctrlc::set_handler(|| {
            remove_temporaries();
            std::process::exit(130);
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_touched() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        fs::write(&path, "edited meanwhile")?;
        let err = write_if_unchanged(&path, b"as read", b"fixed").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
        assert_eq!(fs::read_to_string(&path)?, "edited meanwhile");
        let leftovers = fs::read_dir(dir.path())?.count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        Ok(())
    }

    #[test]
    fn a_save_just_before_the_swap_is_kept() -> Result<(), Box<dyn std::error::Error>> {
        // finding 5: an editor saves after the last comparison
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        // in place, as some editors save
        fs::write(&path, "as read")?;
        let err = replace(&path, b"fixed", Some(b"as read"), &|| {
            let _ = fs::write(&path, "saved meanwhile");
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read_to_string(&path)?, "saved meanwhile");
        // by renaming a new file over it, as others do
        fs::write(&path, "as read")?;
        let saved = dir.path().join("d.md~");
        let err = replace(&path, b"fixed", Some(b"as read"), &|| {
            let _ = fs::write(&saved, "renamed meanwhile");
            let _ = fs::rename(&saved, &path);
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read_to_string(&path)?, "renamed meanwhile");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1, "no file left behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_links_are_kept() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        fs::write(&path, "old")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&path, &link)?;
        write_if_unchanged(&link, b"old", b"new")?;
        assert_eq!(fs::read_to_string(&path)?, "new");
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn owner_and_group_are_kept_and_a_hard_link_is_warned_of(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::MetadataExt;
        // finding 6
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.md");
        fs::write(&path, "old")?;
        let ours = fs::metadata(&path)?;
        // Only root can give a file away; others keep their own ids, which
        // must be kept all the same.
        let (uid, gid) = if ours.uid() == 0 {
            std::os::unix::fs::chown(&path, Some(1234), Some(5678))?;
            (1234, 5678)
        } else {
            (ours.uid(), ours.gid())
        };
        let linked = dir.path().join("linked.md");
        fs::hard_link(&path, &linked)?;
        let written = write_if_unchanged(&path, b"old", b"new")?;
        let meta = fs::metadata(&path)?;
        assert_eq!((meta.uid(), meta.gid()), (uid, gid));
        assert_eq!(
            written.warnings,
            ["the file has 2 hard links; the others still hold the old text"]
        );
        assert_eq!(fs::read_to_string(&linked)?, "old");
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one(
    ) -> Result<(), Box<dyn std::error::Error>> {
        // finding 4: /dev/full stands for a full disk
        let full = Path::new("/dev/full");
        if full.exists() {
            let mut file = tempfile::tempfile()?;
            assert!(file.write_all(b"x").is_ok(), "a normal file takes bytes");
            assert!(write_atomic(full, &[b'x'; 100_000]).is_err());
        }
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("report.json");
        fs::write(&path, "old report")?;
        write_atomic(&path, b"new report")?;
        assert_eq!(fs::read_to_string(&path)?, "new report");
        write_atomic(&dir.path().join("new.json"), b"first")?;
        assert_eq!(fs::read_to_string(dir.path().join("new.json"))?, "first");
        assert_eq!(fs::read_dir(dir.path())?.count(), 2);
        Ok(())
    }

    #[test]
    fn an_interrupt_removes_the_temporary_files() -> Result<(), Box<dyn std::error::Error>> {
        // finding 9: what the interrupt handler does
        let dir = tempfile::tempdir()?;
        let (file, guard) = Registered::create_in(dir.path())?;
        let temp = file.path().to_path_buf();
        fs::write(&temp, "partial")?;
        let registered = TEMPORARIES.lock().map(|l| l.clone()).unwrap_or_default();
        assert!(registered.contains(&temp));
        assert_eq!(remove_all(std::slice::from_ref(&temp)), 1);
        assert!(!temp.exists());
        drop(guard);
        assert!(TEMPORARIES
            .lock()
            .map(|l| !l.contains(&temp))
            .unwrap_or(false));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_named_in_the_error() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt;
        // finding 18
        let dir = tempfile::tempdir()?;
        let folder = dir.path().join("ro");
        fs::create_dir(&folder)?;
        let path = folder.join("d.md");
        fs::write(&path, "old")?;
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555))?;
        let result = write_if_unchanged(&path, b"old", b"new");
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755))?;
        let shown = WriteError::Folder {
            folder: folder.clone(),
            error: io::Error::from(io::ErrorKind::PermissionDenied),
        }
        .to_string();
        assert_eq!(
            shown,
            format!(
                "cannot create a temporary file in {}: permission denied; left as it is",
                folder.display()
            )
        );
        // root writes anywhere
        if let Err(err) = result {
            let message = err.to_string();
            assert!(
                message.starts_with("cannot create a temporary file in ")
                    && message.contains("/ro: "),
                "{message}"
            );
            assert_eq!(fs::read_to_string(&path)?, "old");
        } else {
            assert_eq!(fs::read_to_string(&path)?, "new");
        }
        Ok(())
    }
}
