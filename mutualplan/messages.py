"""What crosses Temporal: the plan workflow's input and the run state it carries on, its updates
and their answers, and the payloads of the activities (email, digests, webhooks).

Every workflow, activity and update takes one model and returns one model, so fields can be added
without breaking plans that are already running (new fields always get defaults). The domain
these carry (a plan, its people, steps and commands) is in `models`.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from mutualplan.models import (
    Argument,
    Details,
    EmailKind,
    Instruction,
    Intent,
    MessageFile,
    OneLine,
    Phrase,
    Plan,
    details_of_0_2_0,
)
from mutualplan.webhook_state import Broadcasting, WebhookEvent

# --- the plan workflow's updates and signals, and their answers -------------------------------


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
    argument: Argument = ""
    details: Details | None = None
    received_at: AwareDatetime
    more: list[Instruction] = Field(default_factory=list)
    language: str | None = Field(
        default=None, description="the language the reply was written in, when it was read"
    )
    files: list[MessageFile] = Field(
        default_factory=list, description="attached files, kept with the step it answers"
    )

    _upgraded = model_validator(mode="before")(details_of_0_2_0)

    def each(self) -> list[ReplyCommand]:
        """Each command line as a command of its own (a step named in the text wins)."""
        return [self.model_copy(update={"more": []}), *(self.doing(i) for i in self.more)]

    def doing(self, line: Instruction) -> ReplyCommand:
        """This reply as if it said only `line` (a step it names wins over the token's)."""
        return self.model_copy(
            update={
                "intent": line.intent,
                "argument": line.argument,
                "details": line.details,
                "milestone_number": line.step or self.milestone_number,
                "more": [],
            }
        )


class CommentCommand(BaseModel):
    """Something a person wrote about a plan that is not a command: recorded as a comment."""

    message_id: str
    sender: str
    sender_name: OneLine = ""
    token_stakeholder_id: int | None = Field(default=None, description="whom the token was for")
    milestone_number: int | None = Field(default=None, description="the step it answers")
    text: Argument
    subject: Argument = ""
    received_at: AwareDatetime
    files: list[MessageFile] = Field(default_factory=list)
    language: str | None = Field(default=None, description="the language it is written in")


class AskCommand(BaseModel):
    """A command read as probable: ask the person (the question's key names it) before acting."""

    message_id: str
    sender: str
    token_stakeholder_id: int
    key: str
    options: list[Instruction] = Field(min_length=1, max_length=10)
    read_from: Argument = ""
    doubt: Argument = ""
    received_at: AwareDatetime
    files: list[MessageFile] = Field(default_factory=list, description="listed at once")


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
    tell_sender: bool = Field(
        default=False, description="confirm it to its sender, whatever they wrote (`Change`)"
    )


# --- a plan's emails, queued by the workflow and sent by an activity --------------------------


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


class EmailBatch(BaseModel):
    """The emails a plan sends together, by one activity, with the plan they show carried
    once (a plan is most of the payload)."""

    plan: Plan
    emails: list[QueuedEmail]
    # the workflow's time when it sent the batch: the emails' Date (a local activity has no
    # server time of its own)
    queued_at: AwareDatetime

    def requests(self) -> list[EmailRequest]:
        return [EmailRequest(plan=self.plan, **email.model_dump()) for email in self.emails]


class SentBatch(BaseModel):
    """How a batch went: every email not named here was sent (or had been before)."""

    refused: dict[str, str] = Field(
        default_factory=dict, description="key -> why it can never be sent (a 5xx reply)"
    )
    failed: dict[str, str] = Field(
        default_factory=dict, description="key -> why it was not sent this time: try again"
    )


# --- the plan workflow's input: the plan and the run state it carries on ----------------------


class Pacing(BaseModel):
    """One email a day per person (the day runs from one morning wake to the next): news beyond
    that is held for the next morning's email, unless the person acted that day."""

    emailed_today: list[int] = Field(default_factory=list, description="stakeholder ids")
    acted_today: list[str] = Field(default_factory=list, description="addresses")
    held: dict[int, list[str | Phrase]] = Field(
        default_factory=dict, description="stakeholder id -> news lines for the next morning"
    )


class Retry(BaseModel):
    """One recipient's emails that could not be sent for now, tried again on their own."""

    emails: list[QueuedEmail] = Field(default_factory=list, description="in order, to resend")
    since: AwareDatetime = Field(description="the first failure: given up a while after it")
    at: AwareDatetime = Field(description="the next attempt")
    wait: timedelta = Field(description="how long the attempt after that waits")
    error: str = ""


class Mailing(BaseModel):
    """A plan's outgoing mail, as it carries over from one run to the next."""

    queued: dict[str, int] = Field(
        default_factory=dict,
        description="emails queued per kind, step and recipient: their Message-IDs stay stable",
    )
    outbox: list[QueuedEmail] = Field(default_factory=list, description="queued, not yet sent")
    pacing: Pacing = Field(default_factory=Pacing)
    retries: dict[int, Retry] = Field(
        default_factory=dict, description="stakeholder id -> their emails that failed for now"
    )


class PlanRun(BaseModel):
    """Everything a plan's workflow carries besides the plan itself, so that a run that
    continues as new goes on exactly where the last one stopped."""

    applied: dict[str, AwareDatetime] = Field(
        default_factory=dict,
        description="Message-ID -> when applied: a redelivery is applied once (kept a while)",
    )
    announced: list[str] = Field(
        default_factory=list, description="keys of the steps whose 'done' the seller was told"
    )
    mail: Mailing = Field(default_factory=Mailing)
    broadcast: Broadcasting = Field(
        default_factory=Broadcasting, description="webhook events not yet out, what was told"
    )


class PlanInput(BaseModel):
    plan: Plan
    run: PlanRun | None = Field(default=None, description="None: the plan's first run")
    webhook_types: list[str] | None = Field(
        default=None,
        description="a first run's: the event types any endpoint wants, as its starter knew them "
        "(None: the run asks the worker, by a local activity)",
    )


class PlanResult(BaseModel):
    plan: Plan


# --- the mailbox workflow ---------------------------------------------------------------------


class MailboxConsumer(BaseModel):
    """The one reader of a plans mailbox: which mailbox, on which task queue its activity runs,
    and how long a dead reader keeps it before another worker takes over."""

    mailbox: str
    task_queue: str
    takeover_seconds: float = 30.0


# --- the digest workflow and its activity -----------------------------------------------------


class DigestSchedule(BaseModel):
    """When digests go out (Mondays at `hour` in `timezone`) and when the last ones did."""

    timezone: str = "UTC"
    hour: int = 8
    last_sent: AwareDatetime | None = None


class DigestRequest(BaseModel):
    """Send the digests of what moved from `since` (the last ones sent) to `now`; `due`: the
    Monday morning they were due (`now` is later when the worker was down then)."""

    since: AwareDatetime
    now: AwareDatetime
    due: AwareDatetime | None = None


class DigestReport(BaseModel):
    sellers: int
    plans: int
    sent_at: AwareDatetime | None = Field(
        default=None, description="what the digests covered to: when they went out"
    )


# --- webhooks: the delivery activity ----------------------------------------------------------


class WebhookBatch(BaseModel):
    """Events of one plan for the delivery activity, oldest first."""

    plan_id: str
    events: list[WebhookEvent]


class WebhookReport(BaseModel):
    sent: dict[str, int] = Field(default_factory=dict, description="endpoint URL -> events sent")


class WebhookTypesWanted(BaseModel):
    """The event types some endpoint wants; a plan queues no others."""

    types: list[str] = Field(default_factory=list)


class WebhookSubscriptionsQuery(BaseModel):
    plan_id: str = ""
