"""Redaction: personal data out before sending, back in after, invoice facts untouched."""

from __future__ import annotations

import json

import pytest
from arc_llm_fixtures import OPEN_INVOICES, TODAY, answer, offline_reading
from conftest import requires_sdk

from ar_collections_core.llm import Redactor, understand_with_llm
from ar_collections_core.llm.fake_api import tool_answer

PROTECT = [i.number for i in OPEN_INVOICES] + [i.ref for i in OPEN_INVOICES if i.ref]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Write to jane.doe+ap@client.example please", "EMAIL", "jane.doe+ap@client.example"),
        ("Call me on +33 6 12 34 56 78.", "PHONE", "+33 6 12 34 56 78"),
        ("Tel: 06 12 34 56 78", "PHONE", "06 12 34 56 78"),
        ("Telefon 030 1234567", "PHONE", "030 1234567"),
        ("Mobile: (555) 123-4567", "PHONE", "(555) 123-4567"),
        ("Direct line 0049 (0)30 12345678", "PHONE", "0049 (0)30 12345678"),
        (
            "Our IBAN FR76 3000 6000 0112 3456 7890 189 is new",
            "IBAN",
            "FR76 3000 6000 0112 3456 7890 189",
        ),
        ("pay to DE89370400440532013000", "IBAN", "DE89370400440532013000"),
    ],
)
def test_personal_data_is_replaced(text, kind, value):
    redactor = Redactor(protect=PROTECT)
    redacted = redactor.redact(text)
    assert value not in redacted and f"[{kind}_1]" in redacted
    assert redactor.mapping == {f"[{kind}_1]": value}
    assert redactor.restore(redacted) == text


@pytest.mark.parametrize(
    "text",
    [
        "We will pay INV/2025/0012 and PO-4471 on 14/03/2025.",
        "Our order 4500012345 is paid: EUR 1.234,56 on 12.03.2025.",
        "Amount 1 234 567,89 EUR, reference 2025-03-14, invoice 00123.",
        "The total was USD 1,000.00 and we sent 500.00 yesterday.",
        "Our references ORD-0123456789 and 2025/0044 123 4567 are not phone numbers.",
    ],
)
def test_invoice_facts_amounts_and_dates_are_untouched(text):
    redactor = Redactor(protect=PROTECT)
    assert redactor.redact(text) == text and redactor.mapping == {}


def test_names_from_the_list_full_and_in_part():
    redactor = Redactor(["Marie Dupont", "Will Smith"], protect=PROTECT)
    text = "Hi, Marie here (marie DUPONT in copy). Dupont will call. Will said yes. Regards, Marie"
    redacted = redactor.redact(text)
    assert "Marie" not in redacted and "DUPONT" not in redacted and "Dupont" not in redacted
    assert "will call" in redacted  # a name only when written as one
    assert "[NAME_" in redacted and redactor.restore(redacted) == text
    assert redactor.counts["name"] == 4  # full name, and three single names


def test_the_same_value_keeps_its_placeholder():
    redactor = Redactor()
    first = redactor.redact("ap@client.example")
    second = redactor.redact("Again: AP@client.example, or bob@client.example")
    assert first == "[EMAIL_1]" and second == "Again: [EMAIL_1], or [EMAIL_2]"


@requires_sdk
def test_redaction_is_applied_to_what_the_server_receives(fake_api, make_llm):
    text = (
        "Hello, this is Marie Dupont from Client SA. We will pay PO-4471 on Friday. "
        "Questions: marie.dupont@client.example or +33 6 12 34 56 78. "
        "Please use our new IBAN FR76 3000 6000 0112 3456 7890 189."
    )
    fake_api.push(tool_answer("record_reply", answer(quotes=[])))
    outcome = understand_with_llm(
        offline_reading(text),
        client=make_llm(redact=True),
        open_invoices=OPEN_INVOICES,
        today=TODAY,
        contact_names=["Marie Dupont"],
    )
    assert outcome.outcome == "ok"
    received = json.dumps(fake_api.requests[0].body, ensure_ascii=False)
    for secret in ("Marie", "Dupont", "marie.dupont@", "12 34 56 78", "FR76", "3000 6000"):
        assert secret not in received
    for placeholder in ("[NAME_1]", "[EMAIL_1]", "[PHONE_1]", "[IBAN_1]"):
        assert placeholder in received
    assert "PO-4471" in received  # the facts the reading needs stay
    assert outcome.understanding.customer_text == text  # the reading keeps the real words


@requires_sdk
def test_without_redaction_the_stripped_reply_goes_as_it_is(fake_api, make_llm):
    text = "Marie Dupont here, we pay PO-4471 on Friday. marie@client.example"
    fake_api.push(tool_answer("record_reply", answer(quotes=[])))
    understand_with_llm(
        offline_reading(text),
        client=make_llm(redact=False),
        open_invoices=OPEN_INVOICES,
        today=TODAY,
        contact_names=["Marie Dupont"],
    )
    assert text in fake_api.requests[0].body["messages"][0]["content"][1]["text"]
