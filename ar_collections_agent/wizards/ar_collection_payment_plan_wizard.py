from markupsafe import Markup, escape
from odoo import api, fields, models
from odoo.exceptions import UserError

from ar_collections_core.policy.cases import split_payment_plan

INTERVALS = [("week", "Every week"), ("two_weeks", "Every two weeks"), ("month", "Every month")]
INTERVAL_ARGS = {
    "week": {"every_days": 7},
    "two_weeks": {"every_days": 14},
    "month": {"every_days": 0, "every_months": 1},
}


class ArCollectionPaymentPlanWizard(models.TransientModel):
    """A payment plan agreed by a person, recorded as a schedule of promises to pay:
    the amount split into instalments (``ar_collections_core.policy.cases``)."""

    _name = "ar.collection.payment.plan.wizard"
    _inherit = ["ar.collection.case.wizard.mixin"]
    _description = "Record a Payment Plan"

    escalation_id = fields.Many2one("ar.collection.escalation", ondelete="cascade")
    first_date = fields.Date(string="First Instalment", required=True)
    instalment_count = fields.Integer(string="Instalments", required=True, default=3)
    interval = fields.Selection(INTERVALS, required=True, default="month")
    schedule = fields.Html(compute="_compute_schedule", sanitize=True)

    @api.model
    def _action_open_for_case(self, case):
        invoices = case._case_invoices()
        action = self._action_open(invoices=invoices or None, partner=case.partner_id)
        action["context"] = dict(action["context"], default_escalation_id=case.id)
        return action

    def _default_partner_invoices(self, partner):
        return self._partner_open_invoices(partner)

    def _plan(self):
        self.ensure_one()
        return split_payment_plan(
            self.amount, self.first_date, self.instalment_count, **INTERVAL_ARGS[self.interval]
        )

    @api.depends("amount", "first_date", "instalment_count", "interval", "currency_id")
    def _compute_schedule(self):
        for wizard in self:
            try:
                plan = wizard._plan() if wizard.first_date else ()
            except ValueError as error:
                wizard.schedule = Markup("<p>%s</p>") % str(error)
                continue
            rows = Markup("").join(
                Markup("<li>%s: %s</li>") % (escape(str(day)), wizard.currency_id.format(amount))
                for day, amount in plan
            )
            wizard.schedule = Markup("<ul>%s</ul>") % rows if plan else False

    def action_confirm(self):
        self.ensure_one()
        self._check_one_customer()
        today = fields.Date.context_today(self)
        if self.first_date < today:
            raise UserError(self.env._("The first instalment cannot be in the past."))
        try:
            plan = self._plan()
        except ValueError as error:
            raise UserError(str(error)) from None
        values = self._case_values()
        note = self.note or self.env._(
            "Payment plan agreed by %(user)s: %(count)s instalments.",
            user=self.env.user.name,
            count=len(plan),
        )
        promises = self.env["ar.collection.promise"].create(
            [
                values | {"amount": amount, "promised_date": day, "source": "phone", "note": note}
                for day, amount in plan
            ]
        )
        self._post_on_invoices(promises[:1], self.env._("Payment plan recorded"))
        if self.escalation_id and self.escalation_id.state == "open":
            self.escalation_id._record_outcome("payment_plan", note)
        return {"type": "ir.actions.act_window_close"}
