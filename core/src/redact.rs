//! The public redactor: whole-input, batch, reversible and streaming redaction over the text
//! and structured layers. Built by [`RedactorBuilder`](crate::RedactorBuilder).

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read, Write};
use std::sync::Arc;

use crate::render::widen_to_chars;
use crate::rule::Category;
use crate::span::{Finding, StreamFinding};
use crate::structured::{redact_lines, Format, LineStream, StructuredRedactor};
use crate::text::{StreamStats, TextRedactor, TextStream};
use crate::vault::{placeholders_in, Vault};

/// Bytes asked of the reader at a time by the streaming redactor.
const READ_SIZE: usize = 1 << 20;

/// What a rule is, for listings (`redactum rules`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Secret or PII.
    pub category: Category,
    /// Prefilter keywords.
    pub keywords: Vec<String>,
}

/// Finds and replaces secrets and personal data.
///
/// Built once (compiling every rule into shared automata) and cheap to clone and to share
/// across threads: it is `Send + Sync`.
///
/// # Example
/// ```
/// let r = redactum::Redactor::new()?;
/// let out = r.redact("user=bob email=bob@example.org");
/// assert_eq!(out, "user=bob email=[REDACTED:email]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Redactor {
    inner: Arc<StructuredRedactor>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("rules", &self.text().engine.rules.len())
            .field("style", &self.text().render.style)
            .field("format", &self.inner.format)
            .finish()
    }
}

impl Redactor {
    pub(crate) fn from_parts(inner: StructuredRedactor) -> Redactor {
        Redactor {
            inner: Arc::new(inner),
        }
    }

    #[cfg(test)]
    pub(crate) fn engine_keywords(&self) -> Option<&crate::keywords::Keywords> {
        self.inner.text.engine.keywords()
    }

    pub(crate) fn text(&self) -> &TextRedactor {
        &self.inner.text
    }

    pub(crate) fn structured(&self) -> &StructuredRedactor {
        &self.inner
    }

