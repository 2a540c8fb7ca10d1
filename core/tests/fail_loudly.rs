//! Mistakes in options fail loudly (issue 18): a redactor that silently redacts less than it
//! was asked to is the worst kind of bug for a redactor.

use redactum::{ErrorKind, Redactor, Style, Vault};

const MINE: &str =
    "[[rule]]\nid = \"mine\"\nname = \"m\"\ncategory = \"secret\"\npattern = 'zz[0-9]{6}'\n";

fn card_rule(replace: bool) -> String {
    format!(
        "[[rule]]\nid = \"credit-card\"\nname = \"c\"\ncategory = \"pii\"\npattern = 'card-[0-9]{{4}}'\n{}",
        if replace { "replace = true\n" } else { "" }
    )
}

#[test]
fn zero_rules_is_an_error() {
    let none = |b: &mut redactum::RedactorBuilder| b.build().unwrap_err();
    // No category.
    let e = none(Redactor::builder().secrets(false).pii(false).names(false));
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("no rule"), "{e}");
    // No catalog and no rules.
    let e = none(Redactor::builder().builtin_rules(false));
    assert_eq!(e.kind(), ErrorKind::Config);
    // only_rules and disable_rules cancel out.
    let e = none(
        Redactor::builder()
            .only_rules(["email"])
            .disable_rules(["email"]),
    );
    assert_eq!(e.kind(), ErrorKind::Config);
    // The only rules kept are of a category that is off.
    let e = none(Redactor::builder().only_rules(["email"]).pii(false));
    assert_eq!(e.kind(), ErrorKind::Config);
}

#[test]
fn unknown_ids_in_disable_rules_are_errors() {
    let e = Redactor::builder()
        .disable_rules(["emial"])
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("`emial`"), "{e}");
    // A known id of a category that is off is not a mistake.
    let r = Redactor::builder()
        .pii(false)
        .disable_rules(["email", "github-pat-classic"])
        .build()
        .unwrap();
    assert!(r.rules().iter().all(|x| x.id != "github-pat-classic"));
}

#[test]
fn an_added_rule_with_a_builtin_id_needs_replace() {
    let e = Redactor::builder()
        .add_rules("mine.toml", &card_rule(false))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateId);
    assert_eq!(e.rule_id(), Some("credit-card"));
    assert!(e.to_string().contains("replace = true"), "{e}");
    let r = Redactor::builder()
        .add_rules("mine.toml", &card_rule(true))
        .build()
        .unwrap();
    assert_eq!(r.redact("card-1234"), "[REDACTED:credit-card]");
    // The built-in rule is gone: a real card number is no longer its business.
    assert_eq!(r.redact("4111 1111 1111 1111"), "4111 1111 1111 1111");
    // `replace = true` for an id the catalog lacks is a mistake too.
    let e = Redactor::builder()
        .add_rules(
            "mine.toml",
            &MINE.replace("pattern", "replace = true\npattern"),
        )
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    // Without the catalog there is nothing to clash with.
    let r = Redactor::builder()
        .builtin_rules(false)
        .add_rules("mine.toml", &card_rule(false))
        .build()
        .unwrap();
    assert_eq!(r.rules().len(), 1);
}

/// An added rule is compiled when the redactor is built, whatever its file is called: a copy
/// of a built-in file kept under the same relative name (`rules/pii-global.toml`), edited, is
/// not the catalog's, and a mistake in it fails the build with the rule's name, not the first
/// scan that meets its keyword.
#[test]
fn an_added_rule_under_a_builtin_file_name_is_compiled_at_build() {
    let bad = "[[rule]]\nid = \"my-token\"\nname = \"m\"\ncategory = \"secret\"\n\
               keywords = [\"mytok\"]\npattern = 'mytok_[a-z]{4'\n";
    let names: Vec<&str> = redactum::builtin_rule_files()
        .iter()
        .map(|(n, _)| *n)
        .chain(["mine.toml"])
        .collect();
    assert!(names.len() > 1);
    for name in names {
        for builtin in [true, false] {
            let e = Redactor::builder()
                .builtin_rules(builtin)
                .add_rules(name, bad)
                .build()
                .expect_err(name);
            assert_eq!(e.kind(), ErrorKind::InvalidRegex, "{name}: {e}");
            assert_eq!(e.rule_id(), Some("my-token"), "{name}: {e}");
            assert!(e.to_string().contains(name), "{name}: {e}");
        }
    }
    // A rule that replaces a built-in one, under a built-in file's name.
    let replacing = card_rule(true).replace("{4}", "{4");
    let e = Redactor::builder()
        .add_rules("rules/pii-global.toml", &replacing)
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRegex, "{e}");
    assert_eq!(e.rule_id(), Some("credit-card"), "{e}");
    // The same file, mended, redacts.
    let good = bad.replace("{4'", "{4}'");
    let r = Redactor::builder()
        .add_rules("rules/pii-global.toml", &good)
        .build()
        .unwrap();
    assert_eq!(r.redact("x mytok_abcd y"), "x [REDACTED:my-token] y");
}

