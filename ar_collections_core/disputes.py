"""A dispute through its life: an owner, a response deadline, an outcome.

While a dispute is open only its own invoices are held (``policy.situation``); these
rules say when its owner must be reminded and what each outcome means for dunning.
"""

from __future__ import annotations

from datetime import date, timedelta

from .ledger import Dispute
from .policy.decision import Reason, reason

OPEN = "open"
RESOLVED = "resolved"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
OUTCOMES = (RESOLVED, REJECTED, WITHDRAWN)
# Outcomes the customer is told about (a withdrawal is the customer's own doing).
TOLD_OUTCOMES = (RESOLVED, REJECTED)


def dispute_deadline(opened: date, response_days: int) -> date:
    """The day by which the owner should have answered the customer."""
    if response_days < 0:
        raise ValueError("response_days cannot be negative")
    return opened + timedelta(days=response_days)


def needs_owner_reminder(
    dispute: Dispute, today: date, response_days: int, reminded_on: date | None = None
) -> Reason | None:
    """The reason to remind the owner today, or None: the dispute is open, its
    deadline has passed, and the owner was not reminded since (a reminder is repeated
    every ``response_days`` while it stays open, at least weekly)."""
    if dispute.state != OPEN or dispute.opened is None:
        return None
    deadline = dispute_deadline(dispute.opened, response_days)
    if today <= deadline:
        return None
    repeat = max(1, min(response_days, 7))
    if reminded_on is not None and (today - reminded_on).days < repeat:
        return None
    return reason("dispute_deadline_passed", opened=dispute.opened, deadline=deadline)


def outcome_reason(state: str, *, explanation: str = "", credit_notes: tuple = ()) -> Reason:
    """Why the dispute closed, in the decision log's words."""
    if state == RESOLVED and credit_notes:
        return reason("dispute_credit_note", credit_notes=", ".join(map(str, credit_notes)))
    if state == REJECTED:
        if not explanation.strip():
            raise ValueError("a rejected dispute needs an explanation for the customer")
        return reason("dispute_rejected", explanation=explanation.strip())
    if state == WITHDRAWN:
        return reason("dispute_withdrawn")
    if state == RESOLVED:
        return reason("dispute_resolved")
    raise ValueError(f"unknown dispute outcome {state!r}")
