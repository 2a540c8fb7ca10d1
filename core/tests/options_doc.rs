//! `docs/options.md` lists every option and its name in each interface: its first column must
//! be core's option names, in order, each accepted by `Options::set`, and the builder methods
//! it names must exist (checked against this file's source, which calls each of them).

use redactum::{canonical_name, Options, RedactorBuilder, Style, OPTION_NAMES};

/// The rows of the table: cells without their backquotes.
pub fn table() -> Vec<Vec<String>> {
    let doc = include_str!("../../docs/options.md");
    let start = doc
        .find("<!-- options-table: begin -->")
        .expect("table start");
    let end = doc.find("<!-- options-table: end -->").expect("table end");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace('`', ""))
                .collect()
        })
        .collect()
}

#[test]
fn the_table_lists_every_option_of_core_in_order() {
    let rows = table();
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, OPTION_NAMES);
    for r in &rows {
        assert_eq!(r.len(), 6, "{r:?}");
        assert_eq!(canonical_name(&r[0]), Some(r[0].as_str()));
        // The Python and Node spellings are accepted by core too (the bindings pass them on).
        assert_eq!(canonical_name(&r[2]), Some(r[0].as_str()), "{r:?}");
        assert_eq!(canonical_name(&r[3]), Some(r[0].as_str()), "{r:?}");
    }
    let mut o = Options::new();
    assert!(o.set("no_such_option", true).is_err());
}

#[test]
fn the_builder_methods_of_the_table_exist() {
    // Each method the table names, called once: this does not compile if one disappears.
    let mut b = RedactorBuilder::new();
    b.builtin_rules(true)
        .add_rules("t", "")
        .secrets(true)
        .pii(true)
        .names(true)
        .only_rules(["email"])
        .disable_rules(Vec::<String>::new())
        .style(Style::Label)
        .style_for("email", Style::Mask)
        .hash_key("k")
        .format(redactum::Format::Auto)
        .sensitive_keys(["session"])
        .personal_keys("phone", ["patient_mobile"])
        .fail_closed(false);
    let src = include_str!("options_doc.rs");
    for r in table() {
        for m in r[4].split(", ") {
            let m = m.split('(').next().unwrap();
            assert!(
                src.contains(&format!(".{m}(")),
                "builder method {m} of {r:?}"
            );
        }
    }
}
