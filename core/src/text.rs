//! The text redactor: whole-input and streaming redaction of plain text, over the scanner
//! (`scan.rs`) and the renderer (`render.rs`).

use std::fmt;
use std::sync::{Arc, Mutex};

use crate::engine::Engine;
use crate::render::{protect_placeholders, widen_to_chars, Renderer};
use crate::scan::{components, Driver};
use crate::span::{Span, StreamFinding};
use crate::vault::Vault;

/// Counters from a streaming run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Bytes read.
    pub bytes_read: u64,
    /// Bytes written.
    pub bytes_written: u64,
    /// Replaced spans.
    pub findings: u64,
}

/// Shards of the pool of drivers: each thread takes its drivers from one shard (by the order
/// in which threads first took one), so that threads do not contend for one lock.
const POOL_SHARDS: usize = 8;

/// Drivers kept by a shard of the pool (a thread seldom needs more than one at a time); the
/// pool as a whole keeps at most 64, as it did with one lock.
const POOL_SHARD_MAX: usize = 64 / POOL_SHARDS;

/// This thread's shard of a driver pool.
fn pool_shard() -> usize {
    crate::engine::thread_shard(POOL_SHARDS)
}

/// The compiled engine, how it renders, and a pool of scanners for whole-input calls.
pub(crate) struct TextRedactor {
    pub engine: Engine,
    pub render: Renderer,
    /// Boxed: taking a driver from the pool and putting it back moves a pointer, not the
    /// driver (two copies of a few hundred bytes per call). In shards (see [`pool_shard`]):
    /// with one lock, two threads redacting line by line (`--format auto`: a call per JSON
    /// line) kept finding it taken and made new drivers, whose caches start cold.
    #[allow(clippy::vec_box)]
    pool: [Mutex<Vec<Box<Driver>>>; POOL_SHARDS],
}

impl TextRedactor {
    pub(crate) fn new(engine: Engine, render: Renderer) -> TextRedactor {
        TextRedactor {
            engine,
            render,
            pool: Default::default(),
        }
    }

    /// Whether an internal error replaces what it was scanning (see the builder).
    pub(crate) fn fail_closed(&self) -> bool {
        self.engine.fail_closed
    }

    /// The merged spans of `hay` as plain text.
    pub(crate) fn spans(&self, hay: &[u8]) -> Vec<Span> {
        self.collect(hay, false)
    }

    /// The merged spans of `hay` as plain text, and whether it holds a keyword of a multiline
    /// rule (a window that could have run on past its end).
    pub(crate) fn spans_and_multiline(&self, hay: &[u8]) -> (Vec<Span>, bool) {
        self.with_driver(|d| {
            d.advance(&self.engine, hay, 0, true);
            let mut comps = Vec::new();
            components(&self.engine, &mut d.found, &mut comps);
            (comps, d.ml_seen)
        })
    }

    /// The merged spans of a text run, as `text_run` replaces them (widened to characters for
    /// UTF-8 text).
    pub(crate) fn text_spans(&self, hay: &[u8], utf8: bool) -> Vec<Span> {
        let spans = self.collect(hay, false);
        if utf8 {
            widen_to_chars(hay, spans)
        } else {
            spans
        }
    }

    /// Redacts `hay` as plain text (one run of text lines), appending to `out`; returns the
    /// number of replaced spans. `utf8`: `hay` is valid UTF-8 and spans are widened to
    /// character boundaries.
    pub(crate) fn text_run(
        &self,
        hay: &[u8],
        utf8: bool,
        vault: Option<&mut Vault>,
        out: &mut Vec<u8>,
    ) -> usize {
        let mut spans = self.text_spans(hay, utf8);
        if vault.is_some() {
            protect_placeholders(hay, &mut spans);
        }
        self.render.render(hay, 0, 0..hay.len(), &spans, out, vault);
        spans.len()
    }

    fn with_driver<T>(&self, f: impl FnOnce(&mut Driver) -> T) -> T {
        let shard = &self.pool[pool_shard()];
        // try_lock: never wait (nor deadlock in a forked child); a busy shard means a new
        // driver.
        let mut d = shard
            .try_lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_else(|| Box::new(Driver::new(&self.engine)));
        d.reset();
        let out = f(&mut d);
        if let Ok(mut p) = shard.try_lock() {
            if p.len() < POOL_SHARD_MAX {
                p.push(d);
            }
        }
        out
    }

    /// The merged spans of `hay` (`raw`: every hit, unmerged, sorted and deduplicated).
    pub(crate) fn collect(&self, hay: &[u8], raw: bool) -> Vec<Span> {
        self.with_driver(|d| {
            d.advance(&self.engine, hay, 0, true);
            let mut comps = Vec::new();
            if raw {
                d.found.sort_unstable();
                d.found.dedup();
                comps.extend(d.found.iter().map(|f| Span {
                    start: f.start,
                    end: f.end,
                    label: f.label,
                }));
            } else {
                components(&self.engine, &mut d.found, &mut comps);
            }
            comps
        })
    }
}

