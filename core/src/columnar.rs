//! Batches in the Arrow string layout: one values buffer, `len + 1` offsets and an optional
//! validity bitmap. Redaction writes every row into one shared output buffer (no allocation
//! per string); nulls stay null and empty strings stay empty.
//!
//! Each value comes out as the whole-input path of [`Redactor::redact`] (valid UTF-8) or
//! [`Redactor::redact_bytes`] (anything else: the bytes are redacted as bytes and invalid
//! sequences pass through unchanged apart from replaced spans) gives it.
//!
//! Rows are screened together: short one-line rows that come out as they came in unless a
//! rule finds something in them (text, or JSON without a sensitive key: see
//! `StructuredRedactor::quiet_line`) are joined by `\n` into blocks of up to 64 KiB and scanned
//! in one engine call. The engine finds in a block of lines exactly what it finds in each
//! line alone (see `engine.rs`), so a row the block's findings do not touch is copied as it is,
//! and only the others (and rows that were not screened) go through the per-value path. A row
//! that holds the keyword of a multiline rule is not screened (its window could run on into the
//! rows after it); should a block still hold one, none of its rows is trusted.

use std::fmt;

use rayon::prelude::*;

use crate::redact::Redactor;
use crate::render::widen_to_chars;
use crate::rule::Category;
use crate::span::Span;
use crate::structured::{Eqs, KeyMemo};

/// What screening told about a row.
#[derive(Clone, Copy)]
enum Screened<'s> {
    /// Nothing in it would be found or replaced.
    Quiet,
    /// A text line (in the row's offsets: its findings on its own, as `TextRedactor::spans`
    /// gives them).
    Text(&'s [Span]),
    /// Not known: the row goes through the per-value path.
    Unknown,
}

/// Bytes of rows (with their `\n`) screened in one engine call.
const SCREEN_BLOCK: usize = 64 << 10;
/// Longer rows are not screened: they go through the per-value path on their own.
const SCREEN_ROW_MAX: usize = 4 << 10;

/// An Arrow offset type: `i32` (`string`, `binary`) or `i64` (`large_string`, `large_binary`).
pub trait Offset: Copy + Send + Sync + fmt::Debug + private::Sealed + 'static {
    /// The offset as an index, `None` when negative or too large for this machine.
    fn to_usize(self) -> Option<usize>;
    /// The index as an offset, `None` when it does not fit.
    fn from_usize(n: usize) -> Option<Self>;
}

mod private {
    pub trait Sealed {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
}

impl Offset for i32 {
    fn to_usize(self) -> Option<usize> {
        usize::try_from(self).ok()
    }
    fn from_usize(n: usize) -> Option<Self> {
        i32::try_from(n).ok()
    }
}

impl Offset for i64 {
    fn to_usize(self) -> Option<usize> {
        usize::try_from(self).ok()
    }
    fn from_usize(n: usize) -> Option<Self> {
        i64::try_from(n).ok()
    }
}

/// A column that does not have the Arrow shape (offsets out of order or past the values,
/// a validity bitmap too short), or an output too large for its offset type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnError {
    message: String,
}

