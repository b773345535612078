from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ar_collections_core.disputes import dispute_deadline, needs_owner_reminder, outcome_reason
from ar_collections_core.ledger import Dispute
from ar_collections_core.policy import CollectionPolicy

from ..tools import dispute_outcome

DISPUTE_STATES = [
    ("open", "Open"),
    ("resolved", "Resolved"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
DISPUTE_REASONS = [
    ("price", "Price"),
    ("quantity", "Quantity / not received"),
    ("quality", "Quality"),
    ("duplicate", "Duplicate invoice"),
    ("missing_po", "Missing PO"),
    ("tax", "Tax"),
    ("service", "Service level"),
    ("other", "Other"),
]


CORE_RESPONSE_DAYS = CollectionPolicy().dispute_response_days  # before a customer is set


class ArCollectionDispute(models.Model):
    """A customer's objection to some invoices. While it is open, those invoices (and
    only those) are not chased."""

    _name = "ar.collection.dispute"
    _description = "Invoice Dispute"
    _inherit = ["ar.collection.case.mixin"]
    _order = "date desc, id desc"

    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_dispute_account_move_rel",
        "dispute_id",
        "move_id",
        string="Invoices",
        required=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
    )
    date = fields.Date(string="Opened On")
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, tracking=True)
    amount = fields.Monetary(string="Disputed Amount")
    reason = fields.Selection(DISPUTE_REASONS, required=True, default="other", tracking=True)
    description = fields.Text(help="What the customer says is wrong.")
    user_id = fields.Many2one(string="Owner", help="Who sorts the dispute out.")
    state = fields.Selection(
        DISPUTE_STATES, required=True, default="open", tracking=True, index=True, copy=False
    )
    resolution = fields.Text(
        string="Resolution Note",
        tracking=True,
        help="How it was settled; for a rejection, the explanation sent to the customer.",
    )
    date_deadline = fields.Date(
        string="Answer By",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="The response deadline: the opening date plus the policy's dispute response "
        "days. The owner is reminded once it passes.",
    )
    reminded_on = fields.Date(string="Owner Reminded On", readonly=True, copy=False)
    credit_note_ids = fields.Many2many(
        "account.move",
        "ar_collection_dispute_credit_note_rel",
        "dispute_id",
        "move_id",
        string="Credit Notes",
        copy=False,
        domain="[('move_type', '=', 'out_refund'), ('commercial_partner_id', '=', partner_id),"
        " ('company_id', '=', company_id), ('state', '!=', 'cancel')]",
        help="The credit notes that settle the dispute: it is resolved once they are posted.",
    )
    days_to_resolve = fields.Integer(
        string="Days to Close",
        compute="_compute_days_to_resolve",
        store=True,
        aggregator="avg",
        help="Days from opening to closing.",
    )
    outcome_sent = fields.Boolean(
        readonly=True, copy=False, help="The customer was told the outcome."
    )

    _deadline_after_opening = models.Constraint(
        "CHECK(date_deadline IS NULL OR date IS NULL OR date_deadline >= date)",
        "A dispute's answer-by date cannot come before the day it was opened.",
    )

    @api.depends("date", "company_id", "partner_id")
    def _compute_date_deadline(self):
        Policy = self.env["ar.collection.policy"]
        for dispute in self:
            if not dispute.date:
                dispute.date_deadline = False
                continue
            company = dispute.company_id or self.env.company
            days = CORE_RESPONSE_DAYS
            if dispute.partner_id:
                days = Policy._get_effective_policy(
                    dispute.partner_id, company
                ).dispute_response_days
            dispute.date_deadline = dispute_deadline(dispute.date, days)

    @api.depends("date", "date_closed")
    def _compute_days_to_resolve(self):
        for dispute in self:
            if dispute.date and dispute.date_closed:
                dispute.days_to_resolve = (dispute.date_closed - dispute.date).days
            else:
                dispute.days_to_resolve = 0

    @api.model
    def _default_owner(self, invoices, company):
        """The invoices' salesperson, else the company's collections manager."""
        for user in invoices.invoice_user_id:
            if user.active and not user.share:
                return user
        return self.env["ar.collection.policy"]._collections_manager_user(company)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("user_id"):
                ids = self._invoice_ids_from_commands(vals.get("invoice_ids"))
                invoices = self.env["account.move"].browse(ids)
                company = self.env["res.company"].browse(vals.get("company_id")) or (
                    invoices[:1].company_id or self.env.company
                )
                vals["user_id"] = self._default_owner(invoices, company).id
        return super().create(vals_list)

    @api.depends("partner_id", "reason", "invoice_ids")
    def _compute_display_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for dispute in self:
            dispute.display_name = self.env._(
                "%(customer)s: %(reason)s on %(invoices)s",
                customer=dispute.partner_id.display_name or "",
                reason=reasons.get(dispute.reason, ""),
                invoices=", ".join(dispute.invoice_ids.mapped("name")),
            )

    @api.constrains("amount", "invoice_ids", "partner_id", "company_id", "currency_id", "state")
    def _check_invoices_and_amount(self):
        self._check_case_invoices(require_invoices=True)  # first: the clearer message
        for dispute in self:
            if dispute.amount <= 0:
                raise ValidationError(self.env._("A dispute needs a positive disputed amount."))
            # An open dispute can contest at most what is still due; a closed one is
            # history and may concern an invoice paid since.
            if dispute.state == "open":
                limit = dispute._open_residual()
                label = self.env._("still due")
            else:
                limit = sum(dispute.invoice_ids.mapped("amount_total"))
                label = self.env._("invoiced")
            if (
                dispute.invoice_ids
                and dispute.currency_id.compare_amounts(dispute.amount, limit) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The disputed amount %(amount)s is more than the %(limit)s %(label)s "
                        "on %(invoices)s.",
                        amount=dispute.currency_id.format(dispute.amount),
                        limit=dispute.currency_id.format(limit),
                        label=label,
                        invoices=", ".join(dispute.invoice_ids.mapped("name")),
                    )
                )

    @api.constrains("date", "date_closed")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for dispute in self:
            if dispute.date > today:
                raise ValidationError(self.env._("A dispute cannot be opened in the future."))
            if dispute.date_closed and dispute.date_closed < dispute.date:
                raise ValidationError(self.env._("A dispute cannot close before it opened."))

    def _core_dispute(self):
        self.ensure_one()
        return Dispute(
            id=self.id,
            invoice_ids=tuple(self.invoice_ids.ids),
            amount=self.amount_company,
            reason=self.reason,
            state=self.state,
            opened=self.date,
            closed=self.date_closed or None,
        )

    # -- outcomes --------------------------------------------------------------------------

    def _close(self, state, origin="manual"):
        """Close the open ones as ``state``, log the outcome as a decision with its
        reasons, and tell the customer a resolution or a rejection (dispute outcome
        template), and close their deadline case. Dunning resumes on what is still due
        on their invoices."""
        today = fields.Date.context_today(self)
        for dispute in self.filtered(lambda d: d.state == "open"):
            why = outcome_reason(
                state,
                explanation=dispute.resolution or "",
                credit_notes=tuple(
                    dispute.credit_note_ids.filtered(lambda m: m.state == "posted").mapped("name")
                ),
            )
            dispute.write({"state": state, "date_closed": today})
            reasons = [why]
            if state in ("resolved", "rejected"):
                reasons.append(dispute_outcome.send_outcome(dispute))
            owner = dispute.user_id
            dispute.activity_ids.filtered(lambda a, u=owner: a.user_id == u).action_feedback(
                feedback=why.text
            )
            self.env["ar.collection.escalation"]._settle_dispute_cases(dispute, why.text)
            self.env["ar.collection.decision"]._log_case_event(
                dispute, reasons, origin=origin, inputs=dispute._core_dispute()
            )
        return True

    def action_resolve(self):
        return self._close("resolved")

    def action_reject(self):
        missing = self.filtered(lambda d: d.state == "open" and not (d.resolution or "").strip())
        if missing:
            raise UserError(
                self.env._(
                    "Write in the Resolution Note why the dispute is rejected: the customer "
                    "receives this explanation (%(disputes)s).",
                    disputes=", ".join(missing.mapped("display_name")),
                )
            )
        return self._close("rejected")

    def action_withdraw(self):
        return self._close("withdrawn")

    def action_reopen(self):
        self.filtered(lambda d: d.state != "open").write(
            {"state": "open", "date_closed": False, "outcome_sent": False}
        )
        return True

    def action_create_credit_note(self):
        """Odoo's reversal wizard on the disputed invoices; the credit note it posts is
        linked to this dispute and resolves it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_view_account_move_reversal"
        )
        action["context"] = {
            "active_model": "account.move",
            "active_ids": self.invoice_ids.ids,
            "default_reason": self.description or self.display_name,
        }
        return action

    def _link_credit_notes(self, credit_notes, origin="manual"):
        """Link these posted customer credit notes to the open disputes of the invoices
        they reverse or were matched with, and resolve those disputes."""
        credit_notes = credit_notes.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted"
        )
        for credit_note in credit_notes:
            invoices = credit_note.reversed_entry_id | credit_note._collection_matched_invoices()
            disputes = self.sudo().search(
                [("state", "=", "open"), ("invoice_ids", "in", invoices.ids)]
            )
            for dispute in disputes:
                dispute.credit_note_ids = [fields.Command.link(credit_note.id)]
                dispute._close("resolved", origin=origin)

    # -- the daily check -------------------------------------------------------------------

    @api.model
    def _cron_check_disputes(self, batch_size=200):
        """Daily: open disputes whose credit notes are posted are resolved; those past
        their response deadline get a dispute_deadline case for their owner (logged)."""
        cron = self.env["ir.cron"]
        todo = self.sudo().search([("state", "=", "open")], order="company_id, id")
        remaining = len(todo)
        cron._commit_progress(remaining=remaining)
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            locked = batch.try_lock_for_update(allow_referencing=True)
            locked.filtered(lambda d: d.state == "open")._check_open(origin="cron")
            remaining -= len(batch)
            if not cron._commit_progress(len(batch), remaining=remaining):
                break

    def _check_open(self, origin="cron"):
        today = fields.Date.context_today(self)
        Policy = self.env["ar.collection.policy"]
        for dispute in self:
            if dispute.credit_note_ids and all(
                m.state == "posted" for m in dispute.credit_note_ids
            ):
                dispute._close("resolved", origin=origin)
                continue
            policy = Policy._get_effective_policy(dispute.partner_id, dispute.company_id)
            days = (
                (dispute.date_deadline - dispute.date).days
                if dispute.date_deadline and dispute.date
                else policy.dispute_response_days
            )
            days = max(days, 0)  # a deadline set before the opening: due at once
            why = needs_owner_reminder(
                dispute._core_dispute(), today, days, dispute.reminded_on or None
            )
            if why is None:
                continue
            owner = (
                dispute.user_id
                if dispute.user_id.active
                else dispute._default_owner(dispute.invoice_ids, dispute.company_id)
            )
            case = self.env["ar.collection.escalation"]._escalate_dispute(dispute, owner, why.text)
            dispute.reminded_on = today
            self.env["ar.collection.decision"]._log_case_event(
                dispute,
                [why],
                origin=origin,
                inputs=dispute._core_dispute(),
                activity=case.activity_id,
            )

    def _next_step(self):
        """What comes next for this dispute, for worklists: ``code`` (answer_customer |
        none), ``text``, ``date`` (the response deadline) and ``user_id`` (the owner)."""
        self.ensure_one()
        if self.state != "open":
            return {"code": "none", "text": self.env._("Closed."), "date": False, "user_id": False}
        return {
            "code": "answer_customer",
            "text": self.env._(
                "Resolve it with a credit note, or reject it with an explanation for the "
                "customer, by %(date)s.",
                date=self.date_deadline,
            ),
            "date": self.date_deadline,
            "user_id": self.user_id.id,
        }
