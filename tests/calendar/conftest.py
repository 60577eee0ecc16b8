"""The calendar tests' plan (tests/support/invites.py) and check-in cadence, as fixtures."""

from __future__ import annotations

import pytest

from mutualplan.calendar.checkin import Cadence
from mutualplan.models import Plan
from tests.support.invites import make_plan


@pytest.fixture
def plan() -> Plan:
    return make_plan()


@pytest.fixture
def cadence() -> Cadence:
    return Cadence(weekday="TU", start="10:00", duration_minutes=30, timezone="Europe/Berlin")