impl ColumnError {
    fn new(message: impl Into<String>) -> ColumnError {
        ColumnError {
            message: message.into(),
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ColumnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ColumnError {}

/// A validity bitmap in Arrow's bit order (least significant bit first); bit `offset + i`
/// is set when row `i` is valid.
#[derive(Clone, Copy, Debug)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> Validity<'a> {
    /// The bitmap `bits`, whose first row is bit `offset`.
    pub fn new(bits: &'a [u8], offset: usize) -> Validity<'a> {
        Validity { bits, offset }
    }

    fn is_valid(&self, row: usize) -> bool {
        let i = self.offset + row;
        self.bits[i / 8] & (1 << (i % 8)) != 0
    }
}

/// A checked, borrowed string column in the Arrow layout.
#[derive(Clone, Copy, Debug)]
pub struct Column<'a, O: Offset> {
    values: &'a [u8],
    offsets: &'a [O],
    validity: Option<Validity<'a>>,
}

impl<'a, O: Offset> Column<'a, O> {
    /// A column of `offsets.len() - 1` rows: row `i` is `values[offsets[i]..offsets[i + 1]]`,
    /// or null when `validity` says so. For a sliced Arrow array, pass the offsets from the
    /// array's offset on and the validity with the same bit offset.
    ///
    /// # Errors
    /// When `offsets` is empty, negative, decreasing or past the end of `values`, or when the
    /// bitmap holds fewer bits than rows.
    pub fn new(
        values: &'a [u8],
        offsets: &'a [O],
        validity: Option<Validity<'a>>,
    ) -> Result<Column<'a, O>, ColumnError> {
        if offsets.is_empty() {
            return Err(ColumnError::new(
                "a string column needs at least one offset",
            ));
        }
        let mut prev = 0;
        for (i, o) in offsets.iter().enumerate() {
            let at = o
                .to_usize()
                .ok_or_else(|| ColumnError::new(format!("offset {i} is negative: {o:?}")))?;
            if (i > 0 && at < prev) || at > values.len() {
                return Err(ColumnError::new(format!(
                    "offset {i} ({at}) is out of order or past the {} bytes of values",
                    values.len()
                )));
            }
            prev = at;
        }
        let rows = offsets.len() - 1;
        if let Some(v) = &validity {
            if v.bits.len().saturating_mul(8) < v.offset.saturating_add(rows) {
                return Err(ColumnError::new(format!(
                    "the validity bitmap has {} bits, {} rows from bit {} need more",
                    v.bits.len() * 8,
                    rows,
                    v.offset
                )));
            }
        }
        Ok(Column {
            values,
            offsets,
            validity,
        })
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// True when the column has no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where row `row` starts in the values buffer (whether it is null or not).
    fn start(&self, row: usize) -> Option<usize> {
        self.offsets[row].to_usize()
    }

    /// Row `row`'s bytes, `None` when it is null.
    ///
    /// # Panics
    /// When `row >= self.len()`.
    pub fn value(&self, row: usize) -> Option<&'a [u8]> {
        if let Some(v) = &self.validity {
            if !v.is_valid(row) {
                return None;
            }
        }
        // Checked by `new`.
        let s = self.offsets[row].to_usize().unwrap_or(0);
        let e = self.offsets[row + 1].to_usize().unwrap_or(0);
        Some(&self.values[s..e])
    }

    /// The validity bitmap shifted to start at bit 0, `None` when every row is valid.
    fn validity_from_zero(&self) -> Option<Vec<u8>> {
        let v = self.validity?;
        let rows = self.len();
        let mut out = vec![0u8; rows.div_ceil(8)];
        if v.offset % 8 == 0 {
            let n = out.len();
            out.copy_from_slice(&v.bits[v.offset / 8..v.offset / 8 + n]);
            // Bits past the last row stay as Arrow leaves them: undefined, but zero is tidy.
            if rows % 8 != 0 {
                if let Some(last) = out.last_mut() {
                    *last &= (1u8 << (rows % 8)) - 1;
                }
            }
        } else {
            for row in 0..rows {
                if v.is_valid(row) {
                    out[row / 8] |= 1 << (row % 8);
                }
            }
        }
        Some(out)
    }

    /// Rows split into at most `parts` ranges of about equal bytes.
    fn ranges(&self, parts: usize) -> Vec<std::ops::Range<usize>> {
        let rows = self.len();
        if parts <= 1 || rows < 2 {
            return std::iter::once(0..rows).collect();
        }
        let first = self.offsets[0].to_usize().unwrap_or(0);
        let total = self.offsets[rows].to_usize().unwrap_or(0) - first;
        let mut out = Vec::with_capacity(parts);
        let mut start = 0;
        for p in 1..parts {
            let target = first + total / parts * p;
            // Rows count too, so a column of empty strings still splits.
            let by_rows = rows / parts * p;
            let by_bytes = self
                .offsets
                .partition_point(|o| o.to_usize().unwrap_or(0) < target);
            let end = by_bytes.max(by_rows).min(rows).max(start);
            if end > start {
                out.push(start..end);
                start = end;
            }
        }
        out.push(start..rows);
        out
    }
}

/// A redacted column: new values and offsets, and the input's validity starting at bit 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedactedColumn<O: Offset> {
    /// Every row's bytes, one after the other (null rows take none).
    pub values: Vec<u8>,
    /// `len + 1` offsets into `values`, the first 0.
    pub offsets: Vec<O>,
    /// The input's validity shifted to bit 0 (trailing bits zero), `None` when it had none.
    pub validity: Option<Vec<u8>>,
}

/// One replaced span of one row of a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnFinding {
    /// The row.
    pub row: usize,
    /// Byte offset of the start within the row's value.
    pub start: usize,
    /// Byte offset of the end within the row's value.
    pub end: usize,
    /// The rule's id.
    pub rule_id: String,
    /// Secret or PII.
    pub category: Category,
}

/// How many pieces per thread a column is cut into, so a slow piece does not hold up the rest.
const PIECES_PER_THREAD: usize = 4;

/// How many pieces a column is cut into for `threads` threads: one for one thread (pieces
/// would only be copied together again).
fn pieces(threads: usize) -> usize {
    if threads > 1 {
        threads * PIECES_PER_THREAD
    } else {
        1
    }
}

