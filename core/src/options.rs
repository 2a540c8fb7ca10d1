//! One option surface for every interface: named settings parsed once, here.
//!
//! The command line, Python and Node turn their arguments into [`Options::set`] calls with the
//! names of [`OPTION_NAMES`], so an option has one meaning and one set of accepted values
//! everywhere; `docs/options.md` lists how each interface spells each name, and tests check
//! the table against this module. Built redactors are shared: a second [`Options::build`] with
//! the same settings returns the redactor the first one compiled.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::builder::RedactorBuilder;
use crate::error::{Error, ErrorKind};
use crate::redact::Redactor;
use crate::render::{ReplaceFn, Style, MAX_KEEP};
use crate::rule::Category;
use crate::structured::Format;

/// Every option name, in the order `docs/options.md` lists them. [`Options::set`] also
/// accepts each name in camelCase (`extraRules`) and kebab-case (`extra-rules`).
pub const OPTION_NAMES: &[&str] = &[
    "rules",
    "extra_rules",
    "categories",
    "only_rules",
    "disable_rules",
    "style",
    "keep_start",
    "keep_end",
    "style_for",
    "replace_with",
    "key",
    "format",
    "sensitive_keys",
    "personal_keys",
    "fail_closed",
];

/// The environment variable that holds the hash key when the options give none. Read by
/// [`Options::build`], so by every interface (the command line, Python, Node) alike.
pub const KEY_ENV: &str = "REDACTUM_KEY";

/// A rule source: TOML text (redactum's format or a gitleaks configuration) and the name its
/// errors and warnings give (a file path, `<rules>`...).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuleSource {
    /// Named in errors and warnings.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// The value of one option, as an interface hands it over.
#[derive(Clone)]
#[non_exhaustive]
pub enum Value {
    /// `fail_closed`.
    Bool(bool),
    /// `keep_start`, `keep_end`.
    Int(i64),
    /// `style`, `format`, `key`; a one-item list elsewhere.
    Str(String),
    /// `key`.
    Bytes(Vec<u8>),
    /// `categories`, `only_rules`, `disable_rules`, `sensitive_keys`.
    List(Vec<String>),
    /// `style_for`: selector (rule id, `secret`, `pii`, `name`, `sensitive-key`) to style;
    /// `personal_keys`: key to personal type id.
    Map(Vec<(String, String)>),
    /// `rules`, `extra_rules`.
    Rules(Vec<RuleSource>),
    /// `replace_with`: called with each finding and the bytes of one line of it.
    Replace(Arc<ReplaceFn>),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Str(_) => "a string",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "a list of strings",
            Value::Map(_) => "a mapping",
            Value::Rules(_) => "rules",
            Value::Replace(_) => "a function",
        }
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Str(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Str(v)
    }
}
impl From<Vec<String>> for Value {
    fn from(v: Vec<String>) -> Value {
        Value::List(v)
    }
}
impl From<&[&str]> for Value {
    fn from(v: &[&str]) -> Value {
        Value::List(v.iter().map(|s| s.to_string()).collect())
    }
}

/// Redactor options by name; see the [module docs](self) and `docs/options.md`.
///
/// # Example
/// ```
/// let mut o = redactum::Options::new();
/// o.set("style", "partial")?.set("keepEnd", 2)?.set("categories", &["pii"][..])?;
/// let r = o.build()?;
/// assert_eq!(r.redact("mail ann@example.com"), "mail ann@*********om");
/// assert!(o.set("styles", "mask").is_err()); // unknown names fail loudly
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Options {
    rules: Option<Vec<RuleSource>>,
    extra_rules: Vec<RuleSource>,
    categories: Option<Vec<Category>>,
    only_rules: Option<Vec<String>>,
    disable_rules: Vec<String>,
    style: String,
    keep_start: usize,
    keep_end: usize,
    style_for: Vec<(String, String)>,
    replace_with: Option<Arc<ReplaceFn>>,
    key: Option<Vec<u8>>,
    format: Format,
    sensitive_keys: Vec<String>,
    personal_keys: Vec<(String, String)>,
    fail_closed: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rules: None,
            extra_rules: Vec::new(),
            categories: None,
            only_rules: None,
            disable_rules: Vec::new(),
            style: "label".into(),
            keep_start: 4,
            keep_end: 4,
            style_for: Vec::new(),
            replace_with: None,
            key: None,
            format: Format::Auto,
            sensitive_keys: Vec::new(),
            personal_keys: Vec::new(),
            fail_closed: false,
        }
    }
}

