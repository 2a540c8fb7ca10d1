//! Process start on unix, in place of the standard library's: it would quietly put /dev/null
//! on a closed stdin, stdout or stderr, and a closed stdout (`>&-`) would then swallow all
//! output with exit 0. Here the closed descriptors are noted, then filled with /dev/null (so
//! that no file opened later takes number 1), and SIGPIPE is ignored as the standard library
//! does, so that a closed pipe is an EPIPE error, which ends the run quietly.

#![cfg(all(unix, not(test)))]

use std::ffi::{CStr, OsString};
use std::os::unix::ffi::OsStrExt;

/// # Safety
/// Called by the C runtime with its `argc` and `argv`.
#[no_mangle]
pub unsafe extern "C" fn main(argc: libc::c_int, argv: *const *const libc::c_char) -> libc::c_int {
    let mut closed = [false; 3];
    for (fd, c) in closed.iter_mut().enumerate() {
        // SAFETY: F_GETFD only queries the descriptor.
        if unsafe { libc::fcntl(fd as libc::c_int, libc::F_GETFD) } == -1 {
            *c = true;
            // The lowest free number is `fd` (the lower ones are open by now): /dev/null takes it.
            // SAFETY: a valid C string.
            unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        }
    }
    // SAFETY: setting a signal disposition at start-up, before any thread exists.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let args: Vec<OsString> = (1..argc.max(0) as usize)
        .map(|i| {
            // SAFETY: the C runtime gives `argc` valid, NUL-terminated strings.
            let s = unsafe { CStr::from_ptr(*argv.add(i)) };
            std::ffi::OsStr::from_bytes(s.to_bytes()).to_owned()
        })
        .collect();
    crate::real_main(args, closed[1]) as libc::c_int
}
