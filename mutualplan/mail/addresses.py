"""Addresses: who a message is from, read strictly, and which addresses are the engine's own.

    read_from(message) -> Sender           the one mailbox of the From field, or why there is none
    plus_tag(address, mailbox, domain)     `tag` of mailbox+tag@domain, else None
    is_own(address, mailbox, domain)       mailbox@domain, with or without a +tag

The sender is the address a DMARC verifier checks: the addr-spec of the From field's one mailbox,
as the `email` policy parses it, never its display name (`"jane@globex.example"
<mallory@evil.example>` is Mallory). A From the engine cannot read as exactly one plain mailbox
(two mailboxes, a group, an encoded word where the address should be, a parse defect, a quoted
or bracketed address) gives no sender and says why: a verifier and the engine could read it as
two different people, so nobody acts on it. Pure; never raises.
"""

from __future__ import annotations

import re
from email.errors import InvalidHeaderDefect, NonASCIILocalPartDefect, ObsoleteHeaderDefect
from email.message import Message

from pydantic import BaseModel

from mutualplan.header_text import PLAIN_ADDRESS
from mutualplan.mail.policy import POLICY

# a From longer than this is not a person's address (RFC 5322's line limit is 998); the stdlib
# address parser is superlinear, so a longer one is not parsed at all
MAX_FROM_CHARS = 2_000
# an address as people write one in their words ("assign to kim@globex.example please"): no
# bracket, quote or separator in it, and a dot in its domain; nor a kana, kanji or full-width
# character, which Japanese writes right against it ("トムさん\uff08tom@globex.example\uff09に")
_NOT_WRITTEN = "@\\s<>()\\[\\],;:\"'\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
WRITTEN_ADDRESS = re.compile(f"[^{_NOT_WRITTEN}]+@[^{_NOT_WRITTEN}]+\\.[A-Za-z]{{2,}}")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SURROGATE = re.compile("[\udc80-\udcff]")
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=")
# Defects that leave the address as written: an obsolete but unambiguous form (a period in an
# unquoted name, "Jane Q. Doe"; a source route) and a UTF-8 local part (RFC 6532).
_HARMLESS = (ObsoleteHeaderDefect, NonASCIILocalPartDefect)


class Sender(BaseModel):
    """The From field's one mailbox; `address` is "" when there is none, and `problem` says why."""

    address: str = ""
    name: str = ""
    problem: str = ""


def read_from(message: Message) -> Sender:
    values = [value for name, value in message.raw_items() if name.lower() == "from"]
    if not values:
        return Sender(problem="no From field")
    if len(values) > 1:  # RFC 5322: one From; a second one is a forgery
        return Sender(problem="more than one From field")
    return read_from_value(_unfolded(values[0]))


def read_from_value(value: str) -> Sender:
    """`read_from` of one unfolded From value."""
    if len(value) > MAX_FROM_CHARS:
        return Sender(problem=f"the From field is longer than {MAX_FROM_CHARS} characters")
    try:
        header = POLICY.header_factory("from", value)
        mailboxes, groups, defects = header.addresses, header.groups, header.defects
    except Exception:  # the stdlib parser recurses on nested comments, and may raise on others
        return Sender(problem="the From field cannot be read")
    if any(group.display_name is not None for group in groups):
        return Sender(problem="the From field is a group, not one mailbox")
    if len(mailboxes) != 1:
        found = f"{len(mailboxes)} mailboxes" if mailboxes else "no mailbox"
        return Sender(problem=f"the From field holds {found}, not one")
    if _encoded_address(value):
        return Sender(problem="an encoded word stands where the From address should be")
    serious = [d for d in defects if not isinstance(d, _HARMLESS)]
    if serious:
        return Sender(problem=f"the From field is malformed ({_defect(serious[0])})")
    mailbox = mailboxes[0]
    address = mailbox.addr_spec.strip().lower()
    if not PLAIN_ADDRESS.fullmatch(address):
        return Sender(problem="the From address is not a plain address")
    return Sender(address=address, name=" ".join(mailbox.display_name.split()))


def plus_tag(address: str, mailbox: str, domain: str) -> str | None:
    """`tag` of mailbox+tag@domain (also from a mailto: URI), else None."""
    local, _, at = address.strip().lower().removeprefix("mailto:").partition("@")
    base, _, tag = local.partition("+")
    if at == domain.lower() and base == mailbox.lower():
        return tag or None
    return None


def is_own(address: str, mailbox: str, domain: str) -> bool:
    """mailbox@domain, or mailbox+anything@domain: an address of the engine itself, however
    written ("plans"@domain, domain. with the root's dot)."""
    local, _, at = address.strip().lower().removeprefix("mailto:").rpartition("@")
    local = local.strip('"')
    return (
        at.rstrip(".") == domain.lower().rstrip(".") and local.split("+", 1)[0] == mailbox.lower()
    )


def a_person_to_mail(address: str, own: set[str]) -> bool:
    """A start email's person: a plain address, and none of `own` (the plans addresses and the
    seller's, as mailbox@domain), nor a plus-address of one: the engine's own would leave a
    step to a mailbox nobody reads."""
    if not PLAIN_ADDRESS.fullmatch(address):
        return False
    return not any(is_own(address, *mine.partition("@")[::2]) for mine in own)


def _unfolded(value: object) -> str:
    text = _FOLD.sub("", str(value))
    if _SURROGATE.search(text):  # the bytes parser keeps 8-bit bytes as surrogates
        text = text.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    return text


def _encoded_address(value: str) -> bool:
    """An encoded word that decodes to something with an "@", where no "@" is written plainly:
    a verifier finds no domain there, and a decoder finds one."""
    words = _ENCODED_WORD.findall(value)
    return (
        bool(words)
        and "@" not in _ENCODED_WORD.sub("", value)
        and any("@" in str(POLICY.header_factory("subject", word)) for word in words)
    )


def _defect(defect: Exception) -> str:
    if isinstance(defect, InvalidHeaderDefect):
        return str(defect).split("\n", 1)[0][:80] or "invalid"
    return type(defect).__name__
