//! The built-in catalog: every `core/rules/*.toml` file, embedded at build time (`build.rs`),
//! with a JSON copy of each that start-up reads (the fields a build uses only).

mod fingerprint;

use crate::error::Error;
use crate::rule::{parse_rules, parse_rules_json, RuleSpec};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in rule files, as (file name, TOML text), in file-name order.
pub fn builtin_rule_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULE_FILES
}

/// The rules of each built-in file, in file order, as `parse_rules` of its TOML gives them.
///
/// # Errors
/// As [`parse_rules`], for a built-in file that does not parse.
pub(crate) fn builtin_rules() -> impl Iterator<Item = (&'static str, Result<Vec<RuleSpec>, Error>)>
{
    BUILTIN_RULE_FILES
        .iter()
        .map(|&(name, text)| (name, parse_rules(name, text)))
}

/// The rules of each built-in file as a build needs them: as [`builtin_rules`] gives them, less
/// the fields a build does not use ([`to_build`]). Read from the file's JSON copy when the copy
/// was made from the TOML embedded here (about a sixth of the instructions), else from the
/// TOML.
///
/// # Errors
/// As [`parse_rules`], for a built-in file that does not parse.
pub(crate) fn builtin_rules_to_build(
) -> impl Iterator<Item = (&'static str, Result<Vec<RuleSpec>, Error>)> {
    BUILTIN_RULE_FILES
        .iter()
        .zip(BUILTIN_RULE_JSON)
        .map(|(&(name, text), json)| (name, rules_of(name, text, *json)))
}

/// `spec` without the fields that a build does not use, as the JSON copies hold it (`LEFT_OUT`
/// of build.rs): its examples, negative examples, references and description.
pub(crate) fn to_build(mut spec: RuleSpec) -> RuleSpec {
    spec.examples = Vec::new();
    spec.negative_examples = Vec::new();
    spec.references = Vec::new();
    spec.description = None;
    spec
}

/// The rules of the file `name` (TOML `text`) as a build needs them, from `json` when it was
/// made from `text`.
fn rules_of(name: &str, text: &str, json: Option<(u64, &str)>) -> Result<Vec<RuleSpec>, Error> {
    json.filter(|(print, _)| *print == fingerprint::fingerprint(text.as_bytes()))
        .and_then(|(_, json)| parse_rules_json(json))
        .map_or_else(
            || Ok(parse_rules(name, text)?.into_iter().map(to_build).collect()),
            Ok,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each file's JSON copy holds the rules of its TOML, field for field, but the fields a
    /// build does not use; and those are the only fields of a rule that no build reads.
    #[test]
    fn json_copies_are_the_toml_files() {
        assert_eq!(BUILTIN_RULE_FILES.len(), BUILTIN_RULE_JSON.len());
        for (&(name, text), json) in BUILTIN_RULE_FILES.iter().zip(BUILTIN_RULE_JSON) {
            let (print, json) = json.unwrap_or_else(|| panic!("{name} has no JSON copy"));
            assert_eq!(print, fingerprint::fingerprint(text.as_bytes()), "{name}");
            let from_json = parse_rules_json(json).unwrap_or_else(|| panic!("{name}"));
            let full = parse_rules(name, text).unwrap();
            assert!(full.iter().any(|s| !s.examples.is_empty()), "{name}");
            let want: Vec<RuleSpec> = full.into_iter().map(to_build).collect();
            assert_eq!(from_json, want, "{name}");
        }
        // A redactor built from rules without those fields is the catalog's: same rules, same
        // output on every rule's examples.
        let lean = crate::Redactor::new().unwrap();
        let mut b = crate::Redactor::builder();
        b.builtin_rules(false);
        for &(name, text) in BUILTIN_RULE_FILES {
            b.add_rules(name, text);
        }
        let full = b.build().unwrap();
        assert_eq!(lean.rules(), full.rules());
        for (name, specs) in builtin_rules() {
            for spec in specs.unwrap() {
                for ex in spec.examples.iter().chain(&spec.negative_examples) {
                    assert_eq!(lean.redact(ex), full.redact(ex), "{name} {}", spec.id);
                }
            }
        }
    }

    /// A copy made from other TOML (a checkout sharing the target directory) is not read: the
    /// TOML is, and so is it for a copy that does not deserialize or a file without one.
    #[test]
    fn a_copy_of_other_toml_is_not_read() {
        let text = "[[rule]]\nid = \"a\"\nname = \"A\"\ncategory = \"secret\"\npattern = \"x+\"\n";
        let other = r#"{"rule": [{"id": "b", "name": "B", "category": "pii", "pattern": "y"}]}"#;
        let want = parse_rules("t.toml", text).unwrap();
        assert_eq!(want[0].id, "a");
        let stale = Some((fingerprint::fingerprint(b"other text"), other));
        assert_eq!(rules_of("t.toml", text, stale).unwrap(), want);
        // Read from the TOML, a rule is cleared of what the JSON copies leave out.
        let with_examples = format!("{text}examples = [\"xx\"]\ndescription = \"d\"\n");
        let read = rules_of("t.toml", &with_examples, None).unwrap();
        assert!(read[0].examples.is_empty() && read[0].description.is_none());
        let broken = Some((fingerprint::fingerprint(text.as_bytes()), "{\"rule\": 3}"));
        assert_eq!(rules_of("t.toml", text, broken).unwrap(), want);
        assert_eq!(rules_of("t.toml", text, None).unwrap(), want);
        // The copy made from this text is read (here it says another rule, to tell).
        let fresh = Some((fingerprint::fingerprint(text.as_bytes()), other));
        assert_eq!(rules_of("t.toml", text, fresh).unwrap()[0].id, "b");
        assert!(rules_of("bad.toml", "[[rule]\n", None).is_err());
    }
}
