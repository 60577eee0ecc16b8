"""What people wrote, on the plan page: a "Did you mean ...?" answered with its one-click link
(confirm, then POST), and files downloaded through each person's own link, read from the
processed message in the plans mailbox (the embedded IMAP server, pymap) as it was filed.

Plans run on Temporal's time-skipping server; the router reads the replies; the engine's emails
go to a loopback SMTP sink. TestClient runs the app on its own thread (see test_plan_pages).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import compose_reply
from mutualplan.links import LinkAction, LinkClaims, Links
from mutualplan.mail.compose import Renderer
from mutualplan.mail.receive import open_mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.models import MilestoneStatus, Plan
from mutualplan.settings import Settings
from mutualplan.web.app import build_app
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.web import BASE_URL, JANE, SAM, SECRET, start_plan, web_plan, your_turn

PDF = b"%PDF-1.4\n% the signed proposal\n" + bytes(range(256)) * 4


@pytest.fixture
async def settings(  # type: ignore[override]
    smtp_sink: Any, tmp_path: Path, free_port: Callable[[], int]
) -> AsyncIterator[Settings]:
    """The web tests' settings, with the plans mailbox on the embedded IMAP server."""
    settings = Settings(
        data_dir=tmp_path,
        secret=SECRET,
        smtp_port=smtp_sink.port,
        imap_port=free_port(),
        task_queue=f"web-{uuid.uuid4().hex[:8]}",
        web_public_url=BASE_URL,
    )
    mail = tmp_path / "mail"
    async with dev_mail_server(mail, smtp_port=free_port(), imap_port=settings.imap_port):
        yield settings


@pytest.fixture
async def worker(
    time_skipping_env: WorkflowEnvironment, settings: Settings
) -> AsyncIterator[Worker]:
    async with build_worker(settings, time_skipping_env.client) as running:
        yield running


@pytest.fixture
def router(time_skipping_env: WorkflowEnvironment, settings: Settings, worker: Worker) -> Any:
    return InboundRouter(settings, time_skipping_env.client, SmtpSender(settings.smtp), Renderer())


@pytest.fixture
def browser(time_skipping_env: WorkflowEnvironment, settings: Settings, worker: Worker) -> Any:
    with TestClient(build_app(settings, time_skipping_env.client), base_url=BASE_URL) as client:
        yield client


async def get(client: TestClient, url: str) -> Any:
    return await asyncio.to_thread(client.get, url)


async def post(client: TestClient, url: str, **kwargs: Any) -> Any:
    return await asyncio.to_thread(client.post, url, **kwargs)


async def current(env: WorkflowEnvironment, plan: Plan) -> Plan:
    return await env.client.get_workflow_handle(plan.id).query(PlanWorkflow.current_plan)


def filed(settings: Settings, message: EmailMessage) -> None:
    """As the listener files a message it applied: into the processed folder."""
    with open_mailbox(settings) as mailbox:
        mailbox.client.append(settings.processed_folder, message.as_bytes())


def page_link(settings: Settings, plan: Plan, person: str) -> str:
    links = Links(settings.secret_bytes(), base_url=BASE_URL)
    viewer = plan.stakeholder_by_email(person)
    assert viewer is not None
    return links.for_person(
        plan.id, plan.go_live, viewer.id, links.expiry(plan.go_live, plan.created_at)
    ).page


async def test_a_yes_link_shows_what_it_does_then_applies_it_once(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink: Any, router: Any,
    browser: TestClient,
) -> None:  # fmt: skip
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    unsure = compose_reply(turn.as_bytes(), sender=JANE, text="I think we're done here?")
    assert (await router.handle(unsure.as_bytes())).applied
    asked = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == unsure["Message-ID"])
    text = asked.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(re.escape(BASE_URL) + r"/a/\S+", text)
    assert link, text

    page = await get(browser, link.group())

    assert page.status_code == 200
    assert "Did you mean this?" in page.text and "Mark «Proposal reviewed" in page.text
    assert "I think we&#39;re done here?" in page.text  # the words it was read from
    assert (await current(time_skipping_env, plan)).milestones[0].status is MilestoneStatus.ACTIVE
    token = link.group().rsplit("/", 1)[1]
    done = await post(browser, link.group(), data={"token": token})
    assert done.status_code == 200, done.text
    assert "marked done" in done.text
    after = await current(time_skipping_env, plan)
    assert after.milestones[0].status is MilestoneStatus.DONE
    assert after.milestones[0].history[-1].by == JANE and after.questions == []
    again = await post(browser, link.group(), data={"token": token})
    assert again.status_code == 410 and "Already answered" in again.text


