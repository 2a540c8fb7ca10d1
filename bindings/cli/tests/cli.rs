//! End-to-end tests of the `redactum` binary.

mod common;
use common::run;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Za-z0-9]{16}\b'

[[rule]]
id = "card"
name = "Card"
category = "pii"
pattern = '\b4[0-9]{15}\b'
validators = ["luhn"]
"#;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_redactum"))
}

fn rules_file(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("rules.toml");
    std::fs::write(&p, RULES).unwrap();
    p
}

#[test]
fn filter_stdin_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let (code, out, err) = run(
        bin().arg("--only-rules").arg(&rules),
        b"a tok_ABCDEFGH12345678\ncard 4111111111111111\nplain\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "a [REDACTED:tok]\ncard [REDACTED:card]\nplain\n");
}

#[test]
fn check_report_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let input = b"x\n  tok_ABCDEFGH12345678\n";
    let (code, _, err) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .args(["--check", "--report", "json", "--stats"]),
        input,
    );
    assert_eq!(code, 1);
    assert!(
        !err.contains("ABCDEFGH"),
        "a report never carries the value: {err}"
    );
    let json_start = err.find('{').unwrap();
    let json_end = err.rfind('}').unwrap();
    let v: serde_json::Value = serde_json::from_str(&err[json_start..=json_end]).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (
            f["rule_id"].as_str(),
            f["line"].as_u64(),
            f["column"].as_u64()
        ),
        (Some("tok"), Some(2), Some(3))
    );
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(4), Some(24))
    );
    assert!(err.contains("MB/s") && err.contains("tok"), "{err}");
    let (code, _, _) = run(
        bin().arg("--only-rules").arg(&rules).arg("--check"),
        b"nothing here\n",
    );
    assert_eq!(code, 0);
}

#[test]
fn sarif_report_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let report = dir.path().join("r.sarif");
    let (code, _, err) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .args(["--report", "sarif", "--report-file"])
            .arg(&report),
        b"tok_ABCDEFGH12345678\n",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "tok");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert!(!std::fs::read_to_string(&report)
        .unwrap()
        .contains("ABCDEFGH"));
}

/// A rule file given by a relative path that is also a built-in file's name (a copy of
/// `rules/pii-global.toml` kept in a project's `rules/` and edited) is checked when the
/// redactor is built, as any other: before, such rules were compiled on first use as the
/// catalog's are, and a bad pattern surfaced as an internal error in the middle of the output.
#[test]
fn a_rule_file_named_like_a_builtin_one_is_checked_at_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(
        dir.path().join("rules/pii-global.toml"),
        "[[rule]]\nid = \"my-token\"\nname = \"m\"\ncategory = \"secret\"\n\
         keywords = [\"mytok\"]\npattern = 'mytok_[a-z]{4'\n",
    )
    .unwrap();
    let (code, out, err) = run(
        bin()
            .current_dir(dir.path())
            .args(["--extra-rules", "rules/pii-global.toml"]),
        b"ok\nx mytok_abcd y\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("rules/pii-global.toml")
            && err.contains("rule `my-token`")
            && err.contains("invalid pattern"),
        "{err}"
    );
    assert!(!err.contains("internal error"), "{err}");
}
#[test]
fn bad_rule_files_fail_with_one_line_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "invalid-regex",
            "pattern = 'a(b'",
            "invalid pattern at column",
        ),
        (
            "unknown-field",
            "pattern = 'ab'\ncolour = 'red'",
            "unknown field `colour`",
        ),
        ("look-around", "pattern = '(?=x)ab'", "look-around"),
        ("back-ref", "pattern = '(a)\\1'", "backreference"),
        ("empty-match", "pattern = 'a*'", "empty string"),
        (
            "bad-validator",
            "pattern = 'ab'\nvalidators = ['nope']",
            "unknown validator",
        ),
    ];
    for (id, body, needle) in cases {
        let p = dir.path().join(format!("{id}.toml"));
        std::fs::write(
            &p,
            format!("[[rule]]\nid = \"{id}\"\nname = \"n\"\ncategory = \"secret\"\n{body}\n"),
        )
        .unwrap();
        let (code, out, err) = run(bin().arg("--extra-rules").arg(&p), b"x\n");
        assert_eq!(code, 2, "{id}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "{id}: one line: {err}");
        assert!(
            err.contains(&format!("rule `{id}`")) && err.contains(needle),
            "{id}: {err}"
        );
        assert!(
            err.contains(&format!("{id}.toml")),
            "{id}: names the file: {err}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(bin().arg("--style").arg("nope"), b"");
    assert_eq!(code, 2);
    assert!(err.starts_with("redactum: unknown style"));
    let (code, _, err) = run(bin().arg("--bogus"), b"");
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1);
    let (code, _, err) = run(
        bin().args(["--style", "hash"]).env_remove("REDACTUM_KEY"),
        b"",
    );
    assert_eq!(code, 2);
    assert!(err.contains("key"), "{err}");
    let (code, _, _) = run(bin().arg("/no/such/file"), b"");
    assert_eq!(code, 2);
}

#[test]
fn directories_output_and_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("a.log"), "a tok_ABCDEFGH12345678\n").unwrap();
    std::fs::write(src.join("sub/b.log"), "b 4111111111111111\nclean\n").unwrap();
    let out = dir.path().join("out");
    // The input path is mirrored under the output directory.
    let (code, _, err) = run(
        bin()
            .current_dir(dir.path())
            .arg("--only-rules")
            .arg(&rules)
            .args(["--output", "out", "src"]),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("src/a.log")).unwrap(),
        "a [REDACTED:tok]\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/sub/b.log")).unwrap(),
        "b [REDACTED:card]\nclean\n"
    );
    // Inputs untouched.
    assert_eq!(
        std::fs::read_to_string(src.join("a.log")).unwrap(),
        "a tok_ABCDEFGH12345678\n"
    );
    // A directory without a destination is an error.
    let (code, _, err) = run(bin().arg("--only-rules").arg(&rules).arg(&src), b"");
    assert_eq!(code, 2, "{err}");
    // In place.
    let (code, _, err) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .arg("--in-place")
            .arg(&src),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(src.join("a.log")).unwrap(),
        "a [REDACTED:tok]\n"
    );
    assert_eq!(
        std::fs::read_to_string(src.join("sub/b.log")).unwrap(),
        "b [REDACTED:card]\nclean\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&src)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".redactum"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn files_to_stdout_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    std::fs::write(dir.path().join("1.txt"), "one tok_ABCDEFGH12345678\n").unwrap();
    std::fs::write(dir.path().join("2.txt"), "two\n").unwrap();
    let (code, out, _) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .arg(dir.path().join("1.txt"))
            .arg(dir.path().join("2.txt")),
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "one [REDACTED:tok]\ntwo\n");
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let mut child = bin()
        .arg("--only-rules")
        .arg(&rules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"some log line with tok_ABCDEFGH12345678 inside\n".repeat(1000);
        for _ in 0..200 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    writer.join().unwrap();
    assert!(status.success(), "status {status:?}, stderr {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn rules_and_validators_listing() {
    let (code, out, _) = run(bin().arg("validators"), b"");
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l == "luhn"));
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let (code, out, _) = run(bin().arg("rules").arg("--only-rules").arg(&rules), b"");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "tok\tsecret\tTest token\ttok_\t-\ncard\tpii\tCard\t\t-\n"
    );
    let (code, out, _) = run(
        bin()
            .arg("rules")
            .arg("--only-rules")
            .arg(&rules)
            .args(["--category", "pii"]),
        b"",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "card\tpii\tCard\t\t-\n");
}

