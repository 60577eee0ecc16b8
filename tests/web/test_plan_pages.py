"""The plan pages through Starlette's TestClient, against plans running on Temporal's
time-skipping server with the real mail activity sending to a loopback SMTP sink.

TestClient is synchronous and runs the app on its own thread and loop; each request goes through
asyncio.to_thread so this loop keeps running the worker that answers the app's queries.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt
from starlette.testclient import TestClient
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan.calendar.invites import checkin_uid
from mutualplan.engagement import OPENED
from mutualplan.links import LinkAction, LinkClaims, Links
from mutualplan.mail.tokens import read_token
from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, Link, MilestoneStatus, Plan
from mutualplan.planning import Person
from mutualplan.settings import Settings
from mutualplan.web.app import build_app
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.web import (
    ALEX,
    BASE_URL,
    JANE,
    SAM,
    SECRET,
    link_in,
    start_plan,
    web_plan,
    your_turn,
)


class Browser:
    """TestClient, called off the event loop."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    async def get(self, url: str, **kwargs: Any) -> Any:
        return await asyncio.to_thread(self.client.get, url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> Any:
        return await asyncio.to_thread(self.client.post, url, **kwargs)


@pytest.fixture
async def web(
    time_skipping_env: WorkflowEnvironment, settings: Settings, worker: object
) -> AsyncIterator[Browser]:
    with TestClient(build_app(settings, time_skipping_env.client), base_url=BASE_URL) as client:
        yield Browser(client)


async def running(
    env: WorkflowEnvironment, settings: Settings, sink: Any, plan: Plan | None = None
) -> tuple[WorkflowHandle, EmailMessage]:
    """A plan started, and Jane's "Your turn" email for its first milestone."""
    handle = await start_plan(env, settings, plan or web_plan())
    return handle, await sink.wait_for(your_turn(JANE))


async def current(handle: WorkflowHandle) -> Plan:
    return await handle.query(PlanWorkflow.current_plan)


def page_link(email: EmailMessage) -> str:
    return link_in(email, "no password needed):")


async def test_the_page_shows_the_whole_plan_and_records_the_open_once(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    first = await web.get(page_link(turn))
    again = await web.get(page_link(turn))
    assert first.status_code == again.status_code == 200
    html = first.text
    for shown in (
        "Globex rollout",
        "Globex cuts onboarding time for new stores from 6 weeks to 2.",
        "SSO live before go-live",
        "Proposal reviewed and agreed",  # milestones, with owners and states
        "Budget approved",
        "Sam Lee, Economic Buyer",
        "in progress",
        "not started",
        "on track",  # health, go-live, projected go-live
        "Projected go-live",
        "Priya Patel",  # people and roles
        "Legal",
        "Tuesdays 10:00",  # the check-in call and who answered
        "no answer yet",
        "Hi Jane Doe",  # whose link it is, with their own one-click answers
        "Mark done",
    ):
        assert shown in html, shown
    plan = await current(handle)
    opens = [e for e in plan.history if e.what == OPENED]
    assert [e.by for e in opens] == [JANE]  # two loads, one open recorded
    assert f"Jane Doe: {OPENED}" in (await web.get(page_link(turn))).text


async def test_security_headers_on_every_page(web, time_skipping_env, settings, smtp_sink):  # type: ignore[no-untyped-def]
    _, turn = await running(time_skipping_env, settings, smtp_sink)
    for url in (page_link(turn), link_in(turn, "Mark done:"), "/p/forged", "/nothing-here"):
        response = await web.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "<script" not in response.text


async def test_confirm_then_done_moves_the_plan_on(web, time_skipping_env, settings, smtp_sink):  # type: ignore[no-untyped-def]
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    done = link_in(turn, "Mark done:")
    confirm = await web.get(done)
    assert confirm.status_code == 200
    assert "Mark it done?" in confirm.text and "Proposal reviewed and agreed" in confirm.text
    assert (await current(handle)).milestones[0].status is MilestoneStatus.ACTIVE  # GET: nothing

    token = done.rsplit("/", 1)[1]
    acted = await web.post(done, data={"token": token})
    assert acted.status_code == 200, acted.text
    assert "Jane Doe marked done" in acted.text
    plan = await current(handle)
    first = plan.milestones[0]
    assert first.status is MilestoneStatus.DONE
    assert [(e.by, e.what) for e in first.history][-1] == (JANE, "marked done")
    await smtp_sink.wait_for(your_turn(SAM))  # the next owner's turn
    await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "Done:" in str(m["Subject"]))

    twice = await web.post(done, data={"token": token})  # the same link again: refused, says why
    assert twice.status_code == 409 and "already done" in twice.text


async def test_blocked_asks_for_a_reason_and_tells_the_seller(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    blocked = link_in(turn, "I'm blocked:")
    token = blocked.rsplit("/", 1)[1]
    form = await web.get(blocked)
    assert form.status_code == 200 and 'name="reason"' in form.text
    empty = await web.post(blocked, data={"token": token, "reason": "   "})
    assert empty.status_code == 400
    said = await web.post(blocked, data={"token": token, "reason": "Waiting on\r\nlegal"})
    assert said.status_code == 200 and "blocked: Waiting on legal" in said.text
    plan = await current(handle)
    assert plan.milestones[0].blocked == "Waiting on legal"
    assert plan.health == "at risk"
    told = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Changed" in str(m["Subject"])
    )
    assert "Waiting on legal" in told.get_body(("plain",)).get_content()
    assert "Blocked: Waiting on legal" in (await web.get(page_link(turn))).text


async def test_only_the_owner_or_the_seller_can_answer(web, time_skipping_env, settings, smtp_sink):  # type: ignore[no-untyped-def]
    handle, _ = await running(time_skipping_env, settings, smtp_sink)
    plan = await current(handle)
    sam = plan.stakeholder_by_email(SAM)
    assert sam is not None
    links = Links(SECRET.encode(), base_url=BASE_URL)
    # a genuine link of Sam's, for Jane's milestone (no email carries one: Sam is not its owner)
    sams = links.page_url(
        LinkClaims(
            plan_id=plan.id,
            stakeholder_id=sam.id,
            action=LinkAction.DONE,
            milestone_number=1,
            expires=datetime.now(UTC) + timedelta(days=9),
        )
    )
    # Sam reads the page: he is told he may not, and whom to ask, by name and address
    told = (
        "Nothing changed: you are not the owner of \u201cProposal reviewed and agreed\u201d: Jane "
        "Doe (jane@globex.example) is. Ask them, or the seller, Alex Seller (alex@acme.example), "
        "to change it."
    )
    shown = await web.get(sams)
    assert shown.status_code == 409 and "<form" not in shown.text
    assert told in html.unescape(shown.text) and SAM not in shown.text
    posted = await web.post(sams, data={"token": sams.rsplit("/", 1)[1]})
    assert posted.status_code == 409 and told in html.unescape(posted.text)
    assert (await current(handle)).milestones[0].status is MilestoneStatus.ACTIVE

    alex = links.page_url(
        LinkClaims(
            plan_id=plan.id,
            stakeholder_id=plan.seller_id,
            action=LinkAction.DONE,
            milestone_number=1,
            expires=datetime.now(UTC) + timedelta(days=9),
        )
    )
    assert (await web.post(alex, data={"token": alex.rsplit("/", 1)[1]})).status_code == 200
    done = (await current(handle)).milestones[0]
    assert done.status is MilestoneStatus.DONE and done.history[-1].by == ALEX


async def test_posts_without_their_link_or_from_another_site_change_nothing(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    done = link_in(turn, "Mark done:")
    token = done.rsplit("/", 1)[1]
    attempts = [
        {"data": {}},
        {"data": {"token": "something-else"}},
        {"data": {"token": token}, "headers": {"Sec-Fetch-Site": "cross-site"}},
        {"content": b'{"token": "x"}', "headers": {"Content-Type": "application/json"}},
        {"data": {"token": token, "reason": "x" * 20_000}},
    ]
    for attempt in attempts:
        response = await web.post(done, **attempt)
        assert response.status_code in (403, 413, 415), (attempt, response.status_code)
    assert (await current(handle)).milestones[0].status is MilestoneStatus.ACTIVE


async def test_forged_expired_and_misused_links_show_a_clear_page_and_no_data(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    plan = await current(handle)
    page, done = page_link(turn), link_in(turn, "Mark done:")
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    links = Links(SECRET.encode(), base_url=BASE_URL)
    expired = links.page_url(
        LinkClaims(
            plan_id=plan.id,
            stakeholder_id=jane.id,
            expires=datetime.now(UTC) - timedelta(minutes=1),
        )
    )
    reply_token = str(turn["Reply-To"]).split("+", 1)[1].split("@", 1)[0]
    cases = [
        (page[:-2] + ("AA" if not page.endswith("AA") else "BB"), 403, "does not work"),
        (page.replace(f".{jane.id}.view.", ".1.view."), 403, "does not work"),  # another person
        (expired, 410, "expired"),
        (done.replace("/a/", "/p/"), 403, "not for this page"),  # an action link as a page
        (page.replace("/p/", "/a/"), 403, "not for this page"),  # a page link as an action
        (f"{BASE_URL}/p/{reply_token}", 403, "does not work"),  # a reply token is no link
        (page + "/plan.ics" + "x", 404, "no page here"),
    ]
    for url, status, says in cases:
        response = await web.get(url)
        assert (response.status_code, says in response.text) == (status, True), url
        for secret_data in ("Globex", "Jane", "Proposal", "jane@"):
            assert secret_data not in response.text, (url, secret_data)
    assert [e for e in (await current(handle)).history if e.what == OPENED] == []


async def test_someone_taken_off_the_plan_loses_their_page(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, _ = await running(time_skipping_env, settings, smtp_sink)
    invite = await smtp_sink.wait_for(lambda m: "priya@" in str(m["To"]))
    priya_page = page_link(invite)
    assert (await web.get(priya_page)).status_code == 200
    claims = read_token(SECRET.encode(), str(invite["Reply-To"]).split("+")[1].split("@")[0])
    assert claims is not None
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id="remove-priya",
            sender=ALEX,
            intent=Intent.REMOVE,
            argument="priya@globex.example",
            received_at=datetime.now(UTC),
        ),
    )
    gone = await web.get(priya_page)
    assert gone.status_code == 403 and "no longer on the plan" in gone.text


async def test_user_text_is_escaped(web, time_skipping_env, settings, smtp_sink):  # type: ignore[no-untyped-def]
    people = [
        Person(name="Jane <b>Doe</b>", email=JANE, role="champion"),
        Person(name="Sam Lee", email=SAM, role="economic-buyer"),
    ]
    plan = web_plan(deal='Globex "<img src=x onerror=alert(1)>"', people=people)
    handle, turn = await running(time_skipping_env, settings, smtp_sink, plan)
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id="note-1",
            sender=JANE,
            milestone_number=1,
            intent=Intent.NOTE,
            argument="<script>alert('x')</script> & more",
            received_at=datetime.now(UTC),
        ),
    )
    for url in (page_link(turn), link_in(turn, "Mark done:")):
        html = (await web.get(url)).text
        assert "<script" not in html and "<img" not in html and "<b>Doe" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
    html = (await web.get(page_link(turn))).text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in html


