"""Pure planning: a template plus a seller's start request becomes a Plan.

Due dates are worked back from the buyer's go-live date in business days (weekends and the plan's
public holidays skipped), so a plan reads the way a seller would lay it out by hand on a calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, Field

from mutualplan import limits
from mutualplan.business_days import (
    add_business_days,
    business_day_on_or_after,
    business_day_on_or_before,
    is_business_day,
)
from mutualplan.calendar.checkin import parse_cadence, read_meeting_link
from mutualplan.errors import (
    StartEmailError,
    TemplateError,
    TooManyPeople,
    UnknownHolidayCalendar,
)
from mutualplan.models import (
    CLAUSES,
    DEFAULT_MAX_STAKEHOLDERS,
    CheckIn,
    Milestone,
    OneLine,
    Phrase,
    Plan,
    PlanStatus,
    PublicHolidays,
    Role,
    Side,
    Stakeholder,
    joined,
    phrase,
    plural_phrase,
    step_title,
    term,
    weekday_of,
)
from mutualplan.plan_templates import PlanTemplate, TemplateMilestone, due_from_go_live
from mutualplan.public_holidays import holidays_between, read_calendar_codes
from mutualplan.roles import ROLES


def latest_date(today: date, years: int) -> date:
    """The last day a go-live or due date may be: `years` ahead (a 29 February, the 28th). Dates
    are bounded so every date the engine works out (links, invites, reminders) stays valid."""
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def too_far_ahead(when: date, today: date, years: int) -> Phrase | None:
    """Why `when` may not be a plan's date (more than `years` ahead), or None if it may."""
    latest = latest_date(today, years)
    if when <= latest:
        return None
    return plural_phrase(
        "{date} is more than {count} year ahead (at most {latest})",
        "{date} is more than {count} years ahead (at most {latest})",
        years,
        date=when.isoformat(),
        latest=latest.isoformat(),
    )


# --- the seller's start request ----------------------------------------------------------------


class Person(BaseModel):
    name: OneLine = ""
    email: str
    role: str | None = None
    language: str | None = Field(default=None, description="given for them in the start email")


class StartRequest(BaseModel):
    """What a seller's start email asks for, before any template is applied."""

    message_id: str
    template: str
    seller: Person
    deal: OneLine
    go_live: date | None = None
    people: list[Person] = Field(default_factory=list)
    value_statement: str | None = None
    success_criteria: list[str] = Field(default_factory=list)
    checkin: str | None = Field(default=None, description="the seller's `Check-in:` line")
    meeting: str | None = Field(default=None, description="the seller's `Meeting:` link")
    confirm: bool = Field(
        default=False, description="`Confirm: yes`: skip the draft review and start at once"
    )
    holidays: str | None = Field(default=None, description="the seller's `Holidays:` line")
    include: list[str] = Field(
        default_factory=list, description="`Include: pilot`: the optional steps asked for"
    )
    amount: Decimal | None = Field(default=None, description="the seller's `Amount:`")
    currency: str = ""
    close: date | None = Field(default=None, description="the seller's `Close:` (CRM close date)")
    doubts: list[str] = Field(
        default_factory=list,
        description="what the email said that could not be read: named back, and the plan "
        "starts as a draft even with `Confirm: yes`",
    )
    said_doubts: list[Phrase] = Field(
        default_factory=list, description="the doubts as phrases, said in each reader's language"
    )
    language: str | None = Field(default=None, description="`Language: de`: for all buyers")


