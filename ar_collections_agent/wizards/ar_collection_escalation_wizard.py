from datetime import timedelta

from markupsafe import Markup
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.ar_collection_escalation import CALL_OUTCOMES, NOTE_SUBTYPE, OUTCOME_SELECTION

SNOOZE_DAYS = 7


class ArCollectionEscalationWizard(models.TransientModel):
    """One click from a case: log a call with its outcome, snooze the customer, or
    close the case with its outcome."""

    _name = "ar.collection.escalation.wizard"
    _description = "Act on a Collections Case"

    escalation_id = fields.Many2one("ar.collection.escalation", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="escalation_id.partner_id")
    mode = fields.Selection(
        [("call", "Log a call"), ("snooze", "Snooze"), ("close", "Close")], required=True
    )
    call_outcome = fields.Selection(CALL_OUTCOMES)
    snooze_until = fields.Date(
        string="No Contact Before", default=lambda self: self._default_snooze_until()
    )
    outcome = fields.Selection(OUTCOME_SELECTION)
    note = fields.Text()

    def _default_snooze_until(self):
        return fields.Date.context_today(self) + timedelta(days=SNOOZE_DAYS)

    @api.model
    def _action_open(self, escalation, mode):
        titles = dict(self._fields["mode"]._description_selection(self.env))
        return {
            "type": "ir.actions.act_window",
            "name": titles[mode],
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_escalation_id": escalation.id, "default_mode": mode},
        }

    def action_confirm(self):
        self.ensure_one()
        case = self.escalation_id
        case.check_access("write")
        if case.state != "open":
            raise UserError(self.env._("This case is already closed."))
        getattr(self, f"_confirm_{self.mode}")(case)
        return {"type": "ir.actions.act_window_close"}

    def _confirm_call(self, case):
        if not self.call_outcome:
            raise UserError(self.env._("Say how the call went."))
        outcomes = dict(CALL_OUTCOMES)
        line = self.env._(
            "Call by %(user)s: %(outcome)s",
            user=self.env.user.name,
            outcome=outcomes[self.call_outcome],
        )
        body = Markup("%s%s") % (line, Markup("<br/>%s") % self.note if self.note else "")
        case.partner_id.sudo().message_post(body=body, subtype_xmlid=NOTE_SUBTYPE)
        case.sudo().message_post(body=body, subtype_xmlid=NOTE_SUBTYPE)
        case.sudo().write({"last_call_outcome": self.call_outcome, "stage": "contacted"})

    def _confirm_snooze(self, case):
        today = fields.Date.context_today(self)
        if not self.snooze_until or self.snooze_until <= today:
            raise UserError(self.env._("Snooze until a date after today."))
        why = self.note or self.env._("Snoozed by %(user)s", user=self.env.user.name)
        case.partner_id.sudo().write(
            {"collection_snoozed_until": self.snooze_until, "collection_snooze_reason": why[:250]}
        )
        case.sudo().message_post(
            body=self.env._("No contact before %(date)s: %(why)s", date=self.snooze_until, why=why),
            subtype_xmlid=NOTE_SUBTYPE,
        )
        case.sudo().write({"stage": "waiting"})

    def _confirm_close(self, case):
        if not self.outcome:
            raise UserError(self.env._("Choose the outcome of the case."))
        case._record_outcome(self.outcome, self.note)
