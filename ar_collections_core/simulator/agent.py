"""The agent in the simulator: the core's own ``decide`` and ``recheck`` on snapshots
built from the simulated ledger, with profiles and risk computed as the days go.

What a person does is simulated too: approvals are given the same day, a phone
decision is a call a person makes that day, and an escalation is a person's call on
the next business day, after which the case stays with that person for
``ESCALATION_DAYS`` days (the agent stays out meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from ar_collections_core.policy import (
    ESCALATE,
    PAUSE,
    REMIND,
    STATEMENT,
    WAIT,
    AccountSnapshot,
    CollectionPolicy,
    decide,
    recheck,
)
from ar_collections_core.profile import compute_profile
from ar_collections_core.risk import assess_risk

from .behaviour import add_business_days
from .reactions import Outreach
from .strategies import local_send_time
from .world import SimCustomer, World

DECISION_HOUR_UTC = 12  # the daily run: the customer's local date is the UTC date everywhere
ESCALATION_DAYS = 7  # a person keeps an escalated case this long after calling
REVISIT_DAYS = 7  # look at a customer at least this often, whatever it waits for
CONTACT_MEMORY_DAYS = 120  # contacts older than this are left out of the snapshot
PAID_MEMORY_DAYS = 60  # recently paid invoices stay in the snapshot (payments seen)
SIMULATION_POLICY = CollectionPolicy(mode="autonomous")


@dataclass
class _Account:
    version: int = -1  # the customer's version at the last decision
    next_look: date | None = None
    last_action: str | None = None
    last_codes: tuple = ()
    pending: bool = False  # an escalation is with a person
    call_on: date | None = None
    close_on: date | None = None
    last_escalated_on: date | None = None
    cause: str | None = None


class AgentStrategy:
    name = "agent"

    def __init__(self, policy: CollectionPolicy | None = None):
        self.policy = policy or SIMULATION_POLICY
        self.accounts: dict[str, _Account] = {}
        self.counts = dict.fromkeys(
            ("decisions", "escalations", "approvals", "cancelled", "narrowed", "person_calls"), 0
        )
        self.actions: dict[str, int] = {}
        self._profiles: dict = {}

    # -- the strategy interface ---------------------------------------------------------
    def plan(self, world: World, day: date) -> list[Outreach]:
        if day.weekday() >= 5:
            return []
        now = datetime.combine(day, time(DECISION_HOUR_UTC), tzinfo=timezone.utc)
        out = []
        for key, customer in world.customers.items():
            account = self.accounts.setdefault(key, _Account())
            if account.call_on is not None and account.call_on <= day:
                account.call_on = None
                account.close_on = day + timedelta(days=ESCALATION_DAYS)
                out.append(self._person_call(customer, day))
                continue
            if account.pending:
                if account.close_on is None or day < account.close_on:
                    continue
                account.pending, account.close_on = False, None
            if not customer.invoices:
                continue
            fresh = customer.version != account.version
            if not fresh and account.next_look is not None and day < account.next_look:
                continue
            outreach = self._decide(world, customer, account, day, now)
            if outreach is not None:
                out.append(outreach)
        return out

    def confirm(self, world: World, outreach: Outreach) -> Outreach | None:
        customer = world.customers[outreach.customer_key]
        if outreach.decision is None:  # a person's call: they look at the ledger first
            ids = self._chaseable(world, customer, outreach.day)
            if not ids:
                return None
            self.counts["person_calls"] += 1
            world.touched_by_person.add(customer.key)
            return replace(outreach, invoice_ids=ids)
        account = self.accounts[customer.key]
        at = max(outreach.at, outreach.decision.decided_at)
        snapshot = self.snapshot(world, customer, outreach.day, at)
        checked = recheck(outreach.decision, snapshot, self.policy, at)
        if checked.action not in (REMIND, STATEMENT):
            self.counts["cancelled"] += 1
            account.next_look = None
            return None
        if tuple(checked.invoice_ids) != tuple(outreach.invoice_ids):
            self.counts["narrowed"] += 1
        if checked.needs_approval or outreach.by_person:
            self.counts["approvals"] += checked.needs_approval
            world.touched_by_person.add(customer.key)
        return replace(outreach, invoice_ids=tuple(checked.invoice_ids), tone=checked.tone)

    def hold_reason(self, customer_key) -> str | None:
        account = self.accounts.get(customer_key)
        if account and account.last_action == WAIT and "reliable_payer_grace" in account.last_codes:
            return "reliable"
        return None

    # -- deciding -----------------------------------------------------------------------
    def _decide(self, world, customer, account, day, now) -> Outreach | None:
        snapshot = self.snapshot(world, customer, day, now)
        decision = decide(snapshot, self.policy, now)
        self.counts["decisions"] += 1
        self.actions[decision.action] = self.actions.get(decision.action, 0) + 1
        account.version = customer.version
        account.last_action, account.last_codes = decision.action, decision.codes
        account.next_look = day + timedelta(days=REVISIT_DAYS)
        if decision.action in (REMIND, STATEMENT):
            send_day = snapshot.local_date(decision.not_before)
            if send_day != day:
                account.next_look = send_day
                return None
            account.next_look = day + timedelta(days=1)
            return Outreach(
                customer_key=customer.key,
                day=day,
                at=decision.not_before,
                channel=decision.channel,
                tone=decision.tone,
                invoice_ids=tuple(decision.invoice_ids),
                kind=decision.action if decision.action == STATEMENT else "reminder",
                by_person=decision.channel == "phone",
                decision=decision,
            )
        if decision.action == ESCALATE:
            self.counts["escalations"] += 1
            world.touched_by_person.add(customer.key)
            account.pending = True
            account.call_on = add_business_days(day, 1)
            account.last_escalated_on = day
            account.cause = decision.escalation.cause
        elif decision.action in (WAIT, PAUSE) and decision.wait_until is not None:
            until = snapshot.local_date(decision.wait_until)
            account.next_look = min(until, day + timedelta(days=REVISIT_DAYS))
        return None

    def snapshot(self, world: World, customer: SimCustomer, day: date, now: datetime):
        account = self.accounts.setdefault(customer.key, _Account())
        receivables = world.receivables(customer)
        profile, risk = self._profile(customer, receivables, day)
        recent = day - timedelta(days=PAID_MEMORY_DAYS)
        shown = [
            r for r in receivables if r.is_open or any(s.date >= recent for s in r.settlements)
        ]
        memory = now - timedelta(days=CONTACT_MEMORY_DAYS)
        snoozed = customer.auto_reply_until
        return AccountSnapshot(
            customer_key=customer.key,
            segment=customer.segment,
            lang=customer.lang,
            timezone=customer.timezone,
            snoozed_until=snoozed if snoozed is not None and snoozed > day else None,
            profile=profile,
            risk=risk,
            receivables=tuple(shown),
            promises=tuple(customer.promises),
            disputes=tuple(customer.disputes),
            contacts=tuple(c for c in customer.contacts if c.at >= memory),
            escalation_pending=account.pending,
            last_escalated_on=account.last_escalated_on,
            last_escalation_cause=account.cause,
        )

    def _profile(self, customer: SimCustomer, receivables, day: date):
        key = (customer.key, day, customer.version)
        cached = self._profiles.get(customer.key)
        if cached and cached[0] == key:
            return cached[1]
        profile = compute_profile(receivables, day, promises=customer.promises)
        risk = assess_risk(
            profile,
            promises=customer.promises,
            disputes=customer.disputes,
            credit_limit=customer.credit_limit,
        )
        self._profiles[customer.key] = (key, (profile, risk))
        return profile, risk

    # -- a person's call ----------------------------------------------------------------
    def _person_call(self, customer: SimCustomer, day: date) -> Outreach:
        tone = "neutral" if customer.segment == "strategic" else "firm"
        return Outreach(
            customer_key=customer.key,
            day=day,
            at=local_send_time(day, customer.timezone, 10),
            channel="phone",
            tone=tone,
            invoice_ids=(),
            by_person=True,
        )

    @staticmethod
    def _chaseable(world: World, customer: SimCustomer, day: date) -> tuple:
        """What a person would ask about: overdue, not paid, disputed or promised."""
        ids = []
        for invoice in world.open_invoices(customer):
            rec = world.receivable(invoice)
            if rec.residual <= 0.005 or rec.in_payment or (day - invoice.due).days < 1:
                continue
            if invoice.dispute is not None and invoice.dispute.state == "open":
                continue
            if world.promise_in_force(customer, invoice.id, day):
                continue
            ids.append(invoice.id)
        return tuple(ids)
