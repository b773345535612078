"""The fact guard on tricky drafts in five languages.

Facts (see arc_message_fixtures): INV/2025/0012 (PO-4471) 1,234.56 EUR due 2025-02-09,
INV/2025/0019 500.00 EUR left of 800.00 due 2025-02-19 after 300.00 paid on
2025-03-05, INV/2025/0023 (ref 4500012345) 1,000.00 USD due 2025-03-03, credit
note RINV/2025/0003 150.00 EUR, a promise of 400.00 EUR on INV/2025/0030 for
2025-03-20, totals 1,734.56 / net 1,584.56 EUR and 1,000.00 USD.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from arc_message_fixtures import PAY_LINK, decision_and_facts

from ar_collections_core.messages import check_draft

DRAFTS = {
    "en": f"""Dear Sir or Madam,

Thank you for your payment of €300.00 received on 5 March 2025 for invoice INV/2025/0019.

The following invoices remain open:
- INV/2025/0012 (PO-4471) of 10 January 2025, due 9 February 2025: €1,234.56, 31 days late.
- INV/2025/0019, issued January 20th, 2025, due 02/19/2025: €500.00 still due of €800.00.
- INV/2025/0023 (your ref. 4500012345), due 3 March 2025: USD 1,000.00.

You may offset credit note RINV/2025/0003 of €150.00, which brings the euro balance to €1,584.56.
As agreed, INV/2025/0030 (EUR 400.00) will be paid on 20 March 2025.
You can pay online here: {PAY_LINK}

Kind regards""",
    "fr": f"""Madame, Monsieur,
Merci pour votre paiement de 300,00 € reçu le 05/03/2025 sur la facture INV/2025/0019.
Restent ouvertes :
- facture INV/2025/0012 (votre commande PO-4471) du 10/01/2025, échue le 09/02/2025 : 1 234,56 €
- facture INV/2025/0019 échue le 19 février 2025 : reste 500,00 € sur 800,00 €
- facture INV/2025/0023 (réf. 4500012345) échue le 3 mars 2025 : 1\u202f000,00 USD
Vous pouvez déduire l'avoir RINV/2025/0003 de 150,00 €. Solde en euros : 1 584,56 €.
Payer en ligne : {PAY_LINK}""",
    "de": f"""Sehr geehrte Damen und Herren,
vielen Dank für Ihre Zahlung über 300,00 EUR vom 5. März 2025 zur Rechnung INV/2025/0019.
Offen sind noch:
- Rechnung INV/2025/0012 (Ihre Bestellung PO-4471) vom 10.01.2025, fällig am 09.02.2025: 1.234,56 €
- Rechnung INV/2025/0019, fällig am 19.02.2025: noch 500,00 € von 800,00 €
- Rechnung INV/2025/0023 (Ihre Referenz 4500012345), fällig am 03.03.2025: 1.000,00 USD
Die Gutschrift RINV/2025/0003 über 150,00 € können Sie verrechnen; offen bleiben 1.584,56 €.
Zahlen Sie bequem online: {PAY_LINK}""",
    "es": f"""Estimados señores:
Gracias por su pago de 300,00 € recibido el 5 de marzo de 2025 para la factura INV/2025/0019.
Siguen pendientes:
- factura INV/2025/0012 (pedido PO-4471) del 10/01/2025, vencida el 9 de febrero de 2025: 1.234,56 €
- factura INV/2025/0019, vencida el 19/02/2025: quedan 500,00 € de 800,00 €
- factura INV/2025/0023 (su referencia 4500012345), vencida el 3 de marzo de 2025: 1.000,00 USD
Puede compensar el abono RINV/2025/0003 de 150,00 €; el saldo en euros queda en 1.584,56 €.
Pague en línea: {PAY_LINK}""",
    "nl": f"""Geachte heer, mevrouw,
