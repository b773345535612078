"""The collection policy: the bounds an admin sets, and the decisions taken within them.

Public API:

    decide(snapshot, policy, now) -> Decision
    recheck(decision, fresh_snapshot, policy, now) -> Decision
    idempotency_key(customer_key, local_date, kind) -> str
    manual_contact_refusals(today=, legal_hold=, opted_out=, blacklisted=, snoozed_until=)
    build_summary(snapshot, today, ...) -> EscalationSummary

See docs/POLICY.md for the rules.
"""

from .decision import (
    ACTIONS,
    CANCEL,
    ESCALATE,
    NONE,
    PAUSE,
    REMIND,
    STATEMENT,
    WAIT,
    Decision,
    Escalation,
    Reason,
)
from .engine import decide
from .escalation import EscalationSummary, build_summary
from .keys import idempotency_key
from .manual import manual_contact_refusals
from .recheck import recheck
from .settings import TONES, CollectionPolicy, tone_rank
from .snapshot import AccountSnapshot, Contact, snapshot_from_dict, snapshot_to_dict

__all__ = [
    "ACTIONS",
    "CANCEL",
    "ESCALATE",
    "NONE",
    "PAUSE",
    "REMIND",
    "STATEMENT",
    "TONES",
    "WAIT",
    "AccountSnapshot",
    "CollectionPolicy",
    "Contact",
    "Decision",
    "Escalation",
    "EscalationSummary",
    "Reason",
    "build_summary",
    "decide",
    "idempotency_key",
    "manual_contact_refusals",
    "recheck",
    "snapshot_from_dict",
    "snapshot_to_dict",
    "tone_rank",
]
