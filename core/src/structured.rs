//! Structured log lines: JSON lines, logfmt / `key=value`, HTTP header dumps and URL query
//! parameters.
//!
//! Structured handling is per line. A line is classified (see [`Format`]); consecutive text
//! lines form a run that goes through the ordinary engine as one input (so multiline rules such
//! as PEM keys still work inside it), and each structured line is handled on its own:
//!
//! - every finding of the ordinary rules on the raw line is kept, so a structured line is never
//!   redacted less than in text mode;
//! - JSON strings written with escapes are decoded and scanned again, and findings in the
//!   decoded text map back to the escaped source (a finding touching part of an escape covers
//!   the whole escape);
//! - the value of a sensitive key is replaced whatever it contains, as a finding of the
//!   pseudo-rule `sensitive-key` (category secret).
//!
//! JSON lines are rewritten in place: key order, spacing and every untouched byte stay as they
//! were; replacements inside strings are JSON-escaped, and a replaced number, `true`, `false`,
//! `null`, object or array becomes a JSON string holding the replacement
//! (`{"token": 123}` gives `{"token": "[REDACTED:sensitive-key]"}`), so the line stays valid
//! JSON.

use std::collections::HashSet;

use crate::redact::Redactor;
use crate::scan::{Component, Marks};
use crate::vault::Vault;

/// The rule index of the `sensitive-key` pseudo-rule.
pub(crate) const SENSITIVE_RULE: u32 = u32::MAX - 1;

/// The id of the pseudo-rule for values of sensitive keys.
pub const SENSITIVE_KEY_RULE: &str = "sensitive-key";

/// Lines longer than this (without their newline) are always text: a structured line is held
/// whole in memory, and a streaming redactor must stay bounded.
pub(crate) const MAX_STRUCTURED_LINE: usize = 1 << 20;

/// Text lines are handed to the text redactor in batches of about this many bytes (or at the
/// end of each pushed chunk), not one by one.
const TEXT_BATCH: usize = 1 << 20;

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

fn query_keys() -> &'static KeySet {
    static KEYS: std::sync::OnceLock<KeySet> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| KeySet::new(QUERY_SENSITIVE_KEYS.iter().copied()))
}

/// How input lines are interpreted.
///
/// Whatever the format, the output has the same lines as the input, and streaming gives the
/// same output as whole-input redaction. `find_iter`, `find_overlapping` and `is_match` read
/// their input as text whatever the format; the findings of structured lines are reported by
/// the streaming calls (`stream_redact_with`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text (the default): only the rules apply.
    #[default]
    Text,
    /// Per line: a line whose first non-blank byte is `{` or `[` and that parses as JSON is a
    /// JSON line (one that starts so but does not parse is text); a line with at least two
    /// `key=value` pairs, or an HTTP header line whose name is sensitive, is a logfmt line; any
    /// other line is text. A text line that parses as JSON once its findings are replaced (an
    /// invalid escape inside a password) is then rendered as JSON, as a second redaction would
    /// render it. A line where structure changes
    /// nothing (no sensitive key, no escaped string) comes out exactly as in text mode.
    Auto,
    /// Lines that parse as JSON are JSON lines; the others are text.
    Json,
    /// Every line is a logfmt / `key=value` line (with HTTP headers and query parameters).
    Logfmt,
}

impl Format {
    /// Parses `auto`, `text`, `json` or `logfmt`.
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "auto" => Format::Auto,
            "text" => Format::Text,
            "json" => Format::Json,
            "logfmt" => Format::Logfmt,
            _ => return None,
        })
    }
}

/// Sensitive key names, normalized (lower-case ASCII letters and digits only).
#[derive(Clone, Debug, Default)]
pub(crate) struct KeySet {
    set: HashSet<Box<[u8]>>,
    longest: usize,
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
                ks.set.insert(n.into_boxed_slice());
            }
        }
        ks
    }

    /// True if `key` (raw bytes) is sensitive: its normalized form, or the normalized form of
    /// its last words, is in the set. Words break at non-alphanumerics and at a lower-case
    /// letter followed by an upper-case one.
    pub(crate) fn matches(&self, key: &[u8]) -> bool {
        // A key that already holds a marker was rewritten by an earlier redaction: its words
        // now come from the marker (`pwd=[REDACTED:generic-password]`), not from the writer.
        if memchr::memmem::find(key, b"[REDACTED:").is_some() {
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
        starts[..ns]
            .iter()
            .any(|&s| n - s <= self.longest && self.set.contains(&buf[s..n]))
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
        starts.iter().any(|&s| self.set.contains(&buf[s..]))
    }
}

/// How one line is handled.
pub(crate) enum Plan {
    Text,
    Json(JsonLine),
    /// Byte spans (in the line) of sensitive values.
    Kv(Vec<(usize, usize)>),
}

