"""Turn an EmailRequest from a plan workflow into the exact email to send. Pure.

The Message-ID and the Reply-To both carry the recipient's signed reply token, so a reply is
recognised by its address, or, where a server drops plus-addressing, by its In-Reply-To.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from mutualplan.business_days import example_dates
from mutualplan.calendar.invites import Method, build_invite, checkin_uid
from mutualplan.calendar.series import subject_line, subject_said
from mutualplan.conversation import comment_of
from mutualplan.edits.permissions import may_answer
from mutualplan.header_text import mailbox
from mutualplan.health import local_day
from mutualplan.languages import ENGLISH, Wording, language_for, plan_in, wording
from mutualplan.limits import ELLIPSIS, shortened
from mutualplan.links import CockpitLinks, Links, PersonLinks
from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.messages import EmailRequest
from mutualplan.models import (
    CheckIn,
    Comment,
    EmailKind,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    PlanStatus,
    Stakeholder,
    phrase,
    plural_phrase,
)
from mutualplan.settings import Settings

_INVITES: dict[EmailKind, Literal["REQUEST", "CANCEL"]] = {
    EmailKind.CHECKIN_INVITE: "REQUEST",
    EmailKind.CHECKIN_CANCEL: "CANCEL",
    EmailKind.CHECKIN_ENDED: "REQUEST",
    EmailKind.CHECKIN_SKIPPED: "CANCEL",
    EmailKind.CHECKIN_MOVED: "REQUEST",
}
_ONE_CALL = {EmailKind.CHECKIN_SKIPPED, EmailKind.CHECKIN_MOVED}


# the subject after "[deal] ", for the kinds whose subject is fixed by the plan and step; the
# tag and the step's title stay as they are in every language, so threads and filters hold
def _fixed_subject(kind: EmailKind, plan: Plan, m: Milestone | None) -> Phrase:
    title, due = (m.title, m.due) if m else ("", plan.go_live)
    go_live = plan.go_live.isoformat()
    match kind:
        case EmailKind.PLAN_DRAFT:
            return phrase("Draft plan for review: go-live {go_live}", go_live=go_live)
        case EmailKind.PLAN_CREATED:
            return phrase("Mutual action plan: go-live {go_live}", go_live=go_live)
        case EmailKind.MILESTONE_STARTED:
            return phrase("Your turn: {title} (due {due})", title=title, due=due.isoformat())
        case EmailKind.MILESTONE_DONE:
            return phrase("Done: {title}", title=title)
        case EmailKind.MILESTONE_CHANGED:
            return phrase("Changed: {title}", title=title)
        case EmailKind.MILESTONE_REMINDER:
            return phrase("Reminder: {title} is due {due}", title=title, due=due)
        case EmailKind.MILESTONE_LATE:
            return phrase("Late: {title} was due {due}", title=title, due=due)
        case EmailKind.PLAN_COMPLETED:
            return phrase("Plan complete")
        case EmailKind.PLAN_STALLED:
            return phrase("Plan stalled: reply \u201cresume\u201d to re-open it")
        case _:
            return phrase("Cancelled: check-in call")


def _marked_done_by(plan: Plan, milestone: Milestone) -> str:
    """Who marked the step done (its owner, or the seller for them): the one whose words go
    with it."""
    done = [e for e in milestone.history if e.what.startswith("marked done")]
    marked = done[-1] if done else None
    if marked is None:
        return plan.owner(milestone).display
    who = plan.stakeholder_by_email(marked.by)
    return who.display if who else marked.by


def subject_for(
    request: EmailRequest, milestone: Milestone | None, words: Wording | None = None
) -> str:
    words = words or wording(ENGLISH)
    plan = request.plan
    match request.kind:
        case EmailKind.PLAN_NOTICE:
            note = note_for(request, words)
            text = subject_of(note) or words.say(phrase("You are on the mutual action plan"))
        case EmailKind.PLAN_UPDATES:
            count = len(request.held)
            text = words.say(
                plural_phrase("{count} update since yesterday", "{count} updates since yesterday",
                              count)
            )  # fmt: skip
        case EmailKind.CHECKIN_INVITE if request.note and plan.checkin and plan.checkin.latest:
            # what changed in the series (a plan from before the phrases: in English)
            latest = plan.checkin.latest_said
            text = words.say(subject_said(latest)) if latest else subject_line(plan.checkin.latest)
        case EmailKind.CHECKIN_INVITE if request.note:
            text = words.say(phrase("Updated: check-in call"))
        case EmailKind.CHECKIN_INVITE:
            when = checkin_when(plan, words)
            text = words.say(phrase("Check-in call: {when}", when=when))
        case EmailKind.CHECKIN_ENDED:
            why = ended_why(plan, note_for(request, words), words)
            text = words.say(phrase("Check-in calls end: {why}", why=why))
        case EmailKind.CHECKIN_SKIPPED:
            day = words.daytime(one_call(request))
            text = words.say(phrase("Check-in call on {day} skipped", day=day))
        case EmailKind.CHECKIN_MOVED:
            call, to = one_call(request), moved_to(plan, one_call(request))
            text = words.say(phrase("Check-in call on {day} moved to {to}",
                                    day=words.daytime(call), to=words.daytime(to)))  # fmt: skip
        case EmailKind.PLAN_COMMENT:
            text = forwarded_subject(plan, comment_of(plan, request.note), words)
        case kind:
            text = words.say(_fixed_subject(kind, plan, milestone))
    return f"[{plan.deal}] {text}"


def next_steps(plan: Plan) -> list[Milestone]:
    """What a "Done" email names as next: every step now in progress (a step done can start two
    at once), else the first still to come."""
    active = [m for m in plan.milestones if m.status is MilestoneStatus.ACTIVE]
    return active or [m for m in plan.milestones if m.status is MilestoneStatus.PENDING][:1]


def note_for(request: EmailRequest, words: Wording) -> str:
    """What changed, in the reader's language where the workflow gave it as phrases."""
    if words.code == ENGLISH or not request.said:
        return request.note
    lines = [words.say(said) for said in request.said]  # a change a line, as in English
    return "\n".join(line[:1].upper() + line[1:] for line in lines)  # each starts a sentence


