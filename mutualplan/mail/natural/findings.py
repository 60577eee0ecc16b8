"""What one sentence of a reply was read to mean, and how sure the reader is of it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from mutualplan.mail.sentences import Sentence, Text
from mutualplan.models import Intent, Shift


class Certainty(StrEnum):
    CERTAIN = "certain"  # act on it
    PROBABLE = "probable"  # ask first: "Did you mean ...?"
    NONE = "none"  # not a command: conversation, or (with doubts) an attempt that failed


@dataclass(frozen=True)
class Finding:
    """One intent as read from one sentence."""

    intent: Intent
    certainty: Certainty
    start: int  # where its words stand: the first of two intents in a sentence is the one meant
    read_from: str = ""
    argument: str = ""
    when: date | None = None
    options: tuple[str, ...] = ()  # what an ambiguous argument may be (ISO dates)
    doubts: tuple[str, ...] = ()  # what could not be read, said to the person
    language: str = ""  # the language of a command word read from a slip ("Erldigt": de)
    shift: Shift | None = None  # a new date by an amount: "push this back a week"


def capped(finding: Finding, certainty: Certainty, doubt: str = "") -> Finding:
    """The finding no surer than `certainty`, with `doubt` (what to say to the person) added."""
    order = [Certainty.NONE, Certainty.PROBABLE, Certainty.CERTAIN]
    lower = min(finding.certainty, certainty, key=order.index)
    doubts = finding.doubts + ((doubt,) if doubt and doubt not in finding.doubts else ())
    return replace(finding, certainty=lower, doubts=doubts)


def as_written(text: Text, sentence: Sentence) -> str:
    """The sentence as the person wrote it, on one line: what a finding was read from."""
    return " ".join(text.cut(sentence.start, sentence.end).split())