/// Classifies a line (without its `\n`).
pub(crate) fn classify(format: Format, keys: &KeySet, line: &[u8]) -> Plan {
    if line.len() > MAX_STRUCTURED_LINE || format == Format::Text {
        return Plan::Text;
    }
    if matches!(format, Format::Auto | Format::Json) {
        let first = line.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        if let Some(i) = first {
            if line[i] == b'{' || line[i] == b'[' {
                if let Some(j) = parse_json(line, keys) {
                    return Plan::Json(j);
                }
                // Broken JSON is text, never logfmt: its redaction as text may make it JSON,
                // which `json_after_text` then renders (a second redaction would).
                return Plan::Text;
            }
        }
        if format == Format::Json {
            return Plan::Text;
        }
    }
    let mut spans = Vec::new();
    let (pairs, sensitive, header) = kv_spans(line, keys, true, &mut spans);
    if !sensitive || (format == Format::Auto && pairs < 2 && !header) {
        return Plan::Text;
    }
    Plan::Kv(spans)
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// A string; the bool says whether it holds escapes.
    Str(bool),
    /// A number, `true`, `false`, `null`, or a whole object or array under a sensitive key.
    Atom,
}

/// A token of a JSON line that can be replaced.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: usize,
    end: usize,
    kind: UnitKind,
    /// An object key.
    key: bool,
}

pub(crate) struct JsonLine {
    /// Strings (keys and values) and atoms, in order, disjoint.
    units: Vec<Unit>,
    /// Spans of sensitive values: string contents (without the quotes), or whole atoms.
    sensitive: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Value,
    /// After `{`: a key or `}`.
    KeyOrClose,
    /// After `,` in an object.
    Key,
    Colon,
    /// After `[`: a value or `]`.
    ValueOrClose,
    CommaOrClose,
    End,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A line that starts like JSON but does not parse may parse once its text findings are
/// replaced (an invalid escape inside a password value): a second redaction would then read it
/// as JSON and replace its sensitive values. Such a line is written as that second redaction
/// writes it: redacted as text, then rendered as JSON.
pub(crate) struct JsonAfterText {
    /// The text findings (in the line).
    pub comps: Vec<Component>,
    /// The line redacted as text.
    pub text: Vec<u8>,
    /// Where the replacements stand in `text`, to map positions back to the line.
    pub marks: Marks,
    pub json: JsonLine,
}

/// See [`JsonAfterText`]: `None` unless `line` (classified as text) starts with `{` or `[` and
/// its text redaction parses as JSON.
pub(crate) fn json_after_text(
    r: &Redactor,
    format: Format,
    keys: &KeySet,
    line: &[u8],
    utf8: bool,
    mut vault: Option<&mut Vault>,
) -> Option<JsonAfterText> {
    if !matches!(format, Format::Auto | Format::Json) || line.len() > MAX_STRUCTURED_LINE {
        return None;
    }
    let first = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))?;
    if line[first] != b'{' && line[first] != b'[' {
        return None;
    }
    let mut comps = r.text_comps(line, utf8);
    if comps.is_empty() {
        return None;
    }
    if vault.is_some() {
        protect_placeholders(line, &mut comps);
    }
    let mut text = Vec::with_capacity(line.len() + 32 * comps.len());
    let mut marks = Marks::default();
    let mut at = 0;
    for c in &comps {
        text.extend_from_slice(&line[at..c.start]);
        let ts = text.len();
        r.write_replacement(&line[c.start..c.end], c, vault.as_deref_mut(), &mut text);
        marks.push(ts, text.len(), c.start, c.end);
        at = c.end;
    }
    text.extend_from_slice(&line[at..]);
    let json = parse_json(&text, keys)?;
    Some(JsonAfterText {
        comps,
        text,
        marks,
        json,
    })
}

