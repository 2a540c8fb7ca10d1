//! Streaming: Python file-like objects as Rust `Read`/`Write`, for `Redactor::stream_redact`.
//!
//! The scan runs with the GIL released; each `read`/`write`/`flush` on the Python object
//! attaches to the interpreter for just that call. Text-mode files are encoded to and decoded
//! from UTF-8 here, binary files pass bytes through.

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::error::shield;

/// Counters from `Redactor.redact_stream`.
#[pyclass(module = "redactum._redactum", name = "StreamStats", frozen)]
pub struct PyStreamStats {
    /// Bytes read (UTF-8 bytes for a text-mode source).
    #[pyo3(get)]
    bytes_read: u64,
    /// Bytes written (UTF-8 bytes for a text-mode destination).
    #[pyo3(get)]
    bytes_written: u64,
    /// Redacted spans.
    #[pyo3(get)]
    findings: u64,
}

#[pymethods]
impl PyStreamStats {
    fn __repr__(&self) -> String {
        format!(
            "StreamStats(bytes_read={}, bytes_written={}, findings={})",
            self.bytes_read, self.bytes_written, self.findings
        )
    }
}

const UNKNOWN: u8 = 0;
const TEXT: u8 = 1;
const BINARY: u8 = 2;

pub fn redact_stream(
    py: Python<'_>,
    redactor: &redactum::Redactor,
    src: Bound<'_, PyAny>,
    dst: Bound<'_, PyAny>,
) -> PyResult<PyStreamStats> {
    if !src.hasattr("read")? {
        return Err(PyTypeError::new_err(
            "redact_stream() src must have a read() method",
        ));
    }
    if !dst.hasattr("write")? {
        return Err(PyTypeError::new_err(
            "redact_stream() dst must have a write() method",
        ));
    }
    let src_mode = Arc::new(AtomicU8::new(UNKNOWN));
    let dst_mode = Arc::new(AtomicU8::new(dst_kind(py, &dst)?));
    // `read1` returns what is available (at most one raw read) where `read(n)` of a buffered
    // file waits for n bytes: with it a pipe fed line by line is redacted line by line.
    let method = if src.hasattr("read1")? {
        "read1"
    } else {
        "read"
    };
    let mut reader = PyReader {
        src: src.unbind(),
        method,
        mode: src_mode.clone(),
        pending: Vec::new(),
        at: 0,
        eof: false,
        err: None,
    };
    let mut writer = PyWriter {
        dst: dst.unbind(),
        mode: dst_mode,
        src_mode,
        carry: Vec::new(),
        has_flush: None,
        err: None,
    };
    let result = py.detach(|| shield(|| redactor.stream_redact(&mut reader, &mut writer)))?;
    match result {
        Ok(stats) => {
            writer.finish(py)?;
            Ok(PyStreamStats {
                bytes_read: stats.bytes_read,
                bytes_written: stats.bytes_written,
                findings: stats.findings,
            })
        }
        // The Python exception raised by read() or write(), as it was.
        Err(e) => Err(reader
            .err
            .take()
            .or_else(|| writer.err.take())
            .unwrap_or_else(|| PyOSError::new_err(e.to_string()))),
    }
}

/// Text or binary, from the destination's class when it is an `io` class.
fn dst_kind(py: Python<'_>, dst: &Bound<'_, PyAny>) -> PyResult<u8> {
    let io = py.import("io")?;
    if dst.is_instance(&io.getattr("TextIOBase")?)? {
        Ok(TEXT)
    } else if dst.is_instance(&io.getattr("RawIOBase")?)?
        || dst.is_instance(&io.getattr("BufferedIOBase")?)?
    {
        Ok(BINARY)
    } else {
        // Decided at the first write: the same mode as the source.
        Ok(UNKNOWN)
    }
}

/// Keeps the Python exception so it can be re-raised unchanged.
fn keep(slot: &mut Option<PyErr>, e: PyErr) -> io::Error {
    let msg = e.to_string();
    *slot = Some(e);
    io::Error::other(msg)
}

struct PyReader {
    src: Py<PyAny>,
    method: &'static str,
    mode: Arc<AtomicU8>,
    /// Bytes of the last chunk that did not fit the caller's buffer (a text chunk of n
    /// characters can be up to 4n bytes).
    pending: Vec<u8>,
    at: usize,
    eof: bool,
    err: Option<PyErr>,
}

