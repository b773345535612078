"""The checks a model's reading of a reply must pass before anyone sees it.

The answer is a proposal, validated like the offline engine's: a schema violation, an
amount above what is due (or not positive), a currency the customer does not owe in,
a promised or return date in the past (or more than ``MAX_DAYS_AHEAD`` ahead), or
invoices of which none is open reject the whole answer. Smaller slips are dropped, each
noted and costing confidence: an unknown invoice next to known ones, a date or reason
the intents do not need, a new contact not in the customer's text (a quote not in it
is dropped at no cost).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.replies.types import (
    INTENTS,
    REASONS,
    Evidence,
    OpenInvoice,
    Understanding,
    order_intents,
    primary_of,
)

from .redact import Redactor
from .schema import schema_errors

MAX_DAYS_AHEAD = 400
TOLERANCE = 0.005
DROP_PENALTY = 0.1  # confidence lost per dropped item
_PROMISE_INTENTS = ("promise_to_pay", "payment_plan")


class Rejected(Exception):
    def __init__(self, code: str, text: str):
        super().__init__(text)
        self.code = code
        self.text = text


@dataclass(frozen=True, slots=True)
class Verdict:
    understanding: Understanding | None  # None: rejected
    rejected: str | None  # the code, e.g. amount_above_due
    problems: tuple[str, ...]  # English: why rejected, or what was dropped


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def understanding_schema(invoice_numbers: Sequence[str] | None = None) -> dict:
    """The tool's input schema (strict-tool compatible). With ``invoice_numbers`` the
    model may only name those; the local check takes any string and resolves it."""
    invoice = {"type": "string"}
    if invoice_numbers:
        invoice = {"type": "string", "enum": list(dict.fromkeys(invoice_numbers))}
    intent = {"type": "string", "enum": list(INTENTS)}
    properties = {
        "intent": intent,
        "intents": {"type": "array", "items": intent},
        "invoices": {"type": "array", "items": invoice},
        "intent_invoices": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["intent", "invoices"],
                "properties": {"intent": intent, "invoices": {"type": "array", "items": invoice}},
            },
        },
        "promised_date": _nullable({"type": "string", "format": "date"}),
        "return_date": _nullable({"type": "string", "format": "date"}),
        "amount": _nullable({"type": "number"}),
        "currency": _nullable({"type": "string"}),
        "reason": {"enum": [*REASONS, None]},
        "new_contact": _nullable({"type": "string"}),
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["intent", "text"],
                "properties": {"intent": intent, "text": {"type": "string"}},
            },
        },
        "confidence": {"type": "number"},
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Check:
    def __init__(self, answer, offline, open_invoices, message_date, sent_text, redactor):
        self.answer = answer
        self.offline = offline
        self.open = {inv.number: inv for inv in open_invoices}
        self.names: dict[str, str] = {}
        for inv in open_invoices:
            if inv.ref and len(inv.ref.strip()) >= 3:
                self.names.setdefault(_key(inv.ref), inv.number)
        for inv in open_invoices:  # our numbers win over a customer reference
            self.names[_key(inv.number)] = inv.number
        self.message_date = message_date
        self.sent_text = _squash(sent_text)
        self.redactor = redactor
        self.problems: list[str] = []
        self.penalties = 0

    def drop(self, text: str, penalty: bool = True) -> None:
        self.problems.append(text)
        self.penalties += int(penalty)

    def run(self) -> Understanding:
        errors = schema_errors(self.answer, understanding_schema())
        if errors:
            raise Rejected("schema", "; ".join(errors[:5]))
        a = self.answer
        if not 0.0 <= a["confidence"] <= 1.0:
            raise Rejected("schema", f"$.confidence: {a['confidence']} is not between 0 and 1")
        intents = order_intents({*a["intents"], a["intent"]})
        primary = primary_of(intents)
        per_intent = self._invoices(a, intents)
        invoices = tuple(dict.fromkeys(n for numbers in per_intent.values() for n in numbers))
        invoices = tuple(dict.fromkeys((*self._resolve_all(a["invoices"]), *invoices)))
        amount, currency = self._money(a["amount"], a["currency"], invoices)
        promised = self._date(a["promised_date"], "promised_date", intents, _PROMISE_INTENTS)
        back = self._date(a["return_date"], "return_date", intents, ("out_of_office",))
        reason = a["reason"]
        if reason is not None and "dispute" not in intents:
            self.drop(f"dropped reason {reason}: the reply is not read as a dispute")
            reason = None
        contact = self._contact(a["new_contact"], intents)
        evidence = self._quotes(a["quotes"], intents)
        confidence = max(0.0, float(a["confidence"]) - DROP_PENALTY * self.penalties)
        offline = self.offline
        return Understanding(
            intent=primary,
            intents=intents,
            promised_date=promised,
            return_date=back,
            amount=amount,
            currency=currency,
            invoices=invoices,
            reason=reason,
            new_contact=contact,
            confidence=round(confidence, 3),
            engine="llm",
            intent_invoices=per_intent,
            customer_text=offline.customer_text,
            language=offline.language,
            is_auto_reply=offline.is_auto_reply,
            is_bounce=offline.is_bounce,
            attachments=offline.attachments,
            evidence=evidence,
        )

    def _resolve_all(self, names) -> list[str]:
        known, unknown = [], []
        for name in names:
            number = self.names.get(_key(self.redactor.restore(name)))
            (known if number else unknown).append(number or name)
        if unknown and not known:
            raise Rejected(
                "unknown_invoice",
                f"named only invoices that are not open: {', '.join(unknown[:5])}",
            )
        for name in unknown:
            self.drop(f"dropped invoice {name}: not an open invoice of this customer")
        return known

    def _invoices(self, answer, intents) -> dict[str, tuple[str, ...]]:
        per_intent: dict[str, list[str]] = {}
        for entry in answer["intent_invoices"]:
            if entry["intent"] not in intents:
                self.drop(f"dropped invoices for {entry['intent']}: not among the intents")
                continue
            bucket = per_intent.setdefault(entry["intent"], [])
            for number in self._resolve_all(entry["invoices"]):
                if number not in bucket:
                    bucket.append(number)
        return {intent: tuple(numbers) for intent, numbers in per_intent.items() if numbers}

    def _money(self, amount, currency, invoices) -> tuple[float | None, str | None]:
        if amount is None:
            return None, None
        amount = float(amount)
        if amount <= 0:
            raise Rejected("invalid_amount", f"amount {amount} is not a positive amount")
        owed = {inv.currency for inv in self.open.values()}
        currency = (currency or "").strip().upper() or None
        if currency is not None and currency not in owed:
            raise Rejected("currency_mismatch", f"the customer owes nothing in {currency}")
        scope = [self.open[n] for n in invoices] or list(self.open.values())
        if currency is None:
            in_scope = {inv.currency for inv in scope}
            if len(in_scope) != 1:
                self.drop(f"dropped amount {amount:.2f}: no currency and several are owed")
                return None, None
            currency = in_scope.pop()
        if not any(inv.currency == currency for inv in scope):
            raise Rejected("currency_mismatch", f"the invoices named are not in {currency}")
        due = round(sum(inv.amount_residual for inv in scope if inv.currency == currency), 2)
        if amount > due + TOLERANCE:
            what = "the invoices named" if invoices else "the open invoices"
            raise Rejected(
                "amount_above_due",
                f"amount {amount:.2f} {currency} is above the {due:.2f} {currency} due on {what}",
            )
        return round(amount, 2), currency

    def _date(self, value, name, intents, needs) -> date | None:
        if value is None:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise Rejected("invalid_date", f"{name} {value!r} is not a date (YYYY-MM-DD)") from None
        if not any(i in intents for i in needs):
            self.drop(f"dropped {name} {value}: no {' or '.join(needs)} intent")
            return None
        if day < self.message_date:
            raise Rejected(
                "past_date", f"{name} {value} is before the message date {self.message_date}"
            )
        if day > self.message_date + timedelta(days=MAX_DAYS_AHEAD):
            raise Rejected("date_too_far", f"{name} {value} is more than a year ahead")
        return day

    def _contact(self, value, intents) -> str | None:
        if not value:
            return None
        if "redirect" not in intents:
            self.drop("dropped new_contact: the reply is not read as a redirect")
            return None
        contact = self.redactor.restore(value).strip()
        if _squash(contact) not in _squash(self.offline.customer_text):
            self.drop("dropped new_contact: not written in the customer's reply")
            return None
        return contact[:200]

    def _quotes(self, quotes, intents) -> tuple[Evidence, ...]:
        found = []
        for quote in quotes:
            text = quote["text"].strip()
            if not text or quote["intent"] not in intents or _squash(text) not in self.sent_text:
                self.drop("dropped a quote not in the reply or for no intent found", penalty=False)
                continue
            found.append(Evidence("llm_quote", quote["intent"], self.redactor.restore(text)[:300]))
        return tuple(found)


def check_answer(
    answer,
    *,
    offline: Understanding,
    open_invoices: Sequence[OpenInvoice],
    message_date: date,
    sent_text: str,
    redactor: Redactor | None = None,
) -> Verdict:
    """Validate the tool input ``answer``; ``sent_text`` is the reply as it was sent."""
    check = _Check(answer, offline, open_invoices, message_date, sent_text, redactor or Redactor())
    try:
        reading = check.run()
    except Rejected as exc:
        return Verdict(None, exc.code, (exc.text, *check.problems))
    return Verdict(reading, None, tuple(check.problems))
