"""The policy's rules beyond the case table: coverage of one message, approval,
tone bounds, escalation routing and memory, ignored contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from arc_policy_builders import (
    JUST_LATE,
    NOW,
    ORDINARY,
    PUNCTUAL,
    RELIABLE,
    SERIAL,
    TODAY,
    Promise,
    Settlement,
    contact,
    credit_note,
    invoice,
    policy,
    risk,
    snapshot,
)

from ar_collections_core.policy import decide, tone_rank


def promise(ident, invoice_ids, days_from_today, state="open", amount=1000.0):
    return Promise(
        ident, tuple(invoice_ids), amount, TODAY + timedelta(days=days_from_today), state
    )


def _decide(snap, **overrides):
    return decide(snap, policy(**overrides), NOW)


def test_one_message_covers_every_chased_invoice():
    snap = snapshot(
        invoice(1, overdue=20),
        invoice(2, overdue=4),
        invoice(3, overdue=-2),  # falls due soon: named in the same message
        invoice(4, overdue=30, residual=0),  # paid
        invoice(5, overdue=30, excluded=True),
        credit_note(6),
        profile=JUST_LATE,  # a customer the courtesy note helps
    )
    decision = _decide(snap)
    assert decision.action == "remind"
    assert decision.invoice_ids == (1, 2, 3)


def test_upcoming_invoices_not_added_for_customers_it_does_not_help():
    decision = _decide(snapshot(invoice(1, overdue=10), invoice(2, overdue=-2), profile=PUNCTUAL))
    assert decision.invoice_ids == (1,)


def test_strategic_accounts_always_need_approval_even_autonomous():
    decision = _decide(snapshot(invoice(1, overdue=10), segment="strategic"), mode="autonomous")
    assert decision.needs_approval
    assert decision.approval_codes == ("approval_segment",)


def test_autonomous_standard_reminder_needs_no_approval():
    decision = _decide(snapshot(invoice(1, overdue=10)), mode="autonomous")
    assert not decision.needs_approval and decision.approval_reasons == ()


def test_review_mode_needs_approval():
    decision = _decide(snapshot(invoice(1, overdue=10)), mode="review")
    assert decision.needs_approval and "review_mode" in decision.approval_codes


def test_final_notice_needs_approval_in_autonomous_mode():
    snap = snapshot(invoice(1, overdue=50), contacts=(contact(10, tone="firm", answered=True),))
    decision = _decide(snap, mode="autonomous", max_tone="final")
    assert decision.tone == "final"
    assert decision.needs_approval and "final_notice" in decision.approval_codes


@pytest.mark.parametrize("max_tone", ["courtesy", "friendly", "neutral", "firm", "final"])
def test_tone_never_above_policy_max(max_tone):
    contacts = tuple(contact(d, tone="firm") for d in (28, 21, 14))
    for overdue in (1, 10, 20, 35, 50, 90):
        for prof in (ORDINARY, SERIAL, RELIABLE):
            snap = snapshot(invoice(1, overdue=overdue), profile=prof, contacts=contacts)
            decision = _decide(
                snap, max_tone=max_tone, escalate_days_overdue=0, max_contacts_30d=10
            )
            if decision.tone:
                assert tone_rank(decision.tone) <= tone_rank(max_tone)


def test_escalation_routes():
    big = invoice(1, overdue=35, amount=12000.0)
    assert _decide(snapshot(big)).escalation.to == "salesperson"
    assert _decide(snapshot(big, has_salesperson=False)).escalation.to == "collections_manager"
    legal = _decide(snapshot(big, legal_hold=True, segment="strategic")).escalation
    assert (legal.cause, legal.to, legal.next_step) == (
        "legal_signal",
        "collections_manager",
        "legal_review",
    )
    broken = (promise("P1", [1], -40, "broken"), promise("P2", [1], -30, "broken"))
    owed = invoice(1, overdue=40, amount=8000.0)
    strategic = _decide(snapshot(owed, promises=broken, segment="strategic"))
    assert strategic.escalation.to == "salesperson"
    assert _decide(snapshot(owed, promises=broken)).escalation.to == "collections_manager"


def test_escalation_carries_summary_and_key():
    decision = _decide(snapshot(invoice(1, overdue=61, amount=6000.0), invoice(2, overdue=5)))
    assert decision.escalation.summary.overdue == 7000.0
    assert decision.idempotency_key == "ar-collections/escalation/2025-03-12/C1"
    assert decision.invoice_ids == (2, 1) or set(decision.invoice_ids) == {1, 2}


def test_a_recent_escalation_covers_the_other_thresholds_but_not_new_signals():
    recent = {
        "last_escalated_on": TODAY - timedelta(days=20),
        "last_escalation_cause": "amount_threshold",
    }
    old_and_big = invoice(1, overdue=70, amount=12000.0)
    assert _decide(snapshot(old_and_big, **recent)).action == "remind"
    assert _decide(snapshot(old_and_big, legal_hold=True, **recent)).action == "escalate"
    # promises broken since the escalation are news; those before it, the person saw
    broken = (promise("P1", [1], -15, "broken"), promise("P2", [1], -10, "broken"))
    decision = _decide(snapshot(old_and_big, promises=broken, **recent))
    assert decision.escalation.cause == "broken_promises"
    seen = (promise("P1", [1], -40, "broken"), promise("P2", [1], -30, "broken"))
    assert _decide(snapshot(old_and_big, promises=seen, **recent)).action == "remind"
    long_ago = {
        "last_escalated_on": TODAY - timedelta(days=31),
        "last_escalation_cause": "amount_threshold",
    }
    assert _decide(snapshot(old_and_big, **long_ago)).escalation.cause == "amount_threshold"


def test_escalation_thresholds_can_be_disabled():
    snap = snapshot(invoice(1, overdue=61, amount=50000.0), risk=risk(99, "critical"))
    decision = _decide(snap, escalate_amount=0, escalate_days_overdue=0, escalate_risk=0)
    assert decision.action == "remind"


def test_old_broken_promises_are_forgotten():
    old = (promise("P1", [1], -500, "broken"), promise("P2", [1], -400, "broken"))
    owed = invoice(1, overdue=40, amount=8000.0)  # worth a person's time
    assert _decide(snapshot(owed, promises=old)).action == "remind"
    recent = (promise("P1", [1], -50, "broken"), promise("P2", [1], -40, "broken"))
    assert _decide(snapshot(owed, promises=recent)).action == "escalate"


def test_open_promise_past_grace_on_paid_invoice_is_not_broken():
    snap = snapshot(
        invoice(1, overdue=40, amount=8000.0),  # worth a person's time
        invoice(2, overdue=40, residual=0),
        promises=(promise("P1", [2], -30, "broken"), promise("P2", [2], -10)),
    )
    assert _decide(snap).action == "remind"


def test_payment_after_a_contact_means_it_was_not_ignored():
    paid = invoice(
        2, overdue=30, residual=0, settlements=(Settlement(TODAY - timedelta(5), 1000.0),)
    )
    snap = snapshot(
        invoice(1, overdue=35, amount=6000.0),  # a call would be worth it if ignored
        paid,
        contacts=(contact(12, tone="friendly"), contact(6, tone="friendly")),
    )
    decision = _decide(snap)
    assert "tone_ignored" not in decision.codes
    assert decision.channel == "email"


def test_courtesy_is_never_a_phone_call():
    snap = snapshot(invoice(1, overdue=-2), prefers_phone=True, profile=JUST_LATE)
    assert _decide(snap).channel == "email"
