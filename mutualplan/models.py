"""Plans, milestones and stakeholders: the pydantic models every layer shares.

Every workflow, activity and update takes one model and returns one model, so fields can be added
without breaking plans that are already running (new fields always get defaults).
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import formataddr
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from mutualplan.calendar.checkin import Cadence


class Side(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


class Phrase(BaseModel):
    """Words for people, kept in English until the email to each of them is written in their
    language (`languages.Wording.say`): a catalog message with {slots}, what fills the slots,
    and dates, which each language shows its own way. Build one with `phrase()`."""

    text: str
    plural: str = Field(default="", description="the plural message, when `count` chooses")
    count: int | None = None
    args: dict[str, str] = Field(default_factory=dict)
    dates: dict[str, date] = Field(default_factory=dict)
    parts: dict[str, Phrase] = Field(default_factory=dict, description="phrases in the slots")

    def english(self) -> str:
        text = self.plural if self.plural and self.count != 1 else self.text
        if not (self.args or self.dates or self.parts):
            return text  # a word kept as it is (`term`), braces and all
        dates = {k: f"{v:%a %d %b}" for k, v in self.dates.items()}
        parts = {k: v.english() for k, v in self.parts.items()}
        try:
            return text.format(**self.args, **dates, **parts)
        except (KeyError, IndexError, ValueError):
            return text

    def __str__(self) -> str:
        return self.english()


def phrase(text: str, /, **args: str | int | date | Phrase) -> Phrase:
    """A phrase to say in each reader's language; `text` is its catalog message (extracted by
    `mutualplan.catalogs`, which looks for calls of this function)."""
    return Phrase(text=text, **_slots(args))


def plural_phrase(
    singular: str, plural: str, count: int, /, **args: str | int | date | Phrase
) -> Phrase:
    """A phrase with a singular and a plural form; {count} is the number that chooses."""
    return Phrase(text=singular, plural=plural, count=count, **_slots({"count": count, **args}))


def term(word: str) -> Phrase:
    """A word the engine keeps in English in its models (a role, a check-in answer), said in
    the reader's language where the catalog has it (languages.TERMS lists them)."""
    return Phrase(text=word)


def joined(phrases: list[Phrase], separator: str = " ") -> Phrase:
    """Several phrases as one, each said in the reader's language; the joint has no words."""
    slots = {f"p{n}": p for n, p in enumerate(phrases)}
    text = separator.replace("{", "{{").replace("}", "}}").join(f"{{{k}}}" for k in slots)
    return Phrase(text=text, parts=slots)


def _slots(args: dict[str, str | int | date | Phrase]) -> dict[str, dict[str, Any]]:
    return {
        "args": {k: str(v) for k, v in args.items() if isinstance(v, str | int)},
        "dates": {k: v for k, v in args.items() if isinstance(v, date)},
        "parts": {k: v for k, v in args.items() if isinstance(v, Phrase)},
    }


# the languages with complete catalogs (languages.py keeps their words), by their English names
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "German", "fr": "French", "es": "Spanish"}


class Stakeholder(BaseModel):
    """A person on the plan. `id` is stable for the life of the plan and never given to anyone
    else (someone taken off and added again gets theirs back)."""

    id: int
    name: str
    email: str
    role: str = ""
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
        return formataddr((self.name, self.email)) if self.name else self.email

    @property
    def display(self) -> str:
        return self.name or self.email


class MilestoneStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"


class Event(BaseModel):
    """One line of history: who did what, when (`said`: the same, to show in any language)."""

    at: AwareDatetime
    by: str
    what: str
    said: Phrase | None = None


