//! `--format`, `--sensitive-key` and `--style-for`.

mod common;

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_redactum"))
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    common::run(bin().args(args), stdin.as_bytes())
}

const M: &str = "[REDACTED:sensitive-key]";

#[test]
fn auto_is_the_default() {
    let input = "{\"user\": {\"password\": \"hunter2\", \"n\": 1}}\nlevel=info token=abc user=bob\nGET /cb?sig=s1&page=2 HTTP/1.1\nAuthorization: Bearer xyz\nplain line mail ann@example.com\n";
    let want = format!(
        "{{\"user\": {{\"password\": \"{M}\", \"n\": 1}}}}\nlevel=info token={M} user=bob\nGET /cb?sig={M}&page=2 HTTP/1.1\nAuthorization: {M}\nplain line mail [REDACTED:email]\n"
    );
    let (code, out, err) = run(&[], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, want);
    let (_, out, _) = run(&["--format", "auto"], input);
    assert_eq!(out, want);
}

#[test]
fn text_lines_are_the_same_in_every_format() {
    let input = "2026-11-21 INFO login ok for ann@example.com\nkey AKIAZ3MHKEY7PQ4XW2LN\nsecret=abc\nnothing here\n";
    let (_, text, _) = run(&["--format", "text"], input);
    assert!(
        text.contains("[REDACTED:email]") && text.contains("[REDACTED:aws-access-key-id]"),
        "{text}"
    );
    let (code, out, err) = run(&["--format", "json"], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, text, "--format json");
    // Under auto and logfmt a single pair under a sensitive key is a pair: its value is
    // replaced (a `.env` line); the other lines are as in text mode.
    for f in ["auto", "logfmt"] {
        let (code, out, err) = run(&["--format", f], input);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            text.replace("secret=abc", &format!("secret={M}")),
            "--format {f}"
        );
    }
}

#[test]
fn json_and_logfmt_formats() {
    let json =
        "{\"a\":[1,{\"apiKey\":42}],\"m\":\"ann\\u0040example.com\"}\nlevel=info password=p\n";
    let (_, out, _) = run(&["--format", "json"], json);
    // The logfmt line is text under --format json.
    let (_, text_line, _) = run(&["--format", "text"], "level=info password=p\n");
    assert_eq!(
        out,
        format!("{{\"a\":[1,{{\"apiKey\":\"{M}\"}}],\"m\":\"[REDACTED:email]\"}}\n{text_line}")
    );
    let (_, out, _) = run(&["--format", "logfmt"], "password=p\n");
    assert_eq!(out, format!("password={M}\n"));
    // Under --format text nothing is structured.
    let (_, out, _) = run(&["--format", "text"], "{\"apiKey\":42}\n");
    assert_eq!(out, "{\"apiKey\":42}\n");
}

#[test]
fn sensitive_keys_from_the_command_line() {
    let input = "{\"sessionId\": \"s-1\", \"x_trace\": \"t\"}\n";
    let (_, out, _) = run(
        &[
            "--sensitive-key",
            "session_id",
            "--sensitive-key",
            "X-Trace",
        ],
        input,
    );
    assert_eq!(
        out,
        format!("{{\"sessionId\": \"{M}\", \"x_trace\": \"{M}\"}}\n")
    );
}

#[test]
fn a_sensitive_key_that_could_never_match_is_an_error() {
    let (code, out, err) = run(&["--sensitive-key", "--", "--sensitive-key=pin"], "x\n");
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(
        err.contains("sensitive key \"--\" has no ASCII letter or digit"),
        "{err}"
    );
}

#[test]
fn styles_per_rule_and_category() {
    let input = "card 4111 1111 1111 1111 mail ann@example.com key AKIAZ3MHKEY7PQ4XW2LN\n";
    let (code, out, err) = run(
        &[
            "--style-for",
            "credit-card=partial:0:4",
            "--style-for",
            "email=hash",
            "--style-for",
            "secret=mask",
            "--key",
            "k",
        ],
        input,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("card ***************1111 mail [REDACTED:email:"),
        "{out}"
    );
    assert!(out.ends_with(&format!("key {}\n", "*".repeat(20))), "{out}");
    let (code, out, _) = run(
        &["--style-for", "sensitive-key=mask"],
        "a=1 password=hunter2\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "a=1 password=*******\n");
}

#[test]
fn bad_values_exit_2_with_one_line() {
    for args in [
        &["--format", "xml"][..],
        &["--style-for", "email"],
        &["--style-for", "email=sparkles"],
        &["--style-for", "no-such-rule=mask"],
        &["--style-for", "email=hash"],
        &["--style-for", "credit-card=partial:x:4"],
    ] {
        let (code, _, err) = run(args, "x\n");
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("redactum: "), "{err}");
    }
}

#[test]
fn findings_report_structured_values() {
    let input = "x\n{\"password\": \"hunter2\"}\n";
    let (code, _, err) = run(&["--check", "--report", "json"], input);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&err).unwrap_or_else(|e| panic!("{e}: {err}"));
    let s = v.to_string();
    assert!(s.contains("sensitive-key"), "{s}");
    assert!(!s.contains("hunter2"), "{s}");
}
