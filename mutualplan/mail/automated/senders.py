"""Sender addresses only machines use (mailer-daemon, postmaster, no-reply, bounces), and the
null Return-Path of notifications."""

from __future__ import annotations

import re
from email.message import Message
from email.utils import getaddresses

from mutualplan.mail.automated.header_fields import quoted
from mutualplan.mail.headers import header_values

# Local parts that only machines use, optionally with a tag ("no-reply+x", "noreply-dmarc",
# "jira-noreply").  "bounce" is accepted only as a whole word at the start (bounce@,
# bounces+verp=...@, bounce-123@) or as Mailman's "-bounces" suffix: a person whose address merely
# contains the letters (e.g. "bob.bouncer") is not matched.
_TAG = r"(?:[-+=_.].*)?"
# No "." after a leading "bounce": "bounce.smith" reads like a person's first.last address.
_BOUNCE_TAG = r"(?:[-+=_].*)?"
_MACHINE_LOCAL_PART = re.compile(
    rf"""^(?:
        mail(?:er)?[-_.]?daemon{_TAG}
        | post[-_.]?master{_TAG}
        | (?:.+[-_.])? (?:no[-_.]?reply | do[-_.]?not[-_.]?reply | dont[-_.]?reply) {_TAG}
        | (?:no[-_.]?replies | no[-_.]?response | auto[-_.]?reply | auto[-_.]?responder) {_TAG}
        | (?:ne[-_.]pas[-_.]repondre | keine[-_.]antwort | nao[-_.]responda
           | no[-_.]responder) {_TAG}
        | bounces?{_BOUNCE_TAG}
        | .+-bounces{_TAG}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Display names MTAs give their notices, for senders written as "MAILER-DAEMON <>".
_MACHINE_DISPLAY_NAME = re.compile(
    r"^(?:mail(?:er)?[- _]?daemon|post[- _]?master|mail delivery (?:sub)?system)$", re.IGNORECASE
)
# An address starts after a delimiter: tried at every character of a long run without "@", it
# scanned the run to its end each time (quadratic).
_ADDRESS_FALLBACK = re.compile(r"<([^<>]*)>|(?<![^\s<>,;\"])([^\s<>,;\"]+@[^\s<>,;\"]+)")


def _mailboxes(value: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, tolerant of any junk."""
    try:
        found = [(name, addr) for name, addr in getaddresses([value]) if name or addr]
    except Exception:  # getaddresses has raised on pathological input in some versions
        found = []
    if not found:
        found = [("", a or b) for a, b in _ADDRESS_FALLBACK.findall(value)]
    return found


def _local_part(address: str) -> str:
    return address.strip().strip("<>").rsplit("@", 1)[0].strip().strip('"')


def _machine_mailbox(name: str, address: str) -> str | None:
    local = _local_part(address)
    if local and _MACHINE_LOCAL_PART.match(local):
        return local
    # Only trust the display name when there is no real address to contradict it (the null
    # sender "<>", or a bare word such as "From: MAILER-DAEMON").
    if not local and _MACHINE_DISPLAY_NAME.match(name.strip().strip('"')):
        return name.strip().strip('"')
    return None


def machine_sender(msg: Message) -> str | None:
    for header in ("From", "Sender", "Return-Path"):
        for value in header_values(msg, header):
            for name, address in _mailboxes(value):
                machine = _machine_mailbox(name, address)
                if machine:
                    return f"{header} is {quoted(machine)}"
    return None


_NULL_PATH = re.compile(r"\s*<\s*>\s*(?:\([^()]*\)\s*)?")  # "<> (null)" too


def null_return_path(msg: Message) -> str | None:
    # RFC 5321 s4.5.5 / RFC 3834 s3.3: notifications are sent with the null reverse-path so that
    # nothing answers them; the delivering MTA records it as "Return-Path: <>".
    for value in header_values(msg, "Return-Path"):
        if _NULL_PATH.fullmatch(value):
            return "null Return-Path (<>)"
    return None
