//! Invariants of redaction, checked on any input and any rule set. Shared by the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file by path) and by the tests that replay the fuzz
//! regressions, so a crash input is judged by exactly the same code in both places.
//!
//! Every check returns `Err(message)` instead of panicking, so tests can report all failures.

#![allow(dead_code)]

use std::io::{self, Read};

use redactum::{Finding, Redactor, StreamFinding};

/// The replacement of one span in the label style: one `[REDACTED:<id>]` per line-piece of the
/// span, keeping its `\n`s, the `\r` before each of them and the indentation (spaces, tabs) of
/// each continued line; empty line-pieces stay empty.
pub fn label_replacement(
    span: &[u8],
    rule_id: &str,
    out: &mut Vec<u8>,
    markers: &mut Vec<(usize, usize)>,
) {
    for (i, part) in span.split(|b| *b == b'\n').enumerate() {
        let mut part = part;
        if i > 0 {
            out.push(b'\n');
            // Continued lines keep their indentation (layout, not secret).
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
            let at = out.len();
            out.extend_from_slice(b"[REDACTED:");
            out.extend_from_slice(rule_id.as_bytes());
            out.push(b']');
            markers.push((at, out.len()));
        }
        if cr {
            out.push(b'\r');
        }
    }
}

/// Byte spans of the markers written in an output.
pub type Markers = Vec<(usize, usize)>;

/// The expected label-style output of `input` given its findings, and the spans of the markers
/// written in it.
pub fn expected_output(input: &[u8], findings: &[Finding]) -> Result<(Vec<u8>, Markers), String> {
    let mut out = Vec::with_capacity(input.len());
    let mut markers = Vec::new();
    let mut at = 0;
    for f in findings {
        if f.start() < at || f.end() <= f.start() || f.end() > input.len() {
            return Err(format!(
                "finding {}..{} ({}) is empty, out of order or out of bounds (previous end {at}, input {} bytes)",
                f.start(),
                f.end(),
                f.rule_id(),
                input.len()
            ));
        }
        out.extend_from_slice(&input[at..f.start()]);
        label_replacement(&input[f.span()], f.rule_id(), &mut out, &mut markers);
        at = f.end();
    }
    out.extend_from_slice(&input[at..]);
    Ok((out, markers))
}

/// Length of the label-style replacement of `span`.
pub fn replacement_len(span: &[u8], rule_id: &str) -> usize {
    let mut out = Vec::new();
    label_replacement(span, rule_id, &mut out, &mut Vec::new());
    out.len()
}

