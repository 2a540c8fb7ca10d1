//! Reversible placeholders: redact, let a model answer, restore.

use redactum::{Format, Redactor, Vault};

const AWS: &str = "AKIAZ3MHKEY7PQ4XW2LN";

/// The built-in catalog, compiled once (compiling is slow in debug).
fn red() -> Redactor {
    static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    R.get_or_init(|| Redactor::new().unwrap()).clone()
}

#[test]
fn round_trip_with_reordered_and_repeated_placeholders() {
    let r = red();
    let mut vault = Vault::new();
    let prompt = format!("Ann (ann@example.com) shares key {AWS} with bob@example.org; ann@example.com pays with 4111 1111 1111 1111.");
    let safe = r.redact_reversible(&prompt, &mut vault);
    assert_eq!(safe, "Ann (<EMAIL_1>) shares key <AWS_ACCESS_KEY_ID_1> with <EMAIL_2>; <EMAIL_1> pays with <CREDIT_CARD_1>.");
    assert_eq!(vault.len(), 4);
    // Nothing secret is left in what the model sees.
    for v in ["ann@example.com", AWS, "bob@example.org", "4111"] {
        assert!(!safe.contains(v));
    }
    let answer = "Sure. <EMAIL_2> should rotate <AWS_ACCESS_KEY_ID_1>; tell <EMAIL_1>, <EMAIL_1> and <EMAIL_2>. \
                  Card <CREDIT_CARD_1>. Unknown <EMAIL_9> and <PHONE_1> stay.";
    assert_eq!(
        vault.restore(answer),
        format!(
            "Sure. bob@example.org should rotate {AWS}; tell ann@example.com, ann@example.com and bob@example.org. \
             Card 4111 1111 1111 1111. Unknown <EMAIL_9> and <PHONE_1> stay."
        )
    );
    // Restoring the redacted prompt gives the prompt back exactly.
    assert_eq!(vault.restore(&safe), prompt);
}

#[test]
fn same_value_same_placeholder_across_turns_and_numbering_continues() {
    let r = red();
    let mut vault = Vault::new();
    let t1 = r.redact_reversible("from ann@example.com", &mut vault);
    let t2 = r.redact_reversible("to carl@example.net, cc ann@example.com", &mut vault);
    assert_eq!(t1, "from <EMAIL_1>");
    assert_eq!(t2, "to <EMAIL_2>, cc <EMAIL_1>");
    assert_eq!(
        vault.restore("<EMAIL_2><EMAIL_1>"),
        "carl@example.netann@example.com"
    );
}

