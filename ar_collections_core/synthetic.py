"""Generated ledgers with payment-behaviour archetypes (demo, benchmarks, simulator).

``generate_ledger(customers, seed=..., today=...)`` gives the same ledger for the same
arguments (``today`` defaults to the real date, so pass it for a fixed ledger). Each
customer invoices about monthly for ``years`` years (new customers for a few months),
and pays the way their archetype does, with randomness:

- reliable: around the due date, rarely a slip; some pay on a weekly payment run.
- slow_but_steady: consistently 2-4 weeks late, often on a fixed weekday.
- erratic: sometimes on time, sometimes weeks or months late; some partial payments.
- chronic_late: 5-10 weeks late and getting worse, pays in parts, breaks promises,
  leaves a few invoices unpaid for a long time.
- disputer: pays on time unless disputing, which it does often; disputes end with a
  credit note, a rejection or a withdrawal, and the rest is paid afterwards.
- new_customer: a few months of history only.
- strategic: large amounts, long terms, paid on a fixed day of the month.

Some customers invoice in a foreign currency (company amounts are converted at a
drifting rate), some quote PO numbers, a few invoices get credit notes (price
adjustments, cancellations, unapplied credits, refunds) and zero-amount invoices occur.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.ledger import (
    CREDIT,
    CREDIT_NOTE,
    PAYMENT,
    Dispute,
    Promise,
    Receivable,
    Settlement,
)
from ar_collections_core.synthetic_names import company_name, locale_for

ARCHETYPES = (
    "reliable",
    "slow_but_steady",
    "erratic",
    "chronic_late",
    "disputer",
    "new_customer",
    "strategic",
)
_MIX = (0.30, 0.18, 0.13, 0.12, 0.08, 0.12, 0.07)  # share of each archetype, in order
_FOREIGN = {"USD": 1.08, "GBP": 0.85, "CHF": 0.95, "EUR": 1.0}  # units per 1 EUR
_DISPUTE_REASONS = ("price", "quantity", "quality", "duplicate", "missing_po", "tax", "service")
_GRACE = 3


@dataclass(frozen=True, slots=True)
class SyntheticCustomer:
    key: str
    name: str
    archetype: str
    segment: str  # standard | strategic | new
    lang: str  # en_US, fr_FR, de_DE, es_ES, nl_NL
    tz: str
    country_code: str
    email: str
    credit_limit: float
    payment_term_days: int


@dataclass(frozen=True, slots=True)
class SyntheticLedger:
    today: date
    currency: str
    customers: tuple[SyntheticCustomer, ...]
    receivables: dict[str, tuple[Receivable, ...]]  # by customer key
    promises: dict[str, tuple[Promise, ...]]
    disputes: dict[str, tuple[Dispute, ...]]

    def customer(self, key: str) -> SyntheticCustomer:
        for customer in self.customers:
            if customer.key == key:
                return customer
        raise KeyError(key)


@dataclass(slots=True)
class _Traits:
    """What one customer's payments look like (drawn once per customer)."""

    base: float  # days late of a typical invoice at the start
    spread: float
    drift: float  # days per year: > 0 pays later and later
    slip_rate: float  # chance of an unusually late invoice
    slip: tuple[int, int]
    partial_rate: float
    weekday: int | None  # pays on a weekly run on this day
    month_day: int | None  # pays on this day of the month
    promise_rate: float  # chance of a promise on a late invoice
    keep_rate: float
    dispute_rate: float
    stuck_rate: float  # invoices left unpaid for many months


