"""Plans for workflow tests, built the way the engine builds them from a start email."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from mutualplan.mail.tokens import plan_id_for
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan, load_template

SECRET = "workflow-test-secret"
PEOPLE = [
    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
    Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
    Person(name="Priya Patel", email="priya@globex.example", role="legal"),
    Person(name="Omar Haddad", email="omar@globex.example", role="security"),
]


def make_plan(template: str = "enterprise", *, confirm: bool = True) -> Plan:
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template=template,
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=datetime(2027, 3, 1).date(),
        people=PEOPLE,
        confirm=confirm,
    )
    return build_plan(
        load_template(template),
        request,
        plan_id=plan_id_for(request.message_id),
        now=datetime(2026, 12, 1, 9, tzinfo=UTC),
    )
