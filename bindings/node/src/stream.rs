//! `StreamRedactor`: core's push-style incremental redactor (`redactum::StreamRedactor`).

use napi::bindgen_prelude::BufferSlice;
use napi::Env;
use napi_derive::napi;

use crate::error::guard;
use crate::redactor::Redactor;

/// Counters of a stream.
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
/// `redactor.redactBuffer(wholeInput)`, whatever the chunking, in bounded memory (about
/// 1.1 MiB plus the last chunk).
#[napi]
pub struct StreamRedactor {
    inner: redactum::StreamRedactor,
    out: Vec<u8>,
    /// The redactor's `replaceWith` function, whose failures throw.
    censor: Option<std::sync::Arc<crate::redactor::Censor>>,
}

impl StreamRedactor {
    /// An error if `replaceWith` failed: the output gathered is dropped, never returned.
    fn censor_ok(&mut self) -> napi::Result<()> {
        match &self.censor {
            Some(c) => c.take_error().inspect_err(|_| self.out.clear()),
            None => Ok(()),
        }
    }

    /// The output gathered in `self.out`, copied into a JavaScript-owned Buffer: V8 counts its
    /// memory, so the garbage collector keeps pace with a long stream (a Buffer over a Rust
    /// `Vec` is invisible to it).
    fn take_output<'env>(&mut self, env: &'env Env) -> napi::Result<BufferSlice<'env>> {
        let buf = BufferSlice::copy_from(env, &self.out);
        self.out.clear();
        // Keep the scratch buffer from growing without bound after one huge chunk.
        self.out.shrink_to(1 << 20);
        buf
    }
}

#[napi]
impl StreamRedactor {
    /// A stream over `redactor`'s rules and style.
    #[napi(constructor)]
    pub fn new(redactor: &Redactor) -> napi::Result<Self> {
        guard(|| {
            Ok(StreamRedactor {
                inner: redactor.inner.stream(),
                out: Vec::new(),
                censor: redactor.censor.clone(),
            })
        })
    }

    /// Feeds a chunk; returns the output decided so far (possibly empty: a line is held back
    /// until its end, a PEM block until it closes). After `finish()`, starts a new input.
    #[napi(ts_return_type = "Buffer")]
    pub fn push<'env>(&mut self, env: &'env Env, chunk: &[u8]) -> napi::Result<BufferSlice<'env>> {
        guard(|| {
            self.inner.push(chunk, &mut self.out);
            self.censor_ok()?;
            self.take_output(env)
        })
    }

    /// Ends the input; returns the rest of the output. The object can then take a new input.
    #[napi(ts_return_type = "Buffer")]
    pub fn finish<'env>(&mut self, env: &'env Env) -> napi::Result<BufferSlice<'env>> {
        guard(|| {
            self.inner.finish(&mut self.out);
            self.censor_ok()?;
            self.take_output(env)
        })
    }

    /// Counters of the current input.
    #[napi(getter)]
    pub fn stats(&self) -> StreamStats {
        let s = self.inner.stats();
        StreamStats {
            bytes_read: s.bytes_read as f64,
            bytes_written: s.bytes_written as f64,
            findings: s.findings as f64,
        }
    }

    /// Bytes held back, waiting for the end of a line or of a multiline block.
    #[napi(getter)]
    pub fn buffered(&self) -> f64 {
        self.inner.buffered() as f64
    }
}
