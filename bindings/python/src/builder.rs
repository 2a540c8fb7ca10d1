//! Constructor options: Python arguments to a core `RedactorBuilder`, and back to keyword
//! arguments for pickling.

use std::path::PathBuf;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use redactum::{Format, RedactorBuilder, Style};

use crate::error::config;

/// A rule source resolved to text: files are read once, when the redactor is built, so a
/// pickled redactor carries its rules and works where the file does not exist (a Spark
/// executor, a worker process on another machine).
#[derive(Clone, Debug)]
pub struct RuleText {
    /// For error messages: the file path, or `<rules>` / `<extra_rules>` for a string.
    pub name: String,
    pub text: String,
}

/// Everything needed to rebuild the same redactor.
#[derive(Clone, Debug)]
pub struct Config {
    /// `rules=`: replaces the built-in catalog when present.
    pub rules: Option<Vec<RuleText>>,
    /// `extra_rules=`: added to (or replacing same-id rules of) the catalog.
    pub extra_rules: Vec<RuleText>,
    pub secrets: bool,
    pub pii: bool,
    pub categories: Option<Vec<String>>,
    pub style: String,
    pub key: Option<Vec<u8>>,
    pub keep_start: usize,
    pub keep_end: usize,
    pub only_rules: Option<Vec<String>>,
    pub disable_rules: Vec<String>,
    /// `format=`: `text`, `auto`, `json` or `logfmt` (checked by `from_args`).
    pub format: String,
    /// `sensitive_keys=`: added to core's default sensitive keys.
    pub sensitive_keys: Vec<String>,
    /// `fail_closed=`: an internal error while scanning a line replaces that line with
    /// `[REDACTED:internal-error]` instead of raising.
    pub fail_closed: bool,
}

/// The raw constructor arguments.
pub struct Args<'py> {
    pub rules: Option<Bound<'py, PyAny>>,
    pub extra_rules: Option<Bound<'py, PyAny>>,
    pub categories: Option<Bound<'py, PyAny>>,
    pub style: String,
    pub key: Option<Bound<'py, PyAny>>,
    pub keep_start: i64,
    pub keep_end: i64,
    pub only_rules: Option<Bound<'py, PyAny>>,
    pub disable_rules: Option<Bound<'py, PyAny>>,
    pub format: String,
    pub sensitive_keys: Option<Bound<'py, PyAny>>,
    pub fail_closed: bool,
}

impl Config {
    pub fn from_args(args: Args<'_>) -> PyResult<Config> {
        let rules = args.rules.map(|r| rule_texts(&r, "<rules>")).transpose()?;
        let extra_rules = match args.extra_rules {
            Some(r) => rule_texts(&r, "<extra_rules>")?,
            None => Vec::new(),
        };
        let categories = args
            .categories
            .map(|c| strings(&c, "categories"))
            .transpose()?;
        let (mut secrets, mut pii) = (true, true);
        if let Some(cats) = &categories {
            secrets = false;
            pii = false;
            for c in cats {
                match c.as_str() {
                    "secret" | "secrets" => secrets = true,
                    "pii" => pii = true,
                    other => {
                        return Err(config(format!(
                            "unknown category {other:?}: expected \"secret\" or \"pii\""
                        )))
                    }
                }
            }
        }
        if !matches!(args.style.as_str(), "label" | "mask" | "partial" | "hash") {
            return Err(config(format!(
                "unknown style {:?}: expected \"label\", \"mask\", \"partial\" or \"hash\"",
                args.style
            )));
        }
        let key = match args.key {
            None => None,
            Some(k) => {
                if let Ok(s) = k.cast::<PyString>() {
                    Some(s.to_cow()?.as_bytes().to_vec())
                } else if let Ok(b) = k.cast::<PyBytes>() {
                    Some(b.as_bytes().to_vec())
                } else {
                    return Err(PyTypeError::new_err(format!(
                        "key must be str or bytes, not {}",
                        k.get_type().name()?
                    )));
                }
            }
        };
        if Format::from_name(&args.format).is_none() {
            return Err(config(format!(
                "unknown format {:?}: expected \"text\", \"auto\", \"json\" or \"logfmt\"",
                args.format
            )));
        }
        if args.style == "hash" && key.as_ref().is_none_or(|k| k.is_empty()) {
            return Err(config(
                "the hash style needs a key: Redactor(style=\"hash\", key=...)",
            ));
        }
        let keep = |v: i64, name: &str| {
            usize::try_from(v).map_err(|_| config(format!("{name} must be zero or more, not {v}")))
        };
        Ok(Config {
            rules,
            extra_rules,
            secrets,
            pii,
            categories,
            style: args.style,
            key,
            keep_start: keep(args.keep_start, "keep_start")?,
            keep_end: keep(args.keep_end, "keep_end")?,
            only_rules: args
                .only_rules
                .map(|o| strings(&o, "only_rules"))
                .transpose()?,
            disable_rules: match args.disable_rules {
                Some(d) => strings(&d, "disable_rules")?,
                None => Vec::new(),
            },
            format: args.format,
            sensitive_keys: match args.sensitive_keys {
                Some(k) => strings(&k, "sensitive_keys")?,
                None => Vec::new(),
            },
            fail_closed: args.fail_closed,
        })
    }

