//! A Polars expression plugin in this same library: `pl.col(..).redactum.redact()` and
//! `.is_match()` run inside Polars' own engine (its threads, its streaming chunks) with no
//! Python and no GIL per batch.
//!
//! Polars loads a plugin by path and calls C functions named `_polars_plugin_<name>` (and
//! `_polars_plugin_field_<name>` for the output type) with its version-0 interface: Series
//! travel as Arrow C data (schema plus one array per chunk) wrapped in a `SeriesExport`, the
//! keyword arguments as `pickle.dumps(dict, protocol=5)`. That interface is small and stable
//! (Polars checks the major version the plugin reports), so it is implemented here on the
//! Arrow C data structs directly rather than through `pyo3-polars`, which would bring a
//! second PyO3 version and all of Polars' crates into the build.
//!
//! The keyword arguments are the `Redactor`'s constructor arguments (what pickling it
//! keeps), so an expression carries its options with it. Each distinct set builds one
//! `Redactor`, kept in a small cache (the Python side puts the one it already built there).
//! Input columns are `String` (Arrow `string_view`, as Polars passes them, or `string` and
//! `large_string`) or `Null`; the output is `large_string` (which Polars stores as its own
//! `String`) or boolean, with the same length and nulls. Nothing unwinds into Polars: errors
//! and panics become the plugin's error message, which Polars raises as a `ComputeError`.

use std::cell::RefCell;
use std::ffi::{c_char, c_void, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use pyo3::prelude::*;
use redactum::{Column, Options, Redactor, RuleSource, Validity, Value};

use crate::columnar::found_table;
use crate::pickle::{loads, Pickled};
use crate::redact::PyRedactor;

/// The Arrow C data interface's schema.
#[repr(C)]
pub struct ArrowSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut ArrowSchema,
    dictionary: *mut ArrowSchema,
    release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    private_data: *mut c_void,
}

/// The Arrow C data interface's array.
#[repr(C)]
pub struct ArrowArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut ArrowArray,
    dictionary: *mut ArrowArray,
    release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    private_data: *mut c_void,
}

/// Polars' `SeriesExport` (plugin interface version 0): a field and its chunks.
#[repr(C)]
pub struct SeriesExport {
    field: *mut ArrowSchema,
    arrays: *mut *mut ArrowArray,
    len: usize,
    release: Option<unsafe extern "C" fn(*mut SeriesExport)>,
    private_data: *mut c_void,
}

/// Interface version 0.1: the field functions take the keyword arguments.
const VERSION: u32 = 1;

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_error(msg: &str) {
    let msg = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = msg);
}

/// The version Polars checks before any call.
#[no_mangle]
pub extern "C" fn _polars_plugin_get_version() -> u32 {
    VERSION
}

/// The message of the last failed call on this thread (Polars reads it right after).
#[no_mangle]
pub extern "C" fn _polars_plugin_get_last_error_message() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

// Keyword arguments to redactors.

/// Redactors by their pickled options, in the order they were made (the oldest goes when the
/// cache is full).
static CACHE: Mutex<Vec<(Vec<u8>, Redactor)>> = Mutex::new(Vec::new());
const CACHE_SIZE: usize = 16;

/// The redactor of these pickled options, built on first use.
fn redactor_for(kwargs: &[u8]) -> Result<Redactor, String> {
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = cache.iter().position(|(k, _)| k == kwargs) {
        return Ok(cache[i].1.clone());
    }
    // Built under the lock: Polars calls from several threads at once, and one build (the
    // catalog takes about 0.1 s) serves them all.
    let r = options_of(kwargs)?.build().map_err(|e| e.to_string())?;
    remember(&mut cache, kwargs, r.clone());
    Ok(r)
}

fn remember(cache: &mut Vec<(Vec<u8>, Redactor)>, kwargs: &[u8], r: Redactor) {
    cache.retain(|(k, _)| k != kwargs);
    if cache.len() >= CACHE_SIZE {
        cache.remove(0);
    }
    cache.push((kwargs.to_vec(), r));
}

/// Puts a redactor the Python side built into the cache under its pickled options (the bytes
/// Polars will pass), so that the plugin does not build the same catalog again.
#[pyfunction]
pub fn _polars_plugin_seed(redactor: &Bound<'_, PyRedactor>, kwargs: &[u8]) {
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    remember(&mut cache, kwargs, redactor.get().inner.clone());
}

