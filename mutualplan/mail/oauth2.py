"""OAuth2 for the mail servers: an access token from a command, and the XOAUTH2 SASL string.

The token comes from a command the operator configures (`imap_token_command`,
`smtp_token_command`), run at every login, like mutt's or aerc's password commands: `oama`,
`mutt_oauth2.py` or a cloud CLI keep the refresh token and print a fresh access token. Its output
is the token, so it is never logged nor put in an error message.
"""

from __future__ import annotations

import subprocess

from mutualplan.errors import MailError

TOKEN_COMMAND_TIMEOUT = 30.0
_STDERR_SHOWN = 200


class TokenCommandError(MailError):
    """The token command failed, timed out, or printed nothing."""


def access_token(command: str, *, timeout: float = TOKEN_COMMAND_TIMEOUT) -> str:
    """Run `command` with the shell; the first line it prints is the access token."""
    try:
        done = subprocess.run(
            command, shell=True, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise TokenCommandError(f"the token command timed out after {timeout:g}s") from None
    except OSError as exc:
        raise TokenCommandError(f"the token command could not run: {exc.strerror}") from None
    if done.returncode != 0:
        said = _last_line(done.stderr)
        raise TokenCommandError(
            f"the token command failed (exit {done.returncode})" + (f": {said}" if said else "")
        )
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    if not lines or not lines[0].strip():
        raise TokenCommandError("the token command printed no access token")
    return lines[0].strip()


def xoauth2_string(user: str, token: str) -> bytes:
    """The XOAUTH2 initial client response (before base64), as Google and Microsoft define it."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    said = next((line for line in reversed(lines) if line), "")
    return said[:_STDERR_SHOWN]