/// Parses one line as a JSON object or array, iteratively (any depth), recording the units and
/// the sensitive values. `None` if it is not JSON.
fn parse_json(s: &[u8], keys: &KeySet) -> Option<JsonLine> {
    let mut units = Vec::with_capacity(32);
    let mut sensitive = Vec::new();
    // Open containers: true for objects.
    let mut stack: Vec<bool> = Vec::with_capacity(16);
    // Depth and start of the outermost open container that is a sensitive value.
    let mut hidden: Option<(usize, usize)> = None;
    let mut pending_sensitive = false;
    let mut expect = Expect::Value;
    let mut i = 0;
    let mut key_buf = Vec::new();
    while i < s.len() {
        let b = s[i];
        if is_ws(b) {
            i += 1;
            continue;
        }
        match expect {
            Expect::End => return None,
            Expect::Colon => {
                if b != b':' {
                    return None;
                }
                i += 1;
                expect = Expect::Value;
            }
            Expect::CommaOrClose => match b {
                b',' => {
                    i += 1;
                    expect = if *stack.last()? {
                        Expect::Key
                    } else {
                        Expect::Value
                    };
                }
                b'}' | b']' => {
                    close(b, &mut stack, &mut hidden, &mut sensitive, &mut units, i)?;
                    i += 1;
                    expect = if stack.is_empty() {
                        Expect::End
                    } else {
                        Expect::CommaOrClose
                    };
                }
                _ => return None,
            },
            Expect::Key | Expect::KeyOrClose => {
                if b == b'}' && expect == Expect::KeyOrClose {
                    close(b, &mut stack, &mut hidden, &mut sensitive, &mut units, i)?;
                    i += 1;
                    expect = if stack.is_empty() {
                        Expect::End
                    } else {
                        Expect::CommaOrClose
                    };
                    continue;
                }
                if b != b'"' {
                    return None;
                }
                let (end, escaped) = scan_string(s, i)?;
                if hidden.is_none() {
                    units.push(Unit {
                        start: i,
                        end,
                        kind: UnitKind::Str(escaped),
                        key: true,
                    });
                    let raw = &s[i + 1..end - 1];
                    pending_sensitive = if escaped {
                        key_buf.clear();
                        let mut map = Vec::new();
                        decode(raw, &mut key_buf, &mut map);
                        keys.matches(&key_buf)
                    } else {
                        keys.matches(raw)
                    };
                }
                i = end;
                expect = Expect::Colon;
            }
            Expect::Value | Expect::ValueOrClose => {
                if b == b']' && expect == Expect::ValueOrClose {
                    close(b, &mut stack, &mut hidden, &mut sensitive, &mut units, i)?;
                    i += 1;
                    expect = if stack.is_empty() {
                        Expect::End
                    } else {
                        Expect::CommaOrClose
                    };
                    continue;
                }
                if stack.is_empty() && b != b'{' && b != b'[' {
                    return None;
                }
                let sens = std::mem::take(&mut pending_sensitive) && hidden.is_none();
                match b {
                    b'{' | b'[' => {
                        stack.push(b == b'{');
                        if sens {
                            hidden = Some((stack.len(), i));
                        }
                        i += 1;
                        expect = if b == b'{' {
                            Expect::KeyOrClose
                        } else {
                            Expect::ValueOrClose
                        };
                        continue;
                    }
                    b'"' => {
                        let (end, escaped) = scan_string(s, i)?;
                        if hidden.is_none() {
                            units.push(Unit {
                                start: i,
                                end,
                                kind: UnitKind::Str(escaped),
                                key: false,
                            });
                            if sens && end - i > 2 && !already_redacted(&s[i + 1..end - 1]) {
                                sensitive.push((i + 1, end - 1));
                            }
                        }
                        i = end;
                    }
                    b't' | b'f' | b'n' => {
                        let lit: &[u8] = match b {
                            b't' => b"true",
                            b'f' => b"false",
                            _ => b"null",
                        };
                        if !s[i..].starts_with(lit) {
                            return None;
                        }
                        atom(i, i + lit.len(), sens, hidden, &mut units, &mut sensitive);
                        i += lit.len();
                    }
                    b'-' | b'0'..=b'9' => {
                        let end = scan_number(s, i)?;
                        atom(i, end, sens, hidden, &mut units, &mut sensitive);
                        i = end;
                    }
                    _ => return None,
                }
                expect = Expect::CommaOrClose;
            }
        }
    }
    if expect != Expect::End {
        return None;
    }
    Some(JsonLine { units, sensitive })
}

fn atom(
    start: usize,
    end: usize,
    sens: bool,
    hidden: Option<(usize, usize)>,
    units: &mut Vec<Unit>,
    sensitive: &mut Vec<(usize, usize)>,
) {
    if hidden.is_none() {
        units.push(Unit {
            start,
            end,
            kind: UnitKind::Atom,
            key: false,
        });
        if sens {
            sensitive.push((start, end));
        }
    }
}

fn close(
    b: u8,
    stack: &mut Vec<bool>,
    hidden: &mut Option<(usize, usize)>,
    sensitive: &mut Vec<(usize, usize)>,
    units: &mut Vec<Unit>,
    i: usize,
) -> Option<()> {
    let is_obj = stack.pop()?;
    if is_obj != (b == b'}') {
        return None;
    }
    if let Some((depth, start)) = *hidden {
        if depth == stack.len() + 1 {
            *hidden = None;
            units.push(Unit {
                start,
                end: i + 1,
                kind: UnitKind::Atom,
                key: false,
            });
            sensitive.push((start, i + 1));
        }
    }
    Some(())
}

