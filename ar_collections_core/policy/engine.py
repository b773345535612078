"""``decide()``: read the tables in ``table.py`` against one account's situation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from .calendar import day_start, in_window, next_slot, slot_on_or_after
from .decision import (
    ESCALATE,
    NONE,
    PAUSE,
    REMIND,
    WAIT,
    Decision,
    Escalation,
    Reason,
    reason,
)
from .escalation import build_summary
from .keys import idempotency_key, key_kind
from .settings import TONES, CollectionPolicy, tone_rank
from .situation import (
    DISPUTED,
    EXCLUDED,
    IN_PAYMENT,
    PROMISED,
    RELIABLE,
    SERIAL_LATE,
    Situation,
)
from .snapshot import AccountSnapshot, require_aware
from .table import (
    ACCOUNT_RULES,
    APPROVAL_RULES,
    CHANNEL_RULES,
    ESCALATION_ROUTES,
    KIND_RULES,
    Rule,
    matches,
)


def decide(snapshot: AccountSnapshot, policy: CollectionPolicy, now: datetime) -> Decision:
    """What to do about this customer now (``now``: an aware datetime)."""
    require_aware(now, "now")
    now = now.astimezone(timezone.utc)
    sit = Situation(snapshot, policy, now)
    flags = account_flags(sit)
    notes = invoice_notes(sit)
    decision = None
    for rule in ACCOUNT_RULES:
        if not matches(rule.when, flags):
            if _short_of_a_person(rule, flags):
                notes.append(_below_person_value(sit, rule.cause))
            continue
        if rule.action == ESCALATE:
            last = sit.recently_escalated(rule.cause)
            if last:
                until = last + timedelta(days=policy.reescalate_after_days)
                notes.append(reason("recently_escalated", cause=rule.cause, date=last, until=until))
                continue
            decision = _escalate(sit, rule, notes)
        elif rule.action is None:
            decision = _contact(sit, notes)
        else:
            decision = _outcome(sit, rule, notes)
        break
    if policy.mode == "off":
        decision = switch_off(decision)
    return decision


def _short_of_a_person(rule: Rule, flags: dict[str, bool]) -> bool:
    """An escalation that only fails because the balance is not worth a person's time."""
    if rule.action != ESCALATE or "person_worth" not in rule.when or flags["person_worth"]:
        return False
    return matches(rule.when, flags | {"person_worth": True})


def _below_person_value(sit: Situation, cause: str) -> Reason:
    return reason(
        "below_person_value",
        cause=cause,
        value=sit.call_value,
        threshold=sit.policy.person_min_value,
        currency=sit.snapshot.currency,
    )


# -- flags ------------------------------------------------------------------------------
def account_flags(sit: Situation) -> dict[str, bool]:
    snap, policy = sit.snapshot, sit.policy
    oldest = sit.oldest
    statuses = {v.status for v in sit.views}
    return {
        "has_open_invoices": bool(sit.open_invoices),
        "legal_hold": snap.legal_hold,
        "escalation_pending": snap.escalation_pending,
        "opted_out": snap.opted_out,
        "blacklisted": snap.blacklisted,
        "snoozed": snap.snoozed_until is not None and snap.snoozed_until > sit.today,
        "broken_promises_hit": sit.broken_promises >= policy.escalate_broken_promises,
        "final_notice_expired": sit.final_expired,
        "final_notice_waiting": sit.final_waiting,
        "chasing_overdue": sit.trigger == "overdue",
        "has_trigger": sit.trigger is not None,
        "amount_hit": policy.escalate_amount > 0 and sit.overdue_amount >= sit.amount_threshold,
        "days_hit": bool(
            oldest
            and policy.escalate_days_overdue > 0
            and oldest.days_overdue >= policy.escalate_days_overdue
        ),
        "risk_hit": bool(
            snap.risk and policy.escalate_risk > 0 and snap.risk.score >= policy.escalate_risk
        ),
        "person_worth": sit.person_worth,
        "has_eligible": bool(sit.eligible),
        "has_promised": PROMISED in statuses,
        "has_disputed": DISPUTED in statuses,
        "has_overdue_eligible": any(v.days_overdue >= 1 for v in sit.eligible),
        "reliable": sit.payer_class == RELIABLE,
    }


