"""Pure plan edits from people's replies: check who may do what, then apply it.

The plan workflow calls `check` from its update validator (a refusal never enters the history)
and `apply` from the update handler. Both are deterministic: time comes in as an argument.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from email.utils import parseaddr

from mutualplan import checkins, limits, questions
from mutualplan.business_days import example_day
from mutualplan.checkins import SERIES_EDITS
from mutualplan.edits import refusals, steps
from mutualplan.edits.changes import Change, Notice
from mutualplan.edits.days_off import day_off
from mutualplan.edits.go_live import KeptDates, move_go_live
from mutualplan.edits.steps import said
from mutualplan.errors import NotTheirs, Refused
from mutualplan.forecast import format_amount
from mutualplan.header_text import look_alike
from mutualplan.limits import address_too_long
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    LANGUAGE_NAMES,
    EmailKind,
    Intent,
    LanguageChoice,
    Milestone,
    MilestoneStatus,
    NewPerson,
    Phrase,
    Plan,
    PlanStatus,
    Role,
    Shift,
    Stakeholder,
    phrase,
    plural_phrase,
    step_title,
    term,
)
from mutualplan.planning import too_far_ahead
from mutualplan.roles import ROLES

EDITS = {Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE}
PLAN_EDITS = {Intent.GO_LIVE, Intent.ADD, Intent.REMOVE, Intent.CANCEL, Intent.AMOUNT, Intent.CLOSE}
# what the champion may change while reviewing a draft, besides the steps' dates and owners
REVIEW_EDITS = {Intent.ADD_STEP, Intent.REMOVE_STEP, Intent.CRITERION}
NOT_IN_DRAFT = {Intent.DONE, Intent.BLOCKED}


def check_reply(plan: Plan, command: ReplyCommand, now: datetime) -> None:
    """Refused with a reason unless every command line of the reply may be applied: several
    are tried in turn on a copy of the plan, so a reply applies whole or not at all."""
    _check_token_holder(plan, command)  # NotTheirs as it is, never as a line's refusal
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
    _check_token_holder(plan, command)
    if plan.status is PlanStatus.STALLED and command.intent not in (Intent.RESUME, Intent.CANCEL):
        raise refusals.stalled(plan, command.sender)
    if plan.status not in (PlanStatus.ACTIVE, PlanStatus.DRAFT, PlanStatus.STALLED):
        raise Refused(phrase("the plan is {status}", status=term(plan.status.value)))
    if command.intent is Intent.RESUME:
        _check_resume(plan, command)
        return None
    if command.intent is Intent.CONFIRM:
        _check_confirm(plan, command)
        return None
    if command.intent in PLAN_EDITS | REVIEW_EDITS | SERIES_EDITS:
        _check_plan_edit(plan, command, today)
        if command.intent in SERIES_EDITS:
            checkins.check(plan, command, now or command.received_at)
        return None
    if command.intent is Intent.LANGUAGE:
        _check_language(plan, command)
        return None
    if command.intent not in EDITS:
        raise Refused(f"'{command.intent.value}' does not change a plan")
    if plan.status is PlanStatus.DRAFT and command.intent in NOT_IN_DRAFT:
        raise refusals.still_a_draft(plan, command.sender)
    milestone = target(plan, command)
    if milestone.status is MilestoneStatus.DONE:
        raise Refused(phrase("\u201c{title}\u201d is already done", title=step_title(milestone)))
    if command.sender not in (answerers := _answerers(plan, milestone, command.intent)):
        raise refusals.not_the_owner(plan, milestone, command.sender, answerers)
    if command.intent is Intent.RESCHEDULE:
        _check_date(plan, "the new date", new_due(plan, milestone, command), today)
    if command.intent is Intent.REASSIGN:
        _check_address(_new_owner(command)[1])
    return milestone


def _check_address(address: str) -> None:
    if "@" not in address:
        raise Refused(phrase("a new owner needs an email address"))
    if len(address) > limits.ADDRESS:
        raise Refused(address_too_long())
    if look_alike(address):  # a Cyrillic "a" in jane@: every email would name "Jane"
        raise Refused(phrase("\u00ab{written}\u00bb has no email address", written=address))


def may_answer(plan: Plan, milestone: Milestone, person: Stakeholder) -> bool:
    """Whether `person` may mark `milestone` done or blocked now, as `check` decides it: the
    emails and the plan page offer their one-click links to them alone."""
    if plan.status is not PlanStatus.ACTIVE or milestone.status is MilestoneStatus.DONE:
        return False
    return person.email in _answerers(plan, milestone, Intent.DONE)


def _answerers(plan: Plan, milestone: Milestone, intent: Intent) -> set[str]:
    """Who may answer for `milestone`: its owner, and whoever may edit any step."""
    return {plan.owner(milestone).email, *editors(plan, intent)}


def editors(plan: Plan, intent: Intent) -> set[str]:
    """Who may change any step or the plan itself: the seller; while the plan is a draft, the
    champion too, for the steps' dates, owners and notes, added or removed steps, criteria."""
    people = {plan.seller.email}
    if plan.status is PlanStatus.DRAFT and intent in EDITS | REVIEW_EDITS:
        people |= {s.email for s in plan.stakeholders if s.role is Role.CHAMPION}
    return people


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