/// From the opening quote at `i`: the end (past the closing quote) and whether there are
/// escapes. `None` for an unterminated string or an invalid escape.
fn scan_string(s: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut escaped = false;
    loop {
        let k = j + memchr::memchr2(b'"', b'\\', &s[j..])?;
        if s[k] == b'"' {
            return Some((k + 1, escaped));
        }
        escaped = true;
        match *s.get(k + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j = k + 2,
            b'u' => {
                let hex = s.get(k + 2..k + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                j = k + 6;
            }
            _ => return None,
        }
    }
}

fn scan_number(s: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    if s[j] == b'-' {
        j += 1;
    }
    let digits = |j: usize| s[j..].iter().take_while(|b| b.is_ascii_digit()).count();
    match s.get(j)? {
        b'0' => j += 1,
        b'1'..=b'9' => j += digits(j),
        _ => return None,
    }
    if s.get(j) == Some(&b'.') {
        let n = digits(j + 1);
        if n == 0 {
            return None;
        }
        j += 1 + n;
    }
    if matches!(s.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let n = digits(j);
        if n == 0 {
            return None;
        }
        j += n;
    }
    Some(j)
}

/// Length of the escape sequence at `raw[i]` (a backslash) in a validated string.
fn escape_len(raw: &[u8], i: usize) -> usize {
    if raw.get(i + 1) == Some(&b'u') {
        6
    } else {
        2
    }
}

fn hex4(h: &[u8]) -> u32 {
    h.iter().fold(0, |acc, &b| {
        acc * 16 + (b as char).to_digit(16).unwrap_or(0)
    })
}

/// Decodes the content of a validated JSON string. `map[k]` is the source span (relative to
/// `raw`) that produced decoded byte `k`. Lone surrogates decode to U+FFFD.
fn decode(raw: &[u8], dec: &mut Vec<u8>, map: &mut Vec<(u32, u32)>) {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'\\' {
            dec.push(raw[i]);
            map.push((i as u32, i as u32 + 1));
            i += 1;
            continue;
        }
        let (ch, len) = match raw[i + 1] {
            b'u' => {
                let hi = hex4(&raw[i + 2..i + 6]);
                if (0xD800..0xDC00).contains(&hi)
                    && raw.get(i + 6) == Some(&b'\\')
                    && raw.get(i + 7) == Some(&b'u')
                {
                    let lo = hex4(&raw[i + 8..i + 12]);
                    if (0xDC00..0xE000).contains(&lo) {
                        (
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                .unwrap_or('\u{FFFD}'),
                            12,
                        )
                    } else {
                        ('\u{FFFD}', 6)
                    }
                } else {
                    (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6)
                }
            }
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            other => (other as char, 2),
        };
        let mut tmp = [0u8; 4];
        for &b in ch.encode_utf8(&mut tmp).as_bytes() {
            dec.push(b);
            map.push((i as u32, (i + len) as u32));
        }
        i += len;
    }
}

