"""Redaction of Arrow string columns, in Rust over the array's own buffers.

::

    import pyarrow as pa
    import redactum.arrow

    arr = pa.array(["mail ann@example.com", None, ""])
    redactum.arrow.redact(arr)          # ['mail [REDACTED:email]', None, '']
    redactum.arrow.is_match(arr)        # [true, null, false]
    redactum.arrow.find(arr)            # a Table: row, start, end, byte_start, byte_end, ...

Accepts ``string`` and ``large_string`` arrays (read in place, no copy in; one new values
buffer out), ``string_view`` arrays (cast to ``string`` first: one copy) and chunked arrays of
those (chunk by chunk), as pyarrow objects or anything exporting the Arrow PyCapsule interface
(``__arrow_c_array__``, ``__arrow_c_stream__``: a Polars Series or DataFrame of one column, a
DuckDB relation of one column, nanoarrow and arro3 arrays), imported without a copy. Nulls stay null and empty strings stay empty. Each value is redacted as
``Redactor.redact`` redacts it; invalid UTF-8 (which pyarrow can hold when told not to check)
is redacted as bytes, as ``Redactor.redact_bytes`` does.

Options are those of ``redactum.Redactor(...)``; one ``Redactor`` is built per distinct set of
options and kept. Or pass ``redactor=`` a ``Redactor`` built beforehand. ``threads=`` (default:
one per core) splits large arrays across threads; the GIL is released while they work.

pyarrow is imported by this module, not by ``import redactum``.
"""

from __future__ import annotations

import pickle
import threading
from typing import Any, Callable, Dict, Optional, Tuple

import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.compute  # type: ignore[import-untyped,unused-ignore]  # noqa: F401

from . import Redactor
from . import _redactum

__all__ = ["redact", "find", "findings", "is_match", "redact_udf", "is_match_udf", "redactor_for"]

_CACHE: Dict[bytes, Redactor] = {}
_CACHE_LOCK = threading.Lock()
# Built redactors kept per distinct options: the catalog takes a while to compile.
_CACHE_MAX = 32


def redactor_for(redactor: Optional[Redactor] = None, **options: Any) -> Redactor:
    """The ``Redactor`` for these options, built once per distinct options and kept."""
    if redactor is not None:
        if options:
            raise TypeError("pass either redactor= or Redactor options, not both")
        return redactor
    try:
        key = pickle.dumps(sorted(options.items()))
    except Exception:  # unpicklable option values: no caching
        return Redactor(**options)
    with _CACHE_LOCK:
        r = _CACHE.get(key)
    if r is None:
        r = Redactor(**options)
        with _CACHE_LOCK:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = r
    return r


def _as_arrow(array: Any) -> Any:
    """A pyarrow Array or ChunkedArray from ``array``: a pyarrow array, or anything exporting
    the Arrow PyCapsule interface (``__arrow_c_array__``: imported as one array,
    ``__arrow_c_stream__``: as a chunked array; a stream of record batches of one column, such
    as a DuckDB relation or a one-column table, gives that column). pyarrow imports through the
    C data interface: the buffers are shared, not copied, and no Python string is made."""
    if isinstance(array, (pa.Array, pa.ChunkedArray)):
        return array
    if hasattr(array, "__arrow_c_array__"):
        out = pa.array(array)
    elif hasattr(array, "__arrow_c_stream__"):
        out = pa.chunked_array(array)
    else:
        raise TypeError(
            "expected a pyarrow Array or ChunkedArray of strings, or an object exporting the "
            f"Arrow PyCapsule interface, not {type(array).__name__}"
        )
    if pa.types.is_struct(out.type):
        if out.type.num_fields != 1:
            names = [out.type.field(i).name for i in range(out.type.num_fields)]
            raise TypeError(f"expected one column of strings, not a table of columns {names}")
        # struct_field keeps a null struct row null (a record batch has none).
        if isinstance(out, pa.ChunkedArray):
            out = pa.chunked_array(
                [pa.compute.struct_field(c, [0]) for c in out.chunks], type=out.type.field(0).type
            )
        else:
            out = pa.compute.struct_field(out, [0])
    return out


def _plain(array: pa.Array) -> Tuple[pa.Array, bool]:
    """A ``string`` or ``large_string`` array for ``array``, and whether it is large."""
    t = array.type
    if pa.types.is_string(t):
        return array, False
    if pa.types.is_large_string(t):
        return array, True
    if hasattr(pa.types, "is_string_view") and pa.types.is_string_view(t):
        return array.cast(pa.string()), False
    if pa.types.is_null(t):
        return array.cast(pa.string()), False
    raise TypeError(f"expected an array of strings, not of {t}")


def _call(fn: Callable[..., Any], r: Redactor, array: pa.Array, large: bool, threads: Optional[int]) -> Any:
    validity, offsets, data = array.buffers()[:3]
    if array.null_count == 0:
        validity = None
    return fn(r, large, len(array), array.offset, validity, offsets, data, threads)


def _per_chunk(array: Any, one: Callable[[pa.Array], pa.Array]) -> Any:
    array = _as_arrow(array)
    if isinstance(array, pa.ChunkedArray):
        chunks = [one(c) for c in array.chunks]
        if not chunks:
            return pa.chunked_array([], type=one(pa.array([], type=array.type)).type)
        return pa.chunked_array(chunks)
    return one(array)


