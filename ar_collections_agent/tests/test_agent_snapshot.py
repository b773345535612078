from datetime import date

from odoo.tests import tagged

from ..tools import agent_snapshot
from .agent_common import AgentCommon, utc

NOW = utc(2025, 6, 18, 8)


@tagged("post_install", "-at_install")
class TestAgentSnapshot(AgentCommon):
    """The records as the policy sees them, read for a whole batch at once."""

    def _build(self, partners):
        policies = self.env["ar.collection.policy"]._get_effective_policies(partners, self.company)
        return agent_snapshot.build_snapshots(self.env, self.company, partners.ids, NOW, policies)

    def test_snapshot_reads_the_customer(self):
        customer, contact = self._agent_customer("Snap Co", "America/New_York")
        contact.phone = "+1 555 0100"
        customer.write(
            {"collection_segment": "strategic", "collection_snoozed_until": date(2025, 6, 20)}
        )
        open_invoice = self._invoice(customer, 1000, date(2025, 5, 1), date(2025, 5, 31))
        paid = self._invoice(customer, 400, date(2025, 4, 1), date(2025, 4, 30))
        self._pay(paid, 400, date(2025, 5, 2))
        snapshots, infos = self._build(customer)
        snap = snapshots[customer.id]
        self.assertEqual(snap.timezone, "America/New_York")
        self.assertEqual(snap.segment, "strategic")
        self.assertEqual(snap.snoozed_until, date(2025, 6, 20))
        self.assertTrue(snap.has_email and snap.has_phone)
        self.assertFalse(snap.opted_out or snap.legal_hold or snap.blacklisted)
        self.assertEqual([r.id for r in snap.receivables], open_invoice.ids, "open items only")
        self.assertEqual(snap.profile.invoices_settled, 1, "the profile reads the history")
        self.assertEqual(infos[customer.id].contact_id, contact.id)

    def test_blacklisted_contact(self):
        customer, contact = self._agent_customer("Bounce Co")
        self._invoice(customer, 100, date(2025, 5, 1), date(2025, 5, 31))
        self.env["mail.blacklist"].sudo()._add(contact.email)
        self.assertTrue(self._build(customer)[0][customer.id].blacklisted)

    def test_queries_do_not_grow_with_customers(self):
        customers = self.env["res.partner"]
        for index in range(6):
            customer, _contact = self._agent_customer(f"Batch {index}")
            for month in range(1, 4):
                self._invoice(customer, 100 * month, date(2025, month, 1), date(2025, month, 28))
            customers |= customer
        self.env.flush_all()

        def queries(partners):
            before = self.env.cr.sql_log_count
            self._build(partners)
            return self.env.cr.sql_log_count - before

        self._build(customers[:1])  # warm the caches
        self.assertEqual(queries(customers[:2]), queries(customers))