/// Core's options from the pickled constructor arguments (`Redactor.__getnewargs_ex__`).
fn options_of(kwargs: &[u8]) -> Result<Options, String> {
    let mut o = Options::new();
    if kwargs.is_empty() {
        return Ok(o);
    }
    let Pickled::Dict(items) = loads(kwargs)? else {
        return Err("the plugin's options are not a dict".into());
    };
    for (k, v) in items {
        let Pickled::Str(name) = k else {
            return Err("an option name is not a str".into());
        };
        let bad = |what: &str| format!("option {name}: expected {what}");
        let strs = |items: Vec<Pickled>, what: &str| -> Result<Vec<String>, String> {
            items
                .into_iter()
                .map(|i| match i {
                    Pickled::Str(s) => Ok(s),
                    _ => Err(bad(what)),
                })
                .collect()
        };
        let value = match (name.as_str(), v) {
            (_, Pickled::None) | ("threads", _) => continue,
            ("rules" | "extra_rules", Pickled::List(texts)) => Value::Rules(
                strs(texts, "a list of rule texts")?
                    .into_iter()
                    .map(|text| RuleSource {
                        name: format!("<{name}>"),
                        text,
                    })
                    .collect(),
            ),
            (_, Pickled::Bool(b)) => Value::Bool(b),
            (_, Pickled::Int(i)) => Value::Int(i),
            ("key", Pickled::Str(s)) => Value::Bytes(s.into_bytes()),
            (_, Pickled::Str(s)) => Value::Str(s),
            (_, Pickled::Bytes(b)) => Value::Bytes(b),
            (_, Pickled::List(l)) => Value::List(strs(l, "a list of str")?),
            (_, Pickled::Dict(d)) => Value::Map(
                d.into_iter()
                    .map(|(k, v)| match (k, v) {
                        (Pickled::Str(k), Pickled::Str(v)) => Ok((k, v)),
                        _ => Err(bad("a dict of str to str")),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            (_, Pickled::Float(_)) => return Err(bad("no float")),
        };
        o.set(&name, value).map_err(|e| e.to_string())?;
    }
    Ok(o)
}

// Reading the input.

/// Owns the inputs Polars hands over: releases their arrays and exports when dropped.
struct Inputs(Vec<SeriesExport>);

impl Drop for Inputs {
    fn drop(&mut self) {
        for e in &mut self.0 {
            // SAFETY: each export came from Polars, which handed its ownership (and that of
            // its arrays) to the plugin; each array and the export are released once.
            unsafe {
                if !e.arrays.is_null() {
                    for i in 0..e.len {
                        let a = *e.arrays.add(i);
                        if let Some(release) = a.as_ref().and_then(|a| a.release) {
                            release(a);
                        }
                    }
                }
                if let Some(release) = e.release {
                    release(e);
                }
            }
        }
    }
}

/// A C string of a schema, or "".
unsafe fn c_str<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        ""
    } else {
        // SAFETY: a non-null schema string is NUL-terminated (Arrow C data interface).
        unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
    }
}

/// The format and name of a field, checked to be a string type Polars can pass.
unsafe fn string_field(f: *const ArrowSchema) -> Result<(String, String), String> {
    // SAFETY: Polars passes a valid schema (or null, refused here).
    let f = unsafe { f.as_ref() }.ok_or("the plugin got no field")?;
    let (format, name) = unsafe { (c_str(f.format), c_str(f.name)) };
    match format {
        "vu" | "u" | "U" | "n" => Ok((format.to_string(), name.to_string())),
        other => Err(format!(
            "redactum: expected a String column, not Arrow type {other:?} ({})",
            match other {
                "vz" | "z" | "Z" => "binary",
                "l" | "i" | "s" | "c" | "L" | "I" | "S" | "C" => "an integer",
                "g" | "f" | "e" => "a float",
                "b" => "boolean",
                _ => "not a string",
            }
        )),
    }
}

/// A chunk's rows as a values buffer and offsets, whatever its string layout.
struct Rows<'a> {
    values: std::borrow::Cow<'a, [u8]>,
    offsets: Vec<i64>,
    /// The validity bitmap and the bit of row 0.
    validity: Option<(&'a [u8], usize)>,
}

/// Buffer `i` of `a`, `n` bytes long.
unsafe fn buffer<'a>(a: &ArrowArray, i: usize, n: usize) -> Result<&'a [u8], String> {
    if i >= a.n_buffers as usize || a.buffers.is_null() {
        return Err(format!("the array has no buffer {i}"));
    }
    // SAFETY: `buffers` holds `n_buffers` pointers (Arrow C data interface).
    let p = unsafe { *a.buffers.add(i) } as *const u8;
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(format!("buffer {i} of the array is null"));
    }
    // SAFETY: the caller asks for no more bytes than the layout gives buffer `i`.
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

unsafe fn rows<'a>(a: &'a ArrowArray, format: &str) -> Result<Rows<'a>, String> {
    let (len, off) = (a.length as usize, a.offset as usize);
    if a.length < 0 || a.offset < 0 {
        return Err("an array with a negative length or offset".into());
    }
    if format == "n" {
        return Ok(Rows {
            values: Default::default(),
            offsets: vec![0; len + 1],
            validity: None,
        });
    }
    // SAFETY (for every buffer read below): the sizes follow from the array's layout, its
    // length and offset, and the offsets or views it holds, each checked before use.
    let validity = if a.n_buffers > 0 && !a.buffers.is_null() && !unsafe { *a.buffers }.is_null() {
        Some((unsafe { buffer(a, 0, (off + len).div_ceil(8))? }, off))
    } else {
        None
    };
    let valid = |row: usize| {
        validity.is_none_or(|(bits, o)| bits[(o + row) / 8] & (1 << ((o + row) % 8)) != 0)
    };
    match format {
        "u" | "U" => {
            let width = if format == "u" { 4 } else { 8 };
            let raw = unsafe { buffer(a, 1, (off + len + 1) * width)? };
            let at = |i: usize| -> i64 {
                let b = &raw[i * width..(i + 1) * width];
                if width == 4 {
                    i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                } else {
                    i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
                }
            };
            let offsets: Vec<i64> = (off..=off + len).map(at).collect();
            let end = usize::try_from(*offsets.last().unwrap_or(&0))
                .map_err(|_| "a negative offset".to_string())?;
            let values = unsafe { buffer(a, 2, end)? };
            // Rebased, so that the validity bit of row 0 stays at `off`.
            Ok(Rows {
                values: values.into(),
                offsets,
                validity,
            })
        }
        _ => {
            // string_view: 16-byte views; up to 12 bytes inline, longer ones point into a
            // data buffer (index and offset), whose sizes the last buffer gives.
            let views = unsafe { buffer(a, 1, (off + len) * 16)? };
            let n_data = (a.n_buffers as usize).saturating_sub(3);
            let sizes = if n_data == 0 {
                &[][..]
            } else {
                unsafe { buffer(a, 2 + n_data, n_data * 8)? }
            };
            let data: Vec<&[u8]> = (0..n_data)
                .map(|i| {
                    let s = &sizes[i * 8..i * 8 + 8];
                    let n = i64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
                    let n = usize::try_from(n).map_err(|_| "a negative buffer size".to_string())?;
                    unsafe { buffer(a, 2 + i, n) }
                })
                .collect::<Result<_, _>>()?;
            let view_len = |row: usize| {
                let v = &views[(off + row) * 16..(off + row) * 16 + 4];
                i32::from_le_bytes([v[0], v[1], v[2], v[3]]).max(0) as usize
            };
            let total: usize = (0..len).filter(|&r| valid(r)).map(view_len).sum();
            let mut values = Vec::with_capacity(total);
            let mut offsets = Vec::with_capacity(len + 1);
            offsets.push(0);
            for row in 0..len {
                if valid(row) {
                    let v = &views[(off + row) * 16..(off + row + 1) * 16];
                    let word = |i: usize| i32::from_le_bytes([v[i], v[i + 1], v[i + 2], v[i + 3]]);
                    let n = usize::try_from(word(0)).map_err(|_| "a negative view length")?;
                    if n <= 12 {
                        values.extend_from_slice(&v[4..4 + n]);
                    } else {
                        let (b, o) = (word(8) as usize, word(12) as usize);
                        let part = data
                            .get(b)
                            .and_then(|d| d.get(o..o.checked_add(n)?))
                            .ok_or("a string view points past its data buffer")?;
                        values.extend_from_slice(part);
                    }
                }
                offsets.push(values.len() as i64);
            }
            Ok(Rows {
                values: values.into(),
                offsets,
                validity,
            })
        }
    }
}

