"""Each person's language: the catalogs are complete and current, a person's language is read
from the start email, the template, their replies and the seller's command, and a whole plan
renders in every shipped language (written to tests/artifacts/languages/ to be read)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from mutualplan import catalogs, checkins
from mutualplan.business_days import example_dates
from mutualplan.calendar.invites import build_invite
from mutualplan.digest import seller_digests
from mutualplan.edits import editing
from mutualplan.errors import Refused, StartEmailError
from mutualplan.languages import (
    SHIPPED,
    accepted_language,
    language_code,
    language_for,
    load_translations,
    locale_dir,
    plan_in,
    wording,
)
from mutualplan.mail.commands import read_command
from mutualplan.mail.compose import Renderer
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.reading import read_start_email
from mutualplan.messages import EmailRequest, ReplyCommand
from mutualplan.models import (
    EmailKind,
    Intent,
    LanguageChoice,
    MilestoneStatus,
    Phrase,
    Plan,
    PlanStatus,
    phrase,
    plural_phrase,
)
from mutualplan.plan_rows import summary_of
from mutualplan.plan_templates import PlanTemplate, template_schema
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.report import format_plan
from mutualplan.routing.facts import ReadingRules, read_inbound
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from tests.support.plans import two_ways

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts" / "languages"
NOW = datetime.now(UTC)
SETTINGS = Settings(secret="language-test-secret", web_enabled=True)
SELLER = Person(name="Alex Seller", email="alex@acme.example")
JANE, OSCAR = "jane@globex.example", "oscar@globex.example"
OTHERS = [code for code in SHIPPED if code != "en"]
GREETING = {
    "en": "Hi Jane Doe,",
    "de": "Hallo Jane Doe,",
    "fr": "Bonjour Jane Doe,",
    "es": "Hola, Jane Doe:",
    "nl": "Hallo Jane Doe,",
    "pt": "Olá, Jane Doe,",
    "it": "Ciao Jane Doe,",
    "ja": "Jane Doe 様",
}


def plan_for(jane_language: str | None = None, *, language: str | None = None) -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template="enterprise",
        seller=SELLER,
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=100)).date(),
        people=[
            Person(name="Jane Doe", email=JANE, role="champion", language=jane_language),
            Person(name="Oscar Martinez", email=OSCAR, role="economic-buyer"),
        ],
        language=language,
    )
    return build_plan(load_template("enterprise"), request, plan_id="plan-1", now=NOW)


def email_to(plan: Plan, kind: EmailKind, recipient: int, milestone: str | None = None, **more):  # type: ignore[no-untyped-def]
    request = EmailRequest(
        kind=kind,
        plan=plan,
        recipient_id=recipient,
        milestone_key=milestone,
        key=kind.value,
        **more,
    )
    return plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)


# --- the catalogs ----------------------------------------------------------------------------


def test_the_catalogs_are_current_with_the_sources() -> None:
    stale = catalogs.stale(ROOT)
    assert not stale, (
        "The messages in the sources and mutualplan/locale/messages.pot differ. Run\n"
        f"    {catalogs.UPDATE_COMMAND}\n"
        "then translate the new entries in each mutualplan/locale/*/LC_MESSAGES/messages.po "
        "(docs/languages.md):\n  " + "\n  ".join(stale)
    )


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_is_translated_in_each_shipped_language(code: str) -> None:
    po = locale_dir() / code / "LC_MESSAGES" / "messages.po"
    template = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalogs.read(locale_dir() / "messages.pot", None)
        if m.id
    }
    found = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs.read(po, code) if m.id}
    missing = sorted(template - found)
    problems = catalogs.untranslated(po, code) + [
        f"{code}: not in the catalog: {m!r}" for m in missing
    ]
    assert not problems, (
        f"Translate these in {po.relative_to(ROOT)} (after {catalogs.UPDATE_COMMAND}):\n  "
        + "\n  ".join(problems)
    )


def test_compiled_catalogs_are_built_and_read(tmp_path: Path) -> None:
    built = catalogs.compile_catalogs(locale_dir(), tmp_path)
    assert {p.parent.parent.name for p in built} == set(OTHERS)
    german = load_translations(tmp_path, "de")
    assert german.gettext("Hi,") == "Hallo,"


@pytest.mark.parametrize(
    ("code", "count", "days"),
    [
        ("de", 1, "1 Tag überfällig"),
        ("de", 2, "2 Tage überfällig"),
        ("fr", 0, "0 jour de retard"),
        ("fr", 1, "1 jour de retard"),
        ("fr", 3, "3 jours de retard"),
        ("es", 1, "1 día de retraso"),
        ("es", 5, "5 días de retraso"),
        ("nl", 1, "1 dag te laat"),
        ("nl", 3, "3 dagen te laat"),
        ("pt", 1, "1 dia de atraso"),
        ("pt", 3, "3 dias de atraso"),
        ("it", 0, "0 giorni di ritardo"),
        ("it", 1, "1 giorno di ritardo"),
        ("it", 4, "4 giorni di ritardo"),
        ("ja", 1, "1日超過"),
        ("ja", 3, "3日超過"),
        ("en", 1, "1 day late"),
        ("en", 0, "0 days late"),
    ],
)
def test_plural_forms_follow_each_language(code: str, count: int, days: str) -> None:
    late = plural_phrase("{count} day late", "{count} days late", count)
    assert wording(code).say(late) == days


def test_dates_and_weekdays_are_each_languages_own() -> None:
    friday = date(2026, 12, 11)
    assert wording("de").longdate(friday) == "Fr., 11. Dez. 2026"
    assert wording("fr").longdate(friday) == "ven. 11 déc. 2026"
    assert wording("es").longdate(friday) == "vie, 11 dic 2026"
    assert wording("nl").longdate(friday) == "vr 11 dec 2026"
    assert wording("nl").weekday(friday.weekday()) == "vrijdag"
    assert wording("pt").longdate(friday) == "sex., 11 de dez. de 2026"
    assert wording("pt").weekday(4) == "sexta-feira"
    assert wording("it").longdate(friday) == "ven 11 dic 2026"
    assert wording("it").weekday(friday.weekday()) == "venerdì"
    assert wording("ja").longdate(friday) == "2026年12月11日(金)"
    assert wording("en").longdate(friday) == "Fri 11 Dec 2026"
    assert wording("de").say(phrase("Done: {title}", title="Kickoff")) == "Erledigt: Kickoff"
    assert wording("ja").say(phrase("Done: {title}", title="Kickoff")) == "完了：Kickoff"


# --- whose language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("de", "de"),
        ("de-AT", "de"),
        ("German", "de"),
        ("Deutsch", "de"),
        ("allemand", "de"),
        ("fr_CA", "fr"),
        ("Français", "fr"),
        ("francais", "fr"),
        ("Spanish", "es"),
        ("español", "es"),
        ("castellano", "es"),
        ("Dutch", "nl"),
        ("Nederlands", "nl"),
        ("nl-BE", "nl"),
        ("Vlaams", "nl"),
        ("néerlandais", "nl"),
        ("Portuguese", "pt"),
        ("português", "pt"),
        ("portugues", "pt"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("Portugiesisch", "pt"),
        ("Brazilian Portuguese", "pt"),
        ("português do Brasil", "pt"),
        ("Portuguese (Brazil)", "pt"),
        ("Deutsch (Österreich)", "de"),
        ("Klingon (Brazil)", None),
        ("Italian", "it"),
        ("italiano", "it"),
        ("Italienisch", "it"),
        ("it-CH", "it"),
        ("Japanese", "ja"),
        ("日本語", "ja"),
        ("japonais", "ja"),
        ("ja-JP", "ja"),
        ("EN", "en"),
        ("Klingon", None),
        ("", None),
        ("zz", None),
    ],
)
def test_a_language_is_read_as_people_write_it(text: str, code: str | None) -> None:
    assert language_code(text) == code


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("sv;q=0.9, es;q=0.5", "es"),
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("it-IT,it;q=0.9,en;q=0.8", "it"),
        ("da, *;q=0.1", None),
        ("en;q=0.2, de;q=0.8", "de"),
        ("ja-JP,ja;q=0.9,en-US;q=0.8", "ja"),
        ("", None),
        ("de;q=0", None),
        ("de;q=abc, fr", "fr"),
        ("pt-BR,pt;q=0.9,en-US;q=0.8", "pt"),
    ],
)
def test_the_browsers_language_is_its_first_we_speak(header: str, code: str | None) -> None:
    assert accepted_language(header) == code


def test_the_start_email_gives_a_persons_language_and_the_buyers() -> None:
    raw = (
        b"From: Alex Seller <alex@acme.example>\r\nTo: plans+enterprise@mutualplan.localhost\r\n"
        b"Cc: jane@globex.example, oscar@globex.example, kim@acme.example\r\n"
        b"Subject: Globex rollout\r\nMessage-ID: <start-1@acme.example>\r\n\r\n"
        b"Champion: Jane Doe <jane@globex.example>, German\r\nLanguage: fr\r\n"
    )
    request = read_start_email(raw, template="enterprise", own_addresses=set())
    plan = build_plan(load_template("enterprise"), request, plan_id="p", now=NOW)
    people = {s.email: s for s in plan.stakeholders}
    assert people[JANE].language == "de" and people[JANE].language_given
    assert people[OSCAR].language == "fr"  # every buyer the line does not name otherwise
    assert people["kim@acme.example"].language == ""  # the seller's side is not the buyers'
    assert language_for(people["alex@acme.example"], plan, "en") == "en"


def test_the_templates_language_then_the_operators(tmp_path: Path) -> None:
    template = load_template("short").model_dump()
    template.update(
        language="Spanish",
        milestones=[
            {
                **template["milestones"][0],
                "title": {"en": "Kickoff", "es": "Arranque"},
                "description": {"en": "Meet.", "es": "Reunión."},
                "done_means": {"en": ["Notes sent"], "es": "Acta enviada"},
            },
            *template["milestones"][1:],
        ],
    )
    spanish = PlanTemplate.model_validate(template)
    request = StartRequest(
        message_id="m",
        template="short",
        seller=SELLER,
        deal="D",
        people=[Person(email=JANE, role="champion")],
    )
    plan = build_plan(spanish, request, plan_id="p", now=NOW)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None and plan.language == "es"
    assert language_for(jane, plan, "de") == "es"
    turn = email_to(
        plan.model_copy(update={"status": PlanStatus.ACTIVE}),
        EmailKind.MILESTONE_STARTED,
        jane.id,
        plan.milestones[0].key,
    )
    assert "Te toca: Arranque" in turn.subject and "Reunión." in turn.text
    assert "Hecho cuando:\n  - Acta enviada" in turn.text
    assert plan.milestones[0].done_means == ["Notes sent"]  # the English, for everyone else
    title = template_schema()["$defs"]["TemplateMilestone"]["properties"]["title"]
    assert {"type": "object", "additionalProperties": {"type": "string"}} in title["anyOf"]
    plan.language = ""
    assert language_for(jane, plan, "de") == "de"


def test_a_reply_in_a_language_sets_it_unless_one_was_given() -> None:
    plan = plan_for()
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    note = ReplyCommand(
        message_id="r1",
        sender=JANE,
        intent=Intent.NOTE,
        argument="Hallo",
        received_at=NOW,
        milestone_number=1,
        language="de",
    )
    editing.apply(plan, note, NOW)
    assert jane.language == "de"
    jane.language, jane.language_given = "fr", True
    editing.apply(plan, note.model_copy(update={"message_id": "r2"}), NOW)
    assert jane.language == "fr"


def test_the_language_a_reply_is_written_in_unless_it_is_the_engines_own_words() -> None:
    """What reply reading detects reaches the plan (`ReplyCommand.language`); a bare command
    in the English words the emails suggest says nothing of its writer's language."""
    rules = ReadingRules(
        domain="mutualplan.localhost", plans_mailbox="plans", secret=SecretStr("s" * 32)
    )

    def read(text: str) -> tuple[Intent, str | None]:
        raw = (
            "From: Jane Doe <jane@globex.example>\r\nTo: plans@mutualplan.localhost\r\n"
            "Subject: Re: [Globex rollout] Your turn\r\nMessage-ID: <r1@globex.example>\r\n"
            "In-Reply-To: <turn@mutualplan.localhost>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
        ).encode()
        understood = read_inbound(raw, rules).understood
        return understood.intent, understood.language or None

    assert read("Erledigt, danke!") == (Intent.DONE, "de")
    assert read("C\u2019est fait, merci\u00a0!") == (Intent.DONE, "fr")
    assert read("¿Podemos pasarlo al viernes?")[1] == "es"
    assert read("Fatto, grazie!") == (Intent.DONE, "it")
    assert read("完了しました。ありがとうございます。") == (Intent.DONE, "ja")
    assert read("done") == (Intent.DONE, None)
    assert read("#2 new date: 2099-01-15")[1] is None
    assert read("note: Wir warten noch auf die Unterschrift der Rechtsabteilung")[1] == "de"


