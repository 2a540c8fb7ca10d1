//! Sensitive key names: the defaults, and matching that ignores case and separators; personal
//! keys (`email`, `dob`, `address`...), whose values are personal data of a given type.

use crate::marker;
use crate::span::Label;

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

/// The built-in personal keys: `[[type]] id = "..." keys = [...]` (see the file's comments).
pub(crate) const PERSONAL_KEYS_TOML: &str = include_str!("../../keys/personal-keys.toml");

/// The types of the built-in personal keys and their keys, in file order.
///
/// # Panics
/// Never on the embedded file (a unit test parses it).
pub(crate) fn builtin_personal_keys() -> Vec<(crate::Category, String, Vec<String>)> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(rename = "type")]
        types: Vec<Type>,
    }
    #[derive(serde::Deserialize)]
    struct Type {
        id: String,
        /// `pii` unless said otherwise (`name` for person names: off with the names switch).
        #[serde(default = "pii")]
        category: crate::Category,
        keys: Vec<String>,
    }
    fn pii() -> crate::Category {
        crate::Category::Pii
    }
    let f: File = toml::from_str(PERSONAL_KEYS_TOML).expect("keys/personal-keys.toml parses");
    f.types
        .into_iter()
        .map(|t| (t.category, t.id, t.keys))
        .collect()
}

/// What the value of a personal key must look like, by type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum ValueShape {
    /// A letter or a digit somewhere.
    #[default]
    Any,
    /// `postal-address`: a letter and a space (`address: 0.0.0.0:8080` is a listen address).
    Address,
    /// `person-name-key`: what the `person-name-value` validator accepts (one to five words of
    /// letters, not `unknown`, `anonymous` or a placeholder).
    PersonName,
}

impl ValueShape {
    /// The shape of a personal-key type's values, by type id.
    pub(crate) fn of(type_id: &str) -> ValueShape {
        match type_id {
            "postal-address" => ValueShape::Address,
            "person-name-key" => ValueShape::PersonName,
            _ => ValueShape::Any,
        }
    }
}

/// What the value of a matched key is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// A secret: replaced whatever it holds, labelled `sensitive-key`.
    Secret,
    /// Personal data of the personal-key type with this index.
    Personal(u16),
}

impl KeyKind {
    /// The label of a value under this key.
    pub(crate) fn label(self) -> Label {
        match self {
            KeyKind::Secret => Label::SensitiveKey,
            KeyKind::Personal(t) => Label::PersonalKey(t),
        }
    }
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
    /// Personal keys (whole keys, normalized) by length, with their type.
    personal: Vec<Vec<(Box<[u8]>, u16)>>,
    /// Which personal types stand in the values they are found in (see [`KeySet::value_fits`]).
    shapes: Vec<ValueShape>,
}

