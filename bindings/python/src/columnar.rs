//! Arrow string columns (the private half of `redactum.arrow`): the core's column API over
//! the buffers of a pyarrow array, read in place, with the GIL released.
//!
//! The module is built for the stable ABI from Python 3.9, where the buffer protocol is not
//! available to extensions; pyarrow buffers are read through their `address` and `size`
//! instead, while the Python caller holds the array (and so the buffers) alive.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use redactum::{Column, ColumnError, Offset, Redactor, Validity};

use crate::error::{config, shield};
use crate::redact::{pool, PyRedactor};

/// The bytes of a pyarrow `Buffer` (or `None`: empty).
fn buffer_bytes<'a>(buf: &'a Option<Bound<'_, PyAny>>, what: &str) -> PyResult<&'a [u8]> {
    let Some(buf) = buf else {
        return Ok(&[]);
    };
    // Only pyarrow's own Buffer is trusted to describe memory it owns.
    let class = buf.py().import("pyarrow")?.getattr("Buffer")?;
    if !buf.is_instance(&class)? {
        return Err(PyTypeError::new_err(format!(
            "the {what} buffer must be a pyarrow Buffer"
        )));
    }
    if let Ok(cpu) = buf.getattr("is_cpu") {
        if !cpu.is_truthy()? {
            return Err(PyValueError::new_err(format!(
                "the {what} buffer is not in main memory"
            )));
        }
    }
    let address: usize = buf
        .getattr("address")?
        .extract()
        .map_err(|_| PyTypeError::new_err(format!("the {what} buffer must be a pyarrow Buffer")))?;
    let size: usize = buf.getattr("size")?.extract()?;
    if size == 0 || address == 0 {
        return Ok(&[]);
    }
    // SAFETY: a pyarrow Buffer owns `size` readable, immutable bytes at `address` for as long
    // as it lives, and the `Bound` borrowed for 'a keeps it alive.
    Ok(unsafe { std::slice::from_raw_parts(address as *const u8, size) })
}

/// The offsets of rows `offset .. offset + length` from an offsets buffer, little-endian.
fn offsets_of<O: Offset + FromLe>(bytes: &[u8], offset: usize, length: usize) -> PyResult<Vec<O>> {
    let size = std::mem::size_of::<O>();
    let start = offset * size;
    let end = (offset + length + 1) * size;
    let Some(part) = bytes.get(start..end) else {
        return Err(PyValueError::new_err(format!(
            "the offsets buffer has {} bytes, {length} rows from row {offset} need {end}",
            bytes.len()
        )));
    };
    // Copied (4 or 8 bytes a row) rather than cast: the buffer need not be aligned.
    Ok(part.chunks_exact(size).map(O::from_le).collect())
}

/// Offsets read from little-endian bytes (Arrow's layout on every platform we build for).
trait FromLe: Sized {
    fn from_le(b: &[u8]) -> Self;
    fn to_le(self, out: &mut Vec<u8>);
}

