"""JSON log lines, and secrets masked in whatever is logged."""

from __future__ import annotations

import io
import json
import logging

import pytest

from mutualplan.logs import configure_logging

pytestmark = pytest.mark.usefixtures("restore_logging")
SECRET = "s3cret-hmac-key-value"
PASSWORD = "imap-password-xyz"


def test_json_lines_with_the_traceback_as_text() -> None:
    out = io.StringIO()
    configure_logging(level=logging.INFO, log_format="json", stream=out)
    log = logging.getLogger("mutualplan.test")
    log.info("plan %s started", "p-1")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("could not process a message")
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["level"] == "INFO" and first["logger"] == "mutualplan.test"
    assert first["message"] == "plan p-1 started"
    assert first["time"].endswith("+00:00")
    assert second["level"] == "ERROR"
    assert "ValueError: boom" in second["exc_info"]


def test_secrets_are_masked_in_messages_and_tracebacks() -> None:
    out = io.StringIO()
    configure_logging(level=logging.INFO, log_format="json", secrets=[SECRET, PASSWORD], stream=out)
    log = logging.getLogger("mutualplan.test")
    log.warning("token key is %s", SECRET)
    try:
        raise RuntimeError(f"login failed with {PASSWORD}")
    except RuntimeError:
        log.exception("listener: password %s refused", PASSWORD)
    text = out.getvalue()
    assert SECRET not in text and PASSWORD not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["message"] == "token key is ********"
    assert "login failed with ********" in second["exc_info"]


def test_text_format_masks_too() -> None:
    out = io.StringIO()
    configure_logging(level=logging.INFO, log_format="text", secrets=[SECRET], stream=out)
    logging.getLogger("temporalio.worker").warning("connecting with %s", SECRET)
    assert out.getvalue().rstrip().endswith("WARNING temporalio.worker: connecting with ********")


def test_short_values_are_not_masked_as_words() -> None:
    """The dev IMAP password is `dev`: masking it would garble every `dev` in the logs."""
    out = io.StringIO()
    configure_logging(level=logging.INFO, log_format="text", secrets=["dev"], stream=out)
    logging.getLogger("mutualplan").warning("dev mail: SMTP up")
    assert "dev mail: SMTP up" in out.getvalue()


def test_configuring_twice_keeps_one_handler() -> None:
    configure_logging(level=logging.INFO, log_format="text")
    configure_logging(level=logging.INFO, log_format="json")
    ours = [h for h in logging.getLogger().handlers if h.get_name() == "mutualplan"]
    assert len(ours) == 1


def test_a_text_record_stays_on_its_line_whatever_its_message_holds() -> None:
    """A message may quote what someone wrote; a line break in it must not start a line that
    reads as a record of its own. A traceback still follows on its own lines."""
    out = io.StringIO()
    configure_logging(level=logging.INFO, log_format="text", stream=out)
    log = logging.getLogger("mutualplan.test")
    forged = "Globex\r\n2026-12-06 09:00:00,000 ERROR mutualplan: forged\u2028\x1b[31m red"
    log.info("started plan p-1 (%s) for alex@acme.example", forged)
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("could not process %s", "a\nb")
    first, second, *trace = out.getvalue().splitlines()
    assert first.endswith(
        "INFO mutualplan.test: started plan p-1 (Globex\\r\\n2026-12-06 09:00:00,000 ERROR "
        "mutualplan: forged\\u2028\\x1b[31m red) for alex@acme.example"
    )
    assert second.endswith("ERROR mutualplan.test: could not process a\\nb")
    assert trace[0] == "Traceback (most recent call last):" and trace[-1] == "ValueError: boom"
