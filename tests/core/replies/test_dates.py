"""Dates relative to the message date, in the customer's language."""

from datetime import date

import pytest

from ar_collections_core.replies.dates import DateFinder, date_order

WED = date(2025, 11, 26)  # Wednesday; month ends on a Sunday
MON_YEAR_END = date(2025, 12, 29)  # Monday of the week that crosses into 2026
FRI_MONTH_END = date(2026, 1, 30)  # Friday, the day before the month ends


def first(lang: str, text: str, today: date, order: str = "DMY") -> date | None:
    found = DateFinder(lang, today, order).find(text)
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("lang", "text", "today", "expected"),
    [
        ("en", "this Friday", WED, date(2025, 11, 28)),
        ("en", "next Friday", WED, date(2025, 12, 5)),
        ("en", "on Friday", FRI_MONTH_END, date(2026, 2, 6)),  # never today's weekday: next
        ("en", "next Friday", MON_YEAR_END, date(2026, 1, 9)),
        ("en", "Friday", MON_YEAR_END, date(2026, 1, 2)),  # across the year end
        ("en", "Tuesday next week", WED, date(2025, 12, 2)),
        ("en", "by the end of the month", WED, date(2025, 11, 30)),
        ("en", "end of the month", FRI_MONTH_END, date(2026, 1, 31)),
        ("en", "end of next month", FRI_MONTH_END, date(2026, 2, 28)),
        ("en", "in two weeks", MON_YEAR_END, date(2026, 1, 12)),
        ("en", "within 10 business days", WED, date(2025, 12, 10)),
        ("en", "tomorrow", MON_YEAR_END, date(2025, 12, 30)),
        ("en", "on the 3rd", WED, date(2025, 12, 3)),  # dateparser answers Nov 3 (past)
        ("en", "on the 5th", MON_YEAR_END, date(2026, 1, 5)),
        ("en", "early next month", MON_YEAR_END, date(2026, 1, 1)),
        ("en", "next week", FRI_MONTH_END, date(2026, 2, 6)),
        ("en", "mid-January", MON_YEAR_END, date(2026, 1, 15)),
        ("en", "2026-01-15", WED, date(2026, 1, 15)),
        ("en", "December 3rd", WED, date(2025, 12, 3)),
        ("en", "Friday 9 January", MON_YEAR_END, date(2026, 1, 9)),
        ("en", "Monday the 9th", FRI_MONTH_END, date(2026, 2, 9)),
        ("fr", "fin de mois", WED, date(2025, 11, 30)),
        ("fr", "vendredi prochain", WED, date(2025, 12, 5)),
        ("fr", "dans quinze jours", FRI_MONTH_END, date(2026, 2, 13)),
        ("fr", "début du mois prochain", WED, date(2025, 12, 1)),
        ("fr", "le 15 janvier", MON_YEAR_END, date(2026, 1, 15)),
        ("fr", "le lundi 1er décembre", WED, date(2025, 12, 1)),
        ("fr", "mi-décembre", WED, date(2025, 12, 15)),
        ("fr", "le 5", WED, date(2025, 12, 5)),
        ("de", "Anfang nächster Woche", WED, date(2025, 12, 1)),
        ("de", "nächsten Freitag", FRI_MONTH_END, date(2026, 2, 6)),
        ("de", "bis Ende des Monats", WED, date(2025, 11, 30)),
        ("de", "Guten Morgen, wir zahlen morgen", WED, date(2025, 11, 27)),
        ("de", "am 12.12.", WED, date(2025, 12, 12)),
        ("de", "Mitte Januar", MON_YEAR_END, date(2026, 1, 15)),
        ("de", "in zwei Wochen", WED, date(2025, 12, 10)),
        ("es", "el próximo viernes", WED, date(2025, 12, 5)),
        ("es", "el viernes que viene", FRI_MONTH_END, date(2026, 2, 6)),
        ("es", "a finales de mes", WED, date(2025, 11, 30)),
        ("es", "el lunes 9", FRI_MONTH_END, date(2026, 2, 9)),
        ("es", "el 7 de enero", MON_YEAR_END, date(2026, 1, 7)),
        ("es", "pasado mañana", MON_YEAR_END, date(2025, 12, 31)),
        ("nl", "volgende week vrijdag", WED, date(2025, 12, 5)),
        ("nl", "eind van de maand", WED, date(2025, 11, 30)),
        ("nl", "binnen twee weken", FRI_MONTH_END, date(2026, 2, 13)),
        ("nl", "op 8 januari", MON_YEAR_END, date(2026, 1, 8)),
        ("nl", "goede morgen, we betalen overmorgen", WED, date(2025, 11, 28)),
        ("es", "a más tardar el día 30.", WED, date(2025, 11, 30)),
        ("fr", "au plus tard le 15.", WED, date(2025, 12, 15)),
        ("es", "antes de que termine el mes", WED, date(2025, 11, 30)),
        ("de", "in spätestens zwei Wochen", WED, date(2025, 12, 10)),
    ],
)
def test_relative_and_explicit_dates(lang, text, today, expected):
    assert first(lang, text, today) == expected


def test_day_month_order_follows_the_locale():
    assert first("en", "on 12/15", WED, date_order("en_US", "en")) == date(2025, 12, 15)
    assert first("fr", "le 15/12", WED, date_order("fr_FR", "fr")) == date(2025, 12, 15)
    # 03/12 is the 3rd of December in Europe and March 12th in the US
    assert first("en", "on 03/12", WED, date_order("en_GB", "en")) == date(2025, 12, 3)
    assert first("en", "on 03/12", WED, date_order("en_US", "en")) == date(2026, 3, 12)


def test_english_without_locale_reads_day_first_unless_dollars():
    assert date_order(None, "en") == "DMY"
    assert date_order(None, "en", {"USD"}) == "MDY"


def test_a_date_without_year_long_past_is_next_year():
    assert first("en", "5 January", MON_YEAR_END) == date(2026, 1, 5)
    assert first("de", "am 10.01.", MON_YEAR_END) == date(2026, 1, 10)


def test_a_recent_past_date_stays_in_the_past():
    # "on holiday from 26 January" said on the 30th: not January 2027
    assert first("en", "from 26 January", FRI_MONTH_END) == date(2026, 1, 26)
