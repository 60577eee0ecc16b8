"""The security review's findings 3, 4, 5, 6, 9 and 11, reproduced through the real router and
plan workflow (Temporal's time-skipping server; the engine's emails caught by a loopback SMTP
server), each showing the hole closed. The receiving server is trusted for DMARC, as in the review.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

import pytest
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.mail.tokens import plan_id_for
from mutualplan.models import Plan
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter
from tests.support.invites import calendar_reply

JANE, ALEX, SAM = "jane@globex.example", "alex@acme.example", "sam@globex.example"
MALLORY = "mallory@evil.example"
AUTHSERV = "mx.mutualplan.localhost"
# Gmail writes SPF before DMARC: an envelope sender `dmarc=pass@evil.example` put "dmarc=pass"
# in the header ahead of the real verdict, and the engine took it (finding 3)
ENVELOPE_TRICK = (
    f"{AUTHSERV}; dkim=none; spf=pass ({AUTHSERV}: domain of dmarc=pass@evil.example designates "
    "203.0.113.5 as permitted sender) smtp.mailfrom=dmarc=pass@evil.example; "
    "dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from={domain}"
)


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="findings-test-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"findings-{uuid.uuid4().hex[:8]}",
        trusted_authserv_id=AUTHSERV,
    )


def router_with(env: WorkflowEnvironment, settings: Settings, **changes: Any) -> InboundRouter:
    """Another router on the same worker, with some settings changed."""
    changed = settings.model_copy(update=changes)
    return InboundRouter(changed, env.client, SmtpSender(changed.smtp), Renderer())


def verified(msg: EmailMessage, result: str = "pass", *, domain: str | None = None) -> EmailMessage:
    """As our receiving server stamps mail: its DMARC verdict for the From's domain."""
    domain = domain or parseaddr(str(msg["From"]))[1].rpartition("@")[2]
    del msg["Authentication-Results"]
    msg["Authentication-Results"] = f"{AUTHSERV}; dmarc={result} header.from={domain}"
    return msg


def start_email(settings: Settings, *, go_live: str | None = None) -> EmailMessage:
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    msg.replace_header("Message-ID", f"<{uuid.uuid4()}@acme.example>")
    if go_live is not None:
        text = msg.get_content()
        old = text.split("Go-live: ", 1)[1].split("\n", 1)[0]
        msg.set_content(text.replace(f"Go-live: {old}", f"Go-live: {go_live}"))
    return verified(msg)


def answer(email: EmailMessage, sender: str, text: str) -> EmailMessage:
    return verified(compose_reply(email.as_bytes(), sender=sender, text=text))


