//! Findings and rule listings, with offsets converted from UTF-8 bytes to code points.

use pyo3::prelude::*;

/// One redacted span: Python string indices (`start`/`end`, code points, so
/// `text[f.start:f.end]` is the secret) and UTF-8 byte offsets (`byte_start`/`byte_end`).
#[pyclass(module = "redactum._redactum", name = "Finding", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PyFinding {
    #[pyo3(get)]
    pub rule_id: String,
    #[pyo3(get)]
    pub category: &'static str,
    #[pyo3(get)]
    pub start: usize,
    #[pyo3(get)]
    pub end: usize,
    #[pyo3(get)]
    pub byte_start: usize,
    #[pyo3(get)]
    pub byte_end: usize,
}

#[pymethods]
impl PyFinding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(rule_id='{}', category='{}', start={}, end={}, byte_start={}, byte_end={})",
            self.rule_id, self.category, self.start, self.end, self.byte_start, self.byte_end
        )
    }
}

/// Converts core findings (byte offsets into `text`) to Python findings. Offsets are widened
/// to character boundaries first, as `Redactor::redact` does, so both pairs describe the same
/// characters.
pub fn convert(text: &str, found: Vec<redactum::Finding>) -> Vec<PyFinding> {
    let mut spans: Vec<(usize, usize)> = found
        .iter()
        .map(|f| {
            let (mut s, mut e) = (f.start().min(text.len()), f.end().min(text.len()));
            while !text.is_char_boundary(s) {
                s -= 1;
            }
            while !text.is_char_boundary(e) {
                e += 1;
            }
            (s, e)
        })
        .collect();
    // Code point index of every offset, in one forward pass over the text.
    let mut marks: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    marks.sort_unstable();
    marks.dedup();
    let bytes = text.as_bytes();
    let mut chars_at = Vec::with_capacity(marks.len());
    let (mut pos, mut chars) = (0usize, 0usize);
    for &m in &marks {
        chars += bytes[pos..m]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        pos = m;
        chars_at.push(chars);
    }
    let index = |b: usize| chars_at[marks.binary_search(&b).expect("every offset is marked")];
    found
        .iter()
        .zip(spans.drain(..))
        .map(|(f, (s, e))| PyFinding {
            rule_id: f.rule_id().to_string(),
            category: f.category().as_str(),
            start: index(s),
            end: index(e),
            byte_start: s,
            byte_end: e,
        })
        .collect()
}

/// A compiled rule, as listed by `Redactor.rules()`.
#[pyclass(module = "redactum._redactum", name = "RuleInfo", frozen)]
pub struct PyRuleInfo {
    #[pyo3(get)]
    pub id: String,
    #[pyo3(get)]
    pub name: String,
    #[pyo3(get)]
    pub category: &'static str,
    #[pyo3(get)]
    pub keywords: Vec<String>,
}

impl From<redactum::RuleInfo> for PyRuleInfo {
    fn from(r: redactum::RuleInfo) -> Self {
        PyRuleInfo {
            id: r.id,
            name: r.name,
            category: r.category.as_str(),
            keywords: r.keywords,
        }
    }
}

#[pymethods]
impl PyRuleInfo {
    fn __repr__(&self) -> String {
        format!(
            "RuleInfo(id={:?}, name={:?}, category={:?})",
            self.id, self.name, self.category
        )
    }
}
