"""The explicit commands: one a line, in the words the engine's emails suggest.

"#2 new date: 2027-01-15", "assign to kim@globex.example", "blocked: legal", and the plan edits a
seller or reviewer writes ("add: ...", "remove step 4", "new go-live: ...", "confirm"). Replies
in people's own words ("Yes, done", "Erledigt", "Can we push this to Friday?") are read by
`mutualplan.mail.natural`; `mutualplan.mail.understanding` tries these first, then those.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.utils import getaddresses

from mutualplan import doubts
from mutualplan.calendar.checkin import parse_clock
from mutualplan.mail.addresses import WRITTEN_ADDRESS
from mutualplan.mail.amounts import find_amount
from mutualplan.mail.dates import find_dates, parse_date
from mutualplan.mail.deal_commands import read_deal_command
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.models import (
    CallMove,
    Details,
    Instruction,
    Intent,
    LanguageChoice,
    NewPerson,
    NewStep,
    Shift,
)
from mutualplan.roles import role_key

# only the bare word: anything more ("Done - but not the annex") is for the natural reader
_DONE = re.compile(r"^(?:done|completed?|finished)[.!]*$", re.I)
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
    r"postpone(?: to)?|push(?: it)?(?: back)? to|delay(?: it)? (?:to|until))\b\s*:?\s*(.+)$",
    re.I,
)
_REASSIGN = re.compile(
    r"^(?:re-?assign(?: it)?(?: to)?|assign(?: it)? to|new owner|owner|hand(?: it)? over to)"
    r"\s*:?\s*(.+)$",
    re.I,
)
_CONFIRM = re.compile(
    r"^(?:confirm(?:ed)?|approved?)"
    r"(?:[.!]+(?:\s.*)?|\s*[-\u2013\u2014:,;]\s*.*|\s*)$",
    re.I,
)
_RESUME = re.compile(r"^(?:resume|re-?open)(?: the plan)?[.!]*$", re.I)
_STEP = re.compile(
    r"^(?:#|step\s*#?|milestone\s*#?)(\d{1,2})\b\s*[:.\-\u2013\u2014]?\s*(.*)$", re.I
)
_ADD_STEP = re.compile(r"^add (?:a |another )?(?:new )?(?:step|milestone)\s*:?\s*(.+)$", re.I)
_REMOVE_STEP = re.compile(
    r"^(?:remove|delete|drop)\s+(?:(?:the\s+)?(?:step|milestone)\s*#?|#)(\d{1,2})\b", re.I
)
_CRITERION = re.compile(r"^(?:add )?(?:a )?(?:success )?criteri(?:on|a)\s*:\s*(.+)$", re.I)
_AFTER = re.compile(r"^after\s+(.+)$", re.I)
_DUE = re.compile(r"^(?:due|by|due by|due on)\s*:?\s*(.+)$", re.I)
_OWNER = re.compile(r"^(?:owner|owned by|assign(?:ed)? to|for)\s*:?\s*(.+)$", re.I)
MAX_LINES = 20  # command lines read from one reply
_NOTE = re.compile(r"^(?:note|comment)\s*:\s*(.+)$", re.I | re.S)
_WORD_ONLY = re.compile(r"^(status|help|\?)[.!?]*$", re.I)


# what a command line says: one string (a date, an address, a text), or details
Said = tuple[Intent, str | Details]


def read_commands(text: str, today: date) -> list[Instruction]:
    """The command on the first line of `text`, then any further lines that are changes too
    (a reviewer answering a draft writes several); the first line that is not one ends them."""
    commands = [read_command(text, today)]
    if commands[0].intent in (Intent.NOTE, Intent.STATUS, Intent.HELP, Intent.UNKNOWN):
        return commands
    lines = [line for line in text.strip().split("\n") if line.strip()][1:MAX_LINES]
    for line in lines:
        command = read_command(line, today)
        if command.intent in (Intent.STATUS, Intent.HELP, Intent.UNKNOWN, Intent.IGNORED):
            break
        commands.append(command)
    return commands


def read_command(text: str, today: date) -> Instruction:
    """The intent, its argument and the step it names ('#3 new date: ...', else None) from the
    first line (or paragraph, for notes) of `text`."""
    paragraph = text.strip().split("\n\n", 1)[0].strip()
    first = paragraph.split("\n", 1)[0].strip().strip("*_").strip()
    step = None
    if match := _STEP.match(first):
        step, first = int(match.group(1)), match.group(2).strip()
        paragraph = first + paragraph.partition("\n")[1] + paragraph.partition("\n")[2]
    intent, said = _read_line(first, paragraph, today)
    if isinstance(said, str):
        return Instruction(intent=intent, argument=said, step=step)
    return Instruction(intent=intent, details=said, step=step)


def _read_line(first: str, paragraph: str, today: date) -> Said:
    if not first:
        return Intent.UNKNOWN, ""
    if (language := read_language_command(first)) is not None:
        return language
    if _DONE.match(first):
        return Intent.DONE, ""
    if _CONFIRM.match(first):
        return Intent.CONFIRM, ""
    if _RESUME.match(first):
        return Intent.RESUME, ""
    if match := _WORD_ONLY.match(first):
        return (Intent.HELP if match.group(1) in "?" else Intent(match.group(1).lower())), ""
    if match := _NOTE.match(paragraph):
        return Intent.NOTE, " ".join(match.group(1).split())
    if (calendar := read_calendar_command(first, today)) is not None:
        return calendar
    if (deal := read_deal_command(first, today)) is not None:
        return deal
    if match := _CRITERION.match(first):
        return Intent.CRITERION, " ".join(match.group(1).split())
    if match := _REMOVE_STEP.match(first):
        return Intent.REMOVE_STEP, match.group(1)
    if match := _ADD_STEP.match(first):
        return Intent.ADD_STEP, new_step(match.group(1), today)
    if match := _BLOCKED.match(first):
        return Intent.BLOCKED, match.group(1).strip() or "no reason given"
    if match := _CANCEL.match(first):
        return Intent.CANCEL, match.group(1).strip()
    if (match := _ADD.match(first)) and (person := _person(match.group(1))):
        role = role_key(match.group(2) or match.group(3) or "")
        return Intent.ADD, NewPerson(person=person, role=role or "")
    if (match := _REMOVE.match(first)) and (address := _address(match.group(1))):
        return Intent.REMOVE, address
    if (match := _GO_LIVE.match(first)) and (when := parse_date(match.group(1), today)):
        return Intent.GO_LIVE, when.isoformat()
    if (
        (match := _RESCHEDULE.match(first))
        and (when := parse_date(match.group(1), today))
        and not _about(match.group(1), "events")  # "move the call to Friday": the call's
        and _opens_with_date(match.group(1), today)  # not "move the office on Dec 18"
    ):
        return Intent.RESCHEDULE, when.isoformat()
    if (match := _RESCHEDULE.match(first)) and (shift := _amount_only(match.group(1))):
        return Intent.RESCHEDULE, shift  # "new date: +1 week": the plan knows the step's date
    if (
        (match := _REASSIGN.match(first))
        and (person := _person(match.group(1)))
        and not _about(match.group(1), "keeps_owner")  # "assign to kim@ for review"
    ):
        return Intent.REASSIGN, person  # 'Lee Park <lee@globex.example>': the name is kept
    return Intent.UNKNOWN, ""


def _amount_only(argument: str) -> Shift | None:
    """The argument is an amount and nothing else: "+1 week", "2 days earlier"."""
    found = find_amount(argument.lower())
    if found is None or argument[: found.start].strip(" \t:,") or len(argument) > 40:
        return None
    return found.shift


def _opens_with_date(argument: str, today: date) -> bool:
    """The command's argument is its date, first: "move to Friday, thanks", not "move the office
    on Dec 18" (what moves is the office: the reader of people's own words weighs that)."""
    found = find_dates(argument, today)
    return bool(found) and not argument[: found[0].start].strip(" \t:,-")


