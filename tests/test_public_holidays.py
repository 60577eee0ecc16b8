"""Holiday calendar codes as people write them, and the holidays a plan keeps (fixed dates: the
holidays of a given year do not depend on when the test runs)."""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.errors import UnknownHolidayCalendar
from mutualplan.public_holidays import holidays_between, read_calendar_codes


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
