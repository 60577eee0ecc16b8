"""Tests for composing engine emails: `plan_email` renders a request, `compose` makes the message.

Every check parses the composed bytes back, the way the recipient's mail client will.
"""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, date, datetime
from email.message import EmailMessage

import pytest

from mutualplan.devstack.playground import compose_reply
from mutualplan.mail.compose import OutgoingEmail, Renderer, compose
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.policy import SMTP_POLICY
from mutualplan.mail.tokens import TokenClaims, plan_id_for, read_token
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind, MilestoneStatus, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from tests.support.hostile_mail import as_shown

SETTINGS = Settings(secret="test-secret")
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
SENT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
PLAN_ID = plan_id_for("CAHx9Lp3kZt8vJ1w+Qm5=Yd2sA7rN0bXo4uE6fGhT@mail.gmail.com")
JANE = "jane.doe@globex.example"
HOSTILE = "Evil\r\nBcc: victim@evil.example\r\nX-Injected: yes"
# as a name: a name holding an address is not kept at all (`limits.kept_name`), so the name that
# tries its luck with header lines names nobody else
HOSTILE_NAME = "Evil\r\nBcc: victim\r\nX-Injected: yes"
MARKUP = "<script>alert(1)</script> {{ 7*7 }}"


def make_plan(deal: str = "Globex rollout", jane: str = "Jane Doe", seller: str = "Sam") -> Plan:
    request = StartRequest(
        message_id="start@initech.example",
        template="enterprise",
        seller=Person(name=seller, email="sam.seller@initech.example"),
        deal=deal,
        go_live=date(2027, 3, 1),
        people=[
            Person(name=jane, email=JANE, role="champion"),
            Person(name="Oscar Martinez", email="oscar@globex.example", role="economic-buyer"),
        ],
    )
    return build_plan(load_template("enterprise"), request, plan_id=PLAN_ID, now=NOW)


def send(plan: Plan, kind: EmailKind, recipient_id: int, milestone: str | None) -> EmailMessage:
    """The message a recipient gets: rendered, composed, serialised and parsed back."""
    request = EmailRequest(
        kind=kind,
        plan=plan,
        recipient_id=recipient_id,
        milestone_key=milestone,
        key=f"{kind.value}.{milestone or 'plan'}.{recipient_id}",
    )
    outgoing = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=SENT)
    wire = compose(outgoing).as_bytes(policy=email.policy.SMTP)
    parsed = email.message_from_bytes(wire, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def milestone_started(plan: Plan) -> EmailMessage:
    return send(plan, EmailKind.MILESTONE_STARTED, 2, "success-criteria")


def token_of(msg: EmailMessage) -> str:
    match = re.fullmatch(
        r"plans\+(\S+)@mutualplan\.localhost", msg["Reply-To"].addresses[0].addr_spec
    )
    assert match is not None, msg["Reply-To"]
    return match.group(1)


def parts(msg: EmailMessage) -> tuple[str, str]:
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    # Lines travel as CRLF; compare them the way a reader sees them.
    return text.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


def test_milestone_started_headers() -> None:
    msg = milestone_started(make_plan())
    assert msg["To"] == "Jane Doe <jane.doe@globex.example>"
    assert msg["From"] == "Sam via mutualplan <plans@mutualplan.localhost>"
    assert msg["Subject"] == (
        "[Globex rollout] Your turn: Agree success criteria and the evaluation plan "
        "(due 2027-01-04)"
    )
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Date"].datetime == SENT
    assert msg["References"] == f"<{PLAN_ID}.plan@mutualplan.localhost>"


def test_reply_to_carries_a_token_for_this_plan_milestone_and_recipient() -> None:
    msg = milestone_started(make_plan())
    claims = read_token(b"test-secret", token_of(msg))
    assert claims == TokenClaims(plan_id=PLAN_ID, milestone_number=1, stakeholder_id=2)
    assert read_token(b"another-secret", token_of(msg)) is None


def test_message_id_contains_the_token() -> None:
    msg = milestone_started(make_plan())
    token = token_of(msg)
    assert msg["Message-ID"] == (
        f"<{token}.milestone-started.success-criteria.2@mutualplan.localhost>"
    )


def test_the_plan_as_a_whole_is_milestone_zero() -> None:
    msg = send(make_plan(), EmailKind.PLAN_CREATED, 1, None)
    assert msg["To"] == "Sam <sam.seller@initech.example>"
    assert msg["Subject"] == "[Globex rollout] Mutual action plan: go-live 2027-03-01"
    claims = read_token(b"test-secret", token_of(msg))
    assert claims == TokenClaims(plan_id=PLAN_ID, milestone_number=0, stakeholder_id=1)


def test_text_and_html_alternatives() -> None:
    msg = milestone_started(make_plan())
    assert msg.get_content_type() == "multipart/alternative"
    text, html = parts(msg)
    assert "Hi Jane Doe," in text
    assert "  Agree success criteria and the evaluation plan\n  Due: Mon 04 Jan 2027\n" in text
    assert "<b>Agree success criteria and the evaluation plan</b><br>Due Mon 04 Jan 2027" in html
    assert html.lstrip().startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("kind", "recipient", "milestone", "subject"),
    [
        (
            EmailKind.PLAN_CREATED,
            1,
            None,
            "[Globex rollout] Mutual action plan: go-live 2027-03-01",
        ),
        (
            EmailKind.MILESTONE_DONE,
            1,
            "business-case",
            "[Globex rollout] Done: Business case approved",
        ),
        (EmailKind.PLAN_COMPLETED, 3, None, "[Globex rollout] Plan complete"),
    ],
)
def test_every_kind_renders_both_parts(
    kind: EmailKind, recipient: int, milestone: str | None, subject: str
) -> None:
    msg = send(make_plan(), kind, recipient, milestone)
    assert msg["Subject"] == subject
    text, html = parts(msg)
    assert "Globex rollout" in text
    assert "Globex rollout" in html


