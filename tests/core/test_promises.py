"""The promise evaluation table and the dispute rules (ar_collections_core.promises,
ar_collections_core.disputes)."""

from datetime import date, timedelta

import pytest

from ar_collections_core.disputes import (
    dispute_deadline,
    needs_owner_reminder,
    outcome_reason,
)
from ar_collections_core.ledger import CREDIT, Dispute, Promise, Receivable, Settlement
from ar_collections_core.metrics import promise_stats
from ar_collections_core.promises import evaluate_promise, promise_deadline, supersedes

MADE = date(2025, 3, 1)
PROMISED = date(2025, 3, 10)
GRACE = 3
DEADLINE = PROMISED + timedelta(days=GRACE)  # 2025-03-13


def invoice(ident=1, amount=1000.0, payments=(), credits=()):
    settlements = tuple(Settlement(d, a) for d, a in payments) + tuple(
        Settlement(d, a, CREDIT) for d, a in credits
    )
    residual = amount - sum(s.amount for s in settlements)
    return Receivable(
        ident,
        f"INV/{ident}",
        date(2025, 1, 1),
        date(2025, 1, 31),
        amount,
        residual,
        settlements=settlements,
    )


def promise(amount=1000.0, invoices=(1,), state="open", made=MADE, when=PROMISED, ident="P"):
    return Promise(ident, tuple(invoices), amount, when, state=state, created=made)


def day(n):
    return DEADLINE + timedelta(days=n)


# (name, ledger, promise, today, state, codes, paid)
CASES = [
    ("nothing_yet_running", [invoice()], promise(), PROMISED, "open", ("promise_running",), 0),
    (
        "full_by_date",
        [invoice(payments=[(PROMISED, 1000)])],
        promise(),
        PROMISED,
        "kept",
        ("promise_kept",),
        1000,
    ),
    (
        "full_in_grace",
        [invoice(payments=[(DEADLINE, 1000)])],
        promise(),
        day(1),
        "kept",
        ("promise_kept",),
        1000,
    ),
    (
        "kept_at_once_before_date",
        [invoice(payments=[(MADE, 1000)])],
        promise(),
        MADE,
        "kept",
        ("promise_kept",),
        1000,
    ),
    (
        "two_instalments",
        [invoice(payments=[(MADE, 400), (PROMISED, 600)])],
        promise(),
        day(1),
        "kept",
        ("promise_kept",),
        1000,
    ),
    (
        "part_promised_amount_paid",
        [invoice(payments=[(PROMISED, 500)])],
        promise(amount=500),
        day(1),
        "kept",
        ("promise_kept",),
        500,
    ),
    (
        "some_then_grace_over",
        [invoice(payments=[(PROMISED, 300)])],
        promise(),
        day(1),
        "partial",
        ("promise_partial",),
        300,
    ),
    (
        "some_still_running",
        [invoice(payments=[(PROMISED, 300)])],
        promise(),
        DEADLINE,
        "open",
        ("promise_running",),
        300,
    ),
    ("nothing_grace_over", [invoice()], promise(), day(1), "broken", ("promise_broken",), 0),
    (
        "paid_after_grace_is_broken",
        [invoice(payments=[(day(2), 1000)])],
        promise(),
        day(5),
        "broken",
        ("promise_broken", "promise_paid_late"),
        0,
    ),
    (
        "payment_before_promise_not_counted",
        [invoice(payments=[(MADE - timedelta(5), 500)])],
        promise(),
        day(1),
        "broken",
        ("promise_broken",),
        0,
    ),
    (
        "settled_by_credit_note",
        [invoice(credits=[(PROMISED, 1000)])],
        promise(),
        day(1),
        "kept",
        ("promise_kept_settled",),
        0,
    ),
    (
        "future_payment_ignored",
        [invoice(payments=[(day(3), 1000)])],
        promise(),
        PROMISED,
        "open",
        ("promise_running",),
        0,
    ),
    (
        "whole_account_promise",
        [invoice(1, payments=[(PROMISED, 600)]), invoice(2, payments=[(PROMISED, 400)])],
        promise(invoices=()),
        day(1),
        "kept",
        ("promise_kept",),
        1000,
    ),
    (
        "two_invoices_one_paid",
        [invoice(1, payments=[(PROMISED, 1000)]), invoice(2)],
        promise(amount=2000, invoices=(1, 2)),
        day(1),
        "partial",
        ("promise_partial",),
        1000,
    ),
    (
        "other_invoice_payment_not_counted",
        [invoice(1), invoice(2, payments=[(PROMISED, 1000)])],
        promise(),
        day(1),
        "broken",
        ("promise_broken",),
        0,
    ),
]


