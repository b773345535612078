"""``ar-collections simulate``: the agent's policy against a fixed-schedule follow-up.

Simulated customers with payment-behaviour archetypes (reliable, slow but steady,
erratic, chronic late, disputer, new, strategic) receive invoices for a year of
history under the fixed schedule, then for ``--days`` days under (a) the fixed
schedule (reminders at 1, 15, 30 and 45 days past due, a person's call at 45, the
same for everyone, blind to disputes, promises, replies and payments in flight) and
(b) the agent (the core's decision policy and pre-send re-check), with the same seed:
the same customers, invoices and natural payment dates. Prints a table and writes PNG
charts (DSO over time, cumulative cash, messages per week) to ``--out``.

The behaviour model and its assumptions are in docs/SIMULATOR.md: the figures are a
what-if under that model, not a promise.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from time import perf_counter

from ar_collections_core.cli_args import iso_date, positive_int
from ar_collections_core.simulator import (
    SIMULATION_POLICY,
    ChartsUnavailable,
    SimulationConfig,
    simulate,
    write_charts,
)

DEFAULT_OUT = "simulation"


def register(subparsers):
    parser = subparsers.add_parser(
        "simulate", help="the agent's policy against a fixed-schedule follow-up",
        description=__doc__,
    )  # fmt: skip
    parser.add_argument("--customers", type=positive_int, default=300)
    parser.add_argument("--days", type=positive_int, default=180, help="simulated days")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=iso_date, default=date(2025, 1, 6),
                        help="first simulated day (default 2025-01-06)")  # fmt: skip
    parser.add_argument("--warmup-days", type=int, default=365,
                        help="history under the fixed schedule before the start")  # fmt: skip
    parser.add_argument("--policy", help="JSON file of policy settings (docs/POLICY.md) over "
                        "the defaults; the mode is autonomous unless it says")  # fmt: skip
    parser.add_argument("--out", default=None,
                        help=f"directory for the PNG charts (default ./{DEFAULT_OUT})")  # fmt: skip
    parser.add_argument("--no-charts", action="store_true", help="print the table only")
    parser.set_defaults(handler=run)


def run(args) -> int:
    try:
        config = SimulationConfig(
            customers=args.customers,
            days=args.days,
            seed=args.seed,
            start=args.start,
            warmup_days=args.warmup_days,
        )
        policy = _policy(args.policy)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    started = perf_counter()
    comparison = simulate(config, policy)
    elapsed = perf_counter() - started
    print(
        f"Simulated {config.customers} customers for {config.days} days from {config.start} "
        f"to {config.end} (seed {config.seed}, {config.warmup_days} days of history before), "
        f"in {elapsed:.1f} s. A what-if under the behaviour model of docs/SIMULATOR.md, "
        "not a promise."
    )
    print()
    print(comparison.table())
    print()
    for result in comparison.results:
        causes = ", ".join(
            f"{cause} {n}" for cause, n in sorted(result.annoyance_causes.items(), key=_by_count)
        )
        print(f"annoyances, {result.strategy}: {causes or 'none'}")
    agent = comparison.results[-1].counts
    print(
        f"agent: {agent.get('decisions', 0)} decisions, {agent.get('cancelled', 0)} contacts "
        f"called off by the pre-send re-check, {agent.get('narrowed', 0)} narrowed, "
        f"{agent.get('approvals', 0)} approved by a person"
    )
    summary = comparison.summaries[-1]
    if summary.during_dispute or summary.after_payment:
        print(
            f"WARNING: the agent sent {summary.during_dispute} message(s) during a dispute and "
            f"{summary.after_payment} after payment: a defect in the policy or its adapter",
            file=sys.stderr,
        )
    if args.no_charts:
        return 0
    try:
        paths = write_charts(comparison.results, args.out or DEFAULT_OUT)
    except ChartsUnavailable as error:
        print(f"charts not written: {error}", file=sys.stderr)
        return 1 if args.out else 0
    except OSError as error:
        print(f"error: cannot write the charts: {error}", file=sys.stderr)
        return 2
    print("charts: " + ", ".join(str(p) for p in paths))
    return 0


def _by_count(item):
    return (-item[1], item[0])


def _policy(path: str | None):
    if not path:
        return SIMULATION_POLICY
    with open(path, encoding="utf-8") as stream:
        try:
            overrides = json.load(stream)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path} is not valid JSON ({error.msg})") from None
    if not isinstance(overrides, dict):
        raise ValueError(f"{path} must hold a JSON object of policy settings")
    return SIMULATION_POLICY.with_overrides(overrides)