def redact(
    array: Any, *, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any
) -> Any:
    """Redacts every string of ``array``; a ``pyarrow.Array`` (``ChunkedArray`` for one) of the
    same type, length and nulls (``string`` for a ``string_view`` input).

    Raises ``RuleError``/``ConfigError`` for bad options, as ``Redactor(...)`` does, and
    ``TypeError`` for an array that is not of strings.
    """
    r = redactor_for(redactor, **options)

    def one(a: pa.Array) -> pa.Array:
        a, large = _plain(a)
        values, offsets, validity = _call(_redactum._column_redact, r, a, large, threads)
        return pa.Array.from_buffers(
            a.type,
            len(a),
            [
                None if validity is None else pa.py_buffer(validity),
                pa.py_buffer(offsets),
                pa.py_buffer(values),
            ],
            null_count=a.null_count,
        )

    return _per_chunk(array, one)


def is_match(
    array: Any, *, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any
) -> Any:
    """Per row, whether anything would be redacted: a boolean array, null where ``array`` is."""
    r = redactor_for(redactor, **options)

    def one(a: pa.Array) -> pa.Array:
        a, large = _plain(a)
        bits, validity = _call(_redactum._column_is_match, r, a, large, threads)
        return pa.Array.from_buffers(
            pa.bool_(),
            len(a),
            [None if validity is None else pa.py_buffer(validity), pa.py_buffer(bits)],
            null_count=a.null_count,
        )

    return _per_chunk(array, one)


_FIND_SCHEMA = pa.schema(
    [
        ("row", pa.int64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("byte_start", pa.int64()),
        ("byte_end", pa.int64()),
        ("rule_id", pa.string()),
        ("category", pa.string()),
    ]
)


def find(
    array: Any, *, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any
) -> pa.Table:
    """What would be redacted, one row per replaced span: a ``pyarrow.Table`` with columns
    ``row`` (the index in ``array``, counted across chunks), ``start``/``end`` (code points, as
    ``Redactor.find`` gives them), ``byte_start``/``byte_end`` (UTF-8 bytes), ``rule_id`` and
    ``category``."""
    r = redactor_for(redactor, **options)
    array = _as_arrow(array)
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    tables = []
    base = 0
    for c in chunks:
        a, large = _plain(c)
        n, ints, index, ids, cats = _call(_redactum._column_find, r, a, large, threads)
        cols = [pa.Array.from_buffers(pa.int64(), n, [None, pa.py_buffer(b)]) for b in ints]
        if base:
            cols[0] = pa.compute.add(cols[0], base)
        idx = pa.Array.from_buffers(pa.int32(), n, [None, pa.py_buffer(index)])
        rule = pa.array(ids, type=pa.string()).take(idx)
        cat = pa.array(cats, type=pa.string()).take(idx)
        tables.append(pa.Table.from_arrays(cols + [rule, cat], schema=_FIND_SCHEMA))
        base += len(c)
    if not tables:
        return _FIND_SCHEMA.empty_table()
    return pa.concat_tables(tables)


_FINDING = pa.struct(
    [
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("byte_start", pa.int64()),
        ("byte_end", pa.int64()),
        ("rule_id", pa.string()),
        ("category", pa.string()),
    ]
)


def _list_offsets(rows: Any, n: int) -> Any:
    """List offsets (int32) for ``n`` rows from the sorted row of each finding."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - pyarrow without numpy
        per_row = [0] * n
        for v in rows.to_pylist():
            per_row[v] += 1
        offsets = [0]
        for c in per_row:
            offsets.append(offsets[-1] + c)
        return pa.array(offsets, type=pa.int32())
    counts = np.bincount(rows.to_numpy(), minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
    return pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))


def findings(
    array: Any, *, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any
) -> Any:
    """Per row, the list of what would be redacted (structs with the columns of ``find`` but
    ``row``): a ``list<struct>`` array, null where ``array`` is, empty for a clean row."""
    r = redactor_for(redactor, **options)

    def one(a: pa.Array) -> pa.Array:
        a, _ = _plain(a)
        table = find(a, threads=threads, redactor=r)
        offsets = _list_offsets(table.column("row").combine_chunks(), len(a))
        values = pa.StructArray.from_arrays(
            [table.column(f.name).combine_chunks().cast(f.type) for f in _FINDING],
            fields=list(_FINDING),
        )
        return pa.ListArray.from_arrays(
            offsets, values, mask=a.is_null() if a.null_count else None
        )

    return _per_chunk(array, one)


def redact_udf(*, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any) -> Callable[[Any], Any]:
    """A function of one Arrow array for DuckDB's ``create_function(..., type="arrow")`` (or any
    engine that calls a function per Arrow batch), redacting with these options::

        con.create_function("redact", redactum.arrow.redact_udf(), [str], str, type="arrow")
        con.sql("select redact(msg) from logs")
    """
    r = redactor_for(redactor, **options)

    def udf(array: Any) -> Any:
        return redact(array, threads=threads, redactor=r)

    return udf


def is_match_udf(*, threads: Optional[int] = None, redactor: Optional[Redactor] = None, **options: Any) -> Callable[[Any], Any]:
    """As ``redact_udf``, for a boolean function: whether anything would be redacted."""
    r = redactor_for(redactor, **options)

    def udf(array: Any) -> Any:
        return is_match(array, threads=threads, redactor=r)

    return udf
