"""Collection strategies the simulator compares, behind one small interface.

A strategy has a ``name`` and two methods the day loop calls on business days:

- ``plan(world, day) -> list[Outreach]`` in the morning, from the ledger as it stands;
- ``confirm(world, outreach) -> Outreach | None`` right before sending (the agent
  re-checks the account; the fixed schedule sends what it planned);

and ``hold_reason(customer_key) -> str | None``: "reliable" when it is holding back a
reliable payer on purpose (for the "reminders avoided" count).

``FixedSchedule`` is the classic follow-up: levels at fixed days past due, the same
for everyone, blind to disputes, promises, payments in flight and replies.
``Silent`` never writes (the counterfactual of the natural schedule). The agent is in
``agent.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise

from ar_collections_core.policy import TONES, tone_rank
from ar_collections_core.policy.snapshot import zone

from .reactions import Outreach
from .world import World

SEND_HOUR = 9  # local time the fixed-schedule run goes out


@dataclass(frozen=True, slots=True)
class Level:
    days: int  # days past due of the invoice
    tone: str
    channel: str  # email, or phone: a person calls (an activity the level creates)


FOLLOWUP_LEVELS = (
    Level(1, "friendly", "email"),
    Level(15, "neutral", "email"),
    Level(30, "firm", "email"),
    Level(45, "final", "phone"),
)
REPEAT_DAYS = 30  # after the last level, the final email again every this many days


def local_send_time(day: date, tz_name: str, hour: int = SEND_HOUR) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone(tz_name)).astimezone(timezone.utc)


class FixedSchedule:
    """Reminders at fixed days past due, one message per customer per run."""

    name = "fixed schedule"

    def __init__(self, levels=FOLLOWUP_LEVELS, repeat_days: int = REPEAT_DAYS):
        if not levels or any(b.days <= a.days for a, b in pairwise(levels)):
            raise ValueError("follow-up levels need increasing days past due")
        self.levels = tuple(levels)
        self.repeat_days = repeat_days
        self.reached: dict = {}  # invoice id -> levels already sent
        self.last_repeat: dict = {}  # invoice id -> day of the last repeated final email

    def plan(self, world: World, day: date) -> list[Outreach]:
        if day.weekday() >= 5:
            return []
        out = []
        for customer in world.customers.values():
            fired, overdue = [], []
            # Blind: whatever still shows a balance, disputed, promised or in payment.
            for invoice in world.open_invoices(customer):
                late = (day - invoice.due).days
                if late < 1:
                    continue
                overdue.append(invoice.id)
                level = self._due_level(invoice.id, invoice.due, late, day)
                if level is not None:
                    fired.append(level)
            if not fired:
                continue
            tone = TONES[max(tone_rank(level.tone) for level in fired)]
            phone = any(level.channel == "phone" for level in fired)
            out.append(
                Outreach(
                    customer_key=customer.key,
                    day=day,
                    at=local_send_time(day, customer.timezone),
                    channel="phone" if phone else "email",
                    tone=tone,
                    invoice_ids=tuple(overdue),
                    kind="statement" if len(overdue) >= 5 else "reminder",
                    by_person=phone,
                )
            )
        return out

    def _due_level(self, invoice_id, due: date, late: int, day: date) -> Level | None:
        reached = self.reached.get(invoice_id, 0)
        hit = None
        while reached < len(self.levels) and late >= self.levels[reached].days:
            hit = self.levels[reached]
            reached += 1
        if hit is not None:
            self.reached[invoice_id] = reached
            return hit
        if reached < len(self.levels) or not self.repeat_days:
            return None
        last = self.last_repeat.get(invoice_id, due + timedelta(days=self.levels[-1].days))
        if (day - last).days >= self.repeat_days:
            self.last_repeat[invoice_id] = day
            return Level(late, "final", "email")
        return None

    def confirm(self, world: World, outreach: Outreach) -> Outreach | None:
        return outreach  # prepared in the morning, sent as prepared

    def hold_reason(self, customer_key) -> str | None:
        return None


class Silent:
    """Never contacts anyone: every invoice is paid on its natural schedule."""

    name = "no contact"

    def plan(self, world: World, day: date) -> list[Outreach]:
        return []

    def confirm(self, world: World, outreach: Outreach) -> Outreach | None:
        return None

    def hold_reason(self, customer_key) -> str | None:
        return None
