"""Amounts in each locale's format, with currency symbols and codes."""

import pytest

from ar_collections_core.replies.amounts import find_amounts, parse_number


@pytest.mark.parametrize(
    ("text", "lang", "value", "currency"),
    [
        ("we will pay 1.234,56 € on Friday", "de", 1234.56, "EUR"),
        ("€1,234.56 sent today", "en", 1234.56, "EUR"),
        ("un virement de 1 234,56 EUR", "fr", 1234.56, "EUR"),
        ("un virement de 1\u202f234,56 €", "fr", 1234.56, "EUR"),
        ("die Rechnung über CHF 1'234.50", "de", 1234.5, "CHF"),
        ("we wired $4,800.00", "en", 4800.0, "USD"),
        ("£380.50 will go out", "en", 380.5, "GBP"),
        ("EUR 2.500", "de", 2500.0, "EUR"),
        ("2,500 euros", "en", 2500.0, "EUR"),
        ("500,- €", "de", 500.0, "EUR"),
        ("we paid 1.500,00 yesterday", "nl", 1500.0, None),
        ("los 420,00 € de la factura", "es", 420.0, "EUR"),
    ],
)
def test_amount_formats(text, lang, value, currency):
    amounts = find_amounts(text, lang)
    assert [(a.value, a.currency) for a in amounts] == [(value, currency)]


@pytest.mark.parametrize(
    "text",
    ["am 15.12 zahlen", "invoice 00123", "call +33 1 23 45 67 89", "in 3 weeks", "20 % VAT"],
)
def test_numbers_that_are_not_money(text):
    assert find_amounts(text, "de") == []


def test_inconsistent_grouping_is_not_a_number():
    assert parse_number("1.23.4", "de") is None
    assert parse_number("12,50", "fr") == 12.5
    assert parse_number("1,234", "en") == 1234.0