def plan_email(
    request: EmailRequest, *, settings: Settings, renderer: Renderer, now: datetime
) -> OutgoingEmail:
    plan = request.plan
    recipient = plan.stakeholder(request.recipient_id) or _former(plan, request.recipient_id)
    language = language_for(recipient, plan, settings.language)
    words = wording(language)
    plan = plan_in(plan, language)
    request = request.model_copy(update={"plan": plan}) if plan is not request.plan else request
    milestone = plan.milestone(request.milestone_key) if request.milestone_key else None
    token = make_token(
        settings.secret_bytes(),
        TokenClaims(
            plan_id=plan.id,
            milestone_number=milestone.number if milestone else 0,
            stakeholder_id=recipient.id,
        ),
    )
    context: dict[str, object] = {
        "plan": plan,
        "recipient": recipient,
        "milestone": milestone,
        "subject": subject_for(request, milestone, words),
        "done_by": plan.owner(milestone) if milestone else plan.seller,
        "noted_by": _marked_done_by(plan, milestone) if milestone else "",
        "note": note_for(request, words),
        "held": request.held,
        "next_milestones": next_steps(plan),
        "examples": example_dates(now.date(), plan.go_live, plan.holidays.days_off),
        "champion": plan.champion,
        # a forwarded comment is answered by writing to whoever wrote it, whose copy quotes it:
        # no link of the seller's (their page acts as them; its .ics carries their reply token)
        "links": None
        if request.kind is EmailKind.PLAN_COMMENT
        else page_links(plan, recipient, milestone, settings, now),
    }
    context["checkin_when"] = checkin_when(plan, words)
    context["resume_by"] = local_day(plan, plan.resume_until) if plan.resume_until else None
    if request.kind in _ONE_CALL:
        context["call"] = one_call(request)
        context["moved_to"] = moved_to(plan, one_call(request))
    if request.kind is EmailKind.CHECKIN_ENDED:
        context["ended_why"] = ended_why(plan, note_for(request, words), words)
    comment = comment_of(plan, request.note) if request.kind is EmailKind.PLAN_COMMENT else None
    context |= forwarded(plan, comment, words) if comment is not None else {"comment": None}
    template = request.kind.value
    calendar = _invite(request, recipient, settings, token, now, words)
    return OutgoingEmail(
        sender=mailbox(f"{_from(plan, comment)} via mutualplan", settings.plans_address),
        to=[mailbox(recipient.name, recipient.email)],
        subject=context["subject"],
        text=renderer.text(template, language=language, **context),
        html=renderer.html(template, language=language, **context),
        message_id=_message_id(plan, request, token, comment, settings),
        # a forwarded comment is answered by writing to whoever wrote it
        reply_to=mailbox(comment.name, comment.by) if comment else settings.reply_address(token),
        references=[thread_root(plan, settings)],
        sent_at=now,
        calendar=calendar,
    )


