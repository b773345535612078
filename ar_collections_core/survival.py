"""Small statistics for payment behaviour: lateness distributions and habit tests.

A lateness distribution is kept as a grid of 21 quantiles (0%, 5%, ... 100%) of "days
between the due date and full payment", estimated with Kaplan-Meier so that invoices
still open count as "at least this late" (censored) instead of being dropped.
"""

from __future__ import annotations

import math
from bisect import bisect_left

QUANTILE_STEPS = tuple(i / 20 for i in range(21))  # 0%, 5%, ... 100%


def kaplan_meier_quantiles(observations) -> tuple[float, ...]:
    """Lateness quantiles (0%..100% by 5%) with open invoices censored at their age.

    ``observations``: (days late, paid, weight); an unpaid invoice is "at least" its
    age (censored).

    At an exact step (the distribution function equals the quantile) the value is the
    midpoint with the next event, as for an ordinary median. Quantiles beyond the last
    event (a censored tail) take the largest age seen: a lower bound.
    """
    if not any(event for _days, event, _w in observations):
        return ()
    ordered = sorted(observations, key=lambda o: (o[0], not o[1]))
    at_risk = float(sum(o[2] for o in ordered))
    survival = 1.0
    steps = []  # (days, distribution function after the step)
    i, n = 0, len(ordered)
    while i < n:
        days = ordered[i][0]
        died = censored = 0.0
        while i < n and ordered[i][0] == days:
            w = ordered[i][2]
            if ordered[i][1]:
                died += w
            else:
                censored += w
            i += 1
        if died and at_risk > 0:
            survival *= 1.0 - died / at_risk
            steps.append((days, 1.0 - survival))
        at_risk -= died + censored
    ceiling = float(max(ordered[-1][0], steps[-1][0]))
    result = []
    k = 0
    for q in QUANTILE_STEPS:
        while k < len(steps) and steps[k][1] < q - 1e-9:
            k += 1
        if k == len(steps):
            result.append(ceiling)
        elif abs(steps[k][1] - q) <= 1e-9 and k + 1 < len(steps) and q < 1:
            result.append((steps[k][0] + steps[k + 1][0]) / 2)
        else:
            result.append(float(steps[k][0]))
    return tuple(result)


def cdf_at(quantiles, days: float) -> float:
    """Share of invoices paid within ``days`` late, read back from the quantile grid."""
    if days < quantiles[0]:
        return 0.0
    if days >= quantiles[-1]:
        return 1.0
    k = bisect_left(quantiles, days)
    if quantiles[k] == days:
        while k + 1 < len(quantiles) and quantiles[k + 1] == days:
            k += 1  # a flat run at this value: the distribution reaches its top
        return QUANTILE_STEPS[k]
    lo, hi = quantiles[k - 1], quantiles[k]
    frac = (days - lo) / (hi - lo) if hi > lo else 1.0
    return QUANTILE_STEPS[k - 1] + frac * (QUANTILE_STEPS[k] - QUANTILE_STEPS[k - 1])


def quantile_at(quantiles, share: float) -> float:
    position = share * (len(quantiles) - 1)
    k = min(int(position), len(quantiles) - 2)
    frac = position - k
    return quantiles[k] + frac * (quantiles[k + 1] - quantiles[k])


def survival_at(quantiles, days: float) -> float:
    """Share of invoices still unpaid ``days`` after the due date (0..1)."""
    if not quantiles:
        return 0.0
    return 1.0 - cdf_at(quantiles, days)


def conditional_median(quantiles, age: int) -> float | None:
    """Median lateness among invoices still unpaid at ``age`` days past due."""
    if age < quantiles[0]:
        return quantiles[10]
    done = cdf_at(quantiles, age)
    if done >= 1.0:
        return None
    return max(float(age), quantile_at(quantiles, done + (1.0 - done) / 2))


def conditional_mean(quantiles, age: int) -> float | None:
    """Mean lateness among invoices still unpaid at ``age`` days past due."""
    start = cdf_at(quantiles, age) if age >= quantiles[0] else 0.0
    if start >= 1.0:
        return None
    total = 0.0
    last = len(quantiles) - 1
    for k in range(last):
        lo, hi = max(QUANTILE_STEPS[k], start), QUANTILE_STEPS[k + 1]
        if hi <= lo:
            continue
        # Q is linear on the step: its mean over [lo, hi] is Q at the midpoint.
        total += (hi - lo) * quantile_at(quantiles, (lo + hi) / 2)
    return max(float(age), total / (1.0 - start))


def binomial_tail(n: int, k: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    total = 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    for j in range(k, n + 1):
        total += math.exp(
            math.lgamma(n + 1)
            - math.lgamma(j + 1)
            - math.lgamma(n - j + 1)
            + j * log_p
            + (n - j) * log_q
        )
    return min(total, 1.0)
