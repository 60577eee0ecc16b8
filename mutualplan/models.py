"""Plans, milestones and stakeholders, and the commands people's replies carry: the domain
every layer shares. What crosses Temporal (workflow inputs, updates, activity payloads) is in
`messages.py`.

A plan is stored in its workflow's history and state, so fields can be added without breaking
plans that are already running (new fields always get defaults).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Protocol

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from mutualplan.business_days import (
    SATURDAY_SUNDAY,
    DaysOff,
    add_business_days,
    add_months,
    business_day_on_or_after,
)
from mutualplan.calendar.checkin import Cadence
from mutualplan.header_text import as_written, mailbox, one_line

# A name, a deal or a step title: one line, whatever it was read from (an encoded header word can
# hold CR/LF, a line a bidi override). Every page, export, email and log line shows it as one.
OneLine = Annotated[str, AfterValidator(one_line)]


class Side(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


class Role(StrEnum):
    """The part someone plays in the deal, as people write it and a plan keeps it; templates
    and commands name it by its `key` ('economic-buyer', see `roles.role_key`)."""

    CHAMPION = "Champion"
    ECONOMIC_BUYER = "Economic Buyer"
    LEGAL = "Legal"
    SECURITY = "Security"
    PROCUREMENT = "Procurement"
    TECHNICAL_LEAD = "Technical Lead"
    SELLER = "Seller"
    SOLUTIONS_ENGINEER = "Solutions Engineer"
    CUSTOMER_SUCCESS = "Customer Success"

    @property
    def key(self) -> str:
        return self.value.lower().replace(" ", "-")

    @property
    def side(self) -> Side:
        return Side.SELLER if self in SELLER_ROLES else Side.BUYER


SELLER_ROLES = frozenset({Role.SELLER, Role.SOLUTIONS_ENGINEER, Role.CUSTOMER_SUCCESS})
# the buyers whose absence from the check-in calls puts the plan at risk
KEY_ROLES = frozenset({Role.CHAMPION, Role.ECONOMIC_BUYER})


class DateForm(StrEnum):
    """How a phrase shows a date, besides the short 'Fri 11 Dec' and the long `full_date`."""

    SPOKEN = "spoken"  # 'Fri 1 Jan 2027', as an answer names a date back
    DAY = "day"  # '1 January 2027', no weekday
    WEEKDAY = "weekday"  # 'Friday'


class Holiday(BaseModel):
    """A public holiday a phrase names: its name as the plan keeps it (worked out when the plan
    was made, in English where the `holidays` package has one), and the day and calendars that
    say which holiday it is, so that each reader is told its name in their own language
    (`languages.Wording.holiday`), or the kept name where that language has none."""

    name: str
    day: date
    calendars: list[str] = Field(default_factory=list)


class Phrase(BaseModel):
    """Words for people, kept in English until the email to each of them is written in their
    language (`languages.Wording.say`): a catalog message with {slots}, what fills the slots,
    and dates, which each language shows its own way. Build one with `phrase()`."""

    text: str
    plural: str = Field(default="", description="the plural message, when `count` chooses")
    count: int | None = None
    args: dict[str, str] = Field(default_factory=dict)
    dates: dict[str, date] = Field(default_factory=dict)
    long_dates: dict[str, date] = Field(
        default_factory=dict, description="dates shown with their year (`full_date`)"
    )
    forms: dict[str, DateForm] = Field(
        default_factory=dict, description="how a date in `dates` is shown, when not the short way"
    )
    parts: dict[str, Phrase] = Field(default_factory=dict, description="phrases in the slots")
    countries: dict[str, str] = Field(
        default_factory=dict,
        description="ISO 3166 country codes, said as the country's name in each language",
    )
    holidays: dict[str, Holiday] = Field(
        default_factory=dict, description="public holidays, said by their name in each language"
    )
    own: dict[str, str] = Field(
        default_factory=dict,
        description="a text its template gives in each language (a step's title), said as it "
        "is in the reader's, else `text`: no catalog message (`step_title`)",
    )

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """As JSON, only what is set: phrases ride in every email and line of history."""
        data = handler(self)
        if info.mode_is_json() and isinstance(data, dict):
            return {k: v for k, v in data.items() if k == "text" or v not in ("", None, {})}
        return data

    @property
    def filled(self) -> bool:
        """Whether it has slots to fill (else braces in it are text)."""
        return bool(
            self.args
            or self.dates
            or self.long_dates
            or self.parts
            or self.countries
            or self.holidays
        )

    def english(self) -> str:
        text = self.plural if self.plural and self.count != 1 else self.text
        if not self.filled:
            return text  # a word kept as it is (`term`), braces and all
        dates = {k: english_date(v, self.forms.get(k)) for k, v in self.dates.items()}
        dates |= {k: f"{v:%a %d %b %Y}" for k, v in self.long_dates.items()}
        values = {**self.args, **dates, **{k: v.english() for k, v in self.parts.items()}}
        values |= {k: country_name(v, "en") for k, v in self.countries.items()}
        values |= {k: v.name for k, v in self.holidays.items()}
        try:
            return one_full_stop(text, values).format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.english()


# a {slot} or %(slot)s followed by a full stop; and what ends a sentence already ("Dez.",
# "déc.", "Done!", "完了。")
_SLOT_THEN_STOP = re.compile(r"(\{(\w+)\}|%\((\w+)\)[sd])([.。])")
_ENDS_A_SENTENCE = (".", "。", "!", "?", "！", "？", "…")


def one_full_stop(text: str, values: Mapping[str, object]) -> str:
    """`text` without the full stop after a slot whose value already ends a sentence, so that
    a sentence ending on an abbreviated date ("Neue Termine: {dates}." with "Fr., 11. Dez.") or
    on a person's own "legal review." gets one stop, not two: for {slots} and %(slots)s."""

    def stop_once(match: re.Match[str]) -> str:
        value = values.get(match[2] or match[3])
        ends = value is not None and str(value).rstrip().endswith(_ENDS_A_SENTENCE)
        return match[1] if ends else match[0]

    return _SLOT_THEN_STOP.sub(stop_once, text)


