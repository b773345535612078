"""Amounts in every usual notation, no promise where none was made, out-of-office
return dates, in five languages. Today is Wednesday 26 November 2025."""

from datetime import date

import pytest
from reply_helpers import raw, read

from ar_collections_core.replies import OpenInvoice
from ar_collections_core.replies.amounts import find_amounts
from ar_collections_core.replies.language import detect_language
from ar_collections_core.replies.mail import parse_message

D = date
GBP = (OpenInvoice("SI-004512", 864.0, "GBP"), OpenInvoice("SI-004530", 12480.0, "GBP"))
MIXED = (OpenInvoice("INV-1", 1250.0, "EUR"), OpenInvoice("INV-2", 980.0, "USD"))


@pytest.mark.parametrize(
    ("text", "lang", "value", "currency"),
    [
        ("we pay 1250.- Friday", "de", 1250.0, None),
        ("Wir zahlen 1.250,- am Freitag", "de", 1250.0, None),
        ("Wir haben gestern 1.250,– € überwiesen", "de", 1250.0, "EUR"),
        ("Wir überweisen morgen EUR 1.250,--", "de", 1250.0, "EUR"),
        ("we will pay USD1250", "en", 1250.0, "USD"),
        ("EUR1.250,00 überwiesen", "de", 1250.0, "EUR"),
        ("Betrag: 2.100", "de", 2100.0, None),
        ("I will get the 864 paid", "en", 864.0, None),
        ("nous paierons 1 250 € vendredi", "fr", 1250.0, "EUR"),
        ("pagaremos 1.250 euros", "es", 1250.0, "EUR"),
        ("wij maken € 1.250,00 over", "nl", 1250.0, "EUR"),
        ("CHF 1'250.50", "de", 1250.5, "CHF"),
    ],
)
def test_amount_notations(text, lang, value, currency):
    found = find_amounts(text, lang)
    assert [(a.value, a.currency) for a in found] == [(value, currency)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("we will pay €1.2k on Friday", "en"),
        ("we will pay 50 % now", "fr"),
        ("IBAN NL91 ABNA 0417 1643 00", "nl"),
        ("call 020 123 4567", "nl"),
        ("vom 10.-17. Juni", "de"),
        ("pay 12/12", "en"),
    ],
)
def test_not_money(text, lang):
    assert find_amounts(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "body", "value", "currency", "invoices"),
    [
        ("en_GB", "Of the £12,480 outstanding we can pay £6,000 now and the balance next month.",
         6000.0, "GBP", GBP),
        ("en_GB", "We will transfer 864 pounds on Friday.", 864.0, "GBP", GBP),
        ("en_GB", "We paid 12,480 yesterday.", 12480.0, "GBP", GBP),
        ("en_GB", "We paid 980 on Monday.", 980.0, "USD", MIXED),
        ("es_ES", "Gracias por el aviso, mañana por la mañana le transfiero los 420 €.", 420.0,
         "EUR", MIXED),
        ("de_DE", "Den Betrag in Höhe von 1.250,00 € haben wir am 24.11. überwiesen.", 1250.0,
         "EUR", MIXED),
        ("fr_FR", "Nous vous payerons la somme de 1 250 euros vendredi.", 1250.0, "EUR", MIXED),
        ("nl_NL", "Wij hebben € 1.250,- op 20 november overgemaakt.", 1250.0, "EUR", MIXED),
        ("en_GB", "We have paid 1.250,00 to your account NL91ABNA0417164300 on 24/11.", 1250.0,
         "EUR", MIXED),
    ],
)  # fmt: skip
def test_the_amount_paid_and_its_currency(lang, body, value, currency, invoices):
    reading = read(body + "\n", lang=lang, invoices=invoices)
    assert (reading.amount, reading.currency) == (value, currency)


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        # someone else is asked whether they can pay
        ("en_GB", "I'll ask my colleague if the payment can be made by Friday."),
        ("fr_FR", "Je vais demander à la comptabilité s'ils peuvent régler cette semaine."),
        ("de_DE", "Ich frage die Buchhaltung, ob sie diese Woche zahlen können."),
        ("es_ES", "Consultaré con mi compañero si se puede pagar el viernes."),
        ("nl_NL", "Ik vraag aan mijn collega of de betaling vrijdag kan."),
        # conditions and requests first
        ("en_GB", "Provided the credit note arrives this week, we will pay on Monday."),
        ("en_GB", "Please re-issue the invoice with our PO number and we'll pay it on Friday."),
        ("de_DE", "Vorausgesetzt die Gutschrift kommt, zahlen wir am Freitag."),
        ("es_ES", "Siempre que recibamos el abono, pagaremos el viernes."),
        ("nl_NL", "Mits de creditnota deze week komt, betalen we vrijdag."),
        # an answer promised, leave asked
        ("en_GB", "We will get back to you by Friday regarding the payment."),
        ("fr_FR", "Nous reviendrons vers vous vendredi concernant le paiement."),
        ("es_ES", "Le contestaremos el viernes sobre el pago."),
        ("nl_NL", "We laten u vrijdag weten wanneer we betalen."),
        ("en_GB", "We'd like to pay on Friday if that's OK with you."),
        ("de_DE", "Wir würden am Freitag zahlen, wenn das für Sie in Ordnung ist."),
        # habits, refusals, questions, payments made
        ("en_GB", "We usually pay suppliers on the 25th of each month."),
        ("de_DE", "Wir zahlen normalerweise immer zum Monatsende, ist das für Sie in Ordnung?"),
        ("de_DE", "Ich zahle nichts, bevor mir jemand diese Gebühren erklärt."),
        ("fr_FR", "Des intérêts de retard s'appliquent-ils si nous payons la semaine prochaine ?"),
        ("en_GB", "Would you accept payment on Friday?"),
        ("nl_NL", "Mogen wij in januari betalen?"),
        ("fr_FR", "Nous avons réglé la facture le 20 novembre."),
        ("es_ES", "Pagamos el viernes pasado por transferencia."),
    ],
)
def test_no_promise_is_invented(lang, body):
    reading = read(body + "\n", lang=lang)
    assert "promise_to_pay" not in reading.intents, reading.evidence
    assert reading.promised_date is None


