"""The recurring check-in call a plan keeps: its series, who answered what, the calls skipped
or moved, and what attendees' calendars were last sent (`checkins` keeps them in step)."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, Field

from mutualplan.calendar.checkin import Cadence
from mutualplan.models.phrases import Phrase


class CallAnswer(BaseModel):
    """One person's answer for one call of the series (a REPLY with a RECURRENCE-ID)."""

    stakeholder_id: int
    call: AwareDatetime = Field(description="the call's start as the series has it (RECURRENCE-ID)")
    partstat: str
    dtstamp: AwareDatetime | None = Field(default=None, description="when their client wrote it")


class CallChange(BaseModel):
    """One call of the series skipped (`moved_to` None) or moved to another time."""

    call: AwareDatetime = Field(description="the call's start as the series has it (RECURRENCE-ID)")
    moved_to: AwareDatetime | None = None


class ShownSeries(BaseModel):
    """What attendees' calendars were last sent for the series: whatever differs from it is
    a change they must get as an update, with SEQUENCE + 1 (see `checkins.sync`)."""

    deal: str
    go_live: date
    cadence: Cadence
    first_call: AwareDatetime
    until: AwareDatetime
    meeting: str = ""
    attendees: list[tuple[int, str, str, str]] = Field(
        default_factory=list, description="(id, email, name, role) of everyone invited"
    )
    changes: list[CallChange] = Field(default_factory=list)


class CheckIn(BaseModel):
    """The recurring check-in call: its cadence, the invite's SEQUENCE, and who answered what.

    A plan has one series at a time. Changing the cadence after calls were held ends that
    series (kept in `earlier`, so its past calls stay on calendars) and starts a new one with
    a UID of its own (`number`)."""

    cadence: Cadence
    sequence: int = 0
    answers: dict[int, str] = Field(
        default_factory=dict, description="stakeholder id -> PARTSTAT for the whole series"
    )
    answered_at: dict[int, AwareDatetime] = Field(
        default_factory=dict, description="stakeholder id -> DTSTAMP of their series answer"
    )
    call_answers: list[CallAnswer] = Field(default_factory=list)
    meeting: str = Field(default="", description="where the call happens: a meeting URL")
    changes: list[CallChange] = Field(default_factory=list, description="calls skipped or moved")
    first_call: AwareDatetime | None = Field(
        default=None, description="None: the first slot after the plan was created"
    )
    ended_at: AwareDatetime | None = Field(default=None, description="the series ends here")
    number: int = Field(default=0, description="which series of the plan (its UID says it)")
    revised_at: AwareDatetime | None = Field(
        default=None, description="when SEQUENCE was last raised: the page .ics's DTSTAMP"
    )
    shown: ShownSeries | None = Field(
        default=None, description="what the invites last sent showed; None before they go out"
    )
    latest: list[str] = Field(
        default_factory=list, description="what the last update changed, for its subject"
    )
    latest_said: list[Phrase] = Field(
        default_factory=list, description="the same, said in each reader's language"
    )
    earlier: list[CheckIn] = Field(default_factory=list, description="series that ended")
