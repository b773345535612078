"""Sending window, weekdays and daylight-saving time, with customers in two timezones;
caps and minimum gap across days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from arc_policy_builders import PUNCTUAL, at, contact, invoice, policy, snapshot

from ar_collections_core.policy import decide
from ar_collections_core.policy.calendar import in_window, next_slot

UTC = timezone.utc
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def _decide_at(now: datetime, tz: str, **overrides):
    today = now.astimezone(ZoneInfo(tz)).date()
    snap = snapshot(invoice(1, overdue=10, today=today), timezone=tz)
    return decide(snap, policy(**overrides), now)


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


@pytest.mark.parametrize(
    "now, tz, expected_utc",
    [
        # Monday 2025-03-10 06:00 UTC: 07:00 in Paris (CET), 02:00 in New York (EDT since
        # the 9th): both wait for their own 08:00.
        (datetime(2025, 3, 10, 6, 0, tzinfo=UTC), "Europe/Paris", datetime(2025, 3, 10, 7, 0)),
        (datetime(2025, 3, 10, 6, 0, tzinfo=UTC), "America/New_York", datetime(2025, 3, 10, 12, 0)),
        # The Friday before US DST: New York is UTC-5, so 08:00 is 13:00 UTC.
        (datetime(2025, 3, 7, 6, 0, tzinfo=UTC), "America/New_York", datetime(2025, 3, 7, 13, 0)),
        # Inside both windows: now.
        (datetime(2025, 3, 10, 14, 0, tzinfo=UTC), "Europe/Paris", datetime(2025, 3, 10, 14, 0)),
        (
            datetime(2025, 3, 10, 14, 0, tzinfo=UTC),
            "America/New_York",
            datetime(2025, 3, 10, 14, 0),
        ),
        # Friday 2025-03-28 19:00 UTC = 20:00 in Paris, after the window: next is Monday
        # the 31st, after Europe's switch to summer time, 08:00 CEST = 06:00 UTC.
        (datetime(2025, 3, 28, 19, 0, tzinfo=UTC), "Europe/Paris", datetime(2025, 3, 31, 6, 0)),
        # Same instant in New York is 15:00 on Friday: inside the window.
        (
            datetime(2025, 3, 28, 19, 0, tzinfo=UTC),
            "America/New_York",
            datetime(2025, 3, 28, 19, 0),
        ),
        # Autumn: Paris leaves summer time on Sunday 2025-10-26; Monday 08:00 CET = 07:00 UTC.
        (datetime(2025, 10, 24, 17, 0, tzinfo=UTC), "Europe/Paris", datetime(2025, 10, 27, 7, 0)),
        # New York leaves summer time on 2025-11-02; Monday 08:00 EST = 13:00 UTC.
        (
            datetime(2025, 11, 1, 12, 0, tzinfo=UTC),
            "America/New_York",
            datetime(2025, 11, 3, 13, 0),
        ),
    ],
)
def test_not_before_in_the_customers_window(now, tz, expected_utc):
    decision = _decide_at(now, tz)
    assert decision.action == "remind"
    assert decision.not_before == expected_utc.replace(tzinfo=UTC)
    local_time = local(decision.not_before, ZoneInfo(tz))
    assert 8 <= local_time.hour < 18 and local_time.weekday() < 5


def test_window_end_is_exclusive():
    pol = policy()
    assert in_window(datetime(2025, 3, 10, 16, 59, tzinfo=UTC), PARIS, pol)  # 17:59 CET
    assert not in_window(datetime(2025, 3, 10, 17, 0, tzinfo=UTC), PARIS, pol)  # 18:00 CET


def test_outside_window_is_reported():
    decision = _decide_at(datetime(2025, 3, 10, 6, 0, tzinfo=UTC), "America/New_York")
    assert "outside_window" in decision.codes


def test_weekend_days_are_skipped_unless_allowed():
    saturday = datetime(2025, 3, 15, 10, 0, tzinfo=UTC)
    assert _decide_at(saturday, "UTC").not_before == datetime(2025, 3, 17, 8, 0, tzinfo=UTC)
    every_day = _decide_at(saturday, "UTC", send_weekdays=(0, 1, 2, 3, 4, 5, 6))
    assert every_day.not_before == saturday


def test_window_hour_missing_on_spring_forward_day():
    # 02:00 does not exist in Paris on 2025-03-30: the first instant after the jump.
    pol = policy(send_hour_start=2, send_hour_end=20, send_weekdays=tuple(range(7)))
    slot = next_slot(datetime(2025, 3, 29, 20, 0, tzinfo=UTC), PARIS, pol)
    assert slot == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)
    assert local(slot, PARIS).hour == 3


def test_window_hour_repeated_on_fall_back_day():
    pol = policy(send_hour_start=2, send_hour_end=20, send_weekdays=tuple(range(7)))
    slot = next_slot(datetime(2025, 10, 25, 20, 0, tzinfo=UTC), PARIS, pol)
    assert slot == datetime(2025, 10, 26, 0, 0, tzinfo=UTC)  # the first 02:00 (CEST)


def test_window_until_midnight():
    pol = policy(send_hour_start=20, send_hour_end=24)
    assert in_window(datetime(2025, 3, 10, 22, 59, tzinfo=UTC), PARIS, pol)  # 23:59
    assert not in_window(datetime(2025, 3, 10, 23, 0, tzinfo=UTC), PARIS, pol)  # 00:00 Tue


def test_local_day_decides_same_day_rule_across_timezones():
    # 23:30 UTC on Tuesday is already Wednesday in Paris but still Tuesday in New York.
    sent = datetime(2025, 3, 11, 23, 30, tzinfo=UTC)
    now = datetime(2025, 3, 12, 14, 0, tzinfo=UTC)
    for tz, blocked in (("Europe/Paris", True), ("America/New_York", False)):
        snap = snapshot(
            invoice(1, overdue=10),
            timezone=tz,
            contacts=(contact(0, at=sent, kind="confirmation", answered=True),),
        )
        decision = decide(snap, policy(min_days_between_contacts=0), now)
        assert (decision.action == "wait") is blocked, (tz, decision.codes)
        if blocked:
            assert decision.codes[0] == "contacted_today"
            assert local(decision.wait_until, ZoneInfo(tz)).date() == date(2025, 3, 13)


def test_min_gap_counts_local_days():
    last = at("2025-03-07", 16)  # Friday
    big = invoice(1, overdue=20, amount=6000.0)  # not a small balance: the 5-day gap
    snap = snapshot(big, contacts=(contact(0, at=last, tone="friendly"),))
    decision = decide(snap, policy(), at("2025-03-10", 9))
    assert decision.action == "wait" and decision.codes[0] == "min_gap"
    assert decision.wait_until == datetime(2025, 3, 12, 8, 0, tzinfo=UTC)
    later = decide(snap, policy(), at("2025-03-12", 9))
    assert later.action == "remind"


def test_small_balance_waits_longer_between_reminders():
    last = at("2025-03-07", 16)  # Friday
    small = invoice(1, overdue=20, amount=800.0)
    snap = snapshot(small, contacts=(contact(0, at=last, tone="friendly"),))
    decision = decide(snap, policy(), at("2025-03-12", 9))
    assert decision.action == "wait" and decision.codes[0] == "min_gap"
    assert decision.reasons[0].data["days"] == 10
    assert decision.wait_until == datetime(2025, 3, 17, 8, 0, tzinfo=UTC)
    assert decide(snap, policy(small_balance=500), at("2025-03-12", 9)).action == "remind"
    # the admin's own gap stays the unit: 2 days, doubled for a small balance
    two = decide(snap, policy(min_days_between_contacts=2), at("2025-03-10", 9))
    assert two.codes[0] == "min_gap" and two.reasons[0].data["days"] == 4
    assert decide(snap, policy(min_days_between_contacts=2), at("2025-03-11", 9)).action == (
        "remind"
    )
    with pytest.raises(ValueError, match="small_balance_gap_factor"):
        policy(small_balance_gap_factor=0.5)


def test_caps_lift_as_contacts_age():
    contacts = (
        contact(0, at=at("2025-03-03"), tone="friendly"),
        contact(0, at=at("2025-03-06"), tone="friendly"),
    )
    snap = snapshot(invoice(1, overdue=20), contacts=contacts)
    pol = policy(min_days_between_contacts=1, small_balance=0)
    blocked = decide(snap, pol, at("2025-03-09", 9))
    assert blocked.codes[0] == "cap_7d"
    assert blocked.wait_until == at("2025-03-10", 10)  # the 3 March contact leaves the week
    assert decide(snap, pol, at("2025-03-10", 11)).action == "remind"


def test_every_binding_limit_is_reported_and_the_latest_wins():
    contacts = tuple(contact(d, tone="friendly") for d in (6, 2))
    snap = snapshot(invoice(1, overdue=20, amount=6000.0), contacts=contacts)
    decision = decide(snap, policy(), at("2025-03-12", 10))
    assert {"cap_7d", "min_gap"} <= set(decision.codes)
    assert decision.wait_until == datetime(2025, 3, 17, 8, 0, tzinfo=UTC)  # 10th + 5 = Sat -> Mon
    planned = decision.reasons[0].data["planned"]
    assert planned == {"action": "remind", "tone": "neutral", "channel": "email"}


def test_wait_until_lands_in_the_window_of_the_customer():
    now = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
    snap = snapshot(
        invoice(1, overdue=2, today=now.date()), timezone="America/New_York", profile=PUNCTUAL
    )
    decision = decide(snap, policy(), now)
    assert decision.action == "wait"
    assert local(decision.wait_until, NEW_YORK) == datetime(2025, 3, 13, 8, 0, tzinfo=NEW_YORK)


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        decide(snapshot(invoice(1, overdue=5)), policy(), datetime(2025, 3, 12, 10, 0))


def test_decisions_hold_utc_whatever_now_zone():
    now = datetime(2025, 3, 12, 11, 0, tzinfo=PARIS)
    decision = decide(snapshot(invoice(1, overdue=10)), policy(), now)
    assert decision.decided_at.utcoffset() == timedelta(0)
    assert decision.not_before.utcoffset() == timedelta(0)
