from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .test_reminder_messages import ReminderMessagesCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 09:00:00")
class TestComposerBatch(ReminderMessagesCommon):
    """compose_reminders renders each template once for many customers: every
    message is the one compose_reminder writes alone, with its own customer's facts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._customer("Quay Foods", lang="en_US", email="ap@quay.test")
        cls.other_invoice = cls._ref_invoice(
            cls.other, 640, date(2025, 5, 2), date(2025, 6, 1), "QF-77"
        )

    def _requests(self):
        chased = self.partly_paid | self.overdue
        return [
            {"partner": self.customer, "invoices": chased, "tone": "friendly", "since": self.since},
            {"partner": self.other, "invoices": self.other_invoice, "tone": "friendly"},
            {"partner": self.customer, "invoices": self.overdue, "tone": "friendly"},
            {"partner": self.other, "invoices": self.other_invoice, "tone": "rude"},
            {"partner": self.other, "invoices": self.other_invoice, "tone": "firm"},
        ]

    def test_batch_gives_each_customer_its_own_message(self):
        requests = self._requests()
        batch = self.composer.compose_reminders(requests)
        self.assertEqual(len(batch), len(requests))
        self.assertIsInstance(batch[3], UserError, "an unknown tone fails alone")
        for index in (0, 1, 2, 4):
            alone = self.composer.compose_reminder(**requests[index])
            for key in ("subject", "body_html", "lang", "recipient", "facts"):
                self.assertEqual(batch[index][key], alone[key], f"request {index}: {key}")
        customer_numbers = (self.partly_paid | self.overdue).mapped("name")
        for number in customer_numbers:
            self.assertIn(number, batch[0]["body_html"])
            self.assertNotIn(number, batch[1]["body_html"], "no fact of another customer")
        self.assertIn(self.other_invoice.name, batch[1]["body_html"])
        self.assertIn("QF-77", batch[4]["body_html"])

    def test_single_compose_still_raises(self):
        with self.assertRaises(UserError):
            self.composer.compose_reminder(self.other, self.other_invoice, "rude")
