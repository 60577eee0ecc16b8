"""Tests for `mutualplan.planning`: templates, business-day arithmetic and build_plan.

Plan templates under test are files in tests/fixtures/templates, loaded by name the way the engine
loads the shipped ones. Dates are fixed: "today" is Monday 2 November 2026 throughout.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mutualplan.errors import StartEmailError, TemplateError, UnknownTemplate
from mutualplan.models import Plan, Side, Stakeholder
from mutualplan.planning import (
    Person,
    StartRequest,
    add_business_days,
    build_plan,
    latest_date,
    load_template,
    template_names,
    work_back_from_go_live,
)

FIXTURES = Path(__file__).parent / "fixtures" / "templates"
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)  # a Monday
TODAY = NOW.date()
GO_LIVE = date(2027, 3, 1)  # a Monday

SELLER = Person(name="Sam Seller", email="sam.seller@initech.example")
JANE = Person(name="Jane Doe", email="jane.doe@globex.example", role="champion")
OSCAR = Person(name="Oscar Martinez", email="oscar@globex.example", role="economic-buyer")
LENA = Person(name="Lena Lopez", email="lena.legal@globex.example", role="legal")
RAVI = Person(name="Ravi Shah", email="ravi@globex.example", role="security")


def request(
    *people: Person, go_live: date | None = GO_LIVE, template: str = "enterprise", **extra: object
) -> StartRequest:
    return StartRequest.model_validate(
        {
            "message_id": "start-1@initech.example",
            "template": template,
            "seller": SELLER,
            "deal": "Globex rollout",
            "go_live": go_live,
            "people": list(people),
            **extra,
        }
    )


def plan_for(start: StartRequest, template: str = "enterprise") -> Plan:
    return build_plan(load_template(template), start, plan_id="abcdefghij", now=NOW)


def owners(plan: Plan) -> dict[str, str]:
    """milestone key -> owner's email, the way the plan table shows it."""
    return {m.key: plan.owner(m).email for m in plan.milestones}


def by_email(plan: Plan, email: str) -> Stakeholder:
    found = plan.stakeholder_by_email(email)
    assert found is not None, f"{email} is not on the plan"
    return found


# --- templates -----------------------------------------------------------------------------------


def test_shipped_template_names() -> None:
    assert template_names() == ["enterprise", "short"]


@pytest.mark.parametrize("name", ["enterprise", "short"])
def test_shipped_templates_load_with_due_dates_in_order(name: str) -> None:
    template = load_template(name)
    assert template.name == name
    offsets = [m.offset for m in template.milestones]
    assert offsets == sorted(offsets)
    assert offsets[-1] == 0, "the last milestone is the go-live itself"
    assert "{buyer}" in template.value_statement


def test_enterprise_template_runs_past_the_signature() -> None:
    template = load_template("enterprise")
    keys = [m.key for m in template.milestones]
    assert len(keys) == 7
    signed = keys.index("contract-signed")
    assert keys[signed + 1 :] == ["onboarding-kickoff", "go-live"]
    assert template.milestones[signed].owner == "legal"


def test_short_template_has_five_milestones() -> None:
    template = load_template("short")
    assert [m.key for m in template.milestones] == [
        "proposal-review",
        "budget-approval",
        "order-signed",
        "onboarding-call",
        "go-live",
    ]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("duplicate-keys", "milestone keys must be unique"),
        ("repeated-field", "duplicate key 'owner'"),
        ("unknown-role", "unknown role 'cfo'"),
        ("missing-milestones", "milestones"),
        ("renamed", "calls itself 'short'"),
    ],
)
def test_invalid_template_is_a_template_error_that_says_why(name: str, says: str) -> None:
    with pytest.raises(TemplateError) as raised:
        load_template(name, FIXTURES)
    message = str(raised.value)
    assert f"{name}.yaml" in message
    assert says in message
    assert not isinstance(raised.value, UnknownTemplate)


def test_missing_milestones_error_names_the_field() -> None:
    with pytest.raises(TemplateError, match=r"milestones\s+Field required"):
        load_template("missing-milestones", FIXTURES)