/// Appends `bytes` JSON-escaped (for the inside of a string).
pub(crate) fn json_escape(bytes: &[u8], out: &mut Vec<u8>) {
    for &b in bytes {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=0x1f => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
            _ => out.push(b),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// logfmt, headers, query parameters

/// A value that starts with a replacement marker or a placeholder was redacted before: the
/// replacement may have moved where the value seems to end (`password=[REDACTED:pem]rest`), so
/// replacing it again would not be idempotent. The rules still scan it.
fn already_redacted(v: &[u8]) -> bool {
    v.starts_with(b"[REDACTED:") || placeholder_at(v, 0).is_some()
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Finds the sensitive values of a `key=value` / header / query line. Returns the number of
/// `key=value` pairs, and whether a sensitive key (or header name) appears at all, replaced
/// value or not: a line is classified the same before and after redaction.
fn kv_spans(
    line: &[u8],
    keys: &KeySet,
    headers: bool,
    spans: &mut Vec<(usize, usize)>,
) -> (usize, bool, bool) {
    let end = line.len()
        - line
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
    let line = &line[..end];
    // `Name: value`, optionally after curl's `> ` / `< `.
    let mut header = false;
    let mut i = line
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    if matches!(line.get(i), Some(b'>' | b'<')) && line.get(i + 1) == Some(&b' ') {
        i += 2;
    }
    let name_len = line[i..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .count();
    if headers
        && name_len > 0
        && line.get(i + name_len) == Some(&b':')
        && keys.matches(&line[i..i + name_len])
    {
        let v = i + name_len + 1;
        let v = v + line[v..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        // A trailing comma is a list separator (`SSN: 123-45-6789,` in a YAML or JSON dump).
        let end = line.len() - usize::from(line.ends_with(b","));
        if v < end {
            header = true;
            if !already_redacted(&line[v..end]) {
                spans.push((v, end));
            }
        }
    }
    let mut sensitive = header;
    let mut pairs = 0;
    // End of the last sensitive value: pairs inside it are part of the value.
    let mut value_end = 0;
    for eq in memchr::memchr_iter(b'=', line) {
        if eq < value_end {
            continue;
        }
        let k = eq
            - line[..eq]
                .iter()
                .rev()
                .take_while(|&&b| is_key_byte(b))
                .count();
        if k == eq {
            continue;
        }
        let before = if k == 0 { b' ' } else { line[k - 1] };
        if !(before.is_ascii_whitespace()
            || matches!(
                before,
                b'?' | b'&' | b';' | b',' | b'{' | b'(' | b'"' | b'\''
            ))
        {
            continue;
        }
        pairs += 1;
        let query = matches!(before, b'?' | b'&');
        if !(keys.matches(&line[k..eq]) || (query && query_keys().matches(&line[k..eq]))) {
            continue;
        }
        sensitive = true;
        let v = eq + 1;
        let span = if let Some(&q @ (b'"' | b'\'')) = line.get(v) {
            // A quoted value: its content.
            let mut j = v + 1;
            while j < line.len() && line[j] != q {
                j += if line[j] == b'\\' { 2 } else { 1 };
            }
            (v + 1, j.min(line.len()))
        } else if query {
            let n = line[v..]
                .iter()
                .take_while(|&&b| {
                    !(b.is_ascii_whitespace()
                        || matches!(b, b'&' | b'#' | b'"' | b'\'' | b'<' | b'>'))
                })
                .count();
            (v, v + n)
        } else {
            let mut n = line[v..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace())
                .count();
            // `authorization=Bearer abc`: the scheme and the credential.
            let word = &line[v..v + n];
            if ["bearer", "basic", "token", "digest"]
                .iter()
                .any(|s| word.eq_ignore_ascii_case(s.as_bytes()))
                && line.get(v + n) == Some(&b' ')
            {
                n += 1 + line[v + n + 1..]
                    .iter()
                    .take_while(|b| !b.is_ascii_whitespace())
                    .count();
            }
            (v, v + n)
        };
        value_end = span.1;
        if span.1 > span.0 && !already_redacted(&line[span.0..span.1]) {
            spans.push(span);
        }
    }
    (pairs, sensitive, header)
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Sorts and merges overlapping components: a merged span is labelled by its leftmost, then
/// longest, then first-ranked component (rules before the `sensitive-key` pseudo-rule).
fn merge(comps: &mut Vec<Component>) {
    comps.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rule.cmp(&b.rule))
    });
    let mut out: Vec<Component> = Vec::with_capacity(comps.len());
    for c in comps.drain(..) {
        match out.last_mut() {
            Some(l) if c.start < l.end => l.end = l.end.max(c.end),
            _ => out.push(c),
        }
    }
    *comps = out;
}

/// Renders one structured line (`line` without its `\n`), appending to `out`; pushes the
/// replaced spans (relative to the line) to `found`.
pub(crate) fn render_line(
    r: &Redactor,
    line: &[u8],
    plan: Plan,
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Component>,
) {
    let mut comps = r.components_of(line);
    match plan {
        Plan::Text => unreachable!("text lines are rendered as text runs"),
        Plan::Kv(spans) => {
            comps.extend(spans.iter().map(|&(start, end)| Component {
                start,
                end,
                rule: SENSITIVE_RULE,
            }));
            merge(&mut comps);
            if vault.is_some() {
                protect_placeholders(line, &mut comps);
            }
            let mut at = 0;
            for c in &comps {
                out.extend_from_slice(&line[at..c.start]);
                r.write_replacement(&line[c.start..c.end], c, vault.as_deref_mut(), out);
                at = c.end;
            }
            out.extend_from_slice(&line[at..]);
            found.extend_from_slice(&comps);
        }
        Plan::Json(j) => {
            let mut dec = Vec::new();
            let mut map = Vec::new();
            let mut spans = Vec::new();
            let (_, keys) = r.structure();
            for u in &j.units {
                let UnitKind::Str(escaped) = u.kind else {
                    continue;
                };
                let (cs, ce) = (u.start + 1, u.end - 1);
                if escaped {
                    dec.clear();
                    map.clear();
                    decode(&line[cs..ce], &mut dec, &mut map);
                    for c in r.components_of(&dec) {
                        let (s, e) = (map[c.start].0 as usize, map[c.end - 1].1 as usize);
                        comps.push(Component {
                            start: cs + s,
                            end: cs + e,
                            rule: c.rule,
                        });
                    }
                }
                // `key=value` pairs and query parameters inside string values (a message, a URL).
                let text = if escaped { &dec[..] } else { &line[cs..ce] };
                if !u.key && memchr::memchr(b'=', text).is_some() {
                    spans.clear();
                    kv_spans(text, keys, false, &mut spans);
                    for &(s, e) in &spans {
                        let (s, e) = if escaped {
                            (map[s].0 as usize, map[e - 1].1 as usize)
                        } else {
                            (s, e)
                        };
                        comps.push(Component {
                            start: cs + s,
                            end: cs + e,
                            rule: SENSITIVE_RULE,
                        });
                    }
                }
            }
            comps.extend(j.sensitive.iter().map(|&(start, end)| Component {
                start,
                end,
                rule: SENSITIVE_RULE,
            }));
            if comps.is_empty() {
                out.extend_from_slice(line);
                return;
            }
            merge(&mut comps);
            if vault.is_some() {
                protect_placeholders(line, &mut comps);
            }
            render_json(r, line, &j.units, &comps, vault, out, found);
        }
    }
}

/// [`render_line`], but under fail-closed an internal error replaces the whole line.
fn render_line_guarded(
    r: &Redactor,
    line: &[u8],
    plan: Plan,
    vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Component>,
) {
    if !r.fail_closed() {
        return render_line(r, line, plan, vault, out, found);
    }
    let (at, nfound) = (out.len(), found.len());
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_line(r, line, plan, vault, out, found)
    }));
    if res.is_err() {
        out.truncate(at);
        found.truncate(nfound);
        let c = Component {
            start: 0,
            end: line.len(),
            rule: crate::engine::FAILED_RULE,
        };
        r.write_replacement(line, &c, None, out);
        found.push(c);
    }
}

