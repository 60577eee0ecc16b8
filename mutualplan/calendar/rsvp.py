"""Read RSVPs: an email in, the attendee's answer to a check-in invite out. Pure, never raises.

    read_rsvp(message) -> Rsvp | None

A calendar client answers an invite with an iTIP REPLY (RFC 5546): a calendar with METHOD:REPLY
whose VEVENT repeats the UID and SEQUENCE and carries one ATTENDEE, the person answering, with
PARTSTAT set to what they chose. Clients wrap it differently:

- Gmail: multipart/mixed > multipart/alternative (text, html, text/calendar; method=REPLY),
  plus the same calendar as an `invite.ics` attachment.
- Outlook / Exchange: multipart/alternative (text, text/calendar base64); the calendar has no
  ORGANIZER and uses Windows zone names (TZID:W. Europe Standard Time).
- Apple Calendar: a text/calendar part with a name, quoted-printable, CN and EMAIL parameters.
- Thunderbird: multipart/mixed > multipart/alternative (text, text/calendar) + application/ics.

`read_rsvp` looks at the first three calendar parts (text/calendar, application/ics or a `.ics`
file) but not inside attached messages, so a forwarded reply is not taken for the forwarder's.
Anything that is not a readable REPLY with a UID, one answering attendee and a known PARTSTAT
gives None.

Whether an RSVP counts for a plan is the plan's decision (`checkins.check_rsvp`): the UID must be
the series', the attendee and the email's sender the one the invite went to (whom the ORGANIZER
token, or the address the reply was sent to, names), and the SEQUENCE not older than the current.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.message import Message
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from itertools import islice
from typing import Any

from icalendar import Calendar
from icalendar.error import BrokenCalendarProperty
from pydantic import AwareDatetime, BaseModel

log = logging.getLogger(__name__)

_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar"})
# iCalendar is parsed line by line in Python (about a microsecond a byte): a calendar answer is a
# few KB, so this much of at most this many calendar parts is read.
_MAX_CALENDAR_BYTES = 131_072
_MAX_CALENDAR_PARTS = 3


class PartStat(StrEnum):
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    TENTATIVE = "TENTATIVE"
    DELEGATED = "DELEGATED"
    NEEDS_ACTION = "NEEDS-ACTION"


class Rsvp(BaseModel):
    """One attendee's answer to an invite, as their calendar client wrote it."""

    uid: str
    sequence: int = 0
    attendee: str  # lowercased email address of the person answering
    partstat: PartStat
    dtstamp: AwareDatetime | None = None
    organizer: str | None = None  # lowercased; Outlook leaves it out
    sender: str | None = None  # the email's From address, lowercased
    recurrence_id: datetime | date | None = None  # set when the answer is for one call only
    comment: str = ""

    @property
    def call(self) -> datetime | date | None:
        """The RECURRENCE-ID as the plan can match it: an instant, or a day when the client
        wrote a floating time (a naive datetime names no instant)."""
        moment = self.recurrence_id
        if isinstance(moment, datetime) and moment.utcoffset() is None:
            return moment.date()
        return moment


def read_rsvp(message: Message) -> Rsvp | None:
    """The first REPLY in the message's calendar parts, or None when there is none."""
    sender = _sender(message)
    try:
        parts = list(islice(_calendar_parts(message), _MAX_CALENDAR_PARTS))
    except Exception:  # a part's headers the parser cannot read: no calendar answer in it
        log.debug("unreadable MIME structure", exc_info=True)
        return None
    for part in parts:
        rsvp = _read_part(part, sender)
        if rsvp is not None:
            return rsvp
    return None


def _calendar_parts(message: Message) -> Iterator[Message]:
    if message.get_content_maintype() == "message":
        return
    if message.is_multipart():
        for part in message.get_payload():
            if isinstance(part, Message):
                yield from _calendar_parts(part)
    elif _is_calendar(message):
        yield message


def _is_calendar(part: Message) -> bool:
    filename = (part.get_filename() or "").strip().lower()
    return part.get_content_type() in _CALENDAR_TYPES or filename.endswith(".ics")


def _read_part(part: Message, sender: str | None) -> Rsvp | None:
    # The boundary of a pure reader facing arbitrary mail: whatever a broken part makes the
    # MIME or iCalendar parsers raise means "not a reply we can read", never a crash.
    try:
        return _read_calendar(part, sender)
    except Exception:
        log.debug("unreadable calendar part", exc_info=True)
        return None


