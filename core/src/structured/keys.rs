//! Sensitive key names: the defaults, and matching that ignores case and separators.

use crate::marker;

/// The default sensitive keys. Matching ignores case and separators, and a key also matches
/// when its last words are a sensitive key: `apiKey`, `API-KEY`, `x-api-key` and `db_password`
/// all match.
pub const DEFAULT_SENSITIVE_KEYS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "authorization",
    "cookie",
    "set-cookie",
    "private_key",
    "client_secret",
    "ssn",
];

/// Extra sensitive names for URL query parameters (signed URLs, API keys in URLs).
pub const QUERY_SENSITIVE_KEYS: &[&str] = &["sig", "signature", "key", "code", "access_token"];

pub(super) fn query_keys() -> &'static KeySet {
    static KEYS: std::sync::OnceLock<KeySet> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| KeySet::new(QUERY_SENSITIVE_KEYS.iter().copied()))
}

/// Sensitive key names, normalized (lower-case ASCII letters and digits only).
#[derive(Clone, Debug, Default)]
pub(crate) struct KeySet {
    /// The normalized keys by length (`by_len[n]` holds the keys of `n` bytes): most keys of a
    /// line are rejected by their length or first byte, without hashing.
    by_len: Vec<Vec<Box<[u8]>>>,
    longest: usize,
    /// The last two bytes of every normalized key, as bits of a 64 Ki-bit map (`None` when a
    /// key is a single byte): a key that does not end so cannot match, whatever its words.
    tails: Option<Box<[u64; 1024]>>,
}

impl KeySet {
    pub(crate) fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> KeySet {
        let mut ks = KeySet::default();
        for k in keys {
            let n: Vec<u8> = k
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            if !n.is_empty() {
                ks.longest = ks.longest.max(n.len());
                if ks.by_len.len() <= n.len() {
                    ks.by_len.resize(n.len() + 1, Vec::new());
                }
                if !ks.by_len[n.len()].iter().any(|k| **k == *n) {
                    ks.by_len[n.len()].push(n.into_boxed_slice());
                }
            }
        }
        let mut tails = Box::new([0u64; 1024]);
        let mut all_long = true;
        for k in ks.by_len.iter().flatten() {
            match k[..] {
                [.., a, b] => {
                    let i = usize::from(a) << 8 | usize::from(b);
                    tails[i / 64] |= 1 << (i % 64);
                }
                _ => all_long = false,
            }
        }
        ks.tails = all_long.then_some(tails);
        ks
    }

    /// False when the key's last two letters or digits (lower-cased) end no sensitive key:
    /// most keys of a JSON line are rejected here, before any normalization.
    #[inline]
    fn may_match(&self, key: &[u8]) -> bool {
        let Some(tails) = &self.tails else {
            return true;
        };
        let mut last = key
            .iter()
            .rev()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(|b| b.to_ascii_lowercase());
        match (last.next(), last.next()) {
            (Some(b), Some(a)) => {
                let i = usize::from(a) << 8 | usize::from(b);
                tails[i / 64] & (1 << (i % 64)) != 0
            }
            // Fewer than two: only a key of that length could match; let the full test say.
            _ => true,
        }
    }

    /// True if `key` (raw bytes) is sensitive: its normalized form, or the normalized form of
    /// its last words, is in the set. Words break at non-alphanumerics and at a lower-case
    /// letter followed by an upper-case one.
    pub(crate) fn matches(&self, key: &[u8]) -> bool {
        if !self.may_match(key) {
            return false;
        }
        // A key that already holds a marker was rewritten by an earlier redaction: its words
        // now come from the marker (`pwd=[REDACTED:generic-password]`), not from the writer.
        if marker::contains_marker(key) {
            return false;
        }
        let mut buf = [0u8; 96];
        let mut starts = [0usize; 24];
        let (mut n, mut ns) = (0usize, 0usize);
        let mut prev: u8 = 0;
        let mut new_word = true;
        for &b in key {
            if !b.is_ascii_alphanumeric() {
                new_word = true;
                prev = b;
                continue;
            }
            if prev.is_ascii_lowercase() && b.is_ascii_uppercase() {
                new_word = true;
            }
            if n == buf.len() {
                // Keep the tail: sensitive words are at the end.
                return self.matches_long(key);
            }
            if new_word {
                if ns == starts.len() {
                    return self.matches_long(key);
                }
                starts[ns] = n;
                ns += 1;
                new_word = false;
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
            prev = b;
        }
        starts[..ns].iter().any(|&s| self.contains(&buf[s..n]))
    }

    /// True if `normalized` is one of the keys.
    #[inline]
    fn contains(&self, normalized: &[u8]) -> bool {
        self.by_len
            .get(normalized.len())
            .is_some_and(|keys| keys.iter().any(|k| **k == *normalized))
    }

    fn matches_long(&self, key: &[u8]) -> bool {
        let mut buf = Vec::new();
        let mut starts = Vec::new();
        let mut prev: u8 = 0;
        let mut new_word = true;
        for &b in key {
            if !b.is_ascii_alphanumeric() {
                new_word = true;
                prev = b;
                continue;
            }
            if (prev.is_ascii_lowercase() && b.is_ascii_uppercase()) || new_word {
                starts.push(buf.len());
                new_word = false;
            }
            buf.push(b.to_ascii_lowercase());
            prev = b;
        }
        starts.iter().any(|&s| self.contains(&buf[s..]))
    }
}