fn lines(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

fn show(b: &[u8]) -> String {
    const MAX: usize = 300;
    if b.len() <= MAX {
        format!("{:?}", String::from_utf8_lossy(b))
    } else {
        format!(
            "{:?}... ({} bytes)",
            String::from_utf8_lossy(&b[..MAX]),
            b.len()
        )
    }
}

/// Checks named in `REDACTUM_FUZZ_SKIP` (comma-separated) are not run, so that a long fuzz run
/// can go past a known, already reported bug. Names: `refind` (re-redacting the output finds
/// something outside the markers written), `marker` (a written marker matches a rule),
/// `error-id` (an error shows a rule id holding a line break as is).
/// Tests never set it.
fn skipped(check: &str) -> bool {
    static SKIP: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SKIP.get_or_init(|| {
        std::env::var("REDACTUM_FUZZ_SKIP")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .collect()
    })
    .iter()
    .any(|s| s == check)
}

/// Whole-input invariants of a label-style redactor; returns the redacted output.
///
/// - the findings are non-empty, ordered, disjoint spans inside the input;
/// - the output is the input with each finding replaced by its label(s) (so every byte outside
///   a finding is kept, in order), and its length adds up;
/// - the number of lines is preserved;
/// - every finding of `find_overlapping` lies inside one merged span of `find_iter`, and every
///   merged span starts with one;
/// - `is_match` agrees with `find_iter`;
/// - for valid UTF-8, `redact` gives the same output, spans widened to whole characters;
/// - the output holds nothing to redact: no finding overlaps a marker that was written, no
///   finding at all (re-redacting changes nothing).
pub fn check_whole(r: &Redactor, input: &[u8]) -> Result<Vec<u8>, String> {
    let findings: Vec<Finding> = r.find_iter(input).collect();
    let out = r.redact_bytes(input).into_owned();
    let (expect, markers) = expected_output(input, &findings)?;
    if out != expect {
        return Err(format!(
            "output differs from the input with its findings replaced\ninput:    {}\noutput:   {}\nexpected: {}\nfindings: {:?}",
            show(input),
            show(&out),
            show(&expect),
            findings
        ));
    }
    let removed: usize = findings.iter().map(|f| f.end() - f.start()).sum();
    let added: usize = findings
        .iter()
        .map(|f| replacement_len(&input[f.span()], f.rule_id()))
        .sum();
    if out.len() != input.len() - removed + added {
        return Err(format!(
            "length bookkeeping: {} != {} - {removed} + {added}",
            out.len(),
            input.len()
        ));
    }
    if lines(&out) != lines(input) {
        return Err(format!(
            "line count changed: {} -> {}",
            lines(input),
            lines(&out)
        ));
    }
    if r.is_match(input) == findings.is_empty() {
        return Err(format!(
            "is_match disagrees with find_iter ({} findings)",
            findings.len()
        ));
    }
    // Both lists are sorted by start: one sweep pairs each finding with its merged span.
    let overlapping = r.find_overlapping(input);
    let mut j = 0;
    for o in &overlapping {
        while j < findings.len() && findings[j].end() <= o.start() {
            j += 1;
        }
        match findings.get(j) {
            Some(f) if f.start() <= o.start() && o.end() <= f.end() => {}
            _ => {
                return Err(format!(
                    "overlapping finding {o:?} is not inside a merged span"
                ))
            }
        }
    }
    let starts: std::collections::HashSet<usize> = overlapping.iter().map(|o| o.start()).collect();
    if let Some(f) = findings.iter().find(|f| !starts.contains(&f.start())) {
        return Err(format!("merged span {f:?} does not start with a finding"));
    }
    if let Ok(text) = std::str::from_utf8(input) {
        // `redact` widens spans that split a character (only a long-line piece boundary may
        // do that) and merges what then overlaps.
        let mut widened: Vec<(usize, usize, &str)> = Vec::new();
        for f in &findings {
            let (mut s, mut e) = (f.start(), f.end());
            while !text.is_char_boundary(s) {
                s -= 1;
            }
            while !text.is_char_boundary(e) {
                e += 1;
            }
            match widened.last_mut() {
                Some(l) if s < l.1 => l.1 = l.1.max(e),
                _ => widened.push((s, e, f.rule_id())),
            }
        }
        let mut expect_str = Vec::with_capacity(input.len());
        let mut at = 0;
        for (s, e, id) in &widened {
            expect_str.extend_from_slice(&input[at..*s]);
            label_replacement(&input[*s..*e], id, &mut expect_str, &mut Vec::new());
            at = *e;
        }
        expect_str.extend_from_slice(&input[at..]);
        let s = r.redact(text);
        if s.as_bytes() != &expect_str[..] {
            return Err(format!(
                "redact (str) differs from the findings widened to characters\ninput: {}\nstr:   {}\nwant:  {}",
                show(input),
                show(s.as_bytes()),
                show(&expect_str)
            ));
        }
    }
    let again: Vec<Finding> = r.find_iter(&out).collect();
    let on_marker = |f: &Finding| {
        markers
            .iter()
            .find(|(s, e)| f.start() < *e && *s < f.end())
            .copied()
    };
    for f in &again {
        match on_marker(f) {
            Some(m) if !skipped("marker") => {
                return Err(format!(
                    "a replacement marker matches: {f:?} overlaps marker {:?} in output {}",
                    String::from_utf8_lossy(&out[m.0..m.1]),
                    show(&out)
                ))
            }
            None if !skipped("refind") => {
                return Err(format!(
                    "re-redacting the output finds {f:?} ({:?}), which redacting the input did not, in output {} of input {}",
                    String::from_utf8_lossy(&out[f.span()]),
                    show(&out),
                    show(input)
                ))
            }
            _ => {}
        }
    }
    if again.is_empty() {
        let twice = r.redact_bytes(&out);
        if twice[..] != out[..] {
            return Err(format!(
                "not idempotent: {} -> {}",
                show(&out),
                show(&twice)
            ));
        }
    }
    Ok(out)
}

/// Pushes `input` to a fresh [`redactum::StreamRedactor`] in chunks of `sizes` (cycled; zero
/// sizes push empty chunks), reporting findings.
pub fn stream_push(
    r: &Redactor,
    input: &[u8],
    sizes: &[usize],
) -> (Vec<u8>, Vec<StreamFinding>, redactum::StreamStats) {
    let mut s = r.stream();
    let mut out = Vec::new();
    let mut reported = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < input.len() {
        let n = if sizes.is_empty() {
            input.len()
        } else {
            sizes[i % sizes.len()].min(input.len() - at)
        };
        s.push_with(&input[at..at + n], &mut out, &mut |f| {
            reported.push(f.clone())
        });
        at += n;
        i += 1;
        if i > 4 * input.len() + 8 {
            // Only zero sizes: push the rest at once.
            s.push_with(&input[at..], &mut out, &mut |f| reported.push(f.clone()));
            break;
        }
    }
    s.finish_with(&mut out, &mut |f| reported.push(f.clone()));
    (out, reported, s.stats())
}

/// A reader that hands out `sizes` bytes per read (cycled), including reads of zero bytes
/// interleaved as `Interrupted` errors, which a reader may return at any time.
pub struct ChunkReader<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    i: usize,
}

