"""Find the dates a person wrote, in any of the reader's languages, and say what each means.

Spans that look like a date are found with patterns made of each language's month and weekday
names (`mutualplan.mail.lexicon`); only those spans go to `dateparser` (multilingual and well
kept), never whole lines. Dates written in digits are read here: which of "12/11"'s numbers is
the month is a question dateparser cannot ask back, and a date that reads two ways is asked
about, never guessed. A date without a year is the next such day; a date is never in the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from mutualplan import doubts
from mutualplan.mail.lexicon import LEXICONS, PATTERNS, Lexicon, whole
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
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|\.)?"
_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?"


def _alternation(part: str) -> str:
    return PATTERNS.alternation(part)


# a number in digits or in one of the languages' words: "in 2 weeks", "in two weeks"
_NUMBER = "\\d{1,2}|" + "|".join(n for lexicon in LEXICONS for n in lexicon.numbers)


def _numbered(part: str, number: str) -> str:
    """The languages' `part`, its "{n}" standing for `number`."""
    return (
        "|".join(
            whole(
                tuple(f.replace("{n}", f"(?:{number})") for f in lexicon.words(part)),
                spaced=lexicon.spaced,
            )
            for lexicon in LEXICONS
            if lexicon.words(part)
        )
        or r"(?!x)x"
    )


def _word_pattern() -> re.Pattern[str]:
    month, weekday = _alternation("months"), _alternation("weekdays")
    nxt = _alternation("next_weekday")
    lead = rf"(?:(?:{weekday})\.?,?\s+(?:the\s+|le\s+|den\s+|el\s+|il\s+)?)?"
    day_month = rf"{lead}\d{{1,2}}{_DAY_SUFFIX}(?:\s+(?:de|of|di))?\s+(?:{month})\.?{_YEAR}"
    month_day = rf"{lead}(?:{month})\.?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?!\d){_YEAR}"
    week = _alternation("next_week")
    week_end = rf"(?:{_alternation('week_end')})\s*(?:{week})"
    in_next_week = (
        rf"(?:{weekday}),?\s+(?:of\s+|de\s+la\s+|della\s+|da\s+)?(?:{week})"
        rf"|(?:{week})\s*(?:on\s+|am\s+|le\s+|el\s+|il\s+|op\s+|na\s+)?(?:{weekday})"
    )
    weekday_alone = rf"(?:(?:{nxt})\s+)?(?:{weekday})(?:\s+(?:{nxt})(?!\s+(?:{week})))?"
    week_number = _numbered("week_numbers", r"\d{1,2}")
    return re.compile(
        "|".join(
            [
                f"(?P<day_month>{day_month})",
                f"(?P<month_day>{month_day})",
                f"(?P<weeks_from_today>{_numbered('weeks_from_today', _NUMBER)})",
                f"(?P<month_end>{_alternation('month_end')})",
                rf"(?P<week_number_end>(?:{_alternation('week_end')})\s*(?:{week_number}))",
                f"(?P<week_number>{week_number})",
                f"(?P<week_end>{week_end})",
                f"(?P<in_next_week>{in_next_week})",
                rf"(?P<vague>{_alternation('vague_days')})",
                rf"(?P<relative>{_alternation('relative_days')})",
                f"(?P<weekday>{weekday_alone})",
                rf"(?P<day_word>{_day_words_pattern()})",
                # "the 18th", but not "den 15." of "den 15. Januar", which is read whole
                rf"(?P<day>(?:{_alternation('day_only')})(?!\s*(?:de\s+|of\s+|di\s+)?(?:{month})))",
            ]
        )
    )


