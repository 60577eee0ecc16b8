"""A German and a Portuguese champion, end to end: the seller's start email names her language;
her emails, her check-in invite and the answer to her unclear reply are in it, her "Erledigt" or
"Concluído" moves the plan, and the seller's emails stay English. Raw mail in, the plan on
Temporal's time-skipping server, the engine's emails caught by a loopback SMTP server."""

from __future__ import annotations

import uuid
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


def german_champion_start(settings: Settings, language: str = "German") -> EmailMessage:
    """The example start email, with ", German" (or another language) after the champion."""
    msg = example_start_email(
        settings, template="short", today=datetime.now(UTC).date(), confirm=True
    )
    body = msg.get_content()
    champion = next(line for line in body.splitlines() if line.startswith("Champion:"))
    assert JANE in champion
    msg.set_content(body.replace(champion, f"{champion}, {language}"))
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    return msg


def text_of(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def to(address: str, subject: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and subject in str(m["Subject"])


async def test_a_german_champion_reads_german_and_the_seller_english(  # type: ignore[no-untyped-def]
    router, settings, smtp_sink, time_skipping_env
) -> None:
    outcome = await router.handle(german_champion_start(settings).as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]

    turn = await smtp_sink.wait_for(to(JANE, "Sie sind dran:"))
    assert (
        str(turn["Subject"])
        == f"[Globex rollout] Sie sind dran: {first.titles['de']} (fällig {first.due})"
    )
    text = text_of(turn)
    assert text.startswith("Hallo Jane")
    assert f"Fällig: {wording('de').longdate(first.due)}" in text
    assert "antworten Sie auf diese E-Mail mit „done“" in text
    html = turn.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<html lang="de">' in html and "sind Sie jetzt dran" in html

    invite = await smtp_sink.wait_for(to(JANE, "Abstimmungstermin:"))
    assert str(invite["Subject"]).endswith(" Uhr (UTC)")  # "dienstags, 10:00-10:30 Uhr"
    ics = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    calendar = ics.get_payload(decode=True)
    assert b"SUMMARY;LANGUAGE=de:Globex rollout: Abstimmung zum gemeinsamen Projektplan" in calendar
    assert "Sie sind zum Abstimmungstermin" in text_of(invite)

    # the seller's own emails stay in English
    created = await smtp_sink.wait_for(to(ALEX, "Mutual action plan: go-live"))
    assert text_of(created).startswith("Hi Alex")
    seller_invite = await smtp_sink.wait_for(to(ALEX, "Check-in call:"))
    seller_ics = next(p for p in seller_invite.walk() if p.get_content_type() == "text/calendar")
    assert b"SUMMARY:Globex rollout: mutual action plan check-in" in seller_ics.get_payload(
        decode=True
    )

    # a question in her own words goes to the seller, who reads English
    question = compose_reply(turn.as_bytes(), sender=JANE, text="Wie mache ich das?")
    await router.handle(question.as_bytes())
    relayed = await smtp_sink.wait_for(to(ALEX, "Jane Doe wrote: Wie mache ich das?"))
    assert "Reply to this email to answer Jane Doe directly" in text_of(relayed)

    # a change the engine cannot read gets her the help, in German, saying how it read it
    unclear = compose_reply(turn.as_bytes(), sender=JANE, text="Neues Datum: irgendwann")
    await router.handle(unclear.as_bytes())
    help_answer = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and m["In-Reply-To"] == unclear["Message-ID"]
    )
    assert str(help_answer["Subject"]).startswith("Re: ")  # threaded on her message
    help_text = text_of(help_answer)
    read_as = (
        f"Verstanden: ein neues Datum f\u00fcr \u00ab{first.titles['de']}\u00bb, aber ich konnte "
        "in \u00abirgendwann\u00bb kein Datum erkennen (aus \u00abNeues Datum: irgendwann\u00bb)."
    )
    assert read_as in " ".join(help_text.split())
    assert "Am Plan \u201eGlobex rollout\u201c hat sich nichts ge\u00e4ndert." in help_text
    assert "blocked: <Grund>" in help_text
    assert "„Erledigt, danke!“" in help_text  # her own words work too

    # her answer, in her own words, moves the plan, and the seller hears of it in English
    erledigt = compose_reply(turn.as_bytes(), sender=JANE, text="Erledigt")
    done = await router.handle(erledigt.as_bytes())
    assert done.applied, done.reason
    await smtp_sink.wait_for(to(ALEX, f"Done: {first.title}"))
    await smtp_sink.wait_for(to(SAM, "Your turn:"))  # Sam has no language: the default
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE


async def test_a_portuguese_champion_reads_portuguese_and_the_seller_english(  # type: ignore[no-untyped-def]
    router, settings, smtp_sink, time_skipping_env
) -> None:
    outcome = await router.handle(german_champion_start(settings, "português").as_bytes())
    assert outcome.applied, outcome.reason
    plan_id = outcome.reason.rsplit(" ", 1)[1]
    plan = await get_plan(time_skipping_env.client, plan_id)
    first = plan.milestones[0]
    words = wording("pt")

    turn = await smtp_sink.wait_for(to(JANE, "É a sua vez:"))
    assert str(turn["Subject"]) == (
        f"[Globex rollout] É a sua vez: {first.titles['pt']} (prazo: {first.due})"
    )
    text = text_of(turn)
    assert text.startswith("Olá, Jane")
    assert f"Prazo: {words.longdate(first.due)}" in text
    assert "responda a este e-mail com “done” na primeira linha" in text
    html = turn.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<html lang="pt">' in html and "Chegou a sua vez no plano" in html

    invite = await smtp_sink.wait_for(to(JANE, "Reunião de acompanhamento:"))
    assert "das 10:00 às 10:30 (UTC)" in str(invite["Subject"])
    ics = next(p for p in invite.walk() if p.get_content_type() == "text/calendar")
    calendar = ics.get_payload(decode=True).replace(b"\r\n ", b"")  # unfolded
    summary = "SUMMARY;LANGUAGE=pt:Globex rollout: acompanhamento do plano de ação conjunto"
    assert summary.encode() in calendar
    assert "Este é o convite para a reunião de acompanhamento" in text_of(invite)

    # the seller's own emails stay in English
    created = await smtp_sink.wait_for(to(ALEX, "Mutual action plan: go-live"))
    assert text_of(created).startswith("Hi Alex")

    # a change the engine cannot read gets her the help, in Portuguese, saying how it read it
    unclear = compose_reply(turn.as_bytes(), sender=JANE, text="Nova data: qualquer dia")
    await router.handle(unclear.as_bytes())
    help_answer = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and m["In-Reply-To"] == unclear["Message-ID"]
    )
    assert str(help_answer["Subject"]).startswith("Re: ")  # threaded on her message
    help_text = text_of(help_answer)
    read_as = (
        f"Entendi: uma nova data para \u00ab{first.titles['pt']}\u00bb, mas n\u00e3o encontrei "
        "nenhuma data em \u00abqualquer dia\u00bb (em \u00abNova data: qualquer dia\u00bb)."
    )
    assert read_as in " ".join(help_text.split())
    assert "Nada mudou no plano \u201cGlobex rollout\u201d." in help_text
    assert "blocked: <motivo>" in help_text
    assert "\u201cConclu\u00eddo, obrigada!\u201d" in help_text  # her own words work too

    # her answer, in her own words, moves the plan, and the seller hears of it in English
    concluido = compose_reply(turn.as_bytes(), sender=JANE, text="Concluído, obrigada!")
    done = await router.handle(concluido.as_bytes())
    assert done.applied, done.reason
    await smtp_sink.wait_for(to(ALEX, f"Done: {first.title}"))
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].status is MilestoneStatus.DONE
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None and jane.language == "pt"
