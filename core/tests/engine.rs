//! Engine behaviour on small inline rule sets: keywords, windows, validators, overlaps,
//! styles, multiline rules, errors.

use std::borrow::Cow;

use redactum::{ErrorKind, Redactor, Style};

const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Za-z0-9]{16}\b'

[[rule]]
id = "pw"
name = "Password assignment"
category = "secret"
keywords = ["password"]
pattern = '''(?i)password\s*[:=]\s*["']?(?P<secret>[^\s"']{6,64})'''
validators = ["entropy(2.5)", "not-placeholder"]

[[rule]]
id = "card"
name = "Card"
category = "pii"
pattern = '\b[3-6][0-9]{3}(?:[ -]?[0-9]{4}){3}\b'
validators = ["luhn"]

[[rule]]
id = "ssn"
name = "SSN with context"
category = "pii"
keywords = ["ssn"]
window = 20
pattern = '\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b'

[[rule]]
id = "pem"
name = "PEM key"
category = "secret"
keywords = ["-----BEGIN"]
multiline = true
max_len = 8192
pattern = '-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----'
"#;

fn redactor() -> Redactor {
    Redactor::builder()
        .builtin_rules(false)
        .add_rules("test.toml", RULES)
        .build()
        .unwrap()
}

/// A redactor with only the rules of `toml` (no built-in catalog).
fn only(toml: &str) -> Redactor {
    Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", toml)
        .build()
        .unwrap()
}

#[test]
fn nothing_found_borrows() {
    let r = redactor();
    let text = "GET /index.html 200 1234 tok_short";
    assert!(matches!(r.redact(text), Cow::Borrowed(_)));
    assert!(matches!(r.redact_bytes(text.as_bytes()), Cow::Borrowed(_)));
}

#[test]
fn keyword_rule_replaces_token() {
    let r = redactor();
    assert_eq!(r.redact("a tok_ABCDEFGH12345678 b"), "a [REDACTED:tok] b");
    assert_eq!(
        r.redact("a TOK_ABCDEFGH12345678 b"),
        "a TOK_ABCDEFGH12345678 b",
        "pattern is case-sensitive"
    );
    assert_eq!(
        r.redact("xtok_ABCDEFGH12345678"),
        "xtok_ABCDEFGH12345678",
        "word boundary"
    );
}

#[test]
fn secret_group_and_validators() {
    let r = redactor();
    assert_eq!(
        r.redact("password = 'q8Zr2LxV0p'"),
        "password = '[REDACTED:pw]'"
    );
    assert_eq!(
        r.redact("PASSWORD: changeme"),
        "PASSWORD: changeme",
        "placeholder"
    );
    assert_eq!(r.redact("password=${DB_PASS}"), "password=${DB_PASS}");
    assert_eq!(
        r.redact("password=aaaaaaa"),
        "password=aaaaaaa",
        "entropy gate"
    );
}

#[test]
fn luhn_gate() {
    let r = redactor();
    assert_eq!(
        r.redact("card 4111 1111 1111 1111 ok"),
        "card [REDACTED:card] ok"
    );
    assert_eq!(
        r.redact("card 4111 1111 1111 1112 ok"),
        "card 4111 1111 1111 1112 ok"
    );
}

#[test]
fn context_window_on_same_line() {
    let r = redactor();
    assert_eq!(r.redact("SSN: 123-45-6789"), "SSN: [REDACTED:ssn]");
    assert_eq!(r.redact("ref 123-45-6789"), "ref 123-45-6789", "no keyword");
    assert_eq!(
        r.redact("ssn\n123-45-6789"),
        "ssn\n123-45-6789",
        "keyword on another line"
    );
    let far = format!("ssn {} 123-45-6789", "x".repeat(60));
    assert_eq!(r.redact(&far), far, "keyword too far away");
}

#[test]
fn pem_block_across_lines_keeps_line_count() {
    let r = redactor();
    let text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAbCd==\n-----END RSA PRIVATE KEY-----\nafter\n";
    let out = r.redact(text);
    assert_eq!(out.matches('\n').count(), text.matches('\n').count());
    assert!(!out.contains("MIIEow") && !out.contains("AbCd"));
    assert!(
        out.starts_with("before\n[REDACTED:pem]\n") && out.ends_with("\nafter\n"),
        "{out}"
    );
    // Streaming with one-byte reads gives the same.
    let mut streamed = Vec::new();
    r.stream_redact(OneByte(text.as_bytes()), &mut streamed)
        .unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), out);
}

