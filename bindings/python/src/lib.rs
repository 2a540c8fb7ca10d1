//! The compiled half of the `redactum` Python package (`redactum._redactum`).
//!
//! Thin: every behaviour comes from the `redactum` crate. This crate converts arguments,
//! offsets (bytes in Rust, code points in Python) and errors, releases the GIL around every
//! scan, and never lets a Rust panic reach Python. One file per core area:
//! `builder` (constructor options, pickling), `redact` (the `Redactor` class),
//! `finding` (findings and offsets), `stream` (file-like adaptors), `columnar` (Arrow
//! buffers), `polars_plugin` (the Polars expression plugin, with `pickle` for its options),
//! `error`.

use pyo3::prelude::*;

mod builder;
mod columnar;
mod error;
mod finding;
mod pickle;
mod polars_plugin;
mod redact;
mod stream;
mod vault;

#[pymodule]
fn _redactum(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<redact::PyRedactor>()?;
    m.add_class::<finding::PyFinding>()?;
    m.add_class::<finding::PyRuleInfo>()?;
    m.add_class::<stream::PyStreamStats>()?;
    m.add_class::<vault::PyVault>()?;
    #[cfg(feature = "test-hooks")]
    m.add_function(wrap_pyfunction!(error::_panic_for_tests, m)?)?;
    columnar::register(m)?;
    m.add_function(wrap_pyfunction!(polars_plugin::_polars_plugin_seed, m)?)?;
    Ok(())
}
