from odoo import fields, models
from odoo.fields import Domain

from ..models.ar_collection_promise import PROMISE_SOURCES


class ArCollectionPromiseWizard(models.TransientModel):
    _name = "ar.collection.promise.wizard"
    _inherit = ["ar.collection.case.wizard.mixin"]
    _description = "Log a Promise to Pay"

    promised_date = fields.Date(string="Payment Date", required=True)
    source = fields.Selection(PROMISE_SOURCES, required=True, default="phone")

    def _default_partner_invoices(self, partner):
        today = fields.Date.context_today(self)
        overdue = self._partner_open_invoices(partner, Domain("invoice_date_due", "<", today))
        return overdue or self._partner_open_invoices(partner)

    def action_confirm(self):
        self.ensure_one()
        self._check_one_customer()
        promise = self.env["ar.collection.promise"].create(
            self._case_values() | {"promised_date": self.promised_date, "source": self.source}
        )
        self._post_on_invoices(promise, self.env._("Promise to pay logged"))
        return {"type": "ir.actions.act_window_close"}
