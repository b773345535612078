import logging

from odoo import api, fields, models

from ar_collections_core.cockpit import month_periods, overdue_cases, period_figures

from ..tools import cockpit_sql, ledger_sql
from .ar_collection_policy import SEGMENT_SELECTION

_logger = logging.getLogger(__name__)

SCOPES = [
    ("company", "Whole company"),
    ("segment", "Per segment"),
    ("collector", "Per collector"),
]
MONTHS = 12
# Figure of PeriodFigures -> field; rates are stored as percents.
AMOUNTS = (
    "credit_sales",
    "ar_total",
    "ar_current",
    "ar_overdue",
    "cash_collected",
    "cash_recovered",
    "unapplied_credits",
)
FIGURES = (
    "dso_countback",
    "best_possible_dso",
    "average_days_delinquent",
    "cei",
    "contacts_per_1000",
)
COUNTS = (
    "contacts",
    "replies",
    "promises_made",
    "promises_kept",
    "promises_partial",
    "promises_broken",
    "cases_closed",
    "reminders_avoided",
)
RATES = ("reply_rate", "promise_conversion", "promise_kept_rate", "resolved_without_person")
AGING_FIELDS = {
    "current": "aging_current",
    "1-30": "aging_1_30",
    "31-60": "aging_31_60",
    "61-90": "aging_61_90",
    "90+": "aging_90_plus",
}


def _amount(string, **kwargs):
    return fields.Monetary(string=string, currency_field="currency_id", readonly=True, **kwargs)


def _average(string, **kwargs):
    """A ratio of the row's slice: averaged when rows are grouped (the cockpit and each
    row show the slice's true figure)."""
    return fields.Float(string=string, readonly=True, aggregator="avg", digits=(16, 1), **kwargs)


