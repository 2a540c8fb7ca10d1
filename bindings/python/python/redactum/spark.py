"""Redaction of Spark DataFrame columns, through Arrow batches in the Python workers.

::

    import redactum.spark

    out = redactum.spark.redact(df, columns=["msg", "note"], style="mask")
    df.withColumn("msg", redactum.spark.redact_udf(style="hash", key=k)("msg"))

``redact`` runs ``DataFrame.mapInArrow``: each Arrow batch goes to ``redactum.arrow.redact``
column by column; the other columns, the column order, the schema and the nulls are kept.
``redact_udf`` is a pandas UDF (``Series -> Series``) for ``select`` and ``withColumn``.

Options are those of ``redactum.Redactor(...)`` (or ``redactor=`` a ``Redactor``). The
``Redactor`` is built on the driver first, so a bad option or rule raises ``RuleError`` /
``ConfigError`` there, before any job starts. It is then pickled (rules read from files travel
inside, executors need not have the files) and each Python worker process unpickles it once and
keeps it for every later batch and task (Spark reuses its Python workers by default).
``threads=`` (default 1: Spark already runs one task per core) is the number of threads each
batch is redacted with.

The workers must import the same ``redactum`` (install the wheel on the cluster, or ship it
with ``--py-files``/``spark.archives``). pyspark is imported by this module, not by
``import redactum``.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
from typing import Any, Callable, Dict, Iterable, Iterator, Optional, Sequence

from . import Redactor
from ._errors import ConfigError

__all__ = ["redact", "redact_udf", "worker_stats"]

# In a Python worker: the Redactors unpickled so far, by the digest of their pickled bytes.
_WORKER: Dict[str, Redactor] = {}
_WORKER_LOCK = threading.Lock()
# Per process, what the workers did: Redactors unpickled and batches redacted.
_STATS = {"built": 0, "batches": 0}
# When set (in the workers' environment), each batch writes this process's stats to
# <dir>/<pid>.json: how the tests see what happened inside the workers.
_STATS_DIR = "REDACTUM_SPARK_STATS_DIR"


def worker_stats() -> Dict[str, int]:
    """In this process: how many ``Redactor`` objects were unpickled by ``redact``/``redact_udf``
    batches (``built``) and how many batches they redacted (``batches``)."""
    with _WORKER_LOCK:
        return dict(_STATS)


def _prepare(redactor: Optional[Redactor], options: Dict[str, Any]) -> bytes:
    """The pickled ``Redactor`` for these options, built here (on the driver) so that a bad
    option raises before any Spark job."""
    if redactor is not None:
        if options:
            raise TypeError("pass either redactor= or Redactor options, not both")
        r = redactor
    else:
        r = Redactor(**options)
    try:
        return pickle.dumps(r)
    except Exception as e:  # e.g. a replace_with callable that does not pickle
        raise ConfigError(f"the Redactor cannot be sent to Spark workers: {e}") from e


def _worker_redactor(payload: bytes, digest: str) -> Redactor:
    """The Redactor of ``payload``, unpickled once per process."""
    with _WORKER_LOCK:
        r = _WORKER.get(digest)
        if r is None:
            r = pickle.loads(payload)
            _WORKER[digest] = r
            _STATS["built"] += 1
        return r


def _count_batch() -> None:
    with _WORKER_LOCK:
        _STATS["batches"] += 1
        stats = dict(_STATS)
    where = os.environ.get(_STATS_DIR)
    if where:
        path = os.path.join(where, f"{os.getpid()}.json")
        tmp = f"{path}.tmp"
        with open(tmp, "w") as f:
            json.dump(stats, f)
        os.replace(tmp, path)


def _threads(threads: int) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ConfigError(f"threads must be an int of at least 1, not {threads!r}")
    return threads


def redact(
    df: Any,
    columns: Sequence[str],
    *,
    threads: int = 1,
    redactor: Optional[Redactor] = None,
    **options: Any,
) -> Any:
    """A DataFrame like ``df`` with every string of ``columns`` redacted (nulls kept).

    Raises, on the driver: ``RuleError``/``ConfigError`` for bad options, ``ValueError`` for an
    unknown column, ``TypeError`` for a column that is not of strings. Lazy, as Spark is: the
    work happens when the result is written or collected.
    """
    from pyspark.sql.types import StringType  # type: ignore[import-untyped,unused-ignore]

    if isinstance(columns, str):
        columns = [columns]
    columns = list(columns)
    fields = {f.name: f for f in df.schema.fields}
    for c in columns:
        if c not in fields:
            raise ValueError(f"no column {c!r} in the DataFrame (it has {sorted(fields)})")
        if not isinstance(fields[c].dataType, StringType):
            raise TypeError(f"column {c!r} is {fields[c].dataType.simpleString()}, not string")
    threads = _threads(threads)
    payload = _prepare(redactor, options)
    digest = hashlib.sha256(payload).hexdigest()
    names = set(columns)

    def run(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        from . import arrow as _arrow

        r = _worker_redactor(payload, digest)
        for batch in batches:
            arrays = [
                _arrow.redact(col, redactor=r, threads=threads) if name in names else col
                for name, col in zip(batch.schema.names, batch.columns)
            ]
            _count_batch()
            yield pa.RecordBatch.from_arrays(arrays, schema=batch.schema)

    return df.mapInArrow(run, df.schema)


def redact_udf(
    *, threads: int = 1, redactor: Optional[Redactor] = None, **options: Any
) -> Callable[..., Any]:
    """A pandas UDF of one string column that redacts it, for ``select``/``withColumn``::

        redact = redactum.spark.redact_udf(style="mask")
        df.select(redact("msg").alias("msg"))

    Options and errors as for ``redact``.
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql.functions import pandas_udf  # type: ignore[attr-defined,import-untyped,unused-ignore]
    from pyspark.sql.types import StringType  # type: ignore[import-untyped,unused-ignore]

    threads = _threads(threads)
    payload = _prepare(redactor, options)
    digest = hashlib.sha256(payload).hexdigest()

    def redact_series(s: Any) -> Any:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        from . import arrow as _arrow

        r = _worker_redactor(payload, digest)
        arr = pa.Array.from_pandas(s, type=pa.large_string())
        out = _arrow.redact(arr, redactor=r, threads=threads)
        _count_batch()
        return pd.Series(out.to_pandas(), index=s.index)

    # Series -> Series: Spark reads the kind of pandas UDF from the annotations.
    redact_series.__annotations__ = {"s": pd.Series, "return": pd.Series}
    return pandas_udf(redact_series, StringType())  # type: ignore[call-overload,no-any-return,unused-ignore]
