"""Each metric against a hand-computed example (the arithmetic is in the comments)."""

from datetime import date

import pytest

from ar_collections_core import metrics as m
from ar_collections_core.ledger import CREDIT_NOTE, Promise, Receivable, Settlement


def test_countback_dso_domain_example():
    # 212k - 100k = 112k (30 days), - 80k = 32k (60 days), 32/70 x 30 = 13.71 -> 73.7
    months = [(100_000, 30), (80_000, 30), (70_000, 30)]
    assert m.dso_countback(212_000, months) == 73.7


def test_countback_dso_within_the_first_month_and_beyond_all_months():
    assert m.dso_countback(50_000, [(100_000, 31)]) == 15.5  # 50/100 x 31
    # 400k over two 100k months: 60 days, then 200k at 200k/60 a day = 60 more days
    assert m.dso_countback(400_000, [(100_000, 30), (100_000, 30)]) == 120.0
    assert m.dso_countback(0.0, [(100_000, 30)]) == 0.0
    assert m.dso_countback(10.0, [(0.0, 30)]) is None
    month = m.MonthSales(date(2025, 3, 1), 31, 100_000)
    assert m.dso_countback(50_000, [month]) == 15.5


def test_simple_and_best_possible_dso_add_and_cei():
    assert m.dso_simple(150_000, 300_000, 90) == 45.0  # 150/300 x 90
    assert m.best_possible_dso(60_000, 300_000, 90) == 18.0  # 60/300 x 90
    assert m.average_days_delinquent(45.0, 18.0) == 27.0
    assert m.dso_simple(1.0, 0.0, 90) is None
    assert m.average_days_delinquent(None, 18.0) is None
    # (100 + 300 - 150) / (100 + 300 - 60) = 250 / 340 = 73.5 %
    assert m.cei(100_000, 300_000, 150_000, 60_000) == 73.5
    assert m.cei(0.0, 0.0, 0.0, 0.0) is None


def _inv(key, issued, due, amount, payments=(), kind="invoice"):
    settlements = tuple(Settlement(d, a) for d, a in payments)
    residual = amount - sum(a for _d, a in payments) if amount > 0 else amount
    return Receivable(key, key, issued, due, amount, round(residual, 2), settlements=settlements,
                      kind=kind)  # fmt: skip


LEDGER = (
    _inv("A", date(2025, 1, 10), date(2025, 2, 9), 1000, [(date(2025, 2, 20), 1000)]),
    _inv("B", date(2025, 2, 15), date(2025, 3, 17), 2000, [(date(2025, 3, 20), 500)]),
    _inv("C", date(2025, 3, 10), date(2025, 4, 9), 3000),
    _inv("D", date(2024, 11, 5), date(2024, 12, 5), 400),
    _inv("E", date(2025, 3, 5), date(2025, 3, 5), -100, kind=CREDIT_NOTE),
    _inv("F", date(2025, 1, 20), date(2025, 2, 19), 800, [(date(2025, 4, 5), 800)]),
    _inv("G", date(2025, 1, 2), date(2025, 2, 1), 600, [(date(2025, 1, 25), 600)]),
)
END = date(2025, 3, 31)


def test_ar_and_aging_as_of_a_date():
    # open on 31 March: B 1500 + C 3000 + D 400 + F 800 (paid in April) - credit E 100
    balance = m.ar_balance(LEDGER, END)
    assert (balance.total, balance.current, balance.overdue) == (5600.0, 2900.0, 2700.0)
    aged = m.aging(LEDGER, END)
    # B 14 days, F 40 days, D 116 days past due; C not due
    assert aged.buckets == (
        ("current", 3000.0),
        ("1-30", 1500.0),
        ("31-60", 800.0),
        ("61-90", 0.0),
        ("90+", 400.0),
    )
    assert aged.unapplied_credits == 100.0
    assert aged.total == 5600.0
    assert aged.amount("90+") == 400.0
    assert m.ar_balance(LEDGER, date(2024, 12, 31)).total == 400.0  # D only