def contact_flags(sit: Situation, tone: str) -> dict[str, bool]:
    snap, policy = sit.snapshot, sit.policy
    return {
        "courtesy": tone == "courtesy",
        "prefers_phone": snap.prefers_phone,
        "has_phone": snap.has_phone,
        "has_email": snap.has_email,
        "sms_possible": sit.sms_possible,
        "tone_at_most_neutral": tone_rank(tone) <= tone_rank("neutral"),
        "emails_ignored": sit.ignored_emails >= policy.phone_after_ignored_emails,
        "person_worth": sit.person_worth,
        "many_invoices": len(sit.covered) >= policy.statement_min_invoices,
        "review_mode": policy.mode == "review",
        "approval_segment": snap.segment in policy.approval_segments,
        "tone_final": tone == "final",
    }


_NOTE_CODES = {
    IN_PAYMENT: "invoice_in_payment",
    EXCLUDED: "invoice_excluded",
    DISPUTED: "invoice_disputed",
    PROMISED: "invoice_promised",
}


def invoice_notes(sit: Situation) -> list[Reason]:
    """Why each open invoice left out is left out."""
    notes = []
    for view in sit.views:
        code = _NOTE_CODES.get(view.status)
        if code is None:
            continue
        data = {"invoice_id": view.item.id, "number": view.item.number}
        if view.status == PROMISED:
            data.update(date=view.promise.promised_date, until=view.promise_until)
        if view.status == DISPUTED:
            data["dispute_id"] = view.dispute.id
        notes.append(reason(code, **data))
    return notes


# -- outcomes ---------------------------------------------------------------------------
def _base(sit: Situation, action: str, reasons: list[Reason], **values) -> Decision:
    return Decision(
        customer_key=sit.snapshot.customer_key,
        action=action,
        decided_at=sit.now,
        local_date=sit.today,
        reasons=tuple(reasons),
        payer_class=sit.payer_class,
        mode=sit.policy.mode,
        **values,
    )


def _payer_reason(sit: Situation) -> Reason:
    return reason("payer_class", payer_class=sit.payer_class, detail=sit.payer_detail)


def _slot_on(sit: Situation, day: date | None) -> datetime | None:
    return slot_on_or_after(day, sit.tz, sit.policy) if day else None


def _outcome(sit: Situation, rule: Rule, notes: list[Reason]) -> Decision:
    """A none / wait / pause from the account table."""
    snap = sit.snapshot
    main: list[Reason]
    until = None
    if rule.until == "snoozed_until":
        until = _slot_on(sit, snap.snoozed_until)
        main = [reason("snoozed", until=snap.snoozed_until)]
    elif rule.until == "final_deadline":
        until = next_slot(sit.final_deadline, sit.tz, sit.policy)
        main = [
            reason(
                "final_notice_pending",
                date=snap.local_date(sit.final_notice.at),
                until=snap.local_date(until),
            )
        ]
    elif rule.until == "promise_end":
        promised = [v for v in sit.views if v.status == PROMISED]
        until = _slot_on(sit, min(v.promise_until for v in promised) + timedelta(days=1))
        seen, main = set(), []
        for view in promised:
            promise = view.promise
            if promise.id in seen:
                continue
            seen.add(promise.id)
            main.append(
                reason(
                    "promise_in_force",
                    promise_id=promise.id,
                    amount=promise.amount,
                    currency=promise.currency,
                    date=promise.promised_date,
                    until=view.promise_until,
                )
            )
    elif rule.until == "next_look":
        day = sit.next_look_date()
        until = _slot_on(sit, day)
        if rule.code == "reliable_payer_grace":
            usual = round(max(snap.profile.typical_days_late, 0.0))
            main = [reason(rule.code, usual=usual, days=sit.threshold_days, date=day)]
        else:
            main = [reason(rule.code, date=day)]
    else:
        main = [reason(rule.code)]
    if rule.action in (WAIT, PAUSE):
        main.append(_payer_reason(sit))
    return _base(sit, rule.action, main + notes, wait_until=until)


def _escalate(sit: Situation, rule: Rule, notes: list[Reason]) -> Decision:
    snap = sit.snapshot
    route = ESCALATION_ROUTES[rule.cause]
    to = route.to_strategic if snap.segment == "strategic" else route.to
    if to == "salesperson" and not snap.has_salesperson:
        to = "collections_manager"
    main = _escalation_reason(sit, rule)
    summary = build_summary(
        snap,
        sit.today,
        cause=rule.cause,
        cause_text=main.text,
        to=to,
        next_step=route.next_step,
        next_step_text=route.next_step_text,
    )
    ids = [v.item.id for v in sit.overdue_covered] or [r.id for r in sit.open_invoices]
    return _base(
        sit,
        ESCALATE,
        [main, *notes],
        invoice_ids=tuple(ids),
        escalation=Escalation(rule.cause, to, route.next_step, route.next_step_text, summary),
        idempotency_key=idempotency_key(snap.customer_key, sit.today, key_kind(ESCALATE)),
    )


