"""A German and a Japanese champion, end to end: the seller's start email names her language; her
emails, her check-in invite and the answer to her unclear reply are in her language, her own
"Erledigt" or "完了しました" moves the plan, and the seller's emails stay English. Raw mail in,
the plan on Temporal's time-skipping server, the engine's emails caught by a loopback SMTP
server."""

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
    """What a champion who reads `code` sees, and what she writes back. `{title}` is her first
    step's title in her language, `{due}` its due date."""

    code: str
    language: str  # as the seller writes it after her address
    your_turn: str  # the "Your turn" subject
    greeting: str
    due: str
    reply_done: str  # how her "Your turn" email says to answer
    html: str
    invite_subject: str
    invite_zone: str  # how the invite's subject ends
    summary: str  # the invite's SUMMARY
    invited: str
    question: str  # a question in her own words, relayed to the seller as it is
    unclear: str  # a change she writes that the engine cannot read
    read_as: str  # how the help answer says it read that
    unchanged: str
    blocked: str  # the command, its word translated
    own_words: str  # an example of her own words in the help
    done: str  # "done", in her own words


CHAMPIONS = {
    "de": Champion(
        code="de",
        language="German",
        your_turn="[Globex rollout] Sie sind dran: {title} (fällig {due})",
        greeting="Hallo Jane",
        due="Fällig: {due}",
        reply_done="antworten Sie auf diese E-Mail mit „done“",
        html="sind Sie jetzt dran",
        invite_subject="Abstimmungstermin:",
        invite_zone=" Uhr (UTC)",  # "dienstags, 10:00-10:30 Uhr"
        summary="Globex rollout: Abstimmung zum gemeinsamen Projektplan",
        invited="Sie sind zum Abstimmungstermin",
        question="Wie mache ich das?",
        unclear="Neues Datum: irgendwann",
        read_as="Verstanden: ein neues Datum für «{title}», aber ich konnte in «irgendwann» kein "
        "Datum erkennen (aus «Neues Datum: irgendwann»).",
        unchanged="Am Plan „Globex rollout“ hat sich nichts geändert.",
        blocked="blocked: <Grund>",
        own_words="„Erledigt, danke!“",
        done="Erledigt",
    ),
    "ja": Champion(
        code="ja",
        language="Japanese",
        your_turn="[Globex rollout] ご対応のお願い：{title}（期日 {due}）",
        greeting="Jane Doe 様",
        due="期日：{due}",
        reply_done="このメールの1行目に「done」と書いて返信してください",
        html="次のステップのご対応をお願いします",
        invite_subject="定例ミーティング：",
        invite_zone="（UTC）",  # "毎週火曜日 10:00〜10:30（UTC）"
        summary="Globex rollout：共同アクションプラン定例ミーティング",
        invited="定例ミーティングにご招待します",
        question="これはどうすればいいですか？",
        unclear="延期 未定",
        read_as="読み取った内容：「{title}」の新しい日付。ただし、«未定»から日付を読み取れません"
        "でした（「延期 未定」より）。",
        unchanged="プラン「Globex rollout」は変更されていません。",
        blocked="blocked: <理由>",
        own_words="「完了しました。ありがとうございます！」",
        done="完了しました",
    ),
}


def champion_start(settings: Settings, champion: Champion) -> EmailMessage:
    """The example start email, with her language (", German") after the champion."""
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    body = msg.get_content()
    line = next(line for line in body.splitlines() if line.startswith("Champion:"))
    assert JANE in line
    msg.set_content(body.replace(line, f"{line}, {champion.language}"))
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    return msg


def text_of(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def to(address: str, subject: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and subject in str(m["Subject"])


@pytest.mark.parametrize("code", CHAMPIONS)
async def test_a_champion_reads_her_language_and_the_seller_english(  # type: ignore[no-untyped-def]
    code, router, settings, smtp_sink, time_skipping_env
) -> None:
    champion = CHAMPIONS[code]
    words = wording(code)
    outcome = await router.handle(champion_start(settings, champion).as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]
    title = first.titles[code]

    turn = await smtp_sink.wait_for(to(JANE, champion.your_turn.split("{")[0]))
    assert str(turn["Subject"]) == champion.your_turn.format(title=title, due=first.due)
    text = text_of(turn)
    assert text.startswith(champion.greeting)
    assert champion.due.format(due=words.longdate(first.due)) in text
    assert champion.reply_done in text
    html = turn.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'<html lang="{code}">' in html and champion.html in html

    invite = await smtp_sink.wait_for(to(JANE, champion.invite_subject))
    assert str(invite["Subject"]).endswith(champion.invite_zone)
    ics = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    calendar = unfolded(ics.get_payload(decode=True))
    assert f"SUMMARY;LANGUAGE={code}:{champion.summary}".encode() in calendar
    assert champion.invited in text_of(invite)

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
    assert champion.blocked in help_text
    assert champion.own_words in help_text  # her own words work too

    # her answer, in her own words, moves the plan, and the seller hears of it in English
    done_reply = compose_reply(turn.as_bytes(), sender=JANE, text=champion.done)
    done = await router.handle(done_reply.as_bytes())
    assert done.applied, done.reason
    await smtp_sink.wait_for(to(ALEX, f"Done: {first.title}"))
    await smtp_sink.wait_for(to(SAM, "Your turn:"))  # Sam has no language: the default
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE


def unfolded(calendar: bytes) -> bytes:
    """An iCalendar's lines unfolded (RFC 5545 folds them at 75 octets, inside a character)."""
    return calendar.replace(b"\r\n ", b"")
