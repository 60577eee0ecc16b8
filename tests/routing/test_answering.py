"""The engine's answers give examples of what to write with dates still to come, whenever they
are sent ("new date: 2027-01-15" was fixed: from that day on, every help offered a day gone by,
which the engine refuses). Pure: the answers as ReplyWriter writes them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from mutualplan.business_days import example_dates, in_year_end_break
from mutualplan.mail.addresses import Sender
from mutualplan.mail.compose import Renderer
from mutualplan.mail.tokens import TokenClaims
from mutualplan.mail.understanding import understand
from mutualplan.models import Plan, PlanStatus, phrase
from mutualplan.routing.answering import ReplyWriter
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.facts import InboundFacts
from mutualplan.settings import Settings
from tests.support.plans import jane_plan

NOW = datetime.now(UTC).replace(microsecond=0)
JANE = "jane@globex.example"


def dates_in(text: str) -> list[date]:
    return [date.fromisoformat(d) for d in re.findall(r"\b\d{4}-\d\d-\d\d\b", text)]


def a_plan() -> Plan:
    plan = jane_plan(NOW)
    plan.status = PlanStatus.ACTIVE
    return plan


def jane_wrote(text: str, when: datetime) -> InboundFacts:
    return InboundFacts(
        message_id="<h1@globex.example>",
        sender=Sender(address=JANE, name="Jane Doe"),
        subject="Re: [Globex rollout] Your turn",
        claims=TokenClaims(plan_id="p1", milestone_number=1, stakeholder_id=2),
        understood=understand(text, when.date()),
        text=text,
    )


WRITER = ReplyWriter(Settings(secret="answering-test"), Renderer())


@pytest.mark.parametrize("years", [0, 1, 3])
def test_help_gives_dates_to_come(years: int) -> None:
    sent = NOW + timedelta(days=365 * years)
    answer = WRITER.write(jane_wrote("help", sent), AnswerKind.HELP, a_plan(), sent)
    examples = dates_in(answer.text)
    assert len(examples) == 4, answer.text  # new date, #3 new date, add step due, new go-live
    assert all(d > sent.date() and d.weekday() < 5 for d in examples), (sent, examples)


def test_a_refusal_quotes_the_words_apart_from_what_follows() -> None:
    reason = phrase("the new date 2020-01-01 is in the past")
    answer = WRITER.write(
        jane_wrote("new date: 2020-01-01", NOW), AnswerKind.REFUSED, a_plan(), NOW, reason=reason
    )
    lines = answer.text.splitlines()
    quoted = lines.index("> new date: 2020-01-01")
    assert lines[quoted + 1] == "" and lines[quoted + 2].startswith("Nothing was applied."), lines


def test_an_example_date_is_not_in_the_year_end_break() -> None:
    """A plan without holidays counts Christmas as a business day; an example skips it."""
    for days in range(366):
        examples = example_dates(date(NOW.year, 1, 1) + timedelta(days=days))
        for example in map(date.fromisoformat, examples.values()):
            assert not in_year_end_break(example) and example.weekday() < 5, (days, example)


def test_an_answer_is_from_mutualplan_by_name_as_the_digest_is() -> None:
    answer = WRITER.write(jane_wrote("help", NOW), AnswerKind.HELP, a_plan(), NOW)
    assert answer.sender == "mutualplan <plans@mutualplan.localhost>"
