"""Promised dates said the ways customers say them, in five languages: weekdays with and
without next/this/coming, deadlines, month parts, ordinal and numeric days, counts, pay
runs, and which date is the promise when several are named. Today is Wednesday 26
November 2025 (Friday 28, Monday 1 December, next week's Friday 5 December)."""

from datetime import date

import pytest
from reply_helpers import TODAY, read

from ar_collections_core.replies.dates import DateFinder

D = date
FRI, MON, NEXT_FRI = D(2025, 11, 28), D(2025, 12, 1), D(2025, 12, 5)


@pytest.mark.parametrize(
    ("lang", "body", "promised"),
    [
        # weekdays, with and without next / this / coming
        ("en_GB", "We will pay on Friday.", FRI),
        ("en_GB", "Payment will be made this coming Monday.", MON),
        ("en_GB", "We'll settle it next Friday.", NEXT_FRI),
        ("en_GB", "We'll get it paid on Tuesday next week.", D(2025, 12, 2)),
        ("en_GB", "We'll pay first thing Monday.", MON),
        ("fr_FR", "Le paiement sera effectué vendredi prochain.", NEXT_FRI),
        ("fr_FR", "Nous payerons ce vendredi.", FRI),
        ("de_DE", "Wir zahlen nächsten Freitag.", NEXT_FRI),
        ("de_DE", "Wir zahlen kommenden Montag.", MON),
        ("es_ES", "Pagaremos el próximo viernes.", NEXT_FRI),
        ("es_ES", "Pagaremos el viernes que viene.", NEXT_FRI),
        ("nl_NL", "Wij betalen volgende week vrijdag.", NEXT_FRI),
        ("nl_NL", "Wij betalen aanstaande maandag.", MON),
        # by / before / no later than / until
        ("en_GB", "We intend to pay no later than Tuesday.", D(2025, 12, 2)),
        ("fr_FR", "Nous ferons le virement d'ici vendredi.", FRI),
        ("fr_FR", "Nous paierons au plus tard lundi.", MON),
        ("de_DE", "Wir überweisen bis Ende nächster Woche.", NEXT_FRI),
        ("de_DE", "Die Überweisung erfolgt spätestens am Montag.", MON),
        ("es_ES", "Haremos la transferencia a más tardar el lunes.", MON),
        ("nl_NL", "Wij betalen uiterlijk vrijdag.", FRI),
        # month parts
        ("en_GB", "Payment will go out mid-December.", D(2025, 12, 15)),
        ("en_GB", "Payment will be made before the end of the year.", D(2025, 12, 31)),
        ("fr_FR", "Le virement partira début janvier.", D(2026, 1, 1)),
        ("de_DE", "Die Zahlung erfolgt Mitte Dezember.", D(2025, 12, 15)),
        ("es_ES", "Pagaremos a principios de enero.", D(2026, 1, 1)),
        ("es_ES", "Pagaremos a primeros de diciembre.", D(2025, 12, 1)),
        ("nl_NL", "We maken het bedrag eind deze maand over.", D(2025, 11, 30)),
        ("nl_NL", "We betalen half december.", D(2025, 12, 15)),
        # ordinal and numeric days, by locale
        ("en_GB", "We will pay on the 15th.", D(2025, 12, 15)),
        ("en_GB", "Will pay by 10th.", D(2025, 12, 10)),
        ("en_GB", "We'll pay it by 5/12.", D(2025, 12, 5)),
        ("en_US", "We will pay on 12/05.", D(2025, 12, 5)),
        ("fr_FR", "Nous réglerons le 15.", D(2025, 12, 15)),
        ("de_DE", "Wir überweisen am 15.", D(2025, 12, 15)),
        ("de_DE", "Wir zahlen am 15.12.", D(2025, 12, 15)),
        ("es_ES", "Pagaremos el día 15.", D(2025, 12, 15)),
        ("nl_NL", "Betaling volgt op 15-12.", D(2025, 12, 15)),
        ("nl_NL", "Uw factuur gaat mee in de betaalrun na de 15e.", D(2025, 12, 15)),
        # counts, weekends, weeks
        ("en_GB", "We'll pay it in full within the next 7 days.", D(2025, 12, 3)),
        ("en_GB", "We will pay after the weekend.", MON),
        ("en_GB", "You'll have it by mid next week.", D(2025, 12, 3)),
        ("fr_FR", "Nous vous réglerons sous huitaine.", D(2025, 12, 3)),
        ("fr_FR", "Nous réglerons après le week-end.", MON),
        ("de_DE", "Wir zahlen nach dem Wochenende.", MON),
        ("de_DE", "Wir zahlen in KW 50.", D(2025, 12, 12)),
        ("es_ES", "Pagaremos después del fin de semana.", MON),
        ("es_ES", "Pagaremos en 48 horas.", FRI),
        ("nl_NL", "We betalen na het weekend.", MON),
        # pay runs with a day named
        ("en_GB", "It will be included in our next payment run on Thursday.", D(2025, 11, 27)),
        ("de_DE", "Die Rechnung wird mit unserem nächsten Zahllauf am Donnerstag beglichen.",
         D(2025, 11, 27)),
        ("de_DE", "Rechnung 4711 geht in den Zahlungslauf vom 03.12.", D(2025, 12, 3)),
        ("nl_NL", "De factuur gaat mee in de betaalrun van donderdag.", D(2025, 11, 27)),
        ("es_ES", "Pagaremos en la próxima remesa de pagos del jueves.", D(2025, 11, 27)),
    ],
)  # fmt: skip
def test_promised_date_phrasings(lang, body, promised):
    reading = read(body + "\n", lang=lang)
    assert "promise_to_pay" in reading.intents, reading.evidence
    assert reading.promised_date == promised