def page_links(
    plan: Plan,
    recipient: Stakeholder,
    milestone: Milestone | None,
    settings: Settings,
    now: datetime,
) -> PersonLinks | None:
    """The recipient's own signed plan page link, plus done/blocked links for a milestone they
    may answer (`permissions.may_answer`); None when no plan pages are served."""
    base = settings.web_base_url
    if base is None or recipient not in plan.stakeholders:
        return None
    links = Links(settings.secret_bytes(), base_url=base, days_after_go_live=settings.web_link_days)
    number = 0
    if milestone is not None and may_answer(plan, milestone, recipient):
        number = milestone.number
    found = links.for_person(plan.id, plan.go_live, recipient.id, now, number)
    if recipient.id == plan.seller_id:  # the seller's emails lead to all their plans too
        cockpit = CockpitLinks(settings.secret_bytes(), base_url=base,
                               days=settings.cockpit_link_days)  # fmt: skip
        found.cockpit = cockpit.url(recipient.email, now)
    return found


def _former(plan: Plan, stakeholder_id: int) -> Stakeholder:
    return next((s for s in plan.former if s.id == stakeholder_id), plan.seller)


def checkin_when(plan: Plan, words: Wording | None = None) -> str:
    return (words or wording(ENGLISH)).cadence(plan.checkin.cadence) if plan.checkin else ""


def _invite(
    request: EmailRequest,
    recipient: Stakeholder,
    settings: Settings,
    token: str,
    now: datetime,
    words: Wording,
) -> bytes | None:
    """The iTIP calendar for check-in emails; the ORGANIZER is this recipient's reply address,
    shown under the seller's name."""
    plan = request.plan
    if plan.checkin is None or request.kind not in _INVITES:
        return None
    series = ended_series(plan) if request.kind is EmailKind.CHECKIN_ENDED else plan.checkin
    return checkin_invite(
        plan,
        series,
        token,
        settings,
        method=_INVITES[request.kind],
        dtstamp=now,
        # someone taken off the plan gets a CANCEL naming only them
        attendees=plan.stakeholders if recipient in plan.stakeholders else [recipient],
        call=one_call(request) if request.kind in _ONE_CALL else None,
        words=words,
    )


def checkin_invite(
    plan: Plan,
    series: CheckIn,
    token: str,
    settings: Settings,
    *,
    method: Method,
    dtstamp: datetime,
    attendees: list[Stakeholder],
    call: datetime | None = None,
    words: Wording,
) -> bytes:
    """One person's copy of the check-in series (in an email, or from the plan page): its
    ORGANIZER is their own reply address, `token`'s, so what their calendar answers comes back
    as theirs; it shows the seller's name."""
    return build_invite(
        plan,
        series=series,
        organizer=settings.reply_address(token),
        organizer_name=plan.seller.display,
        attendees=attendees,
        method=method,
        dtstamp=dtstamp,
        uid=checkin_uid(plan.id, settings.domain, series.number),
        call=call,
        words=words,
    )


