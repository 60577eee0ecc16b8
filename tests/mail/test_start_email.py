"""Tests for `read_start_email`: a seller's email in tests/fixtures/start becomes a StartRequest,
and `build_plan` turns that into the plan the people on the deal will see.

"Today" is Monday 2 November 2026 for every plan built here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mutualplan.mail.reading import read_start_email
from mutualplan.mail.tokens import plan_id_for
from mutualplan.models import Plan, Side
from mutualplan.plan_templates import work_back_from_go_live
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "start"
OWN = {"plans@mutualplan.localhost"}
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
GO_LIVE = date(2027, 3, 1)

SAM = Person(name="Sam Seller", email="sam.seller@initech.example")
JANE = "jane.doe@globex.example"
OSCAR = "oscar@globex.example"
LENA = "lena.legal@globex.example"
RAVI = "ravi@globex.example"
PRIYA = "priya@initech.example"


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(name: str, template: str = "enterprise") -> StartRequest:
    return read_start_email(raw(name), template=template, own_addresses=OWN)


def plan_from(name: str, template: str = "enterprise") -> Plan:
    request = read(name, template)
    return build_plan(
        load_template(template), request, plan_id=plan_id_for(request.message_id), now=NOW
    )


def roles(plan: Plan) -> list[tuple[str, str, Side]]:
    return [(s.email, s.role, s.side) for s in plan.stakeholders]


def owners(plan: Plan) -> dict[str, str]:
    return {m.key: plan.owner(m).email for m in plan.milestones}


def test_every_fixture_is_read() -> None:
    assert len(list(FIXTURES.glob("*.eml"))) == 9


# --- Gmail, multipart/alternative ----------------------------------------------------------------


def test_gmail_start_email_request() -> None:
    request = read("gmail-multipart.eml")
    assert request.message_id == "CAHx9Lp3kZt8vJ1w+Qm5=Yd2sA7rN0bXo4uE6fGhT@mail.gmail.com"
    assert request.template == "enterprise"
    assert request.seller == SAM
    assert request.deal == "Globex rollout"
    assert request.go_live == GO_LIVE
    assert request.people == [
        Person(name="Jane Doe", email=JANE, role="champion"),
        Person(name="Oscar Martinez", email=OSCAR, role="economic-buyer"),
        Person(name="Priya Patel", email=PRIYA),
    ]
    assert request.value_statement is None
    assert request.success_criteria == []


def test_gmail_start_email_plan() -> None:
    plan = plan_from("gmail-multipart.eml")
    assert plan.deal == "Globex rollout"
    assert plan.go_live == GO_LIVE
    assert roles(plan) == [
        (SAM.email, "Seller", Side.SELLER),
        (JANE, "Champion", Side.BUYER),
        (OSCAR, "Economic Buyer", Side.BUYER),
        (PRIYA, "", Side.SELLER),
    ]
    assert owners(plan) == {
        "success-criteria": JANE,
        "technical-validation": SAM.email,
        "security-review": JANE,
        "business-case": OSCAR,
        "contract-signed": JANE,
        "onboarding-kickoff": SAM.email,
        "go-live": JANE,
    }
    assert plan.notices == [
        "No Security was named, so Jane Doe owns "
        "\u201cSecurity and compliance review complete\u201d until it is reassigned.",
        "No Legal was named, so Jane Doe owns \u201cContract signed\u201d until it is reassigned.",
    ]
    assert [m.due for m in plan.milestones] == work_back_from_go_live(
        load_template("enterprise"), GO_LIVE
    )
    assert plan.value_statement.startswith("Agree what success looks like for Globex,")
    assert plan.id == plan_id_for("CAHx9Lp3kZt8vJ1w+Qm5=Yd2sA7rN0bXo4uE6fGhT@mail.gmail.com")


# --- Outlook, HTML with a signature --------------------------------------------------------------


def test_outlook_start_email_request() -> None:
    request = read("outlook-html.eml")
    assert request.seller == Person(name="Seller, Sam", email="sam.seller@initech.example")
    assert request.deal == "Globex expansion"  # from "RE: FW: Globex expansion"
    assert request.go_live == GO_LIVE  # "1 March 2027"
    assert request.people == [
        Person(name="Doe, Jane", email=JANE),
        Person(name="Lena Lopez", email=LENA, role="legal"),
        Person(name="Ravi Shah", email=RAVI, role="security"),
    ]


def test_outlook_start_email_plan_makes_the_first_buyer_on_cc_champion() -> None:
    plan = plan_from("outlook-html.eml")
    assert roles(plan) == [
        (SAM.email, "Seller", Side.SELLER),
        (JANE, "Champion", Side.BUYER),
        (LENA, "Legal", Side.BUYER),
        (RAVI, "Security", Side.BUYER),
    ]
    assert plan.seller.display == "Seller, Sam"
    assert plan.notices == [
        "No champion was named, so Doe, Jane (first on Cc) is the champion.",
        "No Economic Buyer was named, so Doe, Jane owns \u201cBusiness case approved\u201d until "
        "it is reassigned.",
    ]
    assert owners(plan)["contract-signed"] == LENA
    assert owners(plan)["security-review"] == RAVI


def test_outlook_html_only_start_email_ignores_the_quoted_message() -> None:
    request = read("outlook-html-only.eml")
    assert request.deal == "Globex renewal"
    assert request.go_live == GO_LIVE  # not 2026-12-01 from the quoted message
    assert request.people == [Person(name="Jane Doe", email=JANE, role="champion")]


# --- roles named in the body ---------------------------------------------------------------------


def test_roles_named_only_in_the_body_join_the_plan() -> None:
    request = read("roles-in-body.eml")
    assert request.go_live == GO_LIVE  # "go-live: March 1, 2027"
    assert request.people == [
        Person(name="Jane Doe", email=JANE, role="champion"),
        Person(name="Oscar Martinez", email=OSCAR, role="economic-buyer"),
        Person(name="Lopez, Lena", email=LENA, role="legal"),
        Person(name="Tom Kay", email="tom.kay@globex.example", role="legal"),
        Person(name="Priya Patel", email=PRIYA, role="solutions-engineer"),
    ]  # the plans mailbox named as Customer Success is left out


def test_roles_named_only_in_the_body_plan() -> None:
    plan = plan_from("roles-in-body.eml")
    assert roles(plan) == [
        (SAM.email, "Seller", Side.SELLER),
        (JANE, "Champion", Side.BUYER),
        (OSCAR, "Economic Buyer", Side.BUYER),
        (LENA, "Legal", Side.BUYER),
        ("tom.kay@globex.example", "Legal", Side.BUYER),
        (PRIYA, "Solutions Engineer", Side.SELLER),
    ]
    assert owners(plan)["contract-signed"] == LENA  # the first Legal named
    assert owners(plan)["business-case"] == OSCAR
    assert plan.notices == [
        "No Security was named, so Jane Doe owns "
        "\u201cSecurity and compliance review complete\u201d until it is reassigned."
    ]


# --- success criteria and value ------------------------------------------------------------------


def test_success_criteria_bullets_and_value_are_read() -> None:
    request = read("success-criteria.eml", "short")
    assert request.deal == "Globex pilot"  # from "Re: Globex pilot"
    assert request.go_live == GO_LIVE
    assert request.value_statement == "Cut onboarding time for new hires from 3 weeks to 3 days"
    assert request.success_criteria == [
        "New hires productive in 3 days, measured by first ticket closed",
        "Single sign-on through Okta for every user",
        "Weekly usage report goes to Oscar",
    ]
    assert request.people == [
        Person(name="Jane Doe", email=JANE),
        Person(name="Oscar Martinez", email=OSCAR, role="economic-buyer"),
    ]


def test_success_criteria_plan_uses_the_sellers_words() -> None:
    plan = plan_from("success-criteria.eml", "short")
    assert plan.template == "short"
    assert plan.success_criteria == read("success-criteria.eml", "short").success_criteria
    assert plan.value_statement == "Cut onboarding time for new hires from 3 weeks to 3 days"
    assert owners(plan) == {
        "proposal-review": JANE,
        "budget-approval": OSCAR,
        "order-signed": OSCAR,
        "onboarding-call": SAM.email,
        "go-live": JANE,
    }
    assert plan.notices == ["No champion was named, so Jane Doe (first on Cc) is the champion."]


def test_outlook_double_spaced_bullets_are_still_criteria() -> None:
    request = read("success-criteria-outlook.eml", "short")
    assert request.success_criteria == [
        "New hires productive in 3 days",
        "Single sign-on through Okta",
    ]
    assert request.people == [Person(name="Doe, Jane", email=JANE)]


# --- no go-live ----------------------------------------------------------------------------------


def test_start_email_without_go_live() -> None:
    request = read("no-go-live.eml", "short")
    assert request.go_live is None
    assert request.deal == "Globex pilot"  # from "Fwd: Globex pilot"
    # Cc is read before To, so Ken (on Cc) comes before Jane (on To next to the plans address).
    assert request.people == [
        Person(name="Ken Ito", email="ken@globex.example"),
        Person(name="Jane Doe", email=JANE),
    ]


def test_plan_without_go_live_uses_the_template_horizon() -> None:
    plan = plan_from("no-go-live.eml", "short")
    assert plan.go_live == date(2026, 11, 30)  # 20 business days after Monday 2 November
    assert plan.notices[0] == (
        "No go-live date was given, so it is set to 2026-11-30 (20 business days from today)."
    )
    assert plan.notices[1] == "No champion was named, so Ken Ito (first on Cc) is the champion."
    assert [m.due for m in plan.milestones] == [
        date(2026, 11, 12),
        date(2026, 11, 18),
        date(2026, 11, 23),
        date(2026, 11, 26),
        date(2026, 11, 30),
    ]


# --- history below the seller's lines ------------------------------------------------------------


def test_a_forwarded_message_below_does_not_count() -> None:
    request = read("forwarded-history.eml")
    assert request.deal == "Globex renewal timeline"
    assert request.go_live == GO_LIVE  # the forwarded note says 2026-12-01
    assert request.people == [
        Person(name="Jane Doe", email=JANE, role="champion"),
        Person(name="Oscar Martinez", email=OSCAR),
    ]  # Victor, named in the forwarded note, is not on the plan
    plan = plan_from("forwarded-history.eml")
    assert plan.go_live == GO_LIVE
    assert plan.stakeholder_by_email("victor@globex.example") is None


def test_a_quoted_reply_below_does_not_count() -> None:
    request = read("quoted-reply.eml", "short")
    assert request.deal == "Globex renewal timeline"  # from "Re: Re: ..."
    assert request.go_live == GO_LIVE
    assert request.people == [Person(name="Jane Doe", email=JANE)]
    plan = plan_from("quoted-reply.eml", "short")
    assert roles(plan)[1] == (JANE, "Champion", Side.BUYER)


# --- subjects ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "deal"),
    [
        ("Re: Fwd: re: Globex rollout", "Globex rollout"),
        ("FW: Globex rollout", "Globex rollout"),
        ("AW: WG: Globex rollout", "Globex rollout"),
        ("Fwd:Globex rollout", "Globex rollout"),
        ("Retail expansion: Re-platform", "Retail expansion: Re-platform"),
        ("=?utf-8?q?Re=3A_Glob=C3=A9x_rollout?=", "Glob\u00e9x rollout"),
    ],
)
def test_deal_name_is_the_subject_without_reply_prefixes(subject: str, deal: str) -> None:
    message = raw("gmail-multipart.eml").replace(
        b"Subject: Globex rollout", b"Subject: " + subject.encode("ascii")
    )
    request = read_start_email(message, template="enterprise", own_addresses=OWN)
    assert request.deal == deal


def test_the_seller_and_plans_addresses_on_copy_are_not_stakeholders() -> None:
    message = raw("gmail-multipart.eml").replace(
        b"Cc: Jane Doe",
        b"Cc: PLANS+Short@Mutualplan.Localhost, Sam <SAM.SELLER@initech.example>, Jane Doe",
    )
    request = read_start_email(message, template="enterprise", own_addresses=OWN)
    assert [p.email for p in request.people] == [JANE, OSCAR, PRIYA]


def test_no_buyer_is_the_engine_however_written_nor_an_address_nobody_can_mail() -> None:
    """The plans address quoted or with the root's dot, in Cc or on a role line, would leave a
    step to a mailbox nobody reads; an address with two @ would fail every email to it."""
    message = raw("gmail-multipart.eml").replace(
        b"Cc: Jane Doe",
        b'Cc: "plans"@mutualplan.localhost, "plans+x"@mutualplan.localhost, '
        b"plans@mutualplan.localhost., kim@globex.example@evil.example, Jane Doe",
    )
    message = message.replace(
        b"Go-live:",
        b"Security: plans+abc@mutualplan.localhost\r\nLegal: a@b@c.example\r\nGo-live:",
        1,
    )
    request = read_start_email(message, template="enterprise", own_addresses=OWN)
    emails = [p.email for p in request.people]
    assert not any("mutualplan.localhost" in e or e.count("@") != 1 for e in emails), emails
    assert JANE in emails


def test_a_plan_starts_as_a_draft_unless_the_seller_writes_confirm_yes() -> None:
    from email.message import EmailMessage

    from mutualplan.models import PlanStatus

    assert not read("gmail-multipart.eml").confirm
    assert plan_from("gmail-multipart.eml").status is PlanStatus.DRAFT
    for line, confirmed in [
        ("Confirm: yes", True),
        ("confirm: Yes.", True),
        ("Confirm: no", False),
    ]:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = SAM.email, "plans+short@x.example", "Globex"
        msg.set_content(f"Hi all,\n\nGo-live: 2027-03-01\n{line}\n")
        request = read_start_email(msg.as_bytes(), template="short", own_addresses=OWN)
        assert request.confirm is confirmed, line


def test_a_role_line_with_a_number_and_an_address_is_not_taken_for_a_quote_marker() -> None:
    """Lines like "2013/7/20 sam <sam@x.com>" open quoted mail; a four-digit number anywhere
    before an address made the rest of the email count as quoted: no roles, no Confirm."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["Subject"] = SAM.email, "Globex 2027"
    msg["To"] = "plans+short@mutualplan.localhost"
    msg.set_content(
        "Hi all,\n\nGo-live: 2027-03-01\nChampion: Jane Doe 1000 <jane.doe@globex.example>\n"
        "Legal: Lena (since 2019) <lena.legal@globex.example>\nConfirm: yes\n"
    )
    request = read_start_email(msg.as_bytes(), template="short", own_addresses=OWN)
    assert request.confirm
    assert [(p.email, p.role) for p in request.people] == [(JANE, "champion"), (LENA, "legal")]