def test_the_seller_sets_a_persons_language_by_reply() -> None:
    plan = plan_for()
    line = read_command(f"language of {JANE}: French", NOW.date())
    assert (line.intent, line.details) == (Intent.LANGUAGE, LanguageChoice(address=JANE, code="fr"))
    assert read_command(f"language of {JANE}: Klingon", NOW.date()).intent is Intent.UNKNOWN
    command = ReplyCommand(
        message_id="l1", sender=SELLER.email, intent=line.intent, details=line.details,
        received_at=NOW,
    )  # fmt: skip
    editing.check(plan, command, NOW.date())
    change = editing.apply(plan, command, NOW)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None and jane.language == "fr" and jane.language_given
    told = email_to(plan, EmailKind.PLAN_NOTICE, jane.id, said=change.notices[0].said)
    assert "Alex Seller a changé la langue de Jane Doe\u00a0: français." in told.text
    by_oscar = command.model_copy(update={"sender": OSCAR})
    with pytest.raises(Refused):
        editing.check(plan, by_oscar, NOW.date())


# --- a whole plan in each language ------------------------------------------------------------


@pytest.mark.parametrize("code", SHIPPED)
def test_a_whole_plan_reads_in_each_language(code: str) -> None:
    """Draft, your turn, reminder, late, changed, done, invite, updates, completed, help, digest
    and status, for Jane in her language (written out to be read), the seller's in English."""
    plan = plan_for(code)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    first = plan.milestones[0]
    emails = {"draft": email_to(plan, EmailKind.PLAN_DRAFT, jane.id)}
    plan.status = plan.status.ACTIVE
    first.status = MilestoneStatus.ACTIVE
    blocked = ReplyCommand(
        message_id="b",
        sender=SELLER.email,
        intent=Intent.BLOCKED,
        argument="legal review",
        received_at=NOW,
        milestone_number=1,
    )
    change = editing.apply(plan, blocked, NOW)
    notice = next(n for n in change.notices if n.recipient_id == jane.id)
    emails |= {
        "created": email_to(plan, EmailKind.PLAN_CREATED, jane.id),
        "your-turn": email_to(plan, EmailKind.MILESTONE_STARTED, jane.id, first.key),
        "reminder": email_to(
            plan,
            EmailKind.MILESTONE_REMINDER,
            jane.id,
            first.key,
            held=[phrase("Done: {title}", title="Kickoff")],
        ),
        "late": email_to(plan, EmailKind.MILESTONE_LATE, jane.id, first.key),
        "changed": email_to(
            plan, notice.kind, jane.id, notice.milestone_key, note=notice.note, said=notice.said
        ),
        "invite": email_to(plan, EmailKind.CHECKIN_INVITE, jane.id),
        "updates": email_to(plan, EmailKind.PLAN_UPDATES, jane.id, held=change.said),
    }
    first.status, first.done_at = MilestoneStatus.DONE, NOW
    emails["done"] = email_to(plan, EmailKind.MILESTONE_DONE, jane.id, first.key)
    emails["completed"] = email_to(plan, EmailKind.PLAN_COMPLETED, jane.id)
    seller = email_to(plan, EmailKind.MILESTONE_DONE, plan.seller_id, first.key)
    words = wording(code)
    out = ARTIFACTS / code
    out.mkdir(parents=True, exist_ok=True)
    for name, email in emails.items():
        (out / f"{name}.txt").write_text(f"Subject: {email.subject}\n\n{email.text}", "utf-8")
        (out / f"{name}.html").write_text(email.html or "", "utf-8")
        assert email.subject.startswith("[Globex rollout] ")  # the tag threads and filters hold
        assert GREETING[code] in email.text, name
        assert f'<html lang="{code}">' in (email.html or ""), name
        assert "{" not in email.text and "%(" not in email.text, name  # every slot filled
    assert words.longdate(plan.go_live) in emails["draft"].text
    assert seller.text.startswith("Hi Alex Seller,") and "Done: " in seller.subject
    unread = phrase("I could not read a change to the plan (from \u00ab{words}\u00bb).", words="?")
    help_text = Renderer().text(
        "help",
        language=code,
        not_understood=True,
        name="Jane Doe",
        deal=plan.deal,
        read_as=words.say(unread),
        page="https://plans.example/p/x",
        examples=example_dates(NOW.date()),
    )
    digest = seller_digests([summary_of(plan, NOW)], NOW - timedelta(days=7), NOW)[0]
    digest_text = Renderer().text("seller-digest", language=code, digest=digest, subject="")
    assert plan.checkin is not None
    ics = build_invite(
        plan,
        series=plan.checkin,
        organizer="plans@x.example",
        attendees=plan.stakeholders,
        method="REQUEST",
        dtstamp=NOW,
        uid="u@x.example",
        words=words,
    )
    (out / "help.txt").write_text(help_text, "utf-8")
    (out / "digest.txt").write_text(digest_text, "utf-8")
    (out / "status.txt").write_text(format_plan(plan_in(plan, code), words=words), "utf-8")
    (out / "invite.ics").write_bytes(ics)
    assert "blocked: <" in help_text and "done " in help_text  # commands stay as they are read
    if code != "en":
        english = ("reply to this email", "The whole plan", "Milestones", "Hi ")
        for name, email in emails.items():
            assert not any(words_ in email.text for words_ in english), name
        assert b"SUMMARY;LANGUAGE=" + code.encode() in ics


