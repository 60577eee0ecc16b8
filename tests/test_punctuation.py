"""Each language writes its own punctuation: the plan page's lines apart, one full stop after a
sentence that ends on an abbreviated date, Japanese brackets, stops, separators and quotation
marks full-width, file sizes and months in words that read right in each language."""

from __future__ import annotations

import re
from datetime import date, timedelta

import jinja2
import pytest

from mutualplan import catalogs, checkins
from mutualplan.calendar.series import subject_said
from mutualplan.conversation import add_comment
from mutualplan.doubts import said_doubt
from mutualplan.languages import SHIPPED, locale_dir, wording
from mutualplan.links import Links
from mutualplan.mail.compose import speak
from mutualplan.messages import CommentCommand
from mutualplan.models import (
    CLAUSES,
    EmailKind,
    MessageFile,
    Phrase,
    Plan,
    PlanStatus,
    joined,
    phrase,
)
from mutualplan.web.page import plan_page
from mutualplan.web.rendering import PageTemplates
from tests.test_languages import JANE, NOW, OSCAR, email_to, plan_for

# a December a year ahead: German and French abbreviate it with a stop ("Dez.", "déc.")
DECEMBER = date(NOW.year + 1, 12, 11)


def plan_with_calls(code: str) -> Plan:
    """Jane's plan in `code`, active, its calls started: Jane comes to them, Oscar does not."""
    plan = plan_for(code)
    plan.status = PlanStatus.ACTIVE
    checkins.start_series(plan, NOW)
    assert plan.checkin is not None
    plan.checkin.meeting = "https://meet.example/globex"
    people = {s.email: s.id for s in plan.stakeholders}
    plan.checkin.answers = {people[JANE]: "ACCEPTED", people[OSCAR]: "DECLINED"}
    return plan


def page_in(code: str, name: str) -> str:
    """The plan page (`plan.html.j2` or `plan.md.j2`) as Jane sees it in `code`."""
    plan = plan_with_calls(code)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    page = plan_page(plan, jane, Links(b"k" * 32), NOW, wording(code))
    template = PageTemplates()(code).get_template(name)
    return template.render(page=page, plan=page.plan, expires=NOW.date(), ics_url="", md_url="")


# --- 1. the page's check-in lines -------------------------------------------------------------


@pytest.mark.parametrize("code", SHIPPED)
def test_the_check_in_calls_and_the_next_call_are_lines_of_their_own(code: str) -> None:
    words = wording(code)
    lines = page_in(code, "plan.md.j2").splitlines()
    calls = [n for n, line in enumerate(lines) if f"**{words.gettext('Check-in calls:')}**" in line]
    after = [
        n for n, line in enumerate(lines) if line.startswith("- **" + words.gettext("Next call:"))
    ]
    assert len(calls) == 1 and after == [calls[0] + 1], "\n".join(lines[:12])
    assert lines[calls[0]].endswith("https://meet.example/globex")
    assert "Oscar Martinez" in lines[after[0]]  # not coming
    assert lines[after[0] + 1] == ""  # the next heading stands apart


# --- 2. one full stop after an abbreviated date -----------------------------------------------


@pytest.mark.parametrize(
    ("code", "ending"), [("de", "11. Dez."), ("fr", "11 déc."), ("en", "11 Dec.")]
)
def test_a_sentence_ending_on_an_abbreviated_date_has_one_full_stop(code: str, ending: str) -> None:
    moved = phrase(
        "{title}: {old} -> {new}", title="Kickoff", old=DECEMBER - timedelta(days=7), new=DECEMBER
    )
    news = phrase("New dates: {dates}.", dates=joined([moved], CLAUSES))
    plan = plan_for(code)
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    told = email_to(plan, EmailKind.PLAN_NOTICE, jane.id, note=news.english(), said=[news])
    line = next(line for line in told.text.splitlines() if "Kickoff" in line)
    assert line.endswith(ending) and ".." not in line, line


def _slots_then_stop(message: str) -> list[str]:
    return re.findall(r"\{(\w+)\}[.。]|%\((\w+)\)[sd][.。]", message)


