"""The policy as a table of cases: each account, the expected action, tone and reason.

NOW is Wednesday 2025-03-12 10:00 UTC; customers are in UTC unless a case says so;
the policy is the default one in autonomous mode unless a case overrides it.
Each row: case(id, snapshot, action, first reason code, tone, other codes, **policy).
"""

from __future__ import annotations

from dataclasses import replace
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

from ar_collections_core.policy import decide


def case(name, snap, action, first, tone=None, also=(), **overrides):
    return pytest.param(snap, overrides, action, tone, first, also, id=name)


def inv(ident=1, overdue=20, **kwargs):
    return invoice(ident, overdue=overdue, **kwargs)


def promise(ident, invoice_ids, days_from_today, state="open"):
    return Promise(ident, tuple(invoice_ids), 1000.0, TODAY + timedelta(days_from_today), state)


def dispute(invoice_ids, state="open"):
    return Dispute("D1", tuple(invoice_ids), 1000.0, "quality", state)


def sent(days_ago, tone, **kwargs):
    return contact(days_ago, tone=tone, **kwargs)


def final(days_ago, answered=False):
    return contact(days_ago, tone="final", answered=answered, invoice_ids=(1,))


def escalated(days_ago, cause):
    return {"last_escalated_on": TODAY - timedelta(days_ago), "last_escalation_cause": cause}


NO_EMAIL = {"has_email": False}
BIG_INVOICES = replace(profile(**ORDINARY), amount_settled=12 * 8000.0)  # threshold 24,000
SMS = {"sms_available": True, "has_mobile": True}
OVERDUE = "overdue_invoices"
ANSWERED_FIRM = (sent(10, "firm", answered=True),)

