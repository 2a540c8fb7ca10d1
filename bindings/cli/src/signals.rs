//! SIGINT, SIGTERM and SIGHUP during `--in-place`: the temporary files being written are
//! removed before the process ends by that signal, so an interrupted run leaves the originals and nothing
//! else. (SIGKILL cannot be caught: a `.redactum-*` file may then remain beside the file.)
//!
//! The signals are blocked in every thread and taken by one thread with `sigwait`, so the
//! clean-up runs as ordinary code, not in a signal handler.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static TEMPS: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// Registers a temporary file for removal on a signal while the guard lives.
pub struct TempGuard(PathBuf);

impl TempGuard {
    pub fn new(p: &Path) -> TempGuard {
        if let Ok(mut t) = TEMPS.lock() {
            t.get_or_insert_with(HashSet::new).insert(p.to_path_buf());
        }
        TempGuard(p.to_path_buf())
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Ok(mut t) = TEMPS.lock() {
            if let Some(set) = t.as_mut() {
                set.remove(&self.0);
            }
        }
    }
}

/// Starts the signal thread. Call before any other thread exists (the mask is inherited).
#[cfg(unix)]
pub fn install() {
    // SAFETY: plain libc calls on a local, zeroed sigset.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, s);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let set_copy = set;
        let set = SigSet(set);
        let spawned = std::thread::Builder::new()
            .name("redactum-signals".into())
            .spawn(move || {
                let set = set;
                let mut sig: libc::c_int = 0;
                if libc::sigwait(&set.0, &mut sig) != 0 {
                    return;
                }
                // Held to the end: no worker registers or renames past this point.
                let guard = TEMPS.lock();
                if let Ok(g) = &guard {
                    for p in g.iter().flatten() {
                        let _ = std::fs::remove_file(p);
                    }
                }
                // Die of the signal itself, as the parent expects.
                libc::signal(sig, libc::SIG_DFL);
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &set.0, std::ptr::null_mut());
                libc::raise(sig);
                libc::_exit(128 + sig);
            });
        if spawned.is_err() {
            // Nobody would take the signals: give them back their default action.
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set_copy, std::ptr::null_mut());
        }
    }
}

#[cfg(unix)]
struct SigSet(libc::sigset_t);
// SAFETY: a sigset_t is plain data.
#[cfg(unix)]
unsafe impl Send for SigSet {}

#[cfg(not(unix))]
pub fn install() {}
