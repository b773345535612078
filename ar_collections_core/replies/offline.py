"""The offline engine: rules clause by clause, plus the shipped naive Bayes model.

Rules find intents they can point to (with the words as evidence) and tie invoices,
dates and amounts to them; the model catches phrasings no rule foresaw and gives the
confidence. A promise is never taken from the model alone when a rule saw the claim
negated, hedged or conditional.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ar_collections_core.replies import extract
from ar_collections_core.replies.amounts import find_amounts
from ar_collections_core.replies.classifier import load_model
from ar_collections_core.replies.dates import DateFinder, date_order
from ar_collections_core.replies.language import detect_language
from ar_collections_core.replies.mail import ParsedMail, parse_message
from ar_collections_core.replies.modifiers import SOFT_OPT_OUT, WEAK_INTENTS
from ar_collections_core.replies.quotes import ReplyText, strip_reply
from ar_collections_core.replies.references import InvoiceMatcher, Reference, mask_spans
from ar_collections_core.replies.rules import analyze
from ar_collections_core.replies.types import (
    Evidence,
    OpenInvoice,
    Understanding,
    order_intents,
    primary_of,
)

ENGINE_NAME = "offline"
MODEL_THRESHOLD = 0.65  # a model-only reading needs this (chosen by `replies eval --split cv`)
_REPLY_SUBJECT = re.compile(r"^\s*(re|aw|sv|antw|rv|r|ref|tr|fw|fwd|wg)\s*:", re.I)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A reply taken apart: the customer's words, and them with numbers masked."""

    mail: ParsedMail
    reply: ReplyText
    own_text: str
    lang: str
    references: list[Reference]
    masked: str  # invoice references, e-mails, phones, IBANs masked


def prepare(
    message: str | bytes, *, partner_lang: str | None, open_invoices: Sequence[OpenInvoice]
) -> Prepared:
    mail = parse_message(message)
    reply = strip_reply(mail.text)
    own_text = reply.text
    if mail.subject and not _REPLY_SUBJECT.match(mail.subject) and not mail.auto_reply:
        own_text = f"{mail.subject}\n{own_text}" if own_text else mail.subject
    lang = detect_language(own_text or mail.subject, partner_lang)
    references, masked = InvoiceMatcher(open_invoices).find(own_text, lang)
    return Prepared(mail, reply, own_text, lang, references, masked)


def read_reply(
    message: str | bytes,
    *,
    today: date,
    partner_lang: str | None,
    open_invoices: Sequence[OpenInvoice],
) -> Understanding:
    prepared = prepare(message, partner_lang=partner_lang, open_invoices=open_invoices)
    mail, reply, own_text, lang = prepared.mail, prepared.reply, prepared.own_text, prepared.lang
    references, masked = prepared.references, prepared.masked
    evidence: list[Evidence] = []
    currencies = {invoice.currency for invoice in open_invoices}
    default_currency = next(iter(currencies)) if len(currencies) == 1 else None

    if mail.bounce:
        evidence.append(Evidence("bounce", "other", "; ".join(mail.bounce_signals)))
        return Understanding(
            intent="other",
            intents=("other",),
            confidence=0.95,
            engine=ENGINE_NAME,
            customer_text=own_text,
            language=lang,
            is_bounce=True,
            is_auto_reply=mail.auto_reply,
            attachments=mail.attachments,
            evidence=tuple(evidence),
        )

    amounts = find_amounts(masked, lang)
    for_dates = mask_spans(masked, [(a.start, a.end) for a in amounts])
    dates = DateFinder(lang, today, date_order(partner_lang, lang, currencies)).find(for_dates)
    rule_text = _email_placeholders(own_text, masked, mail.sender)
    clauses = analyze(rule_text, tuple(found.start for found in dates))

    model = load_model()
    probabilities = model.scores(masked) if model and own_text.strip() else {}
    has_future_date = any(found.value >= today for found in dates)
    intents, confidence = _decide(
        clauses, probabilities, mail.auto_reply, evidence, has_future_date
    )
    if mail.auto_reply:
        evidence.append(
            Evidence("auto_reply_header", "out_of_office", "; ".join(mail.auto_reply_signals))
        )

    primary = primary_of(intents)
    intent_invoices = _invoices_by_intent(clauses, references, primary, intents)
    promise = extract.promised_date(clauses, dates, today) if "promise_to_pay" in intents else None
    back = extract.return_date(for_dates, dates, today) if "out_of_office" in intents else None
    amount, currency = extract.money(clauses, amounts, intents, default_currency)
    reason = extract.dispute_reason(clauses, rule_text) if "dispute" in intents else None
    contact = extract.new_contact(own_text, mail.sender) if "redirect" in intents else None
    for found, code in ((promise, "promised_date"), (back, "return_date")):
        if found:
            evidence.append(Evidence(code, primary, f"{found.text} -> {found.value}"))
    invoices = tuple(dict.fromkeys(reference.number for reference in references))
    return Understanding(
        intent=primary,
        intents=intents,
        promised_date=promise.value if promise else None,
        return_date=back.value if back else None,
        amount=amount,
        currency=currency,
        invoices=invoices,
        reason=reason,
        new_contact=contact,
        confidence=confidence,
        engine=ENGINE_NAME,
        intent_invoices=intent_invoices,
        customer_text=reply.text,
        language=lang,
        is_auto_reply=mail.auto_reply,
        is_bounce=False,
        attachments=mail.attachments,
        evidence=tuple(evidence),
    )