impl Redactor {
    /// Calls `each(row, value, screened)` for the rows of `rows` in order (`value(row)` is
    /// `None` for a null row), with what screening in blocks (see the module documentation)
    /// showed. When the rows lie in one buffer, `shared` is that buffer and `start(row)` where
    /// the row starts in it: the line breaks and `=` of short rows are then found by
    /// [`row_masks`] rather than by two `memchr` calls.
    fn screen<'v>(
        &self,
        rows: std::ops::Range<usize>,
        value: impl Fn(usize) -> Option<&'v [u8]>,
        shared: &'v [u8],
        start: impl Fn(usize) -> Option<usize>,
        mut each: impl FnMut(usize, Option<&'v [u8]>, Screened<'_>),
    ) {
        let text = self.text();
        let structured = self.structured();
        // The engine cuts lines longer than its piece size into pieces; screened rows are one
        // piece each, as they are alone.
        let row_max = SCREEN_ROW_MAX.min(text.engine.piece.saturating_sub(1));
        let mut memo = KeyMemo::default();
        let mut block: Vec<u8> = Vec::new();
        // (row, start of the row in `block`, a text line) of the screened rows.
        let mut members: Vec<(usize, usize, bool)> = Vec::new();
        let mut own: Vec<Span> = Vec::new();
        let mut ml = crate::engine::MlLookahead::default();
        let mut row = rows.start;
        while row < rows.end {
            let first = row;
            block.clear();
            members.clear();
            while row < rows.end && block.len() < SCREEN_BLOCK {
                if let Some(v) = value(row).filter(|v| !v.is_empty() && v.len() <= row_max) {
                    let (breaks, eqs) = match start(row).and_then(|s| row_masks(shared, s, v.len()))
                    {
                        Some((breaks, eqs)) => (breaks != 0, Eqs::Mask(eqs)),
                        None => (memchr::memchr2(b'\n', b'\r', v).is_some(), Eqs::Search),
                    };
                    if !breaks {
                        if let Some(json) = structured.quiet_line(&mut memo, v, eqs) {
                            members.push((row, block.len(), !json));
                            block.extend_from_slice(v);
                            block.push(b'\n');
                        }
                    }
                }
                row += 1;
            }
            // Rows holding a multiline rule's keyword go alone: in a block its window could
            // run on into the rows after it, and then no row of the block could be trusted.
            // The keywords are looked for once a block holds one, and then in every block
            // until one holds none (rows without them pay nothing).
            let mut excluded = false;
            if ml.eager && !members.is_empty() {
                exclude_multiline(text, &value, &mut block, &mut members, &mut ml);
                excluded = true;
            }
            let scan = |block: &[u8], members: &[(usize, usize, bool)]| {
                if members.is_empty() {
                    (Vec::new(), false)
                } else {
                    text.spans_and_multiline(block)
                }
            };
            let (mut spans, mut multiline) = scan(&block, &members);
            if multiline && !excluded {
                exclude_multiline(text, &value, &mut block, &mut members, &mut ml);
                (spans, multiline) = scan(&block, &members);
            }
            let (mut mi, mut si) = (0, 0);
            for r in first..row {
                let v = value(r);
                let screened = match v {
                    // An empty value is never redacted.
                    Some([]) => Screened::Quiet,
                    Some(v) if mi < members.len() && members[mi].0 == r => {
                        let (_, start, text_line) = members[mi];
                        mi += 1;
                        // With its `\n`: a span holding a line end is the row's too.
                        let end = start + v.len() + 1;
                        while si < spans.len() && spans[si].end <= start {
                            si += 1;
                        }
                        let mine = spans[si..].iter().take_while(|c| c.start < end);
                        if multiline {
                            Screened::Unknown
                        } else if mine.clone().next().is_none() {
                            Screened::Quiet
                        } else if text_line && mine.clone().all(|c| c.end < end) {
                            own.clear();
                            own.extend(crate::span::line_spans(&spans[si..], start, end));
                            Screened::Text(&own)
                        } else {
                            Screened::Unknown
                        }
                    }
                    _ => Screened::Unknown,
                };
                each(r, v, screened);
            }
        }
    }

    /// Renders a text row from its own spans, as the text path renders a line (`redact_into`).
    fn render_text_row(&self, v: &[u8], spans: &[Span], out: &mut Vec<u8>) {
        let text = self.text();
        if std::str::from_utf8(v).is_ok() {
            let spans = widen_to_chars(v, spans.to_vec());
            text.render.render(v, 0, 0..v.len(), &spans, out, None);
        } else {
            text.render.render(v, 0, 0..v.len(), spans, out, None);
        }
    }

    /// [`redact`](Redactor::redact) of each text, in order, `None` for a text with nothing to
    /// replace (a caller may then keep the text it has). The texts are screened in blocks as
    /// [`redact_column`](Redactor::redact_column) screens rows; `threads` as there.
    ///
    /// # Memory usage
    /// A 64 KiB block per thread, besides the results.
    pub fn redact_each<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: usize,
    ) -> Vec<Option<String>> {
        let per_value = |t: &S| match self.redact(t.as_ref()) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(s) => Some(s),
        };
        let piece = |rows: std::ops::Range<usize>| -> Vec<Option<String>> {
            let mut out = Vec::with_capacity(rows.len());
            let value = |i: usize| Some(texts[i].as_ref().as_bytes());
            self.screen(
                rows,
                value,
                &[],
                |_| None,
                |row, v, screened| {
                    out.push(match (v, screened) {
                        (Some(_), Screened::Quiet) | (None, _) => None,
                        (Some(v), Screened::Text(spans)) => {
                            let mut buf = Vec::with_capacity(v.len() + 32 * spans.len());
                            self.render_text_row(v, spans, &mut buf);
                            // Valid UTF-8: spans were widened to characters, markers are ASCII.
                            Some(String::from_utf8_lossy(&buf).into_owned())
                        }
                        (Some(_), Screened::Unknown) => per_value(&texts[row]),
                    });
                },
            );
            out
        };
        let parts = pieces(threads);
        let chunk = texts.len().div_ceil(parts).max(1);
        let ranges = (0..texts.len())
            .step_by(chunk)
            .map(|s| s..(s + chunk).min(texts.len()))
            .collect();
        in_pieces(ranges, threads, piece)
    }

    /// Redacts every row of `column` into one new values buffer.
    ///
    /// Each row is redacted as [`redact`](Redactor::redact) redacts it (or
    /// [`redact_bytes`](Redactor::redact_bytes) when it is not valid UTF-8). With `threads > 1`
    /// the rows are cut into pieces of about equal size redacted in parallel on the current
    /// rayon pool (call from inside [`rayon::ThreadPool::install`] to choose the pool).
    ///
    /// # Errors
    /// When the output does not fit offsets of type `O` (over 2 GiB for `i32`).
    ///
    /// # Memory usage
    /// The output buffer, grown once per piece, about the size of the input.
    ///
    /// # Example
    /// ```
    /// use redactum::{Column, Validity};
    /// let r = redactum::Redactor::new()?;
    /// let values = b"hiann@example.com";
    /// let offsets: [i32; 4] = [0, 2, 2, 17];
    /// let validity = [0b101u8];
    /// let col = Column::new(values, &offsets, Some(Validity::new(&validity, 0)))?;
    /// let out = r.redact_column(&col, 1)?;
    /// assert_eq!(out.values, b"hi[REDACTED:email]");
    /// assert_eq!(out.offsets, [0, 2, 2, 18]);
    /// assert_eq!(out.validity, Some(vec![0b101]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redact_column<O: Offset>(
        &self,
        column: &Column<'_, O>,
        threads: usize,
    ) -> Result<RedactedColumn<O>, ColumnError> {
        let ranges = column.ranges(pieces(threads));
        let piece = |range: std::ops::Range<usize>| {
            let first = column.offsets[range.start].to_usize().unwrap_or(0);
            let last = column.offsets[range.end].to_usize().unwrap_or(0);
            let mut values = Vec::with_capacity((last - first) + (last - first) / 8 + 64);
            let mut ends = Vec::with_capacity(range.len());
            // Quiet rows that follow each other in the input, not yet copied: one copy each
            // run rather than one per row.
            let mut run = 0..0;
            let start = |i: usize| column.start(i);
            self.screen(
                range,
                |i| column.value(i),
                column.values,
                start,
                |row, v, screened| {
                    match (v, screened) {
                        (Some(v), Screened::Quiet) => match start(row) {
                            Some(s) if s == run.end => run.end += v.len(),
                            Some(s) => {
                                values.extend_from_slice(&column.values[run.clone()]);
                                run = s..s + v.len();
                            }
                            None => values.extend_from_slice(v),
                        },
                        (Some(v), screened) => {
                            values.extend_from_slice(&column.values[run.clone()]);
                            run = 0..0;
                            match screened {
                                Screened::Text(spans) => {
                                    self.render_text_row(v, spans, &mut values)
                                }
                                _ => self.redact_into(v, &mut values),
                            }
                        }
                        (None, _) => {}
                    }
                    ends.push(values.len() + run.len());
                },
            );
            values.extend_from_slice(&column.values[run.clone()]);
            (values, ends)
        };
        let pieces: Vec<(Vec<u8>, Vec<usize>)> = if threads > 1 && ranges.len() > 1 {
            ranges.into_par_iter().map(piece).collect()
        } else {
            ranges.into_iter().map(piece).collect()
        };
        let (values, offsets) = if pieces.len() == 1 {
            let (values, ends) = pieces.into_iter().next().unwrap_or_default();
            let mut offsets = Vec::with_capacity(ends.len() + 1);
            offsets.push(offset(0)?);
            for e in ends {
                offsets.push(offset(e)?);
            }
            (values, offsets)
        } else {
            let total = pieces.iter().map(|p| p.0.len()).sum();
            let mut values = Vec::with_capacity(total);
            let mut offsets = Vec::with_capacity(column.len() + 1);
            offsets.push(offset(0)?);
            for (v, ends) in pieces {
                let base = values.len();
                for e in ends {
                    offsets.push(offset(base + e)?);
                }
                values.extend_from_slice(&v);
            }
            (values, offsets)
        };
        Ok(RedactedColumn {
            values,
            offsets,
            validity: column.validity_from_zero(),
        })
    }

    /// The replaced spans of every row (as [`find_iter`](Redactor::find_iter) gives them),
    /// in row order; null rows have none. `threads` as in
    /// [`redact_column`](Redactor::redact_column).
    pub fn find_column<O: Offset>(
        &self,
        column: &Column<'_, O>,
        threads: usize,
    ) -> Vec<ColumnFinding> {
        let piece = |range: std::ops::Range<usize>| {
            let mut out = Vec::new();
            self.screen(
                range,
                |i| column.value(i),
                column.values,
                |i| column.start(i),
                |row, v, screened| {
                    let found = |f: crate::Finding| ColumnFinding {
                        row,
                        start: f.start(),
                        end: f.end(),
                        rule_id: f.rule_id().to_string(),
                        category: f.category(),
                    };
                    match (v, screened) {
                        // The row's own spans of the block are those `find_iter` would give.
                        (Some(_), Screened::Text(spans)) => {
                            let render = &self.text().render;
                            out.extend(spans.iter().map(|s| found(render.finding(s, 0))));
                        }
                        (Some(v), Screened::Unknown) => out.extend(self.find_iter(v).map(found)),
                        _ => {}
                    }
                },
            );
            out
        };
        in_pieces(column.ranges(pieces(threads)), threads, piece)
    }

    /// Per row, whether anything in it would be redacted; `None` for a null row.
    /// `threads` as in [`redact_column`](Redactor::redact_column).
    pub fn is_match_column<O: Offset>(
        &self,
        column: &Column<'_, O>,
        threads: usize,
    ) -> Vec<Option<bool>> {
        let piece = |range: std::ops::Range<usize>| {
            let mut out = Vec::with_capacity(range.len());
            self.screen(
                range,
                |i| column.value(i),
                column.values,
                |i| column.start(i),
                |_, v, screened| {
                    out.push(v.map(|v| match screened {
                        Screened::Quiet => false,
                        // `is_match` is whether the text path finds anything.
                        Screened::Text(spans) => !spans.is_empty(),
                        Screened::Unknown => self.is_match(v),
                    }));
                },
            );
            out
        };
        in_pieces(column.ranges(pieces(threads)), threads, piece)
    }
}