def _traits(archetype: str, rng: random.Random) -> _Traits:
    u = rng.uniform
    run_day = rng.choice((0, 1, 2, 3, 4))  # the weekday of a weekly payment run

    def runs(share):
        return run_day if rng.random() < share else None

    if archetype == "new_customer":
        archetype = rng.choices(("reliable", "slow_but_steady", "erratic"), (5, 3, 2))[0]
    common = {"stuck_rate": 0.0, "month_day": None}
    if archetype == "reliable":
        return _Traits(base=u(-5, 0), spread=2, drift=0, slip_rate=0.04, slip=(5, 20),
                       partial_rate=0.02, weekday=runs(0.3), promise_rate=0.5, keep_rate=0.95,
                       dispute_rate=0.01, **common)  # fmt: skip
    if archetype == "slow_but_steady":
        return _Traits(base=u(12, 28), spread=4, drift=u(-2, 2), slip_rate=0.05, slip=(5, 20),
                       partial_rate=0.05, weekday=runs(0.7), promise_rate=0.4, keep_rate=0.85,
                       dispute_rate=0.01, **common)  # fmt: skip
    if archetype == "erratic":
        return _Traits(base=u(0, 8), spread=8, drift=u(-5, 10), slip_rate=0.35, slip=(15, 110),
                       partial_rate=0.15, weekday=runs(0.1), promise_rate=0.35, keep_rate=0.6,
                       dispute_rate=0.03, month_day=None, stuck_rate=0.01)  # fmt: skip
    if archetype == "chronic_late":
        return _Traits(base=u(38, 65), spread=12, drift=u(0, 20), slip_rate=0.15, slip=(30, 120),
                       partial_rate=0.4, weekday=runs(0.1), promise_rate=0.6, keep_rate=0.3,
                       dispute_rate=0.02, month_day=None, stuck_rate=0.04)  # fmt: skip
    if archetype == "disputer":
        return _Traits(base=u(0, 10), spread=5, drift=0, slip_rate=0.05, slip=(10, 30),
                       partial_rate=0.05, weekday=None, promise_rate=0.3, keep_rate=0.8,
                       dispute_rate=0.2, **common)  # fmt: skip
    if archetype == "strategic":
        pay_day = rng.choice((5, 10, 15, 25, 28)) if rng.random() < 0.8 else None
        return _Traits(base=u(5, 20), spread=5, drift=u(-2, 4), slip_rate=0.05, slip=(10, 40),
                       partial_rate=0.05, weekday=None, month_day=pay_day, promise_rate=0.3,
                       keep_rate=0.9, dispute_rate=0.03, stuck_rate=0.0)  # fmt: skip
    raise ValueError(f"unknown archetype {archetype!r}")


def _archetype_plan(customers: int, rng: random.Random) -> list[str]:
    """Archetypes in the ``_MIX`` proportions (largest remainder), each present when
    there are at least as many customers as archetypes, in a seeded random order."""
    quotas = [share * customers for share in _MIX]
    counts = [int(q) for q in quotas]
    if customers >= len(ARCHETYPES):
        counts = [max(c, 1) for c in counts]
    by_remainder = sorted(range(len(quotas)), key=lambda i: counts[i] - quotas[i])
    i = 0
    while sum(counts) < customers:
        counts[by_remainder[i % len(by_remainder)]] += 1
        i += 1
    while sum(counts) > customers:
        biggest = max(range(len(counts)), key=counts.__getitem__)
        counts[biggest] -= 1
    plan = [a for a, n in zip(ARCHETYPES, counts, strict=True) for _ in range(n)]
    rng.shuffle(plan)
    return plan


def generate_ledger(
    customers: int = 300,
    *,
    seed: int = 7,
    today: date | None = None,
    years: int = 2,
    currency: str = "EUR",
) -> SyntheticLedger:
    """A deterministic ledger of ``customers`` customers as of ``today``."""
    if customers < 0 or years < 1:
        raise ValueError("customers must be >= 0 and years >= 1")
    today = today or date.today()
    plan = _archetype_plan(customers, random.Random(f"{seed}/plan"))
    ids = _Counter()
    people, raw, promises, disputes = [], {}, {}, {}
    for index, archetype in enumerate(plan):
        rng = random.Random(f"{seed}/{index}")
        scale = 25 if archetype == "strategic" else 1
        monthly = math.exp(rng.gauss(math.log(2500), 0.8)) * scale  # typical invoice amount
        customer = _customer(index, archetype, monthly, rng)
        people.append(customer)
        book = _Book(customer, _traits(archetype, rng), rng, today, currency, monthly, ids)
        docs, cust_promises, cust_disputes = book.write(years)
        raw[customer.key] = docs
        promises[customer.key] = tuple(cust_promises)
        disputes[customer.key] = tuple(cust_disputes)
    return SyntheticLedger(
        today=today,
        currency=currency,
        customers=tuple(people),
        receivables=_numbered(raw, currency),
        promises=promises,
        disputes=disputes,
    )


class _Counter:
    def __init__(self):
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _customer(index: int, archetype: str, monthly: float, rng) -> SyntheticCustomer:
    lang = rng.choices(("en_US", "fr_FR", "de_DE", "es_ES", "nl_NL"), (4, 2, 2, 1, 1))[0]
    tz, country = locale_for(lang, rng)
    name, slug = company_name(lang, index, rng)
    segment = {"strategic": "strategic", "new_customer": "new"}.get(archetype, "standard")
    term = 60 if segment == "strategic" else rng.choice((15, 30, 30, 30, 45, 60))
    limit = 0.0 if rng.random() < 0.1 else round(monthly * rng.uniform(2, 5), -3)
    if segment == "new":
        limit = round(monthly * 1.5, -3)
    return SyntheticCustomer(
        key=f"C{index + 1:05d}",
        name=name,
        archetype=archetype,
        segment=segment,
        lang=lang,
        tz=tz,
        country_code=country,
        email=f"ap@{slug}.example",
        credit_limit=max(limit, 0.0),
        payment_term_days=term,
    )


