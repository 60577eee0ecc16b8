"""What people write besides commands, routed for real (the router, the plan workflow on
Temporal's time-skipping server, the engine's emails caught by a loopback SMTP server).

Conversation is never lost: a question, a thank-you, a Reply-All to the start email or a
calendar answer from another address is kept on the plan and forwarded to the seller with
Reply-To the writer. A reply that is probably a command changes nothing until the person says
yes. Answers thread on the person's message and say how the engine read it; files are listed
with the step they came with.
"""

from __future__ import annotations

import asyncio
import re
import socket
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.client import plans as plans_client
from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.messages import PlanInput
from mutualplan.models import MilestoneStatus, Plan
from mutualplan.report import format_plan
from mutualplan.routing.answers import PER_PERSON_PER_HOUR, AnswerKind
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter, TryLater
from tests.support.invites import calendar_reply
from tests.support.plans import two_ways

JANE, ALEX, SAM = "jane@globex.example", "alex@acme.example", "sam@globex.example"
FIRST_STEP = "Proposal reviewed and agreed"
FIRST_STEP_DE = "Prüfung und Freigabe des Angebots"  # the short template's, in German


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="conversation-test-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"conversation-{uuid.uuid4().hex[:8]}",
        web_public_url="https://plans.acme.example",
    )


def start_email(settings: Settings) -> EmailMessage:
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    msg.replace_header("Message-ID", f"<{uuid.uuid4()}@acme.example>")
    return msg


def answer(email: EmailMessage, sender: str, text: str) -> EmailMessage:
    return compose_reply(email.as_bytes(), sender=sender, text=text)


