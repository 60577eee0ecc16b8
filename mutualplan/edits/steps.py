"""Pure: steps added to or removed from a plan, and success criteria added, by email.

The seller may do these any time; the champion too while the plan is a draft (see
`permissions.editors`). Steps keep their numbers for life: reply tokens carry them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from mutualplan import limits
from mutualplan.business_days import business_days_between
from mutualplan.edits.changes import Change, Notice
from mutualplan.edits.days_off import day_off
from mutualplan.errors import Refused
from mutualplan.header_text import PLAIN_ADDRESS, look_alike
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    EmailKind,
    Event,
    Intent,
    Milestone,
    MilestoneStatus,
    NewStep,
    Phrase,
    Plan,
    Role,
    Side,
    Stakeholder,
    phrase,
    plural_phrase,
    step_title,
)
from mutualplan.planning import too_far_ahead

MAX_STEPS = 30
MAX_CRITERIA = 20


def check(plan: Plan, command: ReplyCommand, today: date) -> None:
    match command.intent:
        case Intent.ADD_STEP:
            _check_new_step(plan, new_step(command), today)
        case Intent.REMOVE_STEP:
            if not command.argument.isdigit():  # the reader writes a step's number
                raise Refused(f"{command.argument!r} is no step number")
            step = plan.milestone_by_number(int(command.argument))
            if step is None:
                raise Refused(no_step(plan, int(command.argument)))
            if step.status is MilestoneStatus.DONE:
                raise Refused(
                    phrase(
                        "\u201c{title}\u201d is done; it stays on the record",
                        title=step_title(step),
                    )
                )
        case Intent.CRITERION if len(plan.success_criteria) >= MAX_CRITERIA:
            raise Refused(phrase("a plan has at most {count} success criteria", count=MAX_CRITERIA))


def new_step(command: ReplyCommand) -> NewStep:
    """The step an ADD_STEP command adds (one without it adds a step with no title)."""
    return command.details if isinstance(command.details, NewStep) else NewStep(title="")


def _check_new_step(plan: Plan, step: NewStep, today: date) -> None:
    if not step.title:
        raise Refused(
            phrase("a new step needs a title: \u201cadd step: Pilot review, due Jan 10\u201d")
        )
    if step.due is None:
        raise Refused(
            phrase(
                "give the new step a due date: \u201cadd step: {title}, due Jan 10\u201d",
                title=step.title,
            )
        )
    if step.due < today:
        raise Refused(phrase("the due date {date} is in the past", date=step.due.isoformat()))
    if (far := too_far_ahead(step.due, today, plan.horizon_years)) is not None:
        raise Refused(phrase("the due date {reason}", reason=far))
    if step.owner:
        check_newcomer(plan, step.owner)
    if len(plan.milestones) >= MAX_STEPS:
        raise Refused(phrase("a plan has at most {count} steps", count=MAX_STEPS))
    for number in step.after:
        if plan.milestone_by_number(number) is None:
            raise Refused(
                phrase("{reason}: the new step cannot come after it", reason=no_step(plan, number))
            )


def add_step(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """A new step, owned by whom the command names (the seller if no one), due when it says,
    and waiting for the steps it names (none: it starts at once on a running plan)."""
    new = new_step(command)
    assert new.due is not None, "checked by check()"
    owner = plan.seller
    if new.owner:
        owner = plan.stakeholder_by_email(new.owner) or add_stakeholder(plan, new.owner)
    plan.last_step_number += 1  # never a number a removed step had: old emails name those
    step = Milestone(
        number=plan.last_step_number,
        key=_unique_key(plan, new.title),
        title=limits.cut(new.title, limits.NAME),
        owner_id=owner.id,
        offset=business_days_between(plan.go_live, new.due, plan.holidays.days_off),
        after=[m.key for n in new.after if (m := plan.milestone_by_number(n))],
        due=new.due,
    )
    slots: dict[str, str | int | date] = {
        "number": step.number,
        "title": step.title,
        "due": step.due,
    }
    what = phrase("added step #{number} \u201c{title}\u201d, due {due}", **slots)
    step.history.append(said(now, command.sender, what))
    plan.milestones.append(step)
    plan.history.append(said(now, command.sender, what))
    summary = phrase(
        "{name} added step #{number} \u201c{title}\u201d, due {due}, owner {owner}.",
        name=_name(plan, command.sender),
        owner=owner.display,
        **slots,
    )
    # a due date on a day off is taken as asked, and said (`days_off`)
    lines = [summary, *filter(None, [day_off(plan, step.due)])]
    return _change(*lines, notices=_tell(plan, {owner.id}, command.sender, *lines))


def remove_step(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """Take a step off: steps that waited for it wait for what it waited for instead."""
    step = plan.milestone_by_number(int(command.argument))
    assert step is not None, "checked by check()"
    plan.milestones.remove(step)
    plan.removed_steps[step.number] = step.title
    for other in plan.milestones:
        if step.key in other.after:
            other.after = list(dict.fromkeys(
                [k for k in other.after if k != step.key] + step.after
            ))  # fmt: skip
    slots: dict[str, str | int | date | Phrase] = {"number": step.number, "title": step_title(step)}
    what = phrase("removed step #{number} \u201c{title}\u201d", **slots)
    plan.history.append(said(now, command.sender, what))
    summary = phrase(
        "{name} removed step #{number} \u201c{title}\u201d.",
        name=_name(plan, command.sender),
        **slots,
    )
    return _change(summary, notices=_tell(plan, {step.owner_id}, command.sender, summary))


def add_criterion(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    criterion = limits.cut(command.argument, limits.CRITERION)
    plan.success_criteria.append(criterion)
    for criteria in plan.success_criteria_in.values():  # as written, in every reader's list
        criteria.append(criterion)
    what = phrase("added a success criterion: {criterion}", criterion=criterion)
    plan.history.append(said(now, command.sender, what))
    summary = phrase(
        "{name} added a success criterion: {criterion}",
        name=_name(plan, command.sender),
        criterion=criterion,
    )
    champions = {s.id for s in plan.stakeholders if s.role is Role.CHAMPION}
    return _change(summary, notices=_tell(plan, champions, command.sender, summary))


def no_step(plan: Plan, number: int) -> Phrase:
    """Why step `number` cannot be acted on: it was removed, or it never was."""
    if number in plan.removed_steps:
        return phrase(
            "step #{number} \u201c{title}\u201d was removed from the plan",
            number=number,
            title=plan.removed_steps[number],
        )
    return phrase("there is no step #{number}", number=number)


def check_newcomer(plan: Plan, address: str) -> None:
    """Refused unless `address` may become someone on the plan, however they come (`add:`, a
    new owner, the owner a new step names); someone on it already passes. The plan takes at
    most `max_stakeholders` people: a chain of hand-overs adds no more than `add:` may."""
    if plan.stakeholder_by_email(address) is not None:
        return
    check_address(address)
    if len(plan.stakeholders) >= plan.max_stakeholders:
        raise Refused(
            plural_phrase(
                "the plan has {count} person, the most it takes",
                "the plan has {count} people, the most it takes",
                len(plan.stakeholders),
            )
        )


def check_address(address: str) -> None:
    """Refused unless `address` can be someone's: one address, written plainly, that cannot
    pass for another."""
    if "@" not in address:
        raise Refused(phrase("a new owner needs an email address"))
    if len(address) > limits.ADDRESS:
        raise Refused(limits.address_too_long())
    # a Cyrillic "a" in jane@ (every email would name "Jane"), a zero-width space, two
    # addresses run together: nobody's address
    if look_alike(address) or not PLAIN_ADDRESS.fullmatch(address.strip()):
        raise Refused(phrase("\u00ab{written}\u00bb has no email address", written=address))


def add_stakeholder(plan: Plan, email: str, name: str = "") -> Stakeholder:
    """Someone new on the plan, on the seller's side if they share the seller's domain. Someone
    taken off and added again is who they were, with their id: their calendar's ORGANIZER stays
    the same address (some servers, Cyrus/Fastmail among them, refuse an organizer change)."""
    email, name = email.strip().lower(), limits.kept_name(name)
    former = next((s for s in plan.former if s.email == email), None)
    if former is not None:
        plan.former.remove(former)
        person = former.model_copy(update={"name": name or former.name})
    else:
        seller_domain = plan.seller.email.rpartition("@")[2]
        side = Side.SELLER if email.rpartition("@")[2] == seller_domain else Side.BUYER
        person = Stakeholder(
            id=max(s.id for s in plan.stakeholders + plan.former) + 1,
            name=name,
            email=email,
            side=side,
        )
    plan.stakeholders.append(person)
    return person


def _unique_key(plan: Plan, title: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "step"
    taken = {m.key for m in plan.milestones}
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _name(plan: Plan, email: str) -> str:
    who = plan.stakeholder_by_email(email)
    return who.display if who else email


def _tell(plan: Plan, people: set[int], sender: str, *lines: Phrase) -> list[Notice]:
    """The people concerned and the seller, but not whoever made the change."""
    note = " ".join(line.english() for line in lines)  # sentences, each with its full stop
    return [
        Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=s.id, note=note, said=list(lines))
        for s in plan.stakeholders
        if s.id in people | {plan.seller_id} and s.email != sender
    ]


def said(at: datetime, by: str, what: Phrase) -> Event:
    """A line of history, in English and as a phrase to show in any language."""
    return Event(at=at, by=by, what=what.english(), said=what)


def _change(summary: Phrase, *more: Phrase, notices: list[Notice]) -> Change:
    """The change as its summary says it; `more`: what else its sender should hear of it."""
    lines = [summary, *more]
    note = " ".join(line.english() for line in lines)
    return Change(summary=note, notices=notices, said=lines, tell_sender=bool(more))