def _escalation_reason(sit: Situation, rule: Rule) -> Reason:
    snap, policy = sit.snapshot, sit.policy
    if rule.cause == "broken_promises":
        return reason(
            rule.code, count=sit.broken_promises, threshold=policy.escalate_broken_promises
        )
    if rule.cause == "final_notice_unanswered":
        when = snap.local_date(sit.final_notice.at) if sit.final_notice else "unknown date"
        return reason(rule.code, date=when)
    if rule.cause == "amount_threshold":
        return reason(
            rule.code,
            amount=sit.overdue_amount,
            currency=snap.currency,
            threshold=sit.amount_threshold,
        )
    if rule.cause == "days_threshold":
        oldest = sit.oldest
        return reason(
            rule.code,
            invoice_id=oldest.item.id,
            number=oldest.item.number,
            days=oldest.days_overdue,
            threshold=policy.escalate_days_overdue,
        )
    if rule.cause == "risk_threshold":
        return reason(
            rule.code, score=snap.risk.score, band=snap.risk.band, threshold=policy.escalate_risk
        )
    return reason(rule.code)


# -- contact ----------------------------------------------------------------------------
def choose_tone(sit: Situation) -> tuple[str, list[Reason]]:
    """The tone by age and ignored contacts, adjusted, within the policy's bound."""
    policy = sit.policy
    if not sit.overdue_covered:
        return "courtesy", [reason("tone_courtesy")]
    days = sit.oldest.days_overdue
    steps = (
        (policy.final_after_days, "final"),
        (policy.firm_after_days, "firm"),
        (policy.neutral_after_days, "neutral"),
    )
    tone = next((t for d, t in steps if days >= d), "friendly")
    rank = tone_rank(tone)
    reasons = [reason("tone_age", tone=tone, days=days)]
    friendly, final = tone_rank("friendly"), tone_rank("final")
    if sit.ignored_count and friendly + sit.ignored_count > rank:
        rank = min(friendly + sit.ignored_count, final)
        reasons.append(reason("tone_ignored", count=sit.ignored_count, tone=TONES[rank]))
    firm, neutral = tone_rank("firm"), tone_rank("neutral")
    serial = sit.payer_class == SERIAL_LATE
    if serial and rank < final:
        rank = max(rank + 1, firm)  # their habit survived friendly and neutral reminders
        reasons.append(reason("tone_serial_late", tone=TONES[rank]))
    if sit.snapshot.segment == "strategic" and rank > friendly:
        rank = min(rank - 1, neutral)  # beyond neutral, a person (see the channel table)
        reasons.append(reason("tone_strategic", tone=TONES[rank]))
    last = sit.last_tone_rank
    if sit.follow_ups and rank < final:
        # A promise not kept: one step firmer than otherwise, and firmer than the
        # last message (the gradual rule below still allows one step above it).
        rank = max(rank + 1, last + 1 if last is not None else 0)
        rank = min(rank, final)
        when = sit.follow_ups[0].promise.promised_date
        reasons.append(reason("tone_broken_promise", date=when, tone=TONES[rank]))
    first = firm if serial else neutral
    ceiling = max(first, last + 1 if last is not None else 0)
    if sit.follow_ups:
        ceiling = min(ceiling + 1, final)  # the broken promise is the step
    if rank > ceiling:
        rank = ceiling
        reasons.append(
            reason(
                "tone_gradual", tone=TONES[rank], last=TONES[last] if last is not None else "none"
            )
        )
    wanted, bound = TONES[rank], tone_rank(policy.max_tone)
    if rank > bound:
        rank = bound
        reasons.append(reason("tone_capped", tone=TONES[rank], wanted=wanted))
    return TONES[rank], reasons


def _first(rules, flags: dict[str, bool]):
    for code, when, outcome in rules:
        if matches(when, flags):
            return code, outcome
    return None, None


def contact_limits(sit: Situation) -> list[tuple[Reason, datetime | None]]:
    """Each binding limit with the moment it lifts (None: it never lifts by itself)."""
    snap, policy, now, today = sit.snapshot, sit.policy, sit.now, sit.today
    found = []
    if snap.contacted_on(today):
        found.append(
            (reason("contacted_today", date=today), day_start(today + timedelta(1), sit.tz))
        )
    last = snap.last_contact(chasing_only=True)
    gap = sit.min_gap_days
    if last and gap:
        last_day = snap.local_date(last.at)
        free = last_day + timedelta(days=gap)
        if free > today:
            found.append(
                (
                    reason(
                        "min_gap",
                        date=last_day,
                        days=gap,
                        amount=sit.overdue_amount,
                        small=policy.small_balance,
                    ),
                    day_start(free, sit.tz),
                )
            )
    for code, days, cap in (
        ("cap_7d", 7, policy.max_contacts_7d),
        ("cap_30d", 30, policy.max_contacts_30d),
    ):
        recent = snap.contacts_in_window(now, days)
        if len(recent) >= cap:
            lifts = recent[len(recent) - cap].at + timedelta(days=days) if cap else None
            found.append((reason(code, count=len(recent), cap=cap), lifts))
    return found


