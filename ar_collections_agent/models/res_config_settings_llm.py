from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ar_collections_core.llm.settings import DEFAULT_MODEL

from .ar_collection_llm_call import PARAM_PREFIX

ADMIN = "base.group_system"
LLM_MODES = [
    ("off", "Off (everything offline)"),
    ("understanding", "Read unsure replies"),
    ("understanding_and_drafting", "Read unsure replies and draft reminders"),
]


# Kept apart from res_config_settings.py: these settings are admin-only and belong to
# the optional Claude layer (its own files, views and tests).
class ResConfigSettings(models.TransientModel):
    """Claude's settings (system administrators only), stored as system parameters
    that ``ar.collection.llm.call._llm_settings`` turns into the core's LlmSettings."""

    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    collection_llm_mode = fields.Selection(
        LLM_MODES,
        string="Claude",
        default="off",
        config_parameter=PARAM_PREFIX + "mode",
        groups=ADMIN,
    )
    collection_llm_api_key = fields.Char(
        string="Anthropic API Key", config_parameter=PARAM_PREFIX + "api_key", groups=ADMIN
    )
    collection_llm_model = fields.Char(
        string="Claude Model",
        default=DEFAULT_MODEL,
        config_parameter=PARAM_PREFIX + "model",
        groups=ADMIN,
    )
    collection_llm_confidence_threshold = fields.Float(
        string="Ask Claude Below Confidence",
        default=0.6,
        config_parameter=PARAM_PREFIX + "confidence_threshold",
        groups=ADMIN,
        help="0 to 1: replies the offline reader is less sure about are read by Claude too.",
    )
    collection_llm_monthly_token_cap = fields.Integer(
        string="Monthly Token Cap",
        config_parameter=PARAM_PREFIX + "monthly_token_cap",
        groups=ADMIN,
        help="Input and output tokens per calendar month (UTC); 0: no cap.",
    )
    collection_llm_monthly_cost_cap = fields.Float(
        string="Monthly Cost Cap (USD)",
        config_parameter=PARAM_PREFIX + "monthly_cost_cap",
        groups=ADMIN,
        help="Estimated USD per calendar month (UTC); 0: no cap.",
    )
    # No default here: Odoo deletes the parameter of an unticked box, so the "on" by
    # default comes from the parameter the module installs (data/ir_config_parameter).
    collection_llm_redact = fields.Boolean(
        string="Redact Names and Contact Details",
        config_parameter=PARAM_PREFIX + "redact",
        groups=ADMIN,
    )
    collection_llm_base_url = fields.Char(
        string="Claude API Base URL",
        config_parameter=PARAM_PREFIX + "base_url",
        groups=ADMIN,
        help="Empty: Anthropic's API. A proxy, or a local server in tests.",
    )
    collection_llm_month_summary = fields.Char(
        string="This Month", compute="_compute_collection_llm_month_summary", groups=ADMIN
    )

    @api.depends("collection_llm_mode")
    def _compute_collection_llm_month_summary(self):
        usage = self.env["ar.collection.llm.call"].sudo()._llm_month_usage()
        summary = self.env._(
            "%(calls)s calls, %(tokens)s tokens, about $%(cost).2f",
            calls=usage.calls,
            tokens=usage.tokens,
            cost=usage.cost,
        )
        for settings in self:
            settings.collection_llm_month_summary = summary

    @api.constrains(
        "collection_llm_confidence_threshold",
        "collection_llm_monthly_token_cap",
        "collection_llm_monthly_cost_cap",
    )
    def _check_collection_llm_values(self):
        for settings in self:
            if not 0.0 <= settings.collection_llm_confidence_threshold <= 1.0:
                raise ValidationError(
                    self.env._("The confidence below which Claude reads a reply is 0 to 1.")
                )
            if settings.collection_llm_monthly_token_cap < 0:
                raise ValidationError(self.env._("A monthly token cap cannot be negative."))
            if settings.collection_llm_monthly_cost_cap < 0:
                raise ValidationError(self.env._("A monthly cost cap cannot be negative."))

    def action_open_collection_llm_calls(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_llm_call_action"
        )
