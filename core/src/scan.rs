//! Cutting input into segments and collecting findings: shared by the whole-input and the
//! streaming redactor, so both give byte-identical output.
//!
//! Segment boundaries depend only on the content: a block ends after a newline; a line longer
//! than `PIECE` (1 MiB) is cut every `PIECE` bytes from its start, each piece scanned with a fixed
//! look-ahead. Multiline keywords open windows that are searched once enough data has arrived.

use crate::engine::{Engine, MlHit, Scratch};
use crate::marker;
use crate::span::{Hit, Label, Span};

/// Largest block of complete lines scanned in one call.
const BLOCK_MAX: usize = 8 << 20;

pub(crate) struct Driver {
    /// Absolute position of the next byte to scan.
    pub pos: usize,
    /// Absolute start of the line that holds `pos`.
    line_start: usize,
    /// Multiline keyword hits whose window is not complete yet (absolute positions).
    pub pending: Vec<MlHit>,
    /// For each pending hit, what is known of its window so far (early release).
    releases: Vec<Release>,
    /// Findings not yet emitted (absolute positions), in no particular order.
    pub found: Vec<Hit>,
    scratch: Scratch,
    seg_found: Vec<Hit>,
    /// Findings (absolute) of the current long line's pieces scanned so far that may reach
    /// into the next piece's view.
    line_prior: Vec<Hit>,
    /// Findings of the current long line's earlier pieces that reach into the piece being
    /// scanned (relative to the buffer), for settling.
    prior: Vec<Hit>,
    /// Findings in a piece's look-ahead (scratch space for settling).
    ahead: Vec<Hit>,
    seg_ml: Vec<MlHit>,
    /// Whether a multiline rule's keyword was seen since the last reset.
    pub ml_seen: bool,
}

impl Driver {
    pub(crate) fn new(engine: &Engine) -> Driver {
        Driver {
            pos: 0,
            line_start: 0,
            pending: Vec::new(),
            releases: Vec::new(),
            found: Vec::new(),
            scratch: Scratch::new(engine),
            seg_found: Vec::new(),
            line_prior: Vec::new(),
            prior: Vec::new(),
            ahead: Vec::new(),
            seg_ml: Vec::new(),
            ml_seen: false,
        }
    }

    /// Ready for a new input.
    pub(crate) fn reset(&mut self) {
        self.pos = 0;
        self.line_start = 0;
        self.line_prior.clear();
        self.pending.clear();
        self.releases.clear();
        self.found.clear();
        self.ml_seen = false;
    }

    /// Scans every segment that `buf` (holding absolute bytes `base..base + buf.len()`) decides,
    /// and every multiline window it completes. `eof`: nothing follows `buf`.
    pub(crate) fn advance(&mut self, engine: &Engine, buf: &[u8], base: usize, eof: bool) {
        // The search caches for this call: the set this thread used last, whoever used it.
        engine.lend_caches(&mut self.scratch);
        self.advance_with_caches(engine, buf, base, eof);
        engine.take_back_caches(&mut self.scratch);
    }

