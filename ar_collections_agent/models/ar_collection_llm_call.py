"""Claude as an optional brain, the Odoo side: the settings read from system
parameters, the client the reply reader and the composer use, and the call log that
is the client's usage store (so the monthly caps count across runs and workers)."""

import json
import logging
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime

from odoo import api, fields, models

from ar_collections_core.llm.client import make_client
from ar_collections_core.llm.settings import DEFAULT_MODEL, LlmSettings
from ar_collections_core.llm.usage import MonthUsage

_logger = logging.getLogger(__name__)

PARAM_PREFIX = "ar_collections_agent.llm_"
# Settings with no field on the settings screen may still be set as system parameters
# (ar_collections_agent.llm_<name>): timeouts, retries, the breaker, answer lengths.
_INTEGER_SETTINGS = {
    "max_retries",
    "breaker_threshold",
    "understanding_max_tokens",
    "drafting_max_tokens",
    "monthly_token_cap",
}
_BOOLEAN_SETTINGS = {"redact"}
_TEXT_SETTINGS = {"api_key", "model", "mode", "base_url"}
# A cap of 0 on the settings screen means "no cap".
_ZERO_IS_NONE = {"monthly_token_cap", "monthly_cost_cap"}
PURPOSES = [("understanding", "Understand a reply"), ("drafting", "Draft a reminder")]
OUTCOMES = [
    ("ok", "Used"),
    ("fallback", "Fallback (offline)"),
    ("rejected", "Rejected by the checks"),
    ("error", "Error"),
]


def _convert(name, raw):
    """A system parameter's text as the LlmSettings value (ValueError when unreadable)."""
    raw = raw.strip()
    if name in _TEXT_SETTINGS:
        return raw
    if name in _BOOLEAN_SETTINGS:
        return raw.lower() in ("1", "true", "yes", "on")
    if name == "prices":
        return {model: tuple(price) for model, price in json.loads(raw).items()}
    value = int(float(raw)) if name in _INTEGER_SETTINGS else float(raw)
    if name in _ZERO_IS_NONE and not value:
        return None
    return value


class OdooUsageStore:
    """The core's UsageStore over ``ar.collection.llm.call``: one row per call, linked
    to the reply or decision it was made for; the month's totals read back by SQL
    aggregation (UTC months, like the core)."""

    def __init__(self, env, links=None):
        self.env = env
        self.links = dict(links or {})

    def add(self, record):
        values = self.env["ar.collection.llm.call"]._values_from_usage(record)
        values.update(self.links)
        self.env["ar.collection.llm.call"].sudo().create(values)

    def month_usage(self, month):
        start = datetime.strptime(month + "-01", "%Y-%m-%d")
        end = start.replace(year=start.year + 1, month=1) if start.month == 12 else None
        end = end or start.replace(month=start.month + 1)
        groups = (
            self.env["ar.collection.llm.call"]
            .sudo()
            ._read_group(
                [("date", ">=", start), ("date", "<", end)],
                ["called", "outcome"],
                ["__count", "input_tokens:sum", "output_tokens:sum", "cost:sum"],
            )
        )
        calls = skipped = tokens_in = tokens_out = 0
        cost = 0.0
        outcomes = {}
        for called, outcome, count, t_in, t_out, spent in groups:
            if called:
                calls += count
            else:
                skipped += count
            tokens_in += t_in or 0
            tokens_out += t_out or 0
            cost += spent or 0.0
            status = "fallback" if outcome == "error" else outcome
            outcomes[status] = outcomes.get(status, 0) + count
        return MonthUsage(
            month=month,
            calls=calls,
            skipped=skipped,
            input_tokens=tokens_in,
            output_tokens=tokens_out,
            cost=round(cost, 6),
            outcomes=outcomes,
        )


class ArCollectionLlmCall(models.Model):
    """One request to Claude (or one skipped before any request), for the admins: what
    it cost and what came of it. Written by the agent only."""

    _name = "ar.collection.llm.call"
    _description = "Claude Call (Collections)"
    _order = "date desc, id desc"
    _rec_name = "purpose"

    date = fields.Datetime(required=True, readonly=True, index=True)
    purpose = fields.Selection(PURPOSES, required=True, readonly=True)
    model = fields.Char(readonly=True)
    called = fields.Boolean(
        string="Request Sent", readonly=True, help="Off: skipped before any request."
    )
    input_tokens = fields.Integer(string="Tokens In", readonly=True)
    output_tokens = fields.Integer(string="Tokens Out", readonly=True)
    total_tokens = fields.Integer(string="Tokens", readonly=True)
    latency_ms = fields.Integer(string="Latency (ms)", readonly=True)
    cost = fields.Float(string="Cost Estimate (USD)", digits=(12, 6), readonly=True)
    price_known = fields.Boolean(readonly=True)
    attempts = fields.Integer(readonly=True)
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    reason = fields.Char(readonly=True, help="Why it fell back or was rejected.")
    detail = fields.Text(readonly=True)
    request_id = fields.Char(readonly=True)
    reply_id = fields.Many2one("ar.collection.reply", readonly=True, ondelete="set null")
    decision_id = fields.Many2one("ar.collection.decision", readonly=True, ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)

    @api.model
    def _values_from_usage(self, record):
        """Field values of the core's UsageRecord (naive UTC date, as Odoo stores it)."""
        status, reason = record.status, record.reason
        if reason == "internal_error":
            status = "error"
        return {
            "date": record.at.astimezone(UTC).replace(tzinfo=None),
            "purpose": record.kind,
            "model": record.model,
            "called": record.called,
            "input_tokens": record.input_tokens,
            "output_tokens": record.output_tokens,
            "total_tokens": record.tokens,
            "latency_ms": record.latency_ms,
            "cost": record.cost,
            "price_known": record.price_known,
            "attempts": record.attempts,
            "outcome": status if status in dict(OUTCOMES) else "error",
            "reason": reason or False,
            "detail": record.detail or False,
            "request_id": record.request_id or False,
        }

    # -- settings and client -------------------------------------------------------------

    @api.model
    def _llm_settings(self):
        """The core's LlmSettings from the system parameters; an unreadable parameter
        is logged (by name, never its value) and left at the core's default, and
        settings the core refuses give mode "off"."""
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for spec in dataclass_fields(LlmSettings):
            raw = params.get_param(PARAM_PREFIX + spec.name)
            if raw in (None, False, ""):
                continue
            try:
                values[spec.name] = _convert(spec.name, str(raw))
            except (ValueError, TypeError, AttributeError):
                _logger.warning("collections: ignoring unreadable parameter %s", spec.name)
        values.setdefault("model", DEFAULT_MODEL)
        # Odoo deletes the parameter of an unticked box: no parameter is "off" (the
        # module installs it as True, so redaction is on until an admin unticks it).
        values.setdefault("redact", False)
        try:
            return LlmSettings.from_dict(values)
        except (ValueError, TypeError) as error:
            _logger.warning("collections: Claude is off, its settings are invalid: %s", error)
            return LlmSettings()

    @api.model
    def _llm_client(self, **links):
        """A client on the current settings whose calls are logged with ``links``
        (reply_id, decision_id, partner_id); None when Claude is off."""
        settings = self._llm_settings()
        if settings.mode == "off":
            return None
        return make_client(settings, usage_store=OdooUsageStore(self.env, links))

    @api.model
    def _llm_month_usage(self, moment=None):
        """This month's totals (UTC), for the settings screen."""
        moment = moment or datetime.now(UTC)
        return OdooUsageStore(self.env).month_usage(moment.strftime("%Y-%m"))
