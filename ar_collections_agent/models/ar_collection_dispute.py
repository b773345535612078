from odoo import api, fields, models
from odoo.exceptions import ValidationError

DISPUTE_STATES = [
    ("open", "Open"),
    ("resolved", "Resolved"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
DISPUTE_REASONS = [
    ("price", "Price"),
    ("quantity", "Quantity / not received"),
    ("quality", "Quality"),
    ("duplicate", "Duplicate invoice"),
    ("missing_po", "Missing PO"),
    ("tax", "Tax"),
    ("service", "Service level"),
    ("other", "Other"),
]


class ArCollectionDispute(models.Model):
    """A customer's objection to some invoices. While it is open, those invoices (and
    only those) are not chased."""

    _name = "ar.collection.dispute"
    _description = "Invoice Dispute"
    _inherit = ["ar.collection.case.mixin"]
    _order = "date desc, id desc"

    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_dispute_account_move_rel",
        "dispute_id",
        "move_id",
        string="Invoices",
        required=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
    )
    date = fields.Date(string="Opened On")
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, tracking=True)
    amount = fields.Monetary(string="Disputed Amount")
    reason = fields.Selection(DISPUTE_REASONS, required=True, default="other", tracking=True)
    description = fields.Text(help="What the customer says is wrong.")
    user_id = fields.Many2one(string="Owner", help="Who sorts the dispute out.")
    state = fields.Selection(
        DISPUTE_STATES, required=True, default="open", tracking=True, index=True, copy=False
    )
    resolution = fields.Text(string="Resolution Note", tracking=True)

    @api.depends("partner_id", "reason", "invoice_ids")
    def _compute_display_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for dispute in self:
            dispute.display_name = self.env._(
                "%(customer)s: %(reason)s on %(invoices)s",
                customer=dispute.partner_id.display_name or "",
                reason=reasons.get(dispute.reason, ""),
                invoices=", ".join(dispute.invoice_ids.mapped("name")),
            )

    @api.constrains("amount", "invoice_ids", "partner_id", "company_id", "currency_id", "state")
    def _check_invoices_and_amount(self):
        self._check_case_invoices(require_invoices=True)  # first: the clearer message
        for dispute in self:
            if dispute.amount <= 0:
                raise ValidationError(self.env._("A dispute needs a positive disputed amount."))
            # An open dispute can contest at most what is still due; a closed one is
            # history and may concern an invoice paid since.
            if dispute.state == "open":
                limit = dispute._open_residual()
                label = self.env._("still due")
            else:
                limit = sum(dispute.invoice_ids.mapped("amount_total"))
                label = self.env._("invoiced")
            if (
                dispute.invoice_ids
                and dispute.currency_id.compare_amounts(dispute.amount, limit) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The disputed amount %(amount)s is more than the %(limit)s %(label)s "
                        "on %(invoices)s.",
                        amount=dispute.currency_id.format(dispute.amount),
                        limit=dispute.currency_id.format(limit),
                        label=label,
                        invoices=", ".join(dispute.invoice_ids.mapped("name")),
                    )
                )

    @api.constrains("date", "date_closed")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for dispute in self:
            if dispute.date > today:
                raise ValidationError(self.env._("A dispute cannot be opened in the future."))
            if dispute.date_closed and dispute.date_closed < dispute.date:
                raise ValidationError(self.env._("A dispute cannot close before it opened."))

    def _close(self, state):
        today = fields.Date.context_today(self)
        self.filtered(lambda d: d.state == "open").write({"state": state, "date_closed": today})
        return True

    def action_resolve(self):
        return self._close("resolved")

    def action_reject(self):
        return self._close("rejected")

    def action_withdraw(self):
        return self._close("withdrawn")

    def action_reopen(self):
        self.filtered(lambda d: d.state != "open").write({"state": "open", "date_closed": False})
        return True
