from odoo import api, fields, models

from .ar_collection_policy import CORE_DEFAULTS, MODE_SELECTION, TONE_SELECTION

# Settings field -> company policy field: the main bounds, the rest is on the policy.
SETTINGS_TO_POLICY = {
    "collection_mode": "mode",
    "collection_max_tone": "max_tone",
    "collection_max_contacts_7d": "max_contacts_7d",
    "collection_max_contacts_30d": "max_contacts_30d",
    "collection_min_days_between_contacts": "min_days_between_contacts",
    "collection_pre_due_days": "pre_due_days",
    "collection_send_hour_start": "send_hour_start",
    "collection_send_hour_end": "send_hour_end",
    "collection_escalate_amount": "escalate_amount",
    "collection_escalate_days_overdue": "escalate_days_overdue",
    "collection_escalate_risk": "escalate_risk",
    "collection_promise_grace_days": "promise_grace_days",
    "collection_dispute_response_days": "dispute_response_days",
}


def _policy_field(field_class, string, **kwargs):
    return field_class(
        string=string, compute="_compute_collection_policy_values", readonly=False, **kwargs
    )


class ResConfigSettings(models.TransientModel):
    """The company's collection policy, edited from Settings (stored on the company's
    ar.collection.policy record, created on first save)."""

    _inherit = "res.config.settings"

    collection_mode = _policy_field(fields.Selection, "Agent Mode", selection=MODE_SELECTION)
    collection_max_tone = _policy_field(fields.Selection, "Firmest Tone", selection=TONE_SELECTION)
    collection_max_contacts_7d = _policy_field(fields.Integer, "Contacts per 7 Days")
    collection_max_contacts_30d = _policy_field(fields.Integer, "Contacts per 30 Days")
    collection_min_days_between_contacts = _policy_field(fields.Integer, "Days Between Contacts")
    collection_pre_due_days = _policy_field(fields.Integer, "Pre-due Reminder (days)")
    collection_send_hour_start = _policy_field(fields.Integer, "Send From (hour)")
    collection_send_hour_end = _policy_field(fields.Integer, "Send Until (hour)")
    collection_escalate_amount = _policy_field(fields.Float, "Escalate Above Amount")
    collection_escalate_days_overdue = _policy_field(fields.Integer, "Escalate After Days")
    collection_escalate_risk = _policy_field(fields.Integer, "Escalate From Risk Score")
    collection_promise_grace_days = _policy_field(fields.Integer, "Promise Grace (days)")
    collection_dispute_response_days = _policy_field(fields.Integer, "Dispute Response (days)")
    collection_policy_count = fields.Integer(compute="_compute_collection_policy_count")
    collection_reply_review_threshold = fields.Float(
        string="Reply Review Below Confidence",
        config_parameter="ar_collections_agent.reply_review_threshold",
        default=0.6,
        help="0 to 1: customer replies read with less confidence go to the review queue.",
    )

    def _collection_company_policy(self):
        self.ensure_one()
        return self.env["ar.collection.policy"].search(
            [("company_id", "=", self.company_id.id), ("scope", "=", "company")], limit=1
        )

    @api.depends("company_id")
    def _compute_collection_policy_values(self):
        for settings in self:
            policy = settings._collection_company_policy()
            for name, policy_name in SETTINGS_TO_POLICY.items():
                value = policy[policy_name] if policy else getattr(CORE_DEFAULTS, policy_name)
                settings[name] = value

    @api.depends("company_id")
    def _compute_collection_policy_count(self):
        for settings in self:
            settings.collection_policy_count = self.env["ar.collection.policy"].search_count(
                [("company_id", "=", settings.company_id.id), ("scope", "!=", "company")]
            )

    def set_values(self):
        result = super().set_values()
        for settings in self:
            values = {
                policy_name: settings[name] for name, policy_name in SETTINGS_TO_POLICY.items()
            }
            policy = settings._collection_company_policy()
            if policy:
                changed = {k: v for k, v in values.items() if policy[k] != v}
                if changed:
                    policy.write(changed)
            elif any(getattr(CORE_DEFAULTS, k) != v for k, v in values.items()):
                # Saving other settings leaves no policy record behind.
                self.env["ar.collection.policy"].create(
                    values | {"company_id": settings.company_id.id, "scope": "company"}
                )
        return result

    def action_open_collection_policies(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_policy_action"
        )
