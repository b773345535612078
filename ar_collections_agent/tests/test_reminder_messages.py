from datetime import date, datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from ..models.ar_collection_composer import html_text
from .common import CollectionsCommon


class ReminderMessagesCommon(CollectionsCommon):
    """A customer with an invoice contact, a partly paid invoice, an overdue one, a
    promised one and an open credit note; the last message went out on 2025-06-10."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.composer = cls.env["ar.collection.composer"]
        cls.customer = cls._customer("Harbour Logistics Ltd", lang="en_US", email="ap@harbour.test")
        cls.billing = cls.env["res.partner"].create(
            {
                "name": "Dana Whitfield",
                "type": "invoice",
                "parent_id": cls.customer.id,
                "email": "dana@harbour.test",
                "lang": "en_US",
            }
        )
        # Partly paid before and after the last message (2025-06-10).
        cls.partly_paid = cls._ref_invoice(
            cls.customer, 1000, date(2025, 4, 1), date(2025, 5, 1), "PO-4471"
        )
        cls._pay(cls.partly_paid, 150, date(2025, 6, 2))
        cls._pay(cls.partly_paid, 400, date(2025, 6, 20))
        cls.overdue = cls._ref_invoice(
            cls.customer, 2500, date(2025, 5, 10), date(2025, 6, 9), "PO-4480"
        )
        cls.promised = cls._ref_invoice(cls.customer, 800, date(2025, 5, 16), date(2025, 6, 15), "")
        cls.promise = cls.env["ar.collection.promise"].create(
            {
                "partner_id": cls.customer.id,
                "invoice_ids": [(6, 0, cls.promised.ids)],
                "amount": 800,
                "date": date(2025, 6, 25),
                "promised_date": date(2025, 7, 8),
            }
        )
        cls.credit_note = cls._invoice(
            cls.customer, 120, date(2025, 6, 5), date(2025, 6, 5), move_type="out_refund"
        )
        cls.since = datetime(2025, 6, 10, 8, 0)

    @classmethod
    def _ref_invoice(cls, partner, amount, invoice_date, due_date, ref):
        move = cls._invoice(partner, amount, invoice_date, due_date, post=False)
        move.ref = ref
        move.action_post()
        return move

    def _compose(self, tone="friendly", invoices=None, **kwargs):
        invoices = invoices if invoices is not None else self.partly_paid | self.overdue
        return self.composer.compose_reminder(self.customer, invoices, tone, **kwargs)


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestReminderMessages(ReminderMessagesCommon):
    """The reminder bodies name every fact of the ledger, asserted on their text."""

    def test_body_names_every_fact(self):
        values = self._compose(since=self.since)
        text = html_text(values["body_html"])
        self.assertEqual(values["recipient"], self.billing)
        self.assertEqual(values["lang"], "en_US")
        self.assertEqual(values["attachment_ids"], [])
        self.assertIn("Dear Dana Whitfield,", text)
        for invoice in self.partly_paid | self.overdue:
            self.assertIn(invoice.name, text)
            self.assertIn(invoice.name, values["subject"])
        # one line per invoice: number, reference, issue and due dates, amount still due
        self.assertIn(
            f"{self.partly_paid.name} | PO-4471 | 04/01/2025 | 05/01/2025 | $\xa0450.00 ", text
        )
        self.assertIn("(invoiced: $\xa01,000.00) | View and pay", text)
        self.assertIn(
            f"{self.overdue.name} | PO-4480 | 05/10/2025 | 06/09/2025 | $\xa02,500.00", text
        )
        self.assertIn("Total due: $\xa02,950.00", text)
        self.assertIn("Open credit notes: $\xa0120.00", text)
        self.assertIn("Balance after credit notes: $\xa02,830.00", text)
        # the payment after the last message only
        self.assertIn("since our message of 06/10/2025", text)
        self.assertIn(
            f"$\xa0400.00 received on 06/20/2025 for invoice {self.partly_paid.name}", text
        )
        self.assertNotIn("$\xa0150.00", text)
        self.assertIn(f"$\xa0800.00 by 07/08/2025 for {self.promised.name}", text)
        self.assertIn(f"Credit note {self.credit_note.name} of 06/05/2025: $\xa0120.00", text)
        for invoice in self.partly_paid | self.overdue:
            self.assertIn(invoice.get_portal_url(), values["body_html"])
            self.assertIn("access_token=", invoice.get_portal_url())
        self.assertIn("View and pay", text)
        facts = values["facts"]
        self.assertTrue(facts["check"]["ok"], facts["check"]["problems"])
        self.assertFalse(facts["check"]["needs_approval"])
        self.assertEqual(
            [i["number"] for i in facts["invoices"]], [self.partly_paid.name, self.overdue.name]
        )
        self.assertEqual(facts["payments_since_last"][0]["amount"], 400.0)

    def test_without_since_no_payment_line(self):
        text = html_text(self._compose(tone="neutral")["body_html"])
        self.assertNotIn("payments received since", text)
        self.assertIn("Our records show the invoices below as overdue.", text)

    def test_tones_and_sensitive_wording(self):
        subjects = set()
        for tone in ("courtesy", "friendly", "neutral", "firm"):
            values = self._compose(tone=tone, since=self.since)
            subjects.add(values["subject"])
            check = values["facts"]["check"]
            self.assertTrue(check["ok"], (tone, check["problems"]))
            self.assertEqual(check["sensitive"], [], tone)
        final = self._compose(tone="final", since=self.since)
        text = html_text(final["body_html"])
        self.assertIn("final reminder", text)
        self.assertIn("a call from a member of our team", text)
        check = final["facts"]["check"]
        self.assertTrue(check["ok"], check["problems"])
        self.assertTrue(check["needs_approval"])
        self.assertEqual(check["sensitive"], ["final_notice"])
        self.assertEqual(len(subjects | {final["subject"]}), 5)

    def test_a_promise_holds_its_invoice_until_its_date_plus_grace(self):
        grace = (
            self.env["ar.collection.policy"]
            ._get_effective_policies(self.customer)[self.customer.id]
            .promise_grace_days
        )
        self.assertGreater(grace, 0)
        last_held_day = date(2025, 7, 8) + timedelta(days=grace)
        with freeze_time(f"{last_held_day} 09:00:00"):
            with self.assertRaisesText(UserError, "not to be chased now"):
                self._compose(invoices=self.promised)
        with freeze_time(f"{last_held_day + timedelta(days=1)} 09:00:00"):
            text = html_text(self._compose(invoices=self.promised)["body_html"])
            self.assertIn(self.promised.name, text)

    def test_bad_input_is_refused(self):
        with self.assertRaisesText(UserError, "at least one invoice"):
            self._compose(invoices=self.env["account.move"])
        with self.assertRaisesText(UserError, "Unknown tone"):
            self._compose(tone="furious")
        with self.assertRaisesText(UserError, "posted customer invoices"):
            self._compose(invoices=self.overdue | self.credit_note)
        other = self._invoice(self._customer("Other Co"), 100, date(2025, 6, 1), date(2025, 6, 2))
        with self.assertRaisesText(UserError, "posted customer invoices"):
            self._compose(invoices=self.overdue | other)
        with self.assertRaisesText(UserError, "not to be chased now"):
            self._compose(invoices=self.overdue | self.promised)
        self.env["ar.collection.dispute"].create(
            {
                "partner_id": self.customer.id,
                "invoice_ids": [(6, 0, self.overdue.ids)],
                "amount": 2500,
            }
        )
        with self.assertRaisesText(UserError, self.overdue.name):
            self._compose(invoices=self.partly_paid | self.overdue)
        paid = self._invoice(self.customer, 100, date(2025, 6, 1), date(2025, 6, 2))
        self._pay(paid, 100, date(2025, 6, 3))
        with self.assertRaisesText(UserError, "not an open invoice"):
            self._compose(invoices=self.partly_paid | paid)


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestReminderLanguages(ReminderMessagesCommon):
    """The same facts in the customer's language: words, dates and amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "de_DE", "es_ES", "nl_NL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["ar_collections_agent"], ["fr_FR", "de_DE", "es_ES", "nl_NL"], overwrite=True
        )

    def _compose_in(self, lang, tone="friendly", **kwargs):
        (self.customer | self.billing).write({"lang": lang})
        values = self._compose(tone=tone, since=self.since, **kwargs)
        self.assertEqual(values["lang"], lang)
        return values, html_text(values["body_html"])

    def test_french(self):
        values, text = self._compose_in("fr_FR")
        text = _plain(text)
        self.assertIn(": petit rappel, INV/2025/00001, INV/2025/00002", values["subject"])
        self.assertIn("Bonjour Dana Whitfield,", text)
        self.assertIn("les factures ci-dessous restent impayées après leur date d'échéance", text)
        self.assertIn("Facture | Votre référence | Date de facture | Échéance | Montant dû", text)
        self.assertIn(
            f"{self.partly_paid.name} | PO-4471 | 01/04/2025 | 01/05/2025 | $ 450,00 "
            "(facturé : $ 1 000,00) | Consulter et payer",
            text,
        )
        self.assertIn(f"{self.overdue.name} | PO-4480 | 10/05/2025 | 09/06/2025 | $ 2 500,00", text)
        self.assertIn("Total dû : $ 2 950,00", text)
        self.assertIn("Solde après déduction des avoirs : $ 2 830,00", text)
        self.assertIn("Merci pour les paiements reçus depuis notre message du 10/06/2025 :", text)
        self.assertIn(f"$ 400,00 reçu le 20/06/2025 pour la facture {self.partly_paid.name}", text)
        self.assertIn(f"$ 800,00 au plus tard le 08/07/2025 pour {self.promised.name}", text)
        self.assertIn(f"Avoir {self.credit_note.name} du 05/06/2025 : $ 120,00", text)
        self.assertIn("Service comptabilité clients", text)
        self.assertNotIn("Dear", text)
        self.assertTrue(values["facts"]["check"]["ok"], values["facts"]["check"]["problems"])
        self.assertEqual(values["facts"]["lang"], "fr")

    def test_german_final(self):
        values, text = self._compose_in("de_DE", tone="final")
        text = _plain(text)
        self.assertIn(": letzte Mahnung, INV/2025/00001, INV/2025/00002", values["subject"])
        self.assertIn("Guten Tag Dana Whitfield,", text)
        self.assertIn("Dies ist unsere letzte Mahnung", text)
        self.assertIn("ein Mitglied unseres Teams telefonisch", text)
        self.assertIn(
            f"{self.partly_paid.name} | PO-4471 | 01.04.2025 | 01.05.2025 | $ 450,00 "
            "(Rechnungsbetrag: $ 1.000,00) | Ansehen und bezahlen",
            text,
        )
        self.assertIn(f"{self.overdue.name} | PO-4480 | 10.05.2025 | 09.06.2025 | $ 2.500,00", text)
        self.assertIn("Offen insgesamt: $ 2.950,00", text)
        self.assertIn(f"$ 400,00 erhalten am 20.06.2025 für Rechnung {self.partly_paid.name}", text)
        self.assertIn(f"$ 800,00 bis zum 08.07.2025 für {self.promised.name}", text)
        self.assertIn(f"Gutschrift {self.credit_note.name} vom 05.06.2025: $ 120,00", text)
        check = values["facts"]["check"]
        self.assertTrue(check["ok"], check["problems"])
        self.assertEqual(check["sensitive"], ["final_notice"])

    def test_spanish_and_dutch(self):
        expected = {
            "es_ES": ("Estimado/a Dana Whitfield:", "Total pendiente: $ 2.950,00", "09/06/2025"),
            "nl_NL": ("Beste Dana Whitfield,", "Totaal openstaand: $ 2.950,00", "09-06-2025"),
        }
        for lang, fragments in expected.items():
            values, text = self._compose_in(lang, tone="firm")
            text = _plain(text)
            for fragment in fragments:
                self.assertIn(fragment, text, lang)
            self.assertIn(self.overdue.name, text)
            check = values["facts"]["check"]
            self.assertTrue(check["ok"], (lang, check["problems"]))
            self.assertEqual(check["sensitive"], [], lang)


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestReminderEdgeCases(ReminderMessagesCommon):
    def test_collector_composes(self):
        composer = self.composer.with_user(self.collector)
        invoices = (self.partly_paid | self.overdue).with_user(self.collector)
        values = composer.compose_reminder(
            self.customer.with_user(self.collector), invoices, "neutral", since=self.since
        )
        text = html_text(values["body_html"])
        self.assertIn(self.overdue.name, text)
        self.assertIn(self.overdue.get_portal_url(), values["body_html"])
        self.assertTrue(values["facts"]["check"]["ok"], values["facts"]["check"]["problems"])

    def test_template_preview_without_composer(self):
        """A template opened in Odoo (preview, edit) renders the partner's overdue
        invoices from the ledger."""
        template = self.env.ref("ar_collections_agent.mail_template_collection_firm")
        body = template._render_field("body_html", self.customer.ids)[self.customer.id]
        text = html_text(body)
        for invoice in self.partly_paid | self.overdue:
            self.assertIn(f"{invoice.name} | {invoice.ref} |", text)
        # the promised invoice is not chased, only named with the promise
        self.assertNotIn(f"{self.promised.name} |", text)
        self.assertIn(f"by 07/08/2025 for {self.promised.name}", text)
        subject = template._render_field("subject", self.customer.ids)[self.customer.id]
        self.assertIn("overdue invoices", subject)

    def test_foreign_currency_invoice(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        in_eur = self._invoice(
            self.customer, 1000, date(2025, 5, 20), date(2025, 6, 19), currency=eur
        )
        values = self._compose(invoices=self.overdue | in_eur)
        text = html_text(values["body_html"])
        self.assertIn(f"{in_eur.name} | | 05/20/2025 | 06/19/2025 | 1,000.00\xa0€", text)
        self.assertIn("Total due: 1,000.00\xa0€", text)
        self.assertIn("Total due: $\xa02,500.00", text)
        facts = values["facts"]
        eur_fact = next(i for i in facts["invoices"] if i["number"] == in_eur.name)
        self.assertEqual(
            (eur_fact["currency"], eur_fact["amount_due"], eur_fact["amount_due_company"]),
            ("EUR", 1000.0, 500.0),
        )
        self.assertTrue(facts["check"]["ok"], facts["check"]["problems"])


def _plain(text):
    """Formatted amounts use no-break and narrow no-break spaces: compare them as spaces."""
    return text.replace("\xa0", " ").replace("\u202f", " ")
