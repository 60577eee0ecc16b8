"""Inbound mail, routed for real: raw messages in, plans started and changed on Temporal's
time-skipping server, and the engine's emails (answers included) caught by a loopback SMTP server.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.messages import PlanResult
from mutualplan.models import MilestoneStatus, Plan
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter

JANE = "jane@globex.example"
ALEX = "alex@acme.example"
SAM = "sam@globex.example"
AUTHSERV = "mx.mutualplan.localhost"


@pytest.fixture
def settings(smtp_sink: object) -> Settings:
    return Settings(
        secret="inbound-test-secret",
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"inbound-{uuid.uuid4().hex[:8]}",
        trusted_authserv_id=AUTHSERV,
    )


def verified(msg: EmailMessage, dmarc: str = "pass") -> EmailMessage:
    """As our receiving server stamps mail: its DMARC verdict for the From's domain."""
    domain = parseaddr(str(msg["From"]))[1].rpartition("@")[2]
    del msg["Authentication-Results"]
    msg["Authentication-Results"] = f"{AUTHSERV}; dmarc={dmarc} header.from={domain}"
    return msg


def start_email(settings: Settings, template: str = "short") -> EmailMessage:
    msg = example_start_email(
        settings, template=template, today=datetime.now(UTC).date(), confirm=True
    )
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    return verified(msg)


def answer(email: EmailMessage, sender: str, text: str) -> EmailMessage:
    return verified(compose_reply(email.as_bytes(), sender=sender, text=text))


def days_ahead(days: int) -> date:
    """A date `days` on from today: the plan's clock is the wall clock, as the test starts."""
    return datetime.now(UTC).date() + timedelta(days=days)


async def started(router: InboundRouter, settings: Settings, sink) -> tuple[str, EmailMessage]:  # type: ignore[no-untyped-def]
    outcome = await router.handle(start_email(settings).as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    turn = await sink.wait_for(lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"]))
    return plan_id, turn


async def plan_of(env: WorkflowEnvironment, plan_id: str) -> Plan:
    return await get_plan(env.client, plan_id)


async def test_start_twice_then_done_by_the_owner(router, settings, smtp_sink, time_skipping_env):  # type: ignore[no-untyped-def]
    msg = start_email(settings)
    first = await router.handle(msg.as_bytes())
    again = await router.handle(msg.as_bytes())
    assert first.applied and again.applied
    assert "already started" in again.reason
    turn = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"])
    )

    done = await router.handle(answer(turn, JANE, "Done").as_bytes())

    assert done.applied, done.reason
    await smtp_sink.wait_for(
        lambda m: SAM in str(m["To"]) and "Your turn: Budget" in str(m["Subject"])
    )
    plans = {
        str(m["Subject"]) for m in smtp_sink.to(ALEX) if "Mutual action plan" in str(m["Subject"])
    }
    assert len(plans) == 1


async def test_someone_else_answering_changes_nothing(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)

    forwarded = await router.handle(answer(turn, "mallory@evil.example", "done").as_bytes())

    assert not forwarded.applied
    assert "was sent to jane@globex.example" in forwarded.reason
    assert (await plan_of(time_skipping_env, plan_id)).milestones[
        0
    ].status is MilestoneStatus.ACTIVE
    # a forged or forwarding sender is not answered: no mail from us to an address we cannot trust
    assert not smtp_sink.to("mallory@evil.example")


async def test_a_reply_that_lost_its_plus_address_is_matched_by_in_reply_to(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, "done")
    reply.replace_header("To", settings.plans_address)

    outcome = await router.handle(reply.as_bytes())

    assert outcome.applied, outcome.reason
    assert (await plan_of(time_skipping_env, plan_id)).milestones[0].status is MilestoneStatus.DONE


async def test_a_forged_token_changes_nothing(router, settings, smtp_sink):  # type: ignore[no-untyped-def]
    _, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, "done")
    token = str(reply["To"]).split("+", 1)[1].split("@")[0]
    forged = token[:-1] + ("a" if token[-1] != "a" else "b")
    reply.replace_header("To", f"plans+{forged}@{settings.domain}")
    del reply["In-Reply-To"]
    del reply["References"]

    outcome = await router.handle(reply.as_bytes())

    assert not outcome.applied


