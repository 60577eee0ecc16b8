"""What an answer to a person's own message says, and how it threads on it. Pure.

Help, refusals, "Did you mean ...?" and confirmations are replies to the message they answer:
In-Reply-To and References name it, the subject is "Re: " and its subject, and the text names
the plan and the step and says how the engine read the words ("I read: new date Fri 11 Dec
2026 for «Security review»"), so that a misreading shows at once.

Confirmations: a reply the engine read from the person's own words ("Erledigt", "Can we move
this to Friday?") or a yes to its question, that changed the plan, gets one short confirmation
threaded on it, at most one per message (a redelivered message is not confirmed again), so that
a misreading shows at once. A one-line command of the engine's own ("done", "new date:
2027-01-15") means one thing and gets none: the "Done" and "Changed" emails to the other side,
and the plan page, say it. A confirmation is an answer, not news, so the one-email-a-day pacing
of plan emails does not hold it back (the person has just acted, and pacing lets news through
at once for someone who acted that day anyway); the answer budget (`routing.answers`) bounds
how many go to one person in an hour.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from pydantic import BaseModel

from mutualplan.business_days import example_dates
from mutualplan.doubts import either, intent_word, said_doubt
from mutualplan.header_text import mailbox, one_line
from mutualplan.languages import ENGLISH, Wording, plan_in, wording
from mutualplan.links import Links
from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.tokens import make_token
from mutualplan.mail.understanding import Understanding
from mutualplan.models import (
    Instruction,
    Intent,
    Milestone,
    Phrase,
    Plan,
    Question,
    Shift,
    phrase,
    spoken_date,
)
from mutualplan.questions import described, keys_in, question_message_id
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.facts import InboundFacts
from mutualplan.settings import Settings

MAX_REFERENCES = 20  # of the answered message's own, kept in the answer's References
QUOTED = 120  # characters of their words quoted back
_REPLY_PREFIX = re.compile(r"^\s*(?:re|aw|sv|antw|r|rif|res)\s*:", re.I)
# the intents that are about one step (the others are about the plan)
_STEP_INTENTS = {
    Intent.DONE,
    Intent.BLOCKED,
    Intent.RESCHEDULE,
    Intent.REASSIGN,
    Intent.NOTE,
}


class Threading(BaseModel):
    subject: str
    in_reply_to: str
    references: list[str]


def threaded(facts: InboundFacts, fallback_subject: str) -> Threading:
    """Headers that make an answer a reply to `facts`'s message, in its conversation."""
    subject = facts.subject.strip() or fallback_subject
    if not _REPLY_PREFIX.match(subject):
        subject = f"Re: {subject}"
    earlier = [r for r in facts.references if r != facts.message_id][-(MAX_REFERENCES - 1) :]
    return Threading(
        subject=subject, in_reply_to=facts.message_id, references=[*earlier, facts.message_id]
    )


def step_answered(facts: InboundFacts, plan: Plan) -> Milestone | None:
    """The step the message is about: named in its text ("#3 ..."), else its reply token's."""
    number = facts.understood.step or (facts.claims.milestone_number if facts.claims else 0)
    return plan.milestone_by_number(number) if number else None


def read_as(facts: InboundFacts, step: Milestone | None) -> Phrase:
    """How the engine read the words: "I read: new date Fri 11 Dec 2026 for «Security review»
    (from «Can we push this to Dec 11?»)", to say in the reader's language."""
    understood = facts.understood
    words = _quoted(understood.read_from or _first_line(facts.text))
    if understood.intent in (Intent.UNKNOWN, Intent.IGNORED):
        if words:
            return phrase("I could not read a change to the plan (from \u00ab{words}\u00bb).",
                          words=words)  # fmt: skip
        return phrase("I could not read a change to the plan.")
    if understood.intent is Intent.YES and keys_in(facts.references):
        if words:
            return phrase("I read: yes, to my question (from \u00ab{words}\u00bb).", words=words)
        return phrase("I read: yes, to my question.")
    if understood.intent is Intent.YES:
        if words:
            return phrase("I read: yes (from \u00ab{words}\u00bb), but I had asked you nothing "
                          "to say yes to.", words=words)  # fmt: skip
        return phrase("I read: yes, but I had asked you nothing to say yes to.")
    what = reading(understood)
    if step is not None and understood.intent in _STEP_INTENTS:
        what = phrase("{what} for \u00ab{step}\u00bb", what=what, step=step.title)
    if understood.certainty is Certainty.NONE and understood.doubts:
        what = phrase("{what}, but {doubt}", what=what, doubt=said_doubt(understood.doubts[0]))
    if words:
        return phrase("I read: {what} (from \u00ab{words}\u00bb).", what=what, words=words)
    return phrase("I read: {what}.", what=what)


def reading(understood: Understanding) -> Phrase | str:
    """What the engine read, as an answer names it: "new date Fri 11 Dec 2026" (the same as
    `Understanding.described`, in the reader's language)."""
    match understood.intent:
        case Intent.RESCHEDULE if understood.when:
            return phrase("new date {date}", date=spoken_date(understood.when))
        case Intent.RESCHEDULE if isinstance(understood.details, Shift):
            return phrase("a new date {amount}", amount=understood.details.said())
        case Intent.GO_LIVE if understood.when:
            return phrase("new go-live {date}", date=spoken_date(understood.when))
        case Intent.REASSIGN if understood.address:
            return phrase("new owner {address}", address=understood.address)
        case Intent.BLOCKED:
            return phrase("blocked: {reason}", reason=understood.reason)
        case Intent.NOTE:
            return phrase("note: {text}", text=understood.reason)
    return _WITHOUT_ARGUMENT.get(understood.intent) or intent_word(understood.intent)


