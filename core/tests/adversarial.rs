//! Adversarial inputs, deterministic and sized to run in a few seconds in debug builds: NUL
//! bytes, invalid UTF-8, CRLF and lone CR, a 1 MiB base64 line, thousands of overlapping
//! candidates on one line, JSON nested 100k deep, and user rules shaped for catastrophic
//! backtracking. Each output is held to the shared invariants (the input with its findings
//! replaced, lines kept, nothing left to find, streaming equal to whole). Throughput on such
//! inputs (linear time) is measured by `benches/adversarial.sh`, not here.

#[path = "common/invariants.rs"]
mod invariants;

use invariants::{builtin, check_all, check_stream, check_whole};
use redactum::Redactor;

const AWS: &str = "AKIAZ3MHKEY7PQ4XW2LN";
const EMAIL: &str = "ann@example.com";

fn check(r: &Redactor, input: &[u8], sizes: &[usize]) -> Vec<u8> {
    let out = check_whole(r, input).unwrap_or_else(|e| panic!("{e}"));
    check_stream(r, input, &out, sizes).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    memchr::memmem::find(hay, needle.as_bytes()).is_some()
}

/// A deterministic stream of pseudo-random bytes (xorshift).
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn base64ish(n: usize, seed: u64) -> Vec<u8> {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    noise(n, seed)
        .into_iter()
        .map(|b| B64[b as usize % 64])
        .collect()
}

#[test]
fn nul_bytes_around_and_inside() {
    let r = builtin();
    let input = format!("\0key={AWS}\0\n\0\0mail {EMAIL}\0\nNUL\0inside\0{AWS}\0\0\0\n\0\0\0");
    let out = check(r, input.as_bytes(), &[1, 3, 64]);
    assert!(
        !contains(&out, AWS) && !contains(&out, EMAIL),
        "{:?}",
        String::from_utf8_lossy(&out)
    );
    assert_eq!(
        out.iter().filter(|&&b| b == 0).count(),
        input.bytes().filter(|&b| b == 0).count(),
        "NUL bytes are kept"
    );
}

#[test]
fn invalid_utf8_around_secrets() {
    let r = builtin();
    let mut input = Vec::new();
    for (i, junk) in [
        &b"\xff"[..],
        b"\xc3",
        b"\xe2\x82",
        b"\xf0\x9f\x94",
        b"\x80\x80",
        b"\xed\xa0\x80",
        b"\xc0\xaf",
    ]
    .iter()
    .enumerate()
    {
        input.extend_from_slice(junk);
        input.extend_from_slice(format!("key={AWS} ").as_bytes());
        input.extend_from_slice(junk);
        input.extend_from_slice(EMAIL.as_bytes());
        input.extend_from_slice(junk);
        input.extend_from_slice(if i % 2 == 0 { b"\n" } else { b" " });
    }
    input.extend_from_slice(&noise(64 << 10, 7));
    let out = check(r, &input, &[1, 5, 4096]);
    assert!(!contains(&out, AWS) && !contains(&out, EMAIL));
    // Random bytes: every byte outside findings comes through (checked by `check`), whatever
    // the chunking.
    let rnd = noise(256 << 10, 11);
    check(r, &rnd, &[7, 1 << 12]);
}

#[test]
fn crlf_and_lone_cr() {
    let r = builtin();
    let input = format!("a={AWS}\r\nb={EMAIL}\r\rc\r{AWS}\r\n\r\n\r{EMAIL}\r");
    let out = check(r, input.as_bytes(), &[1, 2, 3]);
    assert!(!contains(&out, AWS) && !contains(&out, EMAIL));
    assert_eq!(
        out.iter().filter(|&&b| b == b'\r').count(),
        input.bytes().filter(|&b| b == b'\r').count(),
        "CRs are kept"
    );
    // A multiline finding over CRLF lines is replaced line by line, keeping each `\r\n`.
    let pem = "-----BEGIN KEY-----\r\nMIIB\r\n-----END KEY-----\r\n";
    let rules = r#"
[[rule]]
id = "pem"
name = "PEM"
category = "secret"
keywords = ["-----BEGIN"]
multiline = true
max_len = 300
pattern = '-----BEGIN KEY-----[\s\S]*?-----END KEY-----'
"#;
    let pr = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t.toml", rules)
        .build()
        .unwrap();
    let out = check(&pr, pem.as_bytes(), &[1, 4]);
    assert_eq!(
        out,
        b"[REDACTED:pem]\r\n[REDACTED:pem]\r\n[REDACTED:pem]\r\n"
    );
}