#[test]
fn unterminated_pem_is_left_alone() {
    let r = redactor();
    let text = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n";
    assert_eq!(r.redact(text), text);
}

#[test]
fn overlaps_merge() {
    let spec = r#"
[[rule]]
id = "a"
name = "A"
category = "secret"
pattern = 'AAAA[0-9]+'
[[rule]]
id = "b"
name = "B"
category = "secret"
pattern = '[0-9]+BBBB'
"#;
    let r = only(spec);
    // Two overlapping findings become one replaced span, labelled by the leftmost.
    assert_eq!(r.redact("x AAAA1234BBBB y"), "x [REDACTED:a] y");
    let found: Vec<_> = r.find_iter(b"x AAAA1234BBBB y").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].start(), found[0].end(), found[0].rule_id()),
        (2, 14, "a")
    );
    assert_eq!(r.find_overlapping(b"x AAAA1234BBBB y").len(), 2);
}

#[test]
fn styles() {
    let text = "a tok_ABCDEFGH12345678 b";
    let build = |s: Style| {
        Redactor::builder()
            .builtin_rules(false)
            .add_rules("t", RULES)
            .style(s)
            .hash_key("k")
            .build()
            .unwrap()
    };
    assert_eq!(
        build(Style::Mask).redact(text),
        format!("a {} b", "*".repeat(20))
    );
    assert_eq!(
        build(Style::Partial {
            keep_start: 4,
            keep_end: 2
        })
        .redact(text),
        "a tok_**************78 b"
    );
    // Huge keep counts (a user's `--keep 9223372036854775808`) never overflow into keeping
    // the value: the span is masked whole.
    for (ks, ke) in [
        (1usize << 63, 1usize << 63),
        (usize::MAX, 1),
        (1, usize::MAX),
        (usize::MAX, usize::MAX),
    ] {
        assert_eq!(
            build(Style::Partial {
                keep_start: ks,
                keep_end: ke
            })
            .redact(text),
            format!("a {} b", "*".repeat(20)),
            "keep {ks}+{ke}"
        );
    }
    let h1 = build(Style::Hash).redact(text).into_owned();
    let h2 = build(Style::Hash)
        .redact("tok_ABCDEFGH12345678")
        .into_owned();
    assert!(
        h1.starts_with("a [REDACTED:tok:")
            && h1.len() == "a [REDACTED:tok:0123456789abcdef] b".len(),
        "{h1}"
    );
    assert_eq!(&h1[2..h1.len() - 2], h2, "equal values give equal tokens");
    let other_key = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", RULES)
        .style(Style::Hash)
        .hash_key("k2")
        .build()
        .unwrap();
    assert_ne!(other_key.redact(text), h1);
    let custom = build(Style::Custom(std::sync::Arc::new(|f, v| {
        format!("<{}:{}>", f.rule_id(), v.len())
    })));
    assert_eq!(custom.redact(text), "a <tok:20> b");
}

#[test]
fn hash_needs_key() {
    let e = Redactor::builder().style(Style::Hash).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
}

#[test]
fn invalid_utf8_passes_through() {
    let r = redactor();
    let mut input = b"\xff\xfe tok_ABCDEFGH12345678 \xc3\x28 end".to_vec();
    let out = r.redact_bytes(&input).into_owned();
    assert_eq!(out, b"\xff\xfe [REDACTED:tok] \xc3\x28 end");
    input.push(b'\n');
    let mut streamed = Vec::new();
    r.stream_redact(&input[..], &mut streamed).unwrap();
    assert_eq!(streamed, r.redact_bytes(&input).as_ref());
}

#[test]
fn redacting_twice_equals_once() {
    let r = redactor();
    let text = "password=q8Zr2LxV0p tok_ABCDEFGH12345678 4111111111111111 SSN 123-45-6789";
    let once = r.redact(text).into_owned();
    assert_eq!(r.redact(&once), once);
}

/// The error of building a redactor with the rule file `text` named `source`.
fn build_error(source: &str, text: &str) -> redactum::Error {
    Redactor::builder()
        .add_rules(source, text)
        .build()
        .unwrap_err()
}