async def started(router: InboundRouter, settings: Settings, sink: Any) -> tuple[str, Any]:
    start = start_email(settings)
    outcome = await router.handle(start.as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    await sink.wait_for(lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"]))
    return plan_id, start


async def turn_of(sink: Any, person: str) -> EmailMessage:
    found: EmailMessage = await sink.wait_for(
        lambda m: person in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    return found


async def exists(env: WorkflowEnvironment, plan_id: str) -> bool:
    try:
        await env.client.get_workflow_handle(plan_id).describe()
    except RPCError as exc:
        assert exc.status is RPCStatusCode.NOT_FOUND
        return False
    return True


def active(plan: Plan) -> list[int]:
    return [m.number for m in plan.milestones if m.status.value == "active"]


# --- finding 3: the DMARC verdict is read per RFC 8601 ---------------------------------------


async def test_p2_dmarc_an_envelope_sender_named_dmarc_pass_changes_nothing(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    turn = await turn_of(smtp_sink, JANE)
    forged = answer(turn, JANE, "done")
    forged.replace_header("Authentication-Results", ENVELOPE_TRICK.format(domain="globex.example"))

    outcome = await router.handle(forged.as_bytes())

    assert outcome.outcome is Outcome.DMARC, outcome
    assert active(await get_plan(time_skipping_env.client, plan_id)) == [1]
    # the same reply as our server would stamp Jane's own: applied
    assert (await router.handle(answer(turn, JANE, "done").as_bytes())).applied


async def test_p2_dmarc_an_outsider_cannot_start_plans_as_an_allowed_seller(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    closed = router_with(time_skipping_env, settings, allowed_sellers=["@acme.example"])
    spoofed = start_email(settings)  # From: Alex, sent by Mallory's server
    spoofed.replace_header("Authentication-Results", ENVELOPE_TRICK.format(domain="acme.example"))

    outcome = await closed.handle(spoofed.as_bytes())

    assert outcome.outcome is Outcome.DMARC, outcome
    assert not await exists(time_skipping_env, plan_id_for(str(spoofed["Message-ID"])[1:-1]))
    # a second header with our id, forged below the real one, is a conflict: held too
    spoofed.add_header("Authentication-Results", f"{AUTHSERV}; dmarc=pass header.from=acme.example")
    assert (await closed.handle(spoofed.as_bytes())).outcome is Outcome.DMARC
    # and no answer went to the forged seller
    assert not smtp_sink.to(ALEX)


@pytest.mark.parametrize(
    ("raw_from", "dmarc_for", "outcome"),
    [
        (b"jane@globex.example <mallory@evil.example>", "evil.example", Outcome.BAD_SENDER),
        (b"=?utf-8?q?jane=40globex=2Eexample?=", "none", Outcome.BAD_SENDER),
        (b"jane@globex.example, mallory@evil.example", "evil.example", Outcome.BAD_SENDER),
        (b'"jane@globex.example" <mallory@evil.example>', "evil.example", Outcome.NOT_THEIRS),
    ],
)
async def test_p2_dmarc_differential_from_forms_are_not_jane(  # finding 5
    raw_from: bytes,
    dmarc_for: str,
    outcome: Outcome,
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    turn = await turn_of(smtp_sink, JANE)
    note = verified(answer(turn, JANE, "note: forged"), domain=dmarc_for)
    raw = note.as_bytes().replace(b"From: jane@globex.example", b"From: " + raw_from, 1)

    result = await router.handle(raw)

    assert result.outcome is outcome, result
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert all("forged" not in e.what for e in plan.milestones[0].history)
    assert not smtp_sink.to(MALLORY)


# --- finding 4: a calendar answer passes the same gates as a reply ---------------------------


def rsvp(
    invite: EmailMessage, sender: str, partstat: str = "DECLINED", *, attendee: str = JANE
) -> EmailMessage:
    """A calendar's iTIP REPLY to the invite, for `attendee` (Jane's), from `sender`."""
    return verified(calendar_reply(invite, sender, partstat, attendee=attendee))


async def test_p1_rsvp_a_forged_calendar_answer_changes_nothing(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    invite = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Check-in call" in str(m["Subject"])
    )
    sent = len(smtp_sink.messages)

    outsider = await router.handle(rsvp(invite, f"Mallory <{MALLORY}>").as_bytes())
    failed = verified(rsvp(invite, JANE), "fail")
    unverified = await router.handle(failed.as_bytes())
    machine = rsvp(invite, JANE)
    machine["Auto-Submitted"] = "auto-generated"
    automated = await router.handle(machine.as_bytes())

    assert outsider.outcome is Outcome.NOT_THEIRS, outsider
    assert "sent by mallory@evil.example" in outsider.reason
    assert unverified.outcome is Outcome.DMARC, unverified
    assert automated.outcome is Outcome.AUTOMATED, automated
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.checkin is not None and plan.checkin.answers == {}
    assert plan.health == "on track"
    assert smtp_sink.messages[sent:] == [], "the seller was told nothing, nobody was answered"

    # Jane's own answer counts, also as Google Calendar sends it (Auto-Submitted: auto-replied)
    genuine = rsvp(invite, f"Jane Doe <{JANE}>", partstat="ACCEPTED")
    genuine["Auto-Submitted"] = "auto-replied"
    assert (await router.handle(genuine.as_bytes())).applied
    jane = (await get_plan(time_skipping_env.client, plan_id)).stakeholder_by_email(JANE)
    assert jane is not None
    assert (await get_plan(time_skipping_env.client, plan_id)).checkin.answers == {  # type: ignore[union-attr]
        jane.id: "ACCEPTED"
    }


# --- finding 6: Reply-All to the start email starts no second plan ---------------------------


async def test_p8_replyall_to_the_start_email_starts_no_plan(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, start = await started(router, settings, smtp_sink)
    reply_all = compose_reply(start.as_bytes(), sender=JANE, text="Thanks Alex, looks good!")
    reply_all["Cc"] = ", ".join(
        [str(start["To"]), "Sam Lee <sam@globex.example>", "Priya Patel <priya@globex.example>"]
    )
    verified(reply_all)
    closed = router_with(time_skipping_env, settings, allowed_sellers=["@acme.example"])
    colleague = answer(start, "kim@acme.example", "Great, Alex!")
    colleague["Cc"] = str(start["To"])

    # conversation on that plan: Jane's is kept on it; the colleague is not on the plan
    for by, message, outcome_is in (
        (router, reply_all, Outcome.APPLIED),
        (closed, colleague, Outcome.NOT_THEIRS),
    ):
        outcome = await by.handle(message.as_bytes())

        assert outcome.outcome is outcome_is, outcome
        assert not await exists(time_skipping_env, plan_id_for(str(message["Message-ID"])[1:-1]))
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert [c.by for c in plan.comments] == [JANE]
    assert not [m for m in smtp_sink.messages if "Draft plan" in str(m["Subject"])]
    # the seller's start email itself, delivered again, is still the one plan it started
    again = await router.handle(start.as_bytes())
    assert again.applied and "already started" in again.reason


# --- finding 9: no backscatter -------------------------------------------------------------


def forged_start(settings: Settings, victim: str, tag: str, **kwargs: Any) -> bytes:
    msg = start_email(settings, **kwargs)
    msg.replace_header("From", victim)
    msg.replace_header("To", f"{settings.plans_mailbox}+{tag}@{settings.domain}")
    return msg.as_bytes()


async def test_p5_relay_backscatter_forged_starts_are_not_answered(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    # where sellers are listed (and DMARC is not checked), a forged outsider gets nothing
    closed = router_with(
        time_skipping_env, settings, allowed_sellers=["@acme.example"], trusted_authserv_id=None
    )
    victim = "victim@thirdparty.example"
    past = (datetime.now(UTC).date() - timedelta(days=30)).isoformat()
    for _ in range(25):
        await closed.handle(forged_start(settings, victim, "x"))
        await closed.handle(forged_start(settings, victim, "short", go_live=past))
    assert smtp_sink.to(victim) == []

    # where anyone may start plans, a victim gets a few answers an hour, and all victims
    # together at most the hour's budget
    open_ = router_with(
        time_skipping_env, settings, trusted_authserv_id=None, max_answers_per_hour=10
    )
    for _ in range(25):
        await open_.handle(forged_start(settings, victim, "x"))
        await open_.handle(forged_start(settings, victim, "short", go_live=past))
    subjects = [str(m["Subject"]) for m in smtp_sink.to(victim)]
    assert len(subjects) == 6, subjects  # 3 "No such plan template", 3 "No plan was started"
    for n in range(20):
        await open_.handle(forged_start(settings, f"victim{n}@thirdparty.example", "x"))
    assert len(smtp_sink.messages) == 10, "the hour's budget"


def is_help(email: EmailMessage) -> bool:
    """The help answer: a reply listing the commands."""
    body = email.get_body(("plain",))
    return body is not None and "blocked: <reason>" in body.get_content()


async def test_p5_relay_help_goes_only_to_the_tokens_holder(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    await started(router, settings, smtp_sink)
    turn = await turn_of(smtp_sink, JANE)
    senders = [f"stranger{n}@thirdparty.example" for n in range(20)]

    outcomes = [await router.handle(answer(turn, s, "help").as_bytes()) for s in senders]
    unclear = await router.handle(answer(turn, SAM, "what is this?").as_bytes())

    assert {o.outcome for o in outcomes} == {Outcome.NOT_THEIRS}
    # Sam is on the plan: what he writes on Jane's thread is conversation, kept for the seller
    assert unclear.outcome is Outcome.APPLIED and "Sam Lee wrote" in unclear.reason
    helped = [m for m in smtp_sink.messages if is_help(m)]
    assert helped == []
    # Jane herself, verified, gets help once an hour; forged as Jane (DMARC fails), none
    assert (await router.handle(answer(turn, JANE, "help").as_bytes())).applied
    forged = verified(answer(turn, JANE, "help"), "fail")
    assert (await router.handle(forged.as_bytes())).outcome is Outcome.DMARC
    helped = [m for m in smtp_sink.messages if is_help(m)]
    assert [str(m["To"]) for m in helped] == [JANE]


async def test_p5_relay_mail_to_the_plans_address_gets_the_templates_not_silence(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    closed = router_with(time_skipping_env, settings, allowed_sellers=["@acme.example"])
    bare = start_email(settings)
    bare.replace_header("To", settings.plans_address)

    outcome = await closed.handle(bare.as_bytes())

    assert outcome.outcome is Outcome.NO_TEMPLATE, outcome
    listed = await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]))
    text = listed.get_content()
    assert "names no plan template" in text and "plans+short@" in text
    # with a default template, the same email starts a plan
    defaulted = router_with(time_skipping_env, settings, default_template="short")
    bare.replace_header("Message-ID", f"<{uuid.uuid4()}@acme.example>")
    assert (await defaulted.handle(bare.as_bytes())).applied
    await turn_of(smtp_sink, JANE)


# --- finding 11: dates are bounded ---------------------------------------------------------


async def test_p10_golive_far_in_the_future_is_refused_and_the_plan_goes_on(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    turn = await turn_of(smtp_sink, JANE)
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )
    before = await get_plan(time_skipping_env.client, plan_id)
    in_four_years = (datetime.now(UTC).date() + timedelta(days=4 * 366)).isoformat()

    too_far = answer(summary, ALEX, "new go-live: 9999-12-20")
    far = await router.handle(too_far.as_bytes())
    later = await router.handle(answer(turn, JANE, f"new date: {in_four_years}").as_bytes())

    assert far.outcome is Outcome.REFUSED and "more than 3 years ahead" in far.reason, far
    assert later.outcome is Outcome.REFUSED and "more than 3 years ahead" in later.reason, later
    told = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == too_far["Message-ID"])
    assert "did not change the plan" in told.get_content()
    assert "9999-12-20 is more than 3 years ahead" in told.get_content()
    after = await get_plan(time_skipping_env.client, plan_id)
    assert (after.go_live, after.milestones[0].due) == (before.go_live, before.milestones[0].due)
    # the plan is not frozen: Jane's done starts the next step
    assert (await router.handle(answer(turn, JANE, "done").as_bytes())).applied
    await turn_of(smtp_sink, SAM)


async def test_p10_golive_a_start_email_far_in_the_future_starts_no_plan(
    router: InboundRouter, settings: Settings, smtp_sink: Any
) -> None:
    outcome = await router.handle(start_email(settings, go_live="9999-12-20").as_bytes())

    assert outcome.outcome is Outcome.START_FAILED, outcome
    told = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "No plan was started" in str(m["Subject"])
    )
    assert "9999-12-20 is more than 3 years ahead" in told.get_content()


# --- tried beyond the review -----------------------------------------------------------------


async def test_a_calendar_answer_for_another_attendee_changes_nothing(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """Jane, with her own invite, answers for Sam: the answer is hers to give, not Sam's."""
    plan_id, _ = await started(router, settings, smtp_sink)
    invite = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Check-in call" in str(m["Subject"])
    )
    for_sam = rsvp(invite, JANE, attendee=SAM).as_bytes()

    outcome = await router.handle(for_sam)

    assert outcome.outcome is Outcome.NOT_THEIRS, outcome
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.checkin is not None and plan.checkin.answers == {}


async def test_ten_thousand_references_are_looked_up_ten_at_most(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, start = await started(router, settings, smtp_sink)
    looked_up: list[str] = []
    original = router._exists

    async def counted(candidate: str) -> bool:
        looked_up.append(candidate)
        return await original(candidate)

    router._exists = counted  # type: ignore[method-assign]
    many = start_email(settings)
    ids = [f"<m{n}@globex.example>" for n in range(10_000)]
    many["References"] = " ".join(ids)
    many["In-Reply-To"] = f"<{str(start['Message-ID'])[1:-1]}>"

    outcome = await router.handle(many.as_bytes())

    assert outcome.applied, outcome  # the seller writing on the plan's thread: a comment on it
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert [c.by for c in plan.comments] == [ALEX]
    assert len(looked_up) == 10


async def test_a_new_step_due_far_in_the_future_is_refused(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )
    steps = len((await get_plan(time_skipping_env.client, plan_id)).milestones)

    outcome = await router.handle(
        answer(summary, ALEX, "add step: Pilot review, due 9999-01-01").as_bytes()
    )

    assert outcome.outcome is Outcome.REFUSED and "more than 3 years ahead" in outcome.reason
    assert len((await get_plan(time_skipping_env.client, plan_id)).milestones) == steps
