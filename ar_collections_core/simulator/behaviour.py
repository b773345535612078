"""How simulated customers pay and how they react to being chased (docs/SIMULATOR.md).

Everything a customer would do without any contact is drawn up front, per customer
and per invoice, from seeded streams that do not depend on the collection strategy:
this is the *natural* schedule, the counterfactual "nobody ever wrote to them". A
contact can then move a payment earlier, draw a promise or a reply, or annoy the
customer; those draws use numbers keyed by (seed, customer, day, what), so two
strategies that do the same thing on the same day get the same reaction.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

ARCHETYPES = (
    "reliable",
    "slow_but_steady",
    "erratic",
    "chronic_late",
    "disputer",
    "new_customer",
    "strategic",
)
MIX = (0.30, 0.18, 0.13, 0.12, 0.08, 0.12, 0.07)  # as in synthetic.py
NEW_CUSTOMER_KINDS = (("reliable", "slow_but_steady", "erratic"), (5, 3, 2))
REACTION_TONES = ("courtesy", "friendly", "neutral", "firm", "final")


@dataclass(frozen=True, slots=True)
class Traits:
    """One customer's payment behaviour and reactions (drawn once)."""

    kind: str  # the behaviour actually followed (a new customer hides one of three)
    base: float  # days late of a typical invoice
    spread: float
    slip_rate: float  # an invoice paid unusually late
    slip: tuple[int, int]
    overlooked_rate: float  # an invoice lost or stuck in approval: paid when noticed
    overlooked_late: tuple[int, int]  # ... this many days late without a reminder
    weekday: int | None  # pays on a weekly run on this day
    month_day: int | None  # pays on this day of the month
    response: tuple[float, ...]  # chance of acting on a reminder, by REACTION_TONES
    found_response: float  # chance a reminder makes them find an overlooked invoice
    lag: tuple[int, int]  # days from acting to the money leaving
    promise_rate: float  # not acting: chance of promising a date instead
    keep_rate: float
    dispute_rate: float  # an invoice with a problem the customer raises
    reply_rate: float  # answers a reminder (acknowledgement, question)
    has_auto_reply: bool  # sets an out-of-office message when away
    remittance_rate: float  # announces a payment (Odoo shows it "in payment")
    early_tolerance: int  # chased fewer days overdue than this, while paying anyway: annoyed
    firm_annoyance: float  # extra annoyance from a firm or final tone
    dispute_annoyance: float  # chased on an invoice they dispute