def _on_copy(cc: bytes, *, to: bytes = b"plans+enterprise@mutualplan.localhost") -> list[Person]:
    raw = (
        b"From: Sam Seller <sam.seller@initech.example>\r\nTo: " + to + b"\r\nCc: " + cc
        + b"\r\nSubject: Globex\r\nMessage-ID: <cc@initech.example>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nGo-live: 2027-03-01\r\n"
    )  # fmt: skip
    return read_start_email(raw, template="enterprise", own_addresses=OWN).people


@pytest.mark.parametrize(
    ("cc", "expected"),
    [
        # an encoded name whose decoded text holds a comma: still one person
        (
            b"=?utf-8?q?Doe=2C_J=C3=BCrgen?= <jd@globex.example>",
            [("Doe, Jürgen", "jd@globex.example")],
        ),
        # a quoted name with a comma, and a header folded over lines
        (
            b'"Doe, Jane" <Jane.Doe@Globex.example>,\r\n\tOscar <oscar@globex.example>',
            [("Doe, Jane", JANE), ("Oscar", OSCAR)],
        ),
        # UTF-8 written as it is (RFC 6532), as a bytes parser sees it
        ("Zoë Ødegård <zoe@globex.example>".encode(), [("Zoë Ødegård", "zoe@globex.example")]),
        # encoded words in an unknown charset, or cut short: read as UTF-8
        (b"=?x-unknown?q?abc?= <x@globex.example>", [("abc", "x@globex.example")]),
        (b"=?utf-8?q?caf=C3?= <y@globex.example>", [("caf\ufffd", "y@globex.example")]),
        # a group, and an empty one
        (b"Team: Oscar <oscar@globex.example>;, undisclosed-recipients:;", [("Oscar", OSCAR)]),
    ],
)
def test_people_on_copy_are_read_from_every_form_of_address_field(
    cc: bytes, expected: list[tuple[str, str]]
) -> None:
    assert [(p.name, p.email) for p in _on_copy(cc)] == expected