    fn advance_with_caches(&mut self, engine: &Engine, buf: &[u8], base: usize, eof: bool) {
        let avail = base + buf.len();
        while self.pos < avail {
            let pos = self.pos;
            let piece_end =
                self.line_start + ((pos - self.line_start) / engine.piece + 1) * engine.piece;
            let lim = piece_end.min(avail);
            match memchr::memchr(b'\n', &buf[pos - base..lim - base]) {
                Some(i) => {
                    // Complete lines: extend the block over every further complete line that
                    // is not a long one.
                    let mut end = pos + i + 1;
                    let stop = (pos + BLOCK_MAX).min(avail);
                    let from = end;
                    let rest = &buf[from - base..stop.max(from) - base];
                    if rest.len() <= engine.piece {
                        // No line in `rest` can be a long one: the block ends at its last
                        // newline.
                        if let Some(k) = memchr::memrchr(b'\n', rest) {
                            end = from + k + 1;
                        }
                    } else {
                        for nl in memchr::memchr_iter(b'\n', rest) {
                            let nl_abs = from + nl;
                            // `end` is where the current line starts; a long line ends the
                            // block.
                            if nl_abs + 1 - end > engine.piece {
                                break;
                            }
                            end = nl_abs + 1;
                        }
                    }
                    let view_start = self.piece_view_start(engine, pos);
                    self.scan(engine, buf, base, view_start..end, pos..end);
                    self.pos = end;
                    self.line_start = end;
                    self.line_prior.clear();
                }
                None if lim == piece_end => {
                    // A full piece of a long line: scan it with look-ahead.
                    let want = piece_end + engine.overlap;
                    let view_end =
                        match memchr::memchr(b'\n', &buf[piece_end - base..want.min(avail) - base])
                        {
                            Some(j) => piece_end + j,
                            None if avail >= want => want,
                            None if eof => avail,
                            None => break,
                        };
                    let view_start = self.piece_view_start(engine, pos);
                    self.scan(engine, buf, base, view_start..view_end, pos..piece_end);
                    self.pos = piece_end;
                }
                None if eof => {
                    // The last line, without a newline.
                    let view_start = self.piece_view_start(engine, pos);
                    self.scan(engine, buf, base, view_start..avail, pos..avail);
                    self.pos = avail;
                }
                None => break,
            }
        }
        // Multiline windows that are now complete.
        let mut i = 0;
        while i < self.pending.len() {
            let h = self.pending[i];
            let need = h.end.saturating_add(engine.rules[h.rule as usize].reach());
            if eof
                || avail >= need
                || self.releases[i].lines_done(h, buf, base, avail)
                || self.releases[i].decided(engine, h, buf, base, avail)
            {
                self.pending.swap_remove(i);
                self.releases.swap_remove(i);
                let rel = MlHit {
                    start: h.start - base,
                    end: h.end - base,
                    win_start: h.win_start - base,
                    ..h
                };
                self.seg_found.clear();
                let (scratch, found) = (&mut self.scratch, &mut self.seg_found);
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    engine.scan_multiline(buf, rel, avail - base, scratch, found)
                }));
                if let Err(payload) = res {
                    // The window is decided from its start: replace it whole.
                    let end = h
                        .end
                        .saturating_add(engine.rules[h.rule as usize].reach())
                        .min(avail);
                    self.failed(engine, payload, rel.win_start..end - base);
                }
                self.found.extend(self.seg_found.iter().map(|r| Hit {
                    start: r.start + base,
                    end: r.end + base,
                    ..*r
                }));
            } else {
                i += 1;
            }
        }
    }

    /// Where the view of a segment starting at `pos` begins: at `pos` on a line start; inside
    /// a long line, `overlap` bytes back, so a match (or a veto) that starts just before the
    /// piece is seen as in the whole line. Only matches starting at `pos` or later are kept.
    fn piece_view_start(&self, engine: &Engine, pos: usize) -> usize {
        if pos > self.line_start {
            pos.saturating_sub(engine.overlap).max(self.line_start)
        } else {
            pos
        }
    }

    fn scan(
        &mut self,
        engine: &Engine,
        buf: &[u8],
        base: usize,
        view: std::ops::Range<usize>,
        keep: std::ops::Range<usize>,
    ) {
        self.seg_found.clear();
        self.seg_ml.clear();
        self.scratch.consumed.clear();
        self.scratch.resettle.clear();
        self.prior.clear();
        if view.start < keep.start {
            // A piece of a long line: earlier pieces' findings that reach into this view.
            self.line_prior.retain(|r| r.end > view.start);
            self.prior.extend(
                self.line_prior
                    .iter()
                    .filter(|r| r.start < view.end)
                    .map(|r| Hit {
                        start: r.start.max(view.start) - base,
                        end: r.end.min(view.end) - base,
                        label: r.label,
                    }),
            );
        }
        let (scratch, found, ml) = (&mut self.scratch, &mut self.seg_found, &mut self.seg_ml);
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.scan_segment(
                buf,
                view.start - base..view.end - base,
                keep.start - base..keep.end - base,
                scratch,
                found,
                ml,
            )
        }));
        let (v, k) = (
            view.start - base..view.end - base,
            keep.start - base..keep.end - base,
        );
        let res = match res {
            Ok(()) if v.end > k.end && !self.scratch.consumed.is_empty() => {
                // A piece of a long line: findings in the look-ahead belong to the next piece,
                // but a candidate of this piece may run into them; settling needs them.
                let consumed = std::mem::take(&mut self.scratch.consumed);
                let resettle = std::mem::take(&mut self.scratch.resettle);
                let mut ahead = std::mem::take(&mut self.ahead);
                ahead.clear();
                let mut ml = Vec::new();
                let scratch = &mut self.scratch;
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    engine.scan_segment(buf, v.clone(), k.end..v.end, scratch, &mut ahead, &mut ml)
                }));
                self.scratch.consumed = consumed;
                self.scratch.resettle = resettle;
                self.prior.extend_from_slice(&ahead);
                self.ahead = ahead;
                r
            }
            res => res,
        };
        // In the order `components` merges in: segments come in order and keep what starts
        // in their own range, so the findings of a whole input are one sorted run (besides
        // multiline windows), which the final sort only checks, where it would sort all
        // findings again (settling finds its lines' findings sorted too).
        if res.is_ok() {
            sort_hits(engine, &mut self.seg_found);
        }
        match res {
            Err(payload) => self.failed_block(engine, payload, buf, v, k),
            Ok(()) if self.settle_wanted(buf, &v) => {
                let before = self.seg_found.len();
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.settle(engine, buf, v.clone(), k.clone())
                }));
                if let Err(payload) = res {
                    self.failed_block(engine, payload, buf, v, k);
                } else if self.seg_found.len() > before {
                    sort_hits(engine, &mut self.seg_found);
                }
            }
            Ok(()) => {}
        }
        self.scratch.consumed.clear();
        self.scratch.resettle.clear();
        self.found.extend(self.seg_found.iter().map(|r| Hit {
            start: r.start + base,
            end: r.end + base,
            ..*r
        }));
        if keep.end > keep.start && buf[keep.end - base - 1] != b'\n' {
            // The segment ends inside a line (a piece of a long one): the next piece may need
            // these findings.
            self.line_prior.extend(self.seg_found.iter().map(|r| Hit {
                start: r.start + base,
                end: r.end + base,
                ..*r
            }));
        }
        self.ml_seen |= !self.seg_ml.is_empty();
        self.pending.extend(self.seg_ml.iter().map(|h| MlHit {
            start: h.start + base,
            end: h.end + base,
            win_start: h.win_start + base,
            ..*h
        }));
        self.releases
            .resize_with(self.pending.len(), Release::default);
    }

    /// Whether the segment just scanned has findings and something that may need settling.
    fn settle_wanted(&self, buf: &[u8], view: &std::ops::Range<usize>) -> bool {
        (!self.seg_found.is_empty() || !self.prior.is_empty())
            && (!self.scratch.consumed.is_empty()
                || !self.scratch.resettle.is_empty()
                || self.seg_found.len() + self.prior.len() >= 2
                || self
                    .seg_found
                    .iter()
                    .chain(&self.prior)
                    .any(|r| seam(buf, view, r.start, r.end)))
    }

    /// Makes the findings of the segment just scanned a fixed point of redaction.
    ///
    /// A rule's iteration may consume text without a finding (a veto alternative such as
    /// `Chrome 120.0.0.0`, a candidate its validator rejected) and resume after it. When another
    /// rule's finding covers part of that text, the marker that replaces it on output would not
    /// consume the same way, and a second redaction could find what the first did not. For each
    /// line where that happens, the line is rescanned as it will be written (findings replaced by
    /// their label markers) and whatever the rescan finds outside the markers is added, until
    /// nothing new is found. Findings only grow: the redaction may cover more, never less.
    /// `seg_found` comes sorted as [`components`] sorts ([`sort_hits`]).
    fn settle(
        &mut self,
        engine: &Engine,
        buf: &[u8],
        view: std::ops::Range<usize>,
        keep: std::ops::Range<usize>,
    ) {
        let consumed = std::mem::take(&mut self.scratch.consumed);
        let mut spans: Vec<(usize, usize)> = self
            .seg_found
            .iter()
            .chain(&self.prior)
            .map(|r| (r.start, r.end))
            .collect();
        // Findings come in runs already sorted (a rule's window, the keyword-less pass):
        // the stable sort merges runs in linear time, where the unstable one partitions.
        spans.sort();
        // Merge overlapping spans: their ends are then in order as well.
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        // Consumed spans come from many rules' iterations, in no overall order; there are more
        // of them than findings, so each is looked up among the findings instead of sorted.
        let mut starts: Vec<usize> = Vec::new();
        // Two findings that touch: on a second redaction the second one's start touches a
        // marker, so a rule that matched there reads the text after it with another alignment.
        for w in merged.windows(2) {
            if w[0].1 == w[1].0 && w[0].0 >= view.start && w[0].0 < view.end {
                starts.push(w[0].0);
            }
        }
        // A finding joined to the text beside it: its marker starts with `[` and ends with `]`,
        // which a rule's context (a word boundary, a class of bytes that may not precede or
        // follow a token) reads otherwise than the bytes it replaces (`%3Dpasswd: x` has no
        // word boundary before `passwd`, `[REDACTED:azure-sas-token]passwd: x` has one).
        for &(s, e) in &merged {
            if s >= view.start && s < view.end && seam(buf, &view, s, e) {
                starts.push(s);
            }
        }
        for &(cs, ce, _) in &consumed {
            if cs < view.start || cs >= view.end {
                continue;
            }
            let i = merged.partition_point(|&(_, e)| e <= cs);
            // Overlapping a finding, and not wholly inside it: running on past its end, or
            // starting at least two bytes before it. On a second redaction the text around the
            // marker is read afresh, and a match can start where this one was consumed (a
            // candidate that took in the first digits of a phone number found by another rule).
            // A single byte before the finding leaves no room: a match there would end at the
            // marker, and a secret touching a marker is never a finding.
            if let Some(&(fs, fe)) = merged.get(i) {
                if fs < ce && (ce > fe || fs > cs + 1) {
                    starts.push(cs);
                }
            }
        }
        self.scratch.consumed = consumed;
        self.scratch.consumed.clear();
        starts.extend(
            self.scratch
                .resettle
                .drain(..)
                .filter(|&p| p >= view.start && p < view.end),
        );
        starts.sort_unstable();
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for cs in starts {
            if lines.last().is_some_and(|&(_, le)| cs <= le) {
                continue;
            }
            let ls = match memchr::memrchr(b'\n', &buf[view.start..cs]) {
                Some(j) => view.start + j + 1,
                None => view.start,
            };
            let le = match memchr::memchr(b'\n', &buf[cs..view.end]) {
                Some(j) => cs + j,
                None => view.end,
            };
            lines.push((ls, le));
        }
        if lines.is_empty() {
            return;
        }
        // Sorted by start (`scan` sorted them before settling), so each line finds its own
        // findings by binary search; what settling adds goes after `sorted`.
        debug_assert!(self.seg_found.windows(2).all(|w| w[0].start <= w[1].start));
        let sorted = self.seg_found.len();
        for (ls, le) in lines {
            self.settle_line(engine, buf, ls..le, &keep, sorted);
        }
    }

    /// Rescans the line `line` (relative to `buf`, without its newline) as redaction writes it,
    /// adding what the rescan finds, at most a few rounds.
    fn settle_line(
        &mut self,
        engine: &Engine,
        buf: &[u8],
        line: std::ops::Range<usize>,
        keep: &std::ops::Range<usize>,
        sorted: usize,
    ) {
        const ROUNDS: usize = 8;
        let first = self.seg_found[..sorted].partition_point(|r| r.start < line.start);
        let last = self.seg_found[..sorted].partition_point(|r| r.start < line.end);
        let mut text = Vec::new();
        let mut marks = Marks::default();
        let mut raws: Vec<Hit> = Vec::new();
        let mut comps = Vec::new();
        let mut again: Vec<Hit> = Vec::new();
        let mut ml = Vec::new();
        for _ in 0..ROUNDS {
            raws.clear();
            raws.extend_from_slice(&self.seg_found[first..last]);
            raws.extend(
                self.seg_found[sorted..]
                    .iter()
                    .filter(|r| r.start >= line.start && r.start < line.end),
            );
            raws.extend(
                self.prior
                    .iter()
                    .filter(|r| r.end > line.start && r.start < line.end)
                    .map(|r| Hit {
                        start: r.start.max(line.start),
                        ..*r
                    }),
            );
            if raws
                .iter()
                .any(|r| r.label == Label::Failed || r.end > line.end)
            {
                return;
            }
            comps.clear();
            components(engine, &mut raws, &mut comps);
            text.clear();
            marks.clear(line.start);
            let mut at = line.start;
            for c in &comps {
                text.extend_from_slice(&buf[at..c.start]);
                let (content, cr) = match &buf[c.start..c.end] {
                    [rest @ .., b'\r'] => (rest, true),
                    whole => (whole, false),
                };
                let ts = text.len();
                if !content.is_empty() {
                    marker::write_label(&mut text, engine.label_id(c.label));
                }
                if cr {
                    text.push(b'\r');
                }
                marks.push(ts, text.len(), c.start, c.end);
                at = c.end;
            }
            text.extend_from_slice(&buf[at..line.end]);
            again.clear();
            ml.clear();
            self.scratch.consumed.clear();
            self.scratch.resettle.clear();
            engine.scan_segment(
                &text,
                0..text.len(),
                0..text.len(),
                &mut self.scratch,
                &mut again,
                &mut ml,
            );
            self.scratch.consumed.clear();
            self.scratch.resettle.clear();
            let before = self.seg_found.len();
            for f in &again {
                // Back to buffer positions: inside a marker, the span the marker replaced.
                let (s, e) = (marks.to_orig(f.start, false), marks.to_orig(f.end, true));
                // In a piece of a long line, what starts after the piece is kept too: the
                // next piece does not see this piece's findings, so would not settle it.
                if e > s && s >= keep.start {
                    self.seg_found.push(Hit {
                        start: s,
                        end: e,
                        label: f.label,
                    });
                }
            }
            if self.seg_found.len() == before {
                return;
            }
        }
    }

    /// An internal error (a panic) while scanning the segment `keep` (relative to the buffer):
    /// without fail-closed the panic goes on to the caller. Under fail-closed, a segment of
    /// several lines is scanned again line by line, so that only a line whose own scan fails
    /// is replaced whole; a single line (or a piece of a long one) is replaced whole.
    fn failed_block(
        &mut self,
        engine: &Engine,
        payload: Box<dyn std::any::Any + Send>,
        buf: &[u8],
        view: std::ops::Range<usize>,
        keep: std::ops::Range<usize>,
    ) {
        let several = memchr::memchr(b'\n', &buf[keep.clone()])
            .is_some_and(|i| keep.start + i + 1 < keep.end);
        if !engine.fail_closed || !several {
            return self.failed(engine, payload, keep);
        }
        drop(payload);
        self.scratch = Scratch::new(engine);
        let (mut found, mut ml) = (Vec::new(), Vec::new());
        let mut ls = keep.start;
        while ls < keep.end {
            let le = memchr::memchr(b'\n', &buf[ls..keep.end]).map_or(keep.end, |i| ls + i + 1);
            let line_view = if ls == keep.start {
                view.start.min(ls)..le
            } else {
                ls..le
            };
            self.seg_found.clear();
            self.seg_ml.clear();
            self.scratch.consumed.clear();
            self.scratch.resettle.clear();
            let (scratch, f, m) = (&mut self.scratch, &mut self.seg_found, &mut self.seg_ml);
            let mut res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                engine.scan_segment(buf, line_view.clone(), ls..le, scratch, f, m)
            }));
            if res.is_ok() && self.settle_wanted(buf, &line_view) {
                res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.settle(engine, buf, line_view.clone(), ls..le)
                }));
            }
            if let Err(payload) = res {
                self.failed(engine, payload, ls..le);
            }
            found.append(&mut self.seg_found);
            ml.append(&mut self.seg_ml);
            ls = le;
        }
        self.seg_found = found;
        self.seg_ml = ml;
    }

    /// An internal error (a panic) while scanning `range` (relative to the buffer): under
    /// fail-closed the range is replaced whole; otherwise the panic goes on to the caller, so
    /// the range is never passed through unscanned.
    fn failed(
        &mut self,
        engine: &Engine,
        payload: Box<dyn std::any::Any + Send>,
        range: std::ops::Range<usize>,
    ) {
        if !engine.fail_closed {
            std::panic::resume_unwind(payload);
        }
        self.scratch = Scratch::new(engine);
        self.seg_found.clear();
        self.seg_ml.clear();
        if range.end > range.start {
            self.seg_found.push(Hit {
                start: range.start,
                end: range.end,
                label: Label::Failed,
            });
        }
    }

    /// Everything before this absolute position is decided: no finding still to come can
    /// start before it.
    pub(crate) fn decided(&self) -> usize {
        self.pending
            .iter()
            .map(|h| h.win_start)
            .min()
            .unwrap_or(self.pos)
            .min(self.pos)
    }
}

