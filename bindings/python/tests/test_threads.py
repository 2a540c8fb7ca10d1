"""The GIL is released during scans: other Python threads run meanwhile, and scans run in
parallel on several threads."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import redactum
from conftest import TOKEN, log_lines


def _long_input(r: redactum.Redactor) -> tuple[str, float]:
    """A text whose redaction takes at least 0.2 s on this machine and build."""
    text = "\n".join(log_lines(20000, every=50))  # about 2 MB
    while True:
        t0 = time.perf_counter()
        r.redact(text)
        took = time.perf_counter() - t0
        if took >= 0.2 or len(text) > 256 << 20:
            return text, took
        text = text * max(2, int(0.3 / max(took, 1e-3)) + 1)


def test_other_threads_run_during_redact(r: redactum.Redactor) -> None:
    text, _ = _long_input(r)
    stamps: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        out = r.redact(text)
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    assert "[REDACTED:test-token]" in out
    inside = [s for s in stamps if start <= s <= end]
    # With the GIL held the ticker would stop for the whole call; released, it keeps ticking.
    points = [start] + inside + [end]
    longest_pause = max(b - a for a, b in zip(points, points[1:]))
    assert len(inside) >= 5, (len(inside), end - start)
    assert longest_pause < 0.5 * (end - start), (longest_pause, end - start)


def test_threads_share_one_redactor(r: redactum.Redactor) -> None:
    texts = [f"{i} {TOKEN if i % 2 else 'plain'}" for i in range(400)]
    expected = [r.redact(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as ex:
        for _ in range(5):
            assert list(ex.map(r.redact, texts)) == expected
            assert list(ex.map(lambda t: r.find(t) and r.find(t)[0].rule_id, texts))[1] == "test-token"


def test_redact_batch_runs_while_python_threads_run(r: redactum.Redactor) -> None:
    lines = log_lines(50000, every=1000)
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        time.sleep(0.01)
        before = counter[0]
        out = r.redact_batch(lines, threads=2)
        after = counter[0]
    finally:
        stop.set()
        t.join()
    assert out[0].endswith("auth=[REDACTED:test-token]")
    assert after > before
