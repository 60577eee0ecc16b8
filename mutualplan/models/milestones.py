"""A plan's steps (`Milestone`) and the lines of history a plan and its steps keep (`Event`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from mutualplan.models.people import Side
from mutualplan.models.phrases import OneLine, Phrase


class MilestoneStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"


# the author of what the engine did itself (a step started, the plan completed or stalled)
ENGINE = "engine"


class SaidOnce(BaseModel):
    """A line of text with its phrase (`said`: the same, to show in any language). As JSON (what
    Temporal and the memo keep) a line with `said` leaves out `what`, its English, which is read
    back from `said`: a note's text is kept once, not twice."""

    what: str
    said: Phrase | None = None

    @model_validator(mode="before")
    @classmethod
    def _what_from_said(cls, data: Any) -> Any:
        if isinstance(data, dict) and "what" not in data and data.get("said") is not None:
            said = data["said"]
            said = said if isinstance(said, Phrase) else Phrase.model_validate(said)
            data = {**data, "what": said.english()}
        return data

    @model_serializer(mode="wrap")
    def _said_once(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        data = handler(self)
        if info.mode_is_json() and self.said is not None and self.what == self.said.english():
            data.pop("what", None)
        return data


class Event(SaidOnce):
    """One line of history: who did what, when."""

    at: AwareDatetime
    by: str


class Titled(Protocol):
    """A step, running or in its template: its title, and the title per language."""

    @property
    def title(self) -> str: ...

    @property
    def titles(self) -> dict[str, str]: ...


def step_title(step: Titled) -> str | Phrase:
    """A step's title in a phrase's slot: in the reader's language where its template gave it
    in several (`title: {en: ..., de: ...}`), else as it is."""
    return Phrase(text=step.title, own=step.titles) if step.titles else step.title


class Link(BaseModel):
    """A document or page a step needs, such as the security questionnaire."""

    title: str = Field(min_length=1, max_length=200)
    url: str = Field(pattern=r"^(https?://|mailto:)\S+$", max_length=2000)


class Milestone(BaseModel):
    number: int = Field(description="stable within the plan; reply tokens carry it")
    key: str
    title: OneLine
    description: str = ""
    titles: dict[str, str] = Field(
        default_factory=dict, description="the title in other languages (code -> title)"
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict, description="the description in other languages"
    )
    done_means: list[str] = Field(
        default_factory=list, description="the exit criteria: when the step counts as done"
    )
    done_means_in: dict[str, list[str]] = Field(
        default_factory=dict, description="the exit criteria in other languages"
    )
    links: list[Link] = Field(default_factory=list)
    side: Side | None = Field(
        default=None, description="whose step it is, whoever stands in as its owner"
    )
    owner_id: int
    owner_role: str = ""
    offset: int | None = Field(default=None, description="business days from go-live, if planned")
    after: list[str] = Field(default_factory=list, description="keys of the steps it waits for")
    due: date
    planned_due: date | None = Field(default=None, description="the due date first planned")
    status: MilestoneStatus = MilestoneStatus.PENDING
    started_at: AwareDatetime | None = None
    done_at: AwareDatetime | None = None
    blocked: str = Field(default="", description="why it is blocked; empty when it is not")
    done_note: str = Field(
        default="", description='what its owner wrote with "done": "agreed with Sam"'
    )
    history: list[Event] = Field(default_factory=list)
    signature: bool = Field(
        default=False, description="the deal is signed here: its projected date is the close"
    )

    @property
    def state(self) -> str:
        """What a list of steps says it is: its status, or "blocked" while it is blocked."""
        blocked = self.status is MilestoneStatus.ACTIVE and self.blocked
        return "blocked" if blocked else self.status.value

    @model_validator(mode="after")
    def _planned_is_first_due(self) -> Milestone:
        if self.planned_due is None:  # a new milestone, or one from before the field existed
            self.planned_due = self.due
        return self
