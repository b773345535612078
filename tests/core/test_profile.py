"""Payment profiles on small, hand-computed histories."""

from datetime import date, timedelta

import pytest

from ar_collections_core.ledger import CREDIT, CREDIT_NOTE, Promise, Receivable, Settlement
from ar_collections_core.profile import ProfileParams, compute_profile

TODAY = date(2025, 5, 1)


def invoice(key, issued, due, amount, payments=(), residual=None, **extra):
    """An invoice; ``payments`` are (date, amount) or Settlement."""
    settlements = tuple(p if isinstance(p, Settlement) else Settlement(*p) for p in payments)
    if residual is None:
        residual = round(amount - sum(s.amount for s in settlements), 2)
    return Receivable(
        key, f"INV/{key}", issued, due, amount, residual, settlements=settlements, **extra
    )


def paid_on(key, due, days_late, amount=100.0):
    return invoice(
        key, due - timedelta(days=30), due, amount, [(due + timedelta(days_late), amount)]
    )


def test_no_history_gives_neutral_values():
    profile = compute_profile([], TODAY)
    assert not profile.has_history
    assert profile.weighted_days_late == 0.0
    assert profile.typical_days_late == 0.0
    assert profile.on_time_rate == 1.0
    assert profile.open_amount == 0.0
    assert profile.first_invoice_date is None
    assert profile.tenure_days == 0
    assert profile.lateness_quantiles == ()
    assert profile.trend_days == 0.0
    assert profile.promise_kept_rate is None


def test_open_invoice_not_yet_due_is_no_history():
    rec = invoice(1, date(2025, 4, 20), date(2025, 5, 20), 500.0)
    profile = compute_profile([rec], TODAY)
    assert not profile.has_history
    assert (profile.open_amount, profile.open_count) == (500.0, 1)
    assert (profile.overdue_amount, profile.overdue_count) == (0.0, 0)
    assert profile.tenure_days == 11


def test_hand_computed_history():
    receivables = [
        # paid 10 days late
        invoice(1, date(2025, 1, 1), date(2025, 1, 31), 100.0, [(date(2025, 2, 10), 100.0)]),
        # a third 2 days early, the rest 20 days late
        invoice(
            2,
            date(2025, 2, 1),
            date(2025, 3, 3),
            300.0,
            [(date(2025, 3, 1), 100.0), (date(2025, 3, 23), 200.0)],
        ),
        # unpaid, 31 days overdue
        invoice(3, date(2025, 3, 1), date(2025, 3, 31), 200.0),
        Receivable(4, "RINV/1", date(2025, 3, 5), date(2025, 3, 5), -50.0, -50.0, kind=CREDIT_NOTE),
    ]
    p = compute_profile(receivables, TODAY)
    assert p.has_history
    assert p.invoices_settled == 2
    assert p.amount_settled == 400.0
    # payments 100x10 + 100x(-2) + 200x20 = 4800; open 200 x max(31, 4800/400) = 6200
    assert p.weighted_days_late == pytest.approx(11000 / 600, abs=0.05)
    # per invoice: 10 and 20 (fully paid), the open one censored at 31 (Kaplan-Meier)
    assert p.typical_days_late == 20.0
    assert p.p90_days_late == 31.0
    assert p.worst_days_late == 31
    assert p.on_time_rate == pytest.approx(100 / 600, abs=1e-4)
    # days from invoice to payment: 100x40 + 100x28 + 200x50 over 400
    assert p.avg_days_to_pay == 42.0
    assert p.partial_payment_rate == 0.5
    assert p.typical_partial_gap_days == 22.0
    assert p.open_amount == 150.0  # 200 open minus the 50 credit note
    assert (p.overdue_amount, p.overdue_count, p.oldest_overdue_days) == (200.0, 1, 31)
    assert (p.open_credit_amount, p.open_credit_count) == (50.0, 1)
    assert p.first_invoice_date == date(2025, 1, 1)
    assert p.tenure_days == 120


