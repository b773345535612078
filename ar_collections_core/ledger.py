"""The ledger as the core sees it: plain, immutable data, no ORM.

Amounts are in the company currency unless a name says otherwise; a credit note has
negative ``amount`` and ``residual``. Dates are ``datetime.date``. Identifiers are
whatever the caller uses (Odoo record ids, invoice numbers in the simulator).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

INVOICE = "invoice"
CREDIT_NOTE = "credit_note"

PAYMENT = "payment"
CREDIT = "credit_note"


@dataclass(frozen=True, slots=True)
class Settlement:
    """Money applied to a receivable on a date: a payment or a credit note offset."""

    date: date
    amount: float  # company currency, > 0
    kind: str = PAYMENT


@dataclass(frozen=True, slots=True)
class Receivable:
    """One posted customer invoice or credit note, with what was applied to it."""

    id: int | str
    number: str
    invoice_date: date
    due_date: date
    amount: float  # company currency; < 0 for a credit note
    residual: float  # company currency still open, same sign as amount
    currency: str = "EUR"  # the document's currency
    amount_currency: float | None = None  # total in the document's currency
    residual_currency: float | None = None  # open amount in the document's currency
    settlements: tuple[Settlement, ...] = ()
    ref: str = ""  # the customer's reference or PO number
    kind: str = INVOICE
    excluded: bool = False  # Odoo's no_followup: never chased
    in_payment: bool = False  # a payment is registered but not yet matched

    @property
    def is_open(self) -> bool:
        return abs(self.residual) > 0.005

    @property
    def is_credit_note(self) -> bool:
        return self.kind == CREDIT_NOTE or self.amount < 0

    def days_overdue(self, today: date) -> int:
        return (today - self.due_date).days


@dataclass(frozen=True, slots=True)
class Promise:
    """A customer's promise to pay, as recorded (by phone, by reply or by hand)."""

    id: int | str
    invoice_ids: tuple[int | str, ...]
    amount: float
    promised_date: date
    state: str = "open"  # open | kept | partial | broken | superseded | cancelled
    created: date | None = None
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class Dispute:
    """An open or closed dispute on one or more invoices."""

    id: int | str
    invoice_ids: tuple[int | str, ...]
    amount: float
    reason: str = "other"
    state: str = "open"  # open | resolved | rejected | withdrawn
    opened: date | None = None
    closed: date | None = None
