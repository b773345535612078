# ruff: noqa: E501 - one pattern a line reads better than wrapped regex fragments
"""Date words in en, fr, de, es and nl: month and day names (from babel's CLDR data,
plus the spellings people type without accents), periods and counts.

``PERIODS[lang]`` pairs a pattern with a kind understood by ``dates._period_date``;
kinds ``month:start|mid|end`` carry a ``month`` group ("fin décembre", "Mitte Mai").
"""

from __future__ import annotations

import re
import unicodedata

from babel.dates import get_day_names, get_month_names

LANGS = ("en", "fr", "de", "es", "nl")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _month_table(lang: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=lang).items():
            for variant in {name.lower().rstrip("."), _fold(name.lower().rstrip("."))}:
                if len(variant) >= 3:
                    table[variant] = number
    extras = {
        "en": {"sept": 9},
        "fr": {"fev": 2, "fevr": 2, "juil": 7, "aout": 8},
        "de": {"maerz": 3, "mrz": 3, "sep": 9, "okt": 10, "dez": 12},
        "es": {"setiembre": 9, "sep": 9},
        "nl": {"maart": 3, "sept": 9},
    }
    table.update(extras[lang])
    if lang == "es":
        table.pop("mar", None)  # "mar" is also the sea; "marzo" stays
    return table


def _weekday_table(lang: str) -> dict[str, int]:
    table = {}
    for number, name in get_day_names("wide", locale=lang).items():
        table[name.lower()] = number
        table[_fold(name.lower())] = number
    if lang == "en":
        table.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3})
        table.update({"thurs": 3, "fri": 4})
    return table


MONTHS = {lang: _month_table(lang) for lang in LANGS}
WEEKDAYS = {lang: _weekday_table(lang) for lang in LANGS}
_MONTH_ALT = {
    lang: "|".join(sorted((re.escape(m) for m in MONTHS[lang]), key=len, reverse=True))
    for lang in LANGS
}

NUMBER_WORDS = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
    "couple of": 2, "few": 3,
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    # de
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "zehn": 10, "vierzehn": 14,
    "zwanzig": 20, "dreißig": 30,
    # es
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
    # nl
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7,
    "negen": 9, "tien": 10, "veertien": 14, "twintig": 20, "dertig": 30,
}  # fmt: skip
# Days per unit; 30 means "calendar months"; -1 means working days.
UNIT_DAYS = {
    "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "fortnight": 14,
    "business days": -1, "working days": -1,
    "jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30,
    "jours ouvrés": -1, "jours ouvrables": -1,
    "tag": 1, "tage": 1, "tagen": 1, "woche": 7, "wochen": 7, "monat": 30, "monate": 30,
    "monaten": 30, "werktage": -1, "werktagen": -1, "arbeitstagen": -1,
    "día": 1, "días": 1, "dia": 1, "dias": 1, "semana": 7, "semanas": 7, "mes": 30,
    "meses": 30, "días hábiles": -1,
    "dag": 1, "dagen": 1, "weken": 7, "maand": 30, "maanden": 30, "werkdagen": -1,
    # hours count in whole days ("sous 48h", "binnen 24 uur"); -24 marks them
    "hours": -24, "h": -24, "heures": -24, "stunden": -24, "horas": -24, "uur": -24,
}  # fmt: skip
_COUNT = (
    r"(?P<count>\d{1,3}|couple of|few|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + r")"
)


def _units(*names: str) -> str:
    return "(?P<unit>" + "|".join(sorted(names, key=len, reverse=True)) + ")"