#[test]
fn the_hash_key_error_names_no_command_line_flag() {
    let e = Redactor::builder().style(Style::Hash).build().unwrap_err();
    let s = e.to_string();
    assert!(s.contains("key"), "{s}");
    assert!(!s.contains("--") && !s.contains("REDACTUM_KEY"), "{s}");
}

#[test]
fn email_keeps_what_follows_and_what_precedes() {
    let r = Redactor::builder().only_rules(["email"]).build().unwrap();
    assert_eq!(r.redact("ann@example.com😀"), "[REDACTED:email]😀");
    assert_eq!(r.redact("«ann@example.com»"), "«[REDACTED:email]»");
    assert_eq!(r.redact("ann@example.com✅ ok"), "[REDACTED:email]✅ ok");
    assert_eq!(
        r.redact("mail bob.o'neil@example.com now"),
        "mail [REDACTED:email] now"
    );
    assert_eq!(r.redact("to='ann@example.com'"), "to='[REDACTED:email]'");
    assert_eq!(
        r.redact("メール：taro@example.jp。"),
        "メール：[REDACTED:email]。"
    );
    assert_eq!(r.redact("li@例子.中国"), "[REDACTED:email]");
    assert_eq!(r.redact("müller@bücher.de"), "[REDACTED:email]");
}

#[test]
fn a_typed_placeholder_is_never_restored() {
    let r = Redactor::builder().only_rules(["email"]).build().unwrap();
    let mut vault = Vault::new();
    // Turn 1 gives out <EMAIL_1>.
    assert_eq!(
        r.redact_reversible("ann@example.com", &mut vault),
        "<EMAIL_1>"
    );
    // Turn 2: the user types placeholders the vault never issued.
    let turn2 = r.redact_reversible(
        "template <EMAIL_2> and <EMAIL_7>, bob@example.org",
        &mut vault,
    );
    assert_eq!(turn2, "template <EMAIL_2> and <EMAIL_7>, <EMAIL_8>");
    let answer = "<EMAIL_1> <EMAIL_2> <EMAIL_3> <EMAIL_7> <EMAIL_8>";
    let want = "ann@example.com <EMAIL_2> <EMAIL_3> <EMAIL_7> bob@example.org";
    assert_eq!(vault.restore(answer), want);
    // Saved and loaded, the reservations hold.
    let loaded = Vault::from_json(&vault.to_json()).unwrap();
    assert_eq!(loaded.restore(answer), want);
    // Merged into a vault that never saw them, too.
    let mut other = Vault::new();
    other.merge(&vault);
    assert_eq!(other.restore(answer), want);
}

/// The `test-panic` validator (it panics on purpose) exists only under the `test-hooks`
/// feature: no package enables it, only the test builds do (so the panic tests still run).
#[test]
fn the_test_panic_validator_is_only_in_test_builds() {
    // This test binary is a test build: core's dev-dependency enables the feature.
    assert!(redactum::validators::names().contains(&"test-panic"));
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
    let section = |text: &str, name: &str| -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with('[') {
                inside = line.trim() == name;
            } else if inside {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    };
    let core = read("core/Cargo.toml");
    assert!(
        !section(&core, "[features]").contains("default"),
        "no default feature"
    );
    for p in [
        "core/Cargo.toml",
        "bindings/cli/Cargo.toml",
        "bindings/python/Cargo.toml",
        "bindings/node/Cargo.toml",
    ] {
        let deps = section(&read(p), "[dependencies]");
        assert!(
            !deps.contains("test-hooks"),
            "{p} enables test-hooks in [dependencies]"
        );
    }
    for p in [
        "bindings/python/pyproject.toml",
        "bindings/node/package.json",
        "bindings/node/tools/install.js",
    ] {
        assert!(
            !read(p).contains("test-hooks"),
            "{p} builds packages with test-hooks"
        );
    }
    for p in ["bindings/python/test.sh", "bindings/node/test.sh"] {
        assert!(
            read(p).contains("--features test-hooks"),
            "{p} must build with test-hooks for its panic tests"
        );
    }
}

/// `redact_with_findings` fails as `redact` does on an internal error (a panic, which the
/// bindings turn into an exception), and never returns the text cut short before the failing
/// line; under fail-closed, the line is replaced and the rest comes out.
#[test]
fn redact_with_findings_never_returns_a_text_cut_short() {
    let rule = "[[rule]]\nid = \"boom\"\nname = \"b\"\ncategory = \"secret\"\n\
                keywords = [\"zz\"]\npattern = 'zz[A-Z]+'\nvalidators = [\"test-panic\"]\n";
    let text = "first line\nzzPANIC here\nlast secret zzABC\n";
    let r = Redactor::builder()
        .add_rules("boom.toml", rule)
        .build()
        .unwrap();
    assert!(std::panic::catch_unwind(|| r.redact(text)).is_err());
    let got = std::panic::catch_unwind(|| r.redact_with_findings(text));
    assert!(got.is_err(), "{got:?}");
    let closed = Redactor::builder()
        .add_rules("boom.toml", rule)
        .fail_closed(true)
        .build()
        .unwrap();
    let (out, found) = closed.redact_with_findings(text);
    assert_eq!(
        out,
        "first line\n[REDACTED:internal-error]\nlast secret [REDACTED:boom]\n"
    );
    assert_eq!(found.len(), 2, "{found:?}");
}