def _email_placeholders(original: str, masked: str, sender: str = "") -> str:
    """Masked text where e-mail addresses read as 'e@e' again (rules need to see them),
    except the sender's own address, which points nowhere new."""
    chars = list(masked)
    own = {address.lower() for address in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", sender)}
    for match in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", original):
        if match.group(0).lower() in own:
            continue
        start, end = match.span()
        chars[start:end] = list("e@" + "e" * (end - start - 2))
    return "".join(chars)


def _decide(
    clauses, probabilities, auto_reply, evidence, has_future_date=False
) -> tuple[tuple[str, ...], float]:
    """Intents from the rules when they saw any; else the model's reading when it is
    sure enough; else the weak cues (thanks, a question); else "other"."""
    found: dict[str, str] = {}
    blocked: dict[str, str] = {}
    for clause in clauses:
        for intent, words in clause.intents.items():
            found.setdefault(intent, words)
        for intent, why in clause.blocked.items():
            blocked.setdefault(intent, why)
    for intent, why in blocked.items():
        if intent not in found:
            evidence.append(Evidence(f"{why}_claim", intent, "rule saw the claim " + why))
    present = {intent: words for intent, words in found.items() if intent not in WEAK_INTENTS}
    if auto_reply:
        present.setdefault("out_of_office", "auto-reply headers")
    if "opt_out" in present and ("paid_already" in present or "dispute" in present):
        if SOFT_OPT_OUT.search(present["opt_out"]):
            evidence.append(Evidence("opt_out_in_context", "opt_out", present.pop("opt_out")))
    if "out_of_office" in present and "redirect" in present:
        # "for urgent matters contact x@y": a stand-in while away, not a new contact.
        evidence.append(Evidence("stand_in_contact", "redirect", present.pop("redirect")))
    if not present:
        best = max(probabilities, key=probabilities.get) if probabilities else "other"
        best_p = probabilities.get(best, 0.0)
        weak = {intent: words for intent, words in found.items() if intent in WEAK_INTENTS}
        # A promise the rules did not see is taken from the model only with a date in
        # the reply: an invented promise would pause dunning for nothing.
        promise_ok = best != "promise_to_pay" or has_future_date
        if weak:
            present = weak
        elif best not in blocked and best_p >= MODEL_THRESHOLD and promise_ok:
            present = {best: f"model p={best_p:.2f}"}
        else:
            present = {"other": f"no cue; model best guess {best} p={best_p:.2f}"}
    for intent, words in present.items():
        code = "model" if words.startswith("model") else "rule"
        evidence.append(Evidence(code, intent, words))
    intents = order_intents(present)
    primary = intents[0]
    model_p = probabilities.get(primary, 0.0)
    if primary in found or (auto_reply and primary == "out_of_office"):
        confidence = 0.6 + 0.35 * model_p + (0.05 if auto_reply else 0.0)
    elif primary == "other":
        confidence = 0.3 + 0.3 * model_p
    else:
        confidence = 0.2 + 0.6 * model_p
    return intents, round(min(confidence, 0.99), 3)


def _invoices_by_intent(clauses, references, primary, intents) -> dict[str, tuple[str, ...]]:
    per_intent: dict[str, list[str]] = {}
    for reference in references:
        clause = extract.clause_of(clauses, reference.start)
        targets = [i for i in (clause.intents if clause else {}) if i in intents]
        for intent in targets or [primary]:
            bucket = per_intent.setdefault(intent, [])
            if reference.number not in bucket:
                bucket.append(reference.number)
    return {intent: tuple(numbers) for intent, numbers in per_intent.items()}
