import re
from datetime import date

from odoo.tests import HttpCase, freeze_time, tagged

from ..models.ar_collection_composer import html_text
from .test_reminder_messages import ReminderMessagesCommon

REPORT = "ar_collections_agent.action_report_collection_statement"


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestStatementReport(ReminderMessagesCommon):
    """The statement of account: every open item, the aging buckets, a real PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.not_due = cls._invoice(cls.customer, 300, date(2025, 6, 15), date(2025, 7, 15))
        cls.very_late = cls._invoice(cls.customer, 200, date(2025, 2, 1), date(2025, 3, 1))

    def _html(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.customer.ids, data={"company_id": self.company.id}
        )
        return html.decode()

    def _bucket(self, html, bucket):
        cell = re.search(rf'data-bucket="{re.escape(bucket)}">(.*?)</td>', html, re.S)
        self.assertTrue(cell, bucket)
        return " ".join(html_text(cell.group(1)).replace("\ufeff", "").split())

    def test_statement_lines_and_buckets(self):
        html = self._html()
        text = html_text(html)
        self.assertIn("Statement of Account", text)
        for invoice in self.partly_paid | self.overdue | self.promised | self.not_due:
            self.assertIn(invoice.name, text)
        self.assertIn(f"Credit note {self.credit_note.name}", text)
        self.assertIn("PO-4471", text)
        self.assertIn("PO-4480", text)
        for label in ("Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"):
            self.assertIn(label, text)
        # 2025-06-30: 300 not due; 2,500 (21 days) + 800 (15 days); 450 (60 days); 200 (121)
        self.assertEqual(self._bucket(html, "current"), "$ 300.00")
        self.assertEqual(self._bucket(html, "1-30"), "$ 3,300.00")
        self.assertEqual(self._bucket(html, "31-60"), "$ 450.00")
        self.assertEqual(self._bucket(html, "61-90"), "$ 0.00")
        self.assertEqual(self._bucket(html, "90+"), "$ 200.00")
        self.assertEqual(self._bucket(html, "credit"), "$ -120.00")
        self.assertEqual(self._bucket(html, "total"), "$ 4,130.00")
        line = next(line for line in text.splitlines() if self.partly_paid.name in line)
        self.assertIn("04/01/2025 | 05/01/2025 | 60 | $\xa01,000.00 | $\xa0450.00 | USD", line)

    def test_statement_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["ar_collections_agent"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        text = html_text(self._html())
        for words in ("Relevé de compte", "Non échu", "1 à 30 jours", "Plus de 90 jours"):
            self.assertIn(words, text)
        line = next(line for line in text.splitlines() if self.partly_paid.name in line)
        self.assertIn("01/04/2025 | 01/05/2025 | 60", line)

    def test_statement_message(self):
        values = self.composer.compose_reminder(
            self.customer, self.overdue, "neutral", since=self.since, kind="statement"
        )
        self.assertIn("statement of account", values["subject"])
        text = html_text(values["body_html"])
        self.assertIn("Please find attached your statement of account as of 06/30/2025.", text)
        self.assertIn(self.overdue.name, text)
        self.assertTrue(values["facts"]["check"]["ok"], values["facts"]["check"]["problems"])
        self.assertEqual(values["facts"]["kind"], "statement")
        other = {i["number"] for i in values["facts"]["other_items"]}
        self.assertEqual(
            other,
            {m.name for m in self.partly_paid | self.promised | self.not_due | self.very_late},
        )
        # Odoo's test mode renders reports as HTML: the statement itself is attached
        attachment = self.env["ir.attachment"].browse(values["attachment_ids"])
        self.assertEqual(len(attachment), 1)
        self.assertIn(self.very_late.name, attachment.raw.decode())

    def test_statement_without_invoices_chased(self):
        values = self.composer.compose_reminder(
            self.customer, self.env["account.move"], "neutral", kind="statement"
        )
        self.assertEqual(len(values["attachment_ids"]), 1)
        self.assertEqual(values["facts"]["invoices"], [])
        self.assertNotIn("Invoice date", html_text(values["body_html"]))


@tagged("post_install", "-at_install")
class TestStatementPdf(ReminderMessagesCommon, HttpCase):
    """The statement really goes through wkhtmltopdf (an HTTP case: it fetches the
    report's assets from the test server)."""

    def test_statement_pdf_attached(self):
        composer = self.composer.with_context(force_report_rendering=True)
        values = composer.compose_reminder(
            self.customer, self.overdue, "neutral", since=self.since, kind="statement"
        )
        attachment = self.env["ir.attachment"].browse(values["attachment_ids"])
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        self.assertTrue(attachment.name.endswith(".pdf"))
