"""Predicted payment dates from a customer's own behaviour."""

import random
from datetime import date, timedelta

from ar_collections_core.ledger import Promise, Receivable, Settlement
from ar_collections_core.profile import compute_profile, predict_payment_date

TODAY = date(2025, 6, 2)


def paid(key, due, days_late, amount=100.0):
    pay = due + timedelta(days=days_late)
    return Receivable(
        key,
        f"INV/{key}",
        due - timedelta(days=30),
        due,
        amount,
        0.0,
        settlements=(Settlement(pay, amount),),
    )


def open_invoice(key, due, amount=100.0, payments=()):
    settlements = tuple(Settlement(d, a) for d, a in payments)
    residual = amount - sum(a for _d, a in payments)
    return Receivable(
        key, f"INV/{key}", due - timedelta(days=30), due, amount, residual, settlements=settlements
    )


def history(days_late, start=date(2024, 6, 3)):
    return [paid(i, start + timedelta(days=15 * i), d) for i, d in enumerate(days_late)]


def test_no_history_predicts_the_due_date():
    rec = open_invoice(99, TODAY + timedelta(days=10))
    assert predict_payment_date(rec, compute_profile([], TODAY), TODAY) == rec.due_date


def test_overdue_without_history_is_at_least_a_week_away():
    rec = open_invoice(99, TODAY - timedelta(days=4))
    profile = compute_profile([rec], TODAY)
    assert predict_payment_date(rec, profile, TODAY) == TODAY + timedelta(days=7)


def test_customer_lateness_moves_the_date():
    rec = open_invoice(99, TODAY + timedelta(days=10))
    late = compute_profile(history([20] * 10), TODAY)
    punctual = compute_profile(history([0] * 10), TODAY)
    assert predict_payment_date(rec, late, TODAY) == rec.due_date + timedelta(days=20)
    assert predict_payment_date(rec, punctual, TODAY) == rec.due_date


def test_recent_behaviour_weighs_more():
    older = history([0] * 8, start=date(2023, 6, 5))
    newer = history([30] * 4, start=date(2025, 1, 6))
    rec = open_invoice(99, TODAY + timedelta(days=5))
    profile = compute_profile([*older, *newer], TODAY)
    assert profile.typical_days_late == 0.0  # most invoices were on time...
    predicted = predict_payment_date(rec, profile, TODAY)
    assert predicted == rec.due_date + timedelta(days=30)  # ...but lately they pay at 30


def test_already_late_invoice_uses_the_conditional_lateness():
    profile = compute_profile(history([0, 0, 0, 0, 0, 0, 40, 40, 50, 60]), TODAY)
    fresh = open_invoice(98, TODAY + timedelta(days=3))
    stuck = open_invoice(99, TODAY - timedelta(days=20))
    assert predict_payment_date(fresh, profile, TODAY) <= fresh.due_date + timedelta(days=20)
    predicted = predict_payment_date(stuck, profile, TODAY)
    # of the invoices still unpaid 20 days after due, the median paid ~45 days late
    assert stuck.due_date + timedelta(days=40) <= predicted <= stuck.due_date + timedelta(days=50)


def test_older_than_anything_seen_adds_a_share_of_its_age():
    profile = compute_profile(history([5] * 6), TODAY)
    rec = open_invoice(99, TODAY - timedelta(days=100))
    assert predict_payment_date(rec, profile, TODAY) == TODAY + timedelta(days=25)


def test_weekday_habit_moves_to_the_nearest_habitual_day():
    thursdays = [date(2025, 1, 2) + timedelta(weeks=2 * i) for i in range(8)]
    receivables = [paid(i, day - timedelta(days=5), 5) for i, day in enumerate(thursdays)]
    profile = compute_profile(receivables, TODAY)
    assert profile.usual_payment_weekday == 3
    rec = open_invoice(99, date(2025, 6, 16))  # a Monday: +5 days is Saturday
    assert predict_payment_date(rec, profile, TODAY) == date(2025, 6, 19)  # Thursday


