"""Kinds of reply that were confused with a neighbour intent (issue #4, replies-3):
plan proposals with a promise, lawyer and administrator letters with a dispute, opt-outs
with a complaint, a missing invoice with a dispute, a payment made by someone else or
explained by a credit note; German dates and amounts written without a currency."""

from datetime import date

import pytest
from reply_helpers import read

from ar_collections_core.replies.amounts import find_amounts
from ar_collections_core.replies.dates import DateFinder

WED = date(2026, 6, 10)  # a Wednesday; next week Mon 15 - Fri 19, month ends Tue 30


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "We can manage 300 now and the remainder at the end of July, is that ok?"),
        ("fr_FR", "Nous pouvons payer une partie maintenant et le reste fin juillet."),
        ("de_DE", "Wir zahlen 300 € sofort und den Restbetrag Ende Juli, wenn Sie zustimmen."),
        ("es_ES", "Pagamos una parte ahora y el resto a finales de julio, si les parece."),
        ("nl_NL", "We betalen nu een deel en de rest eind juli, als u akkoord gaat."),
    ],
)
def test_part_now_and_the_rest_later_is_a_plan_not_a_promise(lang, body):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent == "payment_plan", reading.evidence
    assert "promise_to_pay" not in reading.intents


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        (
            "en_GB",
            "We act for the company. The receivers appointed last week will deal with "
            "all creditors; your invoice is disputed in any event.",
        ),
        (
            "de_DE",
            "Wir vertreten die Interessen unserer Mandantin. Die Forderung ist beim "
            "Insolvenzverwalter anzumelden, wir bestreiten sie im Übrigen.",
        ),
        (
            "nl_NL",
            "Namens onze cliënte: de vordering wordt betwist en kan bij de curator "
            "worden ingediend.",
        ),
    ],
)
def test_a_lawyer_or_administrator_letter_is_legal_even_when_it_disputes(lang, body):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent == "legal_insolvency", reading.evidence


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "We never got this invoice and cannot find it anywhere. Please resend it."),
        ("fr_FR", "Nous ne retrouvons pas cette facture, merci de nous la renvoyer."),
        ("de_DE", "Die Rechnung liegt uns nicht vor, bitte senden Sie sie erneut zu."),
        ("es_ES", "No encontramos la factura en el sistema, ¿pueden volver a enviarla?"),
        ("nl_NL", "We kunnen de factuur niet vinden, kunt u hem opnieuw sturen?"),
    ],
)
def test_an_invoice_not_found_asks_for_a_copy(lang, body):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent == "request_document", reading.evidence
    assert "dispute" not in reading.intents


def test_goods_never_received_stay_a_dispute():
    reading = read("The goods never arrived, so the invoice is wrong.\n", today=WED)
    assert reading.intent == "dispute", reading.evidence


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "This was offset against your credit note last month."),
        ("de_DE", "Die Rechnung haben wir versehentlich doppelt bezahlt, bitte erstatten."),
        ("fr_FR", "Réglé ce matin."),
        ("fr_FR", "Tout est réglé de notre côté, on ne vous doit plus rien."),
    ],
)
def test_payments_made_whatever_else_is_named(lang, body):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent == "paid_already", reading.evidence
    assert reading.promised_date is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Wir zahlen Mitte nächsten Monats.", date(2026, 7, 15)),
        ("Wir überweisen übernächste Woche.", date(2026, 6, 26)),
        ("Zahlung zum Monatsletzten.", date(2026, 6, 30)),
        ("Wir zahlen bis zum 15. des Folgemonats.", date(2026, 7, 15)),
    ],
)
def test_german_dates_of_next_month_and_the_week_after_next(text, wanted):
    assert [found.value for found in DateFinder("de", WED).find(text)] == [wanted]


@pytest.mark.parametrize(
    ("lang", "text", "wanted"),
    [
        ("en", "We'll pay 1,250 on Friday.", [1250.0]),
        ("de", "Wir können 500 sofort überweisen.", [500.0]),
        ("nl", "Wij maken 1452 volgende week over.", [1452.0]),
        ("en", "We will pay the 12 invoices in 30 days.", []),
        ("en", "We'll pay 15 May.", []),
        ("nl", "Factuur 00981 betalen we volgende week.", []),
        ("en", "We paid 2026 invoices last year.", []),
    ],
)
def test_whole_amounts_without_a_currency_only_beside_a_paying_word(lang, text, wanted):
    assert [amount.value for amount in find_amounts(text, lang)] == wanted
