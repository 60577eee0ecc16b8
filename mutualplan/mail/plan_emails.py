"""Turn an EmailRequest from a plan workflow into the exact email to send. Pure.

The Message-ID and the Reply-To both carry the recipient's signed reply token, so a reply is
recognised by its address, or, where a server drops plus-addressing, by its In-Reply-To.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from mutualplan.calendar.checkin import describe_cadence
from mutualplan.calendar.invites import build_invite, checkin_uid
from mutualplan.calendar.series import subject_line
from mutualplan.conversation import comment_of
from mutualplan.health import local_day
from mutualplan.links import CockpitLinks, Links, PersonLinks
from mutualplan.mail.attachments import file_size
from mutualplan.mail.compose import OutgoingEmail, Renderer, address
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.models import (
    CheckIn,
    Comment,
    EmailKind,
    EmailRequest,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanStatus,
    Stakeholder,
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


# the subject after "[deal] ", for the kinds whose subject is fixed by the plan (p) and step (m)
_SUBJECTS: dict[EmailKind, str] = {
    EmailKind.PLAN_DRAFT: "Draft plan for review: go-live {p.go_live}",
    EmailKind.PLAN_CREATED: "Mutual action plan: go-live {p.go_live}",
    EmailKind.MILESTONE_STARTED: "Your turn: {m.title} (due {m.due})",
    EmailKind.MILESTONE_DONE: "Done: {m.title}",
    EmailKind.MILESTONE_CHANGED: "Changed: {m.title}",
    EmailKind.MILESTONE_REMINDER: "Reminder: {m.title} is due {m.due:%a %d %b}",
    EmailKind.MILESTONE_LATE: "Late: {m.title} was due {m.due:%a %d %b}",
    EmailKind.PLAN_COMPLETED: "Plan complete",
    EmailKind.PLAN_STALLED: "Plan stalled: reply \u201cresume\u201d to re-open it",
    EmailKind.CHECKIN_CANCEL: "Cancelled: check-in call",
}


def subject_for(request: EmailRequest, milestone: Milestone | None) -> str:
    plan = request.plan
    match request.kind:
        case EmailKind.PLAN_NOTICE:
            text = request.note[:80] or "You are on the mutual action plan"
        case EmailKind.PLAN_UPDATES:
            count = len(request.held)
            text = f"{count} update{'s' if count != 1 else ''} since yesterday"
        case EmailKind.CHECKIN_INVITE if request.note and plan.checkin and plan.checkin.latest:
            text = subject_line(plan.checkin.latest)
        case EmailKind.CHECKIN_INVITE if request.note:
            text = "Updated: check-in call"
        case EmailKind.CHECKIN_INVITE:
            text = f"Check-in call: {checkin_when(plan)}"
        case EmailKind.CHECKIN_ENDED:
            text = f"Check-in calls end: {ended_why(plan, request.note)}"
        case EmailKind.CHECKIN_SKIPPED:
            text = f"Check-in call on {_day(one_call(request))} skipped"
        case EmailKind.CHECKIN_MOVED:
            moved = moved_to(plan, one_call(request))
            text = f"Check-in call on {_day(one_call(request))} moved to {_day(moved)}"
        case EmailKind.PLAN_COMMENT:
            text = forwarded_subject(plan, comment_of(plan, request.note))
        case kind:
            text = _SUBJECTS[kind].format(p=plan, m=milestone)
    return f"[{plan.deal}] {text}"


def plan_email(
    request: EmailRequest, *, settings: Settings, renderer: Renderer, now: datetime
) -> OutgoingEmail:
    plan = request.plan
    recipient = plan.stakeholder(request.recipient_id) or _former(plan, request.recipient_id)
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
        "subject": subject_for(request, milestone),
        "done_by": plan.owner(milestone) if milestone else plan.seller,
        "note": request.note,
        "held": request.held,
        "next_milestones": [m for m in plan.milestones if m.status is not MilestoneStatus.DONE][:1],
        "champion": next((s for s in plan.stakeholders if s.role == "Champion"), None),
        "links": page_links(plan, recipient, milestone, settings, now),
    }
    context["checkin_when"] = checkin_when(plan)
    context["resume_by"] = local_day(plan, plan.resume_until) if plan.resume_until else None
    if request.kind in _ONE_CALL:
        context["call"] = one_call(request)
        context["moved_to"] = moved_to(plan, one_call(request))
    if request.kind is EmailKind.CHECKIN_ENDED:
        context["ended_why"] = ended_why(plan, request.note)
    comment = comment_of(plan, request.note) if request.kind is EmailKind.PLAN_COMMENT else None
    context |= forwarded(plan, comment) if comment is not None else {"comment": None}
    template = request.kind.value
    calendar = _invite(request, recipient, settings, token, now)
    return OutgoingEmail(
        sender=address(f"{_from(plan, comment)} via mutualplan", settings.plans_address),
        to=[address(recipient.name, recipient.email)],
        subject=context["subject"],
        text=renderer.text(template, **context),
        html=renderer.html(template, **context),
        message_id=f"{token}.{request.key}@{settings.domain}",
        # a forwarded comment is answered by writing to whoever wrote it
        reply_to=address(comment.name, comment.by) if comment else settings.reply_address(token),
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
    may answer (its owner or the seller); None when no plan pages are served."""
    base = settings.web_base_url
    if base is None or recipient not in plan.stakeholders:
        return None
    links = Links(settings.secret_bytes(), base_url=base, days_after_go_live=settings.web_link_days)
    number = 0
    if milestone is not None and milestone.status is not MilestoneStatus.DONE:
        answers = recipient.id in (plan.owner(milestone).id, plan.seller_id)
        number = milestone.number if answers else 0
    found = links.for_person(plan.id, plan.go_live, recipient.id, now, number)
    if recipient.id == plan.seller_id:  # the seller's emails lead to all their plans too
        cockpit = CockpitLinks(settings.secret_bytes(), base_url=base,
                               days=settings.cockpit_link_days)  # fmt: skip
        found.cockpit = cockpit.url(recipient.email, now)
    return found


