//! `--personal-key KEY=TYPE`: a key whose values are personal data of a type.

mod common;

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_redactum"))
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    common::run(bin().args(args), stdin.as_bytes())
}

#[test]
fn a_personal_key_labels_its_values_with_its_type() {
    // No rule finds this value: without the option it passes.
    let input = "{\"patient_mobile\": \"ask-at-front-desk\", \"n\": 1}\n";
    let (code, out, err) = run(&[], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, input);
    let (code, out, err) = run(&["--personal-key", "patient_mobile=phone"], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "{\"patient_mobile\": \"[REDACTED:phone]\", \"n\": 1}\n"
    );
    // key=value lines too, case and separators ignored; repeatable; a new type is a new label.
    let (code, out, err) = run(
        &[
            "--personal-key",
            "patient_mobile=phone",
            "--personal-key",
            "member_ref=member-id",
        ],
        "level=info PatientMobile=ask-at-front-desk member-ref=zq19\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "level=info PatientMobile=[REDACTED:phone] member-ref=[REDACTED:member-id]\n"
    );
}

#[test]
fn a_bad_personal_key_is_a_clear_error() {
    let input = "{\"a\": 1}\n";
    for (arg, want) in [
        ("=phone", "--personal-key needs KEY=TYPE"),
        ("nin", "--personal-key needs KEY=TYPE"),
        ("nin=", "--personal-key needs KEY=TYPE"),
        ("nin=Bad_Type", "personal key \"nin\" of type \"Bad_Type\""),
        ("--=phone", "personal key \"--\" of type \"phone\""),
    ] {
        let (code, out, err) = run(&["--personal-key", arg], input);
        assert_eq!(code, 2, "{arg}: {err}");
        assert_eq!(out, "", "{arg}");
        assert!(err.contains(want), "{arg}: {err}");
    }
}
