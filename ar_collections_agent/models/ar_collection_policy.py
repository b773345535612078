from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ar_collections_core.policy.settings import CollectionPolicy

CORE_DEFAULTS = CollectionPolicy()

MODE_SELECTION = [
    ("off", "Off: no automated contact"),
    ("review", "Review: a person approves each message"),
    ("autonomous", "Autonomous: the agent sends within the bounds"),
]
TONE_SELECTION = [
    ("courtesy", "Courtesy"),
    ("friendly", "Friendly"),
    ("neutral", "Neutral"),
    ("firm", "Firm"),
    ("final", "Final notice"),
]
SEGMENT_SELECTION = [
    ("standard", "Standard"),
    ("strategic", "Strategic"),
    ("new", "New customer"),
]
WEEKDAY_FIELDS = (
    "send_monday",
    "send_tuesday",
    "send_wednesday",
    "send_thursday",
    "send_friday",
    "send_saturday",
    "send_sunday",
)
# An override replaces whole groups of settings, so that values that must agree (the
# 7-day and 30-day caps, the start and end of the window) are always set together.
OVERRIDE_GROUPS = {
    "override_contacts": ("max_contacts_7d", "max_contacts_30d", "min_days_between_contacts"),
    "override_pre_due": ("pre_due_days",),
    "override_window": ("send_hour_start", "send_hour_end", *WEEKDAY_FIELDS),
    "override_escalation": ("escalate_amount", "escalate_days_overdue", "escalate_risk"),
    "override_promise_grace": ("promise_grace_days",),
}
PLAIN_FIELDS = tuple(
    name for group in OVERRIDE_GROUPS.values() for name in group if name not in WEEKDAY_FIELDS
)


def _core_default(name):
    return lambda self: getattr(CORE_DEFAULTS, name)


def _default_weekday(day):
    return lambda self: day in CORE_DEFAULTS.send_weekdays


