"""Who may change what on a plan: a step's owner answers for it; the seller changes any step
and the plan itself, and while the plan is a draft the champion reviews it too. A reply address
(its token) works only for the person it was sent to."""

from __future__ import annotations

from mutualplan.errors import NotTheirs
from mutualplan.messages import ReplyCommand
from mutualplan.models import (
    Intent,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanStatus,
    Role,
    Stakeholder,
)

EDITS = {Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE}
PLAN_EDITS = {Intent.GO_LIVE, Intent.ADD, Intent.REMOVE, Intent.CANCEL, Intent.AMOUNT, Intent.CLOSE}
# what the champion may change while reviewing a draft, besides the steps' dates and owners
REVIEW_EDITS = {Intent.ADD_STEP, Intent.REMOVE_STEP, Intent.CRITERION}
NOT_IN_DRAFT = {Intent.DONE, Intent.BLOCKED}


def may_answer(plan: Plan, milestone: Milestone, person: Stakeholder) -> bool:
    """Whether `person` may mark `milestone` done or blocked now, as `editing.check` decides it: the
    emails and the plan page offer their one-click links to them alone."""
    if plan.status is not PlanStatus.ACTIVE or milestone.status is MilestoneStatus.DONE:
        return False
    return person.email in answerers(plan, milestone, Intent.DONE)


def answerers(plan: Plan, milestone: Milestone, intent: Intent) -> set[str]:
    """Who may answer for `milestone`: its owner, and whoever may edit any step."""
    return {plan.owner(milestone).email, *editors(plan, intent)}


def editors(plan: Plan, intent: Intent) -> set[str]:
    """Who may change any step or the plan itself: the seller; while the plan is a draft, the
    champion too, for the steps' dates, owners and notes, added or removed steps, criteria."""
    people = {plan.seller.email}
    if plan.status is PlanStatus.DRAFT and intent in EDITS | REVIEW_EDITS:
        people |= {s.email for s in plan.stakeholders if s.role is Role.CHAMPION}
    return people


def check_token_holder(plan: Plan, command: ReplyCommand) -> None:
    """A token works only for the person it was sent to, and only while they are on the plan."""
    if command.token_stakeholder_id is None:
        return
    holder = plan.stakeholder(command.token_stakeholder_id)
    if holder is None:
        raise NotTheirs("the reply address belongs to someone no longer on the plan")
    if holder.email != command.sender:
        raise NotTheirs(f"the reply address was sent to {holder.email}, not to {command.sender}")
