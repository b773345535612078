from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ar_collections_core.ledger import Promise
from ar_collections_core.policy.decision import reason
from ar_collections_core.promises import (
    evaluate_promise,
    evaluate_promises,
    promise_deadline,
    supersedes,
)

from ..tools import ledger_sql, profile_refresh

PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("partial", "Partially kept"),
    ("broken", "Broken"),
    ("superseded", "Superseded"),
    ("cancelled", "Cancelled"),
]
CHECK_BATCH = 200  # promises evaluated per committed step of the daily check
PROMISE_SOURCES = [
    ("email", "Email reply"),
    ("phone", "Phone call"),
    ("manual", "Manual"),
]


class ArCollectionPromise(models.Model):
    _name = "ar.collection.promise"
    _description = "Promise to Pay"
    _inherit = ["ar.collection.case.mixin"]
    _order = "promised_date desc, id desc"

    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_promise_account_move_rel",
        "promise_id",
        "move_id",
        string="Invoices",
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
        help="The invoices this promise covers; none means a payment on account.",
    )
    date = fields.Date(string="Promised On", help="When the customer made the promise.")
    promised_date = fields.Date(
        string="Payment Date",
        required=True,
        tracking=True,
        index=True,
        help="The date by which the customer promised to pay.",
    )
    source = fields.Selection(PROMISE_SOURCES, required=True, default="manual")
    state = fields.Selection(
        PROMISE_STATES, required=True, default="open", tracking=True, index=True, copy=False
    )
    message_id = fields.Many2one(
        "mail.message",
        string="Source Message",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The customer's message this promise was read from.",
    )
    superseded_by_id = fields.Many2one(
        "ar.collection.promise",
        string="Replaced By",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The newer promise on the same invoices that replaced this one.",
    )
    supersedes_ids = fields.One2many(
        "ar.collection.promise",
        "superseded_by_id",
        string="Replaces",
        readonly=True,
        help="The earlier promises on these invoices this one replaced (their history).",
    )
    date_deadline = fields.Date(
        string="Kept If Paid By",
        readonly=True,
        copy=False,
        help="The payment date plus the policy's grace, as of the last check.",
    )
    amount_paid = fields.Monetary(
        string="Paid In Time",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        help="Paid on the promised invoices from the day of the promise to its date plus "
        "grace (company currency), as of the last check.",
    )
    date_outcome = fields.Date(
        string="Outcome On", readonly=True, copy=False, help="When it was found kept or not."
    )
    outcome_text = fields.Text(string="Outcome", readonly=True, copy=False)

    @api.depends("partner_id", "amount", "currency_id", "promised_date")
    def _compute_display_name(self):
        for promise in self:
            promise.display_name = self.env._(
                "%(customer)s: %(amount)s by %(date)s",
                customer=promise.partner_id.display_name or "",
                amount=promise.currency_id.format(promise.amount) if promise.currency_id else "",
                date=promise.promised_date or "",
            )

    @api.constrains("amount", "invoice_ids", "partner_id", "company_id", "currency_id", "state")
    def _check_invoices_and_amount(self):
        self._check_case_invoices()
        for promise in self:
            if promise.amount <= 0:
                raise ValidationError(self.env._("A promise to pay needs a positive amount."))

    @api.constrains("date", "promised_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for promise in self:
            if promise.date > today:
                raise ValidationError(self.env._("A promise cannot be made in the future."))
            if promise.promised_date < promise.date:
                raise ValidationError(
                    self.env._(
                        "The payment date %(promised)s is in the past: a promise to pay "
                        "is for today or a later date (promise made on %(made)s).",
                        promised=promise.promised_date,
                        made=promise.date,
                    )
                )

    def action_cancel(self):
        self.filtered(lambda p: p.state == "open").write({"state": "cancelled"})
        return True

    # -- life cycle ------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        promises.filtered(lambda p: p.state == "open")._supersede_older()
        return promises

    def _core_promise(self):
        self.ensure_one()
        return Promise(
            id=self.id,
            invoice_ids=tuple(self.invoice_ids.ids),
            amount=self.amount_company,
            promised_date=self.promised_date,
            state=self.state,
            created=self.date,
            currency=self.company_id.currency_id.name,
        )

    def _supersede_older(self):
        """A new promise replaces the customer's older open ones on the same invoices
        (core ``supersedes``): they become superseded, linked to it, and kept as history.
        Promises created together (a payment plan's instalments) never replace each other."""
        for promise in self:
            new = promise._core_promise()
            older = self.search(
                [
                    ("id", "not in", self.ids),
                    ("partner_id", "=", promise.partner_id.id),
                    ("company_id", "=", promise.company_id.id),
                    ("state", "=", "open"),
                ]
            )
            replaced = older.filtered(lambda o, n=new: supersedes(n, o._core_promise()))
            if not replaced:
                continue
            replaced.write({"state": "superseded", "superseded_by_id": promise.id})
            why = reason("promise_superseded", date=promise.promised_date, promise_id=promise.id)
            for old in replaced:
                old.message_post(body=why.text)
                self.env["ar.collection.decision"]._log_case_event(
                    old, [why], origin="manual", inputs={"superseded_by": promise.id}
                )

    @api.model
    def _cron_check_promises(self, batch_size=CHECK_BATCH):
        """Daily: every open promise is checked against the payments applied to its
        invoices (kept, partially kept, broken or still open), batch by batch."""
        cron = self.env["ir.cron"]
        todo = self.sudo().search([("state", "=", "open")], order="company_id, partner_id, id")
        remaining = len(todo)
        cron._commit_progress(remaining=remaining)
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            locked = batch.try_lock_for_update(allow_referencing=True).filtered(
                lambda p: p.state == "open"
            )
            locked._check_outcome(origin="cron")
            remaining -= len(batch)
            if not cron._commit_progress(len(batch), remaining=remaining):
                break

    def _check_outcome(self, origin="cron"):
        """Evaluate these open promises now (core ``evaluate_promise``) and record
        what changed: the state, the amount paid in time, a chatter note and a logged
        decision with the core's reasons. Returns the promises whose state changed."""
        changed = self.browse()
        todo = self.sudo().filtered(lambda p: p.state == "open")
        by_company = defaultdict(lambda: self.browse())
        for promise in todo:
            by_company[promise.company_id] |= promise
        for company, promises in by_company.items():
            changed |= promises.with_company(company)._check_company_outcome(company, origin)
        return changed

    def _check_company_outcome(self, company, origin):
        self.env.flush_all()  # the ledger is read with SQL
        partners = self.partner_id
        ledgers = ledger_sql.read_receivables(self.env, company, partners.ids)
        # Each customer's promises together: a payment plan's instalments (and an older
        # promise beside a newer one) share the payments, each counted once.
        all_promises = ledger_sql.read_promises(self.env, company, partners.ids)
        policies = self.env["ar.collection.policy"]._get_effective_policies(partners, company)
        today = fields.Date.context_today(self)
        outcomes = {
            partner.id: evaluate_promises(
                all_promises.get(partner.id, ()),
                ledgers.get(partner.id, ()),
                today,
                policies[partner.id].promise_grace_days,
            )
            for partner in partners
        }
        changed = self.browse()
        for promise in self:
            grace = policies[promise.partner_id.id].promise_grace_days
            core = promise._core_promise()
            outcome = outcomes[promise.partner_id.id].get(promise.id)
            if outcome is None:
                try:  # says why (the promise's invoices are not in the ledger)
                    evaluate_promise(core, ledgers.get(promise.partner_id.id, ()), today, grace)
                except ValueError as error:
                    promise.message_post(body=str(error))
                continue
            values = {
                "date_deadline": promise_deadline(core, grace),
                "amount_paid": outcome.paid,
            }
            if outcome.changed:
                text = "\n".join(r.text for r in outcome.reasons)
                values.update(state=outcome.state, date_outcome=today, outcome_text=text)
            promise.write(values)
            if outcome.changed:
                promise.message_post(body=text)
                self.env["ar.collection.decision"]._log_case_event(
                    promise, outcome.reasons, origin=origin, inputs=outcome
                )
                changed |= promise
        if changed:
            # Kept and broken promises feed the profile and risk: refresh them now.
            profile_refresh.refresh_customers(self.env, company, changed.partner_id.ids, today)
        return changed

    def _next_step(self):
        """What comes next for this promise, for worklists: a dict with ``code``
        (wait_for_payment | follow_up | call_customer | none), ``text`` and ``date``."""
        self.ensure_one()
        _ = self.env._
        if self.state == "open":
            return {
                "code": "wait_for_payment",
                "text": _(
                    "Wait for the payment until %(date)s.",
                    date=self.date_deadline or self.promised_date,
                ),
                "date": self.date_deadline or self.promised_date,
            }
        if self.state in ("broken", "partial"):
            return {
                "code": "follow_up",
                "text": _(
                    "The agent's next reminder names this promise, one tone firmer; a "
                    "second broken promise goes to a person."
                ),
                "date": self.date_outcome,
            }
        return {"code": "none", "text": _("Nothing to do."), "date": False}
