"""Reading the check-in cadence from templates and from the seller's start email."""

from __future__ import annotations

from datetime import time

import pytest
from pydantic import ValidationError

from mutualplan.calendar.checkin import Cadence, Weekday, parse_cadence


@pytest.mark.parametrize(
    ("text", "weekday", "start", "minutes", "zone"),
    [
        ("Tuesdays 10:00 Europe/Berlin", "TU", time(10, 0), 30, "Europe/Berlin"),
        ("Check-in: Tuesdays 10:00 Europe/Berlin", "TU", time(10, 0), 30, "Europe/Berlin"),
        ("weekly on Tuesday at 10:00 for 30 minutes", "TU", time(10, 0), 30, "UTC"),
        ("Thu 16:30 America/New_York 45 min", "TH", time(16, 30), 45, "America/New_York"),
        ("every Monday 9am europe/london 1 hour", "MO", time(9, 0), 60, "Europe/London"),
        ("Fridays at 4:15 pm Asia/Kolkata for 25 mins", "FR", time(16, 15), 25, "Asia/Kolkata"),
        ("wed 08.30 UTC 1.5 hours", "WE", time(8, 30), 90, "UTC"),
        (
            "Sunday 23:45 America/Argentina/Buenos_Aires",
            "SU",
            time(23, 45),
            30,
            "America/Argentina/Buenos_Aires",
        ),
    ],
)
def test_reads_cadences(text: str, weekday: Weekday, start: time, minutes: int, zone: str) -> None:
    cadence = parse_cadence(text)
    assert cadence == Cadence(weekday=weekday, start=start, duration_minutes=minutes, timezone=zone)


def test_a_cadence_without_zone_is_in_the_default_zone() -> None:
    cadence = parse_cadence("weekly on Tuesday at 10:00", default_timezone="Europe/Berlin")
    assert cadence is not None
    assert cadence.timezone == "Europe/Berlin"
    assert cadence.zone.key == "Europe/Berlin"
    assert cadence.weekday_index == 1


@pytest.mark.parametrize(
    "text",
    [
        "Tuesdays 10:00 Europe/Berlinn",  # unknown zone
        "Tuesdays 10:00 Mars/Olympus_Mons",
        "Tuesdays 10:00 Europe/Berlin America/New_York",  # two zones
        "Tuesdays and Thursdays 10:00 Europe/Berlin",  # two weekdays
        "every other Tuesday 10:00 Europe/Berlin",  # not weekly
        "biweekly on Tuesday at 10:00",
        "monthly, Tuesday 10:00",
        "Tuesdays Europe/Berlin",  # no time
        "10:00 Europe/Berlin",  # no weekday
        "Tuesdays 25:00 Europe/Berlin",
        "Tuesdays 13:00pm",
        "Tuesdays 10:00 for 2 minutes",  # too short
        "Tuesdays 10:00 for 9 hours",  # too long
        "",
        "\x00\x1b[31m garbage",
    ],
)
def test_refuses_what_it_cannot_read_with_certainty(text: str) -> None:
    assert parse_cadence(text) is None


def test_unknown_default_zone_gives_none() -> None:
    assert parse_cadence("Tuesdays 10:00", default_timezone="Nowhere/City") is None


def test_cadence_validates_its_fields() -> None:
    with pytest.raises(ValidationError):
        Cadence(weekday="TU", start=time(10), timezone="Europe/Nowhere")
    with pytest.raises(ValidationError):
        Cadence(weekday="XX", start=time(10), timezone="UTC")
    assert Cadence(weekday="TU", start=time(10, 0, 59), timezone="utc").timezone == "UTC"
    assert Cadence(weekday="TU", start=time(10, 0, 59), timezone="UTC").start == time(10)
