"""One customer's open invoices, an unsure offline reading, message facts, and the
answers a model could give about them.

The message date is Wednesday 2025-03-12. Open: INV/2025/0012 (ref PO-4471)
1,234.56 EUR due 2025-02-09; INV/2025/0019 500.00 EUR (of 800.00) due 2025-02-19;
INV/2025/0023 (ref 4500012345) 1,000.00 USD due 2025-03-03.
"""

from __future__ import annotations

from datetime import date

from ar_collections_core.messages import InvoiceFact, MessageFacts, TotalFact
from ar_collections_core.replies.types import OpenInvoice, Understanding

TODAY = date(2025, 3, 12)
PAY_LINK = "https://pay.example.com/my/invoices?token=abc123"
OPEN_INVOICES = (
    OpenInvoice("INV/2025/0012", 1234.56, "EUR", date(2025, 2, 9), "PO-4471"),
    OpenInvoice("INV/2025/0019", 500.0, "EUR", date(2025, 2, 19)),
    OpenInvoice("INV/2025/0023", 1000.0, "USD", date(2025, 3, 3), "4500012345"),
)
TOTAL_EUR = 1734.56


def offline_reading(text: str, **kwargs) -> Understanding:
    """What the offline engine made of ``text``: unsure by default."""
    values = {
        "intent": "other",
        "intents": ("other",),
        "confidence": 0.3,
        "engine": "offline",
        "customer_text": text,
        "language": "en",
    }
    values.update(kwargs)
    return Understanding(**values)


def answer(**overrides) -> dict:
    """A well-formed record_reply input: a promise to pay INV/2025/0012 on Friday."""
    data = {
        "intent": "promise_to_pay",
        "intents": ["promise_to_pay"],
        "invoices": ["INV/2025/0012"],
        "intent_invoices": [{"intent": "promise_to_pay", "invoices": ["INV/2025/0012"]}],
        "promised_date": "2025-03-14",
        "return_date": None,
        "amount": 1234.56,
        "currency": "EUR",
        "reason": None,
        "new_contact": None,
        "quotes": [{"intent": "promise_to_pay", "text": "we will pay PO-4471 on Friday"}],
        "confidence": 0.9,
    }
    data.update(overrides)
    return data


PROMISE_TEXT = "Hello, we will pay PO-4471 on Friday. Regards, Marie Dupont"


def message_facts(**overrides) -> MessageFacts:
    values = {
        "customer_key": 7,
        "lang": "en",
        "tone": "neutral",
        "kind": "reminder",
        "channel": "email",
        "today": TODAY,
        "company_currency": "EUR",
        "invoices": (
            InvoiceFact(
                12,
                "INV/2025/0012",
                "PO-4471",
                date(2025, 1, 10),
                date(2025, 2, 9),
                1234.56,
                1234.56,
                "EUR",
                1234.56,
                31,
            ),
            InvoiceFact(
                19,
                "INV/2025/0019",
                "",
                date(2025, 1, 20),
                date(2025, 2, 19),
                800.0,
                500.0,
                "EUR",
                500.0,
                21,
            ),
        ),
        "payments_since_last": (),
        "promises": (),
        "credit_notes": (),
        "totals": (TotalFact("EUR", TOTAL_EUR, 0.0, TOTAL_EUR),),
        "pay_link": PAY_LINK,
        "allowed_offers": (),
    }
    values.update(overrides)
    return MessageFacts(**values)


GOOD_BODY = """Dear [CONTACT_NAME],

Our records show two invoices still open:
- INV/2025/0012 (your order PO-4471), due 9 February 2025: EUR 1,234.56
- INV/2025/0019, due 19 February 2025: EUR 500.00 of EUR 800.00

The total due is EUR 1,734.56. You can pay online here: [PAY_LINK]

If you have already paid, thank you, and please ignore this message.

Kind regards,
[SENDER_NAME]"""
GOOD_SUBJECT = "Open invoices INV/2025/0012 and INV/2025/0019"


def draft(subject: str = GOOD_SUBJECT, body: str = GOOD_BODY) -> dict:
    return {"subject": subject, "body": body}
