from __future__ import annotations

import pytest

import redactum
from conftest import TOKEN, log_lines


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_batch_matches_redact_in_order(r: redactum.Redactor, threads: int | None) -> None:
    texts = log_lines(2000, every=7) + ["", "🙂 " + TOKEN]
    expected = [r.redact(t) for t in texts]
    assert r.redact_batch(texts, threads=threads) == expected
    assert r.redact_batch(texts, threads) == expected


def test_batch_returns_unchanged_inputs_as_is(r: redactum.Redactor) -> None:
    texts = ["plain one", f"secret {TOKEN}", "plain two"]
    out = r.redact_batch(texts, threads=2)
    assert out[0] is texts[0] and out[2] is texts[2]
    assert out[1] == "secret [REDACTED:test-token]"


def test_batch_takes_any_iterable(r: redactum.Redactor) -> None:
    assert r.redact_batch(iter([TOKEN, "x"])) == ["[REDACTED:test-token]", "x"]
    assert r.redact_batch((TOKEN,)) == ["[REDACTED:test-token]"]


def test_batch_thread_count_is_checked(r: redactum.Redactor) -> None:
    for n in [0, -1, -(2**40)]:
        with pytest.raises(redactum.ConfigError, match=f"threads must be at least 1, not {n}"):
            r.redact_batch(["x"], threads=n)
    with pytest.raises(redactum.ConfigError, match="at most 1024"):
        r.redact_batch(["x", "y"], threads=2**40)
    with pytest.raises(TypeError):
        r.redact_batch(["x"], threads=1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("threads", [1, 2])
def test_batch_passes_none_through(r: redactum.Redactor, threads: int) -> None:
    texts = [None, f"a {TOKEN}", None, "clean", None]
    out = r.redact_batch(texts, threads=threads)
    assert out == [None, "a [REDACTED:test-token]", None, "clean", None]
    assert out[3] is texts[3]
    assert r.redact_batch([None]) == [None] and r.redact_batch([]) == []
    with pytest.raises(TypeError, match="item 1 must be str or None, not int"):
        r.redact_batch(["x", 1])  # type: ignore[list-item]
