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

from mutualplan.links import Links
from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.natural import Certainty
from mutualplan.mail.tokens import make_token
from mutualplan.models import Instruction, Intent, Milestone, Plan, Question
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


def read_as(facts: InboundFacts, step: Milestone | None) -> str:
    """How the engine read the words: "I read: new date Fri 11 Dec 2026 for «Security review»
    (from «Can we push this to Dec 11?»)"."""
    understood = facts.understood
    words = understood.read_from or _first_line(facts.text)
    source = f" (from \u00ab{_quoted(words)}\u00bb)" if words else ""
    if understood.intent in (Intent.UNKNOWN, Intent.IGNORED):
        return f"I could not read a change to the plan{source}."
    if understood.intent is Intent.YES and keys_in(facts.references):
        return f"I read: yes, to my question{source}."
    if understood.intent is Intent.YES:
        return f"I read: yes{source}, but I had asked you nothing to say yes to."
    what = understood.described()
    if step is not None and understood.intent in _STEP_INTENTS:
        what += f" for \u00ab{step.title}\u00bb"
    if understood.certainty is Certainty.NONE and understood.doubts:
        what += f", but {understood.doubts[0]}"
    return f"I read: {what}{source}."


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _quoted(words: str) -> str:
    words = " ".join(words.split())
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
        self, facts: InboundFacts, kind: AnswerKind, plan: Plan | None, now: datetime, **more: str
    ) -> OutgoingEmail:
        """`more`: the refusal's `reason`, the change's `summary`, the question's `key`."""
        step = step_answered(facts, plan) if plan else None
        context = self._about(facts, plan, step, now) | {"text": facts.text} | more
        if kind is AnswerKind.ASKED:
            question = _question(plan, more.get("key", ""))
            context |= {"options": self._options(plan, question, facts, now)}
            context |= {"doubt": question.doubt if question else ""}
        if kind in (AnswerKind.HELP, AnswerKind.NOT_UNDERSTOOD):
            context |= {"not_understood": kind is AnswerKind.NOT_UNDERSTOOD}
        thread = threaded(facts, "Your email to mutualplan")
        token = self._token(facts)
        return OutgoingEmail(
            sender=self._settings.plans_address,
            to=[facts.sender.address],
            subject=thread.subject[:200],
            text=self._renderer.text(REPLIES[kind], **context),
            message_id=self._message_id(facts, kind, token, more.get("key", "")),
            reply_to=self._settings.reply_address(token) if token else None,
            in_reply_to=thread.in_reply_to,
            references=thread.references,
            sent_at=now,
        )

    def _about(
        self, facts: InboundFacts, plan: Plan | None, step: Milestone | None, now: datetime
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
            "read_as": read_as(facts, step),
            "page": page,
        }

    def _options(
        self, plan: Plan | None, question: Question | None, facts: InboundFacts, now: datetime
    ) -> list[dict[str, str]]:
        if plan is None or question is None:
            return []
        person = question.person_id
        return [
            {
                "said": described(plan, option),
                "choice": _choice(option),
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


def _choice(option: Instruction) -> str:
    """An option in a word or two: its date, its address."""
    try:
        day = date.fromisoformat(option.argument)
    except ValueError:
        return option.argument or option.intent.value
    return f"{day:%a} {day.day} {day:%b %Y}"
