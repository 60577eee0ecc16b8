"""Send email over SMTP (aiosmtplib). Errors become MailError, marked permanent or not."""

from __future__ import annotations

import ssl
from email.message import EmailMessage

import aiosmtplib

from mutualplan.errors import MailError
from mutualplan.settings import Settings


class SmtpRefused(MailError):
    """The server refused the message; `permanent` for 5xx replies, which no retry will fix."""

    def __init__(self, code: int, message: str) -> None:
        self.code = code
        self.permanent = 500 <= code < 600
        super().__init__(f"SMTP server refused the message: {code} {message}")


class SmtpSender:
    def __init__(self, settings: Settings, *, tls_context: ssl.SSLContext | None = None) -> None:
        self._settings = settings
        self._tls_context = tls_context

    async def send(self, message: EmailMessage) -> None:
        s = self._settings
        password = s.smtp_password.get_secret_value() if s.smtp_password else None
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=password,
                use_tls=s.smtp_security == "tls",
                start_tls=s.smtp_security == "starttls",
                tls_context=self._tls_context,
                timeout=30,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            first = exc.recipients[0]
            raise SmtpRefused(first.code, f"{first.recipient}: {first.message}") from None
        except aiosmtplib.SMTPResponseException as exc:
            raise SmtpRefused(exc.code, exc.message) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise MailError(
                f"cannot send through {s.smtp_host}:{s.smtp_port}: {type(exc).__name__}"
            ) from None
