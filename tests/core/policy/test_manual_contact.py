"""A person's "Send Statement Now": what still refuses it, case by case."""

from datetime import date

import pytest

from ar_collections_core.policy import manual_contact_refusals

TODAY = date(2026, 3, 2)

CASES = [
    # flags, the reason codes expected (in order)
    ({}, []),
    ({"legal_hold": True}, ["manual_legal_hold"]),
    ({"opted_out": True}, ["manual_opted_out"]),
    ({"blacklisted": True}, ["manual_blacklisted"]),
    ({"snoozed_until": date(2026, 3, 9)}, ["manual_snoozed"]),
    ({"snoozed_until": TODAY}, []),  # the hold ends today: contact is fine again
    ({"snoozed_until": date(2026, 2, 20)}, []),  # a past hold binds nothing
    (
        {"opted_out": True, "legal_hold": True, "snoozed_until": date(2026, 4, 1)},
        ["manual_legal_hold", "manual_opted_out", "manual_snoozed"],
    ),
]


@pytest.mark.parametrize(("flags", "expected"), CASES)
def test_refusals(flags, expected):
    refusals = manual_contact_refusals(today=TODAY, **flags)
    assert [r.code for r in refusals] == expected


def test_the_snooze_text_names_the_date_and_the_way_out():
    (refusal,) = manual_contact_refusals(today=TODAY, snoozed_until=date(2026, 3, 9))
    assert "2026-03-09" in refusal.text
    assert "clear the snooze" in refusal.text
