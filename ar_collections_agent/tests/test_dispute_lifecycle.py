from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .agent_common import AgentCommon, utc
from .common import COLLECTOR

ISSUED, DUE = date(2025, 5, 20), date(2025, 6, 19)
OPENED = date(2025, 6, 20)


@tagged("post_install", "-at_install")
class TestDisputeLifecycle(AgentCommon):
    """Disputes with an owner, a response deadline and each outcome."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dispute = cls.env["ar.collection.dispute"]
        cls.salesperson = new_test_user(
            cls.env,
            login="salesperson",
            groups=COLLECTOR,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.policy.write(
            {"dispute_response_days": 10, "collections_manager_id": cls.collections_manager.id}
        )
        cls.customer, cls.contact = cls._agent_customer("Quarrel Co", tz="UTC")
        cls.invoice = cls._invoice(cls.customer, 1000, ISSUED, DUE)
        cls.other = cls._invoice(cls.customer, 500, ISSUED, DUE)
        (cls.invoice | cls.other).invoice_user_id = False

    def _dispute(self, invoice=None, amount=1000.0):
        with freeze_time(OPENED):
            return self.Dispute.create(
                {
                    "invoice_ids": (invoice or self.invoice).ids,
                    "amount": amount,
                    "reason": "quality",
                    "date": OPENED,
                }
            )

    def _logged(self, dispute):
        return self.Decision.search([("dispute_id", "=", dispute.id)], order="id")

    def _outcome_messages(self):
        subtype = self.env.ref("ar_collections_agent.mt_collection_confirmation")
        return self.customer.message_ids.filtered(lambda m: m.subtype_id == subtype)

    def test_owner_is_the_salesperson_else_the_collections_manager(self):
        self.assertEqual(self._dispute().user_id, self.collections_manager)
        self.other.invoice_user_id = self.salesperson
        self.assertEqual(self._dispute(self.other, 500).user_id, self.salesperson)

    def _check_disputes(self, *days):
        cron = self.env.ref("ar_collections_agent.ir_cron_check_collection_disputes")
        for day in days:
            with freeze_time(day), self.enter_registry_test_mode():
                self.assertIs(cron.method_direct_trigger(), True)

    def _deadline_cases(self):
        return self.env["ar.collection.escalation"].search(
            [("partner_id", "=", self.customer.id), ("cause", "=", "dispute_deadline")]
        )

    def test_deadline_passed_opens_a_case_for_the_owner_once(self):
        dispute = self._dispute()
        self.assertEqual(dispute.date_deadline, date(2025, 6, 30))
        self._check_disputes(date(2025, 6, 30), date(2025, 7, 1), date(2025, 7, 2))
        case = self._deadline_cases()
        self.assertEqual(len(case), 1)
        self.assertEqual((case.state, case.user_id), ("open", self.collections_manager))
        self.assertEqual(case.invoice_ids, self.invoice)
        self.assertEqual(case.deadline, date(2025, 6, 30))
        self.assertEqual(case.activity_id.user_id, self.collections_manager)
        self.assertIn("response deadline", case.reason_text)
        self.assertFalse(dispute.activity_ids, "the reminder is the case, not a bare activity")
        self.assertEqual(dispute.reminded_on, date(2025, 7, 1))
        log = self._logged(dispute)
        self.assertEqual([r["code"] for r in log.reasons], ["dispute_deadline_passed"])
        self.assertEqual(log.activity_id, case.activity_id)
        # A week later the same case is reminded again, no second one.
        self._check_disputes(date(2025, 7, 8))
        self.assertEqual(self._deadline_cases(), case)
        self.assertEqual(dispute.reminded_on, date(2025, 7, 8))
        # The case does not block contact: the other invoice is still chased.
        decision = self._run_customer(utc(2025, 7, 9, 10))
        self.assertEqual(decision.action, "remind")
        self.assertEqual(decision.invoice_ids, self.other)
        self.assertNotIn("escalation_pending", [r["code"] for r in decision.reasons])
        with freeze_time(date(2025, 7, 9)):
            dispute.action_withdraw()
        self.assertEqual((case.state, case.outcome), ("done", "dispute_settled"))
        self.assertFalse(case.activity_id.active)

    def test_a_case_on_two_disputes_closes_with_the_last(self):
        first, second = self._dispute(), self._dispute(self.other, 500)
        self._check_disputes(date(2025, 7, 1))
        case = self._deadline_cases()
        self.assertEqual(case.invoice_ids, self.invoice | self.other)
        first.resolution = "Delivered as ordered."
        with freeze_time(date(2025, 7, 2)), self.mock_mail_gateway():
            first.action_reject()
        self.assertEqual((case.state, case.invoice_ids), ("open", self.other))
        with freeze_time(date(2025, 7, 2)):
            second.action_withdraw()
        self.assertEqual((case.state, case.outcome), ("done", "dispute_settled"))

    def test_rejected_with_an_explanation_tells_the_customer_and_dunning_resumes(self):
        dispute = self._dispute()
        with freeze_time(date(2025, 6, 25)), self.assertRaises(UserError):
            dispute.action_reject()
        self.assertEqual(dispute.state, "open")
        dispute.resolution = "The goods were delivered complete and signed for on 12 June."
        with freeze_time(date(2025, 6, 25)), self.mock_mail_gateway():
            dispute.action_reject()
            mails = self._mails_to(self.contact)
        self.assertEqual(dispute.state, "rejected")
        self.assertEqual(dispute.days_to_resolve, 5)
        self.assertTrue(dispute.outcome_sent)
        message = self._outcome_messages()
        self.assertEqual(len(message), 1)
        self.assertIn("the invoice stands as issued", message.body)
        self.assertIn("delivered complete and signed for", message.body)
        self.assertIn(self.invoice.name, message.body)
        self.assertEqual(len(mails), 1)
        self.assertIn("delivered complete and signed for", mails[0]["body"])
        codes = [r["code"] for r in self._logged(dispute).reasons]
        self.assertEqual(codes, ["dispute_rejected", "dispute_outcome_sent"])
        decision = self._run_customer(utc(2025, 6, 26, 10))
        self.assertEqual(decision.action, "remind")
        self.assertIn(self.invoice, decision.invoice_ids)

    def test_resolved_by_a_credit_note(self):
        dispute = self._dispute(amount=300)
        with freeze_time(date(2025, 6, 27)), self.mock_mail_gateway():
            credit_note = self._credit(self.invoice, 300, date(2025, 6, 27))
        self.assertEqual(dispute.state, "resolved")
        self.assertEqual(dispute.credit_note_ids, credit_note)
        message = self._outcome_messages()
        self.assertIn(credit_note.name, message.body)
        self.assertIn("700.00", message.body)  # still due, chased again
        self.assertEqual(self._logged(dispute).reasons[0]["code"], "dispute_credit_note")
        decision = self._run_customer(utc(2025, 6, 30, 10))
        self.assertIn(self.invoice, decision.invoice_ids)

    def test_withdrawn_by_the_customer(self):
        dispute = self._dispute()
        with freeze_time(date(2025, 6, 23)):
            dispute.action_withdraw()
        self.assertEqual(dispute.state, "withdrawn")
        self.assertFalse(self._outcome_messages(), "the customer withdrew it: nothing to tell")
        self.assertEqual(self._logged(dispute).reasons[0]["code"], "dispute_withdrawn")

    def test_outcome_is_not_sent_to_an_opted_out_customer(self):
        dispute = self._dispute()
        self.customer.collection_no_reminders = True
        dispute.resolution = "Price as quoted."
        with freeze_time(date(2025, 6, 25)):
            dispute.action_reject()
        self.assertFalse(self._outcome_messages())
        self.assertEqual(
            [r["code"] for r in self._logged(dispute).reasons],
            ["dispute_rejected", "dispute_outcome_not_sent"],
        )

    def test_only_the_disputed_invoice_is_paused(self):
        self._dispute()
        decision = self._run_customer(utc(2025, 6, 26, 10))
        self.assertEqual(decision.action, "remind")
        self.assertEqual(decision.invoice_ids, self.other)
        self.assertIn("invoice_disputed", [r["code"] for r in decision.reasons])

    def test_statistics_per_reason_and_customer(self):
        first = self._dispute()
        first.resolution = "No fault found."
        with freeze_time(date(2025, 6, 28)):
            first.action_reject()
        self._dispute(self.other, 500)
        groups = self.Dispute._read_group(
            [("partner_id", "=", self.customer.id)],
            ["reason", "partner_id"],
            ["__count", "amount_company:sum", "days_to_resolve:avg"],
        )
        self.assertEqual(groups, [("quality", self.customer, 2, 1500.0, 4.0)])

    def _run_customer(self, moment):
        with self.mock_mail_gateway():
            decisions = self._run(moment)
        return decisions.filtered(lambda d: d.partner_id == self.customer)
