//! Structured log lines: JSON lines, logfmt, HTTP headers, URL query parameters; per-type
//! styles; streaming equals whole input.

use redactum::{Format, Redactor, Style};

const AWS: &str = "AKIAZ3MHKEY7PQ4XW2LN";
const GHP: &str = "ghp_0000000000000000000000000000001bMU3m";

#[path = "common/redactors.rs"]
mod redactors;
use redactors::r;

fn text() -> Redactor {
    r(Format::Text)
}

/// Whole input, bytes and str, and streaming in several chunk sizes all agree; returns it.
fn redact_all_ways(red: &Redactor, input: &str) -> String {
    let whole = red.redact(input).into_owned();
    assert_eq!(
        red.redact_bytes(input.as_bytes()),
        whole.as_bytes(),
        "bytes vs str on {input:?}"
    );
    for size in [1, 2, 3, 7, 16, 61, 4096] {
        let mut s = red.stream();
        let mut out = Vec::new();
        for c in input.as_bytes().chunks(size) {
            s.push(c, &mut out);
        }
        s.finish(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            whole,
            "stream (chunks of {size}) vs whole on {input:?}"
        );
    }
    whole
}

fn assert_json(line: &str) -> serde_json::Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

#[test]
fn text_stays_the_default() {
    let input = format!(
        "user=ann password=hunter2x {AWS}\n{{\"password\": \"hunter2x\"}}\nmail ann@example.com\n"
    );
    let default = Redactor::builder().build().unwrap();
    assert_eq!(default.redact(&input), text().redact(&input));
    assert_eq!(r(Format::Text).redact(&input), text().redact(&input));
}

#[test]
fn plain_text_lines_are_unchanged_by_auto() {
    let lines = [
        "2026-11-21 12:00:00 INFO login ok for ann@example.com",
        &format!("export AWS_ACCESS_KEY_ID={AWS}"),
        &format!("token {GHP} used"),
        "card 4111 1111 1111 1111 charged",
        "{ not json, but braces: ann@example.com",
        "[INFO] starting worker 3",
        "x=1 just one pair ann@example.com",
        "",
    ];
    let input = lines.join("\n") + "\n";
    for f in [Format::Auto, Format::Json, Format::Logfmt] {
        assert_eq!(
            redact_all_ways(&r(f), &input),
            text().redact(&input),
            "{f:?}"
        );
    }
    // PEM keys across lines still work in a text run between structured lines.
    let pem = redactum::builtin_rule_files()
        .iter()
        .find(|(n, _)| n.contains("keys"))
        .map(|(_, t)| {
            let start = t.find("-----BEGIN RSA PRIVATE KEY-----\\n").unwrap();
            let end = t[start..].find("\"").unwrap();
            t[start..start + end].replace("\\n", "\n")
        })
        .unwrap();
    let input = format!("{{\"a\": 1}}\n{pem}\n{{\"password\": \"x1\"}}\n");
    let out = redact_all_ways(&r(Format::Auto), &input);
    assert!(out.contains("[REDACTED:private-key-rsa]\n"), "{out}");
    assert!(!out.contains("MII"), "{out}");
    assert!(
        out.ends_with("{\"password\": \"[REDACTED:sensitive-key]\"}\n"),
        "{out}"
    );
}

#[test]
fn json_without_anything_sensitive_is_byte_identical() {
    let red = r(Format::Json);
    for line in [
        r#"{"ts":"2026-01-01T00:00:00Z","level":"info","msg":"ok","n":-1.5e3,"ok":true,"x":null}"#,
        r#"  {  "spaced" :  [ 1 , 2 ,  { "deep" : { "deeper" : [ [ ] , { } ] } } ]  }  "#,
        r#"[1, "two", {"three": 3}]"#,
        r#"{"esc":"quote \" slash \/ tab \t uni \u00e9 \ud83d\ude00","emoji":"😀"}"#,
        r#"{"tokens_used": 12, "token_type": "bearer", "passwordless": true}"#,
    ] {
        let out = red.redact(line);
        assert!(
            matches!(out, std::borrow::Cow::Borrowed(_)),
            "{line} -> {out}"
        );
        let input = format!("{line}\n{line}\r\n");
        assert_eq!(redact_all_ways(&red, &input), input);
    }
}

#[test]
fn json_sensitive_keys_at_any_depth() {
    let red = r(Format::Json);
    let line = r#"{"user":{"name":"ann","password":"hunter2"},"list":[{"creds":[{"apiKey":"k-1"}]}],"API-KEY":"zz","Authorization":"Bearer abc","db_password":"p","x-api-key":"q","ok":"fine"}"#;
    let out = redact_all_ways(&red, line);
    let m = "[REDACTED:sensitive-key]";
    assert_eq!(
        out,
        format!(
            r#"{{"user":{{"name":"ann","password":"{m}"}},"list":[{{"creds":[{{"apiKey":"{m}"}}]}}],"API-KEY":"{m}","Authorization":"{m}","db_password":"{m}","x-api-key":"{m}","ok":"fine"}}"#
        )
    );
    assert_json(&out);
}