@pytest.mark.parametrize("code", SHIPPED)
def test_no_message_stops_twice_after_a_slot_that_ends_a_sentence(code: str) -> None:
    """Every message of every catalog with a slot before its full stop, filled with words that
    end with one ("Dez.", a person's "legal review."): one stop, in Python's phrases and in the
    templates alike."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    speak(env, wording(code))
    checked = 0
    for message in catalogs.read(locale_dir() / "messages.pot", None):
        singular = message.id if isinstance(message.id, str) else (message.id or ("",))[0]
        if not singular or not _slots_then_stop(wording(code).gettext(singular) or singular):
            continue
        if "%(" in singular:
            names = set(re.findall(r"%\((\w+)\)", singular))
            values: dict[str, object] = {n: "Dez." for n in names}
            values |= {n: 3 for n in names if f"%({n})d" in singular}
            told = str(
                env.globals["gettext"](env.from_string("").new_context(), singular, **values)
            )
            if isinstance(message.id, tuple):
                ngettext = env.globals["ngettext"]
                told += str(ngettext(env.from_string("").new_context(), *message.id, 3, **values))
        else:
            names = set(re.findall(r"\{(\w+)\}", singular))
            told = wording(code).say(Phrase(text=singular, args={n: "Dez." for n in names}))
        checked += 1
        assert ".." not in told.replace("...", "") and ".。" not in told, (singular, told)
    assert checked > 20


# --- 3. punctuation each language writes its own way (Japanese full-width) -------------------


def test_the_pages_next_call_ends_with_the_languages_full_stop() -> None:
    japanese = page_in("ja", "plan.html.j2")
    call = re.search(r'<p class="next-call">(.*?)</p>', japanese, re.S)
    assert call is not None
    assert call[1].endswith("不参加：Oscar Martinez。"), call[1]
    assert "（Jane Doe）" in call[1] and "（UTC）" in call[1] and ";" not in call[1]
    english = page_in("en", "plan.html.j2")
    call = re.search(r'<p class="next-call">(.*?)</p>', english, re.S)
    assert call is not None
    assert call[1].endswith(" coming (Jane Doe); not coming: Oscar Martinez."), call[1]


def test_step_lists_name_the_owner_and_role_in_the_languages_brackets() -> None:
    for code, owner in [("ja", "（Jane Doe、推進担当）"), ("en", "(Jane Doe, Champion)")]:
        plan = plan_for(code)
        jane = plan.stakeholder_by_email(JANE)
        assert jane is not None
        draft = email_to(plan, EmailKind.PLAN_DRAFT, jane.id)
        plan.status = PlanStatus.ACTIVE
        created = email_to(plan, EmailKind.PLAN_CREATED, jane.id)
        for email in (draft, created):
            assert owner in email.text, email.text
        if code == "ja":
            for email in (draft, created):
                assert "(Jane Doe" not in email.text and "Jane Doe (" not in (email.html or "")
            assert "Jane Doe（推進担当）" in (created.html or "")


def test_calendar_changes_are_separated_the_languages_way() -> None:
    changes = [phrase("{name} joined", name="Kim Lee"), phrase("a new meeting link")]
    japanese = wording("ja").say(subject_said(changes))
    assert "\uff0f" in japanese and ";" not in japanese, japanese  # a full-width solidus
    assert (
        wording("en").say(subject_said(changes)) == "Check-in: Kim Lee joined; a new meeting link"
    )
    assert "\u00a0; " in wording("fr").say(subject_said(changes))
    done_means = [
        line for line in page_in("ja", "plan.md.j2").splitlines() if line.startswith("- **1.")
    ]
    assert len(done_means) == 1 and "\uff0f" in done_means[0] and ";" not in done_means[0]


@pytest.mark.parametrize(
    ("code", "quoted"),
    [
        ("ja", "「12/11」"),
        ("fr", "«\u00a012/11\u00a0»"),
        ("de", "„12/11“"),
        ("nl", "“12/11”"),
        ("pt", "“12/11”"),
        ("en", "«12/11»"),
    ],
)
def test_a_persons_own_words_are_quoted_the_languages_way(code: str, quoted: str) -> None:
    year = NOW.year + 1
    doubt = f"«12/11» reads two ways: Fri 11 Dec {year} or Mon 12 Nov {year}?"
    said = wording(code).say(said_doubt(doubt))
    assert said.startswith(quoted) and said.count("«") == quoted.count("«"), said


def test_a_calls_time_zone_is_in_the_languages_brackets() -> None:
    zone = plan_with_calls("ja")
    assert zone.checkin is not None
    moment = NOW.astimezone(zone.checkin.cadence.zone)
    assert wording("ja").calltime(moment).endswith("（UTC）")
    assert wording("en").calltime(moment).endswith(" (UTC)")


# --- 4. file sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "small", "large"),
    [
        ("en", "820 bytes", "14 KB"),
        ("de", "820 Byte", "14 kB"),
        ("fr", "820 octets", "14 ko"),
        ("es", "820 bytes", "14 kB"),
        ("nl", "820 byte", "14 kB"),
        ("pt", "820 bytes", "14 kB"),
        ("it", "820 byte", "14 kB"),
        ("ja", "820 バイト", "14 KB"),
    ],
)
def test_a_files_size_reads_right_in_each_language(code: str, small: str, large: str) -> None:
    words = wording(code)
    spaced = str.maketrans({"\u00a0": " ", "\u202f": " "})  # CLDR's no-break spaces
    assert words.size(820).translate(spaced) == small
    assert words.size(14_200).translate(spaced) == large


def test_a_forwarded_comments_small_file_is_in_bytes_and_full_width_brackets_in_japanese() -> None:
    plan = plan_for("ja")
    plan.status = PlanStatus.ACTIVE
    plan.seller.language = "ja"
    comment = CommentCommand(
        message_id="<c1@globex.example>",
        sender=JANE,
        milestone_number=1,
        text="署名済みの書類です。",
        received_at=NOW,
        files=[MessageFile(name="memo.txt", content_type="text/plain", size=820, part=2)],
    )
    add_comment(plan, comment, NOW)
    relay = email_to(plan, EmailKind.PLAN_COMMENT, plan.seller_id, note=comment.message_id)
    assert "memo.txt（820\u00a0バイト）" in relay.text or "memo.txt（820 バイト）" in relay.text
    assert "memo.txt（820" in (relay.html or "")


# --- 5. the cockpit's months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "month"),
    [("en", "December"), ("de", "Dezember"), ("fr", "décembre"), ("ja", "12月")],
)
def test_the_cockpits_months_are_named_in_the_readers_language(code: str, month: str) -> None:
    page = PageTemplates()(code).env.from_string("{{ day | month }}")
    assert month in page.render(day=DECEMBER) and str(DECEMBER.year) in page.render(day=DECEMBER)
