"""The facts the decision table reads, computed once per customer from a snapshot.

Nothing here decides: it answers questions ("which invoices may be chased?", "how
many contacts were ignored?", "is a promise in force?") that the rules in
``table.py`` combine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from ar_collections_core.ledger import PAYMENT, Dispute, Promise, Receivable
from ar_collections_core.risk import RiskParams, invoice_late_probability

from .calendar import day_start
from .settings import CollectionPolicy, tone_rank
from .snapshot import AccountSnapshot, Contact, zone

CHASEABLE = "chaseable"
IN_PAYMENT = "in_payment"
EXCLUDED = "excluded"
DISPUTED = "disputed"
PROMISED = "promised"

RELIABLE = "reliable"
ORDINARY = "ordinary"
SERIAL_LATE = "serial_late"
UNKNOWN = "unknown"
PAYER_CLASSES = (RELIABLE, ORDINARY, SERIAL_LATE, UNKNOWN)

BROKEN_PROMISE_LOOKBACK_DAYS = 365
COURTESY_TRIALS = 2  # courtesy notes continue after this many only if half of them helped
# A broken or partly kept promise is named in the next reminder if that reminder goes
# within this many days after the promise's grace ran out (later, it is old news).
PROMISE_FOLLOW_UP_DAYS = 30
RISKY_BANDS = ("high", "critical")
PRIOR_LATE_SHARE = RiskParams().prior_late_share  # no history: a typical B2B invoice
# Escalations that only say "a figure is high": one recent escalation of any cause covers them.
THRESHOLD_CAUSES = ("amount_threshold", "days_threshold", "risk_threshold")


@dataclass(frozen=True, slots=True)
class InvoiceView:
    item: Receivable
    status: str  # chaseable | in_payment | excluded | disputed | promised
    days_overdue: int
    promise: Promise | None = None
    promise_until: date | None = None  # the last day of the promise's grace
    dispute: Dispute | None = None


def is_owed(item: Receivable) -> bool:
    """An invoice with money still owed (an overpaid one, residual < 0, is not chased)."""
    return not item.is_credit_note and item.residual > 0.005


def is_open_credit(item: Receivable) -> bool:
    """A credit note with an amount the customer may still offset."""
    return item.is_credit_note and item.residual < -0.005


def promise_covers(promise: Promise | Dispute, item: Receivable) -> bool:
    """A promise or dispute without invoices covers the whole account."""
    return not promise.invoice_ids or item.id in promise.invoice_ids


def classify_payer(snapshot: AccountSnapshot, policy: CollectionPolicy) -> tuple[str, str]:
    """The payer class and a short explanation of it."""
    profile, risk = snapshot.profile, snapshot.risk
    if snapshot.segment == "new":
        return UNKNOWN, "new customer"
    if profile is None or not profile.has_history:
        return UNKNOWN, "no payment history"
    if profile.invoices_settled < policy.min_history_invoices:
        return UNKNOWN, f"only {profile.invoices_settled} invoice(s) settled"
    late = max(profile.typical_days_late, profile.weighted_days_late)
    if late >= policy.serial_late_days:
        return SERIAL_LATE, f"usually {late:.0f} days late"
    if risk is not None and risk.band in RISKY_BANDS:
        return SERIAL_LATE, f"risk {risk.band}"
    recent = profile.recent_days_late
    if profile.p90_days_late <= policy.reliable_max_days_late and (
        recent is None or recent <= policy.reliable_max_days_late
    ):
        return RELIABLE, (
            f"9 times in 10 within {profile.p90_days_late:.0f} days, "
            f"usually {profile.typical_days_late:.0f}"
        )
    return ORDINARY, f"usually {profile.typical_days_late:.0f} days late"


def first_reminder_day(payer_class: str, snapshot: AccountSnapshot, policy) -> int:
    """Days overdue from which an invoice of this customer is chased."""
    if payer_class == SERIAL_LATE:
        return 1
    if payer_class == RELIABLE:
        profile = snapshot.profile
        usual = math.ceil(max(profile.typical_days_late, 0.0))
        return max(1, usual + policy.reliable_margin_days, math.ceil(profile.p90_days_late))
    first = max(1, policy.first_reminder_days_after_due)
    if payer_class == ORDINARY:
        # paid within an acceptable lateness most of the time: not before their usual day
        usual = math.ceil(max(snapshot.profile.typical_days_late, 0.0))
        if usual <= policy.reliable_max_days_late:
            return max(first, usual)
    return first


def promise_end(promise: Promise, policy: CollectionPolicy) -> date:
    """The last day a promise holds dunning: its date plus the policy's grace."""
    return promise.promised_date + timedelta(days=policy.promise_grace_days)


