//! Streaming structured redaction: lines are collected until complete, then classified and
//! redacted exactly as the whole-input path does.

use super::{
    classify, crosses_lines, json_after_text, plain_json, render_line_guarded, Eqs, Format,
    JsonAfterText, KeyMemo, Plan, StructuredRedactor, FOLD_MAX, MAX_STRUCTURED_LINE, TEXT_BATCH,
};
use crate::engine::MlLookahead;
use crate::span::{Span, StreamFinding};
use crate::text::{StreamStats, TextStream};

/// Largest part of a chunk pushed at once (its newline index is an eighth of its size).
const PART_MAX: usize = 1 << 20;

/// The newlines of a chunk as a bit set, found once per push: the line loops ask it where the
/// next line ends instead of calling `memchr` once per line (about 80 instructions a call, and
/// up to three calls a line).
#[derive(Default)]
struct Newlines {
    /// Bit `i % 64` of word `i / 64` is set when byte `i` of the chunk is a newline.
    bits: Vec<u64>,
}

impl Newlines {
    fn build(&mut self, chunk: &[u8]) {
        self.bits.clear();
        self.bits.reserve(chunk.len().div_ceil(64));
        let mut blocks = chunk.chunks_exact(64);
        for b in &mut blocks {
            self.bits
                .push(newline_mask(b.try_into().expect("64 bytes")));
        }
        let tail = blocks.remainder();
        if !tail.is_empty() {
            let mut b = [0u8; 64];
            b[..tail.len()].copy_from_slice(tail);
            self.bits.push(newline_mask(&b));
        }
    }

    /// The first newline in `from..to`.
    #[inline]
    fn next(&self, from: usize, to: usize) -> Option<usize> {
        if from >= to {
            return None;
        }
        let mut w = from / 64;
        let mut m = self.bits[w] & (!0u64 << (from % 64));
        loop {
            if m != 0 {
                let p = w * 64 + m.trailing_zeros() as usize;
                return (p < to).then_some(p);
            }
            w += 1;
            if w * 64 >= to {
                return None;
            }
            m = self.bits[w];
        }
    }

    /// The last newline in `from..to`.
    fn prev(&self, from: usize, to: usize) -> Option<usize> {
        if from >= to {
            return None;
        }
        let mut w = (to - 1) / 64;
        let mut m = self.bits[w] & (!0u64 >> (63 - (to - 1) % 64));
        loop {
            if m != 0 {
                let p = w * 64 + 63 - m.leading_zeros() as usize;
                return (p >= from).then_some(p);
            }
            if w * 64 <= from {
                return None;
            }
            w -= 1;
            m = self.bits[w];
        }
    }

    /// How many newlines `from..to` holds.
    fn count(&self, from: usize, to: usize) -> usize {
        if from >= to {
            return 0;
        }
        let (a, b) = (from / 64, (to - 1) / 64);
        let lo = !0u64 << (from % 64);
        let hi = !0u64 >> (63 - (to - 1) % 64);
        if a == b {
            return (self.bits[a] & lo & hi).count_ones() as usize;
        }
        let mid: u32 = self.bits[a + 1..b].iter().map(|w| w.count_ones()).sum();
        ((self.bits[a] & lo).count_ones() + mid + (self.bits[b] & hi).count_ones()) as usize
    }
}

/// Bit `i` set when `b[i]` is a newline.
#[inline]
fn newline_mask(b: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the four loads read the 64 bytes of `b`.
        unsafe {
            let nl = _mm_set1_epi8(b'\n' as i8);
            let m = |k: usize| {
                let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast());
                _mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) as u16 as u64
            };
            m(0) | m(1) << 16 | m(2) << 32 | m(3) << 48
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    newline_mask_scalar(b)
}

/// [`newline_mask`] a byte at a time: the reference of the vector path.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn newline_mask_scalar(b: &[u8; 64]) -> u64 {
    b.iter()
        .enumerate()
        .fold(0, |m, (i, &c)| m | u64::from(c == b'\n') << i)
}

