"""Plans for workflow tests, built the way the engine builds them from a start email.

Dates come from the clock the test runs under (Temporal's time-skipping server starts at it too),
never from the calendar: a plan made "today" with go-live 100 days on, whatever day today is."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from mutualplan.mail.tokens import plan_id_for
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

SECRET = "workflow-test-secret"
PEOPLE = [
    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
    Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
    Person(name="Priya Patel", email="priya@globex.example", role="legal"),
    Person(name="Omar Haddad", email="omar@globex.example", role="security"),
]


GO_LIVE_AFTER = timedelta(days=100)


def make_plan(
    template: str = "enterprise", *, confirm: bool = True, now: datetime | None = None
) -> Plan:
    """The plan a seller's start email makes at `now` (by default, the clock's now)."""
    now = now or datetime.now(UTC)
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template=template,
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(now + GO_LIVE_AFTER).date(),
        people=PEOPLE,
        confirm=confirm,
    )
    return build_plan(
        load_template(template),
        request,
        plan_id=plan_id_for(request.message_id),
        now=now,
    )