    /// The core builder for these options.
    pub fn builder(&self) -> RedactorBuilder {
        let mut b = RedactorBuilder::new();
        b.builtin_rules(self.rules.is_none());
        for r in self.rules.iter().flatten().chain(&self.extra_rules) {
            b.add_rules(&r.name, &r.text);
        }
        b.secrets(self.secrets).pii(self.pii);
        if let Some(only) = &self.only_rules {
            b.only_rules(only.iter().cloned());
        }
        b.disable_rules(self.disable_rules.iter().cloned());
        b.style(match self.style.as_str() {
            "mask" => Style::Mask,
            "partial" => Style::Partial {
                keep_start: self.keep_start,
                keep_end: self.keep_end,
            },
            "hash" => Style::Hash,
            _ => Style::Label,
        });
        if let Some(k) = &self.key {
            b.hash_key(k);
        }
        // Checked by `from_args`.
        b.format(Format::from_name(&self.format).unwrap_or_default());
        b.sensitive_keys(self.sensitive_keys.iter().cloned());
        b.fail_closed(self.fail_closed);
        b
    }

    /// A builder of the given rule sources alone (no built-in catalog): for their import
    /// warnings, without parsing the catalog again.
    pub fn user_rules_builder(&self) -> Option<RedactorBuilder> {
        if self.rules.is_none() && self.extra_rules.is_empty() {
            return None;
        }
        let mut b = RedactorBuilder::new();
        b.builtin_rules(false);
        for r in self.rules.iter().flatten().chain(&self.extra_rules) {
            b.add_rules(&r.name, &r.text);
        }
        Some(b)
    }

    /// Constructor keyword arguments that rebuild this redactor (files already read).
    pub fn to_kwargs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let texts = |v: &[RuleText]| PyList::new(py, v.iter().map(|r| r.text.as_str()));
        if let Some(r) = &self.rules {
            d.set_item("rules", texts(r)?)?;
        }
        if !self.extra_rules.is_empty() {
            d.set_item("extra_rules", texts(&self.extra_rules)?)?;
        }
        if let Some(c) = &self.categories {
            d.set_item("categories", PyList::new(py, c)?)?;
        }
        d.set_item("style", &self.style)?;
        if let Some(k) = &self.key {
            d.set_item("key", PyBytes::new(py, k))?;
        }
        d.set_item("keep_start", self.keep_start)?;
        d.set_item("keep_end", self.keep_end)?;
        if let Some(o) = &self.only_rules {
            d.set_item("only_rules", PyList::new(py, o)?)?;
        }
        if !self.disable_rules.is_empty() {
            d.set_item("disable_rules", PyList::new(py, &self.disable_rules)?)?;
        }
        d.set_item("format", &self.format)?;
        if !self.sensitive_keys.is_empty() {
            d.set_item("sensitive_keys", PyList::new(py, &self.sensitive_keys)?)?;
        }
        if self.fail_closed {
            d.set_item("fail_closed", true)?;
        }
        Ok(d)
    }
}

/// `str` (TOML text), `os.PathLike` (a file), or a list/tuple of those.
fn rule_texts(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<RuleText>> {
    if obj.is_instance_of::<PyString>() || is_pathlike(obj)? {
        return Ok(vec![rule_text(obj, name)?]);
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "rules must be str (TOML text) or os.PathLike (a file), not bytes",
        ));
    }
    let mut out = Vec::new();
    for item in obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "rules must be str (TOML text), os.PathLike (a file) or a list of those, not {}",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })? {
        out.push(rule_text(&item?, name)?);
    }
    Ok(out)
}

fn is_pathlike(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.hasattr("__fspath__")
}

fn rule_text(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<RuleText> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(RuleText {
            name: name.to_string(),
            text: s.to_cow()?.into_owned(),
        });
    }
    if !is_pathlike(obj)? {
        return Err(PyTypeError::new_err(format!(
            "rules must be str (TOML text) or os.PathLike (a file), not {}",
            obj.get_type().name()?
        )));
    }
    let path: PathBuf = obj.extract()?;
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let msg = format!("cannot read rule file {shown}: {e}");
        match e.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
            _ => PyOSError::new_err(msg),
        }
    })?;
    Ok(RuleText { name: shown, text })
}

/// A `str` (one item) or an iterable of `str`.
fn strings(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![s.to_cow()?.into_owned()]);
    }
    let mut out = Vec::new();
    let iter = obj
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be a list of str")))?;
    for item in iter {
        let item = item?;
        let s = item
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("{what} must be a list of str")))?;
        out.push(s.to_cow()?.into_owned());
    }
    Ok(out)
}
