"""The columnar paths: redactum.arrow, the pandas accessor, the Polars namespaces and DuckDB
UDFs, each against Redactor.redact per value."""

from __future__ import annotations

import subprocess
import sys

import pytest

pa = pytest.importorskip("pyarrow")

import redactum  # noqa: E402
import redactum.arrow as ra  # noqa: E402

ROWS = [
    "mail ann@example.com now",
    None,
    "",
    "clean line",
    "key AKIAZ3MHKEY7PQ4XW2LN and bob@example.org",
    "café ☕ ann@example.com ünïcode",
    None,
    "password=hunter2xyz in a log",
]

R = redactum.Redactor()


def per_value(rows, r=R):
    return [None if v is None else r.redact(v) for v in rows]


@pytest.mark.parametrize("typ", [pa.string(), pa.large_string()])
@pytest.mark.parametrize("threads", [1, 2])
def test_redact_equals_per_value(typ, threads):
    arr = pa.array(ROWS, type=typ)
    out = ra.redact(arr, threads=threads)
    assert out.type == typ
    assert out.to_pylist() == per_value(ROWS)
    assert out.null_count == 2
    out.validate(full=True)


def test_many_rows_two_threads():
    rows = [ROWS[i % len(ROWS)] for i in range(5000)]
    out = ra.redact(pa.array(rows), threads=2)
    out.validate(full=True)
    assert out.to_pylist() == per_value(rows)


def test_sliced_arrays_respect_offset():
    arr = pa.array(ROWS)
    for start in range(len(ROWS)):
        for stop in range(start, len(ROWS) + 1):
            part = arr.slice(start, stop - start)
            assert ra.redact(part).to_pylist() == per_value(ROWS[start:stop])
            assert ra.is_match(part).to_pylist() == [
                None if v is None else R.is_match(v) for v in ROWS[start:stop]
            ]


def test_empty_and_all_null_arrays():
    assert ra.redact(pa.array([], type=pa.string())).to_pylist() == []
    assert ra.redact(pa.array([], type=pa.large_string())).type == pa.large_string()
    assert ra.redact(pa.array([None, None], type=pa.string())).to_pylist() == [None, None]
    assert ra.redact(pa.array(["", ""])).to_pylist() == ["", ""]
    assert ra.find(pa.array([], type=pa.string())).num_rows == 0
    assert ra.is_match(pa.array([], type=pa.string())).to_pylist() == []


def test_chunked_arrays():
    arr = pa.chunked_array([ROWS[:3], [], ROWS[3:]], type=pa.string())
    out = ra.redact(arr)
    assert isinstance(out, pa.ChunkedArray)
    assert out.num_chunks == 3
    assert out.to_pylist() == per_value(ROWS)
    found = ra.find(arr)
    assert found.column("row").to_pylist() == ra.find(pa.array(ROWS)).column("row").to_pylist()
    assert ra.is_match(arr).to_pylist() == [None if v is None else R.is_match(v) for v in ROWS]
    assert ra.redact(pa.chunked_array([], type=pa.string())).to_pylist() == []


def test_string_view_is_cast_to_string():
    if not hasattr(pa, "string_view"):
        pytest.skip("pyarrow without string_view")
    out = ra.redact(pa.array(ROWS, type=pa.string_view()))
    assert out.type == pa.string()
    assert out.to_pylist() == per_value(ROWS)


def test_find_unicode_offsets_match_redactor_find():
    table = ra.find(pa.array(ROWS))
    assert table.schema.names == ["row", "start", "end", "byte_start", "byte_end", "rule_id", "category"]
    want = []
    for i, v in enumerate(ROWS):
        if v is None:
            continue
        for f in R.find(v):
            bs = len(v[: f.start].encode())
            be = len(v[: f.end].encode())
            want.append((i, f.start, f.end, bs, be, f.rule_id, f.category))
    got = [tuple(r.values()) for r in table.to_pylist()]
    assert got == want
    cafe = [g for g in got if g[0] == 5]
    assert cafe and cafe[0][1] == 7 and cafe[0][3] == 10  # 'é' and '☕' are multi-byte


def test_options_and_bad_option():
    out = ra.redact(pa.array(["mail ann@example.com"]), style="mask")
    assert out.to_pylist() == [redactum.Redactor(style="mask").redact("mail ann@example.com")]
    with pytest.raises(redactum.ConfigError):
        ra.redact(pa.array(["x"]), style="hash")  # no key
    with pytest.raises(redactum.RuleError):
        ra.redact(pa.array(["x"]), rules="this is [not toml")
    with pytest.raises(redactum.ConfigError):
        ra.redact(pa.array(["x"]), threads=0)
    with pytest.raises(TypeError):
        ra.redact(pa.array([1, 2]))
    with pytest.raises(TypeError):
        ra.redact(["a list"])


def test_redactor_cached_per_options():
    assert ra.redactor_for(style="mask") is ra.redactor_for(style="mask")
    assert ra.redactor_for(style="mask") is not ra.redactor_for()
    r = redactum.Redactor(style="mask")
    assert ra.redact(pa.array(["ann@example.com"]), redactor=r).to_pylist() == [r.redact("ann@example.com")]


