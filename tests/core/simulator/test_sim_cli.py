"""``ar-collections simulate``: the table, the charts, and clear errors."""

import json

import pytest

from ar_collections_core.cli import main
from ar_collections_core.simulator import charts

SMALL = ["simulate", "--customers", "20", "--days", "28", "--warmup-days", "120", "--seed", "5"]


def test_simulate_prints_the_table_and_writes_the_charts(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "charts"
    assert main([*SMALL, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Simulated 20 customers for 28 days" in text
    assert "not a promise" in text
    assert "DSO, countback" in text and "messages sent" in text
    assert "annoyances, agent:" in text
    for name in ("dso.png", "cash.png", "messages.png"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5000


def test_without_matplotlib_the_command_says_so(tmp_path, capsys, monkeypatch):
    def missing():
        raise charts.ChartsUnavailable("PNG charts need matplotlib: pip install ...")

    monkeypatch.setattr(charts, "_pyplot", missing)
    assert main([*SMALL, "--out", str(tmp_path / "x")]) == 1  # asked for charts: an error
    captured = capsys.readouterr()
    assert "DSO, countback" in captured.out  # the table is still there
    assert "charts not written: PNG charts need matplotlib" in captured.err
    assert not (tmp_path / "x").exists()
    monkeypatch.chdir(tmp_path)
    assert main(SMALL) == 0  # default directory: the table is what was asked for


def test_no_charts_and_policy_overrides(tmp_path, capsys):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"pre_due_days": 0, "min_days_between_contacts": 7}))
    assert main([*SMALL, "--no-charts", "--policy", str(policy)]) == 0
    assert "charts:" not in capsys.readouterr().out
    policy.write_text(json.dumps({"pre_due_dayz": 0}))
    assert main([*SMALL, "--no-charts", "--policy", str(policy)]) == 2
    assert "unknown policy fields" in capsys.readouterr().err
    policy.write_text("[1, 2]")
    assert main([*SMALL, "--no-charts", "--policy", str(policy)]) == 2
    assert "JSON object" in capsys.readouterr().err
    assert main([*SMALL, "--no-charts", "--policy", str(tmp_path / "none.json")]) == 2
