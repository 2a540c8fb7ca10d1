//! `key=value` lines (logfmt), HTTP header dumps and URL query parameters: the spans of
//! sensitive values.

use super::keys::query_keys;
use super::{KeyKind, KeySet};
use crate::marker;
use crate::span::Span;
use crate::vault::placeholder_at;

/// Whether the value of a sensitive key stays as written (the rules still scan it):
/// - it starts with a replacement marker or a vault placeholder: it was redacted before, and
///   the replacement may have moved where the value seems to end
///   (`password=[REDACTED:pem]rest`), so replacing it again would not be idempotent;
/// - the whole value is a template or a stand-in, not a secret: a shell expansion
///   (`$(gh auth token)`, `${DB_PASSWORD}`), a template (`{{ secret }}`, `<password>`,
///   `%API_KEY%`), a run of one masking character (`*****`, `xxx`), or a well-known stand-in
///   (`REPLACE_ME`, `changeme`, `YOUR_API_KEY_HERE`). Only whole values: `Q7v!truex9Lm` or
///   `Password123!` are replaced.
pub(super) fn already_redacted(v: &[u8]) -> bool {
    marker::starts_with_marker(v) || placeholder_at(v, 0).is_some() || is_stand_in(v)
}

/// See [`already_redacted`].
fn is_stand_in(v: &[u8]) -> bool {
    // Quotes around the value (header and YAML-like values keep them).
    let v = match v {
        [q @ (b'"' | b'\''), inner @ .., last] if last == q => inner,
        _ => v,
    };
    // `Bearer <token>`, `Basic {{ creds }}`: a scheme before a stand-in.
    if let Some(sp) = memchr::memchr(b' ', v) {
        if [&b"bearer"[..], b"basic", b"token", b"digest"]
            .iter()
            .any(|s| v[..sp].eq_ignore_ascii_case(s))
        {
            return is_stand_in(&v[sp + 1..]);
        }
    }
    if is_template(v) {
        return true;
    }
    // A YAML block scalar or an Ansible Vault tag: the value is on the next lines (encrypted
    // in the vault case), not here.
    if matches!(v, b"|" | b">" | b"|-" | b">-" | b"|+" | b">+")
        || v.strip_prefix(b"!vault").is_some_and(|rest| {
            rest.iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'|' | b'>' | b'-'))
        })
    {
        return true;
    }
    // `<password>`, `<your-api-key>`, `%API_KEY%`: a name, without digits (a value in angle
    // brackets that holds digits may be a real one, and is replaced).
    if let [b'<', inner @ .., b'>'] | [b'%', inner @ .., b'%'] = v {
        return !inner.is_empty()
            && inner
                .iter()
                .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-' | b' '));
    }
    if v.len() >= 3 && matches!(v[0], b'*' | b'x' | b'X' | b'#') && v.iter().all(|&b| b == v[0]) {
        return true;
    }
    // Words only dummies are made of (`REPLACE_ME`, `YOUR_API_KEY_HERE`, `none`): the same
    // test as the rules' placeholder filter, on the whole value.
    crate::validators::is_stand_in_words(v)
}

/// Whether the whole value is made of template expressions, one or more, and nothing else:
/// `$(command)`, `${NAME}` and `{{ expression }}` (`${A}${B}`, `{{ a }}{{ b }}` too). What
/// follows or precedes an expression is text that may be a secret (`${a}Q7vtrx9LmZ`,
/// `{{Q7vtrx9LmZ`), and so is a shell default (`${DB_PASSWORD:-hunter2}`): such values are
/// replaced. An error message (`${TOKEN:?not set}`) is not a default.
fn is_template(v: &[u8]) -> bool {
    !v.is_empty() && template_run(v) == v.len()
}