_I = re.I
WITHIN_WORDS = {
    "en": re.compile(
        r"\b(?:in|within|within the next|in the next|over the next|in the coming|within the coming|over the coming|in another)\s+(?:at most\s+|max\.?\s+)?(?:a\s+)?"
        + _COUNT
        + r"\s+(?:more\s+)?"
        + _units(
            "days?", "weeks?", "months?", "fortnight", "business days", "working days", "hours"
        )
        + r"\b",
        _I,
    ),
    "fr": re.compile(
        r"(?:\bdans|\bsous|\bd'ici|\bd’ici|\bd'ici à|\bd’ici à|\bau plus tard dans|\bendéans)\s+"
        r"(?:les\s+)?"
        + _COUNT
        + r"(?:\s+|(?=h\b))(?:prochain(?:e)?s\s+)?"
        + _units("jours?", "semaines?", "mois", "jours ouvrés", "jours ouvrables", "heures", "h")
        + r"\b",
        _I,
    ),
    "de": re.compile(
        r"\b(?:in|innerhalb(?: von| der nächsten)?|binnen|in den nächsten)\s+(?:spätestens\s+"
        r"|höchstens\s+|maximal\s+)?"
        + _COUNT
        + r"\s+"
        + _units(
            "tagen?",
            "tage",
            "wochen?",
            "monaten?",
            "monat",
            "werktagen?",
            "arbeitstagen",
            "stunden",
        )
        + r"\b",
        _I,
    ),
    "es": re.compile(
        r"\b(?:en|dentro de|en los próximos|en las próximas|en unos|en unas)\s+"
        + _COUNT
        + r"\s+"
        + _units("días", "dias", "día", "dia", "semanas?", "meses", "mes", "días hábiles", "horas")
        + r"\b",
        _I,
    ),
    "nl": re.compile(
        r"\b(?:over|binnen|in|binnen de|in de komende|binnen de komende|de komende|binnen nu en)\s+"
        + _COUNT
        + r"\s+"
        + _units("dagen", "dag", "weken", "week", "maanden", "maand", "werkdagen", "uur")
        + r"\b",
        _I,
    ),
}


# Counts after the number: "10 days from now", "in 10 days' time", "d'ici 10 jours".
COUNT_AFTER = {
    "en": re.compile(
        r"\b"
        + _COUNT
        + r"\s+"
        + _units("days?", "weeks?", "months?", "business days", "working days")
        + r"(?:'s?)?\s+(?:from (?:now|today)|time)\b",
        _I,
    ),
}
WEEK_NUMBER = re.compile(
    r"\b(?:(?:in |bis |zum |ende |end of |in de |en |fin de la |fin |uiterlijk )?(?:kw|kalenderwoche"
    r"|calendar week|week|semaine|semana|wk|cw)\.?\s?(?P<week>[1-4]\d|5[0-3]|[1-9]))\b",
    _I,
)
# "first of December", "le premier décembre", "primero de diciembre", "1. Dezember" in words
FIRST_OF_MONTH = {
    lang: re.compile(
        r"\b(?:the )?(?:first|premier|primero|primer|erste[nr]?)\s+(?:of\s+|de\s+)?(?P<month>"
        + _MONTH_ALT[lang]
        + r")(?![a-zà-ÿ])",
        _I,
    )
    for lang in LANGS
}


def _period_table(lang: str, rows: list[tuple[str, str]]) -> list[tuple[re.Pattern, str]]:
    month = f"(?P<month>{_MONTH_ALT[lang]})(?![a-zà-ÿ])(?:\\s+(?P<year>20\\d{{2}}))?"
    return [(re.compile(pattern.replace("MONTH", month), re.I), kind) for pattern, kind in rows]