def english_date(value: date, form: DateForm | None = None) -> str:
    """A date as the English text shows it: 'Fri 11 Dec' unless `form` says otherwise."""
    match form:
        case DateForm.SPOKEN:
            return f"{value:%a} {value.day} {value:%b %Y}"
        case DateForm.DAY:
            return f"{value.day} {value:%B %Y}"
        case DateForm.WEEKDAY:
            return f"{value:%A}"
    return f"{value:%a %d %b}"


def country_name(code: str, language: str) -> str:
    """A country as `language` names it (CLDR, through Babel): 'DE' -> 'Germany', 'Deutschland';
    the code itself where CLDR has no name for it."""
    from babel import Locale  # CLDR's data loads on first use, not with every import of models

    return str(Locale.parse(language).territories.get(code.upper(), code))


def spoken_date(value: date) -> Phrase:
    """A date as an answer names it back: 'Fri 1 Jan 2027', 'Fr., 1. Jan. 2027'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.SPOKEN})


def day_of_year(value: date) -> Phrase:
    """A date without its weekday: '1 January 2027', '1. Januar 2027'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.DAY})


def weekday_of(value: date) -> Phrase:
    """The date's weekday: 'Friday', 'Freitag'."""
    return Phrase(text="{date}", dates={"date": value}, forms={"date": DateForm.WEEKDAY})


def phrase(text: str, /, **args: str | int | date | Phrase | Holiday) -> Phrase:
    """A phrase to say in each reader's language; `text` is its catalog message (extracted by
    `mutualplan.catalogs`, which looks for calls of this function)."""
    return Phrase(text=text, **_slots(args))


def plural_phrase(
    singular: str, plural: str, count: int, /, **args: str | int | date | Phrase | Holiday
) -> Phrase:
    """A phrase with a singular and a plural form; {count} is the number that chooses."""
    return Phrase(text=singular, plural=plural, count=count, **_slots({"count": count, **args}))


def term(word: str) -> Phrase:
    """A word the engine keeps in English in its models (a role, a check-in answer), said in
    the reader's language where the catalog has it (languages.TERMS lists them)."""
    return Phrase(text=word)


def full_date(value: date) -> Phrase:
    """A date with its year, as each language writes it: 'Fri 11 Dec 2026', 'Fr., 11. Dez.
    2026' (a phrase's other dates leave the year out)."""
    return Phrase(text="{date}", long_dates={"date": value})


def day_and_time(moment: datetime) -> Phrase:
    """A day and a time of day (as the moment's own zone has it): 'Tue 23 Dec 10:00',
    'Di., 23. Dez., 10:00'."""
    clock = f"{moment:%H:%M}"
    return phrase("{day} {time}", day=moment.date(), time=clock)


def joined(phrases: list[Phrase], separator: str | Phrase = " ") -> Phrase:
    """Several phrases as one, each said in the reader's language; the joint is `separator`,
    as it is, or a phrase (`CLAUSES`: "; ", French " ; ") each language writes its own way."""
    slots: dict[str, Phrase] = {f"p{n}": p for n, p in enumerate(phrases)}
    if isinstance(separator, Phrase):
        joint, slots = "{joint}", {**slots, "joint": separator}
    else:
        joint = separator.replace("{", "{{").replace("}", "}}")
    text = joint.join(f"{{{k}}}" for k in slots if k != "joint")
    return Phrase(text=text, parts=slots)


