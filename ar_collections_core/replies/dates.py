"""Dates in a reply, relative to the day it was written and in the customer's language.

dateparser reads the explicit dates with month names ("3 décembre", "December 15th",
"15. Dezember 2025"), restricted to the reply's language and preferring the future.
The rules here cover what it misses or reads otherwise (DOMAIN.md): "end of the month",
"fin de mois", "Anfang nächster Woche", "el próximo viernes", "volgende week vrijdag",
"in two weeks" in every language, "on the 3rd" (it answers with a past date), numeric
"15/12" vs "12/15" by locale, "am 12.12.".

Conventions (one for all languages, the same in the labeled corpus):
- a bare weekday or "this/coming Friday" is its next occurrence after today;
  "next Friday" / "vendredi prochain" / "nächsten Freitag" / "el próximo viernes" /
  "volgende vrijdag" is that day in the next calendar week when the next occurrence
  falls in the current week;
- a period ("next week", "next month") means its last working day or last day;
  "beginning of" means its first day, "mid" the 15th, "end of" the last day;
- a date without a year that would be in the past is taken in the next year;
- a week number ("KW 50", "week 50") is that ISO week's Friday; "Friday week" /
  "vendredi en huit" is the coming Friday plus seven days; "last Friday" / "viernes
  pasado" / "vendredi dernier" is the one just past; "after the weekend" is Monday;
- "beginning of the month" said after the 3rd is the 1st of the next month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ar_collections_core.replies.datewords import (
    COUNT_AFTER,
    DAY_OF_MONTH,
    FIRST_OF_MONTH,
    MONTHS,
    NEXT_WORDS,
    NUMBER_WORDS,
    PERIODS,
    UNIT_DAYS,
    WEEK_NUMBER,
    WEEKDAYS,
    WITHIN_WORDS,
)

try:  # dateparser is a declared dependency; the rules still work without it
    import dateparser
except ImportError:  # pragma: no cover
    dateparser = None


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str
    how: str  # rule name, for evidence


def date_order(partner_lang: str | None, lang: str, currencies=()) -> str:
    """'MDY' for US English, 'DMY' for everyone else (and for English without a hint
    unless the customer's invoices are in dollars)."""
    code = (partner_lang or "").replace("-", "_")
    if code in ("en_US", "en_PH") or (not code and lang == "en" and "USD" in currencies):
        return "MDY"
    return "DMY"


def end_of_month(day: date, months_ahead: int = 0) -> date:
    year, month = day.year, day.month + months_ahead
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int, day_of_month: int = 1) -> date:
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def _add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _not_past(value: date, today: date) -> date:
    return value if value >= today else today


def _weekday_date(today: date, weekday: int, mode: str) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    occurrence = today + timedelta(days=ahead)
    if mode == "next" and _week_monday(occurrence) == _week_monday(today):
        occurrence += timedelta(days=7)
    if mode == "next_week":
        occurrence = _week_monday(today) + timedelta(days=7 + weekday)
    return occurrence


def _period_date(kind: str, today: date) -> date:
    monday = _week_monday(today)
    if kind == "today":
        return today
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "after_tomorrow":
        return today + timedelta(days=2)
    if kind == "this_week":
        return _not_past(monday + timedelta(days=4), today)
    if kind == "next_week":
        return monday + timedelta(days=11)
    if kind == "early_next_week":
        return monday + timedelta(days=7)
    if kind == "start_of_month":
        return today if today.day <= 3 else _add_months(today, 1, 1)
    if kind == "mid_next_week":
        return monday + timedelta(days=9)
    if kind == "end_of_year":
        return date(today.year, 12, 31)
    if kind == "in_week":
        return today + timedelta(days=7)
    if kind == "in_fortnight":
        return today + timedelta(days=14)
    if kind == "last_working_day":
        for months_ahead in (0, 1):
            day = end_of_month(today, months_ahead)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            if day >= today:
                return day
    if kind == "end_of_month":
        return end_of_month(today)
    if kind == "next_month":
        return end_of_month(today, 1)
    if kind == "early_next_month":
        return _add_months(today, 1, 1)
    if kind == "mid_next_month":
        return _add_months(today, 1, 15)
    if kind == "week_after_next":
        return monday + timedelta(days=18)
    if kind == "mid_month":
        middle = today.replace(day=15)
        return middle if middle >= today else _add_months(today, 1, 15)
    raise ValueError(kind)


def _roll_year(year: int | None, month: int, day: int, today: date) -> date | None:
    try:
        value = date(year or today.year, month, day)
    except ValueError:
        return None
    # A date without a year more than two months back is next year's ("5 January" said
    # in December); a recent one stays in the past ("from 26 January" said on the 30th).
    if year is None and (today - value).days > 60:
        try:
            value = date(today.year + 1, month, day)
        except ValueError:
            return None
    return value


