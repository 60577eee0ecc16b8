"""Files people sent about a plan, served to the people on it: read from the processed message
in the plans mailbox over IMAP when someone downloads one, never copied into the plan.

    GET /f/<link>   the file the link names, for the person it was sent to

The file is always a download (`Content-Disposition: attachment`), with its own type only when
that type cannot run in a browser; anything else (HTML, SVG...) is served as bytes. Programs
and files over `attachments.MAX_SERVED_BYTES` are listed on the plan, not served.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol
from urllib.parse import quote

from mutualplan.errors import MailError, MutualPlanError
from mutualplan.mail.attachments import FileContent, file_content, why_not_served
from mutualplan.mail.receive import open_mailbox
from mutualplan.models import Attachment, Phrase, phrase
from mutualplan.settings import Settings

log = logging.getLogger(__name__)

# types a browser shows or hands to an application, and never runs as a page of this site
SAFE_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "message/rfc822",
}


class ProcessedMessages(Protocol):
    """Where the messages the engine has dealt with are kept, by Message-ID."""

    async def find(self, message_id: str) -> bytes | None: ...


class PlansMailbox:
    """The processed folder of the plans mailbox, over IMAP (one short connection a file)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def find(self, message_id: str) -> bytes | None:
        return await asyncio.to_thread(self._find, message_id)

    def _find(self, message_id: str) -> bytes | None:
        with open_mailbox(self._settings, folder=self._settings.processed_folder) as mailbox:
            return mailbox.find(message_id)


class FileUnavailable(MutualPlanError):
    """A listed file that cannot be downloaded; `status`, `title` and `said` for the page saying
    so (in the reader's language)."""

    def __init__(self, status: int, title: Phrase, said: Phrase) -> None:
        super().__init__(said.english())
        self.status, self.title, self.said = status, title, said


async def read_file(listed: Attachment, messages: ProcessedMessages) -> FileContent:
    """The file's bytes, from the message it came with; FileUnavailable if they cannot be had."""
    if why := why_not_served(listed):
        said = phrase("{name} is {why}.", name=listed.name, why=why)
        raise FileUnavailable(403, phrase("Not served here"), said)
    try:
        raw = await messages.find(listed.message_id)
    except MailError as exc:
        log.warning("plan page: cannot read the plans mailbox: %s", exc)
        raise FileUnavailable(
            503, phrase("Try again in a minute"), phrase("The file cannot be read now.")
        ) from None
    content = file_content(raw, listed.part) if raw is not None else None
    if content is None:
        gone = phrase("The email it came with is no longer in the plans mailbox.")
        raise FileUnavailable(404, phrase("File not found"), gone)
    return content


def served_type(content: FileContent) -> str:
    kind = content.content_type.lower()
    if kind in SAFE_TYPES:
        return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind
    return "application/octet-stream"


def disposition(name: str) -> str:
    """A download under its own name (RFC 6266), with a plain ASCII name for old clients."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
