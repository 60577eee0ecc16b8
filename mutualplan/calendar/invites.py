"""Check-in invites: a plan and a cadence in, iCalendar bytes out; and the MIME that carries them.

    build_invite(plan, cadence=..., organizer=..., attendees=..., sequence=..., method=...,
                 dtstamp=..., uid=...) -> bytes
    attach_invite(message, ics) -> EmailMessage

`build_invite` writes one VCALENDAR with METHOD:REQUEST or METHOD:CANCEL, a VTIMEZONE for the
cadence's zone and one VEVENT: a weekly series from the first slot after the plan was created until
the end of the plan's last day (its go-live, or a later milestone). The same plan, cadence and
arguments always give the same bytes, so a retried activity sends the same invite.

The life of a series (RFC 5546): the first REQUEST has SEQUENCE 0; every change is a REQUEST with
the same UID and a higher SEQUENCE; someone taken off the plan gets a CANCEL listing only them; the
end of the plan is a CANCEL to everyone. The ORGANIZER is a token address of the plans mailbox,
so the clients' RSVPs come back to the engine (see `rsvp.read_rsvp`).

`attach_invite` takes a composed message whose body is multipart/alternative (text/plain and
text/html) and lays it out, in place, as Gmail sends invites, the layout Gmail, Outlook,
Apple Calendar and Thunderbird all show as one:

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; charset="UTF-8"; method=REQUEST
      application/ics; name="invite.ics"   (attachment, the same bytes)

It takes the MIME `method` from the calendar's own METHOD, so the two can never disagree.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Literal

from icalendar import Calendar, Event, vCalAddress

from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.timezones import vtimezone
from mutualplan.languages import ENGLISH, Wording, wording
from mutualplan.models import MilestoneStatus, Plan, Side, Stakeholder, phrase

Method = Literal["REQUEST", "CANCEL"]

PRODID = "-//mutualplan//check-in invites//EN"
KEY_BUYER_ROLES = frozenset({"champion", "economic buyer"})

_METHOD = re.compile(r"[A-Z][A-Z-]{0,31}")
_METHOD_LINE = re.compile(rb"^METHOD:([^\r\n]*)", re.MULTILINE | re.IGNORECASE)
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def checkin_uid(plan_id: str, domain: str) -> str:
    """The UID of a plan's check-in series: stable for the life of the plan."""
    return f"mutualplan-checkin-{plan_id}@{domain}"


def build_invite(
    plan: Plan,
    *,
    cadence: Cadence,
    organizer: str,
    attendees: list[Stakeholder],
    sequence: int,
    method: Method,
    dtstamp: datetime,
    uid: str,
    words: Wording | None = None,
) -> bytes:
    """The iCalendar bytes of one REQUEST or CANCEL of the plan's check-in series, its text
    (SUMMARY, DESCRIPTION) in the language of `words` (English by default).

    `organizer` is the plans mailbox token address, optionally with a display name
    (`Acme plan <plans+token@example.com>`). `attendees` are the people this message is for:
    everyone for a REQUEST or the end of the plan, only the removed people for their CANCEL.
    """
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be timezone-aware")
    words = words or wording(ENGLISH)
    people = ",".join(person.model_dump_json() for person in attendees)
    key = (
        words.code,
        plan.model_dump_json(),
        cadence.model_dump_json(),
        people,
        sequence,
        method,
        dtstamp,
        uid,
    )
    with _SERIES_LOCK:
        series = _SERIES.get(key)
    if series is None:
        start = first_occurrence(plan, cadence)
        until = series_until(plan, cadence)
        event = _event(plan, cadence, start, sequence, method, dtstamp, uid, words)
        if until >= start:
            event.add("RRULE", {"FREQ": "WEEKLY", "BYDAY": cadence.weekday, "UNTIL": until})
        for person in attendees:
            event.add("ATTENDEE", _attendee(plan, person))
        calendar = _calendar(method)
        calendar.add_component(vtimezone(cadence.timezone, start.date(), max(start, until).date()))
        calendar.add_component(event)
        series = calendar.to_ical()
        with _SERIES_LOCK:
            _SERIES[key] = series
            while len(_SERIES) > _SERIES_KEPT:
                del _SERIES[next(iter(_SERIES))]
    # the ORGANIZER, the one line that differs per recipient, goes last in the VEVENT
    end = series.rindex(b"\r\nEND:VEVENT\r\n") + 2
    return series[:end] + _organizer_line(organizer) + series[end:]


# The calendars last built, without their ORGANIZER: the invites of one change go to everyone on
# the plan, each with its own ORGANIZER, and building one (icalendar) costs as much as the rest
# of the email. Keyed by everything else the calendar is made of.
_SERIES: dict[tuple[object, ...], bytes] = {}
_SERIES_KEPT = 16
_SERIES_LOCK = threading.Lock()


def _organizer_line(organizer: str) -> bytes:
    """The ORGANIZER content line, folded, with its CRLF."""
    event = Event()
    event.add("ORGANIZER", _organizer(organizer))
    ics: bytes = event.to_ical()
    return ics[len(b"BEGIN:VEVENT\r\n") : -len(b"END:VEVENT\r\n")]