// Writing the output.

/// An output array before export: its buffers (`None`: a null buffer) and children.
struct Node {
    length: usize,
    null_count: usize,
    buffers: Vec<Option<Vec<u8>>>,
    children: Vec<Node>,
}

/// What an exported array owns: its buffers, the pointer table Arrow reads, its children.
struct OutArray {
    _buffers: Vec<Vec<u8>>,
    pointers: Vec<*const c_void>,
    children: Vec<*mut ArrowArray>,
}

/// Releases and frees the boxed children of an exported array or schema (its consumer releases
/// only the parent).
///
/// # Safety
/// Each child was boxed by its parent's export and is released once, here.
unsafe fn release_children<T>(
    children: &[*mut T],
    release_of: impl Fn(*mut T) -> Option<unsafe extern "C" fn(*mut T)>,
) {
    for &c in children {
        // SAFETY: the caller's contract: a live, boxed child.
        unsafe {
            if let Some(release) = release_of(c) {
                release(c);
            }
            drop(Box::from_raw(c));
        }
    }
}

unsafe extern "C" fn release_array(a: *mut ArrowArray) {
    // SAFETY: `a` is an array made by `Node::export`, released once; its children are
    // released with it (the consumer releases only the parent).
    unsafe {
        if let Some(a) = a.as_mut() {
            let private = Box::from_raw(a.private_data as *mut OutArray);
            release_children(&private.children, |c| (*c).release);
            a.release = None;
        }
    }
}

