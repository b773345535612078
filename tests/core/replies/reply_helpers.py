"""Small builders for raw test mails."""

from __future__ import annotations

from datetime import date

from ar_collections_core.replies import OpenInvoice, understand

TODAY = date(2025, 11, 26)  # a Wednesday
INVOICES = (
    OpenInvoice("INV/2025/00123", 1250.0, "EUR", ref="PO-4471"),
    OpenInvoice("INV/2025/00140", 380.5, "EUR"),
    OpenInvoice("INV/2025/00219", 2100.0, "EUR"),
)


def raw(
    body: str,
    subject: str = "Re: Payment reminder",
    headers: str = "",
    ctype: str = "text/plain; charset=utf-8",
) -> str:
    return (
        "From: Customer <ap@customer.example>\n"
        "To: ar@acme.example\n"
        f"Subject: {subject}\n"
        "Date: Wed, 26 Nov 2025 10:00:00 +0000\n"
        f"{headers}"
        "MIME-Version: 1.0\n"
        f"Content-Type: {ctype}\n\n"
        f"{body}"
    )


def read(body: str, *, today=TODAY, lang="en_GB", invoices=INVOICES, **kwargs):
    return understand(raw(body, **kwargs), today=today, partner_lang=lang, open_invoices=invoices)