/// Bytes a decision about a match may read past its end (marker checks, UTF-8 widening).
const RELEASE_MARGIN: usize = 16;

/// A keyword line longer than this keeps its window held until complete: each of its bytes
/// is a possible match start to follow.
const RELEASE_MAX_STARTS: usize = 4096;

/// Early release of a multiline window (a PEM block): its search result is final as soon as,
/// for every position where a counted match may start (the keyword's line), the rule's
/// anchored automaton has died, so no byte still to come can change a match or its absence.
/// The window is then searched over the bytes it has, with the same result as over the whole
/// window: stream and whole input still agree, and a line that merely mentions a PEM header
/// holds the output only until a byte that no key body may hold, not for 64 KiB.
#[derive(Default)]
struct Release {
    started: bool,
    /// The result may change until the window is complete (no automaton for the rule, a
    /// keyword line too long, or a byte the automaton gives up on).
    held: bool,
    /// Automaton states of the starts still alive, all fed up to `fed` (absolute).
    alive: Vec<regex_automata::hybrid::LazyStateID>,
    /// This window's cache of the rule's lazy automaton (made when the window starts).
    cache: Option<regex_automata::hybrid::dfa::Cache>,
    fed: usize,
    /// The furthest position where a start's automaton died.
    died_at: usize,
    /// Line ends seen from the keyword on, and how far they were counted (absolute).
    lines: usize,
    counted_to: usize,
}

