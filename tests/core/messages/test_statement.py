"""The statement of account: open items in their currency, aging from the ledger."""

from __future__ import annotations

from datetime import date

import pytest

from ar_collections_core.ledger import CREDIT_NOTE, PAYMENT, Receivable, Settlement
from ar_collections_core.messages import aging_bucket, build_statement

TODAY = date(2025, 6, 30)


def _item(id_, due, amount, residual, **kw):
    return Receivable(
        id=id_,
        number=f"INV/{id_}",
        invoice_date=date(2025, 1, 1),
        due_date=due,
        amount=amount,
        residual=residual,
        **kw,
    )


@pytest.mark.parametrize(
    ("late", "bucket"),
    [
        (-5, "current"),
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "90+"),
        (400, "90+"),
    ],
)
def test_aging_bucket_bounds(late, bucket):
    assert aging_bucket(late) == bucket


def test_open_items_buckets_and_balances():
    items = [
        _item(1, date(2025, 7, 15), 300.0, 300.0),  # not due
        _item(2, date(2025, 6, 9), 2500.0, 2500.0, ref="PO-4480"),  # 21 days
        _item(
            3,
            date(2025, 5, 1),
            1000.0,
            450.0,
            settlements=(Settlement(date(2025, 6, 20), 550.0, PAYMENT),),
        ),
        _item(4, date(2025, 3, 1), 200.0, 200.0),  # 121 days
        _item(5, date(2025, 1, 31), 700.0, 0.0),  # paid: not on the statement
        _item(6, date(2025, 6, 5), -120.0, -120.0, kind=CREDIT_NOTE),
        _item(
            7,
            date(2025, 6, 1),
            1100.0,
            1000.0,
            currency="USD",
            amount_currency=1200.0,
            residual_currency=1090.0,
        ),  # 29 days, foreign
    ]
    statement = build_statement(items, TODAY, "EUR")
    assert [line.id for line in statement.lines] == [4, 3, 7, 2, 1, 6]
    by_id = {line.id: line for line in statement.lines}
    assert (by_id[2].ref, by_id[2].bucket, by_id[2].days_overdue) == ("PO-4480", "1-30", 21)
    assert (by_id[3].amount_total, by_id[3].amount_due, by_id[3].bucket) == (1000.0, 450.0, "31-60")
    assert (by_id[4].bucket, by_id[1].bucket, by_id[6].bucket) == ("90+", "current", "credit")
    assert (by_id[7].currency, by_id[7].amount_total, by_id[7].amount_due) == (
        "USD",
        1200.0,
        1090.0,
    )
    assert by_id[6].is_credit_note and by_id[6].amount_due == -120.0
    assert statement.aging.buckets == (
        ("current", 300.0),
        ("1-30", 3500.0),
        ("31-60", 450.0),
        ("61-90", 0.0),
        ("90+", 200.0),
    )
    assert statement.aging.unapplied_credits == 120.0
    assert statement.balance == 4330.0
    assert statement.balances == (("EUR", 3330.0), ("USD", 1090.0))


def test_empty_ledger():
    statement = build_statement([], TODAY, "EUR")
    assert statement.lines == () and statement.balance == 0.0 and statement.balances == ()
