"""The collection policy an admin sets, per company, with optional overrides per
segment and per customer (the most specific wins, field by field)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

# Tones, gentlest first. A policy's ``max_tone`` caps how firm the agent may get.
TONES = ("courtesy", "friendly", "neutral", "firm", "final")
MODES = ("off", "review", "autonomous")
SEGMENTS = ("standard", "strategic", "new")


def tone_rank(tone: str) -> int:
    return TONES.index(tone)


@dataclass(frozen=True, slots=True)
class CollectionPolicy:
    mode: str = "review"  # off: no automated contact; review: a person approves; autonomous
    max_tone: str = "firm"  # the firmest tone the agent may use on its own
    max_contacts_7d: int = 2  # per customer, any channel
    max_contacts_30d: int = 4
    min_days_between_contacts: int = 5
    pre_due_days: int = 3  # a courtesy note this many days before the due date; 0: none
    send_hour_start: int = 8  # the sending window, in the customer's timezone
    send_hour_end: int = 18
    send_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # 0 = Monday
    escalate_amount: float = 10000.0  # overdue amount (company currency) that needs a person
    escalate_days_overdue: int = 60
    escalate_risk: int = 80  # risk score at or above which a person takes over
    promise_grace_days: int = 3  # a promise is broken this many days after its date
    approval_segments: tuple[str, ...] = ("strategic",)  # always wait for a person

    def __post_init__(self):
        errors = []
        if self.mode not in MODES:
            errors.append(f"mode must be one of {MODES}, not {self.mode!r}")
        if self.max_tone not in TONES:
            errors.append(f"max_tone must be one of {TONES}, not {self.max_tone!r}")
        if not 0 <= self.send_hour_start < self.send_hour_end <= 24:
            errors.append("the sending window must satisfy 0 <= start < end <= 24")
        if not self.send_weekdays or any(not 0 <= d <= 6 for d in self.send_weekdays):
            errors.append("send_weekdays needs at least one day, each 0 (Monday) to 6")
        for name in (
            "max_contacts_7d",
            "max_contacts_30d",
            "min_days_between_contacts",
            "pre_due_days",
            "escalate_days_overdue",
            "promise_grace_days",
        ):
            if getattr(self, name) < 0:
                errors.append(f"{name} cannot be negative")
        if self.max_contacts_30d < self.max_contacts_7d:
            errors.append("max_contacts_30d cannot be below max_contacts_7d")
        if not 0 <= self.escalate_risk <= 100:
            errors.append("escalate_risk is a score from 0 to 100")
        if errors:
            raise ValueError("; ".join(errors))

    def with_overrides(self, overrides: dict) -> CollectionPolicy:
        """This policy with the given fields replaced (``None`` values are ignored)."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown policy fields: {sorted(unknown)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def needs_approval(self, segment: str) -> bool:
        return self.mode == "review" or segment in self.approval_segments