fn normalize(k: &str) -> Vec<u8> {
    k.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

impl KeySet {
    pub(crate) fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> KeySet {
        KeySet::with_personal(keys, &[])
    }

    /// Sensitive keys, and personal keys as (type index, key, whether the type is a postal
    /// address).
    pub(crate) fn with_personal<'a>(
        keys: impl IntoIterator<Item = &'a str>,
        personal: &[(u16, &str, ValueShape)],
    ) -> KeySet {
        let mut ks = KeySet::default();
        for &(t, k, shape) in personal {
            let n = normalize(k);
            if n.is_empty() {
                continue;
            }
            if ks.personal.len() <= n.len() {
                ks.personal.resize(n.len() + 1, Vec::new());
            }
            if !ks.personal[n.len()].iter().any(|(p, _)| **p == *n) {
                ks.personal[n.len()].push((n.into_boxed_slice(), t));
            }
            let t = usize::from(t);
            if ks.shapes.len() <= t {
                ks.shapes.resize(t + 1, ValueShape::Any);
            }
            ks.shapes[t] = shape;
        }
        for k in keys {
            let n = normalize(k);
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
        let personal = ks.personal.iter().flatten().map(|(k, _)| k);
        for k in ks.by_len.iter().flatten().chain(personal) {
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

    /// True if `key` (raw bytes) is sensitive or personal: see [`KeySet::kind`].
    #[inline]
    pub(crate) fn matches(&self, key: &[u8]) -> bool {
        self.kind(key).is_some()
    }

    /// Whether `value`, found under a key of `kind`, is replaced: always for secrets; personal
    /// values hold a letter or digit, and postal addresses a letter and a space (`address:
    /// 0.0.0.0:8080` is a listen address).
    pub(crate) fn value_fits(&self, kind: KeyKind, value: &[u8]) -> bool {
        let KeyKind::Personal(t) = kind else {
            return true;
        };
        if !value.iter().any(u8::is_ascii_alphanumeric) {
            return false;
        }
        if matches!(value, b"null" | b"true" | b"false" | b"-" | b"n/a" | b"N/A") {
            return false;
        }
        // A value that holds a marker was redacted before: a rule found part of it and took
        // that part alone (`email=\xA8ann@example.com` gives `email=\xA8[REDACTED:email]`).
        // Replacing the whole value on a second pass would break idempotence (fuzz target
        // `structured`).
        if crate::marker::contains_marker(value) {
            return false;
        }
        match self
            .shapes
            .get(usize::from(t))
            .copied()
            .unwrap_or(ValueShape::Any)
        {
            ValueShape::Any => true,
            ValueShape::Address => {
                value.iter().any(u8::is_ascii_alphabetic) && value.contains(&b' ')
            }
            ValueShape::PersonName => crate::validators::person_name_value(value),
        }
    }

    /// What `key` (raw bytes) is: personal when its whole normalized form is a personal key;
    /// secret when its normalized form, or the normalized form of its last words, is a
    /// sensitive key. Words break at non-alphanumerics and at a lower-case letter followed by
    /// an upper-case one.
    pub(crate) fn kind(&self, key: &[u8]) -> Option<KeyKind> {
        if !self.may_match(key) {
            return None;
        }
        // A key that already holds a marker was rewritten by an earlier redaction: its words
        // now come from the marker (`pwd=[REDACTED:generic-password]`), not from the writer.
        if marker::contains_marker(key) {
            return None;
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
                return self.matches_long(key).then_some(KeyKind::Secret);
            }
            if new_word {
                if ns == starts.len() {
                    return self.matches_long(key).then_some(KeyKind::Secret);
                }
                starts[ns] = n;
                ns += 1;
                new_word = false;
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
            prev = b;
        }
        if let Some(t) = self.personal_type(&buf[..n]) {
            return Some(KeyKind::Personal(t));
        }
        starts[..ns]
            .iter()
            .any(|&s| self.contains(&buf[s..n]))
            .then_some(KeyKind::Secret)
    }

    fn personal_type(&self, normalized: &[u8]) -> Option<u16> {
        self.personal
            .get(normalized.len())?
            .iter()
            .find(|(k, _)| **k == *normalized)
            .map(|&(_, t)| t)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> KeySet {
        let types = builtin_personal_keys();
        let personal: Vec<(u16, &str, ValueShape)> = types
            .iter()
            .enumerate()
            .flat_map(|(i, (_, id, keys))| {
                keys.iter()
                    .map(move |k| (i as u16, k.as_str(), ValueShape::of(id)))
            })
            .collect();
        KeySet::with_personal(DEFAULT_SENSITIVE_KEYS.iter().copied(), &personal)
    }

    fn type_of(ks: &KeySet, key: &str) -> Option<String> {
        let types = builtin_personal_keys();
        ks.kind(key.as_bytes()).map(|k| match k {
            KeyKind::Secret => "secret".to_string(),
            KeyKind::Personal(t) => types[usize::from(t)].1.clone(),
        })
    }

    #[test]
    fn personal_keys_match_whole_keys_and_secret_keys_their_last_words() {
        let ks = set();
        assert_eq!(type_of(&ks, "email").as_deref(), Some("email"));
        assert_eq!(type_of(&ks, "E-Mail").as_deref(), Some("email"));
        assert_eq!(type_of(&ks, "birthDate").as_deref(), Some("date-of-birth"));
        assert_eq!(
            type_of(&ks, "STREET_ADDRESS").as_deref(),
            Some("postal-address")
        );
        assert_eq!(type_of(&ks, "zipCode").as_deref(), Some("postal-code"));
        // `ssn` is both: the personal type wins.
        assert_eq!(type_of(&ks, "ssn").as_deref(), Some("us-ssn"));
        assert_eq!(type_of(&ks, "db_password").as_deref(), Some("secret"));
        assert_eq!(type_of(&ks, "bind_address"), None);
        assert_eq!(type_of(&ks, "email_enabled"), None);
        assert_eq!(type_of(&ks, "ipsum"), None);
    }

    #[test]
    fn personal_values_need_content_and_addresses_words() {
        let ks = set();
        let kind = |k: &str| ks.kind(k.as_bytes()).unwrap();
        assert!(ks.value_fits(kind("address"), b"1664 Harbour Road, Lyon"));
        assert!(!ks.value_fits(kind("address"), b"0.0.0.0:8080"));
        assert!(!ks.value_fits(kind("email"), b"-"));
        assert!(!ks.value_fits(kind("phone"), b"null"));
        assert!(ks.value_fits(kind("dob"), b"1983-11-15"));
        assert!(ks.value_fits(kind("password"), b"-"));
        // person-name-key values: names, not `unknown` or placeholders.
        assert!(ks.value_fits(kind("full_name"), b"Kwame Okafor"));
        assert!(ks.value_fits(kind("cardholder"), b"sofia l."));
        assert!(!ks.value_fits(kind("display_name"), b"unknown"));
        assert!(!ks.value_fits(kind("first_name"), b"<first name>"));
        assert!(!ks.value_fits(kind("last_name"), b"user_42"));
        // Redacted before (a rule took part of the value): stays as it is.
        assert!(!ks.value_fits(kind("email"), b"\xA8[REDACTED:email]"));
        assert!(!ks.value_fits(kind("address"), b"12 [REDACTED:email] Road"));
    }
}
