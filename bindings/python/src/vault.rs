//! The `Vault` class: reversible placeholders for the LLM round trip (core's `redactum::Vault`).

use std::collections::BTreeMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyTuple;

use crate::error::shield;
use crate::redact::PyRedactor;

/// Placeholders given out in a conversation and the values they stand for.
///
/// ``vault.redact(redactor, text)`` replaces each distinct value found with a numbered
/// placeholder (``<EMAIL_1>``, ``<AWS_ACCESS_KEY_ID_1>``); the same value keeps its placeholder
/// across calls with the same vault. ``vault.restore(answer)`` puts the values back wherever
/// and however often the placeholders appear. Thread-safe; picklable (``to_json`` /
/// ``Vault.from_json``). It holds the secrets: store it as carefully as the original text.
#[pyclass(module = "redactum._redactum", name = "Vault", frozen)]
pub struct PyVault {
    inner: Mutex<redactum::Vault>,
}

impl PyVault {
    fn lock(&self) -> std::sync::MutexGuard<'_, redactum::Vault> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[pymethods]
impl PyVault {
    #[new]
    fn new() -> Self {
        PyVault {
            inner: Mutex::new(redactum::Vault::new()),
        }
    }

    /// Redacts ``text`` with ``redactor``, replacing each value with a placeholder recorded
    /// in this vault. Placeholder-shaped text already in ``text`` is kept and never given out.
    fn redact(
        &self,
        py: Python<'_>,
        redactor: Bound<'_, PyRedactor>,
        text: PyBackedStr,
    ) -> PyResult<String> {
        let r = redactor.get().inner.clone();
        py.detach(|| shield(|| r.redact_reversible(&text, &mut self.lock())))
    }

    /// ``text`` with every placeholder of this vault replaced by its value; unknown
    /// placeholders stay as they are.
    fn restore(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<String> {
        py.detach(|| shield(|| self.lock().restore(&text)))
    }

    /// Adds the placeholders of ``other`` (a later turn's vault, a saved one). Known values keep
    /// this vault's placeholder; a new value whose placeholder is taken gets the next number.
    /// Returns ``{old: new}`` for the placeholders of ``other`` that were renamed.
    fn merge(&self, other: Bound<'_, PyVault>) -> PyResult<BTreeMap<String, String>> {
        // Copy first: `other` may be this very vault.
        let theirs = other.get().lock().clone();
        shield(|| self.lock().merge(&theirs))
    }

    /// The vault as a JSON string (for ``Vault.from_json``).
    fn to_json(&self) -> String {
        self.lock().to_json()
    }

    /// Loads a vault saved by ``to_json``; ``VaultError`` (a ``ValueError``) if it is not one.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        redactum::Vault::from_json(json)
            .map(|v| PyVault {
                inner: Mutex::new(v),
            })
            .map_err(|e| crate::error::VaultError::new_err(e.to_string()))
    }

    /// The value behind ``placeholder``, or ``None``.
    fn get(&self, placeholder: &str) -> Option<String> {
        self.lock().get(placeholder).map(str::to_string)
    }

    /// ``(placeholder, value, rule_id)`` for each placeholder, in the order given out.
    fn entries(&self) -> Vec<(String, String, String)> {
        self.lock()
            .entries()
            .iter()
            .map(|e| (e.placeholder.clone(), e.value.clone(), e.rule.clone()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.lock().len()
    }

    fn __repr__(&self) -> String {
        format!("<redactum.Vault with {} placeholders>", self.lock().len())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let from_json = py.get_type::<PyVault>().getattr("from_json")?;
        (from_json, (self.to_json(),)).into_pyobject(py)
    }
}
