from markupsafe import Markup
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain

CUSTOMER_INVOICE_TYPES = ("out_invoice", "out_receipt")


class ArCollectionCaseWizardMixin(models.AbstractModel):
    """Shared by "Log promise" and "Open dispute": opened from invoices (one or a
    selection) or from a customer, it proposes the customer, the invoices and the
    amount still due, and creates the record, whose model checks everything."""

    _name = "ar.collection.case.wizard.mixin"
    _description = "Collections case wizard"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), ('state', '=', 'posted'),"
        " ('payment_state', 'not in', ('paid', 'in_payment', 'reversed')),"
        " ('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_amount",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        precompute=True,
        readonly=False,
        currency_field="currency_id",
    )
    amount_due = fields.Monetary(
        string="Still Due", compute="_compute_amount_due", currency_field="currency_id"
    )
    note = fields.Text()

    @api.model
    def _action_open(self, invoices=None, partner=None):
        if invoices:
            context = {"active_model": "account.move", "active_ids": invoices.ids}
        else:
            context = {"active_model": "res.partner", "active_ids": partner.ids}
        return {
            "type": "ir.actions.act_window",
            "name": self._description,
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        active_ids = context.get("active_ids") or []
        if context.get("active_model") == "account.move" and active_ids:
            invoices = self.env["account.move"].browse(active_ids)
            values.setdefault("invoice_ids", [Command.set(invoices.ids)])
            values.setdefault("company_id", invoices[:1].company_id.id)
        elif context.get("active_model") == "res.partner" and active_ids:
            partner = self.env["res.partner"].browse(active_ids[:1]).commercial_partner_id
            values.setdefault("partner_id", partner.id)
            values.setdefault(
                "invoice_ids", [Command.set(self._default_partner_invoices(partner).ids)]
            )
        return values

    def _default_partner_invoices(self, partner):
        return self.env["account.move"]

    def _partner_open_invoices(self, partner, extra=Domain.TRUE):
        return self.env["account.move"].search(
            Domain(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "=", self.env.company.id),
                    ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ]
            )
            & extra,
            order="invoice_date_due, id",
        )

    @api.depends("invoice_ids")
    def _compute_partner_id(self):
        for wizard in self:
            if wizard.invoice_ids:
                wizard.partner_id = wizard.invoice_ids[:1].commercial_partner_id

    @api.depends("invoice_ids")
    def _compute_amount(self):
        for wizard in self:
            invoices = wizard.invoice_ids
            wizard.currency_id = invoices[:1].currency_id or wizard.company_id.currency_id
            wizard.amount = sum(invoices.mapped("amount_residual"))

    @api.depends("invoice_ids")
    def _compute_amount_due(self):
        for wizard in self:
            wizard.amount_due = sum(wizard.invoice_ids.mapped("amount_residual"))

    def _check_one_customer(self):
        self.ensure_one()
        customers = self.invoice_ids.commercial_partner_id
        if len(customers) > 1:
            raise UserError(
                self.env._(
                    "These invoices belong to several customers (%(customers)s): "
                    "select the invoices of one customer.",
                    customers=", ".join(customers.mapped("display_name")),
                )
            )

    def _case_values(self):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "invoice_ids": [Command.set(self.invoice_ids.ids)],
            "currency_id": self.currency_id.id,
            "amount": self.amount,
            "note": self.note,
        }

    def _post_on_invoices(self, record, body):
        """A line in each invoice's chatter, linking to the new record."""
        link = Markup('<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>') % (
            record._name,
            record.id,
            record.display_name,
        )
        for invoice in self.invoice_ids:
            invoice.message_post(body=Markup("%s: %s") % (body, link))
