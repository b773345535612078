"""Kinds of reply confused with a neighbour intent (issue #4, replies-5): an open question
about a plan, a wrong addressee, a payment told in the perfect or as the books show it,
a payment run named beside a payment made, a promise set down for a day to come."""

from datetime import date

import pytest
from reply_helpers import read

from ar_collections_core.replies.rules import analyze

WED = date(2026, 6, 10)  # a Wednesday; next week Mon 15 - Fri 19, month ends Tue 30


def _intents(text: str) -> set[str]:
    return {intent for clause in analyze(text) for intent in clause.intents}


@pytest.mark.parametrize(
    ("lang", "body", "wanted"),
    [
        ("en_GB", "How much interest would you add if we paid by instalments?", "question"),
        ("en_GB", "Could we pay the balance in three instalments?", "payment_plan"),
        ("de_DE", "Wie hoch sind die Zinsen bei einer Ratenzahlung?", "question"),
        ("de_DE", "Könnten wir die Rechnung in drei Raten zahlen?", "payment_plan"),
        ("nl_NL", "Kunnen wij het bedrag in drie termijnen voldoen?", "payment_plan"),
    ],
)
def test_an_open_question_about_a_plan_asks_no_plan(lang, body, wanted):
    reading = read(body + "\n", today=WED, lang=lang)
    assert reading.intent == wanted, reading.evidence


@pytest.mark.parametrize(
    "text",
    [
        "You have the wrong company, we are Harlow Joinery of Derby, not Harlow Build.",
        "Cette facture ne nous concerne pas, elle est pour notre filiale de Tours.",
        "Da sind Sie bei der falschen Firma, die Rechnung ist für unsere Schwesterfirma.",
        "Se han equivocado de empresa, esta factura es de nuestra filial de Murcia.",
        "U heeft het verkeerde bedrijf, de factuur is voor ons zusterbedrijf in Breda.",
    ],
)
def test_a_wrong_addressee_is_a_redirect_not_a_dispute(text):
    found = _intents(text)
    assert "redirect" in found
    assert "dispute" not in found


@pytest.mark.parametrize(
    "text",
    [
        "The invoice shows as paid in our ledger.",
        "Die Zahlung ist bereits erfolgt.",
        "Der Ausgleich erfolgte am 02.06. per Überweisung.",
        "Der Betrag wurde am Montag per Lastschrift eingezogen.",
        "Die Rechnung wurde mit dem Zahlungslauf vom 05.06. beglichen.",
        "Cette facture apparaît comme réglée dans nos comptes.",
        "La factura consta como pagada desde el día 2.",
        "De factuur staat bij ons als betaald geboekt.",
    ],
)
def test_a_payment_done_or_booked_is_claimed_not_promised(text):
    found = _intents(text)
    assert "paid_already" in found
    assert "promise_to_pay" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Die Überweisung ist für Montag terminiert.",
        "Sie erhalten den Betrag in den nächsten Tagen.",
        "It is booked in for payment next Tuesday.",
        "Je valide le paiement cet après-midi.",
        "Lo pagamos a final de mes.",
        "Ik keur de betaling vanmiddag goed.",
        "Die Rechnung wird mit dem Zahlungslauf am 15. bezahlt.",
    ],
)
def test_a_payment_set_down_for_a_day_to_come_is_a_promise(text):
    found = _intents(text)
    assert "promise_to_pay" in found
    assert "paid_already" not in found