def test_a_refusal_is_told_in_the_senders_language() -> None:
    plan = plan_for("de")
    plan.status = PlanStatus.ACTIVE
    late = ReplyCommand(
        message_id="n1",
        sender=JANE,
        intent=Intent.RESCHEDULE,
        argument="2020-01-01",
        received_at=NOW,
        milestone_number=1,
    )
    with pytest.raises(Refused) as refused:
        editing.check(plan, late, NOW.date())
    assert str(refused.value) == "the new date 2020-01-01 is in the past"
    assert refused.value.said is not None
    answer = Renderer().text(
        "refused", language="de", reason=refused.value.said, text="x", **ANSWERED
    )
    assert "Ihre E-Mail hat den Plan nicht geändert: das neue Datum 2020-01-01 liegt" in answer


def test_what_main_added_is_said_in_the_readers_language() -> None:
    """The stalled plan's email, a calendar update's subject, a check-in refusal, a start email
    that cannot make a plan and one whose go-live reads two ways, a delivery failure."""
    plan = plan_for("de")
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    plan.status = PlanStatus.ACTIVE
    checkins.start_series(plan, NOW)
    words = wording("de")
    moved = plan.go_live + timedelta(days=14)
    go_live = ReplyCommand(
        message_id="g1",
        sender=SELLER.email,
        intent=Intent.GO_LIVE,
        argument=moved.isoformat(),
        received_at=NOW,
    )
    change = editing.apply(plan, go_live, NOW)
    update = next(n for n in change.notices if n.recipient_id == jane.id)
    told = email_to(plan, update.kind, jane.id, note=update.note, said=update.said)
    assert told.subject.startswith(
        f"[Globex rollout] Abstimmungstermin: Go-live verschoben auf {words.longdate(moved)}"
    )
    assert "Alex Seller hat den Go-live" in told.text

    skip = go_live.model_copy(
        update={"message_id": "s1", "intent": Intent.SKIP_CALL, "argument": "2099-01-05"}
    )
    with pytest.raises(Refused) as refused:
        editing.check(plan, skip, NOW.date())
    assert refused.value.said is not None
    assert words.say(refused.value.said).startswith("am ") and "keinen Abstimmungstermin" in (
        words.say(refused.value.said)
    )

    plan.status, plan.resume_until = PlanStatus.STALLED, NOW + timedelta(days=30)
    stalled = email_to(plan, EmailKind.PLAN_STALLED, jane.id)
    assert "ins Stocken geraten" in stalled.subject and "resume" in stalled.text
    assert "Woche" in stalled.text and "{" not in stalled.text

    failed = email_to(
        plan,
        EmailKind.PLAN_NOTICE,
        jane.id,
        note="Could not email kim@x.example: 550",
        said=[phrase("Could not email {address}: {cause}", address="kim@x.example", cause="550")],
    )
    assert "E-Mail an kim@x.example nicht zustellbar: 550" in failed.subject

    past = StartRequest(
        message_id="m", template="short", seller=SELLER, deal="D", go_live=date(2020, 1, 6)
    )
    with pytest.raises(StartEmailError) as error:
        build_plan(load_template("short"), past, plan_id="p", now=NOW)
    answer = Renderer().text(
        "start-failed",
        language="fr",
        subject="D",
        reason=error.value.said,
        examples=example_dates(NOW.date()),
    )
    assert "la date de mise en production 2020-01-06 est déjà passée" in answer

    year = NOW.year + 1
    raw = (
        "From: Alex Seller <alex@acme.example>\r\nTo: plans+short@mutualplan.localhost\r\n"
        "Cc: jane@globex.example\r\nSubject: Globex\r\nMessage-ID: <s2@acme.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nGo-live: 03/01/{year}\r\n"
    ).encode()
    request = read_start_email(raw, template="short", own_addresses=set())
    doubtful = build_plan(load_template("short"), request, plan_id="p", now=NOW)
    said = wording("fr").say(doubtful.said_notices[0])
    assert said.startswith("Je n\u2019ai pas pu lire la date de mise en production\u00a0:")
    assert "peut se lire de deux façons" in said and str(year) in said
    assert doubtful.notices[0] == request.doubts[0] + "."  # the English as the reader says it


