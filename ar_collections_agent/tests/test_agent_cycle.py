import itertools
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import tagged
from odoo.tools import format_date

from .agent_common import AgentCommon, utc

HOURS_UTC = (7, 14, 20)  # 09:00 and 16:00 in Brussels; 10:00 and 16:00 in New York (June)


@tagged("post_install", "-at_install")
class TestAgentMonth(AgentCommon):
    """A month of hourly runs (three a day) over customers in two timezones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        issued, due = date(2025, 5, 20), date(2025, 6, 10)
        cls.brussels, cls.brussels_ap = cls._agent_customer("Brussels Co", "Europe/Brussels")
        cls.newyork, cls.newyork_ap = cls._agent_customer("New York Co", "America/New_York")
        cls.inv_brussels = cls._invoice(cls.brussels, 1200, issued, due)
        cls.inv_brussels.ref = "PO-BXL-7"
        cls.inv_newyork = cls._invoice(cls.newyork, 800, issued, due)
        cls.paid, _ = cls._agent_customer("Paid Co")
        cls._pay(cls._invoice(cls.paid, 500, issued, due), 500, date(2025, 6, 5))
        cls.disputed, _ = cls._agent_customer("Disputed Co")
        disputed_invoice = cls._invoice(cls.disputed, 700, issued, due)
        cls.env["ar.collection.dispute"].create(
            {
                "partner_id": cls.disputed.id,
                "invoice_ids": disputed_invoice.ids,
                "amount": 700,
                "date": date(2025, 5, 25),
            }
        )
        cls.promised, _ = cls._agent_customer("Promised Co")
        promised_invoice = cls._invoice(cls.promised, 900, issued, due)
        cls.env["ar.collection.promise"].create(
            {
                "partner_id": cls.promised.id,
                "invoice_ids": promised_invoice.ids,
                "amount": 900,
                "date": date(2025, 5, 25),
                "promised_date": date(2025, 7, 15),
            }
        )
        cls.excluded, _ = cls._agent_customer("Excluded Co")
        excluded_invoice = cls._invoice(cls.excluded, 400, issued, due)
        excluded_invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        ).no_followup = True
        cls.opted_out, _ = cls._agent_customer("Opted Out Co", collection_no_reminders=True)
        cls._invoice(cls.opted_out, 300, issued, due)
        cls.legal, _ = cls._agent_customer("Legal Co", collection_legal_hold=True)
        cls._invoice(cls.legal, 600, issued, due)

    def _walk(self, first, last):
        day = first
        while day <= last:
            for hour in HOURS_UTC:
                self._run(utc(day.year, day.month, day.day, hour))
            day += timedelta(days=1)

    def _codes(self, decision):
        return [r["code"] for r in decision.reasons]

    def test_month(self):
        with self.mock_mail_gateway():
            self._walk(date(2025, 6, 1), date(2025, 6, 30))
            mails = list(self._mails)
        # New customers (no history): the courtesy note helps. A balance of 1,200 or 800
        # is a small one: 10 days between reminders (5, doubled) instead of 5.
        expected = [
            (date(2025, 6, 9), "courtesy"),  # due in 1 day (the 7th and 8th: weekend)
            (date(2025, 6, 19), "friendly"),  # 3 days overdue on Friday 13th; 10-day gap
            (date(2025, 6, 30), "neutral"),  # one contact ignored, 20 days overdue
        ]
        local_hours = {
            self.brussels: (9, "Europe/Brussels"),
            self.newyork: (10, "America/New_York"),
        }
        for partner, contact in (
            (self.brussels, self.brussels_ap),
            (self.newyork, self.newyork_ap),
        ):
            sent = self._sent(partner)
            self.assertEqual([(d.local_date, d.tone) for d in sent], expected, partner.name)
            hour, tz = local_hours[partner]
            for decision in sent:
                local = utc(*decision.sent_at.timetuple()[:6]).astimezone(ZoneInfo(tz))
                self.assertEqual(local.hour, hour, "first run inside the customer's window")
                self.assertLess(local.weekday(), 5)
            gaps = [(b.sent_at - a.sent_at).days for a, b in itertools.pairwise(sent)]
            self.assertTrue(all(gap >= 10 for gap in gaps), gaps)
            to_contact = [m for m in mails if contact.email in " ".join(m["email_to"])]
            self.assertEqual(len(to_contact), len(expected), "one message per contact decided")
            invoice = self.inv_brussels if partner == self.brussels else self.inv_newyork
            amount = "1,200.00" if partner == self.brussels else "800.00"
            for mail in to_contact:
                for text in (invoice.name, amount, format_date(self.env, date(2025, 6, 10))):
                    self.assertIn(text, mail["body"])
            # One decision a day at most from the scheduled runs, each with reasons.
            days = [d.local_date for d in self._decisions(partner)]
            self.assertEqual(len(days), len(set(days)))
            self.assertTrue(all(d.reason_text for d in self._decisions(partner)))
        self.assertIn("PO-BXL-7", " ".join(m["body"] for m in mails))
        for partner in (
            self.paid,
            self.disputed,
            self.promised,
            self.excluded,
            self.opted_out,
            self.legal,
        ):
            self.assertFalse(self._sent(partner), partner.name)
            self.assertFalse([m for m in mails if partner.name in " ".join(m["email_to"])])
        reminder = self.env.ref("ar_collections_agent.mt_collection_reminder")
        posted = self.env["mail.message"].search([("subtype_id", "=", reminder.id)])
        self.assertEqual(set(posted.mapped("res_id")), {self.brussels.id, self.newyork.id})
        # Waits and pauses are logged with their reasons, on the customer.
        self.assertIn("dispute_open", self._codes(self._decisions(self.disputed)[:1]))
        self.assertIn("promise_in_force", self._codes(self._decisions(self.promised)[:1]))
        self.assertIn("opted_out", self._codes(self._decisions(self.opted_out)[:1]))
        self.assertEqual(set(self._decisions(self.paid).mapped("action")), set())
        # One logged decision per working day: the window is closed at weekends.
        self.assertEqual(self.opted_out.collection_decision_count, 21)
        # The legal hold goes to a person once, as an activity; the customer hears nothing.
        escalations = self._decisions(self.legal, action="escalate")
        self.assertEqual(len(escalations), 1)
        self.assertEqual(escalations.state, "sent")
        self.assertTrue(escalations.activity_id)
        self.assertIn("legal", escalations.escalation_cause)

    def test_caps_hold_when_the_gap_is_short(self):
        self.policy.write(
            {"min_days_between_contacts": 1, "max_contacts_7d": 2, "max_contacts_30d": 3}
        )
        with self.mock_mail_gateway():
            self._walk(date(2025, 6, 16), date(2025, 6, 30))
            self.assertEqual(len(self._mails_to(self.brussels_ap)), 3)
        # a small balance: the 1-day gap doubled
        sent = [d.local_date for d in self._sent(self.brussels)]
        self.assertEqual(sent, [date(2025, 6, 16), date(2025, 6, 18), date(2025, 6, 23)])
        codes = {
            d.local_date: [r["code"] for r in d.reasons]
            for d in self._decisions(self.brussels, action="wait")
        }
        self.assertIn("min_gap", codes[date(2025, 6, 17)])
        self.assertIn("cap_7d", codes[date(2025, 6, 19)])
        self.assertIn("cap_30d", codes[date(2025, 6, 24)])