def _about(argument: str, part: str) -> bool:
    """Whether a command's argument has words of `part` in it, which make it something other
    than the command: the reader of people's own words (`mail.natural`) weighs them then."""
    return PATTERNS.compiled(part).search(argument.lower()) is not None


_LANGUAGE = re.compile(
    r"^(?:set\s+)?(?:the\s+)?language\s+(?:of|for)\s+(\S+@\S+?)\s*(?::|=|\s+to\b|\s+is\b)\s*(.+?)"
    r"[.!]?$",
    re.I,
)


def read_language_command(line: str) -> Said | None:
    """`language of jane@globex.example: fr` (the seller, for anyone on the plan): LANGUAGE,
    UNKNOWN for a language we do not speak, None for another command."""
    match = _LANGUAGE.match(line)
    if match is None:
        return None
    # Babel's locale data, only when it is needed: plan workflows import this module (steps.py)
    from mutualplan.languages import language_code

    address, code = _address(match.group(1)), language_code(match.group(2))
    if address is None or code is None:
        return Intent.UNKNOWN, ""
    return Intent.LANGUAGE, LanguageChoice(address=address, code=code)


def attempted(text: str, today: date) -> tuple[Intent, str] | None:
    """An explicit command whose argument could not be read, and what was missing: the
    sender is told that, rather than that nothing was understood."""
    first = text.strip().split("\n", 1)[0].strip().strip("*_").strip()
    if match := _STEP.match(first):
        first = match.group(2).strip()
    for pattern, intent, missing in _ATTEMPTS:
        if match := pattern.match(first):
            return intent, missing.format(written=f"\u00ab{match.group(1).strip()}\u00bb")
    return None


