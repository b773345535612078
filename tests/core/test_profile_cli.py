"""The ``demo`` and ``profiles`` commands."""

import json
import subprocess
import sys
from datetime import date

from ar_collections_core.cli import main
from ar_collections_core.ledger_io import ledger_lines, read_ledger
from ar_collections_core.profile import compute_profile
from ar_collections_core.risk import assess_risk
from ar_collections_core.synthetic import ARCHETYPES, generate_ledger

TODAY = date(2026, 3, 15)


def test_demo_prints_the_table_sorted_by_risk(capsys):
    assert main(["demo", "--customers", "30", "--seed", "4", "--today", "2026-03-15"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("customer "))
    for column in (
        "archetype",
        "segment",
        "wtd late",
        "typ/worst",
        "on time",
        "trend",
        "overdue",
        "risk",
        "band",
        "top reason",
    ):
        assert column in lines[header]
    rows = lines[header + 1 : header + 31]
    risk_start = lines[header].index(" risk ") + 1
    scores = [int(row[risk_start : risk_start + 4]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    for archetype in ARCHETYPES:
        assert archetype in out
    assert "backtest: " in out and "AUC" in out and "MAE" in out


def test_demo_matches_the_core(capsys):
    assert (
        main(["demo", "--customers", "10", "--seed", "9", "--today", "2026-03-15", "--no-backtest"])
        == 0
    )
    out = capsys.readouterr().out
    ledger = generate_ledger(10, seed=9, today=TODAY)
    for customer in ledger.customers:
        key = customer.key
        profile = compute_profile(ledger.receivables[key], TODAY, promises=ledger.promises[key])
        risk = assess_risk(
            profile,
            promises=ledger.promises[key],
            disputes=ledger.disputes[key],
            credit_limit=customer.credit_limit,
        )
        row = next(line for line in out.splitlines() if line.startswith(customer.name[:28]))
        assert f" {risk.score} " in row and risk.band in row
    assert "backtest" not in out


def test_demo_runs_as_a_console_command():
    result = subprocess.run(
        [sys.executable, "-m", "ar_collections_core", "demo", "--customers", "8", "--limit", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "customer " in result.stdout and "backtest:" in result.stdout


def test_export_then_profiles_round_trip(tmp_path, capsys):
    ledger_path = tmp_path / "ledger.jsonl"
    out_path = tmp_path / "profiles.jsonl"
    assert (
        main(
            [
                "demo",
                "--customers",
                "12",
                "--seed",
                "3",
                "--today",
                "2026-03-15",
                "--no-backtest",
                "--export",
                str(ledger_path),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "profiles",
                "--ledger",
                str(ledger_path),
                "--today",
                "2026-03-15",
                "--output",
                str(out_path),
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    ledger = generate_ledger(12, seed=3, today=TODAY)
    assert [r["customer"] for r in records] == sorted(c.key for c in ledger.customers)
    for record in records:
        customer = ledger.customer(record["customer"])
        key = customer.key
        profile = compute_profile(ledger.receivables[key], TODAY, promises=ledger.promises[key])
        risk = assess_risk(
            profile,
            promises=ledger.promises[key],
            disputes=ledger.disputes[key],
            credit_limit=customer.credit_limit,
        )
        assert record["name"] == customer.name
        assert record["profile"]["weighted_days_late"] == profile.weighted_days_late
        assert record["profile"]["open_amount"] == profile.open_amount
        assert record["risk"]["score"] == risk.score
        assert record["risk"]["band"] == risk.band
        open_ids = {r.id for r in ledger.receivables[key] if r.is_open and not r.is_credit_note}
        assert {i["id"] for i in record["open_invoices"]} == open_ids
        for item in record["open_invoices"]:
            assert item["predicted_payment_date"] >= "2026-03-15"
            assert 0.0 <= item["late_probability"] <= 1.0


def test_profiles_reports_bad_lines_and_keeps_the_rest(tmp_path, capsys):
    good = {
        "customer": "A",
        "id": 1,
        "number": "INV/1",
        "invoice_date": "2025-01-01",
        "due_date": "2025-01-31",
        "amount": 100.0,
        "residual": 0.0,
        "settlements": [{"date": "2025-02-05", "amount": 100.0}],
    }
    lines = [
        json.dumps(good),
        "",
        "# a comment",
        "{broken json",
        json.dumps({**good, "id": 2, "due_date": "31/01/2025"}),
        json.dumps({**good, "id": 3, "amount": "lots"}),
        json.dumps({**good, "id": 1}),  # duplicate id
        json.dumps(
            {
                "customer": "B",
                "id": 7,
                "invoice_date": "2025-02-01",
                "due_date": "2025-03-01",
                "amount": 50.0,
                "residual": 80.0,
            }
        ),
        json.dumps(
            {
                "record": "promise",
                "customer": "A",
                "id": "p",
                "invoice_ids": [1],
                "amount": -5,
                "promised_date": "2025-03-01",
            }
        ),
        json.dumps({**good, "customer": "C", "id": 9, "residual": 100.0, "settlements": []}),
        json.dumps({**good, "settlements": [{"date": "soon", "amount": 1}], "id": 4}),
        json.dumps({"record": "mystery", "customer": "A"}),
        json.dumps({**good, "id": 5, "settlements": [{"date": "2025-02-05", "amount": 150}]}),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["profiles", "--ledger", str(path), "--today", "2025-06-01"]) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if ": skipped: " in line]
    assert [int(line.split(":")[1]) for line in errors] == [4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    assert "'due_date': '31/01/2025' is not a date (YYYY-MM-DD)" in captured.err
    assert "'amount': 'lots' is not a number" in captured.err
    assert "appears twice" in captured.err
    assert "'residual' 80.0 must lie between 0 and the amount 50.0" in captured.err
    assert "a promise needs a positive 'amount'" in captured.err
    assert "settlement 1: 'date': 'soon' is not a date" in captured.err
    assert "10 bad line(s) skipped" in captured.err
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["customer"] for r in records] == ["A", "C"]
    assert records[0]["profile"]["weighted_days_late"] == 5.0
    # 121 days overdue with no history: a quarter of its age more
    assert records[1]["open_invoices"][0]["predicted_payment_date"] == "2025-07-01"


def test_profiles_missing_file(capsys):
    assert main(["profiles", "--ledger", "/nonexistent/ledger.jsonl"]) == 2
    assert "cannot read /nonexistent/ledger.jsonl" in capsys.readouterr().err


def test_ledger_lines_read_back_identically():
    ledger = generate_ledger(15, seed=2, today=TODAY)
    parsed = read_ledger(ledger_lines(ledger))
    assert parsed.errors == []
    for customer in ledger.customers:
        assert tuple(parsed.receivables[customer.key]) == ledger.receivables[customer.key]
        assert tuple(parsed.promises.get(customer.key, ())) == ledger.promises[customer.key]
        assert tuple(parsed.disputes.get(customer.key, ())) == ledger.disputes[customer.key]
        assert parsed.customers[customer.key]["credit_limit"] == customer.credit_limit
