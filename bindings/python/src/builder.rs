//! Constructor options: Python arguments to a core `RedactorBuilder`, and back to keyword
//! arguments for pickling.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use redactum::{Finding, Options, RedactorBuilder, ReplaceFn, RuleSource, Value};

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

/// Everything needed to rebuild the same redactor: the arguments as given (for pickling) and
/// core's options, which check every value (names and meanings are core's, shared with the
/// command line and Node).
#[derive(Clone)]
pub struct Config {
    /// `rules=`: replaces the built-in catalog when present.
    pub rules: Option<Vec<RuleText>>,
    /// `extra_rules=`: added to the catalog.
    pub extra_rules: Vec<RuleText>,
    pub categories: Option<Vec<String>>,
    pub style: String,
    pub key: Option<Vec<u8>>,
    pub keep_start: usize,
    pub keep_end: usize,
    pub only_rules: Option<Vec<String>>,
    pub disable_rules: Vec<String>,
    pub format: String,
    pub sensitive_keys: Vec<String>,
    /// `personal_keys=`: key to personal type id, in the order given.
    pub personal_keys: Vec<(String, String)>,
    pub fail_closed: bool,
    /// `style_for=`: selector to style, in the order given.
    pub style_for: Vec<(String, String)>,
    /// `replace_with=`: a callable `(value, rule_id) -> str`.
    pub replace_with: Option<Arc<Py<PyAny>>>,
    /// Core's options, checked.
    pub options: Options,
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
    pub personal_keys: Option<Bound<'py, PyAny>>,
    pub fail_closed: bool,
    pub style_for: Option<Bound<'py, PyAny>>,
    pub replace_with: Option<Bound<'py, PyAny>>,
}

/// The replacement of a finding by a Python callable. The callable runs with the GIL taken
/// again (scans run without it); if it raises or returns something other than a `str`, the
/// error is reported through `sys.unraisablehook` and the finding gets the label marker: the
/// original value never passes.
fn python_replacer(f: Arc<Py<PyAny>>) -> Arc<ReplaceFn> {
    // A panic cannot leave the callable half-changed: Python owns its state.
    let f = std::panic::AssertUnwindSafe(f);
    Arc::new(move |finding: &Finding, bytes: &[u8]| {
        Python::attach(|py| {
            let value = String::from_utf8_lossy(bytes);
            let out = f
                .call1(py, (value.as_ref(), finding.rule_id()))
                .and_then(|r| r.extract::<String>(py));
            match out {
                Ok(s) => s,
                Err(e) => {
                    e.write_unraisable(py, Some(f.bind(py)));
                    redactum::label_marker(finding.rule_id())
                }
            }
        })
    })
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
        let style_for = match args.style_for {
            None => Vec::new(),
            Some(d) => str_pairs(
                &d,
                "style_for must be a dict of selector to style, e.g. {\"credit-card\": \"partial:0:4\"}",
                "style_for must map str selectors to str styles",
            )?,
        };
        let personal_keys = match args.personal_keys {
            None => Vec::new(),
            Some(d) => str_pairs(
                &d,
                "personal_keys must be a dict of key to personal type, e.g. {\"patient_mobile\": \"phone\"}",
                "personal_keys must map str keys to str types",
            )?,
        };
        let replace_with = match args.replace_with {
            None => None,
            Some(f) if f.is_callable() => Some(Arc::new(f.unbind())),
            Some(f) => {
                return Err(PyTypeError::new_err(format!(
                    "replace_with must be a callable (value, rule_id) -> str, not {}",
                    f.get_type().name()?
                )))
            }
        };
        let only_rules = args
            .only_rules
            .map(|o| strings(&o, "only_rules"))
            .transpose()?;
        let disable_rules = match args.disable_rules {
            Some(d) => strings(&d, "disable_rules")?,
            None => Vec::new(),
        };
        let sensitive_keys = match args.sensitive_keys {
            Some(k) => strings(&k, "sensitive_keys")?,
            None => Vec::new(),
        };
        let source = |v: &[RuleText]| {
            Value::Rules(
                v.iter()
                    .map(|r| RuleSource {
                        name: r.name.clone(),
                        text: r.text.clone(),
                    })
                    .collect(),
            )
        };
        let mut o = Options::new();
        let e = |e: redactum::Error| config(e.to_string());
        if let Some(r) = &rules {
            o.set("rules", source(r)).map_err(e)?;
        }
        o.set("extra_rules", source(&extra_rules)).map_err(e)?;
        if let Some(c) = &categories {
            o.set("categories", c.clone()).map_err(e)?;
        }
        o.set("style", args.style.as_str()).map_err(e)?;
        if let Some(k) = &key {
            o.set("key", Value::Bytes(k.clone())).map_err(e)?;
        }
        o.set("keep_start", args.keep_start).map_err(e)?;
        o.set("keep_end", args.keep_end).map_err(e)?;
        if let Some(ids) = &only_rules {
            o.set("only_rules", ids.clone()).map_err(e)?;
        }
        o.set("disable_rules", disable_rules.clone()).map_err(e)?;
        o.set("format", args.format.as_str()).map_err(e)?;
        o.set("sensitive_keys", sensitive_keys.clone()).map_err(e)?;
        o.set("personal_keys", Value::Map(personal_keys.clone()))
            .map_err(e)?;
        o.set("fail_closed", args.fail_closed).map_err(e)?;
        o.set("style_for", Value::Map(style_for.clone()))
            .map_err(e)?;
        if let Some(f) = &replace_with {
            o.set("replace_with", Value::Replace(python_replacer(f.clone())))
                .map_err(e)?;
        }
        Ok(Config {
            rules,
            extra_rules,
            categories,
            style: args.style,
            key,
            // Checked by core: from 0 to 256.
            keep_start: args.keep_start as usize,
            keep_end: args.keep_end as usize,
            only_rules,
            disable_rules,
            format: args.format,
            sensitive_keys,
            personal_keys,
            fail_closed: args.fail_closed,
            style_for,
            replace_with,
            options: o,
        })
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
        if !self.personal_keys.is_empty() {
            let m = PyDict::new(py);
            for (k, v) in &self.personal_keys {
                m.set_item(k, v)?;
            }
            d.set_item("personal_keys", m)?;
        }
        if self.fail_closed {
            d.set_item("fail_closed", true)?;
        }
        if !self.style_for.is_empty() {
            let m = PyDict::new(py);
            for (k, v) in &self.style_for {
                m.set_item(k, v)?;
            }
            d.set_item("style_for", m)?;
        }
        if let Some(f) = &self.replace_with {
            d.set_item("replace_with", f.bind(py))?;
        }
        Ok(d)
    }
}

/// A dict of `str` to `str`, in its order: `not_dict` when it is no dict, `not_str` when an
/// item is not two strings.
fn str_pairs(
    d: &Bound<'_, PyAny>,
    not_dict: &str,
    not_str: &str,
) -> PyResult<Vec<(String, String)>> {
    let d = d
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err(not_dict.to_string()))?;
    let mut out = Vec::new();
    for (k, v) in d.iter() {
        let (Ok(k), Ok(v)) = (k.extract::<String>(), v.extract::<String>()) else {
            return Err(PyTypeError::new_err(not_str.to_string()));
        };
        out.push((k, v));
    }
    Ok(out)
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