def test_plan_created_lists_stakeholders_and_notices() -> None:
    text, html = parts(send(make_plan(), EmailKind.PLAN_CREATED, 1, None))
    assert "  Jane Doe <jane.doe@globex.example>, Champion (buyer)\n" in text
    assert "No Security was named, so Jane Doe owns" in text
    assert "<li>Jane Doe &lt;jane.doe@globex.example&gt;, Champion (buyer)</li>" in html


@pytest.mark.parametrize("name", ["Doe, Jane", "Zo\u00eb \u00dcnal", 'Jane "JD" Doe', "J. <Doe>"])
def test_any_display_name_stays_one_recipient(name: str) -> None:
    msg = milestone_started(make_plan(jane=name))
    addresses = msg["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in addresses] == [(name, JANE)]
    assert f"Hi {name}," in parts(msg)[0]


# --- header injection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [EmailKind.PLAN_CREATED, EmailKind.MILESTONE_STARTED, EmailKind.MILESTONE_DONE]
)
def test_names_and_deal_cannot_inject_headers(kind: EmailKind) -> None:
    plan = make_plan(deal=HOSTILE, jane=HOSTILE_NAME, seller=HOSTILE_NAME)
    milestone = None if kind is EmailKind.PLAN_CREATED else "success-criteria"
    msg = send(plan, kind, 2, milestone)
    assert msg["Bcc"] is None
    assert msg["X-Injected"] is None
    assert [k.lower() for k in msg] == [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "reply-to",
        "references",
        "auto-submitted",
        "x-auto-response-suppress",
        "mime-version",
        "content-type",
    ]
    subject = msg["Subject"]
    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("[Evil Bcc: victim@evil.example X-Injected: yes] ")
    assert [a.addr_spec for a in msg["To"].addresses] == [JANE]
    assert msg["To"].addresses[0].display_name == "Evil Bcc: victim X-Injected: yes"
    assert [a.addr_spec for a in msg["From"].addresses] == ["plans@mutualplan.localhost"]


# What people write that reads as an RFC 2047 encoded word: `email` decodes it when it folds a
# long header, and Pythons before 3.11.10 and 3.12.5 then wrote the line break it holds as it is
# (CVE-2024-6923), a header of its own; so it is sent encoded, and shown as written.
ENCODED_BREAK = "=?utf-8?q?Kim=0D=0ABcc:_victim=0D=0AX-Injected:_yes?= of the security team"