@lru_cache(maxsize=4096)
def _dateparser_parse(span: str, lang: str, today: date, order: str) -> date | None:
    if dateparser is None:
        return None
    settings = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month"],
    }
    try:
        parsed = dateparser.parse(span, languages=[lang], settings=settings)
    except Exception:
        return None
    return parsed.date() if parsed else None


class DateFinder:
    """Finds dates in one language, relative to ``today``."""

    def __init__(self, lang: str, today: date, order: str = "DMY"):
        self.lang = lang if lang in MONTHS else "en"
        self.today = today
        self.order = order

    def find(self, text: str) -> list[FoundDate]:
        found: list[FoundDate] = []
        found += self._periods(text)
        found += self._relative_counts(text)
        found += self._month_names(text)
        found += self._numeric(text)
        found += self._weekdays(text)
        found += self._day_of_month(text)
        found += self._week_numbers(text)
        found += self._first_of_month(text)
        return _without_overlaps(found)

    def _week_numbers(self, text: str) -> list[FoundDate]:
        """ "KW 50", "week 50", "semaine 50": the Friday of that ISO week, this year or next."""
        results = []
        for match in WEEK_NUMBER.finditer(text):
            week = int(match.group("week"))
            for year in (self.today.year, self.today.year + 1):
                try:
                    value = date.fromisocalendar(year, week, 5)
                except ValueError:
                    continue
                if value >= self.today - timedelta(days=4):
                    results.append(FoundDate(value, match.start(), match.end(), match[0], "week"))
                    break
        return results

    def _first_of_month(self, text: str) -> list[FoundDate]:
        results = []
        for match in FIRST_OF_MONTH[self.lang].finditer(text):
            month = MONTHS[self.lang].get(match.group("month").lower().rstrip("."))
            value = _roll_year(None, month, 1, self.today) if month else None
            if value:
                results.append(FoundDate(value, match.start(), match.end(), match[0], "named"))
        return results

    # -- rules -------------------------------------------------------------------
    def _periods(self, text: str) -> list[FoundDate]:
        results = []
        for pattern, kind in PERIODS[self.lang]:
            for match in pattern.finditer(text):
                if kind.startswith("month:"):
                    results.extend(self._month_period(match, kind))
                    continue
                if kind == "next_month_day":  # "zum 15. des Folgemonats"
                    day = int(match.group("day"))
                    if 1 <= day <= 31:
                        value = _add_months(self.today, 1, day)
                        results.append(FoundDate(value, match.start(), match.end(), match[0], kind))
                    continue
                value = _period_date(kind, self.today)
                results.append(FoundDate(value, match.start(), match.end(), match[0], kind))
        return results

    def _month_period(self, match, kind: str) -> list[FoundDate]:
        month = MONTHS[self.lang].get(match.group("month").lower().rstrip("."))
        if not month:
            return []
        position = kind.split(":")[1]
        year = int(match.group("year")) if match.groupdict().get("year") else None
        first = _roll_year(year, month, 1, self.today.replace(day=1))
        if first is None:
            return []
        day = {"start": 1, "mid": 15, "end": calendar.monthrange(first.year, month)[1]}[position]
        return [FoundDate(first.replace(day=day), match.start(), match.end(), match[0], kind)]

    def _relative_counts(self, text: str) -> list[FoundDate]:
        results = []
        patterns = [WITHIN_WORDS[self.lang]]
        if self.lang in COUNT_AFTER:
            patterns.append(COUNT_AFTER[self.lang])
        for match in (m for pattern in patterns for m in pattern.finditer(text)):
            count_text = match.group("count").lower()
            count = int(count_text) if count_text.isdigit() else NUMBER_WORDS.get(count_text)
            unit = UNIT_DAYS.get(match.group("unit").lower())
            if count is None or unit is None or count > 400:
                continue
            if unit == 1 and count_text in ("quinze", "quince"):
                count = 14  # "dans quinze jours" is two weeks
            elif unit == 1 and count_text in ("huit", "ocho"):
                count = 7  # "dans huit jours" is a week
            if unit == -24:
                value = self.today + timedelta(days=-(-count // 24))
            elif unit == -1:
                value = _add_working_days(self.today, count)
            elif unit == 30:
                value = _add_months(self.today, count, self.today.day)
            else:
                value = self.today + timedelta(days=count * unit)
            results.append(FoundDate(value, match.start(), match.end(), match[0], "in_n"))
        return results

    def _month_names(self, text: str) -> list[FoundDate]:
        results = []
        for pattern in _month_patterns(self.lang):
            for match in pattern.finditer(text):
                month = MONTHS[self.lang].get(match.group("month").lower().rstrip("."))
                if not month:
                    continue
                day = int(match.group("day"))
                year = match.group("year")
                value = _dateparser_parse(match[0], self.lang, self.today, self.order)
                if value is None or value.month != month or value.day != day or not year:
                    # Without a year, ours is the rule (a recent past date stays past).
                    value = _roll_year(int(year) if year else None, month, day, self.today)
                if value:
                    results.append(FoundDate(value, match.start(), match.end(), match[0], "named"))
        return results

    def _numeric(self, text: str) -> list[FoundDate]:
        results = []
        for match in _ISO.finditer(text):
            try:
                value = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            results.append(FoundDate(value, match.start(), match.end(), match[0], "iso"))
        dashed = [
            *_DASHED.finditer(text),
            *(_DASHED_SHORT.finditer(text) if self.lang == "nl" else ()),
        ]
        for match in [*_NUMERIC.finditer(text), *dashed]:
            first, second = int(match["a"]), int(match["b"])
            year = _full_year(match.groupdict().get("y"))
            if first > 12 or (self.order == "DMY" and second <= 12):
                day, month = first, second
            else:
                day, month = second, first
            if month > 12 or day > 31:
                day, month = month, day
            value = _roll_year(year, month, day, self.today)
            if value:
                results.append(FoundDate(value, match.start(), match.end(), match[0], "numeric"))
        return results

    def _weekdays(self, text: str) -> list[FoundDate]:
        results = []
        for match in _weekday_pattern(self.lang).finditer(text):
            weekday = WEEKDAYS[self.lang][match.group("day").lower()]
            before = text[max(0, match.start() - 24) : match.start()].lower()
            after = text[match.end() : match.end() + 40].lower()
            words = NEXT_WORDS[self.lang]
            mode, start, end = "coming", match.start(), match.end()
            week_after = words["week_after"].match(after)
            week_before = words["week_before"].search(before)
            if week_after or week_before:
                mode = "next_week"
                end += week_after.end() if week_after else 0
                start -= len(before) - week_before.start() if week_before else 0
            elif words["before"].search(before) or words["after"].match(after):
                mode = "next"
            value = _weekday_date(self.today, weekday, mode)
            last_after = _LAST_AFTER.match(after)
            if last_after or _LAST_BEFORE.search(before):
                # "last Friday", "viernes pasado", "vendredi dernier": the one just past
                value = self.today - timedelta(days=(self.today.weekday() - weekday) % 7 or 7)
                end += last_after.end() if last_after else 0
                results.append(FoundDate(value, start, end, text[start:end], "weekday_last"))
                continue
            week_on = _WEEK_ON_AFTER.match(after) or _WEEK_ON_BEFORE.search(before)
            if week_on and mode == "coming":
                # "Friday week", "a week on Friday", "vendredi en huit": a week after it
                value += timedelta(days=7)
                mode = "week_on"
                if week_on.re is _WEEK_ON_AFTER:
                    end += week_on.end()
            numbered = _DAY_AFTER_WEEKDAY.match(after)
            if numbered and (numbered.group("next") or "").lower() in MONTHS[self.lang]:
                numbered = None  # "Friday 9 January": the named date rule reads it
            if numbered and mode == "coming":
                # "el lunes 9", "Monday the 9th", "Montag, den 9.": the number decides.
                dated = self._recent_day_of_month(int(numbered.group("dom")), weekday)
                dated = dated or self._next_day_of_month(int(numbered.group("dom")), weekday)
                if dated:
                    value, mode = dated, "dom"
                    end = match.end() + (
                        numbered.start("next") if numbered.group("next") else numbered.end()
                    )
            results.append(FoundDate(value, start, end, text[start:end], f"weekday_{mode}"))
        return results

    def _recent_day_of_month(self, day: int, weekday: int) -> date | None:
        """ "Friday 13th" said on Wednesday 18th: the Friday just past, not one months away."""
        for months_back in (0, 1):
            first = _add_months(self.today.replace(day=1), -months_back, 1)
            if day > calendar.monthrange(first.year, first.month)[1]:
                continue
            candidate = first.replace(day=day)
            if 0 < (self.today - candidate).days <= 14 and candidate.weekday() == weekday:
                return candidate
        return None

    def _next_day_of_month(self, day: int, weekday: int | None = None) -> date | None:
        """The next date (from today) with this day of month, on ``weekday`` if given."""
        fallback = None
        for months_ahead in range(12 if weekday is not None else 3):
            first = _add_months(self.today, months_ahead, 1)
            if day > calendar.monthrange(first.year, first.month)[1]:
                continue
            candidate = first.replace(day=day)
            if candidate < self.today:
                continue
            if weekday is None or candidate.weekday() == weekday:
                return candidate
            fallback = fallback or candidate
        return fallback

    def _day_of_month(self, text: str) -> list[FoundDate]:
        results = []
        matches = [m for pattern in DAY_OF_MONTH[self.lang] for m in pattern.finditer(text)]
        for match in matches:
            day = int(match.group("dom"))
            if not 1 <= day <= 31:
                continue
            value = self._next_day_of_month(day)
            if value:
                results.append(FoundDate(value, match.start(), match.end(), match[0], "dom"))
        return results


_LAST_BEFORE = re.compile(
    r"\b(?:last|past|this past|letzten?|vergangenen?|afgelopen|vorige|pasado)\s+$", re.I
)
_LAST_AFTER = re.compile(r"^\s+(?:dernier|passé|pasado|vergangene[nr]?|last)\b", re.I)
_WEEK_ON_AFTER = re.compile(r"^\s+(?:week\b(?!\s*\d)|en huit\b|in acht tagen\b)", re.I)
_WEEK_ON_BEFORE = re.compile(r"\ba week (?:on|from)\s+(?:this\s+)?$", re.I)
_DAY_AFTER_WEEKDAY = re.compile(
    r"^\s*,?\s*(?:the\s+|le\s+|den\s+|de\s+|el\s+)?(?P<dom>\d{1,2})(?:st|nd|rd|th|er|e|\.)?"
    r"(?![\d/:]|\.\d)(?:\s*(?:de\s+|of\s+)?(?P<next>[a-zA-Zà-ÿ]+))?",
    re.I,
)
_ISO = re.compile(r"(?<![\d/.-])(?P<y>20\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])")
_NUMERIC = re.compile(
    r"(?<![\w/.,-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2})|\.)?"
    r"(?![\w/]|[.,]\d)"
)
# "02-03-2026" everywhere; "12-06" (no year) in Dutch, where it is the usual short form.
_DASHED = re.compile(r"(?<![\w/.,-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>20\d{2})(?![\w/-]|[.,]\d)")
_DASHED_SHORT = re.compile(r"(?<![\w/.,-])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\w/-]|[.,]\d)")


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


@lru_cache(maxsize=8)
def _month_patterns(lang: str) -> tuple[re.Pattern, ...]:
    names = "|".join(sorted((re.escape(n) for n in MONTHS[lang]), key=len, reverse=True))
    suffix = r"(?:st|nd|rd|th|er|e|ste|de|º|\.)?"
    return (
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){suffix}\s*(?:of\s+|de\s+)?(?P<month>{names})(?![a-zà-ÿ])"
            rf"(?:\.?,?\s+(?:de\s+)?(?P<year>20\d{{2}}))?",
            re.I,
        ),
        re.compile(
            rf"\b(?P<month>{names})(?![a-zà-ÿ])\.?\s+(?:the\s+)?(?P<day>\d{{1,2}}){suffix}"
            rf"(?![\d:])(?:,?\s+(?P<year>20\d{{2}}))?",
            re.I,
        ),
    )


