"""Invites parsed back with icalendar and checked property by property; the MIME that carries them;
the series expanded with recurring-ical-events across the March daylight-saving change."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.invites import (
    attach_invite,
    build_invite,
    checkin_uid,
    first_occurrence,
    series_until,
)
from mutualplan.models import CheckIn, MilestoneStatus, Plan, Stakeholder
from tests.support.invites import DTSTAMP, ORGANIZER, UID, make_plan

BERLIN = ZoneInfo("Europe/Berlin")


def invite(plan: Plan, cadence: Cadence, **changes: Any) -> bytes:
    """`build_invite` for a plan whose series is `cadence` (and `sequence`, default 0)."""
    name, address = parseaddr(changes.pop("organizer", ORGANIZER))
    series = changes.pop("series", None) or CheckIn(
        cadence=cadence, sequence=changes.pop("sequence", 0)
    )
    arguments: dict[str, Any] = {
        "series": series,
        "organizer": address,
        "organizer_name": name,
        "attendees": plan.stakeholders,
        "method": "REQUEST",
        "dtstamp": DTSTAMP,
        "uid": UID,
    }
    arguments.update(changes)
    return build_invite(plan, **arguments)


def without_organizer(ics: bytes) -> list[bytes]:
    unfolded = ics.replace(b"\r\n ", b"").split(b"\r\n")
    return [line for line in unfolded if not line.startswith(b"ORGANIZER")]


def only_event(ics: bytes) -> Any:
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return event


def attendees_of(event: Any) -> dict[str, Any]:
    found = event.get("ATTENDEE")
    found = found if isinstance(found, list) else [found]
    return {str(a).removeprefix("mailto:"): a.params for a in found}


# --- the calendar, property by property ---------------------------------------------------------


def test_request_calendar_properties(plan: Plan, cadence: Cadence) -> None:
    calendar = Calendar.from_ical(invite(plan, cadence))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//mutualplan//check-in invites//EN"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
    assert calendar.get_missing_tzids() == set()
    assert str(calendar.timezones[0]["TZID"]) == "Europe/Berlin"


def test_request_event_properties(plan: Plan, cadence: Cadence) -> None:
    event = only_event(invite(plan, cadence, sequence=3))
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 3
    assert event["DTSTAMP"].dt == DTSTAMP
    assert event["DTSTAMP"].to_ical() == b"20260302T081500Z"
    assert event["DTSTART"].dt == datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].dt == datetime(2026, 3, 3, 10, 30, tzinfo=BERLIN)
    assert str(event["SUMMARY"]) == "Acme Corp: mutual action plan check-in"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["TRANSP"]) == "OPAQUE"


def test_rrule_is_weekly_until_the_end_of_go_live_day_in_utc(plan: Plan, cadence: Cadence) -> None:
    event = only_event(invite(plan, cadence))
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"] == [datetime(2026, 4, 14, 21, 59, 59, tzinfo=UTC)]  # 23:59:59 CEST
    assert set(rule) == {"FREQ", "BYDAY", "UNTIL"}
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20260414T215959Z;BYDAY=TU" in invite(plan, cadence)


def test_series_runs_to_a_milestone_due_after_go_live(plan: Plan, cadence: Cadence) -> None:
    late = plan.milestones[-1].model_copy(update={"due": date(2026, 5, 5)})
    longer = plan.model_copy(update={"milestones": [*plan.milestones[:-1], late]})
    assert series_until(longer, cadence) == datetime(2026, 5, 5, 21, 59, 59, tzinfo=UTC)


def test_organizer_is_the_token_address(plan: Plan, cadence: Cadence) -> None:
    organizer = only_event(invite(plan, cadence))["ORGANIZER"]
    assert str(organizer) == "mailto:plans+abcdefghij-0-0-aaaaaaaaaaaaaaaa@plans.example.com"
    assert organizer.params["CN"] == "Acme plans"


def test_one_attendee_per_stakeholder_with_role_partstat_rsvp_cn(
    plan: Plan, cadence: Cadence
) -> None:
    people = attendees_of(only_event(invite(plan, cadence)))
    assert list(people) == [s.email for s in plan.stakeholders]
    roles = {email: params["ROLE"] for email, params in people.items()}
    assert roles == {
        "sam@seller.example": "REQ-PARTICIPANT",  # the seller
        "cleo@buyer.example": "REQ-PARTICIPANT",  # Champion
        "eve@buyer.example": "REQ-PARTICIPANT",  # Economic Buyer
        "ian@buyer.example": "OPT-PARTICIPANT",
        "se@seller.example": "OPT-PARTICIPANT",
    }
    for params in people.values():
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "TRUE"
        assert params["CUTYPE"] == "INDIVIDUAL"
    assert people["cleo@buyer.example"]["CN"] == "Cleo Champion"
    assert people["se@seller.example"]["CN"] == "se@seller.example"  # no name: the address


def test_description_says_what_the_call_is_and_holds_nothing_that_changes_daily(
    plan: Plan, cadence: Cadence
) -> None:
    """Steps' dates and states change every day; the invite would then change under one
    SEQUENCE. The description holds the deal, go-live and the link, which change with one."""
    description = str(only_event(invite(plan, cadence))["DESCRIPTION"])
    assert description.splitlines() == [
        "Check-in call of the mutual action plan: Acme Corp",
        "Go-live: Tue 14 Apr 2026",
        "",
        "We go through the plan together: what is done, what is next, what is in the way. "
        "The plan itself, always up to date, is linked from every plan email.",
    ]
    done = [m.model_copy(update={"status": MilestoneStatus.DONE}) for m in plan.milestones]
    assert invite(plan.model_copy(update={"milestones": done}), cadence) == invite(plan, cadence)


def test_text_fields_lose_control_characters(cadence: Cadence) -> None:
    nasty = Stakeholder(
        id=9,
        name='Bob "Tables"\r\nX-Evil: 1\x00\x1b[0m\u202e',
        email="bob@buyer.example",
        side="buyer",
    )
    plan = make_plan(
        deal="Acme\r\nMETHOD:CANCEL\x07", stakeholders=[*make_plan().stakeholders, nasty]
    )
    milestone = plan.milestones[0].model_copy(update={"title": "Review\r\nEND:VEVENT\x0b"})
    plan = plan.model_copy(update={"milestones": [milestone, *plan.milestones[1:]]})
    ics = invite(plan, cadence, attendees=plan.stakeholders)
    calendar = Calendar.from_ical(ics)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = only_event(ics)
    assert str(event["SUMMARY"]) == "Acme METHOD:CANCEL: mutual action plan check-in"
    assert attendees_of(event)["bob@buyer.example"]["CN"] == "Bob 'Tables' X-Evil: 1[0m"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Check-in call of the mutual action plan: Acme METHOD:CANCEL\n")
    assert not any(ord(c) < 32 and c not in "\r\n" for c in ics.decode())
    assert ics.count(b"\r\nEND:VEVENT\r\n") == 1  # the title is text, never a line of its own


def test_same_input_same_bytes(plan: Plan, cadence: Cadence) -> None:
    assert invite(plan, cadence) == invite(plan, cadence)
    assert invite(plan, cadence).endswith(b"END:VCALENDAR\r\n")


def test_each_recipient_gets_the_same_calendar_with_their_own_organizer(
    plan: Plan, cadence: Cadence
) -> None:
    """The invites of one change are built once and differ only in their ORGANIZER; the next
    change is built again, not served from the last."""
    mine = invite(plan, cadence)
    other = "Acme plans <plans+abcdefghij-0-3-bbbbbbbbbbbbbbbb@plans.example.com>"
    theirs = invite(plan, cadence, organizer=other)
    assert str(only_event(theirs)["ORGANIZER"]) == "mailto:" + parseaddr(other)[1]
    assert str(only_event(mine)["ORGANIZER"]).endswith("-0-0-aaaaaaaaaaaaaaaa@plans.example.com")
    assert without_organizer(mine) == without_organizer(theirs)
    moved = plan.model_copy(update={"go_live": date(2026, 4, 21)})
    rrule = only_event(invite(moved, cadence, organizer=other))["RRULE"]
    assert rrule["UNTIL"] == [datetime(2026, 4, 21, 21, 59, 59, tzinfo=UTC)]
    attendees = attendees_of(only_event(invite(plan, cadence, attendees=plan.stakeholders[:1])))
    assert list(attendees) == [plan.stakeholders[0].email]


def test_dtstamp_must_be_aware(plan: Plan, cadence: Cadence) -> None:
    with pytest.raises(ValueError, match="aware"):
        invite(plan, cadence, dtstamp=datetime(2026, 3, 2, 8, 15))


def test_checkin_uid_is_stable() -> None:
    assert checkin_uid("abcdefghij", "plans.example.com") == UID


# --- updates and cancellations ------------------------------------------------------------------


def test_update_keeps_uid_and_raises_sequence(plan: Plan, cadence: Cadence) -> None:
    later = Cadence(weekday="TH", start=time(15), duration_minutes=45, timezone="Europe/Berlin")
    first, update = only_event(invite(plan, cadence)), only_event(invite(plan, later, sequence=1))
    assert str(update["UID"]) == str(first["UID"])
    assert update["SEQUENCE"] > first["SEQUENCE"]
    assert update["DTSTART"].dt == datetime(2026, 3, 5, 15, 0, tzinfo=BERLIN)
    assert update["RRULE"]["BYDAY"] == ["TH"]


def test_cancel_to_a_removed_stakeholder(plan: Plan, cadence: Cadence) -> None:
    removed = plan.stakeholders[3]
    ics = invite(plan, cadence, attendees=[removed], method="CANCEL", sequence=2)
    calendar = Calendar.from_ical(ics)
    assert str(calendar["METHOD"]) == "CANCEL"
    event = only_event(ics)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 2
    assert list(attendees_of(event)) == ["ian@buyer.example"]


def test_cancel_of_the_series_to_everyone(plan: Plan, cadence: Cadence) -> None:
    event = only_event(invite(plan, cadence, method="CANCEL", sequence=4))
    assert str(event["STATUS"]) == "CANCELLED"
    assert len(attendees_of(event)) == len(plan.stakeholders)
    assert "RRULE" in event  # the whole series, not one occurrence
    assert "RECURRENCE-ID" not in event


# --- the first occurrence -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("created", "first"),
    [
        (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)),
        # created on a Tuesday before the slot: that same day
        (datetime(2026, 3, 3, 8, 59, tzinfo=UTC), datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)),
        # exactly at the slot: strictly after, so next week
        (datetime(2026, 3, 3, 9, 0, tzinfo=UTC), datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN)),
        (datetime(2026, 3, 3, 9, 0, 1, tzinfo=UTC), datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN)),
        # Monday 23:30 UTC is already Tuesday 00:30 in Berlin
        (datetime(2026, 3, 2, 23, 30, tzinfo=UTC), datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)),
        # created in New York on Tuesday evening: Tuesday has passed in Berlin
        (
            datetime(2026, 3, 3, 7, 0, tzinfo=ZoneInfo("America/New_York")),
            datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN),
        ),
    ],
)
def test_first_occurrence(cadence: Cadence, created: datetime, first: datetime) -> None:
    assert first_occurrence(make_plan(created_at=created), cadence) == first


def test_plan_ending_before_the_first_slot_gets_one_call(cadence: Cadence) -> None:
    plan = make_plan(go_live=date(2026, 3, 2))
    plan = plan.model_copy(update={"milestones": []})
    event = only_event(invite(plan, cadence))
    assert "RRULE" not in event
    assert event["DTSTART"].dt == datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)


# --- recurrence expanded by recurring-ical-events -----------------------------------------------


def test_occurrences_fall_at_ten_berlin_across_the_dst_change(plan: Plan, cadence: Cadence) -> None:
    calendar = Calendar.from_ical(invite(plan, cadence))
    events = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2027, 1, 1))
    starts = sorted(event["DTSTART"].dt for event in events)
    expected_days = [date(2026, 3, 3) + timedelta(weeks=n) for n in range(7)]  # to 14 April
    assert [start.astimezone(BERLIN).date() for start in starts] == expected_days
    assert all(start.astimezone(BERLIN).time() == time(10, 0) for start in starts)
    utc_hours = [start.astimezone(UTC).hour for start in starts]
    assert utc_hours == [9, 9, 9, 9, 8, 8, 8]  # CET until 29 March, CEST after
    for event in events:
        assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=30)


def test_new_york_series_across_its_march_change() -> None:
    cadence = Cadence(
        weekday="TH", start=time(16, 30), duration_minutes=45, timezone="America/New_York"
    )
    plan = make_plan(created_at=datetime(2026, 2, 20, 12, tzinfo=UTC), go_live=date(2026, 3, 26))
    plan = plan.model_copy(update={"milestones": []})
    calendar = Calendar.from_ical(invite(plan, cadence))
    events = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2027, 1, 1))
    starts = sorted(event["DTSTART"].dt.astimezone(UTC) for event in events)
    assert starts == [
        datetime(2026, 2, 26, 21, 30, tzinfo=UTC),  # EST
        datetime(2026, 3, 5, 21, 30, tzinfo=UTC),
        datetime(2026, 3, 12, 20, 30, tzinfo=UTC),  # EDT from 8 March
        datetime(2026, 3, 19, 20, 30, tzinfo=UTC),
        datetime(2026, 3, 26, 20, 30, tzinfo=UTC),
    ]


# --- MIME layout --------------------------------------------------------------------------------


def composed() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Acme plans <plans@plans.example.com>"
    message["To"] = "cleo@buyer.example"
    message["Subject"] = "Invitation: Acme Corp check-in"
    message.set_content("Weekly check-in, Tuesdays 10:00 Berlin.")
    message.add_alternative("<p>Weekly check-in, Tuesdays 10:00 Berlin.</p>", subtype="html")
    return message


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_mime_layout(plan: Plan, cadence: Cadence, method: str) -> None:
    ics = invite(plan, cadence, method=method)
    message = attach_invite(composed(), ics)
    reparsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(reparsed, EmailMessage)
    assert reparsed.get_content_type() == "multipart/mixed"
    alternative, attachment = reparsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html, calendar_part = alternative.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert calendar_part.get_content_type() == "text/calendar"
    assert calendar_part.get_param("method") == method
    assert calendar_part.get_param("charset") == "UTF-8"
    assert calendar_part.get_content_disposition() is None  # inline: the invite itself
    assert calendar_part.get_payload(decode=True) == ics
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_payload(decode=True) == ics
    assert reparsed["Subject"] == "Invitation: Acme Corp check-in"


def test_content_type_header_reads_like_gmails(plan: Plan, cadence: Cadence) -> None:
    message = attach_invite(composed(), invite(plan, cadence))
    assert b'Content-Type: text/calendar; charset="UTF-8"; method=REQUEST' in message.as_bytes()


def test_attach_invite_needs_text_and_html_alternatives(plan: Plan, cadence: Cadence) -> None:
    message = EmailMessage()
    message.set_content("text only")
    with pytest.raises(ValueError, match="multipart/alternative"):
        attach_invite(message, invite(plan, cadence))
