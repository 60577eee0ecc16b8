"""How an inbound message ended: one outcome of a few, and the reason in words.

The outcome is what the listener files by (applied: processed; anything else: set aside) and
what the metrics count by; the reason is for the person who looks at the set-aside folder.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from mutualplan.models import Phrase


class Outcome(StrEnum):
    APPLIED = "applied"  # durable: a plan started or changed, or the answer asked for was sent
    AUTOMATED = "automated"  # a machine wrote it (bounce, auto-reply, list mail)
    BAD_SENDER = "bad_sender"  # no From that reads as exactly one plain mailbox
    OWN_MAIL = "own_mail"  # the engine's own email came back
    DMARC = "dmarc"  # our receiving server did not verify the sender's domain
    NOT_UNDERSTOOD = "not_understood"
    TOO_LARGE = "too_large"
    TOO_LONG_TO_READ = "too_long_to_read"
    INTERNAL_ERROR = "internal_error"
    UNMATCHED = "unmatched"  # about no plan of ours (or a plan that has ended)
    NOT_ALLOWED = "not_allowed"  # the sender may not start plans
    REFUSED = "refused"  # the plan said no; the sender is told why
    NOT_THEIRS = "not_theirs"  # a reply address used by someone it was not sent to
    REPLY_TO_PLAN = "reply_to_plan"  # answers a plan's start email: conversation, not a start
    UNKNOWN_TEMPLATE = "unknown_template"
    BROKEN_TEMPLATE = "broken_template"  # the template the address names has an error
    START_FAILED = "start_failed"  # the start email cannot make a plan (a go-live in the past)
    NO_TEMPLATE = "no_template"  # mail to the plans address names no template


class Disposition(BaseModel):
    outcome: Outcome
    reason: str
    said: Phrase | None = Field(default=None, description="a refusal's reason, to translate")
    tell_sender: bool = Field(
        default=False, description="an applied change its sender hears of, however they wrote it"
    )

    @property
    def applied(self) -> bool:
        """Its effect is durable in Temporal: the listener may file it as processed."""
        return self.outcome is Outcome.APPLIED
