"""Risk score, band, factors, and late probabilities."""

from datetime import date, timedelta

import pytest

from ar_collections_core.ledger import Dispute, Promise, Receivable, Settlement
from ar_collections_core.profile import compute_profile
from ar_collections_core.risk import (
    BANDS,
    RiskParams,
    assess_risk,
    invoice_late_probability,
    late_probability,
)

TODAY = date(2025, 6, 2)


def paid(key, due, days_late, amount=1000.0):
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


def customer(days_late, *, overdue_days=None, count=12):
    """A year of paid invoices ``days_late`` late, plus one open invoice if asked."""
    start = TODAY - timedelta(days=400)
    receivables = [paid(i, start + timedelta(days=29 * i), days_late) for i in range(count)]
    if overdue_days is not None:
        due = TODAY - timedelta(days=overdue_days)
        receivables.append(Receivable(99, "INV/99", due - timedelta(days=30), due, 1000.0, 1000.0))
    return receivables


def broken_promises(n):
    return [
        Promise(
            f"b{i}", (i,), 500.0, TODAY - timedelta(days=60 + i), "broken", TODAY - timedelta(90)
        )
        for i in range(n)
    ]


def test_reliable_below_chronic_late_below_chronic_late_with_broken_promises():
    reliable = assess_risk(compute_profile(customer(-1), TODAY))
    chronic_profile = compute_profile(customer(55, overdue_days=40), TODAY)
    chronic = assess_risk(chronic_profile)
    promises = broken_promises(3)
    breaker = assess_risk(
        compute_profile(customer(55, overdue_days=40), TODAY, promises=promises),
        promises=promises,
    )
    assert reliable.score < chronic.score < breaker.score
    assert reliable.band == "low"
    assert chronic.band in ("high", "critical")
    assert breaker.factors[0].code in ("late_history", "broken_promises")
    assert "broken_promises" in {f.code for f in breaker.factors}


def test_factors_explain_the_score():
    promises = broken_promises(2)
    risk = assess_risk(
        compute_profile(customer(40, overdue_days=30), TODAY, promises=promises),
        promises=promises,
        disputes=[Dispute("d", (99,), 300.0, "price", "open", TODAY)],
        credit_limit=500.0,
    )
    codes = [f.code for f in risk.factors]
    assert {
        "late_history",
        "late_share",
        "overdue_now",
        "broken_promises",
        "open_disputes",
        "credit_limit",
    } <= set(codes)
    assert risk.score == min(100, round(sum(f.points for f in risk.factors)))
    points = [f.points for f in risk.factors]
    assert points == sorted(points, reverse=True)
    assert all(f.text and f.text[0].isupper() for f in risk.factors)
    late = next(f for f in risk.factors if f.code == "late_history")
    assert late.points == 20.0 and late.text == "Pays 40 days late on average (weighted by amount)"
    assert risk.explanation == "; ".join(f.text for f in risk.factors[:3])


def test_reliable_payer_gets_a_reassuring_reason():
    risk = assess_risk(compute_profile(customer(-2), TODAY))
    assert risk.score == 0
    assert [f.code for f in risk.factors] == ["reliable"]
    assert "100%" in risk.factors[0].text


def test_no_history_is_uncertain_not_bad():
    risk = assess_risk(compute_profile([], TODAY))
    assert risk.band == "low"
    assert [f.code for f in risk.factors] == ["thin_history"]
    assert risk.score == RiskParams().no_history
    assert risk.late_probability == pytest.approx(RiskParams().prior_late_share)


def test_score_is_monotone_in_lateness():
    scores = [assess_risk(compute_profile(customer(d), TODAY)).score for d in range(-5, 120, 5)]
    assert scores == sorted(scores)
    assert scores[-1] > scores[0]


def test_score_is_monotone_in_overdue_age_and_broken_promises():
    by_age = [
        assess_risk(compute_profile(customer(5, overdue_days=d), TODAY)).score
        for d in range(0, 200, 10)
    ]
    assert by_age == sorted(by_age)
    profile = compute_profile(customer(20), TODAY)
    by_promises = [assess_risk(profile, promises=broken_promises(n)).score for n in range(6)]
    assert by_promises == sorted(by_promises)
    assert by_promises[-1] > by_promises[0]


