"""A plan as the plan page shows it: timeline rows, people, history. Pure: models in, models out."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from mutualplan.business_days import business_days_between
from mutualplan.calendar.series import COMING, NOT_COMING, coming, next_call
from mutualplan.edits.permissions import may_answer
from mutualplan.engagement import last_opened
from mutualplan.health import local_day
from mutualplan.languages import ENGLISH, Wording, plan_in, wording
from mutualplan.links import Links, PersonLinks
from mutualplan.mail.attachments import why_not_served
from mutualplan.models import (
    Event,
    Link,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    Stakeholder,
    phrase,
    plural_phrase,
)

HISTORY_LINES = 40
COMMENTS_SHOWN = 50  # the newest comments on the page (the plan keeps up to 100)


class CommentLine(BaseModel):
    """Something someone wrote about the plan or a step."""

    by: str
    at: datetime
    text: str


class FileLine(BaseModel):
    """A file someone sent: the viewer's own download link, or why it is not served."""

    name: str
    size: str
    by: str
    at: datetime
    url: str
    not_served: str


class TimelineRow(BaseModel):
    number: int
    title: str
    description: str
    done_means: list[str]  # the step's exit criteria
    documents: list[Link]  # the step's links (the security questionnaire...)
    side: str  # whose step it is: buyer or seller; empty when not said
    owner: str
    owner_role: str
    due: date
    planned_due: date
    slip_days: int  # business days the due date moved from the plan (negative: earlier)
    state: str  # done, active, blocked, late, waiting
    state_text: str | Phrase
    blocked: str
    notes: list[Event]
    links: PersonLinks | None  # the viewer's own done/blocked links, when they may answer
    comments: list[CommentLine]
    files: list[FileLine]


class PersonRow(BaseModel):
    name: str
    email: str
    role: str
    side: str
    checkin: str  # the check-in answer, lower case (a term); empty without a check-in
    next_call: str  # coming, not coming, maybe, no answer; empty without a next call
    last_opened: date | None
    is_viewer: bool


class HistoryLine(BaseModel):
    at: datetime
    by: str
    what: str | Phrase
    milestone: str


class PlanPage(BaseModel):
    plan: Plan
    viewer: Stakeholder
    viewer_is_seller: bool
    today: date
    timeline: list[TimelineRow]
    people: list[PersonRow]
    history: list[HistoryLine]
    history_older: int  # changes not in `history`: past its most lines, or no longer kept
    checkin_when: str
    checkin_accepted: int
    next_call: str  # 'Tue 22 Dec 10:00 (Europe/Berlin)'; empty when no call is left
    next_call_coming: list[str]
    next_call_away: list[str]
    comments: list[CommentLine]  # about the plan as a whole
    files: list[FileLine]


def plan_page(
    plan: Plan, viewer: Stakeholder, links: Links, now: datetime, words: Wording | None = None
) -> PlanPage:
    """The page as `viewer` sees it, in the language of `words` (steps' own titles, the call)."""
    words = words or wording(ENGLISH)
    plan = plan_in(plan, words.code)
    today = local_day(plan, now)
    lines = history(plan)
    return PlanPage(
        plan=plan,
        viewer=viewer,
        viewer_is_seller=viewer.id == plan.seller_id,
        today=today,
        timeline=[_row(plan, m, viewer, links, now, today, words) for m in plan.milestones],
        people=_people(plan, viewer, now),
        history=lines[:HISTORY_LINES],
        history_older=max(0, len(lines) - HISTORY_LINES) + plan.history_omitted,
        checkin_when=words.cadence(plan.checkin.cadence) if plan.checkin else "",
        checkin_accepted=sum(
            answer == "ACCEPTED"
            for answer in (plan.checkin.answers if plan.checkin else {}).values()
        ),
        next_call=_next_call_time(plan, now, words),
        next_call_coming=who_comes(plan, now, COMING),
        next_call_away=who_comes(plan, now, NOT_COMING),
        comments=comments_on(plan, None),
        files=files_on(plan, None, viewer, links, now, words),
    )


def comments_on(plan: Plan, step: int | None) -> list[CommentLine]:
    """The comments on a step (None: on the plan), newest last, by name."""
    names = {s.email: s.display for s in [*plan.stakeholders, *plan.former]}
    shown = plan.comments[-COMMENTS_SHOWN:]
    return [
        CommentLine(by=c.name or names.get(c.by, c.by), at=c.at, text=c.text)
        for c in shown
        if c.step == step or (step is None and plan.milestone_by_number(c.step or 0) is None)
    ]


