"""Whether a calendar answer counts for a plan (`checkins.check_rsvp`, the one place the rule
is kept): the plan's current check-in series, from the person the invite went to, both as the
answering ATTENDEE and as the email's sender. Pure: a plan in, Refused or not out. (More cases,
answers per call among them, are in tests/calendar/test_series_edits.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mutualplan.calendar.invites import checkin_uid
from mutualplan.checkins import check_rsvp
from mutualplan.errors import NotTheirs, Refused
from mutualplan.messages import RsvpCommand
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
JANE = "jane@globex.example"


def plan() -> Plan:
    request = StartRequest(
        message_id="start-1@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=date(2027, 3, 1),
        people=[Person(name="Jane Doe", email=JANE, role="champion")],
        checkin="Tuesdays 10:00",
    )
    built = build_plan(load_template("short"), request, plan_id="abcdefghij", now=NOW)
    assert built.checkin is not None
    built.checkin.sequence = 1
    return built


def answer(plan: Plan, **changes: object) -> RsvpCommand:
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    command = RsvpCommand(
        message_id="rsvp-1@globex.example",
        sender=JANE,
        token_stakeholder_id=jane.id,
        uid=checkin_uid(plan.id, "mutualplan.localhost"),
        sequence=1,
        attendee=JANE,
        partstat="DECLINED",
    )
    return command.model_copy(update=changes)


def test_the_attendee_answering_the_current_invite_counts() -> None:
    current = plan()
    check_rsvp(current, answer(current))
    check_rsvp(current, answer(current, sequence=2))  # a client may count on


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"sender": "mallory@evil.example"}, NotTheirs),  # the review's finding 4
        ({"attendee": "sam@globex.example"}, NotTheirs),
        ({"token_stakeholder_id": 99}, Refused),  # gone from the plan
        ({"sequence": 0}, Refused),
        ({"uid": "mutualplan-checkin-otherplan1@mutualplan.localhost"}, Refused),
    ],
)
def test_an_answer_that_is_not_theirs_or_not_current_is_refused(
    changes: dict[str, object], refusal: type[Refused]
) -> None:
    current = plan()
    with pytest.raises(refusal) as refused:
        check_rsvp(current, answer(current, **changes))
    assert type(refused.value) is refusal
