"""A one-customer simulated world whose invoices the test writes by hand."""

from dataclasses import replace
from datetime import date, timedelta

from ar_collections_core.simulator.behaviour import InvoicePlan
from ar_collections_core.simulator.world import Part, SimInvoice, World

MONDAY = date(2025, 3, 3)


def plan(**values) -> InvoicePlan:
    base = InvoicePlan(
        natural_late=60,
        overlooked=False,
        bank_lag=1,
        remittance=False,
        before_send=True,
        dispute_after=None,
        disputed_share=1.0,
        resolution_days=30,
        resolution="rejected",
        after_resolution=5,
    )
    return replace(base, **values)


def tiny_world(archetype_seed: int = 1) -> tuple[World, object]:
    """A world with one customer and no generated invoices."""
    world = World(1, archetype_seed, MONDAY - timedelta(days=400), MONDAY + timedelta(days=60))
    world.issue_days.clear()
    world.raising.clear()
    customer = next(iter(world.customers.values()))
    customer.absences.clear()
    customer.invoices.clear()
    return world, customer


def add_invoice(world, customer, invoice_id, due, amount=1000.0, pays=None, **plan_values):
    """An invoice issued 30 days before ``due``, paid (money leaving) on ``pays``."""
    pays = pays or due + timedelta(days=60)
    invoice = SimInvoice(
        id=invoice_id,
        number=f"INV/{invoice_id}",
        customer=customer.key,
        issued=due - timedelta(days=30),
        due=due,
        amount=amount,
        plan=plan(**plan_values),
        parts=[Part(amount, pays, pays)],
        natural_date=pays,
    )
    customer.invoices.append(invoice)
    return invoice