_AUTO = "Auto-Submitted: auto-replied\n"


@pytest.mark.parametrize(
    ("lang", "body", "back"),
    [
        ("en_GB", "I am out of the office from 24 November until 3 December.", D(2025, 12, 3)),
        ("en_GB", "I'm on annual leave and will be back on Monday 1 December.", D(2025, 12, 1)),
        ("en_GB", "Our office is closed; we reopen on 2 December.", D(2025, 12, 2)),
        ("fr_FR", "Je suis absent du 24 novembre au 5 décembre inclus.", D(2025, 12, 5)),
        ("fr_FR", "Bonjour, je suis en congés. De retour le lundi 1er décembre.", D(2025, 12, 1)),
        ("de_DE", "Ich bin vom 24.11. bis 05.12.2025 nicht im Büro.", D(2025, 12, 5)),
        ("de_DE", "Ich bin im Urlaub und ab Montag wieder erreichbar.", D(2025, 12, 1)),
        ("es_ES", "Estoy de vacaciones hasta el 28 de noviembre. A partir del lunes 1 de "
         "diciembre responderé a su correo.", D(2025, 12, 1)),
        ("es_ES", "Estaré de vuelta el lunes 1 de diciembre.", D(2025, 12, 1)),
        ("nl_NL", "Ik ben afwezig van 24 november tot en met 5 december.", D(2025, 12, 5)),
        ("nl_NL", "Ik ben momenteel niet op kantoor en maandag weer terug.", D(2025, 12, 1)),
        ("nl_NL", "Ik ben terug op maandag 1 december.", D(2025, 12, 1)),
        # back "next week" is back when it begins; "until the end of" it is its end
        ("en_GB", "I'm on holiday this week and back next week.", D(2025, 12, 1)),
        ("de_DE", "Ich bin ab nächster Woche wieder im Büro.", D(2025, 12, 1)),
        ("es_ES", "Estoy fuera, vuelvo la semana que viene.", D(2025, 12, 1)),
        ("en_GB", "I'm away until the end of next week.", D(2025, 12, 5)),
    ],
)  # fmt: skip
def test_return_dates(lang, body, back):
    assert read(body + "\n", lang=lang, headers=_AUTO).return_date == back


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "Thanks for your email. I now work Monday to Wednesday only and will reply on "
         "my next working day."),
        ("en_GB", "Our accounts team is working reduced hours this week; we aim to reply within 3 "
         "working days."),
        ("fr_FR", "Je travaille à temps partiel (lundi, mardi et jeudi) et vous répondrai dès "
         "que possible."),
    ],
)  # fmt: skip
def test_working_hours_name_no_return_date(lang, body):
    assert read(body + "\n", lang=lang, headers=_AUTO).return_date is None


def test_a_message_given_as_text_keeps_its_8bit_body():
    mail = parse_message(raw("We’ll transfer €380.50 tomorrow.\n"))
    assert "We’ll transfer €380.50" in mail.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nous réglerons vendredi.", "fr"),
        ("Pagaremos el viernes.", "es"),
        ("Transferiremos 380,50 EUR mañana.", "es"),
        ("Wir zahlen am Freitag.", "de"),
        ("Wij betalen vrijdag.", "nl"),
        ("We pay on Friday.", "en"),
    ],
)
def test_a_short_reply_without_partner_language(text, lang):
    assert detect_language(text, None) == lang


def test_partner_language_still_settles_close_calls():
    assert detect_language("OK, 15/12.", "fr_FR") == "fr"
    assert detect_language("OK, 15/12.", None) == "en"
