"""Words for people, kept in English until each reader's email is written in their language:
a `Phrase` (a catalog message and what fills its slots) and the ways to build one, dates in
phrases, the languages mutualplan writes in, and one-line text (names, titles)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from mutualplan.header_text import one_line

# A name, a deal or a step title: one line, whatever it was read from (an encoded header word can
# hold CR/LF, a line a bidi override). Every page, export, email and log line shows it as one.
OneLine = Annotated[str, AfterValidator(one_line)]


class DateForm(StrEnum):
    """How a phrase shows a date, besides the short 'Fri 11 Dec' and the long `full_date`."""

    SPOKEN = "spoken"  # 'Fri 1 Jan 2027', as an answer names a date back
    DAY = "day"  # '1 January 2027', no weekday
    WEEKDAY = "weekday"  # 'Friday'


class Holiday(BaseModel):
    """A public holiday a phrase names: its name as the plan keeps it (worked out when the plan
    was made, in English where the `holidays` package has one), and the day and calendars that
    say which holiday it is, so that each reader is told its name in their own language
    (`languages.Wording.holiday`), or the kept name where that language has none."""

    name: str
    day: date
    calendars: list[str] = Field(default_factory=list)


class Phrase(BaseModel):
    """Words for people, kept in English until the email to each of them is written in their
    language (`languages.Wording.say`): a catalog message with {slots}, what fills the slots,
    and dates, which each language shows its own way. Build one with `phrase()`."""

    text: str
    plural: str = Field(default="", description="the plural message, when `count` chooses")
    count: int | None = None
    args: dict[str, str] = Field(default_factory=dict)
    dates: dict[str, date] = Field(default_factory=dict)
    long_dates: dict[str, date] = Field(
        default_factory=dict, description="dates shown with their year (`full_date`)"
    )
    forms: dict[str, DateForm] = Field(
        default_factory=dict, description="how a date in `dates` is shown, when not the short way"
    )
    parts: dict[str, Phrase] = Field(default_factory=dict, description="phrases in the slots")
    countries: dict[str, str] = Field(
        default_factory=dict,
        description="ISO 3166 country codes, said as the country's name in each language",
    )
    holidays: dict[str, Holiday] = Field(
        default_factory=dict, description="public holidays, said by their name in each language"
    )
    own: dict[str, str] = Field(
        default_factory=dict,
        description="a text its template gives in each language (a step's title), said as it "
        "is in the reader's, else `text`: no catalog message (`step_title`)",
    )

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """As JSON, only what is set: phrases ride in every email and line of history."""
        data = handler(self)
        if info.mode_is_json() and isinstance(data, dict):
            return {k: v for k, v in data.items() if k == "text" or v not in ("", None, {})}
        return data

    @property
    def filled(self) -> bool:
        """Whether it has slots to fill (else braces in it are text)."""
        return bool(
            self.args
            or self.dates
            or self.long_dates
            or self.parts
            or self.countries
            or self.holidays
        )

    def english(self) -> str:
        text = self.plural if self.plural and self.count != 1 else self.text
        if not self.filled:
            return text  # a word kept as it is (`term`), braces and all
        dates = {k: english_date(v, self.forms.get(k)) for k, v in self.dates.items()}
        dates |= {k: f"{v:%a %d %b %Y}" for k, v in self.long_dates.items()}
        values = {**self.args, **dates, **{k: v.english() for k, v in self.parts.items()}}
        values |= {k: country_name(v, "en") for k, v in self.countries.items()}
        values |= {k: v.name for k, v in self.holidays.items()}
        try:
            return one_full_stop(text, values).format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.english()


# a {slot} or %(slot)s followed by a full stop; and what ends a sentence already ("Dez.",
# "déc.", "Done!", "完了。")
_SLOT_THEN_STOP = re.compile(r"(\{(\w+)\}|%\((\w+)\)[sd])([.。])")
_ENDS_A_SENTENCE = (".", "。", "!", "?", "！", "？", "…")


def one_full_stop(text: str, values: Mapping[str, object]) -> str:
    """`text` without the full stop after a slot whose value already ends a sentence, so that
    a sentence ending on an abbreviated date ("Neue Termine: {dates}." with "Fr., 11. Dez.") or
    on a person's own "legal review." gets one stop, not two: for {slots} and %(slots)s."""

    def stop_once(match: re.Match[str]) -> str:
        value = values.get(match[2] or match[3])
        ends = value is not None and str(value).rstrip().endswith(_ENDS_A_SENTENCE)
        return match[1] if ends else match[0]

    return _SLOT_THEN_STOP.sub(stop_once, text)


