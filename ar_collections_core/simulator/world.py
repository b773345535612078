"""The simulated company: customers, invoices, payments, promises, disputes, and the
ledger as the collection strategy sees it at each moment of a day.

A day has three moments: the morning (invoices issued, disputes raised and settled,
promises falling due, money leaving the customers' banks, remittance advices), the
sending (after the decisions: some of the day's bank lines are already imported,
``InvoicePlan.before_send``), and the evening (the rest of the bank lines).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ar_collections_core.ledger import CREDIT, PAYMENT, Dispute, Promise, Receivable, Settlement
from ar_collections_core.synthetic_names import company_name, locale_for

from .behaviour import (
    ARCHETYPES,
    MIX,
    InvoicePlan,
    Traits,
    add_business_days,
    draw_invoice_plan,
    draw_traits,
    habitual_day,
)

MORNING, SENDING, EVENING = 0, 1, 2
CENT = 0.005
GRACE_DAYS = 3  # a promise is kept when paid by its date plus this grace
STRATEGIC_SCALE = 10  # strategic accounts invoice this many times more
_DISPUTE_REASONS = ("price", "quantity", "quality", "duplicate", "missing_po", "tax", "service")


@dataclass
class Part:
    """A slice of an invoice paid in one go (a dispute splits an invoice in two)."""

    amount: float
    natural: date | None  # when the money leaves if nobody ever chases (None: disputed)
    planned: date | None  # when it leaves as things stand now
    sent: date | None = None
    lands: date | None = None  # the bank line's date
    landed: bool = False  # imported into the ledger
    disputed: bool = False


@dataclass
class SimInvoice:
    id: int
    number: str
    customer: str
    issued: date
    due: date
    amount: float
    plan: InvoicePlan
    parts: list[Part]
    natural_date: date  # when it would be paid if nobody ever chased it (before disputes)
    credited: float = 0.0
    credited_on: date | None = None
    dispute: Dispute | None = None
    dispute_ends: date | None = None
    found: bool = False  # an overlooked invoice the customer was reminded of

    def natural_paid(self) -> date | None:
        """The day it would be fully paid without any contact (None: not known yet)."""
        days = [p.natural for p in self.parts if p.amount > CENT]
        if any(d is None for d in days):
            return None
        return max(days, default=self.issued)

    def unsent(self) -> list[Part]:
        return [p for p in self.parts if p.sent is None and p.amount > CENT]


@dataclass
class SimCustomer:
    key: str
    name: str
    archetype: str
    segment: str
    lang: str
    timezone: str
    traits: Traits
    credit_limit: float
    invoices: list[SimInvoice] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    absences: list[tuple[date, date]] = field(default_factory=list)
    annoyance: float = 0.0
    annoyance_day: date | None = None
    annoyed_since: date | None = None  # first day the annoyance reached the threshold
    auto_reply_until: date | None = None  # the return date an auto-reply announced
    received: list[tuple[date, str]] = field(default_factory=list)  # (day, channel) received
    deferred: list = field(default_factory=list)  # messages read on return from absence
    contacts: list = field(default_factory=list)  # policy Contacts: the contact history
    version: int = 0  # bumped on every change a strategy could care about

    @property
    def disputes(self) -> list[Dispute]:
        return [inv.dispute for inv in self.invoices if inv.dispute is not None]

    def away_on(self, day: date) -> tuple[date, date] | None:
        for start, end in self.absences:
            if start <= day <= end:
                return start, end
        return None


def _archetype_plan(customers: int, rng: random.Random) -> list[str]:
    counts = [int(share * customers) for share in MIX]
    if customers >= len(ARCHETYPES):
        counts = [max(c, 1) for c in counts]
    i = 0
    while sum(counts) < customers:
        counts[i % len(counts)] += 1
        i += 1
    while sum(counts) > customers:
        counts[max(range(len(counts)), key=counts.__getitem__)] -= 1
    plan = [a for a, n in zip(ARCHETYPES, counts, strict=True) for _ in range(n)]
    rng.shuffle(plan)
    return plan


class World:
    """Every customer's ledger and behaviour, advanced one moment at a time."""

    def __init__(self, customers: int, seed: int, history_start: date, end: date):
        self.seed = seed
        self.customers: dict[str, SimCustomer] = {}
        self.issue_days: dict[date, list[SimInvoice]] = {}
        self.landing: dict[date, list[tuple[SimInvoice, Part]]] = {}
        self.resolutions: dict[date, list[SimInvoice]] = {}
        self.raising: dict[date, list[SimInvoice]] = {}
        self.phase = MORNING
        self.today = history_start
        self.annoyance_causes: dict[str, int] = {}  # cause -> times it annoyed someone
        self.touched_by_person: set[str] = set()  # customers a person worked on today
        next_id = 1
        kinds = _archetype_plan(customers, random.Random(f"{seed}/plan"))
        for index, archetype in enumerate(kinds):
            rng = random.Random(f"{seed}/customer/{index}")
            customer = self._customer(index, archetype, rng)
            self.customers[customer.key] = customer
            next_id = self._schedule(customer, rng, history_start, end, next_id)

    # -- set-up -------------------------------------------------------------------------
    def _customer(self, index: int, archetype: str, rng: random.Random) -> SimCustomer:
        lang = rng.choices(("en_US", "fr_FR", "de_DE", "es_ES", "nl_NL"), (4, 2, 2, 1, 1))[0]
        tz, _country = locale_for(lang, rng)
        name, _slug = company_name(lang, index, rng)
        segment = {"strategic": "strategic", "new_customer": "new"}.get(archetype, "standard")
        traits = draw_traits(archetype, rng)
        return SimCustomer(
            key=f"S{index + 1:04d}",
            name=name,
            archetype=archetype,
            segment=segment,
            lang=lang[:2],
            timezone=tz,
            traits=traits,
            credit_limit=0.0,
        )

    def _schedule(self, customer, rng, history_start: date, end: date, next_id: int) -> int:
        """Every invoice of the horizon, with its natural payment plan, and absences."""
        scale = STRATEGIC_SCALE if customer.segment == "strategic" else 1
        monthly = math.exp(rng.gauss(math.log(2500), 0.8)) * scale
        term = 60 if customer.segment == "strategic" else rng.choice((15, 30, 30, 30, 45, 60))
        customer.credit_limit = round(monthly * rng.uniform(2, 5), -3)
        span = (end - history_start).days
        if customer.segment == "new":
            day = end - timedelta(days=rng.randint(60, max(61, min(span, 330))))
        else:
            day = history_start + timedelta(days=rng.randint(0, 30))
        for _ in range(max(1, round(span / 365 * 2))):
            start = history_start + timedelta(days=rng.randint(0, span))
            customer.absences.append((start, start + timedelta(days=rng.randint(5, 14))))
        while day <= end:
            irng = random.Random(f"{self.seed}/invoice/{next_id}")
            amount = round(monthly * irng.lognormvariate(0, 0.35), 2)
            due = day + timedelta(days=term)
            plan = draw_invoice_plan(customer.traits, irng)
            pays = habitual_day(
                max(due + timedelta(days=plan.natural_late), day + timedelta(days=1)),
                customer.traits,
            )
            invoice = SimInvoice(
                id=next_id,
                number=f"INV/{day.year}/{next_id:05d}",
                customer=customer.key,
                issued=day,
                due=due,
                amount=amount,
                plan=plan,
                parts=[Part(amount, pays, pays)],
                natural_date=pays,
            )
            self.issue_days.setdefault(day, []).append(invoice)
            if plan.dispute_after is not None:
                raised = day + timedelta(days=plan.dispute_after)
                self.raising.setdefault(raised, []).append(invoice)
            next_id += 1
            day += timedelta(days=max(7, round(rng.gauss(30, 8))))
        return next_id

    # -- the day ------------------------------------------------------------------------
    def morning(self, day: date) -> None:
        self.today, self.phase = day, MORNING
        for invoice in self.issue_days.get(day, ()):
            customer = self.customers[invoice.customer]
            customer.invoices.append(invoice)
            customer.version += 1
        for invoice in self.raising.get(day, ()):
            self.raise_dispute(invoice, day)
        for invoice in self.resolutions.get(day, ()):
            self._settle_dispute(invoice, day)
        for customer in self.customers.values():
            self._customer_morning(customer, day)

    def _customer_morning(self, customer: SimCustomer, day: date) -> None:
        for invoice in customer.invoices:
            for part in invoice.parts:
                if part.sent is None and part.planned is not None and part.planned <= day:
                    part.sent = day
                    part.lands = add_business_days(day, invoice.plan.bank_lag)
                    self.landing.setdefault(part.lands, []).append((invoice, part))
                    if invoice.plan.remittance:
                        customer.version += 1  # Odoo shows the invoice in payment
        if customer.promises:
            self._promises_due(customer, day)

    def sending(self, day: date) -> None:
        self.phase = SENDING
        for invoice, part in self.landing.get(day, ()):
            if invoice.plan.before_send:
                self._land(invoice, part)

    def evening(self, day: date) -> None:
        self.phase = EVENING
        for invoice, part in self.landing.pop(day, ()):
            if not part.landed:
                self._land(invoice, part)

    def _land(self, invoice: SimInvoice, part: Part) -> None:
        part.landed = True
        self.customers[invoice.customer].version += 1

    # -- disputes and promises ----------------------------------------------------------
    def raise_dispute(self, invoice: SimInvoice, day: date) -> None:
        unsent = invoice.unsent()
        if not unsent or invoice.dispute is not None:
            return  # paid before the customer looked closely: no dispute
        plan = invoice.plan
        part = unsent[0]
        amount = round(min(part.amount, invoice.amount * plan.disputed_share), 2)
        if part.amount - amount > CENT:
            invoice.parts.append(Part(round(part.amount - amount, 2), part.natural, part.planned))
        part.amount, part.natural, part.planned, part.disputed = amount, None, None, True
        reason = _DISPUTE_REASONS[invoice.id % len(_DISPUTE_REASONS)]
        invoice.dispute = Dispute(f"D{invoice.id}", (invoice.id,), amount, reason, "open", day)
        invoice.dispute_ends = day + timedelta(days=plan.resolution_days)
        self.resolutions.setdefault(invoice.dispute_ends, []).append(invoice)
        self.customers[invoice.customer].version += 1

    def _settle_dispute(self, invoice: SimInvoice, day: date) -> None:
        plan, customer = invoice.plan, self.customers[invoice.customer]
        part = next(p for p in invoice.parts if p.disputed)
        state = {"credit_note": "resolved"}.get(plan.resolution, plan.resolution)
        invoice.dispute = replace(invoice.dispute, state=state, closed=day)
        if plan.resolution == "credit_note":
            invoice.credited, invoice.credited_on = part.amount, day
            part.amount = 0.0
        else:
            pays = habitual_day(
                max(invoice.natural_date, add_business_days(day, plan.after_resolution)),
                customer.traits,
            )
            part.natural = part.planned = pays
        part.disputed = False
        customer.version += 1

    def _promises_due(self, customer: SimCustomer, day: date) -> None:
        for i, promise in enumerate(customer.promises):
            if promise.state != "open":
                continue
            deadline = promise.promised_date + timedelta(days=GRACE_DAYS)
            if day <= deadline:
                continue
            paid = all(
                p.sent is not None and p.sent <= deadline
                for inv in customer.invoices
                if inv.id in promise.invoice_ids
                for p in inv.parts
                if p.amount > CENT and not p.disputed
            )
            customer.promises[i] = replace(promise, state="kept" if paid else "broken")
            customer.version += 1

    def promise_in_force(self, customer: SimCustomer, invoice_id, day: date) -> bool:
        return any(
            p.state == "open"
            and invoice_id in p.invoice_ids
            and day <= p.promised_date + timedelta(days=GRACE_DAYS)
            for p in customer.promises
        )

    # -- the ledger as a strategy sees it -------------------------------------------------
    def receivable(self, invoice: SimInvoice) -> Receivable:
        settlements = []
        paid = 0.0
        in_payment = False
        for part in invoice.parts:
            if part.landed:
                settlements.append(Settlement(part.lands, part.amount, PAYMENT))
                paid += part.amount
            elif part.sent is not None and invoice.plan.remittance and part.amount > CENT:
                in_payment = True
        if invoice.credited:
            settlements.append(Settlement(invoice.credited_on, invoice.credited, CREDIT))
        residual = round(invoice.amount - paid - invoice.credited, 2)
        residual = 0.0 if abs(residual) < CENT else residual
        return Receivable(
            id=invoice.id,
            number=invoice.number,
            invoice_date=invoice.issued,
            due_date=invoice.due,
            amount=invoice.amount,
            residual=residual,
            settlements=tuple(sorted(settlements, key=lambda s: s.date)),
            in_payment=in_payment and residual > CENT,
        )

    def receivables(self, customer: SimCustomer) -> list[Receivable]:
        return [self.receivable(inv) for inv in customer.invoices]

    def all_receivables(self) -> list[Receivable]:
        return [r for c in self.customers.values() for r in self.receivables(c)]

    def open_invoices(self, customer: SimCustomer) -> list[SimInvoice]:
        """Invoices with something left to pay on the ledger (paid parts not yet seen too)."""
        return [
            inv
            for inv in customer.invoices
            if any(not p.landed and p.amount > CENT for p in inv.parts)
        ]
