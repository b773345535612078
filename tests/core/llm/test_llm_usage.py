"""Usage records, the price table, the monthly report and cap."""

from __future__ import annotations

import pathlib
import re
from datetime import datetime, timezone

import pytest

from ar_collections_core.llm import (
    PRICES,
    UNKNOWN_MODEL_PRICE,
    MemoryUsageStore,
    UsageCap,
    UsageRecord,
    estimate_cost,
    price_for,
    summarize,
)


def record(month=3, outcome="ok", tokens=(1000, 100), cost=0.0045, called=True, day=12):
    return UsageRecord(
        at=datetime(2025, month, day, 9, 30, tzinfo=timezone.utc),
        kind="understanding",
        model="claude-sonnet-4-6",
        outcome=outcome,
        called=called,
        input_tokens=tokens[0],
        output_tokens=tokens[1],
        latency_ms=840,
        cost=cost,
        attempts=1,
    )


@pytest.mark.parametrize(
    ("model", "price", "known"),
    [
        ("claude-sonnet-4-6", (3.0, 15.0), True),
        ("claude-haiku-4-5-20251001", (1.0, 5.0), True),
        ("claude-opus-4-1", (15.0, 75.0), True),
        ("claude-opus-4-6", (5.0, 25.0), True),
        ("claude-opus-4-7", UNKNOWN_MODEL_PRICE, False),  # not a dated id of a known model
        ("some-new-model", UNKNOWN_MODEL_PRICE, False),
    ],
)
def test_the_price_table(model, price, known):
    assert price_for(model) == (price, known)


def test_costs_are_per_million_tokens_and_overridable():
    assert estimate_cost("claude-haiku-4-5", 1_000_000, 100_000) == (1.5, True)
    assert estimate_cost("my-model", 1_000_000, 0, {"my-model": (2.0, 8.0)}) == (2.0, True)
    assert UNKNOWN_MODEL_PRICE == max(PRICES.values())  # never under-estimate


def test_records_round_trip_and_say_their_status():
    rec = record(outcome="rejected:amount_above_due")
    assert (rec.status, rec.reason, rec.month, rec.tokens) == (
        "rejected",
        "amount_above_due",
        "2025-03",
        1100,
    )
    assert UsageRecord.from_dict(rec.to_dict()) == rec


def test_the_monthly_report():
    rows = [
        record(),
        record(outcome="fallback:timeout", tokens=(0, 0), cost=0.0),
        record(outcome="fallback:cap_reached", tokens=(0, 0), cost=0.0, called=False),
        record(month=4, outcome="rejected:fact_guard", tokens=(2000, 500), cost=0.0135),
    ]
    march, april = summarize(rows)
    assert (march.month, march.calls, march.skipped, march.tokens) == ("2025-03", 2, 1, 1100)
    assert march.outcomes == {"ok": 1, "fallback": 2}
    assert (april.month, april.cost, april.outcomes) == ("2025-04", 0.0135, {"rejected": 1})


def test_the_cap_by_tokens_or_by_cost():
    store = MemoryUsageStore([record(), record(day=13)])
    usage = store.month_usage("2025-03")
    assert UsageCap().reached(usage) is None
    assert UsageCap(max_tokens=5000).reached(usage) is None
    assert "2200 tokens used in 2025-03" in UsageCap(max_tokens=2200).reached(usage)
    assert "$0.01 spent" in UsageCap(max_cost=0.009).reached(usage)
    assert UsageCap(max_cost=0.009).reached(store.month_usage("2025-04")) is None


def test_docs_show_the_price_table():
    text = (pathlib.Path(__file__).resolve().parents[3] / "docs" / "LLM.md").read_text()
    rows = re.findall(r"^\| `([\w.-]+)` \| ([\d.]+) \| ([\d.]+) \|$", text, re.M)
    assert {model: (float(i), float(o)) for model, i, o in rows} == PRICES
