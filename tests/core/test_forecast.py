"""The cash-in forecast on tiny hand-made ledgers, and its backtest."""

from datetime import date, timedelta

import pytest

from ar_collections_core.forecast import (
    ForecastErrors,
    backtest_forecast,
    forecast_cash,
    keep_probability,
    receivable_as_of,
)
from ar_collections_core.ledger import Dispute, Promise, Receivable, Settlement

TODAY = date(2025, 3, 3)  # a Monday: week 1 is 3-9 March, week 2 is 10-16 March


def _inv(key, due, amount=1000.0, issued=None, payments=(), **extra):
    issued = issued or due - timedelta(days=30)
    settlements = tuple(Settlement(d, a) for d, a in payments)
    residual = round(amount - sum(a for _d, a in payments), 2)
    return Receivable(key, str(key), issued, due, amount, residual, settlements=settlements,
                      **extra)  # fmt: skip


def _weeks(result):
    return [w.expected for w in result.weeks]


def test_without_history_an_invoice_lands_on_its_due_date_or_later_for_an_overdue_one():
    book = {
        "new": [_inv(1, TODAY + timedelta(days=10))],  # due 13 March: week 2
        "late": [_inv(2, TODAY - timedelta(days=20), 500.0)],  # 20 days overdue: +7 days
        "paying": [_inv(3, TODAY - timedelta(days=2), 300.0, in_payment=True)],  # today
    }
    result = forecast_cash(book, TODAY, weeks=4)
    assert _weeks(result) == [300.0, 1500.0, 0.0, 0.0]
    assert result.open_amount == 1800.0 and result.invoices == 3
    week2 = result.weeks[1]
    assert (week2.start, week2.end) == (date(2025, 3, 10), date(2025, 3, 16))
    assert week2.low == week2.high == 1500.0  # certain dates: no spread
    assert result.later == 0.0 and result.disputed == 0.0


def test_a_steady_history_moves_the_date_and_the_disputed_part_is_left_out():
    # Four invoices paid exactly 10 days late: the next one is expected due + 10.
    history = [
        _inv(k, date(2024, 9, 1) + timedelta(days=30 * k), payments=[
            (date(2024, 9, 11) + timedelta(days=30 * k), 1000.0)])
        for k in range(4)
    ]  # fmt: skip
    due = TODAY + timedelta(days=5)  # paid on 18 March: week 3
    book = {"steady": [*history, _inv(10, due, 1000.0)]}
    assert _weeks(forecast_cash(book, TODAY, weeks=4)) == [0.0, 0.0, 1000.0, 0.0]
    disputes = {"steady": [Dispute("D1", (10,), 300.0, state="open", opened=TODAY)]}
    result = forecast_cash(book, TODAY, weeks=4, disputes_by_customer=disputes)
    assert _weeks(result) == [0.0, 0.0, 700.0, 0.0]
    assert result.disputed == 300.0


def test_a_promise_is_weighted_by_the_chance_of_keeping_it():
    overdue = _inv(1, TODAY - timedelta(days=10), 2000.0)
    promise = Promise("P1", (1,), 2000.0, TODAY + timedelta(days=3), "open", created=TODAY)
    result = forecast_cash({"c": [overdue]}, TODAY, weeks=4, promises_by_customer={"c": [promise]})
    # No promise record: 60 % kept on 6 March (week 1). Broken, the payment comes after
    # the grace (9 March) + 1 day, 17 days overdue then: 10 March + 7 days (week 3).
    assert _weeks(result) == pytest.approx([1200.0, 0.0, 800.0, 0.0])
    assert result.weeks[0].promised == pytest.approx(1200.0)
    assert result.weeks[2].promised == 0.0
    # p = 0.6 on 2000: sigma = 2000 x sqrt(0.24) = 979.8; 1200 -/+ 1.2816 sigma
    assert result.weeks[0].low == pytest.approx(0.0)
    assert result.weeks[0].high == pytest.approx(1200 + 1.2816 * 979.80, abs=0.1)


def test_keep_probability_shrinks_the_record_towards_sixty_percent():
    assert keep_probability(None) == 0.6

    class Record:
        promises_kept, promises_partial, promises_broken = 3, 1, 0

    # (3 + 0.5 + 0.6 x 2) / (4 + 2)
    assert keep_probability(Record()) == pytest.approx(4.7 / 6)


