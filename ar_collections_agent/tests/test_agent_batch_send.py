import smtplib
from datetime import date, timedelta
from email import message_from_string
from unittest.mock import patch

from odoo.addons.base.models.ir_mail_server import IrMail_Server
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import mail_batch
from .agent_common import AgentCommon, utc

# Wednesday 2025-06-18, 10:00 in Brussels.
NOW = utc(2025, 6, 18, 8)
REMINDER = "ar_collections_agent.mt_collection_reminder"


@tagged("post_install", "-at_install")
class TestAgentBatchSend(AgentCommon):
    """The batch's reminder emails are queued at once and handed to SMTP per batch:
    one chatter message per customer, a refused mail marks only its decision failed,
    and the next run retries it without doubling the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = {}
        for name in ("Alpha Co", "Bravo Co", "Charlie Co"):
            customer, contact = cls._agent_customer(name)
            # 8 days overdue: a friendly reminder for a customer without history.
            cls._invoice(customer, 900, date(2025, 5, 11), date(2025, 6, 10))
            cls.customers[name] = (customer, contact)

    def _deliveries(self, refused=()):
        """Patch the SMTP hand-over: refuse the addresses in ``refused``; returns the
        list of the addresses really handed over."""
        delivered = []
        send_email = IrMail_Server.send_email  # the mail gateway mock

        def send(server, message, *args, **kwargs):
            to = message["To"]
            if any(address in to for address in refused):
                raise smtplib.SMTPRecipientsRefused({to: (550, b"mailbox unavailable")})
            delivered.append(to)
            return send_email(server, message, *args, **kwargs)

        return delivered, patch.object(IrMail_Server, "send_email", new=send)

    def _reminder_messages(self, customer):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", customer.id),
                ("subtype_id", "=", self.env.ref(REMINDER).id),
            ]
        )

    def test_one_chatter_message_per_customer_and_mail_delivered(self):
        with self.mock_mail_gateway():
            delivered, patched = self._deliveries()
            with patched:
                self._run(NOW)
        self.assertEqual(len(delivered), 3, "one email per customer, in one batch")
        for customer, contact in self.customers.values():
            decision = self._sent(customer)
            self.assertEqual(len(decision), 1)
            message = self._reminder_messages(customer)
            self.assertEqual(decision.message_id, message, "one chatter entry per contact")
            self.assertEqual(message.author_id, self.company.partner_id)
            self.assertIn(decision.invoice_ids.name, str(message.body))
            self.assertEqual(message.partner_ids, contact)
            notification = message.notification_ids
            self.assertEqual(notification.res_partner_id, contact)
            self.assertEqual(notification.notification_status, "sent")
            self.assertEqual(len([to for to in delivered if contact.email in to]), 1)

    @mute_logger("odoo.addons.ar_collections_agent.tools.mail_batch")
    def test_a_refused_mail_fails_alone_and_is_retried_once(self):
        bravo, bravo_ap = self.customers["Bravo Co"]
        with self.mock_mail_gateway():
            delivered, patched = self._deliveries(refused=[bravo_ap.email])
            with patched:
                self._run(NOW)
        self.assertEqual(len(delivered), 2, "the others go")
        failed = self._decisions(bravo, action="remind")
        self.assertEqual((failed.state, failed.attempt_count), ("failed", 1))
        self.assertIn("mailbox unavailable", failed.error)
        self.assertEqual(failed.message_id.notification_ids.notification_status, "canceled")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("mail_message_id", "=", failed.message_id.id), ("state", "!=", "cancel")]
            ),
            "the refused mail is never sent by the mail queue later",
        )
        for name in ("Alpha Co", "Charlie Co"):
            self.assertEqual(self._sent(self.customers[name][0]).state, "sent")

        with self.mock_mail_gateway():
            delivered, patched = self._deliveries()
            with patched:
                self._run(NOW + timedelta(hours=1))
                self._run(NOW + timedelta(hours=2))
        self.assertEqual(len(delivered), 1, "only the failed one goes again, once")
        self.assertIn(bravo_ap.email, delivered[0])
        self.assertEqual(failed.state, "sent")
        self.assertEqual(len(self._sent(bravo)), 1)
        for name in ("Alpha Co", "Charlie Co"):
            self.assertEqual(len(self._sent(self.customers[name][0])), 1)

    def test_a_failure_recorded_by_the_mail_queue_is_retried(self):
        """The mail scheduler (not the agent's batch) failed to deliver it later: the
        next run sees the failed notification, marks the decision failed and retries."""
        alpha, alpha_ap = self.customers["Alpha Co"]
        with self.mock_mail_gateway():
            self._run(NOW)
        decision = self._sent(alpha)
        decision.sudo().message_id.notification_ids.write(
            {"notification_status": "exception", "failure_reason": "451 try again later"}
        )
        with self.mock_mail_gateway():
            delivered, patched = self._deliveries()
            with patched:
                self._run(NOW + timedelta(hours=1))
        self.assertEqual(len(delivered), 1)
        self.assertIn(alpha_ap.email, delivered[0])
        self.assertEqual((decision.state, decision.attempt_count), ("sent", 1))
        self.assertEqual(len(self._reminder_messages(alpha)), 2, "the failed entry stays")

    def test_the_email_on_the_wire_threads_the_reply_back_to_the_customer(self):
        """What reaches the SMTP server carries the chatter message's Message-Id, the
        company as sender and the customer's contact as recipient; the customer's
        answer to it lands on the customer."""
        alpha, alpha_ap = self.customers["Alpha Co"]
        with self.mock_mail_gateway():
            self._run(NOW)
        decision = self._sent(alpha)
        on_the_wire = [e for e in self.emails if alpha_ap.email in e["smtp_to_list"]]
        self.assertEqual(len(on_the_wire), 1, "one message to the contact, nobody else")
        raw = message_from_string(on_the_wire[0]["message"])
        self.assertEqual(raw["Message-Id"], decision.message_id.message_id)
        self.assertIn(self.company.email, raw["From"])
        self.assertIn(decision.invoice_ids.name, on_the_wire[0]["message"])
        answer = (
            f"From: {alpha_ap.email}\r\nTo: {raw['Reply-To'] or raw['From']}\r\n"
            f"Subject: Re: {raw['Subject']}\r\nMessage-ID: <answer-1@alpha.example>\r\n"
            f"In-Reply-To: {raw['Message-Id']}\r\nReferences: {raw['Message-Id']}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nWe pay on Friday.\r\n"
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].message_process(False, answer)
        reply = self.env["mail.message"].search([("message_id", "=", "<answer-1@alpha.example>")])
        self.assertEqual((reply.model, reply.res_id), ("res.partner", alpha.id))

    def test_a_mail_already_sent_by_the_mail_queue_is_not_claimed(self):
        """Each mail is claimed right before it goes: one the mail queue sent meanwhile
        (or still holds) is left alone, so it never goes twice."""
        mails = self.env["mail.mail"].create(
            [
                {"email_to": "a@example.com", "subject": "A", "body_html": "<p>A</p>"},
                {"email_to": "b@example.com", "subject": "B", "body_html": "<p>B</p>"},
            ]
        )
        mails[1].state = "sent"
        mails.flush_recordset()
        self.assertTrue(mail_batch._claim(mails[0]))
        self.assertFalse(mail_batch._claim(mails[1]))
