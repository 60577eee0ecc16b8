"""What a reply reader doubted, said in the reader's language. Pure.

The readers (`mail.dates`, `mail.natural`, `mail.commands`) write their doubts in English, with
the person's own words in «»: it is what `Understanding.doubts`, the logs and a question kept
on a plan carry. An answer to the person says the doubt in their language: `said_doubt` knows
each form the readers write and gives it back as a phrase, its dates and words in their slots.
A doubt of another form is said as it is, in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from mutualplan.models import Intent, Phrase, day_of_year, phrase, spoken_date, weekday_of

# the doubts the readers write; {written}: the person's words, in «» (doubled braces: a slot
# filled later than the others)
NOT_A_DATE = "{written} is not a date"
IN_THE_PAST = "{written} is in the past"
TWO_WAYS = "{{written}} reads two ways: {said}?"
NEXT_YEAR = "{{written}} would be {said}, next year"
NOT_THAT_WEEKDAY = "{{written}}: {day} is a {weekday}"
NO_DATE_IN = "I could not read a date in {written}"
NO_ADDRESS = "{written} has no email address"
ALSO_READS = "it also reads as {intent}"
WHICH_DAY = "{written}: {said}?"

# the words inside «»: the phrases put them in the quotation marks of the reader's language
_WRITTEN = r"\u00ab(?P<written>[^\u00bb]*)\u00bb"
_SPOKEN = "%a %d %b %Y"  # 'Fri 1 Jan 2027', as `mail.dates.spoken` writes a date


def _form(template: str, **groups: str) -> re.Pattern[str]:
    """A doubt's pattern from the text its reader formats: {written} and its other slots."""
    pattern = re.escape(template.replace("{{", "{").replace("}}", "}"))
    for name, group in {"written": _WRITTEN, **groups}.items():
        pattern = pattern.replace(re.escape("{" + name + "}"), group)
    return re.compile(pattern + r"\Z")


def _spoken(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), _SPOKEN).date()
    except ValueError:
        return None


def either(items: list[Phrase | str]) -> Phrase | str:
    """'A or B', 'A or B or C', each said in the reader's language."""
    if len(items) < 2:
        return items[0] if items else ""
    return phrase("{some} or {last}", some=either(items[:-1]), last=items[-1])


def _days(said: str) -> list[date] | None:
    """The dates of 'Fri 11 Dec 2026 or Sat 12 Dec 2026', or None if one does not read."""
    days = [_spoken(d) for d in said.split(" or ")]
    return [d for d in days if d is not None] if all(days) else None


def _two_ways(match: re.Match[str]) -> Phrase | None:
    days = _days(match["said"])
    if days is None or len(days) != 2:
        return None
    first, second = (spoken_date(d) for d in days)
    return phrase(
        "«{written}» reads two ways: {first} or {second}?",
        written=match["written"],
        first=first,
        second=second,
    )


def _next_year(match: re.Match[str]) -> Phrase | None:
    day = _spoken(match["said"])
    if day is None:
        return None
    return phrase(
        "«{written}» would be {day}, next year", written=match["written"], day=spoken_date(day)
    )


def _not_that_weekday(match: re.Match[str]) -> Phrase | None:
    try:
        day = datetime.strptime(match["day"], "%d %B %Y").date()
    except ValueError:
        return None
    return phrase(
        "«{written}»: {date} is a {weekday}",
        written=match["written"],
        date=day_of_year(day),
        weekday=weekday_of(day),
    )


def _which_day(match: re.Match[str]) -> Phrase | None:
    days = _days(match["said"])
    if not days:
        return None
    return phrase(
        "«{written}»: {days}?",
        written=match["written"],
        days=either([spoken_date(d) for d in days]),
    )


# the intents a reading is named by in an answer ("it also reads as blocked"), in each language;
# the others are the engine's command words (confirm, status, resume), which stay English
INTENT_WORDS: dict[Intent, Phrase] = {
    Intent.DONE: phrase("done"),
    Intent.BLOCKED: phrase("blocked"),
    Intent.NOTE: phrase("note"),
    Intent.RESCHEDULE: phrase("reschedule"),
    Intent.REASSIGN: phrase("reassign"),
}


def intent_word(intent: Intent | str) -> Phrase | str:
    """An intent named in an answer: in the reader's language, or its command word."""
    try:
        return INTENT_WORDS.get(Intent(intent), str(intent))
    except ValueError:
        return str(intent)


def _also(match: re.Match[str]) -> Phrase | None:
    return phrase("it also reads as {what}", what=intent_word(match["intent"]))


_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Phrase | None]]] = [
    (_form(NOT_A_DATE), lambda m: phrase("«{written}» is not a date", written=m["written"])),
    (_form(IN_THE_PAST), lambda m: phrase("«{written}» is in the past", written=m["written"])),
    (_form(TWO_WAYS, said="(?P<said>.+)"), _two_ways),
    (_form(NEXT_YEAR, said="(?P<said>.+)"), _next_year),
    (_form(NOT_THAT_WEEKDAY, day=r"(?P<day>\d{1,2} \w+ \d{4})", weekday=r"\w+"), _not_that_weekday),
    (
        _form(NO_DATE_IN),
        lambda m: phrase("I could not read a date in «{written}»", written=m["written"]),
    ),
    (_form(NO_ADDRESS), lambda m: phrase("«{written}» has no email address", written=m["written"])),
    (_form(ALSO_READS, intent=r"(?P<intent>[\w-]+)"), _also),
    (_form(WHICH_DAY, said="(?P<said>.+)"), _which_day),
]


def said_doubt(doubt: str) -> Phrase | str:
    """The doubt as a phrase to say in the reader's language; `doubt` itself if its form is not
    one the readers write."""
    for pattern, said in _FORMS:
        if (match := pattern.match(doubt)) is not None and (found := said(match)) is not None:
            return found
    return doubt
