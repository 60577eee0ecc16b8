"""Turn an EmailRequest from a plan workflow into the exact email to send. Pure.

The Message-ID and the Reply-To both carry the recipient's signed reply token, so a reply is
recognised by its address, or, where a server drops plus-addressing, by its In-Reply-To.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from mutualplan.calendar.checkin import describe_cadence
from mutualplan.calendar.invites import build_invite, checkin_uid
from mutualplan.health import local_day
from mutualplan.mail.compose import OutgoingEmail, Renderer, address
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.models import (
    EmailKind,
    EmailRequest,
    Milestone,
    MilestoneStatus,
    Plan,
    Stakeholder,
)
from mutualplan.settings import Settings
from mutualplan.web.links import Links, PersonLinks

_INVITES: dict[EmailKind, Literal["REQUEST", "CANCEL"]] = {
    EmailKind.CHECKIN_INVITE: "REQUEST",
    EmailKind.CHECKIN_CANCEL: "CANCEL",
}


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
        case EmailKind.CHECKIN_INVITE if request.note:
            text = f"Updated: go-live {plan.go_live.isoformat()}, check-in call"
        case EmailKind.CHECKIN_INVITE:
            text = f"Check-in call: {checkin_when(plan)}"
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
    template = request.kind.value
    calendar = _invite(request, recipient, settings, token, now)
    return OutgoingEmail(
        sender=address(f"{plan.seller.display} via mutualplan", settings.plans_address),
        to=[address(recipient.name, recipient.email)],
        subject=context["subject"],
        text=renderer.text(template, **context),
        html=renderer.html(template, **context),
        message_id=f"{token}.{request.key}@{settings.domain}",
        reply_to=settings.reply_address(token),
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
    return links.for_person(plan.id, plan.go_live, recipient.id, now, number)


def _former(plan: Plan, stakeholder_id: int) -> Stakeholder:
    return next((s for s in plan.former if s.id == stakeholder_id), plan.seller)


def checkin_when(plan: Plan) -> str:
    return describe_cadence(plan.checkin.cadence) if plan.checkin else ""


def _invite(
    request: EmailRequest, recipient: Stakeholder, settings: Settings, token: str, now: datetime
) -> bytes | None:
    """The iTIP calendar for check-in emails; the ORGANIZER is this recipient's reply address."""
    plan = request.plan
    if plan.checkin is None or request.kind not in _INVITES:
        return None
    return build_invite(
        plan,
        cadence=plan.checkin.cadence,
        organizer=address(plan.seller.display, settings.reply_address(token)),
        # someone taken off the plan gets a CANCEL naming only them
        attendees=plan.stakeholders if recipient in plan.stakeholders else [recipient],
        sequence=plan.checkin.sequence,
        method=_INVITES[request.kind],
        dtstamp=now,
        uid=checkin_uid(plan.id, settings.domain),
    )


def thread_root(plan: Plan, settings: Settings) -> str:
    """One made-up root id per plan, so mail clients keep each plan in one conversation."""
    return f"{plan.id}.plan@{settings.domain}"