PERIODS = {
    "en": _period_table("en", [
        (r"\b(?:the )?last (?:working|business|banking) day of (?:the |this )?month\b", "last_working_day"),
        (r"\btoday\b|\bby (?:the )?end of (?:the )?day\b|\bthis (?:afternoon|evening)\b|\btonight\b|\b(?:by )?(?:eod|cob|close of business)\b", "today"),
        (r"\btomorrow\b|\btmrw\b|\btmw\b|\btomorow\b|\btommorow\b|\btomorro\b", "tomorrow"),
        (r"\bday after tomorrow\b", "after_tomorrow"),
        (r"\b(?:this week|(?:by )?(?:the )?end of (?:this|the) week|later this week)\b", "this_week"),
        (r"\b(?:next week|(?:by )?(?:the )?end of next week|the following week|the week after)\b", "next_week"),
        (r"\b(?:early|beginning of|start of|the start of)\s+next week\b", "early_next_week"),
        (r"\b(?:after|over) the weekend\b|\bafter this weekend\b|\bfirst thing (?:next )?week\b", "early_next_week"),
        (r"\b(?:mid|the middle of)[- ]next[- ]week\b|\bmidweek next week\b", "mid_next_week"),
        (r"\b(?:by |before )?(?:the )?end of (?:the |this )?year\b|\byear[- ]end\b|\bbefore the year is out\b", "end_of_year"),
        (r"\b(?:(?:by )?(?:the )?end of (?:the |this )?month|month[- ]end|end-of-month|eom)\b|\bbefore the month is out\b", "end_of_month"),
        (r"\b(?:next month|(?:by )?(?:the )?end of next month)\b", "next_month"),
        (r"\b(?:early|beginning of|start of|the start of)\s+next month\b|\b(?:the )?(?:first|1st) of next month\b", "early_next_month"),
        (r"\b(?:mid[- ]month|(?:the )?middle of (?:the|this) month)\b", "mid_month"),
        (r"\b(?:mid[- ]next[- ]month|(?:the )?middle of next month)\b", "mid_next_month"),
        (r"\b(?:the )?week after next\b", "week_after_next"),
        (r"\b(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? of (?:next|the following) month\b", "next_month_day"),
        (r"\b(?:(?:the )?end of|late)\s+MONTH", "month:end"),
        (r"\b(?:(?:the )?beginning of|(?:the )?start of|early)\s+MONTH", "month:start"),
        (r"\b(?:(?:the )?beginning|(?:the )?start) of the month\b", "start_of_month"),
        (r"\b(?:mid[- ]?|(?:the )?middle of\s+)MONTH", "month:mid"),
    ]),
    "fr": _period_table("fr", [
        (r"\bdernier jour (?:ouvré|ouvrable|ouvre) (?:du|de ce) mois\b", "last_working_day"),
        (r"\baujourd[’']hui\b|\bce jour\b|\bdans la journée\b|\bce soir\b|\bcet après-midi\b|\bcet apres-midi\b|\bdans l[’']après-midi\b", "today"),
        (r"(?<![-\w])demain\b", "tomorrow"),
        (r"\baprès[- ]demain\b|\bapres[- ]demain\b", "after_tomorrow"),
        (r"\bcette semaine\b|\b(?:d[’']ici la |en |à la )?fin de (?:la |cette )?semaine\b(?! prochaine)", "this_week"),
        (r"\b(?:la )?semaine prochaine\b|\b(?:à la |en )?fin de (?:la )?semaine prochaine\b|\bla semaine suivante\b", "next_week"),
        (r"\b(?:en |au )?début de (?:la )?semaine prochaine\b", "early_next_week"),
        (r"\baprès (?:le |ce )?(?:week-end|weekend|we)\b|\bdès lundi\b", "early_next_week"),
        (r"\b(?:en |au )?milieu de (?:la )?semaine prochaine\b|\bmi-semaine prochaine\b", "mid_next_week"),
        (r"(?<!fêtes de )\b(?:d[’\']ici la |avant la |à la |en )?fin (?:de l[’\']|d[’\'])année\b|\bavant la fin de l[’\']année\b", "end_of_year"),
        (r"\bsous huitaine\b|\bsous (?:huit|8) jours\b", "in_week"),
        (r"\bsous quinzaine\b", "in_fortnight"),
        (r"\b(?:à la |en |d[’']ici la |d[’']ici |pour la )?fin (?:de|du) mois\b(?! prochain)(?: courant)?|\bfin de ce mois\b", "end_of_month"),
        (r"\b(?:le )?mois prochain\b|\b(?:à la |en )?fin (?:du|de) mois prochain\b", "next_month"),
        (r"\b(?:en |au )?début (?:du|de) mois prochain\b|\ble (?:1er|premier) du mois prochain\b", "early_next_month"),
        (r"\b(?:à la )?mi[- ]mois\b|\bmilieu du mois\b", "mid_month"),
        (r"\b(?:à la )?mi[- ]mois prochain\b|\b(?:au )?milieu du mois prochain\b", "mid_next_month"),
        (r"\b(?:le )?(?P<day>\d{1,2})(?:er)? du mois (?:prochain|suivant)\b", "next_month_day"),
        (r"\b(?:à la |en )?fin (?:de |d[’'])?MONTH", "month:end"),
        (r"\b(?:au |en )?début (?:de |d[’'])?MONTH", "month:start"),
        (r"\b(?:au |en )?début (?:de|du) mois\b(?! prochain)", "start_of_month"),
        (r"\b(?:à la )?mi[- ]MONTH", "month:mid"),
        (r"\bmilieu (?:de |d[’'])?MONTH", "month:mid"),
    ]),
    "de": _period_table("de", [
        (r"\bletzten (?:werktag|arbeitstag|bankarbeitstag) (?:des|dieses|im) monats?\b", "last_working_day"),
        (r"\b(?:noch )?heute(?: abend| nachmittag)?\b|\bim laufe des tages\b", "today"),
        (r"(?<!guten )(?<!am )(?<!über)(?<!heute )\bmorgen(?:früh| früh)?\b", "tomorrow"),
        (r"\bübermorgen\b|\buebermorgen\b", "after_tomorrow"),
        (r"\b(?:noch )?(?:in )?diese[rn]? woche\b|\b(?:bis )?ende (?:der|dieser) woche\b|\bim laufe der woche\b", "this_week"),
        (r"\b(?:in der )?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b|\b(?:bis )?ende (?:der )?(?:nächste[rn]?|kommende[rn]?) woche\b", "next_week"),
        (r"\banfang (?:der )?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b", "early_next_week"),
        (r"\bnach dem wochenende\b|\bgleich nächste woche\b", "early_next_week"),
        (r"\bmitte (?:der )?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b", "mid_next_week"),
        (r"\b(?:bis )?(?:zum )?(?:jahresende|ende (?:des|dieses) jahres)\b", "end_of_year"),
        (r"\b(?:bis |zum )?ende (?:des|dieses) monats\b|\b(?:zum |bis zum |bis )?monatsende\b|\bende monat\b|\bende des laufenden monats\b", "end_of_month"),
        (r"\b(?:im )?(?:nächste[nr]?|naechste[nr]?|kommende[nr]?) monat\b|\bende (?:des )?nächsten monats\b", "next_month"),
        (r"\banfang (?:des )?(?:nächsten|naechsten|kommenden) monats\b|\banfang nächsten monat\b", "early_next_month"),
        (r"\bmitte (?:des |dieses )?monats\b|\bmonatsmitte\b|\bmitte monat\b", "mid_month"),
        (r"\bmitte (?:des )?(?:nächsten|naechsten|kommenden|folgenden) monats?\b|\bmitte nächsten monat\b|\bmitte des folgemonats\b", "mid_next_month"),
        (r"\b(?:in der )?(?:übernächste[rn]?|uebernaechste[rn]?)\s+woche\b", "week_after_next"),
        (r"\b(?:(?:bis )?zum |am |bis )?(?P<day>\d{1,2})\.\s*(?:des )?(?:folgemonats|(?:nächsten|naechsten|kommenden|folgenden) monats)\b", "next_month_day"),
        (r"\b(?:zum |bis zum |am )?monatsletzten\b|\bletzten (?:tag )?des monats\b", "end_of_month"),
        (r"\b(?:bis )?ende MONTH", "month:end"),
        (r"\banfang MONTH", "month:start"),
        (r"\banfang (?:des )?monats?\b", "start_of_month"),
        (r"\bmitte MONTH", "month:mid"),
    ]),
    "es": _period_table("es", [
        (r"\búltimo día (?:hábil|laborable) del mes\b", "last_working_day"),
        (r"\bhoy\b|\ben el día de hoy\b|\besta (?:tarde|noche)\b", "today"),
        (r"(?<!la )(?<!pasado )(?<!esta )\bmañana\b|(?<!esta )\bmanana\b", "tomorrow"),
        (r"\bpasado mañana\b|\bpasado manana\b", "after_tomorrow"),
        (r"\besta semana\b|\b(?:a )?(?:finales|final) de (?:esta |la )?semana\b(?! que viene| próxima)|\beste fin de semana\b|\bantes del fin de semana\b", "this_week"),
        (r"\b(?:la )?(?:próxima|proxima) semana\b|\b(?:la )?semana (?:que viene|próxima|proxima)\b|\b(?:a )?finales de la (?:próxima semana|semana que viene)\b", "next_week"),
        (r"\b(?:a )?(?:principios|inicios|comienzos) de (?:la )?(?:(?:próxima|proxima) semana|semana que viene)\b", "early_next_week"),
        (r"\bdespués del fin de semana\b|\bdespues del fin de semana\b|\btras el fin de semana\b", "early_next_week"),
        (r"\b(?:a )?mediados de la (?:(?:próxima|proxima) semana|semana que viene)\b", "mid_next_week"),
        (r"\b(?:antes de |a |para )?(?:finales|fin|final) de(?:l)? año\b|\bantes de que (?:termine|acabe) el año\b", "end_of_year"),
        (r"\b(?:a |para )?(?:finales|fin|final) de(?:l)? (?:este )?mes\b(?! que viene| próximo)|\bantes de fin de mes\b|\bantes de que (?:termine|acabe) el mes\b", "end_of_month"),
        (r"\bel (?:próximo|proximo) mes\b|\bel mes que viene\b|\b(?:a )?finales del (?:próximo mes|mes que viene)\b", "next_month"),
        (r"\b(?:a )?(?:principios|inicios|comienzos) del (?:(?:próximo|proximo) mes|mes que viene)\b", "early_next_month"),
        (r"\b(?:a )?mediados de(?:l)? (?:este )?mes\b|\ba mitad de mes\b", "mid_month"),
        (r"\b(?:a )?mediados del (?:(?:próximo|proximo) mes|mes que viene|mes siguiente)\b", "mid_next_month"),
        (r"\b(?:el )?(?:día )?(?P<day>\d{1,2}) del (?:(?:próximo|proximo) mes|mes que viene|mes siguiente)\b", "next_month_day"),
        (r"\b(?:a )?(?:finales|fin|final) de MONTH", "month:end"),
        (r"\b(?:a )?(?:principios|inicios|comienzos|primeros) de MONTH", "month:start"),
        (r"\b(?:a )?(?:principios|inicios|comienzos|primeros) de(?:l)? mes\b(?! que viene| próximo)", "start_of_month"),
        (r"\b(?:a )?mediados de MONTH", "month:mid"),
    ]),
    "nl": _period_table("nl", [
        (r"\blaatste (?:werkdag|werkdag van de maand|bankwerkdag) van (?:de|deze) maand\b", "last_working_day"),
        (r"\bvandaag(?: nog)?\b|\bvanmiddag\b|\bvanavond\b", "today"),
        (r"(?<!goede )\bmorgen(?:ochtend|middag|vroeg)?\b", "tomorrow"),
        (r"\bovermorgen\b", "after_tomorrow"),
        (r"\bdeze week\b|\beind(?:e)? (?:van )?(?:deze|de) week\b|\blater deze week\b", "this_week"),
        (r"\b(?:volgende|komende) week\b|\beind(?:e)? (?:van )?(?:volgende|komende) week\b|\bde week erna\b", "next_week"),
        (r"\b(?:aan het )?begin (?:van )?(?:de )?(?:volgende|komende) week\b", "early_next_week"),
        (r"\bna het weekend\b|\bna het weekeinde\b", "early_next_week"),
        (r"\b(?:halverwege|midden) (?:de )?(?:volgende|komende) week\b", "mid_next_week"),
        (r"\b(?:voor het |aan het )?eind(?:e)? (?:van )?(?:het|dit) jaar\b|\bvoor het jaareinde\b|\bultimo (?:dit )?jaar\b", "end_of_year"),
        (r"\b(?:aan het |voor het )?eind(?:e)? (?:van )?(?:de|deze) maand\b|\bultimo (?:deze )?maand\b", "end_of_month"),
        (r"\b(?:volgende|komende) maand\b|\beind(?:e)? (?:van )?(?:volgende|komende) maand\b", "next_month"),
        (r"\b(?:aan het )?begin (?:van )?(?:de )?(?:volgende|komende) maand\b", "early_next_month"),
        (r"\b(?:half|medio|midden van) (?:de |deze )?maand\b", "mid_month"),
        (r"\b(?:half|medio|midden) volgende maand\b|\bhalverwege volgende maand\b", "mid_next_month"),
        (r"\b(?:de )?(?P<day>\d{1,2})(?:e|ste|de)? van (?:de )?volgende maand\b", "next_month_day"),
        (r"\b(?:eind(?:e)? (?:van )?|ultimo )MONTH", "month:end"),
        (r"\bbegin (?:van )?MONTH", "month:start"),
        (r"\b(?:aan het )?begin van de maand\b", "start_of_month"),
        (r"\b(?:half|medio|midden) MONTH", "month:mid"),
    ]),
}  # fmt: skip