def _read_calendar(part: Message, sender: str | None) -> Rsvp | None:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not data.strip() or len(data) > _MAX_CALENDAR_BYTES:
        return None
    calendar = Calendar.from_ical(_without_time_zones(data))
    method = str(calendar.get("METHOD") or part.get_param("method") or "")
    if calendar.name != "VCALENDAR" or method.strip().upper() != "REPLY":
        return None
    event = _main_event(calendar)
    return None if event is None else _rsvp(event, sender)


def _without_time_zones(data: bytes) -> bytes:
    """The calendar without the time zones it defines (VTIMEZONE). A zone a sender defines
    runs as code of its own making: icalendar turns it into a dateutil zone, which counts
    through every repetition of its rules from 1970 the first time an offset is asked (a rule
    repeating each second took hours, outside the reading budget, where the router asks), and
    keeps it by name for the life of the process, for every later answer naming that zone
    ("Customized Time Zone", Outlook's name for zones it defines). Zone names are read as
    IANA or Windows names (icalendar maps both to zoneinfo); another's time, floating, names
    the day of a call, not its instant (`Rsvp.call`)."""
    unfolded = _FOLDED.sub(b"", data)
    kept, depth = [], 0
    for line in unfolded.splitlines():
        name = line.strip().upper()
        if name == b"BEGIN:VTIMEZONE":
            depth += 1
        elif name == b"END:VTIMEZONE" and depth:
            depth -= 1
        elif not depth:
            kept.append(line)
    return b"\r\n".join(kept) + b"\r\n"


_FOLDED = re.compile(rb"\r?\n[ \t]")


def _main_event(calendar: Calendar) -> Any:
    """The series' VEVENT (no RECURRENCE-ID) if there is one, else the first."""
    events = calendar.walk("VEVENT")
    series = [event for event in events if "RECURRENCE-ID" not in event]
    if series:
        return series[0]
    return events[0] if events else None


def _rsvp(event: Any, sender: str | None) -> Rsvp | None:
    uid = str(event.get("UID") or "").strip()
    attendee = _answering_attendee(event.get("ATTENDEE"), sender)
    if not uid or attendee is None:
        return None
    partstat = _partstat(attendee)
    if partstat is None:
        return None
    return Rsvp(
        uid=uid,
        sequence=int(str(event.get("SEQUENCE", 0)).strip() or 0),
        attendee=_address_of(attendee) or "",
        partstat=partstat,
        dtstamp=_aware(event.get("DTSTAMP")),
        organizer=_address_of(event.get("ORGANIZER")),
        sender=sender,
        recurrence_id=_moment(event.get("RECURRENCE-ID")),
        comment=str(event.get("COMMENT") or "").strip(),
    )


def _answering_attendee(value: Any, sender: str | None) -> Any:
    """The one ATTENDEE, or among several (RFC 5546 allows only one) the sender's."""
    attendees = [a for a in (value if isinstance(value, list) else [value]) if _address_of(a)]
    if len(attendees) == 1:
        return attendees[0]
    return next((a for a in attendees if sender and _address_of(a) == sender), None)


def _address_of(value: Any) -> str | None:
    """The email of a CAL-ADDRESS: its mailto: value, or (Apple, iCloud) its EMAIL parameter."""
    if value is None:
        return None
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    elif "@" not in text or ":" in text:
        text = str(getattr(value, "params", {}).get("EMAIL", ""))
    email = parseaddr(text)[1].strip().lower()
    return email if "@" in email else None


def _partstat(attendee: Any) -> PartStat | None:
    value = str(getattr(attendee, "params", {}).get("PARTSTAT", "NEEDS-ACTION"))
    try:
        return PartStat(value.strip().upper())
    except ValueError:
        return None


def _moment(value: Any) -> datetime | date | None:
    try:
        moment = getattr(value, "dt", None)
    except BrokenCalendarProperty:  # icalendar keeps unparsable values and raises on use
        return None
    return moment if isinstance(moment, datetime | date) else None


def _aware(value: Any) -> datetime | None:
    moment = _moment(value)
    if isinstance(moment, datetime) and moment.utcoffset() is not None:
        return moment
    return None


def _sender(message: Message) -> str | None:
    try:
        found = getaddresses([str(value) for value in message.get_all("From", [])])
    except Exception:  # a From the header parser cannot read names nobody
        return None
    emails = [email.strip().lower() for _, email in found if "@" in email]
    return emails[0] if emails else None
