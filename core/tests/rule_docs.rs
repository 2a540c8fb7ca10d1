//! `docs/rules.md` is generated from the rule files; this test fails when it is stale.
//! Regenerate with `REDACTUM_UPDATE_DOCS=1 cargo test -p redactum --test rule_docs`.

/// The prose before the tables: categories, key-aware shapes, names and their data sources.
const PREAMBLE: &str = "
## Categories

Every rule has one category; each can be turned off on its own (`categories` option,
`--no-secrets`, `--no-pii`, `--no-names`; `RedactorBuilder::secrets`, `pii`, `names`), and a
style can be set per category (`style_for`: `secret`, `pii`, `name`).

- `secret`: credentials (keys, tokens, passwords, private keys).
- `pii`: personal data with a checkable shape (emails, phone numbers, cards, IBANs, national
  identifiers, IP addresses...).
- `name`: person names (`rules/names.toml`), on by default. A name has no checksum, so each
  rule needs a cue and the gazetteer decides: `person-name` (after a greeting or sign-off,
  an introduction such as \"my name is\" or \"I'm\", an honorific, `cc`/`attn`, a mail header
  `From:`/`To:`/`Cc:`, \"signed by\"/\"reviewed by\"..., or as the value of a `name`,
  `customer`, `contact`, `holder`, `author` or `owner` key), `person-name-mail` (the display
  name of `\"Sofia L.\" <s@example.org>` or `Gerald Nichols <g@example.com>`),
  `person-name-signature` (a line holding only a name after `Regards,`, `Thanks,`...) and
  `person-name-key` (the value of an explicit name key, whatever it holds). Names are matched
  case-aware: capitalised words (`O'Brien`, `McKay`, `Mary-Jane`) and initials, never
  CamelCase identifiers or ALL-CAPS words; words that are names and ordinary words (`Will`,
  `May`, `Mark`, `Grant`, `Rose`, months, weekdays, log levels, HTTP methods) are not a name
  alone. Measured on the corpora (`core/tests/names.rs`, `corpora/`): 0 name findings on the
  8 MB `ordinary` and `dense` generated logs and on every decoy corpus.

## Key-aware values

A key gives its value a type in these shapes, in every format:

| Shape | Example | Rules |
|---|---|---|
| JSON (also pretty-printed members) | `{\"full_name\": \"...\"}`, `  \"password\": \"...\",` | sensitive keys (`sensitive-key`, with `--format auto/json`), `person-name-key`, `person-name`, `generic-password`, `generic-secret` |
| logfmt, `KEY=value`, `.env` | `first_name=... password=...` | sensitive keys (`--format auto/logfmt`), `person-name-key`, `generic-password` |
| Python / JS dict literals | `{'cardholder': '...'}`, `{ fullName: '...' }` | `person-name-key`, `generic-password`, `generic-secret` |
| YAML | `  customer_name: ...`, `author: ...` | `person-name-key`, `person-name`, `generic-password` |

Other key-aware shapes (Kubernetes env pairs, `.config` XML, SQL password clauses,
command-line flags, URI user information) are listed in `docs/structured-logs.md`.
The value of an explicit name key (`full_name`, `first_name`, `last_name`, `given_name`,
`family_name`, `surname`, `middle_name`, `display_name`, `customer_name`, `contact_name`,
`cardholder`, `card_holder_name`, `account_holder`, `holder_name`, `patient_name`,
`recipient_name`, `sender_name`, `billing_name`, `shipping_name`, `employee_name`, in any
case and with `_`, `-` or no separator) is redacted unless it is a placeholder (`<name>`,
`${NAME}`, `{{ name }}`, `xxxx`) or a non-name value (`null`, `unknown`, `anonymous`, `n/a`).
The generic keys (`name`, `customer`, `contact`, `holder`, `author`, `owner`) hold service
names and ids as often as people, so their value must be a capitalised name of the gazetteer.

## Data sources

| Data | Source | Licence |
|---|---|---|
| `core/data/names/given.txt`, `surnames.txt` (person-name gazetteer: 3,971 given names, the 20,000 most frequent surnames) | US Census Bureau, *Frequently Occurring Names and Surnames from the 1990 Census*, as shipped in the PyPI package `names` 0.3.0; rebuilt by `core/data/names/build.py` (see its README) | public domain (US federal government work); the `names` package itself is MIT, and none of its code is used |
| `core/data/names/given-intl.txt`, `surnames-intl.txt` (11,496 given names and 9,650 surnames of other origins, in the Latin script) | the person-name locale data of the PyPI package `Faker` 30.8.2 (70 locales), without words of the GCIDE dictionary (PyPI `english-words` 2.0.2, used as a filter at build only); rebuilt by `core/data/names/build_intl.py` | MIT (Faker); nothing of the dictionary is shipped |
| phone number metadata (`phone-e164`) | libphonenumber's metadata through the `phonenumber` crate | Apache-2.0 |
";

fn render() -> String {
    let mut out = String::from(
        "# Built-in rules\n\nGenerated from `core/rules/*.toml` by `core/tests/rule_docs.rs` \
         (`REDACTUM_UPDATE_DOCS=1 cargo test -p redactum --test rule_docs`); do not edit by hand.\n",
    );
    out.push_str(PREAMBLE);
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
