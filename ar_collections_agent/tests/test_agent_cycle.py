from datetime import date, timedelta

from odoo.tests import tagged

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
                with self.mock_mail_gateway():
                    self._run(utc(day.year, day.month, day.day, hour))
            day += timedelta(days=1)

    def test_month(self):
        self._walk(date(2025, 6, 1), date(2025, 6, 30))
        schedule = {
            partner: [(d.local_date, d.tone) for d in self._sent(partner)]
            for partner in (self.brussels, self.newyork)
        }
        print(schedule)
        for partner in (
            self.paid,
            self.disputed,
            self.promised,
            self.excluded,
            self.opted_out,
            self.legal,
        ):
            self.assertFalse(self._sent(partner), partner.name)
            self.assertFalse(
                self.env["mail.message"].search_count(
                    [
                        ("model", "=", "res.partner"),
                        ("res_id", "=", partner.id),
                        (
                            "subtype_id",
                            "=",
                            self.env.ref("ar_collections_agent.mt_collection_reminder").id,
                        ),
                    ]
                )
            )