# fmt: off
CASES = [
    # -- nothing to do
    case("paid", snapshot(inv(residual=0)), "none", "nothing_open"),
    case("only_credit_note", snapshot(credit_note(9)), "none", "nothing_open"),
    case("overpaid_invoice", snapshot(inv(residual=-50.0)), "none", "nothing_open"),
    case("in_payment", snapshot(inv(in_payment=True)), "none", "nothing_to_chase",
         also=("invoice_in_payment",)),
    case("excluded", snapshot(inv(excluded=True)), "none", "nothing_to_chase",
         also=("invoice_excluded",)),
    # -- disputes and promises
    case("disputed", snapshot(inv(), disputes=(dispute([1]),)), "pause", "dispute_open",
         also=("invoice_disputed",)),
    case("dispute_resolved", snapshot(inv(), disputes=(dispute([1], "resolved"),)), "remind",
         OVERDUE, "neutral"),
    case("account_dispute", snapshot(inv(), inv(2, 5), disputes=(dispute([]),)), "pause",
         "dispute_open"),
    case("promise_in_force", snapshot(inv(), promises=(promise("P1", [1], 3),)), "pause",
         "promise_in_force", also=("invoice_promised",)),
    case("promise_in_grace", snapshot(inv(), promises=(promise("P1", [1], -2),)), "pause",
         "promise_in_force"),
    # a promise past its grace, unpaid: followed up, named, one tone firmer
    case("promise_past_grace", snapshot(inv(), promises=(promise("P1", [1], -4),)), "remind",
         OVERDUE, "firm", also=("promise_follow_up", "tone_broken_promise")),
    case("account_promise", snapshot(inv(), inv(2, 8), promises=(promise("P1", [], 5),)),
         "pause", "promise_in_force"),
    case("second_broken_promise",
         snapshot(inv(overdue=40, amount=8000.0),
                  promises=(promise("P1", [1], -40, "broken"), promise("P2", [1], -6))),
         "escalate", "broken_promises"),
    case("second_broken_promise_small_balance",
         snapshot(inv(), promises=(promise("P1", [1], -40, "broken"), promise("P2", [1], -6))),
         "escalate", "broken_promises"),
    case("broken_promises_before_the_last_escalation_are_not_counted_again",
         snapshot(inv(overdue=40, amount=8000.0),
                  promises=(promise("P1", [1], -40, "broken"), promise("P2", [1], -6)),
                  **escalated(35, "amount_threshold")),
         "remind", OVERDUE, "firm", also=("promise_follow_up",)),
    case("mixed_disputed_and_chaseable",
         snapshot(inv(), inv(2, 10), disputes=(dispute([1]),)), "remind", OVERDUE, "friendly",
         also=("invoice_disputed",)),
    # -- customers who may not be contacted
    case("opted_out", snapshot(inv(), opted_out=True), "none", "opted_out"),
    case("blacklisted", snapshot(inv(), blacklisted=True), "none", "blacklisted"),
    case("legal_hold", snapshot(inv(overdue=5), legal_hold=True), "escalate", "legal_hold"),
    case("legal_hold_pending", snapshot(inv(overdue=5), legal_hold=True, escalation_pending=True),
         "none", "legal_hold_escalated"),
    case("legal_hold_recently_escalated",
         snapshot(inv(overdue=5), legal_hold=True, **escalated(3, "legal_signal")),
         "none", "legal_hold", also=("recently_escalated",)),
    case("escalation_pending", snapshot(inv(overdue=90), escalation_pending=True), "none",
         "escalation_pending"),
    case("snoozed", snapshot(inv(), snoozed_until=TODAY + timedelta(4)), "pause", "snoozed"),
    case("snooze_over", snapshot(inv(), snoozed_until=TODAY), "remind", OVERDUE, "neutral"),
    # -- when to start: payer classes
    case("reliable_within_own_lateness", snapshot(inv(overdue=5), profile=RELIABLE), "wait",
         "reliable_payer_grace", also=("payer_class",)),
    case("reliable_past_lateness_and_margin", snapshot(inv(overdue=8), profile=RELIABLE),
         "remind", OVERDUE, "friendly"),
    case("ordinary_too_early", snapshot(inv(overdue=2)), "wait", "not_due_yet"),
    case("ordinary_waits_for_own_usual_day", snapshot(inv(overdue=3)), "wait", "not_due_yet"),
    case("ordinary_first_reminder", snapshot(inv(overdue=8)), "remind", OVERDUE, "friendly",
         also=("tone_age",)),
    case("ordinary_often_very_late_from_policy_day",
         snapshot(inv(overdue=3), profile={"typical": 12, "p90": 30, "on_time": 0.3}),
         "remind", OVERDUE, "friendly"),
    case("serial_late_first_day_firm", snapshot(inv(overdue=1), profile=SERIAL), "remind",
         OVERDUE, "firm", also=("tone_serial_late",)),
    case("serial_late_firm_after_ignored",
         snapshot(inv(), profile=SERIAL, contacts=(sent(10, "neutral", invoice_ids=(1,)),)),
         "remind", OVERDUE, "firm", also=("tone_serial_late",)),
    case("serial_late_via_risk_band", snapshot(inv(overdue=1), risk=risk(70, "high")), "remind",
         OVERDUE, "firm", also=("tone_serial_late",)),
    case("strategic_lighter_and_approved", snapshot(inv(), segment="strategic"), "remind",
         OVERDUE, "friendly", also=("tone_strategic",)),
    # -- tone by age, ignored contacts, gradual and capped
    case("age_neutral", snapshot(inv(overdue=16)), "remind", OVERDUE, "neutral"),
    case("first_contact_never_firmer_than_neutral", snapshot(inv(overdue=40)), "remind", OVERDUE,
         "neutral", also=("tone_gradual",)),
    case("age_firm_after_neutral",
         snapshot(inv(overdue=40), contacts=(sent(10, "neutral", answered=True),)),
         "remind", OVERDUE, "firm"),
    case("final_capped_by_default_policy", snapshot(inv(overdue=50), contacts=ANSWERED_FIRM),
         "remind", OVERDUE, "firm", also=("tone_capped",)),
    case("final_when_allowed_needs_approval", snapshot(inv(overdue=50), contacts=ANSWERED_FIRM),
         "remind", OVERDUE, "final", max_tone="final"),
    case("ignored_contacts_raise_tone_and_call",
         snapshot(inv(overdue=35, amount=6000.0),
                  contacts=(sent(12, "friendly"), sent(6, "friendly"))),
         "remind", OVERDUE, "neutral",
         also=("tone_gradual", "channel_phone_ignored")),
    case("ignored_contacts_raise_tone",
         snapshot(inv(overdue=14, amount=6000.0),
                  contacts=(sent(12, "friendly"), sent(6, "friendly"))),
         "remind", OVERDUE, "neutral",
         also=("tone_ignored", "tone_gradual", "channel_email")),
    case("ignored_email_small_balance_stays_email",
         snapshot(inv(overdue=35), contacts=(sent(22, "friendly"), sent(11, "friendly"))),
         "remind", OVERDUE, "neutral", also=("channel_email",)),
    case("answered_contact_not_ignored",
         snapshot(inv(overdue=14),
                  contacts=(sent(22, "friendly"), sent(11, "friendly", answered=True))),
         "remind", OVERDUE, "friendly", also=("channel_email",)),
    # -- channel and kind
    case("prefers_phone", snapshot(inv(overdue=10), prefers_phone=True), "remind", OVERDUE,
         "friendly", also=("channel_phone_preferred",)),
    case("no_email_letter_statement", snapshot(inv(overdue=10), **NO_EMAIL), "statement",
         OVERDUE, "friendly", also=("channel_letter", "statement_letter")),
    case("no_email_sms", snapshot(inv(overdue=10), **NO_EMAIL, **SMS), "remind", OVERDUE,
         "friendly", also=("channel_sms",)),
    case("no_email_firm_by_letter_not_sms",
         snapshot(inv(overdue=40), **NO_EMAIL, **SMS,
                  contacts=(sent(10, "neutral", channel="letter", answered=True),)),
         "statement", OVERDUE, "firm", also=("channel_letter",)),
    case("sms_needs_mobile",
         snapshot(inv(overdue=10), sms_available=True, has_mobile=False, **NO_EMAIL),
         "statement", OVERDUE, "friendly", also=("channel_letter",)),
    case("many_invoices_statement", snapshot(*(inv(i, 5 + i) for i in range(1, 6))),
         "statement", OVERDUE, "friendly", also=("statement_many_invoices",)),
    # -- pre-due courtesy
    case("pre_due_helps", snapshot(inv(overdue=-2), profile=JUST_LATE), "remind",
         "pre_due_courtesy", "courtesy", also=("tone_courtesy",)),
    case("pre_due_not_for_ordinary_on_own_schedule", snapshot(inv(overdue=-2)), "wait",
         "not_due_yet"),
    case("pre_due_not_for_serial_late", snapshot(inv(overdue=-2), profile=SERIAL), "wait",
         "not_due_yet"),
    case("pre_due_stops_when_it_did_not_help",
         snapshot(inv(overdue=-2), inv(7, 30, residual=0), inv(8, 60, residual=0),
                  profile=JUST_LATE,
                  contacts=(sent(33, "courtesy", invoice_ids=(7,)),
                            sent(63, "courtesy", invoice_ids=(8,)))),
         "wait", "not_due_yet"),
    case("pre_due_new_customer", snapshot(inv(overdue=-3), segment="new", profile=None),
         "remind", "pre_due_courtesy", "courtesy"),
    case("pre_due_not_for_reliable", snapshot(inv(overdue=-2), profile=RELIABLE), "wait",
         "not_due_yet"),
    case("pre_due_not_for_punctual", snapshot(inv(overdue=-2), profile=PUNCTUAL), "wait",
         "not_due_yet"),
    case("pre_due_sent_once",
         snapshot(inv(overdue=-1), contacts=(sent(1, "courtesy", invoice_ids=(1,)),)),
         "wait", "not_due_yet", min_days_between_contacts=0),
    case("pre_due_too_early", snapshot(inv(overdue=-5)), "wait", "not_due_yet"),
    case("pre_due_off", snapshot(inv(overdue=-2)), "wait", "not_due_yet", pre_due_days=0),
    # -- escalation thresholds
    case("amount_threshold", snapshot(inv(overdue=35, amount=12000.0)), "escalate",
         "amount_threshold"),
    case("amount_threshold_early_little_at_stake",
         snapshot(inv(overdue=10, amount=12000.0)), "remind", OVERDUE, "friendly",
         also=("below_person_value",)),
    case("amount_threshold_relative_to_usual_invoices",
         snapshot(inv(overdue=35, amount=12000.0), profile=BIG_INVOICES), "remind", OVERDUE,
         "neutral"),
    case("amount_below_customer_threshold_waits",
         snapshot(inv(overdue=4, amount=12000.0), profile=RELIABLE), "wait",
         "reliable_payer_grace"),
    case("days_threshold", snapshot(inv(overdue=61, amount=6000.0)), "escalate",
         "days_threshold"),
    case("days_threshold_small_balance", snapshot(inv(overdue=61)), "remind", OVERDUE,
         "neutral", also=("below_person_value",)),
    case("risk_threshold",
         snapshot(inv(overdue=35, amount=6000.0), risk=risk(85, "critical")), "escalate",
         "risk_threshold"),
    case("risk_without_overdue", snapshot(inv(overdue=-10), risk=risk(85, "critical")), "wait",
         "not_due_yet"),
    case("recently_escalated_amount_goes_on",
         snapshot(inv(overdue=35, amount=12000.0), **escalated(10, "amount_threshold")),
         "remind", OVERDUE, "neutral", also=("recently_escalated",)),
    case("final_notice_unanswered", snapshot(inv(overdue=50), contacts=(final(8),)), "escalate",
         "final_notice_unanswered", max_tone="final"),
    case("final_notice_waiting", snapshot(inv(overdue=50), contacts=(final(3),)), "wait",
         "final_notice_pending", max_tone="final"),
    case("final_notice_flag_from_caller", snapshot(inv(overdue=50), final_notice_unanswered=True),
         "escalate", "final_notice_unanswered"),
    case("final_notice_answered",
         snapshot(inv(overdue=50, amount=6000.0), contacts=(final(8, answered=True),)),
         "remind", OVERDUE, "final", max_tone="final"),
    # -- limits
    case("cap_7d", snapshot(inv(), contacts=(sent(6, "friendly"), sent(2, "friendly"))), "wait",
         "cap_7d", min_days_between_contacts=1, small_balance=0),
    case("cap_30d",
         snapshot(inv(overdue=40), contacts=tuple(sent(d, "friendly") for d in (25, 18, 12, 8))),
         "wait", "cap_30d", min_days_between_contacts=1, small_balance=0),
    case("min_gap", snapshot(inv(amount=6000.0), contacts=(sent(3, "friendly"),)), "wait",
         "min_gap"),
    case("min_gap_small_balance_longer", snapshot(inv(), contacts=(sent(7, "friendly"),)),
         "wait", "min_gap"),
    case("min_gap_large_balance_over", snapshot(inv(amount=6000.0),
                                                contacts=(sent(7, "friendly", answered=True),)),
         "remind", OVERDUE, "neutral"),
    case("contacted_today",
         snapshot(inv(), contacts=(contact(0, kind="confirmation", answered=True),)),
         "wait", "contacted_today"),
    case("cap_zero", snapshot(inv()), "none", "cap_7d", max_contacts_7d=0),
    # -- modes
    case("mode_off", snapshot(inv()), "none", "mode_off", mode="off"),
    case("mode_off_wait", snapshot(inv(overdue=1)), "wait", "mode_off", also=("not_due_yet",),
         mode="off"),
    case("mode_off_escalation", snapshot(inv(overdue=61, amount=6000.0)), "none", "mode_off",
         also=("days_threshold",), mode="off"),
    case("review_mode", snapshot(inv(overdue=10)), "remind", OVERDUE, "friendly", mode="review"),
]
# fmt: on


@pytest.mark.parametrize("snap, overrides, action, tone, first, others", CASES)
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
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
