"""Logging for the `mutualplan` process: text or one JSON object per line, secrets masked.

The mask sits on the handler, so it covers every logger (ours, temporalio's, imapclient's) and
the traceback text of `log.exception()` as well as the message.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal, TextIO

from temporalio.runtime import LogForwardingConfig, LoggingConfig, TelemetryFilter

MASK = "********"
# shorter values are too common as words to mask everywhere (and too weak to be real secrets)
MIN_MASKED_LENGTH = 4
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "mutualplan"
CORE_LOGGER = "temporalio.core"


class SecretMask(logging.Filter):
    """Replace every configured secret value in a record's message and traceback with MASK."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        found = {s for s in secrets if len(s) >= MIN_MASKED_LENGTH}
        self._secrets = sorted(found, key=len, reverse=True)  # longest first: no partial leaks

    def mask(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        record.msg = self.mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


# Line breaks and other control characters in a text record's message, as escapes: a message
# may quote what someone wrote (a deal's name, a reason), and a line break in it would start a
# line that reads as a record of its own. (A traceback still follows on its own lines.)
_ESCAPED = {
    code: repr(chr(code))[1:-1]
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    if code != 0x09
}


class TextFormatter(logging.Formatter):
    """TEXT_FORMAT, each record's message on its one line."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = record.message.translate(_ESCAPED)
        return super().formatMessage(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and exc_info as text."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(
    *,
    level: int,
    log_format: Literal["text", "json"],
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Log to stderr (or `stream`) in `log_format`, masking `secrets`; the handler installed.

    It replaces the handler an earlier call installed and leaves any other (a test runner's).
    """
    handler = logging.StreamHandler(stream)
    handler.set_name(_HANDLER_NAME)
    formatter = JsonFormatter() if log_format == "json" else TextFormatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    handler.addFilter(SecretMask(secrets))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx2 logs each request's full URL at INFO: a webhook receiver's user, password or key
    logging.getLogger("httpx2").setLevel(max(level, logging.WARNING))
    logging.captureWarnings(True)  # Python's warnings too, in the same format
    return handler


def core_logging() -> LoggingConfig:
    """The Temporal SDK core's own log lines (Rust), handed to Python logging under
    `temporalio.core`: they come out in the process's format (JSON lines in JSON mode, not the
    core's colour-coded text), with secrets masked like every other line, and in words."""
    logger = logging.getLogger(CORE_LOGGER)
    if not any(isinstance(f, CoreErrorInWords) for f in logger.filters):
        logger.addFilter(CoreErrorInWords())
    return LoggingConfig(
        filter=TelemetryFilter(core_level="WARN", other_level="ERROR"),
        forwarding=LogForwardingConfig(
            logger=logger,
            append_target_to_name=False,
            prepend_target_on_message=False,
            append_log_fields_to_message=False,
        ),
    )


class CoreErrorInWords(logging.Filter):
    """A core line's error field (Rust debug output: `Status { ..., source: Some(tonic::...) }`)
    added to its message in words: `gRPC call ... retried 6 times: Connection refused`."""

    def filter(self, record: logging.LogRecord) -> bool:
        fields = getattr(getattr(record, "temporal_log", None), "fields", None) or {}
        if error := fields.get("error"):
            record.msg = f"{record.getMessage()}: {in_words(str(error))}"
            record.args = None
        return True


# The words of the innermost cause of a Temporal SDK error (`message: "Connection refused"`),
# else a description of the Rust error named in it.
_QUOTED_CAUSE = re.compile(r'\b(?:message|error): "([^"]+)"')
_NAMED_CAUSES = [
    ("UnknownIssuer", "its TLS certificate is signed by an unknown CA (set temporal_tls_ca?)"),
    ("InvalidCertificate", "its TLS certificate was refused"),
    ("CorruptMessage", "the TLS handshake failed (does it speak TLS?)"),
    ("InvalidContentType", "the TLS handshake failed (does it speak TLS?)"),
    ("deadline has elapsed", "no answer in time"),
    ("Elapsed", "no answer in time"),
]


def in_words(error: str) -> str:
    """`Failed client connect: ... tonic::transport::Error(... "Connection refused" ...)` as
    `Connection refused`: what a person can act on, without the Rust structure around it."""
    quoted: list[str] = _QUOTED_CAUSE.findall(error)
    if quoted:
        return quoted[-1]
    for name, words in _NAMED_CAUSES:
        if name in error:
            return words
    return error.removeprefix("Failed client connect: ")
