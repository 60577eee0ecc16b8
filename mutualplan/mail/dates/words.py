"""What the words of a date say: the number in "in two weeks" or "the eighteenth", the weekday
a word names, the date without its weekday, the languages a span is written in, and what
`dateparser` (multilingual and well kept) reads in a span of month, weekday and day words."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from mutualplan.mail.lexicon import LEXICONS, PATTERNS, Lexicon


def number_in(written: str) -> int:
    """The number in "in two weeks", "in 2 Wochen", "二週間後" (0: none)."""
    digits = re.search(r"\d{1,2}", written)
    if digits:
        return int(digits.group())
    for lexicon in LEXICONS:  # the whole of `written`: no guard of whole words needed
        said = [
            n
            for n, fragment in enumerate(lexicon.numbers, start=1)
            for words in lexicon.weeks_from_today
            if re.fullmatch(f"(?:{words.replace('{n}', f'(?:{fragment})')})", written)
        ]
        if said:
            return said[0]
    return 0


def day_word_number(written: str) -> int:
    """The day "the eighteenth" names (0: none)."""
    for lexicon in LEXICONS:
        for number, word in enumerate(lexicon.day_words, start=1):
            if word and re.search(rf"\b(?:{word})$", written):
                return number
    return 0


def says_next(written: str) -> bool:
    """Whether `written` says "next" of a weekday ("next Friday", "vendredi prochain")."""
    return bool(re.search(PATTERNS.alternation("next_weekday"), written))


def weekday_of(written: str) -> int | None:
    """The weekday (Monday 0) a weekday word in `written` names, in any language."""
    return next((n for n, pattern in _weekdays() if pattern.search(written)), None)


def without_weekday(written: str) -> str:
    """The date without the weekday before it: "freitag, den 18. dezember" -> "18. dezember"
    (its mismatch with the date is checked apart)."""
    return _weekday_lead().sub("", written, count=1)


@cache
def _weekday_lead() -> re.Pattern[str]:
    articles = r"(?:the|le|den|dem|der|el|il|de)\s+"
    return re.compile(rf"^(?:{PATTERNS.alternation('weekdays')})\.?,?\s+(?:{articles})?")


@cache
def _weekdays() -> list[tuple[int, re.Pattern[str]]]:
    return [
        (number, re.compile(_whole(fragment, lexicon)))
        for lexicon in LEXICONS
        for number, fragment in enumerate(lexicon.weekdays)
    ]


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


def read_with_dateparser(written: str, today: date) -> date | None:
    """The day dateparser reads in a span of date words, the future preferred (None: none)."""
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
