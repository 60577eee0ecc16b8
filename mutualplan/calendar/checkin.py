"""The check-in cadence: which weekday, what time, how long, in which time zone.

Templates state a cadence in words and the seller's start email may override it
(`Check-in: Tuesdays 10:00 Europe/Berlin`). `parse_cadence` reads such a line and answers None for
anything it cannot read with certainty (no weekday, no time, an unknown time zone, more than one
weekday, a rhythm other than weekly), so a typo never books a call at the wrong hour.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator

Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

WEEKDAYS: tuple[Weekday, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_DAY_WORDS: dict[str, Weekday] = {
    "mon": "MO", "monday": "MO",
    "tue": "TU", "tues": "TU", "tuesday": "TU",
    "wed": "WE", "weds": "WE", "wednesday": "WE",
    "thu": "TH", "thur": "TH", "thurs": "TH", "thursday": "TH",
    "fri": "FR", "friday": "FR",
    "sat": "SA", "saturday": "SA",
    "sun": "SU", "sunday": "SU",
}  # fmt: skip
_DAY = re.compile(r"\b(" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")s?\b", re.I)
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s*([ap])\.?m\b\.?)?(?![\d:])", re.I)
_HOUR_ONLY = re.compile(r"\b(1[0-2]|0?[1-9])\s*([ap])\.?m\b\.?", re.I)
_MINUTES = re.compile(r"\b(\d{1,3})\s*(?:min|mins|minute|minutes)\b", re.I)
_HOURS = re.compile(r"\b(\d(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)\b", re.I)
_ZONE = re.compile(r"(?<![\w/])([A-Za-z][\w+-]*(?:/[\w+-]+)+|UTC|GMT)(?![\w/])")
_NOT_WEEKLY = re.compile(
    r"\b(daily|monthly|biweekly|fortnightly|every\s+(?:other|second|\d+)|bi-weekly)\b", re.I
)


class Cadence(BaseModel):
    """A weekly call: weekday as an RFC 5545 code, local start time, minutes, IANA zone name."""

    model_config = ConfigDict(frozen=True)

    weekday: Weekday
    start: time
    duration_minutes: int = Field(default=30, ge=5, le=480)
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        canonical = canonical_zone(name)
        if canonical is None:
            raise ValueError(f"unknown IANA time zone {name!r}")
        return canonical

    @field_validator("start")
    @classmethod
    def _wall_clock(cls, start: time) -> time:
        return start.replace(tzinfo=None, second=0, microsecond=0)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def weekday_index(self) -> int:
        """Monday is 0, as `date.weekday()` counts."""
        return WEEKDAYS.index(self.weekday)


def parse_cadence(text: str, *, default_timezone: str = "UTC") -> Cadence | None:
    """Read a cadence such as "Tuesdays 10:00 Europe/Berlin" or "Thu 16:30 America/New_York 45 min".

    Without a zone in the text the cadence is in `default_timezone` (pass the seller's zone).
    Without a duration it lasts 30 minutes.
    """
    if _NOT_WEEKLY.search(text):
        return None
    weekday = _one_weekday(text)
    start = _start_time(text)
    zone = _zone(text, default_timezone)
    minutes = _duration_minutes(text)
    if weekday is None or start is None or zone is None or minutes is None:
        return None
    return Cadence(weekday=weekday, start=start, duration_minutes=minutes, timezone=zone)


@lru_cache(maxsize=1)
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def canonical_zone(name: str) -> str | None:
    """The IANA spelling of a zone name given in any case, or None when there is no such zone."""
    return _zones_by_lower_name().get(name.strip().lower())


def _one_weekday(text: str) -> Weekday | None:
    days = {_DAY_WORDS[match.group(1).lower()] for match in _DAY.finditer(text)}
    return days.pop() if len(days) == 1 else None


def parse_clock(text: str) -> time | None:
    """The first time of day in `text`: '10:00', '3.30pm', '3 pm'; None without one."""
    return _start_time(text)


def _start_time(text: str) -> time | None:
    match = _CLOCK.search(text)
    if match is not None:
        return _clock(int(match.group(1)), int(match.group(2)), match.group(3))
    match = _HOUR_ONLY.search(text)
    if match is not None:
        return _clock(int(match.group(1)), 0, match.group(2))
    return None


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    if meridiem is None:
        return time(hour, minute)
    if not 1 <= hour <= 12:
        return None
    return time(hour % 12 + (12 if meridiem.lower() == "p" else 0), minute)


def _zone(text: str, default: str) -> str | None:
    names = [match.group(1) for match in _ZONE.finditer(text)]
    if len(names) > 1:
        return None
    return canonical_zone(names[0] if names else default)


def _duration_minutes(text: str) -> int | None:
    minutes = _MINUTES.search(text)
    hours = _HOURS.search(text)
    if minutes is None and hours is None:
        return 30
    total = int(minutes.group(1)) if minutes else 0
    total += round(float(hours.group(1)) * 60) if hours else 0
    return total if 5 <= total <= 480 else None


_DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
              "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}  # fmt: skip


def describe_cadence(cadence: Cadence) -> str:
    """'Tuesdays 10:00-10:30 (Europe/Berlin)', the way a person says it."""
    start = datetime.combine(date(2000, 1, 3), cadence.start)
    end = (start + timedelta(minutes=cadence.duration_minutes)).time()
    day = _DAY_NAMES[cadence.weekday]
    return f"{day}s {cadence.start:%H:%M}\u2013{end:%H:%M} ({cadence.timezone})"


_MEETING_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f\u2028\u2029]{3,500}", re.I)


def read_meeting_link(text: str) -> str | None:
    """The meeting URL in `text` ('https://meet.example.com/abc', '<https://...>'); None for
    anything else: the link goes into invites as is, so only http(s) and no spaces or quotes."""
    candidate = text.strip().strip("<>").strip().rstrip(".,;)")
    match = _MEETING_URL.fullmatch(candidate)
    return match.group(0) if match else None
