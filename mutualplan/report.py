"""Plans as text a person reads in a terminal. Pure: models in, strings out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mutualplan.calendar.series import COMING, MAYBE, NO_ANSWER, NOT_COMING, coming, next_call
from mutualplan.languages import ENGLISH, Wording, columns, padded, wording
from mutualplan.limits import shortened
from mutualplan.models import Plan, PlanStatus, phrase, plural_phrase
from mutualplan.plan_rows import PlanSummary

COMMENTS = 10  # the newest comments and files `mutualplan status` shows
HISTORY = 15  # the newest lines of history it shows
LINE = 100  # characters of a comment or a line of history


def format_plan(plan: Plan, now: datetime | None = None, words: Wording | None = None) -> str:
    """The plan as text, in the language of `words`; given `now`, also who comes to the next
    check-in call."""
    w = words or wording(ENGLISH)
    checkin = ""
    if plan.checkin:
        checkin = "  " + w.say(phrase("Check-in {when}", when=w.cadence(plan.checkin.cadence)))
    projected = plan.projected_go_live
    lines = [
        f"{plan.deal}  ({plan.id}, {w.term(plan.status.value)}, "
        + w.say(phrase("{done}/{total} done", done=plan.done_count, total=len(plan.milestones)))
        + ")",
        w.say(
            phrase(
                "Go-live {go_live}  Seller {name} <{email}>",
                go_live=plan.go_live.isoformat(),
                name=plan.seller.display,
                email=plan.seller.email,
            )
        )
        + checkin,
        w.say(phrase("Health: {health}", health=w.term(plan.health)))
        + (
            "  " + w.say(phrase("Projected go-live {date}", date=projected.isoformat()))
            if projected and projected != plan.go_live
            else ""
        ),
        "",
    ]
    if plan.status is PlanStatus.STALLED and plan.resume_until is not None:
        until = f"{plan.resume_until:%Y-%m-%d %H:%M} UTC"
        stalled = phrase(
            "Stalled: the seller can answer \u201cresume\u201d until {until}", until=until
        )
        lines[-1:-1] = [w.say(stalled)]
    header = (phrase("DUE"), phrase("STATE"), phrase("MILESTONE"), phrase("OWNER"))
    rows = [tuple(w.say(h) for h in header)]
    for m in plan.milestones:
        owner = plan.owner(m)
        rows.append(
            (m.due.isoformat(), w.term(m.state), m.title, f"{owner.display} <{owner.email}>")
        )
    lines += _table(rows)
    lines += [f"  #{m.number} " + w.say(phrase("blocked: {reason}", reason=m.blocked))
              for m in plan.milestones if m.state == "blocked"]  # fmt: skip
    answers = "" if plan.checkin is None else "  " + w.say(phrase("(check-in call answer)"))
    lines += ["", w.say(phrase("Stakeholders:")) + answers]
    people = [
        (
            f"{s.display} <{s.email}>",
            f"{w.term(s.role) if s.role else '-'} ({w.term(s.side.value)})",
            w.term(_answer(s.id, plan)),
        )
        for s in plan.stakeholders
    ]
    lines += ["  " + line for line in _table(people)]
    if now is not None and (upcoming := next_call(plan, now)) and plan.checkin:
        when = w.calltime(upcoming[1].astimezone(plan.checkin.cadence.zone))
        lines += ["", w.say(phrase("Next check-in call {when}:", when=when))]
        for answer in (COMING, MAYBE, NOT_COMING, NO_ANSWER):
            names = [s.display for s in plan.stakeholders
                     if coming(plan.checkin, s.id, upcoming[0]) == answer]  # fmt: skip
            lines += [f"  {w.term(answer)}: {', '.join(names)}"] if names else []
    lines += _conversation(plan, w)
    if events := _history(plan, w)[-HISTORY:]:
        lines += ["", w.say(phrase("History:")), *events]
    return "\n".join(lines)


def _history(plan: Plan, w: Wording) -> list[str]:
    """The plan's and its steps' history in one, oldest first: a step's lines name it."""
    events = [(e, "") for e in plan.history]
    events += [(e, f" \u2014 #{m.number} {m.title}") for m in plan.milestones for e in m.history]
    return [
        f"  {e.at:%Y-%m-%d %H:%M} {e.by}: {_line(w.term(w.say(e.said or e.what)))}{step}"
        for e, step in sorted(events, key=lambda event: event[0].at)
    ]


def _line(text: str) -> str:
    """What someone wrote, on one line of at most LINE characters: the whole is in its email."""
    return shortened(" ".join(text.split()), LINE)


def _conversation(plan: Plan, w: Wording) -> list[str]:
    """The newest comments (one line each) and the files people sent, with their steps."""
    lines = []
    if plan.comments:
        lines += ["", w.say(phrase("What people wrote:"))]
    for c in plan.comments[-COMMENTS:]:
        lines.append(f"  {c.at:%Y-%m-%d %H:%M} {c.by}{_on_step(plan, c.step, w)}: {_line(c.text)}")
    if plan.attachments:
        lines += ["", w.say(phrase("Files:"))]
    for a in plan.attachments[-COMMENTS:]:
        size = w.say(plural_phrase("{count} byte", "{count} bytes", a.size))
        lines.append(f"  {a.at:%Y-%m-%d %H:%M} {a.by}{_on_step(plan, a.step, w)}: {a.name} "
                     f"({a.content_type}, {size})")  # fmt: skip
    return lines


def _on_step(plan: Plan, number: int | None, w: Wording) -> str:
    if not number or plan.milestone_by_number(number) is None:
        return ""
    return " " + w.say(phrase("on #{number}", number=number))


def _answer(stakeholder_id: int, plan: Plan) -> str:
    if plan.checkin is None:
        return ""
    return plan.checkin.answers.get(stakeholder_id, "no answer yet").lower()


PLAN_COLUMNS = ("PLAN", "DEAL", "SELLER", "HEALTH", "DONE", "GO-LIVE", "PROJECTED")
# widths that hold the usual plan (a plan id is 10 letters), for a table printed page by page
FIXED_WIDTHS = (10, 32, 32, 9, 4, 10, 10)


def format_plans(
    summaries: list[PlanSummary],
    *,
    header: bool = True,
    fixed: bool = False,
    none: str = "No plans.",
) -> str:
    """A page of plans as a table: without the `header`, a later page of the same table;
    `fixed`: columns of FIXED_WIDTHS, so pages printed one after another line up; `none`, what
    to say when there are none."""
    if not summaries:
        return none
    rows = [PLAN_COLUMNS] if header else []
    for s in summaries:
        go_live = s.go_live.isoformat() if s.go_live else "-"
        projected = s.projected_go_live.isoformat() if s.projected_go_live else "-"
        health = s.health or s.status
        rows.append((s.id, s.deal, s.seller, health, f"{s.progress}%", go_live, projected))
    return "\n".join(_table(rows, widths=FIXED_WIDTHS if fixed else None))


def _table(rows: Sequence[tuple[str, ...]], widths: Sequence[int] | None = None) -> list[str]:
    widths = widths or [min(max(columns(r[i]) for r in rows), 48) for i in range(len(rows[0]))]
    return [
        "  ".join(
            padded(cell[:48], width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]