#[test]
fn one_mib_base64_line() {
    let r = builtin();
    let mut line = b"data=".to_vec();
    line.extend_from_slice(&base64ish(1 << 20, 3));
    line.extend_from_slice(format!(" key={AWS}\nnext {EMAIL}\n").as_bytes());
    let out = check(r, &line, &[100_000, 1 << 17]);
    assert!(!contains(&out, AWS) && !contains(&out, EMAIL));
    // The same line crossing long-line piece boundaries (64 KiB pieces instead of 1 MiB).
    let small = Redactor::builder().piece_size(64 << 10).build().unwrap();
    let out = check(&small, &line, &[(1 << 16) + 1]);
    assert!(!contains(&out, AWS) && !contains(&out, EMAIL));
}

#[test]
fn many_overlapping_candidates_on_one_line() {
    let r = builtin();
    let mut input = Vec::new();
    input.extend_from_slice(&b"password".repeat(2_500));
    input.extend_from_slice(b"=hunter2Xq9z\n");
    input.extend_from_slice(&b"password=".repeat(1_500));
    input.push(b'\n');
    // Long digit runs: card, phone, id candidates everywhere.
    input.extend_from_slice(&b"4111111111111111".repeat(1_000));
    input.push(b'\n');
    input.extend_from_slice(&b"0123456789".repeat(2_000));
    input.push(b'\n');
    input.extend_from_slice(&b"1.2.3.4.".repeat(1_500));
    input.push(b'\n');
    input.extend_from_slice(&b"a@b.co,".repeat(1_500));
    input.push(b'\n');
    input.extend_from_slice(&b"AKIA".repeat(2_500));
    input.push(b'\n');
    let out = check(r, &input, &[1 << 16]);
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 7);
}

#[test]
fn json_nested_100k_deep() {
    let r = builtin();
    let depth = 100_000;
    let mut input = Vec::with_capacity(2 * depth + 64);
    input.extend(std::iter::repeat_n(b'[', depth));
    input.extend_from_slice(format!("{{\"key\":\"{AWS}\",\"mail\":\"{EMAIL}\"}}").as_bytes());
    input.extend(std::iter::repeat_n(b']', depth));
    input.push(b'\n');
    let mut obj = Vec::new();
    for _ in 0..20_000 {
        obj.extend_from_slice(b"{\"a\":");
    }
    obj.extend_from_slice(format!("\"{EMAIL}\"").as_bytes());
    obj.extend(std::iter::repeat_n(b'}', 20_000));
    input.extend_from_slice(&obj);
    let out = check(r, &input, &[1 << 15]);
    assert!(!contains(&out, AWS) && !contains(&out, EMAIL));
}

const BACKTRACKING_RULES: &str = r#"
[[rule]]
id = "nested-plus"
name = "(a+)+b"
category = "secret"
pattern = '(a+)+b'

[[rule]]
id = "alternation-star"
name = "(a|aa)*c"
category = "secret"
pattern = '(a|aa)*c'

[[rule]]
id = "double-plus"
name = "(x+x+)+y"
category = "secret"
pattern = '(x+x+)+y'

[[rule]]
id = "kw-nested"
name = "keyworded (a|a?)+ with a secret group"
category = "secret"
keywords = ["tok"]
pattern = 'tok=(?P<secret>(a|a?)+z)'
"#;

