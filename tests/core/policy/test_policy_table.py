"""The policy as a table of cases: each account, the expected action, tone and reason.

NOW is Wednesday 2025-03-12 10:00 UTC; customers are in UTC unless a case says so;
the policy is the default one in autonomous mode unless a case overrides it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from arc_policy_builders import (
    NOW,
    ORDINARY,
    PUNCTUAL,
    RELIABLE,
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

from ar_collections_core.policy import decide, tone_rank


def promise(ident, invoice_ids, days_from_today, state="open", amount=1000.0):
    return Promise(
        ident, tuple(invoice_ids), amount, TODAY + timedelta(days=days_from_today), state
    )


def dispute(ident, invoice_ids, state="open"):
    return Dispute(ident, tuple(invoice_ids), 1000.0, "quality", state)


def final(days_ago, answered=False):
    return contact(days_ago, tone="final", answered=answered, invoice_ids=(1,))


# id, snapshot, policy overrides, expected action, tone, first reason code, other codes
CASES = [
    # -- nothing to do -------------------------------------------------------------------
    ("paid", snapshot(invoice(1, overdue=20, residual=0)), {}, "none", None, "nothing_open", ()),
    ("only_credit_note", snapshot(credit_note(9)), {}, "none", None, "nothing_open", ()),
    (
        "overpaid_invoice",
        snapshot(invoice(1, overdue=20, residual=-50.0)),
        {},
        "none",
        None,
        "nothing_open",
        (),
    ),
    (
        "in_payment",
        snapshot(invoice(1, overdue=20, in_payment=True)),
        {},
        "none",
        None,
        "nothing_to_chase",
        ("invoice_in_payment",),
    ),
    (
        "excluded",
        snapshot(invoice(1, overdue=20, excluded=True)),
        {},
        "none",
        None,
        "nothing_to_chase",
        ("invoice_excluded",),
    ),
    # -- disputes and promises -----------------------------------------------------------
    (
        "disputed",
        snapshot(invoice(1, overdue=20), disputes=(dispute("D1", [1]),)),
        {},
        "pause",
        None,
        "dispute_open",
        ("invoice_disputed",),
    ),
    (
        "dispute_resolved",
        snapshot(invoice(1, overdue=20), disputes=(dispute("D1", [1], "resolved"),)),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        (),
    ),
    (
        "account_dispute",
        snapshot(invoice(1, overdue=20), invoice(2, overdue=5), disputes=(dispute("D1", []),)),
        {},
        "pause",
        None,
        "dispute_open",
        (),
    ),
    (
        "promise_in_force",
        snapshot(invoice(1, overdue=20), promises=(promise("P1", [1], 3),)),
        {},
        "pause",
        None,
        "promise_in_force",
        ("invoice_promised",),
    ),
    (
        "promise_in_grace",
        snapshot(invoice(1, overdue=20), promises=(promise("P1", [1], -2),)),
        {},
        "pause",
        None,
        "promise_in_force",
        (),
    ),
    (
        "promise_past_grace",
        snapshot(invoice(1, overdue=20), promises=(promise("P1", [1], -4),)),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        (),
    ),
    (
        "account_promise",
        snapshot(invoice(1, overdue=20), invoice(2, overdue=8), promises=(promise("P1", [], 5),)),
        {},
        "pause",
        None,
        "promise_in_force",
        (),
    ),
    (
        "second_broken_promise",
        snapshot(
            invoice(1, overdue=20),
            promises=(promise("P1", [1], -40, "broken"), promise("P2", [1], -6)),
        ),
        {},
        "escalate",
        None,
        "broken_promises",
        (),
    ),
    (
        "mixed_disputed_and_chaseable",
        snapshot(invoice(1, overdue=20), invoice(2, overdue=10), disputes=(dispute("D", [1]),)),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("invoice_disputed",),
    ),
    # -- customers who may not be contacted ----------------------------------------------
    (
        "opted_out",
        snapshot(invoice(1, overdue=20), opted_out=True),
        {},
        "none",
        None,
        "opted_out",
        (),
    ),
    (
        "blacklisted",
        snapshot(invoice(1, overdue=20), blacklisted=True),
        {},
        "none",
        None,
        "blacklisted",
        (),
    ),
    (
        "legal_hold",
        snapshot(invoice(1, overdue=5), legal_hold=True),
        {},
        "escalate",
        None,
        "legal_hold",
        (),
    ),
    (
        "legal_hold_pending",
        snapshot(invoice(1, overdue=5), legal_hold=True, escalation_pending=True),
        {},
        "none",
        None,
        "legal_hold_escalated",
        (),
    ),
    (
        "legal_hold_recently_escalated",
        snapshot(
            invoice(1, overdue=5),
            legal_hold=True,
            last_escalated_on=TODAY - timedelta(days=3),
            last_escalation_cause="legal_signal",
        ),
        {},
        "none",
        None,
        "legal_hold",
        ("recently_escalated",),
    ),
    (
        "escalation_pending",
        snapshot(invoice(1, overdue=90), escalation_pending=True),
        {},
        "none",
        None,
        "escalation_pending",
        (),
    ),
    (
        "snoozed",
        snapshot(invoice(1, overdue=20), snoozed_until=TODAY + timedelta(days=4)),
        {},
        "pause",
        None,
        "snoozed",
        (),
    ),
    (
        "snooze_over",
        snapshot(invoice(1, overdue=20), snoozed_until=TODAY),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        (),
    ),
    # -- when to start: payer classes ----------------------------------------------------
    (
        "reliable_within_own_lateness",
        snapshot(invoice(1, overdue=5), profile=RELIABLE),
        {},
        "wait",
        None,
        "reliable_payer_grace",
        ("payer_class",),
    ),
    (
        "reliable_past_lateness_and_margin",
        snapshot(invoice(1, overdue=8), profile=RELIABLE),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        (),
    ),
    (
        "ordinary_too_early",
        snapshot(invoice(1, overdue=2)),
        {},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    (
        "ordinary_first_reminder",
        snapshot(invoice(1, overdue=3)),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("tone_age",),
    ),
    (
        "serial_late_first_day_firmer",
        snapshot(invoice(1, overdue=1), profile=SERIAL),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        ("tone_serial_late",),
    ),
    (
        "serial_late_firm_after_ignored",
        snapshot(
            invoice(1, overdue=20),
            profile=SERIAL,
            contacts=(contact(10, tone="neutral", invoice_ids=(1,)),),
        ),
        {},
        "remind",
        "firm",
        "overdue_invoices",
        ("tone_serial_late",),
    ),
    (
        "serial_late_via_risk_band",
        snapshot(invoice(1, overdue=1), risk=risk(70, "high")),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        ("tone_serial_late",),
    ),
    (
        "strategic_lighter_and_approved",
        snapshot(invoice(1, overdue=20), segment="strategic"),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("tone_strategic",),
    ),
    # -- tone by age, ignored contacts, gradual and capped --------------------------------
    (
        "age_neutral",
        snapshot(invoice(1, overdue=16)),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        (),
    ),
    (
        "first_contact_never_firmer_than_neutral",
        snapshot(invoice(1, overdue=40)),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        ("tone_gradual",),
    ),
    (
        "age_firm_after_neutral",
        snapshot(invoice(1, overdue=40), contacts=(contact(10, tone="neutral", answered=True),)),
        {},
        "remind",
        "firm",
        "overdue_invoices",
        (),
    ),
    (
        "final_capped_by_default_policy",
        snapshot(invoice(1, overdue=50), contacts=(contact(10, tone="firm", answered=True),)),
        {},
        "remind",
        "firm",
        "overdue_invoices",
        ("tone_capped",),
    ),
    (
        "final_when_allowed_needs_approval",
        snapshot(invoice(1, overdue=50), contacts=(contact(10, tone="firm", answered=True),)),
        {"max_tone": "final"},
        "remind",
        "final",
        "overdue_invoices",
        (),
    ),
    (
        "ignored_contacts_raise_tone_and_call",
        snapshot(
            invoice(1, overdue=14),
            contacts=(contact(12, tone="friendly"), contact(6, tone="friendly")),
        ),
        {},
        "remind",
        "neutral",
        "overdue_invoices",
        ("tone_ignored", "tone_gradual", "channel_phone_ignored"),
    ),
    (
        "answered_contact_not_ignored",
        snapshot(
            invoice(1, overdue=14),
            contacts=(contact(12, tone="friendly"), contact(6, tone="friendly", answered=True)),
        ),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("channel_email",),
    ),
    # -- channel and kind ------------------------------------------------------------------
    (
        "prefers_phone",
        snapshot(invoice(1, overdue=10), prefers_phone=True),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("channel_phone_preferred",),
    ),
    (
        "no_email_letter_statement",
        snapshot(invoice(1, overdue=10), has_email=False),
        {},
        "statement",
        "friendly",
        "overdue_invoices",
        ("channel_letter", "statement_letter"),
    ),
    (
        "no_email_sms",
        snapshot(invoice(1, overdue=10), has_email=False, sms_available=True, has_mobile=True),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("channel_sms",),
    ),
    (
        "no_email_firm_by_letter_not_sms",
        snapshot(
            invoice(1, overdue=40),
            has_email=False,
            sms_available=True,
            has_mobile=True,
            contacts=(contact(10, tone="neutral", channel="letter", answered=True),),
        ),
        {},
        "statement",
        "firm",
        "overdue_invoices",
        ("channel_letter",),
    ),
    (
        "sms_needs_mobile",
        snapshot(invoice(1, overdue=10), sms_available=True, has_mobile=False, has_email=False),
        {},
        "statement",
        "friendly",
        "overdue_invoices",
        ("channel_letter",),
    ),
    (
        "many_invoices_statement",
        snapshot(*(invoice(i, overdue=5 + i) for i in range(1, 6))),
        {},
        "statement",
        "friendly",
        "overdue_invoices",
        ("statement_many_invoices",),
    ),
    # -- pre-due courtesy -------------------------------------------------------------------
    (
        "pre_due_helps",
        snapshot(invoice(1, overdue=-2)),
        {},
        "remind",
        "courtesy",
        "pre_due_courtesy",
        ("tone_courtesy",),
    ),
    (
        "pre_due_new_customer",
        snapshot(invoice(1, overdue=-3), segment="new", profile=None),
        {},
        "remind",
        "courtesy",
        "pre_due_courtesy",
        (),
    ),
    (
        "pre_due_not_for_reliable",
        snapshot(invoice(1, overdue=-2), profile=RELIABLE),
        {},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    (
        "pre_due_not_for_punctual",
        snapshot(invoice(1, overdue=-2), profile=PUNCTUAL),
        {},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    (
        "pre_due_sent_once",
        snapshot(
            invoice(1, overdue=-1),
            contacts=(contact(1, tone="courtesy", invoice_ids=(1,)),),
        ),
        {"min_days_between_contacts": 0},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    ("pre_due_too_early", snapshot(invoice(1, overdue=-5)), {}, "wait", None, "not_due_yet", ()),
    (
        "pre_due_off",
        snapshot(invoice(1, overdue=-2)),
        {"pre_due_days": 0},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    # -- escalation thresholds ---------------------------------------------------------------
    (
        "amount_threshold",
        snapshot(invoice(1, overdue=10, amount=12000.0)),
        {},
        "escalate",
        None,
        "amount_threshold",
        (),
    ),
    (
        "amount_below_customer_threshold_waits",
        snapshot(invoice(1, overdue=4, amount=12000.0), profile=RELIABLE),
        {},
        "wait",
        None,
        "reliable_payer_grace",
        (),
    ),
    (
        "days_threshold",
        snapshot(invoice(1, overdue=61)),
        {},
        "escalate",
        None,
        "days_threshold",
        (),
    ),
    (
        "risk_threshold",
        snapshot(invoice(1, overdue=10), risk=risk(85, "critical")),
        {},
        "escalate",
        None,
        "risk_threshold",
        (),
    ),
    (
        "risk_without_overdue",
        snapshot(invoice(1, overdue=-10), risk=risk(85, "critical")),
        {},
        "wait",
        None,
        "not_due_yet",
        (),
    ),
    (
        "recently_escalated_amount_goes_on",
        snapshot(
            invoice(1, overdue=10, amount=12000.0),
            last_escalated_on=TODAY - timedelta(days=10),
            last_escalation_cause="amount_threshold",
        ),
        {},
        "remind",
        "friendly",
        "overdue_invoices",
        ("recently_escalated",),
    ),
    (
        "final_notice_unanswered",
        snapshot(invoice(1, overdue=50), contacts=(final(8),)),
        {"max_tone": "final"},
        "escalate",
        None,
        "final_notice_unanswered",
        (),
    ),
    (
        "final_notice_waiting",
        snapshot(invoice(1, overdue=50), contacts=(final(3),)),
        {"max_tone": "final"},
        "wait",
        None,
        "final_notice_pending",
        (),
    ),
    (
        "final_notice_flag_from_caller",
        snapshot(invoice(1, overdue=50), final_notice_unanswered=True),
        {},
        "escalate",
        None,
        "final_notice_unanswered",
        (),
    ),
    (
        "final_notice_answered",
        snapshot(invoice(1, overdue=50), contacts=(final(8, answered=True),)),
        {"max_tone": "final"},
        "remind",
        "final",
        "overdue_invoices",
        (),
    ),
    # -- limits -------------------------------------------------------------------------------
    (
        "cap_7d",
        snapshot(
            invoice(1, overdue=20),
            contacts=(contact(6, tone="friendly"), contact(2, tone="friendly")),
        ),
        {"min_days_between_contacts": 1},
        "wait",
        None,
        "cap_7d",
        (),
    ),
    (
        "cap_30d",
        snapshot(
            invoice(1, overdue=40),
            contacts=tuple(contact(d, tone="friendly") for d in (25, 18, 12, 8)),
        ),
        {"min_days_between_contacts": 1},
        "wait",
        None,
        "cap_30d",
        (),
    ),
    (
        "min_gap",
        snapshot(invoice(1, overdue=20), contacts=(contact(3, tone="friendly"),)),
        {},
        "wait",
        None,
        "min_gap",
        (),
    ),
    (
        "contacted_today",
        snapshot(
            invoice(1, overdue=20), contacts=(contact(0, kind="confirmation", answered=True),)
        ),
        {},
        "wait",
        None,
        "contacted_today",
        (),
    ),
    (
        "cap_zero",
        snapshot(invoice(1, overdue=20)),
        {"max_contacts_7d": 0},
        "none",
        None,
        "cap_7d",
        (),
    ),
    # -- modes ---------------------------------------------------------------------------------
    ("mode_off", snapshot(invoice(1, overdue=20)), {"mode": "off"}, "none", None, "mode_off", ()),
    (
        "mode_off_wait",
        snapshot(invoice(1, overdue=1)),
        {"mode": "off"},
        "wait",
        None,
        "mode_off",
        ("not_due_yet",),
    ),
    (
        "mode_off_escalation",
        snapshot(invoice(1, overdue=61)),
        {"mode": "off"},
        "none",
        None,
        "mode_off",
        ("days_threshold",),
    ),
    (
        "review_mode",
        snapshot(invoice(1, overdue=10)),
        {"mode": "review"},
        "remind",
        "friendly",
        "overdue_invoices",
        (),
    ),
]


@pytest.mark.parametrize(
    "snap, overrides, action, tone, first, others",
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_policy_case(snap, overrides, action, tone, first, others):
    decision = decide(snap, policy(**overrides), NOW)
    assert decision.action == action, decision.reasons
    assert decision.tone == tone
    assert decision.codes[0] == first, decision.codes
    missing = set(others) - set(decision.codes)
    assert not missing, decision.codes
    # every decision explains itself, in words
    assert decision.reasons and all(r.text for r in decision.reasons)


def test_case_ids_are_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


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
    big = invoice(1, overdue=10, amount=12000.0)
    assert _decide(snapshot(big)).escalation.to == "salesperson"
    assert _decide(snapshot(big, has_salesperson=False)).escalation.to == "collections_manager"
    legal = _decide(snapshot(big, legal_hold=True, segment="strategic")).escalation
    assert (legal.cause, legal.to, legal.next_step) == (
        "legal_signal",
        "collections_manager",
        "legal_review",
    )
    broken = (promise("P1", [1], -40, "broken"), promise("P2", [1], -30, "broken"))
    strategic = _decide(snapshot(invoice(1, overdue=10), promises=broken, segment="strategic"))
    assert strategic.escalation.to == "salesperson"
    assert _decide(snapshot(invoice(1, overdue=10), promises=broken)).escalation.to == (
        "collections_manager"
    )


def test_escalation_carries_summary_and_key():
    decision = _decide(snapshot(invoice(1, overdue=61), invoice(2, overdue=5)))
    assert decision.escalation.summary.overdue == 2000.0
    assert decision.idempotency_key == "ar-collections/escalation/2025-03-12/C1"
    assert decision.invoice_ids == (2, 1) or set(decision.invoice_ids) == {1, 2}


def test_a_recent_escalation_covers_the_other_thresholds_but_not_new_signals():
    recent = {
        "last_escalated_on": TODAY - timedelta(days=5),
        "last_escalation_cause": "amount_threshold",
    }
    old_and_big = invoice(1, overdue=70, amount=12000.0)
    assert _decide(snapshot(old_and_big, **recent)).action == "remind"
    assert _decide(snapshot(old_and_big, legal_hold=True, **recent)).action == "escalate"
    broken = (promise("P1", [1], -40, "broken"), promise("P2", [1], -30, "broken"))
    decision = _decide(snapshot(old_and_big, promises=broken, **recent))
    assert decision.escalation.cause == "broken_promises"
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
    assert _decide(snapshot(invoice(1, overdue=10), promises=old)).action == "remind"


def test_open_promise_past_grace_on_paid_invoice_is_not_broken():
    snap = snapshot(
        invoice(1, overdue=10),
        invoice(2, overdue=40, residual=0),
        promises=(promise("P1", [2], -30, "broken"), promise("P2", [2], -10)),
    )
    assert _decide(snap).action == "remind"


def test_payment_after_a_contact_means_it_was_not_ignored():
    paid = invoice(
        2, overdue=30, residual=0, settlements=(Settlement(TODAY - timedelta(5), 1000.0),)
    )
    snap = snapshot(
        invoice(1, overdue=14),
        paid,
        contacts=(contact(12, tone="friendly"), contact(6, tone="friendly")),
    )
    decision = _decide(snap)
    assert "tone_ignored" not in decision.codes
    assert decision.channel == "email"


def test_courtesy_is_never_a_phone_call():
    assert _decide(snapshot(invoice(1, overdue=-2), prefers_phone=True)).channel == "email"
