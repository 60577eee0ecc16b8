"""An amount a date moves by, in the person's own words: "a week", "by 2 weeks", "+1 week",
"um eine Woche", "d'une semaine", "dos días", "un mese", "1か月". Pure.

The reader does not know the step's due date: it reads the amount (`Shift`), and the plan
resolves it against the step's date when it applies it (`Shift.applied_to`). "In a week"
("dans une semaine", "in einer Woche") counts from today, and "a month ago" ("vor einem Monat",
"un mese fa") before it, not from the due date: neither is an amount. Each language's words
(numbers, units, "more", "later", "earlier", "in", "ago") are in its lexicon module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from mutualplan.mail.lexicon import LEXICONS, PATTERNS
from mutualplan.models import Shift


def _words(part: str) -> str:
    """Every language's `part`, longest first, not bound to whole words: the amount's own edges
    bound them ("2weeks" and "1週間" are amounts)."""
    fragments = {f for lexicon in LEXICONS for f in lexicon.words(part)}
    return "|".join(sorted(fragments, key=len, reverse=True))


def _bound(part: str) -> str:
    return f"(?:{PATTERNS.alternation(part)})"


# "+1 week", "by 2 weeks", "um eine Woche", "d'une semaine", "1週間", "one more", "two-week"
_AMOUNT = re.compile(
    rf"(?<![0-9A-Za-z\u00c0-\u024f'])(?P<sign>[+\-\u2212]\s*)?(?P<n>\d{{1,3}}|{_words('counts')})"
    rf"(?:\s*{_bound('more')}\s*)?"
    rf"\s*-?(?P<unit>(?P<weeks>{_words('week_units')})|(?P<months>{_words('month_units')})"
    rf"|{_words('day_units')})"
    r"(?![0-9A-Za-z\u00c0-\u024f])"
)
# what makes an amount count from today ("in a week", "a week from now"), not from the due date
_FROM_TODAY = re.compile(rf"{_bound('since_today')}\s+$")
# ... unless the deadline itself moves by it: "adiar o prazo em duas semanas", "aplazar la fecha
# en dos semanas" (by two weeks; "em"/"en" are also "in")
_DEADLINE_BY = re.compile(r"(?:prazo|plazo|data|fecha|vencimento|vencimiento|entrega)\s+e[mn]\s+$")
_AFTER_TODAY = re.compile(rf"\s*{_bound('since_today_after')}")
# "a week or two", "ein bis zwei Wochen" is said with the amount: about that much
_OR_MORE = re.compile(rf"\s+{_bound('ranges')}\s+\S|\s*[-~\u301c]\s*\d")
_OR_LESS = re.compile(rf"\w\s+{_bound('ranges')}\s+$|\d\s*[-~\u301c]\s*$")
_LATER = re.compile(rf"\s*{_bound('later')}")
# "\u2019" is read as "'", as the reader's lowercase text has it (a command's is not)
_APOSTROPHES = str.maketrans({"\u2019": "'"})

# characters either side of an amount its "earlier" word stands in: "bring it forward two
# days", "zwei Tage vorziehen", not "push it a week, not any sooner than that"
_NEAR = 25
# characters either side of an amount its "more" word stands in: "an extension of two weeks",
# "une semaine supplémentaire"
_MORE_BEFORE, _MORE_AFTER = 20, 16


@dataclass(frozen=True)
class AmountReading:
    """An amount found in a text: the shift it asks for, where it stands, and whether it asks
    for more time ("one more week") or names the date that much later ("a month later") rather
    than naming the move."""

    shift: Shift
    start: int
    end: int
    more: bool
    vague: bool = False  # "a week or two": which, the person is asked
    later: bool = False  # "a month later", "eine Woche später": the date that much later


def find_amount(text: str, start: int = 0, end: int | None = None) -> AmountReading | None:
    """The first amount in `text[start:end]` that moves a date from its own day, or None."""
    end = len(text) if end is None else end
    text = text.translate(_APOSTROPHES)
    for match in _AMOUNT.finditer(text, start, end):
        before_amount = text[max(start, match.start() - 20) : match.start()]
        if _FROM_TODAY.search(before_amount[-12:]) and not _DEADLINE_BY.search(before_amount):
            continue
        if _AFTER_TODAY.match(text[match.end() : end]):
            continue
        count = _count(match.group("n"))
        if count is None or not 0 < count <= 52:
            continue
        before = text[max(start, match.start("n") - 12) : match.start("n")]
        vague = bool(_OR_MORE.match(text, match.end(), end) or _OR_LESS.search(before))
        near = (max(start, match.start() - _NEAR), min(end, match.end() + _NEAR))
        minus = _minus(match.group("sign")) and not vague  # "2 - 3 days": a range
        earlier = PATTERNS.compiled("earlier").search(text, *near) is not None or minus
        near = (max(start, match.start() - _MORE_BEFORE), min(end, match.end() + _MORE_AFTER))
        more = PATTERNS.compiled("more").search(text, *near) is not None
        shift = Shift(count=-count if earlier else count, unit=_unit(match))
        later = _LATER.match(text, match.end(), end) is not None
        return AmountReading(shift, match.start(), match.end(), more, vague, later)
    return None


@cache
def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    for lexicon in LEXICONS:
        for n, fragment in enumerate(lexicon.counts, start=1):
            if re.fullmatch(fragment, word.lower()):
                return n
    return None


def _unit(match: re.Match[str]) -> Literal["days", "weeks", "months"]:
    if match.group("weeks"):
        return "weeks"
    return "months" if match.group("months") else "days"


def _minus(sign: str | None) -> bool:
    return sign is not None and sign.strip() in ("-", "\u2212")
