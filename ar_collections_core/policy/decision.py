"""The policy's output: one :class:`Decision` per customer, always with its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .codec import from_jsonable, to_jsonable
from .escalation import EscalationSummary
from .reasons import reason_text

REMIND = "remind"
STATEMENT = "statement"
WAIT = "wait"
PAUSE = "pause"
ESCALATE = "escalate"
NONE = "none"
CANCEL = "cancel"  # a planned contact called off by the pre-send re-check
ACTIONS = (REMIND, STATEMENT, WAIT, PAUSE, ESCALATE, NONE, CANCEL)
CONTACT_ACTIONS = (REMIND, STATEMENT)
ESCALATION_TARGETS = ("salesperson", "collections_manager")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: a stable ``code`` (see docs/POLICY.md), English ``text``, and the figures."""

    code: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


def reason(code: str, **data: Any) -> Reason:
    """The reason ``code`` with its catalogue text filled from ``data``."""
    return Reason(code, reason_text(code, data), data)


@dataclass(frozen=True, slots=True)
class Escalation:
    cause: str  # stable code: legal_signal, broken_promises, amount_threshold, ...
    to: str  # salesperson | collections_manager
    next_step: str  # stable code: legal_review, call_customer, ...
    next_step_text: str
    summary: EscalationSummary | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    customer_key: int | str
    action: str  # one of ACTIONS
    decided_at: datetime  # aware UTC
    local_date: date  # the customer's local date when decided
    reasons: tuple[Reason, ...]
    tone: str | None = None  # for remind / statement: courtesy .. final
    channel: str | None = None  # email | phone | letter | sms
    invoice_ids: tuple[int | str, ...] = ()  # every invoice the one message chases
    not_before: datetime | None = None  # earliest send time (aware UTC) in the window
    wait_until: datetime | None = None  # for wait / pause: when to look again
    needs_approval: bool = False
    approval_reasons: tuple[Reason, ...] = ()
    escalation: Escalation | None = None
    payer_class: str = "unknown"  # reliable | ordinary | serial_late | unknown
    idempotency_key: str | None = None  # unique per customer, local day and kind
    mode: str = "review"  # the policy mode it was decided under

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}, not {self.action!r}")
        if self.escalation and self.escalation.to not in ESCALATION_TARGETS:
            raise ValueError(f"escalation.to must be one of {ESCALATION_TARGETS}")

    @property
    def is_contact(self) -> bool:
        return self.action in CONTACT_ACTIONS

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    @property
    def approval_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.approval_reasons)

    def to_dict(self) -> dict:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict) -> Decision:
        return from_jsonable(cls, data)
