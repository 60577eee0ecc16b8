"""Find the dates a person wrote, in any of the reader's languages, and say what each means.

Spans that look like a date are found with patterns made of each language's month and weekday
names (`patterns`, from `mutualplan.mail.lexicon`); only those spans go to `dateparser`
(multilingual and well kept, `words`), never whole lines. Dates written in digits are read here:
which of "12/11"'s numbers is the month is a question dateparser cannot ask back, and a date that
reads two ways is asked about, never guessed. A date without a year is the next such day
(`days`); a date is never in the past.

    __init__.py  a date as read (`DateReading`) and what it means: `find_dates`, `parse_date`
    patterns.py  the patterns that find a date's span, in words and in digits
    words.py     what a date's words say: a number, a weekday, "next"; dateparser's reading
    days.py      the day a date without all its parts comes to: next such day, month's end
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mutualplan import doubts
from mutualplan.mail.dates.days import (
    coming_weekday,
    date_or_none,
    month_end,
    next_day_of_month,
    next_occurrence,
    week_monday,
)
from mutualplan.mail.dates.patterns import (
    APPROXIMATE_AFTER,
    APPROXIMATE_BEFORE,
    BETWEEN_WEEKDAY_AND_DATE,
    CLOSING_BRACKET,
    DATES_IN_DIGITS,
    DAY_AFTER_WEEKDAY,
    OPENING_BRACKET,
    dates_in_words,
)
from mutualplan.mail.dates.words import (
    day_word_number,
    number_in,
    read_with_dateparser,
    says_next,
    weekday_of,
    without_weekday,
)
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.models import Phrase, full_date, phrase

_FAR_DAYS = 300  # a date without a year further off than this is asked about
# What one look for dates reads: an argument, a start line or a sentence names a date or two,
# and dateparser takes about a millisecond a date (a megabyte of "jan 1" took minutes).
MAX_DATE_TEXT = 1_000  # characters
MAX_WORDED_DATES = 4  # dates in words read, the first ones
# why a written date is not one date ({written}: the words as written), said to the person in
# their language by `doubts`
NOT_A_DATE = doubts.NOT_A_DATE
IN_THE_PAST = doubts.IN_THE_PAST
TWO_WAYS = doubts.TWO_WAYS
NEXT_YEAR = doubts.NEXT_YEAR


@dataclass(frozen=True)
class DateReading:
    """One date as written: the day it means, or the days it may mean and why it is not one."""

    start: int
    end: int
    written: str
    when: date | None = None
    options: tuple[date, ...] = ()  # "12/11": 11 December or 12 November
    problem: str = ""  # why this is not one date, with {written} for the words as written
    vague: bool = False  # "next week": a day, but which day is a guess
    weekday: int | None = None  # a weekday alone ("Monday"): a date after it may say which

    @property
    def doubt(self) -> str:
        """Said to the person: "«12/11» reads two ways: ...?"."""
        return self.problem.format(written=f"\u00ab{self.written}\u00bb") if self.problem else ""

    @property
    def said_doubt(self) -> Phrase | None:
        """The doubt as a phrase, to say in the reader's language (None: no doubt, or one
        said in English only)."""
        written = self.written  # the phrases put it in the reader's quotation marks
        if self.problem == NOT_A_DATE:
            return phrase("«{written}» is not a date", written=written)
        if self.problem == IN_THE_PAST:
            return phrase("«{written}» is in the past", written=written)
        if self.problem == TWO_WAYS.format(said=_either(self.options)) and len(self.options) == 2:
            first, second = (full_date(d) for d in self.options)
            return phrase(
                "«{written}» reads two ways: {first} or {second}?",
                written=written,
                first=first,
                second=second,
            )
        if self.options and self.problem == NEXT_YEAR.format(said=spoken(self.options[0])):
            day = full_date(self.options[0])
            return phrase("«{written}» would be {day}, next year", written=written, day=day)
        return None


def spoken(day: date) -> str:
    """'Fri 11 Dec 2026', as an answer names a date."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _either(days: tuple[date, ...]) -> str:
    return " or ".join(spoken(d) for d in days)


