"""Find every figure a text states: amounts, numbers, dates, references, links.

Locale formats: 1.234,56 / 1,234.56 / 1 234,56 / 1'234.56, with or without a
currency sign or code before or after; dates numeric (15/03/2025, 15.03.2025,
2025-03-15, 03/15/2025 in English, 15.03.) and written in en, fr, de, es, nl
("15 March 2025", "March 15th", "1er mars", "15. März 2025", "15 de marzo de 2025",
"15 maart"). Each find is masked before the next pass, so an invoice number's digits
are never read as an amount and a date's year never as a number.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from .lexicon import (
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    DOCUMENT_WORDS,
    MONTHS,
    NUMBER_WORDS,
    RELATIVE_DEADLINES,
    WEEKDAYS,
    fold,
)

MASK = "\x00"


@dataclass(frozen=True, slots=True)
class Found:
    kind: str  # see KINDS
    text: str  # as written
    start: int
    end: int
    values: tuple = ()  # candidates: floats, ints, dates, (day, month), (month, year)
    currencies: tuple[str, ...] = ()  # amounts: the ISO codes the written currency allows


KINDS = (
    "known",  # one of the facts' invoice numbers or references (values: the string)
    "link",
    "email",  # an email address
    "reference",  # looks like an invoice number or reference, but is not a known one
    "date",  # values: candidate dates
    "day_month",  # values: (day, month)
    "month_year",  # values: (month, year)
    "day",  # an ordinal day of the month ("the 15th"), values: (day,)
    "percent",
    "time",
    "amount",  # values: candidate amounts
    "number",  # a bare integer, values: (n,)
    "weekday",
    "relative",  # a deadline relative to today ("tomorrow", "fin du mois")
)

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_CURRENCY_WORDS = sorted(
    [re.escape(c.lower()) for c in CURRENCY_CODES]
    + [re.escape(s) for s in CURRENCY_SIGNS if s.isalpha() or s.endswith(".")],
    key=len,
    reverse=True,
)
_SIGN_RE = r"us\$|[€£$¥]"
_CUR_BEFORE = rf"(?:(?P<pre>{_SIGN_RE}|(?:{'|'.join(_CURRENCY_WORDS)})(?![a-z]))\s?)"
_CUR_AFTER = rf"(?:\s?(?P<post>{_SIGN_RE}|(?:{'|'.join(_CURRENCY_WORDS)})(?![a-z])))"
_NUMBER = (
    r"(?P<num>\d{1,3}(?P<sep>[ .,'’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?(?!\d)"
    r"|\d+(?:[.,]\d{1,2})?(?!\d))"
)
_AMOUNT_RE = re.compile(rf"(?<![\w.,]){_CUR_BEFORE}?(?:[-−]\s?)?{_NUMBER}(?![.,]\d){_CUR_AFTER}?")

_WRITTEN_DAY_FIRST = re.compile(
    rf"(?<![\w.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|º|°)?\.?[ \t-]+(?:de[ \t]+)?"
    rf"(?P<m>{_MONTH_RE})(?![a-z])\.?(?:[ \t,-]+(?:de[ \t]+|del[ \t]+)?(?P<y>\d{{4}})(?!\d))?"
)
_WRITTEN_MONTH_FIRST = re.compile(
    rf"(?<![\w])(?P<m>{_MONTH_RE})(?![a-z])\.?[ \t]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,]\d)"
    rf"(?!\d)(?:,?[ \t]+(?P<y>\d{{4}})(?!\d))?"
)
_MONTH_YEAR = re.compile(
    rf"(?<![\w])(?P<m>{_MONTH_RE})(?![a-z])\.?[ \t]+(?:de[ \t]+)?(?P<y>\d{{4}})(?!\d)"
)
_ISO_DATE = re.compile(
    r"(?<![\d.,/-])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d])"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d])"
)
_DAY_MONTH_DOT = re.compile(r"(?<![\d.,€$£])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?!\d)")
_DAY_MONTH_SLASH = re.compile(r"(?<![\d.,/€$£])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")
_ORDINAL_DAY = re.compile(r"(?<![\w.,])(?P<d>\d{1,2})(?:st|nd|rd|th|er|eme|e)(?![a-z])")

_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CLAIMED_REF = re.compile(
    rf"(?<![a-z])(?:{DOCUMENT_WORDS})(?![a-z])[ \t]*(?:(?:{NUMBER_WORDS})[ \t]*)?[:#]?[ \t]*"
    r"(?P<ref>[a-z0-9]+(?:[/_-][a-z0-9]+)*)(?![.,]\d)(?![\w/])"
)
_CODE_LIKE = re.compile(
    r"(?<![\w/])(?=[A-Za-z0-9/_-]*\d)(?=[A-Za-z0-9/_-]*[A-Za-z])"
    r"[A-Za-z0-9]+(?:[/_-][A-Za-z0-9]+)+(?![\w/])"
    r"|(?<![\w/])[A-Z]{2,}\d{2,}(?![\w/])"
)
_PERCENT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?%")
_TIME = re.compile(r"(?<![\w.,:])\d{1,2}[:h]\d{2}(?![\d])")
_WEEKDAY = re.compile(r"(?<![a-z])(?:" + "|".join(WEEKDAYS) + r")(?![a-z])")
_RELATIVE = re.compile(r"(?<![a-z])(?:" + "|".join(RELATIVE_DEADLINES) + r")(?![a-z])")
_TRAILING = ".,;:!?)]}>'\""
_LIST_MARKER = re.compile(r"(?m)^[ \t]*\(?\d{1,2}[.)](?=[ \t])")
_TAG = re.compile(r"</?[a-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,8});")


# No-break, narrow no-break, thin and figure spaces read as plain spaces.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u202f\u2009\u2007", " "))


class Scan:
    """One pass over a text; ``items`` in text order once :func:`scan` is done."""

    def __init__(self, text: str):
        self.text = text
        self.work = list(fold(text).translate(_SPACES))
        self.items: list[Found] = []
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """The text as the passes see it (taken spans masked); kept until it changes."""
        if self._folded is None:
            self._folded = "".join(self.work)
        return self._folded

    def blank(self, start: int, end: int, replacement: str | None = None) -> None:
        """Hide a span from later passes (same length: spans stay valid)."""
        self.work[start:end] = replacement or " " * (end - start)
        self._folded = None

    def take(self, kind: str, start: int, end: int, values=(), currencies=()) -> None:
        self.items.append(Found(kind, self.text[start:end], start, end, tuple(values), currencies))
        self.work[start:end] = MASK * (end - start)
        self._folded = None

    def free(self, start: int, end: int) -> bool:
        return MASK not in self.work[start:end]


def scan(text: str, *, lang: str = "en", known: tuple[str, ...] = ()) -> list[Found]:
    """Every figure in ``text``; ``known`` are strings (invoice numbers, references)
    to recognise as such before anything else."""
    s = Scan(text)
    _links(s)
    _markup(s)
    _known(s, known)
    _dates(s, lang)
    for m in list(_LIST_MARKER.finditer(s.folded)):  # "2. ..." / "3) ..." numbering a list
        s.blank(m.start(), m.end())
    _references(s)
    for pattern, kind in ((_PERCENT, "percent"), (_TIME, "time")):
        for m in list(pattern.finditer(s.folded)):
            s.take(kind, m.start(), m.end())
    _amounts(s)
    for m in list(_ORDINAL_DAY.finditer(s.folded)):
        s.take("day", m.start(), m.end(), (int(m["d"]),))
    _words(s)
    for m in list(re.finditer(r"\d+", s.folded)):  # anything no pass could read
        s.take("number", m.start(), m.end(), (int(m.group(0)),))
    return sorted(s.items, key=lambda f: f.start)


def _links(s: Scan) -> None:
    for m in list(_EMAIL.finditer(s.folded)):
        s.take("email", m.start(), m.end())
    for m in list(_LINK.finditer(s.folded)):
        end = m.end()
        while end > m.start() and s.text[end - 1] in _TRAILING:
            end -= 1
        if s.free(m.start(), end):
            s.take("link", m.start(), end)


def _markup(s: Scan) -> None:
    """HTML drafts: tags say nothing to the reader, entities stand for a character."""
    for m in list(_TAG.finditer(s.folded)):
        s.blank(m.start(), m.end())
    for m in list(_ENTITY.finditer(s.folded)):
        char = html.unescape(m.group(0))
        if len(char) != 1:
            continue
        char = " " if char in "\u00a0\u202f\u2009" else fold(char)
        s.blank(m.start(), m.end(), char + " " * (m.end() - m.start() - 1))


def _known(s: Scan, known: tuple[str, ...]) -> None:
    for ref in sorted({k for k in known if k and len(k.strip()) >= 3}, key=len, reverse=True):
        needle = fold(ref.strip())
        pattern = re.compile(r"(?<![\w/])" + re.escape(needle) + r"(?![\w]|/\w)")
        for m in list(pattern.finditer(s.folded)):
            s.take("known", m.start(), m.end(), (ref,))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dates(s: Scan, lang: str) -> None:
    for pattern in (_WRITTEN_DAY_FIRST, _WRITTEN_MONTH_FIRST):
        for m in list(pattern.finditer(s.folded)):
            if not s.free(m.start(), m.end()):
                continue
            day, month = int(m["d"]), MONTHS[m["m"]]
            if not 1 <= day <= 31:
                continue
            if m["y"]:
                found = _safe_date(int(m["y"]), month, day)
                if found:
                    s.take("date", m.start(), m.end(), (found,))
            else:
                s.take("day_month", m.start(), m.end(), ((day, month),))
    for m in list(_MONTH_YEAR.finditer(s.folded)):
        if s.free(m.start(), m.end()):
            s.take("month_year", m.start(), m.end(), ((MONTHS[m["m"]], int(m["y"])),))
    for m in list(_ISO_DATE.finditer(s.folded)):
        found = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if found and s.free(m.start(), m.end()):
            s.take("date", m.start(), m.end(), (found,))
    for m in list(_NUMERIC_DATE.finditer(s.folded)):
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        options = {_safe_date(y, b, a)}
        if lang == "en":
            options.add(_safe_date(y, a, b))  # month first (US) is possible too
        options.discard(None)
        if options and s.free(m.start(), m.end()):
            s.take("date", m.start(), m.end(), tuple(sorted(options)))
    for pattern in (_DAY_MONTH_DOT, _DAY_MONTH_SLASH):
        for m in list(pattern.finditer(s.folded)):
            a, b = int(m["a"]), int(m["b"])
            options = {(a, b)} if 1 <= b <= 12 and 1 <= a <= 31 else set()
            if pattern is _DAY_MONTH_SLASH and lang == "en" and a <= 12 and 1 <= b <= 31:
                options.add((b, a))
            if options and s.free(m.start(), m.end()):
                s.take("day_month", m.start(), m.end(), tuple(sorted(options)))


def _references(s: Scan) -> None:
    for m in list(_CLAIMED_REF.finditer(s.folded)):
        ref = m["ref"]
        start, end = m.start("ref"), m.end("ref")
        looks_like = any(c.isalpha() for c in ref) or any(c in "/_-" for c in ref)
        if not any(c.isdigit() for c in ref) or not (looks_like or len(ref) >= 4):
            continue
        if s.free(start, end):
            s.take("reference", start, end)
    original = "".join([MASK if w == MASK else c for c, w in zip(s.text, s.work, strict=True)])
    for m in list(_CODE_LIKE.finditer(original)):
        token = m.group(0)
        letters = "".join(c for c in token if c.isalpha()).upper()
        if letters in CURRENCY_CODES or not s.free(m.start(), m.end()):
            continue
        s.take("reference", m.start(), m.end())


def number_candidates(raw: str, sep: str | None) -> tuple[float, ...]:
    """The values a written number may mean, given its thousands separator."""
    raw = raw.replace("’", "'")
    sep = sep.replace("’", "'") if sep else sep
    if sep:
        head, dot, tail = raw, "", ""
        match = re.fullmatch(r"(.*?)([.,])(\d{1,2})", raw)
        if match and match.group(2) != sep:
            head, dot, tail = match.group(1), match.group(2), match.group(3)
        whole = head.replace(sep, "")
        value = float(f"{whole}.{tail}") if dot else float(whole)
        if not dot and sep in ".," and head.count(sep) == 1:
            return (value, float(head.replace(sep, ".")))  # 1.500: 1500 or 1.5
        return (value,)
    return (float(raw.replace(",", ".")),)


def _currencies(mark: str | None) -> tuple[str, ...]:
    if not mark:
        return ()
    mark = mark.strip()
    if mark.upper() in CURRENCY_CODES:
        return (mark.upper(),)
    return CURRENCY_SIGNS.get(mark, ())


def _amounts(s: Scan) -> None:
    for m in list(_AMOUNT_RE.finditer(s.folded)):
        if not s.free(m.start(), m.end()):
            continue
        raw, sep = m["num"], m["sep"]
        currencies = _currencies(m["pre"]) or _currencies(m["post"])
        if not currencies and not sep and not re.search(r"[.,]", raw):
            s.take("number", m.start(), m.end(), (int(raw),))
            continue
        s.take("amount", m.start(), m.end(), number_candidates(raw, sep), currencies)


def _words(s: Scan) -> None:
    for m in list(_RELATIVE.finditer(s.folded)):
        s.take("relative", m.start(), m.end())
    dates = [f for f in s.items if f.kind in ("date", "day_month")]
    for m in list(_WEEKDAY.finditer(s.folded)):
        near = any(f.start - 15 <= m.end() and m.start() <= f.end + 15 for f in dates)
        if not near:
            s.take("weekday", m.start(), m.end())
