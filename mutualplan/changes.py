"""What an edit to a plan comes to: a summary, and whom to tell (or why it was refused)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from mutualplan.errors import MutualPlanError
from mutualplan.models import EmailKind, Phrase


class Refused(MutualPlanError):
    """The command is not allowed or makes no sense for the plan as it is: the person who sent
    it is told why (`said`: the reason as a phrase, told in their language)."""

    def __init__(self, reason: str | Phrase) -> None:
        self.said = reason if isinstance(reason, Phrase) else None
        super().__init__(str(reason))


class NotTheirs(Refused):
    """The reply token was not sent to whoever answered it (forwarded, forged, or its holder
    left the plan): nobody is answered, so a forged sender gets no mail from us."""


class NotThisAttendee(MutualPlanError):
    """A calendar answer came from an address that is not provably the invitee's (another
    name at their domain, a forwarding address): not an answer to record, but someone writing
    about the plan, whom the seller should hear from."""


class Notice(BaseModel):
    kind: EmailKind
    recipient_id: int
    milestone_key: str | None = None
    note: str = ""
    said: list[Phrase] = Field(default_factory=list, description="the note, to translate")


class Change(BaseModel):
    summary: str
    notices: list[Notice]
    said: list[Phrase] = Field(default_factory=list, description="the summary, to translate")


def refusal_said(details: Sequence[Any]) -> Phrase | None:
    """The reason's phrase a plan sends with its refusal (an ApplicationError's details);
    None from plans of earlier versions, which send the English only."""
    try:
        return Phrase.model_validate(details[0]) if details else None
    except ValidationError:
        return None
