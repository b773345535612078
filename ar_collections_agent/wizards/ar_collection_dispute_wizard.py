from odoo import api, fields, models

from ..models.ar_collection_dispute import DISPUTE_REASONS


class ArCollectionDisputeWizard(models.TransientModel):
    _name = "ar.collection.dispute.wizard"
    _inherit = ["ar.collection.case.wizard.mixin"]
    _description = "Open a Dispute"

    reason = fields.Selection(DISPUTE_REASONS, required=True, default="other")
    description = fields.Text(help="What the customer says is wrong.")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        compute="_compute_user_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('share', '=', False)]",
        help="Who sorts the dispute out: the invoice's salesperson, else the collections manager.",
    )

    @api.depends("invoice_ids")
    def _compute_user_id(self):
        for wizard in self:
            company = wizard.invoice_ids[:1].company_id or self.env.company
            wizard.user_id = self.env["ar.collection.dispute"]._default_owner(
                wizard.invoice_ids, company
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_one_customer()
        dispute = self.env["ar.collection.dispute"].create(
            self._case_values()
            | {
                "reason": self.reason,
                "description": self.description,
                "user_id": self.user_id.id,
            }
        )
        self._post_on_invoices(dispute, self.env._("Dispute opened"))
        return {"type": "ir.actions.act_window_close"}