impl Release {
    /// The window has reached its last line (`engine::MULTILINE_LINES`): complete whatever
    /// comes next.
    fn lines_done(&mut self, h: MlHit, buf: &[u8], base: usize, avail: usize) -> bool {
        let from = self.counted_to.max(h.end);
        self.lines += memchr::memchr_iter(b'\n', &buf[from - base..avail - base]).count();
        self.counted_to = avail;
        self.lines >= crate::engine::MULTILINE_LINES
    }

    fn decided(
        &mut self,
        engine: &Engine,
        h: MlHit,
        buf: &[u8],
        base: usize,
        avail: usize,
    ) -> bool {
        if self.held {
            return false;
        }
        let Some(dfa) = engine.rules[h.rule as usize].release_dfa() else {
            self.held = true;
            return false;
        };
        // The cache is out of `self` while the starts run (put back below; a window held for
        // good needs it no more).
        let mut cache = match self.cache.take() {
            Some(c) => c,
            None => dfa.create_cache(),
        };
        if !self.started {
            // Counted matches start on the keyword's line: wait for its end.
            let Some(nl) = memchr::memchr(b'\n', &buf[h.end - base..avail - base]) else {
                self.cache = Some(cache);
                return false;
            };
            let keep_end = h.end + nl + 1;
            if keep_end - h.win_start > RELEASE_MAX_STARTS {
                self.held = true;
                return false;
            }
            self.started = true;
            self.fed = keep_end;
            for p in h.win_start..keep_end {
                let input = regex_automata::Input::new(buf)
                    .range(p - base..avail - base)
                    .anchored(regex_automata::Anchored::Yes);
                let Ok(sid) = dfa.start_state_forward(&mut cache, &input) else {
                    self.held = true;
                    return false;
                };
                if !self.follow(dfa, &mut cache, sid, buf, base, p, keep_end) {
                    return false;
                }
            }
        }
        let alive = std::mem::take(&mut self.alive);
        for sid in alive {
            if !self.follow(dfa, &mut cache, sid, buf, base, self.fed, avail) {
                return false;
            }
        }
        self.cache = Some(cache);
        self.fed = avail;
        self.alive.is_empty() && self.died_at.saturating_add(RELEASE_MARGIN) <= avail
    }