# A command tried, its argument unread: the command's words, then a colon or "to" (what a
# command's argument follows), then words. "Due to the holidays", "Postponed indefinitely",
# "Move on to the next step", "Ownership is with legal" and "Postpone?" try no command.
_TRIED_GO_LIVE = re.compile(
    r"^(?:new )?(?:move (?:the )?)?go-?live(?: date)?(?:\s*:|\s+to\b)\s*(.*\w.*)$", re.I
)
_TRIED_RESCHEDULE = re.compile(
    r"^(?:(?:new (?:due )?date|due(?: date)?)\s*:|(?:move|reschedule|postpone|push|delay)"
    r"(?: it)?(?: back)?(?:\s*:|\s+(?:to|until)\b))\s*(.*\w.*)$",
    re.I,
)
_TRIED_REASSIGN = re.compile(
    r"^(?:re-?assign(?: it)?(?:\s+to)?(?!\w)|(?:assign(?: it)?|hand(?: it)? over)\s+to\b"
    r"|(?:new )?owner\s*:)\s*:?\s*(.*\w.*)$",
    re.I,
)
_ATTEMPTS = (
    (_TRIED_GO_LIVE, Intent.GO_LIVE, doubts.NO_DATE_IN),
    (_TRIED_RESCHEDULE, Intent.RESCHEDULE, doubts.NO_DATE_IN),
    (_TRIED_REASSIGN, Intent.REASSIGN, doubts.NO_ADDRESS),
    (_ADD, Intent.ADD, doubts.NO_ADDRESS),
    (_REMOVE, Intent.REMOVE, doubts.NO_ADDRESS),
)


def _person(text: str) -> str | None:
    """'Kim Lee <kim@globex.example>' as written, or just the address; None without one."""
    address = _address(text)
    if address is None:
        return None
    bracketed = _BRACKETED.search(text)
    if bracketed is None:
        return address
    for name, _ in getaddresses([text[: bracketed.end()].strip()]):
        return named(" ".join(name.split()), address)
    return address


def named(name: str, address: str) -> str:
    """'Name <address>' as `parseaddr` reads it back, the name as written ("Jörg Müller", quoted
    where it holds a comma or a dot): text the plan keeps, not a header, so not RFC 2047-encoded
    as `formataddr` would ("=?utf-8?b?...?=" in every email and page), and an address with
    non-ASCII letters is kept as written (it goes out over SMTPUTF8), not refused."""
    if not name:
        return address
    if _SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"


_SPECIALS = re.compile(r'[][\\()<>@,:;".]')  # RFC 5322's specials: a name with one is quoted


def _address(text: str) -> str | None:
    """The address in <...>, else the first word that is one: "kim@x.example please" is
    kim@x.example (the `email` parser would run the words together)."""
    bracketed = _BRACKETED.search(text)
    found = (
        WRITTEN_ADDRESS.fullmatch(bracketed.group(1)) if bracketed else WRITTEN_ADDRESS.search(text)
    )
    return found.group().lower() if found else None


_BRACKETED = re.compile(r"<([^<>]+)>")


def new_step(spec: str, today: date) -> NewStep:
    parts = [p.strip() for p in re.split(r"[,;]", spec) if p.strip()]
    step = NewStep(title=" ".join(parts[0].split())[:120] if parts else "")
    for part in parts[1:]:
        if match := _AFTER.match(part):
            step.after = [int(n) for n in re.findall(r"\d+", match.group(1))]
        elif (match := _DUE.match(part)) and (when := parse_date(match.group(1), today)):
            step.due = when
        elif ((match := _OWNER.match(part)) and (owner := _address(match.group(1)))) or (
            owner := _address(part)
        ):
            step.owner = owner
        elif when := parse_date(part, today):
            step.due = when
    return step


# --- the check-in calls: the seller's commands --------------------------------------------------

