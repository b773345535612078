"""The facts one message may state, every figure taken from the ledger.

``build_facts`` reads the snapshot the decision was made on; templates render these
facts, an LLM draft receives only them, and the fact guard checks a draft against
them. JSON round trip: ``MessageFacts.to_json()`` / ``MessageFacts.from_json()``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ar_collections_core.ledger import PAYMENT, Receivable
from ar_collections_core.policy.codec import from_jsonable, to_jsonable
from ar_collections_core.policy.decision import STATEMENT, Decision
from ar_collections_core.policy.situation import is_open_credit, is_owed, promise_covers
from ar_collections_core.policy.snapshot import AccountSnapshot

from .lexicon import lang_of

CHASED = "chased"
DISPUTED = "disputed"
PROMISED = "promised"
IN_PAYMENT = "in_payment"
EXCLUDED = "excluded"
NOT_CHASED = "not_chased"  # open, but not part of this message (not due, below threshold)


@dataclass(frozen=True, slots=True)
class InvoiceFact:
    id: int | str
    number: str
    ref: str  # the customer's reference or PO ("" when none)
    invoice_date: date
    due_date: date
    amount_total: float  # in ``currency`` (the document's)
    amount_due: float  # still open, in ``currency``
    currency: str
    amount_due_company: float  # still open, in the company currency
    days_overdue: int  # negative: falls due in that many days
    status: str = CHASED  # chased | disputed | promised | in_payment | excluded | not_chased


@dataclass(frozen=True, slots=True)
class PaymentFact:
    date: date
    amount: float  # company currency
    currency: str
    invoice_id: int | str
    invoice_number: str


@dataclass(frozen=True, slots=True)
class PromiseFact:
    id: int | str
    amount: float
    currency: str
    promised_date: date
    invoice_numbers: tuple[str, ...]  # empty: the whole account


@dataclass(frozen=True, slots=True)
class BrokenPromiseFact:
    """A promise not kept that this message names (broken: nothing came; partial: some
    came, the rest is chased again)."""

    id: int | str
    state: str  # broken | partial
    amount: float
    currency: str
    promised_date: date
    made_on: date | None
    invoice_numbers: tuple[str, ...]  # empty: the whole account


@dataclass(frozen=True, slots=True)
class CreditNoteFact:
    id: int | str
    number: str
    date: date
    amount_available: float  # still unapplied, positive, in ``currency``
    currency: str


@dataclass(frozen=True, slots=True)
class TotalFact:
    currency: str
    amount_due: float  # invoices chased
    credit_available: float  # open credit notes the customer could offset
    net: float  # amount_due - credit_available


@dataclass(frozen=True, slots=True)
class MessageFacts:
    customer_key: int | str
    lang: str  # en | fr | de | es | nl
    tone: str
    kind: str  # reminder | statement
    channel: str
    today: date  # the customer's local date
    company_currency: str
    invoices: tuple[InvoiceFact, ...]  # every invoice this message chases
    payments_since_last: tuple[PaymentFact, ...]  # received since the last message
    promises: tuple[PromiseFact, ...]  # in force
    credit_notes: tuple[CreditNoteFact, ...]  # open, could be offset
    totals: tuple[TotalFact, ...]  # per currency
    other_items: tuple[InvoiceFact, ...] = ()  # statements: the other open invoices
    pay_link: str | None = None
    last_message_date: date | None = None
    allowed_offers: tuple[str, ...] = ()  # what the message may offer (policy)
    broken_promises: tuple[BrokenPromiseFact, ...] = ()  # not kept, named once

    def to_dict(self) -> dict:
        return to_jsonable(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict) -> MessageFacts:
        return from_jsonable(cls, data)

    @classmethod
    def from_json(cls, text: str) -> MessageFacts:
        return cls.from_dict(json.loads(text))

    @property
    def documents(self) -> tuple:
        """Every document this message may name: invoices and credit notes."""
        return (*self.invoices, *self.other_items, *self.credit_notes)


def _document_amounts(item: Receivable, company_currency: str) -> tuple[str, float, float]:
    """(currency, total, open) in the document's currency when the ledger has it."""
    if item.currency != company_currency and item.residual_currency is not None:
        total = item.amount_currency if item.amount_currency is not None else item.amount
        return item.currency, total, item.residual_currency
    if item.currency != company_currency:  # no amounts in the document currency: say ours
        return company_currency, item.amount, item.residual
    return company_currency, item.amount, item.residual


def invoice_fact(item: Receivable, today: date, company_currency: str, status: str) -> InvoiceFact:
    currency, total, due = _document_amounts(item, company_currency)
    return InvoiceFact(
        id=item.id,
        number=item.number,
        ref=item.ref or "",
        invoice_date=item.invoice_date,
        due_date=item.due_date,
        amount_total=round(float(total), 2),
        amount_due=round(float(due), 2),
        currency=currency,
        amount_due_company=round(float(item.residual), 2),
        days_overdue=item.days_overdue(today),
        status=status,
    )


