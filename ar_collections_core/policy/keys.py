"""Idempotency keys: at most one contact (and one escalation) per customer per local day.

The addon stores the key on the decision record under a unique constraint, so two
runs at once, or a rerun after a crash, cannot produce a second message that day.
"""

from __future__ import annotations

from datetime import date

CONTACT = "contact"
ESCALATION = "escalation"
# Every way of reaching the customer shares one key: an SMS and an email on the same
# day are two contacts.
_KIND_ALIASES = {
    "contact": CONTACT,
    "remind": CONTACT,
    "reminder": CONTACT,
    "statement": CONTACT,
    "email": CONTACT,
    "sms": CONTACT,
    "letter": CONTACT,
    "phone": CONTACT,
    "escalate": ESCALATION,
    "escalation": ESCALATION,
}


def key_kind(kind: str) -> str:
    """The key family of an action, channel or kind ("remind" -> "contact")."""
    try:
        return _KIND_ALIASES[kind]
    except KeyError:
        raise ValueError(f"no idempotency kind for {kind!r}") from None


def idempotency_key(customer_key: int | str, local_date: date, kind: str) -> str:
    """``ar-collections/<kind>/<YYYY-MM-DD>/<customer>``, the customer's local date.

    ``kind`` may be an action, a channel or a family; reminders and statements share
    the ``contact`` family. The customer key comes last, so any text is unambiguous.
    """
    if not isinstance(local_date, date):
        raise TypeError("local_date must be a date")
    customer = str(customer_key).strip()
    if not customer:
        raise ValueError("customer_key is empty")
    return f"ar-collections/{key_kind(kind)}/{local_date.isoformat()}/{customer}"