impl<'a> ChunkReader<'a> {
    pub fn new(data: &'a [u8], sizes: &[usize]) -> Self {
        ChunkReader {
            data,
            sizes: sizes.to_vec(),
            i: 0,
        }
    }
}

impl Read for ChunkReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = if self.sizes.is_empty() {
            usize::MAX
        } else {
            self.sizes[self.i % self.sizes.len()]
        };
        self.i += 1;
        if want == 0 && !self.data.is_empty() {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        let n = want.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Streaming invariants: the push API with chunks of `sizes` and `stream_redact` over a reader
/// returning reads of `sizes` both give exactly `whole` (the output of `redact_bytes`); the
/// reported findings are those of `find_iter` with correct 1-based line and column; the
/// counters add up; a finished stream redactor can be reused for a new input.
pub fn check_stream(
    r: &Redactor,
    input: &[u8],
    whole: &[u8],
    sizes: &[usize],
) -> Result<(), String> {
    let findings: Vec<Finding> = r.find_iter(input).collect();
    let (pushed, reported, stats) = stream_push(r, input, sizes);
    if pushed != whole {
        return Err(format!(
            "push streaming (chunks {sizes:?}) differs from the whole-input output\ninput:  {}\nstream: {}\nwhole:  {}",
            show(input),
            show(&pushed),
            show(whole)
        ));
    }
    let got: Vec<&Finding> = reported.iter().map(|f| &f.finding).collect();
    let want: Vec<&Finding> = findings.iter().collect();
    if got != want {
        return Err(format!(
            "stream findings {got:?} differ from find_iter {want:?}"
        ));
    }
    let (mut line, mut line_start, mut at) = (1u64, 0usize, 0usize);
    for f in &reported {
        let start = f.finding.start();
        for (i, &b) in input[at..start].iter().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = at + i + 1;
            }
        }
        at = start;
        let column = (start - line_start) as u64 + 1;
        if (f.line, f.column) != (line, column) {
            return Err(format!(
                "finding at {start}: reported line {}:{}, expected {line}:{column}",
                f.line, f.column
            ));
        }
    }
    let expect_stats = (
        input.len() as u64,
        whole.len() as u64,
        findings.len() as u64,
    );
    if (stats.bytes_read, stats.bytes_written, stats.findings) != expect_stats {
        return Err(format!(
            "stream stats {stats:?}, expected (read, written, findings) = {expect_stats:?}"
        ));
    }
    let mut via_reader = Vec::new();
    let st = r
        .stream_redact(ChunkReader::new(input, sizes), &mut via_reader)
        .map_err(|e| format!("stream_redact failed: {e}"))?;
    if via_reader != whole {
        return Err(format!(
            "stream_redact (reads {sizes:?}) differs from the whole-input output\nstream: {}\nwhole:  {}",
            show(&via_reader),
            show(whole)
        ));
    }
    if (st.bytes_read, st.bytes_written, st.findings) != expect_stats {
        return Err(format!(
            "stream_redact stats {st:?}, expected {expect_stats:?}"
        ));
    }
    // Reuse after finish: a second input through the same stream redactor.
    let mut s = r.stream();
    let mut first = Vec::new();
    s.push(b"first input\n", &mut first);
    s.finish(&mut first);
    let mut second = Vec::new();
    s.push(input, &mut second);
    s.finish(&mut second);
    if second != whole {
        return Err("a reused stream redactor gives a different output".to_string());
    }
    Ok(())
}

