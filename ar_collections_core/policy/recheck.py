"""The pre-send re-check: right before a contact goes out, read the account again.

Whatever changed since the decision (a payment, a dispute, a promise, an exclusion,
an opt-out, another contact) can only remove invoices from the message or call the
contact off; it never adds an invoice or raises the tone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from .decision import CANCEL, CONTACT_ACTIONS, Decision, Reason, reason
from .engine import contact_limits
from .settings import CollectionPolicy, tone_rank
from .situation import CHASEABLE, DISPUTED, EXCLUDED, IN_PAYMENT, PROMISED, Situation
from .snapshot import AccountSnapshot, require_aware

_DROP_CODES = {
    IN_PAYMENT: "invoice_in_payment",
    EXCLUDED: "invoice_excluded",
    DISPUTED: "invoice_disputed",
    PROMISED: "invoice_promised",
}


def recheck(
    decision: Decision, fresh: AccountSnapshot, policy: CollectionPolicy, now: datetime
) -> Decision:
    """``decision`` still valid against ``fresh``, narrowed, or turned into a cancel.

    Only contacts (remind, statement) are re-checked; other decisions come back as
    they are. The caller sends only when the result is a contact and ``not_before``
    has passed.
    """
    if decision.action not in CONTACT_ACTIONS:
        return decision
    require_aware(now, "now")
    now = now.astimezone(timezone.utc)
    if str(fresh.customer_key) != str(decision.customer_key):
        raise ValueError(
            f"snapshot of customer {fresh.customer_key!r} for a decision about "
            f"{decision.customer_key!r}"
        )
    sit = Situation(fresh, policy, now)
    blocked = _customer_blocks(decision, fresh, policy, sit)
    if blocked:
        why = "; ".join(r.text for r in blocked)
        return _cancel(decision, [reason("recheck_customer_blocked", why=why), *blocked])
    kept, dropped = _narrow(decision, fresh, sit)
    if not kept:
        return _cancel(decision, [reason("recheck_nothing_left"), *dropped])
    limits = [r for r, lifts in contact_limits(sit) if lifts is None or lifts > now]
    if limits:
        why = "; ".join(r.text for r in limits)
        return _cancel(decision, [reason("recheck_contact_limit", why=why), *limits])
    head: list[Reason] = []
    if dropped:
        head = [reason("recheck_dropped", count=len(dropped)), *dropped]
    else:
        head = [reason("recheck_ok")]
    tone = decision.tone
    if tone and tone_rank(tone) > tone_rank(policy.max_tone):
        head.append(reason("tone_capped", tone=policy.max_tone, wanted=tone))
        tone = policy.max_tone
    return replace(
        decision,
        invoice_ids=tuple(kept),
        tone=tone,
        reasons=(*head, *decision.reasons),
    )


def _customer_blocks(decision, fresh, policy, sit) -> list[Reason]:
    blocks = []
    if policy.mode == "off":
        blocks.append(reason("mode_off", would=decision.action))
    for flag in ("legal_hold", "escalation_pending", "opted_out", "blacklisted"):
        if getattr(fresh, flag):
            blocks.append(reason(flag))
    if fresh.snoozed_until and fresh.snoozed_until > sit.today:
        blocks.append(reason("snoozed", until=fresh.snoozed_until))
    lost = {
        "email": not fresh.has_email,
        "sms": not sit.sms_possible,
        "phone": not fresh.has_phone,
    }
    if lost.get(decision.channel):
        blocks.append(reason("channel_" + decision.channel + "_lost", channel=decision.channel))
    return blocks


def _narrow(decision, fresh, sit) -> tuple[list, list[Reason]]:
    views = {v.item.id: v for v in sit.views}
    kept, dropped = [], []
    for invoice_id in decision.invoice_ids:
        view = views.get(invoice_id)
        if view is None:
            item = fresh.receivable(invoice_id)
            number = item.number if item else str(invoice_id)
            dropped.append(reason("invoice_paid", invoice_id=invoice_id, number=number))
        elif view.status == CHASEABLE:
            kept.append(invoice_id)
        else:
            data = {"invoice_id": invoice_id, "number": view.item.number}
            if view.status == PROMISED:
                data.update(date=view.promise.promised_date, until=view.promise_until)
            dropped.append(reason(_DROP_CODES[view.status], **data))
    return kept, dropped


def _cancel(decision: Decision, head: list[Reason]) -> Decision:
    return replace(
        decision,
        action=CANCEL,
        reasons=(*head, *decision.reasons),
        invoice_ids=(),
        needs_approval=False,
        approval_reasons=(),
    )
