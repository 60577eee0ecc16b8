"""Pure plan edits from people's replies: check who may do what, then apply it.

The plan workflow calls `check` from its update validator (a refusal never enters the history)
and `apply` from the update handler. Both are deterministic: time comes in as an argument.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from mutualplan.errors import MutualPlanError
from mutualplan.models import (
    EmailKind,
    Event,
    Intent,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanStatus,
    ReplyCommand,
    RsvpCommand,
    Side,
    Stakeholder,
)

EDITS = {Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE}


class Refused(MutualPlanError):
    """The command is not allowed or makes no sense for the plan as it is."""


class Notice(BaseModel):
    kind: EmailKind
    recipient_id: int
    milestone_key: str | None = None
    note: str = ""


class Change(BaseModel):
    summary: str
    notices: list[Notice]


def check(plan: Plan, command: ReplyCommand, today: date) -> Milestone:
    """The milestone the command changes, or Refused with a reason a person can act on."""
    if plan.status is not PlanStatus.ACTIVE:
        raise Refused(f"the plan is {plan.status.value}")
    if command.intent not in EDITS:
        raise Refused(f"'{command.intent.value}' does not change a plan")
    _check_token_holder(plan, command)
    milestone = target(plan, command)
    if milestone.status is MilestoneStatus.DONE:
        raise Refused(f"\u201c{milestone.title}\u201d is already done")
    if command.sender not in (plan.owner(milestone).email, plan.seller.email):
        raise Refused(
            f"{command.sender} is not the owner of \u201c{milestone.title}\u201d nor the seller"
        )
    if command.intent is Intent.RESCHEDULE and date.fromisoformat(command.argument) < today:
        raise Refused(f"the new date {command.argument} is in the past")
    if command.intent is Intent.REASSIGN and "@" not in command.argument:
        raise Refused("a new owner needs an email address")
    return milestone


def apply(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    milestone = target(plan, command)
    who = plan.stakeholder_by_email(command.sender)
    name = who.display if who else command.sender
    match command.intent:
        case Intent.DONE:
            milestone.status = MilestoneStatus.DONE
            milestone.done_at = now
            milestone.blocked = ""
            what = "marked done"
        case Intent.BLOCKED:
            milestone.blocked = command.argument
            what = f"blocked: {command.argument}"
        case Intent.RESCHEDULE:
            what = f"moved the due date from {milestone.due.isoformat()} to {command.argument}"
            milestone.due = date.fromisoformat(command.argument)
        case Intent.NOTE:
            what = f"note: {command.argument}"
        case Intent.REASSIGN:
            return _reassign(plan, milestone, command, name, now)
        case _:
            raise Refused(f"'{command.intent.value}' does not change a plan")
    milestone.history.append(Event(at=now, by=command.sender, what=what))
    summary = f"{name} {what} \u2014 \u201c{milestone.title}\u201d"
    if command.intent is Intent.DONE:  # the workflow itself tells the seller and starts the next
        return Change(summary=summary, notices=[])
    return Change(summary=summary, notices=_tell_the_other_side(plan, milestone, command, summary))


def target(plan: Plan, command: ReplyCommand) -> Milestone:
    """The milestone named by the reply's token, or else the sender's only active one."""
    if command.milestone_number:
        found = plan.milestone_by_number(command.milestone_number)
        if found is None:
            raise Refused("the milestone this reply answers is no longer on the plan")
        return found
    active = plan.active_milestones
    mine = [m for m in active if plan.owner(m).email == command.sender] or active
    if len(mine) != 1:
        raise Refused("reply to the email of the milestone you mean")
    return mine[0]


def _check_token_holder(plan: Plan, command: ReplyCommand) -> None:
    """A token works only for the person it was sent to, and only while they are on the plan."""
    if command.token_stakeholder_id is None:
        return
    holder = plan.stakeholder(command.token_stakeholder_id)
    if holder is None:
        raise Refused("the reply address belongs to someone no longer on the plan")
    if holder.email != command.sender:
        raise Refused(f"the reply address was sent to {holder.email}, not to {command.sender}")


def _reassign(
    plan: Plan, milestone: Milestone, command: ReplyCommand, name: str, now: datetime
) -> Change:
    previous = plan.owner(milestone)
    existing = plan.stakeholder_by_email(command.argument)
    new_owner = existing or _add_person(plan, command.argument)
    milestone.owner_id = new_owner.id
    what = f"reassigned to {new_owner.display}"
    milestone.history.append(Event(at=now, by=command.sender, what=what))
    summary = f"{name} {what} \u2014 \u201c{milestone.title}\u201d"
    notices = []
    if plan.checkin is not None and existing is None:  # a newcomer is invited to the calls
        notices.append(Notice(kind=EmailKind.CHECKIN_INVITE, recipient_id=new_owner.id))
    if milestone.status is MilestoneStatus.ACTIVE:
        notices.append(Notice(kind=EmailKind.MILESTONE_STARTED, recipient_id=new_owner.id,
                              milestone_key=milestone.key))  # fmt: skip
    for person_id in sorted({previous.id, plan.seller_id} - {new_owner.id}):
        person = plan.stakeholder(person_id)
        if person is not None and person.email != command.sender:
            notices.append(_changed(person_id, milestone, summary))
    return Change(summary=summary, notices=notices)


def check_rsvp(plan: Plan, command: RsvpCommand) -> None:
    """Refused unless the answer is to this plan's current check-in, from whom it was sent to."""
    if plan.checkin is None:
        raise Refused("the plan has no check-in call")
    if not command.uid.startswith(f"mutualplan-checkin-{plan.id}@"):
        raise Refused("the answer is to another calendar event")
    holder = plan.stakeholder(command.token_stakeholder_id)
    if holder is None:
        raise Refused("the invite belongs to someone no longer on the plan")
    if command.attendee != holder.email:
        raise Refused(f"the invite was sent to {holder.email}, not to {command.attendee}")
    if command.sequence < plan.checkin.sequence:
        raise Refused(f"the answer is to an older invite (SEQUENCE {command.sequence})")