/// Advances a line counter over `text`, which starts at absolute offset `at`.
fn count_lines(text: &[u8], at: usize, line: &mut u64, line_start: &mut usize) {
    let n = memchr::memchr_iter(b'\n', text).count() as u64;
    if n > 0 {
        *line += n;
        *line_start = at + memchr::memrchr(b'\n', text).unwrap_or(0) + 1;
    }
}

/// Incremental redaction of plain text: see [`crate::StreamRedactor`].
pub(crate) struct TextStream {
    text: Arc<TextRedactor>,
    driver: Driver,
    buf: Vec<u8>,
    base: usize,
    emitted: usize,
    line: u64,
    line_start: usize,
    comps: Vec<Span>,
    stats: StreamStats,
    finished: bool,
}

impl fmt::Debug for TextStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextStream")
            .field("buffered", &self.buf.len())
            .field("stats", &self.stats)
            .finish()
    }
}

impl TextStream {
    pub(crate) fn new(text: Arc<TextRedactor>) -> TextStream {
        TextStream {
            driver: Driver::new(&text.engine),
            text,
            buf: Vec::new(),
            base: 0,
            emitted: 0,
            line: 1,
            line_start: 0,
            comps: Vec::new(),
            stats: StreamStats::default(),
            finished: false,
        }
    }

    /// Feeds a chunk; appends to `out` whatever output is decided, reporting each span.
    pub(crate) fn push_with(
        &mut self,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on_finding: &mut dyn FnMut(&StreamFinding),
    ) {
        if self.finished {
            self.reset();
        }
        self.stats.bytes_read += chunk.len() as u64;
        self.buf.extend_from_slice(chunk);
        self.step(false, out, on_finding);
    }

    /// Ends the input; the stream can then be reused for a new input.
    pub(crate) fn finish_with(
        &mut self,
        out: &mut Vec<u8>,
        on_finding: &mut dyn FnMut(&StreamFinding),
    ) {
        if !self.finished {
            self.step(true, out, on_finding);
            self.finished = true;
        }
    }

    pub(crate) fn stats(&self) -> StreamStats {
        self.stats
    }

    /// Bytes held back, waiting for the end of a line or of a multiline block.
    pub(crate) fn buffered(&self) -> usize {
        self.buf.len() - (self.emitted - self.base)
    }

    fn reset(&mut self) {
        self.driver.reset();
        self.buf.clear();
        self.base = 0;
        self.emitted = 0;
        self.line = 1;
        self.line_start = 0;
        self.stats = StreamStats::default();
        self.finished = false;
    }

    fn step(&mut self, eof: bool, out: &mut Vec<u8>, on_finding: &mut dyn FnMut(&StreamFinding)) {
        let engine = &self.text.engine;
        let d = &mut self.driver;
        let base = self.base;
        d.advance(engine, &self.buf, base, eof);
        let decided = d.decided();
        self.comps.clear();
        components(engine, &mut d.found, &mut self.comps);
        let mut upto = decided;
        if let Some(c) = self
            .comps
            .iter()
            .find(|c| c.start < decided && c.end > decided)
        {
            upto = c.start;
        }
        if upto > self.emitted {
            let before = out.len();
            let mut cursor = self.emitted;
            let mut at = self.emitted;
            for c in self
                .comps
                .iter()
                .filter(|c| c.end <= upto && c.start >= self.emitted)
            {
                count_lines(
                    &self.buf[cursor - base..c.start - base],
                    cursor,
                    &mut self.line,
                    &mut self.line_start,
                );
                cursor = c.start;
                on_finding(&StreamFinding {
                    finding: self.text.render.finding(c, 0),
                    line: self.line,
                    column: (c.start - self.line_start) as u64 + 1,
                });
                self.stats.findings += 1;
                out.extend_from_slice(&self.buf[at - base..c.start - base]);
                self.text
                    .render
                    .replace(&self.buf[c.start - base..c.end - base], c, out, None);
                at = c.end;
            }
            out.extend_from_slice(&self.buf[at - base..upto - base]);
            count_lines(
                &self.buf[cursor - base..upto - base],
                cursor,
                &mut self.line,
                &mut self.line_start,
            );
            self.stats.bytes_written += (out.len() - before) as u64;
            d.found.retain(|f| f.start >= upto);
            self.emitted = upto;
        }
        // Keep look-behind context before everything still to be decided or written.
        let keep_from = self
            .emitted
            .min(d.pos)
            .saturating_sub(engine.lookbehind())
            .max(base);
        self.buf.drain(..keep_from - base);
        self.base = keep_from;
    }
}
