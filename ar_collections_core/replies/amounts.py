"""Money in a reply: "1.234,56 €", "€1,234.56", "1 234,56 EUR", "CHF 1'234.50", "$500".

A number is read as money only with a currency next to it or with cents; the decimal
separator is told from the number itself when it can be, else from the customer's
locale (babel), so "1.234" is a thousand and more in German and "1,50" one and a half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import get_decimal_symbol

from ar_collections_core.replies.datewords import MONTHS

_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "a$": "AUD",
    "£": "GBP",
    "fr.": "CHF",
    "sfr": "CHF",
    "chf": "CHF",
}
_CODES = "EUR|USD|GBP|CHF|CAD|AUD|SEK|NOK|DKK|PLN|CZK|JPY|MAD|TND"
_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "dólares": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "francs": "CHF",
    "franken": "CHF",
}
_CURRENCY = (
    r"(?P<{name}>us\$|ca\$|c\$|a\$|€|\$|£|\b(?:sfr|fr\.|chf)|(?<![a-z])(?:"
    + _CODES
    + r")(?![a-z])|"
    r"\b(?:euros?|dollars?|dólares|pounds?|francs|franken)\b)"
)
# Digits with optional grouping (space, thin/no-break space, dot, comma, apostrophe)
# and optional decimals; the grouping is validated when the number is read.
_NUMBER = (
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?:[.,](?:--?|–|—))?"
)
AMOUNT_PATTERN = re.compile(
    r"(?<![\w/.-])(?:"
    + _CURRENCY.format(name="before")
    + r"\s?"
    + _NUMBER
    + r"|"
    + _NUMBER.replace("number", "number2")
    + r"\s?"
    + _CURRENCY.format(name="after")
    + r")(?![\w/]|[.,]\d)",
    re.I,
)
# Numbers with cents and no currency still read as money ("we transferred 1.234,56").
_BARE_DECIMAL = re.compile(
    r"(?<![\w/.,-])(?P<number>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+[.,]\d{2}|\d+[.,]\d{2})"
    r"(?![\w/.,]?\d)"
)


# "1250.-", "1.250,-": a whole sum of money in German and Swiss writing.
_BARE_DASHED = re.compile(
    r"(?<![\w/.,-])(?P<number>\d{1,3}(?:[ .'’]\d{3})+|\d{2,7})[.,](?:--?|–|—)(?![\w-])"
)


# A whole number with no currency is money only right after a word that pays or names a
# sum ("we'll pay 1,250 on Friday", "500 sofort überweisen" reads the other way round
# and is left alone), and never when a unit, a month or an ordinal follows it.
_MONEY_LEAD = re.compile(
    r"\b(?:pay|paying|paid|transfer(?:red|ring)?|wire[ds]?|send(?:ing)?|sent|remit(?:ted)?"
    r"|(?:deposit|payment|instal(?:l)?ment|amount|sum|balance|total) of|payer|payons|payé"
    r"|régler|réglé|réglons|virer|viré|virons|verser|versé|versons|(?:virement|acompte"
    r"|montant|somme|paiement|versement) de|zahlen|zahle|bezahlt|bezahlen|überweisen|überweise"
    r"|überwiesen|(?:betrag|summe|anzahlung|rate|teilzahlung|zahlung) (?:von|über|in höhe von)"
    r"|pagar|pagamos|pagaremos|pagado|abonar|abonamos|abonaremos|abonado|transferir"
    r"|transferimos|transferido|ingresar|ingresamos|(?:importe|suma|pago|abono|ingreso) de"
    r"|betalen|betaald|betaal|betalen we|overmaken|overgemaakt|maken|maak|(?:bedrag|som"
    r"|betaling|aanbetaling) van|settle|settling|settled|clear|(?:amount|betrag|montant"
    r"|importe|bedrag|summe|total|totaal|sum|somme|suma)\s?:)"
    r"(?:\s+(?:you|us|them|the|now|nu|ahora|ya|sofort|jetzt|vous|ihnen|les|os|u|wij|we|ik"
    r"|wir|nous|ich|je|le|la|los|las|het|die|den|de|immediately|today|heute|aujourd'hui|hoy"
    r"|vandaag|also|noch|ya|dan|then|alors|entonces|dann|full|in full)){0,2}\s+$",
    re.I,
)
_BARE_INTEGER = re.compile(
    r"(?<![\w/.,-])(?P<number>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+|\d{2,6})(?![\w/.,]?\d)"
)
_NOT_MONEY_AFTER = re.compile(
    r"^(?:\.|\s*(?:%|x\b|st\b|nd\b|rd\b|th\b|er\b|e\b|de\b|ste\b|days?|weeks?|months?"
    r"|years?|instal|parts?|tranches?|units?|pieces?|pcs|items?|raten|teil|tage?n?|wochen"
    r"|monate|jahre|stück|jours?|semaines?|mois|ans?\b|fois|versements|pièces|días|semanas"
    r"|meses|años|plazos|partes|veces|cuotas|unidades|dagen|weken|maanden|jaar|termijnen"
    r"|delen|keer|stuks|invoices?|bills?|e-?mails?|hours?|factures?|rechnungen|facturas?"
    r"|facturen|uur|stunden|heures|horas))",
    re.I,
)
_INVOICE_BEFORE = re.compile(
    r"(?:\b(?:invoices?|inv|no|nr|n°|nº|number|factures?|rechnung(?:en)?|rg|factura|facturas"
    r"|factuur|facturen|po|order|bestellung|commande|pedido)\.?|#)\s*:?\s*$",
    re.I,
)
# German and Dutch put the verb last: "500 sofort überweisen", "nu 300 betalen".
_MONEY_TRAIL = re.compile(
    r"^\s+(?:(?:sofort|jetzt|direkt|gleich|nu|direct|meteen|euro)\s+)?(?:überweisen|zahlen"
    r"|bezahlen|anweisen|begleichen|betalen|overmaken|overboeken|voldoen|paid|transferred|sent"
    r"|wired|settled|remitted|over(?:gemaakt|maken)|betaald|überwiesen|bezahlt|beglichen)\b",
    re.I,
)


_MONTH_AFTER = re.compile(
    r"^\s*(?:"
    + "|".join(sorted({m for months in MONTHS.values() for m in months}, key=len, reverse=True))
    + r")\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str | None
    start: int
    end: int
    text: str


def find_amounts(text: str, lang: str = "en") -> list[Amount]:
    """Every amount of money in ``text``, in order."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in AMOUNT_PATTERN.finditer(text):
        number = match.group("number") or match.group("number2")
        currency_text = match.group("before") or match.group("after")
        value = parse_number(number, lang)
        if value is None:
            continue
        currency = _currency_code(currency_text)
        found.append(Amount(value, currency, match.start(), match.end(), match.group(0)))
        taken.append((match.start(), match.end()))
    for match in _BARE_DECIMAL.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if _looks_like_date(match.group("number")):
            continue
        value = parse_number(match.group("number"), lang)
        if value is not None:
            found.append(Amount(value, None, match.start(), match.end(), match.group(0)))
    for match in _BARE_DASHED.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        value = parse_number(match.group("number"), lang)
        if value is not None:
            found.append(Amount(value, None, match.start(), match.end(), match.group(0)))
            taken.append((match.start(), match.end()))
    for match in _BARE_INTEGER.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken) or any(f.start == start for f in found):
            continue
        number = match.group("number")
        if number.startswith("0") or _INVOICE_BEFORE.search(text, max(0, start - 20), start):
            continue  # "invoice 00981", "Rechnung 4711": a reference, not a sum
        after = text[match.end() : match.end() + 24]
        if not (_MONEY_LEAD.search(text, max(0, start - 60), start) or _MONEY_TRAIL.match(after)):
            continue
        if _NOT_MONEY_AFTER.match(after) or _MONTH_AFTER.match(after):
            continue
        value = parse_number(match.group("number"), lang)
        if (
            value is None
            or value < 10
            or (value == int(value) and 1990 <= value <= 2100 and match.group("number").isdigit())
        ):
            continue  # "pay 2 of them", a year
        found.append(Amount(value, None, start, match.end(), match.group(0)))
    return sorted(found, key=lambda amount: amount.start)


