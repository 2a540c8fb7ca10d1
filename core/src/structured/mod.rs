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

mod json;
mod keys;
mod kv;
mod lines;
pub(crate) mod shape;
mod sql;

use std::sync::Arc;

pub(crate) use keys::{builtin_personal_keys, KeyKind, KeySet, ValueShape};
pub use keys::{DEFAULT_SENSITIVE_KEYS, QUERY_SENSITIVE_KEYS};
pub(crate) use kv::Eqs;
pub(crate) use lines::LineStream;
pub(crate) use shape::KeyMemo;
use shape::{no_pairs, plain_json};

use crate::render::{protect_placeholders, widen_to_chars};
use crate::scan::Marks;
use crate::span::{Finding, Label, Span};
use crate::text::TextRedactor;
use crate::vault::Vault;
use json::{decode, parse_json, render_json, JsonLine, UnitKind};
use kv::kv_spans;

/// Lines longer than this (without their newline) are always text: a structured line is held
/// whole in memory, and a streaming redactor must stay bounded.
pub(crate) const MAX_STRUCTURED_LINE: usize = 1 << 20;

/// Text lines are handed to the text redactor in batches of about this many bytes (or at the
/// end of each pushed chunk), not one by one.
const TEXT_BATCH: usize = 1 << 20;

/// How input lines are interpreted.
///
/// Whatever the format, the output has the same lines as the input, and streaming gives the
/// same output as whole-input redaction. `find_iter`, `find_overlapping` and `is_match` read
/// their input as text whatever the format; the findings of structured lines are reported by
/// the streaming calls (`stream_redact_with`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: only the rules apply (the default of [`RedactorBuilder`](crate::RedactorBuilder)).
    #[default]
    Text,
    /// Per line: a line whose first non-blank byte is `{` or `[` and that parses as JSON is a
    /// JSON line (one that starts so but does not parse is text); a line of pretty-printed JSON
    /// that holds one member under a sensitive key is read as a one-member object; a line with a
    /// `key=value` pair under a sensitive key (one is enough: `DB_PASSWORD=...`, a URL with a
    /// `?token=` parameter), or an HTTP header line whose name is sensitive, is a logfmt line;
    /// any other line is text (the default of [`Options`](crate::Options), so of the command
    /// line, Python and Node). A text line that parses as JSON once its findings are replaced (an
    /// invalid escape inside a password) is then rendered as JSON, as a second redaction would
    /// render it. A line where structure changes
    /// nothing (no sensitive key, no escaped string) comes out exactly as in text mode.
    Auto,
    /// Lines that parse as JSON are JSON lines; a line of pretty-printed JSON that holds one
    /// member under a sensitive key (`  "password": "x",`) is read as a one-member object;
    /// the others are text.
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

    /// `auto`, `text`, `json` or `logfmt`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Json => "json",
            Format::Logfmt => "logfmt",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = crate::Error;

    /// As [`Format::from_name`], with an error that lists the names.
    fn from_str(s: &str) -> Result<Format, crate::Error> {
        Format::from_name(s).ok_or_else(|| {
            crate::Error::new(
                crate::ErrorKind::Config,
                format!(
                    "unknown format {s:?} (expected \"auto\", \"text\", \"json\" or \"logfmt\")"
                ),
            )
        })
    }
}

/// The text redactor with the line format and the sensitive keys: redacts input line by line.
pub(crate) struct StructuredRedactor {
    pub text: Arc<TextRedactor>,
    pub format: Format,
    pub keys: KeySet,
}

impl StructuredRedactor {
    /// The line format and the sensitive keys.
    fn structure(&self) -> (Format, &KeySet) {
        (self.format, &self.keys)
    }

    /// Whether `line` (without its `\n`) comes out as it came in unless a rule finds something
    /// in it: `Some(true)` for a JSON line that [`plain_json`] lets through, `Some(false)` for a
    /// text line that cannot be JSON, `None` otherwise (it may need a parse or a pair check).
    /// `eqs` says where its `=` are.
    pub(crate) fn quiet_line(&self, memo: &mut KeyMemo, line: &[u8], eqs: Eqs) -> Option<bool> {
        match self.quiet_or_plan(memo, line, eqs) {
            Quiet::Json => Some(true),
            Quiet::Text => Some(false),
            Quiet::Other(_) => None,
        }
    }

    /// [`quiet_line`](Self::quiet_line), with the line's [`Plan`] when it is not quiet and
    /// was classified (not JSON that [`plain_json`] lets through; `classify` is only asked of
    /// lines that do not start with `{`, `[` or `"`).
    fn quiet_or_plan(&self, memo: &mut KeyMemo, line: &[u8], eqs: Eqs) -> Quiet {
        let (format, keys) = self.structure();
        if plain_json(format, keys, memo, line) {
            return Quiet::Json;
        }
        let first = line.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        if matches!(first, Some(b'{' | b'[' | b'"')) {
            return Quiet::Other(None);
        }
        match classify(format, keys, line, eqs) {
            Plan::Text => Quiet::Text,
            plan => Quiet::Other(Some(plan)),
        }
    }

    /// See [`TextRedactor::spans_and_multiline`].
    pub(crate) fn components_and_multiline(&self, hay: &[u8]) -> (Vec<Span>, bool) {
        self.text.spans_and_multiline(hay)
    }

    fn components_of(&self, hay: &[u8]) -> Vec<Span> {
        self.text.spans(hay)
    }