def files_on(
    plan: Plan, step: int | None, viewer: Stakeholder, links: Links, now: datetime, words: Wording
) -> list[FileLine]:
    """The files sent with a step (None: about the plan), each with the viewer's own link."""
    names = {s.email: s.display for s in [*plan.stakeholders, *plan.former]}
    lines = []
    for file in plan.attachments:
        on_plan = step is None and plan.milestone_by_number(file.step or 0) is None
        if file.step != step and not on_plan:
            continue
        why = why_not_served(file)
        url = "" if why else links.file_url(plan.id, plan.go_live, viewer.id, now, file.key)
        lines.append(FileLine(name=file.name, size=words.size(file.size),
                              by=names.get(file.by, file.by), at=file.at, url=url,
                              not_served=words.say(why) if why else ""))  # fmt: skip
    return lines


def _next_call_time(plan: Plan, now: datetime, words: Wording) -> str:
    upcoming = next_call(plan, now)
    if upcoming is None or plan.checkin is None:
        return ""
    return words.calltime(upcoming[1].astimezone(plan.checkin.cadence.zone))


def who_comes(plan: Plan, now: datetime, answer: str) -> list[str]:
    """The names of the people whose answer for the next call is `answer` (coming...)."""
    upcoming = next_call(plan, now)
    if upcoming is None or plan.checkin is None:
        return []
    series, call = plan.checkin, upcoming[0]
    return [s.display for s in plan.stakeholders if coming(series, s.id, call) == answer]


def _row(
    plan: Plan,
    m: Milestone,
    viewer: Stakeholder,
    links: Links,
    now: datetime,
    today: date,
    words: Wording,
) -> TimelineRow:
    owner = plan.owner(m)
    planned = m.planned_due or m.due
    state, text = _state(plan, m, today)
    answerable = m.status is MilestoneStatus.ACTIVE and may_answer(plan, m, viewer)
    return TimelineRow(
        number=m.number,
        title=m.title,
        description=m.description,
        done_means=m.done_means,
        documents=m.links,
        side=m.side.value if m.side else "",
        owner=owner.display,
        owner_role=owner.role,
        due=m.due,
        planned_due=planned,
        slip_days=business_days_between(planned, m.due, plan.holidays.days_off),
        state=state,
        state_text=text,
        blocked=m.blocked,
        notes=[e for e in m.history if e.what.startswith("note: ")],
        links=links.for_person(plan.id, plan.go_live, viewer.id, now, m.number)
        if answerable
        else None,
        comments=comments_on(plan, m.number),
        files=files_on(plan, m.number, viewer, links, now, words),
    )


def _state(plan: Plan, m: Milestone, today: date) -> tuple[str, Phrase]:
    if m.status is MilestoneStatus.DONE:
        done = local_day(plan, m.done_at) if m.done_at else None
        return "done", phrase("done {day}", day=done) if done else phrase("done")
    if m.status is MilestoneStatus.PENDING:
        return "waiting", phrase("not started")
    if m.blocked:
        return "blocked", phrase("blocked")
    late = business_days_between(m.due, today, plan.holidays.days_off)  # as the health counts
    if late > 0:
        return "late", plural_phrase("{count} day late", "{count} days late", late)
    return "active", phrase("in progress")


def _people(plan: Plan, viewer: Stakeholder, now: datetime) -> list[PersonRow]:
    seen = last_opened(plan)
    answers = plan.checkin.answers if plan.checkin else {}
    upcoming = next_call(plan, now)
    return [
        PersonRow(
            name=s.display,
            email=s.email,
            role=s.role,
            side=s.side.value,
            checkin=answers.get(s.id, "no answer yet" if plan.checkin else "").lower(),
            next_call=coming(plan.checkin, s.id, upcoming[0]) if plan.checkin and upcoming else "",
            last_opened=seen.get(s.email),
            is_viewer=s.id == viewer.id,
        )
        for s in plan.stakeholders
    ]


def history(plan: Plan) -> list[HistoryLine]:
    """The plan's and its milestones' history in one list, newest first; names for addresses."""
    names = {s.email: s.display for s in [*plan.stakeholders, *plan.former]}
    lines = [
        HistoryLine(at=e.at, by=names.get(e.by, e.by), what=e.said or e.what, milestone="")
        for e in plan.history
    ]
    for m in plan.milestones:
        lines += [
            HistoryLine(at=e.at, by=names.get(e.by, e.by), what=e.said or e.what, milestone=m.title)
            for e in m.history
        ]
    return sorted(lines, key=lambda line: line.at, reverse=True)