/// `extraRules`, `extra-rules`, `EXTRA_RULES` to `extra_rules`.
pub fn canonical_name(name: &str) -> Option<&'static str> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let f = fold(name);
    // Only the three spellings: `e_x_t_r_a` is not a name.
    let shaped = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    OPTION_NAMES
        .iter()
        .copied()
        .find(|n| shaped && fold(n) == f && !name.contains("__") && !name.contains("--"))
}

fn type_error(name: &str, want: &str, got: &Value) -> Error {
    Error::new(
        ErrorKind::Config,
        format!("option `{name}` takes {want}, not {}", got.kind()),
    )
}

fn strings(name: &str, v: Value) -> Result<Vec<String>, Error> {
    match v {
        Value::List(l) => Ok(l),
        Value::Str(s) => Ok(vec![s]),
        other => Err(type_error(name, "a list of strings", &other)),
    }
}

impl Options {
    /// The defaults: the built-in catalog, every category, `label` style, `auto` format.
    pub fn new() -> Options {
        Options::default()
    }

    /// Sets one option. `name` is one of [`OPTION_NAMES`], in snake_case, camelCase or
    /// kebab-case. Values are checked now.
    ///
    /// # Errors
    /// [`ErrorKind::Config`]: an unknown name, a value of the wrong type, an unknown style,
    /// format or category, a negative or too large `keep_start`/`keep_end`.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) -> Result<&mut Self, Error> {
        let value = value.into();
        let Some(name) = canonical_name(name) else {
            return Err(Error::new(ErrorKind::Config, unknown_option(name)));
        };
        match name {
            "rules" | "extra_rules" => {
                let sources = match value {
                    Value::Rules(r) => r,
                    Value::Str(text) => vec![RuleSource {
                        name: format!("<{name}>"),
                        text,
                    }],
                    Value::List(texts) => texts
                        .into_iter()
                        .map(|text| RuleSource {
                            name: format!("<{name}>"),
                            text,
                        })
                        .collect(),
                    other => return Err(type_error(name, "TOML rules", &other)),
                };
                if name == "rules" {
                    self.rules = Some(sources);
                } else {
                    self.extra_rules = sources;
                }
            }
            "categories" => {
                let cats = strings(name, value)?
                    .iter()
                    .map(|c| c.parse::<Category>())
                    .collect::<Result<Vec<_>, _>>()?;
                self.categories = Some(cats);
            }
            "only_rules" => self.only_rules = Some(strings(name, value)?),
            "disable_rules" => self.disable_rules = strings(name, value)?,
            "sensitive_keys" => self.sensitive_keys = strings(name, value)?,
            "style" => match value {
                Value::Str(s) => {
                    s.parse::<Style>()?;
                    self.style = s;
                }
                other => return Err(type_error(name, "a string", &other)),
            },
            "keep_start" | "keep_end" => {
                let n = match value {
                    Value::Int(n) => n,
                    other => return Err(type_error(name, "a whole number", &other)),
                };
                let n = usize::try_from(n)
                    .ok()
                    .filter(|&n| n <= MAX_KEEP)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::Config,
                            format!("option `{name}` must be zero or more and at most {MAX_KEEP}, not {n}"),
                        )
                    })?;
                if name == "keep_start" {
                    self.keep_start = n;
                } else {
                    self.keep_end = n;
                }
            }
            "style_for" => {
                let pairs = match value {
                    Value::Map(m) => m,
                    other => {
                        return Err(type_error(name, "a mapping of selector to style", &other))
                    }
                };
                for (_, style) in &pairs {
                    style.parse::<Style>()?;
                }
                self.style_for = pairs;
            }
            "personal_keys" => {
                let pairs = match value {
                    Value::Map(m) => m,
                    other => {
                        return Err(type_error(
                            name,
                            "a mapping of key to personal type",
                            &other,
                        ))
                    }
                };
                // Each key and type is checked by the builder, which names the bad one.
                self.personal_keys = pairs;
            }
            "replace_with" => match value {
                Value::Replace(f) => self.replace_with = Some(f),
                other => return Err(type_error(name, "a function", &other)),
            },
            "key" => match value {
                Value::Str(s) => self.key = Some(s.into_bytes()),
                Value::Bytes(b) => self.key = Some(b),
                other => return Err(type_error(name, "a string or bytes", &other)),
            },
            "format" => match value {
                Value::Str(s) => self.format = s.parse()?,
                other => return Err(type_error(name, "a string", &other)),
            },
            "fail_closed" => match value {
                Value::Bool(b) => self.fail_closed = b,
                other => return Err(type_error(name, "a boolean", &other)),
            },
            _ => unreachable!("every name of OPTION_NAMES is handled"),
        }
        Ok(self)
    }

    /// The `format` option.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The rule sources given by `rules` and `extra_rules` (for their import warnings).
    pub fn rule_sources(&self) -> impl Iterator<Item = &RuleSource> {
        self.rules.iter().flatten().chain(&self.extra_rules)
    }

    /// The hash key: the `key` option, else the [`KEY_ENV`] environment variable.
    pub fn effective_key(&self) -> Option<Vec<u8>> {
        self.key.clone().or_else(|| {
            let v = std::env::var_os(KEY_ENV)?;
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                Some(v.as_bytes().to_vec())
            }
            #[cfg(not(unix))]
            {
                v.to_str().map(|s| s.as_bytes().to_vec())
            }
        })
    }

    fn style_of(&self, s: &str) -> Style {
        if let Some(f) = &self.replace_with {
            return Style::Custom(f.clone());
        }
        match s {
            "partial" => Style::Partial {
                keep_start: self.keep_start,
                keep_end: self.keep_end,
            },
            // Checked by `set`.
            other => other.parse().unwrap_or_default(),
        }
    }

    /// The core builder for these options.
    pub fn builder(&self) -> RedactorBuilder {
        let mut b = RedactorBuilder::new();
        b.builtin_rules(self.rules.is_none());
        for r in self.rule_sources() {
            b.add_rules(&r.name, &r.text);
        }
        if let Some(cats) = &self.categories {
            b.secrets(cats.contains(&Category::Secret))
                .pii(cats.contains(&Category::Pii))
                .names(cats.contains(&Category::Name));
        }
        if let Some(only) = &self.only_rules {
            b.only_rules(only.iter().cloned());
        }
        b.disable_rules(self.disable_rules.iter().cloned());
        b.style(self.style_of(&self.style));
        for (sel, style) in &self.style_for {
            b.style_for(sel, self.style_of(style));
        }
        if let Some(k) = self.effective_key() {
            b.hash_key(k);
        }
        b.format(self.format);
        b.sensitive_keys(self.sensitive_keys.iter().cloned());
        for (key, type_id) in &self.personal_keys {
            b.personal_keys(type_id, [key.as_str()]);
        }
        b.fail_closed(self.fail_closed);
        b
    }

    /// Builds the redactor, or returns the one already built for the same settings: the
    /// compiled catalog is shared by every redactor of the process with equal options, so a
    /// second construction costs microseconds. Options with `replace_with` are never shared.
    ///
    /// # Errors
    /// As [`RedactorBuilder::build`].
    pub fn build(&self) -> Result<Redactor, Error> {
        if self.replace_with.is_some() {
            return self.builder().build();
        }
        let key = self.cache_key();
        static CACHE: OnceLock<Mutex<HashMap<String, Redactor>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        if let Some(r) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(r);
        }
        let r = self.builder().build()?;
        if let Ok(mut c) = cache.lock() {
            // A bounded cache: a program that builds many different redactors keeps the
            // latest ones only.
            if c.len() >= CACHE_SIZE {
                c.clear();
            }
            c.insert(key, r.clone());
        }
        Ok(r)
    }

    /// Everything that decides the built redactor, as one string.
    fn cache_key(&self) -> String {
        let mut k = String::new();
        let mut put = |s: &str| {
            k.push_str(&s.len().to_string());
            k.push(':');
            k.push_str(s);
        };
        match &self.rules {
            None => put("catalog"),
            Some(r) => {
                put("rules");
                for s in r {
                    put(&s.name);
                    put(&s.text);
                }
            }
        }
        put("extra");
        for s in &self.extra_rules {
            put(&s.name);
            put(&s.text);
        }
        put(&format!("{:?}", self.categories));
        put(&format!("{:?}", self.only_rules));
        put(&format!("{:?}", self.disable_rules));
        put(&self.style);
        put(&format!("{} {}", self.keep_start, self.keep_end));
        put(&format!("{:?}", self.style_for));
        put(&format!("{:?}", self.effective_key()));
        put(self.format.as_str());
        put(&format!("{:?}", self.sensitive_keys));
        put(&format!("{:?}", self.personal_keys));
        put(&format!("{}", self.fail_closed));
        k
    }
}

