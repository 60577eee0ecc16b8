"""Pure plan edits from people's replies: check who may do what, then apply it.

The plan workflow calls `check` from its update validator (a refusal never enters the history)
and `apply` from the update handler. Both are deterministic: time comes in as an argument.
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parseaddr

from mutualplan import steps
from mutualplan.changes import Change, Notice, NotTheirs, Refused

__all__ = ["Change", "NotTheirs", "Notice", "Refused", "apply", "check", "check_reply", "editors"]
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
)
from mutualplan.planning import ROLES, add_business_days

EDITS = {Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE}
PLAN_EDITS = {Intent.GO_LIVE, Intent.ADD, Intent.REMOVE, Intent.CANCEL}
# what the champion may change while reviewing a draft, besides the steps' dates and owners
REVIEW_EDITS = {Intent.ADD_STEP, Intent.REMOVE_STEP, Intent.CRITERION}
NOT_IN_DRAFT = {Intent.DONE, Intent.BLOCKED}


def check_reply(plan: Plan, command: ReplyCommand, now: datetime) -> None:
    """Refused with a reason unless every command line of the reply may be applied: several
    are tried in turn on a copy of the plan, so a reply applies whole or not at all."""
    commands = command.each()
    if len(commands) == 1:
        check(plan, command, now.date())
        return
    scratch = plan.model_copy(deep=True)
    for number, each in enumerate(commands, start=1):
        try:
            check(scratch, each, now.date())
        except Refused as refused:
            raise Refused(f"line {number}: {refused}") from None
        apply_one(scratch, each, now)


def check(plan: Plan, command: ReplyCommand, today: date) -> Milestone | None:
    """The milestone the command changes (None: the plan), or Refused with a reason."""
    if plan.status not in (PlanStatus.ACTIVE, PlanStatus.DRAFT):
        raise Refused(f"the plan is {plan.status.value}")
    if command.intent is Intent.CONFIRM:
        _check_confirm(plan, command)
        return None
    if command.intent in PLAN_EDITS | REVIEW_EDITS:
        _check_plan_edit(plan, command, today)
        return None
    if command.intent not in EDITS:
        raise Refused(f"'{command.intent.value}' does not change a plan")
    if plan.status is PlanStatus.DRAFT and command.intent in NOT_IN_DRAFT:
        raise Refused(f"the plan is still a draft: it starts when {plan.seller.email} confirms it")
    _check_token_holder(plan, command)
    milestone = target(plan, command)
    if milestone.status is MilestoneStatus.DONE:
        raise Refused(f"\u201c{milestone.title}\u201d is already done")
    if command.sender not in {plan.owner(milestone).email, *editors(plan, command.intent)}:
        raise Refused(
            f"{command.sender} is not the owner of \u201c{milestone.title}\u201d nor the seller"
        )
    if command.intent is Intent.RESCHEDULE and date.fromisoformat(command.argument) < today:
        raise Refused(f"the new date {command.argument} is in the past")
    if command.intent is Intent.REASSIGN and "@" not in command.argument:
        raise Refused("a new owner needs an email address")
    return milestone


def editors(plan: Plan, intent: Intent) -> set[str]:
    """Who may change any step or the plan itself: the seller; while the plan is a draft, the
    champion too, for the steps' dates, owners and notes, added or removed steps, criteria."""
    people = {plan.seller.email}
    if plan.status is PlanStatus.DRAFT and intent in EDITS | REVIEW_EDITS:
        people |= {s.email for s in plan.stakeholders if s.role == "Champion"}
    return people


def _check_confirm(plan: Plan, command: ReplyCommand) -> None:
    _check_token_holder(plan, command)
    if plan.status is not PlanStatus.DRAFT:
        raise Refused("the plan is already confirmed")
    if command.sender not in editors(plan, Intent.CRITERION):
        raise Refused(f"only the seller ({plan.seller.email}) can confirm the plan")


def _check_plan_edit(plan: Plan, command: ReplyCommand, today: date) -> None:
    _check_token_holder(plan, command)
    if command.sender not in editors(plan, command.intent):
        raise Refused(f"only the seller ({plan.seller.email}) can change the plan itself")
    if command.intent in REVIEW_EDITS:
        steps.check(plan, command, today)
        return
    match command.intent:
        case Intent.GO_LIVE if date.fromisoformat(command.argument) < today:
            raise Refused(f"the new go-live {command.argument} is in the past")
        case Intent.ADD if plan.stakeholder_by_email(_added(command)[1]) is not None:
            raise Refused(f"{_added(command)[1]} is already on the plan")
        case Intent.ADD if len(plan.stakeholders) >= plan.max_stakeholders:
            raise Refused(f"the plan has {len(plan.stakeholders)} people, the most it takes")
        case Intent.REMOVE:
            person = plan.stakeholder_by_email(command.argument)
            if person is None:
                raise Refused(f"{command.argument} is not on the plan")
            if person.id == plan.seller_id:
                raise Refused("the seller cannot be removed from their own plan")


