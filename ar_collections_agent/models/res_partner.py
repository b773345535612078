from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools import profile_refresh
from . import ar_collection_agent
from .ar_collection_case_mixin import CUSTOMER_INVOICE_TYPES, SETTLED_PAYMENT_STATES
from .ar_collection_policy import SEGMENT_SELECTION

ACCOUNTING_READERS = "account.group_account_invoice,account.group_account_readonly"
COLLECTOR = "ar_collections_agent.group_collections_collector"
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
RISK_BANDS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
COLLECTION_STATUSES = [
    ("hold", "On hold"),
    ("escalated", "Escalated"),
    ("overdue", "Overdue"),
    ("disputed", "Disputed"),
    ("promised", "Promised"),
    ("due", "Due soon"),
    ("current", "Nothing overdue"),
    ("clear", "Nothing open"),
]
# Which invoice collection states make which customer status, in order of precedence
# (on hold comes from the customer's own flag, "nothing open" from having none).
STATUS_FROM_INVOICE_STATES = [
    ("escalated", ("escalated",)),
    ("overdue", ("overdue",)),
    ("disputed", ("disputed",)),
    ("promised", ("promised",)),
    ("due", ("due",)),
    ("current", ("not_due", "excluded")),
]


def _profile(field_class, string, **kwargs):
    """A payment-profile figure: computed by the refresh, one value per company."""
    return field_class(
        string=string,
        company_dependent=True,
        readonly=True,
        copy=False,
        index=False,
        groups=ACCOUNTING_READERS,
        **kwargs,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- payment profile (ar_collections_core.profile.PaymentProfile), per company ------
    payment_profile_date = _profile(fields.Date, "Profile As Of")
    payment_has_history = _profile(fields.Boolean, "Has Payment History")
    payment_invoices_settled = _profile(fields.Integer, "Invoices Paid")
    payment_amount_settled = _profile(fields.Float, "Amount Paid", digits="Account")
    payment_weighted_days_late = _profile(
        fields.Float,
        "Days Late (weighted)",
        digits=(16, 1),
        help="Days between due date and payment, weighted by amount; still-open overdue "
        "amounts count at least as late as they already are.",
    )
    payment_typical_days_late = _profile(fields.Float, "Typical Days Late", digits=(16, 1))
    payment_p90_days_late = _profile(
        fields.Float, "Days Late, 9 in 10", digits=(16, 1), help="90th percentile."
    )
    payment_worst_days_late = _profile(fields.Integer, "Worst Days Late")
    payment_on_time_rate = _profile(
        fields.Float, "Paid On Time", help="Share of the amount paid by its due date."
    )
    payment_avg_days_to_pay = _profile(fields.Float, "Average Days to Pay", digits=(16, 1))
    payment_recent_days_late = _profile(fields.Float, "Days Late, Last 6 Months", digits=(16, 1))
    payment_prior_days_late = _profile(fields.Float, "Days Late, Before", digits=(16, 1))
    payment_trend_days = _profile(
        fields.Float,
        "Trend (days)",
        digits=(16, 1),
        help="Recent minus earlier lateness: above zero, the customer pays later than before.",
    )
    payment_partial_rate = _profile(
        fields.Float, "Paid in Parts", help="Share of invoices paid in several payments."
    )
    payment_usual_weekday = _profile(fields.Selection, "Usual Payment Weekday", selection=WEEKDAYS)
    payment_usual_day = _profile(
        fields.Integer, "Usual Payment Day", help="Day of the month, when there is a habit."
    )
    payment_open_amount = _profile(fields.Float, "Open Amount", digits="Account")
    payment_overdue_amount = _profile(fields.Float, "Overdue Amount", digits="Account")
    payment_open_count = _profile(fields.Integer, "Open Invoices")
    payment_overdue_count = _profile(fields.Integer, "Overdue Invoices")
    payment_oldest_overdue_days = _profile(fields.Integer, "Oldest Overdue (days)")
    payment_open_credit_amount = _profile(
        fields.Float, "Unapplied Credit", digits="Account", help="Open credit notes."
    )
    payment_first_invoice_date = _profile(fields.Date, "Customer Since")
    payment_promises_kept = _profile(fields.Integer, "Promises Kept")
    payment_promises_partial = _profile(fields.Integer, "Promises Partly Kept")
    payment_promises_broken = _profile(fields.Integer, "Promises Broken")

    # -- risk (ar_collections_core.risk.RiskAssessment), per company --------------------
    collection_risk_score = _profile(fields.Integer, "Risk Score", help="0 (safe) to 100.")
    collection_risk_band = _profile(fields.Selection, "Risk", selection=RISK_BANDS)
    collection_risk_reasons = _profile(fields.Text, "Risk Reasons")
    collection_late_probability = _profile(
        fields.Float,
        "Late Payment Likelihood",
        help="Chance that the next invoice is paid more than 30 days late.",
    )

    # -- set by people (and by later automation), shared by the customer's companies ----
    collection_segment = fields.Selection(
        SEGMENT_SELECTION,
        string="Collections Segment",
        default="standard",
        help="Strategic and new customers can have their own collection policy.",
    )
    collection_no_reminders = fields.Boolean(
        string="No Automated Reminders",
        help="The customer opted out: the agent never contacts them and sends no statement "
        "from a case; a person can still call or write to them.",
    )
    collection_legal_hold = fields.Boolean(
        string="Legal / Insolvency Hold",
        help="Collection is suspended: insolvency, administration or a lawyer involved.",
    )
    collection_hold_reason = fields.Char(string="Hold Reason")
    collection_snoozed_until = fields.Date(
        string="No Contact Before",
        help="The agent does not contact this customer before this date "
        "(out of office, acknowledged reply, or set by hand).",
    )
    collection_snooze_reason = fields.Char(string="Snooze Reason")
    collection_prefers_phone = fields.Boolean(
        string="Prefers Phone Calls",
        help="The agent plans a call for a person instead of a reminder email "
        "(when the collections contact has a phone number).",
    )

    # -- live views, per company ---------------------------------------------------------
    collection_status = fields.Selection(
        COLLECTION_STATUSES,
        compute="_compute_collection_status",
        search="_search_collection_status",
        groups=ACCOUNTING_READERS,
    )
    collection_contact_id = fields.Many2one(
        "res.partner",
        string="Collections Contact",
        compute="_compute_collection_contact_id",
        help="Reminders go to the invoice address contact, else to the customer.",
    )
    collection_promise_count = fields.Integer(
        compute="_compute_collection_counts", groups=ACCOUNTING_READERS
    )
    collection_dispute_count = fields.Integer(
        compute="_compute_collection_counts", groups=ACCOUNTING_READERS
    )
    collection_overdue_count = fields.Integer(
        compute="_compute_collection_counts", groups=ACCOUNTING_READERS
    )

    collection_reply_review_count = fields.Integer(
        compute="_compute_collection_reply_review_count", groups=ACCOUNTING_READERS
    )

    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "collection_segment",
            "collection_no_reminders",
            "collection_legal_hold",
            "collection_hold_reason",
        ]

    # -- computes ------------------------------------------------------------------------

    def _open_invoice_domain(self):
        return Domain(
            [
                ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
                ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                ("state", "=", "posted"),
                ("payment_state", "not in", SETTLED_PAYMENT_STATES),
            ]
        )

    @api.depends_context("company")
    @api.depends("collection_legal_hold", "commercial_partner_id")
    def _compute_collection_status(self):
        states = defaultdict(set)
        for move in self.env["account.move"].search(self._open_invoice_domain()):
            states[move.commercial_partner_id.id].add(move.collection_state)
        for partner in self:
            commercial = partner.commercial_partner_id
            status = "clear"
            if commercial.collection_legal_hold:
                status = "hold"
            else:
                found = states.get(commercial.id, set())
                status = next(
                    (s for s, wanted in STATUS_FROM_INVOICE_STATES if found & set(wanted)),
                    "clear",
                )
            partner.collection_status = status

    def _search_collection_status(self, operator, value):
        if operator != "in":
            return NotImplemented
        moves = self.env["account.move"]
        scope = Domain(
            [
                ("company_id", "=", self.env.company.id),
                ("payment_state", "not in", SETTLED_PAYMENT_STATES),
                ("commercial_partner_id", "!=", False),  # NOT IN and NULLs do not mix
            ]
        )

        def having(invoice_states):
            query = moves._search(scope & Domain("collection_state", "in", invoice_states))
            column = SQL.identifier(query.table, "commercial_partner_id")
            return Domain("id", "in", query.subselect(column))

        on_hold = Domain("collection_legal_hold", "=", True)
        wanted = [on_hold] if "hold" in value else []
        before = ~on_hold
        for status, invoice_states in STATUS_FROM_INVOICE_STATES:
            rule = having(invoice_states)
            if status in value:
                wanted.append(before & rule)
            before &= ~rule
        if "clear" in value:
            wanted.append(before)
        return Domain.OR(wanted)

    @api.depends("child_ids.type", "child_ids.active")
    def _compute_collection_contact_id(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            contact_id = commercial.address_get(["invoice"])["invoice"] if commercial.id else False
            partner.collection_contact_id = contact_id

    @api.depends_context("company")
    def _compute_collection_counts(self):
        commercial_ids = self.commercial_partner_id.ids
        company_domain = Domain("company_id", "=", self.env.company.id)
        customer = Domain("partner_id", "in", commercial_ids)
        open_cases = Domain("state", "=", "open") & company_domain & customer
        promises = dict(
            self.env["ar.collection.promise"]._read_group(open_cases, ["partner_id"], ["__count"])
        )
        disputes = dict(
            self.env["ar.collection.dispute"]._read_group(open_cases, ["partner_id"], ["__count"])
        )
        overdue = dict(
            self.env["account.move"]._read_group(
                self._open_invoice_domain() & Domain("collection_state", "=", "overdue"),
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.collection_promise_count = promises.get(commercial, 0)
            partner.collection_dispute_count = disputes.get(commercial, 0)
            partner.collection_overdue_count = overdue.get(commercial, 0)

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if message.message_type == "email" and len(self) == 1:
            # a customer's email: the collections agent reads it (never raises)
            self.env["ar.collection.reply"]._on_inbound_email(self, message)
        return result

    @api.depends_context("company")
    def _compute_collection_reply_review_count(self):
        counts = dict(
            self.env["ar.collection.reply"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "in", ("needs_review", "error")),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.collection_reply_review_count = counts.get(partner.commercial_partner_id, 0)

    # -- actions -------------------------------------------------------------------------

    def _collection_action(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_collection_promises(self):
        self.ensure_one()
        partner = self.commercial_partner_id
        return self._collection_action(
            "ar_collections_agent.ar_collection_promise_action",
            [("partner_id", "=", partner.id)],
            {"default_partner_id": partner.id, "search_default_filter_open": 1},
        )

    def action_view_collection_disputes(self):
        self.ensure_one()
        partner = self.commercial_partner_id
        return self._collection_action(
            "ar_collections_agent.ar_collection_dispute_action",
            [("partner_id", "=", partner.id)],
            {"default_partner_id": partner.id, "search_default_filter_open": 1},
        )

    def action_view_collection_overdue_invoices(self):
        self.ensure_one()
        return self._collection_action(
            "ar_collections_agent.account_move_action_collection_overdue",
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("move_type", "in", CUSTOMER_INVOICE_TYPES),
            ],
            {"search_default_filter_collection_overdue": 1, "default_move_type": "out_invoice"},
        )

    def action_view_collection_replies(self):
        self.ensure_one()
        return self._collection_action(
            "ar_collections_agent.ar_collection_reply_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
            {"search_default_filter_needs_review": 1},
        )

    def action_log_collection_promise(self):
        return self.env["ar.collection.promise.wizard"]._action_open(partner=self)

    def action_open_collection_dispute(self):
        return self.env["ar.collection.dispute.wizard"]._action_open(partner=self)

    def action_refresh_payment_profile(self):
        """Recompute this customer's profile, risk and predicted dates now."""
        if not self.env.user.has_group(COLLECTOR):
            raise AccessError(self.env._("Only collectors can refresh payment profiles."))
        self.check_access("read")
        profile_refresh.refresh_customers(
            self.env, self.env.company, self.commercial_partner_id.ids, self._collection_today()
        )
        return True

    # -- the nightly refresh ---------------------------------------------------------------

    @api.model
    def _collection_today(self):
        return fields.Date.context_today(self)

    @api.model
    def _cron_refresh_payment_profiles(self, batch_size=500):
        """Refresh every customer with posted receivables whose profile is older than
        today, company by company, in batches committed as they complete; a rerun (or
        the scheduler calling again when time ran out) continues where this one
        stopped."""
        today = self._collection_today()
        batches = []
        for company in self.env["res.company"].sudo().search([]):
            partner_ids = profile_refresh.stale_customers(self.env, company, today)
            batches += [
                (company, partner_ids[start : start + batch_size])
                for start in range(0, len(partner_ids), batch_size)
            ]
        remaining = sum(len(ids) for _company, ids in batches)
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=remaining)

        def progress(done):
            nonlocal remaining
            remaining -= done
            # Commits; no time left: stop, the scheduler calls again for the rest.
            return cron._commit_progress(done, remaining=remaining)

        profile_refresh.refresh_in_batches(self.env, batches, today, progress)

    # -- the collections agent (decisions, run now) --------------------------------------

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
            company, self.commercial_partner_id.ids, ar_collection_agent.utc_now(), origin="manual"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_decision_action"
        )
        action["domain"] = [("id", "in", decisions.ids)]
        action["context"] = {}
        return action