#[test]
fn user_rule_overrides_builtin_and_errors_name_rule() {
    let bad =
        "[[rule]]\nid = \"bad-one\"\nname = \"x\"\ncategory = \"secret\"\npattern = '(?<=a)b'\n";
    let e = build_error("mine.toml", bad);
    assert_eq!(e.kind(), ErrorKind::Unsupported);
    let s = e.to_string();
    assert!(s.starts_with("mine.toml: rule `bad-one`:"), "{s}");
    assert!(!s.contains('\n'));
    let unknown_validator = "[[rule]]\nid = \"v\"\nname = \"x\"\ncategory = \"secret\"\npattern = 'b+'\nvalidators = [\"nope\"]\n";
    let e = build_error("m", unknown_validator);
    assert_eq!(e.kind(), ErrorKind::UnknownValidator);
    assert_eq!(e.rule_id(), Some("v"));
}

/// An error that quotes user input holding line breaks (TOML escapes in a validator name:
/// found by the fuzz target `parse_rules`) still displays as one line.
#[test]
fn an_error_quoting_control_characters_is_one_line() {
    let rule = "[[rule]]\nid = \"v\"\nname = \"x\"\ncategory = \"secret\"\npattern = 'b+'\nvalidators = [\"entropy(3\\r\\n\\t\\u000bx\"]\n";
    let e = build_error("m", rule);
    assert_eq!(e.kind(), ErrorKind::UnknownValidator);
    let s = e.to_string();
    assert!(e.message().contains('\r'), "{:?}", e.message());
    assert!(!s.chars().any(char::is_control), "{s:?}");
    assert!(s.contains("missing closing parenthesis"), "{s}");
}

#[test]
fn categories_and_only() {
    let r = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", RULES)
        .pii(false)
        .build()
        .unwrap();
    assert_eq!(r.redact("4111111111111111"), "4111111111111111");
    let r = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", RULES)
        .only_rules(["card"])
        .build()
        .unwrap();
    assert_eq!(r.rules().len(), 1);
    assert!(Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", RULES)
        .only_rules(["zzz"])
        .build()
        .is_err());
}

#[test]
fn long_line_pieces() {
    let r = redactor();
    // A token straddling the 1 MiB piece boundary of a 3 MiB line.
    let mut line = vec![b'.'; 3 << 20];
    let tok = b" tok_ABCDEFGH12345678 ";
    let at = (1 << 20) - 10;
    line[at..at + tok.len()].copy_from_slice(tok);
    let out = r.redact_bytes(&line);
    assert!(memchr::memmem::find(&out, b"ABCDEFGH").is_none());
    assert_eq!(out.len(), line.len() - 20 + "[REDACTED:tok]".len());
    let mut streamed = Vec::new();
    r.stream_redact(Chunked(&line, 7919), &mut streamed)
        .unwrap();
    assert_eq!(streamed, out.as_ref());
}

#[test]
fn stream_emits_complete_lines_at_once() {
    use std::io::Write;
    // A writer that records what had been written when each read happened.
    struct Probe<'a> {
        lines: Vec<&'a [u8]>,
        i: usize,
        seen_at_read: std::rc::Rc<std::cell::RefCell<Vec<usize>>>,
        written: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
    }
    impl std::io::Read for Probe<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.seen_at_read
                .borrow_mut()
                .push(self.written.borrow().len());
            let Some(l) = self.lines.get(self.i) else {
                return Ok(0);
            };
            self.i += 1;
            buf[..l.len()].copy_from_slice(l);
            Ok(l.len())
        }
    }
    struct W(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for W {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let written = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let probe = Probe {
        lines: vec![b"one\n", b"two tok_ABCDEFGH12345678\n"],
        i: 0,
        seen_at_read: seen.clone(),
        written: written.clone(),
    };
    redactor().stream_redact(probe, W(written.clone())).unwrap();
    // Before the second read, the first line was out; before the third, the second.
    assert_eq!(seen.borrow()[1], 4);
    assert_eq!(seen.borrow()[2], 4 + "two [REDACTED:tok]\n".len());
}

#[test]
fn stream_reports_lines_and_columns() {
    let r = redactor();
    let mut got = Vec::new();
    r.stream_redact_with(
        &b"x\nab tok_ABCDEFGH12345678\n\n card 4111111111111111\n"[..],
        std::io::sink(),
        |f| got.push((f.finding.rule_id().to_string(), f.line, f.column)),
    )
    .unwrap();
    assert_eq!(
        got,
        vec![("tok".to_string(), 2, 4), ("card".to_string(), 4, 7)]
    );
}

/// A reader that returns one byte at a time.
pub struct OneByte<'a>(pub &'a [u8]);
impl std::io::Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() || buf.is_empty() {
            return Ok(0);
        }
        buf[0] = self.0[0];
        self.0 = &self.0[1..];
        Ok(1)
    }
}