def build_plan(
    template: PlanTemplate,
    request: StartRequest,
    *,
    plan_id: str,
    now: datetime,
    timezone: str = "UTC",
    holidays: Sequence[str] = (),
    horizon_years: int = 3,
    stall_after_weeks: int = 4,
    max_stakeholders: int = DEFAULT_MAX_STAKEHOLDERS,
) -> Plan:
    """The plan a start email asks for; StartEmailError (TooManyPeople, a past go-live...) if
    it cannot make one, before anybody on it hears of it. `holidays`: the calendars a plan
    follows when neither the start email nor the template names any (the operator's
    MUTUALPLAN_HOLIDAYS). `stall_after_weeks`: the engine's default (a setting), unless the
    template sets its own."""
    today = now.date()
    doubts = [phrase("{doubt}.", doubt=doubt) for doubt in _doubts(request)]
    notices: list[Phrase] = []
    go_live = request.go_live
    if go_live is not None and go_live < today:
        raise StartEmailError(
            phrase("the go-live date {date} is in the past", date=go_live.isoformat())
        )
    if go_live is not None and (far := too_far_ahead(go_live, today, horizon_years)):
        raise StartEmailError(phrase("the go-live date {reason}", reason=far))
    calendars = _calendars(template, request, holidays, notices)
    public = holidays_between(calendars, today, _holiday_horizon(template, request, today))
    if go_live is None:
        go_live = add_business_days(today, template.horizon_business_days, public.days_off)
        unread = any("go-live" in doubt for doubt in request.doubts)
        told = _unread_go_live if unread else _no_go_live
        notices.append(told(template.horizon_business_days, go_live.isoformat()))
    stakeholders = _stakeholders(request, notices)
    if len(stakeholders) > max_stakeholders:  # one email must not mail a crowd
        raise TooManyPeople(len(stakeholders), max_stakeholders)
    steps = _included(template, request.include, notices)
    milestones = _milestones(template, steps, go_live, stakeholders, today, public, notices)
    _tell_about_weekend(public, today, notices)
    _tell_about_holidays(go_live, milestones, public, notices)
    checkin = _checkin(template, request, timezone, notices)
    return Plan(
        id=plan_id,
        template=template.name,
        deal=request.deal or f"{_organisation(stakeholders)} deal",
        value_statement=request.value_statement
        or template.value_statement.format(buyer=_organisation(stakeholders)),
        value_statements={}
        if request.value_statement  # the seller's own words are the plan's in every language
        else {
            code: text.format(buyer=_organisation(stakeholders))
            for code, text in template.value_statements.items()
        },
        success_criteria=request.success_criteria or template.success_criteria,
        success_criteria_in={} if request.success_criteria else template.success_criteria_in,
        go_live=go_live,
        seller_id=1,
        stakeholders=stakeholders,
        milestones=milestones,
        created_at=now,
        notices=[f"{doubt}." for doubt in request.doubts] + [n.english() for n in notices],
        said_notices=doubts + notices,
        checkin=checkin,
        timezone=timezone,
        reminders=template.reminders,
        status=PlanStatus.ACTIVE if request.confirm and not request.doubts else PlanStatus.DRAFT,
        holidays=public,
        language=template.language or "",
        horizon_years=horizon_years,
        amount=request.amount,
        currency=request.currency,
        crm_close=request.close,
        stall_after_weeks=template.stall_after_weeks or stall_after_weeks,
        max_stakeholders=max_stakeholders,
    )


def _doubts(request: StartRequest) -> list[str | Phrase]:
    """What the start email said that could not be read, as phrases where the reader made them
    (a request from before they did has only the English)."""
    if len(request.said_doubts) == len(request.doubts):
        return list(request.said_doubts)
    return list(request.doubts)


def _no_go_live(days: int, go_live: str) -> Phrase:
    return plural_phrase(
        "No go-live date was given, so it is set to {go_live} ({count} business day from today).",
        "No go-live date was given, so it is set to {go_live} ({count} business days from today).",
        days,
        go_live=go_live,
    )


def _unread_go_live(days: int, go_live: str) -> Phrase:
    return plural_phrase(
        "The go-live date could not be read, so it is set to {go_live} ({count} business day "
        "from today).",
        "The go-live date could not be read, so it is set to {go_live} ({count} business days "
        "from today).",
        days,
        go_live=go_live,
    )


MAX_CALENDARS = 10  # holiday calendars a plan takes (a team spread over ten regions)


