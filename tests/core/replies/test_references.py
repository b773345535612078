"""References resolve only to open invoices, never to phones, IBANs or amounts."""

from reply_helpers import INVOICES

from ar_collections_core.replies.references import InvoiceMatcher
from ar_collections_core.replies.types import OpenInvoice


def numbers(text, invoices=INVOICES):
    references, _masked = InvoiceMatcher(invoices).find(text)
    return sorted({reference.number for reference in references})


def test_full_numbers_with_other_separators_and_without_zeros():
    assert numbers("INV/2025/00123") == ["INV/2025/00123"]
    assert numbers("inv 2025-123 and INV2025/00140") == ["INV/2025/00123", "INV/2025/00140"]


def test_short_forms():
    assert numbers("we'll pay 00123 on Friday but 00140 is wrong") == [
        "INV/2025/00123", "INV/2025/00140"]  # fmt: skip
    assert numbers("invoice 219 is paid") == ["INV/2025/00219"]
    assert numbers("invoices 123, 140 and 219") == [i.number for i in INVOICES]
    assert numbers("INV 2025/123 and 140") == ["INV/2025/00123", "INV/2025/00140"]


def test_customer_reference_or_po():
    assert numbers("our PO-4471 is approved") == ["INV/2025/00123"]
    assert numbers("po 4471") == ["INV/2025/00123"]


def test_bare_numbers_without_keyword_or_padding_do_not_match():
    assert numbers("we have 123 items and 140 boxes") == []


def test_phone_iban_amount_and_date_never_match():
    invoices = [OpenInvoice("INV-0012", 10.0), OpenInvoice("FAC-2025-0123", 20.0)]
    assert numbers("call me on +44 20 7946 0123 or 0612300123", invoices) == []
    assert numbers("IBAN DE89 3704 0044 0532 0130 00", invoices) == []
    assert numbers("we paid 123,00 EUR on 01.12.2025", invoices) == []
    assert numbers("mail me at inv0123@customer.example", invoices) == []


def test_only_open_invoices_are_named():
    assert numbers("invoice INV/2025/00999 is paid") == []


def test_ambiguous_short_form_is_left_alone():
    invoices = [OpenInvoice("INV/2024/00123", 1.0), OpenInvoice("INV/2025/00123", 1.0)]
    assert numbers("invoice 123", invoices) == []
    assert numbers("invoice 2025/123", invoices) == ["INV/2025/00123"]