# what an answer to someone's message names besides its own words (`routing.answering`): here,
# an answer about no plan in particular
ANSWERED = {
    "name": "",
    "deal": "",
    "read_as": "",
    "page": "",
    "examples": example_dates(NOW.date()),
}


# the examples the help answer gives of answering in one's own words, as each language writes them
HELP_EXAMPLES = {
    "en": ["Done, thanks!", "We're blocked, waiting for legal", "Can we move this to Friday?"],
    "de": [
        "Erledigt, danke!",
        "Wir sind blockiert, wir warten auf die Rechtsabteilung",
        "Können wir das auf Freitag verschieben?",
    ],
    "fr": [
        "C\u2019est fait, merci\u00a0!",
        "Nous sommes bloqués, nous attendons le service juridique",
        "Pouvons-nous décaler à vendredi\u00a0?",
    ],
    "es": [
        "¡Hecho, gracias!",
        "Estamos bloqueados, el departamento legal aún no ha respondido",
        "¿Podemos pasarlo al viernes?",
    ],
    "nl": [
        "Klaar, bedankt!",
        "We zitten vast, we wachten op de juridische afdeling",
        "Kunnen we dit naar vrijdag verplaatsen?",
    ],
    "pt": [
        "Concluído, obrigada!",
        "Estamos bloqueados, à espera do jurídico",
        "Podemos passar para sexta-feira?",
    ],
    "it": [
        "Fatto, grazie!",
        "Siamo bloccati, aspettiamo l'ufficio legale",
        "Possiamo spostarlo a venerdì?",
    ],
    "ja": [
        "完了しました。ありがとうございます！",
        "ブロックされています。法務の回答待ちです",
        "金曜日に延期できますか？",
    ],
}


