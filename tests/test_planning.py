"""Tests for `mutualplan.planning`: templates, business-day arithmetic and build_plan.

Plan templates under test are files in tests/fixtures/templates, loaded by name the way the engine
loads the shipped ones. Dates are fixed: "today" is Monday 2 November 2026 throughout.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mutualplan.business_days import add_business_days
from mutualplan.errors import StartEmailError, TemplateError, UnknownTemplate
from mutualplan.languages import wording
from mutualplan.models import Link, Plan, Side, Stakeholder
from mutualplan.plan_templates import PlanTemplate, work_back_from_go_live
from mutualplan.planning import Person, StartRequest, build_plan, latest_date
from mutualplan.template_files import load_template, template_names

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


BUILT_IN = ["enterprise", "pilot", "regulated", "renewal", "short"]


def test_shipped_template_names() -> None:
    assert template_names() == BUILT_IN


@pytest.mark.parametrize("name", BUILT_IN)
def test_shipped_templates_load_with_due_dates_in_order(name: str) -> None:
    template = load_template(name)
    assert template.name == name
    offsets = [m.offset for m in template.milestones]
    assert offsets == sorted(set(offsets)), "one step a day at most, in the order they come"
    assert offsets[-1] == 0, "the last milestone is the go-live itself"
    assert -100 <= offsets[0] <= -10, "weeks of work before go-live, not years"
    assert template.horizon_business_days >= -offsets[0]
    assert "{buyer}" in template.value_statement
    assert template.success_criteria
    assert all(m.done_means for m in template.milestones), "every step says what done means"


@pytest.mark.parametrize("name", BUILT_IN)
def test_shipped_templates_wait_only_for_steps_due_before(name: str) -> None:
    template = load_template(name)
    offsets = {m.key: m.offset for m in template.milestones}
    for index, m in enumerate(template.milestones):
        waits = m.after if m.after is not None else [template.milestones[index - 1].key][:index]
        assert all(offsets[key] < m.offset for key in waits), m.key


@pytest.mark.parametrize("name", BUILT_IN)
@pytest.mark.parametrize("include", [[], ["all"]])
def test_shipped_templates_make_plans_with_and_without_their_options(
    name: str, include: list[str]
) -> None:
    template = load_template(name)
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, template=name, include=include), name)
    optional = [m for m in template.milestones if m.optional]
    assert len(plan.milestones) == len(template.milestones) - (0 if include else len(optional))
    assert [m.number for m in plan.milestones] == list(range(1, len(plan.milestones) + 1))
    keys = [m.key for m in plan.milestones]
    for m in plan.milestones:  # every step waits only for steps of the plan that come before it
        assert all(keys.index(key) < keys.index(m.key) for key in m.after)
    assert all(m.due <= GO_LIVE for m in plan.milestones)
    assert plan.checkin is not None or template.checkin is None


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
    with pytest.raises(
        TemplateError, match=r"missing-milestones.yaml:2:1: milestones: Field required"
    ):
        load_template("missing-milestones", FIXTURES)


def test_unknown_template_lists_the_available_ones() -> None:
    with pytest.raises(UnknownTemplate) as raised:
        load_template("enterprize")
    assert raised.value.name == "enterprize"
    assert raised.value.available == BUILT_IN
    assert str(raised.value) == (
        "no plan template named 'enterprize'; available: " + ", ".join(BUILT_IN)
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


# --- public holidays -----------------------------------------------------------------------------


def test_holidays_us_put_no_due_date_on_christmas_or_new_year() -> None:
    """Go-live Fri 8 Jan 2027, `Holidays: US`: the enterprise plan's dates skip Christmas Day
    and New Year's Day (both Fridays), and the draft says which holidays it skipped."""
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, go_live=date(2027, 1, 8), holidays="US"))
    dues = [m.due for m in plan.milestones]
    assert date(2026, 12, 25) not in dues
    assert date(2027, 1, 1) not in dues
    assert all(d.weekday() < 5 and d not in plan.holidays.days for d in dues)
    assert dues == [
        date(2026, 11, 9),  # -40: back past New Year, Christmas, Thanksgiving and Veterans Day
        date(2026, 11, 24),  # -30
        date(2026, 12, 7),  # -22
        date(2026, 12, 15),  # -16
        date(2026, 12, 23),  # -10
        date(2026, 12, 31),  # -5: Thu 31 Dec, the Friday after being New Year's Day
        date(2027, 1, 8),  # go-live
    ]
    assert plan.holidays.calendars == ["US"]
    assert plan.holidays.days[date(2026, 12, 25)] == "Christmas Day"
    assert plan.notices == [
        "Due dates skip the public holidays of US: Wed 11 Nov Veterans Day; "
        "Thu 26 Nov Thanksgiving Day; Fri 25 Dec Christmas Day; Fri 01 Jan New Year's Day."
    ]


