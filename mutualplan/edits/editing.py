"""Pure plan edits from people's replies: check who may do what, then apply it.

The plan workflow calls `check` from its update validator (a refusal never enters the history)
and `apply` from the update handler. Both are deterministic: time comes in as an argument. Each
command is checked and applied by the module of what it changes (`step_answers`, `people`,
`plan_state`, `steps`, `go_live`, `checkins`); who may send it is `permissions`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from mutualplan import checkins, questions
from mutualplan.checkins import SERIES_EDITS
from mutualplan.edits import people, plan_state, refusals, step_answers, steps
from mutualplan.edits.changes import Change, Notice
from mutualplan.edits.go_live import KeptDates, move_go_live
from mutualplan.edits.permissions import (
    EDITS,
    NOT_IN_DRAFT,
    PLAN_EDITS,
    REVIEW_EDITS,
    answerers,
    check_token_holder,
    editors,
)
from mutualplan.errors import Refused
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    EmailKind,
    Intent,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanStatus,
    phrase,
    step_title,
    term,
)
from mutualplan.planning import too_far_ahead


def check_reply(plan: Plan, command: ReplyCommand, now: datetime) -> None:
    """Refused with a reason unless every command line of the reply may be applied: several
    are tried in turn on a copy of the plan, so a reply applies whole or not at all."""
    check_token_holder(plan, command)  # NotTheirs as it is, never as a line's refusal
    command = questions.resolve(plan, command, now)  # a "yes": the command it says yes to
    commands = command.each()
    if len(commands) == 1:
        check(plan, command, now.date(), now=now)
        return
    scratch = plan.model_copy(deep=True)
    for number, each in enumerate(commands, start=1):
        try:
            check(scratch, each, now.date(), now=now)
        except Refused as refused:
            reason = refused.said or str(refused)
            said = phrase("line {number}: {reason}", number=number, reason=reason)
            raise Refused(said, logged=f"line {number}: {refused}") from None
        apply_one(scratch, each, now)


def check(
    plan: Plan, command: ReplyCommand, today: date, *, now: datetime | None = None
) -> Milestone | None:
    """The milestone the command changes (None: the plan), or Refused with a reason. Whether
    the token is the sender's is checked first: any other refusal is told to the sender."""
    check_token_holder(plan, command)
    if plan.status is PlanStatus.STALLED and command.intent not in (Intent.RESUME, Intent.CANCEL):
        raise refusals.stalled(plan, command.sender)
    if plan.status not in (PlanStatus.ACTIVE, PlanStatus.DRAFT, PlanStatus.STALLED):
        raise Refused(phrase("the plan is {status}", status=term(plan.status.value)))
    if command.intent is Intent.RESUME:
        plan_state.check_resume(plan, command)
        return None
    if command.intent is Intent.CONFIRM:
        plan_state.check_confirm(plan, command)
        return None
    if command.intent in PLAN_EDITS | REVIEW_EDITS | SERIES_EDITS:
        _check_plan_edit(plan, command, today)
        if command.intent in SERIES_EDITS:
            checkins.check(plan, command, now or command.received_at)
        return None
    if command.intent is Intent.LANGUAGE:
        people.check_language(plan, command)
        return None
    if command.intent not in EDITS:
        raise Refused(f"'{command.intent.value}' does not change a plan")
    if plan.status is PlanStatus.DRAFT and command.intent in NOT_IN_DRAFT:
        raise refusals.still_a_draft(plan, command.sender)
    milestone = step_answers.target(plan, command)
    if milestone.status is MilestoneStatus.DONE:
        raise Refused(phrase("\u201c{title}\u201d is already done", title=step_title(milestone)))
    if command.sender not in (who_may := answerers(plan, milestone, command.intent)):
        raise refusals.not_the_owner(plan, milestone, command.sender, who_may)
    if command.intent is Intent.RESCHEDULE:
        try:
            due = step_answers.new_due(plan, milestone, command)
        except ValueError:  # what the handler could not read is refused here, never raised there
            raise Refused(f"{command.argument!r} is no date") from None
        _check_date(plan, "the new date", due, today)
    if command.intent is Intent.REASSIGN:
        steps.check_newcomer(plan, step_answers.new_owner_of(command)[1])
    return milestone


# what a date that cannot be is told, by what the date is for: in the past, or too far ahead
_DATES = {
    "the new date": (
        phrase("the new date {date} is in the past"),
        phrase("the new date {reason}"),
    ),
    "the new go-live": (
        phrase("the new go-live {date} is in the past"),
        phrase("the new go-live {reason}"),
    ),
}


def _check_date(plan: Plan, what: str, when: date, today: date) -> None:
    past, far = _DATES[what]
    if when < today:
        raise Refused(past.model_copy(update={"args": {"date": when.isoformat()}}))
    if (reason := too_far_ahead(when, today, plan.horizon_years)) is not None:
        raise Refused(far.model_copy(update={"parts": {"reason": reason}}))


