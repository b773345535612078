"""The pre-send re-check and the idempotency key."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from arc_policy_builders import (
    NOW,
    TODAY,
    Dispute,
    Promise,
    contact,
    invoice,
    policy,
    snapshot,
)

from ar_collections_core.policy import decide, idempotency_key, recheck

LATER = NOW + timedelta(hours=2)


def _planned(*invoices, **kwargs):
    snap = snapshot(*invoices, **kwargs)
    decision = decide(snap, policy(), NOW)
    assert decision.action == "remind"
    return snap, decision


def test_nothing_changed_keeps_the_decision():
    snap, decision = _planned(invoice(1, overdue=10), invoice(2, overdue=20))
    checked = recheck(decision, snap, policy(), LATER)
    assert checked.action == "remind"
    assert checked.invoice_ids == decision.invoice_ids
    assert checked.codes[0] == "recheck_ok"
    assert checked.idempotency_key == decision.idempotency_key


@pytest.mark.parametrize(
    "change, code",
    [
        (
            lambda s: replace(
                s, receivables=(invoice(1, overdue=10, residual=0), s.receivables[1])
            ),
            "invoice_paid",
        ),
        (lambda s: replace(s, receivables=(s.receivables[1],)), "invoice_paid"),
        (
            lambda s: replace(
                s, receivables=(invoice(1, overdue=10, in_payment=True), s.receivables[1])
            ),
            "invoice_in_payment",
        ),
        (
            lambda s: replace(
                s, receivables=(invoice(1, overdue=10, excluded=True), s.receivables[1])
            ),
            "invoice_excluded",
        ),
        (lambda s: replace(s, disputes=(Dispute("D1", (1,), 1000.0),)), "invoice_disputed"),
        (
            lambda s: replace(s, promises=(Promise("P1", (1,), 1000.0, TODAY + timedelta(3)),)),
            "invoice_promised",
        ),
    ],
)
def test_an_invoice_that_no_longer_qualifies_is_dropped(change, code):
    snap, decision = _planned(invoice(1, overdue=10), invoice(2, overdue=20))
    checked = recheck(decision, change(snap), policy(), LATER)
    assert checked.action == "remind"
    assert checked.invoice_ids == (2,)
    assert checked.codes[:2] == ("recheck_dropped", code)


def test_all_paid_meanwhile_cancels():
    snap, decision = _planned(invoice(1, overdue=10))
    fresh = replace(snap, receivables=(invoice(1, overdue=10, residual=0),))
    checked = recheck(decision, fresh, policy(), LATER)
    assert checked.action == "cancel"
    assert checked.invoice_ids == ()
    assert checked.codes[:2] == ("recheck_nothing_left", "invoice_paid")


def test_account_wide_promise_cancels():
    snap, decision = _planned(invoice(1, overdue=10), invoice(2, overdue=20))
    fresh = replace(snap, promises=(Promise("P", (), 2000.0, TODAY + timedelta(5)),))
    assert recheck(decision, fresh, policy(), LATER).action == "cancel"


@pytest.mark.parametrize(
    "change, code",
    [
        ({"opted_out": True}, "opted_out"),
        ({"blacklisted": True}, "blacklisted"),
        ({"legal_hold": True}, "legal_hold"),
        ({"escalation_pending": True}, "escalation_pending"),
        ({"snoozed_until": TODAY + timedelta(days=7)}, "snoozed"),
        ({"has_email": False}, "channel_email_lost"),
    ],
)
def test_customer_who_may_no_longer_be_contacted_cancels(change, code):
    snap, decision = _planned(invoice(1, overdue=10))
    checked = recheck(decision, replace(snap, **change), policy(), LATER)
    assert checked.action == "cancel"
    assert checked.codes[:2] == ("recheck_customer_blocked", code)
    assert not checked.needs_approval


def test_mode_switched_off_cancels():
    snap, decision = _planned(invoice(1, overdue=10))
    checked = recheck(decision, snap, policy(mode="off"), LATER)
    assert checked.action == "cancel" and "mode_off" in checked.codes


def test_another_contact_the_same_day_cancels():
    snap, decision = _planned(invoice(1, overdue=10))
    fresh = replace(snap, contacts=(contact(0, at=NOW + timedelta(hours=1), tone="friendly"),))
    checked = recheck(decision, fresh, policy(), LATER)
    assert checked.action == "cancel"
    assert checked.codes[:2] == ("recheck_contact_limit", "contacted_today")


def test_recheck_never_raises_the_tone_and_applies_a_lower_bound():
    snap, decision = _planned(invoice(1, overdue=20))
    assert decision.tone == "neutral"
    checked = recheck(decision, snap, policy(max_tone="friendly"), LATER)
    assert checked.tone == "friendly" and "tone_capped" in checked.codes


def test_non_contacts_come_back_unchanged():
    snap = snapshot(invoice(1, overdue=2))
    decision = decide(snap, policy(), NOW)
    assert decision.action == "wait"
    assert recheck(decision, replace(snap, opted_out=True), policy(), LATER) is decision


def test_recheck_refuses_another_customers_snapshot():
    snap, decision = _planned(invoice(1, overdue=10))
    with pytest.raises(ValueError, match="snapshot of customer"):
        recheck(decision, replace(snap, customer_key="C2"), policy(), LATER)


def test_idempotency_key_one_contact_per_customer_and_local_day():
    day = date(2025, 3, 12)
    key = idempotency_key("C1", day, "remind")
    assert key == "ar-collections/contact/2025-03-12/C1"
    # a statement, an SMS or a call the same day collide with the reminder: one contact
    for kind in ("statement", "reminder", "sms", "phone", "letter", "contact"):
        assert idempotency_key("C1", day, kind) == key
    assert idempotency_key(1, day, "remind") == idempotency_key("1", day, "remind")
    assert idempotency_key("C1", day + timedelta(1), "remind") != key
    assert idempotency_key("C2", day, "remind") != key
    assert idempotency_key("C1", day, "escalate") == "ar-collections/escalation/2025-03-12/C1"
    # customer keys with separators stay unambiguous (the key ends with them)
    assert idempotency_key("a/b", day, "remind") != idempotency_key("a", day, "remind")


def test_idempotency_key_rejects_bad_input():
    with pytest.raises(ValueError):
        idempotency_key("C1", date(2025, 3, 12), "wait")
    with pytest.raises(ValueError):
        idempotency_key(" ", date(2025, 3, 12), "remind")
    with pytest.raises(TypeError):
        idempotency_key("C1", "2025-03-12", "remind")


def test_decision_key_uses_the_customers_local_send_day():
    # 23:00 UTC on Wednesday: Thursday 00:00 in Paris, outside the window -> Thursday 08:00.
    now = NOW.replace(hour=23)
    snap = snapshot(invoice(1, overdue=10), timezone="Europe/Paris")
    decision = decide(snap, policy(), now)
    assert decision.idempotency_key == "ar-collections/contact/2025-03-13/C1"
    assert decision.local_date == date(2025, 3, 13)