def test_unknown_template_lists_the_available_ones() -> None:
    with pytest.raises(UnknownTemplate) as raised:
        load_template("enterprize")
    assert raised.value.name == "enterprize"
    assert raised.value.available == ["enterprise", "short"]
    assert str(raised.value) == (
        "no plan template named 'enterprize'; available: enterprise, short"
    )


@pytest.mark.parametrize("name", ["../etc", "..", "/etc/passwd", "Enterprise", "short\n", ""])
def test_template_names_outside_the_slug_form_are_refused(name: str) -> None:
    with pytest.raises(UnknownTemplate):
        load_template(name)


def test_dot_dot_cannot_reach_a_template_outside_the_directory(tmp_path: Path) -> None:
    directory = tmp_path / "plans"
    directory.mkdir()
    shutil.copy(FIXTURES / "etc.yaml", tmp_path / "etc.yaml")
    assert load_template("etc", tmp_path).title == "Outside the template directory"
    with pytest.raises(UnknownTemplate) as raised:
        load_template("../etc", directory)
    assert raised.value.available == []


# --- business days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 6), 1, date(2026, 11, 9)),  # Friday + 1 = Monday
        (date(2026, 11, 9), -1, date(2026, 11, 6)),  # Monday - 1 = Friday
        (date(2026, 11, 4), 0, date(2026, 11, 4)),
        (date(2026, 11, 7), 0, date(2026, 11, 7)),  # a Saturday stays put
        (date(2026, 11, 7), 1, date(2026, 11, 9)),  # Saturday + 1 = Monday
        (date(2026, 11, 8), -1, date(2026, 11, 6)),  # Sunday - 1 = Friday
        (date(2026, 11, 2), 5, date(2026, 11, 9)),
        (date(2026, 11, 2), -10, date(2026, 10, 19)),
        (date(2026, 11, 4), 3, date(2026, 11, 9)),  # Wednesday + 3 = Monday
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # holidays are not weekends
    ],
)
def test_add_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


def test_work_back_from_go_live_enterprise() -> None:
    assert work_back_from_go_live(load_template("enterprise"), GO_LIVE) == [
        date(2027, 1, 4),  # -40: eight weeks back
        date(2027, 1, 18),  # -30
        date(2027, 1, 28),  # -22: a Thursday
        date(2027, 2, 5),  # -16: a Friday
        date(2027, 2, 15),  # -10
        date(2027, 2, 22),  # -5
        date(2027, 3, 1),  # go-live
    ]


def test_work_back_from_go_live_short() -> None:
    assert work_back_from_go_live(load_template("short"), GO_LIVE) == [
        date(2027, 2, 11),
        date(2027, 2, 17),
        date(2027, 2, 22),
        date(2027, 2, 25),
        date(2027, 3, 1),
    ]


# --- build_plan ----------------------------------------------------------------------------------


def test_roles_are_assigned_to_their_owners() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI))
    assert owners(plan) == {
        "success-criteria": JANE.email,
        "technical-validation": SELLER.email,
        "security-review": RAVI.email,
        "business-case": OSCAR.email,
        "contract-signed": LENA.email,
        "onboarding-kickoff": SELLER.email,
        "go-live": JANE.email,
    }
    assert [(s.email, s.role, s.side) for s in plan.stakeholders] == [
        (SELLER.email, "Seller", Side.SELLER),
        (JANE.email, "Champion", Side.BUYER),
        (OSCAR.email, "Economic Buyer", Side.BUYER),
        (LENA.email, "Legal", Side.BUYER),
        (RAVI.email, "Security", Side.BUYER),
    ]
    assert plan.notices == []
    assert plan.go_live == GO_LIVE
    assert [m.due for m in plan.milestones] == work_back_from_go_live(
        load_template("enterprise"), GO_LIVE
    )
    assert plan.deal == "Globex rollout"
    assert plan.seller.email == SELLER.email
    assert plan.created_at == NOW


def test_a_missing_role_falls_back_to_the_champion_with_a_notice() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA))
    assert owners(plan)["security-review"] == JANE.email
    assert plan.notices == [
        "No Security was named, so Jane Doe owns "
        "\u201cSecurity and compliance review complete\u201d until it is reassigned."
    ]
    security = plan.milestone("security-review")
    assert security is not None
    assert security.owner_role == "security"