NEXT_WORDS = {
    "en": {
        "before": re.compile(r"\bnext\s+$", _I),
        "after": re.compile(r"^\s+next\b(?!\s+week)", _I),
        "week_after": re.compile(r"^,?\s+(?:of\s+)?(?:next|the following) week\b", _I),
        "week_before": re.compile(r"\bnext week\s*,?\s*(?:on\s+)?$", _I),
    },
    "fr": {
        "before": re.compile(r"\bprochain\s+$", _I),
        "after": re.compile(r"^\s+prochain\b", _I),
        "week_after": re.compile(r"^\s+(?:de\s+)?la\s+semaine\s+(?:prochaine|suivante)\b", _I),
        "week_before": re.compile(r"\bsemaine prochaine\s*,?\s*(?:le\s+)?$", _I),
    },
    "de": {
        "before": re.compile(r"\b(?:nächste[nmrs]?|naechste[nmrs]?)\s+$", _I),
        "after": re.compile(r"^(?!)", _I),
        "week_after": re.compile(r"^\s+(?:der\s+)?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?)\s+woche\b", _I),
        "week_before": re.compile(r"\b(?:nächste|naechste|kommende)\s+woche\s*,?\s*(?:am\s+)?$", _I),
    },
    "es": {
        "before": re.compile(r"\b(?:próximo|proximo)\s+$", _I),
        "after": re.compile(r"^\s+(?:próximo|proximo|que viene)\b", _I),
        "week_after": re.compile(r"^\s+de\s+la\s+(?:semana\s+que\s+viene|(?:próxima|proxima)\s+semana|semana\s+(?:próxima|proxima))\b", _I),
        "week_before": re.compile(r"\bsemana que viene\s*,?\s*(?:el\s+)?$", _I),
    },
    "nl": {
        "before": re.compile(r"\bvolgende\s+$", _I),
        "after": re.compile(r"^(?!)", _I),
        "week_after": re.compile(r"^\s+(?:van\s+)?(?:de\s+)?(?:volgende|komende)\s+week\b", _I),
        "week_before": re.compile(r"\b(?:volgende|komende)\s+week\s*,?\s*(?:op\s+)?$", _I),
    },
}  # fmt: skip

