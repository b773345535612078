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
    r"(?P<{name}>us\$|ca\$|c\$|a\$|€|\$|£|\b(?:sfr|fr\.|chf)|\b(?:" + _CODES + r")\b|"
    r"\b(?:euros?|dollars?|dólares|pounds?|francs|franken)\b)"
)
# Digits with optional grouping (space, thin/no-break space, dot, comma, apostrophe)
# and optional decimals; the grouping is validated when the number is read.
_NUMBER = (
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?:,-|\.-)?"
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
    + r")(?![\w/])",
    re.I,
)
# Numbers with cents and no currency still read as money ("we transferred 1.234,56").
_BARE_DECIMAL = re.compile(
    r"(?<![\w/.,-])(?P<number>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+[.,]\d{2}|\d+[.,]\d{2})"
    r"(?![\w/.,]?\d)"
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
