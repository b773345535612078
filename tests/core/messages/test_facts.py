"""Message facts: every figure from the ledger, and a faithful JSON round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from arc_message_fixtures import PAY_LINK, account, decision_and_facts
from arc_policy_builders import NOW, invoice, policy, snapshot

from ar_collections_core.messages import MessageFacts, build_facts
from ar_collections_core.policy import decide


def test_every_chased_invoice_with_its_figures():
    _, decision, facts = decision_and_facts()
    assert [f.id for f in facts.invoices] == list(decision.invoice_ids) == [12, 19, 23]
    first, second, usd = facts.invoices
    assert (first.number, first.ref, first.invoice_date, first.due_date) == (
        "INV/2025/0012",
        "PO-4471",
        date(2025, 1, 10),
        date(2025, 2, 9),
    )
    assert (first.amount_due, first.currency, first.days_overdue) == (1234.56, "EUR", 31)
    assert (second.amount_total, second.amount_due) == (800.0, 500.0)
    # a foreign-currency invoice is stated in its own currency, with our figure beside
    assert (usd.currency, usd.amount_total, usd.amount_due, usd.amount_due_company) == (
        "USD",
        1000.0,
        1000.0,
        920.0,
    )
    assert facts.pay_link == PAY_LINK and facts.lang == "en" and facts.tone == decision.tone


def test_payments_since_the_last_message_promises_and_credit_notes():
    _, _, facts = decision_and_facts()
    assert facts.last_message_date == date(2025, 3, 1)
    assert [(p.date, p.amount, p.invoice_number) for p in facts.payments_since_last] == [
        (date(2025, 3, 5), 300.0, "INV/2025/0019")
    ]
    assert [(p.amount, p.promised_date, p.invoice_numbers) for p in facts.promises] == [
        (400.0, date(2025, 3, 20), ("INV/2025/0030",))
    ]
    assert [(c.number, c.amount_available) for c in facts.credit_notes] == [
        ("RINV/2025/0003", 150.0)
    ]


def test_totals_per_currency():
    _, _, facts = decision_and_facts()
    totals = {t.currency: (t.amount_due, t.credit_available, t.net) for t in facts.totals}
    assert totals == {"EUR": (1734.56, 150.0, 1584.56), "USD": (1000.0, 0.0, 1000.0)}


def test_no_previous_message_means_no_payments_since():
    _, _, facts = decision_and_facts(contacts=())
    assert facts.payments_since_last == () and facts.last_message_date is None


def test_json_round_trip():
    _, _, facts = decision_and_facts(lang="fr_BE")
    text = facts.to_json()
    assert json.loads(text)["invoices"][0]["due_date"] == "2025-02-09"
    again = MessageFacts.from_json(text)
    assert again == facts
    assert again.lang == "fr"


def test_statement_lists_the_other_open_items_with_their_status():
    snap = account()
    decision = replace(decide(snap, policy(), NOW), action="statement")
    facts = build_facts(snap, decision)
    assert facts.kind == "statement"
    assert {(f.number, f.status) for f in facts.other_items} == {
        ("INV/2025/0030", "promised"),
        ("INV/2025/0031", "not_chased"),
    }


def test_a_decision_about_an_invoice_not_open_is_refused():
    snap = snapshot(invoice(1, overdue=10), invoice(2, overdue=10, residual=0))
    decision = replace(decide(snap, policy(), NOW), invoice_ids=(1, 2))
    with pytest.raises(ValueError, match="not an open invoice"):
        build_facts(snap, decision)


def test_foreign_currency_without_document_amounts_falls_back_to_company_currency():
    snap = snapshot(invoice(1, overdue=10, currency="GBP", amount=500.0))
    facts = build_facts(snap, decide(snap, policy(), NOW), company_currency="EUR")
    assert (facts.invoices[0].currency, facts.invoices[0].amount_due) == ("EUR", 500.0)


def test_bad_json_is_refused():
    _, _, facts = decision_and_facts()
    data = facts.to_dict()
    data["invoices"][0]["amount_due"] = "a lot"
    with pytest.raises(ValueError, match="amount_due"):
        MessageFacts.from_dict(data)
