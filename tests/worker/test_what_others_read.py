"""What one person writes, as others read it (red-team round 3): a note kept from "done", a
reason for being blocked, a name from the start email's Cc, a template name a start email's
address gives. Routed for real (the router, the plan workflow on Temporal's time-skipping
server, the engine's emails caught by a loopback SMTP server).

None of it can carry a terminal escape, a lone CR or a bidi override into what the engine
sends, nor make the engine write thousands of characters of it to someone else."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mutualplan.cli import main
from mutualplan.client.plans import get_plan
from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.header_text import look_alike
from mutualplan.limits import NAME
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.listener import MailListener
from mutualplan.worker.run import build_worker
from tests.worker.test_hostile_input import ALEX, JANE, jane_turn, settled, start, start_email

SAM = "sam@globex.example"

# what would rewrite or reorder what a reader sees: ESC (a terminal's escape sequences), BEL,
# a lone CR (a terminal writes over the line), the bidi overrides and isolates
UNSEEN = ("\x1b", "\x07", "\r", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069")


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="what-others-read-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"others-read-{uuid.uuid4().hex[:8]}",
    )


def texts(email: EmailMessage) -> list[str]:
    """Its plain and HTML parts, decoded."""
    parts = [email.get_body((kind,)) for kind in ("plain", "html")]
    return [part.get_content() for part in parts if isinstance(part, EmailMessage)]


def shows_nothing_unseen(emails: list[EmailMessage]) -> None:
    for email in emails:
        for text in [str(email["Subject"]), *texts(email)]:
            found = [c for c in UNSEEN if c in text.replace("\r\n", "\n")]
            assert not found, (found, email["Subject"], text)


async def test_a_done_note_and_a_blocked_reason_carry_no_escape_or_override(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
) -> None:
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    sent = len(smtp_sink.messages)
    blocked = "blocked: waiting for \u2067legal\u2069\x1b[31m sign-off\u202d"
    reply = compose_reply(turn.as_bytes(), sender=JANE, text=blocked)
    assert (await router.handle(reply.as_bytes())).applied
    note = "Done - agreed with Sam\x1b[2J\x1b]0;owned\x07 today\rReply cancel\u202e.dengis ti"
    reply = compose_reply(turn.as_bytes(), sender=JANE, text=note)
    assert (await router.handle(reply.as_bytes())).applied
    await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "Done" in str(m["Subject"]))
    await settled(time_skipping_env.client, plan_id)

    shows_nothing_unseen(smtp_sink.messages[sent:])
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]
    assert first.done_note == "agreed with Sam[2J]0;owned today Reply cancel.dengis ti"
    assert "blocked: waiting for legal[31m sign-off" in [e.what for e in first.history]


async def test_a_name_of_ten_thousand_characters_is_cut_where_it_enters_the_plan(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
) -> None:
    """The name the seller's Cc gives (as the buyer's own mail wrote it) is named in every
    "Your turn", refusal and go-live email to others: it is cut as an added person's is."""
    raw = start_email(settings).replace(
        b"Cc: ", b'Cc: "' + b"Kim" * 3_400 + b'" <kim@globex.example>, ', 1
    )
    sent = len(smtp_sink.messages)
    plan_id = await start(router, raw)
    await settled(time_skipping_env.client, plan_id)

    plan = await get_plan(time_skipping_env.client, plan_id)
    kim = next(s for s in plan.stakeholders if s.email == "kim@globex.example")
    assert kim.name.startswith("KimKim") and len(kim.name) <= NAME
    for email in smtp_sink.messages[sent:]:
        for text in texts(email):
            assert "Kim" * 100 not in text, email["Subject"]


@pytest.mark.parametrize(
    ("tag", "echoed"),
    [
        ("x" * 5_000, ""),
        ("www.evil.example", ""),
        ("Your-account-is-locked-call-our-helpdesk-now", ""),
        ("enterprize\u202e", "enterprize"),
    ],
    ids=["5000 characters", "a link", "a sentence", "a bidi override"],
)
async def test_an_unknown_template_name_is_echoed_only_as_a_template_name(
    router: InboundRouter, settings: Settings, smtp_sink: Any, tag: str, echoed: str
) -> None:
    """Where anyone may start plans, whoever a forged From names gets this answer: it echoes
    a name a template could have (mistyped), never a line of the forger's."""
    start = example_start_email(settings, template="short", today=datetime.now(UTC).date())
    raw = start.as_bytes().replace(b"plans+short@", f"plans+{tag}@".encode(), 1)
    outcome = await router.handle(raw)
    assert outcome.outcome is Outcome.UNKNOWN_TEMPLATE, outcome
    answer: EmailMessage = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and m["In-Reply-To"] == start["Message-ID"]
    )
    shows_nothing_unseen([answer])
    [text] = texts(answer)
    assert "evil.example" not in text and "x" * 41 not in text and "helpdesk" not in text
    if echoed:
        assert f'no plan template called "{echoed}"' in text
        assert "Did you mean plans+enterprise@mutualplan.localhost?" in text
    else:
        assert "Your email names no plan template" in text
    assert "plans+short@mutualplan.localhost" in text, "the list of templates still follows"


