"""Pure: what a plan template is (the schema of the YAML files), and a running plan as a template.

A template lists the steps of a sales motion: who owns each (by role), when it is due (business
days from go-live), what it waits for, and what "done" means. `mutualplan templates schema` prints
this model as a JSON Schema for editors; docs/templates.md describes every field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from string import Formatter
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mutualplan.business_days import (
    WEEKENDS_ONLY,
    DaysOff,
    add_business_days,
    business_day_on_or_before,
    business_days_between,
)
from mutualplan.calendar.checkin import WEEKDAYS, parse_cadence, read_meeting_link
from mutualplan.errors import UnknownHolidayCalendar
from mutualplan.models import LANGUAGE_NAMES, Link, Plan, PublicHolidays, Side
from mutualplan.public_holidays import holidays_between, read_calendar_codes
from mutualplan.roles import ROLE_ALIASES, ROLES, role_key

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # fullmatch: "$" would let a newline in
MAX_TEMPLATE_STEPS = 30  # as many steps as a plan may have (steps.MAX_STEPS)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(f"{value!r} must be lowercase letters, digits and dashes")
    return value


def _known_role(value: str) -> str:
    key = role_key(value)
    if key is None:
        raise ValueError(f"unknown role {value!r}; known roles: {', '.join(ROLES)}")
    return key


def _listed(value: Any) -> Any:
    """One criterion may be written as a plain string rather than a list of one."""
    return [value] if isinstance(value, str) else value


def _language(value: str | None) -> str | None:
    if value is None:
        return None
    from mutualplan.languages import SHIPPED, language_code  # Babel: never in a workflow

    code = language_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not a language mutualplan speaks ({', '.join(SHIPPED)})")
    return code


def _per_language(value: Any) -> tuple[Any, dict[str, Any]]:
    """A text given as it is, or per language ({en: ..., de: ...}): the English (else the
    first) as the text, and every language's own."""
    if not isinstance(value, dict):
        return value, {}
    own = {_language(str(code)) or str(code): words for code, words in value.items()}
    return own.get("en", next(iter(own.values()), "")), own


