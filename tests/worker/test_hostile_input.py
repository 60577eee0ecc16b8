"""Hostile and broken inbound mail, routed for real (the router, the plan workflow on Temporal's
time-skipping server, the engine's emails caught by a loopback SMTP server).

For each input: the router returns a reason instead of raising, the plan does not change unless
the right person asked for a change, no email goes out (but at most one help answer to a
person), and nothing the engine sends can be fed back to it to make a loop. Names and subjects
that flow into outgoing mail cannot add headers or markup. No token, password or key is logged.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from temporalio.client import Client

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.send import SmtpSender
from mutualplan.models import Plan
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter
from tests.support.corpora import Corpus
from tests.support.hostile_mail import as_shown

SECRET = "hostile-test-hmac-key-5f3e9a"
JANE = "jane@globex.example"
ALEX = "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: object) -> Settings:
    return Settings(
        secret=SECRET,
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"hostile-{uuid.uuid4().hex[:8]}",
    )


def start_email(settings: Settings, *, subject: str = "Globex rollout") -> bytes:
    msg = example_start_email(settings, template="short", today=date.today())
    msg.replace_header("Subject", subject)
    msg.replace_header("Message-ID", f"<{uuid.uuid4()}@acme.example>")
    msg.set_content(msg.get_content().replace("Go-live:", "Confirm: yes\nGo-live:", 1))
    return msg.as_bytes()


async def start(router: InboundRouter, raw: bytes) -> str:
    outcome = await router.handle(raw)
    assert outcome.applied, outcome.reason
    return outcome.reason.rsplit(" ", 1)[1]


async def jane_turn(sink, plan_id: str) -> EmailMessage:  # type: ignore[no-untyped-def]
    return await sink.wait_for(  # type: ignore[no-any-return]
        lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"]) and plan_id in str(m)
    )


async def settled(client: Client, plan_id: str) -> None:
    """Wait until the plan has sent everything its start called for: no activity pending and its
    history not growing (a "Your turn" can arrive before the invites are out)."""
    handle = client.get_workflow_handle(plan_id)
    length, quiet = -1, 0
    while quiet < 3:
        await asyncio.sleep(0.1)
        raw = (await handle.describe()).raw_description
        busy = bool(raw.pending_activities) or raw.workflow_execution_info.history_length != length
        length = raw.workflow_execution_info.history_length
        quiet = 0 if busy else quiet + 1


def days_ahead(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def state(plan: Plan) -> list[tuple[str, str, str]]:
    return [(m.key, m.status.value, m.due.isoformat()) for m in plan.milestones]


# --- broken and hostile structure -----------------------------------------------------------


def _reply_bytes(turn: EmailMessage, body: bytes, *, headers: bytes = b"") -> bytes:
    """A reply to Jane's turn email, from Jane, with its body (and extra headers) as given."""
    reply = compose_reply(turn.as_bytes(), sender=JANE, text="x")
    head = b"".join(
        f"{k}: {v}\r\n".encode()
        for k, v in reply.items()
        if k.lower() not in ("content-type",) and not k.lower().startswith("content-")
    )
    return head + headers + body


def _nested(depth: int, text: bytes) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\n" + text + b"\r\n"
    for level in range(depth):
        b = f"b{level}".encode()
        body = (
            b"Content-Type: multipart/mixed; boundary="
            + b
            + b"\r\n\r\n--"
            + b
            + b"\r\n"
            + body
            + b"\r\n--"
            + b
            + b"--\r\n"
        )
    return body


