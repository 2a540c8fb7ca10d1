"""redactum.spark in PySpark local mode (local[2]): mapInArrow and the pandas UDF against
Redactor.redact per value, errors on the driver, one Redactor per worker process, and the
README's Parquet -> Spark -> Parquet example.

One SparkSession for the module (starting the JVM is most of the cost). test.sh installs
pyspark (and Java when missing) and sets REDACTUM_REQUIRE_SPARK=1, so that there a missing
Spark fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Dict, Iterator

import pytest

import redactum

from conftest import EMAIL, RULES, TOKEN, TOKEN2

if os.environ.get("REDACTUM_REQUIRE_SPARK") != "1":
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no java", allow_module_level=True)

import pyarrow as pa  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import LongType, StringType, StructField, StructType  # noqa: E402

import redactum.spark as rs  # noqa: E402

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
BATCH = 16
R = redactum.Redactor(rules=RULES)


@pytest.fixture(scope="module")
def stats_dir() -> Iterator[pathlib.Path]:
    with tempfile.TemporaryDirectory(prefix="redactum-spark-") as d:
        yield pathlib.Path(d)


@pytest.fixture(scope="module")
def spark(stats_dir: pathlib.Path) -> Iterator[Any]:
    # The Python workers are forked from a daemon the JVM starts with this environment.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ[rs._STATS_DIR] = str(stats_dir)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("redactum-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH))
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


SCHEMA = StructType(
    [
        StructField("id", LongType()),
        StructField("msg", StringType()),
        StructField("note", StringType()),
        StructField("other", StringType()),
    ]
)


def rows(n: int) -> list[tuple[Any, ...]]:
    out = []
    for i in range(n):
        msg = None if i % 7 == 3 else f"req {i} auth={TOKEN} by {EMAIL}" if i % 3 == 0 else f"req {i} café ✓"
        note = None if i % 5 == 1 else ("" if i % 5 == 2 else f"note {TOKEN2} ünï {i}")
        out.append((i, msg, note, f"keep {EMAIL} {i}"))
    return out


def per_value(v: Any) -> Any:
    return None if v is None else R.redact(v)


def test_redact_several_columns_keeps_nulls_and_other_columns(spark: Any) -> None:
    data = rows(100)
    df = spark.createDataFrame(data, SCHEMA).repartition(2)
    out = rs.redact(df, columns=["msg", "note"], rules=RULES)
    assert out.schema == df.schema
    got = sorted(out.collect(), key=lambda r: r["id"])
    assert len(got) == len(data)
    for (i, msg, note, other), row in zip(data, got):
        assert row["id"] == i
        assert row["msg"] == per_value(msg)
        assert row["note"] == per_value(note)
        assert row["other"] == other  # not named: untouched, email and all
    assert got[0]["msg"] == "req 0 auth=[REDACTED:test-token] by [REDACTED:test-email]"
    assert sum(r["msg"] is None for r in got) == sum(m is None for _, m, _, _ in data) > 0


def test_options_reach_the_workers(spark: Any) -> None:
    df = spark.createDataFrame([(1, f"a {EMAIL}", None, "")], SCHEMA)
    out = rs.redact(df, "msg", rules=RULES, style="mask").collect()
    assert out[0]["msg"] == "a " + "*" * len(EMAIL)


def test_redact_udf_with_select_and_with_column(spark: Any) -> None:
    data = rows(60)
    df = spark.createDataFrame(data, SCHEMA)
    red = rs.redact_udf(rules=RULES)
    got = sorted(df.withColumn("msg", red("msg")).collect(), key=lambda r: r["id"])
    assert [r["msg"] for r in got] == [per_value(m) for _, m, _, _ in data]
    assert [r["other"] for r in got] == [o for _, _, _, o in data]
    sel = df.select("id", red("note").alias("note")).orderBy("id").collect()
    assert [r["note"] for r in sel] == [per_value(n) for _, _, n, _ in data]


def test_bad_options_raise_on_the_driver(spark: Any) -> None:
    df = spark.createDataFrame(rows(4), SCHEMA)
    bad_rule = '[[rule]]\nid = "broken"\nname = "x"\ncategory = "secret"\npattern = "(unclosed"\n'
    with pytest.raises(redactum.RuleError) as e:
        rs.redact(df, columns=["msg"], rules=bad_rule)
    assert "broken" in str(e.value) and "Java" not in str(e.value)
    with pytest.raises(redactum.RuleError):
        rs.redact_udf(rules=bad_rule)
    with pytest.raises(redactum.ConfigError):
        rs.redact(df, columns=["msg"], style="no-such-style")
    with pytest.raises(redactum.ConfigError):
        rs.redact(df, columns=["msg"], rules=RULES, threads=0)
    with pytest.raises(ValueError, match="no column 'nope'"):
        rs.redact(df, columns=["nope"], rules=RULES)
    with pytest.raises(TypeError, match="'id' is bigint"):
        rs.redact(df, columns=["id"], rules=RULES)


def _stats(d: pathlib.Path) -> Dict[str, Dict[str, int]]:
    return {p.stem: json.loads(p.read_text()) for p in d.glob("*.json")}


def _delta(before: Dict[str, Dict[str, int]], after: Dict[str, Dict[str, int]]) -> Dict[str, Dict[str, int]]:
    zero = {"built": 0, "batches": 0}
    return {
        pid: {k: s[k] - before.get(pid, zero)[k] for k in zero}
        for pid, s in after.items()
        if s != before.get(pid)
    }


def test_one_redactor_per_worker_process(spark: Any, stats_dir: pathlib.Path) -> None:
    n = 400
    df = spark.createDataFrame(rows(n), SCHEMA).repartition(2).cache()
    df.count()
    # Options no other test uses: the workers have not unpickled this Redactor yet.
    opts = {"rules": RULES, "style": "partial:2:2"}
    before = _stats(stats_dir)
    first = rs.redact(df, columns=["msg"], **opts).collect()
    mid = _stats(stats_dir)
    d1 = _delta(before, mid)
    batches = sum(s["batches"] for s in d1.values())
    # 400 rows in 2 partitions of at most 16 rows a batch: at least 25 batches.
    assert batches >= n // BATCH
    # Each process that ran batches unpickled the Redactor once, whatever its batch count.
    assert d1 and all(s["built"] == 1 for s in d1.values()), d1
    assert batches > len(d1)
    # A second job with the same options: the workers kept theirs (Spark reuses them).
    second = rs.redact(df, columns=["msg"], **opts).collect()
    d2 = _delta(mid, _stats(stats_dir))
    assert sum(s["batches"] for s in d2.values()) >= n // BATCH
    assert all(s["built"] == 0 for s in d2.values()), d2
    assert sorted(first) == sorted(second)
    df.unpersist()


def readme_spark_example() -> str:
    m = re.search(
        r"<!-- spark-parquet-example -->\s*```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S
    )
    assert m is not None, "the README has lost its Spark example"
    return m.group(1)


def test_readme_parquet_example(tmp_path: pathlib.Path) -> None:
    import pyarrow.parquet as pq

    data = rows(50)
    src = tmp_path / "logs.parquet"
    pq.write_table(
        pa.table(
            {
                "ts": [f"2026-01-01T00:00:{i % 60:02d}Z" for i in range(len(data))],
                "host": [f"web-{i % 3}" for i in range(len(data))],
                "msg": [m for _, m, _, _ in data],
            }
        ),
        src,
    )
    script = tmp_path / "redact_logs.py"
    script.write_text(readme_spark_example(), encoding="utf-8")
    dst = tmp_path / "clean.parquet"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    p = subprocess.run(
        [sys.executable, str(script), str(src), str(dst)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert p.returncode == 0, p.stderr[-3000:]
    out = pq.read_table(dst).sort_by("ts").to_pylist()
    want = sorted(
        zip([f"2026-01-01T00:00:{i % 60:02d}Z" for i in range(len(data))], [m for _, m, _, _ in data]),
    )
    assert len(out) == len(data)
    builtin = redactum.Redactor()
    assert sorted((r["ts"], r["msg"]) for r in out) == sorted(
        (ts, None if m is None else builtin.redact(m)) for ts, m in want
    )
    assert any(r["msg"] is not None and "[REDACTED:email]" in r["msg"] for r in out)
