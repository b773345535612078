"""The company's side of the demo weeks (scripts/odoo_demo_weeks.py): the simulated
customers' payments registered and reconciled in Odoo at their bank date, disputes the
company settles (credit note, rejection, withdrawal), and the addon's nightly promise
and dispute checks."""

import odoo_demo_world as simworld
from odoo import Command

RECEIVABLE = "asset_receivable"
DISPUTE_CLOSE = {"credit_note": "action_resolve", "rejected": "action_reject"}
REJECTION_NOTE = (
    "We checked the invoice against your order and the delivery note: the quantities and "
    "prices are those agreed, so the invoice stands as issued."
)


class CompanySide:
    """Mixed into DemoWeeks: uses its env, world, bank, counts, cash and errors."""

    def register_payments(self, day):
        """The bank lines of the simulated payments that landed: registered at ``day``
        and reconciled with their invoice."""
        Move = self.env["account.move"]
        plan = []
        for customer in self.world.customers.values():
            for invoice in customer.invoices:
                for part in invoice.parts:
                    if part.landed and id(part) not in self.registered and part.amount > 0.005:
                        self.registered.add(id(part))
                        plan.append((invoice, part))
        values, paid = [], []
        for invoice, part in plan:
            move = Move.browse(invoice.id)
            if move.payment_state not in ("not_paid", "partial") or not move.amount_residual:
                continue
            ratio = move.amount_residual / (abs(move.amount_residual_signed) or 1.0)
            amount = move.amount_residual
            if not simworld.share_of(invoice, part):
                amount = min(round(part.amount * ratio, 2), move.amount_residual)
            values.append(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": move.commercial_partner_id.id,
                    "amount": amount,
                    "currency_id": move.currency_id.id,
                    "date": day,
                    "journal_id": self.bank.id,
                    "memo": move.name,
                }
            )
            paid.append((move, amount / ratio))
        if not values:
            return
        payments = self.env["account.payment"].create(values)
        payments.action_post()
        for (move, company_amount), payment in zip(paid, payments, strict=True):
            lines = (move.line_ids | payment.move_id.line_ids).filtered(
                lambda line: line.account_type == RECEIVABLE and not line.reconciled
            )
            lines.reconcile()
            self.cash += company_amount
        self.counts["payments"] += len(payments)

    def mirror_resolutions(self, day):
        """Disputes the company settled today in the simulation: the credit note, and
        the dispute closed in Odoo."""
        Dispute = self.env["ar.collection.dispute"]
        for invoice in self.world.resolutions.get(day, ()):
            move = self.env["account.move"].browse(invoice.id)
            resolution = invoice.plan.resolution
            try:
                with self.env.cr.savepoint():
                    if resolution == "credit_note" and invoice.credited > 0.005:
                        self._credit(move, invoice.credited)
                    disputes = Dispute.search(
                        [("invoice_ids", "in", move.ids), ("state", "=", "open")]
                    )
                    if resolution == "rejected":
                        # the explanation the customer receives with the outcome
                        disputes.write({"resolution": REJECTION_NOTE})
                    getattr(disputes, DISPUTE_CLOSE.get(resolution, "action_withdraw"))()
            except Exception as error:  # shown in the summary; the weeks go on
                self.errors.append(f"settling the dispute on {move.name}: {error}")
                continue
            self.counts[f"disputes settled ({resolution.replace('_', ' ')})"] += 1

    def _credit(self, move, company_amount):
        if move.payment_state not in ("not_paid", "partial"):
            return
        ratio = move.amount_residual / (abs(move.amount_residual_signed) or 1.0)
        amount = min(round(company_amount * ratio, 2), move.amount_residual)
        note = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": move.partner_id.id,
                "journal_id": move.journal_id.id,
                "invoice_date": self.world.today,
                "date": self.world.today,
                "currency_id": move.currency_id.id,
                "reversed_entry_id": move.id,
                "ref": f"Credit after dispute on {move.name}",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": f"Credit: dispute on {move.name}",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        note.action_post()
        (move.line_ids | note.line_ids).filtered(
            lambda line: line.account_type == RECEIVABLE and not line.reconciled
        ).reconcile()
        self.counts["credit notes"] += 1

    def close_promises(self, day):
        """The addon's nightly checks (the promise and dispute crons): promises past
        their date and grace become kept, partially kept or broken from what was paid;
        disputes past their deadline reach their owner."""
        Promise = self.env["ar.collection.promise"]
        open_ids = Promise.search([("state", "=", "open")]).ids
        Promise._cron_check_promises()
        self.env["ar.collection.dispute"]._cron_check_disputes()
        for promise in Promise.browse(open_ids):
            if promise.state != "open":
                self.counts[f"promises {promise.state}"] += 1
