//! The replacement marker `[REDACTED:<id>]`: its syntax, written and recognised here only.
//!
//! Redaction is a fixed point: a second redaction of redacted text changes nothing. The scanner
//! therefore recognises markers in its input (a keyword inside one is not context, a window
//! never reaches across one, a match stops before one), and the renderer writes them.

/// How a marker opens.
pub(crate) const OPEN: &[u8] = b"[REDACTED:";

/// Writes `[REDACTED:<id>]`.
pub(crate) fn write_label(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(OPEN);
    out.extend_from_slice(id.as_bytes());
    out.push(b']');
}

/// Writes `[REDACTED:<id>:<hex of digest>]`.
pub(crate) fn write_hashed(out: &mut Vec<u8>, id: &str, digest: &[u8]) {
    out.extend_from_slice(OPEN);
    out.extend_from_slice(id.as_bytes());
    out.push(b':');
    for b in digest {
        out.extend_from_slice(format!("{b:02x}").as_bytes());
    }
    out.push(b']');
}

/// True when `v` starts with a marker.
pub(crate) fn starts_with_marker(v: &[u8]) -> bool {
    v.starts_with(OPEN)
}

/// True when `h` holds a marker anywhere.
pub(crate) fn contains_marker(h: &[u8]) -> bool {
    // Keys are short: a `[` search beats building a substring searcher per call.
    find_marker(h).is_some()
}

/// Shrinks the window `ws..we` of a keyword at `hs..he` so that it holds no marker.
#[inline]
pub(crate) fn clip_at_markers(
    hay: &[u8],
    ws: usize,
    we: usize,
    hs: usize,
    he: usize,
) -> (usize, usize) {
    let mut we = we;
    let mut ws = ws;
    let from = he.clamp(ws, we);
    if let Some(i) = find_marker(&hay[from..we]) {
        we = from + i;
    }
    let to = hs.clamp(ws, we);
    for i in memchr::memrchr_iter(b'[', &hay[ws..to]) {
        let at = ws + i;
        if hay[at..].starts_with(OPEN) {
            if let Some(j) = memchr::memchr(b']', &hay[at..to]) {
                ws = at + j + 1;
            }
            break;
        }
    }
    (ws, we.max(ws))
}

/// Position of the first `[REDACTED:` in `h`.
#[inline]
pub(crate) fn find_marker(h: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'[', h).find(|&i| h[i..].starts_with(OPEN))
}

/// True when `h` holds `REDACTED:`, the body of a marker.
#[inline]
pub(crate) fn contains_redacted(h: &[u8]) -> bool {
    memchr::memchr_iter(b'R', h).any(|i| h[i..].starts_with(&OPEN[1..]))
}

/// True when `h` holds `REDACTED:` (the body of a marker) anywhere: when it does not, no
/// marker check on `h` can fail.
pub(crate) fn holds_marker_body(h: &[u8]) -> bool {
    static BODY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(&OPEN[1..]));
    BODY.find(h).is_some()
}

/// How far back a marker check looks.
pub(crate) const LOOKBACK: usize = 96;

/// True when `pos` lies inside a replacement marker `[REDACTED:...]` written by redactum,
/// its opening `[` excluded.
pub(crate) fn inside_marker(hay: &[u8], pos: usize) -> bool {
    let from = pos.saturating_sub(LOOKBACK);
    // The marker may start just before `pos` and run past it: search up to `pos + 9`.
    let to = (pos + OPEN.len() - 1).min(hay.len());
    let near = &hay[from..to];
    for i in memchr::memrchr_iter(b'[', near) {
        let start = from + i;
        if start < pos && near[i..].starts_with(OPEN) {
            return !hay[start..pos].contains(&b']');
        }
    }
    false
}

/// True when the span starts right after a marker or ends right before one: the marker changed
/// the candidate's context (a word boundary), so it was not a finding before the redaction that
/// wrote the marker; reporting it now would make redaction not idempotent.
pub(crate) fn touches_marker(hay: &[u8], ss: usize, se: usize, hi: usize) -> bool {
    (ss > 0 && hay[ss - 1] == b']' && inside_marker(hay, ss - 1))
        || hay[se..hi.max(se)].starts_with(OPEN)
}
