"""``ar-collections understand --engine llm``: the offline contract, read by Claude when
the offline engine is unsure, and offline whenever Claude cannot be used."""

from __future__ import annotations

import io
import json

import pytest
from arc_llm_fixtures import answer
from conftest import requires_sdk

from ar_collections_core.cli import build_parser
from ar_collections_core.llm import JsonLinesUsageStore
from ar_collections_core.llm.fake_api import tool_answer
from ar_collections_core.replies import engines

MESSAGE = (
    "From: ap@client.example\r\nTo: ar@us.example\r\nSubject: Re: Invoice INV/2025/0012\r\n"
    "\r\nHm, the boss looks at these things on Thursdays, so after that you should see"
    " something.\r\n"
    "Call me on +33 6 12 34 56 78.\r\n\r\n> Dear customer, please pay INV/2025/0012\r\n"
)
LINE = {
    "id": 7,
    "today": "2025-03-12",
    "partner_lang": "en_US",
    "message": MESSAGE,
    "open_invoices": [
        {"number": "INV/2025/0012", "amount_residual": 1234.56, "currency": "EUR",
         "due_date": "2025-02-09", "ref": "PO-4471"},
    ],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _own_engine_table(monkeypatch):
    monkeypatch.setattr(engines, "_ENGINES", dict(engines._ENGINES))


def run(argv, monkeypatch, key="sk-test", lines=(LINE,)):
    if key:
        monkeypatch.setenv("ANTHROPIC_API_KEY", key)
    else:
        monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    args = build_parser().parse_args(["understand", *argv])
    stdout = io.StringIO()
    code = args.handler(args, stdin=io.StringIO("".join(json.dumps(x) + "\n" for x in lines)),
                        stdout=stdout)  # fmt: skip
    return code, [json.loads(row) for row in stdout.getvalue().splitlines()]


@requires_sdk
def test_claude_reads_an_unsure_reply_in_the_same_contract(fake_api, monkeypatch, tmp_path):
    fake_api.push(
        tool_answer(
            "record_reply",
            answer(amount=None, currency=None, quotes=[], intent_invoices=[], confidence=0.85),
        )
    )
    log = tmp_path / "usage.jsonl"
    code, [offline] = run(["--engine", "offline"], monkeypatch)
    code, [reading] = run(
        ["--engine", "llm", "--llm-base-url", fake_api.url, "--llm-usage-log", str(log)],
        monkeypatch,
    )
    assert code == 0 and offline["confidence"] < 0.6  # unsure offline: Claude is asked
    assert set(reading) == set(offline)
    assert reading["engine"] == "llm" and reading["id"] == 7
    assert (reading["intent"], reading["promised_date"], reading["invoices"]) == (
        "promise_to_pay",
        "2025-03-14",
        ["INV/2025/0012"],
    )
    sent = fake_api.last_body["messages"][0]["content"][1]["text"]
    assert "the boss looks at these things on Thursdays" in sent
    assert "Dear customer" not in sent and "ap@client.example" not in sent  # no quote, no header
    assert "+33 6" not in sent and "[PHONE_1]" in sent  # redacted by default
    [record] = JsonLinesUsageStore(log).read()
    assert record.outcome == "ok" and record.kind == "understanding"


@requires_sdk
def test_a_confident_offline_reading_is_not_sent(fake_api, monkeypatch):
    _, [reading] = run(
        ["--engine", "llm", "--llm-base-url", fake_api.url, "--llm-threshold", "0.0"], monkeypatch
    )
    assert reading["engine"] == "offline" and fake_api.requests == []


def test_without_a_key_every_reply_is_read_offline(monkeypatch, capsys):
    code, [reading] = run(["--engine", "llm", "--llm-base-url", "http://127.0.0.1:9"],
                          monkeypatch, key=None)  # fmt: skip
    assert code == 0 and reading["engine"] == "offline"
    assert "ANTHROPIC_API_KEY is not set" in capsys.readouterr().err


@requires_sdk
def test_a_failing_service_gives_the_offline_reading(fake_api, monkeypatch):
    code, [offline] = run(["--engine", "offline"], monkeypatch)
    code, [reading] = run(["--engine", "llm", "--llm-base-url", fake_api.url], monkeypatch)
    assert code == 0 and reading == offline  # the fake server answers 500 to everything


def test_bad_llm_settings_stop_the_run(monkeypatch, capsys):
    code, rows = run(["--engine", "llm", "--llm-threshold", "7"], monkeypatch)
    assert code == 2 and rows == []
    assert "confidence_threshold is between 0 and 1" in capsys.readouterr().err