def test_invalid_utf8_is_redacted_as_bytes():
    data = b"\xff ann@example.com"
    arr = pa.Array.from_buffers(
        pa.string(), 1, [None, pa.py_buffer(pa.array([0, len(data)], pa.int32()).buffers()[1]), pa.py_buffer(data)]
    )
    out = ra.redact(arr)
    offsets = out.buffers()[1].to_pybytes()
    end = int.from_bytes(offsets[4:8], "little")
    assert out.buffers()[2].to_pybytes()[:end] == b"\xff " + R.redact("ann@example.com").encode()
    assert end == len(R.redact_bytes(data))


def test_private_column_functions_take_only_pyarrow_buffers():
    class Fake:
        address = 1
        size = 100

    with pytest.raises(TypeError):
        redactum._redactum._column_redact(R, False, 1, 0, None, Fake(), Fake())


def test_arrow_c_interface_objects():
    pl = pytest.importorskip("polars")
    s = pl.Series("m", ROWS)
    assert ra.redact(s).to_pylist() == per_value(ROWS)


class ArrayExporter:
    """Only the Arrow PyCapsule interface of an array (as nanoarrow or arro3 objects have)."""

    def __init__(self, arr):
        self._arr = arr

    def __arrow_c_array__(self, requested_schema=None):
        return self._arr.__arrow_c_array__(requested_schema)


class StreamExporter:
    def __init__(self, arr):
        self._arr = arr

    def __arrow_c_stream__(self, requested_schema=None):
        return self._arr.__arrow_c_stream__(requested_schema)


@pytest.mark.parametrize("typ", [pa.string(), pa.large_string(), pa.string_view()])
def test_pycapsule_arrays_of_each_string_layout(typ):
    arr = pa.array(ROWS, type=typ)
    for start, stop in [(0, len(ROWS)), (1, 6), (3, 3), (5, len(ROWS))]:
        part = arr.slice(start, stop - start)  # a non-zero array offset crosses the interface
        out = ra.redact(ArrayExporter(part))
        out.validate(full=True)
        assert out.to_pylist() == per_value(ROWS[start:stop])
        assert ra.is_match(ArrayExporter(part)).to_pylist() == [
            None if v is None else R.is_match(v) for v in ROWS[start:stop]
        ]
        assert ra.find(ArrayExporter(part)).column("row").to_pylist() == ra.find(
            pa.array(ROWS[start:stop])
        ).column("row").to_pylist()
    assert ra.redact(ArrayExporter(pa.array([], type=typ))).to_pylist() == []


def test_pycapsule_streams_are_chunked():
    chunked = pa.chunked_array([ROWS[:2], [], ROWS[2:]], type=pa.large_string())
    out = ra.redact(StreamExporter(chunked))
    assert isinstance(out, pa.ChunkedArray)
    assert out.type == pa.large_string()
    assert out.to_pylist() == per_value(ROWS)
    with pytest.raises(TypeError, match="not of int64"):
        ra.redact(ArrayExporter(pa.array([1])))
    with pytest.raises(TypeError, match="PyCapsule"):
        ra.redact(object())


def test_polars_and_duckdb_objects_through_pycapsules():
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    # A Polars Series exports a stream of string_view arrays.
    assert ra.redact(pl.Series("m", ROWS)).to_pylist() == per_value(ROWS)
    assert ra.redact(pl.DataFrame({"m": ROWS})).to_pylist() == per_value(ROWS)
    with pytest.raises(TypeError, match="one column"):
        ra.redact(pl.DataFrame({"a": ["x"], "b": ["y"]}))
    con = duckdb.connect()
    con.execute("create table logs as select * from (values " + ", ".join("(?)" for _ in ROWS) + ") t(msg)", ROWS)
    rel = con.sql("select msg from logs")
    assert ra.redact(rel).to_pylist() == per_value(ROWS)
    assert ra.is_match(con.sql("select msg from logs")).to_pylist() == [
        None if v is None else R.is_match(v) for v in ROWS
    ]


def test_import_redactum_does_not_import_pyarrow():
    code = "import sys, redactum; assert 'pyarrow' not in sys.modules; assert 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# pandas


def test_pandas_accessor():
    pd = pytest.importorskip("pandas")
    import redactum.pandas  # noqa: F401

    s = pd.Series(ROWS, index=[10 * i for i in range(len(ROWS))], name="msg", dtype="string[pyarrow]")
    out = s.redactum.redact()
    assert out.dtype == s.dtype
    assert list(out.index) == list(s.index)
    assert out.name == "msg"
    assert [None if pd.isna(v) else v for v in out] == per_value(ROWS)
    m = s.redactum.is_match()
    assert str(m.dtype) == "boolean"
    assert [None if pd.isna(v) else bool(v) for v in m] == [None if v is None else R.is_match(v) for v in ROWS]
    found = s.redactum.find()
    assert list(found["index"]) == [10 * r for r in found["row"]]


