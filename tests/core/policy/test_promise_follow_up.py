"""A broken or partly kept promise: the next reminder names it, one tone firmer; a
second broken promise goes to a person."""

from datetime import timedelta

from arc_policy_builders import NOW, TODAY, contact, invoice, policy, snapshot

from ar_collections_core.ledger import Promise, Settlement
from ar_collections_core.messages import build_facts
from ar_collections_core.policy import decide
from ar_collections_core.policy.situation import promises_to_follow_up


def _promise(ident, invoices, days_ago, state="open", amount=1000.0):
    when = TODAY - timedelta(days=days_ago)
    return Promise(
        ident, tuple(invoices), amount, when, state=state, created=when - timedelta(days=7)
    )


def test_broken_promise_is_named_and_one_tone_firmer():
    base = snapshot(invoice(1, overdue=20), contacts=(contact(12, tone="friendly"),))
    plain = decide(base, policy(), NOW)
    broken = snapshot(
        invoice(1, overdue=20),
        contacts=(contact(12, tone="friendly"),),
        promises=(_promise("P1", [1], 5, "broken"),),
    )
    decision = decide(broken, policy(), NOW)
    assert decision.action == "remind"
    assert plain.tone == "neutral" and decision.tone == "firm"
    follow = next(r for r in decision.reasons if r.code == "promise_follow_up")
    assert follow.data["promise_id"] == "P1"
    assert follow.data["date"] == TODAY - timedelta(days=5)
    assert "tone_broken_promise" in decision.codes


def test_follow_up_comes_before_the_usual_first_reminder_day():
    # a reliable payer is not chased at 4 days overdue, unless a promise was broken
    reliable = {"typical": 2, "p90": 6, "on_time": 0.7}
    calm = snapshot(invoice(1, overdue=4), profile=reliable)
    assert decide(calm, policy(), NOW).action == "wait"
    broken = snapshot(
        invoice(1, overdue=4), profile=reliable, promises=(_promise("P1", [1], 4, "broken"),)
    )
    assert decide(broken, policy(), NOW).action == "remind"


def test_followed_up_once_only():
    snap = snapshot(
        invoice(1, overdue=20),
        promises=(_promise("P1", [1], 10, "broken"),),
        contacts=(contact(2, tone="firm"),),  # a reminder went after the grace ran out
    )
    assert promises_to_follow_up(snap, policy(), TODAY) == []
    assert "promise_follow_up" not in decide(snap, policy(), NOW).codes


def test_partly_kept_promise_is_followed_up_as_partial():
    paid = invoice(
        1, overdue=20, residual=600.0, settlements=(Settlement(TODAY - timedelta(days=6), 400.0),)
    )
    snap = snapshot(paid, promises=(_promise("P1", [1], 5, "partial"),))
    (follow,) = promises_to_follow_up(snap, policy(), TODAY)
    assert follow.state == "partial"


def test_old_or_paid_broken_promises_are_not_followed_up():
    old = snapshot(invoice(1, overdue=80), promises=(_promise("P1", [1], 60, "broken"),))
    assert promises_to_follow_up(old, policy(), TODAY) == []
    paid = snapshot(
        invoice(1, overdue=20),
        invoice(2, overdue=30, residual=0),
        promises=(_promise("P1", [2], 5, "broken"),),
    )
    assert promises_to_follow_up(paid, policy(), TODAY) == []


def test_second_broken_promise_escalates():
    # a balance worth a person's time (a small one stays with email: below_person_value)
    snap = snapshot(
        invoice(1, overdue=40, amount=9000.0),
        promises=(_promise("P1", [1], 40, "broken"), _promise("P2", [1], 5, "broken")),
    )
    decision = decide(snap, policy(), NOW)
    assert decision.action == "escalate"
    assert decision.escalation.cause == "broken_promises"


def test_superseded_promise_is_neither_in_force_nor_broken():
    snap = snapshot(invoice(1, overdue=20), promises=(_promise("P1", [1], 5, "superseded"),))
    decision = decide(snap, policy(), NOW)
    assert decision.action == "remind" and "promise_follow_up" not in decision.codes


def test_message_facts_name_the_broken_promise():
    snap = snapshot(
        invoice(1, overdue=20),
        promises=(_promise("P1", [1], 5, "broken"),),
        lang="en",
        timezone="UTC",
        currency="EUR",
    )
    decision = decide(snap, policy(), NOW)
    facts = build_facts(snap, decision, follow_ups=promises_to_follow_up(snap, policy(), TODAY))
    (broken,) = facts.broken_promises
    assert broken.promised_date == TODAY - timedelta(days=5) and broken.amount == 1000.0
    assert broken.invoice_numbers == ("INV/2025/0001",)