def test_amount_weighting_and_median():
    due = date(2025, 3, 1)
    p = compute_profile([paid_on(1, due, 0, 1000.0), paid_on(2, due, 30, 100.0)], TODAY)
    assert p.weighted_days_late == pytest.approx(3000 / 1100, abs=0.05)
    assert p.typical_days_late == 15.0  # the median of 0 and 30
    assert p.on_time_rate == pytest.approx(1000 / 1100, abs=1e-4)


def test_quantiles_on_three_paid_invoices():
    due = date(2025, 2, 1)
    p = compute_profile([paid_on(i, due, days) for i, days in enumerate((0, 10, 20))], TODAY)
    assert (p.weighted_days_late, p.typical_days_late, p.p90_days_late) == (10.0, 10.0, 20.0)
    assert p.worst_days_late == 20
    assert p.on_time_rate == pytest.approx(1 / 3, abs=1e-4)


def test_tolerance_counts_slightly_late_as_on_time():
    due = date(2025, 2, 1)
    history = [paid_on(1, due, 2), paid_on(2, due, 5)]
    assert compute_profile(history, TODAY).on_time_rate == 0.0
    lenient = compute_profile(history, TODAY, params=ProfileParams(on_time_tolerance_days=3))
    assert lenient.on_time_rate == 0.5


def test_only_credit_notes():
    notes = [
        Receivable(1, "RINV/1", date(2025, 1, 10), date(2025, 1, 10), -80.0, -80.0),
        Receivable(
            2,
            "RINV/2",
            date(2025, 2, 10),
            date(2025, 2, 10),
            -20.0,
            0.0,
            settlements=(Settlement(date(2025, 3, 1), 20.0, CREDIT),),
        ),
    ]
    p = compute_profile(notes, TODAY)
    assert not p.has_history
    assert (p.open_credit_amount, p.open_credit_count) == (80.0, 1)
    assert p.open_amount == -80.0
    assert p.invoices_settled == 0
    assert p.first_invoice_date is None


def test_credit_note_offsets_are_not_payment_behaviour():
    due = date(2025, 2, 1)
    part_credited = invoice(
        1,
        date(2025, 1, 1),
        due,
        100.0,
        [
            Settlement(due - timedelta(days=20), 40.0, CREDIT),
            Settlement(due + timedelta(days=10), 60.0),
        ],
    )
    fully_credited = invoice(
        2, date(2025, 1, 1), due, 500.0, [Settlement(due + timedelta(days=60), 500.0, CREDIT)]
    )
    p = compute_profile([part_credited, fully_credited], TODAY)
    assert p.weighted_days_late == 10.0  # only the 60 paid counts, at 10 days
    assert p.on_time_rate == 0.0
    assert p.invoices_settled == 1
    assert p.invoices_credited == 1
    assert p.worst_days_late == 10
    alone = compute_profile([fully_credited], TODAY)
    assert not alone.has_history


def test_partial_payments_use_the_last_payment_per_invoice():
    due = date(2025, 2, 1)
    rec = invoice(1, date(2025, 1, 1), due, 100.0, [(due, 50.0), (due + timedelta(days=40), 50.0)])
    p = compute_profile([rec], TODAY)
    assert p.weighted_days_late == 20.0  # 50x0 + 50x40 over 100
    assert p.typical_days_late == 40.0  # fully paid 40 days late
    assert p.partial_payment_rate == 1.0
    assert p.typical_partial_gap_days == 40.0


def test_open_partly_paid_invoice_counts_as_partial():
    due = date(2025, 3, 1)
    rec = invoice(1, date(2025, 2, 1), due, 100.0, [(due + timedelta(days=5), 30.0)])
    p = compute_profile([rec], TODAY)
    assert p.partial_payment_rate == 1.0
    assert (p.open_amount, p.overdue_amount) == (70.0, 70.0)


