"""People on a plan: the seller's `add:` and `remove:`, a person's language set
(`language of ...:`) or taken from their replies, and the address a new person is given."""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr

from mutualplan.edits import refusals, steps
from mutualplan.edits.changes import Change, Notice, change
from mutualplan.edits.permissions import check_token_holder
from mutualplan.edits.steps import said
from mutualplan.errors import Refused
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    LANGUAGE_NAMES,
    EmailKind,
    Intent,
    LanguageChoice,
    MilestoneStatus,
    NewPerson,
    Plan,
    phrase,
    term,
)
from mutualplan.roles import ROLES


def check(plan: Plan, command: ReplyCommand) -> None:
    """Refused with a reason unless the person can be added (`add:`) or taken off (`remove:`)."""
    match command.intent:
        case Intent.ADD if plan.stakeholder_by_email(_added(command)[1]) is not None:
            raise refusals.already_on(_added(command)[1], command.sender)
        case Intent.ADD:
            steps.check_newcomer(plan, _added(command)[1])
            if (role := _added(command)[2]) and role not in ROLES:  # the reader gives known ones
                raise Refused(f"{role!r} is no role")
        case Intent.REMOVE:
            person = plan.stakeholder_by_email(command.argument)
            if person is None:
                raise Refused(phrase("{address} is not on the plan", address=command.argument))
            if person.id == plan.seller_id:
                raise Refused(phrase("the seller cannot be removed from their own plan"))


def _added(command: ReplyCommand) -> tuple[str, str, str | None]:
    """(name, address, role key) of the person an ADD command adds."""
    new = command.details if isinstance(command.details, NewPerson) else NewPerson(person="")
    name, address = parseaddr(new.person)
    return name, address.lower(), new.role or None


def add_person(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    name, email, role = _added(command)
    person = steps.add_stakeholder(plan, email, name)
    if role:
        person.role = ROLES[role]
        person.side = person.role.side
    seller = plan.seller.display
    if person.role:
        what = phrase("added {name} as {role}", name=person.display, role=term(person.role))
        summary = phrase(
            "{seller} added {name} as {role} to the plan.",
            seller=seller,
            name=person.display,
            role=term(person.role),
        )
    else:
        what = phrase("added {name}", name=person.display)
        summary = phrase("{seller} added {name} to the plan.", seller=seller, name=person.display)
    plan.history.append(said(now, command.sender, what))
    if plan.checkin is None:
        return change(summary, [Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=person.id)])
    return change(summary, [])  # invited by `checkins.sync`


def remove_person(plan: Plan, email: str, by: str, now: datetime) -> Change:
    """Take someone off the plan: their open steps go to the champion (or the seller), their
    reply tokens stop working, and their calendar gets a CANCEL of the check-in series."""
    person = plan.stakeholder_by_email(email)
    assert person is not None, "checked by check()"
    plan.stakeholders.remove(person)
    plan.former.append(person)
    stand_in = plan.champion or plan.seller
    notices = []
    for m in plan.milestones:
        if m.owner_id == person.id and m.status is not MilestoneStatus.DONE:
            m.owner_id = stand_in.id
            m.history.append(said(now, by, phrase("reassigned to {owner}", owner=stand_in.display)))
            if m.status is MilestoneStatus.ACTIVE:
                notices.append(Notice(kind=EmailKind.MILESTONE_STARTED, recipient_id=stand_in.id,
                                      milestone_key=m.key))  # fmt: skip
    if plan.checkin is not None:
        plan.checkin.answers.pop(person.id, None)
        gone = phrase("you are no longer on this plan")
        notices.append(
            Notice(
                kind=EmailKind.CHECKIN_CANCEL,
                recipient_id=person.id,
                note=gone.english(),
                said=[gone],
            )
        )
    plan.history.append(said(now, by, phrase("removed {name} from the plan", name=person.display)))
    summary = phrase(
        "{seller} removed {name} from the plan.", seller=plan.seller.display, name=person.display
    )
    return change(summary, notices)  # the others updated by `checkins.sync`


def heard_in(plan: Plan, sender: str, language: str | None) -> None:
    """A person whose language nobody gave is written to in the language of their replies and
    comments (one mutualplan writes in)."""
    person = plan.stakeholder_by_email(sender)
    if person is not None and language in LANGUAGE_NAMES and not person.language_given:
        person.language = language


def _language_choice(command: ReplyCommand) -> tuple[str, str]:
    """(address, language code) of a LANGUAGE command."""
    choice = command.details
    return (choice.address, choice.code) if isinstance(choice, LanguageChoice) else ("", "")


def check_language(plan: Plan, command: ReplyCommand) -> None:
    """Refused unless the language can be set: one mutualplan writes in, for someone on the
    plan, by the seller or that person."""
    check_token_holder(plan, command)
    address, code = _language_choice(command)
    if code not in LANGUAGE_NAMES:
        raise Refused(phrase("mutualplan does not write in {language}", language=code))
    if plan.stakeholder_by_email(address) is None:
        raise Refused(phrase("{address} is not on the plan", address=address))
    if command.sender not in (plan.seller.email, address):
        raise Refused(
            phrase(
                "only the seller ({seller}) can set someone's language", seller=plan.seller.email
            )
        )


def set_language(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """The language a person's emails, invites and plan page are in, from now on; their own
    replies no longer change it."""
    address, code = _language_choice(command)
    person = plan.stakeholder_by_email(address)
    assert person is not None, "checked by check()"
    person.language, person.language_given = code, True
    language = term(LANGUAGE_NAMES[code])
    what = phrase(
        "set the language of {name} to {language}", name=person.display, language=language
    )
    plan.history.append(said(now, command.sender, what))
    who = plan.stakeholder_by_email(command.sender)
    summary = phrase(
        "{who} set the language of {name} to {language}.",
        who=who.display if who else command.sender,
        name=person.display,
        language=language,
    )
    if person.email == command.sender:
        return change(summary, [])
    notice = Notice(
        kind=EmailKind.PLAN_NOTICE, recipient_id=person.id, note=summary.english(), said=[summary]
    )
    return change(summary, [notice])
