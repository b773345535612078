"""Intents read clause by clause, with negation, hedging and conditions.

A reply is cut into sentences and then at contrastive conjunctions ("we'll pay 00123 on
Friday but 00140 is wrong"), so that each intent keeps its own invoices and dates. A
promise or a payment claim is dropped when negated ("we cannot pay this week"),
hedged ("we hope to pay") or conditional ("if you don't receive payment by Friday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ar_collections_core.replies.cues import CUES
from ar_collections_core.replies.datewords import MONTHS
from ar_collections_core.replies.modifiers import (
    BEFORE,
    CONDITIONAL,
    CONTRAST,
    DEADLINE,
    DISPUTE_IDIOMS,
    GOODS,
    HEDGE,
    INVOICE_NOT_RECEIVED,
    NEGATION,
    NEGATION_IDIOMS,
    QUESTION_FORM,
    RESTRICTION,
    SOMEONE_ELSE,
    TRAILING_CONDITION,
    UNTIL_CONDITION,
    WRONG_ADDRESSEE,
)

# A period ends a sentence unless a lowercase word follows: "am 24.07. beglichen",
# "le 3 déc. prochain" go on.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?![a-zà-ÿ])|\n+|(?<=[.!?])(?=[A-ZÀ-Ý])")
_DAY_BEFORE = re.compile(r"(?<![\d.])\d{1,2}\.$")
_MONTH_AFTER = re.compile(
    "(?:" + "|".join(sorted({m for months in MONTHS.values() for m in months}, key=len,
                            reverse=True)) + r")\b",
    re.I,
)  # fmt: skip
_PAYMENT_CLAIMS = ("promise_to_pay", "paid_already")
_DOCUMENT_WORDS = re.compile(
    r"\b(?:cop(?:y|ies)|copie|kopie|copia|duplicat\w*|duplikat|duplicado|statement|relevé"
    r"|\w*auszug|extracto|overzicht|pdf|w-?9|rib)\b",
    re.I,
)


_OWE_NOTHING = re.compile(
    r"\bowe you nothing\b|\bne vous (?:doit|devons) (?:plus )?rien\b|\bno (?:les |os )?debemos"
    r" nada\b|\b(?:zijn|is) (?:u |jullie )?niets (?:meer )?verschuldigd\b|\bnothing (?:is )?"
    r"(?:outstanding|owing|due)\b|\bschulden (?:ihnen )?nichts\b|\b(?:don't|do not) (?:have|owe)"
    r" (?:you )?anything\b|\bkeine offenen posten\b"
    r"|\bposten (?:ist |sind )?(?:bei uns )?nicht mehr\b",
    re.I,
)
# A payment run names no tense: "paid in the payment run of the 5th" is done.
_PAYMENT_RUN = re.compile(
    r"(?:(?:next|upcoming|our) )?payment run|zahlungslauf|zahllauf|(?:(?:la )?remesa de pagos"
    r"|campagne de (?:paiement|règlement)s?|virement groupé|betaalrun)",
    re.I,
)
_ALREADY = re.compile(r"\b(?:already|bereits|schon|déjà|ya|al|reeds)\b", re.I)
# Dispute words that, next to a payment made, explain the payment, not a complaint.
_PAID_NOT_DISPUTED = re.compile(
    r"credit note|gutschrift|(?:un |votre |cet |notre |d'un )?avoir|nota de crédito|creditnota"
    r"|doppelt|twice|deux fois|dos veces|twee keer|en double|dubbel|duplicad[oa]|duplicate",
    re.I,
)


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    text: str
    intents: dict[str, str] = field(default_factory=dict)  # intent -> words seen
    blocked: dict[str, str] = field(default_factory=dict)  # intent -> why it was dropped
    positions: dict[str, int] = field(default_factory=dict)  # intent -> where its cue starts


def split_clauses(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
        if _DAY_BEFORE.search(text, 0, match.start()) and _MONTH_AFTER.match(text, match.end()):
            continue  # "am 10. März": a German date, not a sentence end
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    clauses = []
    for start, end in spans:
        piece = text[start:end]
        cut = start
        for match in CONTRAST.finditer(piece):
            near = piece[max(0, match.start() - 20) : match.end() + 20]
            if match.start() > 0 and not DEADLINE.search(near):
                # "sobald ..., spätestens aber am 10.": the deadline belongs to the promise
                clauses.append((cut, start + match.start()))
                cut = start + match.end()
        clauses.append((cut, end))
    return [(s, e) for s, e in clauses if text[s:e].strip(" \t.,;:-")]


def analyze(text: str, date_positions: tuple[int, ...] = ()) -> list[Clause]:
    """Clauses of ``text`` (the customer's words, numbers masked) with their intents;
    ``date_positions`` are where dates start (a dated "once ..." is still a promise)."""
    plain = _without_idioms(text)
    # An intent whose words appear nowhere in the reply is not looked for clause by clause.
    candidates = [(intent, pattern) for intent, pattern in CUES.items() if pattern.search(plain)]
    clauses = []
    for start, end in split_clauses(text):
        clause = Clause(start, end, text[start:end])
        dated = any(start <= position < end for position in date_positions)
        _read_clause(clause, plain[start:end], candidates, dated)
        clauses.append(clause)
    return clauses


def _without_idioms(text: str) -> str:
    """Same-length text with idioms that look like cues blanked ("no problem", "sin falta")."""
    plain = NEGATION_IDIOMS.sub(lambda m: "_" * len(m.group(0)), text)
    return DISPUTE_IDIOMS.sub(lambda m: "_" * len(m.group(0)), plain)


def _read_clause(clause: Clause, plain: str, candidates, dated: bool = False) -> None:
    for intent, pattern in candidates:
        match = pattern.search(plain)
        if not match:
            continue
        if intent in _PAYMENT_CLAIMS:
            why = _why_not_a_claim(plain, match, dated)
            if not why and intent == "promise_to_pay" and is_question(plain):
                why = "asked"  # "can we pay on Friday?" proposes, it does not promise
            if why:
                clause.blocked[intent] = why
                continue
        clause.intents[intent] = match.group(0).strip()
        clause.positions[intent] = clause.start + match.start()
    if (
        "dispute" in clause.intents
        and "request_document" in clause.intents
        and INVOICE_NOT_RECEIVED.search(plain)
        and not GOODS.search(plain)
    ):
        clause.intents.pop("dispute")
    if (
        "dispute" in clause.intents
        and "paid_already" in clause.intents
        and _PAID_NOT_DISPUTED.fullmatch(clause.intents["dispute"].strip(" ."))
    ):
        clause.intents.pop("dispute")  # "offset against your credit note", "we paid it twice"
    if "redirect" in clause.intents and "dispute" in clause.intents:
        at = clause.positions["dispute"] - clause.start
        if any(m.start() <= at < m.end() for m in WRONG_ADDRESSEE.finditer(plain)):
            clause.intents.pop("dispute")  # "wrong company": the error is who was billed
    if (
        "redirect" in clause.intents
        and "request_document" in clause.intents
        and not _DOCUMENT_WORDS.search(plain)
    ):
        clause.intents.pop("request_document")  # "send all invoices to ap@...": where, not what
    if (
        "promise_to_pay" in clause.intents
        and "paid_already" in clause.intents
        and _PAYMENT_RUN.fullmatch(clause.intents["promise_to_pay"].strip(" ."))
    ):
        clause.intents.pop("promise_to_pay")  # "beglichen mit dem Zahlungslauf vom 5.": done
    if (
        "promise_to_pay" in clause.intents
        and "paid_already" in clause.intents
        and _ALREADY.search(clause.intents["promise_to_pay"])
    ):
        clause.intents.pop("promise_to_pay")  # "die Zahlung ist bereits erfolgt": done
    if "promise_to_pay" in clause.intents and "paid_already" in clause.intents:
        # "the payment was scheduled and will be made Friday": the later verb tells.
        promise_at = CUES["promise_to_pay"].search(plain).start()
        paid_at = CUES["paid_already"].search(plain).start()
        if abs(promise_at - paid_at) < 12:
            clause.intents.pop("paid_already")


def _why_not_a_claim(text: str, match: re.Match, dated: bool) -> str | None:
    # German and Dutch put the negation late: "wij betalen deze factuur zo niet".
    # The window ends on whole words ("notre" is no "not").
    window = _whole_words(text, match.start() - 40, match.end() + 40)
    window = DEADLINE.sub(lambda found: "_" * len(found.group(0)), window)  # "no later than"
    inside = match.group(0)
    if (NEGATION.search(window) or NEGATION.search(inside)) and not _OWE_NOTHING.search(window):
        return "negated"  # "on ne vous doit plus rien" negates the debt, not the payment
    if dated and DEADLINE.search(text):
        return None  # "once our customer pays, at the latest on 5 March": still a promise
    if CONDITIONAL.search(text) or (not dated and UNTIL_CONDITION.search(text)):
        return "conditional"
    if BEFORE.search(text[max(0, match.start() - 20) : match.start() + 3]):
        return "conditional"  # "bevor wir zahlen", "avant de régler": a condition, no promise
    if not dated and TRAILING_CONDITION.search(text[match.end() : match.end() + 40]):
        return "conditional"  # "we will pay when we are able to"
    if HEDGE.search(text[max(0, match.start() - 40) : match.end()]):
        return "hedged"
    if not dated and RESTRICTION.search(text[match.start() : match.end() + 30]):
        return "restricted"
    if not dated and SOMEONE_ELSE.search(text[match.start() : match.end() + 40]):
        return "someone_else"  # "worden betaald door het hoofdkantoor"
    return None


def _whole_words(text: str, start: int, end: int) -> str:
    start, end = max(0, start), min(len(text), end)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def is_question(clause_text: str) -> bool:
    """A clause asked as a question: a question mark and a question's opening words."""
    return "?" in clause_text and bool(QUESTION_FORM.search(clause_text))
