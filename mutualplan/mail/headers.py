"""Reading a header of a message people sent, never raising. Pure.

Under the `email` policy reading a header builds a structured header object, which raises on
some malformed values: then the raw values are read instead (RFC 2047 words decoded as far as
they can be). Raw 8-bit bytes, which the bytes parser keeps as lone surrogates, become U+FFFD,
so that casefolding, regexes, logs and payloads never trip over them.
"""

from __future__ import annotations

import re
from email.header import decode_header, make_header
from email.message import Message

from mutualplan.mail.policy import MAX_UNSTRUCTURED_CHARS

_FOLDING = re.compile(r"\r?\n[ \t]*")


def header_values(msg: Message, name: str) -> list[str]:
    """Every value of the header `name`, as text; none if not even the raw ones are readable."""
    try:
        return [as_text(v) for v in msg.get_all(name) or []]
    except Exception:  # the structured parse failed; the raw value is still usable
        pass
    try:
        wanted = name.lower()
        raw = [v[:MAX_UNSTRUCTURED_CHARS] for k, v in msg.raw_items() if k.lower() == wanted]
        return [as_text(_decode_raw(v)) for v in raw]
    except Exception:  # not even the raw list is readable: treat the header as absent
        return []


def header(msg: Message, name: str) -> str:
    """The first value of the header `name` on one line, single-spaced; "" if it has none."""
    values = header_values(msg, name)
    return " ".join(values[0].split()) if values else ""


def as_text(value: object) -> str:
    """A header value (or name) as text, whatever it is; undecodable bytes become U+FFFD."""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _decode_raw(raw: str) -> str:
    """Best-effort RFC 2047 decoding of an unparsed header value."""
    unfolded = _FOLDING.sub(" ", raw)
    try:
        return str(make_header(decode_header(unfolded)))
    except Exception:  # any malformed encoded-word: keep the raw text
        return unfolded
