"""A refusal is read by the person it refuses: it says "you", and names who can act instead, by
name and address, in every language; the logs keep the third person. Pure: the reply is read,
checked against the plan, and the answer written as the worker writes it (ReplyWriter)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mutualplan.edits import editing
from mutualplan.errors import Refused
from mutualplan.languages import SHIPPED, wording
from mutualplan.mail.addresses import Sender
from mutualplan.mail.compose import Renderer
from mutualplan.mail.tokens import TokenClaims
from mutualplan.mail.understanding import understand
from mutualplan.models import Plan, PlanStatus
from mutualplan.routing.answering import ReplyWriter
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.facts import InboundFacts
from mutualplan.settings import Settings
from tests.support.plans import jane_and_sam_plan, written

NOW = datetime.now(UTC).replace(microsecond=0)
ALEX, JANE, SAM = "alex@acme.example", "jane@globex.example", "sam@globex.example"
WRITER = ReplyWriter(Settings(secret="refusals-test"), Renderer())


def a_plan(*, confirm: bool = True) -> Plan:
    """The short plan: Jane Doe (champion) owns step 1, Sam Lee is the economic buyer."""
    return jane_and_sam_plan(NOW, confirm=confirm)


def refusal(plan: Plan, sender: str, text: str) -> Refused:
    command = written(sender, text, NOW)
    with pytest.raises(Refused) as refused:
        editing.check_reply(plan, command, NOW)
    return refused.value


def answer_to(plan: Plan, sender: str, text: str, language: str = "en") -> str:
    """The email `sender` gets back for `text`: its body."""
    refused = refusal(plan, sender, text)
    facts = InboundFacts(
        message_id="<r1@globex.example>",
        sender=Sender(address=sender, name=""),
        subject="Re: [Globex rollout] Your turn",
        claims=TokenClaims(plan_id="p1", milestone_number=1, stakeholder_id=3),
        understood=understand(text, NOW.date()),
        text=text,
    )
    said = refused.said or str(refused)
    words = wording(language)
    return WRITER.write(facts, AnswerKind.REFUSED, plan, NOW, words, reason=said).text


def test_someone_not_the_owner_is_told_who_is_and_whom_to_ask() -> None:
    text = answer_to(a_plan(), SAM, "#1 done")
    assert (
        'Your email did not change the plan "Globex rollout": you are not the owner of '
        "\u201cProposal reviewed and agreed\u201d: Jane Doe (jane@globex.example) is. Ask them, or "
        "the seller, Alex Seller (alex@acme.example), to change it.\n"
    ) in text, text
    assert SAM not in text


def test_the_logs_keep_who_was_refused() -> None:
    refused = refusal(a_plan(), SAM, "#1 done")
    assert (
        str(refused)
        == f"{SAM} is not the owner of \u201cProposal reviewed and agreed\u201d nor the seller"
    )


def test_a_step_the_seller_owns_names_the_seller_once() -> None:
    plan = a_plan()
    plan.milestones[0].owner_id = plan.seller_id
    text = answer_to(plan, SAM, "#1 new date: " + (NOW + timedelta(days=20)).date().isoformat())
    assert (
        "you are not the owner of \u201cProposal reviewed and agreed\u201d: the seller, Alex "
        "Seller (alex@acme.example), is. Ask them to change it." in " ".join(text.split())
    ), text


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
def test_every_language_speaks_to_the_reader_and_names_who_can_act(language: str) -> None:
    text = answer_to(a_plan(), SAM, "#1 done", language)
    english = answer_to(a_plan(), SAM, "#1 done")
    assert "Jane Doe" in text and JANE in text and "Alex Seller" in text and ALEX in text
    assert SAM not in text and "not the owner" not in text and text != english


def test_several_lines_refused_say_which_line_and_still_say_you() -> None:
    soon = (NOW + timedelta(days=20)).date().isoformat()
    text = answer_to(a_plan(), SAM, f"#2 new date: {soon}\n#1 done")
    assert "line 2: you are not the owner of" in text and SAM not in text


def test_the_seller_is_told_to_answer_resume_not_that_the_seller_can() -> None:
    plan = a_plan()
    plan.status = PlanStatus.STALLED
    assert "the plan stalled: answer \u201cresume\u201d to start it again" in answer_to(
        plan, ALEX, "#1 done"
    )
    assert f"{ALEX} can answer \u201cresume\u201d" in answer_to(plan, JANE, "#1 done")


def test_the_seller_is_told_a_draft_starts_when_they_confirm_it() -> None:
    text = answer_to(a_plan(confirm=False), ALEX, "#1 done")
    assert "it starts when you answer \u201cconfirm\u201d" in text and ALEX not in text


def test_the_seller_adding_themselves_is_told_they_are_on_the_plan() -> None:
    text = answer_to(a_plan(), ALEX, f"add: {ALEX}")
    assert '"Globex rollout": you are already on the plan.\n' in text
