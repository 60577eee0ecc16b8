"""Every email to the seller carries their cockpit link; nobody else's does."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from mutualplan.links import CockpitLinks
from mutualplan.mail.compose import Renderer
from mutualplan.mail.plan_emails import plan_email
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template

NOW = datetime.now(UTC)
SETTINGS = Settings(secret="test-secret", web_public_url="https://plans.acme.example")
KINDS = [EmailKind.PLAN_CREATED, EmailKind.MILESTONE_DONE, EmailKind.PLAN_NOTICE,
         EmailKind.PLAN_COMPLETED]  # fmt: skip


def email_to(recipient_id: int, kind: EmailKind) -> tuple[str, str]:
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example", template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"), deal="Globex rollout",
        go_live=(NOW + timedelta(days=60)).date(),
        people=[Person(name="Jane Doe", email="jane@globex.example", role="champion")],
        confirm=True,
    )  # fmt: skip
    plan = build_plan(load_template("short"), request, plan_id="p1", now=NOW)
    milestone = plan.milestones[0].key if kind is EmailKind.MILESTONE_DONE else None
    request = EmailRequest(
        kind=kind, plan=plan, recipient_id=recipient_id, milestone_key=milestone, key="k",
        note="A note.",
    )  # fmt: skip
    email = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)
    return email.text, email.html or ""


@pytest.mark.parametrize("kind", KINDS)
def test_the_sellers_emails_link_to_their_cockpit(kind: EmailKind) -> None:
    text, html = email_to(1, kind)
    found = re.search(r"All your plans at a glance:\s+(\S+)", text)
    assert found, text
    token = found.group(1).removeprefix("https://plans.acme.example/c/")
    assert CockpitLinks(b"test-secret").read(token, NOW).person == "alex@acme.example"
    assert found.group(1) in html


@pytest.mark.parametrize("kind", KINDS)
def test_nobody_elses_emails_do(kind: EmailKind) -> None:
    text, html = email_to(2, kind)
    assert "/c/" not in text and "/c/" not in html
