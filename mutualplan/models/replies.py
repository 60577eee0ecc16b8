"""What people sent about a plan besides commands: what they wrote (`Comment`), the files that
came with it (`Attachment`), and what the engine asked back and awaits (`Question`)."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, Field

from mutualplan.models.commands import Instruction
from mutualplan.models.phrases import OneLine


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
