"""The simulated customers of the demo weeks: the core simulator's ``World``, set up
from the demo database as it stands after the ledger is loaded (plain data in, no Odoo
import), so that the customers react with the simulator's behaviour model.

Each customer gets the simulator's traits for its archetype (seeded by its key); each
open invoice gets a natural payment plan drawn the simulator's way (seeded by its
number): when the customer would pay if nobody wrote, whether it was overlooked, whether
a problem surfaces as a dispute, how long the bank takes. An invoice already later than
its drawn plan is one the customer overlooked (paid when noticed, or much later). Open
disputes and promises of the loaded history carry over. Then ``World.morning``,
``sending``, ``evening`` and ``reactions.deliver`` run unchanged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ar_collections_core.ledger import Dispute, Promise
from ar_collections_core.simulator import behaviour
from ar_collections_core.simulator.world import MORNING, Part, SimCustomer, SimInvoice, World

ABSENCES_PER_YEAR = 2  # as the simulator's own customers


@dataclass(frozen=True, slots=True)
class OpenItem:
    """An open customer invoice of the demo database (amounts in company currency)."""

    id: int  # account.move id
    number: str
    customer: str  # the customer's key (partner ref)
    issued: date
    due: date
    residual: float
    dispute: tuple | None = None  # (reason, amount, opened) of an open dispute


def empty_world(seed: int, start: date) -> World:
    """A ``World`` without its generated company: the demo fills it from the database."""
    world = World.__new__(World)
    world.seed = seed
    world.customers = {}
    world.issue_days, world.landing, world.resolutions, world.raising = {}, {}, {}, {}
    world.phase, world.today = MORNING, start
    world.annoyance_causes, world.touched_by_person = {}, set()
    return world


def build_world(customers, items, promises, seed: int, start: date, end: date) -> World:
    """``customers``: the ledger's SyntheticCustomer records; ``items``: OpenItem list;
    ``promises``: {customer key: [(invoice ids, amount, promised date, created)]} of the
    promises still open. The natural plans start on ``start``."""
    world = empty_world(seed, start)
    span = max((end - start).days, 1)
    for customer in customers:
        rng = random.Random(f"{seed}/demo/{customer.key}")
        traits = behaviour.draw_traits(customer.archetype, rng)
        sim = SimCustomer(
            key=customer.key,
            name=customer.name,
            archetype=customer.archetype,
            segment=customer.segment,
            lang=customer.lang[:2],
            timezone=customer.tz,
            traits=traits,
            credit_limit=customer.credit_limit,
        )
        if rng.random() < ABSENCES_PER_YEAR * span / 365:
            away = start + timedelta(days=rng.randint(0, span))
            sim.absences.append((away, away + timedelta(days=rng.randint(5, 14))))
        for invoice_ids, amount, promised, created in promises.get(customer.key, ()):
            sim.promises.append(
                Promise(
                    f"P{customer.key}-{created}",
                    tuple(invoice_ids),
                    amount,
                    promised,
                    "open",
                    created,
                )
            )
        world.customers[customer.key] = sim
    for item in sorted(items, key=lambda i: (i.issued, i.id)):
        customer = world.customers.get(item.customer)
        if customer is not None and item.residual > 0:
            customer.invoices.append(_invoice(world, customer, item, start))
    return world


def _invoice(world: World, customer: SimCustomer, item: OpenItem, start: date) -> SimInvoice:
    traits = customer.traits
    rng = random.Random(f"{world.seed}/demo-invoice/{item.number}")
    plan = behaviour.draw_invoice_plan(traits, rng)
    target = item.due + timedelta(days=plan.natural_late)
    if target < start:
        # Later than this customer's habit already: overlooked or stuck somewhere, it is
        # paid when noticed (a reminder helps) or in the coming weeks or months.
        plan = replace(plan, overlooked=True)
        low, high = traits.overlooked_late
        target = start + timedelta(days=rng.randint(3, max(4, (low + high) // 2)))
    pays = behaviour.habitual_day(max(target, start + timedelta(days=1)), traits)
    invoice = SimInvoice(
        id=item.id,
        number=item.number,
        customer=customer.key,
        issued=item.issued,
        due=item.due,
        amount=round(item.residual, 2),
        plan=plan,
        parts=[Part(round(item.residual, 2), pays, pays)],
        natural_date=pays,
    )
    if item.dispute is not None:
        reason, amount, opened = item.dispute
        part = invoice.parts[0]
        amount = round(min(amount or part.amount, part.amount), 2)
        if part.amount - amount > 0.005:
            invoice.parts.append(Part(round(part.amount - amount, 2), pays, pays))
        part.amount, part.natural, part.planned, part.disputed = amount, None, None, True
        invoice.dispute = Dispute(f"D{item.id}", (item.id,), amount, reason, "open", opened)
        ends = max(opened + timedelta(days=plan.resolution_days), start + timedelta(days=1))
        invoice.dispute_ends = ends
        world.resolutions.setdefault(ends, []).append(invoice)
    elif plan.dispute_after is not None:
        raised = item.issued + timedelta(days=plan.dispute_after)
        if raised > start:
            world.raising.setdefault(raised, []).append(invoice)
    return invoice


def share_of(invoice: SimInvoice, part: Part) -> bool:
    """True when ``part`` is the last money still to come for ``invoice`` (then the
    payment settles whatever is left, to the cent, in the invoice's currency)."""
    return not any(
        p is not part and p.amount > 0.005 and not p.landed and not p.disputed
        for p in invoice.parts
    ) and not any(p.disputed and p.amount > 0.005 for p in invoice.parts)
