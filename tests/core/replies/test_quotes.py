"""Quoted history and signatures are never read as the customer's words.

Where we add to mail-parser-reply, a test shows what the library alone returns.
"""

import pytest
from mailparser_reply import EmailReplyParser

from ar_collections_core.replies.quotes import strip_reply

LANGS = ["en", "fr", "de", "es", "nl"]


def library(text: str) -> str:
    return EmailReplyParser(languages=LANGS).parse_reply(text) or ""


def library_without_signature(text: str) -> str:
    return EmailReplyParser(languages=LANGS).read(text).replies[0].body


def test_gmail_on_wrote_and_angle_quotes():
    body = (
        "Hi,\n\nWe will pay on Friday.\n\nOn Mon, 24 Nov 2025 at 09:12, Acme <ar@acme.example> "
        "wrote:\n> If you have already paid, please disregard this message.\n"
    )
    assert strip_reply(body).text == "Hi,\n\nWe will pay on Friday."


@pytest.mark.parametrize(
    "separator",
    [
        "-----Ursprüngliche Nachricht-----",
        "-----Message d'origine-----",
        "-----Mensaje original-----",
        "-----Oorspronkelijk bericht-----",
        "---------- Forwarded message ---------",
    ],
)
def test_localized_original_message_separators(separator):
    body = f"Top words.\n\n{separator}\nBitte zahlen Sie die Rechnung RE-2025-10087.\n"
    assert strip_reply(body).text == "Top words."
    assert "RE-2025-10087" in library(body)  # the library only knows the English one


def test_french_header_block_without_space_before_colon():
    body = (
        "Nous réglerons fin de mois.\n\nDe: Acme <ar@acme.example>\nEnvoyé: lundi 24 novembre\n"
        "À: compta@client.example\nObjet: Relance\n\nSi vous avez déjà réglé, merci d'ignorer.\n"
    )
    assert strip_reply(body).text == "Nous réglerons fin de mois."
    assert "déjà réglé" in library(body)


def test_french_header_block_with_typographic_spaces():
    body = (
        "Bien reçu.\n\nDe : Acme <ar@acme.example>\nEnvoyé : lundi 24 novembre 2025 09:12\n"
        "À : compta@client.example\nObjet : Relance\n\nMerci de régler la facture.\n"
    )
    assert strip_reply(body).text == "Bien reçu."


def test_spanish_escribio_line():
    body = (
        "Pagaremos el próximo viernes.\n\nEl lun, 24 nov 2025 a las 9:12, Acme (<ar@acme.example>) "
        "escribió:\n> Si ya ha realizado el pago, haga caso omiso.\n"
    )
    assert strip_reply(body).text == "Pagaremos el próximo viernes."
    assert "escribió" in library(body)  # its pattern wants two spaces before "escribió"


def test_dutch_schreef_with_name_and_address():
    body = (
        "We betalen volgende week.\n\nOp ma 24 nov. 2025 om 09:12 schreef Acme <ar@acme.example>:\n"
        "> Indien u reeds betaald heeft, kunt u dit bericht negeren.\n"
    )
    assert strip_reply(body).text == "We betalen volgende week."
    assert "reeds betaald" in library(body)


def test_german_schrieb_line():
    body = (
        "Wir zahlen Anfang nächster Woche.\n\nAm Mo., 24. Nov. 2025 um 09:12 schrieb Acme "
        "<ar@acme.example>:\n> Sollten Sie bereits bezahlt haben ...\n"
    )
    assert strip_reply(body).text == "Wir zahlen Anfang nächster Woche."


def test_on_wrote_line_wrapped_by_the_client():
    body = (
        "Paid yesterday.\n\nOn Mon, 24 Nov 2025 at 09:12, Acme Supplies Accounts Receivable Team\n"
        "wrote:\n\n> Invoice INV/2025/00219 is overdue.\n"
    )
    assert strip_reply(body).text == "Paid yesterday."


def test_reply_starting_with_thanks_is_kept():
    body = "Hello,\nThanks, we will pay on Friday.\n\nBest regards,\nJohn\n+44 20 7946 0958\n"
    reply = strip_reply(body)
    assert reply.text == "Hello,\nThanks, we will pay on Friday."
    assert "7946" in reply.signature
    # the library reads everything from "Thanks," on as the signature
    assert "we will pay on Friday" not in library_without_signature(body)


def test_a_list_of_invoices_is_not_a_signature():
    body = "Status:\n- INV/2025/00123 paid\n- INV/2025/00140 disputed\n\nRegards\nAnn\n"
    assert "- INV/2025/00140 disputed" in strip_reply(body).text
    # the library reads "- " lines as the start of a signature
    assert "00140" not in library_without_signature(body)


def test_closing_line_followed_by_a_real_sentence_is_not_a_signature():
    body = "Hi,\nThank you.\nWe have transferred the full amount this morning.\n"
    assert "transferred the full amount" in strip_reply(body).text


@pytest.mark.parametrize(
    "phone",
    [
        "Envoyé de mon iPhone",
        "Von meinem iPhone gesendet",
        "Verstuurd vanaf mijn iPhone",
        "Enviado desde mi iPhone",
        "Sent from my iPhone",
    ],
)
def test_sent_from_phone_lines(phone):
    reply = strip_reply(f"OK pour vendredi.\n\n{phone}\n")
    assert reply.text == "OK pour vendredi."
