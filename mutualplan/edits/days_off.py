"""Pure: a date someone sets that falls on a day off, said plainly. The date is taken as asked
(they may mean it: a go-live over a quiet weekend, a review on a holiday), and whoever reads of
the change is told what day it is: "The new date, 10 January 2027, is a Sunday.", "... is New
Year's Day in Germany." Only what the plan keeps is read (its weekend and the holidays worked
out when it was made, `models.PublicHolidays`): the workflow computes no holiday itself. The
holiday rides in the phrase by its kept name, day and calendars, and is named in each reader's
language ("Neujahr", "元日") only when their email is written."""

from __future__ import annotations

from datetime import date
from typing import Literal

from mutualplan.models import DateForm, Holiday, Phrase, Plan, phrase

What = Literal["date", "go-live"]


def day_off(plan: Plan, day: date, what: What = "date") -> Phrase | None:
    """What to say of `day` as the new due date (or go-live) of `plan`; None on a working day."""
    holiday = plan.holidays.holiday(day)
    if holiday is not None:
        return _holiday(plan, holiday, what)
    if day.weekday() in plan.holidays.weekend:
        said = _WEEKEND[what]
        return _with_forms(said.model_copy(update={"dates": {"date": day, "weekday": day}}))
    return None


def _holiday(plan: Plan, holiday: Holiday, what: What) -> Phrase:
    countries = sorted({code.split("-", 1)[0].upper() for code in plan.holidays.calendars})
    named = {"holidays": {"holiday": holiday}, "dates": {"date": holiday.day}}
    if len(countries) == 1:  # "in Germany": the country's name in the reader's language
        said = _HOLIDAY_IN[what].model_copy(
            update={**named, "countries": {"country": countries[0]}}
        )
    else:  # several countries' calendars: which one has the day is not kept, so name them all
        calendars = ", ".join(plan.holidays.calendars)
        said = _HOLIDAY_OF[what].model_copy(update={**named, "args": {"calendars": calendars}})
    return _with_forms(said)


def _with_forms(said: Phrase) -> Phrase:
    forms = {"date": DateForm.DAY} | (
        {"weekday": DateForm.WEEKDAY} if "weekday" in said.dates else {}
    )
    return said.model_copy(update={"forms": forms})


# the messages, by what the date is for; their slots are filled above
_WEEKEND = {
    "date": phrase("The new date, {date}, is a {weekday}."),
    "go-live": phrase("The new go-live, {date}, is a {weekday}."),
}
_HOLIDAY_IN = {
    "date": phrase("The new date, {date}, is {holiday} in {country}."),
    "go-live": phrase("The new go-live, {date}, is {holiday} in {country}."),
}
_HOLIDAY_OF = {
    "date": phrase("The new date, {date}, is a public holiday: {holiday} ({calendars})."),
    "go-live": phrase("The new go-live, {date}, is a public holiday: {holiday} ({calendars})."),
}
