"""Whole simulated runs: determinism, the hard safety requirement, the counterfactual."""

from dataclasses import replace
from datetime import datetime, time, timedelta, timezone

import pytest

from ar_collections_core.simulator import (
    AgentStrategy,
    Silent,
    SimulationConfig,
    run_strategy,
    simulate,
    summarize,
)
from ar_collections_core.simulator.behaviour import add_business_days
from ar_collections_core.simulator.world import World

SMALL = SimulationConfig(customers=60, days=90, warmup_days=200, seed=3)


@pytest.fixture(scope="module")
def comparison():
    return simulate(SMALL)


def test_same_seed_same_result(comparison):
    again = simulate(SMALL)
    assert again.summaries == comparison.summaries
    assert [w.dso for w in again.results[1].weeks] == [w.dso for w in comparison.results[1].weeks]
    tiny = SimulationConfig(customers=20, days=28, warmup_days=90, seed=4)
    assert simulate(tiny).summaries != simulate(replace(tiny, seed=5)).summaries


def test_the_agent_never_writes_during_a_dispute_or_after_payment(comparison):
    baseline, agent = comparison.summaries
    # The blind schedule does, in the very same world: the check is not vacuous.
    assert baseline.during_dispute > 0 and baseline.after_payment > 0
    assert agent.during_dispute == 0 and agent.after_payment == 0
    for delivery in comparison.results[1].deliveries:
        assert not delivery.during_dispute and not delivery.after_payment


def test_both_strategies_see_the_same_customers_and_invoices(comparison):
    baseline, agent = comparison.results
    assert baseline.archetypes == agent.archetypes
    assert sorted((r.id, r.amount, r.due_date) for r in baseline.receivables) == sorted(
        (r.id, r.amount, r.due_date) for r in agent.receivables
    )
    assert len(agent.weeks) == 13  # 90 days: 12 full weeks and the last day
    assert agent.weeks[-1].end == SMALL.end


def test_the_report_table_names_every_figure(comparison):
    text = comparison.table()
    for label in (
        "DSO, countback",
        "CEI",
        "cash collected",
        "messages sent",
        "would have paid anyway",
        "during a dispute",
        "after payment",
        "customers annoyed",
        "reminders avoided",
    ):
        assert label in text
    assert "fixed schedule" in text.splitlines()[0] and "agent" in text.splitlines()[0]


def test_without_contact_every_invoice_is_paid_on_its_natural_date():
    config = SimulationConfig(customers=25, days=120, warmup_days=0, seed=11)
    result = run_strategy(config, Silent())
    assert result.deliveries == []
    world = World(config.customers, config.seed, config.history_start, config.end)
    expected = {}
    for invoices in world.issue_days.values():
        for invoice in invoices:
            if invoice.plan.dispute_after is None:
                expected[invoice.id] = add_business_days(
                    invoice.natural_date, invoice.plan.bank_lag
                )
    checked = 0
    for rec in result.receivables:
        if rec.id in expected and rec.settlements:
            assert [s.date for s in rec.settlements] == [expected[rec.id]]
            checked += 1
    assert checked > 50
    assert summarize(result).messages == 0


def test_profiles_come_from_the_simulated_history():
    config = SimulationConfig(customers=10, days=14, warmup_days=300, seed=2)
    agent = AgentStrategy()
    run_strategy(config, agent)
    assert agent.counts["decisions"] > 0
    world = World(config.customers, config.seed, config.history_start, config.end)
    day = config.history_start
    while day <= config.start:
        world.morning(day)
        world.sending(day)
        world.evening(day)
        day += timedelta(days=1)
    customer = next(c for c in world.customers.values() if c.segment == "standard")
    noon = datetime.combine(config.start, time(12), tzinfo=timezone.utc)
    snapshot = agent.snapshot(world, customer, config.start, noon)
    assert snapshot.profile.has_history and snapshot.profile.invoices_settled >= 3
    assert all(r.is_open or r.settlements for r in snapshot.receivables)


def test_bad_configurations_are_refused():
    with pytest.raises(ValueError, match="customers"):
        SimulationConfig(customers=0)
    with pytest.raises(ValueError, match="days"):
        SimulationConfig(days=3)
    with pytest.raises(ValueError, match="warmup"):
        SimulationConfig(warmup_days=-1)


def test_the_fixed_schedule_carries_on_from_the_history(comparison):
    # No catch-up burst at the start: levels sent during the history stay sent.
    weeks = [w.messages for w in comparison.results[0].weeks[:-1]]
    assert weeks[0] <= 1.5 * sorted(weeks)[len(weeks) // 2]
