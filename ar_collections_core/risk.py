"""Risk score 0-100 with a band and the top reasons in words.

Contract (implemented in this module):

    assess_risk(profile, *, promises=(), disputes=(), credit_limit=0.0,
                params=RiskParams()) -> RiskAssessment
    late_probability(profile, *, days=30, params=RiskParams()) -> float
    invoice_late_probability(receivable, profile, today, *, days=30,
                             params=RiskParams()) -> float

Higher is riskier. A reliable payer scores below a chronic late payer, who scores
below one who also broke promises.

The score is a sum of points, one line per factor, capped at 100. Every factor only
grows with the bad behaviour it measures (the score is monotone), and its points and
sentence are returned, so the score always explains itself. Weights (``RiskParams``):

=====================  ================================================  ===========
factor                 points                                            cap
=====================  ================================================  ===========
late_history           0.5 per amount-weighted day late                  30
late_share             15 x share of the amount not paid on time          15
overdue_now            0.25 per day of the oldest overdue invoice        20
worsening_trend        0.5 per day of trend beyond 3 days                10
broken_promises        (10 per broken, 5 per partial) x share broken     25
open_disputes          4 per open dispute                                10
credit_limit           10 above the limit, 5 above 90% of it             10
thin_history           15 without history, 8 with fewer than 3 paid      15
partial_payments       8 x share of invoices paid in parts (from 20%)    8
=====================  ================================================  ===========

Bands: low < 25 <= medium < 50 <= high < 75 <= critical. The backtest
(``ar-collections backtest``) reports the score's AUC for "paid > 30 days late" as a
sanity check of these weights.

``late_probability`` is the chance that this customer's *next* invoice is paid more
than ``days`` late without anyone acting, read from the recency-weighted lateness
distribution and shrunk towards ``prior_late_share`` when history is thin.
``invoice_late_probability`` is the same for one open invoice *given how late it
already is* (a 25-days-overdue invoice of a customer who usually pays at 20 days is
more worrying than a fresh one). A worklist can rank by this times the open amount:
where a late payment is likely and large, a person's call changes most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.survival import survival_at

BANDS = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class RiskParams:
    points_per_day_late: float = 0.5
    max_late_history: float = 30.0
    late_share_points: float = 15.0
    points_per_overdue_day: float = 0.25
    max_overdue_now: float = 20.0
    trend_free_days: float = 3.0
    points_per_trend_day: float = 0.5
    max_trend: float = 10.0
    points_per_broken_promise: float = 10.0
    points_per_partial_promise: float = 5.0
    max_broken_promises: float = 25.0
    points_per_open_dispute: float = 4.0
    max_open_disputes: float = 10.0
    over_credit_limit: float = 10.0
    near_credit_limit: float = 5.0
    no_history: float = 15.0
    thin_history: float = 8.0
    thin_history_invoices: int = 3
    partial_payment_points: float = 8.0
    partial_payment_min_rate: float = 0.2
    band_limits: tuple[int, int, int] = (25, 50, 75)
    promise_grace_days: int = 3
    prior_late_share: float = 0.15  # share of invoices paid > 30 days late, typical B2B
    prior_weight: float = 4.0  # the prior counts as this many invoices


@dataclass(frozen=True, slots=True)
class RiskFactor:
    code: str  # stable identifier, e.g. "late_history", "broken_promises"
    text: str  # one short sentence in English for the accountant
    points: float  # contribution to the score


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int  # 0..100
    band: str  # one of BANDS
    factors: tuple[RiskFactor, ...]  # most important first
    late_probability: float = 0.0  # next invoice paid > 30 days late, 0..1

    @property
    def explanation(self) -> str:
        return "; ".join(f.text for f in self.factors[:3])


def assess_risk(profile, *, promises=(), disputes=(), credit_limit=0.0, params=RiskParams()):
    """Score, band and the reasons, from a profile and the customer's promises/disputes.

    Broken promises are the larger of the profile's count and those found in
    ``promises`` (state ``broken``, or ``open`` past its date + grace as of the profile
    date), so passing the same promises to both never counts them twice.
    """
    p = params
    factors = []

    def add(code, points, text):
        if points > 0.05:
            factors.append(RiskFactor(code, text, round(points, 1)))

    if profile.has_history:
        late = profile.weighted_days_late
        add(
            "late_history",
            min(p.max_late_history, p.points_per_day_late * max(late, 0.0)),
            f"Pays {late:.0f} days late on average (weighted by amount)",
        )
        not_on_time = 1.0 - profile.on_time_rate
        add(
            "late_share",
            p.late_share_points * not_on_time,
            f"Only {profile.on_time_rate:.0%} of the amount was paid on time",
        )
    if profile.oldest_overdue_days > 0:
        add(
            "overdue_now",
            min(p.max_overdue_now, p.points_per_overdue_day * profile.oldest_overdue_days),
            f"Overdue now: {_count(profile.overdue_count, 'invoice')} "
            f"({_money(profile.overdue_amount)}), the oldest "
            f"{profile.oldest_overdue_days} days past due",
        )
    if profile.trend_days > p.trend_free_days:
        add(
            "worsening_trend",
            min(p.max_trend, p.points_per_trend_day * (profile.trend_days - p.trend_free_days)),
            f"Paying {profile.trend_days:.0f} days later recently than before",
        )
    kept, partial, broken = _promise_counts(profile, promises, p)
    if broken or partial:
        share_broken = (broken + 0.5 * partial) / (kept + partial + broken)
        raw = p.points_per_broken_promise * broken + p.points_per_partial_promise * partial
        add(
            "broken_promises",
            min(p.max_broken_promises, raw) * share_broken,
            f"Broke {broken} of {_count(kept + partial + broken, 'payment promise')}"
            + (f", {partial} kept only in part" if partial else ""),
        )
    open_disputes = [d for d in disputes if d.state == "open"]
    if open_disputes:
        amount = sum(d.amount for d in open_disputes)
        add(
            "open_disputes",
            min(p.max_open_disputes, p.points_per_open_dispute * len(open_disputes)),
            f"Disputes {_money(amount)} in {_count(len(open_disputes), 'open dispute')}",
        )
    if credit_limit and credit_limit > 0:
        if profile.open_amount > credit_limit:
            add(
                "credit_limit",
                p.over_credit_limit,
                f"Open balance {_money(profile.open_amount)} is above the credit limit "
                f"of {_money(credit_limit)}",
            )
        elif profile.open_amount > 0.9 * credit_limit:
            add(
                "credit_limit",
                p.near_credit_limit,
                f"Open balance {_money(profile.open_amount)} is close to the credit limit "
                f"of {_money(credit_limit)}",
            )
    if not profile.has_history:
        add("thin_history", p.no_history, "No payment history yet")
    elif profile.invoices_settled < p.thin_history_invoices:
        add(
            "thin_history",
            p.thin_history,
            f"Only {_count(profile.invoices_settled, 'invoice')} paid so far",
        )
    if profile.partial_payment_rate >= p.partial_payment_min_rate:
        add(
            "partial_payments",
            p.partial_payment_points * profile.partial_payment_rate,
            f"Pays {profile.partial_payment_rate:.0%} of invoices in several parts",
        )
    score = round(min(100.0, sum(f.points for f in factors)))
    band = _band(score, p.band_limits)
    factors.sort(key=lambda f: -f.points)
    if score < p.band_limits[0] and profile.has_history and profile.on_time_rate >= 0.8:
        factors.append(
            RiskFactor(
                "reliable",
                f"Pays on time: {profile.on_time_rate:.0%} of the amount by the due date",
                0.0,
            )
        )
    return RiskAssessment(
        score=score,
        band=band,
        factors=tuple(factors),
        late_probability=round(late_probability(profile, params=params), 4),
    )


def late_probability(profile, *, days: int = 30, params=RiskParams()) -> float:
    """Chance that the customer's next invoice is paid more than ``days`` late (0..1)."""
    observed = profile.invoices_settled + profile.overdue_count
    share = survival_at(profile.lateness_quantiles, days) if profile.lateness_quantiles else 0.0
    if not profile.lateness_quantiles:
        observed = profile.overdue_count
        share = 1.0 if profile.oldest_overdue_days > days else 0.0
    m = params.prior_weight
    return (observed * share + m * params.prior_late_share) / (observed + m)


