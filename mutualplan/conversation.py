"""What people write about a plan besides the commands that change it. Pure: time comes in.

    add_comment      a question, a thank-you, "can we skip the call on the 23rd?": kept on the
                     plan (on the step it answers) and forwarded to the seller
    apply_reply      a command, with the files that came with it kept on its step
    ask              a reply read as probably a command: the question asked about it is kept
                     until the person says yes (`mutualplan.questions`)
    record_rsvp      a calendar answer; from another address than the invitee's, a comment

Nothing here is ever lost silently and nothing grows without bound: a comment's text is cut at
`limits.NOTE` (the whole message stays in the plans mailbox), the plan keeps the newest
MAX_COMMENTS comments and MAX_ATTACHMENTS files, and a file is listed, never copied in.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from mutualplan import checkins, limits, questions
from mutualplan.checkins import check_rsvp as check_calendar_answer
from mutualplan.edits import editing, people, permissions, step_answers
from mutualplan.edits.changes import Change, Notice
from mutualplan.edits.go_live import KeptDates
from mutualplan.errors import NotTheirs, NotThisAttendee, Refused
from mutualplan.messages import AskCommand, CommentCommand, ReplyCommand, RsvpCommand
from mutualplan.models import (
    Attachment,
    Comment,
    EmailKind,
    Instruction,
    MessageFile,
    Milestone,
    Plan,
    PlanStatus,
    Question,
    phrase,
    term,
)

MAX_COMMENTS = 100
MAX_ATTACHMENTS = 200
MAX_FILES_PER_MESSAGE = 20
SUBJECT = 200


# --- comments ----------------------------------------------------------------------------------


def check_comment(plan: Plan, command: CommentCommand) -> None:
    """Anyone on the plan may write about it; a reply token used by someone else than its
    holder is theirs only if they are on the plan too (a colleague's Reply-All)."""
    if plan.status in (PlanStatus.COMPLETED, PlanStatus.CANCELLED):
        raise Refused(phrase("the plan is {status}", status=term(plan.status.value)))
    if plan.stakeholder_by_email(command.sender) is None:
        raise NotTheirs(f"{command.sender} is not on the plan")


def add_comment(plan: Plan, command: CommentCommand, now: datetime) -> Change:
    people.heard_in(plan, command.sender, command.language)
    person = plan.stakeholder_by_email(command.sender)
    step = _existing(plan, command.milestone_number)
    files = keep_files(plan, command.files, command.sender, command.message_id, step, now)
    comment = Comment(
        at=now,
        by=command.sender,
        name=person.name if person else limits.cut(command.sender_name, limits.NAME),
        text=limits.cut(command.text.strip(), limits.NOTE),
        step=step.number if step else None,
        message_id=command.message_id,
        subject=command.subject[:SUBJECT],
        files=[f.key for f in files],
    )
    return _kept(plan, comment)


def _kept(plan: Plan, comment: Comment) -> Change:
    """Keep the comment; the seller hears of it (unless the seller wrote it)."""
    plan.comments.append(comment)
    del plan.comments[:-MAX_COMMENTS]
    who = comment.name or comment.by
    step = _existing(plan, comment.step)
    summary = f"{who} wrote about " + (f"\u201c{step.title}\u201d" if step else "the plan")
    if comment.by == plan.seller.email:
        return Change(summary=summary, notices=[])
    forward = Notice(kind=EmailKind.PLAN_COMMENT, recipient_id=plan.seller_id,
                     note=comment.message_id)  # fmt: skip
    return Change(summary=summary, notices=[forward])


def comment_of(plan: Plan, message_id: str) -> Comment | None:
    return next((c for c in plan.comments if c.message_id == message_id), None)


# --- files -------------------------------------------------------------------------------------


def file_key(message_id: str, part: int) -> str:
    digest = hashlib.sha256(message_id.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{digest}p{part}"


def keep_files(
    plan: Plan,
    files: list[MessageFile],
    by: str,
    message_id: str,
    step: Milestone | None,
    now: datetime,
) -> list[Attachment]:
    """List a message's files on the plan (once, however often the message comes)."""
    known = {a.key for a in plan.attachments}
    kept = []
    for file in files[:MAX_FILES_PER_MESSAGE]:
        key = file_key(message_id, file.part)
        if key in known:
            continue
        number = step.number if step else None
        found = Attachment(**file.model_dump(), key=key, by=by, at=now, message_id=message_id,
                           step=number)  # fmt: skip
        kept.append(found)
    plan.attachments += kept
    del plan.attachments[:-MAX_ATTACHMENTS]
    return kept


def attachment(plan: Plan, key: str) -> Attachment | None:
    return next((a for a in plan.attachments if a.key == key), None)


# --- commands, with their files ------------------------------------------------------------------


def apply_reply(
    plan: Plan, command: ReplyCommand, now: datetime, *, kept: KeptDates = KeptDates.SET_DATES
) -> Change:
    """Apply a reply's commands (`editing.apply`); its files go with the step it changed."""
    step = _step_of(plan, command, now) if command.files else None
    change = editing.apply(plan, command, now, kept=kept)
    keep_files(plan, command.files, command.sender, command.message_id, step, now)
    return change


def _step_of(plan: Plan, command: ReplyCommand, now: datetime) -> Milestone | None:
    """The step a command is about, if it is about one (read before it is applied: a step
    marked done is no longer the sender's active one)."""
    try:
        resolved = questions.resolve(plan, command, now)
        if resolved.intent not in permissions.EDITS:
            return _existing(plan, resolved.milestone_number)
        return step_answers.target(plan, resolved)
    except Refused:
        return None


# --- asking first ------------------------------------------------------------------------------


def check_ask(plan: Plan, command: AskCommand, now: datetime) -> None:
    """Refused unless one of the options could be applied as it stands."""
    _options(plan, command, now)


def ask(plan: Plan, command: AskCommand, now: datetime) -> Change:
    """Keep the question until the person answers it (or it expires); nobody else is told."""
    options = _options(plan, command, now)
    question = Question(
        key=command.key,
        person_id=command.token_stakeholder_id,
        options=options,
        read_from=limits.cut(command.read_from, limits.NOTE),
        doubt=limits.cut(command.doubt, limits.NOTE),
        asked_at=now,
        expires=questions.expires(now),
    )
    questions.keep(plan, question, now)
    steps = {o.step for o in options}
    step = _existing(plan, steps.pop()) if len(steps) == 1 else None
    keep_files(plan, command.files, command.sender, command.message_id, step, now)
    said = " or ".join(questions.described(plan, o).english() for o in options)
    return Change(summary=f"asked {command.sender}: did you mean {said}?", notices=[])


def _options(plan: Plan, command: AskCommand, now: datetime) -> list[Instruction]:
    """The options that pass the checks a command would, each with the step it is about;
    Refused with the first one's reason when none does."""
    kept: list[Instruction] = []
    refusals: list[Refused] = []
    for option in command.options:
        reply = ReplyCommand(
            message_id=command.message_id,
            sender=command.sender,
            milestone_number=option.step,
            token_stakeholder_id=command.token_stakeholder_id,
            intent=option.intent,
            argument=option.argument,
            details=option.details,
            received_at=command.received_at,
        )
        try:
            milestone = editing.check(plan, reply, now.date(), now=now)
        except NotTheirs:
            raise
        except Refused as refused:
            refusals.append(refused)
            continue
        kept.append(option.model_copy(update={"step": milestone.number if milestone else None}))
    if not kept:
        raise refusals[0]
    return kept


# --- calendar answers --------------------------------------------------------------------------


def check_rsvp(plan: Plan, command: RsvpCommand) -> None:
    """A calendar answer's checks; one from an address that is not provably the invitee's
    passes, to be kept as a comment (someone writing about the plan)."""
    try:
        check_calendar_answer(plan, command)
    except NotThisAttendee:
        return


def record_rsvp(plan: Plan, command: RsvpCommand, now: datetime) -> Change:
    try:
        check_calendar_answer(plan, command)
    except NotThisAttendee as other:
        comment = Comment(
            at=now,
            by=command.sender,
            text=f"{other} ({command.partstat.lower()}).",
            message_id=command.message_id,
        )
        return _kept(plan, comment)
    return checkins.record_rsvp(plan, command, now)


def _existing(plan: Plan, number: int | None) -> Milestone | None:
    return plan.milestone_by_number(number) if number else None
