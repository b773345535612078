"""A promise to pay through its life: open, kept, partially kept or broken.

``evaluate_promise(promise, receivables, today, grace_days)`` reads the payments
applied to the promised invoices (with their dates, from the ledger) and says where the
promise stands, with reasons:

- kept: the promised amount was paid from the day the promise was made up to its date
  plus the grace (or every promised invoice was settled by then, credit notes included:
  nothing is owed any more);
- open: not kept yet and the grace has not run out (today <= date + grace);
- partially kept: the grace ran out, some money came in by then, not all of it (what is
  still due is chased again);
- broken: the grace ran out and nothing came in by then.

Payments after the grace do not turn a broken promise into a kept one (the customer
did not do what they said), but they are reported (``paid_late``). A promise without
invoices covers the customer's whole account. Amounts are in the company currency.

``superseded_by(new, old)``: a new promise on an invoice replaces the older open one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .ledger import PAYMENT, Promise, Receivable
from .policy.decision import Reason, reason

OPEN = "open"
KEPT = "kept"
PARTIAL = "partial"
BROKEN = "broken"
SUPERSEDED = "superseded"
CANCELLED = "cancelled"
# States the evaluation may change; the others are final (kept, broken, partial,
# superseded, cancelled are history and stay as they were recorded).
EVALUATED_STATES = (OPEN,)
CENT = 0.005


@dataclass(frozen=True, slots=True)
class PromiseEvaluation:
    promise_id: int | str
    state: str  # open | kept | partial | broken
    deadline: date  # the promised date plus the grace: the last day it may be kept
    promised: float
    paid: float  # applied to the promised invoices from the promise's day to the deadline
    paid_late: float  # applied after the deadline (up to today)
    remaining: float  # promised - paid, never below 0
    last_payment: date | None
    settled: bool  # every promised invoice is settled (nothing owed on them)
    reasons: tuple[Reason, ...]

    @property
    def changed(self) -> bool:
        return self.state != OPEN

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


def promise_deadline(promise: Promise, grace_days: int) -> date:
    """The last day a promise may still be kept: its date plus the grace."""
    if grace_days < 0:
        raise ValueError("grace_days cannot be negative")
    return promise.promised_date + timedelta(days=grace_days)


def _covered(promise: Promise, receivables) -> list[Receivable]:
    ids = set(promise.invoice_ids)
    return [r for r in receivables if not r.is_credit_note and (not ids or r.id in ids)]


def evaluate_promise(
    promise: Promise,
    receivables,
    today: date,
    grace_days: int,
) -> PromiseEvaluation:
    """Where ``promise`` stands on ``today`` (see the module notes).

    ``receivables``: the customer's ledger (at least the promised invoices), with
    their settlements. Raises ValueError on a promise that names invoices none of
    which is in the ledger (the evaluation would silently call it broken)."""
    if promise.amount <= 0:
        raise ValueError(f"promise {promise.id!r}: the promised amount must be positive")
    deadline = promise_deadline(promise, grace_days)
    covered = _covered(promise, receivables)
    if promise.invoice_ids and not covered:
        raise ValueError(
            f"promise {promise.id!r}: none of its invoices {list(promise.invoice_ids)} "
            "is in the ledger given"
        )
    made = promise.created or date.min
    paid = paid_late = 0.0
    last_payment = None
    settled_on: date | None = None  # the day the last promised invoice was settled
    all_settled = bool(covered)
    for item in covered:
        item_last = None
        for settlement in item.settlements:
            if settlement.date > today or settlement.amount <= 0:
                continue
            item_last = max(item_last or settlement.date, settlement.date)
            if settlement.kind != PAYMENT or settlement.date < made:
                continue
            if settlement.date <= deadline:
                paid += settlement.amount
            else:
                paid_late += settlement.amount
            last_payment = max(last_payment or settlement.date, settlement.date)
        open_now = item.residual - sum(
            s.amount for s in item.settlements if s.date > today and s.amount > 0
        )
        if open_now > CENT or item_last is None:
            all_settled = False
        elif settled_on is None or item_last > settled_on:
            settled_on = item_last
    paid, paid_late = round(paid, 2), round(paid_late, 2)
    remaining = round(max(promise.amount - paid, 0.0), 2)
    settled_in_time = all_settled and settled_on is not None and settled_on <= deadline
    data = {
        "promise_id": promise.id,
        "amount": round(promise.amount, 2),
        "currency": promise.currency,
        "date": promise.promised_date,
        "deadline": deadline,
        "paid": paid,
        "remaining": remaining,
    }
    if remaining <= CENT:
        state, reasons = KEPT, [reason("promise_kept", **data)]
    elif settled_in_time:
        state, reasons = KEPT, [reason("promise_kept_settled", **data)]
    elif today <= deadline:
        state, reasons = OPEN, [reason("promise_running", **data)]
    elif paid > CENT:
        state, reasons = PARTIAL, [reason("promise_partial", **data)]
    else:
        state, reasons = BROKEN, [reason("promise_broken", **data)]
    if state in (PARTIAL, BROKEN) and paid_late > CENT:
        reasons.append(
            reason(
                "promise_paid_late",
                paid_late=paid_late,
                date=last_payment,
                currency=promise.currency,
            )
        )
    return PromiseEvaluation(
        promise_id=promise.id,
        state=state,
        deadline=deadline,
        promised=round(promise.amount, 2),
        paid=paid,
        paid_late=paid_late,
        remaining=remaining,
        last_payment=last_payment,
        settled=all_settled,
        reasons=tuple(reasons),
    )


def supersedes(new: Promise, old: Promise) -> bool:
    """A new promise replaces an older open one that shares an invoice with it (or,
    both without invoices, the whole account): the customer gave a new date."""
    if old.id == new.id or old.state != OPEN:
        return False
    if (old.created or date.min) > (new.created or date.max):
        return False
    if not old.invoice_ids and not new.invoice_ids:
        return True
    return bool(set(old.invoice_ids) & set(new.invoice_ids))