/// For valid UTF-8 input scanned without long-line pieces, every span starts and ends on a
/// character boundary (so `redact` and `redact_bytes` agree).
pub fn check_char_boundaries(r: &Redactor, input: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(input) else {
        return Ok(());
    };
    for f in r.find_overlapping(input) {
        if !text.is_char_boundary(f.start()) || !text.is_char_boundary(f.end()) {
            return Err(format!(
                "finding {f:?} splits a character in {}",
                show(input)
            ));
        }
    }
    Ok(())
}

/// Every check: whole-input invariants, then streaming with `sizes`.
pub fn check_all(r: &Redactor, input: &[u8], sizes: &[usize]) -> Result<(), String> {
    let whole = check_whole(r, input)?;
    check_stream(r, input, &whole, sizes)
}

/// A rule-building error must display as one non-empty line.
pub fn check_error_display(e: &redactum::Error) -> Result<(), String> {
    let s = e.to_string();
    let breaks = |t: Option<&str>| t.is_some_and(|t| t.contains(['\n', '\r']));
    if skipped("error-id") && (breaks(e.rule_id()) || breaks(e.source_name())) {
        return Ok(());
    }
    if s.trim().is_empty() || s.contains('\n') || s.contains('\r') {
        return Err(format!(
            "error display is not one non-empty line: {s:?} ({e:?})"
        ));
    }
    Ok(())
}

/// Chunk sizes decoded from bytes (a byte each, `0` meaning an empty push or an interrupted
/// read), at most eight, and the rest of the input.
pub fn split_sizes(data: &[u8]) -> (Vec<usize>, &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return (vec![1], data);
    };
    let n = (n as usize % 8 + 1).min(rest.len());
    let sizes: Vec<usize> = rest[..n].iter().map(|&b| b as usize % 97).collect();
    let sizes = if sizes.iter().all(|&s| s == 0) {
        vec![1]
    } else {
        sizes
    };
    (sizes, &rest[n..])
}

/// The full built-in catalog, label style.
pub fn builtin() -> &'static Redactor {
    static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    R.get_or_init(|| Redactor::new().expect("built-in catalog compiles"))
}

/// Long-line piece sizes of the `stream_pieces` target.
pub const PIECES: [usize; 3] = [16, 61, 200];

/// The built-in catalog with long-line pieces of `PIECES[i]` bytes.
pub fn builtin_pieces(i: usize) -> &'static Redactor {
    static R: [std::sync::OnceLock<Redactor>; 3] = [
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
    ];
    R[i].get_or_init(|| {
        Redactor::builder()
            .piece_size(PIECES[i])
            .build()
            .expect("built-in catalog compiles")
    })
}

fn builtin_hashed() -> &'static Redactor {
    static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        Redactor::builder()
            .style(redactum::Style::Hash)
            .hash_key("fuzz")
            .build()
            .expect("built-in catalog compiles")
    })
}

/// Target `redact_bytes`: whole-input invariants with the built-in catalog, spans on
/// character boundaries, and the hash style idempotent and line-preserving too.
pub fn target_redact_bytes(data: &[u8]) -> Result<(), String> {
    let r = builtin();
    check_whole(r, data)?;
    check_char_boundaries(r, data)?;
    let h = builtin_hashed();
    let once = h.redact_bytes(data).into_owned();
    if lines(&once) != lines(data) {
        return Err(format!(
            "hash style changed the line count of {}",
            show(data)
        ));
    }
    if !skipped("refind") && !skipped("marker") {
        let twice = h.redact_bytes(&once);
        if twice[..] != once[..] {
            return Err(format!(
                "hash style not idempotent: {} -> {}",
                show(&once),
                show(&twice)
            ));
        }
    }
    Ok(())
}

