import logging

from odoo import api, fields, models

from ar_collections_core.forecast import backtest_forecast, forecast_cash

from ..tools import cockpit_sql, ledger_sql

_logger = logging.getLogger(__name__)

WEEKS = 13


class ArCollectionForecast(models.Model):
    """Expected cash-in of one week, from the open invoices' predicted payment dates and
    the open promises (the core's ``forecast_cash``), with the walk-forward error of
    that forecast on the company's own history (the core's ``backtest_forecast``)."""

    _name = "ar.collection.forecast"
    _description = "Collections Cash-in Forecast Week"
    _order = "company_id, week"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    as_of = fields.Date(string="Forecast Made On", required=True, readonly=True)
    week = fields.Integer(string="Week Ahead", required=True, readonly=True)
    date = fields.Date(string="Week From", required=True, readonly=True)
    date_end = fields.Date(string="Week To", readonly=True)
    expected = fields.Monetary(string="Expected Cash-in", readonly=True)
    low = fields.Monetary(string="Low (p10)", readonly=True, aggregator=False)
    high = fields.Monetary(string="High (p90)", readonly=True, aggregator=False)
    promised = fields.Monetary(string="From Promises", readonly=True)
    backtest_wape = fields.Float(
        string="Backtest Error (WAPE %)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Weekly absolute error over the cash actually collected, when this forecast "
        "was replayed on the company's history (the same for every week of a company).",
    )
    backtest_baseline_wape = fields.Float(
        string="Due-Date Baseline Error (WAPE %)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="The same error for a naive forecast: every invoice paid on its due date.",
    )
    summary = fields.Json(readonly=True, help="Forecast totals and backtest figures.")

    @api.model
    def _refresh_company(self, company, today, ledgers=None, promises=None, partner_ids=None):
        """Rebuild ``company``'s 13 weeks from ``today`` (superuser: read by the
        cockpit). Ledgers and promises are read unless given."""
        self = self.sudo()
        env = self.env
        if partner_ids is None:
            partner_ids = [row[0] for row in cockpit_sql.read_customers(env, company)]
        if ledgers is None:
            ledgers = ledger_sql.read_receivables(env, company, partner_ids)
        if promises is None:
            promises = ledger_sql.read_promises(env, company, partner_ids)
        disputes = ledger_sql.read_disputes(env, company, partner_ids) if partner_ids else {}
        forecast = forecast_cash(
            ledgers,
            today,
            promises_by_customer=promises,
            disputes_by_customer=disputes,
            weeks=WEEKS,
        )
        summary = {
            "later": forecast.later,
            "disputed": forecast.disputed,
            "open_amount": forecast.open_amount,
            "invoices": forecast.invoices,
            "backtest": None,
        }
        try:
            backtest = backtest_forecast(
                ledgers,
                today,
                promises_by_customer=promises,
                disputes_by_customer=disputes,
                weeks=WEEKS,
            )
        except ValueError as error:  # too little history to replay
            _logger.info("collections: no forecast backtest for %s: %s", company.name, error)
            backtest = None
        if backtest is not None:
            summary["backtest"] = {
                "origins": len(backtest.origins),
                "wape": backtest.model.wape,
                "baseline_wape": backtest.baseline.wape,
                "total_error": backtest.total_error,
                "band_coverage": backtest.band_coverage,
            }
        self.search([("company_id", "=", company.id)]).unlink()
        self.create(
            [
                {
                    "company_id": company.id,
                    "as_of": today,
                    "week": index + 1,
                    "date": week.start,
                    "date_end": week.end,
                    "expected": week.expected,
                    "low": week.low,
                    "high": week.high,
                    "promised": week.promised,
                    "backtest_wape": _percent(backtest and backtest.model.wape),
                    "backtest_baseline_wape": _percent(backtest and backtest.baseline.wape),
                    "summary": summary,
                }
                for index, week in enumerate(forecast.weeks)
            ]
        )
        return summary


def _percent(value):
    return value * 100.0 if value is not None else False