#[test]
fn rules_filters_on_the_catalog() {
    let (code, out, _) = run(bin().args(["rules", "--provider", "github"]), b"");
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 7, "{out}");
    assert!(out.lines().all(|l| l.ends_with("\tGitHub")), "{out}");
    let (_, all, _) = run(bin().arg("rules"), b"");
    let (_, secret, _) = run(bin().args(["rules", "--category", "secret"]), b"");
    let (_, pii, _) = run(bin().args(["rules", "--category", "pii"]), b"");
    let (_, name, _) = run(bin().args(["rules", "--category", "name"]), b"");
    assert_eq!(
        all.lines().count(),
        secret.lines().count() + pii.lines().count() + name.lines().count()
    );
    assert!(pii.lines().all(|l| l.split('\t').nth(1) == Some("pii")));
    assert!(name.lines().count() >= 4, "{name}");
    assert!(name.lines().all(|l| l.split('\t').nth(1) == Some("name")));
}

#[test]
fn rules_check_passes_on_the_catalog_and_fails_on_a_bad_rule() {
    let (code, out, err) = run(bin().args(["rules", "check"]), b"");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" 0 problem(s)"), "{out}");
    assert!(out.contains("rules per provider"), "{out}");
    assert!(out.contains("keywords shared by several rules"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    // The test rules have no examples, references or provider.
    let (code, out, _) = run(
        bin().args(["rules", "check", "--only-rules"]).arg(&rules),
        b"",
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("problem: "), "{out}");
    assert!(out.contains("tok: too-few-examples"), "{out}");
    // A rule file that does not build is an error (exit 2).
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[rule]]\nid='c'\nname='c'\ncategory='secret'\npattern='''[a-z]{1,1024}x'''\n",
    )
    .unwrap();
    let (code, _, err) = run(bin().args(["rules", "check", "--rules"]).arg(&bad), b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("too costly"), "{err}");
}

