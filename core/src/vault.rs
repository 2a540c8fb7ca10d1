//! Reversible placeholders: the LLM round trip.
//!
//! [`Redactor::redact_reversible`](crate::Redactor::redact_reversible) replaces each distinct
//! value with a numbered placeholder such as `<EMAIL_1>` or `<AWS_ACCESS_KEY_ID_2>` and records
//! it in a [`Vault`]; [`Vault::restore`] puts the originals back into a model's answer.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

/// The placeholders given out in a session (a conversation) and the values they stand for.
///
/// - The same value always gets the same placeholder, whichever rule found it.
/// - The type in a placeholder is the rule id upper-cased, `-` turned into `_`
///   (`<AWS_ACCESS_KEY_ID_1>`, `<SENSITIVE_KEY_1>` for values of sensitive keys).
/// - Numbers count per type from 1, across every call that uses the same vault.
/// - **Collisions.** Text that already holds a placeholder-shaped token (`<EMAIL_1>`) that this
///   vault did not give out keeps it as it is, and the vault reserves that name: it never gives
///   it out, so [`restore`](Self::restore) leaves it alone. Placeholder-shaped tokens are never
///   replaced by a later redaction with the same vault (redacting the output again changes
///   nothing).
///
/// A vault holds the secrets it replaced: store it as carefully as the original text.
///
/// # Example
/// ```
/// let r = redactum::Redactor::new()?;
/// let mut vault = redactum::Vault::new();
/// let safe = r.redact_reversible("mail ann@example.com or bob@example.org", &mut vault);
/// assert_eq!(safe, "mail <EMAIL_1> or <EMAIL_2>");
/// let answer = "Write to <EMAIL_2>, cc <EMAIL_1> and <EMAIL_2>.";
/// assert_eq!(vault.restore(answer), "Write to bob@example.org, cc ann@example.com and bob@example.org.");
/// let saved = vault.to_json();
/// assert_eq!(redactum::Vault::from_json(&saved)?.restore("<EMAIL_1>"), "ann@example.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Vault {
    entries: Vec<Entry>,
    by_value: HashMap<String, usize>,
    by_placeholder: HashMap<String, usize>,
    /// Highest number used or reserved, per type.
    last: HashMap<String, u64>,
    reserved: BTreeSet<String>,
}

/// One placeholder and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `<EMAIL_1>`.
    pub placeholder: String,
    /// The original text.
    pub value: String,
    /// The rule that found it first.
    pub rule: String,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    entries: Vec<Entry>,
    #[serde(default)]
    reserved: Vec<String>,
}

/// A saved vault that cannot be loaded.
#[derive(Debug)]
pub struct VaultError(String);

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid vault: {}", self.0)
    }
}

impl std::error::Error for VaultError {}

/// The type part of a placeholder for a rule id: `aws-access-key-id` gives `AWS_ACCESS_KEY_ID`.
pub fn placeholder_type(rule_id: &str) -> String {
    let t: String = rule_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    match t.chars().next() {
        Some(c) if c.is_ascii_uppercase() => t,
        _ => format!("X{t}"),
    }
}

/// Splits `<TYPE_N>` into (`TYPE`, N).
fn split(placeholder: &str) -> Option<(&str, u64)> {
    let body = placeholder.strip_prefix('<')?.strip_suffix('>')?;
    let (t, n) = body.rsplit_once('_')?;
    Some((t, n.parse().ok()?))
}

impl Vault {
    /// An empty vault.
    pub fn new() -> Vault {
        Vault::default()
    }

    /// Number of placeholders given out.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if no placeholder was given out.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The placeholders, in the order they were given out.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The value of a placeholder.
    pub fn get(&self, placeholder: &str) -> Option<&str> {
        self.by_placeholder
            .get(placeholder)
            .map(|&i| self.entries[i].value.as_str())
    }

    /// The placeholder of a value, if it has one.
    pub fn placeholder_of(&self, value: &str) -> Option<&str> {
        self.by_value
            .get(value)
            .map(|&i| self.entries[i].placeholder.as_str())
    }

    /// Names that are never given out because the redacted text already held them.
    pub fn reserved(&self) -> impl Iterator<Item = &str> {
        self.reserved.iter().map(String::as_str)
    }

    /// Marks a placeholder-shaped name as taken without a value (see the collision policy).
    pub fn reserve(&mut self, placeholder: &str) {
        if self.by_placeholder.contains_key(placeholder) || self.reserved.contains(placeholder) {
            return;
        }
        if let Some((t, n)) = split(placeholder) {
            let l = self.last.entry(t.to_string()).or_default();
            *l = (*l).max(n);
        }
        self.reserved.insert(placeholder.to_string());
    }

    /// The placeholder for `value` found by `rule_id`: its existing one, or a new one.
    pub fn assign(&mut self, rule_id: &str, value: &str) -> &str {
        if let Some(&i) = self.by_value.get(value) {
            return &self.entries[i].placeholder;
        }
        let t = placeholder_type(rule_id);
        let n = self.last.entry(t.clone()).or_default();
        let placeholder = loop {
            // Past the largest number, on from 0: a reserved `<EMAIL_18446744073709551615>`
            // (typed by a user) leaves the numbers before it free.
            *n = n.wrapping_add(1);
            let p = format!("<{t}_{n}>");
            if !self.reserved.contains(&p) && !self.by_placeholder.contains_key(&p) {
                break p;
            }
        };
        self.insert(Entry {
            placeholder,
            value: value.to_string(),
            rule: rule_id.to_string(),
        })
    }

