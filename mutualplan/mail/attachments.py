"""The files attached to an inbound message: listed when it is read, taken from it again when
someone on the plan downloads one. Pure: a parsed message or bytes in, models out.

A file is a leaf part the sender attached: one with `Content-Disposition: attachment`, or a name
and no `Content-ID` (an image with one is a signature's logo, shown in the text). A forwarded
message counts as one file, not as the files inside it. Signatures (S/MIME, PGP) and calendar
answers are not files. Parts are numbered as `Message.walk()` meets them, so the number read
here finds the same part in the message kept in the plans mailbox.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import PurePosixPath

from pydantic import BaseModel

from mutualplan.mail.policy import POLICY
from mutualplan.models import Attachment, MessageFile, Phrase, phrase

MAX_FILES = 20  # files listed from one message
# larger files are listed, not served (a message itself is at most max_message_bytes)
MAX_SERVED_BYTES = 8_000_000
NAME = 200
NOT_FILES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
    "application/pgp-keys",
    "text/calendar",
}
# what runs when opened: listed on the plan, never served (mail gateways block them alike)
_PROGRAMS = """
    .exe .com .bat .cmd .scr .pif .cpl .msi .msp .msc .dll .sys .jar .js .jse .vbs .vbe .wsf .wsh
    .ps1 .psm1 .hta .lnk .reg .inf .sh .bash .zsh .csh .command .app .apk .dmg .pkg .deb .rpm .run
    .bin .elf .iso .img .vhd .vhdx .appx .msix .xll .scf .url .desktop .py .pyc .pl .rb .php
"""
EXECUTABLE_SUFFIXES = frozenset(_PROGRAMS.split())
EXECUTABLE_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/x-msdos-program",
        "application/x-executable",
        "application/x-sh",
        "application/x-dosexec",
        "application/java-archive",
        "application/vnd.microsoft.portable-executable",
        "application/x-ms-installer",
        "application/x-apple-diskimage",
        "application/vnd.android.package-archive",
        "text/javascript",
        "application/javascript",
        "application/hta",
    }
)
# control characters (C0, DEL and C1, whose U+009B is a terminal's CSI), line and bidi marks, and
# what a file name may not hold on some system
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\"\\/:*?<>|]+")
# a MIME type as RFC 6838 names one; anything else is kept as application/octet-stream
_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")


class FileContent(BaseModel):
    name: str
    content_type: str
    data: bytes


def list_files(msg: Message) -> list[MessageFile]:
    """The files attached to `msg`, at most MAX_FILES; never raises."""
    found: list[MessageFile] = []
    try:
        for index, part in _parts(msg):
            if len(found) >= MAX_FILES:
                break
            if _is_file(part):
                found.append(_file(index, part))
    except Exception:  # a broken part says nothing more; what was found so far stands
        return found
    return found


def file_content(raw: bytes, part: int) -> FileContent | None:
    """The file that is part number `part` of the message, or None if there is none."""
    try:
        msg = message_from_bytes(raw, policy=POLICY)
        for index, found in _parts(msg):
            if index == part and _is_file(found):
                return FileContent(
                    name=_file(index, found).name,
                    content_type=found.get_content_type(),
                    data=_decoded(found),
                )
    except Exception:  # a message that cannot be read again has no files to give
        return None
    return None


def why_not_served(file: Attachment) -> Phrase | None:
    """Why a listed file is not served (None if it is): it runs when opened, or it is too big."""
    suffixes = {s.lower() for s in PurePosixPath(file.name.lower()).suffixes[-2:]}
    if suffixes & EXECUTABLE_SUFFIXES or file.content_type.lower() in EXECUTABLE_TYPES:
        return phrase("a program: it is listed, not served; ask the sender for it")
    if file.size > MAX_SERVED_BYTES:
        limit = MAX_SERVED_BYTES // 1_000_000
        return phrase("over {megabytes} MB: it is listed, not served", megabytes=limit)
    return None


def _parts(msg: Message) -> Iterator[tuple[int, Message]]:
    """Every part in `walk()` order with its number; a forwarded message is one part (its
    own parts are numbered, as walk() meets them, but never files of this message)."""
    inside_forward: set[int] = set()
    for index, part in enumerate(msg.walk()):
        if id(part) in inside_forward:
            continue
        if index and part.get_content_type() == "message/rfc822":
            inside_forward.update(id(p) for p in part.walk() if p is not part)
            yield index, part
        elif not part.is_multipart():
            yield index, part


def _is_file(part: Message) -> bool:
    kind = part.get_content_type()
    if kind in NOT_FILES or kind.startswith("multipart/"):
        return False
    disposition = part.get_content_disposition()
    if disposition == "attachment":
        return True
    if kind == "message/rfc822":
        return disposition is not None or part.get_filename() is not None
    # a named part with a Content-ID is shown in the text (a signature's logo), not attached
    return part.get_filename() is not None and part.get("content-id") is None


def _file(index: int, part: Message) -> MessageFile:
    return MessageFile(
        name=_name(part, index),
        content_type=_content_type(part),
        size=len(_decoded(part)),
        part=index,
    )


def _content_type(part: Message) -> str:
    """The part's type, if it is one (`email` keeps whatever a malformed header says, an
    escape sequence included, and the operator's terminal shows it)."""
    kind = part.get_content_type()
    return kind if _MIME_TYPE.fullmatch(kind) else "application/octet-stream"


def _decoded(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        message = inner[0] if isinstance(inner, list) and inner else None
        return message.as_bytes() if isinstance(message, Message) else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _name(part: Message, index: int) -> str:
    """The file's own name without a path or characters that could mislead (a bidi override
    turning 'exe.pdf' around); a made-up one if it has none."""
    try:
        given = part.get_filename() or ""
    except Exception:  # an undecodable name is no name
        given = ""
    base = given.replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(_UNSAFE.sub(" ", base).split()).strip(". ")
    if not name:
        suffix = ".eml" if part.get_content_type() == "message/rfc822" else ""
        name = f"attachment-{index}{suffix}"
    return name[-NAME:]
