from odoo import Command, api, fields, models

from .ar_collection_decision import (
    ACTION_SELECTION,
    CHANNEL_SELECTION,
    CONTACT_ACTIONS,
    TONE_SELECTION,
)

STRATEGIC = "strategic_account"
DISPUTE_DEADLINE = "dispute_deadline"


class ArCollectionEscalation(models.Model):
    """The two causes opened by the addon's own records rather than the agent's
    escalation decisions: a strategic account's contact waiting for approval, and a
    dispute past its response deadline. Neither blocks contact
    (``ar_collections_core.policy.cases.BLOCKING_CAUSES``)."""

    _inherit = "ar.collection.escalation"

    outcome = fields.Selection(
        selection_add=[
            ("proposal_approved", "Proposed contact approved"),
            ("proposal_rejected", "Proposed contact rejected"),
            ("dispute_settled", "Dispute settled"),
        ],
        ondelete={
            "proposal_approved": "set null",
            "proposal_rejected": "set null",
            "dispute_settled": "set null",
        },
    )

    # -- strategic accounts ------------------------------------------------------------

    @api.model
    def _sync_strategic_cases(self, decisions):
        """After a run: each strategic customer's contact waiting for approval gets
        (or refreshes) its strategic_account case, linked to the proposal; a strategic
        case whose customer was decided again without a proposal is closed."""
        proposals = decisions.filtered(
            lambda d: (
                d.state == "proposed"
                and d.action in CONTACT_ACTIONS
                and d.partner_id.commercial_partner_id.collection_segment == "strategic"
            )
        )
        requests = [
            {
                "partner": decision.partner_id,
                "company": decision.company_id,
                "cause": STRATEGIC,
                "reasons": [self._proposal_text(decision)],
                "invoices": decision.invoice_ids,
                "decision": decision,
            }
            for decision in proposals
        ]
        cases = self._escalate_many(requests) if requests else []
        for decision, case in zip(proposals, cases, strict=True):
            if case.decision_id != decision:  # a refreshed case follows the newest proposal
                case.sudo().write(
                    {
                        "decision_id": decision.id,
                        "invoice_ids": [Command.set(decision.invoice_ids.ids)],
                    }
                )
        proposed = {(d.partner_id.id, d.company_id.id) for d in proposals}
        decided = {(d.partner_id.id, d.company_id.id) for d in decisions} - proposed
        if not decided:
            return
        stale = (
            self.sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("cause", "=", STRATEGIC),
                    ("partner_id", "in", [p for p, _c in decided]),
                ]
            )
            .filtered(lambda c: (c.partner_id.id, c.company_id.id) in decided)
        )
        stale._record_outcome(
            "no_action",
            self.env._("The agent decided again: no contact waits for approval any more."),
        )

    def _proposal_text(self, decision):
        """What is proposed, in words: tone, kind, channel, invoices and subject."""
        labels = dict(TONE_SELECTION), dict(ACTION_SELECTION), dict(CHANNEL_SELECTION)
        text = self.env._(
            "Waiting for approval: %(tone)s %(action)s by %(channel)s about %(invoices)s.",
            tone=labels[0].get(decision.tone, ""),
            action=labels[1].get(decision.action, "").lower(),
            channel=labels[2].get(decision.channel or "email", "").lower(),
            invoices=", ".join(decision.invoice_ids.mapped("name")) or self.env._("the account"),
        )
        if decision.subject:
            text += " " + self.env._("Subject: %(subject)s", subject=decision.subject)
        return text

    @api.model
    def _close_proposal_cases(self, decisions, outcome):
        """A person approved or rejected these proposals: their strategic cases are
        closed with ``outcome``; closing sends nothing (the approval does)."""
        cases = self.sudo().search(
            [
                ("state", "=", "open"),
                ("cause", "=", STRATEGIC),
                ("decision_id", "in", decisions.ids),
            ]
        )
        cases._record_outcome(outcome, self.env._("By %(user)s.", user=self.env.user.name))

    # -- disputes past their deadline ----------------------------------------------------

    @api.model
    def _escalate_dispute(self, dispute, owner, why):
        """The owner's reminder of a dispute past its response deadline, as a
        dispute_deadline case on the disputed invoices. Returns the case."""
        case = self._escalate(
            dispute.partner_id,
            DISPUTE_DEADLINE,
            [why],
            invoices=dispute.invoice_ids,
            user=owner,
            company=dispute.company_id,
            deadline=dispute.date_deadline or fields.Date.context_today(self),
        )
        missing = dispute.invoice_ids - case.invoice_ids  # a second dispute, same customer
        if missing:
            case.sudo().invoice_ids = [Command.link(i) for i in missing.ids]
        return case

    @api.model
    def _settle_dispute_cases(self, dispute, note):
        """``dispute`` was closed: its deadline case is closed, or keeps only the
        invoices of the customer's disputes still open."""
        cases = self.sudo().search(
            [
                ("state", "=", "open"),
                ("cause", "=", DISPUTE_DEADLINE),
                ("company_id", "=", dispute.company_id.id),
                ("partner_id", "=", dispute.partner_id.commercial_partner_id.id),
                ("invoice_ids", "in", dispute.invoice_ids.ids),
            ]
        )
        if not cases:
            return
        still_disputed = (
            self.env["ar.collection.dispute"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("company_id", "=", dispute.company_id.id),
                    ("partner_id", "=", dispute.partner_id.id),
                ]
            )
            .invoice_ids
        )
        for case in cases:
            remaining = case.invoice_ids & still_disputed
            if remaining:
                case.invoice_ids = [Command.set(remaining.ids)]
                case.message_post(
                    body=note, subtype_xmlid="ar_collections_agent.mt_collection_note"
                )
            else:
                case._record_outcome("dispute_settled", note)
