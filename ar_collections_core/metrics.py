"""Collections metrics with the standard formulas, from plain data.

Every function takes plain numbers or the small records below, so the Odoo side can
feed the same functions from SQL aggregates and the simulator from its own state.
Amounts are in the company currency; dates are ``datetime.date``.

Formulas (see /work/shared/DOMAIN.md and docs/SIMULATOR.md):

- DSO, countback: walk back month by month from the period end, subtracting each
  month's credit sales from AR; full months count their days, the last one pro rata
  (AR 212k, monthly sales 100k, 80k, 70k with 30-day months -> 73.7 days). When AR
  is larger than all the sales given, what is left counts at the average daily sales
  of those months (as if earlier months sold alike).
- DSO, simple = AR / credit sales x days in the period.
- Best possible DSO = current (not yet due) AR / credit sales x days.
- ADD (average days delinquent) = DSO - best possible DSO; ``dso_report`` uses the
  simple DSO so that both share one denominator.
- CEI = (opening AR + credit sales - closing total AR) /
  (opening AR + credit sales - closing current AR) x 100.
- AR is net: open invoices minus unapplied credit notes. Aging buckets hold open
  invoices by days past due; unapplied credits are shown apart.
- Promise-kept rate = (kept + 0.5 x partial) / (kept + partial + broken): a partly
  kept promise counts half, as in ``PaymentProfile.promise_kept_rate``. An ``open``
  promise past its date + grace counts as broken (whoever records promises closes
  the kept ones); open, cancelled and superseded promises are left out of the rate.
- Reply rate = chasing contacts answered by a person (auto-replies do not count) /
  chasing contacts. Promise-to-pay conversion = chasing contacts answered with a
  promise to pay / chasing contacts.
- Share of cases resolved without a person = closed cases no person worked on /
  closed cases.
- Cash collected = payments dated in the period; cash recovered = the part of them
  that paid invoices already past due. Contacts per unit of cash = contacts /
  (cash recovered / unit), unit 1,000 by default.
- Reminders avoided: a day on which a classic follow-up level fell due on an invoice
  (days past due in ``levels``) and the agent held it back because it was paid or in
  payment, disputed, promised, or its customer a reliable payer within grace; one
  per customer, day and reason (a follow-up sends one message per customer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.ledger import PAYMENT, Receivable

CENT = 0.005
AGING_BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
AVOIDED_REASONS = ("paid", "disputed", "promised", "reliable")
FOLLOWUP_LEVELS = (1, 15, 30, 45)  # days past due of a classic fixed schedule


# -- inputs --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MonthSales:
    """Credit sales of one calendar month (or its first ``days`` days for the current one)."""

    month_start: date
    days: int
    sales: float


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """One message or call to a customer, with what came back."""

    customer_key: int | str
    day: date
    channel: str = "email"  # email | phone | letter | sms
    chasing: bool = True  # a reminder or statement (not a confirmation)
    by_person: bool = False  # sent or placed by a person rather than the agent
    replied: bool = False  # a person answered (an auto-reply is not an answer)
    auto_reply: bool = False  # out of office and other automatic answers
    reply_intents: tuple[str, ...] = ()  # promise_to_pay, dispute, paid_already, ...


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One collection case: a customer's overdue episode, from first overdue to cleared."""

    customer_key: int | str
    opened: date
    closed: date | None = None  # None while something is still overdue
    person_involved: bool = False  # escalated, called or approved by a person


@dataclass(frozen=True, slots=True)
class Hold:
    """An invoice the agent left alone on a day, and why (one of AVOIDED_REASONS)."""

    customer_key: int | str
    invoice_id: int | str
    due_date: date
    day: date
    reason: str


@dataclass(frozen=True, slots=True)
class ArBalance:
    total: float  # open invoices minus unapplied credits
    current: float  # open invoices not yet due, minus unapplied credits
    overdue: float


@dataclass(frozen=True, slots=True)
class Aging:
    buckets: tuple[tuple[str, float], ...]  # (bucket, open amount), AGING_BUCKETS order
    unapplied_credits: float  # open credit notes, > 0

    @property
    def total(self) -> float:
        return round(sum(a for _b, a in self.buckets) - self.unapplied_credits, 2)

    def amount(self, bucket: str) -> float:
        return dict(self.buckets)[bucket]


@dataclass(frozen=True, slots=True)
class PromiseStats:
    kept: int
    partial: int
    broken: int
    open: int
    cancelled: int
    superseded: int = 0  # replaced by a newer promise: history, not a result

    @property
    def kept_rate(self) -> float | None:
        decided = self.kept + self.partial + self.broken
        return (self.kept + 0.5 * self.partial) / decided if decided else None


