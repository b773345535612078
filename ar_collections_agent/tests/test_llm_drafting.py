from datetime import date

from odoo.tests import tagged

from ar_collections_core.llm.fake_api import error, tool_answer

from .agent_common import AgentCommon, utc
from .llm_common import LlmCommonMixin

NOW = utc(2025, 6, 18, 8)  # Wednesday, 10:00 in Brussels
DISTINCT = "settle it at your convenience this week"


@tagged("post_install", "-at_install")
class TestLlmDrafting(LlmCommonMixin, AgentCommon):
    """Claude drafts the reminder from the facts; a draft with a figure that is not in
    the ledger is rejected with its reason and the template goes out instead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contact = cls._agent_customer("Drafted Co", lang="en_US")
        cls.invoice = cls._invoice(cls.customer, 700, date(2025, 5, 11), date(2025, 6, 10))
        cls.currency = cls.invoice.currency_id.name

    def _body(self, amount="700.00", number=None, extra=""):
        return (
            "Dear [CONTACT_NAME],\n\n"
            f"Invoice {number or self.invoice.name}, due 10 June 2025, is still open: "
            f"{self.currency} {amount}. Could you {DISTINCT}?{extra}\n\n"
            "You can pay online here: [PAY_LINK]\n\n"
            "If you have already paid, thank you, and please ignore this message.\n\n"
            "Kind regards,\n[SENDER_NAME]"
        )

    def _draft(self, body, subject=None):
        subject = subject or f"Invoice {self.invoice.name} is open"
        return tool_answer("write_reminder", {"subject": subject, "body": body})

    def _send(self):
        with self.mock_mail_gateway():
            self._run(NOW)
            mails = self._mails_to(self.contact)
        decision = self._sent(self.customer)
        self.assertEqual(len(decision), 1, "one reminder went out")
        self.assertEqual(len(mails), 1)
        return decision, mails[0]

    def _assert_template_sent(self, problem):
        code = "fact_guard"
        decision, mail = self._send()
        self.assertNotIn(DISTINCT, mail["body"], "the rejected draft never goes out")
        self.assertIn(self.invoice.name, mail["body"])
        self.assertIn("Accounts Receivable", mail["body"], "the template's text went out")
        self.assertEqual(decision.llm_source, "template")
        self.assertEqual(decision.llm_outcome, f"rejected:{code}")
        self.assertIn(problem, decision.llm_problems)
        self.assertIn(DISTINCT, decision.llm_draft, "the reviewer sees the rejected draft")
        call = self.llm_calls(decision_id=decision.id)
        self.assertEqual((call.purpose, call.outcome, call.reason), ("drafting", "rejected", code))
        self.assertTrue(call.detail)
        return decision, mail

    def test_a_checked_draft_goes_out(self):
        self.fake_api.push(self._draft(self._body()))
        decision, mail = self._send()
        self.assertIn(DISTINCT, mail["body"])
        self.assertIn(self.contact.name, mail["body"], "placeholders are filled in locally")
        self.assertIn(self.invoice.get_portal_url(), mail["body"])
        self.assertEqual(mail["subject"], f"Invoice {self.invoice.name} is open")
        self.assertEqual((decision.llm_source, decision.llm_outcome), ("llm", "ok"))
        self.assertIn(self.invoice.name, decision.llm_facts, "the facts sit next to the draft")
        sent = self.fake_api.requests[-1].body
        self.assertNotIn(self.contact.name, str(sent), "names go as placeholders")
        self.assertNotIn("access_token", str(sent), "the payment link never goes to Claude")
        call = self.llm_calls(decision_id=decision.id)
        self.assertEqual((call.outcome, call.partner_id), ("ok", self.customer))

    def test_wrong_amount_sends_the_template(self):
        self.fake_api.push(self._draft(self._body(amount="770.00")))
        self._assert_template_sent("unknown_amount")

    def test_invented_invoice_sends_the_template(self):
        extra = " Invoice INV/2025/99999 is also due."
        self.fake_api.push(self._draft(self._body(extra=extra)))
        self._assert_template_sent("unknown_reference")

    def test_date_not_in_the_facts_sends_the_template(self):
        extra = " Please pay by 30 June 2025."
        self.fake_api.push(self._draft(self._body(extra=extra)))
        self._assert_template_sent("unknown_date")

    def test_service_failure_sends_the_template(self):
        self.fake_api.push(*[error(529, "overloaded_error") for _ in range(2)])
        decision, mail = self._send()
        self.assertIn("Accounts Receivable", mail["body"])
        self.assertEqual(decision.llm_outcome, "fallback:overloaded")
        self.assertEqual(self.llm_calls(decision_id=decision.id).outcome, "fallback")

    def test_understanding_only_mode_does_not_draft(self):
        self.set_llm(mode="understanding")
        decision, mail = self._send()
        self.assertIn("Accounts Receivable", mail["body"])
        self.assertFalse(decision.llm_outcome)
        self.assertFalse(self.fake_api.requests)

    def test_review_mode_shows_the_draft_next_to_the_facts(self):
        self.policy.mode = "review"
        self.fake_api.push(self._draft(self._body()))
        self._run(NOW)
        decision = self._decisions(self.customer, action="remind")
        self.assertEqual(decision.state, "proposed")
        self.assertIn(DISTINCT, str(decision.body_html))
        self.assertIn(DISTINCT, decision.llm_draft)
        self.assertIn('"amount_due": 700.0', decision.llm_facts)
