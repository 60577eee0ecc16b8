"""A refusal is read by the person it refuses: it says "you", and names who can act instead, by
name and address, in every language; the logs keep the third person. Pure: the reply is read,
checked against the plan, and the answer written as the worker writes it (ReplyWriter)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mutualplan.edits import editing
from mutualplan.edits.steps import add_stakeholder
from mutualplan.errors import Refused
from mutualplan.languages import SHIPPED, wording
from mutualplan.mail.addresses import Sender
from mutualplan.mail.compose import Renderer
from mutualplan.mail.tokens import TokenClaims
from mutualplan.mail.understanding import understand
from mutualplan.models import Plan, PlanStatus, Role
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


# --- a draft: the champion may change steps too, and is named ---------------------------------

KIM = "kim@globex.example"
JANE_NAMED, ALEX_NAMED = f"Jane Doe ({JANE})", f"Alex Seller ({ALEX})"


def new_date(number: int) -> str:
    return f"#{number} new date: {(NOW + timedelta(days=20)).date().isoformat()}"


def with_kim(plan: Plan, *, role: Role | None = None, owns: int | None = None) -> Plan:
    """Kim Lee on the plan, with `role`, owning step `owns`."""
    kim = add_stakeholder(plan, KIM, "Kim Lee")
    kim.role = role
    if owns is not None:
        plan.milestones[owns - 1].owner_id = kim.id
    return plan


def test_in_a_draft_a_step_the_seller_owns_names_the_seller_and_the_champion() -> None:
    text = " ".join(answer_to(a_plan(confirm=False), SAM, new_date(4)).split())
    assert (
        "you are not the owner of \u201cOnboarding call held\u201d: the seller, "
        f"{ALEX_NAMED}, is. Ask them, or the champion, {JANE_NAMED}, to change it."
    ) in text, text


def test_in_a_draft_someone_elses_step_names_its_owner_the_seller_and_the_champion() -> None:
    plan = with_kim(a_plan(confirm=False), owns=2)
    text = " ".join(answer_to(plan, SAM, new_date(2)).split())
    assert (
        f"you are not the owner of \u201cBudget approved\u201d: Kim Lee ({KIM}) is. Ask them, "
        f"the seller, {ALEX_NAMED}, or the champion, {JANE_NAMED}, to change it."
    ) in text, text


def test_in_a_draft_the_champions_own_step_names_them_once_as_its_owner() -> None:
    text = " ".join(answer_to(a_plan(confirm=False), SAM, new_date(1)).split())
    assert (
        f"\u201cProposal reviewed and agreed\u201d: {JANE_NAMED} is. Ask them, or the seller, "
        f"{ALEX_NAMED}, to change it."
    ) in text, text
    assert "champion" not in text


def test_in_a_draft_with_two_champions_both_are_named() -> None:
    plan = with_kim(a_plan(confirm=False), role=Role.CHAMPION)
    text = " ".join(answer_to(plan, SAM, "#4 note: can we do the 14th?").split())
    assert (f"Ask them, or the champions, {JANE_NAMED}; Kim Lee ({KIM}), to change it.") in text, (
        text
    )


def test_in_a_draft_the_logs_say_the_champion_could_too() -> None:
    refused = refusal(a_plan(confirm=False), SAM, new_date(4))
    assert str(refused).endswith("nor the seller nor the champion")


def test_once_confirmed_the_champion_is_not_named() -> None:
    plan = with_kim(a_plan(), owns=2)
    text = " ".join(answer_to(plan, SAM, new_date(2)).split())
    assert f"Kim Lee ({KIM}) is. Ask them, or the seller, {ALEX_NAMED}, to change it." in text
    assert JANE not in text


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
@pytest.mark.parametrize("owner", ["seller", "kim"])
@pytest.mark.parametrize("champions", [1, 2])
def test_in_a_draft_every_language_names_the_champion(
    language: str, owner: str, champions: int
) -> None:
    plan = with_kim(
        a_plan(confirm=False),
        role=Role.CHAMPION if champions == 2 else None,
        owns=2 if owner == "kim" else None,
    )
    step = 2 if owner == "kim" else 4
    text = " ".join(answer_to(plan, SAM, new_date(step), language).split())
    english = " ".join(answer_to(plan, SAM, new_date(step)).split())
    named = ["Jane Doe", JANE, "Alex Seller", ALEX]  # Japanese: "Jane Doeさん（jane@...）"
    if owner == "kim" or champions == 2:
        named += ["Kim Lee", KIM]
    assert all(name in text for name in named), text
    assert SAM not in text and "not the owner" not in text and "or the champion" not in text
    assert text != english