def apply(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """Apply every command line of a reply; each person hears of it in one email at most."""
    draft = plan.status is PlanStatus.DRAFT
    changes = [apply_one(plan, each, now) for each in command.each()]
    summary = " ".join(c.summary for c in changes)
    notices = [n for c in changes for n in c.notices]
    if draft and plan.status is PlanStatus.DRAFT:  # only the reviewers hear of a draft's changes
        notices = [
            Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=s.id, note=summary)
            for s in plan.stakeholders
            if s.email in editors(plan, Intent.CRITERION) and s.email != command.sender
        ]
    return Change(summary=summary, notices=merge(notices))


def merge(notices: list[Notice]) -> list[Notice]:
    """One email per person: several notes for someone become one notice, and only the newest
    calendar update counts (it carries every change)."""
    merged: dict[tuple[int, str], Notice] = {}
    for notice in notices:
        kind = notice.kind
        if kind in (EmailKind.MILESTONE_CHANGED, EmailKind.PLAN_NOTICE):
            key = (notice.recipient_id, "note")
            if (earlier := merged.get(key)) is not None:
                note = "\n".join(n for n in (earlier.note, notice.note) if n)
                notice = Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=notice.recipient_id,
                                note=note)  # fmt: skip
        elif kind is EmailKind.CHECKIN_INVITE:
            key = (notice.recipient_id, kind.value)
        else:
            key = (notice.recipient_id, f"{kind.value}.{notice.milestone_key}")
        merged.pop(key, None)
        merged[key] = notice
    return list(merged.values())


def apply_one(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    match command.intent:
        case Intent.CONFIRM:
            return confirm(plan, command, now)
        case Intent.ADD_STEP:
            return steps.add_step(plan, command, now)
        case Intent.REMOVE_STEP:
            return steps.remove_step(plan, command, now)
        case Intent.CRITERION:
            return steps.add_criterion(plan, command, now)
        case Intent.GO_LIVE:
            return move_go_live(plan, date.fromisoformat(command.argument), command.sender, now)
        case Intent.ADD:
            return add_person(plan, command, now)
        case Intent.REMOVE:
            return remove_person(plan, command.argument, command.sender, now)
        case Intent.CANCEL:
            return cancel(plan, command.argument, command.sender, now)
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
        raise Refused("say which step you mean, for example \u201c#3 new date: 2027-01-15\u201d")
    return mine[0]


def _check_token_holder(plan: Plan, command: ReplyCommand) -> None:
    """A token works only for the person it was sent to, and only while they are on the plan."""
    if command.token_stakeholder_id is None:
        return
    holder = plan.stakeholder(command.token_stakeholder_id)
    if holder is None:
        raise NotTheirs("the reply address belongs to someone no longer on the plan")
    if holder.email != command.sender:
        raise NotTheirs(f"the reply address was sent to {holder.email}, not to {command.sender}")


def _reassign(
    plan: Plan, milestone: Milestone, command: ReplyCommand, name: str, now: datetime
) -> Change:
    previous = plan.owner(milestone)
    existing = plan.stakeholder_by_email(command.argument)
    new_owner = existing or steps.add_stakeholder(plan, command.argument)
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


def move_go_live(plan: Plan, go_live: date, by: str, now: datetime) -> Change:
    """Work the open milestones back again from the new go-live; one email per person tells
    them: the check-in invite update (a higher SEQUENCE) carries what moved."""
    today = now.date()
    old = plan.go_live
    plan.go_live = go_live
    moved = []
    for m in plan.milestones:
        if m.status is MilestoneStatus.DONE or m.offset is None:
            continue
        due = max(add_business_days(go_live, m.offset), today)
        if due != m.due:
            m.history.append(Event(at=now, by=by, what=f"due {m.due} -> {due} (go-live moved)"))
            moved.append(f"{m.title}: {m.due:%a %d %b} -> {due:%a %d %b}")
            m.due = due
    what = f"moved go-live from {old.isoformat()} to {go_live.isoformat()}"
    plan.history.append(Event(at=now, by=by, what=what))
    who = plan.stakeholder_by_email(by)
    summary = f"{who.display if who else by} {what}." + (
        " New dates: " + "; ".join(moved) + "." if moved else ""
    )
    notices = _calendar_update(plan, summary) or [
        Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=s.id, note=summary)
        for s in plan.stakeholders
    ]
    return Change(summary=summary, notices=notices)