/// The line breaks (`\n`, `\r`) and the `=` of the `len` bytes at `start` of `shared`, as bit
/// `i` for byte `i`; `None` unless `len` is at most 64 and 64 bytes can be read from `start`
/// (the bytes after the row are read and masked off).
#[inline]
fn row_masks(shared: &[u8], start: usize, len: usize) -> Option<(u64, u64)> {
    let b: &[u8; 64] = shared.get(start..start.checked_add(64)?)?.try_into().ok()?;
    if len > 64 {
        return None;
    }
    let keep = if len == 64 { !0 } else { (1u64 << len) - 1 };
    let (breaks, eqs) = block_masks(b, len);
    Some((breaks & keep, eqs & keep))
}

/// The line breaks and the `=` of 64 bytes, with SSE2 (part of x86_64), as bit `i` for byte
/// `i`, for the first `len` bytes at least (read sixteen at a time: the bits of later bytes may
/// be missing).
#[inline(always)]
fn block_masks(b: &[u8; 64], len: usize) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the loads (at most four) read the 64 bytes of `b`.
        unsafe {
            let (nl, cr, eq) = (
                _mm_set1_epi8(b'\n' as i8),
                _mm_set1_epi8(b'\r' as i8),
                _mm_set1_epi8(b'=' as i8),
            );
            let (mut breaks, mut eqs) = (0u64, 0u64);
            // Only the sixteen-byte parts that hold some of the row's bytes.
            for k in 0..len.div_ceil(16).min(4) {
                let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast());
                let brk = _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr));
                breaks |= (_mm_movemask_epi8(brk) as u16 as u64) << (16 * k);
                eqs |= (_mm_movemask_epi8(_mm_cmpeq_epi8(v, eq)) as u16 as u64) << (16 * k);
            }
            (breaks, eqs)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = len;
        block_masks_scalar(b)
    }
}

