"""Shared plans for the calendar tests: a Berlin deal across the March daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mutualplan.calendar.checkin import Cadence
from mutualplan.models import Milestone, MilestoneStatus, Plan, Side, Stakeholder

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rsvp"
JS_DIR = Path(__file__).parent.parent / "js"
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


@pytest.fixture
def plan() -> Plan:
    return make_plan()


@pytest.fixture
def cadence() -> Cadence:
    return Cadence(weekday="TU", start="10:00", duration_minutes=30, timezone="Europe/Berlin")