    fn insert(&mut self, e: Entry) -> &str {
        let i = self.entries.len();
        if let Some((t, n)) = split(&e.placeholder) {
            let l = self.last.entry(t.to_string()).or_default();
            *l = (*l).max(n);
        }
        self.by_value.insert(e.value.clone(), i);
        self.by_placeholder.insert(e.placeholder.clone(), i);
        self.entries.push(e);
        &self.entries[i].placeholder
    }

    /// Puts the original values back wherever, and however often, the placeholders of this
    /// vault appear. Other text, unknown placeholders included, is unchanged.
    pub fn restore(&self, text: &str) -> String {
        if self.entries.is_empty() || !text.contains('<') {
            return text.to_string();
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(self.entries.iter().map(|e| e.placeholder.as_str()))
            .expect("placeholders are short literals");
        let mut out = String::with_capacity(text.len());
        ac.replace_all_with(text, &mut out, |m, _, dst| {
            dst.push_str(&self.entries[m.pattern().as_usize()].value);
            true
        });
        out
    }

    /// Adds the placeholders of `other` (for example the vault of a later turn, or one loaded
    /// from storage). A value this vault already knows keeps its placeholder here; a new value
    /// keeps its placeholder if this vault does not use that name yet, and otherwise gets the
    /// next free number of its type. Returns the placeholders of `other` that were renamed
    /// (old name to new name): text written with `other`'s names needs them applied before
    /// [`restore`](Self::restore).
    ///
    /// Known limit: a name that `other` reserved (the user typed `<EMAIL_1>` in text redacted
    /// with `other`) but this vault gave out for a value stays this vault's; restoring
    /// `other`'s text with this vault then fills in that value. Restore a text with the vault
    /// that redacted it, or merge before redacting.
    pub fn merge(&mut self, other: &Vault) -> BTreeMap<String, String> {
        let mut renamed = BTreeMap::new();
        for e in &other.entries {
            let new = if let Some(p) = self.placeholder_of(&e.value) {
                p.to_string()
            } else if !self.by_placeholder.contains_key(&e.placeholder)
                && !self.reserved.contains(&e.placeholder)
            {
                self.insert(e.clone()).to_string()
            } else {
                self.assign(&e.rule, &e.value).to_string()
            };
            if new != e.placeholder {
                renamed.insert(e.placeholder.clone(), new);
            }
        }
        for r in &other.reserved {
            if !self.by_placeholder.contains_key(r) {
                self.reserve(r);
            }
        }
        renamed
    }

    /// The vault as JSON: `{"version":1,"entries":[{"placeholder":..,"value":..,"rule":..}],
    /// "reserved":[..]}`.
    pub fn to_json(&self) -> String {
        let saved = Saved {
            version: 1,
            entries: self.entries.clone(),
            reserved: self.reserved.iter().cloned().collect(),
        };
        serde_json::to_string(&saved).expect("a vault always serializes")
    }

    /// Loads a vault saved by [`to_json`](Self::to_json).
    ///
    /// # Errors
    /// Invalid JSON, an unknown version, or two entries with the same placeholder or value.
    pub fn from_json(json: &str) -> Result<Vault, VaultError> {
        let saved: Saved = serde_json::from_str(json).map_err(|e| VaultError(e.to_string()))?;
        if saved.version != 1 {
            return Err(VaultError(format!("unknown version {}", saved.version)));
        }
        // A name `restore` would look for must be a placeholder (an empty one matches
        // everywhere, and the value would be written at every place of the text).
        let well_formed = |p: &str| placeholder_at(p.as_bytes(), 0) == Some(p.len());
        let mut v = Vault::new();
        for e in saved.entries {
            if !well_formed(&e.placeholder) {
                return Err(VaultError(format!(
                    "entry {:?} is not a placeholder (`<TYPE_N>`: `<`, upper-case letters, digits \
                     and `_`, `_` and digits, `>`)",
                    e.placeholder
                )));
            }
            if v.by_placeholder.contains_key(&e.placeholder) || v.by_value.contains_key(&e.value) {
                return Err(VaultError(format!("duplicate entry {}", e.placeholder)));
            }
            v.insert(e);
        }
        for r in saved.reserved {
            if !well_formed(&r) {
                return Err(VaultError(format!(
                    "reserved name {r:?} is not a placeholder (`<TYPE_N>`)"
                )));
            }
            v.reserve(&r);
        }
        Ok(v)
    }

    pub(crate) fn knows(&self, placeholder: &str) -> bool {
        self.by_placeholder.contains_key(placeholder)
    }
}
/// If a placeholder (`<NAME_1>`: `<`, an upper-case letter, upper-case letters, digits and
/// `_`, then `_` and digits, then `>`) starts at `s[i]`, its end.
pub(crate) fn placeholder_at(s: &[u8], i: usize) -> Option<usize> {
    if s.get(i) != Some(&b'<') || !s.get(i + 1).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let n = s[i + 1..]
        .iter()
        .take(200)
        .take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        .count();
    let body = &s[i + 1..i + 1 + n];
    if s.get(i + 1 + n) != Some(&b'>') {
        return None;
    }
    let digits = body.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits + 1 >= body.len() || body[body.len() - digits - 1] != b'_' {
        return None;
    }
    Some(i + 2 + n)
}

/// Every placeholder-shaped token in `s`.
pub(crate) fn placeholders_in(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'<', &s[from..]) {
        let i = from + k;
        match placeholder_at(s, i) {
            Some(e) => {
                out.push((i, e));
                from = e;
            }
            None => from = i + 1,
        }
    }
    out
}