def test_foreign_currency_figures_are_in_company_currency():
    due = date(2025, 3, 1)
    usd = invoice(
        1,
        date(2025, 2, 1),
        due,
        900.0,
        [(due + timedelta(days=5), 400.0)],
        currency="USD",
        amount_currency=1000.0,
        residual_currency=555.0,
    )
    p = compute_profile([usd], TODAY)
    assert p.open_amount == 500.0
    assert p.overdue_amount == 500.0
    assert p.amount_settled == 0.0


def test_zero_and_negative_amounts():
    due = date(2025, 3, 1)
    zero = invoice(1, date(2025, 2, 1), due, 0.0, residual=0.0)
    negative = Receivable(2, "X/2", date(2025, 2, 1), due, -30.0, -30.0)  # a credit by sign
    paid = paid_on(3, due, 4)
    p = compute_profile([zero, negative, paid], TODAY)
    baseline = compute_profile([paid], TODAY)
    assert p.invoices_settled == baseline.invoices_settled == 1
    assert p.weighted_days_late == baseline.weighted_days_late == 4.0
    assert p.open_credit_amount == 30.0
    assert p.open_amount == -30.0
    assert compute_profile([zero], TODAY) == compute_profile([], TODAY)


def test_reversal_settlement_is_ignored_as_behaviour():
    due = date(2025, 3, 1)
    rec = invoice(
        1,
        date(2025, 2, 1),
        due,
        100.0,
        [(due, 100.0), (due + timedelta(days=3), -100.0), (due + timedelta(9), 100.0)],
    )
    p = compute_profile([rec], TODAY)
    assert p.weighted_days_late == pytest.approx(4.5)  # 100x0 and 100x9
    assert p.typical_days_late == 9.0


def test_a_very_old_unpaid_invoice_is_not_ignored():
    due = date(2024, 9, 1)
    history = [paid_on(i, due + timedelta(days=i), 0) for i in range(3)]
    old = invoice(9, due - timedelta(days=30), due, 100.0)
    p = compute_profile([*history, old], TODAY)
    assert p.worst_days_late == p.oldest_overdue_days == (TODAY - due).days
    assert p.weighted_days_late == pytest.approx(100 * (TODAY - due).days / 400, abs=0.05)
    assert p.on_time_rate == 0.75
    assert compute_profile(history, TODAY).weighted_days_late == 0.0


def test_as_of_ignores_later_documents_and_settlements():
    due = date(2025, 4, 1)
    rec = invoice(1, date(2025, 3, 1), due, 100.0, [(date(2025, 5, 10), 100.0)])
    future = invoice(2, date(2025, 5, 5), date(2025, 6, 5), 300.0)
    p = compute_profile([rec, future], TODAY)
    assert (p.open_amount, p.overdue_amount, p.open_count) == (100.0, 100.0, 1)
    assert p.invoices_settled == 0
    later = compute_profile([rec, future], date(2025, 5, 20))
    assert later.invoices_settled == 1 and later.worst_days_late == 39


def test_in_payment_is_neither_overdue_nor_late():
    rec = invoice(1, date(2025, 3, 1), date(2025, 4, 1), 100.0, in_payment=True)
    p = compute_profile([rec], TODAY)
    assert (p.open_amount, p.overdue_amount, p.overdue_count) == (100.0, 0.0, 0)
    assert not p.has_history


def test_trend_compares_recent_with_before():
    old = [paid_on(i, date(2024, 3, 1) + timedelta(days=30 * i), 0) for i in range(4)]
    recent = [paid_on(10 + i, date(2025, 1, 1) + timedelta(days=20 * i), 20) for i in range(4)]
    p = compute_profile([*old, *recent], TODAY)
    assert p.prior_days_late == 0.0
    assert p.recent_days_late == 20.0
    assert p.trend_days == 20.0
    steady = compute_profile(old, TODAY)
    assert steady.trend_days == 0.0 and steady.recent_days_late is None