def test_pandas_object_dtype_keeps_missing_values():
    pd = pytest.importorskip("pandas")
    import numpy as np
    import redactum.pandas  # noqa: F401

    s = pd.Series(["ann@example.com", np.nan, None, pd.NA, ""], dtype=object)
    out = s.redactum.redact(style="mask")
    assert out.dtype == object
    assert out[0] == R.__class__(style="mask").redact("ann@example.com")
    assert np.isnan(out[1]) and out[2] is None and out[3] is pd.NA and out[4] == ""
    with pytest.raises(TypeError):
        pd.Series([1, 2], dtype=object).redactum.redact()


def test_pandas_default_and_sliced_series():
    pd = pytest.importorskip("pandas")
    import redactum.pandas  # noqa: F401

    s = pd.Series(ROWS)
    out = s.iloc[3:].redactum.redact()
    assert [None if pd.isna(v) else v for v in out] == per_value(ROWS[3:])
    assert list(out.index) == list(range(3, len(ROWS)))


# Polars


def test_polars_expression_eager_and_lazy():
    pl = pytest.importorskip("polars")
    import redactum.polars  # noqa: F401

    df = pl.DataFrame({"msg": ROWS, "n": list(range(len(ROWS)))})
    out = df.with_columns(pl.col("msg").redactum.redact())
    assert out["msg"].to_list() == per_value(ROWS)
    lazy = (
        df.lazy()
        .filter(pl.col("msg").redactum.is_match())
        .select(pl.col("msg").redactum.redact(style="mask"), "n")
        .collect()
    )
    masked = redactum.Redactor(style="mask")
    assert lazy["msg"].to_list() == [masked.redact(v) for v in ROWS if v is not None and R.is_match(v)]
    streamed = df.lazy().select(pl.col("msg").redactum.redact()).collect(engine="streaming")
    assert streamed["msg"].to_list() == per_value(ROWS)


def test_polars_series_namespace_and_errors():
    pl = pytest.importorskip("polars")
    import redactum.polars  # noqa: F401

    s = pl.Series("msg", ROWS)
    assert s.redactum.redact().to_list() == per_value(ROWS)
    assert s.redactum.is_match().to_list() == [None if v is None else R.is_match(v) for v in ROWS]
    assert s.redactum.find()["row"].to_list() == ra.find(pa.array(ROWS))["row"].to_pylist()
    assert s.slice(2, 3).redactum.redact().to_list() == per_value(ROWS[2:5])
    with pytest.raises(redactum.ConfigError):
        pl.col("msg").redactum.redact(style="hash")
    with pytest.raises(Exception, match="String"):
        pl.DataFrame({"x": [1]}).select(pl.col("x").redactum.redact())


# DuckDB


def test_duckdb_arrow_udf():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.create_function("redact", ra.redact_udf(), ["VARCHAR"], "VARCHAR", type="arrow")
    con.create_function("has_secret", ra.is_match_udf(), ["VARCHAR"], "BOOLEAN", type="arrow")
    con.create_function("mask", ra.redact_udf(style="mask"), ["VARCHAR"], "VARCHAR", type="arrow")
    con.execute("create table logs as select * from (values " + ", ".join(
        "(?)" for _ in ROWS) + ") t(msg)", ROWS)
    rows = con.sql("select redact(msg), has_secret(msg), mask(msg) from logs").fetchall()
    masked = redactum.Redactor(style="mask")
    assert [r[0] for r in rows] == per_value(ROWS)
    assert [r[1] for r in rows] == [None if v is None else R.is_match(v) for v in ROWS]
    assert [r[2] for r in rows] == per_value(ROWS, masked)
    many = con.sql("select redact('ann@example.com ' || i::varchar) from range(5000) t(i)").fetchall()
    assert all(r[0].startswith("[REDACTED:email] ") for r in many)


def test_readme_data_frames_example():
    import pathlib
    import re

    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    pytest.importorskip("duckdb")
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Data frames and Arrow", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    exec(compile(code.group(1), "README.md", "exec"), {})


def test_findings_lists_per_row():
    pl = pytest.importorskip("polars")
    import redactum.polars  # noqa: F401

    arr = pa.array(ROWS)
    lists = ra.findings(arr).to_pylist()
    want = []
    for v in ROWS:
        if v is None:
            want.append(None)
        else:
            want.append([(f.start, f.end, f.rule_id, f.category) for f in R.find(v)])
    assert [None if x is None else [(d["start"], d["end"], d["rule_id"], d["category"]) for d in x] for x in lists] == want
    assert ra.findings(arr.slice(3)).to_pylist() == lists[3:]
    assert ra.findings(pa.array([], type=pa.string())).to_pylist() == []
    df = pl.DataFrame({"msg": ROWS})
    out = df.lazy().select(pl.col("msg").redactum.findings()).collect()["msg"].to_list()
    assert [None if x is None else [d["rule_id"] for d in x] for x in out] == [
        None if w is None else [t[2] for t in w] for w in want
    ]
    assert pl.Series("m", ROWS).redactum.findings().to_list() == out