def test_dso_report_from_receivables():
    sales = m.monthly_credit_sales(LEDGER, END, 3)
    # March C 3000 - E 100; February B; January A + F + G
    assert [(s.month_start, s.days, s.sales) for s in sales] == [
        (date(2025, 3, 1), 31, 2900.0),
        (date(2025, 2, 1), 28, 2000.0),
        (date(2025, 1, 1), 31, 2400.0),
    ]
    report = m.dso_report(LEDGER, END, 3)
    assert report.days == 90 and report.credit_sales == 7300.0
    # 5600 - 2900 = 2700 (31 d), - 2000 = 700 (59 d), 700 / 2400 x 31 = 9.04 -> 68.0
    assert report.dso_countback == 68.0
    assert report.dso_simple == 69.0  # 5600 / 7300 x 90 = 69.04
    assert report.best_possible_dso == 35.8  # 2900 / 7300 x 90 = 35.75
    assert report.average_days_delinquent == 33.2
    # partial current month: March up to the 15th has C only (E on the 5th: -100)
    mid = m.monthly_credit_sales(LEDGER, date(2025, 3, 15), 1)
    assert mid == [m.MonthSales(date(2025, 3, 1), 15, 2900.0)]


def test_cei_and_cash_from_receivables():
    # opening 400 (D), sales 7300, closing 5600 / current 2900: 2100 / 4800 = 43.75 %
    assert m.cei_between(LEDGER, date(2025, 1, 1), END) == 43.8
    # A 1000 + B 500 + G 600 paid in the quarter; G was paid before its due date
    assert m.cash_collected(LEDGER, date(2025, 1, 1), END) == 2100.0
    assert m.cash_recovered(LEDGER, date(2025, 1, 1), END) == 1500.0
    assert m.contacts_per_cash(6, 1500.0) == 4.0  # 6 contacts / 1.5 thousand
    assert m.contacts_per_cash(6, 0.0) is None


def test_promise_kept_rate_counts_partial_as_half():
    day = date(2025, 3, 1)

    def promise(key, state, promised=date(2025, 2, 1)):
        return Promise(key, ("A",), 100.0, promised, state, created=date(2025, 1, 20))

    promises = [
        promise(1, "kept"),
        promise(2, "partial"),
        promise(3, "broken"),
        promise(4, "open", date(2025, 3, 10)),  # still running
        promise(5, "open", date(2025, 2, 20)),  # 20 Feb + 3 days grace < 1 March: broken
        promise(6, "cancelled"),
    ]
    stats = m.promise_stats(promises, day, grace_days=3)
    assert (stats.kept, stats.partial, stats.broken, stats.open, stats.cancelled) == (
        1,
        1,
        2,
        1,
        1,
    )
    assert stats.kept_rate == pytest.approx(1.5 / 4)  # (1 + 0.5) / (1 + 1 + 2)
    assert m.promise_stats([]).kept_rate is None
    with pytest.raises(ValueError, match="unknown promise state"):
        m.promise_stats([promise(7, "maybe")])


def test_reply_rate_conversion_and_cases():
    day = date(2025, 3, 3)
    contacts = [
        m.ContactRecord("X", day, replied=True, reply_intents=("promise_to_pay",)),
        m.ContactRecord("X", day, replied=True, reply_intents=("dispute",)),
        m.ContactRecord("Y", day, auto_reply=True, reply_intents=("out_of_office",)),
        m.ContactRecord("Z", day),
        m.ContactRecord("X", day, chasing=False, replied=True),  # a confirmation
    ]
    assert m.reply_rate(contacts) == 0.5  # 2 answered of 4 chasing
    assert m.promise_to_pay_conversion(contacts) == 0.25  # 1 of 4
    assert m.reply_rate([]) is None
    cases = [
        m.CaseRecord("X", day, date(2025, 3, 10)),
        m.CaseRecord("Y", day, date(2025, 3, 12)),
        m.CaseRecord("Z", day, date(2025, 3, 20), person_involved=True),
        m.CaseRecord("W", day),  # still open
    ]
    assert m.resolved_without_person_share(cases) == pytest.approx(2 / 3)


def test_reminders_avoided_counts_follow_up_level_days_once_per_customer():
    due = date(2025, 3, 1)
    holds = [
        m.Hold("X", "A", due, date(2025, 3, 2), "promised"),  # level +1
        m.Hold("X", "B", due, date(2025, 3, 2), "promised"),  # same customer, day: one
        m.Hold("X", "A", due, date(2025, 3, 5), "promised"),  # +4: no level falls due
        m.Hold("Y", "C", due, date(2025, 3, 16), "reliable"),  # +15
        m.Hold("Z", "D", due, date(2025, 3, 31), "disputed"),  # +30
    ]
    assert m.reminders_avoided(holds) == {"paid": 0, "disputed": 1, "promised": 1, "reliable": 1}
    with pytest.raises(ValueError, match="unknown hold reason"):
        m.reminders_avoided([m.Hold("X", "A", due, due, "bored")])