fn render_json(
    r: &Redactor,
    line: &[u8],
    units: &[Unit],
    comps: &[Component],
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Component>,
) {
    let mut at = 0;
    let mut tmp = Vec::new();
    let mut dec = Vec::new();
    let mut map = Vec::new();
    for c in comps {
        let first = units.partition_point(|u| u.end <= c.start);
        let mut span: Option<(usize, usize)> = None;
        for u in units[first..].iter().take_while(|u| u.start < c.end) {
            let (mut ps, mut pe) = match u.kind {
                UnitKind::Atom => (u.start, u.end),
                UnitKind::Str(_) => (c.start.max(u.start + 1), c.end.min(u.end - 1)),
            };
            if let UnitKind::Str(true) = u.kind {
                // Widen to whole escapes.
                let mut i = u.start + 1;
                while i < u.end - 1 && i < pe {
                    if line[i] == b'\\' {
                        let n = escape_len(line, i);
                        if i < ps && ps < i + n {
                            ps = i;
                        }
                        if i < pe && pe < i + n {
                            pe = i + n;
                        }
                        i += n;
                    } else {
                        i += 1;
                    }
                }
            }
            ps = ps.max(at);
            if ps >= pe {
                continue;
            }
            out.extend_from_slice(&line[at..ps]);
            tmp.clear();
            match u.kind {
                UnitKind::Atom => {
                    r.write_replacement(
                        &line[ps..pe],
                        &Component {
                            start: ps,
                            end: pe,
                            rule: c.rule,
                        },
                        vault.as_deref_mut(),
                        &mut tmp,
                    );
                    out.push(b'"');
                    json_escape(&tmp, out);
                    out.push(b'"');
                }
                UnitKind::Str(escaped) => {
                    let value = if escaped {
                        dec.clear();
                        map.clear();
                        decode(&line[ps..pe], &mut dec, &mut map);
                        &dec[..]
                    } else {
                        &line[ps..pe]
                    };
                    r.write_replacement(
                        value,
                        &Component {
                            start: ps,
                            end: pe,
                            rule: c.rule,
                        },
                        vault.as_deref_mut(),
                        &mut tmp,
                    );
                    json_escape(&tmp, out);
                }
            }
            at = pe;
            span = Some(match span {
                Some((s, _)) => (s, pe),
                None => (ps, pe),
            });
        }
        if let Some((start, end)) = span {
            found.push(Component {
                start,
                end,
                rule: c.rule,
            });
        }
    }
    out.extend_from_slice(&line[at..]);
}

// ---------------------------------------------------------------------------------------------
// Placeholders (reversible mode)

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

/// Cuts placeholders out of the spans to replace, so they are never replaced again.
pub(crate) fn protect_placeholders(hay: &[u8], comps: &mut Vec<Component>) {
    if comps.is_empty() || memchr::memchr(b'<', hay).is_none() {
        return;
    }
    let mut out = Vec::with_capacity(comps.len());
    for c in comps.drain(..) {
        let from = c.start.saturating_sub(256);
        let to = (c.end + 256).min(hay.len());
        let mut cur = c.start;
        for (s, e) in placeholders_in(&hay[from..to])
            .into_iter()
            .map(|(s, e)| (s + from, e + from))
        {
            if e <= cur || s >= c.end {
                continue;
            }
            if s > cur {
                out.push(Component {
                    start: cur,
                    end: s,
                    rule: c.rule,
                });
            }
            cur = e;
        }
        if cur < c.end {
            out.push(Component {
                start: cur,
                end: c.end,
                rule: c.rule,
            });
        }
    }
    *comps = out;
}

