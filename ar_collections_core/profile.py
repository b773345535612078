"""A customer's payment profile: how they pay, computed from their own history.

Contract (implemented in this module):

    compute_profile(receivables, today, *, promises=(), params=ProfileParams())
        -> PaymentProfile
    predict_payment_date(receivable, profile, today) -> date

``receivables`` holds every posted invoice and credit note of one commercial
customer (open and settled). A customer without history gets neutral values and
``has_history=False``.

How the figures are counted (all amounts in company currency):

- The profile is computed *as of* ``today``: documents issued later and settlements
  dated later are ignored, and their amounts are added back to the open residual. The
  backtest relies on this to replay history.
- Every posted invoice counts, including those excluded from follow-up (they are
  owed and paid like the others). Only *payments* are payment behaviour. A credit-note
  offset reduces what the customer owed but says nothing about when they pay: it is
  left out of every lateness figure (neither weight nor days). An invoice settled by
  credit notes only is counted in ``invoices_credited`` and nowhere else. Settlements
  with a zero or negative amount (reversals) and zero-amount documents are ignored.
- ``weighted_days_late``: sum of payment amount x (payment date - due date) over
  payments, divided by the amount paid; early payments count negative. Still-open
  overdue amounts count too, at max(days overdue, the paid-history figure): an invoice
  unpaid for 200 days is at least 200 days late, and never evidence of paying *better*.
- Per-invoice lateness is the date an invoice was *fully* paid minus its due date.
  ``typical_days_late`` (median) and ``p90_days_late`` come from a Kaplan-Meier
  estimate in which open invoices are censored at their current age, so a very old
  unpaid invoice pushes them up instead of being ignored. ``worst_days_late`` is the
  maximum of settled lateness and the oldest overdue age.
- ``on_time_rate``: share of the matured amount (payments, plus open overdue amounts)
  paid within ``on_time_tolerance_days`` of the due date.
- Trend: weighted days late of invoices *due* within the last ``recent_months``
  against those due before. Censoring matters here: of the invoices due last month
  only the quickly paid ones are settled yet, and counting only them would report a
  false improvement; so a still-open amount counts at the mean lateness of this
  customer's invoices that stayed open as long (at least its age), and always in the
  recent window: not paying today is recent behaviour, however old the due date. 0
  unless both windows hold ``min_trend_invoices`` invoices that were paid or are
  overdue.
- Habits: over the last ``habit_payments`` payments, a weekday (or day of month, +/-2
  days) is "clear" when at least ``habit_min_payments`` payments exist, at least half
  of them fall on it, and a binomial test against random days (1/5 business days,
  5/31 for a day-of-month window, Bonferroni-corrected for the candidates tried)
  gives p < ``habit_significance``.
- Prediction uses ``lateness_quantiles``: the same Kaplan-Meier estimate with
  recency weights (half-life ``recency_half_life_days``), so a worsening or improving
  trend moves the predicted dates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.ledger import PAYMENT
from ar_collections_core.survival import (
    binomial_tail,
    conditional_mean,
    conditional_median,
    kaplan_meier_quantiles,
)

CENT = 0.005
PREDICTION_MIN_EXTRA_DAYS = 7  # an invoice older than all history: at least a week more
PREDICTION_EXTRA_SHARE = 0.25  # ... or a quarter of its age, whichever is longer


@dataclass(frozen=True, slots=True)
class ProfileParams:
    recent_months: int = 6  # the trend compares this window with what came before
    on_time_tolerance_days: int = 0  # paid up to this many days late still counts on time
    min_trend_invoices: int = 2  # per window, for a trend to be reported
    habit_payments: int = 24  # habits are read from this many most recent payments
    habit_min_payments: int = 6
    habit_significance: float = 0.01
    recency_half_life_days: int = 180  # weight of an invoice in the prediction halves
    promise_grace_days: int = 3  # an open promise this late without payment is broken


@dataclass(frozen=True, slots=True)
class PaymentProfile:
    as_of: date
    has_history: bool
    invoices_settled: int  # invoices fully settled, used for the statistics below
    amount_settled: float
    weighted_days_late: float  # amount-weighted mean days between due date and payment
    typical_days_late: float  # median per invoice; an open one counts as "at least its age"
    p90_days_late: float
    worst_days_late: int  # settled or still open; 0 when never late
    on_time_rate: float  # 0..1, share of the matured amount (paid or overdue) paid on time
    avg_days_to_pay: float  # from invoice date to payment, amount-weighted
    recent_days_late: float | None  # weighted days late of invoices due in the recent window
    prior_days_late: float | None  # the same for invoices due before the recent window
    trend_days: float  # recent minus prior: > 0 means paying later than before
    partial_payment_rate: float  # share of settled invoices paid in several parts
    usual_payment_weekday: int | None  # 0 = Monday, when a clear habit exists
    usual_payment_day: int | None  # day of month, when a clear habit exists
    open_amount: float  # open invoices minus open credit notes, company currency
    overdue_amount: float
    open_count: int
    overdue_count: int
    oldest_overdue_days: int
    open_credit_amount: float  # unapplied credit notes the customer could offset (> 0)
    first_invoice_date: date | None
    tenure_days: int
    # Added fields (defaults keep older callers working).
    invoices_credited: int = 0  # settled by credit notes only: no payment behaviour
    open_credit_count: int = 0
    expected_days_late: float = 0.0  # recency-weighted median, used for prediction
    lateness_quantiles: tuple[float, ...] = ()  # recency-weighted, 0%..100% by 5%
    typical_partial_gap_days: float | None = None  # first to last payment, partial payers
    promises_kept: int = 0
    promises_partial: int = 0
    promises_broken: int = 0  # including open promises past date + grace, unpaid
    promised_dates: tuple[tuple[int | str, date], ...] = ()  # open promise per invoice

    @property
    def promise_kept_rate(self) -> float | None:
        """Kept / (kept + broken), a partial counting half; None without any."""
        total = self.promises_kept + self.promises_partial + self.promises_broken
        if not total:
            return None
        return (self.promises_kept + 0.5 * self.promises_partial) / total

    def promised_date(self, invoice_id) -> date | None:
        for key, day in self.promised_dates:
            if key == invoice_id:
                return day
        return None


def compute_profile(receivables, today: date, *, promises=(), params=ProfileParams()):
    """The payment profile of one customer as of ``today`` (see the module notes)."""
    tolerance = params.on_time_tolerance_days
    recent_start = _months_before(today, params.recent_months)
    decay = math.log(2) / max(params.recency_half_life_days, 1)
    today_ord = today.toordinal()

    paid_amount = paid_weighted = on_time_amount = to_pay_weighted = 0.0
    observations = []  # (days late, is paid (else still open), recency weight)
    windows = []  # per invoice: (due recently, paid x days, paid, open residual, age)
    overdue_open = []  # (age, residual)
    payment_dates = []
    gaps = []
    invoices_settled = invoices_credited = partial = with_payment = 0
    amount_settled = 0.0
    open_amount = overdue_amount = open_credit = 0.0
    open_count = overdue_count = oldest_overdue = open_credit_count = 0
    worst = 0
    first_invoice = None
    outcome = {} if promises else None  # invoice id -> (open, last payment date)

    for rec in receivables:
        amount = rec.amount
        if rec.invoice_date > today or -CENT < amount < CENT:
            continue
        residual = rec.residual
        if amount < 0 or rec.is_credit_note:
            later = sum(s.amount for s in rec.settlements if s.date > today)
            residual = residual - later if residual <= 0 else residual + later
            if abs(residual) > CENT:
                open_credit += abs(residual)
                open_credit_count += 1
            continue
        if first_invoice is None or rec.invoice_date < first_invoice:
            first_invoice = rec.invoice_date
        due = rec.due_date
        due_ord = due.toordinal()
        n_pay = 0
        paid_here = paid_days_here = 0.0
        first_pay = last_pay = None
        credited = False
        for s in rec.settlements:
            if s.date > today:
                residual += s.amount
                continue
            if s.kind != PAYMENT:
                credited = True
                continue
            if s.amount <= 0:
                continue
            days = s.date.toordinal() - due_ord
            amt = s.amount
            paid_amount += amt
            paid_weighted += amt * days
            paid_here += amt
            paid_days_here += amt * days
            if days <= tolerance:
                on_time_amount += amt
            to_pay_weighted += amt * (s.date - rec.invoice_date).days
            payment_dates.append(s.date)
            n_pay += 1
            if first_pay is None or s.date < first_pay:
                first_pay = s.date
            if last_pay is None or s.date > last_pay:
                last_pay = s.date
        weight = math.exp(-decay * max(today_ord - due_ord, 0))
        is_open = residual > CENT
        if n_pay:
            with_payment += 1
            if n_pay > 1 or is_open:
                partial += 1
        if is_open:
            open_amount += residual
            open_count += 1
            # In payment: paid, waiting to be matched: neither overdue nor lateness.
            if not rec.in_payment:
                age = today_ord - due_ord
                observations.append((age, False, weight))
                if age > 0:
                    overdue_amount += residual
                    overdue_count += 1
                    oldest_overdue = max(oldest_overdue, age)
                    overdue_open.append((age, residual))
        elif n_pay:
            days = last_pay.toordinal() - due_ord
            observations.append((days, True, weight))
            worst = max(worst, days)
            invoices_settled += 1
            amount_settled += amount
            if n_pay > 1:
                gaps.append((last_pay - first_pay).days)
        elif credited:
            invoices_credited += 1
        if n_pay or (is_open and not rec.in_payment):
            open_part = residual if is_open and not rec.in_payment else 0.0
            age = today_ord - due_ord
            windows.append((due >= recent_start, paid_days_here, paid_here, open_part, age))
        if outcome is not None:
            outcome[rec.id] = (is_open, last_pay)

    settled_mean = paid_weighted / paid_amount if paid_amount else 0.0
    matured = paid_amount
    weighted = paid_weighted
    for age, residual in overdue_open:
        days = max(age, settled_mean) if paid_amount else age
        weighted += residual * days
        matured += residual
        if days <= tolerance:
            on_time_amount += residual

    has_history = bool(matured)
    plain = kaplan_meier_quantiles([(d, paid, 1.0) for d, paid, _w in observations])
    by_recency = kaplan_meier_quantiles(observations)
    recent_late, recent_seen = _window_lateness(windows, True, plain)
    prior_late, prior_seen = _window_lateness(windows, False, plain)
    trend = 0.0
    if min(recent_seen, prior_seen) >= params.min_trend_invoices:
        trend = recent_late - prior_late
    weekday, month_day = _habits(payment_dates, params)
    kept, part, broken, promised = _promise_record(promises, today, outcome, params)
    return PaymentProfile(
        as_of=today,
        has_history=has_history,
        invoices_settled=invoices_settled,
        amount_settled=round(amount_settled, 2),
        weighted_days_late=round(weighted / matured, 1) if matured else 0.0,
        typical_days_late=plain[10] if plain else 0.0,
        p90_days_late=plain[18] if plain else 0.0,
        worst_days_late=max(worst, oldest_overdue),
        on_time_rate=round(on_time_amount / matured, 4) if matured else 1.0,
        avg_days_to_pay=round(to_pay_weighted / paid_amount, 1) if paid_amount else 0.0,
        recent_days_late=None if recent_late is None else round(recent_late, 1),
        prior_days_late=None if prior_late is None else round(prior_late, 1),
        trend_days=round(trend, 1),
        partial_payment_rate=round(partial / with_payment, 4) if with_payment else 0.0,
        usual_payment_weekday=weekday,
        usual_payment_day=month_day,
        open_amount=round(open_amount - open_credit, 2),
        overdue_amount=round(overdue_amount, 2),
        open_count=open_count,
        overdue_count=overdue_count,
        oldest_overdue_days=oldest_overdue,
        open_credit_amount=round(open_credit, 2),
        first_invoice_date=first_invoice,
        tenure_days=(today - first_invoice).days if first_invoice else 0,
        invoices_credited=invoices_credited,
        open_credit_count=open_credit_count,
        expected_days_late=by_recency[10] if by_recency else 0.0,
        lateness_quantiles=by_recency,
        typical_partial_gap_days=_median(gaps),
        promises_kept=kept,
        promises_partial=part,
        promises_broken=broken,
        promised_dates=promised,
    )


def predict_payment_date(receivable, profile: PaymentProfile, today: date) -> date:
    """When this receivable will most likely be fully paid, by this customer's habits.

    A settled one returns its last settlement date. For an open invoice: an open
    promise on it (if the customer keeps at least half of their promises, otherwise the
    later of the promise and the behaviour); else the median of the customer's
    recency-weighted lateness *given* the invoice is already as late as it is; pushed
    back to the first payment plus the usual gap for a partly paid invoice; moved to
    the nearest habitual payment day; never before ``today``.
    """
    rec = receivable
    if not rec.is_open:
        dates = [s.date for s in rec.settlements]
        return max(dates) if dates else rec.due_date
    if rec.is_credit_note:
        return max(today, rec.due_date)
    if rec.in_payment:
        return today
    age = (today - rec.due_date).days
    # Without history the due date is the neutral guess; once an invoice is later than
    # anything seen (or overdue with no history), at least a week more.
    lateness = _expected_lateness(profile.lateness_quantiles, age)
    payments = [s.date for s in rec.settlements if s.kind == PAYMENT and s.date <= today]
    if payments and profile.typical_partial_gap_days is not None:
        partial_end = (min(payments) - rec.due_date).days + profile.typical_partial_gap_days
        lateness = max(lateness, partial_end)
    predicted = _habitual_day(rec.due_date + timedelta(days=round(lateness)), profile, today)
    promised = profile.promised_date(rec.id)
    if promised is not None and promised >= today:
        kept_rate = profile.promise_kept_rate
        predicted = promised if kept_rate is None or kept_rate >= 0.5 else max(promised, predicted)
    return max(predicted, today)


# -- helpers ---------------------------------------------------------------------------


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _median(values):
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def _window_lateness(windows, recent: bool, quantiles):
    """(amount-weighted days late, informative invoices) of one window.

    Paid amounts count at their payment date, in the window of their due date; a
    still-open amount counts in the recent window, at the mean
    lateness of the customer's invoices that stayed open that long (never below its
    age), so that young invoices are neither ignored nor taken as paid.
    """
    weighted = amount = 0.0
    seen = 0
    for due_recently, paid_days, paid, open_part, age in windows:
        if due_recently == recent:
            weighted += paid_days
            amount += paid
            seen += bool(paid)
        if open_part and recent:  # not paying today is recent behaviour, however old the due
            weighted += open_part * _expected_mean_lateness(quantiles, age)
            amount += open_part
            seen += not paid and age > 0
    return (weighted / amount if amount else None), seen


def _expected_mean_lateness(quantiles, age: int) -> float:
    """Mean final lateness of an invoice still open ``age`` days after its due date."""
    if quantiles:
        lateness = conditional_mean(quantiles, age)
        if lateness is not None:
            return lateness
    return _expected_lateness(quantiles, age)


def _expected_lateness(quantiles, age: int) -> float:
    """Median final lateness of an invoice still open ``age`` days after its due date."""
    if quantiles:
        lateness = conditional_median(quantiles, age)
        if lateness is not None:
            return lateness
    if age <= 0:
        return 0.0 if not quantiles else quantiles[10]
    return age + max(PREDICTION_MIN_EXTRA_DAYS, PREDICTION_EXTRA_SHARE * age)


def _habits(payment_dates, params: ProfileParams):
    """(weekday, day of month) of a clear payment habit, each None when there is none."""
    if len(payment_dates) < params.habit_min_payments:
        return None, None
    latest = sorted(payment_dates)[-params.habit_payments :]
    n = len(latest)
    weekday_counts = [0] * 7
    day_counts = [0] * 32
    for d in latest:
        weekday_counts[d.weekday()] += 1
        day_counts[d.day] += 1
    weekday = None
    top = max(range(7), key=weekday_counts.__getitem__)
    if _is_clear(weekday_counts[top], n, 1 / 5, 5, params):
        weekday = top
    month_day = None
    window = [
        (sum(day_counts[((c - 1 + off) % 31) + 1] for off in range(-2, 3)), day_counts[c], c)
        for c in range(1, 32)
    ]
    hits, _center_hits, center = max(window)
    if _is_clear(hits, n, 5 / 31, 31, params):
        month_day = center
    return weekday, month_day


def _is_clear(hits: int, n: int, chance: float, candidates: int, params) -> bool:
    return hits * 2 >= n and binomial_tail(n, hits, chance) * candidates < params.habit_significance


def _habitual_day(day: date, profile: PaymentProfile, today: date) -> date:
    """The habitual payment day nearest ``day`` (not before today), or ``day``."""
    if profile.usual_payment_day is not None:
        candidates = []
        for months in (-1, 0, 1):
            index = day.year * 12 + day.month - 1 + months
            year, month = divmod(index, 12)
            month += 1
            dom = min(profile.usual_payment_day, _days_in_month(year, month))
            candidates.append(date(year, month, dom))
    elif profile.usual_payment_weekday is not None:
        shift = (profile.usual_payment_weekday - day.weekday()) % 7
        candidates = [day + timedelta(days=shift), day + timedelta(days=shift - 7)]
    else:
        return day
    candidates = [c for c in candidates if c >= today] or [day]
    return min(candidates, key=lambda c: (abs((c - day).days), c))


def _promise_record(promises, today: date, outcome, params: ProfileParams):
    """(kept, partial, broken, open promised dates by invoice) as of ``today``.

    An open promise past its date + grace counts as kept when all its invoices were
    paid by then, otherwise as broken; a still-running one gives its invoices a date.
    """
    kept = partial = broken = 0
    promised = {}
    grace = timedelta(days=params.promise_grace_days)
    for promise in promises:
        if promise.created is not None and promise.created > today:
            continue
        state = promise.state
        if state == "open" and promise.promised_date + grace < today:
            deadline = promise.promised_date + grace
            fates = [outcome.get(i) for i in promise.invoice_ids if outcome.get(i)]
            paid = fates and all(
                not is_open and last is not None and last <= deadline for is_open, last in fates
            )
            state = "kept" if paid else "broken"
        if state == "kept":
            kept += 1
        elif state == "partial":
            partial += 1
        elif state == "broken":
            broken += 1
        elif state == "open":
            for invoice_id in promise.invoice_ids:
                current = promised.get(invoice_id)
                if current is None or promise.promised_date < current:
                    promised[invoice_id] = promise.promised_date
    return kept, partial, broken, tuple(promised.items())
