"""OAuth2 (XOAUTH2) for IMAP and SMTP through local servers that check the SASL exchange:
the token comes from the configured command at each login, a wrong token gets the server's error
challenge answered with an empty line and a clear error, a failing command a clear error, and
the token never shows in an error, a log line or `doctor`."""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.errors import MailServerError
from mutualplan.mail.oauth2 import TokenCommandError, access_token
from mutualplan.mail.receive import connect
from mutualplan.mail.send import SmtpSender, check_smtp_login
from mutualplan.settings import Settings
from mutualplan.worker.doctor import check_imap, check_smtp
from tests.support.tls import GOOD_TOKEN, XOAUTH2_USER, Pki, XOAuth2Imap, XOAuth2Smtp

WRONG_TOKEN = "ya29.a0-expired-token-9876543210"
FAILING = "echo 'invalid_grant: token has been expired or revoked' >&2; exit 3"


def token_command(tmp_path: Path, token: str) -> str:
    """A command printing `token`, counting its runs in a file (like oama or mutt_oauth2.py)."""
    script = tmp_path / "token.sh"
    script.write_text(f"#!/bin/sh\necho run >> {tmp_path / 'runs'}\necho {token}\n", "utf-8")
    script.chmod(0o700)
    return str(script)


def runs(tmp_path: Path) -> int:
    path = tmp_path / "runs"
    return len(path.read_text("utf-8").splitlines()) if path.exists() else 0


def imap_settings(pki: Pki, server: XOAuth2Imap, command: str) -> Settings:
    return Settings.model_validate(
        {
            "imap_port": server.port,
            "imap_security": "starttls",
            "imap_ca_file": pki.ca_file,
            "imap_username": XOAUTH2_USER,
            "imap_auth": "xoauth2",
            "imap_token_command": command,
        }
    )


def smtp_settings(pki: Pki, server: XOAuth2Smtp, command: str) -> Settings:
    return Settings.model_validate(
        {
            "smtp_port": server.port,
            "smtp_security": "starttls",
            "smtp_ca_file": pki.ca_file,
            "smtp_username": XOAUTH2_USER,
            "smtp_auth": "xoauth2",
            "smtp_token_command": command,
        }
    )


def message() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = XOAUTH2_USER
    msg["To"] = "jane@globex.example"
    msg["Subject"] = "sent with XOAUTH2"
    msg.set_content("hello")
    return msg


def no_token_logged(caplog: pytest.LogCaptureFixture, *tokens: str) -> bool:
    ours = [r for r in caplog.records if r.name.split(".")[0] in ("mutualplan", "imapclient")]
    text = "\n".join(r.getMessage() + (r.exc_text or "") for r in ours)
    return not any(token in text for token in tokens)


# --- IMAP ----------------------------------------------------------------------------------------


async def test_imap_logs_in_with_a_fresh_token_each_time(
    pki: Pki, imap_xoauth2: XOAuth2Imap, tmp_path: Path
) -> None:
    settings = imap_settings(pki, imap_xoauth2, token_command(tmp_path, GOOD_TOKEN))

    def session() -> list[str]:
        client = connect(settings)
        try:
            return [name for _, _, name in client.list_folders()]
        finally:
            client.logout()

    folders = await asyncio.to_thread(session)
    assert {"INBOX", "Processed", "Set aside"} <= set(folders)
    await asyncio.to_thread(session)
    assert runs(tmp_path) == 2
    assert imap_xoauth2.sasl.events == [f"user={XOAUTH2_USER} token=good"] * 2


