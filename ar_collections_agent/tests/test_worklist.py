import importlib.util
import shutil
from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .agent_common import AgentCommon

TODAY = date(2025, 6, 18)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestWorklist(AgentCommon):
    """The collector's "Today": order by cash at stake, one-click actions, payment
    plans as promises, and cases leaving once done or promised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Escalation = cls.env["ar.collection.escalation"]
        cls.cases = {}
        specs = [  # name, amount, due date, cause
            ("Small Fresh", 800.0, date(2025, 6, 16), "amount_threshold"),
            ("Big Old", 9000.0, date(2025, 4, 19), "days_threshold"),
            ("Big Legal", 9000.0, date(2025, 4, 19), "legal_signal"),
            ("Medium Plan", 4000.0, date(2025, 5, 14), "payment_plan_request"),
        ]
        for name, amount, due, cause in specs:
            customer, contact = cls._agent_customer(name)
            invoice = cls._invoice(customer, amount, date(2025, 3, 1), due)
            case = cls.Escalation._escalate(customer, cause, f"{name}.", invoices=invoice)
            cls.cases[name] = (case, customer, contact, invoice)

    def _worklist(self):
        action = self.Escalation.with_user(self.collector).action_open_worklist()
        return self.Escalation.with_user(self.collector).search(safe_eval(action["domain"]))

    def _plan_of_three(self, case):
        """The payment plan wizard of ``case``, filled: three monthly instalments from
        2025-06-30 (the saved form)."""
        action = case.with_user(self.collector).action_payment_plan()
        Wizard = self.env[action["res_model"]].with_user(self.collector)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.first_date = date(2025, 6, 30)
            form.instalment_count = 3
            form.interval = "month"
        return form

    def test_worklist_order_is_cash_at_stake_then_urgency(self):
        names = [c.partner_id.name for c in self._worklist()]
        self.assertEqual(names, ["Big Old", "Medium Plan", "Big Legal", "Small Fresh"])
        big, legal = self.cases["Big Old"][0], self.cases["Big Legal"][0]
        self.assertEqual(big.amount_due, legal.amount_due)
        self.assertGreater(big.cash_at_stake, legal.cash_at_stake)

    def test_filters_by_collector_segment_and_cause(self):
        case = self.cases["Medium Plan"][0]
        case.user_id = self.collector
        self.cases["Medium Plan"][1].collection_segment = "strategic"
        Cases = self.Escalation.with_user(self.collector)
        open_ = [("state", "=", "open")]
        self.assertEqual(Cases.search([*open_, ("user_id", "=", self.collector.id)]), case)
        self.assertEqual(Cases.search([*open_, ("segment", "=", "strategic")]), case)
        self.assertEqual(Cases.search([*open_, ("cause", "=", "payment_plan_request")]), case)

    def test_a_promise_takes_the_case_off_the_worklist(self):
        case, _customer, _contact, invoice = self.cases["Big Old"]
        action = case.with_user(self.collector).action_log_promise()
        Wizard = self.env[action["res_model"]].with_user(self.collector)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.promised_date = date(2025, 6, 27)
        form.record.action_confirm()
        promise = self.env["ar.collection.promise"].search(
            [("partner_id", "=", case.partner_id.id)]
        )
        self.assertEqual((promise.invoice_ids, promise.source), (invoice, "phone"))
        self.assertTrue(case.promise_covered)
        self.assertNotIn(case, self._worklist())
        self.assertEqual(case.state, "open", "the case stays open: the promise may break")

    def test_payment_plan_becomes_a_schedule_of_promises(self):
        case, customer, _contact, invoice = self.cases["Medium Plan"]
        form = self._plan_of_three(case)
        self.assertIn("1,333.34", form.record.schedule)
        form.record.action_confirm()
        promises = self.env["ar.collection.promise"].search(
            [("partner_id", "=", customer.id)], order="promised_date"
        )
        self.assertEqual(
            [(str(p.promised_date), p.amount) for p in promises],
            [("2025-06-30", 1333.33), ("2025-07-30", 1333.33), ("2025-08-30", 1333.34)],
        )
        self.assertEqual(promises.invoice_ids, invoice)
        self.assertEqual(
            promises.mapped("state"), ["open"] * 3, "instalments never supersede each other"
        )
        self.assertEqual((case.state, case.outcome), ("done", "payment_plan"))
        self.assertNotIn(case, self._worklist())

    def test_payment_plan_instalments_count_each_payment_once(self):
        """The first instalment paid, the second not: on the check after the second's
        grace, the first is kept and the second broken (the first payment is not
        counted for both), the third still open."""
        case, customer, _contact, invoice = self.cases["Medium Plan"]
        self._plan_of_three(case).record.action_confirm()
        promises = self.env["ar.collection.promise"].search(
            [("partner_id", "=", customer.id)], order="promised_date"
        )
        self._pay(invoice, 1333.33, date(2025, 6, 30))
        with freeze_time(date(2025, 8, 12)):
            promises._check_outcome()
        self.assertEqual(promises.mapped("state"), ["kept", "broken", "open"])
        self.assertEqual(promises.mapped("amount_paid")[:2], [1333.33, 0.0])

    def test_log_call_and_snooze(self):
        case, customer, _contact, _invoice = self.cases["Small Fresh"]
        for method, values in (
            ("action_log_call", {"call_outcome": "voicemail", "note": "Left a message."}),
            ("action_snooze", {"snooze_until": date(2025, 6, 25), "note": "Back next week."}),
        ):
            action = getattr(case.with_user(self.collector), method)()
            Wizard = self.env[action["res_model"]].with_user(self.collector)
            with Form(Wizard.with_context(**action["context"])) as form:
                for field, value in values.items():
                    setattr(form, field, value)
            form.record.action_confirm()
        self.assertEqual(case.last_call_outcome, "voicemail")
        self.assertEqual(case.stage, "waiting")
        self.assertEqual(customer.collection_snoozed_until, date(2025, 6, 25))
        self.assertEqual(customer.collection_snooze_reason, "Back next week.")
        self.assertIn("Left a message.", "".join(customer.message_ids.mapped("body")))

    def test_send_statement_now_once_a_day(self):
        case, customer, contact, _invoice = self.cases["Big Old"]
        with self.mock_mail_gateway():
            case.with_user(self.collector).action_send_statement()
            self.assertTrue(self._mails_to(contact))
        statement = self._decisions(customer, action="statement")
        self.assertEqual((statement.state, statement.origin), ("sent", "manual"))
        self.assertEqual(case.stage, "contacted")
        with self.assertRaisesText(UserError, "already contacted today"):
            case.with_user(self.collector).action_send_statement()

    def test_send_statement_now_respects_what_the_customer_asked(self):
        """A person's click sets aside the agent's timing, not an opt-out, a hold until
        a date the customer gave, or a legal hold: refused, nothing sent, nothing logged
        as a contact."""
        case, customer, contact, _invoice = self.cases["Big Old"]
        refusals = [
            ({"collection_no_reminders": True}, "asked not to receive reminders"),
            (
                {"collection_snoozed_until": TODAY + timedelta(days=5)},
                "clear the snooze on the customer first",
            ),
            ({"collection_legal_hold": True}, "legal or insolvency"),
        ]
        for values, text in refusals:
            with self.subTest(values=values):
                customer.write(values)
                with self.mock_mail_gateway(), self.assertRaisesText(UserError, text):
                    case.with_user(self.collector).action_send_statement()
                self.assertFalse(self._mails_to(contact))
                self.assertFalse(self._decisions(customer, action="statement"))
                customer.write(dict.fromkeys(values, False))
        with self.mock_mail_gateway():
            case.with_user(self.collector).action_send_statement()
            self.assertTrue(self._mails_to(contact), "once lifted, the statement goes")


@tagged("post_install", "-at_install")
class TestWorklistTour(AgentCommon, HttpCase):
    """The worklist in a real browser: open it, open a case, log a promise from it, and
    see the case leave the list."""

    def test_worklist_tour(self):
        # Odoo skips a tour (and passes) without these: here that is a failure.
        self.assertTrue(importlib.util.find_spec("websocket"), "pip install websocket-client")
        self.assertTrue(shutil.which("chromium") or shutil.which("google-chrome"), "no Chromium")
        Escalation = self.env["ar.collection.escalation"]
        today = date.today()
        for name, amount in (("Tour Big Co", 9000.0), ("Tour Small Co", 500.0)):
            customer, _contact = self._agent_customer(name)
            due = today - timedelta(days=200)
            invoice = self._invoice(customer, amount, due - timedelta(days=30), due)
            Escalation._escalate(customer, "days_threshold", f"{name}.", invoices=invoice)
        self.start_tour(
            "/odoo/action-ar_collections_agent.ar_collection_escalation_action_today",
            "ar_collections_worklist_tour",
            login="collector",
        )
        big = Escalation.search([("partner_id.name", "=", "Tour Big Co")])
        self.assertTrue(big.promise_covered, "the tour logged a promise on the case")
        promise = self.env["ar.collection.promise"].search(
            [("partner_id.name", "=", "Tour Big Co")]
        )
        self.assertEqual(str(promise.promised_date), "2099-12-31")
