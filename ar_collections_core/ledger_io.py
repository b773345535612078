"""Ledgers as JSON lines, for users with their own data and for the CLI.

One JSON object per line; blank lines and lines starting with ``#`` are skipped. Each
object names its ``customer`` (any string: the customer's key) and its ``record``
type, ``receivable`` when omitted. Dates are ``YYYY-MM-DD``; amounts are numbers in
the company currency unless the name ends in ``_currency``.

receivable (one invoice or credit note):
    {"customer": "C1", "id": 42, "number": "INV/2025/00042",
     "invoice_date": "2025-01-31", "due_date": "2025-03-02",
     "amount": 1200.0, "residual": 0.0,
     "currency": "USD", "amount_currency": 1296.0, "residual_currency": 0.0,
     "kind": "invoice", "ref": "PO-1234", "excluded": false, "in_payment": false,
     "settlements": [{"date": "2025-03-10", "amount": 1200.0, "kind": "payment"}]}
  Required: customer, id, invoice_date, due_date, amount, residual. ``kind`` is
  ``invoice`` or ``credit_note`` (default: by the sign of ``amount``; a credit note
  has a negative amount and residual). A settlement ``kind`` is ``payment`` or
  ``credit_note`` (a credit note applied to the invoice).
promise:
    {"record": "promise", "customer": "C1", "id": "P1", "invoice_ids": [42],
     "amount": 1200.0, "promised_date": "2025-03-20", "state": "open",
     "created": "2025-03-12"}
dispute:
    {"record": "dispute", "customer": "C1", "id": "D1", "invoice_ids": [42],
     "amount": 300.0, "reason": "price", "state": "open", "opened": "2025-02-10",
     "closed": null}
customer (optional details):
    {"record": "customer", "customer": "C1", "name": "Acme", "credit_limit": 5000,
     "segment": "standard", "archetype": "reliable"}

A bad line is reported with its number and reason and skipped; the others are kept.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

from ar_collections_core.ledger import (
    CREDIT,
    CREDIT_NOTE,
    INVOICE,
    PAYMENT,
    Dispute,
    Promise,
    Receivable,
    Settlement,
)

PROMISE_STATES = ("open", "kept", "partial", "broken", "superseded", "cancelled")
DISPUTE_STATES = ("open", "resolved", "rejected", "withdrawn")


class LineError(ValueError):
    """A line that cannot be read; the message says which field and why."""


@dataclass
class LedgerFile:
    receivables: dict[str, list[Receivable]] = field(default_factory=dict)
    promises: dict[str, list[Promise]] = field(default_factory=dict)
    disputes: dict[str, list[Dispute]] = field(default_factory=dict)
    customers: dict[str, dict] = field(default_factory=dict)  # optional details by key
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    def customer_keys(self) -> list[str]:
        keys = set(self.receivables) | set(self.promises) | set(self.disputes)
        return sorted(keys | set(self.customers))

    def latest_date(self) -> date | None:
        """The last date the file mentions (a sensible "today" for a history)."""
        days = [
            d
            for recs in self.receivables.values()
            for r in recs
            for d in (r.invoice_date, *(s.date for s in r.settlements))
        ]
        return max(days) if days else None


def read_ledger(lines) -> LedgerFile:
    """Parse JSON lines (an iterable of strings); bad lines land in ``errors``."""
    ledger = LedgerFile()
    seen = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            _read_line(text, ledger, seen)
        except LineError as error:
            ledger.errors.append((number, str(error)))
    return ledger


def _read_line(text: str, ledger: LedgerFile, seen: set) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise LineError("expected a JSON object")
    customer = data.get("customer")
    if not isinstance(customer, str | int) or isinstance(customer, bool) or customer == "":
        raise LineError("'customer' is required (the customer's key, a string)")
    customer = str(customer)
    record = data.get("record", "receivable")
    if record == "receivable":
        receivable = _receivable(data)
        if (customer, receivable.id) in seen:
            raise LineError(f"receivable id {receivable.id!r} appears twice for {customer}")
        seen.add((customer, receivable.id))
        ledger.receivables.setdefault(customer, []).append(receivable)
    elif record == "promise":
        ledger.promises.setdefault(customer, []).append(_promise(data))
    elif record == "dispute":
        ledger.disputes.setdefault(customer, []).append(_dispute(data))
    elif record == "customer":
        details = {k: v for k, v in data.items() if k not in ("record", "customer")}
        if "credit_limit" in details:
            details["credit_limit"] = _number(data, "credit_limit")
        ledger.customers[customer] = details
    else:
        raise LineError(f"unknown record {record!r} (receivable, promise, dispute or customer)")


def _receivable(data: dict) -> Receivable:
    doc_id = _identifier(data, "id")
    amount = _number(data, "amount")
    residual = _number(data, "residual")
    kind = data.get("kind") or (CREDIT_NOTE if amount < 0 else INVOICE)
    if kind not in (INVOICE, CREDIT_NOTE):
        raise LineError(f"'kind' must be 'invoice' or 'credit_note', not {kind!r}")
    if kind == CREDIT_NOTE and amount > 0:
        raise LineError("a credit note has a negative 'amount'")
    if kind == INVOICE and amount < 0:
        raise LineError("an invoice cannot have a negative 'amount' (use kind credit_note)")
    if residual * amount < 0 or abs(residual) > abs(amount) + 0.01:
        raise LineError(f"'residual' {residual} must lie between 0 and the amount {amount}")
    invoice_date = _date(data, "invoice_date")
    due_date = _date(data, "due_date")
    if due_date < invoice_date:
        raise LineError(f"'due_date' {due_date} is before 'invoice_date' {invoice_date}")
    settlements = data.get("settlements") or []
    if not isinstance(settlements, list):
        raise LineError("'settlements' must be a list")
    applied = tuple(_settlement(s, i) for i, s in enumerate(settlements, start=1))
    total = sum(s.amount for s in applied)
    if total > abs(amount) + 0.01:
        raise LineError(f"settlements add up to {total}, more than the amount {abs(amount)}")
    return Receivable(
        id=doc_id,
        number=str(data.get("number") or doc_id),
        invoice_date=invoice_date,
        due_date=due_date,
        amount=amount,
        residual=residual,
        currency=str(data.get("currency") or "EUR"),
        amount_currency=_number(data, "amount_currency", None),
        residual_currency=_number(data, "residual_currency", None),
        settlements=applied,
        ref=str(data.get("ref") or ""),
        kind=kind,
        excluded=bool(data.get("excluded", False)),
        in_payment=bool(data.get("in_payment", False)),
    )


def _settlement(data, position: int) -> Settlement:
    if not isinstance(data, dict):
        raise LineError(f"settlement {position} must be an object with date and amount")
    try:
        kind = data.get("kind") or PAYMENT
        if kind not in (PAYMENT, CREDIT):
            raise LineError(f"'kind' must be 'payment' or 'credit_note', not {kind!r}")
        return Settlement(_date(data, "date"), _number(data, "amount"), kind)
    except LineError as error:
        raise LineError(f"settlement {position}: {error}") from None


def _promise(data: dict) -> Promise:
    amount = _number(data, "amount")
    if amount <= 0:
        raise LineError("a promise needs a positive 'amount'")
    state = data.get("state") or "open"
    if state not in PROMISE_STATES:
        raise LineError(f"'state' must be one of {', '.join(PROMISE_STATES)}")
    return Promise(
        id=_identifier(data, "id"),
        invoice_ids=_identifiers(data),
        amount=amount,
        promised_date=_date(data, "promised_date"),
        state=state,
        created=_date(data, "created", None),
        currency=str(data.get("currency") or "EUR"),
    )


def _dispute(data: dict) -> Dispute:
    state = data.get("state") or "open"
    if state not in DISPUTE_STATES:
        raise LineError(f"'state' must be one of {', '.join(DISPUTE_STATES)}")
    return Dispute(
        id=_identifier(data, "id"),
        invoice_ids=_identifiers(data),
        amount=_number(data, "amount"),
        reason=str(data.get("reason") or "other"),
        state=state,
        opened=_date(data, "opened", None),
        closed=_date(data, "closed", None),
    )


_REQUIRED = object()


def _date(data: dict, name: str, default=_REQUIRED):
    value = data.get(name)
    if value is None:
        if default is _REQUIRED:
            raise LineError(f"'{name}' is required (YYYY-MM-DD)")
        return default
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise LineError(f"'{name}': {value!r} is not a date (YYYY-MM-DD)") from None


def _number(data: dict, name: str, default=_REQUIRED):
    value = data.get(name)
    if value is None:
        if default is _REQUIRED:
            raise LineError(f"'{name}' is required (a number)")
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LineError(f"'{name}': {value!r} is not a number")
    return float(value)


def _identifier(data: dict, name: str):
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise LineError(f"'{name}' is required (a number or a string)")
    return value


def _identifiers(data: dict) -> tuple:
    values = data.get("invoice_ids")
    if not isinstance(values, list) or not values:
        raise LineError("'invoice_ids' must be a non-empty list of receivable ids")
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise LineError(f"'invoice_ids': {value!r} is not a receivable id")
    return tuple(values)


# -- writing ---------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def receivable_to_dict(customer: str, rec: Receivable) -> dict:
    data = {
        "customer": customer,
        "id": rec.id,
        "number": rec.number,
        "invoice_date": rec.invoice_date.isoformat(),
        "due_date": rec.due_date.isoformat(),
        "amount": rec.amount,
        "residual": rec.residual,
        "currency": rec.currency,
        "kind": rec.kind,
        "settlements": [
            {"date": s.date.isoformat(), "amount": s.amount, "kind": s.kind}
            for s in rec.settlements
        ],
    }
    if rec.amount_currency is not None:
        data["amount_currency"] = rec.amount_currency
        data["residual_currency"] = rec.residual_currency
    for name in ("ref", "excluded", "in_payment"):
        if getattr(rec, name):
            data[name] = getattr(rec, name)
    return data


def ledger_lines(ledger):
    """JSON lines for a ``SyntheticLedger`` (customers, receivables, promises, disputes)."""
    for customer in ledger.customers:
        key = customer.key
        yield json.dumps(
            {
                "record": "customer",
                "customer": key,
                "name": customer.name,
                "archetype": customer.archetype,
                "segment": customer.segment,
                "credit_limit": customer.credit_limit,
            },
            ensure_ascii=False,
        )
        for rec in ledger.receivables[key]:
            yield json.dumps(receivable_to_dict(key, rec), ensure_ascii=False)
        for promise in ledger.promises[key]:
            data = {"record": "promise", "customer": key}
            data.update({name: _iso(getattr(promise, name)) for name in promise.__slots__})
            data["invoice_ids"] = list(promise.invoice_ids)
            yield json.dumps(data)
        for dispute in ledger.disputes[key]:
            data = {"record": "dispute", "customer": key}
            data.update({name: _iso(getattr(dispute, name)) for name in dispute.__slots__})
            data["invoice_ids"] = list(dispute.invoice_ids)
            yield json.dumps(data)


def profile_to_dict(profile) -> dict:
    """A ``PaymentProfile`` as plain JSON values (dates as YYYY-MM-DD)."""
    data = {name: _iso(getattr(profile, name)) for name in profile.__slots__}
    data["lateness_quantiles"] = list(profile.lateness_quantiles)
    data["promised_dates"] = [
        {"invoice_id": key, "date": day.isoformat()} for key, day in profile.promised_dates
    ]
    data["promise_kept_rate"] = profile.promise_kept_rate
    return data


def risk_to_dict(risk) -> dict:
    return {
        "score": risk.score,
        "band": risk.band,
        "late_probability": risk.late_probability,
        "explanation": risk.explanation,
        "factors": [{"code": f.code, "text": f.text, "points": f.points} for f in risk.factors],
    }
