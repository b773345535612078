"""Benchmark: the policy simulator over several seeds, to tell a difference from noise.

    python benchmarks/simulator_seeds.py [--customers 300] [--days 180] [--seeds 1 2 3 4 5]
                                         [--policy FILE] [--behaviour NAME=VALUE ...]

Runs ``ar-collections simulate`` (the fixed schedule and the agent on the same
customers) once per seed and prints, per seed, the DSO (mean of the weekly countback
DSO over the period, and at the end), messages sent, calls by a person, customers
annoyed and the cash collected, then the mean and standard deviation of the agent's
difference with the fixed schedule, and the time per simulation. ``--behaviour`` sets
a number of the behaviour model (``ar_collections_core.simulator.behaviour``, e.g.
``PHONE_FACTOR=1.0``) for a sensitivity check.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ar_collections_core.simulator import SIMULATION_POLICY, SimulationConfig, behaviour, simulate

FIGURES = (
    ("DSO mean", "dso_mean", ".1f"),
    ("DSO end", "dso_end", ".1f"),
    ("messages", "messages", "d"),
    ("calls", "person_calls", "d"),
    ("annoyed", "customers_annoyed", "d"),
    ("cash k", "cash_collected", ",.0f"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--policy", help="JSON file of policy settings")
    parser.add_argument("--behaviour", nargs="+", default=[], metavar="NAME=VALUE",
                        help="numbers of the behaviour model to change")  # fmt: skip
    args = parser.parse_args()
    for setting in args.behaviour:
        name, _, value = setting.partition("=")
        if not isinstance(getattr(behaviour, name, None), float):
            parser.error(f"{name!r} is not a number of the behaviour model")
        setattr(behaviour, name, float(value))
        print(f"behaviour: {name} = {float(value)}")
    policy = SIMULATION_POLICY
    if args.policy:
        policy = policy.with_overrides(json.loads(Path(args.policy).read_text()))
    header = "seed  " + "".join(f"{name:>22}" for name, _f, _s in FIGURES)
    print("each cell: fixed schedule -> agent")
    print(header)
    deltas = {name: [] for name, _f, _s in FIGURES}
    times = []
    for seed in args.seeds:
        started = time.perf_counter()
        config = SimulationConfig(customers=args.customers, days=args.days, seed=seed)
        base, agent = simulate(config, policy).summaries
        times.append(time.perf_counter() - started)
        cells = []
        for name, field, spec in FIGURES:
            a, b = getattr(base, field), getattr(agent, field)
            if field == "cash_collected":
                a, b = a / 1000, b / 1000
            cells.append(f"{format(a, spec)} -> {format(b, spec)}")
            deltas[name].append(b - a)
        print(f"{seed:<6}" + "".join(f"{c:>22}" for c in cells))
    print()
    print("agent minus fixed schedule, mean (standard deviation) over the seeds:")
    for name, values in deltas.items():
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        print(f"  {name:10}{statistics.mean(values):>12,.1f}  ({sd:,.1f})")
    print(f"time per simulation (both strategies): {statistics.mean(times):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
