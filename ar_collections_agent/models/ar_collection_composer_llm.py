"""Claude drafts the reminder; the core's fact guard decides whether it goes out.

A separate layer over the composer, the agent and the decision: the composer asks
for a draft when the settings allow drafting, the agent tells the call log which
decision a draft was for, and the decision shows the draft next to the facts."""

import json
import logging

from odoo import api, fields, models
from odoo.tools import plaintext2html

from ar_collections_core.llm.drafting import draft_reminder

_logger = logging.getLogger(__name__)

DECISION_KEY = "ar_collection_llm_decision_id"


# Kept in its own file on purpose: one concern per file, each well under 500 lines.
class ArCollectionComposer(models.AbstractModel):
    _inherit = "ar.collection.composer"  # pylint: disable=consider-merging-classes-inherited

    def _llm_draft(self, facts, partner, recipient, company, kind, subject, body):
        """(subject, body_html, log): Claude's draft when drafting is on and the draft
        passed the fact guard, else the template's ``subject`` and ``body`` unchanged.
        ``log`` (None when Claude was not asked) goes into the message facts: outcome,
        the facts sent, the draft and why it was rejected. Never raises."""
        if kind != "reminder":
            return subject, body, None  # a statement lists every open item, as rendered
        try:
            client = self.env["ar.collection.llm.call"]._llm_client(
                decision_id=self.env.context.get(DECISION_KEY) or False,
                partner_id=partner.id,
            )
            if client is None or not client.settings.drafting_enabled:
                return subject, body, None
            policy = self.env["ar.collection.policy"]._get_effective_policy(partner, company)
            drafted = draft_reminder(
                facts,
                client=client,
                max_tone=policy.max_tone,  # never firmer than the policy allows
                contact_name=recipient.name or partner.name or None,
                sender_name=company.name or None,
            )
        except Exception:
            _logger.exception("collections: drafting for %s failed", partner.id)
            return subject, body, {"outcome": "fallback:internal_error", "source": "template"}
        new_subject, text, source = drafted.message_or(subject, body)
        log = {
            "outcome": drafted.outcome,
            "source": source,
            "tone": drafted.tone,
            "problems": [{"code": p.code, "text": p.text} for p in drafted.problems],
            "facts_sent": drafted.facts_sent,
            "draft": drafted.rejected_text or f"{drafted.subject}\n\n{drafted.body}".strip(),
            "needs_approval": drafted.needs_approval,
            "sensitive": list(drafted.sensitive),
        }
        if source == "llm":
            return new_subject, plaintext2html(text), log
        return subject, body, log


class ArCollectionDecision(models.Model):
    _inherit = "ar.collection.decision"

    llm_outcome = fields.Char(string="Claude's Draft", compute="_compute_llm_draft")
    llm_source = fields.Selection(
        [("llm", "Claude's draft"), ("template", "Template")],
        string="Message Written By",
        compute="_compute_llm_draft",
    )
    llm_draft = fields.Text(string="Draft", compute="_compute_llm_draft")
    llm_facts = fields.Text(string="Facts Given", compute="_compute_llm_draft")
    llm_problems = fields.Text(string="Why Rejected", compute="_compute_llm_draft")
    llm_call_ids = fields.One2many(
        "ar.collection.llm.call", "decision_id", groups="base.group_system"
    )

    @api.depends("message_facts")
    def _compute_llm_draft(self):
        for decision in self:
            log = (decision.message_facts or {}).get("llm") or {}
            problems = log.get("problems") or ()
            decision.llm_outcome = log.get("outcome") or False
            decision.llm_source = log.get("source") or False
            decision.llm_draft = log.get("draft") or False
            decision.llm_facts = (
                json.dumps(log["facts_sent"], indent=2, ensure_ascii=False)
                if log.get("facts_sent")
                else False
            )
            decision.llm_problems = (
                "\n".join(f"- {p.get('code')}: {p.get('text')}" for p in problems) or False
            )