_NUMERIC = re.compile(
    r"(?P<iso>(?<![\d.])(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))"
    r"|(?P<ja>(?:(?P<jy>\d{4})年)?(?P<jm>\d{1,2})月(?P<jd>\d{1,2})日)"
    # day and month (or month and day) with a year: "15/01/2027", "11.12.26"
    r"|(?P<dmy>(?<![\d.,/])(?<!\d:)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?![\d/]))"
    # and without one: "12/11", "11.12.", "11.12" (not "2.5", nor "10.30 Uhr")
    r"|(?P<dm>(?<![\d.,/])(?<!\d:)(?P<c>\d{1,2})(?:/(?P<s>\d{1,2})(?![\d/])"
    r"|\.(?P<t>\d{1,2})\.(?!\d)|\.(?P<u>\d{2})(?![\d.]))(?!\s*(?:uhr|h\b|am\b|pm\b)))"
)


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
    for match in _NUMERIC.finditer(text):
        taken.append(match.span())
        numeric = _numeric(match, today, language)
        if numeric is not None:
            found.append(numeric)
    worded = 0
    for match in _words().finditer(text):
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
    return [_approximate(r, text) for r in merged]


_APPROXIMATE = PATTERNS.alternation("approximate")
_APPROXIMATE_BEFORE = re.compile(rf"(?:{_APPROXIMATE})[\s,.]*(?:(?:the|le|la|el|il|de|den)\s+)?$")
_APPROXIMATE_AFTER = re.compile(rf"\s*-?(?:{_APPROXIMATE})")


def _approximate(reading: DateReading, text: str) -> DateReading:
    """A date said to be about right ("around the 18th", "in a week or two", "月末頃") is a
    guess of a day, asked about like "next week"."""
    if reading.when is None or reading.problem:
        return reading
    before = _APPROXIMATE_BEFORE.search(text, max(0, reading.start - 30), reading.start)
    after = _APPROXIMATE_AFTER.match(text, reading.end)
    return replace(reading, vague=True) if before or after else reading


# a day of the month right after a weekday: "Monday 14", "lunedì 14", "Wed the 9th" (not a time,
# nor "Friday, 2 days later")
_DAY_AFTER_WEEKDAY = re.compile(
    r"\.?\s+(?:the\s+|le\s+|den\s+|dem\s+|el\s+|il\s+|der\s+|op\s+|de\s+)?(\d{1,2})"
    r"(?:st|nd|rd|th|er|e|º|°)?\.?(?![\d/:]|\.\d|\s*(?:am|pm|h|uhr|hrs?|o'clock)\b)"
)
_BETWEEN_WEEKDAY_AND_DATE = re.compile(r"[\s.,]*(?:(?:the|le|den|dem|el|il|der|op|de|am|on)\s+)?")


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
        elif following is not None and _BETWEEN_WEEKDAY_AND_DATE.fullmatch(
            text, reading.end, following.start
        ):
            merged.append(_on_weekday(following, reading, today))
            index += 1
        else:
            day = _DAY_AFTER_WEEKDAY.match(text, reading.end)
            when = _next_day_of_month(int(day.group(1)), today) if day else None
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
    close = _CLOSING_BRACKET.match(text, following.end)
    if close is None or not _OPENING_BRACKET.fullmatch(text, reading.end, following.start):
        return reading
    return replace(_on_weekday(reading, following, today), start=reading.start, end=close.end())


_OPENING_BRACKET = re.compile(r"\s*[(\uff08]\s*")
_CLOSING_BRACKET = re.compile(r"\.?\s*[)\uff09]")


def _on_weekday(dated: DateReading, weekday: DateReading, today: date) -> DateReading:
    whole = replace(dated, start=weekday.start)
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
        return _exact(match, _day(number("iy"), number("im"), number("id")), today)
    if match.group("ja"):
        if match.group("jy"):
            return _exact(match, _day(number("jy"), number("jm"), number("jd")), today)
        return _yearless(match, [(number("jm"), number("jd"))], today)
    if match.group("dmy"):
        year = number("y") + (2000 if len(match.group("y")) == 2 else 0)
        orders = _orders(number("a"), number("b"), match.group("sep"), language)
        days = [d for d in (_day(year, m, dd) for m, dd in orders) if d is not None]
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
    """A day and month: the next such day. Numbers that are no day and month are no date."""
    days = [d for d in (_next_occurrence(m, dd, today) for m, dd in orders) if d is not None]
    return _choose(match, days, today, exact=False) if days else None


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


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(month: int, day: int, today: date) -> date | None:
    for year in (today.year, today.year + 1, today.year + 4):  # 29 February waits for a leap year
        found = _day(year, month, day)
        if found is not None and found >= today:
            return found
    return None


