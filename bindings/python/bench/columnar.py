"""Benchmark of the columnar paths (figures, not tests).

    cd bindings/python && .venv/bin/maturin develop --release
    .venv/bin/python bench/columnar.py [--rows 10000000] [--repeat 3] [--spark-rows 2000000]
    .venv/bin/python bench/columnar.py --no-frames --spark-rows 2000000   # the Spark part alone
    .venv/bin/python bench/columnar.py --no-spark                         # the rest alone

Short log messages (about 35 bytes), two sets: clean rows and rows of which about 20% hold PII
(an email, a phone number, an IP address or a card number). For each, rows/s and MB/s of
`redactum.arrow.redact` on a pyarrow `string` array, of the pandas accessor (pandas 3 `str`,
Arrow-backed) and of a Polars `map_batches` over the Arrow path, next to
`Redactor.redact_batch(list)`, with one thread and with two; then the Polars expression (the
compiled plugin) with Polars' own threads (run with `POLARS_MAX_THREADS=1` for one), eagerly
and as a streaming query. Best of `--repeat` runs; the Redactor is built before timing.

Spark (when pyspark and java are there): a Parquet file of `--spark-rows` rows (20% PII, with an
id and a host column) read by a `local[2]` session, its `msg` column redacted and the result
written to Parquet, once with `redactum.spark.redact` (mapInArrow) and once with a plain Python
UDF calling `Redactor.redact` per row; wall time of each job (one run, after a warm-up job on a
small file), rows/s, MB/s of `msg` text, and the ratio.

Long texts (`--long FILE`): FILE cut into texts of about 64 KiB at line ends (as the core's
`scaling` benchmark cuts it), as a pyarrow `large_string` array: MB/s of `redactum.arrow.redact`
and of `redact_batch(list)` on one thread, best of `--repeat` after a warm-up; with
`--core-bin PATH` (the `scaling` binary: `cargo build --release -p redactum-benches --bin
scaling`, then `target/release/scaling`), also the core's own `redact_batch` MB/s on one thread
over the same texts with the same options (`REDACTUM_FORMAT=auto`), and the Arrow path's share
of it (issue 17 asks for at least 80%).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import random
import time
from typing import Any, Callable

import pyarrow as pa

import redactum
import redactum.arrow as ra

PII = [
    "contact ann.smith{n}@example.com for access",
    "call +1 415-555-{n:04d} after 5pm",
    "client 10.{a}.{b}.{c} rejected",
    "paid with 4111 1111 1111 1111 ok",
]
CLEAN = [
    "GET /api/v1/items/{n} 200 {ms}ms",
    "worker {n} finished job in {ms} ms",
    "cache miss for key item:{n}, refilling",
    "user session {n} renewed, ttl=3600",
    "INFO scheduler tick {n} queue={ms}",
]


def rows(n: int, pii_share: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if rng.random() < pii_share:
            t = rng.choice(PII)
        else:
            t = rng.choice(CLEAN)
        out.append(
            t.format(n=rng.randrange(10000), ms=rng.randrange(999), a=rng.randrange(256), b=rng.randrange(256), c=rng.randrange(1, 255))
        )
    return out


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spark-rows", type=int, default=2_000_000)
    ap.add_argument("--spark-repeat", type=int, default=1, help="runs of each Spark job (best kept)")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--no-frames", action="store_true")
    ap.add_argument("--long", metavar="FILE", help="also time long texts cut from FILE")
    ap.add_argument("--core-bin", metavar="PATH", help="the core's `scaling` binary, for --long")
    args = ap.parse_args()
    print(f"redactum {redactum.__version__}, pyarrow {pa.__version__}, {platform.python_version()}, {os.cpu_count()} cpus")
    if not args.no_frames:
        frames(args)
    if args.long:
        long_texts(args)
    if not args.no_spark:
        spark(args)


def spark(args: argparse.Namespace) -> None:
    import shutil
    import sys
    import tempfile

    try:
        from pyspark.sql import SparkSession
        from pyspark.sql.functions import udf
        from pyspark.sql.types import StringType
    except ImportError:
        print("\nspark: pyspark is not installed, skipped")
        return
    if shutil.which("java") is None:
        print("\nspark: no java, skipped")
        return
    import pyarrow.parquet as pq

    import redactum.spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="redactum-bench-"))
    try:
        def write(path: pathlib.Path, n: int) -> float:
            # A million rows at a time (one row group each), so that files of tens of millions
            # of rows are written in bounded memory.
            chunk = 1 << 20
            text = 0
            writer = None
            try:
                for k, start in enumerate(range(0, n, chunk)):
                    m = min(chunk, n - start)
                    msg = pa.array(rows(m, 0.2, seed=7 + k), type=pa.string())
                    text += msg.buffers()[2].size
                    table = pa.table(
                        {
                            "id": pa.array(range(start, start + m), pa.int64()),
                            "host": [f"web-{i % 7}" for i in range(start, start + m)],
                            "msg": msg,
                        }
                    )
                    if writer is None:
                        writer = pq.ParquetWriter(path, table.schema)
                    writer.write_table(table, row_group_size=chunk)
            finally:
                if writer is not None:
                    writer.close()
            return text / 1e6

        mb = write(tmp / "logs.parquet", args.spark_rows)
        write(tmp / "warm.parquet", 20_000)
        size = (tmp / "logs.parquet").stat().st_size / 1e6
        print(f"\nspark local[2]: {args.spark_rows} rows, {mb:.1f} MB of msg text, Parquet file {size:.1f} MB")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("redactum-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        r = redactum.Redactor()

        # Unannotated: a plain (pickled, row at a time) Python UDF, as most Spark jobs write one.
        def plain(s):
            return None if s is None else r.redact(s)

        plain_udf = udf(plain, StringType())
        # "copy" reads and writes the file without redacting: the job's own floor.
        jobs = {
            "copy (no redaction)": lambda df: df,
            "redactum.spark.redact": lambda df: redactum.spark.redact(df, columns=["msg"]),
            "plain Python UDF": lambda df: df.withColumn("msg", plain_udf("msg")),
        }

        def run(job: Callable[[Any], Any], src: str) -> float:
            t = time.perf_counter()
            job(session.read.parquet(str(tmp / src))).write.mode("overwrite").parquet(str(tmp / "out"))
            return time.perf_counter() - t

        # The JVM compiles its Parquet and Arrow paths while it runs them: one full-size job
        # first, then every job once on the small file (the Python workers and their
        # Redactor), so that no job pays the warm-up for the others.
        run(jobs["copy (no redaction)"], "logs.parquet")
        for job in jobs.values():
            run(job, "warm.parquet")
        secs = {label: float("inf") for label in jobs}
        for _ in range(args.spark_repeat):
            for label, job in jobs.items():
                secs[label] = min(secs[label], run(job, "logs.parquet"))
        for label in jobs:
            print(
                f"  {label:<22} {args.spark_rows / secs[label] / 1e6:6.2f} M rows/s "
                f"{mb / secs[label]:7.1f} MB/s ({secs[label]:.1f} s)"
            )
        floor = secs["copy (no redaction)"]
        ours, plain_s = secs["redactum.spark.redact"], secs["plain Python UDF"]
        print(f"  ratio (whole jobs): {plain_s / ours:.2f}x")
        if ours > floor and plain_s > floor:
            print(f"  ratio (time over the copy job): {(plain_s - floor) / (ours - floor):.1f}x")
        session.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def long_texts(args: argparse.Namespace) -> None:
    import re
    import subprocess

    data = pathlib.Path(args.long).read_bytes()
    texts = []
    rest = 0
    while rest < len(data):
        # As `scaling` cuts: 64 KiB, then on to the next line end.
        nl = data.find(b"\n", rest + (64 << 10)) if len(data) - rest > 64 << 10 else -1
        cut = len(data) if nl < 0 else nl + 1
        texts.append(data[rest:cut].decode())
        rest = cut
    arr = pa.array(texts, type=pa.large_string())
    mb = len(data) / 1e6
    print(f"\nlong texts: {args.long}, {mb:.1f} MB in {len(texts)} texts")
    r = redactum.Redactor()
    assert ra.redact(arr[:4], redactor=r).to_pylist() == r.redact_batch(texts[:4])
    figures = {}
    for label, f in [
        ("arrow.redact", lambda: ra.redact(arr, redactor=r, threads=1)),
        ("redact_batch(list)", lambda: r.redact_batch(texts, threads=1)),
    ]:
        f()
        secs = best(f, args.repeat)
        figures[label] = mb / secs
        print(f"  {label:<20} threads=1: {mb / secs:7.1f} MB/s ({secs:.3f} s)")
    if args.core_bin:
        # The same options as `redactum.Redactor()`: the core's defaults but `format="auto"`.
        env = {**os.environ, "REDACTUM_FORMAT": "auto"}
        out = subprocess.run([args.core_bin, args.long, "1"], capture_output=True, text=True, check=True, env=env).stdout
        m = re.search(r"1 thread ([0-9.]+) MB/s", out)
        if m is None:
            raise SystemExit(f"unexpected output of {args.core_bin}: {out!r}")
        core = float(m.group(1))
        print(f"  core redact_batch    threads=1: {core:7.1f} MB/s ({args.core_bin})")
        print(f"  arrow.redact / core: {figures['arrow.redact'] / core:.0%}")


def frames(args: argparse.Namespace) -> None:
    r = redactum.Redactor()
    try:
        import polars as pl
        import redactum.polars as _rpl  # noqa: F401  (registers .redactum)
    except ImportError:
        pl = None
    try:
        import pandas as pd
        import redactum.pandas as _rpd  # noqa: F401  (registers .redactum)
    except ImportError:
        pd = None
    for name, share in [("clean", 0.0), ("20% PII", 0.2)]:
        data = rows(args.rows, share)
        arr = pa.array(data, type=pa.string())
        mb = arr.buffers()[2].size / 1e6
        print(f"\n{name}: {args.rows} rows, {mb:.1f} MB, mean {mb * 1e6 / args.rows:.0f} bytes")
        # Same output on both paths.
        assert ra.redact(arr[:2000], redactor=r).to_pylist() == r.redact_batch(data[:2000])
        cases: list[tuple[str, Callable[[int], Callable[[], Any]]]] = [
            ("arrow.redact", lambda t: lambda: ra.redact(arr, redactor=r, threads=t)),
            ("redact_batch(list)", lambda t: lambda: r.redact_batch(data, threads=t)),
        ]
        if pl is not None:
            df = pl.DataFrame({"msg": data})
            # The Python map_batches path the expression used before the plugin.
            cases.append((
                "polars map_batches",
                lambda t: lambda: df.select(
                    pl.col("msg").map_batches(
                        lambda b: _rpl._redact(b, {"redactor": r, "threads": t}),
                        return_dtype=pl.String,
                    )
                ),
            ))
        if pd is not None:
            s = pd.Series(data, dtype="string[pyarrow]")
            cases.append(("pandas accessor", lambda t: lambda: s.redactum.redact(threads=t)))
        for label, make in cases:
            for threads in (1, 2):
                secs = best(make(threads), args.repeat)
                print(
                    f"  {label:<20} threads={threads}: {args.rows / secs / 1e6:6.2f} M rows/s "
                    f"{mb / secs:7.1f} MB/s ({secs:.3f} s)"
                )
        if pl is not None:
            # The compiled plugin runs on Polars' own threads (POLARS_MAX_THREADS, fixed when
            # polars is imported): eagerly on the one chunk, and as a streaming query, whose
            # morsels Polars spreads over its threads.
            plugin = pl.col("msg").redactum.redact(redactor=r)
            lazy = df.lazy().select(plugin)
            for label, run in [
                ("polars plugin", lambda: df.select(plugin)),
                ("polars plugin stream", lambda: lazy.collect(engine="streaming")),
            ]:
                secs = best(run, args.repeat)
                print(
                    f"  {label:<20} threads={pl.thread_pool_size()}: {args.rows / secs / 1e6:6.2f} "
                    f"M rows/s {mb / secs:7.1f} MB/s ({secs:.3f} s)"
                )


if __name__ == "__main__":
    main()
