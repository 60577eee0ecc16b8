"""How many automatic answers the engine may send, and to whom: no backscatter, no mail loops.

An answer (how to answer, the plan's status, why a change was refused, why no plan started) goes
only to a sender the decision found trustworthy; this budget then bounds how many go out: at most
`per_hour` in all in any hour (a flood of forged mail costs the engine a bounded number of emails,
whoever it forges), and per person each kind at most as often as `PER_PERSON_PER_HOUR` says (two
engines answering each other stop after one round). Pure: time comes in as an argument. The
budget is per worker process; it holds at most `per_hour` entries.
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


# at most this many of a kind to one person in an hour; how-to-answer counts as one kind
PER_PERSON_PER_HOUR = {
    AnswerKind.HELP: 1,
    AnswerKind.NOT_UNDERSTOOD: 1,
    AnswerKind.REFUSED: 1,
    AnswerKind.STATUS: 10,
    AnswerKind.UNKNOWN_TEMPLATE: 3,
    AnswerKind.START_FAILED: 3,
    AnswerKind.BROKEN_TEMPLATE: 3,
    AnswerKind.TEMPLATES: 3,
}
_SAME_KIND = {AnswerKind.NOT_UNDERSTOOD: AnswerKind.HELP}


class AnswerBudget:
    def __init__(self, per_hour: int) -> None:
        self._per_hour = per_hour
        self._sent: deque[tuple[float, str, AnswerKind]] = deque()  # oldest first

    def allow(self, recipient: str, kind: AnswerKind, now: float) -> bool:
        """True (and counted) if one more answer of `kind` to `recipient` is within budget."""
        while self._sent and now - self._sent[0][0] >= HOUR:
            self._sent.popleft()
        if len(self._sent) >= self._per_hour:
            return False
        counted = _SAME_KIND.get(kind, kind)
        already = sum(1 for _, to, k in self._sent if to == recipient and k is counted)
        if already >= PER_PERSON_PER_HOUR[kind]:
            return False
        self._sent.append((now, recipient, counted))
        return True