    /// Runs one start's automaton from `sid` over `from..to`: records where it died, or keeps
    /// it alive; false (and held for good) if the automaton gives up (its cache is full, or a
    /// byte it quits on).
    #[allow(clippy::too_many_arguments)]
    fn follow(
        &mut self,
        dfa: &crate::compile::ReleaseDfa,
        cache: &mut regex_automata::hybrid::dfa::Cache,
        mut sid: regex_automata::hybrid::LazyStateID,
        buf: &[u8],
        base: usize,
        from: usize,
        to: usize,
    ) -> bool {
        let mut q = from;
        while q < to && !sid.is_dead() && !sid.is_quit() {
            match dfa.next_state(cache, sid, buf[q - base]) {
                Ok(next) => sid = next,
                Err(_) => {
                    self.held = true;
                    return false;
                }
            }
            q += 1;
        }
        if sid.is_quit() {
            self.held = true;
            return false;
        }
        if sid.is_dead() {
            self.died_at = self.died_at.max(q);
        } else {
            self.alive.push(sid);
        }
        true
    }
}

/// What a rule's `\s` matches (ASCII whitespace and vertical tab).
fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'\x0b'
}

/// Bytes that read like a marker's `[` or `]` to a rule's context: space, quotes, brackets
/// and list punctuation.
fn is_delim(b: u8) -> bool {
    is_space(b) || b"\"'`,;()[]{}<>".contains(&b)
}

