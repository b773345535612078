"""Snapshots and decisions as JSON, and the ``ar-collections decide`` command."""

from __future__ import annotations

import io
import json
import pathlib
import re
import subprocess
import sys
from argparse import Namespace
from datetime import timedelta

import pytest
from arc_policy_builders import (
    NOW,
    SERIAL,
    TODAY,
    Dispute,
    Promise,
    Settlement,
    contact,
    credit_note,
    invoice,
    policy,
    risk,
    snapshot,
)

from ar_collections_core.commands import decide as decide_command
from ar_collections_core.policy import (
    CollectionPolicy,
    Decision,
    decide,
    snapshot_from_dict,
    snapshot_to_dict,
)
from ar_collections_core.policy.codec import CodecError

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _full_snapshot():
    return snapshot(
        invoice(1, overdue=20, ref="PO-77", settlements=(Settlement(TODAY - timedelta(3), 10.0),)),
        invoice(2, overdue=61, currency="USD", amount_currency=1100.0, residual_currency=1100.0),
        credit_note(3),
        profile=SERIAL,
        risk=risk(40),
        promises=(Promise("P1", (1,), 100.0, TODAY - timedelta(days=40), "broken"),),
        disputes=(Dispute("D1", (9,), 5.0, state="resolved"),),
        contacts=(contact(9, tone="friendly", invoice_ids=(1,)),),
        timezone="Europe/Brussels",
        lang="fr_BE",
    )


def test_snapshot_round_trip():
    snap = _full_snapshot()
    data = json.loads(json.dumps(snapshot_to_dict(snap)))
    assert snapshot_from_dict(data) == snap


def test_decision_round_trip():
    decision = decide(_full_snapshot(), policy(person_min_value=0), NOW)
    assert decision.action == "escalate"
    data = json.loads(json.dumps(decision.to_dict()))
    again = Decision.from_dict(data)
    assert again.action == decision.action
    assert again.escalation.summary.aging == decision.escalation.summary.aging
    assert again.not_before == decision.not_before and again.codes == decision.codes


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "missing field customer_key"),
        ({"customer_key": "C", "colour": "red"}, "unknown field(s) colour"),
        ({"customer_key": "C", "opted_out": "yes"}, "opted_out: expected true or false"),
        ({"customer_key": "C", "timezone": "Nowhere/Land"}, "unknown timezone"),
        ({"customer_key": "C", "segment": "vip"}, "segment must be one of"),
        (
            {"customer_key": "C", "receivables": [{"id": 1, "number": "X"}]},
            "missing field invoice_date",
        ),
        (
            {
                "customer_key": "C",
                "receivables": [
                    {
                        "id": 1,
                        "number": "X",
                        "invoice_date": "2025-13-01",
                        "due_date": "2025-01-01",
                        "amount": 1,
                        "residual": 1,
                    }
                ],
            },
            "receivables[0].invoice_date: not an ISO date",
        ),
        (
            {"customer_key": "C", "contacts": [{"at": "2025-03-01T10:00:00"}]},
            "timezone-aware",
        ),
        (
            {"customer_key": "C", "contacts": [{"at": "2025-03-01T10:00:00Z", "channel": "fax"}]},
            "fax",
        ),
    ],
)
def test_bad_snapshots_say_what_is_wrong(data, message):
    with pytest.raises(CodecError, match=re.escape(message)):
        snapshot_from_dict(data)


def _run(lines, *args, policy_file=None):
    stdout = io.StringIO()
    ns = Namespace(policy=policy_file, now="2025-03-12T10:00:00Z")
    for flag, value in zip(args[::2], args[1::2], strict=True):
        setattr(ns, flag, value)
    rc = decide_command.run(ns, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=stdout)
    return rc, [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_cli_decides_each_line_and_keeps_going_after_bad_ones(tmp_path):
    good = json.dumps(snapshot_to_dict(snapshot(invoice(1, overdue=10))))
    wrapped = json.dumps(
        {
            "snapshot": snapshot_to_dict(snapshot(invoice(1, overdue=10), customer_key="C2")),
            "policy": {"mode": "off"},
            "now": "2025-03-15T10:00:00+00:00",
        }
    )
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps({"mode": "autonomous", "send_weekdays": [0, 1, 2, 3, 4]}))
    rc, out = _run(
        [good, "not json", "", '["a list"]', '{"customer_key": "X", "segment": "vip"}', wrapped],
        policy_file=str(policy_file),
    )
    assert rc == 1
    assert len(out) == 5  # the blank line is skipped
    assert out[0]["action"] == "remind" and out[0]["needs_approval"] is False
    assert out[1] == {"error": out[1]["error"], "line": 2}
    assert out[2]["line"] == 4 and "JSON object" in out[2]["error"]
    assert out[3]["line"] == 5 and "segment" in out[3]["error"]
    assert out[4]["customer_key"] == "C2" and out[4]["action"] == "none"
    assert out[4]["decided_at"].startswith("2025-03-15")


def test_cli_all_good_exits_zero():
    rc, out = _run([json.dumps(snapshot_to_dict(snapshot(invoice(1, overdue=2))))])
    assert rc == 0 and out[0]["action"] == "wait"


def test_cli_rejects_bad_arguments(tmp_path, capsys):
    ns = Namespace(policy=None, now="yesterday")
    assert decide_command.run(ns, stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    ns = Namespace(policy=None, now="2025-03-12T10:00:00")
    assert decide_command.run(ns, stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    bad = tmp_path / "p.json"
    bad.write_text(json.dumps({"mode": "sometimes"}))
    ns = Namespace(policy=str(bad), now=None)
    assert decide_command.run(ns, stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    assert "mode must be one of" in capsys.readouterr().err


def test_cli_through_the_real_entry_point():
    line = json.dumps(snapshot_to_dict(snapshot(invoice(1, overdue=10), timezone="Asia/Tokyo")))
    result = subprocess.run(
        [sys.executable, "-m", "ar_collections_core", "decide", "--now", "2025-03-12T01:00:00Z"],
        input=line + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    decision = json.loads(result.stdout)
    assert decision["action"] == "remind"
    assert decision["not_before"] == "2025-03-12T01:00:00+00:00"  # 10:00 in Tokyo


def test_policy_overrides_from_json_lists():
    pol = CollectionPolicy().with_overrides({"send_weekdays": [0, 2], "approval_segments": []})
    assert pol.send_weekdays == (0, 2) and pol.approval_segments == ()