/// The length of the template expressions at the start of `s`, one after the other (0 when
/// `s` does not start with one): see [`is_template`].
fn template_run(s: &[u8]) -> usize {
    let mut at = 0;
    loop {
        let rest = &s[at..];
        let len = if let Some(inner) = rest.strip_prefix(b"{{") {
            memchr::memmem::find(inner, b"}}").map(|i| 2 + i + 2)
        } else if let Some(inner) = rest.strip_prefix(b"${") {
            memchr::memchr(b'}', inner)
                .filter(|&i| shell_parameter(&inner[..i]))
                .map(|i| 2 + i + 1)
        } else if let Some(inner) = rest.strip_prefix(b"$(") {
            // Up to the parenthesis that closes the substitution.
            let mut depth = 1usize;
            inner
                .iter()
                .position(|&b| {
                    match b {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|i| 2 + i + 1)
        } else {
            None
        };
        match len {
            Some(len) => at += len,
            None => return at,
        }
    }
}

/// Whether the inside of `${...}` reads a variable without a default of its own: a name
/// (`DB_PASSWORD`, `1`, `@`), possibly with `:?message` or `?message` (an error when unset).
/// A default (`:-`, `-`, `:=`, `=`, `:+`, `+`) is a value written in place, kept only when
/// it is empty.
fn shell_parameter(inner: &[u8]) -> bool {
    let name = inner
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'*' | b'#' | b'!'))
        .count();
    if name == 0 {
        return false;
    }
    matches!(
        &inner[name..],
        [] | [b':', b'?', ..] | [b'?', ..] | [b':', b'-' | b'=' | b'+'] | [b'-' | b'=' | b'+']
    )
}