@pytest.mark.parametrize(
    "kind", [EmailKind.PLAN_CREATED, EmailKind.MILESTONE_STARTED, EmailKind.MILESTONE_DONE]
)
def test_text_that_reads_as_an_encoded_word_is_shown_as_written(kind: EmailKind) -> None:
    plan = make_plan(deal=ENCODED_BREAK, jane=ENCODED_BREAK, seller=ENCODED_BREAK)
    msg = send(plan, kind, 2, None if kind is EmailKind.PLAN_CREATED else "success-criteria")
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert as_shown(msg, "To") == (ENCODED_BREAK, JANE)
    assert str(msg["Subject"]).startswith(f"[{ENCODED_BREAK}] ")


def test_the_wire_form_has_no_injected_header_lines() -> None:
    request = EmailRequest(
        kind=EmailKind.MILESTONE_STARTED,
        plan=make_plan(deal=HOSTILE, jane=HOSTILE_NAME, seller=HOSTILE_NAME),
        recipient_id=2,
        milestone_key="success-criteria",
        key="milestone-started.success-criteria.2",
    )
    outgoing = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=SENT)
    wire = compose(outgoing).as_bytes(policy=email.policy.SMTP)
    head = wire.split(b"\r\n\r\n", 1)[0]
    assert not re.search(rb"^(Bcc|X-Injected):", head, re.M | re.I)


# --- markup in names and deal --------------------------------------------------------------------


def test_markup_is_escaped_in_html_and_never_evaluated() -> None:
    plan = make_plan(deal=MARKUP, jane=MARKUP)
    for kind, milestone in (
        (EmailKind.PLAN_CREATED, None),
        (EmailKind.MILESTONE_STARTED, "success-criteria"),
    ):
        text, html = parts(send(plan, kind, 2, milestone))
        assert "<script>" not in html
        assert f"Hi {MARKUP}," in text
        assert "Hi &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}," in html
        assert "<b>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}</b>" in html
        assert "49" not in text.replace("2027", "")


def test_one_renderer_shows_each_email_the_steps_as_they_are_then() -> None:
    """A worker renders with one Renderer, which keeps the steps' table it rendered for the
    next email showing the same steps: a step done, retitled or handed over shows at once."""
    renderer, plan = Renderer(), make_plan()

    def table_of(plan: Plan, language: str = "en") -> tuple[str, str]:
        plan.language = language
        request = EmailRequest(kind=EmailKind.PLAN_UPDATES, plan=plan, recipient_id=1,
                               key="plan-updates.0.1", held=["news"])  # fmt: skip
        outgoing = plan_email(request, settings=SETTINGS, renderer=renderer, now=SENT)
        text, html = outgoing.text, outgoing.html or ""
        return text[text.index("  ") :], html[html.index("<table") :]

    first_text, first_html = table_of(plan)
    assert first_text == table_of(plan)[0]
    step = plan.milestones[2]
    step.status = MilestoneStatus.DONE
    assert f"done     {step.title}" in table_of(plan)[0]
    step.due = date(2027, 2, 26)
    assert "Fri 26 Feb  done " in table_of(plan)[0]
    blocked = plan.milestones[0]
    blocked.status, blocked.blocked = MilestoneStatus.ACTIVE, "waiting for legal"
    assert f"blocked  {blocked.title}" in table_of(plan)[0]
    assert "blockiert" in table_of(plan, "de")[0]
    plan.milestones[3].owner_id = 3
    assert "(Oscar Martinez, Economic Buyer)" in table_of(plan)[0]
    plan.stakeholders[2].name = MARKUP
    text, html = table_of(plan)
    assert f"({MARKUP}, Economic Buyer)" in text
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "erledigt" in table_of(plan, "de")[0]  # the same steps, in another language
    assert first_html != table_of(plan)[1]