async def test_out_of_office_is_set_aside_and_never_answered(router, settings, smtp_sink):  # type: ignore[no-untyped-def]
    _, turn = await started(router, settings, smtp_sink)
    before = len(smtp_sink.messages)
    auto = answer(turn, JANE, "I am out of the office until Monday.")
    auto["Auto-Submitted"] = "auto-replied"
    auto.replace_header("Subject", "Automatic reply: " + str(turn["Subject"]))

    outcome = await router.handle(auto.as_bytes())

    assert not outcome.applied and "automated" in outcome.reason
    # (the start's invites may still be arriving: look only for an answer to the auto-reply)
    answers = [m for m in smtp_sink.messages[before:] if m["In-Reply-To"] == auto["Message-ID"]]
    assert answers == []


async def test_commands_that_cannot_be_read_get_one_help_reply_an_hour(router, settings, smtp_sink):  # type: ignore[no-untyped-def]
    _, turn = await started(router, settings, smtp_sink)

    first = answer(turn, JANE, "new date: whenever legal is back")
    first_outcome = await router.handle(first.as_bytes())
    second = await router.handle(answer(turn, JANE, "assign to Kim").as_bytes())

    assert not first_outcome.applied and "not understood" in first_outcome.reason
    assert not second.applied
    helps = [m for m in smtp_sink.to(JANE) if "Re: " in str(m["Subject"])]
    assert len(helps) == 1
    help = helps[0]
    assert "blocked: <reason>" in help.get_content()
    assert str(help["Auto-Submitted"]) == "auto-generated"
    # a reply to her message, naming the plan and how her words were read
    assert help["In-Reply-To"] == first["Message-ID"]
    assert str(help["Subject"]).split() == ["Re:", *str(turn["Subject"]).split()]
    assert "whenever legal is back" in help.get_content()
    assert '"Globex rollout"' in help.get_content()


async def test_each_of_a_few_refused_changes_is_answered(router, settings, smtp_sink):  # type: ignore[no-untyped-def]
    # a person trying a few changes that are not theirs hears why each time; past three an
    # hour (another engine answering our answers, say) the engine stops answering
    _, turn = await started(router, settings, smtp_sink)
    tries = [answer(turn, JANE, f"#2 new date: {days_ahead(40 + n)}") for n in range(4)]

    outcomes = [await router.handle(reply.as_bytes()) for reply in tries]

    assert not any(outcome.applied for outcome in outcomes)
    answered = [str(m["In-Reply-To"]) for m in smtp_sink.to(JANE) if m["In-Reply-To"]]
    assert answered == [str(reply["Message-ID"]) for reply in tries[:3]]
    for refusal in (m for m in smtp_sink.to(JANE) if m["In-Reply-To"]):
        assert "you are not the owner of" in refusal.get_content()


async def test_a_step_handed_to_a_name_and_address_with_accents_reaches_them_so_named(  # type: ignore[no-untyped-def]
    router, settings, smtp_sink, time_skipping_env
):
    plan_id, turn = await started(router, settings, smtp_sink)

    outcome = await router.handle(
        answer(turn, JANE, "new owner: Jörg Müller <jörg@müller.example>").as_bytes()
    )

    assert outcome.applied, outcome.reason
    joerg = await smtp_sink.wait_for(
        lambda m: "jörg@müller.example" in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    assert str(joerg["To"]) == "Jörg Müller <jörg@müller.example>"
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.owner(plan.milestones[0]).display == "Jörg Müller"


async def test_status_answers_with_the_plan(router, settings, smtp_sink):  # type: ignore[no-untyped-def]
    _, turn = await started(router, settings, smtp_sink)

    outcome = await router.handle(answer(turn, JANE, "status").as_bytes())

    assert outcome.applied
    status = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Status" in str(m["Subject"])
    )
    assert "Proposal reviewed and agreed" in status.get_content()


