//! JSON lines: an iterative parser that records replaceable units and sensitive values, escape
//! decoding (with a map back to the source), and in-place rendering.

use super::kv::already_redacted;
use super::{KeyKind, KeySet, StructuredRedactor};
use crate::span::{Label, Span};
use crate::vault::Vault;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// A string; the bool says whether it holds escapes.
    Str(bool),
    /// A number, `true`, `false`, `null`, or a whole object or array under a sensitive key.
    Atom,
}

/// A token of a JSON line that can be replaced.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub start: usize,
    pub end: usize,
    pub kind: UnitKind,
    /// An object key.
    pub key: bool,
}

pub(crate) struct JsonLine {
    /// Strings (keys and values) and atoms, in order, disjoint.
    pub(super) units: Vec<Unit>,
    /// Spans of the values of sensitive and personal keys, labelled by the key: string
    /// contents (without the quotes), or whole atoms.
    pub(super) sensitive: Vec<Span>,
    /// A string under a sensitive or personal key is a marker already (a redaction wrote it).
    pub(super) redacted: bool,
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

/// Parses one line as a JSON object or array, iteratively (any depth), recording the units and
/// the sensitive values. `None` if it is not JSON.
pub(super) fn parse_json(s: &[u8], keys: &KeySet) -> Option<JsonLine> {
    let mut units = Vec::with_capacity(32);
    let mut sensitive = Vec::new();
    let mut redacted = false;
    // Open containers: true for objects.
    let mut stack: Vec<bool> = Vec::with_capacity(16);
    // Depth and start of the outermost open container that is a sensitive value.
    let mut hidden: Option<(usize, usize)> = None;
    let mut pending_sensitive: Option<KeyKind> = None;
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
                        keys.kind(&key_buf)
                    } else {
                        keys.kind(raw)
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
                // A line is an object, an array or a bare number (a scalar that a finding
                // can replace: it is written back as a string, so the line stays JSON).
                if stack.is_empty() && !matches!(b, b'{' | b'[' | b'-' | b'0'..=b'9') {
                    return None;
                }
                let sens = pending_sensitive.take().filter(|_| hidden.is_none());
                match b {
                    b'{' | b'[' => {
                        stack.push(b == b'{');
                        // A container under a personal key (`"address": {...}`) is read on:
                        // its own keys say what it holds.
                        if sens == Some(KeyKind::Secret) {
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
                            if let Some(kind) = sens {
                                let v = &s[i + 1..end - 1];
                                let marker = already_redacted(v);
                                redacted |= marker;
                                if !v.is_empty() && !marker && keys.value_fits(kind, v) {
                                    sensitive.push(Span {
                                        start: i + 1,
                                        end: end - 1,
                                        label: kind.label(),
                                    });
                                }
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
                        // `null`, `true` and `false` are no one's personal data.
                        let sens = sens.filter(|k| *k == KeyKind::Secret);
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
                expect = if stack.is_empty() {
                    Expect::End
                } else {
                    Expect::CommaOrClose
                };
            }
        }
    }
    if expect != Expect::End {
        return None;
    }
    Some(JsonLine {
        units,
        sensitive,
        redacted,
    })
}

fn atom(
    start: usize,
    end: usize,
    sens: Option<KeyKind>,
    hidden: Option<(usize, usize)>,
    units: &mut Vec<Unit>,
    sensitive: &mut Vec<Span>,
) {
    if hidden.is_none() {
        units.push(Unit {
            start,
            end,
            kind: UnitKind::Atom,
            key: false,
        });
        if let Some(kind) = sens {
            sensitive.push(Span {
                start,
                end,
                label: kind.label(),
            });
        }
    }
}

fn close(
    b: u8,
    stack: &mut Vec<bool>,
    hidden: &mut Option<(usize, usize)>,
    sensitive: &mut Vec<Span>,
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
            sensitive.push(Span {
                start,
                end: i + 1,
                label: Label::SensitiveKey,
            });
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
pub(super) fn escape_len(raw: &[u8], i: usize) -> usize {
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
pub(super) fn decode(raw: &[u8], dec: &mut Vec<u8>, map: &mut Vec<(u32, u32)>) {
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

pub(super) fn render_json(
    r: &StructuredRedactor,
    line: &[u8],
    units: &[Unit],
    comps: &[Span],
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Span>,
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
                        &Span {
                            start: ps,
                            end: pe,
                            label: c.label,
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
                        &Span {
                            start: ps,
                            end: pe,
                            label: c.label,
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
            found.push(Span {
                start,
                end,
                label: c.label,
            });
        }
    }
    out.extend_from_slice(&line[at..]);
}
