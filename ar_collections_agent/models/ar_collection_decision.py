from datetime import timezone

from odoo import api, fields, models
from odoo.exceptions import UserError

from ar_collections_core.policy import Decision

ACTION_SELECTION = [
    ("remind", "Reminder"),
    ("statement", "Statement"),
    ("wait", "Wait"),
    ("pause", "Pause"),
    ("escalate", "Escalate"),
    ("none", "Nothing to do"),
    ("cancel", "Called off"),
]
CHANNEL_SELECTION = [
    ("email", "Email"),
    ("phone", "Phone call"),
    ("letter", "Letter"),
    ("sms", "SMS"),
]
STATE_SELECTION = [
    ("proposed", "Waiting for Approval"),
    ("approved", "Approved"),
    ("sent", "Done"),
    ("skipped", "No Contact"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
TONE_SELECTION = [
    ("courtesy", "Courtesy"),
    ("friendly", "Friendly"),
    ("neutral", "Neutral"),
    ("firm", "Firm"),
    ("final", "Final notice"),
]
OPEN_STATES = ("proposed", "approved", "failed")
CONTACT_ACTIONS = ("remind", "statement")


def reasons_text(reasons):
    """One reason per line, as the core words them."""
    return "\n".join(f"- {r['text']}" for r in reasons or ())


class ArCollectionDecision(models.Model):
    """What the agent decided about one customer in one run, why, on what inputs, and
    what came of it. Contacts and escalations carry a key unique per customer and
    local day (``ar_collections_core.policy.keys``): the database refuses a second."""

    _name = "ar.collection.decision"
    _description = "Collections Agent Decision"
    _inherit = ["mail.thread"]
    _order = "decided_at desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id.name", "idempotency_key"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda s: s.env.company
    )
    contact_id = fields.Many2one(
        "res.partner", string="Recipient", readonly=True, help="The customer's invoice contact."
    )
    salesperson_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    local_date = fields.Date(
        string="Customer's Date",
        required=True,
        readonly=True,
        index=True,
        help="The customer's local date when decided.",
    )
    origin = fields.Selection(
        [("cron", "Scheduled run"), ("manual", "Run by hand")], default="manual", readonly=True
    )
    mode = fields.Selection(
        [("off", "Off"), ("review", "Review"), ("autonomous", "Autonomous")], readonly=True
    )
    action = fields.Selection(ACTION_SELECTION, required=True, readonly=True, index=True)
    tone = fields.Selection(TONE_SELECTION, readonly=True)
    channel = fields.Selection(CHANNEL_SELECTION, readonly=True)
    payer_class = fields.Char(readonly=True)
    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_decision_account_move_rel",
        "decision_id",
        "move_id",
        string="Invoices",
        readonly=True,
    )
    state = fields.Selection(
        STATE_SELECTION, required=True, default="skipped", index=True, tracking=True
    )
    reason_text = fields.Text(string="Reasons", readonly=True)
    reasons = fields.Json(string="Reasons (structured)", readonly=True)
    snapshot = fields.Json(string="Inputs Seen", readonly=True)
    core_decision = fields.Json(readonly=True, help="The core's decision, as decided.")
    not_before = fields.Datetime(string="Earliest Send", readonly=True)
    wait_until = fields.Datetime(string="Look Again", readonly=True)
    needs_approval = fields.Boolean(readonly=True)
    approval_reason_text = fields.Text(string="Why Approval", readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_at = fields.Datetime(readonly=True)
    idempotency_key = fields.Char(readonly=True, copy=False)
    subject = fields.Char()
    body_html = fields.Html(string="Message", sanitize_style=True)
    body_edited = fields.Boolean(readonly=True, copy=False)
    lang = fields.Char(readonly=True)
    message_facts = fields.Json(readonly=True, help="The facts the message was composed from.")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments", readonly=True)
    message_id = fields.Many2one("mail.message", string="Sent Message", readonly=True)
    sent_at = fields.Datetime(readonly=True, index=True)
    answered = fields.Boolean(help="The customer replied to this contact.")
    escalation_cause = fields.Char(readonly=True)
    escalation_text = fields.Text(string="Escalation Summary", readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    activity_user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    error = fields.Text(readonly=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)

    _idempotency_key_unique = models.Constraint(
        "UNIQUE(idempotency_key)",
        "The agent already contacted (or escalated) this customer that day.",
    )
    _open_decision_idx = models.Index(
        "(partner_id, company_id) WHERE state IN ('proposed', 'approved', 'failed')"
    )

    @api.depends("partner_id", "action", "local_date")
    def _compute_display_name(self):
        actions = dict(ACTION_SELECTION)
        for decision in self:
            decision.display_name = self.env._(
                "%(customer)s: %(action)s (%(date)s)",
                customer=decision.partner_id.display_name or "",
                action=actions.get(decision.action, ""),
                date=decision.local_date or "",
            )

    # -- the core's view ---------------------------------------------------------------

    def _core(self):
        """The core Decision this record was made from (raises on a damaged record)."""
        self.ensure_one()
        if not self.core_decision:
            raise UserError(self.env._("Decision %(id)s has no core data.", id=self.id))
        return Decision.from_dict(self.core_decision)

    @api.model
    def _values_from_core(self, decision, snapshot_dict, info, origin):
        """Create values for the core ``decision`` about customer ``info``."""
        data = decision.to_dict()
        reasons = data["reasons"]
        approval = data["approval_reasons"]
        escalation = decision.escalation
        values = {
            "partner_id": info.partner_id,
            "contact_id": info.contact_id,
            "decided_at": _naive(decision.decided_at),
            "local_date": decision.local_date,
            "origin": origin,
            "mode": decision.mode,
            "action": decision.action,
            "tone": decision.tone or False,
            "channel": decision.channel or False,
            "payer_class": decision.payer_class,
            "invoice_ids": [fields.Command.set([int(i) for i in decision.invoice_ids])],
            "reason_text": reasons_text(reasons),
            "reasons": reasons,
            "snapshot": snapshot_dict,
            "core_decision": data,
            "not_before": _naive(decision.not_before),
            "wait_until": _naive(decision.wait_until),
            "needs_approval": decision.needs_approval,
            "approval_reason_text": reasons_text(approval),
            "idempotency_key": decision.idempotency_key or False,
            "lang": info.lang,
        }
        if escalation:
            values["escalation_cause"] = escalation.cause
            values["escalation_text"] = escalation.summary.text if escalation.summary else ""
        if decision.action in CONTACT_ACTIONS:
            values["state"] = "proposed" if decision.needs_approval else "approved"
        elif decision.action == "escalate":
            values["state"] = "approved"
        else:
            values["state"] = "skipped"
        return values

    def _record_core(self, decision):
        """Store a re-checked core ``decision`` on this record (reasons, invoices, tone)."""
        self.ensure_one()
        data = decision.to_dict()
        self.write(
            {
                "core_decision": data,
                "reasons": data["reasons"],
                "reason_text": reasons_text(data["reasons"]),
                "tone": decision.tone or False,
                "invoice_ids": [fields.Command.set([int(i) for i in decision.invoice_ids])],
                "needs_approval": self.needs_approval or decision.needs_approval,
                "approval_reason_text": reasons_text(data["approval_reasons"])
                or self.approval_reason_text,
            }
        )

    # -- user actions --------------------------------------------------------------------

    def write(self, vals):
        if {"subject", "body_html"} & set(vals) and not self.env.context.get("agent_write"):
            if self.filtered(lambda d: d.state not in ("proposed", "failed")):
                raise UserError(self.env._("Only a message waiting for approval can be edited."))
            vals = dict(vals, body_edited=True)
        return super().write(vals)

    def action_approve(self):
        """Approve the selected proposals; those already inside their sending window go
        out now (after the re-check), the others at the next hourly run."""
        todo = self.filtered(lambda d: d.state == "proposed")
        if not todo:
            raise UserError(self.env._("Select decisions waiting for approval."))
        todo.write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_at": fields.Datetime.now(),
            }
        )
        self.env["ar.collection.escalation"]._close_proposal_cases(todo, "proposal_approved")
        # The agent posts on the customer's chatter as the company, whoever approves.
        self.env["ar.collection.agent"].sudo()._send_decisions(todo.sudo(), _utcnow())
        return True

    def action_reject(self):
        todo = self.filtered(lambda d: d.state in OPEN_STATES)
        if not todo:
            raise UserError(self.env._("Select decisions waiting for approval or failed."))
        for decision in todo:
            decision._cancel(self.env._("Rejected by %(user)s.", user=self.env.user.name))
        self.env["ar.collection.escalation"]._close_proposal_cases(todo, "proposal_rejected")
        return True

    def action_retry(self):
        failed = self.filtered(lambda d: d.state == "failed")
        failed.check_access("write")
        self.env["ar.collection.agent"].sudo()._send_decisions(failed.sudo(), _utcnow())
        return True

    def action_run_agent_now(self):
        """Decide again, now, for the customers of the selected decisions."""
        return self.partner_id.action_run_collection_agent()

    def _cancel(self, why):
        """Call off these decisions; a cancelled one sent nothing, so it frees its day
        (its key) for a later decision."""
        for decision in self:
            decision.with_context(agent_write=True, tracking_disable=True).write(
                {
                    "state": "cancelled",
                    "idempotency_key": False,
                    "reason_text": f"- {why}\n{decision.reason_text or ''}".strip(),
                }
            )

    def _fail(self, error):
        self.ensure_one()
        self.with_context(agent_write=True, tracking_disable=True).write(
            {"state": "failed", "error": error, "attempt_count": self.attempt_count + 1}
        )

    def _timezone(self):
        self.ensure_one()
        return (self.snapshot or {}).get("timezone") or "UTC"


def _naive(moment):
    """An aware datetime as Odoo stores it (naive UTC); None stays False."""
    if not moment:
        return False
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _utcnow():
    return fields.Datetime.now().replace(tzinfo=timezone.utc)
