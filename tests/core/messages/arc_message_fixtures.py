"""One realistic account and its message facts, shared by the facts and guard tests.

Company currency EUR; the customer's local day is Wednesday 2025-03-12.
"""

from __future__ import annotations

from datetime import date

from arc_policy_builders import NOW, Promise, Settlement, contact, policy, snapshot

from ar_collections_core.ledger import CREDIT_NOTE, Receivable
from ar_collections_core.messages import build_facts
from ar_collections_core.policy import decide

PAY_LINK = "https://pay.example.com/my/invoices?token=abc123"


def account(**kwargs):
    receivables = (
        Receivable(
            12,
            "INV/2025/0012",
            date(2025, 1, 10),
            date(2025, 2, 9),
            1234.56,
            1234.56,
            ref="PO-4471",
        ),
        Receivable(
            19,
            "INV/2025/0019",
            date(2025, 1, 20),
            date(2025, 2, 19),
            800.0,
            500.0,
            settlements=(Settlement(date(2025, 3, 5), 300.0),),
        ),
        Receivable(
            23,
            "INV/2025/0023",
            date(2025, 2, 1),
            date(2025, 3, 3),
            920.0,
            920.0,
            currency="USD",
            amount_currency=1000.0,
            residual_currency=1000.0,
            ref="4500012345",
        ),
        Receivable(
            30,
            "INV/2025/0030",
            date(2025, 2, 5),
            date(2025, 3, 7),
            400.0,
            400.0,
        ),
        Receivable(
            31,
            "INV/2025/0031",
            date(2025, 3, 1),
            date(2025, 3, 31),
            250.0,
            250.0,
        ),
        Receivable(
            3,
            "RINV/2025/0003",
            date(2025, 2, 20),
            date(2025, 2, 20),
            -150.0,
            -150.0,
            kind=CREDIT_NOTE,
        ),
        Receivable(  # paid long ago: no figure of it belongs in the message
            5,
            "INV/2024/0005",
            date(2024, 11, 1),
            date(2024, 12, 1),
            777.0,
            0.0,
            settlements=(Settlement(date(2024, 12, 20), 777.0),),
        ),
    )
    kwargs.setdefault("promises", (Promise("P7", (30,), 400.0, date(2025, 3, 20)),))
    kwargs.setdefault("contacts", (contact(0, at=NOW.replace(day=1), tone="friendly"),))
    return snapshot(*receivables, **kwargs)


def decision_and_facts(lang="en", **kwargs):
    snap = account(lang=lang, **kwargs)
    decision = decide(snap, policy(), NOW)
    facts = build_facts(snap, decision, company_currency="EUR", pay_link=PAY_LINK)
    return snap, decision, facts
