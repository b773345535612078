"""A person's request to the agent: email the customer's statement now."""

import psycopg2
from odoo import api, fields, models
from odoo.exceptions import UserError

from ar_collections_core.policy import idempotency_key, manual_contact_refusals
from ar_collections_core.policy.snapshot import zone

from ..tools import agent_snapshot
from .ar_collection_agent import _sent, utc_now


# Kept in its own file on purpose: one concern per file, each well under 500 lines.
class ArCollectionAgentManual(models.AbstractModel):
    _inherit = "ar.collection.agent"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _send_statement_now(self, partner, company, user):
        """Email ``partner`` their statement of account now, at ``user``'s request, as
        a logged contact of the customer's day: the once-a-day key refuses it when the
        customer was already contacted that day. Returns the decision."""
        partner = partner.commercial_partner_id.with_company(company)
        now = utc_now()
        # The customer's day as the agent counts it (the invoice contact's timezone
        # first), so that the once-a-day key is the one the agent's own run takes.
        info, flags = agent_snapshot.read_customer_info(self.env, company, partner.ids)[partner.id]
        tz = zone(info.timezone)
        local_date = now.astimezone(tz).date()
        refusals = manual_contact_refusals(
            today=local_date,
            legal_hold=flags["legal_hold"],
            opted_out=flags["opted_out"],
            blacklisted=flags["blacklisted"],
            snoozed_until=flags["snoozed_until"],
        )
        if refusals:
            raise UserError(
                "\n".join(
                    [self.env._("No statement to %(customer)s:", customer=partner.name)]
                    + [r.text for r in refusals]
                )
            )
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("move_type", "in", ("out_invoice", "out_receipt")),
                ("state", "=", "posted"),
                ("collection_state", "in", ("overdue", "due", "not_due")),
            ]
        )
        Decision = self.env["ar.collection.decision"].with_context(
            mail_create_nolog=True, tracking_disable=True
        )
        values = {
            "partner_id": partner.id,
            "company_id": company.id,
            "local_date": local_date,
            "origin": "manual",
            "action": "statement",
            "tone": "neutral",
            "channel": "email",
            "invoice_ids": [fields.Command.set(invoices.ids)],
            "state": "approved",
            "approved_by_id": user.id,
            "approved_at": now.replace(tzinfo=None),
            "reason_text": self.env._("- Sent at %(user)s's request.", user=user.name),
            "idempotency_key": idempotency_key(partner.id, local_date, "statement"),
        }
        already = self.env._("%(customer)s was already contacted today.", customer=partner.name)
        if Decision.search_count([("idempotency_key", "=", values["idempotency_key"])]):
            raise UserError(already)
        try:
            with self.env.cr.savepoint():
                decision = Decision.create(values)
                decision.flush_recordset()
        except psycopg2.IntegrityError:  # another run took the day meanwhile
            raise UserError(already) from None
        self._compose(decision)
        self.env["ar.collection.channels"]._deliver(decision)
        decision.with_context(agent_write=True, tracking_disable=True).write(_sent(now))
        return decision