def find_dates(text: str, today: date, *, language: str = "") -> list[DateReading]:
    """Every date in the first MAX_DATE_TEXT characters of `text`, in order (of the dates in
    words, the first MAX_WORDED_DATES). `language`: the reply's, for "12/11"."""
    text = text[:MAX_DATE_TEXT]
    low = text.lower()
    if len(low) != len(text):  # a letter whose lowercase is two letters ("İ")
        low = "".join(ch.lower()[:1] or ch for ch in text)
    return [replace(r, written=text[r.start : r.end].strip()) for r in _found(low, today, language)]


def _found(text: str, today: date, language: str) -> list[DateReading]:
    found: list[DateReading] = []
    taken: list[tuple[int, int]] = []
    for match in DATES_IN_DIGITS.finditer(text):
        taken.append(match.span())
        numeric = _numeric(match, today, language)
        if numeric is not None:
            found.append(numeric)
    worded = 0
    for match in dates_in_words().finditer(text):
        if not match.group().strip() or any(
            s < match.end() and match.start() < e for s, e in taken
        ):
            continue
        worded += 1
        if worded > MAX_WORDED_DATES:
            break
        reading = _worded(match, today)
        if reading is not None:
            found.append(reading)
    merged = _weekdays_with_days(sorted(found, key=lambda r: r.start), text, today)
    return [_approximate(_counted_from(r, text), text) for r in merged]


def _counted_from(reading: DateReading, text: str) -> DateReading:
    """A day counted from the date ("a week from Friday", "two weeks from the 18th", "3 days
    from Monday"): that many days after it, the words read with it."""
    if reading.when is None or reading.problem:
        return reading
    counted = _FROM_A_DAY.search(text, max(0, reading.start - _FROM_REACH), reading.start)
    if counted is None:
        return reading
    if counted.group("fortnight"):
        days = 14
    else:
        number = counted.group("number")
        count = int(number) if number.isdigit() else _COUNTS[number]
        days = count * 7 if counted.group("unit").startswith("week") else count
    return replace(reading, start=counted.start(), when=reading.when + timedelta(days=days))


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FROM_REACH = 30  # characters: "three weeks from the "
_FROM_A_DAY = re.compile(
    r"(?:\b(?P<number>a|an|one|two|three|four|\d{1,2})\s+(?P<unit>weeks?|days?)"
    r"|\b(?P<fortnight>a fortnight))\s+from\s+(?:the\s+)?$"
)


def _approximate(reading: DateReading, text: str) -> DateReading:
    """A date said to be about right ("around the 18th", "in a week or two", "月末頃") is a
    guess of a day, asked about like "next week"."""
    if reading.when is None or reading.problem:
        return reading
    before = APPROXIMATE_BEFORE.search(text, max(0, reading.start - 30), reading.start)
    after = APPROXIMATE_AFTER.match(text, reading.end)
    return replace(reading, vague=True) if before or after else reading


def _weekdays_with_days(found: list[DateReading], text: str, today: date) -> list[DateReading]:
    """A weekday with the date after it ("Monday 14.12.", "mon 14th", "lunedì 14") names one
    day, that date, when the weekday is its weekday (else that is asked about), not two."""
    merged: list[DateReading] = []
    index = 0
    while index < len(found):
        reading = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if reading.weekday is None:
            merged.append(_with_weekday_after(reading, following, text, today))
            index += 1 if merged[-1].end > reading.end else 0
        elif following is not None and BETWEEN_WEEKDAY_AND_DATE.fullmatch(
            text, reading.end, following.start
        ):
            merged.append(_on_weekday(following, reading, today))
            index += 1
        else:
            day = DAY_AFTER_WEEKDAY.match(text, reading.end)
            when = next_day_of_month(int(day.group(1)), today) if day else None
            if day is None or when is None:
                merged.append(reading)
            else:
                whole = replace(reading, end=day.end(), when=when, weekday=None)
                merged.append(_on_weekday(whole, reading, today))
        index += 1
    return merged


def _with_weekday_after(
    reading: DateReading, following: DateReading | None, text: str, today: date
) -> DateReading:
    """A date with its weekday after it in brackets ("12/18（金）", "18.12. (Fr)", "Dec 18
    (Fri)"): one day, asked about when the weekday is not its weekday."""
    if following is None or following.weekday is None or reading.when is None:
        return reading
    close = CLOSING_BRACKET.match(text, following.end)
    if close is None or not OPENING_BRACKET.fullmatch(text, reading.end, following.start):
        return reading
    return replace(_on_weekday(reading, following, today), start=reading.start, end=close.end())


