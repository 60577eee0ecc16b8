"""What a person is told when their reply is refused for who they are: spoken to them ("you
are not the owner"), naming who can act instead; the logs keep the third person (`logged`)."""

from __future__ import annotations

from collections.abc import Iterable

from mutualplan.errors import Refused
from mutualplan.models import (
    CLAUSES,
    Milestone,
    Phrase,
    Plan,
    Stakeholder,
    joined,
    phrase,
    plural_phrase,
    step_title,
)


def stalled(plan: Plan, sender: str) -> Refused:
    """Who can start a stalled plan again, said to the seller as "you"."""
    return _seller_can(
        plan,
        sender,
        phrase(
            "the plan stalled: {seller} can answer \u201cresume\u201d", seller=plan.seller.email
        ),
        phrase("the plan stalled: answer \u201cresume\u201d to start it again"),
    )


def still_a_draft(plan: Plan, sender: str) -> Refused:
    """Who starts a draft, said to the seller as "you"."""
    return _seller_can(
        plan,
        sender,
        phrase(
            "the plan is still a draft: it starts when {seller} confirms it",
            seller=plan.seller.email,
        ),
        phrase("the plan is still a draft: it starts when you answer \u201cconfirm\u201d"),
    )


def _seller_can(plan: Plan, sender: str, said: Phrase, to_the_seller: Phrase) -> Refused:
    """`said` names the seller, who can act; the seller reads `to_the_seller` instead."""
    if sender == plan.seller.email:
        return Refused(to_the_seller, logged=str(said))
    return Refused(said)


def already_on(address: str, sender: str) -> Refused:
    said = phrase("{address} is already on the plan", address=address)
    if address == sender:
        return Refused(phrase("you are already on the plan"), logged=str(said))
    return Refused(said)


def not_the_owner(
    plan: Plan, milestone: Milestone, sender: str, may_change: Iterable[str] = ()
) -> Refused:
    """The refusal of a step's answer from someone who may not give it, told to them: who may
    (the owner and the seller, by name and address, and whoever else `may_change` it: the
    champion, while the plan is a draft, see `permissions.editors`), so they know whom to ask."""
    owner, title, may = plan.owner(milestone), step_title(milestone), set(may_change)
    champions = [
        person_named(p)
        for p in plan.stakeholders
        if p.email in may and p.id not in (owner.id, plan.seller_id)
    ]
    logged = f"{sender} is not the owner of \u201c{milestone.title}\u201d nor the seller"
    if champions:
        logged += " nor the champion"
        return Refused(_ask_owner_seller_or_champion(plan, owner, title, champions), logged=logged)
    if owner.email == plan.seller.email:
        said = phrase(
            "you are not the owner of \u201c{title}\u201d: the seller, {seller}, is. Ask "
            "them to change it",
            title=title,
            seller=person_named(owner),
        )
        return Refused(said, logged=logged)
    said = phrase(
        "you are not the owner of \u201c{title}\u201d: {owner} is. Ask them, or the seller, "
        "{seller}, to change it",
        title=title,
        owner=person_named(owner),
        seller=person_named(plan.seller),
    )
    return Refused(said, logged=logged)


def _ask_owner_seller_or_champion(
    plan: Plan, owner: Stakeholder, title: Phrase | str, champions: list[Phrase | str]
) -> Phrase:
    """Whom to ask in a draft: the owner, the seller and the champion (or champions)."""
    # an address alone is a phrase with no slots: said as it is, braces and all
    names = joined([p if isinstance(p, Phrase) else Phrase(text=p) for p in champions], CLAUSES)
    if owner.email == plan.seller.email:
        # Translators: {champions}: one or more people, each "Jane Doe (jane@globex.example)"
        return plural_phrase(
            "you are not the owner of \u201c{title}\u201d: the seller, {seller}, is. Ask them, "
            "or the champion, {champions}, to change it",
            "you are not the owner of \u201c{title}\u201d: the seller, {seller}, is. Ask them, "
            "or the champions, {champions}, to change it",
            len(champions),
            title=title,
            seller=person_named(owner),
            champions=names,
        )
    # Translators: {champions}: one or more people, each "Jane Doe (jane@globex.example)"
    return plural_phrase(
        "you are not the owner of \u201c{title}\u201d: {owner} is. Ask them, the seller, "
        "{seller}, or the champion, {champions}, to change it",
        "you are not the owner of \u201c{title}\u201d: {owner} is. Ask them, the seller, "
        "{seller}, or the champions, {champions}, to change it",
        len(champions),
        title=title,
        owner=person_named(owner),
        seller=person_named(plan.seller),
        champions=names,
    )


def person_named(person: Stakeholder) -> Phrase | str:
    """A person as a refusal names them, to be asked: "Jane Doe (jane@globex.example)"."""
    if not person.name:
        return person.email
    # Translators: a person's name and email address ("Jane Doe (jane@globex.example)")
    return phrase("{name} ({address})", name=person.name, address=person.email)
