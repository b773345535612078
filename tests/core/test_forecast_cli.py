"""``ar-collections forecast`` and ``ar-collections metrics`` on generated and own ledgers."""

from datetime import date

from ar_collections_core.cli import main
from ar_collections_core.forecast import forecast_cash
from ar_collections_core.ledger_io import ledger_lines
from ar_collections_core.synthetic import generate_ledger

TODAY = "2025-06-02"


def test_forecast_prints_thirteen_weeks_and_the_backtest(capsys):
    assert main(["forecast", "--customers", "30", "--today", TODAY, "--backtest",
                 "--origins", "3"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    ledger = generate_ledger(30, seed=7, today=date(2025, 6, 2))
    expected = forecast_cash(
        ledger.receivables,
        ledger.today,
        promises_by_customer=ledger.promises,
        disputes_by_customer=ledger.disputes,
    )
    assert f"{expected.total:,.2f}" in out
    week_rows = [line for line in out.splitlines() if line[:4].strip().isdigit()]
    assert len(week_rows) == 13
    assert "Cash forecast backtest: 3 origins" in out
    assert "weekly WAPE" in out and "weekly MAPE" in out


def test_forecast_and_metrics_read_a_ledger_file(tmp_path, capsys):
    ledger = generate_ledger(12, seed=3, today=date(2025, 6, 2))
    path = tmp_path / "ledger.jsonl"
    path.write_text("\n".join([*ledger_lines(ledger), "{not json"]) + "\n", encoding="utf-8")
    assert main(["forecast", "--ledger", str(path), "--weeks", "4"]) == 1  # a bad line
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "expected" in captured.out
    assert main(["metrics", "--ledger", str(path), "--today", TODAY]) == 1
    out = capsys.readouterr().out
    for label in ("DSO, countback", "best possible DSO", "CEI (%)", "promise-kept rate", "90+"):
        assert label in out
    assert main(["metrics", "--ledger", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
