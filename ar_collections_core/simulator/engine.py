"""The day loop: one strategy over a simulated company, with the figures it leaves.

Before the simulated period, ``warmup_days`` of history run under the fixed schedule
(the company's current follow-up), so that every customer has a payment history the
agent's profiles can read. The same seed gives the same customers, invoices and
natural payment dates to every strategy; only what the strategy does differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ar_collections_core import metrics
from ar_collections_core.ledger import Promise, Receivable
from ar_collections_core.metrics import FOLLOWUP_LEVELS, CaseRecord, Hold

from .reactions import Delivery, deliver, read_on_return
from .strategies import FixedSchedule
from .world import World

DSO_MONTHS = 3


@dataclass(frozen=True, slots=True)
class SimulationConfig:
    customers: int = 300
    days: int = 180
    seed: int = 7
    start: date = date(2025, 1, 6)  # a Monday
    warmup_days: int = 365

    def __post_init__(self):
        if self.customers < 1:
            raise ValueError("customers must be at least 1")
        if self.days < 7:
            raise ValueError("days must be at least 7 (one week)")
        if self.warmup_days < 0:
            raise ValueError("warmup_days cannot be negative")

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    @property
    def history_start(self) -> date:
        return self.start - timedelta(days=self.warmup_days)


@dataclass(frozen=True, slots=True)
class WeekPoint:
    end: date
    dso: float | None  # countback, over the last three months
    ar: float
    cash: float  # collected since the start, cumulative
    messages: int  # contacts sent this week


@dataclass
class RunResult:
    strategy: str
    config: SimulationConfig
    deliveries: list[Delivery] = field(default_factory=list)
    weeks: list[WeekPoint] = field(default_factory=list)
    receivables: list[Receivable] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)  # made during the period
    cases: list[CaseRecord] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)
    annoyed: dict[str, str] = field(default_factory=dict)  # customer -> archetype
    annoyance_causes: dict[str, int] = field(default_factory=dict)
    archetypes: dict[str, str] = field(default_factory=dict)  # customer -> archetype
    counts: dict[str, int] = field(default_factory=dict)  # the strategy's own counters


def run_strategy(config: SimulationConfig, strategy) -> RunResult:
    """Warm-up under the fixed schedule, then ``config.days`` days under ``strategy``."""
    world = World(config.customers, config.seed, config.history_start, config.end)
    # The fixed schedule carries on from its own history (levels already sent stay sent).
    warmup = strategy if isinstance(strategy, FixedSchedule) else FixedSchedule()
    result = RunResult(strategy.name, config)
    result.archetypes = {k: c.archetype for k, c in world.customers.items()}
    cases: dict[str, CaseRecord] = {}
    day = config.history_start
    while day <= config.end:
        in_period = day >= config.start
        if day == config.start:
            _start_period(world)
        acting = strategy if in_period else warmup
        world.morning(day)
        for customer in world.customers.values():
            if customer.deferred:
                read_on_return(world, customer, day)
        planned = acting.plan(world, day)
        levels = _level_invoices(world, day) if in_period else []
        world.sending(day)
        chased = set()
        for outreach in planned:
            final = acting.confirm(world, outreach)
            if final is None:
                continue
            delivery = deliver(world, final)
            chased.update((final.customer_key, i) for i in final.invoice_ids)
            if final.by_person:
                world.touched_by_person.add(final.customer_key)
            if in_period:
                result.deliveries.append(delivery)
        if in_period:
            result.holds += _holds(world, acting, levels, chased, day)
        world.evening(day)
        if in_period:
            _track_cases(world, cases, result, day)
            if (day - config.start).days % 7 == 6 or day == config.end:
                result.weeks.append(_week_point(world, result, config, day))
        world.touched_by_person.clear()
        day += timedelta(days=1)
    result.receivables = world.all_receivables()
    result.cases += list(cases.values())
    result.promises = [
        p
        for c in world.customers.values()
        for p in c.promises
        if p.created is not None and p.created >= config.start
    ]
    result.annoyed = {
        k: c.archetype for k, c in world.customers.items() if c.annoyed_since is not None
    }
    result.annoyance_causes = dict(world.annoyance_causes)
    result.counts = dict(getattr(strategy, "counts", {}))
    return result


def _start_period(world: World) -> None:
    """Annoyance carries over from the warm-up, but only the period's new cases count."""
    for customer in world.customers.values():
        customer.annoyed_since = None
    world.annoyance_causes.clear()


def _level_invoices(world: World, day: date) -> list:
    """Open invoices on which a classic follow-up level falls due today (weekdays)."""
    if day.weekday() >= 5:
        return []
    return [
        (customer, invoice)
        for customer in world.customers.values()
        for invoice in world.open_invoices(customer)
        if (day - invoice.due).days in FOLLOWUP_LEVELS
    ]


def _holds(world: World, strategy, levels, chased: set, day: date) -> list[Hold]:
    holds = []
    for customer, invoice in levels:
        if (customer.key, invoice.id) in chased:
            continue
        rec = world.receivable(invoice)
        if not rec.is_open or rec.in_payment:
            reason = "paid"
        elif invoice.dispute is not None and invoice.dispute.state == "open":
            reason = "disputed"
        elif world.promise_in_force(customer, invoice.id, day):
            reason = "promised"
        else:
            reason = strategy.hold_reason(customer.key)
        if reason:
            holds.append(Hold(customer.key, invoice.id, invoice.due, day, reason))
    return holds


def _track_cases(world: World, cases: dict, result: RunResult, day: date) -> None:
    for key, customer in world.customers.items():
        overdue = any((day - inv.due).days >= 1 for inv in world.open_invoices(customer))
        case = cases.get(key)
        if overdue and case is None:
            case = cases[key] = CaseRecord(key, day)
        if case is not None and key in world.touched_by_person and not case.person_involved:
            case = cases[key] = CaseRecord(key, case.opened, None, True)
        if not overdue and case is not None:
            result.cases.append(CaseRecord(key, case.opened, day, case.person_involved))
            del cases[key]


def _week_point(world: World, result: RunResult, config: SimulationConfig, day: date):
    receivables = world.all_receivables()
    report = metrics.dso_report(receivables, day, DSO_MONTHS)
    week_start = day - timedelta(days=6)
    return WeekPoint(
        end=day,
        dso=report.dso_countback,
        ar=report.ar.total,
        cash=metrics.cash_collected(receivables, config.start, day),
        messages=sum(1 for d in result.deliveries if d.outreach.day >= week_start),
    )
