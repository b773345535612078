"""Promises on the same invoices evaluated together (ar_collections_core.promises.
evaluate_promises): a payment plan's instalments and an older promise beside a newer
one share the payments, each payment counted once."""

from datetime import date, timedelta

import pytest
from test_promises import invoice, promise

from ar_collections_core.promises import evaluate_promise, evaluate_promises

MADE = date(2025, 3, 1)
GRACE = 3
DATES = [date(2025, 3, 10), date(2025, 4, 10), date(2025, 5, 10)]


def plan(amount=500.0, invoices=(1,)):
    """Three instalments of ``amount`` agreed on MADE."""
    return [
        promise(amount, invoices, made=MADE, when=when, ident=f"I{n}")
        for n, when in enumerate(DATES, start=1)
    ]


def states(ledger, promises, today):
    result = evaluate_promises(promises, ledger, today, GRACE)
    return {pid: (e.state, e.paid) for pid, e in sorted(result.items())}


# (name, payments on the 1,500 invoice, today, {instalment: (state, paid)})
CASES = [
    (
        "each_instalment_paid_on_time",
        [(DATES[0], 500), (DATES[1], 500), (DATES[2], 500)],
        DATES[2],
        {"I1": ("kept", 500), "I2": ("kept", 500), "I3": ("kept", 500)},
    ),
    (
        # The first payment must not also count for the second instalment.
        "only_the_first_paid",
        [(DATES[0], 500)],
        DATES[1] + timedelta(days=GRACE + 1),
        {"I1": ("kept", 500), "I2": ("broken", 0), "I3": ("open", 0)},
    ),
    (
        "two_instalments_at_once_carry_over",
        [(DATES[0], 1000)],
        DATES[1] + timedelta(days=GRACE + 1),
        {"I1": ("kept", 500), "I2": ("kept", 500), "I3": ("open", 0)},
    ),
    (
        # Late for the first (after its grace), on time for the second.
        "a_late_payment_counts_for_the_next",
        [(DATES[0] + timedelta(days=10), 500)],
        DATES[1] + timedelta(days=GRACE + 1),
        {"I1": ("broken", 0), "I2": ("kept", 500), "I3": ("open", 0)},
    ),
    (
        "part_of_an_instalment",
        [(DATES[0], 500), (DATES[1], 200)],
        DATES[1] + timedelta(days=GRACE + 1),
        {"I1": ("kept", 500), "I2": ("partial", 200), "I3": ("open", 0)},
    ),
]


@pytest.mark.parametrize(("name", "payments", "today", "expected"), CASES)
def test_a_payment_plan_counts_each_payment_once(name, payments, today, expected):
    ledger = [invoice(amount=1500.0, payments=payments)]
    assert states(ledger, plan(), today) == expected, name


def test_the_whole_balance_paid_early_keeps_every_instalment():
    ledger = [invoice(amount=1500.0, payments=[(DATES[0], 1500)])]
    result = states(ledger, plan(), DATES[0])
    assert {pid: state for pid, (state, _paid) in result.items()} == dict.fromkeys(
        ("I1", "I2", "I3"), "kept"
    )


def test_an_older_kept_promise_keeps_its_payment():
    """A promise kept in March, then a new promise on the same invoice in April: the
    March payment is the first one's, not the second's."""
    first = promise(400.0, (1,), state="kept", made=MADE, when=DATES[0], ident="A")
    second = promise(400.0, (1,), made=date(2025, 3, 20), when=DATES[1], ident="B")
    ledger = [invoice(amount=1500.0, payments=[(DATES[0], 400), (date(2025, 3, 25), 150)])]
    result = evaluate_promises([first, second], ledger, DATES[1] + timedelta(days=5), GRACE)
    assert (result["B"].state, result["B"].paid) == ("partial", 150)


def test_promises_on_other_invoices_are_evaluated_alone():
    ledger = [
        invoice(1, amount=500.0, payments=[(DATES[0], 500)]),
        invoice(2, amount=700.0),
    ]
    one = promise(500.0, (1,), when=DATES[0], ident="one")
    two = promise(700.0, (2,), when=DATES[0], ident="two")
    today = DATES[0] + timedelta(days=GRACE + 1)
    result = evaluate_promises([one, two], ledger, today, GRACE)
    assert result["one"] == evaluate_promise(one, ledger, today, GRACE)
    assert (result["two"].state, result["two"].paid) == ("broken", 0)


def test_superseded_and_unknown_promises_are_left_out():
    ledger = [invoice(amount=1500.0)]
    old = promise(500.0, (1,), state="superseded", ident="old")
    elsewhere = promise(500.0, (99,), ident="elsewhere")
    assert evaluate_promises([old, elsewhere], ledger, DATES[0], GRACE) == {}
