"""The MIME skeleton: reports (delivery status, read receipts, ARF) and returned headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import Message

from mutualplan.mail.automated.header_fields import first_value, quoted
from mutualplan.mail.headers import as_text

_REPORT_KINDS = {
    "delivery-status": "delivery status report",
    "global-delivery-status": "delivery status report",
    "disposition-notification": "read receipt (MDN)",
    "global-disposition-notification": "read receipt (MDN)",
    "feedback-report": "abuse/feedback report (ARF)",
}
_REPORT_PARTS = {
    "message/delivery-status": "delivery status report",
    "message/global-delivery-status": "delivery status report",
    "message/disposition-notification": "read receipt (MDN)",
    "message/global-disposition-notification": "read receipt (MDN)",
    "message/feedback-report": "abuse/feedback report (ARF)",
    # Returned headers of the original message: only bounces and reports carry these.
    "text/rfc822-headers": "returned message headers (text/rfc822-headers)",
    "message/global-headers": "returned message headers (message/global-headers)",
}
# A bound on the MIME walk, so a hostile message with thousands of parts stays cheap.
_MAX_PARTS = 200
_RAW_REPORT_TYPE = re.compile(r"report-type\s*=\s*\"?([\w.-]+)", re.IGNORECASE)


def _content_type(part: Message) -> str:
    try:
        return as_text(part.get_content_type()).lower()
    except Exception:  # malformed Content-Type: read it raw
        raw = first_value(part, "Content-Type")
        return raw.split(";", 1)[0].strip().lower()


def _own_parts(msg: Message) -> Iterator[Message]:
    """The message and its MIME parts, without entering attached messages.

    A person who forwards a bounce as an attachment (``message/rfc822``) still wrote the
    outer message, so what is inside an attached message must not count.
    """
    stack = [msg]
    seen = 0
    while stack and seen < _MAX_PARTS:
        part = stack.pop()
        seen += 1
        yield part
        if not _content_type(part).startswith("multipart/"):
            continue
        try:
            children = part.get_payload()
        except Exception:  # unreadable multipart body: there is nothing below to inspect
            continue
        if isinstance(children, list):
            stack.extend(reversed([c for c in children if isinstance(c, Message)]))


def _report_type(msg: Message) -> str:
    try:
        value = msg.get_param("report-type", header="Content-Type")
    except Exception:  # malformed parameters: search the raw value
        value = None
    if isinstance(value, str):
        return as_text(value).strip().lower()
    match = _RAW_REPORT_TYPE.search(first_value(msg, "Content-Type"))
    return match.group(1).lower() if match else ""


def mime_report(msg: Message) -> str | None:
    for part in _own_parts(msg):
        ctype = _content_type(part)
        if ctype == "multipart/report":
            kind = _report_type(part)
            return _REPORT_KINDS.get(kind, f"multipart/report ({quoted(kind) or 'no report-type'})")
        if ctype in _REPORT_PARTS:
            return _REPORT_PARTS[ctype]
    return None
