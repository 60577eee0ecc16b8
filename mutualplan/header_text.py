"""Text people wrote, made fit for one line of a header: an email's Subject or a name in its
From, an iCalendar SUMMARY, CN or UID; and made fit to show where its lines are kept (a note,
a comment): `as_written`; and whether an address can pass for another (`look_alike`). Pure.

Line breaks (CR, LF, tabs, the Unicode line and paragraph separators) become spaces, so nothing
written can start a header of its own; other control characters and the bidirectional
overrides and isolates go, so a name cannot show its letters in another order than they are.
"""

from __future__ import annotations

import re
import unicodedata
from email.header import Header
from email.headerregistry import Address
from email.utils import formataddr

# an encoded word's length (RFC 2047: at most 75), so that it fits on a line after "Reply-To: "
_ENCODED_WORD_CHARS = 66
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029]")
# an address we may act on, answer, or give to a person: no space, control or SMTP-special
# character
_ATOMS = r"[^\s\x00-\x1f\x7f<>()\[\],;:\\\"@]+"
PLAIN_ADDRESS = re.compile(f"{_ATOMS}@{_ATOMS}")


def one_line(text: str) -> str:
    """`text` on one line, with single spaces and no control or bidi-override characters."""
    return " ".join(_CONTROL.sub("", _BREAKS.sub(" ", text)).split())


def mailbox(name: str, address: str) -> str:
    """'Name <address>' for a To, Cc or From: the name RFC 2047-encoded where it must be
    (`formataddr`), or, for an address with letters beyond ASCII ("jörg@müller.example", which
    goes out over SMTPUTF8, where headers are UTF-8), as written, quoted where it needs to be
    (`formataddr` refuses such an address). A name that holds what reads as an RFC 2047 encoded
    word ("=?utf-8?q?=0D=0A?= Kim") is encoded whole: as it is, mail programs, and `email` when
    it folds the header, would decode it into other characters (a line break)."""
    name, address = one_line(name), one_line(address)
    if not name:
        return address
    if "=?" in name:  # written as an encoded word, so that it is shown as written, not decoded
        name = Header(name, "utf-8").encode(linesep=" ", maxlinelen=_ENCODED_WORD_CHARS)
    if address.isascii():
        return formataddr((name, address))
    local, _, domain = address.rpartition("@")
    return str(Address(display_name=name, username=local, domain=domain))


def as_written(text: str) -> str:
    """`text` with its lines (ended by "\\n") and tabs, without the other control characters
    and the bidi overrides: a note or a comment reaches emails, the plan page, the digest in a
    terminal and webhooks, where an escape sequence (ESC) or a lone CR could rewrite what is
    shown around it, and an override could show its letters, and the quotes that close it, in
    another order."""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", text))


# the scripts whose letters pass for Latin ones (Cyrillic "a", Greek "o"): mixed with Latin in
# one part of an address, they make a look-alike, as browsers' IDN rules say
_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def look_alike(address: str) -> bool:
    """Whether `address` can pass for another address: it holds a character nobody sees
    (zero-width, soft hyphen, a bidi mark: Unicode's format and control characters), or its
    local part or a label of its domain mixes Latin letters with Cyrillic or Greek ones
    ("jane@globex.example" with a Cyrillic "a"). A real address in one script, or in letters
    with accents ("jörg@müller.example"), is none."""
    if any(unicodedata.category(c) in ("Cf", "Cc") for c in address):
        return True
    local, _, domain = address.rpartition("@")
    return any(len(_scripts(part)) > 1 for part in [local, *domain.split(".")])


def _scripts(part: str) -> set[str]:
    names = (unicodedata.name(c, "") for c in part if c.isalpha())
    return {name.split(" ", 1)[0] for name in names} & set(_LOOK_ALIKE_SCRIPTS)