def test_without_holidays_christmas_is_a_business_day() -> None:
    plan = plan_for(request(JANE, OSCAR, LENA, RAVI, go_live=date(2027, 1, 8)))
    assert date(2026, 12, 25) in [m.due for m in plan.milestones]  # -10
    assert plan.holidays.calendars == []
    assert plan.notices == []


def test_holidays_of_two_regions_are_both_skipped() -> None:
    plan = plan_for(request(JANE, go_live=date(2027, 1, 8), holidays="DE-BY, us-ca"))
    assert plan.holidays.calendars == ["DE-BY", "US-CA"]
    assert date(2026, 12, 26) not in plan.holidays.days  # a Saturday skips nothing
    assert plan.holidays.days[date(2027, 1, 6)] == "Epiphany"  # Bavaria's
    assert plan.holidays.days[date(2026, 11, 27)] == "Day After Thanksgiving"  # California's
    assert plan.holidays.days[date(2026, 12, 25)] == "Christmas Day"  # said once


def test_a_holidays_line_takes_at_most_ten_calendars() -> None:
    """Each calendar is worked out and listed on the plan: one line naming hundreds made a plan
    larger than Temporal takes (red-team round 10). The first ten are used, and said so."""
    named = ", ".join(["US", "DE", "FR", "GB", "ES", "IT", "NL", "PT", "JP", "CA", "AU", "MX"])
    plan = plan_for(request(JANE, go_live=date(2027, 1, 8), holidays=named))
    assert plan.holidays.calendars == ["US", "DE", "FR", "GB", "ES", "IT", "NL", "PT", "JP", "CA"]
    said = [n.english() for n in plan.said_notices]
    assert any("at most 10 calendars" in line for line in said), said


def test_the_start_email_the_template_then_the_operator_choose_the_holidays() -> None:
    template = load_template("short").model_copy(update={"holidays": ["DE"]})
    start = request(JANE, template="short")
    operator = ["US"]

    def calendars(template: PlanTemplate, start: StartRequest) -> list[str]:
        plan = build_plan(template, start, plan_id="abcdefghij", now=NOW, holidays=operator)
        return plan.holidays.calendars

    assert calendars(load_template("short"), start) == ["US"]
    assert calendars(template, start) == ["DE"]
    assert calendars(template, start.model_copy(update={"holidays": "GB-SCT"})) == ["GB-SCT"]
    assert calendars(template, start.model_copy(update={"holidays": "none"})) == []
    empty = template.model_copy(update={"holidays": []})
    assert calendars(empty, start) == [], "a template's [] means no holidays, whatever the default"


def test_an_unknown_holiday_calendar_falls_back_with_a_notice() -> None:
    plan = build_plan(
        load_template("short"),
        request(JANE, template="short", holidays="Narnia"),
        plan_id="abcdefghij",
        now=NOW,
        holidays=["US"],
    )
    assert plan.holidays.calendars == ["US"]
    assert plan.notices[0].startswith("The holidays \u201cNarnia\u201d could not be read")
    assert plan.notices[0].endswith("so the default calendars are used: US.")


def test_a_go_live_on_a_holiday_moves_what_is_due_on_it_to_the_day_before() -> None:
    plan = plan_for(request(JANE, go_live=date(2027, 1, 1), holidays="US"))
    assert plan.go_live == date(2027, 1, 1)
    assert plan.milestones[-1].due == date(2026, 12, 31)
    assert (
        "The go-live date Fri 01 Jan 2027 is New Year's Day, so what is due on it is due "
        "Thu 31 Dec instead." in plan.notices
    )


def test_no_go_live_counts_the_horizon_in_business_days_past_holidays() -> None:
    plan = build_plan(
        load_template("short"),
        request(JANE, template="short", go_live=None, holidays="US"),
        plan_id="abcdefghij",
        now=datetime(2026, 11, 16, 9, tzinfo=UTC),
    )
    # 20 business days from Mon 16 Nov 2026, less Thanksgiving (26 Nov)
    assert plan.go_live == date(2026, 12, 15)


def test_holidays_are_known_a_year_past_go_live_for_reminders_and_late_counts() -> None:
    plan = plan_for(request(JANE, go_live=GO_LIVE, holidays="US"))
    assert min(plan.holidays.days) >= TODAY
    assert date(2027, 12, 24) in plan.holidays.days  # Christmas observed, months after go-live
    assert date(2028, 1, 17) in plan.holidays.days  # Martin Luther King Jr. Day


