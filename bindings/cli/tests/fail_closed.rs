//! `--fail-closed`: an internal error while scanning (here the `test-panic` validator, which
//! panics on a candidate containing "PANIC") replaces the failing line instead of passing it
//! through; without the flag the CLI stops with exit status 2 and a one-line error, and the
//! failing line never reaches stdout.

mod common;

use std::process::Command;

const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Z]{5,16}\b'
validators = ["test-panic"]
"#;

const INPUT: &str = "first line ok\ntok_ABCDEF fine\nhere tok_PANICKY boom\nlast tok_XYZXYZ\n";
const FAILING: &str = "here tok_PANICKY boom";

fn run(extra: &[&str], stdin: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, RULES).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_redactum"));
    cmd.arg("--only-rules")
        .arg(&rules)
        .args(extra)
        // The user's environment, not a developer's: no backtraces.
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    common::run(&mut cmd, stdin.as_bytes())
}

#[test]
fn fail_closed_replaces_the_failing_line() {
    let (code, out, err) = run(&["--fail-closed"], INPUT);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("PANIC") && !out.contains("boom"),
        "the failing line passes through: {out:?}"
    );
    assert_eq!(
        out.lines().count(),
        INPUT.lines().count(),
        "lines are kept: {out:?}"
    );
    assert!(out.ends_with('\n'));
    let failing = INPUT.lines().position(|l| l == FAILING).unwrap();
    assert_eq!(
        out.lines().nth(failing),
        Some("[REDACTED:internal-error]"),
        "{out:?}"
    );
    // Every other line is either what the rule makes of it or, at worst, the marker too:
    // nothing of the input passes through unscanned.
    for (i, (got, input)) in out.lines().zip(INPUT.lines()).enumerate() {
        if i != failing {
            let redacted = input
                .replace("tok_ABCDEF", "[REDACTED:tok]")
                .replace("tok_XYZXYZ", "[REDACTED:tok]");
            assert!(
                got == redacted || got == "[REDACTED:internal-error]",
                "line {i}: {got:?}"
            );
        }
    }
}

#[test]
fn fail_closed_keeps_the_other_lines() {
    let (code, out, err) = run(&["--fail-closed"], INPUT);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "first line ok\n[REDACTED:tok] fine\n[REDACTED:internal-error]\nlast [REDACTED:tok]\n"
    );
}

#[test]
fn without_fail_closed_the_cli_stops_with_one_line_error() {
    let (code, out, err) = run(&[], INPUT);
    assert_eq!(code, 2, "stdout {out:?} stderr {err:?}");
    assert!(
        !out.contains("PANIC") && !out.contains("boom"),
        "the failing line reached stdout: {out:?}"
    );
    // Whatever came out before the failure is correct output for complete lines.
    assert!(
        INPUT
            .replace("tok_ABCDEF", "[REDACTED:tok]")
            .starts_with(&out),
        "{out:?}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr is not one line: {err:?}");
    assert!(
        lines[0].starts_with("redactum: ") && lines[0].contains("internal error"),
        "{err:?}"
    );
}

#[test]
fn fail_closed_on_a_long_line_in_pieces() {
    // A line far over the read size: the failure is in one piece of it; the output has no
    // fragment of the failing candidate and keeps the line count.
    let long = format!(
        "{} tok_PANICKY {}\nafter\n",
        "a".repeat(300_000),
        "b".repeat(300_000)
    );
    let (code, out, err) = run(&["--fail-closed"], &long);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("PANIC"),
        "the failing candidate passes through"
    );
    assert_eq!(out.lines().count(), 2);
    assert!(
        out.ends_with("after\n") || out.ends_with("[REDACTED:internal-error]\n"),
        "{:?}",
        &out[out.len().saturating_sub(80)..]
    );
}