async def test_status_links_to_the_senders_own_plan_page(  # type: ignore[no-untyped-def]
    router, settings, smtp_sink, time_skipping_env
):
    _, turn = await started(router, settings, smtp_sink)
    served = settings.model_copy(update={"web_public_url": "https://plans.acme.example"})
    with_pages = InboundRouter(
        served, time_skipping_env.client, SmtpSender(served.smtp), Renderer()
    )

    await with_pages.handle(answer(turn, JANE, "status").as_bytes())

    status = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Status" in str(m["Subject"])
    )
    assert "your own link):\r\n  https://plans.acme.example/p/" in status.get_content()


async def test_blocked_new_date_note_and_reassign_by_email(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)
    later = days_ahead(400).isoformat()

    blocked = await router.handle(answer(turn, JANE, "blocked: waiting on procurement").as_bytes())
    moved = await router.handle(answer(turn, JANE, f"new date: {later}").as_bytes())
    noted = await router.handle(answer(turn, JANE, "note: Sam is back on Monday").as_bytes())
    handed = await router.handle(
        answer(turn, JANE, "assign to Kim <kim@globex.example>").as_bytes()
    )

    assert all(o.applied for o in (blocked, moved, noted, handed)), [blocked, moved, noted, handed]
    plan = await plan_of(time_skipping_env, plan_id)
    first = plan.milestones[0]
    assert first.blocked == "waiting on procurement"
    assert first.due.isoformat() == later
    assert plan.owner(first).email == "kim@globex.example"
    assert [e.what for e in first.history][-4:] == [
        "blocked: waiting on procurement",
        f"moved the due date from {turn_due(turn)} to {later}",
        "note: Sam is back on Monday",
        "reassigned to Kim (kim@globex.example)",
    ]
    # the seller hears of each change; the new owner gets the milestone
    await smtp_sink.wait_for(
        lambda m: "kim@globex.example" in str(m["To"]) and "Your turn" in str(m["Subject"])
    )

    def changes() -> list[EmailMessage]:
        return [m for m in smtp_sink.to(ALEX) if "Changed:" in str(m["Subject"])]

    await smtp_sink.wait_until(lambda: len(changes()) >= 4)
    assert len(changes()) == 4
    assert "waiting on procurement" in changes()[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]


async def test_what_the_owner_writes_with_done_reaches_the_seller(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)

    done = await router.handle(
        answer(turn, JANE, "Done - agreed with Sam this morning\n\nThanks,\nJane").as_bytes()
    )

    assert done.applied, done.reason
    told = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Done: Proposal reviewed" in str(m["Subject"])
    )
    text = told.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = told.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "wrote: \u201cagreed with Sam this morning\u201d" in text
    assert "agreed with Sam this morning" in html
    plan = await plan_of(time_skipping_env, plan_id)
    first = plan.milestones[0]
    assert (first.status, first.done_note) == (MilestoneStatus.DONE, "agreed with Sam this morning")
    assert first.history[-1].what == "marked done: agreed with Sam this morning"


async def test_dmarc_failure_from_our_server_is_held(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)
    spoofed = verified(answer(turn, JANE, "done"), dmarc="fail")

    outcome = await router.handle(spoofed.as_bytes())

    assert not outcome.applied and "DMARC" in outcome.reason
    assert (await plan_of(time_skipping_env, plan_id)).milestones[
        0
    ].status is MilestoneStatus.ACTIVE


def calendar_bytes(email: EmailMessage) -> bytes:
    part = next((p for p in email.walk() if p.get_content_type() == "text/calendar"), None)
    payload = part.get_payload(decode=True) if part is not None else b""
    return payload if isinstance(payload, bytes) else b""


def turn_due(turn: EmailMessage) -> str:
    return str(turn["Subject"]).rsplit("due ", 1)[1].rstrip(")")