# --- dates in words ----------------------------------------------------------------------------


@cache
def _words() -> re.Pattern[str]:
    return _word_pattern()


def _worded(match: re.Match[str], today: date) -> DateReading | None:
    written = match.group().strip()
    reading = DateReading(start=match.start(), end=match.end(), written=written)
    kind = match.lastgroup or ""
    if kind == "day_word":
        day = _next_day_of_month(_day_word_number(written), today)
        return replace(reading, when=day) if day else None
    if kind == "day":
        number = int(re.search(r"\d{1,2}", written).group())  # type: ignore[union-attr]
        day = _next_day_of_month(number, today)
        return replace(reading, when=day) if day else None
    if kind == "weekday" and _next_word(written):
        return _next_weekday(reading, today)
    if kind == "week_end":  # "end of next week": its last working day
        friday = today + timedelta(days=7 - today.weekday() + 4)
        return replace(reading, when=friday)
    if kind == "weeks_from_today":  # "in two weeks": that day, as "in 3 days" is
        weeks = _number_in(written)
        return _far(replace(reading, when=today + timedelta(weeks=weeks)), today) if weeks else None
    if kind == "month_end":  # "the end of the month": its last working day
        return replace(reading, when=_month_end(today))
    if kind in ("week_number", "week_number_end"):  # "KW 3": the next week of that number
        monday = _week_monday(int(re.findall(r"\d{1,2}", written)[-1]), today)
        if monday is None:
            return None
        if kind == "week_number_end":  # "Ende KW 3": its Friday, as "end of next week"
            return _far(replace(reading, when=monday + timedelta(days=4)), today)
        return replace(reading, when=max(monday, today), vague=True)  # which day of it?
    if kind == "in_next_week":
        weekday = _weekday_of(written)
        monday = today + timedelta(days=7 - today.weekday())
        return (
            replace(reading, when=monday + timedelta(days=weekday)) if weekday is not None else None
        )
    parsed = _dateparser(written, today)
    if parsed is None and kind in ("day_month", "month_day"):  # "Freitag, den 18. Dezember"
        parsed = _dateparser(_weekday_lead().sub("", written, count=1), today)
    if parsed is None and kind == "weekday":  # "金" of "12/18（金）", which dateparser cannot
        parsed = _coming(_weekday_of(written), today)
    if parsed is None:
        return None
    if kind == "weekday":  # "Friday": the coming one; a day of the month after it says which
        return replace(reading, when=parsed, weekday=_weekday_of(written))
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


def _number_in(written: str) -> int:
    """The number in "in two weeks", "in 2 Wochen", "二週間後" (0: none)."""
    digits = re.search(r"\d{1,2}", written)
    if digits:
        return int(digits.group())
    for lexicon in LEXICONS:
        said = [
            n
            for n, fragment in enumerate(lexicon.numbers, start=1)
            for words in lexicon.weeks_from_today
            if re.fullmatch(
                whole((words.replace("{n}", f"(?:{fragment})"),), spaced=lexicon.spaced), written
            )
        ]
        if said:
            return said[0]
    return 0


def _month_end(today: date) -> date:
    """This month's last working day (Monday to Friday), or next month's once it is gone."""
    first_of_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = first_of_next - timedelta(days=1)
    while last.weekday() > 4:
        last -= timedelta(days=1)
    return last if last >= today else _month_end(first_of_next)


def _week_monday(number: int, today: date) -> date | None:
    """The Monday of the coming ISO week `number` (this year's, or else next year's)."""
    for year in (today.isocalendar().year, today.isocalendar().year + 1):
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:  # no week 53 that year
            continue
        if monday + timedelta(days=4) >= today:
            return monday
    return None


