"""How the engine read a person's reply: the intent, its argument, and how sure it is.

`understand` tries the explicit commands first (`mutualplan.mail.commands`: "#2 new date: ...",
"add: ...", a seller's plan edits), then the reply in the person's own words
(`mutualplan.mail.natural`). Only a `CERTAIN` reading is acted on; a `PROBABLE` one is asked
about ("Did you mean ...?"); anything else is conversation, or a command that could not be read
(its intent is kept, and `doubts` says what was missing).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from email.utils import parseaddr

from pydantic import BaseModel, Field

from mutualplan.mail.commands import MAX_LINES, attempted, read_command
from mutualplan.mail.dates import spoken
from mutualplan.mail.language import detect_language
from mutualplan.mail.natural import language_hint, read_natural, says_nothing
from mutualplan.mail.natural.done_notes import done_note
from mutualplan.mail.natural.findings import Certainty, Finding
from mutualplan.mail.sentences import ASCII_TWINS
from mutualplan.models import Details, Instruction, Intent, Shift

_STEP = re.compile(r"(?:#|step\s*#?|milestone\s*#?)(\d{1,2})\b\s*[:.\-\u2013\u2014]?\s*", re.I)
_SHORT = 3  # words: a reply this short is too short for statistics to tell its language
# a phone's half-width katakana ("ﾌﾞﾛｯｸ") is the katakana it stands for ("ブロック")
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]+")
_ONE_COMMAND = (Intent.NOTE, Intent.STATUS, Intent.HELP, Intent.UNKNOWN, Intent.YES)


# how an intent is named back when its argument could not be read ("a new date, but ...")
_WITHOUT_ARGUMENT = {
    Intent.RESCHEDULE: "a new date",
    Intent.GO_LIVE: "a new go-live",
    Intent.REASSIGN: "a new owner",
    Intent.ADD: "someone to add",
    Intent.REMOVE: "someone to take off",
}


class Understanding(BaseModel):
    """What a reply says, as the engine read it."""

    intent: Intent = Intent.UNKNOWN
    certainty: Certainty = Certainty.NONE
    argument: str = Field(default="", description="as an Instruction carries it")
    details: Details | None = Field(default=None, description="as an Instruction carries them")
    step: int | None = Field(default=None, description="a step the text names: '#3 done'")
    when: date | None = Field(default=None, description="the new date, read")
    address: str = Field(default="", description="the new owner's address")
    reason: str = Field(default="", description="why it is blocked; a note's text")
    options: list[str] = Field(
        default_factory=list, description="what an argument read two ways may be: '12/11'"
    )
    read_from: str = Field(default="", description="the words it was read from")
    doubts: list[str] = Field(default_factory=list, description="what could not be read")
    language: str = Field(default="", description="ISO 639-1 code of the reply's language")
    explicit: bool = Field(
        default=False,
        description="read as one of the engine's commands ('done', '#2 new date: ...'), in the "
        "English words its emails suggest",
    )
    more: list[Instruction] = Field(default_factory=list, description="further command lines")
    own_words: bool = Field(
        default=False, description="read from the person's own words, not a one-line command"
    )

    @property
    def acts(self) -> bool:
        """Whether the engine carries it out as it stands (without asking first)."""
        return self.certainty is Certainty.CERTAIN and self.intent not in (
            Intent.UNKNOWN,
            Intent.YES,
        )

    @property
    def instruction(self) -> Instruction:
        return Instruction(
            intent=self.intent, argument=self.argument, details=self.details, step=self.step
        )

    def described(self) -> str:
        """How the engine read it, for an answer: "new date Fri 11 Dec 2026"."""
        match self.intent:
            case Intent.RESCHEDULE if self.when:
                return f"new date {spoken(self.when)}"
            case Intent.RESCHEDULE if isinstance(self.details, Shift):
                return f"a new date {self.details.said().english()}"
            case Intent.GO_LIVE if self.when:
                return f"new go-live {spoken(self.when)}"
            case Intent.REASSIGN if self.address:
                return f"new owner {self.address}"
            case Intent.BLOCKED:
                return f"blocked: {self.reason}"
            case Intent.NOTE:
                return f"note: {self.reason}"
        return _WITHOUT_ARGUMENT.get(self.intent, self.intent.value)


def understand(
    text: str,
    today: date,
    *,
    language: str | None = None,
    copied: tuple[tuple[str, str], ...] = (),
    step_title: str = "",
) -> Understanding:
    """Read `text` (a reply's fresh text). `today`: the day it was written, for dates without a
    year and weekdays; `language`: detected when not given; `copied`: the people on the
    reply's To and Cc, (name, address), who may be named as its new owner by name alone;
    `step_title`: the title of the step the reply answers about, which it may name."""
    text = _HALF_WIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    short_reply = len(text.split(None, _SHORT)) <= _SHORT  # the reader's words say it better
    if language is None:
        language = detect_language(text, hint=language_hint(text) if short_reply else "")
    spoken_in = language
    plain = text.translate(ASCII_TWINS)  # a command typed in full-width forms is the command
    start, line = _command_line(plain)
    step_match = _STEP.match(line)
    step = int(step_match.group(1)) if step_match else None
    command = read_command(plain[start:], today)
    if command.intent is not Intent.UNKNOWN:
        found = _typed(Understanding(intent=command.intent, certainty=Certainty.CERTAIN,
                                     argument=command.argument, details=command.details,
                                     step=command.step, read_from=line.strip(),
                                     explicit=True))  # fmt: skip
        more_from = start + len(line)
        if command.intent is Intent.DONE:  # "Done", and on the next line what goes with it
            note = done_note(text[more_from:], today, spoken_in)
            found = found.model_copy(update={"argument": note})
    else:
        written = text[start : start + len(line)]
        unstepped = text[:start] + _blanked(written, step_match) + text[start + len(line) :]
        finding = read_natural(unstepped, today, language=spoken_in, copied=copied, step=step_title)
        found = _from_finding(finding, plain[start:], today).model_copy(
            update={"step": step, "own_words": finding is not None}
        )
        if finding is not None and finding.language and short_reply:
            spoken_in = finding.language  # "Erldigt" is German, whatever the detector says
        more_from = _line_end(text, start + (finding.start if finding else 0))
    found = found.model_copy(update={"language": spoken_in})
    if found.acts and found.intent not in _ONE_COMMAND:
        found = found.model_copy(update={"more": _more(plain[more_from:], today)})
    return found


def _command_line(text: str) -> tuple[int, str]:
    """The first line that says something (not "Hi Sam," nor "Thanks!"), and where it starts."""
    at = 0
    for line in text.split("\n"):
        if line.strip() and not says_nothing(line):
            return at, line
        at += len(line) + 1
    return 0, text.split("\n", 1)[0]


def _blanked(line: str, step: re.Match[str] | None) -> str:
    """The line without its "#3" (blanked, so that positions in the text stay where they are)."""
    if step is None:
        return line
    return " " * step.end() + line[step.end() :]


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _more(text: str, today: date) -> list[Instruction]:
    """The command lines after the first: a reply with several changes (a reviewer answering a
    draft) is applied whole or not at all; the first line that is not a command ends them."""
    found = []
    for line in [line for line in text.split("\n") if line.strip()][: MAX_LINES - 1]:
        command = read_command(line, today)
        if command.intent in (Intent.STATUS, Intent.HELP, Intent.UNKNOWN, Intent.IGNORED):
            break
        found.append(command)
    return found


def _from_finding(finding: Finding | None, text: str, today: date) -> Understanding:
    if finding is None:
        tried = attempted(text, today)  # "assign to Sam": what the command lacked
        if tried is None:
            return Understanding()
        return Understanding(
            intent=tried[0], doubts=[tried[1]], read_from=text.split("\n")[0], explicit=True
        )
    trap = finding.certainty is Certainty.NONE and not finding.doubts
    return _typed(
        Understanding(
            intent=Intent.UNKNOWN if trap else finding.intent,
            certainty=finding.certainty,
            argument=finding.argument,
            details=finding.shift,
            when=finding.when,
            options=list(finding.options),
            read_from=finding.read_from,
            doubts=list(finding.doubts),
        )
    )


def _typed(found: Understanding) -> Understanding:
    """The argument as a typed value too: the date, the address, the reason."""
    update: dict[str, object] = {}
    if found.intent in (Intent.RESCHEDULE, Intent.GO_LIVE) and found.argument and not found.when:
        update["when"] = date.fromisoformat(found.argument)
    elif found.intent in (Intent.REASSIGN, Intent.REMOVE):  # "Lee Park <lee@globex.example>"
        update["address"] = parseaddr(found.argument)[1] or found.argument
    elif found.intent in (Intent.BLOCKED, Intent.NOTE):
        update["reason"] = found.argument
    return found.model_copy(update=update)
