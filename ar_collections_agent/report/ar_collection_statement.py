"""Values of the statement of account report: the core's statement of each customer,
formatted in the customer's language by the QWeb template."""

from odoo import api, fields, models

from ar_collections_core.messages import build_statement
from ar_collections_core.metrics import AGING_BUCKETS

from ..tools.ledger_sql import read_receivables


class ReportCollectionStatement(models.AbstractModel):
    _name = "report.ar_collections_agent.report_collection_statement"
    _description = "Statement of Account Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        company = self.env["res.company"].browse(data.get("company_id")) or self.env.company
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        today = fields.Date.to_date(data.get("date")) or fields.Date.context_today(self)
        ledgers = read_receivables(self.env, company, partners.ids)
        currencies = self.env["res.currency"].with_context(active_test=False)
        statements = {}
        for partner in partners:
            statement = build_statement(
                ledgers.get(partner.id, ()), today, company.currency_id.name
            )
            statements[partner.id] = statement
        codes = {line.currency for s in statements.values() for line in s.lines}
        codes |= {c for s in statements.values() for c, _v in s.balances}
        by_code = {c.name: c for c in currencies.search([("name", "in", sorted(codes))])}
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "statements": statements,
            "currencies": by_code,
            "company_currency": company.currency_id,
            "buckets": AGING_BUCKETS,
            "statement_date": today,
        }
