from odoo import api, fields, models
from odoo.exceptions import AccessError

from .ar_collection_agent import utc_now

COLLECTOR = "ar_collections_agent.group_collections_collector"


class ResPartner(models.Model):
    """The agent on the customer: its decisions (smart button) and "Run agent now"."""

    _inherit = "res.partner"

    collection_decision_count = fields.Integer(
        compute="_compute_collection_decision_count",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    @api.depends_context("company")
    def _compute_collection_decision_count(self):
        counts = dict(
            self.env["ar.collection.decision"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.collection_decision_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_collection_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_decision_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    def action_run_collection_agent(self):
        """Decide now for the selected customers (their commercial entities) in the
        current company, and carry out what may go now; opens the decisions."""
        if not self.env.user.has_group(COLLECTOR):
            raise AccessError(self.env._("Only collectors can run the collections agent."))
        self.check_access("read")
        company = self.env.company
        agent = self.env["ar.collection.agent"].sudo().with_company(company)
        decisions = agent._run_customers(
            company, self.commercial_partner_id.ids, utc_now(), origin="manual"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_decision_action"
        )
        action["domain"] = [("id", "in", decisions.ids)]
        action["context"] = {}
        return action
