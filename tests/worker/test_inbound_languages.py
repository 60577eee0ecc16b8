"""A German, Dutch, Portuguese, Italian or Japanese champion, end to end: the seller's start email
names her language; her emails, her check-in invite and the answer to her unclear reply are in her
language, her "Erledigt" ("Klaar", "Concluído", "Fatto", "完了しました") moves the plan, and the
seller's emails stay English. Raw mail in, the plan on Temporal's time-skipping server, the
engine's emails caught by a loopback SMTP server."""

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
class Reader:
    """A champion's language as the seller names it, and what she reads and writes in it."""

    named: str  # after her address in the start email
    code: str
    hi: str  # how her emails open
    your_turn: str  # the subject of her "Your turn" email, the step's title and its due date in it
    due: str  # the due line, its date in the language's long form
    reply_done: str
    your_turn_html: str
    invite: str  # in the subject of her check-in invite
    invite_ends: str
    summary: bytes
    invited: str
    question: str  # her own words, which are not a change: the seller gets them
    unclear: str  # a change whose date the engine cannot read
    read_as: str  # how the answer says it read that change, the step's title in it
    nothing_changed: str
    reason_slot: str
    own_words: str  # an example of her own words the help gives
    done: str  # her own words for done


READERS = [
    Reader(
        named="German",
        code="de",
        hi="Hallo Jane",
        your_turn="Sie sind dran: {title} (fällig {due})",
        due="Fällig: {due}",
        reply_done="antworten Sie auf diese E-Mail mit „done“",
        your_turn_html="sind Sie jetzt dran",
        invite="Abstimmungstermin:",
        invite_ends=" Uhr (UTC)",  # "dienstags, 10:00-10:30 Uhr"
        summary=b"SUMMARY;LANGUAGE=de:Globex rollout: Abstimmung zum gemeinsamen Projektplan",
        invited="Sie sind zum Abstimmungstermin",
        question="Wie mache ich das?",
        unclear="Neues Datum: irgendwann",
        read_as=(
            "Verstanden: ein neues Datum f\u00fcr \u201e{title}\u201c, aber ich konnte in "
            "\u201eirgendwann\u201c kein Datum erkennen (aus \u201eNeues Datum: irgendwann\u201c)."
        ),
        nothing_changed="Am Plan \u201eGlobex rollout\u201c hat sich nichts ge\u00e4ndert.",
        reason_slot="blocked: <Grund>",
        own_words="„Erledigt, danke!“",
        done="Erledigt",
    ),
    Reader(
        named="Nederlands",  # her language as she writes it
        code="nl",
        hi="Hallo Jane",
        your_turn="Jouw beurt: {title} (deadline {due})",
        due="Deadline: {due}",
        reply_done='Antwoord dan op deze e-mail met "done"',
        your_turn_html="Je bent aan de beurt",
        invite="Check-in: elke",
        invite_ends=" uur (UTC)",  # "elke dinsdag, 10:00-10:30 uur"
        summary=b"SUMMARY;LANGUAGE=nl:Globex rollout: check-in gezamenlijk actieplan",
        invited="Je bent uitgenodigd voor de check-in",
        question="Wie moet dit tekenen?",
        unclear="Nieuwe datum: ooit",
        read_as=(
            "Begrepen: een nieuwe datum voor \u201c{title}\u201d, maar ik kon geen datum lezen "
            "in \u201cooit\u201d (uit \u201cNieuwe datum: ooit\u201d)."
        ),
        nothing_changed='Er is niets veranderd aan het plan "Globex rollout".',
        reason_slot="blocked: <reden>",
        own_words='"Klaar, bedankt!"',
        done="Klaar",
    ),
    Reader(
        named="português",
        code="pt",
        hi="Olá, Jane",
        your_turn="É a sua vez: {title} (prazo: {due})",
        due="Prazo: {due}",
        reply_done="responda a este e-mail com “done” na primeira linha",
        your_turn_html="Chegou a sua vez no plano",
        invite="Reunião de acompanhamento:",
        invite_ends="das 10:00 às 10:30 (UTC)",
        summary=b"SUMMARY;LANGUAGE=pt:Globex rollout: acompanhamento do plano de a",
        invited="Este é o convite para a reunião de acompanhamento",
        question="Quem precisa assinar o contrato do nosso lado?",
        unclear="Nova data: qualquer dia",
        read_as=(
            "Entendi: uma nova data para \u201c{title}\u201d, mas n\u00e3o encontrei "
            "nenhuma data em \u201cqualquer dia\u201d (em \u201cNova data: qualquer dia\u201d)."
        ),
        nothing_changed="Nada mudou no plano \u201cGlobex rollout\u201d.",
        reason_slot="blocked: <motivo>",
        own_words="\u201cConclu\u00eddo, obrigada!\u201d",
        done="Concluído, obrigada!",
    ),
    Reader(
        named="italiano",
        code="it",
        hi="Ciao Jane",
        your_turn="Tocca a te: {title} (scadenza {due})",
        due="Scadenza: {due}",
        reply_done="rispondi a questa email con “done”",
        your_turn_html="Tocca a te nel piano",
        invite="Call di allineamento: il ",  # "il martedì, 10:00-10:30 (UTC)"
        invite_ends=" (UTC)",
        summary=b"SUMMARY;LANGUAGE=it:Globex rollout: call di allineamento del piano d'azione",
        invited="Ti invitiamo alla call di allineamento",
        question="Chi deve firmare da parte nostra?",
        unclear="Nuova data: prima o poi",
        read_as=(
            "Ho capito: una nuova data per \u00ab{title}\u00bb, ma non ho trovato una data in "
            "\u00abprima o poi\u00bb (da \u00abNuova data: prima o poi\u00bb)."
        ),
        nothing_changed="Nel piano \u201cGlobex rollout\u201d non \u00e8 cambiato nulla.",
        reason_slot="blocked: <motivo>",
        own_words="\u201cFatto, grazie!\u201d",
        done="Fatto",
    ),
    Reader(
        named="日本語",  # her language as she writes it
        code="ja",
        hi="Jane Doe 様",
        your_turn="ご対応のお願い：{title}（期日 {due}）",
        due="期日：{due}",
        reply_done="このメールの1行目に「done」と書いて返信してください",
        your_turn_html="次のステップのご対応をお願いします",
        invite="定例ミーティング：毎週",
        invite_ends="（UTC）",  # "毎週火曜日 10:00〜10:30（UTC）"
        summary="SUMMARY;LANGUAGE=ja:Globex rollout：共同アクションプラン定例ミーティング".encode(),
        invited="定例ミーティングにご招待します",
        question="これはどうすればいいですか？",
        unclear="延期：未定",  # a full-width colon, as Japanese keyboards write it
        read_as=(
            "読み取った内容：「{title}」の新しい日付。ただし、「未定」から日付を"
            "読み取れませんでした（「延期：未定」より）。"
        ),
        nothing_changed="プラン「Globex rollout」は変更されていません。",
        reason_slot="blocked: <理由>",
        own_words="「完了しました。ありがとうございます！」",
        done="完了しました",
    ),
]