impl FromLe for i32 {
    fn from_le(b: &[u8]) -> i32 {
        i32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
    fn to_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl FromLe for i64 {
    fn from_le(b: &[u8]) -> i64 {
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        i64::from_le_bytes(a)
    }
    fn to_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

fn column_error(e: ColumnError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn thread_count(threads: Option<i64>) -> PyResult<usize> {
    match threads {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if n < 1 => Err(config(format!("threads must be at least 1, not {n}"))),
        Some(n) => {
            usize::try_from(n).map_err(|_| config(format!("threads must be at most 1024, not {n}")))
        }
    }
}

/// Runs `f` with the GIL released, on a pool of `threads` threads when there are several.
fn run<T: Send>(py: Python<'_>, threads: usize, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    let workers = if threads > 1 {
        Some(pool(threads)?)
    } else {
        None
    };
    py.detach(|| {
        shield(|| match workers {
            Some(p) => p.install(f),
            None => f(),
        })
    })
}

/// One array's buffers, as passed from Python.
struct Input<'py> {
    large: bool,
    length: usize,
    offset: usize,
    validity: Option<Bound<'py, PyAny>>,
    offsets: Option<Bound<'py, PyAny>>,
    data: Option<Bound<'py, PyAny>>,
}

/// Calls `f` with the checked column, whatever its offset type.
fn with_column<'py, T>(
    input: &Input<'py>,
    f: impl FnOnce(ColumnRef<'_>) -> PyResult<T>,
) -> PyResult<T> {
    let values = buffer_bytes(&input.data, "data")?;
    let offset_bytes = buffer_bytes(&input.offsets, "offsets")?;
    let bits = buffer_bytes(&input.validity, "validity")?;
    let validity = input
        .validity
        .as_ref()
        .map(|_| Validity::new(bits, input.offset));
    if input.length == 0 {
        // Arrow allows an empty array with no offsets buffer at all.
        return if input.large {
            f(ColumnRef::Large(
                Column::new(values, &[0i64], None).map_err(column_error)?,
            ))
        } else {
            f(ColumnRef::Small(
                Column::new(values, &[0i32], None).map_err(column_error)?,
            ))
        };
    }
    if input.large {
        let offsets = offsets_of::<i64>(offset_bytes, input.offset, input.length)?;
        f(ColumnRef::Large(
            Column::new(values, &offsets, validity).map_err(column_error)?,
        ))
    } else {
        let offsets = offsets_of::<i32>(offset_bytes, input.offset, input.length)?;
        f(ColumnRef::Small(
            Column::new(values, &offsets, validity).map_err(column_error)?,
        ))
    }
}

enum ColumnRef<'a> {
    Small(Column<'a, i32>),
    Large(Column<'a, i64>),
}

fn le_bytes<O: FromLe + Copy>(offsets: &[O]) -> Vec<u8> {
    let mut out = Vec::with_capacity(std::mem::size_of_val(offsets));
    for &o in offsets {
        o.to_le(&mut out);
    }
    out
}

type Buffers<'py> = (
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Option<Bound<'py, PyBytes>>,
);

/// Redacts a `string` (`large=False`) or `large_string` array given by its buffers; returns
/// the new data, offsets and validity (from bit 0) buffers as bytes.
#[pyfunction]
#[pyo3(signature = (redactor, large, length, offset, validity, offsets, data, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn _column_redact<'py>(
    py: Python<'py>,
    redactor: &Bound<'py, PyRedactor>,
    large: bool,
    length: usize,
    offset: usize,
    validity: Option<Bound<'py, PyAny>>,
    offsets: Option<Bound<'py, PyAny>>,
    data: Option<Bound<'py, PyAny>>,
    threads: Option<i64>,
) -> PyResult<Buffers<'py>> {
    let threads = thread_count(threads)?;
    let r: &Redactor = &redactor.get().inner;
    let input = Input {
        large,
        length,
        offset,
        validity,
        offsets,
        data,
    };
    let (values, offsets, validity) = with_column(&input, |col| {
        let out = run(py, threads, || match &col {
            ColumnRef::Small(c) => r
                .redact_column(c, threads)
                .map(|o| (o.values, le_bytes(&o.offsets), o.validity)),
            ColumnRef::Large(c) => r
                .redact_column(c, threads)
                .map(|o| (o.values, le_bytes(&o.offsets), o.validity)),
        })?;
        out.map_err(column_error)
    })?;
    Ok((
        PyBytes::new(py, &values),
        PyBytes::new(py, &offsets),
        validity.map(|v| PyBytes::new(py, &v)),
    ))
}

/// Per row, whether anything would be redacted: the values and validity (`None`: no null)
/// bitmaps of a boolean array.
#[pyfunction]
#[pyo3(signature = (redactor, large, length, offset, validity, offsets, data, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn _column_is_match<'py>(
    py: Python<'py>,
    redactor: &Bound<'py, PyRedactor>,
    large: bool,
    length: usize,
    offset: usize,
    validity: Option<Bound<'py, PyAny>>,
    offsets: Option<Bound<'py, PyAny>>,
    data: Option<Bound<'py, PyAny>>,
    threads: Option<i64>,
) -> PyResult<(Bound<'py, PyBytes>, Option<Bound<'py, PyBytes>>)> {
    let threads = thread_count(threads)?;
    let r: &Redactor = &redactor.get().inner;
    let input = Input {
        large,
        length,
        offset,
        validity,
        offsets,
        data,
    };
    let flags = with_column(&input, |col| {
        run(py, threads, || match &col {
            ColumnRef::Small(c) => r.is_match_column(c, threads),
            ColumnRef::Large(c) => r.is_match_column(c, threads),
        })
    })?;
    let mut bits = vec![0u8; flags.len().div_ceil(8)];
    let mut valid = bits.clone();
    for (i, f) in flags.iter().enumerate() {
        if *f == Some(true) {
            bits[i / 8] |= 1 << (i % 8);
        }
        if f.is_some() {
            valid[i / 8] |= 1 << (i % 8);
        }
    }
    let any_null = flags.iter().any(Option::is_none);
    Ok((
        PyBytes::new(py, &bits),
        any_null.then(|| PyBytes::new(py, &valid)),
    ))
}