@dataclass(frozen=True, slots=True)
class DsoReport:
    period_end: date
    days: int
    credit_sales: float
    ar: ArBalance
    dso_countback: float | None
    dso_simple: float | None
    best_possible_dso: float | None
    average_days_delinquent: float | None


# -- DSO, CEI ------------------------------------------------------------------------
def _pair(month) -> tuple[float, int]:
    if isinstance(month, MonthSales):
        return month.sales, month.days
    sales, days = month
    return sales, days


def dso_countback(ar: float, months: Sequence) -> float | None:
    """Countback DSO; ``months`` most recent first, as MonthSales or (sales, days)."""
    if ar <= CENT:
        return 0.0
    pairs = [_pair(m) for m in months]
    remaining, days = ar, 0.0
    for sales, month_days in pairs:
        sales = max(sales, 0.0)
        if remaining <= sales:
            return round(days + remaining / sales * month_days, 1)
        days += month_days
        remaining -= sales
    total_sales = sum(max(s, 0.0) for s, _d in pairs)
    total_days = sum(d for _s, d in pairs)
    if total_sales <= CENT or not total_days:
        return None
    return round(days + remaining / (total_sales / total_days), 1)


def dso_simple(ar: float, credit_sales: float, days: int) -> float | None:
    if credit_sales <= CENT:
        return None
    return round(ar / credit_sales * days, 1)


def best_possible_dso(current_ar: float, credit_sales: float, days: int) -> float | None:
    return dso_simple(current_ar, credit_sales, days)


def average_days_delinquent(dso: float | None, best_possible: float | None) -> float | None:
    if dso is None or best_possible is None:
        return None
    return round(dso - best_possible, 1)


def cei(
    opening_ar: float, credit_sales: float, closing_ar: float, closing_current_ar: float
) -> float | None:
    """Collection effectiveness index, percent (> 80 good, > 90 excellent)."""
    denominator = opening_ar + credit_sales - closing_current_ar
    if denominator <= CENT:
        return None
    return round((opening_ar + credit_sales - closing_ar) / denominator * 100, 1)


# -- from receivables ----------------------------------------------------------------
def residual_as_of(rec: Receivable, day: date) -> float:
    """What was open at the end of ``day``: the residual plus what was applied later
    (0 for a document issued later)."""
    if rec.invoice_date > day:
        return 0.0
    later = sum(s.amount for s in rec.settlements if s.date > day and s.amount > 0)
    if rec.amount < 0:
        return min(rec.residual - later, 0.0)
    return max(rec.residual + later, 0.0)


def ar_balance(receivables: Iterable[Receivable], day: date) -> ArBalance:
    """Net AR at the end of ``day``, reconstructed from the settlements."""
    total = current = 0.0
    for rec in receivables:
        open_amount = residual_as_of(rec, day)
        total += open_amount
        if open_amount < 0 or rec.due_date >= day:
            current += open_amount
    return ArBalance(round(total, 2), round(current, 2), round(total - current, 2))


def aging(receivables: Iterable[Receivable], day: date) -> Aging:
    """Open invoices by days past due on ``day``: current, 1-30, 31-60, 61-90, 90+."""
    amounts = dict.fromkeys(AGING_BUCKETS, 0.0)
    credits = 0.0
    for rec in receivables:
        open_amount = residual_as_of(rec, day)
        if open_amount < 0:
            credits -= open_amount
            continue
        if open_amount <= CENT:
            continue
        late = (day - rec.due_date).days
        bucket = (
            "current"
            if late <= 0
            else "1-30"
            if late <= 30
            else "31-60"
            if late <= 60
            else "61-90"
            if late <= 90
            else "90+"
        )
        amounts[bucket] += open_amount
    return Aging(tuple((b, round(a, 2)) for b, a in amounts.items()), round(credits, 2))


def monthly_credit_sales(
    receivables: Iterable[Receivable], period_end: date, months: int = 3
) -> list[MonthSales]:
    """Net credit sales (invoices minus credit notes) per calendar month, most recent
    first; the period end's month counts up to ``period_end`` only."""
    starts = []
    year, month = period_end.year, period_end.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    totals = dict.fromkeys(starts, 0.0)
    first = starts[-1]
    for rec in receivables:
        if first <= rec.invoice_date <= period_end:
            totals[rec.invoice_date.replace(day=1)] += rec.amount
    result = []
    end = period_end
    for start in starts:
        result.append(MonthSales(start, (end - start).days + 1, round(totals[start], 2)))
        end = start - timedelta(days=1)
    return result


