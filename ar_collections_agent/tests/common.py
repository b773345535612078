from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import new_test_user

COLLECTOR = "ar_collections_agent.group_collections_collector"
COLLECTIONS_MANAGER = "ar_collections_agent.group_collections_manager"
INVOICING_USER = "account.group_account_invoice"


class CollectionsCommon(AccountTestInvoicingCommon):
    """Customers, invoices at chosen dates with real registered payments, and the
    module's users at their lowest privilege. Helpers other modules can reuse."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.collector = new_test_user(
            cls.env,
            login="collector",
            groups=COLLECTOR,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.invoicing_user = new_test_user(
            cls.env,
            login="invoicing_user",
            groups=INVOICING_USER,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.collections_manager = new_test_user(
            cls.env,
            login="collections_manager",
            groups=COLLECTIONS_MANAGER,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls the failed write back, unlike assertRaisesRegex)
        plus a check that the message says ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text.lower(), str(caught.exception).lower())

    # -- ledger helpers ------------------------------------------------------------------

    @classmethod
    def _customer(cls, name, **values):
        return cls.env["res.partner"].create({"name": name, "is_company": True, **values})

    @classmethod
    def _invoice(
        cls,
        partner,
        amount,
        invoice_date,
        due_date,
        *,
        move_type="out_invoice",
        currency=None,
        company=None,
        post=True,
    ):
        """A one-line invoice without taxes (its total is ``amount``), due on
        ``due_date``."""
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "date": invoice_date,
                    "invoice_date_due": due_date,
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Services", "price_unit": amount, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, amount, payment_date):
        """A payment registered on ``invoice`` for ``amount`` on ``payment_date``."""
        return cls._register_payment(
            invoice, amount=amount, payment_date=payment_date, group_payment=False
        )

    @classmethod
    def _credit(cls, invoice, amount, credit_date):
        """A credit note of ``amount`` issued on ``credit_date`` and applied to ``invoice``."""
        credit_note = cls._invoice(
            invoice.partner_id,
            amount,
            credit_date,
            credit_date,
            move_type="out_refund",
            currency=invoice.currency_id,
            company=invoice.company_id,
        )
        (invoice.line_ids + credit_note.line_ids).filtered(
            lambda line: line.account_type == "asset_receivable"
        ).reconcile()
        return credit_note

    @classmethod
    def _paid_history(cls, partner, days_late, start=date(2024, 1, 5), amount=1000.0):
        """One invoice a month from ``start``, each paid ``days_late[i]`` days after its
        30-day due date (None: left open)."""
        invoices = cls.env["account.move"]
        for index, late in enumerate(days_late):
            month = start.month - 1 + index
            issued = date(start.year + month // 12, month % 12 + 1, start.day)
            due = date.fromordinal(issued.toordinal() + 30)
            invoice = cls._invoice(partner, amount, issued, due)
            if late is not None:
                cls._pay(invoice, amount, date.fromordinal(due.toordinal() + late))
            invoices |= invoice
        return invoices

    def _refresh(self, partners, company=None):
        company = company or self.company
        partners.with_company(company).with_user(self.collector).action_refresh_payment_profile()
        return partners.with_company(company)
