from datetime import date, timedelta

from odoo.tests import new_test_user, tagged

from .agent_common import AgentCommon, utc

NOW = utc(2025, 6, 18, 8)  # Wednesday, 10:00 in Brussels


@tagged("post_install", "-at_install")
class TestStrategicCases(AgentCommon):
    """A strategic customer's contact waits for approval as a case in the worklist;
    the case never blocks the approved send nor the agent's later days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Escalation = cls.env["ar.collection.escalation"]
        cls.salesperson = new_test_user(
            cls.env,
            login="key_account_manager",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )
        cls.customer, cls.contact = cls._agent_customer(
            "Key Account Co", collection_segment="strategic"
        )
        # 8 days overdue: a reminder, which a strategic account always has approved.
        cls.invoice = cls._invoice(cls.customer, 1500, date(2025, 5, 11), date(2025, 6, 10))
        cls.invoice.invoice_user_id = cls.salesperson

    def _cases(self, **domain):
        terms = [("partner_id", "=", self.customer.id), ("cause", "=", "strategic_account")]
        return self.Escalation.search(terms + [(k, "=", v) for k, v in domain.items()])

    def _propose(self, now=NOW):
        with self.mock_mail_gateway():
            self._run(now)
            self.assertFalse(self._mails_to(self.contact), "nothing goes before approval")
        return self._decisions(self.customer, state="proposed")

    def test_proposal_is_a_case_and_approval_sends_and_closes_it(self):
        decision = self._propose()
        self.assertEqual((decision.action, len(decision)), ("remind", 1))
        case = self._cases(state="open")
        self.assertEqual(len(case), 1)
        self.assertEqual(case.decision_id, decision)
        self.assertEqual(case.user_id, self.salesperson, "route_for: the account owner")
        self.assertEqual(case.invoice_ids, self.invoice)
        self.assertIn("Waiting for approval", case.summary)
        self.assertIn("reminder by email", case.summary)
        self.assertIn(self.invoice.name, case.summary)
        self.assertIn(decision.subject, case.reason_text)
        worklist = self.Escalation.search(
            [("state", "=", "open"), ("user_id", "=", self.salesperson.id)]
        )
        self.assertIn(case, worklist)
        with self.freeze_time_at(NOW), self.mock_mail_gateway():
            decision.with_user(self.collector).action_approve()
            # The approved reminder goes, once: closing the case sends nothing itself.
            self.assertEqual(len(self._mails), 1)
            self.assertEqual(len(self._mails_to(self.contact)), 1)
        self.assertEqual(decision.state, "sent")
        self.assertEqual((case.state, case.outcome), ("done", "proposal_approved"))
        self.assertEqual(case.closed_by_id, self.collector)

    def test_case_does_not_block_later_days_and_follows_the_newest_proposal(self):
        first = self._propose()
        case = self._cases(state="open")
        later = NOW + timedelta(days=1)
        second = self._propose(later)
        self.assertEqual(first.state, "cancelled", "superseded by the newer proposal")
        self.assertEqual(second.action, "remind")
        self.assertNotIn("escalation_pending", [r["code"] for r in second.reasons])
        self.assertEqual(self._cases(state="open"), case, "the same case, refreshed")
        self.assertEqual(case.decision_id, second)
        with self.freeze_time_at(later), self.mock_mail_gateway():
            second.with_user(self.collector).action_reject()
            self.assertFalse(self._mails)
        self.assertEqual((case.state, case.outcome), ("done", "proposal_rejected"))

    def test_case_closes_when_nothing_waits_for_approval_any_more(self):
        self._propose()
        case = self._cases(state="open")
        self._pay(self.invoice, 1500, date(2025, 6, 18))
        with self.mock_mail_gateway():  # decided again by hand: the customer paid
            self._run_now(self.customer, NOW + timedelta(days=1))
        self.assertFalse(self._decisions(self.customer, state="proposed"))
        self.assertEqual((case.state, case.outcome), ("done", "no_action"))
