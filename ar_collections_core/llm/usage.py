"""One record per LLM call (or skipped call), the month's totals, and the monthly cap.

The Odoo side stores the records (``UsageRecord.to_dict()``) and gives the month's
totals back through a :class:`UsageStore`; the CLI and the tests keep them in memory.
Outcomes: ``ok``, ``fallback:<reason>`` (no usable answer: the service failed or the
call was skipped) and ``rejected:<reason>`` (an answer came back and failed the checks).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Protocol

OK = "ok"
FALLBACK = "fallback"
REJECTED = "rejected"
KINDS = ("understanding", "drafting")


def month_of(moment: datetime) -> str:
    """The calendar month of ``moment`` as ``YYYY-MM`` (UTC for aware datetimes)."""
    return moment.strftime("%Y-%m")


@dataclass(frozen=True, slots=True)
class UsageRecord:
    at: datetime  # aware UTC, when the call started (or was skipped)
    kind: str  # understanding | drafting
    model: str
    outcome: str  # ok | fallback:<reason> | rejected:<reason>
    called: bool  # False: skipped before any request (cap, breaker, no key, no SDK)
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: int = 0  # the whole call, retries and waits included
    cost: float = 0.0  # USD estimate (llm.prices)
    price_known: bool = True  # False: the model is not in the price table
    attempts: int = 0
    request_id: str | None = None
    detail: str = ""  # English, for the log: what failed or was rejected

    @property
    def status(self) -> str:
        return self.outcome.split(":", 1)[0]

    @property
    def reason(self) -> str | None:
        return self.outcome.split(":", 1)[1] if ":" in self.outcome else None

    @property
    def month(self) -> str:
        return month_of(self.at)

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def to_dict(self) -> dict:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> UsageRecord:
        values = dict(data)
        values["at"] = datetime.fromisoformat(values["at"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class MonthUsage:
    month: str  # YYYY-MM
    calls: int = 0  # requests actually sent
    skipped: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)  # by status: ok, fallback, rejected

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens


def summarize(records: Iterable[UsageRecord]) -> list[MonthUsage]:
    """Usage per month, oldest first: the admin's monthly report."""
    by_month: dict[str, list[UsageRecord]] = {}
    for record in records:
        by_month.setdefault(record.month, []).append(record)
    return [month_usage(rows, month) for month, rows in sorted(by_month.items())]


def month_usage(records: Iterable[UsageRecord], month: str) -> MonthUsage:
    rows = [r for r in records if r.month == month]
    return MonthUsage(
        month=month,
        calls=sum(1 for r in rows if r.called),
        skipped=sum(1 for r in rows if not r.called),
        input_tokens=sum(r.input_tokens for r in rows),
        output_tokens=sum(r.output_tokens for r in rows),
        cost=round(sum(r.cost for r in rows), 6),
        outcomes=dict(Counter(r.status for r in rows)),
    )


@dataclass(frozen=True, slots=True)
class UsageCap:
    """A monthly ceiling; ``None`` means no ceiling on that measure."""

    max_tokens: int | None = None
    max_cost: float | None = None

    def reached(self, usage: MonthUsage) -> str | None:
        """Why no more calls may be made this month (English), or None."""
        if self.max_tokens is not None and usage.tokens >= self.max_tokens:
            return f"{usage.tokens} tokens used in {usage.month}, cap {self.max_tokens}"
        if self.max_cost is not None and usage.cost >= self.max_cost:
            return f"${usage.cost:.2f} spent in {usage.month}, cap ${self.max_cost:.2f}"
        return None


class UsageStore(Protocol):
    """Where records go; the Odoo side implements this over its call log."""

    def add(self, record: UsageRecord) -> None: ...

    def month_usage(self, month: str) -> MonthUsage: ...


class MemoryUsageStore:
    """Records kept in memory (CLI, tests, a process without a database)."""

    def __init__(self, records: Iterable[UsageRecord] = ()):
        self._lock = threading.Lock()
        self._records = list(records)

    def add(self, record: UsageRecord) -> None:
        with self._lock:
            self._records.append(record)

    def month_usage(self, month: str) -> MonthUsage:
        with self._lock:
            return month_usage(self._records, month)

    @property
    def records(self) -> tuple[UsageRecord, ...]:
        with self._lock:
            return tuple(self._records)


class JsonLinesUsageStore:
    """Records appended to a JSON-lines file (the CLI's call log, kept across runs)."""

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()

    def add(self, record: UsageRecord) -> None:
        line = json.dumps(record.to_dict(), ensure_ascii=False)
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    def read(self) -> list[UsageRecord]:
        """Every record in the file; unreadable lines are skipped, not fatal."""
        records = []
        try:
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        records.append(UsageRecord.from_dict(json.loads(line)))
                    except (ValueError, TypeError, KeyError):
                        continue
        except FileNotFoundError:
            pass
        return records

    def month_usage(self, month: str) -> MonthUsage:
        with self._lock:
            return month_usage(self.read(), month)
