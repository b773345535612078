from odoo import api, fields, models

from .ar_collection_policy import SEGMENT_SELECTION

TREND_MONTHS = 6


class ArCollectionCockpit(models.AbstractModel):
    """The figures the Collections cockpit shows, in one call: per active company, the
    last months of the chosen slice (whole company, a segment or a collector) and the
    13-week cash-in forecast with its backtest error."""

    _name = "ar.collection.cockpit"
    _description = "Collections Cockpit"

    @api.model
    def get_cockpit_data(self, segment=False, user_id=False, months=TREND_MONTHS):
        """{companies: [{id, name, currency, months: [figures], forecast}], segments,
        collectors, filter}; figures as ``PeriodFigures.to_dict()``, oldest month first.
        Readable by whoever may read the figures (a collector at least), for the
        companies active in the user's session."""
        Metric = self.env["ar.collection.metric"]
        Metric.check_access("read")
        companies = self.env.companies
        today = fields.Date.context_today(self)
        Metric._ensure_fresh(companies, today)
        if user_id:
            domain = [("scope", "=", "collector"), ("user_id", "=", int(user_id))]
        elif segment:
            domain = [("scope", "=", "segment"), ("segment", "=", segment)]
        else:
            domain = [("scope", "=", "company")]
        rows = Metric.search([*domain, ("company_id", "in", companies.ids)], order="date")
        weeks = self.env["ar.collection.forecast"].search(
            [("company_id", "in", companies.ids)], order="week"
        )
        slices = Metric.search_read(
            [("company_id", "in", companies.ids), ("scope", "=", "collector")], ["user_id"]
        )
        collectors = {s["user_id"][0]: s["user_id"][1] for s in slices if s["user_id"]}
        segment_rows = Metric.search(
            [("company_id", "in", companies.ids), ("scope", "=", "segment")]
        )
        present = set(segment_rows.mapped("segment"))
        result = []
        for company in companies:
            own = rows.filtered(lambda r, c=company: r.company_id == c)[-months:]
            forecast = weeks.filtered(lambda w, c=company: w.company_id == c)
            result.append(
                {
                    "id": company.id,
                    "name": company.name,
                    "currency_id": company.currency_id.id,
                    "months": [
                        dict(row.figures or {}, label=row.date.strftime("%b %Y")) for row in own
                    ],
                    "forecast": {
                        "weeks": [
                            {
                                "week": w.week,
                                "start": fields.Date.to_string(w.date),
                                "expected": w.expected,
                                "low": w.low,
                                "high": w.high,
                                "promised": w.promised,
                            }
                            for w in forecast
                        ],
                        **((forecast[:1].summary or {}) if forecast else {}),
                    },
                }
            )
        return {
            "companies": result,
            "segments": [[k, label] for k, label in SEGMENT_SELECTION if k in present],
            "collectors": sorted(collectors.items(), key=lambda c: c[1]),
            "filter": {"segment": segment or False, "user_id": user_id or False},
            "today": fields.Date.to_string(today),
        }

    @api.model
    def action_refresh(self):
        """Rebuild the figures of the active companies now."""
        self.env["ar.collection.metric"].check_access("read")
        today = fields.Date.context_today(self)
        for company in self.env.companies:
            self.env["ar.collection.metric"]._refresh_company(company, today)
        return True