HOSTILE_MARKDOWN = (
    "<img src=x onerror=alert(1)> [Sign here](javascript:alert(1)) ![](https://evil.example/p.gif)"
)


async def test_the_markdown_export_shows_what_people_wrote_as_text(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
):
    """Rendered by a CommonMark renderer (as a wiki, a repository or an editor's preview would),
    names, the deal and notes stay text: no HTML, link, image or heading of their own."""
    people = [
        Person(name="Jane <script>alert(1)</script>\r\n## Approved by legal", email=JANE),
        Person(name="Sam [click](javascript:alert(1))", email=SAM, role="economic-buyer"),
    ]
    plan = web_plan(deal="Globex <b>rollout</b>\n# Signed", people=people)
    handle, turn = await running(time_skipping_env, settings, smtp_sink, plan)
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id="note-md",
            sender=JANE,
            milestone_number=1,
            intent=Intent.NOTE,
            argument=f"{HOSTILE_MARKDOWN}\n\n# Approved\n> quoted",
            received_at=datetime.now(UTC),
        ),
    )

    text = (await web.get(page_link(turn) + "/plan.md")).text

    html = MarkdownIt("commonmark").enable("table").render(text)
    for markup in ("<img", "<script", "<b>", "<blockquote"):
        assert markup not in html, (markup, text)
    links = re.findall(r'<a href="([^"]*)"', html)
    assert all(url.startswith(("mailto:", "https://")) for url in links), links
    assert "mailto:jane@globex.example" in links  # the addresses stay links
    headings = [line for line in html.splitlines() if line.startswith(("<h1", "<h2"))]
    assert headings[0] == "<h1>Globex &lt;b&gt;rollout&lt;/b&gt; # Signed</h1>", headings
    assert not any("Approved" in h or "Signed" in h for h in headings[1:]), headings
    assert "Jane &lt;script&gt;alert(1)&lt;/script&gt; ## Approved by legal" in html
    assert "[Sign here](javascript:alert(1))" in html, "the note reads as written"


