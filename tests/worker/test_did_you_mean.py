"""A start email to a mistyped template address (plans+enterprize@) is answered with the
address it most likely meant, ready to send to, before the list of every template; nothing
close, no guess. Through the real router, its answer caught by a loopback SMTP server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mutualplan.business_days import example_dates
from mutualplan.devstack.playground import example_start_email
from mutualplan.languages import ENGLISH, SHIPPED
from mutualplan.mail.compose import Renderer
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings
from mutualplan.template_files import TemplateFile, closest_names
from mutualplan.worker.inbound import InboundRouter

ALEX = "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="did-you-mean-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"meant-{uuid.uuid4().hex[:8]}",
    )


async def answer_to(
    router: InboundRouter, settings: Settings, sink: Any, tag: str, *, body: str = ""
) -> str:
    """The body of the answer Alex gets for a start email to plans+`tag`@ (with `body`, if
    given, as its text)."""
    start = example_start_email(settings, template="short", today=datetime.now(UTC).date())
    start.replace_header("To", f"{settings.plans_mailbox}+{tag}@{settings.domain}")
    if body:
        start.set_content(body)
    outcome = await router.handle(start.as_bytes())
    assert outcome.outcome is Outcome.UNKNOWN_TEMPLATE, outcome
    answer: EmailMessage = await sink.wait_for(
        lambda m: ALEX in str(m["To"]) and m["In-Reply-To"] == start["Message-ID"]
    )
    subject = "Keine solche Planvorlage" if body else "No such plan template"
    assert subject in str(answer["Subject"]), answer["Subject"]
    return str(answer.get_content())


@pytest.mark.parametrize("tag", ["enterprize", "enter_prise", "Enter-Prise", "entreprise"])
async def test_a_mistyped_template_is_answered_with_the_address_it_meant(
    router: InboundRouter, settings: Settings, smtp_sink: Any, tag: str
) -> None:
    text = await answer_to(router, settings, smtp_sink, tag)
    meant = "plans+enterprise@mutualplan.localhost"
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[1] == f"Did you mean {meant}? Send it again to that address.", text
    # the list of every template still follows
    assert "plans+short@mutualplan.localhost" in text and text.count(meant) == 2


async def test_a_start_email_in_german_is_answered_in_german(
    router: InboundRouter, settings: Settings, smtp_sink: Any
) -> None:
    """A start email answering nothing is read only as a start email, not also as a reply;
    the language it is written in still says how to answer it."""
    body = (
        "Hallo zusammen,\n\nhier ist der Plan, den wir besprochen haben.\n\n"
        "Champion: Jane Doe <jane@globex.example>\n"
        "Nutzen: Globex verkürzt die Einarbeitung neuer Filialen von sechs auf zwei Wochen.\n"
        "\nViele Grüße\nAlex\n"
    )
    text = await answer_to(router, settings, smtp_sink, "enterprize", body=body)
    assert "plans+enterprise@mutualplan.localhost" in text and "Did you mean" not in text


async def test_nothing_close_is_answered_with_the_list_alone(
    router: InboundRouter, settings: Settings, smtp_sink: Any
) -> None:
    text = await answer_to(router, settings, smtp_sink, "quarterly-review")
    assert "Did you mean" not in text
    assert 'no plan template called "quarterly-review"' in text
    assert "plans+enterprise@mutualplan.localhost" in text


def test_several_close_names_are_offered_closest_first() -> None:
    files = [
        TemplateFile(path=Path(f"{n}.yaml"), name=n) for n in ("pilot-eu", "pilot-us", "short")
    ]
    assert closest_names("pilot-uk", files) == ["pilot-us", "pilot-eu"]
    assert closest_names("PILOT_EU", files) == ["pilot-eu"]
    assert closest_names("renewal", files) == []
    assert closest_names("short", []) == [] and closest_names("--", files) == []


def test_an_alias_mistyped_offers_its_template() -> None:
    files = [TemplateFile(path=Path("regulated.yaml"), name="regulated", aliases=["banking"])]
    assert closest_names("bankng", files) == ["regulated"]


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != ENGLISH])
def test_the_suggestion_is_said_in_the_sellers_language(language: str) -> None:
    meant = "plans+enterprise@mutualplan.localhost"
    listed = [{"address": meant, "title": "Enterprise", "count": 9}]
    text = Renderer().text(
        "unknown-template",
        language=language,
        examples=example_dates(datetime.now(UTC).date()),
        name="enterprize",
        meant=[meant],
        templates=listed,
    )
    first = [line for line in text.splitlines() if line.strip()][1]
    assert meant in first and "Did you mean" not in first, first
