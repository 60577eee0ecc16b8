"""The `email` policy every message of the engine is read and written with.

It is `email.policy.default`, with these differences, the first three about time:
- each header class is built once: the stock `HeaderRegistry` builds a new class (`type(...)`)
  for every header it parses or sets, about a third of the time it takes to compose an email;
- a header value parsed once is not parsed again: `email` parses a header on every look at it
  (a message's Content-Type about 25 times while it is being read), and the same values come
  back in every message (Content-Type, MIME-Version, our own From). Parsed headers are immutable
  `str`s, so one can stand for every message that holds the same name and value;
- such a header is folded once per way of writing it (line length, line ends, UTF-8), not
  again for every message it is written in;
- a `Prefolded` value (the message IDs of In-Reply-To and References, as `compose` sets them) is
  written as it was folded. Mail read is written out as with the default policy.

Inbound mail is read with `reading_policy()`, which bounds what reading a message costs (`email`'s
header parser takes up to 20 µs a character on hostile values, and its MIME parser checks every
line against every open multipart): see `_ReadMessage` and `_HeaderBudget`.
"""

from __future__ import annotations

from email import _header_value_parser as tokens
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.policy import EmailPolicy
from functools import lru_cache
from typing import Any

# What reading one inbound message may cost (each far above what mail people send needs: across
# 685 messages of the corpora, the most header text parsed for one was 3.9 KB, the longest value
# 350 characters, the most multiparts 3, the most fields of one part under 100).
MAX_FIELDS = 500  # header fields kept per part
MAX_FIELD_CHARS = 65_536  # characters kept of one field's value
MAX_STRUCTURED_CHARS = 1_000  # of an address, date, message ID or MIME field given to the parser
MAX_UNSTRUCTURED_CHARS = 4_000  # of any other field (Subject, Authentication-Results, ...)
MAX_PARSED_CHARS = 12_000  # header characters parsed per message; past that, values stay raw
MAX_MULTIPARTS = 4  # multiparts split into their parts; any further one is read as one leaf
_STRUCTURED = frozenset(
    {
        *("from", "sender", "reply-to", "to", "cc", "bcc", "date", "orig-date", "message-id"),
        *("resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc", "resent-date"),
        *("resent-message-id", "mime-version", "content-type", "content-disposition"),
        "content-transfer-encoding",
    }
)


class _ClassPerName(HeaderRegistry):
    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, type[BaseHeader]] = {}
        self._parse = lru_cache(maxsize=512)(self._parse_uncached)

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = super().__getitem__(name)
        return built

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if type(value) is str and len(value) <= 1000:  # not an Address, a Group, ...
            return self._parse(name, value)
        return self[name](name, value)

    def _parse_uncached(self, name: str, value: str) -> BaseHeader:
        return self[name](name, value)


class Prefolded(str):
    """A value folded where it was set ("\n " between its parts), to be written as it is:
    message IDs. `email` reads In-Reply-To and References as free text, and writes a line that
    runs long as RFC 2047 encoded words, which mail clients no longer thread on."""


class _FoldOnce(EmailPolicy):
    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> str:
        if type(value) is Prefolded:
            return f"{name}: {self.linesep.join(value.split(chr(10)))}{self.linesep}"
        if not isinstance(value, BaseHeader):  # a raw value, or one to refold: as email does
            folded: str = super()._fold(name, value, refold_binary)  # type: ignore[misc]
            return folded
        folds: dict[tuple[Any, ...], str] = value.__dict__.setdefault("_folds", {})
        key = (self.max_line_length, self.linesep, self.utf8)
        if key not in folds:
            folds[key] = value.fold(policy=self)
        return folds[key]


class _Unparsed:
    """A header kept as it came (unfolded), for one past the message's parsing budget."""

    max_count = None

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        kwds["parse_tree"] = tokens.UnstructuredTokenList([tokens.ValueTerminal(value, "vtext")])
        kwds["decoded"] = value


_UNPARSED: type[BaseHeader] = type("_Unparsed", (_Unparsed, BaseHeader), {})