    fn text_comps(&self, hay: &[u8], utf8: bool) -> Vec<Span> {
        self.text.text_spans(hay, utf8)
    }

    fn text_run(
        &self,
        hay: &[u8],
        utf8: bool,
        vault: Option<&mut Vault>,
        out: &mut Vec<u8>,
    ) -> usize {
        self.text.text_run(hay, utf8, vault, out)
    }

    fn write_replacement(
        &self,
        span: &[u8],
        c: &Span,
        vault: Option<&mut Vault>,
        out: &mut Vec<u8>,
    ) {
        self.text.render.replace(span, c, out, vault);
    }

    fn fail_closed(&self) -> bool {
        self.text.fail_closed()
    }

    fn finding_at(&self, c: &Span, offset: usize) -> Finding {
        self.text.render.finding(c, offset)
    }
}

/// What [`StructuredRedactor::quiet_or_plan`] tells of a line.
enum Quiet {
    /// A JSON line that [`plain_json`] lets through.
    Json,
    /// A text line that cannot be JSON.
    Text,
    /// Neither; its plan when it was classified.
    Other(Option<Plan>),
}

/// How one line is handled.
pub(crate) enum Plan {
    Text,
    Json(JsonLine),
    /// One member of pretty-printed JSON (`  "password": "x",`), read as a one-member object.
    Member(Member),
    /// Spans (in the line) of the values of sensitive and personal keys.
    Kv(Vec<Span>),
}

/// Classifies a line (without its `\n`); `eqs` says where its `=` are.
#[inline(always)]
pub(crate) fn classify(format: Format, keys: &KeySet, line: &[u8], eqs: Eqs) -> Plan {
    if line.len() > MAX_STRUCTURED_LINE || format == Format::Text {
        return Plan::Text;
    }
    // Most text lines are told here, without a call (see `no_pairs`); lines that may be JSON
    // and the others go the whole way.
    let first = line.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
    let quoted = matches!(first, Some(b'{' | b'[' | b'"'));
    if !quoted && no_pairs(keys, line, eqs) {
        // A bare JSON number is JSON (a card number alone on a line is written back as a
        // string: the line stays JSON).
        if matches!(first, Some(b'-' | b'0'..=b'9')) && format != Format::Logfmt {
            if let Some(j) = bare_number(line, keys) {
                return Plan::Json(j);
            }
        }
        return Plan::Text;
    }
    classify_all(format, keys, line, quoted, eqs)
}

/// A line that is a bare JSON number, parsed (most lines that start with a digit, dates and
/// addresses, are told apart by their first bytes, without a parse).
fn bare_number(line: &[u8], keys: &KeySet) -> Option<JsonLine> {
    if json_number_line(line) {
        parse_json(line, keys)
    } else {
        None
    }
}

