"""Every kind of check-in message a plan sends, as its emails carry it, read by three independent
readers: icalendar with recurring-ical-events, Mozilla's ical.js, and the Radicale CalDAV server
(started on loopback). Each message is applied to a recipient's calendar as a calendar client
applies iTIP (RFC 5546): a series REQUEST replaces the event, a REQUEST for one call replaces
that call, a CANCEL of one call takes it out, a CANCEL of the series removes it. After each
message the calendar's occurrences must be the plan's own calls, in every reader.

The story (conftest's Berlin plan, calls Tuesdays 10:00): invited; a meeting link; Kim added;
Ian removed; the 24 March call skipped; the 31 March call moved; a step moved past go-live;
the cadence changed to Wednesdays after two calls; the plan completed.
"""

from __future__ import annotations

import base64
import email
import email.policy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from mutualplan import checkins
from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.series import held_or_planned
from mutualplan.edits import editing
from mutualplan.edits.changes import Notice
from mutualplan.mail.commands import read_command
from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.plan_emails import plan_email
from mutualplan.messages import EmailRequest, ReplyCommand
from mutualplan.models import CheckIn, PlanStatus
from mutualplan.settings import Settings
from tests.support.invites import make_plan, read_with_ical_js

BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = Settings(secret="test-secret", domain="plans.example.com")
SELLER = "sam@seller.example"
CLEO, IAN = 2, 4
NAMES = {"zoë": "Zoë Ångström-Müller", "hebrew": "דוד לוי", "japanese": "山田太郎"}


# --- the story ------------------------------------------------------------------------------------


class Story:
    """A plan going through its changes; each step's emails, composed as they are sent."""

    def __init__(self) -> None:
        cadence = Cadence(
            weekday="TU", start="10:00", duration_minutes=30, timezone="Europe/Berlin"
        )
        plan = make_plan(checkin=CheckIn(cadence=cadence), status=PlanStatus.ACTIVE)
        seller = plan.seller.model_copy(update={"name": NAMES["zoë"]})
        plan.stakeholders[0] = seller
        self.plan = plan
        self.now = datetime(2026, 3, 2, 8, 5, tzinfo=UTC)

    def start(self) -> list[EmailMessage]:
        return self.emails(checkins.start_series(self.plan, self.now))

    def reply(self, text: str, at: datetime, sender: str = SELLER) -> list[EmailMessage]:
        self.now = at
        line = read_command(text, at.date())
        command = ReplyCommand(
            message_id=f"{uuid.uuid4()}@x", sender=sender, intent=line.intent,
            argument=line.argument, details=line.details, milestone_number=line.step,
            received_at=at,
        )  # fmt: skip
        editing.check_reply(self.plan, command, at)
        return self.emails(editing.apply(self.plan, command, at).notices)

    def complete(self, at: datetime) -> list[EmailMessage]:
        self.now = at
        self.plan.status = PlanStatus.COMPLETED
        return self.emails(checkins.end_series(self.plan, at))

    def emails(self, notices: list[Notice]) -> list[EmailMessage]:
        sent = []
        for n, notice in enumerate(notices):
            if not notice.kind.value.startswith("checkin"):
                continue
            request = EmailRequest(kind=notice.kind, plan=self.plan.model_copy(deep=True),
                                   recipient_id=notice.recipient_id, key=f"k{n}",
                                   note=notice.note)  # fmt: skip
            outgoing = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=self.now)
            raw = compose(outgoing).as_bytes()
            sent.append(email.message_from_bytes(raw, policy=email.policy.default))
        return [m for m in sent if isinstance(m, EmailMessage) and calendar_bytes(m)]

    def expected(self) -> dict[str, list[datetime]]:
        """UID -> the instants of the calls a calendar must show."""
        assert self.plan.checkin is not None
        found = {}
        for series in [*self.plan.checkin.earlier, self.plan.checkin]:
            uid = f"mutualplan-checkin-{self.plan.id}" + (
                f"-{series.number}" if series.number else ""
            )
            found[f"{uid}@plans.example.com"] = [
                when.astimezone(UTC) for _, when in held_or_planned(self.plan, series)
            ]
        return found


def calendar_bytes(message: EmailMessage) -> bytes:
    part = next((p for p in message.walk() if p.get_content_type() == "text/calendar"), None)
    data = part.get_payload(decode=True) if part is not None else b""
    return data if isinstance(data, bytes) else b""


