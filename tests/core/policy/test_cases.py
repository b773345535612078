"""Escalation causes and routes, the worklist order, payment plans."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from arc_policy_builders import ORDINARY, TODAY, credit_note, invoice, profile

from ar_collections_core.policy.cases import (
    BLOCKING_CAUSES,
    CAUSES,
    blocks_contact,
    case_priority,
    route_for,
    split_payment_plan,
    worklist_order,
)


def _priority(*items, cause="amount_threshold", opened=TODAY, deadline=None, prof=None):
    return case_priority(
        items,
        prof or profile(**ORDINARY),
        TODAY,
        cause=cause,
        opened=opened,
        deadline=deadline,
    )


def test_every_cause_has_a_route_and_a_next_step():
    for cause in CAUSES:
        route = route_for(cause)
        assert route.to in ("salesperson", "collections_manager")
        assert route.next_step and route.next_step_text


def test_only_strategic_and_dispute_deadline_cases_leave_contact_open():
    assert CAUSES.keys() - BLOCKING_CAUSES == {"strategic_account", "dispute_deadline"}
    assert not blocks_contact("strategic_account")
    assert not blocks_contact("dispute_deadline")
    for cause in ("legal_signal", "opt_out", "broken_promises", "amount_threshold"):
        assert blocks_contact(cause)
    with pytest.raises(ValueError, match="unknown escalation cause"):
        blocks_contact("bored")


def test_route_by_segment_and_without_salesperson():
    assert route_for("broken_promises").to == "collections_manager"
    assert route_for("broken_promises", "strategic").to == "salesperson"
    assert route_for("payment_plan_request", has_salesperson=False).to == "collections_manager"
    with pytest.raises(ValueError, match="unknown escalation cause"):
        route_for("bored")


def test_cash_at_stake_is_amount_times_likelihood():
    case = _priority(invoice(1, overdue=45, amount=1000.0))
    # 45 days overdue: it is already paid more than 30 days late, whoever acts.
    assert case.amount_due == 1000.0
    assert case.cash_at_stake == pytest.approx(1000.0 * case.likelihood)
    assert 0 < case.likelihood <= 1
    assert "at stake" in case.text and "45 days overdue" in case.text


def test_credit_notes_and_nothing_owed():
    case = _priority(credit_note(9, amount=500.0))
    assert (case.amount_due, case.cash_at_stake, case.priority) == (0.0, 0.0, 0.0)


def test_larger_amount_ranks_higher():
    small = _priority(invoice(1, overdue=10, amount=1000.0))
    large = _priority(invoice(2, overdue=10, amount=5000.0))
    assert large.priority > small.priority


def test_likely_late_ranks_above_likely_paid_for_the_same_amount():
    fresh = _priority(invoice(1, overdue=1, amount=2000.0))
    stale = _priority(invoice(2, overdue=40, amount=2000.0))
    assert stale.likelihood > fresh.likelihood
    assert stale.priority > fresh.priority


def test_a_person_changes_more_on_a_plan_request_than_on_insolvency():
    item = invoice(1, overdue=20, amount=3000.0)
    plan = _priority(item, cause="payment_plan_request")
    legal = _priority(item, cause="legal_signal")
    assert plan.cash_at_stake > legal.cash_at_stake


def test_urgency_waiting_and_deadline():
    item = invoice(1, overdue=20, amount=3000.0)
    new = _priority(item)
    waited = _priority(item, opened=TODAY - timedelta(days=5))
    late = _priority(item, deadline=TODAY - timedelta(days=1))
    assert waited.urgency > new.urgency and waited.priority > new.priority
    assert late.urgency > new.urgency
    assert "deadline passed" in late.text and "waiting 5 days" in waited.text
    assert 0 <= late.urgency <= 1


def test_stake_outranks_mere_urgency():
    old_small = _priority(invoice(1, overdue=89, amount=500.0), opened=TODAY - timedelta(days=30))
    new_large = _priority(invoice(2, overdue=35, amount=5000.0))
    assert new_large.priority > old_small.priority


def test_worklist_order_on_a_hand_made_set():
    cases = {
        "small_fresh": _priority(invoice(1, overdue=2, amount=800.0)),
        "big_old": _priority(invoice(2, overdue=60, amount=9000.0)),
        "big_legal": _priority(invoice(3, overdue=60, amount=9000.0), cause="legal_signal"),
        "medium_plan": _priority(
            invoice(4, overdue=35, amount=4000.0), cause="payment_plan_request"
        ),
        "nothing": _priority(credit_note(5)),
    }
    assert worklist_order(cases) == [
        "big_old",
        "medium_plan",
        "big_legal",
        "small_fresh",
        "nothing",
    ]


def test_split_payment_plan_by_months_keeps_every_cent():
    plan = split_payment_plan(1000.0, date(2025, 1, 31), 3)
    assert [d for d, _ in plan] == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]
    assert [a for _, a in plan] == [333.33, 333.33, 333.34]
    assert round(sum(a for _, a in plan), 2) == 1000.0


def test_split_payment_plan_by_days_and_across_years():
    plan = split_payment_plan(900.0, date(2025, 12, 20), 2, every_days=14)
    assert plan == ((date(2025, 12, 20), 450.0), (date(2026, 1, 3), 450.0))
    assert split_payment_plan(10.0, date(2025, 11, 15), 2, every_months=2)[1][0] == date(
        2026, 1, 15
    )


@pytest.mark.parametrize(
    ("total", "count", "kwargs", "message"),
    [
        (100.0, 0, {}, "at least one"),
        (-5.0, 2, {}, "positive total"),
        (100.0, 2, {"every_days": 0, "every_months": 0}, "interval"),
        (0.02, 3, {}, "cannot be split"),
    ],
)
def test_split_payment_plan_refuses_bad_input(total, count, kwargs, message):
    with pytest.raises(ValueError, match=message):
        split_payment_plan(total, TODAY, count, **kwargs)