@dataclass(frozen=True, slots=True)
class PromiseFollowUp:
    """A promise not kept that the next reminder names (and makes one tone firmer)."""

    promise: Promise
    state: str  # broken | partial
    deadline: date  # its date plus the grace
    paid: float  # received by the deadline


def promises_to_follow_up(
    snapshot: AccountSnapshot, policy: CollectionPolicy, today: date
) -> list[PromiseFollowUp]:
    """The broken or partly kept promises of this customer that no reminder has named
    yet: their grace ran out at most PROMISE_FOLLOW_UP_DAYS ago, no chasing contact
    went since, and some promised invoice is still owed. An open promise past its
    grace (the daily check has not run yet) is judged here the same way."""
    # imported here: ar_collections_core.promises uses this package's reasons
    from ar_collections_core.promises import (  # noqa: PLC0415
        BROKEN,
        PARTIAL,
        evaluate_promises,
    )

    owed = {r.id for r in snapshot.receivables if is_owed(r)}
    # Together: a payment plan's instalments share the payments (each counted once).
    outcomes = evaluate_promises(
        snapshot.promises, snapshot.receivables, today, policy.promise_grace_days
    )
    found = []
    for promise in snapshot.promises:
        if promise.state not in (BROKEN, PARTIAL, "open"):
            continue
        deadline = promise_end(promise, policy)
        if not deadline < today <= deadline + timedelta(days=PROMISE_FOLLOW_UP_DAYS):
            continue
        if promise.invoice_ids and not owed & set(promise.invoice_ids):
            continue
        if not promise.invoice_ids and not owed:
            continue
        after = [c for c in snapshot.contacts if c.chasing and snapshot.local_date(c.at) > deadline]
        if after:
            continue
        outcome = outcomes.get(promise.id)
        # The recorded state is the daily check's verdict (on the whole ledger); an
        # open one past its grace is judged on what this snapshot holds.
        state = outcome.state if promise.state == "open" and outcome else promise.state
        if state in (BROKEN, PARTIAL):
            paid = outcome.paid if outcome else 0.0
            found.append(PromiseFollowUp(promise, state, deadline, paid))
    return sorted(found, key=lambda f: (f.deadline, str(f.promise.id)))


def invoice_view(
    item: Receivable, snapshot: AccountSnapshot, policy: CollectionPolicy, today: date
) -> InvoiceView:
    """Whether an open invoice may be chased on ``today``, and if not, what holds it:
    in payment, excluded, an open dispute, or a promise until its date plus grace.
    The one place this rule lives (the policy, the re-check and message writing use it)."""
    days = item.days_overdue(today)
    if item.in_payment:
        return InvoiceView(item, IN_PAYMENT, days)
    if item.excluded:
        return InvoiceView(item, EXCLUDED, days)
    for dispute in snapshot.disputes:
        if dispute.state == "open" and promise_covers(dispute, item):
            return InvoiceView(item, DISPUTED, days, dispute=dispute)
    for promise in snapshot.promises:
        if promise.state == "open" and today <= promise_end(promise, policy):
            if promise_covers(promise, item):
                until = promise_end(promise, policy)
                return InvoiceView(item, PROMISED, days, promise=promise, promise_until=until)
    return InvoiceView(item, CHASEABLE, days)


