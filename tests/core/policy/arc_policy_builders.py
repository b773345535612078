"""Builders for policy and message tests: short, explicit snapshots."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ar_collections_core.ledger import CREDIT_NOTE, Dispute, Promise, Receivable, Settlement
from ar_collections_core.policy import AccountSnapshot, CollectionPolicy, Contact
from ar_collections_core.profile import PaymentProfile
from ar_collections_core.risk import RiskAssessment, RiskFactor

UTC = timezone.utc
# A Wednesday, 10:00 UTC: inside the default window for Europe and UTC customers.
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


def at(day: date | str, hour: int = 10, minute: int = 0) -> datetime:
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def days_ago(n: int, hour: int = 10) -> datetime:
    return at(TODAY - timedelta(days=n), hour)


def invoice(
    ident,
    *,
    overdue: int = 0,
    amount: float = 1000.0,
    residual: float | None = None,
    issued_days_before_due: int = 30,
    today: date = TODAY,
    **kwargs,
) -> Receivable:
    """An invoice ``overdue`` days past due on ``today`` (negative: due in the future)."""
    due = today - timedelta(days=overdue)
    return Receivable(
        id=ident,
        number=kwargs.pop("number", f"INV/2025/{ident:04d}" if isinstance(ident, int) else ident),
        invoice_date=due - timedelta(days=issued_days_before_due),
        due_date=due,
        amount=amount,
        residual=amount if residual is None else residual,
        **kwargs,
    )


def credit_note(ident, amount: float = 200.0, residual: float | None = None, **kwargs):
    return Receivable(
        id=ident,
        number=kwargs.pop("number", f"RINV/2025/{ident:04d}"),
        invoice_date=kwargs.pop("invoice_date", TODAY - timedelta(days=20)),
        due_date=kwargs.pop("due_date", TODAY - timedelta(days=20)),
        amount=-amount,
        residual=-(amount if residual is None else residual),
        kind=CREDIT_NOTE,
        **kwargs,
    )


def profile(
    typical: float = 5.0,
    p90: float | None = None,
    on_time: float = 0.6,
    settled: int = 12,
    weighted: float | None = None,
    recent: float | None = None,
    trend: float = 0.0,
) -> PaymentProfile:
    return PaymentProfile(
        as_of=TODAY,
        has_history=settled > 0,
        invoices_settled=settled,
        amount_settled=settled * 1000.0,
        weighted_days_late=typical if weighted is None else weighted,
        typical_days_late=typical,
        p90_days_late=typical + 4 if p90 is None else p90,
        worst_days_late=int(typical + 10),
        on_time_rate=on_time,
        avg_days_to_pay=30 + typical,
        recent_days_late=recent,
        prior_days_late=None,
        trend_days=trend,
        partial_payment_rate=0.0,
        usual_payment_weekday=None,
        usual_payment_day=None,
        open_amount=0.0,
        overdue_amount=0.0,
        open_count=0,
        overdue_count=0,
        oldest_overdue_days=0,
        open_credit_amount=0.0,
        first_invoice_date=TODAY - timedelta(days=700),
        tenure_days=700,
    )


RELIABLE = {"typical": 2, "p90": 6, "on_time": 0.7}
ORDINARY = {"typical": 8, "p90": 25, "on_time": 0.5}
SERIAL = {"typical": 35, "p90": 70, "on_time": 0.1}
PUNCTUAL = {"typical": 0, "p90": 12, "on_time": 0.95}  # ordinary, but pays on time
JUST_LATE = {"typical": 5, "p90": 20, "on_time": 0.5}  # ordinary, usually just past due


def risk(score: int, band: str = "medium") -> RiskAssessment:
    return RiskAssessment(score, band, (RiskFactor("late_history", "Pays late.", 10.0),))


def contact(day_offset: int, **kwargs) -> Contact:
    """A contact ``day_offset`` days before NOW (same hour unless ``at`` given)."""
    when = kwargs.pop("at", NOW - timedelta(days=day_offset))
    return Contact(at=when, **kwargs)


def snapshot(*receivables, **kwargs) -> AccountSnapshot:
    kwargs.setdefault("customer_key", "C1")
    if "profile" not in kwargs:
        kwargs["profile"] = profile(**ORDINARY)
    elif isinstance(kwargs["profile"], dict):
        kwargs["profile"] = profile(**kwargs["profile"])
    return AccountSnapshot(receivables=tuple(receivables), **kwargs)


def policy(**overrides) -> CollectionPolicy:
    base = {"mode": "autonomous"}
    base.update(overrides)
    return CollectionPolicy(**base)


__all__ = [
    "JUST_LATE",
    "NOW",
    "ORDINARY",
    "PUNCTUAL",
    "RELIABLE",
    "SERIAL",
    "TODAY",
    "Dispute",
    "Promise",
    "Settlement",
    "at",
    "contact",
    "credit_note",
    "days_ago",
    "invoice",
    "policy",
    "profile",
    "risk",
    "snapshot",
]