/// A reader that returns at most `n` bytes at a time.
pub struct Chunked<'a>(pub &'a [u8], pub usize);
impl std::io::Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn fail_closed_replaces_the_failing_segment() {
    let rules = "[[rule]]\nid = 'p'\nname = 'p'\ncategory = 'secret'\npattern = '[A-Z]{5}'\nvalidators = ['test-panic']\n";
    let text = "ok line\nhas PANIC here\nnext\n";
    let closed = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", rules)
        .fail_closed(true)
        .build()
        .unwrap();
    // Whole input: only the failing line is replaced, the others are scanned as usual.
    let out = closed.redact(text);
    assert_eq!(out, "ok line\n[REDACTED:internal-error]\nnext\n");
    let mixed = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", rules)
        .add_rules(
            "u",
            "[[rule]]\nid = 'd'\nname = 'd'\ncategory = 'pii'\npattern = '[0-9]{4}'\n",
        )
        .fail_closed(true)
        .build()
        .unwrap();
    assert_eq!(
        mixed.redact("pin 1234\nhas PANIC 5678\nlast 9999"),
        "pin [REDACTED:d]\n[REDACTED:internal-error]\nlast [REDACTED:d]"
    );
    // Streaming line by line replaces only the failing line.
    let mut streamed = Vec::new();
    closed
        .stream_redact(OneByte(text.as_bytes()), &mut streamed)
        .unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        "ok line\n[REDACTED:internal-error]\nnext\n"
    );
    // Without fail-closed the error surfaces and nothing of the failing line is written.
    let open = only(rules);
    assert!(std::panic::catch_unwind(|| open.redact(text)).is_err());
    let mut partial = Vec::new();
    let err = open
        .stream_redact(OneByte(text.as_bytes()), &mut partial)
        .unwrap_err();
    assert!(err.to_string().contains("internal error"));
    assert_eq!(partial, b"ok line\n");
}

#[test]
fn veto_alternative_consumes_without_reporting() {
    let rules = r#"
[[rule]]
id = "num"
name = "Number"
category = "pii"
pattern = '(?i:trace_id=)[0-9]{6,}|\b(?P<secret>[0-9]{6,})\b'
"#;
    let r = only(rules);
    assert_eq!(
        r.redact("trace_id=1234567 user 7654321"),
        "trace_id=1234567 user [REDACTED:num]"
    );
}

#[test]
fn veto_whose_context_another_finding_covers_is_void() {
    // `ver` vetoes the version number after it; when another rule's finding covers the `ver`,
    // the written marker cannot veto anything, so the number is redacted at once (and a second
    // redaction finds nothing more).
    let rules = r#"
[[rule]]
id = "pw"
name = "Password"
category = "secret"
keywords = ["pw="]
pattern = 'pw=(?P<secret>[^\s]+)'

[[rule]]
id = "num"
name = "Dotted number"
category = "pii"
pattern = '\bver [0-9]+\.[0-9]+|\b(?P<secret>[0-9]+\.[0-9]+)\b'
"#;
    let r = only(rules);
    assert_eq!(r.redact("x ver 1.2 y 3.4"), "x ver 1.2 y [REDACTED:num]");
    let once = r.redact("pw=hunter2ver 1.2 y\nnext ver 5.6");
    assert_eq!(once, "pw=[REDACTED:pw] [REDACTED:num] y\nnext ver 5.6");
    assert_eq!(r.redact(&once), once);
    // The same through a stream read one byte at a time.
    let mut out = Vec::new();
    r.stream_redact(
        OneByte(b"pw=hunter2ver 1.2 y\nnext ver 5.6".as_slice()),
        &mut out,
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), once);
}

