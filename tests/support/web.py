"""The plan page's tests: their people, a short plan with a value statement, criteria and a
check-in call, starting it, and reading the links its emails carry."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow

SECRET = "web-test-secret"
BASE_URL = "http://plans.test"
SELLER = Person(name="Alex Seller", email="alex@acme.example")
PEOPLE = [
    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
    Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
    Person(name="Priya Patel", email="priya@globex.example", role="legal"),
]
JANE, SAM, ALEX = "jane@globex.example", "sam@globex.example", "alex@acme.example"


def web_plan(deal: str = "Globex rollout", people: list[Person] = PEOPLE) -> Plan:
    """A short plan (Jane, then Sam, ...) with a value statement, criteria and a check-in call."""
    now = datetime.now(UTC)
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template="short",
        seller=SELLER,
        deal=deal,
        go_live=(now + timedelta(days=60)).date(),
        people=people,
        value_statement="Globex cuts onboarding time for new stores from 6 weeks to 2.",
        success_criteria=["Store managers onboard in under 2 weeks", "SSO live before go-live"],
        checkin="Tuesdays 10:00 Europe/Berlin",
        confirm=True,
    )
    return build_plan(
        load_template("short"), request, plan_id=plan_id_for(request.message_id), now=now
    )


async def start_plan(env: WorkflowEnvironment, settings: Settings, plan: Plan) -> WorkflowHandle:
    return await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )


def link_in(email: EmailMessage, label: str) -> str:
    """The URL after `label` in an email's plain text ("Mark done:", "I'm blocked:", ...)."""
    text = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    found = re.search(re.escape(label) + r"\s+(https?://\S+)", text)
    assert found, f"no {label!r} link in:\n{text}"
    return found.group(1)


def your_turn(address: str) -> Callable[[EmailMessage], bool]:
    return lambda m: address in str(m["To"]) and "Your turn" in str(m["Subject"])