def dso_report(receivables: Sequence[Receivable], period_end: date, months: int = 3) -> DsoReport:
    """AR, countback and simple DSO, best possible DSO and ADD over ``months`` months."""
    by_month = monthly_credit_sales(receivables, period_end, months)
    days = sum(m.days for m in by_month)
    sales = round(sum(m.sales for m in by_month), 2)
    balance = ar_balance(receivables, period_end)
    simple = dso_simple(balance.total, sales, days)
    best = best_possible_dso(balance.current, sales, days)
    return DsoReport(
        period_end=period_end,
        days=days,
        credit_sales=sales,
        ar=balance,
        dso_countback=dso_countback(balance.total, by_month),
        dso_simple=simple,
        best_possible_dso=best,
        average_days_delinquent=average_days_delinquent(simple, best),
    )


def cei_between(receivables: Sequence[Receivable], start: date, end: date) -> float | None:
    """CEI over the days ``start``..``end``: opening AR is the balance the day before."""
    opening = ar_balance(receivables, start - timedelta(days=1))
    closing = ar_balance(receivables, end)
    sales = sum(r.amount for r in receivables if start <= r.invoice_date <= end)
    return cei(opening.total, sales, closing.total, closing.current)


def cash_collected(receivables: Iterable[Receivable], start: date, end: date) -> float:
    """Payments (not credit-note offsets) dated ``start``..``end``."""
    return round(
        sum(
            s.amount
            for r in receivables
            if r.amount > 0
            for s in r.settlements
            if s.kind == PAYMENT and start <= s.date <= end
        ),
        2,
    )


def cash_recovered(receivables: Iterable[Receivable], start: date, end: date) -> float:
    """The part of ``cash_collected`` that paid invoices already past due."""
    return round(
        sum(
            s.amount
            for r in receivables
            if r.amount > 0
            for s in r.settlements
            if s.kind == PAYMENT and start <= s.date <= end and s.date > r.due_date
        ),
        2,
    )


# -- promises, contacts, cases -------------------------------------------------------
def promise_stats(promises: Iterable, as_of: date | None = None, grace_days: int = 3):
    """Counts by state; an open promise past its date + grace on ``as_of`` is broken."""
    counts = dict.fromkeys(("kept", "partial", "broken", "open", "cancelled", "superseded"), 0)
    for promise in promises:
        if as_of is not None and promise.created is not None and promise.created > as_of:
            continue
        state = promise.state
        if (
            state == "open"
            and as_of is not None
            and promise.promised_date + timedelta(days=grace_days) < as_of
        ):
            state = "broken"
        if state not in counts:
            raise ValueError(f"unknown promise state {state!r}")
        counts[state] += 1
    return PromiseStats(**counts)


def reply_rate(contacts: Iterable[ContactRecord]) -> float | None:
    chasing = [c for c in contacts if c.chasing]
    if not chasing:
        return None
    return sum(1 for c in chasing if c.replied and not c.auto_reply) / len(chasing)


def promise_to_pay_conversion(contacts: Iterable[ContactRecord]) -> float | None:
    chasing = [c for c in contacts if c.chasing]
    if not chasing:
        return None
    return sum(1 for c in chasing if "promise_to_pay" in c.reply_intents) / len(chasing)


def resolved_without_person_share(cases: Iterable[CaseRecord]) -> float | None:
    closed = [c for c in cases if c.closed is not None]
    if not closed:
        return None
    return sum(1 for c in closed if not c.person_involved) / len(closed)


def contacts_per_cash(contacts: int, cash: float, unit: float = 1000.0) -> float | None:
    """Contacts per ``unit`` of cash recovered: fewer, better-aimed messages is the goal."""
    if cash <= CENT:
        return None
    return round(contacts / (cash / unit), 3)


def reminders_avoided(holds: Iterable[Hold], levels: Sequence[int] = FOLLOWUP_LEVELS):
    """Per reason, the follow-up reminders the agent did not send (see the module notes)."""
    seen = set()
    for hold in holds:
        if hold.reason not in AVOIDED_REASONS:
            raise ValueError(f"unknown hold reason {hold.reason!r}")
        if (hold.day - hold.due_date).days in levels:
            seen.add((hold.customer_key, hold.day, hold.reason))
    result = dict.fromkeys(AVOIDED_REASONS, 0)
    for _customer, _day, reason in seen:
        result[reason] += 1
    return result