impl Node {
    fn export(self) -> ArrowArray {
        let pointers: Vec<*const c_void> = self
            .buffers
            .iter()
            .map(|b| b.as_ref().map_or(std::ptr::null(), |b| b.as_ptr().cast()))
            .collect();
        let n_buffers = pointers.len() as i64;
        let mut children: Vec<*mut ArrowArray> = self
            .children
            .into_iter()
            .map(|c| Box::into_raw(Box::new(c.export())))
            .collect();
        let (children_ptr, n_children) = (children.as_mut_ptr(), children.len() as i64);
        let mut private = Box::new(OutArray {
            _buffers: self.buffers.into_iter().flatten().collect(),
            pointers,
            children,
        });
        ArrowArray {
            length: self.length as i64,
            null_count: self.null_count as i64,
            offset: 0,
            n_buffers,
            n_children,
            buffers: private.pointers.as_mut_ptr(),
            children: if n_children == 0 {
                std::ptr::null_mut()
            } else {
                children_ptr
            },
            dictionary: std::ptr::null_mut(),
            release: Some(release_array),
            private_data: Box::into_raw(private).cast(),
        }
    }
}

/// An output field before export.
struct Field {
    format: &'static str,
    name: String,
    children: Vec<Field>,
}

struct OutSchema {
    _format: CString,
    _name: CString,
    children: Vec<*mut ArrowSchema>,
}

unsafe extern "C" fn release_schema(s: *mut ArrowSchema) {
    // SAFETY: `s` was made by `Field::export`, released once, with its children.
    unsafe {
        if let Some(s) = s.as_mut() {
            let private = Box::from_raw(s.private_data as *mut OutSchema);
            release_children(&private.children, |c| (*c).release);
            s.release = None;
        }
    }
}

impl Field {
    fn leaf(format: &'static str, name: &str) -> Field {
        Field {
            format,
            name: name.to_string(),
            children: Vec::new(),
        }
    }

    fn export(self) -> ArrowSchema {
        let format = CString::new(self.format).unwrap_or_default();
        let name = CString::new(self.name.replace('\0', " ")).unwrap_or_default();
        let (f, n) = (format.as_ptr(), name.as_ptr());
        let mut children: Vec<*mut ArrowSchema> = self
            .children
            .into_iter()
            .map(|c| Box::into_raw(Box::new(c.export())))
            .collect();
        let (children_ptr, n_children) = (children.as_mut_ptr(), children.len() as i64);
        ArrowSchema {
            format: f,
            name: n,
            metadata: std::ptr::null(),
            // Nullable.
            flags: 2,
            n_children,
            children: if n_children == 0 {
                std::ptr::null_mut()
            } else {
                children_ptr
            },
            dictionary: std::ptr::null_mut(),
            release: Some(release_schema),
            private_data: Box::into_raw(Box::new(OutSchema {
                _format: format,
                _name: name,
                children,
            }))
            .cast(),
        }
    }
}