    /// The compiled rules, in order.
    pub fn rules(&self) -> Vec<RuleInfo> {
        self.text()
            .engine
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.to_string(),
                name: r.name.clone(),
                category: r.category,
                keywords: r.keywords.clone(),
            })
            .collect()
    }

    /// The replaced spans of `hay`, in order, after overlapping findings are merged.
    pub fn find_iter(&self, hay: &[u8]) -> FindIter {
        FindIter {
            inner: self
                .text()
                .spans(hay)
                .into_iter()
                .map(|c| self.text().render.finding(&c, 0))
                .collect::<Vec<_>>()
                .into_iter(),
        }
    }

    /// Every validated finding of every rule, before merging: overlapping findings of
    /// different rules are all listed. Sorted by start, then end, then rule order.
    pub fn find_overlapping(&self, hay: &[u8]) -> Vec<Finding> {
        self.text()
            .collect(hay, true)
            .iter()
            .map(|c| self.text().render.finding(c, 0))
            .collect()
    }

    /// True if anything in `hay` would be redacted.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        !self.text().spans(hay).is_empty()
    }

    /// Redacts text. Borrows the input when there is nothing to replace.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let out = if self.inner.format != Format::Text {
            let mut out = Vec::with_capacity(text.len() + 64);
            if redact_lines(&self.inner, text.as_bytes(), true, None, &mut out) == 0 {
                return Cow::Borrowed(text);
            }
            out
        } else {
            let comps = self.text().spans(text.as_bytes());
            if comps.is_empty() {
                return Cow::Borrowed(text);
            }
            // Spans always fall on character boundaries except where a 1 MiB piece of a long
            // line splits a character; widen those so the output stays valid UTF-8.
            let fixed = widen_to_chars(text.as_bytes(), comps);
            let mut out = Vec::with_capacity(text.len() + 16 * fixed.len());
            self.text()
                .render
                .render(text.as_bytes(), 0, 0..text.len(), &fixed, &mut out, None);
            out
        };
        match String::from_utf8(out) {
            Ok(s) => Cow::Owned(s),
            // Replacements are UTF-8 and spans sit on character boundaries; this cannot happen,
            // and if it did, lossy conversion still never lets an original byte through.
            Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }

    /// Redacts bytes; invalid UTF-8 passes through unchanged apart from replaced spans.
    /// Borrows the input when there is nothing to replace.
    pub fn redact_bytes<'a>(&self, hay: &'a [u8]) -> Cow<'a, [u8]> {
        if self.inner.format != Format::Text {
            // Room for replacements longer than what they replace (1/64 more): growing a
            // buffer of the whole input's size copies all of it.
            let mut out = Vec::with_capacity(hay.len() + hay.len() / 64 + 64);
            if redact_lines(&self.inner, hay, false, None, &mut out) == 0 {
                return Cow::Borrowed(hay);
            }
            return Cow::Owned(out);
        }
        let comps = self.text().spans(hay);
        if comps.is_empty() {
            return Cow::Borrowed(hay);
        }
        let mut out = Vec::with_capacity(hay.len() + 16 * comps.len());
        self.text()
            .render
            .render(hay, 0, 0..hay.len(), &comps, &mut out, None);
        Cow::Owned(out)
    }

    /// Redacts one value as [`redact`](Self::redact) does when it is valid UTF-8 and as
    /// [`redact_bytes`](Self::redact_bytes) does otherwise, appending the result to `out`
    /// (the input itself when nothing is replaced). For batches that share one output buffer.
    pub(crate) fn redact_into(&self, hay: &[u8], out: &mut Vec<u8>) {
        let utf8 = std::str::from_utf8(hay).is_ok();
        if self.inner.format != Format::Text {
            let mark = out.len();
            if redact_lines(&self.inner, hay, utf8, None, out) == 0 {
                out.truncate(mark);
                out.extend_from_slice(hay);
            }
            return;
        }
        let comps = self.text().spans(hay);
        if comps.is_empty() {
            out.extend_from_slice(hay);
            return;
        }
        let comps = if utf8 {
            widen_to_chars(hay, comps)
        } else {
            comps
        };
        self.text()
            .render
            .render(hay, 0, 0..hay.len(), &comps, out, None);
    }

    /// Replaces each distinct value found with a numbered placeholder (`<EMAIL_1>`,
    /// `<AWS_ACCESS_KEY_ID_1>`) recorded in `vault`, so that [`Vault::restore`] can put the
    /// values back into, say, a language model's answer. The same value gets the same
    /// placeholder in every call with the same vault; numbering continues across calls.
    ///
    /// Styles are ignored: every finding becomes a placeholder. Placeholder-shaped tokens
    /// already in `text` are never replaced (see [`Vault`] for the collision policy). The
    /// redactor's [`Format`] applies as in [`redact`](Self::redact).
    ///
    /// # Example
    /// ```
    /// let r = redactum::Redactor::new()?;
    /// let mut vault = redactum::Vault::new();
    /// let safe = r.redact_reversible("key AKIAZ3MHKEY7PQ4XW2LN for ann@example.com", &mut vault);
    /// assert_eq!(safe, "key <AWS_ACCESS_KEY_ID_1> for <EMAIL_1>");
    /// assert_eq!(vault.restore("<EMAIL_1>: use <AWS_ACCESS_KEY_ID_1>"), "ann@example.com: use AKIAZ3MHKEY7PQ4XW2LN");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redact_reversible(&self, text: &str, vault: &mut Vault) -> String {
        for (s, e) in placeholders_in(text.as_bytes()) {
            if !vault.knows(&text[s..e]) {
                vault.reserve(&text[s..e]);
            }
        }
        let mut out = Vec::with_capacity(text.len() + 64);
        if self.inner.format != Format::Text {
            redact_lines(&self.inner, text.as_bytes(), true, Some(vault), &mut out);
        } else {
            self.text()
                .text_run(text.as_bytes(), true, Some(vault), &mut out);
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// Redacts `text` and returns the replaced spans with it, in one pass: the output of
    /// [`redact`](Self::redact) and, in order, a finding per replaced span with its byte
    /// offsets in `text`, 1-based line and byte column. Unlike
    /// [`find_iter`](Self::find_iter), the findings follow the [`Format`]: values of
    /// sensitive keys in structured lines are included.
    ///
    /// # Example
    /// ```
    /// let r = redactum::Options::new().build()?; // format `auto`
    /// let (out, found) = r.redact_with_findings("password=hunter2 mail ann@example.com");
    /// assert_eq!(out, "password=[REDACTED:sensitive-key] mail [REDACTED:email]");
    /// assert_eq!(found.len(), 2);
    /// assert_eq!(found[1].finding.rule_id(), "email");
    /// assert_eq!(found[1].finding.span(), 22..37);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Panics
    /// On an internal error while scanning, as [`redact`](Self::redact) does (a bug; under
    /// [`fail_closed`](crate::RedactorBuilder::fail_closed) the line is replaced instead): never
    /// a text cut short before the failing line.
    pub fn redact_with_findings(&self, text: &str) -> (String, Vec<StreamFinding>) {
        let mut found = Vec::new();
        let mut out = Vec::with_capacity(text.len() + 64);
        // Writing to a Vec cannot fail, and the stream's output equals `redact_bytes`: an
        // error is the stream's report of an internal error, after which its output stops.
        if let Err(e) =
            self.stream_redact_with(text.as_bytes(), &mut out, |f| found.push(f.clone()))
        {
            panic!("redact_with_findings: {e}");
        }
        let out = match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        (out, found)
    }

    /// Redacts many texts in parallel (rayon); results in input order. The texts are
    /// screened in blocks (see [`redact_each`](Self::redact_each)).
    pub fn redact_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<String> {
        self.redact_each(texts, rayon::current_num_threads())
            .into_iter()
            .zip(texts)
            .map(|(r, t)| r.unwrap_or_else(|| t.as_ref().to_owned()))
            .collect()
    }

    /// Copies `reader` to `writer`, redacting, in bounded memory.
    ///
    /// The output is byte-identical to [`redact_bytes`](Self::redact_bytes) on the whole input,
    /// whatever the read sizes. Each line is written (and the writer flushed) as soon as it is
    /// complete, unless a multiline rule (a PEM block) still waits for its end.
    ///
    /// # Memory usage
    /// About 1.5 MiB of buffer for any input size, including a single line of any length.
    ///
    /// # Errors
    /// Errors of the reader or the writer (a closed pipe shows as `BrokenPipe`).
    pub fn stream_redact<R: Read, W: Write>(
        &self,
        reader: R,
        writer: W,
    ) -> io::Result<StreamStats> {
        self.stream_redact_with(reader, writer, |_| {})
    }

    /// As [`stream_redact`](Self::stream_redact), calling `on_finding` for every replaced span,
    /// in order.
    ///
    /// # Errors
    /// As [`stream_redact`](Self::stream_redact).
    pub fn stream_redact_with<R: Read, W: Write>(
        &self,
        mut reader: R,
        mut writer: W,
        mut on_finding: impl FnMut(&StreamFinding),
    ) -> io::Result<StreamStats> {
        let mut st = self.stream();
        let mut chunk = vec![0u8; READ_SIZE];
        let mut out = Vec::with_capacity(READ_SIZE + 4096);
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            out.clear();
            let step = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if n == 0 {
                    st.finish_with(&mut out, &mut on_finding);
                } else {
                    st.push_with(&chunk[..n], &mut out, &mut on_finding);
                }
            }));
            if step.is_err() {
                // Nothing of the failing segment was written: stop rather than pass it through.
                return Err(io::Error::other(
                    "internal error while scanning; output stops before the failing line (fail-closed replaces it instead)",
                ));
            }
            if !out.is_empty() {
                writer.write_all(&out)?;
                writer.flush()?;
            }
            if n == 0 {
                return Ok(st.stats());
            }
        }
    }

    /// A push-style streaming redactor: feed chunks, receive what is decided so far.
    ///
    /// # Example
    /// ```
    /// let r = redactum::Redactor::new()?;
    /// let mut s = r.stream();
    /// let mut out = Vec::new();
    /// s.push(b"key=AKIAZ3MHKE", &mut out);
    /// s.push(b"Y7PQ4XW2LN\nnext", &mut out);
    /// s.finish(&mut out);
    /// assert_eq!(out, b"key=[REDACTED:aws-access-key-id]\nnext");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stream(&self) -> StreamRedactor {
        let text = TextStream::new(self.inner.text.clone());
        StreamRedactor {
            inner: if self.inner.format == Format::Text {
                Stream::Text(Box::new(text))
            } else {
                Stream::Lines {
                    redactor: self.inner.clone(),
                    lines: Box::new(LineStream::new(text)),
                }
            },
        }
    }
}