async def test_a_name_holding_an_address_is_not_kept_so_a_refusal_cannot_name_another(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
) -> None:
    """A refusal names who may act "by name and address": a name that is itself an address
    ("Alex Seller (alex@acme.example)", for Jane) would send Sam to ask the wrong person."""
    raw = start_email(settings).replace(
        b"Jane Doe <jane@globex.example>",
        b'"Alex Seller (alex@acme.example)" <jane@globex.example>',
    )
    plan_id = await start(router, raw)
    await settled(time_skipping_env.client, plan_id)
    plan = await get_plan(time_skipping_env.client, plan_id)
    jane = next(s for s in plan.stakeholders if s.email == JANE)
    assert jane.name == ""

    to_sam = next(m for m in smtp_sink.messages if SAM in str(m["To"]) and plan_id in str(m))
    reply = compose_reply(to_sam.as_bytes(), sender=SAM, text="#1 done")
    outcome = await router.handle(reply.as_bytes())
    assert outcome.outcome is Outcome.REFUSED, outcome
    refusal = await smtp_sink.wait_for(
        lambda m: SAM in str(m["To"]) and m["In-Reply-To"] == reply["Message-ID"]
    )
    [text] = texts(refusal)
    said = " ".join(text.split())
    assert f"you are not the owner of \u201cProposal reviewed and agreed\u201d: {JANE} is." in said
    assert said.count("alex@acme.example") == 1, said  # the seller, once, as the seller


async def test_the_set_aside_list_shows_a_strangers_subject_without_its_escapes(
    tmp_path: Path,
    free_port: Callable[[], int],
    smtp_sink: Any,
    time_skipping_env: Any,
) -> None:
    """Anyone can mail the plans address; `mutualplan mail set-aside` prints what was set
    aside, with its subject, to the operator's terminal. An encoded subject can hold ESC: a
    sequence that clears the screen, retitles the window or writes a link over the text."""
    settings = Settings(
        secret="set-aside-list-secret",
        smtp_port=smtp_sink.port,
        imap_port=free_port(),
        task_queue=f"set-aside-{uuid.uuid4().hex[:8]}",
    )
    mail_in = settings.model_copy(update={"smtp_port": free_port()})
    client = time_skipping_env.client
    stranger = EmailMessage()
    stranger["From"] = "Mallory <mallory@evil.example>"
    stranger["To"] = settings.plans_address
    stranger["Subject"] = "Invoice \x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\here"
    stranger.set_content("Please pay.")
    async with (
        dev_mail_server(tmp_path, smtp_port=mail_in.smtp_port, imap_port=settings.imap_port),
        build_worker(settings, client),
    ):
        router = InboundRouter(settings, client, SmtpSender(settings.smtp), Renderer())
        await SmtpSender(mail_in.smtp).send(stranger)
        listener = asyncio.create_task(MailListener(settings, router).run())
        try:
            listed = await _set_aside_listed(settings)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)
    assert "Mallory" in listed and "Invoice" in listed, listed
    assert not [c for c in UNSEEN if c in listed], repr(listed)


async def _set_aside_listed(settings: Settings) -> str:
    """What `mutualplan mail set-aside` prints, once the listener has set something aside."""
    env = {
        "MUTUALPLAN_SECRET": "set-aside-list-secret",
        "MUTUALPLAN_IMAP_PORT": str(settings.imap_port),
    }
    deadline = time.monotonic() + 60  # a loaded machine's listener may take its time
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        run = await asyncio.to_thread(CliRunner().invoke, main, ["mail", "set-aside"], env=env)
        assert run.exit_code == 0, run.output
        if "nothing set aside" not in run.output:
            return run.output
    raise AssertionError("nothing was set aside")


@pytest.mark.parametrize(
    "address",
    [
        "j\u0430ne@globex.example",
        "jane@gl\u043ebex.example",
        "ja\u200bne@globex.example",
        "ja\u00adne@globex.example",
    ],
    ids=["a Cyrillic a", "a Cyrillic o in the domain", "a zero-width space", "a soft hyphen"],
)
async def test_a_step_cannot_be_given_to_a_look_alike_of_someone_on_the_plan(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: Any,
    address: str,
) -> None:
    """An owner may hand their step to someone new; not to an address that passes for a plan
    member's: the seller would read that Jane took it, and its "Your turn" would go elsewhere."""
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    reply = compose_reply(turn.as_bytes(), sender=JANE, text=f"new owner: {address}")
    outcome = await router.handle(reply.as_bytes())
    assert outcome.outcome is Outcome.REFUSED, outcome
    await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and m["In-Reply-To"] == reply["Message-ID"]
    )
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.owner(plan.milestones[0]).email == JANE
    assert [s.email for s in plan.stakeholders if s.email.startswith("j")] == [JANE]


def test_real_addresses_in_one_script_or_with_accents_are_no_look_alikes() -> None:
    for address in ["j\u00f6rg@m\u00fcller.example", "\u0438\u0432\u0430\u043d@globex.example",
                    "\u03b1\u03bd\u03bd\u03b1@globex.gr", "kim@globex.example"]:  # fmt: skip
        assert not look_alike(address), address
