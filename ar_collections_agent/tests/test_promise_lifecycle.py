from datetime import date

from odoo.tests import freeze_time, tagged
from odoo.tools import format_date

from .agent_common import AgentCommon, utc

ISSUED, DUE = date(2025, 5, 20), date(2025, 6, 19)
MADE, PROMISED = date(2025, 6, 20), date(2025, 6, 27)  # grace 3 days: kept if paid by 6/30


@tagged("post_install", "-at_install")
class TestPromiseLifecycle(AgentCommon):
    """Promises walked through kept, partially kept, broken and superseded, with real
    payments registered and reconciled, and what the agent does next."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Promise = cls.env["ar.collection.promise"]
        cls.customer, cls.contact = cls._agent_customer("Promising Co", tz="UTC")
        cls.invoice = cls._invoice(cls.customer, 1000, ISSUED, DUE)

    def _promise(self, made=MADE, promised=PROMISED, amount=1000.0, invoices=None):
        with freeze_time(made):
            return self.Promise.create(
                {
                    "partner_id": self.customer.id,
                    "invoice_ids": (invoices or self.invoice).ids,
                    "amount": amount,
                    "date": made,
                    "promised_date": promised,
                }
            )

    def _check(self, day):
        cron = self.env.ref("ar_collections_agent.ir_cron_check_collection_promises")
        with freeze_time(day), self.enter_registry_test_mode():
            self.assertIs(cron.method_direct_trigger(), True)

    def _logged(self, promise):
        return self.Decision.search([("promise_id", "=", promise.id)], order="id")

    def _agent(self, moment):
        with self.mock_mail_gateway():
            decisions = self._run(moment)
        return decisions.filtered(lambda d: d.partner_id == self.customer)

    def test_full_payment_keeps_the_promise_at_once(self):
        promise = self._promise()
        with freeze_time(date(2025, 6, 26)):
            self._pay(self.invoice, 1000, date(2025, 6, 26))
        self.assertEqual(promise.state, "kept")
        self.assertEqual(promise.amount_paid, 1000)
        self.assertEqual(promise.date_deadline, date(2025, 6, 30))
        log = self._logged(promise)
        self.assertEqual(log.action, "promise")
        self.assertEqual(log.origin, "event")
        self.assertEqual([r["code"] for r in log.reasons], ["promise_kept"])
        self.assertIn("kept", log.reason_text)
        self.assertEqual(self.customer.with_company(self.company).payment_promises_kept, 1)

    def test_partial_payment_is_partly_kept_and_the_rest_chased(self):
        promise = self._promise()
        with freeze_time(date(2025, 6, 26)):
            self._pay(self.invoice, 400, date(2025, 6, 26))
        self.assertEqual(promise.state, "open", "still running until the grace ends")
        self.assertEqual(promise.amount_paid, 400)
        self._check(date(2025, 6, 30))
        self.assertEqual(promise.state, "open", "the last day of the grace")
        self._check(date(2025, 7, 1))
        self.assertEqual(promise.state, "partial")
        self.assertEqual(self._logged(promise).reasons[0]["code"], "promise_partial")
        decision = self._agent(utc(2025, 7, 1, 10))
        self.assertEqual(decision.action, "remind")
        self.assertEqual(decision.invoice_ids, self.invoice)
        self.assertIn("promise_follow_up", [r["code"] for r in decision.reasons])
        self.assertIn("we received only part of it", decision.body_html)
        self.assertIn(format_date(self.env, PROMISED), decision.body_html)
        self.assertIn("600.00", decision.body_html)  # what is still due

    def test_broken_promise_is_followed_up_then_the_second_escalates(self):
        first = self._promise()
        self._check(date(2025, 7, 1))
        self.assertEqual(first.state, "broken")
        self.assertEqual(self.customer.with_company(self.company).payment_promises_broken, 1)
        follow_up = self._agent(utc(2025, 7, 1, 10))
        self.assertEqual(follow_up.action, "remind")
        self.assertEqual(follow_up.state, "sent")
        # 12 days overdue is friendly; the broken promise makes it one step firmer
        self.assertEqual(follow_up.tone, "neutral")
        codes = [r["code"] for r in follow_up.reasons]
        self.assertIn("promise_follow_up", codes)
        self.assertIn("tone_broken_promise", codes)
        body = follow_up.body_html
        self.assertIn("we have not received this payment", body)
        self.assertIn(format_date(self.env, PROMISED), body)
        mails = self._mails_to(self.contact)
        self.assertTrue(mails and "we have not received this payment" in mails[0]["body"])

        # a second promise, broken too: a person takes over
        second = self._promise(made=date(2025, 7, 2), promised=date(2025, 7, 9))
        self.assertEqual(first.state, "broken", "a broken promise stays history")
        self._check(date(2025, 7, 13))
        self.assertEqual(second.state, "broken")
        escalation = self._agent(utc(2025, 7, 14, 10))
        self.assertEqual(escalation.action, "escalate")
        self.assertEqual(escalation.escalation_cause, "broken_promises")
        self.assertTrue(escalation.activity_id)
        self.assertEqual(escalation.activity_user_id, self.collections_manager)
        self.assertIn("2 promises broken", escalation.activity_id.note)

    def test_a_new_promise_supersedes_the_old_one_and_keeps_its_history(self):
        old = self._promise()
        new = self._promise(made=date(2025, 6, 25), promised=date(2025, 7, 5), amount=900)
        self.assertEqual(old.state, "superseded")
        self.assertEqual(old.superseded_by_id, new)
        self.assertEqual(new.supersedes_ids, old)
        self.assertEqual(new.state, "open")
        self.assertEqual(self._logged(old).reasons[0]["code"], "promise_superseded")
        self.assertEqual(self.invoice.collection_promise_count, 2)
        # past the old promise's grace: not broken, the new one holds dunning
        self._check(date(2025, 7, 1))
        self.assertEqual(old.state, "superseded")
        decision = self._agent(utc(2025, 7, 1, 10))
        self.assertEqual(decision.action, "pause")
        self.assertIn("promise_in_force", [r["code"] for r in decision.reasons])

    def test_payment_on_another_invoice_does_not_keep_the_promise(self):
        other = self._invoice(self.customer, 1000, ISSUED, DUE)
        promise = self._promise()
        with freeze_time(date(2025, 6, 26)):
            self._pay(other, 1000, date(2025, 6, 26))
        self._check(date(2025, 7, 1))
        self.assertEqual(promise.state, "broken")
        self.assertEqual(promise.amount_paid, 0)

    def test_next_step_for_worklists(self):
        promise = self._promise()
        with freeze_time(date(2025, 6, 22)):
            self.assertEqual(promise._next_step()["code"], "wait_for_payment")
        self._check(date(2025, 7, 1))
        self.assertEqual(promise._next_step()["code"], "follow_up")