def _slots(args: dict[str, str | int | date | Phrase | Holiday]) -> dict[str, dict[str, Any]]:
    return {
        "args": {k: str(v) for k, v in args.items() if isinstance(v, str | int)},
        "dates": {k: v for k, v in args.items() if isinstance(v, date)},
        "parts": {k: v for k, v in args.items() if isinstance(v, Phrase)},
        "holidays": {k: v for k, v in args.items() if isinstance(v, Holiday)},
    }


# Translators: what separates the clauses of a list of changes ("Kim Lee joined; calls now
# Wednesdays", "New dates: Kickoff: 3 Dec -> 5 Dec; Pilot: ..."), a space after it if the
# language writes one
CLAUSES = phrase("; ")


# the languages with complete catalogs (languages.py keeps their words), by their English names
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "nl": "Dutch",
    "pt": "Portuguese",
    "it": "Italian",
    "ja": "Japanese",
}


class Stakeholder(BaseModel):
    """A person on the plan. `id` is stable for the life of the plan and never given to anyone
    else (someone taken off and added again gets theirs back)."""

    id: int
    name: OneLine
    email: str
    role: Role | Literal[""] = ""
    side: Side
    language: str = Field(
        default="", description="the language they read (a code: de); empty: the plan's default"
    )
    language_given: bool = Field(
        default=False,
        description="given in the start email or by the seller: their replies do not change it",
    )

    @property
    def address(self) -> str:
        return mailbox(self.name, self.email)

    @property
    def display(self) -> str:
        return self.name or self.email


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


class MessageFile(BaseModel):
    """One file attached to an inbound message, as read from it (its bytes stay in the mail)."""

    name: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int = Field(ge=0, description="bytes, decoded")
    part: int = Field(ge=0, description="the part's place in the message, in `walk()` order")


class Attachment(MessageFile):
    """A file someone sent about the plan: listed on it, served from the plans mailbox (the
    processed message, found by its Message-ID), never copied into the plan."""

    key: str = Field(description="names it in download links: the message's digest and part")
    by: str
    at: AwareDatetime
    message_id: str
    step: int | None = Field(default=None, description="the step it came with; None: the plan")


class Comment(BaseModel):
    """What a person on the plan wrote that was not a command (a question, a thank-you): kept
    on the plan, shown on its page and forwarded to the seller. Cut to `limits.NOTE`; the
    whole message stays in the plans mailbox."""

    at: AwareDatetime
    by: str = Field(description="the writer's address")
    name: OneLine = ""
    text: str
    step: int | None = Field(default=None, description="the step it answers; None: the plan")
    message_id: str
    subject: str = ""
    files: list[str] = Field(default_factory=list, description="keys of its attachments")


class Question(BaseModel):
    """A command read as probable, asked about ("Did you mean ...?") and not yet answered: a
    "yes" in reply to the question (its Message-ID holds `key`), or its link, applies it."""

    key: str = Field(description="in the question's Message-ID and in its links")
    person_id: int = Field(description="whom it was asked: only they can answer it")
    options: list[Instruction] = Field(description="what it may mean; more than one: which?")
    read_from: str = Field(default="", description="the words it was read from")
    doubt: str = Field(default="", description="why it was asked: '«12/11» reads two ways'")
    asked_at: AwareDatetime
    expires: AwareDatetime


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
        default=0, description="older events left out of this copy (the plan as queried)"
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


# --- commands: what a reply asks for -----------------------------------------------------------


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


class EmailKind(StrEnum):
    PLAN_DRAFT = "plan-draft"
    PLAN_CREATED = "plan-created"
    MILESTONE_STARTED = "milestone-started"
    MILESTONE_DONE = "milestone-done"
    MILESTONE_CHANGED = "milestone-changed"
    MILESTONE_REMINDER = "milestone-reminder"
    MILESTONE_LATE = "milestone-late"
    PLAN_COMPLETED = "plan-completed"
    PLAN_STALLED = "plan-stalled"
    PLAN_NOTICE = "plan-notice"
    PLAN_UPDATES = "plan-updates"
    CHECKIN_INVITE = "checkin-invite"
    CHECKIN_CANCEL = "checkin-cancel"
    CHECKIN_ENDED = "checkin-ended"  # the series ends (UNTIL): past calls stay on calendars
    CHECKIN_SKIPPED = "checkin-skipped"  # one call cancelled; note: its RECURRENCE-ID
    CHECKIN_MOVED = "checkin-moved"  # one call moved; note: its RECURRENCE-ID
    PLAN_COMMENT = "plan-comment"  # what someone wrote, to the seller; note: its Message-ID


# Question names Instruction, defined after it, and Plan holds Questions: pydantic leaves such
# a model incomplete, and each TypeAdapter of it (Temporal's pydantic converter makes one per
# type, per converter) builds its whole schema again, 3 to 7 ms. Completed here, once.
Question.model_rebuild()
Plan.model_rebuild()