#[test]
fn a_finding_joined_to_text_is_settled_as_its_marker_reads() {
    // The marker's `]` and `[` make word boundaries that the finding's own bytes did not: a
    // keyword right after a token, a number right before one. Redaction reads the text as it
    // will be written, so a second redaction finds nothing more.
    let rules = r#"
[[rule]]
id = "tok"
name = "Token"
category = "secret"
keywords = ["tok_"]
pattern = 'tok_[a-z0-9]{8}'

[[rule]]
id = "pw"
name = "Password"
category = "secret"
keywords = ["pass"]
pattern = '\bpass: (?P<secret>[a-z0-9]{6,})'

[[rule]]
id = "num"
name = "Number"
category = "pii"
pattern = '\b(?P<secret>[0-9]{6})x\b'
"#;
    let r = only(rules);
    // Alone, neither the password nor the number is a match: no word boundary.
    assert_eq!(
        r.redact("xpass: hunter22 123456xy"),
        "xpass: hunter22 123456xy"
    );
    assert_eq!(
        r.redact("pass: hunter22 123456x"),
        "pass: [REDACTED:pw] [REDACTED:num]x"
    );
    let input = "a tok_abcd1234pass: hunter22 b\nc 123456xtok_abcd1234 d\n";
    let once = r.redact(input);
    assert_eq!(
        once,
        "a [REDACTED:tok]pass: [REDACTED:pw] b\nc [REDACTED:num]x[REDACTED:tok] d\n"
    );
    assert_eq!(r.redact(&once), once);
    let mut out = Vec::new();
    r.stream_redact(OneByte(input.as_bytes()), &mut out)
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), once);
    // In pieces of a long line as well.
    let p = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t", rules)
        .piece_size(7)
        .build()
        .unwrap();
    assert_eq!(p.redact(input), once);
}

#[test]
fn consumed_separator_opens_the_next_match() {
    let rules = r#"
[[rule]]
id = "ip"
name = "IP"
category = "pii"
pattern = '(?:^|[^0-9.])(?P<secret>[0-9]{1,3}(?:\.[0-9]{1,3}){3})(?:[^0-9.]|$)'
"#;
    let r = only(rules);
    assert_eq!(r.redact("1.2.3.4 5.6.7.8"), "[REDACTED:ip] [REDACTED:ip]");
}

#[test]
fn real_format_aws_key_one_byte_at_a_time() {
    let r = Redactor::new().unwrap();
    let input = b"k=AKIAZ3MHKEY7PQ4XW2LN\n";
    let mut out = Vec::new();
    r.stream_redact(OneByte(input), &mut out).unwrap();
    assert_eq!(out, b"k=[REDACTED:aws-access-key-id]\n");
    assert_eq!(out, r.redact_bytes(input).as_ref());
}

/// Keyword hits are gathered 64 KiB of a segment at a time: a keyword that straddles a chunk
/// boundary is found, whatever its offset, and a line where a short keyword ends at every byte
/// gives the same findings as in small pieces.
#[test]
fn keywords_across_hit_chunk_boundaries_are_found() {
    let r = Redactor::new().unwrap();
    let token = "AKIAZ3MHKEY7PQ4XW2LN";
    for chunk in [65_536usize, 131_072] {
        for back in 0..6 {
            let at = chunk - back;
            let mut text = "word ".repeat(at / 5 + 1);
            text.truncate(at - 1);
            text.push(' ');
            text.push_str(token);
            text.push_str(" tail");
            let out = r.redact(&text);
            assert!(
                out.ends_with(" [REDACTED:aws-access-key-id] tail"),
                "token at {at} not found"
            );
            assert!(!out.contains(token));
        }
    }
    // Dense keyword hits (a keyword ending at every byte) over several chunks: the whole line
    // and the line cut in small reads agree.
    let line = format!("{} {token}\n", "a".repeat(200_000));
    let whole = r.redact(&line).into_owned();
    assert!(whole.contains("[REDACTED:aws-access-key-id]"));
    let mut s = r.stream();
    let mut out = Vec::new();
    for piece in line.as_bytes().chunks(7_919) {
        s.push(piece, &mut out);
    }
    s.finish(&mut out);
    assert_eq!(String::from_utf8(out).unwrap(), whole);
}

/// Pushes `lines` one at a time and returns what was written after each push.
fn written_after_each_line(r: &Redactor, lines: &[&str]) -> Vec<String> {
    let mut s = r.stream();
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for l in lines {
        s.push(l.as_bytes(), &mut out);
        seen.push(String::from_utf8(out.clone()).unwrap());
    }
    s.finish(&mut out);
    seen.push(String::from_utf8(out).unwrap());
    seen
}

