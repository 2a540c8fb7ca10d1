//! The `Redactor` class: whole-input redaction, findings and batches, with the GIL released
//! around every scan.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};
use redactum::Format;

use crate::builder::{Args, Config};
use crate::error::{config, shield, to_py};
use crate::finding::{convert, PyFinding, PyRuleInfo};

/// Finds and replaces secrets and personal data. Built once; thread-safe; picklable.
#[pyclass(module = "redactum._redactum", name = "Redactor", frozen)]
pub struct PyRedactor {
    pub(crate) inner: redactum::Redactor,
    config: Config,
    /// For `redact_json` when `format` is `text` or `logfmt`: the same options with JSON lines
    /// read as JSON, built on first use.
    structured: OnceLock<redactum::Redactor>,
}

#[pymethods]
impl PyRedactor {
    #[new]
    #[pyo3(signature = (
        *,
        rules = None,
        extra_rules = None,
        categories = None,
        style = "label".to_string(),
        key = None,
        keep_start = 4,
        keep_end = 4,
        only_rules = None,
        disable_rules = None,
        format = "auto".to_string(),
        sensitive_keys = None,
        personal_keys = None,
        fail_closed = false,
        style_for = None,
        replace_with = None,
    ))]
    #[pyo3(
        text_signature = "(*, rules=None, extra_rules=None, categories=None, style='label', key=None, keep_start=4, keep_end=4, only_rules=None, disable_rules=None, format='auto', sensitive_keys=None, personal_keys=None, fail_closed=False, style_for=None, replace_with=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        rules: Option<Bound<'_, PyAny>>,
        extra_rules: Option<Bound<'_, PyAny>>,
        categories: Option<Bound<'_, PyAny>>,
        style: String,
        key: Option<Bound<'_, PyAny>>,
        keep_start: i64,
        keep_end: i64,
        only_rules: Option<Bound<'_, PyAny>>,
        disable_rules: Option<Bound<'_, PyAny>>,
        format: String,
        sensitive_keys: Option<Bound<'_, PyAny>>,
        personal_keys: Option<Bound<'_, PyAny>>,
        fail_closed: bool,
        style_for: Option<Bound<'_, PyAny>>,
        replace_with: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let config = Config::from_args(Args {
            rules,
            extra_rules,
            categories,
            style,
            key,
            keep_start,
            keep_end,
            only_rules,
            disable_rules,
            format,
            sensitive_keys,
            personal_keys,
            fail_closed,
            style_for,
            replace_with,
        })?;
        let options = config.options.clone();
        // Compiling a large catalog takes a while: let other threads run meanwhile. Core
        // shares the compiled redactor between instances with the same options.
        let built = py.detach(|| shield(|| options.build()))?;
        let inner = match built {
            Ok(inner) => inner,
            Err(e) => return Err(with_hint(py, to_py(py, &e), &e, &config)),
        };
        // Imported (gitleaks) rules that were skipped or changed: one warning each.
        if let Some(b) = config.user_rules_builder() {
            let category = py.get_type::<crate::error::RuleWarning>();
            for w in py.detach(|| shield(|| b.warnings().unwrap_or_default()))? {
                let msg = std::ffi::CString::new(w.replace('\0', " "))
                    .unwrap_or_else(|_| c"unprintable rule warning".to_owned());
                PyErr::warn(py, &category, &msg, 1)?;
            }
        }
        Ok(PyRedactor {
            inner,
            config,
            structured: OnceLock::new(),
        })
    }

    /// Redacts `text`; returns `text` itself when there is nothing to replace.
    fn redact<'py>(
        &self,
        py: Python<'py>,
        text: Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        let data: PyBackedStr = text.clone().try_into()?;
        let out = py.detach(|| shield(|| self.inner.redact(&data)))?;
        Ok(match out {
            Cow::Borrowed(_) => text,
            Cow::Owned(s) => PyString::new(py, &s),
        })
    }

    /// Redacts a byte string (UTF-8 or not); returns `data` itself when it is `bytes` and there
    /// is nothing to replace.
    fn redact_bytes<'py>(
        &self,
        py: Python<'py>,
        data: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bytes: PyBackedBytes = data.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "redact_bytes() takes bytes or bytearray, not {}",
                data.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        let out = py.detach(|| shield(|| self.inner.redact_bytes(&bytes)))?;
        Ok(match out {
            Cow::Borrowed(_) if data.is_exact_instance_of::<PyBytes>() => data,
            c => PyBytes::new(py, &c).into_any(),
        })
    }

    /// Redacts `text` as `redact` does, except that lines that parse as JSON are always read as
    /// JSON, whatever `format` is: their strings are scanned and the values of sensitive keys
    /// replaced at any depth (with `format="logfmt"`, the other lines are read as `auto` reads
    /// them). For structured data such as log record fields: `RedactingFilter` uses it.
    fn redact_json<'py>(
        &self,
        py: Python<'py>,
        text: Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        let data: PyBackedStr = text.clone().try_into()?;
        let out = py.detach(|| {
            shield(|| {
                self.structured().map(|r| match r.redact(&data) {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(s) => Some(s),
                })
            })
        })?;
        Ok(match out.map_err(|e| to_py(py, &e))? {
            None => text,
            Some(s) => PyString::new(py, &s),
        })
    }

    /// Redacts `text` and returns `(redacted, findings)` in one pass: the output of `redact`
    /// and a finding per replaced span (code-point offsets into `text`), following `format`
    /// (values of sensitive keys in structured lines included).
    fn redact_with_findings(
        &self,
        py: Python<'_>,
        text: Bound<'_, PyString>,
    ) -> PyResult<(String, Vec<PyFinding>)> {
        let data: PyBackedStr = text.try_into()?;
        py.detach(|| {
            shield(|| {
                let (out, found) = self.inner.redact_with_findings(&data);
                let found = found.into_iter().map(|f| f.finding).collect();
                (out, convert(&data, found))
            })
        })
    }

    /// The redacted spans of `text`, in order; with `overlapping=True`, every finding of every
    /// rule before overlapping findings are merged. `text` is read as plain text whatever the
    /// `format` (core's `find_iter`): the values of sensitive keys in structured lines are not
    /// reported.
    #[pyo3(signature = (text, *, overlapping = false))]
    fn find(
        &self,
        py: Python<'_>,
        text: Bound<'_, PyString>,
        overlapping: bool,
    ) -> PyResult<Vec<PyFinding>> {
        let data: PyBackedStr = text.try_into()?;
        py.detach(|| {
            shield(|| {
                let found = if overlapping {
                    self.inner.find_overlapping(data.as_bytes())
                } else {
                    self.inner.find_iter(data.as_bytes()).collect()
                };
                convert(&data, found)
            })
        })
    }

    /// True if a rule matches in `text`, read as plain text whatever the `format` (the values
    /// of sensitive keys in structured lines do not count).
    fn is_match(&self, py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<bool> {
        let data: PyBackedStr = text.try_into()?;
        py.detach(|| shield(|| self.inner.is_match(data.as_bytes())))
    }

    /// Redacts many texts in parallel, results in order: `threads` threads (default: one per
    /// core). A `None` item comes back as `None`.
    #[pyo3(signature = (texts, threads = None))]
    fn redact_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Bound<'py, PyAny>,
        threads: Option<i64>,
    ) -> PyResult<Vec<Option<Bound<'py, PyString>>>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "redact_batch() takes a list of str, not a str",
            ));
        }
        let mut objs: Vec<Option<Bound<'py, PyString>>> = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            if item.is_none() {
                objs.push(None);
                continue;
            }
            let s = item.cast_into::<PyString>().map_err(|e| {
                PyTypeError::new_err(format!(
                    "redact_batch() item {i} must be str or None, not {}",
                    e.into_inner()
                        .get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            objs.push(Some(s));
        }
        let data: Vec<PyBackedStr> = objs
            .iter()
            .flatten()
            .map(|o| o.clone().try_into())
            .collect::<PyResult<_>>()?;
        let n = match threads {
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Some(n) if n < 1 => return Err(config(format!("threads must be at least 1, not {n}"))),
            Some(n) => usize::try_from(n)
                .map_err(|_| config(format!("threads must be at most 1024, not {n}")))?,
        };
        let workers = if n > 1 && data.len() > 1 {
            Some(pool(n)?)
        } else {
            None
        };
        let inner = &self.inner;
        let texts: Vec<&str> = data.iter().map(|t| &**t).collect();
        // `None` marks a text with nothing to replace: the input object is returned as is.
        // The texts are screened in blocks (`Redactor::redact_each`).
        let out: Vec<Option<String>> = py.detach(|| {
            shield(|| match workers {
                Some(p) => p.install(|| inner.redact_each(&texts, n)),
                None => inner.redact_each(&texts, 1),
            })
        })?;
        let mut out = out.into_iter();
        Ok(objs
            .into_iter()
            .map(|obj| {
                let obj = obj?;
                // One result per `Some` item, in order.
                match out.next().flatten() {
                    None => Some(obj),
                    Some(s) => Some(PyString::new(py, &s)),
                }
            })
            .collect())
    }

    /// Copies the file-like `src` to `dst`, redacting, in bounded memory. Each may be text or
    /// binary (text is UTF-8 encoded). A binary source with `read1` (a buffered file, a pipe)
    /// is redacted as data arrives, each line written as soon as it is complete; a text-mode
    /// source's `read(n)` waits for n characters, so for live input pass `sys.stdin.buffer`
    /// rather than `sys.stdin`. `dst` is flushed after each write. Exceptions from `read` or
    /// `write` propagate unchanged.
    fn redact_stream(
        &self,
        py: Python<'_>,
        src: Bound<'_, PyAny>,
        dst: Bound<'_, PyAny>,
    ) -> PyResult<crate::stream::PyStreamStats> {
        crate::stream::redact_stream(py, &self.inner, src, dst)
    }

    /// The compiled rules, in order.
    fn rules(&self) -> PyResult<Vec<PyRuleInfo>> {
        shield(|| {
            self.inner
                .rules()
                .into_iter()
                .map(PyRuleInfo::from)
                .collect()
        })
    }

    #[getter]
    fn style(&self) -> &str {
        &self.config.style
    }

    fn __repr__(&self) -> String {
        format!(
            "Redactor(style='{}', rules={})",
            self.config.style,
            self.inner.rules().len()
        )
    }

    /// Pickles as its constructor arguments (rule files already read, the hash key included),
    /// so it can be sent to worker processes and Spark executors.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let newobj = py.import("copyreg")?.getattr("__newobj_ex__")?;
        let kwargs = slf.get().config.to_kwargs(py)?;
        let args = (slf.get_type(), PyTuple::empty(py), kwargs).into_pyobject(py)?;
        (newobj, args).into_pyobject(py)
    }

    /// Constructor arguments, for `copyreg` and pickle protocol 2 and later.
    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        Ok((PyTuple::empty(py), self.config.to_kwargs(py)?))
    }

    /// Immutable: a copy is the same object.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }
}

