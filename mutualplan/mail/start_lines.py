"""The "Key: value" lines of a seller's start email: go-live, roles, value, check-in, confirm,
the buyers' language ("Language: de", or after a person: "Champion: Jane <jane@...>, German").

Read like replies: the keys in the reader's languages ("Go live", "Golive", "Launch",
"Starttermin", "Mise en production"), dates in every written form (`mutualplan.mail.dates`),
a role given by name only resolved from the people on Cc. What cannot be read is named back in
`StartRequest.doubts`, and a plan with any doubt starts as a draft, `Confirm: yes` or not.

Each key leads to one reader in `LINE_READERS`: a new line is a new entry there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.utils import getaddresses

from mutualplan.mail.addresses import a_person_to_mail
from mutualplan.mail.dates import find_dates
from mutualplan.mail.deal_commands import AMOUNT_KEYS, CLOSE_KEYS, start_line
from mutualplan.models import Phrase, phrase
from mutualplan.planning import Person, StartRequest
from mutualplan.roles import ROLES, role_key

# A key is words parted by separators that are no letters, so that each character is in one
# place: with "_" both a letter and a separator, and `(.*?)\s*$` trying the end at every
# character, a long line took hours. The value is cut and stripped after the match.
_LINE = re.compile(r"^\s*([^\W\d_]+(?:[ _/.-]+[^\W\d_]+){0,4})\s*[:\uff1a](.*)$")
MAX_LINES = 500  # of the email's fresh text: its "Key: value" lines are at the top
MAX_VALUE_CHARS = 2_000
MAX_GO_LIVE_LINES = 3  # each one's dates are read (about a millisecond each)
_BULLET = re.compile(r"^\s*[-*\u2022\u00b7]\s+(?=\S)")
_LIST = re.compile(r"\s*(?:[,;]|\band\b)\s*", re.I)  # "pen-test, dpia" or "pen-test and dpia"
_LANGUAGE_NAME = 30  # characters: "Deutsch", "español", "de-AT" (a language after a person)
_YES = {"yes", "y", "true", "1", "on", "now", "at once", "ja", "oui", "sí", "si", "sim", "sì",
        "はい"}  # fmt: skip


@dataclass
class StartLines:
    """What the lines read so far set: the request's fields, its people, what was in doubt."""

    exclude: set[str]
    today: date
    language: str
    people: dict[str, Person]
    update: dict[str, object] = field(default_factory=dict)
    criteria: list[str] = field(default_factory=list)
    in_criteria: bool = False
    doubts: list[str] = field(default_factory=list)
    go_live_lines: int = 0
    said_doubts: list[Phrase] = field(default_factory=list)  # the same, to say in any language

    def doubt(self, said: Phrase, english: str = "") -> None:
        """Something the email said that could not be read, named back to the seller."""
        self.doubts.append(english or said.english())
        self.said_doubts.append(said)


def apply_start_lines(
    request: StartRequest, text: str, *, exclude: set[str], today: date, language: str = ""
) -> StartRequest:
    """`request` with what the lines of `text` (the email's fresh text) set."""
    lines = StartLines(
        exclude=exclude | {request.seller.email},
        today=today,
        language=language,
        people={p.email: p for p in request.people},
    )
    for line in text.split("\n", MAX_LINES)[:MAX_LINES]:
        _read_line(lines, line)
    update = dict(lines.update)
    if lines.criteria:
        update["success_criteria"] = lines.criteria
    update["people"] = list(lines.people.values())
    update["doubts"] = [*request.doubts, *lines.doubts]
    update["said_doubts"] = [*request.said_doubts, *lines.said_doubts]
    return request.model_copy(update=update)


def _read_line(lines: StartLines, line: str) -> None:
    if lines.in_criteria and (bullet := _BULLET.match(line)):
        lines.criteria.append(line[bullet.end() :].strip())
        return
    # Outlook's plain text puts a blank line after every paragraph, bullets included.
    lines.in_criteria = lines.in_criteria and not line.strip()
    match = _LINE.match(line)
    if match is None:
        return
    key, value = line_key(match.group(1)), match.group(2)[:MAX_VALUE_CHARS].strip()
    reader = LINE_READERS.get(key)
    if reader is not None and (value or reader is _criteria):
        reader(lines, value)
    elif value and (role := role_key(key)) is not None:
        _role(lines, role, value, match.group(1).strip())


