"""Expected cash-in per week from the open book, and a walk-forward backtest of it.

Contract:

    forecast_cash(receivables_by_customer, as_of, *, promises_by_customer=None,
                  disputes_by_customer=None, profiles=None, weeks=13) -> CashForecast
    backtest_forecast(receivables_by_customer, end, *, promises_by_customer=None,
                      disputes_by_customer=None, origins=None, weeks=13) -> ForecastBacktest

How the forecast is made (nothing about invoices not issued yet: it forecasts the
collection of what is open on ``as_of``):

- Week k covers the days ``as_of + 7k`` .. ``as_of + 7k + 6``; what falls later is
  reported as ``later``. A payment expected on a Saturday or Sunday counts on the
  Monday after (banks credit on business days).
- Each open invoice is first split: the part under an open dispute is left out
  (``disputed``); the part under an open promise in force (date + grace not passed)
  is paid on the promised date with the probability that this customer keeps a
  promise, otherwise by their behaviour after the grace; the rest follows the
  customer's behaviour.
- Behaviour: the customer's recency-weighted lateness distribution
  (``PaymentProfile.lateness_quantiles``), *given* the invoice is still unpaid today,
  read as 20 equally likely payment dates, each moved to the customer's habitual
  payment day. Without a distribution (no history, or an invoice older than all of
  it) a single date: the due date, or for an overdue invoice its age plus a quarter
  (at least a week), as ``predict_payment_date`` does. An invoice in payment lands
  today.
- Keeping a promise: (kept + half the partial + 0.6 x 2) / (promises + 2), the
  customer's record shrunk towards 60 % with the weight of two promises.
- The band: each piece of an invoice lands in a week or not (a Bernoulli with its
  probability); one customer's pieces move together (their standard deviations add
  up: a payment run pays several invoices), customers are independent; low / high
  are the 10th and 90th percentiles of the weekly sum by a normal approximation,
  floored at 0.

The backtest replays history: at each origin D the ledger is cut at D (documents
issued later and settlements dated later are dropped, promises and disputes taken as
they stood), the forecast made, and compared with the payments actually dated in each
of the following weeks on the invoices open at D. WAPE = sum |forecast - actual| /
sum actual over all origin-weeks; MAPE = mean |forecast - actual| / actual over the
origin-weeks with cash. The naive baseline pays every invoice on its due date (an
overdue one this week).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ar_collections_core.backtest import disputes_as_of, promises_as_of
from ar_collections_core.ledger import PAYMENT
from ar_collections_core.profile import (
    PREDICTION_EXTRA_SHARE,
    PREDICTION_MIN_EXTRA_DAYS,
    ProfileParams,
    _habitual_day,
    compute_profile,
)
from ar_collections_core.survival import cdf_at, quantile_at

CENT = 0.005
SPREAD_POINTS = 20
PROMISE_PRIOR_KEPT = 0.6
PROMISE_PRIOR_WEIGHT = 2.0
Z_90 = 1.2816  # the 90th percentile of a standard normal


@dataclass(frozen=True, slots=True)
class WeekForecast:
    start: date
    end: date
    expected: float
    low: float  # 10th percentile
    high: float  # 90th percentile
    promised: float  # the part of ``expected`` that comes from promises


@dataclass(frozen=True, slots=True)
class CashForecast:
    as_of: date
    weeks: tuple[WeekForecast, ...]
    later: float  # expected after the horizon
    disputed: float  # under open disputes: left out
    open_amount: float  # open invoices considered (disputed included)
    invoices: int

    @property
    def total(self) -> float:
        return round(sum(w.expected for w in self.weeks), 2)

    def table(self) -> str:
        rows = [
            f"Cash-in forecast as of {self.as_of}: {self.invoices} open invoices, "
            f"{self.open_amount:,.2f} open",
            "",
            f"{'week':>4}  {'from':10}  {'to':10}{'expected':>14}{'low (p10)':>14}"
            f"{'high (p90)':>14}{'promised':>12}",
        ]
        for k, w in enumerate(self.weeks, 1):
            rows.append(
                f"{k:>4}  {w.start.isoformat():10}  {w.end.isoformat():10}{w.expected:>14,.2f}"
                f"{w.low:>14,.2f}{w.high:>14,.2f}{w.promised:>12,.2f}"
            )
        rows += [
            f"{'':4}  {'total':22}{self.total:>14,.2f}",
            f"{'':4}  {'later':22}{self.later:>14,.2f}",
            f"{'':4}  {'disputed (left out)':22}{self.disputed:>14,.2f}",
        ]
        return "\n".join(rows)


# -- the ledger as it stood ----------------------------------------------------------
def receivable_as_of(rec, day: date):
    """``rec`` as it stood at the end of ``day`` (None if issued later)."""
    if rec.invoice_date > day:
        return None
    later = [s for s in rec.settlements if s.date > day]
    if not later:
        return rec
    back = sum(s.amount for s in later if s.amount > 0)
    residual = rec.residual - back if rec.amount < 0 else rec.residual + back
    return replace(
        rec,
        residual=round(residual, 2),
        residual_currency=None,
        settlements=tuple(s for s in rec.settlements if s.date <= day),
        in_payment=False,
    )


def ledger_as_of(receivables, day: date) -> list:
    return [r for r in (receivable_as_of(x, day) for x in receivables) if r is not None]


# -- one invoice ---------------------------------------------------------------------
def keep_probability(profile) -> float:
    """The chance this customer keeps a promise (their record, shrunk to a prior)."""
    if profile is None:
        return PROMISE_PRIOR_KEPT
    kept = profile.promises_kept + 0.5 * profile.promises_partial
    made = profile.promises_kept + profile.promises_partial + profile.promises_broken
    return (kept + PROMISE_PRIOR_KEPT * PROMISE_PRIOR_WEIGHT) / (made + PROMISE_PRIOR_WEIGHT)


def payment_spread(rec, profile, not_before: date) -> list[tuple[date, float]]:
    """Equally likely full-payment dates of an open invoice, none before ``not_before``."""
    if rec.in_payment:
        return [(not_before, 1.0)]
    due = rec.due_date
    floor = (not_before - due).days
    quantiles = profile.lateness_quantiles if profile is not None else ()
    if quantiles:
        start = cdf_at(quantiles, floor - 0.5)
        if start < 1.0 - 1e-9:
            share = 1.0 / SPREAD_POINTS
            spread = []
            for j in range(SPREAD_POINTS):
                late = quantile_at(quantiles, start + (1.0 - start) * (j + 0.5) / SPREAD_POINTS)
                day = max(due + timedelta(days=round(late)), not_before)
                spread.append((_habitual_day(day, profile, not_before), share))
            return spread
    if floor <= 0:
        return [(max(due, not_before), 1.0)]
    extra = max(PREDICTION_MIN_EXTRA_DAYS, PREDICTION_EXTRA_SHARE * floor)
    return [(not_before + timedelta(days=round(extra)), 1.0)]


# -- the forecast --------------------------------------------------------------------
class _Weeks:
    """Accumulates expected amounts and variances per week.

    One customer's invoices tend to be paid together (one payment run), so their
    standard deviations add up within a customer (perfect correlation); customers are
    independent of each other, so their variances add up.
    """

    def __init__(self, as_of: date, weeks: int):
        self.as_of, self.count = as_of, weeks
        self.expected = [0.0] * weeks
        self.variance = [0.0] * weeks
        self.customer_sigma = [0.0] * weeks
        self.promised = [0.0] * weeks
        self.later = 0.0

    def end_customer(self) -> None:
        for k, sigma in enumerate(self.customer_sigma):
            self.variance[k] += sigma * sigma
            self.customer_sigma[k] = 0.0

    def add(self, amount: float, spread, promised_day: date | None = None) -> None:
        """``spread``: (date, probability) pairs; the one on ``promised_day`` (the
        promise kept) also counts as promised cash."""
        shares = {}
        for day, share in spread:
            k = min((_bank_day(day) - self.as_of).days // 7, self.count)
            shares[k] = shares.get(k, 0.0) + share
            if day == promised_day and k < self.count:
                self.promised[k] += amount * share
        for k, p in shares.items():
            p = min(p, 1.0)  # twenty shares of 0.05 can add up to 1 + 2e-16
            if k == self.count:
                self.later += amount * p
                continue
            self.expected[k] += amount * p
            self.customer_sigma[k] += amount * math.sqrt(p * (1.0 - p))

    def result(self) -> tuple[WeekForecast, ...]:
        out = []
        for k in range(self.count):
            start = self.as_of + timedelta(days=7 * k)
            mean, sigma = self.expected[k], math.sqrt(self.variance[k])
            out.append(
                WeekForecast(
                    start=start,
                    end=start + timedelta(days=6),
                    expected=round(mean, 2),
                    low=round(max(0.0, mean - Z_90 * sigma), 2),
                    high=round(mean + Z_90 * sigma, 2),
                    promised=round(self.promised[k], 2),
                )
            )
        return tuple(out)


def _bank_day(day: date) -> date:
    """Money reaches the bank on a business day: a weekend date counts on Monday."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _allocate(amount: float, invoices, available: dict) -> dict:
    """Spread ``amount`` over ``invoices`` (due-date order) up to what each has left."""
    taken = {}
    for rec in sorted(invoices, key=lambda r: (r.due_date, str(r.id))):
        if amount <= CENT:
            break
        part = min(amount, available.get(rec.id, 0.0))
        if part > CENT:
            taken[rec.id] = part
            available[rec.id] -= part
            amount -= part
    return taken