struct OutExport {
    schema: Box<ArrowSchema>,
    arrays: Vec<*mut ArrowArray>,
}

unsafe extern "C" fn release_export(e: *mut SeriesExport) {
    // SAFETY: `e` was made by `export`; Polars has moved each array out of its box (it owns
    // and releases them), so only the boxes and the schema are freed here.
    unsafe {
        let Some(e) = e.as_mut() else { return };
        let private = Box::from_raw(e.private_data as *mut OutExport);
        let OutExport { mut schema, arrays } = *private;
        for a in arrays {
            drop(Box::from_raw(a));
        }
        if let Some(release) = schema.release {
            release(&mut *schema);
        }
        e.release = None;
    }
}

fn export(field: Field, arrays: Vec<Node>) -> SeriesExport {
    let mut schema = Box::new(field.export());
    let mut arrays: Vec<*mut ArrowArray> = arrays
        .into_iter()
        .map(|a| Box::into_raw(Box::new(a.export())))
        .collect();
    let (field, pointers, len) = (
        &mut *schema as *mut ArrowSchema,
        arrays.as_mut_ptr(),
        arrays.len(),
    );
    SeriesExport {
        field,
        arrays: pointers,
        len,
        release: Some(release_export),
        private_data: Box::into_raw(Box::new(OutExport { schema, arrays })).cast(),
    }
}

fn bitmap(len: usize, bit: impl Fn(usize) -> bool) -> Vec<u8> {
    let mut out = vec![0u8; len.div_ceil(8)];
    for i in 0..len {
        if bit(i) {
            out[i / 8] |= 1 << (i % 8);
        }
    }
    out
}

/// The validity of `rows` from bit 0, and its null count (`None` when there is no null).
fn validity_from_zero(rows: &Rows<'_>, len: usize) -> (Option<Vec<u8>>, usize) {
    let Some((bits, o)) = rows.validity else {
        return (None, 0);
    };
    let out = bitmap(len, |i| bits[(o + i) / 8] & (1 << ((o + i) % 8)) != 0);
    let nulls = len - out.iter().map(|b| b.count_ones() as usize).sum::<usize>();
    (Some(out), nulls)
}

// The functions.

#[derive(Clone, Copy)]
enum Kind {
    Redact,
    IsMatch,
    Findings,
}

/// The struct fields of a finding (as `redactum.arrow.findings` gives them).
const FINDING_FIELDS: [(&str, &str); 6] = [
    ("start", "l"),
    ("end", "l"),
    ("byte_start", "l"),
    ("byte_end", "l"),
    ("rule_id", "u"),
    ("category", "u"),
];

fn le<T: Copy, const N: usize>(v: &[T], bytes: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    v.iter().flat_map(|&x| bytes(x)).collect()
}

/// A `string` array (int32 offsets) of `strings`, none null.
fn string_node<'a>(strings: impl Iterator<Item = &'a str>) -> Result<Node, String> {
    let (mut values, mut offsets) = (Vec::new(), vec![0i32]);
    for s in strings {
        values.extend_from_slice(s.as_bytes());
        offsets.push(i32::try_from(values.len()).map_err(|_| "findings text over 2 GiB")?);
    }
    Ok(Node {
        length: offsets.len() - 1,
        null_count: 0,
        buffers: vec![None, Some(le(&offsets, i32::to_le_bytes)), Some(values)],
        children: Vec::new(),
    })
}

fn int64_node(v: &[i64]) -> Node {
    Node {
        length: v.len(),
        null_count: 0,
        buffers: vec![None, Some(le(v, i64::to_le_bytes))],
        children: Vec::new(),
    }
}

impl Kind {
    fn field(self, name: &str) -> Field {
        match self {
            Kind::Redact => Field::leaf("U", name),
            Kind::IsMatch => Field::leaf("b", name),
            Kind::Findings => Field {
                format: "+l",
                name: name.to_string(),
                children: vec![Field {
                    format: "+s",
                    name: "item".to_string(),
                    children: FINDING_FIELDS
                        .iter()
                        .map(|&(n, f)| Field::leaf(f, n))
                        .collect(),
                }],
            },
        }
    }