def _former(plan: Plan, stakeholder_id: int) -> Stakeholder:
    return next((s for s in plan.former if s.id == stakeholder_id), plan.seller)


def checkin_when(plan: Plan) -> str:
    return describe_cadence(plan.checkin.cadence) if plan.checkin else ""


def _invite(
    request: EmailRequest, recipient: Stakeholder, settings: Settings, token: str, now: datetime
) -> bytes | None:
    """The iTIP calendar for check-in emails; the ORGANIZER is this recipient's reply address,
    shown under the seller's name."""
    plan = request.plan
    if plan.checkin is None or request.kind not in _INVITES:
        return None
    series = ended_series(plan) if request.kind is EmailKind.CHECKIN_ENDED else plan.checkin
    return build_invite(
        plan,
        series=series,
        organizer=settings.reply_address(token),
        organizer_name=plan.seller.display,
        # someone taken off the plan gets a CANCEL naming only them
        attendees=plan.stakeholders if recipient in plan.stakeholders else [recipient],
        method=_INVITES[request.kind],
        dtstamp=now,
        uid=checkin_uid(plan.id, settings.domain, series.number),
        call=one_call(request) if request.kind in _ONE_CALL else None,
    )


def ended_series(plan: Plan) -> CheckIn:
    """The series a CHECKIN_ENDED email ends: the plan's own when the plan ended, else the one
    a new cadence replaced."""
    assert plan.checkin is not None
    if plan.checkin.ended_at is not None or not plan.checkin.earlier:
        return plan.checkin
    return plan.checkin.earlier[-1]


def ended_why(plan: Plan, note: str) -> str:
    if plan.status is PlanStatus.CANCELLED:
        return "the plan was cancelled"
    if plan.status is PlanStatus.COMPLETED:
        return "the plan is complete"
    if plan.status is PlanStatus.STALLED:
        return "the plan stalled"
    return f"now {checkin_when(plan)}" if plan.checkin else note


def one_call(request: EmailRequest) -> datetime:
    """The call a CHECKIN_SKIPPED or CHECKIN_MOVED email is about (its note: the RECURRENCE-ID)."""
    assert request.plan.checkin is not None
    return datetime.fromisoformat(request.note).astimezone(request.plan.checkin.cadence.zone)


def moved_to(plan: Plan, call: datetime) -> datetime:
    assert plan.checkin is not None
    change = next((c for c in plan.checkin.changes if c.call == call), None)
    moved = change.moved_to if change is not None and change.moved_to is not None else call
    return moved.astimezone(plan.checkin.cadence.zone)


def _day(moment: datetime) -> str:
    return f"{moment:%a %d %b %H:%M}"


def thread_root(plan: Plan, settings: Settings) -> str:
    """One made-up root id per plan, so mail clients keep each plan in one conversation."""
    return f"{plan.id}.plan@{settings.domain}"


def forwarded_subject(plan: Plan, comment: Comment | None) -> str:
    """ "Jane Doe wrote: Can we skip the call on the 23rd?" (one line, cut short)."""
    if comment is None:
        return "A comment on the plan"
    first = next((line.strip() for line in comment.text.split("\n") if line.strip()), "")
    cut = first if len(first) <= 60 else first[:59].rstrip() + "\u2026"
    return f"{comment.name or comment.by} wrote: {cut}"


def forwarded(plan: Plan, comment: Comment) -> dict[str, object]:
    """What a forwarded comment's email shows: who wrote, about what, and the files."""
    step = plan.milestone_by_number(comment.step) if comment.step else None
    title = step.title if step else plan.removed_steps.get(comment.step or 0)
    files = [a for a in plan.attachments if a.key in comment.files]
    return {
        "comment": comment,
        "writer": comment.name or comment.by,
        "about": f"\u201c{title}\u201d" if title else "the plan",
        "files": [{"name": f.name, "size": file_size(f.size)} for f in files],
    }


def _from(plan: Plan, comment: Comment | None) -> str:
    """Whom an email shows it is from: the seller, or whoever wrote a forwarded comment."""
    return (comment.name or comment.by) if comment else plan.seller.display
