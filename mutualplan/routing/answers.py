"""How many automatic answers the engine may send, and to whom: no backscatter, no mail loops.

An answer (how to answer, the plan's status, why a change was refused, why no plan started) goes
only to a sender the decision found trustworthy; this budget then bounds how many go out: at most
`per_hour` in all in any hour (a flood of forged mail costs the engine a bounded number of emails,
whoever it forges), and per person each kind at most as often as `PER_PERSON_PER_HOUR` says (two
engines answering each other stop after a round or three). Pure: time comes in as an argument. The
budget is per worker process; it holds at most `per_hour` entries.

Confirmations and "Did you mean ...?" questions answer changes a plan accepted from its own
reply address's holder, so forged mail cannot bring them about in bulk; they have a pool of
their own (CHANGES_PER_ANSWER times `per_hour`), so that a busy hour of replies does not use
up the answers for everyone else. None at all goes on meaning none at all.
"""

from __future__ import annotations

from collections import deque
from enum import StrEnum

HOUR = 3600.0


class AnswerKind(StrEnum):
    HELP = "help"  # how to answer, asked for
    NOT_UNDERSTOOD = "not-understood"  # how to answer, after a reply that was not understood
    STATUS = "status"  # where the plan stands
    REFUSED = "refused"  # why the plan did not take the change
    UNKNOWN_TEMPLATE = "unknown-template"  # no template has the name the address gave
    START_FAILED = "start-failed"  # why no plan was started
    BROKEN_TEMPLATE = "broken-template"  # the template the address names has an error
    TEMPLATES = "templates"  # mail to the plans address with no template: the templates there are
    ASKED = "asked"  # "Did you mean ...?": a reply that was probably, not surely, a command
    CONFIRMED = "confirmed"  # the reply changed the plan: what changed, and how it was read


# at most this many of a kind to one person in an hour; how-to-answer counts as one kind
PER_PERSON_PER_HOUR = {
    AnswerKind.HELP: 1,
    AnswerKind.NOT_UNDERSTOOD: 1,
    AnswerKind.REFUSED: 3,  # each refusal is about its own change: a person trying a few hears each
    AnswerKind.STATUS: 10,
    AnswerKind.UNKNOWN_TEMPLATE: 3,
    AnswerKind.START_FAILED: 3,
    AnswerKind.BROKEN_TEMPLATE: 3,
    AnswerKind.TEMPLATES: 3,
    AnswerKind.ASKED: 5,
    AnswerKind.CONFIRMED: 20,
}
_SAME_KIND = {AnswerKind.NOT_UNDERSTOOD: AnswerKind.HELP}
# answers to changes a plan accepted: a pool of their own, this many times the budget
ANSWERS_TO_CHANGES = {AnswerKind.CONFIRMED, AnswerKind.ASKED}
CHANGES_PER_ANSWER = 10


class AnswerBudget:
    def __init__(self, per_hour: int) -> None:
        self._per_hour = per_hour
        self._sent: deque[tuple[float, str, AnswerKind]] = deque()  # oldest first
        self._changes: deque[tuple[float, str, AnswerKind]] = deque()

    def allow(self, recipient: str, kind: AnswerKind, now: float) -> bool:
        """True (and counted) if one more answer of `kind` to `recipient` is within budget."""
        if not self.fits(recipient, kind, now):
            return False
        self.count(recipient, kind, now)
        return True

    def fits(self, recipient: str, kind: AnswerKind, now: float) -> bool:
        """Whether one more answer of `kind` to `recipient` is within budget (not counted)."""
        to_change = kind in ANSWERS_TO_CHANGES
        sent = self._changes if to_change else self._sent
        while sent and now - sent[0][0] >= HOUR:
            sent.popleft()
        if len(sent) >= self._per_hour * (CHANGES_PER_ANSWER if to_change else 1):
            return False
        counted = _SAME_KIND.get(kind, kind)
        already = sum(1 for _, to, k in sent if to == recipient and k is counted)
        return already < PER_PERSON_PER_HOUR[kind]

    def count(self, recipient: str, kind: AnswerKind, now: float) -> None:
        """Count an answer sent."""
        sent = self._changes if kind in ANSWERS_TO_CHANGES else self._sent
        sent.append((now, recipient, _SAME_KIND.get(kind, kind)))
