"""Pure planning: a template plus a seller's start request becomes a Plan.

Due dates are worked back from the buyer's go-live date in business days (weekends skipped), so a
plan reads the way a seller would lay it out by hand on a calendar.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mutualplan.calendar.checkin import parse_cadence, read_meeting_link
from mutualplan.errors import StartEmailError, TemplateError, UnknownTemplate
from mutualplan.models import (
    CheckIn,
    Milestone,
    Phrase,
    Plan,
    PlanStatus,
    Side,
    Stakeholder,
    phrase,
    plural_phrase,
    term,
)

# role key -> (how people write it, which side of the deal it sits on)
ROLES: dict[str, tuple[str, Side]] = {
    "champion": ("Champion", Side.BUYER),
    "economic-buyer": ("Economic Buyer", Side.BUYER),
    "legal": ("Legal", Side.BUYER),
    "security": ("Security", Side.BUYER),
    "procurement": ("Procurement", Side.BUYER),
    "technical-lead": ("Technical Lead", Side.BUYER),
    "seller": ("Seller", Side.SELLER),
    "solutions-engineer": ("Solutions Engineer", Side.SELLER),
    "customer-success": ("Customer Success", Side.SELLER),
}
_ROLE_ALIASES = {
    "eb": "economic-buyer",
    "decision-maker": "economic-buyer",
    "ae": "seller",
    "account-executive": "seller",
    "se": "solutions-engineer",
    "csm": "customer-success",
    "it": "technical-lead",
    "infosec": "security",
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def role_key(text: str) -> str | None:
    """'Economic Buyer', 'economic-buyer' and 'EB' all name the role 'economic-buyer'."""
    key = re.sub(r"[\s_]+", "-", text.strip().lower())
    key = _ROLE_ALIASES.get(key, key)
    return key if key in ROLES else None


def _known_role(value: str) -> str:
    key = role_key(value)
    if key is None:
        raise ValueError(f"unknown role {value!r}; known roles: {', '.join(ROLES)}")
    return key


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} must be lowercase letters, digits and dashes")
    return value


def _language(value: str | None) -> str | None:
    if value is None:
        return None
    from mutualplan.languages import SHIPPED, language_code  # Babel: never in a workflow

    code = language_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not a language mutualplan speaks ({', '.join(SHIPPED)})")
    return code


def _in_languages(text: str | dict[str, str]) -> tuple[str, dict[str, str]]:
    """A title given as text, or per language ({en: ..., de: ...}): the English (else the
    first) as the title, and every language's own."""
    if isinstance(text, str):
        return text, {}
    own = {_language(code) or code: words for code, words in text.items()}
    return own.get("en") or next(iter(own.values()), ""), own


class TemplateMilestone(BaseModel):
    key: Annotated[str, AfterValidator(_slug)]
    title: str
    description: str = ""
    titles: dict[str, str] = Field(
        default_factory=dict, description="`title: {en: ..., de: ...}`: the title per language"
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict, description="the description per language, likewise"
    )
    owner: Annotated[str, AfterValidator(_known_role)]
    offset: int = Field(description="business days relative to go-live; negative is before")

    @model_validator(mode="before")
    @classmethod
    def _per_language(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for field, plural in (("title", "titles"), ("description", "descriptions")):
            if isinstance(data.get(field), dict):
                data[field], data[plural] = _in_languages(data[field])
        return data

    after: list[str] | None = Field(
        default=None,
        description="keys of earlier milestones it waits for; by default the one before it",
    )


class PlanTemplate(BaseModel):
    name: Annotated[str, AfterValidator(_slug)]
    title: str
    horizon_business_days: int = Field(default=40, ge=1, le=520)
    value_statement: str = ""
    success_criteria: list[str] = Field(default_factory=list)
    reminders: list[int] = Field(
        default_factory=lambda: [3, 0],
        description="business days before a milestone is due to remind its owner",
    )
    checkin: str | None = Field(
        default="weekly on Tuesday at 10:00 for 30 minutes",
        description="the recurring check-in call, in the seller's time zone; null for none",
    )
    meeting: str | None = Field(
        default=None, description="where the check-in call happens (a meeting URL), by default"
    )
    milestones: list[TemplateMilestone] = Field(min_length=1, max_length=12)
    language: str | None = Field(
        default=None, description="the language of the plan's people who have none of their own"
    )

    @field_validator("language", mode="before")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        return _language(value)

    @field_validator("milestones")
    @classmethod
    def _unique_keys(cls, milestones: list[TemplateMilestone]) -> list[TemplateMilestone]:
        keys = [m.key for m in milestones]
        if len(set(keys)) != len(keys):
            raise ValueError("milestone keys must be unique")
        for index, milestone in enumerate(milestones):
            unknown = set(milestone.after or []) - set(keys[:index])
            if unknown:
                raise ValueError(
                    f"milestone {milestone.key!r} comes after {sorted(unknown)}, "
                    "which are not earlier milestones"
                )
        return milestones


class _TemplateLoader(yaml.SafeLoader):
    """SafeLoader that refuses a repeated mapping key: YAML forbids it, PyYAML lets the last win."""


def _mapping_without_repeats(
    loader: _TemplateLoader, node: yaml.MappingNode
) -> dict[object, object]:
    seen: list[object] = []
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.append(key)
    return loader.construct_mapping(node)


_TemplateLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats
)


