from unittest.mock import patch

from freezegun import freeze_time
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.ar_collection_reply import ArCollectionReply
from .reply_common import TODAY, RepliesCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReplyIntake(RepliesCommon):
    """Which messages the agent reads, and what it does when it cannot."""

    def _post_email(self, author, body, thread=None):
        return (thread or self.customer).message_post(
            body=body,
            message_type="email",
            author_id=author.id,
            email_from=author.email_formatted,
            subject="Re: Payment reminder",
        )

    def test_email_without_raw_source_is_rebuilt_and_read(self):
        self.contact.lang = "en_US"
        message = self._post_email(
            self.contact, f"<p>We will pay {self.invoice_2.name} on 13/03/2026.</p>"
        )
        reply = self.env["ar.collection.reply"].search([("message_id", "=", message.id)])
        self.assertEqual(reply.intent, "promise_to_pay")
        self.assertIn(self.invoice_2.name, reply.raw_message)
        self.assertEqual(reply.promise_id.invoice_ids, self.invoice_2)

    def test_colleague_email_is_not_read(self):
        self._post_email(self.collector.partner_id, "<p>We will pay on 13/03/2026.</p>")
        self.assertFalse(self.env["ar.collection.reply"].search([]))

    def test_note_and_our_own_messages_are_not_read(self):
        self._remind()
        self.customer.message_post(body="We will pay on 13/03/2026.", message_type="comment")
        self.assertFalse(self.env["ar.collection.reply"].search([]))

    def test_vendor_bill_thread_is_not_read(self):
        bill = self._invoice(self.customer, 100.0, TODAY, TODAY, move_type="in_invoice", post=False)
        self._post_email(self.contact, "<p>We will pay on 13/03/2026.</p>", thread=bill)
        self.assertFalse(self.env["ar.collection.reply"].search([]))

    def test_registration_failure_leaves_a_could_not_read_item(self):
        with (
            patch.object(ArCollectionReply, "_intake", side_effect=RuntimeError("disk full")),
            mute_logger("odoo.addons.ar_collections_agent.models.ar_collection_reply"),
        ):
            message = self._post_email(self.contact, "<p>We will pay on 13/03/2026.</p>")
        self.assertTrue(message.exists())
        reply = self.env["ar.collection.reply"].search([("message_id", "=", message.id)])
        self.assertEqual(reply.state, "error")
        self.assertIn("disk full", reply.error)

    def test_cron_reads_replies_left_pending(self):
        with patch.object(ArCollectionReply, "_read_and_act", return_value=True):
            message = self._post_email(
                self.contact, "<p>Ich bin bis zum 16.03.2026 nicht im Büro.</p>"
            )
        reply = self.env["ar.collection.reply"].search([("message_id", "=", message.id)])
        self.assertEqual(reply.state, "pending")
        self.env["ar.collection.reply"]._cron_read_pending_replies()
        self.assertEqual(reply.intent, "out_of_office")
        self.assertEqual(str(self.customer.collection_snoozed_until), "2026-03-16")
