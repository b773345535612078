from datetime import date

from odoo.addons.mail.tests.common import MailCommon

from .common import CollectionsCommon

# A customer's answer as it arrives by email: raw RFC 822 text, a reply to our reminder.
REPLY_MAIL = """From: {email_from}
To: {to}
Subject: {subject}
Date: {date}
Message-ID: {msg_id}
In-Reply-To: {in_reply_to}
References: {in_reply_to}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
{extra}
{body}
"""
TODAY = date(2026, 3, 2)  # a Monday
MAIL_DATE = "Mon, 02 Mar 2026 09:00:00 +0000"
LANGS = ("fr_FR", "de_DE", "es_ES", "nl_NL")


class RepliesCommon(CollectionsCommon, MailCommon):
    """A customer with a billing contact, open invoices, and a reminder the agent sent;
    ``_reply`` feeds the customer's answer through the mail gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in LANGS:
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["ar_collections_agent"], list(LANGS), overwrite=True
        )
        cls.customer = cls._customer("Durand Industries", email="info@durand.example")
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Claire Martin",
                "email": "c.martin@durand.example",
                "parent_id": cls.customer.id,
                "type": "invoice",
            }
        )
        cls.invoice_1 = cls._invoice(cls.customer, 1200.0, date(2026, 1, 5), date(2026, 2, 4))
        cls.invoice_2 = cls._invoice(cls.customer, 800.0, date(2026, 1, 20), date(2026, 2, 19))
        cls.policy = cls.env["ar.collection.policy"].create(
            {"company_id": cls.company.id, "scope": "company", "mode": "autonomous"}
        )

    def _remind(self, thread=None):
        """The reminder the agent sent (as the sending cycle posts it)."""
        thread = thread or self.customer
        return thread.message_post(
            body=f"Invoice {self.invoice_1.name} is overdue. Please pay.",
            subject="Payment reminder",
            message_type="comment",
            subtype_xmlid="ar_collections_agent.mt_collection_reminder",
            partner_ids=self.contact.ids,
        )

    def _reply(self, body, *, lang=None, extra="", sender=None, thread=None, reminder=None):
        """The customer's answer to a reminder, through the mail gateway; returns the
        agent's reading of it (empty when it read nothing)."""
        if lang:
            (self.customer | self.contact).write({"lang": lang})
        reminder = reminder or self._remind(thread)
        with self.mock_mail_gateway():
            self._gateway(reminder, body, extra, sender)
        return self.env["ar.collection.reply"].search(
            [("partner_id", "=", self.customer.id)], order="id desc", limit=1
        )

    def _gateway(self, reminder, body, extra, sender):
        self.format_and_process(
            REPLY_MAIL,
            sender or f"Claire Martin <{self.contact.email}>",
            f"{self.alias_catchall}@{self.alias_domain}",
            subject="Re: Payment reminder",
            extra=extra,
            date=MAIL_DATE,
            in_reply_to=reminder.message_id,
            body=body,
            target_model="res.partner",
            target_field="name",
        )

    def _customer_messages(self, subtype="mt_collection_confirmation", thread=None):
        thread = thread or self.customer
        return self.env["mail.message"].search(
            [
                ("model", "=", thread._name),
                ("res_id", "=", thread.id),
                ("subtype_id", "=", self.env.ref(f"ar_collections_agent.{subtype}").id),
            ]
        )

    def _activities(self, record):
        return self.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