class _HeaderBudget:
    """The header factory of one message being read: each value is cut to a length its kind
    can take, and parsed while the message's budget of characters lasts (every parse counts,
    cached or not, so what a message reads as does not depend on what was read before it)."""

    def __init__(self, registry: _ClassPerName) -> None:
        self._registry = registry
        self._left = MAX_PARSED_CHARS

    def __getitem__(self, name: str) -> type[BaseHeader]:
        return self._registry[name]

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if type(value) is not str:
            return self._registry(name, value)
        structured = name.lower() in _STRUCTURED
        value = value[: MAX_STRUCTURED_CHARS if structured else MAX_UNSTRUCTURED_CHARS]
        if len(value) > self._left:
            self._left = 0
            return _UNPARSED(name, value)
        self._left -= len(value)
        try:
            return self._registry(name, value)
        except RecursionError:  # the parser recurses once per nested comment "((((": kept raw
            return _UNPARSED(name, value)
        except (LookupError, UnicodeError, ValueError):
            # an RFC 2231 parameter or encoded word in a charset whose decoder refuses the
            # parser's error handler (`idna`, `undefined`, a name with a NUL): kept raw
            return _UNPARSED(name, value)


class _ReadMessage(EmailMessage):
    """A message, or one of its parts, as read from inbound mail: it keeps at most MAX_FIELDS
    fields of MAX_FIELD_CHARS each (and says so in `fields_cut`: what was cut can be a trusted
    server's verdict, written below the sender's own fields); and while it is being parsed, it
    tells the parser that it is an opaque leaf if it is an attached message (nothing reads
    inside those) or a multipart past the message's first MAX_MULTIPARTS, so that the parser's
    per-line cost stays small."""

    policy: _ReadingPolicy
    fields_cut = False  # some of its fields were past MAX_FIELDS and are not kept

    def set_raw(self, name: str, value: Any) -> None:
        if len(self._headers) < MAX_FIELDS:  # type: ignore[attr-defined]
            super().set_raw(name, value[:MAX_FIELD_CHARS] if isinstance(value, str) else value)
        else:
            self.fields_cut = True

    def get_content_type(self) -> str:
        ctype: str = super().get_content_type()
        structure = self.policy.structure
        if structure is not None and structure.parsing and not structure.may_split(self, ctype):
            return "application/octet-stream"
        return ctype


class _Structure:
    """Which parts of one message being parsed are split into their parts."""

    def __init__(self) -> None:
        self.parsing = True
        self._split: set[int] = set()

    def may_split(self, part: Message, ctype: str) -> bool:
        if ctype.startswith("message/"):
            return False
        if not ctype.startswith("multipart/") or id(part) in self._split:
            return True
        if len(self._split) >= MAX_MULTIPARTS:
            return False
        self._split.add(id(part))
        return True


class _ReadingPolicy(_FoldOnce):
    structure: _Structure | None = None


_SHARED_HEADERS = _ClassPerName()
POLICY = _FoldOnce(header_factory=_SHARED_HEADERS)
# as sent over SMTP: CRLF line ends; with SMTPUTF8, headers in UTF-8 rather than RFC 2047
SMTP_POLICY = POLICY.clone(linesep="\r\n")
SMTPUTF8_POLICY = SMTP_POLICY.clone(utf8=True)
_READING = _ReadingPolicy(header_factory=_SHARED_HEADERS, message_factory=_ReadMessage)


def reading_policy() -> _ReadingPolicy:
    """The policy to read one inbound message with (its budget is the message's own); call
    `parsed(policy)` once the parser is done with it."""
    budget = _HeaderBudget(_SHARED_HEADERS)
    policy: _ReadingPolicy = _READING.clone(header_factory=budget, structure=_Structure())  # type: ignore[call-arg]
    return policy


def parsed(policy: _ReadingPolicy) -> None:
    """The message read with `policy` is parsed: its parts now tell their own content types."""
    if policy.structure is not None:
        policy.structure.parsing = False