async def started(router: InboundRouter, settings: Settings, sink: Any) -> tuple[str, Any]:
    start = start_email(settings)
    outcome = await router.handle(start.as_bytes())
    assert outcome.applied, outcome.reason
    turn = await sink.wait_for(lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"]))
    return outcome.reason.rsplit(" ", 1)[1], turn


async def plan_of(env: WorkflowEnvironment, plan_id: str) -> Plan:
    return await get_plan(env.client, plan_id)


def answers_to(sink: Any, message: EmailMessage) -> list[EmailMessage]:
    return [m for m in sink.messages if m["In-Reply-To"] == message["Message-ID"]]


def text_of(email: EmailMessage) -> str:
    return email.get_body(("plain",)).get_content()  # type: ignore[union-attr]


async def test_a_question_reaches_the_seller_as_a_comment_with_reply_to_the_asker(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    question = answer(turn, JANE, "When is this due? Legal asked me.\n\nThanks, Jane")

    outcome = await router.handle(question.as_bytes())

    assert outcome.applied, outcome.reason
    plan = await plan_of(time_skipping_env, plan_id)
    [comment] = plan.comments
    assert (comment.by, comment.name, comment.step) == (JANE, "Jane Doe", 1)
    assert comment.text.startswith("When is this due? Legal asked me.")
    assert comment.message_id == question["Message-ID"].strip("<>")
    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Jane Doe wrote" in str(m["Subject"])
    )
    assert parseaddr(str(forward["Reply-To"]))[1] == JANE  # the seller answers her directly
    assert parseaddr(str(forward["From"]))[1] == settings.plans_address
    assert str(forward["Auto-Submitted"]) == "auto-generated"
    assert "When is this due? Legal asked me." in text_of(forward)
    assert FIRST_STEP in text_of(forward)
    assert answers_to(smtp_sink, question) == []  # conversation gets no help email
    assert "When is this due?" in format_plan(plan)  # `mutualplan status` shows it


async def test_no_signed_link_reaches_a_comment_or_its_forward(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """The forward to the seller is answered by writing to the comment's writer, quoting it: it
    carries no link of the seller's (their page acts as them; its .ics holds their reply
    token). And a link of ours pasted or quoted into a reply is left out of what is kept."""
    plan_id, turn = await started(router, settings, smtp_sink)
    [own_link] = re.findall(r"https://plans\.acme\.example/p/\S+", text_of(turn))
    question = answer(turn, JANE, f"Do we need SSO for this? My page: {own_link}")

    assert (await router.handle(question.as_bytes())).applied

    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Jane Doe wrote" in str(m["Subject"])
    )
    html = forward.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "plans.acme.example" not in text_of(forward) and "plans.acme.example" not in html
    plan = await plan_of(time_skipping_env, plan_id)
    [comment] = plan.comments
    assert comment.text.startswith("Do we need SSO for this? My page: [link]")
    assert own_link not in comment.text


async def test_a_forwarded_comment_cannot_add_headers_or_markup(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    _, turn = await started(router, settings, smtp_sink)
    hostile = (
        'Hi <script>alert(1)</script> <a href="https://evil.example">x</a>\r\nBcc: eve@evil.example'
    )
    message = answer(turn, JANE, hostile)
    message.replace_header("Subject", "=?utf-8?q?Hello=0D=0ABcc=3A_eve=40evil=2Eexample?=")

    assert (await router.handle(message.as_bytes())).applied

    forward = await smtp_sink.wait_for(lambda m: "Jane Doe wrote" in str(m["Subject"]))
    assert forward["Bcc"] is None and parseaddr(str(forward["To"]))[1] == ALEX
    html = forward.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://evil.example">' not in html
    assert not any("eve@evil.example" in str(m["To"]) for m in smtp_sink.messages)


async def test_the_sellers_own_comment_is_kept_and_not_sent_to_them(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )

    assert (await router.handle(answer(summary, ALEX, "Thanks all!").as_bytes())).applied

    plan = await plan_of(time_skipping_env, plan_id)
    assert [(c.by, c.text, c.step) for c in plan.comments] == [(ALEX, "Thanks all!", None)]
    assert not [m for m in smtp_sink.messages if "wrote:" in str(m["Subject"])]


async def test_a_reply_all_to_the_start_email_is_conversation_on_that_plan(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    start = start_email(settings)
    started_plan = await router.handle(start.as_bytes())
    plan_id = started_plan.reason.rsplit(" ", 1)[1]
    reply_all = answer(start, JANE, "Looking forward to it. Who runs the pilot on your side?")
    reply_all["Cc"] = str(start["To"])  # Reply-All: the plans address the seller wrote to

    outcome = await router.handle(reply_all.as_bytes())

    assert outcome.applied, outcome.reason
    plan = await plan_of(time_skipping_env, plan_id)
    assert [(c.by, c.step) for c in plan.comments] == [(JANE, None)]
    await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Jane Doe wrote" in str(m["Subject"])
    )
    # someone not on the plan is not recorded (nor told anything)
    from_stranger = answer(start, "eve@elsewhere.example", "Hi all")
    from_stranger["Cc"] = str(start["To"])
    stranger = await router.handle(from_stranger.as_bytes())
    assert stranger.outcome is Outcome.NOT_THEIRS


async def test_a_calendar_answer_from_another_address_is_conversation(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, _ = await started(router, settings, smtp_sink)
    invite = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Check-in call" in str(m["Subject"])
    )
    other = "jane.doe@globex.example"

    outcome = await router.handle(calendar_reply(invite, other).as_bytes())

    assert outcome.applied, outcome.reason
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.checkin is not None and plan.checkin.answers == {}  # not recorded as hers
    [comment] = plan.comments
    assert comment.by == other and "accepted" in comment.text
    forward = await smtp_sink.wait_for(lambda m: f"{other} wrote" in str(m["Subject"]))
    assert parseaddr(str(forward["Reply-To"]))[1] == other


async def test_probably_done_is_asked_about_and_a_yes_applies_it(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    unsure = answer(turn, JANE, "I think we're done?")

    outcome = await router.handle(unsure.as_bytes())

    assert outcome.applied, outcome.reason
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.ACTIVE  # nothing changed
    [asked] = await_one(answers_to(smtp_sink, unsure))
    said = text_of(asked)
    assert f"Did you mean: mark \u00ab{FIRST_STEP}\u00bb done?" in said
    assert "https://plans.acme.example/a/" in said and "reply yes" in said
    assert "I read: done" in said
    assert str(asked["Subject"]).split()[0] == "Re:"

    yes = compose_reply(asked.as_bytes(), sender=JANE, text="Yes")
    applied = await router.handle(yes.as_bytes())

    assert applied.applied, applied.reason
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
    assert plan.questions == []
    [confirmed] = answers_to(smtp_sink, yes)
    assert "Your email changed the plan" in text_of(confirmed)
    # a second yes finds no open question: told so, nothing else happens
    again = await router.handle(compose_reply(asked.as_bytes(), sender=JANE, text="yes").as_bytes())
    assert again.outcome is Outcome.REFUSED and "no open question" in again.reason


async def test_the_steps_thing_sent_is_asked_about_as_done_and_a_yes_applies_it(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """ "Signed and sent back.": the step's thing went out, so it is probably done; the owner
    is asked first, and the step is done only with their yes."""
    plan_id, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, "Signed and sent back.\n\nBest,\nJane")

    assert (await router.handle(reply.as_bytes())).applied
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.ACTIVE  # nothing changed yet
    [asked] = await_one(answers_to(smtp_sink, reply))
    said = " ".join(text_of(asked).split())
    assert f"Did you mean: mark \u00ab{FIRST_STEP}\u00bb done?" in said, said  # no note

    yes = compose_reply(asked.as_bytes(), sender=JANE, text="Yes")
    assert (await router.handle(yes.as_bytes())).applied
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE


async def test_what_happened_before_done_is_asked_about_with_it_and_kept_with_a_yes(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """ "Sent the PO this morning - done": words the reader does not know before "done", with
    no "so" leading to it, make it ask first; what they say happened is its note, named in the
    question and kept with the yes."""
    plan_id, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, "Sent the PO this morning - done.\n\nBest,\nJane")

    assert (await router.handle(reply.as_bytes())).applied
    [asked] = await_one(answers_to(smtp_sink, reply))
    said = " ".join(text_of(asked).split())
    note = "Sent the PO this morning"
    assert (
        f"Did you mean: mark \u00ab{FIRST_STEP}\u00bb done with the note \u201c{note}\u201d?"
        in said
    )

    yes = compose_reply(asked.as_bytes(), sender=JANE, text="Yes")
    assert (await router.handle(yes.as_bytes())).applied
    plan = await plan_of(time_skipping_env, plan_id)
    first = plan.milestones[0]
    assert (first.status, first.done_note) == (MilestoneStatus.DONE, note)
    assert first.history[-1].what == f"marked done: {note}"
    told = await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "Done:" in str(m["Subject"]))
    assert f"\u201c{note}\u201d" in " ".join(text_of(told).split())


def await_one(found: list[EmailMessage]) -> list[EmailMessage]:
    assert len(found) == 1, [str(m["Subject"]) for m in found]
    return found


async def test_a_date_that_reads_two_ways_is_asked_with_each_and_yes_alone_is_not_enough(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    unsure = answer(turn, JANE, f"Move to {two_ways(datetime.now(UTC).date())}")

    assert (await router.handle(unsure.as_bytes())).applied

    [asked] = await_one(answers_to(smtp_sink, unsure))
    said = text_of(asked)
    assert "Did you mean " in said and " or " in said and "«Move to " in said
    assert said.count("https://plans.acme.example/a/") == 2
    plan = await plan_of(time_skipping_env, plan_id)
    [question] = plan.questions
    assert len(question.options) == 2
    yes = compose_reply(asked.as_bytes(), sender=JANE, text="yes")
    refused = await router.handle(yes.as_bytes())
    assert refused.outcome is Outcome.REFUSED and "reads two ways" in refused.reason


async def test_a_change_is_confirmed_on_the_message_saying_how_it_was_read(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    german = answer(turn, JANE, "Erledigt, danke!")

    assert (await router.handle(german.as_bytes())).applied

    [confirmed] = await_one(answers_to(smtp_sink, german))
    said = text_of(confirmed)
    # she wrote in German: she is answered in German (docs/languages.md)
    assert (
        f"Verstanden: erledigt f\u00fcr \u201e{FIRST_STEP_DE}\u201c "
        "(aus \u201eErledigt, danke!\u201c)" in said
    )
    assert "Jane Doe hat" in said and "\u201eGlobex rollout\u201c" in said
    assert confirmed["References"].split()[-1] == german["Message-ID"]
    # a reply to the confirmation reaches the plan: it carries her reply token
    assert str(confirmed["Reply-To"]).startswith("plans+")
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
    # the engine's own one-line command means one thing: no confirmation
    sams_turn = await smtp_sink.wait_for(
        lambda m: SAM in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    done = answer(sams_turn, SAM, "done")
    assert (await router.handle(done.as_bytes())).applied
    assert answers_to(smtp_sink, done) == []
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None and jane.language == "de"  # kept: nobody gave her one


@pytest.mark.parametrize(
    "text",
    [
        "passing this to sam@globex.example for a second opinion",  # handed over, not owned
        "Can we do Thursday instead of the call?",  # the call's date
        "push notifications are annoying",  # a reschedule word, no date tried
    ],
)
async def test_command_words_that_change_nothing_reach_the_seller_unanswered(
    text: str, router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    before = (await plan_of(time_skipping_env, plan_id)).milestones[0]
    reply = answer(turn, JANE, text)

    assert (await router.handle(reply.as_bytes())).applied

    plan = await plan_of(time_skipping_env, plan_id)
    step = plan.milestones[0]
    assert (step.owner_id, step.due, step.status) == (before.owner_id, before.due, before.status)
    [comment] = plan.comments
    assert comment.text.startswith(text)
    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Jane Doe wrote" in str(m["Subject"])
    )
    assert text in text_of(forward)
    assert answers_to(smtp_sink, reply) == []  # no help email, no question


async def test_a_statement_opening_with_a_question_word_hands_the_step_over(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, f"Quem vai cuidar disso é o Sam: {SAM}")

    assert (await router.handle(reply.as_bytes())).applied

    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.owner(plan.milestones[0]).email == SAM
    await smtp_sink.wait_for(lambda m: SAM in str(m["To"]) and "Your turn" in str(m["Subject"]))


async def test_a_full_width_colon_is_not_named_back_as_the_date(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    reply = answer(turn, JANE, "延期\uff1a未定")

    outcome = await router.handle(reply.as_bytes())

    assert outcome.outcome is Outcome.NOT_UNDERSTOOD
    assert outcome.reason.endswith("\u00ab未定\u00bb")

    [helped] = await_one(answers_to(smtp_sink, reply))
    said = text_of(helped)
    # named back in the reader's quotation marks: the words after the colon, never the colon
    assert "\u300c未定\u300d" in said or "\u00ab未定\u00bb" in said, said
    for quote in ("\u300c", "\u00ab"):
        assert f"{quote}\uff1a" not in said and f"{quote}:" not in said
    assert "\u300c\u300d" not in said and "\u00ab\u00bb" not in said
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.ACTIVE


async def test_files_are_kept_with_the_step_they_answer(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    done = answer(turn, JANE, "Done, signed copy attached")
    done.add_attachment(b"%PDF-1.4 signed", maintype="application", subtype="pdf",
                        filename="Signed proposal.pdf")  # fmt: skip

    assert (await router.handle(done.as_bytes())).applied

    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
    [file] = plan.attachments
    assert (file.name, file.content_type, file.size, file.by, file.step) == (
        "Signed proposal.pdf",
        "application/pdf",
        15,
        JANE,
        1,
    )
    assert file.message_id == done["Message-ID"].strip("<>") and file.part > 0
    assert "Signed proposal.pdf" in format_plan(plan)


async def test_files_with_a_refused_change_are_kept_as_a_comment(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    plan_id, turn = await started(router, settings, smtp_sink)
    assert (await router.handle(answer(turn, JANE, "done").as_bytes())).applied
    again = answer(turn, JANE, "Done - here is the signed copy")
    again.add_attachment(b"%PDF-1.4 signed", maintype="application", subtype="pdf",
                         filename="signed.pdf")  # fmt: skip

    outcome = await router.handle(again.as_bytes())

    assert outcome.applied, outcome.reason  # filed with its file, as a comment
    [told] = await_one(answers_to(smtp_sink, again))
    assert "is already done" in text_of(told)  # she still hears why nothing changed
    plan = await plan_of(time_skipping_env, plan_id)
    assert [(f.name, f.step) for f in plan.attachments] == [("signed.pdf", 1)]
    assert [c.text for c in plan.comments] == ["Done - here is the signed copy"]


async def test_a_question_that_cannot_be_sent_keeps_the_reply_until_it_is_asked(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """The question is the only way a probable command's words reach anyone: with the SMTP
    server down, the message stays in the inbox (TryLater), and when it is read again the
    question goes out, once, though the plan already keeps it (red-team round 8)."""
    plan_id, turn = await started(router, settings, smtp_sink)
    unsure = answer(turn, JANE, "I think we're done?")
    closed = settings.model_copy(update={"smtp_port": _closed_port()})
    down = InboundRouter(closed, time_skipping_env.client, SmtpSender(closed.smtp), Renderer())

    with pytest.raises(TryLater, match=r"could not answer jane@globex\.example"):
        await down.handle(unsure.as_bytes())

    assert (await plan_of(time_skipping_env, plan_id)).questions  # kept on the plan
    assert answers_to(smtp_sink, unsure) == []
    again = await router.handle(unsure.as_bytes())  # the listener reads it again
    assert again.applied, again.reason
    [asked] = await_one(answers_to(smtp_sink, unsure))
    assert f"Did you mean: mark \u00ab{FIRST_STEP}\u00bb done?" in text_of(asked)


async def test_past_the_hours_questions_a_probable_command_reaches_the_seller(
    router: InboundRouter, settings: Settings, smtp_sink: Any, time_skipping_env: Any
) -> None:
    """Five "Did you mean ...?" questions to one person an hour at most: the sixth reply that
    would be asked about is kept as a comment and forwarded to the seller, never dropped."""
    plan_id, turn = await started(router, settings, smtp_sink)
    for n in range(PER_PERSON_PER_HOUR[AnswerKind.ASKED]):
        unsure = answer(turn, JANE, f"I think we're done? ({n})")
        assert (await router.handle(unsure.as_bytes())).applied
        await_one(answers_to(smtp_sink, unsure))  # asked
    sixth = answer(turn, JANE, "I think we're done now, legal has signed?")

    outcome = await router.handle(sixth.as_bytes())

    assert outcome.applied, outcome.reason
    plan = await plan_of(time_skipping_env, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.ACTIVE  # nothing changed unasked
    assert [c.text for c in plan.comments] == ["I think we're done now, legal has signed?"]
    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "legal has signed" in text_of(m)
    )
    assert parseaddr(str(forward["Reply-To"]))[1] == JANE
    assert answers_to(smtp_sink, sixth) == []


async def test_a_change_not_taken_in_time_waits_in_the_inbox(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plan that does not take an update (its worker gone, its workflow tasks failing) must
    not hold up everyone's mail, nor lose the reply: after UPDATE_WAIT the message waits for a
    later round (TryLater), as it does when the routing is cancelled by a worker stopping."""
    plan_id, turn = await started(router, settings, smtp_sink)
    done = answer(turn, JANE, "done")
    elsewhere = settings.model_copy(update={"task_queue": f"nobody-{uuid.uuid4().hex[:8]}"})
    handle = time_skipping_env.client.get_workflow_handle(plan_id)
    plan = await plan_of(time_skipping_env, plan_id)
    # the same plan, run where no worker polls: nothing ever takes its updates
    await handle.terminate()
    await time_skipping_env.client.start_workflow(
        "PlanWorkflow", PlanInput(plan=plan), id=plan_id, task_queue=elsewhere.task_queue
    )
    monkeypatch.setattr(plans_client, "UPDATE_WAIT", timedelta(seconds=1))
    with pytest.raises(TryLater, match="did not take the update in time"):
        await router.handle(done.as_bytes())

    monkeypatch.setattr(plans_client, "UPDATE_WAIT", timedelta(minutes=5))
    routing = asyncio.create_task(router.handle(done.as_bytes()))
    await asyncio.sleep(0.5)
    routing.cancel()  # the worker stopping while the update waits
    with pytest.raises(TryLater):
        await routing


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
