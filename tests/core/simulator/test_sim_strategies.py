"""The fixed schedule is blind; the agent (the core's decide/recheck) is not."""

from datetime import timedelta

import pytest
from sim_builders import MONDAY, add_invoice, tiny_world

from ar_collections_core.ledger import Promise
from ar_collections_core.simulator import AgentStrategy, FixedSchedule, Level, Silent
from ar_collections_core.simulator.reactions import deliver


def _send(world, invoice, sent, lands):
    part = invoice.parts[0]
    part.sent, part.lands = sent, lands
    world.landing.setdefault(lands, []).append((invoice, part))


def _account_with_every_trap():
    """Four overdue invoices: disputed, in payment, paid (landing today), promised."""
    world, customer = tiny_world()
    friday = MONDAY - timedelta(days=3)
    disputed = add_invoice(world, customer, 1, MONDAY - timedelta(days=1))
    world.raise_dispute(disputed, MONDAY - timedelta(days=1))
    in_payment = add_invoice(world, customer, 2, MONDAY - timedelta(days=15), remittance=True)
    _send(world, in_payment, friday, MONDAY + timedelta(days=2))
    landing = add_invoice(world, customer, 3, MONDAY - timedelta(days=15), before_send=True)
    _send(world, landing, friday, MONDAY)
    add_invoice(world, customer, 4, MONDAY - timedelta(days=30))
    customer.promises.append(
        Promise("P1", (4,), 1000.0, MONDAY + timedelta(days=3), "open", MONDAY - timedelta(2))
    )
    world.morning(MONDAY)
    return world, customer


def test_the_fixed_schedule_chases_disputed_promised_and_paid_invoices():
    world, _customer = _account_with_every_trap()
    baseline = FixedSchedule()
    (outreach,) = baseline.plan(world, MONDAY)
    assert outreach.invoice_ids == (1, 2, 3, 4)
    assert outreach.tone == "firm"  # invoice 4 reaches the +30 level today
    world.sending(MONDAY)  # invoice 3's bank line is imported before the send
    sent = baseline.confirm(world, outreach)
    assert sent is outreach  # prepared in the morning, sent as prepared
    delivery = deliver(world, sent)
    assert delivery.during_dispute and delivery.after_payment and delivery.during_promise


def test_the_agent_leaves_them_alone_and_calls_off_what_was_paid_meanwhile():
    world, _customer = _account_with_every_trap()
    agent = AgentStrategy()
    (outreach,) = agent.plan(world, MONDAY)
    # The ledger shows 3 open and chaseable in the morning; 1, 2 and 4 are held back.
    assert outreach.invoice_ids == (3,)
    assert outreach.decision is not None and outreach.decision.action == "remind"
    world.sending(MONDAY)
    assert agent.confirm(world, outreach) is None  # the pre-send re-check sees the payment
    assert agent.counts["cancelled"] == 1


def test_a_payment_that_left_but_is_not_on_the_ledger_cannot_be_known():
    world, customer = tiny_world()
    crossing = add_invoice(world, customer, 1, MONDAY - timedelta(days=10), before_send=False)
    _send(world, crossing, MONDAY - timedelta(days=1), MONDAY)
    world.morning(MONDAY)
    agent = AgentStrategy()
    (outreach,) = agent.plan(world, MONDAY)
    world.sending(MONDAY)  # the bank line comes in the evening, after the send
    sent = agent.confirm(world, outreach)
    assert sent is not None
    delivery = deliver(world, sent)
    assert delivery.crossed and not delivery.after_payment


def test_fixed_schedule_levels_then_a_final_email_every_30_days():
    world, customer = tiny_world()
    due = MONDAY - timedelta(days=100)  # a Saturday
    add_invoice(world, customer, 1, due)
    baseline = FixedSchedule()
    sent = []
    day = due
    while day <= MONDAY:
        world.morning(day)
        sent += [((o.day - due).days, o.tone, o.channel) for o in baseline.plan(world, day)]
        day += timedelta(days=1)
    # +1 is a Sunday and +15 a Saturday: both go out on the Monday after (+2, +16);
    # the final email repeats 30 days after the +45 level.
    assert sent == [
        (2, "friendly", "email"),
        (16, "neutral", "email"),
        (30, "firm", "email"),
        (45, "final", "phone"),
        (75, "final", "email"),
    ]
    with pytest.raises(ValueError, match="increasing"):
        FixedSchedule(levels=(Level(15, "friendly", "email"), Level(1, "firm", "email")))


def test_silent_never_writes():
    world, customer = tiny_world()
    add_invoice(world, customer, 1, MONDAY - timedelta(days=20))
    world.morning(MONDAY)
    assert Silent().plan(world, MONDAY) == []
