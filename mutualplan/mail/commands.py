"""Read the command at the top of a person's fresh text: done, blocked, a new date, a new owner.

Commands must be unambiguous. "Done", "done.", "Completed", "Done - signed off today" are done;
"not done yet" and "Done? we have not started" are not. Anything unclear is UNKNOWN, and the sender
is told what the engine understands rather than having a guess applied to their plan.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import formataddr, getaddresses

from mutualplan.models import Intent
from mutualplan.planning import role_key

_DONE = re.compile(
    r"^(?:done|completed?|finished|signed off|all done|it'?s done)"
    r"(?:[.!]+(?:\s.*)?|\s*[-\u2013\u2014:,;]\s*.*|\s*)$",
    re.I,
)
_BLOCKED = re.compile(
    r"^(?:blocked|stuck|on hold)\b\s*(?:[:\-\u2013\u2014]\s*|\s+by\s+|$)(.*)$", re.I
)
_GO_LIVE = re.compile(
    r"^(?:new go-?live(?: date)?|go-?live(?: date)?|move (?:the )?go-?live(?: date)?(?: to)?)"
    r"\s*(?:is|to)?\s*:?\s*(.+)$",
    re.I,
)
_ADD = re.compile(r"^add\s*:?\s+(.+?)(?:\s+(?:as|role:?)\s+(.+?)|\s*\((.+?)\))?\s*\.?$", re.I)
_REMOVE = re.compile(r"^remove\s*:?\s+(.+)$", re.I)
_CANCEL = re.compile(r"^cancel(?: the)? plan\b\s*[:\-\u2013\u2014]?\s*(.*)$", re.I)
_RESCHEDULE = re.compile(
    r"^(?:new (?:due )?date|due(?: date)?|move(?: it)?(?: to)?|reschedule(?: to)?|"
    r"postpone(?: to)?|push(?: it)?(?: back)? to|delay(?: it)? (?:to|until))\s*:?\s*(.+)$",
    re.I,
)
_REASSIGN = re.compile(
    r"^(?:re-?assign(?: it)?(?: to)?|assign(?: it)? to|new owner|owner|hand(?: it)? over to)"
    r"\s*:?\s*(.+)$",
    re.I,
)
_NOTE = re.compile(r"^(?:note|comment)\s*:\s*(.+)$", re.I | re.S)
_WORD_ONLY = re.compile(r"^(status|help|\?)[.!?]*$", re.I)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:,?\s+(\d{4}))?\b", re.I)


def read_command(text: str, today: date) -> tuple[Intent, str]:
    """The intent and its argument from the first line (or paragraph, for notes) of `text`."""
    paragraph = text.strip().split("\n\n", 1)[0].strip()
    first = paragraph.split("\n", 1)[0].strip().strip("*_").strip()
    if not first:
        return Intent.UNKNOWN, ""
    if _DONE.match(first):
        return Intent.DONE, ""
    if match := _WORD_ONLY.match(first):
        return (Intent.HELP if match.group(1) in "?" else Intent(match.group(1).lower())), ""
    if match := _NOTE.match(paragraph):
        return Intent.NOTE, " ".join(match.group(1).split())
    if match := _BLOCKED.match(first):
        return Intent.BLOCKED, match.group(1).strip() or "no reason given"
    if match := _CANCEL.match(first):
        return Intent.CANCEL, match.group(1).strip()
    if (match := _ADD.match(first)) and (person := _person(match.group(1))):
        role = role_key(match.group(2) or match.group(3) or "")
        return Intent.ADD, f"{person}|{role or ''}"
    if (match := _REMOVE.match(first)) and (address := _address(match.group(1))):
        return Intent.REMOVE, address
    if (match := _GO_LIVE.match(first)) and (when := parse_date(match.group(1), today)):
        return Intent.GO_LIVE, when.isoformat()
    if (match := _RESCHEDULE.match(first)) and (when := parse_date(match.group(1), today)):
        return Intent.RESCHEDULE, when.isoformat()
    if (match := _REASSIGN.match(first)) and (address := _address(match.group(1))):
        return Intent.REASSIGN, address
    return Intent.UNKNOWN, ""


def parse_date(text: str, today: date) -> date | None:
    """An ISO date, or 'Dec 11' / '11 December' / 'December 11, 2026' (next such day if no year)."""
    if match := _ISO_DATE.search(text):
        return _safe_date(*(int(g) for g in match.groups()))
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            month = _MONTHS.get(match.group(month_group).lower())
            if month is None:
                continue
            day = int(match.group(day_group))
            if match.group(3):
                return _safe_date(int(match.group(3)), month, day)
            return _next_occurrence(month, day, today)
    return None


def _next_occurrence(month: int, day: int, today: date) -> date | None:
    this_year = _safe_date(today.year, month, day)
    if this_year is not None and this_year >= today:
        return this_year
    return _safe_date(today.year + 1, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return datetime(year, month, day).date()
    except ValueError:
        return None


def _person(text: str) -> str | None:
    """'Kim Lee <kim@globex.example>' as written, or just the address; None without one."""
    for name, address in getaddresses([text.strip().rstrip(".")]):
        if re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address):
            return formataddr((" ".join(name.split()), address.lower()))
    return None


def _address(text: str) -> str | None:
    for _name, address in getaddresses([text.strip().rstrip(".")]):
        if re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address):
            return address.lower()
    return None
