"""The cockpit's period figures and overdue cases against hand-computed examples."""

from datetime import date

import pytest

from ar_collections_core import cockpit
from ar_collections_core import metrics as m
from ar_collections_core.ledger import Promise, Receivable, Settlement


def _inv(key, issued, due, amount, payments=()):
    settlements = tuple(Settlement(d, a) for d, a in payments)
    residual = round(amount - sum(a for _d, a in payments), 2)
    return Receivable(key, key, issued, due, amount, residual, settlements=settlements)


# March 2025: sales 1000 (Jan) + 2000 (Feb) + 3000 (Mar)
LEDGER = (
    _inv("A", date(2025, 1, 10), date(2025, 2, 9), 1000, [(date(2025, 3, 3), 1000)]),
    _inv("B", date(2025, 2, 10), date(2025, 3, 12), 2000, [(date(2025, 3, 10), 2000)]),
    _inv("C", date(2025, 3, 5), date(2025, 4, 4), 3000),
)


def test_month_periods_end_on_today_oldest_first():
    assert cockpit.month_periods(date(2025, 3, 14), 3) == [
        (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 14)),
    ]
    with pytest.raises(ValueError):
        cockpit.month_periods(date(2025, 3, 14), 0)


def test_period_figures_of_a_hand_computed_month():
    contacts = [
        m.ContactRecord("X", date(2025, 3, 1), replied=True, reply_intents=("promise_to_pay",)),
        m.ContactRecord("X", date(2025, 3, 20)),
        m.ContactRecord("X", date(2025, 2, 20), replied=True),  # another month
    ]
    promises = [
        Promise(1, ("A",), 1000, date(2025, 3, 3), state="kept"),
        Promise(2, ("C",), 3000, date(2025, 3, 20), state="open"),  # past grace on 31/3
        Promise(3, ("C",), 3000, date(2025, 3, 30), state="open"),  # in grace: left out
        Promise(4, ("C",), 3000, date(2025, 4, 10), state="open"),  # another month
    ]
    holds = [m.Hold("X", "A", date(2025, 2, 9), date(2025, 2, 24), "promised"),  # +15
             m.Hold("X", "C", date(2025, 2, 9), date(2025, 3, 11), "reliable")]  # +30  # fmt: skip
    cases = cockpit.overdue_cases("X", LEDGER, [date(2025, 1, 5)])
    fig = cockpit.period_figures(
        LEDGER, date(2025, 3, 1), date(2025, 3, 31), contacts=contacts, promises=promises,
        cases=cases, holds=holds,
    )  # fmt: skip
    # AR on 31/3: C 3000, not due -> best possible DSO = DSO; countback 3000/3000 x 31
    assert (fig.ar_total, fig.ar_current, fig.ar_overdue) == (3000.0, 3000.0, 0.0)
    assert fig.credit_sales == 6000.0
    assert fig.dso_countback == 31.0
    assert fig.best_possible_dso == 45.0  # 3000 / 6000 x (31 + 28 + 31)
    assert fig.average_days_delinquent == 0.0  # simple DSO 45.0 - 45.0
    # CEI: opening AR 1000 (A) + 2000 (B) = 3000, sales 3000, closing 3000 all current
    # (3000 + 3000 - 3000) / (3000 + 3000 - 3000) = 100 %
    assert fig.cei == 100.0
    assert fig.cash_collected == 3000.0
    assert fig.cash_recovered == 1000.0  # A paid 3/3, 22 days late; B paid before due
    assert (fig.contacts, fig.replies, fig.promises_made) == (2, 1, 1)
    assert fig.reply_rate == 0.5 and fig.promise_conversion == 0.5
    assert (fig.promises_kept, fig.promises_broken, fig.promise_kept_rate) == (1, 1, 0.5)
    assert fig.contacts_per_1000 == 2.0  # 2 contacts / (1000 / 1000)
    # one case: A overdue 10/2 .. 3/3, closed in March, no person in it
    assert fig.cases_closed == 1 and fig.resolved_without_person == 1.0
    assert dict(fig.avoided) == {"paid": 0, "disputed": 0, "promised": 0, "reliable": 1}
    assert fig.reminders_avoided == 1
    data = fig.to_dict()
    assert data["aging"]["current"] == 3000.0 and data["start"] == "2025-03-01"


def test_overdue_cases_merge_overlapping_spells_and_see_people():
    ledger = [
        _inv("P", date(2025, 1, 1), date(2025, 1, 31), 100, [(date(2025, 2, 20), 100)]),
        _inv("Q", date(2025, 1, 15), date(2025, 2, 14), 100, [(date(2025, 3, 1), 100)]),
        _inv("R", date(2025, 3, 1), date(2025, 3, 31), 100, [(date(2025, 3, 30), 100)]),
        _inv("S", date(2025, 4, 1), date(2025, 4, 30), 100),
    ]
    cases = cockpit.overdue_cases("K", ledger, [date(2025, 5, 3)])
    assert cases == [
        m.CaseRecord("K", date(2025, 2, 1), date(2025, 3, 1), False),  # P and Q, one case
        m.CaseRecord("K", date(2025, 5, 1), None, True),  # S, still open, a person on it
    ]


def test_overdue_on_lists_what_a_follow_up_would_chase():
    day = date(2025, 3, 1)
    assert [r.id for r in cockpit.overdue_on(LEDGER, day)] == ["A"]
    assert cockpit.overdue_on(LEDGER, date(2025, 3, 4)) == []