def test_day_of_month_habit():
    receivables = [paid(i, date(2024, m, 15), 10) for i, m in enumerate(range(3, 13))]
    profile = compute_profile(receivables, TODAY)
    assert profile.usual_payment_day == 25
    rec = open_invoice(99, date(2025, 6, 20))  # +10 days is June 30
    assert predict_payment_date(rec, profile, TODAY) == date(2025, 6, 25)


def test_partly_paid_invoice_waits_for_the_usual_gap():
    receivables = []
    for i in range(6):
        due = date(2024, 6, 3) + timedelta(days=37 * i)
        receivables.append(
            Receivable(
                i,
                f"INV/{i}",
                due - timedelta(days=30),
                due,
                100.0,
                0.0,
                settlements=(Settlement(due, 50.0), Settlement(due + timedelta(30), 50.0)),
            )
        )
    rec = open_invoice(99, TODAY - timedelta(days=2), payments=[(TODAY - timedelta(days=2), 50.0)])
    profile = compute_profile([*receivables, rec], TODAY)
    assert profile.typical_partial_gap_days == 30.0
    assert predict_payment_date(rec, profile, TODAY) == TODAY + timedelta(days=28)


def test_open_promise_sets_the_date_for_a_reliable_promiser():
    rec = open_invoice(99, TODAY - timedelta(days=10))
    promise = Promise("p", (99,), 100.0, TODAY + timedelta(days=4), "open", TODAY)
    kept = Promise("k", (1,), 100.0, date(2024, 7, 1), "kept", date(2024, 6, 20))
    profile = compute_profile([*history([30] * 6), rec], TODAY, promises=[promise, kept])
    assert predict_payment_date(rec, profile, TODAY) == TODAY + timedelta(days=4)


def test_promise_of_a_promise_breaker_is_not_taken_at_face_value():
    rec = open_invoice(99, TODAY - timedelta(days=10))
    broken = [
        Promise(f"b{i}", (i,), 100.0, date(2024, 7, 1), "broken", date(2024, 6, 20))
        for i in range(3)
    ]
    promise = Promise("p", (99,), 100.0, TODAY + timedelta(days=1), "open", TODAY)
    profile = compute_profile([*history([40] * 6), rec], TODAY, promises=[*broken, promise])
    predicted = predict_payment_date(rec, profile, TODAY)
    assert predicted > promise.promised_date
    assert predicted == rec.due_date + timedelta(days=40)


def test_settled_receivable_returns_its_last_settlement():
    rec = paid(1, date(2025, 1, 10), 7)
    assert predict_payment_date(rec, compute_profile([rec], TODAY), TODAY) == date(2025, 1, 17)


def test_in_payment_is_paid_today():
    rec = Receivable(1, "INV/1", date(2025, 4, 1), date(2025, 5, 1), 100.0, 100.0, in_payment=True)
    assert predict_payment_date(rec, compute_profile([], TODAY), TODAY) == TODAY


def test_prediction_is_never_in_the_past():
    rng = random.Random(11)
    for trial in range(300):
        lateness = [rng.randint(-10, 120) for _ in range(rng.randint(0, 15))]
        receivables = history(
            lateness, start=date(2024, 1, 1) + timedelta(days=rng.randint(0, 200))
        )
        due = TODAY + timedelta(days=rng.randint(-200, 40))
        payments = [(min(TODAY, due), 30.0)] if rng.random() < 0.3 else []
        rec = open_invoice(1000 + trial, due, payments=payments)
        promises = []
        if rng.random() < 0.3:
            day = TODAY + timedelta(days=rng.randint(-20, 20))
            promises.append(Promise("p", (rec.id,), 10.0, day, "open", TODAY - timedelta(30)))
        profile = compute_profile([*receivables, rec], TODAY, promises=promises)
        assert predict_payment_date(rec, profile, TODAY) >= TODAY
