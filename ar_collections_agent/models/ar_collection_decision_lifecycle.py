from odoo import api, fields, models

from ar_collections_core.policy.codec import to_jsonable

from .ar_collection_decision import reasons_text

# Decisions that log what happened to a promise or a dispute: they never contact the
# customer by themselves and do not count as the daily cycle's decision of the day.
LIFECYCLE_ACTIONS = ("promise", "dispute")


# Kept in its own file on purpose: one concern per file, each well under 500 lines.
class ArCollectionDecision(models.Model):
    _inherit = "ar.collection.decision"  # pylint: disable=consider-merging-classes-inherited

    action = fields.Selection(
        selection_add=[("promise", "Promise checked"), ("dispute", "Dispute follow-up")],
        ondelete={"promise": "cascade", "dispute": "cascade"},
    )
    origin = fields.Selection(
        selection_add=[("event", "Payment or credit note")], ondelete={"event": "set null"}
    )
    promise_id = fields.Many2one("ar.collection.promise", readonly=True, index="btree_not_null")
    dispute_id = fields.Many2one("ar.collection.dispute", readonly=True, index="btree_not_null")

    @api.model
    def _log_case_event(self, case, reasons, *, origin="cron", inputs=None, activity=None):
        """Log an automated step on a promise or dispute (``case``) with the core's
        structured ``reasons``; ``inputs``: what the step read (JSON-able)."""
        case.ensure_one()
        data = to_jsonable(list(reasons))
        now = fields.Datetime.now()
        values = {
            "partner_id": case.partner_id.id,
            "company_id": case.company_id.id,
            "decided_at": now,
            "sent_at": now,
            "local_date": fields.Date.context_today(case),
            "origin": origin,
            "action": "promise" if case._name == "ar.collection.promise" else "dispute",
            "state": "sent",
            "invoice_ids": [fields.Command.set(case.invoice_ids.ids)],
            "reasons": data,
            "reason_text": reasons_text(data),
            "snapshot": to_jsonable(inputs) if inputs is not None else False,
            "promise_id": case.id if case._name == "ar.collection.promise" else False,
            "dispute_id": case.id if case._name == "ar.collection.dispute" else False,
        }
        if activity:
            values.update(activity_id=activity.id, activity_user_id=activity.user_id.id)
        return (
            self.sudo().with_context(mail_create_nolog=True, tracking_disable=True).create(values)
        )
