"""A German (and an Italian) champion, end to end: the seller's start email names her language;
her emails, her check-in invite and the answer to her unclear reply are in it, her "Erledigt"
("Fatto") moves the plan, and the seller's emails stay English. Raw mail in, the plan on Temporal's
time-skipping server, the engine's emails caught by a loopback SMTP server."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.languages import wording
from mutualplan.models import MilestoneStatus
from mutualplan.settings import Settings

JANE = "jane@globex.example"
ALEX = "alex@acme.example"
SAM = "sam@globex.example"


@pytest.fixture
def settings(smtp_sink: object) -> Settings:
    return Settings(
        secret="language-test-secret",
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"languages-{uuid.uuid4().hex[:8]}",
    )


@dataclass(frozen=True)
class Champion:
    """What a champion writing one language sends, and what she reads back in it."""

    code: str
    named: str  # her language as the seller names it after her address
    hi: str  # the greeting her emails open with
    your_turn: str  # the start of the "Your turn" subject after the tag
    due: str  # "(due 2027-01-15)" with {due}
    due_line: str  # the text's due line, with {due}
    reply_done: str  # how the email asks for "done"
    your_turn_html: str
    invite_subject: str
    invite_subject_end: str
    invite_summary: bytes
    invite_text: str
    question: str  # a question in her words, relayed to the seller
    unclear: str  # a change the engine cannot read
    read_as: str  # how the help says it read that, with {title}
    unchanged: str
    blocked_command: str
    own_words: str  # an example of her own words in the help
    done: str  # her "done" in her own words


GERMAN = Champion(
    code="de",
    named="German",
    hi="Hallo Jane",
    your_turn="Sie sind dran:",
    due="(fällig {due})",
    due_line="Fällig: {due}",
    reply_done="antworten Sie auf diese E-Mail mit „done“",
    your_turn_html="sind Sie jetzt dran",
    invite_subject="Abstimmungstermin:",
    invite_subject_end=" Uhr (UTC)",  # "dienstags, 10:00-10:30 Uhr"
    invite_summary=b"SUMMARY;LANGUAGE=de:Globex rollout: Abstimmung zum gemeinsamen Projektplan",
    invite_text="Sie sind zum Abstimmungstermin",
    question="Wie mache ich das?",
    unclear="Neues Datum: irgendwann",
    read_as=(
        "Verstanden: ein neues Datum f\u00fcr \u00ab{title}\u00bb, aber ich konnte "
        "in \u00abirgendwann\u00bb kein Datum erkennen (aus \u00abNeues Datum: irgendwann\u00bb)."
    ),
    unchanged="Am Plan \u201eGlobex rollout\u201c hat sich nichts ge\u00e4ndert.",
    blocked_command="blocked: <Grund>",
    own_words="„Erledigt, danke!“",
    done="Erledigt",
)
ITALIAN = Champion(
    code="it",
    named="italiano",
    hi="Ciao Jane",
    your_turn="Tocca a te:",
    due="(scadenza {due})",
    due_line="Scadenza: {due}",
    reply_done="rispondi a questa email con “done”",
    your_turn_html="Tocca a te nel piano",
    invite_subject="Call di allineamento: il ",  # "il martedì, 10:00-10:30 (UTC)"
    invite_subject_end=" (UTC)",
    invite_summary=(
        b"SUMMARY;LANGUAGE=it:Globex rollout: call di allineamento del piano d'azione condiviso"
    ),
    invite_text="Ti invitiamo alla call di allineamento",
    question="Chi deve firmare da parte nostra?",
    unclear="Nuova data: prima o poi",
    read_as=(
        "Ho capito: una nuova data per \u00ab{title}\u00bb, ma non ho trovato una data in "
        "\u00abprima o poi\u00bb (da \u00abNuova data: prima o poi\u00bb)."
    ),
    unchanged="Nel piano \u201cGlobex rollout\u201d non \u00e8 cambiato nulla.",
    blocked_command="blocked: <motivo>",
    own_words="“Fatto, grazie!”",
    done="Fatto",
)


def champion_start(settings: Settings, champion: Champion) -> EmailMessage:
    """The example start email, with ", German" (her language's name) after the champion."""
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    body = msg.get_content()
    line = next(line for line in body.splitlines() if line.startswith("Champion:"))
    assert JANE in line
    msg.set_content(body.replace(line, f"{line}, {champion.named}"))
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    return msg


def text_of(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def to(address: str, subject: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and subject in str(m["Subject"])


@pytest.mark.parametrize("champion", [GERMAN, ITALIAN], ids=lambda c: c.code)
async def test_a_champion_reads_her_language_and_the_seller_english(  # type: ignore[no-untyped-def]
    router, settings, smtp_sink, time_skipping_env, champion: Champion
) -> None:
    code = champion.code
    words = wording(code)
    outcome = await router.handle(champion_start(settings, champion).as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]
    title = first.titles[code]

    turn = await smtp_sink.wait_for(to(JANE, champion.your_turn))
    due = champion.due.format(due=first.due)
    assert str(turn["Subject"]) == f"[Globex rollout] {champion.your_turn} {title} {due}"
    text = text_of(turn)
    assert text.startswith(champion.hi)
    assert champion.due_line.format(due=words.longdate(first.due)) in text
    assert champion.reply_done in text
    html = turn.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'<html lang="{code}">' in html and champion.your_turn_html in html

    invite = await smtp_sink.wait_for(to(JANE, champion.invite_subject))
    assert str(invite["Subject"]).endswith(champion.invite_subject_end)
    ics = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    calendar = ics.get_payload(decode=True).replace(b"\r\n ", b"")  # unfolded
    assert champion.invite_summary in calendar
    assert champion.invite_text in text_of(invite)

    # the seller's own emails stay in English
    created = await smtp_sink.wait_for(to(ALEX, "Mutual action plan: go-live"))
    assert text_of(created).startswith("Hi Alex")
    seller_invite = await smtp_sink.wait_for(to(ALEX, "Check-in call:"))
    seller_ics = next(p for p in seller_invite.walk() if p.get_content_type() == "text/calendar")
    assert b"SUMMARY:Globex rollout: mutual action plan check-in" in seller_ics.get_payload(
        decode=True
    )

    # a question in her own words goes to the seller, who reads English
    question = compose_reply(turn.as_bytes(), sender=JANE, text=champion.question)
    await router.handle(question.as_bytes())
    relayed = await smtp_sink.wait_for(to(ALEX, f"Jane Doe wrote: {champion.question}"))
    assert "Reply to this email to answer Jane Doe directly" in text_of(relayed)

    # a change the engine cannot read gets her the help, in her language, saying how it read it
    unclear = compose_reply(turn.as_bytes(), sender=JANE, text=champion.unclear)
    await router.handle(unclear.as_bytes())
    help_answer = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and m["In-Reply-To"] == unclear["Message-ID"]
    )
    assert str(help_answer["Subject"]).startswith("Re: ")  # threaded on her message
    help_text = text_of(help_answer)
    assert champion.read_as.format(title=title) in " ".join(help_text.split())
    assert champion.unchanged in help_text
    assert champion.blocked_command in help_text
    assert champion.own_words in help_text  # her own words work too

    # her answer, in her own words, moves the plan, and the seller hears of it in English
    done_reply = compose_reply(turn.as_bytes(), sender=JANE, text=champion.done)
    done = await router.handle(done_reply.as_bytes())
    assert done.applied, done.reason
    await smtp_sink.wait_for(to(ALEX, f"Done: {first.title}"))
    await smtp_sink.wait_for(to(SAM, "Your turn:"))  # Sam has no language: the default
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
