"""Walk-forward backtest: AUC, date errors, no peeking at the future, the command."""

import json
from datetime import date, timedelta

import pytest

from ar_collections_core.backtest import (
    auc,
    backtest_ledger,
    disputes_as_of,
    promises_as_of,
    run_backtest,
)
from ar_collections_core.cli import main
from ar_collections_core.ledger import Dispute, Promise, Receivable, Settlement
from ar_collections_core.ledger_io import ledger_lines
from ar_collections_core.synthetic import generate_ledger

TODAY = date(2026, 3, 15)


def test_auc():
    assert auc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auc([4, 3, 2, 1], [False, False, True, True]) == 0.0
    assert auc([1, 1, 1, 1], [False, True, False, True]) == 0.5
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([1, 2], [True, True]) is None
    assert auc([], []) is None


def test_as_of_views_hide_later_outcomes():
    day = date(2025, 6, 1)
    promises = [
        Promise("a", (1,), 10.0, date(2025, 5, 1), "broken", date(2025, 4, 20)),
        Promise("b", (1,), 10.0, date(2025, 6, 5), "kept", date(2025, 5, 25)),
        Promise("c", (1,), 10.0, date(2025, 7, 1), "kept", date(2025, 6, 20)),
    ]
    seen = promises_as_of(promises, day)
    assert [(p.id, p.state) for p in seen] == [("a", "broken"), ("b", "open")]
    disputes = [
        Dispute("x", (1,), 5.0, "price", "resolved", date(2025, 5, 1), date(2025, 5, 20)),
        Dispute("y", (1,), 5.0, "price", "rejected", date(2025, 5, 1), date(2025, 7, 1)),
        Dispute("z", (1,), 5.0, "price", "open", date(2025, 6, 10)),
    ]
    seen = disputes_as_of(disputes, day)
    assert [(d.id, d.state, d.closed) for d in seen] == [
        ("x", "resolved", date(2025, 5, 20)),
        ("y", "open", None),
    ]


def _paid(key, issued, days_late, term=30):
    due = issued + timedelta(days=term)
    pay = due + timedelta(days=days_late)
    return Receivable(
        key, f"INV/{key}", issued, due, 100.0, 0.0, settlements=(Settlement(pay, 100.0),)
    )


def test_walk_forward_uses_only_earlier_history():
    # Each invoice is issued long after the previous one was paid: always 20 days late.
    history = [_paid(i, date(2025, 1, 1) + timedelta(days=60 * i), 20) for i in range(5)]
    result = run_backtest({"c": history}, TODAY)
    assert result.model.count == result.baseline.count == 5
    # The first invoice has no history: its prediction is the due date (20 days off);
    # every later one is predicted exactly.
    assert result.model.mae == pytest.approx(20 / 5)
    assert result.baseline.mae == 20.0
    assert result.labelled == 5 and result.late_share == 0.0
    assert result.auc_late_probability is None  # one class only


def test_open_invoices_count_as_late_only_when_old_enough():
    old_open = Receivable("o", "INV/o", date(2025, 9, 1), date(2025, 10, 1), 100.0, 100.0)
    young_open = Receivable("y", "INV/y", date(2026, 2, 20), date(2026, 3, 10), 100.0, 100.0)
    credited = Receivable(
        "c",
        "INV/c",
        date(2025, 3, 1),
        date(2025, 4, 1),
        100.0,
        0.0,
        settlements=(Settlement(date(2025, 4, 2), 100.0, "credit_note"),),
    )
    history = [_paid(i, date(2025, 1, 1) + timedelta(days=20 * i), 0) for i in range(4)]
    result = run_backtest({"c": [*history, old_open, young_open, credited]}, TODAY)
    assert result.labelled == 5  # four paid + the old open one
    assert result.late_share == pytest.approx(1 / 5)
    assert result.model.count == 4


@pytest.fixture(scope="module")
def small_ledger():
    return generate_ledger(60, seed=5, today=TODAY)


def test_backtest_on_a_small_ledger_beats_the_due_date(small_ledger):
    result = backtest_ledger(small_ledger)
    assert result.customers == 60
    assert result.labelled > 1000
    assert 0.05 < result.late_share < 0.5
    assert result.auc_late_probability > 0.75
    assert result.auc_risk_score > 0.7
    assert result.model.mae < 0.8 * result.baseline.mae
    assert result.model.within_7 > result.baseline.within_7
    assert set(result.by_group) == {c.archetype for c in small_ledger.customers}
    table = result.table()
    assert "AUC late, late probability" in table and "payment date MAE" in table
    assert result.summary().startswith("backtest: ")


def test_backtest_samples_long_histories():
    history = [_paid(i, date(2020, 1, 1) + timedelta(days=7 * i), i % 5) for i in range(300)]
    result = run_backtest({"c": history}, TODAY, max_invoices_per_customer=50)
    assert result.model.count == 50


def test_backtest_command_on_a_generated_ledger(capsys):
    assert main(["backtest", "--customers", "20", "--seed", "2", "--today", "2026-03-15"]) == 0
    out = capsys.readouterr().out
    assert "Walk-forward backtest: 20 customers" in out
    assert "payment date MAE (days)" in out


def test_backtest_command_on_a_file(tmp_path, capsys, small_ledger):
    path = tmp_path / "ledger.jsonl"
    lines = list(ledger_lines(small_ledger))
    path.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    assert main(["backtest", "--ledger", str(path), "--today", "2026-03-15"]) == 1
    captured = capsys.readouterr()
    assert f"{path}:{len(lines) + 1}: skipped: not valid JSON" in captured.err
    expected = backtest_ledger(small_ledger)
    assert f"{expected.auc_late_probability:.3f}" in captured.out
    assert f"{expected.model.mae:.1f}" in captured.out
    json.loads(lines[0])
