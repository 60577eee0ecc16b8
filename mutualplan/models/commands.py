"""The commands people's replies carry: what a reply asks for (`Intent`), and its argument,
one string or, when it says more than one thing, `Details`; one command line an `Instruction`."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator

from mutualplan.business_days import (
    DaysOff,
    add_business_days,
    add_months,
    business_day_on_or_after,
)
from mutualplan.header_text import as_written
from mutualplan.models.phrases import Phrase, plural_phrase


class Intent(StrEnum):
    DONE = "done"
    BLOCKED = "blocked"
    RESCHEDULE = "reschedule"
    REASSIGN = "reassign"
    NOTE = "note"
    GO_LIVE = "go-live"
    ADD = "add"
    REMOVE = "remove"
    CANCEL = "cancel"
    ADD_STEP = "add-step"
    REMOVE_STEP = "remove-step"
    CRITERION = "criterion"
    CONFIRM = "confirm"
    LANGUAGE = "language"
    RESUME = "resume"
    MEETING = "meeting"
    SKIP_CALL = "skip-call"
    MOVE_CALL = "move-call"
    CADENCE = "cadence"
    STATUS = "status"
    AMOUNT = "amount"
    CLOSE = "close"
    HELP = "help"
    YES = "yes"  # a bare "yes": the answer to a question the engine asked ("Did you mean ...?")
    UNKNOWN = "unknown"
    IGNORED = "ignored"


# the most a command line carries into the plan's history as an update's input: a real one is
# far shorter (a note is cut at 2,000 characters when applied; the email keeps the whole text)
MAX_ARGUMENT = 10_000
# what a person wrote, as a command carries it into the plan (a note, a reason, a comment): its
# lines kept, without control characters and bidi overrides, wherever it comes from (`as_written`)
Argument = Annotated[str, AfterValidator(lambda text: as_written(text)[:MAX_ARGUMENT])]


class NewPerson(BaseModel):
    """ADD's argument: 'add: Kim Lee <kim@globex.example> as legal'."""

    kind: Literal["person"] = "person"
    person: Argument = Field(
        description="as written: 'Kim Lee <kim@globex.example>', or the address"
    )
    role: str = Field(default="", description="a role key ('legal'); empty: none given")


class NewStep(BaseModel):
    """ADD_STEP's argument: 'add step: Pilot sign-off, due Jan 10, owner kim@globex.example,
    after #3'."""

    kind: Literal["step"] = "step"
    title: Argument
    due: date | None = None
    owner: str | None = None
    after: list[int] = Field(default_factory=list)


class CallMove(BaseModel):
    """MOVE_CALL's argument: 'move the Dec 23 call to Dec 24 10:00'."""

    kind: Literal["call-move"] = "call-move"
    call: str = Field(description="the call moved: its ISO date, or 'next'")
    to: str = Field(description="when it moves to: an ISO date and time")


class LanguageChoice(BaseModel):
    """LANGUAGE's argument: 'language of jane@globex.example: fr' (the seller, for anyone)."""

    kind: Literal["language"] = "language"
    address: str
    code: str = Field(description="the language's code: fr")


class Shift(BaseModel):
    """RESCHEDULE's argument when it moves the date by an amount ("push this back a week"): the
    plan resolves it against the step's due date when it applies it. Weeks are calendar weeks
    (the same weekday); days are business days, as a plan's dates are counted; months are the
    same day of the month (its last day when it has none), or the first business day after."""

    kind: Literal["shift"] = "shift"
    count: int = Field(ge=-366, le=366, description="how many; negative: earlier")
    unit: Literal["days", "weeks", "months"] = "days"  # a unit added: old records still read

    def applied_to(self, due: date, days_off: DaysOff) -> date:
        """The date `due` moved by this amount, on the plan's days off."""
        if self.unit == "weeks":
            return due + timedelta(weeks=self.count)
        if self.unit == "months":
            return business_day_on_or_after(add_months(due, self.count), days_off)
        return add_business_days(due, self.count, days_off)

    def said(self) -> Phrase:
        """'a week later', '2 business days earlier': how the amount is named back."""
        count = abs(self.count)
        if self.unit == "weeks" and self.count >= 0:
            return plural_phrase("{count} week later", "{count} weeks later", count)
        if self.unit == "weeks":
            return plural_phrase("{count} week earlier", "{count} weeks earlier", count)
        if self.unit == "months" and self.count >= 0:
            return plural_phrase("{count} month later", "{count} months later", count)
        if self.unit == "months":
            return plural_phrase("{count} month earlier", "{count} months earlier", count)
        if self.count >= 0:
            return plural_phrase("{count} business day later", "{count} business days later", count)
        return plural_phrase("{count} business day earlier", "{count} business days earlier", count)


class YesTo(BaseModel):
    """YES's argument: the questions a "yes" may be about (their keys), and the option it chose
    (a link names one; None: the question's only one)."""

    kind: Literal["yes"] = "yes"
    keys: list[str] = Field(default_factory=list, max_length=10)
    option: int | None = Field(default=None, ge=0)


# the argument of a command that says more than one thing (the others are one string)
Details = Annotated[
    NewPerson | NewStep | CallMove | LanguageChoice | YesTo | Shift, Field(discriminator="kind")
]


def details_of_0_2_0(data: Any) -> Any:
    """ADD and ADD_STEP as version 0.2.0 wrote them, in `argument`: 'person|role' and a NewStep
    as JSON. Its plans' histories hold such commands, and replay them through this code."""
    if not isinstance(data, dict) or data.get("details") or not data.get("argument"):
        return data
    intent, argument = data.get("intent"), data["argument"]
    if intent == Intent.ADD:
        person, _, role = argument.rpartition("|")
        return {**data, "argument": "", "details": NewPerson(person=person, role=role)}
    if intent == Intent.ADD_STEP:
        return {**data, "argument": "", "details": NewStep.model_validate_json(argument)}
    return data


class Instruction(BaseModel):
    """One command line of a reply: what to do, to which step (None: the token's or the plan).
    `argument` is what the command says (a date, an address, a text), or `details` when it says
    more than one thing."""

    intent: Intent
    argument: Argument = ""
    details: Details | None = None
    step: int | None = Field(default=None, description="a step named in the text: '#3 ...'")

    _upgraded = model_validator(mode="before")(details_of_0_2_0)