/// Target `stream_vs_whole`: chunk sizes from the first bytes, then every check.
pub fn target_stream_vs_whole(data: &[u8]) -> Result<(), String> {
    let (sizes, input) = split_sizes(data);
    check_all(builtin(), input, &sizes)
}

/// Target `stream_pieces`: the first byte picks a small long-line piece size, the next ones
/// the chunk sizes, then every check.
pub fn target_stream_pieces(data: &[u8]) -> Result<(), String> {
    let Some((&p, data)) = data.split_first() else {
        return Ok(());
    };
    let r = builtin_pieces(p as usize % PIECES.len());
    let (sizes, input) = split_sizes(data);
    check_all(r, input, &sizes)
}

/// A fixed haystack for fuzzed rule sets: secrets, a marker already present, CRLF, a PEM-like
/// block, invalid UTF-8, and shapes that backtracking engines choke on.
pub const RULE_SAMPLE: &[u8] = b"user=ann@example.com password=hunter2-Xq9 key=AKIAZ3MHKEY7PQ4XW2LN\r\n\
tok_ABCDEFGH12345678 4111111111111111 [REDACTED:email] -----BEGIN KEY-----\nabc\n-----END KEY-----\n\
\xff\xfe caf\xc3\xa9 \"secret\": \"s3cr3t\", aaaaab xxxy 0123456789\n";

fn toml_basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The rule-file text a `parse_rules` input stands for, and the input's text. The first byte
/// picks the shape, so that mutations reach deep into one part of the format: 0 the raw text;
/// 1 a redactum rule whose `pattern = '''` is followed by the text (which may close it and add
/// fields); 2 the same for a gitleaks `[[rules]]` table (`regex = '''`); 3 the text as the
/// whole pattern of a keyword-less rule.
pub fn rule_text(data: &[u8]) -> Option<(String, &[u8])> {
    let (&mode, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest);
    let rules = match mode % 4 {
        0 => text.into_owned(),
        1 => format!(
            "[[rule]]\nid = \"fuzz\"\nname = \"Fuzz\"\ncategory = \"secret\"\npattern = '''{text}"
        ),
        2 => format!("[[rules]]\nid = \"fuzz\"\nregex = '''{text}"),
        _ => format!(
            "[[rule]]\nid = \"fuzz\"\nname = \"Fuzz\"\ncategory = \"pii\"\npattern = {}\n",
            toml_basic_string(&text)
        ),
    };
    Some((rules, rest))
}

/// Target `parse_rules`: the text builds into a redactor or fails with a one-line, non-empty
/// error, never a panic; a redactor that builds is held to every check on [`RULE_SAMPLE`], on
/// the fuzz text itself and on the rules' own examples.
pub fn target_parse_rules(data: &[u8]) -> Result<(), String> {
    let Some((rules, rest)) = rule_text(data) else {
        return Ok(());
    };
    // The `test-panic` validator panics by design (the fail-closed test hook).
    if rules.contains("test-panic") {
        return Ok(());
    }
    let r = match Redactor::builder()
        .builtin_rules(false)
        .add_rules("fuzz", &rules)
        .build()
    {
        Ok(r) => r,
        Err(e) => return check_error_display(&e),
    };
    let examples: Vec<String> = redactum::parse_rules("fuzz", &rules)
        .map(|specs| {
            specs
                .into_iter()
                .flat_map(|s| s.examples.into_iter().chain(s.negative_examples))
                .collect()
        })
        .unwrap_or_default();
    let inputs = [RULE_SAMPLE, rest]
        .into_iter()
        .chain(examples.iter().map(|e| e.as_bytes()));
    for input in inputs.take(8) {
        check_all(&r, input, &[1, 7, 0, 64]).map_err(|e| format!("rules:\n{rules}\n{e}"))?;
    }
    Ok(())
}

/// The check of a fuzz target by name (the folder names under `fuzz/regressions/`).
pub fn run_target(target: &str, data: &[u8]) -> Result<(), String> {
    match target {
        "redact_bytes" => target_redact_bytes(data),
        "stream_vs_whole" => target_stream_vs_whole(data),
        "stream_pieces" => target_stream_pieces(data),
        "parse_rules" => target_parse_rules(data),
        "structured" => target_structured(data),
        "simd_classes" => target_simd_classes(data),
        "keyword_prefilter" => target_keyword_prefilter(data),
        "anchors" => target_anchors(data),
        other => Err(format!("unknown fuzz target `{other}`")),
    }
}