def first_occurrence(plan: Plan, cadence: Cadence) -> datetime:
    """The first cadence slot strictly after the plan was created, in the cadence's zone."""
    created = plan.created_at.astimezone(cadence.zone)
    ahead = (cadence.weekday_index - created.weekday()) % 7
    day = created.date() + timedelta(days=ahead)
    if _at(day, cadence.start, cadence) <= plan.created_at:
        day += timedelta(days=7)
    return _at(day, cadence.start, cadence)


def series_until(plan: Plan, cadence: Cadence) -> datetime:
    """The end of the plan's last day (go-live or a later milestone) in the zone, as UTC."""
    last_day = max([plan.go_live, *(milestone.due for milestone in plan.milestones)])
    return _at(last_day, time(23, 59, 59), cadence).astimezone(UTC)


def attach_invite(message: EmailMessage, ics: bytes) -> EmailMessage:
    """`message` (multipart/alternative), changed to carry `ics` as an invite; see module doc."""
    if message.get_content_type() != "multipart/alternative":
        raise ValueError("attach_invite needs a multipart/alternative message (text and html)")
    method = calendar_method(ics)
    invite = message
    invite.add_alternative(ics, "text", "calendar", cte="base64")
    calendar_part = list(invite.iter_parts())[-1]
    # Written as Gmail writes it: set_raw keeps it verbatim, where email would quote the method.
    del calendar_part["Content-Type"]
    calendar_part.set_raw("Content-Type", f'text/calendar; charset="UTF-8"; method={method}')
    invite.make_mixed()
    invite.add_attachment(ics, "application", "ics", filename="invite.ics")
    return invite


def calendar_method(ics: bytes) -> str:
    """The METHOD of a calendar (REQUEST, CANCEL, REPLY...), uppercase. Read from its line, not
    by parsing the calendar: every invite email asks, and a parse costs more than the rest."""
    line = _METHOD_LINE.search(ics)
    method = line.group(1).decode("ascii", "replace").strip().upper() if line else ""
    if not _METHOD.fullmatch(method):
        raise ValueError(f"the calendar has no usable METHOD: {method!r}")
    return method


def attendee_role(plan: Plan, person: Stakeholder) -> str:
    """REQ-PARTICIPANT for the seller and the buyer's key roles, OPT-PARTICIPANT for the rest."""
    if person.id == plan.seller_id:
        return "REQ-PARTICIPANT"
    key = person.side is Side.BUYER and person.role.strip().lower() in KEY_BUYER_ROLES
    return "REQ-PARTICIPANT" if key else "OPT-PARTICIPANT"


def describe_plan(plan: Plan, words: Wording | None = None) -> str:
    """The event's DESCRIPTION: the plan's milestones, one a line (each value kept to its line)."""
    words = words or wording(ENGLISH)
    deal = _clean_line(plan.deal)
    lines = [
        words.say(phrase("Mutual action plan: {deal}", deal=deal)),
        words.say(phrase("Go-live: {go_live}", go_live=plan.go_live.isoformat())),
        "",
        words.say(phrase("Milestones:")),
    ]
    for milestone in sorted(plan.milestones, key=lambda m: (m.due, m.number)):
        owner = _clean_line(plan.owner(milestone).display)
        pending = milestone.status is MilestoneStatus.PENDING
        status = "" if pending else f" [{words.term(milestone.status.value)}]"
        lines.append(f"- {milestone.due} {_clean_line(milestone.title)} ({owner}){status}")
    return "\n".join(lines)


def _calendar(method: Method) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    return calendar


def _event(
    plan: Plan,
    cadence: Cadence,
    start: datetime,
    sequence: int,
    method: Method,
    dtstamp: datetime,
    uid: str,
    words: Wording,
) -> Event:
    event = Event()
    event.add("UID", _clean_line(uid))
    event.add("SEQUENCE", sequence)
    event.add("DTSTAMP", dtstamp.astimezone(UTC))
    event.add("DTSTART", start)
    event.add("DTEND", start + timedelta(minutes=cadence.duration_minutes))
    summary = phrase("{deal}: mutual action plan check-in", deal=plan.deal)
    # RFC 5545 LANGUAGE says which language the text is in (English, the default, says nothing)
    language = {} if words.code == ENGLISH else {"LANGUAGE": words.code}
    event.add("SUMMARY", _clean_line(words.say(summary)), parameters=language)
    event.add("DESCRIPTION", describe_plan(plan, words), parameters=language)
    event.add("STATUS", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("TRANSP", "OPAQUE")
    return event


def _organizer(organizer: str) -> vCalAddress:
    name, email = parseaddr(organizer)
    address = vCalAddress(f"mailto:{_clean_line(email or organizer).lower()}")
    if name:
        address.params["CN"] = _clean_param(name)
    return address


def _attendee(plan: Plan, person: Stakeholder) -> vCalAddress:
    address = vCalAddress(f"mailto:{_clean_line(person.email).lower()}")
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = attendee_role(plan, person)
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE"
    address.params["CN"] = _clean_param(person.display)
    return address


def _at(day: date, clock: time, cadence: Cadence) -> datetime:
    return datetime.combine(day, clock, tzinfo=cadence.zone)


def _clean_line(text: str) -> str:
    """One line of text: line breaks become spaces, control and bidi-override characters go."""
    return " ".join(_CONTROL.sub("", _BREAKS.sub(" ", text)).split())


def _clean_param(text: str) -> str:
    """A parameter value: one line and no double quote, which RFC 5545 cannot carry there."""
    return _clean_line(text).replace('"', "'")