/// Incremental redaction: [`push`](Self::push) chunks, [`finish`](Self::finish) at the end.
///
/// The concatenated output is byte-identical to [`Redactor::redact_bytes`] over the
/// concatenated input, whatever the chunk sizes. Output for a line comes out as soon as the
/// line is complete, unless a multiline rule still waits for its end.
///
/// # Memory usage
/// Holds at most about 1.1 MiB plus the last chunk pushed (a line longer than 1 MiB is
/// processed in 1 MiB pieces).
pub struct StreamRedactor {
    inner: Stream,
}

/// Plain text, or lines classified first (structured formats, see `structured/`).
enum Stream {
    Text(Box<TextStream>),
    Lines {
        redactor: Arc<StructuredRedactor>,
        lines: Box<LineStream>,
    },
}

impl fmt::Debug for StreamRedactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamRedactor")
            .field("buffered", &self.buffered())
            .field("stats", &self.stats())
            .finish()
    }
}

impl StreamRedactor {
    /// Feeds a chunk; appends to `out` whatever output is decided.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        self.push_with(chunk, out, &mut |_| {});
    }

    /// As [`push`](Self::push), reporting each replaced span written to `out`.
    pub fn push_with(
        &mut self,
        chunk: &[u8],
        out: &mut Vec<u8>,
        on_finding: &mut dyn FnMut(&StreamFinding),
    ) {
        match &mut self.inner {
            Stream::Text(t) => t.push_with(chunk, out, on_finding),
            Stream::Lines { redactor, lines } => lines.push(redactor, chunk, out, on_finding),
        }
    }

    /// Ends the input: appends the rest of the output. The redactor can then be reused for a
    /// new input.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        self.finish_with(out, &mut |_| {});
    }

    /// As [`finish`](Self::finish), reporting each replaced span.
    pub fn finish_with(&mut self, out: &mut Vec<u8>, on_finding: &mut dyn FnMut(&StreamFinding)) {
        match &mut self.inner {
            Stream::Text(t) => t.finish_with(out, on_finding),
            Stream::Lines { redactor, lines } => lines.finish(redactor, out, on_finding),
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> StreamStats {
        match &self.inner {
            Stream::Text(t) => t.stats(),
            Stream::Lines { lines, .. } => lines.stats(),
        }
    }

    /// Bytes held back, waiting for the end of a line or of a multiline block.
    pub fn buffered(&self) -> usize {
        match &self.inner {
            Stream::Text(t) => t.buffered(),
            Stream::Lines { lines, .. } => lines.buffered(),
        }
    }
}

/// Iterator over the findings of [`Redactor::find_iter`].
#[derive(Debug)]
pub struct FindIter {
    inner: std::vec::IntoIter<Finding>,
}

impl Iterator for FindIter {
    type Item = Finding;
    fn next(&mut self) -> Option<Finding> {
        self.inner.next()
    }
}
