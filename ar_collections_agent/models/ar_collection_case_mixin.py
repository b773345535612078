from odoo import api, fields, models
from odoo.exceptions import ValidationError

CUSTOMER_INVOICE_TYPES = ("out_invoice", "out_receipt")
SETTLED_PAYMENT_STATES = ("paid", "in_payment", "reversed")


class ArCollectionCaseMixin(models.AbstractModel):
    """What promises and disputes share: one commercial customer, one company, some of
    that customer's posted invoices, an amount, and a chatter.

    The inheriting model defines ``invoice_ids`` (its own relation table) and ``state``
    (with an ``open`` value): checks on the invoices apply to open records only where
    history allows it (a kept promise may name an invoice paid since).
    """

    _name = "ar.collection.case.mixin"
    _description = "Collections case on customer invoices"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The commercial entity (a contact is replaced by its company).",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount = fields.Monetary(required=True, tracking=True, currency_field="currency_id")
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        compute="_compute_amount_company",
        store=True,
        currency_field="company_currency_id",
    )
    date = fields.Date(required=True, default=lambda self: self._default_date(), tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    note = fields.Text()

    def _default_date(self):
        return fields.Date.context_today(self)

    @api.depends("amount", "currency_id", "company_id", "date")
    def _compute_amount_company(self):
        for record in self:
            company = record.company_id or self.env.company
            currency = record.currency_id or company.currency_id
            record.amount_company = currency._convert(
                record.amount or 0.0,
                company.currency_id,
                company,
                record.date or fields.Date.context_today(record),
            )

    # -- creation ------------------------------------------------------------------------

    @api.model
    def _prepare_case_values(self, vals):
        """Customer, company and currency from the invoices when not given; a contact
        becomes its commercial entity."""
        vals = dict(vals)
        invoice_ids = self._invoice_ids_from_commands(vals.get("invoice_ids"))
        invoices = self.env["account.move"].browse(invoice_ids)
        if not vals.get("partner_id") and invoices:
            vals["partner_id"] = invoices[:1].commercial_partner_id.id
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if not vals.get("company_id") and invoices:
            vals["company_id"] = invoices[:1].company_id.id
        if not vals.get("currency_id") and invoices:
            vals["currency_id"] = invoices[:1].currency_id.id
        return vals

    @api.model
    def _invoice_ids_from_commands(self, commands):
        ids = []
        for command in commands or ():
            if isinstance(command, int):
                ids.append(command)
            elif command[0] == 6:
                ids.extend(command[2])
            elif command[0] == 4:
                ids.append(command[1])
        return ids

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._prepare_case_values(vals) for vals in vals_list])

    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, partner_id=partner.commercial_partner_id.id)
        return super().write(vals)

    # -- checks ----------------------------------------------------------------------------

    def _check_case_invoices(self, *, require_invoices=False):
        """Raise a ValidationError naming the first invoice that cannot carry this case."""
        _ = self.env._
        for record in self:
            if require_invoices and not record.invoice_ids:
                raise ValidationError(_("Select at least one customer invoice."))
            for invoice in record.invoice_ids:
                name = invoice.display_name
                if invoice.move_type not in CUSTOMER_INVOICE_TYPES:
                    raise ValidationError(
                        _(
                            "%(invoice)s is not a customer invoice: promises and disputes "
                            "only apply to invoices you issued.",
                            invoice=name,
                        )
                    )
                if invoice.state == "cancel":
                    raise ValidationError(_("%(invoice)s is cancelled.", invoice=name))
                if invoice.state != "posted":
                    raise ValidationError(_("%(invoice)s is not posted yet.", invoice=name))
                if invoice.company_id != record.company_id:
                    raise ValidationError(
                        _(
                            "%(invoice)s belongs to %(invoice_company)s, not %(company)s.",
                            invoice=name,
                            invoice_company=invoice.company_id.display_name,
                            company=record.company_id.display_name,
                        )
                    )
                if invoice.commercial_partner_id != record.partner_id:
                    raise ValidationError(
                        _(
                            "%(invoice)s is an invoice of %(owner)s, not of %(customer)s.",
                            invoice=name,
                            owner=invoice.commercial_partner_id.display_name,
                            customer=record.partner_id.display_name,
                        )
                    )
                if invoice.currency_id != record.currency_id:
                    raise ValidationError(
                        _(
                            "%(invoice)s is in %(invoice_currency)s: record the amount in "
                            "the invoices' currency (%(currency)s was given).",
                            invoice=name,
                            invoice_currency=invoice.currency_id.name,
                            currency=record.currency_id.name,
                        )
                    )
                if record.state == "open" and (
                    invoice.payment_state in SETTLED_PAYMENT_STATES
                    or invoice.currency_id.is_zero(invoice.amount_residual)
                ):
                    raise ValidationError(
                        _("%(invoice)s is already paid: nothing to collect.", invoice=name)
                    )

    def _open_residual(self):
        """The amount still due on this record's invoices, in their currency."""
        self.ensure_one()
        return sum(self.invoice_ids.mapped("amount_residual"))

    def _action_view(self, name, context=None):
        """A window on these records (a form when there is one)."""
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": self._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.ids)],
            "context": context or {},
        }
        if len(self) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.id)
        return action