def to(messages: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [m for m in messages if address in str(m["To"])]


# --- a calendar client's iTIP processing ----------------------------------------------------------


class ClientCalendar:
    """One person's calendar: UID -> the stored object (VTIMEZONEs and VEVENTs, no METHOD)."""

    def __init__(self) -> None:
        self.objects: dict[str, Calendar] = {}

    def receive(self, ics: bytes) -> str:
        message = Calendar.from_ical(ics)
        method = str(message["METHOD"])
        events = message.walk("VEVENT")
        uid = str(events[0]["UID"])
        stored = self.objects.get(uid)
        instance = all("RECURRENCE-ID" in e for e in events)
        if method == "CANCEL" and not instance:
            self.objects.pop(uid, None)
        elif method == "CANCEL":
            assert stored is not None, "a call of an event the calendar has"
            self._cancel_calls(stored, events)
        elif instance and stored is not None:
            self._replace_calls(stored, events, message.walk("VTIMEZONE"))
        else:
            self.objects[uid] = self._stored(message.walk("VTIMEZONE"), events)
        return uid

    @staticmethod
    def _stored(zones: list[Any], events: list[Any]) -> Calendar:
        calendar = Calendar()
        calendar.add("PRODID", "-//test client//EN")
        calendar.add("VERSION", "2.0")
        for component in [*zones, *events]:
            calendar.add_component(component)
        return calendar

    def _cancel_calls(self, stored: Calendar, events: list[Any]) -> None:
        master = next(e for e in stored.walk("VEVENT") if "RECURRENCE-ID" not in e)
        for event in events:
            master.add("EXDATE", event["RECURRENCE-ID"].dt)
            self._drop_override(stored, event["RECURRENCE-ID"].dt)

    def _replace_calls(self, stored: Calendar, events: list[Any], zones: list[Any]) -> None:
        for event in events:
            self._drop_override(stored, event["RECURRENCE-ID"].dt)
            stored.add_component(event)
        if not stored.walk("VTIMEZONE"):
            for zone in zones:
                stored.subcomponents.insert(0, zone)

    @staticmethod
    def _drop_override(stored: Calendar, call: datetime) -> None:
        stored.subcomponents = [
            c for c in stored.subcomponents
            if not (c.name == "VEVENT" and "RECURRENCE-ID" in c and c["RECURRENCE-ID"].dt == call)
        ]  # fmt: skip

    def occurrences(self) -> dict[str, list[datetime]]:
        """UID -> instants, expanded by recurring-ical-events."""
        found = {}
        for uid, calendar in self.objects.items():
            events = recurring_ical_events.of(calendar).between(date(2025, 1, 1), date(2028, 1, 1))
            found[uid] = sorted(e["DTSTART"].dt.astimezone(UTC) for e in events)
        return found


# --- Radicale -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale CalDAV server on loopback, no authentication; its base URL."""
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"), "--auth-type", "none",
         "--rights-type", "authenticated", "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/.web/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("Radicale did not start")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


class CalDav:
    """One user's calendar collection on the CalDAV server."""

    def __init__(self, base: str, user: str) -> None:
        self.url = f"{base}/{user}/checkins-{uuid.uuid4().hex[:8]}/"
        self.auth = "Basic " + base64.b64encode(f"{user}:x".encode()).decode()
        self.request("MKCALENDAR", self.url)

    def request(self, method: str, url: str, body: bytes = b"", **headers: str) -> bytes:
        sent = urllib.request.Request(url, data=body or None, method=method,
                                      headers={"Authorization": self.auth, **headers})  # fmt: skip
        with urllib.request.urlopen(sent, timeout=30) as response:
            data: bytes = response.read()
            return data

    def store(self, uid: str, calendar: Calendar | None) -> None:
        url = self.url + uuid.uuid5(uuid.NAMESPACE_URL, uid).hex + ".ics"
        if calendar is None:
            try:
                self.request("DELETE", url)
            except urllib.error.HTTPError as error:
                assert error.code == 404
            return
        self.request("PUT", url, calendar.to_ical(), **{"Content-Type": "text/calendar"})

    def expanded(self) -> dict[str, list[datetime]]:
        """UID -> instants, as the server expands them (calendar-query REPORT with expand)."""
        query = b"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data><C:expand start="20250101T000000Z" end="20280101T000000Z"/>
  </C:calendar-data></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="20250101T000000Z" end="20280101T000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""
        answer = self.request("REPORT", self.url, query, Depth="1",
                              **{"Content-Type": "application/xml"})  # fmt: skip
        found: dict[str, list[datetime]] = {}
        data = ".//{urn:ietf:params:xml:ns:caldav}calendar-data"
        for element in ElementTree.fromstring(answer).iterfind(data):
            for event in Calendar.from_ical(element.text or "").walk("VEVENT"):
                if str(event.get("STATUS", "")) == "CANCELLED":
                    continue
                start = event["DTSTART"].dt
                found.setdefault(str(event["UID"]), []).append(start.astimezone(UTC))
        return {uid: sorted(starts) for uid, starts in found.items()}


# --- the test -------------------------------------------------------------------------------------


def at(day: int, month: int = 3, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def story_steps(story: Story) -> Iterator[tuple[str, list[EmailMessage]]]:
    yield "invited", story.start()
    yield "meeting link", story.reply("meeting: https://meet.example.com/abc-defg", at(4))
    yield "Kim added", story.reply("add: Kim Lee <kim@buyer.example> as Security", at(5))
    yield "Ian removed", story.reply("remove ian@buyer.example", at(6))
    yield "a call skipped", story.reply("skip the call on Mar 24", at(11))
    yield "a call moved", story.reply("move the Mar 31 call to Apr 1 15:00", at(12))
    yield "a step past go-live", story.reply("#2 new date: 2026-05-05", at(12), "eve@buyer.example")
    yield "new cadence", story.reply("check-in: Wednesdays 15:00", at(13))
    yield "plan complete", story.complete(at(22, 4))


@pytest.mark.slow  # a CalDAV server and ical.js as processes
def test_every_message_kind_through_every_reader(radicale: str) -> None:
    story = Story()
    cleo, ian = ClientCalendar(), ClientCalendar()
    cleo_dav, ian_dav = CalDav(radicale, "cleo"), CalDav(radicale, "ian")
    kinds_seen = set()
    for step, emails in story_steps(story):
        assert emails, step
        for calendar, dav, address in ((cleo, cleo_dav, "cleo@"), (ian, ian_dav, "ian@")):
            for message in to(emails, address):
                ics = calendar_bytes(message)
                kinds_seen.add(message_kind(ics))
                check_with_ical_js(ics, story)
                uid = calendar.receive(ics)
                dav.store(uid, calendar.objects.get(uid))
        expected = story.expected()
        assert cleo.occurrences() == expected, step
        assert cleo_dav.expanded() == expected, step
        if step != "invited" and story.plan.stakeholder(IAN) is None:
            assert ian.occurrences() == {} and ian_dav.expanded() == {}, step
    assert kinds_seen == {
        "REQUEST series",
        "CANCEL series",
        "CANCEL call",
        "REQUEST call",
        "REQUEST series+calls",
    }


def message_kind(ics: bytes) -> str:
    calendar = Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    has_master = any("RECURRENCE-ID" not in e for e in events)
    shape = ("series+calls" if len(events) > 1 else "series") if has_master else "call"
    return f"{calendar['METHOD']} {shape}"


def check_with_ical_js(ics: bytes, story: Story) -> None:
    """ical.js reads the message as sent: the organizer's plain name, and for a series the
    calls a calendar would show (EXDATEs and overrides applied)."""
    seen = read_with_ical_js(ics)
    assert {c["organizer_cn"] for c in seen["components"]} == {NAMES["zoë"]}
    uid = seen["components"][0]["uid"]
    master = [c for c in seen["components"] if c["recurrence_id"] is None]
    if seen["method"] == "REQUEST" and master:
        expected = story.expected()[uid]
        iso = [e.isoformat(timespec="milliseconds").replace("+00:00", "Z") for e in expected]
        assert seen["expanded"] == iso


# --- what the messages say ------------------------------------------------------------------------


def test_the_messages_say_what_changed_and_carry_the_meeting_link() -> None:
    story = Story()
    story.start()
    update = to(story.reply("meeting: https://meet.example.com/abc-defg", at(4)), "cleo@")[0]
    assert update["Subject"] == "[Acme Corp] Check-in: a new meeting link"
    event = Calendar.from_ical(calendar_bytes(update)).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "https://meet.example.com/abc-defg"
    assert str(event["URL"]) == "https://meet.example.com/abc-defg"
    assert "Join: https://meet.example.com/abc-defg" in str(event["DESCRIPTION"])
    seen = read_with_ical_js(calendar_bytes(update))["components"][0]
    assert seen["conference"] == "https://meet.example.com/abc-defg"
    assert "https://meet.example.com/abc-defg" in update.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    removed = to(story.reply("remove ian@buyer.example", at(6)), "ian@")[0]
    assert removed["Subject"] == "[Acme Corp] Cancelled: check-in call"
    cancel = Calendar.from_ical(calendar_bytes(removed)).walk("VEVENT")[0]
    for plan_data in ("DESCRIPTION", "LOCATION", "URL", "CONFERENCE"):
        assert plan_data not in cancel, plan_data  # a removed person gets no plan data
    assert [str(a) for a in [cancel["ATTENDEE"]]] == ["mailto:ian@buyer.example"]


def test_the_attachment_is_named_and_a_utc_series_has_no_time_zone() -> None:
    story = Story()
    assert story.plan.checkin is not None
    story.plan.checkin.cadence = Cadence(weekday="TU", start="10:00", timezone="UTC")
    message = to(story.start(), "cleo@")[0]
    attachment = next(p for p in message.walk() if p.get_filename() == "invite.ics")
    assert attachment.get_param("name") == "invite.ics"
    ics = calendar_bytes(message)
    assert b"BEGIN:VTIMEZONE" not in ics
    assert b"DTSTART:20260303T100000Z" in ics


@pytest.mark.parametrize("name", list(NAMES.values()))
def test_the_organizer_name_is_plain_text_in_every_reader(name: str) -> None:
    story = Story()
    story.plan.stakeholders[0] = story.plan.seller.model_copy(update={"name": name})
    message = to(story.start(), "cleo@")[0]
    ics = calendar_bytes(message)
    organizer = Calendar.from_ical(ics).walk("VEVENT")[0]["ORGANIZER"]
    assert organizer.params["CN"] == name
    assert b"=?utf-8?" not in ics.lower()
    assert read_with_ical_js(ics)["components"][0]["organizer_cn"] == name
    line = ics.replace(b"\r\n ", b"").split(b"ORGANIZER;CN=")[1].split(b":mailto:")[0]
    assert line in (name.encode(), f'"{name}"'.encode())  # RFC 5545: quoted where it must be


def test_updates_keep_the_answers_people_gave() -> None:
    story = Story()
    story.start()
    assert story.plan.checkin is not None
    story.plan.checkin.answers = {CLEO: "ACCEPTED", 3: "DECLINED"}
    update = to(story.reply("add: Kim Lee <kim@buyer.example>", at(5)), "cleo@")[0]
    event = Calendar.from_ical(calendar_bytes(update)).walk("VEVENT")[0]
    params = {str(a).removeprefix("mailto:"): a.params for a in event["ATTENDEE"]}
    assert params["cleo@buyer.example"]["PARTSTAT"] == "ACCEPTED"
    assert params["cleo@buyer.example"]["RSVP"] == "FALSE"
    assert params["eve@buyer.example"]["PARTSTAT"] == "DECLINED"
    assert params["kim@buyer.example"]["PARTSTAT"] == "NEEDS-ACTION"
    assert params["kim@buyer.example"]["RSVP"] == "TRUE"


def test_a_page_ics_reads_the_same_under_one_sequence() -> None:
    """The page's .ics is dated when SEQUENCE last went up: two downloads between changes are
    the same bytes, and the next change comes with the next SEQUENCE."""
    from mutualplan.calendar.invites import build_invite

    story = Story()
    story.start()
    plan = story.plan
    assert plan.checkin is not None

    def page_ics() -> bytes:
        assert plan.checkin is not None
        return build_invite(plan, series=plan.checkin, organizer="plans+x@plans.example.com",
                            organizer_name=plan.seller.display, attendees=plan.stakeholders,
                            method="REQUEST", dtstamp=plan.checkin.revised_at or plan.created_at,
                            uid="u@x")  # fmt: skip

    first = page_ics()
    story.reply("#1 done", at(4), "ian@buyer.example")
    assert page_ics() == first
    story.reply("#2 new date: 2026-05-05", at(5), "eve@buyer.example")
    assert b"SEQUENCE:1" in page_ics() and page_ics() != first


def test_ended_series_keeps_the_calls_held_in_a_calendar() -> None:
    story = Story()
    cleo = ClientCalendar()
    for message in to(story.start(), "cleo@"):
        cleo.receive(calendar_bytes(message))
    for message in to(story.complete(at(12)), "cleo@"):
        assert message["Subject"] == "[Acme Corp] Check-in calls end: the plan is complete"
        cleo.receive(calendar_bytes(message))
    (held,) = cleo.occurrences().values()
    assert held == [
        datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
    ]
    assert held[-1] < at(12) < held[-1] + timedelta(days=7)


def test_radicale_is_a_real_server(radicale: str) -> None:
    assert Path(sys.executable).exists()
    with urllib.request.urlopen(radicale + "/.web/", timeout=5) as response:
        assert response.status == 200