@lru_cache(maxsize=8)
def _weekday_pattern(lang: str) -> re.Pattern:
    names = "|".join(sorted(WEEKDAYS[lang], key=len, reverse=True))
    return re.compile(rf"(?<![a-zà-ÿ])(?P<day>{names})(?![a-zà-ÿ])", re.I)


# When two readings overlap, the one that names the date most exactly wins ("jusqu'au 31
# août" is the 31st of August, not the next 31st).
_SPECIFIC = {"iso": 0, "named": 0, "numeric": 0, "dom": 2}


def _without_overlaps(found: list[FoundDate]) -> list[FoundDate]:
    kept: list[FoundDate] = []
    ordered = sorted(found, key=lambda f: (_SPECIFIC.get(f.how, 1), -(f.end - f.start), f.start))
    for item in ordered:
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    # "Friday 9 January", "lundi 8 décembre": the weekday only names the date beside it.
    dated = [f for f in kept if not f.how.startswith("weekday")]
    kept = [
        f
        for f in kept
        if not f.how.startswith("weekday") or not any(_adjacent(f, other) for other in dated)
    ]
    return sorted(kept, key=lambda f: f.start)


def _adjacent(weekday: FoundDate, other: FoundDate) -> bool:
    gap = other.start - weekday.end if other.start >= weekday.end else weekday.start - other.end
    return 0 <= gap <= 8
