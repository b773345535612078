from collections import defaultdict

from markupsafe import Markup
from odoo import api, fields, models
from odoo.exceptions import UserError

from ar_collections_core.policy.cases import CAUSES, route_for

from ..tools import agent_sql
from ..tools import escalation_tools as tools

CAUSE_SELECTION = list(CAUSES.items())
OUTCOME_SELECTION = [
    ("promise", "Promise to pay obtained"),
    ("payment_plan", "Payment plan agreed"),
    ("paid", "Paid"),
    ("dispute", "Dispute opened"),
    ("credit_hold", "Credit hold or terms changed"),
    ("legal", "Handed to legal or an agency"),
    ("unreachable", "Customer not reachable"),
    ("reply_reviewed", "Reply reviewed"),
    ("no_action", "No action needed"),
    ("other", "Other"),
]
STAGE_SELECTION = [
    ("new", "New"),
    ("contacted", "Contacted"),
    ("waiting", "Waiting"),
    ("done", "Done"),
]
CALL_OUTCOMES = [
    ("promise", "Reached: promised to pay"),
    ("plan", "Reached: asks for a payment plan"),
    ("dispute", "Reached: disputes the invoices"),
    ("paid", "Reached: says it is paid"),
    ("no_commitment", "Reached: no commitment"),
    ("voicemail", "Left a voicemail"),
    ("no_answer", "No answer"),
    ("wrong_number", "Wrong number"),
]
NOTE_SUBTYPE = "ar_collections_agent.mt_collection_note"