def _covered(record, invoices):
    if not record.invoice_ids:
        return invoices
    ids = set(record.invoice_ids)
    return [r for r in invoices if r.id in ids]


def forecast_cash(
    receivables_by_customer,
    as_of: date,
    *,
    promises_by_customer=None,
    disputes_by_customer=None,
    profiles=None,
    weeks: int = 13,
    params: ProfileParams | None = None,
) -> CashForecast:
    """Expected cash-in per week for ``weeks`` weeks (see the module notes).

    ``receivables_by_customer`` maps a customer key to all its documents (history
    included: the profile is computed from them unless ``profiles`` gives it); the
    ledger is read as it stood on ``as_of``.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    params = params or ProfileParams()
    promises_by_customer = promises_by_customer or {}
    disputes_by_customer = disputes_by_customer or {}
    profiles = profiles or {}
    grace = timedelta(days=params.promise_grace_days)
    acc = _Weeks(as_of, weeks)
    disputed = open_amount = 0.0
    count = 0
    for key, documents in receivables_by_customer.items():
        ledger = ledger_as_of(documents, as_of)
        invoices = [r for r in ledger if not r.is_credit_note and r.residual > CENT]
        if not invoices:
            continue
        promises = promises_as_of(
            promises_by_customer.get(key, ()), as_of, params.promise_grace_days
        )
        profile = profiles.get(key) or compute_profile(
            ledger, as_of, promises=promises, params=params
        )
        left = {r.id: r.residual for r in invoices}
        open_amount += sum(left.values())
        count += len(invoices)
        for dispute in disputes_as_of(disputes_by_customer.get(key, ()), as_of):
            if dispute.state == "open":
                taken = _allocate(dispute.amount, _covered(dispute, invoices), left)
                disputed += sum(taken.values())
        keep = keep_probability(profile)
        by_id = {r.id: r for r in invoices}
        for promise in promises:
            if promise.state != "open" or promise.promised_date + grace < as_of:
                continue
            end = promise.promised_date + grace + timedelta(days=1)
            for invoice_id, part in _allocate(
                promise.amount, _covered(promise, invoices), left
            ).items():
                kept_on = max(promise.promised_date, as_of)
                later = payment_spread(by_id[invoice_id], profile, end)
                spread = [(kept_on, keep), *((d, s * (1.0 - keep)) for d, s in later)]
                acc.add(part, spread, promised_day=kept_on)
        for rec in invoices:
            if left[rec.id] > CENT:
                acc.add(left[rec.id], payment_spread(rec, profile, as_of))
        acc.end_customer()
    return CashForecast(
        as_of=as_of,
        weeks=acc.result(),
        later=round(acc.later, 2),
        disputed=round(disputed, 2),
        open_amount=round(open_amount, 2),
        invoices=count,
    )


# -- the backtest --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ForecastErrors:
    weeks: int  # origin-weeks compared
    actual: float
    forecast: float
    wape: float | None  # sum |F - A| / sum A
    mape: float | None  # mean |F - A| / A over the weeks with cash
    mape_weeks: int

    @classmethod
    def of(cls, pairs):
        pairs = list(pairs)
        actual = sum(a for _f, a in pairs)
        with_cash = [(f, a) for f, a in pairs if a > CENT]
        return cls(
            weeks=len(pairs),
            actual=round(actual, 2),
            forecast=round(sum(f for f, _a in pairs), 2),
            wape=sum(abs(f - a) for f, a in pairs) / actual if actual > CENT else None,
            mape=sum(abs(f - a) / a for f, a in with_cash) / len(with_cash) if with_cash else None,
            mape_weeks=len(with_cash),
        )


@dataclass(frozen=True, slots=True)
class ForecastBacktest:
    origins: tuple[date, ...]
    weeks: int
    model: ForecastErrors
    baseline: ForecastErrors  # every invoice paid on its due date (overdue: this week)
    by_horizon: tuple[tuple[int, float | None, float | None], ...]  # (week, model, baseline WAPE)
    band_coverage: float | None  # share of origin-weeks whose actual fell in [low, high]
    total_error: float | None  # mean |sum F - sum A| / sum A over the whole horizon

    def table(self) -> str:
        first, last = self.origins[0], self.origins[-1]
        rows = [
            f"Cash forecast backtest: {len(self.origins)} origins from {first} to {last}, "
            f"{self.weeks} weeks each ({self.model.weeks} origin-weeks, "
            f"{self.model.actual:,.0f} collected)",
            "",
            f"{'':34}{'model':>10}{'due date':>10}",
            f"{'weekly WAPE':34}{_pct(self.model.wape):>10}{_pct(self.baseline.wape):>10}",
            f"{'weekly MAPE':34}{_pct(self.model.mape):>10}{_pct(self.baseline.mape):>10}",
            f"{'13-week total, mean abs error':34}{_pct(self.total_error):>10}",
            f"{'actual inside the p10-p90 band':34}{_pct(self.band_coverage):>10}",
            "",
            f"{'WAPE by week ahead':34}{'model':>10}{'due date':>10}",
        ]
        for week, model, baseline in self.by_horizon:
            rows.append(f"{'week ' + str(week):34}{_pct(model):>10}{_pct(baseline):>10}")
        return "\n".join(rows)


def _pct(value) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def default_origins(receivables_by_customer, end: date, weeks: int = 13, count: int = 12,
                    step_days: int = 28, min_history_days: int = 180) -> list[date]:  # fmt: skip
    """``count`` origins ``step_days`` apart, the last one ``weeks`` weeks before ``end``
    (so every week has its actual), none before ``min_history_days`` of history."""
    firsts = [r.invoice_date for docs in receivables_by_customer.values() for r in docs]
    if not firsts:
        return []
    earliest = min(firsts) + timedelta(days=min_history_days)
    last = end - timedelta(days=7 * weeks)
    origins = [last - timedelta(days=step_days * i) for i in range(count)]
    return sorted(d for d in origins if d >= earliest)


def actual_cash_by_week(receivables_by_customer, origin: date, weeks: int) -> list[float]:
    """Payments dated in each week after ``origin`` on the invoices issued by then."""
    totals = [0.0] * weeks
    for documents in receivables_by_customer.values():
        for rec in documents:
            if rec.invoice_date > origin or rec.amount <= 0:
                continue
            for s in rec.settlements:
                if s.kind == PAYMENT and s.amount > 0 and s.date >= origin:
                    k = (s.date - origin).days // 7
                    if k < weeks:
                        totals[k] += s.amount
    return totals


def _due_date_forecast(receivables_by_customer, origin: date, weeks: int) -> list[float]:
    totals = [0.0] * weeks
    for documents in receivables_by_customer.values():
        for rec in ledger_as_of(documents, origin):
            if rec.is_credit_note or rec.residual <= CENT:
                continue
            k = max((rec.due_date - origin).days, 0) // 7
            if k < weeks:
                totals[k] += rec.residual
    return totals


def backtest_forecast(
    receivables_by_customer,
    end: date,
    *,
    promises_by_customer=None,
    disputes_by_customer=None,
    origins=None,
    weeks: int = 13,
    params: ProfileParams | None = None,
) -> ForecastBacktest:
    """Walk-forward error of ``forecast_cash`` on a history ending on ``end``."""
    if origins is None:
        origins = default_origins(receivables_by_customer, end, weeks)
    origins = sorted(origins)
    if not origins:
        raise ValueError("no origin to backtest from: the history is too short")
    if origins[-1] + timedelta(days=7 * weeks - 1) > end:
        raise ValueError(f"origin {origins[-1]} is too late: its {weeks} weeks pass {end}")
    model_pairs, baseline_pairs, totals = [], [], []
    horizon = [([], []) for _ in range(weeks)]
    inside = 0
    for origin in origins:
        result = forecast_cash(
            receivables_by_customer,
            origin,
            promises_by_customer=promises_by_customer,
            disputes_by_customer=disputes_by_customer,
            weeks=weeks,
            params=params,
        )
        actual = actual_cash_by_week(receivables_by_customer, origin, weeks)
        naive = _due_date_forecast(receivables_by_customer, origin, weeks)
        for k, week in enumerate(result.weeks):
            model_pairs.append((week.expected, actual[k]))
            baseline_pairs.append((naive[k], actual[k]))
            horizon[k][0].append((week.expected, actual[k]))
            horizon[k][1].append((naive[k], actual[k]))
            inside += week.low <= actual[k] <= week.high
        if sum(actual) > CENT:
            totals.append(abs(result.total - sum(actual)) / sum(actual))
    return ForecastBacktest(
        origins=tuple(origins),
        weeks=weeks,
        model=ForecastErrors.of(model_pairs),
        baseline=ForecastErrors.of(baseline_pairs),
        by_horizon=tuple(
            (k + 1, ForecastErrors.of(m).wape, ForecastErrors.of(b).wape)
            for k, (m, b) in enumerate(horizon)
        ),
        band_coverage=inside / len(model_pairs) if model_pairs else None,
        total_error=sum(totals) / len(totals) if totals else None,
    )
