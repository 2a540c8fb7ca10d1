//! Extended attributes copied to the rewritten file (Linux). Best effort: an attribute the
//! process may not set (`security.*` without privilege, a file system without xattrs) is
//! skipped with a warning, never a reason to leave a secret in place.

#[cfg(target_os = "linux")]
pub fn copy(src: &std::fs::File, dst: &std::fs::File) {
    use std::os::fd::AsRawFd;
    let (s, d) = (src.as_raw_fd(), dst.as_raw_fd());
    // SAFETY: the fds are open for the duration of the calls; the buffers are sized by the
    // lengths passed.
    unsafe {
        let n = libc::flistxattr(s, std::ptr::null_mut(), 0);
        if n <= 0 {
            return;
        }
        let mut names = vec![0u8; n as usize];
        let n = libc::flistxattr(s, names.as_mut_ptr().cast(), names.len());
        if n <= 0 {
            return;
        }
        names.truncate(n as usize);
        for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            let Ok(cname) = std::ffi::CString::new(name) else {
                continue;
            };
            let len = libc::fgetxattr(s, cname.as_ptr(), std::ptr::null_mut(), 0);
            if len < 0 {
                continue;
            }
            let mut val = vec![0u8; len as usize];
            let len = libc::fgetxattr(s, cname.as_ptr(), val.as_mut_ptr().cast(), val.len());
            if len < 0 {
                continue;
            }
            if libc::fsetxattr(d, cname.as_ptr(), val.as_ptr().cast(), len as usize, 0) != 0 {
                crate::warn(&format!(
                    "extended attribute {} not kept: {}",
                    String::from_utf8_lossy(name).escape_debug(),
                    std::io::Error::last_os_error()
                ));
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn copy(_: &std::fs::File, _: &std::fs::File) {}
