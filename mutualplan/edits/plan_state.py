"""The plan's own state, changed by its seller: a draft confirmed (or approved by its champion),
a stalled plan resumed, the plan cancelled, the deal's amount and CRM close date set."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from mutualplan import limits
from mutualplan.edits.changes import Change, Notice, change
from mutualplan.edits.permissions import check_token_holder, editors
from mutualplan.edits.steps import said
from mutualplan.errors import Refused
from mutualplan.forecast import format_amount
from mutualplan.messages import ReplyCommand
from mutualplan.models import EmailKind, Intent, Plan, PlanStatus, phrase, plural_phrase, term


def check_confirm(plan: Plan, command: ReplyCommand) -> None:
    """Refused unless the plan is a draft and the sender one of its reviewers."""
    if plan.status is not PlanStatus.DRAFT:
        raise Refused(phrase("the plan is already confirmed"))
    if command.sender not in editors(plan, Intent.CRITERION):
        raise Refused(
            phrase("only the seller ({seller}) can confirm the plan", seller=plan.seller.email)
        )


def check_resume(plan: Plan, command: ReplyCommand) -> None:
    """Refused unless the plan is stalled and the sender its seller."""
    check_token_holder(plan, command)
    if plan.status is not PlanStatus.STALLED:
        raise Refused(phrase("the plan is {status}, not stalled", status=term(plan.status.value)))
    if command.sender != plan.seller.email:
        raise Refused(
            phrase("only the seller ({seller}) can resume the plan", seller=plan.seller.email)
        )


def confirm(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """The seller's "confirm" starts the plan (the workflow then sends the milestone emails and
    invites); the champion's tells the seller the buyer agrees."""
    who = plan.stakeholder_by_email(command.sender)
    name = who.display if who else command.sender
    if command.sender == plan.seller.email:
        plan.status = PlanStatus.ACTIVE
        plan.history.append(said(now, command.sender, phrase("confirmed the plan")))
        return change(phrase("{name} confirmed the plan.", name=name), [])
    plan.history.append(said(now, command.sender, phrase("approved the draft")))
    note = phrase(
        "{name} approved the draft plan. Reply \u201cconfirm\u201d to start it.", name=name
    )
    return change(
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
    return change(summary, [])


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
    return change(phrase("{seller} resumed the plan.", seller=seller), [notice])


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
    return change(summary, [])
