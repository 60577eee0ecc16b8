"""The `email` policy every message of the engine is read and written with.

It is `email.policy.default`, with one difference: each header class is built once. The stock
`HeaderRegistry` builds a new class (`type(...)`) for every header it parses or sets, about a
third of the time it takes to compose an email.
"""

from __future__ import annotations

import email.policy
from email.headerregistry import BaseHeader, HeaderRegistry


class _ClassPerName(HeaderRegistry):
    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = super().__getitem__(name)
        return built


POLICY = email.policy.default.clone(header_factory=_ClassPerName())
# as sent over SMTP: CRLF line ends; with SMTPUTF8, headers in UTF-8 rather than RFC 2047
SMTP_POLICY = POLICY.clone(linesep="\r\n")
SMTPUTF8_POLICY = SMTP_POLICY.clone(utf8=True)