def record_rsvp(plan: Plan, command: RsvpCommand, now: datetime) -> Change:
    assert plan.checkin is not None, "checked by check_rsvp"
    person = plan.stakeholder(command.token_stakeholder_id)
    assert person is not None, "checked by check_rsvp"
    answer = command.partstat.upper()
    plan.checkin.answers[person.id] = answer
    what = f"answered the check-in invite: {answer.lower()}"
    plan.history.append(Event(at=now, by=person.email, what=what))
    summary = f"{person.display} {what}"
    if answer != "DECLINED" or person.id == plan.seller_id:
        return Change(summary=summary, notices=[])
    role = f" ({person.role})" if person.role else ""
    note = f"{person.display}{role} declined the check-in calls."
    return Change(
        summary=summary,
        notices=[Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=plan.seller_id, note=note)],
    )


def _add_person(plan: Plan, email: str) -> Stakeholder:
    seller_domain = plan.seller.email.rpartition("@")[2]
    side = Side.SELLER if email.rpartition("@")[2] == seller_domain else Side.BUYER
    person = Stakeholder(
        id=max(s.id for s in plan.stakeholders) + 1, name="", email=email.lower(), side=side
    )
    plan.stakeholders.append(person)
    return person


def _tell_the_other_side(
    plan: Plan, milestone: Milestone, command: ReplyCommand, summary: str
) -> list[Notice]:
    people = {plan.owner(milestone).id, plan.seller_id}
    return [
        _changed(person_id, milestone, summary)
        for person_id in sorted(people)
        if (person := plan.stakeholder(person_id)) and person.email != command.sender
    ]


def _changed(recipient_id: int, milestone: Milestone, summary: str) -> Notice:
    return Notice(
        kind=EmailKind.MILESTONE_CHANGED,
        recipient_id=recipient_id,
        milestone_key=milestone.key,
        note=summary,
    )
