"""The compiled Polars expression plugin (`Expr.redactum.redact()` / `.is_match()`): each
result against Redactor.redact per value, through every string layout and chunking Polars
hands over, with options carried in the expression."""

from __future__ import annotations

import pickle

import pytest

pl = pytest.importorskip("polars")
plugins = pytest.importorskip("polars.plugins")

import redactum  # noqa: E402
from test_errors import PANICKY_RULES  # noqa: E402
import redactum.polars  # noqa: E402,F401
from redactum import _redactum  # noqa: E402

ROWS = [
    "mail ann@example.com now",
    None,
    "",
    "short",
    "exactly12byt",
    "key AKIAZ3MHKEY7PQ4XW2LN and bob@example.org",
    "café ☕ ann@example.com ünïcode",
    None,
    "password=hunter2xyz in a log",
    '{"user":"ann","email":"ann@example.com","token":"abc"}',
    "x" * 300 + " call +44 20 7946 0958 " + "y" * 5000,
]

R = redactum.Redactor()


def per_value(rows, r=R):
    return [None if v is None else r.redact(v) for v in rows]


def matches(rows, r=R):
    return [None if v is None else r.is_match(v) for v in rows]


def test_the_expression_is_the_compiled_plugin():
    e = pl.col("msg").redactum.redact()
    assert "redactum_redact" in str(e)
    assert "map" not in str(e)
    assert "redactum_is_match" in str(pl.col("msg").redactum.is_match())


def test_redact_and_is_match_equal_per_value_eager_lazy_streaming():
    df = pl.DataFrame({"msg": ROWS, "n": list(range(len(ROWS)))})
    assert df.with_columns(pl.col("msg").redactum.redact())["msg"].to_list() == per_value(ROWS)
    assert df.select(pl.col("msg").redactum.is_match())["msg"].to_list() == matches(ROWS)
    lazy = df.lazy().select(pl.col("msg").redactum.redact(), "n")
    assert lazy.collect()["msg"].to_list() == per_value(ROWS)
    assert lazy.collect(engine="streaming")["msg"].to_list() == per_value(ROWS)
    kept = df.lazy().filter(pl.col("msg").redactum.is_match()).collect()["n"].to_list()
    assert kept == [i for i, v in enumerate(ROWS) if v is not None and R.is_match(v)]


def test_slices_chunks_and_many_rows():
    df = pl.DataFrame({"msg": ROWS})
    part = df.slice(3, 6)
    assert part.select(pl.col("msg").redactum.redact())["msg"].to_list() == per_value(ROWS[3:9])
    # Several chunks, each a sliced view of its own buffers.
    chunked = pl.concat([df, df.slice(1, 5), df], rechunk=False)
    assert chunked["msg"].n_chunks() == 3
    want = per_value(ROWS + ROWS[1:6] + ROWS)
    assert chunked.select(pl.col("msg").redactum.redact())["msg"].to_list() == want
    assert chunked.select(pl.col("msg").redactum.is_match())["msg"].to_list() == matches(
        ROWS + ROWS[1:6] + ROWS
    )
    # Enough rows for Polars to split the work over its threads.
    big = pl.DataFrame({"msg": [f"row {i} user{i}@example.com" if i % 3 else f"row {i}" for i in range(60_000)]})
    got = big.lazy().select(pl.col("msg").redactum.redact()).collect()["msg"].to_list()
    assert got == per_value(big["msg"].to_list())


def test_empty_null_and_wrong_types():
    empty = pl.DataFrame({"msg": pl.Series([], dtype=pl.String)})
    assert empty.select(pl.col("msg").redactum.redact())["msg"].to_list() == []
    nulls = pl.DataFrame({"msg": [None, None]})
    assert nulls.select(pl.col("msg").redactum.redact())["msg"].to_list() == [None, None]
    assert nulls.select(pl.col("msg").redactum.is_match())["msg"].to_list() == [None, None]
    with pytest.raises(pl.exceptions.ComputeError, match="expected a String column"):
        pl.DataFrame({"x": [1]}).select(pl.col("x").redactum.redact())
    with pytest.raises(pl.exceptions.ComputeError, match="binary"):
        pl.DataFrame({"x": [b"ab"]}).select(pl.col("x").redactum.redact())


def test_options_travel_with_the_expression():
    options = dict(
        style="hash",
        key=b"k" * 32,
        style_for={"email": "mask", "aws-access-key-id": "partial:4:0"},
        disable_rules=["generic-password"],
        categories=["secret", "pii"],
        format="text",
    )
    r = redactum.Redactor(**options)
    df = pl.DataFrame({"msg": ROWS})
    assert df.select(pl.col("msg").redactum.redact(**options))["msg"].to_list() == per_value(ROWS, r)
    # The plan can be serialized and run again: the options are in it, not in a registry.
    lf = df.lazy().select(pl.col("msg").redactum.redact(**options))
    again = pl.LazyFrame.deserialize(__import__("io").BytesIO(lf.serialize()))
    assert again.collect()["msg"].to_list() == per_value(ROWS, r)
    # Rules given as text (longer than 255 bytes: another pickle opcode).
    rules = """
[[rule]]
id = "ticket-ref"
name = "Ticket reference"
category = "secret"
description = "an internal ticket reference, for this test"
pattern = 'TCK-[0-9]{6}'
""" + "# padding\n" * 40
    rr = redactum.Redactor(extra_rules=rules)
    got = pl.DataFrame({"m": ["see TCK-654321 now", "ann@example.com"]}).select(
        pl.col("m").redactum.redact(extra_rules=rules)
    )["m"].to_list()
    assert got == [rr.redact("see TCK-654321 now"), rr.redact("ann@example.com")]
    assert got[0] == "see [REDACTED:ticket-ref] now"