_MEETING = re.compile(r"^(?:meeting|meeting link|call link|video link|join)\s*:\s*(\S.*)$", re.I)
_CADENCE = re.compile(r"^(?:check-?ins?|check ins?|cadence)(?:\s+calls?)?\s*:\s*(\S.*)$", re.I)
_CALL = r"(?:check-?in\s+)?call"
_SKIP_CALL_ON = re.compile(
    rf"^(?:please\s+)?(?:skip|cancel|drop)\s+(?:the\s+|this\s+)?{_CALL}"
    r"(?:\s+(?:on|of|for)\s+(.+?))?\s*[.!]*$",
    re.I,
)
_SKIP_DAYS_CALL = re.compile(
    rf"^(?:please\s+)?(?:skip|cancel|drop)\s+(?:the\s+)?(.+?)(?:'s|\u2019s)?\s+{_CALL}\s*[.!]*$",
    re.I,
)
_MOVE_CALL_ON = re.compile(
    rf"^(?:please\s+)?(?:move|reschedule|shift|push)\s+(?:the\s+|this\s+)?{_CALL}"
    r"\s+(?:on|of|from)\s+(.+?)\s+(?:to|until)\s+(.+?)\s*[.!]*$",
    re.I,
)
_MOVE_DAYS_CALL = re.compile(
    rf"^(?:please\s+)?(?:move|reschedule|shift|push)\s+(?:the\s+)?(.+?)(?:'s|\u2019s)?\s+{_CALL}"
    r"\s+(?:to|until)\s+(.+?)\s*[.!]*$",
    re.I,
)
_NEXT_CALL = re.compile(r"^(?:the\s+)?next(?:\s+one)?$", re.I)
_WEEKDAY = re.compile(
    r"\b(?:(this|next)\s+)?(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\b", re.I
)
_RELATIVE = {"today": 0, "tomorrow": 1}


def read_calendar_command(line: str, today: date) -> Said | None:
    """A seller's change to the check-in calls, or None if the line is not one:

        meeting: https://meet.example.com/abc      -> MEETING, the link ('none' removes it)
        check-in: Wednesdays 15:00 Europe/Berlin   -> CADENCE, the text (read against the plan)
        skip the call on Dec 23 / skip the next call / skip Tuesday's call
                                                   -> SKIP_CALL, '2026-12-23' or 'next'
        move the Dec 23 call to Dec 24 10:00       -> MOVE_CALL, CallMove('2026-12-23',
                                                      '2026-12-24T10:00')

    Days without a year are the next such day from `today` (the reply's own Date)."""
    if match := _MEETING.match(line):
        return Intent.MEETING, match.group(1).strip()
    if match := _CADENCE.match(line):
        return Intent.CADENCE, " ".join(match.group(1).split())
    if match := (_SKIP_CALL_ON.match(line) or _SKIP_DAYS_CALL.match(line)):
        day = _call_day(match.group(1) or "next", today)
        return (Intent.SKIP_CALL, day) if day else None
    if match := (_MOVE_CALL_ON.match(line) or _MOVE_DAYS_CALL.match(line)):
        day = _call_day(match.group(1), today)
        to = _new_time(
            match.group(2), date.fromisoformat(day) if day not in ("", "next") else today
        )
        return (Intent.MOVE_CALL, CallMove(call=day, to=to)) if day and to else None
    return None


def _call_day(text: str, today: date) -> str:
    """'next', or the ISO date a call is named by ('Dec 23', 'tomorrow', 'Tuesday'); ''."""
    text = text.strip().strip(",.")
    if _NEXT_CALL.match(text):
        return "next"
    day = _day_named(text, today)
    return day.isoformat() if day else ""


def _day_named(text: str, today: date) -> date | None:
    if when := parse_date(text, today):
        return when
    word = text.lower().split()[0] if text.split() else ""
    if word in _RELATIVE:
        return today + timedelta(days=_RELATIVE[word])
    if match := _WEEKDAY.search(text):
        wanted = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(match.group(2)[:3].lower())
        ahead = (wanted - today.weekday()) % 7
        if match.group(1) and match.group(1).lower() == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    return None


def _new_time(text: str, call_day: date) -> str:
    """'2026-12-24T10:00', '2026-12-24' (the call's own time) or 'T10:00' (its own day); ''."""
    clock = parse_clock(text)
    day = _day_named(text, call_day)
    if day is None and clock is None:
        return ""
    when = day.isoformat() if day else ""
    return when + (f"T{clock:%H:%M}" if clock else "")