async def test_imap_wrong_token_is_refused_clearly(
    pki: Pki, imap_xoauth2: XOAuth2Imap, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = imap_settings(pki, imap_xoauth2, token_command(tmp_path, WRONG_TOKEN))
    with pytest.raises(MailServerError) as caught:
        await asyncio.to_thread(connect, settings)
    assert str(caught.value).startswith(
        f"IMAP 127.0.0.1:{imap_xoauth2.port}: XOAUTH2 login refused for {XOAUTH2_USER}: "
    )
    assert '(server said: {"status": "401", "schemes": "bearer"' in str(caught.value)
    assert WRONG_TOKEN not in str(caught.value)
    assert imap_xoauth2.sasl.events == [
        f"user={XOAUTH2_USER} token=wrong",
        "empty answer to the error challenge",
    ]
    assert no_token_logged(caplog, WRONG_TOKEN)


async def test_imap_failing_token_command(pki: Pki, imap_xoauth2: XOAuth2Imap) -> None:
    settings = imap_settings(pki, imap_xoauth2, FAILING)
    with pytest.raises(MailServerError) as caught:
        await asyncio.to_thread(connect, settings)
    assert str(caught.value) == (
        f"IMAP 127.0.0.1:{imap_xoauth2.port}: XOAUTH2: the token command failed (exit 3): "
        "invalid_grant: token has been expired or revoked"
    )
    assert imap_xoauth2.sasl.events == []  # nothing was sent


# --- SMTP ----------------------------------------------------------------------------------------


async def test_smtp_logs_in_with_a_fresh_token_for_each_session(
    pki: Pki, smtp_xoauth2: XOAuth2Smtp, tmp_path: Path
) -> None:
    settings = smtp_settings(pki, smtp_xoauth2, token_command(tmp_path, GOOD_TOKEN))
    async with SmtpSender(settings.smtp) as sender:  # the session is kept open between emails
        await sender.send(message())
        await sender.send(message())
    async with SmtpSender(settings.smtp) as sender:  # a new session logs in with a new token
        await sender.send(message())
    assert [m["Subject"] for m in smtp_xoauth2.messages] == ["sent with XOAUTH2"] * 3
    assert smtp_xoauth2.sasl.events == [f"user={XOAUTH2_USER} token=good"] * 2
    assert runs(tmp_path) == 2


async def test_smtp_wrong_token_is_refused_clearly(
    pki: Pki, smtp_xoauth2: XOAuth2Smtp, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = smtp_settings(pki, smtp_xoauth2, token_command(tmp_path, WRONG_TOKEN))
    with pytest.raises(MailServerError) as caught:
        await SmtpSender(settings.smtp).send(message())
    assert str(caught.value) == (
        f"SMTP 127.0.0.1:{smtp_xoauth2.port}: XOAUTH2 login refused for {XOAUTH2_USER}: "
        "535 5.7.8 Username and Password not accepted (test)"
    )
    assert smtp_xoauth2.sasl.events == [
        f"user={XOAUTH2_USER} token=wrong",
        "empty answer to the error challenge",
    ]
    assert smtp_xoauth2.messages == []
    assert no_token_logged(caplog, WRONG_TOKEN)


async def test_smtp_failing_token_command(pki: Pki, smtp_xoauth2: XOAuth2Smtp) -> None:
    with pytest.raises(MailServerError) as caught:
        await SmtpSender(smtp_settings(pki, smtp_xoauth2, FAILING).smtp).send(message())
    assert str(caught.value) == (
        f"SMTP 127.0.0.1:{smtp_xoauth2.port}: XOAUTH2: the token command failed (exit 3): "
        "invalid_grant: token has been expired or revoked"
    )
    assert smtp_xoauth2.sasl.events == []


async def test_smtp_login_check(pki: Pki, smtp_xoauth2: XOAuth2Smtp, tmp_path: Path) -> None:
    settings = smtp_settings(pki, smtp_xoauth2, token_command(tmp_path, GOOD_TOKEN))
    assert await check_smtp_login(settings.smtp) == (
        f"STARTTLS, EHLO answered, logged in as {XOAUTH2_USER} with XOAUTH2"
    )


# --- doctor and settings -------------------------------------------------------------------------


async def test_doctor_names_the_auth_method_and_the_failure(
    pki: Pki, imap_xoauth2: XOAuth2Imap, smtp_xoauth2: XOAuth2Smtp, tmp_path: Path
) -> None:
    good = token_command(tmp_path, GOOD_TOKEN)
    settings = imap_settings(pki, imap_xoauth2, good).model_copy(
        update=smtp_settings(pki, smtp_xoauth2, good).model_dump(include=_SMTP_FIELDS)
    )
    imap, folders = await asyncio.to_thread(check_imap, settings)
    smtp = await check_smtp(settings)
    assert imap.line() == (
        f"\u2713 IMAP 127.0.0.1:{imap_xoauth2.port}: STARTTLS, logged in as {XOAUTH2_USER} "
        "with XOAUTH2, INBOX has 0 message(s)"
    )
    assert folders.ok
    assert smtp.line() == (
        f"\u2713 SMTP 127.0.0.1:{smtp_xoauth2.port}: STARTTLS, EHLO answered, logged in as "
        f"{XOAUTH2_USER} with XOAUTH2 (nothing sent)"
    )

    broken = settings.model_copy(
        update={"imap_token_command": FAILING, "smtp_token_command": FAILING}
    )
    imap, folders = await asyncio.to_thread(check_imap, broken)
    smtp = await check_smtp(broken)
    assert imap.line() == (
        f"\u2717 IMAP 127.0.0.1:{imap_xoauth2.port}: XOAUTH2: the token command failed (exit 3): "
        "invalid_grant: token has been expired or revoked"
    )
    assert folders.line() == "\u2717 IMAP folders: not checked (needs an IMAP session)"
    assert smtp.line().startswith(
        f"\u2717 SMTP 127.0.0.1:{smtp_xoauth2.port}: XOAUTH2: the token command failed"
    )


_SMTP_FIELDS = {
    "smtp_port",
    "smtp_security",
    "smtp_ca_file",
    "smtp_username",
    "smtp_auth",
    "smtp_token_command",
}


def test_xoauth2_needs_a_token_command() -> None:
    with pytest.raises(ValueError, match="imap_auth = xoauth2 needs imap_token_command"):
        Settings.model_validate({"imap_auth": "xoauth2"})
    with pytest.raises(ValueError, match="smtp_auth = xoauth2 needs smtp_username"):
        Settings.model_validate({"smtp_auth": "xoauth2", "smtp_token_command": "oama access x"})


@pytest.mark.parametrize(
    ("command", "timeout", "problem"),
    [
        ("true", 5.0, "the token command printed no access token"),
        ("sleep 5", 0.2, "the token command timed out after 0.2s"),
        ("exit 7", 5.0, "the token command failed (exit 7)"),
    ],
)
def test_token_command_problems(command: str, timeout: float, problem: str) -> None:
    with pytest.raises(TokenCommandError) as caught:
        access_token(command, timeout=timeout)
    assert str(caught.value) == problem


def test_token_is_the_first_line_printed() -> None:
    assert access_token(f"printf '  {GOOD_TOKEN}  \\nexpires in 3599\\n'") == GOOD_TOKEN