HOSTILE: dict[str, Callable[[EmailMessage], bytes]] = {
    "no From": lambda t: b"To: plans@mutualplan.localhost\r\nSubject: x\r\n\r\ndone\r\n",
    "unreadable From": lambda t: b"From: <<<@>>>\r\nTo: plans@mutualplan.localhost\r\n\r\ndone\r\n",
    "two From headers": lambda t: _reply_bytes(
        t, b"\r\ndone\r\n", headers=b"From: mallory@evil.example\r\n"
    ),
    "boundary never closed": lambda t: _reply_bytes(
        t,
        b"\r\n--zz\r\nContent-Type: text/plain\r\n\r\nnot sure\r\n",
        headers=b'Content-Type: multipart/alternative; boundary="zz"\r\n',
    ),
    "no boundary at all": lambda t: _reply_bytes(
        t, b"\r\n\x00\x01\x02garbage", headers=b"Content-Type: multipart/mixed\r\n"
    ),
    "nested 300 deep": lambda t: _reply_bytes(t, _nested(300, b"not sure")),
    "unknown charset": lambda t: _reply_bytes(
        t, b"\r\n\xff\xfe\xfa hello", headers=b"Content-Type: text/plain; charset=x-klingon\r\n"
    ),
    "invalid utf-8": lambda t: _reply_bytes(
        t, b"\r\n\xc3\x28\xa0\xa1 maybe", headers=b"Content-Type: text/plain; charset=utf-8\r\n"
    ),
    "bad base64": lambda t: _reply_bytes(
        t,
        b"\r\n!!!!====not base64@@@\r\n",
        headers=b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n",
    ),
    "1 MB header": lambda t: _reply_bytes(
        t, b"\r\nhmm\r\n", headers=b"X-Big: " + b"a" * 1_000_000 + b"\r\n"
    ),
    "NUL and control bytes in headers": lambda t: _reply_bytes(
        t, b"\r\nhmm\r\n", headers=b"Subject: \x00\x07\x1b[31m\r\n"
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_broken_mail_is_set_aside_with_a_reason_and_changes_nothing(
    case: str,
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    await settled(time_skipping_env.client, plan_id)
    before = state(await get_plan(time_skipping_env.client, plan_id))
    sent = len(smtp_sink.messages)

    outcome = await router.handle(HOSTILE[case](turn))

    assert outcome.reason
    if outcome.applied:  # what could be read is Jane's, not a command: kept as her comment
        assert "Jane Doe wrote" in outcome.reason, outcome.reason
    assert state(await get_plan(time_skipping_env.client, plan_id)) == before
    answers = smtp_sink.messages[sent:]
    helps = [m for m in answers if JANE in str(m["To"])]
    forwards = [m for m in answers if "Jane Doe wrote" in str(m["Subject"])]
    assert len(helps) <= 1 and all(is_help(m) for m in helps)
    assert len(forwards) <= 1 and len(helps) + len(forwards) == len(answers)


def is_help(email: EmailMessage) -> bool:
    """The help answer: a reply listing the commands."""
    body = email.get_body(("plain",))
    return body is not None and "blocked: <reason>" in body.get_content()


@hsettings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_mangled_replies_never_crash_the_router(
    data, router, settings, smtp_sink, time_skipping_env
) -> None:  # type: ignore[no-untyped-def]
    """A "done" from Jane, mangled at random (bytes cut, flipped, inserted): the router answers
    with a disposition; the plan changes only if the result still reads as Jane's done."""
    plan_id = await _hypothesis_plan(router, settings, smtp_sink)
    turn = await jane_turn(smtp_sink, plan_id)
    raw = bytearray(compose_reply(turn.as_bytes(), sender=JANE, text="not yet").as_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        # where, as a share of the message: its length varies (the reply's Message-ID has as many
        # digits as `random` gives it), and hypothesis wants the same draws for the same choices
        at = data.draw(st.integers(0, 9_999)) * len(raw) // 10_000
        match data.draw(st.sampled_from(["cut", "flip", "insert"])):
            case "cut":
                del raw[at : at + data.draw(st.integers(1, 200))]
            case "flip":
                raw[at] = data.draw(st.integers(0, 255))
            case "insert":
                raw[at:at] = data.draw(st.binary(max_size=50))
    outcome = await router.handle(bytes(raw))
    assert outcome.reason
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status.value == "active", "'not yet' never marks it done"


_PLAN: dict[str, str] = {}


async def _hypothesis_plan(router, settings, sink) -> str:  # type: ignore[no-untyped-def]
    """One plan for all examples (the fixtures are not reset between them)."""
    if settings.task_queue not in _PLAN:
        _PLAN[settings.task_queue] = await start(router, start_email(settings))
    return _PLAN[settings.task_queue]


# --- people acting where they do not belong ------------------------------------------------


async def test_forged_from_replayed_and_removed_tokens_change_nothing(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    plan_a = await start(router, start_email(settings, subject="Deal A"))
    plan_b = await start(router, start_email(settings, subject="Deal B"))
    turn_a = await jane_turn(smtp_sink, plan_a)
    turn_b = await jane_turn(smtp_sink, plan_b)
    before_b = state(await get_plan(time_skipping_env.client, plan_b))

    # the seller's address forged on Jane's token: the token was sent to Jane
    forged = compose_reply(turn_a.as_bytes(), sender=ALEX, text="done")
    outcome = await router.handle(forged.as_bytes())
    assert not outcome.applied and "was sent to jane@globex.example" in outcome.reason

    # plan B's token spliced with plan A's into the reply address (the HMAC fails), and plan A's
    # token on a reply threaded under plan B's email: plan B changes in neither case
    token_a = str(turn_a["Reply-To"]).split("+")[1].split("@")[0]
    token_b = str(turn_b["Reply-To"]).split("+")[1].split("@")[0]
    spliced = compose_reply(turn_a.as_bytes(), sender=JANE, text=f"new date: {days_ahead(60)}")
    spliced.replace_header("To", f"plans+{token_b[:10]}{token_a[10:]}@{settings.domain}")
    await router.handle(spliced.as_bytes())
    replayed = compose_reply(turn_b.as_bytes(), sender=JANE, text=f"new date: {days_ahead(61)}")
    replayed.replace_header("To", f"plans+{token_a}@{settings.domain}")
    await router.handle(replayed.as_bytes())
    assert state(await get_plan(time_skipping_env.client, plan_b)) == before_b

    # a reply applied once, delivered again: applied once
    done = compose_reply(turn_a.as_bytes(), sender=JANE, text="done")
    first, again = await router.handle(done.as_bytes()), await router.handle(done.as_bytes())
    assert first.applied and again.applied  # the second gets the first one's outcome
    plan = await get_plan(time_skipping_env.client, plan_a)
    assert [e.what for e in plan.milestones[0].history].count("marked done") == 1

    # Omar is removed; his token stops working
    omar_turn = await smtp_sink.wait_for(
        lambda m: "omar@" in str(m["To"]) and "Deal A" in str(m["Subject"])
    )
    summary = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Deal A] Mutual action plan" in str(m["Subject"])
    )
    removed = await router.handle(
        compose_reply(summary.as_bytes(), sender=ALEX, text="remove omar@globex.example").as_bytes()
    )
    assert removed.applied, removed.reason
    before = state(await get_plan(time_skipping_env.client, plan_a))
    note = compose_reply(
        omar_turn.as_bytes(), sender="omar@globex.example", text=f"new date: {days_ahead(62)}"
    )
    outcome = await router.handle(note.as_bytes())
    assert not outcome.applied and outcome.reason
    assert state(await get_plan(time_skipping_env.client, plan_a)) == before


# --- what flows into outgoing mail ---------------------------------------------------------

INJECTED_NAME = "=?utf-8?q?Kim=0D=0ABcc=3A_victim=40evil=2Eexample=0D=0AX-Injected=3A_yes?="
MARKUP = "<script>alert(1)</script> {{ 7*7 }}"


async def test_names_subjects_and_notes_cannot_inject_headers_or_markup(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    subject = "=?utf-8?q?=3Cb=3E=7B=7B_7*7_=7D=7D_Deal=0D=0ABcc=3A_victim=40evil=2Eexample?="
    raw = start_email(settings, subject=subject)
    raw = raw.replace(b"Jane Doe <jane@", INJECTED_NAME.encode() + b" <jane@", 1)
    plan_id = await start(router, raw)
    turn = await jane_turn(smtp_sink, plan_id)
    note = compose_reply(turn.as_bytes(), sender=JANE, text=f"note: {MARKUP}")
    assert (await router.handle(note.as_bytes())).applied
    await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "Changed" in str(m["Subject"]))

    for msg in smtp_sink.messages:
        assert "Bcc" not in msg and "X-Injected" not in msg, msg
        [to] = msg["To"].addresses
        assert to.addr_spec != "victim@evil.example"
        assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
        html = msg.get_body(("html",))
        if html is not None:
            assert "<script>alert" not in html.get_content()
            assert "<b>{{" not in html.get_content()
    summary = next(m for m in smtp_sink.messages if "Mutual action plan" in str(m["Subject"]))
    html = summary.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "&lt;b&gt;{{ 7*7 }} Deal" in html, "the deal's name shows literally, escaped"
    changed = next(m for m in smtp_sink.messages if "Changed" in str(m["Subject"]))
    html = changed.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    text = changed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert MARKUP in text, "the plain part shows what Jane wrote, literally"


async def test_text_that_reads_as_an_encoded_word_never_becomes_a_header(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    """`email` decodes what reads as an RFC 2047 encoded word when it folds a long header, and
    before Python 3.11.10 and 3.12.5 wrote a line break so decoded as it was (CVE-2024-6923):
    a comment forwarded to the seller (its first words are the subject) and a new owner's name
    reach headers, and must be shown as written."""
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    breaks = "=?utf-8?q?=0D=0AReply-To:_eve@evil.example=0D=0AX-Injected:_yes=0D=0A?="
    comment = compose_reply(turn.as_bytes(), sender=JANE, text=f"{breaks} thanks for the update")
    assert (await router.handle(comment.as_bytes())).applied
    named = "=?utf-8?q?=0D=0AX-Injected=3A_yes=0D=0A?= Kim Lee of the Globex security team"
    handover = compose_reply(
        turn.as_bytes(), sender=JANE, text=f"assign to {named} <kim@globex.example>"
    )
    assert (await router.handle(handover.as_bytes())).applied

    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "wrote" in str(m["Subject"])
    )
    assert "wrote: =?utf-8?q?=0D=0AReply-To:_eve@evil.example=0D=0A" in str(forward["Subject"])
    assert [a.addr_spec for a in forward["Reply-To"].addresses] == [JANE]
    kims = await smtp_sink.wait_for(
        lambda m: "kim@globex.example" in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    assert as_shown(kims, "To") == (named, "kim@globex.example")
    for msg in smtp_sink.messages:
        assert "X-Injected" not in msg, msg
        assert all("evil" not in str(value) for value in msg.get_all("Reply-To") or [])


async def test_whom_the_seller_answers_gets_no_token_of_theirs(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    """A comment reaches the seller with Reply-To its writer, so the seller's answer goes to the
    writer and names the forward's Message-ID: that ID carries no reply token, so the writer
    cannot act as the seller with it under a forged From."""
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    question = compose_reply(turn.as_bytes(), sender=JANE, text="When is the kickoff call?")
    assert (await router.handle(question.as_bytes())).applied
    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "wrote" in str(m["Subject"])
    )
    answer = compose_reply(forward.as_bytes(), sender=f"Alex Seller <{ALEX}>", text="Thursday!")
    assert [a.addr_spec for a in answer["To"].addresses] == [JANE]  # as Jane receives it

    forged = compose_reply(
        forward.as_bytes(), sender=f"Alex Seller <{ALEX}>", text="Cancel the plan"
    )
    forged.replace_header("To", settings.plans_address)  # Jane sends it on, with Alex's references
    forged.replace_header("References", str(answer["References"]))
    await router.handle(forged.as_bytes())

    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.status.value == "active"
    assert "Cancel the plan" not in [c.text for c in plan.comments]


# --- no loops -----------------------------------------------------------------------------


async def test_the_engine_never_answers_its_own_or_automated_mail(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    plan_id = await start(router, start_email(settings))
    await jane_turn(smtp_sink, plan_id)
    ours = list(smtp_sink.messages)
    for msg in ours:  # every email it sent, delivered back to it (a misconfigured alias, a bounce)
        outcome = await router.handle(msg.as_bytes())
        assert not outcome.applied
    # an autoresponder answering "help" to a plan address
    auto = compose_reply(ours[-1].as_bytes(), sender=JANE, text="help")
    auto["Auto-Submitted"] = "auto-replied"
    assert not (await router.handle(auto.as_bytes())).applied
    assert smtp_sink.messages == ours, "nothing was sent in answer"


# --- secrets stay out of logs --------------------------------------------------------------


async def test_no_token_or_key_reaches_the_log(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.DEBUG)
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    await router.handle(
        compose_reply(turn.as_bytes(), sender="mallory@evil.example", text="done").as_bytes()
    )
    await router.handle(compose_reply(turn.as_bytes(), sender=JANE, text="done").as_bytes())
    await smtp_sink.wait_for(lambda m: "Your turn: Budget" in str(m["Subject"]))
    tokens = {
        str(m["Reply-To"]).split("+")[1].split("@")[0] for m in smtp_sink.messages if m["Reply-To"]
    }
    assert tokens
    # everything but the test's own SMTP server (aiosmtpd's "mail.log" prints what it receives)
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records if r.name != "mail.log"
    )
    assert "started plan" in logged
    for token in tokens:
        assert token not in logged
    assert SECRET not in logged


async def test_oversized_mail_is_set_aside_unread_with_the_reason(
    tmp_path: Path, free_port: Callable[[], int], caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio

    from mutualplan.devstack.mailserver import dev_mail_server
    from mutualplan.mail.receive import open_mailbox
    from mutualplan.worker.listener import MailListener

    class NeverCalled:
        async def handle(self, raw: bytes) -> None:
            raise AssertionError("an oversized message is not read")

    settings = Settings(
        secret=SECRET, smtp_port=free_port(), imap_port=free_port(), max_message_bytes=50_000
    )
    caplog.set_level(logging.INFO)
    async with dev_mail_server(
        tmp_path, smtp_port=settings.smtp_port, imap_port=settings.imap_port
    ):
        big = EmailMessage()
        big["From"] = JANE
        big["To"] = settings.plans_address
        big["Subject"] = "the contract"
        big.set_content("done")
        big.add_attachment(b"\0" * 200_000, maintype="application", subtype="pdf", filename="c.pdf")
        await SmtpSender(settings.smtp).send(big)
        listener = asyncio.create_task(MailListener(settings, NeverCalled()).run())  # type: ignore[arg-type]
        try:
            for _ in range(100):
                if "set aside message" in caplog.text:
                    break
                await asyncio.sleep(0.1)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

        def set_aside() -> list[str]:
            with open_mailbox(settings) as mailbox:
                return [item.reason for item in mailbox.set_aside_messages()]

        [reason] = await asyncio.to_thread(set_aside)
    assert reason.startswith("too large to read (") and "the limit is 50000" in reason
    assert "too large to read" in caplog.text


async def test_every_message_of_the_bounce_corpus_is_set_aside_unanswered(
    bounces: Corpus,
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    """630 bounces, DSNs, ARF reports and auto-replies, and 2 human messages, as if each had
    been delivered to the plans mailbox addressed to a live plan."""
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    address = str(turn["Reply-To"])
    await settled(time_skipping_env.client, plan_id)
    before = state(await get_plan(time_skipping_env.client, plan_id))
    sent = len(smtp_sink.messages)
    files = bounces.files()
    assert len(files) == 632
    reasons: Counter[str] = Counter()
    for path in files:
        raw = f"Delivered-To: {address}\r\n".encode() + path.read_bytes()
        outcome = await router.handle(raw)
        assert not outcome.applied and outcome.reason, path
        reasons[outcome.reason.split(" (")[0]] += 1
    assert reasons["automated mail"] == 630, reasons
    # the two people get the help answer (anyone does, at most once an hour); no machine does
    answers = smtp_sink.messages[sent:]
    assert len(answers) <= 2 and all(is_help(m) for m in answers)
    assert state(await get_plan(time_skipping_env.client, plan_id)) == before


# --- what a reply shows is what it says ---------------------------------------------------

HIDDEN_DONE = {
    "display:none": '<div style="color:#333; display: none !important">done</div>',
    "the hidden attribute": "<span hidden>done</span>",
    "font-size 0": '<p style="font-size:0px;line-height:0">done</p>',
    "visibility:hidden": '<div style="visibility:hidden"><b>done</b></div>',
    "Outlook's mso-hide": '<div style="mso-hide:all;max-height:0;overflow:hidden">done</div>',
    "a class a <style> hides": (
        "<style>p { margin: 0 } .preheader, div.x { display: none !important }</style>"
        '<div class="preheader">done</div>'
    ),
}


@pytest.mark.parametrize("case", list(HIDDEN_DONE))
async def test_a_done_hidden_in_an_html_reply_does_not_count(
    case: str,
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    """An HTML-only reply whose reader sees "Not yet" but whose markup hides a "done" (text
    pasted from elsewhere, a crafted message passed on): only what shows is read, and it
    reaches the seller as Jane's comment."""
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)
    html = (
        "<html><body>" + HIDDEN_DONE[case] + "<p>Not yet: legal still has the contract.</p>"
        "</body></html>\r\n"
    )
    raw = _reply_bytes(
        turn, b"\r\n" + html.encode(), headers=b"Content-Type: text/html; charset=utf-8\r\n"
    )

    outcome = await router.handle(raw)

    assert outcome.applied and "Jane Doe wrote" in outcome.reason, outcome.reason
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status.value == "active"
    forward = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Jane Doe wrote" in str(m["Subject"])
    )
    text = forward.get_body(("plain",)).get_content()
    assert "legal still has the contract" in text


def _with_charset_trap(case: str, turn: EmailMessage) -> bytes:
    """Jane's "done", in a message one of whose charsets names a decoder that refuses to
    replace what it cannot read (`idna`, `undefined`) or is no name at all (a NUL in it)."""
    attached = (
        b"\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ndone\r\n"
        b"--b\r\nContent-Type: application/pdf; name*=%s''%%FF%%FEcontract.pdf\r\n"
        b"Content-Disposition: attachment\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    )
    match case.split(": "):
        case ["body", charset]:
            return _reply_bytes(
                turn,
                b"\r\ndone\r\n",
                headers=b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n",
            )
        case ["parameter", charset]:
            return _reply_bytes(
                turn,
                b"\r\ndone\r\n",
                headers=b"Content-Type: text/plain; charset*=" + charset.encode() + b"''utf-8\r\n",
            )
        case ["file name", charset]:
            return _reply_bytes(
                turn,
                attached % charset.encode(),
                headers=b'Content-Type: multipart/mixed; boundary="b"\r\n',
            )
    raise AssertionError(case)


CHARSET_TRAPS = [
    "body: idna",
    "body: undefined",
    'body: "utf-8\x00"',
    "parameter: idna",
    "parameter: undefined",
    "file name: idna",
    "file name: undefined",
]


@pytest.mark.parametrize("case", CHARSET_TRAPS)
async def test_a_charset_whose_decoder_refuses_still_reads_the_reply(
    case: str,
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    plan_id = await start(router, start_email(settings))
    turn = await jane_turn(smtp_sink, plan_id)

    outcome = await router.handle(_with_charset_trap(case, turn))

    assert outcome.applied, outcome.reason
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status.value == "done"


async def test_a_name_with_line_breaks_stays_on_one_line_in_every_email(
    router: InboundRouter,
    settings: Settings,
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    """A Cc name is an encoded word that can hold CR/LF: it must not write lines of its own
    into the text of the emails that name its person."""
    injected = "=0D=0A=0D=0AReply_=22done=22_to_approve_the_order_form=2E"
    raw = start_email(settings).replace(
        b"Cc: ", f"Cc: =?utf-8?q?Kim_Lee{injected}?= <kim@globex.example>, ".encode(), 1
    )
    sent = len(smtp_sink.messages)
    plan_id = await start(router, raw)
    await settled(time_skipping_env.client, plan_id)

    emails = smtp_sink.messages[sent:]
    assert any("Kim Lee" in email.get_body(("plain",)).get_content() for email in emails)
    for email in emails:
        text = email.get_body(("plain",)).get_content()
        assert not any(line.startswith('Reply "done" to approve') for line in text.splitlines())
    plan = await get_plan(time_skipping_env.client, plan_id)
    kim = next(s for s in plan.stakeholders if s.email == "kim@globex.example")
    assert kim.name == 'Kim Lee Reply "done" to approve the order form.'
