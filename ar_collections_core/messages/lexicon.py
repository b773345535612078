"""Words the message checks look for, in en, fr, de, es and nl.

Everything is written folded: lower case, accents removed (see :func:`fold`), so
"Février", "fevrier" and "FÉVRIER" all match "fevrier".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LANGS = ("en", "fr", "de", "es", "nl")


@lru_cache(maxsize=8192)  # pure, and texts reuse few characters: folding is hot
def fold_char(char: str) -> str:
    """One character, lower-cased and without accents (always one character back)."""
    if char in "\u2018\u2019\u02bc`":
        return "'"
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    base = unicodedata.normalize("NFKD", lower)[:1]
    return base if base and base.isalnum() and lower.isalpha() else lower


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, the same length as ``text`` (spans stay valid)."""
    return text.translate(_FOLD_TABLE)


def lang_of(code: str | None) -> str:
    """'fr_BE' -> 'fr'; anything unknown -> 'en'."""
    short = (code or "en").replace("-", "_").split("_")[0].lower()
    return short if short in LANGS else "en"


MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    (
        "january jan janvier janv januar janner enero ene januari",
        "february feb fevrier fevr fev februar febrero februari",
        "march mar mars marz mrz marzo maart mrt",
        "april apr avril avr abril abr",
        "may mai mayo mei",
        "june jun juin juni junio",
        "july jul juillet juil juli julio",
        "august aug aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre",
        "october oct octobre oktober okt octubre",
        "november nov novembre noviembre",
        "december dec decembre dezember dez diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _month

WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lunes martes miercoles jueves viernes sabado domingo "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
).split()

# Deadlines relative to "now" that no fact can back ("by tomorrow", "fin du mois").
RELATIVE_DEADLINES = (
    r"tomorrow",
    r"next week",
    r"end of (?:the |this |next )?month",
    r"demain",
    r"semaine prochaine",
    r"fin (?:du |de )mois",
    r"ubermorgen",
    r"(?<!guten )morgen",
    r"nachste woche",
    r"monatsende",
    r"ende (?:des |dieses )monats",
    r"(?<!la )(?<!esta )(?<!por la )manana",
    r"(?:la )?(?:proxima semana|semana que viene)",
    r"fin de mes",
    r"overmorgen",
    r"volgende week",
    r"eind(?:e)? van de maand",
)

CURRENCY_CODES = (
    "EUR USD GBP CHF CAD AUD NZD JPY CNY SEK NOK DKK PLN CZK HUF RON BGN MXN BRL INR "
    "ZAR SGD HKD MAD TND XOF XAF AED SAR TRY ILS"
).split()
CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "€": ("EUR",),
    "£": ("GBP",),
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
    "us$": ("USD",),
    "¥": ("JPY", "CNY"),
    "fr.": ("CHF",),
    "kr": ("SEK", "NOK", "DKK"),
    "zl": ("PLN",),
    "euro": ("EUR",),
    "euros": ("EUR",),
    "dollar": ("USD", "CAD", "AUD", "NZD"),
    "dollars": ("USD", "CAD", "AUD", "NZD"),
    "dolares": ("USD",),
    "pound": ("GBP",),
    "pounds": ("GBP",),
    "livres": ("GBP",),
    "franken": ("CHF",),
    "francs": ("CHF",),
}

# Words that name an invoice or a reference just before its number.
DOCUMENT_WORDS = (
    r"invoices?|inv\.?|bill|credit note|facture|factures|avoir|rechnung|rechnungen|"
    r"gutschrift|factura|facturas|abono|factuur|facturen|creditnota|"
    r"ref\.?|reference|referencia|referentie|referenz|po|purchase order|bestellung|"
    r"bon de commande|pedido|bestelling|order"
)
NUMBER_WORDS = r"no\.?|nr\.?|n°|nº|n\.°|#|number|numero|nummer|num\.?"