/// A line that mentions a PEM header no longer stalls a live stream for 64 KiB: once a line
/// holds a byte that no key body may hold, the held lines go out, and the output is still the
/// whole-input output.
#[test]
fn a_pem_header_without_a_key_does_not_hold_the_stream() {
    let r = Redactor::new().unwrap();
    let lines = [
        "2026-12-05 INFO config loaded: -----BEGIN RSA PRIVATE KEY-----\n",
        "2026-12-05 INFO [worker] started pid=42\n",
        "2026-12-05 INFO [worker] ready\n",
    ];
    let seen = written_after_each_line(&r, &lines);
    // The header line waits for the next line (the block could start there)...
    assert_eq!(seen[0], "");
    // ...which shows it cannot: both are out (the next line once 16 bytes past the decision).
    assert!(
        seen[2].starts_with(&format!("{}{}", lines[0], lines[1])),
        "{seen:?}"
    );
    let whole: String = lines.concat();
    assert_eq!(seen.last().unwrap(), &r.redact(&whole).into_owned());
}

/// A real key streamed line by line is released soon after its END line, redacted, and the
/// lines after it are not held.
#[test]
fn a_streamed_pem_key_is_released_after_its_end_line() {
    let r = Redactor::new().unwrap();
    let body = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9OiJjRazXBZ1BjP5CE/Wm/Rr500P\n";
    let lines = [
        "key follows\n",
        "-----BEGIN RSA PRIVATE KEY-----\n",
        body,
        body,
        "-----END RSA PRIVATE KEY-----\n",
        "[next] request served in 4 ms\n",
        "[next] request served in 5 ms\n",
    ];
    let seen = written_after_each_line(&r, &lines);
    let whole: String = lines.concat();
    let expected = r.redact(&whole).into_owned();
    assert!(
        expected.contains("[REDACTED:private-key-rsa]"),
        "{expected}"
    );
    assert!(!expected.contains("MIIEpAIB"));
    // After the line that follows END, the key is out, redacted.
    assert!(seen[5].contains("[REDACTED:private-key-rsa]"), "{seen:?}");
    assert!(!seen[5].contains("MIIEpAIB"));
    assert!(expected.starts_with(&seen[6]));
    assert_eq!(seen.last().unwrap(), &expected);
}

/// Early release gives up when the rule's automaton outgrows its cache (2 MiB of lazy states
/// per stream): the window is then held until it is complete, as if there were no early
/// release, and the output is still the whole input's. A rule whose body automaton must tell
/// apart every arrangement of the last 17 bytes (`[ab\n]*a[ab]{16}`) fills the cache on
/// pseudo-random `a`/`b` lines; a line that no body may hold then releases nothing (with few
/// such lines it does: the control).
#[test]
fn early_release_that_outgrows_its_cache_holds_the_window_to_its_end() {
    let r = only(
        r#"
[[rule]]
id = "ab-block"
name = "a/b block"
category = "secret"
keywords = ["xkey"]
multiline = true
max_len = 65536
pattern = '(?i:xkey)-----\n[ab\n]*a[ab]{16}-----END'
"#,
    );
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut body = || {
        let mut l: String = (0..100)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x & 1 == 0 {
                    'a'
                } else {
                    'b'
                }
            })
            .collect();
        l.push('\n');
        l
    };
    let lines_with = |bodies: usize, body: &mut dyn FnMut() -> String| {
        let mut lines = vec!["XKEY-----\n".to_string()];
        lines.extend((0..bodies).map(|_| body()));
        lines.push("zz: no body holds this line\n".to_string());
        lines.extend((0..300).map(|i| format!("after {i}\n")));
        lines
    };
    // Control: 20 body lines, then the line that ends every start's automaton: released.
    let lines = lines_with(20, &mut body);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let seen = written_after_each_line(&r, &refs);
    assert!(
        seen[23].starts_with(&lines[..22].concat()),
        "not released early"
    );
    assert_eq!(
        seen.last().unwrap(),
        &r.redact(&lines.concat()).into_owned()
    );
    // 300 body lines (30 KB) fill the cache: held until the window's 512th line.
    let lines = lines_with(300, &mut body);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let seen = written_after_each_line(&r, &refs);
    assert_eq!(seen[310], "", "released although the automaton gave up");
    assert!(
        seen[512].starts_with(&lines[..512].concat()),
        "not released at the window's end"
    );
    assert_eq!(
        seen.last().unwrap(),
        &r.redact(&lines.concat()).into_owned()
    );
}