def _looks_like_date(number: str) -> bool:
    # "15.12" or "03.01" is a date in de/nl/fr mail far more often than 15 euros 12.
    parts = re.split(r"[.,]", number)
    return len(parts) == 2 and "." in number and 1 <= int(parts[0]) <= 31 and int(parts[1]) <= 12


def _currency_code(text: str | None) -> str | None:
    if not text:
        return None
    key = text.lower()
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if key in _WORDS:
        return _WORDS[key]
    return text.upper()


@lru_cache(maxsize=16)
def _locale_decimal(lang: str) -> str:
    try:
        return get_decimal_symbol(lang)
    except Exception:
        return "."


def parse_number(number: str, lang: str = "en") -> float | None:
    """Read a number written with any of the usual groupings; None when inconsistent."""
    text = number.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    separators = [char for char in text if char in " .,'"]
    if not separators:
        return float(text)
    last = separators[-1]
    tail = text.rsplit(last, 1)[1]
    if last in ",." and len(tail) in (1, 2):
        decimal = last
    elif last in ",." and len(tail) == 3 and len(set(separators)) == 1 and len(separators) == 1:
        # "1.234" or "1,234": three digits after a single separator is grouping for
        # money, unless the locale uses that separator as decimal and no grouping fits.
        decimal = None if text.split(last)[0] != "0" else last
    elif last in ",." and len(tail) == 3:
        decimal = None
    else:
        decimal = None if last in " '" else _locale_decimal(lang)
    integer_part, fraction = [*text.rsplit(decimal, 1), ""][:2] if decimal else (text, "")
    groups = re.split(r"[ .,']", integer_part)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    ):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return round(float(f"{digits}.{fraction or 0}"), 2)
