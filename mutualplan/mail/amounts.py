"""An amount a date moves by, in the person's own words: "a week", "by 2 weeks", "+1 week",
"um eine Woche", "d'une semaine", "dos días", "1週間". Pure.

The reader does not know the step's due date: it reads the amount (`Shift`), and the plan
resolves it against the step's date when it applies it (`Shift.applied_to`). "In a week"
("dans une semaine", "in einer Woche") counts from today, not from the due date: it is no amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mutualplan.models import Shift

# how many, as each language writes a small number (digits are read too); "a"/"one" is 1
_NUMBERS: dict[str, int] = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "a couple of": 2,
    # de
    "ein": 1, "eine": 1, "einen": 1, "einer": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6,
    # fr
    "un": 1, "une": 1, "d'un": 1, "d'une": 1, "d\u2019un": 1, "d\u2019une": 1, "deux": 2,
    "de deux": 2, "trois": 3, "de trois": 3, "quatre": 4, "cinq": 5,  # "six" as in English
    # es, it, pt
    "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "un'altra": 1, "un\u2019altra": 1, "un altro": 1, "un'altro": 1,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4,
    # nl
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6,
    # ja
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
}  # fmt: skip
_WEEKS = r"weeks?|wochen?|semaines?|semanas?|settimane|settimana|weken|week|週間|週"
_DAYS = (
    r"(?:business |working |work )?days?|(?:werk|arbeits)?tag(?:e|en)?"
    r"|jours?(?: ouvrés| ouvrables)?|d[ií]as?(?: h[aá]biles| [uú]teis)?"
    r"|giorn[io](?: lavorativ[io])?|(?:werk)?dag(?:en)?"
    r"|営業日|日間|日"
)
_NUMBER = "|".join(sorted((re.escape(w) for w in _NUMBERS), key=len, reverse=True))
# "+1 week", "by 2 weeks", "um eine Woche", "d'une semaine", "de dos días", "1週間", "one more"
_AMOUNT = re.compile(
    rf"(?<![0-9A-Za-z\u00c0-\u024f'\u2019])(?P<sign>[+\-\u2212]\s*)?(?P<n>\d{{1,3}}|{_NUMBER})"
    rf"(?:\s*(?:more|extra|weitere[n]?|de plus|más|mais|in più)\s*)?"
    rf"\s*(?P<unit>{_WEEKS}|{_DAYS})(?![0-9A-Za-z\u00c0-\u024f])",
    re.I,
)
# what makes an amount count from today ("in a week"), not from the due date
_FROM_TODAY = re.compile(
    r"(?:\bin|\bwithin|\binnerhalb|\bdans|\bd'ici|\ben|\bdentro de|\btra|\bfra|\bentro|\bover"
    r"|\bbinnen|\bem|\bdaqui a|\bnext|\bnächsten?|\bprochaine?|\bnaaste)\s+$",
    re.I,
)
# "a week or two", "ein bis zwei Wochen" is said with the amount: about that much
_OR_MORE = re.compile(r"\s+(?:or|oder|ou|o|of|bis|to)\s+\S|\s*[-~\u301c]\s*\d", re.I)
_OR_LESS = re.compile(r"\w\s+(?:or|oder|ou|o|of|bis|to)\s+$|\d\s*[-~\u301c]\s*$", re.I)
_AFTER_TODAY = re.compile(r"^\s*(?:後|以内|from now|ago)", re.I)
# a new date earlier by the amount: "bring it forward two days", "zwei Tage früher"
_EARLIER = re.compile(
    r"\b(?:forward|earlier|sooner|(?:move|moving|bump|bring)(?: it| this| that)? up"
    r"|früher|vorziehen|vorverlegen|avancer|avancée?|plus tôt"
    r"|adelant\w*|antes|anticip\w*|antecip\w*|prima|eerder|vervroeg\w*|naar voren|mais cedo)\b"
    r"|前倒し|繰り上げ|早め|早く",
    re.I,
)
_MORE = re.compile(
    r"more|extra|another|noch|weitere|de plus|supplémentaire|más|otra|otro|in più|altr[aoe]"
    r"|nog|mais|outra|outro|un'altr|un\u2019altr|もう|あと",
    re.I,
)

# a need for the time: "we need one more week", "il nous faut", "wir brauchen noch zwei Tage"
NEEDS = re.compile(
    r"\b(?:need\w*|could use|brauch\w*|benötig\w*|faut|besoin|necesit\w*|hace falta|serv\w*"
    r"|bisogno|nodig|precis\w*)\b|必要|ほしい|欲しい|ください",
    re.I,
)

# characters either side of an amount its "earlier" word stands in: "bring it forward two
# days", "zwei Tage vorziehen", not "push it a week, not any sooner than that"
_NEAR = 25


@dataclass(frozen=True)
class AmountReading:
    """An amount found in a text: the shift it asks for, where it stands, and whether it asks
    for more time ("one more week") rather than naming the move."""

    shift: Shift
    start: int
    end: int
    more: bool
    vague: bool = False  # "a week or two": which, the person is asked


def find_amount(text: str, start: int = 0, end: int | None = None) -> AmountReading | None:
    """The first amount in `text[start:end]` that moves a date from its own day, or None."""
    end = len(text) if end is None else end
    for match in _AMOUNT.finditer(text, start, end):
        if _FROM_TODAY.search(text[max(start, match.start() - 12) : match.start()]):
            continue
        if _AFTER_TODAY.match(text[match.end() : end]):
            continue
        count = _count(match.group("n"))
        if count is None or not 0 < count <= 52:
            continue
        before = text[max(start, match.start("n") - 12) : match.start("n")]
        vague = bool(_OR_MORE.match(text, match.end(), end) or _OR_LESS.search(before))
        weeks = re.fullmatch(_WEEKS, match.group("unit"), re.I) is not None
        near = (max(start, match.start() - _NEAR), min(end, match.end() + _NEAR))
        minus = _minus(match.group("sign")) and not vague  # "2 - 3 days": a range
        earlier = _EARLIER.search(text, *near) is not None or minus
        near = (max(start, match.start() - 12), min(end, match.end() + 10))
        more = _MORE.search(text, *near) is not None
        shift = Shift(count=-count if earlier else count, unit="weeks" if weeks else "days")
        return AmountReading(shift, match.start(), match.end(), more, vague)
    return None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word.lower())


def _minus(sign: str | None) -> bool:
    return sign is not None and sign.strip() in ("-", "\u2212")