/// Whether `line` is a JSON number between blanks (`-`, `0` or a digit run, then `.` and
/// digits, then `e` and digits with a sign or not): the lines that JSON reads as a bare
/// number. Dates and addresses fail at their second separator (`2026-12-05`, `10.0.0.1`).
fn json_number_line(line: &[u8]) -> bool {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let digits = |i: usize| i + line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = line.iter().take_while(|b| blank(b)).count();
    if line.get(i) == Some(&b'-') {
        i += 1;
    }
    let int = match line.get(i) {
        Some(b'0') => i + 1,
        Some(b'1'..=b'9') => digits(i),
        _ => return false,
    };
    i = int;
    if line.get(i) == Some(&b'.') {
        let frac = digits(i + 1);
        if frac == i + 1 {
            return false;
        }
        i = frac;
    }
    if matches!(line.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(line.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == i {
            return false;
        }
        i = exp;
    }
    line[i..].iter().all(blank)
}

/// [`classify`], every check; `quoted`: the line's first byte is `{`, `[` or `"`, so
/// [`no_pairs`] has not been asked yet (otherwise it said false).
fn classify_all(format: Format, keys: &KeySet, line: &[u8], quoted: bool, eqs: Eqs) -> Plan {
    if matches!(format, Format::Auto | Format::Json) {
        let first = line.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r'));
        if let Some(i) = first {
            if line[i] == b'{' || line[i] == b'[' {
                if let Some(j) = parse_json(line, keys) {
                    return Plan::Json(j);
                }
                // JSON that does not parse (cut short by a line limit, an invalid escape) keeps
                // the values of its sensitive members replaced, read leniently; a line that
                // starts with a marker is not JSON (a finding at its start was replaced: a
                // second redaction must read it as the first did).
                let mut spans = Vec::new();
                kv::json_like_spans(line, keys, &mut spans);
                if !spans.is_empty() {
                    return Plan::Kv(spans);
                }
                // Otherwise it is text, never logfmt: its redaction as text may make it JSON,
                // which `json_after_text` then renders (a second redaction would).
                return Plan::Text;
            }
            if line[i] == b'"' {
                if let Some(m) = member(line, keys) {
                    return Plan::Member(m);
                }
                // A member that does not parse (an invalid escape, a control byte): its value
                // whole, read leniently, not the `key=value` pairs inside it (replaced, they
                // could make the member parse, and a second redaction would then replace the
                // value whole).
                let mut spans = Vec::new();
                if kv::json_like_spans(line, keys, &mut spans) && !spans.is_empty() {
                    return Plan::Kv(spans);
                }
            }
            if matches!(line[i], b'-' | b'0'..=b'9') {
                if let Some(j) = bare_number(line, keys) {
                    return Plan::Json(j);
                }
            }
        }
        if format == Format::Json {
            return Plan::Text;
        }
    }
    if quoted && no_pairs(keys, line, eqs) {
        return Plan::Text;
    }
    let mut spans = Vec::new();
    if !pair_spans(line, keys, &mut spans) {
        return Plan::Text;
    }
    Plan::Kv(spans)
}

/// The sensitive values of an SQL `INSERT` or of a `key=value` / header / query line; false
/// when the line has no sensitive key (a text line).
fn pair_spans(line: &[u8], keys: &KeySet, spans: &mut Vec<Span>) -> bool {
    spans.clear();
    if sql::insert_spans(line, keys, spans) {
        return true;
    }
    spans.clear();
    // One pair is a pair (`.env` lines, `export TOKEN=...`, a URL with one sensitive
    // parameter): a sensitive key is enough, as a sensitive header name is.
    kv_spans(line, keys, true, spans)
}

/// The pairs of a pair line as a second redaction reads them, when something is replaced in
/// it (`comps`: the rules' findings and the pairs' values): a marker holds no quote, no `=` and no key, so once the line is written its
/// strings may pair otherwise (a value that was inside a string is outside one, or the
/// reverse) and a key whose value ran over later pairs may be gone (`pass= lastname="passwd=k`
/// when `generic-password` takes `lastname=`). The pairs are read on the line with the findings
/// replaced, and their spans mapped back to the line. `None` when nothing was found.
/// `comps` is sorted and merged first.
fn pairs_as_written(
    r: &StructuredRedactor,
    line: &[u8],
    comps: &mut Vec<Span>,
) -> Option<Vec<Span>> {
    if comps.is_empty() {
        return None;
    }
    merge(comps);
    let (text, marks) = written(r, line, comps, None);
    let mut spans = Vec::new();
    pair_spans(&text, &r.keys, &mut spans);
    // A line that looks like JSON and does not parse is read leniently too (see
    // `classify_all`): replacements change how its quotes pair, and a member hidden inside a
    // string before may stand outside one once written.
    if kv::json_like_spans(&text, &r.keys, &mut spans) {
        spans.sort_by_key(|s| s.start);
    }
    Some(
        spans
            .into_iter()
            .map(|s| Span {
                start: marks.to_orig(s.start, false),
                end: marks.to_orig(s.end, true),
                label: s.label,
            })
            .filter(|s| s.end > s.start)
            .collect(),
    )
}

/// A line that starts like JSON but does not parse may parse once its text findings are
/// replaced (an invalid escape inside a password value): a second redaction would then read it
/// as JSON and replace its sensitive values. Such a line is written as that second redaction
/// writes it: redacted as text, then rendered as JSON.
pub(crate) struct JsonAfterText {
    /// The text findings (in the line).
    pub comps: Vec<Span>,
    /// The line redacted as text.
    pub text: Vec<u8>,
    /// Where the replacements stand in `text`, to map positions back to the line.
    pub marks: Marks,
    /// [`Plan::Json`] or [`Plan::Member`], for `text`; [`Plan::Kv`] when `text` does not parse
    /// but has sensitive members, read leniently.
    pub plan: Plan,
}

/// See [`JsonAfterText`]: `None` unless `line` (classified as text) starts with `{` or `[` and
/// its text redaction parses as JSON, or starts with `"` and its text redaction is a JSON
/// member with a sensitive value, or its text redaction does not parse but has sensitive
/// members, read leniently.
#[inline(always)]
pub(crate) fn json_after_text(
    r: &StructuredRedactor,
    format: Format,
    keys: &KeySet,
    line: &[u8],
    utf8: bool,
    vault: Option<&mut Vault>,
) -> Option<JsonAfterText> {
    if !matches!(format, Format::Auto | Format::Json) || line.len() > MAX_STRUCTURED_LINE {
        return None;
    }
    let first = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))?;
    if !matches!(line[first], b'{' | b'[' | b'"') {
        return None;
    }
    json_after_text_from(r, keys, line, first, utf8, vault)
}

/// `line` with the sorted, disjoint findings `comps` replaced as they will be written, and
/// where the replacements stand in it.
fn written(
    r: &StructuredRedactor,
    line: &[u8],
    comps: &[Span],
    mut vault: Option<&mut Vault>,
) -> (Vec<u8>, Marks) {
    let mut text = Vec::with_capacity(line.len() + 32 * comps.len());
    let mut marks = Marks::default();
    let mut at = 0;
    for c in comps {
        text.extend_from_slice(&line[at..c.start]);
        let ts = text.len();
        r.write_replacement(&line[c.start..c.end], c, vault.as_deref_mut(), &mut text);
        marks.push(ts, text.len(), c.start, c.end);
        at = c.end;
    }
    text.extend_from_slice(&line[at..]);
    (text, marks)
}

