"""A ``Series`` accessor over the Arrow path: ``import redactum.pandas`` registers it.

::

    import pandas as pd
    import redactum.pandas  # noqa: F401

    s = pd.Series(["mail ann@example.com", None, "clean"])
    s.redactum.redact()                 # ['mail [REDACTED:email]', None, 'clean']
    s.redactum.redact(style="mask")     # options of redactum.Redactor(...), and threads=
    s.redactum.is_match()               # [True, <NA>, False]  (dtype boolean)
    s.redactum.find()                   # a DataFrame: index, row, start, end, ..., rule_id

Arrow-backed strings (``string[pyarrow]``, pandas 3's ``str``, ``ArrowDtype``) go to Rust with
no copy; ``object`` columns are converted to Arrow once. The result keeps the index, the name,
the dtype and the missing values (``None``, ``NaN``, ``NA`` stay as they were).
"""

from __future__ import annotations

from typing import Any

import pandas as pd  # type: ignore[import-untyped,unused-ignore]
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

from . import arrow as _arrow

__all__ = ["RedactumAccessor"]


def _to_arrow(s: Any) -> Any:
    try:
        if isinstance(s.dtype, (pd.StringDtype, pd.ArrowDtype)):
            return pa.array(s.array)
        return pa.array(s, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
        raise TypeError(f"redactum: expected a Series of strings: {e}") from None


@pd.api.extensions.register_series_accessor("redactum")
class RedactumAccessor:
    """``Series.redactum``: redaction of a Series of strings."""

    def __init__(self, series: Any) -> None:
        self._s = series

    def redact(self, **options: Any) -> Any:
        """The Series redacted (options as ``redactum.Redactor(...)``, and ``threads=``)."""
        s = self._s
        out = _arrow.redact(_to_arrow(s), **options)
        if isinstance(s.dtype, (pd.StringDtype, pd.ArrowDtype)):
            values = s.dtype.__from_arrow__(out)
            return pd.Series(values, index=s.index, name=s.name, copy=False)
        result = pd.Series(out.to_numpy(zero_copy_only=False), index=s.index, name=s.name, dtype=object)
        # Missing values come back as they went in (None, NaN or NA).
        return result.where(s.notna(), s)

    def is_match(self, **options: Any) -> Any:
        """Per value, whether anything would be redacted (dtype ``boolean``, NA where missing)."""
        s = self._s
        out = _arrow.is_match(_to_arrow(s), **options)
        return pd.Series(pd.BooleanDtype().__from_arrow__(out), index=s.index, name=s.name, copy=False)

    def find(self, **options: Any) -> Any:
        """What would be redacted: a DataFrame with one row per replaced span, the Series'
        ``index`` label, ``row`` (position), ``start``/``end`` (code points),
        ``byte_start``/``byte_end``, ``rule_id`` and ``category``."""
        s = self._s
        table = _arrow.find(_to_arrow(s), **options)
        df = table.to_pandas()
        df.insert(0, "index", s.index.take(df["row"].to_numpy()))
        return df