@pytest.mark.parametrize("code", SHIPPED)
def test_the_help_answers_own_words_examples_are_read_as_meant(code: str) -> None:
    from mutualplan.mail.understanding import understand

    help_text = Renderer().text("help", language=code, not_understood=False, **ANSWERED)
    help_text = help_text.replace("\n", " ")
    for example, meant in zip(
        HELP_EXAMPLES[code], (Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE), strict=True
    ):
        assert example in help_text
        read = understand(example, NOW.date())
        assert (read.intent, read.acts, read.language) == (meant, True, code), example


# --- the replies branch: questions, confirmations, relays ----------------------------------


def doubtful_replies() -> list[str]:
    """Replies whose reading has a doubt, of each form the readers write, whatever today is."""
    ahead = NOW.date() + timedelta(days=30)
    wrong_day = (ahead + timedelta(days=1)).strftime("%A")
    yesterday = NOW.date() - timedelta(days=1)
    return [
        "Move to whenever suits",  # no date in it
        "Can we move this to 2020-11-20?",  # in the past
        f"Move to {NOW.year + 1}-02-30",  # not a date
        "assign to Raj",  # no address
        "Done, blocked by legal",  # two intents
        "Can we move this to next week?",  # which day
        f"Move it to {wrong_day} {ahead.day} {ahead:%B %Y}",  # not that weekday
        f"Move to {yesterday:%b} {yesterday.day}",  # next year
        *(f"Can we move this to {m}/{d}?" for m in range(1, 13) for d in (3, 7, 11)),  # two ways
    ]


