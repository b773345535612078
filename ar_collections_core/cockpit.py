"""The cockpit's figures for one slice of customers and one period, from plain data.

The Odoo addon reads a company's ledger, contacts, promises and the agent's holds with
set-based SQL, then calls :func:`period_figures` per period and slice (the whole
company, a segment, a collector's customers). Every figure comes from the formulas in
``metrics.py``; this module only decides which records fall in the period:

- DSO (countback, simple), best possible DSO and ADD on the period's last day, over
  the ``dso_months`` calendar months up to it; CEI over the period's days; aging on
  its last day; cash collected and recovered by payment date in the period.
- Contacts: the chasing messages sent in the period (reply rate, conversion, contacts
  per 1,000 of cash recovered).
- Promises: those whose promised date falls in the period, judged on its last day (an
  open one past its date + grace counts as broken; one still in its grace is left
  out).
- Cases (:func:`overdue_cases`): a customer's overdue episode, from the first day an
  invoice is past due to the day nothing is; resolved without a person when no person
  worked on the customer during it. The share counts the cases closed in the period.
- Reminders avoided: the holds dated in the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from ar_collections_core import metrics
from ar_collections_core.ledger import Receivable

DSO_MONTHS = 3


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    start: date
    end: date
    credit_sales: float  # over the DSO window
    ar_total: float
    ar_current: float
    ar_overdue: float
    dso_countback: float | None
    best_possible_dso: float | None
    average_days_delinquent: float | None
    cei: float | None
    aging: tuple[tuple[str, float], ...]
    unapplied_credits: float
    cash_collected: float
    cash_recovered: float
    contacts: int
    replies: int
    promises_made: int  # chasing contacts answered with a promise to pay
    reply_rate: float | None
    promise_conversion: float | None
    promises_kept: int
    promises_partial: int
    promises_broken: int
    promise_kept_rate: float | None
    cases_closed: int
    resolved_without_person: float | None
    contacts_per_1000: float | None
    avoided: tuple[tuple[str, int], ...]  # (reason, count), metrics.AVOIDED_REASONS order

    @property
    def reminders_avoided(self) -> int:
        return sum(n for _r, n in self.avoided)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        data["aging"] = dict(self.aging)
        data["avoided"] = dict(self.avoided)
        data["reminders_avoided"] = self.reminders_avoided
        return data


def month_periods(today: date, count: int) -> list[tuple[date, date]]:
    """The last ``count`` calendar months up to ``today``, oldest first; the current
    month ends on ``today``."""
    if count < 1:
        raise ValueError("count must be at least 1")
    periods = []
    end = today
    start = today.replace(day=1)
    for _ in range(count):
        periods.append((start, end))
        end = start - timedelta(days=1)
        start = end.replace(day=1)
    return periods[::-1]


def _cleared_on(rec: Receivable) -> date | None:
    """The day an invoice was paid in full (its last settlement), None while open."""
    if rec.is_open:
        return None
    days = [s.date for s in rec.settlements]
    return max(days) if days else rec.due_date


def overdue_cases(
    customer_key, receivables: Iterable[Receivable], person_days: Iterable[date] = ()
) -> list[metrics.CaseRecord]:
    """One customer's overdue episodes: an invoice is overdue from the day after its due
    date until the day it is paid in full; overlapping or touching spells make one case.
    ``person_days`` are the days a person worked on the customer (an escalation, a
    call, an approval, a reply reviewed)."""
    spells = []
    for rec in receivables:
        if rec.is_credit_note or rec.amount <= metrics.CENT:
            continue
        opened = rec.due_date + timedelta(days=1)
        cleared = _cleared_on(rec)
        if cleared is not None and cleared < opened:
            continue  # paid by its due date: never overdue
        spells.append((opened, cleared))
    spells.sort(key=lambda s: s[0])
    merged: list[list] = []
    for opened, cleared in spells:
        if merged and (merged[-1][1] is None or opened <= merged[-1][1]):
            last = merged[-1]
            last[1] = None if last[1] is None or cleared is None else max(last[1], cleared)
        else:
            merged.append([opened, cleared])
    person_days = sorted(set(person_days))
    return [
        metrics.CaseRecord(
            customer_key,
            opened,
            cleared,
            any(opened <= d and (cleared is None or d <= cleared) for d in person_days),
        )
        for opened, cleared in merged
    ]


def period_figures(
    receivables: Sequence[Receivable],
    start: date,
    end: date,
    *,
    contacts: Iterable[metrics.ContactRecord] = (),
    promises: Iterable = (),
    cases: Iterable[metrics.CaseRecord] = (),
    holds: Iterable[metrics.Hold] = (),
    grace_days: int = 3,
    dso_months: int = DSO_MONTHS,
) -> PeriodFigures:
    """The cockpit's figures for ``start``..``end`` (see the module notes)."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    report = metrics.dso_report(receivables, end, dso_months)
    book = metrics.aging(receivables, end)
    recovered = metrics.cash_recovered(receivables, start, end)
    chasing = [c for c in contacts if c.chasing and start <= c.day <= end]
    due = [p for p in promises if start <= p.promised_date <= end]
    stats = metrics.promise_stats(due, as_of=end, grace_days=grace_days)
    closed = [c for c in cases if c.closed is not None and start <= c.closed <= end]
    avoided = metrics.reminders_avoided(h for h in holds if start <= h.day <= end)
    return PeriodFigures(
        start=start,
        end=end,
        credit_sales=report.credit_sales,
        ar_total=report.ar.total,
        ar_current=report.ar.current,
        ar_overdue=report.ar.overdue,
        dso_countback=report.dso_countback,
        best_possible_dso=report.best_possible_dso,
        average_days_delinquent=report.average_days_delinquent,
        cei=metrics.cei_between(receivables, start, end),
        aging=book.buckets,
        unapplied_credits=book.unapplied_credits,
        cash_collected=metrics.cash_collected(receivables, start, end),
        cash_recovered=recovered,
        contacts=len(chasing),
        replies=sum(1 for c in chasing if c.replied and not c.auto_reply),
        promises_made=sum(1 for c in chasing if "promise_to_pay" in c.reply_intents),
        reply_rate=metrics.reply_rate(chasing),
        promise_conversion=metrics.promise_to_pay_conversion(chasing),
        promises_kept=stats.kept,
        promises_partial=stats.partial,
        promises_broken=stats.broken,
        promise_kept_rate=stats.kept_rate,
        cases_closed=len(closed),
        resolved_without_person=metrics.resolved_without_person_share(closed),
        contacts_per_1000=metrics.contacts_per_cash(len(chasing), recovered),
        avoided=tuple(avoided.items()),
    )


def overdue_on(receivables: Iterable[Receivable], day: date) -> list[Receivable]:
    """The invoices open and past due at the end of ``day`` (what a classic follow-up
    would chase that day)."""
    return [
        rec
        for rec in receivables
        if not rec.is_credit_note
        and rec.due_date < day
        and metrics.residual_as_of(rec, day) > metrics.CENT
    ]