def _check_confirm(plan: Plan, command: ReplyCommand) -> None:
    if plan.status is not PlanStatus.DRAFT:
        raise Refused(phrase("the plan is already confirmed"))
    if command.sender not in editors(plan, Intent.CRITERION):
        raise Refused(
            phrase("only the seller ({seller}) can confirm the plan", seller=plan.seller.email)
        )


def _check_resume(plan: Plan, command: ReplyCommand) -> None:
    _check_token_holder(plan, command)
    if plan.status is not PlanStatus.STALLED:
        raise Refused(phrase("the plan is {status}, not stalled", status=term(plan.status.value)))
    if command.sender != plan.seller.email:
        raise Refused(
            phrase("only the seller ({seller}) can resume the plan", seller=plan.seller.email)
        )


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
            _check_date(plan, "the new go-live", date.fromisoformat(command.argument), today)
        case Intent.ADD if plan.stakeholder_by_email(_added(command)[1]) is not None:
            raise refusals.already_on(_added(command)[1], command.sender)
        case Intent.ADD if len(plan.stakeholders) >= plan.max_stakeholders:
            raise Refused(
                plural_phrase(
                    "the plan has {count} person, the most it takes",
                    "the plan has {count} people, the most it takes",
                    len(plan.stakeholders),
                )
            )
        case Intent.ADD:
            _check_address(_added(command)[1])
        case Intent.REMOVE:
            person = plan.stakeholder_by_email(command.argument)
            if person is None:
                raise Refused(phrase("{address} is not on the plan", address=command.argument))
            if person.id == plan.seller_id:
                raise Refused(phrase("the seller cannot be removed from their own plan"))


def apply(
    plan: Plan, command: ReplyCommand, now: datetime, *, kept: KeptDates = KeptDates.SET_DATES
) -> Change:
    """Apply every command line of a reply; each person hears of it in one email at most.
    `kept`: which dates people set a go-live move leaves (`go_live.move_go_live`)."""
    heard_in(plan, command.sender, command.language)
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
            return confirm(plan, command, now)
        case Intent.RESUME:
            return resume(plan, command.sender, now)
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
            return add_person(plan, command, now)
        case Intent.REMOVE:
            return remove_person(plan, command.argument, command.sender, now)
        case Intent.CANCEL:
            return cancel(plan, command.argument, command.sender, now)
        case Intent.LANGUAGE:
            return set_language(plan, command, now)
        case Intent.AMOUNT | Intent.CLOSE:
            return set_deal_terms(plan, command, now)
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
            milestone.blocked = limits.cut(command.argument, limits.NOTE)
            what = phrase("blocked: {reason}", reason=milestone.blocked)
            summary = phrase(
                "{name} blocked: {reason} \u2014 \u201c{title}\u201d",
                reason=milestone.blocked,
                **about,
            )
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
        return _change(summary, [])
    lines = [summary, heads_up] if heads_up else [summary]
    change = _change_lines(lines, _tell_the_other_side(plan, milestone, command, lines))
    # an amount's date is the plan's to work out: its sender hears which date it gave
    tell = heads_up is not None or isinstance(command.details, Shift)
    return change.model_copy(update={"tell_sender": tell})


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
    new_name, email = _new_owner(command)
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
    return _change(summary, notices)


def _new_owner(command: ReplyCommand) -> tuple[str, str]:
    """(name, address) of an 'assign to Lee Park <lee@globex.example>' command."""
    name, address = parseaddr(command.argument)
    return " ".join(name.split()), (address or command.argument).strip().lower()


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
        return _change(summary, [Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=person.id)])
    return _change(summary, [])  # invited by `checkins.sync`


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
    return _change(summary, notices)  # the others updated by `checkins.sync`