def test_every_doubt_the_readers_write_is_said_in_each_language() -> None:
    from mutualplan.doubts import said_doubt
    from mutualplan.mail.understanding import understand

    doubts = {d for text in doubtful_replies() for d in understand(text, NOW.date()).doubts}
    for doubt in doubts:
        said = said_doubt(doubt)
        assert not isinstance(said, str), doubt  # a form doubts.py knows
        assert wording("en").say(said) == doubt  # English as the reader wrote it
        for code in OTHERS:
            told = wording(code).say(said)
            assert told != doubt and "{" not in told, (code, doubt)
    said_as = {said.text for d in doubts if isinstance(said := said_doubt(d), Phrase)}
    assert said_as == {
        "\u00ab{written}\u00bb is not a date",
        "\u00ab{written}\u00bb is in the past",
        "\u00ab{written}\u00bb reads two ways: {first} or {second}?",
        "\u00ab{written}\u00bb would be {day}, next year",
        "\u00ab{written}\u00bb: {date} is a {weekday}",
        "I could not read a date in \u00ab{written}\u00bb",
        "\u00ab{written}\u00bb has no email address",
        "it also reads as {what}",
        "\u00ab{written}\u00bb: {days}?",
    }


def test_questions_confirmations_and_relays_are_in_the_readers_language() -> None:
    from mutualplan import conversation, questions
    from mutualplan.mail.addresses import Sender
    from mutualplan.mail.tokens import TokenClaims
    from mutualplan.mail.understanding import understand
    from mutualplan.messages import AskCommand, CommentCommand
    from mutualplan.models import Instruction, MessageFile
    from mutualplan.routing.answering import ReplyWriter
    from mutualplan.routing.answers import AnswerKind
    from mutualplan.routing.facts import InboundFacts

    plan = plan_for("fr")
    plan.status = PlanStatus.ACTIVE
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    days = [NOW.date() + timedelta(days=n) for n in (5, 40)]
    asked = AskCommand(
        message_id="<q1@globex.example>",
        sender=JANE,
        token_stakeholder_id=jane.id,
        key=questions.question_key("<q1@globex.example>"),
        options=[
            Instruction(intent=Intent.RESCHEDULE, argument=d.isoformat(), step=1) for d in days
        ],
        read_from=f"Can we move this to {two_ways(NOW.date())}?",
        received_at=NOW,
    )
    conversation.ask(plan, asked, NOW)
    facts = InboundFacts(
        message_id=asked.message_id,
        sender=Sender(address=JANE, name="Jane Doe"),
        subject="Re: [Globex rollout] Your turn",
        claims=TokenClaims(plan_id=plan.id, milestone_number=1, stakeholder_id=jane.id),
        understood=understand(f"Can we move this to {two_ways(NOW.date())}?", NOW.date()),
        text=f"Can we move this to {two_ways(NOW.date())}?",
    )
    writer = ReplyWriter(SETTINGS, Renderer())
    french = wording("fr")
    question = writer.write(facts, AnswerKind.ASKED, plan, NOW, french, key=asked.key)
    choices = f"{french.longdate(days[0])} ou {french.longdate(days[1])}"
    assert f"Vouliez-vous dire {choices}\u00a0?" in question.text
    assert "J\u2019ai compris\u00a0: une nouvelle date pour" in question.text
    assert question.subject == facts.subject  # threaded on her message, whatever the language

    yes = facts.model_copy(update={"understood": understand("oui", NOW.date())})
    summary = phrase("{name} marked {title} done", name="Jane Doe", title="x")
    confirmed = writer.write(yes, AnswerKind.CONFIRMED, plan, NOW, french, summary=summary)
    assert confirmed.text.startswith("Bonjour Jane Doe,")
    assert "Votre e-mail a modifié le plan «\u00a0Globex rollout\u00a0»" in confirmed.text

    # Jane's comment, with a file, forwarded to a German seller
    plan.seller.language = "de"
    comment = CommentCommand(
        message_id="<c1@globex.example>",
        sender=JANE,
        milestone_number=1,
        text="Können wir den Termin am 23. ausfallen lassen?",
        received_at=NOW,
        files=[MessageFile(name="dpa.pdf", content_type="application/pdf", size=2_500_000, part=2)],
    )
    conversation.add_comment(plan, comment, NOW)
    relay = email_to(plan, EmailKind.PLAN_COMMENT, plan.seller_id, note=comment.message_id)
    assert relay.subject.startswith("[Globex rollout] Jane Doe schreibt: Können wir")
    assert "dpa.pdf (2,5\u00a0MB)" in relay.text or "dpa.pdf (2,5 MB)" in relay.text
    assert "Antworten Sie auf diese E-Mail, um Jane Doe direkt zu antworten" in relay.text
    assert '<html lang="de">' in (relay.html or "")


