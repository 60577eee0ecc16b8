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
"""

from __future__ import annotations

from email.headerregistry import BaseHeader, HeaderRegistry
from email.policy import EmailPolicy
from functools import lru_cache
from typing import Any


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


POLICY = _FoldOnce(header_factory=_ClassPerName())
# as sent over SMTP: CRLF line ends; with SMTPUTF8, headers in UTF-8 rather than RFC 2047
SMTP_POLICY = POLICY.clone(linesep="\r\n")
SMTPUTF8_POLICY = SMTP_POLICY.clone(utf8=True)