#[test]
fn styles_from_cli() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let (_, out, _) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .args(["--style", "mask"]),
        b"tok_ABCDEFGH12345678\n",
    );
    assert_eq!(out, format!("{}\n", "*".repeat(20)));
    let (_, a, _) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .args(["--style", "hash"])
            .env("REDACTUM_KEY", "k1"),
        b"tok_ABCDEFGH12345678\n",
    );
    let (_, b, _) = run(
        bin()
            .arg("--only-rules")
            .arg(&rules)
            .args(["--style", "hash", "--key", "k1"]),
        b"tok_ABCDEFGH12345678\n",
    );
    assert_eq!(a, b);
    assert!(a.starts_with("[REDACTED:tok:"));
}

#[test]
fn real_format_aws_key_with_the_builtin_catalog() {
    let (code, out, err) = run(&mut bin(), b"k=AKIAZ3MHKEY7PQ4XW2LN\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "k=[REDACTED:aws-access-key-id]\n");
}

#[test]
fn gitleaks_config_imports_with_warnings() {
    let cfg = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../core/tests/data/gitleaks-sample.toml"
    );
    let (code, _, err) = run(bin().arg("--only-rules").arg(cfg), b"nothing\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("redactum: warning: ") && l.contains("rule `pem-file`")),
        "{err}"
    );
}

/// Issue 18: `--extra-rules` adds, `--only-rules` replaces the catalog, `--rules` still adds
/// but says it is deprecated; `--only ID` keeps one rule, an unknown id fails loudly.
#[test]
fn rule_options_add_replace_and_select() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_file(dir.path());
    let input = b"tok_ABCDEFGH12345678 ann@example.com\n";
    let (code, out, err) = run(bin().arg("--extra-rules").arg(&rules), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "[REDACTED:tok] [REDACTED:email]\n"),
        "{err}"
    );
    assert!(err.is_empty(), "{err}");
    let (code, out, err) = run(bin().arg("--rules").arg(&rules), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "[REDACTED:tok] [REDACTED:email]\n")
    );
    assert!(
        err.contains("--rules is deprecated") && err.contains("--extra-rules"),
        "{err}"
    );
    let (code, out, _) = run(bin().arg("--only-rules").arg(&rules), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "[REDACTED:tok] ann@example.com\n")
    );
    let (code, out, _) = run(bin().arg("--only").arg("email"), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "tok_ABCDEFGH12345678 [REDACTED:email]\n")
    );
    let (code, _, err) = run(bin().arg("--disable").arg("emial"), input);
    assert_eq!(code, 2);
    assert!(err.contains("emial"), "{err}");
    let (code, _, err) = run(bin().arg("--no-secrets").arg("--no-pii"), input);
    assert_eq!(code, 2);
    assert!(err.contains("no rule"), "{err}");
}

/// Person names are their own category: on by default, off with `--no-names` or `--no-pii`.
#[test]
fn no_names_and_no_pii_turn_person_names_off() {
    let input = b"Hi, I'm Jennifer Cunningham (ann@example.com)\n";
    let (code, out, _) = run(&mut bin(), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "Hi, I'm [REDACTED:person-name] ([REDACTED:email])\n")
    );
    let (code, out, _) = run(bin().arg("--no-names"), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "Hi, I'm Jennifer Cunningham ([REDACTED:email])\n")
    );
    let (code, out, _) = run(bin().arg("--no-pii"), input);
    assert_eq!(
        (code, out.as_str()),
        (0, "Hi, I'm Jennifer Cunningham (ann@example.com)\n")
    );
    let (code, out, _) = run(bin().args(["rules", "--category", "name"]), b"");
    assert_eq!(code, 0);
    assert!(out.contains("person-name-key"), "{out}");
}

/// The hash-key error of core names no flag; the command line adds its own.
#[test]
fn hash_without_key_names_the_cli_flags() {
    let (code, _, err) = run(
        bin().arg("--style").arg("hash").env_remove("REDACTUM_KEY"),
        b"x\n",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("needs a key") && err.contains("--key"),
        "{err}"
    );
}

/// docs/options.md: every CLI spelling in the table is a flag the command documents and
/// parses (given with a value where it takes one, it is not an unknown argument).
#[test]
fn every_cli_spelling_of_the_options_table_is_accepted() {
    let doc = include_str!("../../../docs/options.md");
    let start = doc.find("<!-- options-table: begin -->").unwrap();
    let end = doc.find("<!-- options-table: end -->").unwrap();
    let (_, help, _) = run(bin().arg("--help"), b"");
    let mut flags = 0;
    for row in doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
    {
        let cli = row.trim_matches('|').split(" | ").nth(1).unwrap();
        for spelling in cli.split(", ") {
            let spelling = spelling.trim().trim_matches('`');
            if spelling == "—" {
                continue;
            }
            let flag = spelling.split(' ').next().unwrap();
            assert!(help.contains(flag), "{flag} is not in --help");
            let (_, _, err) = run(
                bin()
                    .args(spelling.split(' '))
                    .arg("--check")
                    .arg("/nonexistent"),
                b"",
            );
            assert!(
                !err.contains("invalid option") && !err.contains("unexpected"),
                "{spelling}: {err}"
            );
            flags += 1;
        }
    }
    assert!(flags >= 15, "{flags}");
}
