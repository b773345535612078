from datetime import datetime, timezone

from odoo.addons.mail.tests.common import MockEmail
from odoo.tests import freeze_time

from .common import CollectionsCommon


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


class AgentCommon(CollectionsCommon, MockEmail):
    """Customers with an invoice contact in a timezone, a company policy, and the
    agent's cycle run at a chosen instant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"email": "ar@company.example.com"})
        cls.company.partner_id.tz = "UTC"
        cls.Decision = cls.env["ar.collection.decision"]
        cls.agent = cls.env["ar.collection.agent"]
        cls.policy = cls.env["ar.collection.policy"].create(
            {"company_id": cls.company.id, "scope": "company", "mode": "autonomous"}
        )

    @classmethod
    def _agent_customer(cls, name, tz="Europe/Brussels", email=None, **values):
        customer = cls._customer(name, tz=tz, **values)
        contact = cls.env["res.partner"].create(
            {
                "name": f"{name} AP",
                "parent_id": customer.id,
                "type": "invoice",
                "email": email or f"ap@{name.lower().replace(' ', '')}.example.com",
                "tz": tz,
            }
        )
        return customer, contact

    def _run(self, now):
        """One scheduled cycle at ``now`` (aware UTC), without committing."""
        with freeze_time(now.replace(tzinfo=None)):
            return self.agent._run_cycle(now)

    def freeze_time_at(self, now):
        return freeze_time(now.replace(tzinfo=None))

    def _run_now(self, partners, now, user=None):
        with freeze_time(now.replace(tzinfo=None)):
            partners = partners.with_user(user or self.collector)
            return partners.action_run_collection_agent()

    def _mails_to(self, contact):
        return [m for m in self._mails if contact.email in " ".join(m["email_to"])]

    def _decisions(self, partner, **domain):
        terms = [("partner_id", "=", partner.id)] + [(k, "=", v) for k, v in domain.items()]
        return self.Decision.search(terms, order="id")

    def _sent(self, partner):
        return self._decisions(partner, state="sent").filtered(
            lambda d: d.action in ("remind", "statement")
        )