def _check_plan_edit(plan: Plan, command: ReplyCommand, today: date) -> None:
    if command.sender not in editors(plan, command.intent):
        raise Refused(
            phrase(
                "only the seller ({seller}) can change the plan itself", seller=plan.seller.email
            )
        )
    if command.intent in REVIEW_EDITS:
        steps.check(plan, command, today)
        return
    match command.intent:
        case Intent.GO_LIVE:
            _check_date(plan, "the new go-live", _iso_date(command.argument), today)
        case Intent.ADD | Intent.REMOVE:
            people.check(plan, command)
        case Intent.CLOSE if command.argument:
            _iso_date(command.argument)
        case Intent.AMOUNT if amount := command.argument.partition(" ")[0]:
            try:
                if not Decimal(amount).is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                raise Refused(f"{amount!r} is no amount") from None


def _iso_date(text: str) -> date:
    """A date as a command carries it (the reader writes ISO dates): what the handler will read,
    or a refusal now, never an error in the handler, which would stop the plan's workflow."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Refused(f"{text!r} is no date") from None


def apply(
    plan: Plan, command: ReplyCommand, now: datetime, *, kept: KeptDates = KeptDates.SET_DATES
) -> Change:
    """Apply every command line of a reply; each person hears of it in one email at most.
    `kept`: which dates people set a go-live move leaves (`go_live.move_go_live`)."""
    people.heard_in(plan, command.sender, command.language)
    draft = plan.status is PlanStatus.DRAFT
    command = questions.take(plan, command, now)  # a "yes": the command it says yes to
    changes = [apply_one(plan, each, now, kept) for each in command.each()]
    summary = "\n".join(c.summary for c in changes)  # a change a line: not all are sentences
    told = [p for c in changes for p in c.said]
    notices = [n for c in changes for n in c.notices]
    notices += checkins.sync(plan, now, note=summary, said=told)  # what calendars must be told
    if draft and plan.status is PlanStatus.DRAFT:  # only the reviewers hear of a draft's changes
        notices = [
            Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=s.id, note=summary, said=told)
            for s in plan.stakeholders
            if s.email in editors(plan, Intent.CRITERION) and s.email != command.sender
        ]
    tell = any(c.tell_sender for c in changes)
    return Change(summary=summary, notices=merge(notices), said=told, tell_sender=tell)


def merge(notices: list[Notice]) -> list[Notice]:
    """One email per person: several notes for someone become one notice, and only the newest
    calendar update counts (it carries every change)."""
    merged: dict[tuple[int, str], Notice] = {}
    for notice in notices:
        kind = notice.kind
        if kind in _SERIES_MESSAGES:  # someone taken off and back on hears only the last
            merged.pop((notice.recipient_id, _SERIES_MESSAGES[kind]), None)
        if kind in (EmailKind.MILESTONE_CHANGED, EmailKind.PLAN_NOTICE):
            key = (notice.recipient_id, "note")
            if (earlier := merged.get(key)) is not None:
                note = "\n".join(n for n in (earlier.note, notice.note) if n)
                notice = Notice(
                    kind=EmailKind.PLAN_NOTICE,
                    recipient_id=notice.recipient_id,
                    note=note,
                    said=earlier.said + notice.said,
                )
        elif kind in (EmailKind.CHECKIN_INVITE, EmailKind.CHECKIN_CANCEL):
            key = (notice.recipient_id, kind.value)
        else:
            key = (notice.recipient_id, f"{kind.value}.{notice.milestone_key}")
        merged.pop(key, None)
        merged[key] = notice
    return list(merged.values())


_SERIES_MESSAGES = {
    EmailKind.CHECKIN_INVITE: EmailKind.CHECKIN_CANCEL.value,
    EmailKind.CHECKIN_CANCEL: EmailKind.CHECKIN_INVITE.value,
}


def apply_one(
    plan: Plan, command: ReplyCommand, now: datetime, kept: KeptDates = KeptDates.SET_DATES
) -> Change:
    if command.intent in SERIES_EDITS:
        return checkins.apply(plan, command, now)
    match command.intent:
        case Intent.CONFIRM:
            return plan_state.confirm(plan, command, now)
        case Intent.RESUME:
            return plan_state.resume(plan, command.sender, now)
        case Intent.ADD_STEP:
            return steps.add_step(plan, command, now)
        case Intent.REMOVE_STEP:
            return steps.remove_step(plan, command, now)
        case Intent.CRITERION:
            return steps.add_criterion(plan, command, now)
        case Intent.GO_LIVE:
            when = date.fromisoformat(command.argument)
            return move_go_live(plan, when, command.sender, now, kept=kept)
        case Intent.ADD:
            return people.add_person(plan, command, now)
        case Intent.REMOVE:
            return people.remove_person(plan, command.argument, command.sender, now)
        case Intent.CANCEL:
            return plan_state.cancel(plan, command.argument, command.sender, now)
        case Intent.LANGUAGE:
            return people.set_language(plan, command, now)
        case Intent.AMOUNT | Intent.CLOSE:
            return plan_state.set_deal_terms(plan, command, now)
    return step_answers.answer(plan, command, now)
