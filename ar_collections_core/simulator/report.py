"""The figures of a simulated run, with the core's metric functions, and the table."""

from __future__ import annotations

from dataclasses import dataclass

from ar_collections_core import metrics

from .engine import RunResult


@dataclass(frozen=True, slots=True)
class Summary:
    strategy: str
    dso_end: float | None  # countback, three months, on the last day
    dso_mean: float | None  # mean of the weekly countback DSO over the period
    cei: float | None
    cash_collected: float
    cash_recovered: float
    messages: int
    person_calls: int
    paid_anyway: int  # every invoice chased would have been paid within 7 days anyway
    during_dispute: int
    after_payment: int  # the ledger showed the invoice paid or in payment
    crossed_payment: int  # the money had left but was not on the ledger yet
    customers_annoyed: int
    escalations: int
    resolved_without_person: float | None
    reply_rate: float | None
    promise_conversion: float | None
    promise_kept_rate: float | None
    contacts_per_1000: float | None
    reminders_avoided: dict[str, int]


def summarize(result: RunResult) -> Summary:
    config = result.config
    receivables = result.receivables
    deliveries = result.deliveries
    recovered = metrics.cash_recovered(receivables, config.start, config.end)
    contacts = [
        metrics.ContactRecord(
            d.outreach.customer_key,
            d.outreach.day,
            d.outreach.channel,
            by_person=d.outreach.by_person,
            replied=d.replied,
            auto_reply=d.auto_reply,
            reply_intents=d.intents,
        )
        for d in deliveries
    ]
    weekly = [w.dso for w in result.weeks if w.dso is not None]
    return Summary(
        strategy=result.strategy,
        dso_end=metrics.dso_report(receivables, config.end, 3).dso_countback,
        dso_mean=round(sum(weekly) / len(weekly), 1) if weekly else None,
        cei=metrics.cei_between(receivables, config.start, config.end),
        cash_collected=metrics.cash_collected(receivables, config.start, config.end),
        cash_recovered=recovered,
        messages=len(deliveries),
        person_calls=sum(1 for d in deliveries if d.outreach.by_person),
        paid_anyway=sum(1 for d in deliveries if d.anyway),
        during_dispute=sum(1 for d in deliveries if d.during_dispute),
        after_payment=sum(1 for d in deliveries if d.after_payment),
        crossed_payment=sum(1 for d in deliveries if d.crossed),
        customers_annoyed=len(result.annoyed),
        escalations=result.counts.get("escalations", 0),
        resolved_without_person=metrics.resolved_without_person_share(result.cases),
        reply_rate=metrics.reply_rate(contacts),
        promise_conversion=metrics.promise_to_pay_conversion(contacts),
        promise_kept_rate=metrics.promise_stats(result.promises, config.end).kept_rate,
        contacts_per_1000=metrics.contacts_per_cash(len(deliveries), recovered),
        reminders_avoided=metrics.reminders_avoided(result.holds),
    )


ROWS = (
    ("DSO, countback, at the end (days)", "dso_end", ".1f"),
    ("DSO, countback, mean of the weeks", "dso_mean", ".1f"),
    ("CEI (%)", "cei", ".1f"),
    ("cash collected", "cash_collected", ",.0f"),
    ("cash recovered (paid after due)", "cash_recovered", ",.0f"),
    ("messages sent (all channels)", "messages", "d"),
    ("  of which calls by a person", "person_calls", "d"),
    ("  to customers who would have paid anyway", "paid_anyway", "d"),
    ("  during a dispute", "during_dispute", "d"),
    ("  after payment (on the ledger)", "after_payment", "d"),
    ("  crossing a payment not yet on the ledger", "crossed_payment", "d"),
    ("customers annoyed", "customers_annoyed", "d"),
    ("escalations to a person", "escalations", "d"),
    ("cases resolved without a person", "resolved_without_person", ".0%"),
    ("reply rate", "reply_rate", ".0%"),
    ("promise-to-pay conversion", "promise_conversion", ".1%"),
    ("promise-kept rate", "promise_kept_rate", ".0%"),
    ("contacts per 1,000 recovered", "contacts_per_1000", ".3f"),
)


def table(summaries: list[Summary]) -> str:
    width = 44
    col = max(16, *(len(s.strategy) + 2 for s in summaries))
    lines = [f"{'':{width}}" + "".join(f"{s.strategy:>{col}}" for s in summaries)]
    for label, name, spec in ROWS:
        cells = "".join(f"{_fmt(getattr(s, name), spec):>{col}}" for s in summaries)
        lines.append(f"{label:{width}}{cells}")
    lines.append(f"{'reminders avoided (paid/disputed/':{width}}")
    cells = "".join(
        f"{'/'.join(str(v) for v in s.reminders_avoided.values()):>{col}}" for s in summaries
    )
    lines.append(f"{'  promised/reliable)':{width}}{cells}")
    return "\n".join(lines)


def _fmt(value, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)
