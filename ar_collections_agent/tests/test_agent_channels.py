from datetime import date

from odoo.tests import freeze_time, new_test_user, tagged

from .agent_common import AgentCommon, utc

NOW = utc(2025, 6, 18, 8)  # Wednesday, 10:00 in Brussels


@tagged("post_install", "-at_install")
class TestAgentChannels(AgentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="salesperson",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def _sent_before(self, partner, day, tone, invoices):
        return self.Decision.create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "local_date": day,
                "action": "remind",
                "tone": tone,
                "channel": "email",
                "state": "sent",
                "sent_at": utc(day.year, day.month, day.day, 8).replace(tzinfo=None),
                "invoice_ids": invoices.ids,
            }
        )

    def test_amount_threshold_escalates_to_the_salesperson(self):
        customer, contact = self._agent_customer("Big Co")
        # 39 days overdue: the whole amount is at stake, worth a person's time
        invoice = self._invoice(customer, 12000, date(2025, 4, 10), date(2025, 5, 10))
        invoice.invoice_user_id = self.salesperson
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails_to(contact), "an escalation never writes to the customer")
        decision = self._decisions(customer)
        self.assertEqual((decision.action, decision.state), ("escalate", "sent"))
        self.assertEqual(decision.escalation_cause, "amount_threshold")
        activity = decision.activity_id
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual((activity.res_model, activity.res_id), ("res.partner", customer.id))
        note = activity.note
        self.assertIn("Recommended next step", note)
        self.assertIn("12,000.00", note)
        # Escalated: the next days' runs leave the customer to the person.
        self._run(utc(2025, 6, 19, 8))
        later = self._decisions(customer)[-1]
        self.assertEqual(later.action, "none")
        self.assertIn("escalation_pending", [r["code"] for r in later.reasons])

    def test_escalation_without_salesperson_goes_to_the_collections_manager(self):
        customer, _contact = self._agent_customer("Risky Co", collection_legal_hold=True)
        invoice = self._invoice(customer, 300, date(2025, 5, 11), date(2025, 6, 10))
        invoice.invoice_user_id = False
        self._run(NOW)
        decision = self._decisions(customer)
        self.assertEqual(decision.activity_id.user_id, self.collections_manager)

    def test_phone_call_after_two_ignored_emails(self):
        customer, contact = self._agent_customer("Silent Co")
        contact.phone = "+32 2 555 01 01"
        # 39 days overdue, 7,000 at stake: worth a person's call
        invoice = self._invoice(customer, 7000, date(2025, 4, 10), date(2025, 5, 10))
        invoice.invoice_user_id = self.salesperson
        self._sent_before(customer, date(2025, 6, 2), "friendly", invoice)
        self._sent_before(customer, date(2025, 6, 9), "neutral", invoice)
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails_to(contact))
        decision = self._decisions(customer, state="sent")[-1]
        self.assertEqual(decision.channel, "phone")
        self.assertIn("channel_phone_ignored", [r["code"] for r in decision.reasons])
        call = decision.activity_id
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(call.user_id, self.salesperson)
        self.assertIn(invoice.name, call.note)

    def test_a_customer_who_prefers_phone_gets_a_call(self):
        customer, contact = self._agent_customer("Talk Co")
        contact.phone = "+32 2 555 01 03"
        customer.collection_prefers_phone = True
        invoice = self._invoice(customer, 700, date(2025, 4, 20), date(2025, 5, 25))
        invoice.invoice_user_id = self.salesperson
        self._sent_before(customer, date(2025, 6, 2), "friendly", invoice)
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails_to(contact))
        decision = self._decisions(customer)[-1]
        self.assertEqual(decision.channel, "phone")
        self.assertIn("channel_phone_preferred", [r["code"] for r in decision.reasons])
        self.assertEqual(
            decision.activity_id.activity_type_id, self.env.ref("mail.mail_activity_data_call")
        )

    def test_an_answered_email_is_not_ignored(self):
        customer, contact = self._agent_customer("Chatty Co")
        contact.phone = "+32 2 555 01 02"
        # a balance worth a call had the emails been ignored
        invoice = self._invoice(customer, 7000, date(2025, 4, 10), date(2025, 5, 10))
        self._sent_before(customer, date(2025, 6, 2), "friendly", invoice)
        self._sent_before(customer, date(2025, 6, 9), "neutral", invoice)
        # The customer answered on 10 June (the reply handling holds contact a few days).
        with freeze_time("2025-06-10 09:00:00"):
            customer.message_post(
                body="We are checking with our bank.", message_type="email", author_id=contact.id
            )
        self.assertLess(customer.collection_snoozed_until or date.min, NOW.date())
        self._run(NOW)
        decision = self._decisions(customer)[-1]
        self.assertEqual(decision.channel, "email")

    def test_no_email_means_a_letter_to_post(self):
        customer, contact = self._agent_customer("Paper Co")
        contact.email = False
        invoice = self._invoice(customer, 400, date(2025, 5, 11), date(2025, 6, 10))
        invoice.invoice_user_id = self.salesperson
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse([m for m in self._mails if "paperco" in str(m["email_to"])])
        decision = self._decisions(customer)
        self.assertEqual((decision.channel, decision.action), ("letter", "statement"))
        codes = [r["code"] for r in decision.reasons]
        self.assertIn("channel_letter", codes)
        self.assertEqual(decision.state, "sent")
        self.assertEqual(
            decision.activity_id.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertTrue(decision.message_id, "the statement is kept on the customer's chatter")
        self.assertEqual(len(decision.attachment_ids), 1, "a letter needs the statement itself")
        self.assertEqual(decision.message_id.attachment_ids, decision.attachment_ids)

    def test_statement_by_email_lists_the_items_without_a_pdf(self):
        customer, contact = self._agent_customer("Many Co")
        invoices = self.env["account.move"]
        for day in range(5):
            invoices |= self._invoice(
                customer, 100 + day, date(2025, 5, 1 + day), date(2025, 6, 1 + day)
            )
        with self.mock_mail_gateway():
            self._run(NOW)
            mails = self._mails_to(contact)
        decision = self._decisions(customer)
        self.assertEqual((decision.action, decision.channel), ("statement", "email"))
        self.assertEqual(decision.state, "sent")
        self.assertFalse(decision.attachment_ids, "no PDF rendered for an email")
        self.assertEqual(len(mails), 1)
        body = mails[0]["body"]
        self.assertNotIn("attached", body)
        for invoice in invoices:
            self.assertIn(invoice.name, body)
            self.assertIn(invoice.get_portal_url().split("?")[0], body)

    def test_escalations_of_one_run_each_reach_their_person(self):
        big, big_contact = self._agent_customer("Big Two Co")
        invoice = self._invoice(big, 12000, date(2025, 4, 10), date(2025, 5, 10))
        invoice.invoice_user_id = self.salesperson
        held, _contact = self._agent_customer("Held Co", collection_legal_hold=True)
        self._invoice(held, 300, date(2025, 5, 11), date(2025, 6, 10)).invoice_user_id = False
        with self.mock_mail_gateway():
            self._run(NOW)
            self.assertFalse(self._mails_to(big_contact))
        expected = {big: self.salesperson, held: self.collections_manager}
        note = self.env.ref("ar_collections_agent.mt_collection_note")
        for customer, user in expected.items():
            decision = self._decisions(customer)
            self.assertEqual((decision.action, decision.state), ("escalate", "sent"))
            self.assertEqual(decision.activity_id.res_id, customer.id)
            self.assertEqual(decision.activity_id.user_id, user)
            self.assertEqual(self._activities(customer), decision.activity_id)
            logged = customer.message_ids.filtered(lambda m, n=note: m.subtype_id == n)
            self.assertEqual(len(logged), 1)
            self.assertIn(f"Escalated to {user.name}", logged.body)

    def test_scheduled_action_runs_the_cycle(self):
        customer, _contact = self._agent_customer("Cron Co", tz="UTC")
        self._invoice(customer, 400, date(2025, 5, 11), date(2025, 6, 10))
        cron = self.env.ref("ar_collections_agent.ir_cron_run_collections_agent")
        with (
            self.mock_mail_gateway(),
            self.enter_registry_test_mode(),
            self.freeze_time_at(utc(2025, 6, 18, 9)),
        ):
            result = cron.method_direct_trigger()
        self.assertIs(result, True)
        self.assertEqual(self._decisions(customer).state, "sent")