def line_key(key: str) -> str:
    """'Go-Live', 'go live' and 'GO_LIVE' are one key: 'go live'."""
    return re.sub(r"[\s_-]+", " ", key.strip().lower())


# --- the readers ---------------------------------------------------------------------------------


def _go_live(lines: StartLines, value: str) -> None:
    lines.go_live_lines += 1
    if lines.go_live_lines > MAX_GO_LIVE_LINES:
        return
    readings = find_dates(value, lines.today, language=lines.language)
    days = {r.when for r in readings if r.when and "past" not in r.problem}
    certain = [r for r in readings if r.when and not r.doubt]
    if len(days) == 1 and len(certain) == len(readings):
        lines.update["go_live"] = next(iter(days))
        return
    past = [r for r in readings if "past" in r.problem and r.when]
    if past and not days:  # the plan is refused with the reason: no draft of a past date
        lines.update["go_live"] = past[0].when
        return
    doubt = next((r for r in readings if r.doubt), None)
    why: Phrase | str
    if not readings:
        why = phrase("«{written}» is not a date I can read", written=value)
    elif doubt is None:
        why = phrase("«{written}» names more than one date", written=value)
    else:
        why = doubt.said_doubt or doubt.doubt
    # the English names dates as the reply reader does ("Sun 3 Jan 2027"); the phrase as each
    # reader's language writes them
    english = doubt.doubt if doubt is not None else str(why)
    said = phrase("I could not read the go-live date: {doubt}", doubt=why)
    lines.doubt(said, english=f"I could not read the go-live date: {english}")


def _value(lines: StartLines, value: str) -> None:
    lines.update["value_statement"] = value


def _checkin(lines: StartLines, value: str) -> None:
    lines.update["checkin"] = value


def _meeting(lines: StartLines, value: str) -> None:
    lines.update["meeting"] = value.strip()


def _confirm(lines: StartLines, value: str) -> None:
    lines.update["confirm"] = value.strip().rstrip(".!").lower() in _YES


def _holidays(lines: StartLines, value: str) -> None:
    lines.update["holidays"] = value


def _include(lines: StartLines, value: str) -> None:
    lines.update["include"] = [name for name in _LIST.split(value) if name]


def _criteria(lines: StartLines, value: str) -> None:
    lines.in_criteria = True
    lines.criteria.extend(c.strip() for c in value.split(";") if c.strip())


def _language(lines: StartLines, value: str) -> None:
    """`Language: de`: the language of the buyer's people (their own, given after them, wins)."""
    from mutualplan.languages import SHIPPED, language_code  # Babel: only when it is needed

    code = language_code(value) if len(value) <= _LANGUAGE_NAME else None
    if code is not None:
        lines.update["language"] = code
        return
    lines.doubt(
        phrase(
            "I could not read the language \u00ab{value}\u00bb (mutualplan writes {languages})",
            value=value.strip()[:80],
            languages=", ".join(SHIPPED),
        )
    )


def _role(lines: StartLines, role: str, value: str, written_key: str) -> None:
    value, language = _person_language(value)
    named = [(n, a.strip().lower()) for n, a in getaddresses([value])]
    if not any("@" in address for _, address in named):
        _role_by_name(lines, role, value, written_key, language)
        return
    for name, address in named:
        if not a_person_to_mail(address, lines.exclude):
            continue
        known = lines.people.get(address)
        name = name or (known.name if known else "")
        lines.people[address] = Person(name=name, email=address, role=role, language=language)


def _person_language(value: str) -> tuple[str, str | None]:
    """A role line's people, and the language given after them ("..., German", "... (de)"),
    if it names one mutualplan writes. Read from the last separator: linear in the line."""
    at = max(value.rfind(","), value.rfind(";"), value.rfind("("))
    head, tail = value[:at].strip(), value[at + 1 :].strip().rstrip(")").strip()
    if at < 0 or not head or not tail or len(tail) > _LANGUAGE_NAME or "@" in tail:
        return value, None
    from mutualplan.languages import language_code  # Babel: only when it is needed

    code = language_code(tail)
    return (head, code) if code is not None else (value, None)


