//! Rule specifications: the TOML data format, parsed and checked field by field.

use serde::Deserialize;

use crate::error::{Error, ErrorKind};

/// Whether a rule finds secrets (credentials), personal data, or person names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Credentials: keys, tokens, passwords, private keys.
    Secret,
    /// Personal data: emails, phone numbers, national ids, card numbers...
    Pii,
    /// Person names (`core/rules/names.toml`): found from context and a gazetteer, not from a
    /// checkable format, so they are a category of their own that can be turned off alone.
    Name,
}

impl Category {
    /// `"secret"`, `"pii"` or `"name"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Secret => "secret",
            Category::Pii => "pii",
            Category::Name => "name",
        }
    }
}

impl std::str::FromStr for Category {
    type Err = crate::error::Error;

    /// `secret` (or `secrets`), `pii` and `name` (or `names`), the names every interface
    /// accepts.
    fn from_str(s: &str) -> Result<Category, Self::Err> {
        match s {
            "secret" | "secrets" => Ok(Category::Secret),
            "pii" => Ok(Category::Pii),
            "name" | "names" => Ok(Category::Name),
            other => Err(Error::new(
                ErrorKind::Config,
                format!("unknown category {other:?} (expected \"secret\", \"pii\" or \"name\")"),
            )),
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule as written in a rule file (see `docs/rule-format.md`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RuleSpec {
    /// Stable kebab-case identifier.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// `secret`, `pii` or `name`.
    pub category: Category,
    /// Who issues the credential (`GitHub`, `Stripe`), or the format's family for generic
    /// shapes (`PEM`, `URL`); listed by `redactum rules --provider`.
    #[serde(default)]
    pub provider: Option<String>,
    /// Case-insensitive ASCII literals; a keyworded rule only fires near one of them.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The regular expression; a named group `secret` marks the replaced part.
    pub pattern: String,
    /// Validator names, e.g. `luhn` or `entropy(3.5)`.
    #[serde(default)]
    pub validators: Vec<String>,
    /// Minimum length of the secret part in bytes.
    #[serde(default)]
    pub min_len: Option<usize>,
    /// Maximum length of the secret part in bytes.
    #[serde(default)]
    pub max_len: Option<usize>,
    /// Extra context distance around a keyword, in bytes.
    #[serde(default)]
    pub window: Option<usize>,
    /// Regexes that veto a candidate when they match inside its secret part.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Case-insensitive substrings that veto a candidate.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// The pattern may match across lines (PEM blocks).
    #[serde(default)]
    pub multiline: bool,
    /// Keywords are context words that must stand as words: not glued to a letter or digit
    /// before them (`iPhone` is not `phone`; `homePhone` and `home_phone` are). When such a
    /// word is a key (`phone: X`, `"phone": "X"`, `phone=X`) it gives context to its own value
    /// only: the window runs forward from it.
    #[serde(default)]
    pub word_keywords: bool,
    /// Breaks ties between overlapping findings; higher wins.
    #[serde(default)]
    pub priority: i32,
    /// Ids of the rules whose examples this rule also finds, declared on purpose (a generic
    /// shape under a provider's format, a connection string around a password); `*` for a
    /// fallback rule that may overlap any rule. Checked by `redactum rules check`.
    #[serde(default)]
    pub overlaps: Vec<String>,
    /// Keyword-less rules only: a pattern that matches wherever `pattern` does (every match
    /// of `pattern` starts with a match of this one) and costs less in the automaton that
    /// searches all keyword-less rules at once. That search looks for this pattern; each place
    /// it finds is then confirmed with `pattern`, so findings are those of `pattern` alone. For
    /// context alternatives that veto findings (long word lists under `(?i:...)`), whose
    /// states the combined automaton would otherwise build as the input shows them.
    #[serde(default)]
    pub candidate: Option<String>,
    /// Keyword-less rules only: shapes of bytes of which every match of `pattern` (and of
    /// `candidate`) contains one (`dotted-quad`, `digit-chain`, ...: see docs/rule-format.md).
    /// When every keyword-less rule of a catalog names its anchors, the combined search of
    /// those rules runs only on the lines that hold one.
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Provider documentation.
    #[serde(default)]
    pub references: Vec<String>,
    /// Texts in which this rule must find something.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Texts in which this rule must find nothing.
    #[serde(default)]
    pub negative_examples: Vec<String>,
    /// An added rule with the id of a built-in rule replaces it only when this is true;
    /// otherwise the id clash is an error (a typo must not silently drop a built-in rule).
    #[serde(default)]
    pub replace: bool,
}

impl RuleSpec {
    /// A rule with the required fields and every other field at its default.
    pub fn new(id: &str, name: &str, category: Category, pattern: &str) -> RuleSpec {
        RuleSpec {
            id: id.to_string(),
            name: name.to_string(),
            category,
            provider: None,
            keywords: Vec::new(),
            pattern: pattern.to_string(),
            validators: Vec::new(),
            min_len: None,
            max_len: None,
            window: None,
            allow: Vec::new(),
            stopwords: Vec::new(),
            multiline: false,
            word_keywords: false,
            priority: 0,
            overlaps: Vec::new(),
            candidate: None,
            anchors: Vec::new(),
            description: None,
            references: Vec::new(),
            examples: Vec::new(),
            negative_examples: Vec::new(),
            replace: false,
        }
    }
}

/// Parses a rule file in redactum's format.
///
/// # Errors
/// A TOML syntax error, an unknown field, a field of the wrong type or a missing required field,
/// naming `source_name` and the rule id (or its position when the id itself is missing).
pub fn parse_rules(source_name: &str, text: &str) -> Result<Vec<RuleSpec>, Error> {
    if let Ok(file) = toml::from_str::<RuleFile>(text) {
        return Ok(file.rule);
    }
    parse_rule_by_rule(source_name, text)
}

/// A whole rule file, deserialized in one pass: the usual case (a generic `toml::Table` first,
/// then each rule from it, costs about a third more). Whatever this rejects goes the way of
/// [`parse_rule_by_rule`], which says which rule is wrong and how; it accepts nothing that way
/// would not.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

/// The rules of a rule file's JSON copy (`build.rs` makes one of each built-in file, the same
/// data as its TOML): the built-in catalog's way at every start-up. `None` when it does not
/// deserialize (the TOML then says why).
pub(crate) fn parse_rules_json(json: &str) -> Option<Vec<RuleSpec>> {
    serde_json::from_str::<RuleFile>(json).ok().map(|f| f.rule)
}

/// [`parse_rules`] through a generic table, one rule at a time: slower, and able to say which
/// rule is wrong.
fn parse_rule_by_rule(source_name: &str, text: &str) -> Result<Vec<RuleSpec>, Error> {
    let value: toml::Table = toml::from_str(text).map_err(|e| {
        Error::new(ErrorKind::Syntax, format!("invalid TOML: {}", e.message()))
            .with_source(&locate(source_name, text, e.span()))
    })?;
    let mut out = Vec::new();
    for (key, v) in value {
        if key != "rule" {
            return Err(Error::new(
                ErrorKind::UnknownField,
                format!("unknown top-level key `{key}` (a rule file holds `[[rule]]` tables)"),
            )
            .with_source(source_name));
        }
        let toml::Value::Array(items) = v else {
            return Err(Error::new(
                ErrorKind::Syntax,
                "`rule` must be an array of tables: write `[[rule]]`",
            )
            .with_source(source_name));
        };
        for (i, item) in items.into_iter().enumerate() {
            let id = item
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{} (no id)", i + 1));
            let spec: RuleSpec = item.try_into().map_err(|e: toml::de::Error| {
                let msg = e.message().to_string();
                let kind = if msg.starts_with("unknown field") {
                    ErrorKind::UnknownField
                } else {
                    ErrorKind::Syntax
                };
                Error::new(kind, msg)
                    .with_source(source_name)
                    .with_rule(&id)
            })?;
            out.push(spec);
        }
    }
    Ok(out)
}

fn locate(source_name: &str, text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(r) => {
            let line = text.as_bytes()[..r.start.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            format!("{source_name}:{line}")
        }
        None => source_name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rule() {
        let rules = parse_rules(
            "t.toml",
            r#"
[[rule]]
id = "x"
name = "X"
category = "secret"
pattern = 'x[0-9]+'
keywords = ["x"]
examples = ["x12"]
"#,
        )
        .unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].id, "x");
        assert_eq!(rules[0].category, Category::Secret);
    }

    #[test]
    fn one_pass_and_rule_by_rule_read_the_same_rules() {
        let mut n = 0;
        for (name, text) in crate::catalog::builtin_rule_files() {
            let by_rule = parse_rule_by_rule(name, text).unwrap();
            assert_eq!(parse_rules(name, text).unwrap(), by_rule, "{name}");
            n += by_rule.len();
        }
        assert!(n > 400, "{n} built-in rules");
        // Both ways reject what either rejects.
        for bad in [
            "[[rule]]\nid = 'x'\n",
            "[rule]\nid = 'x'\nname = 'n'\ncategory = 'pii'\npattern = 'a'\n",
            "other = 1\n",
            "[[rule]]\nid = 'x'\nname = 'n'\ncategory = 'pii'\npattern = 'a'\nmin_len = 'three'\n",
        ] {
            assert!(parse_rules("t.toml", bad).is_err(), "{bad}");
            assert!(parse_rule_by_rule("t.toml", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_field_names_rule() {
        let e = parse_rules(
            "t.toml",
            "[[rule]]\nid = \"my-rule\"\nname = \"n\"\ncategory = \"pii\"\npattern = 'a'\ncolour = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownField);
        assert_eq!(e.rule_id(), Some("my-rule"));
        let s = e.to_string();
        assert!(
            s.contains("t.toml") && s.contains("my-rule") && s.contains("colour"),
            "{s}"
        );
    }

    #[test]
    fn syntax_error_names_line() {
        let e = parse_rules("t.toml", "[[rule]]\nid = \n").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Syntax);
        assert!(e.to_string().starts_with("t.toml:2"), "{e}");
    }

    #[test]
    fn bad_category() {
        let e = parse_rules(
            "t.toml",
            "[[rule]]\nid='a'\nname='n'\ncategory='x'\npattern='a'\n",
        )
        .unwrap_err();
        assert_eq!(e.rule_id(), Some("a"));
    }
}