/// [`block_masks`] a byte at a time: the reference of the vector path.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn block_masks_scalar(b: &[u8; 64]) -> (u64, u64) {
    b.iter().enumerate().fold((0, 0), |(brk, eq), (i, &c)| {
        (
            brk | u64::from(c == b'\n' || c == b'\r') << i,
            eq | u64::from(c == b'=') << i,
        )
    })
}

/// Takes out of a block of screened rows those that hold a keyword of a multiline rule (all
/// of them when such keywords cannot be found ahead) and rebuilds the block from the others.
fn exclude_multiline<'v>(
    text: &crate::text::TextRedactor,
    value: &impl Fn(usize) -> Option<&'v [u8]>,
    block: &mut Vec<u8>,
    members: &mut Vec<(usize, usize, bool)>,
    ml: &mut crate::engine::MlLookahead,
) {
    if !ml.look(&text.engine, block, 0) {
        members.clear();
        block.clear();
        return;
    }
    if ml.starts.is_empty() {
        return;
    }
    let starts = &ml.starts;
    let mut k = 0;
    members.retain(|&(row, start, _)| {
        while k < starts.len() && starts[k] < start {
            k += 1;
        }
        let len = value(row).map_or(0, <[u8]>::len);
        starts.get(k).is_none_or(|&s| s >= start + len)
    });
    block.clear();
    for m in members.iter_mut() {
        m.1 = block.len();
        block.extend_from_slice(value(m.0).unwrap_or_default());
        block.push(b'\n');
    }
}

