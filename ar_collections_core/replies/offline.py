"""The offline engine: the shipped intent model over the words and the rules' cues.

Rules read the reply clause by clause and find the cues they can point to (with the
words as evidence), tie invoices, dates and amounts to their clauses, and see when a
claim is negated, hedged or conditional. The model weighs those cues together with
the words and picks the intents (``decision.py``); the extractors then take the
promised date, amount, reason and contact from the clauses of those intents.
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
from ar_collections_core.replies.decision import decide
from ar_collections_core.replies.features import FeatureSet
from ar_collections_core.replies.features import extract as extract_features
from ar_collections_core.replies.language import detect_language
from ar_collections_core.replies.mail import ParsedMail, parse_message
from ar_collections_core.replies.modifiers import HEDGE
from ar_collections_core.replies.quotes import ReplyText, strip_reply
from ar_collections_core.replies.references import InvoiceMatcher, Reference, mask_spans
from ar_collections_core.replies.rules import analyze, is_question
from ar_collections_core.replies.signals import cues_of
from ar_collections_core.replies.types import Evidence, OpenInvoice, Understanding

ENGINE_NAME = "offline"
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


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the rules and finders saw in a reply, and the model's features."""

    prepared: Prepared
    amounts: list
    for_dates: str  # the masked text with amounts masked too
    dates: list
    rule_text: str
    clauses: list
    cues: tuple[str, ...]
    features: FeatureSet


def analyse(
    message: str | bytes,
    *,
    today: date,
    partner_lang: str | None,
    open_invoices: Sequence[OpenInvoice],
) -> Analysis:
    prepared = prepare(message, partner_lang=partner_lang, open_invoices=open_invoices)
    mail, masked, lang = prepared.mail, prepared.masked, prepared.lang
    currencies = {invoice.currency for invoice in open_invoices}
    amounts = find_amounts(masked, lang)
    for_dates = mask_spans(masked, [(a.start, a.end) for a in amounts])
    dates = DateFinder(lang, today, date_order(partner_lang, lang, currencies)).find(for_dates)
    rule_text = _email_placeholders(prepared.own_text, masked, mail.sender)
    clauses = analyze(rule_text, tuple(found.start for found in dates))
    cues = cues_of(
        clauses=clauses,
        dates=dates,
        today=today,
        amounts=amounts,
        references=prepared.references,
        own_text=prepared.own_text,
        rule_text=rule_text,
        auto_reply=mail.auto_reply,
        attachments=mail.attachments,
    )
    features = extract_features(masked, cues, lang)
    return Analysis(prepared, amounts, for_dates, dates, rule_text, clauses, cues, features)


def read_reply(
    message: str | bytes,
    *,
    today: date,
    partner_lang: str | None,
    open_invoices: Sequence[OpenInvoice],
) -> Understanding:
    analysis = analyse(message, today=today, partner_lang=partner_lang, open_invoices=open_invoices)
    prepared = analysis.prepared
    mail, reply, own_text, lang = prepared.mail, prepared.reply, prepared.own_text, prepared.lang
    references = prepared.references
    currencies = {invoice.currency for invoice in open_invoices}
    default_currency = next(iter(currencies)) if len(currencies) == 1 else None

    if mail.bounce:
        evidence = (Evidence("bounce", "other", "; ".join(mail.bounce_signals)),)
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
            evidence=evidence,
        )

    clauses, dates, amounts = analysis.clauses, analysis.dates, analysis.amounts
    model = load_model()
    probabilities = model.scores(analysis.features) if model and own_text.strip() else {}
    decision = decide(
        clauses,
        probabilities,
        auto_reply=mail.auto_reply,
        settings=model.settings if model else None,
        explain=(lambda intent: model.explain(analysis.features, intent)) if model else None,
        word_count=len(own_text.split()),
        dated=_promise_dated(
            clauses, extract.not_document_dates(analysis.for_dates, dates, today), today
        ),
        hedged=bool(HEDGE.search(analysis.rule_text)),
    )
    intents, confidence = decision.intents, decision.confidence
    evidence = list(decision.evidence)
    primary = intents[0]
    intent_invoices = _invoices_by_intent(clauses, references, primary, intents)
    promise = (
        extract.promised_date(clauses, dates, today, analysis.for_dates)
        if "promise_to_pay" in intents
        else None
    )
    back = (
        extract.return_date(analysis.for_dates, dates, today)
        if "out_of_office" in intents
        else None
    )
    amount, currency = extract.money(clauses, amounts, intents, default_currency, open_invoices)
    reason = extract.dispute_reason(clauses, analysis.rule_text) if "dispute" in intents else None
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


def _promise_dated(clauses, dates, today: date) -> bool:
    """A date from today on that could be a promise's: not in a question ("can we pay on
    Friday?") nor in a clause that only claims a payment made ("we paid on Friday")."""
    for found in dates:
        if found.value < today:
            continue
        clause = extract.clause_of(clauses, found.start)
        if clause is None:
            return True
        if is_question(clause.text):
            continue
        if "paid_already" in clause.intents and "promise_to_pay" not in clause.intents:
            continue
        return True
    return False


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