def test_the_holidays_a_plan_tells_of_are_named_in_the_readers_language() -> None:
    """The draft's notices (a go-live on Good Friday, the holidays the dates skip) name each
    holiday in the reader's language: "Karfreitag" to a German reader, as kept to an English
    one. From the clock the test runs under: the next Good Friday at least 60 days out."""
    now = datetime.now(UTC)
    ahead = build_plan(
        load_template("enterprise"),
        request(JANE, go_live=(now + timedelta(days=400)).date(), holidays="DE-BY"),
        plan_id="abcdefghij",
        now=now,
    )
    good_friday = next(
        d for d, n in ahead.holidays.days.items()
        if n == "Good Friday" and d >= (now + timedelta(days=60)).date()
    )  # fmt: skip
    plan = build_plan(
        load_template("enterprise"),
        request(JANE, go_live=good_friday, holidays="DE-BY"),
        plan_id="abcdefghij",
        now=now,
    )
    english = [wording("en").say(n) for n in plan.said_notices]
    german = [wording("de").say(n) for n in plan.said_notices]
    assert english == plan.notices, "English as the plan keeps it"
    assert any(" is Good Friday, so what is due on it" in n for n in english)
    assert any("ist ein Feiertag (Karfreitag)" in n for n in german), german
    skipped = next(n for n in german if n.startswith("Die Fälligkeiten lassen die Feiertage"))
    assert "Karfreitag" in skipped and "Good Friday" not in skipped, skipped


# --- optional steps and the template's defaults ------------------------------------------------


def test_optional_steps_come_in_with_include_and_their_dependents_pass_through() -> None:
    without = plan_for(request(JANE, template="regulated"), "regulated")
    keys = [m.key for m in without.milestones]
    assert "pen-test" not in keys and "dpia" not in keys
    assert without.milestone("security-review").after == ["security-questionnaire"]  # type: ignore[union-attr]
    assert without.milestone("dpa-signed").after == [  # type: ignore[union-attr]
        "security-review",
        "security-questionnaire",
    ]

    pen_test = plan_for(request(JANE, template="regulated", include=["Pen-Test."]), "regulated")
    assert [m.key for m in pen_test.milestones if m.key not in keys] == ["pen-test"]
    assert pen_test.milestone("security-review").after == [  # type: ignore[union-attr]
        "security-questionnaire",
        "pen-test",
    ]
    assert [m.number for m in pen_test.milestones] == list(range(1, 12))
    assert len(pen_test.notices) == len(without.notices) + 1  # nobody named for Security


def test_an_option_names_every_step_that_comes_with_it() -> None:
    plan = plan_for(request(JANE, OSCAR, template="renewal", include=["expansion"]), "renewal")
    assert [m.key for m in plan.milestones][2:4] == ["expansion-scope", "expansion-case"]
    assert plan.milestone("budget-confirmed").after == [  # type: ignore[union-attr]
        "renewal-quote",
        "expansion-case",
    ]


def test_an_unknown_option_is_a_notice_naming_the_ones_there_are() -> None:
    plan = plan_for(request(JANE, template="regulated", include=["pilot", ""]), "regulated")
    assert (
        "Include: pilot names no optional step of this template (its options: pen-test, dpia), "
        "so it was left out." in plan.notices
    )


def test_steps_carry_what_done_means_their_links_and_side() -> None:
    template = load_template("short")
    step = template.milestones[0].model_copy(
        update={"links": [Link(title="Proposal", url="https://docs.example/proposal")]}
    )
    template = template.model_copy(update={"milestones": [step, *template.milestones[1:]]})
    plan = build_plan(template, request(JANE), plan_id="abcdefghij", now=NOW)
    first = plan.milestones[0]
    assert first.done_means == [
        "The champion confirms the proposal's scope, price and dates in writing"
    ]
    assert first.links == [Link(title="Proposal", url="https://docs.example/proposal")]
    assert first.side is Side.BUYER
    assert plan.milestone("onboarding-call").side is Side.SELLER  # type: ignore[union-attr]


def test_the_templates_meeting_link_and_stall_weeks_reach_the_plan() -> None:
    template = load_template("short").model_copy(
        update={"meeting": "https://meet.example/acme", "stall_after_weeks": 3}
    )
    plan = build_plan(template, request(JANE, template="short"), plan_id="abcdefghij", now=NOW)
    assert plan.checkin is not None and plan.checkin.meeting == "https://meet.example/acme"
    assert plan.stall_after_weeks == 3