def test_trend_needs_enough_invoices_in_both_windows():
    history = [paid_on(1, date(2024, 6, 1), 0), paid_on(2, date(2025, 3, 1), 30)]
    assert compute_profile(history, TODAY).trend_days == 0.0


def _paid_on_dates(days):
    return [
        invoice(i, day - timedelta(days=40), day - timedelta(days=10), 100.0, [(day, 100.0)])
        for i, day in enumerate(days)
    ]


def test_weekday_habit_when_clear():
    thursdays = [date(2025, 1, 2) + timedelta(weeks=2 * i) for i in range(8)]
    p = compute_profile(_paid_on_dates(thursdays), TODAY)
    assert p.usual_payment_weekday == 3
    spread = [date(2025, 1, 6) + timedelta(days=8 * i) for i in range(8)]  # drifts a day a week
    assert compute_profile(_paid_on_dates(spread), TODAY).usual_payment_weekday is None
    few = compute_profile(_paid_on_dates(thursdays[:4]), TODAY)
    assert few.usual_payment_weekday is None  # too few payments to call it a habit


def test_day_of_month_habit_when_clear():
    days = [date(2024, m, 25) for m in range(3, 13)]
    p = compute_profile(_paid_on_dates(days), TODAY)
    assert p.usual_payment_day == 25
    scattered = [
        date(2024, m, d)
        for m, d in zip(range(3, 13), (1, 7, 13, 19, 26, 3, 9, 15, 22, 28), strict=True)
    ]
    assert compute_profile(_paid_on_dates(scattered), TODAY).usual_payment_day is None


def test_promise_record():
    due = date(2025, 3, 1)
    kept_invoice = paid_on(1, due, 15)
    unpaid = invoice(2, date(2025, 2, 1), due, 100.0)
    promises = [
        Promise("a", (1,), 100.0, due + timedelta(days=14), "open", due),  # paid the day after
        Promise("b", (2,), 100.0, date(2025, 4, 1), "open", due),  # lapsed, unpaid
        Promise("c", (2,), 100.0, date(2025, 5, 3), "open", date(2025, 4, 20)),  # running
        Promise("d", (2,), 100.0, date(2025, 3, 10), "partial", due),
        Promise("e", (2,), 100.0, date(2025, 6, 1), "open", date(2025, 5, 20)),  # not yet made
    ]
    p = compute_profile([kept_invoice, unpaid], TODAY, promises=promises)
    assert (p.promises_kept, p.promises_partial, p.promises_broken) == (1, 1, 1)
    assert p.promise_kept_rate == 0.5
    assert p.promised_dates == ((2, date(2025, 5, 3)),)
    assert p.promised_date(2) == date(2025, 5, 3)
    assert p.promised_date(1) is None


def test_thousands_of_invoices_stay_consistent():
    start = date(2015, 1, 1)
    history = [paid_on(i, start + timedelta(days=i), i % 10) for i in range(3000)]
    p = compute_profile(history, date(2024, 12, 31))
    assert p.invoices_settled == 3000
    assert p.weighted_days_late == 4.5
    assert p.typical_days_late == 4.5
    assert p.worst_days_late == 9


def test_refunded_credit_note_is_closed_and_not_behaviour():
    due = date(2025, 3, 1)
    refunded = Receivable(
        5,
        "RINV/5",
        date(2025, 2, 1),
        date(2025, 2, 1),
        -70.0,
        0.0,
        settlements=(Settlement(date(2025, 2, 20), 70.0),),
    )
    p = compute_profile([paid_on(1, due, 3), refunded], TODAY)
    assert (p.open_credit_amount, p.open_amount) == (0.0, 0.0)
    assert p.weighted_days_late == 3.0 and p.invoices_settled == 1
    before_refund = compute_profile([refunded], date(2025, 2, 10))
    assert before_refund.open_credit_amount == 70.0
