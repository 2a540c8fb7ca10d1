//! Replacement: the styles, and the rendering of merged spans into output.
//!
//! The marker syntax itself lives in [`crate::marker`]; placeholders of the reversible mode in
//! [`crate::vault`].

use std::fmt;
use std::panic::RefUnwindSafe;
use std::sync::Arc;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::marker;
use crate::rule::Category;
use crate::span::{Finding, Label, Span, INTERNAL_ERROR_RULE, SENSITIVE_KEY_RULE};
use crate::vault::Vault;

/// A caller-supplied replacement: receives the finding and the bytes of one line of it.
pub type ReplaceFn = dyn Fn(&Finding, &[u8]) -> String + Send + Sync + RefUnwindSafe;

/// How a found span is replaced.
///
/// Whatever the style, a span that covers several lines is replaced line by line and its
/// newlines are kept, so a redactor never adds or drops lines; the indentation of its
/// continued lines is kept too (layout, not secret).
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum Style {
    /// `[REDACTED:<rule-id>]` (the default).
    #[default]
    Label,
    /// One `*` per character: the text keeps its length in characters.
    Mask,
    /// Keep the first and last characters, mask the middle; spans too short to keep that much
    /// of (less than twice what is kept) are masked whole.
    Partial {
        /// Characters kept at the start.
        keep_start: usize,
        /// Characters kept at the end.
        keep_end: usize,
    },
    /// `[REDACTED:<rule-id>:<16 hex digits>]`, the digits from HMAC-SHA-256 of the value under
    /// the builder's key: equal values give equal tokens, without the key they cannot be
    /// brute-forced.
    Hash,
    /// A caller's closure.
    Custom(Arc<ReplaceFn>),
}

impl fmt::Debug for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Style::Label => f.write_str("Label"),
            Style::Mask => f.write_str("Mask"),
            Style::Partial {
                keep_start,
                keep_end,
            } => f
                .debug_struct("Partial")
                .field("keep_start", keep_start)
                .field("keep_end", keep_end)
                .finish(),
            Style::Hash => f.write_str("Hash"),
            Style::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

/// The marker of the label style for a rule id: `[REDACTED:<rule-id>]`. For replacement
/// callables that fail: their finding gets this instead, never the original value.
pub fn label_marker(rule_id: &str) -> String {
    let mut out = Vec::new();
    marker::write_label(&mut out, rule_id);
    String::from_utf8_lossy(&out).into_owned()
}

/// The most characters the partial style keeps at one end: keeping more is no longer
/// redaction, and the bound keeps `keep_start + keep_end` far from overflowing.
pub const MAX_KEEP: usize = 256;

impl std::str::FromStr for Style {
    type Err = crate::error::Error;

    /// `label`, `mask`, `hash`, `partial` (4 characters kept at each end) or
    /// `partial:START:END` (each at most [`MAX_KEEP`]): the names every interface accepts.
    fn from_str(s: &str) -> Result<Style, Self::Err> {
        use crate::error::{Error, ErrorKind};
        Ok(match s {
            "label" => Style::Label,
            "mask" => Style::Mask,
            "hash" => Style::Hash,
            "partial" => Style::Partial {
                keep_start: 4,
                keep_end: 4,
            },
            other => {
                let Some(rest) = other.strip_prefix("partial:") else {
                    return Err(Error::new(
                        ErrorKind::Config,
                        format!(
                            "unknown style {other:?} (expected \"label\", \"mask\", \"partial\", \"partial:START:END\" or \"hash\")"
                        ),
                    ));
                };
                let bad = || {
                    Error::new(
                        ErrorKind::Config,
                        format!(
                            "bad partial style {other:?}: partial:START:END takes two whole numbers, each at most {MAX_KEEP} (e.g. partial:0:4)"
                        ),
                    )
                };
                let (a, b) = rest.split_once(':').ok_or_else(bad)?;
                let num = |t: &str| match t.parse::<usize>() {
                    Ok(n) if n <= MAX_KEEP && !t.starts_with('+') => Ok(n),
                    _ => Err(bad()),
                };
                Style::Partial {
                    keep_start: num(a)?,
                    keep_end: num(b)?,
                }
            }
        })
    }
}

/// How each label is replaced: the styles chosen per rule, and what they need.
pub(crate) struct Renderer {
    /// The default style.
    pub style: Style,
    /// The style of each rule, by index.
    styles: Vec<Style>,
    sensitive_style: Style,
    key: Vec<u8>,
    /// Id and category of each rule, by index.
    labels: Vec<(Arc<str>, Category)>,
    sensitive_id: Arc<str>,
    failed_id: Arc<str>,
    /// Id and style of each personal-key type, by index (category PII).
    personal: Vec<(Arc<str>, Style)>,
}