/// A user rule whose automaton explodes on simple input (`[a-z]{1,1024}x` over a run of `a`
/// scanned at 30-70 KB/s) is refused when the redactor is built, naming the rule; narrower
/// counts are accepted.
#[test]
fn a_degenerate_user_rule_is_refused_at_build_time() {
    let rule = |p: &str| {
        format!(
            "[[rule]]\nid = \"slow\"\nname = \"slow\"\ncategory = \"secret\"\npattern = '''{p}'''\n"
        )
    };
    for bad in ["[a-z]{1,1024}x", "(?:[a-z0-9]){1,800}!", "\\w{1,1000}="] {
        let err = match Redactor::builder()
            .add_rules("mine.toml", &rule(bad))
            .build()
        {
            Ok(_) => panic!("{bad} was accepted"),
            Err(e) => e,
        };
        assert_eq!(err.kind(), redactum::ErrorKind::TooCostly, "{bad}: {err}");
        assert_eq!(err.rule_id(), Some("slow"));
        assert!(err.to_string().contains("too costly"), "{err}");
    }
    for fine in [
        "[a-z]{1,40}x",
        "[a-z]{1,300}x",
        "tok_[A-Za-z0-9]{36}",
        "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b",
    ] {
        Redactor::builder()
            .add_rules("mine.toml", &rule(fine))
            .build()
            .unwrap_or_else(|e| panic!("{fine}: {e}"));
    }
}

/// Every built-in rule passes the cost check (built eagerly, as added rules are).
#[test]
fn builtin_rules_pass_the_cost_check() {
    Redactor::builder().eager(true).build().unwrap();
}

/// Whatever the lines after a PEM header hold, a stream holds them for at most 512 lines: a
/// multiline window ends at its 512th line end (whole input and stream alike).
#[test]
fn a_pem_window_holds_at_most_512_lines() {
    let r = Redactor::new().unwrap();
    let mut lines = vec!["note -----BEGIN RSA PRIVATE KEY-----\n".to_string()];
    // Lines of bytes a key body may hold: the window cannot be decided early.
    lines.extend((0..700).map(|i| format!("2026-12-05 INFO tick {i}\n")));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let seen = written_after_each_line(&r, &refs);
    assert_eq!(seen[400], "", "released before its 512 lines");
    let out_after_512 = &seen[512];
    assert!(
        out_after_512.starts_with(&lines[..512].concat()),
        "not released after 512 lines"
    );
    let whole: String = lines.concat();
    assert_eq!(seen.last().unwrap(), &whole);
    assert_eq!(r.redact(&whole), whole);
}

/// A multiline rule whose keyword lies in the look-ahead of a piece of a long line (the line
/// cut after `-----BEGIN`, its keyword `PRIVATE KEY-----` in the next piece) while its match
/// starts in the piece: found at every cut, as in the whole line, streamed or not.
#[test]
fn multiline_keyword_in_the_look_ahead_of_a_piece() {
    let head = "MIXPANEL_SECRET='7b26e91e252b4bc7a5fec09c0e7e0f2a'.";
    let body = "-----BEGIN PRIVATE KEY-----\n\
                MIIr0+o+LZNoc6YPWkTWNj9hSGXJjXJbEd8LLsxKfRJt5asHHwfGNx3UEYMUEWc3\n\
                WKJi5XiaLddKiRlbElp/nsHJ5Bu4pEKPtzu6aMorPtr\n";
    let input = format!("{head}{body}");
    let whole = Redactor::new().unwrap().redact(&input).into_owned();
    assert_eq!(
        whole,
        "MIXPANEL_SECRET='[REDACTED:mixpanel-api-secret]'.[REDACTED:private-key-pem-lines]\n\
         [REDACTED:private-key-pem-lines]\n[REDACTED:private-key-pem-lines]\n"
    );
    // Cuts from inside `-----BEGIN` to inside the keyword.
    for piece in head.len() + 1..head.len() + 24 {
        let r = Redactor::builder().piece_size(piece).build().unwrap();
        assert_eq!(r.redact(&input), whole, "pieces of {piece} bytes");
        let mut out = Vec::new();
        r.stream_redact(OneByte(input.as_bytes()), &mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            whole,
            "streamed, pieces of {piece} bytes"
        );
    }
}