/// The built-in catalog with the combined search of keyword-less rules on every line (no
/// anchors).
pub fn builtin_ungated() -> &'static Redactor {
    static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        Redactor::builder()
            .anchor_gate(false)
            .build()
            .expect("built-in catalog compiles")
    })
}

/// Target `anchors`: the vector byte classes of the anchors of keyword-less rules are the
/// scalar reference's, and the built-in catalog finds the same with and without its gates
/// (the anchors of keyword-less rules, the keyword sides of keyword rules).
pub fn target_anchors(data: &[u8]) -> Result<(), String> {
    redactum::bench::anchor_classes_agree(data)?;
    let (gated, plain) = (builtin(), builtin_ungated());
    if !redactum::bench::anchored(gated) || redactum::bench::anchored(plain) {
        return Err("the built-in catalog is not anchored, or the hook did not turn it off".into());
    }
    let a = gated.find_overlapping(data);
    let b = plain.find_overlapping(data);
    if a != b || gated.redact_bytes(data) != plain.redact_bytes(data) {
        return Err(format!(
            "anchors changed the findings of {}:\nwith {a:?}\nwithout {b:?}",
            show(data)
        ));
    }
    Ok(())
}

/// The SIMD byte classification of `--format auto` (SSE2, AVX2) gives the scalar reference's
/// masks on every 64-byte window of the input.
pub fn target_simd_classes(data: &[u8]) -> Result<(), String> {
    redactum::bench::line_classes_agree(data)
}

/// Structured redactors (`Format::Auto`, `Json`, `Logfmt`) over the built-in catalog.
pub fn builtin_structured(i: usize) -> &'static Redactor {
    use redactum::Format;
    const FORMATS: [Format; 3] = [Format::Auto, Format::Json, Format::Logfmt];
    static R: [std::sync::OnceLock<Redactor>; 3] = [
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
    ];
    R[i].get_or_init(|| {
        Redactor::builder()
            .format(FORMATS[i])
            .build()
            .expect("built-in catalog compiles")
    })
}

/// Target `structured`: the first byte picks the format (auto, json, logfmt), the next ones the
/// chunk sizes. Lines are kept one for one; a line that is JSON stays JSON (auto and json
/// formats); streaming (push and reader) equals whole-input redaction; redacting the output
/// changes nothing.
pub fn target_structured(data: &[u8]) -> Result<(), String> {
    let Some((&f, data)) = data.split_first() else {
        return Ok(());
    };
    let fi = f as usize % 3;
    let r = builtin_structured(fi);
    let (sizes, input) = split_sizes(data);
    let out = r.redact_bytes(input).into_owned();
    if lines(&out) != lines(input) {
        return Err(format!(
            "structured ({fi}): line count changed: {} -> {}",
            show(input),
            show(&out)
        ));
    }
    if fi < 2 {
        for (i, (a, b)) in input
            .split(|&c| c == b'\n')
            .zip(out.split(|&c| c == b'\n'))
            .enumerate()
        {
            let a = a.strip_suffix(b"\r").unwrap_or(a);
            let b = b.strip_suffix(b"\r").unwrap_or(b);
            if serde_json::from_slice::<serde_json::Value>(a).is_ok()
                && serde_json::from_slice::<serde_json::Value>(b).is_err()
            {
                return Err(format!(
                    "structured ({fi}): line {} was JSON and is no longer: {} -> {}",
                    i + 1,
                    show(a),
                    show(b)
                ));
            }
        }
    }
    let (pushed, _, _) = stream_push(r, input, &sizes);
    if pushed != out {
        return Err(format!(
            "structured ({fi}): push streaming (chunks {sizes:?}) differs\ninput:  {}\nstream: {}\nwhole:  {}",
            show(input),
            show(&pushed),
            show(&out)
        ));
    }
    let mut via_reader = Vec::new();
    r.stream_redact(ChunkReader::new(input, &sizes), &mut via_reader)
        .map_err(|e| format!("stream_redact failed: {e}"))?;
    if via_reader != out {
        return Err(format!(
            "structured ({fi}): stream_redact differs\nstream: {}\nwhole:  {}",
            show(&via_reader),
            show(&out)
        ));
    }
    if !skipped("refind") && !skipped("marker") {
        let twice = r.redact_bytes(&out);
        if twice[..] != out[..] {
            return Err(format!(
                "structured ({fi}): not idempotent: {} -> {}",
                show(&out),
                show(&twice)
            ));
        }
    }
    Ok(())
}