/// Whether an unquoted value is code that reads another variable, not a secret: a member
/// path followed by an operator, as minified JavaScript writes
/// `e.apiKey=t.apiKey||n.token,e.password=o.password;` or `key=cfg.secret)`. The path has at
/// least one dot and starts each part with a letter, `_` or `$`; the operator is one of
/// `| & ; , ) ( ?`. A value that stands alone (`password=ab.cd`) is not code.
fn is_code_reference(v: &[u8]) -> bool {
    let mut i = 0;
    let mut parts = 0;
    loop {
        match v.get(i) {
            Some(b) if b.is_ascii_alphabetic() || matches!(b, b'_' | b'$') => {}
            _ => return false,
        }
        i += v[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$'))
            .count();
        parts += 1;
        match v.get(i) {
            Some(b'.') => i += 1,
            Some(b'|' | b'&' | b';' | b',' | b')' | b'(' | b'?') => return parts >= 2,
            _ => return false,
        }
    }
}

/// Whether a position lies inside a double-quoted string of a line (after an odd number of
/// `"` that a backslash inside a string does not escape), for increasing positions: each byte
/// is read once.
struct QuoteState {
    at: usize,
    inside: bool,
}

impl QuoteState {
    fn inside_at(&mut self, line: &[u8], pos: usize) -> bool {
        while self.at < pos {
            match line[self.at] {
                b'\\' if self.inside => self.at += 1,
                b'"' => self.inside = !self.inside,
                _ => {}
            }
            self.at += 1;
        }
        self.inside
    }
}

/// The position of the `"` that closes a double-quoted string whose body starts at `from`
/// (a backslash escapes the byte after it), if the line has one.
pub(super) fn string_end(line: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    while j < line.len() {
        match line[j] {
            b'\\' => j += 2,
            b'"' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// The values of the sensitive and personal members of a line that looks like JSON but does
/// not parse (cut short by a shipper's line limit, an invalid escape, text after it): each
/// `"key"` followed by `:` whose key is sensitive, and its value, a string (to its closing
/// quote, or to the line's end when it has none) or a bare scalar (to the next `,`, `}`, `]`
/// or blank). Nested objects and arrays, and `null`, `true`, `false`, are left to the rules.
/// Pushes the spans in order; returns whether a sensitive member appears at all.
/// [`broken_json_spans`] of a line that looks like JSON: its first non-blank byte is `{`, `[`
/// or `"`, and not the start of a marker (a finding at a line's start, replaced, does not make
/// the line JSON). Nothing for any other line.
pub(super) fn json_like_spans(line: &[u8], keys: &KeySet, spans: &mut Vec<Span>) -> bool {
    match line.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r')) {
        Some(i)
            if matches!(line[i], b'{' | b'[' | b'"') && !marker::starts_with_marker(&line[i..]) =>
        {
            broken_json_spans(line, keys, spans)
        }
        _ => false,
    }
}

pub(super) fn broken_json_spans(line: &[u8], keys: &KeySet, spans: &mut Vec<Span>) -> bool {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let mut sensitive = false;
    let mut i = 0;
    while let Some(q) = memchr::memchr(b'"', &line[i..]) {
        let open = i + q;
        let Some(close) = string_end(line, open + 1) else {
            break;
        };
        i = close + 1;
        let colon = i + line[i..].iter().take_while(|b| blank(b)).count();
        if line.get(colon) != Some(&b':') {
            continue;
        }
        let Some(kind) = keys.kind(&line[open + 1..close]) else {
            continue;
        };
        sensitive = true;
        let v = colon + 1 + line[colon + 1..].iter().take_while(|b| blank(b)).count();
        let (start, end, next) = match line.get(v) {
            Some(b'"') => match string_end(line, v + 1) {
                Some(e) => (v + 1, e, e + 1),
                None => (v + 1, line.len(), line.len()),
            },
            Some(b'{' | b'[') | None => {
                i = v;
                continue;
            }
            Some(_) => {
                let n = line[v..]
                    .iter()
                    .take_while(|&&b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r'))
                    .count();
                (v, v + n, v + n)
            }
        };
        i = next.min(line.len());
        let value = &line[start..end];
        if value.is_empty() || matches!(value, b"null" | b"true" | b"false") {
            continue;
        }
        if !already_redacted(value) && keys.value_fits(kind, value) {
            spans.push(Span {
                start,
                end,
                label: kind.label(),
            });
        }
    }
    sensitive
}

/// A value without the quotes around it (YAML and header values keep them).
fn unquoted(v: &[u8]) -> &[u8] {
    match v {
        [q @ (b'"' | b'\''), inner @ .., last] if last == q => inner,
        _ => v,
    }
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// The pair whose `=` is at `eq`, when its key is sensitive or personal: where the key starts,
/// the byte before it (a blank for the line's start), and its kind. A key is the run of key
/// bytes before the `=`, after a blank, the line's start or one of `?&#;,{("'|` (after `?`,
/// `&` or `#`, a URL query's or fragment's parameter; after `|`, a field of a line whose
/// fields `|` separates).
fn eq_pair(keys: &KeySet, line: &[u8], eq: usize) -> Option<(usize, u8, KeyKind)> {
    let k = eq
        - line[..eq]
            .iter()
            .rev()
            .take_while(|&&b| is_key_byte(b))
            .count();
    if k == eq {
        return None;
    }
    let before = if k == 0 { b' ' } else { line[k - 1] };
    if !(before.is_ascii_whitespace()
        || matches!(
            before,
            b'?' | b'&' | b'#' | b';' | b',' | b'{' | b'(' | b'"' | b'\'' | b'|'
        ))
    {
        return None;
    }
    let query = is_query(before);
    let kind = match keys.kind(&line[k..eq]) {
        Some(kind) => kind,
        None if query && query_keys().matches(&line[k..eq]) => KeyKind::Secret,
        None => return None,
    };
    Some((k, before, kind))
}

/// Whether a key after `before` is a URL query's or fragment's parameter (its value ends at
/// the next `&`).
fn is_query(before: u8) -> bool {
    matches!(before, b'?' | b'&' | b'#')
}

/// Whether some `=` of `line` has a sensitive or personal key, as [`kv_spans`] reads the pairs
/// (without it, `kv_spans` finds no `key=value` pair); `eqs` says where the `=` are.
pub(super) fn has_eq_pair(keys: &KeySet, line: &[u8], eqs: Eqs) -> bool {
    eqs.any(line, |eq| eq_pair(keys, line, eq).is_some())
}

/// Where the `=` of a line are.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Eqs {
    /// Not known: `memchr` finds them.
    Search,
    /// Bit `i` is set when byte `i` of the line (of at most 64 bytes) is `=`.
    Mask(u64),
}

impl Eqs {
    /// Whether `f` holds for the place of some `=` of `line`, asked in order.
    #[inline]
    pub(crate) fn any(self, line: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
        match self {
            Eqs::Search => memchr::memchr_iter(b'=', line).any(f),
            Eqs::Mask(mut m) => {
                debug_assert!(
                    line.len() <= 64
                        && (0..64).all(|i| (m >> i & 1 == 1) == (line.get(i) == Some(&b'=')))
                );
                while m != 0 {
                    if f(m.trailing_zeros() as usize) {
                        return true;
                    }
                    m &= m - 1;
                }
                false
            }
        }
    }
}

/// Where the name of a `Name: value` header line would start: after leading blanks and curl's
/// `> ` / `< `.
pub(super) fn header_name_start(line: &[u8]) -> usize {
    let i = line
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    if matches!(line.get(i), Some(b'>' | b'<')) && line.get(i + 1) == Some(&b' ') {
        i + 2
    } else {
        i
    }
}

/// Finds the sensitive values of a `key=value` / header / query line. Returns whether a
/// sensitive key (or header name) appears at all, replaced value or not: a line is classified
/// the same before and after redaction.
pub(super) fn kv_spans(line: &[u8], keys: &KeySet, headers: bool, spans: &mut Vec<Span>) -> bool {
    let end = line.len()
        - line
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
    let line = &line[..end];
    // `Name: value`, optionally after curl's `> ` / `< `.
    let mut header = false;
    let i = header_name_start(line);
    let name_len = line[i..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .count();
    let header_kind = (headers && name_len > 0 && line.get(i + name_len) == Some(&b':'))
        .then(|| keys.kind(&line[i..i + name_len]))
        .flatten();
    if let Some(kind) = header_kind {
        let v = i + name_len + 1;
        let v = v + line[v..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        // A trailing comma is a list separator (`SSN: 123-45-6789,` in a YAML or JSON dump).
        let end = line.len() - usize::from(line.ends_with(b","));
        if v < end {
            header = true;
            let value = unquoted(&line[v..end]);
            if !already_redacted(&line[v..end]) && keys.value_fits(kind, value) {
                // A personal value keeps its quotes (a YAML string stays a string).
                let (start, end) = match kind {
                    KeyKind::Personal(_) if value.len() + 2 == end - v => (v + 1, end - 1),
                    _ => (v, end),
                };
                spans.push(Span {
                    start,
                    end,
                    label: kind.label(),
                });
            }
        }
    }
    let mut sensitive = header;
    // End of the last sensitive value: pairs inside it are part of the value.
    let mut value_end = 0;
    let mut quotes = QuoteState {
        at: 0,
        inside: false,
    };
    for eq in memchr::memchr_iter(b'=', line) {
        if eq < value_end {
            continue;
        }
        let Some((k, before, kind)) = eq_pair(keys, line, eq) else {
            continue;
        };
        let query = is_query(before);
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
        } else if before == b'|' {
            // `ts=1|user=bob|token=x|status=200`: the value ends at the next field.
            let n = line[v..]
                .iter()
                .take_while(|&&b| !(b.is_ascii_whitespace() || b == b'|'))
                .count();
            (v, v + n)
        } else {
            // Inside a double-quoted string (`msg="login password=x"`, a JSON string on a line
            // of its own), the value ends where the string does.
            let inside = quotes.inside_at(line, k);
            let mut n = if inside {
                let mut j = v;
                while j < line.len() && !line[j].is_ascii_whitespace() && line[j] != b'"' {
                    j += if line[j] == b'\\' { 2 } else { 1 };
                }
                j.min(line.len()) - v
            } else {
                // Outside one, a `"` in the value that a later `"` of the line closes opens a
                // string the value takes whole (`password=a"b c"d`): a value that ended inside
                // it would leave the line's quotes paired otherwise once replaced, and a second
                // redaction would read the rest of the line differently. A `"` left open is a
                // byte of the value like any other.
                let mut j = v;
                while j < line.len() && !line[j].is_ascii_whitespace() {
                    if line[j] == b'"' {
                        if let Some(close) = string_end(line, j + 1) {
                            j = close;
                        }
                    }
                    j += 1;
                }
                j.min(line.len()) - v
            };
            // A template with blanks in it (`password={{ vault_password }}`, `token=$(gh auth
            // token)`) is one value, with whatever is written right after it: it stays as
            // written only when nothing is (see `already_redacted`).
            let t = template_run(&line[v..]);
            if t > n {
                n = t + line[v + t..]
                    .iter()
                    .take_while(|&&b| !b.is_ascii_whitespace() && (!inside || b != b'"'))
                    .count();
            }
            // `authorization=Bearer abc`: the scheme and the credential (also in brackets, as
            // Go prints a header's values: `authorization=[Bearer abc]`).
            let word = &line[v..v + n];
            let scheme = match word {
                [b'[' | b'(' | b'{', rest @ ..] => rest,
                _ => word,
            };
            if ["bearer", "basic", "token", "digest"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s.as_bytes()))
                && line.get(v + n) == Some(&b' ')
            {
                // The credential ends where the string does too (`"authorization=Bearer "`).
                n += 1 + line[v + n + 1..]
                    .iter()
                    .take_while(|&&b| !b.is_ascii_whitespace() && (!inside || b != b'"'))
                    .count();
            }
            (v, v + n)
        };
        value_end = span.1;
        let value = &line[span.0..span.1];
        let quoted = span.0 > v;
        if span.1 > span.0
            && !already_redacted(value)
            && (quoted || query || !is_code_reference(value))
            && keys.value_fits(kind, value)
        {
            spans.push(Span {
                start: span.0,
                end: span.1,
                label: kind.label(),
            });
        }
    }
    sensitive
}

#[cfg(test)]
mod tests {
    use super::{is_code_reference, is_template};

    #[test]
    fn templates_are_whole_values() {
        for v in [
            "$(gh auth token)",
            "$(cat $(dirname x)/secret)",
            "${DB_PASSWORD}",
            "${A}${B}",
            "${TOKEN:?not set}",
            "${TOKEN:-}",
            "{{ secret }}",
            "{{ .Values.password }}",
            "{{ a }}{{ b }}",
            "${A}{{ b }}$(c)",
        ] {
            assert!(is_template(v.as_bytes()), "{v}");
        }
        for v in [
            "{{Q7vtrx9LmZ",
            "${a}Q7vtrx9LmZ",
            "$(x)Q7vtrx9LmZ",
            "Q7vtrx9LmZ${a}",
            "{{ a }}Q7vtrx9LmZ",
            "${DB_PASSWORD:-hunter2}",
            "${DB_PASSWORD=hunter2}",
            "${}",
            "${ a}",
            "$(unclosed",
            "$((1)",
            "",
        ] {
            assert!(!is_template(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn code_references_are_member_paths_before_an_operator() {
        for v in [
            "t.apiKey||n.token,e.password=o.password;var",
            "o.password;var",
            "this.options.secret)",
            "cfg.token&&x",
            "$.key,",
            "a.getPassword()",
        ] {
            assert!(is_code_reference(v.as_bytes()), "{v}");
        }
        for v in [
            "ab.cd",
            "hunter2",
            "t.apiKey",
            "Q7v!truex9Lm",
            "1a.b;",
            "a.;b",
            "tok|en",
            "sk_live_abc,def",
            "",
        ] {
            assert!(!is_code_reference(v.as_bytes()), "{v}");
        }
    }
}