def _split_languages(data: Any, fields: Sequence[tuple[str, str]]) -> Any:
    """Each `field` given per language: the English (else the first) in `field`, and every
    language's own in its `each` field."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for field, each in fields:
        if isinstance(data.get(field), dict):
            data[field], data[each] = _per_language(data[field])
    return data


def _as_is(value: Any) -> Any:
    return value


def _known_calendars(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    try:
        return read_calendar_codes(value)
    except UnknownHolidayCalendar as exc:
        raise ValueError(str(exc)) from None


def _readable_cadence(value: str | None) -> str | None:
    if value is not None and parse_cadence(value) is None:
        raise ValueError(
            f"cannot read the check-in {value!r}; write it like "
            "'weekly on Tuesday at 10:00 for 30 minutes' (null for no check-in call)"
        )
    return value


def _meeting_link(value: str | None) -> str | None:
    if value is not None and read_meeting_link(value) is None:
        raise ValueError(f"{value!r} is not a meeting link (https://...)")
    return value


Slug = Annotated[
    str, AfterValidator(_slug), Field(json_schema_extra={"pattern": f"^{SLUG.pattern}$"})
]
Role = Annotated[
    str,
    AfterValidator(_known_role),
    Field(json_schema_extra={"enum": [*ROLES, *ROLE_ALIASES]}),
]
Criteria = Annotated[list[str], BeforeValidator(_listed, json_schema_input_type=list[str] | str)]
# a text a template may give per language: `title: {en: ..., de: ...}` (see `_in_languages`)
Translatable = Annotated[str, BeforeValidator(_as_is, json_schema_input_type=str | dict[str, str])]
TranslatableCriteria = Annotated[
    list[str],
    BeforeValidator(_listed, json_schema_input_type=list[str] | str | dict[str, list[str] | str]),
]


class TemplateMilestone(BaseModel):
    """One step of the plan."""

    model_config = ConfigDict(extra="forbid")

    key: Slug = Field(description="a short name for the step, unique in the template")
    title: Translatable = Field(
        min_length=1,
        max_length=200,
        description="what the step is, in a line; or per language: {en: ..., de: ...}",
    )
    description: Translatable = Field(
        default="", description="more about the step, for its owner (or per language)"
    )
    done_means: TranslatableCriteria = Field(
        default_factory=list,
        description="exit criteria: when the step counts as done (in the owner's email and "
        "page); or per language: {en: [...], de: [...]}",
    )
    titles: dict[str, str] = Field(
        default_factory=dict, description="the title per language (from `title: {en: ...}`)"
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict, description="the description per language, likewise"
    )
    done_means_in: dict[str, Criteria] = Field(
        default_factory=dict, description="the exit criteria per language, likewise"
    )
    links: list[Link] = Field(
        default_factory=list, description="documents the step needs: {title, url} each"
    )
    owner: Role = Field(description="the role that owns the step: champion, seller, legal...")
    side: Side | None = Field(
        default=None,
        description="whose step it is: buyer or seller (by default the owner's role's side)",
    )
    offset: int = Field(
        ge=-520, le=520, description="business days relative to go-live; negative is before"
    )
    after: list[str] | None = Field(
        default=None,
        description="keys of earlier milestones it waits for; by default the one before it",
    )
    optional: bool | Slug = Field(
        default=False,
        description="left out unless the start email asks for it: true (`Include: <key>`) or "
        "the name of an option that brings in every step that names it (`Include: pilot`)",
    )
    signature: bool = Field(
        default=False,
        description="the deal is signed at this step: its projected date is the forecast's close",
    )

    @model_validator(mode="before")
    @classmethod
    def _in_languages(cls, data: Any) -> Any:
        """`title: {en: ..., de: ...}`: the English in `title`, each language's in `titles`
        (likewise the description and done means)."""
        return _split_languages(
            data,
            (("title", "titles"), ("description", "descriptions"), ("done_means", "done_means_in")),
        )

    @model_validator(mode="after")
    def _side_of_its_owner(self) -> TemplateMilestone:
        owner_side = ROLES[self.owner].side
        if self.side is None:
            self.side = owner_side
        elif self.side is not owner_side:
            raise ValueError(f"the {self.owner} is on the {owner_side} side, not the {self.side}")
        return self

    @property
    def option(self) -> str | None:
        """The name that includes the step, if it is optional."""
        if self.optional is False:
            return None
        return self.key if self.optional is True else self.optional


class PlanTemplate(BaseModel):
    """A plan template: the steps of one sales motion and the plan's defaults."""

    model_config = ConfigDict(extra="forbid", title="mutualplan plan template")

    name: Slug = Field(description="the template's name: the file's name, and plans+<name>@")
    title: str = Field(min_length=1, max_length=200, description="what the template is for")
    description: str = Field(default="", description="when to use it, for `mutualplan templates`")
    aliases: list[Slug] = Field(
        default_factory=list, description="other names it answers to: plans+<alias>@"
    )
    horizon_business_days: int = Field(
        default=40, ge=1, le=520, description="go-live when the start email gives none"
    )
    value_statement: Translatable = Field(
        default="",
        description="why the buyer is doing this; {buyer} is the buyer's company (or per "
        "language: {en: ..., de: ...})",
    )
    success_criteria: TranslatableCriteria = Field(
        default_factory=list, description="what success means for the buyer (or per language)"
    )
    value_statements: dict[str, str] = Field(
        default_factory=dict, description="the value statement per language (from `{en: ...}`)"
    )
    success_criteria_in: dict[str, Criteria] = Field(
        default_factory=dict, description="the success criteria per language, likewise"
    )
    reminders: list[Annotated[int, Field(ge=0, le=60)]] = Field(
        default_factory=lambda: [3, 0],
        description="business days before a milestone is due to remind its owner",
    )
    checkin: Annotated[str | None, AfterValidator(_readable_cadence)] = Field(
        default="weekly on Tuesday at 10:00 for 30 minutes",
        description="the recurring check-in call, in the seller's time zone; null for none",
    )
    meeting: Annotated[str | None, AfterValidator(_meeting_link)] = Field(
        default=None, description="where the check-in calls happen (a meeting URL), by default"
    )
    holidays: Annotated[list[str] | None, AfterValidator(_known_calendars)] = Field(
        default=None,
        description="public holiday calendars due dates skip, such as [US] or [DE-BY, US-CA]; "
        "null: the operator's MUTUALPLAN_HOLIDAYS, [] none",
    )
    stall_after_weeks: int | None = Field(
        default=None, ge=1, le=52, description="weeks without buyer action before it stalls"
    )
    milestones: list[TemplateMilestone] = Field(min_length=1, max_length=MAX_TEMPLATE_STEPS)
    language: Annotated[str | None, BeforeValidator(_language)] = Field(
        default=None,
        description="the language of the plan's people who have none of their own "
        f"({', '.join(LANGUAGE_NAMES)}); by default the operator's MUTUALPLAN_LANGUAGE",
    )

    @model_validator(mode="before")
    @classmethod
    def _in_languages(cls, data: Any) -> Any:
        """`value_statement: {en: ..., de: ...}`: as a step's title (`TemplateMilestone`)."""
        return _split_languages(
            data,
            (("value_statement", "value_statements"), ("success_criteria", "success_criteria_in")),
        )

    @field_validator("milestones")
    @classmethod
    def _keys_unique_and_after_earlier(
        cls, milestones: list[TemplateMilestone]
    ) -> list[TemplateMilestone]:
        """The error names the step (`ctx`), so a file's reader can point at its line."""
        seen: set[str] = set()
        for index, milestone in enumerate(milestones):
            if milestone.key in seen:
                raise _step_error(
                    index, "key", f"milestone keys must be unique: {milestone.key!r} is repeated"
                )
            unknown = set(milestone.after or []) - seen
            if unknown:
                raise _step_error(
                    index,
                    "after",
                    f"milestone {milestone.key!r} comes after {sorted(unknown)}, "
                    "which are not earlier milestones",
                )
            seen.add(milestone.key)
        signatures = [i for i, m in enumerate(milestones) if m.signature]
        if len(signatures) > 1:
            raise _step_error(signatures[1], "signature", "only one step is the signature")
        return milestones

    @model_validator(mode="after")
    def _value_statements_name_the_buyer_only(self) -> PlanTemplate:
        """A value statement may hold `{buyer}` and no other slot: any other brace made every
        plan started on the template fail, unanswered, when the statement was filled in."""
        for text in [self.value_statement, *self.value_statements.values()]:
            try:
                slots = [(n, spec, conv) for _, n, spec, conv in Formatter().parse(text) if n]
            except ValueError as exc:  # a lone "{" or "}"
                raise ValueError(
                    f"value statement {text!r}: {exc} (write {{{{ for a brace)"
                ) from None
            if any(slot != ("buyer", "", None) for slot in slots):
                raise ValueError(
                    f"value statement {text!r}: {{buyer}} is the only slot it may hold "
                    "(write {{ and }} for a brace)"
                )
        return self

    @model_validator(mode="after")
    def _aliases_are_not_its_name(self) -> PlanTemplate:
        if self.name in self.aliases:
            raise ValueError(f"the alias {self.name!r} is the template's own name")
        return self

    @property
    def options(self) -> list[str]:
        """The names `Include:` takes, in the template's order."""
        return list(dict.fromkeys(m.option for m in self.milestones if m.option))