class Milestone(BaseModel):
    number: int = Field(description="stable within the plan; reply tokens carry it")
    key: str
    title: str
    description: str = ""
    titles: dict[str, str] = Field(
        default_factory=dict, description="the title in other languages (code -> title)"
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict, description="the description in other languages"
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
    history: list[Event] = Field(default_factory=list)

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
    earlier: list[CheckIn] = Field(default_factory=list, description="series that ended")


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Plan(BaseModel):
    id: str
    template: str
    deal: str
    value_statement: str = ""
    success_criteria: list[str] = Field(default_factory=list)
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
    health: str = "on track"
    projected_go_live: date | None = None
    language: str = Field(
        default="", description="the template's default language for the plan's people"
    )
    horizon_years: int = Field(
        default=3, description="go-live and due dates may be at most this many years ahead"
    )

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


# --- messages between the mail layer, the workflow and its activities ------------------------


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
    MEETING = "meeting"
    SKIP_CALL = "skip-call"
    MOVE_CALL = "move-call"
    CADENCE = "cadence"
    STATUS = "status"
    HELP = "help"
    UNKNOWN = "unknown"
    IGNORED = "ignored"


class PlanInput(BaseModel):
    plan: Plan


class PlanResult(BaseModel):
    plan: Plan


class Instruction(BaseModel):
    """One command line of a reply: what to do, to which step (None: the token's or the plan)."""

    intent: Intent
    argument: str = ""
    step: int | None = Field(default=None, description="a step named in the text: '#3 ...'")


class ReplyCommand(BaseModel):
    """A person's answer to an engine email, addressed to one plan (and maybe one milestone).

    `more` holds the command lines after the first: a reply with several changes (a champion
    reviewing a draft) is applied whole or not at all.
    """

    message_id: str
    sender: str
    milestone_number: int | None = Field(default=None, description="from the reply token")
    token_stakeholder_id: int | None = Field(default=None, description="whom the token was for")
    intent: Intent
    argument: str = ""
    received_at: AwareDatetime
    more: list[Instruction] = Field(default_factory=list)
    language: str | None = Field(
        default=None, description="the language the reply was written in, when it was read"
    )

    def each(self) -> list[ReplyCommand]:
        """Each command line as a command of its own (a step named in the text wins)."""
        first = self.model_copy(update={"more": []})
        return [first] + [
            self.model_copy(
                update={
                    "intent": i.intent,
                    "argument": i.argument,
                    "milestone_number": i.step or self.milestone_number,
                    "more": [],
                }
            )
            for i in self.more
        ]


class RsvpCommand(BaseModel):
    """An answer to the check-in invite (an iTIP REPLY), addressed to one plan by its token."""

    message_id: str
    sender: str
    token_stakeholder_id: int
    uid: str
    sequence: int
    attendee: str
    partstat: str
    recurrence_id: AwareDatetime | date | None = Field(
        default=None, description="the call answered; None: the whole series"
    )
    dtstamp: AwareDatetime | None = Field(default=None, description="when the client wrote it")


class ViewRecord(BaseModel):
    """Someone opened the plan page with their own link (recorded at most once a day)."""

    stakeholder_id: int


class ReplyOutcome(BaseModel):
    changed: bool
    summary: str
    said: list[Phrase] = Field(default_factory=list, description="the summary, to translate")


class EmailKind(StrEnum):
    PLAN_DRAFT = "plan-draft"
    PLAN_CREATED = "plan-created"
    MILESTONE_STARTED = "milestone-started"
    MILESTONE_DONE = "milestone-done"
    MILESTONE_CHANGED = "milestone-changed"
    MILESTONE_REMINDER = "milestone-reminder"
    MILESTONE_LATE = "milestone-late"
    PLAN_COMPLETED = "plan-completed"
    PLAN_NOTICE = "plan-notice"
    PLAN_UPDATES = "plan-updates"
    CHECKIN_INVITE = "checkin-invite"
    CHECKIN_CANCEL = "checkin-cancel"
    CHECKIN_ENDED = "checkin-ended"  # the series ends (UNTIL): past calls stay on calendars
    CHECKIN_SKIPPED = "checkin-skipped"  # one call cancelled; note: its RECURRENCE-ID
    CHECKIN_MOVED = "checkin-moved"  # one call moved; note: its RECURRENCE-ID


class QueuedEmail(BaseModel):
    """One engine email about a plan, as the workflow queues it.

    `key` is the business key (plan / milestone / kind / n): it fixes the Message-ID, so a retried
    activity sends the same message, never a different second one.
    """

    kind: EmailKind
    recipient_id: int
    milestone_key: str | None = None
    key: str
    note: str = Field(default="", description="what changed, for MILESTONE_CHANGED")
    said: list[Phrase] = Field(
        default_factory=list, description="the note as phrases, said in the reader's language"
    )
    held: list[str | Phrase] = Field(
        default_factory=list, description="earlier news held back to keep to one email a day"
    )


class EmailRequest(QueuedEmail):
    """One email with the plan as it shows it."""

    plan: Plan


class BatchedEmail(QueuedEmail):
    plan_index: int = Field(description="which of the batch's plans the email shows")


class EmailBatch(BaseModel):
    """The emails a plan queued together, sent by one activity, with the plan they show carried
    once (a plan is most of the payload). Batches of earlier versions carry several plans."""

    plans: list[Plan]
    emails: list[BatchedEmail]
    # the workflow's time when it sent the batch: the emails' Date (a local activity has no
    # server time of its own); None in batches of earlier versions, dated by their attempt
    queued_at: AwareDatetime | None = None

    @classmethod
    def of(
        cls, requests: list[EmailRequest], plan: Plan, queued_at: datetime | None = None
    ) -> EmailBatch:
        fields = QueuedEmail.model_fields
        emails = [
            BatchedEmail(plan_index=0, **{name: getattr(request, name) for name in fields})
            for request in requests
        ]
        return cls(plans=[plan], emails=emails, queued_at=queued_at)

    def only(self, keys: set[str]) -> EmailBatch:
        return self.model_copy(update={"emails": [e for e in self.emails if e.key in keys]})

    def requests(self) -> list[EmailRequest]:
        return [
            EmailRequest(
                plan=self.plans[email.plan_index],
                **{name: getattr(email, name) for name in QueuedEmail.model_fields},
            )
            for email in self.emails
        ]


class SentEmail(BaseModel):
    message_id: str


class Unsent(BaseModel):
    """The details of a batch's failed attempt: the emails it did not get out, and those the
    SMTP server refused for good meanwhile (key -> its refusal)."""

    keys: list[str]
    refused: dict[str, str] = Field(default_factory=dict)


class SentBatch(BaseModel):
    refused: dict[str, str] = Field(
        default_factory=dict, description="key -> the SMTP server's permanent refusal"
    )


class MailboxConsumer(BaseModel):
    """The one reader of a plans mailbox: which mailbox, on which task queue its activity runs,
    and how long a dead reader keeps it before another worker takes over."""

    mailbox: str
    task_queue: str
    takeover_seconds: float = 30.0
