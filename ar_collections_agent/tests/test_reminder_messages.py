from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from ..models.ar_collection_composer import html_text
from .common import CollectionsCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestReminderMessages(CollectionsCommon):
    """The reminder bodies name every fact of the ledger, asserted on their text."""

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
        paid = self._invoice(self.customer, 100, date(2025, 6, 1), date(2025, 6, 2))
        self._pay(paid, 100, date(2025, 6, 3))
        with self.assertRaisesText(UserError, "not an open invoice"):
            self._compose(invoices=self.overdue | paid)
