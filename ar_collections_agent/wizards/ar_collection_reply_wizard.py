from odoo import api, fields, models

from ..models.ar_collection_reply import INTENT_SELECTION, REASON_SELECTION


class ArCollectionReplyWizard(models.TransientModel):
    """Correct what the agent read in a customer's reply, then act on the correction.
    The corrected reading is kept on the reply as labeled data."""

    _name = "ar.collection.reply.wizard"
    _description = "Correct a Reply Reading"

    reply_id = fields.Many2one("ar.collection.reply", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="reply_id.partner_id")
    company_id = fields.Many2one(related="reply_id.company_id")
    customer_text = fields.Text(related="reply_id.customer_text")
    intent = fields.Selection(INTENT_SELECTION, required=True)
    promised_date = fields.Date()
    return_date = fields.Date()
    amount = fields.Float(digits="Account")
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id),"
        " ('payment_state', 'not in', ('paid', 'in_payment', 'reversed'))]",
    )
    reason = fields.Selection(REASON_SELECTION, string="Dispute Reason")
    new_contact = fields.Char()

    @api.model
    def _action_open(self, reply):
        wizard = self.create(
            {
                "reply_id": reply.id,
                "intent": reply.intent or "other",
                "promised_date": reply.promised_date,
                "return_date": reply.return_date,
                "amount": reply.amount,
                "invoice_ids": [fields.Command.set(reply.invoice_ids.ids)],
                "reason": reply.reason,
                "new_contact": reply.new_contact,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct the Reading"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_confirm(self):
        self.ensure_one()
        reply = self.reply_id
        reply._check_collector()
        # A reply already acted on keeps what was done (the customer already got its
        # answer): the correction is kept as labeled data, a person adjusts the rest.
        already_acted = reply.state == "done"
        invoices = self.invoice_ids
        reply.sudo().write(
            {
                "intent": self.intent,
                "intents": self.intent,
                "promised_date": self.promised_date if self.intent == "promise_to_pay" else False,
                "return_date": self.return_date if self.intent == "out_of_office" else False,
                "amount": self.amount,
                "currency_id": invoices[:1].currency_id.id if self.amount else False,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "reason": self.reason if self.intent == "dispute" else False,
                "new_contact": self.new_contact if self.intent == "redirect" else False,
                "confidence": 1.0,
                "error": False,
                "state": "corrected",
            }
        )
        if already_acted:
            note = self.env._(
                "Reading corrected after the agent had acted: nothing was carried out "
                "again; adjust promises, disputes or holds by hand if needed."
            )
            reply.sudo().write(
                {
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_on": fields.Datetime.now(),
                    "action_summary": "\n".join(filter(None, [reply.action_summary, note])),
                }
            )
        else:
            reply._review_done("corrected")
        return {"type": "ir.actions.act_window_close"}
