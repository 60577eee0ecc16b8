"""What an edit to a plan comes to: a summary, and whom to tell. A refused edit raises
`errors.Refused` (or `NotTheirs`), whose phrase `refusal_said` reads back from the plan's answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from mutualplan.models import EmailKind, Phrase


class Notice(BaseModel):
    kind: EmailKind
    recipient_id: int
    milestone_key: str | None = None
    note: str = ""
    said: list[Phrase] = Field(default_factory=list, description="the note, to translate")


class Change(BaseModel):
    summary: str
    notices: list[Notice]
    said: list[Phrase] = Field(default_factory=list, description="the summary, to translate")
    tell_sender: bool = Field(
        default=False,
        description="worth an answer to its sender even for a one-line command (a date set on "
        "a day off: they may not have meant it)",
    )


def refusal_said(details: Sequence[Any]) -> Phrase | None:
    """The reason's phrase a plan sends with its refusal (an ApplicationError's details);
    None from plans of earlier versions, which send the English only."""
    try:
        return Phrase.model_validate(details[0]) if details else None
    except ValidationError:
        return None


def change(summary: Phrase, notices: list[Notice]) -> Change:
    """A change said in one line."""
    return change_in_lines([summary], notices)


def change_in_lines(lines: list[Phrase], notices: list[Notice]) -> Change:
    """A change said in a few lines: what changed, then anything to know about it."""
    summary = "\n".join(line.english() for line in lines)
    return Change(summary=summary, notices=notices, said=lines)
