from __future__ import annotations

import multiprocessing
import pathlib
import pickle

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol: int) -> None:
    r = redactum.Redactor(rules=RULES, style="hash", key=b"\x00secret", categories=["secret"], disable_rules=["x"][:0])
    r2 = pickle.loads(pickle.dumps(r, protocol=protocol))
    assert isinstance(r2, redactum.Redactor) and r2 is not r
    text = f"{TOKEN} {EMAIL}"
    assert r2.redact(text) == r.redact(text)
    assert r2.style == "hash"
    assert [i.id for i in r2.rules()] == ["test-token"]


def test_pickle_carries_rule_files(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "rules.toml"
    f.write_text(RULES, encoding="utf-8")
    data = pickle.dumps(redactum.Redactor(rules=f, style="partial", keep_start=1, keep_end=2))
    f.unlink()  # a Spark executor does not have the driver's files
    r = pickle.loads(data)
    assert r.redact(TOKEN) == "t" + "*" * 17 + "78"


def test_pickle_keeps_builtin_and_extra_rules() -> None:
    r = redactum.Redactor(extra_rules=RULES, only_rules=["test-email"])
    r2 = pickle.loads(pickle.dumps(r))
    assert [i.id for i in r2.rules()] == ["test-email"]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_keeps_format_and_sensitive_keys(protocol: int) -> None:
    r = redactum.Redactor(rules=RULES, format="json", sensitive_keys=["session_hint", "pin"])
    r2 = pickle.loads(pickle.dumps(r, protocol=protocol))
    line = '{"session_hint":"abc","pin":1234,"password":"x","note":"ok"}'
    expected = (
        '{"session_hint":"[REDACTED:sensitive-key]","pin":"[REDACTED:sensitive-key]",'
        '"password":"[REDACTED:sensitive-key]","note":"ok"}'
    )
    assert r.redact(line) == expected
    assert r2.redact(line) == expected
    # The format itself survives, not only the keys: a logfmt line is text under "json".
    assert r2.redact("session_hint=abc pin=1") == "session_hint=abc pin=1"
    logfmt = pickle.loads(pickle.dumps(redactum.Redactor(rules=RULES, format="logfmt"), protocol=protocol))
    assert logfmt.redact("password=x user=y") == "password=[REDACTED:sensitive-key] user=y"
    assert logfmt.redact('{"password":"x"}') == '{"password":"x"}'


def test_getnewargs_ex_format_and_sensitive_keys() -> None:
    _, kwargs = redactum.Redactor(rules=RULES, format="auto", sensitive_keys="session_hint").__getnewargs_ex__()
    assert kwargs["format"] == "auto" and kwargs["sensitive_keys"] == ["session_hint"]
    _, kwargs = redactum.Redactor(rules=RULES).__getnewargs_ex__()
    assert kwargs["format"] == "auto" and "sensitive_keys" not in kwargs


def test_getnewargs_ex() -> None:
    args, kwargs = redactum.Redactor(rules=RULES, style="mask").__getnewargs_ex__()
    assert args == () and kwargs["style"] == "mask"
    assert redactum.Redactor(*args, **kwargs).redact(TOKEN) == "*" * len(TOKEN)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_pool(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    r = redactum.Redactor(rules=RULES, style="mask")
    r.redact_batch([TOKEN] * 4, threads=2)  # the parent's own pool exists before forking
    texts = [f"{i} {TOKEN}" for i in range(50)]
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        # The bound method pickles the redactor with it.
        # Timeouts: a pool inherited across fork would hang rather than fail.
        assert pool.map_async(r.redact, texts).get(timeout=120) == [r.redact(t) for t in texts]
        assert pool.apply_async(r.redact_batch, (texts, 2)).get(timeout=120) == r.redact_batch(texts)
