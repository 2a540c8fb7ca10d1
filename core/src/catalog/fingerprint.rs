//! A fingerprint of a built-in rule file, shared by the build script (which records the
//! fingerprint of the TOML each JSON copy was made from) and the library (which reads a JSON
//! copy only when it was made from the TOML it embeds: checkouts that share a target directory
//! share the build script's output).

/// A 64-bit fingerprint of `text`: its length and eight bytes at a time, multiplied and rotated
/// (a check of which file a copy was made from, not a cryptographic hash).
pub fn fingerprint(text: &[u8]) -> u64 {
    let mut h = (text.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for chunk in text.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(0x0000_0100_0000_01B3)
            .rotate_left(29);
    }
    h
}