def _step_error(index: int, field: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(
        "step", "{message}", {"message": message, "step": index, "field": field}
    )


def template_schema() -> dict[str, Any]:
    """The JSON Schema of a template file, for editors (the YAML language server)."""
    schema = PlanTemplate.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


# --- a template on the calendar ---------------------------------------------------------------


def work_back_from_go_live(
    template: PlanTemplate, go_live: date, days_off: DaysOff = WEEKENDS_ONLY
) -> list[date]:
    """The due date of each template milestone, counted in business days from go-live; a step
    due on a go-live that is no business day is due the business day before."""
    return [due_from_go_live(go_live, m.offset, days_off) for m in template.milestones]


class ScheduledStep(BaseModel):
    key: str
    title: str
    owner: str
    side: Side | None
    offset: int
    due: date
    optional: str | None = Field(default=None, description="the option that includes it")


class TemplateSchedule(BaseModel):
    """A template laid out on the calendar from a go-live date: what `templates show` prints."""

    template: str
    title: str
    go_live: date
    holidays: PublicHolidays
    steps: list[ScheduledStep]


def schedule_template(
    template: PlanTemplate, go_live: date, calendars: Sequence[str]
) -> TemplateSchedule:
    """Every step's due date from `go-live`, optional steps too, none moved to a later today."""
    before = max(0, *(-m.offset for m in template.milestones))
    after = max(0, *(m.offset for m in template.milestones))
    public = holidays_between(
        list(calendars),
        go_live - timedelta(days=2 * before + 14),
        go_live + timedelta(days=2 * after + 14),
    )
    steps = [
        ScheduledStep(
            key=m.key,
            title=m.title,
            owner=m.owner,
            side=m.side,
            offset=m.offset,
            due=due,
            optional=m.option,
        )
        for m, due in zip(
            template.milestones,
            work_back_from_go_live(template, go_live, public.days_off),
            strict=True,
        )
    ]
    return TemplateSchedule(
        template=template.name, title=template.title, go_live=go_live, holidays=public, steps=steps
    )


def due_from_go_live(go_live: date, offset: int, days_off: DaysOff = WEEKENDS_ONLY) -> date:
    return business_day_on_or_before(add_business_days(go_live, offset, days_off), days_off)


# --- a running plan as a template --------------------------------------------------------------


def template_from_plan(plan: Plan, name: str, title: str | None = None) -> PlanTemplate:
    """The plan's steps as a template: offsets counted back from its go-live in its business
    days, owners by role, and the plan's own defaults."""
    milestones = [_step_of(plan, index) for index in range(len(plan.milestones))]
    return PlanTemplate(
        name=name,
        title=title or f"Like {plan.deal}",
        value_statement=plan.value_statement,
        success_criteria=plan.success_criteria,
        value_statements=plan.value_statements,
        success_criteria_in=plan.success_criteria_in,
        reminders=plan.reminders,
        checkin=_cadence_text(plan),
        meeting=plan.checkin.meeting or None if plan.checkin else None,
        holidays=plan.holidays.calendars or None,
        stall_after_weeks=plan.stall_after_weeks,
        milestones=milestones,
        language=plan.language or None,
    )


def _step_of(plan: Plan, index: int) -> TemplateMilestone:
    m = plan.milestones[index]
    owner = plan.owner(m)
    role = role_key(m.owner_role) or role_key(owner.role)
    if role is None:  # a step added by email, owned by someone with no role on the plan
        role = "seller" if owner.side is Side.SELLER else "champion"
    default_after = [plan.milestones[index - 1].key] if index else []
    return TemplateMilestone(
        key=m.key,
        title=m.title,
        description=m.description,
        done_means=m.done_means,
        titles=m.titles,
        descriptions=m.descriptions,
        done_means_in=m.done_means_in,
        links=m.links,
        owner=role,
        side=m.side if m.side is ROLES[role].side else None,
        offset=business_days_between(plan.go_live, m.due, plan.holidays.days_off),
        after=None if m.after == default_after else m.after,
    )


def _cadence_text(plan: Plan) -> str | None:
    if plan.checkin is None:
        return None
    c = plan.checkin.cadence
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    day = days[WEEKDAYS.index(c.weekday)]
    return f"weekly on {day} at {c.start:%H:%M} for {c.duration_minutes} minutes {c.timezone}"