def test_a_weekend_date_counts_on_the_monday_after():
    # No history: paid on the due date, a Saturday (15 March): week 3 starts on the 17th.
    result = forecast_cash({"c": [_inv(1, date(2025, 3, 15))]}, TODAY, weeks=3)
    assert _weeks(result) == [0.0, 0.0, 1000.0]


def test_a_spread_history_spreads_the_cash_and_nothing_is_lost():
    history = [
        _inv(k, date(2024, 6, 1) + timedelta(days=30 * k), payments=[
            (date(2024, 6, 1) + timedelta(days=30 * k + late), 1000.0)])
        for k, late in enumerate((0, 10, 20, 30, 5, 15, 25, 35))
    ]  # fmt: skip
    book = {"spread": [*history, _inv(20, TODAY, 1000.0), _inv(21, TODAY + timedelta(7), 400.0)]}
    result = forecast_cash(book, TODAY, weeks=3)
    assert result.total + result.later == pytest.approx(1400.0)
    assert sum(1 for x in _weeks(result) if x > 0) >= 2  # more than one week
    assert result.later > 0
    assert all(w.low <= w.expected <= w.high for w in result.weeks)


def test_the_ledger_is_read_as_it_stood():
    rec = _inv(1, date(2025, 2, 1), 1000.0, payments=[(date(2025, 2, 10), 400.0),
                                                      (date(2025, 3, 1), 600.0)])  # fmt: skip
    then = receivable_as_of(rec, date(2025, 2, 20))
    assert then.residual == 600.0 and len(then.settlements) == 1
    assert receivable_as_of(rec, date(2024, 12, 1)) is None  # issued 2 January
    assert receivable_as_of(rec, date(2025, 3, 2)) is rec
    with pytest.raises(ValueError):
        forecast_cash({}, TODAY, weeks=0)


def test_forecast_errors_by_hand():
    errors = ForecastErrors.of([(100.0, 80.0), (50.0, 100.0), (0.0, 0.0)])
    assert errors.wape == pytest.approx(70 / 180)  # (20 + 50 + 0) / 180
    assert errors.mape == pytest.approx((20 / 80 + 50 / 100) / 2)
    assert errors.mape_weeks == 2


def test_backtest_on_a_steady_payer_beats_the_due_date():
    # One invoice every other Monday, due 30 days later, always paid 9 days after the
    # due date (a Friday).
    start = date(2024, 1, 1)
    book = {
        "steady": [
            _inv(k, start + timedelta(days=14 * k + 30), 1000.0, issued=start + timedelta(14 * k),
                 payments=[(start + timedelta(days=14 * k + 39), 1000.0)])
            for k in range(30)
        ]
    }  # fmt: skip
    origins = [date(2024, 7, 1), date(2024, 8, 1)]
    result = backtest_forecast(book, date(2025, 1, 31), origins=origins, weeks=8)
    assert result.origins == tuple(origins)
    assert result.model.weeks == 16
    assert result.model.wape == pytest.approx(0.0)
    assert result.baseline.wape > 0.3  # the due date is 9 days early every time
    assert result.total_error == pytest.approx(0.0)
    assert "weekly WAPE" in result.table()
    with pytest.raises(ValueError, match="too late"):
        backtest_forecast(book, date(2024, 8, 15), origins=origins, weeks=8)


def test_one_customers_invoices_move_together_in_the_band():
    def book_of(keys):
        book, promises = {}, {}
        for n, key in enumerate(keys, 1):
            book.setdefault(key, []).append(_inv(n, TODAY - timedelta(days=10), 1000.0))
            promises.setdefault(key, []).append(
                Promise(f"P{n}", (n,), 1000.0, TODAY + timedelta(days=3), "open", created=TODAY)
            )
        return forecast_cash(book, TODAY, weeks=1, promises_by_customer=promises).weeks[0]

    together, apart = book_of(["a", "a"]), book_of(["a", "b"])
    assert together.expected == apart.expected == pytest.approx(1200.0)  # 2 x 0.6 x 1000
    # one customer: sigma = 2 x 1000 x sqrt(0.24); two customers: sqrt(2) x 1000 x sqrt(0.24)
    assert together.high == pytest.approx(1200 + 1.2816 * 979.80, abs=0.1)
    assert apart.high == pytest.approx(1200 + 1.2816 * 692.82, abs=0.1)