// ---------------------------------------------------------------------------------------------
// Whole input and streaming

/// Splits `hay` into lines and redacts it: text runs through `text_run`, structured lines one
/// by one. Calls `on` with each replaced span (absolute offsets); returns the count.
pub(crate) fn redact_lines(
    r: &Redactor,
    hay: &[u8],
    utf8: bool,
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
) -> usize {
    let (format, keys) = r.structure();
    let mut count = 0;
    let mut run_start = 0;
    let mut at = 0;
    let mut found = Vec::new();
    while at < hay.len() {
        let nl = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |k| at + k);
        let next = (nl + 1).min(hay.len());
        match classify(format, keys, &hay[at..nl]) {
            Plan::Text => {
                let j = json_after_text(r, format, keys, &hay[at..nl], utf8, vault.as_deref_mut());
                if let Some(j) = j {
                    if run_start < at {
                        count += r.text_run(&hay[run_start..at], utf8, vault.as_deref_mut(), out);
                    }
                    found.clear();
                    render_line_guarded(
                        r,
                        &j.text,
                        Plan::Json(j.json),
                        vault.as_deref_mut(),
                        out,
                        &mut found,
                    );
                    count += j.comps.len() + found.len();
                    out.extend_from_slice(&hay[nl..next]);
                    run_start = next;
                }
            }
            plan => {
                if run_start < at {
                    count += r.text_run(&hay[run_start..at], utf8, vault.as_deref_mut(), out);
                }
                found.clear();
                render_line_guarded(r, &hay[at..nl], plan, vault.as_deref_mut(), out, &mut found);
                count += found.len();
                out.extend_from_slice(&hay[nl..next]);
                run_start = next;
            }
        }
        at = next;
    }
    if run_start < hay.len() {
        count += r.text_run(&hay[run_start..], utf8, vault, out);
    }
    count
}

/// The streaming side: lines are collected until complete (or known to be too long to be
/// structured), then classified exactly as [`redact_lines`] does.
pub(crate) struct LineStream {
    pub(crate) text: crate::redact::StreamRedactor,
    /// The current line, while it may still be structured.
    line: Vec<u8>,
    /// Text-run bytes not yet given to `text`.
    pending: Vec<u8>,
    /// The current line is too long: its bytes go straight to the text run.
    long: bool,
    /// A text run is open in `text`.
    in_run: bool,
    /// Absolute offset and 1-based line number of the start of the open text run.
    run_offset: u64,
    run_line: u64,
    /// Absolute offset and line number of the start of `line`.
    offset: u64,
    line_no: u64,
    stats: crate::redact::StreamStats,
    finished: bool,
    found: Vec<Component>,
}

impl LineStream {
    pub(crate) fn new(text: crate::redact::StreamRedactor) -> LineStream {
        LineStream {
            text,
            line: Vec::new(),
            pending: Vec::new(),
            long: false,
            in_run: false,
            run_offset: 0,
            run_line: 1,
            offset: 0,
            line_no: 1,
            stats: Default::default(),
            finished: false,
            found: Vec::new(),
        }
    }

    pub(crate) fn stats(&self) -> crate::redact::StreamStats {
        self.stats
    }

    pub(crate) fn buffered(&self) -> usize {
        self.line.len() + self.pending.len() + if self.in_run { self.text.buffered() } else { 0 }
    }

    fn reset(&mut self) {
        self.line.clear();
        self.pending.clear();
        self.long = false;
        self.in_run = false;
        self.run_offset = 0;
        self.run_line = 1;
        self.offset = 0;
        self.line_no = 1;
        self.stats = Default::default();
        self.finished = false;
    }