def _calendars(
    template: PlanTemplate, request: StartRequest, default: Sequence[str], notices: list[Phrase]
) -> list[str]:
    """The start email's `Holidays:`, else the template's, else the operator's."""
    fallback = list(default) if template.holidays is None else template.holidays
    if request.holidays is None:
        return fallback
    try:
        codes = read_calendar_codes(request.holidays)
        if len(codes) > MAX_CALENDARS:  # each is worked out and listed on the plan: kept small
            notices.append(phrase(
                "Due dates skip the public holidays of at most {count} calendars: the first "
                "{count} named are used ({calendars}).",
                count=MAX_CALENDARS, calendars=", ".join(codes[:MAX_CALENDARS]),
            ))  # fmt: skip
        return codes[:MAX_CALENDARS]
    except UnknownHolidayCalendar as exc:
        if fallback:
            notices.append(phrase(
                "The holidays \u201c{holidays}\u201d could not be read ({reason}), so the "
                "default calendars are used: {calendars}.",
                holidays=request.holidays, reason=_unknown_calendar(exc),
                calendars=", ".join(fallback),
            ))  # fmt: skip
        else:
            notices.append(phrase(
                "The holidays \u201c{holidays}\u201d could not be read ({reason}), so the "
                "default calendars are used: none.",
                holidays=request.holidays, reason=_unknown_calendar(exc),
            ))  # fmt: skip
        return fallback


def _holiday_horizon(template: PlanTemplate, request: StartRequest, today: date) -> date:
    """How far the plan's holidays are worked out: a year past its last due date (reminders
    and late counts go on), with room for a go-live moved later."""
    go_live = request.go_live or today + timedelta(days=2 * template.horizon_business_days)
    furthest = max(0, *(m.offset for m in template.milestones))
    return max(go_live, today) + timedelta(days=2 * furthest + 366)


def _unknown_calendar(exc: UnknownHolidayCalendar) -> Phrase:
    if exc.regions:
        return phrase(
            "no public holidays are known for \u201c{code}\u201d: use a country code such as US "
            "or DE, and a region after a dash, such as DE-BY (its regions: {regions})",
            code=exc.code,
            regions=", ".join(exc.regions),
        )
    return phrase(
        "no public holidays are known for \u201c{code}\u201d: use a country code such as US or "
        "DE, and a region after a dash, such as DE-BY",
        code=exc.code,
    )


def _included(
    template: PlanTemplate, asked: list[str], notices: list[Phrase]
) -> list[TemplateMilestone]:
    """The template's steps less the optional ones the start email did not `Include:`."""
    wanted = {name.strip().strip(".!").lower() for name in asked} - {""}
    if "all" in wanted:
        wanted = set(template.options)
    unknown = sorted(wanted - set(template.options))
    if unknown:
        names = ", ".join(unknown)
        if template.options:
            notices.append(phrase(
                "Include: {names} names no optional step of this template (its options: "
                "{options}), so it was left out.",
                names=names, options=", ".join(template.options),
            ))  # fmt: skip
        else:
            notices.append(phrase(
                "Include: {names} names no optional step of this template (it has none), so it "
                "was left out.",
                names=names,
            ))  # fmt: skip
    return [m for m in template.milestones if m.option is None or m.option in wanted]


# a go-live on no business day, by why it is none: a holiday (by name), a Saturday, a Sunday,
# another day of the plan's weekend (Friday in Israel: its long date names the day)
_GO_LIVE_OFF = {
    "holiday": phrase(
        "The go-live date {date} is {holiday}, so what is due on it is due {day} instead."
    ),
    "weekend": phrase(
        "The go-live date {date} falls on the plan's weekend, so what is due on it is due {day} "
        "instead."
    ),
    5: phrase("The go-live date {date} is a Saturday, so what is due on it is due {day} instead."),
    6: phrase("The go-live date {date} is a Sunday, so what is due on it is due {day} instead."),
}


def _tell_about_weekend(public: PublicHolidays, today: date, notices: list[Phrase]) -> None:
    """Say the plan's weekend once, where its calendars are named, when it is not Saturday and
    Sunday (a seller in London planning with a buyer in Tel Aviv would not guess it)."""
    if not public.has_own_weekend:
        return
    days = [weekday_of(today + timedelta(days=(d - today.weekday()) % 7)) for d in public.weekend]
    notices.append(phrase(
        "Business days follow the weekend of {calendars} ({days}): nothing is due and nobody is "
        "reminded on those days.",
        calendars=", ".join(public.calendars), days=_listed(days),
    ))  # fmt: skip