def _contact(sit: Situation, notes: list[Reason]) -> Decision:
    snap, policy = sit.snapshot, sit.policy
    tone, tone_reasons = choose_tone(sit)
    flags = contact_flags(sit, tone)
    channel_code, channel = _first(CHANNEL_RULES, flags)
    flags.update({f"channel_{c}": c == channel for c in ("email", "phone", "letter", "sms")})
    kind_code, action = _first(KIND_RULES, flags)
    action = action or REMIND
    covered = sit.covered
    what = _what_reason(sit)
    channel_data = {}
    if channel_code == "channel_phone_ignored":
        channel_data = {"count": sit.ignored_emails, "value": sit.call_value}
    reasons = [
        what,
        *_follow_up_reasons(sit),
        _payer_reason(sit),
        *tone_reasons,
        reason(channel_code, **channel_data),
    ]
    if kind_code:
        reasons.append(
            reason(kind_code, count=len(covered), threshold=policy.statement_min_invoices)
        )
    limits = contact_limits(sit)
    avoid = {snap.local_date(c.at) for c in snap.contacts}
    planned = {"action": action, "tone": tone, "channel": channel}
    blocked = [replace(r, data={**r.data, "planned": planned}) for r, _ in limits]
    if any(lifts is None for _, lifts in limits):  # a cap of zero: no automated contact
        return _base(sit, NONE, [*blocked, what, _payer_reason(sit), *notes])
    earliest = max([sit.now] + [lifts for _, lifts in limits])
    not_before = next_slot(earliest, sit.tz, policy, avoid)
    if limits:
        return _base(sit, WAIT, [*blocked, what, _payer_reason(sit), *notes], wait_until=not_before)
    if not_before > sit.now and not in_window(sit.now, sit.tz, policy):
        local = not_before.astimezone(sit.tz)
        reasons.append(reason("outside_window", at=local.strftime("%Y-%m-%d %H:%M %Z")))
    approvals = [
        reason(code, **({"segment": snap.segment} if code == "approval_segment" else {}))
        for code, when in APPROVAL_RULES
        if matches(when, flags)
    ]
    return _base(
        sit,
        action,
        reasons + notes,
        tone=tone,
        channel=channel,
        invoice_ids=tuple(v.item.id for v in covered),
        not_before=not_before,
        needs_approval=bool(approvals),
        approval_reasons=tuple(approvals),
        idempotency_key=idempotency_key(
            snap.customer_key, snap.local_date(not_before), key_kind(action)
        ),
    )


def _follow_up_reasons(sit: Situation) -> list[Reason]:
    return [
        reason(
            "promise_follow_up",
            promise_id=f.promise.id,
            state=f.state,
            amount=f.promise.amount,
            currency=f.promise.currency,
            date=f.promise.promised_date,
            deadline=f.deadline,
            paid=f.paid,
            invoice_ids=list(f.promise.invoice_ids),
        )
        for f in sit.follow_ups
    ]


def _what_reason(sit: Situation) -> Reason:
    snap = sit.snapshot
    if sit.trigger == "overdue":
        oldest = sit.oldest
        return reason(
            "overdue_invoices",
            count=len(sit.overdue_covered),
            amount=sit.overdue_amount,
            currency=snap.currency,
            number=oldest.item.number,
            days=oldest.days_overdue,
            invoice_ids=[v.item.id for v in sit.overdue_covered],
        )
    last_due = max(v.item.due_date for v in sit.covered)
    return reason(
        "pre_due_courtesy",
        count=len(sit.covered),
        date=last_due,
        invoice_ids=[v.item.id for v in sit.covered],
    )


def switch_off(decision: Decision) -> Decision:
    """Mode off: nothing automated happens; the decision says what would have."""
    off = reason("mode_off", would=decision.action)
    if decision.action in (WAIT, PAUSE, NONE):
        return replace(decision, reasons=(off, *decision.reasons))
    return replace(
        decision,
        action=NONE,
        reasons=(off, *decision.reasons),
        tone=None,
        channel=None,
        invoice_ids=(),
        not_before=None,
        needs_approval=False,
        approval_reasons=(),
        escalation=None,
        idempotency_key=None,
    )
