from datetime import date, timedelta
from unittest.mock import patch

import psycopg2
from odoo import sql_db
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import format_date, mute_logger

from ar_collections_core.policy import idempotency_key

from ..models.ar_collection_agent import ArCollectionAgent
from ..models.ar_collection_channels import ArCollectionChannels
from ..tools import agent_sql
from .agent_common import AgentCommon, utc

# Wednesday 2025-06-18, 10:00 in Brussels.
NOW = utc(2025, 6, 18, 8)


@tagged("post_install", "-at_install")
class TestAgentSafety(AgentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contact = cls._agent_customer("Overdue Co")
        # 8 days overdue: a friendly reminder for a customer without history.
        cls.invoice = cls._invoice(cls.customer, 1500, date(2025, 5, 11), date(2025, 6, 10))
        cls.invoice.ref = "PO-4411"
        cls.invoice_2 = cls._invoice(cls.customer, 250, date(2025, 5, 15), date(2025, 6, 12))

    def _set_mode(self, mode):
        self.policy.mode = mode

    def test_autonomous_sends_one_message_with_the_facts(self):
        with self.mock_mail_gateway():
            self._run(NOW)
        decision = self._sent(self.customer)
        self.assertEqual(len(decision), 1)
        self.assertEqual(
            (decision.action, decision.tone, decision.channel), ("remind", "friendly", "email")
        )
        self.assertEqual(decision.invoice_ids, self.invoice | self.invoice_2)
        self.assertEqual(
            decision.idempotency_key, idempotency_key(self.customer.id, date(2025, 6, 18), "remind")
        )
        self.assertEqual(len(self._mails), 1, "one message for both invoices")
        self.assertSentEmail(self.company.partner_id, [self.contact], subject=decision.subject)
        body = self._mails[0]["body"]
        due_dates = [format_date(self.env, d) for d in (date(2025, 6, 10), date(2025, 6, 12))]
        for text in (self.invoice.name, self.invoice_2.name, "PO-4411", "1,500.00", "250.00"):
            self.assertIn(text, body)
        for text in due_dates:
            self.assertIn(text, body)
        self.assertEqual(decision.message_facts["check"]["ok"], True, "the fact guard passed")
        self.assertEqual(decision.message_id.model, "res.partner")
        self.assertEqual(decision.message_id.res_id, self.customer.id)
        self.assertEqual(
            decision.message_id.subtype_id,
            self.env.ref("ar_collections_agent.mt_collection_reminder"),
        )

    def test_rerun_the_same_day_never_doubles(self):
        with self.mock_mail_gateway():
            self._run(NOW)
            self._run(NOW + timedelta(hours=1))
            self._run_now(self.customer, NOW + timedelta(hours=2))
            self.assertEqual(len(self._mails), 1)
        self.assertEqual(len(self._sent(self.customer)), 1)
        again = self._decisions(self.customer)[-1]
        self.assertEqual(again.action, "wait")
        self.assertIn("contacted_today", [r["code"] for r in again.reasons])

    def test_unique_key_refuses_a_second_contact(self):
        self._run(NOW)
        sent = self._sent(self.customer)
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            sent.copy({"idempotency_key": sent.idempotency_key, "state": "approved"})
            self.env.flush_all()

    def test_a_key_taken_meanwhile_is_left_out_not_a_crash(self):
        key = idempotency_key(self.customer.id, date(2025, 6, 18), "remind")
        holder = self.Decision.create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "local_date": date(2025, 6, 18),
                "action": "none",
                "idempotency_key": key,
            }
        )
        other, _contact = self._agent_customer("Other Co")
        self._invoice(other, 300, date(2025, 5, 11), date(2025, 6, 10))
        with (
            patch.object(agent_sql, "existing_keys", return_value=set()),
            self.mock_mail_gateway(),
            mute_logger("odoo.sql_db"),
        ):
            self._run(NOW)
            self.assertFalse(self._mails_to(self.contact))
            self.assertEqual(len(self._mails), 1, "the rest of the batch goes on")
        self.assertEqual(self._decisions(self.customer), holder)

    def test_concurrent_run_skips_a_customer_another_run_holds(self):
        self.env.flush_all()
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            locked = agent_sql.lock_customers(self.env(cr=other), self.company, self.customer.ids)
            self.assertEqual(locked, self.customer.ids)
            with self.mock_mail_gateway():
                self._run(NOW)
                self.assertFalse(self._mails)
            self.assertFalse(self._decisions(self.customer))
        finally:
            other.rollback()
            other.close()
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertEqual(len(self._mails), 1, "the lock is gone: the run goes on")

    def test_crash_after_decision_then_rerun_sends_once(self):
        """A run that stops between the decision and the send (here: outside the
        window) leaves an approved decision; the next runs send it once."""
        with (
            patch.object(
                ArCollectionChannels, "_queue_emails", side_effect=RuntimeError("SMTP down")
            ),
            mute_logger("odoo.addons.ar_collections_agent.models.ar_collection_agent"),
        ):
            self._run(NOW)
        decision = self._decisions(self.customer)
        self.assertEqual((decision.state, decision.attempt_count), ("failed", 1))
        self.assertIn("SMTP down", decision.error)
        with self.mock_mail_gateway():
            self._run(NOW + timedelta(hours=1))
            self._run(NOW + timedelta(hours=2))
            self.assertEqual(len(self._mails), 1)
        self.assertEqual(decision.state, "sent")
        self.assertFalse(decision.error)
        self.assertEqual(len(self._decisions(self.customer)), 1, "retried, not decided again")

    def test_review_mode_proposes_and_sends_after_approval(self):
        self._set_mode("review")
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails)
        decision = self._decisions(self.customer)
        self.assertEqual(decision.state, "proposed")
        self.assertIn(
            "review_mode", [r["code"] for r in decision.core_decision["approval_reasons"]]
        )
        # Edit before approval, then approve: the edited text goes out.
        with freeze_time(NOW.replace(tzinfo=None)):
            decision.with_user(self.collector).body_html = (
                decision.body_html + "<p>Edited by Anna</p>"
            )
            with self.mock_mail_gateway():
                decision.with_user(self.collector).action_approve()
                self.assertEqual(len(self._mails), 1)
                self.assertIn("Edited by Anna", self._mails[0]["body"])
        self.assertEqual((decision.state, decision.approved_by_id), ("sent", self.collector))

    def test_approved_out_of_hours_goes_at_the_next_window(self):
        self._set_mode("review")
        self._run(NOW)
        decision = self._decisions(self.customer)
        with self.freeze_time_at(utc(2025, 6, 18, 20)), self.mock_mail_gateway():  # 22:00
            decision.with_user(self.collector).action_approve()
            self.assertFalse(self._mails)
        self.assertEqual(decision.state, "approved")
        with self.mock_mail_gateway():
            self._run(utc(2025, 6, 19, 4))  # 06:00 in Brussels: still closed
            self.assertFalse(self._mails)
            self._run(utc(2025, 6, 19, 7))
            self.assertEqual(len(self._mails), 1)
        self.assertEqual(decision.state, "sent")
        key = idempotency_key(self.customer.id, date(2025, 6, 19), "remind")
        self.assertEqual(decision.idempotency_key, key, "the key of the day it went out")

    def test_reject_in_bulk(self):
        self._set_mode("review")
        other, _contact = self._agent_customer("Second Co")
        self._invoice(other, 300, date(2025, 5, 11), date(2025, 6, 10))
        self._run(NOW)
        proposals = self.Decision.search([("state", "=", "proposed")])
        self.assertEqual(proposals.partner_id, self.customer | other)
        proposals.with_user(self.collector).action_reject()
        self.assertEqual(set(proposals.mapped("state")), {"cancelled"})

    def test_payment_between_decision_and_send_cancels(self):
        self._set_mode("review")
        self._run(NOW)
        decision = self._decisions(self.customer)
        self._pay(self.invoice, 1500, date(2025, 6, 18))
        self._pay(self.invoice_2, 250, date(2025, 6, 18))
        with freeze_time(NOW.replace(tzinfo=None)), self.mock_mail_gateway():
            decision.with_user(self.collector).action_approve()
            self.assertFalse(self._mails)
        self.assertEqual(decision.state, "cancelled")
        self.assertIn("invoice_paid", [r["code"] for r in decision.reasons])

    def test_partial_payment_narrows_the_message(self):
        self._set_mode("review")
        self._run(NOW)
        decision = self._decisions(self.customer)
        self._pay(self.invoice_2, 250, date(2025, 6, 18))
        with freeze_time(NOW.replace(tzinfo=None)), self.mock_mail_gateway():
            decision.with_user(self.collector).action_approve()
            self.assertEqual(len(self._mails), 1)
            self.assertNotIn(self.invoice_2.name, self._mails[0]["body"])
        self.assertEqual(decision.invoice_ids, self.invoice)

    def test_strategic_always_waits_for_approval(self):
        self.customer.collection_segment = "strategic"
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails)
        decision = self._decisions(self.customer)
        self.assertEqual(decision.state, "proposed")
        self.assertIn(
            "approval_segment", decision.approval_reason_text + str(decision.core_decision)
        )

    def test_final_notice_waits_for_approval_in_autonomous_mode(self):
        self.policy.max_tone = "final"
        old = self._invoice(self.customer, 900, date(2025, 4, 1), date(2025, 5, 1))  # 48 days
        # 12 days ago: past the 10-day gap of a small balance
        self.Decision.create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "local_date": date(2025, 6, 6),
                "action": "remind",
                "tone": "firm",
                "channel": "email",
                "state": "sent",
                "sent_at": utc(2025, 6, 6, 8).replace(tzinfo=None),
                "invoice_ids": old.ids,
            }
        )
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails)
        decision = self._decisions(self.customer, state="proposed")
        self.assertEqual(decision.tone, "final")
        self.assertIn("final_notice", str(decision.core_decision["approval_reasons"]))

    def test_sensitive_wording_waits_for_approval_in_autonomous_mode(self):
        original = ArCollectionAgent._write_message

        def with_interest(agent, decision, message):
            original(agent, decision, message)
            decision.with_context(
                agent_write=True
            ).body_html += "<p>Late payment interest will be charged.</p>"

        with (
            patch.object(ArCollectionAgent, "_write_message", with_interest),
            self.mock_mail_gateway(),
        ):
            self._run(NOW)
            self.assertFalse(self._mails)
        decision = self._decisions(self.customer)
        self.assertEqual(decision.state, "proposed")
        self.assertIn("sensitive_wording", str(decision.core_decision["approval_reasons"]))

    def test_mode_off_contacts_nobody_but_logs_why(self):
        self._set_mode("off")
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails)
        decision = self._decisions(self.customer)
        self.assertEqual((decision.action, decision.state), ("none", "skipped"))
        self.assertIn("mode_off", [r["code"] for r in decision.reasons])

    def test_quiet_hours_and_weekend(self):
        with self.mock_mail_gateway():
            self._run(utc(2025, 6, 18, 5))  # 07:00 in Brussels
            self._run(utc(2025, 6, 21, 10))  # Saturday
            self.assertFalse(self._mails)
        self.assertFalse(self._decisions(self.customer), "outside the window: not even decided")

    def test_run_now_needs_a_collector(self):
        with self.assertRaises(AccessError):
            self._run_now(self.customer, NOW, user=self.invoicing_user)
        action = self._run_now(self.customer, NOW)
        self.assertEqual(action["res_model"], "ar.collection.decision")
        self.assertEqual(self.Decision.search(action["domain"]).partner_id, self.customer)
