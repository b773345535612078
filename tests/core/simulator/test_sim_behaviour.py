"""The behaviour model's reactions, on their own."""

import random
from datetime import date, timedelta

from sim_builders import MONDAY, add_invoice, tiny_world

from ar_collections_core.simulator.behaviour import (
    act_probability,
    add_business_days,
    draw_traits,
    habitual_day,
    unit,
)
from ar_collections_core.simulator.reactions import Outreach, current_annoyance, deliver
from ar_collections_core.simulator.strategies import local_send_time


def _traits(kind):
    return draw_traits(kind, random.Random(3))


def test_common_random_numbers_are_fixed_by_their_key():
    assert unit(7, "S0001", 100, "act") == unit(7, "S0001", 100, "act")
    assert unit(7, "S0001", 100, "act") != unit(8, "S0001", 100, "act")
    values = [unit(1, i) for i in range(2000)]
    assert 0 <= min(values) and max(values) < 1
    assert abs(sum(values) / len(values) - 0.5) < 0.03


def test_each_archetype_reacts_to_tone_and_channel_its_own_way():
    chronic, strategic, reliable = (
        _traits("chronic_late"),
        _traits("strategic"),
        _traits("reliable"),
    )

    def p(traits, tone, channel="email", recent=0, annoyance=0.0, overlooked=False):
        return act_probability(traits, tone, channel, recent, annoyance, overlooked)

    assert p(chronic, "firm") > p(chronic, "friendly")  # firmness works on chronic payers
    assert p(chronic, "firm", "phone") > p(chronic, "firm")  # and a call even more
    assert p(strategic, "firm") < p(strategic, "friendly")  # strategic accounts resent it
    assert p(reliable, "friendly", overlooked=True) > p(reliable, "friendly")  # a lost invoice
    assert p(chronic, "firm", recent=2) < p(chronic, "firm")  # email fatigue
    assert p(chronic, "firm", annoyance=3) < p(chronic, "firm")


def test_payment_days_are_business_days_on_the_customer_run():
    traits = _traits("slow_but_steady")
    day = habitual_day(date(2025, 3, 1), traits)  # a Saturday
    assert day.weekday() < 5 and day >= date(2025, 3, 1)
    assert add_business_days(date(2025, 2, 28), 1) == date(2025, 3, 3)  # Friday -> Monday


def _chase(world, customer, ids, tone="neutral", day=MONDAY):
    outreach = Outreach(customer.key, day, local_send_time(day, customer.timezone), "email",
                        tone, tuple(ids))  # fmt: skip
    return deliver(world, outreach)


def test_would_have_paid_anyway_and_annoyance():
    world, customer = tiny_world()
    add_invoice(world, customer, 1, MONDAY - timedelta(days=2), pays=MONDAY + timedelta(days=5))
    add_invoice(world, customer, 2, MONDAY - timedelta(days=2), pays=MONDAY + timedelta(days=30))
    world.morning(MONDAY)
    assert _chase(world, customer, [1]).anyway  # paid within 7 days without any contact
    later = MONDAY + timedelta(days=1)
    world.morning(later)
    assert not _chase(world, customer, [1, 2], day=later).anyway
    # A third message within a week annoys whoever receives it.
    before = current_annoyance(customer, later)
    _chase(world, customer, [2], day=later)
    assert current_annoyance(customer, later) >= before + 1.0
    assert customer.annoyed_since is not None or current_annoyance(customer, later) < 2.0


def test_a_reminder_surfaces_a_dispute_the_customer_would_raise_later():
    world, customer = tiny_world()
    invoice = add_invoice(world, customer, 1, MONDAY - timedelta(days=1), dispute_after=60)
    world.morning(MONDAY)
    delivery = _chase(world, customer, [1])
    assert "dispute" in delivery.intents
    assert invoice.dispute is not None and invoice.dispute.state == "open"
    assert not delivery.during_dispute  # it was not disputed when the message went out


def test_an_absent_customer_answers_out_of_office_and_reads_it_later():
    world, customer = tiny_world()
    customer.absences.append((MONDAY - timedelta(days=2), MONDAY + timedelta(days=4)))
    add_invoice(world, customer, 1, MONDAY - timedelta(days=10))
    world.morning(MONDAY)
    delivery = _chase(world, customer, [1])
    assert delivery.auto_reply == customer.traits.has_auto_reply
    assert customer.deferred and not delivery.replied
    if delivery.auto_reply:
        assert customer.auto_reply_until == MONDAY + timedelta(days=5)