    fn chunk(self, r: &Redactor, a: &ArrowArray, format: &str) -> Result<Node, String> {
        let len = a.length.max(0) as usize;
        // SAFETY: `a` is a live array of the field's type, owned by the plugin for the call.
        let rows = unsafe { rows(a, format)? };
        let (valid_bits, nulls) = if format == "n" {
            // A Null column: every row stays null.
            (Some(vec![0u8; len.div_ceil(8)]), len)
        } else {
            validity_from_zero(&rows, len)
        };
        let validity = rows.validity.map(|(bits, o)| Validity::new(bits, o));
        let col = Column::new(&rows.values, &rows.offsets, validity).map_err(|e| e.to_string())?;
        let valid = |i: usize| {
            valid_bits
                .as_ref()
                .is_none_or(|b| b[i / 8] & (1 << (i % 8)) != 0)
        };
        let leaf = |buffers| Node {
            length: len,
            null_count: nulls,
            buffers,
            children: Vec::new(),
        };
        Ok(match self {
            Kind::Redact => {
                let out = if nulls == len {
                    // No row to redact (and a Null column has no values to read).
                    redactum::RedactedColumn {
                        values: Vec::new(),
                        offsets: vec![0i64; len + 1],
                        validity: None,
                    }
                } else {
                    r.redact_column(&col, 1).map_err(|e| e.to_string())?
                };
                let offsets = le(&out.offsets, i64::to_le_bytes);
                leaf(vec![valid_bits, Some(offsets), Some(out.values)])
            }
            Kind::IsMatch => {
                let flags = r.is_match_column(&col, 1);
                let values = bitmap(len, |i| valid(i) && flags.get(i) == Some(&Some(true)));
                leaf(vec![valid_bits, Some(values)])
            }
            Kind::Findings => {
                let t = found_table(&col, r.find_column(&col, 1));
                // Findings come in row order: each row's list is a run of them.
                let mut offsets = Vec::with_capacity(len + 1);
                let mut at = 0usize;
                offsets.push(0i32);
                for row in 0..len {
                    while at < t.rows.len() && t.rows[at] as usize == row {
                        at += 1;
                    }
                    offsets.push(i32::try_from(at).map_err(|_| "over 2^31 findings in a chunk")?);
                }
                let ids = t.rule_index.iter().map(|&i| t.ids[i as usize].as_str());
                let cats = t.rule_index.iter().map(|&i| t.categories[i as usize]);
                let item = Node {
                    length: t.rows.len(),
                    null_count: 0,
                    buffers: vec![None],
                    children: vec![
                        int64_node(&t.starts),
                        int64_node(&t.ends),
                        int64_node(&t.byte_starts),
                        int64_node(&t.byte_ends),
                        string_node(ids)?,
                        string_node(cats)?,
                    ],
                };
                Node {
                    length: len,
                    null_count: nulls,
                    buffers: vec![valid_bits, Some(le(&offsets, i32::to_le_bytes))],
                    children: vec![item],
                }
            }
        })
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("internal error in redactum (please report it): {what}")
}

unsafe fn kwargs_of<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: Polars passes its pickled keyword arguments, `len` bytes.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

/// One call: takes the inputs, writes the result to `out` or sets the error message.
unsafe fn call(
    kind: Kind,
    inputs: *const SeriesExport,
    n: usize,
    kwargs: &[u8],
    out: *mut SeriesExport,
) {
    // Owned from here on, whatever happens: released when `inputs` drops.
    let inputs = Inputs(if inputs.is_null() {
        Vec::new()
    } else {
        // SAFETY: Polars passes `n` exports and gives up their ownership.
        (0..n)
            .map(|i| unsafe { std::ptr::read(inputs.add(i)) })
            .collect()
    });
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<SeriesExport, String> {
        let [e] = inputs.0.as_slice() else {
            return Err(format!("redactum takes one column, not {}", inputs.0.len()));
        };
        // SAFETY: Polars' export holds a valid field and `len` valid arrays.
        let (format, name) = unsafe { string_field(e.field)? };
        let r = redactor_for(kwargs)?;
        let mut arrays = Vec::with_capacity(e.len);
        for i in 0..e.len {
            let a = unsafe { (*e.arrays.add(i)).as_ref() }.ok_or("a null chunk")?;
            arrays.push(kind.chunk(&r, a, &format)?);
        }
        Ok(export(kind.field(&name), arrays))
    }));
    match result {
        // SAFETY: `out` is Polars' empty export, which owns nothing to drop.
        Ok(Ok(e)) => unsafe { std::ptr::write(out, e) },
        Ok(Err(msg)) => set_error(&msg),
        Err(p) => set_error(&panic_message(p)),
    }
    drop(inputs);
}

