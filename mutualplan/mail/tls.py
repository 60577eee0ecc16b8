"""TLS for the mail clients, and one-line descriptions of why a connection failed.

A private CA is trusted only when its file is configured; otherwise the system's trust store is.
"""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

from mutualplan.errors import ConfigError


def client_tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verify the server against `ca_file` if given, else against the system's trust store."""
    try:
        return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot read the CA file {ca_file}: {_reason(exc)}") from None


def describe_connection_error(exc: BaseException, *, ca_setting: str) -> str:
    """Why a connection failed, in words a person can act on (never echoing credentials)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or _reason(exc)
        return (
            f"TLS handshake failed: certificate verify failed ({detail}; "
            f"self-signed or private CA? set {ca_setting})"
        )
    if isinstance(exc, ssl.SSLError):
        return f"TLS handshake failed: {_reason(exc)} (is this port really TLS?)"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running, and is this the right port?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host name: {exc.strerror}"
    if isinstance(exc, TimeoutError):
        return "timed out (a firewall, or the wrong port?)"
    if isinstance(exc, ConnectionError | EOFError):
        return f"the server closed the connection ({type(exc).__name__})"
    return _reason(exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLError) and exc.reason:
        return str(exc.reason).replace("_", " ").lower()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