def _next_day(day: date, traits: _Traits) -> date:
    """The habitual payment day on or after ``day``; weekends move to Monday."""
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
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    return day


class _Book:
    """Writes one customer's history: invoices, payments, credits, promises, disputes."""

    def __init__(self, customer, traits, rng, today, currency, monthly, ids):
        self.customer, self.traits, self.rng, self.today = customer, traits, rng, today
        self.currency, self.monthly, self.ids = currency, monthly, ids
        self.docs, self.promises, self.disputes = [], [], []
        self.foreign = None
        if customer.segment != "strategic" and rng.random() < 0.12:
            self.foreign = rng.choice([c for c in _FOREIGN if c != currency])
        self.uses_po = rng.random() < 0.4

    def write(self, years: int):
        rng, today = self.rng, self.today
        if self.customer.archetype == "new_customer":
            start = today - timedelta(days=rng.randint(45, 150))
        else:
            start = today - timedelta(days=365 * years - rng.randint(0, 40))
        day = start
        while day <= today:
            self.invoice(day, (day - start).days / 365)
            day += timedelta(days=max(7, round(rng.gauss(30, 8))))
        if rng.random() < 0.05:  # an unapplied credit (a goodwill gesture), maybe refunded
            issued = today - timedelta(days=rng.randint(5, 200))
            credit = round(self.monthly * rng.uniform(0.05, 0.3), 2)
            refund = issued + timedelta(days=rng.randint(20, 60))
            refunded = refund <= today and rng.random() < 0.5  # money sent back
            settlements = (Settlement(refund, credit, PAYMENT),) if refunded else ()
            self.docs.append(
                _doc(self.ids.next(), "credit", issued, issued, -credit, settlements, "", None, 1)
            )
        return self.docs, self.promises, self.disputes

    def invoice(self, day: date, years_in: float):
        """The invoice issued on ``day`` with its payments, credits, promise and dispute."""
        rng, traits, today, foreign = self.rng, self.traits, self.today, self.foreign
        invoice_id = self.ids.next()
        rate = _FOREIGN[foreign] / _FOREIGN.get(self.currency, 1.0) if foreign else 1.0
        rate *= 1 + rng.gauss(0, 0.02)
        amount = round(self.monthly * rng.lognormvariate(0, 0.35), 2)
        if rng.random() < 0.003:
            amount = 0.0  # a free replacement: nothing to collect
        due = day + timedelta(days=self.customer.payment_term_days)
        late = rng.gauss(traits.base + traits.drift * years_in, traits.spread)
        if rng.random() < traits.slip_rate:
            late += rng.randint(*traits.slip)
        if rng.random() < traits.stuck_rate:
            late = rng.randint(150, 400)
        pay = _next_day(max(due + timedelta(days=round(late)), day + timedelta(days=1)), traits)
        ref = f"PO-{rng.randint(10000, 99999)}" if self.uses_po else ""
        credited_on, credit = None, 0.0
        if amount and rng.random() < traits.dispute_rate:
            pay, credited_on, credit = self.dispute(invoice_id, amount, day, pay)
        elif amount and rng.random() < 0.03:  # a price adjustment or a cancellation
            issued = day + timedelta(days=rng.randint(2, 20))
            share = 1.0 if rng.random() < 0.3 else rng.uniform(0.1, 0.3)
            if issued <= today:
                credited_on, credit = issued, round(amount * share, 2)
        settlements = []
        if credited_on:
            settlements.append(Settlement(credited_on, credit, CREDIT))
            offset = (Settlement(credited_on, credit, CREDIT),)
            note = _doc(self.ids.next(), "credit", credited_on, credited_on, -credit, offset, "",
                        foreign, rate)  # fmt: skip
            self.docs.append(note)
        to_pay = round(amount - credit, 2)
        if to_pay > 0.005:
            if (pay - due).days > 10 and rng.random() < traits.promise_rate:
                pay = self.promise(invoice_id, to_pay, due, pay)
            settlements += [
                Settlement(d, a, PAYMENT) for d, a in self.payments(to_pay, day, pay) if d <= today
            ]
        self.docs.append(
            _doc(invoice_id, "invoice", day, due, amount, tuple(settlements), ref, foreign, rate)
        )

    def payments(self, to_pay: float, day: date, pay: date):
        rng = self.rng
        if rng.random() >= self.traits.partial_rate or (pay - day).days < 3:
            return [(pay, to_pay)]
        first = day + timedelta(days=rng.randint(1, (pay - day).days - 1))
        first_amount = round(to_pay * rng.uniform(0.3, 0.7), 2)
        return [(first, first_amount), (pay, round(to_pay - first_amount, 2))]

    def promise(self, invoice_id, amount: float, due: date, pay: date) -> date:
        """A promise made while the invoice is late; returns the (maybe moved) payment date."""
        rng, today = self.rng, self.today
        created = due + timedelta(days=rng.randint(5, min(30, max(5, (pay - due).days - 3))))
        if created > today or created >= pay:
            return pay
        promised = created + timedelta(days=rng.randint(5, 14))
        deadline = promised + timedelta(days=_GRACE)
        if rng.random() < self.traits.keep_rate:
            kept_on = promised - timedelta(days=rng.randint(0, 2))
            pay = max(created + timedelta(days=1), min(pay, kept_on))
        else:
            pay = max(pay, deadline + timedelta(days=rng.randint(3, 30)))
        if deadline >= today and pay > today:
            state = "open"
        else:
            state = "kept" if pay <= deadline else "broken"
        self.promises.append(
            Promise(
                f"P{invoice_id}", (invoice_id,), amount, promised, state, created, self.currency
            )
        )
        return pay

    def dispute(self, invoice_id, amount: float, day: date, pay: date):
        """A dispute after issue; returns (payment date, credit note date, credited amount)."""
        rng, today = self.rng, self.today
        opened = day + timedelta(days=rng.randint(5, 25))
        if opened > today:
            return pay, None, 0.0
        closed = opened + timedelta(days=rng.randint(15, 70))
        disputed = round(amount * (1.0 if rng.random() < 0.4 else rng.uniform(0.1, 0.6)), 2)
        reason = rng.choice(_DISPUTE_REASONS)
        pay = max(pay, closed + timedelta(days=rng.randint(2, 15)))
        key = f"D{invoice_id}"
        if closed > today:
            self.disputes.append(Dispute(key, (invoice_id,), disputed, reason, "open", opened))
            return pay, None, 0.0
        outcome = rng.choices(("resolved", "rejected", "withdrawn"), (45, 35, 20))[0]
        self.disputes.append(Dispute(key, (invoice_id,), disputed, reason, outcome, opened, closed))
        if outcome != "resolved":
            return pay, None, 0.0
        return pay, closed, disputed