def unit(seed, *parts) -> float:
    """A uniform number in [0, 1) fixed by ``seed`` and ``parts`` (common random numbers)."""
    digest = hashlib.blake2b(repr((seed, *parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def draw_traits(archetype: str, rng: random.Random) -> Traits:
    u = rng.uniform
    kind = archetype
    if archetype == "new_customer":
        kind = rng.choices(*NEW_CUSTOMER_KINDS)[0]
    run_day = rng.choice((0, 1, 2, 3, 4))
    weekly = {"reliable": 0.3, "slow_but_steady": 0.7, "erratic": 0.1, "chronic_late": 0.1}
    weekday = run_day if rng.random() < weekly.get(kind, 0.0) else None
    month_day = None
    if kind == "strategic" and rng.random() < 0.7:
        month_day = rng.choice((5, 10, 15, 25, 28))
    common = {
        "kind": kind,
        "weekday": weekday,
        "month_day": month_day,
        "has_auto_reply": rng.random() < 0.8,
        "remittance_rate": u(0.1, 0.4),
    }
    if kind == "reliable":
        return Traits(base=u(-4, 1), spread=2, slip_rate=0.04, slip=(5, 15),
                      overlooked_rate=0.05, overlooked_late=(30, 75),
                      response=(0.05, 0.55, 0.6, 0.6, 0.6), found_response=0.8, lag=(1, 3),
                      promise_rate=0.3, keep_rate=0.95, dispute_rate=0.01, reply_rate=0.35,
                      early_tolerance=8, firm_annoyance=0.5, dispute_annoyance=1.5,
                      **common)  # fmt: skip
    if kind == "slow_but_steady":
        return Traits(base=u(12, 28), spread=4, slip_rate=0.05, slip=(5, 20),
                      overlooked_rate=0.06, overlooked_late=(45, 90),
                      response=(0.03, 0.25, 0.3, 0.4, 0.45), found_response=0.7, lag=(3, 8),
                      promise_rate=0.35, keep_rate=0.85, dispute_rate=0.01, reply_rate=0.25,
                      early_tolerance=0, firm_annoyance=0.3, dispute_annoyance=1.5,
                      **common)  # fmt: skip
    if kind == "erratic":
        return Traits(base=u(0, 8), spread=8, slip_rate=0.3, slip=(15, 90),
                      overlooked_rate=0.15, overlooked_late=(40, 120),
                      response=(0.05, 0.3, 0.35, 0.4, 0.45), found_response=0.7, lag=(2, 7),
                      promise_rate=0.3, keep_rate=0.6, dispute_rate=0.03, reply_rate=0.3,
                      early_tolerance=0, firm_annoyance=0.3, dispute_annoyance=1.5,
                      **common)  # fmt: skip
    if kind == "chronic_late":
        return Traits(base=u(35, 60), spread=12, slip_rate=0.15, slip=(20, 90),
                      overlooked_rate=0.1, overlooked_late=(90, 180),
                      response=(0.0, 0.05, 0.1, 0.25, 0.35), found_response=0.4, lag=(3, 10),
                      promise_rate=0.45, keep_rate=0.35, dispute_rate=0.02, reply_rate=0.2,
                      early_tolerance=0, firm_annoyance=0.0, dispute_annoyance=1.0,
                      **common)  # fmt: skip
    if kind == "disputer":
        return Traits(base=u(0, 8), spread=4, slip_rate=0.05, slip=(10, 30),
                      overlooked_rate=0.05, overlooked_late=(30, 75),
                      response=(0.05, 0.35, 0.4, 0.45, 0.45), found_response=0.8, lag=(2, 5),
                      promise_rate=0.25, keep_rate=0.8, dispute_rate=0.22, reply_rate=0.45,
                      early_tolerance=3, firm_annoyance=0.5, dispute_annoyance=3.0,
                      **common)  # fmt: skip
    if kind == "strategic":
        return Traits(base=u(5, 20), spread=5, slip_rate=0.05, slip=(10, 40),
                      overlooked_rate=0.05, overlooked_late=(45, 90),
                      response=(0.05, 0.3, 0.3, 0.15, 0.1), found_response=0.7, lag=(5, 12),
                      promise_rate=0.3, keep_rate=0.9, dispute_rate=0.03, reply_rate=0.4,
                      early_tolerance=10, firm_annoyance=1.5, dispute_annoyance=2.0,
                      **common)  # fmt: skip
    raise ValueError(f"unknown archetype {archetype!r}")


def habitual_day(day: date, traits: Traits) -> date:
    """The customer's payment-run day on or after ``day``; weekends move to Monday."""
    if traits.month_day is not None:
        year, month = day.year, day.month
        for _ in range(2):
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
            candidate = date(year, month, min(traits.month_day, last))
            if candidate >= day:
                day = candidate
                break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif traits.weekday is not None:
        day += timedelta(days=(traits.weekday - day.weekday()) % 7)
    return next_business_day(day)


def next_business_day(day: date) -> date:
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def add_business_days(day: date, days: int) -> date:
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


@dataclass(frozen=True, slots=True)
class InvoicePlan:
    """What happens to one invoice if nobody ever chases it."""

    natural_late: int  # days after the due date the money leaves (before the run day)
    overlooked: bool
    bank_lag: int  # business days from the money leaving to the bank statement
    remittance: bool  # the customer announces the payment the day it leaves
    before_send: bool  # it lands on the ledger before the day's messages go out
    dispute_after: int | None  # days after issue the customer raises a problem
    disputed_share: float  # of the amount
    resolution_days: int  # days the company takes to settle the dispute
    resolution: str  # credit_note | rejected | withdrawn
    after_resolution: int  # days from the resolution to paying the rest


def draw_invoice_plan(traits: Traits, rng: random.Random) -> InvoicePlan:
    late = rng.gauss(traits.base, traits.spread)
    if rng.random() < traits.slip_rate:
        late += rng.randint(*traits.slip)
    overlooked = rng.random() < traits.overlooked_rate
    if overlooked:
        late = max(late, rng.randint(*traits.overlooked_late))
    disputed = rng.random() < traits.dispute_rate
    return InvoicePlan(
        natural_late=round(late),
        overlooked=overlooked,
        bank_lag=rng.choice((1, 1, 1, 2)),
        remittance=rng.random() < traits.remittance_rate,
        before_send=rng.random() < 0.5,
        dispute_after=rng.randint(5, 25) if disputed else None,
        disputed_share=1.0 if rng.random() < 0.4 else round(rng.uniform(0.1, 0.6), 2),
        resolution_days=rng.randint(10, 45),
        resolution=rng.choices(("credit_note", "rejected", "withdrawn"), (45, 35, 20))[0],
        after_resolution=rng.randint(2, 10),
    )


# -- reactions ------------------------------------------------------------------------
ANNOYANCE_DECAY = 0.97  # per day: half-life about 23 days
ANNOYED_AT = 2.0  # a customer whose annoyance reaches this is counted as annoyed
FATIGUE = 0.7  # each contact by the same channel in the previous 14 days multiplies the effect
PHONE_FACTOR = 1.8  # a person on the phone is harder to ignore than an email
LETTER_FACTOR = 1.1
SMS_FACTOR = 0.9


def act_probability(
    traits: Traits, tone: str, channel: str, recent: int, annoyance: float, overlooked: bool
) -> float:
    """Chance that a reminder makes the customer pay the chased invoices now."""
    tone = tone or "neutral"
    if overlooked:
        p = traits.found_response
        if traits.kind == "strategic" and tone in ("firm", "final"):
            p *= 0.5
    else:
        p = traits.response[REACTION_TONES.index(tone)]
    if channel == "phone":
        p = min(0.9, p * PHONE_FACTOR)
    elif channel == "letter":
        p *= LETTER_FACTOR
    elif channel == "sms":
        p *= SMS_FACTOR
    p *= FATIGUE**recent
    return p / (1.0 + 0.25 * max(annoyance, 0.0))