class Situation:
    """The account as the rules see it on the customer's local ``today``."""

    def __init__(self, snapshot: AccountSnapshot, policy: CollectionPolicy, now: datetime):
        self.snapshot = snapshot
        self.policy = policy
        self.now = now
        self.tz = zone(snapshot.timezone)
        self.today = snapshot.local_date(now)
        self.open_invoices = [r for r in snapshot.receivables if is_owed(r)]
        self.views = [self._view(r) for r in self.open_invoices]
        self.payer_class, self.payer_detail = classify_payer(snapshot, policy)
        self.threshold_days = first_reminder_day(self.payer_class, snapshot, policy)
        self.eligible = [v for v in self.views if v.status == CHASEABLE]
        self.follow_ups = promises_to_follow_up(snapshot, policy, self.today)
        self._plan_chase()
        self._read_contacts()

    # -- invoices -------------------------------------------------------------------
    def _view(self, item: Receivable) -> InvoiceView:
        return invoice_view(item, self.snapshot, self.policy, self.today)

    def promise_end(self, promise: Promise) -> date:
        return promise_end(promise, self.policy)

    @property
    def promises_in_force(self) -> list[Promise]:
        return [
            p
            for p in self.snapshot.promises
            if p.state == "open" and self.today <= self.promise_end(p)
        ]

    @property
    def pre_due_helps(self) -> bool:
        """A courtesy note before the due date helps this customer: one whose habits are
        not known yet, or who usually pays just after the due date. Never reliable
        payers (they pay anyway) nor serial late ones (they pay on their own schedule)."""
        if self.policy.pre_due_days <= 0 or self.payer_class in (RELIABLE, SERIAL_LATE):
            return False
        if not (self.snapshot.has_email or self.sms_possible):
            return False
        profile = self.snapshot.profile
        if self.payer_class == ORDINARY:
            # usually paid after the first reminder day, but only just
            usual = profile.typical_days_late
            first = self.policy.first_reminder_days_after_due
            if not first < usual <= self.policy.pre_due_max_days_late:
                return False
        elif profile is not None and profile.invoices_settled >= self.policy.min_history_invoices:
            return False  # a new customer past their first invoices: by their history
        tried, helped = self.courtesy_record
        return tried < COURTESY_TRIALS or helped * 2 >= tried

    @property
    def courtesy_record(self) -> tuple[int, int]:
        """(invoices named in earlier courtesy notes that have matured, of which paid
        before their first reminder would have gone out): does the note help here?"""
        noted = {
            i
            for c in self.snapshot.contacts
            if c.chasing and c.tone == "courtesy"
            for i in c.invoice_ids
        }
        tried = helped = 0
        for item in self.snapshot.receivables:
            if item.id not in noted or item.is_credit_note:
                continue
            deadline = item.due_date + timedelta(days=self.policy.first_reminder_days_after_due)
            paid_by = max((s.date for s in item.settlements), default=None)
            paid = item.residual <= 0.005 and paid_by is not None
            if paid and paid_by <= deadline:
                tried, helped = tried + 1, helped + 1
            elif self.today > deadline:
                tried += 1
        return tried, helped

    @property
    def sms_possible(self) -> bool:
        return self.snapshot.sms_available and self.snapshot.has_mobile

    def _courtesied(self, view: InvoiceView) -> bool:
        return any(view.item.id in c.invoice_ids for c in self.snapshot.contacts if c.chasing)

    def _plan_chase(self) -> None:
        window = self.policy.pre_due_days if self.pre_due_helps else -1
        overdue = [v for v in self.eligible if v.days_overdue >= 1]
        upcoming = [v for v in self.eligible if -window <= v.days_overdue <= 0]
        # A broken promise is followed up at once, whatever the usual first reminder day.
        followed = {i for f in self.follow_ups for i in f.promise.invoice_ids}
        whole = any(not f.promise.invoice_ids for f in self.follow_ups)
        self.triggered = [
            v
            for v in overdue
            if v.days_overdue >= self.threshold_days or whole or v.item.id in followed
        ]
        fresh_pre_due = [v for v in upcoming if not self._courtesied(v)]
        if self.triggered:
            self.trigger = "overdue"
        elif fresh_pre_due:
            self.trigger = "pre_due"
        else:
            self.trigger = None
        self.covered = sorted(overdue + upcoming, key=lambda v: (v.item.due_date, str(v.item.id)))
        if self.trigger is None:
            self.covered = []
        self.overdue_covered = [v for v in self.covered if v.days_overdue >= 1]

    @property
    def oldest(self) -> InvoiceView | None:
        return max(self.overdue_covered, key=lambda v: v.days_overdue, default=None)

    @property
    def overdue_amount(self) -> float:
        return round(sum(v.item.residual for v in self.overdue_covered), 2)

    @property
    def usual_invoice(self) -> float | None:
        """The customer's average settled invoice, once the profile is trusted."""
        profile = self.snapshot.profile
        if profile is None or profile.invoices_settled < max(self.policy.min_history_invoices, 1):
            return None
        return profile.amount_settled / profile.invoices_settled

    @property
    def amount_threshold(self) -> float:
        """The overdue amount that goes to a person: the policy's amount, raised to
        ``escalate_exposure_multiple`` average invoices for a customer with history."""
        usual = self.usual_invoice
        multiple = self.policy.escalate_exposure_multiple
        if usual is None or multiple <= 0:
            return self.policy.escalate_amount
        return round(max(self.policy.escalate_amount, multiple * usual), 2)

    @cached_property
    def call_value(self) -> float:
        """What a person's call is worth: each overdue invoice chased, times the chance
        that it ends up more than 30 days late given its age and the customer's history."""
        profile, risk = self.snapshot.profile, self.snapshot.risk
        total = 0.0
        for view in self.overdue_covered:
            if profile is not None and profile.has_history:
                chance = invoice_late_probability(view.item, profile, self.today)
            elif view.days_overdue > 30:
                chance = 1.0
            else:
                chance = risk.late_probability if risk else PRIOR_LATE_SHARE
            total += view.item.residual * chance
        return round(total, 2)

    @property
    def person_worth(self) -> bool:
        """Worth a person's time (a call, a threshold escalation)."""
        return self.call_value >= self.policy.person_min_value

    @property
    def min_gap_days(self) -> int:
        """Days between two reminders: longer for a small overdue balance."""
        gap = self.policy.min_days_between_contacts
        if self.overdue_amount < self.policy.small_balance:
            gap = math.ceil(gap * self.policy.small_balance_gap_factor)
        return gap

    def next_look_date(self) -> date | None:
        """The first day after today when something may become chaseable."""
        dates = []
        for view in self.eligible:
            dates.append(view.item.due_date + timedelta(days=self.threshold_days))
            if self.pre_due_helps and not self._courtesied(view):
                dates.append(view.item.due_date - timedelta(days=self.policy.pre_due_days))
        for view in self.views:
            if view.status == PROMISED:
                dates.append(view.promise_until + timedelta(days=1))
        future = [d for d in dates if d > self.today]
        return min(future, default=None)

    # -- contacts --------------------------------------------------------------------
    def _acted_after(self, contact: Contact) -> bool:
        """The customer answered, or paid something on or after the contact's day."""
        if contact.answered:
            return True
        day = self.snapshot.local_date(contact.at)
        return any(
            s.kind == PAYMENT and s.date >= day
            for r in self.snapshot.receivables
            for s in r.settlements
        )

    def _ignored(self, contact: Contact) -> bool | None:
        """True if ignored, False if acted on, None if too recent to tell."""
        if self._acted_after(contact):
            return False
        if self.now - contact.at >= timedelta(days=self.policy.ignored_after_days):
            return True
        return None

    def _read_contacts(self) -> None:
        oldest = min((v.item.due_date for v in self.overdue_covered), default=self.today)
        start = day_start(oldest - timedelta(days=self.policy.pre_due_days), self.tz)
        self.episode = sorted(
            (c for c in self.snapshot.contacts if c.chasing and start <= c.at <= self.now),
            key=lambda c: c.at,
            reverse=True,
        )
        self.ignored_count = self._trailing_ignored(c for c in self.episode if c.tone != "courtesy")
        self.ignored_emails = self._trailing_ignored(
            self.episode, stop=lambda c: c.channel != "email"
        )
        ranks = [tone_rank(c.tone) for c in self.episode if c.tone]
        self.last_tone_rank = max(ranks, default=None)
        self._read_final_notice()

    def _trailing_ignored(self, contacts, stop=None) -> int:
        count = 0
        for contact in contacts:
            if stop and stop(contact):
                break
            state = self._ignored(contact)
            if state is False:
                break
            count += bool(state)
        return count

    def _read_final_notice(self) -> None:
        finals = [c for c in self.episode if c.tone == "final"]
        self.final_notice: Contact | None = finals[0] if finals else None
        self.final_deadline: datetime | None = None
        self.final_waiting = self.final_expired = False
        if self.final_notice and not self._acted_after(self.final_notice):
            self.final_deadline = self.final_notice.at + timedelta(
                days=self.policy.final_notice_wait_days
            )
            self.final_waiting = self.now < self.final_deadline
            self.final_expired = not self.final_waiting
        elif self.snapshot.final_notice_unanswered and self.final_notice is None:
            self.final_expired = True  # recorded by the caller without a dated contact

    # -- promises, escalations ---------------------------------------------------------
    @property
    def broken_promises(self) -> int:
        """Promises broken in the last 12 months, since the last escalation: a person who
        took the account over saw the promises broken before (the count starts again)."""
        horizon = self.today - timedelta(days=BROKEN_PROMISE_LOOKBACK_DAYS)
        last = self.snapshot.last_escalated_on
        count = 0
        open_ids = {r.id for r in self.open_invoices}
        for promise in self.snapshot.promises:
            broke_on = self.promise_end(promise) + timedelta(days=1)
            if promise.promised_date < horizon or (last is not None and broke_on <= last):
                continue
            if promise.state == "broken":
                count += 1
            elif promise.state == "open" and self.today > self.promise_end(promise):
                still_open = (
                    open_ids & set(promise.invoice_ids) if promise.invoice_ids else open_ids
                )
                count += bool(still_open)
        return count

    def recently_escalated(self, cause: str) -> date | None:
        """The date of a recent escalation that makes this one redundant: the same
        cause, or any cause when this one is a mere threshold (amount, days, risk)."""
        last = self.snapshot.last_escalated_on
        same = self.snapshot.last_escalation_cause == cause
        if last is None or not (same or cause in THRESHOLD_CAUSES):
            return None
        if (self.today - last).days < self.policy.reescalate_after_days:
            return last
        return None
