"""A second, independent parser: Mozilla's ical.js (Thunderbird's) must read our invites.

Needs Node.js and `npm ci --prefix tests/js`; without them these tests fail, on purpose.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from email.utils import parseaddr
from typing import Any

import pytest

from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.invites import build_invite, first_occurrence
from mutualplan.models import CheckIn, Plan
from tests.support.invites import DTSTAMP, ORGANIZER, UID, make_plan, read_with_ical_js


def invite(plan: Plan, cadence: Cadence, **changes: Any) -> bytes:
    name, address = parseaddr(changes.pop("organizer", ORGANIZER))
    series = changes.pop("series", None) or CheckIn(
        cadence=cadence, sequence=changes.pop("sequence", 0)
    )
    arguments: dict[str, Any] = {
        "series": series, "organizer": address, "organizer_name": name,
        "attendees": plan.stakeholders, "method": "REQUEST", "dtstamp": DTSTAMP, "uid": UID,
    }  # fmt: skip
    arguments.update(changes)
    return build_invite(plan, **arguments)


def test_ical_js_reads_the_event(plan: Plan, cadence: Cadence) -> None:
    seen = read_with_ical_js(invite(plan, cadence, sequence=2))
    assert seen["method"] == "REQUEST"
    assert seen["summary"] == "Acme Corp: mutual action plan check-in"
    assert seen["uid"] == UID
    assert seen["sequence"] == 2
    assert seen["status"] == "CONFIRMED"
    assert seen["organizer"] == "mailto:plans+abcdefghij-0-0-aaaaaaaaaaaaaaaa@plans.example.com"
    assert seen["timezones"] == ["Europe/Berlin"]
    assert seen["start_zone"] == "Europe/Berlin"  # resolved from our VTIMEZONE
    assert seen["start"] == "2026-03-03T09:00:00.000Z"
    assert seen["end"] == "2026-03-03T09:30:00.000Z"


def test_ical_js_reads_the_recurrence_across_dst(plan: Plan, cadence: Cadence) -> None:
    seen = read_with_ical_js(invite(plan, cadence))
    assert seen["rrule"] == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260414T215959Z"
    assert seen["occurrences"] == [
        "2026-03-03T09:00:00.000Z",
        "2026-03-10T09:00:00.000Z",
        "2026-03-17T09:00:00.000Z",
        "2026-03-24T09:00:00.000Z",
        "2026-03-31T08:00:00.000Z",  # 10:00 CEST, computed from the VTIMEZONE's rules
    ]
    assert seen["occurrence_count"] == 7  # 3 March to 14 April


def test_ical_js_reads_the_attendees(plan: Plan, cadence: Cadence) -> None:
    seen = read_with_ical_js(invite(plan, cadence))
    assert seen["attendees"] == [
        {"email": s.email, "cn": s.display, "role": role, "partstat": "NEEDS-ACTION",
         "rsvp": "TRUE"}
        for s, role in zip(
            plan.stakeholders,
            ["REQ-PARTICIPANT", "REQ-PARTICIPANT", "REQ-PARTICIPANT", "OPT-PARTICIPANT",
             "OPT-PARTICIPANT"],
            strict=True,
        )
    ]  # fmt: skip


def test_ical_js_reads_a_cancel(plan: Plan, cadence: Cadence) -> None:
    removed = plan.stakeholders[3]
    seen = read_with_ical_js(
        invite(plan, cadence, method="CANCEL", attendees=[removed], sequence=5)
    )
    assert seen["method"] == "CANCEL"
    assert seen["status"] == "CANCELLED"
    assert seen["sequence"] == 5
    assert [a["email"] for a in seen["attendees"]] == ["ian@buyer.example"]


@pytest.mark.parametrize(
    ("zone", "weekday", "created"),
    [
        ("America/New_York", "TH", datetime(2026, 2, 20, tzinfo=UTC)),  # EDT from 8 March
        ("Australia/Sydney", "MO", datetime(2026, 3, 20, tzinfo=UTC)),  # AEST from 5 April
        ("Europe/London", "WE", datetime(2026, 3, 10, tzinfo=UTC)),  # BST from 29 March
        ("Africa/Casablanca", "TU", datetime(2026, 3, 5, tzinfo=UTC)),  # RDATEs: after Ramadan
    ],
)
def test_ical_js_agrees_with_the_tz_database(zone: str, weekday: str, created: datetime) -> None:
    cadence = Cadence(weekday=weekday, start=time(16, 30), duration_minutes=45, timezone=zone)
    plan = make_plan(created_at=created, go_live=date(2026, 5, 1))
    first = first_occurrence(plan, cadence)
    expected = [first + timedelta(weeks=n) for n in range(5)]  # same wall clock, zoneinfo's offsets
    assert len({e.utcoffset() for e in expected}) == 2, "the five calls span a change"
    seen = read_with_ical_js(invite(plan, cadence))
    assert seen["start_zone"] == zone
    assert seen["occurrences"] == [
        e.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        for e in expected
    ]