@pytest.mark.parametrize(
    "ledger,prom,today,state,codes,paid", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_promise_evaluation_table(ledger, prom, today, state, codes, paid):
    outcome = evaluate_promise(prom, ledger, today, GRACE)
    assert outcome.state == state
    assert outcome.codes == codes
    assert outcome.paid == paid
    assert outcome.deadline == DEADLINE
    assert outcome.remaining == max(prom.amount - paid, 0)
    assert all(r.text for r in outcome.reasons)


def test_broken_reason_names_the_promise_and_its_date():
    outcome = evaluate_promise(promise(), [invoice()], day(1), GRACE)
    assert "1,000.00" in outcome.reasons[0].text and "2025-03-10" in outcome.reasons[0].text
    assert outcome.reasons[0].data["promise_id"] == "P"


def test_bad_promises_are_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="positive"):
        evaluate_promise(promise(amount=0), [invoice()], day(1), GRACE)
    with pytest.raises(ValueError, match="none of its invoices"):
        evaluate_promise(promise(invoices=(99,)), [invoice()], day(1), GRACE)
    with pytest.raises(ValueError, match="negative"):
        promise_deadline(promise(), -1)


def test_a_new_promise_supersedes_the_open_one_on_the_same_invoice():
    old = promise(ident="old", invoices=(1, 2))
    new = promise(
        ident="new", invoices=(2,), made=MADE + timedelta(3), when=PROMISED + timedelta(7)
    )
    assert supersedes(new, old)
    assert not supersedes(new, promise(ident="other", invoices=(3,)))
    assert not supersedes(new, promise(ident="kept", state="kept"))
    assert not supersedes(old, new)  # an older promise never replaces a newer one
    assert supersedes(promise(ident="a", invoices=()), promise(ident="b", invoices=()))


def test_dispute_deadline_and_owner_reminders():
    opened = date(2025, 3, 1)
    dispute = Dispute("D", (1,), 100.0, opened=opened)
    assert dispute_deadline(opened, 10) == date(2025, 3, 11)
    assert needs_owner_reminder(dispute, date(2025, 3, 11), 10) is None
    why = needs_owner_reminder(dispute, date(2025, 3, 12), 10)
    assert why.code == "dispute_deadline_passed" and "2025-03-11" in why.text
    # once reminded, again only a week later while it stays open
    assert needs_owner_reminder(dispute, date(2025, 3, 15), 10, date(2025, 3, 12)) is None
    assert needs_owner_reminder(dispute, date(2025, 3, 19), 10, date(2025, 3, 12)) is not None
    closed = Dispute("D", (1,), 100.0, state="rejected", opened=opened)
    assert needs_owner_reminder(closed, date(2025, 4, 1), 10) is None


def test_dispute_outcomes_carry_their_reasons():
    assert outcome_reason("resolved", credit_notes=("RINV/1",)).code == "dispute_credit_note"
    assert "RINV/1" in outcome_reason("resolved", credit_notes=("RINV/1",)).text
    assert outcome_reason("resolved").code == "dispute_resolved"
    rejected = outcome_reason("rejected", explanation="Goods delivered as ordered")
    assert "Goods delivered as ordered" in rejected.text
    assert outcome_reason("withdrawn").code == "dispute_withdrawn"
    with pytest.raises(ValueError, match="explanation"):
        outcome_reason("rejected", explanation="  ")
    with pytest.raises(ValueError, match="unknown"):
        outcome_reason("lost")


def test_superseded_promises_are_history_in_the_kept_rate():
    stats = promise_stats([promise(state="kept"), promise(state="superseded")])
    assert stats.superseded == 1 and stats.kept_rate == 1.0