Hartelijk dank voor uw betaling van € 300,00 op 5 maart 2025 voor factuur INV/2025/0019.
Nog openstaand:
- factuur INV/2025/0012 (order PO-4471) van 10-01-2025, vervallen op 9 februari 2025: € 1.234,56
- factuur INV/2025/0019, vervallen op 19-02-2025: nog € 500,00 van € 800,00
- factuur INV/2025/0023 (uw referentie 4500012345), vervallen op 3 maart 2025: USD 1.000,00
U kunt de creditnota RINV/2025/0003 van € 150,00 verrekenen; het saldo in euro wordt € 1.584,56.
Betaal online: {PAY_LINK}""",
}


def facts_for(lang):
    return decision_and_facts(lang=lang)[2]


def check(text, lang="en", facts=None):
    return check_draft(text, facts or facts_for(lang), lang=lang)


@pytest.mark.parametrize("lang", sorted(DRAFTS))
def test_faithful_drafts_pass(lang):
    result = check(DRAFTS[lang], lang)
    assert result.ok, result.problems
    assert not result.needs_approval


def _mutated(lang, old, new):
    draft = DRAFTS[lang]
    assert old in draft, (lang, old)
    return draft.replace(old, new, 1)


# lang, the words replaced, the replacement, the problem expected
MUTATIONS = [
    # wrong or invented amounts, in every locale format
    ("en", "€1,234.56", "€1,243.56", "unknown_amount"),
    ("en", "€1,234.56", "€1,234.57", "unknown_amount"),
    ("en", "€1,234.56", "€1,235", "unknown_amount"),  # rounded is wrong too
    ("fr", "1 234,56 €", "1 324,56 €", "unknown_amount"),
    ("de", "1.234,56 €", "1.234,65 €", "unknown_amount"),
    ("es", "quedan 500,00 €", "quedan 550,00 €", "unknown_amount"),
    ("nl", "€ 1.584,56", "€ 1.548,56", "unknown_amount"),
    ("en", "of €150.00", "of €160.00", "unknown_amount"),
    # an amount of another invoice in a line about one invoice
    ("en", "€500.00 still due", "€1,234.56 still due", "amount_mismatch"),
    ("de", "1.000,00 USD", "1.234,56 USD", "wrong_currency"),
    # right figure, wrong currency
    ("en", "€1,234.56", "$1,234.56", "wrong_currency"),
    ("fr", "1\u202f000,00 USD", "1\u202f000,00 €", "wrong_currency"),
    # invented invoice numbers and references
    ("en", "INV/2025/0023 (your", "INV/2025/0024 (your", "unknown_reference"),
    ("fr", "facture INV/2025/0023", "facture F-2025-0023", "unknown_reference"),
    ("de", "PO-4471", "PO-4472", "unknown_reference"),
    ("es", "su referencia 4500012345", "su referencia 4500012346", "unknown_reference"),
    ("nl", "factuur INV/2025/0019, vervallen", "factuur 20250019, vervallen", "unknown_reference"),
    # dates not in the facts, numeric and written
    ("en", "due 9 February 2025", "due 10 February 2025", "unknown_date"),
    ("fr", "du 10/01/2025", "du 11/01/2025", "unknown_date"),
    ("de", "fällig am 09.02.2025", "fällig am 09.03.2025", "unknown_date"),
    ("es", "9 de febrero de 2025", "19 de febrero de 2025", "date_mismatch"),
    ("nl", "op 5 maart 2025", "op 6 maart 2025", "unknown_date"),
    ("en", "due 3 March 2025", "due 2025-03-04", "unknown_date"),
    ("de", "vom 5. März 2025", "vom 6. März", "unknown_date"),
    # a date of another invoice in a line about one invoice
    ("en", "due 9 February 2025", "due 19 February 2025", "date_mismatch"),
    # deadlines nobody agreed
    ("en", "Kind regards", "Please pay by Friday.", "relative_date"),
    (
        "fr",
        "Payer en ligne",
        "Merci de régler avant la fin du mois. Payer en ligne",
        "relative_date",
    ),
    (
        "de",
        "Zahlen Sie bequem",
        "Bitte zahlen Sie bis nächste Woche. Zahlen Sie bequem",
        "relative_date",
    ),
    ("es", "Pague en línea", "Pague antes del viernes. Pague en línea", "relative_date"),
    ("nl", "Betaal online", "Betaal vóór vrijdag. Betaal online", "relative_date"),
    ("en", "Kind regards", "Please pay within 7 days.", "unknown_number"),
    ("en", "31 days late", "45 days late", "unknown_number"),
    ("en", "Kind regards", "We will call you at 10:30.", "unknown_time"),
    (
        "fr",
        "Payer en ligne",
        "Des intérêts de 8 % s'appliquent. Payer en ligne",
        "unknown_percentage",
    ),
    # a link that is not the pay link
    ("en", PAY_LINK, "https://pay-example.co/secure", "unknown_link"),
    # an invoice left out
    (
        "en",
        "- INV/2025/0023 (your ref. 4500012345), due 3 March 2025: USD 1,000.00.\n",
        "",
        "missing_invoice",
    ),
    # offers the policy does not allow
    ("en", "Kind regards", "We can offer a discount if you pay now.", "offer_not_allowed"),
    ("en", "Kind regards", "We could set up a payment plan.", "offer_not_allowed"),
    (
        "fr",
        "Payer en ligne",
        "Nous pouvons vous proposer un échéancier. Payer en ligne",
        "offer_not_allowed",
    ),
    (
        "de",
        "Zahlen Sie bequem",
        "Gerne bieten wir Ihnen eine Ratenzahlung an. Zahlen Sie bequem",
        "offer_not_allowed",
    ),
    ("es", "Pague en línea", "Le ofrecemos una prórroga. Pague en línea", "offer_not_allowed"),
    (
        "nl",
        "Betaal online",
        "Wij kunnen een betalingsregeling treffen. Betaal online",
        "offer_not_allowed",
    ),
    ("en", "Kind regards", "We will waive the fees.", "offer_not_allowed"),
]


@pytest.mark.parametrize(
    "lang, old, new, code", MUTATIONS, ids=[f"{m[0]}-{m[3]}-{i}" for i, m in enumerate(MUTATIONS)]
)
def test_wrong_drafts_are_rejected(lang, old, new, code):
    result = check(_mutated(lang, old, new), lang)
    assert not result.ok
    assert code in result.codes, result.problems
    problem = next(p for p in result.problems if p.code == code)
    assert problem.text


@pytest.mark.parametrize(
    "lang, sentence, category",
    [
        ("en", "Late payment interest will be charged.", "interest"),
        ("en", "We will refer the matter to a debt collection agency.", "agency"),
        ("en", "Otherwise we will take legal action.", "legal"),
        ("en", "This is our final notice.", "final_notice"),
        ("fr", "Des intérêts de retard seront appliqués.", "interest"),
        ("fr", "Nous transmettrons le dossier à notre société de recouvrement.", "agency"),
        ("fr", "À défaut, nous engagerons une procédure judiciaire.", "legal"),
        ("de", "Wir berechnen Verzugszinsen.", "interest"),
        ("de", "Andernfalls übergeben wir die Forderung an ein Inkassobüro.", "agency"),
        ("de", "Wir behalten uns rechtliche Schritte vor.", "legal"),
        ("es", "Se aplicarán intereses de demora.", "interest"),
        ("es", "Pasaremos el expediente a una agencia de cobros.", "agency"),
        ("es", "Iniciaremos acciones legales.", "legal"),
        ("nl", "Wij brengen de wettelijke handelsrente in rekening.", "interest"),
        ("nl", "Wij dragen de vordering over aan een incassobureau.", "agency"),
        ("nl", "Wij nemen juridische stappen.", "legal"),
    ],
)
def test_sensitive_wording_needs_approval_but_does_not_reject(lang, sentence, category):
    draft = DRAFTS[lang] + "\n" + sentence
    result = check(draft, lang)
    assert result.ok, result.problems
    assert result.needs_approval and category in result.sensitive


def test_allowed_offer_passes():
    facts = replace(facts_for("en"), allowed_offers=("payment_plan",))
    draft = DRAFTS["en"] + "\nIf it helps, we can agree a payment plan."
    assert check(draft, facts=facts).ok


@pytest.mark.parametrize(
    "amount",
    [
        "€1,234.56",
        "1.234,56 €",
        "1 234,56 EUR",
        "EUR 1234.56",
        "1234,56 euros",
        "1'234.56 EUR",
        "€1234.56",
    ],
)
def test_every_locale_format_of_a_right_amount_passes(amount):
    draft = DRAFTS["en"].replace("€1,234.56", amount, 1)
    result = check(draft)
    assert result.ok, result.problems


def test_amounts_without_currency_must_still_be_facts():
    assert check(DRAFTS["en"].replace("€1,234.56", "1,234.56", 1)).ok
    result = check(DRAFTS["en"].replace("€1,234.56", "1,234.50", 1))
    assert "unknown_amount" in result.codes


def test_a_paid_invoice_of_the_ledger_is_still_unknown_to_the_message():
    draft = DRAFTS["en"] + "\nInvoice INV/2024/0005 of €777.00 was settled."
    result = check(draft)
    assert {"unknown_reference", "unknown_amount"} <= set(result.codes)


def test_references_are_matched_case_insensitively_but_not_as_prefixes():
    assert check(DRAFTS["en"].replace("PO-4471", "po-4471")).ok
    assert "unknown_reference" in check(DRAFTS["en"].replace("PO-4471", "PO-44710")).codes


def test_invoice_number_claimed_after_the_word_invoice():
    draft = DRAFTS["en"] + "\nPlease also check invoice no. 4711."
    assert "unknown_reference" in check(draft).codes
    draft = DRAFTS["de"] + "\nBitte prüfen Sie auch Rechnung Nr. 4711."
    assert "unknown_reference" in check(draft, "de").codes


def test_us_and_european_numeric_dates():
    # 02/09/2025 is 9 February for a European reader and 2 September in the US
    assert check(DRAFTS["en"].replace("due 9 February 2025", "due 02/09/2025")).ok
    fr = DRAFTS["fr"].replace("échue le 09/02/2025", "échue le 02/09/2025")
    assert "date_mismatch" in check(fr, "fr").codes or "unknown_date" in check(fr, "fr").codes


def test_dates_without_year_and_ordinals():
    draft = DRAFTS["en"].replace("due 9 February 2025", "due on the 9th of February")
    assert check(draft).ok, check(draft).problems
    assert check(DRAFTS["en"].replace("due 9 February 2025", "due February 9")).ok
    assert (
        "unknown_date" in check(DRAFTS["en"].replace("due 9 February 2025", "due February 8")).codes
    )


def test_weekday_next_to_a_real_date_is_fine():
    draft = DRAFTS["en"].replace(
        "will be paid on 20 March 2025", "will be paid on Thursday, 20 March 2025"
    )
    assert check(draft).ok


def test_empty_or_figure_free_draft_misses_every_invoice():
    result = check("Dear customer, please settle your open invoices. Kind regards")
    assert result.codes.count("missing_invoice") == 3


def test_html_draft():
    draft = (
        "<p>Dear customer,</p><ul>"
        "<li>INV/2025/0012 (PO-4471): <b>1.234,56&nbsp;€</b></li>"
        "<li>INV/2025/0019: 500,00 €</li>"
        "<li>INV/2025/0023: 1.000,00 USD</li></ul>"
        f'<p><a href="{PAY_LINK}">Pay now</a></p>'
    )
    result = check(draft.replace("&nbsp;", "\u00a0"), "de")
    assert result.ok, result.problems


def test_problems_name_the_fragment():
    result = check(DRAFTS["en"].replace("€1,234.56", "€9,999.99", 1))
    assert [(p.code, p.fragment) for p in result.problems] == [("unknown_amount", "€9,999.99")]


@pytest.mark.parametrize(
    "lang, old, new",
    [
        ("en", "due 9 February 2025", "due 10 January 2025"),
        ("fr", "échue le 09/02/2025", "échue le 10/01/2025"),
        ("de", "fällig am 09.02.2025", "fällig am 10.01.2025"),
        ("es", "vencida el 9 de febrero de 2025", "vencida el 10 de enero de 2025"),
        ("nl", "vervallen op 9 februari 2025", "vervallen op 10 januari 2025"),
    ],
)
def test_invoice_date_given_as_due_date_is_rejected(lang, old, new):
    result = check(_mutated(lang, old, new), lang)
    assert "date_mismatch" in result.codes, result.problems


def test_html_with_styles_and_entities():
    draft = (
        '<table style="width:100%"><tr><td width="50%">INV/2025/0012</td>'
        "<td>1.234,56&nbsp;&euro;</td></tr>"
        "<tr><td>INV/2025/0019</td><td>500,00&#8364;</td></tr>"
        "<tr><td>INV/2025/0023</td><td>1.000,00 USD</td></tr></table>"
        f'<a href="{PAY_LINK}" style="color:#00a09d">Pay</a>'
    )
    result = check(draft, "de")
    assert result.ok, result.problems
    assert "unknown_amount" in check(draft.replace("500,00&#8364;", "550,00&#8364;"), "de").codes


def test_bank_details_and_addresses_invented_by_a_draft_are_rejected():
    iban = DRAFTS["en"] + "\nPlease pay to IBAN BE71 0961 2345 6769."
    assert "unknown_number" in check(iban).codes
    email = DRAFTS["en"] + "\nSend the remittance advice to billing@example.net."
    assert "unknown_email" in check(email).codes
    link = DRAFTS["en"].replace(PAY_LINK, PAY_LINK + "&redirect=evil")
    assert "unknown_link" in check(link).codes
