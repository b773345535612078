from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged
from odoo.tools import html2plaintext

from ar_collections_core.policy.cases import CAUSES, route_for

from .agent_common import AgentCommon, utc
from .reply_common import TODAY as REPLY_TODAY
from .reply_common import RepliesCommon

NOW = utc(2025, 6, 18, 8)  # Wednesday, 10:00 in Brussels
TODAY = date(2025, 6, 18)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEscalations(AgentCommon):
    """Every escalation is one case with an activity, the account summary and the
    recommended next step; closing it records the outcome on both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Escalation = cls.env["ar.collection.escalation"]
        cls.salesperson = new_test_user(
            cls.env,
            login="salesperson",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )

    def _overdue_customer(self, name, amount=2000.0, due=date(2025, 5, 10), **values):
        customer, contact = self._agent_customer(name, **values)
        invoice = self._invoice(customer, amount, date(2025, 4, 10), due)
        return customer, contact, invoice

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def test_agent_cycle_escalation_is_a_case(self):
        customer, _contact, invoice = self._overdue_customer("Big Co", amount=12000)
        invoice.invoice_user_id = self.salesperson
        self._run(NOW)
        decision = self._decisions(customer)
        case = self.Escalation.search([("partner_id", "=", customer.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.cause, "amount_threshold")
        self.assertEqual(case.decision_id, decision)
        self.assertEqual(case.activity_id, decision.activity_id)
        self.assertEqual(case.user_id, self.salesperson)
        self.assertEqual(case.invoice_ids, invoice)
        self.assertIn("12,000.00", case.summary)
        self.assertIn("Aging", case.summary)
        self.assertEqual(case.next_step_text, route_for("amount_threshold").next_step_text)
        self.assertAlmostEqual(case.amount_due, 12000.0)
        self.assertGreater(case.cash_at_stake, 0)
        self.assertIn("at stake", case.priority_text)
        self.assertIn(f"{case.cash_at_stake:,.2f} at stake", case.priority_text)

    def test_every_cause_makes_one_case_with_activity_summary_and_next_step(self):
        for index, cause in enumerate(CAUSES):
            customer, _contact, invoice = self._overdue_customer(f"Cause {index} Co")
            why = f"Because of {cause}."
            case = self.Escalation._escalate(customer, cause, why, invoices=invoice)
            self.assertEqual((case.cause, case.state, case.stage), (cause, "open", "new"))
            activity = self._activities(customer)
            self.assertEqual(activity, case.activity_id, cause)
            self.assertIn(why, activity.note)
            self.assertIn("Recommended next step", activity.note)
            self.assertIn(_words(route_for(cause).next_step_text), _words(activity.note))
            self.assertIn("2,000.00", activity.note)
            self.assertIn("Payment behaviour", case.summary)
            self.assertEqual(case.next_step_text, route_for(cause).next_step_text)
            self.assertTrue(activity.user_id and not activity.user_id.share)
            # The same cause again: the open case gets the reason, no second activity.
            again = self.Escalation._escalate(customer, cause, "And again.", invoices=invoice)
            self.assertEqual(again, case)
            self.assertEqual(self._activities(customer), activity)
            self.assertIn("And again.", case.reason_text)
        with self.assertRaisesText(UserError, "Unknown escalation cause"):
            self.Escalation._escalate(customer, "boredom", "no")

    def test_routing_salesperson_or_manager(self):
        customer, _contact, invoice = self._overdue_customer("Routed Co")
        invoice.invoice_user_id = self.salesperson
        plan = self.Escalation._escalate(customer, "payment_plan_request", "Plan.")
        legal = self.Escalation._escalate(customer, "legal_signal", "Lawyer.")
        self.assertEqual(plan.user_id, self.salesperson)
        self.assertEqual(legal.user_id, self.collections_manager)

    def test_the_policy_names_the_collections_manager(self):
        """The company policy's collections manager (not merely the group's first
        member) gets what no salesperson owns: escalations and disputes alike."""
        chosen = new_test_user(
            self.env,
            login="chosen_manager",
            groups="ar_collections_agent.group_collections_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        policy = self.env["ar.collection.policy"].search(
            [("company_id", "=", self.company.id), ("scope", "=", "company")]
        ) or self.env["ar.collection.policy"].create({"company_id": self.company.id})
        policy.collections_manager_id = chosen
        customer, _contact, invoice = self._overdue_customer("Managed Co")
        invoice.invoice_user_id = False  # no salesperson: the manager owns it
        legal = self.Escalation._escalate(customer, "legal_signal", "Lawyer.", invoices=invoice)
        self.assertEqual(legal.user_id, chosen)
        self.assertEqual(legal.activity_id.user_id, chosen)
        dispute = self.env["ar.collection.dispute"].create(
            {
                "partner_id": customer.id,
                "invoice_ids": invoice.ids,
                "amount": invoice.amount_residual,
                "reason": "price",
            }
        )
        self.assertEqual(dispute.user_id, chosen)

    def test_closing_the_case_records_the_outcome_on_the_activity(self):
        customer, _contact, invoice = self._overdue_customer("Closed Co")
        case = self.Escalation._escalate(customer, "days_threshold", "Old.", invoices=invoice)
        activity = case.activity_id
        action = case.with_user(self.collector).action_close()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.collector)
            .with_context(**action["context"])
        )
        wizard.outcome = "promise"
        wizard.note = "Pays Friday."
        wizard.save().action_confirm()
        self.assertEqual(
            (case.state, case.outcome, case.outcome_note), ("done", "promise", "Pays Friday.")
        )
        self.assertEqual(case.closed_by_id, self.collector)
        self.assertFalse(activity.active)
        self.assertIn("Pays Friday.", activity.feedback)
        self.assertIn("Promise to pay obtained", activity.feedback)
        # A new case of the same cause may open once this one is done.
        new = self.Escalation._escalate(customer, "days_threshold", "Still old.", invoices=invoice)
        self.assertNotEqual(new, case)

    def test_marking_the_activity_done_closes_the_case(self):
        customer, _contact, invoice = self._overdue_customer("Activity Co")
        case = self.Escalation._escalate(
            customer, "broken_promises", "Two broken.", invoices=invoice, user=self.collector
        )
        case.activity_id.with_user(self.collector).action_feedback(feedback="Called, plan agreed.")
        self.assertEqual(case.state, "done")
        self.assertEqual(case.outcome, "other")
        self.assertEqual(case.outcome_note, "Called, plan agreed.")

    def test_open_case_keeps_the_agent_out_until_closed(self):
        customer, contact, invoice = self._overdue_customer("Paused Co")
        case = self.Escalation._escalate(customer, "opt_out", "Asked to stop.", invoices=invoice)
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails_to(contact))
        decision = self._decisions(customer)
        self.assertIn("escalation_pending", [r["code"] for r in decision.reasons])
        self.assertTrue(case.state == "open")


@tagged("post_install", "-at_install")
@freeze_time(REPLY_TODAY)
class TestReplyEscalations(RepliesCommon):
    """Replies that need a person open a case through the same single method."""

    def _cases(self):
        return self.env["ar.collection.escalation"].search([("partner_id", "=", self.customer.id)])

    def test_payment_plan_request_is_a_case_with_the_customers_words(self):
        reply = self._reply(
            f"Hi, cash is tight at the moment. Could we pay {self.invoice_1.name} in three "
            "monthly instalments of 400?\n\nClaire",
            lang="en_US",
        )
        case = self._cases()
        self.assertEqual((case.cause, case.reply_id), ("payment_plan_request", reply))
        self.assertEqual(case.invoice_ids, self.invoice_1)
        self.assertIn("instalments", case.activity_id.note)
        self.assertIn("Recommended next step", case.activity_id.note)
        self.assertIn("2,000.00", case.summary)  # the balance: both open invoices

    def test_legal_and_opt_out_replies(self):
        self._reply(
            "Goedemiddag,\n\nWilt u ons geen herinneringen meer sturen? Wij willen niet "
            "langer automatische berichten ontvangen.\n\nMet vriendelijke groet,\nSanne",
            lang="nl_NL",
        )
        self._reply(
            "Dear Sir or Madam,\n\nPlease note that the company entered administration on "
            "20 February 2026. All claims must be submitted to the administrators, Smith & "
            "Co Insolvency LLP.\n\nYours faithfully",
            lang="en_US",
        )
        self.assertEqual(set(self._cases().mapped("cause")), {"opt_out", "legal_signal"})

    def test_unsure_reply_is_a_case_until_reviewed(self):
        reply = self._reply("asdf qwerty zxcv\n\nClaire", lang="en_GB")
        case = self._cases()
        self.assertEqual((case.cause, case.state), ("low_confidence_reply", "open"))
        self.assertIn("below the review threshold", case.reason_text)
        reply.with_user(self.collector).action_confirm()
        self.assertEqual((case.state, case.outcome), ("done", "reply_reviewed"))
        self.assertFalse(case.activity_id.active)


def _words(html):
    """The text of ``html`` with its whitespace collapsed (the note is sanitized HTML)."""
    return " ".join(html2plaintext(html or "").split())