/// Findings as columns: (row, start, end, byte_start, byte_end) as little-endian int64
/// buffers, each finding's index into the rule table as int32, and the table (rule ids and
/// their categories). `start`/`end` count code points.
type FoundColumns<'py> = (
    usize,
    [Bound<'py, PyBytes>; 5],
    Bound<'py, PyBytes>,
    Vec<String>,
    Vec<&'static str>,
);

#[pyfunction]
#[pyo3(signature = (redactor, large, length, offset, validity, offsets, data, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn _column_find<'py>(
    py: Python<'py>,
    redactor: &Bound<'py, PyRedactor>,
    large: bool,
    length: usize,
    offset: usize,
    validity: Option<Bound<'py, PyAny>>,
    offsets: Option<Bound<'py, PyAny>>,
    data: Option<Bound<'py, PyAny>>,
    threads: Option<i64>,
) -> PyResult<FoundColumns<'py>> {
    let threads = thread_count(threads)?;
    let r: &Redactor = &redactor.get().inner;
    let input = Input {
        large,
        length,
        offset,
        validity,
        offsets,
        data,
    };
    let table = with_column(&input, |col| {
        run(py, threads, || match &col {
            ColumnRef::Small(c) => found_table(c, r.find_column(c, threads)),
            ColumnRef::Large(c) => found_table(c, r.find_column(c, threads)),
        })
    })?;
    let n = table.rows.len();
    let ints = |v: &[i64]| PyBytes::new(py, &le_bytes(v));
    Ok((
        n,
        [
            ints(&table.rows),
            ints(&table.starts),
            ints(&table.ends),
            ints(&table.byte_starts),
            ints(&table.byte_ends),
        ],
        PyBytes::new(py, &le_bytes(&table.rule_index)),
        table.ids,
        table.categories,
    ))
}

#[derive(Default)]
pub(crate) struct FoundTable {
    pub(crate) rows: Vec<i64>,
    pub(crate) starts: Vec<i64>,
    pub(crate) ends: Vec<i64>,
    pub(crate) byte_starts: Vec<i64>,
    pub(crate) byte_ends: Vec<i64>,
    pub(crate) rule_index: Vec<i32>,
    pub(crate) ids: Vec<String>,
    pub(crate) categories: Vec<&'static str>,
}

/// Code points before each offset are counted in one forward pass per row: findings of a row
/// come sorted and do not overlap.
pub(crate) fn found_table<O: Offset>(
    col: &Column<'_, O>,
    found: Vec<redactum::ColumnFinding>,
) -> FoundTable {
    let mut t = FoundTable::default();
    let mut index = std::collections::HashMap::<String, i32>::new();
    let chars = |b: &[u8]| b.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as i64;
    let (mut row, mut pos, mut count) = (usize::MAX, 0usize, 0i64);
    for f in found {
        let value = col.value(f.row).unwrap_or_default();
        if f.row != row {
            (row, pos, count) = (f.row, 0, 0);
        }
        let (s, e) = (f.start.min(value.len()), f.end.min(value.len()));
        if s >= pos {
            count += chars(&value[pos..s]);
        } else {
            count = chars(&value[..s]);
        }
        pos = s;
        let start = count;
        let end = start + chars(&value[s..e.max(s)]);
        t.rows.push(f.row as i64);
        t.starts.push(start);
        t.ends.push(end);
        t.byte_starts.push(f.start as i64);
        t.byte_ends.push(f.end as i64);
        let next = t.ids.len() as i32;
        let i = *index.entry(f.rule_id.clone()).or_insert_with(|| {
            t.ids.push(f.rule_id.clone());
            t.categories.push(f.category.as_str());
            next
        });
        t.rule_index.push(i);
    }
    t
}

/// Adds the functions of this file to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_column_redact, m)?)?;
    m.add_function(wrap_pyfunction!(_column_is_match, m)?)?;
    m.add_function(wrap_pyfunction!(_column_find, m)?)?;
    Ok(())
}
