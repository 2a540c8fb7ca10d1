//! `--in-place`: redact into a temporary file beside the file, then rename it over the file.
//!
//! - Readers see the old file or the new one, never a half-written file (rename is atomic).
//! - A symbolic link is followed: its target is rewritten, the link stays a link.
//! - Owner, group and mode are copied to the new file before anything is written to it; if
//!   the owner cannot be kept (not root), the file is left as it was, with an error.
//! - A file with nothing to redact is not rewritten: same inode, same mtime.
//! - A file that changes while it is read (size, mtime or inode) is left as it was, with an
//!   error: nothing appended by a concurrent writer is lost.
//! - Hard links: the rename gives the named path a new inode; other names of the old inode
//!   keep the old content. A warning says so.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use redactum::{Redactor, StreamFinding, StreamStats};

use crate::error::CliError;
use crate::{show, signals};

pub fn redact_in_place<R: FnOnce(File) -> Box<dyn io::Read + 'static>>(
    redactor: &Redactor,
    path: &Path,
    wrap: R,
    sink: &mut dyn FnMut(&StreamFinding),
) -> Result<StreamStats, CliError> {
    let ferr = |e: io::Error| CliError::file(path, e);
    // The file to rewrite: a symlink's final target, so that the link itself survives.
    let target: PathBuf = if std::fs::symlink_metadata(path).map_err(ferr)?.is_symlink() {
        std::fs::canonicalize(path).map_err(ferr)?
    } else {
        path.to_path_buf()
    };
    let input = File::open(&target).map_err(ferr)?;
    let before = input.metadata().map_err(ferr)?;
    if !before.is_file() {
        return Err(CliError::msg(format!(
            "{}: not a regular file, cannot be replaced in place",
            show::path(path)
        )));
    }
    warn_hard_links(path, &before);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| CliError::file(dir, e))?;
    let _registered = signals::TempGuard::new(tmp.path());
    lock(tmp.as_file());
    keep_owner_and_mode(tmp.as_file(), &input, &before).map_err(ferr)?;
    let mut w = Counting {
        inner: BufWriter::with_capacity(256 << 10, tmp),
        written: 0,
    };
    let stats = redactor
        .stream_redact_with(wrap(input.try_clone().map_err(ferr)?), &mut w, sink)
        .map_err(|e| CliError::stream(path, Some(&target), e))?;
    let written = w.written;
    let tmp = w.inner.into_inner().map_err(|e| ferr(e.into_error()))?;
    let unchanged = stats.findings == 0 && written == stats.bytes_read;
    if !unchanged {
        // Before the check, so that the window between check and rename is as short as can be.
        tmp.as_file().sync_all().map_err(ferr)?;
    }
    // The file as read must still be the file at the path, unchanged.
    let now_fd = input.metadata().map_err(ferr)?;
    let now_path = std::fs::metadata(&target).map_err(ferr)?;
    if changed(&before, &now_fd) || changed(&before, &now_path) || stats.bytes_read != before.len()
    {
        return Err(CliError::msg(format!(
            "{}: changed while being redacted (written to or replaced): left as it was",
            show::path(path)
        )));
    }
    if unchanged {
        // Nothing to redact: the temporary file is dropped, the original untouched.
        return Ok(stats);
    }
    tmp.persist(&target)
        .map_err(|e| CliError::file(path, e.error))?;
    Ok(stats)
}

/// The prefix of the temporary files.
const TEMP_PREFIX: &str = ".redactum-";

/// True for a name of the form of this module's temporary files.
pub fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(TEMP_PREFIX.as_bytes())
}

/// A temporary file is locked (`flock`) while its run writes it; the lock goes with the
/// process, however it ends, so an unlocked one was left by a run that is over.
#[cfg(unix)]
fn lock(f: &File) {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on an open descriptor.
    unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
}

#[cfg(not(unix))]
fn lock(_: &File) {}

/// Whether a temporary file is locked by a live run; `None` if that cannot be told.
#[cfg(unix)]
pub fn temp_in_use(p: &Path) -> Option<bool> {
    use std::os::fd::AsRawFd;
    let f = File::open(p).ok()?;
    // SAFETY: flock on an open descriptor; the lock, if taken, goes with `f`.
    let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) };
    Some(r != 0)
}

#[cfg(not(unix))]
pub fn temp_in_use(_: &Path) -> Option<bool> {
    None
}

/// Counts the bytes written, to tell an untouched file from a rewritten one.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(unix)]
fn changed(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino(), a.len(), a.mtime(), a.mtime_nsec())
        != (b.dev(), b.ino(), b.len(), b.mtime(), b.mtime_nsec())
}

#[cfg(not(unix))]
fn changed(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    (a.len(), a.modified().ok()) != (b.len(), b.modified().ok())
}

#[cfg(unix)]
fn keep_owner_and_mode(tmp: &File, src: &File, orig: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mine = tmp.metadata()?;
    if (mine.uid(), mine.gid()) != (orig.uid(), orig.gid()) {
        std::os::unix::fs::fchown(tmp, Some(orig.uid()), Some(orig.gid())).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot keep the owner and group ({e}): left as it was"),
            )
        })?;
    }
    // After chown, which clears set-id bits.
    tmp.set_permissions(std::fs::Permissions::from_mode(orig.mode() & 0o7777))?;
    crate::xattr::copy(src, tmp);
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(tmp: &File, _src: &File, orig: &std::fs::Metadata) -> io::Result<()> {
    tmp.set_permissions(orig.permissions())
}

#[cfg(unix)]
fn warn_hard_links(path: &Path, m: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    if m.nlink() > 1 {
        crate::warn(&format!(
            "{} has {} hard links: only this name gets the redacted content, the other names keep the original",
            show::path(path),
            m.nlink()
        ));
    }
}

#[cfg(not(unix))]
fn warn_hard_links(_: &Path, _: &std::fs::Metadata) {}