/// [`json_after_text`] of a line whose first non-blank byte, at `first`, is `{`, `[` or `"`.
fn json_after_text_from(
    r: &StructuredRedactor,
    keys: &KeySet,
    line: &[u8],
    first: usize,
    utf8: bool,
    vault: Option<&mut Vault>,
) -> Option<JsonAfterText> {
    let mut comps = r.text_comps(line, utf8);
    if comps.is_empty() {
        return None;
    }
    if vault.is_some() {
        protect_placeholders(line, &mut comps);
    }
    let (text, marks) = written(r, line, &comps, vault);
    let plan = if line[first] == b'"' {
        member(&text, keys).map(Plan::Member)
    } else {
        parse_json(&text, keys).map(Plan::Json)
    };
    let plan = match plan {
        Some(plan) => plan,
        // Not JSON once written either: its sensitive members as a second redaction reads
        // them (leniently, as `classify_all` does), when it finds some. The replacements may
        // have changed how the line's quotes pair, and brought a member out of a string.
        None => {
            let mut spans = Vec::new();
            kv::json_like_spans(&text, keys, &mut spans);
            if spans.is_empty() {
                return None;
            }
            Plan::Kv(spans)
        }
    };
    Some(JsonAfterText {
        comps,
        text,
        marks,
        plan,
    })
}

/// A line of pretty-printed JSON that holds one member (`"key": value`, with an optional
/// trailing comma), read as the object `{"key": value}`.
pub(crate) struct Member {
    /// The member's span in the line (without indentation and trailing comma).
    start: usize,
    end: usize,
    /// `{` + the member + `}`.
    wrapped: Vec<u8>,
    json: JsonLine,
}

/// The member of a pretty-printed JSON line whose value is under a sensitive key (or is a
/// marker under one: a redaction wrote this line, and a second one must leave it as it is,
/// not read it as `key=value` pairs); `None` for any other line (which stays text, exactly
/// as in text mode).
fn member(line: &[u8], keys: &KeySet) -> Option<Member> {
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r');
    let start = line.iter().position(|&b| !blank(b))?;
    if line[start] != b'"' {
        return None;
    }
    let mut end = line.len();
    while end > start && blank(line[end - 1]) {
        end -= 1;
    }
    if end > start && line[end - 1] == b',' {
        end -= 1;
        while end > start && blank(line[end - 1]) {
            end -= 1;
        }
    }
    // Cheap rejection before building the object: a member has a `:` after its key.
    memchr::memchr(b':', &line[start..end])?;
    let mut wrapped = Vec::with_capacity(end - start + 2);
    wrapped.push(b'{');
    wrapped.extend_from_slice(&line[start..end]);
    wrapped.push(b'}');
    let json = parse_json(&wrapped, keys)?;
    if json.sensitive.is_empty() && !json.redacted {
        return None;
    }
    Some(Member {
        start,
        end,
        wrapped,
        json,
    })
}

/// Sorts and merges overlapping components: a merged span is labelled by its leftmost, then
/// longest, then first-ranked component (rules before the `sensitive-key` pseudo-rule).
fn merge(comps: &mut Vec<Span>) {
    comps.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.label.cmp(&b.label))
    });
    let mut out: Vec<Span> = Vec::with_capacity(comps.len());
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
    r: &StructuredRedactor,
    line: &[u8],
    plan: Plan,
    comps: Option<Vec<Span>>,
    vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Span>,
) {
    let comps = comps.unwrap_or_else(|| r.components_of(line));
    match plan {
        Plan::Text => unreachable!("text lines are rendered as text runs"),
        Plan::Kv(mut spans) => {
            // Both readings: the line as it is and as it will be written (never less than
            // before; a value a rule found in part is still replaced whole). What is written
            // includes the pairs' own replacements, which may pair the strings otherwise
            // again: a few rounds, until the reading as written adds nothing.
            for _ in 0..4 {
                // What `render_kv` replaces: the findings, and the pairs' values that no rule
                // claims.
                let mut all = comps.clone();
                add_key_spans(&mut all, spans.iter().copied());
                let Some(pairs) = pairs_as_written(r, line, &mut all) else {
                    break;
                };
                let before = spans.len();
                spans.extend(
                    pairs
                        .into_iter()
                        .filter(|p| !all.iter().any(|a| a.start <= p.start && p.end <= a.end)),
                );
                if spans.len() == before {
                    break;
                }
            }
            render_kv(r, line, comps, &spans, vault, out, found)
        }
        Plan::Json(j) => render_json_line(r, line, &j, comps, vault, out, found),
        Plan::Member(m) => {
            // `key=value` pairs inside the member's key (`"passwd=x a@b.io apikey": ...`), as
            // a pair line reads them: a finding inside the key can make it an ordinary key once
            // replaced, and a second redaction then reads the line as pairs.
            let mut comps = comps;
            if memchr::memchr(b'=', &line[m.start..m.end]).is_some() {
                let key_end = kv::string_end(line, m.start + 1).unwrap_or(m.end);
                let mut pairs = Vec::new();
                kv_spans(line, &r.keys, true, &mut pairs);
                add_key_spans(
                    &mut comps,
                    pairs
                        .into_iter()
                        .filter(|p| p.start > m.start && p.end <= key_end),
                );
            }
            if comps.iter().any(|c| c.start < m.start || c.end > m.end) {
                // A finding reaches the indentation or the comma: the line as text.
                return render_kv(r, line, comps, &[], vault, out, found);
            }
            // Line positions to positions in `{` + member + `}`, and back.
            let comps = comps
                .iter()
                .map(|c| Span {
                    start: c.start + 1 - m.start,
                    end: c.end + 1 - m.start,
                    label: c.label,
                })
                .collect();
            let mut obj = Vec::with_capacity(m.wrapped.len() + 32);
            let mut obj_found = Vec::new();
            render_json_line(
                r,
                &m.wrapped,
                &m.json,
                comps,
                vault,
                &mut obj,
                &mut obj_found,
            );
            out.extend_from_slice(&line[..m.start]);
            // The braces are structure: never inside a replaced unit.
            out.extend_from_slice(&obj[1..obj.len() - 1]);
            out.extend_from_slice(&line[m.end..]);
            found.extend(obj_found.iter().map(|c| Span {
                start: c.start + m.start - 1,
                end: c.end + m.start - 1,
                label: c.label,
            }));
        }
    }
}

