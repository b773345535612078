"""References to the customer's open invoices, and masking of what only looks like one.

A reference is resolved ONLY to a number in ``open_invoices``: a full number
("INV/2025/00123", "inv 2025-123"), the customer's own reference or PO, or a short
form ("00123", "invoice 219", "facture n° 140"). Phone numbers, IBANs, e-mail
addresses, links and amounts are masked first so their digits never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ar_collections_core.replies.amounts import find_amounts
from ar_collections_core.replies.types import OpenInvoice

MASKS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "url": re.compile(r"\b(?:https?://|www\.)\S+", re.I),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b"),
    "phone": re.compile(
        r"(?<![\w/])(?:(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)[\s]?)?\d{1,4}(?:[\s./-]?\d{2,4}){2,5}"
        r"|\(?0\d{1,4}\)?[\s./-]\d{2,4}(?:[\s./-]\d{2,4}){1,4}"
        r"|0\d{9,10})(?![\w/])"
    ),
}
_INVOICE_WORDS = (
    r"invoices?|inv|bill|facture?s?|fact|fac|rechnung(?:en)?|rechnungsnr|rg|re|rn|"
    r"factura(?:s)?|fra|fact\.|factuur|facturen|fnr|nr|no|n°|nº|num|número|nummer|ref|réf|"
    r"reference|référence|referenz|referencia|referentie|#"
)
_SHORT_FORM = re.compile(
    r"(?P<lead>(?:\b(?:" + _INVOICE_WORDS + r")\.?\s*(?:n[°ºo]\.?|nr\.?|no\.?|#|:)?\s*)|#\s?)?"
    r"(?<![\w/.,-])(?P<year>20\d{2}[/-])?(?P<digits>\d{2,10})(?![\w/]|[.,]\d)",
    re.I,
)
_LIST_JOIN = re.compile(r"^\s*(?:,|&|and|et|und|y|e|en|as well as|\+|/)\s*$", re.I)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")


@dataclass(frozen=True, slots=True)
class Reference:
    number: str  # the open invoice's number
    start: int
    end: int
    text: str
    how: str  # full | ref | short


def mask_spans(text: str, spans, placeholder: str = " ") -> str:
    """Replace each (start, end) span with a placeholder of the same length."""
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            chars[index] = placeholder if chars[index] != "\n" else "\n"
    return "".join(chars)


_DATE_SHAPE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\.?|\d{4}-\d{1,2}-\d{1,2}")


def noise_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of e-mails, links, IBANs and phone numbers (never invoices or dates)."""
    spans = []
    for kind, pattern in MASKS.items():
        for match in pattern.finditer(text):
            if kind == "phone" and _DATE_SHAPE.fullmatch(match.group(0).strip()):
                continue  # "09.01.2026" is a date, not a phone number
            spans.append((match.start(), match.end(), kind))
    return spans


class InvoiceMatcher:
    """Finds references to a given set of open invoices in text."""

    def __init__(self, open_invoices: Sequence[OpenInvoice]):
        self.invoices = list(open_invoices)
        self._full = []
        for invoice in self.invoices:
            pattern = _flexible_pattern(invoice.number)
            if pattern:
                self._full.append((pattern, invoice.number, "full"))
            if invoice.ref and len(re.sub(r"\W", "", invoice.ref)) >= 3:
                ref_pattern = _flexible_pattern(invoice.ref, strip_zeros=False)
                if ref_pattern:
                    self._full.append((ref_pattern, invoice.number, "ref"))
        self._by_sequence: dict[int, list[tuple[OpenInvoice, str, str]]] = {}
        for invoice in self.invoices:
            groups = re.findall(r"\d+", invoice.number)
            if not groups:
                continue
            sequence = groups[-1]
            year = next((group for group in groups[:-1] if re.fullmatch(r"20\d{2}", group)), "")
            self._by_sequence.setdefault(int(sequence), []).append((invoice, sequence, year))

    def find(self, text: str, lang: str = "en") -> tuple[list[Reference], str]:
        """References found, and the text with them (and all number noise) masked."""
        references: list[Reference] = []
        masked = mask_spans(text, [(s, e) for s, e, _ in noise_spans(text)])
        for pattern, number, how in self._full:
            for match in pattern.finditer(masked):
                references.append(Reference(number, match.start(), match.end(), match[0], how))
        masked = mask_spans(masked, [(r.start, r.end) for r in references], "#")
        amounts = find_amounts(masked, lang)
        without_amounts = mask_spans(masked, [(a.start, a.end) for a in amounts])
        references.extend(self._short_forms(without_amounts, references))
        references.sort(key=lambda reference: reference.start)
        masked = mask_spans(masked, [(r.start, r.end) for r in references], "#")
        return references, masked

    def _short_forms(self, text: str, known: list[Reference]) -> list[Reference]:
        found: list[Reference] = []
        previous_end = None
        known_ends = sorted(r.end for r in known)
        for match in _SHORT_FORM.finditer(text):
            digits = match.group("digits")
            candidates = self._by_sequence.get(int(digits), [])
            if match.group("year"):
                year = match.group("year")[:4]
                candidates = [c for c in candidates if c[2] in ("", year)]
            if len(candidates) != 1:
                previous_end = None
                continue
            invoice, sequence, _year = candidates[0]
            keyword = bool(match.group("lead")) or bool(match.group("year"))
            padded = len(digits) == len(sequence) and digits.startswith("0")
            ends = [previous_end] if previous_end is not None else []
            ends += [end for end in known_ends if end <= match.start()]
            listed = any(_LIST_JOIN.match(text[end : match.start("digits")]) for end in ends)
            long_enough = len(digits) >= 3 or (keyword and len(digits) >= 2)
            if long_enough and (keyword or padded or listed):
                start = match.start("year") if match.group("year") else match.start("digits")
                found.append(Reference(invoice.number, start, match.end(), match[0], "short"))
                previous_end = match.end()
            else:
                previous_end = None
        known_numbers = {(r.start, r.end) for r in known}
        return [r for r in found if (r.start, r.end) not in known_numbers]


def _flexible_pattern(number: str, strip_zeros: bool = True) -> re.Pattern | None:
    """'INV/2025/00123' matches 'INV 2025/123', 'inv-2025-00123', 'INV2025/00123'."""
    tokens = _TOKEN.findall(number)
    if not tokens or not any(token.isdigit() for token in tokens):
        return None if len("".join(tokens)) < 4 else re.compile(re.escape(number), re.I)
    parts = []
    for index, token in enumerate(tokens):
        if token.isdigit() and strip_zeros and index == len(tokens) - 1:
            parts.append("0*" + re.escape(token.lstrip("0") or "0"))
        else:
            parts.append(re.escape(token))
    body = r"[\s/\\_.#:-]{0,2}".join(parts)
    return re.compile(rf"(?<![\w]){body}(?!\w)", re.I)