def ended_series(plan: Plan) -> CheckIn:
    """The series a CHECKIN_ENDED email ends: the plan's own when the plan ended, else the one
    a new cadence replaced."""
    assert plan.checkin is not None
    if plan.checkin.ended_at is not None or not plan.checkin.earlier:
        return plan.checkin
    return plan.checkin.earlier[-1]


def ended_why(plan: Plan, note: str, words: Wording | None = None) -> str:
    words = words or wording(ENGLISH)
    if plan.status is PlanStatus.CANCELLED:
        return words.say(phrase("the plan was cancelled"))
    if plan.status is PlanStatus.COMPLETED:
        return words.say(phrase("the plan is complete"))
    if plan.status is PlanStatus.STALLED:
        return words.say(phrase("the plan stalled"))
    if plan.checkin:
        return words.say(phrase("now {when}", when=checkin_when(plan, words)))
    return note


def one_call(request: EmailRequest) -> datetime:
    """The call a CHECKIN_SKIPPED or CHECKIN_MOVED email is about (its note: the RECURRENCE-ID)."""
    assert request.plan.checkin is not None
    return datetime.fromisoformat(request.note).astimezone(request.plan.checkin.cadence.zone)


def moved_to(plan: Plan, call: datetime) -> datetime:
    assert plan.checkin is not None
    change = next((c for c in plan.checkin.changes if c.call == call), None)
    moved = change.moved_to if change is not None and change.moved_to is not None else call
    return moved.astimezone(plan.checkin.cadence.zone)


def _message_id(
    plan: Plan, request: EmailRequest, token: str, comment: Comment | None, settings: Settings
) -> str:
    """The recipient's reply token and the email's key: a reply that lost the plus-address
    still names its plan, step and person by the Message-ID it answers. Not a forwarded
    comment's: it is answered by writing to whoever wrote it, whose copy would then carry the
    recipient's (the seller's) token, to be used with a forged From."""
    if comment is not None:
        return f"{plan.id}.{request.key}.comment@{settings.domain}"
    return f"{token}.{request.key}@{settings.domain}"


def thread_root(plan: Plan, settings: Settings) -> str:
    """One made-up root id per plan, so mail clients keep each plan in one conversation."""
    return f"{plan.id}.plan@{settings.domain}"


def forwarded_subject(plan: Plan, comment: Comment | None, words: Wording) -> str:
    """ "Jane Doe wrote: Can we skip the call on the 23rd?" (one line, cut short)."""
    if comment is None:
        return words.say(phrase("A comment on the plan"))
    first = next((line.strip() for line in comment.text.split("\n") if line.strip()), "")
    cut = shortened(first, FORWARDED_WORDS)
    return words.say(phrase("{name} wrote: {words}", name=comment.name or comment.by, words=cut))


def subject_of(note: str) -> str:
    """A notice's subject: its first line, shortened; "…" where more lines follow."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    if not lines:
        return ""
    first = shortened(lines[0], NOTICE_WORDS)
    return first if len(lines) == 1 or first.endswith(ELLIPSIS) else f"{first} {ELLIPSIS}"


# characters of a notice a subject carries after the deal's tag: a change with its step's title,
# "Jane Doe moved the due date from ... to ... — “Technical validation signed off”"
NOTICE_WORDS = 100
FORWARDED_WORDS = 60  # of a forwarded comment's first line


def forwarded(plan: Plan, comment: Comment, words: Wording) -> dict[str, object]:
    """What a forwarded comment's email shows: who wrote, about what, and the files."""
    step = plan.milestone_by_number(comment.step) if comment.step else None
    title = step.title if step else plan.removed_steps.get(comment.step or 0)
    files = [a for a in plan.attachments if a.key in comment.files]
    about = phrase("\u201c{title}\u201d", title=title) if title else phrase("the plan")
    return {
        "comment": comment,
        "writer": comment.name or comment.by,
        "about": words.say(about),
        "files": [{"name": f.name, "size": words.size(f.size)} for f in files],
    }


def _from(plan: Plan, comment: Comment | None) -> str:
    """Whom an email shows it is from: the seller, or whoever wrote a forwarded comment."""
    return (comment.name or comment.by) if comment else plan.seller.display