def test_kept_promises_soften_a_single_broken_one():
    profile = compute_profile(customer(20), TODAY)
    kept = [
        Promise(f"k{i}", (i,), 500.0, TODAY - timedelta(days=90), "kept", TODAY - timedelta(99))
        for i in range(9)
    ]
    alone = assess_risk(profile, promises=broken_promises(1)).score
    among_kept = assess_risk(profile, promises=[*broken_promises(1), *kept]).score
    assert among_kept < alone


def test_promises_given_to_profile_and_risk_are_not_counted_twice():
    promises = broken_promises(2)
    profile = compute_profile(customer(20), TODAY, promises=promises)
    once = assess_risk(profile, promises=promises)
    factor = next(f for f in once.factors if f.code == "broken_promises")
    assert factor.points == 20.0
    assert factor.text == "Broke 2 of 2 payment promises"


def test_open_promise_past_its_grace_counts_as_broken():
    profile = compute_profile(customer(20), TODAY)
    lapsed = Promise("p", (1,), 500.0, TODAY - timedelta(days=10), "open", TODAY - timedelta(20))
    running = Promise("q", (1,), 500.0, TODAY + timedelta(days=3), "open", TODAY)
    assert "broken_promises" in {f.code for f in assess_risk(profile, promises=[lapsed]).factors}
    assert assess_risk(profile, promises=[running]) == assess_risk(profile)


def test_only_open_disputes_count():
    profile = compute_profile(customer(0), TODAY)
    closed = Dispute("d", (1,), 100.0, "price", "resolved", TODAY - timedelta(60), TODAY)
    assert assess_risk(profile, disputes=[closed]).score == assess_risk(profile).score
    opened = Dispute("e", (1,), 100.0, "price", "open", TODAY)
    assert assess_risk(profile, disputes=[opened]).score == assess_risk(profile).score + 4


def test_credit_limit():
    profile = compute_profile(customer(0, overdue_days=-10), TODAY)  # 1000 open, not due
    assert assess_risk(profile, credit_limit=0.0).score == assess_risk(profile).score
    near = assess_risk(profile, credit_limit=1050.0)
    over = assess_risk(profile, credit_limit=800.0)
    assert assess_risk(profile, credit_limit=5000.0).score < near.score < over.score


def test_bands_follow_the_limits():
    for late in range(0, 150, 7):
        risk = assess_risk(compute_profile(customer(late, overdue_days=late), TODAY))
        assert 0 <= risk.score <= 100
        expected = BANDS[sum(risk.score >= limit for limit in RiskParams().band_limits)]
        assert risk.band == expected


def test_late_probability_follows_the_history():
    punctual = late_probability(compute_profile(customer(0), TODAY))
    sometimes = compute_profile(
        [
            *customer(0, count=6),
            *[paid(50 + i, TODAY - timedelta(days=200 - 20 * i), 45) for i in range(6)],
        ],
        TODAY,
    )
    always = late_probability(compute_profile(customer(60), TODAY))
    assert punctual < late_probability(sometimes) < always
    assert 0.0 < punctual < 0.1
    assert always > 0.7
    assert late_probability(compute_profile(customer(20), TODAY), days=10) > 0.7


def test_invoice_late_probability_grows_with_age():
    receivables = [
        paid(i, TODAY - timedelta(days=300 - 25 * i), 40 if i % 2 else 0) for i in range(10)
    ]
    profile = compute_profile(receivables, TODAY)

    def open_at(age):
        due = TODAY - timedelta(days=age)
        return Receivable(1, "INV/1", due - timedelta(30), due, 100.0, 100.0)

    odds = [invoice_late_probability(open_at(age), profile, TODAY) for age in (-10, 0, 10, 25)]
    assert odds == sorted(odds)
    assert odds[0] < 0.6 < odds[-1]
    assert invoice_late_probability(open_at(31), profile, TODAY) == 1.0
    assert invoice_late_probability(paid(5, TODAY, 0), profile, TODAY) == 0.0
