"""A person's request to contact a customer now (e.g. "Send Statement Now").

A person's request sets aside the agent's own judgement (tone, timing, caps, the
payer's habits) but not what the customer asked for or the law requires: a legal or
insolvency hold, an opt-out, a blacklisted address, a hold until a date the customer
gave. Lifting one of those is a deliberate step on the customer, not a click on a case.
"""

from __future__ import annotations

from datetime import date

from .decision import Reason, reason


def manual_contact_refusals(
    *,
    today: date,
    legal_hold: bool = False,
    opted_out: bool = False,
    blacklisted: bool = False,
    snoozed_until: date | None = None,
) -> tuple[Reason, ...]:
    """Why a person's request to email the customer now must be refused (empty: it may
    go, once a day as any contact)."""
    refusals = []
    if legal_hold:
        refusals.append(reason("manual_legal_hold"))
    if opted_out:
        refusals.append(reason("manual_opted_out"))
    if blacklisted:
        refusals.append(reason("manual_blacklisted"))
    if snoozed_until is not None and snoozed_until > today:
        refusals.append(reason("manual_snoozed", until=snoozed_until))
    return tuple(refusals)
