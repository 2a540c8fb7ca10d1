"""Polars namespaces: ``import redactum.polars`` registers them.

::

    import polars as pl
    import redactum.polars  # noqa: F401

    df.with_columns(pl.col("msg").redactum.redact(style="hash", key=b"k" * 32))
    df.filter(pl.col("msg").redactum.is_match())
    df.lazy().select(pl.col("msg").redactum.redact()).collect()
    df["msg"].redactum.redact()          # the Series namespace

Options are those of ``redactum.Redactor(...)`` (or ``redactor=`` an existing one).

``Expr.redactum.redact()``, ``.is_match()`` and ``.findings()`` are a compiled Polars
expression plugin: Polars calls into redactum's library from its own threads, on each chunk
(and each batch of a streaming query), with no Python in between; the options travel with the
expression (Polars pickles them into the plan) and build one ``Redactor`` per process.
``threads=`` is ignored there: Polars decides the parallelism (``POLARS_MAX_THREADS``). With
``replace_with=`` (a Python callable) they are a Python ``map_batches`` over the Arrow path
instead (``Series.to_arrow()``, no copy of the strings; the GIL is released while Rust works,
but Polars calls it from one thread at a time). The Series namespace uses the Arrow path.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Optional

import polars as pl

from . import _redactum
from . import arrow as _arrow

try:
    from polars.plugins import register_plugin_function as _register
except ImportError:  # Polars before 0.20.16: the map_batches path only
    _register = None  # type: ignore[assignment]

_LIB = Path(_redactum.__file__)

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


def _plugin_kwargs(options: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The plugin's keyword arguments for these options (the ``Redactor``'s constructor
    arguments), or None when the plugin cannot take them (``replace_with=``, old Polars).
    Builds the ``Redactor`` here, so that a bad option raises now, and hands it to the
    plugin's cache."""
    r = _arrow.redactor_for(**{k: v for k, v in options.items() if k != "threads"})
    kwargs = r.__getnewargs_ex__()[1]
    if _register is None or "replace_with" in kwargs:
        return None
    # Polars pickles the same dict the same way: the plugin finds this redactor by those bytes.
    _redactum._polars_plugin_seed(r, pickle.dumps(kwargs, protocol=5))
    return kwargs


def _plugin(expr: pl.Expr, name: str, kwargs: dict[str, Any]) -> pl.Expr:
    return _register(
        plugin_path=_LIB,
        function_name=name,
        args=expr,
        kwargs=kwargs,
        is_elementwise=True,
    )


@pl.api.register_expr_namespace("redactum")
class RedactumExpr:
    """``Expr.redactum``: redaction of a String expression, usable in lazy queries."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def redact(self, **options: Any) -> pl.Expr:
        """The strings redacted (options as ``redactum.Redactor(...)``)."""
        kwargs = _plugin_kwargs(options)
        if kwargs is not None:
            return _plugin(self._expr, "redactum_redact", kwargs)
        return self._expr.map_batches(
            lambda s: _redact(_check(s), options), return_dtype=pl.String, is_elementwise=True
        )

    def is_match(self, **options: Any) -> pl.Expr:
        """Per value, whether anything would be redacted (null where the value is)."""
        kwargs = _plugin_kwargs(options)
        if kwargs is not None:
            return _plugin(self._expr, "redactum_is_match", kwargs)
        return self._expr.map_batches(
            lambda s: _is_match(_check(s), options), return_dtype=pl.Boolean, is_elementwise=True
        )


    def findings(self, **options: Any) -> pl.Expr:
        """Per value, a list of structs (start, end, byte_start, byte_end, rule_id, category)."""
        kwargs = _plugin_kwargs(options)
        if kwargs is not None:
            return _plugin(self._expr, "redactum_findings", kwargs)
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