/// Adds the values of sensitive and personal keys to the rules' findings `comps`. A personal
/// value that a rule found (in part) is left to the rule: `Phone: +1 415 555 0100 ext. 204`
/// keeps the phone rule's label and span.
fn add_key_spans(comps: &mut Vec<Span>, spans: impl Iterator<Item = Span>) {
    let rules = comps.len();
    for s in spans {
        let claimed = matches!(s.label, Label::PersonalKey(_))
            && comps[..rules]
                .iter()
                .any(|c| matches!(c.label, Label::Rule(_)) && c.start < s.end && c.end > s.start);
        if !claimed {
            comps.push(s);
        }
    }
}

/// A `key=value` line: the text findings and the sensitive values, replaced in place.
fn render_kv(
    r: &StructuredRedactor,
    line: &[u8],
    mut comps: Vec<Span>,
    spans: &[Span],
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Span>,
) {
    add_key_spans(&mut comps, spans.iter().copied());
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

/// A JSON line: strings decoded and scanned, `key=value` pairs inside string values, the values
/// of sensitive keys; rendered in place (`json.rs`).
fn render_json_line(
    r: &StructuredRedactor,
    line: &[u8],
    j: &JsonLine,
    mut comps: Vec<Span>,
    vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Span>,
) {
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
                comps.push(Span {
                    start: cs + s,
                    end: cs + e,
                    label: c.label,
                });
            }
        }
        // `key=value` pairs and query parameters inside string values (a message, a URL).
        let text = if escaped { &dec[..] } else { &line[cs..ce] };
        if !u.key && memchr::memchr(b'=', text).is_some() {
            spans.clear();
            kv_spans(text, keys, false, &mut spans);
            let mapped = spans.iter().map(|sp| {
                let (s, e) = if escaped {
                    (map[sp.start].0 as usize, map[sp.end - 1].1 as usize)
                } else {
                    (sp.start, sp.end)
                };
                Span {
                    start: cs + s,
                    end: cs + e,
                    label: sp.label,
                }
            });
            add_key_spans(&mut comps, mapped);
        }
    }
    add_key_spans(&mut comps, j.sensitive.iter().copied());
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

/// [`render_line`], but under fail-closed an internal error replaces the whole line.
fn render_line_guarded(
    r: &StructuredRedactor,
    line: &[u8],
    plan: Plan,
    comps: Option<Vec<Span>>,
    vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    found: &mut Vec<Span>,
) {
    if !r.fail_closed() {
        return render_line(r, line, plan, comps, vault, out, found);
    }
    let (at, nfound) = (out.len(), found.len());
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_line(r, line, plan, comps, vault, out, found)
    }));
    if res.is_err() {
        out.truncate(at);
        found.truncate(nfound);
        let c = Span {
            start: 0,
            end: line.len(),
            label: Label::Failed,
        };
        r.write_replacement(line, &c, None, out);
        found.push(c);
    }
}

// ---------------------------------------------------------------------------------------------
// Whole input

/// At most this many bytes of lines are scanned in one engine call when the streaming
/// redactor folds lines (`lines.rs`): bounds the work done again when a block holds the
/// keyword of a multiline rule before the stream knows where such keywords are.
pub(crate) const FOLD_MAX: usize = 64 << 10;

/// Whole-input folds go on after a multiline rule's keyword is seen while such keywords are
/// fewer than one per this many bytes of the input (see `lines_with`).
const ML_SPARSE: usize = 16384;

/// A whole-input fold of fewer lines than this is not worth trying again at once (see
/// `lines_with`).
const FOLD_MIN_LINES: usize = 4;

/// Whether a span holds a line end.
pub(crate) fn crosses_lines(hay: &[u8], spans: &[Span]) -> bool {
    spans
        .iter()
        .any(|c| memchr::memchr(b'\n', &hay[c.start..c.end]).is_some())
}

/// What [`fold_lines`] did.
enum Folded {
    /// The first `bytes` of the input, `lines` lines, were written (`findings` replaced);
    /// nothing if 0.
    Done {
        bytes: usize,
        findings: usize,
        lines: usize,
    },
    /// Nothing was written: the first `bytes` hold a multiline rule's keyword or a span across
    /// lines, and go the line-by-line way.
    LineByLine { bytes: usize },
}