def test_seller_side_roles_go_to_the_seller_without_a_notice() -> None:
    plan = plan_for(request(JANE, OSCAR), template="short")
    assert owners(plan)["onboarding-call"] == SELLER.email
    assert not any("Seller" in n for n in plan.notices)


def test_a_named_solutions_engineer_is_on_the_seller_side() -> None:
    priya = Person(name="Priya Patel", email="priya@initech.example", role="solutions-engineer")
    plan = plan_for(request(JANE, priya))
    stakeholder = by_email(plan, priya.email)
    assert (stakeholder.role, stakeholder.side) == ("Solutions Engineer", Side.SELLER)


def test_without_a_champion_the_first_buyer_on_cc_becomes_champion() -> None:
    first = Person(name="Jane Doe", email="jane.doe@globex.example")
    second = Person(name="Ken Ito", email="ken@globex.example")
    plan = plan_for(request(first, second, OSCAR))
    assert by_email(plan, first.email).role == "Champion"
    assert by_email(plan, second.email).role == ""
    assert plan.notices[0] == "No champion was named, so Jane Doe (first on Cc) is the champion."
    assert owners(plan)["success-criteria"] == first.email


def test_the_champion_fallback_skips_seller_colleagues_and_people_with_roles() -> None:
    colleague = Person(name="Priya Patel", email="priya@initech.example")
    ken = Person(name="", email="ken@globex.example")
    plan = plan_for(request(colleague, OSCAR, ken))
    assert by_email(plan, ken.email).role == "Champion"
    assert by_email(plan, OSCAR.email).role == "Economic Buyer"
    assert "so ken@globex.example (first on Cc) is the champion" in plan.notices[0]


def test_with_nobody_on_the_buyer_side_the_seller_owns_everything() -> None:
    plan = plan_for(request())
    assert set(owners(plan).values()) == {SELLER.email}
    assert "No Champion was named, so Sam Seller owns" in plan.notices[0]
    assert "Globex" not in plan.value_statement
    assert "the customer" in plan.value_statement


def test_missing_go_live_uses_the_template_horizon_with_a_notice() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, go_live=None))
    assert plan.go_live == date(2027, 1, 25)  # 60 business days = 12 weeks from a Monday
    assert plan.notices == [
        "No go-live date was given, so it is set to 2027-01-25 (60 business days from today)."
    ]
    assert all(m.due >= TODAY for m in plan.milestones)


def test_missing_go_live_short_template() -> None:
    plan = plan_for(request(JANE, OSCAR, go_live=None, template="short"), template="short")
    assert plan.go_live == date(2026, 11, 30)
    assert "(20 business days from today)" in plan.notices[0]


def test_go_live_in_the_past_is_refused() -> None:
    with pytest.raises(StartEmailError, match="the go-live date 2026-10-30 is in the past"):
        plan_for(request(JANE, go_live=date(2026, 10, 30)))


def test_go_live_beyond_the_horizon_is_refused() -> None:
    """Three years ahead by default (a setting): a go-live in year 9999 would make every invite
    and link of the plan fail to build."""
    assert plan_for(request(JANE, go_live=date(2029, 11, 2))).go_live == date(2029, 11, 2)
    with pytest.raises(StartEmailError, match=r"2029-11-03 is more than 3 years ahead"):
        plan_for(request(JANE, go_live=date(2029, 11, 3)))
    with pytest.raises(StartEmailError, match="9999-12-20"):
        plan_for(request(JANE, go_live=date(9999, 12, 20)))
    start = request(JANE, go_live=date(2031, 1, 1))
    plan = build_plan(load_template("enterprise"), start, plan_id="x", now=NOW, horizon_years=5)
    assert plan.horizon_years == 5, "kept on the plan, for the dates changed later"


def test_the_horizon_of_a_29_february_ends_on_28_february() -> None:
    assert latest_date(date(2028, 2, 29), 3) == date(2031, 2, 28)
    assert latest_date(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_go_live_today_is_allowed_and_everything_is_due_today() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, go_live=TODAY))
    assert {m.due for m in plan.milestones} == {TODAY}
    assert len(plan.notices) == 1
    assert plan.notices[0].startswith("The go-live date leaves less time")