async def test_ics_and_markdown_exports(web, time_skipping_env, settings, smtp_sink):  # type: ignore[no-untyped-def]
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    plan = await current(handle)
    page = page_link(turn)
    ics = await web.get(page + "/plan.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["UID"]) == checkin_uid(plan.id, settings.domain)  # the emailed invite's
    assert "RRULE" in event and len(event.get("ATTENDEE")) == len(plan.stakeholders)
    organizer = str(event["ORGANIZER"]).removeprefix("mailto:")
    claims = read_token(SECRET.encode(), organizer.split("+")[1].split("@")[0])
    assert claims is not None and plan.stakeholder(claims.stakeholder_id).email == JANE  # type: ignore[union-attr]

    md = await web.get(page + "/plan.md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    text = md.text
    assert text.startswith("# Globex rollout\n")
    assert "| 1 |" in text and "Proposal reviewed and agreed" in text and "Sam Lee" in text
    assert "## Success criteria" in text and "- SSO live before go-live" in text


async def test_a_moved_due_date_shows_against_the_plan(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    plan = await current(handle)
    first = plan.milestones[0]
    later = first.due + timedelta(days=7)  # one week: five business days
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id="move-1",
            sender=JANE,
            milestone_number=1,
            intent=Intent.RESCHEDULE,
            argument=later.isoformat(),
            received_at=datetime.now(UTC),
        ),
    )
    html = (await web.get(page_link(turn))).text
    assert f"Due {later:%a %d %b %Y}" in html
    assert f"planned {first.due:%a %d %b}, +5 business days" in html
    md = (await web.get(page_link(turn) + "/plan.md")).text
    assert f"| 1 | {later.isoformat()} | {first.due.isoformat()} |" in md


async def test_a_finished_plan_still_shows_without_answers(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
) -> None:
    handle, turn = await running(time_skipping_env, settings, smtp_sink)
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id="cancel-1",
            sender=ALEX,
            intent=Intent.CANCEL,
            argument="budget frozen",
            received_at=datetime.now(UTC),
        ),
    )
    await handle.result()
    page = await web.get(page_link(turn))  # the workflow has ended: no open can be recorded
    assert page.status_code == 200
    assert "cancelled" in page.text and "Mark done" not in page.text
    refused = await web.get(link_in(turn, "Mark done:"))
    assert refused.status_code == 409 and "the plan is cancelled" in refused.text


async def test_what_done_means_and_the_steps_documents_show(  # type: ignore[no-untyped-def]
    web, time_skipping_env, settings, smtp_sink
):
    plan = web_plan()
    plan.milestones[0].links = [Link(title="Proposal v3", url="https://docs.acme.example/p3")]
    _, turn = await running(time_skipping_env, settings, smtp_sink, plan)
    done_means = plan.milestones[0].done_means[0]
    assert done_means.startswith("The champion confirms the proposal")  # the template's

    html = (await web.get(page_link(turn))).text
    your_turn_card = html.split("<h2>Your turn</h2>")[1].split("<h2>")[0]
    assert "Done means" in your_turn_card and done_means.replace("'", "&#39;") in your_turn_card
    assert '<a href="https://docs.acme.example/p3" rel="noopener">Proposal v3</a>' in html
    assert "buyer step" in html
    md = (await web.get(page_link(turn) + "/plan.md")).text
    assert "## What done means" in md
    assert "[Proposal v3](https://docs.acme.example/p3)" in md