#[test]
fn save_load_and_merge() {
    let r = red();
    let mut a = Vault::new();
    r.redact_reversible("ann@example.com and bob@example.org", &mut a);
    let loaded = Vault::from_json(&a.to_json()).unwrap();
    assert_eq!(loaded.entries(), a.entries());
    assert_eq!(loaded.restore("<EMAIL_2>"), "bob@example.org");
    // A loaded vault continues the numbering.
    let mut l2 = loaded.clone();
    assert_eq!(r.redact_reversible("dan@example.com", &mut l2), "<EMAIL_3>");

    // A later turn redacted with a fresh vault: merged, its new values are renumbered after
    // ours and a known value keeps our placeholder.
    let mut b = Vault::new();
    let t2 = r.redact_reversible(
        &format!("bob@example.org and eve@example.com key {AWS}"),
        &mut b,
    );
    assert_eq!(t2, "<EMAIL_1> and <EMAIL_2> key <AWS_ACCESS_KEY_ID_1>");
    let renamed = a.merge(&b);
    assert_eq!(
        renamed.get("<EMAIL_1>").map(String::as_str),
        Some("<EMAIL_2>")
    );
    assert_eq!(
        renamed.get("<EMAIL_2>").map(String::as_str),
        Some("<EMAIL_3>")
    );
    assert!(!renamed.contains_key("<AWS_ACCESS_KEY_ID_1>"));
    assert_eq!(
        a.restore("<EMAIL_1> <EMAIL_2> <EMAIL_3> <AWS_ACCESS_KEY_ID_1>"),
        format!("ann@example.com bob@example.org eve@example.com {AWS}")
    );

    assert!(Vault::from_json("{").is_err());
    assert!(Vault::from_json(r#"{"version":2,"entries":[]}"#).is_err());
    let dup = r#"{"version":1,"entries":[{"placeholder":"<A_1>","value":"x","rule":"a"},{"placeholder":"<A_1>","value":"y","rule":"a"}]}"#;
    assert!(Vault::from_json(dup).is_err());
}

#[test]
fn existing_placeholder_shaped_text_is_kept_and_reserved() {
    let r = red();
    let mut vault = Vault::new();
    let safe = r.redact_reversible("literal <EMAIL_1> then ann@example.com", &mut vault);
    assert_eq!(safe, "literal <EMAIL_1> then <EMAIL_2>");
    assert_eq!(vault.reserved().collect::<Vec<_>>(), ["<EMAIL_1>"]);
    // The literal is not restored to anything.
    assert_eq!(
        vault.restore(&safe),
        "literal <EMAIL_1> then ann@example.com"
    );
    // Reservations survive saving.
    let mut v2 = Vault::from_json(&vault.to_json()).unwrap();
    assert_eq!(r.redact_reversible("x@example.com", &mut v2), "<EMAIL_3>");
}

#[test]
fn placeholders_are_never_redacted_again() {
    let r = Redactor::builder().format(Format::Auto).build().unwrap();
    let mut vault = Vault::new();
    let input = format!(
        "{{\"password\":\"hunter2\",\"mail\":\"ann@example.com\",\"n\":{{\"token\":42}}}}\nlevel=info secret=s3cr3t user=ann@example.com\nplain {AWS}\n"
    );
    let once = r.redact_reversible(&input, &mut vault);
    assert_eq!(
        once,
        "{\"password\":\"<SENSITIVE_KEY_1>\",\"mail\":\"<EMAIL_1>\",\"n\":{\"token\":\"<SENSITIVE_KEY_2>\"}}\n\
         level=info secret=<SENSITIVE_KEY_3> user=<EMAIL_1>\nplain <AWS_ACCESS_KEY_ID_1>\n"
    );
    let n = vault.len();
    assert_eq!(r.redact_reversible(&once, &mut vault), once);
    assert_eq!(vault.len(), n);
    // No rule matches a placeholder: the text redactor leaves the output as it is.
    assert_eq!(red().redact(&once), once);
    // The JSON number came back as a string of its digits: the value is restored exactly.
    assert_eq!(
        vault.restore(&once),
        input.replace("\"token\":42", "\"token\":\"42\"")
    );
}

#[test]
fn escaped_json_values_restore_decoded() {
    let r = Redactor::builder().format(Format::Json).build().unwrap();
    let mut vault = Vault::new();
    let safe = r.redact_reversible(
        r#"{"to":"ann\u0040example.com","again":"ann@example.com"}"#,
        &mut vault,
    );
    assert_eq!(safe, r#"{"to":"<EMAIL_1>","again":"<EMAIL_1>"}"#);
    assert_eq!(vault.get("<EMAIL_1>"), Some("ann@example.com"));
}

#[test]
fn placeholder_names() {
    assert_eq!(
        redactum::placeholder_type("aws-access-key-id"),
        "AWS_ACCESS_KEY_ID"
    );
    assert_eq!(redactum::placeholder_type("sensitive-key"), "SENSITIVE_KEY");
    assert_eq!(redactum::placeholder_type("1password"), "X1PASSWORD");
}

#[test]
fn no_rule_of_the_catalog_matches_a_placeholder() {
    let r = red();
    let mut text = String::new();
    for rule in r
        .rules()
        .iter()
        .map(|i| i.id.clone())
        .chain(["sensitive-key".to_string()])
    {
        let p = format!("<{}_12>", redactum::placeholder_type(&rule));
        for ctx in [&rule[..], "password", "token", "secret", "api_key", "key"] {
            text.push_str(&format!("{ctx}={p} {ctx}: {p} \"{ctx}\": \"{p}\" {p}\n"));
        }
    }
    let found: Vec<String> = r
        .find_iter(text.as_bytes())
        .map(|f| format!("{} {:?}", f.rule_id(), &text[f.span()]))
        .collect();
    assert!(
        found.is_empty(),
        "{} findings, e.g. {:?}",
        found.len(),
        &found[..found.len().min(10)]
    );
}

/// A saved vault whose names are not placeholders is refused on load: an empty name matches
/// at every place of a text, and `restore` wrote the value there.
#[test]
fn a_loaded_vault_holds_placeholders_only() {
    let entry = |p: &str| {
        format!(r#"{{"version":1,"entries":[{{"placeholder":"{p}","value":"v","rule":"a"}}]}}"#)
    };
    for bad in ["", "<>", "x", "<A_1", "<a_1>", "<A_1> ", "<A_x>"] {
        let e = Vault::from_json(&entry(bad)).unwrap_err();
        assert!(e.to_string().contains("not a placeholder"), "{bad:?}: {e}");
    }
    let v = Vault::from_json(&entry("<A_1>")).unwrap();
    assert_eq!(v.restore("say <A_1>!"), "say v!");
    let reserved = r#"{"version":1,"entries":[],"reserved":[""]}"#;
    let e = Vault::from_json(reserved).unwrap_err();
    assert!(e.to_string().contains("not a placeholder"), "{e}");
}

/// A user can type the largest placeholder number; the next one given out is still free.
#[test]
fn numbering_goes_on_after_the_largest_number() {
    let r = red();
    let mut vault = Vault::new();
    let out = r.redact_reversible(
        "<EMAIL_18446744073709551615> and ann@example.com",
        &mut vault,
    );
    assert_eq!(out, "<EMAIL_18446744073709551615> and <EMAIL_0>");
    assert_eq!(vault.restore("<EMAIL_0>"), "ann@example.com");
    assert_eq!(
        vault.restore("<EMAIL_18446744073709551615>"),
        "<EMAIL_18446744073709551615>"
    );
}