def test_a_close_go_live_clamps_early_milestones_to_today() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, go_live=date(2026, 11, 30)))
    assert [(m.key, m.due) for m in plan.milestones] == [
        ("success-criteria", TODAY),
        ("technical-validation", TODAY),
        ("security-review", TODAY),
        ("business-case", date(2026, 11, 6)),
        ("contract-signed", date(2026, 11, 16)),
        ("onboarding-kickoff", date(2026, 11, 23)),
        ("go-live", date(2026, 11, 30)),
    ]
    assert plan.notices == [
        "The go-live date leaves less time than the template plans for, so these are due today: "
        "Agree success criteria and the evaluation plan; Technical validation signed off; "
        "Security and compliance review complete."
    ]


def test_same_domain_people_on_cc_are_on_the_seller_side() -> None:
    priya = Person(name="Priya Patel", email="priya@initech.example")
    ken = Person(name="Ken Ito", email="ken@globex.example")
    plan = plan_for(request(JANE, priya, ken))
    assert by_email(plan, priya.email).side is Side.SELLER
    assert by_email(plan, priya.email).role == ""
    assert by_email(plan, ken.email).side is Side.BUYER


def test_ids_are_unique_stable_and_the_seller_is_first() -> None:
    people = (JANE, OSCAR, LENA, RAVI, Person(email="ken@globex.example"))
    first = plan_for(request(*people))
    again = plan_for(request(*people))
    ids = [s.id for s in first.stakeholders]
    assert ids == [1, 2, 3, 4, 5, 6]
    assert first == again
    assert first.seller_id == 1
    assert [m.number for m in first.milestones] == [1, 2, 3, 4, 5, 6, 7]
    assert len({m.key for m in first.milestones}) == 7


def test_a_person_listed_twice_or_the_seller_on_cc_appears_once() -> None:
    seller_again = Person(name="Sam", email=SELLER.email)
    plan = plan_for(request(seller_again, JANE, JANE.model_copy(update={"role": "legal"})))
    assert [s.email for s in plan.stakeholders] == [SELLER.email, JANE.email]
    assert plan.seller.name == "Sam Seller"


def test_value_statement_names_the_buyer_organisation() -> None:
    plan = plan_for(request(JANE))
    assert plan.value_statement == (
        "Agree what success looks like for Globex, prove it, sign, and be live on the go-live date."
    )
    hyphenated = Person(name="Ann", email="ann@acme-widgets.example", role="champion")
    assert plan_for(request(hyphenated)).value_statement.startswith(
        "Agree what success looks like for Acme Widgets,"
    )


def test_the_seller_value_statement_and_criteria_win_over_the_template() -> None:
    plan = plan_for(
        request(JANE, value_statement="Halve onboarding time", success_criteria=["A", "B"])
    )
    assert plan.value_statement == "Halve onboarding time"
    assert plan.success_criteria == ["A", "B"]
    assert plan_for(request(JANE)).success_criteria == load_template("enterprise").success_criteria


def test_an_empty_deal_name_is_named_after_the_buyer() -> None:
    plan = plan_for(request(JANE, deal=""))
    assert plan.deal == "Globex deal"


def test_a_milestone_may_only_come_after_earlier_ones() -> None:
    with pytest.raises(TemplateError, match="comes after \\['second'\\]"):
        load_template("after-later", FIXTURES)


def test_milestones_wait_for_the_one_before_unless_the_template_says_otherwise() -> None:
    template = load_template("enterprise")
    request = StartRequest(
        message_id="x@acme.example",
        template="enterprise",
        seller=Person(email="alex@acme.example"),
        deal="d",
        go_live=date(2027, 3, 1),
    )
    plan = build_plan(template, request, plan_id="abcdefghij", now=NOW)
    after = {m.key: m.after for m in plan.milestones}
    assert after["success-criteria"] == []
    assert after["technical-validation"] == ["success-criteria"]
    assert after["security-review"] == ["success-criteria"]
    assert after["contract-signed"] == ["security-review", "business-case"]