def test_the_plugin_builds_its_own_redactor_from_pickled_options():
    # Registered directly, so the Python side seeds nothing: the plugin parses the options.
    kwargs = {"style": "partial", "format": "text", "keep_start": 2, "keep_end": 0,
              "only_rules": ["email", "aws-access-key-id"],
              "style_for": {"aws-access-key-id": "mask"}, "fail_closed": True}
    e = plugins.register_plugin_function(
        plugin_path=_redactum.__file__, function_name="redactum_redact", args=pl.col("m"),
        kwargs=kwargs, is_elementwise=True,
    )
    r = redactum.Redactor(**kwargs)
    got = pl.DataFrame({"m": ROWS}).select(e)["m"].to_list()
    assert got == per_value(ROWS, r)
    assert got[0] == "mail an************* now"
    assert got[5] == "key " + "*" * 20 + " and bo*************"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"style": "bogus"}, "style"),
        ({"keep_start": 1.5}, "float"),
        ({"styel": "mask"}, "styel"),
        ({"style_for": {"email": 3}}, "dict of str to str"),
        ({"style": "mask", "x": {1, 2}}, "opcode"),
    ],
)
def test_bad_plugin_options_are_a_clear_error(kwargs, message):
    e = plugins.register_plugin_function(
        plugin_path=_redactum.__file__, function_name="redactum_redact", args=pl.col("m"),
        kwargs=kwargs, is_elementwise=True,
    )
    with pytest.raises(pl.exceptions.ComputeError, match=message):
        pl.DataFrame({"m": ["ann@example.com"]}).select(e)


def test_a_bad_option_raises_when_the_expression_is_made():
    with pytest.raises(redactum.ConfigError):
        pl.col("msg").redactum.redact(style="hash")  # no key


def test_replace_with_falls_back_to_map_batches():
    e = pl.col("msg").redactum.redact(replace_with=lambda value, rule: f"<{rule}>")
    assert "redactum_redact" not in str(e)
    got = pl.DataFrame({"msg": ["mail ann@example.com"]}).select(e)["msg"].to_list()
    assert got == ["mail <email>"]


def test_seeded_options_are_the_bytes_polars_passes():
    # The Python side seeds the plugin's cache under pickle.dumps(kwargs, protocol=5), which
    # is how Polars serializes them.
    r = redactum.Redactor(style="mask")
    kwargs = r.__getnewargs_ex__()[1]
    assert plugins._serialize_kwargs(kwargs) == pickle.dumps(kwargs, protocol=5)


def test_a_panic_in_the_engine_is_an_error_not_a_crash_or_a_leak():
    # The `test-panic` validator (test builds only) panics inside the scan.
    try:
        redactum.Redactor(rules=PANICKY_RULES)
    except redactum.RuleError:
        pytest.skip("built without the test-hooks feature")
    df = pl.DataFrame({"m": ["ok", "has PANIC here"]})
    with pytest.raises(pl.exceptions.ComputeError, match="internal error in redactum"):
        df.select(pl.col("m").redactum.redact(rules=PANICKY_RULES))
    out = df.select(pl.col("m").redactum.redact(rules=PANICKY_RULES, fail_closed=True))
    assert out["m"].to_list() == ["ok", "[REDACTED:internal-error]"]


def test_findings_are_lists_of_structs_per_row():
    import redactum.arrow as ra
    import pyarrow as pa

    e = pl.col("msg").redactum.findings()
    assert "redactum_findings" in str(e)
    df = pl.DataFrame({"msg": ROWS})
    got = df.select(e)["msg"]
    assert got.dtype == redactum.polars._FINDINGS
    assert got.to_list() == ra.findings(pa.array(ROWS)).to_pylist()
    chunked = pl.concat([df.slice(4, 5), df], rechunk=False)
    want = ra.findings(pa.array(ROWS[4:9] + ROWS)).to_pylist()
    assert chunked.lazy().select(e).collect(engine="streaming")["msg"].to_list() == want
    # Code points, not bytes: "café ☕ " is 7 characters and 10 bytes.
    row = got.to_list()[6]
    assert (row[0]["start"], row[0]["byte_start"], row[0]["rule_id"]) == (7, 10, "email")
    assert pl.DataFrame({"m": [None, None]}).select(pl.col("m").redactum.findings())["m"].to_list() == [None, None]