def default_template_dir() -> Path:
    return Path(str(files("mutualplan") / "templates" / "plans"))


def template_names(directory: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (directory or default_template_dir()).glob("*.yaml"))


def load_template(name: str, directory: Path | None = None) -> PlanTemplate:
    directory = directory or default_template_dir()
    path = directory / f"{name}.yaml"
    if not _SLUG.match(name) or not path.is_file():
        raise UnknownTemplate(name, template_names(directory))
    try:
        template = PlanTemplate.model_validate(_read_yaml(path, path.stat().st_mtime_ns))
    except (yaml.YAMLError, ValidationError) as exc:
        raise TemplateError(f"plan template {path} is invalid: {exc}") from exc
    if template.name != name:
        raise TemplateError(f"plan template {path} calls itself {template.name!r}")
    return template


@functools.lru_cache(maxsize=32)
def _read_yaml(path: Path, mtime_ns: int) -> Any:
    """Parsed once per version of the file: every start email reads its template."""
    return yaml.load(path.read_text("utf-8"), Loader=_TemplateLoader)


def add_business_days(start: date, days: int) -> date:
    """Move `days` business days from `start` (backwards when negative), skipping weekends."""
    step = timedelta(days=1 if days > 0 else -1)
    current, left = start, abs(days)
    while left:
        current += step
        if current.weekday() < 5:
            left -= 1
    return current


def latest_date(today: date, years: int) -> date:
    """The last day a go-live or due date may be: `years` ahead (a 29 February, the 28th). Dates
    are bounded so every date the engine works out (links, invites, reminders) stays valid."""
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def too_far_ahead(when: date, today: date, years: int) -> str | None:
    """Why `when` may not be a plan's date (more than `years` ahead), or None if it may."""
    latest = latest_date(today, years)
    if when <= latest:
        return None
    plural = "s" if years != 1 else ""
    return f"{when.isoformat()} is more than {years} year{plural} ahead (at most {latest})"


def work_back_from_go_live(template: PlanTemplate, go_live: date) -> list[date]:
    """The due date of each template milestone, counted in business days from go-live."""
    return [add_business_days(go_live, m.offset) for m in template.milestones]


# --- the seller's start request ----------------------------------------------------------------


class Person(BaseModel):
    name: str = ""
    email: str
    role: str | None = None
    language: str | None = Field(default=None, description="given for them in the start email")


class StartRequest(BaseModel):
    """What a seller's start email asks for, before any template is applied."""

    message_id: str
    template: str
    seller: Person
    deal: str
    go_live: date | None = None
    people: list[Person] = Field(default_factory=list)
    value_statement: str | None = None
    success_criteria: list[str] = Field(default_factory=list)
    checkin: str | None = Field(default=None, description="the seller's `Check-in:` line")
    meeting: str | None = Field(default=None, description="the seller's `Meeting:` link")
    confirm: bool = Field(
        default=False, description="`Confirm: yes`: skip the draft review and start at once"
    )
    language: str | None = Field(default=None, description="`Language: de`: for all buyers")