    pub(crate) fn push(
        &mut self,
        r: &Redactor,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&crate::redact::StreamFinding),
    ) {
        if self.finished {
            self.reset();
        }
        self.stats.bytes_read += chunk.len() as u64;
        let before = out.len();
        let mut rest = chunk;
        while !rest.is_empty() {
            let nl = memchr::memchr(b'\n', rest);
            let take = nl.map_or(rest.len(), |k| k + 1);
            let (part, tail) = rest.split_at(take);
            rest = tail;
            if self.long {
                self.send_text(part, out, on);
            } else {
                self.line.extend_from_slice(part);
                if nl.is_none() && self.line.len() > MAX_STRUCTURED_LINE {
                    self.long = true;
                    let line = std::mem::take(&mut self.line);
                    self.send_text(&line, out, on);
                }
            }
            if nl.is_some() {
                if !self.long {
                    self.end_line(r, out, on);
                }
                self.long = false;
                self.line.clear();
            }
        }
        // Whatever the chunk completed goes out now.
        self.flush_text(out, on);
        self.stats.bytes_written += (out.len() - before) as u64;
    }

    pub(crate) fn finish(
        &mut self,
        r: &Redactor,
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&crate::redact::StreamFinding),
    ) {
        if self.finished {
            return;
        }
        let before = out.len();
        if !self.line.is_empty() && !self.long {
            self.end_line(r, out, on);
        }
        self.close_run(out, on);
        self.line.clear();
        self.stats.bytes_written += (out.len() - before) as u64;
        self.finished = true;
    }

    fn shift(&self, f: &crate::redact::StreamFinding) -> crate::redact::StreamFinding {
        crate::redact::StreamFinding {
            finding: f.finding.shifted(self.run_offset as usize),
            line: f.line + self.run_line - 1,
            column: f.column,
        }
    }

    /// Adds text-run bytes; they reach the text redactor in batches (see `flush_text`).
    fn send_text(
        &mut self,
        bytes: &[u8],
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&crate::redact::StreamFinding),
    ) {
        if !self.in_run {
            self.in_run = true;
            self.run_offset = self.offset;
            self.run_line = self.line_no;
        }
        self.pending.extend_from_slice(bytes);
        self.offset += bytes.len() as u64;
        self.line_no += memchr::memchr_iter(b'\n', bytes).count() as u64;
        if self.pending.len() >= TEXT_BATCH {
            self.flush_text(out, on);
        }
    }

    /// Feeds the batched text lines to the text redactor: one call per batch, not per line.
    fn flush_text(&mut self, out: &mut Vec<u8>, on: &mut dyn FnMut(&crate::redact::StreamFinding)) {
        if self.pending.is_empty() {
            return;
        }
        let mut found = Vec::new();
        self.text
            .push_with(&self.pending, out, &mut |f| found.push(f.clone()));
        self.pending.clear();
        for f in &found {
            let f = self.shift(f);
            self.stats.findings += 1;
            on(&f);
        }
    }

    fn close_run(&mut self, out: &mut Vec<u8>, on: &mut dyn FnMut(&crate::redact::StreamFinding)) {
        if !self.in_run {
            return;
        }
        self.flush_text(out, on);
        let mut found = Vec::new();
        self.text.finish_with(out, &mut |f| found.push(f.clone()));
        for f in &found {
            let f = self.shift(f);
            self.stats.findings += 1;
            on(&f);
        }
        self.in_run = false;
    }

    /// Reports the findings of a structured line (positions in the line) and moves past it.
    fn report_line(
        &mut self,
        r: &Redactor,
        comps: &[Component],
        len: usize,
        on: &mut dyn FnMut(&crate::redact::StreamFinding),
    ) {
        for c in comps {
            let f = crate::redact::StreamFinding {
                finding: r.finding_at(c, self.offset as usize),
                line: self.line_no,
                column: c.start as u64 + 1,
            };
            self.stats.findings += 1;
            on(&f);
        }
        self.offset += len as u64;
        self.line_no += 1;
    }

    fn end_line(
        &mut self,
        r: &Redactor,
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&crate::redact::StreamFinding),
    ) {
        let line = std::mem::take(&mut self.line);
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let (format, keys) = r.structure();
        let plan = match classify(format, keys, content) {
            Plan::Text => match json_after_text(r, format, keys, content, false, None) {
                Some(j) => Err(j),
                None => Ok(Plan::Text),
            },
            plan => Ok(plan),
        };
        match plan {
            Ok(Plan::Text) => self.send_text(&line, out, on),
            Err(j) => {
                self.close_run(out, on);
                self.found.clear();
                let JsonAfterText {
                    mut comps,
                    text,
                    marks,
                    json,
                } = j;
                render_line_guarded(r, &text, Plan::Json(json), None, out, &mut self.found);
                out.extend_from_slice(&line[content.len()..]);
                // Findings of the JSON pass, in the line's positions.
                comps.extend(self.found.iter().map(|c| {
                    let start = marks.to_orig(c.start, false);
                    Component {
                        start,
                        end: marks.to_orig(c.end, true).max(start),
                        rule: c.rule,
                    }
                }));
                comps.sort_by_key(|c| c.start);
                self.report_line(r, &comps, line.len(), on);
            }
            Ok(plan) => {
                self.close_run(out, on);
                let mut found = std::mem::take(&mut self.found);
                found.clear();
                render_line_guarded(r, content, plan, None, out, &mut found);
                out.extend_from_slice(&line[content.len()..]);
                self.report_line(r, &found, line.len(), on);
                self.found = found;
            }
        }
        self.line = line;
    }
}
