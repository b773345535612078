from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from ar_collections_core.ledger import CREDIT, CREDIT_NOTE, PAYMENT

from ..tools import ledger_sql, profile_refresh
from .common import CollectionsCommon

TODAY = date(2025, 6, 30)


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30")
class TestPaymentProfile(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A hand-computed history (due dates, payments and a credit note at chosen dates):
        #   INV1 1000 due 01-31, paid 02-10                       -> 10 days late
        #   INV2 3000 due 03-03, paid 1000 on 03-03, 2000 on 03-23 -> 0 and 20 days late
        #   INV3 2000 due 03-31, paid 03-31                       -> on time
        #   INV5 1000 due 05-01, credit note 200 on 04-10, 800 paid 05-11 -> 10 days late
        #   INV4  500 due 07-01, open
        cls.customer = cls._customer("Hand Computed Ltd")
        cls.inv1 = cls._invoice(cls.customer, 1000, date(2025, 1, 1), date(2025, 1, 31))
        cls._pay(cls.inv1, 1000, date(2025, 2, 10))
        cls.inv2 = cls._invoice(cls.customer, 3000, date(2025, 2, 1), date(2025, 3, 3))
        cls._pay(cls.inv2, 1000, date(2025, 3, 3))
        cls._pay(cls.inv2, 2000, date(2025, 3, 23))
        cls.inv3 = cls._invoice(cls.customer, 2000, date(2025, 3, 1), date(2025, 3, 31))
        cls._pay(cls.inv3, 2000, date(2025, 3, 31))
        cls.inv5 = cls._invoice(cls.customer, 1000, date(2025, 4, 1), date(2025, 5, 1))
        cls.credit_note = cls._credit(cls.inv5, 200, date(2025, 4, 10))
        cls._pay(cls.inv5, 800, date(2025, 5, 11))
        cls.inv4 = cls._invoice(cls.customer, 500, date(2025, 6, 1), date(2025, 7, 1))

    def test_ledger_is_read_as_the_core_expects(self):
        receivables = {
            rec.id: rec
            for rec in ledger_sql.read_receivables(self.env, self.company, self.customer.ids)[
                self.customer.id
            ]
        }
        self.assertEqual(len(receivables), 6)
        inv2 = receivables[self.inv2.id]
        self.assertEqual((inv2.amount, inv2.residual, inv2.due_date), (3000, 0, date(2025, 3, 3)))
        self.assertEqual(
            [(s.date, s.amount, s.kind) for s in inv2.settlements],
            [(date(2025, 3, 3), 1000, PAYMENT), (date(2025, 3, 23), 2000, PAYMENT)],
        )
        inv5 = receivables[self.inv5.id]
        self.assertEqual(
            [(s.date, s.amount, s.kind) for s in inv5.settlements],
            [(date(2025, 4, 10), 200, CREDIT), (date(2025, 5, 11), 800, PAYMENT)],
        )
        note = receivables[self.credit_note.id]
        self.assertEqual((note.kind, note.amount, note.residual), (CREDIT_NOTE, -200, 0))
        self.assertEqual(receivables[self.inv4.id].residual, 500)

    def test_profile_numbers_on_hand_computed_history(self):
        customer = self._refresh(self.customer)
        self.assertRecordValues(
            customer,
            [
                {
                    "payment_profile_date": TODAY,
                    "payment_has_history": True,
                    "payment_invoices_settled": 4,
                    "payment_amount_settled": 7000.0,
                    # (1000*10 + 1000*0 + 2000*20 + 2000*0 + 800*10) / 6800 paid
                    "payment_weighted_days_late": 8.5,
                    "payment_typical_days_late": 10.0,  # median of 10, 20, 0, 10
                    "payment_worst_days_late": 20,
                    "payment_on_time_rate": 0.4412,  # (1000 + 2000) / 6800
                    # payment date - invoice date: (1000*40 + 1000*30 + 2000*50 + 2000*30
                    # + 800*40) / 6800
                    "payment_avg_days_to_pay": 38.5,
                    "payment_partial_rate": 0.25,  # INV2 only, of 4 invoices paid
                    "payment_open_amount": 500.0,
                    "payment_overdue_amount": 0.0,
                    "payment_open_count": 1,
                    "payment_overdue_count": 0,
                    "payment_open_credit_amount": 0.0,
                    "payment_first_invoice_date": date(2025, 1, 1),
                    "collection_status": "due",  # INV4 falls due tomorrow
                }
            ],
        )
        self.assertTrue(customer.collection_risk_band)
        self.assertTrue(customer.collection_risk_reasons)
        # Predicted from this customer's own habit (10 days late), not the due date.
        self.assertGreater(self.inv4.payment_predicted_date, self.inv4.invoice_date_due)
        self.assertFalse(self.inv1.payment_predicted_date)

    def test_predicted_date_cleared_once_paid(self):
        self._refresh(self.customer)
        self.assertTrue(self.inv4.payment_predicted_date)
        self._pay(self.inv4, 500, TODAY)
        self._refresh(self.customer)
        self.assertFalse(self.inv4.payment_predicted_date)
        self.assertEqual(self.customer.with_company(self.company).payment_open_amount, 0.0)

    def test_customer_without_history(self):
        newcomer = self._customer("Newcomer SA")
        invoice = self._invoice(newcomer, 750, date(2025, 6, 20), date(2025, 7, 20))
        newcomer = self._refresh(newcomer)
        self.assertFalse(newcomer.payment_has_history)
        self.assertEqual(newcomer.payment_open_amount, 750.0)
        self.assertTrue(newcomer.collection_risk_band)
        self.assertGreaterEqual(invoice.payment_predicted_date, invoice.invoice_date_due)

    def test_foreign_currency_amounts_in_company_currency(self):
        foreign = self.setup_other_currency("EUR", rates=[("2024-01-01", 2.0)])
        customer = self._customer("Euro GmbH")
        self._invoice(customer, 2000, date(2025, 5, 1), date(2025, 5, 31), currency=foreign)
        customer = self._refresh(customer)
        self.assertEqual(customer.payment_overdue_amount, 1000.0)  # 2000 EUR at 2 per USD
        self.assertEqual(customer.payment_oldest_overdue_days, 30)

    def test_risk_ordering(self):
        on_time = [0] * 12
        late = [60] * 12
        reliable = self._customer("Reliable")
        chronic = self._customer("Chronic Late")
        breaker = self._customer("Chronic Late, Broken Promises")
        self._paid_history(reliable, on_time)
        self._paid_history(chronic, late)
        invoices = self._paid_history(breaker, late)
        for invoice in invoices[:3]:
            due = invoice.invoice_date_due
            self.env["ar.collection.promise"].create(
                {
                    "partner_id": breaker.id,
                    "invoice_ids": invoice.ids,
                    "amount": 1000,
                    "date": date.fromordinal(due.toordinal() + 10),
                    "promised_date": date.fromordinal(due.toordinal() + 20),
                    "state": "broken",
                }
            )
        partners = self._refresh(reliable | chronic | breaker)
        scores = partners.mapped("collection_risk_score")
        self.assertLess(scores[0], scores[1])
        self.assertLess(scores[1], scores[2])
        self.assertEqual(partners[2].payment_promises_broken, 3)
        self.assertIn("promise", partners[2].collection_risk_reasons.lower())

    def test_refresh_needs_a_collector(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.invoicing_user).action_refresh_payment_profile()

    def test_cron_refreshes_every_customer_in_batches(self):
        others = self._customer("Second") | self._customer("Third")
        for partner in others:
            self._invoice(partner, 100, date(2025, 6, 1), date(2025, 6, 15))
        cron = self.env.ref("ar_collections_agent.ir_cron_refresh_payment_profiles")
        cron.code = "model._cron_refresh_payment_profiles(batch_size=2)"
        real_refresh = profile_refresh.refresh_customers
        batches = []

        def spy(env, company, partner_ids, today, **kwargs):
            batches.append(list(partner_ids))
            return real_refresh(env, company, partner_ids, today, **kwargs)

        customers = self.customer | others
        with (
            patch.object(profile_refresh, "refresh_customers", side_effect=spy),
            self.enter_registry_test_mode(),
        ):
            result = cron.method_direct_trigger()
        self.assertIs(result, True)
        done = [partner_id for batch in batches for partner_id in batch]
        self.assertLessEqual(set(customers.ids), set(done))
        self.assertEqual(len(done), len(set(done)), "each customer once")
        self.assertTrue(all(len(batch) <= 2 for batch in batches))
        self.assertGreaterEqual(len(batches), 2)
        refreshed = customers.with_company(self.company)
        self.assertEqual(set(refreshed.mapped("payment_profile_date")), {TODAY})
        # Nothing left for a second run today.
        self.assertEqual(profile_refresh.stale_customers(self.env, self.company, TODAY), [])
