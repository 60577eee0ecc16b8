"""What a plan keeps of its webhooks from run to run (in its run state, `PlanRun`): the events
not yet delivered and what the webhooks were last told. Models only, so the models module can
carry them; the events themselves are read in `mutualplan.webhooks`."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import AwareDatetime, BaseModel, Field


class WebhookEvent(BaseModel):
    id: str = Field(description="the webhook-id: the same on every attempt")
    type: str
    at: AwareDatetime
    data: dict[str, Any]

    def body(self) -> bytes:
        """The request body, as signed and sent."""
        return (
            WebhookBody(type=self.type, timestamp=self.at, data=self.data)
            .model_dump_json(exclude_none=False)
            .encode()
        )


class WebhookBody(BaseModel):
    type: str
    timestamp: AwareDatetime
    data: dict[str, Any]


class MilestoneMark(BaseModel):
    status: str
    blocked: str = ""
    late_since: date | None = Field(default=None, description="the due date it was late on")


class Marks(BaseModel):
    """What the webhooks were last told of a plan (kept in the plan's run state)."""

    status: str = ""
    health: str = ""
    milestones: dict[str, MilestoneMark] = Field(default_factory=dict)
    notes_until: AwareDatetime | None = Field(default=None, description="notes told up to here")
    sequence: int = Field(default=0, description="events made so far: the next id's number")


class Broadcasting(BaseModel):
    """The webhooks' part of a plan's run state."""

    wanted: list[str] | None = Field(default=None, description="event types any endpoint wants")
    marks: Marks | None = Field(default=None, description="what the webhooks were last told")
    queue: list[WebhookEvent] = Field(default_factory=list, description="not yet delivered")