#[test]
fn backtracking_shaped_user_rules_compile_and_finish() {
    let r = Redactor::builder()
        .builtin_rules(false)
        .add_rules("evil.toml", BACKTRACKING_RULES)
        .build()
        .expect("compiles: the engine is linear");
    // No match anywhere: the classic exponential inputs.
    let mut input = Vec::new();
    input.extend_from_slice(&b"a".repeat(200_000));
    input.push(b'\n');
    input.extend_from_slice(&b"x".repeat(200_000));
    input.push(b'\n');
    input.extend_from_slice(b"tok=");
    input.extend_from_slice(&b"a".repeat(5_000));
    input.push(b'\n');
    let out = check(&r, &input, &[1 << 16]);
    assert_eq!(out, input, "nothing matches");
    // Matches at the end of long runs are found.
    let hit = format!(
        "{}b {}c {}y tok={}z\n",
        "a".repeat(1000),
        "a".repeat(1000),
        "x".repeat(1000),
        "a".repeat(500)
    );
    let out = check(&r, hit.as_bytes(), &[4096]);
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains("[REDACTED:nested-plus]") && s.contains("[REDACTED:double-plus]"),
        "{}",
        &s[..200.min(s.len())]
    );
    assert!(!s.contains("aaab") && !s.contains("xxy"));
}

#[test]
fn a_preferred_alternative_that_runs_on_stays_within_the_match_cap() {
    // `a[^ ]*b|a` prefers the long alternative, so every `a` of `aaaa...` is a match whose
    // end is only known at the end of the line: searched from every candidate, that read the
    // rest of the line each time (quadratic; `benches/adversarial.sh` shows it linear now).
    // Searches read at most the longest match a single-line rule may have (1024 bytes).
    let r = Redactor::builder()
        .builtin_rules(false)
        .add_rules(
            "t",
            "[[rule]]\nid = 'ab'\nname = 'AB'\ncategory = 'pii'\npattern = 'a[^ ]*b|a'\n",
        )
        .build()
        .unwrap();
    let m = "[REDACTED:ab]";
    let line = "a".repeat(3_000);
    let out = check(&r, format!("{line}\n").as_bytes(), &[4096]);
    assert_eq!(out, format!("{}\n", m.repeat(3_000)).into_bytes());
    // Within the cap the long alternative wins; beyond it only the short one can match.
    let near = format!("x a{}b y\n", "c".repeat(1000));
    assert_eq!(
        check(&r, near.as_bytes(), &[64]),
        format!("x {m} y\n").into_bytes()
    );
    let far = format!("x a{}b y\n", "c".repeat(1100));
    assert_eq!(
        check(&r, far.as_bytes(), &[64]),
        format!("x {m}{}b y\n", "c".repeat(1100)).into_bytes()
    );
}

#[test]
fn markers_of_every_rule_never_match() {
    // A marker next to every keyword of every rule, in several contexts: nothing is found.
    let r = builtin();
    let mut text = String::new();
    for info in r.rules() {
        let marker = format!("[REDACTED:{}]", info.id);
        text.push_str(&format!(
            "{marker}\n{marker}{marker}\n\"{marker}\", '{marker}' ({marker})\n"
        ));
        for kw in info.keywords.iter().take(4) {
            for sep in [" ", "=", ": ", "=\"", "\t"] {
                text.push_str(&format!("{kw}{sep}{marker}\n"));
            }
        }
    }
    let found: Vec<_> = r.find_iter(text.as_bytes()).collect();
    let shown: Vec<String> = found
        .iter()
        .take(20)
        .map(|f| {
            format!(
                "{} {:?}",
                f.rule_id(),
                &text[f.start().saturating_sub(20)..f.end()]
            )
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} findings inside markers, e.g.\n{}",
        found.len(),
        shown.join("\n")
    );
    check_all(r, text.as_bytes(), &[1 << 12]).unwrap();
}