def _on_weekday(dated: DateReading, weekday: DateReading, today: date) -> DateReading:
    whole = replace(dated, start=weekday.start)
    fitting = [day for day in dated.options if day.weekday() == weekday.weekday]
    if dated.when is None and len(dated.options) > 1 and len(fitting) == 1:
        # "wed 12/9": 9 December is a Wednesday, 12 September is not
        return replace(whole, when=fitting[0], options=(), problem="")
    if dated.when is None or dated.problem or dated.when.weekday() == weekday.weekday:
        return whole
    day = dated.when
    return replace(
        whole,
        problem=doubts.NOT_THAT_WEEKDAY.format(day=f"{day.day} {day:%B %Y}", weekday=f"{day:%A}"),
    )


def parse_date(text: str, today: date, *, language: str = "") -> date | None:
    """The one date `text` names, or None (none, several, or one read two ways). A date in
    the past is returned: the explicit commands refuse it with the reason."""
    readings = find_dates(text, today, language=language)
    days = {r.when for r in readings}
    unsure = [r for r in readings if r.vague or (r.problem and "past" not in r.problem)]
    if len(days) != 1 or None in days or unsure:
        return None
    return next(iter(days))


# --- dates in digits ---------------------------------------------------------------------------


def _numeric(match: re.Match[str], today: date, language: str) -> DateReading | None:
    def number(name: str) -> int:
        return int(match.group(name))

    if match.group("iso"):
        return _exact(match, date_or_none(number("iy"), number("im"), number("id")), today)
    if match.group("ja"):
        if match.group("jy"):
            return _exact(match, date_or_none(number("jy"), number("jm"), number("jd")), today)
        return _yearless(match, [(number("jm"), number("jd"))], today)
    if match.group("dmy"):
        year = number("y") + (2000 if len(match.group("y")) == 2 else 0)
        orders = _orders(number("a"), number("b"), match.group("sep"), language)
        days = [d for d in (date_or_none(year, m, dd) for m, dd in orders) if d is not None]
        return _choose(match, days, today, exact=True)
    second = match.group("s") or match.group("t") or match.group("u")
    separator = "/" if match.group("s") else "."
    return _yearless(match, _orders(number("c"), int(second), separator, language), today)


def _orders(first: int, second: int, separator: str, language: str) -> list[tuple[int, int]]:
    """(month, day) readings: day first, and month first too where the writer may be American
    (an English reply, or one of unknown language, with slashes or dashes)."""
    day_first = (second, first)
    month_first = (first, second)
    lexicon = PATTERNS.by_code.get(language)
    american = separator != "." and (lexicon is None or lexicon.slash_month_first)
    readings = [day_first, month_first] if american else [day_first]
    if separator != "." and lexicon is not None and not lexicon.slash_day_first:
        readings = [month_first]  # Japanese: "12/15" is always month first
    return [r for r in dict.fromkeys(readings) if 1 <= r[0] <= 12 and 1 <= r[1] <= 31]


def _yearless(
    match: re.Match[str], orders: list[tuple[int, int]], today: date
) -> DateReading | None:
    """A day and month: the next such day. Numbers that are no day and month are no date; of
    two readings, one almost a year away gives way to one that is not."""
    days = [d for d in (next_occurrence(m, dd, today) for m, dd in orders) if d is not None]
    near = [d for d in days if (d - today).days <= _FAR_DAYS]
    # "12/11" written on 1 December: 11 December, not 12 November of next year, which no one
    # moving a step means (and which, read alone, would be asked about as a slip)
    return _choose(match, near or days, today, exact=False) if days else None


def _choose(match: re.Match[str], days: list[date], today: date, *, exact: bool) -> DateReading:
    written = match.group().strip()
    days = sorted(set(days))
    reading = DateReading(start=match.start(), end=match.end(), written=written)
    if not days:
        return replace(reading, problem=NOT_A_DATE)
    if len(days) > 1:
        problem = TWO_WAYS.format(said=_either(tuple(days)))
        return replace(reading, options=tuple(days), problem=problem)
    return _exact(match, days[0], today) if exact else _far(replace(reading, when=days[0]), today)


def _far(reading: DateReading, today: date) -> DateReading:
    """A date without a year that is almost a year away was more likely a slip (a day just
    gone, or the month and day swapped) than a plan: it is asked about."""
    if reading.when is None or (reading.when - today).days <= _FAR_DAYS:
        return reading
    return replace(
        reading,
        options=(reading.when,),
        problem=NEXT_YEAR.format(said=spoken(reading.when)),
    )


