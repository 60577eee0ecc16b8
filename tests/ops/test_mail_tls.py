"""SMTP and IMAP over TLS and STARTTLS against real servers on loopback with a test CA."""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Callable
from email.message import EmailMessage

import pytest

from mutualplan.devstack.mailserver import deliver
from mutualplan.errors import MailServerError
from mutualplan.mail.receive import connect, open_mailbox
from mutualplan.mail.send import SmtpSender, check_smtp_login
from mutualplan.settings import Settings
from tests.support.tls import SMTP_PASSWORD, SMTP_USER, Imap, Pki, TlsSmtp

IMAP_PASSWORD = "imap-password-123"


def message() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = "jane@globex.example"
    msg["Subject"] = "over TLS"
    msg.set_content("hello")
    return msg


def smtp_settings(pki: Pki, port: int, security: str, **extra: object) -> Settings:
    values: dict[str, object] = {
        "smtp_port": port,
        "smtp_security": security,
        "smtp_ca_file": pki.ca_file,
        "smtp_username": SMTP_USER,
        "smtp_password": SMTP_PASSWORD,
    }
    return Settings.model_validate({**values, **extra})


def imap_settings(pki: Pki, port: int, security: str, **extra: object) -> Settings:
    values: dict[str, object] = {
        "imap_port": port,
        "imap_security": security,
        "imap_ca_file": pki.ca_file,
        "imap_password": IMAP_PASSWORD,
    }
    return Settings.model_validate({**values, **extra})


async def test_smtp_implicit_tls_delivers(pki: Pki, smtps: TlsSmtp) -> None:
    await SmtpSender(smtp_settings(pki, smtps.port, "tls").smtp).send(message())
    assert [m["Subject"] for m in smtps.messages] == ["over TLS"]


async def test_smtp_starttls_with_login_delivers(pki: Pki, smtp_starttls: TlsSmtp) -> None:
    await SmtpSender(smtp_settings(pki, smtp_starttls.port, "starttls").smtp).send(message())
    assert [m["Subject"] for m in smtp_starttls.messages] == ["over TLS"]


async def test_smtp_login_check_sends_nothing(pki: Pki, smtp_starttls: TlsSmtp) -> None:
    done = await check_smtp_login(smtp_settings(pki, smtp_starttls.port, "starttls").smtp)
    assert done.startswith("STARTTLS, EHLO answered")
    assert f"logged in as {SMTP_USER}" in done
    assert smtp_starttls.messages == []


@pytest.mark.parametrize("security", ["tls", "starttls"])
async def test_smtp_wrong_ca_is_a_clear_error_without_the_password(
    pki: Pki, smtps: TlsSmtp, smtp_starttls: TlsSmtp, security: str
) -> None:
    port = smtps.port if security == "tls" else smtp_starttls.port
    settings = smtp_settings(pki, port, security, smtp_ca_file=pki.other_ca_file)
    with pytest.raises(MailServerError) as caught:
        await SmtpSender(settings.smtp).send(message())
    text = str(caught.value)
    assert text.startswith(
        f"SMTP 127.0.0.1:{port}: TLS handshake failed: certificate verify failed"
    )
    assert "MUTUALPLAN_SMTP_CA_FILE" in text
    assert SMTP_PASSWORD not in text


async def test_smtp_wrong_password_says_login_refused(pki: Pki, smtp_starttls: TlsSmtp) -> None:
    wrong = "not-the-password-42"
    settings = smtp_settings(pki, smtp_starttls.port, "starttls", smtp_password=wrong)
    with pytest.raises(MailServerError) as caught:
        await SmtpSender(settings.smtp).send(message())
    assert caught.value.problem.startswith(f"login refused for {SMTP_USER}: 535 ")
    assert wrong not in str(caught.value)
    assert smtp_starttls.messages == []


async def test_smtp_without_the_system_trusting_the_test_ca(pki: Pki, smtps: TlsSmtp) -> None:
    """No CA file: the system's trust store is used, which does not know the test CA."""
    settings = smtp_settings(pki, smtps.port, "tls", smtp_ca_file=None)
    with pytest.raises(MailServerError, match="certificate verify failed"):
        await SmtpSender(settings.smtp).send(message())


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_imap_logs_in_over_tls(pki: Pki, imap_tls: Imap, security: str) -> None:
    port = imap_tls.starttls_port if security == "starttls" else imap_tls.tls_port
    settings = imap_settings(pki, port, security)

    def session() -> tuple[bool, list[str]]:
        client = connect(settings)
        try:
            folders = [name for _, _, name in client.list_folders()]
            return isinstance(client.socket(), ssl.SSLSocket), folders
        finally:
            client.logout()

    encrypted, folders = await asyncio.to_thread(session)
    assert encrypted
    assert {"INBOX", "Processed", "Set aside"} <= set(folders)


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_imap_idle_over_tls_sleeps_until_mail_comes(
    pki: Pki, imap_tls: Imap, security: str, timed_idle: Callable[..., tuple[float, int]]
) -> None:
    # the listener looks into TLS's buffer without blocking before it waits (Mailbox.wait)
    port = imap_tls.starttls_port if security == "starttls" else imap_tls.tls_port
    settings = imap_settings(pki, port, security)

    def idle() -> tuple[float, float, int]:
        with open_mailbox(settings) as mailbox:
            quiet, _ = timed_idle(mailbox, 1)  # nothing comes: it waits the whole second
            mail = (imap_tls.root, settings.plans_address, "jane@globex.example", b"\r\nok\r\n")
            threading.Timer(0.5, deliver, mail).start()
            return (quiet, *timed_idle(mailbox))

    quiet, woken, pending = await asyncio.to_thread(idle)
    assert quiet >= 1
    assert woken < 5
    assert pending == 1


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_imap_wrong_ca_is_a_clear_error_without_the_password(
    pki: Pki, imap_tls: Imap, security: str
) -> None:
    port = imap_tls.starttls_port if security == "starttls" else imap_tls.tls_port
    settings = imap_settings(pki, port, security, imap_ca_file=pki.other_ca_file)
    with pytest.raises(MailServerError) as caught:
        await asyncio.to_thread(connect, settings)
    text = str(caught.value)
    step = "STARTTLS failed: " if security == "starttls" else ""
    assert text.startswith(
        f"IMAP 127.0.0.1:{port}: {step}TLS handshake failed: certificate verify failed"
    )
    assert "MUTUALPLAN_IMAP_CA_FILE" in text
    assert IMAP_PASSWORD not in text
