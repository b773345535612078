"""A contact reaches a simulated customer: what it was (for the report) and what the
customer does about it (pay sooner, promise, reply, get annoyed, nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ar_collections_core.ledger import Promise
from ar_collections_core.policy import Contact

from . import behaviour
from .behaviour import act_probability, next_business_day, unit
from .world import CENT, SimCustomer, SimInvoice, World

ANYWAY_DAYS = 7  # paid within this many days without any contact: "would have paid anyway"
BACKLOG_FACTOR = 0.5  # a message read on return from an absence works half as well


@dataclass(frozen=True, slots=True)
class Outreach:
    """One message or call a strategy sends (the agent's carries its decision)."""

    customer_key: str
    day: date
    at: datetime  # aware UTC
    channel: str  # email | phone | letter | sms
    tone: str
    invoice_ids: tuple
    kind: str = "reminder"  # reminder | statement
    by_person: bool = False  # a person calls (escalation, phone channel, fixed-schedule call)
    decision: object = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """What a contact turned out to be, judged with everything the simulator knows."""

    outreach: Outreach
    after_payment: bool  # chased an invoice the ledger showed paid or in payment
    crossed: bool  # chased an invoice whose money had left but was not on the ledger yet
    during_dispute: bool  # chased an invoice under an open dispute
    during_promise: bool  # chased an invoice under a promise in force
    anyway: bool  # every invoice chased would have been paid within ANYWAY_DAYS anyway
    auto_reply: bool
    replied: bool
    intents: tuple[str, ...]
    acted: bool  # the customer moved a payment earlier


def annoy(world: World, customer: SimCustomer, day: date, amount: float, cause: str) -> None:
    if amount <= 0:
        return
    if customer.annoyance_day is not None:
        customer.annoyance *= behaviour.ANNOYANCE_DECAY ** (day - customer.annoyance_day).days
    customer.annoyance_day = day
    customer.annoyance += amount
    world.annoyance_causes[cause] = world.annoyance_causes.get(cause, 0) + 1
    if customer.annoyance >= behaviour.ANNOYED_AT and customer.annoyed_since is None:
        customer.annoyed_since = day


def current_annoyance(customer: SimCustomer, day: date) -> float:
    if customer.annoyance_day is None:
        return 0.0
    return customer.annoyance * behaviour.ANNOYANCE_DECAY ** (day - customer.annoyance_day).days


def deliver(world: World, outreach: Outreach) -> Delivery:
    customer = world.customers[outreach.customer_key]
    day = outreach.day
    ids = set(outreach.invoice_ids)
    chased = [inv for inv in customer.invoices if inv.id in ids]
    facts = _facts(world, customer, chased, day)
    nth = sum(1 for d, _c in customer.received if d == day)
    recent = _recent(customer, day, outreach.channel)
    week = sum(1 for d, _c in customer.received if day - timedelta(days=6) <= d <= day) + 1
    customer.received.append((day, outreach.channel))
    away = customer.away_on(day)
    auto_reply = acted = promised = False
    intents: list[str] = []
    if away and outreach.channel != "phone":
        customer.deferred.append(outreach)
        if customer.traits.has_auto_reply:
            auto_reply = True
            intents.append("out_of_office")
            customer.auto_reply_until = away[1] + timedelta(days=1)
            customer.version += 1
    elif not away:
        _annoy_for(world, customer, outreach, chased, facts, week)
        raised = surface_disputes(world, chased, day)
        acted, promised = react(world, customer, outreach, chased, recent, 1.0, nth)
        intents = _reply(world, customer, outreach, facts, promised, nth)
        if raised and "dispute" not in intents:
            intents.append("dispute")
    replied = bool(set(intents) - {"out_of_office"}) or (outreach.channel == "phone" and not away)
    customer.contacts.append(
        Contact(
            at=outreach.at,
            channel=outreach.channel,
            kind=outreach.kind,
            tone=outreach.tone,
            answered=replied,
            invoice_ids=tuple(outreach.invoice_ids),
        )
    )
    customer.version += 1
    return Delivery(outreach, *facts, auto_reply, replied, tuple(intents), acted)


def surface_disputes(world: World, chased: list[SimInvoice], day: date) -> bool:
    """A contact makes the customer look at the invoice: a problem they would have raised
    later (``InvoicePlan.dispute_after``) is raised now, in their reply."""
    raised = False
    for inv in chased:
        if inv.plan.dispute_after is not None and inv.dispute is None and inv.unsent():
            world.raise_dispute(inv, day)
            raised = True
    return raised


def read_on_return(world: World, customer: SimCustomer, day: date) -> None:
    """Messages that arrived during an absence are read on the first day back."""
    if not customer.deferred or customer.away_on(day):
        return
    for n, outreach in enumerate(customer.deferred):
        ids = set(outreach.invoice_ids)
        chased = [inv for inv in customer.invoices if inv.id in ids]
        recent = _recent(customer, day, outreach.channel)
        surface_disputes(world, chased, day)
        react(world, customer, outreach, chased, recent, BACKLOG_FACTOR, 100 + n, day)
    customer.deferred.clear()


def _recent(customer: SimCustomer, day: date, channel: str) -> int:
    """Contacts by the same channel in the 14 days before ``day`` (email fatigue)."""
    start = day - timedelta(days=14)
    return sum(1 for d, c in customer.received if c == channel and start <= d < day)


def _facts(world: World, customer: SimCustomer, chased: list[SimInvoice], day: date):
    after_payment = crossed = during_dispute = during_promise = False
    anyway = bool(chased)
    horizon = day + timedelta(days=ANYWAY_DAYS)
    for inv in chased:
        live = [p for p in inv.parts if p.amount > CENT]
        if live and all(p.landed for p in live):
            after_payment = True
        elif any(p.sent is not None and not p.landed for p in live):
            if inv.plan.remittance:
                after_payment = True
            else:
                crossed = True
        if inv.dispute is not None and inv.dispute.state == "open":
            during_dispute = True
        if world.promise_in_force(customer, inv.id, day):
            during_promise = True
        natural = inv.natural_paid()
        if natural is None or natural > horizon:
            anyway = False
    return after_payment, crossed, during_dispute, during_promise, anyway


def _annoy_for(world, customer, outreach, chased, facts, week) -> None:
    after_payment, crossed, during_dispute, during_promise, _anyway = facts
    traits, day = customer.traits, outreach.day
    if after_payment or crossed:
        annoy(world, customer, day, 1.0, "chased after paying")
    if during_dispute:
        annoy(world, customer, day, traits.dispute_annoyance, "chased during a dispute")
    if during_promise:
        annoy(world, customer, day, 1.0, "chased despite a promise")
    if traits.early_tolerance and chased:
        oldest = max((day - inv.due).days for inv in chased)
        on_their_way = all(
            not inv.plan.overlooked
            and inv.natural_date <= inv.due + timedelta(traits.early_tolerance)
            for inv in chased
        )
        if outreach.tone == "courtesy":
            annoy(world, customer, day, 0.25, "chased early (reliable payer)")
        elif oldest < traits.early_tolerance and on_their_way:
            annoy(world, customer, day, 0.75, "chased early (reliable payer)")
    if outreach.tone in ("firm", "final"):
        annoy(world, customer, day, traits.firm_annoyance, "firm tone")
    if week >= 3:
        annoy(world, customer, day, 1.0, "three contacts in a week")


def react(world, customer, outreach, chased, recent, factor, nth, day=None):
    """(acted, promised): pay the chased invoices soon, or promise a date, or nothing."""
    day = day or outreach.day
    seed, key, traits = world.seed, customer.key, customer.traits
    # A customer with a promise in force has a plan: a reminder does not change it.
    parts = [
        p
        for inv in chased
        if not world.promise_in_force(customer, inv.id, day)
        for p in inv.unsent()
        if not p.disputed
    ]
    if not parts:
        return False, False
    overlooked = any(inv.plan.overlooked and not inv.found for inv in chased)
    annoyance = current_annoyance(customer, day)
    p = act_probability(traits, outreach.tone, outreach.channel, recent, annoyance, overlooked)
    draw = unit(seed, key, day.toordinal(), nth, "act")
    if draw < p * factor:
        low, high = traits.lag
        lag = low + int(unit(seed, key, day.toordinal(), nth, "lag") * (high - low + 1))
        pay = next_business_day(day + timedelta(days=lag))
        moving = {id(p) for p in parts}
        for inv in chased:
            for part in inv.parts:  # nobody pays before the due date because of a reminder
                if id(part) in moving:
                    part.planned = min(part.planned, max(pay, next_business_day(inv.due)))
            inv.found = True
        return True, False
    soonest = min(p.planned for p in parts)
    if soonest <= day + timedelta(days=10) or outreach.tone == "courtesy":
        return False, False
    if unit(seed, key, day.toordinal(), nth, "promise") >= traits.promise_rate * factor:
        return False, False
    offset = 5 + int(unit(seed, key, day.toordinal(), nth, "when") * 10)
    promised = min(next_business_day(day + timedelta(days=offset)), soonest)
    moving = {id(p) for p in parts}
    invoice_ids = tuple(inv.id for inv in chased if any(id(p) in moving for p in inv.parts))
    amount = round(sum(p.amount for p in parts), 2)
    customer.promises.append(
        Promise(f"P{key}-{day.isoformat()}-{nth}", invoice_ids, amount, promised, "open", day)
    )
    if unit(seed, key, day.toordinal(), nth, "keep") < traits.keep_rate:
        early = int(unit(seed, key, day.toordinal(), nth, "early") * 3)
        pay = max(next_business_day(promised - timedelta(days=early)), day + timedelta(days=1))
        for part in parts:
            part.planned = min(part.planned, pay)
    customer.version += 1
    return False, True


def _reply(world, customer, outreach, facts, promised, nth) -> list[str]:
    after_payment, crossed, during_dispute, _promise, _anyway = facts
    seed, key, day = world.seed, customer.key, outreach.day.toordinal()
    intents = []
    if promised:
        intents.append("promise_to_pay")
    if (after_payment or crossed) and unit(seed, key, day, nth, "paid") < 0.6:
        intents.append("paid_already")
    if during_dispute and unit(seed, key, day, nth, "dispute") < 0.7:
        intents.append("dispute")
    if not intents and unit(seed, key, day, nth, "reply") < customer.traits.reply_rate:
        intents.append("acknowledgement")
    return intents