/// Folds the complete lines at the start of `rest` that come out as they came in unless a
/// rule finds something in them (text lines that cannot be JSON, and JSON lines that
/// [`plain_json`] lets through) into one engine call, as the streaming redactor does
/// (`LineStream::fold`); called with no text run open. Single-line rules find in a block of
/// lines exactly what they find in each line alone (see `engine.rs`), so when the block holds
/// no multiline keyword, a clean line is copied, a text line with findings is rendered from
/// the block's spans as a text run renders it, and a plain JSON line with findings is rendered
/// from them as the line-by-line path renders it (the block stops before a JSON line that does
/// not parse: that one goes the line-by-line way). When the block ends at a line that is not
/// quiet, `next` is set, with its plan if it was classified, for the line-by-line way.
fn fold_lines(
    r: &StructuredRedactor,
    rest: &[u8],
    utf8: bool,
    memo: &mut KeyMemo,
    next: &mut Option<Option<Plan>>,
    scratch: &mut FoldScratch,
    out: &mut Vec<u8>,
) -> Folded {
    let (format, keys) = r.structure();
    // A folded line is one piece of the engine's, as it is alone.
    let line_max = FOLD_MAX.min(r.text.engine.piece.saturating_sub(1));
    let mut end = 0;
    let FoldScratch {
        plain,
        ends,
        found,
        mine,
    } = scratch;
    plain.clear();
    ends.clear();
    while end < FOLD_MAX {
        let Some(k) = memchr::memchr(b'\n', &rest[end..]) else {
            break;
        };
        let line = &rest[end..end + k];
        if line.len() > line_max {
            break;
        }
        match r.quiet_or_plan(memo, line, Eqs::Search) {
            Quiet::Json => plain.push(end),
            Quiet::Text => {}
            Quiet::Other(plan) => {
                *next = Some(plan);
                break;
            }
        }
        ends.push(end + k);
        end += k + 1;
    }
    if end == 0 {
        return Folded::Done {
            bytes: 0,
            findings: 0,
            lines: 0,
        };
    }
    let block = &rest[..end];
    let (spans, multiline) = r.components_and_multiline(block);
    if multiline || crosses_lines(block, &spans) {
        return Folded::LineByLine { bytes: end };
    }
    let (mut at, mut si, mut pi, mut findings, mut lines) = (0, 0, 0, 0, 0);
    // Clean lines not yet copied start at `clean`.
    let mut clean = 0;
    for &nl in ends.iter() {
        while si < spans.len() && spans[si].end <= at {
            si += 1;
        }
        while pi < plain.len() && plain[pi] < at {
            pi += 1;
        }
        mine.clear();
        mine.extend(crate::span::line_spans(&spans[si..], at, nl));
        if mine.is_empty() {
            at = nl + 1;
            lines += 1;
            continue;
        }
        let line = &block[at..nl];
        let json = plain.get(pi) == Some(&at);
        let plan = if json {
            match classify(format, keys, line, Eqs::Search) {
                // JSON that does not parse: the line-by-line way (`json_after_text`). The
                // block now ends here, so a plan of the line that ended the scan above is not
                // this line's.
                Plan::Text => {
                    *next = None;
                    break;
                }
                plan => Some(plan),
            }
        } else {
            None
        };
        out.extend_from_slice(&block[clean..at]);
        match plan {
            Some(plan) => {
                found.clear();
                render_line_guarded(r, line, plan, Some(std::mem::take(mine)), None, out, found);
                findings += found.len();
            }
            None => {
                if utf8 {
                    *mine = widen_to_chars(line, std::mem::take(mine));
                }
                r.text
                    .render
                    .render(line, 0, 0..line.len(), mine, out, None);
                findings += mine.len();
            }
        }
        out.push(b'\n');
        at = nl + 1;
        lines += 1;
        clean = at;
    }
    out.extend_from_slice(&block[clean..at]);
    Folded::Done {
        bytes: at,
        findings,
        lines,
    }
}

/// Buffers of [`fold_lines`], kept from one block to the next (a block is a few lines on
/// JSON logs: allocating them for each block cost 0.6% of the instructions of `--format auto`
/// on ordinary logs).
#[derive(Default)]
struct FoldScratch {
    /// Starts of the plain JSON lines.
    plain: Vec<usize>,
    /// Where each line of the block ends (its `\n`), for the second pass.
    ends: Vec<usize>,
    /// Findings of a structured line.
    found: Vec<Span>,
    /// The spans of the line being rendered, in the line.
    mine: Vec<Span>,
}

/// Splits `hay` into lines and redacts it: text runs through `text_run`, structured lines one
/// by one. Calls `on` with each replaced span (absolute offsets); returns the count.
pub(crate) fn redact_lines(
    r: &StructuredRedactor,
    hay: &[u8],
    utf8: bool,
    vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
) -> usize {
    lines_with(r, hay, utf8, vault, out, true)
}