/// Distinct option sets kept built at once.
const CACHE_SIZE: usize = 32;

fn unknown_option(name: &str) -> String {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let b = fold(name);
    let close = OPTION_NAMES.iter().find(|k| {
        let a = fold(k);
        a == b || (b.len() > 2 && (a.starts_with(&b) || b.starts_with(&a)))
    });
    match close {
        Some(k) => format!("unknown option `{name}` (did you mean `{k}`?)"),
        None => format!(
            "unknown option `{name}` (expected {})",
            OPTION_NAMES.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_three_spellings() {
        assert_eq!(canonical_name("extraRules"), Some("extra_rules"));
        assert_eq!(canonical_name("extra-rules"), Some("extra_rules"));
        assert_eq!(canonical_name("extra_rules"), Some("extra_rules"));
        assert_eq!(canonical_name("styles"), None);
        assert_eq!(canonical_name("extra rules"), None);
    }

    #[test]
    fn values_are_checked_when_set() {
        let mut o = Options::new();
        assert!(o.set("style", "nope").is_err());
        assert!(o.set("style", 3).is_err());
        assert!(o.set("keep_start", -1).is_err());
        assert!(o.set("keep_start", 257).is_err());
        assert!(o.set("format", "yaml").is_err());
        assert!(o.set("categories", &["secrets", "pii"][..]).is_ok());
        assert!(o.set("categories", &["secret", "pi"][..]).is_err());
        let e = o.set("styles", "mask").err().unwrap();
        assert!(e.to_string().contains("did you mean `style`"), "{e}");
        assert!(o.set("personal_keys", "phone").is_err());
    }

    fn personal(pairs: &[(&str, &str)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, t)| (k.to_string(), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn personal_keys_label_values_with_their_type() {
        let mut o = Options::new();
        o.set(
            "personalKeys",
            personal(&[("patient_mobile", "phone"), ("member_ref", "member-id")]),
        )
        .unwrap();
        let r = o.build().unwrap();
        assert_eq!(
            r.redact(r#"{"patient_mobile": "ask-at-desk", "member_ref": "zq-19"}"#),
            r#"{"patient_mobile": "[REDACTED:phone]", "member_ref": "[REDACTED:member-id]"}"#
        );
        // Without the option, the value is not found.
        let plain = Options::new().build().unwrap();
        let line = r#"{"patient_mobile": "ask-at-desk"}"#;
        assert_eq!(plain.redact(line), line);
    }

    #[test]
    fn personal_keys_are_part_of_the_cache_key() {
        let mut a = Options::new();
        a.set("personal_keys", personal(&[("patient_mobile", "phone")]))
            .unwrap();
        let mut b = Options::new();
        b.set("personal_keys", personal(&[("patient_mobile", "email")]))
            .unwrap();
        assert_ne!(a.cache_key(), b.cache_key());
        assert_ne!(a.cache_key(), Options::new().cache_key());
    }

    #[test]
    fn bad_personal_keys_fail_at_build_naming_the_entry() {
        for (k, t) in [
            ("", "phone"),
            ("--", "phone"),
            ("nin", "Bad_Type"),
            ("nin", ""),
        ] {
            let mut o = Options::new();
            o.set("personal_keys", personal(&[(k, t)])).unwrap();
            let Err(e) = o.build() else {
                panic!("{k:?} {t:?}: no error")
            };
            assert_eq!(e.kind(), ErrorKind::Config, "{e}");
            let msg = e.to_string();
            assert!(
                msg.contains(&format!("{k:?}")) && msg.contains(&format!("{t:?}")),
                "{msg}"
            );
        }
    }
}
