"""Which language each person reads, and the words and dates in it. Pure: no sockets here.

The words are gettext catalogs managed with Babel (`mutualplan/locale/<code>/LC_MESSAGES/
messages.po`, see `mutualplan.catalogs`); dates, weekdays and times are Babel's CLDR formats for
the language ("Fr., 11. Dez. 2026", "ven. 11 déc. 2026"). English keeps the engine's own short
forms ("Fri 11 Dec 2026"), which mail filters and people already know.

A person's language, first match wins: the one given for them (start email, seller's command);
the one their own replies were read in; the plan template's default; the operator's
`MUTUALPLAN_LANGUAGE`.
"""

from __future__ import annotations

import functools
import gettext
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from babel.units import format_unit

from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.series import weekly
from mutualplan.forecast import format_amount
from mutualplan.models import (
    LANGUAGE_NAMES,
    DateForm,
    Holiday,
    Phrase,
    Plan,
    Stakeholder,
    english_date,
    one_full_stop,
    phrase,
)
from mutualplan.public_holidays import holiday_name_in

log = logging.getLogger(__name__)

ENGLISH = "en"
# every language with a complete catalog; tests/test_languages.py keeps them complete
SHIPPED: tuple[str, ...] = tuple(LANGUAGE_NAMES)
DOMAIN = "messages"
REMEMBERED = 4096  # dates and terms a Wording keeps as said
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# words the engine keeps in English in its models (a step's state, a plan's health, a role, a
# side of the deal), as each language shows them: the `term` filter
TERMS: dict[str, Phrase] = {
    "pending": phrase("pending"),
    "active": phrase("active"),
    "blocked": phrase("blocked"),
    "done": phrase("done"),
    "draft": phrase("draft"),
    "completed": phrase("completed"),
    "cancelled": phrase("cancelled"),
    "on track": phrase("on track"),
    "at risk": phrase("at risk"),
    "stalled": phrase("stalled"),
    "buyer": phrase("buyer"),
    "seller": phrase("seller"),
    "Champion": phrase("Champion"),
    "Economic Buyer": phrase("Economic Buyer"),
    "Legal": phrase("Legal"),
    "Security": phrase("Security"),
    "Procurement": phrase("Procurement"),
    "Technical Lead": phrase("Technical Lead"),
    "Seller": phrase("Seller"),
    "Solutions Engineer": phrase("Solutions Engineer"),
    "Customer Success": phrase("Customer Success"),
    "accepted": phrase("accepted"),
    "declined": phrase("declined"),
    "tentative": phrase("tentative"),
    "no answer yet": phrase("no answer yet"),
    "coming": phrase("coming"),
    "not coming": phrase("not coming"),
    "maybe": phrase("maybe"),
    "no answer": phrase("no answer"),
    # the engine's own lines of history, written in English by the workflow
    "opened the plan page": phrase("opened the plan page"),
    "started": phrase("started"),
    "plan completed": phrase("plan completed"),
    "English": phrase("English"),
    "German": phrase("German"),
    "French": phrase("French"),
    "Spanish": phrase("Spanish"),
    "Dutch": phrase("Dutch"),
    "Portuguese": phrase("Portuguese"),
    "Italian": phrase("Italian"),
    "Japanese": phrase("Japanese"),
}


def locale_dir() -> Path:
    return Path(str(files("mutualplan") / "locale"))


# --- reading a language as people write it ------------------------------------------------


def language_code(text: str) -> str | None:
    """The shipped language `text` names, or None: "de", "de-AT", "German", "Deutsch",
    "allemand", "alemán" and "Deutsch (Österreich)" all name "de"; "Brazilian Portuguese" and
    "português do Brasil" name "pt"."""
    cleaned = text.strip().strip(".").strip()
    if not cleaned:
        return None
    try:
        code: str | None = Locale.parse(cleaned.replace("-", "_")).language
    except (ValueError, TypeError, UnknownLocaleError):
        names = _language_names()
        code = names.get(_folded(cleaned))
        if code is None and (regional := _IN_A_REGION.fullmatch(cleaned)) is not None:
            code = names.get(_folded(regional["language"]))  # as Outlook and Windows name them
    return code if code in SHIPPED else None


# a language as system settings write it, with its region: "Portuguese (Brazil)"
_IN_A_REGION = re.compile(r"(?P<language>[^()]+?)\s*\([^()]*\)")
# how people write a language's regional form where CLDR gives no name for it
_REGIONAL_NAMES = {
    "portugues do brasil": "pt",
    "portugues brasileiro": "pt",
    "portugues de portugal": "pt",
    "portugues europeu": "pt",
}