def _doc(doc_id, kind, issued, due, amount, settlements, ref, foreign, rate):
    """A raw document: numbered and turned into a Receivable once all are generated."""
    settled = sum(s.amount for s in settlements)
    residual = round(amount - settled if amount >= 0 else amount + settled, 2)
    if abs(residual) < 0.005:
        residual = 0.0
    return (doc_id, kind, issued, due, amount, residual, settlements, ref, foreign, rate)


def _numbered(raw: dict, currency: str) -> dict[str, tuple[Receivable, ...]]:
    """Receivables with Odoo-like numbers (INV/2025/00042, RINV/...), in date order."""
    order = sorted(
        ((doc[2], doc[0], key, pos) for key, docs in raw.items() for pos, doc in enumerate(docs))
    )
    numbers = {}
    sequences = {}
    for issued, doc_id, key, pos in order:
        prefix = "INV" if raw[key][pos][1] == "invoice" else "RINV"
        seq = sequences.get((prefix, issued.year), 0) + 1
        sequences[(prefix, issued.year)] = seq
        numbers[doc_id] = f"{prefix}/{issued.year}/{seq:05d}"
    result = {}
    for key, docs in raw.items():
        receivables = []
        for doc_id, kind, issued, due, amount, residual, settlements, ref, foreign, rate in docs:
            receivables.append(
                Receivable(
                    id=doc_id,
                    number=numbers[doc_id],
                    invoice_date=issued,
                    due_date=due,
                    amount=amount,
                    residual=residual,
                    currency=foreign or currency,
                    amount_currency=round(amount * rate, 2) if foreign else None,
                    residual_currency=round(residual * rate, 2) if foreign else None,
                    settlements=settlements,
                    ref=ref,
                    kind=CREDIT_NOTE if kind == "credit" else "invoice",
                )
            )
        receivables.sort(key=lambda r: (r.invoice_date, r.id))
        result[key] = tuple(receivables)
    return result
