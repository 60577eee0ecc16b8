"""A plan: its people, steps and check-in series, what was said on it, and the days its
business days skip."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, field_validator, model_validator

from mutualplan.business_days import SATURDAY_SUNDAY, DaysOff
from mutualplan.models.checkin import CheckIn
from mutualplan.models.milestones import Event, Milestone, MilestoneStatus
from mutualplan.models.people import Role, Stakeholder
from mutualplan.models.phrases import Holiday, OneLine, Phrase
from mutualplan.models.replies import Attachment, Comment, Question


class PublicHolidays(BaseModel):
    """The days a plan's business days skip: the calendars it follows (`US`, `DE-BY`), their
    weekend (every calendar's weekend days: a business day is one they all work) and their
    holidays on working days over the plan's span, by name. Worked out when the plan is made, so
    the workflow's reminders count days the same way on every replay; a plan from before the
    weekend was kept has Saturday and Sunday, as it was counted then."""

    calendars: list[str] = Field(default_factory=list)
    days: dict[date, str] = Field(default_factory=dict)
    weekend: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=lambda: sorted(SATURDAY_SUNDAY),
        description="the weekdays off, Monday 0; never the whole week",
    )

    @field_validator("weekend")
    @classmethod
    def _weekend_is_some_weekdays(cls, weekend: list[int]) -> list[int]:
        days = sorted(set(weekend))
        if len(days) == 7:
            raise ValueError("a weekend cannot be the whole week")
        return days

    def holiday(self, day: date) -> Holiday | None:
        """The holiday on `day`, for a phrase to name in each reader's language; None on any
        other day."""
        name = self.days.get(day)
        return Holiday(name=name, day=day, calendars=list(self.calendars)) if name else None

    @property
    def days_off(self) -> DaysOff:
        """What business-day counts skip: the weekend and the holidays, as one value."""
        return DaysOff(holidays=frozenset(self.days), weekend=frozenset(self.weekend))

    @property
    def has_own_weekend(self) -> bool:
        """A weekend other than Saturday and Sunday: said where the calendars are shown."""
        return frozenset(self.weekend) != SATURDAY_SUNDAY


class Health(StrEnum):
    """How a plan is doing (`health.read_health`); a plan that is not active has its status."""

    ON_TRACK = "on track"
    AT_RISK = "at risk"
    STALLED = "stalled"
    DRAFT = "draft"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    STALLED = "stalled"  # nobody acted for weeks past the last due date: closed, resumable a while


# the most people one plan takes, seller included (settings.max_stakeholders by default)
DEFAULT_MAX_STAKEHOLDERS = 30


class Plan(BaseModel):
    id: str
    template: str
    deal: OneLine
    value_statement: str = ""
    value_statements: dict[str, str] = Field(
        default_factory=dict, description="the template's value statement in other languages"
    )
    success_criteria: list[str] = Field(default_factory=list)
    success_criteria_in: dict[str, list[str]] = Field(
        default_factory=dict, description="the template's success criteria in other languages"
    )
    go_live: date
    seller_id: int
    stakeholders: list[Stakeholder]
    former: list[Stakeholder] = Field(
        default_factory=list,
        description="people removed from the plan; their tokens no longer work",
    )
    milestones: list[Milestone]
    created_at: AwareDatetime
    status: PlanStatus = PlanStatus.ACTIVE
    notices: list[str] = Field(default_factory=list)
    said_notices: list[Phrase] = Field(
        default_factory=list, description="the notices as phrases, said in each reader's language"
    )
    history: list[Event] = Field(default_factory=list)
    checkin: CheckIn | None = None
    timezone: str = Field(default="UTC", description="where reminders go out at 9:00")
    reminders: list[int] = Field(
        default_factory=lambda: [3, 0], description="business days before due to remind owners"
    )
    health: Health = Health.ON_TRACK
    projected_go_live: date | None = None
    language: str = Field(
        default="", description="the template's default language for the plan's people"
    )
    max_stakeholders: int = Field(
        default=DEFAULT_MAX_STAKEHOLDERS,
        description="the most people the plan takes; `add` beyond it is refused",
    )
    projected_close: date | None = Field(
        default=None, description="the signature step's projected date (as last read)"
    )
    amount: Decimal | None = Field(default=None, description="the deal's amount (`Amount:`)")
    currency: str = Field(default="", description="ISO 4217 code of the amount, e.g. USD")
    crm_close: date | None = Field(default=None, description="the CRM's close date (`Close:`)")
    horizon_years: int = Field(
        default=3, description="go-live and due dates may be at most this many years ahead"
    )
    holidays: PublicHolidays = Field(default_factory=PublicHolidays)
    stall_after_weeks: int = Field(
        default=4, ge=1, description="weeks with no action past the last due date: stalled"
    )
    resume_until: AwareDatetime | None = Field(
        default=None, description="a stalled plan: its seller may answer 'resume' until then"
    )
    history_omitted: int = Field(
        default=0,
        description="older events no longer kept (`edits.history`), or left out of this copy "
        "(the plan as queried)",
    )
    last_step_number: int = Field(
        default=0, description="the highest step number ever given: numbers are never reused"
    )
    removed_steps: dict[int, str] = Field(
        default_factory=dict, description="number -> title of the steps taken off the plan"
    )
    comments: list[Comment] = Field(
        default_factory=list, description="what people wrote that was not a command, oldest first"
    )
    attachments: list[Attachment] = Field(
        default_factory=list, description="files that came with replies; the mailbox keeps them"
    )
    questions: list[Question] = Field(
        default_factory=list, description="'Did you mean ...?' asked, not yet answered"
    )

    @model_validator(mode="after")
    def _numbers_are_counted(self) -> Plan:
        """A plan from before the counter counts from its highest step."""
        numbers = [m.number for m in self.milestones] + list(self.removed_steps)
        self.last_step_number = max([self.last_step_number, *numbers])
        return self

    @property
    def champion(self) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.role is Role.CHAMPION), None)

    @property
    def seller(self) -> Stakeholder:
        found = self.stakeholder(self.seller_id)
        assert found is not None, "a plan always has its seller"
        return found

    def stakeholder(self, stakeholder_id: int) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.id == stakeholder_id), None)

    def stakeholder_by_email(self, email: str) -> Stakeholder | None:
        wanted = email.strip().lower()
        return next((s for s in self.stakeholders if s.email == wanted), None)

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def milestone_by_number(self, number: int) -> Milestone | None:
        return next((m for m in self.milestones if m.number == number), None)

    def after_numbers(self, milestone: Milestone) -> list[int]:
        """The numbers of the steps `milestone` waits for."""
        return [m.number for key in milestone.after if (m := self.milestone(key))]

    def owner(self, milestone: Milestone) -> Stakeholder:
        return self.stakeholder(milestone.owner_id) or self.seller

    @property
    def done_count(self) -> int:
        return sum(m.status is MilestoneStatus.DONE for m in self.milestones)

    @property
    def progress_percent(self) -> int:
        return round(100 * self.done_count / len(self.milestones)) if self.milestones else 100

    @property
    def active_milestones(self) -> list[Milestone]:
        return [m for m in self.milestones if m.status is MilestoneStatus.ACTIVE]