/// [`redact_lines`]; `may_fold: false` sends every line the line-by-line way (the reference
/// that folds are tested against).
fn lines_with(
    r: &StructuredRedactor,
    hay: &[u8],
    utf8: bool,
    mut vault: Option<&mut Vault>,
    out: &mut Vec<u8>,
    may_fold: bool,
) -> usize {
    let (format, keys) = r.structure();
    let mut count = 0;
    let mut run_start = 0;
    let mut at = 0;
    let mut found = Vec::new();
    let mut memo = KeyMemo::default();
    let mut folds = FoldScratch::default();
    // Lines are folded into blocks (see `fold_lines`) unless a vault numbers the findings, and
    // not again over a block that held a multiline keyword until its lines have gone the
    // line-by-line way.
    let fold = may_fold && vault.is_none() && matches!(format, Format::Auto | Format::Json);
    let mut fold_from = 0;
    // Where the keywords of multiline rules are: looked for over the whole input once a block
    // holds one (`None` until then); a block then ends before the line of the next one, and
    // that line goes the line-by-line way.
    let mut ahead = crate::engine::MlLookahead::default();
    let mut ml_known: Option<bool> = None;
    // A fold that takes no line has classified its first line for nothing (the line-by-line
    // way does it again), and one of a line or two saves little over its own costs: after
    // such a fold, the next `backoff` lines are not tried, twice as many after each such fold
    // in a row (dense structured input), none after a fold of `FOLD_MIN_LINES` or more.
    let (mut backoff, mut skip) = (0usize, 0usize);
    // A line a fold stopped at (not quiet: not to be folded), with its plan if it has one.
    let mut stopped: Option<(usize, Option<Plan>)> = None;
    while at < hay.len() {
        let here = match stopped.take() {
            Some((p, plan)) if p == at => Some(plan),
            _ => None,
        };
        if skip > 0 {
            skip -= 1;
        } else if fold && run_start == at && at >= fold_from && here.is_none() {
            let stop = match ml_known {
                None => hay.len(),
                Some(false) => at,
                Some(true) => {
                    let starts = &ahead.starts;
                    match starts.get(starts.partition_point(|&s| s < at)) {
                        Some(&s) => memchr::memrchr(b'\n', &hay[at..s]).map_or(at, |i| at + i + 1),
                        None => hay.len(),
                    }
                }
            };
            let mut next = None;
            match fold_lines(
                r,
                &hay[at..stop],
                utf8,
                &mut memo,
                &mut next,
                &mut folds,
                out,
            ) {
                Folded::Done {
                    bytes,
                    findings,
                    lines,
                } if bytes > 0 => {
                    count += findings;
                    at += bytes;
                    run_start = at;
                    stopped = next.map(|plan| (at, plan));
                    if lines < FOLD_MIN_LINES {
                        skip = backoff;
                        backoff = (backoff * 2).clamp(1, 32);
                    } else {
                        backoff = 0;
                    }
                    continue;
                }
                // The first line is not for a fold: it goes the line-by-line way (with its
                // plan, when the fold classified it).
                Folded::Done { .. } => {
                    skip = backoff;
                    backoff = (backoff * 2).clamp(1, 32);
                    if let Some(plan) = next {
                        stopped = Some((at, plan));
                        continue;
                    }
                }
                Folded::LineByLine { .. } if ml_known.is_none() => {
                    let known = ahead.look(&r.text.engine, hay, 0);
                    // Where such keywords are dense, folds would be cut short before each:
                    // every line then goes the line-by-line way.
                    let dense = ahead.starts.len().saturating_mul(ML_SPARSE) > hay.len();
                    ml_known = Some(known && !dense);
                    continue;
                }
                Folded::LineByLine { bytes } => fold_from = at + bytes,
            }
        }
        let nl = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |k| at + k);
        let next = (nl + 1).min(hay.len());
        // A plain JSON line: its findings first, and a parse only when it has some. (A line
        // a fold stopped at is not one, and may have been classified.)
        let mut comps = None;
        let stopped_here = here.is_some();
        let known = here.flatten();
        if !stopped_here && plain_json(format, keys, &mut memo, &hay[at..nl]) {
            let (c, multiline) = r.components_and_multiline(&hay[at..nl]);
            if c.is_empty() && !multiline {
                if run_start < at {
                    count += r.text_run(&hay[run_start..at], utf8, vault.as_deref_mut(), out);
                }
                out.extend_from_slice(&hay[at..next]);
                run_start = next;
                at = next;
                continue;
            }
            if !c.is_empty() {
                comps = Some(c);
            }
        }
        match known.unwrap_or_else(|| classify(format, keys, &hay[at..nl], Eqs::Search)) {
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
                        j.plan,
                        None,
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
                render_line_guarded(
                    r,
                    &hay[at..nl],
                    plan,
                    comps,
                    vault.as_deref_mut(),
                    out,
                    &mut found,
                );
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

#[cfg(test)]
mod fold_tests {
    use super::*;
    use proptest::prelude::*;

    fn line(k: u8, i: usize) -> Vec<u8> {
        let s = match k % 16 {
            0 => format!("{{\"msg\":\"sent to bo{i}@example.org\",\"n\":{i}}}"),
            1 => format!("{{\"ts\":\"2026-12-07T02:00:{:02}Z\",\"msg\":\"ok\"}}", i % 60),
            2 => format!("{{\"password\":\"hunter{i}xyz\",\"user\":\"ann\"}}"),
            3 if i % 2 == 0 => format!("{{\"msg\": \"ann{i}@example.com\""),
            3 => format!("{{\"user\"x{i}\",\"l\":[\"ann{i}@example.com\"]}}"),
            4 => "token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 in a text line".to_string(),
            5 => format!("10.1.{}.7 - - GET /x 200 {i} ms", i % 250),
            6 => format!("password=hunter{i}secret user=ann"),
            7 => "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7Bx3kq9Qv2Lr8Yc1Zt4Wm6Pn0Hs5Jd7Fg2Ke9Va3Xb\n-----END RSA PRIVATE KEY-----".to_string(),
            8 => format!("Best regards,\nAnn Example{i}"),
            9 => format!("caf\u{e9} \u{2615} ann{i}@example.com \u{fc}n\u{ef}code"),
            10 => format!("  \"password\": \"s3cr3t{i}\","),
            11 => "4111111111111111".to_string(),
            12 => String::new(),
            13 => format!("[{{\"email\":\"x{i}@example.net\"}}]"),
            14 => format!("call +44 20 7946 {:04} or 555-{:03}-{:04}", i % 10000, i % 1000, i % 10000),
            _ => format!("worker {i} done in {} ms", i * 7 % 1000),
        };
        s.into_bytes()
    }

    fn both(
        r: &StructuredRedactor,
        input: &[u8],
        utf8: bool,
    ) -> ((Vec<u8>, usize), (Vec<u8>, usize)) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let na = lines_with(r, input, utf8, None, &mut a, true);
        let nb = lines_with(r, input, utf8, None, &mut b, false);
        ((a, na), (b, nb))
    }

    fn redactor(format: Format) -> crate::Redactor {
        crate::Redactor::builder()
            .format(format)
            .build()
            .expect("catalog")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]

        /// Folding lines into blocks gives what the line-by-line way gives, byte for byte,
        /// with as many findings: JSON lines plain and sensitive, broken JSON, text with and
        /// without findings, multiline keywords, invalid UTF-8, a last line without `\n`.
        #[test]
        fn folded_equals_line_by_line(
            kinds in prop::collection::vec(0u8..16, 1..60),
            bad in prop::collection::vec(any::<bool>(), 1..60),
            end_nl in any::<bool>(),
            json in any::<bool>(),
        ) {
            let r = redactor(if json { Format::Json } else { Format::Auto });
            let mut input = Vec::new();
            for (i, &k) in kinds.iter().enumerate() {
                input.extend(line(k, i));
                if bad.get(i).copied().unwrap_or(false) && k % 4 == 1 {
                    input.extend_from_slice(b" \xFF\xFE ann@example.com");
                }
                input.push(b'\n');
            }
            if !end_nl {
                input.pop();
            }
            let utf8 = std::str::from_utf8(&input).is_ok();
            let (folded, line_by_line) = both(r.structured(), &input, utf8);
            prop_assert_eq!(String::from_utf8_lossy(&folded.0), String::from_utf8_lossy(&line_by_line.0));
            prop_assert_eq!(folded.1, line_by_line.1);
        }
    }

    /// A fold that ends at a JSON-looking line that does not parse (before the line whose
    /// plan its scan found) hands no plan on: the broken line is not rendered with the plan of
    /// the key=value line after it (found by the fuzz target `structured`).
    #[test]
    fn a_fold_cut_at_broken_json_hands_on_no_plan() {
        let r = redactor(Format::Auto);
        for first in ["", "plain text line\n"] {
            let input = format!(
                "{first}{{\"user\"bsnnn\",\"p\":{{\"api_key\":\"AKIAZ3MHKEY7PQ4XW2LN\"}},\"l\":[\"ann@example.com\"]}}\npassword=hunter2xyz user=ann\n"
            );
            let (folded, line_by_line) = both(r.structured(), input.as_bytes(), true);
            assert_eq!(folded, line_by_line);
            assert!(!String::from_utf8_lossy(&folded.0).contains("hunter2xyz"));
        }
    }

    #[test]
    fn long_lines_and_large_inputs_equal_line_by_line() {
        let r = redactor(Format::Auto);
        let mut input = Vec::new();
        for i in 0..4000 {
            input.extend(line((i * 7 % 16) as u8, i));
            input.push(b'\n');
            if i % 1000 == 999 {
                // Longer than a fold's line limit.
                input.extend(std::iter::repeat_n(b'x', 70_000));
                input.extend_from_slice(b" ann@example.com\n");
            }
        }
        let (folded, line_by_line) = both(r.structured(), &input, true);
        assert_eq!(folded, line_by_line);
        assert!(folded.1 > 1000);
    }
}