def _role_by_name(
    lines: StartLines, role: str, value: str, written_key: str, language: str | None
) -> None:
    """'Champion: Jane Doe': the one person on Cc of that name (or first name)."""
    wanted = _name_words(value)
    matches = [p for p in lines.people.values() if _name_words(p.name) == wanted]
    if not matches and len(wanted) == 1:
        matches = [p for p in lines.people.values() if wanted <= _name_words(p.name)]
    if len(matches) == 1:
        person = matches[0]
        lines.people[person.email] = person.model_copy(
            update={"role": role, "language": language or person.language}
        )
        return
    title = ROLES[role]
    lines.doubt(
        phrase(
            "I could not tell who \u00ab{name}\u00bb is ({key}): write the address, as in "
            "\u00ab{role}: {name} <name@example.com>\u00bb",
            name=value.strip(),
            key=written_key,
            role=title,  # as the start email must write it
        )
    )


def _name_words(name: str) -> frozenset[str]:
    """'Doe, Jane' and 'Jane Doe' are the same words."""
    return frozenset(w for w in re.split(r"[\s,]+", name.lower()) if w)


def _keys(*keys: str) -> tuple[str, ...]:
    return tuple(line_key(k) for k in keys)


_GO_LIVE_KEYS = _keys(
    "go-live", "golive", "go live date", "golive date", "launch", "launch date", "live date",
    "start date", "target date", "target go-live", "go-live target", "cut-over", "cutover",
    "go-live datum", "go-live termin", "starttermin", "startdatum", "produktivstart", "livegang",
    "einführung", "einführungstermin", "mise en production", "date de mise en production",
    "lancement", "date de lancement", "démarrage", "date de démarrage", "mise en service",
    "lanzamiento", "fecha de lanzamiento", "puesta en marcha", "puesta en producción",
    "fecha de inicio", "fecha de go-live", "lancering", "live datum", "go-live datum",
    "lançamento", "data de lançamento", "entrada em produção", "data de início",
    "data do go-live", "lancio", "data di lancio", "messa in produzione", "avvio",
    "data di avvio", "data go-live", "本番開始", "本番開始日", "稼働日", "本番稼働日", "リリース日",
    "ローンチ", "開始日",
)  # fmt: skip
_CONFIRM_KEYS = _keys("confirm", "confirmed", "auto-confirm", "skip review", "bestätigen",
                      "confirmer", "confirmar", "bevestigen", "confermare", "確定")  # fmt: skip


def _amount(lines: StartLines, value: str) -> None:
    """`Amount: 120,000 USD`: the forecast's (mail/deal_commands.py), as is `Close:`."""
    lines.update |= start_line("amount", value, lines.today)


def _close(lines: StartLines, value: str) -> None:
    lines.update |= start_line("close", value, lines.today)


LINE_READERS: dict[str, Callable[[StartLines, str], None]] = {
    **dict.fromkeys(_GO_LIVE_KEYS, _go_live),
    **dict.fromkeys(_keys("value", "value statement", "why", "why now"), _value),
    **dict.fromkeys(_keys("check-in", "checkin", "check in", "check-ins", "cadence"), _checkin),
    **dict.fromkeys(_keys("meeting", "meeting link", "call link", "video link", "join"), _meeting),
    **dict.fromkeys(_CONFIRM_KEYS, _confirm),
    **dict.fromkeys(_keys("success criteria", "success", "success criterion"), _criteria),
    **dict.fromkeys(_keys("holidays", "holiday", "public holidays", "holiday calendar"), _holidays),
    **dict.fromkeys(_keys("include", "includes", "including", "optional steps"), _include),
    **dict.fromkeys(
        _keys("language", "lang", "buyer language", "sprache", "langue", "idioma"), _language
    ),
    **dict.fromkeys(_keys(*AMOUNT_KEYS), _amount),
    **dict.fromkeys(_keys(*CLOSE_KEYS), _close),
}