/// The output field: the input's name, the kind's type.
unsafe fn field(
    kind: Kind,
    fields: *const ArrowSchema,
    n: usize,
    kwargs: &[u8],
    out: *mut ArrowSchema,
) {
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<ArrowSchema, String> {
        if n != 1 {
            return Err(format!("redactum takes one column, not {n}"));
        }
        // SAFETY: Polars passes `n` schemas, which it keeps and releases.
        let (_, name) = unsafe { string_field(fields)? };
        // The options are checked here, when the query is planned.
        redactor_for(kwargs)?;
        Ok(kind.field(&name).export())
    }));
    match result {
        // SAFETY: `out` is Polars' empty schema, which owns nothing to drop.
        Ok(Ok(s)) => unsafe { std::ptr::write(out, s) },
        Ok(Err(msg)) => set_error(&msg),
        Err(p) => set_error(&panic_message(p)),
    }
}

/// `Expr.redactum.redact()`.
///
/// # Safety
/// Called by Polars with its version-0 plugin arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_redactum_redact(
    inputs: *const SeriesExport,
    n: usize,
    kwargs: *const u8,
    kwargs_len: usize,
    out: *mut SeriesExport,
    _context: *const c_void,
) {
    unsafe { call(Kind::Redact, inputs, n, kwargs_of(kwargs, kwargs_len), out) }
}

/// The output field of `redactum_redact`.
///
/// # Safety
/// Called by Polars with its version-0.1 field arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_field_redactum_redact(
    fields: *const ArrowSchema,
    n: usize,
    out: *mut ArrowSchema,
    kwargs: *const u8,
    kwargs_len: usize,
) {
    unsafe { field(Kind::Redact, fields, n, kwargs_of(kwargs, kwargs_len), out) }
}

/// `Expr.redactum.is_match()`.
///
/// # Safety
/// Called by Polars with its version-0 plugin arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_redactum_is_match(
    inputs: *const SeriesExport,
    n: usize,
    kwargs: *const u8,
    kwargs_len: usize,
    out: *mut SeriesExport,
    _context: *const c_void,
) {
    unsafe { call(Kind::IsMatch, inputs, n, kwargs_of(kwargs, kwargs_len), out) }
}

/// The output field of `redactum_is_match`.
///
/// # Safety
/// Called by Polars with its version-0.1 field arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_field_redactum_is_match(
    fields: *const ArrowSchema,
    n: usize,
    out: *mut ArrowSchema,
    kwargs: *const u8,
    kwargs_len: usize,
) {
    unsafe { field(Kind::IsMatch, fields, n, kwargs_of(kwargs, kwargs_len), out) }
}

/// `Expr.redactum.findings()`.
///
/// # Safety
/// Called by Polars with its version-0 plugin arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_redactum_findings(
    inputs: *const SeriesExport,
    n: usize,
    kwargs: *const u8,
    kwargs_len: usize,
    out: *mut SeriesExport,
    _context: *const c_void,
) {
    unsafe {
        call(
            Kind::Findings,
            inputs,
            n,
            kwargs_of(kwargs, kwargs_len),
            out,
        )
    }
}

/// The output field of `redactum_findings`.
///
/// # Safety
/// Called by Polars with its version-0.1 field arguments.
#[no_mangle]
pub unsafe extern "C" fn _polars_plugin_field_redactum_findings(
    fields: *const ArrowSchema,
    n: usize,
    out: *mut ArrowSchema,
    kwargs: *const u8,
    kwargs_len: usize,
) {
    unsafe {
        field(
            Kind::Findings,
            fields,
            n,
            kwargs_of(kwargs, kwargs_len),
            out,
        )
    }
}