def _next_day_of_month(number: int, today: date) -> date | None:
    month, year = today.month, today.year
    for _ in range(3):
        found = _day(year, month, number)
        if found is not None and found >= today:
            return found
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def _next_word(written: str) -> bool:
    return bool(re.search(_alternation("next_weekday"), written))


def _next_weekday(reading: DateReading, today: date) -> DateReading | None:
    """'next Friday': the coming one to some, the one after to others."""
    weekday = _weekday_of(reading.written)
    if weekday is None:
        return None
    coming = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if weekday == today.weekday():  # "next Tuesday", written on a Tuesday: a week on, to all
        return replace(reading, when=coming)
    days = (coming, coming + timedelta(days=7))
    return replace(reading, options=days, problem=TWO_WAYS.format(said=_either(days)))


# "the eighteenth" closes its clause or a request, not a noun phrase ("the fourth workshop")
_DAY_WORD_ENDS = r"(?=\s*(?:$|[^\w\s-]|(?:please|pls|instead|then|if|or|and|at|works|would)\b))"


def _day_words_pattern() -> str:
    words = [w for lexicon in LEXICONS for w in lexicon.day_words if w]
    if not words:
        return r"(?!x)x"
    return rf"\bthe\s+(?:{'|'.join(sorted(words, key=len, reverse=True))})\b{_DAY_WORD_ENDS}"


def _day_word_number(written: str) -> int:
    for lexicon in LEXICONS:
        for number, word in enumerate(lexicon.day_words, start=1):
            if word and re.search(rf"\b(?:{word})$", written):
                return number
    return 0


@cache
def _weekday_lead() -> re.Pattern[str]:
    """The weekday before a date, with its comma and article: "freitag, den " (its mismatch
    with the date is checked apart)."""
    articles = r"(?:the|le|den|dem|der|el|il|de)\s+"
    return re.compile(rf"^(?:{_alternation('weekdays')})\.?,?\s+(?:{articles})?")


def _coming(weekday: int | None, today: date) -> date | None:
    if weekday is None:
        return None
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _weekday_of(written: str) -> int | None:
    return next((n for n, pattern in _weekdays() if pattern.search(written)), None)


@cache
def _weekdays() -> list[tuple[int, re.Pattern[str]]]:
    return [
        (number, re.compile(_whole(fragment, lexicon)))
        for lexicon in LEXICONS
        for number, fragment in enumerate(lexicon.weekdays)
    ]


def _weekday_mismatch(written: str, day: date) -> str:
    named = _weekday_of(written.split()[0].rstrip(",.")) if written.split() else None
    if named is None or named == day.weekday():
        return ""
    return doubts.NOT_THAT_WEEKDAY.format(day=f"{day.day} {day:%B %Y}", weekday=f"{day:%A}")


def _whole(fragment: str, lexicon: Lexicon) -> str:
    return rf"(?<![\w'])(?:{fragment})(?![\w])" if lexicon.spaced else f"(?:{fragment})"


def _languages_of(written: str) -> list[str]:
    """The languages whose month, weekday or day words `written` uses: dateparser reads it in
    those (trying all of its languages is slow and finds dates in ordinary words)."""
    return [code for code, pattern in _day_words() if pattern.search(written)] or ["en"]


@cache
def _day_words() -> list[tuple[str, re.Pattern[str]]]:
    def words(lexicon: Lexicon) -> tuple[str, ...]:
        return lexicon.months + lexicon.weekdays + lexicon.relative_days + lexicon.vague_days

    return [
        (lexicon.code, re.compile("|".join(_whole(p, lexicon) for p in words(lexicon))))
        for lexicon in LEXICONS
    ]


def _dateparser(written: str, today: date) -> date | None:
    import dateparser  # loaded once, on the first date in words (it takes a while)

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    text = re.sub(r"(曜)(?!日)", r"\1日", written)  # 金曜 -> 金曜日, which dateparser knows
    try:
        parsed = dateparser.parse(text, languages=_languages_of(written), settings=settings)
    except Exception:  # dateparser on an odd span is no reason to fail a reply
        return None
    return parsed.date() if parsed is not None else None