def _listed(items: list[Phrase]) -> Phrase:
    """'Friday', 'Friday and Saturday', 'Friday, Saturday and Sunday', each language's way."""
    said = items[0]
    for item in items[1:-1]:
        said = phrase("{days}, {next}", days=said, next=item)
    return said if len(items) == 1 else phrase("{days} and {last}", days=said, last=items[-1])


def _tell_about_holidays(
    go_live: date, milestones: list[Milestone], public: PublicHolidays, notices: list[Phrase]
) -> None:
    """Say which holidays the due dates skip, and move nothing silently off a go-live holiday."""
    if not is_business_day(go_live, public.days_off):
        holiday = public.holiday(go_live)
        said = _GO_LIVE_OFF.get(
            "holiday" if holiday else go_live.weekday(), _GO_LIVE_OFF["weekend"]
        )
        day = business_day_on_or_before(go_live, public.days_off)
        slots = {"holiday": holiday} if holiday else {}
        notices.append(said.model_copy(update={
            "holidays": slots, "long_dates": {"date": go_live}, "dates": {"day": day}
        }))  # fmt: skip
    if not milestones or not public.days:
        return
    first = min(m.due for m in milestones)
    last = max(go_live, *(m.due for m in milestones))
    skipped = [
        phrase("{day} {name}", day=day, name=holiday)
        for day in public.days
        if first <= day <= last and (holiday := public.holiday(day)) is not None
    ]
    if skipped:
        notices.append(phrase(
            "Due dates skip the public holidays of {calendars}: {holidays}.",
            calendars=", ".join(public.calendars), holidays=joined(skipped, CLAUSES),
        ))  # fmt: skip


def _checkin(
    template: PlanTemplate, request: StartRequest, timezone: str, notices: list[Phrase]
) -> CheckIn | None:
    checkin = _cadence(template, request, timezone, notices)
    if checkin is None:
        return None
    asked = request.meeting or template.meeting or ""
    link = read_meeting_link(asked) if asked else ""
    if link is None:
        notices.append(
            phrase(
                "The meeting link \u201c{link}\u201d is not a web address (https://...), so the "
                "invites have none; reply \u201cmeeting: https://...\u201d to add one.",
                link=asked,
            )
        )
    return checkin.model_copy(update={"meeting": link or ""})


def _cadence(
    template: PlanTemplate, request: StartRequest, timezone: str, notices: list[Phrase]
) -> CheckIn | None:
    if request.checkin:
        asked = parse_cadence(request.checkin, default_timezone=timezone)
        if asked is not None:
            return CheckIn(cadence=asked)
        notices.append(
            phrase(
                "The check-in \u201c{checkin}\u201d could not be read (try "
                "\u201cCheck-in: Tuesdays 10:00 Europe/Berlin\u201d), so the template's is used.",
                checkin=request.checkin,
            )
        )
    if template.checkin is None:
        return None
    cadence = parse_cadence(template.checkin, default_timezone=timezone)
    if cadence is None:
        raise TemplateError(
            f"plan template {template.name}: unreadable check-in {template.checkin!r}"
        )
    return CheckIn(cadence=cadence)


def _stakeholders(request: StartRequest, notices: list[Phrase]) -> list[Stakeholder]:
    seller = request.seller
    domain = _domain(seller.email)
    people = [
        Stakeholder(
            id=1, name=_name(seller), email=seller.email, role=Role.SELLER, side=Side.SELLER
        )
    ]
    for person in request.people:
        if any(p.email == person.email for p in people):
            continue
        role = ROLES[person.role] if person.role else None
        side = role.side if role else _side_by_domain(person.email, domain)
        given = person.language or (request.language if side is Side.BUYER else None)
        people.append(
            Stakeholder(
                id=len(people) + 1,
                name=_name(person),
                email=person.email,
                role=role or "",
                side=side,
                language=given or "",
                language_given=given is not None,
            )
        )
    _ensure_champion(people, notices)
    return people