/// Bytes a token may end with, so that a rule reading the byte after it (`(?:[^\w-]|$)`, `\b`)
/// may reject a text byte where it accepts a marker's `[`. Not `=` or `:`, which end keys far
/// more often than tokens (`key=` before a finding would rescan most lines of dense text).
fn ends_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b"_-./+~".contains(&b)
}

/// Whether the finding `s..e` (in `view` of `buf`) is joined to the text beside it, so that
/// replacing it with a marker may change how a rule reads that text: a word boundary appears
/// where there was none, a class of bytes that may not precede or follow a token accepts the
/// marker's `]` or `[` where it rejected the finding's bytes. After the finding: it ends in a
/// byte that is not a delimiter and text that is not a delimiter follows. Before it: it starts
/// with a byte that is not a delimiter and the text before ends like a token.
fn seam(buf: &[u8], view: &std::ops::Range<usize>, s: usize, e: usize) -> bool {
    (e > s && e < view.end && !is_delim(buf[e - 1]) && !is_delim(buf[e]))
        || (s > view.start && s < e && ends_token(buf[s - 1]) && !is_delim(buf[s]))
}

/// Where the replacements stand in a text rewritten from an original: for each, its span in
/// the text and the span it replaced in the original, in order. Maps text positions back.
#[derive(Default)]
pub(crate) struct Marks {
    v: Vec<(usize, usize, usize, usize)>,
    /// Original position of text position 0.
    origin: usize,
}