@pytest.mark.parametrize(
    ("lang", "body", "promised"),
    [
        ("en_GB", "Invoice 00123 dated 03/11/2025 will be paid on 12/12/2025.", D(2025, 12, 12)),
        ("en_GB", "Your invoice of 15 September will be paid on Friday.", FRI),
        ("en_GB", "Your reminder of 20 November mentions a due date of 15 November; we will pay "
         "on 5 December.", NEXT_FRI),
        ("fr_FR", "Suite à votre relance du 24/11, la facture du 15/10/2025 sera réglée le 5 "
         "décembre.", NEXT_FRI),
        ("de_DE", "Ihre Rechnung vom 12.09. wird am Freitag bezahlt.", FRI),
        ("es_ES", "La factura con fecha 15/10/2025 se pagará el 5 de diciembre.", NEXT_FRI),
        ("nl_NL", "De factuur van 15-10-2025 wordt op 5 december betaald.", NEXT_FRI),
        # a yearless day months back is last year's, not a promise next autumn
        ("en_GB", "We paid the 20 September invoice; the 00123 one we'll pay on Friday.", FRI),
        # the day the money goes out, not the day of a review
        ("en_US", "INV-10452 was approved in this week's AP review and is included in the "
         "payment batch going out on December 5th.", NEXT_FRI),
    ],
)  # fmt: skip
def test_document_dates_are_never_the_promise(lang, body, promised):
    assert read(body + "\n", lang=lang).promised_date == promised


@pytest.mark.parametrize(
    ("lang", "body", "promised"),
    [
        ("de_DE", "Rechnung 00140 wurde bereits am 10.11. bezahlt. Rechnung 00123 überweisen "
         "wir nächsten Dienstag.", D(2025, 12, 2)),
        ("nl_NL", "Factuur 00140 is al op 10 november betaald. Factuur 00123 betalen we "
         "volgende week dinsdag.", D(2025, 12, 2)),
        ("en_GB", "Invoice 00140 was already paid on 10 November. Invoice 00123 will be paid "
         "next Tuesday.", D(2025, 12, 2)),
    ],
)  # fmt: skip
def test_a_promise_beside_a_payment_made_keeps_its_date(lang, body, promised):
    reading = read(body + "\n", lang=lang)
    assert {"promise_to_pay", "paid_already"} <= set(reading.intents)
    assert reading.promised_date == promised


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "first of December", D(2025, 12, 1)),
        ("en", "Friday week", NEXT_FRI),
        ("en", "30 days from today", D(2025, 12, 26)),
        ("en", "tmrw", D(2025, 11, 27)),
        ("fr", "le premier décembre", D(2025, 12, 1)),
        ("fr", "vendredi en huit", NEXT_FRI),
        ("fr", "sous 48h", FRI),
        ("fr", "d'ici la fin de l'année", D(2025, 12, 31)),
        ("de", "Mitte nächster Woche", D(2025, 12, 3)),
        ("de", "Ende KW 49", NEXT_FRI),
        ("de", "bis Jahresende", D(2025, 12, 31)),
        ("es", "a principios de mes", D(2025, 12, 1)),
        ("es", "primero de diciembre", D(2025, 12, 1)),
        ("nl", "week 50", D(2025, 12, 12)),
        ("nl", "binnen de komende 10 dagen", D(2025, 12, 6)),
        ("nl", "halverwege volgende week", D(2025, 12, 3)),
    ],
)
def test_date_words(lang, text, expected):
    found = DateFinder(lang, TODAY).find(text)
    assert [f.value for f in found] == [expected], found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "We paid last Friday."),
        ("es", "Pagamos el viernes pasado."),
        ("fr", "Nous avons payé vendredi dernier."),
        ("de", "Wir haben letzten Freitag bezahlt."),
        ("nl", "We hebben afgelopen vrijdag betaald."),
    ],
)
def test_a_weekday_just_past_is_in_the_past(lang, text):
    assert [f.value for f in DateFinder(lang, TODAY).find(text)] == [D(2025, 11, 21)]


def test_season_greetings_name_no_day():
    greeting = "Toute l'équipe vous souhaite de belles fêtes de fin d'année !"
    assert DateFinder("fr", TODAY).find(greeting) == []


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "We'll try to pay on Friday, Monday at the latest."),
        ("de_DE", "Wir zahlen diese Woche, spätestens am Montag."),
        ("fr_FR", "Nous réglerons cette semaine, au plus tard lundi."),
        ("es_ES", "Pagaremos esta semana, a más tardar el lunes."),
        ("nl_NL", "We betalen deze week, uiterlijk maandag."),
    ],
)
def test_the_deadline_is_the_promise_when_two_days_are_named(lang, body):
    assert read(body + "\n", lang=lang).promised_date == MON