impl Renderer {
    /// `labels` and `styles` are per rule, by index.
    pub(crate) fn new(
        style: Style,
        styles: Vec<Style>,
        sensitive_style: Style,
        key: Vec<u8>,
        labels: Vec<(Arc<str>, Category)>,
        personal: Vec<(Arc<str>, Style)>,
    ) -> Renderer {
        Renderer {
            style,
            styles,
            sensitive_style,
            key,
            labels,
            sensitive_id: Arc::from(SENSITIVE_KEY_RULE),
            failed_id: Arc::from(INTERNAL_ERROR_RULE),
            personal,
        }
    }

    /// Id and category of a label, including the pseudo-rules.
    fn meta(&self, label: Label) -> (&Arc<str>, Category) {
        match label {
            Label::Rule(r) => {
                let (id, category) = &self.labels[r as usize];
                (id, *category)
            }
            Label::SensitiveKey => (&self.sensitive_id, Category::Secret),
            Label::PersonalKey(t) => match self.personal.get(usize::from(t)) {
                Some((id, _)) => (id, Category::Pii),
                None => (&self.sensitive_id, Category::Secret),
            },
            Label::Failed => (&self.failed_id, Category::Secret),
        }
    }

    /// The public finding of a span, shifted by `offset`.
    pub(crate) fn finding(&self, s: &Span, offset: usize) -> Finding {
        let (id, category) = self.meta(s.label);
        Finding {
            rule_id: id.clone(),
            category,
            start: s.start + offset,
            end: s.end + offset,
        }
    }

    /// Writes `hay` (absolute offsets `base..`) over `range`, each span replaced.
    pub(crate) fn render(
        &self,
        hay: &[u8],
        base: usize,
        range: std::ops::Range<usize>,
        comps: &[Span],
        out: &mut Vec<u8>,
        mut vault: Option<&mut Vault>,
    ) {
        let mut at = range.start;
        for c in comps {
            if c.start < at || c.end > range.end {
                continue;
            }
            out.extend_from_slice(&hay[at - base..c.start - base]);
            self.replace(
                &hay[c.start - base..c.end - base],
                c,
                out,
                vault.as_deref_mut(),
            );
            at = c.end;
        }
        out.extend_from_slice(&hay[at - base..range.end - base]);
    }

    /// Writes the replacement of one span, line by line, keeping its line ends.
    pub(crate) fn replace(
        &self,
        span: &[u8],
        c: &Span,
        out: &mut Vec<u8>,
        mut vault: Option<&mut Vault>,
    ) {
        for (i, part) in span.split(|b| *b == b'\n').enumerate() {
            let mut part = part;
            if i > 0 {
                out.push(b'\n');
                // The indentation of a continued line is layout, not the secret: a PEM block
                // in YAML stays YAML.
                let indent = part
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                out.extend_from_slice(&part[..indent]);
                part = &part[indent..];
            }
            let (content, cr) = match part {
                [rest @ .., b'\r'] => (rest, true),
                _ => (part, false),
            };
            if !content.is_empty() {
                match vault.as_deref_mut() {
                    Some(v) if c.label != Label::Failed => {
                        let (id, _) = self.meta(c.label);
                        out.extend_from_slice(
                            v.assign(id, &String::from_utf8_lossy(content)).as_bytes(),
                        );
                    }
                    _ => self.replace_one(content, c, out),
                }
            }
            if cr {
                out.push(b'\r');
            }
        }
    }