def build_plan(
    template: PlanTemplate,
    request: StartRequest,
    *,
    plan_id: str,
    now: datetime,
    timezone: str = "UTC",
    horizon_years: int = 3,
) -> Plan:
    today = now.date()
    notices: list[Phrase] = []
    go_live = request.go_live
    if go_live is None:
        go_live = add_business_days(today, template.horizon_business_days)
        notices.append(
            plural_phrase(
                "No go-live date was given, so it is set to {go_live} ({count} business day "
                "from today).",
                "No go-live date was given, so it is set to {go_live} ({count} business days "
                "from today).",
                template.horizon_business_days,
                go_live=go_live.isoformat(),
            )
        )
    elif go_live < today:
        raise StartEmailError(f"the go-live date {go_live.isoformat()} is in the past")
    elif (far := too_far_ahead(go_live, today, horizon_years)) is not None:
        raise StartEmailError(f"the go-live date {far}")
    stakeholders = _stakeholders(request, notices)
    milestones = _milestones(template, go_live, stakeholders, today, notices)
    checkin = _checkin(template, request, timezone, notices)
    return Plan(
        id=plan_id,
        template=template.name,
        deal=request.deal or f"{_organisation(stakeholders)} deal",
        value_statement=request.value_statement
        or template.value_statement.format(buyer=_organisation(stakeholders)),
        success_criteria=request.success_criteria or template.success_criteria,
        go_live=go_live,
        seller_id=1,
        stakeholders=stakeholders,
        milestones=milestones,
        created_at=now,
        notices=[n.english() for n in notices],
        said_notices=notices,
        checkin=checkin,
        timezone=timezone,
        reminders=template.reminders,
        status=PlanStatus.ACTIVE if request.confirm else PlanStatus.DRAFT,
        language=template.language or "",
        horizon_years=horizon_years,
    )


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
        Stakeholder(id=1, name=seller.name, email=seller.email, role="Seller", side=Side.SELLER)
    ]
    for person in request.people:
        if any(p.email == person.email for p in people):
            continue
        side = ROLES[person.role][1] if person.role else _side_by_domain(person.email, domain)
        role = ROLES[person.role][0] if person.role else ""
        given = person.language or (request.language if side is Side.BUYER else None)
        people.append(
            Stakeholder(
                id=len(people) + 1,
                name=person.name,
                email=person.email,
                role=role,
                side=side,
                language=given or "",
                language_given=given is not None,
            )
        )
    _ensure_champion(people, notices)
    return people


def _side_by_domain(email: str, seller_domain: str) -> Side:
    return Side.SELLER if _domain(email) == seller_domain else Side.BUYER


def _ensure_champion(people: list[Stakeholder], notices: list[Phrase]) -> None:
    if any(p.role == "Champion" for p in people):
        return
    buyer = next((p for p in people if p.side is Side.BUYER and not p.role), None)
    if buyer is not None:
        buyer.role = "Champion"
        notices.append(
            phrase(
                "No champion was named, so {name} (first on Cc) is the champion.",
                name=buyer.display,
            )
        )


def _milestones(
    template: PlanTemplate,
    go_live: date,
    people: list[Stakeholder],
    today: date,
    notices: list[Phrase],
) -> list[Milestone]:
    dues = work_back_from_go_live(template, go_live)
    compressed = [m.title for m, due in zip(template.milestones, dues, strict=True) if due < today]
    if compressed:
        notices.append(
            phrase(
                "The go-live date leaves less time than the template plans for, so these are "
                "due today: {steps}.",
                steps="; ".join(compressed),
            )
        )
    return [
        Milestone(
            number=number,
            key=m.key,
            title=m.title,
            description=m.description,
            titles=m.titles,
            descriptions=m.descriptions,
            owner_id=_owner_for(m, people, notices).id,
            owner_role=m.owner,
            offset=m.offset,
            after=_after(template, number - 1),
            due=max(due, today),
        )
        for number, (m, due) in enumerate(zip(template.milestones, dues, strict=True), start=1)
    ]


def _after(template: PlanTemplate, index: int) -> list[str]:
    """What a milestone waits for: as the template says, else the milestone before it."""
    milestone = template.milestones[index]
    if milestone.after is not None:
        return list(milestone.after)
    return [template.milestones[index - 1].key] if index else []


def _owner_for(
    milestone: TemplateMilestone, people: list[Stakeholder], notices: list[Phrase]
) -> Stakeholder:
    title, side = ROLES[milestone.owner]
    named = next((p for p in people if p.role == title), None)
    if named is not None:
        return named
    seller = people[0]
    if side is Side.SELLER:
        return seller
    stand_in = next((p for p in people if p.role == "Champion"), seller)
    notices.append(
        phrase(
            "No {role} was named, so {name} owns \u201c{title}\u201d until it is reassigned.",
            role=term(title),
            name=stand_in.display,
            title=milestone.title,
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