/// Target `keyword_prefilter`: the keyword search through the literal prefilter finds exactly
/// what the automaton alone finds, and the prefilter's vector and scalar loops agree. The first
/// byte picks the keywords: with its top bit set, those of the built-in catalog (the haystack is
/// the rest); otherwise its low bits give a count of keywords, each a length byte and that many
/// bytes (lower-cased) of the input. The next two bytes place a span in the haystack.
pub fn target_keyword_prefilter(data: &[u8]) -> Result<(), String> {
    use redactum::bench::{KeywordAutomaton, Search};
    static CATALOG: std::sync::OnceLock<std::sync::Mutex<KeywordAutomaton>> =
        std::sync::OnceLock::new();
    let Some((&first, mut rest)) = data.split_first() else {
        return Ok(());
    };
    let mut own;
    let mut guard;
    let mut own_words: Option<Vec<String>> = None;
    let k: &mut KeywordAutomaton = if first & 0x80 != 0 {
        let m = CATALOG.get_or_init(|| {
            let mut words: Vec<String> = redactum::builtin_rule_files()
                .iter()
                .flat_map(|(name, text)| redactum::parse_rules(name, text).unwrap())
                .flat_map(|spec| spec.keywords)
                .collect();
            words.sort();
            words.dedup();
            std::sync::Mutex::new(KeywordAutomaton::new(&words).unwrap())
        });
        guard = m.lock().unwrap_or_else(|e| e.into_inner());
        &mut guard
    } else {
        let mut words = Vec::new();
        for _ in 0..1 + (first & 0x1f) {
            let Some((&len, r)) = rest.split_first() else {
                break;
            };
            let len = (1 + len as usize % 12).min(r.len());
            if len == 0 {
                break;
            }
            words.push(String::from_utf8_lossy(&r[..len]).to_ascii_lowercase());
            rest = &r[len..];
        }
        words.sort();
        words.dedup();
        if words.is_empty() {
            return Ok(());
        }
        own = match KeywordAutomaton::new(&words) {
            Ok(k) => {
                own_words = Some(words);
                k
            }
            Err(e) => {
                return Err(format!(
                    "keyword_prefilter: no automaton for {words:?}: {e}"
                ))
            }
        };
        &mut own
    };
    let (cut, hay) = match rest {
        [a, b, hay @ ..] => ((*a as usize, *b as usize), hay),
        _ => ((0, 0), rest),
    };
    let start = cut.0.min(hay.len());
    let end = hay.len().saturating_sub(cut.1).max(start);
    for span in [0..hay.len(), start..end] {
        let plain = k.hits(hay, span.clone(), Search::Plain);
        // A random set's automaton against every occurrence found one keyword at a time.
        if let Some(words) = &own_words {
            let mut want: Vec<(usize, usize, usize)> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                let w = w.as_bytes();
                for s in span.start..span.end.saturating_sub(w.len() - 1) {
                    if hay[s..s + w.len()].eq_ignore_ascii_case(w) {
                        want.push((i, s, s + w.len()));
                    }
                }
            }
            let mut got = plain.clone();
            got.sort_unstable();
            want.sort_unstable();
            if got != want {
                return Err(format!(
                    "keyword_prefilter: the automaton of {words:?} over {span:?} finds {got:?}, \
                     one keyword at a time {want:?} in {}",
                    show(hay)
                ));
            }
        }
        for how in [Search::Engine, Search::Windows] {
            let got = k.hits(hay, span.clone(), how);
            if got != plain {
                return Err(format!(
                    "keyword_prefilter: {how:?} over {span:?} finds {got:?}, the automaton {plain:?} in {}",
                    show(hay)
                ));
            }
        }
    }
    if !k.prefilter_loops_agree(hay) {
        return Err(format!(
            "keyword_prefilter: vector and scalar loops disagree on {}",
            show(hay)
        ));
    }
    Ok(())
}