def confirm(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """The seller's "confirm" starts the plan (the workflow then sends the milestone emails and
    invites); the champion's tells the seller the buyer agrees."""
    who = plan.stakeholder_by_email(command.sender)
    name = who.display if who else command.sender
    if command.sender == plan.seller.email:
        plan.status = PlanStatus.ACTIVE
        plan.history.append(said(now, command.sender, phrase("confirmed the plan")))
        return _change(phrase("{name} confirmed the plan.", name=name), [])
    plan.history.append(said(now, command.sender, phrase("approved the draft")))
    note = phrase(
        "{name} approved the draft plan. Reply \u201cconfirm\u201d to start it.", name=name
    )
    return _change(
        phrase("{name} approved the draft.", name=name),
        [
            Notice(
                kind=EmailKind.PLAN_NOTICE,
                recipient_id=plan.seller_id,
                note=note.english(),
                said=[note],
            )
        ],
    )


def set_deal_terms(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """The seller's `amount: ...` ('120000 USD', '' clears it) or `close: ...` (an ISO date).
    The forecast reads them; nobody else is emailed."""
    seller = plan.seller.display
    if command.intent is Intent.AMOUNT:
        amount, _, currency = command.argument.partition(" ")
        plan.amount, plan.currency = (Decimal(amount), currency) if amount else (None, "")
        shown = format_amount(plan.amount, plan.currency)
        if shown:
            what = phrase("set the amount to {amount}", amount=shown)
            summary = phrase("{seller} set the amount to {amount}.", seller=seller, amount=shown)
        else:
            what = phrase("cleared the amount")
            summary = phrase("{seller} cleared the amount.", seller=seller)
    else:
        plan.crm_close = date.fromisoformat(command.argument) if command.argument else None
        if plan.crm_close is not None:
            close = plan.crm_close.isoformat()
            what = phrase("set the CRM close date to {date}", date=close)
            summary = phrase(
                "{seller} set the CRM close date to {date}.", seller=seller, date=close
            )
        else:
            what = phrase("cleared the CRM close date")
            summary = phrase("{seller} cleared the CRM close date.", seller=seller)
    plan.history.append(said(now, command.sender, what))
    return _change(summary, [])


def resume(plan: Plan, by: str, now: datetime) -> Change:
    """A stalled plan is active again: reminders go out again from the next morning."""
    plan.status = PlanStatus.ACTIVE
    plan.resume_until = None
    plan.history.append(said(now, by, phrase("resumed the plan")))
    seller = plan.seller.display
    note = plural_phrase(
        "{seller} resumed the plan: reminders go out again. It stalls again if nobody acts on "
        "it for {count} week.",
        "{seller} resumed the plan: reminders go out again. It stalls again if nobody acts on "
        "it for {count} weeks.",
        plan.stall_after_weeks,
        seller=seller,
    )
    notice = Notice(
        kind=EmailKind.PLAN_NOTICE, recipient_id=plan.seller_id, note=note.english(), said=[note]
    )
    return _change(phrase("{seller} resumed the plan.", seller=seller), [notice])


def cancel(plan: Plan, reason: str, by: str, now: datetime) -> Change:
    """End the plan early; the workflow then ends the check-in series (`checkins.end_series`)."""
    plan.status = PlanStatus.CANCELLED
    reason = limits.cut(reason, limits.NOTE)
    seller = plan.seller.display
    if reason:
        what = phrase("cancelled the plan: {reason}", reason=reason)
        summary = phrase("{seller} cancelled the plan: {reason}.", seller=seller, reason=reason)
    else:
        what = phrase("cancelled the plan")
        summary = phrase("{seller} cancelled the plan.", seller=seller)
    plan.history.append(said(now, by, what))
    return _change(summary, [])


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


def _check_language(plan: Plan, command: ReplyCommand) -> None:
    _check_token_holder(plan, command)
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
        return _change(summary, [])
    notice = Notice(
        kind=EmailKind.PLAN_NOTICE, recipient_id=person.id, note=summary.english(), said=[summary]
    )
    return _change(summary, [notice])


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


def _change(summary: Phrase, notices: list[Notice]) -> Change:
    return _change_lines([summary], notices)


def _change_lines(lines: list[Phrase], notices: list[Notice]) -> Change:
    """A change said in a few lines: what changed, then anything to know about it."""
    summary = "\n".join(line.english() for line in lines)
    return Change(summary=summary, notices=notices, said=lines)
