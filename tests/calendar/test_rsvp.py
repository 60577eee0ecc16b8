"""Reading RSVPs from the mail that Gmail, Outlook/Exchange, Apple Calendar and Thunderbird send."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime
from email.message import EmailMessage, Message

import pytest

from mutualplan.calendar.rsvp import PartStat, Rsvp, read_rsvp
from tests.support.invites import RSVP_FIXTURES, UID

ORGANIZER_OF = "plans+abcdefghij-0-{}-k7mq2vxa4rt3ynbe@plans.example.com"


def load(name: str, policy: email.policy.Policy = email.policy.default) -> Message:
    return email.message_from_bytes((RSVP_FIXTURES / name).read_bytes(), policy=policy)


def rsvp_from(name: str) -> Rsvp:
    rsvp = read_rsvp(load(name))
    assert rsvp is not None, f"{name} should hold a readable REPLY"
    return rsvp


def test_gmail_accepted() -> None:
    assert rsvp_from("gmail-accepted.eml") == Rsvp(
        uid=UID,
        sequence=0,
        attendee="cleo@buyer.example",
        partstat=PartStat.ACCEPTED,
        dtstamp=datetime(2026, 3, 2, 10, 11, 44, tzinfo=UTC),
        organizer=ORGANIZER_OF.format(2),
        sender="cleo@buyer.example",
    )


def test_outlook_declined_without_organizer_and_with_windows_zone() -> None:
    assert rsvp_from("outlook-declined.eml") == Rsvp(
        uid=UID,
        sequence=1,
        attendee="ian@buyer.example",  # lowercased from Ian@Buyer.example
        partstat=PartStat.DECLINED,
        dtstamp=datetime(2026, 3, 3, 9, 14, 52, tzinfo=UTC),
        organizer=None,
        sender="ian@buyer.example",
        comment="Sorry, I cannot join these calls. My colleague will",
    )


def test_outlook_declining_one_call_names_it_in_its_windows_zone() -> None:
    rsvp = rsvp_from("outlook-declined-one-occurrence.eml")
    assert rsvp.partstat is PartStat.DECLINED
    assert isinstance(rsvp.recurrence_id, datetime)
    # 10:00 "W. Europe Standard Time" on 31 March is 08:00 UTC (summer time has begun)
    assert rsvp.recurrence_id.astimezone(UTC) == datetime(2026, 3, 31, 8, 0, tzinfo=UTC)


def test_apple_tentative() -> None:
    assert rsvp_from("apple-tentative.eml") == Rsvp(
        uid=UID,
        sequence=0,
        attendee="eve@buyer.example",
        partstat=PartStat.TENTATIVE,
        dtstamp=datetime(2026, 3, 3, 9, 31, 7, tzinfo=UTC),
        organizer=ORGANIZER_OF.format(3),
        sender="eve@buyer.example",
    )


def test_thunderbird_accepted() -> None:
    assert rsvp_from("thunderbird-accepted.eml") == Rsvp(
        uid=UID,
        sequence=0,
        attendee="se@seller.example",
        partstat=PartStat.ACCEPTED,
        dtstamp=datetime(2026, 3, 2, 9, 5, 12, tzinfo=UTC),
        organizer=ORGANIZER_OF.format(5),
        sender="se@seller.example",
    )


@pytest.mark.parametrize(
    "name",
    [
        "gmail-accepted.eml",
        "outlook-declined.eml",
        "apple-tentative.eml",
        "thunderbird-accepted.eml",
        "outlook-declined-one-occurrence.eml",
    ],
)
def test_same_answer_under_the_compat32_policy(name: str) -> None:
    assert read_rsvp(load(name, email.policy.compat32)) == rsvp_from(name)


def test_a_broken_dtstamp_is_tolerated() -> None:
    rsvp = rsvp_from("tolerated-bad-dates.eml")
    assert rsvp.partstat is PartStat.ACCEPTED
    assert rsvp.dtstamp is None


@pytest.mark.parametrize(
    "name",
    [
        "request-not-reply.eml",  # an invitation to the plans mailbox, not an answer
        "forwarded-reply.eml",  # a reply inside someone else's forward
        "garbage-not-icalendar.eml",
        "garbage-truncated.eml",
        "garbage-no-attendee.eml",
        "garbage-no-uid.eml",
        "garbage-unknown-partstat.eml",
        "garbage-bad-sequence.eml",
        "garbage-bad-base64.eml",
        "garbage-binary.eml",
        "garbage-vcard.eml",
        "garbage-two-attendees.eml",  # RFC 5546 allows one; neither is the sender
    ],
)
@pytest.mark.parametrize("policy", [email.policy.default, email.policy.compat32])
def test_not_an_rsvp(name: str, policy: email.policy.Policy) -> None:
    assert read_rsvp(load(name, policy)) is None


def test_every_fixture_is_covered() -> None:
    names = {path.name for path in RSVP_FIXTURES.glob("*.eml")}
    assert len(names) == 18


def plain_reply(ics: str, sender: str = "cleo@buyer.example") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ORGANIZER_OF.format(2)
    message.set_content("Accepted")
    message.add_attachment(ics.encode(), "text", "calendar", filename="reply.ics")
    return message


def reply_ics(*lines: str) -> str:
    body = "\r\n".join(lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"{body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_icloud_address_in_the_email_parameter() -> None:
    ics = reply_ics(
        f"UID:{UID}",
        'ATTENDEE;EMAIL="Cleo@Buyer.example";PARTSTAT=ACCEPTED:urn:uuid:0f6e1d2c-3b4a-5968-7a8b',
    )
    rsvp = read_rsvp(plain_reply(ics))
    assert rsvp is not None
    assert rsvp.attendee == "cleo@buyer.example"


def test_of_several_attendees_the_sender_answers() -> None:
    ics = reply_ics(
        f"UID:{UID}",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:eve@buyer.example",
        "ATTENDEE;PARTSTAT=DECLINED:MAILTO:Cleo@buyer.example",
    )
    rsvp = read_rsvp(plain_reply(ics))
    assert rsvp is not None
    assert (rsvp.attendee, rsvp.partstat) == ("cleo@buyer.example", PartStat.DECLINED)


def test_the_series_answer_wins_over_one_occurrence() -> None:
    ics = reply_ics(
        f"UID:{UID}",
        "RECURRENCE-ID:20260310T090000Z",
        "ATTENDEE;PARTSTAT=DECLINED:mailto:cleo@buyer.example",
        "END:VEVENT",
        "BEGIN:VEVENT",
        f"UID:{UID}",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:cleo@buyer.example",
    )
    rsvp = read_rsvp(plain_reply(ics))
    assert rsvp is not None
    assert (rsvp.partstat, rsvp.recurrence_id) == (PartStat.ACCEPTED, None)


def test_an_empty_message_is_not_an_rsvp() -> None:
    assert read_rsvp(EmailMessage()) is None
    assert read_rsvp(email.message_from_bytes(b"\x00\xff garbage")) is None


def _answer_in_a_zone_of_its_own(sender: str, offset: str) -> Message:
    """A calendar answer for the call of 8 Dec 2026 at 10:00 in a zone it defines itself, as
    Outlook writes one ("Customized Time Zone"), at `offset`."""
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
        f"BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:{offset}\r\n"
        f"TZOFFSETTO:{offset}\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\n"
        f"BEGIN:DAYLIGHT\r\nDTSTART:19700101T000001\r\nTZOFFSETFROM:{offset}\r\n"
        f"TZOFFSETTO:{offset}\r\nRRULE:FREQ=SECONDLY\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
        f"BEGIN:VEVENT\r\nUID:{UID}\r\nSEQUENCE:0\r\n"
        'RECURRENCE-ID;TZID="Customized Time Zone":20261208T100000\r\n'
        f"ATTENDEE;PARTSTAT=DECLINED:mailto:{sender}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    msg = EmailMessage()
    msg["From"] = sender
    msg.set_content(ics.encode(), maintype="text", subtype="calendar", params={"method": "REPLY"})
    return msg


def test_a_time_zone_an_answer_defines_is_never_run() -> None:
    """A zone defined in the mail would run as the sender's code: its rules, repeating each
    second since 1970, took hours to give one offset, on the router's event loop (red-team
    round 9), and icalendar kept it by name for every later answer naming that zone. Such a
    time names the call's day; IANA and Windows zone names are read as before."""
    stranger = read_rsvp(_answer_in_a_zone_of_its_own("mallory@evil.example", "+1400"))
    jane = read_rsvp(_answer_in_a_zone_of_its_own("jane@globex.example", "+0100"))
    assert stranger is not None and jane is not None
    assert jane.call == date(2026, 12, 8)
    assert stranger.call == date(2026, 12, 8)