#[test]
fn json_non_string_sensitive_values_become_string_markers() {
    let red = r(Format::Json);
    // `ssn` is a personal key: `true` is no one's data and stays.
    let line = r#"{"pin": 1, "token": 12345, "secret": {"a": [1, "x", {"b": null}]}, "passwd": ["p", "q"], "ssn": true, "cookie": null, "after": 2}"#;
    let out = redact_all_ways(&red, line);
    let m = "\"[REDACTED:sensitive-key]\"";
    assert_eq!(
        out,
        format!(
            r#"{{"pin": 1, "token": {m}, "secret": {m}, "passwd": {m}, "ssn": true, "cookie": {m}, "after": 2}}"#
        )
    );
    let v = assert_json(&out);
    // Key order is kept.
    assert_eq!(out.find("\"pin\"").unwrap(), 1);
    assert_eq!(v["after"], 2);
    // Empty strings have nothing to replace.
    assert_eq!(red.redact(r#"{"password": ""}"#), r#"{"password": ""}"#);
}

#[test]
fn json_values_go_through_the_rules() {
    let red = r(Format::Json);
    let line = format!(
        r#"{{"msg":"mail ann@example.com","nested":{{"k":["{AWS}", 4111111111111111]}},"ann@example.com":1}}"#
    );
    let out = redact_all_ways(&red, &line);
    assert_eq!(
        out,
        r#"{"msg":"mail [REDACTED:email]","nested":{"k":["[REDACTED:aws-access-key-id]", "[REDACTED:credit-card]"]},"[REDACTED:email]":1}"#
    );
    assert_json(&out);
}

/// A line that is a bare JSON number is JSON in the auto and json formats: a card number alone
/// on a line is written back as a string, so the line stays JSON (fuzz finding of `structured`,
/// in fuzz/regressions/structured/json-number-line-that-is-a-card-number). Text and logfmt
/// write the marker as it is; numbers without findings, and lines that only start with
/// digits, are left alone.
#[test]
fn a_bare_number_line_stays_json() {
    let input = "342070464106194\n  4111111111111111 \n-342070464106194\n12.5e3\n2026-11-20 4111111111111111\n";
    for format in [Format::Auto, Format::Json] {
        let out = redact_all_ways(&r(format), input);
        assert_eq!(
            out,
            "\"[REDACTED:credit-card]\"\n  \"[REDACTED:credit-card]\" \n-342070464106194\n12.5e3\n2026-11-20 [REDACTED:credit-card]\n",
            "{format:?}"
        );
        for line in out.lines().take(4) {
            assert_json(line);
        }
        assert_eq!(
            r(format).redact(&out),
            out,
            "{format:?}: a second redaction"
        );
    }
    for format in [Format::Text, Format::Logfmt] {
        let out = redact_all_ways(&r(format), input);
        assert!(
            out.starts_with("[REDACTED:credit-card]\n"),
            "{format:?}: {out}"
        );
    }
}

#[test]
fn json_escaped_secrets_are_found() {
    let red = r(Format::Json);
    // An email written with \u0040 for '@', an AWS key starting with \u0041 ('A').
    let aws_esc = format!("\\u0041{}", &AWS[1..]);
    let line = format!(
        r#"{{"msg":"to ann\u0040example.com ok","k":"{aws_esc}","q":"say \"{AWS}\" \/x"}}"#
    );
    let out = redact_all_ways(&red, &line);
    assert_eq!(
        out,
        r#"{"msg":"to [REDACTED:email] ok","k":"[REDACTED:aws-access-key-id]","q":"say \"[REDACTED:aws-access-key-id]\" \/x"}"#
    );
    assert_json(&out);
    // The replacement is escaped: a mask keeps one '*' per decoded character.
    let masked = Redactor::builder()
        .format(Format::Json)
        .style(Style::Mask)
        .build()
        .unwrap();
    assert_eq!(
        masked.redact(r#"{"m":"ann\u0040example.com"}"#),
        r#"{"m":"***************"}"#
    );
    // A sensitive value with escapes: hashed on the decoded value, so equal values give equal
    // tokens however they are written.
    let hashed = Redactor::builder()
        .format(Format::Json)
        .style(Style::Hash)
        .hash_key("k")
        .build()
        .unwrap();
    let a = hashed.redact(r#"{"password":"p\u0061ss\"1"}"#).into_owned();
    let b = hashed.redact(r#"{"password":"pass\"1"}"#).into_owned();
    assert_eq!(a, b);
    assert_json(&a);
}

#[test]
fn json_multiline_secret_in_one_string() {
    let red = r(Format::Json);
    let pem = redactum::builtin_rule_files()
        .iter()
        .find(|(n, _)| n.contains("keys"))
        .map(|(_, t)| {
            let start = t.find("-----BEGIN RSA PRIVATE KEY-----\\n").unwrap();
            let end = t[start..].find("\"").unwrap();
            t[start..start + end].to_string()
        })
        .unwrap();
    // In a JSON line the key's newlines are `\n` escapes; the decoded value is scanned.
    let line = format!(r#"{{"cfg":"{pem}","n":1}}"#);
    let out = redact_all_ways(&red, &line);
    assert!(!out.contains("MII"), "{out}");
    assert!(out.contains("[REDACTED:private-key-rsa]"), "{out}");
    assert_eq!(out.lines().count(), 1);
    assert_json(&out);
}

#[test]
fn non_json_lines_fall_back_to_text() {
    let red = r(Format::Json);
    // Their sensitive members, read leniently, are replaced (see
    // `broken_json_keeps_its_sensitive_members_replaced`); the rest is text.
    let m = "[REDACTED:sensitive-key]";
    for (line, want) in [
        (
            "{\"password\": \"hunter2\"",
            format!("{{\"password\": \"{m}\""),
        ),
        ("{\"password\": hunter2}", format!("{{\"password\": {m}}}")),
        (
            "{\"password\": \"x\",}",
            format!("{{\"password\": \"{m}\",}}"),
        ),
        (
            "{\"password\": \"x\"} trailing",
            format!("{{\"password\": \"{m}\"}} trailing"),
        ),
    ] {
        let input = format!("{line} ann@example.com\n");
        assert_eq!(
            redact_all_ways(&red, &input),
            format!("{want} [REDACTED:email]\n"),
            "{line}"
        );
    }
    for line in [
        "[\"a\" \"b\"]",
        "{'password': 'x'}",
        "{\"a\": \"\\x\"}",
        "{\"a\": 01}",
        "\"password\"",
        "password=hunter2 user=bob",
    ] {
        let input = format!("{line} ann@example.com\n");
        assert_eq!(
            redact_all_ways(&red, &input),
            text().redact(&input),
            "{line}"
        );
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let red = r(Format::Json);
    let n = 100_000;
    let deep = "[".repeat(n) + &"]".repeat(n);
    assert_eq!(red.redact(&deep), deep);
    let deep_obj = "{\"a\":".repeat(n) + "{\"password\":\"x\"}" + &"}".repeat(n);
    let out = red.redact(&deep_obj);
    assert!(out.contains("{\"password\":\"[REDACTED:sensitive-key]\"}"));
    let unbalanced = "[".repeat(n);
    assert_eq!(red.redact(&unbalanced), unbalanced);
    let sensitive_deep = "{\"token\":".to_string() + &"[".repeat(n) + &"]".repeat(n) + "}";
    assert_eq!(
        red.redact(&sensitive_deep),
        "{\"token\":\"[REDACTED:sensitive-key]\"}"
    );
}

#[test]
fn logfmt_pairs() {
    let red = r(Format::Logfmt);
    let m = "[REDACTED:sensitive-key]";
    let cases = [
        (
            "ts=1 level=info password=hunter2 user=bob",
            format!("ts=1 level=info password={m} user=bob"),
        ),
        (
            r#"msg="login ok" passwd="a b c" next=1"#,
            format!(r#"msg="login ok" passwd="{m}" next=1"#),
        ),
        (
            "apiKey=k1 API-KEY=k2 api_key=k3 other=4",
            format!("apiKey={m} API-KEY={m} api_key={m} other=4"),
        ),
        (
            "authorization=Bearer abc.def x=1",
            format!("authorization={m} x=1"),
        ),
        (
            "user=ann mail=ann@example.com token=",
            "user=ann mail=[REDACTED:email] token=".to_string(),
        ),
        (
            // `ssn` is a personal key: its value is labelled with its type.
            "client_secret=s3 ssn=123-45-6789",
            format!("client_secret={m} ssn=[REDACTED:us-ssn]"),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(redact_all_ways(&red, input), want, "{input}");
    }
    // Auto: one pair under a sensitive key is a pair (`.env` files, shell exports, CI
    // variables, a URL with one sensitive parameter); pairs under other keys stay text.
    let auto = r(Format::Auto);
    assert_eq!(
        auto.redact("level=info secret=abc"),
        format!("level=info secret={m}")
    );
    for (input, want) in [
        ("secret=abc", format!("secret={m}")),
        // The password rule takes the whole value too (issue 15, item 10), and a rule's label
        // wins over the key's on the same span.
        (
            "DB_PASSWORD=Q7v!truex9Lm",
            "DB_PASSWORD=[REDACTED:generic-password]".to_string(),
        ),
        (
            "SESSION_SECRET=kJ8#mN2$pQ5vX9",
            format!("SESSION_SECRET={m}"),
        ),
        ("export API_TOKEN=zq81mfa0", format!("export API_TOKEN={m}")),
        // Minified JavaScript reads other variables: code, not values (decoy corpus).
        (
            "e.apiKey=t.apiKey||n.token,e.password=o.password;var s=r.secretKey;",
            "e.apiKey=t.apiKey||n.token,e.password=o.password;var s=r.secretKey;".to_string(),
        ),
        (
            "this.token=opts.token;this.secret=cfg.getSecret();",
            "this.token=opts.token;this.secret=cfg.getSecret();".to_string(),
        ),
        // A value that stands alone is a value, dots or not; so is a quoted one.
        ("password=ab.cd", format!("password={m}")),
        (r#"token="t.apiKey||n" x=1"#, format!(r#"token="{m}" x=1"#)),
        (
            "GET https://cdn.example.net/f.js?access_token=eyJhbGciOi0x HTTP/1.1",
            format!("GET https://cdn.example.net/f.js?access_token={m} HTTP/1.1"),
        ),
    ] {
        assert_eq!(redact_all_ways(&auto, input), want, "{input}");
        assert_eq!(auto.redact(&want), want, "second redaction of {want}");
    }
    for plain in [
        "level=info",
        "retries=3 after 2s",
        "see password reset docs",
    ] {
        assert_eq!(auto.redact(plain), text().redact(plain), "{plain}");
    }
    // Extra keys from the builder.
    let extra = Redactor::builder()
        .format(Format::Logfmt)
        .sensitive_keys(["session_id", "X-Trace"])
        .build()
        .unwrap();
    assert_eq!(
        extra.redact("sessionId=s1 x_trace=t2 password=p3"),
        format!("sessionId={m} x_trace={m} password={m}")
    );
    // A key that could never match (nothing left once case and separators are ignored) is
    // an error that names it, not a silent no-op.
    for bad in ["", "--", "пароль"] {
        let e = Redactor::builder()
            .sensitive_keys(["pin", bad])
            .build()
            .err()
            .unwrap_or_else(|| panic!("{bad:?} accepted"));
        assert_eq!(e.kind(), redactum::ErrorKind::Config);
        assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
    }
}

#[test]
fn http_headers() {
    let red = r(Format::Auto);
    let m = "[REDACTED:sensitive-key]";
    let input = "GET /a HTTP/1.1\r\nHost: example.org\r\nAuthorization: Bearer abc.def.ghi\r\nCookie: a=b; c=d\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: sid=xyz; Path=/; HttpOnly\r\nX-Api-Key:  k123 \r\n> authorization: Basic dXNlcjpwYXNz\n";
    let want = format!("GET /a HTTP/1.1\r\nHost: example.org\r\nAuthorization: {m}\r\nCookie: {m}\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: {m}\r\nX-Api-Key:  {m} \r\n> authorization: {m}\n");
    assert_eq!(redact_all_ways(&red, input), want);
}

#[test]
fn query_parameters() {
    let red = r(Format::Auto);
    let m = "[REDACTED:sensitive-key]";
    let input = "GET /cb?token=t0k&sig=s1g&page=2&Signature=zz#frag HTTP/1.1\n\"https://x.example/?code=c0de&state=ok\" status=200 ms=3\n";
    let want =
        format!("GET /cb?token={m}&sig={m}&page=2&Signature={m}#frag HTTP/1.1\n\"https://x.example/?code={m}&state=ok\" status=200 ms=3\n");
    assert_eq!(redact_all_ways(&red, input), want);
    // A password in a query: replaced whole, whatever rule labels it.
    let out = red.redact("GET /login?user=ann&password=pw9#frag HTTP/1.1");
    assert!(
        out.starts_with("GET /login?user=ann&password=[REDACTED:") && !out.contains("pw9"),
        "{out}"
    );
}

#[test]
fn structured_redaction_is_idempotent() {
    let red = r(Format::Auto);
    let input = format!(
        "{{\"password\":\"p\",\"token\":7,\"msg\":\"ann@example.com\"}}\nlevel=info password=x mail=bob@example.org\nAuthorization: Bearer abc\nplain {AWS}\n"
    );
    let once = red.redact(&input).into_owned();
    assert_eq!(red.redact(&once), once);
}

#[test]
fn stream_findings_point_into_the_input() {
    let red = r(Format::Auto);
    let input =
        format!("a {AWS}\n{{\"password\":\"hunter2\"}}\nlevel=1 token=tk\nb ann@example.com\n");
    let mut found = Vec::new();
    let mut out = Vec::new();
    let stats = red
        .stream_redact_with(input.as_bytes(), &mut out, |f| found.push(f.clone()))
        .unwrap();
    assert_eq!(out, red.redact(&input).as_bytes());
    let got: Vec<(&str, &str, u64, u64)> = found
        .iter()
        .map(|f| {
            (
                f.finding.rule_id(),
                &input[f.finding.span()],
                f.line,
                f.column,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("aws-access-key-id", AWS, 1, 3),
            ("sensitive-key", "hunter2", 2, 14),
            ("sensitive-key", "tk", 3, 15),
            ("email", "ann@example.com", 4, 3)
        ]
    );
    assert_eq!(stats.findings, 4);
    assert_eq!(stats.bytes_read, input.len() as u64);
    assert_eq!(stats.bytes_written, out.len() as u64);
}

#[test]
fn styles_per_rule_and_category() {
    let red = Redactor::builder()
        .style_for(
            "credit-card",
            Style::Partial {
                keep_start: 0,
                keep_end: 4,
            },
        )
        .style_for("email", Style::Hash)
        .style_for("secret", Style::Mask)
        .style_for("private-key-rsa", Style::Label)
        .hash_key("k")
        .build()
        .unwrap();
    let out = red
        .redact(&format!(
            "card 4111111111111111 mail ann@example.com key {AWS}"
        ))
        .into_owned();
    assert!(
        out.starts_with("card ************1111 mail [REDACTED:email:"),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("key {}", "*".repeat(AWS.len()))),
        "{out}"
    );
    // A hash style anywhere needs a key; unknown selectors are errors.
    assert!(Redactor::builder()
        .style_for("email", Style::Hash)
        .build()
        .is_err());
    assert!(Redactor::builder()
        .style_for("no-such-rule", Style::Mask)
        .build()
        .is_err());
    // The values of sensitive keys have their own selector.
    let red = Redactor::builder()
        .format(Format::Logfmt)
        .style_for("sensitive-key", Style::Mask)
        .build()
        .unwrap();
    assert_eq!(red.redact("a=1 password=hunter2"), "a=1 password=*******");
}

#[test]
fn format_names() {
    assert_eq!(Format::from_name("auto"), Some(Format::Auto));
    assert_eq!(Format::from_name("text"), Some(Format::Text));
    assert_eq!(Format::from_name("json"), Some(Format::Json));
    assert_eq!(Format::from_name("logfmt"), Some(Format::Logfmt));
    assert_eq!(Format::from_name("xml"), None);
}

#[test]
fn mixed_corpus_stream_equals_whole() {
    let red = r(Format::Auto);
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpora/bench/samples/jsonl.txt"
    ))
    .unwrap();
    let input: String = sample
        .lines()
        .take(80)
        .flat_map(|l| [l, "\n", "level=info password=x user=y\n"])
        .collect();
    let out = redact_all_ways(&red, &input);
    for (i, l) in out.lines().enumerate() {
        if i % 2 == 0 {
            assert_json(l);
            let v = assert_json(l);
            if let Some(p) = v["user"].get("password") {
                assert!(p.as_str().unwrap().starts_with("[REDACTED:"), "{l}");
            }
        }
    }
}

/// The streaming redactor scans runs of clean-looking lines (text, plain JSON) as one block
/// when a chunk holds them whole; pushed a byte at a time it goes line by line. Both give the
/// same output and the same findings (line, column), with findings on text and JSON lines and
/// a PEM key (a multiline rule) between JSON lines.
#[test]
fn folded_stream_lines_match_line_by_line() {
    let red = r(Format::Auto);
    // A made-up key body: 48 bytes of a counter, base64, in 64-column lines.
    let body: String = (0..6)
        .map(|i| {
            let bytes: Vec<u8> = (0..48u32).map(|k| (k * 37 + i * 11) as u8).collect();
            base64_line(&bytes) + "\n"
        })
        .collect();
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\n");
    let mut input = String::new();
    for i in 0..40 {
        input += &format!("{{\"ts\":\"2026-12-05T10:00:{i:02}Z\",\"msg\":\"ok\",\"n\":{i}}}\n");
        input += &format!("10.1.{i}.7 - - GET /x 200 mail ann{i}@example.com\n");
        input += &format!("{{\"msg\":\"sent to bo{i}@example.org\",\"n\":{i}}}\n");
        input += "plain text line without anything\n";
        if i % 9 == 4 {
            input += "key follows\n";
            input += &pem;
            input += "{\"after\":\"key\"}\n";
        }
    }
    let run = |chunk: usize| {
        let mut st = red.stream();
        let mut out = Vec::new();
        let mut found = Vec::new();
        for c in input.as_bytes().chunks(chunk) {
            st.push_with(c, &mut out, &mut |f: &redactum::StreamFinding| {
                found.push((
                    f.finding.rule_id().to_string(),
                    f.finding.span(),
                    f.line,
                    f.column,
                ))
            });
        }
        st.finish_with(&mut out, &mut |f: &redactum::StreamFinding| {
            found.push((
                f.finding.rule_id().to_string(),
                f.finding.span(),
                f.line,
                f.column,
            ))
        });
        (String::from_utf8(out).unwrap(), found)
    };
    let (whole_chunk, found) = run(input.len());
    let (bytewise, found_bytewise) = run(1);
    assert_eq!(whole_chunk, bytewise);
    assert_eq!(found, found_bytewise);
    assert_eq!(whole_chunk, red.redact(&input));
    assert!(!whole_chunk.contains("@example."), "{whole_chunk}");
    assert!(
        !whole_chunk.contains(body.lines().nth(2).unwrap()),
        "{whole_chunk}"
    );
    assert_eq!(whole_chunk.lines().count(), input.lines().count());
}

fn base64_line(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    bytes
        .chunks(3)
        .flat_map(|c| {
            let n = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
            (0..4)
                .rev()
                .map(move |k| A[(n >> (6 * k) & 63) as usize] as char)
        })
        .collect()
}

#[test]
fn pairs_and_query_parameters_inside_json_strings() {
    let red = r(Format::Json);
    let m = "[REDACTED:sensitive-key]";
    let line = r#"{"url":"https://x.example/cb?code=c0de&state=ok","msg":"retry password=hunter2 user=bob","esc":"a?token=t\u00e9k&b=1","k=v":1}"#;
    let out = redact_all_ways(&red, line);
    assert_eq!(
        out,
        format!(
            r#"{{"url":"https://x.example/cb?code={m}&state=ok","msg":"retry password={m} user=bob","esc":"a?token={m}&b=1","k=v":1}}"#
        )
    );
    assert_json(&out);
}

#[test]
fn quoted_logfmt_values() {
    let red = r(Format::Logfmt);
    let m = "[REDACTED:sensitive-key]";
    assert_eq!(
        red.redact(r#"a=1 password='p w' token="q \" r" b=2"#),
        format!(r#"a=1 password='{m}' token="{m}" b=2"#)
    );
}

#[test]
fn fail_closed_structured_lines() {
    let rules = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Z]{5,16}\b'
validators = ["test-panic"]
"#;
    let red = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t.toml", rules)
        .format(Format::Auto)
        .fail_closed(true)
        .build()
        .unwrap();
    let input = "{\"a\":\"tok_ABCDEF\",\"n\":1}\n{\"m\":\"x tok_PANICKY\",\"n\":2,\"password\":\"p\"}\nlevel=1 token=tok_PANICKY\nok\n";
    let out = redact_all_ways(&red, input);
    assert!(!out.contains("PANIC"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "{\"a\":\"[REDACTED:tok]\",\"n\":1}");
    assert_json(lines[1]);
    assert_eq!(lines[3], "ok");
    // Without fail-closed the stream stops with an error before the failing line.
    let red = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t.toml", rules)
        .format(Format::Auto)
        .build()
        .unwrap();
    let mut sink = Vec::new();
    assert!(red.stream_redact(input.as_bytes(), &mut sink).is_err());
    assert!(!String::from_utf8_lossy(&sink).contains("PANIC"));
}

mod props {
    use proptest::prelude::*;
    use redactum::{Format, Redactor};

    const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Za-z0-9]{8}\b'

[[rule]]
id = "pem"
name = "PEM"
category = "secret"
keywords = ["-----BEGIN"]
multiline = true
max_len = 300
pattern = '-----BEGIN KEY-----[\s\S]*?-----END KEY-----'
"#;

    fn fragments() -> impl Strategy<Value = String> {
        let frag = prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("\"".to_string()),
            Just(":".to_string()),
            Just(",".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("=".to_string()),
            Just("&".to_string()),
            Just("?".to_string()),
            Just("\\".to_string()),
            Just("\\\"".to_string()),
            Just("\\u0074".to_string()),
            Just("\\ud83d\\ude00".to_string()),
            Just("\\n".to_string()),
            Just("tok_".to_string()),
            Just("tok_ABCD1234".to_string()),
            Just("t\\u006fk_ABCD1234".to_string()),
            Just("{\"password\":".to_string()),
            Just("{\"a\":[1,{\"token\":".to_string()),
            Just("\"x\"}".to_string()),
            Just("password=".to_string()),
            Just("level=info ".to_string()),
            Just("Authorization: ".to_string()),
            Just("<TOK_1>".to_string()),
            Just("-----BEGIN KEY-----".to_string()),
            Just("-----END KEY-----".to_string()),
            Just("😀".to_string()),
            Just("é".to_string()),
            "[a-z0-9]{1,6}",
            Just("12".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
        ];
        prop::collection::vec(frag, 0..40).prop_map(|v| v.concat())
    }

    fn redactor(format: Format) -> Redactor {
        Redactor::builder()
            .builtin_rules(false)
            .add_rules("t.toml", RULES)
            .format(format)
            .build()
            .unwrap()
    }

    proptest! {
        // PROPTEST_CASES=5000 for a longer run.
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128), ..ProptestConfig::default() })]

        #[test]
        fn stream_equals_whole_and_lines_are_kept(input in fragments(), cuts in prop::collection::vec(1usize..20, 1..8)) {
            for format in [Format::Auto, Format::Json, Format::Logfmt] {
                let r = redactor(format);
                let whole = r.redact(&input).into_owned();
                prop_assert_eq!(r.redact_bytes(input.as_bytes()).into_owned(), whole.as_bytes().to_vec());
                let mut s = r.stream();
                let mut out = Vec::new();
                let mut at = 0;
                let bytes = input.as_bytes();
                for (i, c) in cuts.iter().cycle().enumerate() {
                    if at >= bytes.len() || i > bytes.len() {
                        break;
                    }
                    let end = (at + c).min(bytes.len());
                    s.push(&bytes[at..end], &mut out);
                    at = end;
                }
                s.push(&bytes[at..], &mut out);
                s.finish(&mut out);
                prop_assert_eq!(String::from_utf8(out).unwrap(), whole.clone());
                prop_assert_eq!(whole.matches('\n').count(), input.matches('\n').count());
                // A line that was valid JSON is still valid JSON, with the same keys.
                for (a, b) in input.split('\n').zip(whole.split('\n')) {
                    if let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(a) {
                        if format != Format::Logfmt {
                            let v: serde_json::Value = serde_json::from_str(b).unwrap_or_else(|e| panic!("{e}: {a:?} -> {b:?}"));
                            prop_assert_eq!(v.as_object().unwrap().keys().count(), m.len());
                        }
                    }
                }
                // Idempotence of the label style (per line: a multiline match never spans a
                // structured line, and redaction may change how a line is classified).
                if !input.contains("-----") {
                    prop_assert_eq!(r.redact(&whole).into_owned(), whole.clone());
                }
            }
        }

        #[test]
        fn reversible_round_trip(input in fragments()) {
            let r = redactor(Format::Auto);
            let mut vault = redactum::Vault::new();
            let safe = r.redact_reversible(&input, &mut vault);
            if !input.contains("-----") {
                prop_assert_eq!(r.redact_reversible(&safe, &mut vault), safe.clone());
            }
            let restored = vault.restore(&safe);
            // Restoring gives the input back, except non-string JSON values of sensitive keys,
            // which were quoted.
            if !input.contains('{') && !input.contains('[') {
                prop_assert_eq!(restored, input);
            }
        }
    }
}

#[test]
fn stream_redactor_is_reusable_and_reports_what_it_holds() {
    let red = r(Format::Auto);
    let input = "{\"password\":\"p1\"}\nlevel=1 token=t\nplain ann@example.com\n{\"a\":";
    let want = red.redact(input).into_owned();
    let mut s = red.stream();
    for _ in 0..2 {
        let mut out = Vec::new();
        s.push(input.as_bytes(), &mut out);
        // The last, incomplete line is held back.
        assert_eq!(s.buffered(), "{\"a\":".len());
        s.finish(&mut out);
        assert_eq!(String::from_utf8(out.clone()).unwrap(), want);
        assert_eq!(s.stats().bytes_read, input.len() as u64);
        assert_eq!(s.stats().bytes_written, out.len() as u64);
        assert_eq!(s.stats().findings, 3);
    }
}

#[test]
fn a_line_that_parses_once_its_text_findings_are_replaced_is_rendered_as_json() {
    // `\Z` is not a JSON escape, so the line is text; the password rule replaces the value that
    // holds it, after which the line is JSON and `token` a sensitive key. The first redaction
    // writes what a second one would: both values replaced, the line valid JSON.
    let input = r#"{"user":"ann","password":"Kq7\Zm2x9Lp4Rt8w","token":"tok-abc"}"#;
    for format in [Format::Json, Format::Auto] {
        let red = r(format);
        let out = redact_all_ways(&red, &format!("{input}\nnext line\n"));
        assert_eq!(
            out,
            "{\"user\":\"ann\",\"password\":\"[REDACTED:generic-password]\",\"token\":\"[REDACTED:sensitive-key]\"}\nnext line\n"
        );
        assert_eq!(red.redact(&out), out);
        assert_json(out.lines().next().unwrap());
    }
    // Text format: rules only.
    assert!(text().redact(input).contains("tok-abc"));
}

/// Pretty-printed JSON: no line parses on its own, but each line holding a member under a
/// sensitive key is read as a one-member object, so its value is replaced (a number or
/// boolean becomes a string marker and the document stays JSON); every other line comes out
/// as in text mode.
#[test]
fn pretty_printed_json_members_under_sensitive_keys() {
    let doc = "{\n  \"user\": \"ann\",\n  \"password\": \"hunter2-correct\",\n  \"pin_token\": 4821,\n  \"nested\": {\n    \"client_secret\": \"s3cr3t\\u0021x\",\n    \"note\": \"mail ann@example.com\"\n  },\n\t\"apiKey\" : \"k-123\"  ,  \r\n  \"ok\": true\n}\n";
    for format in [Format::Auto, Format::Json] {
        let out = redact_all_ways(&r(format), doc);
        for secret in ["hunter2", "4821", "s3cr3t", "k-123", "ann@example.com"] {
            assert!(!out.contains(secret), "{format:?}: {secret} in {out}");
        }
        assert!(
            out.contains("\"pin_token\": \"[REDACTED:sensitive-key]\","),
            "{out}"
        );
        assert!(
            out.contains("\t\"apiKey\" : \"[REDACTED:sensitive-key]\"  ,  \r\n"),
            "{out}"
        );
        assert!(out.contains("  \"user\": \"ann\",\n"), "{out}");
        assert_eq!(out.lines().count(), doc.lines().count());
        let value: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
        assert_eq!(value["nested"]["client_secret"], "[REDACTED:sensitive-key]");
        // A second redaction changes nothing.
        assert_eq!(r(format).redact(&out), out);
    }
    // Text mode is unchanged: members are a structured-format matter.
    assert!(text().redact(doc).contains("4821"));
}

/// Lines that only look like members stay text: no sensitive key, a key inside a longer
/// line, a value that opens an object, a value already replaced.
#[test]
fn member_like_lines_without_a_sensitive_value_are_text() {
    for line in [
        "  \"user\": \"ann\",\n",
        "  \"password\": {\n",
        "\"password\" is a word here: \"x\"\n",
        "  \"password\": \"[REDACTED:sensitive-key]\",\n",
    ] {
        assert_eq!(
            redact_all_ways(&r(Format::Auto), line),
            text().redact(line),
            "{line:?}"
        );
    }
    // A member that does not parse alone (the object closes on its line) still has its value
    // replaced, read leniently (`broken_json_keeps_its_sensitive_members_replaced`).
    let line = "  \"token\": \"abc\" }\n";
    let out = redact_all_ways(&r(Format::Auto), line);
    assert_eq!(out, "  \"token\": \"[REDACTED:sensitive-key]\" }\n");
    assert_eq!(redact_all_ways(&r(Format::Auto), &out), out);
}

/// Stand-ins under sensitive keys stay as written (the rules still scan them): shell
/// expansions, templates, runs of a masking character, well-known placeholders. Whole values
/// only: a real password that contains such a word is replaced.
#[test]
fn stand_ins_under_sensitive_keys_stay_as_written() {
    let auto = r(Format::Auto);
    for line in [
        "export GITHUB_TOKEN=$(gh auth token)",
        "DB_PASSWORD=${DB_PASSWORD}",
        "api_key={{ secret }}",
        "password=<password>",
        "token=%API_TOKEN%",
        "password: '********'",
        "secret=xxx",
        "client_secret: changeme",
        "api_key=REPLACE_ME",
        "API_KEY=YOUR_API_KEY_HERE",
    ] {
        assert_eq!(redact_all_ways(&auto, line), line, "{line}");
    }
    let json = r#"{"api_key": "REPLACE_ME", "password": "<password>", "token": "${TOKEN}"}"#;
    assert_eq!(redact_all_ways(&auto, json), json);
    let m = "[REDACTED:sensitive-key]";
    for (line, want) in [
        // Stand-in words inside a real password do not make it a stand-in (issue 15, item 10);
        // the password rule finds the whole value, and its label wins on the same span.
        (
            "password=Password123!",
            "password=[REDACTED:generic-password]".to_string(),
        ),
        (
            "DB_PASSWORD=Q7v!truex9Lm",
            "DB_PASSWORD=[REDACTED:generic-password]".to_string(),
        ),
        ("secret=changeme-42x", format!("secret={m}")),
        ("password=$uperman1", format!("password={m}")),
        // A template is a stand-in only when it is the whole value: text before or after
        // it, or a shell default, may be the secret.
        ("client_secret={{Q7vtrx9LmZ", format!("client_secret={m}")),
        ("client_secret=${a}Q7vtrx9LmZ", format!("client_secret={m}")),
        ("X-Api-Key: $(x)Q7vtrx9LmZ", format!("X-Api-Key: {m}")),
        (
            "Authorization: Bearer ${x}abcdefSecretTok",
            format!("Authorization: {m}"),
        ),
        (
            "api_key={{ a }}Q7vtrx9LmZ next=1",
            format!("api_key={m} next=1"),
        ),
        ("token=$(gh auth token)Q7vtrx9LmZ", format!("token={m}")),
        (
            "DB_PASSWORD=${DB_PASSWORD:-hunter2x}",
            format!("DB_PASSWORD={m}"),
        ),
        (
            r#"{"client_secret": "${a}Q7vtrx9LmZ"}"#,
            format!(r#"{{"client_secret": "{m}"}}"#),
        ),
        ("password: !vaultQ7vtrx9LmZ", format!("password: {m}")),
    ] {
        assert_eq!(redact_all_ways(&auto, line), want, "{line}");
    }
    // Whole templates, blanks inside included, stay.
    for line in [
        "client_secret={{ vault_secret }}",
        r#"msg="login password={{ pw }}" ok"#,
        "password: ${DB_PASSWORD:?}",
        "token=${A}${B}",
        "password: !vault |",
        r#"{"password": "{{ .Values.db.password }}"}"#,
    ] {
        assert_eq!(redact_all_ways(&auto, line), line, "{line}");
    }
}

/// JSON-shaped lines that are scanned as text without a parse (no escape, no `=`, no sensitive
/// key) come out exactly as the JSON path writes them: unchanged when clean, with findings
/// replaced inside their strings and numbers turned into strings when not.
#[test]
fn plain_json_lines_render_as_the_json_path_does() {
    let red = r(Format::Auto);
    let clean = r#"{"ts":"2026-07-19T08:51:06.073Z","level":"warn","trace":{"span_id":"8e0b2474ca1a0a95"},"bytes":5332420}"#;
    assert_eq!(redact_all_ways(&red, clean), clean);
    let clean_array = r#"[{"id": 1}, {"id": 2}]"#;
    assert_eq!(redact_all_ways(&red, clean_array), clean_array);
    // A finding in a string and a card number written as a JSON number.
    let line = format!(r#"{{"msg":"key {AWS} used","card":4111111111111111,"n":1}}"#);
    let out = redact_all_ways(&red, &line);
    assert_eq!(
        out,
        r#"{"msg":"key [REDACTED:aws-access-key-id] used","card":"[REDACTED:credit-card]","n":1}"#
    );
    assert_json(&out);
    // Mixed with text lines, and lines that look like JSON but are not.
    let mixed = format!(
        "2026-12-05 INFO start\n{clean}\n[2026-12-05 08:46:57] INFO user ann@example.com\n{{not json}}\n[[package]]\n{line}\n"
    );
    let out = redact_all_ways(&red, &mixed);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[1], clean);
    assert_eq!(lines[2], "[2026-12-05 08:46:57] INFO user [REDACTED:email]");
    assert_eq!(lines[3], "{not json}");
    assert_eq!(lines[4], "[[package]]");
    assert!(lines[5].contains(r#""card":"[REDACTED:credit-card]""#));
}

/// A line shaped like JSON that holds the keyword of a multiline rule is never cut off from the
/// lines after it: the key block it opens is found whole, whole input and streaming alike.
#[test]
fn a_json_shaped_line_that_opens_a_key_block_is_not_cut() {
    let body = "lQOYBGVr9x0BCACs3p7Qe0Zk2m1vT8uYqJ4nW6bR5cD9fH3gK7jL2xA0sE8tU1iO\n\
                yV4wN6mP5qZ3rB7kC2dF9gH1jJ8lK0xM4nS6tU2vW5yA7bD3eG9hI1kL6mO8pQ0r";
    for open in [
        "{key: -----BEGIN PGP PRIVATE KEY BLOCK-----}",
        "[\"x\", -----BEGIN PGP PRIVATE KEY BLOCK-----]",
    ] {
        let input =
            format!("log before\n{open}\n{body}\n-----END PGP PRIVATE KEY BLOCK-----\nlog after\n");
        let auto = redact_all_ways(&r(Format::Auto), &input);
        assert!(!auto.contains("lQOYBGVr9x0"), "{open}: {auto}");
        assert!(
            auto.starts_with("log before\n") && auto.ends_with("log after\n"),
            "{auto}"
        );
        assert_eq!(auto.lines().count(), input.lines().count(), "{auto}");
    }
}

/// A pretty-printed member whose sensitive key holds `=` (found by the `structured` fuzz
/// target): its redacted value is a marker, and a second redaction read the line as a
/// `password=` pair whose value was `": "`.
#[test]
fn a_redacted_member_with_an_equals_sign_in_its_key_stays_as_it_is() {
    let red = r(Format::Auto);
    let once = redact_all_ways(&red, "\t\"password=\": \"hunter2\",\n");
    assert_eq!(once, "\t\"password=\": \"[REDACTED:sensitive-key]\",\n");
    assert_eq!(redact_all_ways(&red, &once), once);
}

/// A `key=value` pair inside a double-quoted string (a logfmt value, a JSON string on a line
/// of its own in pretty-printed JSON): its value ends where the string does, so the closing
/// quote and what follows stay (fuzz finding, `fuzz/regressions/structured/`).
#[test]
fn a_pair_inside_a_quoted_string_keeps_the_string_closed() {
    let red = r(Format::Auto);
    for (input, want) in [
        (
            "  \"x password=hunter3-Xq9X662017(4)\"\n",
            "  \"x password=[REDACTED:sensitive-key]\"\n",
        ),
        (
            "  \"x password=hunter3\",\n",
            "  \"x password=[REDACTED:generic-password]\",\n",
        ),
        (
            "msg=\"x password=abc\" next=1\n",
            "msg=\"x password=[REDACTED:sensitive-key]\" next=1\n",
        ),
        (
            "msg=\"x password=ab\\\"cd\" next=1\n",
            "msg=\"x password=[REDACTED:sensitive-key]\" next=1\n",
        ),
        // A scheme's credential ends where the string does too (fuzz finding,
        // `fuzz/regressions/structured/bearer-scheme-takes-the-closing-quote`).
        (
            "\"passwd=Bearer \"\n",
            "\"passwd=[REDACTED:sensitive-key]\"\n",
        ),
        (
            "msg=\"login authorization=Bearer abc.def\" next=1\n",
            "msg=\"login authorization=[REDACTED:sensitive-key]\" next=1\n",
        ),
        // Outside a string, a quote left open is part of the value.
        (
            "login password=ab\"cd next=1\n",
            "login password=[REDACTED:sensitive-key] next=1\n",
        ),
        // A string opened in the value is taken whole, so the quotes after it pair as before.
        (
            "login password=msg=\"a b\"email=ann\"x\": next=1\n",
            "login password=[REDACTED:sensitive-key] next=1\n",
        ),
    ] {
        assert_eq!(redact_all_ways(&red, input), want, "{input:?}");
    }
}

/// A pair inside the key of a pretty-printed JSON member line is redacted as a pair line
/// would redact it: a finding inside the key (an email) can make the key an ordinary one once
/// replaced, and a second redaction then reads the line as pairs (fuzz finding,
/// `fuzz/regressions/structured/pair-inside-a-member-key-whose-finding-unmakes-the-key`).
#[test]
fn a_pair_inside_a_member_key_is_redacted_once_for_all() {
    let red = r(Format::Auto);
    for (input, want) in [
        (
            "\"passwd=o I@d.apikey\":\"j\"\n",
            "\"passwd=[REDACTED:sensitive-key] [REDACTED:email]\":\"[REDACTED:sensitive-key]\"\n",
        ),
        (
            "  \"passwd=o I@d.apikey\": \"j\",\n",
            "  \"passwd=[REDACTED:sensitive-key] [REDACTED:email]\": \"[REDACTED:sensitive-key]\",\n",
        ),
        // The pair is not the member's value: a key that stays sensitive keeps its value's
        // replacement, and a value is never read for pairs beyond what it was.
        (
            "\"passwd=o apikey\":\"j\"\n",
            "\"passwd=[REDACTED:sensitive-key] apikey\":\"[REDACTED:sensitive-key]\"\n",
        ),
    ] {
        let once = redact_all_ways(&red, input);
        assert_eq!(once, want, "{input:?}");
        assert_eq!(redact_all_ways(&red, &once), once, "{input:?}");
    }
}

/// A finding that takes in a `"` (a quoted password value) changes how the line's strings
/// pair once it is written: the pairs of the line are read as a second redaction reads them
/// (fuzz finding, `fuzz/regressions/structured/finding-holding-a-quote-repairs-the-strings`).
#[test]
fn pairs_are_read_as_the_line_will_be_written() {
    let red = r(Format::Logfmt);
    let input = "pass\":\"umail\"\"email=ann \"pass=e.cog=\n";
    let once = redact_all_ways(&red, input);
    assert!(!once.contains("email=ann"), "{once}");
    assert_eq!(redact_all_ways(&red, &once), once);
    let input = "pass\":\"\u{95}umail\"\"email=a\u{ff}\"pass=e.cog=\n";
    let once = redact_all_ways(&red, input);
    assert_eq!(redact_all_ways(&red, &once), once);
}

/// A finding that takes in a key (`lastname=`, read by `generic-password` as the value of
/// `pass=`) ends that key's value, which ran over the pairs after it: they are read as a second
/// redaction reads them (fuzz finding,
/// `fuzz/regressions/structured/finding-that-takes-a-key-frees-the-pairs-after-it`).
#[test]
fn a_finding_that_takes_a_key_frees_the_pairs_after_it() {
    let red = r(Format::Logfmt);
    let input = "pass= lastname=\"passwd=k\n";
    let once = redact_all_ways(&red, input);
    assert_eq!(
        once,
        "pass= [REDACTED:generic-password]\"passwd=[REDACTED:sensitive-key]\n"
    );
    assert_eq!(redact_all_ways(&red, &once), once);
}

/// The pairs' own replacements change how the strings pair too (`passwd=t""pwd":"...` takes
/// two quotes away): the reading as written includes them, until it adds nothing (fuzz
/// finding, `fuzz/regressions/structured/pair-replacements-repair-the-strings-again`).
#[test]
fn pair_replacements_are_part_of_the_line_as_written() {
    for format in [Format::Auto, Format::Logfmt] {
        let red = r(format);
        let input = "pass\":\"\u{95}gil\u{1}n passwd=t\"\"pwd\":\"\u{95}u2-XN email=a\u{ff}\"pass:\u{95}u2-XL\n";
        let once = redact_all_ways(&red, input);
        assert!(
            !once.contains("u2-XL") && !once.contains("passwd=t"),
            "{once}"
        );
        assert_eq!(redact_all_ways(&red, &once), once);
    }
}

/// Folded blocks and the keywords of multiline rules: lines of JSON (clean, with findings)
/// and text (clean, with findings) mixed with lines holding a multiline rule's keyword (a
/// mail signature, a Kubernetes `name:`, a PEM key), pushed in chunks of every size: the
/// stream gives what the whole-input call gives, with the same findings as a stream pushed a
/// byte at a time. Runs of lines without such a keyword and runs with one alternate, so the
/// stream switches between scanning blocks whole and finding the keywords first.
mod multiline_keywords_in_folds {
    use super::*;
    use proptest::prelude::*;

    fn line(k: u8, i: usize) -> String {
        match k % 12 {
            0 => format!(
                "{{\"ts\":\"2026-12-05T10:00:{:02}Z\",\"msg\":\"ok\",\"n\":{i}}}\n",
                i % 60
            ),
            1 => format!("{{\"msg\":\"sent to bo{i}@example.org\",\"n\":{i}}}\n"),
            2 => format!(
                "10.1.{}.7 - - GET /x 200 mail ann{i}@example.com\n",
                i % 250
            ),
            3 => "plain text line without anything\n".to_string(),
            4 => format!("Best regards,\nAnn Example{i}\n"),
            5 => "-- \nBob Sample\n".to_string(),
            6 => format!("  - name: DB_PASSWORD\n    value: hunter{i}secret\n"),
            7 => format!("token {GHP} in a text line\n"),
            8 => format!("{{\"aws\":\"{AWS}\",\"n\":{i}}}\n"),
            9 => "Thanks\n".to_string(),
            10 => {
                let body: String = (0..3)
                    .map(|r| {
                        let bytes: Vec<u8> = (0..48u32)
                            .map(|b| (b * 29 + r * 7 + i as u32) as u8)
                            .collect();
                        super::base64_line(&bytes) + "\n"
                    })
                    .collect();
                format!("-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\n")
            }
            _ => format!("worker {i} done in {} ms\n", i * 7 % 1000),
        }
    }

    type Found = (String, std::ops::Range<usize>, u64, u64);

    fn red() -> &'static Redactor {
        static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
        R.get_or_init(|| r(Format::Auto))
    }

    fn stream(input: &[u8], chunk: usize) -> (Vec<u8>, Vec<Found>) {
        let mut st = red().stream();
        let mut out = Vec::new();
        let mut found = Vec::new();
        let mut note = |f: &redactum::StreamFinding| {
            found.push((
                f.finding.rule_id().to_string(),
                f.finding.span(),
                f.line,
                f.column,
            ))
        };
        for c in input.chunks(chunk) {
            st.push_with(c, &mut out, &mut note);
        }
        st.finish_with(&mut out, &mut note);
        (out, found)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]

        #[test]
        fn stream_equals_whole(
            runs in prop::collection::vec((any::<bool>(), prop::collection::vec(0u8..12, 1..40)), 1..6),
            chunks in prop::collection::vec(1usize..3000, 1..4),
        ) {
            let mut input = String::new();
            let mut i = 0;
            for (with_keywords, kinds) in &runs {
                for &k in kinds {
                    // Runs without keywords leave out the kinds that hold one.
                    let k = if *with_keywords || !matches!(k % 12, 4 | 5 | 6 | 9 | 10) { k } else { 11 };
                    input += &line(k, i);
                    i += 1;
                }
            }
            let whole = red().redact(&input).into_owned();
            let (bytewise, found_bytewise) = stream(input.as_bytes(), 1);
            prop_assert_eq!(String::from_utf8(bytewise).unwrap(), whole.clone());
            for chunk in chunks.iter().copied().chain([input.len().max(1)]) {
                let (out, found) = stream(input.as_bytes(), chunk);
                prop_assert_eq!(String::from_utf8(out).unwrap(), whole.clone(), "chunk {}", chunk);
                prop_assert_eq!(&found, &found_bytewise, "chunk {}", chunk);
            }
            prop_assert_eq!(whole.matches('\n').count(), input.matches('\n').count());
        }
    }
    /// A chunk over a MiB is pushed in parts (the stream's newline index is bounded): a token
    /// across the part boundary, and the lines around it, come out as from the whole input.
    #[test]
    fn chunks_over_a_mebibyte_equal_small_chunks() {
        let mut input = String::new();
        let mut i = 0;
        let cut = 1 << 20;
        while input.len() < cut - 400 {
            input += &line([0, 1, 2, 3, 7, 8, 11][i % 7], i);
            i += 1;
        }
        // A plain line, then a line whose e-mail address starts three bytes before the MiB.
        let mail = line(2, i);
        let at = mail.find("ann").unwrap();
        input += &"w".repeat(cut - 3 - at - input.len() - 1);
        input += "\n";
        input += &mail;
        while input.len() < cut + 40_000 {
            input += &line([0, 1, 2, 3, 7, 8, 11][i % 7], i);
            i += 1;
        }
        let whole = red().redact(&input).into_owned();
        let (one, found_one) = stream(input.as_bytes(), input.len());
        let (small, found_small) = stream(input.as_bytes(), 4096);
        assert_eq!(String::from_utf8(one).unwrap(), whole);
        assert_eq!(String::from_utf8(small).unwrap(), whole);
        assert_eq!(found_one, found_small);
        // The token across the boundary is found, and so are those after it.
        assert!(found_one.iter().any(|f| f.1.start < cut && f.1.end > cut));
        assert!(found_one.iter().any(|f| f.1.start > cut));
    }
}

/// A line that looks like JSON but does not parse (cut short by a shipper's line limit, an
/// invalid escape, text after it) keeps the values of its sensitive members replaced, read
/// leniently, and a second redaction changes nothing.
#[test]
fn broken_json_keeps_its_sensitive_members_replaced() {
    let auto = r(Format::Auto);
    let m = "[REDACTED:sensitive-key]";
    for (line, want) in [
        (
            r#"{"note": "a", "api_key": "Q7vtrx9LmZ"#.to_string(),
            format!(r#"{{"note": "a", "api_key": "{m}"#),
        ),
        (
            r#"{"api_key": "Q7vtrx9LmZ", "x": "bad \q"}"#.to_string(),
            format!(r#"{{"api_key": "{m}", "x": "bad \q"}}"#),
        ),
        (
            r#"{"password": 12345678, "token": null, "user": "ann"} trailing"#.to_string(),
            format!(r#"{{"password": {m}, "token": null, "user": "ann"}} trailing"#),
        ),
        (
            r#"[{"client_secret":"ab\"cd","n":1},{"secret":"#.to_string(),
            format!(r#"[{{"client_secret":"{m}","n":1}},{{"secret":"#),
        ),
        (
            r#"{"token": "${TOKEN}", "pad": "\x"}"#.to_string(),
            r#"{"token": "${TOKEN}", "pad": "\x"}"#.to_string(),
        ),
        (
            r#"{"msg":"ok","level":"info""#.to_string(),
            r#"{"msg":"ok","level":"info""#.to_string(),
        ),
    ] {
        let once = redact_all_ways(&auto, &line);
        assert_eq!(once, want, "{line}");
        assert_eq!(redact_all_ways(&auto, &once), once, "twice: {line}");
        // Among other lines, as the stream and the folds see it.
        let block = format!("plain line\n{line}\n{{\"ok\":true}}\n");
        let out = redact_all_ways(&auto, &block);
        assert_eq!(
            out,
            format!("plain line\n{want}\n{{\"ok\":true}}\n"),
            "{line}"
        );
    }
}

/// Pairs in shapes that real logs write: a credential in brackets after its scheme (Go prints
/// a header's values that way), fields separated by `|`, a token in a URL's fragment (OAuth's
/// implicit flow). The value is replaced whole, and a second redaction changes nothing.
#[test]
fn pairs_after_pipes_fragments_and_bracketed_schemes() {
    let auto = r(Format::Auto);
    let m = "[REDACTED:sensitive-key]";
    for (line, want) in [
        (
            "msg=\"outgoing\" authorization=[Bearer 9f8a7b6c5d4e3f2a1b0c9d8e1f2a3b4c] status=200",
            format!("msg=\"outgoing\" authorization={m} status=200"),
        ),
        (
            "ts=1|user=bob|token=Q7vtrx9LmZ!4|status=200",
            format!("ts=1|user=bob|token={m}|status=200"),
        ),
        (
            "\"GET /cb#access_token=9f8a7b6c5d4e3f2a1b0c9d8e1f2a3b4c&token_type=bearer HTTP/1.1\" 302",
            format!("\"GET /cb#access_token={m}&token_type=bearer HTTP/1.1\" 302"),
        ),
    ] {
        let once = redact_all_ways(&auto, line);
        assert_eq!(once, want, "{line}");
        assert_eq!(redact_all_ways(&auto, &once), once, "twice: {line}");
    }
}
