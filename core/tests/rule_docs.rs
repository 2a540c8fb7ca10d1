//! `docs/rules.md` is generated from the rule files; this test fails when it is stale.
//! Regenerate with `REDACTUM_UPDATE_DOCS=1 cargo test -p redactum --test rule_docs`.

fn render() -> String {
    let mut out = String::from(
        "# Built-in rules\n\nGenerated from `core/rules/*.toml` by `core/tests/rule_docs.rs` \
         (`REDACTUM_UPDATE_DOCS=1 cargo test -p redactum --test rule_docs`); do not edit by hand.\n",
    );
    let mut total = 0;
    for (file, text) in redactum::builtin_rule_files() {
        let specs = redactum::parse_rules(file, text).expect("built-in rules parse");
        total += specs.len();
        out.push_str(&format!("\n## {file} ({} rules)\n\n", specs.len()));
        out.push_str("| id | category | provider | name | keywords | validators | reference |\n|---|---|---|---|---|---|---|\n");
        for s in specs {
            let cell = |v: &[String]| {
                v.iter()
                    .map(|k| format!("`{}`", k.replace('|', "\\|")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} | {} |\n",
                s.id,
                s.category,
                s.provider.as_deref().unwrap_or("").replace('|', "\\|"),
                s.name.replace('|', "\\|"),
                cell(&s.keywords),
                cell(&s.validators),
                s.references
                    .first()
                    .map(|r| format!("<{r}>"))
                    .unwrap_or_default()
            ));
        }
    }
    out.push_str(&format!("\n{total} rules in all.\n"));
    out.push_str(&personal_keys());
    out
}

/// The personal keys (`core/keys/personal-keys.toml`): types and their keys.
fn personal_keys() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("keys/personal-keys.toml");
    let text = std::fs::read_to_string(path).expect("personal keys file");
    let table: toml::Table = toml::from_str(&text).expect("personal keys parse");
    let mut out = String::from(
        "\n## Personal keys (`core/keys/personal-keys.toml`)\n\n\
         In structured lines (`--format auto`: JSON, `key=value`, `Key: value` / YAML, SQL \
         `INSERT` column lists), the value of one of these keys is labelled with its type even \
         when no rule knows its shape; a rule that finds the value keeps its own label. Keys \
         match whole, ignoring case and separators. The key-aware shapes that rules read in \
         every format (dict literals, Kubernetes env pairs, `.config` XML, SQL password \
         clauses, command-line flags, URI user information) are listed in \
         [structured-logs.md](structured-logs.md#key-aware-shapes-beyond-json-and-logfmt-all-formats).\n\n\
         | type | keys |\n|---|---|\n",
    );
    for t in table["type"].as_array().expect("[[type]]") {
        let keys: Vec<String> = t["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|k| format!("`{}`", k.as_str().expect("key")))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} |\n",
            t["id"].as_str().expect("id"),
            keys.join(", ")
        ));
    }
    out
}

#[test]
fn rules_doc_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let want = render();
    if std::env::var_os("REDACTUM_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is stale: run REDACTUM_UPDATE_DOCS=1 cargo test -p redactum --test rule_docs");
}
