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

``evaluate_promises(promises, receivables, today, grace_days)``: every live promise of
one customer at once. Promises on shared invoices that stand side by side (a payment
plan's instalments; an older kept or broken promise and a newer one) share the
payments: each payment counts once, towards the earliest promised date it meets, and a
payment larger than an instalment carries over to the next one.

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


def _checked_cover(promise: Promise, receivables) -> list[Receivable]:
    if promise.amount <= 0:
        raise ValueError(f"promise {promise.id!r}: the promised amount must be positive")
    covered = _covered(promise, receivables)
    if promise.invoice_ids and not covered:
        raise ValueError(
            f"promise {promise.id!r}: none of its invoices {list(promise.invoice_ids)} "
            "is in the ledger given"
        )
    return covered


def _settlement_state(covered, today: date) -> tuple[bool, date | None]:
    """(every promised invoice is settled today, the day the last one was settled)."""
    settled_on: date | None = None
    all_settled = bool(covered)
    for item in covered:
        dates = [s.date for s in item.settlements if s.date <= today and s.amount > 0]
        open_now = item.residual - sum(
            s.amount for s in item.settlements if s.date > today and s.amount > 0
        )
        if open_now > CENT or not dates:
            all_settled = False
        elif settled_on is None or max(dates) > settled_on:
            settled_on = max(dates)
    return all_settled, settled_on


def _payments(covered, today: date) -> list[list]:
    """[[date, amount, invoice id]] of the payments on ``covered`` up to ``today``, in
    date order (the amount is what is left to allocate)."""
    found = [
        [s.date, s.amount, item.id]
        for item in covered
        for s in item.settlements
        if s.kind == PAYMENT and 0 < s.amount and s.date <= today
    ]
    return sorted(found, key=lambda p: (p[0], str(p[2])))


def evaluate_promise(
    promise: Promise,
    receivables,
    today: date,
    grace_days: int,
) -> PromiseEvaluation:
    """Where ``promise`` stands on ``today`` (see the module notes), on its own.

    ``receivables``: the customer's ledger (at least the promised invoices), with
    their settlements. Raises ValueError on a promise that names invoices none of
    which is in the ledger (the evaluation would silently call it broken)."""
    covered = _checked_cover(promise, receivables)
    deadline = promise_deadline(promise, grace_days)
    made = promise.created or date.min
    paid = paid_late = 0.0
    last_payment = None
    for day, amount, _invoice in _payments(covered, today):
        if day < made:
            continue
        if day <= deadline:
            paid += amount
        else:
            paid_late += amount
        last_payment = day
    return _verdict(promise, deadline, paid, paid_late, last_payment, covered, today)


def evaluate_promises(promises, receivables, today: date, grace_days: int) -> dict:
    """{promise id: PromiseEvaluation} for the live promises of one customer (see the
    module notes). A promise whose invoices are not in the ledger is left out."""
    live = [p for p in promises if p.state in (OPEN, KEPT, PARTIAL, BROKEN)]
    covers = {}
    for promise in live:
        try:
            covers[promise.id] = _checked_cover(promise, receivables)
        except ValueError:
            continue
    live = [p for p in live if p.id in covers]
    result = {}
    for group in _sharing_invoices(live, covers):
        if len(group) == 1:
            (promise,) = group
            result[promise.id] = evaluate_promise(promise, receivables, today, grace_days)
            continue
        result.update(_evaluate_together(group, covers, today, grace_days))
    return result


def _sharing_invoices(promises, covers) -> list[list[Promise]]:
    """The promises in groups that share at least one invoice (transitively)."""
    groups: list[tuple[set, list]] = []
    for promise in promises:
        ids = {r.id for r in covers[promise.id]}
        joined = [g for g in groups if g[0] & ids]
        merged_ids, merged = set(ids), [promise]
        for group in joined:
            merged_ids |= group[0]
            merged = group[1] + merged
            groups.remove(group)
        groups.append((merged_ids, merged))
    return [members for _ids, members in groups]


def _evaluate_together(group, covers, today: date, grace_days: int) -> dict:
    """Payments on the group's invoices go to its promises in promised-date order: each
    takes, up to its amount, the earliest payments on its own invoices made between
    its day and its deadline; what is left carries over to the next ones."""
    everything = {r.id: r for members in group for r in covers[members.id]}
    pool = _payments(list(everything.values()), today)
    taken = {}
    for promise in sorted(group, key=lambda p: (p.promised_date, str(p.id))):
        deadline = promise_deadline(promise, grace_days)
        made = promise.created or date.min
        own = {r.id for r in covers[promise.id]}
        paid, last_payment = 0.0, None
        for payment in pool:
            day, left, invoice = payment
            if day > deadline or promise.amount - paid <= CENT:
                break
            if day < made or invoice not in own or left <= CENT:
                continue
            share = min(left, promise.amount - paid)
            payment[1] -= share
            paid += share
            last_payment = day
        taken[promise.id] = (deadline, paid, last_payment)
    result = {}
    for promise in group:
        deadline, paid, last_payment = taken[promise.id]
        own = {r.id for r in covers[promise.id]}
        late = [p for p in pool if p[0] > deadline and p[2] in own and p[1] > CENT]
        paid_late = sum(p[1] for p in late)
        if late:
            last_payment = max(last_payment or late[-1][0], late[-1][0])
        result[promise.id] = _verdict(
            promise, deadline, paid, paid_late, last_payment, covers[promise.id], today
        )
    return result


def _verdict(promise, deadline, paid, paid_late, last_payment, covered, today):
    all_settled, settled_on = _settlement_state(covered, today)
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