#[cfg(test)]
mod number_tests {
    use super::json_number_line;
    use proptest::prelude::*;

    /// What a JSON parser says of the line: a number and nothing else.
    fn parses_as_number(line: &[u8]) -> bool {
        matches!(
            serde_json::from_slice::<serde_json::Value>(line),
            Ok(serde_json::Value::Number(_))
        )
    }

    #[test]
    fn numbers_and_near_misses() {
        for yes in [
            "0",
            "-0",
            "12",
            " 4111111111111111 ",
            "1.5",
            "-2.25e-3",
            "6E+2\r",
            "7e9",
        ] {
            assert!(json_number_line(yes.as_bytes()), "{yes:?}");
        }
        for no in [
            "",
            " ",
            "-",
            "01",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "1 2",
            "2026-12-05",
            "10.0.0.1",
            "1-2",
            "--1",
            "1.2.3",
            "12 ms",
        ] {
            assert!(!json_number_line(no.as_bytes()), "{no:?}");
        }
    }

    proptest! {
        /// The shape check says yes wherever a JSON parser reads a number (and no only where
        /// it does not), on lines of the bytes numbers, dates and addresses are made of; it
        /// may say yes to a number the parser refuses as out of range (`1e309`), which the
        /// parse after it then refuses.
        #[test]
        fn shape_is_what_json_reads_as_a_number(line in prop::collection::vec(
            prop::sample::select(b"0123456789-+.eE \t\r".to_vec()), 0..14)
        ) {
            let shaped = json_number_line(&line);
            let parsed = parses_as_number(&line);
            let text = String::from_utf8_lossy(&line);
            prop_assert!(shaped || !parsed, "{:?}", text);
            if shaped && !parsed {
                let e = serde_json::from_slice::<serde_json::Value>(&line).unwrap_err();
                prop_assert!(e.to_string().contains("out of range"), "{:?}: {}", text, e);
            }
        }
    }
}
