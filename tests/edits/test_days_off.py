"""A new due date (or go-live) on a weekend or a public holiday is taken as asked, and the people
who hear of it are told plainly what day it is, in their language: "The new date, 13 December
2026, is a Sunday.", "... is New Year's Day in Germany.", the holiday named in the reader's
language ("ist ein Feiertag in Deutschland: Neujahr."). Pure: the reply is read, applied, and
the emails it sends rendered as the worker renders them. Dates come from the clock the test
runs under."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from babel.dates import format_date
from temporalio.contrib.pydantic import pydantic_data_converter

from mutualplan.edits.changes import Change, Notice
from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.plan_emails import plan_email
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from tests.support.plans import answered

NOW = datetime.now(UTC).replace(microsecond=0)
SETTINGS = Settings(secret="days-off-test")
SELLER, JANE = "alex@acme.example", "jane@globex.example"


def a_plan(*, holidays: str | None = None, seller_language: str = "") -> Plan:
    """Jane owns step 1; go-live in four months; `holidays`: the start email's line."""
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email=SELLER),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=120)).date(),
        people=[Person(name="Jane Doe", email=JANE, role="champion")],
        confirm=True,
        holidays=holidays,
    )
    plan = build_plan(load_template("short"), request, plan_id="p1", now=NOW)
    plan.seller.language = seller_language  # the language the seller reads
    return plan


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first `weekday` (Monday 0) at least a week after `after` (today): never past."""
    day = (after or NOW.date()) + timedelta(days=7)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def email_to(plan: Plan, change: Change, address: str) -> OutgoingEmail:
    person = plan.stakeholder_by_email(address)
    assert person is not None
    notice: Notice = next(n for n in change.notices if n.recipient_id == person.id)
    request = EmailRequest(
        kind=notice.kind,
        plan=plan,
        recipient_id=notice.recipient_id,
        key="notice.0",
        milestone_key=notice.milestone_key,
        note=notice.note,
        said=notice.said,
    )
    return plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)


def spoken(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_new_date_on_a_sunday_is_taken_and_the_seller_is_told_it_is_a_sunday() -> None:
    plan = a_plan()
    sunday = next_weekday(6)
    change = answered(plan, JANE, f"#1 new date: {sunday.isoformat()}", NOW)
    assert plan.milestones[0].due == sunday, "the date is taken as asked"
    told = f"The new date, {spoken(sunday)}, is a Sunday."
    assert email_to(plan, change, SELLER).text.count(told) == 1
    assert change.said[-1].english() == told and change.tell_sender, "Jane hears it too"


def test_a_working_day_says_nothing_more() -> None:
    plan = a_plan()
    change = answered(plan, JANE, f"#1 new date: {next_weekday(2).isoformat()}", NOW)
    assert not change.tell_sender and len(change.said) == 1
    assert "The new date" not in email_to(plan, change, SELLER).text


def test_a_saturday_set_by_the_seller_is_told_to_the_owner() -> None:
    plan = a_plan()
    saturday = next_weekday(5)
    change = answered(plan, SELLER, f"#1 new date: {saturday.isoformat()}", NOW)
    assert f"The new date, {spoken(saturday)}, is a Saturday." in email_to(plan, change, JANE).text


def test_a_public_holiday_is_named_with_its_country() -> None:
    plan = a_plan(holidays="DE")
    day, name = next((d, n) for d, n in plan.holidays.days.items() if d > NOW.date())
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    told = f"The new date, {spoken(day)}, is {name} in Germany."
    assert told in email_to(plan, change, SELLER).text


def test_holidays_of_several_countries_name_the_calendars() -> None:
    plan = a_plan(holidays="DE-BY, US")
    day, name = next((d, n) for d, n in plan.holidays.days.items() if d > NOW.date())
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    told = f"is a public holiday: {name} (DE-BY, US)."
    assert told in email_to(plan, change, SELLER).text


def test_the_reader_hears_it_in_their_language_with_the_weekday_theirs() -> None:
    plan = a_plan(seller_language="de")
    sunday = next_weekday(6)
    change = answered(plan, JANE, f"#1 new date: {sunday.isoformat()}", NOW)
    text = email_to(plan, change, SELLER).text
    long = format_date(sunday, "long", locale="de")
    assert f"Das neue Datum, {long}, ist ein Sonntag." in text, text


def test_a_holiday_in_the_readers_language_names_the_country_theirs() -> None:
    plan = a_plan(holidays="FR", seller_language="fr")
    day = next(d for d in plan.holidays.days if d > NOW.date())
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    assert "est un jour férié (France)" in email_to(plan, change, SELLER).text


def test_a_go_live_on_a_weekend_is_said_with_the_new_dates() -> None:
    plan = a_plan()
    plan.checkin = None  # with a check-in call, its calendar update carries the news
    sunday = next_weekday(6, plan.go_live)
    change = answered(plan, SELLER, f"new go-live: {sunday.isoformat()}", NOW)
    assert plan.go_live == sunday and change.tell_sender
    told = f"The new go-live, {spoken(sunday)}, is a Sunday."
    assert change.said[-1].english() == told
    assert told in email_to(plan, change, JANE).text


def test_a_step_added_due_on_a_sunday_says_so() -> None:
    plan = a_plan()
    sunday = next_weekday(6)
    change = answered(plan, SELLER, f"add step: Pilot review, due {sunday.isoformat()}", NOW)
    assert plan.milestones[-1].due == sunday and change.tell_sender
    told = f"The new date, {spoken(sunday)}, is a Sunday."
    assert change.said[-1].english() == told


# --- the holiday's own name in the reader's language ------------------------------------------

# holidays by the name a plan keeps (English), with their names in the reader's language; Good
# Friday, Easter Monday and Corpus Christi fall on weekdays, so the year a plan's holidays cover
# always holds one of each list
GERMAN = {
    "New Year's Day": "Neujahr",
    "Good Friday": "Karfreitag",
    "Easter Monday": "Ostermontag",
    "Labor Day": "Erster Mai",
    "Ascension Day": "Christi Himmelfahrt",
    "Pentecost Monday": "Pfingstmontag",
    "German Unity Day": "Tag der Deutschen Einheit",
    "Christmas Day": "Erster Weihnachtstag",
    "Second Day of Christmas": "Zweiter Weihnachtstag",
}
BAVARIAN = {  # Bavaria's own, which Germany as a whole does not keep
    "Epiphany": "Heilige Drei Könige",
    "Corpus Christi": "Fronleichnam",
    "All Saints' Day": "Allerheiligen",
}
JAPANESE = {
    "New Year's Day": "元日",
    "Coming of Age Day": "成人の日",
    "Foundation Day": "建国記念の日",
    "Emperor's Birthday": "天皇誕生日",
    "Vernal Equinox Day": "春分の日",
    "Showa Day": "昭和の日",
    "Constitution Day": "憲法記念日",
    "Greenery Day": "みどりの日",
    "Children's Day": "こどもの日",
    "Marine Day": "海の日",
    "Mountain Day": "山の日",
    "Respect for the Aged Day": "敬老の日",
    "Autumnal Equinox Day": "秋分の日",
    "Sports Day": "スポーツの日",
    "Culture Day": "文化の日",
    "Labor Thanksgiving Day": "勤労感謝の日",
}


def next_holiday(plan: Plan, names: dict[str, str] | None = None) -> tuple[date, str]:
    """The plan's first holiday after today (one of `names`), with the name the plan keeps."""
    return next(
        (day, name)
        for day, name in plan.holidays.days.items()
        if day > NOW.date() and (names is None or name in names)
    )