def test_the_people_cap_is_counted_in_each_language() -> None:
    from mutualplan.errors import TooManyPeople

    said = TooManyPeople(40, 30).said
    assert said is not None
    assert "40 Personen" in wording("de").say(said) and "höchstens 30" in wording("de").say(said)
    plan = plan_for()
    plan.max_stakeholders = len(plan.stakeholders)
    add = ReplyCommand(
        message_id="a1",
        sender=SELLER.email,
        intent=Intent.ADD,
        argument="kim@globex.example|",
        received_at=NOW,
    )
    with pytest.raises(Refused) as refused:
        editing.check(plan, add, NOW.date())
    assert refused.value.said is not None
    people = len(plan.stakeholders)
    assert f"{people} personnes, c\u2019est le maximum" in wording("fr").say(refused.value.said)


@pytest.mark.parametrize(
    ("code", "step", "why", "criterion"),
    [
        ("de", "Erfolgskriterien und Evaluierungsplan", "was Erfolg für Globex", "Geschäftsziele"),
        ("fr", "Critères de réussite et plan", "ce que Globex attend", "objectifs métier"),
        ("es", "Criterios de éxito y plan", "éxito para Globex", "objetivos de negocio"),
        ("nl", "Succescriteria en evaluatieplan", "succes betekent voor Globex", "Bedrijfsdoelen"),
        ("pt", "Critérios de sucesso e plano", "sucesso para Globex", "resultados de negócio"),
        ("it", "Criteri di successo e piano", "successo per Globex", "obiettivi di business"),
        ("ja", "成功基準と評価計画の合意", "Globexにとっての成功", "ビジネス上の成果"),
    ],
)
def test_the_built_in_templates_steps_and_why_are_in_the_readers_language(
    code: str, step: str, why: str, criterion: str
) -> None:
    """A buyer reads the built-in template's steps, value statement and success criteria in
    their language; the seller's stay English; a seller's own `Why:` is shown as written."""
    plan = plan_for(code)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    first = plan.milestones[0]
    draft = email_to(plan, EmailKind.PLAN_DRAFT, jane.id)
    assert why in draft.text and criterion in draft.text
    assert step in draft.text
    assert "Agree what success" not in draft.text and "Business outcomes" not in draft.text
    plan.status, first.status = PlanStatus.ACTIVE, MilestoneStatus.ACTIVE
    your_turn = email_to(plan, EmailKind.MILESTONE_STARTED, jane.id, first.key)
    assert step in your_turn.subject and first.done_means_in[code][0] in your_turn.text
    seller = email_to(plan, EmailKind.PLAN_CREATED, plan.seller_id)
    assert "Agree success criteria and the evaluation plan" in seller.text
    assert "Agree what success looks like for Globex" in seller.text
    done = ReplyCommand(
        message_id="d",
        sender=SELLER.email,
        intent=Intent.DONE,
        received_at=NOW,
        milestone_number=1,
    )
    change = editing.apply(plan, done, NOW)
    updates = email_to(plan, EmailKind.PLAN_UPDATES, jane.id, held=change.said)
    assert step in updates.text and "Agree success criteria" not in updates.text
    assert "Agree success criteria and the evaluation plan" in change.said[0].english()

    request = StartRequest(
        message_id="start@acme.example",
        template="enterprise",
        seller=SELLER,
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=100)).date(),
        people=[Person(name="Jane Doe", email=JANE, role="champion", language=code)],
        value_statement="Cut onboarding time in half",
        success_criteria=["Onboarding in 5 days"],
    )
    own = build_plan(load_template("enterprise"), request, plan_id="plan-2", now=NOW)
    mine = own.stakeholder_by_email(JANE)
    assert mine is not None
    text = email_to(own, EmailKind.PLAN_DRAFT, mine.id).text
    assert "Cut onboarding time in half" in text and "Onboarding in 5 days" in text
    assert step in text  # the steps are still the template's, in her language
