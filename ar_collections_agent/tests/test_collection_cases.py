from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged
from odoo.tools import mute_logger
from psycopg2 import IntegrityError

from .common import COLLECTOR, CollectionsCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30")
class TestCollectionCases(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Acme Trading")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Acme AP", "parent_id": cls.customer.id, "type": "invoice"}
        )
        cls.overdue = cls._invoice(cls.customer, 1200, date(2025, 4, 1), date(2025, 5, 1))
        cls.overdue_2 = cls._invoice(cls.customer, 800, date(2025, 4, 15), date(2025, 5, 15))
        cls.not_due = cls._invoice(cls.customer, 500, date(2025, 6, 20), date(2025, 7, 20))
        cls.paid = cls._invoice(cls.customer, 300, date(2025, 5, 1), date(2025, 5, 31))
        cls._pay(cls.paid, 300, date(2025, 6, 1))
        cls.other_customer = cls._customer("Other Customer")
        cls.other_invoice = cls._invoice(
            cls.other_customer, 100, date(2025, 5, 1), date(2025, 5, 31)
        )
        cls.Promise = cls.env["ar.collection.promise"]
        cls.Dispute = cls.env["ar.collection.dispute"]
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.collector_b = new_test_user(
            cls.env,
            login="collector_b",
            groups=COLLECTOR,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        # The same customer also buys from company B.
        cls.invoice_b = cls._invoice(
            cls.customer, 1000, date(2025, 3, 1), date(2025, 3, 31), company=cls.company_b
        )

    def _wizard(self, model, invoices, **values):
        context = {"active_model": "account.move", "active_ids": invoices.ids}
        form = Form(self.env[model].with_user(self.collector).with_context(**context))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    # -- promises ------------------------------------------------------------------------

    def test_promise_wizard_from_invoice(self):
        action = self.overdue.with_user(self.collector).action_log_collection_promise()
        self.assertEqual(action["res_model"], "ar.collection.promise.wizard")
        wizard = self._wizard(
            "ar.collection.promise.wizard", self.overdue, promised_date=date(2025, 7, 10)
        )
        self.assertEqual((wizard.partner_id, wizard.amount), (self.customer, 1200))
        wizard.action_confirm()
        promise = self.Promise.search([("invoice_ids", "in", self.overdue.ids)])
        self.assertRecordValues(
            promise,
            [
                {
                    "partner_id": self.customer.id,
                    "amount": 1200,
                    "amount_company": 1200,
                    "promised_date": date(2025, 7, 10),
                    "date": date(2025, 6, 30),
                    "source": "phone",
                    "state": "open",
                }
            ],
        )
        self.assertEqual(self.overdue.collection_state, "promised")
        self.assertEqual(self.overdue.collection_promised_date, date(2025, 7, 10))
        self.assertEqual(self.overdue_2.collection_state, "overdue")
        self.assertIn("Promise to pay logged", self.overdue.message_ids[:1].body)

    def test_promise_wizard_from_a_selection_and_from_the_customer(self):
        both = self.overdue | self.overdue_2
        wizard = self._wizard("ar.collection.promise.wizard", both, promised_date=date(2025, 7, 1))
        self.assertEqual(wizard.amount, 2000)
        context = {"active_model": "res.partner", "active_ids": self.contact.ids}
        form = Form(
            self.env["ar.collection.promise.wizard"]
            .with_user(self.collector)
            .with_context(**context)
        )
        self.assertEqual(form.partner_id, self.customer)  # the contact's company
        self.assertEqual(set(form.invoice_ids.ids), set(both.ids))  # its overdue invoices

    def test_promise_bad_input_writes_nothing(self):
        cases = [
            (self.overdue, {"promised_date": date(2025, 6, 29)}, ValidationError, "past"),
            (
                self.overdue,
                {"promised_date": date(2025, 7, 10), "amount": 0},
                ValidationError,
                "positive",
            ),
            (
                self.overdue,
                {"promised_date": date(2025, 7, 10), "amount": -5},
                ValidationError,
                "positive",
            ),
            (
                self.paid,
                {"promised_date": date(2025, 7, 10), "amount": 10},
                ValidationError,
                "paid",
            ),
            (
                self.overdue | self.other_invoice,
                {"promised_date": date(2025, 7, 10)},
                UserError,
                "several customers",
            ),
        ]
        for invoices, values, error, message in cases:
            with self.subTest(message=message):
                wizard = self._wizard("ar.collection.promise.wizard", invoices, **values)
                with self.assertRaisesText(error, message):
                    wizard.action_confirm()
                self.assertFalse(self.Promise.search([]))
                self.assertEqual(self.overdue.collection_state, "overdue")

    def test_promise_on_cancelled_or_vendor_invoice_is_refused(self):
        cancelled = self._invoice(self.customer, 50, date(2025, 6, 1), date(2025, 6, 15))
        cancelled.button_draft()
        cancelled.button_cancel()
        bill = self._invoice(
            self.customer, 70, date(2025, 6, 1), date(2025, 6, 15), move_type="in_invoice"
        )
        refund = self._invoice(
            self.customer, 70, date(2025, 6, 1), date(2025, 6, 15), move_type="out_refund"
        )
        for invoice, message in (
            (cancelled, "cancelled"),
            (bill, "not a customer invoice"),
            (refund, "not a customer invoice"),
        ):
            with self.subTest(message=message), self.assertRaisesText(ValidationError, message):
                self.Promise.with_user(self.collector).create(
                    {
                        "partner_id": self.customer.id,
                        "invoice_ids": [Command.set(invoice.ids)],
                        "currency_id": invoice.currency_id.id,
                        "amount": 10,
                        "promised_date": date(2025, 7, 10),
                    }
                )
        self.assertFalse(self.Promise.search([]))

    # -- disputes ------------------------------------------------------------------------

    def test_dispute_marks_only_its_invoice(self):
        wizard = self._wizard(
            "ar.collection.dispute.wizard", self.overdue, reason="quality", amount=400
        )
        self.assertEqual(wizard.user_id, self.overdue.invoice_user_id or self.collector)
        wizard.action_confirm()
        dispute = self.Dispute.search([])
        self.assertRecordValues(
            dispute,
            [{"partner_id": self.customer.id, "amount": 400, "reason": "quality", "state": "open"}],
        )
        self.assertEqual(self.overdue.collection_state, "disputed")
        self.assertEqual(self.overdue_2.collection_state, "overdue")
        self.assertEqual(self.not_due.collection_state, "not_due")
        disputed = self.env["account.move"].search(
            [("collection_state", "=", "disputed"), ("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(disputed, self.overdue)
        self.assertEqual(self.customer.collection_dispute_count, 1)
        self.assertEqual(self.customer.collection_overdue_count, 1)
        # Once resolved, the invoice is chased again.
        dispute.with_user(self.collector).action_resolve()
        self.assertEqual(self.overdue.collection_state, "overdue")
        self.assertEqual(dispute.date_closed, date(2025, 6, 30))

    def test_dispute_bad_input_writes_nothing(self):
        cases = [
            (self.overdue, {"amount": 1200.01}, "more than"),
            (self.overdue, {"amount": 0}, "positive"),
            (self.paid, {"amount": 10}, "paid"),
            (self.overdue | self.other_invoice, {}, "several customers"),
        ]
        for invoices, values, message in cases:
            with self.subTest(message=message):
                wizard = self._wizard("ar.collection.dispute.wizard", invoices, **values)
                with self.assertRaisesText(UserError, message):
                    wizard.action_confirm()
                self.assertFalse(self.Dispute.search([]))
        self.assertEqual(self.overdue.collection_state, "overdue")

    def test_dispute_deadline_cannot_precede_the_opening(self):
        dispute = self.Dispute.create(
            {
                "partner_id": self.customer.id,
                "invoice_ids": self.overdue.ids,
                "amount": 100.0,
                "reason": "price",
                "date": date(2025, 6, 10),
            }
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            dispute.date_deadline = date(2025, 6, 1)
            dispute.flush_recordset()

    # -- collection states -----------------------------------------------------------------

    def test_collection_state_search_agrees_with_compute(self):
        self.Promise.create(
            {"invoice_ids": self.overdue_2.ids, "amount": 800, "promised_date": date(2025, 7, 5)}
        )
        excluded = self._invoice(self.customer, 60, date(2025, 4, 1), date(2025, 5, 1))
        excluded.no_followup = True
        escalated = self._invoice(self.customer, 70, date(2025, 4, 1), date(2025, 5, 1))
        escalated.collection_escalated = True
        due = self._invoice(self.customer, 80, date(2025, 6, 1), date(2025, 7, 3))
        invoices = (
            self.overdue | self.overdue_2 | self.not_due | self.paid | excluded | escalated | due
        )
        expected = {
            self.overdue: "overdue",
            self.overdue_2: "promised",
            self.not_due: "not_due",
            self.paid: "paid",
            excluded: "excluded",
            escalated: "escalated",
            due: "due",
        }
        for invoice, state in expected.items():
            self.assertEqual(invoice.collection_state, state, invoice.name)
        for state in set(expected.values()):
            found = self.env["account.move"].search(
                [("id", "in", invoices.ids), ("collection_state", "=", state)]
            )
            self.assertEqual(found, invoices.filtered(lambda m, s=state: m.collection_state == s))
        not_overdue = self.env["account.move"].search(
            [("id", "in", invoices.ids), ("collection_state", "!=", "overdue")]
        )
        self.assertEqual(not_overdue, invoices - self.overdue)
        self.assertEqual(self.customer.collection_status, "escalated")
        overdue_customers = self.env["res.partner"].search(
            [("collection_status", "=", "escalated")]
        )
        self.assertIn(self.customer, overdue_customers)
        self.assertNotIn(self.other_customer, overdue_customers)

    def test_views_open_for_each_user(self):
        views = {
            "res.partner": [
                (self.env.ref("base.view_partner_form").id, "form"),
                (self.env.ref("ar_collections_agent.res_partner_view_list_collections").id, "list"),
                (
                    self.env.ref("ar_collections_agent.res_partner_view_search_collections").id,
                    "search",
                ),
            ],
            "account.move": [
                (self.env.ref("account.view_move_form").id, "form"),
                (self.env.ref("account.view_out_invoice_tree").id, "list"),
                (self.env.ref("account.view_account_invoice_filter").id, "search"),
            ],
            "ar.collection.promise": [(False, "form"), (False, "list"), (False, "search")],
            "ar.collection.dispute": [(False, "form"), (False, "list"), (False, "search")],
            "ar.collection.policy": [(False, "form"), (False, "list"), (False, "search")],
        }
        for user in (self.invoicing_user, self.collector, self.collections_manager):
            for model, view_list in views.items():
                with self.subTest(user=user.login, model=model):
                    result = self.env[model].with_user(user).get_views(view_list)
                    self.assertTrue(result["views"])
        partner_form = (
            self.env["res.partner"].with_user(self.collector).get_views([(False, "form")])
        )
        self.assertIn("collection_risk_score", partner_form["views"]["form"]["arch"])
        invoice_list = (
            self.env["account.move"]
            .with_user(self.invoicing_user)
            .get_views([(self.env.ref("account.view_out_invoice_tree").id, "list")])
        )
        self.assertIn("collection_state", invoice_list["views"]["list"]["arch"])
        settings = self.env["res.config.settings"].get_views([(False, "form")])
        self.assertIn("collection_mode", settings["views"]["form"]["arch"])

    def test_collections_contact_is_the_invoice_address(self):
        self.assertEqual(self.customer.collection_contact_id, self.contact)
        self.assertEqual(self.other_customer.collection_contact_id, self.other_customer)

    # -- security --------------------------------------------------------------------------

    def test_collector_of_another_company_cannot_read(self):
        promise = self.Promise.create(
            {"invoice_ids": self.overdue.ids, "amount": 100, "promised_date": date(2025, 7, 5)}
        )
        dispute = self.Dispute.create({"invoice_ids": self.overdue_2.ids, "amount": 100})
        for record in (promise, dispute):
            model = self.env[record._name].with_user(self.collector_b)
            self.assertFalse(model.search([]))
            with self.assertRaises(AccessError):
                model.browse(record.id).read(["amount"])
        # ... while the collector of company A can.
        self.assertEqual(self.Promise.with_user(self.collector).search([]), promise)

    def test_cases_stay_within_one_company(self):
        with self.assertRaisesText(ValidationError, "belongs to"):
            self.Promise.create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "invoice_ids": self.invoice_b.ids,
                    "amount": 100,
                    "promised_date": date(2025, 7, 5),
                }
            )
        with self.assertRaisesText(ValidationError, "belongs to"):
            self.Dispute.create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "invoice_ids": (self.overdue | self.invoice_b).ids,
                    "amount": 100,
                }
            )
        self.assertFalse(self.Promise.search([]) or self.Dispute.search([]))

    def test_profiles_are_per_company(self):
        self._refresh(self.customer)
        self.env["res.partner"].with_company(self.company_b).with_user(self.collector_b).browse(
            self.customer.id
        ).action_refresh_payment_profile()
        in_a = self.customer.with_company(self.company)
        in_b = self.customer.with_company(self.company_b)
        self.assertEqual(in_a.payment_open_amount, 2500.0)  # 1200 + 800 + 500
        self.assertEqual(in_a.payment_overdue_count, 2)
        self.assertEqual(in_b.payment_open_amount, 1000.0)
        self.assertEqual(in_b.payment_overdue_count, 1)
        self.assertEqual(in_b.payment_oldest_overdue_days, 91)  # due 31 March
        self.assertEqual(in_a.collection_status, "overdue")
        self.assertGreaterEqual(self.invoice_b.payment_predicted_date, date(2025, 6, 30))

    def test_plain_invoicing_user_reads_but_cannot_change_policy(self):
        policy = (
            self.env["ar.collection.policy"]
            .with_user(self.collections_manager)
            .create({"company_id": self.company.id, "scope": "company", "max_contacts_7d": 1})
        )
        as_user = policy.with_user(self.invoicing_user)
        self.assertEqual(as_user.max_contacts_7d, 1)
        with self.assertRaises(AccessError):
            as_user.write({"max_contacts_7d": 3})
        with self.assertRaises(AccessError):
            self.env["ar.collection.policy"].with_user(self.invoicing_user).create(
                {"scope": "segment", "segment": "new"}
            )
        with self.assertRaises(AccessError):
            policy.with_user(self.collector).write({"mode": "autonomous"})
        # Invoicing users see promises but do not log them.
        with self.assertRaises(AccessError):
            self.Promise.with_user(self.invoicing_user).create(
                {"invoice_ids": self.overdue.ids, "amount": 1, "promised_date": date(2025, 7, 5)}
            )

    def test_effective_policy_customer_over_segment_over_company(self):
        Policy = self.env["ar.collection.policy"]
        strategic = self._customer("Key Account", collection_segment="strategic")
        Policy.create(
            {"scope": "company", "mode": "autonomous", "max_contacts_7d": 1, "max_contacts_30d": 3}
        )
        Policy.create(
            {
                "scope": "segment",
                "segment": "strategic",
                "max_tone": "friendly",
                "override_window": True,
                "send_hour_start": 9,
                "send_hour_end": 17,
            }
        )
        Policy.create(
            {
                "scope": "partner",
                "partner_id": strategic.id,
                "override_contacts": True,
                "max_contacts_7d": 0,
                "max_contacts_30d": 1,
                "min_days_between_contacts": 10,
            }
        )
        policies = Policy._get_effective_policies(self.customer | strategic, self.company)
        plain, key = policies[self.customer.id], policies[strategic.id]
        self.assertEqual(
            (plain.mode, plain.max_tone, plain.max_contacts_7d), ("autonomous", "firm", 1)
        )
        self.assertEqual((plain.send_hour_start, plain.send_hour_end), (8, 18))
        self.assertEqual((key.mode, key.max_tone), ("autonomous", "friendly"))
        self.assertEqual((key.send_hour_start, key.send_hour_end), (9, 17))
        self.assertEqual((key.max_contacts_7d, key.max_contacts_30d), (0, 1))
        self.assertTrue(key.needs_approval("strategic"))

    def test_policy_validation_comes_from_the_core(self):
        Policy = self.env["ar.collection.policy"]
        with self.assertRaisesText(
            ValidationError, "max_contacts_30d cannot be below max_contacts_7d"
        ):
            Policy.create({"scope": "company", "max_contacts_7d": 5, "max_contacts_30d": 2})
        with self.assertRaisesText(ValidationError, "sending window"):
            Policy.create({"scope": "company", "send_hour_start": 20, "send_hour_end": 8})
        company_policy = Policy.create({"scope": "company"})
        override = Policy.create(
            {
                "scope": "segment",
                "segment": "new",
                "override_contacts": True,
                "max_contacts_7d": 1,
                "max_contacts_30d": 2,
            }
        )
        with self.assertRaisesText(ValidationError, "Segment: New"):
            override.write({"max_contacts_30d": 0})
        self.assertEqual(override.max_contacts_30d, 2)
        self.assertTrue(company_policy.exists())

    def test_settings_edit_the_company_policy(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.collection_mode, "review")
        settings.collection_mode = "off"
        settings.collection_max_contacts_7d = 1
        settings.execute()
        policy = self.env["ar.collection.policy"]._company_core_policy(self.company)
        self.assertEqual((policy.mode, policy.max_contacts_7d), ("off", 1))
