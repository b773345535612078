"""Hard cases as tables: forms that are no promise, promises that look conditional, dates
said the way people say them, and the model shipped as plain data."""

import json
import subprocess
import sys
from datetime import date

import pytest
from reply_helpers import read

from ar_collections_core.replies.classifier import WEIGHTS_PATH
from ar_collections_core.replies.dates import DateFinder
from ar_collections_core.replies.rules import analyze, split_clauses

WED = date(2026, 2, 18)  # a Wednesday; Friday 13 February is just past


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en_GB", "We could pay on Friday if you send us the credit note first."),
        ("en_GB", "Did you get our payment on Friday?"),
        ("en_GB", "We will not be able to pay before the 27th."),
        ("en_GB", "Money left our account on Friday 13th. Give it a couple of days to arrive."),
        ("en_GB", "The invoice will be paid by our head office."),
        ("en_GB", "With a bit of luck we can pay next week, but it depends on our customers."),
        ("fr_FR", "Nous pourrions payer vendredi si vous nous envoyez l'avoir."),
        ("fr_FR", "Le virement sera effectué dès réception des fonds de notre client."),
        ("de_DE", "Wir zahlen erst, wenn die Gutschrift da ist."),
        ("de_DE", "Haben Sie unsere Zahlung vom Freitag erhalten?"),
        ("es_ES", "Con suerte podremos pagar la semana que viene, pero depende de los clientes."),
        ("es_ES", "Pagamos el viernes pasado por transferencia."),
        ("nl_NL", "Wij betalen pas als de creditnota binnen is."),
        ("nl_NL", "De facturen worden betaald door het hoofdkantoor in Amsterdam."),
        ("en_GB", "Can we pay on Friday?"),
        ("en_GB", "We paid on Friday."),
        ("fr_FR", "Pouvons-nous payer vendredi ?"),
        ("de_DE", "Können wir am Freitag zahlen?"),
        ("es_ES", "¿Podemos pagar el viernes?"),
        ("nl_NL", "Kunnen we vrijdag betalen?"),
    ],
)
def test_no_promise_in_conditional_past_negated_or_someone_elses_words(lang, body):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent != "promise_to_pay", reading.evidence
    assert reading.promised_date is None


@pytest.mark.parametrize(
    ("lang", "body", "promised"),
    [
        (
            "de_DE",
            "Wir begleichen die Rechnung, sobald unser Kunde bezahlt hat, spätestens aber am "
            "10. März.",
            date(2026, 3, 10),
        ),
        (
            "fr_FR",
            "Le virement sera effectué dès réception des fonds de notre client, au plus tard "
            "le 5 mars.",
            date(2026, 3, 5),
        ),
        (
            "en_GB",
            "We will pay once the goods are checked, at the latest on the 27th.",
            date(2026, 2, 27),
        ),
        ("en_GB", "hi sorry!! completely forgot about this one, paying it today", WED),
        ("fr_FR", "Je fais le paiement cet après-midi.", WED),
        ("de_DE", "Ich habe die Überweisung für den 23. terminiert.", date(2026, 2, 23)),
        ("nl_NL", "Uw factuur gaat mee in de betaalrun van de 25e.", date(2026, 2, 25)),
        # "no later than" is a deadline, not a negation
        ("en_GB", "We shall pay invoice 00123 not later than 27 February.", date(2026, 2, 27)),
    ],
)
def test_promises_with_a_deadline_or_a_time_today(lang, body, promised):
    reading = read(body + "\n", today=WED, lang=lang)
    assert "promise_to_pay" in reading.intents, reading.evidence
    assert reading.promised_date == promised


def test_a_payment_they_have_not_received_is_no_dispute():
    reading = read(
        "Haben Sie unsere Zahlung nicht erhalten? Sie ist am 12.02. rausgegangen.\n",
        today=WED,
        lang="de_DE",
    )
    assert reading.intent == "paid_already", reading.evidence


def test_a_dispute_leads_a_promise_in_the_same_reply():
    reading = read(
        "Nous paierons la facture 00123 à la fin du mois, mais la facture 00140 comporte un taux "
        "de TVA erroné.\n",
        today=WED,
        lang="fr_FR",
    )
    assert reading.intent == "dispute"
    assert "promise_to_pay" in reading.intents
    assert reading.promised_date == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("lang", "text", "wanted"),
    [
        ("en", "It left our account on Friday 13th.", date(2026, 2, 13)),  # just past
        ("en", "We pay on Friday 13th of March.", date(2026, 3, 13)),
        ("de", "für den 23. terminiert", date(2026, 2, 23)),
        ("nl", "op de laatste werkdag (de 27e)", date(2026, 2, 27)),
        ("fr", "je règle cet après-midi", WED),
        ("es", "pago esta tarde", WED),
    ],
)
def test_dates_as_people_write_them(lang, text, wanted):
    assert [found.value for found in DateFinder(lang, WED).find(text)] == [wanted]


def test_a_word_cut_by_the_window_is_no_negation():
    # "notre" at the edge of the 40-character window once read as "not".
    text = (
        "Le virement sera effectué dès réception des fonds de notre client, au plus tard le 5 mars."
    )
    (clause,) = analyze(text, (text.index("5 mars"),))
    assert "promise_to_pay" in clause.intents


def test_a_german_day_before_a_month_name_does_not_end_the_clause():
    text = "Wir zahlen am 10. März. Danke."
    assert [text[s:e] for s, e in split_clauses(text)] == ["Wir zahlen am 10. März.", "Danke."]


def test_the_model_is_plain_json_and_loads_without_pickle_or_numpy():
    json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))  # plain data
    # A fresh interpreter: the weights are read with pickle refused (babel, imported
    # before, keeps its own data files) and numpy never imported.
    code = (
        "import sys, pickle\n"
        "from ar_collections_core.replies import classifier\n"
        "def refuse(*args, **kwargs): raise AssertionError('pickle used')\n"
        "pickle.load = pickle.loads = pickle.Unpickler = refuse\n"
        "model = classifier.load_model()\n"
        "assert model is not None and 'numpy' not in sys.modules\n"
        "print(len(model.classes))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "12"