def test_markup_in_the_deal_stays_literal_in_the_subject() -> None:
    msg = milestone_started(make_plan(deal=MARKUP))
    assert msg["Subject"].startswith(f"[{MARKUP}] Your turn:")


# --- MIME boundaries -----------------------------------------------------------------------------


def janes_turn() -> OutgoingEmail:
    """Jane's "Your turn" email, before `compose`."""
    request = EmailRequest(
        kind=EmailKind.MILESTONE_STARTED,
        plan=make_plan(),
        recipient_id=2,
        milestone_key="success-criteria",
        key="milestone-started.success-criteria.2",
    )
    return plan_email(request, settings=SETTINGS, renderer=Renderer(), now=SENT)


def test_a_body_that_holds_the_usual_boundary_is_written_under_another() -> None:
    """Every message shares its boundaries, but one whose text (sent as is: short ASCII lines)
    holds one: someone who saw an earlier email must not be able to end a part early."""
    outgoing = janes_turn()
    usual = compose(outgoing).get_boundary()
    forged = f"--{usual}\nContent-Type: text/html\n\n<b>forged</b>\n--{usual}--\n"
    hostile = outgoing.model_copy(update={"text": f"Hi,\n{forged}", "html": f"<p>{forged}</p>\n"})

    message = compose(hostile)
    assert message.get_boundary() != usual
    assert [p["Content-Transfer-Encoding"] for p in message.iter_parts()] == ["7bit", "7bit"]
    wire = message.as_bytes(policy=email.policy.SMTP)
    parsed = email.message_from_bytes(wire, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    text, html = parts(parsed)
    assert [text, html] == [f"Hi,\n{forged}", f"<p>{forged}</p>\n"]
    assert parsed.defects == []


def test_an_invite_nests_its_parts_under_distinct_boundaries() -> None:
    msg = send(make_plan(), EmailKind.CHECKIN_INVITE, 2, None)
    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = msg.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert alternative.get_boundary() != msg.get_boundary()
    types = [p.get_content_type() for p in alternative.iter_parts()]
    assert types == ["text/plain", "text/html", "text/calendar"]
    assert attachment.get_filename() == "invite.ics"


# --- threading -----------------------------------------------------------------------------------

OUTLOOK_ID = "DM6PR11MB4123456789ABCDEF0123456789ABCDEF01@DM6PR11MB4123.namprd11.prod.outlook.com"


def test_long_message_ids_stay_whole_for_threading() -> None:
    """An Outlook Message-ID runs past 78 characters with its header name: `email` would write it
    as RFC 2047 encoded words, which no mail client threads on. Written as SmtpSender does."""
    outgoing = janes_turn()
    answer = outgoing.model_copy(
        update={"in_reply_to": OUTLOOK_ID, "references": [f"{PLAN_ID}.plan@x", OUTLOOK_ID]}
    )
    wire = compose(answer).as_bytes(policy=SMTP_POLICY)
    head = wire.split(b"\r\n\r\n", 1)[0]
    assert b"=?" not in head
    assert f"\r\nIn-Reply-To: <{OUTLOOK_ID}>\r\n".encode() in head
    assert f"\r\nReferences: <{PLAN_ID}.plan@x>\r\n <{OUTLOOK_ID}>\r\n".encode() in head
    parsed = email.message_from_bytes(wire, policy=email.policy.default)
    assert parsed["In-Reply-To"] == f"<{OUTLOOK_ID}>"
    assert parsed["References"].split() == [f"<{PLAN_ID}.plan@x>", f"<{OUTLOOK_ID}>"]


def test_a_reply_written_by_the_dev_tools_threads_on_a_long_message_id() -> None:
    original = milestone_started(make_plan())
    original.replace_header("Message-ID", f"<{OUTLOOK_ID}>")
    reply = compose_reply(original.as_bytes(), sender=JANE, text="done")
    head = reply.as_bytes(policy=SMTP_POLICY).split(b"\r\n\r\n", 1)[0]
    assert f"\r\nIn-Reply-To: <{OUTLOOK_ID}>\r\n".encode() in head
    assert head.count(f"<{OUTLOOK_ID}>".encode()) == 2  # In-Reply-To and References
