"""The seller's commands for the check-in calls, read against the reply's own Date."""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.commands import read_command
from mutualplan.models import CallMove, Intent

TODAY = date(2026, 12, 14)  # a Monday: the reply's Date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "meeting: https://meet.example.com/abc-defg",
            (Intent.MEETING, "https://meet.example.com/abc-defg"),
        ),
        (
            "Meeting link: <https://zoom.example/j/123>",
            (Intent.MEETING, "<https://zoom.example/j/123>"),
        ),
        ("meeting: none", (Intent.MEETING, "none")),
        (
            "check-in: Wednesdays 15:00 Europe/Berlin",
            (Intent.CADENCE, "Wednesdays 15:00 Europe/Berlin"),
        ),
        ("Check-ins: Thu 9am", (Intent.CADENCE, "Thu 9am")),
        ("skip the call on Dec 23", (Intent.SKIP_CALL, "2026-12-23")),
        ("Skip the check-in call on 23 December.", (Intent.SKIP_CALL, "2026-12-23")),
        ("cancel the call on 2027-01-05", (Intent.SKIP_CALL, "2027-01-05")),
        ("skip the next call", (Intent.SKIP_CALL, "next")),
        ("skip tomorrow's call", (Intent.SKIP_CALL, "2026-12-15")),
        ("skip Tuesday's call", (Intent.SKIP_CALL, "2026-12-15")),
        ("skip the Dec 23 call", (Intent.SKIP_CALL, "2026-12-23")),
        (
            "move the Dec 23 call to Dec 24 10:00",
            (Intent.MOVE_CALL, CallMove(call="2026-12-23", to="2026-12-24T10:00")),
        ),
        (
            "move the call on Dec 23 to Dec 24 at 3pm",
            (Intent.MOVE_CALL, CallMove(call="2026-12-23", to="2026-12-24T15:00")),
        ),
        (
            "move the Dec 23 call to 11:30",
            (Intent.MOVE_CALL, CallMove(call="2026-12-23", to="T11:30")),
        ),
        (
            "move the Dec 23 call to Thursday",
            (Intent.MOVE_CALL, CallMove(call="2026-12-23", to="2026-12-24")),
        ),
        (
            "move the next call to Jan 7 16:00",
            (Intent.MOVE_CALL, CallMove(call="next", to="2027-01-07T16:00")),
        ),
        # not the calls: a step's date, and the plan itself
        ("move it to Dec 24", (Intent.RESCHEDULE, "2026-12-24")),
        ("cancel the plan - budget frozen", (Intent.CANCEL, "budget frozen")),
    ],
)
def test_calendar_commands_are_read(text: str, expected: tuple[Intent, str | CallMove]) -> None:
    line = read_command(text, TODAY)
    assert (line.intent, line.details or line.argument) == expected