def test_people_in_to_are_on_the_plan_too_but_not_the_plans_address() -> None:
    people = _on_copy(
        b"Oscar <oscar@globex.example>",
        to=b"plans@mutualplan.localhost, Lena <lena.legal@globex.example>",
    )
    assert [p.email for p in people] == [OSCAR, LENA]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("Holidays: DE-BY, US-CA", {"holidays": "DE-BY, US-CA"}),
        ("Public holidays: none", {"holidays": "none"}),
        ("Include: pen-test, dpia", {"include": ["pen-test", "dpia"]}),
        ("Include: pen-test and dpia", {"include": ["pen-test", "dpia"]}),
        ("", {"holidays": None, "include": []}),
    ],
)
def test_lines_for_the_templates_holidays_and_options(
    lines: str, expected: dict[str, object]
) -> None:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SAM.email, "plans+regulated@x.example", "Globex"
    msg.set_content(f"Hi all,\n\nGo-live: 2027-03-01\n{lines}\n\nSam\n")
    request = read_start_email(msg.as_bytes(), template="regulated", own_addresses=OWN)
    assert {field: getattr(request, field) for field in expected} == expected


# --- read like replies: every key, every written date, names for roles, doubts named back --------

NEXT_YEAR = datetime.now(UTC).year + 1  # a go-live in the future, whenever the test runs


