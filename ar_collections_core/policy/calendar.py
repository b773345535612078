"""The sending window in the customer's timezone: allowed hours and weekdays.

Everything returned is an aware UTC datetime. Wall-clock hours are read in the
customer's zone for each calendar day, so daylight-saving changes move the UTC
instant, never the local hour (a window hour that does not exist on a spring-forward
day maps to the first instant after the jump).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from .settings import CollectionPolicy

SEARCH_DAYS = 400  # enough to find an allowed day whatever the weekdays and dates avoided


def local_instant(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of ``hour``:00 local time on ``day`` (24 means the next midnight)."""
    if hour >= 24:
        day, hour = day + timedelta(days=1), 0
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(timezone.utc)


def day_start(day: date, tz: ZoneInfo) -> datetime:
    return local_instant(day, 0, tz)


def window_of(day: date, tz: ZoneInfo, policy: CollectionPolicy) -> tuple[datetime, datetime]:
    return (
        local_instant(day, policy.send_hour_start, tz),
        local_instant(day, policy.send_hour_end, tz),
    )


def in_window(moment: datetime, tz: ZoneInfo, policy: CollectionPolicy) -> bool:
    day = moment.astimezone(tz).date()
    if day.weekday() not in policy.send_weekdays:
        return False
    start, end = window_of(day, tz, policy)
    return start <= moment < end


def next_slot(
    earliest: datetime,
    tz: ZoneInfo,
    policy: CollectionPolicy,
    avoid_days: Collection[date] = (),
) -> datetime:
    """The first instant at or after ``earliest`` inside the window, on an allowed
    weekday, on a local day not in ``avoid_days``."""
    earliest = earliest.astimezone(timezone.utc)
    first_day = earliest.astimezone(tz).date()
    for offset in range(SEARCH_DAYS):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in policy.send_weekdays or day in avoid_days:
            continue
        start, end = window_of(day, tz, policy)
        if earliest < end:
            return max(earliest, start)
    raise ValueError("no sending slot within a year: check the weekdays and the window")


def slot_on_or_after(day: date, tz: ZoneInfo, policy: CollectionPolicy, **kwargs) -> datetime:
    """The first sending slot on local ``day`` or later."""
    return next_slot(day_start(day, tz), tz, policy, **kwargs)
