"""What a person gets when the agent escalates: the account at a glance, the last
exchanges and a recommended next step, as data and as a plain-text activity note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ar_collections_core.profile import PaymentProfile
from ar_collections_core.risk import RiskAssessment

from .situation import is_open_credit, is_owed

AGING_BUCKETS = (  # label, first and last day overdue (None: open-ended)
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("over_90", 91, None),
)
LAST_EXCHANGES = 5


@dataclass(frozen=True, slots=True)
class AgingBucket:
    label: str  # not_due | 1_30 | 31_60 | 61_90 | over_90
    amount: float  # company currency, invoices only
    count: int


@dataclass(frozen=True, slots=True)
class Exchange:
    at: datetime
    channel: str
    kind: str
    tone: str | None
    answered: bool


@dataclass(frozen=True, slots=True)
class EscalationSummary:
    customer_key: int | str
    currency: str
    as_of: date
    balance: float  # open invoices minus open credit notes
    overdue: float
    credit_available: float  # open credit notes, as a positive amount
    aging: tuple[AgingBucket, ...]
    profile_text: str
    risk_text: str
    promises: tuple[str, ...]  # open promises, in words
    disputes: tuple[str, ...]  # open disputes, in words
    last_exchanges: tuple[Exchange, ...]  # newest first
    cause: str
    cause_text: str
    to: str
    next_step: str
    next_step_text: str

    @property
    def text(self) -> str:
        """The activity note, plain text."""
        money = _money_formatter(self.currency)
        lines = [
            f"Why: {self.cause_text}",
            f"Recommended next step: {self.next_step_text}",
            "",
            f"Balance {money(self.balance)}, overdue {money(self.overdue)}"
            + (
                f", credit notes to offset {money(self.credit_available)}"
                if self.credit_available
                else ""
            ),
            "Aging: "
            + ", ".join(
                f"{_BUCKET_WORDS[b.label]} {money(b.amount)} ({b.count})" for b in self.aging
            ),
            f"Payment behaviour: {self.profile_text}",
            f"Risk: {self.risk_text}",
        ]
        lines += [f"Promise: {p}" for p in self.promises] or ["Promises: none open"]
        lines += [f"Dispute: {d}" for d in self.disputes] or ["Disputes: none open"]
        if self.last_exchanges:
            lines.append("Last exchanges:")
            lines += [
                f"- {e.at:%Y-%m-%d} {e.kind} by {e.channel}"
                + (f", {e.tone}" if e.tone else "")
                + (", answered" if e.answered else ", no answer")
                for e in self.last_exchanges
            ]
        else:
            lines.append("Last exchanges: none")
        return "\n".join(lines)


_BUCKET_WORDS = {
    "not_due": "not due",
    "1_30": "1-30 days",
    "31_60": "31-60 days",
    "61_90": "61-90 days",
    "over_90": "over 90 days",
}


def _money_formatter(currency: str):
    return lambda amount: f"{amount:,.2f} {currency}"


def aging_buckets(receivables, today: date) -> tuple[AgingBucket, ...]:
    totals = {label: [0.0, 0] for label, _, _ in AGING_BUCKETS}
    for item in receivables:
        if not is_owed(item):
            continue
        days = item.days_overdue(today)
        for label, low, high in AGING_BUCKETS:
            if (low is None or days >= low) and (high is None or days <= high):
                totals[label][0] += item.residual
                totals[label][1] += 1
                break
    return tuple(AgingBucket(label, round(a, 2), n) for label, (a, n) in totals.items())


def profile_in_words(profile: PaymentProfile | None) -> str:
    if profile is None or not profile.has_history:
        return "no payment history yet."
    parts = [
        f"usually pays {profile.typical_days_late:.0f} days late "
        f"(9 times in 10 within {profile.p90_days_late:.0f} days, worst {profile.worst_days_late})",
        f"{profile.on_time_rate:.0%} of the amount paid on time",
        f"{profile.invoices_settled} invoices settled",
    ]
    if profile.trend_days >= 3:
        parts.append(f"paying {profile.trend_days:.0f} days later than before")
    elif profile.trend_days <= -3:
        parts.append(f"paying {-profile.trend_days:.0f} days earlier than before")
    if profile.partial_payment_rate >= 0.2:
        parts.append(f"pays in several parts {profile.partial_payment_rate:.0%} of the time")
    return "; ".join(parts) + "."


def risk_in_words(risk: RiskAssessment | None) -> str:
    if risk is None:
        return "not assessed."
    explanation = risk.explanation
    return f"{risk.score}/100 ({risk.band})" + (f": {explanation}." if explanation else ".")


def build_summary(
    snapshot,
    today: date,
    *,
    cause: str,
    cause_text: str,
    to: str,
    next_step: str,
    next_step_text: str,
) -> EscalationSummary:
    """The summary for ``snapshot`` (an AccountSnapshot) as of the customer's ``today``."""
    invoices = [r for r in snapshot.receivables if is_owed(r)]
    credits = [r for r in snapshot.receivables if is_open_credit(r)]
    overdue = sum(r.residual for r in invoices if r.days_overdue(today) > 0)
    credit_available = -sum(r.residual for r in credits)
    numbers = {r.id: r.number for r in snapshot.receivables}
    currency = snapshot.currency
    promises = tuple(
        f"{p.amount:,.2f} {p.currency} by {p.promised_date.isoformat()}"
        + _on_invoices(p.invoice_ids, numbers)
        for p in snapshot.promises
        if p.state == "open"
    )
    disputes = tuple(
        f"{d.amount:,.2f} {currency}, {d.reason.replace('_', ' ')}"
        + (f", opened {d.opened.isoformat()}" if d.opened else "")
        + _on_invoices(d.invoice_ids, numbers)
        for d in snapshot.disputes
        if d.state == "open"
    )
    exchanges = tuple(
        Exchange(c.at, c.channel, c.kind, c.tone, c.answered)
        for c in sorted(snapshot.contacts, key=lambda c: c.at, reverse=True)[:LAST_EXCHANGES]
    )
    return EscalationSummary(
        customer_key=snapshot.customer_key,
        currency=currency,
        as_of=today,
        balance=round(sum(r.residual for r in invoices) - credit_available, 2),
        overdue=round(overdue, 2),
        credit_available=round(credit_available, 2),
        aging=aging_buckets(invoices, today),
        profile_text=profile_in_words(snapshot.profile),
        risk_text=risk_in_words(snapshot.risk),
        promises=promises,
        disputes=disputes,
        last_exchanges=exchanges,
        cause=cause,
        cause_text=cause_text,
        to=to,
        next_step=next_step,
        next_step_text=next_step_text,
    )


def _on_invoices(invoice_ids, numbers) -> str:
    if not invoice_ids:
        return ", whole account"
    return ", on " + ", ".join(str(numbers.get(i, i)) for i in invoice_ids)
