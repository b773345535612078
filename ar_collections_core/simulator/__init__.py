"""The policy simulator: a fixed-schedule follow-up against the agent's policy on the
same simulated customers (docs/SIMULATOR.md).

Public API:

    simulate(config=SimulationConfig(), policy=None) -> Comparison
    run_strategy(config, strategy) -> RunResult
    summarize(result) -> Summary
    write_charts(results, out_dir) -> list[Path]      (needs matplotlib)

Strategies: ``FixedSchedule()`` (the baseline), ``AgentStrategy(policy)`` (the core's
``decide``/``recheck``), ``Silent()`` (nobody writes: the natural schedule).
"""

from __future__ import annotations

from dataclasses import dataclass

from ar_collections_core.policy import CollectionPolicy

from .agent import SIMULATION_POLICY, AgentStrategy
from .charts import ChartsUnavailable, write_charts
from .engine import RunResult, SimulationConfig, WeekPoint, run_strategy
from .report import Summary, summarize, table
from .strategies import FOLLOWUP_LEVELS, FixedSchedule, Level, Silent


@dataclass(frozen=True, slots=True)
class Comparison:
    config: SimulationConfig
    policy: CollectionPolicy
    results: tuple[RunResult, ...]  # the baseline first, then the agent
    summaries: tuple[Summary, ...]

    def table(self) -> str:
        return table(list(self.summaries))


def simulate(config: SimulationConfig | None = None, policy: CollectionPolicy | None = None):
    """The fixed schedule and the agent on the same customers, seed and days."""
    config = config or SimulationConfig()
    policy = policy or SIMULATION_POLICY
    results = (run_strategy(config, FixedSchedule()), run_strategy(config, AgentStrategy(policy)))
    return Comparison(config, policy, results, tuple(summarize(r) for r in results))


__all__ = [
    "FOLLOWUP_LEVELS",
    "SIMULATION_POLICY",
    "AgentStrategy",
    "ChartsUnavailable",
    "Comparison",
    "FixedSchedule",
    "Level",
    "RunResult",
    "Silent",
    "SimulationConfig",
    "Summary",
    "WeekPoint",
    "run_strategy",
    "simulate",
    "summarize",
    "write_charts",
]