class ArCollectionPolicy(models.Model):
    """The bounds the agent works in: one policy per company, optionally refined for a
    segment or for one customer (customer over segment over company, group by group).

    Its rules are those of ``ar_collections_core.policy.CollectionPolicy``; this model
    stores the values and hands the effective core policy to whoever asks.
    """

    _name = "ar.collection.policy"
    _description = "Collection Policy"
    _order = "company_id, scope, segment, id"
    _check_company_auto = True

    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    scope = fields.Selection(
        [("company", "Company"), ("segment", "Segment"), ("partner", "Customer")],
        required=True,
        default="company",
        help="A segment or customer policy only changes what it overrides.",
    )
    segment = fields.Selection(SEGMENT_SELECTION)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    mode = fields.Selection(
        MODE_SELECTION,
        string="Agent Mode",
        default=lambda self: self._default_for_scope("mode"),
        help="Empty on an override: as the company policy.",
    )
    max_tone = fields.Selection(
        TONE_SELECTION,
        string="Firmest Tone",
        default=lambda self: self._default_for_scope("max_tone"),
        help="The firmest tone the agent may use on its own.",
    )
    override_contacts = fields.Boolean(string="Override Contact Limits")
    max_contacts_7d = fields.Integer(
        string="Contacts per 7 Days", default=_core_default("max_contacts_7d")
    )
    max_contacts_30d = fields.Integer(
        string="Contacts per 30 Days", default=_core_default("max_contacts_30d")
    )
    min_days_between_contacts = fields.Integer(
        string="Days Between Contacts", default=_core_default("min_days_between_contacts")
    )
    override_pre_due = fields.Boolean(string="Override Pre-due Reminder")
    pre_due_days = fields.Integer(
        string="Pre-due Reminder (days)",
        default=_core_default("pre_due_days"),
        help="A courtesy note this many days before the due date; 0: none.",
    )
    override_window = fields.Boolean(string="Override Sending Window")
    send_hour_start = fields.Integer(
        string="Send From (hour)",
        default=_core_default("send_hour_start"),
        help="In the customer's timezone.",
    )
    send_hour_end = fields.Integer(
        string="Send Until (hour)",
        default=_core_default("send_hour_end"),
        help="In the customer's timezone.",
    )
    send_monday = fields.Boolean(string="Monday", default=_default_weekday(0))
    send_tuesday = fields.Boolean(string="Tuesday", default=_default_weekday(1))
    send_wednesday = fields.Boolean(string="Wednesday", default=_default_weekday(2))
    send_thursday = fields.Boolean(string="Thursday", default=_default_weekday(3))
    send_friday = fields.Boolean(string="Friday", default=_default_weekday(4))
    send_saturday = fields.Boolean(string="Saturday", default=_default_weekday(5))
    send_sunday = fields.Boolean(string="Sunday", default=_default_weekday(6))
    override_escalation = fields.Boolean(string="Override Escalation Thresholds")
    escalate_amount = fields.Float(
        string="Escalate Above Amount",
        default=_core_default("escalate_amount"),
        help="Overdue amount, in company currency, that needs a person.",
    )
    escalate_days_overdue = fields.Integer(
        string="Escalate After Days Overdue", default=_core_default("escalate_days_overdue")
    )
    escalate_risk = fields.Integer(
        string="Escalate From Risk Score", default=_core_default("escalate_risk")
    )
    override_promise_grace = fields.Boolean(string="Override Grace After Promise")
    promise_grace_days = fields.Integer(
        string="Promise Grace (days)",
        default=_core_default("promise_grace_days"),
        help="A promise counts as broken this many days after its date without payment.",
    )
    dispute_response_days = fields.Integer(
        string="Dispute Response (days)",
        default=_core_default("dispute_response_days"),
        help="A dispute's owner answers the customer within this many days of its "
        "opening; past it, the owner gets a reminder (company policy).",
    )
    collections_manager_id = fields.Many2one(
        "res.users",
        check_company=True,
        domain="[('share', '=', False)]",
        help="Owns what no salesperson owns: escalations, disputes and replies that need "
        "a person (company policy); empty: the first collections manager of the company.",
    )
    approval_standard = fields.Boolean(
        string="Standard Needs Approval", default=lambda self: self._default_approval("standard")
    )
    approval_strategic = fields.Boolean(
        string="Strategic Needs Approval", default=lambda self: self._default_approval("strategic")
    )
    approval_new = fields.Boolean(
        string="New Needs Approval", default=lambda self: self._default_approval("new")
    )

    _unique_company_policy = models.UniqueIndex(
        "(company_id) WHERE scope = 'company' AND active",
        "A company has one company-wide collection policy.",
    )
    _unique_segment_policy = models.UniqueIndex(
        "(company_id, segment) WHERE scope = 'segment' AND active",
        "A segment has one collection policy per company.",
    )
    _unique_partner_policy = models.UniqueIndex(
        "(company_id, partner_id) WHERE scope = 'partner' AND active",
        "A customer has one collection policy per company.",
    )

    def _default_for_scope(self, name):
        if self.env.context.get("default_scope", "company") != "company":
            return False
        return getattr(CORE_DEFAULTS, name)

    def _default_approval(self, segment):
        return segment in CORE_DEFAULTS.approval_segments

    @api.depends("scope", "segment", "partner_id", "company_id")
    def _compute_display_name(self):
        segments = dict(SEGMENT_SELECTION)
        for policy in self:
            if policy.scope == "segment":
                name = self.env._("Segment: %(segment)s", segment=segments.get(policy.segment, ""))
            elif policy.scope == "partner":
                name = self.env._("Customer: %(name)s", name=policy.partner_id.display_name or "")
            else:
                name = self.env._("%(company)s policy", company=policy.company_id.name or "")
            policy.display_name = name

    # -- the core policy -------------------------------------------------------------------

    def _core_values(self):
        """The values this record sets, as CollectionPolicy keyword arguments (an
        override only gives what it overrides)."""
        self.ensure_one()
        own = self.scope == "company"
        values = {"mode": self.mode or None, "max_tone": self.max_tone or None}
        for flag, names in OVERRIDE_GROUPS.items():
            if not (own or self[flag]):
                continue
            for name in names:
                if name in WEEKDAY_FIELDS:
                    values["send_weekdays"] = tuple(
                        day for day, fname in enumerate(WEEKDAY_FIELDS) if self[fname]
                    )
                else:
                    values[name] = self[name]
        if own:
            values["dispute_response_days"] = self.dispute_response_days
            values["approval_segments"] = tuple(
                segment for segment, _label in SEGMENT_SELECTION if self[f"approval_{segment}"]
            )
        return values

    @api.model
    def _collections_manager_user(self, company):
        """The company policy's collections manager, else the company's first one."""
        return self.env["ar.collection.channels"]._collections_manager(company)

    @api.model
    def _company_core_policy(self, company):
        policy = self.sudo().search(
            [("company_id", "=", company.id), ("scope", "=", "company")], limit=1
        )
        return CORE_DEFAULTS.with_overrides(policy._core_values()) if policy else CORE_DEFAULTS

    @api.model
    def _get_effective_policies(self, partners, company=None):
        """{partner id: CollectionPolicy} for these partners in ``company`` (the current
        one by default): customer over segment over company, group by group."""
        company = company or self.env.company
        records = self.sudo().search([("company_id", "=", company.id)])
        base = CORE_DEFAULTS
        by_segment, by_partner = {}, {}
        for record in records:
            if record.scope == "company":
                base = CORE_DEFAULTS.with_overrides(record._core_values())
            elif record.scope == "segment":
                by_segment[record.segment] = record
            elif record.scope == "partner":
                by_partner[record.partner_id.id] = record
        segment_policies = {}
        result = {}
        for partner in partners:
            commercial = partner.commercial_partner_id
            segment = commercial.collection_segment or "standard"
            if segment not in segment_policies:
                override = by_segment.get(segment)
                segment_policies[segment] = (
                    base.with_overrides(override._core_values()) if override else base
                )
            policy = segment_policies[segment]
            own = by_partner.get(commercial.id)
            if own:
                policy = policy.with_overrides(own._core_values())
            result[partner.id] = policy
        return result

    @api.model
    def _get_effective_policy(self, partner, company=None):
        return self._get_effective_policies(partner, company)[partner.id]

    # -- checks and editing --------------------------------------------------------------

    @api.constrains(
        "active",
        "scope",
        "segment",
        "partner_id",
        "mode",
        "max_tone",
        "approval_standard",
        "approval_strategic",
        "approval_new",
        "dispute_response_days",
        *OVERRIDE_GROUPS,
        *PLAIN_FIELDS,
        *WEEKDAY_FIELDS,
    )
    def _check_core_policy(self):
        for policy in self:
            if policy.scope == "segment" and not policy.segment:
                raise ValidationError(self.env._("A segment policy needs its segment."))
            if policy.scope == "partner" and not policy.partner_id:
                raise ValidationError(self.env._("A customer policy needs its customer."))
        for company in self.company_id:
            self._validate_company(company)

    @api.model
    def _validate_company(self, company):
        """Every policy of ``company``, combined as the agent will use them, must make a
        valid core CollectionPolicy; the core's own message is shown."""
        records = self.sudo().search([("company_id", "=", company.id)], order="scope, id")
        company_record = records.filtered(lambda r: r.scope == "company")[:1]
        base = self._as_core(company_record, CORE_DEFAULTS) if company_record else CORE_DEFAULTS
        segments = {}
        for record in records.filtered(lambda r: r.scope == "segment"):
            segments[record.segment] = self._as_core(record, base)
        for record in records.filtered(lambda r: r.scope == "partner"):
            segment = record.partner_id.collection_segment or "standard"
            self._as_core(record, segments.get(segment, base))

    @api.model
    def _as_core(self, record, base):
        try:
            return base.with_overrides(record._core_values())
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "%(policy)s is not a valid collection policy: %(error)s",
                    policy=record.display_name,
                    error=str(error),
                )
            ) from error

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("scope", "company") != "company":
                # An override leaves mode and tone to the company unless it sets them.
                vals.setdefault("mode", False)
                vals.setdefault("max_tone", False)
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        return super().create(vals_list)

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope != "company" and not self._origin:
            self.mode = self.max_tone = False

    def _fill_override_group(self, flag):
        """Ticking an override starts from the values in force for the company."""
        if self.scope == "company" or not self[flag]:
            return
        base = self._company_core_policy(self.company_id or self.env.company)
        for name in OVERRIDE_GROUPS[flag]:
            if name in WEEKDAY_FIELDS:
                self[name] = WEEKDAY_FIELDS.index(name) in base.send_weekdays
            else:
                self[name] = getattr(base, name)

    @api.onchange("override_contacts")
    def _onchange_override_contacts(self):
        self._fill_override_group("override_contacts")

    @api.onchange("override_pre_due")
    def _onchange_override_pre_due(self):
        self._fill_override_group("override_pre_due")

    @api.onchange("override_window")
    def _onchange_override_window(self):
        self._fill_override_group("override_window")

    @api.onchange("override_escalation")
    def _onchange_override_escalation(self):
        self._fill_override_group("override_escalation")

    @api.onchange("override_promise_grace")
    def _onchange_override_promise_grace(self):
        self._fill_override_group("override_promise_grace")