def english_date(value: date, form: DateForm | None = None) -> str:
    """A date as the English text shows it: 'Fri 11 Dec' unless `form` says otherwise."""
    match form:
        case DateForm.SPOKEN:
            return f"{value:%a} {value.day} {value:%b %Y}"
        case DateForm.DAY:
            return f"{value.day} {value:%B %Y}"
        case DateForm.WEEKDAY:
            return f"{value:%A}"
    return f"{value:%a %d %b}"


def country_name(code: str, language: str) -> str:
    """A country as `language` names it (CLDR, through Babel): 'DE' -> 'Germany', 'Deutschland';
    the code itself where CLDR has no name for it."""
    from babel import Locale  # CLDR's data loads on first use, not with every import of models

    return str(Locale.parse(language).territories.get(code.upper(), code))


def spoken_date(value: date) -> Phrase:
    """A date as an answer names it back: 'Fri 1 Jan 2027', 'Fr., 1. Jan. 2027'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.SPOKEN})


def day_of_year(value: date) -> Phrase:
    """A date without its weekday: '1 January 2027', '1. Januar 2027'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.DAY})


def weekday_of(value: date) -> Phrase:
    """The date's weekday: 'Friday', 'Freitag'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.WEEKDAY})


def phrase(text: str, /, **args: str | int | date | Phrase | Holiday) -> Phrase:
    """A phrase to say in each reader's language; `text` is its catalog message (extracted by
    `mutualplan.catalogs`, which looks for calls of this function)."""
    return Phrase(text=text, **_slots(args))


def plural_phrase(
    singular: str, plural: str, count: int, /, **args: str | int | date | Phrase | Holiday
) -> Phrase:
    """A phrase with a singular and a plural form; {count} is the number that chooses."""
    return Phrase(text=singular, plural=plural, count=count, **_slots({"count": count, **args}))


def term(word: str) -> Phrase:
    """A word the engine keeps in English in its models (a role, a check-in answer), said in
    the reader's language where the catalog has it (languages.TERMS lists them)."""
    return Phrase(text=word)


def full_date(value: date) -> Phrase:
    """A date with its year, as each language writes it: 'Fri 11 Dec 2026', 'Fr., 11. Dez.
    2026' (a phrase's other dates leave the year out)."""
    return Phrase(text="{date}", long_dates={"date": value})


def day_and_time(moment: datetime) -> Phrase:
    """A day and a time of day (as the moment's own zone has it): 'Tue 23 Dec 10:00',
    'Di., 23. Dez., 10:00'."""
    clock = f"{moment:%H:%M}"
    return phrase("{day} {time}", day=moment.date(), time=clock)


def joined(phrases: list[Phrase], separator: str | Phrase = " ") -> Phrase:
    """Several phrases as one, each said in the reader's language; the joint is `separator`,
    as it is, or a phrase (`CLAUSES`: "; ", French " ; ") each language writes its own way."""
    slots: dict[str, Phrase] = {f"p{n}": p for n, p in enumerate(phrases)}
    if isinstance(separator, Phrase):
        joint, slots = "{joint}", {**slots, "joint": separator}
    else:
        joint = separator.replace("{", "{{").replace("}", "}}")
    text = joint.join(f"{{{k}}}" for k in slots if k != "joint")
    return Phrase(text=text, parts=slots)


def _slots(args: dict[str, str | int | date | Phrase | Holiday]) -> dict[str, dict[str, Any]]:
    return {
        "args": {k: str(v) for k, v in args.items() if isinstance(v, str | int)},
        "dates": {k: v for k, v in args.items() if isinstance(v, date)},
        "parts": {k: v for k, v in args.items() if isinstance(v, Phrase)},
        "holidays": {k: v for k, v in args.items() if isinstance(v, Holiday)},
    }


# Translators: what separates the clauses of a list of changes ("Kim Lee joined; calls now
# Wednesdays", "New dates: Kickoff: 3 Dec -> 5 Dec; Pilot: ..."), a space after it if the
# language writes one
CLAUSES = phrase("; ")


# the languages with complete catalogs (languages.py keeps their words), by their English names
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "nl": "Dutch",
    "pt": "Portuguese",
    "it": "Italian",
    "ja": "Japanese",
}
