//! Core errors to Python exceptions, and the panic shield.
//!
//! The exception classes live in `redactum/_errors.py` (pure Python, so they can inherit from
//! both `RedactumError` and `ValueError`/`RuntimeError`) and are imported lazily.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use redactum::ErrorKind;

pyo3::import_exception!(redactum._errors, RuleError);
pyo3::import_exception!(redactum._errors, ConfigError);
pyo3::import_exception!(redactum._errors, InternalError);
pyo3::import_exception!(redactum._errors, VaultError);
pyo3::import_exception!(redactum._errors, RuleWarning);

/// Converts a core error: rule problems to `RuleError`, builder options to `ConfigError`,
/// unreadable files to `OSError`. The message is core's, which names the file and the rule;
/// `kind`, `rule_id` and `source` are set as attributes too.
pub fn to_py(py: Python<'_>, e: &redactum::Error) -> PyErr {
    let msg = e.to_string();
    let (err, kind) = match e.kind() {
        ErrorKind::Config => (ConfigError::new_err(msg), "config"),
        ErrorKind::Io => return PyOSError::new_err(msg),
        ErrorKind::Syntax => (RuleError::new_err(msg), "syntax"),
        ErrorKind::UnknownField => (RuleError::new_err(msg), "unknown-field"),
        ErrorKind::InvalidRule => (RuleError::new_err(msg), "invalid-rule"),
        ErrorKind::InvalidRegex => (RuleError::new_err(msg), "invalid-regex"),
        ErrorKind::Unsupported => (RuleError::new_err(msg), "unsupported"),
        ErrorKind::EmptyMatch => (RuleError::new_err(msg), "empty-match"),
        ErrorKind::TooBig => (RuleError::new_err(msg), "too-big"),
        ErrorKind::TooCostly => (RuleError::new_err(msg), "too-costly"),
        ErrorKind::UnknownValidator => (RuleError::new_err(msg), "unknown-validator"),
        ErrorKind::DuplicateId => (RuleError::new_err(msg), "duplicate-id"),
        _ => (RuleError::new_err(msg), "other"),
    };
    let value = err.value(py);
    // Attributes are a convenience: failing to set them must not hide the real error.
    let _ = value.setattr("kind", kind);
    let _ = value.setattr("rule_id", e.rule_id());
    let _ = value.setattr("source", e.source_name());
    err
}

/// A `ConfigError` (a `ValueError`) raised by the binding itself.
pub fn config(msg: impl Into<String>) -> PyErr {
    ConfigError::new_err(msg.into())
}

/// Runs `f`, turning a panic into `InternalError` (a `RuntimeError`) instead of letting it
/// unwind into Python, where PyO3 would raise `PanicException`, a `BaseException` that
/// `except Exception` does not catch.
pub fn shield<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        InternalError::new_err(format!(
            "internal error in redactum (please report it): {what}"
        ))
    })
}

/// Panics inside [`shield`]: lets the test suite check that no panic reaches Python. Only in
/// test builds (the `test-hooks` feature).
#[cfg(feature = "test-hooks")]
#[pyfunction]
pub fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    py.detach(|| shield(|| panic!("deliberate panic for the test suite")))
}