/// The streaming side: lines are collected until complete (or known to be too long to be
/// structured), then classified exactly as [`redact_lines`] does.
pub(crate) struct LineStream {
    pub(crate) text: TextStream,
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
    stats: StreamStats,
    finished: bool,
    found: Vec<Span>,
    /// Starts of the lines of the chunk being folded that `plain_json` lets through.
    plain: Vec<usize>,
    /// The keys of the lines seen, sensitive or not.
    memo: KeyMemo,
    /// The keywords of multiline rules in the chunk being pushed (see `fold`): where they
    /// are, and what is known of them.
    ahead: MlLookahead,
    ml: MlAhead,
    /// The newlines of the chunk being pushed.
    nl: Newlines,
}

/// What a fold knows of the keywords of multiline rules in the chunk being pushed (looked for
/// as [`MlLookahead`] says: once a block holds one, then at the start of each chunk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MlAhead {
    /// Not looked for: a block is scanned whole.
    Unknown,
    /// `ahead.starts` holds them (positions in the chunk, from where they were looked for).
    Known,
    /// They cannot be found ahead: every line goes the line-by-line way.
    Anywhere,
}

impl LineStream {
    pub(crate) fn new(text: TextStream) -> LineStream {
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
            plain: Vec::new(),
            memo: KeyMemo::default(),
            ahead: MlLookahead::default(),
            ml: MlAhead::Unknown,
            nl: Newlines::default(),
        }
    }

    pub(crate) fn stats(&self) -> StreamStats {
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
        r: &StructuredRedactor,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&StreamFinding),
    ) {
        if self.finished {
            self.reset();
        }
        // A large chunk goes in parts, which bounds the newline index (a stream's output does
        // not depend on how its input is cut).
        for part in chunk.chunks(PART_MAX) {
            self.push_part(r, part, out, on);
        }
    }

    fn push_part(
        &mut self,
        r: &StructuredRedactor,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&StreamFinding),
    ) {
        self.stats.bytes_read += chunk.len() as u64;
        let before = out.len();
        let mut rest = chunk;
        let fold = matches!(r.format, Format::Auto | Format::Json);
        self.ml = MlAhead::Unknown;
        self.nl.build(chunk);
        if fold && self.ahead.eager {
            self.prescan(r, chunk, 0);
        }
        while !rest.is_empty() {
            if fold && !self.long && self.line.is_empty() && !self.in_run {
                let pos = chunk.len() - rest.len();
                rest = &rest[self.fold(r, rest, pos, out, on)..];
                if rest.is_empty() {
                    break;
                }
            }
            let pos = chunk.len() - rest.len();
            let nl = self.nl.next(pos, chunk.len()).map(|p| p - pos);
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
                    self.end_line(r, out, on, None);
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
        r: &StructuredRedactor,
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&StreamFinding),
    ) {
        if self.finished {
            return;
        }
        let before = out.len();
        if !self.line.is_empty() && !self.long {
            self.end_line(r, out, on, None);
        }
        self.close_run(out, on);
        self.line.clear();
        self.stats.bytes_written += (out.len() - before) as u64;
        self.finished = true;
    }

    /// Folds the complete lines at the start of `rest` that would come out as they came in
    /// unless a rule finds something in them (text lines that cannot be JSON, and JSON lines
    /// that [`plain_json`] lets through) into one engine call; called with no line begun and no
    /// text run open. Returns the bytes consumed.
    ///
    /// Line by line, each plain JSON line would be scanned alone and would end the text run
    /// before it (a text stream finished per JSON line). Single-line rules find in a block of
    /// lines exactly what they find in each line alone (see `engine.rs`), so when the block
    /// holds no keyword of a multiline rule, a line without findings comes out unchanged and a
    /// text line with findings is rendered from the block's spans, as the text stream would
    /// render it. When a multiline keyword is seen, every line goes the line-by-line way
    /// (`end_line`); so do JSON lines with findings, which may need a parse.
    fn fold(
        &mut self,
        r: &StructuredRedactor,
        rest: &[u8],
        pos: usize,
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&StreamFinding),
    ) -> usize {
        let mut end = 0;
        let mut plain = std::mem::take(&mut self.plain);
        plain.clear();
        // The block ends before the line of the first multiline keyword: the lines before it
        // find in the block what they find alone, and that line and those after it go the
        // line-by-line way, scanned once. (A block holding such a keyword would be scanned for
        // nothing: all of it would then go line by line, a second scan.) Where the keywords
        // are is learnt once a block holds one (see `MlAhead`).
        let stop = self.ml_stop(rest, pos);
        while end < FOLD_MAX {
            let Some(k) = self.nl.next(pos + end, pos + stop).map(|p| p - pos - end) else {
                break;
            };
            let line = &rest[end..end + k];
            // Lines that may be JSON are left to `end_line`, which parses them once.
            match r.quiet_line(&mut self.memo, line, Eqs::Search) {
                Some(true) => plain.push(end),
                Some(false) => {}
                None => break,
            }
            end += k + 1;
        }
        self.plain = plain;
        if end == 0 {
            return 0;
        }
        let (mut spans, mut multiline) = r.components_and_multiline(&rest[..end]);
        if multiline && self.ml == MlAhead::Unknown {
            self.prescan(r, rest, pos);
            let cut = self.ml_stop(rest, pos);
            if cut < end {
                // The lines before the keyword's: their findings are those of the block.
                end = cut;
                spans.retain(|c| c.start < cut);
                multiline = false;
                if end == 0 {
                    return 0;
                }
            }
        }
        let lines = &rest[..end];
        if spans.is_empty() && !multiline {
            out.extend_from_slice(lines);
            self.offset += end as u64;
            self.line_no += self.nl.count(pos, pos + end) as u64;
            return end;
        }
        let crossed = crosses_lines(lines, &spans);
        let (mut si, mut pi) = (0, 0);
        let mut at = 0;
        while at < end {
            while si < spans.len() && spans[si].end <= at {
                si += 1;
            }
            if !multiline && !crossed && spans.get(si).is_none_or(|c| c.start > at) {
                // Clean lines up to the line of the next span, as they came in: without a
                // multiline keyword a line's findings are its own, so ending the text run
                // here changes nothing, and a line without a span has none to report.
                let upto = match spans.get(si) {
                    Some(c) => self
                        .nl
                        .prev(pos + at, pos + c.start)
                        .map_or(at, |p| p + 1 - pos),
                    None => end,
                };
                if upto > at {
                    self.close_run(out, on);
                    out.extend_from_slice(&lines[at..upto]);
                    self.offset += (upto - at) as u64;
                    self.line_no += self.nl.count(pos + at, pos + upto) as u64;
                    at = upto;
                    continue;
                }
            }
            let next = self
                .nl
                .next(pos + at, pos + end)
                .map_or(end, |p| p + 1 - pos);
            while pi < self.plain.len() && self.plain[pi] < at {
                pi += 1;
            }
            let dirty = si < spans.len() && spans[si].start < next;
            if dirty && !multiline && !crossed && self.plain.get(pi) != Some(&at) {
                // A text line (one that cannot be JSON: see above) with findings, which are
                // its own: written as the text stream writes them, without a second scan.
                self.close_run(out, on);
                let line = &lines[at..next];
                let comps: Vec<Span> = crate::span::line_spans(&spans[si..], at, next).collect();
                let mut k = 0;
                for c in &comps {
                    out.extend_from_slice(&line[k..c.start]);
                    r.write_replacement(&line[c.start..c.end], c, None, out);
                    k = c.end;
                }
                out.extend_from_slice(&line[k..]);
                self.report_line(r, &comps, line.len(), on);
            } else {
                // As the line-by-line path handles it (a plain JSON line's findings known from
                // the block when no multiline keyword was seen). Clean lines without a
                // multiline keyword or a span across lines were written above, in one copy.
                debug_assert!(multiline || crossed || dirty);
                let known = (!multiline && !crossed && self.plain.get(pi) == Some(&at))
                    .then(|| crate::span::line_spans(&spans[si..], at, next).collect());
                self.line.extend_from_slice(&lines[at..next]);
                self.end_line(r, out, on, known);
                self.line.clear();
            }
            at = next;
        }
        end
    }

    /// Finds the keywords of multiline rules in `rest`, the chunk from `pos` on.
    fn prescan(&mut self, r: &StructuredRedactor, rest: &[u8], pos: usize) {
        self.ml = if self.ahead.look(&r.text.engine, rest, pos) {
            MlAhead::Known
        } else {
            MlAhead::Anywhere
        };
    }

    /// Where a fold of `rest` (the chunk from `pos` on) must end: the start of the line of
    /// the first multiline keyword, as far as it is known.
    fn ml_stop(&self, rest: &[u8], pos: usize) -> usize {
        match self.ml {
            MlAhead::Unknown => rest.len(),
            MlAhead::Anywhere => 0,
            MlAhead::Known => {
                let starts = &self.ahead.starts;
                match starts.get(starts.partition_point(|&s| s < pos)) {
                    Some(&p) => memchr::memrchr(b'\n', &rest[..p - pos]).map_or(0, |k| k + 1),
                    None => rest.len(),
                }
            }
        }
    }

    fn shift(&self, f: &StreamFinding) -> StreamFinding {
        StreamFinding {
            finding: f.finding.shifted(self.run_offset as usize),
            line: f.line + self.run_line - 1,
            column: f.column,
        }
    }

    /// Adds text-run bytes; they reach the text redactor in batches (see `flush_text`).
    fn send_text(&mut self, bytes: &[u8], out: &mut Vec<u8>, on: &mut dyn FnMut(&StreamFinding)) {
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
    fn flush_text(&mut self, out: &mut Vec<u8>, on: &mut dyn FnMut(&StreamFinding)) {
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

    fn close_run(&mut self, out: &mut Vec<u8>, on: &mut dyn FnMut(&StreamFinding)) {
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
        r: &StructuredRedactor,
        comps: &[Span],
        len: usize,
        on: &mut dyn FnMut(&StreamFinding),
    ) {
        for c in comps {
            let f = StreamFinding {
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

    /// One complete line in `self.line`. `known`: when it is a plain JSON line whose findings
    /// (on the line alone, with no multiline keyword) are already known, those.
    fn end_line(
        &mut self,
        r: &StructuredRedactor,
        out: &mut Vec<u8>,
        on: &mut dyn FnMut(&StreamFinding),
        known: Option<Vec<Span>>,
    ) {
        let line = std::mem::take(&mut self.line);
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let (format, keys) = r.structure();
        // A plain JSON line: its findings first, and a parse only when it has some.
        let mut comps = None;
        if known.is_some() || plain_json(format, keys, &mut self.memo, content) {
            let (c, multiline) = match known {
                Some(c) => (c, false),
                None => r.components_and_multiline(content),
            };
            if c.is_empty() && !multiline {
                self.close_run(out, on);
                out.extend_from_slice(&line);
                self.report_line(r, &[], line.len(), on);
                self.line = line;
                return;
            }
            if !c.is_empty() {
                comps = Some(c);
            }
        }
        let plan = match classify(format, keys, content, Eqs::Search) {
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
                    plan,
                } = j;
                render_line_guarded(r, &text, plan, None, None, out, &mut self.found);
                out.extend_from_slice(&line[content.len()..]);
                // Findings of the JSON pass, in the line's positions.
                comps.extend(self.found.iter().map(|c| {
                    let start = marks.to_orig(c.start, false);
                    Span {
                        start,
                        end: marks.to_orig(c.end, true).max(start),
                        label: c.label,
                    }
                }));
                comps.sort_by_key(|c| c.start);
                self.report_line(r, &comps, line.len(), on);
            }
            Ok(plan) => {
                self.close_run(out, on);
                let mut found = std::mem::take(&mut self.found);
                found.clear();
                render_line_guarded(r, content, plan, comps, None, out, &mut found);
                out.extend_from_slice(&line[content.len()..]);
                self.report_line(r, &found, line.len(), on);
                self.found = found;
            }
        }
        self.line = line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn newline_index_answers_as_memchr(
            bytes in prop::collection::vec(prop_oneof![Just(b'\n'), Just(b'a'), any::<u8>()], 0..400),
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let mut nl = Newlines::default();
            nl.build(&bytes);
            let (from, to) = (a.min(bytes.len()), b.min(bytes.len()));
            let r = if from < to { &bytes[from..to] } else { &[][..] };
            prop_assert_eq!(nl.next(from, to), memchr::memchr(b'\n', r).map(|k| from + k));
            prop_assert_eq!(nl.prev(from, to), memchr::memrchr(b'\n', r).map(|k| from + k));
            prop_assert_eq!(nl.count(from, to), memchr::memchr_iter(b'\n', r).count());
            for block in bytes.chunks_exact(64) {
                let block: &[u8; 64] = block.try_into().unwrap();
                prop_assert_eq!(newline_mask(block), newline_mask_scalar(block));
            }
        }
    }
}