async def test_a_yes_link_is_only_for_the_person_asked(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink: Any, router: Any,
    browser: TestClient,
) -> None:  # fmt: skip
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    unsure = compose_reply(turn.as_bytes(), sender=JANE, text="I think we're done here?")
    assert (await router.handle(unsure.as_bytes())).applied
    [question] = (await current(time_skipping_env, plan)).questions
    sam = plan.stakeholder_by_email(SAM)
    assert sam is not None
    links = Links(settings.secret_bytes(), base_url=BASE_URL)
    expires = links.expiry(plan.go_live, plan.created_at)
    claims = LinkClaims(plan_id=plan.id, stakeholder_id=sam.id, action=LinkAction.YES,
                        expires=expires, ref=question.key)  # fmt: skip

    page = await get(browser, links.page_url(claims))

    assert page.status_code == 410
    assert (await current(time_skipping_env, plan)).milestones[0].status is MilestoneStatus.ACTIVE


async def test_files_are_listed_on_their_step_and_downloaded_from_the_mailbox(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink: Any, router: Any,
    browser: TestClient,
) -> None:  # fmt: skip
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    done = compose_reply(turn.as_bytes(), sender=JANE, text="Done, signed copy attached")
    done.add_attachment(PDF, maintype="application", subtype="pdf", filename="Signed proposal.pdf")
    done.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream",
                        filename="installer.exe")  # fmt: skip
    assert (await router.handle(done.as_bytes())).applied
    await asyncio.to_thread(filed, settings, done)

    page = await get(browser, page_link(settings, plan, SAM))  # anyone on the plan

    assert page.status_code == 200
    milestone = page.text.split('id="m1"', 1)[1].split('id="m2"', 1)[0]
    assert "Signed proposal.pdf" in milestone and "installer.exe" in milestone
    assert "a program: it is listed, not served" in milestone
    [download] = re.findall(r'href="(/f/[^"]+)"', milestone)
    got = await get(browser, download)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith(
        'attachment; filename="Signed proposal.pdf"'
    )
    # a link to the program, signed as any would be, is refused
    program = next(a for a in (await current(time_skipping_env, plan)).attachments
                   if a.name == "installer.exe")  # fmt: skip
    sam = plan.stakeholder_by_email(SAM)
    assert sam is not None
    links = Links(settings.secret_bytes())
    refused = await get(
        browser, links.file_url(plan.id, plan.go_live, sam.id, plan.created_at, program.key)
    )
    assert refused.status_code == 403 and "installer.exe" in refused.text
    # a link altered to name another file does not open
    altered = download.replace(download.split(".")[-2], "0" * 16 + "p2")
    assert (await get(browser, altered)).status_code == 403


async def test_a_file_whose_message_left_the_mailbox_is_said_to_be_gone(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink: Any, router: Any,
    browser: TestClient,
) -> None:  # fmt: skip
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    note = compose_reply(turn.as_bytes(), sender=JANE, text="The draft, for what it is worth")
    note.add_attachment(PDF, maintype="application", subtype="pdf", filename="draft.pdf")
    assert (await router.handle(note.as_bytes())).applied  # a comment, with its file

    page = await get(browser, page_link(settings, plan, JANE))
    [download] = re.findall(r'href="(/f/[^"]+)"', page.text)
    gone = await get(browser, download)

    assert gone.status_code == 404 and "no longer in the plans mailbox" in gone.text
    assert "The draft, for what it is worth" in page.text  # the comment shows on its step


async def test_a_file_is_served_only_from_the_message_it_came_with(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink: Any, router: Any,
    browser: TestClient,
) -> None:  # fmt: skip
    """IMAP's SEARCH HEADER matches a substring: Sam's later message whose Message-ID field also
    holds Jane's ID (in a comment, or as its own) must not have his file served as hers."""
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    done = compose_reply(turn.as_bytes(), sender=JANE, text="Done, signed copy attached")
    done.add_attachment(PDF, maintype="application", subtype="pdf", filename="Signed proposal.pdf")
    assert (await router.handle(done.as_bytes())).applied
    await asyncio.to_thread(filed, settings, done)
    page = await get(browser, page_link(settings, plan, SAM))
    [download] = re.findall(r'href="(/f/[^"]+)"', page.text)

    to_sam = await smtp_sink.wait_for(lambda m: SAM in str(m["To"]) and m["Reply-To"])
    jane_id = str(done["Message-ID"])
    for field in (f"<{uuid.uuid4()}@globex.example> ({jane_id})", jane_id):
        forged = compose_reply(to_sam.as_bytes(), sender=SAM, text="Updated copy attached")
        forged.replace_header("Message-ID", field)
        forged.add_attachment(
            b"%PDF-1.4\n% not what was signed\n", maintype="application", subtype="pdf",
            filename="Signed proposal.pdf",
        )  # fmt: skip
        outcome = await router.handle(forged.as_bytes())
        assert outcome.applied, outcome.reason  # so the listener files it with Jane's
        await asyncio.to_thread(filed, settings, forged)

        got = await get(browser, download)

        assert got.status_code == 200 and got.content == PDF, field
