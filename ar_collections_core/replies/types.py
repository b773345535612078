"""The contract of reply understanding: what goes in, what comes out.

An ``Understanding`` is only ever a proposal: nothing in a reply changes the ledger.
The Odoo side decides what to do with it, within the policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

INTENTS = (
    "promise_to_pay",
    "paid_already",
    "dispute",
    "request_document",
    "payment_plan",
    "question",
    "out_of_office",
    "redirect",
    "opt_out",
    "legal_insolvency",
    "acknowledgement",
    "other",
)

# When a reply carries several intents, the primary one is the one that asks the most
# of the collector (a legal notice before a dispute, a dispute before a promise).
INTENT_PRIORITY = (
    "legal_insolvency",
    "out_of_office",
    "opt_out",
    "dispute",
    "payment_plan",
    "promise_to_pay",
    "paid_already",
    "redirect",
    "request_document",
    "question",
    "acknowledgement",
    "other",
)

REASONS = (
    "price",
    "quantity_not_received",
    "quality",
    "duplicate",
    "missing_po",
    "tax",
    "service_level",
    "other",
)

LANGUAGES = ("en", "fr", "de", "es", "nl")


def primary_of(intents) -> str:
    """The primary intent among ``intents`` (by ``INTENT_PRIORITY``), ``other`` if none."""
    present = set(intents)
    for intent in INTENT_PRIORITY:
        if intent in present:
            return intent
    return "other"


def order_intents(intents) -> tuple[str, ...]:
    present = set(intents)
    return tuple(intent for intent in INTENT_PRIORITY if intent in present)


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """One of the customer's open invoices, as the reply may refer to it."""

    number: str
    amount_residual: float = 0.0
    currency: str = "EUR"
    due_date: date | None = None
    ref: str = ""  # the customer's own reference or PO number

    @classmethod
    def from_mapping(cls, data: Mapping) -> OpenInvoice:
        """Build from the CLI contract's dict; raises ``ValueError`` on bad input."""
        number = data.get("number")
        if not isinstance(number, str) or not number.strip():
            raise ValueError("open invoice without a number")
        due = data.get("due_date")
        try:
            due_date = date.fromisoformat(due) if due else None
        except (TypeError, ValueError) as exc:
            raise ValueError(f"bad due_date for {number}: {due!r}") from exc
        try:
            residual = float(data.get("amount_residual") or 0.0)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"bad amount_residual for {number}") from exc
        return cls(
            number=number.strip(),
            amount_residual=residual,
            currency=str(data.get("currency") or "EUR").upper(),
            due_date=due_date,
            ref=str(data.get("ref") or "").strip(),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the reading says what it says: a stable code, the intent, the words seen."""

    code: str
    intent: str
    text: str


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a customer's reply says, as far as the engine could tell."""

    intent: str
    intents: tuple[str, ...]
    promised_date: date | None = None
    return_date: date | None = None
    amount: float | None = None
    currency: str | None = None
    invoices: tuple[str, ...] = ()
    reason: str | None = None
    new_contact: str | None = None
    confidence: float = 0.0
    engine: str = "offline"
    # invoices per intent, e.g. {"dispute": ("INV/00140",), "promise_to_pay": (...)}
    intent_invoices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    customer_text: str = ""
    language: str | None = None
    is_auto_reply: bool = False
    is_bounce: bool = False
    attachments: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    error: str | None = None

    def to_contract_dict(self) -> dict:
        """The CLI/JSON contract's fields (without ``id``), dates as ISO strings."""
        return {
            "intent": self.intent,
            "intents": list(self.intents),
            "promised_date": self.promised_date.isoformat() if self.promised_date else None,
            "return_date": self.return_date.isoformat() if self.return_date else None,
            "amount": self.amount,
            "currency": self.currency,
            "invoices": list(self.invoices),
            "reason": self.reason,
            "new_contact": self.new_contact,
            "confidence": round(self.confidence, 3),
            "engine": self.engine,
        }

    def to_dict(self) -> dict:
        """Everything, for logs and the Odoo side's storage."""
        data = self.to_contract_dict()
        data.update(
            intent_invoices={k: list(v) for k, v in self.intent_invoices.items()},
            customer_text=self.customer_text,
            language=self.language,
            is_auto_reply=self.is_auto_reply,
            is_bounce=self.is_bounce,
            attachments=list(self.attachments),
            evidence=[{"code": e.code, "intent": e.intent, "text": e.text} for e in self.evidence],
            error=self.error,
        )
        return data
