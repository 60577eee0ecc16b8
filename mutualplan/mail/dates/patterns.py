"""The patterns that find a date in text: made of each language's month, weekday and relative
day words (`mutualplan.mail.lexicon`), and the shapes of dates in digits. They find the spans;
what a span means is read in `mutualplan.mail.dates`."""

from __future__ import annotations

import re
from functools import cache

from mutualplan.mail.lexicon import LEXICONS, PATTERNS, whole_in

_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|\.)?"
_YEAR = r"(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?"


def _alternation(part: str) -> str:
    return PATTERNS.alternation(part)


# a number in digits or in one of the languages' words: "in 2 weeks", "in two weeks"
_NUMBER = "\\d{1,2}|" + "|".join(n for lexicon in LEXICONS for n in lexicon.numbers)


def _numbered(part: str, number: str) -> str:
    """The languages' `part`, its "{n}" standing for `number`."""
    return whole_in(
        (tuple(f.replace("{n}", f"(?:{number})") for f in lexicon.words(part)), lexicon.spaced)
        for lexicon in LEXICONS
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
        rf"(?:{weekday}),?\s+(?:of\s+|de\s+la\s+|de\s+|della\s+|da\s+)?(?:{week})"
        rf"|(?:{week}),?\s*(?:on\s+|am\s+|le\s+|el\s+|il\s+|op\s+|na\s+)?(?:{weekday})"
    )
    after = _alternation("after_next")
    after_next = rf"(?:{weekday})\s+(?:{after})|(?:{after})\s*(?:{weekday})"
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
                f"(?P<after_next>{after_next})",
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


# "the eighteenth" closes its clause or a request, not a noun phrase ("the fourth workshop")
_DAY_WORD_ENDS = r"(?=\s*(?:$|[^\w\s-]|(?:please|pls|instead|then|if|or|and|at|works|would)\b))"


def _day_words_pattern() -> str:
    words = [w for lexicon in LEXICONS for w in lexicon.day_words if w]
    if not words:
        return r"(?!x)x"
    return rf"\bthe\s+(?:{'|'.join(sorted(words, key=len, reverse=True))})\b{_DAY_WORD_ENDS}"


DATES_IN_DIGITS = re.compile(
    r"(?P<iso>(?<![\d.])(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))"
    r"|(?P<ja>(?:(?P<jy>\d{4})年)?(?P<jm>\d{1,2})月(?P<jd>\d{1,2})日)"
    # day and month (or month and day) with a year: "15/01/2027", "11.12.26"
    r"|(?P<dmy>(?<![\d.,/])(?<!\d:)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?![\d/]))"
    # and without one: "12/11", "11.12.", "11.12" (not "2.5", nor "10.30 Uhr")
    r"|(?P<dm>(?<![\d.,/])(?<!\d:)(?P<c>\d{1,2})(?:/(?P<s>\d{1,2})(?![\d/])"
    r"|\.(?P<t>\d{1,2})\.(?!\d)|\.(?P<u>\d{2})(?![\d.]))(?!\s*(?:uhr|h\b|am\b|pm\b)))"
)


@cache
def dates_in_words() -> re.Pattern[str]:
    """Dates in words, each kind its named group; compiled on the first use (it is large)."""
    return _word_pattern()


# a date said to be about right: "around the 18th", "in a week or two", "月末頃"
_APPROXIMATE = PATTERNS.alternation("approximate")
APPROXIMATE_BEFORE = re.compile(rf"(?:{_APPROXIMATE})[\s,.]*(?:(?:the|le|la|el|il|de|den)\s+)?$")
APPROXIMATE_AFTER = re.compile(rf"\s*-?(?:{_APPROXIMATE})")


# a day of the month right after a weekday: "Monday 14", "lunedì 14", "Wed the 9th" (not a time,
# nor "Friday, 2 days later")
DAY_AFTER_WEEKDAY = re.compile(
    r"\.?\s+(?:the\s+|le\s+|den\s+|dem\s+|el\s+|il\s+|der\s+|op\s+|de\s+)?(\d{1,2})"
    r"(?:st|nd|rd|th|er|e|º|°)?\.?(?![\d/:]|\.\d|\s*(?:am|pm|h|uhr|hrs?|o'clock)\b)"
)
# what may stand between a weekday and the date after it: "Monday, the 14th"
BETWEEN_WEEKDAY_AND_DATE = re.compile(
    r"[\s.,]*(?:(?:the|le|den|dem|el|il|der|op|de|am|on|dia|día|o dia|il giorno)\s+)?"
)
# a date's weekday after it, in brackets: "12/18（金）", "18.12. (Fr)", "Dec 18 (Fri)"
OPENING_BRACKET = re.compile(r"\s*[(\uff08]\s*")
CLOSING_BRACKET = re.compile(r"\.?\s*[)\uff09]")
