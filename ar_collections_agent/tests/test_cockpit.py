from freezegun import freeze_time
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .cockpit_common import EXAMPLE_TODAY, CockpitCommon


@tagged("post_install", "-at_install")
class TestCockpitFigures(CockpitCommon):
    """Each figure of the cockpit against the example computed by hand.

    Ledger on 31 March 2025 (company currency, no taxes):
      Xeno  A 1000 issued 10/1 due 9/2, paid 3/3 (22 days late)
            B 2000 issued 10/2 due 12/3, paid 10/3 (on time)
            C 3000 issued 5/3 due 4/4, open
      Yara  D  600 issued 20/1 due 19/2, open (40 days late), strategic segment
            E  400 issued 20/3 due 19/4, open, disputed
    Credit sales Jan 1600, Feb 2000, Mar 3400 = 7000 over 90 days.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(EXAMPLE_TODAY):
            cls._cockpit_data()
            cls.env["ar.collection.metric"]._refresh_company(cls.company, EXAMPLE_TODAY)

    def _row(self, scope="company", **domain):
        rows = self.env["ar.collection.metric"].search(
            [
                ("company_id", "=", self.company.id),
                ("scope", "=", scope),
                ("date", "=", "2025-03-01"),
                *[(k, "=", v) for k, v in domain.items()],
            ]
        )
        self.assertEqual(len(rows), 1)
        return rows

    def test_dso_and_cei_of_the_company(self):
        row = self._row()
        # AR 31/3: C 3000 + E 400 (not due) + D 600 (overdue) = 4000
        self.assertRecordValues(
            row, [{"ar_total": 4000.0, "ar_current": 3400.0, "ar_overdue": 600.0}]
        )
        self.assertEqual(row.credit_sales, 7000.0)
        # countback: 4000 - 3400 (March, 31 days) = 600; 600 / 2000 x 28 (Feb) = 8.4
        self.assertAlmostEqual(row.dso_countback, 39.4)
        # best possible: 3400 / 7000 x 90 = 43.7; simple 4000 / 7000 x 90 = 51.4
        self.assertAlmostEqual(row.best_possible_dso, 43.7)
        self.assertAlmostEqual(row.average_days_delinquent, 7.7)  # 51.4 - 43.7
        # CEI March: opening 3600 (A, B, D), sales 3400, closing 4000, current 3400
        # (3600 + 3400 - 4000) / (3600 + 3400 - 3400) = 3000 / 3600 = 83.3 %
        self.assertAlmostEqual(row.cei, 83.3)
        self.assertRecordValues(
            row,
            [
                {
                    "aging_current": 3400.0,
                    "aging_1_30": 0.0,
                    "aging_31_60": 600.0,
                    "aging_90_plus": 0.0,
                    "cash_collected": 3000.0,
                    "cash_recovered": 1000.0,  # only A was paid late
                }
            ],
        )

    def test_contacts_promises_cases_and_reminders_avoided(self):
        row = self._row()
        # two reminders in March; Xeno answered with a promise, Yara did not
        self.assertRecordValues(
            row, [{"contacts": 2, "replies": 1, "promises_made": 1, "reply_rate": 50.0}]
        )
        self.assertAlmostEqual(row.promise_conversion, 50.0)
        # due in March: Xeno's kept, Yara's open since 15/3 (+3 days grace): broken
        self.assertRecordValues(row, [{"promises_kept": 1, "promises_broken": 1}])
        self.assertAlmostEqual(row.promise_kept_rate, 50.0)
        self.assertAlmostEqual(row.contacts_per_1000, 2.0)  # 2 / (1000 / 1000)
        # Xeno's case (A overdue 10/2 .. 3/3) closed in March; escalated on 20/2
        self.assertEqual(row.cases_closed, 1)
        self.assertAlmostEqual(row.resolved_without_person, 0.0)
        # Yara a reliable payer on 21/3 while D was 30 days late: one avoided
        self.assertRecordValues(
            row, [{"reminders_avoided": 1, "avoided_reliable": 1, "avoided_promised": 0}]
        )
        february = self.env["ar.collection.metric"].search(
            [("company_id", "=", self.company.id), ("scope", "=", "company"),
             ("date", "=", "2025-02-01")]
        )  # fmt: skip
        self.assertRecordValues(february, [{"avoided_promised": 1, "reminders_avoided": 1}])
        # nobody was chased in February: the reply rate is unknown, not zero
        self.assertIsNone(february.figures["reply_rate"])

    def test_segments_and_collectors(self):
        # strategic = Yara: sales Jan 600, Mar 400; AR 1000
        # 1000 - 400 (March, 31 days) - 0 (Feb, 28 days) = 600 = Jan's 600 (31 days): 90
        strategic = self._row("segment", segment="strategic")
        self.assertAlmostEqual(strategic.dso_countback, 90.0)
        self.assertEqual(strategic.ar_overdue, 600.0)
        # the collector's customer Xeno: AR 3000 not due, March sales 3000: 31 days
        mine = self._row("collector", user_id=self.collector.id)
        self.assertAlmostEqual(mine.dso_countback, 31.0)
        self.assertAlmostEqual(mine.cei, 100.0)
        self.assertEqual(mine.contacts, 1)

    def test_forecast_leaves_the_dispute_out(self):
        weeks = self.env["ar.collection.forecast"].search([("company_id", "=", self.company.id)])
        self.assertEqual(weeks.mapped("week"), list(range(1, 14)))
        summary = weeks[0].summary
        self.assertEqual(summary["disputed"], 400.0)
        self.assertEqual(summary["open_amount"], 4000.0)
        expected = sum(weeks.mapped("expected")) + summary["later"]
        self.assertAlmostEqual(expected, 3600.0, delta=0.05)  # all but the disputed E
        self.assertIsNone(summary["backtest"])  # three months of history are too few

    def test_cockpit_call_for_a_collector(self):
        with freeze_time(EXAMPLE_TODAY):
            data = (
                self.env["ar.collection.cockpit"]
                .with_user(self.collector)
                .get_cockpit_data(user_id=self.collector.id)
            )
        (company,) = data["companies"]
        self.assertEqual(company["id"], self.company.id)
        march = company["months"][-1]
        self.assertEqual((march["start"], march["dso_countback"]), ("2025-03-01", 31.0))
        self.assertEqual(len(company["forecast"]["weeks"]), 13)
        self.assertIn(["strategic", "Strategic"], data["segments"])
        self.assertIn(self.collector.id, [c[0] for c in data["collectors"]])
        outsider = new_test_user(self.env, login="no_accounting", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["ar.collection.cockpit"].with_user(outsider).get_cockpit_data()

    def test_stale_figures_are_rebuilt_for_the_active_companies_only(self):
        other = self.setup_other_company()["company"]
        Metric = self.env["ar.collection.metric"]
        with freeze_time("2025-04-02"):
            self.env["ar.collection.cockpit"].with_user(self.collector).get_cockpit_data()
        rows = Metric.search([("scope", "=", "company"), ("company_id", "=", self.company.id)])
        self.assertEqual(set(rows.mapped("computed_on")), {rows[0].computed_on})
        self.assertEqual(str(rows[0].computed_on), "2025-04-02")
        self.assertFalse(Metric.search([("company_id", "=", other.id)]))
