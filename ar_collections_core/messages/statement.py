"""The statement of account: every open item of one customer, with aging buckets.

Amounts per line are in the document's currency (what the customer was invoiced in);
the aging buckets and the balance are in the company currency, from the same ledger
(``metrics.aging``), so the statement adds up to what the books say.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ar_collections_core.ledger import Receivable
from ar_collections_core.metrics import AGING_BUCKETS, Aging, aging
from ar_collections_core.policy.situation import is_open_credit, is_owed

CREDIT_BUCKET = "credit"


def aging_bucket(days_overdue: int) -> str:
    """current (not yet due), 1-30, 31-60, 61-90 or 90+ days past due."""
    if days_overdue <= 0:
        return AGING_BUCKETS[0]
    for limit, bucket in ((30, "1-30"), (60, "31-60"), (90, "61-90")):
        if days_overdue <= limit:
            return bucket
    return AGING_BUCKETS[-1]


@dataclass(frozen=True, slots=True)
class StatementLine:
    id: int | str
    number: str
    ref: str
    is_credit_note: bool
    invoice_date: date
    due_date: date
    currency: str  # the document's
    amount_total: float  # in ``currency``; negative for a credit note
    amount_due: float  # still open, in ``currency``; negative for a credit note
    amount_due_company: float
    days_overdue: int
    bucket: str  # an AGING_BUCKETS name, or "credit" for a credit note


@dataclass(frozen=True, slots=True)
class Statement:
    today: date
    company_currency: str
    lines: tuple[StatementLine, ...]  # invoices by due date, then credit notes
    aging: Aging  # company currency
    balances: tuple[tuple[str, float], ...]  # (currency, open balance) per document currency

    @property
    def balance(self) -> float:
        """Open invoices minus unapplied credit notes, company currency."""
        return self.aging.total


def _amounts(item: Receivable, company_currency: str) -> tuple[str, float, float]:
    if item.currency != company_currency and item.residual_currency is not None:
        total = item.amount_currency if item.amount_currency is not None else item.amount
        return item.currency, total, item.residual_currency
    return company_currency, item.amount, item.residual


def build_statement(
    receivables: Iterable[Receivable], today: date, company_currency: str
) -> Statement:
    """The statement of the open items among ``receivables`` on ``today``."""
    items = [r for r in receivables if is_owed(r) or is_open_credit(r)]
    items.sort(key=lambda r: (r.is_credit_note, r.due_date, r.invoice_date, str(r.number)))
    lines = []
    balances: dict[str, float] = defaultdict(float)
    for item in items:
        currency, total, due = _amounts(item, company_currency)
        late = item.days_overdue(today)
        lines.append(
            StatementLine(
                id=item.id,
                number=item.number,
                ref=item.ref or "",
                is_credit_note=item.is_credit_note,
                invoice_date=item.invoice_date,
                due_date=item.due_date,
                currency=currency,
                amount_total=round(float(total), 2),
                amount_due=round(float(due), 2),
                amount_due_company=round(float(item.residual), 2),
                days_overdue=late,
                bucket=CREDIT_BUCKET if item.is_credit_note else aging_bucket(late),
            )
        )
        balances[currency] += float(due)
    return Statement(
        today=today,
        company_currency=company_currency,
        lines=tuple(lines),
        aging=aging(items, today),
        balances=tuple((c, round(v + 0.0, 2)) for c, v in sorted(balances.items())),
    )