async def test_the_seller_moves_go_live_and_everyone_gets_one_update(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )
    before = await plan_of(time_skipping_env, plan_id)
    go_live = days_ahead(500).isoformat()

    jane_asks = answer(turn, JANE, f"new go-live: {go_live}")
    refused = await router.handle(jane_asks.as_bytes())
    moved = await router.handle(answer(summary, ALEX, f"New go-live: {go_live}").as_bytes())

    assert not refused.applied and "only the seller" in refused.reason
    assert moved.applied, moved.reason
    told = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == jane_asks["Message-ID"])
    text = told.get_body(("plain",)).get_content()
    assert "only the seller (alex@acme.example) can change the plan itself" in text
    assert f"> new go-live: {go_live}" in text
    after = await plan_of(time_skipping_env, plan_id)
    assert after.go_live.isoformat() == go_live
    assert all(b.due < a.due for b, a in zip(before.milestones, after.milestones, strict=True))
    assert after.milestones[-1].due.isoformat() == go_live  # go-live is offset 0
    for person in after.stakeholders:
        update = await smtp_sink.wait_for(
            lambda m, e=person.email: e in str(m["To"]) and "go-live moved to" in str(m["Subject"])
        )
        ics = next(p for p in update.walk() if p.get_content_type() == "text/calendar")
        assert b"SEQUENCE:1" in ics.get_payload(decode=True)
    updates = [m for m in smtp_sink.messages if "go-live moved to" in str(m["Subject"])]
    assert len(updates) == len(after.stakeholders), "one email per person, not a flood"


async def test_the_seller_adds_and_removes_people_and_cancels_the_plan(
    router, settings, smtp_sink, time_skipping_env
):  # type: ignore[no-untyped-def]
    plan_id, turn = await started(router, settings, smtp_sink)
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )
    seller = lambda text: answer(summary, ALEX, text).as_bytes()  # noqa: E731

    added = await router.handle(seller("add: Kim Lee <kim@globex.example> as Security"))
    removed = await router.handle(seller("remove jane@globex.example"))
    assert added.applied and removed.applied, (added, removed)

    plan = await plan_of(time_skipping_env, plan_id)
    kim = plan.stakeholder_by_email("kim@globex.example")
    assert kim is not None and kim.role == "Security"
    assert plan.stakeholder_by_email(JANE) is None
    assert plan.owner(plan.milestones[0]).email == ALEX, "Jane's open step went to the seller"
    await smtp_sink.wait_for(
        lambda m: "kim@globex.example" in str(m["To"]) and "Check-in call" in str(m["Subject"])
    )
    cancel = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Cancelled: check-in" in str(m["Subject"])
    )
    ics = next(p for p in cancel.walk() if p.get_content_type() == "text/calendar")
    assert b"METHOD:CANCEL" in ics.get_payload(decode=True)
    # the others' calendars are updated twice (Kim joined, then Jane left): SEQUENCE 1, then 2
    for sequence in (b"SEQUENCE:1", b"SEQUENCE:2"):
        await smtp_sink.wait_for(
            lambda m, s=sequence: (
                SAM in str(m["To"]) and "Check-in:" in str(m["Subject"]) and s in calendar_bytes(m)
            )
        )
    # Jane's old reply address no longer works
    stale = await router.handle(answer(turn, JANE, "done").as_bytes())
    assert not stale.applied and "no longer on the plan" in stale.reason

    ended = await router.handle(seller("Cancel the plan - budget frozen until Q3"))
    assert ended.applied
    handle = time_skipping_env.client.get_workflow_handle(plan_id, result_type=PlanResult)
    result = await handle.result()
    assert result.plan.status.value == "cancelled"
    assert result.plan.history[-1].what == "cancelled the plan: budget frozen until Q3"
    for person in result.plan.stakeholders:
        await smtp_sink.wait_for(
            lambda m, e=person.email: (
                e in str(m["To"]) and "Cancelled: check-in" in str(m["Subject"])
            )
        )