def _folded(text: str) -> str:
    """Lower case without accents: "Español", "espanol" and "ESPAÑOL" are one name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _language_names() -> dict[str, str]:
    """Each shipped language's name in every shipped language (and in its own), and the names
    CLDR gives its regional forms ("Vlaams", "Brazilian Portuguese", "portugais brésilien")."""
    names: dict[str, str] = dict(_REGIONAL_NAMES)
    for reader in SHIPPED:
        for key, name in Locale(reader).languages.items():
            if key.partition("_")[0] in SHIPPED:
                names[_folded(name)] = key.partition("_")[0]
    names["castellano"] = "es"
    return names


def accepted_language(header: str) -> str | None:
    """The first shipped language a browser's Accept-Language asks for, by its q-values."""
    wanted: list[tuple[float, int, str]] = []
    for index, item in enumerate(header.split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if (match := re.search(r"q\s*=\s*([^;,\s]*)", params)) is not None:
            try:
                quality = float(match.group(1))
            except ValueError:  # a malformed weight: the entry is left out
                continue
        if tag.strip() and tag.strip() != "*" and quality > 0:
            wanted.append((-quality, index, tag.strip()))
    for _, _, tag in sorted(wanted):
        if (code := language_code(tag)) is not None:
            return code
    return None


def language_for(person: Stakeholder, plan: Plan, default: str = ENGLISH) -> str:
    """The language `person` reads: given for them, read from their replies, the plan
    template's default, else `default` (the operator's MUTUALPLAN_LANGUAGE)."""
    return person.language if person.language in SHIPPED else language_for_plan(plan, default)


def language_for_plan(plan: Plan, default: str = ENGLISH) -> str:
    """The language of the plan's people who have none of their own."""
    for code in (plan.language, default):
        if code in SHIPPED:
            return code
    return ENGLISH


def plan_in(plan: Plan, language: str) -> Plan:
    """The plan with its value statement, success criteria and its steps' titles, descriptions
    and done means in `language`, where the template gave them in it; the same plan object when
    it gave none (a plan from a template in one language: no copy)."""
    if not (
        language in plan.value_statements
        or language in plan.success_criteria_in
        or any(
            language in m.titles or language in m.descriptions or language in m.done_means_in
            for m in plan.milestones
        )
    ):
        return plan
    steps = [
        m.model_copy(
            update={
                "title": m.titles.get(language, m.title),
                "description": m.descriptions.get(language, m.description),
                "done_means": m.done_means_in.get(language, m.done_means),
            }
        )
        for m in plan.milestones
    ]
    return plan.model_copy(
        update={
            "milestones": steps,
            "value_statement": plan.value_statements.get(language, plan.value_statement),
            "success_criteria": plan.success_criteria_in.get(language, plan.success_criteria),
        }
    )


# --- the words and dates of one language ---------------------------------------------------


class Wording:
    """The catalog and date formats of one language."""

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        self.code = code
        self.translations = translations
        self._locale = Locale.parse(code)
        # how CLDR puts a day before a time ("{1}, {0}"; Japanese "{1} {0}") and items in a
        # list (", "; Japanese "、")
        self._day_time = re.sub(r"'([^']*)'", r"\1", str(self._locale.datetime_formats["medium"]))
        self.comma = str(self._locale.list_patterns["standard"]["middle"]).format("", "")
        # dates and terms as said, kept: a cockpit of 10,000 plans says a few hundred dates
        # some 60,000 times, and CLDR's formatting is most of its rendering time
        self._said: dict[tuple[str, object], str] = {}

    def _remembered(self, form: str, value: object, say: Callable[[], str]) -> str:
        said = self._said.get((form, value))
        if said is None:
            if len(self._said) >= REMEMBERED:  # a long-running worker meets new days forever
                self._said.clear()
            said = self._said[(form, value)] = say()
        return said

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def say(self, words: Phrase | str) -> str:
        """A phrase in this language ({slots} filled, dates shown the language's way); text
        that is not a phrase (a person's own words) as it is."""
        if isinstance(words, str):
            return words
        if words.own:
            return words.own.get(self.code, words.text)
        if not words.filled:
            return self._translated(words)  # nothing to fill: braces in it are text
        values = {
            **words.args,
            **{k: self.date_in(v, words.forms.get(k)) for k, v in words.dates.items()},
            **{k: self.longdate(v) for k, v in words.long_dates.items()},
            **{k: self.say(v) for k, v in words.parts.items()},
            **{k: self.country(v) for k, v in words.countries.items()},
            **{k: self.holiday(v) for k, v in words.holidays.items()},
        }
        for text in (self._translated(words), _english(words)):
            try:
                return one_full_stop(text, values).format(**values)
            except (KeyError, IndexError, ValueError):  # a catalog with a wrong {slot}
                log.warning("%s: cannot fill %r", self.code, text)
        return words.text

    def country(self, code: str) -> str:
        """'DE' -> 'Deutschland' (CLDR's name in this language); the code where it has none."""
        return str(self._locale.territories.get(code.upper(), code))

    def holiday(self, holiday: Holiday) -> str:
        """ "New Year's Day" -> "Neujahr", "元日": the name the `holidays` package gives it in this
        language in the plan's calendars; the name the plan keeps where it gives none (and in
        English, which the plan keeps it in)."""
        if self.code == ENGLISH:
            return holiday.name
        return holiday_name_in(holiday, self.code)

    def term(self, word: str) -> str:
        """A state, health, role or side in this language; any other word as it is."""
        known = TERMS.get(word)
        if known is None:
            return word
        return self._remembered("term", word, lambda: self.say(known))

    def _translated(self, words: Phrase) -> str:
        if words.plural:
            return self.ngettext(words.text, words.plural, words.count or 0)
        return self.gettext(words.text)

    def longdate(self, value: date) -> str:
        """'Fri 11 Dec 2026', 'Fr., 11. Dez. 2026', 'ven. 11 déc. 2026'."""
        if self.code == ENGLISH:
            return self._remembered(
                "long", value, lambda: format_date(value, "EEE dd MMM y", locale=self._locale)
            )
        return self._remembered(
            "long", value, lambda: format_skeleton("yMMMEd", value, locale=self._locale)
        )

    def date_in(self, value: date, form: DateForm | None) -> str:
        """A date the way a phrase's `forms` asks ('Fri 11 Dec' unless it asks otherwise)."""
        if self.code == ENGLISH:
            return english_date(value, form)
        match form:
            case DateForm.SPOKEN:
                return self.longdate(value)
            case DateForm.DAY:
                return format_date(value, "long", locale=self._locale)
            case DateForm.WEEKDAY:
                return format_date(value, "EEEE", locale=self._locale)
        return self.shortdate(value)

    def shortdate(self, value: date) -> str:
        """'Fri 11 Dec', 'Fr., 11. Dez.', 'ven. 11 déc.'."""
        if self.code == ENGLISH:
            return self._remembered(
                "short", value, lambda: format_date(value, "EEE dd MMM", locale=self._locale)
            )
        return self._remembered(
            "short", value, lambda: format_skeleton("MMMEd", value, locale=self._locale)
        )

    def clock(self, value: time) -> str:
        """'10:00': every shipped language reads a 24-hour clock in business mail."""
        return f"{value:%H:%M}"

    def when(self, value: datetime) -> str:
        """An instant in UTC: '11 Dec 14:05 UTC', '11. Dez., 14:05 UTC'."""
        if self.code == ENGLISH:
            return format_datetime(value, "dd MMM HH:mm 'UTC'", tzinfo=UTC, locale=self._locale)
        day = format_skeleton("MMMd", value, tzinfo=UTC, locale=self._locale)
        clock = format_datetime(value, "HH:mm", tzinfo=UTC, locale=self._locale)
        return f"{self._at(day, clock)} UTC"

    def cadence(self, cadence: Cadence) -> str:
        """'Tuesdays 10:00-10:30 (Europe/Berlin)' (an en dash), 'dienstags, 10:00-10:30 Uhr'."""
        return self.say(weekly(cadence))

    def calltime(self, value: datetime) -> str:
        """A call's start where it happens: 'Tue 23 Dec 10:00 (Europe/Berlin)',
        'Di., 23. Dez., 10:00 (Europe/Berlin)'."""
        zone = getattr(value.tzinfo, "key", None) or value.tzname() or ""
        if not zone:
            return self.daytime(value)
        # Translators: a call's day and time, and the time zone it is in
        return self.say(phrase("{time} ({zone})", time=self.daytime(value), zone=zone))

    def daytime(self, value: datetime) -> str:
        """A day and a time: 'Tue 23 Dec 10:00', 'Di., 23. Dez., 10:00'."""
        if self.code == ENGLISH:
            return f"{self.shortdate(value)} {self.clock(value.time())}"
        return self._at(self.shortdate(value), self.clock(value.time()))

    def _at(self, day: str, clock: str) -> str:
        """A day and a time as the language joins them: 'Di., 23. Dez., 10:00',
        '12月23日(火) 10:00'."""
        return self._day_time.replace("{1}", day).replace("{0}", clock)

    def listed(self, items: Iterable[object], prefix: str = "") -> str:
        """Names or step numbers one after another: 'Jane, Oscar', 'Jane、Oscar' ('#2, #3'
        with the prefix '#')."""
        return self.comma.join(f"{prefix}{item}" for item in items)

    def size(self, size: int) -> str:
        """A file's size: '820 bytes', '14 KB', '2.5 MB'; '820 octets', '14 ko', '2,5 MB',
        '820 バイト' (CLDR's units: bytes in words, larger units abbreviated)."""
        if self.code == ENGLISH:
            if size < 1000:
                return f"{size} bytes"
            if size < 1_000_000:
                return f"{size // 1000} KB"
            return f"{size / 1_000_000:.1f} MB"
        if size < 1000:  # the word: "820 octets", "820 バイト" (CLDR's short "o", "byte")
            return format_unit(size, "digital-byte", length="long", locale=self._locale)
        if size < 1_000_000:
            return format_unit(
                size // 1000, "digital-kilobyte", length="short", locale=self._locale
            )
        megabytes = round(size / 1_000_000, 1)
        return format_unit(
            megabytes, "digital-megabyte", length="short", format="#,##0.0", locale=self._locale
        )

    def amount(self, value: Decimal | None, currency: str) -> str:
        """A deal's amount with its currency as written: '120,000 USD', '120.000 USD',
        '120 000 USD' (cents only when there are some); '' without an amount. The currency
        stays the code the seller gave: it is theirs, and a CRM reads it."""
        if value is None:
            return ""
        if self.code == ENGLISH:  # as the engine's answers write it
            return format_amount(value, currency)
        shown = self._remembered("amount", value, lambda: self._number(value))
        return f"{shown} {currency}".strip()

    def _number(self, value: Decimal) -> str:
        whole = value == value.to_integral_value()
        return format_decimal(value, "#,##0" if whole else "#,##0.00", locale=self._locale)

    def amounts(self, amounts: dict[str, Decimal]) -> str:
        """Amounts in several currencies: '120,000 USD + 30,000 EUR'; '' for none."""
        shown = sorted(amounts.items())  # "?": an amount given with no currency
        return " + ".join(self.amount(value, code if code != "?" else "") for code, value in shown)

    def month(self, value: date) -> str:
        """A month and its year: 'December 2026', 'Dezember 2026', '2026年12月'."""
        return format_skeleton("yMMMM", value, locale=self._locale)

    def weekday(self, index: int) -> str:
        """Monday is 0, as `date.weekday()` counts."""
        return str(self._locale.days["stand-alone"]["wide"][index])


def _english(words: Phrase) -> str:
    if words.plural and words.count != 1:
        return words.plural
    return words.text


@functools.lru_cache(maxsize=len(SHIPPED) + 1)
def wording(code: str) -> Wording:
    """The words of a shipped language (any other code gets English)."""
    if code not in SHIPPED or code == ENGLISH:
        return Wording(ENGLISH, gettext.NullTranslations())
    return Wording(code, load_translations(locale_dir(), code))


def load_translations(directory: Path, code: str) -> Translations:
    """The compiled catalog (built at install time), or the catalog compiled here from its .po
    when there is no .mo or the .po is newer (a source checkout, a catalog just updated)."""
    folder = directory / code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as file:
            return Translations(file, domain=DOMAIN)
    if not po.is_file():
        log.warning("no catalog for %s in %s: English is used", code, directory)
        return Translations()
    return Translations(io.BytesIO(compiled(po, code)), domain=DOMAIN)


def compiled(po: Path, code: str) -> bytes:
    """The .mo bytes of a .po catalog (fuzzy entries left out, as gettext's msgfmt does)."""
    with po.open("rb") as file:
        catalog = read_po(file, locale=code, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def columns(text: str) -> int:
    """The columns `text` takes in a fixed-width font: a Japanese character (East Asian wide or
    full-width) takes two, so a plain-text table counts columns, not characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def padded(text: str, width: int) -> str:
    """`text` filled with spaces to `width` columns (`str.ljust` counts characters, and a
    Japanese table would not line up)."""
    return text + " " * (width - columns(text))


def placeholders(text: str) -> set[str]:
    """The {slots} of a phrase: a translation must keep every one."""
    return set(_PLACEHOLDER.findall(text))