impl PyRedactor {
    /// The redactor of `redact_json`: this one when it already reads JSON lines as JSON.
    fn structured(&self) -> Result<&redactum::Redactor, redactum::Error> {
        let format = match self.config.options.format() {
            Format::Text => "json",
            Format::Logfmt => "auto",
            _ => return Ok(&self.inner),
        };
        if let Some(r) = self.structured.get() {
            return Ok(r);
        }
        let mut options = self.config.options.clone();
        options.set("format", format)?;
        let built = options.build()?;
        // Two threads may build at once: the first stored wins, both are equivalent.
        Ok(self.structured.get_or_init(|| built))
    }
}

/// A rayon pool of `n` threads, built once per size and process and kept.
///
/// Our own pools rather than rayon's global one: after `fork` (multiprocessing's default on
/// Linux) a child has none of its parent's threads, and a pool inherited from the parent would
/// wait for them forever; pools are keyed by process id and rebuilt in a child.
pub(crate) fn pool(n: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    type Pools = (u32, HashMap<usize, Arc<rayon::ThreadPool>>);
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    if n > 1024 {
        return Err(config(format!("threads must be at most 1024, not {n}")));
    }
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    if pools.0 != pid {
        // The parent's pools have no threads here; dropping them could wait on those threads.
        std::mem::forget(std::mem::take(&mut pools.1));
        pools.0 = pid;
    }
    if let Some(p) = pools.1.get(&n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("redactum-{i}"))
        .build()
        .map_err(|e| {
            pyo3::exceptions::PyRuntimeError::new_err(format!("cannot start {n} threads: {e}"))
        })?;
    let p = Arc::new(p);
    pools.1.insert(n, p.clone());
    Ok(p)
}

/// A `str` passed as `rules=` is TOML text; if it is really the name of a file, say so.
fn with_hint(py: Python<'_>, err: PyErr, e: &redactum::Error, config: &Config) -> PyErr {
    if e.kind() != redactum::ErrorKind::Syntax {
        return err;
    }
    let looks_like_path = config
        .rules
        .iter()
        .flatten()
        .chain(&config.extra_rules)
        .filter(|r| {
            // Core names the source and may add `:line`.
            let src = e.source_name().unwrap_or_default();
            r.name.starts_with('<')
                && src
                    .strip_prefix(r.name.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
        })
        .any(|r| !r.text.contains('\n') && std::path::Path::new(r.text.trim()).is_file());
    if !looks_like_path {
        return err;
    }
    let msg = format!("{e} (a str is TOML text: pass pathlib.Path(...) to read a file)");
    let new = crate::error::RuleError::new_err(msg);
    for attr in ["kind", "rule_id", "source"] {
        if let Ok(v) = err.value(py).getattr(attr) {
            let _ = new.value(py).setattr(attr, v);
        }
    }
    new
}