DAY_OF_MONTH = {
    "en": (
        re.compile(r"\b(?:on|by|before|until)\s+the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)?\b", _I),
        re.compile(r"\b(?:on|by|before|until|till|for)\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b", _I),
        re.compile(r"\bthe\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b", _I),
        re.compile(r"\((?:the\s+)?(?P<dom>\d{1,2})(?:st|nd|rd|th)\)", _I),
    ),
    "fr": (
        re.compile(r"\b(?:le|au|avant le|d[’']ici le|jusqu[’']au|pour le)\s+(?P<dom>\d{1,2})(?:er)?\b(?!\s*(?:[\d/:h€%]|[.,]\d|[a-zà-ÿ]{3}))", _I),
    ),
    "de": (
        re.compile(r"\b(?:am|bis zum|zum|bis|spätestens am|für den|auf den|den)\s+(?P<dom>\d{1,2})\.(?!\s*\d)(?!\s*(?:" + _MONTH_ALT["de"] + r")(?![a-zäöü]))", _I),
        re.compile(r"\((?:den\s+|am\s+)?(?P<dom>\d{1,2})\.\)", _I),
    ),
    "es": (
        re.compile(r"\b(?:el|el día|antes del|hasta el|para el|del)\s+(?:día\s+)?(?P<dom>\d{1,2})\b(?!\s*(?:[\d/:€%]|[.,]\d|de\s+[a-z]+|[a-zí]{3}))", _I),
    ),
    "nl": (
        re.compile(r"\b(?:(?:op|voor|uiterlijk|tegen|per|van|rond)\s+)?de\s+(?P<dom>\d{1,2})(?:e|ste|de)\b", _I),
    ),
}  # fmt: skip
