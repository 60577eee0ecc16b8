"""Compose engine emails: models in, an RFC 5322 message out. Pure: no sockets here.

Nothing a user typed can become a header: names and subjects lose their line breaks and control
characters before they reach a header, and HTML bodies are rendered with autoescaping.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import AwareDatetime, BaseModel, Field

from mutualplan.calendar.invites import attach_invite
from mutualplan.header_text import one_line
from mutualplan.languages import ENGLISH, Wording, columns, padded, wording
from mutualplan.mail.policy import POLICY, Prefolded
from mutualplan.models import CLAUSES, Plan, one_full_stop

# what may never be in a header value as it is set (`one_line` has taken it out of text)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


class OutgoingEmail(BaseModel):
    sender: str
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    message_id: str
    reply_to: str | None = None
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    sent_at: AwareDatetime
    calendar: bytes | None = Field(default=None, description="an iTIP invite to attach")


def compose(email: OutgoingEmail) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    _put(msg, "From", email.sender)
    _put(msg, "To", ", ".join(email.to))
    _put_text(msg, "Subject", one_line(email.subject))
    _put(msg, "Date", format_datetime(email.sent_at))
    _put(msg, "Message-ID", f"<{email.message_id}>")
    if email.reply_to:
        _put(msg, "Reply-To", email.reply_to)
    if email.in_reply_to:
        put_message_ids(msg, "In-Reply-To", [email.in_reply_to])
    if email.references:
        put_message_ids(msg, "References", email.references)
    # RFC 3834: mark our mail as automatic so well-behaved autoresponders stay quiet, and ask
    # Exchange not to send out-of-office or read receipts back.
    _put(msg, "Auto-Submitted", "auto-generated")
    _put(msg, "X-Auto-Response-Suppress", "All")
    msg.set_content(email.text)
    if email.html is not None:
        msg.add_alternative(email.html, subtype="html")
    if email.calendar is not None:
        attach_invite(msg, email.calendar)
    _set_boundaries(msg)
    return msg


def _set_boundaries(msg: EmailMessage) -> None:
    """Give each multipart its boundary now, as a raw header. Left to `email`, one is made while
    the message is written out: a regular expression compiled to check it against the text and
    the header parsed again, a third of the time it takes to write an email. The same boundaries
    serve every message, so their headers are parsed once (policy.py): a boundary need only be
    unique within its message. It starts with "=_", which quoted-printable and base64 never
    write; a part written as is (7bit, 8bit) that holds it gets the message a random one."""
    leaves = [p.get_payload() for p in msg.walk() if not p.is_multipart()]
    shared = not any(_BOUNDARY in text for text in leaves if isinstance(text, str))
    base = _BOUNDARY if shared else _boundary(leaves)
    for depth, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        content_type = f'{part.get_content_type()}; boundary="{base}.{depth}"'
        del part["Content-Type"]
        part.set_raw("Content-Type", content_type)


def _boundary(texts: list[Any]) -> str:
    while True:
        boundary = f"=_{secrets.token_hex(12)}"
        if not any(boundary in text for text in texts if isinstance(text, str)):
            return boundary


_BOUNDARY = _boundary([])


def _put(msg: EmailMessage, name: str, value: str) -> None:
    """Set a header. An ASCII value is kept as written (`set_raw`): `email` would parse it now
    and again when the message is written out, half the time it takes to compose an email.
    A line break or control character is refused either way.

    One that holds RFC 2047 encoded words (a name beyond ASCII, or one that `mailbox` encoded
    because what it says reads as one) is folded here, so that `email` never folds it: to fold
    a long line it decodes the encoded words and writes them again, and text that reads as an
    encoded word ("=?utf-8?q?=0D=0A?=") would then go out as it reads, to be decoded by the
    recipient's mail program into a line break; Pythons before 3.11.10 and 3.12.5 even wrote
    such a decoded line break as it is, a header of its own (CVE-2024-6923)."""
    if _CONTROL.search(value):
        raise ValueError(f"{name}: a header value may not hold a line break or control character")
    if not value.isascii():  # parsed, so that it is written out RFC 2047-encoded
        msg[name] = value
    elif "=?" in value:
        msg.set_raw(name, _folded_at_spaces(name, value))
    else:
        msg.set_raw(name, value)


def _folded_at_spaces(name: str, value: str) -> Prefolded:
    """`value` folded at its spaces, each line within 78 characters where its words allow."""
    lines: list[list[str]] = [[]]
    width = len(name) + 1
    for word in value.split():
        if lines[-1] and width + 1 + len(word) > 78:
            lines.append([])
            width = 0
        lines[-1].append(word)
        width += 1 + len(word)
    return Prefolded("\n ".join(" ".join(words) for words in lines))


def _put_text(msg: EmailMessage, name: str, value: str) -> None:
    """A free-text header. Non-ASCII text (a subject in German) is written as RFC 2047 encoded
    words folded between words of our own: `email` folds a header that mixes plain and encoded
    words with a space left at the end of a line, which readers show as two spaces. So is text
    that holds what reads as an encoded word ("=?utf-8?q?=0D=0A?="), so that it is shown as
    written, never decoded into something else."""
    if value.isascii() and "=?" not in value:
        _put(msg, name, value)
        return
    if _CONTROL.search(value):
        raise ValueError(f"{name}: a header value may not hold a line break or control character")
    msg.set_raw(name, Prefolded(_encoded_words(name, value)))


@functools.lru_cache(maxsize=1024)
def _encoded_words(name: str, value: str) -> str:
    """`value` as folded RFC 2047 encoded words. Kept: the emails a plan sends together mostly
    share their subject (a start's invitations), and `email.header` takes time quadratic in a
    subject's length to fold it, more than the rest of the email takes to write."""
    return Header(value, "utf-8", header_name=name).encode(linesep="\n")


def put_message_ids(msg: EmailMessage, name: str, ids: list[str]) -> None:
    """In-Reply-To or References: each ID (without <>) kept whole, one a line, as mail clients
    write them; `email` would write a long one as encoded words, and threading would break."""
    value = " ".join(f"<{i}>" for i in ids)
    if not value.isascii() or _CONTROL.search(value):
        _put(msg, name, value)  # refused, or parsed and encoded as any other header
        return
    msg.set_raw(name, Prefolded("\n ".join(value.split())))


def _table_rows(plan: Plan) -> list[tuple[object, ...]]:
    """What a milestone table shows of each step: it is the same table if these are."""
    rows: list[tuple[object, ...]] = []
    for m in plan.milestones:
        owner = plan.owner(m)
        rows.append((m.due, m.state, m.title, owner.display, owner.role))
    return rows


def plain_address(value: str) -> str:
    return Address(addr_spec=value).addr_spec


# how many milestone tables a Renderer keeps (see `Renderer._milestone_table`)
TABLES_KEPT = 256


class Renderer:
    """Jinja templates for engine email bodies, one environment per language (gettext from the
    language's catalog, its dates): autoescaped HTML, plain text as written."""

    def __init__(self) -> None:
        self._envs: dict[str, jinja2.Environment] = {}
        self._tables: dict[tuple[object, ...], str] = {}

    def text(self, name: str, /, *, language: str = ENGLISH, **context: Any) -> str:
        return self._render(f"{name}.txt.j2", language, context)

    def html(self, name: str, /, *, language: str = ENGLISH, **context: Any) -> str:
        return self._render(f"{name}.html.j2", language, context)

    def _render(self, template: str, language: str, context: dict[str, Any]) -> str:
        env = self._envs.get(language) or self._environment(language)
        return env.get_template(template).render(language=language, **context)

    def _environment(self, language: str) -> jinja2.Environment:
        words = wording(language)
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("mutualplan", "templates/mail"),
            autoescape=jinja2.select_autoescape(["html.j2"]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            auto_reload=False,  # package files: never re-checked on disk per render
            trim_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        speak(env, words)
        env.globals["milestone_table"] = self._milestone_table(env, words)
        self._envs[language] = env
        return env

    def _milestone_table(self, env: jinja2.Environment, words: Wording) -> Callable[..., str]:
        """The plan's steps as a table (`_milestone_table.*.j2`), rendered once for all the
        emails that show the same steps in one language: most emails carry it, the emails a plan
        sends together (a start's invitations) show the same one, and it is the dearest part
        of an email to render."""

        @jinja2.pass_context
        def milestone_table(context: jinja2.runtime.Context, plan: Plan) -> str:
            html = bool(context.eval_ctx.autoescape)
            key = (words.code, html, *_table_rows(plan))
            table = self._tables.get(key)
            if table is None:
                if len(self._tables) >= TABLES_KEPT:
                    self._tables.clear()
                name = "_milestone_table.html.j2" if html else "_milestone_table.txt.j2"
                dates = [columns(words.shortdate(m.due)) for m in plan.milestones]
                states = [columns(words.term(m.state)) for m in plan.milestones]
                table = env.get_template(name).render(
                    plan=plan, width=max(dates, default=0), state_width=max([8, *states])
                )
                self._tables[key] = table
            return Markup(table) if html else table

        return milestone_table


def speak(env: jinja2.Environment, words: Wording) -> None:
    """Give a Jinja environment one language: `{% trans %}` from its catalog, and the filters
    that show dates (`longdate`, `shortdate`, `when`) and phrases (`say`) its way."""
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = _gettext_in(words)
    env.globals["ngettext"] = _ngettext_in(words)
    env.filters["longdate"] = words.longdate
    env.filters["shortdate"] = words.shortdate
    env.filters["when"] = words.when
    env.filters["calltime"] = words.calltime
    env.filters["say"] = words.say
    env.filters["term"] = words.term
    env.filters["listed"] = words.listed
    env.globals["comma"] = words.comma
    env.globals["clauses"] = words.say(CLAUSES)  # "; ", a full-width solidus in Japanese
    env.filters["columns"] = columns
    env.filters["padded"] = padded


# Jinja's own newstyle gettext and ngettext (jinja2.ext), but a sentence that ends on a slot whose
# value already ends it ("Dez.") gets no second full stop (`one_full_stop`)
def _gettext_in(words: Wording) -> Callable[..., str]:
    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, /, **slots: Any) -> str:
        return _filled(context, words.gettext(message), slots)

    return gettext


def _ngettext_in(words: Wording) -> Callable[..., str]:
    @jinja2.pass_context
    def ngettext(
        context: jinja2.runtime.Context, singular: str, plural: str, num: int, /, **slots: Any
    ) -> str:
        slots.setdefault("num", num)
        return _filled(context, words.ngettext(singular, plural, num), slots)

    return ngettext


def _filled(context: jinja2.runtime.Context, message: str, slots: dict[str, Any]) -> str:
    text = one_full_stop(message, slots)
    if context.eval_ctx.autoescape:  # Markup: the slots escaped, the message's own tags kept
        return Markup(text) % slots
    return text % slots
