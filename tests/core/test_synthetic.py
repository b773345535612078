"""Generated ledgers: deterministic, realistic, and with distinct behaviours."""

import re
from datetime import date
from statistics import median

import pytest

from ar_collections_core.ledger import CREDIT, PAYMENT
from ar_collections_core.profile import compute_profile
from ar_collections_core.risk import assess_risk
from ar_collections_core.synthetic import ARCHETYPES, generate_ledger

TODAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def ledger():
    return generate_ledger(300, seed=7, today=TODAY)


def _profiles(ledger):
    return {
        c.key: compute_profile(ledger.receivables[c.key], TODAY, promises=ledger.promises[c.key])
        for c in ledger.customers
    }


def test_same_seed_same_ledger(ledger):
    assert generate_ledger(300, seed=7, today=TODAY) == ledger
    other = generate_ledger(300, seed=8, today=TODAY)
    assert other.receivables != ledger.receivables


def test_every_archetype_present_even_in_a_small_ledger(ledger):
    assert {c.archetype for c in ledger.customers} == set(ARCHETYPES)
    small = generate_ledger(7, seed=1, today=TODAY)
    assert sorted(c.archetype for c in small.customers) == sorted(ARCHETYPES)
    assert generate_ledger(0, today=TODAY).customers == ()


def test_customers_are_complete_and_unique(ledger):
    keys = [c.key for c in ledger.customers]
    assert len(set(keys)) == len(keys) == 300
    assert len({c.name for c in ledger.customers}) == 300
    assert len({c.email for c in ledger.customers}) == 300
    for c in ledger.customers:
        assert c.lang in ("en_US", "fr_FR", "de_DE", "es_ES", "nl_NL")
        assert c.segment == {"strategic": "strategic", "new_customer": "new"}.get(
            c.archetype, "standard"
        )
        assert re.fullmatch(r"[a-z0-9-]+@[a-z0-9-]+\.example", c.email)
        assert c.tz.startswith(("Europe/", "America/"))
        assert len(c.country_code) == 2
        assert c.credit_limit >= 0 and c.payment_term_days > 0
        assert set(ledger.receivables) >= {c.key}
        assert c.key in ledger.promises and c.key in ledger.disputes


def test_documents_are_consistent_as_of_today(ledger):
    numbers = set()
    for docs in ledger.receivables.values():
        for r in docs:
            assert re.fullmatch(r"R?INV/20\d\d/\d{5}", r.number)
            assert r.number[-10:-6] == str(r.invoice_date.year)
            numbers.add(r.number)
            assert r.invoice_date <= TODAY and r.due_date >= r.invoice_date
            assert all(s.date <= TODAY and s.amount > 0 for s in r.settlements)
            settled = sum(s.amount for s in r.settlements)
            expected = r.amount - settled if r.amount >= 0 else r.amount + settled
            assert r.residual == pytest.approx(expected, abs=0.011)
            assert r.residual * r.amount >= 0
            if r.currency != ledger.currency:
                assert r.amount_currency is not None and r.residual_currency is not None
    assert len(numbers) == sum(len(d) for d in ledger.receivables.values())


def test_ledger_has_the_realistic_variety(ledger):
    docs = [r for rs in ledger.receivables.values() for r in rs]
    invoices = [r for r in docs if not r.is_credit_note]
    assert len(invoices) > 300 * 12
    assert any(r.currency != "EUR" for r in docs)
    assert any(r.is_credit_note and r.is_open for r in docs)  # unapplied credit
    assert any(any(s.kind == CREDIT for s in r.settlements) for r in invoices)
    assert any(r.amount == 0 for r in invoices)
    assert any(r.ref.startswith("PO-") for r in invoices)
    partial = [r for r in invoices if sum(s.kind == PAYMENT for s in r.settlements) > 1]
    assert len(partial) > 50
    overdue = [r for r in invoices if r.is_open and r.due_date < TODAY]
    assert 50 < len(overdue) < len(invoices) / 5
    assert any(r.is_open and r.due_date >= TODAY for r in invoices)


def test_archetype_behaviours(ledger):
    by = {a: [c for c in ledger.customers if c.archetype == a] for a in ARCHETYPES}
    promises = {a: [p for c in cs for p in ledger.promises[c.key]] for a, cs in by.items()}
    chronic_broken = sum(p.state == "broken" for p in promises["chronic_late"])
    assert chronic_broken > len(by["chronic_late"])
    reliable_broken = sum(p.state == "broken" for p in promises["reliable"])
    assert reliable_broken < chronic_broken / 10
    disputes = {a: sum(len(ledger.disputes[c.key]) for c in cs) for a, cs in by.items()}
    assert disputes["disputer"] > 2 * max(v for a, v in disputes.items() if a != "disputer")
    assert any(d.state == "open" for c in by["disputer"] for d in ledger.disputes[c.key])

    def invoices(c):
        return [r for r in ledger.receivables[c.key] if not r.is_credit_note]

    assert max(len(invoices(c)) for c in by["new_customer"]) <= 7
    assert min(len(invoices(c)) for c in by["reliable"]) >= 18

    def typical_amount(cs):
        return median(r.amount for c in cs for r in invoices(c))

    assert typical_amount(by["strategic"]) > 8 * typical_amount(by["reliable"])


def test_archetypes_separate_in_profiles_and_risk(ledger):
    profiles = _profiles(ledger)

    def med(archetype, figure):
        return median(figure(profiles[c.key]) for c in ledger.customers if c.archetype == archetype)

    late = {a: med(a, lambda p: p.weighted_days_late) for a in ARCHETYPES}
    assert late["reliable"] < 3 < late["slow_but_steady"] < late["chronic_late"]
    assert late["chronic_late"] > 40
    assert med("reliable", lambda p: p.on_time_rate) > 0.6
    assert med("chronic_late", lambda p: p.partial_payment_rate) > 0.2
    strategic_days = sum(
        profiles[c.key].usual_payment_day is not None
        for c in ledger.customers
        if c.archetype == "strategic"
    )
    assert strategic_days >= 0.5 * sum(c.archetype == "strategic" for c in ledger.customers)

    def risk(archetype):
        return median(
            assess_risk(profiles[c.key], promises=ledger.promises[c.key]).score
            for c in ledger.customers
            if c.archetype == archetype
        )

    assert risk("reliable") < risk("slow_but_steady") < risk("chronic_late")
    assert risk("chronic_late") >= 60


def test_foreign_company_currency():
    ledger = generate_ledger(40, seed=3, today=TODAY, currency="USD")
    docs = [r for rs in ledger.receivables.values() for r in rs]
    assert ledger.currency == "USD"
    assert any(r.currency == "USD" for r in docs)
    assert all(r.amount_currency is None for r in docs if r.currency == "USD")


def test_bad_arguments():
    with pytest.raises(ValueError):
        generate_ledger(-1, today=TODAY)
    with pytest.raises(ValueError):
        generate_ledger(5, years=0, today=TODAY)
