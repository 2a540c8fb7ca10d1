//! File names in messages: one line whatever the name holds. Control characters and bytes
//! that are not UTF-8 are escaped (`\n`, `\x1b`, `\xff`); other names print as they are.

use std::fmt::Write;
use std::path::Path;

pub fn path(p: &Path) -> String {
    bytes(p.as_os_str().as_encoded_bytes())
}

fn bytes(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() || c == '\\' {
                s.extend(c.escape_debug());
            } else {
                s.push(c);
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(s, "\\x{byte:02x}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_stay_on_one_line() {
        assert_eq!(super::bytes(b"a/b.log"), "a/b.log");
        assert_eq!(super::bytes(b"a\nb\x1b\xffc"), "a\\nb\\u{1b}\\xffc");
        assert_eq!(super::bytes("é\\".as_bytes()), "é\\\\");
    }
}
