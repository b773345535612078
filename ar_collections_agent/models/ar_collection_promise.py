from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("partial", "Partially kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
PROMISE_SOURCES = [
    ("email", "Email reply"),
    ("phone", "Phone call"),
    ("manual", "Manual"),
]


class ArCollectionPromise(models.Model):
    _name = "ar.collection.promise"
    _description = "Promise to Pay"
    _inherit = ["ar.collection.case.mixin"]
    _order = "promised_date desc, id desc"

    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_promise_account_move_rel",
        "promise_id",
        "move_id",
        string="Invoices",
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
        help="The invoices this promise covers; none means a payment on account.",
    )
    date = fields.Date(string="Promised On", help="When the customer made the promise.")
    promised_date = fields.Date(
        string="Payment Date",
        required=True,
        tracking=True,
        index=True,
        help="The date by which the customer promised to pay.",
    )
    source = fields.Selection(PROMISE_SOURCES, required=True, default="manual")
    state = fields.Selection(
        PROMISE_STATES, required=True, default="open", tracking=True, index=True, copy=False
    )
    message_id = fields.Many2one(
        "mail.message",
        string="Source Message",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The customer's message this promise was read from.",
    )

    @api.depends("partner_id", "amount", "currency_id", "promised_date")
    def _compute_display_name(self):
        for promise in self:
            promise.display_name = self.env._(
                "%(customer)s: %(amount)s by %(date)s",
                customer=promise.partner_id.display_name or "",
                amount=promise.currency_id.format(promise.amount) if promise.currency_id else "",
                date=promise.promised_date or "",
            )

    @api.constrains("amount", "invoice_ids", "partner_id", "company_id", "currency_id", "state")
    def _check_invoices_and_amount(self):
        self._check_case_invoices()
        for promise in self:
            if promise.amount <= 0:
                raise ValidationError(self.env._("A promise to pay needs a positive amount."))

    @api.constrains("date", "promised_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for promise in self:
            if promise.date > today:
                raise ValidationError(self.env._("A promise cannot be made in the future."))
            if promise.promised_date < promise.date:
                raise ValidationError(
                    self.env._(
                        "The payment date %(promised)s is in the past: a promise to pay "
                        "is for today or a later date (promise made on %(made)s).",
                        promised=promise.promised_date,
                        made=promise.date,
                    )
                )

    def action_cancel(self):
        self.filtered(lambda p: p.state == "open").write({"state": "cancelled"})
        return True