def _start(body: str, *, cc: str = "Jane Doe <jane.doe@globex.example>") -> StartRequest:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Cc"] = SAM.email, "plans+short@mutualplan.localhost", cc
    msg["Subject"], msg["Message-ID"] = "Globex", "<start@initech.example>"
    msg.set_content(body)
    return read_start_email(msg.as_bytes(), template="short", own_addresses=OWN)


@pytest.mark.parametrize(
    "line",
    [
        f"Go-Live: 1. März {NEXT_YEAR}",
        f"Golive: March 1, {NEXT_YEAR}",
        f"Go live: 1 March {NEXT_YEAR}",
        f"Launch: {NEXT_YEAR}-03-01",
        f"Start date: 01.03.{NEXT_YEAR}",
        f"Launch date: 1st March {NEXT_YEAR}",
        f"Mise en production : 1er mars {NEXT_YEAR}",
        f"Fecha de lanzamiento: 1 de marzo de {NEXT_YEAR}",
        f"Data di lancio: 1 marzo {NEXT_YEAR}",
        f"本番開始: {NEXT_YEAR}年3月1日",
    ],
)
def test_the_go_live_is_read_in_every_form(line: str) -> None:
    request = _start(f"Hi all,\n\n{line}\nConfirm: yes\n")
    assert request.go_live == date(NEXT_YEAR, 3, 1)
    assert request.doubts == [] and request.confirm