def _exact(match: re.Match[str], day: date | None, today: date) -> DateReading:
    written = match.group().strip()
    reading = DateReading(start=match.start(), end=match.end(), written=written)
    if day is None:
        return replace(reading, problem=NOT_A_DATE)
    if day < today:  # kept, so that it can be named back; a doubt is never acted on
        return replace(reading, when=day, problem=IN_THE_PAST)
    return replace(reading, when=day)


# --- dates in words ----------------------------------------------------------------------------


def _worded(match: re.Match[str], today: date) -> DateReading | None:
    written = match.group().strip()
    reading = DateReading(start=match.start(), end=match.end(), written=written)
    kind = match.lastgroup or ""
    if kind == "day_word":
        day = next_day_of_month(day_word_number(written), today)
        return replace(reading, when=day) if day else None
    if kind == "day":
        number = int(re.search(r"\d{1,2}", written).group())  # type: ignore[union-attr]
        day = next_day_of_month(number, today)
        return replace(reading, when=day) if day else None
    if kind == "weekday" and says_next(written):
        return _next_weekday(reading, today)
    if kind == "week_end":  # "end of next week": its last working day
        friday = today + timedelta(days=7 - today.weekday() + 4)
        return replace(reading, when=friday)
    if kind == "weeks_from_today":  # "in two weeks": that day, as "in 3 days" is
        weeks = number_in(written)
        return _far(replace(reading, when=today + timedelta(weeks=weeks)), today) if weeks else None
    if kind == "month_end":  # "the end of the month": its last working day
        return replace(reading, when=month_end(today))
    if kind in ("week_number", "week_number_end"):  # "KW 3": the next week of that number
        monday = week_monday(int(re.findall(r"\d{1,2}", written)[-1]), today)
        if monday is None:
            return None
        if kind == "week_number_end":  # "Ende KW 3": its Friday, as "end of next week"
            return _far(replace(reading, when=monday + timedelta(days=4)), today)
        return replace(reading, when=max(monday, today), vague=True)  # which day of it?
    if kind in ("in_next_week", "after_next"):  # "Wednesday next week", "the Monday after next"
        weekday = weekday_of(written)
        weeks = 2 if kind == "after_next" else 1
        monday = today + timedelta(days=7 * weeks - today.weekday())
        return (
            replace(reading, when=monday + timedelta(days=weekday)) if weekday is not None else None
        )
    parsed = read_with_dateparser(written, today)
    if parsed is None and kind in ("day_month", "month_day"):  # "Freitag, den 18. Dezember"
        parsed = read_with_dateparser(without_weekday(written), today)
    if parsed is None and kind == "weekday":  # "金" of "12/18（金）", which dateparser cannot
        parsed = coming_weekday(weekday_of(written), today)
    if parsed is None:
        return None
    if kind == "weekday":  # "Friday": the coming one; a day of the month after it says which
        return replace(reading, when=parsed, weekday=weekday_of(written))
    if kind == "vague":
        return replace(reading, when=parsed, vague=True)
    mismatch = _weekday_mismatch(written, parsed) if kind in ("day_month", "month_day") else ""
    if mismatch:
        return replace(reading, problem=mismatch)
    if parsed < today:
        return replace(reading, when=parsed, problem=IN_THE_PAST)
    if re.search(r"\d{4}", written):
        return replace(reading, when=parsed)
    return _far(replace(reading, when=parsed), today)


def _next_weekday(reading: DateReading, today: date) -> DateReading | None:
    """'next Friday': the coming one to some, the one after to others."""
    weekday = weekday_of(reading.written)
    if weekday is None:
        return None
    coming = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if weekday == today.weekday():  # "next Tuesday", written on a Tuesday: a week on, to all
        return replace(reading, when=coming)
    days = (coming, coming + timedelta(days=7))
    return replace(reading, options=days, problem=TWO_WAYS.format(said=_either(days)))


def _weekday_mismatch(written: str, day: date) -> str:
    named = weekday_of(written.split()[0].rstrip(",.")) if written.split() else None
    if named is None or named == day.weekday():
        return ""
    return doubts.NOT_THAT_WEEKDAY.format(day=f"{day.day} {day:%B %Y}", weekday=f"{day:%A}")