impl PyReader {
    fn fill(&mut self, py: Python<'_>, want: usize) -> PyResult<()> {
        // Ctrl-C stops a long stream at the next read rather than at its end.
        py.check_signals()?;
        let chunk = self.src.bind(py).call_method1(self.method, (want,))?;
        self.pending.clear();
        self.at = 0;
        if let Ok(s) = chunk.cast::<PyString>() {
            self.mode.store(TEXT, Ordering::Relaxed);
            // A lone surrogate cannot be UTF-8: this raises UnicodeEncodeError.
            self.pending.extend_from_slice(s.to_cow()?.as_bytes());
        } else if let Ok(b) = chunk.cast::<PyBytes>() {
            self.mode.store(BINARY, Ordering::Relaxed);
            self.pending.extend_from_slice(b.as_bytes());
        } else if let Ok(b) = chunk.cast::<PyByteArray>() {
            self.mode.store(BINARY, Ordering::Relaxed);
            self.pending.extend_from_slice(&b.to_vec());
        } else if chunk.is_none() {
            return Err(PyTypeError::new_err(
                "redact_stream() src.read() returned None (a non-blocking stream with no data): use a blocking stream",
            ));
        } else {
            return Err(PyTypeError::new_err(format!(
                "redact_stream() src.read() must return str or bytes, not {}",
                chunk.get_type().name()?
            )));
        }
        self.eof = self.pending.is_empty();
        Ok(())
    }
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.at == self.pending.len() {
            if self.eof {
                return Ok(0);
            }
            Python::attach(|py| self.fill(py, buf.len())).map_err(|e| keep(&mut self.err, e))?;
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

struct PyWriter {
    dst: Py<PyAny>,
    mode: Arc<AtomicU8>,
    src_mode: Arc<AtomicU8>,
    /// The start of a UTF-8 character cut by the end of the last write (text mode).
    carry: Vec<u8>,
    has_flush: Option<bool>,
    err: Option<PyErr>,
}

impl PyWriter {
    fn text_mode(&self) -> bool {
        match self.mode.load(Ordering::Relaxed) {
            UNKNOWN => {
                let m = match self.src_mode.load(Ordering::Relaxed) {
                    TEXT => TEXT,
                    _ => BINARY,
                };
                self.mode.store(m, Ordering::Relaxed);
                m == TEXT
            }
            m => m == TEXT,
        }
    }

    fn write_py(&mut self, py: Python<'_>, buf: &[u8]) -> PyResult<usize> {
        let dst = self.dst.bind(py);
        if !self.text_mode() {
            let n = dst.call_method1("write", (PyBytes::new(py, buf),))?;
            // Raw streams may write part of the buffer and say how much.
            return Ok(if n.is_none() {
                buf.len()
            } else {
                n.extract::<usize>().unwrap_or(buf.len()).min(buf.len())
            });
        }
        let text = decode(&mut self.carry, buf);
        if !text.is_empty() {
            dst.call_method1("write", (text,))?;
        }
        Ok(buf.len())
    }

    fn flush_py(&mut self, py: Python<'_>) -> PyResult<()> {
        let dst = self.dst.bind(py);
        let has = match self.has_flush {
            Some(h) => h,
            None => *self.has_flush.insert(dst.hasattr("flush")?),
        };
        if has {
            dst.call_method0("flush")?;
        }
        Ok(())
    }

    /// Writes what is left of a cut character (only an invalid input leaves any).
    fn finish(&mut self, py: Python<'_>) -> PyResult<()> {
        if !self.carry.is_empty() {
            let rest = String::from_utf8_lossy(&std::mem::take(&mut self.carry)).into_owned();
            self.dst.bind(py).call_method1("write", (rest,))?;
            self.flush_py(py)?;
        }
        Ok(())
    }
}

/// Decodes `carry + buf` as UTF-8: invalid sequences become U+FFFD, and an incomplete
/// character at the end is kept in `carry` for the next write.
fn decode(carry: &mut Vec<u8>, buf: &[u8]) -> String {
    let joined;
    let bytes: &[u8] = if carry.is_empty() {
        buf
    } else {
        joined = [std::mem::take(carry).as_slice(), buf].concat();
        &joined
    };
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (ok, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(ok).unwrap_or_default());
                match e.error_len() {
                    None => {
                        carry.extend_from_slice(bad);
                        break;
                    }
                    Some(n) => {
                        out.push(char::REPLACEMENT_CHARACTER);
                        rest = &bad[n..];
                    }
                }
            }
        }
    }
    out
}

impl Write for PyWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        Python::attach(|py| self.write_py(py, buf)).map_err(|e| keep(&mut self.err, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        Python::attach(|py| self.flush_py(py)).map_err(|e| keep(&mut self.err, e))
    }
}
