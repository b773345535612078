import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from .ar_collection_case_mixin import CUSTOMER_INVOICE_TYPES, SETTLED_PAYMENT_STATES

_logger = logging.getLogger(__name__)

# An invoice falling due within this many days is "due" rather than "not due".
DUE_SOON_DAYS = 7

COLLECTION_STATES = [
    ("not_due", "Not due"),
    ("due", "Due"),
    ("overdue", "Overdue"),
    ("promised", "Promised"),
    ("disputed", "Disputed"),
    ("excluded", "Excluded"),
    ("escalated", "Escalated"),
    ("paid", "Paid"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    payment_predicted_date = fields.Date(
        string="Predicted Payment",
        readonly=True,
        copy=False,
        help="When this customer will most likely pay this invoice, from their own "
        "payment history (refreshed nightly).",
    )
    collection_state = fields.Selection(
        COLLECTION_STATES,
        compute="_compute_collection_state",
        search="_search_collection_state",
        help="Where this invoice stands for collections, as of today: paid, excluded "
        "from follow-up, disputed, escalated to a person, promised, overdue, due within "
        "a week, or not due.",
    )
    collection_promise_ids = fields.Many2many(
        "ar.collection.promise",
        "ar_collection_promise_account_move_rel",
        "move_id",
        "promise_id",
        string="Promises to Pay",
        readonly=True,
        copy=False,
    )
    collection_dispute_ids = fields.Many2many(
        "ar.collection.dispute",
        "ar_collection_dispute_account_move_rel",
        "move_id",
        "dispute_id",
        string="Disputes",
        readonly=True,
        copy=False,
    )
    collection_promised_date = fields.Date(
        string="Promised For",
        compute="_compute_collection_promise_dispute",
        help="The date of the open promise to pay this invoice.",
    )
    collection_promise_count = fields.Integer(compute="_compute_collection_promise_dispute")
    collection_dispute_count = fields.Integer(compute="_compute_collection_promise_dispute")
    collection_escalated = fields.Boolean(
        string="Escalated",
        copy=False,
        tracking=True,
        help="A person handles the collection of this invoice.",
    )

    # The profile refresh reads a customer's receivables by commercial entity.
    _collection_customer_idx = models.Index(
        "(commercial_partner_id, company_id) WHERE state = 'posted'"
        " AND move_type IN ('out_invoice', 'out_refund', 'out_receipt')"
    )

    # -- collection state ----------------------------------------------------------------

    @api.model
    def _collection_state_rules(self, today):
        """(state, domain) in order of precedence: an invoice takes the first state
        whose domain it matches. The same rules serve the compute and the search."""
        receivable_excluded = Domain(
            "line_ids",
            "any",
            [("account_type", "=", "asset_receivable"), ("no_followup", "=", True)],
        )
        return [
            ("paid", Domain("payment_state", "in", SETTLED_PAYMENT_STATES)),
            ("excluded", Domain("payment_state", "=", "blocked") | receivable_excluded),
            ("disputed", Domain("collection_dispute_ids", "any", [("state", "=", "open")])),
            ("escalated", Domain("collection_escalated", "=", True)),
            ("promised", Domain("collection_promise_ids", "any", [("state", "=", "open")])),
            ("overdue", Domain("invoice_date_due", "<", today)),
            ("due", Domain("invoice_date_due", "<=", today + timedelta(days=DUE_SOON_DAYS))),
            ("not_due", Domain.TRUE),
        ]

    @api.model
    def _collection_state_scope(self):
        return Domain("move_type", "in", CUSTOMER_INVOICE_TYPES) & Domain("state", "=", "posted")

    @api.depends(
        "move_type",
        "state",
        "payment_state",
        "invoice_date_due",
        "line_ids.no_followup",
        "collection_dispute_ids.state",
        "collection_promise_ids.state",
        "collection_escalated",
    )
    def _compute_collection_state(self):
        today = fields.Date.context_today(self)
        rules = self._collection_state_rules(today)
        for move in self:
            state = False
            if move.move_type in CUSTOMER_INVOICE_TYPES and move.state == "posted":
                state = next(name for name, rule in rules if move.filtered_domain(rule))
            move.collection_state = state

    def _search_collection_state(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        wanted = []
        before = Domain.TRUE  # none of the states that take precedence
        for state, rule in self._collection_state_rules(today):
            if state in value:
                wanted.append(before & rule)
            before &= ~rule
        return self._collection_state_scope() & Domain.OR(wanted)

    @api.depends("collection_promise_ids.state", "collection_dispute_ids.state")
    def _compute_collection_promise_dispute(self):
        for move in self:
            open_promises = move.collection_promise_ids.filtered(lambda p: p.state == "open")
            move.collection_promised_date = max(
                open_promises.mapped("promised_date"), default=False
            )
            move.collection_promise_count = len(move.collection_promise_ids)
            move.collection_dispute_count = len(move.collection_dispute_ids)

    # -- actions -------------------------------------------------------------------------

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if message.message_type == "email" and len(self) == 1:
            # a customer's email: the collections agent reads it (never raises)
            self.env["ar.collection.reply"]._on_inbound_email(self, message)
        return result

    def action_log_collection_promise(self):
        return self.env["ar.collection.promise.wizard"]._action_open(invoices=self)

    def action_open_collection_dispute(self):
        return self.env["ar.collection.dispute.wizard"]._action_open(invoices=self)

    def action_view_collection_promises(self):
        self.ensure_one()
        return self.collection_promise_ids._action_view(
            self.env._("Promises to pay: %(invoice)s", invoice=self.name),
            {"default_invoice_ids": self.ids, "default_partner_id": self.commercial_partner_id.id},
        )

    def action_view_collection_disputes(self):
        self.ensure_one()
        return self.collection_dispute_ids._action_view(
            self.env._("Disputes: %(invoice)s", invoice=self.name),
            {"default_invoice_ids": self.ids, "default_partner_id": self.commercial_partner_id.id},
        )

    # -- promises and disputes follow the ledger -------------------------------------------

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        credit_notes = posted.filtered(
            lambda m: m.move_type == "out_refund" and m.reversed_entry_id.collection_dispute_ids
        )
        if credit_notes:
            try:
                with self.env.cr.savepoint():
                    disputes = self.env["ar.collection.dispute"]
                    disputes._link_credit_notes(credit_notes, origin="event")
            except Exception as error:  # never block a posting
                self.env.invalidate_all()
                _logger.warning("collections: resolving disputes failed: %s", error)
        return posted

    def _collection_matched_invoices(self):
        """The customer invoices this document's receivable lines are matched with."""
        lines = self.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        counterparts = (
            lines.matched_debit_ids.debit_move_id | lines.matched_credit_ids.credit_move_id
        )
        return counterparts.move_id.filtered(lambda m: m.move_type in CUSTOMER_INVOICE_TYPES)

    def _collection_after_settlement(self):
        """Money or a credit note was just applied to these documents: promises on the
        invoices are checked at once, and a credit note matched with a disputed invoice
        resolves the dispute."""
        invoices = self.filtered(lambda m: m.move_type in CUSTOMER_INVOICE_TYPES)
        if invoices:
            promises = (
                self.env["ar.collection.promise"]
                .sudo()
                .search([("state", "=", "open"), ("invoice_ids", "in", invoices.ids)])
            )
            if promises:
                self.env.flush_all()
                promises._check_outcome(origin="event")
        credit_notes = self.filtered(lambda m: m.move_type == "out_refund" and m.state == "posted")
        if credit_notes:
            self.env["ar.collection.dispute"]._link_credit_notes(credit_notes, origin="event")