class ArCollectionEscalation(models.Model):
    """A case for a person: why the account needs one, the account at a glance, the
    recommended next step, who has it, and what came of it. Every escalation (the
    agent's cycle, customer replies, people) goes through ``_escalate``: one open case
    per customer and cause."""

    _name = "ar.collection.escalation"
    _description = "Collections Escalation"
    _inherit = ["mail.thread"]
    _order = "priority desc, amount_due desc, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cause = fields.Selection(CAUSE_SELECTION, required=True, readonly=True, index=True)
    reason_text = fields.Text(string="Why", readonly=True)
    summary = fields.Html(string="Account Summary", readonly=True, sanitize=True)
    next_step = fields.Char(string="Next Step Code", readonly=True)
    next_step_text = fields.Text(string="Recommended Next Step", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Assigned To", index=True, tracking=True, domain=[("share", "=", False)]
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_escalation_account_move_rel",
        "escalation_id",
        "move_id",
        string="Invoices",
        readonly=True,
    )
    decision_id = fields.Many2one("ar.collection.decision", readonly=True, ondelete="set null")
    reply_id = fields.Many2one("ar.collection.reply", readonly=True, ondelete="set null")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")],
        required=True,
        default="open",
        index=True,
        tracking=True,
        readonly=True,
    )
    stage = fields.Selection(
        STAGE_SELECTION,
        required=True,
        default="new",
        tracking=True,
        group_expand="_expand_stages",
    )
    outcome = fields.Selection(OUTCOME_SELECTION, readonly=True, tracking=True)
    outcome_note = fields.Text(readonly=True)
    closed_on = fields.Datetime(readonly=True)
    closed_by_id = fields.Many2one("res.users", readonly=True)
    deadline = fields.Date(readonly=True, help="The date the case must be acted on by.")
    last_call_outcome = fields.Selection(CALL_OUTCOMES, readonly=True, tracking=True)
    segment = fields.Selection(related="partner_id.collection_segment", store=True)
    snoozed_until = fields.Date(related="partner_id.collection_snoozed_until")
    # -- the worklist order (ar_collections_core.policy.cases.case_priority) -------------
    amount_due = fields.Monetary(readonly=True)
    likelihood = fields.Float(
        readonly=True, help="Chance that a person's action changes the outcome."
    )
    cash_at_stake = fields.Monetary(string="Cash at Stake", readonly=True)
    urgency = fields.Float(readonly=True)
    priority = fields.Float(readonly=True, index=True)
    priority_text = fields.Char(string="Why This Rank", readonly=True)
    promise_covered = fields.Boolean(
        compute="_compute_promise_covered",
        search="_search_promise_covered",
        help="An open promise to pay covers the case's invoices.",
    )

    _open_case_unique = models.UniqueIndex(
        "(partner_id, company_id, cause) WHERE state = 'open'",
        "This customer already has an open case for this cause.",
    )

    @api.depends("partner_id", "cause")
    def _compute_display_name(self):
        causes = dict(CAUSE_SELECTION)
        for case in self:
            case.display_name = (
                f"{case.partner_id.display_name or ''}: {causes.get(case.cause, '')}"
            )

    @api.model
    def _expand_stages(self, stages, domain):
        return [key for key, _label in STAGE_SELECTION]

    # -- covered by a promise ------------------------------------------------------------

    def _covered_ids(self, cases):
        """The ids of ``cases`` an open promise covers: one naming every invoice of the
        case, or a promise on the whole account (no invoices)."""
        promises = (
            self.env["ar.collection.promise"]
            .sudo()
            .search([("state", "=", "open"), ("partner_id", "in", cases.partner_id.ids)])
        )
        promised = defaultdict(set)
        whole_account = set()
        for promise in promises:
            key = (promise.partner_id.id, promise.company_id.id)
            if promise.invoice_ids:
                promised[key] |= set(promise.invoice_ids.ids)
            else:
                whole_account.add(key)
        covered = set()
        for case in cases:
            key = (case.partner_id.id, case.company_id.id)
            invoices = set(case.invoice_ids.ids)
            if key in whole_account or (invoices and invoices <= promised[key]):
                covered.add(case.id)
        return covered

    def _compute_promise_covered(self):
        covered = self._covered_ids(self)
        for case in self:
            case.promise_covered = case.id in covered

    def _search_promise_covered(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        cases = self.search([("state", "=", "open")])
        covered = list(self._covered_ids(cases))
        wanted = (operator == "=") == bool(value)
        return [("id", "in" if wanted else "not in", covered)]

    # -- escalating ------------------------------------------------------------------------

    @api.model
    def _escalate(self, partner, cause, reasons, invoices=None, user=None, company=None, **options):
        """Hand ``partner``'s account to a person for ``cause`` (a key of
        ``ar_collections_core.policy.cases.CAUSES``): an activity with the account
        summary and the recommended next step, and the case in the worklist. An open
        case of the same customer and cause gets the new reasons instead. ``reasons``:
        a text or a list of texts. ``options``: ``summary_text`` (the core's summary,
        when already made), ``extra_html`` (e.g. the customer's words), ``deadline``,
        ``decision``, ``reply``, ``snapshot``, ``log_note``. Returns the case."""
        request = dict(
            options,
            partner=partner,
            cause=cause,
            reasons=reasons,
            invoices=invoices,
            user=user,
            company=company,
        )
        return self._escalate_many([request])[0]

    @api.model
    def _escalate_many(self, requests):
        """``_escalate`` for a batch (one create per model). Returns a list: the case of
        each request, in the order of ``requests``."""
        cases, todo, pending = [], [], set()
        existing = self._open_cases(requests)
        for request in requests:
            request = self._normalize(request)
            key = (request["partner"].id, request["company"].id, request["cause"])
            if key in existing:
                existing[key]._add_reasons(request)
                cases.append(existing[key])
                continue
            if key not in pending:  # the same case twice in one batch: created once
                todo.append(request)
                pending.add(key)
            cases.append(key)
        created = self._create_cases(todo)
        by_key = {(c.partner_id.id, c.company_id.id, c.cause): c for c in created}
        return [by_key[case] if isinstance(case, tuple) else case for case in cases]

    def _normalize(self, request):
        request = dict(request)
        cause = request["cause"]
        if cause not in CAUSES:
            raise UserError(self.env._("Unknown escalation cause %(cause)s.", cause=cause))
        partner = request["partner"].commercial_partner_id
        request["partner"] = partner
        request["invoices"] = request.get("invoices") or self.env["account.move"]
        request["company"] = (
            request.get("company") or request["invoices"][:1].company_id or self.env.company
        )
        reasons = request.get("reasons") or []
        if isinstance(reasons, str):
            reasons = [reasons]
        request["reasons"] = [r for r in reasons if r]
        return request

    def _open_cases(self, requests):
        partners = self.env["res.partner"].browse(
            {r["partner"].commercial_partner_id.id for r in requests}
        )
        found = self.sudo().search([("state", "=", "open"), ("partner_id", "in", partners.ids)])
        return {(c.partner_id.id, c.company_id.id, c.cause): c for c in found}

    def _add_reasons(self, request):
        """A new reason for an open case: noted on the case and its activity."""
        why = "\n".join(request["reasons"])
        if not why:
            return
        self.sudo().message_post(body=tools.as_html(why), subtype_xmlid=NOTE_SUBTYPE)
        self.sudo().reason_text = "\n".join(filter(None, [self.reason_text, why]))
        if self.activity_id:
            self.activity_id.sudo().note = Markup("%s%s") % (
                self.activity_id.note or "",
                tools.activity_note(why, "", request.get("extra_html")),
            )

    def _create_cases(self, requests):
        if not requests:
            return self.browse()
        now = tools.utc_now()
        snapshots = self._snapshots_for(requests, now)
        salespeople = self._salespeople(requests)
        activity_vals, case_vals, notes = [], [], []
        model_id = self.env["ir.model"]._get("res.partner").id
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        channels = self.env["ar.collection.channels"]
        for request in requests:
            partner, company, cause = request["partner"], request["company"], request["cause"]
            snapshot = snapshots.get((company.id, partner.id))
            salesperson = salespeople.get((company.id, partner.id))
            route = route_for(cause, partner.collection_segment, bool(salesperson))
            user = (
                request.get("user")
                or (salesperson if route.to == "salesperson" else None)
                or channels._collections_manager(company)
            )
            why = "\n".join(request["reasons"]) or CAUSES[cause]
            summary_text = request.get("summary_text")
            if not summary_text and snapshot is not None:
                summary_text = tools.summary_for(
                    snapshot, now, cause, why, partner.collection_segment, bool(salesperson)
                ).text
            activity_vals.append(
                {
                    "activity_type_id": todo_type.id,
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "automated": True,
                    "date_deadline": request.get("deadline") or today,
                    "summary": self.env._(
                        "Collections: %(customer)s needs a person (%(cause)s)",
                        customer=partner.name,
                        cause=CAUSES[cause],
                    ),
                    "note": tools.activity_note(
                        why if not request.get("summary_text") else "",
                        summary_text,
                        request.get("extra_html"),
                    ),
                    "user_id": user.id,
                }
            )
            values = {
                "partner_id": partner.id,
                "company_id": company.id,
                "cause": cause,
                "reason_text": why,
                "summary": tools.activity_note("", summary_text, request.get("extra_html")),
                "next_step": route.next_step,
                "next_step_text": route.next_step_text,
                "user_id": user.id,
                "invoice_ids": [fields.Command.set(request["invoices"].ids)],
                "decision_id": request["decision"].id if request.get("decision") else False,
                "reply_id": request["reply"].id if request.get("reply") else False,
                "deadline": request.get("deadline") or False,
            }
            if snapshot is not None:
                values |= tools.priority_values(
                    snapshot, now, cause, today, request.get("deadline")
                )
            case_vals.append(values)
            if request.get("log_note"):
                notes.append((partner, user, route.next_step_text))
        # No assignment email per activity: a person sees them in their activities.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(activity_vals)
        )
        for values, activity in zip(case_vals, activities, strict=True):
            values["activity_id"] = activity.id
        cases = (
            self.sudo()
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(case_vals)
        )
        if notes:
            channels._log_escalation_notes(notes)
        return cases

    def _snapshots_for(self, requests, now):
        """{(company id, partner id): AccountSnapshot}: the decision's own when given,
        else read now, company by company."""
        snapshots, missing = {}, defaultdict(set)
        for request in requests:
            key = (request["company"].id, request["partner"].id)
            snapshot = request.get("snapshot")
            if snapshot is None and request.get("decision"):
                snapshot = tools.snapshot_of_decision(request["decision"])
            if snapshot is not None:
                snapshots[key] = snapshot
            else:
                missing[request["company"]].add(request["partner"].id)
        for company, partner_ids in missing.items():
            read = tools.read_snapshots(self.env, company, sorted(partner_ids), now)
            snapshots.update({(company.id, pid): snap for pid, snap in read.items()})
        return snapshots

    def _salespeople(self, requests):
        """{(company id, partner id): an internal salesperson user, or empty}."""
        result, by_company = {}, defaultdict(set)
        for request in requests:
            user = request["invoices"].invoice_user_id.filtered(lambda u: not u.share and u.active)[
                :1
            ]
            if user:
                result[(request["company"].id, request["partner"].id)] = user
            else:
                by_company[request["company"]].add(request["partner"].id)
        Users = self.env["res.users"]
        for company, partner_ids in by_company.items():
            found = agent_sql.salespeople(self.env, company, sorted(partner_ids))
            for pid in partner_ids:
                user = Users.browse(found[pid]).filtered(lambda u: not u.share and u.active)
                result[(company.id, pid)] = user
        return result

    # -- the worklist order ----------------------------------------------------------------

    def _refresh_priority(self):
        """Recompute the worklist order of these open cases from today's accounts."""
        now = tools.utc_now()
        cases = self.filtered(lambda c: c.state == "open")
        for company in cases.company_id:
            own = cases.filtered(lambda c, co=company: c.company_id == co)
            snapshots = tools.read_snapshots(self.env, company, own.partner_id.ids, now)
            for case in own:
                snapshot = snapshots.get(case.partner_id.id)
                if snapshot is None:
                    continue
                opened = fields.Date.to_date(case.create_date) if case.create_date else None
                case.sudo().write(
                    tools.priority_values(snapshot, now, case.cause, opened, case.deadline)
                )

    # -- closing ---------------------------------------------------------------------------

    def _record_outcome(self, outcome, note=False):
        """Close these cases with ``outcome``; their activities are marked done with it."""
        open_cases = self.filtered(lambda c: c.state == "open")
        if not open_cases:
            return
        open_cases.sudo().write(
            {
                "state": "done",
                "stage": "done",
                "outcome": outcome,
                "outcome_note": note or False,
                "closed_on": fields.Datetime.now(),
                "closed_by_id": self.env.uid,
            }
        )
        labels = dict(self._fields["outcome"]._description_selection(self.env))
        for case in open_cases:
            feedback = labels[outcome] + (f": {note}" if note else "")
            activity = case.activity_id.sudo()
            if activity.active:
                activity.with_context(escalation_closing=True).action_feedback(feedback=feedback)
            case.sudo().message_post(
                body=self.env._("Closed: %(outcome)s", outcome=feedback),
                subtype_xmlid=NOTE_SUBTYPE,
            )

    @api.model
    def _on_activities_done(self, activities, feedback):
        """A person marked an escalation's activity done: the case is closed with it."""
        if self.env.context.get("escalation_closing"):
            return
        cases = self.sudo().search([("activity_id", "in", activities.ids), ("state", "=", "open")])
        if cases:
            cases._record_outcome("other", feedback or self.env._("Activity marked done."))

    # -- the worklist and its one-click actions ---------------------------------------------

    @api.model
    def action_open_worklist(self):
        """The "Today" worklist, its order refreshed from today's accounts."""
        self.search([("state", "=", "open"), ("company_id", "=", self.env.company.id)])[
            :500
        ]._refresh_priority()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "ar_collections_agent.ar_collection_escalation_action_worklist"
        )

    def _case_wizard(self, mode):
        self.ensure_one()
        return self.env["ar.collection.escalation.wizard"]._action_open(self, mode)

    def action_log_call(self):
        return self._case_wizard("call")

    def action_snooze(self):
        return self._case_wizard("snooze")

    def action_close(self):
        return self._case_wizard("close")

    def _case_invoices(self):
        return self.invoice_ids.filtered(
            lambda m: m.payment_state not in ("paid", "in_payment", "reversed")
        )

    def action_log_promise(self):
        self.ensure_one()
        Wizard = self.env["ar.collection.promise.wizard"]
        invoices = self._case_invoices()
        action = Wizard._action_open(invoices=invoices or None, partner=self.partner_id)
        action["context"] = dict(action["context"], default_source="phone")
        return action

    def action_open_dispute(self):
        self.ensure_one()
        invoices = self._case_invoices()
        return self.env["ar.collection.dispute.wizard"]._action_open(
            invoices=invoices or None, partner=self.partner_id
        )

    def action_payment_plan(self):
        self.ensure_one()
        return self.env["ar.collection.payment.plan.wizard"]._action_open_for_case(self)

    def action_send_statement(self):
        """Email the customer's statement of account now, as a logged contact of the
        day (the agent's once-a-day key refuses a second contact that day)."""
        self.ensure_one()
        self.check_access("write")
        statement = (
            self.env["ar.collection.agent"]
            .sudo()
            ._send_statement_now(self.partner_id, self.company_id, self.env.user)
        )
        self.sudo().write({"stage": "contacted"})
        self.sudo().message_post(
            body=self.env._("Statement of account sent (%(ref)s).", ref=statement.display_name),
            subtype_xmlid=NOTE_SUBTYPE,
        )
        return True