def test_a_go_live_that_reads_two_ways_is_named_back_and_the_plan_is_a_draft() -> None:
    from mutualplan.models import PlanStatus

    request = _start(f"Go live: 03/01/{NEXT_YEAR}\nConfirm: yes\n")
    assert request.go_live is None and request.confirm
    assert request.doubts == [
        f"I could not read the go-live date: \u00ab03/01/{NEXT_YEAR}\u00bb reads two ways: "
        f"{date(NEXT_YEAR, 1, 3):%a} 3 Jan {NEXT_YEAR} or {date(NEXT_YEAR, 3, 1):%a} 1 Mar "
        f"{NEXT_YEAR}?"
    ]
    plan = build_plan(load_template("short"), request, plan_id="p", now=datetime.now(UTC))
    assert plan.status is PlanStatus.DRAFT  # Confirm: yes, but a doubt: the seller reviews it
    assert plan.notices[0] == request.doubts[0] + "."
    assert plan.notices[1].startswith("The go-live date could not be read, so it is set to")


def test_an_unreadable_go_live_is_named_back() -> None:
    request = _start("Go-live: after the pilot\n")
    assert request.go_live is None
    assert request.doubts == [
        "I could not read the go-live date: \u00abafter the pilot\u00bb is not a date I can read"
    ]


def test_a_role_given_by_name_is_the_person_of_that_name_on_copy() -> None:
    request = _start(
        "Go-live: 2099-03-01\nChampion: Jane Doe\nEconomic buyer: Oscar\n",
        cc='"Doe, Jane" <jane.doe@globex.example>, Oscar Martinez <oscar@globex.example>',
    )
    assert [(p.email, p.role) for p in request.people] == [
        (JANE, "champion"),
        (OSCAR, "economic-buyer"),
    ]
    assert request.doubts == []


def test_a_role_given_by_a_name_not_on_copy_is_named_back() -> None:
    request = _start("Go-live: 2099-03-01\nLegal: Lena Lopez\nConfirm: yes\n")
    assert [(p.email, p.role) for p in request.people] == [(JANE, None)]
    assert request.doubts == [
        "I could not tell who \u00abLena Lopez\u00bb is (Legal): write the address, as in "
        "\u00abLegal: Lena Lopez <name@example.com>\u00bb"
    ]
