"""What an edit to a plan comes to: a summary, and whom to tell (or why it was refused)."""

from __future__ import annotations

from pydantic import BaseModel

from mutualplan.errors import MutualPlanError
from mutualplan.models import EmailKind


class Refused(MutualPlanError):
    """The command is not allowed or makes no sense for the plan as it is: the person who sent
    it is told why."""


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


class Change(BaseModel):
    summary: str
    notices: list[Notice]