def _name(person: Person) -> str:
    """Their name as the plan keeps it, as an added person's (`limits.kept_name`): a Cc's name
    is often the one the buyer's own mail gave, and every email, refusal and page names them."""
    return limits.kept_name(person.name)


def _side_by_domain(email: str, seller_domain: str) -> Side:
    return Side.SELLER if _domain(email) == seller_domain else Side.BUYER


def _ensure_champion(people: list[Stakeholder], notices: list[Phrase]) -> None:
    if any(p.role is Role.CHAMPION for p in people):
        return
    buyer = next((p for p in people if p.side is Side.BUYER and not p.role), None)
    if buyer is not None:
        buyer.role = Role.CHAMPION
        notices.append(
            phrase(
                "No champion was named, so {name} (first on Cc) is the champion.",
                name=buyer.display,
            )
        )


def _milestones(
    template: PlanTemplate,
    steps: list[TemplateMilestone],
    go_live: date,
    people: list[Stakeholder],
    today: date,
    public: PublicHolidays,
    notices: list[Phrase],
) -> list[Milestone]:
    earliest = business_day_on_or_after(today, public.days_off)
    dues = [due_from_go_live(go_live, m.offset, public.days_off) for m in steps]
    compressed = [m.title for m, due in zip(steps, dues, strict=True) if due < earliest]
    if compressed:
        steps_due = "; ".join(compressed)
        if earliest == today:
            notices.append(phrase(
                "The go-live date leaves less time than the template plans for, so these are "
                "due today: {steps}.",
                steps=steps_due,
            ))  # fmt: skip
        else:
            notices.append(phrase(
                "The go-live date leaves less time than the template plans for, so these are "
                "due {day}: {steps}.",
                day=earliest, steps=steps_due,
            ))  # fmt: skip
    included = {m.key for m in steps}
    return [
        Milestone(
            number=number,
            key=m.key,
            title=m.title,
            description=m.description,
            titles=m.titles,
            descriptions=m.descriptions,
            done_means=m.done_means,
            done_means_in=m.done_means_in,
            links=m.links,
            side=m.side,
            owner_id=_owner_for(m, people, notices).id,
            owner_role=m.owner,
            offset=m.offset,
            after=_after(template, template.milestones.index(m), included),
            due=max(due, earliest),
            signature=m.signature,
        )
        for number, (m, due) in enumerate(zip(steps, dues, strict=True), start=1)
    ]


def _after(template: PlanTemplate, index: int, included: set[str]) -> list[str]:
    """What a milestone waits for: as the template says, else the milestone before it; a step
    left out passes on what it waited for."""
    milestone = template.milestones[index]
    if milestone.after is not None:
        direct = list(milestone.after)
    else:
        direct = [template.milestones[index - 1].key] if index else []
    keys = [m.key for m in template.milestones]
    waits: list[str] = []
    for key in direct:
        found = [key] if key in included else _after(template, keys.index(key), included)
        waits += [k for k in found if k not in waits]
    return waits


def _owner_for(
    milestone: TemplateMilestone, people: list[Stakeholder], notices: list[Phrase]
) -> Stakeholder:
    role = ROLES[milestone.owner]
    named = next((p for p in people if p.role is role), None)
    if named is not None:
        return named
    seller = people[0]
    if role.side is Side.SELLER:
        return seller
    stand_in = next((p for p in people if p.role is Role.CHAMPION), seller)
    notices.append(
        phrase(
            "No {role} was named, so {name} owns \u201c{title}\u201d until it is reassigned.",
            role=term(role),
            name=stand_in.display,
            title=step_title(milestone),
        )
    )
    return stand_in


def _domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def _organisation(people: list[Stakeholder]) -> str:
    buyer = next((p for p in people if p.side is Side.BUYER), None)
    if buyer is None:
        return "the customer"
    return _domain(buyer.email).split(".")[0].replace("-", " ").title()