def test_a_german_reader_is_told_the_holidays_german_name() -> None:
    plan = a_plan(holidays="DE", seller_language="de")
    day, name = next_holiday(plan, GERMAN)
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    text = email_to(plan, change, SELLER).text
    long = format_date(day, "long", locale="de")
    assert f"Das neue Datum, {long}, ist ein Feiertag in Deutschland: {GERMAN[name]}." in text
    assert name not in text


def test_a_japanese_reader_is_told_the_holidays_japanese_name() -> None:
    plan = a_plan(holidays="JP", seller_language="ja")
    day, name = next_holiday(plan, JAPANESE)
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    text = email_to(plan, change, SELLER).text
    assert f"は日本の祝日（{JAPANESE[name]}）です。" in text, text
    assert name not in text


def test_an_english_reader_is_told_the_name_the_plan_keeps() -> None:
    plan = a_plan(holidays="DE")
    day, name = next_holiday(plan, GERMAN)
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    text = email_to(plan, change, SELLER).text
    assert f"The new date, {spoken(day)}, is {name} in Germany." in text
    assert GERMAN[name] not in text


def test_a_calendar_with_no_name_in_the_readers_language_keeps_its_own() -> None:
    plan = a_plan(holidays="US", seller_language="de")  # the package has the US in English only
    day, name = next_holiday(plan)
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    assert f"ist ein Feiertag in Vereinigte Staaten: {name}." in email_to(plan, change, SELLER).text


def test_a_regions_own_holiday_is_named_in_the_readers_language() -> None:
    plan = a_plan(holidays="DE-BY", seller_language="de")
    day, name = next_holiday(plan, BAVARIAN)
    change = answered(plan, JANE, f"#1 new date: {day.isoformat()}", NOW)
    assert f"Deutschland: {BAVARIAN[name]}." in email_to(plan, change, SELLER).text


def test_a_go_live_on_a_holiday_is_named_in_the_readers_language() -> None:
    plan = a_plan(holidays="DE", seller_language="de")
    plan.checkin = None  # with a check-in call, its calendar update carries the news
    jane = plan.stakeholder_by_email(JANE)
    assert jane is not None
    jane.language = "de"
    day, name = next(
        (d, n) for d, n in plan.holidays.days.items() if d > plan.go_live and n in GERMAN
    )
    change = answered(plan, SELLER, f"new go-live: {day.isoformat()}", NOW)
    assert plan.go_live == day
    long = format_date(day, "long", locale="de")
    told = f"Der neue Go-live, {long}, ist ein Feiertag in Deutschland: {GERMAN[name]}."
    assert told in email_to(plan, change, JANE).text


def test_a_notice_recorded_before_holidays_were_named_per_reader_still_renders() -> None:
    """What a workflow recorded before (the holiday's English name in the phrase's `args`)
    decodes as an activity reads it and says that name, in the reader's own sentence."""
    plan = a_plan(holidays="DE", seller_language="de")
    day, name = next_holiday(plan, GERMAN)
    recorded = {
        "text": "The new date, {date}, is {holiday} in {country}.",
        "args": {"holiday": name},
        "dates": {"date": day.isoformat()},
        "forms": {"date": "day"},
        "countries": {"country": "DE"},
    }
    request = EmailRequest(
        kind=EmailKind.PLAN_NOTICE,
        plan=plan,
        recipient_id=plan.seller_id,
        key="notice.0",
        note="recorded",
        said=[recorded],  # type: ignore[list-item]  # as the JSON of the recorded history
    )
    payload = pydantic_data_converter.payload_converter.to_payloads([request])
    (decoded,) = pydantic_data_converter.payload_converter.from_payloads(payload, [EmailRequest])
    text = plan_email(decoded, settings=SETTINGS, renderer=Renderer(), now=NOW).text
    long = format_date(day, "long", locale="de")
    assert f"Das neue Datum, {long}, ist ein Feiertag in Deutschland: {name}." in text
