"""Wording that needs a person, and offers, in five languages; no false alarms on
ordinary reminder phrases."""

from __future__ import annotations

import pytest
from arc_policy_builders import NOW, invoice, policy, snapshot

from ar_collections_core.messages import (
    apply_text_check,
    find_offers,
    find_sensitive,
    needs_approval,
    sensitive_categories,
)
from ar_collections_core.policy import decide


@pytest.mark.parametrize(
    "text, category",
    [
        ("Statutory interest at 8% above base rate will be added.", "interest"),
        ("Interest will be charged on overdue amounts.", "interest"),
        ("A late payment fee of £40 applies.", "interest"),
        ("an indemnité forfaitaire pour frais de recouvrement de 40 €", "interest"),
        ("INTÉRÊTS DE RETARD", "interest"),
        ("zuzüglich Verzugszinsen und einer Mahngebühr", "interest"),
        ("más los intereses de demora", "interest"),
        ("vermeerderd met incassokosten", "interest"),
        ("our solicitors will issue a claim in the county court", "legal"),
        ("we will instruct a lawyer", "legal"),
        ("une mise en demeure vous sera adressée par huissier", "legal"),
        ("Wir werden einen Mahnbescheid beantragen.", "legal"),
        ("Wir übergeben die Sache unserem Rechtsanwalt.", "legal"),
        ("iniciaremos un procedimiento monitorio", "legal"),
        ("wij schakelen een deurwaarder in", "legal"),
        ("passed to a collection agency", "agency"),
        ("transmis à notre cabinet de recouvrement", "agency"),
        ("Übergabe an ein Inkassounternehmen", "agency"),
        ("remitido a una empresa de recobro", "agency"),
        ("uit handen gegeven aan een incassobureau", "agency"),
        ("FINAL REMINDER", "final_notice"),
        ("dernier rappel avant procédure", "final_notice"),
        ("Letzte Mahnung", "final_notice"),
        ("último aviso", "final_notice"),
        ("laatste aanmaning", "final_notice"),
    ],
)
def test_sensitive_wording_found(text, category):
    assert category in sensitive_categories(text)
    assert needs_approval(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your interest in our products.",
        "Guten Morgen, anbei Ihre Rechnungsübersicht.",
        "Wir raten Ihnen, die Zahlung online vorzunehmen.",
        "Onze aanpak is gericht op een goede samenwerking.",
        "U kunt betalen via automatische incasso.",
        "Of course, please disregard this if you have already paid.",
        "Nous restons à votre disposition pour toute question.",
        "Quedamos a su disposición para cualquier consulta.",
        "Friendly reminder: two invoices are open.",
    ],
)
def test_ordinary_phrases_raise_no_alarm(text):
    assert find_sensitive(text) == ()
    assert find_offers(text) == ()


@pytest.mark.parametrize(
    "text, offer",
    [
        ("a 2% discount for early payment", "discount"),
        ("Skonto bei Zahlung", "discount"),
        ("une remise exceptionnelle", "discount"),
        ("we can spread the payments over three months", "payment_plan"),
        ("pay in monthly instalments", "payment_plan"),
        ("paiement en plusieurs fois", "payment_plan"),
        ("pago a plazos", "payment_plan"),
        ("we can give you more time", "extension"),
        ("eine Stundung ist möglich", "extension"),
        ("uitstel van betaling", "extension"),
        ("we will write off the balance", "waiver"),
        ("nous pouvons annuler les frais", "waiver"),
        ("podemos condonar los intereses", "waiver"),
    ],
)
def test_offers_found(text, offer):
    assert offer in {m.category for m in find_offers(text)}


def test_matches_keep_the_original_words_and_positions():
    text = "Bitte beachten: VERZUGSZINSEN fallen an."
    (match,) = find_sensitive(text)
    assert match.phrase == "VERZUGSZINSEN" and text[match.start :].startswith("VERZUGSZINSEN")


def test_apply_text_check_turns_on_approval_even_in_autonomous_mode():
    decision = decide(snapshot(invoice(1, overdue=10)), policy(mode="autonomous"), NOW)
    assert not decision.needs_approval
    plain = apply_text_check(decision, "Friendly reminder: invoice INV/2025/0001 is open.")
    assert plain is decision
    flagged = apply_text_check(decision, "Sans règlement, nous engagerons des poursuites.")
    assert flagged.needs_approval and flagged.approval_codes == ("sensitive_wording",)
    offered = apply_text_check(decision, "We could agree a payment plan.")
    assert offered.approval_codes == ("offer_wording",)
    allowed = apply_text_check(decision, "We could agree a payment plan.", ("payment_plan",))
    assert not allowed.needs_approval