impl Marks {
    pub(crate) fn clear(&mut self, origin: usize) {
        self.v.clear();
        self.origin = origin;
    }

    /// Text `ts..te` replaced original `os..oe`.
    pub(crate) fn push(&mut self, ts: usize, te: usize, os: usize, oe: usize) {
        self.v.push((ts, te, os, oe));
    }

    /// A text position as an original one: inside a replacement, the start (or, for an end,
    /// the end) of the span it replaced; elsewhere shifted by the replacements before it.
    pub(crate) fn to_orig(&self, p: usize, is_end: bool) -> usize {
        let i = self.v.partition_point(|m| m.1 <= p);
        match self.v.get(i) {
            Some(&(ts, _, os, oe)) if ts < p => {
                if is_end {
                    oe
                } else {
                    os
                }
            }
            _ => match i.checked_sub(1).and_then(|j| self.v.get(j)) {
                Some(&(_, te, _, oe)) => oe + (p - te),
                None => self.origin + p,
            },
        }
    }
}

/// Sorts findings as [`components`] merges them: leftmost, then longest, then priority, then
/// rule order. A total order (equal hits are the same hit), so the stable sort gives what the
/// unstable one would; it merges the sorted runs findings come in, in linear time.
fn sort_hits(engine: &Engine, found: &mut [Hit]) {
    found.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then_with(|| engine.priority(b.label).cmp(&engine.priority(a.label)))
            .then_with(|| a.label.cmp(&b.label))
    });
}

/// Sorts findings (leftmost, then longest, then priority, then rule order) and merges
/// overlapping ones.
pub(crate) fn components(engine: &Engine, found: &mut [Hit], out: &mut Vec<Span>) {
    sort_hits(engine, found);
    let mut cur: Option<Span> = None;
    for f in found.iter() {
        match &mut cur {
            Some(c) if f.start < c.end => c.end = c.end.max(f.end),
            _ => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                cur = Some(Span {
                    start: f.start,
                    end: f.end,
                    label: f.label,
                });
            }
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
}
