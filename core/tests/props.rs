//! Property tests: streaming equals whole-input redaction for any chunking; redaction is
//! idempotent; line count is preserved; bytes outside findings are untouched.

use proptest::prelude::*;
use redactum::Redactor;

const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Za-z0-9]{16}\b'

[[rule]]
id = "pw"
name = "Password"
category = "secret"
keywords = ["password", "pass"]
pattern = '''(?i)pass(?:word)?\s*[:=]\s*(?P<secret>[^\s"']{6,40})'''
validators = ["entropy(2.0)"]

[[rule]]
id = "digits"
name = "Digits"
category = "pii"
pattern = '\b[0-9]{6,12}\b'
validators = ["luhn"]

[[rule]]
id = "hexish"
name = "Hex run"
category = "secret"
pattern = '[a-f0-9]{10,14}'
validators = ["entropy(2.5)"]

[[rule]]
id = "ctx"
name = "Context"
category = "pii"
keywords = ["ssn"]
window = 8
pattern = '[0-9]{3}-[0-9]{2}'

[[rule]]
id = "pem"
name = "PEM"
category = "secret"
keywords = ["-----BEGIN"]
multiline = true
max_len = 300
pattern = '-----BEGIN KEY-----[\s\S]*?-----END KEY-----'
"#;

fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let frag = prop_oneof![
        Just(b"tok_".to_vec()),
        Just(b"tok_ABCDEFGH12345678".to_vec()),
        Just(b"password=".to_vec()),
        Just(b"pass: ".to_vec()),
        Just(b"q8Zr2LxV0p".to_vec()),
        Just(b"ssn ".to_vec()),
        Just(b"123-45".to_vec()),
        Just(b"4111111111111111".to_vec()),
        Just(b"79927398713".to_vec()),
        Just(b"-----BEGIN KEY-----\n".to_vec()),
        Just(b"-----END KEY-----".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\xff\xc3".to_vec()),
        Just("é🔑".as_bytes().to_vec()),
        Just(b"[REDACTED:tok]".to_vec()),
        "[a-zA-Z0-9 =:_-]{1,12}".prop_map(|s| s.into_bytes()),
        proptest::collection::vec(any::<u8>(), 1..6),
    ];
    proptest::collection::vec(frag, 0..60).prop_map(|v| v.concat())
}

fn redactor(piece: usize) -> Redactor {
    Redactor::builder()
        .builtin_rules(false)
        .add_rules("props.toml", RULES)
        .piece_size(piece)
        .build()
        .unwrap()
}

fn stream_chunked(r: &Redactor, input: &[u8], sizes: &[usize]) -> Vec<u8> {
    let mut s = r.stream();
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < input.len() {
        let n = sizes[i % sizes.len()].min(input.len() - at);
        s.push(&input[at..at + n], &mut out);
        at += n;
        i += 1;
    }
    s.finish(&mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn streaming_equals_whole(input in fragments(), sizes in proptest::collection::vec(1usize..40, 1..8), piece in prop_oneof![Just(1usize << 20), 64usize..200]) {
        let r = redactor(piece);
        let whole = r.redact_bytes(&input).into_owned();
        let streamed = stream_chunked(&r, &input, &sizes);
        prop_assert_eq!(&streamed, &whole);
        let mut via_reader = Vec::new();
        r.stream_redact(&input[..], &mut via_reader).unwrap();
        prop_assert_eq!(via_reader, whole);
    }

    #[test]
    fn idempotent_and_lines_preserved(input in fragments()) {
        let r = redactor(1 << 20);
        let once = r.redact_bytes(&input).into_owned();
        let twice = r.redact_bytes(&once).into_owned();
        prop_assert_eq!(&twice, &once);
        let nl = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
        prop_assert_eq!(nl(&once), nl(&input));
    }

    #[test]
    fn bytes_outside_findings_untouched(input in fragments()) {
        let r = redactor(1 << 20);
        let found: Vec<_> = r.find_iter(&input).collect();
        let out = r.redact_bytes(&input).into_owned();
        // Rebuild the output from the input and the findings: every byte outside a finding
        // must come through in order, and each finding becomes its label(s).
        let mut expect = Vec::new();
        let mut at = 0;
        for f in &found {
            prop_assert!(f.start() >= at && f.end() > f.start());
            expect.extend_from_slice(&input[at..f.start()]);
            for (i, part) in input[f.span()].split(|b| *b == b'\n').enumerate() {
                let mut part = part;
                if i > 0 {
                    expect.push(b'\n');
                    // Continued lines keep their indentation.
                    let indent = part.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
                    expect.extend_from_slice(&part[..indent]);
                    part = &part[indent..];
                }
                let (content, cr) = match part { [rest @ .., b'\r'] => (rest, true), _ => (part, false) };
                if !content.is_empty() { expect.extend_from_slice(format!("[REDACTED:{}]", f.rule_id()).as_bytes()); }
                if cr { expect.push(b'\r'); }
            }
            at = f.end();
        }
        expect.extend_from_slice(&input[at..]);
        prop_assert_eq!(out, expect);
    }

    #[test]
    fn planted_token_always_replaced(prefix in "[ -~]{0,30}", suffix in "[ -~]{0,30}", sep in prop_oneof![Just(" "), Just("\n"), Just("\t"), Just("=")]) {
        let r = redactor(1 << 20);
        let text = format!("{prefix}{sep}tok_ABCDEFGH12345678{sep}{suffix}");
        let out = r.redact(&text);
        prop_assert!(!out.contains("ABCDEFGH12345678"), "{:?} -> {:?}", text, out);
    }
}

#[test]
fn builtin_catalog_streaming_equals_whole() {
    // The same property over the full built-in catalog, with one-byte and odd chunk sizes.
    let r = Redactor::new().unwrap();
    let mut text = String::new();
    for (file, toml) in redactum::builtin_rule_files() {
        for spec in redactum::parse_rules(file, toml).unwrap() {
            for ex in spec.examples.iter().chain(&spec.negative_examples) {
                text.push_str(ex);
                text.push('\n');
            }
        }
    }
    let whole = r.redact_bytes(text.as_bytes()).into_owned();
    for sizes in [&[1usize][..], &[7, 13, 1], &[4096]] {
        assert_eq!(
            stream_chunked(&r, text.as_bytes(), sizes),
            whole,
            "chunks {sizes:?}"
        );
    }
}
