"""Check-in invites: a plan and its series in, iCalendar bytes out; and the MIME that carries them.

    build_invite(plan, series=..., organizer=..., organizer_name=..., attendees=..., method=...,
                 dtstamp=..., uid=..., call=None) -> bytes
    attach_invite(message, ics) -> EmailMessage

`build_invite` writes one VCALENDAR with METHOD:REQUEST or METHOD:CANCEL, a VTIMEZONE for the
cadence's zone (none for a UTC series, written with Z times) and the series' VEVENT: weekly from
its first call until the end of the plan's last day (its go-live, or a later milestone), or
until where it was ended; skipped calls are EXDATEs and moved calls overrides (a VEVENT with a
RECURRENCE-ID each). A message about one call holds that call's VEVENT only. The same arguments
always give the same bytes, so a retried activity sends the same invite.

The life of a series (RFC 5546): the first REQUEST has SEQUENCE 0; every change anyone sees is a
REQUEST with the same UID and a higher SEQUENCE (`checkins.sync`); someone taken off the plan
gets a CANCEL listing only them; a skipped call is a CANCEL of that call; the end of the plan is
a REQUEST whose RRULE ends then (UNTIL), so the calls already held stay on calendars. The
ORGANIZER is a token address of the plans mailbox, so the clients' RSVPs come back to the engine
(see `rsvp.read_rsvp`); its CN is the seller's name, plain UTF-8 text.

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
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Literal, NamedTuple

from icalendar import Calendar, Event, vCalAddress, vUri

from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.series import calls, first_call, first_slot_after, until
from mutualplan.calendar.timezones import vtimezone
from mutualplan.header_text import one_line
from mutualplan.languages import ENGLISH, Wording, wording
from mutualplan.models import KEY_ROLES, CheckIn, Plan, Side, Stakeholder, phrase

Method = Literal["REQUEST", "CANCEL"]

PRODID = "-//mutualplan//check-in invites//EN"
KNOWN_ANSWERS = frozenset({"ACCEPTED", "DECLINED", "TENTATIVE"})
WHAT_THE_CALL_IS = phrase(
    "We go through the plan together: what is done, what is next, what is in the way. "
    "The plan itself, always up to date, is linked from every plan email."
)
# RFC 7986: clients with a "Join" button (Apple, Thunderbird, Fastmail) read CONFERENCE
_JOIN = phrase("Join the call")

_METHOD = re.compile(r"[A-Z][A-Z-]{0,31}")
_METHOD_LINE = re.compile(rb"^METHOD:([^\r\n]*)", re.MULTILINE | re.IGNORECASE)


def checkin_uid(plan_id: str, domain: str, number: int = 0) -> str:
    """The UID of a plan's check-in series: stable for the life of the series. A plan's first
    series is number 0; a new cadence after calls were held starts the next."""
    suffix = f"-{number}" if number else ""
    return f"mutualplan-checkin-{plan_id}{suffix}@{domain}"


def build_invite(
    plan: Plan,
    *,
    series: CheckIn,
    organizer: str,
    organizer_name: str = "",
    attendees: list[Stakeholder],
    method: Method,
    dtstamp: datetime,
    uid: str,
    call: datetime | None = None,
    words: Wording | None = None,
) -> bytes:
    """The iCalendar bytes of one REQUEST or CANCEL of a check-in series of the plan, its text
    (SUMMARY, DESCRIPTION) in the language of `words` (English by default).

    `organizer` is the address of the plans mailbox token for this recipient and
    `organizer_name` the name shown for it (the seller's), plain text. `attendees` are the people
    this message is for: everyone, or only the removed people for their CANCEL. With `call`
    (a RECURRENCE-ID) the message is about that call only: its CANCEL (skipped) or its new time
    (moved); without, about the whole series, with its skipped calls as EXDATEs and its moved
    calls as overrides.
    """
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be timezone-aware")
    people = ",".join(person.model_dump_json() for person in attendees)
    words = words or wording(ENGLISH)
    key = (plan.model_dump_json(), series.model_dump_json(), people, method, dtstamp, uid, call,
           words.code)  # fmt: skip
    with _SERIES_LOCK:
        calendar = _SERIES.get(key)
    if calendar is None:
        stamp = Stamp(uid=uid, sequence=series.sequence, dtstamp=dtstamp, method=method,
                      words=words)  # fmt: skip
        if call is None:
            events = _series_events(plan, series, attendees, stamp)
        else:
            events = [_call_event(plan, series, attendees, stamp, call)]
        calendar = _calendar_of(plan, series, events, method)
        with _SERIES_LOCK:
            _SERIES[key] = calendar
            while len(_SERIES) > _SERIES_KEPT:
                del _SERIES[next(iter(_SERIES))]
    # the ORGANIZER, the one line that differs per recipient, goes last in each VEVENT
    return calendar.replace(b"\r\nEND:VEVENT\r\n", b"\r\n" + _organizer_line(organizer,
                            organizer_name) + b"END:VEVENT\r\n")  # fmt: skip


class Stamp(NamedTuple):
    """What every VEVENT of one message carries alike."""

    uid: str
    sequence: int
    dtstamp: datetime
    method: Method
    words: Wording


# The calendars last built, without their ORGANIZER: the invites of one change go to everyone on
# the plan, each with its own ORGANIZER, and building one (icalendar) costs as much as the rest
# of the email. Keyed by everything else the calendar is made of.
_SERIES: dict[tuple[object, ...], bytes] = {}
_SERIES_KEPT = 16
_SERIES_LOCK = threading.Lock()


def _calendar_of(plan: Plan, series: CheckIn, events: list[Event], method: Method) -> bytes:
    calendar = _calendar(method)
    body = b"".join(event.to_ical() for event in events)
    if b"TZID=" in body:  # a UTC series is written with Z times and needs no VTIMEZONE
        first = min(calls(plan, series)[0], until(plan, series))
        last = max(calls(plan, series)[-1], until(plan, series))
        moved = [c.moved_to for c in series.changes if c.moved_to is not None]
        first, last = min([first, *moved]), max([last, *moved])
        calendar.add_component(vtimezone(series.cadence.timezone, first.date(), last.date()))
    for event in events:
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


def _series_events(
    plan: Plan, series: CheckIn, attendees: list[Stakeholder], stamp: Stamp
) -> list[Event]:
    """The series' VEVENT, then (in a REQUEST) one override per moved call."""
    start, end = first_call(plan, series), until(plan, series)
    event = _event(plan, series, stamp, start)
    if end >= start:
        event.add("RRULE", {"FREQ": "WEEKLY", "BYDAY": series.cadence.weekday, "UNTIL": end})
    skipped = [change.call.astimezone(start.tzinfo) for change in series.changes
               if change.moved_to is None]  # fmt: skip
    if skipped:
        event.add("EXDATE", skipped)
    for person in attendees:
        event.add("ATTENDEE", _attendee(plan, person, series.answers.get(person.id)))
    if stamp.method == "CANCEL":
        return [event]
    moved = [change.call for change in series.changes if change.moved_to is not None]
    return [event, *(_call_event(plan, series, attendees, stamp, call) for call in moved)]


def _call_event(
    plan: Plan, series: CheckIn, attendees: list[Stakeholder], stamp: Stamp, call: datetime
) -> Event:
    """One call of the series, by its RECURRENCE-ID: cancelled, or at its new time."""
    call = call.astimezone(series.cadence.zone)
    change = next((c for c in series.changes if c.call == call), None)
    moved = change.moved_to if change is not None else None
    event = _event(plan, series, stamp, call if moved is None else moved.astimezone(call.tzinfo))
    event.add("RECURRENCE-ID", call)
    for person in attendees:
        event.add("ATTENDEE", _attendee(plan, person, _call_answer(series, person.id, call)))
    return event


def _call_answer(series: CheckIn, person_id: int, call: datetime) -> str | None:
    return next((a.partstat for a in series.call_answers
                 if a.stakeholder_id == person_id and a.call == call), None)  # fmt: skip


def _organizer_line(organizer: str, name: str) -> bytes:
    """The ORGANIZER content line, folded, with its CRLF."""
    event = Event()
    event.add("ORGANIZER", _organizer(organizer, name))
    ics: bytes = event.to_ical()
    return ics[len(b"BEGIN:VEVENT\r\n") : -len(b"END:VEVENT\r\n")]


def first_occurrence(plan: Plan, cadence: Cadence) -> datetime:
    """The first cadence slot strictly after the plan was created, in the cadence's zone."""
    return first_slot_after(plan.created_at, cadence)


def series_until(plan: Plan, cadence: Cadence) -> datetime:
    """The end of the plan's last day (go-live or a later milestone) in the zone, as UTC."""
    return until(plan, CheckIn(cadence=cadence))


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
    invite.add_attachment(
        ics, "application", "ics", filename="invite.ics", params={"name": "invite.ics"}
    )
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
    key = person.side is Side.BUYER and person.role in KEY_ROLES
    return "REQ-PARTICIPANT" if key else "OPT-PARTICIPANT"


def describe_call(plan: Plan, series: CheckIn, words: Wording | None = None) -> str:
    """The event's DESCRIPTION: what the call is for and where to join it. It holds only what
    changes with a new SEQUENCE (the plan's steps change daily and are on the plan page)."""
    w = words or wording(ENGLISH)
    deal = one_line(plan.deal)
    lines = [w.say(phrase("Check-in call of the mutual action plan: {deal}", deal=deal))]
    lines.append(w.say(phrase("Go-live: {go_live}", go_live=w.longdate(plan.go_live))))
    if series.meeting:
        lines.append(w.say(phrase("Join: {link}", link=series.meeting)))
    lines += ["", w.say(WHAT_THE_CALL_IS)]
    return "\n".join(lines)


def _calendar(method: Method) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    return calendar


def _event(plan: Plan, series: CheckIn, stamp: Stamp, start: datetime) -> Event:
    """The properties every VEVENT of the series has. A CANCEL carries no plan data beyond its
    title: it may go to someone no longer on the plan."""
    event = Event()
    event.add("UID", one_line(stamp.uid))
    event.add("SEQUENCE", stamp.sequence)
    event.add("DTSTAMP", stamp.dtstamp.astimezone(UTC))
    event.add("DTSTART", start)
    event.add("DTEND", start + timedelta(minutes=series.cadence.duration_minutes))
    words = stamp.words
    # RFC 5545 LANGUAGE says which language the text is in (English, the default, says nothing)
    language = {} if words.code == ENGLISH else {"LANGUAGE": words.code}
    summary = words.say(phrase("{deal}: mutual action plan check-in", deal=plan.deal))
    event.add("SUMMARY", one_line(summary), parameters=language)
    if stamp.method == "CANCEL":
        event.add("STATUS", "CANCELLED")
        return event
    event.add("DESCRIPTION", describe_call(plan, series, words), parameters=language)
    if series.meeting:
        event.add("LOCATION", series.meeting)
        event.add("URL", series.meeting)
        conference = {"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": words.say(_JOIN)}
        event.add("CONFERENCE", vUri(series.meeting), parameters=conference)
    event.add("STATUS", "CONFIRMED")
    event.add("TRANSP", "OPAQUE")
    return event


def _organizer(organizer: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{one_line(organizer).lower()}")
    if name.strip():
        address.params["CN"] = _clean_param(name)
    return address


def _attendee(plan: Plan, person: Stakeholder, answer: str | None) -> vCalAddress:
    """Their known answer kept (an update must not tell every client nobody has answered); an
    answer is asked for (RSVP) only from who has not given one."""
    partstat = answer if answer in KNOWN_ANSWERS else "NEEDS-ACTION"
    address = vCalAddress(f"mailto:{one_line(person.email).lower()}")
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = attendee_role(plan, person)
    address.params["PARTSTAT"] = partstat
    address.params["RSVP"] = "TRUE" if partstat == "NEEDS-ACTION" else "FALSE"
    address.params["CN"] = _clean_param(person.display)
    return address


def _clean_param(text: str) -> str:
    """A parameter value: one line and no double quote, which RFC 5545 cannot carry there."""
    return one_line(text).replace('"', "'")