class ArCollectionMetric(models.Model):
    """The collections figures of one company, month and slice of customers (the whole
    company, a segment, or a collector's customers), computed by the core's formulas
    from the ledger and the agent's log, read with set-based SQL. Rebuilt daily and
    when the cockpit is opened on a stale day."""

    _name = "ar.collection.metric"
    _description = "Collections Figures per Month"
    _order = "company_id, date desc, scope, segment, user_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Month", required=True, index=True, readonly=True)
    date_end = fields.Date(string="Figures As Of", readonly=True)
    scope = fields.Selection(SCOPES, required=True, index=True, readonly=True)
    segment = fields.Selection(SEGMENT_SELECTION, readonly=True)
    user_id = fields.Many2one("res.users", string="Collector", readonly=True)
    computed_on = fields.Date(readonly=True)
    figures = fields.Json(readonly=True, help="The core's figures, unknown ones as null.")
    # -- AR and DSO --------------------------------------------------------------------
    credit_sales = _amount("Credit Sales, 3 Months")
    ar_total = _amount("Receivables")
    ar_current = _amount("Not Yet Due")
    ar_overdue = _amount("Overdue")
    unapplied_credits = _amount("Unapplied Credits")
    dso_countback = _average("DSO (Countback)", help="Days, over the last three months.")
    best_possible_dso = _average("Best Possible DSO")
    average_days_delinquent = _average("Average Days Delinquent")
    cei = _average("CEI (%)", help="Collection effectiveness index: > 80 good, > 90 excellent.")
    aging_current = _amount("Aging: Current")
    aging_1_30 = _amount("Aging: 1-30")
    aging_31_60 = _amount("Aging: 31-60")
    aging_61_90 = _amount("Aging: 61-90")
    aging_90_plus = _amount("Aging: 90+")
    # -- cash and contacts -------------------------------------------------------------
    cash_collected = _amount("Cash Collected")
    cash_recovered = _amount("Cash Recovered", help="Payments on invoices already overdue.")
    contacts = fields.Integer(string="Reminders Sent", readonly=True)
    replies = fields.Integer(string="Answered", readonly=True)
    promises_made = fields.Integer(string="Answered With a Promise", readonly=True)
    reply_rate = _average("Reply Rate (%)")
    promise_conversion = _average("Promise-to-Pay Conversion (%)")
    contacts_per_1000 = _average(
        "Contacts per 1,000 Recovered", help="Fewer, better-aimed messages is the goal."
    )
    # -- promises and cases ------------------------------------------------------------
    promises_kept = fields.Integer(readonly=True)
    promises_partial = fields.Integer(string="Promises Partly Kept", readonly=True)
    promises_broken = fields.Integer(readonly=True)
    promise_kept_rate = _average("Promise-Kept Rate (%)")
    cases_closed = fields.Integer(string="Cases Resolved", readonly=True)
    resolved_without_person = _average("Resolved Without a Person (%)")
    # -- reminders avoided -------------------------------------------------------------
    reminders_avoided = fields.Integer(readonly=True)
    avoided_paid = fields.Integer(string="Avoided: Paid", readonly=True)
    avoided_disputed = fields.Integer(string="Avoided: Disputed", readonly=True)
    avoided_promised = fields.Integer(string="Avoided: Promised", readonly=True)
    avoided_reliable = fields.Integer(string="Avoided: Reliable Payer", readonly=True)

    @api.depends("company_id", "date", "scope", "segment", "user_id")
    def _compute_display_name(self):
        segments = dict(SEGMENT_SELECTION)
        for row in self:
            slice_name = (
                segments.get(row.segment, "")
                if row.scope == "segment"
                else row.user_id.name or self.env._("No collector")
                if row.scope == "collector"
                else row.company_id.name
            )
            month = row.date.strftime("%Y-%m") if row.date else ""
            row.display_name = f"{slice_name} {month}"

    # -- building the figures ------------------------------------------------------------

    @api.model
    def _cron_refresh_metrics(self):
        for company in self.env["res.company"].search([]):
            self._refresh_company(company)
            self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _refresh_company(self, company, today=None, months=MONTHS):
        """Rebuild ``company``'s rows for the last ``months`` months up to ``today``
        (the forecast too). Runs as superuser: the figures are read by the cockpit."""
        self = self.sudo()
        today = today or fields.Date.context_today(self)
        periods = month_periods(today, months)
        since = periods[0][0]
        env = self.env
        customers = cockpit_sql.read_customers(env, company)
        ids = [row[0] for row in customers]
        ledgers = ledger_sql.read_receivables(env, company, ids) if ids else {}
        promises = ledger_sql.read_promises(env, company, ids) if ids else {}
        contacts = cockpit_sql.read_contacts(env, company, since)
        person_days = cockpit_sql.read_person_days(env, company)
        holds = cockpit_sql.read_holds(env, company, since, ledgers)
        grace = env["ar.collection.policy"]._company_core_policy(company).promise_grace_days
        slices = {("company", False, False): ids}
        for partner_id, segment, user_id in customers:
            slices.setdefault(("segment", segment, False), []).append(partner_id)
            slices.setdefault(("collector", False, user_id or False), []).append(partner_id)
        values = []
        for (scope, segment, user_id), partner_ids in slices.items():
            receivables = [r for pid in partner_ids for r in ledgers.get(pid, ())]
            slice_contacts = [c for pid in partner_ids for c in contacts.get(pid, ())]
            slice_promises = [p for pid in partner_ids for p in promises.get(pid, ())]
            slice_holds = [h for pid in partner_ids for h in holds.get(pid, ())]
            cases = [
                case
                for pid in partner_ids
                for case in overdue_cases(pid, ledgers.get(pid, ()), person_days.get(pid, ()))
            ]
            for start, end in periods:
                figures = period_figures(
                    receivables,
                    start,
                    end,
                    contacts=slice_contacts,
                    promises=slice_promises,
                    cases=cases,
                    holds=slice_holds,
                    grace_days=grace,
                )
                values.append(
                    {
                        "company_id": company.id,
                        "date": start,
                        "date_end": end,
                        "scope": scope,
                        "segment": segment,
                        "user_id": user_id,
                        "computed_on": today,
                        "figures": figures.to_dict(),
                        **self._values_from_figures(figures),
                    }
                )
        self.search([("company_id", "=", company.id)]).unlink()
        self.create(values)
        env["ar.collection.forecast"]._refresh_company(company, today, ledgers, promises, ids)
        return True

    @api.model
    def _values_from_figures(self, figures):
        values = {name: getattr(figures, name) for name in AMOUNTS + COUNTS}
        values.update({name: getattr(figures, name) or 0.0 for name in FIGURES})
        values.update(
            {name: (getattr(figures, name) or 0.0) * 100.0 for name in RATES},
        )
        values.update({AGING_FIELDS[bucket]: amount for bucket, amount in figures.aging})
        values.update({f"avoided_{reason}": count for reason, count in figures.avoided})
        return values

    @api.model
    def _ensure_fresh(self, companies, today):
        """Rebuild the companies whose figures are older than ``today`` (or missing)."""
        fresh = (
            self.sudo()
            .search([("company_id", "in", companies.ids), ("computed_on", ">=", today)])
            .company_id
        )
        for company in companies - fresh:
            self._refresh_company(company, today)
