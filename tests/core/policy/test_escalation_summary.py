"""What a person receives with an escalation."""

from __future__ import annotations

from datetime import timedelta

from arc_policy_builders import (
    NOW,
    SERIAL,
    TODAY,
    Dispute,
    Promise,
    contact,
    credit_note,
    invoice,
    policy,
    profile,
    risk,
    snapshot,
)

from ar_collections_core.policy import build_summary, decide


def _account():
    return snapshot(
        invoice(1, overdue=-5, amount=100.0),
        invoice(2, overdue=10, amount=200.0),
        invoice(3, overdue=45, amount=300.0),
        invoice(4, overdue=75, amount=400.0, residual=250.0),
        invoice(5, overdue=120, amount=500.0),
        invoice(6, overdue=200, amount=999.0, residual=0),  # paid: not in the summary
        credit_note(7, 80.0),
        profile=dict(SERIAL, trend=6.0),
        risk=risk(88, "critical"),
        promises=(Promise("P1", (2,), 200.0, TODAY + timedelta(days=4)),),
        disputes=(Dispute("D1", (3,), 300.0, "quality", opened=TODAY - timedelta(days=9)),),
        contacts=(
            contact(30, tone="friendly"),
            contact(20, tone="neutral", answered=True),
            contact(9, tone="firm", channel="phone"),
        ),
    )


def test_summary_figures_and_buckets():
    summary = build_summary(
        _account(),
        TODAY,
        cause="days_threshold",
        cause_text="Invoice INV/2025/0005 is 120 days overdue (threshold 60).",
        to="salesperson",
        next_step="call_customer",
        next_step_text="Call the customer.",
    )
    assert summary.balance == 100 + 200 + 300 + 250 + 500 - 80
    assert summary.overdue == 200 + 300 + 250 + 500
    assert summary.credit_available == 80
    buckets = {b.label: (b.amount, b.count) for b in summary.aging}
    assert buckets == {
        "not_due": (100, 1),
        "1_30": (200, 1),
        "31_60": (300, 1),
        "61_90": (250, 1),
        "over_90": (500, 1),
    }
    assert len(summary.promises) == 1 and "INV/2025/0002" in summary.promises[0]
    assert "quality" in summary.disputes[0] and "INV/2025/0003" in summary.disputes[0]
    assert [e.tone for e in summary.last_exchanges] == ["firm", "neutral", "friendly"]
    assert "35 days late" in summary.profile_text
    assert "later than before" in summary.profile_text
    assert summary.risk_text.startswith("88/100 (critical)")


def test_summary_text_reads_as_an_activity_note():
    decision = decide(_account(), policy(person_min_value=0), NOW)
    assert decision.action == "escalate"
    note = decision.escalation.summary.text
    for expected in (
        "Why:",
        "Recommended next step:",
        "Balance 1,270.00 EUR",
        "over 90 days 500.00 EUR (1)",
        "Promise: 200.00 EUR by",
        "Dispute: ",
        "phone, firm, no answer",
        "Risk: 88/100 (critical): Pays late.",
    ):
        assert expected in note, note


def test_summary_without_history():
    snap = snapshot(invoice(1, overdue=70, amount=6000.0), profile=None)
    decision = decide(snap, policy(), NOW)
    summary = decision.escalation.summary
    assert summary.profile_text == "no payment history yet."
    assert summary.risk_text == "not assessed."
    assert "Last exchanges: none" in summary.text
    assert "Promises: none open" in summary.text


def test_summary_reports_reliable_profile_in_words():
    owed = invoice(1, overdue=70, amount=6000.0)
    snap = snapshot(owed, profile=profile(typical=1, p90=4, on_time=0.92))
    text = decide(snap, policy(), NOW).escalation.summary.profile_text
    assert "usually pays 1 days late" in text and "92% of the amount paid on time" in text