def invoice_late_probability(
    receivable, profile, today: date, *, days: int = 30, params=RiskParams()
) -> float:
    """Chance that this open invoice ends up paid more than ``days`` late, given its age."""
    if not receivable.is_open or receivable.in_payment or receivable.is_credit_note:
        return 0.0
    age = (today - receivable.due_date).days
    if age > days:
        return 1.0
    late = late_probability(profile, days=days, params=params)
    if not profile.lateness_quantiles:
        return late
    observed = profile.invoices_settled + profile.overdue_count
    m = params.prior_weight
    still_open = survival_at(profile.lateness_quantiles, age)
    # The prior assumes a not-yet-late invoice tells nothing: it can only lower the odds.
    still_open = (observed * still_open + m) / (observed + m)
    return min(1.0, late / max(still_open, late))


def _band(score: int, limits) -> str:
    for band, limit in zip(BANDS[:-1], limits, strict=True):
        if score < limit:
            return band
    return BANDS[-1]


def _promise_counts(profile, promises, params):
    kept = partial = broken = 0
    grace = timedelta(days=params.promise_grace_days)
    for promise in promises:
        if promise.created is not None and promise.created > profile.as_of:
            continue
        state = promise.state
        if state == "open" and promise.promised_date + grace < profile.as_of:
            state = "broken"
        kept += state == "kept"
        partial += state == "partial"
        broken += state == "broken"
    if profile.promises_broken + profile.promises_partial >= broken + partial:
        return profile.promises_kept, profile.promises_partial, profile.promises_broken
    return kept, partial, broken


def _money(amount: float) -> str:
    return f"{amount:,.2f}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