/// `piece` over each range of rows (in parallel with `threads > 1`), the results in row order.
fn in_pieces<T: Send>(
    ranges: Vec<std::ops::Range<usize>>,
    threads: usize,
    piece: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync + Send,
) -> Vec<T> {
    if threads > 1 && ranges.len() > 1 {
        let parts: Vec<Vec<T>> = ranges.into_par_iter().map(piece).collect();
        parts.into_iter().flatten().collect()
    } else {
        ranges.into_iter().flat_map(piece).collect()
    }
}

fn offset<O: Offset>(n: usize) -> Result<O, ColumnError> {
    O::from_usize(n).ok_or_else(|| {
        ColumnError::new(format!(
            "the redacted column holds {n} bytes, too many for its offset type: use large_string"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Built once: compiling the catalog dominates a debug test run.
    fn redactor() -> Redactor {
        static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
        R.get_or_init(|| Redactor::new().unwrap()).clone()
    }

    /// Values, offsets and validity (bit offset `shift`) for `rows`.
    fn build<O: Offset>(rows: &[Option<Vec<u8>>], shift: usize) -> (Vec<u8>, Vec<O>, Vec<u8>) {
        let mut values = b"prefix".to_vec();
        let mut offsets = vec![O::from_usize(values.len()).unwrap()];
        let mut bits = vec![0u8; (rows.len() + shift).div_ceil(8) + 1];
        for (i, r) in rows.iter().enumerate() {
            if let Some(v) = r {
                values.extend_from_slice(v);
                bits[(i + shift) / 8] |= 1 << ((i + shift) % 8);
            }
            offsets.push(O::from_usize(values.len()).unwrap());
        }
        (values, offsets, bits)
    }

    fn rows_of<O: Offset>(out: &RedactedColumn<O>) -> Vec<Option<Vec<u8>>> {
        (0..out.offsets.len() - 1)
            .map(|i| {
                let valid = out
                    .validity
                    .as_ref()
                    .is_none_or(|b| b[i / 8] & (1 << (i % 8)) != 0);
                let s = out.offsets[i].to_usize().unwrap();
                let e = out.offsets[i + 1].to_usize().unwrap();
                valid.then(|| out.values[s..e].to_vec())
            })
            .collect()
    }

    fn expected(r: &Redactor, rows: &[Option<Vec<u8>>]) -> Vec<Option<Vec<u8>>> {
        rows.iter()
            .map(|v| {
                v.as_ref().map(|v| match std::str::from_utf8(v) {
                    Ok(s) => r.redact(s).into_owned().into_bytes(),
                    Err(_) => r.redact_bytes(v).into_owned(),
                })
            })
            .collect()
    }

    fn sample() -> Vec<Option<Vec<u8>>> {
        vec![
            Some(b"mail ann@example.com now".to_vec()),
            None,
            Some(Vec::new()),
            Some(b"clean line".to_vec()),
            Some(b"key AKIAZ3MHKEY7PQ4XW2LN \xff\xfe bob@example.org".to_vec()),
            Some("caf\u{e9} ann@example.com".as_bytes().to_vec()),
            None,
        ]
    }

    #[test]
    fn nulls_empties_and_values_i32_and_i64() {
        let r = redactor();
        let rows = sample();
        for shift in [0, 3, 8, 13] {
            for threads in [1, 2, 3] {
                let (v, o, b) = build::<i32>(&rows, shift);
                let col = Column::new(&v, &o, Some(Validity::new(&b, shift))).unwrap();
                let out = r.redact_column(&col, threads).unwrap();
                assert_eq!(rows_of(&out), expected(&r, &rows));
                assert_eq!(out.offsets[0], 0);
                let (v, o, b) = build::<i64>(&rows, shift);
                let col = Column::new(&v, &o, Some(Validity::new(&b, shift))).unwrap();
                let out = r.redact_column(&col, threads).unwrap();
                assert_eq!(rows_of(&out), expected(&r, &rows));
            }
        }
    }

    /// A row holding a multiline rule's keyword (a mail signature's "Thanks", a PEM header)
    /// is not screened, and the rows around it still are: before, such a row made every row
    /// of its block go the per-value way. Outputs as the per-value path gives them.
    #[test]
    fn rows_with_multiline_keywords_go_alone() {
        let r = redactor();
        let mut rows = Vec::new();
        for i in 0..300 {
            rows.push(Some(match i % 50 {
                7 => b"Thanks, see you".to_vec(),
                19 => b"-----BEGIN RSA PRIVATE KEY-----".to_vec(),
                23 => format!("mail ann{i}@example.com now").into_bytes(),
                _ => format!("worker {i} finished job in {} ms", i * 7).into_bytes(),
            }));
        }
        let (v, o, b) = build::<i32>(&rows, 0);
        let col = Column::new(&v, &o, Some(Validity::new(&b, 0))).unwrap();
        let mut seen = Vec::new();
        r.screen(
            0..rows.len(),
            |i| col.value(i),
            col.values,
            |i| col.start(i),
            |i, _, s| {
                seen.push((
                    i,
                    match s {
                        Screened::Quiet => 'q',
                        Screened::Text(_) => 't',
                        Screened::Unknown => 'u',
                    },
                ))
            },
        );
        assert_eq!(seen.len(), rows.len());
        for (i, kind) in seen {
            let want = match i % 50 {
                7 | 19 => 'u',
                23 => 't',
                _ => 'q',
            };
            assert_eq!(kind, want, "row {i}");
        }
        for threads in [1, 2] {
            let out = r.redact_column(&col, threads).unwrap();
            assert_eq!(rows_of(&out), expected(&r, &rows));
        }
    }

    #[test]
    fn invalid_utf8_is_redacted_as_bytes() {
        let r = redactor();
        let rows = vec![Some(b"\xff ann@example.com \xc3".to_vec())];
        let (v, o, _) = build::<i32>(&rows, 0);
        let out = r
            .redact_column(&Column::new(&v, &o, None).unwrap(), 1)
            .unwrap();
        assert_eq!(out.values, b"\xff [REDACTED:email] \xc3");
        assert_eq!(out.validity, None);
    }

    #[test]
    fn empty_column() {
        let r = redactor();
        let offsets = [0i64];
        let col = Column::new(b"", &offsets, None).unwrap();
        assert!(col.is_empty());
        let out = r.redact_column(&col, 2).unwrap();
        assert_eq!(out.offsets, [0]);
        assert!(out.values.is_empty());
        assert!(r.find_column(&col, 2).is_empty());
        assert!(r.is_match_column(&col, 2).is_empty());
    }

    #[test]
    fn malformed_columns_are_errors() {
        assert!(Column::<i32>::new(b"abc", &[], None).is_err());
        assert!(Column::new(b"abc", &[0i32, 4], None).is_err());
        assert!(Column::new(b"abc", &[2i32, 1], None).is_err());
        assert!(Column::new(b"abc", &[-1i64, 1], None).is_err());
        let bits = [0xffu8];
        let offsets = [0i32; 10];
        assert!(Column::new(b"", &offsets, Some(Validity::new(&bits, 0))).is_err());
        assert!(Column::new(b"", &offsets[..9], Some(Validity::new(&bits, 0))).is_ok());
        assert!(Column::new(b"", &offsets[..9], Some(Validity::new(&bits, 1))).is_err());
    }

    #[test]
    fn find_and_is_match() {
        let r = redactor();
        let rows = sample();
        let (v, o, b) = build::<i32>(&rows, 5);
        let col = Column::new(&v, &o, Some(Validity::new(&b, 5))).unwrap();
        for threads in [1, 2] {
            let found = r.find_column(&col, threads);
            let mut want = Vec::new();
            for (row, v) in rows.iter().enumerate() {
                if let Some(v) = v {
                    want.extend(r.find_iter(v).map(|f| (row, f.start(), f.end())));
                }
            }
            let got: Vec<_> = found.iter().map(|f| (f.row, f.start, f.end)).collect();
            assert_eq!(got, want);
            assert_eq!(found[0].rule_id, "email");
            assert_eq!(found[0].category, Category::Pii);
            assert_eq!(
                r.is_match_column(&col, threads),
                [
                    Some(true),
                    None,
                    Some(false),
                    Some(false),
                    Some(true),
                    Some(true),
                    None
                ]
            );
        }
    }

    fn row() -> impl Strategy<Value = Option<Vec<u8>>> {
        let piece = prop_oneof![
            Just(b"ann@example.com".to_vec()),
            Just(b"AKIAZ3MHKEY7PQ4XW2LN".to_vec()),
            Just(b"password=hunter2xyz".to_vec()),
            Just(br#"{"password": "hunter2xyz", "msg": "ok"}"#.to_vec()),
            Just(br#"{"level":"info","msg":"done"}"#.to_vec()),
            Just(b"-----BEGIN RSA PRIVATE KEY-----".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just("\u{e9}\u{1f600}".as_bytes().to_vec()),
            Just(b" ".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..8),
            "[a-z0-9 .@=:-]{0,12}".prop_map(String::into_bytes),
        ];
        proptest::option::weighted(
            0.8,
            proptest::collection::vec(piece, 0..5).prop_map(|v| v.concat()),
        )
    }

    proptest! {
        #[test]
        fn row_masks_are_the_rows_bytes(
            shared in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(b'\r'), Just(b'='), any::<u8>()], 0..200),
            start in 0usize..200,
            len in 0usize..80,
        ) {
            let b: [u8; 64] = std::array::from_fn(|i| shared.get(i).copied().unwrap_or(b'='));
            prop_assert_eq!(block_masks(&b, 64), block_masks_scalar(&b));
            // A length past the block reads the block only.
            prop_assert_eq!(block_masks(&b, 64 + len), block_masks_scalar(&b));
            let got = row_masks(&shared, start, len);
            if len > 64 || start + 64 > shared.len() {
                prop_assert_eq!(got, None);
            } else {
                let row = &shared[start..start + len];
                let bits = |f: &dyn Fn(u8) -> bool| {
                    row.iter().enumerate().fold(0u64, |m, (i, &c)| m | u64::from(f(c)) << i)
                };
                prop_assert_eq!(got, Some((bits(&|c| c == b'\n' || c == b'\r'), bits(&|c| c == b'='))));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn batch_equals_per_value(
            rows in proptest::collection::vec(row(), 0..40),
            shift in 0usize..16,
            threads in 1usize..4,
        ) {
            let r = redactor();
            let (v, o, b) = build::<i64>(&rows, shift);
            let col = Column::new(&v, &o, Some(Validity::new(&b, shift))).unwrap();
            let out = r.redact_column(&col, threads).unwrap();
            prop_assert_eq!(rows_of(&out), expected(&r, &rows));
            prop_assert_eq!(out.offsets.len(), rows.len() + 1);
            let found: Vec<_> = r
                .find_column(&col, threads)
                .into_iter()
                .map(|f| (f.row, f.start, f.end, f.rule_id))
                .collect();
            let mut want = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                if let Some(v) = row {
                    want.extend(r.find_iter(v).map(|f| (i, f.start(), f.end(), f.rule_id().to_string())));
                }
            }
            prop_assert_eq!(found, want);
            let matched: Vec<Option<bool>> =
                rows.iter().map(|v| v.as_ref().map(|v| r.is_match(v))).collect();
            prop_assert_eq!(r.is_match_column(&col, threads), matched);
            // The same rows as texts (invalid UTF-8 made valid), through `redact_each` and
            // `redact_batch`.
            let texts: Vec<String> = rows
                .iter()
                .flatten()
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .collect();
            let each = r.redact_each(&texts, threads);
            prop_assert_eq!(each.len(), texts.len());
            for (t, e) in texts.iter().zip(&each) {
                let want = r.redact(t);
                match e {
                    None => prop_assert!(matches!(want, std::borrow::Cow::Borrowed(_)), "{:?}", t),
                    Some(e) => prop_assert_eq!(e.as_str(), want.as_ref()),
                }
            }
            let batch: Vec<String> = texts.iter().map(|t| r.redact(t).into_owned()).collect();
            prop_assert_eq!(r.redact_batch(&texts), batch);
        }
    }
}
