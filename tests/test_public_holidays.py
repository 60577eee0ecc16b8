"""Holiday calendar codes as people write them, the holidays a plan keeps (fixed dates: the
holidays of a given year do not depend on when the test runs), and their names in each reader's
language (dates from the clock the test runs under: the next New Year's Day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mutualplan.errors import UnknownHolidayCalendar
from mutualplan.languages import wording
from mutualplan.models import Holiday, phrase
from mutualplan.public_holidays import holiday_name_in, holidays_between, read_calendar_codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("US", ["US"]),
        ("us.", ["US"]),
        ("DE-BY, US-CA", ["DE-BY", "US-CA"]),
        ("de-by; us-ca", ["DE-BY", "US-CA"]),
        ("GB-SCT and FR", ["GB-SCT", "FR"]),
        ("US, US", ["US"]),
        ("de-augsburg", ["DE-Augsburg"]),  # a region the package spells its own way
        ("none", []),
        ("None.", []),
        ("", []),
        (["US", "de-by"], ["US", "DE-BY"]),
    ],
)
def test_codes_are_read_as_people_write_them(text: str | list[str], codes: list[str]) -> None:
    assert read_calendar_codes(text) == codes


@pytest.mark.parametrize("text", ["Narnia", "XX", "US-ZZ", "DE BY", "United States"])
def test_an_unknown_calendar_says_what_is_known(text: str) -> None:
    with pytest.raises(UnknownHolidayCalendar) as raised:
        read_calendar_codes(text)
    assert "use a country code such as US or DE" in str(raised.value)


def test_an_unknown_region_lists_the_countrys_regions() -> None:
    with pytest.raises(UnknownHolidayCalendar) as raised:
        read_calendar_codes("DE-XX")
    assert raised.value.code == "DE-XX"
    assert "BY" in raised.value.regions and "BE" in raised.value.regions


def test_only_weekday_holidays_in_the_span_are_kept_and_named_once() -> None:
    found = holidays_between(["US", "GB"], date(2026, 12, 1), date(2027, 1, 31))
    assert found.calendars == ["US", "GB"]
    assert found.days == {
        date(2026, 12, 25): "Christmas Day",
        date(2026, 12, 28): "Boxing Day (observed)",  # Boxing Day itself is a Saturday
        date(2027, 1, 1): "New Year's Day",
        date(2027, 1, 18): "Martin Luther King Jr. Day",
    }


# --- a holiday's name in the reader's language ------------------------------------------------

TODAY = datetime.now(UTC).date()


def next_day(month: int, day: int) -> date:
    """The next such day from the clock the test runs under (today's own, if it is today)."""
    this_year = date(TODAY.year, month, day)
    return this_year if this_year >= TODAY else date(TODAY.year + 1, month, day)


NEW_YEAR = next_day(1, 1)


@pytest.mark.parametrize(
    ("calendar", "language", "name"),
    [
        ("DE", "de", "Neujahr"),
        ("FR", "fr", "Jour de l'an"),
        ("ES", "es", "Año Nuevo"),
        ("IT", "it", "Capodanno"),  # the package's "it_IT"
        ("NL", "nl", "Nieuwjaarsdag"),
        ("PT", "pt", "Ano Novo"),  # "pt_PT"
        ("JP", "ja", "元日"),
        ("CH-TI", "it", "Capodanno"),  # Switzerland's own Italian
    ],
)
def test_new_years_day_is_named_in_each_language_we_write(
    calendar: str, language: str, name: str
) -> None:
    holiday = Holiday(name="New Year's Day", day=NEW_YEAR, calendars=[calendar])
    assert holiday_name_in(holiday, language) == name
    assert wording(language).say(phrase("{holiday}", holiday=holiday)) == name


def test_an_english_reader_reads_the_name_the_plan_keeps() -> None:
    holiday = Holiday(name="New Year's Day", day=NEW_YEAR, calendars=["DE"])
    assert wording("en").say(phrase("{holiday}", holiday=holiday)) == "New Year's Day"
    assert phrase("{holiday}", holiday=holiday).english() == "New Year's Day"


@pytest.mark.parametrize(
    ("name", "calendars", "language"),
    [
        ("New Year's Day", ["US"], "de"),  # the package has the US in English only
        ("New Year's Day", ["DE"], "ja"),  # nor Germany in Japanese
        ("Founders' Day", ["XX"], "de"),  # a calendar the package does not know (any more)
        ("New Year's Day", ["DE-XX"], "de"),  # nor a region of it
        ("Neujahrstag", ["DE"], "fr"),  # a name kept by another release of the package
    ],
)
def test_without_a_translation_the_kept_name_is_said(
    name: str, calendars: list[str], language: str
) -> None:
    holiday = Holiday(name=name, day=NEW_YEAR, calendars=calendars)
    assert holiday_name_in(holiday, language) == name


def test_a_regions_own_holiday_is_named_from_its_region() -> None:
    epiphany = next_day(1, 6)
    assert holiday_name_in(Holiday(name="Epiphany", day=epiphany, calendars=["DE-BY"]), "de") == (
        "Heilige Drei Könige"
    )
    # Germany as a whole keeps no Epiphany: nothing to name it by
    assert holiday_name_in(Holiday(name="Epiphany", day=epiphany, calendars=["DE"]), "de") == (
        "Epiphany"
    )


def test_a_day_of_several_calendars_is_named_once_by_those_that_have_the_language() -> None:
    christmas = next_day(12, 25)
    shared = Holiday(name="Christmas Day", day=christmas, calendars=["DE-BY", "US"])
    assert holiday_name_in(shared, "de") == "Erster Weihnachtstag"
    both = Holiday(name="Christmas Day; Founders' Day", day=christmas, calendars=["DE", "US"])
    assert holiday_name_in(both, "de") == "Erster Weihnachtstag; Founders' Day"


def test_a_kept_plan_names_its_holidays_for_each_reader() -> None:
    """From the plan's own table, as it was worked out when the plan was made."""
    kept = holidays_between(["JP"], NEW_YEAR - timedelta(days=7), NEW_YEAR + timedelta(days=60))
    for day, name in kept.days.items():
        holiday = kept.holiday(day)
        assert holiday is not None and holiday.name == name
        assert holiday_name_in(holiday, "ja") != name, f"{name} has a Japanese name"
    assert kept.holiday(NEW_YEAR + timedelta(days=400)) is None
