import base64
import json
import re
from unittest.mock import patch

from freezegun import freeze_time
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..models import ar_collection_reply as reply_module
from .reply_common import MAIL_DATE, TODAY, RepliesCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReplyReview(RepliesCommon):
    """The review queue: review mode, unsure readings, corrections kept as labels,
    and failures that never lose the email."""

    def _promise_text(self):
        return f"Hi,\n\nwe will pay {self.invoice_1.name} on 20/03/2026.\n\nClaire"

    def test_review_mode_proposes_then_collector_approves(self):
        self.policy.mode = "review"
        reply = self._reply(self._promise_text(), lang="en_GB")
        self.assertEqual(reply.intent, "promise_to_pay")
        self.assertEqual(reply.state, "needs_review")
        self.assertIn("record promise", reply.proposed_summary)
        self.assertFalse(self.env["ar.collection.promise"].search([]))
        self.assertFalse(self._customer_messages(), "nothing reaches the customer unapproved")
        reply.with_user(self.collector).action_confirm()
        self.assertEqual(reply.state, "done")
        self.assertEqual(reply.reviewed_by_id, self.collector)
        self.assertEqual(str(reply.promise_id.promised_date), "2026-03-20")
        self.assertEqual(len(self._customer_messages()), 1)

    def test_review_mode_still_stops_contact_at_once(self):
        self.policy.mode = "review"
        reply = self._reply(
            "Please stop sending us automated reminders. We do not want these emails.",
            lang="en_GB",
        )
        self.assertEqual(reply.intent, "opt_out")
        self.assertTrue(self.customer.collection_no_reminders)

    def test_invoicing_user_cannot_review(self):
        self.policy.mode = "review"
        reply = self._reply(self._promise_text(), lang="en_GB")
        with self.assertRaises(AccessError):
            reply.with_user(self.invoicing_user).action_confirm()
        self.assertEqual(reply.state, "needs_review")

    def test_correcting_a_reply_already_acted_on_sends_nothing_again(self):
        reply = self._reply(self._promise_text(), lang="en_GB")
        self.assertEqual(reply.state, "done")
        promise = reply.promise_id
        self.assertEqual(len(self._customer_messages()), 1)
        action = reply.with_user(self.collector).action_correct()
        wizard = self.env[action["res_model"]].with_user(self.collector).browse(action["res_id"])
        with Form(wizard) as form:
            form.promised_date = "2026-03-27"
        wizard.action_confirm()
        self.assertEqual(reply.state, "corrected")
        self.assertEqual(str(reply.promised_date), "2026-03-27")  # kept as labeled data
        self.assertEqual(len(self._customer_messages()), 1, "no second confirmation")
        self.assertEqual(reply.promise_id, promise)
        self.assertEqual(str(promise.promised_date), "2026-03-20")
        self.assertIn("nothing was carried out again", reply.action_summary)

    def test_unsure_reply_held_and_corrected_in_one_wizard(self):
        reply = self._reply("asdf qwerty zxcv\n\nClaire", lang="en_GB")
        self.assertEqual(reply.state, "needs_review")
        self.assertIn("below the review threshold", reply.review_reason)
        self.assertEqual(str(self.customer.collection_snoozed_until), "2026-03-04")
        action = reply.with_user(self.collector).action_correct()
        wizard = self.env[action["res_model"]].with_user(self.collector).browse(action["res_id"])
        with Form(wizard) as form:
            form.intent = "promise_to_pay"
            form.promised_date = "2026-03-27"
            form.amount = 500.0
            form.invoice_ids.add(self.invoice_2)
        wizard.action_confirm()
        self.assertEqual(reply.state, "corrected")
        self.assertEqual(reply.original_reading["intent"], "other")
        promise = reply.promise_id
        self.assertEqual(promise.invoice_ids, self.invoice_2)
        self.assertAlmostEqual(promise.amount, 500.0)
        self.assertEqual(str(promise.promised_date), "2026-03-27")
        # the correction is labeled data, in the core's corpus format
        export = reply.with_user(self.collector).action_export_corpus()
        attachment_id = int(re.search(r"/web/content/(\d+)", export["url"]).group(1))
        attachment = self.env["ir.attachment"].browse(attachment_id)
        example = json.loads(base64.b64decode(attachment.datas).decode().strip())
        self.assertEqual(example["labels"]["intent"], "promise_to_pay")
        self.assertEqual(example["labels"]["promised_date"], "2026-03-27")
        self.assertEqual(example["labels"]["invoices"], [self.invoice_2.name])
        self.assertTrue(example["corrected"])
        self.assertIn("asdf", example["message"])
        self.assertEqual(len(example["open_invoices"]), 2)

    def test_threshold_from_settings(self):
        # A clear promise is acted on at the default threshold...
        clear = self._reply(self._promise_text(), lang="en_GB")
        self.assertEqual((clear.intent, clear.state), ("promise_to_pay", "done"))
        self.assertLess(clear.confidence, 1.0)  # an offline reading is never certain
        # ... and waits for a person once the setting asks for more confidence than it has.
        stricter = clear.confidence + (1.0 - clear.confidence) / 2
        self.env["ir.config_parameter"].set_param(reply_module.THRESHOLD_PARAM, str(stricter))
        reply = self._reply(self._promise_text(), lang="en_GB")
        self.assertEqual(reply.intent, "promise_to_pay")
        self.assertEqual(reply.state, "needs_review")
        self.assertFalse(reply.promise_id)

    def test_promise_without_date_goes_to_review(self):
        reply = self._reply(
            f"Hi, we will pay {self.invoice_1.name} as soon as we can.\n\nClaire", lang="en_GB"
        )
        self.assertEqual(reply.state, "needs_review")
        self.assertFalse(reply.promise_id)

    def test_reader_failure_keeps_the_email(self):
        with (
            patch.object(reply_module, "understand", side_effect=RuntimeError("boom")),
            mute_logger("odoo.addons.ar_collections_agent.models.ar_collection_reply"),
        ):
            reply = self._reply(self._promise_text(), lang="en_GB")
        self.assertEqual(reply.state, "error")
        self.assertIn("boom", reply.error)
        self.assertTrue(reply.message_id.exists())
        self.assertIn("20/03/2026", reply.message_id.body)
        self.assertFalse(self.env["ar.collection.promise"].search([]))
        # once the reader works again, a collector reads it again
        reply.with_user(self.collector).action_reread()
        self.assertEqual(reply.state, "done")
        self.assertTrue(reply.promise_id)

    def test_malformed_email_never_breaks_the_gateway(self):
        reminder = self._remind()
        raw = (
            f"From: Claire Martin <{self.contact.email}>\r\n"
            f"Date: {MAIL_DATE}\r\n"
            "Message-ID: <broken-1@durand.example>\r\n"
            f"In-Reply-To: {reminder.message_id}\r\n"
            "MIME-Version: 1.0\r\n"
            "Subject: =?utf-8?B?broken?=\r\n"
            'Content-Type: multipart/mixed; boundary="nope"\r\n\r\n'
            "--nope\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n"
            "bm91cyBwYWllcm9ucy!!!vendredi====%%%\r\n"
            '--nope\r\nContent-Type: application/pdf; name="x.pdf"\r\n\r\n'
            "\xff\xfe\x00 truncated"
        ).encode("latin-1")
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process("res.partner", raw)
        message = self.env["mail.message"].search(
            [("message_id", "=", "<broken-1@durand.example>")]
        )
        self.assertTrue(message)
        reply = self.env["ar.collection.reply"].search([("message_id", "=", message.id)])
        self.assertEqual(len(reply), 1)
        self.assertIn(reply.state, ("needs_review", "error", "done"))
        self.assertFalse(self.env["ar.collection.promise"].search([]))

    def test_collector_sees_queue(self):
        self._reply("asdf qwerty zxcv\n\nClaire", lang="en_GB")
        queue = (
            self.env["ar.collection.reply"]
            .with_user(self.collector)
            .search([("state", "in", ("needs_review", "error"))])
        )
        self.assertEqual(len(queue), 1)
        self.assertTrue(queue.with_user(self.collector).raw_message)
        customer = self.customer.with_user(self.collector)
        self.assertEqual(customer.collection_reply_review_count, 1)
        action = customer.action_view_collection_replies()
        self.assertEqual(action["res_model"], "ar.collection.reply")
