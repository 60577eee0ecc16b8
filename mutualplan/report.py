"""Plans as text a person reads in a terminal. Pure: models in, strings out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mutualplan.calendar.checkin import describe_cadence
from mutualplan.calendar.series import COMING, MAYBE, NO_ANSWER, NOT_COMING, coming, next_call
from mutualplan.models import Plan, PlanStatus
from mutualplan.plan_rows import PlanSummary as PlanSummary  # a row of `mutualplan plans`

COMMENTS = 10  # the newest comments and files `mutualplan status` shows


def format_plan(plan: Plan, now: datetime | None = None) -> str:
    """The plan as text; given `now`, also who comes to the next check-in call."""
    checkin = f"  Check-in {describe_cadence(plan.checkin.cadence)}" if plan.checkin else ""
    lines = [
        f"{plan.deal}  ({plan.id}, {plan.status.value}, "
        f"{plan.done_count}/{len(plan.milestones)} done)",
        f"Go-live {plan.go_live.isoformat()}  Seller {plan.seller.display} <{plan.seller.email}>"
        + checkin,
        f"Health: {plan.health}"
        + (
            f"  Projected go-live {plan.projected_go_live.isoformat()}"
            if plan.projected_go_live and plan.projected_go_live != plan.go_live
            else ""
        ),
        "",
    ]
    if plan.status is PlanStatus.STALLED and plan.resume_until is not None:
        until = f"{plan.resume_until:%Y-%m-%d %H:%M} UTC"
        lines[-1:-1] = [f"Stalled: the seller can answer \u201cresume\u201d until {until}"]
    rows = [("DUE", "STATE", "MILESTONE", "OWNER")]
    for m in plan.milestones:
        owner = plan.owner(m)
        rows.append(
            (m.due.isoformat(), m.status.value, m.title, f"{owner.display} <{owner.email}>")
        )
    lines += _table(rows)
    lines += ["", "Stakeholders:" + ("" if plan.checkin is None else "  (check-in call answer)")]
    people = [
        (f"{s.display} <{s.email}>", f"{s.role or '-'} ({s.side.value})", _answer(s.id, plan))
        for s in plan.stakeholders
    ]
    lines += ["  " + line for line in _table(people)]
    if now is not None and (upcoming := next_call(plan, now)) and plan.checkin:
        lines += ["", f"Next check-in call {upcoming[1]:%a %d %b %H:%M} "
                  f"({plan.checkin.cadence.timezone}):"]  # fmt: skip
        for answer in (COMING, MAYBE, NOT_COMING, NO_ANSWER):
            names = [s.display for s in plan.stakeholders
                     if coming(plan.checkin, s.id, upcoming[0]) == answer]  # fmt: skip
            lines += [f"  {answer}: {', '.join(names)}"] if names else []
    lines += _conversation(plan)
    if plan.history:
        lines += ["", "History:"]
        lines += [f"  {e.at:%Y-%m-%d %H:%M} {e.by}: {e.what}" for e in plan.history[-10:]]
    return "\n".join(lines)


def _conversation(plan: Plan) -> list[str]:
    """The newest comments (one line each) and the files people sent, with their steps."""
    lines = []
    if plan.comments:
        lines += ["", "What people wrote:"]
    for c in plan.comments[-COMMENTS:]:
        said = " ".join(c.text.split())
        said = said if len(said) <= 100 else said[:99] + "\u2026"
        lines.append(f"  {c.at:%Y-%m-%d %H:%M} {c.by}{_on_step(plan, c.step)}: {said}")
    if plan.attachments:
        lines += ["", "Files:"]
    for a in plan.attachments[-COMMENTS:]:
        lines.append(f"  {a.at:%Y-%m-%d %H:%M} {a.by}{_on_step(plan, a.step)}: {a.name} "
                     f"({a.content_type}, {a.size} bytes)")  # fmt: skip
    return lines


def _on_step(plan: Plan, number: int | None) -> str:
    return f" on #{number}" if number and plan.milestone_by_number(number) else ""


def _answer(stakeholder_id: int, plan: Plan) -> str:
    if plan.checkin is None:
        return ""
    return plan.checkin.answers.get(stakeholder_id, "no answer yet").lower()


PLAN_COLUMNS = ("PLAN", "DEAL", "SELLER", "HEALTH", "DONE", "GO-LIVE", "PROJECTED")
# widths that hold the usual plan (a plan id is 10 letters), for a table printed page by page
FIXED_WIDTHS = (10, 32, 32, 9, 4, 10, 10)


def format_plans(summaries: list[PlanSummary], *, header: bool = True, fixed: bool = False) -> str:
    """A page of plans as a table: without the `header`, a later page of the same table;
    `fixed`: columns of FIXED_WIDTHS, so pages printed one after another line up."""
    if not summaries:
        return "No plans yet. Start one by emailing plans+enterprise@<domain>."
    rows = [PLAN_COLUMNS] if header else []
    for s in summaries:
        go_live = s.go_live.isoformat() if s.go_live else "-"
        projected = s.projected_go_live.isoformat() if s.projected_go_live else "-"
        health = s.health or s.status
        rows.append((s.id, s.deal, s.seller, health, f"{s.progress}%", go_live, projected))
    return "\n".join(_table(rows, widths=FIXED_WIDTHS if fixed else None))


def _table(rows: Sequence[tuple[str, ...]], widths: Sequence[int] | None = None) -> list[str]:
    widths = widths or [min(max(len(r[i]) for r in rows), 48) for i in range(len(rows[0]))]
    return [
        "  ".join(cell[:48].ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
