"""Questions the engine asks before it acts ("Did you mean: mark «step» done?"), and the "yes"
that answers one. Pure: time comes in as an argument.

A reply the engine reads as probably, not certainly, a command changes nothing: the router asks
the person, and the plan keeps the question (`keep`) for QUESTION_DAYS. The question's email has
the key in its Message-ID (`question_message_id`), so a "yes" in reply to it names the question
in its In-Reply-To (`keys_in`); its one-click links name it too. Either way the answer is a
command with intent YES whose details say which question, and which option (`YesTo`); `resolve`
turns it into the command it answers, to be checked and applied as any other, as the person who
was asked.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

from mutualplan import limits
from mutualplan.doubts import said_doubt
from mutualplan.errors import NotTheirs, Refused
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    Instruction,
    Intent,
    Milestone,
    Phrase,
    Plan,
    Question,
    Shift,
    YesTo,
    phrase,
    spoken_date,
    step_title,
)

QUESTION_DAYS = timedelta(days=7)
MAX_QUESTIONS = 20  # open questions a plan keeps; the oldest go first
MAX_KEYS = 10  # questions one "yes" may name (the Message-IDs it replies to)
_KEY = re.compile(r"\.ask-([0-9a-f]{16})@")


def question_key(message_id: str) -> str:
    """The key of the question asked about the message with this Message-ID."""
    return hashlib.sha256(message_id.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def question_message_id(token: str, key: str, domain: str) -> str:
    """The question email's Message-ID: the asked person's reply token first (so a reply that
    lost its plus-address still finds the plan), then the question's key."""
    return f"{token}.ask-{key}@{domain}"


def keys_in(references: list[str]) -> list[str]:
    """The keys of the questions a message replies to, from its In-Reply-To and References."""
    found = [m.group(1) for ref in references if (m := _KEY.search(ref))]
    return list(dict.fromkeys(found))[:MAX_KEYS]


def yes_to(keys: list[str], option: int | None = None) -> YesTo:
    """What a YES command says yes to."""
    return YesTo(keys=keys[:MAX_KEYS], option=option)


def keep(plan: Plan, question: Question, now: datetime) -> None:
    """Keep a new question on the plan (asking again about the same message replaces it);
    expired ones go, and the oldest beyond MAX_QUESTIONS."""
    plan.questions = [q for q in plan.questions if q.expires > now and q.key != question.key] + [
        question
    ]
    del plan.questions[:-MAX_QUESTIONS]


def resolve(plan: Plan, command: ReplyCommand, now: datetime) -> ReplyCommand:
    """The command a "yes" answers, as the person who was asked sent it; any other command as
    it is. Refused when there is no such open question, or it reads more than one way and the
    answer did not say which."""
    if command.intent is not Intent.YES:
        return command
    answer, question = _answered(plan, command, now)
    if answer.option is None and len(question.options) > 1:
        why = said_doubt(question.doubt) if question.doubt else None
        if why is None:
            raise Refused(phrase("your email reads more than one way. Answer with one of the "
                                 "links, or write it out"))  # fmt: skip
        raise Refused(phrase("{why} Answer with one of the links, or write it out", why=why))
    index = answer.option or 0
    if index >= len(question.options):
        raise Refused(phrase("that answer is not one of the question's"))
    return command.doing(question.options[index])


def take(plan: Plan, command: ReplyCommand, now: datetime) -> ReplyCommand:
    """`resolve`, and the question answered is no longer open."""
    resolved = resolve(plan, command, now)
    if command.intent is Intent.YES:
        _, question = _answered(plan, command, now)
        plan.questions = [q for q in plan.questions if q.key != question.key]
    return resolved


def open_question(plan: Plan, key: str, now: datetime) -> Question | None:
    return next((q for q in plan.questions if q.key == key and q.expires > now), None)


def _answered(plan: Plan, command: ReplyCommand, now: datetime) -> tuple[YesTo, Question]:
    answer = command.details if isinstance(command.details, YesTo) else YesTo()
    question = next(
        (q for key in answer.keys if (q := open_question(plan, key, now)) is not None), None
    )
    if question is None:
        raise Refused(
            phrase("there is no open question to say yes to: it was answered, or it expired")
        )
    person = plan.stakeholder(question.person_id)
    if person is None or person.email != command.sender:
        raise NotTheirs(f"the question was not asked of {command.sender}")
    return answer, question


def expires(now: datetime) -> datetime:
    return now + QUESTION_DAYS


def described(plan: Plan, option: Instruction) -> Phrase:
    """What an option does, as the question and its link say it: "mark «Security review»
    done", "new date Fri 11 Dec 2026 for «Security review»" (in the reader's language)."""
    milestone = plan.milestone_by_number(option.step) if option.step else None
    step = (
        phrase("\u00ab{title}\u00bb", title=step_title(milestone))
        if milestone
        else phrase("the step")
    )
    match option.intent:
        case Intent.DONE if option.argument:  # what they wrote with it is kept with it
            return phrase(
                "mark {step} done with the note \u201c{note}\u201d",
                step=step,
                note=limits.cut(option.argument, limits.NOTE),
            )
        case Intent.DONE:
            return phrase("mark {step} done", step=step)
        case Intent.RESCHEDULE if isinstance(option.details, Shift):
            return _shifted(plan, milestone, option.details, step)
        case Intent.RESCHEDULE:
            return phrase("new date {date} for {step}", date=_spoken(option.argument), step=step)
        case Intent.GO_LIVE:
            return phrase("new go-live {date}", date=_spoken(option.argument))
        case Intent.BLOCKED:
            return phrase("{step} is blocked: {reason}", step=step, reason=option.argument)
        case Intent.REASSIGN:
            return phrase("hand {step} over to {owner}", step=step, owner=option.argument)
        case Intent.NOTE:
            return phrase("add a note to {step}: {note}", step=step, note=option.argument)
    command = f"{option.intent.value} {option.argument}".strip()
    return phrase("{command} for {step}", command=command, step=step)


def _shifted(plan: Plan, milestone: Milestone | None, shift: Shift, step: Phrase) -> Phrase:
    """ "new date Thu 21 Jan (1 week later) for «Security review»": the date the amount gives
    the step now; the amount alone when the step is not known."""
    if milestone is None:
        return phrase("a new date {amount} for {step}", amount=shift.said(), step=step)
    when = shift.applied_to(milestone.due, plan.holidays.days_off)
    return phrase(
        "new date {date} ({amount}) for {step}",
        date=spoken_date(when),
        amount=shift.said(),
        step=step,
    )


def _spoken(iso: str) -> Phrase | str:
    """'Fri 11 Dec 2026', as answers name a date."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return spoken_date(day)
