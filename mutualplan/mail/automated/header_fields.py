"""Reading header fields for the rules: defensively, and quoted short in a reason."""

from __future__ import annotations

import re
from email.message import Message

from mutualplan.mail.headers import as_text, header_values

_SPACES = re.compile(r"\s+")


def header_names(msg: Message) -> set[str]:
    try:
        return {as_text(k).lower() for k in msg}
    except Exception:  # iterating only reads stored names, but stay on the safe side
        return set()


def quoted(text: str, limit: int = 40) -> str:
    """A header fragment fit for a one-line reason: no control characters, bounded length."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return _SPACES.sub(" ", printable).strip()[:limit]


def first_value(msg: Message, name: str) -> str:
    values = header_values(msg, name)
    return values[0].strip() if values else ""
