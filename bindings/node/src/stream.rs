//! `StreamRedactor`: core's bounded-memory streaming redactor, driven by pushed chunks.
//!
//! Core's `Redactor::stream_redact` pulls from a `Read`. Here it runs on a thread of its own
//! whose reader is fed by `push`: `push` hands the chunk over and waits until the redactor has
//! consumed it and asks for more, by which time it has written everything it can decide. So
//! the output is core's, byte for byte, including multiline (PEM) rules and secrets split
//! across chunks, and memory stays bounded by core's buffer plus one chunk.

use std::io::{self, Read, Write};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

use napi::bindgen_prelude::Buffer;
use napi_derive::napi;

use crate::error::{guard, panic_error};
use crate::redactor::JsRedactor;

enum Input {
    Chunk(Vec<u8>),
    End,
}

enum Event {
    Output(Vec<u8>),
    /// Every byte pushed so far has been consumed; all decidable output was sent before this.
    Idle,
    Done(io::Result<redactum::StreamStats>),
}

struct FeedReader {
    rx: Receiver<Input>,
    events: Sender<Event>,
    chunk: Vec<u8>,
    pos: usize,
    /// A chunk is being consumed: the next request for more data ends it with `Idle`.
    busy: bool,
}

impl Read for FeedReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.chunk.len() {
            if self.busy {
                self.busy = false;
                let _ = self.events.send(Event::Idle);
            }
            match self.rx.recv() {
                Ok(Input::Chunk(c)) => {
                    self.chunk = c;
                    self.pos = 0;
                    self.busy = true;
                }
                Ok(Input::End) => return Ok(0),
                // The StreamRedactor was dropped without finish(): stop at once.
                Err(_) => return Err(io::Error::new(io::ErrorKind::BrokenPipe, "stream abandoned")),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

struct EventWriter(Sender<Event>);

impl Write for EventWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .send(Event::Output(buf.to_vec()))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "stream abandoned"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Counters of a finished stream.
#[napi(object)]
pub struct StreamStats {
    /// Bytes pushed.
    pub bytes_read: f64,
    /// Bytes returned.
    pub bytes_written: f64,
    /// Replaced spans.
    pub findings: f64,
}

/// An incremental redactor: `push` chunks of a byte stream, get back the output that is
/// decided so far; `finish` returns the rest. The concatenated output equals
/// `redactor.redactBuffer(wholeInput)`, whatever the chunking, in bounded memory.
#[napi(js_name = "StreamRedactor")]
pub struct JsStreamRedactor {
    input: Option<SyncSender<Input>>,
    events: Receiver<Event>,
    worker: Option<JoinHandle<()>>,
    stats: Option<redactum::StreamStats>,
}

impl JsStreamRedactor {
    /// Collects output until `Idle` (after a chunk) or `Done` (after the end).
    fn collect(&mut self, until_done: bool) -> napi::Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            match self.events.recv() {
                Ok(Event::Output(v)) if out.is_empty() => out = v,
                Ok(Event::Output(v)) => out.extend_from_slice(&v),
                Ok(Event::Idle) if !until_done => return Ok(out),
                Ok(Event::Idle) => {}
                Ok(Event::Done(Ok(stats))) => {
                    self.stats = Some(stats);
                    self.join()?;
                    return Ok(out);
                }
                Ok(Event::Done(Err(e))) => {
                    self.join()?;
                    return Err(napi::Error::from_reason(format!("redactum stream failed: {e}")));
                }
                // The worker is gone without saying Done: it panicked.
                Err(_) => {
                    self.join()?;
                    return Err(napi::Error::from_reason("redactum stream worker stopped unexpectedly"));
                }
            }
        }
    }

    fn join(&mut self) -> napi::Result<()> {
        self.input = None;
        match self.worker.take().map(JoinHandle::join) {
            Some(Err(payload)) => Err(panic_error(payload)),
            _ => Ok(()),
        }
    }
}

#[napi]
impl JsStreamRedactor {
    /// A stream over `redactor`'s rules and style.
    #[napi(constructor)]
    pub fn new(redactor: &JsRedactor) -> napi::Result<Self> {
        guard(|| {
            let redactor = redactor.inner.clone();
            // Capacity 1: push waits for the worker anyway; this only avoids a rendezvous.
            let (input_tx, input_rx) = sync_channel(1);
            let (event_tx, event_rx) = channel();
            let worker = std::thread::Builder::new()
                .name("redactum-stream".into())
                .spawn(move || {
                    let reader =
                        FeedReader { rx: input_rx, events: event_tx.clone(), chunk: Vec::new(), pos: 0, busy: false };
                    let result = redactor.stream_redact(reader, EventWriter(event_tx.clone()));
                    let _ = event_tx.send(Event::Done(result));
                })
                .map_err(|e| napi::Error::from_reason(format!("cannot start the stream worker: {e}")))?;
            Ok(JsStreamRedactor { input: Some(input_tx), events: event_rx, worker: Some(worker), stats: None })
        })
    }

    /// Feeds a chunk; returns the output decided so far (possibly empty: a line is held back
    /// until its end, a PEM block until it closes).
    ///
    /// @throws Error after `finish()`, or if the redactor failed.
    #[napi]
    pub fn push(&mut self, chunk: &[u8]) -> napi::Result<Buffer> {
        guard(|| {
            let Some(input) = &self.input else {
                return Err(napi::Error::from_reason("StreamRedactor.push after finish()"));
            };
            if chunk.is_empty() {
                return Ok(Buffer::from(Vec::new()));
            }
            if input.send(Input::Chunk(chunk.to_vec())).is_err() {
                return self.collect(true).and_then(|_| Err(napi::Error::from_reason("redactum stream stopped")));
            }
            self.collect(false).map(Buffer::from)
        })
    }

    /// Ends the input; returns the rest of the output. Later calls return an empty Buffer.
    #[napi]
    pub fn finish(&mut self) -> napi::Result<Buffer> {
        guard(|| {
            let Some(input) = self.input.take() else {
                return Ok(Buffer::from(Vec::new()));
            };
            let _ = input.send(Input::End);
            drop(input);
            self.collect(true).map(Buffer::from)
        })
    }

    /// Counters, once `finish()` has returned; `null` before.
    #[napi(getter)]
    pub fn stats(&self) -> Option<StreamStats> {
        self.stats.map(|s| StreamStats {
            bytes_read: s.bytes_read as f64,
            bytes_written: s.bytes_written as f64,
            findings: s.findings as f64,
        })
    }
}
