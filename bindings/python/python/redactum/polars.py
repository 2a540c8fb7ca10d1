"""Polars namespaces over the Arrow path: ``import redactum.polars`` registers them.

::

    import polars as pl
    import redactum.polars  # noqa: F401

    df.with_columns(pl.col("msg").redactum.redact(style="hash", key=b"k" * 32))
    df.filter(pl.col("msg").redactum.is_match())
    df.lazy().select(pl.col("msg").redactum.redact()).collect()
    df["msg"].redactum.redact()          # the Series namespace

Each batch goes to Rust as Arrow (``Series.to_arrow()``, no copy of the strings) and comes
back as one new buffer. Options are those of ``redactum.Redactor(...)``, and ``threads=``.
This is a Python ``map_batches`` (the GIL is released while Rust works, but Polars calls it
from one thread at a time); a compiled Polars plugin does not exist yet.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from . import arrow as _arrow

__all__ = ["RedactumExpr", "RedactumSeries"]


def _redact(s: pl.Series, options: dict[str, Any]) -> pl.Series:
    return pl.Series(s.name, _arrow.redact(s.to_arrow(), **options), dtype=pl.String)


def _is_match(s: pl.Series, options: dict[str, Any]) -> pl.Series:
    return pl.Series(s.name, _arrow.is_match(s.to_arrow(), **options), dtype=pl.Boolean)


_FINDINGS = pl.List(
    pl.Struct(
        {
            "start": pl.Int64,
            "end": pl.Int64,
            "byte_start": pl.Int64,
            "byte_end": pl.Int64,
            "rule_id": pl.String,
            "category": pl.String,
        }
    )
)


def _findings(s: pl.Series, options: dict[str, Any]) -> pl.Series:
    return pl.Series(s.name, _arrow.findings(s.to_arrow(), **options), dtype=_FINDINGS)


def _check(s: pl.Series) -> pl.Series:
    if s.dtype != pl.String and s.dtype != pl.Null:
        raise TypeError(f"redactum: expected a String column, not {s.dtype}")
    return s


@pl.api.register_expr_namespace("redactum")
class RedactumExpr:
    """``Expr.redactum``: redaction of a String expression, usable in lazy queries."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def redact(self, **options: Any) -> pl.Expr:
        """The strings redacted (options as ``redactum.Redactor(...)``, and ``threads=``)."""
        _arrow.redactor_for(**{k: v for k, v in options.items() if k != "threads"})
        return self._expr.map_batches(
            lambda s: _redact(_check(s), options), return_dtype=pl.String, is_elementwise=True
        )

    def is_match(self, **options: Any) -> pl.Expr:
        """Per value, whether anything would be redacted (null where the value is)."""
        _arrow.redactor_for(**{k: v for k, v in options.items() if k != "threads"})
        return self._expr.map_batches(
            lambda s: _is_match(_check(s), options), return_dtype=pl.Boolean, is_elementwise=True
        )


    def findings(self, **options: Any) -> pl.Expr:
        """Per value, a list of structs (start, end, byte_start, byte_end, rule_id, category)."""
        _arrow.redactor_for(**{k: v for k, v in options.items() if k != "threads"})
        return self._expr.map_batches(
            lambda s: _findings(_check(s), options), return_dtype=_FINDINGS, is_elementwise=True
        )


@pl.api.register_series_namespace("redactum")
class RedactumSeries:
    """``Series.redactum``: as the expression namespace, on a Series."""

    def __init__(self, series: pl.Series) -> None:
        self._s = series

    def redact(self, **options: Any) -> pl.Series:
        """The Series redacted."""
        return _redact(_check(self._s), options)

    def is_match(self, **options: Any) -> pl.Series:
        """Per value, whether anything would be redacted."""
        return _is_match(_check(self._s), options)

    def findings(self, **options: Any) -> pl.Series:
        """Per value, a list of structs (start, end, byte_start, byte_end, rule_id, category)."""
        return _findings(_check(self._s), options)

    def find(self, **options: Any) -> pl.DataFrame:
        """What would be redacted, one row per replaced span (columns as ``redactum.arrow.find``)."""
        out = pl.from_arrow(_arrow.find(_check(self._s).to_arrow(), **options))
        assert isinstance(out, pl.DataFrame)
        return out
