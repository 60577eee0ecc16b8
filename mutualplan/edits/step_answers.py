"""A step's owner answering for it (or the seller, or while the plan is a draft the champion):
the step done, blocked, given a new date, a note, or handed to someone else; and which step a
reply means."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parseaddr

from mutualplan import limits
from mutualplan.business_days import example_day
from mutualplan.edits import steps
from mutualplan.edits.changes import Change, Notice, change, change_in_lines
from mutualplan.edits.days_off import day_off
from mutualplan.edits.steps import said
from mutualplan.errors import Refused
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    EmailKind,
    Intent,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    Shift,
    phrase,
    step_title,
)


def answer(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """Apply a step's DONE, BLOCKED, RESCHEDULE, NOTE or REASSIGN (checked by `editing.check`)."""
    milestone = target(plan, command)
    who = plan.stakeholder_by_email(command.sender)
    name = who.display if who else command.sender
    about = {"name": name, "title": step_title(milestone)}
    heads_up: Phrase | None = None  # what else the change is told with (a date on a day off)
    match command.intent:
        case Intent.DONE:
            milestone.status = MilestoneStatus.DONE
            milestone.done_at = now
            milestone.blocked = ""
            milestone.done_note = limits.cut(command.argument, limits.NOTE)
            what = (
                phrase("marked done: {note}", note=milestone.done_note)
                if milestone.done_note
                else phrase("marked done")
            )
            summary = phrase("{name} marked done \u2014 \u201c{title}\u201d", **about)
        case Intent.BLOCKED:
            reason = limits.cut(command.argument, limits.NOTE)
            what = phrase("blocked: {reason}", reason=reason)
            summary = phrase(
                "{name} blocked: {reason} \u2014 \u201c{title}\u201d", reason=reason, **about
            )
            if reason and milestone.blocked == reason:  # said again (the link posted twice)
                return change(summary, [])
            milestone.blocked = reason
        case Intent.RESCHEDULE:
            due = new_due(plan, milestone, command)
            dates = {"old": milestone.due.isoformat(), "new": due.isoformat()}
            what = phrase("moved the due date from {old} to {new}", **dates)
            summary = _moved(command, {**dates, **about})
            milestone.due = due
            heads_up = day_off(plan, milestone.due)
        case Intent.NOTE:
            text = limits.cut(command.argument, limits.NOTE)
            what = phrase("note: {text}", text=text)
            summary = phrase("{name} note: {text} \u2014 \u201c{title}\u201d", text=text, **about)
        case Intent.REASSIGN:
            return _reassign(plan, milestone, command, name, now)
        case _:
            raise Refused(f"'{command.intent.value}' does not change a plan")
    milestone.history.append(said(now, command.sender, what))
    if command.intent is Intent.DONE:  # the workflow itself tells the seller and starts the next
        return change(summary, [])
    lines = [summary, heads_up] if heads_up else [summary]
    answered = change_in_lines(lines, _tell_the_other_side(plan, milestone, command, lines))
    # an amount's date is the plan's to work out: its sender hears which date it gave
    tell = heads_up is not None or isinstance(command.details, Shift)
    return answered.model_copy(update={"tell_sender": tell})


def new_due(plan: Plan, milestone: Milestone, command: ReplyCommand) -> date:
    """The date a RESCHEDULE gives the step: its own, or the step's due date moved by its
    amount ("push this back a week": resolved here, where the step's date is known)."""
    if isinstance(command.details, Shift):
        return command.details.applied_to(milestone.due, plan.holidays.days_off)
    return date.fromisoformat(command.argument)


def _moved(command: ReplyCommand, about: dict[str, str | Phrase]) -> Phrase:
    if isinstance(command.details, Shift):  # the amount asked for, and the date it gave
        return phrase(
            "{name} moved the due date from {old} to {new} ({amount}) \u2014 \u201c{title}\u201d",
            amount=command.details.said(),
            **about,
        )
    return phrase(
        "{name} moved the due date from {old} to {new} \u2014 \u201c{title}\u201d", **about
    )


def target(plan: Plan, command: ReplyCommand) -> Milestone:
    """The milestone named by the reply's token, or else the sender's only active one."""
    if command.milestone_number:
        found = plan.milestone_by_number(command.milestone_number)
        if found is None:
            raise Refused(steps.no_step(plan, command.milestone_number))
        return found
    active = plan.active_milestones
    mine = [m for m in active if plan.owner(m).email == command.sender] or active
    if len(mine) != 1:
        day = example_day(command.received_at.date(), plan.holidays.days_off).isoformat()
        raise Refused(
            phrase("say which step you mean, for example \u201c#3 new date: {date}\u201d", date=day)
        )
    return mine[0]


def _reassign(
    plan: Plan, milestone: Milestone, command: ReplyCommand, name: str, now: datetime
) -> Change:
    previous = plan.owner(milestone)
    new_name, email = new_owner_of(command)
    existing = plan.stakeholder_by_email(email)
    new_owner = existing or steps.add_stakeholder(plan, email, new_name)
    milestone.owner_id = new_owner.id
    who = f"{new_owner.name} ({new_owner.email})" if new_owner.name else new_owner.email
    milestone.history.append(said(now, command.sender, phrase("reassigned to {owner}", owner=who)))
    summary = phrase(
        "{name} reassigned to {owner} \u2014 \u201c{title}\u201d",
        name=name,
        owner=who,
        title=step_title(milestone),
    )
    notices = []  # a newcomer is invited to the calls by `checkins.sync`, with everyone updated
    if milestone.status is MilestoneStatus.ACTIVE:
        notices.append(Notice(kind=EmailKind.MILESTONE_STARTED, recipient_id=new_owner.id,
                              milestone_key=milestone.key))  # fmt: skip
    for person_id in sorted({previous.id, plan.seller_id} - {new_owner.id}):
        person = plan.stakeholder(person_id)
        if person is not None and person.email != command.sender:
            notices.append(_changed(person_id, milestone, [summary]))
    return change(summary, notices)


def new_owner_of(command: ReplyCommand) -> tuple[str, str]:
    """(name, address) of an 'assign to Lee Park <lee@globex.example>' command."""
    name, address = parseaddr(command.argument)
    return " ".join(name.split()), (address or command.argument).strip().lower()


def _tell_the_other_side(
    plan: Plan, milestone: Milestone, command: ReplyCommand, lines: list[Phrase]
) -> list[Notice]:
    people = {plan.owner(milestone).id, plan.seller_id}
    return [
        _changed(person_id, milestone, lines)
        for person_id in sorted(people)
        if (person := plan.stakeholder(person_id)) and person.email != command.sender
    ]


def _changed(recipient_id: int, milestone: Milestone, lines: list[Phrase]) -> Notice:
    return Notice(
        kind=EmailKind.MILESTONE_CHANGED,
        recipient_id=recipient_id,
        milestone_key=milestone.key,
        note="\n".join(line.english() for line in lines),
        said=lines,
    )