# how an intent is named back when its argument could not be read ("a new date, but ...")
_WITHOUT_ARGUMENT = {
    Intent.RESCHEDULE: phrase("a new date"),
    Intent.GO_LIVE: phrase("a new go-live"),
    Intent.REASSIGN: phrase("a new owner"),
    Intent.ADD: phrase("someone to add"),
    Intent.REMOVE: phrase("someone to take off"),
}


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _quoted(words: str) -> str:
    words = one_line(words)  # as they wrote it, but no escape or override of theirs echoed
    return words if len(words) <= QUOTED else words[: QUOTED - 1].rstrip() + "\u2026"


# the answers that reply to a person's message about a plan, and the template each is written with
REPLIES = {
    AnswerKind.HELP: "help",
    AnswerKind.NOT_UNDERSTOOD: "help",
    AnswerKind.REFUSED: "refused",
    AnswerKind.ASKED: "asked",
    AnswerKind.CONFIRMED: "confirmed",
}


class ReplyWriter:
    """Writes the answers in REPLIES: models in, one email out."""

    def __init__(self, settings: Settings, renderer: Renderer) -> None:
        self._settings = settings
        self._renderer = renderer
        base = settings.web_base_url
        self._links = (
            Links(settings.secret_bytes(), base_url=base, days_after_go_live=settings.web_link_days)
            if base
            else None
        )

    def write(
        self,
        facts: InboundFacts,
        kind: AnswerKind,
        plan: Plan | None,
        now: datetime,
        words: Wording | None = None,
        **more: str | Phrase,
    ) -> OutgoingEmail:
        """`more`: the refusal's `reason`, the change's `summary`, the question's `key`; in the
        language of `words` (the person's)."""
        words = words or wording(ENGLISH)
        plan = plan_in(plan, words.code) if plan else None
        step = step_answered(facts, plan) if plan else None
        context = self._about(facts, plan, step, now, words) | {"text": facts.text} | more
        if kind is AnswerKind.ASKED:
            question = _question(plan, str(more.get("key", "")))
            context |= {"options": self._options(plan, question, facts, now, words)}
            options = question.options if question else []
            context |= {"choices": words.say(either([_choice(o) for o in options]))}
            context |= {"doubt": words.say(said_doubt(question.doubt)) if question else ""}
        if kind in (AnswerKind.HELP, AnswerKind.NOT_UNDERSTOOD):
            context |= {"not_understood": kind is AnswerKind.NOT_UNDERSTOOD}
        thread = threaded(facts, words.say(phrase("Your email to mutualplan")))
        token = self._token(facts)
        key = str(more.get("key", ""))
        return OutgoingEmail(
            sender=mailbox("mutualplan", self._settings.plans_address),  # as the digest
            to=[facts.sender.address],
            subject=thread.subject[:200],
            text=self._renderer.text(REPLIES[kind], language=words.code, **context),
            message_id=self._message_id(facts, kind, token, key),
            reply_to=self._settings.reply_address(token) if token else None,
            in_reply_to=thread.in_reply_to,
            references=thread.references,
            sent_at=now,
        )

    def _about(
        self,
        facts: InboundFacts,
        plan: Plan | None,
        step: Milestone | None,
        now: datetime,
        words: Wording,
    ) -> dict[str, object]:
        """What every answer names: the person, the plan and step, how it read the words."""
        person = plan.stakeholder_by_email(facts.sender.address) if plan else None
        page = ""
        if plan and person and self._links:
            page = self._links.for_person(plan.id, plan.go_live, person.id, now).page
        return {
            "name": person.display if person else "",
            "deal": plan.deal if plan else "",
            "step": step.title if step else "",
            "read_as": words.say(read_as(facts, step)),
            "page": page,
            "examples": example_dates(now.date(), plan.go_live, plan.holidays.days_off)
            if plan
            else example_dates(now.date()),
        }

    def _options(
        self,
        plan: Plan | None,
        question: Question | None,
        facts: InboundFacts,
        now: datetime,
        words: Wording,
    ) -> list[dict[str, str]]:
        if plan is None or question is None:
            return []
        person = question.person_id
        return [
            {
                "said": words.say(described(plan, option)),
                "choice": words.say(_choice(option)),
                "link": self._links.yes_url(plan.id, plan.go_live, person, now, question.key, n)
                if self._links
                else "",
            }
            for n, option in enumerate(question.options)
        ]

    def _token(self, facts: InboundFacts) -> str:
        """The sender's own reply token (a reply to the answer reaches the plan), if any."""
        claims = facts.claims
        return make_token(self._settings.secret_bytes(), claims) if claims else ""

    def _message_id(self, facts: InboundFacts, kind: AnswerKind, token: str, key: str) -> str:
        domain = self._settings.domain
        if kind is AnswerKind.ASKED and token and key:
            return question_message_id(token, key, domain)
        digest = hashlib.sha256(f"{facts.message_id}|{kind}".encode()).hexdigest()[:16]
        return f"{token}.answer-{digest}@{domain}" if token else f"answer.{digest}@{domain}"


def _question(plan: Plan | None, key: str) -> Question | None:
    return next((q for q in plan.questions if q.key == key), None) if plan else None


def _choice(option: Instruction) -> Phrase | str:
    """An option in a word or two: its date, its address, its amount."""
    if isinstance(option.details, Shift):
        return option.details.said()
    try:
        day = date.fromisoformat(option.argument)
    except ValueError:
        return option.argument or option.intent.value
    return spoken_date(day)
