"""Pure: how large what people write into a plan, and the plan as queried, may grow.

A plan lives in Temporal: a query answer or a payload over 2 MB fails, and every event is
replayed. So one buyer's 1 MB note must not make a plan unreadable. What people write is cut
where it enters the plan (the full email stays in the plans mailbox), and the plan as the
`current_plan` query returns it holds only its most recent events.
"""

from __future__ import annotations

import re

from mutualplan.health import PAGE_OPENED
from mutualplan.models import Event, Phrase, Plan, phrase

NOTE = 2_000  # a note, why a step is blocked, why the plan was cancelled
CRITERION = 500
NAME = 200  # a person's name, a step's title
ADDRESS = 254  # the longest address SMTP carries (RFC 5321)
SHOWN_EVENTS = 200
CUT = " [cut: the whole text is in the email]"


def kept_name(name: str) -> str:
    """A person's name as a plan keeps it: at most NAME characters, and none at all if it holds
    an address ("Alex Seller (alex@acme.example)" for mallory@): the plan names people by name
    and address side by side (refusals, pages), where such a name would pass for someone else.
    A display name is never who someone is; their address is."""
    return "" if _ADDRESS_IN.search(name) else cut(name, NAME)


_ADDRESS_IN = re.compile(r"[^\s@<>()]@[^\s@<>()]")


def cut(text: str, limit: int) -> str:
    """`text`, or as much of it as fits in `limit` characters with a word that it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - len(CUT)].rstrip() + CUT


def shortened(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut after a whole word where one ends near the
    limit (not in Japanese, which has no spaces), marked "…", and a quotation the cut fell in
    closed again, so a subject never ends in «“Technical validatio»."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 2]  # room for the ellipsis and a closing quotation mark
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    cut = cut.rstrip(" ,;:\u2014-" + "".join(_QUOTES)) + ELLIPSIS
    return cut + "".join(reversed(_open_quotes(cut)))


ELLIPSIS = "\u2026"
# each opening quotation mark and the mark that closes it (German opens „ and closes “)
_QUOTES = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb", "\u300c": "\u300d",
           "\u2018": "\u2019", '"': '"'}  # fmt: skip


def _open_quotes(text: str) -> list[str]:
    """The closing marks of the quotations still open at the end of `text`, innermost last."""
    expected: list[str] = []
    for char in text:
        if expected and char == expected[-1]:
            expected.pop()
        elif char in _QUOTES:
            expected.append(_QUOTES[char])
    return expected


def address_too_long() -> Phrase:
    """Why an address is refused: longer than SMTP carries."""
    return phrase("an email address has at most {count} characters", count=ADDRESS)


def recent(plan: Plan, events: int = SHOWN_EVENTS) -> Plan:
    """A copy of the plan with its newest `events` events (its own and its steps'), and each
    person's last visit to the plan page (the page shows it); `history_omitted` counts the
    others, with those the plan itself no longer keeps (`edits.history`)."""
    everything = [*plan.history, *(e for m in plan.milestones for e in m.history)]
    if len(everything) <= events:
        return plan
    newest = sorted(everything, key=lambda e: e.at)[-events:]
    visits = {e.by: e for e in plan.history if e.what == PAGE_OPENED}
    kept = {id(e) for e in [*newest, *visits.values()]}

    def shown(history: list[Event]) -> list[Event]:
        return [e for e in history if id(e) in kept]

    milestones = [m.model_copy(update={"history": shown(m.history)}) for m in plan.milestones]
    return plan.model_copy(
        update={
            "history": shown(plan.history),
            "milestones": milestones,
            "history_omitted": plan.history_omitted + len(everything) - len(kept),
        }
    )