def _status(item: Receivable, snapshot: AccountSnapshot, today: date) -> str:
    if item.in_payment:
        return IN_PAYMENT
    if item.excluded:
        return EXCLUDED
    if any(d.state == "open" and promise_covers(d, item) for d in snapshot.disputes):
        return DISPUTED
    if any(p.state == "open" and promise_covers(p, item) for p in snapshot.promises):
        return PROMISED
    return NOT_CHASED


def build_facts(
    snapshot: AccountSnapshot,
    decision: Decision,
    *,
    company_currency: str | None = None,
    pay_link: str | None = None,
    today: date | None = None,
    allowed_offers: tuple[str, ...] = (),
    follow_ups=(),
) -> MessageFacts:
    """The facts of the message ``decision`` sends, read from ``snapshot``.

    ``follow_ups``: the promises not kept that the message names
    (``policy.situation.promises_to_follow_up``).

    Raises ValueError when the decision chases an invoice the snapshot does not hold
    open: a message never names a figure the ledger cannot back.
    """
    currency = company_currency or snapshot.currency
    today = today or decision.local_date
    chased_ids = list(decision.invoice_ids)
    invoices = []
    for invoice_id in chased_ids:
        item = snapshot.receivable(invoice_id)
        if item is None or not is_owed(item):
            raise ValueError(f"invoice {invoice_id!r} is not an open invoice of this customer")
        invoices.append(invoice_fact(item, today, currency, CHASED))
    others = ()
    if decision.action == STATEMENT:
        others = tuple(
            invoice_fact(r, today, currency, _status(r, snapshot, today))
            for r in sorted(snapshot.receivables, key=lambda r: (r.due_date, str(r.id)))
            if is_owed(r) and r.id not in set(chased_ids)
        )
    credits = tuple(
        CreditNoteFact(
            id=r.id,
            number=r.number,
            date=r.invoice_date,
            amount_available=round(-float(_document_amounts(r, currency)[2]), 2),
            currency=_document_amounts(r, currency)[0],
        )
        for r in snapshot.receivables
        if is_open_credit(r)
    )
    last = snapshot.last_contact()
    last_day = snapshot.local_date(last.at) if last else None
    return MessageFacts(
        customer_key=snapshot.customer_key,
        lang=lang_of(snapshot.lang),
        tone=decision.tone or "neutral",
        kind="statement" if decision.action == STATEMENT else "reminder",
        channel=decision.channel or "email",
        today=today,
        company_currency=currency,
        invoices=tuple(invoices),
        payments_since_last=_payments_since(snapshot, last_day, currency),
        promises=_promises(snapshot),
        credit_notes=credits,
        totals=_totals(invoices, credits),
        other_items=others,
        pay_link=pay_link,
        last_message_date=last_day,
        allowed_offers=tuple(allowed_offers),
        broken_promises=_broken_promises(snapshot, follow_ups),
    )


def _broken_promises(snapshot: AccountSnapshot, follow_ups) -> tuple[BrokenPromiseFact, ...]:
    numbers = {r.id: r.number for r in snapshot.receivables}
    return tuple(
        BrokenPromiseFact(
            f.promise.id,
            f.state,
            round(float(f.promise.amount), 2),
            f.promise.currency,
            f.promise.promised_date,
            f.promise.created,
            tuple(numbers.get(i, str(i)) for i in f.promise.invoice_ids),
        )
        for f in follow_ups
    )


def _payments_since(snapshot, last_day: date | None, currency: str) -> tuple[PaymentFact, ...]:
    if last_day is None:
        return ()
    payments = [
        PaymentFact(s.date, round(float(s.amount), 2), currency, r.id, r.number)
        for r in snapshot.receivables
        if not r.is_credit_note
        for s in r.settlements
        if s.kind == PAYMENT and s.date >= last_day
    ]
    return tuple(sorted(payments, key=lambda p: (p.date, p.invoice_number)))


def _promises(snapshot: AccountSnapshot) -> tuple[PromiseFact, ...]:
    numbers = {r.id: r.number for r in snapshot.receivables}
    return tuple(
        PromiseFact(
            p.id,
            round(float(p.amount), 2),
            p.currency,
            p.promised_date,
            tuple(numbers.get(i, str(i)) for i in p.invoice_ids),
        )
        for p in snapshot.promises
        if p.state == "open"
    )


def _totals(invoices, credits) -> tuple[TotalFact, ...]:
    due: dict[str, float] = defaultdict(float)
    credit: dict[str, float] = defaultdict(float)
    for fact in invoices:
        due[fact.currency] += fact.amount_due
    for fact in credits:
        credit[fact.currency] += fact.amount_available
    return tuple(
        TotalFact(
            c, round(due[c] + 0.0, 2), round(credit[c] + 0.0, 2), round(due[c] - credit[c], 2)
        )
        for c in sorted(set(due) | set(credit))
    )
