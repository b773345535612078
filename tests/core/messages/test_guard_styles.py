"""The fact guard on drafts written the way a model writes them: greetings, lists,
partial sentences, mixed formats. Faithful ones pass; small errors do not."""

from __future__ import annotations

import pytest
from arc_message_fixtures import PAY_LINK, decision_and_facts

from ar_collections_core.messages import check_draft

# ruff: noqa: E501
STYLED = {
    "en1": f"""Hello Ms. Jansen,

I hope you're well. I'm writing about a few open items on your account as of 12 March 2025.

Invoice INV/2025/0012 (PO-4471), dated Jan 10, 2025, for €1,234.56 fell due on Feb 9, 2025 and is now 31 days past due.
For INV/2025/0019 we received €300.00 on March 5th - thank you! - which leaves €500.00 of the original €800.00.
INV/2025/0023 (your reference 4500012345) for $1,000.00 USD was due on 2025-03-03.

In total, 3 invoices are open: €1,734.56 and USD 1,000.00. Your credit note RINV/2025/0003 (€150.00) can be deducted, bringing the euro amount to €1,584.56.

We also note your promise to pay €400.00 on INV/2025/0030 by 20 March.

Pay securely online: {PAY_LINK}

If you have already paid, please disregard this message.
Best regards,
Accounts Receivable""",
    "fr1": f"""Bonjour Madame Dupont,

Sauf erreur de notre part, les factures suivantes restent impayées à ce jour (12/03/2025) :

• INV/2025/0012 — votre bon de commande PO-4471 — émise le 10 janvier 2025, échéance le 9 février 2025 : 1 234,56 € (31 jours de retard)
• INV/2025/0019 — échéance 19/02/2025 — solde de 500,00 € après votre règlement de 300,00 € du 5 mars
• INV/2025/0023 — réf. 4500012345 — échéance 03/03/2025 : 1 000,00 $ US

Votre avoir RINV/2025/0003 de 150,00 € peut être déduit : le solde en euros s'élève alors à 1 584,56 €.
Vous pouvez régler en ligne : {PAY_LINK}

Si votre paiement a croisé ce message, merci de ne pas en tenir compte.
Cordialement,""",
    "de1": f"""Guten Tag Herr Müller,

bei der Durchsicht unserer Buchhaltung haben wir festgestellt, dass folgende Rechnungen noch offen sind (Stand: 12.03.2025):

1. Rechnung INV/2025/0012 vom 10. Januar 2025 (Ihre Bestellnummer PO-4471), fällig seit 09.02.2025, Betrag 1.234,56 EUR
2. Rechnung INV/2025/0019 vom 20.01.2025: nach Ihrer Teilzahlung von 300,00 EUR am 05.03.2025 verbleiben 500,00 EUR
3. Rechnung INV/2025/0023 (Referenz 4500012345), fällig am 3. März 2025, 1.000,00 US-Dollar

Abzüglich der Gutschrift RINV/2025/0003 (150,00 EUR) ergibt sich ein Saldo von 1.584,56 EUR.
Hier können Sie bequem online bezahlen: {PAY_LINK}

Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.
Mit freundlichen Grüßen""",
    "es1": f"""Estimada Sra. García:

Le escribimos en relación con las siguientes facturas pendientes a fecha 12 de marzo de 2025:

- Factura INV/2025/0012 (pedido PO-4471), emitida el 10 de enero de 2025, con vencimiento el 9 de febrero de 2025, por importe de 1.234,56 €.
- Factura INV/2025/0019: tras su pago parcial de 300,00 € del 5 de marzo, el importe pendiente es de 500,00 €.
- Factura INV/2025/0023 (referencia 4500012345), vencida el 3 de marzo de 2025: 1.000,00 USD.

Puede compensar el abono RINV/2025/0003 por 150,00 €, con lo que el saldo en euros queda en 1.584,56 €.
Puede pagar en línea aquí: {PAY_LINK}

Un cordial saludo.""",
    "nl1": f"""Beste mevrouw De Vries,

Volgens onze administratie staan de volgende facturen nog open (per 12 maart 2025):

- Factuur INV/2025/0012 (uw ordernummer PO-4471) d.d. 10 januari 2025, vervaldatum 9 februari 2025: € 1.234,56
- Factuur INV/2025/0019: na uw deelbetaling van € 300,00 op 5 maart resteert € 500,00
- Factuur INV/2025/0023 (referentie 4500012345), vervaldatum 03-03-2025: USD 1.000,00

Na verrekening van creditnota RINV/2025/0003 (€ 150,00) bedraagt het saldo in euro € 1.584,56.
U kunt eenvoudig online betalen via {PAY_LINK}

Met vriendelijke groet,""",
}


def _check(key, text=None):
    lang = key[:2]
    facts = decision_and_facts(lang=lang)[2]
    return check_draft(STYLED[key] if text is None else text, facts, lang=lang)


@pytest.mark.parametrize("key", sorted(STYLED))
def test_faithful_styled_drafts_pass(key):
    result = _check(key)
    assert result.ok, result.problems
    assert not result.needs_approval


@pytest.mark.parametrize(
    "key, old, new, code",
    [
        ("en1", "now 31 days past due", "now 13 days past due", "unknown_number"),
        ("en1", "by 20 March", "by 21 March", "unknown_date"),
        ("en1", "€400.00 on INV/2025/0030", "€450.00 on INV/2025/0030", "unknown_amount"),
        ("fr1", "31 jours de retard", "41 jours de retard", "unknown_number"),
        ("fr1", "1 000,00 $ US", "1 000,00 €", "wrong_currency"),
        ("de1", "fällig seit 09.02.2025", "fällig seit 10.01.2025", "date_mismatch"),
        ("de1", "verbleiben 500,00 EUR", "verbleiben 800,00 EUR", None),
        ("es1", "pago parcial de 300,00 €", "pago parcial de 350,00 €", "unknown_amount"),
        ("nl1", "vervaldatum 03-03-2025", "vervaldatum 04-03-2025", "unknown_date"),
        ("nl1", "(referentie 4500012345)", "(referentie 4500012354)", "unknown_reference"),
    ],
)
def test_small_errors_in_styled_drafts_are_caught(key, old, new, code):
    assert old in STYLED[key]
    result = _check(key, STYLED[key].replace(old, new, 1))
    if code is None:
        # 800.00 is a real figure of INV/2025/0019 (its total): stating it as what is
        # left is wrong in words, but no figure is invented; the guard lets it through.
        assert result.ok
    else:
        assert code in result.codes, result.problems