def champion_start(settings: Settings, reader: Reader) -> EmailMessage:
    """The example start email, with ", German" (the reader's language) after the champion."""
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    body = msg.get_content()
    champion = next(line for line in body.splitlines() if line.startswith("Champion:"))
    assert JANE in champion
    msg.set_content(body.replace(champion, f"{champion}, {reader.named}"))
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    return msg


def text_of(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def to(address: str, subject: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and subject in str(m["Subject"])


@pytest.mark.parametrize("reader", READERS, ids=[r.code for r in READERS])
async def test_a_champion_reads_her_language_and_the_seller_english(  # type: ignore[no-untyped-def]
    reader: Reader, router, settings, smtp_sink, time_skipping_env
) -> None:
    outcome = await router.handle(champion_start(settings, reader).as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]

    title = first.titles[reader.code]
    your_turn = reader.your_turn.format(title=title, due=first.due)
    turn = await smtp_sink.wait_for(to(JANE, your_turn.partition(title)[0]))
    assert str(turn["Subject"]) == f"[Globex rollout] {your_turn}"
    text = text_of(turn)
    assert text.startswith(reader.hi)
    assert reader.due.format(due=wording(reader.code).longdate(first.due)) in text
    assert reader.reply_done in text
    html = turn.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'<html lang="{reader.code}">' in html and reader.your_turn_html in html

    invite = await smtp_sink.wait_for(to(JANE, reader.invite))
    assert str(invite["Subject"]).endswith(reader.invite_ends)
    ics = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    calendar = ics.get_payload(decode=True).replace(b"\r\n ", b"")  # unfolded
    assert reader.summary in calendar
    assert reader.invited in text_of(invite)

    # the seller's own emails stay in English
    created = await smtp_sink.wait_for(to(ALEX, "Mutual action plan: go-live"))
    assert text_of(created).startswith("Hi Alex")
    seller_invite = await smtp_sink.wait_for(to(ALEX, "Check-in call:"))
    seller_ics = next(p for p in seller_invite.walk() if p.get_content_type() == "text/calendar")
    assert b"SUMMARY:Globex rollout: mutual action plan check-in" in seller_ics.get_payload(
        decode=True
    )

    # a question in her own words goes to the seller, who reads English
    question = compose_reply(turn.as_bytes(), sender=JANE, text=reader.question)
    await router.handle(question.as_bytes())
    relayed = await smtp_sink.wait_for(to(ALEX, f"Jane Doe wrote: {reader.question}"))
    assert "Reply to this email to answer Jane Doe directly" in text_of(relayed)

    # a change the engine cannot read gets her the help, in her language, saying how it read it
    unclear = compose_reply(turn.as_bytes(), sender=JANE, text=reader.unclear)
    await router.handle(unclear.as_bytes())
    help_answer = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and m["In-Reply-To"] == unclear["Message-ID"]
    )
    assert str(help_answer["Subject"]).startswith("Re: ")  # threaded on her message
    help_text = text_of(help_answer)
    assert reader.read_as.format(title=title) in " ".join(help_text.split())
    assert reader.nothing_changed in help_text
    assert reader.reason_slot in help_text
    assert reader.own_words in help_text  # her own words work too

    # her answer, in her own words, moves the plan, and the seller hears of it in English
    in_her_words = compose_reply(turn.as_bytes(), sender=JANE, text=reader.done)
    done = await router.handle(in_her_words.as_bytes())
    assert done.applied, done.reason
    await smtp_sink.wait_for(to(ALEX, f"Done: {first.title}"))
    await smtp_sink.wait_for(to(SAM, "Your turn:"))  # Sam has no language: the default
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
