"""Plans, milestones and stakeholders, and the commands people's replies carry: the domain
every layer shares, imported from here (`from mutualplan.models import Plan`). What crosses
Temporal (workflow inputs, updates, activity payloads) is in `messages.py`.

A plan is stored in its workflow's history and state, so fields can be added without breaking
plans that are already running (new fields always get defaults). Temporal's pydantic converter
reads them back by the workflow's type hints, never by module path.

    phrases.py     words for people (`Phrase`, `phrase()`), dates in them, the languages
    people.py      a plan's people: `Stakeholder`, their `Side` and `Role`
    milestones.py  a plan's steps (`Milestone`) and lines of history (`Event`)
    checkin.py     the recurring check-in call's series and answers (`CheckIn`)
    commands.py    what a reply asks for (`Intent`) and its arguments (`Instruction`)
    replies.py     what people sent besides commands: comments, attachments, open questions
    emails.py      the kinds of email a plan sends (`EmailKind`)
    plan.py        the plan itself (`Plan`), its status, health and days off
"""

from __future__ import annotations

from mutualplan.models.checkin import (
    CallAnswer,
    CallChange,
    CheckIn,
    ShownSeries,
)
from mutualplan.models.commands import (
    MAX_ARGUMENT,
    Argument,
    CallMove,
    Details,
    Instruction,
    Intent,
    LanguageChoice,
    NewPerson,
    NewStep,
    Shift,
    YesTo,
    details_of_0_2_0,
)
from mutualplan.models.emails import (
    EmailKind,
)
from mutualplan.models.milestones import (
    ENGINE,
    Event,
    Link,
    Milestone,
    MilestoneStatus,
    SaidOnce,
    Titled,
    step_title,
)
from mutualplan.models.people import (
    KEY_ROLES,
    SELLER_ROLES,
    Role,
    Side,
    Stakeholder,
)
from mutualplan.models.phrases import (
    CLAUSES,
    LANGUAGE_NAMES,
    DateForm,
    Holiday,
    OneLine,
    Phrase,
    country_name,
    day_and_time,
    day_of_year,
    english_date,
    full_date,
    joined,
    one_full_stop,
    phrase,
    plural_phrase,
    spoken_date,
    term,
    weekday_of,
)
from mutualplan.models.plan import (
    DEFAULT_MAX_STAKEHOLDERS,
    Health,
    Plan,
    PlanStatus,
    PublicHolidays,
)
from mutualplan.models.replies import (
    Attachment,
    Comment,
    MessageFile,
    Question,
)

__all__ = [
    "CLAUSES",
    "DEFAULT_MAX_STAKEHOLDERS",
    "ENGINE",
    "KEY_ROLES",
    "LANGUAGE_NAMES",
    "MAX_ARGUMENT",
    "SELLER_ROLES",
    "Argument",
    "Attachment",
    "CallAnswer",
    "CallChange",
    "CallMove",
    "CheckIn",
    "Comment",
    "DateForm",
    "Details",
    "EmailKind",
    "Event",
    "Health",
    "Holiday",
    "Instruction",
    "Intent",
    "LanguageChoice",
    "Link",
    "MessageFile",
    "Milestone",
    "MilestoneStatus",
    "NewPerson",
    "NewStep",
    "OneLine",
    "Phrase",
    "Plan",
    "PlanStatus",
    "PublicHolidays",
    "Question",
    "Role",
    "SaidOnce",
    "Shift",
    "ShownSeries",
    "Side",
    "Stakeholder",
    "Titled",
    "YesTo",
    "country_name",
    "day_and_time",
    "day_of_year",
    "details_of_0_2_0",
    "english_date",
    "full_date",
    "joined",
    "one_full_stop",
    "phrase",
    "plural_phrase",
    "spoken_date",
    "step_title",
    "term",
    "weekday_of",
]