def _added(command: ReplyCommand) -> tuple[str, str, str | None]:
    """(name, address, role key) from an ADD command's 'Name <address>|role' argument."""
    person, _, role = command.argument.rpartition("|")
    name, address = parseaddr(person)
    return name, address.lower(), role or None


def add_person(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    name, email, role = _added(command)
    person = steps.add_stakeholder(plan, email)
    person.name = name
    if role:
        person.role, person.side = ROLES[role]
    what = f"added {person.display}" + (f" as {person.role}" if person.role else "")
    plan.history.append(Event(at=now, by=command.sender, what=what))
    summary = f"{plan.seller.display} {what} to the plan."
    if plan.checkin is None:
        return Change(summary=summary, notices=[Notice(kind=EmailKind.PLAN_NOTICE,
                                                       recipient_id=person.id)])  # fmt: skip
    return Change(summary=summary, notices=_calendar_update(plan, summary, newcomer=person.id))


def remove_person(plan: Plan, email: str, by: str, now: datetime) -> Change:
    """Take someone off the plan: their open steps go to the champion (or the seller), their
    reply tokens stop working, and their calendar gets a CANCEL of the check-in series."""
    person = plan.stakeholder_by_email(email)
    assert person is not None, "checked by check()"
    plan.stakeholders.remove(person)
    plan.former.append(person)
    stand_in = next((s for s in plan.stakeholders if s.role == "Champion"), plan.seller)
    notices = []
    for m in plan.milestones:
        if m.owner_id == person.id and m.status is not MilestoneStatus.DONE:
            m.owner_id = stand_in.id
            m.history.append(Event(at=now, by=by, what=f"reassigned to {stand_in.display}"))
            if m.status is MilestoneStatus.ACTIVE:
                notices.append(Notice(kind=EmailKind.MILESTONE_STARTED, recipient_id=stand_in.id,
                                      milestone_key=m.key))  # fmt: skip
    if plan.checkin is not None:
        plan.checkin.answers.pop(person.id, None)
        notices.append(Notice(kind=EmailKind.CHECKIN_CANCEL, recipient_id=person.id,
                              note="you are no longer on this plan"))  # fmt: skip
    what = f"removed {person.display} from the plan"
    plan.history.append(Event(at=now, by=by, what=what))
    summary = f"{plan.seller.display} {what}."
    return Change(summary=summary, notices=notices + _calendar_update(plan, summary))


def _calendar_update(plan: Plan, note: str, newcomer: int | None = None) -> list[Notice]:
    """The attendee list changed: everyone gets the invite again with SEQUENCE + 1 (calendars
    then show who is coming), the newcomer as a plain invitation."""
    if plan.checkin is None:
        return []
    plan.checkin.sequence += 1
    return [
        Notice(
            kind=EmailKind.CHECKIN_INVITE, recipient_id=s.id, note="" if s.id == newcomer else note
        )
        for s in plan.stakeholders
    ]


def confirm(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """The seller's "confirm" starts the plan (the workflow then sends the milestone emails and
    invites); the champion's tells the seller the buyer agrees."""
    who = plan.stakeholder_by_email(command.sender)
    name = who.display if who else command.sender
    if command.sender == plan.seller.email:
        plan.status = PlanStatus.ACTIVE
        plan.history.append(Event(at=now, by=command.sender, what="confirmed the plan"))
        return Change(summary=f"{name} confirmed the plan.", notices=[])
    plan.history.append(Event(at=now, by=command.sender, what="approved the draft"))
    note = f"{name} approved the draft plan. Reply \u201cconfirm\u201d to start it."
    return Change(
        summary=f"{name} approved the draft.",
        notices=[Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=plan.seller_id, note=note)],
    )


def cancel(plan: Plan, reason: str, by: str, now: datetime) -> Change:
    """End the plan early; the workflow then cancels the check-in series for everyone."""
    plan.status = PlanStatus.CANCELLED
    what = "cancelled the plan" + (f": {reason}" if reason else "")
    plan.history.append(Event(at=now, by=by, what=what))
    return Change(summary=f"{plan.seller.display} {what}.", notices=[])


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