    fn replace_one(&self, content: &[u8], c: &Span, out: &mut Vec<u8>) {
        let (id, _) = self.meta(c.label);
        let style = match c.label {
            Label::Failed => return marker::write_label(out, INTERNAL_ERROR_RULE),
            Label::SensitiveKey => &self.sensitive_style,
            Label::PersonalKey(t) => self
                .personal
                .get(usize::from(t))
                .map_or(&self.style, |(_, s)| s),
            Label::Rule(r) => self.styles.get(r as usize).unwrap_or(&self.style),
        };
        match style {
            Style::Label => marker::write_label(out, id),
            Style::Mask => out.extend(std::iter::repeat_n(b'*', char_count(content))),
            Style::Partial {
                keep_start,
                keep_end,
            } => {
                let n = char_count(content);
                // Saturating: user numbers (`--keep 2^63`) must never overflow into keeping it all.
                if keep_start.saturating_add(*keep_end) > n / 2 {
                    out.extend(std::iter::repeat_n(b'*', n));
                } else {
                    let a = char_prefix_len(content, *keep_start);
                    let b = content.len() - char_suffix_len(content, *keep_end);
                    out.extend_from_slice(&content[..a]);
                    out.extend(std::iter::repeat_n(b'*', n - keep_start - keep_end));
                    out.extend_from_slice(&content[b..]);
                }
            }
            Style::Hash => {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
                    .expect("HMAC takes keys of any length");
                mac.update(content);
                let digest = mac.finalize().into_bytes();
                marker::write_hashed(out, id, &digest[..8]);
            }
            Style::Custom(f) => {
                let finding = self.finding(c, 0);
                let s = f(&finding, content);
                out.extend(s.bytes().map(|b| if b == b'\n' { b' ' } else { b }));
            }
        }
    }
}
/// Widens spans to character boundaries of UTF-8 text, merging spans that come to overlap
/// (in place: a span is written at or before the place it is read from).
pub(crate) fn widen_to_chars(text: &[u8], mut comps: Vec<Span>) -> Vec<Span> {
    let boundary = |i: usize| i >= text.len() || (text[i] as i8) >= -0x40;
    let mut kept = 0usize;
    for i in 0..comps.len() {
        let mut c = comps[i];
        while !boundary(c.start) {
            c.start -= 1;
        }
        while !boundary(c.end) {
            c.end += 1;
        }
        match kept.checked_sub(1).map(|l| &mut comps[l]) {
            Some(l) if c.start < l.end => l.end = l.end.max(c.end),
            _ => {
                comps[kept] = c;
                kept += 1;
            }
        }
    }
    comps.truncate(kept);
    comps
}

/// Characters in `s` counting each invalid byte as one.
fn char_count(s: &[u8]) -> usize {
    s.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count()
}

fn char_prefix_len(s: &[u8], n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in s.iter().enumerate() {
        if !(0x80..0xC0).contains(&b) {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

fn char_suffix_len(s: &[u8], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, &b) in s.iter().enumerate().rev() {
        if !(0x80..0xC0).contains(&b) {
            seen += 1;
            if seen == n {
                return s.len() - i;
            }
        }
    }
    s.len()
}

/// Cuts placeholders out of the spans to replace, so they are never replaced again.
pub(crate) fn protect_placeholders(hay: &[u8], comps: &mut Vec<Span>) {
    if comps.is_empty() || memchr::memchr(b'<', hay).is_none() {
        return;
    }
    let mut out = Vec::with_capacity(comps.len());
    for c in comps.drain(..) {
        let from = c.start.saturating_sub(256);
        let to = (c.end + 256).min(hay.len());
        let mut cur = c.start;
        for (s, e) in crate::vault::placeholders_in(&hay[from..to])
            .into_iter()
            .map(|(s, e)| (s + from, e + from))
        {
            if e <= cur || s >= c.end {
                continue;
            }
            if s > cur {
                out.push(Span {
                    start: cur,
                    end: s,
                    label: c.label,
                });
            }
            cur = e;
        }
        if cur < c.end {
            out.push(Span {
                start: cur,
                end: c.end,
                label: c.label,
            });
        }
    }
    *comps = out;
}

#[cfg(test)]
mod tests {
    use super::widen_to_chars;
    use crate::span::{Label, Span};

    fn span(start: usize, end: usize, rule: u32) -> Span {
        Span {
            start,
            end,
            label: Label::Rule(rule),
        }
    }

    /// Spans that cut a character grow to its bounds; spans that then overlap merge into the
    /// first, which keeps its label; the rest keep their places.
    #[test]
    fn spans_widen_to_characters_and_merge() {
        // "aé€b€c": `é` at 1..3, `€` at 3..6, `b` at 6, `€` at 7..10, `c` at 10.
        let text = "aé€b€c".as_bytes();
        let widened = widen_to_chars(
            text,
            vec![
                span(0, 2, 1),
                span(2, 4, 2),
                span(6, 7, 3),
                span(8, 9, 4),
                span(9, 10, 5),
                span(10, 11, 6),
            ],
        );
        assert_eq!(
            widened,
            vec![
                span(0, 6, 1),
                span(6, 7, 3),
                span(7, 10, 4),
                span(10, 11, 6)
            ]
        );
        assert_eq!(widen_to_chars(text, Vec::new()), Vec::new());
        assert_eq!(
            widen_to_chars(b"plain", vec![span(1, 3, 0)]),
            vec![span(1, 3, 0)]
        );
    }
}
