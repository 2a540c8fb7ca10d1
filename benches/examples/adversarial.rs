//! Throughput of adversarial inputs, to show that time is linear in the input size: user rules
//! shaped for catastrophic backtracking, long runs of overlapping candidates, and a long
//! base64 line, each timed on inputs of 1, 2, 4 and 8 MiB (or the sizes given in MiB as
//! arguments). Linear time shows as a flat MB/s column.
//!
//! ```text
//! cargo run --release -p redactum-benches --example adversarial [-- 1 2 4 8]
//! ```

use std::time::Instant;

use redactum::Redactor;

const EVIL_RULES: &str = r#"
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
name = "keyworded (a|a?)+z"
category = "secret"
keywords = ["tok"]
pattern = 'tok=(?P<secret>(a|a?)+z)'
"#;

/// A preferred alternative that runs on: the end of each match of `aaaa...` is only known at
/// the end of the line, so searches are bounded by the longest match a rule may have.
const RUN_ON_RULE: &str = r#"
[[rule]]
id = "run-on"
name = "a[^ ]*b|a"
category = "pii"
pattern = 'a[^ ]*b|a'
"#;

type Gen = fn(usize) -> Vec<u8>;

fn repeat_to(unit: &[u8], n: usize) -> Vec<u8> {
    unit.iter().copied().cycle().take(n).collect()
}

fn base64ish(n: usize) -> Vec<u8> {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            B64[(x % 64) as usize]
        })
        .collect()
}

fn main() {
    let sizes: Vec<f64> = {
        let a: Vec<f64> = std::env::args()
            .skip(1)
            .filter_map(|s| s.parse().ok())
            .collect();
        if a.is_empty() {
            vec![1.0, 2.0, 4.0, 8.0]
        } else {
            a
        }
    };
    let evil = Redactor::builder()
        .builtin_rules(false)
        .add_rules("evil.toml", EVIL_RULES)
        .build()
        .expect("backtracking-shaped rules compile");
    let run_on = Redactor::builder()
        .builtin_rules(false)
        .add_rules("run-on.toml", RUN_ON_RULE)
        .build()
        .expect("run-on rule compiles");
    let builtin = Redactor::new().expect("built-in catalog");
    let cases: &[(&str, &Redactor, Gen)] = &[
        ("(a+)+b etc. on aaaa... (one line)", &evil, |n| {
            repeat_to(b"a", n)
        }),
        ("(x+x+)+y on xxxx... (one line)", &evil, |n| {
            repeat_to(b"x", n)
        }),
        ("a[^ ]*b|a on aaaa... (one line, all match)", &run_on, |n| {
            repeat_to(b"a", n)
        }),
        ("tok=(a|a?)+z on tok=aaaa... lines", &evil, |n| {
            repeat_to(&[b"tok=".as_slice(), &[b'a'; 60], b"\n"].concat(), n)
        }),
        ("catalog: passwordpassword... (one line)", &builtin, |n| {
            repeat_to(b"password", n)
        }),
        ("catalog: password=password=... (one line)", &builtin, |n| {
            repeat_to(b"password=", n)
        }),
        ("catalog: digits (one line)", &builtin, |n| {
            repeat_to(b"0123456789", n)
        }),
        ("catalog: 4111111111111111 (one line)", &builtin, |n| {
            repeat_to(b"4111111111111111", n)
        }),
        ("catalog: base64 (one line)", &builtin, base64ish),
        ("catalog: [[[[...]]]] (one line)", &builtin, |n| {
            let mut v = vec![b'['; n / 2];
            v.extend(std::iter::repeat_n(b']', n - n / 2));
            v
        }),
    ];
    println!(
        "{:<44} {:>6} {:>10} {:>10}",
        "input", "MiB", "seconds", "MB/s"
    );
    for (name, r, gen) in cases {
        // Warm the lazy DFA caches, then keep the best of three runs per size.
        std::hint::black_box(r.redact_bytes(&gen(64 << 10)));
        for &mib in &sizes {
            let input = gen((mib * (1 << 20) as f64) as usize);
            let mut secs = f64::INFINITY;
            for _ in 0..3 {
                let t = Instant::now();
                std::hint::black_box(r.redact_bytes(&input));
                secs = secs.min(t.elapsed().as_secs_f64());
            }
            println!(
                "{name:<44} {mib:>6} {secs:>10.3} {:>10.1}",
                input.len() as f64 / 1e6 / secs
            );
        }
    }
}
